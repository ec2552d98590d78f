//! `whosaid stream`: the same rows as `extract` on the same JSON Lines, one answer per
//! input line in order, errors as records.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

use crate::common::*;

/// The bundled corpus as JSON Lines articles (what a crawler would hand over).
pub fn corpus_jsonl() -> String {
    let mut out = String::new();
    for input in whosaid::bundled::corpus() {
        for a in input.read().articles {
            let record = json!({
                "id": a.id,
                "text": a.text,
                "title": a.title,
                "url": a.url,
                "date": a.published.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                "issued_by": a.issued_by,
                "fields_of_work": a.fields_of_work,
                "content_type": a.content_type,
            });
            out.push_str(&record.to_string());
            out.push('\n');
        }
    }
    out
}

fn stream(input: &str, args: &[&str]) -> (Vec<Value>, std::process::Output) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("stream")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let owned = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(owned.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let records = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (records, output)
}

/// A JSON value written as the CSV writer writes its cell.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n
            .as_i64()
            .map(|i| i.to_string())
            .unwrap_or_else(|| n.as_f64().unwrap().to_string()),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        Value::Object(_) => panic!("nested object"),
    }
}

fn csv_rows(path: &Path) -> Vec<HashMap<String, String>> {
    read_table(path)
}

#[test]
fn stream_gives_the_rows_of_extract() {
    let dir = temp_dir();
    let file = dir.path().join("corpus.jsonl");
    let corpus = corpus_jsonl();
    std::fs::write(&file, &corpus).unwrap();
    let out = dir.path().join("out");
    let status = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-q", "--no-coverage", "--out"])
        .arg(&out)
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());

    let source = file.display().to_string();
    let (records, output) = stream(&corpus, &["--source", &source]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(records.len(), corpus.lines().count());

    for (table, key) in [
        ("articles", "article"),
        ("sentences", "sentences"),
        ("mentions", "mentions"),
        ("quotes", "quotes"),
    ] {
        let want = csv_rows(&out.join(format!("{table}.csv")));
        let got: Vec<HashMap<String, String>> = records
            .iter()
            .flat_map(|r| match &r[key] {
                Value::Array(rows) => rows.clone(),
                row => vec![row.clone()],
            })
            .map(|row| {
                row.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), cell(v)))
                    .collect()
            })
            .collect();
        assert!(!want.is_empty(), "{table}");
        assert_eq!(got.len(), want.len(), "{table}: row count");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{table} row {i}");
        }
    }
}

#[test]
fn every_line_gets_one_answer_in_order() {
    let input = [
        r#"{"id": "a", "text": "“We are ready,” said Anna Berg, Head of the OSCE Mission to Serbia."}"#,
        "",
        "not json",
        r#"{"id": "b"}"#,
        r#"{"id": "a", "text": "A second article with the same id."}"#,
        r#"[1, 2]"#,
    ]
    .join("\n");
    let (records, output) = stream(&input, &["--jobs", "2"]);
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: Vec<(Value, bool)> = records
        .iter()
        .map(|r| (r["article_id"].clone(), r.get("error").is_some()))
        .collect();
    assert_eq!(
        summary,
        [
            (json!("a"), false),
            (Value::Null, true),
            (Value::Null, true),
            (json!("b"), true),
            (json!("a~2"), false),
            (Value::Null, true),
        ]
    );
    assert_eq!(records[0]["quotes"][0]["speaker"], "Anna Berg");
    assert_eq!(records[0]["article"]["source"], "<stdin>:1");
    assert_eq!(records[4]["sentences"][0]["article_id"], "a~2");
    assert!(records[4]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("duplicate"));
}
