# The instrument cluster's checks of check-dbus-policy.sh (packaging/dbus/org.opencabin.Cluster1.conf):
# sourced by it after the Shell1 checks, with its helpers (run, send, busctl_as, expect_ok,
# expect_denied, start_service, cannot_own, pass, fail) and variables ($BIN, $ADDRESS, $WORK,
# $MEMBER, $OUTSIDER, $CLUSTER, and $display when Xvfb runs). Not a script of its own.
#   - only opencabin-ui owns org.opencabin.Cluster1, and as its owner still gets the services'
#     signals;
#   - everybody may read its properties (Theme, ServiceAvailability);
#   - only group opencabin may call SaveScreenshot (it writes a file as opencabin-ui).
[[ ${BASH_SOURCE[0]} != "$0" ]] || { echo "$0: sourced by check-dbus-policy.sh, not run on its own" >&2; exit 2; }

CLUSTER_PATH=/org/opencabin/Cluster1

echo
echo "== $CLUSTER"
for user in "$OUTSIDER" "$MEMBER" opencabin-vehicle opencabin-media opencabin-navigation; do cannot_own "$user" "$CLUSTER"; done
# While the name is free: its owner may take it and still receives the vehicle's signals.
send opencabin-ui --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.RequestName "string:$CLUSTER" uint32:4
expect_ok "opencabin-ui may own $CLUSTER" 'uint32 1'
if [[ -f $WORK/listen.py ]]; then
  run opencabin-ui /usr/bin/python3 "$WORK/listen.py" "$ADDRESS" "$CLUSTER"
  expect_ok "opencabin-ui, owning $CLUSTER, receives the vehicle's PropertiesChanged signals" 'signals [1-9]'
else
  echo "SKIP  $CLUSTER signal delivery check (needs python3-dbus and python3-gi)"
fi

# The real driver's display, as opencabin-cluster.service runs it.
if [[ -n ${display:-} ]]; then
  install -d -o opencabin-ui -g opencabin-ui -m 0700 "$WORK/cluster"
  if start_service opencabin-ui "$CLUSTER" "$WORK/cluster.log" \
    env RUST_LOG=warn DISPLAY=":$display" HOME="$WORK/cluster" SLINT_BACKEND=winit-software \
    "$BIN" --bus "$ADDRESS" --config "$WORK/cluster/settings.toml" cluster; then
    for user in "$MEMBER" "$OUTSIDER"; do
      busctl_as "$user" get-property "$CLUSTER" "$CLUSTER_PATH" "$CLUSTER" Theme
      expect_ok "$user reads Cluster1.Theme" '^s "'
    done
    busctl_as "$OUTSIDER" get-property "$CLUSTER" "$CLUSTER_PATH" "$CLUSTER" ServiceAvailability
    expect_ok "the cluster sees the vehicle (ServiceAvailability, read by $OUTSIDER)" '"vehicle" true'
    send "$OUTSIDER" --dest="$CLUSTER" "$CLUSTER_PATH" "$CLUSTER.SaveScreenshot" "string:$WORK/cluster/outsider.png"
    expect_denied "$OUTSIDER is refused Cluster1.SaveScreenshot"
    if [[ -e $WORK/cluster/outsider.png ]]; then fail "the refused screenshot was written"; else pass "no file from the refused screenshot"; fi
    send "$MEMBER" --dest="$CLUSTER" "$CLUSTER_PATH" "$CLUSTER.SaveScreenshot" "string:$WORK/cluster/member.png"
    expect_ok "$MEMBER calls Cluster1.SaveScreenshot"
    if [[ -s $WORK/cluster/member.png ]]; then pass "the member's screenshot was written"; else fail "no screenshot from the member's call"; fi
  fi
else
  echo "SKIP  Cluster1 method checks with the real cluster (Xvfb not installed: apt-get install xvfb)"
fi
