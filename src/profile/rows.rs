//! Label-column tables read row by row.
//!
//! Europass and "tabellarischer Lebenslauf" CVs are two-column tables: dates and section names
//! on the left, the jobs and schools they date on the right. A PDF extractor that reads column
//! by column gives every date first and every entry after, so no entry has its dates and the
//! entries land in whatever section comes last. When a page holds a run of short left-column
//! lines with several dates followed by a run of right-column lines lying beside it, the parser reads the two runs merged by height instead: each date line, then the
//! entry beside it, moved to the left margin as one column (indents kept). Sidebars (no dates on the left) and ordinary columns are left as they are.

use crate::dates::find_dates;
use crate::document::{Document, Line};

/// Points of height within which a left and a right line count as one row.
const ROW_TOLERANCE: f32 = 2.0;
/// Most words on a label-column line.
const MAX_LABEL_WORDS: usize = 6;
/// Fewest date lines in a label column.
const MIN_DATE_LINES: usize = 2;

/// The document with its label-column tables in row order, when it has any.
pub fn row_order(doc: &Document) -> Option<Document> {
    let mut out = doc.clone();
    let mut changed = false;
    for page in &mut out.pages {
        if let Some(lines) = reorder_page(&page.lines) {
            page.lines = lines;
            changed = true;
        }
    }
    changed.then_some(out)
}

fn reorder_page(lines: &[Line]) -> Option<Vec<Line>> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        let a_end = run_end(lines, i);
        let b_end = run_end(lines, a_end);
        // Entries beside the labels may lie in several columns (values of "Name", "Telefon"
        // further right than the jobs): all runs right of the labels are one side.
        let column = lines.get(i).map_or(0, |l| l.column);
        let right_end = a_end + lines.iter().skip(a_end).take_while(|l| l.column > column).count();
        let (Some(a), Some(b), Some(right)) = (lines.get(i..a_end), lines.get(a_end..b_end), lines.get(a_end..right_end)) else { break };
        let all_right = (right_end > b_end).then(|| merge(a, &by_height(right))).flatten();
        match all_right.map(|m| (m, right_end)).or_else(|| merge(a, b).map(|m| (m, b_end))) {
            Some((merged, end)) => {
                out.extend(merged);
                changed = true;
                i = end;
            }
            None => {
                out.extend_from_slice(a);
                i = a_end;
            }
        }
    }
    changed.then_some(out)
}

/// Lines of several columns in reading order by height (stable: a column's own order stays).
fn by_height(lines: &[Line]) -> Vec<Line> {
    let mut out = lines.to_vec();
    crate::sort::sort_by(&mut out, |a, b| a.bbox.map_or(0.0, |bb| bb.y0).total_cmp(&b.bbox.map_or(0.0, |bb| bb.y0)));
    out
}

/// End of the run of lines in the column of line `from`.
fn run_end(lines: &[Line], from: usize) -> usize {
    let Some(column) = lines.get(from).map(|l| l.column) else { return from };
    from + lines.iter().skip(from).take_while(|l| l.column == column).count()
}

