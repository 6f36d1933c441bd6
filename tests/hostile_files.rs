//! Hostile files through the real binary (issue #18): drive cycles, scenarios, settings, maps and
//! OpenStreetMap extracts, phonebooks and media libraries that are empty, truncated, huge (sparse,
//! 200 MB), random binary, folders, symlink loops, or named in bytes that are not UTF-8. Each is
//! refused with one line naming the file, or skipped with a log line naming it while the rest
//! serves; nothing panics, and no input file's bytes or modification time change.

mod common;
#[path = "hostile_files/media.rs"]
mod media;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::{TestBus, opencabin, temp_dir, wait_for};

/// A bus no one listens on: a file the product wrongly accepts fails later, on the bus, with a
/// message that does not name the file.
const NO_BUS: &str = "unix:path=/nonexistent/opencabin-hostile-files";
const HUGE: u64 = 200_000_000;
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `stem` followed by bytes that are not UTF-8, then `.ext`.
fn not_utf8_name(stem: &str, ext: &str) -> PathBuf {
    let mut bytes = stem.as_bytes().to_vec();
    bytes.extend_from_slice(b"-\xff\xfe.");
    bytes.extend_from_slice(ext.as_bytes());
    PathBuf::from(OsStr::from_bytes(&bytes))
}

/// Pseudo-random bytes (xorshift), the same every run.
fn binary(len: usize) -> Vec<u8> {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

/// The hostile variants of a `.ext` file whose real form is `real`, made in `dir`: empty, the
/// first `truncate_at` bytes, huge (sparse), random, a folder, a symlink loop, and the truncated
/// bytes under a name that is not UTF-8.
fn hostile(dir: &Path, ext: &str, real: &[u8], truncate_at: usize) -> Vec<PathBuf> {
    let at = |name: &str| dir.join(format!("{name}.{ext}"));
    std::fs::write(at("empty"), b"").unwrap();
    std::fs::write(at("truncated"), &real[..truncate_at]).unwrap();
    let huge = std::fs::File::create(at("huge")).unwrap();
    huge.set_len(HUGE).unwrap();
    std::fs::write(at("binary"), binary(64 * 1024)).unwrap();
    std::fs::create_dir(at("folder")).unwrap();
    std::os::unix::fs::symlink(format!("loop.{ext}"), at("loop")).unwrap();
    let odd = dir.join(not_utf8_name("odd", ext));
    std::fs::write(&odd, &real[..truncate_at]).unwrap();
    ["empty", "truncated", "huge", "binary", "folder", "loop"]
        .map(at)
        .into_iter()
        .chain([odd])
        .collect()
}

fn asset(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(ROOT).join(path)).unwrap()
}

/// Every entry under `dir` (symlinks not followed): kind, length, modification time and bytes.
type Entry = (String, u64, std::time::SystemTime, u64);

fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Entry> {
    use std::hash::{Hash, Hasher};
    let mut found = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let meta = path.symlink_metadata().unwrap();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        if meta.is_file() {
            std::fs::read(&path).unwrap().hash(&mut hasher);
        } else if meta.is_symlink() {
            std::fs::read_link(&path).unwrap().hash(&mut hasher);
        } else if meta.is_dir() {
            found.extend(snapshot(&path));
        }
        let kind = format!("{:?}", meta.file_type());
        found.insert(
            path,
            (kind, meta.len(), meta.modified().unwrap(), hasher.finish()),
        );
    }
    found
}

/// What `opencabin args` shows the user, with stdout and stderr as text.
fn run(args: &[&OsStr]) -> (Output, String) {
    let output = opencabin().args(args).output().expect("opencabin runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    (output, stderr)
}

/// Asserts that `opencabin args` fails with one line on stderr that names `file` and says
/// `why` (a part of the reason), and returns that line.
fn refused(args: &[&OsStr], file: &Path, why: &str) -> String {
    let (output, stderr) = run(args);
    assert!(!output.status.success(), "{args:?} accepted {file:?}");
    let line = stderr.trim();
    assert_eq!(line.lines().count(), 1, "one line for {file:?}: {line}");
    assert!(line.len() < 300, "a short line for {file:?}: {line}");
    assert!(
        line.contains(&file.display().to_string()),
        "{file:?} named: {line}"
    );
    assert!(line.contains(why), "{file:?}: '{why}' in {line}");
    line.to_string()
}

/// The reason each variant of [`hostile`] (but the empty and truncated ones) is refused with.
const REASONS: [(&str, &str); 4] = [
    ("huge", "it is 200.0 MB, more than the "),
    ("binary", "not UTF-8 text"),
    ("folder", "it is a folder, not a file"),
    ("loop", "Too many levels of symbolic links"),
];

fn reason(file: &Path) -> Option<&'static str> {
    let stem = file.file_stem()?.to_str()?;
    REASONS.iter().find(|(s, _)| *s == stem).map(|(_, r)| *r)
}

