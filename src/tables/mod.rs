//! Stage 5, tables: rows → CSV and Parquet files, through one writer for every table.
//!
//! A table is a row struct that implements [`Row`] (its file name and its columns with
//! their types). [`TableWriter`] serializes each row with serde into cells
//! ([`cells::each_cell`]) and hands them to one [`sink::Sink`] per requested format. Row
//! structs live in [`rows`]; adding a table means adding a struct (and, if its rows
//! borrow, a [`Table`] marker), nothing else.
//!
//! Files are written to a temporary name and renamed when the table is finished.

pub mod cells;
pub mod rows;
pub mod sink;

use std::marker::PhantomData;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use cells::{each_cell, to_cells, Cell, CellError};
use sink::{CsvSink, ParquetSink, Sink};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    Str,
    Int,
    Float,
    Bool,
    Date,
    List,
}

/// A table's row: its file stem and its columns, in the order of the struct's fields.
pub trait Row: Serialize {
    const TABLE: &'static str;
    const COLUMNS: &'static [(&'static str, ColumnType)];
}

/// A table whose rows may borrow: `Row<'a>` is its row type for every lifetime, so that
/// one [`TableWriter`] takes the rows of every article in turn.
pub trait Table {
    type Row<'a>: Row;
}

/// A row that owns its cells is its own table.
impl<R: Row + 'static> Table for R {
    type Row<'a> = R;
}

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Formats {
    pub csv: bool,
    pub parquet: bool,
    /// Prefix CSV cells that start with `=`, `+`, `-` or `@` with `'`.
    pub excel_safe: bool,
}

/// Appends a row as a JSON object with the same cells as its CSV and Parquet forms: dates
/// as `YYYY-MM-DD`, lists as arrays, missing values as `null`.
pub fn write_json<R: Row>(row: &R, cells: &mut Vec<Cell>, out: &mut Vec<u8>) -> Result<()> {
    to_cells(row, cells).map_err(|e| Error::Table {
        path: R::TABLE.into(),
        message: e.to_string(),
    })?;
    let text = |out: &mut Vec<u8>, s: &str| {
        // Writing a &str to a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    };
    out.push(b'{');
    for (i, (&(name, _), cell)) in R::COLUMNS.iter().zip(cells.iter()).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        text(out, name);
        out.push(b':');
        match cell {
            Cell::Null => out.extend_from_slice(b"null"),
            Cell::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
            Cell::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Cell::Float(f) if f.is_finite() => out.extend_from_slice(f.to_string().as_bytes()),
            Cell::Float(_) => out.extend_from_slice(b"null"),
            Cell::Str(s) => text(out, s),
            Cell::Date(days) => text(out, &sink::date_text(*days)),
            Cell::List(items) => {
                out.push(b'[');
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.push(b',');
                    }
                    text(out, item);
                }
                out.push(b']');
            }
        }
    }
    out.push(b'}');
    Ok(())
}

/// Writes the rows of one table to every requested format.
pub struct TableWriter<T: Table> {
    // Concrete sinks, not `dyn`: every cell goes to each of them.
    csv: Option<CsvSink>,
    parquet: Option<ParquetSink>,
    rows: u64,
    _table: PhantomData<fn() -> T>,
}

