#!/usr/bin/env bash
# Checks the system-bus policies in packaging/dbus/ for real: a private dbus-daemon with a
# system-bus configuration that includes only our policy files, the real services running as
# their own users, and clients running as a member of group `opencabin` and as an outsider.
#
#   sudo packaging/tests/check-dbus-policy.sh /path/to/opencabin
#
# Must run as root (it creates users and switches to them). Works from any directory.
# Creates the users of packaging/sysusers.d/opencabin.conf with systemd-sysusers if they are
# missing, and two test users; removes whatever it created on exit.
# Debian packages: dbus-daemon, dbus-bin (dbus-send), systemd (busctl, systemd-sysusers),
# util-linux (setpriv, flock), passwd (useradd, userdel, groupdel), coreutils. Optional: xvfb (Xvfb)
# for the org.opencabin.Shell1 checks with the real UI (without it they are limited to name
# ownership), python3-dbus and python3-gi for the signal-delivery checks, python3 for the
# sd_notify checks (READY=1, WATCHDOG=1); without them those checks print SKIP.
# The mock phone's checks (org.ofono) are in dbus-policy-phone.sh, the instrument cluster's
# (org.opencabin.Cluster1, with the real `opencabin cluster` when Xvfb is there) in
# dbus-policy-cluster.sh, both sourced from here.
# Prints one line per check; exits non-zero if any check fails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PACKAGING=$(dirname "$HERE")
REPO=$(dirname "$PACKAGING")

