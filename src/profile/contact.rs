//! `basics`: contacts (from the rule detectors' e-mail, phone and URL spans), social profiles,
//! the candidate's place, the headline under the name and the summary.

use crate::document::Link;
use crate::entities::{Entity, EntityKind};
use crate::text_view::TextView;

use super::cells::undouble;
use super::roles;
use super::types::{Basics, Location, SocialProfile};

/// What separates the pieces of a contact line.
const PIECE_SEPARATORS: [char; 5] = ['|', '•', '·', '\t', '▪'];

/// Labels in front of a place in a contact block.
const PLACE_LABELS: &[&str] = &[
    "location", "address", "adresse", "anschrift", "wohnort", "dirección", "direccion", "domicilio", "indirizzo",
    "adres", "woonplaats", "morada", "endereço", "adres zamieszkania", "ort", "ciudad", "ville", "città",
];

/// E-mails, phones and URLs as written, in order, without repeats.
pub fn contacts(text: &str, entities: &[Entity], kind: EntityKind) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in entities.iter().filter(|e| e.kind == kind) {
        let mut t = undouble(e.text(text)).trim().to_string();
        if matches!(kind, EntityKind::Email | EntityKind::Url) {
            // An address wrapped by a narrow column spans the line break.
            t.retain(|c| c != '\n');
        }
        let key = contact_key(&t, kind);
        if !t.is_empty() && !out.iter().any(|o| contact_key(o, kind) == key) {
            out.push(t);
        }
    }
    out
}

/// What makes two contacts the same: digits for phones, case-folded text otherwise.
fn contact_key(s: &str, kind: EntityKind) -> String {
    match kind {
        EntityKind::Phone => s.chars().filter(char::is_ascii_digit).collect(),
        _ => s.trim_end_matches('/').trim_start_matches("https://").trim_start_matches("http://").to_lowercase(),
    }
}

/// The social profile a URL points at, if it is a known network (detect's URL helpers).
pub fn social_profile(url: &str) -> Option<SocialProfile> {
    let p = crate::entities::profile_in_url(url)?;
    Some(SocialProfile { network: Some(p.network.to_string()), username: Some(p.username), url: Some(url.to_string()) })
}

/// A network's home page without a user ("linkedin.com") is no personal site.
fn is_network_home(url: &str) -> bool {
    let lower = url.to_lowercase();
    ["linkedin.", "github.", "gitlab.", "xing.", "twitter.", "facebook.", "instagram."].iter().any(|h| lower.contains(h))
}

/// Fill `basics` contacts from the rule spans (`entities` already limited to the candidate's
/// own parts of the document) and the document's hyperlinks.
pub fn fill_contacts(basics: &mut Basics, text: &str, entities: &[Entity], links: &[Link]) {
    basics.emails = contacts(text, entities, EntityKind::Email);
    basics.phones = contacts(text, entities, EntityKind::Phone);
    basics.urls = contacts(text, entities, EntityKind::Url);
    basics.email = basics.emails.first().cloned();
    basics.phone = basics.phones.first().cloned();
    let mut profiles: Vec<SocialProfile> = Vec::new();
    let link_urls = links.iter().map(|l| l.url.trim_start_matches("mailto:")).filter(|u| !u.contains('@'));
    for url in basics.urls.iter().map(String::as_str).chain(link_urls) {
        match social_profile(url) {
            Some(p) => {
                let same = |q: &SocialProfile| q.network == p.network && q.username.as_deref().map(str::to_lowercase) == p.username.as_deref().map(str::to_lowercase);
                if !profiles.iter().any(same) {
                    profiles.push(p);
                }
            }
            None if basics.url.is_none() && !is_network_home(url) && basics.urls.iter().any(|u| u == url) => basics.url = Some(url.to_string()),
            None => {}
        }
    }
    // Handles written without a URL ("GitHub: jdoe") arrive as HANDLE spans.
    for e in entities.iter().filter(|e| e.kind == EntityKind::Handle) {
        let t = e.text(text).trim().trim_start_matches('@').to_string();
        if !t.is_empty() && !profiles.iter().any(|p| p.username.as_deref() == Some(t.as_str())) {
            profiles.push(SocialProfile { network: None, username: Some(t), url: None });
        }
    }
    basics.profiles = profiles;
}

