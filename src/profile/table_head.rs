//! The column headings of an entry table: "Qualification | Board | Institute | Year | Percentage",
//! "Company  Designation  Duration", "Abschluss | Hochschule | Jahr | Note".
//!
//! Many CVs (Indian ones above all, and forms from every country) list schools and jobs as a
//! table whose first row names the columns. Read as text, that row is one more header line of
//! the first entry ("Qualification", "Board/University" taken for a degree and a school), and
//! the rows below are cells whose roles the word lists must guess ("VTU" a school or a board?).
//! The heading row says it outright: a row of column names is no field, and each cell below it
//! has the role its column names.

use crate::fold::fold;

use super::cells::Piece;
use super::fields::Scored;
use super::lines::LineInfo;
use super::roles::Role;

/// What a column of an entry table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// A field of the entry.
    Field(Role),
    /// An examining board or awarding university beside an institute column: not the school.
    Board,
    /// A grade, a percentage, marks.
    Score,
    /// The subject of a degree ("Specialization", "Stream").
    Area,
    /// Years, durations, dates: read by the date finder.
    When,
}

/// Folded column names and what their column holds. A cell naming two ("Board/University")
/// takes the first it matches in this order.
#[rustfmt::skip]
const NAMES: &[(Column, &[&str])] = &[
    (Column::Field(Role::School), &[
        "institute", "institution", "college", "school", "name of institution", "name of the institution",
        "name of institute", "name of the institute", "school/college", "college/school", "institute/college",
        "college/institute", "institution name", "hochschule", "schule", "bildungseinrichtung", "einrichtung",
        "etablissement", "ecole", "institucion", "centro", "centro educativo", "istituto", "istituzione",
        "instituicao", "escola", "instelling", "school/instelling", "uczelnia", "szkola",
    ]),
    (Column::Board, &[
        "board", "board/university", "university/board", "board / university", "university / board",
        "awarding body", "examining body",
    ]),
    (Column::Field(Role::School), &["university", "universitat", "universite", "universidad", "universita", "universidade", "universiteit"]),
    (Column::Field(Role::Degree), &[
        "qualification", "qualifications", "degree", "degree/course", "course", "examination", "exam",
        "class", "standard", "programme", "program", "diploma", "degree/certificate", "education",
        "abschluss", "bildungsabschluss", "qualifikation", "diplome", "formation", "titulo", "titulacion",
        "titolo", "titolo di studio", "curso", "grau", "diploma/titulo", "opleiding", "diploma's", "stopien",
    ]),
    (Column::Field(Role::Org), &[
        "company", "company name", "organisation", "organization", "organisation name", "organization name",
        "employer", "firm", "name of the company", "name of company", "unternehmen", "arbeitgeber", "firma",
        "entreprise", "employeur", "empresa", "azienda", "werkgever", "bedrijf", "pracodawca",
    ]),
    (Column::Field(Role::Title), &[
        "designation", "role", "position", "title", "job title", "post", "position held", "funktion", "position/funktion",
        "poste", "fonction", "cargo", "puesto", "ruolo", "mansione", "functie", "stanowisko",
    ]),
    (Column::Field(Role::Location), &["location", "place", "city", "ort", "lieu", "ville", "lugar", "ciudad", "luogo", "citta", "cidade", "plaats", "miejsce"]),
    (Column::Score, &[
        "percentage", "%", "marks", "cgpa", "gpa", "cgpa/percentage", "percentage/cgpa", "grade", "grades",
        "result", "results", "division", "aggregate", "score", "marks obtained", "% marks", "note", "mention",
        "nota", "calificacion", "voto", "cijfer", "ocena",
    ]),
    (Column::Area, &[
        "specialization", "specialisation", "stream", "subject", "subjects", "branch", "major", "field",
        "field of study", "discipline", "fachrichtung", "studienfach", "specialite", "especialidad",
        "especializacion", "area", "indirizzo", "richting", "kierunek",
    ]),
    (Column::When, &[
        "year", "years", "year of passing", "passing year", "year of completion", "completion year", "duration",
        "period", "from", "to", "from - to", "date", "dates", "tenure", "batch", "session", "jahr", "zeitraum",
        "dauer", "von", "bis", "annee", "annees", "periode", "ano", "anos", "periodo", "fecha", "fechas",
        "anno", "jaar", "rok", "okres",
    ]),
];

