//! Page text scraped from osce.org (`.txt`): menus, layouts and the metadata block.
//!
//! Steps: (1) the navigation menu at the top is stripped by its shape: lines that are `-`
//! or `- item`, and heading lines between a lone `-` and the next dash line; no list of
//! menu entries is kept, because menus differ between captures. (2) The metadata block is
//! found among the first lines: labels from `data/metadata_labels.tsv`, in the current form
//! (`- Issued by:` then `- value` lines) or the older forms (`Publishing date:` with the
//! value on the same or the next line). (3) The lines before the block are content type
//! (current layout only), title and lead; the lines after it are the body.
//!
//! A page with no metadata block is read as plain text: a short first line without
//! terminal punctuation is the title, the rest is the body.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::clean::Parsed;
use super::date::Date;
use crate::data::{self, DataError};

/// How far into the page (after the menu) the metadata block may start.
const META_WINDOW: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Published,
    IssuedBy,
    FieldsOfWork,
    ContentType,
    Ignored,
}

/// The metadata labels and their fields (`data/metadata_labels.tsv`), lower-cased.
pub(crate) fn labels() -> Result<Vec<(String, Field)>, DataError> {
    use Field::*;
    const FIELDS: [(&str, Field); 5] = [
        ("published", Published),
        ("issued_by", IssuedBy),
        ("fields_of_work", FieldsOfWork),
        ("content_type", ContentType),
        ("ignored", Ignored),
    ];
    data::METADATA_LABELS
        .rows(2..=2, 1)?
        .iter()
        .map(|row| Ok((row.text(0).to_lowercase(), row.required_class(1, &FIELDS)?)))
        .collect()
}

static LABELS: LazyLock<Vec<(String, Field)>> = LazyLock::new(|| data::loaded(labels()));

static CONTENT_TYPES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let types = data::loaded(data::CONTENT_TYPES.words());
    types.iter().map(|t| t.to_lowercase()).collect()
});

/// A metadata label line: its field, whether it had the `- ` prefix, and any value after
/// the colon.
pub(crate) struct Label<'a> {
    pub field: Field,
    pub dashed: bool,
    pub value: &'a str,
}

pub(crate) fn label(line: &str) -> Option<Label<'_>> {
    // `[- ]Name: value`, where the name is a letter then up to 30 letters or spaces. Every
    // line of every page is asked, so the name is checked by hand and prose (no colon
    // near the start) is turned away before anything is lower-cased.
    const MAX_NAME_CHARS: usize = 31;
    let line = line.trim();
    let (dashed, rest) = match line.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, line),
    };
    let colon = memchr::memchr(b':', rest.as_bytes())?;
    let name = rest[..colon].trim_end();
    let mut chars = name.chars();
    if !chars.next().is_some_and(char::is_alphabetic)
        || name.chars().nth(MAX_NAME_CHARS).is_some()
        || !chars.all(|c| c == ' ' || c.is_alphabetic())
    {
        return None;
    }
    let name = name.to_lowercase();
    let field = LABELS.iter().find(|(l, _)| *l == name)?.1;
    Some(Label {
        field,
        dashed,
        value: rest[colon + 1..].trim(),
    })
}

/// Splits a list value (`A, B; C`) and strips the `(closed)` suffix of closed offices.
pub(crate) fn split_list(value: &str, out: &mut Vec<String>) {
    for item in value.split([',', ';']) {
        let mut item = item.trim();
        if let Some(stripped) = item
            .strip_suffix("(closed)")
            .or_else(|| item.strip_suffix("(Closed)"))
        {
            item = stripped.trim_end();
        }
        if !item.is_empty() && !out.iter().any(|v| v == item) {
            out.push(item.to_string());
        }
    }
}

/// Puts a label's values into the page metadata.
pub(crate) fn assign(parsed: &mut Parsed<'_>, field: Field, values: &[&str]) {
    match field {
        Field::Published => {
            let value = values.join(" ");
            if value.is_empty() {
                return;
            }
            match Date::parse(&value) {
                Some(date) => parsed.published = Some(date),
                None => parsed
                    .problems
                    .push(format!("unreadable date {value:?}, left empty")),
            }
        }
        Field::IssuedBy => values
            .iter()
            .for_each(|v| split_list(v, &mut parsed.issued_by)),
        Field::FieldsOfWork => values
            .iter()
            .for_each(|v| split_list(v, &mut parsed.fields_of_work)),
        Field::ContentType => {
            if let Some(v) = values.iter().find(|v| !v.is_empty()) {
                parsed.content_type = Some(v.to_string());
            }
        }
        Field::Ignored => {}
    }
}

