//! Post-OCR repair of a line's words, by their boxes and shapes: what tesseract reads of the
//! marks a CV uses between and before its words.
//!
//! The engine reads letters well and everything else as letters: a bullet comes back as "e",
//! "¢" or "*", a middle-dot separator as "-" or "=", a mail or map-pin icon as "©", "M" or "in"
//! before the address, a coloured rule as "mmm"; and it splits or misreads the contact tokens
//! the parser needs whole ("https: //…", "math. stackexchange.com", "name0 gmail.com",
//! "nameOgmail.com"). Each repair here looks at geometry relative to the line (the box's size
//! and where it sits against the baseline) and at the shape of the tokens (an address, a URL),
//! never at particular words:
//!
//! - [`is_dot`]: one glyph floating between baseline and x-height top, about as wide as tall
//!   and smaller than the letters: a bullet ("•") where a line or a segment starts, a middle
//!   dot ("·") between words;
//! - [`dash`]: a flat mark of dashes floating at letter middle between words: a hyphen, an en
//!   or an em dash by its width against the letters (the engine reads all three as "-", "—" or
//!   "—-" and often unsure; a title's "Director – Operations" needs its dash back);
//! - [`is_rule`]: a word much flatter than the line's letters and read unsure: a rule;
//! - [`is_symbol_mark`]: one square glyph that is no letter or digit starting a line: a bullet;
//! - [`is_icon`]: one or two glyphs, as wide as tall and letter-high, right before a contact
//!   token: an icon;
//! - [`join_spaced`]: on display text (a line set well above the page's body height), the
//!   fragments a letter-spaced name or heading was split into, joined back by gap and case;
//! - [`join`]: neighbours closer than a word gap that only together make a URL or address;
//! - [`fix_token`]: `©`/`®`/a lone capital `O` where an address's `@` belongs, a capital `O`
//!   between digits and lowercase letters that is a zero; in an otherwise lowercase address or
//!   URL a capital digit look-alike beside a digit (`S` for 5, `B` for 8…), and a capital an
//!   icon glued before it was read as.

use super::lines::{is_dash_text, is_noise, OcrLine, PlacedWord, SIZE_PER_HEIGHT};

/// A floating mark's bottom is at least this share of the line's word height above the
/// baseline (letters sit on it; a bullet or middle dot does not).
const FLOAT: f32 = 0.1;
/// A dot is at most this share of the word height in width and height.
const DOT_SIZE: f32 = 0.55;
/// Width over height of a dot or an icon (round or square marks; a hyphen is twice as wide as
/// tall or more).
const SQUARE: (f32, f32) = (0.6, 1.5);
/// A gap wider than this many word heights starts a new segment of the line (a bullet there
/// starts an item).
const SEGMENT_GAP: f32 = 1.2;
/// A rule's box is at most this share of the word height tall, and each of its "letters" at
/// least this many times as wide as the box is tall (letters are about as wide as tall).
const RULE_HEIGHT: f32 = 0.5;
const RULE_WIDTH: f32 = 1.5;
/// Below this confidence a flat word is a rule rather than text (underscores and dashes are
/// read confidently, and have no letters to lose).
const RULE_CONFIDENCE: f32 = 70.0;
/// A bullet drawn as a shape is at least this share of the next word's height (a speck is
/// smaller).
const MARK_HEIGHT: f32 = 0.35;
/// An icon is at least this share of the next word's height tall, and at most its inverse
/// times (smaller marks are dots).
const ICON_HEIGHT: f32 = 0.6;
/// Words closer than this share of the word height are parts of one token when their shapes
/// say so (a word gap is about a third of a word height, letters a tenth).
const JOIN_GAP: f32 = 0.6;
/// A dash's ink is at most this many em wide (longer flat marks are rules), and a hyphen's at
/// most the first, an en dash's the second (a hyphen's ink is about a quarter em, an en dash's
/// half an em, an em dash's a whole one).
const DASH_MAX: f32 = 1.3;
const DASH_WIDTHS: (f32, f32) = (0.38, 0.78);
/// Below this confidence the engine was unsure of a word's last glyph (an `@` read as `0`).
const UNSURE: f32 = 70.0;
/// A line whose words are at least this many times the page's body height is display text (a
/// name, a heading), set large and often letter-spaced.
const DISPLAY: f32 = 1.3;
/// In display text a gap under this share of the word height is letter spacing (word gaps are
/// a quarter of it or more even there).
const LETTER_GAP: f32 = 0.2;
/// A lone capital lower than this share of the line's word height is a lowercase letter read
/// alone (capitals stand as high as the line's other capitals and ascenders).
const X_HEIGHT: f32 = 0.8;
/// Below this confidence the engine all but gave up on a word: a capital before an otherwise
/// lowercase address is an icon it read as a letter (addresses it reads well score 60–95).
const GLUED_CONFIDENCE: f32 = 20.0;

