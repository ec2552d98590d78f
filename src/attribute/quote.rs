//! The records the stage gives: a [`Quote`] with its [`Speaker`], the [`Cue`] that
//! attributed it, and how far that cue is trusted. What the records hold, not how they are
//! found: the cues and the speaker parser fill them.

use std::sync::Arc;

use serde::Serialize;

use super::SpeakerResolution;
use crate::gazetteer::{EntityRef, Gender};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    Person,
    Organization,
    Unknown,
}

/// Who said it. Every field is optional: an unnamed participant has a role and no name.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    // Shared strings: a speaker is copied into every quote, event and remembered person.
    pub name: Option<Arc<str>>,
    pub kind: SpeakerType,
    /// The gazetteer entry of the person or organization, when listed.
    pub entity: Option<EntityRef>,
    pub role: Option<Arc<str>>,
    pub org: Option<Arc<str>>,
    pub org_entity: Option<EntityRef>,
    pub gender: Option<Gender>,
    /// Title words seen with the name (`Ambassador`, `Head`), for `the Ambassador said`.
    pub titles: Vec<&'static str>,
}

impl Speaker {
    pub fn unknown() -> Speaker {
        Speaker {
            name: None,
            kind: SpeakerType::Unknown,
            entity: None,
            role: None,
            org: None,
            org_entity: None,
            gender: None,
            titles: Vec::new(),
        }
    }
}

/// Adds the title words not yet in `titles`. They are a set: a person remembered again
/// and again (every quote of theirs, every pronoun that finds them) would otherwise double
/// the list each time, to gigabytes on a page of many short quotes.
pub(super) fn add_titles(
    titles: &mut Vec<&'static str>,
    new: impl IntoIterator<Item = &'static str>,
) {
    for title in new {
        if !titles.contains(&title) {
            titles.push(title);
        }
    }
}

/// The rule that attributed a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    QuoteVerbSpeaker,
    QuoteSpeakerVerb,
    SpeakerVerbQuote,
    AccordingTo,
    Split,
    Continuation,
    /// The attribution stands in the sentence before the quote: `…, said Ambassador
    /// Lund. “…”`, or `Anna Berg described the findings:` closing the previous paragraph.
    PreviousSentence,
    /// No speech verb: the quote follows a sentence whose subject is a person (`Dr Holm
    /// opened the conference. “…”`).
    Subject,
    /// No speech verb, but a lead-in that ends in a colon: `Lisa Berg issued the following
    /// statement: “…”`.
    Colon,
    /// No speech verb: a full name signs the quote in brackets or after a dash (`“…”
    /// (Director Ivana Orlić)`).
    Signature,
    /// Reported speech (kind `indirect`): `Name stressed that …`.
    ReportedThat,
    /// Reported speech without `that`: `Name said the law was ready`.
    ReportedClause,
    /// Reported speech with the verb after the content: `…, the Minister said.`
    ReportedTag,
    /// Reported speech: `Name urged the parties to …`.
    ReportedCall,
    /// Reported speech as a verb's object: `called for …`, `expressed concern over …`.
    ReportedObject,
    /// Reported speech that goes on from the statement before: `…, adding that …`.
    ReportedParticiple,
    None,
}

impl Cue {
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::QuoteVerbSpeaker => "quote_verb_speaker",
            Cue::QuoteSpeakerVerb => "quote_speaker_verb",
            Cue::SpeakerVerbQuote => "speaker_verb_quote",
            Cue::AccordingTo => "according_to",
            Cue::Split => "split",
            Cue::Continuation => "continuation",
            Cue::PreviousSentence => "previous_sentence",
            Cue::Subject => "after_subject",
            Cue::Colon => "colon",
            Cue::Signature => "signature",
            Cue::ReportedThat => "reported_that",
            Cue::ReportedClause => "reported_clause",
            Cue::ReportedTag => "reported_tag",
            Cue::ReportedCall => "reported_call",
            Cue::ReportedObject => "reported_object",
            Cue::ReportedParticiple => "reported_participle",
            Cue::None => "none",
        }
    }
}

/// One quotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words, marks excluded.
    pub span: Span,
    pub kind: QuoteKind,
    pub speaker: Speaker,
    /// The speech verb as written (`said`, `pointed out`).
    pub verb: Option<String>,
    pub cue: Cue,
    pub resolution: Option<SpeakerResolution>,
    /// 0–1: how much the rule that fired is trusted.
    pub confidence: f32,
}

impl Quote {
    pub fn cue_label(&self) -> String {
        match self.resolution.and_then(SpeakerResolution::label) {
            Some(r) => format!("{}+{r}", self.cue.as_str()),
            None => self.cue.as_str().to_string(),
        }
    }
}

/// The quotes of one article and the number of quotation marks left unpaired.
#[derive(Debug, Default)]
pub struct Attributed {
    pub quotes: Vec<Quote>,
    pub unpaired_marks: usize,
}

pub(super) fn confidence(cue: Cue, resolution: Option<SpeakerResolution>) -> f32 {
    let base: f32 = match cue {
        Cue::QuoteVerbSpeaker | Cue::QuoteSpeakerVerb | Cue::SpeakerVerbQuote => 0.95,
        Cue::AccordingTo | Cue::Split => 0.9,
        Cue::Continuation => 0.75,
        Cue::PreviousSentence => 0.85,
        Cue::Subject => 0.6,
        Cue::Colon | Cue::Signature => 0.85,
        Cue::ReportedThat | Cue::ReportedTag | Cue::ReportedCall => 0.85,
        Cue::ReportedClause | Cue::ReportedObject | Cue::ReportedParticiple => 0.8,
        Cue::None => 0.0,
    };
    let factor = match resolution {
        Some(
            SpeakerResolution::Name | SpeakerResolution::Organization | SpeakerResolution::Unnamed,
        )
        | None => 1.0,
        Some(SpeakerResolution::Surname) => 0.9,
        Some(SpeakerResolution::Pronoun) => 0.85,
        Some(SpeakerResolution::Title) => 0.75,
        Some(SpeakerResolution::Bare) => 0.7,
    };
    // Two decimals: the figure is a rank of rules, not a calibrated probability.
    (base * factor * 100.0).round() / 100.0
}
