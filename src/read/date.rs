//! Calendar dates as pages print them, and the dateline that opens a release body.
//!
//! Accepted date forms: `14 May 2024`, `May 14, 2024`, `14 May, 2024`, `2024-05-14`
//! (with or without a time part, as in `article:published_time`), `14.05.2024` and
//! `14/05/2024` (day first, as in European pages). Anything else is not a date: the caller
//! leaves the field empty rather than guessing.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Serialize, Serializer};

/// A calendar date without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid date, or `None` (for 31 April, month 13, year 0...).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=9999).contains(&year) && (1..=days_in_month).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (the Arrow and Parquet `date32` value).
    pub fn days_since_epoch(&self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i32) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i32::from(month <= 2);
        Date { year, month, day }
    }

    /// Parses one of the accepted forms; surrounding whitespace is ignored:
    /// `2024-03-27` (a time may follow after `T` or a space), `27.03.2024`, `27/03/2024`,
    /// `[Wednesday,] 27[.] March[.][,] 2024` and `March[.] 27[,] 2024`.
    pub fn parse(s: &str) -> Option<Date> {
        // Read by hand rather than with regexes: every page has a date, and four capture
        // searches per page cost more than the rest of its metadata.
        // The forms cannot be mistaken for one another, so the first that reads is the date.
        let s = s.trim();
        iso(Cursor(s))
            .or_else(|| numeric(Cursor(s)))
            .or_else(|| day_month(Cursor(s)))
            .or_else(|| {
                let mut c = Cursor(s);
                c.letters()?;
                c.take(',');
                c.space().then(|| day_month(c))?
            })
            .or_else(|| month_day(Cursor(s)))
    }
}

/// `2024-03-27`, then the end, `T` or a space.
fn iso(mut c: Cursor) -> Option<Date> {
    let y = c.digits(4, 4)?;
    c.take('-').then_some(())?;
    let m = c.digits(1, 2)?;
    c.take('-').then_some(())?;
    let d = c.digits(1, 2)?;
    (c.0.is_empty() || c.0.starts_with(['T', ' '])).then(|| Date::new(y as i32, m, d))?
}

/// `27.03.2024` or `27/03/2024`.
fn numeric(mut c: Cursor) -> Option<Date> {
    let d = c.digits(1, 2)?;
    c.take_any(&['.', '/']).then_some(())?;
    let m = c.digits(1, 2)?;
    c.take_any(&['.', '/']).then_some(())?;
    let y = c.digits(4, 4)?;
    c.0.is_empty().then(|| Date::new(y as i32, m, d))?
}

/// `March[.] 27[,] 2024`.
fn month_day(mut c: Cursor) -> Option<Date> {
    let month = c.letters()?;
    c.take('.');
    c.space().then_some(())?;
    let d = c.digits(1, 2)?;
    c.take(',');
    c.space().then_some(())?;
    let y = c.digits(4, 4)?;
    c.0.is_empty()
        .then(|| Date::new(y as i32, month_number(month)?, d))?
}

/// `27[.] March[.][,] 2024` to the end.
fn day_month(mut c: Cursor) -> Option<Date> {
    let d = c.digits(1, 2)?;
    c.take('.');
    c.space().then_some(())?;
    let month = c.letters()?;
    c.take('.');
    c.take(',');
    c.space().then_some(())?;
    let y = c.digits(4, 4)?;
    c.0.is_empty()
        .then(|| Date::new(y as i32, month_number(month)?, d))?
}

/// What is left of a date being read.
struct Cursor<'a>(&'a str);

impl<'a> Cursor<'a> {
    /// A run of `min..=max` ASCII digits, not followed by another digit.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self.0.bytes().take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return None;
        }
        let (digits, rest) = self.0.split_at(n);
        self.0 = rest;
        digits.parse().ok()
    }

    /// A run of letters.
    fn letters(&mut self) -> Option<&'a str> {
        let n = self
            .0
            .char_indices()
            .find(|(_, c)| !c.is_alphabetic())
            .map_or(self.0.len(), |(i, _)| i);
        let (word, rest) = self.0.split_at(n);
        self.0 = rest;
        (n > 0).then_some(word)
    }

    /// At least one whitespace character.
    fn space(&mut self) -> bool {
        let rest = self.0.trim_start();
        let moved = rest.len() < self.0.len();
        self.0 = rest;
        moved
    }

    fn take(&mut self, c: char) -> bool {
        self.take_any(&[c])
    }

    fn take_any(&mut self, chars: &[char]) -> bool {
        match self.0.strip_prefix(chars) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }
}

