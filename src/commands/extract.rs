//! `whosaid extract`: the row tables of the inputs (or of the bundled corpus), then the
//! coverage tables and `run.json`, with a progress bar and a summary on stderr.
//!
//! It shows at most [`MAX_SHOWN`] warnings on stderr; `warnings.csv` has them all.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use whosaid::error::Warning;
use whosaid::gazetteer::Gazetteer;
use whosaid::pipeline::{self, Annotator, RunOptions, Summary};
use whosaid::run_manifest::RunManifest;
use whosaid::shard::Shard;
use whosaid::tables::Formats;
use whosaid::{bundled, read};

use super::{check_output_dir, FormatArg, GazetteerArgs, LimitArgs};

/// Warnings printed on stderr before the rest are only counted.
const MAX_SHOWN: usize = 20;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories (.txt, .html, .htm, .jsonl; `-` for JSONL on stdin).
    /// Without any, the bundled sample corpus is processed.
    inputs: Vec<PathBuf>,
    /// Output directory.
    #[arg(long, short, default_value = "out")]
    out: PathBuf,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
    #[command(flatten)]
    limits: LimitArgs,
    /// Table format.
    #[arg(long, value_enum, default_value = "csv")]
    format: FormatArg,
    /// Worker threads (default: number of cores).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Write into an output directory that holds other files.
    #[arg(long)]
    force: bool,
    /// Prefix CSV cells starting with = + - @ so spreadsheets do not run them.
    #[arg(long)]
    excel_safe: bool,
    /// No progress bar, no summary, no warnings on stderr.
    #[arg(long, short)]
    quiet: bool,
    /// Do not write the coverage tables (OUT/coverage/).
    #[arg(long)]
    no_coverage: bool,
    /// Process only the K-th of N contiguous slices of the sorted inputs (K from 0),
    /// for one of N machines; `whosaid merge` joins the outputs.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
}

pub fn run(args: &Args) -> Result<()> {
    let out = args.out.as_path();
    check_output_dir(out, args.force)?;
    let gazetteer_files = args.gazetteers.files()?;
    let (gazetteer, _notes) = Gazetteer::load(&gazetteer_files)?;
    let mut discovered = if args.inputs.is_empty() {
        read::Discovered {
            inputs: bundled::corpus(),
            ..Default::default()
        }
    } else {
        read::discover(&args.inputs)?
    };
    let progress = Progress::new(discovered.inputs.len(), args.quiet);
    let mut annotator = Annotator::new(gazetteer);
    annotator.max_article_bytes = args.limits.bytes();
    let mut skipped = std::mem::take(&mut discovered.skipped);
    // Every shard sees the whole listing; only the first records its warnings, so that
    // merged shards list each once.
    if args.shard.is_some_and(|s| s.index > 0) {
        skipped.warnings.clear();
    }
    let mine = args
        .shard
        .map_or(&discovered.inputs[..], |s| s.slice(&discovered.inputs));
    let formats = Formats {
        excel_safe: args.excel_safe,
        ..args.format.into()
    };
    let options = RunOptions {
        out_dir: out,
        formats,
        jobs: super::jobs(args.jobs),
        on_warning: &|w| progress.warning(w),
        on_progress: &|done| progress.bar.set_position(done as u64),
    };
    let summary = pipeline::run(mine, &skipped, &annotator, &options)
        .with_context(|| format!("writing tables to {}", out.display()))?;
    progress.finish(&summary, out);
    if !args.no_coverage {
        let tables =
            whosaid::coverage::run(&[out.to_path_buf()], &annotator.gazetteer, out, formats)
                .with_context(|| format!("writing coverage tables to {}", out.display()))?;
        if !args.quiet {
            eprintln!(
                "whosaid: coverage of {} offices -> {}",
                tables.offices,
                out.join("coverage").display()
            );
        }
    }
    // Made last, so that its peak memory includes the tables and coverage.
    let manifest = RunManifest::new(&summary, &gazetteer_files, &annotator.gazetteer, args.shard);
    let path = out.join("run.json");
    std::fs::write(&path, manifest.to_string())
        .with_context(|| format!("writing {}", path.display()))
}

/// What a run shows on stderr: a progress bar on a terminal, the first [`MAX_SHOWN`]
/// warnings and a summary; nothing when quiet.
struct Progress {
    bar: ProgressBar,
    quiet: bool,
    shown: AtomicUsize,
}

impl Progress {
    fn new(files: usize, quiet: bool) -> Progress {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(files as u64).with_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} files {elapsed_precise} eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            )
        };
        Progress {
            bar,
            quiet,
            shown: AtomicUsize::new(0),
        }
    }

    fn warning(&self, w: &Warning) {
        if !self.quiet && self.shown.fetch_add(1, Ordering::Relaxed) < MAX_SHOWN {
            self.bar.suspend(|| eprintln!("whosaid: warning: {w}"));
        }
    }

    /// Clears the bar, then tells how many warnings were not shown and sums the run up.
    fn finish(&self, summary: &Summary, out: &Path) {
        self.bar.finish_and_clear();
        if self.quiet {
            return;
        }
        let hidden = self.shown.load(Ordering::Relaxed).saturating_sub(MAX_SHOWN);
        if hidden > 0 {
            eprintln!(
                "whosaid: {hidden} more warning(s) in {}",
                out.join("warnings.csv").display()
            );
        }
        eprintln!(
            "whosaid: {} articles, {} sentences, {} mentions, {} quotes, {} warnings from {} files ({} other files skipped) in {:.2} s, {:.1} MB/s -> {}",
            summary.articles,
            summary.sentences,
            summary.mentions,
            summary.quotes,
            summary.warnings,
            summary.inputs,
            summary.other_files,
            summary.seconds,
            summary.mb_per_second(),
            out.display()
        );
    }
}
