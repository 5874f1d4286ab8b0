//! One walk over a profile's values, each named by the [`Field`] of [`super::types`] it fills.
//!
//! Everything that reads or rewrites profile values by meaning (which value is the candidate's
//! name, an employer, a job title, a date) asks this walk, so that meaning is written once, next to
//! the types, instead of being re-derived from path strings by each reader.
//!
//! It walks the profile's JSON form rather than [`super::Profile`] because a caller may hand the
//! anonymiser a profile of its own: that keeps its key order, its values of other shapes (an age
//! as a number) and the fields our types do not have — the `personal` block and referees'
//! contacts that profiles from other tools carry — and these must be anonymised too. Objects
//! nested where the types have none, and unknown keys, are free text ([`Field::Text`]), except
//! that a `location` is a place and a `startDate`, `endDate`, `date` or `releaseDate` a date
//! wherever they appear.

use serde_json::Value;

use crate::entities::EntityKind;
use crate::error::Result;

/// The meaning of one profile value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    BasicsName,
    BasicsLabel,
    BasicsEmail,
    BasicsEmails,
    BasicsPhone,
    BasicsPhones,
    BasicsUrl,
    BasicsUrls,
    /// JSON Resume's photo, accepted from other tools (our parse never fills it).
    BasicsImage,
    LocationAddress,
    LocationPostalCode,
    LocationCity,
    LocationRegion,
    LocationCountryCode,
    SocialProfileUsername,
    SocialProfileUrl,
    WorkName,
    WorkPosition,
    WorkUrl,
    VolunteerOrganization,
    VolunteerPosition,
    VolunteerUrl,
    EducationInstitution,
    EducationUrl,
    EducationStudyType,
    EducationArea,
    AwardTitle,
    AwardAwarder,
    PublicationName,
    PublicationPublisher,
    PublicationUrl,
    CertificateIssuer,
    SkillName,
    SkillKeywords,
    /// A language the candidate speaks.
    LanguageName,
    ReferenceName,
    /// Extensions accepted from other tools: a referee's contact details.
    ReferenceEmail,
    ReferencePhone,
    ReferenceOrganization,
    /// Extension accepted from other tools: the `personal` block, by the kind of its value.
    Personal(EntityKind),
    /// The `location` of a job, a school or anything but the candidate.
    Place,
    /// A `startDate`, `endDate`, `date` or `releaseDate`.
    Date,
    /// Anything else: free text.
    Text,
}

impl Field {
    /// The entity a value of this field is, and whether it is the candidate's home.
    pub fn kind(self) -> Option<(EntityKind, bool)> {
        use EntityKind as K;
        use Field as F;
        let kind = match self {
            F::BasicsName | F::ReferenceName => K::Person,
            F::BasicsEmail | F::BasicsEmails | F::ReferenceEmail => K::Email,
            F::BasicsPhone | F::BasicsPhones | F::ReferencePhone => K::Phone,
            F::BasicsUrl | F::BasicsUrls | F::SocialProfileUrl => K::Url,
            F::SocialProfileUsername => K::Handle,
            F::BasicsImage => K::Photo,
            F::LocationAddress => K::Address,
            F::LocationPostalCode => K::Postcode,
            F::LocationCity | F::LocationRegion => return Some((K::Location, true)),
            F::WorkName | F::WorkUrl | F::VolunteerOrganization | F::VolunteerUrl | F::AwardAwarder | F::PublicationPublisher | F::CertificateIssuer | F::ReferenceOrganization => K::Org,
            F::EducationInstitution | F::EducationUrl => K::School,
            F::AwardTitle => K::Award,
            F::PublicationName | F::PublicationUrl => K::Publication,
            F::Personal(kind) => kind,
            F::Place => K::Location,
            F::Date => K::Date,
            F::BasicsLabel
            | F::LocationCountryCode
            | F::WorkPosition
            | F::VolunteerPosition
            | F::EducationStudyType
            | F::EducationArea
            | F::SkillName
            | F::SkillKeywords
            | F::LanguageName
            | F::Text => return None,
        };
        Some((kind, false))
    }

