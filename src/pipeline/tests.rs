//! End-to-end tests of detection and anonymisation on hand-made detections.

use super::*;
use crate::anonymize::{reidentify, reidentify_profile, Key, Level, ModelInfo, Operator};
use crate::detect::Zone;
use crate::entities::{Entity, EntityKind};
use crate::error::ErrorCode;
use serde_json::json;
use EntityKind as K;

const TEXT: &str = "John Smith\nTacoma, WA | 253-555-0182 | jsmith@example.net\nExperience\nBlue Fin, Pueblo, Colorado, Engineer\nMar. 2019 – Current\nReferences\nJane Roe, Blue Fin, jane@roe.com\n";

fn span(kind: EntityKind, needle: &str, detector: &'static str) -> Entity {
    let start = TEXT.find(needle).unwrap();
    Entity::new(kind, start, start + needle.len(), 0.9, detector)
}

fn detections() -> Detections {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, line) in TEXT.split('\n').enumerate() {
        let zone = match i {
            0 | 1 => Zone::Contact,
            6 => Zone::References,
            _ => Zone::Other,
        };
        lines.push((start, start + line.len(), zone));
        start += line.len() + 1;
    }
    Detections {
        rules: vec![span(K::Phone, "253-555-0182", "phone"), span(K::Email, "jsmith@example.net", "email"), span(K::Email, "jane@roe.com", "email")],
        model: vec![
            span(K::Person, "John Smith", "anonymizer_model"),
            span(K::Location, "Tacoma, WA", "anonymizer_model"),
            span(K::Org, "Blue Fin", "anonymizer_model"),
            span(K::Location, "Pueblo, Colorado", "anonymizer_model"),
            span(K::Person, "Jane Roe", "anonymizer_model"),
            Entity::new(K::Date, TEXT.find("Mar.").unwrap(), TEXT.find("Current").unwrap() + 7, 0.9, "parser_model"),
        ],
        lines,
        profile: None,
        models: vec![ModelInfo { name: "anonymizer".into(), version: "test".into() }],
        warnings: Vec::new(),
    }
}

fn run(level: Level) -> Anonymized {
    anonymize_detected(TEXT, detections(), &AnonymizeOptions { level, ..Default::default() }).unwrap()
}

#[test]
fn basic_removes_direct_identifiers_and_keeps_the_career() {
    let out = run(Level::Basic);
    let text = out.text.as_deref().unwrap();
    assert_eq!(text.lines().count(), TEXT.lines().count());
    for gone in ["John", "Smith", "253-555", "jsmith", "Tacoma", "Jane Roe", "jane@roe.com"] {
        assert!(!text.contains(gone), "{gone} survived:\n{text}");
    }
    assert!(text.starts_with("[NAME]\nUnited States | [PHONE] | [EMAIL]\n"), "{text}");
    assert!(text.contains("Blue Fin, Pueblo, Colorado, Engineer\nMar. 2019 – Current"), "{text}");
    assert_eq!(out.counts.get("PERSON"), Some(&2));
    assert!(out.redactions.iter().all(|r| r.original.is_none()));
    assert!(out.meta.candidate_name_known);
}

#[test]
fn moderate_drops_the_references_section() {
    let out = run(Level::Moderate);
    let text = out.text.as_deref().unwrap();
    assert!(text.contains("References\n[REFERENCES AVAILABLE ON REQUEST]\n"), "{text}");
    assert_eq!(out.counts.get("REFERENCES_SECTION"), Some(&1));
}

#[test]
fn thorough_pseudonymises_organisations_consistently_and_coarsens_dates() {
    let out = run(Level::Thorough);
    let text = out.text.as_deref().unwrap();
    assert!(text.contains("Company A, United States, Engineer\n2019 – present"), "{text}");
    assert!(!text.contains("Blue Fin"), "{text}");
}

#[test]
fn overrides_replace_the_default_operator() {
    let mut opts = AnonymizeOptions { level: Level::Basic, ..Default::default() };
    opts.operators.insert(K::Person, Operator::Pseudonym);
    opts.operators.insert(K::Phone, Operator::Mask);
    let out = anonymize_detected(TEXT, detections(), &opts).unwrap();
    let text = out.text.unwrap();
    assert!(text.starts_with("Person A\nUnited States | ***-***-**** |"), "{text}");
    assert!(text.contains("Person B, Blue Fin"), "{text}");
}

