//! Table-driven tests of the date grammar, per language, with negatives.

use super::*;

fn d(s: &str) -> Option<String> {
    parse_date(s).map(|d| d.to_string())
}

/// A range as "start..end" with "open" for an open end.
fn r(s: &str) -> Option<String> {
    parse_range(s).map(|r| {
        let start = r.start.map(|d| d.to_string()).unwrap_or_default();
        let end = if r.open { "open".to_string() } else { r.end.map(|d| d.to_string()).unwrap_or_default() };
        format!("{start}..{end}")
    })
}

#[test]
fn single_dates_in_every_language() {
    let cases = [
        // en
        ("Jan 2020", "2020-01"), ("January 2020", "2020-01"), ("Jan. 2020", "2020-01"), ("Sept 2018", "2018-09"),
        ("May, 2020", "2020-05"), ("Mar '19", "2019-03"), ("Summer 2019", "2019"), ("2019", "2019"), ("'19", "2019"),
        ("March 15, 1990", "1990-03-15"), ("15th March 1990", "1990-03-15"), ("Mar 1st 2001", "2001-03-01"),
        // numeric
        ("01/2020", "2020-01"), ("1/2020", "2020-01"), ("2020-01", "2020-01"), ("01.2020", "2020-01"), ("01-2020", "2020-01"),
        ("15.03.1990", "1990-03-15"), ("15/03/1990", "1990-03-15"), ("03/15/1990", "1990-03-15"), ("1990-03-15", "1990-03-15"),
        ("05/06/1990", "1990-06-05"), ("(2019)", "2019"), ("2020.", "2020"),
        // de
        ("März 2019", "2019-03"), ("Mär. 2019", "2019-03"), ("Jänner 2020", "2020-01"), ("Okt. 2015", "2015-10"),
        ("15. März 1990", "1990-03-15"), ("Sommer 2019", "2019"),
        // fr
        ("janvier 2020", "2020-01"), ("janv. 2020", "2020-01"), ("février 2021", "2021-02"), ("août 2017", "2017-08"),
        ("1er janvier 1990", "1990-01-01"), ("été 2019", "2019"),
        // es
        ("enero de 2020", "2020-01"), ("ene. 2020", "2020-01"), ("15 de marzo de 1990", "1990-03-15"), ("dic 2012", "2012-12"),
        // it
        ("gennaio 2020", "2020-01"), ("giu 2018", "2018-06"), ("15 settembre 1985", "1985-09-15"),
        // nl
        ("januari 2020", "2020-01"), ("mrt 2016", "2016-03"), ("1 mei 1999", "1999-05-01"),
        // pt
        ("janeiro de 2020", "2020-01"), ("março de 2014", "2014-03"), ("out 2011", "2011-10"),
        // pl
        ("styczeń 2020", "2020-01"), ("stycznia 2020", "2020-01"), ("15 stycznia 1990", "1990-01-15"), ("paź 2013", "2013-10"),
    ];
    for (input, want) in cases {
        assert_eq!(d(input).as_deref(), Some(want), "{input}");
    }
}

#[test]
fn ranges_in_every_language() {
    let cases = [
        ("Jan 2020 - Mar 2021", "2020-01..2021-03"),
        ("2019 – 2021", "2019..2021"),
        ("2019—present", "2019..open"),
        ("01/2019 to 03/2020", "2019-01..2020-03"),
        ("June 2018 – Current", "2018-06..open"),
        ("2015 - till date", "2015..open"),
        ("2015 to date", "2015..open"),
        ("Jan – Mar 2020", "2020-01..2020-03"),
        ("Nov - Feb 2020", "2019-11..2020-02"),
        ("2019/20", "2019..2020"),
        ("2019-20", "2019..2020"),
        ("'17 - '19", "2017..2019"),
        ("since 2019", "2019..open"),
        // de
        ("03/2019 – heute", "2019-03..open"),
        ("März 2019 bis aktuell", "2019-03..open"),
        ("von 2010 bis 2012", "2010..2012"),
        ("seit 2019", "2019..open"),
        ("10.2015 - jetzt", "2015-10..open"),
        // fr
        ("janv. 2018 à aujourd'hui", "2018-01..open"),
        ("du 01/2019 au 03/2020", "2019-01..2020-03"),
        ("depuis 2019", "2019..open"),
        ("2016 – présent", "2016..open"),
        ("sept. 2020 – à ce jour", "2020-09..open"),
        // es
        ("enero de 2020 - actualidad", "2020-01..open"),
        ("desde 2019", "2019..open"),
        ("2015 hasta 2018", "2015..2018"),
        ("2015 a 2018", "2015..2018"),
        ("01/2021 - en curso", "2021-01..open"),
        // it
        ("09/2018 – in corso", "2018-09..open"),
        ("03/2019 – até o momento", "2019-03..open"),
        ("01.03.2019 – laufend", "2019-03-01..open"),
        ("2019 – nåværende", "2019..open"),
        ("2019 – pågående", "2019..open"),
        ("dal 2014 al 2016", "2014..2016"),
        ("gennaio 2020 - oggi", "2020-01..open"),
        ("2012 – presente", "2012..open"),
        // nl
        ("januari 2020 - heden", "2020-01..open"),
        ("2014 tot 2016", "2014..2016"),
        ("2018 - nu", "2018..open"),
        // pt
        ("janeiro de 2020 até atual", "2020-01..open"),
        ("2011 - atualmente", "2011..open"),
        ("03/2020 – em curso", "2020-03..open"),
        // pl
        ("od 2015 do 2018", "2015..2018"),
        ("styczeń 2020 - obecnie", "2020-01..open"),
        ("2019 – teraz", "2019..open"),
        // a single date is its own range
        ("2019", "2019..2019"),
    ];
    for (input, want) in cases {
        assert_eq!(r(input).as_deref(), Some(want), "{input}");
    }
}

