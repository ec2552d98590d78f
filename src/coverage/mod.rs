//! Coverage: the row tables of one or more runs, aggregated by issuing office.
//!
//! Reads `articles`, `mentions` and `quotes` (CSV or Parquet; several directories, such as
//! runs or shards, are read in turn; Parquet wins when a directory has both) and writes
//! five tables under `OUT/coverage/` through the same table writer as the row tables:
//! `offices`, `office_places`, `office_topics`, `office_speakers`, `office_years`.
//!
//! The tables are read once, row by row, and only their few needed columns are kept, so
//! memory grows with the number of articles and of distinct (office, place, article)
//! triples, not with the size of the tables (a 1 GB corpus's 3 GB of tables took about
//! 150 MB). CSV is read with the `csv` crate; Parquet with polars, a slice of rows at a
//! time.
//!
//! Rules:
//! - an article issued by several offices counts once for each of them;
//! - offices are grouped by gazetteer id, so renamed offices (`OSCE Centre in Almaty`,
//!   `OSCE Programme Office in Astana`) add up under one id and the gazetteer's current
//!   name; an office the gazetteers do not know keeps its name and has no id;
//! - articles without an issuing office are left out of every table;
//! - rows of `quotes` of kind `direct` and `partial` count in `n_quotes`, rows of kind
//!   `indirect` (reported statements) in `n_reported`; one statement is one row, so the
//!   two never overlap;
//! - a speaker with reported statements only is a row of `office_speakers` (with
//!   `n_quotes` 0) and counts in `n_speakers`; speakers are ranked by `n_quotes`, then
//!   `n_reported`, so a speaker's own words weigh more than what is reported of them;
//! - a quote is internal when the speaker's organization (or the organization speaking)
//!   is an OSCE structure: `org/osce`, anything under it, or an organization of an OSCE
//!   subtype (`Gazetteer::is_osce_structure`);
//! - the internal and gender shares are of `n_quotes` alone, so that they do not move with
//!   the number of reported statements; quotes by organizations and unnamed speakers
//!   count as unknown gender;
//! - article counts are of distinct article ids: an article id found in several inputs
//!   is one article (its offices are those of all its rows), while its quotes and
//!   mentions count as many times as they are found;
//! - a speaker's id, role and organization are the first found, in input order.
//!
//! It does not read the `text` of articles or sentences.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::gazetteer::{EntityRef, Gazetteer};
use crate::read::Date;
use crate::tables::rows::{
    OfficePlaceRow, OfficeRow, OfficeSpeakerRow, OfficeTopicRow, OfficeYearRow,
};
use crate::tables::{Formats, Row, TableWriter};

mod input;
use input::{each_row, files, list, non_empty, ARTICLES, MENTIONS, QUOTES};

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
    // Every input must have all three tables before anything is read.
    let articles = files(inputs, "articles")?;
    let mentions = files(inputs, "mentions")?;
    let quotes = files(inputs, "quotes")?;
    let mut coverage = Coverage::new(gazetteer);
    for path in &articles {
        each_row(path, &ARTICLES, |row| {
            coverage.article(row);
            Ok(())
        })?;
    }
    for path in &mentions {
        each_row(path, &MENTIONS, |row| {
            coverage.mention(row);
            Ok(())
        })?;
    }
    for path in &quotes {
        each_row(path, &QUOTES, |row| {
            coverage.quote(row);
            Ok(())
        })?;
    }
    let dir = out.join("coverage");
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(Summary {
        offices: write(&dir, formats, coverage.offices())?,
        office_places: write(&dir, formats, coverage.places())?,
        office_topics: write(&dir, formats, coverage.topics())?,
        office_speakers: write(&dir, formats, coverage.speakers())?,
        office_years: write(&dir, formats, coverage.years())?,
    })
}

fn write<R: Row + 'static>(dir: &Path, formats: Formats, rows: Vec<R>) -> Result<usize> {
    let mut writer = TableWriter::<R>::create(dir, formats)?;
    for row in &rows {
        writer.write(row)?;
    }
    writer.finish()?;
    Ok(rows.len())
}

