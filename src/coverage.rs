//! Coverage: the row tables of one or more runs, aggregated by issuing office with polars'
//! lazy API.
//!
//! Reads `articles`, `mentions` and `quotes` (CSV or Parquet; several directories, such as
//! runs or shards, are concatenated; Parquet wins when a directory has both) and writes
//! five tables under `OUT/coverage/` through the same table writer as the row tables:
//! `offices`, `office_places`, `office_topics`, `office_speakers`, `office_years`.
//!
//! Rules:
//! - an article issued by several offices counts once for each of them;
//! - offices are grouped by gazetteer id, so renamed offices (`OSCE Centre in Almaty`,
//!   `OSCE Programme Office in Astana`) add up under one id and the gazetteer's current
//!   name; an office the gazetteers do not know keeps its name and has no id;
//! - articles without an issuing office are left out of every table;
//! - a quote is internal when the speaker's organization (or the organization speaking)
//!   is an OSCE structure: `org/osce`, anything under it, or an organization of an OSCE
//!   subtype (`Gazetteer::is_osce_structure`);
//! - gender shares are over all quotes of the office; quotes by organizations and unnamed
//!   speakers count as unknown.
//!
//! It does not read the `text` of articles or sentences, and it does not deduplicate
//! articles that appear in several inputs.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::gazetteer::{EntityRef, Gazetteer};
use crate::read::Date;
use crate::tables::rows::{
    OfficePlaceRow, OfficeRow, OfficeSpeakerRow, OfficeTopicRow, OfficeYearRow,
};
use crate::tables::{Formats, Row, TableWriter};

/// Row counts of the coverage tables written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub offices: usize,
    pub office_places: usize,
    pub office_topics: usize,
    pub office_speakers: usize,
    pub office_years: usize,
}

/// Aggregates the tables found in `inputs` and writes them to `out/coverage/`.
pub fn run(
    inputs: &[PathBuf],
    gazetteer: &Gazetteer,
    out: &Path,
    formats: Formats,
) -> Result<Summary> {
    let articles = scan(inputs, "articles", &ARTICLES)?;
    let mentions = scan(inputs, "mentions", &MENTIONS)?;
    let quotes = scan(inputs, "quotes", &QUOTES)?;
    let tables = aggregate(articles, mentions, quotes, gazetteer).map_err(polars_error)?;
    let dir = out.join("coverage");
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(Summary {
        offices: write(&dir, formats, &tables.offices, office_rows)?,
        office_places: write(&dir, formats, &tables.places, place_rows)?,
        office_topics: write(&dir, formats, &tables.topics, topic_rows)?,
        office_speakers: write(&dir, formats, &tables.speakers, speaker_rows)?,
        office_years: write(&dir, formats, &tables.years, year_rows)?,
    })
}

fn polars_error(e: PolarsError) -> Error {
    Error::Table {
        path: "coverage".into(),
        message: e.to_string(),
    }
}

/// How a column is read: CSV cells are text, lists are `; `-joined.
#[derive(Clone, Copy)]
enum Kind {
    Str,
    Date,
    List,
}

const ARTICLES: [(&str, Kind); 4] = [
    ("article_id", Kind::Str),
    ("published", Kind::Date),
    ("issued_by", Kind::List),
    ("fields_of_work", Kind::List),
];
const MENTIONS: [(&str, Kind); 4] = [
    ("article_id", Kind::Str),
    ("entity_id", Kind::Str),
    ("entity_type", Kind::Str),
    ("name", Kind::Str),
];
const QUOTES: [(&str, Kind); 8] = [
    ("article_id", Kind::Str),
    ("speaker", Kind::Str),
    ("speaker_id", Kind::Str),
    ("speaker_type", Kind::Str),
    ("speaker_role", Kind::Str),
    ("speaker_org", Kind::Str),
    ("speaker_org_id", Kind::Str),
    ("speaker_gender", Kind::Str),
];

