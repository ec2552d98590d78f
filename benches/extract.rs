//! The whole pipeline end to end, as an analyst runs it: `whosaid extract` to CSV (without
//! coverage) on a generated corpus, with 1 thread and with N threads.
//!
//! `cargo bench --bench extract -- [--size MB] [--jobs N] [--repeat K]`. The corpus is the
//! bundled one copied into a temporary directory until it reaches the size (200 MB by
//! default); N is every core by default. Each thread count runs K times (1 by default),
//! taken in turn. Prints, per thread count, the best run's MB/s of input files and
//! articles/s, the worst peak resident memory of the runs, and the median MB/s when K > 1.
//!
//! Each run is its own `whosaid` process, so its peak memory is its own: the higher of the
//! figure its `run.json` records and the one polled from `/proc` while it runs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use whosaid::bundled;
use whosaid::run_manifest::{peak_rss_kb, RunManifest};

#[derive(Parser)]
#[command(bin_name = "cargo bench --bench extract --")]
struct Options {
    /// Corpus size in MB of input files.
    #[arg(long, default_value_t = 200)]
    size: usize,
    /// Threads of the second run (default: number of cores).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Runs per thread count, taken in turn; the best (least disturbed) run is reported,
    /// with the median beside it.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    repeat: u32,
    /// Passed by `cargo bench`; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

/// One timed run.
#[derive(Clone, Copy)]
struct Run {
    seconds: f64,
    articles: u64,
    peak_kb: Option<u64>,
}

fn main() -> Result<()> {
    let options = Options::parse();
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let dir = tempfile::tempdir().context("creating a temporary directory")?;
    let corpus = dir.path().join("corpus");
    let (bytes, files, copies) = generate_corpus(&corpus, options.size << 20)?;
    let mb = bytes as f64 / 1e6;
    println!(
        "extract benchmark: {mb:.0} MB in {files} files ({copies} copies of the bundled corpus), CSV output{}",
        if options.repeat > 1 {
            format!(", best of {} runs taken in turn", options.repeat)
        } else {
            String::new()
        }
    );
    let mut threads = vec![1];
    if jobs > 1 {
        threads.push(jobs);
    }
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); threads.len()];
    for _ in 0..options.repeat {
        for (i, &n) in threads.iter().enumerate() {
            runs[i].push(run(&corpus, &dir.path().join(format!("out-{n}")), n)?);
        }
    }
    let mut single = None;
    for (&n, runs) in threads.iter().zip(&mut runs) {
        runs.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        let seconds = runs[0].seconds;
        println!("{}", report(n, runs, mb, single));
        single.get_or_insert(seconds);
    }
    Ok(())
}

/// Copies the bundled corpus into `corpus` until it holds `size` bytes: the bytes, the
/// files and the copies written.
fn generate_corpus(corpus: &Path, size: usize) -> Result<(usize, usize, usize)> {
    let inputs = bundled::corpus();
    let mut bytes = 0;
    let mut copies = 0;
    while bytes < size {
        for input in &inputs {
            let data = input.load().map_err(|w| anyhow::anyhow!("{w}"))?;
            let name = input.source.trim_start_matches("examples/corpus/");
            let path = corpus.join(format!("copy{copies:05}")).join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(corpus))?;
            std::fs::write(&path, &data).with_context(|| format!("writing {}", path.display()))?;
            bytes += data.len();
        }
        copies += 1;
    }
    Ok((bytes, copies * inputs.len(), copies))
}

/// The line of one thread count: `runs` sorted fastest first, `mb` the corpus size, and
/// `single` the best seconds of the 1-thread runs once they are reported.
fn report(threads: usize, runs: &[Run], mb: f64, single: Option<f64>) -> String {
    let Run {
        seconds, articles, ..
    } = runs[0];
    let median = runs[runs.len() / 2].seconds;
    // Memory is the worst of the runs, not the best run's.
    let peak_kb = runs.iter().filter_map(|r| r.peak_kb).max();
    let speedup = single.map_or(String::new(), |one| {
        format!(
            "  {:.1} MB/s per thread  {:.2}× the 1-thread run",
            mb / seconds / threads as f64,
            one / seconds
        )
    });
    let spread = if runs.len() > 1 {
        format!("  (median {:.1} MB/s)", mb / median)
    } else {
        String::new()
    };
    format!(
        "{threads} thread(s): {seconds:.2} s  {:.1} MB/s  {:.0} articles/s  peak RSS {}{speedup}{spread}",
        mb / seconds,
        articles as f64 / seconds,
        peak_kb.map_or("n/a".to_string(), |kb| format!("{:.0} MB", kb as f64 / 1024.0)),
    )
}

/// One timed `whosaid extract` of `corpus` into `out` on `threads` threads.
fn run(corpus: &Path, out: &Path, threads: usize) -> Result<Run> {
    // Each run writes into a new directory, as a first run does: replacing the previous
    // run's tables makes the file system flush them at the rename, which is not the
    // pipeline's time.
    match std::fs::remove_dir_all(out) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("removing {}", out.display()));
        }
        _ => {}
    }
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["extract", "-q", "--no-coverage", "--force", "--jobs"])
        .arg(threads.to_string())
        .arg("--out")
        .arg(out)
        .arg(corpus)
        .spawn()
        .context("starting whosaid extract")?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_kb = None;
    let status = loop {
        peak_kb = peak_rss_kb(&status_file).or(peak_kb);
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(status.success(), "extract failed with {threads} thread(s)");
    let manifest = RunManifest::read(out)?;
    // The run's own figure, read as it ended, includes the last moments that polling
    // misses; polling still counts where the system keeps no such figure for a process.
    Ok(Run {
        seconds,
        articles: manifest.articles,
        peak_kb: manifest.peak_rss_kb.max(peak_kb),
    })
}
