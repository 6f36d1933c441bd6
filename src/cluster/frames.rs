//! How smoothly the cluster draws, where the renderer can say (FemtoVG, Skia: a rendering
//! notifier): every frame presented is counted, with the distinct positions of the speed dial
//! among them, logged every 10 s at debug level (`RUST_LOG=opencabin::cluster=debug`), and the
//! first frame at info level with the time since the process started. The software renderer has
//! no notifier: there `tools/measure-cluster.sh` sees the first frame from outside and
//! `benches/cluster_frames.rs` counts the needle's positions.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use slint::ComponentHandle;

use crate::ui::ClusterWindow;

const PERIOD: Duration = Duration::from_secs(10);

struct Tally {
    since: Instant,
    frames: u32,
    positions: u32,
    last: f32,
}

/// Starts counting; the window keeps the notifier. The first frame is logged with the time
/// since `started` (the process's start).
pub fn count(window: &ClusterWindow, started: Instant) {
    let mut first = true;
    let weak = window.as_weak();
    let tally = RefCell::new(Tally {
        since: Instant::now(),
        frames: 0,
        positions: 0,
        last: f32::NAN,
    });
    let noted = window.window().set_rendering_notifier(move |state, _| {
        if !matches!(state, slint::RenderingState::AfterRendering) {
            return;
        }
        let Some(window) = weak.upgrade() else {
            return;
        };
        if std::mem::take(&mut first) {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            tracing::info!(ms = format!("{ms:.0}"), "cluster: first frame");
        }
        let needle = window.get_speed_needle();
        let mut tally = tally.borrow_mut();
        tally.frames += 1;
        if needle != tally.last {
            tally.positions += 1;
            tally.last = needle;
        }
        let elapsed = tally.since.elapsed();
        if elapsed >= PERIOD {
            let seconds = elapsed.as_secs_f64();
            tracing::debug!(
                frames_per_s = format!("{:.1}", f64::from(tally.frames) / seconds),
                needle_positions_per_s = format!("{:.1}", f64::from(tally.positions) / seconds),
                "cluster frames"
            );
            *tally = Tally {
                since: Instant::now(),
                frames: 0,
                positions: 0,
                last: needle,
            };
        }
    });
    if let Err(err) = noted {
        tracing::debug!(?err, "this renderer cannot count the cluster's frames");
    }
}
