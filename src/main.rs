//! The `whosaid` command: parses arguments, runs the subcommand's module in `commands/`,
//! and maps the outcome to an exit code (0 done, 1 fatal error or failed check, 2 usage
//! error, 130 interrupted). The commands belong to the binary, not to the library: they
//! print to the terminal and report errors with `anyhow` context.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use commands::{coverage, eval, extract, gazetteer, merge, segment, stream};

// Articles make many small, short-lived strings; mimalloc serves them faster than glibc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

#[derive(Subcommand)]
enum Command {
    /// Extract the articles, sentences, mentions and quotes tables.
    Extract(extract::Args),
    /// Concatenate the CSV row tables of shard outputs (in shard order, from their
    /// run.json) into one output directory.
    Merge(merge::Args),
    /// Aggregate extract outputs by issuing office into OUT/coverage/ (offices,
    /// office_places, office_topics, office_speakers, office_years).
    Coverage(coverage::Args),
    /// Read JSON Lines articles on stdin; write one JSON line per input line on stdout, in
    /// order: {"article_id", "article", "sentences", "mentions", "quotes", "warnings"} or
    /// {"article_id", "error"}. For Spark's RDD.pipe and other map steps.
    Stream(stream::Args),
    /// Split plain text into sentences: one JSON object per line with code-point offsets.
    Segment(segment::Args),
    /// Score a stage against hand-labelled cases.
    #[command(subcommand)]
    Eval(eval::Command),
    /// Work with gazetteer files.
    #[command(subcommand)]
    Gazetteer(gazetteer::Command),
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
    // `Ok(false)`: a check ran and failed (scores below their minimums, gazetteer errors).
    let passed = match &cli.command {
        Command::Extract(args) => extract::run(args).map(|()| true),
        Command::Merge(args) => merge::run(args).map(|()| true),
        Command::Coverage(args) => coverage::run(args).map(|()| true),
        Command::Stream(args) => stream::run(args).map(|()| true),
        Command::Segment(args) => segment::run(args).map(|()| true),
        Command::Eval(eval::Command::Segmentation(args)) => eval::segmentation(args),
        Command::Eval(eval::Command::Quotes(args)) => eval::quotes(args),
        Command::Gazetteer(command) => gazetteer::run(command),
    };
    match passed {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("whosaid: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
