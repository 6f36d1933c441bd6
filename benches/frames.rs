//! Frame times of the software renderer (the renderer a Pi without GPU acceleration uses), per
//! page and display size, while the car drives: each frame the speed, power and media position
//! change through the real adapters (`ivi::show`, the parts the crossing marks changed), and only
//! what changed is redrawn, as
//! on a display. Also the cost of a full repaint (a page change). Run with
//! `cargo bench --bench frames`; numbers go to docs/ARCHITECTURE.md.

use std::time::{Duration, Instant};

use opencabin::render::Headless;
use opencabin::size::Size;
use opencabin::ui::{Page, ShellAdapter};
use opencabin::views::{Parts, sample};
use slint::ComponentHandle;
use slint::platform::software_renderer::RepaintBufferType;

const FRAMES: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

fn main() {
    let mut state = sample::state(opencabin::render::sample_cover(), false, None);
    let mut headless = Headless::new(
        Size::DEFAULT_WINDOW,
        RepaintBufferType::ReusedBuffer,
        |app| {
            opencabin::ivi::show(app, &state, Parts::ALL);
        },
    )
    .expect("headless rendering");
    println!(
        "| page | size | frames redrawn of {FRAMES} | changing frame, median ms | p99 ms | full repaint, median ms |"
    );
    println!("|---|---|---|---|---|---|");
    for size in ["800x480", "1280x720", "1920x720"] {
        let size: Size = size.parse().unwrap();
        headless.resize(size);
        for (page, name) in [
            (Page::Home, "home"),
            (Page::Media, "media"),
            (Page::Vehicle, "vehicle"),
            (Page::Climate, "climate"),
            (Page::Settings, "settings"),
        ] {
            headless.app.global::<ShellAdapter>().set_page(page);
            // Let the page change's 220 ms animation finish.
            let settle = Instant::now();
            while settle.elapsed() < Duration::from_millis(300) {
                headless.draw();
                std::thread::sleep(Duration::from_millis(20));
            }
            // A full repaint, median of 20.
            let mut full: Vec<Duration> = (0..20)
                .map(|_| {
                    let started = Instant::now();
                    headless.draw_full();
                    started.elapsed()
                })
                .collect();
            full.sort();
            let mut times = Vec::with_capacity(FRAMES);
            let mut drawn = 0;
            for frame in 0..FRAMES {
                state.drive.view.speed_kmh = 50.0 + (frame as f64 * 0.37).sin() * 20.0;
                state.drive.view.power_kw = 15.0 + (frame as f64 * 0.21).cos() * 10.0;
                if let Some(player) = &mut state.media.active {
                    player.position_us += 100_000;
                }
                opencabin::ivi::show(&headless.app, &state, Parts::DRIVE | Parts::MEDIA);
                let started = Instant::now();
                if headless.draw() {
                    times.push(started.elapsed());
                    drawn += 1;
                }
            }
            times.sort();
            let changing = if times.is_empty() {
                "nothing on this page changes".to_string()
            } else {
                format!(
                    "{:.2} | {:.2}",
                    percentile(&times, 0.5),
                    percentile(&times, 0.99)
                )
            };
            println!(
                "| {name} | {size} | {drawn} | {changing} | {:.1} |",
                percentile(&full, 0.5)
            );
        }
    }
}
