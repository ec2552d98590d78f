//! The two table formats. Both write to a temporary file in the output directory and
//! rename it to its final name only in `finish`, so an interrupted run never leaves a
//! half-written table. The temporary file is removed when the sink is dropped unfinished,
//! and by [`remove_unfinished`] when the run is interrupted.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use polars::prelude::*;
use tempfile::NamedTempFile;

use super::cells::{Cell, CellRef};
use super::ColumnType;
use crate::error::{Error, Result};

/// Rows of cells → one file. A row is its cells in column order, then `end_row`.
pub trait Sink: Send {
    fn cell(&mut self, cell: CellRef<'_>) -> Result<()>;
    fn end_row(&mut self) -> Result<()>;
    fn finish(self) -> Result<()>;

    fn write(&mut self, cells: &[Cell]) -> Result<()> {
        for cell in cells {
            self.cell(cell.as_ref())?;
        }
        self.end_row()
    }
}

fn table_error(path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Table {
        path: path.to_path_buf(),
        message: message.to_string(),
    }
}

/// Temporary files of the tables being written, for [`remove_unfinished`]. A file leaves
/// the list once it has its final name.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // The list holds plain paths: one left by a panicking thread is still right.
    UNFINISHED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes the temporary file of every table not yet finished, then runs `then` with their
/// number (an interrupted run's exit: no destructor runs after it) while holding the list,
/// so that no table is renamed into place in between.
pub fn remove_unfinished<T>(then: impl FnOnce(usize) -> T) -> T {
    let mut paths = unfinished();
    // Already gone (renamed just now, or removed by its sink): nothing to do.
    let removed = paths
        .drain(..)
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count();
    then(removed)
}

fn temp_in(path: &Path) -> Result<NamedTempFile> {
    // The list is held while the file is made, so that an interrupt cannot come between
    // the file and its entry.
    let mut listed = unfinished();
    let dir = path.parent().unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new()
        .prefix(".whosaid-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| table_error(path, e))?;
    listed.push(temp.path().to_path_buf());
    Ok(temp)
}

fn persist(temp: NamedTempFile, path: &Path) -> Result<()> {
    // And over the rename: an interrupt removes the file before it, or finds it gone after.
    let mut listed = unfinished();
    let temp_path = temp.path().to_path_buf();
    temp.persist(path).map_err(|e| table_error(path, e.error))?;
    listed.retain(|p| *p != temp_path);
    Ok(())
}

/// CSV: RFC 4180, header row, `; `-joined lists, empty cells for missing values.
///
/// Fields are quoted only when they hold a comma, a quote or a line break, exactly as the
/// `csv` crate's default writer does (a test compares the bytes with it); writing them
/// here instead saves a pass through its byte-by-byte state machine, which costs 4 % of
/// `extract` end to end (`extract -j 1` on 100 MB of bundled-corpus copies, best of 5).
/// Cells go into a buffer that is handed to the file between rows, once it holds 64 KiB.
pub struct CsvSink {
    path: PathBuf,
    temp: NamedTempFile,
    file: File,
    buf: Vec<u8>,
    /// Fields written in the current row.
    fields: usize,
    /// Numbers, dates and lists are formatted here.
    scratch: String,
    excel_safe: bool,
}

/// Bytes of CSV collected before a write to the file.
const CSV_BUFFER: usize = 1 << 16;

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
        let mut sink = CsvSink {
            path,
            temp,
            file,
            buf: Vec::with_capacity(2 * CSV_BUFFER),
            fields: 0,
            scratch: String::new(),
            excel_safe: false,
        };
        for (name, _) in columns {
            sink.field(name);
        }
        sink.end_row()?;
        sink.excel_safe = excel_safe;
        Ok(sink)
    }

    #[inline]
    fn field(&mut self, text: &str) {
        let bytes = text.as_bytes();
        // Most cells are short (ids, numbers, names): eight bytes at a time beats memchr's
        // set-up, which pays off only on long text.
        let special = if bytes.len() < 64 {
            crate::scan::any_csv_special(bytes)
        } else {
            memchr::memchr3(b',', b'"', b'\n', bytes).is_some()
                || memchr::memchr(b'\r', bytes).is_some()
        };
        if special {
            self.quoted(bytes);
        } else {
            self.plain(bytes);
        }
    }

