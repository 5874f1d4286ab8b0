//! Word classes the featurizer marks on tokens: months, "present", organisation suffixes,
//! school, degree and job-title head words, contact and sensitive-attribute cue words.
//!
//! Entries are [`fold`](crate::fold::fold)ed single tokens. Dotted abbreviations ("B.Sc.", "S.p.A.",
//! "geb.") are listed without their dots ("bsc", "spa", "geb") and matched against the dot-free
//! run of the abbreviation (see the featurizer). Month and "present" words are the date parser's
//! tables ([`crate::dates`]), asked through [`word_class`], so there is one list of each.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A token's word class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordClass {
    Month,
    Present,
    OrgSuffix,
    School,
    Degree,
    TitleHead,
    ContactCue,
    BornCue,
    NationalityCue,
    MaritalCue,
    ReligionCue,
    AgeCue,
    GenderCue,
}

impl WordClass {
    pub fn as_str(self) -> &'static str {
        match self {
            WordClass::Month => "month",
            WordClass::Present => "present",
            WordClass::OrgSuffix => "org_suffix",
            WordClass::School => "school",
            WordClass::Degree => "degree",
            WordClass::TitleHead => "title_head",
            WordClass::ContactCue => "contact_cue",
            WordClass::BornCue => "born_cue",
            WordClass::NationalityCue => "nationality_cue",
            WordClass::MaritalCue => "marital_cue",
            WordClass::ReligionCue => "religion_cue",
            WordClass::AgeCue => "age_cue",
            WordClass::GenderCue => "gender_cue",
        }
    }
}

