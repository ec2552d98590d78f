//! `whosaid stream`: JSON Lines articles in, one JSON line out per line in, in the same
//! order. The map step for Spark's `RDD.pipe`, Ray, Dask, GNU parallel or Slurm arrays.
//!
//! Each output line is `{"article_id", "article": {...}, "sentences": [...],
//! "mentions": [...], "quotes": [...], "warnings": [...]}` with the fields of the tables
//! (dates as `YYYY-MM-DD`, lists as arrays), or `{"article_id", "error"}` for a line that
//! is not an article (blank, not JSON, no `id` or `text`, nothing left after cleaning).
//! Lines are read on their own thread and annotated in parallel in batches of whatever has
//! arrived (at most [`BATCH_LINES`]), so a slow producer still gets each answer at once; every
//! output line is flushed. Duplicate article ids are renamed as `extract` renames them.
//!
//! It does not write tables, coverage or a progress bar; stderr is for fatal errors only.

use std::io::{BufRead, Write};
use std::sync::mpsc;

use rayon::prelude::*;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::pipeline::{self, Annotator, ArticleIds};
use crate::read::jsonl;
use crate::tables::cells::Cell;
use crate::tables::{write_json, Row};

/// Most lines annotated together.
pub const BATCH_LINES: usize = 256;

/// Counts of a finished stream.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub articles: u64,
    pub errors: u64,
}

/// A line as read: its number (1-based) and its text, or why it could not be read.
type Line = (u64, std::result::Result<String, String>);

/// Streams `input` to `output` with `jobs` threads; `source` names the input in the
/// `source` column (`source:line`).
pub fn run<R, W>(
    input: R,
    output: &mut W,
    annotator: &Annotator,
    jobs: usize,
    source: &str,
) -> Result<Summary>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| Error::Table {
            path: "<stdout>".into(),
            message: format!("thread pool: {e}"),
        })?;
    let (send, receive) = mpsc::sync_channel::<Line>(4 * BATCH_LINES);
    let reader = std::thread::spawn(move || read_lines(input, send));
    let io = |source| Error::Io {
        path: "<stdout>".into(),
        source,
    };
    let mut summary = Summary::default();
    let mut seen = ArticleIds::default();
    while let Ok(first) = receive.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH_LINES {
            match receive.try_recv() {
                Ok(line) => batch.push(line),
                Err(_) => break,
            }
        }
        let answers: Vec<Answer> = pool.install(|| {
            batch
                .par_iter()
                .map(|line| process(line, source, annotator))
                .collect()
        });
        for answer in answers {
            summary.lines += 1;
            let mut json = answer.json;
            if answer.error {
                summary.errors += 1;
            } else {
                summary.articles += 1;
                if let Some(renamed) = answer.id.as_deref().and_then(|id| seen.claim(id)) {
                    // Rare: rename the repeated id everywhere in the record.
                    let mut value: Value =
                        serde_json::from_slice(&json).map_err(|e| io(e.into()))?;
                    rename_duplicate(&mut value, &renamed);
                    json = value.to_string().into_bytes();
                }
            }
            output.write_all(&json).map_err(io)?;
            output.write_all(b"\n").map_err(io)?;
            output.flush().map_err(io)?;
        }
    }
    reader
        .join()
        .map_err(|_| Error::Io {
            path: "<stdin>".into(),
            source: std::io::Error::other("the reading thread stopped"),
        })?
        .map_err(|source| Error::Io {
            path: "<stdin>".into(),
            source,
        })?;
    Ok(summary)
}

/// Sends every line of `input`; a line that is not UTF-8 is sent as an error.
fn read_lines<R: BufRead>(mut input: R, send: mpsc::SyncSender<Line>) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(());
        }
        n += 1;
        while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            buf.pop();
        }
        let line = String::from_utf8(std::mem::take(&mut buf))
            .map_err(|e| format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()));
        if send.send((n, line)).is_err() {
            return Ok(()); // the writer stopped: nothing more to do
        }
    }
}

/// The answer to one input line: the article id, whether it is an error record, and the
/// JSON line (without its newline), serialized here so that the parallel part does it.
struct Answer {
    id: Option<String>,
    error: bool,
    json: Vec<u8>,
}

/// `{"article_id", "error"}`: the answer to a line that is not an article.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    article_id: Option<&'a str>,
    error: &'a str,
}

