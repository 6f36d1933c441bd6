//! Every page at 800x480, 1280x720 and 1920x720, night and day, English and Chinese, rendered
//! from the fixed sample state and compared with the committed images in tests/reference/. An
//! unintended visual change fails here; an intended one updates the images in the same commit
//! (tools/update-reference-screenshots.sh).

mod common;

use std::path::Path;

use common::{read_png, run_opencabin, temp_dir};

/// A pixel differs when a channel is off by more than this.
const CHANNEL_TOLERANCE: u8 = 24;
/// An image matches when at most this share of its pixels differ.
const MAX_DIFFERENT_SHARE: f64 = 0.002;

#[test]
fn every_page_matches_its_reference_image() {
    let out = temp_dir("reference");
    let mut failures = Vec::new();
    let mut compared = 0;
    for page in ["home", "media", "vehicle", "climate", "settings"] {
        for size in ["800x480", "1280x720", "1920x720"] {
            for theme in ["night", "day"] {
                for lang in ["en", "zh-CN"] {
                    let name = format!("{page}-{size}-{theme}-{lang}.png");
                    let rendered = out.join(&name);
                    let output = run_opencabin(&[
                        "screenshot",
                        "--sample",
                        "--time",
                        "09:41",
                        "--page",
                        page,
                        "--size",
                        size,
                        "--theme",
                        theme,
                        "--lang",
                        lang,
                        "--out",
                        rendered.to_str().unwrap(),
                    ]);
                    assert!(
                        output.status.success(),
                        "{name}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                    let reference = Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("tests/reference")
                        .join(&name);
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
                    compared += 1;
                }
            }
        }
    }
    assert_eq!(compared, 60);
    assert!(
        failures.is_empty(),
        "screenshots differ from tests/reference/:\n{}",
        failures.join("\n")
    );
}

#[test]
fn day_and_night_and_the_two_languages_really_differ() {
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
}
