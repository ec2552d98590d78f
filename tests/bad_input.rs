//! Bad input never panics and never disappears: each case gives a warning naming the file
//! (and line), the other articles are still processed.

use whosaid::gazetteer::{Gazetteer, GazetteerFile};
use whosaid::read;

use crate::common::*;

#[test]
fn bad_files_become_warnings_and_good_ones_survive() {
    let dir = temp_dir();
    let p = dir.path();
    std::fs::write(p.join("good.txt"), "Title\n“We are ready,” said Anna Berg.").unwrap();
    std::fs::write(p.join("latin1.txt"), b"Title\nCaf\xe9 text here.\n").unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    std::fs::write(p.join("blank.html"), "  \n\t\n").unwrap();
    std::fs::write(p.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(
        p.join("quotes.txt"),
        "Title\n".to_string() + &"“ unbalanced ”” „ « ".repeat(2_000),
    )
    .unwrap();
    std::fs::write(
        p.join("lines.jsonl"),
        "{\"id\": \"j1\", \"text\": \"One.\"}\n[1]\n{\"id\": \"j2\"}\n{broken\n{\"id\": \"j3\", \"text\": \"Three.\"}\n",
    )
    .unwrap();
    let found = read::discover(&[p.to_path_buf()]).unwrap();
    let out = temp_dir();
    let (summary, warnings) = run(&found.inputs, out.path(), csv_only(), 2);
    let ids: Vec<String> = read_table(&out.path().join("articles.csv"))
        .into_iter()
        .map(|r| r["article_id"].clone())
        .collect();
    assert_eq!(ids, ["good", "latin1", "j1", "j3", "quotes"]);
    let sources: Vec<String> = warnings
        .iter()
        .map(|w| w.source.rsplit(['/', '\\']).next().unwrap().to_string())
        .collect();
    for expected in [
        "binary.txt",
        "blank.html",
        "empty.txt",
        "lines.jsonl:2",
        "lines.jsonl:3",
        "lines.jsonl:4",
        "latin1.txt:2",
    ] {
        assert!(
            sources.contains(&expected.to_string()),
            "no warning for {expected}: {sources:?}"
        );
    }
    let recorded = read_table(&out.path().join("warnings.csv"));
    assert_eq!(recorded.len() as u64, summary.warnings);
    assert!(recorded
        .iter()
        .any(|w| w["article_id"] == "quotes" && w["problem"].contains("unpaired")));
}

#[test]
fn missing_input_is_an_error_naming_it() {
    let err = read::discover(&["/no/such/input".into()]).unwrap_err();
    assert!(err.to_string().contains("/no/such/input"), "{err}");
}

#[test]
fn malformed_gazetteer_rows_are_errors_with_file_and_line() {
    let file = || {
        GazetteerFile {
        name: "mine.csv".into(),
        contents: "id,type,name,aliases\nplace/x,place,Xland,\nplace/y,place,Yland,,extra,columns\nplace/z,spaceship,Z,\n".into(),
    }
    };
    let Err(whosaid::error::Error::Gazetteers(errors)) = Gazetteer::load(&[file()]) else {
        panic!("a run must refuse gazetteers with errors");
    };
    let at: Vec<_> = errors
        .iter()
        .map(|p| format!("{}:{}", p.file, p.line))
        .collect();
    assert_eq!(at, ["mine.csv:3", "mine.csv:4"]);
    // `check` still loads the good rows, so that every problem can be reported at once.
    let (gazetteer, problems) = Gazetteer::check(&[file()]).unwrap();
    assert_eq!(gazetteer.len(), 1);
    assert_eq!(problems.len(), 2);
}

#[test]
fn utf16_repeated_menus_and_a_huge_single_line() {
    let dir = temp_dir();
    let p = dir.path();
    // UTF-16 (little endian) with a byte-order mark.
    let text =
        "Title of the page\n“We are ready,” said Anna Berg, Head of the OSCE Mission to Serbia.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(p.join("utf16.txt"), utf16).unwrap();
    // A page whose menu block repeats thousands of times before the article.
    let menu = "-\nOur work\n-\nFields of work\n- Elections\n- Policing\n".repeat(5_000);
    std::fs::write(
        p.join("menus.txt"),
        format!("{menu}Press Release\nOSCE trains judges in Osh\nJudges met in Osh on Monday.\n“It works,” said Anna Berg.\n"),
    )
    .unwrap();
    // One line of 100 MB: more text than an article may have, so a recorded skip.
    let huge = "Osh Bishkek word ".repeat((100 << 20) / 17);
    std::fs::write(p.join("huge.txt"), format!("Title\n{huge}\n")).unwrap();

    let found = read::discover(&[p.to_path_buf()]).unwrap();
    let out = temp_dir();
    let (summary, warnings) = run(&found.inputs, out.path(), csv_only(), 2);
    assert_eq!(summary.articles, 2);
    let quotes = read_table(&out.path().join("quotes.csv"));
    let speakers: Vec<(&str, &str)> = quotes
        .iter()
        .map(|q| (q["article_id"].as_str(), q["speaker"].as_str()))
        .collect();
    assert_eq!(speakers, [("menus", "Anna Berg"), ("utf16", "Anna Berg")]);
    let articles = read_table(&out.path().join("articles.csv"));
    let menus = articles
        .iter()
        .find(|a| a["article_id"] == "menus")
        .unwrap();
    assert!(!menus["text"].contains("Fields of work"), "menus were kept");
    let skipped = warnings
        .iter()
        .find(|w| w.article_id.as_deref() == Some("huge"))
        .expect("a warning for the huge article");
    assert!(
        skipped.problem.contains("more than the limit"),
        "{}",
        skipped.problem
    );
    let recorded = read_table(&out.path().join("warnings.csv"));
    assert!(recorded.iter().any(|w| w["article_id"] == "huge"));
}

#[test]
fn an_unwritable_output_directory_is_an_error_naming_it() {
    let dir = temp_dir();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-q", "--out"])
        .arg(file.join("out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("a-file"), "{stderr}");
}

/// A JSON Lines file is read a run of lines at a time: warnings still name the true line,
/// the tables do not depend on the number of threads, and files that are not plain UTF-8
/// are still decoded or refused as a whole.
#[test]
fn a_long_json_lines_file_is_read_in_runs_with_true_line_numbers() {
    let dir = temp_dir();
    let p = dir.path();
    let mut long = Vec::new();
    for n in 1..=3000 {
        match n {
            1500 => long.extend_from_slice(b"{broken\n"),
            2600 => long.extend_from_slice(b"   \n"),
            // A byte that is not UTF-8, inside the text of line 2100.
            2100 => long.extend_from_slice(b"{\"id\": \"a2100\", \"text\": \"Caf\xe9.\"}\n"),
            _ => long.extend_from_slice(
                format!(
                    "{{\"id\": \"a{n}\", \"text\": \"VIENNA, 2 May 2020 – “We are ready,” said Anna Berg in item {n}.\"}}\n"
                )
                .as_bytes(),
            ),
        }
    }
    std::fs::write(p.join("long.jsonl"), &long).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "{\"id\": \"u1\", \"text\": \"Sixteen bits.\"}\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(p.join("sixteen.jsonl"), utf16).unwrap();
    std::fs::write(p.join("blank.jsonl"), "\n  \n").unwrap();
    std::fs::write(p.join("nul.jsonl"), b"{\"id\": \"z\", \"text\": \"\0\"}\n").unwrap();

    let found = read::discover(&[p.to_path_buf()]).unwrap();
    let (one, two) = (temp_dir(), temp_dir());
    let (summary, warnings) = run(&found.inputs, one.path(), csv_only(), 1);
    let (_, warnings_two) = run(&found.inputs, two.path(), csv_only(), 2);
    for table in ["articles", "sentences", "mentions", "quotes", "warnings"] {
        let file = format!("{table}.csv");
        assert_eq!(
            std::fs::read(one.path().join(&file)).unwrap(),
            std::fs::read(two.path().join(&file)).unwrap(),
            "{file} differs between 1 and 2 threads"
        );
    }
    let said = |ws: &[whosaid::error::Warning]| -> Vec<(String, String)> {
        ws.iter()
            .map(|w| {
                let file = w.source.rsplit(['/', '\\']).next().unwrap().to_string();
                (file, w.problem.clone())
            })
            .collect()
    };
    assert_eq!(said(&warnings), said(&warnings_two));
    let said = said(&warnings);
    for (at, problem) in [
        ("long.jsonl:1500", "not valid JSON"),
        ("long.jsonl:2100", "invalid UTF-8"),
        ("blank.jsonl", "empty file"),
        ("nul.jsonl", "binary file"),
    ] {
        assert!(
            said.iter().any(|(s, p)| s == at && p.contains(problem)),
            "no warning {problem:?} at {at}: {said:?}"
        );
    }
    let articles = read_table(&one.path().join("articles.csv"));
    assert_eq!(articles.len(), 2998 + 1, "{}", summary.articles);
    assert!(articles.iter().any(|a| a["article_id"] == "u1"));
    let cafe = articles
        .iter()
        .find(|a| a["article_id"] == "a2100")
        .unwrap();
    assert_eq!(cafe["text"], "Caf\u{FFFD}.");
    assert_eq!(
        cafe["source"].rsplit(['/', '\\']).next(),
        Some("long.jsonl:2100")
    );
    assert_eq!(
        read_table(&one.path().join("quotes.csv")).len(),
        2997,
        "one quote per well-formed line but the one without a quote"
    );
}

/// A page of a hundred thousand nested tags is read: tags deeper than the limit are
/// dropped with their text kept, nothing recurses (the thread's stack cannot overflow), and
/// `warnings.csv` names the page.
#[test]
fn deeply_nested_html_is_read() {
    let dir = temp_dir();
    let depth = 100_000;
    let page = format!(
        "<html><body><article>{}<p>“We are ready,” said Anna Berg.</p>{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(dir.path().join("deep.html"), page).unwrap();
    let found = read::discover(&[dir.path().to_path_buf()]).unwrap();
    let out = temp_dir();
    let (summary, _) = run(&found.inputs, out.path(), csv_only(), 2);
    assert_eq!(summary.articles, 1);
    let quotes = read_table(&out.path().join("quotes.csv"));
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0]["speaker"], "Anna Berg");
    let warnings = read_table(&out.path().join("warnings.csv"));
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0]["source"].ends_with("deep.html"));
    assert_eq!(warnings[0]["article_id"], "deep");
    assert!(warnings[0]["problem"].contains("nested deeper than"));
}

