//! Evaluation against hand-labelled cases, outside the pipeline.
//!
//! Segmentation cases are JSON arrays of `{"text", "expected": [..]}` objects (with an
//! optional `id` and `name`), the format of the English Golden Rules and of
//! `tests/fixtures/segmentation/`. A case passes when the segmenter's sentences, trimmed,
//! equal `expected` exactly. This module scores; it does not tune or report timings.

use std::fmt;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::segment::{self, Breaks};

/// One labelled segmentation case.
#[derive(Debug, Clone, Deserialize)]
pub struct SegmentationCase {
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    #[serde(default)]
    pub name: Option<String>,
    pub text: String,
    pub expected: Vec<String>,
}

impl SegmentationCase {
    /// `#id name`, `name`, or the case's position, for reports.
    fn label(&self, index: usize) -> String {
        match (&self.id, &self.name) {
            (Some(id), Some(name)) => format!("#{} {name}", id.to_string().trim_matches('"')),
            (None, Some(name)) => name.clone(),
            (Some(id), None) => format!("#{}", id.to_string().trim_matches('"')),
            (None, None) => format!("case {}", index + 1),
        }
    }
}

/// Reads a JSON file of segmentation cases; errors name the file and line.
pub fn load_segmentation_cases(path: &Path) -> Result<Vec<SegmentationCase>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|e| Error::Data {
        file: path.display().to_string(),
        line: e.line(),
        message: format!("not a JSON array of {{\"text\", \"expected\"}} cases: {e}"),
    })
}

/// A case whose sentences differ from the expected ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub label: String,
    pub text: String,
    pub expected: Vec<String>,
    pub got: Vec<String>,
}

/// The outcome of scoring a set of cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub passed: usize,
    pub total: usize,
    pub failures: Vec<Failure>,
}

/// Segments every case (paragraphs broken as `breaks` says) and compares.
pub fn segmentation(cases: &[SegmentationCase], breaks: Breaks) -> Report {
    let mut report = Report::default();
    for (index, case) in cases.iter().enumerate() {
        let got: Vec<String> = segment::sentences_by(&case.text, breaks)
            .iter()
            .map(|s| case.text[s.span.range()].trim().to_string())
            .collect();
        let expected: Vec<String> = case.expected.iter().map(|s| s.trim().to_string()).collect();
        report.total += 1;
        if got == expected {
            report.passed += 1;
        } else {
            report.failures.push(Failure {
                label: case.label(index),
                text: case.text.clone(),
                expected,
                got,
            });
        }
    }
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for failure in &self.failures {
            writeln!(f, "FAIL {}", failure.label)?;
            writeln!(f, "  text:     {:?}", failure.text)?;
            writeln!(f, "  expected: {:?}", failure.expected)?;
            writeln!(f, "  got:      {:?}", failure.got)?;
        }
        write!(f, "{}/{} passed", self.passed, self.total)
    }
}
