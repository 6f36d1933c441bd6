//! Street names for a drawn view: one label per visible named street at the middle of its
//! longest stretch on the image, the most important streets first, none overlapping another.

use super::model::{MapData, RoadClass};

/// A street name to draw at (x, y) pixels, its centre.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    pub x: f32,
    pub y: f32,
}

/// One label per visible named street, at the middle of its longest on-screen stretch, the
/// most important streets first; a label that would overlap one already placed is left out.
pub(super) fn place_labels(
    map: &MapData,
    screen: &[Option<Vec<(f32, f32)>>],
    size: (u32, u32),
) -> Vec<Label> {
    const FONT_PX: f32 = 13.0;
    let mut candidates: Vec<(RoadClass, f32, Label)> = Vec::new();
    for (i, points) in screen.iter().enumerate() {
        let (Some(points), road) = (points, &map.roads[i]) else {
            continue;
        };
        if road.name.is_empty() {
            continue;
        }
        let inside =
            |&(x, y): &(f32, f32)| x >= 0.0 && y >= 0.0 && x < size.0 as f32 && y < size.1 as f32;
        let Some((length, mid)) = points
            .windows(2)
            .filter(|w| inside(&w[0]) && inside(&w[1]))
            .map(|w| {
                let (dx, dy) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
                (
                    (dx * dx + dy * dy).sqrt(),
                    ((w[0].0 + w[1].0) / 2.0, (w[0].1 + w[1].1) / 2.0),
                )
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
        else {
            continue;
        };
        let text_width = road.name.chars().count() as f32 * FONT_PX * 0.58;
        if length < text_width * 0.5 {
            continue;
        }
        let label = Label {
            text: road.name.clone(),
            x: mid.0,
            y: mid.1,
        };
        candidates.push((road.class, length, label));
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut placed: Vec<(Label, [f32; 4])> = Vec::new();
    for (_, _, label) in candidates {
        let half_w = label.text.chars().count() as f32 * FONT_PX * 0.29 + 4.0;
        let half_h = FONT_PX * 0.8;
        let rect = [
            label.x - half_w,
            label.y - half_h,
            label.x + half_w,
            label.y + half_h,
        ];
        let off_screen =
            rect[0] < 0.0 || rect[1] < 0.0 || rect[2] > size.0 as f32 || rect[3] > size.1 as f32;
        let overlaps = placed.iter().any(|(other, r)| {
            other.text == label.text
                || (rect[0] < r[2] && r[0] < rect[2] && rect[1] < r[3] && r[1] < rect[3])
        });
        if !off_screen && !overlaps {
            placed.push((label, rect));
        }
    }
    placed.into_iter().map(|(label, _)| label).collect()
}
