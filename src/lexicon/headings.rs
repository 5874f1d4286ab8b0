//! Section-heading vocabulary in eight languages.
//!
//! A heading is a short phrase made of *key words* ("experience", "Berufserfahrung", "idiomas")
//! and *filler words* ("professional", "and", "de", "zawodowe"). Listing words rather than whole
//! phrases covers the many ways people combine them ("Relevant Work Experience", "Experiencia
//! profesional y prácticas") without enumerating every phrase. When a phrase holds key words of
//! several kinds, the most specific kind wins ([`PRIORITY`]): "Language Skills" is Languages,
//! "Volunteer Experience" Volunteer, "Career Objective" Summary, "Work Experience" Experience.
//! German compounds are matched by suffix ("…kenntnisse", "…erfahrung").

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a section is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    /// Lines before the first heading (name, title, often contacts).
    Header,
    Contact,
    Summary,
    Experience,
    Education,
    Skills,
    Languages,
    Certificates,
    Projects,
    Awards,
    Publications,
    Volunteer,
    References,
    Interests,
    Personal,
    /// A heading the lexicon does not know.
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 16] = [
        SectionKind::Header,
        SectionKind::Contact,
        SectionKind::Summary,
        SectionKind::Experience,
        SectionKind::Education,
        SectionKind::Skills,
        SectionKind::Languages,
        SectionKind::Certificates,
        SectionKind::Projects,
        SectionKind::Awards,
        SectionKind::Publications,
        SectionKind::Volunteer,
        SectionKind::References,
        SectionKind::Interests,
        SectionKind::Personal,
        SectionKind::Other,
    ];

    /// Lowercase name, as in the synthetic data's gold `sections[].kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Header => "header",
            SectionKind::Contact => "contact",
            SectionKind::Summary => "summary",
            SectionKind::Experience => "experience",
            SectionKind::Education => "education",
            SectionKind::Skills => "skills",
            SectionKind::Languages => "languages",
            SectionKind::Certificates => "certifications",
            SectionKind::Projects => "projects",
            SectionKind::Awards => "awards",
            SectionKind::Publications => "publications",
            SectionKind::Volunteer => "volunteer",
            SectionKind::References => "references",
            SectionKind::Interests => "interests",
            SectionKind::Personal => "personal",
            SectionKind::Other => "other",
        }
    }
}

/// Kinds in the order they win when one heading names several. Education comes before
/// certificates: a section named for both ("Aus- und Weiterbildung") holds degrees, which only
/// the education reader finds.
pub const PRIORITY: [SectionKind; 15] = [
    SectionKind::Languages,
    SectionKind::Volunteer,
    SectionKind::Publications,
    SectionKind::Awards,
    SectionKind::Education,
    SectionKind::Certificates,
    SectionKind::Projects,
    SectionKind::References,
    SectionKind::Interests,
    SectionKind::Contact,
    SectionKind::Summary,
    SectionKind::Skills,
    SectionKind::Personal,
    SectionKind::Experience,
    SectionKind::Other,
];