/// The files of `table` in each input directory: `table.parquet` or `table.csv`, or the
/// shards `table-*.parquet` / `table-*.csv`.
fn files(inputs: &[PathBuf], table: &str) -> Result<Vec<PathBuf>> {
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

/// One lazy frame of `table` over every input, with the columns of `columns` in the
/// same types whatever the format.
fn scan(inputs: &[PathBuf], table: &str, columns: &[(&str, Kind)]) -> Result<LazyFrame> {
    let mut frames = Vec::new();
    for path in files(inputs, table)? {
        let source = PlRefPath::try_from_path(&path).map_err(polars_error)?;
        let parquet = path.extension().is_some_and(|e| e == "parquet");
        if !parquet {
            check_csv(&path, columns)?;
        }
        let frame = if parquet {
            LazyFrame::scan_parquet(source, ScanArgsParquet::default())
        } else {
            // Every CSV column as text; the types are set below.
            LazyCsvReader::new(source)
                .with_has_header(true)
                .with_infer_schema_length(Some(0))
                .finish()
        }
        .map_err(|e| Error::Data {
            file: path.display().to_string(),
            line: 0,
            message: e.to_string(),
        })?;
        let select: Vec<Expr> = columns
            .iter()
            .map(|&(name, kind)| match (kind, parquet) {
                (Kind::Str, _) => col(name).cast(DataType::String),
                (Kind::Date, true) => col(name).cast(DataType::Date),
                (Kind::Date, false) => col(name).str().to_date(StrptimeOptions {
                    format: Some("%Y-%m-%d".into()),
                    strict: false,
                    ..Default::default()
                }),
                (Kind::List, true) => col(name),
                (Kind::List, false) => col(name).str().split(lit("; ")),
            })
            .collect();
        let mut frame = frame;
        if parquet {
            let schema = frame.collect_schema().map_err(|e| Error::Data {
                file: path.display().to_string(),
                line: 0,
                message: e.to_string(),
            })?;
            if let Some((missing, _)) = columns.iter().find(|(c, _)| schema.get(c).is_none()) {
                return Err(Error::Data {
                    file: path.display().to_string(),
                    line: 0,
                    message: format!("no column {missing:?}; is it a whosaid {table} table?"),
                });
            }
        }
        frames.push(frame.select(select));
    }
    concat(frames, UnionArgs::default()).map_err(polars_error)
}

/// A CSV table must have the columns coverage reads and the same number of fields on
/// every line: a truncated or foreign file is an error at its line, not a silent loss.
fn check_csv(path: &Path, columns: &[(&str, Kind)]) -> Result<()> {
    let error = |line: u64, message: String| Error::Data {
        file: path.display().to_string(),
        line: line as usize,
        message,
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| error(0, e.to_string()))?;
    let header = reader
        .headers()
        .map_err(|e| error(1, e.to_string()))?
        .clone();
    if let Some((missing, _)) = columns
        .iter()
        .find(|(c, _)| !header.iter().any(|h| h == *c))
    {
        return Err(error(1, format!("no column {missing:?} in the header")));
    }
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(error(line, format!("unreadable row: {e}")));
            }
        }
    }
}

struct Tables {
    offices: DataFrame,
    places: DataFrame,
    topics: DataFrame,
    speakers: DataFrame,
    years: DataFrame,
}

