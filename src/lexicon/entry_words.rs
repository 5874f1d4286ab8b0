//! Words that say what a short piece of an entry header probably is: a job title, an employer,
//! a school, a degree or a place ([`crate::profile::roles`] scores pieces with them, and
//! [`crate::profile::cells`] keeps a legal form with the name it follows).
//!
//! Entries are lower case as CVs write them (accents and dots kept: "ingénieur", "s.a.r.l.");
//! lookups compare lower-cased words. They are deliberately generic (head words, legal-form
//! suffixes, institution words) in the languages the synthetic data covers (en, de, fr, es, it,
//! nl, pt, pl), never names from any one CV.
//!
//! The featurizer's word classes ([`super::words`]) cover some of the same ideas with other
//! lists: those are folded single tokens, and they are part of the trained models' input, so a
//! word moves between them only with a retrained model.

/// Job title head words (whole words, lower case).
pub const TITLE_WORDS: &[&str] = &[
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
    "hygienist", "sre", "devops", "handler", "steward", "guard", "caregiver", "aide", "helper",
    "attendant", "rep", "student", "graduate",
    // de
    "leitung", "geschäftsführer", "geschäftsführerin", "vorstand", "praktikant", "praktikantin", "werkstudent",
    "werkstudentin", "auszubildender", "auszubildende", "azubi", "arzt", "ärztin", "sachbearbeiter",
    "sachbearbeiterin", "inhaber", "inhaberin", "gesellschafter", "prokurist", "mitarbeiter", "mitarbeiterin",
    // fr
    "ingénieur", "ingénieure", "développeur", "développeuse", "responsable", "directeur", "directrice",
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
    "coordinatore", "architetto", "contabile", "amministratore", "progettista", "dirigente",
    "commessa", "commesso", "operaio", "operaia",
    // nl
    "medewerker", "medewerkster", "ontwikkelaar", "adviseur", "beheerder", "verpleegkundige", "leraar",
    "lerares", "docent", "stagiair", "teamleider", "projectleider", "coördinator", "monteur",
    "verkoper", "boekhouder", "hoofd",
    // pt
    "engenheiro", "engenheira", "desenvolvedor", "desenvolvedora", "diretor", "assistente", "enfermeiro",
    "estagiário", "estagiária", "coordenador", "coordenadora", "gestor", "gestora",
    // pl
    "inżynier", "kierownik", "kierowniczka", "specjalista", "specjalistka", "programista", "programistka",
    "analityk", "konsultant", "konsultantka", "asystent", "asystentka", "dyrektor", "księgowy", "księgowa",
    "pielęgniarka", "pielęgniarz", "nauczyciel", "nauczycielka", "stażysta", "stażystka", "praktykant",
    "koordynator", "koordynatorka", "przedstawiciel", "technik", "menedżer", "starszy", "młodszy", "referent",
    "ratownik", "mechanik",
    // more occupations (checked against the synthetic training split's titles)
    "ejecutivo", "ejecutiva", "executiva", "executivo", "maestro", "maestra", "professeur", "docente", "meccanico",
    "marketeer", "konstrukteur", "konstrukteurin", "disponent", "disponentin", "aide-soignant", "aide-soignante",
    "verzorgende", "analist", "contrôleur", "controleur", "controleuse", "representante", "agente", "profesor",
    "professora", "enfermeira", "psicólogo", "psicóloga", "psychologue", "psychologe", "psychologin",
];

/// Endings of German and Dutch compound job titles ("Projektleiterin", "Softwareentwickler").
pub const TITLE_SUFFIXES: &[&str] = &[
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
    "konstrukteur", "konstrukteurin", "ontwikkelaar", "kundige", "leraar", "verkoper",
];

/// Legal forms that can stand apart after a dash ("Pinto - ME", "Vogt · AG & Co. KGaA") and still
/// belong to the name before them; they name organisations too.
pub const LEGAL_FORMS: &[&str] = &[
    "ei", "me", "epp", "eireli", "ltda", "ltda.", "s.a.", "sa", "ag", "kg", "kgaa", "gmbh", "co.", "co", "ohg", "inc", "inc.",
    "llc", "ltd", "ltd.", "plc", "srl", "s.r.l.", "spa", "s.p.a.", "s.l.", "sl", "bv", "b.v.", "nv", "e.v.", "mbh",
    "lda", "lda.", "s.l.u.", "s.a.u.", "llc.", "pvt", "pvt.", "s.r.o.", "d.o.o.", "sasu", "eurl", "sàrl",
];

