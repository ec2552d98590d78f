//! Stage 3, match: gazetteers of people, places and organizations, and a matcher that
//! finds their names in article text.
//!
//! Gazetteers are CSV files (format in `gazetteers/README.md`) read by [`Gazetteer::check`]; every
//! problem is a [`Problem`] at `file:line`, and a run refuses to start on errors.
//!
//! Matching. Names, aliases and demonyms are folded into word streams ([`fold`]: case,
//! diacritics, punctuation) with a space on each side, and one Aho-Corasick automaton
//! (leftmost-longest) runs over the folded article. Because both sides carry the
//! spaces, a match always lies on word boundaries of the original (`Serbian` is not
//! `Serbia`; `Kazakhstan’s` holds `Kazakhstan`). Each candidate is then checked against
//! the original text: an acronym (every word has two or more capitals: `OSCE PA`, `UN`,
//! `RFoM`) must be written in exactly its case, a capitalised name must start with a
//! capital (`met` is not `Met`), and no name spans a line break. When the longest
//! candidate fails, the next longest at the same place is tried (`OSCE PAs` yields
//! `OSCE`). Matches never overlap.
//!
//! Shared names. A folded name may belong to several entities (`Luxembourg`, the country
//! and the city). Each such mention is resolved within the article by [`MentionResolution`]:
//! first the candidate most related to the article's unambiguous mentions (the same
//! entity, its parent or country, or things in it), then the subtype priority
//! [`SUBTYPE_PRIORITY`], then the earlier row. The matcher does not use dates: a
//! [`Match`] of an entity outside its `valid_from`–`valid_to` period is flagged by the
//! pipeline, not dropped.

mod entity;
mod load;

pub mod fold;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::span::Span;
pub use entity::{Entity, EntityRef, EntityType, Gender, Origin, Period};
pub use load::{GazetteerFile, Problem, Severity};

/// Subtypes in the order that decides a shared name when the article gives no context:
/// a country before a region or a city, an OSCE structure before other organizations.
/// Unlisted subtypes come after these, in row order.
pub const SUBTYPE_PRIORITY: &[&str] = &[
    "country",
    "partner",
    "region",
    "city",
    "municipality",
    "osce",
    "institution",
    "field operation",
    "secretariat unit",
    "decision-making body",
    "chairpersonship",
    "parliamentary assembly",
    "international organization",
    "government body",
    "ngo",
    "official",
];

/// Subtypes of OSCE structures (all in [`SUBTYPE_PRIORITY`]): an organization of one of
/// them, or under one of them, is part of the OSCE.
pub const OSCE_SUBTYPES: &[&str] = &[
    "osce",
    "institution",
    "field operation",
    "secretariat unit",
    "decision-making body",
    "chairpersonship",
    "parliamentary assembly",
];

/// Which of an entity's forms a mention uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    Name,
    Alias,
    Acronym,
    Demonym,
}

/// How a mention's entity was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionResolution {
    /// Only one entity has this form.
    Unique,
    /// The article's other mentions favour one candidate.
    Context,
    /// No context; the higher [`SUBTYPE_PRIORITY`] won.
    Subtype,
    /// No context, same priority: the row loaded first.
    Order,
}

/// A name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub span: Span,
    pub entity: EntityRef,
    pub form: Form,
    pub resolution: MentionResolution,
    /// The folded name's index, and which of its candidates passed the case checks.
    key: u32,
    passing: u64,
}

/// How a candidate must be written in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Case {
    Any,
    /// Starts with a capital (or a character without case).
    Capitalised,
    /// Exactly these letters and digits, in this case (acronyms).
    Exact(Box<str>),
}

impl Case {
    fn of(name: &str) -> Case {
        if is_acronym(name) {
            Case::Exact(name.chars().filter(|c| c.is_alphanumeric()).collect())
        } else if name.chars().next().is_some_and(char::is_uppercase) {
            Case::Capitalised
        } else {
            Case::Any
        }
    }

