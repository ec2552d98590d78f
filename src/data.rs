//! The linguistic data files under `data/`, compiled in and read by one strict loader.
//!
//! A data file holds one row per line, its fields separated by tabs; blank lines and lines
//! starting with `#` are skipped. [`DataFile::rows`] refuses a row with too few or too
//! many fields, an empty field, or the same key as an earlier row, and [`Row::class`]
//! refuses a class that its reader does not know; each error names the file and the
//! line. The stages read the files once, in `LazyLock`s, and a test loads every one of
//! them, so a bad edit fails `cargo test` rather than a run.
//!
//! The word lists that two stages read ([`SPEECH_VERBS`], [`SENTENCE_OPENERS`]) are loaded
//! here, once, for both.

use std::sync::LazyLock;

/// Hash maps for the word lists, looked up per token: foldhash, with a fixed seed so that
/// a run never depends on the order of a map.
pub(crate) type WordHash = foldhash::fast::FixedState;
pub(crate) type WordMap<V> = std::collections::HashMap<&'static str, V, WordHash>;
pub(crate) type WordSet = std::collections::HashSet<&'static str, WordHash>;

/// One bundled data file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataFile {
    /// The file name under `data/`.
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! data_file {
    ($name:literal) => {
        DataFile {
            name: $name,
            text: include_str!(concat!("../data/", $name)),
        }
    };
}

pub(crate) const ABBREVIATIONS: DataFile = data_file!("abbreviations.tsv");
pub(crate) const BOILERPLATE: DataFile = data_file!("boilerplate.tsv");
pub(crate) const CONTENT_TYPES: DataFile = data_file!("content_types.txt");
pub(crate) const METADATA_LABELS: DataFile = data_file!("metadata_labels.tsv");
pub(crate) const PREPOSITIONS: DataFile = data_file!("prepositions.txt");
pub(crate) const REPORTING_VERBS: DataFile = data_file!("reporting_verbs.tsv");
pub(crate) const SENTENCE_OPENERS_FILE: DataFile = data_file!("sentence_openers.txt");
pub(crate) const SPEECH_VERBS_FILE: DataFile = data_file!("speech_verbs.txt");
pub(crate) const TITLE_NOUNS: DataFile = data_file!("title_nouns.txt");
pub(crate) const TITLES: DataFile = data_file!("titles.tsv");
pub(crate) const WELCOMED_OBJECTS: DataFile = data_file!("welcomed_objects.txt");

/// A data file that does not load.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("data/{file}, line {line}: {message}")]
pub struct DataError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// One row of a data file: its fields, trimmed.
#[derive(Debug)]
pub(crate) struct Row {
    file: &'static str,
    /// 1-based line number.
    pub line: usize,
    fields: Vec<&'static str>,
}

