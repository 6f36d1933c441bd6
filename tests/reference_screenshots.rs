//! Every page at 800x480, 1280x720 and 1920x720, night and day, English and Chinese (plus unit and
//! state variants), as listed in tests/reference/cases.txt, rendered from the fixed sample state
//! and compared with the committed images in tests/reference/. An
//! unintended visual change fails here; an intended one updates the images in the same commit
//! (tools/update-reference-screenshots.sh).

mod common;

use std::path::Path;

use common::{read_png, run_opencabin, temp_dir};

/// A pixel differs when a channel is off by more than this.
const CHANNEL_TOLERANCE: u8 = 24;
/// An image matches when at most this share of its pixels differ.
const MAX_DIFFERENT_SHARE: f64 = 0.002;

/// The cases in tests/reference/cases.txt: image name and screenshot flags.
fn cases() -> Vec<(String, Vec<String>)> {
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/cases.txt"),
    )
    .unwrap();
    list.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let mut words = line.split_whitespace().map(str::to_string);
            (words.next().unwrap(), words.collect())
        })
        .collect()
}

#[test]
fn every_page_matches_its_reference_image() {
    let out = temp_dir("reference");
    let mut failures = Vec::new();
    let cases = cases();
    for page in ["home", "media", "phone", "vehicle", "climate", "settings"] {
        for size in ["800x480", "1280x720", "1920x720"] {
            for theme in ["night", "day"] {
                for lang in ["en", "zh-CN"] {
                    let name = format!("{page}-{size}-{theme}-{lang}.png");
                    assert!(cases.iter().any(|(n, _)| *n == name), "{name} is listed");
                }
            }
        }
    }
    for (name, flags) in &cases {
        let rendered = out.join(name);
        let mut args = vec!["screenshot", "--sample", "--time", "09:41"];
        args.extend(flags.iter().map(String::as_str));
        args.extend(["--out", rendered.to_str().unwrap()]);
        let output = run_opencabin(&args);
        assert!(
            output.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let reference = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/reference")
            .join(name);
        let (rw, rh, new) = read_png(&rendered);
        let (ew, eh, old) = read_png(&reference);
        assert_eq!((rw, rh), (ew, eh), "{name}: size");
        let different = new
            .iter()
            .zip(&old)
            .filter(|(a, b)| (0..3).any(|i| a[i].abs_diff(b[i]) > CHANNEL_TOLERANCE))
            .count();
        let share = different as f64 / new.len() as f64;
        if share > MAX_DIFFERENT_SHARE {
            failures.push(format!(
                "{name}: {:.2} % of pixels differ (see {})",
                share * 100.0,
                rendered.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "screenshots differ from tests/reference/:\n{}",
        failures.join("\n")
    );
}

#[test]
fn day_and_night_the_two_languages_and_the_units_really_differ() {
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let (_, _, night) = read_png(&reference.join("home-1280x720-night-en.png"));
    let (_, _, day) = read_png(&reference.join("home-1280x720-day-en.png"));
    let (_, _, chinese) = read_png(&reference.join("home-1280x720-night-zh-CN.png"));
    let differ = |a: &[[u8; 3]], b: &[[u8; 3]]| a.iter().zip(b).filter(|(x, y)| x != y).count();
    assert!(
        differ(&night, &day) > night.len() / 2,
        "day must repaint most of the screen"
    );
    assert!(
        differ(&night, &chinese) > 500,
        "Chinese labels must change the text"
    );
    let (_, _, imperial) = read_png(&reference.join("home-1280x720-night-en-imperial.png"));
    assert!(
        differ(&night, &imperial) > 500,
        "miles and °F must change the numbers"
    );
}
