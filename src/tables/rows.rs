//! The output tables' rows: flat structs whose field order is the column order of the
//! table contract (README, "Output tables"). Offsets are code points into the article's
//! `text`; list fields are `; `-joined in CSV and list columns in Parquet.
//!
//! The rows of an article borrow its text and the gazetteer's names instead of copying
//! them: a corpus writes about three times its size in cells, and copying every cell into
//! its row first took about 5 % of a run. Each borrowed row has a [`Table`] marker
//! (`Articles` for `ArticleRow<'a>`, ...) that names its table for every lifetime.

use serde::Serialize;

use super::{ColumnType as T, Row, Table};
use crate::attribute::{QuoteKind, SpeakerType};
use crate::gazetteer::{EntityType, Form, Gender, MentionResolution};
use crate::read::Date;

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub published: Option<Date>,
    pub dateline: Option<&'a str>,
    pub issued_by: &'a [String],
    pub fields_of_work: &'a [String],
    pub n_sentences: u32,
    pub n_mentions: u32,
    /// Rows of kind `direct` or `partial`.
    pub n_quotes: u32,
    /// Rows of kind `indirect`: reported statements.
    pub n_reported: u32,
    pub text: &'a str,
    pub issued_by_ids: Vec<&'a str>,
}

/// The `articles` table.
pub enum Articles {}

impl Table for Articles {
    type Row<'a> = ArticleRow<'a>;
}

impl Row for ArticleRow<'_> {
    const TABLE: &'static str = "articles";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("article_id", T::Str),
        ("source", T::Str),
        ("url", T::Str),
        ("title", T::Str),
        ("content_type", T::Str),
        ("published", T::Date),
        ("dateline", T::Str),
        ("issued_by", T::List),
        ("fields_of_work", T::List),
        ("n_sentences", T::Int),
        ("n_mentions", T::Int),
        ("n_quotes", T::Int),
        ("n_reported", T::Int),
        ("text", T::Str),
        ("issued_by_ids", T::List),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceRow<'a> {
    pub article_id: &'a str,
    pub sentence_id: u32,
    pub paragraph_id: u32,
    pub start: u64,
    pub end: u64,
    pub text: &'a str,
}

/// The `sentences` table.
pub enum Sentences {}

impl Table for Sentences {
    type Row<'a> = SentenceRow<'a>;
}

impl Row for SentenceRow<'_> {
    const TABLE: &'static str = "sentences";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("article_id", T::Str),
        ("sentence_id", T::Int),
        ("paragraph_id", T::Int),
        ("start", T::Int),
        ("end", T::Int),
        ("text", T::Str),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct MentionRow<'a> {
    pub article_id: &'a str,
    pub sentence_id: u32,
    pub entity_id: &'a str,
    pub entity_type: EntityType,
    pub name: &'a str,
    pub surface: &'a str,
    pub start: u64,
    pub end: u64,
    pub form: Form,
    pub alternatives: Vec<&'a str>,
    pub resolved_by: MentionResolution,
    pub out_of_period: Option<bool>,
}

/// The `mentions` table.
pub enum Mentions {}

impl Table for Mentions {
    type Row<'a> = MentionRow<'a>;
}

impl Row for MentionRow<'_> {
    const TABLE: &'static str = "mentions";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("article_id", T::Str),
        ("sentence_id", T::Int),
        ("entity_id", T::Str),
        ("entity_type", T::Str),
        ("name", T::Str),
        ("surface", T::Str),
        ("start", T::Int),
        ("end", T::Int),
        ("form", T::Str),
        ("alternatives", T::List),
        ("resolved_by", T::Str),
        ("out_of_period", T::Bool),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow<'a> {
    pub article_id: &'a str,
    pub quote_id: u32,
    pub kind: QuoteKind,
    pub text: &'a str,
    pub start: u64,
    pub end: u64,
    pub speaker: Option<&'a str>,
    pub speaker_type: SpeakerType,
    pub speaker_id: Option<&'a str>,
    pub speaker_role: Option<&'a str>,
    pub speaker_org: Option<&'a str>,
    pub speaker_org_id: Option<&'a str>,
    pub verb: Option<&'a str>,
    pub cue: String,
    pub confidence: f32,
    pub speaker_gender: Option<Gender>,
    pub sentence_id: u32,
}

/// The `quotes` table.
pub enum Quotes {}

impl Table for Quotes {
    type Row<'a> = QuoteRow<'a>;
}

