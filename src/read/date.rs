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
        static ISO: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$").unwrap());
        static NUMERIC: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$").unwrap());
        static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:\p{L}+,?\s+)?(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4})$").unwrap()
        });
        static MONTH_DAY: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(\p{L}+)\.?\s+(\d{1,2}),?\s+(\d{4})$").unwrap());
        let s = s.trim();
        let n = |c: &regex::Captures, i: usize| c[i].parse::<u32>().ok();
        // The forms cannot be mistaken for one another, so the first that matches decides.
        if let Some(c) = ISO.captures(s) {
            return Date::new(n(&c, 1)? as i32, n(&c, 2)?, n(&c, 3)?);
        }
        if let Some(c) = NUMERIC.captures(s) {
            return Date::new(n(&c, 3)? as i32, n(&c, 2)?, n(&c, 1)?);
        }
        if let Some(c) = DAY_MONTH.captures(s) {
            return Date::new(n(&c, 3)? as i32, month_number(&c[2])?, n(&c, 1)?);
        }
        let c = MONTH_DAY.captures(s)?;
        Date::new(n(&c, 3)? as i32, month_number(&c[1])?, n(&c, 2)?)
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
/// places joined by `/`; capitals or title case. Only the first 200 bytes of a paragraph
/// are looked at.
pub fn find_dateline(paragraph: &str) -> Option<Dateline> {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        // A place word starts with a capital; places may be joined by '/' and have up to
        // four words (`THE HAGUE`, `Banja Luka`, `NUR-SULTAN`).
        let word = r"\p{Lu}[\p{L}\p{M}'’.\-]*";
        let place = format!(r"{word}(?:\s{word}){{0,3}}");
        Regex::new(&format!(
            r"^(?P<place>{place}(?:\s*/\s*{place})*)(?:,\s*(?P<country>{place}))?,\s+(?P<date>\d{{1,2}}\s+\p{{L}}+\.?,?\s+\d{{4}}|\p{{L}}+\.?\s+\d{{1,2}},?\s+\d{{4}})\s*(?:--|[-–—])\s*"
        ))
        .unwrap()
    });
    let mut head = paragraph.len().min(200);
    while !paragraph.is_char_boundary(head) {
        head -= 1;
    }
    let groups = DATELINE.captures(&paragraph[..head])?;
    let whole = groups.get(0)?;
    // A dateline is followed by the first sentence of the body, never by the end.
    if whole.end() >= paragraph.len() {
        return None;
    }
    Some(Dateline {
        place: groups["place"].to_string(),
        date: Some(Date::parse(&groups["date"])?),
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

    #[test]
    fn epoch_days() {
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
    }
}
