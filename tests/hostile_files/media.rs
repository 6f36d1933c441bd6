//! The media library folder with hostile files in it (see the parent file).

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use super::common::{TestBus, opencabin, temp_dir, wait_for};
use super::{asset, binary, hostile, snapshot};
use opencabin::process::ChildProcess;

/// A library folder with two good tracks (one named in bytes that are not UTF-8), a truncated
/// track, one padded to 50 MB, and files that are no tracks (a broken tag, the hostile
/// variants): the service serves every track it could read (the odd name's URL naming its exact
/// bytes) and logs every file it skipped by name.
#[test]
fn a_hostile_media_library_serves_the_good_tracks_and_names_the_skipped() {
    let dir = temp_dir("hostile-media");
    let library = dir.join("library");
    std::fs::create_dir(&library).unwrap();
    let demo = |n: &str| asset(&format!("assets/media/demo-library/{n}.ogg"));
    let real = demo("juniper-coast-02-coastal-highway");
    let mut skipped = hostile(&library, "ogg", &real, real.len() / 3);
    let odd = skipped.pop().unwrap();
    skipped.retain(|f| f.file_stem() != Some("truncated".as_ref()));
    std::fs::write(&odd, demo("chenguang-01-neon-rain")).unwrap();
    std::fs::write(
        library.join("good.ogg"),
        demo("juniper-coast-01-morning-drive"),
    )
    .unwrap();
    let mut broken = demo("chenguang-03-the-way-home");
    let vendor = broken
        .windows(7)
        .skip(100)
        .position(|w| w == b"\x03vorbis")
        .unwrap()
        + 107;
    broken[vendor..vendor + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(library.join("broken-tag.ogg"), broken).unwrap();
    skipped.push(library.join("broken-tag.ogg"));
    let padded = library.join("padded.ogg");
    std::fs::write(&padded, demo("chenguang-02-on-the-overpass")).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&padded)
        .unwrap()
        .set_len(50_000_000)
        .unwrap();
    for (name, bytes) in [("random.mp3", binary(100_000)), ("random.flac", binary(10))] {
        std::fs::write(library.join(name), bytes).unwrap();
        skipped.push(library.join(name));
    }
    std::os::unix::fs::symlink("..", library.join("up.m4a")).unwrap();
    std::os::unix::fs::symlink(".", library.join("here")).unwrap();
    skipped.push(library.join("up.m4a"));
    let before = snapshot(&dir);

    let bus = TestBus::start();
    let log = dir.join("media.log");
    let mut command = opencabin();
    command
        .arg("--bus")
        .arg(bus.address())
        .args(["media-service", "--library"]);
    command
        .arg(&library)
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
    let _media = ChildProcess::spawn("media-service", &mut command).unwrap();
    wait_for(Duration::from_secs(20), "the media service", || {
        bus.playerctl("opencabin", &["status"])
    });
    let log = std::fs::read_to_string(&log).unwrap();
    assert!(!log.contains("panicked"), "{log}");
    for file in &skipped {
        let line = log
            .lines()
            .find(|l| l.contains(&format!("file={}", file.display())));
        let line = line.unwrap_or_else(|| panic!("{file:?} skipped with a line: {log}"));
        assert!(line.contains("skipped"), "{line}");
    }
    let tracks = bus.get_property(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2.TrackList",
        "Tracks",
    );
    let tracks = tracks.expect("the track list");
    let ids: Vec<&str> = tracks.split('"').skip(1).step_by(2).collect();
    let metadata = bus.gdbus_call(
        "org.mpris.MediaPlayer2.opencabin",
        "/org/mpris/MediaPlayer2",
        "org.mpris.MediaPlayer2.TrackList.GetTracksMetadata",
        &[&format!("{ids:?}").replace('"', "'")],
    );
    let metadata = metadata.expect("the tracks' metadata");
    let url = |file: &Path| opencabin::contract::media::file_url(file);
    for name in ["good.ogg", "padded.ogg", "truncated.ogg"] {
        assert!(
            metadata.contains(&url(&library.join(name))),
            "{name} listed: {metadata}"
        );
    }
    assert!(url(&odd).ends_with("odd-%FF%FE.ogg"), "{}", url(&odd));
    assert!(
        metadata.contains(&url(&odd)),
        "the odd name listed: {metadata}"
    );
    assert_eq!(ids.len(), 4, "{tracks}");
    assert_eq!(snapshot(&dir).get(&library), before.get(&library));
    let after = snapshot(&dir);
    before
        .iter()
        .for_each(|(p, e)| assert_eq!(after.get(p), Some(e), "{p:?} unchanged"));
}