/// 1–12 for an English month name or its usual abbreviation (`Sept`, `Sep`, `Jan`).
pub fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.to_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .map(|i| i as u32 + 1)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The table writer recognises this newtype name and stores a date column in Parquet;
/// CSV gets the ISO form.
pub const DATE_NEWTYPE: &str = "whosaid::Date";

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(DATE_NEWTYPE, &self.days_since_epoch())
    }
}

/// A dateline found at the start of a body paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The place part as printed (`ASTANA`, `Skopje/Tetovo`), without a trailing country.
    pub place: String,
    pub date: Option<Date>,
    /// Byte length of the dateline prefix, dash and following spaces included.
    pub len: usize,
}

/// Recognises `CITY, D Month YYYY – ` and the variants real pages use: any of `-`, `–`,
/// `—`, `--`, with or without spaces around the dash; `CITY, Country, date`; several
/// places joined by `/`; capitals or title case.
pub fn find_dateline(paragraph: &str) -> Option<Dateline> {
    // Only the start of a paragraph can be a dateline: a paragraph that does not begin with
    // a capital is turned away at once, and the pattern never sees more than its head.
    if !paragraph.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let head = dateline_head(paragraph);
    // Nor does one without a year before a dash in its head: the pattern ends with four
    // digits, spaces and `-`, `–` or `—`, and only ASCII digits make a date.
    let year_then_dash = |at: usize| {
        let bytes = paragraph.as_bytes();
        let dash =
            bytes[at] == b'-' || matches!(bytes[at..].get(..3), Some([0xE2, 0x80, 0x93 | 0x94]));
        let before = paragraph[..at].trim_end().as_bytes();
        dash && before.len() >= 4 && before[before.len() - 4..].iter().all(u8::is_ascii_digit)
    };
    if !memchr::memchr2_iter(b'-', 0xE2, &paragraph.as_bytes()[..head]).any(year_then_dash) {
        return None;
    }
    dateline_by_pattern(paragraph)
}

/// Where a dateline must end by: 200 bytes, on a character boundary.
fn dateline_head(paragraph: &str) -> usize {
    let mut head = paragraph.len().min(200);
    while !paragraph.is_char_boundary(head) {
        head -= 1;
    }
    head
}

/// The pattern of a dateline; its groups are read by hand (see [`dateline_by_pattern`]).
fn dateline_pattern() -> String {
    // A place word starts with a capital; places may be joined by '/' and have up to
    // four words (`THE HAGUE`, `Banja Luka`, `NUR-SULTAN`).
    let word = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
    let place = format!(r"{word}(?:\s{word}){{0,3}}");
    format!(
        r"^(?P<place>{place}(?:\s*/\s*{place})*)(?:,\s*(?P<country>{place}))?,\s+(?P<date>\d{{1,2}}\s+\p{{L}}+\.?,?\s+\d{{4}}|\p{{L}}+\.?\s+\d{{1,2}},?\s+\d{{4}})\s*(?:--|[-–—])\s*"
    )
}