/// The left run `a` and the right run `b` merged by height, when they form a label-column table.
/// Where the page was read row by row before the table starts (lines of `a` above the right
/// run that reach into it), those lines stay as they are, in front.
fn merge(whole: &[Line], b: &[Line]) -> Option<Vec<Line>> {
    let b_top = b.iter().map(|l| l.bbox.map_or(f32::MIN, |bb| bb.y0)).fold(f32::MAX, f32::min);
    let b_left = b.iter().map(|l| l.bbox.map_or(f32::MAX, |bb| bb.x0)).fold(f32::MAX, f32::min);
    let above = whole.iter().take_while(|l| l.bbox.is_some_and(|bb| bb.y0 < b_top - ROW_TOLERANCE)).count();
    let row_read = whole.get(..above)?.iter().rposition(|l| l.bbox.is_some_and(|bb| bb.x1 >= b_left)).map_or(0, |i| i + 1);
    let (before, a) = whole.split_at(row_read);
    let (a0, b0) = (a.first()?, b.first()?);
    if b0.column <= a0.column || a.len() < 3 {
        return None;
    }
    let a_boxes: Vec<_> = a.iter().map(|l| l.bbox).collect::<Option<Vec<_>>>()?;
    let b_boxes: Vec<_> = b.iter().map(|l| l.bbox).collect::<Option<Vec<_>>>()?;
    let short = a.iter().all(|l| l.text.split_whitespace().count() <= MAX_LABEL_WORDS);
    let dated: Vec<usize> = (0..a.len()).filter(|&i| a.get(i).is_some_and(|l| !find_dates(&l.text).is_empty())).collect();
    // The dates' column ends left of the entries (headings above it may run across).
    let a_right = dated.iter().filter_map(|&i| a_boxes.get(i)).map(|b| b.x1).fold(f32::MIN, f32::max);
    let a_top = whole.first()?.bbox?.y0;
    let a_bottom = a_boxes.iter().map(|b| b.y1).fold(f32::MIN, f32::max);
    // The right run lies beside the left one (a sidebar's main column runs on below it).
    let within = b_boxes.iter().all(|b| b.y0 >= a_top - ROW_TOLERANCE && b.y0 <= a_bottom + ROW_TOLERANCE);
    if !short || dated.len() < MIN_DATE_LINES || a_right >= b_left || !within {
        return None;
    }
    // A year wrapped onto its own line ("Dezember 2014 – März" / "2017") joins the line above.
    let mut left: Vec<(f32, Line)> = Vec::with_capacity(a.len());
    for (line, bbox) in a.iter().zip(&a_boxes) {
        let t = line.text.trim();
        let wrapped_year = t.len() == 4 && t.chars().all(|c| c.is_ascii_digit());
        match left.last_mut() {
            Some((_, above)) if wrapped_year => {
                above.text = format!("{} {t}", above.text.trim_end());
                if let Some(b) = above.bbox.as_mut() {
                    b.y1 = b.y1.max(bbox.y1);
                    b.x1 = b.x1.max(bbox.x1);
                }
            }
            _ => left.push((bbox.y0, line.clone())),
        }
    }
    // The right lines move to the left margin, keeping their indents (bullets stay indented).
    let a_left = a_boxes.iter().map(|b| b.x0).fold(f32::MAX, f32::min);
    let shift = b_left - a_left;
    let moved: Vec<Line> = b
        .iter()
        .map(|l| {
            let mut l = l.clone();
            if let Some(bb) = l.bbox.as_mut() {
                bb.x0 -= shift;
                bb.x1 -= shift;
            }
            l
        })
        .collect();
    let mut out = Vec::with_capacity(before.len() + a.len() + b.len());
    out.extend_from_slice(before);
    let mut right = moved.into_iter().zip(&b_boxes).peekable();
    for (y, line) in left {
        while let Some((moved, _)) = right.next_if(|(_, bb)| bb.y0 < y - ROW_TOLERANCE) {
            out.push(moved);
        }
        out.push(line);
    }
    out.extend(right.map(|(l, _)| l));
    // One reading flow now: the later stages must not treat the right lines as another column.
    for l in &mut out {
        l.column = a0.column;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BBox;

    fn line(text: &str, column: u16, x0: f32, y0: f32) -> Line {
        Line { bbox: Some(BBox { x0, y0, x1: x0 + 80.0, y1: y0 + 10.0 }), column, ..Line::plain(text) }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn dates_column_merges_with_entries_by_row() {
        let lines = vec![
            line("Werkervaring", 0, 45.0, 100.0),
            line("2017 - 2021", 0, 45.0, 113.0),
            line("2012 - 2017", 0, 45.0, 152.0),
            line("Opleiding", 0, 45.0, 180.0),
            line("Procesingenieur", 1, 196.0, 113.0),
            line("Suit Supply Topco, Ferwert", 1, 196.0, 126.0),
            line("Ingenieur", 1, 196.0, 152.0),
            line("Royal Aarts, Westhoek", 1, 196.0, 165.0),
        ];
        let merged = reorder_page(&lines).expect("a label-column table");
        assert_eq!(texts(&merged), ["Werkervaring", "2017 - 2021", "Procesingenieur", "Suit Supply Topco, Ferwert", "2012 - 2017", "Ingenieur", "Royal Aarts, Westhoek", "Opleiding"]);
    }

    #[test]
    fn wrapped_years_join_their_line() {
        let lines = vec![
            line("Beruflicher Werdegang", 0, 45.0, 100.0),
            line("Juli 2017 – Heute", 0, 45.0, 113.0),
            line("Dezember 2014 – März", 0, 45.0, 152.0),
            line("2017", 0, 45.0, 163.0),
            line("Bildungsweg", 0, 45.0, 190.0),
            line("Pflegerin", 1, 196.0, 113.0),
            line("Stationsleitung", 1, 196.0, 152.0),
            line("Ullrich KGaA", 1, 196.0, 165.0),
        ];
        let merged = reorder_page(&lines).expect("a label-column table");
        assert_eq!(texts(&merged), ["Beruflicher Werdegang", "Juli 2017 – Heute", "Pflegerin", "Dezember 2014 – März 2017", "Stationsleitung", "Ullrich KGaA", "Bildungsweg"]);
        assert!(merged.iter().all(|l| l.column == 0 && l.bbox.is_some_and(|b| b.x0 < 50.0)));
    }

    #[test]
    fn lines_above_the_table_stay_in_front() {
        let lines = vec![
            Line {
                bbox: Some(BBox { x0: 45.0, y0: 60.0, x1: 500.0, y1: 70.0 }),
                ..Line::plain("2019 - 2021 Engineer at Acme Works, Springfield, building the new plant")
            },
            line("Ausbildung", 0, 45.0, 100.0),
            line("2017 - 2021", 0, 45.0, 113.0),
            line("2012 - 2017", 0, 45.0, 152.0),
            line("Sprachen", 0, 45.0, 180.0),
            line("Bachelor in Physics, Example University", 1, 196.0, 113.0),
            line("Matura, Example School", 1, 196.0, 152.0),
        ];
        let merged = reorder_page(&lines).expect("a label-column table");
        assert_eq!(
            texts(&merged),
            [
                "2019 - 2021 Engineer at Acme Works, Springfield, building the new plant",
                "Ausbildung",
                "2017 - 2021",
                "Bachelor in Physics, Example University",
                "2012 - 2017",
                "Matura, Example School",
                "Sprachen"
            ]
        );
    }

    #[test]
    fn entries_in_two_columns_right_of_the_labels_merge_with_them() {
        let lines = vec![
            line("Telefon", 0, 45.0, 90.0),
            line("Berufserfahrung", 0, 45.0, 100.0),
            line("2017 - 2021", 0, 45.0, 113.0),
            line("2012 - 2017", 0, 45.0, 152.0),
            line("Ausbildung", 0, 45.0, 180.0),
            line("0123 456789", 2, 220.0, 90.0),
            line("Lagerleiterin", 1, 196.0, 113.0),
            line("Beispiel AG, Wetzlar", 1, 196.0, 126.0),
            line("Disponent", 1, 196.0, 152.0),
            line("Muster KG, Apolda", 1, 196.0, 165.0),
        ];
        let merged = reorder_page(&lines).expect("a label-column table");
        assert_eq!(
            texts(&merged),
            ["Telefon", "0123 456789", "Berufserfahrung", "2017 - 2021", "Lagerleiterin", "Beispiel AG, Wetzlar", "2012 - 2017", "Disponent", "Muster KG, Apolda", "Ausbildung"]
        );
    }

    #[test]
    fn sidebars_without_dates_stay() {
        let lines = vec![
            line("Skills", 0, 45.0, 100.0),
            line("Rust", 0, 45.0, 113.0),
            line("Go", 0, 45.0, 126.0),
            line("Engineer, Acme", 1, 196.0, 100.0),
        ];
        assert!(reorder_page(&lines).is_none());
    }
}
