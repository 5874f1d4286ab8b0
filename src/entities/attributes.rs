//! Sensitive attributes a label makes deterministic: "Nationality: German", "Familienstand:
//! verheiratet", "Religion: …", "Sexe : F", "Age: 34", "34 years old", "Alter: 34 Jahre" in the
//! ten CV languages → NATIONALITY, MARITAL_STATUS, RELIGION, GENDER, AGE; and "Geburtsort: …",
//! "Children: 2", "Pronouns: she/her" → PLACE_OF_BIRTH, MARITAL_STATUS (family status), GENDER;
//! "Health: …", "Gesundheit: …", "Saúde: …" → HEALTH.
//!
//! A marital status or a number of children filling a cell without any label ("Ledig",
//! "Verheiratet, 2 Kinder") is MARITAL_STATUS too.
//!
//! Only the value is the entity, never the label. A label needs a `:` (or a tab) after it so
//! prose ("sex discrimination law") stays out, or a bracketed note ("Staatsangehörigkeit(en)"),
//! or, opening its line, a column gap of two spaces; the value runs to the next field separator
//! (`,` `;` `|` `·`, a tab, two spaces, the line end) and is at most four words. A label that
//! ends its line takes the next line as value (two-column tables).

use std::sync::OnceLock;

use regex::Regex;

use super::common::cached;
use super::{Entity, EntityKind};

const LABELS: &[(EntityKind, &str)] = &[
    (EntityKind::Nationality, r"nationality|citizenship|staatsangehörigkeit|staatsbürgerschaft|nationalität|nationalité|nacionalidad|nazionalità|cittadinanza|nationaliteit|nacionalidade|obywatelstwo|narodowość"),
    (EntityKind::MaritalStatus, r"marital\s+status|civil\s+status|familienstand|situation\s+de\s+famille|situation\s+familiale|état\s+civil|estado\s+civil|stato\s+civile|burgerlijke\s+staat|stan\s+cywilny"),
    (EntityKind::Religion, r"religion|konfession|religionszugehörigkeit|confession|religión|religione|religie|religião|wyznanie"),
    (EntityKind::Gender, r"gender|sex|geschlecht|sexe|genre|sexo|género|genere|sesso|geslacht|gênero|płeć"),
    (EntityKind::Age, r"age|alter|âge|edad|età|leeftijd|idade|wiek"),
    (EntityKind::PlaceOfBirth, r"place\s+of\s+birth|birthplace|birth\s+place|geburtsort|lieu\s+de\s+naissance|lugar\s+de\s+nacimiento|luogo\s+di\s+nascita|geboorteplaats|local\s+de\s+nascimento|naturalidade|miejsce\s+urodzenia"),
    // Family status beyond the marital one: the number of children.
    (EntityKind::MaritalStatus, r"children|kinder|enfants|hijos|figli|kinderen|filhos|dzieci"),
    (EntityKind::Gender, r"pronouns|pronomen|pronoms|pronombres|pronomi|voornaamwoorden|pronomes|zaimki"),
    (EntityKind::Health, r"health|disability|gesundheit|gesundheitszustand|behinderung|schwerbehinderung|santé|handicap|salud|discapacidad|salute|disabilità|gezondheid|handicap|beperking|saúde|deficiência|zdrowie|niepełnosprawność"),
];

/// ASCII word boundaries only (a Unicode `\b` keeps the regex engine off its fast DFA on any
/// non-ASCII text); none is needed before "âgé".
const AGE_PHRASE: &str = r"(?i)(?-u:\b)(\d{2})\s*(?:years?\s+old|yrs?\s+old|y/o|jahre\s+alt|jaar\s+oud|anos\s+de\s+idade|años\s+de\s+edad|anni\s+di\s+età)(?-u:\b)|(?i)âgée?\s+de\s+(\d{2})\s+ans(?-u:\b)";