/// Other words that name organisations: more legal forms and institution words ("bank", "hospital").
/// With [`LEGAL_FORMS`], the words of an employer's name.
pub const ORG_WORDS: &[&str] = &[
    "l.l.c.", "limited", "corp", "corp.", "corporation", "company", "group", "gbr", "se", "sarl", "s.a.r.l.",
    "sas", "s.a.s.", "n.v.", "llp", "lp", "pty", "oy", "ab", "a/s", "holding", "holdings", "bank", "partners",
    "associates", "consulting", "solutions", "technologies", "technology", "tech", "systems", "services",
    "labs", "lab", "studio", "studios", "agency", "hospital", "klinikum", "klinik", "clinic", "district",
    "foundation", "stiftung", "department", "ministry", "council", "authority", "gesellschaft", "verlag",
    "werke", "industries", "international", "global", "enterprises", "entertainment", "financial", "insurance",
    "software", "media", "network", "networks", "logistics", "healthcare", "health", "pharma", "motors",
    "airlines", "energy", "capital", "ventures", "dental", "engineering", "organization", "organisation",
    "s.c.", "sp.", "z", "o.o.", "sp.j.", "cie", "cía", "compañía", "société", "societa", "società", "firma",
    "gruppe", "groupe", "grupo", "gruppo", "corporación", "fundación", "stichting", "ymca", "army", "navy",
    "police", "church", "government",
];

/// Words that name schools.
pub const SCHOOL_WORDS: &[&str] = &[
    "university", "universität", "universitat", "université", "universite", "universidad", "università",
    "universita", "universidade", "universiteit", "uniwersytet", "college", "school", "schule", "gymnasium",
    "hochschule", "fachhochschule", "akademie", "academy", "academia", "institute", "institut", "instituto",
    "istituto", "politecnico", "polytechnic", "politechnika", "école", "ecole", "escuela", "liceo", "lycée",
    "lycee", "realschule", "gesamtschule", "berufsschule", "berufskolleg", "conservatory", "seminary",
    "szkoła", "hogeschool", "iut", "insa", "tu", "eth", "epfl", "kolegium", "faculty", "fakultät", "faculté",
    "facultad", "campus", "grundschule", "oberschule", "mittelschule", "colegio", "collège", "ies", "mba",
    "akademia", "liceum", "roc", "mbo-college", "lyceum", "atheneum", "scuola", "centro", "escola",
    "colégio", "liceu", "gimnazjum", "gymnase", "vidyalaya",
];

/// Words that name degrees (lower case, dots kept; compared against words and word pairs).
pub const DEGREE_WORDS: &[&str] = &[
    "bachelor", "bachelor's", "bachelors", "master", "master's", "masters", "b.s.", "b.s", "bs", "b.sc.",
    "b.sc", "bsc", "b.a.", "b.a", "ba", "m.s.", "m.s", "ms", "msc", "m.sc.", "m.sc", "m.a.", "m.a", "ma", "mba",
    "phd", "ph.d.", "ph.d", "doctorate", "doctor", "associate's", "diploma", "diplom", "diplom-ingenieur",
    "diplom-ingenieurin", "dipl.-ing.", "dipl.", "licence", "license", "licenciatura", "licenciado",
    "licenciada", "grado", "graduado", "graduada", "máster", "laurea", "magistrale", "triennale", "abitur",
    "matura", "maturità", "baccalauréat", "baccalaureat", "bac", "bts", "dut", "ausbildung", "staatsexamen",
    "magister", "licencjat", "magisterium", "mestrado", "bacharelado", "bacharel", "doutorado", "doutoramento",
    "certificate", "certificat", "certificado", "ged", "a-levels", "a-level", "gcse", "hnd",
    "btec", "mphil", "meng", "beng", "m.eng.", "b.eng.", "llb", "llm", "ll.m.", "ll.b.", "md", "m.d.", "jd", "j.d.",
    "cap", "bep", "fachabitur", "reife", "realschulabschluss", "hauptschulabschluss", "vordiplom", "meister",
    "promotion", "doktor", "dr.", "dottorato", "doctorado", "doctorat", "diplôme", "diplome", "diploma's",
    "propedeuse", "hbo", "mbo", "wo", "inżynier", "inżynierskie", "magisterskie", "studia", "technikum",
    "bachiller", "bachillerato", "ciclo", "fp", "técnico", "tecnico", "studium", "abschluss", "examen",
    "b.com", "m.com", "bba", "b.tech", "m.tech", "btech", "mtech", "b.e.", "m.e.", "aas", "a.a.", "a.s.",
    "high", "secondary", "sekundarstufe", "ingeniero", "ingeniería", "engenharia", "ingegneria", "ingénieur",
    "maîtrise", "maitrise",
    // school-leaving qualifications and their exams (the words above hold "abitur", "matura", "bac"…)
    "hochschulreife", "fachhochschulreife", "reifeprüfung", "maturität", "maturité", "maturite", "brevet",
    "selectividad", "ebau", "evau", "vwo", "havo", "vmbo", "baccalaureate", "gcses", "matriculation", "ssc",
    "hsc", "sslc", "hslc", "cbse", "icse", "o-levels",
    // word pairs
    "a levels", "o levels", "ensino médio", "ensino medio", "ensino secundário", "ensino secundario",
];

