//! Every glyph comes from the fonts the binary ships, whatever fonts the machine has: Chinese
//! read back by OCR (tesseract, chi_sim) from a headless screenshot and from the window (software
//! renderer and OpenGL) with no system font at all; a system CJK font changes no pixel of it;
//! a character no bundled font has is drawn by a system font when there is one, else as a box.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{TestBus, Xvfb, fontconfig_listing, opencabin, read_png, temp_dir, wait_for};

/// Labels of the settings page in Chinese that OCR must find (tesseract reads these reliably;
/// it misreads some others, such as 语言 beside its buttons and labels on coloured buttons).
const SETTINGS_LABELS: [&str; 7] = [
    "显示",
    "主题",
    "亮度",
    "单位与主页",
    "距离单位",
    "温度单位",
    "主页卡片",
];

/// The system CJK font a user's machine may have: WenQuanYi Micro Hei, unpacked from Debian's
/// fonts-wqy-microhei by `scripts/setup.sh test` next to the build, never installed.
fn system_cjk_font_dir() -> PathBuf {
    let target = Path::new(common::BIN).parent().unwrap().parent().unwrap();
    let dir = target.join("test-fonts");
    assert!(
        dir.join("wqy-microhei.ttc").is_file(),
        "{} holds no wqy-microhei.ttc: run scripts/setup.sh test",
        dir.display()
    );
    dir
}