static LABEL_RE: OnceLock<Option<Regex>> = OnceLock::new();
static AGE_PHRASE_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// Every label of [`LABELS`] in one regex, the `k{i}` group naming which entry matched: one
/// scan of the text instead of one per entry.
fn label_regex() -> Option<&'static Regex> {
    LABEL_RE
        .get_or_init(|| {
            let words: Vec<String> = LABELS.iter().enumerate().map(|(i, (_, words))| format!("(?P<k{i}>{words})")).collect();
            let compiled = Regex::new(&format!(
                r"(?i)(?:^|\W)(?:{})(?:[ \t]*(?P<note>\([^)\n]{{1,6}}\)))?(?:[ \t]*(?:[:：]|\t)[ \t]*|(?P<gap> {{2,}})|(?P<space> ))",
                words.join("|")
            ));
            debug_assert!(compiled.is_ok(), "the label pattern does not compile");
            compiled.ok()
        })
        .as_ref()
}

/// Every labelled sensitive attribute value in `text`.
pub fn detect(text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    if let Some(re) = label_regex() {
        for caps in re.captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            let Some(kind) = (0..LABELS.len()).find(|i| caps.name(&format!("k{i}")).is_some()).map(|i| LABELS[i].0) else { continue };
            let opens_cell = m.start() == 0 || text.get(m.start()..).is_some_and(|s| s.starts_with(['\n', '\t', '\u{c}', '|', '•']));
            // Without a colon or tab, a label is one by its bracketed note ("Staatsangehörigkeit(en)
            // Belgien", "Gender (F/M)  Male") or, opening its line, by a column gap.
            let (note, gap, space) = (caps.name("note").is_some(), caps.name("gap").is_some(), caps.name("space").is_some());
            if (space && !note) || (gap && !note && !opens_cell) {
                continue;
            }
            // "Public Health: MSc" is a field of study: a health label opens its line or cell.
            if kind == EntityKind::Health && !opens_cell {
                continue;
            }
            if let Some((s, e)) = value_after(text, m.end(), kind) {
                found.push(Entity::new(kind, s, e, 0.9, "attribute"));
            }
        }
    }
    for e in bare_family_status(text).into_iter().chain(religious_groups(text)) {
        if !found.iter().any(|f: &Entity| f.overlaps(&e)) {
            found.push(e);
        }
    }
    if let Some(re) = cached(&AGE_PHRASE_RE, AGE_PHRASE) {
        for caps in re.captures_iter(text) {
            let (Some(whole), Some(age)) = (caps.get(0), caps.get(1).or_else(|| caps.get(2))) else { continue };
            if age.as_str().parse::<u32>().is_ok_and(|a| (14..=99).contains(&a)) {
                found.push(Entity::new(EntityKind::Age, whole.start(), whole.end(), 0.9, "attribute"));
            }
        }
    }
    found
}

/// Religious adjectives in the supported languages, folded ("Christian", "katholische",
/// "musulmane", "católica"…).
const RELIGIOUS: &[&str] = &[
    "christian", "catholic", "protestant", "evangelical", "orthodox", "muslim", "islamic", "jewish", "hindu", "buddhist", "sikh", "lutheran",
    "methodist", "baptist", "anglican", "adventist", "pentecostal", "mormon", "christlich", "christliche", "christlicher", "christliches", "christlichen", "katholischen", "evangelischen", "islamischen", "judischen",
    "katholisch", "katholische", "katholischer", "katholisches", "evangelische", "evangelischer", "evangelisches", "islamische", "islamischer",
    "judische", "judischer", "muslimische", "chretien", "chretienne", "catholique", "evangelique", "musulman", "musulmane", "juive",
    "islamique", "orthodoxe", "cristiano", "cristiana", "catolico", "catolica", "evangelico", "evangelica", "musulmana", "judio", "judia",
    "islamico", "islamica", "cristao", "crista", "judaica", "cattolico", "cattolica", "musulmano", "ebraico", "ebraica",
];
/// Words for a group of believers ("union", "Gemeinde", "aumônerie", "pastoral"…), folded.
const BELIEVERS: &[&str] = &[
    "union", "society", "fellowship", "association", "club", "church", "community", "youth", "students", "student", "group", "ministry",
    "mission", "choir", "congregation", "parish", "chaplaincy", "gemeinde", "jugend", "verein", "kirche", "studentengemeinde",
    "hochschulgemeinde", "studierendengemeinde", "vereinigung", "verband", "gemeinschaft", "communaute", "eglise", "aumonerie", "jeunesse",
    "groupe", "paroisse", "chorale", "asociacion", "comunidad", "iglesia", "juventud", "pastoral", "grupo", "parroquia", "uniao",
    "associacao", "comunidade", "igreja", "juventude", "paroquia", "unione", "associazione", "comunita", "chiesa", "gioventu", "gruppo",
    "parrocchia",
];

