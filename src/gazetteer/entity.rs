//! The rows of a gazetteer: entities with their type, names, links and period of
//! validity. How rows are read is in `load`, how names are found in `super`.

use serde::Serialize;

use crate::read::date::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Place,
    Organization,
}

impl EntityType {
    pub(super) fn parse(s: &str) -> Option<EntityType> {
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

/// Index of an entity in its [`Gazetteer`](super::Gazetteer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityRef(pub u32);

/// Where a row was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The dates an entity existed or held its role, inclusive; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Period {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Period {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first day (or, for an upper bound, the
    /// last day) it names.
    pub(super) fn parse_bound(value: &str, upper: bool) -> Option<Date> {
        let mut parts = value.split('-');
        let year: i32 = parts
            .next()?
            .parse()
            .ok()
            .filter(|y| (1000..=9999).contains(y))?;
        let month: Option<u32> = parts.next().map(str::parse).transpose().ok()?;
        let day: Option<u32> = parts.next().map(str::parse).transpose().ok()?;
        if parts.next().is_some() {
            return None;
        }
        let month_or = |m: u32| month.unwrap_or(m);
        match (day, upper) {
            (Some(day), _) => Date::new(year, month?, day),
            (None, false) => Date::new(year, month_or(1), 1),
            (None, true) => (28..=31)
                .rev()
                .find_map(|d| Date::new(year, month_or(12), d)),
        }
    }

    /// `Some(true)` when `date` lies outside the period, `None` when either is unknown.
    pub fn excludes(&self, date: Option<Date>) -> Option<bool> {
        let date = date?;
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        Some(self.from.is_some_and(|f| date < f) || self.to.is_some_and(|t| date > t))
    }
}

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
    pub origin: Origin,
    pub parent_ref: Option<EntityRef>,
    pub country_ref: Option<EntityRef>,
    pub period: Period,
}
