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

/// One annotated statement: the article, a distinctive excerpt of its words (`quote`, or
/// `excerpt` in the reported-speech gold), and who said it (an empty speaker, or
/// `speaker_type: "unnamed"`, for an unnamed one). `set` names the article set of a gold
/// file that spans several; `kind` is the row kind it is scored against (any, if absent).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldQuote {
    pub article_id: String,
    #[serde(alias = "excerpt")]
    pub quote: String,
    #[serde(default)]
    pub speaker: String,
    pub role: Option<String>,
    pub org: Option<String>,
    #[serde(default)]
    pub speaker_type: Option<String>,
    #[serde(default)]
    pub set: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

impl GoldQuote {
    /// The speaker a prediction must name: none for an unnamed speaker.
    fn speaker(&self) -> &str {
        match self.speaker_type.as_deref() {
            Some("unnamed") => "",
            _ => &self.speaker,
        }
    }
}

/// Reads gold quotes from JSON Lines; errors name the file and line.
pub fn load_gold_quotes(path: &Path) -> Result<Vec<GoldQuote>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(line).map_err(|e| Error::Data {
            file: path.display().to_string(),
            line: n + 1,
            message: format!("not a gold quote {{article_id, quote, speaker, role?, org?}}: {e}"),
        })?);
    }
    Ok(out)
}

/// A row of a `quotes.csv` written by `extract`.
#[derive(Debug, Clone, Deserialize)]
pub struct PredictedQuote {
    pub article_id: String,
    #[serde(default)]
    pub kind: Option<String>,
    pub text: String,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub speaker_role: Option<String>,
    #[serde(default)]
    pub speaker_org: Option<String>,
}

/// Reads `DIR/quotes.csv`.
pub fn load_predicted_quotes(dir: &Path) -> Result<Vec<PredictedQuote>> {
    let path = dir.join("quotes.csv");
    let file = path.display().to_string();
    let mut reader = csv::Reader::from_path(&path).map_err(|e| Error::Data {
        file: file.clone(),
        line: 0,
        message: format!("cannot read (run `whosaid extract --out DIR` first): {e}"),
    })?;
    reader
        .deserialize()
        .map(|row| {
            row.map_err(|e: csv::Error| Error::Data {
                file: file.clone(),
                line: e.position().map_or(0, |p| p.line() as usize),
                message: e.to_string(),
            })
        })
        .collect()
}

/// Case, diacritics, punctuation and spacing folded away.
fn norm(s: &str) -> String {
    crate::gazetteer::fold::fold(s).text.trim().to_string()
}

/// Same speaker: equal after folding, or the same first and last word (a middle name or
/// initial written in one place only); two empty names are equal.
fn same_speaker(gold: &str, predicted: &str) -> bool {
    let (g, p) = (norm(gold), norm(predicted));
    if g == p {
        return true;
    }
    fn ends(s: &str) -> (Option<&str>, Option<&str>, usize) {
        let words: Vec<&str> = s.split(' ').collect();
        (words.first().copied(), words.last().copied(), words.len())
    }
    let (gf, gl, gn) = ends(&g);
    let (pf, pl, pn) = ends(&p);
    gn > 1 && pn > 1 && gf == pf && gl == pl
}

fn same_field(gold: &str, predicted: Option<&str>) -> bool {
    norm(gold) == norm(predicted.unwrap_or(""))
}

/// Scores of predicted quotes against gold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteReport {
    pub gold: usize,
    pub found: usize,
    pub attributed: usize,
    pub attributed_correct: usize,
    pub speaker_correct: usize,
    pub role_total: usize,
    pub role_correct: usize,
    pub org_total: usize,
    pub org_correct: usize,
    /// One line per gold quote not found or wrongly attributed, and per false attribution.
    pub misses: Vec<String>,
    /// The same counts for each kind of row (`direct`, `partial`, `indirect`).
    pub by_kind: std::collections::BTreeMap<String, KindCounts>,
}

/// What the rows of one kind hold: gold statements found in them, and their attributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub found: usize,
    pub speaker_correct: usize,
    pub attributed: usize,
    pub attributed_correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl QuoteReport {
    fn kind(&mut self, row: &PredictedQuote) -> &mut KindCounts {
        let kind = row.kind.as_deref().unwrap_or("unknown");
        self.by_kind.entry(kind.to_string()).or_default()
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.attributed_correct, self.attributed)
    }
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_correct, self.found)
    }
    pub fn role_accuracy(&self) -> f64 {
        ratio(self.role_correct, self.role_total)
    }
    pub fn org_accuracy(&self) -> f64 {
        ratio(self.org_correct, self.org_total)
    }
}

