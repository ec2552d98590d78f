//! `whosaid eval`: scores of a stage against hand-labelled cases ([`whosaid::eval`]), with
//! minimums that make the command fail, for CI floors.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use whosaid::eval;

use super::ParagraphsArg;

#[derive(Subcommand)]
pub enum Command {
    /// Score sentence segmentation on JSON files of {"text", "expected": [..]} cases; prints
    /// each failure and `N/M passed`. Exits with 1 below --min-passed.
    Segmentation(SegmentationArgs),
    /// Score the quotes table of an `extract` output directory against gold JSON Lines
    /// ({"article_id", "quote": excerpt, "speaker", "role"?, "org"?}); prints quote
    /// recall, attributed-quote precision, speaker, role and org accuracy, and each miss.
    Quotes(QuotesArgs),
}

#[derive(clap::Args)]
pub struct SegmentationArgs {
    /// JSON files, each an array of cases.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Cases that must pass (default: all).
    #[arg(long)]
    min_passed: Option<usize>,
    /// Where paragraphs break inside a case's text.
    #[arg(long, value_enum, default_value = "lines")]
    paragraphs: ParagraphsArg,
}

#[derive(clap::Args)]
pub struct QuotesArgs {
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
    /// Score only rows of this kind (`direct`, `partial`, `indirect`; `quoted`, every row
    /// that holds quoted words; `reported`, every reported statement, with or without a
    /// quoted fragment), against the gold lines of that kind or of none.
    #[arg(long)]
    kind: Option<String>,
    /// Score only the gold lines whose `set` is this (a gold file over several article
    /// sets, such as `tests/eval/reported/gold.jsonl`).
    #[arg(long)]
    set: Option<String>,
}

/// Prints the report of every file and the total; true when at least `min_passed` (all,
/// by default) of the cases pass.
pub fn segmentation(args: &SegmentationArgs) -> Result<bool> {
    let mut total = eval::Report::default();
    for file in &args.files {
        let cases = eval::load_segmentation_cases(file)?;
        let report = eval::segmentation(&cases, args.paragraphs.into());
        if args.files.len() > 1 {
            println!("== {}", file.display());
            println!("{report}");
        }
        total.passed += report.passed;
        total.total += report.total;
        total.failures.extend(report.failures);
    }
    if args.files.len() > 1 {
        println!("== total: {}/{} passed", total.passed, total.total);
    } else {
        println!("{total}");
    }
    let needed = args.min_passed.unwrap_or(total.total);
    if total.passed < needed {
        eprintln!(
            "whosaid: {} of {} cases passed, {needed} required",
            total.passed, total.total
        );
    }
    Ok(total.passed >= needed)
}

/// Prints the misses (unless `--summary`) and the quote scores; true when recall,
/// precision, speaker, role and org accuracy reach their minimums.
pub fn quotes(args: &QuotesArgs) -> Result<bool> {
    let (gold, predicted) = eval::select(
        eval::load_gold_quotes(&args.gold)?,
        eval::load_predicted_quotes(&args.pred)?,
        args.set.as_deref(),
        args.kind.as_deref(),
    );
    let report = eval::quotes(&gold, &predicted);
    if !args.summary {
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
    let minimums = [
        args.min_recall,
        args.min_precision,
        args.min_speaker_accuracy,
        args.min_role_accuracy,
        args.min_org_accuracy,
    ];
    let names = [
        "quote recall",
        "attributed precision",
        "speaker accuracy",
        "role accuracy",
        "org accuracy",
    ];
    let mut ok = true;
    for ((score, min), name) in scores.into_iter().zip(minimums).zip(names) {
        if score < min {
            eprintln!("whosaid: {name} {score:.3} is below {min}");
            ok = false;
        }
    }
    Ok(ok)
}