/// An issuing office as it is counted.
#[derive(Default)]
struct Office {
    name: String,
    id: Option<String>,
    first: Option<Date>,
    last: Option<Date>,
    articles: u32,
    quotes: u32,
    reported: u32,
    internal: u32,
    female: u32,
    male: u32,
    unknown_gender: u32,
}

/// What is known of an article once the articles tables are read.
struct ArticleInfo {
    serial: u32,
    year: Option<i32>,
    offices: Vec<u32>,
}

/// Keys (a place id, a topic, a speaker) seen with each office, numbered in order of first
/// sight, and the distinct articles each (office, key) was seen in.
#[derive(Default)]
struct Keys {
    by_office: Vec<HashMap<String, u32>>,
    keys: Vec<(u32, String)>,
    articles: HashSet<(u32, u32)>,
}

impl Keys {
    /// The number of (`office`, `key`), whether it is new, and whether it is new in
    /// article `serial`.
    fn see(&mut self, office: u32, key: &str, serial: u32) -> (usize, bool, bool) {
        let office_keys = office as usize;
        if self.by_office.len() <= office_keys {
            self.by_office.resize_with(office_keys + 1, HashMap::new);
        }
        let (index, new) = match self.by_office[office_keys].get(key) {
            Some(&index) => (index, false),
            None => {
                let index = self.keys.len() as u32;
                self.by_office[office_keys].insert(key.to_string(), index);
                self.keys.push((office, key.to_string()));
                (index, true)
            }
        };
        let new_article = self.articles.insert((index, serial));
        (index as usize, new, new_article)
    }

    /// Keys per office.
    fn count(&self, office: usize) -> u32 {
        self.by_office
            .get(office)
            .map_or(0, |keys| keys.len() as u32)
    }
}

#[derive(Default)]
struct Place {
    name: String,
    articles: u32,
    mentions: u32,
}

#[derive(Default)]
struct Speaker {
    id: Option<String>,
    role: Option<String>,
    org: Option<String>,
    quotes: u32,
    reported: u32,
    articles: u32,
}

struct Coverage<'g> {
    gazetteer: &'g Gazetteer,
    osce: HashSet<String>,
    offices: Vec<Office>,
    office_by_name: HashMap<String, u32>,
    /// An issuing office as written → its office.
    written: HashMap<String, u32>,
    articles: HashMap<String, ArticleInfo>,
    /// (office, year) → articles, quotes, reported statements.
    years: HashMap<(u32, Option<i32>), (u32, u32, u32)>,
    place_keys: Keys,
    places: Vec<Place>,
    topic_keys: Keys,
    topics: Vec<u32>,
    speaker_keys: Keys,
    speakers: Vec<Speaker>,
}

impl<'g> Coverage<'g> {
    fn new(gazetteer: &'g Gazetteer) -> Self {
        let osce = (0..gazetteer.len())
            .map(|i| EntityRef(i as u32))
            .filter(|&e| gazetteer.is_osce_structure(e))
            .map(|e| gazetteer.entity(e).id.clone())
            .collect();
        Coverage {
            gazetteer,
            osce,
            offices: Vec::new(),
            office_by_name: HashMap::new(),
            written: HashMap::new(),
            articles: HashMap::new(),
            years: HashMap::new(),
            place_keys: Keys::default(),
            places: Vec::new(),
            topic_keys: Keys::default(),
            topics: Vec::new(),
            speaker_keys: Keys::default(),
            speakers: Vec::new(),
        }
    }

    /// The office of an issuing office as written: the gazetteer's entity under its
    /// current name, or the name itself.
    fn office(&mut self, written: &str) -> u32 {
        if let Some(&office) = self.written.get(written) {
            return office;
        }
        let entity = self
            .gazetteer
            .lookup(written)
            .map(|e| self.gazetteer.entity(e));
        let name = entity.map_or(written, |e| e.name.as_str());
        let office = match self.office_by_name.get(name) {
            Some(&office) => office,
            None => {
                let office = self.offices.len() as u32;
                self.offices.push(Office {
                    name: name.to_string(),
                    id: entity.map(|e| e.id.clone()),
                    ..Office::default()
                });
                self.office_by_name.insert(name.to_string(), office);
                office
            }
        };
        self.written.insert(written.to_string(), office);
        office
    }