/// Folded key words per kind (exact word match).
#[rustfmt::skip]
const KEY_WORDS: &[(SectionKind, &[&str])] = &[
    (SectionKind::Experience, &[
        "experience", "experiences", "employment", "work", "career", "background", "werdegang", "laufbahn",
        "erfahrung", "taetigkeiten", "tatigkeiten", "parcours", "emplois", "experiencia", "experiencias",
        "trayectoria", "esperienza", "esperienze", "ervaring", "werkervaring", "loopbaan", "historico",
        "doswiadczenie", "kariery", "kariera", "internships", "internship", "praktika", "praxis", "travail", "carriere",
        "antecedentes", "stages",
        // sv, no, da
        "arbetslivserfarenhet", "erfarenhet", "arbeidserfaring", "erhvervserfaring", "erfaring", "yrkeserfaring",
    ]),
    (SectionKind::Education, &[
        "education", "educational", "academic", "academics", "qualifications", "training", "studies", "schooling",
        "ausbildung", "bildungsweg", "studium", "schulbildung", "bildung", "formation", "etudes", "diplomes",
        "formacion", "educacion", "estudios", "istruzione", "formazione", "opleiding", "opleidingen", "onderwijs",
        "formacao", "educacao", "wyksztalcenie", "edukacja", "qualification", "schulischer", "schulische",
        "akademischer", "akademische", "scolarite", "scolaire", "scolaires", "escolaridad", "escolaridade",
        "formations", "utbildning", "utdanning", "uddannelse",
    ]),
    (SectionKind::Skills, &[
        "skills", "skill", "competencies", "competences", "competence", "expertise", "abilities", "proficiencies",
        "technologies", "kenntnisse", "fahigkeiten", "faehigkeiten", "kompetenzen", "savoir", "habilidades",
        "competencias", "conocimientos", "competenze", "capacita", "vaardigheden", "competenties", "kennis",
        "conhecimentos", "umiejetnosci", "kompetencje",
        "strengths", "starken", "staerken", "fortalezas", "kompetenser", "kompetanse", "kompetencer", "faerdigheder",
    ]),
    (SectionKind::Languages, &[
        "languages", "language", "sprachen", "sprachkenntnisse", "langues", "idiomas", "lingue", "linguistiche",
        "talen", "talenkennis", "jezyki", "sprache",
        "sprak", "sprog",
    ]),
    (SectionKind::Certificates, &[
        "certifications", "certification", "certificates", "certificate", "licenses", "licences", "license",
        "courses", "zertifikate", "zertifizierungen", "weiterbildungen", "weiterbildung", "fortbildungen", "fortbildung",
        "certificaciones", "cursos", "certificazioni", "corsi", "certificaten", "cursussen", "certificacoes",
        "certyfikaty", "kursy", "szkolenia", "perfectionnement",
    ]),
    (SectionKind::Projects, &[
        "projects", "project", "projekte", "projets", "proyectos", "progetti", "projecten", "projetos", "projekty",
        "portfolio",
    ]),
    (SectionKind::Awards, &[
        "awards", "award", "honors", "honours", "achievements", "accomplishments", "scholarships", "auszeichnungen",
        "preise", "distinctions", "prix", "premios", "premi", "riconoscimenti", "prijzen", "nagrody",
        // Grants and funding: won, not worked for.
        "grants", "grant", "funding", "fellowships", "fellowship", "scholarship", "prizes", "recognition",
        "financements", "financement", "bourses", "bourse", "subventions", "honneurs", "stipendien", "stipendium",
        "ehrungen", "becas", "beca", "subvenciones", "financiacion", "reconocimientos", "distinciones", "bolsas",
        "financiamento", "reconhecimentos", "borse", "finanziamenti", "beurzen", "onderscheidingen",
        // Memberships: belonging, not employment.
        "memberships", "membership", "affiliations", "associations", "mitgliedschaften", "adhesions",
        "afiliaciones", "membresias", "afiliacoes", "affiliazioni", "lidmaatschappen",
    ]),
    (SectionKind::Publications, &[
        "publications", "publication", "papers", "presentations", "veroffentlichungen", "veroeffentlichungen",
        "publikationen", "publicaciones", "pubblicazioni", "publicaties", "publicacoes", "publikacje",
    ]),
    (SectionKind::Volunteer, &[
        "volunteer", "volunteering", "voluntary", "involvement", "ehrenamt", "ehrenamtliches", "engagement",
        "benevolat", "voluntariado", "volontariato", "vrijwilligerswerk", "wolontariat", "outreach", "volontariat",
        "ehrenamtliche",
    ]),
    (SectionKind::References, &[
        "references", "referees", "referenzen", "referencias", "referenze", "referenties", "referencje",
        "referenser", "referanser", "referencer",
    ]),
    (SectionKind::Interests, &[
        "interests", "hobbies", "hobby", "activities", "interessen", "hobbys", "loisirs", "interet", "interets",
        "intereses", "aficiones", "interessi", "interesses", "zainteresowania", "pasje",
        "nevenactiviteiten", "intressen", "fritidsintressen", "interesser",
    ]),
    (SectionKind::Personal, &[
        "personal", "personliche", "persoenliche", "person", "civil", "personnelles", "personales", "personali",
        "persoonlijke", "personalia", "pessoais", "osobowe", "osobiste", "personalien", "personnels", "pessoal",
        // The signed statement closing many Indian and some French CVs ("Declaration", "Déclaration
        // sur l'honneur"): a place, a date and the name follow, no career content.
        "declaration",
    ]),
    (SectionKind::Contact, &[
        "contact", "contacts", "kontakt", "coordonnees", "contacto", "contatti", "contactgegevens", "contato",
        "kontaktowe",
    ]),
    (SectionKind::Summary, &[
        "summary", "profile", "profil", "about", "objective", "objectives", "statement", "overview", "kurzprofil",
        "zusammenfassung", "propos", "objectif", "perfil", "resumen", "sobre", "profilo", "chi", "profiel",
        "samenvatting", "resumo", "objetivo", "podsumowanie", "mnie", "mij", "mich", "sommaire",
    ]),
];

