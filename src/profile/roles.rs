//! Word lists that say what a short piece of an entry header probably is: a job title, an
//! employer, a school, a degree or a place.
//!
//! These are the rule side of the parser: where they are sure they keep their decision, where
//! they are unsure or silent the parser model's gated spans decide (see [`super::fields`]), and
//! they keep the parser useful without the model. They are
//! deliberately generic (head words, legal-form suffixes, institution words) in the languages
//! the synthetic data covers (en, de, fr, es, it, nl, pt, pl), never names from any one CV.

/// What a header piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Org,
    School,
    Degree,
    Location,
    Date,
}

/// Job title head words (whole words, lower case).
const TITLE_WORDS: &[&str] = &[
    // en
    "engineer", "developer", "manager", "director", "accountant", "technician", "analyst", "consultant",
    "coordinator", "specialist", "assistant", "associate", "administrator", "architect", "officer", "intern",
    "internship", "trainee", "lead", "head", "chief", "president", "vp", "cto", "ceo", "cfo", "coo", "cio",
    "designer", "scientist", "researcher", "teacher", "lecturer", "professor", "nurse", "physician", "clerk",
    "representative", "agent", "supervisor", "executive", "owner", "founder", "co-founder", "cofounder",
    "partner", "advisor", "adviser", "editor", "writer", "programmer", "tester", "volunteer", "member", "coach",
    "instructor", "tutor", "mentor", "fellow", "apprentice", "operator", "driver", "mechanic", "electrician",
    "cashier", "receptionist", "secretary", "controller", "auditor", "bookkeeper", "economist", "lawyer",
    "attorney", "paralegal", "pharmacist", "therapist", "salesperson", "recruiter", "buyer", "planner",
    "strategist", "producer", "marketer", "technologist", "expert", "principal", "staff", "worker", "chef",
    "cook", "counselor", "counsellor", "librarian", "inspector", "pilot", "photographer", "journalist",
    "translator", "interpreter", "lieutenant", "sergeant", "captain", "emt", "paramedic", "dentist",
    "hygienist", "sre", "devops", "owner", "handler", "steward", "guard", "caregiver", "aide", "helper",
    "attendant", "rep", "student", "graduate",
    // de
    "leitung", "geschäftsführer", "geschäftsführerin", "vorstand", "praktikant", "praktikantin", "werkstudent",
    "werkstudentin", "auszubildender", "auszubildende", "azubi", "arzt", "ärztin", "sachbearbeiter",
    "sachbearbeiterin", "inhaber", "inhaberin", "gesellschafter", "prokurist", "mitarbeiter", "mitarbeiterin",
    // fr
    "ingénieur", "ingénieure", "développeur", "développeuse", "chef", "responsable", "directeur", "directrice",
    "consultante", "chargé", "chargée", "assistante", "comptable", "technicien", "technicienne",
    "gestionnaire", "stagiaire", "conseiller", "conseillère", "infirmier", "infirmière", "analyste",
    "architecte", "commercial", "commerciale", "professeure", "enseignant", "enseignante", "juriste", "avocat",
    "avocate", "vendeur", "vendeuse", "employé", "employée", "coordinateur", "coordinatrice", "administrateur",
    "administratrice", "rédacteur", "rédactrice", "alternant", "alternante", "animateur", "animatrice",
    // es
    "ingeniero", "ingeniera", "desarrollador", "desarrolladora", "jefe", "jefa", "gerente", "directora",
    "consultor", "consultora", "asistente", "auxiliar", "técnico", "técnica", "analista", "contable",
    "contador", "contadora", "coordinador", "coordinadora", "administrador", "administradora",
    "administrativo", "administrativa", "enfermero", "enfermera", "profesora", "becario", "becaria",
    "practicante", "especialista", "arquitecto", "arquitecta", "vendedor", "vendedora", "abogado", "abogada",
    "diseñador", "diseñadora", "encargado", "encargada", "programador", "programadora",
    // it
    "ingegnere", "sviluppatore", "sviluppatrice", "direttore", "direttrice", "consulente", "tecnico",
    "impiegato", "impiegata", "infermiere", "infermiera", "insegnante", "stagista", "addetto", "addetta",
    "coordinatore", "coordinatrice", "architetto", "contabile", "amministratore", "progettista", "dirigente",
    "commessa", "commesso", "operaio", "operaia",
    // nl
    "medewerker", "medewerkster", "ontwikkelaar", "adviseur", "beheerder", "verpleegkundige", "leraar",
    "lerares", "docent", "stagiair", "directeur", "teamleider", "projectleider", "coördinator", "monteur",
    "verkoper", "boekhouder", "hoofd",
    // pt
    "engenheiro", "engenheira", "desenvolvedor", "desenvolvedora", "diretor", "assistente", "enfermeiro",
    "estagiário", "estagiária", "coordenador", "coordenadora", "gestor", "gestora", "vendedor",
    // pl
    "inżynier", "kierownik", "kierowniczka", "specjalista", "specjalistka", "programista", "programistka",
    "analityk", "konsultant", "konsultantka", "asystent", "asystentka", "dyrektor", "księgowy", "księgowa",
    "pielęgniarka", "pielęgniarz", "nauczyciel", "nauczycielka", "stażysta", "stażystka", "praktykant",
    "koordynator", "koordynatorka", "przedstawiciel", "technik", "menedżer", "starszy", "młodszy", "referent",
    "ratownik", "mechanik", "analityk", "nauczycielka", "programistka",
    // more occupations (checked against the synthetic training split's titles)
    "ejecutivo", "ejecutiva", "executiva", "executivo", "maestro", "maestra", "professeur", "docente", "meccanico",
    "marketeer", "konstrukteur", "konstrukteurin", "disponent", "disponentin", "aide-soignant", "aide-soignante",
    "verzorgende", "analist", "contrôleur", "controleur", "controleuse", "representante", "agente", "profesor",
    "planner", "scientist", "consultora", "professora", "enfermeira", "analista", "contadora", "vendedora", "psicólogo", "psicóloga", "psychologue", "psychologe", "psychologin",
];

