//! Words around other people's names: role cues, honorifics, name particles, and the words of
//! publication venues that look like names but are not.
//!
//! A CV names other people after a small, closed set of words in every language: the role of
//! the person ("Supervisor:", "Betreuer:", "directeur de thèse :", "orientador:"), a relation
//! ("son of", "fille de", "Father's Name:") or an honorific ("Dr.", "Prof.", "Frau"). Entries are
//! [`fold`](crate::fold::fold)ed, apostrophes dropped ("father's" → "fathers"); phrases are
//! words joined by single spaces.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Roles whose holder's name follows a colon or "by"/"de"/"von"…: "Supervisors: …",
/// "Betreut von …". Alone, or before a dash, they are often job titles ("IT Director – Cloud"),
/// so the name must come after such a mark.
#[rustfmt::skip]
pub const ROLE_CUES: &[&str] = &[
    // en
    "supervisor", "supervisors", "co-supervisor", "co-supervisors", "cosupervisor", "advisor", "advisors",
    "adviser", "advisers", "co-advisor", "thesis advisor", "thesis supervisor", "doctoral advisor",
    "referee", "referees", "reference", "references", "mentor", "mentors", "tutor", "tutors",
    "collaborator", "collaborators", "co-author", "co-authors", "coauthor", "coauthors", "promoter",
    "director", "thesis director", "contact person", "principal investigator", "chercheur principal",
    "chercheuse principale", "investigador principal", "investigadora principal", "pesquisador principal",
    "pesquisadora principal", "ricercatore principale",
    "father", "mother", "fathers name", "mothers name", "father name", "mother name", "husband", "wife",
    "husbands name", "spouse", "spouses name", "guardian", "guardians name", "parent", "parents",
    "principal", "visitor", "visitors", "guest", "guests", "instructor", "lecturer", "examiner",
    "organizer", "organiser", "speaker", "chair", "chairman", "chairwoman",
    // de
    "betreuer", "betreuerin", "betreuung", "erstbetreuer", "zweitbetreuer", "doktorvater", "doktormutter",
    "gutachter", "gutachterin", "erstgutachter", "zweitgutachter", "referenz", "referenzen",
    "ansprechpartner", "ansprechpartnerin", "kontaktperson", "mentorin", "vater", "mutter",
    "name des vaters", "name der mutter", "ehemann", "ehefrau", "ehepartner",
    "gast", "besucher", "dozent", "dozentin", "prufer", "pruferin", "veranstalter",
    "vorsitzender", "vorsitzende", "ausbilder", "ausbilderin",
    // fr
    "superviseur", "superviseurs", "superviseure", "directeur", "directrice", "codirecteur",
    "codirectrice", "co-directeur", "co-directrice", "directeur de these", "directrice de these",
    "directeurs de these", "directeur de recherche", "encadrant", "encadrante", "encadrants",
    "co-encadrant", "co-encadrante", "tuteur", "tutrice", "maitre de stage", "referent", "referente",
    "rapporteur", "rapporteurs", "personne de contact", "personne a contacter", "pere", "mere", "epoux",
    "epouse", "conjoint", "conjointe",
    "visiteur", "visiteuse", "invite", "invitee", "examinateur", "examinatrice", "organisateur",
    "organisatrice", "intervenant", "intervenante", "formateur", "formatrice", "president", "presidente",
    // es
    "supervisora", "directora", "director de tesis", "directora de tesis", "codirector", "codirectora",
    "tutora", "asesor", "asesora", "referencia", "referencias", "persona de contacto", "padre", "madre",
    "esposo", "esposa", "conyuge",
    "visitante", "invitado", "invitada", "examinador", "examinadora", "organizador",
    "organizadora", "ponente", "instructora", "presidenta",
    // pt
    "orientador", "orientadora", "coorientador", "coorientadora", "co-orientador", "co-orientadora",
    "referencias", "pessoa de contato", "pessoa de contacto", "pai", "mae", "nome do pai", "nome da mae",
    "convidado", "convidada", "palestrante",
    // it
    "relatore", "relatrice", "correlatore", "correlatrice", "supervisore", "referenze", "persona di riferimento",
    "persona di contatto", "marito", "moglie", "coniuge",
    "ospite", "visitatore", "visitatrice", "esaminatore", "organizzatore", "organizzatrice", "docente",
    // nl
    "begeleider", "begeleiders", "promotor", "copromotor", "referentie", "referenties", "contactpersoon",
    "vader", "moeder", "echtgenoot", "echtgenote",
    "bezoeker", "examinator", "organisator", "spreker", "docent", "voorzitter",
    // pl
    "opiekun", "opiekun naukowy", "referencje", "ojciec", "matka",
];