fn aggregate(
    articles: LazyFrame,
    mentions: LazyFrame,
    quotes: LazyFrame,
    gazetteer: &Gazetteer,
) -> PolarsResult<Tables> {
    let explode = |frame: LazyFrame, column: &str| {
        frame
            .explode(
                cols([column]),
                ExplodeOptions {
                    empty_as_null: false,
                    keep_nulls: false,
                },
            )
            .filter(col(column).is_not_null().and(col(column).neq(lit(""))))
    };
    // Issuing offices as written → gazetteer id and current name.
    let written = explode(
        articles
            .clone()
            .select([col("article_id"), col("published"), col("issued_by")]),
        "issued_by",
    );
    let names = written
        .clone()
        .select([col("issued_by")])
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    let names: Vec<String> = names
        .column("issued_by")?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect();
    let ids: Vec<Option<EntityRef>> = names.iter().map(|n| gazetteer.lookup(n)).collect();
    let office_map = df!(
        "issued_by" => names.clone(),
        "office_id" => ids.iter().map(|e| e.map(|e| gazetteer.entity(e).id.clone())).collect::<Vec<_>>(),
        "office" => names.iter().zip(&ids).map(|(n, e)| e.map_or(n.clone(), |e| gazetteer.entity(e).name.clone())).collect::<Vec<_>>(),
    )?
    .lazy();
    let article_offices = written
        .inner_join(office_map, col("issued_by"), col("issued_by"))
        .select([
            col("article_id"),
            col("published"),
            col("office"),
            col("office_id"),
        ])
        .unique_stable(
            Some(cols(["article_id", "office"])),
            UniqueKeepStrategy::First,
        );

    // Quotes with the organization that makes them internal or not.
    let osce: Vec<String> = (0..gazetteer.len())
        .map(|i| EntityRef(i as u32))
        .filter(|&e| gazetteer.is_osce_structure(e))
        .map(|e| gazetteer.entity(e).id.clone())
        .collect();
    let osce = df!("org_id" => osce.clone(), "internal" => vec![true; osce.len()])?.lazy();
    let quote_org = when(col("speaker_org_id").is_not_null())
        .then(col("speaker_org_id"))
        .otherwise(
            when(col("speaker_type").eq(lit("organization")))
                .then(col("speaker_id"))
                .otherwise(lit(NULL).cast(DataType::String)),
        );
    let quotes = quotes
        .with_column(quote_org.alias("org_id"))
        .left_join(osce, col("org_id"), col("org_id"))
        .with_column(col("internal").fill_null(lit(false)));
    let office_quotes =
        article_offices
            .clone()
            .inner_join(quotes, col("article_id"), col("article_id"));
    let places = mentions.filter(col("entity_type").eq(lit("place")));
    let office_places =
        article_offices
            .clone()
            .inner_join(places, col("article_id"), col("article_id"));

    let share = |e: Expr| e.fill_null(lit(false)).cast(DataType::Float64).mean();
    let by_office = article_offices.clone().group_by([col("office")]).agg([
        col("office_id").first(),
        col("article_id").n_unique().alias("n_articles"),
        col("published").min().alias("first_published"),
        col("published").max().alias("last_published"),
    ]);
    let quote_stats = office_quotes.clone().group_by([col("office")]).agg([
        len().alias("n_quotes"),
        col("speaker").drop_nulls().n_unique().alias("n_speakers"),
        share(col("internal")).alias("share_quotes_internal"),
        share(col("speaker_gender").eq(lit("female"))).alias("share_quotes_female"),
        share(col("speaker_gender").eq(lit("male"))).alias("share_quotes_male"),
        share(col("speaker_gender").is_null()).alias("share_quotes_unknown_gender"),
    ]);
    let place_stats = office_places
        .clone()
        .group_by([col("office")])
        .agg([col("entity_id").n_unique().alias("n_places")]);
    let offices = by_office
        .clone()
        .left_join(quote_stats, col("office"), col("office"))
        .left_join(place_stats, col("office"), col("office"))
        .with_columns([
            col("n_quotes").fill_null(lit(0)),
            col("n_speakers").fill_null(lit(0)),
            col("n_places").fill_null(lit(0)),
        ])
        .sort(["office"], SortMultipleOptions::default())
        .collect()?;

    let totals = by_office.select([col("office"), col("n_articles").alias("office_articles")]);
    let places = office_places
        .group_by([col("office"), col("entity_id")])
        .agg([
            col("name").first().alias("place"),
            col("article_id").n_unique().alias("n_articles"),
            len().alias("n_mentions"),
        ])
        .left_join(totals, col("office"), col("office"))
        .with_column(
            (col("n_articles").cast(DataType::Float64)
                / col("office_articles").cast(DataType::Float64))
            .alias("share_of_articles"),
        )
        .sort_by_exprs(
            [col("office"), col("n_articles"), col("entity_id")],
            SortMultipleOptions::default().with_order_descending_multi([false, true, false]),
        )
        .collect()?;

    let topics = explode(
        articles.select([col("article_id"), col("fields_of_work")]),
        "fields_of_work",
    )
    .inner_join(
        article_offices
            .clone()
            .select([col("article_id"), col("office")]),
        col("article_id"),
        col("article_id"),
    )
    .group_by([col("office"), col("fields_of_work")])
    .agg([col("article_id").n_unique().alias("n_articles")])
    .sort_by_exprs(
        [col("office"), col("n_articles"), col("fields_of_work")],
        SortMultipleOptions::default().with_order_descending_multi([false, true, false]),
    )
    .collect()?;

    let speakers = office_quotes
        .clone()
        .filter(col("speaker").is_not_null())
        .group_by([col("office"), col("speaker")])
        .agg([
            col("speaker_id").drop_nulls().first(),
            col("speaker_role").drop_nulls().first(),
            col("speaker_org").drop_nulls().first(),
            len().alias("n_quotes"),
            col("article_id").n_unique().alias("n_articles"),
        ])
        .sort_by_exprs(
            [col("office"), col("n_quotes"), col("speaker")],
            SortMultipleOptions::default().with_order_descending_multi([false, true, false]),
        )
        .collect()?;

    let year = col("published").dt().year().alias("year");
    let article_years = article_offices
        .with_column(year.clone())
        .group_by([col("office"), col("year")])
        .agg([col("article_id").n_unique().alias("n_articles")]);
    let quote_years = office_quotes
        .with_column(year)
        .group_by([col("office"), col("year")])
        .agg([len().alias("n_quotes")]);
    let years = article_years
        .join(
            quote_years,
            [col("office"), col("year")],
            [col("office"), col("year")],
            JoinArgs {
                nulls_equal: true,
                ..JoinArgs::new(JoinType::Left)
            },
        )
        .with_column(col("n_quotes").fill_null(lit(0)))
        .sort(["office", "year"], SortMultipleOptions::default())
        .collect()?;

    Ok(Tables {
        offices,
        places,
        topics,
        speakers,
        years,
    })
}