/// The words a school year is written with ("Class XII", "10th Standard", "Grade 12") and the
/// years that end a school course with an exam: together they name a school-leaving qualification.
pub const SCHOOL_YEAR_WORDS: &[&str] = &["class", "std", "standard", "grade"];

/// Final school years ("X", "XII", "12th") as written with [`SCHOOL_YEAR_WORDS`].
pub const LEAVING_YEARS: &[&str] = &["x", "xii", "10", "12", "10th", "12th", "xth", "xiith"];

/// Words that say which school a degree word names when a school word follows ("High School",
/// "Higher Secondary School"): part of the school's name, not a qualification.
pub const SCHOOL_LEVEL_WORDS: &[&str] = &["high", "secondary"];

/// How far a course has got, as CVs write it before a degree ("Pursuing B.Sc. …", "Estudiando
/// Lic. en …") — lower case.
pub const STUDY_STATUS_BEFORE: &[&str] = &[
    "currently pursuing", "pursuing", "currently studying", "studying", "estudiando", "cursando", "frequentando",
    "actuellement en", "studiere",
];

/// How far a course has got, as CVs write it after a degree ("Bachelor nicht abgeschlossen",
/// "Master (in progress)") — lower case.
pub const STUDY_STATUS_AFTER: &[&str] = &[
    "in progress", "ongoing", "incomplete", "not completed", "nicht abgeschlossen", "abgebrochen", "laufend",
    "en cours", "non terminé", "inachevé", "en curso", "incompleto", "em andamento", "em curso", "in corso",
    "lopend", "niet afgerond",
];

/// Words of a degree's classification ("First Class Honours", "cum laude", "mention très
/// bien") — lower case.
pub const HONOURS_WORDS: &[&str] = &[
    "honours", "honors", "distinction", "laude", "merit", "mention", "auszeichnung", "lode", "sobresaliente",
    "distinção", "onore", "onderscheiding",
];

/// First words of a course or an apprenticeship listed among jobs ("Weiterbildung im Bereich
/// Logistik", "Ausbildung zum Industriekaufmann", "Formation continue …") — lower case.
pub const COURSE_WORDS: &[&str] = &[
    "weiterbildung", "fortbildung", "umschulung", "ausbildung", "lehre", "apprenticeship", "apprentissage",
    "formación", "formazione", "formação", "opleiding", "cursus",
];

/// US states and territories, Canadian provinces (two-letter codes as written after a city).
pub const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
    "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "PR", "ON", "QC",
    "BC", "AB", "MB", "NS", "NB", "SK", "NL", "PE",
];

