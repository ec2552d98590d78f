//! Shards across machines: `extract --shard K/N` processes the K-th of N contiguous slices
//! of the sorted input list, and [`merge`] concatenates the row tables of the shard
//! outputs in shard order, which is the order one unsharded run writes.
//!
//! The slice depends only on the sorted input list, so every machine that sees the same
//! files agrees on it. Article ids that repeat across shards are not renamed (a single run
//! would rename the later one `id~2`). Merging reads and writes CSV; `whosaid coverage`
//! reads shard outputs directly, in either format.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::run_manifest::RunManifest;
use crate::tables::cells::Cell;
use crate::tables::sink::{CsvSink, Sink};
use crate::tables::ColumnType;

/// The row tables a run writes, in the order `merge` writes them.
pub const ROW_TABLES: [&str; 5] = ["articles", "sentences", "mentions", "quotes", "warnings"];

/// The K-th of N shards (`K/N`, K counted from 0); `[K, N]` in `run.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "[usize; 2]", try_from = "[usize; 2]")]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let (k, n) = s.split_once('/').ok_or("expected K/N, e.g. 0/4")?;
        let number = |part: &str| {
            part.trim()
                .parse()
                .map_err(|_| format!("{part:?} is not a number"))
        };
        Shard::try_from([number(k)?, number(n)?])
    }
}

impl TryFrom<[usize; 2]> for Shard {
    type Error = String;

    fn try_from([index, count]: [usize; 2]) -> std::result::Result<Shard, String> {
        if count == 0 || index >= count {
            return Err(format!(
                "K must be below N (from 0 to N-1), got {index}/{count}"
            ));
        }
        Ok(Shard { index, count })
    }
}

impl From<Shard> for [usize; 2] {
    fn from(shard: Shard) -> [usize; 2] {
        [shard.index, shard.count]
    }
}

impl Shard {
    /// This shard's contiguous slice of `items`.
    pub fn slice<'a, T>(&self, items: &'a [T]) -> &'a [T] {
        let n = items.len();
        &items[self.index * n / self.count..(self.index + 1) * n / self.count]
    }
}

/// Row counts per table of a merge.
pub type Merged = Vec<(&'static str, u64)>;

/// Concatenates the CSV row tables of `dirs` into `out`: in shard order when every
/// directory recorded its shard of the same N, else in the order given.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<Merged> {
    let recorded = |dir: &Path| RunManifest::read(dir).ok().and_then(|m| m.shard);
    let mut ordered: Vec<(Option<Shard>, &PathBuf)> =
        dirs.iter().map(|d| (recorded(d), d)).collect();
    let sharded = ordered.iter().all(|(s, _)| s.is_some())
        && ordered
            .windows(2)
            .all(|w| w[0].0.map(|s| s.count) == w[1].0.map(|s| s.count));
    if sharded {
        ordered.sort_by_key(|(s, _)| s.map(|s| s.index));
    }
    std::fs::create_dir_all(out).map_err(|source| Error::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let mut counts = Vec::new();
    for table in ROW_TABLES {
        let files: Vec<PathBuf> = ordered
            .iter()
            .map(|(_, d)| d.join(format!("{table}.csv")))
            .collect();
        counts.push((
            table,
            concatenate(&files, &out.join(format!("{table}.csv")))?,
        ));
    }
    Ok(counts)
}

/// Writes the rows of `files` (same header) to `to` through the table writer's CSV sink.
fn concatenate(files: &[PathBuf], to: &Path) -> Result<u64> {
    let error = |file: &Path, line: u64, message: String| Error::Data {
        file: file.display().to_string(),
        line: line as usize,
        message,
    };
    let mut sink: Option<(CsvSink, csv::StringRecord)> = None;
    let mut rows = 0;
    let mut cells = Vec::new();
    for file in files {
        let mut reader = csv::Reader::from_path(file).map_err(|e| {
            error(
                file,
                0,
                format!("cannot read (merge reads CSV tables): {e}"),
            )
        })?;
        let header = reader
            .headers()
            .map_err(|e| error(file, 1, e.to_string()))?
            .clone();
        let (csv_sink, first_header) = match &mut sink {
            Some(open) => open,
            None => {
                let columns: Vec<(&str, ColumnType)> =
                    header.iter().map(|h| (h, ColumnType::Str)).collect();
                let created = CsvSink::create(to.to_path_buf(), &columns, false)?;
                sink.insert((created, header.clone()))
            }
        };
        if &header != first_header {
            return Err(error(
                file,
                1,
                "its columns differ from the first shard's".into(),
            ));
        }
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                error(file, line, format!("unreadable row: {e}"))
            })?;
            cells.clear();
            cells.extend(record.iter().map(|v| Cell::Str(v.to_string())));
            csv_sink.write(&cells)?;
            rows += 1;
        }
    }
    if let Some((csv_sink, _)) = sink {
        csv_sink.finish()?;
    }
    Ok(rows)
}
