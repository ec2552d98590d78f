//! Reading gazetteer CSV files into entities, with every problem reported by `file:line`.
//!
//! Errors leave the row out (a run refuses to start on them); notes describe rows that
//! are loaded but worth a look, such as a name shared by two entities.

use std::collections::HashMap;
use std::fmt;

use super::{Entity, EntityRef, EntityType, GazetteerFile, Gender, Origin, Period};

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
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(e) => return problem(1, format!("unreadable header: {e}")),
    };
    let column = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|c| column(c).is_none())
        .collect();
    if !missing.is_empty() {
        return problem(
            1,
            format!(
                "missing column(s) {} (header: {}); file not loaded",
                missing.join(", "),
                headers.join(",")
            ),
        );
    }
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
        let get = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .map_or("", str::trim)
        };
        let opt = |name: &str| Some(get(name).to_string()).filter(|s| !s.is_empty());
        let id = get("id").to_string();
        let name = get("name").to_string();
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
        } else if let Some(&first) = loaded.by_id.get(&id) {
            errors.push(format!(
                "duplicate id {id:?}, first at {}",
                loaded.entities[first.0 as usize].origin
            ));
        }
        if name.is_empty() {
            errors.push("empty name".to_string());
        }
        let gender = match get("gender").to_lowercase().as_str() {
            "" => None,
            "female" | "f" => Some(Gender::Female),
            "male" | "m" => Some(Gender::Male),
            other => {
                errors.push(format!("unknown gender {other:?} (female or male)"));
                None
            }
        };
        let mut period = Period::default();
        for (column, bound) in [
            ("valid_from", &mut period.from),
            ("valid_to", &mut period.to),
        ] {
            let value = get(column);
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
        if let (Some(from), Some(to)) = (period.from, period.to) {
            if from > to {
                errors.push(format!(
                    "valid_from {} is after valid_to {}",
                    get("valid_from"),
                    get("valid_to")
                ));
            }
        }
        let (Some(kind), true) = (kind, errors.is_empty()) else {
            for message in errors {
                problem(line, format!("{message}; row not loaded"));
            }
            continue;
        };
        let attributes = headers
            .iter()
            .zip(record.iter())
            .filter(|(h, v)| {
                !REQUIRED.contains(&h.as_str())
                    && !KNOWN.contains(&h.as_str())
                    && !v.trim().is_empty()
            })
            .map(|(h, v)| (h.clone(), v.trim().to_string()))
            .collect();
        loaded
            .by_id
            .insert(id.clone(), EntityRef(loaded.entities.len() as u32));
        loaded.entities.push(Entity {
            id,
            kind,
            name,
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
            origin: Origin {
                file: file.name.clone(),
                line,
            },
            parent_ref: None,
            country_ref: None,
            period,
        });
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
