#!/usr/bin/env bash
# The driver's display's figures, release build: `opencabin cluster` at 1280x480 in Xvfb with
# the software renderer, pinned to one core (taskset -c 0), beside the vehicle service on a
# private bus driving UDDS (a new speed 20 times a second). Prints the time from the process's
# start to its first frame, its CPU over the run, its peak RSS, and the frames and distinct
# speed-dial positions it drew per second (its own count, logged every 10 s).
# Usage: tools/measure-cluster.sh [seconds]   (needs Xvfb, dbus-daemon, busctl)
set -euo pipefail
seconds=${1:-30}
# shellcheck source=tools/measure-common.sh
source "$(dirname "$0")/measure-common.sh" 96
$bin --bus "$address" vehicle-service >/dev/null 2>&1 &
pids+=($!)
until busctl --address="$address" status org.opencabin.Vehicle1 >/dev/null 2>&1; do sleep 0.1; done
# In D the car follows its drive cycle (UDDS by default).
busctl --address="$address" call org.opencabin.Vehicle1 /org/opencabin/Vehicle1 \
  org.opencabin.Vehicle1.Simulation SetGear s D
DISPLAY=:96 SLINT_BACKEND=winit-software RUST_LOG=opencabin::cluster=debug taskset -c 0 \
  $bin --bus "$address" --config "$dir/settings.toml" cluster --size 1280x480 2>"$dir/log" &
cluster=$!
pids+=("$cluster")
until grep -q "first frame" "$dir/log"; do sleep 0.05; done
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$cluster/stat"; }
before=$(ticks)
sleep "$seconds"
after=$(ticks)
sed -n 's/.*ms="\?\([0-9]*\)"\?.*cluster: first frame.*/first frame: \1 ms after the process started/p' "$dir/log"
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
  'BEGIN { printf "CPU while driving UDDS on one core: %.1f %% over %d s\n", 100 * t / hz / s, s }'
grep VmHWM "/proc/$cluster/status" | awk '{printf "peak RSS: %.1f MB\n", $2 / 1024}'
grep "cluster frames" "$dir/log" | tail -n 2 | sed 's/.*frames_per_s/frames_per_s/'
