//! The subcommands, one module each: its arguments (clap derive) and a `run` that prints to
//! the terminal and returns `anyhow` errors for `main` to report; the library does the work.
//! This module holds what several commands share: the gazetteer, article-size, format and
//! paragraph options, the default thread count, and the check of an output directory.

pub mod coverage;
pub mod eval;
pub mod extract;
pub mod gazetteer;
pub mod merge;
pub mod segment;
pub mod stream;

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::ValueEnum;
use whosaid::bundled;
use whosaid::error::Error;
use whosaid::gazetteer::GazetteerFile;
use whosaid::segment::Breaks;
use whosaid::tables::Formats;

/// How much text one article may have.
#[derive(clap::Args)]
pub struct LimitArgs {
    /// Skip (with a warning) articles whose clean text is longer than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 16.0)]
    max_article_mb: f64,
}

impl LimitArgs {
    pub fn bytes(&self) -> usize {
        (self.max_article_mb.max(0.0) * (1 << 20) as f64) as usize
    }
}

/// Which gazetteers a command loads. Their notes (shared names) are for `whosaid gazetteer
/// check`; their errors stop the command.
#[derive(clap::Args)]
pub struct GazetteerArgs {
    /// Extra gazetteer directory (its *.csv files); may be repeated.
    #[arg(long = "gazetteers", value_name = "DIR")]
    gazetteer_dirs: Vec<PathBuf>,
    /// Do not load the bundled gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
}

impl GazetteerArgs {
    pub fn files(&self) -> Result<Vec<GazetteerFile>> {
        gazetteer_files(&self.gazetteer_dirs, self.no_default_gazetteers)
    }
}

/// The bundled gazetteers (unless `no_default`), then the `*.csv` files of each directory.
pub fn gazetteer_files(dirs: &[PathBuf], no_default: bool) -> Result<Vec<GazetteerFile>> {
    let mut files = if no_default {
        Vec::new()
    } else {
        bundled::gazetteers()
    };
    for dir in dirs {
        files.extend(GazetteerFile::read_dir(dir)?);
    }
    Ok(files)
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Parquet,
    Both,
}

impl From<FormatArg> for Formats {
    fn from(format: FormatArg) -> Formats {
        Formats {
            csv: matches!(format, FormatArg::Csv | FormatArg::Both),
            parquet: matches!(format, FormatArg::Parquet | FormatArg::Both),
            excel_safe: false,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ParagraphsArg {
    Lines,
    BlankLines,
}

impl From<ParagraphsArg> for Breaks {
    fn from(arg: ParagraphsArg) -> Breaks {
        match arg {
            ParagraphsArg::Lines => Breaks::Lines,
            ParagraphsArg::BlankLines => Breaks::BlankLines,
        }
    }
}

/// `--jobs`, or the number of cores.
pub fn jobs(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Refuses an output directory that holds files whosaid does not write, unless `force`.
pub fn check_output_dir(out: &Path, force: bool) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(());
    };
    let foreign = entries
        .flatten()
        .any(|e| !is_own_output(&e.file_name().to_string_lossy()));
    if foreign && !force {
        return Err(Error::OutputNotEmpty {
            path: out.to_path_buf(),
        }
        .into());
    }
    Ok(())
}

/// Table files whosaid writes; an output directory holding only these may be reused.
fn is_own_output(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    [
        "articles",
        "sentences",
        "mentions",
        "quotes",
        "warnings",
        "coverage",
        "run",
    ]
    .contains(&stem)
}