/// Repair every line in place; lines left without words are removed.
pub fn repair_lines(lines: &mut Vec<OcrLine>) {
    let body = body_height(lines);
    for line in lines.iter_mut() {
        repair_line(line, body);
    }
    lines.retain(|l| !l.words.is_empty());
}

/// `body`: the page's body word height, which tells display text (a name, a heading) apart.
fn repair_line(line: &mut OcrLine, body: f32) {
    let h = word_height(line);
    let baseline = line.baseline;
    line.words.retain(|w| dash(w, baseline, h).is_some() || !is_rule(w, h));
    let mut keep = vec![true; line.words.len()];
    for i in 0..line.words.len() {
        let starts = i == 0 || line.words[i].x0 - line.words[i - 1].x1 > SEGMENT_GAP * h;
        let next = line.words.get(i + 1);
        if is_dot(&line.words[i], baseline, h) {
            line.words[i].text = if starts { "•" } else { "·" }.to_string();
        } else if let Some(d) = dash(&line.words[i], baseline, h) {
            // A dash starting a line or segment is a typed bullet.
            line.words[i].text = if starts { "-" } else { d }.to_string();
        } else if starts && next.is_some_and(|n| is_symbol_mark(&line.words[i], n)) {
            line.words[i].text = "•".to_string();
        } else {
            // Unsure single glyphs were kept for the tests above; the rest is noise.
            keep[i] = !is_noise(&line.words[i].text, line.words[i].confidence);
        }
    }
    let mut kept = keep.into_iter();
    line.words.retain(|_| kept.next().unwrap_or(true));
    if h >= DISPLAY * body {
        join_spaced(&mut line.words, h);
    }
    let mut i = 0;
    while i + 1 < line.words.len() {
        if is_icon(&line.words[i], &line.words[i + 1]) && is_contact(&line.words[i + 1].text) {
            line.words.remove(i);
        } else {
            i += 1;
        }
    }
    let mut i = 0;
    while i + 1 < line.words.len() {
        let (a, b) = (&line.words[i], &line.words[i + 1]);
        match (b.x0 - a.x1 < JOIN_GAP * h).then(|| join(a, b)).flatten() {
            Some(text) => merge(&mut line.words, i, text),
            None => i += 1,
        }
    }
    for w in &mut line.words {
        if let Some(text) = fix_token(&w.text, w.confidence) {
            w.text = text;
        }
    }
}

/// Word `i` and the next made one word of `text`, its box and sources both of theirs.
fn merge(words: &mut Vec<PlacedWord>, i: usize, text: String) {
    if i + 1 >= words.len() {
        return;
    }
    let b = words.remove(i + 1);
    let Some(a) = words.get_mut(i) else { return };
    a.text = text;
    a.x1 = b.x1;
    a.y0 = a.y0.min(b.y0);
    a.y1 = a.y1.max(b.y1);
    a.confidence = a.confidence.min(b.confidence);
    a.stroke = match (a.stroke, b.stroke) {
        (Some(x), Some(y)) => Some(0.5 * (x + y)),
        (x, y) => x.or(y),
    };
    a.sources.extend(b.sources);
}

/// The median height of the page's words of two letters or more: its body text.
fn body_height(lines: &[OcrLine]) -> f32 {
    let mut heights: Vec<f32> = lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .map(|w| w.y1 - w.y0)
        .collect();
    heights.sort_by(f32::total_cmp);
    heights.get(heights.len() / 2).copied().unwrap_or(f32::INFINITY)
}

