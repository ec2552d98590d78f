//! The cleaning step every reader ends with: page parts → one [`Article`].
//!
//! In order: boilerplate paragraphs are dropped (rules in `data/boilerplate.tsv`:
//! `Related Stories` and all after it, `For further information...`, photo credits ending
//! in `Photo details`, contact blocks), the dateline is taken from the first paragraphs
//! that carry one, paragraphs repeated verbatim are kept once (the current osce.org layout
//! prints the lead twice), and the rest are joined with a blank line.
//!
//! The published date comes from the page metadata; only when the page has none is the
//! dateline's date used. A page without any date keeps an empty date.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use super::date::{find_dateline, Date};
use super::Article;
use crate::data::{self, DataError};

/// What a layout parser found on a page, before cleaning. Paragraphs borrow the page
/// text where the layout allows (text pages), so that a line is copied once, into the
/// article text.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    pub url: Option<String>,
    pub title: Option<String>,
    pub content_type: Option<String>,
    pub published: Option<Date>,
    pub issued_by: Vec<String>,
    pub fields_of_work: Vec<String>,
    /// Lead and body paragraphs in page order, boilerplate still in.
    pub paragraphs: Vec<Cow<'a, str>>,
    /// Problems worth a warning that did not stop the page (an unreadable date...).
    pub problems: Vec<String>,
}

impl Parsed<'_> {
    /// Cleans the paragraphs and builds the article. An article with no body text left is
    /// refused with the reason.
    pub fn into_article(
        self,
        id: String,
        source: String,
    ) -> Result<(Article, Vec<String>), String> {
        let body = clean_paragraphs(&self.paragraphs);
        if body.text.trim().is_empty() {
            return Err("no article text found, skipped".into());
        }
        let article = Article {
            id,
            source,
            url: self.url,
            title: self.title,
            content_type: self.content_type,
            published: self
                .published
                .or(body.dateline.as_ref().and_then(|d| d.date)),
            dateline: body.dateline.map(|d| d.place),
            issued_by: self.issued_by,
            fields_of_work: self.fields_of_work,
            text: body.text,
        };
        Ok((article, self.problems))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    CutAt,
    DropPrefix,
    DropSuffix,
    Contacts,
}

/// The boilerplate rules and their texts (`data/boilerplate.tsv`), lower-cased.
pub(crate) fn rules() -> Result<Vec<(Rule, String)>, DataError> {
    use Rule::*;
    const RULES: [(&str, Rule); 4] = [
        ("cut_at", CutAt),
        ("drop_prefix", DropPrefix),
        ("drop_suffix", DropSuffix),
        ("contacts", Contacts),
    ];
    data::BOILERPLATE
        .rows(2..=2, 2)?
        .iter()
        .map(|row| Ok((row.required_class(0, &RULES)?, row.text(1).to_lowercase())))
        .collect()
}

static RULES: LazyLock<Vec<(Rule, String)>> = LazyLock::new(|| data::loaded(rules()));

fn rule_for(paragraph: &str) -> Option<Rule> {
    let paragraph = paragraph.trim_end_matches(':');
    // Compared a character at a time, lower-cased as it goes: most paragraphs differ from
    // every rule at their first character, and nothing is allocated.
    let lower = |c: char| c.to_lowercase();
    let first = paragraph.chars().next().and_then(|c| lower(c).next());
    let last = paragraph
        .chars()
        .next_back()
        .and_then(|c| lower(c).next_back());
    RULES.iter().find_map(|(rule, text)| {
        // The end a rule looks at first turns away nearly every paragraph.
        let end = match rule {
            Rule::DropSuffix => (last, text.chars().next_back()),
            _ => (first, text.chars().next()),
        };
        if end.1.is_some() && end.0 != end.1 {
            return None;
        }
        let hit = match rule {
            Rule::CutAt | Rule::Contacts => paragraph.chars().flat_map(lower).eq(text.chars()),
            Rule::DropPrefix => starts_with(paragraph.chars().flat_map(lower), text.chars()),
            Rule::DropSuffix => starts_with(
                paragraph.chars().rev().flat_map(|c| c.to_lowercase().rev()),
                text.chars().rev(),
            ),
        };
        hit.then_some(*rule)
    })
}

/// Whether `text` begins with every item of `prefix`.
fn starts_with(
    mut text: impl Iterator<Item = char>,
    mut prefix: impl Iterator<Item = char>,
) -> bool {
    prefix.all(|p| text.next() == Some(p))
}

/// A phone number, after a short label (`Tel.: +43 1 514 36 6000`): the label is at most
/// 20 characters, checked by hand, because a bounded repeat of `\p{L}` compiled twenty copies
/// of the letter class, 25 ms per run. The label cannot hold a `:`, so it is whatever comes
/// before the first one. Letters need no `(?i)`: `\p{L}` is closed under case folding but
/// for U+0345, which is written out.
const PHONE_PATTERN: &str = r"^(?:[\p{L}\u{345} .-]*:\s*)?\+?[\d ()/.\-]{6,}$";

fn is_phone(line: &str) -> bool {
    static PHONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(PHONE_PATTERN).unwrap());
    let label_fits = line
        .split_once(':')
        .is_none_or(|(label, _)| label.chars().count() <= 20);
    label_fits && PHONE.is_match(line)
}

