//! `OUT/run.json`: what produced a run's tables (version, arguments, gazetteer files with
//! their row counts and fingerprints, shard) and what came out (counts, seconds, peak
//! memory). `extract` writes it; `merge` reads the shard from it. The fields are the file's
//! keys in its (alphabetical) order, each with a default, so a file lacking some still
//! reads. Nothing here checks the counts against the tables.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, GazetteerFile};
use crate::pipeline::Summary;
use crate::shard::Shard;

/// The contents of `run.json`; displays as the file's text (indented JSON and a newline).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunManifest {
    /// The command line after the program name.
    pub arguments: Vec<String>,
    pub articles: u64,
    pub gazetteers: Vec<GazetteerUsed>,
    pub inputs: usize,
    pub mentions: u64,
    /// The high-water mark of resident memory in KB; `null` where the system does not tell
    /// (Linux does, in /proc).
    pub peak_rss_kb: Option<u64>,
    pub quotes: u64,
    /// Seconds of the row tables, to the millisecond.
    pub seconds: f64,
    pub sentences: u64,
    /// `[K, N]` of `extract --shard K/N`.
    pub shard: Option<Shard>,
    pub warnings: u64,
    /// The version of whosaid that wrote the file.
    pub whosaid: String,
}

/// One gazetteer file a run loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GazetteerUsed {
    pub file: String,
    /// [`GazetteerFile::fingerprint`]: which version of the file it was.
    pub xxh3: String,
    /// Entities loaded from it.
    pub rows: usize,
}

impl RunManifest {
    /// The manifest of a run of this process, with the process's arguments and its peak
    /// memory so far, so it is best made last.
    pub fn new(
        summary: &Summary,
        files: &[GazetteerFile],
        gazetteer: &Gazetteer,
        shard: Option<Shard>,
    ) -> RunManifest {
        RunManifest {
            arguments: std::env::args().skip(1).collect(),
            articles: summary.articles,
            gazetteers: files
                .iter()
                .map(|f| GazetteerUsed {
                    file: f.name.clone(),
                    xxh3: f.fingerprint(),
                    rows: gazetteer.rows_from(&f.name),
                })
                .collect(),
            inputs: summary.inputs,
            mentions: summary.mentions,
            peak_rss_kb: peak_rss_kb(Path::new("/proc/self/status")),
            quotes: summary.quotes,
            seconds: (summary.seconds * 1000.0).round() / 1000.0,
            sentences: summary.sentences,
            shard,
            warnings: summary.warnings,
            whosaid: env!("CARGO_PKG_VERSION").into(),
        }
    }

    /// The `run.json` of the output directory `dir`.
    pub fn read(dir: &Path) -> Result<RunManifest> {
        let path = dir.join("run.json");
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Data {
            file: path.display().to_string(),
            line: e.line(),
            message: e.to_string(),
        })
    }
}

impl std::fmt::Display for RunManifest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let json = serde_json::to_string_pretty(self).map_err(|_| std::fmt::Error)?;
        writeln!(f, "{json}")
    }
}

/// The high-water mark of resident memory, in KB, from a Linux `/proc/PID/status` file.
pub fn peak_rss_kb(status_file: &Path) -> Option<u64> {
    let status = std::fs::read_to_string(status_file).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
}