/// Fewest columns a heading row names: two names alone are too often a field ("Course: Year 2").
const MIN_COLUMNS: usize = 3;

/// Byte ranges of the cells of `text`: runs between pipes, tabs and gaps of two or more spaces.
pub fn cell_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut spaces = 0usize;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, usize)>| {
        let cell = text.get(from..to).unwrap_or("");
        let lead = cell.len() - cell.trim_start().len();
        let trimmed = cell.trim();
        if !trimmed.is_empty() {
            out.push((from + lead, from + lead + trimmed.len()));
        }
    };
    for (at, c) in text.char_indices() {
        let border = c == '|' || c == '\t' || (c == ' ' && spaces >= 1);
        spaces = if c == ' ' { spaces + 1 } else { 0 };
        match (border, start) {
            (true, Some(from)) => {
                // A gap of spaces ends the cell where the gap began.
                let to = if c == ' ' { at - 1 } else { at };
                push(from, to, &mut out);
                start = None;
            }
            (false, None) if c != ' ' => start = Some(at),
            _ => {}
        }
    }
    if let Some(from) = start {
        push(from, text.len(), &mut out);
    }
    out
}

/// The columns a heading row names, left to right: `None` unless every cell of `text` is a
/// column name, there are at least [`MIN_COLUMNS`], and one names the entry's organisation (a
/// school or an employer) or its degree or title.
pub fn columns(text: &str) -> Option<Vec<Column>> {
    // Cheap first: a heading row is short and has cell borders.
    if text.len() > 200 || !(text.contains('|') || text.contains('\t') || text.contains("  ")) {
        return None;
    }
    let cells = cell_ranges(text);
    if cells.len() < MIN_COLUMNS {
        return None;
    }
    let mut out: Vec<Column> = Vec::with_capacity(cells.len());
    for &(s, e) in &cells {
        let name = fold(text.get(s..e)?.trim_end_matches([':', '.']).trim());
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push(NAMES.iter().find(|(_, names)| names.contains(&name.as_str())).map(|&(c, _)| c)?);
    }
    let fields = out.iter().filter(|c| matches!(c, Column::Field(Role::School | Role::Org | Role::Degree | Role::Title))).count();
    if fields == 0 {
        return None;
    }
    // A board beside an institute is the examining body; alone it is where the row was studied.
    let has_school = out.contains(&Column::Field(Role::School));
    for c in out.iter_mut().filter(|c| **c == Column::Board) {
        if !has_school {
            *c = Column::Field(Role::School);
        }
    }
    Some(out)
}

/// The column a byte offset of a row falls in, when the row has as many cells as the heading
/// row has columns (a row whose cells merged or split says nothing).
pub fn column_at(row: &str, columns: &[Column], at: usize) -> Option<Column> {
    let cells = cell_ranges(row);
    if cells.len() != columns.len() {
        return None;
    }
    let i = cells.iter().position(|&(s, e)| s <= at && at < e)?;
    columns.get(i).copied()
}

/// Lines above an entry searched for its table's heading row.
const MAX_ROWS_ABOVE: usize = 40;

/// The table an entry is a row of: its heading row's line (a TextView index) and its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    heading: usize,
    columns: Vec<Column>,
}

impl Table {
    /// The table of the entry whose first header line is `lines[first]`: the nearest line above
    /// it (or itself) that names columns. `lines` are the section's.
    pub fn above(lines: &[LineInfo], first: usize) -> Option<Table> {
        let from = first.saturating_sub(MAX_ROWS_ABOVE);
        (from..=first).rev().find_map(|i| {
            let line = lines.get(i)?;
            columns(line.content()).map(|columns| Table { heading: line.index, columns })
        })
    }

    /// Whether `piece` stands on the heading row: a column name, no field.
    pub fn is_heading(&self, piece: &Piece) -> bool {
        piece.line == self.heading
    }

    /// Each piece standing in a row of the table takes the role `role_of` reads in its column
    /// (and the confidence a column gives); pieces elsewhere, or whose column `role_of` leaves
    /// (`None`), keep theirs.
    pub fn assign(&self, lines: &[LineInfo], pieces: &mut [Scored], mut role_of: impl FnMut(Column, &Scored) -> Option<Role>) {
        for p in pieces.iter_mut() {
            let Some(role) = self.column_of(lines, &p.piece).and_then(|column| role_of(column, p)) else { continue };
            p.role = Some(role);
            p.confidence = p.confidence.max(0.9);
        }
    }