    /// A field with no comma, quote or line break: its bytes as they are.
    #[inline]
    fn plain(&mut self, bytes: &[u8]) {
        self.start_field(bytes, false);
        self.buf.extend_from_slice(bytes);
    }

    /// A field in quotes, its quotes doubled.
    fn quoted(&mut self, bytes: &[u8]) {
        self.start_field(bytes, true);
        let mut from = 0;
        for quote in memchr::memchr_iter(b'"', bytes) {
            self.buf.extend_from_slice(&bytes[from..=quote]);
            self.buf.push(b'"');
            from = quote + 1;
        }
        self.buf.extend_from_slice(&bytes[from..]);
        self.buf.push(b'"');
    }

    /// The separator before a field, its opening quote and, with `--excel-safe`, the
    /// prefix that keeps a spreadsheet from evaluating it.
    #[inline]
    fn start_field(&mut self, bytes: &[u8], quote: bool) {
        self.buf.reserve(bytes.len() + 4);
        if self.fields > 0 {
            self.buf.push(b',');
        }
        self.fields += 1;
        if quote {
            self.buf.push(b'"');
        }
        // OWASP CSV injection: spreadsheets evaluate cells that start with these.
        if self.excel_safe && matches!(bytes.first(), Some(b'=' | b'+' | b'-' | b'@')) {
            self.buf.push(b'\'');
        }
    }

    /// A field written by `write` into a scratch string kept between cells.
    fn formatted(&mut self, write: impl FnOnce(&mut String)) {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        write(&mut text);
        self.field(&text);
        self.scratch = text;
    }

    fn flush(&mut self) -> Result<()> {
        self.file
            .write_all(&self.buf)
            .map_err(|e| table_error(&self.path, e))?;
        self.buf.clear();
        Ok(())
    }
}

pub(super) fn date_text(days: i32) -> String {
    let mut text = String::new();
    write_date(&mut text, days);
    text
}