/// A line of a contact block: a name, a post, a phone number or an address, never prose.
fn is_contact_line(line: &str) -> bool {
    let prose = line.ends_with(['.', '!', '?', '”', '"']) && line.split_whitespace().count() > 6;
    line.contains('@')
        || is_phone(line)
        || (!prose && line.chars().count() <= 80 && line.split_whitespace().count() <= 10)
}

pub(crate) struct Body {
    pub text: String,
    pub dateline: Option<super::date::Dateline>,
}

/// How many leading paragraphs may carry the dateline (the lead may come first).
const DATELINE_WINDOW: usize = 3;
/// Shorter paragraphs may legitimately repeat (sub-headings, list items).
const MIN_DEDUP_CHARS: usize = 30;

pub(crate) fn clean_paragraphs(paragraphs: &[Cow<str>]) -> Body {
    let mut kept: Vec<&str> = Vec::with_capacity(paragraphs.len());
    let mut seen: foldhash::HashSet<&str> =
        foldhash::HashSet::with_capacity_and_hasher(paragraphs.len(), Default::default());
    let mut dateline = None;
    let mut in_contacts = false;
    for raw in paragraphs {
        let mut paragraph = raw.trim();
        if paragraph.is_empty() {
            continue;
        }
        match rule_for(paragraph) {
            Some(Rule::CutAt) => break,
            Some(Rule::Contacts) => {
                in_contacts = true;
                continue;
            }
            Some(Rule::DropPrefix | Rule::DropSuffix) => continue,
            None => {}
        }
        if in_contacts {
            if is_contact_line(paragraph) {
                continue;
            }
            in_contacts = false;
        }
        if dateline.is_none() && kept.len() < DATELINE_WINDOW {
            if let Some(found) = find_dateline(paragraph) {
                paragraph = paragraph[found.len..].trim_start();
                dateline = Some(found);
            }
        }
        // A character is at most four bytes: long paragraphs need no count.
        let long =
            paragraph.len() >= 4 * MIN_DEDUP_CHARS || paragraph.chars().count() >= MIN_DEDUP_CHARS;
        if long && !seen.insert(paragraph) {
            continue;
        }
        kept.push(paragraph);
    }
    Body {
        text: kept.join("\n\n"),
        dateline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(lines: &[&str]) -> Body {
        clean_paragraphs(&lines.iter().map(|&s| Cow::Borrowed(s)).collect::<Vec<_>>())
    }

    #[test]
    fn drops_boilerplate_and_repeats() {
        let body = clean(&[
            "The lead paragraph says what happened in Vienna.",
            "VIENNA, 3 May 2021 – The lead paragraph says what happened in Vienna.",
            "A body paragraph.",
            "Delegates at the meeting, 3 May 2021. (OSCE/Anna Berg) Photo details",
            "For further information, please contact the press office.",
            "Contacts",
            "Anna Berg",
            "Spokesperson",
            "Office: +43 1 514 36 6000",
            "press@example.org",
            "Related Stories",
            "Another headline that must not appear",
        ]);
        assert_eq!(
            body.text,
            "The lead paragraph says what happened in Vienna.\n\nA body paragraph."
        );
        let dateline = body.dateline.unwrap();
        assert_eq!(dateline.place, "VIENNA");
        assert_eq!(dateline.date, Date::new(2021, 5, 3));
    }

    #[test]
    fn contact_block_ends_at_prose() {
        let body = clean(&[
            "Contacts",
            "Anna Berg",
            "The meeting will continue tomorrow with a session on media freedom in the region.",
        ]);
        assert!(body.text.starts_with("The meeting will continue"));
    }

    /// The phone check accepts exactly what the case-insensitive pattern with a bounded
    /// label accepted.
    #[test]
    fn phone_numbers_as_the_bounded_pattern_reads_them() {
        use proptest::prelude::*;
        let reference = Regex::new(r"(?i)^(?:[\p{L} .-]{0,20}:\s*)?\+?[\d ()/.\-]{6,}$").unwrap();
        let part = prop::sample::select(vec![
            "Tel",
            ".",
            " ",
            "-",
            ":",
            "\t",
            "+",
            "43",
            "1",
            "(0)",
            "/",
            "\u{345}",
            "Ψ",
            "ß",
            "\u{2160}",
            "\u{a0}",
            "٣",
            "x",
            "Telephone number",
            "abcdefghijklmnopqrst",
            "123456",
        ]);
        proptest!(ProptestConfig::with_cases(20_000), |(parts in prop::collection::vec(part, 0..12))| {
            let line = parts.concat();
            prop_assert_eq!(is_phone(&line), reference.is_match(&line), "{:?}", line);
        });
        assert!(is_phone("Tel.: +43 1 514 36 6000"));
        assert!(!is_phone("Telephone of the office: +43 1 514 36 6000"));
        assert!(is_phone("\u{345}: 123456"));
        assert!(is_phone("abcdefghijklmnopqrst: 123456"));
        assert!(!is_phone("abcdefghijklmnopqrstu: 123456"));
    }
}
