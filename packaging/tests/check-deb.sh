#!/usr/bin/env bash
# Checks a built package as a user would get it, without installing it:
#   packaging/tests/check-deb.sh target/debian/opencabin_<version>_<arch>.deb
# - lintian reports no error and no warning (informational tags are printed);
# - it holds the binary, the units, policies, sysusers, udev rule, weston.ini and desktop entry
#   where Debian looks for them, and its maintainer scripts enable and start no unit;
# - unpacked into a scratch root (dpkg -x), its binary plays the demo library built into it
#   (playerctl on a private bus) and renders the media page showing that track (read back by
#   OCR), with a fontconfig that lists no font.
# Needs lintian, dpkg, dbus-daemon, playerctl, tesseract-ocr. One line per check; non-zero exit
# on the first failure.
set -euo pipefail
deb=${1:?usage: check-deb.sh PACKAGE.deb}
[[ -f $deb ]] || { echo "check-deb: no such file: $deb" >&2; exit 2; }
ok() { echo "ok   $*"; }
fail() { echo "FAIL $*" >&2; exit 1; }

scratch=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# lintian: errors and warnings fail. As root lintian wants --allow-root.
lintian_args=(--fail-on error,warning --display-info)
((EUID == 0)) && lintian_args+=(--allow-root)
lintian "${lintian_args[@]}" "$deb" | sed 's/^/     lintian: /' || fail "lintian reports errors or warnings"
ok "lintian: no errors, no warnings"

contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/opencabin \
  ./usr/lib/systemd/system/opencabin-vehicle.service ./usr/lib/systemd/system/opencabin-media.service \
  ./usr/lib/systemd/system/opencabin-navigation.service \
  ./usr/share/dbus-1/system.d/org.opencabin.Navigation1.conf \
  ./usr/lib/systemd/system/opencabin-phone.service ./usr/share/dbus-1/system.d/org.ofono.opencabin.conf \
  ./usr/lib/systemd/system/opencabin-ui.service ./usr/lib/systemd/system/opencabin-ui-kms.service \
  ./usr/lib/systemd/system/opencabin-weston.service ./usr/lib/systemd/system/opencabin-ui-weston.service \
  ./usr/lib/systemd/system/opencabin-cluster.service ./etc/opencabin/weston.ini \
  ./usr/lib/systemd/system/opencabin-companion.service \
  ./usr/share/dbus-1/system.d/org.opencabin.Companion1.conf \
  ./usr/lib/sysusers.d/opencabin.conf ./usr/lib/udev/rules.d/70-opencabin-backlight.rules \
  ./usr/share/dbus-1/system.d/org.opencabin.Vehicle1.conf \
  ./usr/share/dbus-1/system.d/org.mpris.MediaPlayer2.opencabin.conf \
  ./usr/share/dbus-1/system.d/org.opencabin.Shell1.conf \
  ./usr/share/dbus-1/system.d/org.opencabin.Cluster1.conf \
  ./usr/share/applications/org.opencabin.Simulator.desktop \
  ./usr/share/icons/hicolor/scalable/apps/org.opencabin.Simulator.svg \
  ./usr/share/doc/opencabin/copyright ./usr/share/doc/opencabin/changelog.gz \
  ./usr/share/man/man1/opencabin.1.gz ./etc/default/opencabin; do
  grep -qxF "$path" <<<"$contents" || fail "the package has no $path"
done
ok "binary, units, policies, sysusers, udev rule, weston.ini, desktop entry and copyright in place"

dpkg-deb -e "$deb" "$scratch/control"
if grep -EHn 'systemctl +(enable|start|restart)|deb-systemd-helper|deb-systemd-invoke' \
  "$scratch"/control/{preinst,postinst,prerm,postrm} 2>/dev/null; then
  fail "a maintainer script enables or starts a unit"
fi
# Nor does the package ship an enablement: no .wants/.requires link, no preset.
if grep -E '\.(wants|requires)/|system-preset/' <<<"$contents"; then
  fail "the package enables a unit with a link or a preset"
fi
ok "installing enables and starts no unit"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libfontconfig1 libx11-6 libxkbcommon-x11-0 libwayland-client0 libegl1 dbus; do
  grep -qw "$lib" <<<"$depends" || fail "Depends does not name $lib (loaded with dlopen)"
done
ok "Depends names the libraries the binary opens with dlopen"

dpkg -x "$deb" "$scratch/root"
bin=$scratch/root/usr/bin/opencabin
commands=$("$bin" --help | awk '/^Commands:/{f=1; next} /^$/{f=0} f && $1 != "help" {print $1}')
[[ -n $commands ]] || fail "opencabin --help lists no command"
for command in $commands; do
  zcat "$scratch/root/usr/share/man/man1/opencabin.1.gz" | grep -qx ".B $command" ||
    fail "the manual page does not describe the command $command"
done
ok "the manual page describes every command ($(echo $commands))"
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s/fc-cache</cachedir></fontconfig>\n' "$scratch" \
  >"$scratch/fonts.conf"
export FONTCONFIG_FILE=$scratch/fonts.conf XDG_DATA_DIRS=$scratch/empty XDG_DATA_HOME=$scratch/empty
# --fork returns once the bus accepts connections; it prints its address, then its pid.
read -r address bus_pid < <(dbus-daemon --session --fork --print-pid=1 --print-address=1 \
  --address="unix:path=$scratch/bus" | paste -sd ' ')
pids+=("$bus_pid")
"$bin" --bus "$address" media-service >"$scratch/media.log" 2>&1 &
pids+=($!)
player() { DBUS_SESSION_BUS_ADDRESS=$address playerctl --player=opencabin "$@" 2>/dev/null; }
for _ in $(seq 100); do
  [[ $(player metadata title || true) == "Morning Drive" ]] && break
  sleep 0.1
done
[[ $(player metadata title || true) == "Morning Drive" ]] ||
  fail "the unpacked media service does not offer the demo library: $(cat "$scratch/media.log")"
player play
[[ $(player status) == Playing ]] || fail "the unpacked media service does not play"
ok "the unpacked media service plays the built-in demo library"

"$bin" --bus "$address" screenshot --page media --theme day --size 1280x720 \
  --out "$scratch/media.png" 2>"$scratch/screenshot.log" ||
  fail "the unpacked binary cannot render: $(cat "$scratch/screenshot.log")"
text=$(tesseract "$scratch/media.png" - -l eng 2>/dev/null | tr -s '[:space:]' ' ')
[[ $text == *"Morning Drive"* ]] || fail "the screenshot does not show the playing track; OCR read: $text"
ok "the unpacked binary renders the media page with the playing track"