/// The five scores; the misses are listed apart, so that a held-out set can be scored
/// without showing its failing cases.
impl fmt::Display for QuoteReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = |f: &mut fmt::Formatter<'_>, name: &str, a: usize, b: usize| {
            write!(f, "{name:<22} {:.3}  ({a}/{b})", ratio(a, b))
        };
        line(f, "quote recall", self.found, self.gold)?;
        writeln!(f)?;
        line(
            f,
            "attributed precision",
            self.attributed_correct,
            self.attributed,
        )?;
        writeln!(f)?;
        line(f, "speaker accuracy", self.speaker_correct, self.found)?;
        writeln!(f)?;
        line(f, "role accuracy", self.role_correct, self.role_total)?;
        writeln!(f)?;
        line(f, "org accuracy", self.org_correct, self.org_total)?;
        // The five scores first, in a fixed order; then the rows of each kind.
        if self.by_kind.len() > 1 {
            for (kind, c) in &self.by_kind {
                write!(
                    f,
                    "\n  {kind:<9} rows: gold found {}, speaker {:.3} ({}/{}), precision {:.3} ({}/{})",
                    c.found,
                    ratio(c.speaker_correct, c.found),
                    c.speaker_correct,
                    c.found,
                    ratio(c.attributed_correct, c.attributed),
                    c.attributed_correct,
                    c.attributed
                )?;
            }
        }
        Ok(())
    }
}

/// Whether a row of `kind` with `text` is selected by `wanted`: its own kind; `quoted`
/// for every row that holds quoted words (direct and partial); `reported` for every
/// reported statement (indirect, and partial rows whose text is a reported clause around
/// a quotation, so that it keeps the quotation's marks).
fn kind_selected(wanted: &str, kind: Option<&str>, text: &str) -> bool {
    match wanted {
        "quoted" => matches!(kind, Some("direct" | "partial")),
        "reported" => {
            kind == Some("indirect")
                || kind == Some("partial") && text.contains(crate::attribute::marks::is_mark)
        }
        _ => kind == Some(wanted),
    }
}

/// Which gold lines and rows a score covers: gold lines of one `set` (all, if `None`),
/// and rows of one `kind` (all, if `None`; `quoted` for rows that hold quoted words) with
/// the gold lines of that kind or of none.
pub fn select(
    gold: Vec<GoldQuote>,
    predicted: Vec<PredictedQuote>,
    set: Option<&str>,
    kind: Option<&str>,
) -> (Vec<GoldQuote>, Vec<PredictedQuote>) {
    let gold = gold
        .into_iter()
        .filter(|g| set.is_none_or(|set| g.set.as_deref() == Some(set)))
        .filter(|g| kind.is_none_or(|kind| g.kind.as_deref().is_none_or(|k| k == kind)))
        .collect();
    let predicted = predicted
        .into_iter()
        .filter(|p| kind.is_none_or(|kind| kind_selected(kind, p.kind.as_deref(), &p.text)))
        .collect();
    (gold, predicted)
}