/// Phones the detector left alone in the contact block, found by the block's structure: a
/// cell of its own (between tab stops, pipes, bullets, or the whole line) holding only a phone's
/// characters with 8 to 15 digits, bare or after a phone label ("Mobil: 00935 73197",
/// "… 5029 Bure  Cellulare: 392258928  E-mail: …"). Dates and other labelled numbers are not.
pub fn add_cell_phones(basics: &mut Basics, view: &TextView, lines: &[usize]) {
    for &i in lines {
        let line = view.line_text(i);
        for cell in line.split(['|', '•', '·', '\t', '▪']).flat_map(|c| c.split("  ")).map(str::trim) {
            let value = match cell.rsplit_once(':') {
                Some((label, value)) if label.split_whitespace().count() <= 2 => {
                    let word = label.trim().trim_end_matches('.').to_lowercase();
                    if !crate::entities::phone::is_cue(&word) {
                        continue;
                    }
                    value.trim()
                }
                Some(_) => continue,
                None => cell,
            };
            let digits = value.chars().filter(char::is_ascii_digit).count();
            let phone_chars = value.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-' | '.' | '/'));
            let key: String = value.chars().filter(char::is_ascii_digit).collect();
            let known = basics.phones.iter().any(|p| p.chars().filter(char::is_ascii_digit).collect::<String>() == key);
            if phone_chars && (8..=15).contains(&digits) && !known && crate::dates::find_dates(value).is_empty() {
                basics.phones.push(value.to_string());
            }
        }
    }
    if basics.phone.is_none() {
        basics.phone = basics.phones.first().cloned();
    }
}

/// The candidate's place from the header lines: a labelled address, a "City, ST" piece, or the
/// model's first place there that is no part of the candidate's `name` (the model reads a
/// double name's second half, "-Lestrade", as a place now and then).
pub fn find_location(view: &TextView, lines: &[usize], model: &[Entity], name: Option<&str>) -> Option<Location> {
    let text = view.text();
    for &i in lines {
        let line = view.line_text(i);
        if let Some((label, rest)) = line.split_once(':') {
            // "City: Town | Country: Spain": the value ends at the next piece's separator.
            let value = rest.split(PIECE_SEPARATORS).next().unwrap_or("").trim();
            if PLACE_LABELS.contains(&label.trim().to_lowercase().as_str()) && !value.is_empty() {
                return Some(parse_place(value));
            }
        }
        for piece in line.split(PIECE_SEPARATORS).map(str::trim) {
            if roles::looks_like_location(piece) && piece.contains(',') {
                return Some(parse_place(piece));
            }
        }
    }
    let name_words: Vec<String> = name.map(name_words).unwrap_or_default();
    let of_name = |s: &str| name_words_of(s).all(|w| name_words.contains(&w));
    // "Telegram: @handle": a word before its colon is a field's label, not a place.
    let labels = |e: &Entity| text.get(e.end..).is_some_and(|r| r.trim_start_matches([' ', '\t']).starts_with([':', '：']));
    let span = model.iter().find(|e| e.kind == EntityKind::Location && view.line_of(e.start).is_some_and(|l| lines.contains(&l)) && !of_name(e.text(text)) && !labels(e))?;
    Some(parse_place(span.text(text)))
}

/// The lower-case words of a name, its double names split ("Vannier-Lestrade" → two).
fn name_words(name: &str) -> Vec<String> {
    name_words_of(name).collect()
}