/// Phrases after which a name follows directly: "supervised by …", "fille de …".
#[rustfmt::skip]
pub const RELATION_CUES: &[&str] = &[
    // "S/O", "D/O", "W/O" of South Asian CVs' family details, tokenised "s / o".
    "s / o", "d / o", "w / o",
    "son of", "daughter of", "wife of", "husband of", "supervised by", "advised by", "co-supervised by",
    "under the supervision of", "in collaboration with", "mentored by", "coached by", "reporting to",
    "reported to", "reports to", "under the guidance of", "under the mentorship of", "assistant to", "pa to",
    "sohn von", "tochter von", "betreut von", "betreut durch", "unter der leitung von", "unter anleitung von",
    "fils de", "fille de", "sous la direction de", "encadre par", "encadree par", "dirige par", "dirigee par",
    "sous la supervision de", "sous la tutelle de",
    // Letters of recommendation: "recommended by Jane Roe", "Empfehlungsschreiben von …".
    "recommended by", "recommendation by", "recommendation from", "empfohlen von", "empfehlung von",
    "empfehlungsschreiben von", "recommande par", "recommandee par", "recommandation de", "recomendado por",
    "recomendada por", "carta de recomendacion de", "raccomandato da", "raccomandata da", "aanbevolen door",
    "hijo de", "hija de", "dirigido por", "dirigida por", "bajo la direccion de", "tutorizado por",
    "bajo la supervision de", "supervisado por", "supervisada por",
    "filho de", "filha de", "orientado por", "orientada por", "sob orientacao de", "sob a orientacao de",
    "sob supervisao de", "sob a supervisao de", "supervisionado por", "supervisionada por",
    "figlio di", "figlia di", "sotto la supervisione di", "sotto la guida di", "sotto la direzione di",
    "zoon van", "dochter van", "begeleid door", "onder begeleiding van",
];

/// Words that may stand between a role cue and the name: "Supervised by", "Betreut von".
pub const CUE_LINKS: &[&str] = &["by", "von", "durch", "de", "par", "por", "da", "di", "door", "is", "was"];

/// Possessive words before a role cue that make a comma after it open a name: "my mentor, Jane
/// Doe", "mon directeur, …", "mi tutor, …" (a job header "Supervisor, Acme Foods" has none).
pub const CUE_POSSESSIVES: &[&str] = &[
    "my", "his", "her", "our", "their", "mein", "meine", "meinem", "meiner", "meinen", "mon", "ma", "mes", "notre",
    "mi", "mis", "nuestro", "nuestra", "mio", "mia", "mijn", "onze", "meu", "minha",
];

/// Words opening a role named between a cue and the person: "reporting to the CFO, Jane Roe".
pub const ROLE_DETERMINERS: &[&str] = &["the", "my", "our", "his", "her", "their"];

/// "with" in the supported languages, before a colleague's name: "worked with Jane Roe (CFO)".
pub const WITH_WORDS: &[&str] = &["with", "mit", "avec", "con", "com", "met", "alongside"];

/// Honorifics written before a name: forms of address, and the academic and professional titles
/// used as such in references and family details ("Ing.", "Lic.", "Mag.", "Dipl.-Ing.", "Arq.",
/// "Shri", "Smt.").
pub const HONORIFICS: &[&str] = &[
    "dr", "dra", "prof", "profa", "pr", "mr", "mrs", "ms", "mme", "mlle", "herr", "frau", "dott", "dottssa", "sig", "sra", "srta",
    "sr", "dhr", "mevr", "m", "ing", "lic", "licda", "mag", "arq", "abog", "eng", "dipl.-ing", "dr.-ing", "drs", "ir", "shri", "smt",
];

/// Honorifics that are also common words or abbreviations of something else unless a dot
/// follows them ("Pr" of a pull request, "Sig" of a signal). The French "M." (monsieur) is also an
/// initial: the person detector reads it as an honorific only where no name word comes before it
/// and no abbreviation after it ("Jane M. Doe", "M. Sc.").
/// The titles are words too ("Mag" of a magazine, "Eng" of English, "Sr" of senior).
pub const HONORIFICS_NEEDING_DOT: &[&str] = &[
    "pr", "sig", "dott", "dottssa", "sra", "srta", "dra", "profa", "m", "sr", "ing", "lic", "licda", "mag", "arq", "abog", "eng", "drs", "ir",
];

