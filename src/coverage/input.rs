//! Reading the row tables that coverage aggregates: which files a directory holds
//! (`table.csv`, `table.parquet`, or shards of either), and their rows as text cells.
//!
//! Only the columns coverage needs are read; a row that cannot be read is an error at
//! its file and line. It does not aggregate anything.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::read::Date;

/// How a column is stored in Parquet; in CSV every cell is text and lists are `; `-joined.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Str,
    Date,
    List,
}

pub(super) const ARTICLES: [(&str, Kind); 4] = [
    ("article_id", Kind::Str),
    ("published", Kind::Date),
    ("issued_by", Kind::List),
    ("fields_of_work", Kind::List),
];
pub(super) const MENTIONS: [(&str, Kind); 4] = [
    ("article_id", Kind::Str),
    ("entity_id", Kind::Str),
    ("entity_type", Kind::Str),
    ("name", Kind::Str),
];
pub(super) const QUOTES: [(&str, Kind); 9] = [
    ("article_id", Kind::Str),
    ("kind", Kind::Str),
    ("speaker", Kind::Str),
    ("speaker_id", Kind::Str),
    ("speaker_type", Kind::Str),
    ("speaker_role", Kind::Str),
    ("speaker_org", Kind::Str),
    ("speaker_org_id", Kind::Str),
    ("speaker_gender", Kind::Str),
];

/// The most columns read from one table.
const MAX_COLUMNS: usize = 9;

/// The files of `table` in each input directory: `table.parquet` or `table.csv`, or the
/// shards `table-*.parquet` / `table-*.csv`.
pub(super) fn files(inputs: &[PathBuf], table: &str) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for dir in inputs {
        let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        let mut here: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                (stem == table || stem.strip_prefix(table).is_some_and(|r| r.starts_with('-')))
                    && matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("csv" | "parquet")
                    )
            })
            .collect();
        // Parquet when a table is there in both formats.
        here.sort();
        let parquet: Vec<PathBuf> = here
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "parquet"))
            .cloned()
            .collect();
        let chosen = if parquet.is_empty() { here } else { parquet };
        if chosen.is_empty() {
            return Err(Error::Data {
                file: dir.display().to_string(),
                line: 0,
                message: format!(
                    "no {table}.csv or {table}.parquet (run `whosaid extract` into it first)"
                ),
            });
        }
        found.extend(chosen);
    }
    Ok(found)
}

fn data_error(path: &Path, line: u64, message: impl std::fmt::Display) -> Error {
    Error::Data {
        file: path.display().to_string(),
        line: line as usize,
        message: message.to_string(),
    }
}

/// Calls `f` with the cells of `columns` of every row of one table file, as text: an
/// empty cell is a missing value, a date is `YYYY-MM-DD`, a list is `; `-joined. A row
/// that cannot be read is an error at its line: a truncated or foreign file is never a
/// silent loss.
pub(super) fn each_row(
    path: &Path,
    columns: &[(&str, Kind)],
    mut f: impl FnMut(&[&str]) -> Result<()>,
) -> Result<()> {
    let n = columns.len();
    if path.extension().is_some_and(|e| e == "parquet") {
        return each_parquet_row(path, columns, f);
    }
    let mut reader = csv::Reader::from_path(path).map_err(|e| data_error(path, 0, e))?;
    let header = reader
        .headers()
        .map_err(|e| data_error(path, 1, e))?
        .clone();
    let mut at = [0; MAX_COLUMNS];
    for (i, (name, _)) in columns.iter().enumerate() {
        at[i] = header
            .iter()
            .position(|h| h == *name)
            .ok_or_else(|| data_error(path, 1, format!("no column {name:?} in the header")))?;
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let mut cells = [""; MAX_COLUMNS];
                for i in 0..n {
                    cells[i] = &record[at[i]];
                }
                f(&cells[..n])?;
            }
            Ok(false) => return Ok(()),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(data_error(path, line, format!("unreadable row: {e}")));
            }
        }
    }
}

/// Rows of a Parquet table read per slice, as text cells (see [`each_row`]).
fn each_parquet_row(
    path: &Path,
    columns: &[(&str, Kind)],
    mut f: impl FnMut(&[&str]) -> Result<()>,
) -> Result<()> {
    const SLICE: usize = 100_000;
    let error = |e: PolarsError| data_error(path, 0, e);
    let source = PlRefPath::try_from_path(path).map_err(error)?;
    let mut frame = LazyFrame::scan_parquet(source, ScanArgsParquet::default()).map_err(error)?;
    let schema = frame.collect_schema().map_err(error)?;
    if let Some((missing, _)) = columns.iter().find(|(c, _)| schema.get(c).is_none()) {
        return Err(data_error(
            path,
            0,
            format!("no column {missing:?}; is it a whosaid table?"),
        ));
    }
    let select: Vec<Expr> = columns.iter().map(|(name, _)| col(*name)).collect();
    let frame = frame.select(select);
    let mut offset = 0;
    loop {
        let slice = frame
            .clone()
            .slice(offset as i64, SLICE as IdxSize)
            .collect()
            .map_err(error)?;
        let rows = slice.height();
        if rows == 0 {
            return Ok(());
        }
        let texts: Vec<Vec<String>> = columns
            .iter()
            .map(|&(name, kind)| column_texts(&slice, name, kind))
            .collect::<PolarsResult<_>>()
            .map_err(error)?;
        let mut cells = [""; MAX_COLUMNS];
        for row in 0..rows {
            for (i, column) in texts.iter().enumerate() {
                cells[i] = &column[row];
            }
            f(&cells[..columns.len()])?;
        }
        offset += rows;
    }
}

/// One column of a Parquet slice as the text its CSV cell would hold.
fn column_texts(frame: &DataFrame, name: &str, kind: Kind) -> PolarsResult<Vec<String>> {
    let column = frame.column(name)?;
    Ok(match kind {
        Kind::Str => {
            let column = column.cast(&DataType::String)?;
            column
                .str()?
                .iter()
                .map(|v| v.unwrap_or_default().to_string())
                .collect()
        }
        Kind::Date => {
            let column = column.cast(&DataType::Int32)?;
            column
                .i32()?
                .iter()
                .map(|v| {
                    v.map_or(String::new(), |d| {
                        Date::from_days_since_epoch(d).to_string()
                    })
                })
                .collect()
        }
        Kind::List => {
            let lists = column.list()?;
            (0..lists.len())
                .map(|i| -> PolarsResult<String> {
                    let Some(items) = lists.get_as_series(i) else {
                        return Ok(String::new());
                    };
                    let items = items.cast(&DataType::String)?;
                    let items: Vec<&str> = items.str()?.iter().flatten().collect();
                    Ok(items.join("; "))
                })
                .collect::<PolarsResult<_>>()?
        }
    })
}

pub(super) fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split("; ").filter(|item| !item.is_empty())
}

pub(super) fn non_empty(cell: &str) -> Option<&str> {
    (!cell.is_empty()).then_some(cell)
}