fn name_words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == ',').filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// "Seattle, WA" → city + region; "Main St 5, 80363 Burg" → address, postal code, city.
pub fn parse_place(s: &str) -> Location {
    let parts: Vec<&str> = s.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut loc = Location::default();
    match parts.as_slice() {
        [one] => loc.city = Some(one.to_string()),
        [city, region] if roles::is_region(region) => {
            loc.city = Some(city.to_string());
            // "WA 98101": a region code and its postcode; "United Kingdom" is one region.
            match region.split_once(' ') {
                Some((code, zip)) if zip.chars().any(|c| c.is_ascii_digit()) => {
                    loc.region = Some(code.to_string());
                    loc.postal_code = Some(zip.trim().to_string());
                }
                _ => loc.region = Some(region.to_string()),
            }
        }
        [first, .., last] => {
            // "<street>, <postcode> <city>" or "<city>, <country>".
            // "Bengaluru - 560041": a dash between town and PIN is neither.
            let words: Vec<&str> = last.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
            // "3512 HK Utrecht": a Dutch postcode's two letters belong to its digits.
            let dutch_letters = |i: usize| {
                let four_digits = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
                i > 0 && words.get(i).is_some_and(|w| w.len() == 2 && w.chars().all(|c| c.is_ascii_uppercase())) && words.get(i - 1).is_some_and(|w| four_digits(w))
            };
            let (mut code, mut city): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
            for (i, w) in words.iter().enumerate() {
                if dutch_letters(i) || w.chars().any(|c| c.is_ascii_digit()) { code.push(w) } else { city.push(w) }
            }
            if !code.is_empty() && !city.is_empty() {
                loc.address = Some(parts.get(..parts.len() - 1).unwrap_or(&[]).join(", "));
                loc.postal_code = Some(code.join(" "));
                loc.city = Some(city.join(" "));
            } else {
                loc.city = Some(first.to_string());
                loc.region = Some(last.to_string());
            }
        }
        [] => {}
    }
    loc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_from_urls() {
        let p = social_profile("linkedin.com/in/john-doe").unwrap();
        assert_eq!(p.network.as_deref(), Some("LinkedIn"));
        assert_eq!(p.username.as_deref(), Some("john-doe"));
        let p = social_profile("https://github.com/JDoe/repo").unwrap();
        assert_eq!(p.username.as_deref(), Some("JDoe"));
        assert!(social_profile("www.janedoe.dev").is_none());
        assert!(is_network_home("linkedin.com"));
    }

    #[test]
    fn places() {
        let l = parse_place("Seattle, WA");
        assert_eq!((l.city.as_deref(), l.region.as_deref()), (Some("Seattle"), Some("WA")));
        let l = parse_place("Seattle, WA 98101");
        assert_eq!((l.region.as_deref(), l.postal_code.as_deref()), (Some("WA"), Some("98101")));
        let l = parse_place("14, 3rd Cross, Hainpur - 560041");
        assert_eq!((l.city.as_deref(), l.postal_code.as_deref()), (Some("Hainpur"), Some("560041")));
        let l = parse_place("Hainburg, United Kingdom");
        assert_eq!((l.city.as_deref(), l.region.as_deref(), l.postal_code.as_deref()), (Some("Hainburg"), Some("United Kingdom"), None));
        let l = parse_place("Dittmar-Knappe-Ring 9837, 80363 Burg");
        assert_eq!(l.address.as_deref(), Some("Dittmar-Knappe-Ring 9837"));
        assert_eq!(l.postal_code.as_deref(), Some("80363"));
        assert_eq!(l.city.as_deref(), Some("Burg"));
        let l = parse_place("Dorpsweg 8, 1234 AB Leerdam");
        assert_eq!((l.postal_code.as_deref(), l.city.as_deref()), (Some("1234 AB"), Some("Leerdam")));
    }

    fn doc(lines: &[&str]) -> crate::document::Document {
        use crate::document::{Document, Format, Line, Metadata};
        Document::flow(Format::Txt, Metadata::default(), lines.iter().map(|t| Line::plain(*t)).collect(), Vec::new())
    }

    #[test]
    fn no_place_from_the_candidates_double_name() {
        let d = doc(&["Ines Marlowe-Tessier", "ines@example.org — Avignon"]);
        let v = TextView::new(&d);
        let at = |s: &str| v.text().find(s).unwrap_or(0);
        let half = Entity::new(EntityKind::Location, at("-Tessier"), at("-Tessier") + 8, 0.9, "model");
        let town = Entity::new(EntityKind::Location, at("Avignon"), at("Avignon") + 7, 0.9, "model");
        let model = [half, town];
        let loc = find_location(&v, &[0, 1], &model, Some("Ines Marlowe-Tessier")).unwrap_or_default();
        assert_eq!(loc.city.as_deref(), Some("Avignon"));
        assert_eq!(find_location(&v, &[0, 1], &model, None).unwrap_or_default().city.as_deref(), Some("-Tessier"));
    }

    #[test]
    fn a_model_place_before_a_colon_is_a_label() {
        let d = doc(&["Noa Brandvik", "Signal: @noab | Quimper"]);
        let v = TextView::new(&d);
        let at = |s: &str| v.text().find(s).unwrap_or(0);
        let model = [Entity::new(EntityKind::Location, at("Signal"), at("Signal") + 6, 0.9, "model"), Entity::new(EntityKind::Location, at("Quimper"), at("Quimper") + 7, 0.9, "model")];
        assert_eq!(find_location(&v, &[0, 1], &model, None).unwrap_or_default().city.as_deref(), Some("Quimper"));
    }

    #[test]
    fn a_labelled_place_ends_at_the_next_piece() {
        let d = doc(&["Noa Brandvik", "Ville : Quimper | Pays : France"]);
        let v = TextView::new(&d);
        assert_eq!(find_location(&v, &[0, 1], &[], None).unwrap_or_default().city.as_deref(), Some("Quimper"));
    }

    #[test]
    fn phones_in_contact_cells() {
        let d = doc(&["Mobil: 00935 73197", "Helenapad 89, 1093 YT Obdam  01174960962  a@b.nl", "Steuer-ID: 12345678901", "2019 - 2021"]);
        let v = TextView::new(&d);
        let mut b = Basics::default();
        add_cell_phones(&mut b, &v, &[0, 1, 2, 3]);
        assert_eq!(b.phones, ["00935 73197", "01174960962"]);
        assert_eq!(b.phone.as_deref(), Some("00935 73197"));
    }

    #[test]
    fn phones_dedupe_by_digits() {
        let text = "+49 30 1234567 / +49 (30) 1234567";
        let e = vec![Entity::new(EntityKind::Phone, 0, 14, 1.0, "phone"), Entity::new(EntityKind::Phone, 17, 33, 1.0, "phone")];
        assert_eq!(contacts(text, &e, EntityKind::Phone), ["+49 30 1234567"]);
    }
}
