//! Layout tests on synthetic pages: every case asserts the exact lines.

use super::page_lines;
use crate::extract::pdf::glyph::{Glyph, PageGlyphs};

/// Draws synthetic glyphs: every character advances half an em, a space a
/// quarter em (the font's space width), like a simple monospace-ish font.
#[derive(Default)]
struct Pen {
    glyphs: Vec<Glyph>,
    seq: u32,
    bold: bool,
    italic: bool,
    upright: bool,
}

const A4_W: f32 = 595.0;

impl Pen {
    fn new() -> Self {
        Pen {
            upright: true,
            ..Pen::default()
        }
    }

    fn glyph(&mut self, text: &str, x: f32, width: f32, base: f32, size: f32) {
        self.seq += 1;
        self.glyphs.push(Glyph {
            text: text.to_string(),
            x0: x,
            x1: x + width,
            baseline: base,
            font_size: size,
            space_width: 0.25 * size,
            bold: self.bold,
            italic: self.italic,
            upright: self.upright,
            seq: self.seq,
        });
    }

    /// Text with explicit space glyphs (Word, LibreOffice style); returns the end x.
    fn text(&mut self, s: &str, x: f32, base: f32, size: f32) -> f32 {
        self.run(s, x, base, size, 0.0, true)
    }

    /// Text whose spaces are only gaps (TeX, Chromium style).
    fn gapped(&mut self, s: &str, x: f32, base: f32, size: f32) -> f32 {
        self.run(s, x, base, size, 0.0, false)
    }

    /// Letter-spaced text: `tc` extra after every character (PDF `Tc`).
    fn spaced(
        &mut self,
        s: &str,
        x: f32,
        base: f32,
        size: f32,
        tc: f32,
        space_glyphs: bool,
    ) -> f32 {
        self.run(s, x, base, size, tc, space_glyphs)
    }

    fn run(
        &mut self,
        s: &str,
        mut x: f32,
        base: f32,
        size: f32,
        tc: f32,
        space_glyphs: bool,
    ) -> f32 {
        for c in s.chars() {
            let w = if c == ' ' { 0.25 * size } else { 0.5 * size };
            if c != ' ' || space_glyphs {
                self.glyph(&c.to_string(), x, w, base, size);
            }
            x += w + tc;
        }
        x
    }

    /// A column of gapped lines: `lines[i]` on baseline `top + i * leading`.
    fn column(&mut self, lines: &[&str], x: f32, top: f32, leading: f32, size: f32) {
        for (i, line) in lines.iter().enumerate() {
            self.gapped(line, x, top + leading * i as f32, size);
        }
    }

    /// Text ending at `right` (right-aligned), with space glyphs.
    fn right(&mut self, s: &str, right: f32, base: f32, size: f32) {
        let width: f32 = s
            .chars()
            .map(|c| if c == ' ' { 0.25 * size } else { 0.5 * size })
            .sum();
        self.text(s, right - width, base, size);
    }

    fn page(self) -> PageGlyphs {
        PageGlyphs {
            width: A4_W,
            height: 842.0,
            glyphs: self.glyphs,
        }
    }
}

fn texts(page: &PageGlyphs) -> Vec<String> {
    page_lines(page).into_iter().map(|l| l.text).collect()
}

fn texts_and_columns(page: &PageGlyphs) -> Vec<(String, u16)> {
    page_lines(page)
        .into_iter()
        .map(|l| (l.text, l.column))
        .collect()
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|s| s.to_string()).collect()
}

#[test]
fn spaces_from_glyphs_and_from_gaps_are_never_doubled() {
    let mut pen = Pen::new();
    pen.text("Hello  world", 50.0, 100.0, 10.0);
    pen.gapped("Gap only words", 50.0, 114.0, 10.0);
    // A space glyph *and* a gap: still one space.
    let x = pen.text("both ", 50.0, 128.0, 10.0);
    pen.text("ways", x + 6.0, 128.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&["Hello world", "Gap only words", "both ways"])
    );
}

#[test]
fn stray_spaces_inside_words_are_no_gaps() {
    let mut pen = Pen::new();
    // Another text box's empty paragraph drops space glyphs on this
    // baseline, inside a letter and across two touching letters.
    pen.gapped("INFORMATION", 50.0, 100.0, 10.0);
    pen.glyph(" ", 71.0, 2.5, 100.5, 10.0);
    pen.gapped("Edad anos", 50.0, 114.0, 10.0);
    pen.glyph(" ", 81.4, 2.5, 114.0, 10.0);
    // A tightly justified space overlapping the next letter is still a gap.
    let x = pen.text("tight ", 50.0, 128.0, 10.0);
    pen.gapped("space", x - 1.2, 128.0, 10.0);
    assert_eq!(texts(&pen.page()), owned(&["INFORMATION", "Edad anos", "tight space"]));
}

#[test]
fn lines_are_ordered_top_to_bottom_and_glyphs_by_x() {
    let mut pen = Pen::new();
    // Drawn bottom line first and the top line's second word first.
    pen.gapped("second line", 50.0, 130.0, 10.0);
    pen.gapped("line", 80.0, 100.0, 10.0);
    pen.gapped("first", 50.0, 100.0, 10.0);
    assert_eq!(texts(&pen.page()), owned(&["first line", "second line"]));
}

#[test]
fn cleans_ligatures_soft_hyphens_and_odd_spaces() {
    let mut pen = Pen::new();
    pen.glyph("e", 50.0, 5.0, 100.0, 10.0);
    pen.glyph("\u{FB03}", 55.0, 10.0, 100.0, 10.0);
    pen.text("cient\u{00AD}", 65.0, 100.0, 10.0);
    pen.text("a\u{00A0}b\tc", 50.0, 120.0, 10.0);
    assert_eq!(texts(&pen.page()), owned(&["efficient", "a b c"]));
}

/// A two-column page on one baseline grid (LaTeX multicol style) under a
/// full-width header.
#[test]
fn two_columns_on_a_shared_grid_are_read_column_by_column() {
    let mut pen = Pen::new();
    pen.gapped("JANE DOE", 250.0, 60.0, 20.0);
    pen.gapped(
        "jane@example.org | +44 20 7946 0000 | London, United Kingdom",
        50.0,
        85.0,
        10.0,
    );
    let left = [
        "Experience",
        "Engineer at Acme Ltd",
        "Built the billing system",
        "and its reporting tools",
        "Analyst at Beta plc",
    ];
    let right = [
        "Education",
        "MSc Computing, Leeds",
        "BSc Maths, York",
        "Skills",
        "Rust, Python, SQL",
    ];
    for (i, (l, r)) in left.iter().zip(right.iter()).enumerate() {
        let base = 120.0 + 14.0 * i as f32;
        pen.gapped(l, 50.0, base, 10.0);
        pen.gapped(r, 310.0, base, 10.0);
    }
    let got = texts_and_columns(&pen.page());
    let mut want: Vec<(String, u16)> = vec![
        ("JANE DOE".into(), 0),
        (
            "jane@example.org | +44 20 7946 0000 | London, United Kingdom".into(),
            0,
        ),
    ];
    want.extend(left.iter().map(|s| (s.to_string(), 0)));
    want.extend(right.iter().map(|s| (s.to_string(), 1)));
    assert_eq!(got, want);
}

/// Two columns whose baselines drift apart (different leading), with a
/// full-width block below them: columns first, then the spanning block.
#[test]
fn drifting_columns_and_a_spanning_block_below() {
    let mut pen = Pen::new();
    let left = [
        "Left one",
        "Left two",
        "Left three",
        "Left four",
        "Left five",
        "Left six",
    ];
    let right = [
        "Right one",
        "Right two",
        "Right three",
        "Right four",
        "Right five",
    ];
    pen.column(&left, 50.0, 100.0, 13.0, 10.0);
    pen.column(&right, 320.0, 104.0, 16.5, 11.0);
    pen.gapped(
        "A closing paragraph that spans both of the columns above it",
        50.0,
        200.0,
        10.0,
    );
    let mut want = owned(&left);
    want.extend(owned(&right));
    want.push("A closing paragraph that spans both of the columns above it".into());
    assert_eq!(texts(&pen.page()), want);
}

