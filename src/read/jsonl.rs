//! JSON Lines (`.jsonl`, and `-` for standard input): one article object per line.
//!
//! Required: `id` (string or number) and `text` (string). Optional: `title`, `url`,
//! `date` (`YYYY-MM-DD`), `issued_by` (string or list; a string is split at `,`/`;` like
//! page metadata), `fields_of_work` (list or string), `content_type`. Other keys are
//! ignored. The text goes through the same cleaning as pages: every line is a paragraph.
//! A line that is not a JSON object, or lacks `id` or `text`, is a warning with
//! `file:line`; the lines after it are still read.

use serde_json::Value;

use super::clean::Parsed;
use super::date::Date;
use super::page::split_list;
use super::{Article, ReadOutcome};
use crate::error::Warning;

fn string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list(value: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match value {
        Some(Value::String(s)) => split_list(s, &mut out),
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(string)
            .for_each(|s| split_list(&s, &mut out)),
        _ => {}
    }
    out
}

/// Parses one line into page parts, its id and its text; `Err` says what is wrong.
fn parse_line(line: &str) -> Result<(String, Parsed<'static>), String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err("not a JSON object".into());
    };
    let id = obj.get("id").and_then(string).ok_or("missing \"id\"")?;
    let text = match obj.get("text") {
        Some(Value::String(text)) => text,
        _ => return Err(format!("article {id}: missing \"text\"")),
    };
    let field = |key: &str| obj.get(key).and_then(string);
    let mut parsed = Parsed {
        url: field("url"),
        title: field("title"),
        content_type: field("content_type"),
        issued_by: list(obj.get("issued_by")),
        fields_of_work: list(obj.get("fields_of_work")),
        paragraphs: text.lines().map(|l| l.to_string().into()).collect(),
        ..Parsed::default()
    };
    if let Some(date) = field("date") {
        parsed.published = Date::parse(&date);
        if parsed.published.is_none() {
            parsed
                .problems
                .push(format!("unreadable date {date:?}, left empty"));
        }
    }
    Ok((id, parsed))
}

/// One JSON Lines article: the article and the problems met cleaning it, or why the line
/// is not an article. `source` names the line in messages (`<stdin>:3`).
pub fn article(line: &str, source: &str) -> Result<(Article, Vec<String>), String> {
    let (id, parsed) = parse_line(line)?;
    parsed
        .into_article(id.clone(), source.to_string())
        .map_err(|p| format!("article {id}: {p}"))
}

pub(super) fn read(text: &str, source: &str, outcome: &mut ReadOutcome) {
    read_lines(text, source, 1, outcome)
}

/// Reads `text`, whose first line is line `first_line` of `source`.
pub(super) fn read_lines(text: &str, source: &str, first_line: usize, outcome: &mut ReadOutcome) {
    use rayon::prelude::*;
    // Lines are parsed in parallel (in the caller's thread pool, if any), so that one large
    // file keeps every thread busy; results are taken in line order.
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let results: Vec<_> = lines
        .par_iter()
        .with_min_len(64)
        .map(|&(n, line)| {
            let at = format!("{source}:{}", first_line + n);
            let result = article(line, &at);
            (at, result)
        })
        .collect();
    for (at, result) in results {
        match result {
            Ok((article, problems)) => {
                for problem in problems {
                    outcome
                        .warnings
                        .push(Warning::new(&at, problem).for_article(&article.id));
                }
                outcome.articles.push(article);
            }
            Err(problem) => outcome.warnings.push(Warning::new(&at, problem)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let input = concat!(
            r#"{"id": "a1", "text": "VIENNA, 2 May 2020 – First.\nSecond.", "issued_by": "ODIHR, OSCE Secretariat"}"#,
            "\n[1, 2]\n{\"id\": 7}\nnot json\n",
            r#"{"id": 8, "text": "Text.", "date": "2021-02-30", "fields_of_work": ["Elections"]}"#,
        );
        let mut outcome = ReadOutcome::default();
        read(input, "f.jsonl", &mut outcome);
        let ids: Vec<_> = outcome.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "8"]);
        let first = &outcome.articles[0];
        assert_eq!(first.text, "First.\n\nSecond.");
        assert_eq!(first.dateline.as_deref(), Some("VIENNA"));
        assert_eq!(first.published, Date::new(2020, 5, 2));
        assert_eq!(first.issued_by, ["ODIHR", "OSCE Secretariat"]);
        let sources: Vec<_> = outcome.warnings.iter().map(|w| w.source.as_str()).collect();
        assert_eq!(
            sources,
            ["f.jsonl:2", "f.jsonl:3", "f.jsonl:4", "f.jsonl:5"]
        );
        assert!(outcome.warnings[3].problem.contains("unreadable date"));
    }
}
