#!/usr/bin/env bash
# The driver's display's figures, release build: `opencabin cluster` at 1280x480 in Xvfb with
# the software renderer, pinned to one core (taskset -c 0), beside the vehicle service on a
# private bus driving UDDS (a new speed 20 times a second). Prints the time from the process's
# start to its first frame, its CPU over the run and its peak RSS. (The distinct needle positions
# per second come from `cargo bench --bench cluster_frames`: the software renderer cannot count
# its frames in a live window.)
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
# The software renderer has no rendering notifier, so the first frame is seen from outside: the
# screen's pixels at (200,200), inside the window, change from Xvfb's black root.
mapfile -t started < <(DISPLAY=:96 SLINT_BACKEND=winit-software taskset -c 0 \
  tools/first-frame.py 200 200 -- \
  $bin --bus "$address" --config "$dir/settings.toml" cluster --size 1280x480 --position 0,0)
cluster=${started[1]}
pids+=("$cluster")
sleep 3
ticks() { awk '{print $14 + $15}' "/proc/$cluster/stat"; }
before=$(ticks)
sleep "$seconds"
after=$(ticks)
echo "first frame: ${started[0]} ms after the process started"
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
  'BEGIN { printf "CPU while driving UDDS on one core: %.1f %% over %d s\n", 100 * t / hz / s, s }'
grep VmHWM "/proc/$cluster/status" | awk '{printf "peak RSS: %.1f MB\n", $2 / 1024}'