/// Endings of German and Dutch compound job titles ("Projektleiterin", "Softwareentwickler").
const TITLE_SUFFIXES: &[&str] = &[
    "leiter", "leiterin", "leitung", "ingenieur", "ingenieurin", "entwickler", "entwicklerin", "berater",
    "beraterin", "referent", "referentin", "pfleger", "pflegerin", "fachmann", "fachfrau", "kaufmann",
    "kauffrau", "techniker", "technikerin", "assistent", "assistentin", "mitarbeiter", "mitarbeiterin",
    "lehrer", "lehrerin", "manager", "managerin", "führer", "führerin", "spezialist", "spezialistin",
    "analyst", "analystin", "koordinator", "koordinatorin", "praktikant", "praktikantin", "sachbearbeiter",
    "sachbearbeiterin", "erzieher", "erzieherin", "arzt", "ärztin", "architekt", "architektin", "designer",
    "designerin", "planer", "planerin", "verkäufer", "verkäuferin", "elektriker", "mechaniker",
    "mechatroniker", "buchhalter", "buchhalterin", "controller", "controllerin", "medewerker", "adviseur",
    "engineer", "developer", "consultant", "specialist", "therapeut", "therapeutin", "wissenschaftler",
    "wissenschaftlerin", "redakteur", "redakteurin", "betreuer", "betreuerin", "helfer", "helferin",
    "konstrukteur", "konstrukteurin", "ontwikkelaar", "kundige", "leraar", "verkoper", "mitarbeiterin",
];

/// Legal forms and words that name organisations.
const ORG_WORDS: &[&str] = &[
    "inc", "inc.", "llc", "l.l.c.", "ltd", "ltd.", "limited", "corp", "corp.", "corporation", "company", "co.",
    "co", "group", "gmbh", "ag", "kg", "kgaa", "ohg", "gbr", "e.v.", "mbh", "se", "sa", "s.a.", "sarl", "s.a.r.l.",
    "sas", "s.a.s.", "s.l.", "sl", "srl", "s.r.l.", "spa", "s.p.a.", "bv", "b.v.", "nv", "n.v.", "plc", "llp",
    "lp", "pty", "oy", "ab", "a/s", "holding", "holdings", "bank", "partners", "associates", "consulting",
    "solutions", "technologies", "technology", "tech", "systems", "services", "labs", "lab", "studio",
    "studios", "agency", "hospital", "klinikum", "klinik", "clinic", "district", "foundation", "stiftung",
    "department", "ministry", "council", "authority", "gesellschaft", "verlag", "werke", "industries",
    "international", "global", "enterprises", "entertainment", "financial", "insurance", "software", "media",
    "network", "networks", "logistics", "healthcare", "health", "pharma", "motors", "airlines", "energy",
    "capital", "ventures", "dental", "engineering", "organization", "organisation", "ei", "me", "epp", "eireli",
    "ltda", "ltda.", "s.c.", "sp.", "z", "o.o.", "sp.j.", "cie", "cía", "compañía", "société", "societa",
    "società", "firma", "gruppe", "groupe", "grupo", "gruppo", "corporación", "fundación", "stichting",
    "ymca", "army", "navy", "police", "church", "government",
];

