//! The mention stage: hand-written cases for every matching rule, the offset invariant on
//! generated text, the corpus check against a naive search, and gazetteer validation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;
use whosaid::gazetteer::{Gazetteer, GazetteerFile};
use whosaid::pipeline::Annotator;
use whosaid::read::{Article, Date};
use whosaid::span::CharOffsets;

use crate::common::*;

fn fixtures() -> PathBuf {
    manifest_dir().join("tests/fixtures")
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    gazetteer: Option<String>,
    expected: Vec<HashMap<String, Value>>,
}

fn annotator_with(extra: Option<&str>) -> Annotator {
    let mut files = whosaid::bundled::gazetteers();
    if let Some(extra) = extra {
        let path = fixtures().join("mentions").join(extra);
        files.push(GazetteerFile {
            name: path.display().to_string(),
            contents: std::fs::read_to_string(&path).unwrap(),
        });
    }
    Annotator::new(Gazetteer::load(&files).expect("fixture gazetteers load").0)
}

/// Each case lists every mention of its text in order: the id, the surface (found in the
/// text after the previous one, which gives the span) and, where given, the form, how a
/// shared name was resolved, its alternatives and the period flag.
#[test]
fn mention_cases() {
    let path = fixtures().join("mentions/cases.json");
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(cases.len() >= 30, "only {} mention cases", cases.len());
    let mut annotators: HashMap<Option<String>, Annotator> = HashMap::new();
    let mut failures = Vec::new();
    for case in &cases {
        let annotator = annotators
            .entry(case.gazetteer.clone())
            .or_insert_with(|| annotator_with(case.gazetteer.as_deref()));
        let article = Article {
            id: "case".into(),
            text: case.text.clone(),
            published: case
                .published
                .as_deref()
                .map(|d| Date::parse(d).expect("fixture date")),
            ..Article::default()
        };
        let annotated = annotator.annotate(article);
        let g = &annotator.gazetteer;
        let offsets = CharOffsets::new(&case.text);
        let got: Vec<Value> = annotated
            .mentions
            .iter()
            .map(|m| {
                let f = &m.found;
                serde_json::json!({
                    "id": g.entity(f.entity).id,
                    "surface": &case.text[f.span.range()],
                    "start": offsets.to_char(f.span.start),
                    "form": f.form,
                    "resolved_by": f.resolution,
                    "alternatives": g.alternatives(f).iter().map(|&e| g.entity(e).id.clone()).collect::<Vec<_>>(),
                    "out_of_period": m.out_of_period,
                })
            })
            .collect();
        let mut after = 0;
        let expected: Vec<Value> = case
            .expected
            .iter()
            .map(|e| {
                let surface = e["surface"].as_str().unwrap();
                let at = after
                    + case.text[after..]
                        .find(surface)
                        .unwrap_or_else(|| panic!("{}: {surface:?} is not in the text", case.name));
                after = at + surface.len();
                let mut row = got_like(e);
                row["start"] = offsets.to_char(at).into();
                row
            })
            .collect();
        let projected: Vec<Value> = got
            .iter()
            .zip(&expected)
            .map(|(g, e)| project(g, e))
            .chain(got.iter().skip(expected.len()).cloned())
            .collect();
        if projected != expected {
            failures.push(format!(
                "{}\n  text:     {:?}\n  expected: {}\n  got:      {}",
                case.name,
                case.text,
                Value::from(expected),
                Value::from(got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The expected object with its checked keys.
fn got_like(e: &HashMap<String, Value>) -> Value {
    Value::Object(e.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// `got` reduced to the keys that `expected` checks.
fn project(got: &Value, expected: &Value) -> Value {
    let keys = expected.as_object().unwrap().keys();
    Value::Object(keys.map(|k| (k.clone(), got[k].clone())).collect())
}

fn bundled() -> Gazetteer {
    Gazetteer::load(&whosaid::bundled::gazetteers()).unwrap().0
}

fn surfaces(g: &Gazetteer) -> Vec<String> {
    let mut out = Vec::new();
    for id in [
        "place/turkiye",
        "org/odihr",
        "org/osce-pa",
        "place/chisinau",
        "place/serbia",
        "org/osce-mission-serbia",
        "place/kazakhstan",
        "org/osce",
    ] {
        let e = g.entity(g.get(id).unwrap());
        out.push(e.name.clone());
        out.extend(e.aliases.iter().cloned());
        out.extend(e.demonyms.iter().cloned());
    }
    out
}

proptest! {
    /// Offsets: every match lies on char boundaries and word boundaries, in order without
    /// overlap, and its surface alone is a name of the same entity.
    #[test]
    fn matches_point_into_the_original(pieces in prop::collection::vec(0usize..40, 0..30), seps in prop::collection::vec(prop::sample::select(vec![" ", "  ", ", ", "’s ", "\n", "-", "“", "é", "ß", " the ", "s "]), 30)) {
        thread_local!(static G: Gazetteer = bundled());
        G.with(|g| {
            let names = surfaces(g);
            let mut text = String::new();
            for (i, p) in pieces.iter().enumerate() {
                text.push_str(names.get(*p).map_or("x", String::as_str));
                text.push_str(seps[i % seps.len()]);
            }
            let found = g.find(&text);
            let mut last_end = 0;
            for m in &found {
                prop_assert!(m.span.start >= last_end);
                last_end = m.span.end;
                let surface = text.get(m.span.range());
                prop_assert!(surface.is_some(), "not on char boundaries: {:?}", m.span);
                let before = text[..m.span.start].chars().next_back();
                let after = text[m.span.end..].chars().next();
                prop_assert!(!before.is_some_and(char::is_alphanumeric));
                prop_assert!(!after.is_some_and(char::is_alphanumeric));
                prop_assert_eq!(g.lookup(surface.unwrap()), Some(m.entity));
            }
            Ok(())
        })?;
    }

    #[test]
    fn arbitrary_text_never_panics_and_spans_are_valid(text in any::<String>()) {
        thread_local!(static G: Gazetteer = bundled());
        G.with(|g| {
            for m in g.find(&text) {
                prop_assert!(text.get(m.span.range()).is_some_and(|s| !s.is_empty()));
            }
            Ok(())
        })?;
    }
}

/// Acceptance check, independent of the matcher: every participating State, field
/// operation and institution written out in a corpus article (a naive case-insensitive
/// search for its name and aliases) is a mention with its id, or lies inside a longer
/// mention (`Serbia` in `OSCE Mission to Serbia`).
#[test]
fn corpus_names_of_states_field_operations_and_institutions_are_mentions() {
    let out = temp_dir();
    run(&whosaid::bundled::corpus(), out.path(), csv_only(), 1);
    let g = bundled();
    let articles = read_table(&out.path().join("articles.csv"));
    let mentions = read_table(&out.path().join("mentions.csv"));
    let mut missing = Vec::new();
    let mut checked = 0;
    for article in &articles {
        let text = &article["text"];
        let lower = text.to_lowercase();
        let offsets = CharOffsets::new(text);
        let own: Vec<_> = mentions
            .iter()
            .filter(|m| m["article_id"] == article["article_id"])
            .map(|m| {
                let n = |k: &str| m[k].parse::<usize>().unwrap();
                (m["entity_id"].clone(), n("start"), n("end"))
            })
            .collect();
        for i in 0..g.len() {
            let e = g.entity(whosaid::gazetteer::EntityRef(i as u32));
            let wanted = matches!(
                e.subtype.as_deref(),
                Some("country" | "field operation" | "institution")
            );
            if !wanted {
                continue;
            }
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                let needle = name.to_lowercase();
                let case_sensitive =
                    name.chars().filter(|c| c.is_uppercase()).count() >= 2 && !name.contains(' ');
                let hay = if case_sensitive { text } else { &lower };
                let needle = if case_sensitive { name.clone() } else { needle };
                let mut from = 0;
                while let Some(at) = hay[from..].find(&needle) {
                    let (s, e_) = (from + at, from + at + needle.len());
                    from = e_;
                    let bounded = !text[..s]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                        && !text[e_..].chars().next().is_some_and(char::is_alphanumeric);
                    if !bounded {
                        continue;
                    }
                    checked += 1;
                    let (cs, ce) = (offsets.to_char(s), offsets.to_char(e_));
                    let covered = own.iter().any(|(id, ms, me)| {
                        (id == &e.id && *ms == cs && *me == ce)
                            || (*ms <= cs && ce <= *me && me - ms > ce - cs)
                    });
                    if !covered {
                        missing.push(format!(
                            "{}: {} {:?} at {cs}",
                            article["article_id"],
                            e.id,
                            &text[s..e_]
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} names checked");
    assert!(
        missing.is_empty(),
        "names without a mention:\n{}",
        missing.join("\n")
    );
}

fn check_command(dirs: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["gazetteer", "check"])
        .args(dirs)
        .output()
        .unwrap()
}

#[test]
fn gazetteer_check_passes_the_bundled_files() {
    let output = check_command(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("0 error(s)"), "{stdout}");
}

/// `tests/fixtures/gazetteer-broken/expected.tsv` lists what `broken.csv` must produce.
#[test]
fn gazetteer_check_reports_every_problem_by_file_and_line() {
    let dir = fixtures().join("gazetteer-broken");
    let output = check_command(&[&dir]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let expected = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let mut lines = 0;
    for row in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut cols = row.splitn(3, '\t');
        let (line, severity, fragment) = (
            cols.next().unwrap(),
            cols.next().unwrap(),
            cols.next().unwrap(),
        );
        let prefix = format!("broken.csv:{line}: {severity}: ");
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&prefix) && l.contains(fragment)),
            "no `{prefix}…{fragment}` in:\n{stdout}"
        );
        lines += 1;
    }
    let reported = stdout.lines().filter(|l| l.contains("broken.csv:")).count();
    assert_eq!(reported, lines, "unexpected extra problems:\n{stdout}");

    // `extract` refuses to start and prints the same errors.
    let out = temp_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-q", "--gazetteers"])
        .arg(&dir)
        .arg("--out")
        .arg(out.path().join("o"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("broken.csv:3: error: unknown type"),
        "{stderr}"
    );
    assert!(
        !out.path().join("o").exists(),
        "no tables after a refused start"
    );
}
