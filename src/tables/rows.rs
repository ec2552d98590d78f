//! The output tables' rows: flat structs whose field order is the column order of the
//! table contract (README, "Output tables"). Offsets are code points into the article's
//! `text`; list fields are `; `-joined in CSV and list columns in Parquet.

use serde::Serialize;

use super::{ColumnType as T, Row};
use crate::attribute::{QuoteKind, SpeakerType};
use crate::gazetteer::{EntityType, Form, Gender, Resolution};
use crate::read::Date;

#[derive(Debug, Clone, Serialize)]
pub struct ArticleRow {
    pub article_id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub content_type: Option<String>,
    pub published: Option<Date>,
    pub dateline: Option<String>,
    pub issued_by: Vec<String>,
    pub fields_of_work: Vec<String>,
    pub n_sentences: u32,
    pub n_mentions: u32,
    pub n_quotes: u32,
    pub text: String,
    pub issued_by_ids: Vec<String>,
}

impl Row for ArticleRow {
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
        ("text", T::Str),
        ("issued_by_ids", T::List),
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct SentenceRow {
    pub article_id: String,
    pub sentence_id: u32,
    pub paragraph_id: u32,
    pub start: u64,
    pub end: u64,
    pub text: String,
}

impl Row for SentenceRow {
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
pub struct MentionRow {
    pub article_id: String,
    pub sentence_id: u32,
    pub entity_id: String,
    pub entity_type: EntityType,
    pub name: String,
    pub surface: String,
    pub start: u64,
    pub end: u64,
    pub form: Form,
    pub alternatives: Vec<String>,
    pub resolved_by: Resolution,
    pub out_of_period: Option<bool>,
}

impl Row for MentionRow {
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
pub struct QuoteRow {
    pub article_id: String,
    pub quote_id: u32,
    pub kind: QuoteKind,
    pub text: String,
    pub start: u64,
    pub end: u64,
    pub speaker: Option<String>,
    pub speaker_type: SpeakerType,
    pub speaker_id: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_org: Option<String>,
    pub speaker_org_id: Option<String>,
    pub verb: Option<String>,
    pub cue: String,
    pub confidence: f32,
    pub speaker_gender: Option<Gender>,
    pub sentence_id: u32,
}

impl Row for QuoteRow {
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
