//! `whosaid stream`: JSON Lines articles on stdin to JSON answers on stdout
//! ([`whosaid::stream::run`]); nothing on stderr unless fatal.

use anyhow::Result;
use whosaid::gazetteer::Gazetteer;
use whosaid::pipeline::Annotator;

use super::{GazetteerArgs, LimitArgs};

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: &Args) -> Result<()> {
    let (gazetteer, _notes) = Gazetteer::load(&args.gazetteers.files()?)?;
    let mut annotator = Annotator::new(gazetteer);
    annotator.max_article_bytes = args.limits.bytes();
    let stdin = std::io::BufReader::new(std::io::stdin());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let jobs = super::jobs(args.jobs);
    whosaid::stream::run(stdin, &mut out, &annotator, jobs, &args.source)?;
    Ok(())
}
