//! The two table formats. Both write to a temporary file in the output directory and
//! rename it to its final name only in `finish`, so an interrupted run never leaves a
//! half-written table (the temporary file is removed when the sink is dropped unfinished).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;
use tempfile::NamedTempFile;

use super::cells::Cell;
use super::ColumnType;
use crate::error::{Error, Result};

/// Rows of cells → one file.
pub trait Sink: Send {
    fn write(&mut self, cells: &[Cell]) -> Result<()>;
    fn finish(self: Box<Self>) -> Result<()>;
}

fn table_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

fn temp_in(path: &Path) -> Result<NamedTempFile> {
    let dir = path.parent().unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(".whosaid-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| table_error(path, e))
}

fn persist(temp: NamedTempFile, path: &Path) -> Result<()> {
    temp.persist(path)
        .map(drop)
        .map_err(|e| table_error(path, e.error))
}

/// CSV: RFC 4180, header row, `; `-joined lists, empty cells for missing values.
pub struct CsvSink {
    path: PathBuf,
    temp: NamedTempFile,
    writer: csv::Writer<BufWriter<File>>,
    excel_safe: bool,
}

impl CsvSink {
    pub fn create(
        path: PathBuf,
        columns: &[(&str, ColumnType)],
        excel_safe: bool,
    ) -> Result<CsvSink> {
        let temp = temp_in(&path)?;
        let file = temp
            .as_file()
            .try_clone()
            .map_err(|e| table_error(&path, e))?;
        let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file));
        writer
            .write_record(columns.iter().map(|(name, _)| name))
            .map_err(|e| table_error(&path, e))?;
        Ok(CsvSink {
            path,
            temp,
            writer,
            excel_safe,
        })
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Bool(b) => b.to_string(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) => f.to_string(),
        Cell::Str(s) => s.clone(),
        Cell::Date(days) => date_text(*days),
        Cell::List(items) => items.join("; "),
    }
}