    /// `article_id, published, issued_by, fields_of_work`.
    fn article(&mut self, row: &[&str]) {
        let [id, published, issued_by, fields] = row[..] else {
            return;
        };
        let published = Date::parse(published);
        let mut offices: Vec<u32> = Vec::new();
        for written in list(issued_by) {
            let office = self.office(written);
            if !offices.contains(&office) {
                offices.push(office);
            }
        }
        let next_serial = self.articles.len() as u32;
        let info = self.articles.entry(id.to_string()).or_insert(ArticleInfo {
            serial: next_serial,
            year: published.map(|d| d.year),
            offices: Vec::new(),
        });
        for &office in &offices {
            if info.offices.contains(&office) {
                continue;
            }
            info.offices.push(office);
            let o = &mut self.offices[office as usize];
            o.articles += 1;
            if let Some(date) = published {
                o.first = Some(o.first.map_or(date, |d| d.min(date)));
                o.last = Some(o.last.map_or(date, |d| d.max(date)));
            }
            self.years.entry((office, info.year)).or_default().0 += 1;
        }
        // Topics count for every office of the article, those of earlier rows included.
        for field in list(fields) {
            for &office in &info.offices {
                let (index, new, new_article) = self.topic_keys.see(office, field, info.serial);
                if new {
                    self.topics.push(0);
                }
                self.topics[index] += u32::from(new_article);
            }
        }
    }

    /// `article_id, entity_id, entity_type, name`.
    fn mention(&mut self, row: &[&str]) {
        let [article, entity_id, entity_type, name] = row[..] else {
            return;
        };
        if entity_type != "place" {
            return;
        }
        let Some(info) = self.articles.get(article) else {
            return;
        };
        for &office in &info.offices {
            let (index, new, new_article) = self.place_keys.see(office, entity_id, info.serial);
            if new {
                self.places.push(Place {
                    name: name.to_string(),
                    ..Place::default()
                });
            }
            let place = &mut self.places[index];
            place.mentions += 1;
            place.articles += u32::from(new_article);
        }
    }

    /// `article_id, kind, speaker, speaker_id, speaker_type, speaker_role, speaker_org,
    /// speaker_org_id, speaker_gender`.
    fn quote(&mut self, row: &[&str]) {
        let [article, kind, speaker, speaker_id, speaker_type, role, org, org_id, gender] = row[..]
        else {
            return;
        };
        let reported = kind == "indirect";
        let Some(info) = self.articles.get(article) else {
            return;
        };
        let org_id = non_empty(org_id).or_else(|| {
            (speaker_type == "organization")
                .then(|| non_empty(speaker_id))
                .flatten()
        });
        let internal = org_id.is_some_and(|id| self.osce.contains(id));
        for &office in &info.offices {
            let o = &mut self.offices[office as usize];
            let year = self.years.entry((office, info.year)).or_default();
            if reported {
                o.reported += 1;
                year.2 += 1;
            } else {
                o.quotes += 1;
                year.1 += 1;
                o.internal += u32::from(internal);
                match gender {
                    "female" => o.female += 1,
                    "male" => o.male += 1,
                    "" => o.unknown_gender += 1,
                    _ => {}
                }
            }
            let Some(speaker) = non_empty(speaker) else {
                continue;
            };
            let (index, new, new_article) = self.speaker_keys.see(office, speaker, info.serial);
            if new {
                self.speakers.push(Speaker::default());
            }
            let s = &mut self.speakers[index];
            if reported {
                s.reported += 1;
            } else {
                s.quotes += 1;
            }
            s.articles += u32::from(new_article);
            for (slot, value) in [
                (&mut s.id, speaker_id),
                (&mut s.role, role),
                (&mut s.org, org),
            ] {
                if slot.is_none() && !value.is_empty() {
                    *slot = Some(value.to_string());
                }
            }
        }
    }

