//! Skills: comma, semicolon, pipe and bullet lists, grids, and "Category: a, b" groups.

use super::cells::undouble;
use super::lines::strip_bullet;
use super::types::Skill;
use crate::sections::label_and_values;

/// Longest item kept as a skill (longer text is a sentence, not a skill).
const MAX_SKILL_CHARS: usize = 80;

/// Split a list line into items at commas, semicolons, pipes, bullets and tab stops
/// (not inside brackets: "C (C99, C11)").
pub fn list_items(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        let double_space = c == ' ' && chars.peek() == Some(&' ');
        let sep = depth <= 0 && (matches!(c, ',' | ';' | '|' | '•' | '·' | '▪' | '\t' | '◦') || double_space);
        if sep {
            push_item(&mut out, &current);
            current.clear();
        } else {
            current.push(c);
        }
    }
    push_item(&mut out, &current);
    out
}

fn push_item(out: &mut Vec<String>, item: &str) {
    let t = undouble(item.trim().trim_end_matches('.').trim());
    let t = t.strip_prefix("and ").or_else(|| t.strip_prefix("und ")).or_else(|| t.strip_prefix("et ")).unwrap_or(t).trim();
    if !t.is_empty() && t.chars().count() <= MAX_SKILL_CHARS {
        out.push(t.to_string());
    }
}


/// "Tools<TAB>SAP, Excel, Jira": a table row whose first cell labels the list in the second (a
/// grid of single skills, "HTML<TAB>CSS<TAB>Python", has no list in a cell).
fn label_cell(line: &str) -> Option<(&str, &str)> {
    let (label, rest) = line.split_once('\t')?;
    let (label, rest) = (label.trim(), rest.trim());
    let listed = rest.contains([',', ';']) && !rest.contains('\t');
    (listed && !label.is_empty() && !label.contains([',', ';']) && label.split_whitespace().count() <= 3).then_some((label, rest))
}

/// Skill groups from the lines of a skills section.
pub fn parse_skills(lines: &[&str]) -> Vec<Skill> {
    let mut plain = Skill::default();
    let mut groups: Vec<Skill> = Vec::new();
    for raw in lines {
        let line = strip_bullet(raw).trim();
        if line.is_empty() {
            continue;
        }
        match label_and_values(line).or_else(|| label_cell(line)) {
            Some((label, rest)) => groups.push(Skill { name: Some(label.to_string()), keywords: list_items(rest), ..Skill::default() }),
            None => plain.keywords.extend(list_items(line)),
        }
    }
    if !plain.keywords.is_empty() {
        groups.insert(0, plain);
    }
    groups.retain(|g| !g.keywords.is_empty());
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_several_forms() {
        let s = parse_skills(&["• Python", "• Java, Go; Rust | SQL", "HTML\tCSS  Python"]);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].keywords, ["Python", "Java", "Go", "Rust", "SQL", "HTML", "CSS", "Python"]);
    }

    #[test]
    fn categories_in_several_languages() {
        let s = parse_skills(&["- Programming Languages: Python, C (C99, C11)", "Fachkenntnisse: SAP, Excel und Word", "Outils : Figma, Canva"]);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].name.as_deref(), Some("Programming Languages"));
        assert_eq!(s[0].keywords, ["Python", "C (C99, C11)"]);
        assert_eq!(s[1].keywords, ["SAP", "Excel und Word"]);
        assert_eq!(s[2].name.as_deref(), Some("Outils"));
        let s = parse_skills(&["Werkzeuge\tJira, Figma", "Sozial\tTeamarbeit; Geduld", "HTML\tCSS\tPython"]);
        let read: Vec<(Option<&str>, Vec<&str>)> = s.iter().map(|g| (g.name.as_deref(), g.keywords.iter().map(String::as_str).collect())).collect();
        assert_eq!(read, [(None, vec!["HTML", "CSS", "Python"]), (Some("Werkzeuge"), vec!["Jira", "Figma"]), (Some("Sozial"), vec!["Teamarbeit", "Geduld"])]);
    }
}