    /// A job title, skill, spoken language or degree: what a blind screen keeps at every level.
    pub fn is_career(self) -> bool {
        use Field as F;
        matches!(self, F::BasicsLabel | F::WorkPosition | F::VolunteerPosition | F::SkillName | F::SkillKeywords | F::LanguageName | F::EducationStudyType | F::EducationArea)
    }

    /// An employer or a school, kept below `thorough`.
    pub fn is_organisation(self) -> bool {
        use Field as F;
        matches!(self, F::WorkName | F::VolunteerOrganization | F::EducationInstitution | F::CertificateIssuer)
    }
}

/// Which object of the types a JSON object stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Profile,
    Basics,
    Location,
    SocialProfile,
    Work,
    Volunteer,
    Education,
    Award,
    Publication,
    Certificate,
    Skill,
    Language,
    Reference,
    Personal,
    /// An object the types do not describe.
    Other,
}

impl Node {
    /// The node of the object under `key`.
    fn child(self, key: &str) -> Node {
        CHILDREN.iter().find(|(parent, k, _)| *parent == self && *k == key).map_or(Node::Other, |&(_, _, child)| child)
    }

    /// The field of a value under `key`.
    fn field(self, key: &str) -> Field {
        if let Some(&(_, _, field)) = FIELDS.iter().find(|(node, k, _)| *node == self && *k == key) {
            return field;
        }
        match key {
            "location" => Field::Place,
            "startDate" | "endDate" | "date" | "releaseDate" => Field::Date,
            _ => Field::Text,
        }
    }

    /// The type this node stands for, as the profile's JSON Schema names it.
    #[cfg(test)]
    fn schema_name(self) -> Option<&'static str> {
        Some(match self {
            Node::Profile => return None,
            Node::Basics => "Basics",
            Node::Location => "Location",
            Node::SocialProfile => "SocialProfile",
            Node::Work => "Work",
            Node::Volunteer => "Volunteer",
            Node::Education => "Education",
            Node::Award => "Award",
            Node::Publication => "Publication",
            Node::Certificate => "Certificate",
            Node::Skill => "Skill",
            Node::Language => "Language",
            Node::Reference => "Reference",
            Node::Personal | Node::Other => return None,
        })
    }
}

/// Objects of the types, by the key they stand under.
const CHILDREN: [(Node, &str, Node); 13] = [
    (Node::Profile, "basics", Node::Basics),
    (Node::Profile, "work", Node::Work),
    (Node::Profile, "volunteer", Node::Volunteer),
    (Node::Profile, "education", Node::Education),
    (Node::Profile, "awards", Node::Award),
    (Node::Profile, "publications", Node::Publication),
    (Node::Profile, "certificates", Node::Certificate),
    (Node::Profile, "skills", Node::Skill),
    (Node::Profile, "languages", Node::Language),
    (Node::Profile, "references", Node::Reference),
    (Node::Profile, "personal", Node::Personal),
    (Node::Basics, "location", Node::Location),
    (Node::Basics, "profiles", Node::SocialProfile),
];

