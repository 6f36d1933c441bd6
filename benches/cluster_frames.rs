//! Frame times of the driver's display with the software renderer while the car drives: each
//! frame the speed and power change through the real adapter (`cluster::show`) and the dials
//! glide (120 ms animations), and only what changed is redrawn, as on a display; also a full
//! repaint. Frames are drawn every 16.7 ms of real time, as a 60 Hz display would ask, with a
//! new speed every 50 ms (20 Hz), and the distinct positions of the speed dial are counted.
//! Run with `cargo bench --bench cluster_frames`; numbers go to docs/ARCHITECTURE.md.

use std::time::{Duration, Instant};

use opencabin::render::Headless;
use opencabin::size::Size;
use opencabin::ui::ClusterWindow;
use opencabin::views::{Parts, sample};
use slint::platform::software_renderer::RepaintBufferType;

const SECONDS: u64 = 5;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at].as_secs_f64() * 1000.0
}

fn main() {
    let mut state = sample::state(None, false, None);
    let mut headless = Headless::with_window(
        opencabin::cluster::DEFAULT_SIZE,
        RepaintBufferType::ReusedBuffer,
        || {
            let cluster = ClusterWindow::new()?;
            opencabin::cluster::show(&cluster, &state, Parts::ALL);
            Ok(cluster)
        },
    )
    .expect("headless rendering");
    println!(
        "| size | frames drawn per s | needle positions per s | changing frame, median ms | p99 ms | full repaint, median ms |"
    );
    println!("|---|---|---|---|---|---|");
    for size in ["1280x480", "1920x720", "800x300"] {
        let size: Size = size.parse().unwrap();
        headless.resize(size);
        let mut full: Vec<Duration> = (0..20)
            .map(|_| {
                let started = Instant::now();
                headless.draw_full();
                started.elapsed()
            })
            .collect();
        full.sort();
        let (mut times, mut positions, mut last) = (Vec::new(), 0, f32::NAN);
        let started = Instant::now();
        let mut reading = 0u32;
        while started.elapsed() < Duration::from_secs(SECONDS) {
            // A new reading every 50 ms: accelerating and slowing as in city driving.
            let due = (started.elapsed().as_millis() / 50) as u32;
            if due != reading {
                reading = due;
                let t = f64::from(reading) * 0.05;
                state.drive.view.speed_kmh = 50.0 + (t * 0.8).sin() * 30.0;
                state.drive.view.power_kw = 20.0 + (t * 0.8).cos() * 40.0;
                opencabin::cluster::show(&headless.app, &state, Parts::DRIVE);
            }
            let frame = Instant::now();
            if headless.draw() {
                times.push(frame.elapsed());
                let needle = headless.app.get_speed_needle();
                if needle != last {
                    positions += 1;
                    last = needle;
                }
            }
            std::thread::sleep(Duration::from_micros(16_667).saturating_sub(frame.elapsed()));
        }
        times.sort();
        let seconds = started.elapsed().as_secs_f64();
        println!(
            "| {size} | {:.1} | {:.1} | {:.2} | {:.2} | {:.1} |",
            times.len() as f64 / seconds,
            f64::from(positions) / seconds,
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            percentile(&full, 0.5)
        );
    }
}