#[test]
fn reversible_mode_round_trips_and_a_wrong_key_is_refused() {
    let key = Key::new([42; 32]);
    for level in Level::ALL {
        let opts = AnonymizeOptions { level, key: Some(key.clone()), ..Default::default() };
        let out = anonymize_detected(TEXT, detections(), &opts).unwrap();
        assert!(out.meta.reversible);
        let json = serde_json::to_string(&out).unwrap();
        assert!(!json.contains("jsmith") && !json.contains("Jane"), "{json}");
        assert_eq!(reidentify(&out, &key).unwrap(), TEXT);
        let err = reidentify(&out, &Key::new([43; 32])).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidKey);
    }
    let plain = run(Level::Basic);
    assert_eq!(reidentify(&plain, &key).unwrap_err().code, ErrorCode::InvalidKey);
}

#[test]
fn reversible_mode_restores_the_profile_too() {
    let key = Key::new([42; 32]);
    let original = json!({
        "basics": {"name": "John Smith", "email": "jsmith@example.net", "summary": "John Smith built Blue Fin's CI.",
                   "location": {"city": "Tacoma", "region": "WA"}},
        "work": [{"name": "Blue Fin", "position": "Engineer", "startDate": "2019-03"}],
        "personal": {"age": 34},
        "references": [{"name": "Jane Roe", "email": "jane@roe.com"}],
    });
    for level in Level::ALL {
        let mut det = detections();
        det.profile = Some(original.clone());
        let opts = AnonymizeOptions { level, key: Some(key.clone()), ..Default::default() };
        let out = anonymize_detected(TEXT, det, &opts).unwrap();
        assert_ne!(out.profile.as_ref(), Some(&original));
        let json = serde_json::to_string(&out).unwrap();
        assert!(!json.contains("jsmith") && !json.contains("Jane"), "{json}");
        assert_eq!(reidentify_profile(&out, &key).unwrap(), original, "{level}");
        assert_eq!(reidentify(&out, &key).unwrap(), TEXT);
        assert_eq!(reidentify_profile(&out, &Key::new([43; 32])).unwrap_err().code, ErrorCode::InvalidKey);

        let alone = anonymize_profile_only(&original, &opts).unwrap();
        assert!(alone.meta.reversible);
        assert_eq!(reidentify_profile(&alone, &key).unwrap(), original, "{level}");
    }
    let plain = anonymize_profile_only(&original, &AnonymizeOptions::default()).unwrap();
    assert!(plain.profile_originals.is_empty());
    assert_eq!(reidentify_profile(&plain, &key).unwrap_err().code, ErrorCode::InvalidKey);
}

#[test]
fn the_profile_is_anonymised_with_the_same_pseudonyms_as_the_text() {
    let mut det = detections();
    det.profile = Some(json!({
        "basics": {"name": "John Smith", "email": "jsmith@example.net", "summary": "John Smith built Blue Fin's CI."},
        "work": [{"name": "Blue Fin", "position": "Engineer", "startDate": "2019-03"}],
    }));
    let out = anonymize_detected(TEXT, det, &AnonymizeOptions { level: Level::Thorough, ..Default::default() }).unwrap();
    let profile = out.profile.unwrap();
    assert_eq!(profile["basics"]["name"], "[NAME]");
    assert_eq!(profile["basics"]["summary"], "[NAME] built Company A's CI.");
    assert_eq!(profile["work"][0]["name"], "Company A");
    assert_eq!(profile["work"][0]["startDate"], "2019");
}

#[test]
fn profiles_alone_are_anonymised() {
    let profile = json!({"basics": {"name": "Ana Müller", "phone": "+49 170 1234567", "summary": "Ana leads."}, "education": [{"institution": "TU Berlin"}]});
    let out = anonymize_profile_only(&profile, &AnonymizeOptions { level: Level::Thorough, ..Default::default() }).unwrap();
    let p = out.profile.unwrap();
    assert_eq!(p["basics"]["phone"], "[PHONE]");
    assert_eq!(p["basics"]["summary"], "[NAME] leads.");
    assert_eq!(p["education"][0]["institution"], "School A");
    assert!(out.text.is_none());
}

#[test]
fn profiles_alone_keep_their_own_keys_in_their_order() {
    let profile = json!({
        "work": [{"position": "Nurse", "name": "Klinikum Nord", "team": "ICU"}],
        "basics": {"name": "Ana Berg", "custom": {"note": "Ana Berg likes tea"}},
    });
    let out = anonymize_profile_only(&profile, &AnonymizeOptions { level: Level::Thorough, ..Default::default() }).unwrap();
    assert_eq!(
        serde_json::to_string(&out.profile.unwrap()).unwrap(),
        r#"{"work":[{"position":"Nurse","name":"Company A","team":"ICU"}],"basics":{"name":"[NAME]","custom":{"note":"[NAME] likes tea"}}}"#
    );
}