/// A membership that tells a religion ("Christian Union", "Katholische Jugend", "Aumônerie
/// catholique", "Comunidad Católica"): the religious word and the group word beside it, either
/// order. A school or a firm named for a faith stays (no group word), and so does a first name
/// ("Christian Weber").
fn religious_groups(text: &str) -> Vec<Entity> {
    // Which list a word is in: 1 religious, 2 believers, 0 neither. ASCII words compare without
    // folding (this runs on every word of the text); others fold first ("Católica").
    let class = |word: &str| -> u8 {
        let is = |list: &[&str]| {
            if word.is_ascii() {
                list.iter().any(|w| w.eq_ignore_ascii_case(word))
            } else {
                let folded = crate::fold::fold(word);
                list.contains(&folded.as_str())
            }
        };
        if !(2..=24).contains(&word.len()) {
            0
        } else if is(RELIGIOUS) {
            1
        } else if is(BELIEVERS) {
            2
        } else {
            0
        }
    };
    let mut words: Vec<(usize, usize, u8)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i, class(text.get(s..i).unwrap_or(""))));
                start = None;
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    for pair in words.windows(2) {
        let [(a, a_end, first), (b, b_end, second)] = pair else { continue };
        let spaced = text.get(*a_end..*b).is_some_and(|gap| !gap.is_empty() && gap.chars().all(|c| c == ' '));
        if spaced && matches!((first, second), (1, 2) | (2, 1)) {
            found.push(Entity::new(EntityKind::Religion, *a, *b_end, 0.85, "attribute"));
        }
    }
    found
}

/// Marital statuses in every supported language, folded, without their "(a)"/"/a"/"(e)" endings.
const MARITAL_VALUES: &[&str] = &[
    "single", "married", "divorced", "widowed", "separated", "ledig", "verheiratet", "geschieden", "verwitwet", "celibataire", "marie",
    "mariee", "divorce", "divorcee", "veuf", "veuve", "pacse", "pacsee", "soltero", "soltera", "casado", "casada", "divorciado", "divorciada",
    "viudo", "viuda", "celibe", "nubile", "coniugato", "coniugata", "sposato", "sposata", "divorziato", "divorziata", "vedovo", "vedova",
    "ongehuwd", "gehuwd", "getrouwd", "gescheiden", "weduwe", "weduwnaar", "solteiro", "solteira", "viuvo", "viuva", "kawaler", "panna",
    "zonaty", "zamezna",
];
/// "2 Kinder", "3 children", "3 kl. Kinder": a number of children filling a cell.
const CHILDREN: &str = r"(?i)^\d{1,2}[ \t]+(?:[\w.]+[ \t]+)?(?:kinder|children|kids|enfants|hijos|hijas|figli|kinderen|filhos|dzieci)$";
static CHILDREN_RE: OnceLock<Option<Regex>> = OnceLock::new();