/// Words that name schools.
const SCHOOL_WORDS: &[&str] = &[
    "university", "universität", "universitat", "université", "universite", "universidad", "università",
    "universita", "universidade", "universiteit", "uniwersytet", "college", "school", "schule", "gymnasium",
    "hochschule", "fachhochschule", "akademie", "academy", "academia", "institute", "institut", "instituto",
    "istituto", "politecnico", "polytechnic", "politechnika", "école", "ecole", "escuela", "liceo", "lycée",
    "lycee", "realschule", "gesamtschule", "berufsschule", "berufskolleg", "conservatory", "seminary",
    "szkoła", "hogeschool", "iut", "insa", "tu", "eth", "epfl", "kolegium", "faculty", "fakultät", "faculté",
    "facultad", "campus", "grundschule", "oberschule", "mittelschule", "colegio", "collège", "ies", "mba",
    "akademia", "liceum", "roc", "mbo-college", "lyceum", "atheneum", "scuola", "istituto", "centro", "escola",
];

/// Words that name degrees (lower case, dots kept; compared against words and word pairs).
const DEGREE_WORDS: &[&str] = &[
    "bachelor", "bachelor's", "bachelors", "master", "master's", "masters", "b.s.", "b.s", "bs", "b.sc.",
    "b.sc", "bsc", "b.a.", "b.a", "ba", "m.s.", "m.s", "ms", "msc", "m.sc.", "m.sc", "m.a.", "m.a", "ma", "mba",
    "phd", "ph.d.", "ph.d", "doctorate", "doctor", "associate's", "diploma", "diplom", "diplom-ingenieur",
    "diplom-ingenieurin", "dipl.-ing.", "dipl.", "licence", "license", "licenciatura", "licenciado",
    "licenciada", "grado", "graduado", "graduada", "máster", "laurea", "magistrale", "triennale", "abitur",
    "matura", "maturità", "baccalauréat", "baccalaureat", "bac", "bts", "dut", "ausbildung", "staatsexamen",
    "magister", "licencjat", "magisterium", "mestrado", "bacharelado", "bacharel", "doutorado", "doutoramento",
    "licenciatura", "certificate", "certificat", "certificado", "ged", "a-levels", "a-level", "gcse", "hnd",
    "btec", "mphil", "meng", "beng", "m.eng.", "b.eng.", "llb", "llm", "ll.m.", "ll.b.", "md", "m.d.", "jd", "j.d.",
    "cap", "bep", "fachabitur", "reife", "realschulabschluss", "hauptschulabschluss", "vordiplom", "meister",
    "promotion", "doktor", "dr.", "dottorato", "doctorado", "doctorat", "diplôme", "diplome", "diploma's",
    "propedeuse", "hbo", "mbo", "wo", "inżynier", "inżynierskie", "magisterskie", "studia", "technikum",
    "bachiller", "bachillerato", "ciclo", "fp", "técnico", "tecnico", "studium", "abschluss", "examen",
    "b.com", "m.com", "bba", "b.tech", "m.tech", "btech", "mtech", "b.e.", "m.e.", "aas", "a.a.", "a.s.",
    "high", "secondary", "sekundarstufe", "ingeniero", "ingeniería", "engenharia", "ingegneria", "ingénieur",
];

/// US states and territories, Canadian provinces (two-letter codes as written after a city).
const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
    "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "ON", "QC",
    "BC", "AB", "MB", "NS", "NB", "SK", "NL", "PE",
];

/// Country and region names as CVs write them after a city.
const PLACE_WORDS: &[&str] = &[
    "usa", "u.s.", "u.s.a.", "us", "united states", "uk", "united kingdom", "england", "scotland", "wales",
    "ireland", "germany", "deutschland", "france", "spain", "españa", "italy", "italia", "netherlands",
    "nederland", "the netherlands", "poland", "polska", "portugal", "brazil", "brasil", "switzerland",
    "schweiz", "suisse", "austria", "österreich", "belgium", "belgië", "belgique", "canada", "india",
    "australia", "mexico", "méxico", "argentina", "chile", "colombia", "perú", "peru", "remote", "hybrid",
    "home office", "remoto", "télétravail", "alabama", "alaska", "arizona", "arkansas", "california",
    "colorado", "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana",
    "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico",
    "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania",
    "rhode island", "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia",
    "washington", "west virginia", "wisconsin", "wyoming", "bayern", "bavaria", "berlin", "hamburg",
    "hessen", "sachsen", "nrw", "nordrhein-westfalen", "baden-württemberg", "niedersachsen", "île-de-france",
    "ile-de-france", "madrid", "barcelona", "cataluña", "catalunya", "andalucía", "lombardia", "lazio",
    "ontario", "quebec", "québec", "british columbia", "alberta", "london", "paris", "wien", "zürich",
    "zurich", "amsterdam", "warszawa", "kraków", "lisboa", "porto", "roma", "milano",
];