usage() { echo "usage: $0 /path/to/opencabin" >&2; exit 2; }
[[ $# -eq 1 ]] || usage
BIN=$(realpath -e "$1" 2>/dev/null) || { echo "check-dbus-policy: no such file: $1" >&2; exit 2; }
[[ -x $BIN ]] || { echo "check-dbus-policy: not executable: $BIN" >&2; exit 2; }
((EUID == 0)) || { echo "check-dbus-policy: must run as root (creates users, switches to them)" >&2; exit 2; }
for tool in dbus-daemon dbus-send busctl systemd-sysusers setpriv flock useradd userdel groupdel timeout; do
  command -v "$tool" >/dev/null || { echo "check-dbus-policy: $tool is missing (see the package list at the top of $0)" >&2; exit 2; }
done

# One run at a time: runs share the service users, which the first one may remove on exit.
exec 9>/run/lock/opencabin-check-dbus-policy.lock
flock -w 600 9 || { echo "check-dbus-policy: another run holds the lock" >&2; exit 1; }

VEHICLE=org.opencabin.Vehicle1
VEHICLE_PATH=/org/opencabin/Vehicle1
MEDIA=org.mpris.MediaPlayer2.opencabin
MEDIA_PATH=/org/mpris/MediaPlayer2
SHELL_NAME=org.opencabin.Shell1
SHELL_PATH=/org/opencabin/Shell1
CLUSTER=org.opencabin.Cluster1
NAVIGATION=org.opencabin.Navigation1
NAVIGATION_PATH=/org/opencabin/Navigation1
DENIED=org.freedesktop.DBus.Error.AccessDenied

MEMBER=occheck-in-$$
OUTSIDER=occheck-out-$$
CREATED_USERS=()
CREATED_GROUPS=()
PIDS=()
WORK=$(mktemp -d /tmp/opencabin-policy.XXXXXX)
chmod 0755 "$WORK"

cleanup() {
  local status=$?
  set +e
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  local user group
  for user in "${CREATED_USERS[@]}"; do userdel "$user" 2>/dev/null || echo "cleanup: cannot remove user $user" >&2; done
  for group in "${CREATED_GROUPS[@]}"; do
    getent group "$group" >/dev/null && { groupdel "$group" || echo "cleanup: cannot remove group $group" >&2; }
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- users -----------------------------------------------------------------------------------
SERVICE_USERS=(opencabin-vehicle opencabin-media opencabin-navigation opencabin-phone opencabin-ui)
missing_users=()
for user in "${SERVICE_USERS[@]}"; do getent passwd "$user" >/dev/null || missing_users+=("$user"); done
group_existed=yes
getent group opencabin >/dev/null || group_existed=no
if ((${#missing_users[@]})) || [[ $group_existed == no ]]; then
  echo "setup: creating the missing service users and group with systemd-sysusers $PACKAGING/sysusers.d/opencabin.conf"
  CREATED_USERS+=("${missing_users[@]}")
  [[ $group_existed == no ]] && CREATED_GROUPS+=(opencabin)
  systemd-sysusers "$PACKAGING/sysusers.d/opencabin.conf"
fi
useradd --system --no-create-home --home-dir / --shell /usr/sbin/nologin --user-group --groups opencabin "$MEMBER"
CREATED_USERS+=("$MEMBER")
useradd --system --no-create-home --home-dir / --shell /usr/sbin/nologin --user-group "$OUTSIDER"
CREATED_USERS+=("$OUTSIDER")
echo "setup: test users $MEMBER (group opencabin) and $OUTSIDER (not in it)"

# Runs a command as USER with that user's groups and a clean environment.
as_user() {
  local user=$1
  shift
  setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- \
    env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/ "$@"
}

# The services' users must be able to run the binary: copy it when they cannot reach it.
if ! as_user opencabin-vehicle test -x "$BIN"; then
  cp "$BIN" "$WORK/opencabin"
  chmod 0755 "$WORK/opencabin"
  BIN=$WORK/opencabin
fi
LIBRARY=$REPO/assets/media/demo-library
as_user opencabin-media test -r "$LIBRARY" || {
  mkdir -p "$WORK/library" && cp -r "$LIBRARY"/. "$WORK/library/" && chmod -R a+rX "$WORK/library"
  LIBRARY=$WORK/library
}

# --- a private system bus ----------------------------------------------------------------------
# The structure of /usr/share/dbus-1/system.conf (its default policy, verbatim), with its own
# socket, no fork, no pid file, no user switch, no service activation, no syslog, and only our
# policy files included, each with <include> so that a malformed one stops the daemon (an
# <includedir> would skip it with a warning).
SOCKET=$WORK/system_bus_socket
ADDRESS=unix:path=$SOCKET
cat >"$WORK/system.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <auth>EXTERNAL</auth>
  <listen>$ADDRESS</listen>
  <policy context="default">
    <allow user="*"/>
    <deny own="*"/>
    <deny send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
    <deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"
          send_member="UpdateActivationEnvironment"/>
    <deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Debug.Stats"/>
    <deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.systemd1.Activator"/>
  </policy>
  <policy user="root">
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Monitoring"/>
  </policy>
$(for conf in "$PACKAGING"/dbus/*.conf; do echo "  <include>$conf</include>"; done)
</busconfig>
EOF
dbus-daemon --config-file="$WORK/system.conf" --nofork --nopidfile --print-address=1 \
  >"$WORK/address" 2>"$WORK/dbus-daemon.log" &
PIDS+=($!)
for _ in $(seq 100); do [[ -s $WORK/address ]] && break; sleep 0.05; done
[[ -S $SOCKET ]] || { cat "$WORK/dbus-daemon.log" >&2; echo "setup: dbus-daemon did not start (is a policy file malformed?)" >&2; exit 1; }
echo "setup: private system bus at $ADDRESS with the policies of $PACKAGING/dbus"

# --- checks ----------------------------------------------------------------------------------
FAILED=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() {
  printf 'FAIL  %s\n' "$1"
  [[ -n ${2:-} ]] && printf '      %s\n' "${2//$'\n'/$'\n      '}"
  FAILED=$((FAILED + 1))
}

# run USER CMD...: runs a bus client as USER with a timeout; output in $OUT, status in $RC.
run() {
  local user=$1
  shift
  RC=0
  OUT=$(as_user "$user" timeout 10 "$@" 2>&1) || RC=$?
}
send() { run "$1" dbus-send --bus="$ADDRESS" --print-reply "${@:2}"; }
busctl_as() { run "$1" busctl --address="$ADDRESS" "${@:2}"; }

# expect_ok DESCRIPTION [PATTERN]: the last command succeeded (and printed PATTERN).
expect_ok() {
  if ((RC == 0)) && { [[ -z ${2:-} ]] || grep -qE -- "$2" <<<"$OUT"; }; then pass "$1"; else fail "$1" "exit $RC: $OUT"; fi
}
# expect_denied DESCRIPTION: the last command failed with org.freedesktop.DBus.Error.AccessDenied.
expect_denied() {
  if ((RC != 0)) && grep -q "$DENIED" <<<"$OUT"; then pass "$1"; else fail "$1" "expected $DENIED, got exit $RC: $OUT"; fi
}

# start_service USER NAME LOG CMD...: starts a service as USER, waits until NAME is owned.
start_service() {
  local user=$1 name=$2 log=$3
  shift 3
  # Not through as_user: a function in the background is a subshell, and $! must be the service.
  setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups -- \
    env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=/ "$@" >"$log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 600); do
    if dbus-send --bus="$ADDRESS" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner "string:$name" 2>/dev/null | grep -q 'boolean true'; then
      local uid
      uid=$(dbus-send --bus="$ADDRESS" --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetConnectionUnixUser "string:$name" | awk '/uint32/ {print $2}')
      if [[ $uid == "$(id -u "$user")" ]]; then pass "$user owns $name (uid $uid)"; else fail "$name owned by uid $uid, not $user"; fi
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      fail "$user could not start the service owning $name" "$(tail -n 20 "$log")"
      return 1
    fi
    sleep 0.1
  done
  fail "$name not owned within 60 s" "$(tail -n 20 "$log")"
  return 1
}

# sd_notify: a stand-in for systemd's notification socket, so that the services' READY=1 and
# WATCHDOG=1 can be seen. WATCHDOG=1 is only sent after a Peer.Ping through the bus to the
# service's own name, so it also proves that the policy lets the service reach itself. Needs
# /usr/bin/python3 (only its standard library).
NOTIFY_LISTENERS=()
if [[ -x /usr/bin/python3 ]]; then
  cat >"$WORK/notify.py" <<'PY'
import os, socket, sys, time
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
sock.settimeout(0.2)
seen = []
deadline = time.monotonic() + 20
while time.monotonic() < deadline and not ("READY=1" in seen and seen.count("WATCHDOG=1") >= 2):
    try:
        seen.append(sock.recv(4096).decode(errors="replace").strip())
    except socket.timeout:
        pass
print(" ".join(seen) or "nothing")
PY
fi
# notify_env NAME: starts a listener for service NAME and sets NOTIFY_ENV to the environment
# systemd would give the service (NOTIFY_SOCKET, WATCHDOG_USEC of 1 s: a ping every 0.5 s).
notify_env() {
  NOTIFY_ENV=()
  [[ -f $WORK/notify.py ]] || return 0
  /usr/bin/python3 "$WORK/notify.py" "$WORK/$1.notify" >"$WORK/$1.notify.out" 2>&1 &
  PIDS+=($!)
  NOTIFY_LISTENERS+=("$1:$!")
  for _ in $(seq 100); do [[ -S $WORK/$1.notify ]] && break; sleep 0.05; done
  NOTIFY_ENV=("NOTIFY_SOCKET=$WORK/$1.notify" WATCHDOG_USEC=1000000)
}
# check_notify NAME: the service sent READY=1 and WATCHDOG=1.
check_notify() {
  local entry pid=
  for entry in "${NOTIFY_LISTENERS[@]}"; do [[ ${entry%%:*} == "$1" ]] && pid=${entry#*:}; done
  if [[ -z $pid ]]; then
    echo "SKIP  $1: sd_notify checks (need /usr/bin/python3)"
    return 0
  fi
  wait "$pid" 2>/dev/null || true
  RC=0
  OUT=$(cat "$WORK/$1.notify.out")
  expect_ok "$1 service notifies READY=1 and feeds the watchdog (WATCHDOG=1 after a Peer.Ping to itself)" 'READY=1.*WATCHDOG=1'
}

# cannot_own USER NAME: RequestName by USER is refused.
cannot_own() {
  send "$1" --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.RequestName "string:$2" uint32:4
  expect_denied "$1 cannot own $2"
}

echo
echo "== $VEHICLE"
notify_env vehicle
if start_service opencabin-vehicle "$VEHICLE" "$WORK/vehicle.log" \
  env RUST_LOG=warn "${NOTIFY_ENV[@]}" "$BIN" --bus "$ADDRESS" vehicle-service; then
  for user in "$MEMBER" "$OUTSIDER"; do
    busctl_as "$user" get-property "$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Drive Speed
    expect_ok "$user reads Drive.Speed (Properties.Get)" '^d '
    send "$user" --dest="$VEHICLE" "$VEHICLE_PATH" org.freedesktop.DBus.Properties.GetAll string:org.opencabin.Vehicle1.Climate
    expect_ok "$user reads all of Climate (Properties.GetAll)" DriverTargetTemperature
    busctl_as "$user" introspect "$VEHICLE" "$VEHICLE_PATH"
    expect_ok "$user introspects $VEHICLE_PATH" SetManualSpeed
    send "$user" --dest="$VEHICLE" "$VEHICLE_PATH" org.freedesktop.DBus.Peer.Ping
    expect_ok "$user pings (Peer.Ping)"
  done
  send "$MEMBER" --dest="$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Simulation.SetGear string:D
  expect_ok "$MEMBER calls Simulation.SetGear D"
  send "$MEMBER" --dest="$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Simulation.SetManualSpeed double:30
  expect_ok "$MEMBER calls Simulation.SetManualSpeed 30"
  send "$OUTSIDER" --dest="$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Simulation.SetManualSpeed double:80
  expect_denied "$OUTSIDER is refused Simulation.SetManualSpeed"
  send "$OUTSIDER" --dest="$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Drive.ResetTrip
  expect_denied "$OUTSIDER is refused Drive.ResetTrip"
  send "$MEMBER" --dest="$VEHICLE" "$VEHICLE_PATH" org.freedesktop.DBus.Properties.Set \
    string:org.opencabin.Vehicle1.Climate string:DriverTargetTemperature variant:double:22.5
  expect_ok "$MEMBER sets Climate.DriverTargetTemperature 22.5 (Properties.Set)"
  send "$OUTSIDER" --dest="$VEHICLE" "$VEHICLE_PATH" org.freedesktop.DBus.Properties.Set \
    string:org.opencabin.Vehicle1.Climate string:DriverTargetTemperature variant:double:18
  expect_denied "$OUTSIDER is refused Properties.Set of Climate.DriverTargetTemperature"
  busctl_as "$OUTSIDER" get-property "$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Climate DriverTargetTemperature
  expect_ok "DriverTargetTemperature is still the member's 22.5" '^d 22\.5$'
  for user in "$OUTSIDER" "$MEMBER" opencabin-media opencabin-navigation opencabin-ui; do cannot_own "$user" "$VEHICLE"; done
  check_notify vehicle
fi

echo
echo "== $MEDIA"
install -d -o opencabin-media -g opencabin-media -m 0755 "$WORK/media-runtime" "$WORK/media-cache"
notify_env media
if start_service opencabin-media "$MEDIA" "$WORK/media.log" \
  env RUST_LOG=warn "${NOTIFY_ENV[@]}" XDG_RUNTIME_DIR="$WORK/media-runtime" CACHE_DIRECTORY="$WORK/media-cache" \
  "$BIN" --bus "$ADDRESS" media-service --library "$LIBRARY"; then
  PLAYER=org.mpris.MediaPlayer2.Player
  for user in "$MEMBER" "$OUTSIDER"; do
    busctl_as "$user" get-property "$MEDIA" "$MEDIA_PATH" "$PLAYER" PlaybackStatus
    expect_ok "$user reads Player.PlaybackStatus (Properties.Get)" '^s "'
    send "$user" --dest="$MEDIA" "$MEDIA_PATH" org.freedesktop.DBus.Properties.GetAll string:"$PLAYER"
    expect_ok "$user reads all of Player (Properties.GetAll)" Metadata
    busctl_as "$user" introspect "$MEDIA" "$MEDIA_PATH"
    expect_ok "$user introspects $MEDIA_PATH" PlayPause
  done
  send "$MEMBER" --dest="$MEDIA" "$MEDIA_PATH" "$PLAYER.Play"
  expect_ok "$MEMBER calls Player.Play"
  busctl_as "$OUTSIDER" get-property "$MEDIA" "$MEDIA_PATH" "$PLAYER" PlaybackStatus
  expect_ok "PlaybackStatus is Playing" '"Playing"'
  send "$OUTSIDER" --dest="$MEDIA" "$MEDIA_PATH" "$PLAYER.Pause"
  expect_denied "$OUTSIDER is refused Player.Pause"
  busctl_as "$OUTSIDER" get-property "$MEDIA" "$MEDIA_PATH" "$PLAYER" PlaybackStatus
  expect_ok "PlaybackStatus is still Playing" '"Playing"'
  send "$OUTSIDER" --dest="$MEDIA" "$MEDIA_PATH" org.mpris.MediaPlayer2.Quit
  expect_denied "$OUTSIDER is refused MediaPlayer2.Quit"
  send "$OUTSIDER" --dest="$MEDIA" "$MEDIA_PATH" org.mpris.MediaPlayer2.TrackList.GoTo objpath:/org/mpris/MediaPlayer2/TrackList/NoTrack
  expect_denied "$OUTSIDER is refused TrackList.GoTo"
  send "$OUTSIDER" --dest="$MEDIA" "$MEDIA_PATH" org.opencabin.Media1.SelectSource string:radio
  expect_denied "$OUTSIDER is refused Media1.SelectSource"
  send "$MEMBER" --dest="$MEDIA" "$MEDIA_PATH" org.opencabin.Media1.SelectSource string:radio
  expect_ok "$MEMBER calls Media1.SelectSource radio"
  send "$MEMBER" --dest="$MEDIA" "$MEDIA_PATH" org.freedesktop.DBus.Properties.Set \
    string:"$PLAYER" string:Volume variant:double:0.4
  expect_ok "$MEMBER sets Player.Volume 0.4 (Properties.Set)"
  send "$OUTSIDER" --dest="$MEDIA" "$MEDIA_PATH" org.freedesktop.DBus.Properties.Set \
    string:"$PLAYER" string:Volume variant:double:0.9
  expect_denied "$OUTSIDER is refused Properties.Set of Player.Volume"
  busctl_as "$OUTSIDER" get-property "$MEDIA" "$MEDIA_PATH" "$PLAYER" Volume
  expect_ok "Volume is still the member's 0.4" '^d 0\.4$'
  for user in "$OUTSIDER" "$MEMBER" opencabin-vehicle opencabin-ui; do cannot_own "$user" "$MEDIA"; done
  check_notify media
fi

echo
echo "== $NAVIGATION"
install -d -o opencabin-navigation -g opencabin-navigation -m 0755 "$WORK/navigation-state"
if start_service opencabin-navigation "$NAVIGATION" "$WORK/navigation.log" \
  env RUST_LOG=warn "$BIN" --bus "$ADDRESS" navigation-service --places "$WORK/navigation-state/places.toml"; then
  NAV=org.opencabin.Navigation1
  for user in "$MEMBER" "$OUTSIDER"; do
    busctl_as "$user" get-property "$NAVIGATION" "$NAVIGATION_PATH" "$NAV" MapName
    expect_ok "$user reads MapName (Properties.Get)" '^s "Helsinki"$'
    busctl_as "$user" introspect "$NAVIGATION" "$NAVIGATION_PATH"
    expect_ok "$user introspects $NAVIGATION_PATH" SetDestination
  done
  send "$MEMBER" --dest="$NAVIGATION" "$NAVIGATION_PATH" "$NAV.Search" string:Kalevankatu
  expect_ok "$MEMBER calls Search" 'street:Kalevankatu'
  send "$OUTSIDER" --dest="$NAVIGATION" "$NAVIGATION_PATH" "$NAV.Search" string:Kalevankatu
  expect_denied "$OUTSIDER is refused Search"
  send "$OUTSIDER" --dest="$NAVIGATION" "$NAVIGATION_PATH" "$NAV.AddFavourite" string:home string:street:Kalevankatu
  expect_denied "$OUTSIDER is refused AddFavourite"
  busctl_as "$OUTSIDER" get-property "$NAVIGATION" "$NAVIGATION_PATH" "$NAV" Favourites
  expect_ok "Favourites is still empty" '^a\(s\(sssddd\)\) 0$'
  send "$MEMBER" --dest="$NAVIGATION" "$NAVIGATION_PATH" "$NAV.AddFavourite" string:home string:street:Kalevankatu
  expect_ok "$MEMBER calls AddFavourite (written to the service's own state directory)"
  busctl_as "$OUTSIDER" get-property "$NAVIGATION" "$NAVIGATION_PATH" "$NAV" Favourites
  expect_ok "Favourites has the member's home" '"home"'
  send "$OUTSIDER" --dest="$NAVIGATION" "$NAVIGATION_PATH" "$NAV.SetDestination" string:street:Kalevankatu
  expect_denied "$OUTSIDER is refused SetDestination"
  send "$MEMBER" --dest="$NAVIGATION" "$NAVIGATION_PATH" "$NAV.SetDestination" string:street:Kalevankatu
  expect_ok "$MEMBER calls SetDestination"
  busctl_as "$OUTSIDER" get-property "$NAVIGATION" "$NAVIGATION_PATH" "$NAV" Active
  expect_ok "navigation guides the member's route" '^b true$'
  for user in "$OUTSIDER" "$MEMBER" opencabin-vehicle opencabin-media opencabin-ui; do cannot_own "$user" "$NAVIGATION"; done
fi

# org.ofono, the mock phone: in a file of its own (this one is long enough).
# shellcheck source=dbus-policy-phone.sh
source "$HERE/dbus-policy-phone.sh"

echo
echo "== $SHELL_NAME"
for user in "$OUTSIDER" "$MEMBER" opencabin-vehicle opencabin-media; do cannot_own "$user" "$SHELL_NAME"; done

# Signals: everybody receives the vehicle's PropertiesChanged, including a connection that owns
# Shell1 (a deny on send_destination without send_type="method_call" would silently drop
# broadcast signals to the owner of that name). Needs python3-dbus and python3-gi.
if /usr/bin/python3 -c 'import dbus, gi' 2>/dev/null; then
  cat >"$WORK/listen.py" <<'PY'
import sys
import dbus
import dbus.mainloop.glib
from gi.repository import GLib

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.bus.BusConnection(sys.argv[1])
if len(sys.argv) > 2 and bus.request_name(sys.argv[2], dbus.bus.NAME_FLAG_DO_NOT_QUEUE) != 1:
    sys.exit("cannot own " + sys.argv[2])
count = [0]
bus.add_signal_receiver(lambda *args: count.__setitem__(0, count[0] + 1),
                        signal_name="PropertiesChanged",
                        dbus_interface="org.freedesktop.DBus.Properties",
                        path="/org/opencabin/Vehicle1")
loop = GLib.MainLoop()
GLib.timeout_add(3000, loop.quit)
loop.run()
print("signals", count[0])
PY
  # Keep the car moving so that it publishes.
  send "$MEMBER" --dest="$VEHICLE" "$VEHICLE_PATH" org.opencabin.Vehicle1.Simulation.SetManualSpeed double:60
  run "$OUTSIDER" /usr/bin/python3 "$WORK/listen.py" "$ADDRESS"
  expect_ok "$OUTSIDER receives the vehicle's PropertiesChanged signals" 'signals [1-9]'
  run opencabin-ui /usr/bin/python3 "$WORK/listen.py" "$ADDRESS" "$SHELL_NAME"
  expect_ok "opencabin-ui, owning $SHELL_NAME, receives the vehicle's PropertiesChanged signals" 'signals [1-9]'
else
  echo "SKIP  signal delivery checks (need python3-dbus and python3-gi)"
fi
if command -v Xvfb >/dev/null; then
  Xvfb -displayfd 3 -nolisten tcp -ac -screen 0 1280x720x24 3>"$WORK/display" >"$WORK/xvfb.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do [[ -s $WORK/display ]] && break; sleep 0.05; done
  display=$(tr -dc 0-9 <"$WORK/display")
  install -d -o opencabin-ui -g opencabin-ui -m 0700 "$WORK/ui"
  if start_service opencabin-ui "$SHELL_NAME" "$WORK/ui.log" \
    env RUST_LOG=warn DISPLAY=":$display" HOME="$WORK/ui" SLINT_BACKEND=winit-software \
    "$BIN" --bus "$ADDRESS" --config "$WORK/ui/settings.toml" ui; then
    for user in "$MEMBER" "$OUTSIDER"; do
      busctl_as "$user" get-property "$SHELL_NAME" "$SHELL_PATH" org.opencabin.Shell1 CurrentPage
      expect_ok "$user reads Shell1.CurrentPage" '^s "'
    done
    send "$MEMBER" --dest="$SHELL_NAME" "$SHELL_PATH" org.opencabin.Shell1.ShowPage string:climate
    expect_ok "$MEMBER calls Shell1.ShowPage climate"
    send "$OUTSIDER" --dest="$SHELL_NAME" "$SHELL_PATH" org.opencabin.Shell1.ShowPage string:media
    expect_denied "$OUTSIDER is refused Shell1.ShowPage"
    send "$OUTSIDER" --dest="$SHELL_NAME" "$SHELL_PATH" org.opencabin.Shell1.SaveScreenshot string:/tmp/x.png
    expect_denied "$OUTSIDER is refused Shell1.SaveScreenshot"
    send "$MEMBER" --dest="$SHELL_NAME" "$SHELL_PATH" org.freedesktop.DBus.Properties.Set \
      string:org.opencabin.Shell1 string:Theme variant:string:day
    expect_ok "$MEMBER sets Shell1.Theme day (Properties.Set)"
    send "$OUTSIDER" --dest="$SHELL_NAME" "$SHELL_PATH" org.freedesktop.DBus.Properties.Set \
      string:org.opencabin.Shell1 string:Language variant:string:zh-CN
    expect_denied "$OUTSIDER is refused Properties.Set of Shell1.Language"
    busctl_as "$OUTSIDER" get-property "$SHELL_NAME" "$SHELL_PATH" org.opencabin.Shell1 CurrentPage
    expect_ok "CurrentPage is the member's climate" '"climate"'
    # The UI owns Shell1 and must still get the services' signals (policy denies are
    # method_call only): it reports both services available.
    busctl_as "$OUTSIDER" get-property "$SHELL_NAME" "$SHELL_PATH" org.opencabin.Shell1 ServiceAvailability
    expect_ok "the UI sees both services (ServiceAvailability)" '"media" true.*"vehicle" true|"vehicle" true.*"media" true'
  fi
else
  echo "SKIP  Shell1 method checks with the real UI (Xvfb not installed: apt-get install xvfb)"
  send opencabin-ui --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.RequestName "string:$SHELL_NAME" uint32:4
  expect_ok "opencabin-ui may own $SHELL_NAME" 'uint32 1'
fi

# shellcheck source=dbus-policy-cluster.sh
source "$HERE/dbus-policy-cluster.sh"

echo
if ((FAILED)); then
  echo "check-dbus-policy: $FAILED check(s) FAILED"
  exit 1
fi
echo "check-dbus-policy: all checks passed"
