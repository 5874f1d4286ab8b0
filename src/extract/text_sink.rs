//! Where finished lines go while a flow format is read: the part's output, or
//! the table cell (or note) currently open.
//!
//! DOCX, ODT and HTML all nest tables the same way, so the cell/row
//! bookkeeping and the row rule live here once: a row whose filled cells each
//! hold one line becomes one line with a two-space gap between cells (keeps
//! "Company  Title  2019 – 2021" readable); other rows give their cells'
//! lines in order.

use crate::document::{Line, Region};

use super::text_lines::{LineBuilder, LineKind, RunStyle};

#[derive(Debug)]
pub struct LineSink {
    /// The output at the bottom, one collector per open cell or note above it.
    sinks: Vec<Vec<Line>>,
    /// Per open table: the cells of its current row.
    tables: Vec<Vec<Vec<Line>>>,
}

impl Default for LineSink {
    fn default() -> Self {
        LineSink { sinks: vec![Vec::new()], tables: Vec::new() }
    }
}

impl LineSink {
    pub fn emit(&mut self, line: Line) {
        if let Some(sink) = self.sinks.last_mut() {
            sink.push(line);
        }
    }

    pub fn emit_all(&mut self, lines: Vec<Line>) {
        if let Some(sink) = self.sinks.last_mut() {
            sink.extend(lines);
        }
    }

    pub fn in_table(&self) -> bool {
        !self.tables.is_empty()
    }

    pub fn start_table(&mut self) {
        self.tables.push(Vec::new());
    }

    /// A new row; cells left over from an unclosed row are flushed first.
    pub fn start_row(&mut self) {
        self.end_row();
    }

    pub fn end_row(&mut self) {
        let cells = self.tables.last_mut().map(std::mem::take).unwrap_or_default();
        self.emit_all(merge_table_row(cells));
    }

    pub fn end_table(&mut self) {
        self.end_row();
        self.tables.pop();
    }

    /// Collect lines separately until [`end_cell`](Self::end_cell) or [`pop_collector`](Self::pop_collector).
    pub fn push_collector(&mut self) {
        self.sinks.push(Vec::new());
    }

    /// The lines collected since the matching `push_collector` (nothing at the bottom).
    pub fn pop_collector(&mut self) -> Vec<Line> {
        if self.sinks.len() > 1 {
            self.sinks.pop().unwrap_or_default()
        } else {
            Vec::new()
        }
    }

    /// Close a cell: its lines join the current row (or the output, outside a table).
    pub fn end_cell(&mut self) {
        if self.sinks.len() <= 1 {
            return;
        }
        let cell = self.pop_collector();
        match self.tables.last_mut() {
            Some(row) => row.push(cell),
            None => self.emit_all(cell),
        }
    }

    /// Close everything a truncated document left open and return the output.
    pub fn finish(mut self) -> Vec<Line> {
        while self.sinks.len() > 1 {
            self.end_cell();
        }
        while self.in_table() {
            self.end_table();
        }
        self.sinks.pop().unwrap_or_default()
    }
}

/// One line for a row of single-line cells (cells separated by a gap), otherwise the cells' lines in order.
pub fn merge_table_row(cells: Vec<Vec<Line>>) -> Vec<Line> {
    let filled: Vec<&Vec<Line>> = cells.iter().filter(|c| !c.is_empty()).collect();
    if filled.len() < 2 || filled.iter().any(|c| c.len() > 1) {
        return cells.into_iter().flatten().collect();
    }
    let mut builder = LineBuilder::new();
    let mut kind = LineKind { region: Region::Table, heading: None, list_item: false };
    for (i, line) in filled.iter().filter_map(|c| c.first()).enumerate() {
        if i > 0 {
            builder.push_gap();
        }
        kind.region = line.region;
        builder.push(&line.text, RunStyle { bold: line.bold, italic: line.italic, size: line.font_size });
    }
    builder.finish(kind).into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        let mut l = Line::plain(text);
        l.region = Region::Table;
        l
    }

    #[test]
    fn simple_rows_join_and_multi_paragraph_cells_stay_apart() {
        let mut sink = LineSink::default();
        sink.start_table();
        sink.start_row();
        for text in ["Acme", "Engineer", "2020"] {
            sink.push_collector();
            sink.emit(line(text));
            sink.end_cell();
        }
        sink.start_row();
        sink.push_collector();
        sink.emit(line("a"));
        sink.emit(line("b"));
        sink.end_cell();
        sink.push_collector();
        sink.emit(line("c"));
        // Truncated here: finish closes the cell, row and table.
        let texts: Vec<String> = sink.finish().into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["Acme  Engineer  2020", "a", "b", "c"]);
    }
}
