//! Reading gazetteer CSV files into entities, with every problem reported by `file:line`.
//!
//! Errors leave the row out (a run refuses to start on them); notes describe rows that
//! are loaded but worth a look, such as a name shared by two entities.

use std::collections::HashMap;
use std::fmt;

use std::path::Path;

use super::{Entity, EntityRef, EntityType, Gender, Origin, Period};
use crate::error::{Error, Result};

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The row (or file) is not loaded; `extract` refuses to start.
    Error,
    /// Loaded as written; reported by `whosaid gazetteer check`.
    Note,
}

/// One finding about a gazetteer file, at a line of it (1 is the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl Problem {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}:{}: {severity}: {}",
            self.file, self.line, self.message
        )
    }
}

/// One gazetteer file's name (for messages) and contents.
pub struct GazetteerFile {
    pub name: String,
    pub contents: String,
}

impl GazetteerFile {
    /// XXH3-64 of the contents, as 16 hex digits: which version of a file a run used.
    pub fn fingerprint(&self) -> String {
        let hash = xxhash_rust::xxh3::xxh3_64(self.contents.as_bytes());
        format!("{hash:016x}")
    }

    /// The `*.csv` files of a directory, sorted by name.
    pub fn read_dir(dir: &Path) -> Result<Vec<GazetteerFile>> {
        let io = |source| Error::Io {
            path: dir.to_path_buf(),
            source,
        };
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| {
                let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                let contents = String::from_utf8(bytes).map_err(|e| Error::Gazetteer {
                    file: path.display().to_string(),
                    line: 0,
                    message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                })?;
                Ok(GazetteerFile {
                    name: path.display().to_string(),
                    contents,
                })
            })
            .collect()
    }
}

pub(super) const REQUIRED: [&str; 4] = ["id", "type", "name", "aliases"];
const KNOWN: [&str; 8] = [
    "subtype",
    "parent",
    "country",
    "gender",
    "role",
    "valid_from",
    "valid_to",
    "demonyms",
];

/// Entities in file order, with `by_id`, and every problem met.
pub(super) struct Loaded {
    pub entities: Vec<Entity>,
    pub by_id: HashMap<String, EntityRef>,
    pub problems: Vec<Problem>,
}

