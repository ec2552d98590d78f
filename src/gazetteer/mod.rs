//! Stage 3, match: gazetteers of people, places and organizations, and a matcher that
//! finds their names in article text.
//!
//! Gazetteers are CSV files (format in `gazetteers/README.md`): `id,type,name,aliases`
//! required, optional `subtype,parent,country,gender,role,valid_from,valid_to,demonyms`,
//! extra columns kept as attributes. Ids are unique across all files; a later duplicate is
//! skipped with a warning. A malformed row is a warning naming `file:line`; a file without
//! the required columns is an error.
//!
//! Matching policy: names and aliases are folded ([`fold`]) and searched with one
//! Aho-Corasick automaton over the folded text; acronyms (every word has two or more
//! capitals: `OSCE`, `RFoM`, `OSCE PA`, `U.S.`) are matched case-sensitively on the
//! original text. A match must start and end at word boundaries of the original text
//! (`Serbian` does not contain `Serbia`; `Kazakhstan’s` contains `Kazakhstan`) and, when
//! the name is capitalised, start with a capital (`met` is not `Met`). Among the valid
//! matches the leftmost-longest win and none overlap. Spans point into the original text.

pub mod fold;

use std::collections::HashMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use crate::error::{Error, Result, Warning};
use crate::span::Span;
use fold::{fold, fold_with_map};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Place,
    Organization,
}

impl EntityType {
    fn parse(s: &str) -> Option<EntityType> {
        match s.trim().to_lowercase().as_str() {
            "person" => Some(EntityType::Person),
            "place" => Some(EntityType::Place),
            "organization" | "organisation" => Some(EntityType::Organization),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
}

/// Index of an entity in its [`Gazetteer`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityRef(pub u32);

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub id: String,
    pub kind: EntityType,
    pub name: String,
    pub aliases: Vec<String>,
    pub subtype: Option<String>,
    pub parent: Option<String>,
    pub country: Option<String>,
    pub gender: Option<Gender>,
    pub role: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub demonyms: Vec<String>,
    /// Columns this crate does not interpret, in file order.
    pub attributes: Vec<(String, String)>,
}

/// A name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub span: Span,
    pub entity: EntityRef,
}

/// Loaded entities and the automata that find them.
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityRef>,
    folded: Option<AhoCorasick>,
    folded_targets: Vec<(EntityRef, bool)>,
    exact: Option<AhoCorasick>,
    exact_targets: Vec<EntityRef>,
}

const REQUIRED: [&str; 4] = ["id", "type", "name", "aliases"];
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

/// One gazetteer file's name (for messages) and contents.
pub struct GazetteerFile {
    pub name: String,
    pub contents: String,
}

