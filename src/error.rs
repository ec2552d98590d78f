//! Errors that stop a run, and warnings that are recorded while the run goes on.
//!
//! An [`Error`] is fatal for the whole run: a gazetteer that cannot be read or has a row
//! with an error (every such row is listed at `file:line`), an output directory that cannot
//! be written. Problems with one input file or one JSONL line are [`Warning`]s: they are
//! printed, written to `warnings.csv` and counted, and the rest of the input is processed.
//! Gazetteer notes (rows loaded as written) are printed by `whosaid gazetteer check`.

use std::path::PathBuf;

/// A fatal error, always naming the file (and line, where there is one) it concerns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: input path does not exist")]
    MissingInput { path: PathBuf },
    #[error("{file}:{line}: {message}")]
    Gazetteer {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{}", gazetteer_errors(.0))]
    Gazetteers(Vec<crate::gazetteer::Problem>),
    #[error("{path}: output directory is not empty (use --force to overwrite)")]
    OutputNotEmpty { path: PathBuf },
    #[error("{path}: cannot write table: {message}")]
    Table { path: PathBuf, message: String },
    #[error("{file}:{line}: {message}")]
    Data {
        file: String,
        line: usize,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

fn gazetteer_errors(problems: &[crate::gazetteer::Problem]) -> String {
    let mut out = format!(
        "the gazetteers have {} error(s); fix them (see `whosaid gazetteer check`):",
        problems.len()
    );
    for problem in problems {
        out.push_str(&format!("\n  {problem}"));
    }
    out
}

/// A per-article or per-row problem that did not stop the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The article it concerns, when one could be identified.
    pub article_id: Option<String>,
    /// File, or `file:line` for JSONL and gazetteer rows.
    pub source: String,
    pub problem: String,
}

impl Warning {
    pub fn new(source: impl Into<String>, problem: impl Into<String>) -> Warning {
        Warning {
            article_id: None,
            source: source.into(),
            problem: problem.into(),
        }
    }

    pub fn for_article(mut self, article_id: impl Into<String>) -> Warning {
        self.article_id = Some(article_id.into());
        self
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.problem)
    }
}