fn split_bar(value: &str) -> Vec<String> {
    value
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn read(files: &[GazetteerFile]) -> Loaded {
    let mut loaded = Loaded {
        entities: Vec::new(),
        by_id: HashMap::new(),
        problems: Vec::new(),
    };
    for file in files {
        read_file(file, &mut loaded);
    }
    resolve_references(&mut loaded);
    loaded
}

fn read_file(file: &GazetteerFile, loaded: &mut Loaded) {
    let mut problem = |line: u64, message: String| {
        loaded.problems.push(Problem {
            severity: Severity::Error,
            file: file.name.clone(),
            line,
            message,
        })
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(file.contents.as_bytes());
    let headers = match header(&mut reader) {
        Ok(headers) => headers,
        Err(message) => return problem(1, message),
    };
    // Rows that cannot be read are reported first, then the rows that can, in order.
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problem(line, format!("unreadable row: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != headers.len() {
            problem(
                line,
                format!(
                    "{} fields, the header has {}; row not loaded",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        rows.push((line, record));
    }
    for (line, record) in rows {
        let origin = Origin {
            file: file.name.clone(),
            line,
        };
        match entity(&headers, &record, &loaded.by_id, &loaded.entities, origin) {
            Ok(entity) => {
                let at = EntityRef(loaded.entities.len() as u32);
                loaded.by_id.insert(entity.id.clone(), at);
                loaded.entities.push(entity);
            }
            Err(errors) => {
                for message in errors {
                    problem(line, format!("{message}; row not loaded"));
                }
            }
        }
    }
}

/// The lower-cased column names, or why the file cannot be loaded.
fn header(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, String> {
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(e) => return Err(format!("unreadable header: {e}")),
    };
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|c| !headers.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "missing column(s) {} (header: {}); file not loaded",
            missing.join(", "),
            headers.join(",")
        ));
    }
    Ok(headers)
}

/// The entity of one row, or every reason it is not loaded.
fn entity(
    headers: &[String],
    record: &csv::StringRecord,
    by_id: &HashMap<String, EntityRef>,
    entities: &[Entity],
    origin: Origin,
) -> Result<Entity, Vec<String>> {
    let get = |name: &str| {
        let column = headers.iter().position(|h| h == name);
        column.and_then(|i| record.get(i)).map_or("", str::trim)
    };
    let opt = |name: &str| Some(get(name).to_string()).filter(|s| !s.is_empty());
    let id = get("id").to_string();
    let mut errors = Vec::new();
    let kind = EntityType::parse(get("type"));
    if kind.is_none() {
        errors.push(format!(
            "unknown type {:?} (person, place or organization)",
            get("type")
        ));
    }
    if id.is_empty() {
        errors.push("empty id".to_string());
    } else if let Some(&first) = by_id.get(&id) {
        let first = &entities[first.0 as usize].origin;
        errors.push(format!("duplicate id {id:?}, first at {first}"));
    }
    if get("name").is_empty() {
        errors.push("empty name".to_string());
    }
    let gender = gender(get("gender")).unwrap_or_else(|e| {
        errors.push(e);
        None
    });
    let period = period(get("valid_from"), get("valid_to")).unwrap_or_else(|e| {
        errors.extend(e);
        Period::default()
    });
    let (Some(kind), true) = (kind, errors.is_empty()) else {
        return Err(errors);
    };
    let attributes = headers
        .iter()
        .zip(record.iter())
        .filter(|(h, v)| {
            !REQUIRED.contains(&h.as_str()) && !KNOWN.contains(&h.as_str()) && !v.trim().is_empty()
        })
        .map(|(h, v)| (h.clone(), v.trim().to_string()))
        .collect();
    Ok(Entity {
        id,
        kind,
        name: get("name").to_string(),
        aliases: split_bar(get("aliases")),
        subtype: opt("subtype"),
        parent: opt("parent"),
        country: opt("country"),
        gender,
        role: opt("role"),
        valid_from: opt("valid_from"),
        valid_to: opt("valid_to"),
        demonyms: split_bar(get("demonyms")),
        attributes,
        origin,
        parent_ref: None,
        country_ref: None,
        period,
    })
}

fn gender(value: &str) -> Result<Option<Gender>, String> {
    match value.to_lowercase().as_str() {
        "" => Ok(None),
        "female" | "f" => Ok(Some(Gender::Female)),
        "male" | "m" => Ok(Some(Gender::Male)),
        other => Err(format!("unknown gender {other:?} (female or male)")),
    }
}

/// The period of `valid_from` and `valid_to` (either may be empty).
fn period(from: &str, to: &str) -> Result<Period, Vec<String>> {
    let mut period = Period::default();
    let mut errors = Vec::new();
    for (column, value, bound) in [
        ("valid_from", from, &mut period.from),
        ("valid_to", to, &mut period.to),
    ] {
        if value.is_empty() {
            continue;
        }
        match Period::parse_bound(value, column == "valid_to") {
            Some(date) => *bound = Some(date),
            None => errors.push(format!(
                "{column} {value:?} is not a year or date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )),
        }
    }
    if let (Some(start), Some(end)) = (period.from, period.to) {
        if start > end {
            errors.push(format!("valid_from {from} is after valid_to {to}"));
        }
    }
    if errors.is_empty() {
        Ok(period)
    } else {
        Err(errors)
    }
}

/// Links `parent` and `country` to entities; an id that names no entity is an error.
fn resolve_references(loaded: &mut Loaded) {
    for entity in &mut loaded.entities {
        for (column, value, slot) in [
            ("parent", &entity.parent, &mut entity.parent_ref),
            ("country", &entity.country, &mut entity.country_ref),
        ] {
            let Some(value) = value else { continue };
            match loaded.by_id.get(value) {
                Some(&target) => *slot = Some(target),
                None => {
                    loaded.problems.push(Problem {
                        severity: Severity::Error,
                        file: entity.origin.file.clone(),
                        line: entity.origin.line,
                        message: format!(
                            "{column} {value:?} of {} names no gazetteer id",
                            entity.id
                        ),
                    });
                }
            }
        }
    }
}