impl<T: Table> TableWriter<T> {
    const TABLE: &'static str = <T::Row<'static> as Row>::TABLE;
    const COLUMNS: &'static [(&'static str, ColumnType)] = <T::Row<'static> as Row>::COLUMNS;

    pub fn create(dir: &Path, formats: Formats) -> Result<TableWriter<T>> {
        let csv = formats
            .csv
            .then(|| {
                let path = dir.join(format!("{}.csv", Self::TABLE));
                CsvSink::create(path, Self::COLUMNS, formats.excel_safe)
            })
            .transpose()?;
        let parquet = formats
            .parquet
            .then(|| {
                let path = dir.join(format!("{}.parquet", Self::TABLE));
                ParquetSink::create(path, Self::COLUMNS)
            })
            .transpose()?;
        Ok(TableWriter {
            csv,
            parquet,
            rows: 0,
            _table: PhantomData,
        })
    }

    pub fn write(&mut self, row: &T::Row<'_>) -> Result<()> {
        let (csv, parquet) = (&mut self.csv, &mut self.parquet);
        let mut columns = 0;
        each_cell(row, &mut |cell: cells::CellRef<'_>| {
            columns += 1;
            if let Some(csv) = csv {
                csv.cell(cell)?;
            }
            if let Some(parquet) = parquet {
                parquet.cell(cell)?;
            }
            Ok(())
        })
        .map_err(|e| match e {
            CellError::Sink(e) => e,
            e => Error::Table {
                path: Self::TABLE.into(),
                message: e.to_string(),
            },
        })?;
        debug_assert_eq!(
            columns,
            Self::COLUMNS.len(),
            "{} row does not match its columns",
            Self::TABLE
        );
        if let Some(csv) = &mut self.csv {
            csv.end_row()?;
        }
        if let Some(parquet) = &mut self.parquet {
            parquet.end_row()?;
        }
        self.rows += 1;
        Ok(())
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Completes every file and moves it to its final name.
    pub fn finish(self) -> Result<()> {
        if let Some(csv) = self.csv {
            csv.finish()?;
        }
        if let Some(parquet) = self.parquet {
            parquet.finish()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::rows::*;
    use super::*;

    /// The field names of a row as its serializer writes them, in order.
    fn field_names<R: Row>(row: &R) -> Vec<String> {
        struct Keys(Vec<String>);
        impl<'de> serde::Deserialize<'de> for Keys {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = Keys;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a row object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Keys, A::Error> {
                        let mut keys = Vec::new();
                        while let Some(key) = map.next_key::<String>()? {
                            map.next_value::<serde::de::IgnoredAny>()?;
                            keys.push(key);
                        }
                        Ok(Keys(keys))
                    }
                }
                d.deserialize_map(Visitor)
            }
        }
        let json = serde_json::to_string(row).unwrap();
        serde_json::from_str::<Keys>(&json).unwrap().0
    }

    /// A row's fields are its declared columns, in order, and give one cell each.
    fn check<R: Row>(row: &R) {
        let declared: Vec<&str> = R::COLUMNS.iter().map(|(n, _)| *n).collect();
        assert_eq!(field_names(row), declared, "{}", R::TABLE);
        let mut cells = Vec::new();
        to_cells(row, &mut cells).unwrap();
        assert_eq!(cells.len(), declared.len(), "{}", R::TABLE);
    }

    /// Every row type serializes to exactly its declared columns, in order.
    #[test]
    fn every_extract_row_type_matches_its_declared_columns() {
        use crate::attribute::{QuoteKind, SpeakerType};
        use crate::gazetteer::{EntityType, Form, Gender, MentionResolution};
        let issued_by = ["x".to_string()];
        let article = ArticleRow {
            article_id: "a",
            source: "s",
            url: None,
            title: Some("t"),
            content_type: None,
            published: crate::read::Date::new(2020, 1, 2),
            dateline: None,
            issued_by: &issued_by,
            fields_of_work: &[],
            n_sentences: 1,
            n_mentions: 0,
            n_quotes: 0,
            n_reported: 0,
            text: "t",
            issued_by_ids: vec![],
        };
        check(&article);
        let mut cells = Vec::new();
        to_cells(&article, &mut cells).unwrap();
        assert_eq!(cells[5], Cell::Date(18_263));
        assert_eq!(cells[7], Cell::List(vec!["x".into()]));
        check(&SentenceRow {
            article_id: "a",
            sentence_id: 0,
            paragraph_id: 0,
            start: 0,
            end: 1,
            text: "t",
        });
        check(&MentionRow {
            article_id: "a",
            sentence_id: 0,
            entity_id: "place/x",
            entity_type: EntityType::Place,
            name: "X",
            surface: "X",
            start: 0,
            end: 1,
            form: Form::Name,
            alternatives: vec!["place/y"],
            resolved_by: MentionResolution::Unique,
            out_of_period: None,
        });
        check(&QuoteRow {
            article_id: "a",
            quote_id: 0,
            kind: QuoteKind::Direct,
            text: "t",
            start: 0,
            end: 1,
            speaker: Some("S"),
            speaker_type: SpeakerType::Person,
            speaker_id: None,
            speaker_role: None,
            speaker_org: None,
            speaker_org_id: None,
            verb: Some("said"),
            cue: "quote_verb_speaker".into(),
            confidence: 0.95,
            speaker_gender: Some(Gender::Female),
            sentence_id: 0,
        });
        check(&WarningRow {
            article_id: None,
            source: "s".into(),
            problem: "p".into(),
        });
    }

    #[test]
    fn every_coverage_row_type_matches_its_declared_columns() {
        check(&OfficeRow {
            office: "o".into(),
            office_id: None,
            n_articles: 1,
            first_published: crate::read::Date::new(2020, 1, 2),
            last_published: None,
            n_quotes: 0,
            n_reported: 0,
            n_speakers: 0,
            share_quotes_internal: None,
            share_quotes_female: None,
            share_quotes_male: None,
            share_quotes_unknown_gender: None,
            n_places: 0,
        });
        check(&OfficePlaceRow {
            office: "o".into(),
            place_id: "place/x".into(),
            place: "X".into(),
            n_articles: 1,
            n_mentions: 1,
            share_of_articles: 1.0,
        });
        check(&OfficeTopicRow {
            office: "o".into(),
            field_of_work: "f".into(),
            n_articles: 1,
        });
        check(&OfficeSpeakerRow {
            office: "o".into(),
            speaker: "S".into(),
            speaker_id: None,
            speaker_role: None,
            speaker_org: None,
            n_quotes: 1,
            n_reported: 0,
            n_articles: 1,
        });
        check(&OfficeYearRow {
            office: "o".into(),
            year: Some(2020),
            n_articles: 1,
            n_quotes: 0,
            n_reported: 0,
        });
    }
}
