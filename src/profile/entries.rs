//! Splitting an experience, education, volunteer or project section into entries: one per job,
//! one per school.
//!
//! Lines are first told apart as *header* lines (employer, title, school, degree, dates, place:
//! short, often bold or carrying a date) and *body* lines (bullets, prose, and the wrapped
//! continuation of either). Each run of header lines opens an entry and the body lines below
//! belong to it. A run holding several date lines without body in between is several entries
//! ("2019–2021 Analyst, Acme" lines, or title/employer/date blocks); a run without any date in a
//! section whose other entries have dates is usually wrapped body text and joins the entry above.

use super::lines::{is_range, LineInfo};
use crate::dates::{DateValue, PartialDate};

/// One job or school: its header lines and its body lines (indices into the section's lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub header: Vec<usize>,
    pub body: Vec<usize>,
}

/// Is this line part of an entry header or of its body?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Header,
    Body,
}

/// Split a section's lines into entries.
pub fn split_entries(lines: &[LineInfo]) -> Vec<Entry> {
    let kinds = classify(lines);
    // Runs of header lines, each followed by its body.
    let mut blocks: Vec<Entry> = Vec::new();
    // After a table's heading row (no field, no entry's line) the next header line opens an entry.
    let mut fresh = false;
    for (i, kind) in kinds.iter().enumerate() {
        if lines.get(i).is_some_and(|l| super::table_head::columns(l.content()).is_some()) {
            fresh = true;
            continue;
        }
        match kind {
            Kind::Header => {
                let continues = !std::mem::take(&mut fresh) && blocks.last().is_some_and(|b| b.body.is_empty());
                if continues {
                    if let Some(b) = blocks.last_mut() {
                        b.header.push(i);
                    }
                } else {
                    blocks.push(Entry { header: vec![i], body: Vec::new() });
                }
            }
            Kind::Body => match blocks.last_mut() {
                Some(b) => b.body.push(i),
                None => blocks.push(Entry { header: Vec::new(), body: vec![i] }),
            },
        }
    }
    let dated = blocks.iter().filter(|b| b.header.iter().any(|&i| has_date(lines, i))).count();
    let mut out: Vec<Entry> = Vec::new();
    for mut block in blocks {
        // A wrapped sentence ending ("Lieferanten.") at the top of a header run belongs to the body above.
        while block.header.len() > 1 && !out.is_empty() && block.header.first().is_some_and(|&i| ends_sentence(lines, i)) {
            let i = block.header.remove(0);
            if let Some(prev) = out.last_mut() {
                prev.body.push(i);
            }
        }
        let mut date_lines: Vec<usize> = block.header.iter().copied().filter(|&i| has_date(lines, i)).collect();
        // "Nordic Chess Open 2021" over "Treasurer  Sep 2020 – May 2021": the year names the
        // event, the other line dates the entry.
        if date_lines.iter().any(|&i| !year_in_name(lines, i)) {
            date_lines.retain(|&i| !year_in_name(lines, i));
        }
        if date_lines.is_empty() && dated > 0 && !out.is_empty() && looks_like_body(lines, &block) {
            // Wrapped text or a stray line: keep it with the entry above.
            if let Some(prev) = out.last_mut() {
                prev.body.extend(block.header.iter().chain(&block.body));
            }
            continue;
        }
        if date_lines.len() <= 1 {
            out.push(block);
            continue;
        }
        out.extend(split_block(lines, block, &date_lines));
    }
    out.retain(|e| !e.header.is_empty() || !e.body.is_empty());
    out
}

fn ends_sentence(lines: &[LineInfo], i: usize) -> bool {
    lines.get(i).is_some_and(|l| {
        let t = l.text.trim_end();
        let sentence_end = t.ends_with('.') && !t.ends_with("..") && super::roles::org_score(t) == 0 && !t.split_whitespace().last().is_some_and(|w| w.matches('.').count() > 1);
        !l.has_date() && !l.bold && (sentence_end || starts_lowercase(l.content()))
    })
}

