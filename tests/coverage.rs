//! Coverage tables: a hand count on a small fixture with multi-office articles and a
//! renamed office, the same coverage over two runs as over one run of both inputs, and
//! reported statements counted apart from quotes.

use std::path::{Path, PathBuf};

use whosaid::gazetteer::Gazetteer;
use whosaid::read::{self, Input};
use whosaid::tables::Formats;

use crate::common::*;

const TABLES: [&str; 5] = [
    "offices",
    "office_places",
    "office_topics",
    "office_speakers",
    "office_years",
];

fn fixture() -> PathBuf {
    manifest_dir().join("tests/fixtures/coverage")
}

fn inputs(files: &[&str]) -> Vec<Input> {
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture().join(f)).collect();
    read::discover(&paths).unwrap().inputs
}

fn coverage_of(dirs: &[PathBuf], out: &Path, formats: Formats) {
    let (gazetteer, _) = Gazetteer::load(&whosaid::bundled::gazetteers()).unwrap();
    whosaid::coverage::run(dirs, &gazetteer, out, formats).unwrap();
}

fn table(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("coverage").join(format!("{name}.csv")))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A run of both fixture files into a new directory, with its coverage.
fn run_of_both(jobs: usize) -> tempfile::TempDir {
    let out = temp_dir();
    run(
        &inputs(&["part1.jsonl", "part2.jsonl"]),
        out.path(),
        csv_only(),
        jobs,
    );
    coverage_of(&[out.path().to_path_buf()], out.path(), csv_only());
    out
}

#[test]
fn coverage_matches_the_hand_count() {
    let out = run_of_both(1);
    for name in TABLES {
        let want = std::fs::read_to_string(fixture().join("expected").join(format!("{name}.csv")))
            .unwrap();
        assert_eq!(
            table(out.path(), name),
            want,
            "{name}.csv differs from the hand count"
        );
    }
}

#[test]
fn two_runs_give_the_coverage_of_one_run_of_both() {
    let both = run_of_both(2);

    let first = temp_dir();
    let second = temp_dir();
    run(&inputs(&["part1.jsonl"]), first.path(), csv_only(), 1);
    // The second run in Parquet only: coverage reads either format.
    let parquet = Formats {
        parquet: true,
        ..Formats::default()
    };
    run(&inputs(&["part2.jsonl"]), second.path(), parquet, 1);
    let merged = temp_dir();
    coverage_of(
        &[first.path().to_path_buf(), second.path().to_path_buf()],
        merged.path(),
        csv_only(),
    );
    for name in TABLES {
        assert_eq!(
            table(merged.path(), name),
            table(both.path(), name),
            "{name}"
        );
    }
}

/// The error of coverage over `dir`, which must fail.
fn coverage_error(dir: &Path) -> String {
    let (gazetteer, _) = Gazetteer::load(&whosaid::bundled::gazetteers()).unwrap();
    whosaid::coverage::run(&[dir.to_path_buf()], &gazetteer, dir, csv_only())
        .unwrap_err()
        .to_string()
}

#[test]
fn coverage_of_a_directory_without_tables_names_it() {
    let empty = temp_dir();
    let err = coverage_error(empty.path());
    assert!(
        err.contains(&empty.path().display().to_string()) && err.contains("articles"),
        "{err}"
    );
}

#[test]
fn a_truncated_or_foreign_table_is_an_error_at_its_line() {
    let out = temp_dir();
    run(&inputs(&["part1.jsonl"]), out.path(), csv_only(), 1);
    let quotes = out.path().join("quotes.csv");
    let full = std::fs::read_to_string(&quotes).unwrap();
    std::fs::write(&quotes, &full[..full.len() / 2]).unwrap();
    let err = coverage_error(out.path());
    assert!(err.contains("quotes.csv:2"), "{err}");

    std::fs::write(
        out.path().join("articles.csv"),
        "article_id,published\na,2020-01-01\n",
    )
    .unwrap();
    std::fs::write(&quotes, full).unwrap();
    let err = coverage_error(out.path());
    assert!(
        err.contains("articles.csv:1") && err.contains("issued_by"),
        "{err}"
    );
}