/// German compound endings (checked after exact words; the first match wins).
const KEY_SUFFIXES: &[(&str, SectionKind)] = &[
    ("sprachkenntnisse", SectionKind::Languages),
    ("sprache", SectionKind::Languages),
    ("kenntnisse", SectionKind::Skills),
    ("kompetenzen", SectionKind::Skills),
    ("erfahrung", SectionKind::Experience),
    ("erfahrungen", SectionKind::Experience),
    ("praxis", SectionKind::Experience),
    ("tatigkeiten", SectionKind::Experience),
    ("taetigkeiten", SectionKind::Experience),
    ("ausbildung", SectionKind::Education),
];

/// Folded words that may accompany key words in a heading.
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "and", "of", "the", "my", "in", "on", "for", "key", "core", "technical", "tech", "professional", "additional",
    "other", "relevant", "selected", "recent", "areas", "area", "history", "details", "information", "info", "data",
    "general", "main", "it", "edv", "computer", "software", "soft", "hard", "leadership", "extracurricular",
    "campus", "me", "highlights", "i", "y", "e", "et", "o", "u", "a", "w", "z", "s", "d", "l", "und", "en", "de",
    "del", "la", "le", "les", "des", "du", "zur", "zum", "der", "die", "das", "von", "para", "di", "della", "dell",
    "van", "het", "oraz", "professionnel", "professionnelle", "professionnels", "professionnelles", "profesional",
    "profesionales", "professionale", "professionali", "professionele", "profissional", "profissionais", "zawodowe",
    "zawodowy", "zawodowa", "beruflicher", "berufliche", "beruflich", "techniques", "technique", "tecnicas",
    "tecnicos", "tecniche", "informaticos", "informatiques", "academica", "academico", "accademica",
    "complementares", "lavorative", "lavorativa", "laboral", "laborales", "obce", "angaben", "etat", "centres",
    "centros", "faire", "sono", "mi", "mim", "over", "przebieg", "dane", "datos", "dati", "dados",
    "informations", "informacion", "informazioni", "informacoes", "informacje", "gegevens", "informatie", "top", "daten", "praktische",
    "practical", "practicas", "continuing", "further", "stack", "tools", "pertinent", "pertinents", "pertinente",
    "pertinentes", "relevantes", "cles", "techniczne", "uber", "donnees", "renseignements", "informacao", "champs",
    "weitere", "n", "competitive", "invited", "teaching", "research", "selectionnes", "selectionnees",
    "ausgewahlte", "ausgewaehlte", "seleccionados", "seleccionadas", "selecionados", "selecionadas", "selezionati",
    "selezionate", "geselecteerde", "enseignement", "docencia", "insegnamento", "ensino",
    // The Europass CV's headings ("Digital skills", "About myself", "Organisational skills",
    // "Communication and interpersonal skills", "Job-related skills") in its languages.
    "digital", "digitale", "digitales", "digitali", "digitais", "numeriques", "cyfrowe", "myself",
    "organisational", "organizational", "organisationale", "organizativas", "organizzative", "organisatorische",
    "communication", "interpersonal", "communicative", "comunicative", "comunicativas", "job", "related",
    "community", "soziales", "sociales", "social", "sociale", "sociaal", "extra", "extracurriculares",
    "extracurriculaires", "extracurriculari",
    // "Languages Known", "Languages Spoken" (Indian and many English-language CVs).
    "known", "spoken",
];