    fn accepts(&self, surface: &str) -> bool {
        match self {
            Case::Any => true,
            Case::Capitalised => !surface.chars().next().is_some_and(char::is_lowercase),
            Case::Exact(letters) => surface
                .chars()
                .filter(|c| c.is_alphanumeric())
                .eq(letters.chars()),
        }
    }
}

/// True for names matched case-sensitively: every word carries two or more capitals.
fn is_acronym(name: &str) -> bool {
    name.split_whitespace()
        .all(|word| word.chars().filter(|c| c.is_uppercase()).count() >= 2)
}

#[derive(Debug, Clone)]
struct Target {
    entity: EntityRef,
    form: Form,
    case: Case,
}

/// Loaded entities and the automaton that finds them.
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityRef>,
    automaton: Option<AhoCorasick>,
    /// Candidates of each folded name, in row order (at most 64 are told apart).
    keys: Vec<Vec<Target>>,
    /// Folded name → its index in `keys`, to try shorter names at a place.
    index: HashMap<String, usize>,
    starts: StartFilter,
}

/// The start of every folded name, so that the automaton runs only at word starts that
/// can begin a name; most words of a text begin none. A name's start is its first word
/// and the space after it, cut at [`StartFilter::LEN`] bytes (`un `, `osce `, `andor`),
/// hashed into a bit table: no false negatives, a few per cent false positives.
struct StartFilter {
    bits: Vec<u64>,
    /// log2 of the table's size in bits.
    shift: u32,
}

impl StartFilter {
    const LEN: usize = 5;

    /// A table of at least 64 bits per name (so at most about 1.6 % false positives), of
    /// 4 KB to 512 KB: a gazetteer of a few thousand names gets a table that stays in the
    /// L1 cache, which measured faster than a larger one with fewer false positives.
    fn new(names: usize) -> StartFilter {
        let shift = (names.max(1) * 64)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(15, 22);
        StartFilter {
            bits: vec![0; (1 << shift) / 64],
            shift,
        }
    }

    /// The bit of the start of `word` (the bytes after a space): up to [`Self::LEN`]
    /// bytes, ending after the first space.
    fn bit(&self, word: &[u8]) -> usize {
        use std::hash::BuildHasher;
        let start = &word[..word.len().min(Self::LEN)];
        let start = match start.iter().position(|&b| b == b' ') {
            Some(space) => &start[..=space],
            None => start,
        };
        let hash = foldhash::fast::FixedState::default().hash_one(start);
        (hash >> (64 - self.shift)) as usize
    }