/// A line whose one date is a bare year written right after a word of a name ("Summer School
/// 2019", "Congrès de statistique 2021"): it may name an event rather than date an entry.
pub fn year_in_name(lines: &[LineInfo], i: usize) -> bool {
    let Some(line) = lines.get(i) else { return false };
    let [d] = line.dates.as_slice() else { return false };
    let bare_year = matches!(d.value, DateValue::Date(PartialDate { month: None, .. }));
    let before = line.text.get(..d.start).unwrap_or("").trim_end();
    bare_year && before.ends_with(char::is_alphabetic) && before.split_whitespace().count() >= 2
}

fn has_date(lines: &[LineInfo], i: usize) -> bool {
    lines.get(i).is_some_and(LineInfo::has_date)
}

/// A header run with several date lines: one entry per date line. When the run starts with a
/// date line, dates open entries; otherwise each date line closes one, and lines after the last
/// date (a place, a title) stay with the last entry, as does a place alone on the line right
/// after a closing date ("Engineer / 2018 – 2021 / Chicago, Illinois / Acme Bank / …").
fn split_block(lines: &[LineInfo], block: Entry, date_lines: &[usize]) -> Vec<Entry> {
    let dates_first = block.header.first().is_some_and(|&i| has_date(lines, i));
    if let Some(split) = split_at_schools(lines, &block, date_lines.len()) {
        return split;
    }
    let mut out: Vec<Entry> = Vec::new();
    let mut current = Entry::default();
    let mut after_closing_date = false;
    for &i in &block.header {
        let is_date = date_lines.contains(&i);
        let place_after_date = after_closing_date && !is_date && lines.get(i).is_some_and(|l| super::roles::looks_like_location(l.content()));
        after_closing_date = false;
        if place_after_date && current.header.is_empty() {
            if let Some(last) = out.last_mut() {
                last.header.push(i);
                continue;
            }
        }
        if dates_first && is_date && !current.header.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.header.push(i);
        if !dates_first && is_date {
            out.push(std::mem::take(&mut current));
            after_closing_date = true;
        }
    }
    if !current.header.is_empty() {
        match out.last_mut() {
            Some(last) if !dates_first => last.header.extend(current.header),
            _ => out.push(current),
        }
    }
    if let Some(last) = out.last_mut() {
        last.body = block.body;
    }
    out
}

/// "School / 2022 / Pursuing B.A. …" repeated: a run that opens with a school's name, with as
/// many school lines as dates and one date after each school, holds one entry per school — the
/// degree below a date still belongs to the school above it, not to the next one.
fn split_at_schools(lines: &[LineInfo], block: &Entry, dates: usize) -> Option<Vec<Entry>> {
    let school = |i: usize| lines.get(i).is_some_and(|l| !l.has_date() && super::roles::school_score(l.text) > 0 && super::roles::school_score(l.text) >= super::roles::degree_score(l.text));
    if !block.header.first().is_some_and(|&i| school(i)) || block.header.iter().filter(|&&i| school(i)).count() != dates {
        return None;
    }
    let mut out: Vec<Entry> = Vec::new();
    for &i in &block.header {
        match out.last_mut() {
            Some(last) if !school(i) => last.header.push(i),
            _ => out.push(Entry { header: vec![i], body: Vec::new() }),
        }
    }
    // Each school has its date.
    if !out.iter().all(|e| e.header.iter().filter(|&&i| has_date(lines, i)).count() == 1) {
        return None;
    }
    if let Some(last) = out.last_mut() {
        last.body = block.body.clone();
    }
    Some(out)
}

/// A dateless run that reads like wrapped body text: not bold where headers are bold, or
/// ending like a sentence.
fn looks_like_body(lines: &[LineInfo], block: &Entry) -> bool {
    let header_bold = lines.iter().any(|l| l.bold && l.has_date());
    // A sentence wrapped over the run's lines ("Cared for 30 beds for 5" / "wards."), which no
    // line of its own shows.
    let joined: Vec<&str> = block.header.iter().filter_map(|&i| lines.get(i)).map(|l| l.text.trim()).collect();
    if joined.len() >= 2 && is_prose_text(&joined.join(" ")) {
        return true;
    }
    block.header.iter().all(|&i| {
        lines.get(i).is_some_and(|l| {
            (header_bold && !l.bold) || l.text.trim_end().ends_with(['.', ';']) || starts_lowercase(l.content())
        })
    })
}