/// A narrow left sidebar (contact, skills) beside a wide main column.
#[test]
fn sidebar_comes_out_before_the_main_column() {
    let mut pen = Pen::new();
    let side = [
        "CONTACT",
        "ann@example.com",
        "+1 555 0100",
        "SKILLS",
        "Kubernetes",
        "Terraform",
        "Go",
    ];
    let main = [
        "Ann Example",
        "Site Reliability Engineer",
        "EXPERIENCE",
        "Lead SRE, Example Cloud 2020 - now",
        "Ran the on-call rotation for forty services",
        "Cut paging noise by half with better alerts",
        "SRE, Sample Systems 2016 - 2020",
        "Automated database failover",
    ];
    pen.column(&side, 30.0, 120.0, 15.0, 9.0);
    for (i, m) in main.iter().enumerate() {
        let size = if i == 0 { 18.0 } else { 10.0 };
        pen.gapped(m, 200.0, 100.0 + 13.0 * i as f32, size);
    }
    let got = texts_and_columns(&pen.page());
    // The name sits above the sidebar's first line: a full-width header row.
    let mut want: Vec<(String, u16)> = vec![("Ann Example".into(), 0)];
    want.extend(side.iter().map(|s| (s.to_string(), 0)));
    want.extend(main[1..].iter().map(|s| (s.to_string(), 1)));
    assert_eq!(got, want);
}

/// Single column: job titles with right-aligned dates stay whole lines (the gap a tab), also
/// in a run of degree lines with a date column and no other text.
#[test]
fn right_aligned_dates_stay_on_their_lines() {
    let mut pen = Pen::new();
    let mut y = 100.0;
    for (title, date, company) in [
        ("Senior Engineer", "Jan 2020 - Present", "Acme Ltd, Leeds"),
        ("Engineer", "Mar 2017 - Dec 2019", "Beta plc, York"),
    ] {
        pen.text(title, 50.0, y, 11.0);
        pen.right(date, 545.0, y, 10.0);
        pen.text(company, 50.0, y + 14.0, 10.0);
        pen.text(
            "- Shipped a thing that made the product better for many customers",
            50.0,
            y + 28.0,
            10.0,
        );
        y += 50.0;
    }
    for (degree, date) in [
        ("MSc Computing", "2015 - 2016"),
        ("BSc Mathematics", "2012 - 2015"),
        ("A levels", "2010 - 2012"),
    ] {
        pen.text(degree, 50.0, y, 10.0);
        pen.right(date, 545.0, y, 10.0);
        y += 14.0;
    }
    let lines = page_lines(&pen.page());
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        got,
        [
            "Senior Engineer\tJan 2020 - Present",
            "Acme Ltd, Leeds",
            "- Shipped a thing that made the product better for many customers",
            "Engineer\tMar 2017 - Dec 2019",
            "Beta plc, York",
            "- Shipped a thing that made the product better for many customers",
            "MSc Computing\t2015 - 2016",
            "BSc Mathematics\t2012 - 2015",
            "A levels\t2010 - 2012",
        ]
    );
    assert!(lines.iter().all(|l| l.column == 0));
    assert!(lines[2].list_item && !lines[0].list_item);
}

/// Labels and values in a little table (left labels narrow) stay paired.
#[test]
fn label_value_rows_stay_paired() {
    let mut pen = Pen::new();
    for (i, (k, v)) in [
        ("Email", "kim@example.net"),
        ("Phone", "+49 30 1234567"),
        ("City", "Berlin"),
        ("Web", "kim.example.net"),
    ]
    .iter()
    .enumerate()
    {
        let base = 100.0 + 14.0 * i as f32;
        pen.text(k, 50.0, base, 10.0);
        pen.text(v, 150.0, base, 10.0);
    }
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Email kim@example.net",
            // A value with word spaces shows its cell gap as a tab.
            "Phone\t+49 30 1234567",
            "City Berlin",
            "Web kim.example.net"
        ])
    );
}

#[test]
fn text_typed_letter_by_letter_keeps_its_word_gaps() {
    let mut pen = Pen::new();
    // Spaces typed between the letters, three between the words (no Tc).
    pen.spaced("J A N E   D O E", 50.0, 100.0, 20.0, 0.0, true);
    pen.spaced("E X P E R I E N C E", 50.0, 140.0, 12.0, 0.0, true);
    assert_eq!(texts(&pen.page()), owned(&["J A N E  D O E", "E X P E R I E N C E"]));
}

#[test]
fn letter_spaced_headings_collapse_to_words() {
    let mut pen = Pen::new();
    // Tc of 0.4 em, word gap made by a space glyph.
    pen.spaced("JOHN SMITH", 50.0, 100.0, 20.0, 8.0, true);
    // Tc of 0.3 em and no space glyphs: the word gap is only wider.
    pen.spaced("CURRICULUM VITAE", 50.0, 140.0, 12.0, 3.6, false);
    // Very wide tracking (1.2 em) still reads as words.
    pen.spaced("PROFILE SUMMARY", 50.0, 170.0, 10.0, 12.0, false);
    pen.gapped("Normal text stays as it is", 50.0, 190.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "JOHN SMITH",
            "CURRICULUM VITAE",
            "PROFILE SUMMARY",
            "Normal text stays as it is"
        ])
    );
}

#[test]
fn lightly_tracked_text_keeps_its_words_whole() {
    let mut pen = Pen::new();
    // Tc of 0.1 em (under the gap that reads as a space) and one pair drawn
    // a little further apart (a kern, a glyph's side bearing): the tracking
    // adds to every gap, so only word gaps read as spaces.
    let x = pen.spaced("Python (Flask / D", 50.0, 100.0, 10.0, 1.0, false);
    pen.spaced("jango) and more", x + 0.8, 100.0, 10.0, 1.0, false);
    assert_eq!(texts(&pen.page()), owned(&["Python (Flask / Django) and more"]));
}

#[test]
fn superscripts_and_subscripts_stay_on_their_line() {
    let mut pen = Pen::new();
    let x = pen.gapped("Won 1", 50.0, 100.0, 10.0);
    let x = pen.gapped("st", x, 96.0, 6.5);
    pen.gapped(" prize in 2019", x, 100.0, 10.0);
    let x = pen.gapped("Knows H", 50.0, 112.0, 10.0);
    let x = pen.gapped("2", x, 114.5, 6.5);
    pen.gapped("O chemistry", x, 112.0, 10.0);
    pen.gapped("Next line", 50.0, 124.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&["Won 1st prize in 2019", "Knows H2O chemistry", "Next line"])
    );
}

#[test]
fn overprinted_fake_bold_is_drawn_once() {
    let mut pen = Pen::new();
    pen.text("Skills", 50.0, 100.0, 12.0);
    pen.text("Skills", 50.3, 100.0, 12.0);
    pen.text("Illicit", 50.0, 120.0, 12.0); // genuine neighbouring duplicates "ll"
    pen.text("Illicit", 50.25, 120.2, 12.0);
    assert_eq!(texts(&pen.page()), owned(&["Skills", "Illicit"]));
}

#[test]
fn rotated_text_follows_the_upright_lines() {
    let mut pen = Pen::new();
    pen.upright = false;
    pen.gapped("Sidebar label", 300.0, 20.0, 10.0);
    pen.upright = true;
    pen.gapped("Upright two", 50.0, 200.0, 10.0);
    pen.gapped("Upright one", 50.0, 100.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&["Upright one", "Upright two", "Sidebar label"])
    );
}

#[test]
fn line_attributes_follow_the_majority() {
    let mut pen = Pen::new();
    pen.bold = true;
    let x = pen.gapped("Bold heading", 50.0, 100.0, 14.0);
    pen.bold = false;
    pen.gapped(" x", x, 100.0, 9.0);
    pen.italic = true;
    pen.gapped("• An italic bullet item", 50.0, 120.0, 10.0);
    let lines = page_lines(&pen.page());
    assert_eq!(lines.len(), 2);
    let (head, item) = (&lines[0], &lines[1]);
    assert_eq!(head.text, "Bold heading x");
    assert!(head.bold && !head.italic && !head.list_item);
    assert_eq!(head.font_size, 14.0);
    let bbox = head.bbox.expect("pdf lines have boxes");
    assert_eq!(
        (bbox.x0, bbox.y0, bbox.y1),
        (50.0, 100.0 - 0.8 * 14.0, 100.0 + 0.2 * 14.0)
    );
    assert!(item.italic && item.list_item && !item.bold);
    assert_eq!(item.column, 0);
}

