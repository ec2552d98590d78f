//! Shards: `extract --shard K/N` outputs merged equal one unsharded run; the run manifest.

use std::path::Path;
use std::process::Command;

use whosaid::run_manifest::RunManifest;
use whosaid::shard::Shard;

use crate::common::*;

fn whosaid() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn extract(out: &Path, extra: &[&str]) {
    let status = whosaid()
        .args(["extract", "-q", "--no-coverage", "--jobs", "2", "--out"])
        .arg(out)
        .args(extra)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn merged_shards_equal_one_run() {
    let dir = temp_dir();
    let (whole, first, second, merged) = (
        dir.path().join("whole"),
        dir.path().join("s0"),
        dir.path().join("s1"),
        dir.path().join("merged"),
    );
    extract(&whole, &[]);
    extract(&first, &["--shard", "0/2"]);
    extract(&second, &["--shard", "1/2"]);
    // Given in the wrong order: merge reads each shard's index from its run.json.
    let status = whosaid()
        .args(["merge", "--out"])
        .arg(&merged)
        .arg(&second)
        .arg(&first)
        .status()
        .unwrap();
    assert!(status.success());
    for table in whosaid::shard::ROW_TABLES {
        let name = format!("{table}.csv");
        let want = std::fs::read_to_string(whole.join(&name)).unwrap();
        let got = std::fs::read_to_string(merged.join(&name)).unwrap();
        let part = std::fs::read_to_string(first.join(&name)).unwrap();
        assert_eq!(got, want, "{name}");
        if table == "articles" {
            assert!(
                part.lines().count() > 10 && part.len() < want.len(),
                "shard 0 is a real part"
            );
        }
    }
}

#[test]
fn the_manifest_records_shard_gazetteers_and_counts() {
    let dir = temp_dir();
    extract(dir.path(), &["--shard", "1/3"]);
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("run.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["shard"], serde_json::json!([1, 3]));
    assert!(manifest["articles"].as_u64().unwrap() > 5);
    let gazetteers = manifest["gazetteers"].as_array().unwrap();
    assert_eq!(gazetteers.len(), 3);
    assert!(gazetteers
        .iter()
        .all(|g| g["rows"].as_u64().unwrap() > 50 && g["xxh3"].as_str().unwrap().len() == 16));
    // Linux tells a process its peak memory; the run's is a few megabytes at least.
    if cfg!(target_os = "linux") {
        assert!(manifest["peak_rss_kb"].as_u64().unwrap() > 1_000);
    }
}

#[test]
fn a_bad_shard_is_a_usage_error() {
    for bad in ["2/2", "x/2", "1", "0/0"] {
        let output = whosaid()
            .args(["extract", "--shard", bad])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
    }
}

#[test]
fn merge_warns_of_an_unreadable_run_json_and_keeps_the_order_given() {
    let dir = temp_dir();
    let (first, second, merged) = (
        dir.path().join("s0"),
        dir.path().join("s1"),
        dir.path().join("merged"),
    );
    extract(&first, &["--shard", "0/2"]);
    extract(&second, &["--shard", "1/2"]);
    std::fs::write(second.join("run.json"), "{ not json").unwrap();
    let output = whosaid()
        .args(["merge", "--out"])
        .arg(&merged)
        .arg(&first)
        .arg(&second)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning") && stderr.contains("s1/run.json"),
        "{stderr}"
    );
    let rows = |d: &Path| std::fs::read_to_string(d.join("articles.csv")).unwrap();
    let first_rows = rows(&first);
    assert!(rows(&merged).starts_with(first_rows.trim_end()));
}

#[test]
fn merge_names_a_shard_without_csv_tables() {
    let dir = temp_dir();
    let shard = dir.path().join("s0");
    std::fs::create_dir_all(&shard).unwrap();
    let output = whosaid()
        .args(["merge", "--out"])
        .arg(dir.path().join("merged"))
        .arg(&shard)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("articles.csv") && stderr.contains("merge reads CSV"),
        "{stderr}"
    );
}

/// A `run.json` as `extract --shard 1/3` writes it.
const RUN_JSON: &str = r#"{
  "arguments": [
    "extract",
    "-q",
    "--shard",
    "1/3",
    "--out",
    "out-1",
    "examples/corpus"
  ],
  "articles": 15,
  "gazetteers": [
    {
      "file": "gazetteers/organizations.csv",
      "xxh3": "253446084aaa120f",
      "rows": 129
    },
    {
      "file": "gazetteers/people.csv",
      "xxh3": "6459c125b3450931",
      "rows": 191
    }
  ],
  "inputs": 15,
  "mentions": 241,
  "peak_rss_kb": 90256,
  "quotes": 60,
  "seconds": 0.077,
  "sentences": 174,
  "shard": [
    1,
    3
  ],
  "warnings": 0,
  "whosaid": "0.1.0"
}
"#;

#[test]
fn a_run_json_of_the_written_shape_reads_and_writes_back_unchanged() {
    let dir = temp_dir();
    std::fs::write(dir.path().join("run.json"), RUN_JSON).unwrap();
    let manifest = RunManifest::read(dir.path()).unwrap();
    assert_eq!(manifest.shard, Some(Shard { index: 1, count: 3 }));
    assert_eq!(
        (manifest.articles, manifest.quotes, manifest.peak_rss_kb),
        (15, 60, Some(90256))
    );
    assert_eq!(manifest.gazetteers[1].file, "gazetteers/people.csv");
    assert_eq!(manifest.gazetteers[1].rows, 191);
    assert_eq!(manifest.to_string(), RUN_JSON);
}

#[test]
fn the_manifest_round_trips_and_reads_without_later_fields() {
    let manifest = RunManifest {
        arguments: vec!["extract".into()],
        articles: 3,
        peak_rss_kb: None,
        seconds: 1.5,
        shard: None,
        whosaid: "9.9.9".into(),
        ..RunManifest::default()
    };
    let text = manifest.to_string();
    assert!(
        text.contains("\"shard\": null") && text.contains("\"peak_rss_kb\": null"),
        "{text}"
    );
    assert_eq!(
        serde_json::from_str::<RunManifest>(&text).unwrap(),
        manifest
    );
    // A file without `peak_rss_kb` (or any other field) still gives its shard.
    let older: RunManifest = serde_json::from_str(r#"{"shard": [0, 2], "articles": 4}"#).unwrap();
    assert_eq!(older.shard, Some(Shard { index: 0, count: 2 }));
    assert_eq!(older.peak_rss_kb, None);
    // A shard outside its count is refused, as on the command line.
    assert!(serde_json::from_str::<RunManifest>(r#"{"shard": [2, 2]}"#).is_err());
}