    /// The column `piece` stands in, when its line is a row of the table (not the heading row).
    fn column_of(&self, lines: &[LineInfo], piece: &Piece) -> Option<Column> {
        let line = lines.iter().find(|l| l.index == piece.line && l.index != self.heading)?;
        column_at(line.text, &self.columns, piece.start.checked_sub(line.start)?)
    }
}

/// Most lines of a document looked at for tables.
const MAX_TABLE_SCAN: usize = 2_000;

/// The view's lines that are a table's heading row or one of its rows (as many cells as the
/// heading has columns, right below it), in order.
pub fn table_lines(view: &crate::text_view::TextView) -> Vec<usize> {
    let mut out = Vec::new();
    let mut columns_open: Option<usize> = None;
    for i in 0..view.lines().len().min(MAX_TABLE_SCAN) {
        let text = view.line_text(i);
        if let Some(c) = columns(text) {
            columns_open = Some(c.len());
            out.push(i);
        } else if columns_open.is_some_and(|n| cell_ranges(text).len() == n) {
            out.push(i);
        } else {
            columns_open = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_at_pipes_tabs_and_wide_gaps_only() {
        let row = "B.Sc. (Hons) | Northvale University\t2019  81 %";
        let texts: Vec<&str> = cell_ranges(row).iter().map(|&(s, e)| &row[s..e]).collect();
        assert_eq!(texts, ["B.Sc. (Hons)", "Northvale University", "2019", "81 %"]);
    }

    #[test]
    fn a_row_of_column_names_is_a_heading_row() {
        use Column as C;
        assert_eq!(
            columns("Qualification | Board/University | Institute | Year of Passing | Percentage"),
            Some(vec![C::Field(Role::Degree), C::Board, C::Field(Role::School), C::When, C::Score])
        );
        assert_eq!(columns("Examination\tBoard\tYear\tMarks"), Some(vec![C::Field(Role::Degree), C::Field(Role::School), C::When, C::Score]), "a board alone is the school");
        assert_eq!(columns("Company  Designation  Duration"), Some(vec![C::Field(Role::Org), C::Field(Role::Title), C::When]));
        assert_eq!(columns("Abschluss | Hochschule | Jahr | Note"), Some(vec![C::Field(Role::Degree), C::Field(Role::School), C::When, C::Score]));
        assert_eq!(columns("Diplôme | Établissement | Année"), Some(vec![C::Field(Role::Degree), C::Field(Role::School), C::When]));
        // Not heading rows: a field's row, two names, names with no field among them.
        assert_eq!(columns("B.Sc. Physics | Northvale University | 2019"), None);
        assert_eq!(columns("Degree | Year"), None);
        assert_eq!(columns("Year | Percentage | Grade"), None);
        assert_eq!(columns("Senior Engineer, Acme"), None);
    }

    #[test]
    fn table_lines_are_the_heading_row_and_the_rows_that_line_up_under_it() {
        use crate::document::{Document, Format, Line, Metadata};
        let texts = ["Ravi Example", "Bramblefield, Kerala", "Organisation  Designation  Duration", "Example Mills Ltd  Fitter  2019 – 2021", "Sample Works  Welder  2016 – 2019", "Skills", "Welding  Fitting"];
        let doc = Document::flow(Format::Txt, Metadata::default(), texts.iter().map(|t| Line::plain(*t)).collect(), Vec::new());
        assert_eq!(table_lines(&crate::text_view::TextView::new(&doc)), [2, 3, 4]);
    }

    #[test]
    fn a_row_cell_takes_its_columns_role_when_the_cells_line_up() {
        let cols = columns("Qualification | Institute | Year | CGPA").unwrap();
        let row = "M.Tech | Eastfield Institute of Technology, Rampur | 2016 | 8.1";
        let at = row.find("Eastfield").unwrap();
        assert_eq!(column_at(row, &cols, at), Some(Column::Field(Role::School)));
        assert_eq!(column_at(row, &cols, 0), Some(Column::Field(Role::Degree)));
        assert_eq!(column_at("M.Tech | Eastfield Institute of Technology | 2016", &cols, 0), None, "a cell missing");
    }
}