/// Writes the rows of `frame`, converted by `rows`, and returns their number.
fn write<R: Row>(
    dir: &Path,
    formats: Formats,
    frame: &DataFrame,
    rows: fn(&DataFrame) -> PolarsResult<Vec<R>>,
) -> Result<usize> {
    let rows = rows(frame).map_err(polars_error)?;
    let mut writer = TableWriter::<R>::create(dir, formats)?;
    for row in &rows {
        writer.write(row)?;
    }
    writer.finish()?;
    Ok(rows.len())
}

fn strs(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    let column = frame.column(name)?.cast(&DataType::String)?;
    Ok(column
        .str()?
        .iter()
        .map(|v| v.map(str::to_string))
        .collect())
}

fn texts(frame: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(strs(frame, name)?
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect())
}

fn counts(frame: &DataFrame, name: &str) -> PolarsResult<Vec<u32>> {
    let column = frame.column(name)?.cast(&DataType::UInt32)?;
    Ok(column.u32()?.iter().map(|v| v.unwrap_or(0)).collect())
}

fn shares(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    let column = frame.column(name)?.cast(&DataType::Float64)?;
    // Four decimals: shares of a few hundred quotes need no more.
    Ok(column
        .f64()?
        .iter()
        .map(|v| v.map(|v| (v * 10_000.0).round() / 10_000.0))
        .collect())
}

