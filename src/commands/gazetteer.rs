//! `whosaid gazetteer check`: every problem of the gazetteer files by `file:line`, and a
//! count; the check fails on any error, not on notes.

use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;
use whosaid::gazetteer::Gazetteer;

#[derive(Subcommand)]
pub enum Command {
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

/// Prints every problem and a summary; true when there is no error.
pub fn run(command: &Command) -> Result<bool> {
    let Command::Check {
        dirs,
        no_default_gazetteers,
    } = command;
    let files = super::gazetteer_files(dirs, *no_default_gazetteers)?;
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
