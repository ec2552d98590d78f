//! Sentence segmentation: the hand-labelled fixture cases, the tiling invariant on
//! arbitrary input, and the `eval segmentation` command.

use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use whosaid::eval;
use whosaid::segment::{self, Breaks};

use crate::common::temp_dir;

fn fixture_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/segmentation");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_fixture_case_passes() {
    let mut total = 0;
    let mut failed = String::new();
    for file in fixture_files() {
        let cases = eval::load_segmentation_cases(&file).unwrap();
        let report = eval::segmentation(&cases, Breaks::Lines);
        total += report.total;
        if !report.failures.is_empty() {
            failed.push_str(&format!("== {}\n{report}\n", file.display()));
        }
    }
    assert!(failed.is_empty(), "{failed}");
    // The issue asks for at least 150 hand-written cases; keep the suite from shrinking.
    assert!(total >= 150, "only {total} segmentation cases");
}

/// Checks the invariant every segmentation must keep: sentences are non-empty, trimmed,
/// in order, inside their paragraph, and together cover every non-whitespace character.
fn check_tiling(text: &str, breaks: Breaks) -> Result<(), TestCaseError> {
    let paragraphs = segment::paragraphs_by(text, breaks);
    let sentences = segment::sentences_by(text, breaks);
    let mut covered = vec![false; text.len()];
    let mut last_end = 0;
    for s in &sentences {
        let piece = text.get(s.span.range());
        prop_assert!(piece.is_some(), "{:?} is not on char boundaries", s.span);
        let piece = piece.unwrap();
        prop_assert!(!piece.is_empty());
        prop_assert_eq!(piece.trim(), piece);
        prop_assert!(
            s.span.start >= last_end,
            "overlap or disorder at {:?}",
            s.span
        );
        prop_assert!(paragraphs[s.paragraph].contains(s.span));
        last_end = s.span.end;
        covered[s.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (at, c) in text.char_indices() {
        prop_assert!(
            c.is_whitespace() || covered[at],
            "{c:?} at byte {at} is in no sentence"
        );
    }
    Ok(())
}

/// Text made of the pieces segmentation rules look at, in any order.
fn tricky_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Word", "the", "I", "B", "12", "3.5", ".", "..", "...", ". . .", " . ", "?", "!",
        "?!", "…", "。", " ", "  ", "\n", "\n\n", "\t", "\u{a0}", "“", "”", "\"", "'", "‘", "’",
        "«", "»", "(", ")", "[", "]", "[...]", "•", "⁃", "- ", "1.", "2)", "(a)", "(ii)", "II.",
        "Dr.", "U.S.", "No.", "a.m.", "etc.", "Co.", "Ltd.", "said", "asked", ",", ":", "é", "Ž",
        "osce.org", "@", "\u{200b}", "\r\n",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn sentences_tile_tricky_text(text in tricky_text()) {
        check_tiling(&text, Breaks::Lines)?;
        check_tiling(&text, Breaks::BlankLines)?;
    }

    #[test]
    fn sentences_tile_arbitrary_text(text in any::<String>()) {
        check_tiling(&text, Breaks::Lines)?;
        check_tiling(&text, Breaks::BlankLines)?;
    }
}

#[test]
fn long_runs_of_dots_and_marks_do_not_break_the_invariant() {
    for text in [
        ".".repeat(10_000),
        ". ".repeat(5_000),
        "“".repeat(3_000) + &"?” ".repeat(3_000),
        "1. ".repeat(2_000),
        "• ".repeat(2_000),
    ] {
        check_tiling(&text, Breaks::Lines).unwrap();
    }
}

fn eval_command(file: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["eval", "segmentation"])
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn eval_command_reports_failures_and_applies_the_threshold() {
    let dir = temp_dir();
    let file = dir.path().join("cases.json");
    std::fs::write(
        &file,
        r#"[{"id": 1, "name": "right", "text": "One. Two.", "expected": ["One.", "Two."]},
            {"id": 2, "name": "wrong on purpose", "text": "One. Two.", "expected": ["One. Two."]}]"#,
    )
    .unwrap();
    let output = eval_command(&file, &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL #2 wrong on purpose"), "{stdout}");
    assert!(stdout.trim_end().ends_with("1/2 passed"), "{stdout}");
    assert_eq!(
        eval_command(&file, &["--min-passed", "1"]).status.code(),
        Some(0)
    );

    std::fs::write(&file, "[{\"text\": \"x\"}\n").unwrap();
    let output = eval_command(&file, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("cases.json:1:"), "{stderr}");
}