/// Lower-cased words of `s` with surrounding punctuation (except dots and apostrophes inside) removed.
pub fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '/' || c == ',' || c == '(' || c == ')' || c == '|')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '&'))
        .map(|w| w.trim_end_matches(['\'']).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn strip_dot(w: &str) -> &str {
    w.trim_end_matches('.')
}

/// How strongly `s` reads as a job title (0 = no title word). An English title ends in its
/// head word ("Financial Analyst"), so a title word at the end counts double.
pub fn title_score(s: &str) -> u32 {
    let ws = words(s);
    // English titles end in their head word, Romance ones start with it ("Ingegnere del software").
    let is_head = |w: &String| TITLE_WORDS.contains(&strip_dot(w));
    let head_bonus = (ws.len() > 1 && (ws.last().is_some_and(is_head) || ws.first().is_some_and(is_head))) as u32 * 2;
    let mut score = head_bonus;
    for w in ws {
        let w = strip_dot(&w);
        if TITLE_WORDS.contains(&w) {
            score += 2;
        } else if w.chars().count() >= 5 && TITLE_SUFFIXES.iter().any(|suf| w.ends_with(suf)) {
            score += 2;
        } else if matches!(w, "senior" | "junior" | "sr" | "jr" | "deputy" | "assistant" | "trainee" | "interim") {
            score += 1;
        }
    }
    score
}

/// How many words of `s` are job-title words.
pub fn title_words(s: &str) -> usize {
    words(s).iter().filter(|w| title_score(w) >= 2).count()
}

/// How strongly `s` reads as an employer (legal forms, organisation words); an organisation
/// word at the end ("Gilmore Financial", "Acme GmbH") counts double.
pub fn org_score(s: &str) -> u32 {
    let ws = words(s);
    let is_org = |w: &String| ORG_WORDS.contains(&w.as_str()) || ORG_WORDS.contains(&strip_dot(w));
    let title_first = ws.first().is_some_and(|w| TITLE_WORDS.contains(&strip_dot(w)));
    let mut score = (ws.len() > 1 && !title_first && ws.last().is_some_and(is_org)) as u32 * 2;
    for w in ws {
        if ORG_WORDS.contains(&w.as_str()) || ORG_WORDS.contains(&strip_dot(&w)) {
            score += 2;
        }
    }
    if s.contains('&') {
        score += 1;
    }
    score
}

/// How strongly `s` reads as a school.
pub fn school_score(s: &str) -> u32 {
    let mut score = 0;
    for w in words(s) {
        let w = strip_dot(&w);
        if SCHOOL_WORDS.contains(&w) {
            score += 3;
        } else if w.chars().count() > 7
            && ["schule", "universität", "akademie", "hochschule", "gymnasium", "kolleg"].iter().any(|s| w.ends_with(s))
        {
            score += 3;
        }
    }
    score
}

/// How strongly `s` reads as a degree.
pub fn degree_score(s: &str) -> u32 {
    let ws = words(s);
    let mut score = 0;
    for w in &ws {
        if DEGREE_WORDS.contains(&w.as_str()) || DEGREE_WORDS.contains(&strip_dot(w)) {
            score += 3;
        }
    }
    // "Bachelor of Science", "Master in …", "Diplom-Kaufmann".
    let lower = s.to_lowercase();
    if lower.contains(" of science") || lower.contains(" of arts") || lower.starts_with("diplom-") {
        score += 1;
    }
    score
}

/// True when `s` is a place as written after a city ("WA", "Colorado", "Deutschland", "Remote").
pub fn is_region(s: &str) -> bool {
    let t = s.trim().trim_end_matches('.');
    if REGION_CODES.contains(&t) {
        return true;
    }
    // "CA 91377": a region code and a postal code.
    let mut parts = t.split_whitespace();
    if let (Some(code), Some(num), None) = (parts.next(), parts.next(), parts.next()) {
        if REGION_CODES.contains(&code) && num.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return true;
        }
    }
    PLACE_WORDS.contains(&t.to_lowercase().as_str())
}