fn write_date(out: &mut String, days: i32) {
    use std::fmt::Write;
    let d = crate::read::Date::from_days_since_epoch(days);
    // Writing to a String cannot fail.
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

// `#[inline]` on the per-cell methods: see the module header of `cells`.
impl Sink for CsvSink {
    #[inline]
    fn cell(&mut self, cell: CellRef<'_>) -> Result<()> {
        match cell {
            CellRef::Str(s) => self.field(s),
            // Numbers, booleans and dates hold no byte that needs quoting.
            CellRef::Null => self.plain(b""),
            CellRef::Bool(b) => self.plain(if b { b"true" } else { b"false" }),
            CellRef::Int(i) => self.plain(itoa::Buffer::new().format(i).as_bytes()),
            CellRef::Float(f) => self.formatted(|out| {
                use std::fmt::Write;
                let _ = write!(out, "{f}");
            }),
            CellRef::Date(days) => self.formatted(|out| write_date(out, days)),
            CellRef::List(items) => self.formatted(|out| {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    out.push_str(item);
                }
            }),
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        self.fields = 0;
        self.buf.push(b'\n');
        if self.buf.len() >= CSV_BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.flush()?;
        let CsvSink {
            path, temp, file, ..
        } = self;
        drop(file);
        persist(temp, &path)
    }
}

/// Parquet: typed columns (strings, 64-bit integers, doubles, dates, lists of strings),
/// written in row groups as rows arrive.
///
/// The Arrow schema stored in the file's metadata (the `ARROW:schema` key, which pyarrow,
/// and pandas through it, follow) names the plain types `large_string` and
/// `large_list<large_string>`, not polars' in-memory `string_view`: pandas cannot convert a
/// list of `string_view`. The data pages are the same either way (Parquet `BYTE_ARRAY`
/// strings); only the type readers are told to build differs.
pub struct ParquetSink {
    path: PathBuf,
    temp: NamedTempFile,
    writer: polars::io::parquet::write::BatchedWriter<File>,
    columns: Vec<(&'static str, ColumnType)>,
    buffered: Vec<Vec<Cell>>,
    row: Vec<Cell>,
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

/// The `ARROW:schema` metadata entry for `schema` in Arrow's oldest types (`large_string`,
/// `large_list`), which every common reader converts.
fn plain_arrow_schema(schema: &Schema) -> KeyValueMetadata {
    let entry = polars_parquet::arrow::write::schema_to_metadata_key(
        &schema.to_arrow(CompatLevel::oldest()),
    );
    KeyValueMetadata::from_static(vec![(entry.key, entry.value.unwrap_or_default())])
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
            .with_key_value_metadata(Some(plain_arrow_schema(&schema)))
            .batched(&schema)
            .map_err(|e| table_error(&path, e))?;
        Ok(ParquetSink {
            path,
            temp,
            writer,
            columns: columns.to_vec(),
            buffered: Vec::new(),
            row: Vec::with_capacity(columns.len()),
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
    fn cell(&mut self, cell: CellRef<'_>) -> Result<()> {
        self.row.push(cell.to_owned());
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        let row = std::mem::replace(&mut self.row, Vec::with_capacity(self.columns.len()));
        self.buffered.push(row);
        if self.buffered.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<()> {
        self.flush()?;
        self.writer
            .finish()
            .map_err(|e| table_error(&self.path, e))?;
        let ParquetSink {
            path, temp, writer, ..
        } = self;
        drop(writer);
        persist(temp, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written quoting gives the bytes the `csv` crate's writer gives.
    #[test]
    fn csv_fields_are_written_as_the_csv_crate_writes_them() {
        let fields = [
            "",
            "plain",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\r",
            "=1+2",
            "-",
            "é, ü",
            " spaced ",
            "'quoted'",
            ",",
            "\"\"",
            // Longer than the short-cell loop: through memchr.
            "a field well past thirty-two bytes with no special byte",
            "a field well past thirty-two bytes, with a comma",
            "a field well past thirty-two bytes with \"quotes\" inside",
            "a field well past thirty-two bytes ending in a return\r",
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let columns = [("a", ColumnType::Str), ("b", ColumnType::Str)];
        let mut sink = Box::new(CsvSink::create(path.clone(), &columns, false).unwrap());
        let mut expected = csv::Writer::from_writer(Vec::new());
        expected.write_record(["a", "b"]).unwrap();
        for a in fields {
            for b in fields {
                sink.write(&[Cell::Str(a.into()), Cell::Str(b.into())])
                    .unwrap();
                expected.write_record([a, b]).unwrap();
            }
        }
        sink.finish().unwrap();
        assert_eq!(
            String::from_utf8(std::fs::read(&path).unwrap()).unwrap(),
            String::from_utf8(expected.into_inner().unwrap()).unwrap()
        );
    }
    /// A temporary table file is never on disk without its entry in the list an interrupt
    /// removes: it is made while the list is held.
    #[test]
    fn a_temporary_file_is_listed_as_it_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let files = || std::fs::read_dir(dir.path()).unwrap().count();
        let held = unfinished();
        let maker = std::thread::spawn({
            let path = path.clone();
            move || CsvSink::create(path, &[("a", ColumnType::Str)], false).unwrap()
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(files(), 0, "a file was made while the list was held");
        drop(held);
        let sink = maker.join().unwrap();
        assert_eq!(files(), 1);
        assert!(unfinished().contains(&sink.temp.path().to_path_buf()));
        sink.finish().unwrap();
        assert!(!unfinished().iter().any(|p| p.starts_with(dir.path())));
        assert!(path.exists());
    }

    #[test]
    fn date_text_round_trips() {
        for (y, m, d) in [(1970, 1, 1), (2024, 2, 29), (2006, 12, 31), (1999, 3, 1)] {
            let days = crate::read::Date::new(y, m, d).unwrap().days_since_epoch();
            assert_eq!(super::date_text(days), format!("{y:04}-{m:02}-{d:02}"));
        }
    }
}