/// Display text's letter-spaced words put back together: the engine splits a widely spaced
/// name or heading where letters stand apart ("Jo rd An"). Neighbours of letters closer than
/// letter spacing join when the second goes on the word (starts lowercase, or is one letter);
/// a lone capital lower than the line's letters was a lowercase letter read alone.
fn join_spaced(words: &mut Vec<PlacedWord>, h: f32) {
    let mut i = 0;
    while i + 1 < words.len() {
        let (a, b) = (&words[i], &words[i + 1]);
        let letters = |w: &PlacedWord| w.text.chars().all(char::is_alphabetic);
        let mut chars = b.text.chars();
        let (first, lone) = (chars.next(), chars.next().is_none());
        let continues = first.is_some_and(|c| lone || c.is_lowercase());
        if b.x0 - a.x1 < LETTER_GAP * h && letters(a) && letters(b) && continues {
            let small = b.y1 - b.y0 < X_HEIGHT * h && a.text.chars().last().is_some_and(char::is_lowercase);
            let tail = if lone && small { b.text.to_lowercase() } else { b.text.clone() };
            let text = format!("{}{tail}", a.text);
            merge(words, i, text);
        } else {
            i += 1;
        }
    }
}

/// The line's typical word height (its size is a fixed multiple of it).
fn word_height(line: &OcrLine) -> f32 {
    let mut heights: Vec<f32> = line.words.iter().map(|w| w.y1 - w.y0).collect();
    heights.sort_by(f32::total_cmp);
    heights.get(heights.len() / 2).copied().unwrap_or(0.0)
}

fn aspect(w: &PlacedWord) -> f32 {
    (w.x1 - w.x0) / (w.y1 - w.y0).max(f32::EPSILON)
}

/// One glyph, small, round or square, floating above the baseline and below the x-height top.
pub fn is_dot(w: &PlacedWord, baseline: f32, h: f32) -> bool {
    let (width, height) = (w.x1 - w.x0, w.y1 - w.y0);
    let centre = 0.5 * (w.y0 + w.y1);
    w.text.chars().count() == 1
        && width <= DOT_SIZE * h
        && height <= DOT_SIZE * h
        && (SQUARE.0..=SQUARE.1).contains(&aspect(w))
        && w.y1 <= baseline - FLOAT * h
        && centre >= baseline - 0.7 * h
}

/// The dash a word of dashes is ("-", "–" or "—" by its width in em, taken as
/// [`SIZE_PER_HEIGHT`] word heights), when it is flat, no longer than a dash and floats at
/// letter middle (an underscore sits on the baseline, a rule is longer).
pub fn dash(w: &PlacedWord, baseline: f32, h: f32) -> Option<&'static str> {
    let (width, height) = (w.x1 - w.x0, w.y1 - w.y0);
    let em = SIZE_PER_HEIGHT * h;
    let centre = 0.5 * (w.y0 + w.y1);
    let floats = w.y1 <= baseline - FLOAT * h && centre >= baseline - 0.75 * h;
    let shaped = height <= RULE_HEIGHT * h && width >= 2.0 * height && width <= DASH_MAX * em;
    if !is_dash_text(&w.text) || !floats || !shaped || em <= 0.0 {
        return None;
    }
    Some(if width <= DASH_WIDTHS.0 * em {
        "-"
    } else if width <= DASH_WIDTHS.1 * em {
        "–"
    } else {
        "—"
    })
}

/// Much flatter than the line's letters, long, and read unsure.
pub fn is_rule(w: &PlacedWord, h: f32) -> bool {
    let (height, letters) = (w.y1 - w.y0, w.text.chars().count());
    letters > 1
        && height <= RULE_HEIGHT * h
        && aspect(w) >= RULE_WIDTH * letters as f32
        && w.confidence < RULE_CONFIDENCE
}

/// One or two glyphs in a square box about as high as the word after it (measured against
/// that word, not the line: a row may cross a column of larger text).
pub fn is_icon(w: &PlacedWord, next: &PlacedWord) -> bool {
    let (height, beside) = (w.y1 - w.y0, next.y1 - next.y0);
    w.text.chars().count() <= 2
        && (ICON_HEIGHT * beside..=ICON_HEIGHT.recip() * beside).contains(&height)
        && (SQUARE.0..=SQUARE.1).contains(&aspect(w))
}

/// One glyph that is no letter, digit or a bullet people type (`*`, `-`, `+`, `>`), in a
/// square box: a bullet drawn as a shape ("@", "¢", "©" for a circle or a disc).
pub fn is_symbol_mark(w: &PlacedWord, next: &PlacedWord) -> bool {
    let mut chars = w.text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return false };
    let tall = w.y1 - w.y0 >= MARK_HEIGHT * (next.y1 - next.y0);
    !c.is_alphanumeric() && !"*-+>".contains(c) && tall && (SQUARE.0..=SQUARE.1).contains(&aspect(w))
}