/// The output record of one input line.
fn process((n, line): &Line, source: &str, annotator: &Annotator) -> Answer {
    let source = format!("{source}:{n}");
    let error = |id: Option<String>, message: String| Answer {
        json: serde_json::to_vec(&ErrorLine {
            article_id: id.as_deref(),
            error: &message,
        })
        .unwrap_or_default(),
        id,
        error: true,
    };
    let line = match line {
        Ok(line) if line.trim().is_empty() => return error(None, "empty line".into()),
        Ok(line) => line,
        Err(message) => return error(None, message.clone()),
    };
    let (article, problems) = match jsonl::article(line, &source) {
        Ok(found) => found,
        Err(message) => {
            let id = serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .map(|id| id.as_str().map_or_else(|| id.to_string(), str::to_string));
            return error(id, message);
        }
    };
    if let Some(problem) = annotator.refuses(&article) {
        return error(Some(article.id), problem);
    }
    let annotated = annotator.annotate(article);
    let mut warnings: Vec<String> = problems;
    if annotated.unpaired_marks > 0 {
        warnings.push(format!(
            "{} unpaired quotation mark(s)",
            annotated.unpaired_marks
        ));
    }
    let rows = pipeline::rows(&annotated, &annotator.gazetteer);
    let id = annotated.article.id.clone();
    match record(&rows, &id, &warnings) {
        Ok(json) => Answer {
            id: Some(id),
            error: false,
            json,
        },
        Err(e) => error(Some(id), e.to_string()),
    }
}

/// `{"article_id", "article", "sentences", "mentions", "quotes", "warnings"}`.
fn record(rows: &pipeline::ArticleRows, id: &str, warnings: &[String]) -> Result<Vec<u8>> {
    fn list<R: Row>(key: &str, rows: &[R], cells: &mut Vec<Cell>, out: &mut Vec<u8>) -> Result<()> {
        out.extend_from_slice(format!(",\"{key}\":[").as_bytes());
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_json(row, cells, out)?;
        }
        out.push(b']');
        Ok(())
    }
    let mut out = Vec::with_capacity(4 * rows.article.text.len() + 1024);
    let mut cells = Vec::new();
    out.extend_from_slice(b"{\"article_id\":");
    out.extend_from_slice(serde_json::to_string(id).unwrap_or_default().as_bytes());
    out.extend_from_slice(b",\"article\":");
    write_json(&rows.article, &mut cells, &mut out)?;
    list("sentences", &rows.sentences, &mut cells, &mut out)?;
    list("mentions", &rows.mentions, &mut cells, &mut out)?;
    list("quotes", &rows.quotes, &mut cells, &mut out)?;
    out.extend_from_slice(b",\"warnings\":");
    out.extend_from_slice(
        serde_json::to_string(warnings)
            .unwrap_or_default()
            .as_bytes(),
    );
    out.push(b'}');
    Ok(out)
}

/// Renames the repeated article id of `record` to `renamed` in every part of it, as
/// `extract` does, and notes it among the warnings.
fn rename_duplicate(record: &mut Value, renamed: &str) {
    let Some(id) = record["article_id"].as_str().map(str::to_string) else {
        return;
    };
    let renamed = Value::String(renamed.to_string());
    record["article_id"] = renamed.clone();
    record["article"]["article_id"] = renamed.clone();
    for table in ["sentences", "mentions", "quotes"] {
        if let Some(rows) = record[table].as_array_mut() {
            for row in rows {
                row["article_id"] = renamed.clone();
            }
        }
    }
    if let Some(warnings) = record["warnings"].as_array_mut() {
        warnings.push(Value::String(format!(
            "duplicate article id {id:?}, renamed to {renamed}"
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::{Cue, Quote, QuoteKind, Speaker};
    use crate::gazetteer::Gazetteer;
    use crate::pipeline::Annotated;
    use crate::read::Article;
    use crate::segment::Sentence;
    use crate::span::Span;

    /// A reported statement reaches the output as its own row, and the article counts it
    /// apart from the quotes.
    #[test]
    fn an_indirect_row_passes_through_with_its_count() {
        let text = "Anna Berg said that the vote was fair. “It was calm,” she added.";
        let quote = |kind, start, end| Quote {
            span: Span::new(start, end),
            kind,
            speaker: Speaker {
                name: Some("Anna Berg".into()),
                ..Speaker::unknown()
            },
            verb: Some("said".into()),
            cue: Cue::None,
            resolution: None,
            confidence: 0.9,
        };
        let reported = text.find("the vote").unwrap();
        let direct = text.find("It was").unwrap();
        let annotated = Annotated {
            article: Article {
                id: "a".into(),
                text: text.into(),
                ..Article::default()
            },
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
                paragraph: 0,
            }],
            mentions: vec![],
            quotes: vec![
                quote(QuoteKind::Indirect, reported, reported + 17),
                quote(QuoteKind::Direct, direct, direct + 11),
            ],
            unpaired_marks: 0,
            issuers: vec![],
        };
        let (gazetteer, _) = Gazetteer::load(&[]).unwrap();
        let rows = pipeline::rows(&annotated, &gazetteer);
        let json = record(&rows, "a", &[]).unwrap();
        let value: Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(value["article"]["n_quotes"], 1);
        assert_eq!(value["article"]["n_reported"], 1);
        let quotes = value["quotes"].as_array().unwrap();
        assert_eq!(quotes.len(), 2);
        assert_eq!(quotes[0]["kind"], "indirect");
        assert_eq!(quotes[0]["text"], "the vote was fair");
        assert_eq!(quotes[0]["speaker"], "Anna Berg");
        assert_eq!(quotes[1]["kind"], "direct");
    }
}
