//! The binary: exit codes, the sample page, `segment` output, `coverage` of an output.

use std::process::Command;

use crate::common::*;

fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

#[test]
fn usage_errors_exit_2_and_fatal_errors_exit_1() {
    let status = whosaid()
        .args(["extract", "--format", "xml"])
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(2));
    let out = temp_dir();
    let output = whosaid()
        .args(["extract", "/no/such/dir", "-q", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/dir"));
}

#[test]
fn output_directory_with_other_files_is_refused_without_force() {
    let out = temp_dir();
    std::fs::write(out.path().join("thesis.docx"), "mine").unwrap();
    let sample = manifest_dir().join("examples/corpus/current");
    let refused = whosaid()
        .arg("extract")
        .arg(&sample)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    let forced = whosaid()
        .arg("extract")
        .arg(&sample)
        .args(["-q", "--force", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(forced.status.success());
    assert!(out.path().join("quotes.csv").exists());
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn segment_prints_code_point_offsets() {
    let dir = temp_dir();
    let file = dir.path().join("t.txt");
    std::fs::write(
        &file,
        "Türkiye’s envoy spoke. Dr. Ivanova replied!\nNew line",
    )
    .unwrap();
    let output = whosaid().arg("segment").arg(&file).output().unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(u64, u64, &str)> = lines
        .iter()
        .map(|v| {
            (
                v["start"].as_u64().unwrap(),
                v["end"].as_u64().unwrap(),
                v["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (0, 22, "Türkiye’s envoy spoke."),
            (23, 43, "Dr. Ivanova replied!"),
            (44, 52, "New line")
        ]
    );
}

#[test]
fn extract_writes_coverage_unless_told_not_to() {
    let out = temp_dir();
    let status = whosaid()
        .args(["extract", "-q", "--format", "both", "--out"])
        .arg(out.path().join("with"))
        .status()
        .unwrap();
    assert!(status.success());
    for table in [
        "offices",
        "office_places",
        "office_topics",
        "office_speakers",
        "office_years",
    ] {
        for ext in ["csv", "parquet"] {
            let path = out
                .path()
                .join("with/coverage")
                .join(format!("{table}.{ext}"));
            assert!(
                path.metadata().is_ok_and(|m| m.len() > 0),
                "{}",
                path.display()
            );
        }
    }
    let status = whosaid()
        .args(["extract", "-q", "--no-coverage", "--out"])
        .arg(out.path().join("without"))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(!out.path().join("without/coverage").exists());
}

#[test]
fn excel_safe_prefixes_formula_cells_and_the_default_stays_faithful() {
    let dir = temp_dir();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"=cmd|' /C calc'!A0\", \"text\": \"“+Everyone counts,” said Anna Berg.\", \"title\": \"@title\"}\n",
    )
    .unwrap();
    let run = |extra: &[&str], out: &str| {
        let status = whosaid()
            .args(["extract", "-q", "--no-coverage", "--out"])
            .arg(dir.path().join(out))
            .args(extra)
            .arg(&input)
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read_to_string(dir.path().join(out).join("articles.csv")).unwrap()
    };
    let faithful = run(&[], "plain");
    let safe = run(&["--excel-safe"], "safe");
    assert!(
        faithful.contains("\n=cmd|") && faithful.contains(",@title,"),
        "{faithful}"
    );
    assert!(
        safe.contains("\n'=cmd|") && safe.contains(",'@title,"),
        "{safe}"
    );
    assert!(
        !safe
            .lines()
            .skip(1)
            .any(|l| l.starts_with(['=', '+', '-', '@'])),
        "{safe}"
    );
}

/// An interrupted run (Ctrl-C, SIGTERM) exits with 130 and leaves neither tables nor their
/// temporary files. The run reads JSON Lines from a pipe that stays open, so it is still
/// writing when the signal comes.
#[test]
fn an_interrupted_run_leaves_no_temporary_files() {
    use std::io::Write;
    let dir = temp_dir();
    let out = dir.path().join("out");
    let mut child = whosaid()
        .args(["extract", "-q", "--out"])
        .arg(&out)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(
        stdin,
        r#"{{"id": "a", "text": "“We are ready,” said Anna Berg."}}"#
    )
    .unwrap();
    let temporary = || -> Vec<String> {
        std::fs::read_dir(&out)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let started = std::time::Instant::now();
    while !temporary().iter().any(|name| name.ends_with(".tmp")) {
        assert!(started.elapsed().as_secs() < 60, "no table was started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The shell's own `kill`, so the test does not depend on procps being installed.
    let kill = Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(kill.success());
    // A run that ignored the signal would wait for input for ever.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed().as_secs() >= 60 {
            child.kill().unwrap();
            panic!("the run did not stop on SIGINT");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_eq!(temporary(), Vec::<String>::new());
}

#[test]
fn coverage_of_an_extract_output_equals_the_coverage_extract_writes() {
    let dir = temp_dir();
    let (with, without) = (dir.path().join("with"), dir.path().join("without"));
    for (out, extra) in [(&with, None), (&without, Some("--no-coverage"))] {
        let status = whosaid()
            .args(["extract", "-q", "--out"])
            .arg(out)
            .args(extra)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let output = whosaid()
        .arg("coverage")
        .arg(&without)
        .args(["--gazetteers", "gazetteers", "--no-default-gazetteers"])
        .current_dir(manifest_dir())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("coverage of"), "{stderr}");
    for table in ["offices", "office_places", "office_speakers"] {
        let name = format!("coverage/{table}.csv");
        let want = std::fs::read_to_string(with.join(&name)).unwrap();
        assert_eq!(std::fs::read_to_string(without.join(&name)).unwrap(), want);
    }
}