    /// `key` is a folded name, space first.
    fn add(&mut self, key: &[u8]) {
        let bit = self.bit(&key[1..]);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// Whether a name can start at the space at `at` of a folded text.
    fn admits(&self, hay: &[u8], at: usize) -> bool {
        let bit = self.bit(&hay[at + 1..]);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

impl Gazetteer {
    /// Loads files in order for a run: `Err` when any problem is an error (all of them
    /// are in [`Error::Gazetteers`]); otherwise the gazetteer and its notes.
    pub fn load(files: &[GazetteerFile]) -> Result<(Gazetteer, Vec<Problem>)> {
        let (gazetteer, problems) = Gazetteer::check(files)?;
        if problems.iter().any(Problem::is_error) {
            return Err(Error::Gazetteers(
                problems.into_iter().filter(Problem::is_error).collect(),
            ));
        }
        Ok((gazetteer, problems))
    }

    /// Loads files in order, leaving out rows with errors, and returns every problem,
    /// errors first. Fails only when the automaton cannot be built.
    pub fn check(files: &[GazetteerFile]) -> Result<(Gazetteer, Vec<Problem>)> {
        let load::Loaded {
            entities,
            by_id,
            mut problems,
        } = load::read(files);
        let mut keys: Vec<Vec<Target>> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, entity) in entities.iter().enumerate() {
            let target = EntityRef(i as u32);
            let forms = std::iter::once((&entity.name, Form::Name))
                .chain(entity.aliases.iter().map(|a| {
                    (
                        a,
                        if is_acronym(a) {
                            Form::Acronym
                        } else {
                            Form::Alias
                        },
                    )
                }))
                .chain(entity.demonyms.iter().map(|d| (d, Form::Demonym)));
            for (written, form) in forms {
                let key = fold::fold(written).text;
                if key.trim().is_empty() {
                    problems.push(Problem {
                        severity: Severity::Error,
                        file: entity.origin.file.clone(),
                        line: entity.origin.line,
                        message: format!("{written:?} of {} has no letters or digits", entity.id),
                    });
                    continue;
                }
                let slot = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    keys.push(Vec::new());
                    keys.len() - 1
                });
                let candidates = &mut keys[slot];
                if candidates.iter().any(|t| t.entity == target) {
                    continue; // the same name twice, or a name and an alias that fold alike
                }
                if let Some(first) = candidates.first() {
                    let other = &entities[first.entity.0 as usize];
                    problems.push(Problem {
                        severity: Severity::Note,
                        file: entity.origin.file.clone(),
                        line: entity.origin.line,
                        message: format!(
                            "{written:?} of {} is also a form of {} ({}); each mention is resolved by context, then subtype, then row order",
                            entity.id, other.id, other.origin
                        ),
                    });
                }
                candidates.push(Target {
                    entity: target,
                    form,
                    case: Case::of(written),
                });
            }
        }
        let file_index = |name: &str| files.iter().position(|f| f.name == name);
        problems.sort_by_key(|p| (p.severity, file_index(&p.file), p.line));
        let mut starts = StartFilter::new(patterns.len());
        for key in &patterns {
            starts.add(key.as_bytes());
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .build(&patterns)
                    .map_err(|e| Error::Gazetteer {
                        file: "gazetteers".into(),
                        line: 0,
                        message: format!("cannot build the name automaton: {e}"),
                    })?,
            )
        };
        Ok((
            Gazetteer {
                entities,
                by_id,
                automaton,
                keys,
                index,
                starts,
            },
            problems,
        ))
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

    /// True for an OSCE structure: `org/osce`, an organization of an [`OSCE_SUBTYPES`]
    /// subtype, or one whose parents lead to such (a cycle of parents stops the walk).
    pub fn is_osce_structure(&self, entity: EntityRef) -> bool {
        let mut at = Some(entity);
        for _ in 0..16 {
            let Some(e) = at else { break };
            let entry = self.entity(e);
            let osce = entry.id == "org/osce"
                || entry
                    .subtype
                    .as_deref()
                    .is_some_and(|s| OSCE_SUBTYPES.contains(&s));
            if entry.kind == EntityType::Organization && osce {
                return true;
            }
            at = entry.parent_ref;
        }
        false
    }

    /// How many entities were loaded from the file named `file`.
    pub fn rows_from(&self, file: &str) -> usize {
        self.entities
            .iter()
            .filter(|e| e.origin.file == file)
            .count()
    }

    /// The entity whose name, alias or demonym is all of `name`, if any.
    pub fn lookup(&self, name: &str) -> Option<EntityRef> {
        let trimmed = name.trim();
        let found = self.find(trimmed);
        found
            .first()
            .filter(|m| m.span.start == 0 && m.span.end == trimmed.len())
            .map(|m| m.entity)
    }

    /// The other entities a shared name could have meant at `m`.
    pub fn alternatives(&self, m: &Match) -> Vec<EntityRef> {
        self.passing(m).filter(|&e| e != m.entity).collect()
    }

    fn passing<'a>(&'a self, m: &'a Match) -> impl Iterator<Item = EntityRef> + 'a {
        self.keys[m.key as usize]
            .iter()
            .enumerate()
            .filter(|(i, _)| *i < 64 && m.passing & (1 << i) != 0)
            .map(|(_, t)| t.entity)
    }

