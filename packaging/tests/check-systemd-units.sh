#!/usr/bin/env bash
# Checks the systemd files in packaging/ with systemd's own tools, without a running systemd:
#   - `systemd-analyze verify` on every unit in packaging/systemd/;
#   - `systemd-analyze security --offline=true`: the overall exposure of the services
#     (opencabin-vehicle, -media, -navigation, -phone, -companion) must be 3.0 or less; the exposure
#     of the display units (opencabin-ui, -ui-kms, -ui-weston, -cluster, -weston) is printed for
#     information (a compositor needs the GPU, input devices and W+X memory; a window the GPU
#     and W+X memory);
#   - opencabin-phone.service (the mock phone) conflicts with ofono.service;
#   - `systemd-sysusers` applies packaging/sysusers.d/opencabin.conf to an empty scratch root.
#
#   packaging/tests/check-systemd-units.sh /path/to/opencabin
#
# Works from any directory and as any user. `verify` insists that ExecStart's program exists, so
# the units are checked as copies whose /usr/bin/opencabin is replaced by the given binary
# (nothing else changes). The kiosk units run /usr/bin/cage and /usr/bin/weston, which must be
# installed.
# Debian packages: systemd (systemd-analyze, systemd-sysusers), cage, weston, coreutils, gawk or
# mawk.
# Prints one line per check; exits non-zero if any check fails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PACKAGING=$(dirname "$HERE")
MAX_EXPOSURE=3.0
SCORED_UNITS=(opencabin-vehicle.service opencabin-media.service opencabin-navigation.service
  opencabin-phone.service opencabin-companion.service)

[[ $# -eq 1 ]] || { echo "usage: $0 /path/to/opencabin" >&2; exit 2; }
BIN=$(realpath -e "$1" 2>/dev/null) || { echo "check-systemd-units: no such file: $1" >&2; exit 2; }
[[ -x $BIN ]] || { echo "check-systemd-units: not executable: $BIN" >&2; exit 2; }
for tool in systemd-analyze systemd-sysusers awk; do
  command -v "$tool" >/dev/null || { echo "check-systemd-units: $tool is missing (Debian package systemd / mawk)" >&2; exit 2; }
done

WORK=$(mktemp -d /tmp/opencabin-units.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

FAILED=0
pass() { printf 'PASS  %s\n' "$1"; }
fail() {
  printf 'FAIL  %s\n' "$1"
  [[ -n ${2:-} ]] && printf '      %s\n' "${2//$'\n'/$'\n      '}"
  FAILED=$((FAILED + 1))
}

units=("$PACKAGING"/systemd/*.service)
((${#units[@]})) || { echo "check-systemd-units: no units in $PACKAGING/systemd" >&2; exit 1; }

# All copies first: the client units Require= opencabin-weston.service, which `verify` looks
# for beside them.
for unit in "${units[@]}"; do
  # Only the program path changes.
  content=$(<"$unit")
  printf '%s\n' "${content//\/usr\/bin\/opencabin /$BIN }" >"$WORK/$(basename "$unit")"
done

for unit in "${units[@]}"; do
  name=$(basename "$unit")
  copy=$WORK/$name

  program=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
  if [[ $program == /usr/bin/cage || $program == /usr/bin/weston ]] && [[ ! -x $program ]]; then
    fail "verify $name" "$program is not installed (apt-get install ${program##*/})"
  elif out=$(systemd-analyze verify "$copy" 2>&1) && [[ -z $out ]]; then
    pass "verify $name (no warnings)"
  else
    fail "verify $name" "$out"
  fi

  out=$(systemd-analyze security --offline=true "$copy" 2>&1) || true
  score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9.]*\).*/\1/p' <<<"$out")
  if [[ -z $score ]]; then
    fail "security $name: no exposure level in the output" "$out"
  elif [[ " ${SCORED_UNITS[*]} " == *" $name "* ]]; then
    if awk -v s="$score" -v max="$MAX_EXPOSURE" 'BEGIN { exit !(s + 0 <= max + 0) }'; then
      pass "security $name: exposure $score <= $MAX_EXPOSURE"
    else
      fail "security $name: exposure $score > $MAX_EXPOSURE" "$(grep '^✗' <<<"$out" || true)"
    fi
  else
    printf 'INFO  security %s: exposure %s (not scored)\n' "$name" "$score"
  fi
done

# Every scored unit must exist.
for name in "${SCORED_UNITS[@]}"; do
  [[ -f $PACKAGING/systemd/$name ]] || fail "$name is missing from $PACKAGING/systemd"
done

# The mock phone and Debian's oFono own the same bus name, org.ofono: starting one must stop the
# other.
if grep -qE '^Conflicts=(.* )?ofono\.service( |$)' "$PACKAGING/systemd/opencabin-phone.service"; then
  pass "opencabin-phone.service conflicts with ofono.service"
else
  fail "opencabin-phone.service does not conflict with ofono.service (both own org.ofono)"
fi

# sysusers: the file applies cleanly to an empty root and creates what the units and the D-Bus
# policies name.
mkdir -p "$WORK/root/etc"
touch "$WORK/root/etc/passwd" "$WORK/root/etc/group" "$WORK/root/etc/shadow" "$WORK/root/etc/gshadow"
if out=$(systemd-sysusers --root="$WORK/root" "$PACKAGING/sysusers.d/opencabin.conf" 2>&1); then
  missing=()
  for user in opencabin-vehicle opencabin-media opencabin-navigation opencabin-phone opencabin-ui; do
    grep -q "^$user:" "$WORK/root/etc/passwd" || missing+=("user $user")
  done
  for member in opencabin-ui opencabin-navigation; do
    grep -qE "^opencabin:[^:]*:[0-9]+:(.*,)?$member(,|\$)" "$WORK/root/etc/group" || missing+=("$member in group opencabin")
  done
  if ((${#missing[@]})); then
    fail "sysusers.d/opencabin.conf creates what the units need" "missing: ${missing[*]}"
  else
    pass "sysusers.d/opencabin.conf creates opencabin-vehicle, opencabin-media, opencabin-navigation, opencabin-phone, opencabin-ui (navigation and ui in group opencabin)"
  fi
else
  fail "systemd-sysusers sysusers.d/opencabin.conf" "$out"
fi

# The users the units run as are the ones sysusers creates.
for unit in "${units[@]}"; do
  user=$(sed -n 's/^User=//p' "$unit")
  if [[ -n $user ]] && grep -q "^$user:" "$WORK/root/etc/passwd"; then
    pass "$(basename "$unit") runs as $user, created by sysusers.d/opencabin.conf"
  else
    fail "$(basename "$unit") runs as '${user}', which sysusers.d/opencabin.conf does not create"
  fi
done

echo
if ((FAILED)); then
  echo "check-systemd-units: $FAILED check(s) FAILED"
  exit 1
fi
echo "check-systemd-units: all checks passed"