/// Titles that also name a degree ("Mag. Rechtswissenschaften", "Ing. Industrial"): a full name
/// must follow them, a lone capitalised word is the degree's subject.
pub const DEGREE_TITLES: &[&str] = &["ing", "lic", "licda", "mag", "arq", "abog", "eng", "dipl.-ing", "drs", "ir"];

/// Dotted titles also written in lowercase before a name ("Mevr. drs. Anouk …", "ir. Jan …").
pub const LOWERCASE_HONORIFICS: &[&str] = &["drs", "ir", "mr", "dr", "ing", "dott"];

/// Lowercase particles inside names: "Ludwig van Beethoven", "Ana de la Cruz".
pub const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "do", "dos", "du", "del", "della", "degli", "di", "la", "le", "ter",
    "ten", "zu", "bin", "ibn", "al", "el", "y",
];

/// Capitalised words that start titles and venues rather than names, in the supported languages:
/// articles and prepositions, and the words publication venues are named with.
#[rustfmt::skip]
pub const NOT_NAME_WORDS: &[&str] = &[
    "the", "a", "an", "in", "on", "of", "and", "for", "with", "at", "by", "to", "from", "via", "towards",
    "der", "die", "das", "ein", "eine", "und", "fur", "mit", "zur", "zum", "im", "am",
    "le", "la", "les", "un", "une", "des", "et", "pour", "avec", "sur", "dans", "au", "aux",
    "el", "los", "las", "una", "y", "para", "con", "en", "sobre", "il", "lo", "gli", "uno", "per",
    "het", "een", "voor", "met", "op", "o", "os", "um", "uma", "com", "na", "no",
    "journal", "proceedings", "conference", "symposium", "workshop", "congress", "review", "letters",
    "transactions", "bulletin", "annals", "annual", "advances", "frontiers", "science", "sciences", "nature",
    "society", "press", "international", "research", "report", "reports", "series", "chapter", "volume",
    "vol", "issue", "pages", "edition", "thesis", "dissertation", "preprint", "abstract", "poster", "talk",
    "zeitschrift", "tagung", "konferenz", "revue", "actes", "congres", "colloque", "revista", "congreso",
    "actas", "anais", "rivista", "atti", "congresso", "tijdschrift", "verslag", "publications", "publication",
    "accepted", "submitted", "published", "forthcoming", "et", "al",
    // Software and places named like people after an honorific-looking "MS"/"Ms.".
    "office", "word", "excel", "windows", "teams", "project", "access", "outlook",
];

/// Whether a folded word opens a role or relation cue: most words do not, and a line's words are
/// checked against the cues only past this test.
pub fn opens_cue(word: &str) -> bool {
    static FIRST_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    FIRST_WORDS
        .get_or_init(|| ROLE_CUES.iter().chain(RELATION_CUES).filter_map(|c| c.split(' ').next()).collect())
        .contains(word)
}

/// Whether a folded word is one of these lists' single words that no name is made of: a
/// capitalised title or venue word, an honorific, a one-word role cue.
pub fn is_not_name_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| NOT_NAME_WORDS.iter().chain(HONORIFICS).chain(ROLE_CUES).copied().filter(|w| !w.contains(' ')).collect()).contains(word)
}

/// Whether folded phrase words `words` start with `phrase` (words joined by spaces).
pub fn starts_with_phrase(words: &[String], phrase: &str) -> Option<usize> {
    let mut n = 0;
    for part in phrase.split(' ') {
        if words.get(n).map(String::as_str) != Some(part) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn entries_are_folded_and_phrases_match_word_by_word() {
        for list in [ROLE_CUES, RELATION_CUES, CUE_LINKS, CUE_POSSESSIVES, ROLE_DETERMINERS, WITH_WORDS, HONORIFICS, HONORIFICS_NEEDING_DOT, LOWERCASE_HONORIFICS, DEGREE_TITLES, PARTICLES, NOT_NAME_WORDS] {
            for entry in list {
                assert_eq!(&fold(entry), entry, "{entry} is not folded");
                assert!(!entry.contains('\''), "{entry}");
            }
        }
        let words: Vec<String> = ["directeur", "de", "these", "x"].iter().map(|s| s.to_string()).collect();
        assert_eq!(starts_with_phrase(&words, "directeur de these"), Some(3));
        assert_eq!(starts_with_phrase(&words, "directeur de recherche"), None);
        assert!(opens_cue("directeur") && opens_cue("son") && !opens_cue("these"));
        assert!(is_not_name_word("journal") && is_not_name_word("prof") && is_not_name_word("betreuer") && !is_not_name_word("lindqvist"));
    }
}
