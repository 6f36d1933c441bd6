#!/usr/bin/env bash
# The UI's CPU while it follows the car, release build, on one core: `opencabin ui` on the
# navigation page at 1920x720 (Xvfb, the software renderer, pinned with taskset -c 0) beside the
# vehicle and navigation services on a private bus, the car at a steady 50 km/h. Measured twice
# for 30 s each: roaming with no route, then guided along a route (the map, the car's arrow and
# the turn banner all follow the 20 Hz position). Prints the share of one core each time.
# Usage: tools/measure-ui-cpu.sh [seconds]   (needs Xvfb, dbus-daemon, busctl)
set -euo pipefail
seconds=${1:-30}
# shellcheck source=tools/measure-common.sh
source "$(dirname "$0")/measure-common.sh" 97
busctl_() { busctl --address="$address" "$@"; }

$bin --bus "$address" vehicle-service >/dev/null 2>&1 &
pids+=($!)
$bin --bus "$address" navigation-service --places "$dir/places.toml" >/dev/null 2>&1 &
pids+=($!)
DISPLAY=:97 SLINT_BACKEND=winit-software taskset -c 0 \
  $bin --bus "$address" --config "$dir/settings.toml" ui --size 1920x720 >/dev/null 2>&1 &
ui=$!
pids+=("$ui")
until busctl_ status org.opencabin.Shell1 >/dev/null 2>&1 &&
  busctl_ status org.opencabin.Navigation1 >/dev/null 2>&1; do sleep 0.2; done
sim=(org.opencabin.Vehicle1 /org/opencabin/Vehicle1 org.opencabin.Vehicle1.Simulation)
busctl_ call "${sim[@]}" SetGear s D
busctl_ call "${sim[@]}" SetManualSpeed d 50
busctl_ call org.opencabin.Shell1 /org/opencabin/Shell1 org.opencabin.Shell1 ShowPage s navigation
sleep 3

ticks() { awk '{print $14 + $15}' "/proc/$ui/stat"; }
measure() {
  local before after
  before=$(ticks)
  sleep "$seconds"
  after=$(ticks)
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$seconds" -v what="$1" \
    'BEGIN { printf "%s: %.1f %% of one core over %d s\n", what, 100 * t / hz / s, s }'
}
measure "no route (the car roams), navigation page"
place=$(busctl_ call org.opencabin.Navigation1 /org/opencabin/Navigation1 org.opencabin.Navigation1 \
  Search s "Kalevankatu" | awk '{print $3}' | tr -d '"')
busctl_ call org.opencabin.Navigation1 /org/opencabin/Navigation1 org.opencabin.Navigation1 \
  SetDestination s "$place"
sleep 2
measure "following a route, navigation page"
busctl_ call org.opencabin.Shell1 /org/opencabin/Shell1 org.opencabin.Shell1 ShowPage s home
sleep 2
measure "following a route, home page (map card)"