/// Folded names of programming languages: "Languages: Python, Java" in a technical CV lists
/// skills, not spoken languages.
#[rustfmt::skip]
const PROGRAMMING_LANGUAGES: &[&str] = &[
    "python", "java", "javascript", "typescript", "c", "c++", "c#", "go", "golang", "rust", "ruby", "php", "swift",
    "kotlin", "scala", "r", "sql", "matlab", "perl", "bash", "shell", "haskell", "julia", "dart", "lua", "html",
    "css", "html5", "css3", "fortran", "cobol", "vba", "assembly", "objective-c", "elixir", "erlang", "clojure",
    "f#", "groovy", "solidity", "latex", "sas", "stata", "powershell", "vb.net", "visual basic", "delphi", "pascal",
    "prolog", "lisp", "ocaml", "zig", "verilog", "vhdl", "labview", "abap", "apex", "pl/sql", "t-sql", "nosql",
    "json", "xml", "yaml", "graphql", "sh", "js", "ts", "es6", "java ee", "jee", "c/c++", "node.js", "nodejs",
];

/// True when at least half of the comma-, slash- or pipe-separated values name programming
/// languages.
pub fn lists_programming_languages(values: &str) -> bool {
    let items: Vec<String> = values.split([',', ';', '|', '/', '·', '•']).map(|v| crate::fold::fold(v.trim().trim_end_matches('.'))).filter(|v| !v.is_empty()).collect();
    let named = items.iter().filter(|v| PROGRAMMING_LANGUAGES.contains(&v.as_str())).count();
    !items.is_empty() && named * 2 >= items.len()
}

/// Folded words that title a CV in the supported languages ("Curriculum Vitae", "Lebenslauf",
/// "Hoja de vida", "Życiorys"): no one is called that.
const DOCUMENT_TITLE_WORDS: [&str; 10] = ["cv", "resume", "curriculum", "vitae", "lebenslauf", "curriculo", "zyciorys", "levensloop", "hoja", "meritforteckning"];

/// True when one of the folded `words` titles a CV.
pub fn titles_the_document(words: &[String]) -> bool {
    words.iter().any(|w| DOCUMENT_TITLE_WORDS.contains(&w.as_str()))
}

/// The kind of section a folded word names, if it is a key word.
pub fn key_word_kind(word: &str) -> Option<SectionKind> {
    // Asked of every word of every short line: one hash lookup, the first listed kind winning.
    static BY_WORD: LazyLock<HashMap<&'static str, SectionKind>> = LazyLock::new(|| super::first_listed(KEY_WORDS));
    BY_WORD
        .get(word)
        .copied()
        .or_else(|| {
            KEY_SUFFIXES
                .iter()
                .find(|(suffix, _)| word.ends_with(suffix))
                .map(|(_, kind)| *kind)
        })
}

pub fn is_filler(word: &str) -> bool {
    static FILLER_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| FILLERS.iter().copied().collect());
    FILLER_SET.contains(word) || word.chars().all(|c| c.is_ascii_digit())
}

/// Most words a heading phrase may have.
pub const MAX_HEADING_WORDS: usize = 6;

/// The kind named by a phrase of folded words made only of key and filler words, or `None`.
pub fn phrase_kind(words: &[String]) -> Option<SectionKind> {
    let rank = |k: &SectionKind| PRIORITY.iter().position(|p| p == k).unwrap_or(PRIORITY.len());
    phrase_kinds(words)?.into_iter().min_by_key(rank)
}