/// Renders `page` from the sample state under the fontconfig `fontconfig` (None: no font).
fn screenshot(name: &str, fontconfig: Option<&Path>, args: &[&str]) -> PathBuf {
    let out = temp_dir(name).join("shot.png");
    let mut command = opencabin();
    if let Some(file) = fontconfig {
        command.env("FONTCONFIG_FILE", file);
    }
    let output = command
        .args(["screenshot", "--time", "09:41", "--out"])
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// The text tesseract reads in a PNG (grey, scaled up twice first), without any white space.
fn ocr(png: &Path) -> String {
    let (width, height, pixels) = read_png(png);
    let grey: Vec<u8> = pixels
        .iter()
        .map(|p| {
            ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
        })
        .collect();
    let at =
        |x: u32, y: u32| f32::from(grey[(y.min(height - 1) * width + x.min(width - 1)) as usize]);
    let mut scaled = Vec::with_capacity(grey.len() * 4);
    for y in 0..height * 2 {
        for x in 0..width * 2 {
            let (fx, fy) = ((x as f32 - 0.5) / 2.0, (y as f32 - 0.5) / 2.0);
            let (x0, y0) = (fx.max(0.0) as u32, fy.max(0.0) as u32);
            let (dx, dy) = (fx.max(0.0).fract(), fy.max(0.0).fract());
            let top = at(x0, y0) * (1.0 - dx) + at(x0 + 1, y0) * dx;
            let bottom = at(x0, y0 + 1) * (1.0 - dx) + at(x0 + 1, y0 + 1) * dx;
            scaled.push((top * (1.0 - dy) + bottom * dy).round() as u8);
        }
    }
    let pgm = png.with_extension("ocr.pgm");
    let mut data = format!("P5\n{} {}\n255\n", width * 2, height * 2).into_bytes();
    data.extend(scaled);
    std::fs::write(&pgm, data).unwrap();
    let output = Command::new("tesseract")
        .arg(&pgm)
        .args(["-", "-l", "chi_sim", "--psm", "11"])
        .output()
        .expect("tesseract runs (packages tesseract-ocr, tesseract-ocr-chi-sim)");
    assert!(
        output.status.success(),
        "tesseract: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The labels OCR does not find in `png`, and what it read.
fn missing_settings_labels(png: &Path) -> (Vec<&'static str>, String) {
    let text = ocr(png);
    let missing = SETTINGS_LABELS
        .iter()
        .copied()
        .filter(|label| !text.contains(label))
        .collect();
    (missing, text)
}

fn assert_reads_settings_labels(png: &Path) {
    let (missing, text) = missing_settings_labels(png);
    assert!(
        missing.is_empty(),
        "{}: OCR did not find {missing:?} in {text:?}",
        png.display()
    );
}

/// The settings page in Chinese, day theme (dark text on light, as OCR reads best), parked.
const CHINESE_SETTINGS: [&str; 10] = [
    "--sample", "--parked", "--page", "settings", "--size", "1280x720", "--theme", "day", "--lang",
    "zh-CN",
];

#[test]
fn a_chinese_screenshot_with_no_system_font_shows_every_label() {
    let shot = screenshot("fonts-ocr-headless", None, &CHINESE_SETTINGS);
    assert_reads_settings_labels(&shot);
}

#[test]
fn a_system_cjk_font_changes_no_pixel_of_text_the_bundled_fonts_have() {
    let with_font = fontconfig_listing("fonts-wqy", &[&system_cjk_font_dir()]);
    for (name, args) in [
        ("settings-zh", CHINESE_SETTINGS.to_vec()),
        // Chinese track titles in the English UI.
        (
            "media-en",
            vec![
                "--sample", "--page", "media", "--size", "1280x720", "--lang", "en",
            ],
        ),
    ] {
        let bare = read_png(&screenshot(&format!("fonts-{name}-bare"), None, &args));
        let beside = read_png(&screenshot(
            &format!("fonts-{name}-wqy"),
            Some(&with_font),
            &args,
        ));
        let different = bare.2.iter().zip(&beside.2).filter(|(a, b)| a != b).count();
        assert_eq!(
            different, 0,
            "{name}: {different} pixels change when the machine has a CJK font"
        );
    }
}

/// The media page, on a private bus, playing one track whose title is `title`.
fn media_page_with_title(name: &str, title: &str, fontconfig: Option<&Path>) -> Vec<[u8; 3]> {
    let library = temp_dir(&format!("{name}-library"));
    let track = library.join("track.ogg");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/media/demo-library/juniper-coast-01-morning-drive.ogg"),
        &track,
    )
    .unwrap();
    retitle(&track, title);
    let bus = TestBus::start();
    let _media = bus.media_service(&["--library", library.to_str().unwrap()]);
    let out = screenshot(
        name,
        fontconfig,
        &[
            "--bus",
            bus.address(),
            "--page",
            "media",
            "--size",
            "1280x720",
        ],
    );
    read_png(&out).2
}

/// Replaces the title tag of an Ogg Vorbis file.
fn retitle(path: &Path, title: &str) {
    use lofty::prelude::*;
    let mut file = lofty::read_from_path(path).unwrap();
    let tag = file.primary_tag_mut().expect("a Vorbis comment");
    tag.set_title(title.to_string());
    tag.save_to_path(path, lofty::config::WriteOptions::default())
        .unwrap();
}

#[test]
fn a_character_no_bundled_font_has_is_a_box_or_comes_from_a_system_font() {
    // Hangul is outside the bundled set; WenQuanYi Micro Hei has it. At the end of the title, so
    // that nothing else moves.
    let plain = media_page_with_title("fonts-plain", "Drive", None);
    let boxed = media_page_with_title("fonts-boxed", "Drive 한글", None);
    let with_font = fontconfig_listing("fonts-hangul", &[&system_cjk_font_dir()]);
    let drawn = media_page_with_title("fonts-drawn", "Drive 한글", Some(&with_font));
    let differ = |a: &[[u8; 3]], b: &[[u8; 3]]| a.iter().zip(b).filter(|(x, y)| x != y).count();
    // The title appears twice (the big title and the queue row); two boxes each.
    assert!(
        differ(&plain, &boxed) > 200,
        "without a font for them, the characters must show as boxes: {} pixels differ",
        differ(&plain, &boxed)
    );
    assert!(
        differ(&boxed, &drawn) > 200,
        "with a system font for them, it draws them: {} pixels differ from the boxes",
        differ(&boxed, &drawn)
    );
}

/// Starts the window in Xvfb with `backend`, switches it to Chinese and the settings page
/// through Shell1, and takes screenshots through Shell1 until OCR reads every label (the page
/// fades in) or 30 s have passed.
fn window_shows_chinese_labels(backend: &str) {
    let bus = TestBus::start();
    let xvfb = Xvfb::start();
    let dir = temp_dir(&format!("fonts-window-{backend}"));
    let config = dir.join("settings.toml");
    let mut command = opencabin();
    command
        .args(["--bus", bus.address(), "--config", config.to_str().unwrap()])
        .args(["ui", "--size", "1280x720"])
        .env("DISPLAY", &xvfb.display)
        .env("SLINT_BACKEND", backend)
        .env_remove("WAYLAND_DISPLAY");
    let _ui = opencabin::process::ChildProcess::spawn("ui", &mut command).unwrap();
    let shell = |method: &str, args: &[&str]| {
        bus.gdbus_call(
            "org.opencabin.Shell1",
            "/org/opencabin/Shell1",
            method,
            args,
        )
    };
    let set = |property: &str, value: &str| {
        shell(
            "org.freedesktop.DBus.Properties.Set",
            &["org.opencabin.Shell1", property, &format!("<'{value}'>")],
        )
    };
    wait_for(Duration::from_secs(30), "Shell1 on the bus", || {
        set("Theme", "day").ok()
    });
    set("Language", "zh-CN").unwrap();
    shell("org.opencabin.Shell1.ShowPage", &["settings"]).unwrap();
    let shot = dir.join("window.png");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        shell(
            "org.opencabin.Shell1.SaveScreenshot",
            &[shot.to_str().unwrap()],
        )
        .unwrap();
        let (missing, text) = missing_settings_labels(&shot);
        if missing.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{backend}: OCR did not find {missing:?} within 30 s; it read {text:?}"
        );
    }
}

#[test]
fn the_software_rendered_window_shows_chinese_with_no_system_font() {
    window_shows_chinese_labels("winit-software");
}

#[test]
fn the_opengl_window_shows_chinese_with_no_system_font() {
    window_shows_chinese_labels("winit-femtovg");
}
