# Sourced by the tools/measure-*.sh scripts: the release binary in $bin (built if missing), a
# scratch folder $dir, an Xvfb display on :$1 at 1920x1080 (black root), and a private D-Bus daemon at
# $address; everything started is in $pids and stopped, and $dir removed, when the script exits.
# Needs Xvfb and dbus-daemon.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=target/release/opencabin
[[ -x $bin ]] || cargo build --release --locked
dir=$(mktemp -d)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

Xvfb ":$1" -screen 0 1920x1080x24 -br -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
printf '<busconfig><type>session</type><listen>unix:path=%s/bus</listen><policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>\n' "$dir" >"$dir/bus.conf"
dbus-daemon --config-file="$dir/bus.conf" --nofork >/dev/null 2>&1 &
pids+=($!)
address="unix:path=$dir/bus"
until [[ -S $dir/bus ]]; do sleep 0.1; done