/// Country and region names as CVs write them after a city.
pub const PLACE_WORDS: &[&str] = &[
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

/// First words of two-word city names ("New Orleans", "San Diego", "Little Rock").
pub const CITY_PREFIXES: &[&str] = &[
    "new", "san", "los", "las", "santa", "st.", "st", "saint", "sankt", "fort", "little", "salt", "palo", "el", "la", "le",
    "oak", "long", "kansas", "baton", "grand", "des", "ann", "bad", "santo", "são", "rio", "buenos", "mexico", "hong",
    "tel", "den", "frankfurt", "halle", "mülheim", "port", "mount", "mt.", "cedar", "west", "east", "north", "south",
];

/// Last words of two-word city names ("Century City", "Oak Park").
pub const CITY_SUFFIXES: &[&str] = &["city", "park", "beach", "springs", "falls", "heights", "valley", "island", "hills", "creek", "lake", "am main", "an der"];

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: [(&str, &[&str]); 17] = [
        ("TITLE_WORDS", TITLE_WORDS),
        ("TITLE_SUFFIXES", TITLE_SUFFIXES),
        ("LEGAL_FORMS", LEGAL_FORMS),
        ("ORG_WORDS", ORG_WORDS),
        ("SCHOOL_WORDS", SCHOOL_WORDS),
        ("DEGREE_WORDS", DEGREE_WORDS),
        ("REGION_CODES", REGION_CODES),
        ("PLACE_WORDS", PLACE_WORDS),
        ("CITY_PREFIXES", CITY_PREFIXES),
        ("CITY_SUFFIXES", CITY_SUFFIXES),
        ("STUDY_STATUS_BEFORE", STUDY_STATUS_BEFORE),
        ("STUDY_STATUS_AFTER", STUDY_STATUS_AFTER),
        ("HONOURS_WORDS", HONOURS_WORDS),
        ("COURSE_WORDS", COURSE_WORDS),
        ("SCHOOL_YEAR_WORDS", SCHOOL_YEAR_WORDS),
        ("LEAVING_YEARS", LEAVING_YEARS),
        ("SCHOOL_LEVEL_WORDS", SCHOOL_LEVEL_WORDS),
    ];

    #[test]
    fn each_word_is_listed_once_in_the_case_lookups_compare() {
        for (name, list) in LISTS {
            for (i, w) in list.iter().enumerate() {
                assert!(!list[..i].contains(w), "{name} lists {w:?} twice");
                let expected = if name == "REGION_CODES" { w.to_uppercase() } else { w.to_lowercase() };
                assert_eq!(*w, expected, "{name}: {w:?} is never matched");
            }
        }
        // An organisation word is either a legal form or not: one list each.
        assert!(LEGAL_FORMS.iter().all(|w| !ORG_WORDS.contains(w)));
    }
}

/// Labels that name an employer inside an entry ("Company: …", "Arbeitgeber: …").
pub const EMPLOYER_LABELS: &[&str] = &[
    "company", "employer", "organisation", "organization", "client", "customer", "firma", "unternehmen", "arbeitgeber",
    "kunde", "entreprise", "employeur", "société", "empresa", "cliente", "azienda", "datore di lavoro", "werkgever",
    "bedrijf", "pracodawca", "firma",
];

/// Labels that name a job title inside an entry ("Position: …", "Poste : …").
pub const TITLE_LABELS: &[&str] = &[
    "position", "role", "title", "job title", "job", "function", "rolle", "funktion", "tätigkeit", "stelle", "poste",
    "fonction", "rôle", "cargo", "puesto", "função", "ruolo", "mansione", "functie", "stanowisko",
];

/// Labels of other things an entry line can list ("Technologies: …", "Aufgaben: …"): the value
/// is neither the employer nor the title.
pub const OTHER_ENTRY_LABELS: &[&str] = &[
    "tools", "technologies", "technology", "tech stack", "stack", "environment", "responsibilities", "tasks", "duties",
    "achievements", "skills", "keywords", "project", "projects", "team", "department", "description", "summary",
    "results", "period", "duration", "dates", "aufgaben", "verantwortung", "technologien",
    "werkzeuge", "projekt", "projekte", "zeitraum", "dauer", "abteilung", "beschreibung", "erfolge",
    "missions", "mission", "tâches", "outils", "environnement", "projet", "projets", "période", "durée",
    "réalisations", "résultats", "funciones", "tareas", "responsabilidades", "herramientas", "tecnologías",
    "proyecto", "proyectos", "periodo", "duración", "logros", "atividades", "ferramentas", "tecnologias",
    "projeto", "período", "attività", "strumenti", "progetto", "tecnologie",
];

/// Labels that name an entry's place ("Location: …", "City: … | Country: …", as the Europass CV
/// writes them).
pub const ENTRY_PLACE_LABELS: &[&str] = &[
    "location", "place", "city", "town", "country", "ort", "stadt", "land", "lieu", "ville", "pays", "lugar",
    "ciudad", "país", "luogo", "città", "paese", "local", "cidade", "plaats", "stad", "miasto", "kraj",
];
