//! Helpers shared by the integration tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use whosaid::error::Warning;
use whosaid::gazetteer::Gazetteer;
use whosaid::pipeline::{self, Annotator, RunOptions, Summary};
use whosaid::read::Input;
use whosaid::tables::Formats;

pub fn annotator() -> Annotator {
    let (gazetteer, warnings) =
        Gazetteer::load(&whosaid::bundled::gazetteers()).expect("bundled gazetteers load");
    assert!(
        warnings.is_empty(),
        "bundled gazetteers have problems: {warnings:?}"
    );
    Annotator::new(gazetteer)
}

/// Runs the pipeline on `inputs` into `out`, collecting the warnings.
pub fn run(inputs: &[Input], out: &Path, formats: Formats, jobs: usize) -> (Summary, Vec<Warning>) {
    let warnings = std::sync::Mutex::new(Vec::new());
    let on_warning = |w: &Warning| warnings.lock().unwrap().push(w.clone());
    let options = RunOptions {
        out_dir: out,
        formats,
        jobs,
        on_warning: &on_warning,
        on_progress: &|_| {},
    };
    let summary =
        pipeline::run(inputs, &Default::default(), &annotator(), &options).expect("run succeeds");
    (summary, warnings.into_inner().unwrap())
}

pub fn csv_only() -> Formats {
    Formats {
        csv: true,
        ..Formats::default()
    }
}

/// A table as rows of column name → value.
pub fn read_table(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .map(str::to_string)
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary directory")
}