#[rustfmt::skip]
const CLASSES: &[(WordClass, &[&str])] = &[
    (WordClass::OrgSuffix, &[
        "inc", "llc", "ltd", "limited", "corp", "corporation", "plc", "gmbh", "ag", "kg", "ug", "se", "mbh", "sa",
        "sarl", "sas", "spa", "srl", "sl", "bv", "nv", "ltda", "sp", "zoo", "oo", "lp", "llp", "pvt", "co", "group",
        "gruppe", "groupe", "grupo", "gruppo", "groep", "grupa",
    ]),
    (WordClass::School, &[
        "university", "universitat", "universite", "universidad", "universita", "universiteit", "universidade",
        "uniwersytet", "college", "hochschule", "fachhochschule", "institute", "institut", "instituto", "istituto",
        "school", "schule", "ecole", "escuela", "scuola", "escola", "szkola", "academy", "akademie", "academie",
        "academia", "accademia", "akademia", "lycee", "gymnasium", "liceo", "politecnico", "polytechnique",
        "politechnika", "hogeschool", "faculdade", "facultad", "tu", "eth", "epfl", "berufsschule", "realschule",
        "gesamtschule", "polytechnic",
    ]),
    (WordClass::Degree, &[
        "bachelor", "bachelors", "master", "masters", "bsc", "msc", "ba", "ma", "mba", "phd", "bs", "ms", "beng",
        "meng", "llb", "llm", "md", "doctorate", "doctor", "diplom", "diploma", "diplome", "licence", "licenciatura",
        "licenciado", "laurea", "magistrale", "triennale", "ingeniero", "ingenieur", "ingegneria", "abitur",
        "baccalaureat", "bac", "bachillerato", "maturita", "matura", "mestrado", "doutorado", "bacharelado",
        "licencjat", "magister", "inzynier", "promotion", "doktor", "dottorato", "doctorado", "grado", "associate",
        "btech", "mtech", "bcom", "mcom", "hnd", "gcse", "mavo", "havo", "vwo", "mbo", "hbo", "wo", "drs", "ir",
        "mgr", "inz", "dipl",
    ]),
    (WordClass::TitleHead, &[
        "engineer", "manager", "developer", "accountant", "coordinator", "specialist", "analyst", "consultant",
        "nurse", "teacher", "designer", "architect", "administrator", "assistant", "director", "officer", "lead",
        "intern", "technician", "scientist", "researcher", "associate", "executive", "representative", "advisor",
        "supervisor", "head", "programmer", "ingenieur", "entwickler", "entwicklerin", "berater", "beraterin",
        "leiter", "leiterin", "referent", "referentin", "sachbearbeiter", "sachbearbeiterin", "kaufmann",
        "kauffrau", "ingenieurin", "ingenieur", "responsable", "chef", "charge", "chargee", "developpeur",
        "developpeuse", "conseiller", "conseillere", "technicien", "desarrollador", "desarrolladora",
        "ingeniero", "ingeniera", "jefe", "jefa", "tecnico", "tecnica", "analista", "consultor", "consultora",
        "sviluppatore", "ingegnere", "responsabile", "impiegato", "impiegata", "tecnico", "ontwikkelaar",
        "medewerker", "adviseur", "beheerder", "desenvolvedor", "desenvolvedora", "gerente", "engenheiro",
        "engenheira", "programista", "inzynier", "kierownik", "specjalista", "konsultant", "ksiegowa", "ksiegowy",
    ]),
    (WordClass::ContactCue, &[
        "email", "mail", "tel", "telephone", "phone", "mobile", "mobil", "cell", "fax", "address", "adresse",
        "direccion", "indirizzo", "adres", "endereco", "telefon", "telefono", "telefone", "telefoon", "handy",
        "portable", "movil", "cellulare", "celular", "linkedin", "github", "website", "web", "www", "anschrift",
        "courriel", "correo", "contatto", "kontakt",
    ]),
    (WordClass::BornCue, &[
        "born", "birth", "dob", "geb", "geboren", "geburtsdatum", "geburtsort", "ne", "nee", "naissance",
        "nacido", "nacida", "nacimiento", "nato", "nata", "nascita", "geboortedatum", "geboorteplaats", "nascido",
        "nascida", "nascimento", "urodzony", "urodzona", "urodzenia",
    ]),
    (WordClass::NationalityCue, &[
        "nationality", "citizenship", "staatsangehorigkeit", "nationalitat", "staatsburgerschaft", "nationalite",
        "nacionalidad", "nazionalita", "cittadinanza", "nationaliteit", "nacionalidade", "obywatelstwo",
        "narodowosc",
    ]),
    (WordClass::MaritalCue, &[
        "marital", "married", "single", "divorced", "widowed", "familienstand", "verheiratet", "ledig",
        "geschieden", "civil", "marie", "mariee", "celibataire", "casado", "casada", "soltero", "soltera",
        "coniugato", "coniugata", "celibe", "nubile", "burgerlijke", "gehuwd", "ongehuwd", "solteiro", "solteira",
        "cywilny", "zonaty", "zamezna", "kawaler", "panna",
    ]),
    (WordClass::ReligionCue, &[
        "religion", "konfession", "religious", "catholic", "protestant", "katholisch", "evangelisch", "religione",
        "religiao", "religie", "wyznanie", "catholique", "catolico", "catolica", "cattolico", "muslim",
    ]),
    (WordClass::AgeCue, &[
        "age", "aged", "alter", "years", "jahre", "age", "ans", "edad", "anos", "eta", "anni", "leeftijd", "jaar",
        "idade", "wiek", "lat",
    ]),
    (WordClass::GenderCue, &[
        "gender", "sex", "male", "female", "geschlecht", "mannlich", "weiblich", "sexe", "homme", "femme",
        "masculin", "feminin", "sexo", "masculino", "femenino", "feminino", "sesso", "maschio", "femmina",
        "geslacht", "man", "vrouw", "plec", "mezczyzna", "kobieta",
    ]),
];

/// The class of a folded token (or dot-free abbreviation), if any. Months and "present" words
/// come from the date parser's tables (one list each); then the first listed class wins.
pub fn word_class(folded: &str) -> Option<WordClass> {
    if crate::dates::is_month_word(folded) {
        return Some(WordClass::Month);
    }
    if crate::dates::is_present_word(folded) {
        return Some(WordClass::Present);
    }
    // Asked of every token: one hash lookup instead of a scan of every list.
    static BY_WORD: LazyLock<HashMap<&'static str, WordClass>> = LazyLock::new(|| super::first_listed(CLASSES));
    BY_WORD.get(folded).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    #[test]
    fn classes_cover_the_languages() {
        assert_eq!(word_class(&fold("März")), Some(WordClass::Month));
        assert_eq!(word_class(&fold("Października")), Some(WordClass::Month));
        assert_eq!(word_class(&fold("GmbH")), Some(WordClass::OrgSuffix));
        assert_eq!(word_class("spa"), Some(WordClass::OrgSuffix));
        assert_eq!(word_class(&fold("Universität")), Some(WordClass::School));
        assert_eq!(word_class("bsc"), Some(WordClass::Degree));
        assert_eq!(word_class(&fold("Développeur")), Some(WordClass::TitleHead));
        assert_eq!(word_class(&fold("Staatsangehörigkeit")), Some(WordClass::NationalityCue));
        assert_eq!(word_class(&fold("état")), None);
        assert_eq!(word_class("rust"), None);
    }
}
