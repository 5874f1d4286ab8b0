//! Labels of the candidate's own name fields: "Name: …" for the whole name, and the pairs of
//! given-name and family-name fields that European CVs and forms write instead of a heading
//! ("Prénom : … / Nom : …", "Vorname: … / Nachname: …", "Nombre: … / Apellidos: …").
//!
//! One list per language, because the bare word for "name" means different things: beside a
//! given-name field, "Nom", "Name" and "Naam" hold the family name, while "Nombre" and "Nome"
//! (beside "Apellidos", "Cognome", "Sobrenome") hold the given names. Entries are
//! [`fold`](crate::fold::fold)ed; phrases are words joined by single spaces.

/// Labels whose value is the whole name ("Name: Jane Doe"), lower case as written.
pub const FULL_NAME_LABELS: &[&str] = &["name", "nom", "nombre", "nome", "naam", "imię i nazwisko", "full name", "vor- und nachname", "nom et prénom"];

/// Which part of the name a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    Given,
    Family,
}

/// One language's name-field labels.
pub struct NameLabels {
    /// Given names: "Prénom", "Vorname".
    pub given: &'static [&'static str],
    /// Family names: "Nachname", "Apellidos".
    pub family: &'static [&'static str],
    /// The bare word for "name" ("Nom", "Nombre"), which holds this part beside a field of the other part.
    pub bare: &'static [&'static str],
    pub bare_part: NamePart,
}

/// Per language; a label listed under two languages means the same in both ("name", "nome").
#[rustfmt::skip]
pub const NAME_LABELS: &[NameLabels] = &[
    // en
    NameLabels { given: &["first name", "first names", "given name", "given names", "forename", "forenames", "christian name"], family: &["last name", "surname", "surnames", "family name"], bare: &["name"], bare_part: NamePart::Family },
    // de
    NameLabels { given: &["vorname", "vornamen", "rufname"], family: &["nachname", "familienname", "zuname"], bare: &["name"], bare_part: NamePart::Family },
    // fr
    NameLabels { given: &["prenom", "prenoms"], family: &["nom de famille", "nom d'usage"], bare: &["nom"], bare_part: NamePart::Family },
    // es
    NameLabels { given: &["nombres", "nombre de pila"], family: &["apellido", "apellidos", "primer apellido"], bare: &["nombre"], bare_part: NamePart::Given },
    // pt
    NameLabels { given: &["primeiro nome", "nomes", "prenome"], family: &["sobrenome", "sobrenomes", "apelido", "apelidos", "ultimo nome"], bare: &["nome"], bare_part: NamePart::Given },
    // it
    NameLabels { given: &[], family: &["cognome"], bare: &["nome"], bare_part: NamePart::Given },
    // nl
    NameLabels { given: &["voornaam", "voornamen", "roepnaam"], family: &["achternaam", "familienaam", "geslachtsnaam"], bare: &["naam"], bare_part: NamePart::Family },
    // pl
    NameLabels { given: &["imie", "imiona"], family: &["nazwisko"], bare: &[], bare_part: NamePart::Given },
];