/// True when `s` looks like a place: "Seattle, WA", "Denver, Colorado", "Remote", "Berlin".
pub fn looks_like_location(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 60 {
        return false;
    }
    if is_region(t) {
        return true;
    }
    let parts: Vec<&str> = t.split(',').map(str::trim).collect();
    if parts.len() >= 2 && parts.len() <= 3 && parts.iter().skip(1).all(|p| is_region(p)) {
        return parts.first().is_some_and(|p| is_place_name(p));
    }
    false
}

/// One to four capitalised words without role words: a plausible place name.
pub fn is_place_name(s: &str) -> bool {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if ws.is_empty() || ws.len() > 4 {
        return false;
    }
    let capitalised = ws.first().and_then(|w| w.chars().next()).is_some_and(char::is_uppercase);
    capitalised
        && !s.chars().any(|c| c.is_ascii_digit())
        && title_score(s) == 0
        && org_score(s) == 0
        && school_score(s) == 0
        && degree_score(s) == 0
}

/// First words of two-word city names ("New Orleans", "San Diego", "Little Rock").
const CITY_PREFIXES: &[&str] = &[
    "new", "san", "los", "las", "santa", "st.", "st", "saint", "sankt", "fort", "little", "salt", "palo", "el", "la", "le",
    "oak", "long", "kansas", "baton", "grand", "des", "ann", "bad", "santo", "são", "rio", "buenos", "mexico", "hong",
    "tel", "den", "frankfurt", "halle", "mülheim", "port", "mount", "mt.", "cedar", "west", "east", "north", "south",
];

/// Last words of two-word city names ("Century City", "Oak Park").
const CITY_SUFFIXES: &[&str] = &["city", "park", "beach", "springs", "falls", "heights", "valley", "island", "hills", "creek", "lake", "am main", "an der"];

/// "New", "San", "Sankt"…: the first word of a two-word place name.
pub fn is_city_prefix(word: &str) -> bool {
    CITY_PREFIXES.contains(&word.to_lowercase().as_str())
}

/// Where the city starts in a part written before a region with no comma between it and what
/// precedes ("Red Hat Denver" before ", Colorado" → at "Denver"). `None` when the part is only
/// the city.
pub fn trailing_city_start(part: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = part.split_whitespace().map(|w| (w.as_ptr() as usize - part.as_ptr() as usize, w)).collect();
    let n = words.len();
    if n < 2 {
        return None;
    }
    let lower = |i: usize| words.get(i).map(|(_, w)| w.to_lowercase()).unwrap_or_default();
    let two_word = CITY_PREFIXES.contains(&lower(n - 2).as_str()) || CITY_SUFFIXES.contains(&lower(n - 1).as_str());
    let city_words = if two_word { 2 } else { 1 };
    if n <= city_words {
        return None;
    }
    let (at, first) = *words.get(n - city_words)?;
    first.chars().next().is_some_and(char::is_uppercase).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_several_languages() {
        for t in ["Senior Software Engineer", "Projektleiterin", "Chargée de communication", "Ingeniero de datos",
                  "Pflegefachmann", "Kierownik projektu", "Accountant"] {
            assert!(title_score(t) > 0, "{t}");
        }
        assert_eq!(title_score("Gilmore Financial"), 0);
    }

    #[test]
    fn orgs_schools_degrees() {
        assert!(org_score("Meyer Tech Inc.") > 0);
        assert!(org_score("Müller GmbH & Co. KG") > 0);
        assert!(school_score("Technische Hochschule Nordhausen") > 0);
        assert!(school_score("Université de Lyon") > 0);
        assert!(degree_score("B.S. in Computer Science") > 0);
        assert!(degree_score("Diplom-Ingenieur") > 0);
        assert_eq!(degree_score("Big Sky University"), 0);
    }

    #[test]
    fn trailing_cities() {
        assert_eq!(trailing_city_start("Red Hat Denver"), Some(8));
        assert_eq!(trailing_city_start("Carnegie Mellon University Pittsburgh"), Some(27));
        assert_eq!(trailing_city_start("New Orleans"), None);
        assert_eq!(trailing_city_start("Acme Corp New York"), Some(10));
        assert_eq!(trailing_city_start("Denver"), None);
    }

    #[test]
    fn locations() {
        assert!(looks_like_location("New Orleans, LA"));
        assert!(looks_like_location("Denver, Colorado"));
        assert!(looks_like_location("Oak Park, CA 91377"));
        assert!(looks_like_location("Remote"));
        assert!(!looks_like_location("Gilmore Financial"));
        assert!(!looks_like_location("Accountant, LA"));
    }
}