#[test]
fn a_line_in_two_weights_keeps_where_they_meet() {
    let mut pen = Pen::new();
    pen.bold = true;
    let x = pen.text("Shift Lead", 50.0, 100.0, 10.0);
    pen.bold = false;
    pen.text(" Fernhill Dairy Ltd", x, 100.0, 10.0);
    // Bold inside a sentence changes weight twice: no break.
    let x = pen.text("Cut costs by ", 50.0, 120.0, 10.0);
    pen.bold = true;
    let x = pen.text("12 %", x, 120.0, 10.0);
    pen.bold = false;
    pen.text(" in a year", x, 120.0, 10.0);
    let lines = page_lines(&pen.page());
    let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["Shift Lead Fernhill Dairy Ltd", "Cut costs by 12 % in a year"]);
    assert_eq!(lines[0].weight_break, Some(10));
    assert_eq!(lines[1].weight_break, None);
}

#[test]
fn hostile_values_never_panic() {
    let mut pen = Pen::new();
    pen.gapped("ok", 50.0, 100.0, 10.0);
    for (x, w, base, size) in [
        (f32::NAN, 1.0, 100.0, 10.0),
        (1.0, f32::INFINITY, 100.0, 10.0),
        (1.0, 1.0, f32::NEG_INFINITY, 10.0),
        (60.0, 0.0, 100.0, 0.0),
        (70.0, -5.0, 100.0, f32::NAN),
        (f32::MAX, 1.0, f32::MIN, f32::MAX),
        (-3.0e38, 3.0e38, 3.0e38, 1.0e-30),
    ] {
        pen.glyph("z", x, w, base, size);
    }
    pen.glyph("", 80.0, 5.0, 100.0, 10.0);
    if let Some(g) = pen.glyphs.last_mut() {
        g.space_width = f32::NAN;
    }
    let page = PageGlyphs {
        width: f32::NAN,
        height: -1.0,
        glyphs: pen.glyphs,
    };
    let lines = page_lines(&page);
    assert!(lines.iter().any(|l| l.text.starts_with("ok")));
    assert!(page_lines(&PageGlyphs::default()).is_empty());
}

#[test]
fn a_hundred_thousand_glyphs_finish_quickly() {
    let mut pen = Pen::new();
    // Pseudo-random positions, sizes and texts from a fixed LCG.
    let mut state: u32 = 12345;
    let mut next = || {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (state >> 8) as f32 / (1u32 << 24) as f32
    };
    for _ in 0..100_000 {
        let (x, y, s) = (next() * 595.0, next() * 842.0, 1.0 + next() * 20.0);
        pen.glyph("a", x, s * 0.5, y, s);
    }
    let lines = page_lines(&pen.page());
    let chars: usize = lines
        .iter()
        .map(|l| l.text.chars().filter(|c| *c == 'a').count())
        .sum();
    assert!(chars > 50_000, "kept {chars} glyphs");
}

/// A sidebar drawn on the main column's baseline grid (every sidebar line
/// shares a baseline with a main line) and shorter than the main column.
#[test]
fn sidebar_on_a_shared_baseline_grid() {
    let mut pen = Pen::new();
    let side = [
        "CONTACT",
        "sam@example.org",
        "+1 604 555 0100",
        "",
        "SKILLS",
        "Surveying",
        "AutoCAD",
    ];
    let main = [
        "EXPERIENCE",
        "Project Engineer, Fraser Works, 2018 to now",
        "Led the retrofit of two river crossings",
        "Managed budgets of four million dollars",
        "Site Engineer, Coastline Civil, 2014 to 2018",
        "Supervised concrete works on a station",
        "Checked rebar before every pour",
        "",
        "EDUCATION",
        "MEng Civil Engineering, Pacific Institute",
    ];
    pen.column(&side, 24.0, 100.0, 15.0, 9.5);
    pen.column(&main, 215.0, 100.0, 15.0, 10.0);
    let mut want: Vec<(String, u16)> = side
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| (s.to_string(), 0))
        .collect();
    want.extend(
        main.iter()
            .filter(|s| !s.is_empty())
            .map(|s| (s.to_string(), 1)),
    );
    assert_eq!(texts_and_columns(&pen.page()), want);
}

/// A tabular CV with dates on the left and entries on the right, some with
/// a continuation line: dates stay on their entries' lines.
#[test]
fn left_dates_of_a_tabular_cv_stay_with_their_entries() {
    let mut pen = Pen::new();
    let rows = [
        ("2019 - 2023", "BSc Computing, University of Leeds"),
        ("", "Thesis on incremental compilers"),
        ("2016 - 2019", "A levels, York Sixth Form College"),
        ("", "Mathematics, Physics, Chemistry"),
        ("2014 - 2016", "GCSEs, Ripon Grammar School"),
        ("", "Eleven subjects"),
        ("2013 - 2014", "Exchange year, Lyon"),
    ];
    for (i, (date, entry)) in rows.iter().enumerate() {
        let base = 100.0 + 14.0 * i as f32;
        pen.gapped(date, 50.0, base, 10.0);
        pen.gapped(entry, 150.0, base, 10.0);
    }
    let want: Vec<String> = rows
        .iter()
        .map(|(d, e)| if d.is_empty() { e.to_string() } else { format!("{d}\t{e}") })
        .collect();
    assert_eq!(texts(&pen.page()), want);
}

/// Bullets drawn in a bigger font a little lower than their text (an
/// HTML printer's habit) stay on the line, and a column of bullets is no
/// text column.
#[test]
fn big_shifted_bullets_stay_on_their_lines() {
    let mut pen = Pen::new();
    for (i, item) in [
        "Built pipelines for four teams",
        "Cut build times by half",
        "Wrote the on-call guide",
    ]
    .iter()
    .enumerate()
    {
        let base = 100.0 + 16.0 * i as f32;
        pen.glyph("·", 40.0, 6.0, base + 3.0, 18.8);
        pen.gapped(item, 52.0, base, 11.0);
    }
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "· Built pipelines for four teams",
            "· Cut build times by half",
            "· Wrote the on-call guide"
        ])
    );
}

/// Employer and location, title and dates, where the right-aligned pieces
/// sit on slightly different baselines than the left ones (so each is a row
/// of its own): still read in y order, not as a column.
#[test]
fn right_aligned_pieces_on_their_own_baselines_are_not_a_column() {
    let mut pen = Pen::new();
    pen.gapped("Lumora", 50.0, 100.0, 8.0);
    pen.right("Fresno, California", 545.0, 103.0, 8.0);
    pen.gapped("Customer Support Analyst", 50.0, 112.0, 8.0);
    pen.right("03/2014 - 06/2016", 545.0, 115.0, 8.0);
    pen.gapped(
        "Answered printer tickets for branch offices",
        60.0,
        126.0,
        8.0,
    );
    pen.gapped(
        "Patched laptops and replaced worn batteries",
        60.0,
        137.0,
        8.0,
    );
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Lumora",
            "Fresno, California",
            "Customer Support Analyst",
            "03/2014 - 06/2016",
            "Answered printer tickets for branch offices",
            "Patched laptops and replaced worn batteries",
        ])
    );
}

/// Shapes that would be quadratic in a careless sweep: one row of glyphs
/// with gaps everywhere, one glyph per row in a staircase, a grid of many
/// narrow columns, and two rows drawn alternately glyph by glyph (a flow
/// break between every two neighbours).
#[test]
fn adversarial_shapes_stay_fast_and_keep_every_glyph() {
    let shapes: [&dyn Fn(usize) -> (f32, f32); 4] = [
        &|i| (i as f32 * 12.0, 100.0),
        &|i| ((i % 50) as f32 * 11.0, i as f32 * 9.0),
        &|i| ((i % 40) as f32 * 14.0, (i / 40) as f32 * 12.0),
        &|i| ((i / 2) as f32 * 6.0, 100.0 + (i % 2) as f32 * 12.0),
    ];
    for shape in shapes {
        let mut pen = Pen::new();
        for i in 0..60_000 {
            let (x, y) = shape(i);
            pen.glyph("w", x, 5.0, y, 10.0);
        }
        let lines = page_lines(&pen.page());
        let kept: usize = lines.iter().map(|l| l.text.matches('w').count()).sum();
        assert_eq!(kept, 60_000);
    }
}