fn starts_lowercase(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Header or body, line by line.
fn classify(lines: &[LineInfo]) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(lines.len());
    // The indent of the text of the last bullet, to recognise its wrapped lines.
    let mut last_body: Option<&LineInfo> = None;
    let mut last_bullet_x: Option<f32> = None;
    let header_x = header_indent(lines);
    // A section whose every line is a list item (dated one-line entries, or a whole education
    // list marked up as bullets) says nothing with its bullets: with dates to split it into
    // entries, its lines are told apart as if none were bullets.
    let all_bullets = lines.iter().all(|l| l.bullet || l.text.trim().is_empty()) && lines.iter().any(LineInfo::has_date);
    // "• Acme Ltda. (03/2018 – atual)" / "Cargo: Analista": when every dated range of the section
    // stands on a bullet, the bullets carry the entries' headers.
    let ranged = |l: &&LineInfo| l.dates.iter().any(is_range) && !is_prose(l);
    let ranges_on_bullets = lines.iter().filter(ranged).count() >= 2 && lines.iter().filter(ranged).all(|l| l.bullet);
    for (i, line) in lines.iter().enumerate() {
        let indented = header_x.zip(line.x0).is_some_and(|(hx, x)| x > hx + 8.0) && !line.dates.iter().any(is_range);
        let bullet = line.bullet && !all_bullets && !(ranges_on_bullets && ranged(&line));
        let kind = if bullet || indented {
            Kind::Body
        } else if line.has_date() && !(is_prose(line) && (all_bullets || !line.dates.iter().any(is_range))) {
            // A sentence mentioning a year ("… until its shutdown in 2018.") is body text.
            Kind::Header
        } else if lines.get(i + 1).is_some_and(|next| wraps_into_prose(line, next)) {
            // A bullet point whose glyph was lost, wrapped onto a lower-case line.
            Kind::Body
        } else if let Some(prev) = last_body.filter(|_| kinds.last() == Some(&Kind::Body)) {
            if is_continuation(prev, line, last_bullet_x) || is_prose(line) {
                Kind::Body
            } else {
                Kind::Header
            }
        } else if is_prose(line) {
            Kind::Body
        } else {
            Kind::Header
        };
        if kind == Kind::Body {
            if bullet {
                last_bullet_x = line.x0;
            }
            last_body = Some(line);
        }
        kinds.push(kind);
    }
    kinds
}

/// The left edge shared by the dated header lines, when at least two agree: text indented
/// past it is body (bullets without glyphs). Lines holding only their dates do not count: in a
/// date column ("10/2012 – 06/2015" on the left, the school on its right) the header text stands
/// right of the dates.
fn header_indent(lines: &[LineInfo]) -> Option<f32> {
    let xs: Vec<f32> = lines.iter().filter(|l| l.dates.iter().any(is_range) && !l.is_date_only()).filter_map(|l| l.x0).collect();
    let (min, max) = xs.iter().fold((f32::MAX, f32::MIN), |(a, b), &x| (a.min(x), b.max(x)));
    (xs.len() >= 2 && max - min <= 3.0).then_some(min)
}

/// A line of running text: long, or a sentence.
fn is_prose(line: &LineInfo) -> bool {
    is_prose_text(line.text)
}

fn is_prose_text(text: &str) -> bool {
    // A table's row ("B.Tech | Example University | 2019 | 74%", cells joined by a gap of two
    // spaces from DOCX and TXT) is cells, however long; a row of labelled values ("Field: … |
    // Grade: …") is the body of the entry above, and two spaces after a full stop end a sentence.
    let gaps = text.match_indices("  ").filter(|&(at, _)| !text.get(..at).is_some_and(|h| h.ends_with(['.', '!', '?', ';', ' ']))).count();
    if text.matches(['|', '\t']).count() + gaps >= 2 && !text.contains(':') {
        return false;
    }
    let words = text.split_whitespace().count();
    let chars = text.chars().count();
    // "… Banco Meridional S.A.", "… Acme Ltd.": an abbreviation's dot ends no sentence.
    let t = text.trim_end();
    let sentence_end = t.ends_with(['!', '?', ';']) || (t.ends_with('.') && !super::roles::ends_with_abbreviation(t));
    // "Aulas de matemática para 86 contas.": a short line ending its sentence is prose when most
    // of its words are lower case or figures, as a name, a title or a place are not.
    let plain = text.split_whitespace().filter(|w| w.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())).count();
    (chars > 100 && words > 12) || words > 18 || (words > 6 && sentence_end) || (words > 3 && sentence_end && plain * 2 >= words)
}

