# The mock phone's checks of check-dbus-policy.sh (packaging/dbus/org.ofono.opencabin.conf):
# sourced by it once the private bus and the test users are set up, with its helpers (run, send,
# busctl_as, expect_ok, expect_denied, start_service, notify_env, check_notify, cannot_own) and
# variables ($BIN, $ADDRESS, $WORK, $MEMBER, $OUTSIDER, the other services' names). Not a script
# of its own: run check-dbus-policy.sh.
#   - opencabin-phone owns org.ofono, nobody else may;
#   - everybody may introspect, ping and call the read-only Get methods (GetModems, GetCalls,
#     GetProperties) and receives the phone's signals;
#   - group opencabin may call the rest (Dial, SetProperty, HangupAll, PhoneSim1, PullAll), an
#     outsider gets AccessDenied for each.
[[ ${BASH_SOURCE[0]} != "$0" ]] || { echo "$0: sourced by check-dbus-policy.sh, not run on its own" >&2; exit 2; }

PHONE=org.ofono
MODEM=/hfp/org/bluez/hci0/dev_02_0C_AB_1E_00_01
PHONE_SIM=org.opencabin.PhoneSim1
PHONE_SIM_PATH=/org/opencabin/PhoneSim1
PHONEBOOK=org.opencabin.Phonebook1
PHONEBOOK_PATH=/org/opencabin/Phonebook1
CALL_PATH_RE="$MODEM/voicecall[0-9]{2}"

echo
echo "== $PHONE (mock phone)"
notify_env phone
if start_service opencabin-phone "$PHONE" "$WORK/phone.log" \
  env RUST_LOG=warn "${NOTIFY_ENV[@]}" "$BIN" --bus "$ADDRESS" phone-service; then
  for user in "$MEMBER" "$OUTSIDER"; do
    busctl_as "$user" call "$PHONE" / org.ofono.Manager GetModems
    expect_ok "$user calls Manager.GetModems" "\"$MODEM\""
    busctl_as "$user" call "$PHONE" "$MODEM" org.ofono.Modem GetProperties
    expect_ok "$user calls Modem.GetProperties" '"Type" s "hfp"'
    busctl_as "$user" call "$PHONE" "$MODEM" org.ofono.VoiceCallManager GetCalls
    expect_ok "$user calls VoiceCallManager.GetCalls" '^a\(oa\{sv\}\) '
    busctl_as "$user" call "$PHONE" "$MODEM" org.ofono.NetworkRegistration GetProperties
    expect_ok "$user calls NetworkRegistration.GetProperties" '"Strength" y '
    send "$user" --dest="$PHONE" "$MODEM" org.freedesktop.DBus.Introspectable.Introspect
    expect_ok "$user introspects $MODEM" 'org\.ofono\.VoiceCallManager'
    send "$user" --dest="$PHONE" "$MODEM" org.freedesktop.DBus.Peer.Ping
    expect_ok "$user pings (Peer.Ping)"
  done

  busctl_as "$MEMBER" call "$PHONE" "$MODEM" org.ofono.VoiceCallManager Dial ss 0401234567 ""
  expect_ok "$MEMBER calls VoiceCallManager.Dial 0401234567 (a call object)" "^o \"$CALL_PATH_RE\"$"
  dialled=$(grep -oE "$CALL_PATH_RE" <<<"$OUT" || true)
  busctl_as "$MEMBER" call "$PHONE" "$PHONE_SIM_PATH" "$PHONE_SIM" IncomingCall s 0409876543
  expect_ok "$MEMBER calls PhoneSim1.IncomingCall 0409876543 (a call object)" "^o \"$CALL_PATH_RE\"$"
  waiting=$(grep -oE "$CALL_PATH_RE" <<<"$OUT" || true)
  busctl_as "$OUTSIDER" call "$PHONE" "$MODEM" org.ofono.VoiceCallManager GetCalls
  expect_ok "$OUTSIDER sees the member's two calls (GetCalls)" '^a\(oa\{sv\}\) 2 .*"0401234567".*"0409876543"'
  if [[ -n $dialled ]]; then
    busctl_as "$OUTSIDER" call "$PHONE" "$dialled" org.ofono.VoiceCall GetProperties
    expect_ok "$OUTSIDER calls VoiceCall.GetProperties of $dialled" '"LineIdentification" s "0401234567"'
    send "$OUTSIDER" --dest="$PHONE" "$dialled" org.ofono.VoiceCall.Hangup
    expect_denied "$OUTSIDER is refused VoiceCall.Hangup"
  fi

  send "$OUTSIDER" --dest="$PHONE" "$MODEM" org.ofono.VoiceCallManager.Dial string:0401234567 string:
  expect_denied "$OUTSIDER is refused VoiceCallManager.Dial"
  send "$OUTSIDER" --dest="$PHONE" "$MODEM" org.ofono.VoiceCallManager.HangupAll
  expect_denied "$OUTSIDER is refused VoiceCallManager.HangupAll"
  busctl_as "$OUTSIDER" call "$PHONE" "$MODEM" org.ofono.VoiceCallManager GetCalls
  expect_ok "the member's two calls are still there" '^a\(oa\{sv\}\) 2 '

  send "$MEMBER" --dest="$PHONE" "$MODEM" org.ofono.CallVolume.SetProperty string:Muted variant:boolean:true
  expect_ok "$MEMBER calls CallVolume.SetProperty Muted true"
  send "$OUTSIDER" --dest="$PHONE" "$MODEM" org.ofono.CallVolume.SetProperty string:Muted variant:boolean:false
  expect_denied "$OUTSIDER is refused CallVolume.SetProperty"
  send "$OUTSIDER" --dest="$PHONE" "$MODEM" org.ofono.Modem.SetProperty string:Powered variant:boolean:false
  expect_denied "$OUTSIDER is refused Modem.SetProperty"
  busctl_as "$OUTSIDER" call "$PHONE" "$MODEM" org.ofono.CallVolume GetProperties
  expect_ok "CallVolume is still the member's Muted true" '"Muted" b true'

  send "$OUTSIDER" --dest="$PHONE" "$PHONE_SIM_PATH" "$PHONE_SIM.IncomingCall" string:0409876543
  expect_denied "$OUTSIDER is refused PhoneSim1.IncomingCall"
  send "$OUTSIDER" --dest="$PHONE" "$PHONE_SIM_PATH" "$PHONE_SIM.SetSignalStrength" byte:10
  expect_denied "$OUTSIDER is refused PhoneSim1.SetSignalStrength"
  busctl_as "$MEMBER" call "$PHONE" "$PHONE_SIM_PATH" "$PHONE_SIM" SetSignalStrength y 40
  expect_ok "$MEMBER calls PhoneSim1.SetSignalStrength 40"
  busctl_as "$OUTSIDER" call "$PHONE" "$MODEM" org.ofono.NetworkRegistration GetProperties
  expect_ok "NetworkRegistration.Strength is the member's 40" '"Strength" y 40'

  # The phonebook and the call history are private: group opencabin only.
  send "$OUTSIDER" --dest="$PHONE" "$PHONEBOOK_PATH" "$PHONEBOOK.PullAll" string:pb
  expect_denied "$OUTSIDER is refused Phonebook1.PullAll pb"
  send "$OUTSIDER" --dest="$PHONE" "$PHONEBOOK_PATH" "$PHONEBOOK.PullAll" string:cch
  expect_denied "$OUTSIDER is refused Phonebook1.PullAll cch"
  busctl_as "$MEMBER" call "$PHONE" "$PHONEBOOK_PATH" "$PHONEBOOK" PullAll s pb
  expect_ok "$MEMBER calls Phonebook1.PullAll pb (vCard)" '^s "BEGIN:VCARD'

  # As in oFono, HangupAll releases every call but the waiting one, which then rings.
  busctl_as "$MEMBER" call "$PHONE" "$MODEM" org.ofono.VoiceCallManager HangupAll
  expect_ok "$MEMBER calls VoiceCallManager.HangupAll"
  if [[ -n $waiting ]]; then
    busctl_as "$MEMBER" call "$PHONE" "$waiting" org.ofono.VoiceCall Hangup
    expect_ok "$MEMBER calls VoiceCall.Hangup of the ringing call"
  fi
  busctl_as "$OUTSIDER" call "$PHONE" "$MODEM" org.ofono.VoiceCallManager GetCalls
  expect_ok "no call is left" '^a\(oa\{sv\}\) 0$'

  # Signals: an outsider receives CallAdded (the bus's default policy allows every signal).
  if /usr/bin/python3 -c 'import dbus, gi' 2>/dev/null; then
    cat >"$WORK/phone-listen.py" <<'PY'