/// Text turned 90° as the interpreter reports it: every glyph at the same
/// x, origins climbing the page, `x1 - x0` the advance. Two labels in
/// content order, and words split by a wider step.
#[test]
fn vertical_labels_are_rebuilt_in_content_order() {
    let mut pen = Pen::new();
    pen.gapped("Upright body text", 100.0, 100.0, 10.0);
    pen.upright = false;
    let climb = |pen: &mut Pen, text: &str, x: f32, mut y: f32| {
        for c in text.chars() {
            let advance = if c == ' ' { 2.5 } else { 5.0 };
            if c != ' ' {
                pen.glyph(&c.to_string(), x, advance, y, 10.0);
            }
            y -= advance;
        }
    };
    climb(&mut pen, "Curriculum vitae", 20.0, 700.0);
    climb(&mut pen, "Page one", 580.0, 300.0);
    let lines = page_lines(&pen.page());
    let got: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(got, ["Upright body text", "Curriculum vitae", "Page one"]);
    let label = lines[1].bbox.expect("box");
    assert!(
        label.x0 < 20.0 && label.x1 > 20.0 && label.y0 < 630.0 && label.y1 > 700.0,
        "{label:?}"
    );
}

/// Three columns, then a spanning heading, then two columns again: each
/// band is read column by column and the bands stay in y order.
#[test]
fn three_columns_then_a_spanning_heading_then_two_columns() {
    let mut pen = Pen::new();
    let (a, b, c) = (
        ["Alpha one", "Alpha two", "Alpha three", "Alpha four"],
        ["Beta one", "Beta two", "Beta three"],
        [
            "Gamma one",
            "Gamma two",
            "Gamma three",
            "Gamma four",
            "Gamma five",
        ],
    );
    pen.column(&a, 40.0, 100.0, 14.0, 10.0);
    pen.column(&b, 220.0, 104.0, 17.0, 10.0);
    pen.column(&c, 400.0, 101.0, 12.0, 10.0);
    pen.gapped(
        "A HEADING THAT SPANS THE WHOLE WIDTH OF THE PAGE ACROSS ALL THREE OF THE COLUMNS",
        40.0,
        190.0,
        10.0,
    );
    let (d, e) = (
        ["Delta one", "Delta two", "Delta three", "Delta four"],
        ["Epsilon one", "Epsilon two", "Epsilon three"],
    );
    pen.column(&d, 40.0, 210.0, 14.0, 10.0);
    pen.column(&e, 300.0, 213.0, 18.0, 10.0);
    let mut want: Vec<(String, u16)> = Vec::new();
    for (col, group) in [(0u16, &a[..]), (1, &b[..]), (2, &c[..])] {
        want.extend(group.iter().map(|s| (s.to_string(), col)));
    }
    want.push((
        "A HEADING THAT SPANS THE WHOLE WIDTH OF THE PAGE ACROSS ALL THREE OF THE COLUMNS".into(),
        0,
    ));
    want.extend(d.iter().map(|s| (s.to_string(), 0)));
    want.extend(e.iter().map(|s| (s.to_string(), 1)));
    assert_eq!(texts_and_columns(&pen.page()), want);
}

/// A narrow sidebar on the right: main column first, then the sidebar.
#[test]
fn right_sidebar_comes_after_the_main_column() {
    let mut pen = Pen::new();
    let main = [
        "Summary of a long career",
        "Worked on compilers for ten years",
        "Then moved to databases",
        "Led a team of six engineers",
        "Wrote two open source tools",
    ];
    let side = ["Contact", "li@example.com", "Skills", "Rust and C"];
    pen.column(&main, 40.0, 100.0, 14.0, 10.0);
    pen.column(&side, 420.0, 105.0, 16.0, 9.0);
    let mut want: Vec<(String, u16)> = main.iter().map(|s| (s.to_string(), 0)).collect();
    want.extend(side.iter().map(|s| (s.to_string(), 1)));
    assert_eq!(texts_and_columns(&pen.page()), want);
}

/// A two-column skills list nested in the main column of a sidebar layout:
/// the sidebar is still read whole before the main column.
#[test]
fn nested_columns_inside_the_main_column() {
    let mut pen = Pen::new();
    let side = [
        "CONTACT",
        "max@example.org",
        "+44 1632 960000",
        "LANGUAGES",
        "English",
        "French",
        "Polish",
        "Welsh",
    ];
    pen.column(&side, 30.0, 100.0, 15.0, 9.0);
    let mut y = 98.0;
    let mut main: Vec<(String, u16)> = Vec::new();
    for t in [
        "PROFILE",
        "Backend developer with a taste for databases",
        "SKILLS",
    ] {
        pen.gapped(t, 200.0, y, 10.0);
        main.push((t.to_string(), 1));
        y += 14.0;
    }
    let (left, right) = (
        ["Rust", "PostgreSQL", "Kafka"],
        ["Go", "Redis", "Terraform"],
    );
    for (i, (l, r)) in left.iter().zip(right.iter()).enumerate() {
        pen.gapped(l, 200.0, y + 14.0 * i as f32, 10.0);
        pen.gapped(r, 400.0, y + 14.0 * i as f32, 10.0);
    }
    y += 42.0;
    for t in ["EXPERIENCE", "Developer at Example Systems since 2019"] {
        pen.gapped(t, 200.0, y, 10.0);
        y += 14.0;
    }
    let got = texts(&pen.page());
    let mut want = owned(&side);
    want.extend(owned(&[
        "PROFILE",
        "Backend developer with a taste for databases",
        "SKILLS",
    ]));
    // The skills grid is a small table: rows stay rows.
    want.extend(owned(&["Rust Go", "PostgreSQL Redis", "Kafka Terraform"]));
    want.extend(owned(&[
        "EXPERIENCE",
        "Developer at Example Systems since 2019",
    ]));
    assert_eq!(got, want);
}

/// Many small random pages mixing sane and hostile values never panic, and
/// keep some text whenever a sane glyph exists (exact counts are not
/// asserted: random glyphs may land on each other and count as overprint).
#[test]
fn random_pages_never_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials = [f32::NAN, f32::INFINITY, f32::NEG_INFINITY, 0.0, -0.0, f32::MAX, f32::MIN, 1e-40, -1.0];
    for _ in 0..2_000 {
        let mut pen = Pen::new();
        let count = (next() % 40) as usize;
        for _ in 0..count {
            let r = next();
            let pick = |bits: u64, scale: f32| -> f32 {
                if bits % 7 == 0 {
                    specials[(bits / 7) as usize % specials.len()]
                } else {
                    (bits % 10_000) as f32 / 10_000.0 * scale
                }
            };
            let (x, w, y, s) = (pick(r, 600.0), pick(r >> 16, 20.0), pick(r >> 32, 800.0), pick(r >> 48, 30.0));
            pen.upright = r % 5 != 0;
            let text = ["a", " ", "", "\u{FB01}", "\u{00AD}", "•", "ab"][(r % 7) as usize];
            pen.glyph(text, x, w, y, s);
        }
        let sane = pen
            .glyphs
            .iter()
            .filter(|g| g.text == "a" && g.x0.is_finite() && g.x1.is_finite() && g.baseline.is_finite())
            .count();
        let lines = page_lines(&pen.page());
        let kept: usize = lines.iter().map(|l| l.text.matches('a').count()).sum();
        assert!(sane == 0 || kept > 0, "kept nothing of {sane} sane glyphs");
        assert!(lines.iter().all(|l| !l.text.is_empty() && l.text == l.text.trim()));
    }
}

