//! The bundled corpus end to end: every table equals its committed expected file, every
//! offset points at its text, CSV and Parquet hold the same rows, and the thread count
//! does not change a byte.
//!
//! To accept new expected tables after an intended change: `UPDATE_EXPECT=1 cargo test`.

use std::collections::HashMap;

use polars::prelude::*;
use whosaid::tables::Formats;

use crate::common::*;

const TABLES: [&str; 5] = ["articles", "sentences", "mentions", "quotes", "warnings"];

#[test]
fn bundled_corpus_matches_golden_tables() {
    let out = temp_dir();
    let (summary, _) = run(&whosaid::bundled::corpus(), out.path(), csv_only(), 2);
    assert!(summary.articles >= 40, "only {} articles", summary.articles);
    let golden = manifest_dir().join("tests/golden");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut differ = Vec::new();
    for table in TABLES {
        let got = std::fs::read_to_string(out.path().join(format!("{table}.csv"))).unwrap();
        let path = golden.join(format!("{table}.csv"));
        if update {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b);
            differ.push(format!(
                "{table}.csv differs from {} (first different line: {line:?})",
                path.display()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{}\nrerun with UPDATE_EXPECT=1 if the change is intended",
        differ.join("\n")
    );
}

/// `text[start:end]` (code points, as in Python) is the row's text for every row.
#[test]
fn every_offset_points_at_its_text() {
    let out = temp_dir();
    run(&whosaid::bundled::corpus(), out.path(), csv_only(), 2);
    let texts: HashMap<String, Vec<char>> = read_table(&out.path().join("articles.csv"))
        .into_iter()
        .map(|r| (r["article_id"].clone(), r["text"].chars().collect()))
        .collect();
    let mut checked = 0;
    for (table, column) in [
        ("sentences", "text"),
        ("mentions", "surface"),
        ("quotes", "text"),
    ] {
        for row in read_table(&out.path().join(format!("{table}.csv"))) {
            let text = &texts[&row["article_id"]];
            let start: usize = row["start"].parse().unwrap();
            let end: usize = row["end"].parse().unwrap();
            assert!(start < end && end <= text.len(), "{table} {row:?}");
            let slice: String = text[start..end].iter().collect();
            assert_eq!(slice, row[column], "{table} row of {}", row["article_id"]);
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} rows checked");
}

#[test]
fn parquet_holds_the_same_rows_as_csv() {
    let out = temp_dir();
    let formats = Formats {
        csv: true,
        parquet: true,
        excel_safe: false,
    };
    run(&whosaid::bundled::corpus(), out.path(), formats, 2);
    for table in TABLES {
        let file = std::fs::File::open(out.path().join(format!("{table}.parquet"))).unwrap();
        let frame = ParquetReader::new(file).finish().unwrap();
        let rows = read_table(&out.path().join(format!("{table}.csv")));
        assert_eq!(frame.height(), rows.len(), "{table}");
        let names: Vec<String> = frame
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let header = csv::Reader::from_path(out.path().join(format!("{table}.csv")))
            .unwrap()
            .headers()
            .unwrap()
            .clone();
        assert_eq!(names, header.iter().collect::<Vec<_>>(), "{table}");
        if let Some(first) = rows.first() {
            let id = frame
                .column("source")
                .or_else(|_| frame.column("article_id"))
                .unwrap();
            let key = if names.contains(&"source".to_string()) {
                "source"
            } else {
                "article_id"
            };
            assert_eq!(
                id.str().unwrap().get(0).unwrap_or(""),
                first[key],
                "{table}"
            );
        }
    }
    let articles =
        ParquetReader::new(std::fs::File::open(out.path().join("articles.parquet")).unwrap())
            .finish()
            .unwrap();
    assert_eq!(
        articles.column("published").unwrap().dtype(),
        &DataType::Date
    );
    assert!(matches!(
        articles.column("issued_by").unwrap().dtype(),
        DataType::List(_)
    ));
}

#[test]
fn thread_count_does_not_change_the_tables() {
    let (one, two) = (temp_dir(), temp_dir());
    run(&whosaid::bundled::corpus(), one.path(), csv_only(), 1);
    run(&whosaid::bundled::corpus(), two.path(), csv_only(), 2);
    for table in TABLES {
        let a = std::fs::read(one.path().join(format!("{table}.csv"))).unwrap();
        let b = std::fs::read(two.path().join(format!("{table}.csv"))).unwrap();
        assert!(a == b, "{table}.csv differs between --jobs 1 and --jobs 2");
    }
}
