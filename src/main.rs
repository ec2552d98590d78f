//! The `whosaid` command: parses arguments into a checked configuration, runs, and maps
//! the outcome to an exit code (0 done, 1 fatal error, 2 usage error).

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

// Articles make many small, short-lived strings; mimalloc serves them faster than glibc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use whosaid::error::{Error, Warning};
use whosaid::gazetteer::{Gazetteer, GazetteerFile};
use whosaid::pipeline::{self, Annotator, RunOptions};
use whosaid::run_manifest::{self, RunManifest};
use whosaid::segment::{self, Breaks};
use whosaid::shard::Shard;
use whosaid::tables::Formats;
use whosaid::{bundled, eval, read, span::CharOffsets};

#[derive(Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who said what: quote, mention and coverage tables from news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How much text one article may have.
#[derive(clap::Args)]
struct LimitArgs {
    /// Skip (with a warning) articles whose clean text is longer than this many MB.
    #[arg(long, value_name = "MB", default_value_t = 16.0)]
    max_article_mb: f64,
}

impl LimitArgs {
    fn bytes(&self) -> usize {
        (self.max_article_mb.max(0.0) * (1 << 20) as f64) as usize
    }
}

/// Which gazetteers a command loads.
#[derive(clap::Args)]
struct GazetteerArgs {
    /// Extra gazetteer directory (its *.csv files); may be repeated.
    #[arg(long = "gazetteers", value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Do not load the bundled gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Parquet,
    Both,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the articles, sentences, mentions and quotes tables.
    Extract {
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
    },
    /// Concatenate the CSV row tables of shard outputs (in shard order, from their
    /// run.json) into one output directory.
    Merge {
        /// Output directories of `extract --shard K/N`.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// The merged output directory.
        #[arg(long, short)]
        out: PathBuf,
        /// Write into an output directory that holds other files.
        #[arg(long)]
        force: bool,
    },
    /// Aggregate extract outputs by issuing office into OUT/coverage/ (offices,
    /// office_places, office_topics, office_speakers, office_years).
    Coverage {
        /// Output directories of `whosaid extract` (runs or shards); their tables are
        /// read together.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Where to write coverage/ (default: the first directory).
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[command(flatten)]
        gazetteers: GazetteerArgs,
        /// Table format.
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatArg,
    },
    /// Read JSON Lines articles on stdin; write one JSON line per input line on stdout, in
    /// order: {"article_id", "article", "sentences", "mentions", "quotes", "warnings"} or
    /// {"article_id", "error"}. For Spark's RDD.pipe and other map steps.
    Stream {
        #[command(flatten)]
        gazetteers: GazetteerArgs,
        #[command(flatten)]
        limits: LimitArgs,
        /// Worker threads (default: number of cores).
        #[arg(long, short)]
        jobs: Option<usize>,
        /// The name the `source` column gives the input (`NAME:line`), e.g. the file that
        /// `extract` would read, so that rows match.
        #[arg(long, default_value = "<stdin>")]
        source: String,
    },
    /// Split plain text into sentences: one JSON object per line with code-point offsets.
    Segment {
        /// A UTF-8 text file; standard input when absent.
        file: Option<PathBuf>,
        /// Where paragraphs break: every line (as in extracted articles), or blank lines
        /// (for hard-wrapped text).
        #[arg(long, value_enum, default_value = "lines")]
        paragraphs: ParagraphsArg,
    },
    /// Score a stage against hand-labelled cases.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Work with gazetteer files.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Report duplicate ids, unknown types, empty names, dangling parent/country ids,
    /// malformed rows (errors) and names shared between entities (notes), by file:line.
    /// Exits with 1 on any error.
    Check {
        /// Gazetteer directories (their *.csv files), checked after the bundled ones.
        dirs: Vec<PathBuf>,
        /// Do not load the bundled gazetteers.
        #[arg(long)]
        no_default_gazetteers: bool,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Score sentence segmentation on JSON files of {"text", "expected": [..]} cases; prints
    /// each failure and `N/M passed`. Exits with 1 below --min-passed.
    Segmentation {
        /// JSON files, each an array of cases.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Cases that must pass (default: all).
        #[arg(long)]
        min_passed: Option<usize>,
        /// Where paragraphs break inside a case's text.
        #[arg(long, value_enum, default_value = "lines")]
        paragraphs: ParagraphsArg,
    },
    /// Score the quotes table of an `extract` output directory against gold JSON Lines
    /// ({"article_id", "quote": excerpt, "speaker", "role"?, "org"?}); prints quote
    /// recall, attributed-quote precision, speaker, role and org accuracy, and each miss.
    Quotes {
        /// Gold quotes, JSON Lines.
        #[arg(long)]
        gold: PathBuf,
        /// An output directory of `whosaid extract` (its quotes.csv).
        #[arg(long)]
        pred: PathBuf,
        /// Exit with 1 below this quote recall (0–1).
        #[arg(long, default_value_t = 0.0)]
        min_recall: f64,
        /// Exit with 1 below this attributed-quote precision (0–1).
        #[arg(long, default_value_t = 0.0)]
        min_precision: f64,
        /// Exit with 1 below this speaker accuracy (0–1).
        #[arg(long, default_value_t = 0.0)]
        min_speaker_accuracy: f64,
        /// Exit with 1 below this role accuracy (0–1).
        #[arg(long, default_value_t = 0.0)]
        min_role_accuracy: f64,
        /// Exit with 1 below this organization accuracy (0–1).
        #[arg(long, default_value_t = 0.0)]
        min_org_accuracy: f64,
        /// Print the scores only, not each miss: keeps a blind held-out set blind in logs.
        #[arg(long)]
        summary: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ParagraphsArg {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C or SIGTERM: the run stops where it is and leaves no temporary table files
    // behind (a killed process runs no destructors). Without a handler the default is the
    // same exit, with the files left over.
    let _ = ctrlc::set_handler(|| {
        whosaid::tables::sink::remove_unfinished(|removed| {
            match removed {
                0 => eprintln!("whosaid: interrupted"),
                n => eprintln!("whosaid: interrupted; {n} unfinished table file(s) removed"),
            }
            std::process::exit(130)
        })
    });
    let result = match cli.command {
        Command::Extract {
            inputs,
            out,
            gazetteers,
            limits,
            format,
            jobs,
            force,
            excel_safe,
            quiet,
            no_coverage,
            shard,
        } => {
            let formats = Formats {
                excel_safe,
                ..format.into()
            };
            let jobs =
                jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            extract(
                &inputs,
                &out,
                &gazetteers,
                limits.bytes(),
                formats,
                jobs,
                force,
                quiet,
                !no_coverage,
                shard,
            )
        }
        Command::Merge { dirs, out, force } => merge(&dirs, &out, force),
        Command::Coverage {
            dirs,
            out,
            gazetteers,
            format,
        } => coverage(
            &dirs,
            out.as_deref().unwrap_or(&dirs[0]),
            &gazetteers,
            format.into(),
        ),
        Command::Stream {
            gazetteers,
            limits,
            jobs,
            source,
        } => stream(&gazetteers, limits.bytes(), jobs, &source),
        Command::Segment { file, paragraphs } => segment_text(file.as_deref(), paragraphs.into()),
        Command::Gazetteer(GazetteerCommand::Check {
            dirs,
            no_default_gazetteers,
        }) => match check_gazetteers(&dirs, no_default_gazetteers) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(err) => Err(err),
        },
        Command::Eval(EvalCommand::Quotes {
            gold,
            pred,
            min_recall,
            min_precision,
            min_speaker_accuracy,
            min_role_accuracy,
            min_org_accuracy,
            summary,
        }) => match eval_quotes(
            &gold,
            &pred,
            summary,
            [
                min_recall,
                min_precision,
                min_speaker_accuracy,
                min_role_accuracy,
                min_org_accuracy,
            ],
        ) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(err) => Err(err),
        },
        Command::Eval(EvalCommand::Segmentation {
            files,
            min_passed,
            paragraphs,
        }) => match eval_segmentation(&files, min_passed, paragraphs.into()) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(err) => Err(err),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("whosaid: error: {err:#}");
            ExitCode::FAILURE
        }
    }
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

fn check_output_dir(out: &Path, force: bool) -> Result<()> {
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

impl From<FormatArg> for Formats {
    fn from(format: FormatArg) -> Formats {
        Formats {
            csv: matches!(format, FormatArg::Csv | FormatArg::Both),
            parquet: matches!(format, FormatArg::Parquet | FormatArg::Both),
            excel_safe: false,
        }
    }
}

/// `whosaid stream`: stdin to stdout, nothing else on stderr unless fatal.
fn stream(
    gazetteers: &GazetteerArgs,
    max_article_bytes: usize,
    jobs: Option<usize>,
    source: &str,
) -> Result<()> {
    let (gazetteer, _notes) = Gazetteer::load(&gazetteer_files(
        &gazetteers.dirs,
        gazetteers.no_default_gazetteers,
    )?)?;
    let mut annotator = Annotator::new(gazetteer);
    annotator.max_article_bytes = max_article_bytes;
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let stdin = std::io::BufReader::new(std::io::stdin());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    whosaid::stream::run(stdin, &mut out, &annotator, jobs, source)?;
    Ok(())
}

/// `whosaid coverage`: the tables of `dirs` aggregated into `out/coverage/`.
fn coverage(
    dirs: &[PathBuf],
    out: &Path,
    gazetteers: &GazetteerArgs,
    formats: Formats,
) -> Result<()> {
    let (gazetteer, _notes) = Gazetteer::load(&gazetteer_files(
        &gazetteers.dirs,
        gazetteers.no_default_gazetteers,
    )?)?;
    let tables = whosaid::coverage::run(dirs, &gazetteer, out, formats)?;
    eprintln!(
        "whosaid: coverage of {} offices ({} office-place, {} office-topic, {} office-speaker, {} office-year rows) -> {}",
        tables.offices,
        tables.office_places,
        tables.office_topics,
        tables.office_speakers,
        tables.office_years,
        out.join("coverage").display()
    );
    Ok(())
}

/// The bundled gazetteers (unless `no_default`), then the `*.csv` files of each directory.
fn gazetteer_files(dirs: &[PathBuf], no_default: bool) -> Result<Vec<GazetteerFile>> {
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

/// Prints every problem and a summary; true when there is no error.
fn check_gazetteers(dirs: &[PathBuf], no_default: bool) -> Result<bool> {
    let files = gazetteer_files(dirs, no_default)?;
    let (gazetteer, problems) = Gazetteer::check(&files)?;
    for problem in &problems {
        println!("{problem}");
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    println!(
        "{} entities in {} files: {errors} error(s), {} note(s)",
        gazetteer.len(),
        files.len(),
        problems.len() - errors
    );
    Ok(errors == 0)
}

#[allow(clippy::too_many_arguments)]
fn extract(
    inputs: &[PathBuf],
    out: &Path,
    gazetteers: &GazetteerArgs,
    max_article_bytes: usize,
    formats: Formats,
    jobs: usize,
    force: bool,
    quiet: bool,
    with_coverage: bool,
    shard: Option<Shard>,
) -> Result<()> {
    check_output_dir(out, force)?;
    // Notes (shared names) are for `whosaid gazetteer check`; errors stop the run.
    let gazetteer_sources = gazetteer_files(&gazetteers.dirs, gazetteers.no_default_gazetteers)?;
    let (gazetteer, _notes) = Gazetteer::load(&gazetteer_sources)?;
    let mut discovered = if inputs.is_empty() {
        read::Discovered {
            inputs: bundled::corpus(),
            ..Default::default()
        }
    } else {
        read::discover(inputs)?
    };

    let shown = AtomicUsize::new(0);
    const MAX_SHOWN: usize = 20;
    let bar = if quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(discovered.inputs.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        )
    };
    let on_warning = |w: &Warning| {
        if !quiet && shown.fetch_add(1, Ordering::Relaxed) < MAX_SHOWN {
            bar.suspend(|| eprintln!("whosaid: warning: {w}"));
        }
    };
    let on_progress = |done: usize| bar.set_position(done as u64);
    let options = RunOptions {
        out_dir: out,
        formats,
        jobs,
        on_warning: &on_warning,
        on_progress: &on_progress,
    };
    let mut annotator = Annotator::new(gazetteer);
    annotator.max_article_bytes = max_article_bytes;
    let mut skipped = std::mem::take(&mut discovered.skipped);
    // Every shard sees the whole listing; only the first records its warnings, so that
    // merged shards list each once.
    if shard.is_some_and(|s| s.index > 0) {
        skipped.warnings.clear();
    }
    let mine = shard.map_or(&discovered.inputs[..], |s| s.slice(&discovered.inputs));
    let summary = pipeline::run(mine, &skipped, &annotator, &options)
        .with_context(|| format!("writing tables to {}", out.display()))?;
    bar.finish_and_clear();
    if !quiet {
        let hidden = shown.load(Ordering::Relaxed).saturating_sub(MAX_SHOWN);
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
    if with_coverage {
        let tables =
            whosaid::coverage::run(&[out.to_path_buf()], &annotator.gazetteer, out, formats)
                .with_context(|| format!("writing coverage tables to {}", out.display()))?;
        if !quiet {
            eprintln!(
                "whosaid: coverage of {} offices -> {}",
                tables.offices,
                out.join("coverage").display()
            );
        }
    }
    write_manifest(
        out,
        &gazetteer_sources,
        &annotator.gazetteer,
        &summary,
        shard,
    )
}

/// Writes `OUT/run.json` (see [`RunManifest`]).
fn write_manifest(
    out: &Path,
    files: &[GazetteerFile],
    gazetteer: &Gazetteer,
    summary: &pipeline::Summary,
    shard: Option<Shard>,
) -> Result<()> {
    let manifest = RunManifest::new(summary, files, gazetteer, shard);
    let path = out.join(run_manifest::FILE);
    std::fs::write(&path, manifest.to_string())
        .with_context(|| format!("writing {}", path.display()))
}

/// `whosaid merge`: shard outputs into one directory.
fn merge(dirs: &[PathBuf], out: &Path, force: bool) -> Result<()> {
    check_output_dir(out, force)?;
    let counts = whosaid::shard::merge(dirs, out)?;
    let counts: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
    eprintln!(
        "whosaid: merged {} directories: {} -> {}",
        dirs.len(),
        counts.join(", "),
        out.display()
    );
    Ok(())
}

fn segment_text(file: Option<&Path>, breaks: Breaks) -> Result<()> {
    let bytes = match file {
        Some(path) => std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
        None => {
            let mut buf = Vec::new();
            for line in std::io::stdin().lock().split(b'\n') {
                buf.extend(line.context("reading standard input")?);
                buf.push(b'\n');
            }
            buf
        }
    };
    let name = file.map_or("<stdin>".into(), |p| p.display().to_string());
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            eprintln!(
                "whosaid: warning: {name}: invalid UTF-8 at byte {}, decoded lossily",
                e.valid_up_to()
            );
            String::from_utf8_lossy(&bytes)
        }
    };
    let offsets = CharOffsets::new(&text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for sentence in segment::sentences_by(&text, breaks) {
        let record = serde_json::json!({
            "start": offsets.to_char(sentence.span.start),
            "end": offsets.to_char(sentence.span.end),
            "text": &text[sentence.span.range()],
        });
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    Ok(())
}

/// Prints the report of every file and the total; true when at least `min_passed` (all,
/// by default) of the cases pass.
fn eval_segmentation(files: &[PathBuf], min_passed: Option<usize>, breaks: Breaks) -> Result<bool> {
    let mut total = eval::Report::default();
    for file in files {
        let cases = eval::load_segmentation_cases(file)?;
        let report = eval::segmentation(&cases, breaks);
        if files.len() > 1 {
            println!("== {}", file.display());
            println!("{report}");
        }
        total.passed += report.passed;
        total.total += report.total;
        total.failures.extend(report.failures);
    }
    if files.len() > 1 {
        println!("== total: {}/{} passed", total.passed, total.total);
    } else {
        println!("{total}");
    }
    let needed = min_passed.unwrap_or(total.total);
    if total.passed < needed {
        eprintln!(
            "whosaid: {} of {} cases passed, {needed} required",
            total.passed, total.total
        );
    }
    Ok(total.passed >= needed)
}

/// Prints the misses (unless `summary`) and the quote scores; true when recall, precision,
/// speaker, role and org accuracy reach the minimums given in that order.
fn eval_quotes(gold: &Path, pred: &Path, summary: bool, minimums: [f64; 5]) -> Result<bool> {
    let gold = eval::load_gold_quotes(gold)?;
    let predicted = eval::load_predicted_quotes(pred)?;
    let report = eval::quotes(&gold, &predicted);
    if !summary {
        for miss in &report.misses {
            println!("{miss}");
        }
    }
    println!("{report}");
    let scores = [
        report.recall(),
        report.precision(),
        report.speaker_accuracy(),
        report.role_accuracy(),
        report.org_accuracy(),
    ];
    let names = [
        "quote recall",
        "attributed precision",
        "speaker accuracy",
        "role accuracy",
        "org accuracy",
    ];
    let mut ok = true;
    for ((score, min), name) in scores.iter().zip(minimums).zip(names) {
        if *score < min {
            eprintln!("whosaid: {name} {score:.3} is below {min}");
            ok = false;
        }
    }
    Ok(ok)
}