/// The fields that mean something, by the object and key they stand under.
const FIELDS: &[(Node, &str, Field)] = {
    use EntityKind as K;
    use Field as F;
    use Node as N;
    &[
        (N::Basics, "name", F::BasicsName),
        (N::Basics, "label", F::BasicsLabel),
        (N::Basics, "email", F::BasicsEmail),
        (N::Basics, "emails", F::BasicsEmails),
        (N::Basics, "phone", F::BasicsPhone),
        (N::Basics, "phones", F::BasicsPhones),
        (N::Basics, "url", F::BasicsUrl),
        (N::Basics, "urls", F::BasicsUrls),
        (N::Basics, "image", F::BasicsImage),
        // The candidate's location written as one string is free text.
        (N::Basics, "location", F::Text),
        (N::Location, "address", F::LocationAddress),
        (N::Location, "postalCode", F::LocationPostalCode),
        (N::Location, "city", F::LocationCity),
        (N::Location, "region", F::LocationRegion),
        (N::Location, "countryCode", F::LocationCountryCode),
        (N::SocialProfile, "username", F::SocialProfileUsername),
        (N::SocialProfile, "url", F::SocialProfileUrl),
        (N::Work, "name", F::WorkName),
        (N::Work, "position", F::WorkPosition),
        (N::Work, "url", F::WorkUrl),
        (N::Volunteer, "organization", F::VolunteerOrganization),
        (N::Volunteer, "position", F::VolunteerPosition),
        (N::Volunteer, "url", F::VolunteerUrl),
        (N::Education, "institution", F::EducationInstitution),
        (N::Education, "url", F::EducationUrl),
        (N::Education, "studyType", F::EducationStudyType),
        (N::Education, "area", F::EducationArea),
        (N::Award, "title", F::AwardTitle),
        (N::Award, "awarder", F::AwardAwarder),
        (N::Publication, "name", F::PublicationName),
        (N::Publication, "publisher", F::PublicationPublisher),
        (N::Publication, "url", F::PublicationUrl),
        (N::Certificate, "issuer", F::CertificateIssuer),
        (N::Skill, "name", F::SkillName),
        (N::Skill, "keywords", F::SkillKeywords),
        (N::Language, "language", F::LanguageName),
        (N::Reference, "name", F::ReferenceName),
        (N::Reference, "email", F::ReferenceEmail),
        (N::Reference, "phone", F::ReferencePhone),
        (N::Reference, "organization", F::ReferenceOrganization),
        (N::Personal, "fatherName", F::Personal(K::Person)),
        (N::Personal, "motherName", F::Personal(K::Person)),
        (N::Personal, "spouseName", F::Personal(K::Person)),
        (N::Personal, "photo", F::Personal(K::Photo)),
        (N::Personal, "dateOfBirth", F::Personal(K::DateOfBirth)),
        (N::Personal, "birthDate", F::Personal(K::DateOfBirth)),
        (N::Personal, "age", F::Personal(K::Age)),
        (N::Personal, "gender", F::Personal(K::Gender)),
        (N::Personal, "pronouns", F::Personal(K::Gender)),
        (N::Personal, "nationality", F::Personal(K::Nationality)),
        (N::Personal, "citizenship", F::Personal(K::Nationality)),
        (N::Personal, "placeOfBirth", F::Personal(K::PlaceOfBirth)),
        (N::Personal, "birthPlace", F::Personal(K::PlaceOfBirth)),
        (N::Personal, "maritalStatus", F::Personal(K::MaritalStatus)),
        (N::Personal, "children", F::Personal(K::MaritalStatus)),
        (N::Personal, "religion", F::Personal(K::Religion)),
        (N::Personal, "health", F::Personal(K::Health)),
        (N::Personal, "disability", F::Personal(K::Health)),
        (N::Personal, "idNumber", F::Personal(K::IdNumber)),
        (N::Personal, "socialSecurityNumber", F::Personal(K::IdNumber)),
        (N::Personal, "passport", F::Personal(K::IdNumber)),
    ]
};

/// Call `f` with every string of `profile` and its field (array items share their array's).
pub fn visit(profile: &Value, f: &mut impl FnMut(Field, &str)) {
    visit_in(profile, Node::Profile, Field::Text, f);
}

fn visit_in(value: &Value, node: Node, field: Field, f: &mut impl FnMut(Field, &str)) {
    match value {
        Value::Object(map) => map.iter().for_each(|(key, child)| visit_in(child, node.child(key), node.field(key), f)),
        Value::Array(items) => items.iter().for_each(|item| visit_in(item, node, field, f)),
        Value::String(s) => f(field, s),
        _ => {}
    }
}