/// Matches each gold quote to the first predicted quote of its article whose text holds
/// the excerpt, and scores speakers, roles and organizations.
pub fn quotes(gold: &[GoldQuote], predicted: &[PredictedQuote]) -> QuoteReport {
    let mut report = QuoteReport {
        gold: gold.len(),
        ..QuoteReport::default()
    };
    let texts: Vec<String> = predicted.iter().map(|p| norm(&p.text)).collect();
    let holds = |p: usize, g: &GoldQuote| {
        predicted[p].article_id == g.article_id && texts[p].contains(&norm(&g.quote))
    };
    for g in gold {
        let Some(p) = (0..predicted.len()).find(|&p| holds(p, g)) else {
            report
                .misses
                .push(format!("MISSED   {}: “{}”", g.article_id, g.quote));
            continue;
        };
        report.found += 1;
        let pred = &predicted[p];
        let speaker = pred.speaker.as_deref().unwrap_or("");
        let counts = report.kind(pred);
        counts.found += 1;
        if same_speaker(g.speaker(), speaker) {
            counts.speaker_correct += 1;
            report.speaker_correct += 1;
        } else {
            report.misses.push(format!(
                "SPEAKER  {}: “{}”: gold {:?}, got {:?}",
                g.article_id, g.quote, g.speaker, speaker
            ));
        }
        for (gold_value, got, total, correct, what) in [
            (
                &g.role,
                &pred.speaker_role,
                &mut report.role_total,
                &mut report.role_correct,
                "ROLE",
            ),
            (
                &g.org,
                &pred.speaker_org,
                &mut report.org_total,
                &mut report.org_correct,
                "ORG",
            ),
        ] {
            let Some(gold_value) = gold_value else {
                continue;
            };
            *total += 1;
            if same_field(gold_value, got.as_deref()) {
                *correct += 1;
            } else {
                report.misses.push(format!(
                    "{what:<8} {}: “{}”: gold {gold_value:?}, got {got:?}",
                    g.article_id, g.quote
                ));
            }
        }
    }
    for (p, pred) in predicted.iter().enumerate() {
        let named = pred.speaker.as_deref().is_some_and(|s| !s.is_empty());
        let role = pred.speaker_role.as_deref().is_some_and(|s| !s.is_empty());
        if !(named || role) {
            continue;
        }
        report.attributed += 1;
        report.kind(pred).attributed += 1;
        let speaker = pred.speaker.as_deref().unwrap_or("");
        match gold.iter().find(|g| holds(p, g)) {
            Some(g) if same_speaker(g.speaker(), speaker) => {
                report.attributed_correct += 1;
                report.kind(pred).attributed_correct += 1;
            }
            Some(_) => {} // already listed as a SPEAKER miss
            None => report.misses.push(format!(
                "SPURIOUS {}: “{}” attributed to {:?} but not in gold",
                pred.article_id, pred.text, speaker
            )),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(line: &str) -> GoldQuote {
        serde_json::from_str(line).unwrap()
    }

    fn row(kind: &str, text: &str, speaker: &str, role: &str) -> PredictedQuote {
        PredictedQuote {
            article_id: "a".into(),
            kind: Some(kind.into()),
            text: text.into(),
            speaker: Some(speaker.into()).filter(|s: &String| !s.is_empty()),
            speaker_role: Some(role.into()).filter(|s: &String| !s.is_empty()),
            speaker_org: None,
        }
    }

    /// Reported-speech gold (`excerpt`, `set`, an unnamed speaker named by a phrase) is
    /// scored against the rows of one kind and the gold lines of one set.
    #[test]
    fn scores_one_kind_against_one_set() {
        let gold = vec![
            gold(
                r#"{"set": "s1", "article_id": "a", "excerpt": "the reform must be inclusive", "speaker": "Ana Lund", "speaker_type": "person"}"#,
            ),
            gold(
                r#"{"set": "s1", "article_id": "a", "excerpt": "prices rose again", "speaker": "a local farmer", "speaker_type": "unnamed"}"#,
            ),
            gold(
                r#"{"set": "s2", "article_id": "a", "excerpt": "another set entirely", "speaker": "Ana Lund"}"#,
            ),
        ];
        let predicted = vec![
            row("indirect", "The reform must be inclusive", "Ana Lund", ""),
            row("indirect", "prices rose again this year", "", "farmer"),
            row("direct", "another set entirely", "Ana Lund", ""),
            row("indirect", "nobody said this", "Bo Berg", ""),
        ];
        let (g, p) = select(gold, predicted, Some("s1"), Some("indirect"));
        assert_eq!((g.len(), p.len()), (2, 3));
        let report = quotes(&g, &p);
        assert_eq!(
            (report.found, report.speaker_correct),
            (2, 2),
            "{:?}",
            report.misses
        );
        // The third indirect row holds no gold excerpt: a spurious attribution.
        assert_eq!((report.attributed, report.attributed_correct), (3, 2));
    }

    /// `quoted` selects the rows that hold quoted words, `reported` the reported
    /// statements, with or without a quoted fragment; the counts per kind add up to the
    /// totals.
    #[test]
    fn quoted_rows_and_counts_per_kind() {
        let gold = vec![
            gold(r#"{"article_id": "a", "quote": "we will stay", "speaker": "Ana Lund"}"#),
            gold(r#"{"article_id": "a", "quote": "secure the release", "speaker": "Bo Berg"}"#),
        ];
        let predicted = vec![
            row("direct", "We will stay.", "Ana Lund", ""),
            row(
                "partial",
                "the group would “secure the release”",
                "Bo Berg",
                "",
            ),
            row("indirect", "the law is ready", "Bo Berg", ""),
            row("partial", "a small step", "Bo Berg", ""),
        ];
        let (g, p) = select(gold.clone(), predicted.clone(), None, Some("quoted"));
        assert_eq!(p.len(), 3);
        let report = quotes(&g, &p);
        assert_eq!((report.found, report.attributed_correct), (2, 2));
        let partial = report.by_kind["partial"];
        assert_eq!((partial.found, partial.attributed), (1, 2));
        assert_eq!(report.by_kind["direct"].attributed_correct, 1);
        let (_, p) = select(gold, predicted, None, Some("reported"));
        let texts: Vec<&str> = p.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(
            texts,
            ["the group would “secure the release”", "the law is ready"]
        );
    }
}