#[test]
fn hostile_drive_cycles_are_refused_naming_the_file() {
    let dir = temp_dir("hostile-cycles");
    let real = asset("assets/drive-cycles/udds.csv");
    let files = hostile(&dir, "csv", &real, real.len() / 2 + 3);
    let before = snapshot(&dir);
    for file in &files[..files.len() - 1] {
        let args = ["--bus", NO_BUS, "vehicle-service", "--cycle"].map(OsStr::new);
        let args = [&args[..], &[file.as_os_str()]].concat();
        let why = match file.file_stem().unwrap().to_str().unwrap() {
            "empty" => "has fewer than two samples",
            "truncated" => "expected 'time,speed'",
            _ => reason(file).unwrap(),
        };
        let line = refused(&args, file, why);
        assert!(
            !line.contains(&format!("{why}: {why}")),
            "said twice: {line}"
        );
    }
    // The truncated cycle ends in the middle of a number; a cut at a line end is a shorter cycle
    // the car drives.
    let end = real[..real.len() / 2]
        .iter()
        .rposition(|&b| b == b'\n')
        .unwrap()
        + 1;
    let shorter = dir.join("shorter.csv");
    std::fs::write(&shorter, &real[..end]).unwrap();
    let bus = TestBus::start();
    let _car = bus.spawn(&["vehicle-service", "--cycle", shorter.to_str().unwrap()]);
    wait_for(Duration::from_secs(10), "the shorter cycle served", || {
        bus.vehicle_speed()
    });
    // clap takes `--cycle` as text: a name that is not UTF-8 is refused as a usage error.
    let odd = files.last().unwrap();
    let (output, stderr) = run(&[
        OsStr::new("vehicle-service"),
        "--cycle".as_ref(),
        odd.as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    let after = snapshot(&dir);
    before
        .iter()
        .for_each(|(p, e)| assert_eq!(after.get(p), Some(e), "{p:?} unchanged"));
}

#[test]
fn hostile_scenarios_are_refused_naming_the_file() {
    let dir = temp_dir("hostile-scenarios");
    let real = asset("assets/scenarios/door-left-open.toml");
    let files = hostile(&dir, "toml", &real, real.len() / 2);
    let before = snapshot(&dir);
    for file in &files[..files.len() - 1] {
        let why = match file.file_stem().unwrap().to_str().unwrap() {
            "empty" => "missing field `title`",
            "truncated" => "unclosed array table",
            _ => reason(file).unwrap(),
        };
        refused(
            &["scenario".as_ref(), "check".as_ref(), file.as_os_str()],
            file,
            why,
        );
    }
    assert_eq!(snapshot(&dir), before, "no scenario file changed");
}

/// `settings show` on each hostile settings file, each in a folder of its own: the defaults are
/// shown, and the file is kept aside as it was (same bytes, same time) under a `.broken-` name.
#[test]
fn hostile_settings_are_kept_aside_untouched_and_defaults_used() {
    let real = b"theme = \"day\"\nlanguage = \"zh_CN\"\nfrom_a_newer_version = [1, 2]\n";
    let files = hostile(&temp_dir("hostile-settings"), "toml", real, 19);
    for (n, file) in files.iter().enumerate() {
        let dir = temp_dir(&format!("hostile-settings-{n}"));
        let path = dir.join(file.file_name().unwrap());
        std::fs::rename(file, &path).unwrap();
        let before = snapshot(&dir);
        let (output, stderr) = run(&[
            "--config".as_ref(),
            path.as_os_str(),
            "settings".as_ref(),
            "show".as_ref(),
        ]);
        assert!(output.status.success(), "{path:?}: {stderr}");
        let shown = String::from_utf8_lossy(&output.stdout);
        assert!(
            shown.contains("theme = \"night\""),
            "defaults for {path:?}: {shown}"
        );
        let after = snapshot(&dir);
        if path.file_stem() == Some("empty".as_ref()) {
            assert_eq!(after, before, "an empty file is no settings, and stays");
            continue;
        }
        assert!(
            stderr.contains("the settings file was unusable"),
            "{stderr}"
        );
        let mut kept_name = path.file_name().unwrap().to_os_string();
        kept_name.push(".broken-");
        let kept: Vec<_> = after.keys().filter(|p| p.parent() == Some(&dir)).collect();
        assert_eq!(kept.len(), 1, "{path:?} only renamed: {after:?}");
        assert!(
            kept[0]
                .as_os_str()
                .as_bytes()
                .starts_with(dir.join(&kept_name).as_os_str().as_bytes()),
            "{kept:?}"
        );
        assert!(
            stderr.contains(&format!("kept as {}", kept[0].display())),
            "{stderr}"
        );
        let moved = |m: &std::collections::BTreeMap<PathBuf, Entry>| -> Vec<Entry> {
            m.values().cloned().collect()
        };
        assert_eq!(moved(&after), moved(&before), "{path:?} kept as it was");
    }
}

/// A file kept aside never replaces one kept aside before, even in the same second.
#[test]
fn a_broken_settings_file_never_replaces_one_kept_before() {
    let dir = temp_dir("hostile-settings-twice");
    let path = dir.join("settings.toml");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    for second in now..now + 5 {
        std::fs::write(
            dir.join(format!("settings.toml.broken-{second}")),
            "kept before",
        )
        .unwrap();
    }
    std::fs::write(&path, "theme = [[").unwrap();
    let before = snapshot(&dir);
    let (output, stderr) = run(&[
        "--config".as_ref(),
        path.as_os_str(),
        "settings".as_ref(),
        "show".as_ref(),
    ]);
    assert!(output.status.success(), "{stderr}");
    let after = snapshot(&dir);
    assert_eq!(after.len(), before.len(), "{after:?}");
    for (old, entry) in before.iter().filter(|(p, _)| **p != path) {
        assert_eq!(after.get(old), Some(entry), "{old:?} is still what it was");
    }
}

#[test]
fn hostile_maps_and_extracts_are_refused_naming_the_file() {
    let dir = temp_dir("hostile-maps");
    let real = asset("assets/maps/helsinki.ocmap");
    let mut files = hostile(&dir, "ocmap", &real, real.len() / 2);
    files.pop(); // clap takes `--map` as text, as `--cycle` (see the drive cycles)
    let pbf = asset("assets/maps/source/helsinki.osm.pbf");
    let extracts = hostile(&dir, "osm.pbf", &pbf, pbf.len() / 2);
    let output = dir.join("out.ocmap");
    std::fs::write(&output, "the user's map, not to be replaced").unwrap();
    let before = snapshot(&dir);
    let places = dir.join("places.toml");
    for file in &files {
        let why = match file.file_stem().unwrap().to_str().unwrap() {
            "empty" | "binary" => "not an OpenCabin map",
            "truncated" => "the map is damaged",
            "huge" => "it is 200.0 MB, more than the 128.0 MB allowed",
            _ => reason(file).unwrap(),
        };
        let args = ["--bus", NO_BUS, "navigation-service", "--places"].map(OsStr::new);
        let args = [
            &args[..],
            &[places.as_os_str(), "--map".as_ref(), file.as_os_str()],
        ]
        .concat();
        refused(&args, file, why);
    }
    for file in &extracts {
        let why = match file.file_name().unwrap().as_bytes() {
            b"empty.osm.pbf" => "has no road cars can drive on",
            b"loop.osm.pbf" => "Too many levels of symbolic links",
            _ => "cannot read the OpenStreetMap extract",
        };
        let args = [
            OsStr::new("map"),
            "import".as_ref(),
            file.as_os_str(),
            output.as_os_str(),
        ];
        refused(&args, file, why);
    }
    assert_eq!(snapshot(&dir), before, "no map, extract or output changed");
}

#[test]
fn hostile_phonebooks_are_refused_naming_the_file() {
    let dir = temp_dir("hostile-phonebooks");
    let real = asset("assets/phone/contacts.vcf");
    // Cut after "N:" of a card.
    let files = hostile(&dir, "vcf", &real, real.len() / 2 + 6);
    let before = snapshot(&dir);
    for file in &files[1..] {
        let why = reason(file).unwrap_or("is not vCard: the last card has no END:VCARD");
        let args = ["--bus", NO_BUS, "phone-service", "--contacts"].map(OsStr::new);
        refused(&[&args[..], &[file.as_os_str()]].concat(), file, why);
    }
    // An empty phonebook is a phone with no contacts.
    let bus = TestBus::start();
    let empty = files[0].to_str().unwrap();
    let _phone = bus.spawn(&["phone-service", "--contacts", empty]);
    wait_for(
        Duration::from_secs(10),
        "the phone with no contacts",
        || {
            bus.gdbus_call("org.ofono", "/", "org.ofono.Manager.GetModems", &[])
                .ok()
        },
    );
    assert_eq!(snapshot(&dir), before, "no phonebook changed");
}