#[test]
fn options_parse_from_json_and_refuse_typos() {
    let opts: AnonymizeOptions = serde_json::from_str(r#"{"level": "thorough", "operators": {"PERSON": "pseudonym"}}"#).unwrap();
    assert_eq!(opts.level, Level::Thorough);
    assert_eq!(opts.operator_for(K::Person, false), Operator::Pseudonym);
    assert!(serde_json::from_str::<AnonymizeOptions>(r#"{"levle": "basic"}"#).is_err());
}

#[test]
fn hostile_spans_do_not_panic() {
    let mut det = detections();
    det.rules.push(Entity::new(K::Email, 5, 3, 1.0, "email"));
    det.rules.push(Entity::new(K::Email, 0, usize::MAX, 1.0, "email"));
    det.model.push(Entity::new(K::Person, TEXT.len() - 1, TEXT.len() + 10, 1.0, "m"));
    let out = anonymize_detected(TEXT, det, &AnonymizeOptions::default()).unwrap();
    assert!(out.text.is_some());
    assert!(anonymize_detected("", Detections::default(), &AnonymizeOptions::default()).is_ok());
}

#[test]
fn one_budget_bounds_the_whole_call() {
    use crate::extract::extract_within;
    use crate::limits::Limits;
    let opts = AnonymizeOptions { level: Level::Thorough, ..Default::default() };
    let hint = Some("cv.txt");
    // The work each stage spends alone, on a budget of its own.
    let alone = |stage: &mut dyn FnMut(&mut Budget) -> Result<()>| {
        let mut budget = Budget::new(&Limits::default());
        stage(&mut budget).unwrap();
        budget.work_spent()
    };
    let doc = extract_within(TEXT.as_bytes(), hint, &mut Budget::new(&Limits::default())).unwrap();
    let view = TextView::new(&doc);
    let det = detect::detect(&doc, &view, detect_options(&opts), &mut Budget::new(&Limits::default())).unwrap();
    let stages = [
        alone(&mut |b| extract_within(TEXT.as_bytes(), hint, b).map(drop)),
        alone(&mut |b| detect::detect(&doc, &view, detect_options(&opts), b).map(drop)),
        alone(&mut |b| detected_within(view.text(), det.clone(), &opts, b).map(drop)),
    ];
    let largest = stages.iter().copied().max().unwrap();
    let total: u64 = stages.iter().sum();
    assert!(total >= largest + 2, "{stages:?}");
    let between = Limits { max_work: largest + (total - largest) / 2, ..Limits::default() };
    let err = anonymize(AnonymizeInput::Text(TEXT), &AnonymizeOptions { limits: between, ..opts.clone() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::LimitExceeded, "{stages:?}");
    let enough = Limits { max_work: total, ..Limits::default() };
    assert!(anonymize(AnonymizeInput::Text(TEXT), &AnonymizeOptions { limits: enough, ..opts }).is_ok(), "{stages:?}");
}

#[test]
fn basic_removes_given_and_family_name_fields_and_the_names_other_forms_as_person() {
    // Written as extraction lays text out (no blank lines, single spaces): redaction offsets are the input's.
    let cv = "Prénom : Camille\nNom : Lefranc-Moreau\n4 rue des Exemples, 35000 Rennes\ncamille.lm@example.org\nEXPÉRIENCE\n2019 – 2022 Chargée de communication, Exemple Conseil\nLettre signée : Camille L.\n";
    let out = anonymize(AnonymizeInput::Text(cv), &AnonymizeOptions { level: Level::Basic, ..Default::default() }).unwrap();
    let text = out.text.as_deref().unwrap();
    for gone in ["Camille", "Lefranc", "Moreau", "L."] {
        assert!(!text.contains(gone), "{gone} survived:\n{text}");
    }
    for value in ["Camille", "Lefranc-Moreau", "Camille L."] {
        let at = cv.find(value).unwrap();
        let hit = out.redactions.iter().find(|r| r.start <= at && at + value.len() <= r.end);
        assert_eq!(hit.map(|r| r.target), Some(crate::anonymize::Target::Kind(K::Person)), "{value}: {text}");
    }
    assert!(out.meta.candidate_name_known);
}