/// A table with dates right-aligned in a narrow left cell, each cell drawn
/// whole before the entry beside it (LaTeX tabular, moderncv): a date that
/// wraps over two lines is read whole before its entry, and an entry that
/// wraps is not cut by the date's second line; a one-line date is a line of
/// its own before its entry.
#[test]
fn wrapped_left_dates_are_read_before_their_entries() {
    let mut pen = Pen::new();
    pen.right("Sep 2018 - Sep", 120.0, 100.0, 10.0);
    pen.right("2023", 120.0, 114.0, 10.0);
    pen.gapped("Sales Representative, Jones and Sons, East", 150.0, 100.0, 10.0);
    pen.gapped("Colin, United Kingdom", 150.0, 114.0, 10.0);
    pen.gapped("Improved accuracy by a fifth", 150.0, 128.0, 10.0);
    pen.right("2016 - 2018", 120.0, 148.0, 10.0);
    pen.gapped("Analyst, Brown plc, York", 150.0, 148.0, 10.0);
    pen.gapped("Kept the books for three shops", 150.0, 162.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Sep 2018 - Sep",
            "2023",
            "Sales Representative, Jones and Sons, East",
            "Colin, United Kingdom",
            "Improved accuracy by a fifth",
            "2016 - 2018",
            "Analyst, Brown plc, York",
            "Kept the books for three shops",
        ])
    );
}

/// Entries drawn as a block and their dates as a block beside them on the
/// same baselines (Typst, rendercv), the date block starting one word gap
/// after the entry's text: each block is read whole. A title drawn with
/// its date in one flow stays one line.
#[test]
fn right_date_blocks_beside_wrapped_entries_stay_apart() {
    let mut pen = Pen::new();
    let end = pen.gapped("Backend Developer, Ford Group", 50.0, 100.0, 10.0);
    pen.right("Dec 2014 - Now", 545.0, 100.0, 10.0);
    assert!(end < 400.0);
    let end = pen.gapped(
        "Longfurt Institute of Technology, Master of Science in Computer",
        50.0,
        130.0,
        10.0,
    );
    pen.gapped("Science - East Sally", 50.0, 144.0, 10.0);
    pen.gapped("September 1980 - June", end + 2.5, 130.0, 10.0);
    pen.right("1982", end + 2.5 + 95.0, 144.0, 10.0);
    // A title set in the room left of its date, wrapping at the date.
    let end = pen.gapped("Higher National Diploma in Supply Chain Manage-", 50.0, 170.0, 10.0);
    pen.gapped("ment, Smith College, Travismouth.", 50.0, 184.0, 10.0);
    pen.gapped("09/2012 - 06/2016", end + 10.0, 170.0, 10.0);
    pen.gapped("Higher Secondary Certificate", 50.0, 204.0, 10.0);
    pen.right("10/2009 - 06/2012", 545.0, 204.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Backend Developer, Ford Group\tDec 2014 - Now",
            "Longfurt Institute of Technology, Master of Science in Computer",
            "Science - East Sally",
            "September 1980 - June",
            "1982",
            "Higher National Diploma in Supply Chain Manage-",
            "ment, Smith College, Travismouth.",
            "09/2012 - 06/2016",
            "Higher Secondary Certificate\t10/2009 - 06/2012",
        ])
    );
}

/// Europass: headings and dates right-aligned in a narrow left column, each
/// beside the entry it labels or alone above it, and a page footer below:
/// read row by row, not as a column of their own, each label a line.
#[test]
fn right_aligned_label_column_stays_with_its_entries() {
    let mut pen = Pen::new();
    let rows: [(&str, &str); 10] = [
        ("PERSONAL INFORMATION", "Sofia Rossi"),
        ("", "Via Garibaldi 12, 10122 Torino, Italy"),
        ("", "+39 333 1234567"),
        ("WORK EXPERIENCE", ""),
        ("2018 - 2023", "Data analyst"),
        ("", "Esempio S.p.A., Milano"),
        ("EDUCATION AND TRAINING", ""),
        ("2013 - 2018", "Laurea magistrale in Statistica"),
        ("", "Universita degli Studi di Torino"),
        ("January 2024", "European Union | Page 1 / 1"),
    ];
    for (i, (label, entry)) in rows.iter().enumerate() {
        let base = 100.0 + 20.0 * i as f32;
        if i + 1 == rows.len() {
            pen.text(label, 40.0, base + 20.0, 8.0);
            pen.text(entry, 185.0, base + 20.0, 8.0);
        } else {
            pen.right(label, 175.0, base, 9.0);
            pen.text(entry, 185.0, base, 9.0);
        }
    }
    let want: Vec<String> = rows
        .iter()
        .flat_map(|(l, e)| [l.to_string(), e.to_string()])
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(texts(&pen.page()), want);
}

/// A date wider than its cell runs into the entry beside it: the
/// overlapping glyphs are read in drawing order, not interleaved by x.
#[test]
fn text_overflowing_into_its_neighbour_is_not_interleaved() {
    let mut pen = Pen::new();
    pen.right("03/2012 - 04/2014", 140.0, 100.0, 10.0);
    pen.gapped("Stationsleitung, Kobelt", 131.0, 100.0, 10.0);
    assert_eq!(texts(&pen.page()), owned(&["03/2012 - 04/2014 Stationsleitung, Kobelt"]));
}

/// Employer and title drawn first, then place and dates beside them: no
/// line wrapped, so each row is read whole.
#[test]
fn cells_drawn_column_by_column_stay_paired_when_nothing_wraps() {
    let mut pen = Pen::new();
    pen.gapped("Blue Fin", 50.0, 100.0, 10.0);
    pen.gapped("Platform Engineer", 50.0, 114.0, 10.0);
    pen.right("Pueblo, Colorado", 545.0, 100.0, 10.0);
    pen.right("03/2021 - Present", 545.0, 114.0, 10.0);
    pen.gapped("Ran the platform team", 60.0, 128.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Blue Fin\tPueblo, Colorado",
            "Platform Engineer\t03/2021 - Present",
            "Ran the platform team",
        ])
    );
}

/// A table cell's date wraps and is centred beside its one-line entry in a
/// larger font (Chromium printing an HTML table): the entry's baseline lies
/// between the date's two lines. The date's lines are read together however
/// much room its first line had; a one-line date stays a line of its own
/// before its entry.
#[test]
fn wrapped_date_centred_beside_its_entry_is_read_whole() {
    let mut pen = Pen::new();
    pen.gapped("Jourdan Tessier SA, Chauvin - Sales", 44.0, 201.0, 10.5);
    pen.right("fevrier 2022 - fevrier", 551.0, 195.0, 10.0);
    pen.right("2024", 551.0, 206.25, 10.0);
    pen.gapped("Ran the prospection of new clients", 54.0, 222.0, 10.0);
    // Drawn right after the line above it and close under it, but the date
    // beside it reaches only its own height: the next entry, not a wrap.
    pen.gapped("Devaux Leconte, Royer - Sales", 44.0, 243.0, 10.5);
    pen.right("mai 2021 - octobre 2021", 551.0, 237.0, 10.0);
    pen.gapped("Set up the CRM", 54.0, 259.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "fevrier 2022 - fevrier",
            "2024",
            "Jourdan Tessier SA, Chauvin - Sales",
            "Ran the prospection of new clients",
            "mai 2021 - octobre 2021",
            "Devaux Leconte, Royer - Sales",
            "Set up the CRM",
        ])
    );
}

