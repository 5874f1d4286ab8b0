//! Lines of rotated (non-upright) text: sidebar labels turned 90°, stamps.
//!
//! For such glyphs the interpreter gives the origin on the page (`x0`,
//! `baseline`) and the advance length (`x1 - x0`), but the writing direction
//! is not horizontal, so baseline rows do not apply: a label running up the
//! page has every glyph on its own y. Producers draw rotated text in reading
//! order, so runs are rebuilt in content-stream order instead: a glyph
//! continues the run when it starts about where the previous one ended, in
//! the run's direction. Each run is then unrolled onto a straight line
//! (position = distance along the run) and gets its spaces like upright text.

use super::layout_rows::{fold_spaces_and_overprint, Placed, ASCENT, DESCENT};
use super::layout_text::{chunk_text, collapse_spaces, line_spacing};
use crate::document::BBox;

/// A run continues while the step between origins stays within this many
/// ems of the previous glyph's advance…
const RUN_SLACK_EMS: f32 = 1.5;
/// …and the step's direction stays within this cosine of the run's.
const RUN_DIRECTION_COS: f32 = 0.9;

/// One rebuilt line of rotated text: text and box on the page.
pub(super) struct RotatedLine {
    pub text: String,
    pub bbox: BBox,
    pub glyphs: Vec<Placed>,
}

/// Rebuild the lines of rotated glyphs, in content-stream order.
pub(super) fn rotated_lines(mut glyphs: Vec<Placed>) -> Vec<RotatedLine> {
    crate::sort::sort_by_key(&mut glyphs, |g| g.seq);
    let mut runs: Vec<Vec<Placed>> = Vec::new();
    let mut direction: Option<(f32, f32)> = None;
    for g in glyphs {
        let continues = runs.last().and_then(|run| run.last()).is_some_and(|prev| {
            let (dx, dy) = (g.x0 - prev.x0, g.base - prev.base);
            let step = (dx * dx + dy * dy).sqrt();
            let near = (step - prev.width()).abs() <= RUN_SLACK_EMS * prev.size.max(g.size);
            let aligned = match direction {
                Some((ux, uy)) if step > 0.0 => (dx * ux + dy * uy) / step >= RUN_DIRECTION_COS,
                _ => true,
            };
            near && aligned
        });
        if !continues {
            runs.push(Vec::new());
            direction = None;
        }
        if let Some(run) = runs.last_mut() {
            if direction.is_none() {
                direction = run
                    .first()
                    .and_then(|first| unit(g.x0 - first.x0, g.base - first.base));
            }
            run.push(g);
        }
    }
    runs.into_iter().filter_map(unroll).collect()
}

fn unit(dx: f32, dy: f32) -> Option<(f32, f32)> {
    let len = (dx * dx + dy * dy).sqrt();
    (len > 0.0 && len.is_finite()).then(|| (dx / len, dy / len))
}

/// Lay a run out on a straight line and read it like an upright chunk.
fn unroll(run: Vec<Placed>) -> Option<RotatedLine> {
    let first = run.first()?;
    let (ox, oy) = (first.x0, first.base);
    let bbox = run.iter().fold(
        BBox {
            x0: f32::INFINITY,
            y0: f32::INFINITY,
            x1: f32::NEG_INFINITY,
            y1: f32::NEG_INFINITY,
        },
        |b, g| {
            // The page-space extent is unknown without the angle: take a
            // square of the font size around each origin.
            let reach = (ASCENT + DESCENT) * g.size;
            BBox {
                x0: b.x0.min(g.x0 - reach),
                y0: b.y0.min(g.base - reach),
                x1: b.x1.max(g.x0 + reach),
                y1: b.y1.max(g.base + reach),
            }
        },
    );
    let straight: Vec<Placed> = run
        .iter()
        .map(|g| {
            let (dx, dy) = (g.x0 - ox, g.base - oy);
            let along = (dx * dx + dy * dy).sqrt();
            Placed {
                x0: along,
                x1: along + g.width(),
                base: 0.0,
                ..g.clone()
            }
        })
        .collect();
    let glyphs = fold_spaces_and_overprint(straight);
    let text = collapse_spaces(&chunk_text(&glyphs, line_spacing(&glyphs)));
    (!text.is_empty()).then_some(RotatedLine { text, bbox, glyphs })
}
