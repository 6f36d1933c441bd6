//! The UI's MPRIS client against real players on a private bus: mpv (with the mpv-mpris plugin)
//! playing the demo library's audio, and two instances of our own service.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{TestBus, wait_for};
use opencabin::client::mpris::{Command as PlayerCommand, MprisClient, MprisState, PlayerSnapshot};
use opencabin::process::ChildProcess;

const MPV_PLUGIN: &str = "/usr/lib/mpv-mpris/mpris.so";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

fn client(runtime: &tokio::runtime::Runtime, bus: &TestBus) -> MprisClient {
    runtime.block_on(async {
        let connection = bus.choice().connect().await.expect("the private bus");
        MprisClient::start(connection)
            .await
            .expect("the client starts")
    })
}

/// Waits until the client's state satisfies `check`.
fn wait_state<T>(client: &MprisClient, what: &str, check: impl Fn(&MprisState) -> Option<T>) -> T {
    wait_for(Duration::from_secs(10), what, || check(&client.state()))
}

fn player<'a>(state: &'a MprisState, bus_name: &str) -> Option<&'a PlayerSnapshot> {
    state.players.iter().find(|p| p.bus_name == bus_name)
}

fn library_file(name: &str) -> String {
    format!(
        "{}/assets/media/demo-library/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn the_client_follows_and_drives_mpv() {
    let bus = TestBus::start();
    let runtime = runtime();
    let client = client(&runtime, &bus);
    let mut command = Command::new("mpv");
    command
        .args([
            "--no-config",
            &format!("--script={MPV_PLUGIN}"),
            "--no-video",
            "--ao=null",
            "--no-terminal",
        ])
        .args(["--idle=no", "--loop-playlist=inf"])
        .arg(library_file("juniper-coast-01-morning-drive.ogg"))
        .arg(library_file("chenguang-01-neon-rain.ogg"))
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .stdin(Stdio::null());
    let _mpv =
        ChildProcess::spawn("mpv", &mut command).expect("mpv runs (packages mpv, mpv-mpris)");

    let mpv = wait_state(&client, "mpv playing Morning Drive", |state| {
        let active = state.active_player()?;
        (active.bus_name.contains(".mpv")
            && active.track.title == "Morning Drive"
            && active.is_playing())
        .then(|| active.clone())
    });
    assert_eq!(mpv.track.artists, ["Juniper Coast"]);
    assert_eq!(mpv.track.album, "Open Road Sketches");
    assert_eq!(mpv.track.length_us, Some(96_000_000));

    assert_eq!(client.state().players.len(), 1, "one player for mpv");
    let name = mpv
        .bus_name
        .trim_start_matches("org.mpris.MediaPlayer2.")
        .to_string();

    // The extrapolated position agrees with what mpv itself reports.
    std::thread::sleep(Duration::from_millis(800));
    let reported: f64 = bus
        .playerctl(&name, &["position"])
        .unwrap()
        .parse()
        .unwrap();
    let ours = client
        .state()
        .active_player()
        .unwrap()
        .position_at(Instant::now()) as f64
        / 1e6;
    assert!(
        (ours - reported).abs() < 0.5,
        "extrapolated {ours:.2} s, mpv says {reported:.2} s"
    );

    // Commands sent by the client take effect in mpv.
    runtime.block_on(client.send(PlayerCommand::Pause)).unwrap();
    wait_for(Duration::from_secs(5), "mpv paused", || {
        (bus.playerctl(&name, &["status"])? == "Paused").then_some(())
    });
    wait_state(&client, "the client to see the pause", |s| {
        (!s.active_player()?.is_playing()).then_some(())
    });
    runtime.block_on(client.send(PlayerCommand::Next)).unwrap();
    wait_for(Duration::from_secs(5), "mpv on the next file", || {
        (bus.playerctl(&name, &["metadata", "xesam:title"])? == "霓虹雨").then_some(())
    });
    wait_state(&client, "the client to see the next title", |s| {
        (s.active_player()?.track.title == "霓虹雨").then_some(())
    });
}

#[test]
fn two_players_switching_and_one_vanishing() {
    let bus = TestBus::start();
    let runtime = runtime();
    let client = client(&runtime, &bus);
    let first = bus.media_service(&[]);
    let _second = bus.spawn(&["media-service", "--instance", "second", "--play"]);
    let first_name = "org.mpris.MediaPlayer2.opencabin";
    let second_name = "org.mpris.MediaPlayer2.opencabin.second";

    // Both appear; the playing one is active.
    let state = wait_state(&client, "two players, the playing one active", |s| {
        (s.players.len() == 2 && s.active.as_deref() == Some(second_name)).then(|| s.clone())
    });
    assert_eq!(
        player(&state, first_name).unwrap().identity,
        "OpenCabin Player"
    );
    assert_eq!(
        player(&state, second_name).unwrap().identity,
        "OpenCabin Player (second)"
    );
    assert!(!player(&state, first_name).unwrap().is_playing());

    // The user switches to the first; commands go to it.
    client.select(first_name);
    assert_eq!(client.state().active.as_deref(), Some(first_name));
    runtime
        .block_on(client.send(PlayerCommand::PlayPause))
        .unwrap();
    wait_for(Duration::from_secs(5), "the first player playing", || {
        (bus.playerctl("opencabin", &["status"])? == "Playing").then_some(())
    });
    assert_eq!(
        bus.playerctl("opencabin.second", &["status"]).as_deref(),
        Some("Playing"),
        "the second is untouched"
    );
    runtime
        .block_on(client.send(PlayerCommand::SetVolume(0.3)))
        .unwrap();
    wait_state(&client, "the volume seen", |s| {
        (player(s, first_name)?.volume == 0.3).then_some(())
    });

    // The chosen player vanishes: the other becomes active.
    drop(first);
    let state = wait_state(&client, "one player left", |s| {
        (s.players.len() == 1).then(|| s.clone())
    });
    assert_eq!(state.active.as_deref(), Some(second_name));
}

/// A player that owns two MPRIS names on one connection, as mpv-mpris 1.0 and later do
/// (`org.mpris.MediaPlayer2.mpv` and `org.mpris.MediaPlayer2.mpv.instance<pid>`; Debian 12's
/// 0.9 owns only the first): python3-dbus on the real bus, serving the root and Player
/// properties. It releases the shorter name when it reads a line on stdin.
const TWO_NAMES_PLAYER: &str = r#"
import sys, dbus, dbus.service, dbus.mainloop.glib
from gi.repository import GLib
dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
bus = dbus.bus.BusConnection(sys.argv[1])
names = [dbus.service.BusName(n, bus) for n in ("org.mpris.MediaPlayer2.twin", "org.mpris.MediaPlayer2.twin.instance4242")]
PROPS = {
    "org.mpris.MediaPlayer2": {"Identity": "Twin"},
    "org.mpris.MediaPlayer2.Player": {"PlaybackStatus": "Playing", "Rate": 1.0, "Volume": 1.0,
        "Metadata": dbus.Dictionary({"xesam:title": "Twin Track"}, signature="sv"),
        "Position": dbus.Int64(0)},
}
class Player(dbus.service.Object):
    @dbus.service.method("org.freedesktop.DBus.Properties", in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        return PROPS[interface][name]
    @dbus.service.method("org.freedesktop.DBus.Properties", in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return PROPS.get(interface, {})
player = Player(bus, "/org/mpris/MediaPlayer2")
def release(source, condition):
    sys.stdin.readline()
    del names[0]
    bus.release_name("org.mpris.MediaPlayer2.twin")
    print("released", flush=True)
    return False
GLib.io_add_watch(sys.stdin, GLib.IO_IN, release)
print("ready", flush=True)
GLib.MainLoop().run()
"#;

#[test]
fn a_player_owning_two_names_is_one_player() {
    use std::io::{BufRead, Write};
    let bus = TestBus::start();
    let runtime = runtime();
    let client = client(&runtime, &bus);
    // Debian's Python, which has python3-dbus (another python3 may come first on PATH).
    let mut command = Command::new("/usr/bin/python3");
    command
        .args(["-c", TWO_NAMES_PLAYER, bus.address()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut twin = ChildProcess::spawn("twin player", &mut command)
        .expect("python3 runs (packages python3-dbus, python3-gi)");
    let mut lines = std::io::BufReader::new(twin.take_stdout().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "ready");

    let state = wait_state(&client, "the twin player", |s| {
        (s.active_player()?.track.title == "Twin Track").then(|| s.clone())
    });
    assert_eq!(
        state.players.len(),
        1,
        "one connection, one player: {:?}",
        state.players
    );
    assert_eq!(state.players[0].bus_name, "org.mpris.MediaPlayer2.twin");
    assert_eq!(state.players[0].identity, "Twin");

    // It gives up its short name: still one player, now under the name it kept.
    writeln!(twin.stdin().unwrap(), "release").unwrap();
    assert_eq!(lines.next().unwrap().unwrap(), "released");
    let state = wait_state(&client, "the twin under its instance name", |s| {
        (s.players.len() == 1
            && s.players[0].bus_name == "org.mpris.MediaPlayer2.twin.instance4242"
            && s.players[0].track.title == "Twin Track")
            .then(|| s.clone())
    });
    assert_eq!(
        state.active.as_deref(),
        Some("org.mpris.MediaPlayer2.twin.instance4242")
    );
}