/// A narrow contact column drawn first, a few points left of the body
/// (moderncv's oldstyle): a larger body heading whose baseline falls between
/// two of the column's lines does not cut the column's address, and the
/// short last word of a justified column line that ends beside the heading
/// is no superscript of it.
#[test]
fn narrow_column_lines_beside_a_larger_heading_stay_whole() {
    let mut pen = Pen::new();
    // Justified lines of a column from 40 to 135 pt (letters half an em wide).
    let justify = |pen: &mut Pen, words: &[&str], base: f32| {
        let letters: usize = words.iter().map(|w| w.chars().count()).sum();
        let gap = (95.0 - 5.0 * letters as f32) / (words.len() as f32 - 1.0);
        let mut x = 40.0;
        for word in words {
            x = pen.gapped(word, x, base, 10.0) + gap;
        }
    };
    justify(&mut pen, &["Cuesta", "de", "Primitivo"], 170.0);
    justify(&mut pen, &["Roda", "9,", "03272", "Bur-"], 182.0);
    // The last word ends 4 pt before the body, 6 pt above the heading's
    // baseline, an em and a half after the word before it.
    justify(&mut pen, &["Vial", "Jose", "Sal-"], 194.0);
    justify(&mut pen, &["vador", "31,", "Apt.", "71"], 206.0);
    let body = 139.0;
    pen.gapped("Personal details", body, 175.0, 14.35);
    pen.gapped("Children: 3", body, 188.0, 10.9);
    pen.gapped("Resume", body, 200.0, 14.35);
    pen.gapped("Nurse with seven years on wards", body, 214.0, 10.9);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Cuesta de Primitivo",
            "Roda 9, 03272 Bur-",
            "Vial Jose Sal-",
            "vador 31, Apt. 71",
            "Personal details",
            "Children: 3",
            "Resume",
            "Nurse with seven years on wards",
        ])
    );
}

/// A narrow contact column, justified, drawn before the body a few points
/// right of it, on a baseline grid of its own: an e-mail address hyphenated
/// after its icon leaves its first part flush right, so a band of
/// whitespace runs down the column between the phone number and that part.
/// No column edge lines up along that band: it is no gutter, and the
/// address is read whole.
#[test]
fn a_flush_right_fragment_inside_a_column_makes_no_gutter() {
    let mut pen = Pen::new();
    let column = |k: f32| 167.6 + 11.955 * k;
    pen.gapped("Lagoa Carlos Eduardo", 40.0, column(0.0), 10.0);
    pen.gapped("Castro, 40, 53960-280", 40.0, column(1.0), 10.0);
    pen.gapped("Ramos", 40.0, column(2.0), 10.0);
    pen.gapped("\u{F095} +55 53 9309", 40.0, column(3.0), 10.0);
    pen.gapped("\u{F0E0}", 40.0, column(4.0), 10.0);
    pen.right("re-", 135.0, column(4.0), 10.0);
    pen.gapped("nan.s@bol.com.br", 40.0, column(5.0), 10.0);
    pen.gapped("linkedin.com/in/rs", 40.0, column(6.0), 10.0);
    pen.gapped("Personal details", 139.0, 172.0, 14.35);
    pen.gapped("Born: 20/11/1987", 139.0, 187.16, 10.91);
    pen.gapped("Age: 34", 139.0, 203.46, 10.91);
    pen.gapped("Health: hearing impaired", 139.0, 219.71, 10.91);
    pen.gapped("Summary", 139.0, 246.0, 14.35);
    let lines = texts(&pen.page());
    let at = |s: &str| lines.iter().position(|l| l.ends_with(s));
    assert_eq!(at("re-").map(|i| i + 1), at("nan.s@bol.com.br"), "{lines:?}");
    assert_eq!(at("re-").and_then(|i| lines.get(i)).map(String::as_str), Some("\u{F0E0} re-"));
}

/// A date wider than its cell runs into the entry drawn right after it,
/// and one of the entry's letters starts just where a letter of the date
/// ends, so the overlapping letters fall into two runs that each hold
/// letters of both texts: the runs are one, read in drawing order.
#[test]
fn overlapping_texts_are_not_interleaved_where_letters_happen_to_touch() {
    let mut pen = Pen::new();
    let mut x = 100.0;
    for c in "06/2015".chars() {
        pen.glyph(&c.to_string(), x, 5.0, 100.0, 10.0);
        x += 5.0;
    }
    pen.glyph("I", 127.5, 3.0, 100.0, 10.0);
    pen.gapped("nzynier, Politechnika", 130.5, 100.0, 10.0);
    assert_eq!(texts(&pen.page()), owned(&["06/2015 Inzynier, Politechnika"]));
}

#[test]
fn a_large_name_and_small_contacts_on_one_baseline_are_separate_lines() {
    let mut pen = Pen::new();
    pen.gapped("Jane Doe", 60.0, 90.0, 34.0);
    pen.right("Springfield", 530.0, 90.0, 10.0);
    // A heading beside its text at a moderately larger size stays one line.
    pen.gapped("Profile", 60.0, 200.0, 14.0);
    pen.gapped("Nurse with ten years on wards", 160.0, 200.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&["Jane Doe", "Springfield", "Profile\tNurse with ten years on wards"])
    );
}

/// A timeline: section headings and left-aligned date ranges in a narrow
/// left column, a heading ending wherever its word ends, each date beside
/// the first line of its entry and the entries set apart by extra space:
/// read row by row, not as a column of their own, each label a line.
#[test]
fn left_aligned_timeline_column_stays_with_its_entries() {
    let mut pen = Pen::new();
    let jobs: [(&str, &[&str]); 2] = [
        ("04/2019 - now", &["Tester, Quillby Works, Nordhaven", "• Wrote the release checklist", "• Ran nightly soak tests"]),
        ("01/2015 - 03/2019", &["Clerk, Pandor Mills, Eastwick", "• Filed the delivery notes"]),
    ];
    let schools: [(&str, &[&str]); 2] = [
        ("09/2010 - 06/2014", &["BSc Geology", "Lowmoor College, Westby"]),
        ("09/2008 - 06/2010", &["Diploma in Surveying", "Hillcrest School, Ambry"]),
    ];
    let mut base = 100.0;
    let mut want = Vec::new();
    for (heading, entries) in [("JOBS", &jobs), ("SCHOOLING", &schools)] {
        pen.gapped(heading, 50.0, base, 11.0);
        want.push(heading.to_string());
        base += 13.0;
        for (date, lines) in entries {
            pen.gapped(date, 50.0, base, 9.0);
            want.push(date.to_string());
            for line in lines.iter() {
                pen.gapped(line, 200.0, base, 9.0);
                want.push(line.to_string());
                base += 13.0;
            }
            base += 6.0;
        }
    }
    assert_eq!(texts(&pen.page()), want);
}

/// A left-aligned sidebar on the main column's baseline grid, a heading of
/// its own above each group: its lines follow each other beside running
/// text, so it is still a column, read before the main one.
#[test]
fn sidebar_with_headings_on_a_shared_grid_is_still_a_column() {
    let mut pen = Pen::new();
    let side = ["CONTACT", "ivo@example.net", "+44 20 7946 0000", "", "TOOLS", "Blender", "Krita", "Inkscape"];
    let main = ["", "Illustrator, Pellow Studio, 2017 to now", "Drew covers for thirty novels", "Painted two murals in the old mill", "Illustrator, Dunmore Press, 2012 to 2017", "Designed the spring catalogue", "Lettered the house maps", "Taught evening classes"];
    for (i, (s, m)) in side.iter().zip(main.iter()).enumerate() {
        let base = 100.0 + 14.0 * i as f32;
        pen.gapped(s, 40.0, base, 9.0);
        pen.gapped(m, 200.0, base, 10.0);
    }
    let mut want: Vec<(String, u16)> = side.iter().filter(|s| !s.is_empty()).map(|s| (s.to_string(), 0)).collect();
    want.extend(main.iter().filter(|s| !s.is_empty()).map(|s| (s.to_string(), 1)));
    assert_eq!(texts_and_columns(&pen.page()), want);
}

