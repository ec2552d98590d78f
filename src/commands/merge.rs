//! `whosaid merge`: the CSV row tables of shard outputs concatenated into one directory
//! ([`whosaid::shard::merge`]); coverage is not merged but recomputed by `whosaid coverage`.

use std::path::PathBuf;

use anyhow::Result;

use super::check_output_dir;

#[derive(clap::Args)]
pub struct Args {
    /// Output directories of `extract --shard K/N`.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// The merged output directory.
    #[arg(long, short)]
    out: PathBuf,
    /// Write into an output directory that holds other files.
    #[arg(long)]
    force: bool,
}

pub fn run(args: &Args) -> Result<()> {
    check_output_dir(&args.out, args.force)?;
    // Shard order comes from each run.json; without one, the order given is kept, which
    // the user should know.
    for dir in &args.dirs {
        if let Err(e) = whosaid::run_manifest::RunManifest::read(dir) {
            eprintln!("whosaid: warning: {e}; the directories are merged in the order given");
        }
    }
    let counts = whosaid::shard::merge(&args.dirs, &args.out)?;
    let counts: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
    eprintln!(
        "whosaid: merged {} directories: {} -> {}",
        args.dirs.len(),
        counts.join(", "),
        args.out.display()
    );
    Ok(())
}