/// Call `f` with every value of `profile` that is neither an object nor an array, and its field,
/// letting it replace the value.
pub fn visit_mut(profile: &mut Value, f: &mut impl FnMut(Field, &mut Value) -> Result<()>) -> Result<()> {
    visit_mut_in(profile, Node::Profile, Field::Text, f)
}

fn visit_mut_in(value: &mut Value, node: Node, field: Field, f: &mut impl FnMut(Field, &mut Value) -> Result<()>) -> Result<()> {
    match value {
        Value::Object(map) => map.iter_mut().try_for_each(|(key, child)| visit_mut_in(child, node.child(key), node.field(key), f)),
        Value::Array(items) => items.iter_mut().try_for_each(|item| visit_mut_in(item, node, field, f)),
        leaf => f(field, leaf),
    }
}

/// The first string of `field` in `profile`, as written.
pub fn first(profile: &Value, field: Field) -> Option<String> {
    let mut found = None;
    visit(profile, &mut |f: Field, s: &str| {
        if f == field && found.is_none() {
            found = Some(s.to_string());
        }
    });
    found
}

/// Every value of a known kind but the candidate's name (which is matched through its variants),
/// trimmed, when it holds at least two letters or digits: (value, kind, home).
pub fn known_values(profile: &Value) -> Vec<(String, EntityKind, bool)> {
    let mut out = Vec::new();
    visit(profile, &mut |field: Field, s: &str| {
        if let Some((kind, home)) = field.kind().filter(|_| field != Field::BasicsName) {
            if s.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
                out.push((s.trim().to_string(), kind, home));
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Keys the walk gives meaning to that our own types do not have: other tools' profiles carry
    /// them (JSON Resume's photo, referees' contacts), and they must be anonymised too.
    const EXTENSIONS: [(Node, &str); 4] = [(Node::Basics, "image"), (Node::Reference, "email"), (Node::Reference, "phone"), (Node::Reference, "organization")];

    #[test]
    fn every_field_is_a_property_of_its_type() {
        let schema = super::super::schema::json_schema();
        let properties = |node: Node| -> Vec<String> {
            let def = match node.schema_name() {
                Some(name) => &schema["$defs"][name],
                None => &schema,
            };
            def["properties"].as_object().map(|p| p.keys().cloned().collect()).unwrap_or_default()
        };
        for (parent, key, _) in CHILDREN.iter().filter(|c| c.2 != Node::Personal) {
            assert!(properties(*parent).iter().any(|p| p == key), "{parent:?} has no {key}");
        }
        for (node, key, _) in FIELDS.iter().filter(|f| f.0 != Node::Personal && !EXTENSIONS.contains(&(f.0, f.1))) {
            assert!(node.schema_name().is_some() && properties(*node).iter().any(|p| p == key), "{node:?} has no {key}");
        }
    }

    #[test]
    fn values_are_named_by_their_field_and_replaced_in_place() {
        let mut profile = json!({
            "basics": {"name": "Ana", "emails": ["a@x.de", "b@x.de"], "location": {"city": "Köln"}, "summary": "Hi"},
            "work": [{"name": "Klinikum", "position": "Nurse", "location": "Bonn", "startDate": "2019", "extra": {"name": "x"}}],
            "personal": {"age": 34},
        });
        let mut seen = Vec::new();
        visit(&profile, &mut |field: Field, s: &str| seen.push((field, s.to_string())));
        let fields: Vec<Field> = seen.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [Field::BasicsName, Field::BasicsEmails, Field::BasicsEmails, Field::LocationCity, Field::Text, Field::WorkName, Field::WorkPosition, Field::Place, Field::Date, Field::Text]
        );
        assert_eq!(first(&profile, Field::WorkPosition).as_deref(), Some("Nurse"));
        visit_mut(&mut profile, &mut |field: Field, value: &mut Value| {
            if field == Field::Personal(EntityKind::Age) {
                *value = Value::String("[AGE]".into());
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(profile["personal"]["age"], "[AGE]");
        assert_eq!(profile["work"][0]["extra"]["name"], "x");
    }
}