/// A value line of an undashed label: short and not a sentence.
fn is_value_line(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && line.chars().count() <= 150 && !line.ends_with('.') && label(line).is_none()
}

/// Parses the metadata block starting at `lines[0]`; returns how many lines it used.
pub(crate) fn parse_meta_block(lines: &[&str], parsed: &mut Parsed<'_>) -> usize {
    let mut i = 0;
    while i < lines.len() {
        let Some(found) = label(lines[i]) else { break };
        i += 1;
        let mut values = Vec::new();
        if !found.value.is_empty() {
            values.push(found.value);
        }
        if found.dashed {
            while i < lines.len()
                && lines[i].trim_start().starts_with('-')
                && label(lines[i]).is_none()
            {
                let value = lines[i].trim_start().trim_start_matches('-').trim();
                if !value.is_empty() {
                    values.push(value);
                }
                i += 1;
            }
        } else if values.is_empty() && i < lines.len() && is_value_line(lines[i]) {
            values.push(lines[i].trim());
            i += 1;
        }
        assign(parsed, found.field, &values);
    }
    i
}

/// The number of leading lines that form the navigation menu.
fn menu_len(lines: &[&str]) -> usize {
    let is_dash_item = |l: &str| l.starts_with("- ") || l == "-";
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line == "-" {
            i += 1;
            // A heading sits between a lone dash and the next dash line.
            if let (Some(heading), Some(next)) = (lines.get(i), lines.get(i + 1)) {
                if !is_dash_item(heading.trim()) && is_dash_item(next.trim()) {
                    i += 1;
                }
            }
        } else if line.starts_with("- ") && label(line).is_none() {
            i += 1;
        } else {
            break;
        }
    }
    i
}

fn is_content_type(line: &str) -> bool {
    CONTENT_TYPES.contains(&line.trim().to_lowercase())
}

/// A line that could be a heading: short, with no sentence punctuation at its end.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() <= 200 && !line.ends_with(['.', ':', ',', ';'])
}

/// Parses scraped page text.
pub fn parse(text: &str) -> Parsed<'_> {
    let all: Vec<&str> = text.lines().map(str::trim_end).collect();
    let lines: Vec<&str> = all[menu_len(&all)..]
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut parsed = Parsed::default();
    let meta_at = lines
        .iter()
        .take(META_WINDOW)
        .position(|l| label(l).is_some());
    let (prelude, body) = match meta_at {
        Some(at) => {
            let used = parse_meta_block(&lines[at..], &mut parsed);
            (&lines[..at], &lines[at + used..])
        }
        None => {
            let has_title = lines.len() > 1 && is_heading(lines[0]);
            lines.split_at(usize::from(has_title))
        }
    };
    let mut prelude = prelude;
    let typed = prelude.len() >= 2 && is_content_type(prelude[0])
        || prelude.len() >= 3
            && prelude[0].split_whitespace().count() <= 3
            && is_heading(prelude[0]);
    if typed {
        parsed.content_type = Some(prelude[0].trim().to_string());
        prelude = &prelude[1..];
    }
    let mut body = body;
    if let Some((title, lead)) = prelude.split_first() {
        parsed.title = Some(title.trim().to_string());
        parsed
            .paragraphs
            .extend(lead.iter().map(|&l| Cow::Borrowed(l)));
        // The current layout prints the lead again after the metadata block.
        if !lead.is_empty() && body.starts_with(lead) {
            body = &body[lead.len()..];
        }
    }
    parsed
        .paragraphs
        .extend(body.iter().map(|&l| Cow::Borrowed(l)));
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn menu_is_stripped_by_shape() {
        let lines = [
            "-",
            "Our work",
            "-",
            "Topics",
            "- One",
            "- Two",
            "-",
            "Where",
            "- Three",
            "News Item",
            "Title",
        ];
        assert_eq!(menu_len(&lines), 9);
        assert_eq!(menu_len(&["Title", "- not a menu"]), 0);
    }

    #[test]
    fn labels_in_all_forms() {
        let l = label("- Issued by:").unwrap();
        assert_eq!((l.field, l.dashed, l.value), (Field::IssuedBy, true, ""));
        let l = label("Publishing date: 14 June 2017").unwrap();
        assert_eq!(
            (l.field, l.dashed, l.value),
            (Field::Published, false, "14 June 2017")
        );
        assert!(label("Note: this is prose").is_none());
    }

    #[test]
    fn closed_suffix_is_stripped() {
        let mut out = Vec::new();
        split_list("OSCE Office in Yerevan (closed), ODIHR; ODIHR", &mut out);
        assert_eq!(out, ["OSCE Office in Yerevan", "ODIHR"]);
    }
}