/// [`find_dateline`] without its quick refusals.
fn dateline_by_pattern(paragraph: &str) -> Option<Dateline> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&dateline_pattern()).unwrap());
    // Only the span is asked of the regex: capture groups would run its backtracker, whose
    // visited set (states × bytes, and the Unicode classes make many states) costs more to
    // clear than the whole search. The groups are easy to find in the span by hand.
    let whole = DATELINE.find(&paragraph[..dateline_head(paragraph)])?;
    // A dateline is followed by the first sentence of the body, never by the end.
    if whole.end() >= paragraph.len() {
        return None;
    }
    let text = whole.as_str();
    // No place or country has a comma, so the first one ends the place.
    let place = &text[..text.find(',')?];
    // The date is the last three words before the dash (`27 March 2024`, `March 27, 2024`).
    let before_dash = text.trim_end();
    let before_dash = before_dash
        .strip_suffix("--")
        .or_else(|| before_dash.strip_suffix(['-', '–', '—']))?
        .trim_end();
    let mut start = before_dash.len();
    for _ in 0..3 {
        start = before_dash[..start]
            .trim_end()
            .trim_end_matches(|c: char| !c.is_whitespace())
            .len();
    }
    let date = Date::parse(&before_dash[start..]);
    date?;
    Some(Dateline {
        place: place.to_string(),
        date,
        len: whole.end(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_pages_use() {
        let d = Date::new(2024, 3, 27);
        for s in [
            "27 March 2024",
            "March 27, 2024",
            "27 March, 2024",
            "2024-03-27",
            "2024-03-27T10:00:00+01:00",
            "27.03.2024",
            "27 Mar 2024",
            " Wednesday, 27 March 2024 ",
        ] {
            assert_eq!(Date::parse(s), d, "{s}");
        }
        for s in ["", "soon", "31 April 2024", "2024-13-01", "27 Smarch 2024"] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }

    /// The hand-written reader accepts exactly what these patterns (its first form) accept.
    #[test]
    fn reads_what_the_reference_patterns_read() {
        use proptest::prelude::*;
        let iso = Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$").unwrap();
        let numeric = Regex::new(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$").unwrap();
        let day_month =
            Regex::new(r"^(?:\p{L}+,?\s+)?(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})$").unwrap();
        let month_day = Regex::new(r"^(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})$").unwrap();
        let reference = |s: &str| -> Option<Date> {
            let s = s.trim();
            let n = |c: &regex::Captures, i: usize| c[i].parse::<u32>().ok();
            if let Some(c) = iso.captures(s) {
                return Date::new(n(&c, 1)? as i32, n(&c, 2)?, n(&c, 3)?);
            }
            if let Some(c) = numeric.captures(s) {
                return Date::new(n(&c, 3)? as i32, n(&c, 2)?, n(&c, 1)?);
            }
            if let Some(c) = day_month.captures(s) {
                return Date::new(n(&c, 3)? as i32, month_number(&c[2])?, n(&c, 1)?);
            }
            if let Some(c) = month_day.captures(s) {
                return Date::new(n(&c, 3)? as i32, month_number(&c[1])?, n(&c, 2)?);
            }
            None
        };
        // Dates in every order with right and wrong parts, so that most strings come near
        // one of the forms.
        let pick = |items: &'static [&'static str]| prop::sample::select(items);
        let shape = (
            pick(&["", "Wednesday, ", "Wednesday ", "é ", "Wed,", " "]),
            pick(&["27", "3", "03", "123", "", "x"]),
            pick(&["-", ".", "/", ". ", " ", ", ", "", ".\t"]),
            pick(&["March", "Sept", "mar", "Mai", "03", "3", "", "March."]),
            pick(&["-", ".", "/", ". ", " ", ", ", "", ",  "]),
            pick(&["2024", "24", "20245", "", "٢٠٢٤"]),
            pick(&["", " 10:00", "T10", "x", " "]),
            0..3usize,
        );
        proptest!(ProptestConfig::with_cases(20_000), |((prefix, day, s1, month, s2, year, tail, order) in shape)| {
            let s = match order {
                0 => format!("{prefix}{day}{s1}{month}{s2}{year}{tail}"),
                1 => format!("{prefix}{month}{s1}{day}{s2}{year}{tail}"),
                _ => format!("{year}{s1}{month}{s2}{day}{tail}"),
            };
            prop_assert_eq!(Date::parse(&s), reference(&s), "{:?}", s);
        });
    }

    /// The quick refusals of `find_dateline` never refuse what its pattern accepts, and the
    /// groups it reads by hand are the pattern's groups.
    #[test]
    fn finds_what_the_pattern_finds() {
        use proptest::prelude::*;
        let pick = |items: &'static [&'static str]| prop::sample::select(items);
        let shape = (
            pick(&[
                "ASTANA",
                "Banja Luka",
                "Skopje/Tetovo",
                "THE HAGUE, Netherlands",
                "vienna",
                "Ölüdeniz",
                "",
            ]),
            pick(&[", ", ",", " ", ",  "]),
            pick(&[
                "27 March 2024",
                "March 27, 2024",
                "27 Mar. 2024",
                "27 March 24",
                "27 March ٢٠٢٤",
                "2024",
                "27 March 2024,",
                "27 March, 2024",
                "Mar. 27 2024",
                "27\u{a0}März\u{2003}2024",
                "",
            ]),
            pick(&[
                " – ",
                " - ",
                "—",
                "--",
                "---",
                "- -",
                " -- ",
                " \u{2012} ",
                " -",
                "\u{a0}– ",
                ": ",
                "",
            ]),
            pick(&["The OSCE said.", "", " ", "x", "– more"]),
        );
        // The groups as the regex captures them, which `dateline_by_pattern` finds by hand.
        let pattern = Regex::new(&dateline_pattern()).unwrap();
        let reference = |s: &str| {
            let caps = pattern.captures(&s[..dateline_head(s)])?;
            let len = caps.get(0)?.end();
            let date = Date::parse(&caps["date"]);
            (len < s.len() && date.is_some()).then(|| Dateline {
                place: caps["place"].to_string(),
                date,
                len,
            })
        };
        proptest!(ProptestConfig::with_cases(5_000), |((place, comma, date, dash, rest) in shape)| {
            let s = format!("{place}{comma}{date}{dash}{rest}");
            prop_assert_eq!(dateline_by_pattern(&s), reference(&s), "{:?}", s);
            prop_assert_eq!(find_dateline(&s), reference(&s), "{:?}", s);
        });
        assert!(find_dateline("ASTANA, 27 March 2024 – The OSCE said.").is_some());
    }

    #[test]
    fn epoch_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
    }
}