/// Every kind a phrase of folded words names ("Formation & expériences professionnelles":
/// Education and Experience), or `None` when it is no heading phrase.
pub fn phrase_kinds(words: &[String]) -> Option<Vec<SectionKind>> {
    if words.is_empty() || words.len() > MAX_HEADING_WORDS {
        return None;
    }
    let mut kinds: Vec<SectionKind> = Vec::new();
    let mut study_nouns = false;
    for (i, word) in words.iter().enumerate() {
        let elided = || elided_compound(word, words.get(i + 1)?, words.get(i + 2)?);
        match key_word_kind(word).or_else(elided) {
            Some(kind) => {
                study_nouns |= kind == SectionKind::Education && !STUDY_ADJECTIVES.contains(&word.as_str());
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
            None if is_filler(word) => {}
            None => return None,
        }
    }
    // "Academic Projects", "Academic Achievements": the adjective says where, the noun what.
    if !study_nouns && kinds.iter().any(|k| !matches!(k, SectionKind::Education | SectionKind::Experience)) {
        kinds.retain(|k| *k != SectionKind::Education);
    }
    (!kinds.is_empty()).then_some(kinds)
}

/// Education key words that are adjectives: alone they head studies ("Academic", "Schulische
/// Ausbildung" has its noun), beside another kind's noun they only qualify it.
const STUDY_ADJECTIVES: &[&str] = &["academic", "educational", "akademischer", "akademische", "schulischer", "schulische", "scolaire", "scolaires"];

/// Experience key words that name a path of any kind ("Academic Background", "Parcours
/// scolaire", "Schulischer Werdegang"): with a school word they head studies, not jobs.
const PATH_WORDS: &[&str] = &["background", "parcours", "werdegang", "laufbahn", "trayectoria", "career", "carriere", "loopbaan", "historico", "antecedentes"];

/// True when a heading names studies and jobs both ("Formation & expériences professionnelles"),
/// by a word that means work and not only a path.
pub fn names_studies_and_jobs(words: &[String]) -> bool {
    let kinds = phrase_kinds(words).unwrap_or_default();
    let work_words: Vec<String> = words.iter().filter(|w| !PATH_WORDS.contains(&w.as_str())).cloned().collect();
    let work_kinds = phrase_kinds(&work_words).unwrap_or_default();
    kinds.contains(&SectionKind::Education) && work_kinds.contains(&SectionKind::Experience)
}

/// The kind of a compound whose head was elided before a conjunction: "Aus-" in "Aus- und
/// Weiterbildung" is "Ausbildung", completed with a tail of the word after the conjunction.
fn elided_compound(word: &str, conjunction: &str, next: &str) -> Option<SectionKind> {
    if !matches!(conjunction, "und" | "u" | "oder" | "and" | "or" | "et" | "y" | "e" | "en") || word.len() < 2 {
        return None;
    }
    (1..next.len().saturating_sub(3)).filter_map(|at| next.get(at..)).find_map(|tail| {
        let whole = format!("{word}{tail}");
        KEY_WORDS.iter().find(|(_, words)| words.contains(&whole.as_str())).map(|(kind, _)| *kind)
    })
}

/// The kind named by letters whose word breaks were lost ("PROFESSIONALSUMMARY" from
/// letter-spaced "P R O F E S S I O N A L S U M M A R Y"): split them into key and filler words of
/// at least two letters, then read the words as a phrase.
pub fn run_together_kind(letters: &str) -> Option<SectionKind> {
    let chars: Vec<char> = crate::fold::fold(letters).chars().filter(|c| c.is_alphanumeric()).collect();
    if chars.len() < 2 || chars.len() > 60 {
        return None;
    }
    let known = |w: &str| key_word_kind(w).is_some() || (w.chars().count() >= 2 && is_filler(w));
    // split[i] = start of the last word of a segmentation of chars[..i].
    let mut split: Vec<Option<usize>> = vec![None; chars.len() + 1];
    for end in 2..=chars.len() {
        for start in (0..end.saturating_sub(1)).rev() {
            if (start == 0 || split.get(start).copied().flatten().is_some())
                && chars.get(start..end).is_some_and(|w| known(&w.iter().collect::<String>()))
            {
                if let Some(slot) = split.get_mut(end) {
                    *slot = Some(start);
                }
                break;
            }
        }
    }
    let mut words = Vec::new();
    let mut end = chars.len();
    while end > 0 {
        let start = split.get(end).copied().flatten()?;
        words.push(chars.get(start..end)?.iter().collect::<String>());
        end = start;
    }
    words.reverse();
    phrase_kind(&words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::folded_words;

    fn kind(s: &str) -> Option<SectionKind> {
        phrase_kind(&folded_words(s))
    }

    #[test]
    fn headings_in_eight_languages() {
        assert_eq!(kind("Work History"), Some(SectionKind::Experience));
        assert_eq!(kind("Berufserfahrung"), Some(SectionKind::Experience));
        assert_eq!(kind("Praxiserfahrung"), Some(SectionKind::Experience));
        assert_eq!(
            kind("Expérience professionnelle"),
            Some(SectionKind::Experience)
        );
        assert_eq!(kind("Experiencia laboral"), Some(SectionKind::Experience));
        assert_eq!(kind("Esperienza"), Some(SectionKind::Experience));
        assert_eq!(kind("Werkervaring"), Some(SectionKind::Experience));
        assert_eq!(kind("Experiência"), Some(SectionKind::Experience));
        assert_eq!(
            kind("Doświadczenie zawodowe"),
            Some(SectionKind::Experience)
        );
        assert_eq!(kind("Sprachkenntnisse"), Some(SectionKind::Languages));
        assert_eq!(kind("IT-Kenntnisse"), Some(SectionKind::Skills));
        assert_eq!(kind("Persönliche Daten"), Some(SectionKind::Personal));
        assert_eq!(kind("Centres d'intérêt"), Some(SectionKind::Interests));
        assert_eq!(kind("Języki obce"), Some(SectionKind::Languages));
        assert_eq!(kind("Schulischer Werdegang"), Some(SectionKind::Education));
        assert_eq!(kind("Parcours scolaire"), Some(SectionKind::Education));
        assert_eq!(kind("Escolaridad"), Some(SectionKind::Education));
        assert_eq!(kind("Educational Qualification"), Some(SectionKind::Education));
        assert_eq!(kind("Nebentätigkeiten"), Some(SectionKind::Experience));
        assert_eq!(kind("DIGITAL SKILLS"), Some(SectionKind::Skills));
        assert_eq!(kind("Competenze digitali"), Some(SectionKind::Skills));
        assert_eq!(kind("About myself"), Some(SectionKind::Summary));
        assert_eq!(kind("Communication and interpersonal skills"), Some(SectionKind::Skills));
        assert_eq!(kind("Job-related skills"), Some(SectionKind::Skills));
        assert_eq!(kind("Community Involvement"), Some(SectionKind::Volunteer));
        assert_eq!(kind("Persönliche Stärken"), Some(SectionKind::Skills));
        assert_eq!(kind("Diplômes et formations"), Some(SectionKind::Education));
        assert_eq!(kind("Arbetslivserfarenhet"), Some(SectionKind::Experience));
        assert_eq!(kind("Språk"), Some(SectionKind::Languages));
        assert_eq!(kind("Berufliche Praxis"), Some(SectionKind::Experience));
        assert_eq!(kind("Expérience de travail"), Some(SectionKind::Experience));
        assert_eq!(kind("Antecedentes laborales"), Some(SectionKind::Experience));
        assert_eq!(kind("Über mich"), Some(SectionKind::Summary));
        assert_eq!(kind("Objectif de carrière"), Some(SectionKind::Summary));
        assert_eq!(kind("Fachkompetenzen"), Some(SectionKind::Skills));
        assert_eq!(kind("Données personnelles"), Some(SectionKind::Personal));
        assert_eq!(kind("Weitere Sprache(n)"), Some(SectionKind::Languages));
    }

    #[test]
    fn elided_compounds_are_completed() {
        assert_eq!(kind("Aus- und Weiterbildung"), Some(SectionKind::Education));
        assert_eq!(kind("Academic Projects"), Some(SectionKind::Projects));
        assert_eq!(kind("ACADEMIC PROJECT"), Some(SectionKind::Projects));
        assert_eq!(kind("Academic Achievements"), Some(SectionKind::Awards));
        assert_eq!(kind("Academic Qualifications"), Some(SectionKind::Education));
        assert_eq!(kind("Academic Background"), Some(SectionKind::Education));
        assert_eq!(kind("Academic"), Some(SectionKind::Education));
        assert_eq!(kind("Fort- und Weiterbildung"), Some(SectionKind::Certificates));
        assert_eq!(kind("Sales und Weiterbildung"), None);
    }

    #[test]
    fn a_heading_may_name_two_kinds() {
        let kinds = |s: &str| phrase_kinds(&folded_words(s));
        assert_eq!(kinds("Formation & expériences professionnelles"), Some(vec![SectionKind::Education, SectionKind::Experience]));
        assert_eq!(kind("Formation & expériences professionnelles"), Some(SectionKind::Education));
        assert_eq!(kinds("Project Manager"), None);
        let both = |s: &str| names_studies_and_jobs(&folded_words(s));
        assert!(both("Formation & expériences professionnelles"));
        assert!(both("Education and Work Experience"));
        assert!(!both("Academic Background"));
        assert!(!both("Parcours scolaire"));
        assert!(!both("Work Experience"));
    }

    #[test]
    fn grants_and_memberships_are_not_work() {
        assert_eq!(kind("Competitive Funding"), Some(SectionKind::Awards));
        assert_eq!(kind("Financements & bourses sélectionnés"), Some(SectionKind::Awards));
        assert_eq!(kind("Subventions et bourses"), Some(SectionKind::Awards));
        assert_eq!(kind("Stipendien"), Some(SectionKind::Awards));
        assert_eq!(kind("Awards and Recognition"), Some(SectionKind::Awards));
        assert_eq!(kind("Associations Membership"), Some(SectionKind::Awards));
        assert_eq!(kind("Outreach"), Some(SectionKind::Volunteer));
        assert_eq!(kind("Teaching Experience"), Some(SectionKind::Experience));
        assert_eq!(kind("Invited Presentations"), Some(SectionKind::Publications));
        assert_eq!(kind("Publications sélectionnées"), Some(SectionKind::Publications));
        assert_eq!(kind("Teaching Assistant"), None);
    }

    #[test]
    fn the_most_specific_kind_wins() {
        assert_eq!(kind("Language Skills"), Some(SectionKind::Languages));
        assert_eq!(kind("Volunteer Experience"), Some(SectionKind::Volunteer));
        assert_eq!(kind("Career Objective"), Some(SectionKind::Summary));
        assert_eq!(kind("Contact Information"), Some(SectionKind::Contact));
        assert_eq!(
            kind("Licenses & Certifications"),
            Some(SectionKind::Certificates)
        );
    }

    #[test]
    fn run_together_letters_are_split_into_words() {
        assert_eq!(run_together_kind("PROFESSIONALSUMMARY"), Some(SectionKind::Summary));
        assert_eq!(run_together_kind("EDUCATIONANDTRAINING"), Some(SectionKind::Education));
        assert_eq!(run_together_kind("LANGUAGESKILLS"), Some(SectionKind::Languages));
        assert_eq!(run_together_kind("NEILWILSON"), None);
    }

    #[test]
    fn ordinary_lines_are_not_headings() {
        assert_eq!(kind("Project Manager"), None);
        assert_eq!(kind("Education Consultant"), None);
        assert_eq!(
            kind("Skills in Python and Rust for data work at scale"),
            None
        );
        assert_eq!(kind("and of the"), None);
    }
}