pub(super) fn date_text(days: i32) -> String {
    let d = crate::read::Date::from_days_since_epoch(days);
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

impl Sink for CsvSink {
    fn write(&mut self, cells: &[Cell]) -> Result<()> {
        let error = |e: csv::Error| table_error(&self.path, e);
        for cell in cells {
            // Text cells go out as they are; the others are formatted first.
            let formatted;
            let text = match cell {
                Cell::Str(s) => s.as_str(),
                other => {
                    formatted = cell_text(other);
                    formatted.as_str()
                }
            };
            // OWASP CSV injection: spreadsheets evaluate cells that start with these.
            if self.excel_safe && text.starts_with(['=', '+', '-', '@']) {
                self.writer.write_field(format!("'{text}")).map_err(error)?;
            } else {
                self.writer.write_field(text).map_err(error)?;
            }
        }
        self.writer.write_record(None::<&[u8]>).map_err(error)
    }

    fn finish(self: Box<Self>) -> Result<()> {
        let CsvSink {
            path, temp, writer, ..
        } = *self;
        let mut inner = writer
            .into_inner()
            .map_err(|e| table_error(&path, e.error()))?;
        inner.flush().map_err(|e| table_error(&path, e))?;
        persist(temp, &path)
    }
}

/// Parquet: typed columns (strings, 64-bit integers, doubles, dates, lists of strings),
/// written in row groups as rows arrive.
pub struct ParquetSink {
    path: PathBuf,
    temp: NamedTempFile,
    writer: polars::io::parquet::write::BatchedWriter<File>,
    columns: Vec<(&'static str, ColumnType)>,
    buffered: Vec<Vec<Cell>>,
}

/// Rows per row group: large enough to compress well, small enough to bound memory.
const ROW_GROUP: usize = 50_000;

fn dtype(kind: ColumnType) -> DataType {
    match kind {
        ColumnType::Str => DataType::String,
        ColumnType::Int => DataType::Int64,
        ColumnType::Float => DataType::Float64,
        ColumnType::Bool => DataType::Boolean,
        ColumnType::Date => DataType::Date,
        ColumnType::List => DataType::List(Box::new(DataType::String)),
    }
}

/// A column of one primitive type; cells of another type are nulls.
fn typed<'a, T>(
    name: PlSmallStr,
    cells: impl Iterator<Item = &'a Cell>,
    value: impl Fn(&Cell) -> Option<T>,
) -> Column
where
    Series: NamedFrom<Vec<Option<T>>, [Option<T>]>,
{
    Column::new(name, cells.map(value).collect::<Vec<_>>())
}

impl ParquetSink {
    pub fn create(
        path: PathBuf,
        columns: &'static [(&'static str, ColumnType)],
    ) -> Result<ParquetSink> {
        let temp = temp_in(&path)?;
        let file = temp
            .as_file()
            .try_clone()
            .map_err(|e| table_error(&path, e))?;
        let schema: Schema = columns
            .iter()
            .map(|(name, kind)| Field::new((*name).into(), dtype(*kind)))
            .collect();
        let writer = ParquetWriter::new(file)
            .with_compression(ParquetCompression::Snappy)
            .batched(&schema)
            .map_err(|e| table_error(&path, e))?;
        Ok(ParquetSink {
            path,
            temp,
            writer,
            columns: columns.to_vec(),
            buffered: Vec::new(),
        })
    }

    fn frame(&self) -> PolarsResult<DataFrame> {
        let rows = &self.buffered;
        let mut out = Vec::with_capacity(self.columns.len());
        for (i, (name, kind)) in self.columns.iter().enumerate() {
            let name: PlSmallStr = (*name).into();
            let cells = rows.iter().map(|r| &r[i]);
            let column = match kind {
                ColumnType::Str => Column::new(
                    name,
                    cells
                        .map(|c| match c {
                            Cell::Str(s) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect::<Vec<_>>(),
                ),
                ColumnType::Int => typed(name, cells, |c| match c {
                    Cell::Int(v) => Some(*v),
                    _ => None,
                }),
                ColumnType::Float => typed(name, cells, |c| match c {
                    Cell::Float(v) => Some(*v),
                    _ => None,
                }),
                ColumnType::Bool => typed(name, cells, |c| match c {
                    Cell::Bool(v) => Some(*v),
                    _ => None,
                }),
                ColumnType::Date => typed(name, cells, |c| match c {
                    Cell::Date(v) => Some(*v),
                    _ => None,
                })
                .cast(&DataType::Date)?,
                ColumnType::List => {
                    let mut builder =
                        ListStringChunkedBuilder::new(name, rows.len(), rows.len() * 2);
                    for cell in cells {
                        match cell {
                            Cell::List(items) => {
                                builder.append_values_iter(items.iter().map(String::as_str))
                            }
                            _ => builder.append_null(),
                        }
                    }
                    builder.finish().into_series().into()
                }
            };
            out.push(column);
        }
        DataFrame::new(rows.len(), out)
    }

    fn flush(&mut self) -> Result<()> {
        if self.buffered.is_empty() {
            return Ok(());
        }
        let frame = self.frame().map_err(|e| table_error(&self.path, e))?;
        self.writer
            .write_batch(&frame)
            .map_err(|e| table_error(&self.path, e))?;
        self.buffered.clear();
        Ok(())
    }
}

impl Sink for ParquetSink {
    fn write(&mut self, cells: &[Cell]) -> Result<()> {
        self.buffered.push(cells.to_vec());
        if self.buffered.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        self.flush()?;
        self.writer
            .finish()
            .map_err(|e| table_error(&self.path, e))?;
        let ParquetSink {
            path, temp, writer, ..
        } = *self;
        drop(writer);
        persist(temp, &path)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn date_text_round_trips() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2006, 12, 31), (1999, 3, 1)] {
            let days = crate::read::Date::new(y, m, d).unwrap().days_since_epoch();
            assert_eq!(super::date_text(days), format!("{y:04}-{m:02}-{d:02}"));
        }
    }
}