    /// All names in `text`: leftmost-longest, non-overlapping, word-bounded, in order.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold::fold(text);
        let hay = folded.text.as_bytes();
        let mut found = Vec::new();
        let mut at = 0;
        for start in memchr::memchr_iter(b' ', hay) {
            if start < at || !self.starts.admits(hay, start) {
                continue;
            }
            let Some(longest) = ac.find(Input::new(hay).range(start..).anchored(Anchored::Yes))
            else {
                continue;
            };
            let key = longest.pattern().as_usize();
            let mut accepted = self.accept(text, &folded, start, longest.end(), key);
            if accepted.is_none() {
                // Shorter names at the same place end at an earlier space.
                let mut end = longest.end() - 1;
                while accepted.is_none() {
                    let Some(space) = folded.text[start + 1..end].rfind(' ') else {
                        break;
                    };
                    end = start + 1 + space;
                    if let Some(&key) = self.index.get(&folded.text[start..=end]) {
                        accepted = self.accept(text, &folded, start, end + 1, key);
                    }
                }
            }
            if let Some((m, end)) = accepted {
                at = end - 1; // the space after a name starts the next one
                found.push(m);
            }
        }
        self.resolve(&mut found);
        found
    }

    /// The folded name `key` at `start..end` of the folded text, with the end, if one of
    /// its candidates passes the checks on the original.
    fn accept(
        &self,
        text: &str,
        folded: &fold::Folded,
        start: usize,
        end: usize,
        key: usize,
    ) -> Option<(Match, usize)> {
        let span = Span::new(folded.original(start + 1), folded.original(end - 1));
        let surface = &text[span.range()];
        if surface.contains('\n') {
            return None;
        }
        let mut passing = 0u64;
        let mut first = None;
        for (i, target) in self.keys[key].iter().enumerate().take(64) {
            if target.case.accepts(surface) {
                passing |= 1 << i;
                first.get_or_insert(target);
            }
        }
        let first = first?;
        // `Siobhán Keane-Doherty` is not `Siobhán Keane`: a hyphen joins a person's name
        // to the next word or the one before.
        let joined = text[span.end..]
            .strip_prefix('-')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
            || text[..span.start]
                .strip_suffix('-')
                .is_some_and(|before| before.ends_with(char::is_alphabetic));
        if joined && self.entity(first.entity).kind == EntityType::Person {
            return None;
        }
        let m = Match {
            span,
            entity: first.entity,
            form: first.form,
            resolution: MentionResolution::Unique,
            key: key as u32,
            passing,
        };
        Some((m, end))
    }

    /// Chooses the entity of every shared-name match (see the module header).
    fn resolve(&self, found: &mut [Match]) {
        if found.iter().all(|m| m.passing.count_ones() == 1) {
            return;
        }
        let unique: Vec<EntityRef> = found
            .iter()
            .filter(|m| m.passing.count_ones() == 1)
            .map(|m| m.entity)
            .collect();
        let related = |candidate: EntityRef| {
            let c = self.entity(candidate);
            unique
                .iter()
                .filter(|&&u| {
                    let e = self.entity(u);
                    u == candidate
                        || Some(u) == c.parent_ref
                        || Some(u) == c.country_ref
                        || e.parent_ref == Some(candidate)
                        || e.country_ref == Some(candidate)
                        || (c.country_ref.is_some() && e.country_ref == c.country_ref)
                })
                .count()
        };
        let rank = |candidate: EntityRef| {
            let subtype = self.entity(candidate).subtype.as_deref().unwrap_or("");
            SUBTYPE_PRIORITY
                .iter()
                .position(|&s| s == subtype)
                .unwrap_or(SUBTYPE_PRIORITY.len())
        };
        for m in found.iter_mut().filter(|m| m.passing.count_ones() > 1) {
            let candidates: Vec<(EntityRef, Form, usize, usize)> = self.keys[m.key as usize]
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < 64 && m.passing & (1 << i) != 0)
                .map(|(_, t)| (t.entity, t.form, related(t.entity), rank(t.entity)))
                .collect();
            let best_context = candidates.iter().map(|c| c.2).max().unwrap_or(0);
            let by_context: Vec<_> = candidates.iter().filter(|c| c.2 == best_context).collect();
            let best_rank = by_context.iter().map(|c| c.3).min().unwrap_or(0);
            let by_rank: Vec<_> = by_context.iter().filter(|c| c.3 == best_rank).collect();
            let chosen = by_rank[0];
            m.entity = chosen.0;
            m.form = chosen.1;
            m.resolution = if by_context.len() < candidates.len() {
                MentionResolution::Context
            } else if by_rank.len() < by_context.len() {
                MentionResolution::Subtype
            } else {
                MentionResolution::Order
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::date::Date;

    fn gazetteer(csv: &str) -> (Gazetteer, Vec<Problem>) {
        Gazetteer::check(&[GazetteerFile {
            name: "test.csv".into(),
            contents: csv.into(),
        }])
        .unwrap()
    }

    const CSV: &str = "id,type,subtype,name,aliases,country,demonyms,history\n\
        place/turkiye,place,country,Türkiye,Turkey|Republic of Türkiye,,Turkish,\n\
        place/serbia,place,country,Serbia,,,Serbian,\n\
        place/chisinau,place,city,Chișinău,Chisinau|Kishinev,,,\n\
        org/osce,organization,,Organization for Security and Co-operation in Europe,OSCE,,,\n\
        org/osce-pa,organization,,OSCE Parliamentary Assembly,OSCE PA,,,\n\
        org/osce-po-astana,organization,,Programme Office in Astana,OSCE Programme Office in Astana|OSCE Centre in Almaty,,,Centre in Almaty (1998–2007)\n\
        org/un,organization,,United Nations,UN,,,\n\
        org/met,organization,,Met Office,MET,,,\n";

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

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn matches_folded_word_bounded_longest() {
        let (g, problems) = gazetteer(CSV);
        assert!(problems.is_empty(), "{problems:?}");
        let text = "TÜRKIYE and Turkiye met in Chisinau; the OSCE Programme Office in Astana, Serbian fund, UN.";
        assert_eq!(
            names(&g, text),
            pairs(&[
                ("TÜRKIYE", "place/turkiye"),
                ("Turkiye", "place/turkiye"),
                ("Chisinau", "place/chisinau"),
                ("OSCE Programme Office in Astana", "org/osce-po-astana"),
                ("Serbian", "place/serbia"),
                ("UN", "org/un"),
            ])
        );
        assert_eq!(
            names(&g, "Kazakhstan’s and Serbia’s OSCE PAs"),
            pairs(&[("Serbia", "place/serbia"), ("OSCE", "org/osce")])
        );
        assert!(names(&g, "we met the fund and un, the Osce Pa").is_empty());
        let astana = g.get("org/osce-po-astana").unwrap();
        assert_eq!(
            g.entity(astana).attributes,
            [(
                "history".to_string(),
                "Centre in Almaty (1998–2007)".to_string()
            )]
        );
        let forms: Vec<Form> = g
            .find("Turkey, Türkiye, Turkish, OSCE")
            .iter()
            .map(|m| m.form)
            .collect();
        assert_eq!(
            forms,
            [Form::Alias, Form::Name, Form::Demonym, Form::Acronym]
        );
    }

    #[test]
    fn shared_names_are_resolved_by_context_then_subtype_then_order() {
        let (g, problems) = gazetteer(
            "id,type,subtype,name,aliases,country\n\
             place/georgia,place,country,Georgia,,\n\
             place/us,place,country,United States,,\n\
             place/georgia-us,place,region,Georgia,State of Georgia,place/us\n\
             place/atlanta,place,city,Atlanta,,place/us\n\
             org/a,organization,,Alpha Office,Alpha,\n\
             org/b,organization,,Alpha Bureau,Alpha,\n",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.severity == Severity::Note));
        let resolved = |text: &str| -> Vec<(String, MentionResolution)> {
            g.find(text)
                .iter()
                .filter(|m| m.resolution != MentionResolution::Unique)
                .map(|m| (g.entity(m.entity).id.clone(), m.resolution))
                .collect()
        };
        assert_eq!(
            resolved("Monitors left Georgia."),
            [("place/georgia".to_string(), MentionResolution::Subtype)]
        );
        assert_eq!(
            resolved("A delegation from Atlanta, Georgia visited."),
            [("place/georgia-us".to_string(), MentionResolution::Context)]
        );
        assert_eq!(
            resolved("Alpha reported."),
            [("org/a".to_string(), MentionResolution::Order)]
        );
        let m = g.find("Georgia")[0];
        assert_eq!(g.alternatives(&m), [g.get("place/georgia-us").unwrap()]);
    }

    #[test]
    fn osce_structures_follow_subtypes_and_parents() {
        assert!(OSCE_SUBTYPES.iter().all(|s| SUBTYPE_PRIORITY.contains(s)));
        let (g, _) = gazetteer(
            "id,type,subtype,name,aliases,parent\n\
             org/osce,organization,osce,Organization for Security and Co-operation in Europe,OSCE,\n\
             org/unit,organization,,Media Unit,,org/mission\n\
             org/mission,organization,field operation,Mission to Serbia,,org/osce\n\
             org/un,organization,international organization,United Nations,UN,\n\
             org/a,organization,,Cycle A,,org/b\n\
             org/b,organization,,Cycle B,,org/a\n",
        );
        let osce = |id| g.is_osce_structure(g.get(id).unwrap());
        assert!(osce("org/osce") && osce("org/mission") && osce("org/unit"));
        assert!(!osce("org/un") && !osce("org/a"));
    }

    #[test]
    fn periods_parse_years_and_dates() {
        let from = Period::parse_bound("1998", false).unwrap();
        let to = Period::parse_bound("2007-02", true).unwrap();
        assert_eq!((from.year, from.month, from.day), (1998, 1, 1));
        assert_eq!((to.year, to.month, to.day), (2007, 2, 28));
        let period = Period {
            from: Some(from),
            to: Some(to),
        };
        assert_eq!(period.excludes(Date::new(2007, 2, 28)), Some(false));
        assert_eq!(period.excludes(Date::new(2007, 3, 1)), Some(true));
        assert_eq!(period.excludes(None), None);
        assert_eq!(Period::default().excludes(Date::new(2000, 1, 1)), None);
        assert!(Period::parse_bound("98", false).is_none());
        assert!(Period::parse_bound("2001-13", false).is_none());
    }

    #[test]
    fn bad_rows_are_errors_with_lines() {
        let (g, problems) = gazetteer(
            "id,type,name,aliases,parent,valid_from\n\
             place/a,place,Aland,,,\n\
             place/b,planet,Bee,,,\n\
             place/a,place,Again,,,\n\
             place/c,place,Cee,,,,extra\n\
             ,place,,,,\n\
             place/d,place,Dee,,place/nowhere,\n\
             place/e,place,Eee,,,last year\n\
             place/f,place,...,,,\n",
        );
        assert_eq!(g.len(), 3, "a, d and f are loaded");
        let got: Vec<_> = problems.iter().map(|p| (p.line, p.is_error())).collect();
        assert_eq!(
            got,
            [
                (3, true),
                (4, true),
                (5, true),
                (6, true),
                (6, true),
                (7, true),
                (8, true),
                (9, true)
            ]
        );
        let missing = Gazetteer::check(&[GazetteerFile {
            name: "x.csv".into(),
            contents: "id,name\n".into(),
        }])
        .unwrap();
        assert_eq!(missing.1.len(), 1);
        assert_eq!(
            missing.1[0]
                .to_string()
                .split(':')
                .take(2)
                .collect::<Vec<_>>(),
            ["x.csv", "1"]
        );
    }
}