/// Awesome-CV entries: place and date right-aligned at the margin beside
/// school and degree, under a contact row whose cells stand apart (their
/// icons extract as nothing) below a centred name and headline. The gaps
/// between the cells run down between the entries and their places and
/// dates (and up beside the name), but the rows down to the contacts are a
/// header above the entries, not a column: every row is read whole.
#[test]
fn right_aligned_places_and_dates_under_a_row_of_contact_cells_stay_on_their_lines() {
    type Glyphs<'a> = [(&'a str, f32, f32, f32)];
    // One gap between two cells, beside the name and headline; the
    // contacts' lines end in it, and so does a degree's.
    let beside_name: (&Glyphs, &[&str], &[(&str, &str, &str, &str)]) = (
        &[
            ("Ivy Roe", 256.0, 58.0, 25.0),
            ("DATA ANALYST AND ENGINEER", 254.0, 72.0, 8.0),
            ("+44 20 7946 0000 |", 108.0, 91.0, 7.0),
            ("ivy@example.org | ivyhandle | ivy-roe-4411", 172.0, 91.0, 7.0),
            ("Education", 40.0, 121.0, 14.0),
        ],
        &["Ivy Roe", "DATA ANALYST AND ENGINEER", "+44 20 7946 0000 | ivy@example.org | ivyhandle | ivy-roe-4411", "Education"],
        &[
            ("Northfield University", "Leeds", "MSC IN DATA SCIENCE AND AI, GPA 3.9/4.0", "Ongoing"),
            ("Northfield University", "Leeds", "BSC IN APPLIED STATISTICS", "June 2019"),
        ],
    );
    // Cells spread right across the page, under the name.
    let spread: (&Glyphs, &[&str], &[(&str, &str, &str, &str)]) = (
        &[
            ("Ivy Roe", 230.0, 80.0, 30.0),
            ("DATA ANALYST", 260.0, 96.0, 8.0),
            ("+44 20 7946 0000 | ivy@example.org", 140.0, 110.0, 8.0),
            ("|", 290.0, 110.0, 8.0),
            ("ivyhandle", 300.0, 110.0, 8.0),
            ("|", 350.0, 110.0, 8.0),
            ("ivy-roe-4411", 360.0, 110.0, 8.0),
            ("Education", 40.0, 121.0, 14.0),
        ],
        &["Ivy Roe", "DATA ANALYST", "+44 20 7946 0000 | ivy@example.org\t| ivyhandle\t| ivy-roe-4411", "Education"],
        &[
            ("Northfield University", "Leeds", "MSC IN DATA SCIENCE, GPA 3.9/4.0", "2019 - 2021"),
            ("Southgate College", "York", "BSC IN APPLIED STATISTICS", "2016 - 2019"),
            ("Harbour Sixth Form", "Hull", "A LEVELS IN MATHEMATICS AND PHYSICS", "2014 - 2016"),
        ],
    );
    for (header, header_lines, entries) in [beside_name, spread] {
        let mut pen = Pen::new();
        for &(text, x, base, size) in header {
            pen.gapped(text, x, base, size);
        }
        let mut want = owned(header_lines);
        let mut base = 139.0;
        for (school, town, degree, date) in entries {
            pen.gapped(school, 40.0, base, 11.0);
            pen.right(town, 556.0, base, 9.0);
            pen.gapped(degree, 40.0, base + 14.0, 7.0);
            pen.right(date, 556.0, base + 14.0, 8.0);
            want.push(format!("{school}\t{town}"));
            want.push(format!("{degree}\t{date}"));
            base += 32.0;
        }
        let long = "A long line of running text that spans the whole width of the page from margin to margin";
        pen.gapped(long, 40.0, base, 11.0);
        want.push(long.to_string());
        assert_eq!(texts_and_columns(&pen.page()), want.into_iter().map(|t| (t, 0)).collect::<Vec<_>>());
    }
}

/// The same row of contact cells above a sidebar and a main column: the
/// main column's lines end wherever they end, so the band below the row is
/// still a gutter and the columns are read one after the other.
#[test]
fn a_row_of_contact_cells_above_two_columns_keeps_the_columns() {
    let mut pen = Pen::new();
    pen.gapped("+44 20 7946 0000 | ivy.roe@northfield-example.org", 40.0, 80.0, 8.0);
    pen.gapped("|", 280.0, 80.0, 8.0);
    pen.gapped("ivyhandle", 290.0, 80.0, 8.0);
    let side = ["SKILLS", "SQL", "Python", "Tableau", "Excel"];
    let main = ["Analyst, Kettle Foods, 2019 to now", "Built the weekly sales dashboard", "Cut report time by half", "Intern, Brook Bank, 2018", "Cleaned loan data", "Wrote the audit notes", "Kept the branch ledgers"];
    pen.column(&side, 40.0, 110.0, 14.0, 9.0);
    pen.column(&main, 200.0, 110.0, 14.0, 10.0);
    let mut want: Vec<(String, u16)> = vec![("+44 20 7946 0000 | ivy.roe@northfield-example.org\t| ivyhandle".to_string(), 0)];
    want.extend(side.iter().map(|s| (s.to_string(), 0)));
    want.extend(main.iter().map(|s| (s.to_string(), 1)));
    assert_eq!(texts_and_columns(&pen.page()), want);
}

/// A tabular CV: labels and dates left-aligned in a narrow left column,
/// values and entries far to their right, every row at the line step (no
/// extra space between entries), a value that wraps, an employer set above
/// its dated positions, section headings in the left column. One table,
/// read row by row, each label a line, not the labels and then the values.
#[test]
fn label_value_and_date_entry_rows_at_the_line_step_are_one_table() {
    let mut pen = Pen::new();
    let mut want = Vec::new();
    let mut base = 100.0;
    let sections: [(&str, &[(&str, &str)]); 3] = [
        ("PERSONAL DATA", &[("Name:", "Tilda Ormsby"), ("Address:", "12 Quarry Lane, Upper Fenwick,"), ("", "Dunmore"), ("Phone:", "+44 1632 960 123"), ("Email:", "tilda@example.org")]),
        ("EXPERIENCE", &[("", "Harrow Mills Ltd, Dunmore"), ("2019 - 2023", "Quality Engineer"), ("", "Ran the supplier audits"), ("2015 - 2019", "Lab Technician"), ("", "Kept the sample records")]),
        ("EDUCATION", &[("2011 - 2015", "BSc Chemistry"), ("", "Northgate University")]),
    ];
    for (heading, rows) in sections {
        pen.gapped(heading, 45.0, base, 12.0);
        want.push(heading.to_string());
        base += 18.0;
        for (label, value) in rows {
            if !label.is_empty() {
                pen.gapped(label, 45.0, base, 9.5);
                want.push(label.to_string());
            }
            pen.gapped(value, 298.0, base, 10.0);
            want.push(value.to_string());
            base += 15.0;
        }
        base += 12.0;
    }
    assert_eq!(texts(&pen.page()), want);
}

/// A borderless table under a heading row whose cells wrap (a Word or LibreOffice form
/// exported to PDF): each table row is one line, its cells in column order separated by
/// tabs, each wrapped cell's lines joined; the heading and text around it stay as they are.
#[test]
fn a_grid_with_wrapped_cells_is_read_row_by_row() {
    let mut pen = Pen::new();
    pen.text("WORK HISTORY", 50.0, 80.0, 10.0);
    let starts = [50.0, 200.0, 350.0];
    pen.bold = true;
    for (x, head) in starts.iter().zip(["Employer", "Position", "Period"]) {
        pen.text(head, *x, 100.0, 10.0);
    }
    pen.bold = false;
    // Cells top-aligned, wrapped at the 13 pt line step; rows set 8 pt apart.
    let rows: [[&[&str]; 3]; 2] = [
        [&["Copperleaf Tooling", "Cooperative Ltd."], &["Lead Fixture", "Designer"], &["2019 - 2023"]],
        [&["Vantor Labs"], &["Test Technician"], &["2015 - 2019"]],
    ];
    let mut top = 121.0;
    for row in rows {
        for (x, cell) in starts.iter().zip(row) {
            for (i, line) in cell.iter().enumerate() {
                pen.text(line, *x, top + 13.0 * i as f32, 10.0);
            }
        }
        top += 13.0 * row.iter().map(|c| c.len()).max().unwrap_or(1) as f32 + 8.0;
    }
    pen.text("SKILLS", 50.0, top + 10.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "WORK HISTORY",
            "Employer\tPosition\tPeriod",
            "Copperleaf Tooling Cooperative Ltd.\tLead Fixture Designer\t2019 - 2023",
            "Vantor Labs\tTest Technician\t2015 - 2019",
            "SKILLS",
        ])
    );
}

