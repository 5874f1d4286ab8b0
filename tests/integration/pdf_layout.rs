//! PDF layout fixtures from real producers (Chromium, LibreOffice, pdfTeX,
//! reportlab) read through `cvshield::extract`: every designed line must
//! come out, header lines first, then each column top to bottom with no
//! interleaving between columns, then the lines after the columns.
//!
//! The fixtures and their `<name>.expect.json` are made by
//! `scripts/fixtures/make_pdf_layout.sh`.

use std::path::{Path, PathBuf};

use cvshield::{extract, ExtractOptions};
use serde_json::Value;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

/// Collapse whitespace so a line compares by its words.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Expected {
    header: Vec<String>,
    columns: Vec<Vec<String>>,
    after: Vec<String>,
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().map_or(Vec::new(), |a| {
        a.iter().filter_map(Value::as_str).map(normalise).collect()
    })
}

fn expected(name: &str) -> Expected {
    let path = fixture_dir().join(format!("{name}.expect.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let columns: Vec<Vec<String>> = json["columns"]
        .as_array()
        .map_or(Vec::new(), |c| c.iter().map(strings).collect());
    assert!(
        !columns.is_empty() && columns.iter().all(|c| !c.is_empty()),
        "{name}: empty expectation"
    );
    Expected {
        header: strings(&json["header"]),
        columns,
        after: strings(&json["after"]),
    }
}

/// Extracted lines as (text, column).
fn extracted(name: &str) -> Vec<(String, u16)> {
    let path = fixture_dir().join(format!("{name}.pdf"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match extract(&bytes, &ExtractOptions::default()) {
        Ok(doc) => doc.lines().map(|l| (normalise(&l.text), l.column)).collect(),
        Err(e) => panic!("{name}: extraction failed: {e:?}"),
    }
}

/// Assert the designed order: every expected line is found (in order, as a
/// whole line), header before column 0 before column 1 … before the after
/// lines, and each column's lines share one `column` value that grows from
/// column to column.
fn check(name: &str) {
    let want = expected(name);
    let got = extracted(name);
    let mut cursor = 0usize;
    let mut find = |line: &str, group: &str| -> (usize, u16) {
        let offset = got[cursor..]
            .iter()
            .position(|(text, _)| text == line)
            .unwrap_or_else(|| {
                panic!("{name}: {group} line {line:?} missing or out of order; got {got:#?}")
            });
        cursor += offset + 1;
        (cursor - 1, got[cursor - 1].1)
    };
    for line in &want.header {
        find(line, "header");
    }
    let mut previous_column: Option<u16> = None;
    for (k, column) in want.columns.iter().enumerate() {
        let mut seen: Option<u16> = None;
        for line in column {
            let (_, col) = find(line, &format!("column {k}"));
            match seen {
                None => seen = Some(col),
                Some(c) => assert_eq!(
                    c, col,
                    "{name}: line {line:?} of column {k} has column {col}, not {c}"
                ),
            }
        }
        if let (Some(prev), Some(this)) = (previous_column, seen) {
            assert!(
                this > prev,
                "{name}: column {k} is numbered {this}, not after {prev}"
            );
        }
        previous_column = seen;
    }
    for line in &want.after {
        find(line, "after");
    }
}

#[test]
fn two_column_chromium() {
    check("layout_two_column_chromium");
}

#[test]
fn two_column_pdflatex() {
    check("layout_two_column_pdflatex");
}

#[test]
fn sidebar_chromium() {
    check("layout_sidebar_chromium");
}

#[test]
fn sidebar_libreoffice() {
    check("layout_sidebar_libreoffice");
}

#[test]
fn sidebar_reportlab() {
    check("layout_sidebar_reportlab");
}

#[test]
fn dates_pdflatex() {
    check("layout_dates_pdflatex");
}

#[test]
fn dates_libreoffice() {
    check("layout_dates_libreoffice");
}

#[test]
fn letterspaced_reportlab() {
    check("layout_letterspaced_reportlab");
}

#[test]
fn rotated_reportlab() {
    check("layout_rotated_reportlab");
}

#[test]
fn every_layout_fixture_has_a_test_and_is_small() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("layout_") && n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 9, "layout fixtures: {names:?}");
    for n in &names {
        let stem = n.trim_end_matches(".pdf");
        expected(stem);
        let size = std::fs::metadata(fixture_dir().join(n))
            .map(|m| m.len())
            .unwrap_or(u64::MAX);
        assert!(size < 100 * 1024, "{n} is {size} bytes");
    }
}