/// An e-mail address, a URL, a handle, a profile slug or a phone number by its shape.
pub fn is_contact(text: &str) -> bool {
    let t = text.trim_start_matches(['(', '[', '<']);
    let digits = t.chars().filter(char::is_ascii_digit).count();
    // "+212", "(123)", "514-913-4929"; not a year or a count.
    let opens = text.starts_with('+') || text.starts_with('(');
    let phone = ((opens && digits >= 2) || digits >= 7) && text.chars().all(|c| c.is_ascii_digit() || "+-.()/".contains(c));
    t.contains('@') || t.contains("://") || t.starts_with("www.") || has_domain_path(t) || phone || is_slug(t)
}

/// A profile slug shown without its URL (`jane-doe-24a469120`): three or more lowercase parts
/// joined by dashes, with letters and digits.
fn is_slug(t: &str) -> bool {
    let parts: Vec<&str> = t.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().any(|c| c.is_ascii_lowercase())
}

/// `host.tld/…`: letters, a dot, two or more letters, a slash.
fn has_domain_path(t: &str) -> bool {
    t.split('/').next().is_some_and(|host| t.len() > host.len() && is_domain(host))
}

/// `label.label.tld`: lowercase letters, digits and dashes, ending in two or more letters.
pub fn is_domain(t: &str) -> bool {
    let labels: Vec<&str> = t.split('.').collect();
    let label = |l: &&str| !l.is_empty() && l.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    labels.len() >= 2
        && labels.iter().all(label)
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

/// `local@domain.tld`.
pub fn is_email(t: &str) -> bool {
    let mut parts = t.splitn(2, '@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    !local.is_empty()
        && local.chars().all(|c| c.is_alphanumeric() || "._+-".contains(c))
        && is_domain(&domain.to_lowercase())
}

/// The text of `a` and `b` read as one token, when only together they make a URL or address.
pub fn join(a: &PlacedWord, b: &PlacedWord) -> Option<String> {
    let (x, y) = (a.text.as_str(), b.text.as_str());
    let lower = x.to_ascii_lowercase();
    // "https: //host" or "https //host": a scheme and its slashes.
    if y.starts_with("//") && (lower.ends_with("http:") || lower.ends_with("https:")) {
        return Some(format!("{x}{y}"));
    }
    if y.starts_with("//") && (lower.ends_with("http") || lower.ends_with("https")) {
        return Some(format!("{x}:{y}"));
    }
    let host_part = y.split(['/', ')', ',']).next().unwrap_or("");
    // "https://math. stackexchange.com/…": a URL or address cut after a dot.
    if x.ends_with('.') && (x.contains("://") || x.contains("www.") || x.contains('@')) && is_domain(host_part) {
        return Some(format!("{x}{y}"));
    }
    // "name@ gmail.com", "name @gmail.com".
    if x.ends_with('@') || y.starts_with('@') {
        let joined = format!("{x}{y}");
        return is_email(&joined).then_some(joined);
    }
    // "name0 gmail.com": the `@` read unsure as a letter or digit, then a gap.
    if !x.contains('@') && !y.contains('@') && a.confidence < UNSURE && is_domain(y) {
        let mut local: Vec<char> = x.chars().collect();
        if matches!(local.last(), Some('0' | 'O' | 'o' | '©' | '®' | 'Q')) {
            local.pop();
            let joined = format!("{}@{y}", local.into_iter().collect::<String>());
            return is_email(&joined).then_some(joined);
        }
    }
    None
}

/// A token with `©`, `®` or a lone capital `O` where its `@` belongs, a capital `O` between a
/// digit and a lowercase letter or digit, or, in an otherwise lowercase address or URL, a
/// capital digit look-alike beside a digit or an icon glued on as its first letter; the
/// repaired text when it changes. `confidence` is the engine's for the word.
pub fn fix_token(t: &str, confidence: f32) -> Option<String> {
    let mut out = t.to_string();
    if !t.contains('@') {
        for c in ['©', '®'] {
            if let Some(i) = t.find(c) {
                let candidate = format!("{}@{}", &t[..i], &t[i + c.len_utf8()..]);
                if is_email(&candidate) {
                    out = candidate;
                }
            }
        }
        // Every other letter lowercase: the one capital O is the at sign.
        let capitals: Vec<usize> = t.char_indices().filter(|(_, c)| c.is_uppercase()).map(|(i, _)| i).collect();
        if let [i] = capitals[..] {
            if t[i..].starts_with('O') && i > 0 {
                let candidate = format!("{}@{}", &t[..i], &t[i + 1..]);
                if is_email(&candidate) && candidate.split('@').next().is_some_and(|l| l.len() > 1) {
                    out = candidate;
                }
            }
        }
    }
    if let Some(rest) = glued_icon(&out, confidence) {
        out = rest.to_string();
    }
    let chars: Vec<char> = out.chars().collect();
    let has_lower = chars.iter().any(|c| c.is_lowercase());
    // An address or URL whose letters are all lowercase but one capital: a capital there that
    // looks like a digit and stands beside one is that digit (addresses are typed lowercase;
    // the engine reads "55" as "5S").
    let address = is_email(&out) || out.contains("://") || out.starts_with("www.") || has_domain_path(&out);
    let one_capital = chars.iter().filter(|c| c.is_uppercase()).count() == 1;
    let fixed: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let near_digit = prev.is_some_and(|p| p.is_ascii_digit()) || next.is_some_and(|n| n.is_ascii_digit());
            let no_capital = !prev.is_some_and(char::is_uppercase) && !next.is_some_and(char::is_uppercase);
            let between_digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
            match (c, digit_lookalike(c)) {
                ('O', _) if has_lower && near_digit && no_capital => '0',
                ('l', Some(d)) if address && between_digits => d,
                (_, Some(d)) if address && one_capital && c.is_uppercase() && near_digit => d,
                _ => c,
            }
        })
        .collect();
    (fixed != t).then_some(fixed)
}