/// The same grid with cells aligned to the bottom (reportlab's default): a row's cells share
/// no first baseline, but their lines overlap, so they are one row.
#[test]
fn a_grid_with_bottom_aligned_wrapped_cells_is_read_row_by_row() {
    let mut pen = Pen::new();
    let starts = [50.0, 200.0, 350.0];
    for (x, head) in starts.iter().zip(["School", "Course", "Year"]) {
        pen.gapped(head, *x, 100.0, 10.0);
    }
    pen.gapped("Marlow Heath", 50.0, 118.0, 10.0);
    pen.gapped("Polytechnic", 50.0, 130.0, 10.0);
    pen.gapped("Diploma in Surveying", 200.0, 130.0, 10.0);
    pen.gapped("2012", 350.0, 130.0, 10.0);
    pen.gapped("Elmstead School", 50.0, 160.0, 10.0);
    pen.gapped("A Levels", 200.0, 160.0, 10.0);
    pen.gapped("2009", 350.0, 148.0, 10.0);
    pen.gapped("(Boarding)", 350.0, 160.0, 10.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&["School\tCourse\tYear", "Marlow Heath Polytechnic\tDiploma in Surveying\t2012", "Elmstead School\tA Levels\t2009 (Boarding)"])
    );
}

/// A borderless table of one-line cells under a heading row (Chromium printing an HTML
/// table): the gutters between its columns run its full height, yet it is read row by row,
/// cells tab-separated, the text around it as it was.
#[test]
fn a_grid_of_one_line_cells_is_read_row_by_row() {
    let mut pen = Pen::new();
    pen.gapped("Work Experience", 36.0, 80.0, 12.0);
    let starts = [36.0, 230.0, 400.0];
    pen.bold = true;
    for (x, head) in starts.iter().zip(["Organisation", "Designation", "Duration"]) {
        pen.gapped(head, *x, 104.0, 10.0);
    }
    pen.bold = false;
    let rows = [["Pellworth Analytics Pvt. Ltd.", "Data Engineer", "Apr 2020 - Present"], ["Tamsin Freight", "Analyst", "Jun 2017 - Mar 2020"], ["Orrin & Vale", "Trainee", "2016 - 2017"]];
    for (i, row) in rows.iter().enumerate() {
        for (x, cell) in starts.iter().zip(row) {
            pen.gapped(cell, *x, 121.0 + 16.5 * i as f32, 10.0);
        }
    }
    pen.gapped("Skills", 36.0, 190.0, 12.0);
    assert_eq!(
        texts(&pen.page()),
        owned(&[
            "Work Experience",
            "Organisation\tDesignation\tDuration",
            "Pellworth Analytics Pvt. Ltd.\tData Engineer\tApr 2020 - Present",
            "Tamsin Freight\tAnalyst\tJun 2017 - Mar 2020",
            "Orrin & Vale\tTrainee\t2016 - 2017",
            "Skills",
        ])
    );
}

/// A table set without padding (reportlab's plain `Table`): the heading row and every row
/// below at one line step, every line filling every cell; each line is a table row.
#[test]
fn a_grid_set_without_padding_is_read_row_by_row() {
    let mut pen = Pen::new();
    pen.text("EDUCATION", 60.0, 80.0, 12.0);
    let starts = [60.0, 140.0, 260.0, 380.0, 430.0];
    let rows = [
        ["Qualification", "Board", "Institute", "Year", "Percentage"],
        ["B.Sc.", "Kestrel University", "Dunmere College", "2015", "71.5%"],
        ["Class XII", "State Board", "Alder Vidyalaya", "2012", "84.0%"],
        ["Class X", "State Board", "Alder Vidyalaya", "2010", "90.2%"],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (x, cell) in starts.iter().zip(row) {
            pen.text(cell, *x, 100.0 + 18.0 * i as f32, 9.0);
        }
    }
    pen.text("SKILLS", 60.0, 190.0, 12.0);
    let mut want = vec!["EDUCATION".to_string()];
    want.extend(rows.iter().map(|r| r.join("\t")));
    want.push("SKILLS".to_string());
    assert_eq!(texts(&pen.page()), want);
}

/// Three page columns on one baseline grid, each under its heading: a grid but for one
/// column ending a line early, so it is no table and each column is read in turn.
#[test]
fn page_columns_on_one_baseline_grid_are_no_table() {
    let mut pen = Pen::new();
    pen.column(&["PROFILE", "Keeps the plant running", "through every season", "and trains the crews"], 40.0, 100.0, 14.0, 10.0);
    pen.column(&["EXPERIENCE", "Shift lead at Corvane", "Fitter at Ruddle Works", "Apprentice at Ruddle"], 220.0, 100.0, 14.0, 10.0);
    pen.column(&["SKILLS", "Hydraulics", "Welding"], 400.0, 100.0, 14.0, 10.0);
    let page = pen.page();
    assert_eq!(texts(&page), untabled(&page));
}

/// A sidebar's skills with their levels beside the main column's paragraph, on its line step
/// for two lines: pieces start at three places, but the third row leaves the paragraph's
/// column empty and no cell wraps, so it is no table.
#[test]
fn a_sidebar_list_beside_a_paragraph_is_no_grid() {
    let mut pen = Pen::new();
    pen.gapped("SKILLS", 30.0, 84.0, 10.0);
    for (i, (skill, level)) in [("Pottery", "Expert"), ("Glazing", "Good"), ("Kilns", "Basic")].iter().enumerate() {
        let base = 100.0 + [0.0, 16.0, 35.0][i];
        pen.gapped(skill, 30.0, base, 10.0);
        pen.gapped(level, 110.0, base, 10.0);
    }
    pen.gapped("Threw and glazed the studio's tableware", 220.0, 100.0, 10.0);
    pen.gapped("for three local restaurants.", 220.0, 116.0, 10.0);
    let page = pen.page();
    assert_eq!(texts(&page), untabled(&page));
}

/// A contact block set in three columns of lines at one line step fills a grid, but its first
/// row is data, not column names (it holds digits): it is no table.
#[test]
fn a_contact_block_in_three_columns_is_no_table() {
    let mut pen = Pen::new();
    pen.gapped("Odile Brackwater", 40.0, 70.0, 16.0);
    pen.column(&["7 Fennel Row", "Lower Ashby", "Corbridge CB9 4QT"], 40.0, 100.0, 13.0, 10.0);
    pen.column(&["+44 1632 960 555", "+44 7700 900 555", "Weekdays only"], 220.0, 100.0, 13.0, 10.0);
    pen.column(&["odile@example.net", "odile.example.net", "in/odileb"], 400.0, 100.0, 13.0, 10.0);
    let page = pen.page();
    assert_eq!(texts(&page), untabled(&page));
}

/// A sidebar on the main column's baseline grid whose entries have dates set apart: three
/// pieces on a baseline and a blank line before each entry, but lines follow the entries at
/// the line step, so it is no grid and the sidebar is still read before the main column.
#[test]
fn a_sidebar_beside_dated_entries_is_no_grid() {
    let mut pen = Pen::new();
    let side = ["CONTACT", "max@example.net", "+1 555 0199", "", "LANGUAGES", "Spanish", "Welsh", "Breton"];
    let main = ["EXPERIENCE", "Field Engineer", "Serviced the turbines on six sites", "Trained the new staff", "", "Apprentice", "Kept the maintenance logs", "Ran the safety checks"];
    pen.column(&side, 24.0, 100.0, 15.0, 9.5);
    pen.column(&main, 215.0, 100.0, 15.0, 10.0);
    pen.gapped("2018 - 2022", 480.0, 115.0, 10.0);
    pen.gapped("2016 - 2018", 480.0, 175.0, 10.0);
    let page = pen.page();
    assert_eq!(texts(&page), untabled(&page));
}

/// The lines of a page read without looking for tables (the layout as it was before them).
fn untabled(page: &PageGlyphs) -> Vec<String> {
    let (upright, _) = super::layout_rows::sanitize(&page.glyphs);
    let rows = super::layout_rows::build_rows(upright);
    let gapped: Vec<_> = rows.iter().map(|row| super::layout_columns::chunks(row, &[])).collect();
    assert!(super::layout_tables::find(&rows, &gapped).is_empty());
    super::flow_lines(&rows, &gapped).into_iter().map(|(l, _)| l.text).collect()
}