#[test]
fn non_dates_are_refused() {
    for input in [
        "3.11", "Python 3.10", "206-555-0149", "+49 30 12345678", "55%", "Page 2 of 3", "12", "1850", "2150",
        "13/2020", "32.01.2020", "29.02.2019", "Java", "May", "2020.01", "v2019", "ISO 9001:2015", "12345",
        "+1-(234)-555-1234", "(555) 123-4567", "",
    ] {
        assert_eq!(d(input), None, "{input}");
        assert_eq!(r(input), None, "{input}");
    }
    assert_eq!(d("29.02.2020").as_deref(), Some("2020-02-29"));
}

#[test]
fn find_dates_reports_spans_and_skips_numbers() {
    let line = "Engineer, ACME (Jan 2020 – heute) · Tel. 0172 2019 5555 · ISO 9001:2015 · 98% · born 15.03.1990";
    let found = find_dates(line);
    let texts: Vec<&str> = found.iter().map(|f| &line[f.start..f.end]).collect();
    assert_eq!(texts, vec!["Jan 2020 – heute", "15.03.1990"]);
    assert!(matches!(found[0].value, DateValue::Range(DateRange { open: true, end: None, .. })));

    for phone in ["555-2019", "+1 2019 555 0100", "call 030/2019-4567", "2019%", "v2019", "2019px", "12.2019.5"] {
        assert!(find_dates(phone).is_empty(), "{phone}");
    }
    assert_eq!(find_dates("1980 - 1990  12. Oberschule Leipzig").len(), 1, "a range before an ordinal");
    assert_eq!(find_dates("2011  12th Standard, Example School").len(), 1, "a year before a school year");
    assert_eq!(find_dates("2009 10th (State Board)").len(), 1);
    assert!(find_dates("2019 56.7").is_empty());
    assert_eq!(find_dates("Example Institute  2016  78.4%").len(), 1, "a year in its cell beside a score");
    assert_eq!(find_dates("78.4%\t2016").len(), 1);
    let list = "2015, 2017 and 2019";
    assert_eq!(find_dates(list).len(), 3);
    // Ranges never cross a line break.
    let two = find_dates("2019 -\n2021");
    assert_eq!(two.len(), 2);
}

#[test]
fn a_from_word_before_a_lone_date_is_part_of_it() {
    for (line, date) in [("De24/09/2018", "De24/09/2018"), ("De 10/07/2019 Desarrollo web", "De 10/07/2019"), ("Consultant von 03/2019", "von 03/2019")] {
        let found = find_dates(line);
        let texts: Vec<&str> = found.iter().map(|f| &line[f.start..f.end]).collect();
        assert_eq!(texts, vec![date], "{line}");
    }
}

#[test]
fn serialises_as_normalised_strings() {
    let r = parse_range("Jan 2020 – present").unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"start":"2020-01","end":null,"open":true}"#);
    let back: DateRange = serde_json::from_str(r#"{"start":"2020-01-05","end":"2021","open":false}"#).unwrap();
    assert_eq!(back.start, PartialDate::new(2020, Some(1), Some(5)));
    assert!(serde_json::from_str::<PartialDate>("\"2020-13\"").is_err());
    assert!(serde_json::from_str::<PartialDate>("\"20-01\"").is_err());
}

#[test]
fn an_open_end_alone_in_a_cell() {
    for text in ["Doctorate\tPresent", "Doctorat en chimie organique\tEn cours", "Dottorato\t in corso ", "Doktorat\theute."] {
        let found = open_end_cell(text).unwrap_or_else(|| panic!("{text}"));
        assert!(matches!(found.value, DateValue::Range(DateRange { start: None, end: None, open: true })), "{text}");
        assert!(text[found.start..found.end].chars().all(|c| c.is_alphabetic() || c == ' '), "{text}");
    }
    // The first cell, or words beside the open end, are no date cell.
    for text in ["Present\tDoctorate", "Doctorate\tPresent work", "Project en cours de réalisation"] {
        assert_eq!(open_end_cell(text), None, "{text}");
    }
}