/// The digit a letter the engine confuses with it stands for.
fn digit_lookalike(c: char) -> Option<char> {
    Some(match c {
        'O' => '0',
        'I' | 'l' => '1',
        'Z' => '2',
        'S' => '5',
        'B' => '8',
        _ => return None,
    })
}

/// The address after a capital glued before it: an icon (an envelope read "M", a globe read
/// "O") touching the text becomes its first letter. Before a scheme or `www.` no letter
/// belongs; before an otherwise lowercase e-mail address only when the engine all but gave up
/// on the word (a name typed capitalised is read confidently).
fn glued_icon(t: &str, confidence: f32) -> Option<&str> {
    let mut chars = t.chars();
    chars.next().filter(char::is_ascii_uppercase)?;
    let rest = chars.as_str();
    let lower = !rest.chars().any(char::is_uppercase);
    let scheme = ["http://", "https://", "www."].iter().any(|s| rest.starts_with(s));
    let email = confidence < GLUED_CONFIDENCE && is_email(rest) && rest.split('@').next().is_some_and(|l| l.len() > 2);
    (lower && (scheme || email)).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, y0: f32, x1: f32, y1: f32, confidence: f32) -> PlacedWord {
        PlacedWord { text: text.into(), x0, x1, y0, y1, confidence, stroke: None, bold: false, sources: vec![0] }
    }

    /// The texts of a line of `words` on `baseline` once repaired.
    fn repaired(words: Vec<PlacedWord>, baseline: f32) -> Vec<String> {
        let mut line = OcrLine { words, baseline, size: 40.0 };
        let body = word_height(&line);
        repair_line(&mut line, body);
        line.words.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn floating_dots_become_bullets_and_middle_dots() {
        // Letters 1847–1882 (baseline 1882); a 16×15 mark read "e" floats 5 px above it, with a
        // bullet's indent after it; a middle dot read "-" between two words.
        let l = repaired(
            vec![
                word("e", 366.0, 1862.0, 382.0, 1877.0, 83.0),
                word("Meet", 438.0, 1848.0, 537.0, 1882.0, 76.0),
                word("clients", 549.0, 1847.0, 674.0, 1882.0, 96.0),
                word("-", 688.0, 1862.0, 698.0, 1872.0, 80.0),
                word("Full-time", 712.0, 1847.0, 850.0, 1882.0, 96.0),
            ],
            1882.0,
        );
        assert_eq!(l, ["•", "Meet", "clients", "·", "Full-time"]);
    }

    #[test]
    fn letters_on_the_baseline_and_dashes_stay() {
        let l = repaired(
            vec![
                word("o", 100.0, 1860.0, 118.0, 1882.0, 90.0),
                word("2021", 130.0, 1847.0, 200.0, 1882.0, 95.0),
                word("—", 212.0, 1862.0, 260.0, 1866.0, 89.0),
                word("Current", 272.0, 1847.0, 380.0, 1882.0, 95.0),
                word("-", 392.0, 1866.0, 402.0, 1871.0, 93.0),
                word("2025", 414.0, 1847.0, 484.0, 1882.0, 95.0),
            ],
            1882.0,
        );
        assert_eq!(l, ["o", "2021", "—", "Current", "-", "2025"]);
    }

    #[test]
    fn unsure_dashes_between_words_are_kept_as_the_dash_their_width_says() {
        // Letters 30 px high (an em is about 37 px): an unsure "—-" 20 px wide at letter middle
        // is an en dash, a confident "-" 9 px wide a hyphen, a 40 px "—" an em dash; a long flat
        // unsure mark is a rule and an unsure "_" on the baseline is no dash.
        let w = |t: &str, x0: f32, x1: f32| word(t, x0, 1000.0, x1, 1030.0, 95.0);
        let l = repaired(
            vec![
                w("Senior", 100.0, 200.0),
                word("—-", 212.0, 1013.0, 232.0, 1018.0, 36.0),
                w("Engineer", 244.0, 380.0),
                word("-", 392.0, 1013.0, 401.0, 1018.0, 90.0),
                w("Remote", 413.0, 520.0),
                word("—", 532.0, 1013.0, 572.0, 1017.0, 60.0),
                w("Berlin", 584.0, 680.0),
                word("——", 692.0, 1013.0, 892.0, 1017.0, 40.0),
                w("Lisbon", 904.0, 1000.0),
                word("_", 1012.0, 1027.0, 1030.0, 1030.0, 40.0),
                w("Oslo", 1042.0, 1100.0),
            ],
            1030.0,
        );
        assert_eq!(l, ["Senior", "–", "Engineer", "-", "Remote", "—", "Berlin", "Lisbon", "Oslo"]);
    }

    #[test]
    fn a_symbol_starting_a_line_is_a_bullet_and_typed_bullets_stay() {
        let w = |t: &str, x0: f32, x1: f32| word(t, x0, 1200.0, x1, 1227.0, 84.0);
        assert_eq!(repaired(vec![w("@", 295.0, 322.0), w("Leadership", 360.0, 560.0)], 1227.0), ["•", "Leadership"]);
        assert_eq!(repaired(vec![w("*", 295.0, 318.0), w("Leadership", 360.0, 560.0)], 1227.0), ["*", "Leadership"]);
        assert_eq!(repaired(vec![w("(", 295.0, 305.0), w("Leadership", 360.0, 560.0)], 1227.0), ["(", "Leadership"]);
    }

    #[test]
    fn an_icon_is_measured_against_the_contact_after_it_not_the_row() {
        // The row crosses a column of 81 px letters; the icon is as high as the address.
        let l = repaired(
            vec![
                word("A", 123.0, 1079.0, 157.0, 1113.0, 82.0),
                word("www.example.com", 194.0, 1073.0, 854.0, 1110.0, 88.0),
                word("Mes", 1215.0, 1072.0, 1429.0, 1153.0, 31.0),
                word("projets", 1457.0, 1072.0, 1700.0, 1153.0, 85.0),
            ],
            1150.0,
        );
        assert_eq!(l, ["www.example.com", "Mes", "projets"]);
    }

    #[test]
    fn an_unsure_bullet_is_kept_and_an_unsure_speck_is_not() {
        // "¢" read at 48 % for a bullet; a "|" speck at 30 % inside the line.
        let l = repaired(
            vec![
                word("¢", 364.0, 1971.0, 379.0, 1986.0, 48.0),
                word("Prepare", 439.0, 1961.0, 585.0, 2004.0, 89.0),
                word("|", 600.0, 1965.0, 604.0, 2000.0, 30.0),
                word("reports", 620.0, 1961.0, 760.0, 2004.0, 95.0),
            ],
            2000.0,
        );
        assert_eq!(l, ["•", "Prepare", "reports"]);
    }

    #[test]
    fn flat_unsure_words_are_rules() {
        let l = repaired(
            vec![
                word("mmm", 244.0, 574.0, 364.0, 589.0, 59.0),
                word("WORK", 408.0, 564.0, 537.0, 597.0, 75.0),
                word("EXPERIENCE", 553.0, 564.0, 821.0, 597.0, 96.0),
                word("was", 840.0, 582.0, 890.0, 597.0, 60.0),
            ],
            597.0,
        );
        // An unsure lowercase word is as flat, but its letters are no wider than tall.
        assert_eq!(l, ["WORK", "EXPERIENCE", "was"]);
    }

    #[test]
    fn icons_before_contacts_go_and_words_before_other_words_stay() {
        let l = repaired(
            vec![
                word("©", 1004.0, 637.0, 1049.0, 680.0, 72.0),
                word("jane@example.com", 1089.0, 634.0, 1671.0, 678.0, 64.0),
                word("in", 1700.0, 640.0, 1728.0, 667.0, 79.0),
                word("linkedin.com/in/jane", 1745.0, 637.0, 2300.0, 670.0, 79.0),
                word("A", 2340.0, 637.0, 2374.0, 671.0, 80.0),
                word("+212", 2400.0, 645.0, 2500.0, 679.0, 94.0),
                word("in", 2540.0, 640.0, 2568.0, 667.0, 79.0),
                word("Berlin", 2590.0, 637.0, 2700.0, 671.0, 95.0),
                word("in", 2740.0, 640.0, 2768.0, 667.0, 39.0),
                word("jane-doe-24a469120", 2800.0, 638.0, 3120.0, 669.0, 83.0),
                word("in", 3160.0, 640.0, 3188.0, 667.0, 90.0),
                word("e-commerce", 3220.0, 638.0, 3420.0, 669.0, 93.0),
            ],
            678.0,
        );
        assert_eq!(
            l,
            ["jane@example.com", "linkedin.com/in/jane", "+212", "in", "Berlin", "jane-doe-24a469120", "in", "e-commerce"]
        );
    }

    #[test]
    fn split_urls_and_addresses_are_joined_by_shape_and_gap() {
        let w = |t: &str, x0: f32, x1: f32, c: f32| word(t, x0, 462.0, x1, 502.0, c);
        let l = repaired(
            vec![
                w("https:", 935.0, 1047.0, 90.0),
                w("//www.example.com/jane", 1054.0, 1700.0, 90.0),
                w("(https://math.", 1800.0, 2100.0, 71.0),
                w("stackexchange.com/users/1),", 2114.0, 2900.0, 71.0),
                w("jane130", 3000.0, 3200.0, 0.0),
                w("gmail.com", 3212.0, 3400.0, 90.0),
            ],
            502.0,
        );
        assert_eq!(l, ["https://www.example.com/jane", "(https://math.stackexchange.com/users/1),", "jane13@gmail.com"]);
    }

    #[test]
    fn a_joined_word_keeps_every_engine_word_it_was_read_from() {
        // A scan redactor paints the boxes of a removed word's sources: a joined address must
        // name both halves, or the second would stay legible in the redacted page.
        let mut line = OcrLine {
            words: vec![
                PlacedWord { sources: vec![4], ..word("jane130", 3000.0, 462.0, 3200.0, 502.0, 0.0) },
                PlacedWord { sources: vec![5], ..word("gmail.com", 3212.0, 462.0, 3400.0, 502.0, 90.0) },
            ],
            baseline: 502.0,
            size: 40.0,
        };
        repair_line(&mut line, 40.0);
        assert_eq!(line.words.len(), 1);
        assert_eq!(line.words[0].sources, [4, 5]);
    }

    #[test]
    fn a_word_gap_or_an_ordinary_sentence_is_not_joined() {
        let w = |t: &str, x0: f32, x1: f32| word(t, x0, 462.0, x1, 502.0, 95.0);
        // A sentence ending in a URL, then a word; a confident word before a domain; a wide gap.
        let l = repaired(vec![w("https://example.com.", 0.0, 400.0), w("The", 412.0, 480.0)], 502.0);
        assert_eq!(l, ["https://example.com.", "The"]);
        let l = repaired(vec![w("Python3.10", 0.0, 200.0), w("docs.python.org", 212.0, 500.0)], 502.0);
        assert_eq!(l, ["Python3.10", "docs.python.org"]);
        let l = repaired(vec![w("https:", 0.0, 100.0), w("//example.com", 160.0, 400.0)], 502.0);
        assert_eq!(l, ["https:", "//example.com"]);
    }

    #[test]
    fn misread_at_signs_and_zeros_are_fixed_by_shape() {
        let fix = |t: &str| fix_token(t, 90.0);
        assert_eq!(fix("jane©example.com").as_deref(), Some("jane@example.com"));
        assert_eq!(fix("janedoeOgmail.com").as_deref(), Some("janedoe@gmail.com"));
        assert_eq!(fix("janeO2@gmail.com").as_deref(), Some("jane02@gmail.com"));
        assert_eq!(fix("KestrelO1").as_deref(), Some("Kestrel01"));
        for kept in ["©2024", "Ottawa", "COVID-19", "iOS", "O2", "Oracle.com", "jane@example.com"] {
            assert_eq!(fix(kept), None, "{kept}");
        }
    }

    #[test]
    fn digit_lookalikes_in_a_lowercase_address_are_digits() {
        let fix = |t: &str| fix_token(t, 64.0);
        assert_eq!(fix("jane.roe7S@example.com").as_deref(), Some("jane.roe75@example.com"));
        assert_eq!(fix("kestrel2B@mail.example.org").as_deref(), Some("kestrel28@mail.example.org"));
        assert_eq!(fix("https://example.com/jane4Z").as_deref(), Some("https://example.com/jane42"));
        assert_eq!(fix("j.roe@host9I.example.net").as_deref(), Some("j.roe@host91.example.net"));
        assert_eq!(fix("jane20l9@example.com").as_deref(), Some("jane2019@example.com"));
        // A capitalised address, a capital far from digits, a lowercase l beside one digit, and
        // words that are no address keep their letters.
        for kept in ["Jane7S@example.com", "janeS@example.com", "jane.l9@example.com", "B2B", "Model S3", "A4S"] {
            assert_eq!(fix(kept), None, "{kept}");
        }
    }

    #[test]
    fn a_capital_glued_before_an_address_is_an_icon() {
        // An envelope touching the address is read as its first letter and sinks the word's
        // confidence; a capitalised address read confidently keeps its capital.
        assert_eq!(fix_token("Mjane.roe12@example.com", 1.0).as_deref(), Some("jane.roe12@example.com"));
        assert_eq!(fix_token("Ohttps://example.org/jane", 85.0).as_deref(), Some("https://example.org/jane"));
        assert_eq!(fix_token("Janeroe12@example.com", 91.0), None);
        assert_eq!(fix_token("Mjr@example.com", 1.0), None);
        assert_eq!(fix_token("MJane@example.com", 1.0), None);
    }

    #[test]
    fn letter_spaced_display_text_is_joined_and_body_text_is_not() {
        // Body letters 30 px; a name set at 80 px split where its letters stand apart (gaps of
        // 10 px), its word gap 40 px; a lone "O" 58 px high is a lowercase o. A heading of
        // two words 14 px apart (a tight word gap) and body text with the same small gaps stay.
        let w = |t: &str, x0: f32, y0: f32, x1: f32, y1: f32| word(t, x0, y0, x1, y1, 90.0);
        let line = |words: Vec<PlacedWord>, baseline: f32| OcrLine { words, baseline, size: 0.0 };
        let mut lines = vec![
            line(vec![w("Mark", 100.0, 100.0, 300.0, 180.0), w("O", 310.0, 122.0, 360.0, 180.0), w("Vel", 400.0, 100.0, 520.0, 180.0), w("mont", 530.0, 100.0, 700.0, 180.0)], 180.0),
            line(vec![w("Kit", 100.0, 300.0, 160.0, 350.0), w("Varga", 174.0, 300.0, 320.0, 350.0)], 350.0),
            line(vec![w("Drafted", 100.0, 400.0, 200.0, 430.0), w("pl", 204.0, 400.0, 230.0, 430.0), w("ans", 234.0, 400.0, 280.0, 430.0), w("A", 284.0, 408.0, 300.0, 430.0)], 430.0),
            line(vec![w("for", 100.0, 500.0, 150.0, 530.0), w("new", 160.0, 500.0, 220.0, 530.0), w("teams", 230.0, 500.0, 320.0, 530.0)], 530.0),
        ];
        repair_lines(&mut lines);
        let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.words.iter().map(|w| w.text.as_str()).collect()).collect();
        assert_eq!(texts, [vec!["Marko", "Velmont"], vec!["Kit", "Varga"], vec!["Drafted", "pl", "ans", "A"], vec!["for", "new", "teams"]]);
    }
}