/// The same run given twice: its articles are the same articles (counts of articles do not
/// change), while its quotes and mentions are found twice.
#[test]
fn an_article_found_in_two_inputs_is_one_article() {
    let once = run_of_both(1);
    let twice = temp_dir();
    let dir = once.path().to_path_buf();
    coverage_of(&[dir.clone(), dir], twice.path(), csv_only());
    let rows = |d: &Path, name: &str| read_table(&d.join("coverage").join(format!("{name}.csv")));
    let (once_offices, twice_offices) =
        (rows(once.path(), "offices"), rows(twice.path(), "offices"));
    assert_eq!(once_offices.len(), twice_offices.len());
    for (a, b) in once_offices.iter().zip(&twice_offices) {
        assert_eq!(a["office"], b["office"]);
        assert_eq!(a["n_articles"], b["n_articles"], "{}", a["office"]);
        assert_eq!(a["n_speakers"], b["n_speakers"], "{}", a["office"]);
        assert_eq!(a["n_places"], b["n_places"], "{}", a["office"]);
        assert_eq!(a["share_quotes_female"], b["share_quotes_female"]);
        let quotes: u32 = a["n_quotes"].parse().unwrap();
        assert_eq!(b["n_quotes"], (2 * quotes).to_string(), "{}", a["office"]);
    }
    for (a, b) in rows(once.path(), "office_places")
        .iter()
        .zip(&rows(twice.path(), "office_places"))
    {
        assert_eq!(
            (&a["office"], &a["place_id"]),
            (&b["office"], &b["place_id"])
        );
        assert_eq!(a["n_articles"], b["n_articles"]);
        let mentions: u32 = a["n_mentions"].parse().unwrap();
        assert_eq!(b["n_mentions"], (2 * mentions).to_string());
    }
    assert_eq!(
        rows(once.path(), "office_topics"),
        rows(twice.path(), "office_topics")
    );
}

/// Writes an article of ODIHR with one quote and one reported statement by Jan Holm and
/// one reported statement by Dana Sultan, as `extract` would, in `formats`.
fn write_reported_run(dir: &Path, formats: Formats) {
    use whosaid::attribute::{QuoteKind, SpeakerType};
    use whosaid::gazetteer::Gender;
    use whosaid::tables::rows::{ArticleRow, Articles, Mentions, QuoteRow, Quotes};
    use whosaid::tables::TableWriter;

    let issued_by = ["ODIHR".to_string()];
    let mut articles = TableWriter::<Articles>::create(dir, formats).unwrap();
    articles
        .write(&ArticleRow {
            article_id: "a",
            source: "a.txt",
            url: None,
            title: None,
            content_type: None,
            published: whosaid::read::Date::new(2021, 1, 1),
            dateline: None,
            issued_by: &issued_by,
            fields_of_work: &[],
            n_sentences: 3,
            n_mentions: 0,
            n_quotes: 1,
            n_reported: 2,
            text: "t",
            issued_by_ids: vec!["org/odihr"],
        })
        .unwrap();
    articles.finish().unwrap();
    TableWriter::<Mentions>::create(dir, formats)
        .unwrap()
        .finish()
        .unwrap();
    let mut quotes = TableWriter::<Quotes>::create(dir, formats).unwrap();
    for (i, (kind, speaker, gender)) in [
        (QuoteKind::Indirect, "Dana Sultan", Gender::Female),
        (QuoteKind::Direct, "Jan Holm", Gender::Male),
        (QuoteKind::Indirect, "Jan Holm", Gender::Male),
    ]
    .into_iter()
    .enumerate()
    {
        let odihr = (speaker == "Jan Holm").then_some("org/odihr");
        quotes
            .write(&QuoteRow {
                article_id: "a",
                quote_id: i as u32,
                kind,
                text: "t",
                start: 0,
                end: 1,
                speaker: Some(speaker),
                speaker_type: SpeakerType::Person,
                speaker_id: None,
                speaker_role: None,
                speaker_org: odihr.map(|_| "ODIHR"),
                speaker_org_id: odihr,
                verb: Some("said"),
                cue: "none".into(),
                confidence: 0.9,
                speaker_gender: Some(gender),
                sentence_id: i as u32,
            })
            .unwrap();
    }
    quotes.finish().unwrap();
}

/// Reported statements count apart from quotes, read from CSV and from Parquet alike: a
/// speaker with reported statements only is listed, and the shares are of quotes only.
#[test]
fn reported_statements_count_apart_from_quotes() {
    let odihr = "Office for Democratic Institutions and Human Rights";
    let want = [
        (
            "offices",
            format!("{odihr},org/odihr,1,2021-01-01,2021-01-01,1,2,2,1,0,1,0,0"),
        ),
        ("office_speakers", format!("{odihr},Jan Holm,,,ODIHR,1,1,1")),
        ("office_speakers", format!("{odihr},Dana Sultan,,,,0,1,1")),
        ("office_years", format!("{odihr},2021,1,1,2")),
    ];
    for formats in [
        csv_only(),
        Formats {
            parquet: true,
            ..Formats::default()
        },
    ] {
        let out = temp_dir();
        write_reported_run(out.path(), formats);
        coverage_of(&[out.path().to_path_buf()], out.path(), csv_only());
        for (name, row) in &want {
            let table = table(out.path(), name);
            assert!(
                table.lines().skip(1).any(|line| line == row),
                "{formats:?}: no row {row:?} in {name}:\n{table}"
            );
        }
        let speakers = table(out.path(), "office_speakers");
        assert!(speakers.find("Jan Holm") < speakers.find("Dana Sultan"));
    }
}