import sys
import dbus
import dbus.mainloop.glib
from gi.repository import GLib

dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.bus.BusConnection(sys.argv[1])
loop = GLib.MainLoop()
added = []
def call_added(path, properties):
    added.append(str(properties.get("LineIdentification", "")))
    loop.quit()
bus.add_signal_receiver(call_added, signal_name="CallAdded",
                        dbus_interface="org.ofono.VoiceCallManager", bus_name="org.ofono")
# A round trip after AddMatch: the bus has the match before "ready" is printed.
bus.call_blocking("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                  "GetId", "", ())
print("ready", flush=True)
GLib.timeout_add(5000, loop.quit)
loop.run()
print("CallAdded", " ".join(added) or "none")
PY
    as_user "$OUTSIDER" timeout 10 /usr/bin/python3 "$WORK/phone-listen.py" "$ADDRESS" >"$WORK/phone-listen.out" 2>&1 &
    listener=$!
    for _ in $(seq 100); do grep -q ready "$WORK/phone-listen.out" && break; sleep 0.05; done
    send "$MEMBER" --dest="$PHONE" "$PHONE_SIM_PATH" "$PHONE_SIM.IncomingCall" string:0405550100
    incoming="exit $RC: $OUT"
    wait "$listener" 2>/dev/null || true
    RC=0
    OUT="$(cat "$WORK/phone-listen.out")"$'\n'"(IncomingCall: $incoming)"
    expect_ok "$OUTSIDER receives the phone's CallAdded signal" 'CallAdded 0405550100'
  else
    echo "SKIP  $PHONE signal delivery check (needs python3-dbus and python3-gi)"
  fi

  for user in "$OUTSIDER" "$MEMBER" opencabin-vehicle opencabin-media opencabin-navigation opencabin-ui; do
    cannot_own "$user" "$PHONE"
  done
  for name in "$VEHICLE" "$MEDIA" "$NAVIGATION" "$SHELL_NAME" "$CLUSTER"; do cannot_own opencabin-phone "$name"; done
  check_notify phone
fi