/// A marital status or a number of children written without a label, as a cell of its own
/// ("Ledig", "Verheiratet, 2 Kinder", "Casado/a"): the words name nothing else in a CV.
fn bare_family_status(text: &str) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split(['\n', '\u{c}']) {
        let mut cell_start = line_start;
        line_start += line.len() + 1;
        for cell in line.split([',', ';', '|', '·', '•', '\t']) {
            let at = cell_start;
            cell_start += cell.len() + 1;
            let trimmed = cell.trim();
            if trimmed.is_empty() || trimmed.len() > 32 {
                continue;
            }
            let folded = crate::fold::fold(trimmed);
            let status = folded.trim_end_matches("(a)").trim_end_matches("(e)").trim_end_matches("/a").trim_end_matches("/e").trim_end_matches("(o)");
            let children = cached(&CHILDREN_RE, CHILDREN).is_some_and(|re| re.is_match(trimmed));
            // "Marie" is a first name; "Marié(e)" the status.
            let accent_needed = matches!(status, "marie" | "mariee") && trimmed.is_ascii();
            if (MARITAL_VALUES.contains(&status) && !accent_needed) || children {
                let s = at + (cell.len() - cell.trim_start().len());
                found.push(Entity::new(EntityKind::MaritalStatus, s, s + trimmed.len(), 0.85, "attribute"));
            }
        }
    }
    found
}

