//! The quote stage: hand-written cases for every attribution pattern and its traps
//! (`tests/fixtures/quotes/*.json`), and no panic on arbitrary text with quote marks.

use std::path::PathBuf;

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Value};
use whosaid::attribute::marks::is_mark;
use whosaid::attribute::QuoteKind;
use whosaid::pipeline::Annotator;
use whosaid::read::Article;

use crate::common::*;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    issued_by: Vec<String>,
    expected: Vec<serde_json::Map<String, Value>>,
    /// A pattern the stage does not handle yet, and why: the case must still fail, so
    /// that the note is removed when it starts to pass.
    #[serde(default)]
    gap: Option<String>,
    /// Whether the case checks reported statements too (kind `indirect`, and the whole
    /// clause of a partial quote); a case about quotations sees only the quoted words.
    #[serde(default)]
    reported: bool,
}

fn case_files() -> Vec<PathBuf> {
    let dir = manifest_dir().join("tests/fixtures/quotes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// What the tool found, in the vocabulary of the case files.
fn found(annotator: &Annotator, case: &Case) -> Vec<Value> {
    let article = Article {
        id: "case".into(),
        text: case.text.clone(),
        issued_by: case.issued_by.clone(),
        ..Article::default()
    };
    let annotated = annotator.annotate(article);
    annotated
        .quotes
        .iter()
        .filter(|q| case.reported || q.kind != QuoteKind::Indirect)
        .map(|q| {
            let s = &q.speaker;
            let text = &case.text[q.span.range()];
            // A partial quote's row holds its reported clause; the quoted words lie
            // between its first and last quotation mark.
            let quoted = match (text.find(is_mark), text.rfind(is_mark)) {
                (Some(open), Some(close))
                    if !case.reported && q.kind == QuoteKind::Partial && open < close =>
                {
                    &text[open + text[open..].chars().next().map_or(1, char::len_utf8)..close]
                }
                _ => text,
            };
            json!({
                "quote": quoted.trim_end_matches([',', ' ']),
                "kind": q.kind,
                "speaker": s.name,
                "speaker_type": s.kind,
                "role": s.role,
                "org": s.org,
                "gender": if s.kind == whosaid::attribute::SpeakerType::Person { json!(s.gender) } else { Value::Null },
            })
        })
        .collect()
}

#[test]
fn quote_cases() {
    let annotator = annotator();
    let mut total = 0;
    let mut gaps = 0;
    let mut failures = Vec::new();
    for file in case_files() {
        let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in &cases {
            total += 1;
            let got = found(&annotator, case);
            // Only the keys a case gives are compared; `quote` is compared without the
            // attribution comma.
            let projected: Vec<Value> = got
                .iter()
                .zip(&case.expected)
                .map(|(g, e)| Value::Object(e.keys().map(|k| (k.clone(), g[k].clone())).collect()))
                .collect();
            let expected: Vec<Value> = case
                .expected
                .iter()
                .map(|e| {
                    let mut e = e.clone();
                    if let Some(Value::String(q)) = e.get_mut("quote") {
                        *q = q.trim_end_matches([',', ' ']).to_string();
                    }
                    Value::Object(e)
                })
                .collect();
            let passes = got.len() == expected.len() && projected == expected;
            if let Some(gap) = &case.gap {
                gaps += 1;
                if passes {
                    failures.push(format!(
                        "{} / {}: passes now; remove its gap note ({gap})",
                        file.file_name().unwrap().to_string_lossy(),
                        case.name,
                    ));
                }
                continue;
            }
            if !passes {
                failures.push(format!(
                    "{} / {}\n  text:     {:?}\n  expected: {}\n  got:      {}",
                    file.file_name().unwrap().to_string_lossy(),
                    case.name,
                    case.text,
                    Value::from(expected),
                    Value::from(got)
                ));
            }
        }
    }
    assert!(total >= 100, "only {total} quote cases");
    eprintln!("{total} quote cases, {gaps} of them known gaps");
    assert!(
        failures.is_empty(),
        "{} of {total} quote cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// An article longer than the quote stage's window (256 KiB) is attributed window by
/// window: the case texts at its start and again at its end, with quote-free paragraphs
/// between, give the quotes of the case texts alone, twice.
#[test]
fn a_long_article_is_attributed_window_by_window() {
    let annotator = annotator();
    let mut texts = Vec::new();
    for file in case_files() {
        let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        texts.extend(cases.into_iter().map(|c| c.text));
    }
    let block = texts.join("\n\n");
    let filler = "The meeting continued with a discussion of regional co-operation.\n\n";
    let long = format!(
        "{block}\n\n{}{block}",
        filler.repeat(300_000 / filler.len())
    );
    assert!(
        long.len() > 300_000 && block.len() < 100_000,
        "{}",
        block.len()
    );
    let case = |text: String| Case {
        name: "long".into(),
        text,
        issued_by: Vec::new(),
        expected: Vec::new(),
        gap: None,
        reported: true,
    };
    let once = found(&annotator, &case(block));
    let twice = found(&annotator, &case(long));
    assert!(once.len() >= 100, "{} quotes", once.len());
    assert_eq!(twice.len(), 2 * once.len());
    assert_eq!(twice[..once.len()], once[..]);
    assert_eq!(twice[once.len()..], once[..]);
}

fn marked_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "„",
        "«",
        "»",
        "‹",
        "›",
        "\"",
        "'",
        "‘",
        "’",
        " said ",
        " she added",
        " he ",
        "Anna Berg",
        ", Head of the OSCE Mission to Serbia",
        " told journalists: ",
        "According to ",
        " the Mission said",
        ". ",
        ", ",
        "\n",
        "\n\n",
        "word",
        "O’Brien",
        "é",
        "?",
        "!",
        ":",
        " one participant",
        // Reported speech: verbs, frames and the words that cut or continue a statement.
        " stressed that ",
        " called for",
        " and urged the parties to ",
        ", adding that ",
        " expressed concern over",
        " welcomed the decision",
        ", according to ",
        " did not say that ",
        "Ms. ",
        "Petrova",
        " ",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn no_text_makes_the_quote_stage_panic(text in marked_text(), other in any::<String>()) {
        thread_local!(static A: Annotator = annotator());
        A.with(|annotator| {
            for text in [&text, &other, &format!("“{other}")] {
                let annotated = annotator.annotate(Article {
                    id: "p".into(),
                    text: text.clone(),
                    ..Article::default()
                });
                for q in &annotated.quotes {
                    prop_assert!(text.get(q.span.range()).is_some());
                    prop_assert!((0.0..=1.0).contains(&q.confidence));
                }
            }
            Ok(())
        })?;
    }
}