impl GazetteerFile {
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

fn split_bar(value: &str) -> Vec<String> {
    value
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// True for names matched case-sensitively: every word carries two or more capitals.
fn is_acronym(name: &str) -> bool {
    name.split_whitespace()
        .all(|word| word.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

impl Gazetteer {
    /// Loads files in order; returns the gazetteer and the rows skipped with a warning.
    pub fn load(files: &[GazetteerFile]) -> Result<(Gazetteer, Vec<Warning>)> {
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_id = HashMap::new();
        let mut warnings = Vec::new();
        for file in files {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(file.contents.as_bytes());
            let header_err = |message: String| Error::Gazetteer {
                file: file.name.clone(),
                line: 1,
                message,
            };
            let headers = reader
                .headers()
                .map_err(|e| header_err(format!("unreadable header: {e}")))?
                .iter()
                .map(|h| h.trim().to_lowercase())
                .collect::<Vec<_>>();
            let column = |name: &str| headers.iter().position(|h| h == name);
            for name in REQUIRED {
                if column(name).is_none() {
                    return Err(header_err(format!(
                        "missing column {name:?} (header: {})",
                        headers.join(",")
                    )));
                }
            }
            for record in reader.records() {
                let line = |r: &csv::StringRecord| r.position().map_or(0, |p| p.line());
                let record = match record {
                    Ok(record) => record,
                    Err(e) => {
                        let at = e.position().map_or(0, |p| p.line());
                        warnings.push(Warning::new(
                            format!("{}:{at}", file.name),
                            format!("unreadable row: {e}"),
                        ));
                        continue;
                    }
                };
                let at = format!("{}:{}", file.name, line(&record));
                if record.len() != headers.len() {
                    warnings.push(Warning::new(
                        at,
                        format!(
                            "{} fields, header has {}; row skipped",
                            record.len(),
                            headers.len()
                        ),
                    ));
                    continue;
                }
                let get = |name: &str| {
                    column(name)
                        .and_then(|i| record.get(i))
                        .map(str::trim)
                        .unwrap_or("")
                };
                let opt = |name: &str| Some(get(name).to_string()).filter(|s| !s.is_empty());
                let id = get("id").to_string();
                let name = get("name").to_string();
                let Some(kind) = EntityType::parse(get("type")) else {
                    warnings.push(Warning::new(
                        at,
                        format!("unknown type {:?}; row skipped", get("type")),
                    ));
                    continue;
                };
                if id.is_empty() || name.is_empty() {
                    warnings.push(Warning::new(at, "empty id or name; row skipped"));
                    continue;
                }
                if by_id.contains_key(&id) {
                    warnings.push(Warning::new(
                        at,
                        format!("duplicate id {id:?}; row skipped"),
                    ));
                    continue;
                }
                let gender = match get("gender").to_lowercase().as_str() {
                    "" => None,
                    "female" | "f" => Some(Gender::Female),
                    "male" | "m" => Some(Gender::Male),
                    other => {
                        warnings.push(Warning::new(
                            &at,
                            format!("unknown gender {other:?}, left empty"),
                        ));
                        None
                    }
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
                by_id.insert(id.clone(), EntityRef(entities.len() as u32));
                entities.push(Entity {
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
                });
            }
        }
        let gazetteer = Gazetteer::build(entities, by_id, &mut warnings)?;
        Ok((gazetteer, warnings))
    }

    fn build(
        entities: Vec<Entity>,
        by_id: HashMap<String, EntityRef>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Gazetteer> {
        let mut folded_patterns: Vec<String> = Vec::new();
        let mut folded_targets = Vec::new();
        let mut exact_patterns: Vec<String> = Vec::new();
        let mut exact_targets = Vec::new();
        let mut owner: HashMap<String, EntityRef> = HashMap::new();
        for (i, entity) in entities.iter().enumerate() {
            let target = EntityRef(i as u32);
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                let key = if is_acronym(name) {
                    name.clone()
                } else {
                    fold(name)
                };
                if key.is_empty() {
                    continue;
                }
                match owner.get(&key) {
                    Some(&other) if other == target => continue,
                    Some(&other) => {
                        warnings.push(Warning::new(
                            "gazetteers",
                            format!(
                                "name {name:?} of {} is already a name of {}; kept for the first",
                                entity.id, entities[other.0 as usize].id
                            ),
                        ));
                        continue;
                    }
                    None => {
                        owner.insert(key.clone(), target);
                    }
                }
                if is_acronym(name) {
                    exact_patterns.push(key);
                    exact_targets.push(target);
                } else {
                    let capitalised = name.chars().next().is_some_and(char::is_uppercase);
                    folded_patterns.push(key);
                    folded_targets.push((target, capitalised));
                }
            }
        }
        let build = |patterns: &[String]| -> Result<Option<AhoCorasick>> {
            if patterns.is_empty() {
                return Ok(None);
            }
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .map(Some)
                .map_err(|e| Error::Gazetteer {
                    file: "gazetteers".into(),
                    line: 0,
                    message: format!("cannot build the name automaton: {e}"),
                })
        };
        Ok(Gazetteer {
            folded: build(&folded_patterns)?,
            exact: build(&exact_patterns)?,
            entities,
            by_id,
            folded_targets,
            exact_targets,
        })
    }

    pub fn entity(&self, entity: EntityRef) -> &Entity {
        &self.entities[entity.0 as usize]
    }

    pub fn get(&self, id: &str) -> Option<EntityRef> {
        self.by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The entity whose name or alias is exactly `name` after folding, if any.
    pub fn lookup(&self, name: &str) -> Option<EntityRef> {
        let found = self.find(name);
        found
            .first()
            .filter(|m| m.span.start == 0 && m.span.end == name.len())
            .map(|m| m.entity)
    }

    /// All names in `text`: leftmost-longest, non-overlapping, word-bounded, sorted.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut candidates: Vec<Match> = Vec::new();
        let bounded = |s: usize, e: usize| {
            let before = text[..s]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let after = text[e..].chars().next().is_some_and(char::is_alphanumeric);
            !before && !after && s < e
        };
        if let Some(ac) = &self.folded {
            let folded = fold_with_map(text);
            for m in ac.find_overlapping_iter(&folded.text) {
                let (s, e) = folded.original(m.start(), m.end());
                let (entity, capitalised) = self.folded_targets[m.pattern().as_usize()];
                let starts_lower = text[s..].chars().next().is_some_and(char::is_lowercase);
                if bounded(s, e) && !(capitalised && starts_lower) {
                    candidates.push(Match {
                        span: Span::new(s, e),
                        entity,
                    });
                }
            }
        }
        if let Some(ac) = &self.exact {
            for m in ac.find_overlapping_iter(text) {
                if bounded(m.start(), m.end()) {
                    let entity = self.exact_targets[m.pattern().as_usize()];
                    candidates.push(Match {
                        span: Span::new(m.start(), m.end()),
                        entity,
                    });
                }
            }
        }
        candidates.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end), m.entity));
        let mut chosen: Vec<Match> = Vec::with_capacity(candidates.len());
        for m in candidates {
            if chosen
                .last()
                .is_none_or(|last| last.span.end <= m.span.start)
            {
                chosen.push(m);
            }
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer(csv: &str) -> (Gazetteer, Vec<Warning>) {
        Gazetteer::load(&[GazetteerFile {
            name: "test.csv".into(),
            contents: csv.into(),
        }])
        .unwrap()
    }

    const CSV: &str = "id,type,name,aliases,gender,history\n\
        place/turkiye,place,Türkiye,Turkey|Republic of Türkiye,,\n\
        place/serbia,place,Serbia,,,\n\
        place/chisinau,place,Chișinău,Chisinau|Kishinev,,\n\
        org/osce,organization,Organization for Security and Co-operation in Europe,OSCE,,\n\
        org/osce-po-astana,organization,Programme Office in Astana,OSCE Programme Office in Astana|OSCE Centre in Almaty,,Centre in Almaty (1998–2007)\n\
        org/un,organization,United Nations,UN,,\n\
        org/met,organization,Met Office,MET,,\n";

    fn names(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.find(text)
            .iter()
            .map(|m| {
                (
                    text[m.span.range()].to_string(),
                    g.entity(m.entity).id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn matches_folded_word_bounded_longest() {
        let (g, warnings) = gazetteer(CSV);
        assert!(warnings.is_empty(), "{warnings:?}");
        let text = "TÜRKIYE and Turkiye met in Chisinau; the OSCE Programme Office in Astana, Serbian fund, UN.";
        assert_eq!(
            names(&g, text),
            [
                ("TÜRKIYE".into(), "place/turkiye".into()),
                ("Turkiye".into(), "place/turkiye".into()),
                ("Chisinau".into(), "place/chisinau".into()),
                (
                    "OSCE Programme Office in Astana".into(),
                    "org/osce-po-astana".into()
                ),
                ("UN".into(), "org/un".into()),
            ]
        );
        assert_eq!(
            names(&g, "Kazakhstan’s and Serbia’s OSCE"),
            [
                ("Serbia".into(), "place/serbia".into()),
                ("OSCE".into(), "org/osce".into())
            ]
        );
        assert!(names(&g, "we met the fund and un").is_empty());
        let astana = g.get("org/osce-po-astana").unwrap();
        assert_eq!(
            g.entity(astana).attributes,
            [(
                "history".to_string(),
                "Centre in Almaty (1998–2007)".to_string()
            )]
        );
    }

    #[test]
    fn bad_rows_are_warnings_with_lines() {
        let (g, warnings) = gazetteer(
            "id,type,name,aliases\nplace/a,place,Aland,\nplace/b,planet,Bee,\nplace/a,place,Again,\nplace/c,place,Cee,,extra\n,place,,\n",
        );
        assert_eq!(g.len(), 1);
        let got: Vec<_> = warnings.iter().map(|w| w.source.as_str()).collect();
        assert_eq!(
            got,
            ["test.csv:3", "test.csv:4", "test.csv:5", "test.csv:6"]
        );
        let missing = Gazetteer::load(&[GazetteerFile {
            name: "x.csv".into(),
            contents: "id,name\n".into(),
        }]);
        assert!(matches!(missing, Err(Error::Gazetteer { line: 1, .. })));
    }
}