/// The value span after a label ending at `at`.
fn value_after(text: &str, at: usize, kind: EntityKind) -> Option<(usize, usize)> {
    let rest = text.get(at..)?;
    let line_len = rest.find(['\n', '\u{c}']).unwrap_or(rest.len());
    let (mut start, mut line) = (at, rest.get(..line_len)?);
    if line.trim().is_empty() {
        // Two-column table: the value is the next line.
        start = at + line_len + 1;
        let next = text.get(start..)?;
        line = next.get(..next.find(['\n', '\u{c}']).unwrap_or(next.len()))?;
    }
    let lead = line.len() - line.trim_start().len();
    let value = line.trim_start();
    let mut end = value.len();
    for sep in [",", ";", "|", "·", "•", "\t", "  ", " / "] {
        if let Some(i) = value.find(sep) {
            end = end.min(i);
        }
    }
    let value = value.get(..end)?.trim_end_matches(['.', ' ']);
    // A health remark is a phrase ("PcD (pessoa com deficiência auditiva)"); other values are short.
    let (max_words, max_bytes) = if kind == EntityKind::Health { (10, 100) } else { (4, 48) };
    if value.is_empty() || value.split_whitespace().count() > max_words || value.len() > max_bytes {
        return None;
    }
    if kind == EntityKind::Age {
        // "34", "34 Jahre", "34 ans": starts with a plausible age.
        let n: String = value.chars().take_while(char::is_ascii_digit).collect();
        if !n.parse::<u32>().is_ok_and(|a| (14..=99).contains(&a)) {
            return None;
        }
    } else if !value.starts_with(char::is_alphabetic) {
        // A number of children is the one numeric family-status value.
        let children = kind == EntityKind::MaritalStatus && value.len() <= 2 && value.chars().all(|c| c.is_ascii_digit());
        if !children {
            return None;
        }
    }
    let s = start + lead;
    Some((s, s + value.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(EntityKind, &str)> {
        let mut v: Vec<(EntityKind, &str)> = detect(text).iter().map(|e| (e.kind, e.text(text))).collect();
        crate::sort::sort_by_key(&mut v, |(_, s)| s.as_ptr() as usize);
        v
    }

    #[test]
    fn labelled_values_in_every_language() {
        use EntityKind::*;
        for (text, kind, want) in [
            ("Nationality: British", Nationality, "British"),
            ("Staatsangehörigkeit: deutsch", Nationality, "deutsch"),
            ("Nationalité : française", Nationality, "française"),
            ("Nacionalidad: Española", Nationality, "Española"),
            ("Nazionalità: italiana", Nationality, "italiana"),
            ("Nationaliteit: Nederlandse", Nationality, "Nederlandse"),
            ("Nacionalidade: brasileira", Nationality, "brasileira"),
            ("Obywatelstwo: polskie", Nationality, "polskie"),
            ("Marital status: Married", MaritalStatus, "Married"),
            ("Situation de famille : célibataire", MaritalStatus, "célibataire"),
            ("Estado civil: casado", MaritalStatus, "casado"),
            ("Stan cywilny: kawaler", MaritalStatus, "kawaler"),
            ("Religion: Catholic", Religion, "Catholic"),
            ("Konfession: evangelisch", Religion, "evangelisch"),
            ("Gender: Female", Gender, "Female"),
            ("Sexe : F", Gender, "F"),
            ("Geschlecht: männlich", Gender, "männlich"),
            ("Płeć: kobieta", Gender, "kobieta"),
            ("Age: 34", Age, "34"),
            ("Alter: 34 Jahre", Age, "34 Jahre"),
            ("Âge : 28 ans", Age, "28 ans"),
            ("Edad: 41 años", Age, "41 años"),
            ("34 years old", Age, "34 years old"),
            ("Geburtsort: Grimmen", PlaceOfBirth, "Grimmen"),
            ("Lugar de nacimiento: Santa Cruz de Tenerife", PlaceOfBirth, "Santa Cruz de Tenerife"),
            ("Kinder: 3", MaritalStatus, "3"),
            ("Pronouns: he/him", Gender, "he/him"),
            ("âgée de 29 ans", Age, "âgée de 29 ans"),
            ("Familienstand:\nledig", MaritalStatus, "ledig"),
            ("Gesundheit: Schwerbehindert (GdB 50)", Health, "Schwerbehindert (GdB 50)"),
            ("Saúde\tPcD (pessoa com deficiência auditiva)", Health, "PcD (pessoa com deficiência auditiva)"),
            ("Disability: none", Health, "none"),
            ("Staatsangehörigkeit(en) Belgien", Nationality, "Belgien"),
            ("Geburtsdatum 1. Mai 1990 | Nationality(-ies) Irish", Nationality, "Irish"),
            ("GENDER (F/M)  MALE", Gender, "MALE"),
            ("NATIONALITY  CHILEAN", Nationality, "CHILEAN"),
            ("Ledig", MaritalStatus, "Ledig"),
            ("Casado/a", MaritalStatus, "Casado/a"),
            ("E-Mail: a@b.de\nMarié(e)\n", MaritalStatus, "Marié(e)"),
            ("3 enfants", MaritalStatus, "3 enfants"),
        ] {
            assert_eq!(found(text), vec![(kind, want)], "{text}");
        }
    }

    #[test]
    fn a_status_and_children_in_one_field() {
        let m = EntityKind::MaritalStatus;
        assert_eq!(found("Familienstand: verheiratet, 2 Kinder"), vec![(m, "verheiratet"), (m, "2 Kinder")]);
        assert_eq!(found("Verheiratet, 3 kl. Kinder"), vec![(m, "Verheiratet"), (m, "3 kl. Kinder")]);
        assert!(found("Marie\nAnne").is_empty());
    }

    #[test]
    fn prose_and_other_numbers_are_refused() {
        for text in [
            "sex discrimination law", "Age of Empires", "Image: 12", "Page: 3", "Usage: 45 units", "Storage: 500 GB",
            "Age: 5", "10 years of experience", "5 ans d'expérience", "Voltage: 230 V", "Gender studies: BA",
            "Heritage: 34", "Public Health: MSc", "Single sign-on, OAuth", "taught 30 children", "married to the job", "age  limits apply",
            "Gender (studies) research", "Married 2019 in Berlin",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn a_membership_that_tells_a_religion() {
        let found = |text: &str| detect(text).into_iter().filter(|e| e.kind == EntityKind::Religion).map(|e| text[e.start..e.end].to_string()).collect::<Vec<_>>();
        assert_eq!(found("Treasurer of the Northfield Christian Fellowship (2019)"), ["Christian Fellowship"]);
        assert_eq!(found("Mitglied der Katholischen Jugend\nLeiterin, Evangelische Studierendengemeinde"), ["Katholischen Jugend", "Evangelische Studierendengemeinde"]);
        assert_eq!(found("Bénévole, Aumônerie catholique du lycée"), ["Aumônerie catholique"]);
        assert_eq!(found("Coordinadora, Comunidad Católica Universitaria"), ["Comunidad Católica"]);
        // A first name, a school named for a faith, or the word alone tell nothing.
        assert!(found("Christian Weber, Referent\nCatholic University of Example\nChristian values").is_empty());
    }
}