    fn name(&self, office: u32) -> String {
        self.offices[office as usize].name.clone()
    }

    fn offices(&self) -> Vec<OfficeRow> {
        let share = |n: u32, of: u32| (of > 0).then(|| round4(f64::from(n) / f64::from(of)));
        let mut rows: Vec<OfficeRow> = (0..self.offices.len())
            .filter(|&i| self.offices[i].articles > 0)
            .map(|i| {
                let o = &self.offices[i];
                OfficeRow {
                    office: o.name.clone(),
                    office_id: o.id.clone(),
                    n_articles: o.articles,
                    first_published: o.first,
                    last_published: o.last,
                    n_quotes: o.quotes,
                    n_reported: o.reported,
                    n_speakers: self.speaker_keys.count(i),
                    share_quotes_internal: share(o.internal, o.quotes),
                    share_quotes_female: share(o.female, o.quotes),
                    share_quotes_male: share(o.male, o.quotes),
                    share_quotes_unknown_gender: share(o.unknown_gender, o.quotes),
                    n_places: self.place_keys.count(i),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.office.cmp(&b.office));
        rows
    }

    fn places(&self) -> Vec<OfficePlaceRow> {
        let mut rows: Vec<OfficePlaceRow> = (self.place_keys.keys.iter().zip(&self.places))
            .map(|((office, id), p)| OfficePlaceRow {
                office: self.name(*office),
                place_id: id.clone(),
                place: p.name.clone(),
                n_articles: p.articles,
                n_mentions: p.mentions,
                share_of_articles: round4(
                    f64::from(p.articles) / f64::from(self.offices[*office as usize].articles),
                ),
            })
            .collect();
        ranked(&mut rows, |r| (&r.office, r.n_articles, &r.place_id));
        rows
    }

    fn topics(&self) -> Vec<OfficeTopicRow> {
        let mut rows: Vec<OfficeTopicRow> = (self.topic_keys.keys.iter().zip(&self.topics))
            .map(|((office, field), &n)| OfficeTopicRow {
                office: self.name(*office),
                field_of_work: field.clone(),
                n_articles: n,
            })
            .collect();
        ranked(&mut rows, |r| (&r.office, r.n_articles, &r.field_of_work));
        rows
    }

    fn speakers(&self) -> Vec<OfficeSpeakerRow> {
        let mut rows: Vec<OfficeSpeakerRow> = (self.speaker_keys.keys.iter().zip(&self.speakers))
            .map(|((office, speaker), s)| OfficeSpeakerRow {
                office: self.name(*office),
                speaker: speaker.clone(),
                speaker_id: s.id.clone(),
                speaker_role: s.role.clone(),
                speaker_org: s.org.clone(),
                n_quotes: s.quotes,
                n_reported: s.reported,
                n_articles: s.articles,
            })
            .collect();
        ranked(&mut rows, |r| {
            (&r.office, (r.n_quotes, r.n_reported), &r.speaker)
        });
        rows
    }

    fn years(&self) -> Vec<OfficeYearRow> {
        let mut rows: Vec<OfficeYearRow> = self
            .years
            .iter()
            .filter(|(_, (articles, _, _))| *articles > 0)
            .map(
                |((office, year), &(articles, quotes, reported))| OfficeYearRow {
                    office: self.name(*office),
                    year: *year,
                    n_articles: articles,
                    n_quotes: quotes,
                    n_reported: reported,
                },
            )
            .collect();
        rows.sort_by(|a, b| (&a.office, a.year).cmp(&(&b.office, b.year)));
        rows
    }
}

/// Sorts rows by office, then the largest count first, then by name.
fn ranked<R, N: Ord>(rows: &mut [R], key: fn(&R) -> (&str, N, &str)) {
    rows.sort_by(|a, b| {
        let ((ao, an, ak), (bo, bn, bk)) = (key(a), key(b));
        (ao, Reverse(an), ak).cmp(&(bo, Reverse(bn), bk))
    });
}

/// Four decimals: shares of a few hundred quotes need no more.
fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}
