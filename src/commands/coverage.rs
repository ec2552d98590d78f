//! `whosaid coverage`: the tables of one or more `extract` outputs aggregated by issuing
//! office into `OUT/coverage/` ([`whosaid::coverage::run`]).

use std::path::PathBuf;

use anyhow::Result;
use whosaid::gazetteer::Gazetteer;

use super::{FormatArg, GazetteerArgs};

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: &Args) -> Result<()> {
    let out = args.out.as_deref().unwrap_or(&args.dirs[0]);
    let (gazetteer, _notes) = Gazetteer::load(&args.gazetteers.files()?)?;
    let tables = whosaid::coverage::run(&args.dirs, &gazetteer, out, args.format.into())?;
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