/// A line that runs on to a lower-case line of its style, the two reading as running text
/// ("Led a team of 11 to plan shipments, cutting turnaround" / "time by 40%.").
fn wraps_into_prose(line: &LineInfo, next: &LineInfo) -> bool {
    let same_style = line.bold == next.bold && (line.font_size - next.font_size).abs() < 0.6;
    // German nouns are capitalised: "… Neukundengewinnung im" / "B2B-Bereich." runs on too, its
    // line ending in a short lower-case word (an article, a preposition) no header ends with; so
    // does "… saving about" / "52 hours per month.".
    // A school or firm's name may wrap after its "à" or "of" ("Université du Québec à" /
    // "Exempleville, Town.").
    let short_lower_last = line.text.split_whitespace().last().is_some_and(|w| w.chars().count() <= 4 && w.chars().all(char::is_lowercase));
    // Asked of every line: the school and firm tests only when the cheap one holds.
    let cut_mid_phrase = short_lower_last && super::roles::school_score(line.text) == 0 && super::roles::org_score(line.text) == 0;
    let runs_on = starts_lowercase(next.content()) || next.content().starts_with(|c: char| c.is_ascii_digit()) || cut_mid_phrase;
    same_style && !next.has_date() && runs_on && is_prose_text(&format!("{} {}", line.text.trim_end(), next.text.trim()))
}