impl Row {
    /// Field `i`, if the row has it (fields past the required ones are optional).
    pub(crate) fn get(&self, i: usize) -> Option<&'static str> {
        self.fields.get(i).copied()
    }

    /// Field `i`, which the row's shape guarantees.
    pub(crate) fn text(&self, i: usize) -> &'static str {
        self.fields[i]
    }

    /// Field `i` read as one of `classes`; an absent field is `None`.
    pub(crate) fn class<T: Copy>(
        &self,
        i: usize,
        classes: &[(&str, T)],
    ) -> Result<Option<T>, DataError> {
        let Some(field) = self.get(i) else {
            return Ok(None);
        };
        match classes.iter().find(|(name, _)| *name == field) {
            Some(&(_, class)) => Ok(Some(class)),
            None => Err(self.error(format!(
                "unknown class {field:?} (known: {})",
                classes
                    .iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// Field `i`, a class every row has.
    pub(crate) fn required_class<T: Copy>(
        &self,
        i: usize,
        classes: &[(&str, T)],
    ) -> Result<T, DataError> {
        self.class(i, classes)?
            .ok_or_else(|| self.error(format!("no field {}", i + 1)))
    }

    pub(crate) fn error(&self, message: String) -> DataError {
        DataError {
            file: self.file,
            line: self.line,
            message,
        }
    }
}

impl DataFile {
    /// The rows of the file, each with `fields.start()..=fields.end()` fields; the first
    /// `key` fields of a row must differ from those of every earlier row.
    pub(crate) fn rows(
        &self,
        fields: std::ops::RangeInclusive<usize>,
        key: usize,
    ) -> Result<Vec<Row>, DataError> {
        let mut rows: Vec<Row> = Vec::new();
        let mut keys: std::collections::HashMap<&[&str], usize, WordHash> = Default::default();
        for (i, line) in self.text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let row = Row {
                file: self.name,
                line: i + 1,
                fields: line.split('\t').map(str::trim).collect(),
            };
            if row.fields.iter().any(|f| f.is_empty()) {
                return Err(row.error("empty field".into()));
            }
            if !fields.contains(&row.fields.len()) {
                return Err(row.error(format!(
                    "{} fields, expected {} to {}",
                    row.fields.len(),
                    fields.start(),
                    fields.end()
                )));
            }
            rows.push(row);
        }
        for row in &rows {
            let id = &row.fields[..key.min(row.fields.len())];
            if let Some(first) = keys.insert(id, row.line) {
                return Err(row.error(format!("repeats line {first}")));
            }
        }
        Ok(rows)
    }

    /// A list of one word or phrase per line.
    pub(crate) fn words(&self) -> Result<Vec<&'static str>, DataError> {
        Ok(self.rows(1..=1, 1)?.iter().map(|row| row.text(0)).collect())
    }
}

/// The value of a loaded data file. The files are compiled in and every one is loaded by
/// a test, so an error here is a defect of the build, not of the input.
pub(crate) fn loaded<T>(result: Result<T, DataError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// The speech verbs (`data/speech_verbs.txt`).
pub(crate) struct SpeechVerbs {
    /// Every verb and verb phrase (`said`, `pointed out`), in file order.
    pub all: Vec<&'static str>,
    /// The verbs of one word, for testing a token without a search.
    pub words: WordSet,
}

pub(crate) fn speech_verbs() -> Result<SpeechVerbs, DataError> {
    let all = SPEECH_VERBS_FILE.words()?;
    let words = all.iter().copied().filter(|v| !v.contains(' ')).collect();
    Ok(SpeechVerbs { all, words })
}

pub(crate) static SPEECH_VERBS: LazyLock<SpeechVerbs> = LazyLock::new(|| loaded(speech_verbs()));

/// Capitalised words that commonly open a sentence (`data/sentence_openers.txt`).
pub(crate) static SENTENCE_OPENERS: LazyLock<WordSet> =
    LazyLock::new(|| loaded(SENTENCE_OPENERS_FILE.words()).into_iter().collect());

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &'static str) -> DataFile {
        DataFile {
            name: "test.tsv",
            text,
        }
    }

    const CLASSES: [(&str, u8); 2] = [("title", 1), ("rank", 2)];

    #[test]
    fn rows_skip_comments_and_trim_fields() {
        let rows = file("# comment\n\nHead\ttitle \n General\trank\n")
            .rows(2..=2, 1)
            .unwrap();
        let read: Vec<_> = rows
            .iter()
            .map(|r| (r.line, r.text(0), r.required_class(1, &CLASSES).unwrap()))
            .collect();
        assert_eq!(read, [(3, "Head", 1), (4, "General", 2)]);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let error = |text, fields, key| file(text).rows(fields, key).unwrap_err().to_string();
        assert_eq!(
            error("a\tb\n\tc\n", 2..=2, 1),
            "data/test.tsv, line 2: empty field"
        );
        assert_eq!(
            error("a\tb\n# x\nc\tb\na\td\n", 2..=2, 1),
            "data/test.tsv, line 4: repeats line 1"
        );
        assert_eq!(
            error("a\tb\tc\n", 1..=2, 1),
            "data/test.tsv, line 1: 3 fields, expected 1 to 2"
        );
        // The key decides what is a repeat: two rules may share a text.
        assert!(file("cut_at\tx\ndrop_prefix\tx\n").rows(2..=2, 2).is_ok());
        let rows = file("Head\ttitle\nChief\tboss\n").rows(2..=2, 1).unwrap();
        assert_eq!(
            rows[1].class(1, &CLASSES).unwrap_err().to_string(),
            "data/test.tsv, line 2: unknown class \"boss\" (known: title, rank)"
        );
    }

    /// Every file under `data/`, read by the stage that uses it: a bad edit fails here
    /// with the file and line.
    #[test]
    fn every_data_file_loads() {
        let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let read = [
            ABBREVIATIONS,
            BOILERPLATE,
            CONTENT_TYPES,
            METADATA_LABELS,
            PREPOSITIONS,
            REPORTING_VERBS,
            SENTENCE_OPENERS_FILE,
            SPEECH_VERBS_FILE,
            TITLE_NOUNS,
            TITLES,
            WELCOMED_OBJECTS,
        ];
        for name in &files {
            assert!(
                read.iter().any(|f| f.name == name),
                "data/{name} has no reader"
            );
        }
        let loads: [Result<(), DataError>; 7] = [
            crate::segment::sentence_lexicon().map(drop),
            crate::attribute::lexicon::quote_lexicon().map(drop),
            crate::read::page::labels().map(drop),
            crate::read::clean::rules().map(drop),
            CONTENT_TYPES.words().map(drop),
            SENTENCE_OPENERS_FILE.words().map(drop),
            speech_verbs().map(drop),
        ];
        for load in loads {
            if let Err(e) = load {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn shared_lists_load() {
        assert!(SPEECH_VERBS.all.contains(&"pointed out"));
        assert!(SPEECH_VERBS.words.contains("said"));
        assert!(!SPEECH_VERBS.words.contains("pointed out"));
        assert!(SENTENCE_OPENERS.contains("After"));
    }
}
