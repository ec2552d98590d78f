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