/// The wrapped continuation of the body line above: same style, and indented past the bullet,
/// or starting in lower case, or the line above did not end its sentence.
fn is_continuation(prev: &LineInfo, line: &LineInfo, bullet_x: Option<f32>) -> bool {
    let same_style = prev.bold == line.bold && (prev.font_size - line.font_size).abs() < 0.6;
    if !same_style {
        return false;
    }
    if starts_lowercase(line.content()) || line.content().starts_with(['(', '&', '+']) {
        return true;
    }
    if let (Some(x), Some(bx)) = (line.x0, bullet_x) {
        if x > bx + 3.0 {
            return true;
        }
    }
    // The line above was cut mid-sentence: it runs on to this one.
    let prev_open = !prev.text.trim_end().ends_with(['.', '!', '?', ':', ';']);
    prev_open && prev.bullet && prev.text.chars().count() > 60 && line.x0.is_some() && bullet_x.is_some_and(|bx| line.x0.is_some_and(|x| x > bx))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::lines::plain_lines;

    #[test]
    fn a_date_column_leaves_the_header_on_its_right() {
        // Dates right-aligned in a left column, each entry's text to their right.
        let text = "10/2012 – 06/2015\nExample College, in Business Studies – Springfield\n10/2009 – 07/2012\nSample Grammar School – Riverton";
        let lines: Vec<LineInfo> = plain_lines(text).into_iter().zip([101.9, 185.7, 104.6, 185.7]).map(|(l, x)| LineInfo { x0: Some(x), ..l }).collect();
        let entries = split_entries(&lines);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].header, [0, 1]);
        assert_eq!(entries[1].header, [2, 3]);
        // A dated line with its text at the left edge still makes the indented lines body.
        let text = "05/2012 – 06/2015 Example College\nStudied widely and well\n05/2009 – 06/2012 Sample Grammar School\nRead a great many books";
        let lines: Vec<LineInfo> = plain_lines(text).into_iter().zip([50.0, 70.0, 50.0, 70.0]).map(|(l, x)| LineInfo { x0: Some(x), ..l }).collect();
        assert_eq!(split_entries(&lines)[0].body, [1]);
    }

    fn split(texts: &[&str]) -> Vec<Vec<String>> {
        let joined = texts.join("\n");
        let lines = plain_lines(&joined);
        split_entries(&lines)
            .into_iter()
            .map(|e| e.header.iter().map(|&i| texts[i].to_string()).collect())
            .collect()
    }

    #[test]
    fn a_sentence_wrapped_over_dateless_lines_is_body() {
        let got = split(&["Quillmoor Freight", "Senior Analyst", "April 2020 - Present", "Ran the night desk for the whole fleet.", "Planned the routes of 30 trucks for 5", "Depots.", "Led a team of nine drivers across the region.", "Analyst", "January 2017 - March 2020"]);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_header_ending_in_a_legal_form_is_no_sentence() {
        let got = split(&["Analista de Dados Sênior — Banco Quintela S.A.", "Jan 2021 – Atual", "• Modelos de risco", "Analista de BI — Lojas Ribeiro Ltda.", "Mar 2017 – Dez 2020"]);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0][0].starts_with("Analista de Dados"), "{got:?}");
        assert!(got[1][0].starts_with("Analista de BI"), "{got:?}");
    }

    #[test]
    fn a_year_in_an_event_name_does_not_open_an_entry() {
        let e = split(&[
            "Nordic Chess Open 2021\tOnline",
            "Treasurer\tSeptember 2020 – May 2021",
            "• Kept the accounts.",
            "Summer Robotics Camp 2019\tLund",
            "Mentor\tJune 2019 – August 2019",
            "• Taught soldering.",
        ]);
        assert_eq!(e, [vec!["Nordic Chess Open 2021\tOnline", "Treasurer\tSeptember 2020 – May 2021"], vec!["Summer Robotics Camp 2019\tLund", "Mentor\tJune 2019 – August 2019"]]);
        // Years that date entries still split them.
        let e = split(&["Treasurer, Chess Club 2021", "Mentor, Robotics Camp 2019", "• Taught soldering."]);
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn a_bullet_without_its_glyph_wrapped_onto_a_lower_case_line_is_body() {
        let e = split(&[
            "2018 - 2020 Warehouse Supervisor, Example and Sons, West Dale",
            "Planned inbound and outbound shipments for 13 stakeholders, using WMS.",
            "Led a team of 11 to plan inbound and outbound shipments, cutting turnaround",
            "time by 40%.",
            "2013 - 2018 Logistics Coordinator, Sample PLC, Port Town",
        ]);
        assert_eq!(e, [vec!["2018 - 2020 Warehouse Supervisor, Example and Sons, West Dale"], vec!["2013 - 2018 Logistics Coordinator, Sample PLC, Port Town"]]);
    }

    #[test]
    fn a_section_of_list_items_with_dates_splits_like_plain_lines() {
        let e = split(&[
            "• Example Arts College, Northpet",
            "• 2022",
            "• Pursuing B.Sc. Mathematics",
            "• Example Higher Secondary School, Southpet",
            "• 2020",
            "• Class XII",
        ]);
        // Each school opens an entry: the degree under a school's date is still that school's.
        assert_eq!(
            e,
            [
                vec!["• Example Arts College, Northpet", "• 2022", "• Pursuing B.Sc. Mathematics"],
                vec!["• Example Higher Secondary School, Southpet", "• 2020", "• Class XII"],
            ]
        );
        // Otherwise each date closes an entry (dates come after the lines they date); lines
        // after the last date stay with the last entry.
        let e = split(&["• Example Arts Guild, Northpet", "• 2022", "• Pursuing Something", "• Other Guild, Southpet", "• 2020", "• Member"]);
        assert_eq!(e, [vec!["• Example Arts Guild, Northpet", "• 2022"], vec!["• Pursuing Something", "• Other Guild, Southpet", "• 2020", "• Member"]]);
        // Without dates, list items stay body text.
        assert!(split(&["• Rust", "• Go"]).iter().all(Vec::is_empty));
    }

    #[test]
    fn a_sentence_cut_after_a_short_lower_case_word_is_body() {
        let e = split(&["Lindenhof GmbH", "März 2019 - heute", "Aufbau eines Teams von 9 Personen; Betreuung der", "Großkunden im Norden.", "Vertriebsleiterin", "Januar 2015 - Februar 2019"]);
        assert!(e.iter().all(|h| !h.iter().any(|l| l.starts_with("Aufbau"))), "{e:?}");
        // A short sentence of mostly lower-case words and figures is body; so is a sentence cut
        // before a figure.
        let e = split(&["Lindenhof GmbH", "2019 - 2021", "Kurse für 40 neue Kunden.", "Halved the wait, saving about", "12 hours per week.", "Vertriebsleiterin", "2015 - 2019"]);
        assert!(e.iter().all(|h| !h.iter().any(|l| l.starts_with("Kurse") || l.starts_with("Halved") || l.starts_with("12 hours"))), "{e:?}");
        // A school's name wrapped after "of" is no sentence: it stays a header.
        let e = split(&["University of", "Elmford", "2010 – 2014"]);
        assert_eq!(e.first().map(Vec::len), Some(3), "{e:?}");
    }

    #[test]
    fn bullets_carrying_every_date_range_are_the_headers() {
        let e = split(&["• Mercado Exemplo Ltda. (03/2018 – atual)", "Cargo: Analista", "Principais atividades: compras.", "• Outra Empresa S.A. (01/2013 – 02/2018)", "Cargo: Assistente"]);
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].first().map(String::as_str), Some("• Mercado Exemplo Ltda. (03/2018 – atual)"));
        // Beside a dated header that is no bullet, dated bullets stay body.
        let e = split(&["Acme Ltd  2019 – 2021", "• Project Alpha (2019 – 2020)", "• Project Beta (2020 – 2021)"]);
        assert_eq!(e.len(), 1, "{e:?}");
    }

    #[test]
    fn header_then_date_then_bullets() {
        let e = split(&[
            "Brightwater Finance, Santa Rosa, CA, Certified Public Accountant",
            "Mar. 2019 – Current",
            "• Review quarterly ledgers with small business owners",
            "• Prepare payroll filings for local firms each month",
            "Larkspur Wealth Partners, Santa Rosa, CA, Accountant",
            "Jan. 2017 – Feb. 2019",
            "• Reconciled bank statements for retail shops every week",
        ]);
        assert_eq!(e.len(), 2);
        assert_eq!(e[1][0], "Larkspur Wealth Partners, Santa Rosa, CA, Accountant");
    }

    #[test]
    fn one_line_entries_without_bullets() {
        let e = split(&[
            "2019 – heute  Projektleiterin, Müller GmbH, Köln",
            "2015 – 2019  Ingenieurin, Schmidt AG, Bonn",
            "2012 – 2015  Werkstudentin, Bosch, Stuttgart",
        ]);
        assert_eq!(e.len(), 3);
    }

    #[test]
    fn title_org_date_blocks_split_at_dates() {
        let e = split(&[
            "Développeuse web",
            "Société Générale",
            "janvier 2020 – aujourd'hui",
            "Stagiaire",
            "Orange",
            "mars 2019 – août 2019",
        ]);
        assert_eq!(e, vec![
            vec!["Développeuse web", "Société Générale", "janvier 2020 – aujourd'hui"],
            vec!["Stagiaire", "Orange", "mars 2019 – août 2019"],
        ]);
    }

    #[test]
    fn dated_list_items_are_entries() {
        let e = split(&["• Professora, Vasconcelos Abreu - ME, Oliveira, jul 2016 - Atual", "• Professora, Nascimento da Cunha S.A., Dias do Sul, nov 2011 - mar 2016"]);
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn prose_and_wrapped_lines_stay_in_the_body() {
        let e = split(&[
            "Ingeniero de software | Telefónica | 2018 - 2021",
            "Desarrollo de servicios de facturación para clientes corporativos en toda España y Latinoamérica.",
            "- Migración de la plataforma a Kubernetes,",
            "reduciendo costes un 30 %",
            "Analista | Indra | 2016 - 2018",
        ]);
        assert_eq!(e.len(), 2);
    }
}