fn dates(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<Date>>> {
    let column = frame.column(name)?.cast(&DataType::Int32)?;
    Ok(column
        .i32()?
        .iter()
        .map(|v| v.map(Date::from_days_since_epoch))
        .collect())
}

fn office_rows(f: &DataFrame) -> PolarsResult<Vec<OfficeRow>> {
    let (office, office_id) = (texts(f, "office")?, strs(f, "office_id")?);
    let (n_articles, n_quotes) = (counts(f, "n_articles")?, counts(f, "n_quotes")?);
    let (first, last) = (dates(f, "first_published")?, dates(f, "last_published")?);
    let (n_speakers, n_places) = (counts(f, "n_speakers")?, counts(f, "n_places")?);
    let internal = shares(f, "share_quotes_internal")?;
    let female = shares(f, "share_quotes_female")?;
    let male = shares(f, "share_quotes_male")?;
    let unknown = shares(f, "share_quotes_unknown_gender")?;
    Ok((0..f.height())
        .map(|i| OfficeRow {
            office: office[i].clone(),
            office_id: office_id[i].clone(),
            n_articles: n_articles[i],
            first_published: first[i],
            last_published: last[i],
            n_quotes: n_quotes[i],
            n_speakers: n_speakers[i],
            share_quotes_internal: internal[i],
            share_quotes_female: female[i],
            share_quotes_male: male[i],
            share_quotes_unknown_gender: unknown[i],
            n_places: n_places[i],
        })
        .collect())
}

fn place_rows(f: &DataFrame) -> PolarsResult<Vec<OfficePlaceRow>> {
    let (office, place_id, place) = (
        texts(f, "office")?,
        texts(f, "entity_id")?,
        texts(f, "place")?,
    );
    let (n_articles, n_mentions) = (counts(f, "n_articles")?, counts(f, "n_mentions")?);
    let share = shares(f, "share_of_articles")?;
    Ok((0..f.height())
        .map(|i| OfficePlaceRow {
            office: office[i].clone(),
            place_id: place_id[i].clone(),
            place: place[i].clone(),
            n_articles: n_articles[i],
            n_mentions: n_mentions[i],
            share_of_articles: share[i].unwrap_or(0.0),
        })
        .collect())
}

fn topic_rows(f: &DataFrame) -> PolarsResult<Vec<OfficeTopicRow>> {
    let (office, field) = (texts(f, "office")?, texts(f, "fields_of_work")?);
    let n_articles = counts(f, "n_articles")?;
    Ok((0..f.height())
        .map(|i| OfficeTopicRow {
            office: office[i].clone(),
            field_of_work: field[i].clone(),
            n_articles: n_articles[i],
        })
        .collect())
}

fn speaker_rows(f: &DataFrame) -> PolarsResult<Vec<OfficeSpeakerRow>> {
    let (office, speaker) = (texts(f, "office")?, texts(f, "speaker")?);
    let (id, role, org) = (
        strs(f, "speaker_id")?,
        strs(f, "speaker_role")?,
        strs(f, "speaker_org")?,
    );
    let (n_quotes, n_articles) = (counts(f, "n_quotes")?, counts(f, "n_articles")?);
    Ok((0..f.height())
        .map(|i| OfficeSpeakerRow {
            office: office[i].clone(),
            speaker: speaker[i].clone(),
            speaker_id: id[i].clone(),
            speaker_role: role[i].clone(),
            speaker_org: org[i].clone(),
            n_quotes: n_quotes[i],
            n_articles: n_articles[i],
        })
        .collect())
}

fn year_rows(f: &DataFrame) -> PolarsResult<Vec<OfficeYearRow>> {
    let office = texts(f, "office")?;
    let years = f.column("year")?.cast(&DataType::Int32)?;
    let years: Vec<Option<i32>> = years.i32()?.iter().collect();
    let (n_articles, n_quotes) = (counts(f, "n_articles")?, counts(f, "n_quotes")?);
    Ok((0..f.height())
        .map(|i| OfficeYearRow {
            office: office[i].clone(),
            year: years[i],
            n_articles: n_articles[i],
            n_quotes: n_quotes[i],
        })
        .collect())
}