impl Row for QuoteRow<'_> {
    const TABLE: &'static str = "quotes";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("article_id", T::Str),
        ("quote_id", T::Int),
        ("kind", T::Str),
        ("text", T::Str),
        ("start", T::Int),
        ("end", T::Int),
        ("speaker", T::Str),
        ("speaker_type", T::Str),
        ("speaker_id", T::Str),
        ("speaker_role", T::Str),
        ("speaker_org", T::Str),
        ("speaker_org_id", T::Str),
        ("verb", T::Str),
        ("cue", T::Str),
        ("confidence", T::Float),
        ("speaker_gender", T::Str),
        ("sentence_id", T::Int),
    ];
}

/// A problem met during the run (`warnings.csv`).
#[derive(Debug, Clone, Serialize)]
pub struct WarningRow {
    pub article_id: Option<String>,
    pub source: String,
    pub problem: String,
}

impl Row for WarningRow {
    const TABLE: &'static str = "warnings";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("article_id", T::Str),
        ("source", T::Str),
        ("problem", T::Str),
    ];
}

/// One issuing office across all its articles (`coverage/offices`).
#[derive(Debug, Clone, Serialize)]
pub struct OfficeRow {
    pub office: String,
    pub office_id: Option<String>,
    pub n_articles: u32,
    pub first_published: Option<Date>,
    pub last_published: Option<Date>,
    /// Statements of kind `direct` or `partial`; the shares are of these.
    pub n_quotes: u32,
    /// Statements of kind `indirect`.
    pub n_reported: u32,
    pub n_speakers: u32,
    pub share_quotes_internal: Option<f64>,
    pub share_quotes_female: Option<f64>,
    pub share_quotes_male: Option<f64>,
    pub share_quotes_unknown_gender: Option<f64>,
    pub n_places: u32,
}

impl Row for OfficeRow {
    const TABLE: &'static str = "offices";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("office", T::Str),
        ("office_id", T::Str),
        ("n_articles", T::Int),
        ("first_published", T::Date),
        ("last_published", T::Date),
        ("n_quotes", T::Int),
        ("n_reported", T::Int),
        ("n_speakers", T::Int),
        ("share_quotes_internal", T::Float),
        ("share_quotes_female", T::Float),
        ("share_quotes_male", T::Float),
        ("share_quotes_unknown_gender", T::Float),
        ("n_places", T::Int),
    ];
}

/// A place in the articles of an office (`coverage/office_places`).
#[derive(Debug, Clone, Serialize)]
pub struct OfficePlaceRow {
    pub office: String,
    pub place_id: String,
    pub place: String,
    pub n_articles: u32,
    pub n_mentions: u32,
    pub share_of_articles: f64,
}

impl Row for OfficePlaceRow {
    const TABLE: &'static str = "office_places";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("office", T::Str),
        ("place_id", T::Str),
        ("place", T::Str),
        ("n_articles", T::Int),
        ("n_mentions", T::Int),
        ("share_of_articles", T::Float),
    ];
}

/// A field of work of an office's articles (`coverage/office_topics`).
#[derive(Debug, Clone, Serialize)]
pub struct OfficeTopicRow {
    pub office: String,
    pub field_of_work: String,
    pub n_articles: u32,
}

impl Row for OfficeTopicRow {
    const TABLE: &'static str = "office_topics";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("office", T::Str),
        ("field_of_work", T::Str),
        ("n_articles", T::Int),
    ];
}

/// A named speaker quoted or reported in an office's articles (`coverage/office_speakers`).
#[derive(Debug, Clone, Serialize)]
pub struct OfficeSpeakerRow {
    pub office: String,
    pub speaker: String,
    pub speaker_id: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_org: Option<String>,
    pub n_quotes: u32,
    pub n_reported: u32,
    pub n_articles: u32,
}

impl Row for OfficeSpeakerRow {
    const TABLE: &'static str = "office_speakers";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("office", T::Str),
        ("speaker", T::Str),
        ("speaker_id", T::Str),
        ("speaker_role", T::Str),
        ("speaker_org", T::Str),
        ("n_quotes", T::Int),
        ("n_reported", T::Int),
        ("n_articles", T::Int),
    ];
}

/// An office's articles, quotes and reported statements in one year
/// (`coverage/office_years`).
#[derive(Debug, Clone, Serialize)]
pub struct OfficeYearRow {
    pub office: String,
    pub year: Option<i32>,
    pub n_articles: u32,
    pub n_quotes: u32,
    pub n_reported: u32,
}

impl Row for OfficeYearRow {
    const TABLE: &'static str = "office_years";
    const COLUMNS: &'static [(&'static str, T)] = &[
        ("office", T::Str),
        ("year", T::Int),
        ("n_articles", T::Int),
        ("n_quotes", T::Int),
        ("n_reported", T::Int),
    ];
}