/// Entries of an input folder that cannot be read as pages: each is a row of
/// `warnings.csv`, counted in the summary and in `run.json`, and the good file is read.
#[cfg(unix)]
#[test]
fn unlistable_and_special_entries_are_recorded_in_warnings_csv() {
    use std::os::unix::fs::symlink;
    let dir = temp_dir();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("news")).unwrap();
    std::fs::write(
        corpus.join("news/good.txt"),
        "Title\n“We are ready,” said Anna Berg.",
    )
    .unwrap();
    symlink(&corpus, corpus.join("news/back")).unwrap();
    symlink(corpus.join("nowhere.txt"), corpus.join("dangling.txt")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(corpus.join("pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo failed");
    let _socket = std::os::unix::net::UnixListener::bind(corpus.join("socket.jsonl")).unwrap();

    let out = dir.path().join("out");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .arg("extract")
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .arg("--no-coverage")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");

    let warnings = read_table(&out.join("warnings.csv"));
    for (name, reason) in [
        ("news/back", "symbolic link loop"),
        ("dangling.txt", "dangling symbolic link"),
        ("pipe.txt", "not a regular file (a named pipe)"),
        ("socket.jsonl", "not a regular file (a socket)"),
    ] {
        assert!(
            warnings
                .iter()
                .any(|w| w["source"].ends_with(name) && w["problem"].contains(reason)),
            "no warning {reason:?} for {name}: {warnings:?}"
        );
    }
    let ids: Vec<String> = read_table(&out.join("articles.csv"))
        .into_iter()
        .map(|r| r["article_id"].clone())
        .collect();
    assert_eq!(ids, ["news/good"]);
    let counted = format!(" {} warnings from ", warnings.len());
    assert!(
        stderr.contains(&counted),
        "summary lacks {counted:?}: {stderr}"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("run.json")).unwrap()).unwrap();
    assert_eq!(manifest["warnings"], warnings.len());
}

/// A file found by discovery and gone when it is read is a warning, not a lost article.
#[test]
fn a_file_that_cannot_be_opened_is_a_warning() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("kept.txt"), "Title\nText here.").unwrap();
    std::fs::write(dir.path().join("removed.txt"), "Title\nText here.").unwrap();
    let found = read::discover(&[dir.path().to_path_buf()]).unwrap();
    std::fs::remove_file(dir.path().join("removed.txt")).unwrap();
    let out = temp_dir();
    let (summary, _) = run(&found.inputs, out.path(), csv_only(), 1);
    let recorded = read_table(&out.path().join("warnings.csv"));
    assert_eq!(recorded.len() as u64, summary.warnings);
    assert!(
        recorded
            .iter()
            .any(|w| w["source"].ends_with("removed.txt")
                && w["problem"].starts_with("cannot read: ")),
        "{recorded:?}"
    );
}
