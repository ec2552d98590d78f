//! The cues: where the attribution of a quote stands, tried in order by [`try_cues`]. The
//! first that fires wins:
//! 1. the second half of a split quote, `“…,” said Name, “…”`, when only the first half's
//!    attribution stands between them ([`split_speaker`]);
//! 2. after the quote, in the sentence where it ends: `“…,” said [Title] Name[, role]`,
//!    `“…,” Name said`, `"…" – Name said` ([`after`]);
//! 3. before the quote, in the sentence where it starts: `Name[, role,] said: “…”`,
//!    `Speaking at X, Name noted: “…”`, `He stressed that “…”`, `According to Name, “…”`,
//!    and a lead-in ending in a colon with no speech verb ([`before`]);
//! 4. when no tag follows the quote, a full name that signs it (`“…” (Director Ivana
//!    Orlić)`, [`after::signature`]), else the narrative sentence before it: a tag at its
//!    end or a colon closing the previous paragraph, else its subject ([`narrative`]);
//! 5. a quote with no cue that opens the paragraph right after an attributed quote
//!    ([`continuation`], tried once the narrative has been read).
//!
//! A cue finds where the speaker phrase stands; the phrase itself is resolved by
//! [`super::speaker`]. A cue does not read the narrative for people: the discourse model
//! does, when a cue's answer refers back.

mod after;
mod before;
mod narrative;

use super::speaker::{self, Context, SpeakerResolution};
use super::{marks, Cue, Place, Quote, Speaker};
use crate::segment::Sentence;
use crate::span::Span;
pub(super) use narrative::resolve_pronoun;

/// What a cue found: the rule, the speech verb as written, the speaker and how the
/// speaker phrase was resolved.
pub(super) struct Attribution {
    pub(super) cue: Cue,
    pub(super) verb: Option<String>,
    pub(super) speaker: Speaker,
    pub(super) resolution: Option<SpeakerResolution>,
}

impl Attribution {
    pub(super) fn new(
        cue: Cue,
        verb: Option<&str>,
        speaker: Speaker,
        resolution: SpeakerResolution,
    ) -> Self {
        Attribution {
            cue,
            verb: verb.map(str::to_string),
            speaker,
            resolution: Some(resolution),
        }
    }

    /// The speaker of an earlier quote, carried over (`split`, `continuation`).
    fn carried(cue: Cue, speaker: Speaker) -> Self {
        Attribution {
            cue,
            verb: None,
            speaker,
            resolution: None,
        }
    }
}

/// The quote before the current one: where it ended and who said it, for split quotes
/// and continuations.
pub(super) struct PreviousQuote {
    /// The sentence and paragraph where it ended.
    sentence: usize,
    paragraph: usize,
    /// Its speaker, when it was attributed to someone.
    speaker: Option<Speaker>,
    /// The byte after its closing mark.
    end: usize,
}

impl PreviousQuote {
    /// The quote just recorded, with the span `m` of its marks and its place.
    pub(super) fn of(
        quote: &Quote,
        m: &marks::Marked,
        place: &Place,
        sentences: &[Sentence],
    ) -> Self {
        let attributed = quote.speaker.name.is_some() || quote.speaker.role.is_some();
        PreviousQuote {
            sentence: place.last,
            paragraph: sentences[place.last].paragraph,
            speaker: attributed.then(|| quote.speaker.clone()),
            end: m.outer.end,
        }
    }
}

/// Where the narrative before the quote at `place` needs reading from: an untagged quote
/// that may continue the previous one needs only the narrative since; a tag that found
/// nobody (`the Minister said`) may need all of it.
pub(super) fn narrative_floor(
    text: &str,
    sentences: &[Sentence],
    place: &Place,
    previous: Option<&PreviousQuote>,
) -> usize {
    let untagged = || text[place.left.range()].trim().is_empty() && place.untagged_after(text);
    previous
        .filter(|p| {
            p.speaker.is_some() && sentences[place.first].paragraph <= p.paragraph + 2 && untagged()
        })
        .map_or(0, |p| p.end)
}

/// The cues, in the order they are tried: the second half of a split quote; a tag after
/// the quote; a lead-in before it; the narrative sentence before it (only when no tag
/// follows the quote). [`continuation`] comes last, once the narrative has been read.
pub(super) fn try_cues(
    ctx: &Context,
    sentences: &[Sentence],
    place: &Place,
    split: Option<&Speaker>,
) -> Option<Attribution> {
    if let Some(speaker) = split {
        return Some(Attribution::carried(Cue::Split, speaker.clone()));
    }
    // A tag after the quote that names nobody yet (`she said` before the narrative is
    // read) rules out looking at the sentence before.
    let untagged = || place.untagged_after(ctx.text);
    after::after_quote(ctx, place.right)
        .or_else(|| before::before_quote(ctx, place.left))
        .or_else(|| untagged().then(|| after::signature(ctx, sentences, place))?)
        .or_else(|| untagged().then(|| narrative::after_narrative(ctx, sentences, place.first))?)
}

/// `“…,” said Name, “…”`: the speaker of the first half, when only its attribution stands
/// between it and this second half of a split quote.
pub(super) fn split_speaker(
    text: &str,
    previous: Option<&PreviousQuote>,
    place: &Place,
    m: &marks::Marked,
) -> Option<Speaker> {
    let prev = previous?;
    let between = text[prev.end..m.outer.start].trim();
    let short = between.split_whitespace().nth(15).is_none();
    // `“…, — Lindqvist wrote. — …”`: after a dash the tag may have ended its sentence.
    let dash = between.ends_with(['—', '–']);
    ((prev.sentence == place.first || dash && prev.sentence + 1 == place.first)
        && short
        && (between.is_empty() || dash || between.ends_with([',', ':'])))
    .then(|| prev.speaker.clone())
    .flatten()
}

/// A quote that opens its paragraph with no cue of its own continues the previous quote
/// when it stands in the same or the next paragraph, or after one narrative paragraph
/// that names nobody (`The commission received 14 complaints.`).
pub(super) fn continuation(
    ctx: &Context,
    sentences: &[Sentence],
    place: &Place,
    previous: Option<&PreviousQuote>,
) -> Option<Attribution> {
    let prev = previous?;
    let paragraph = sentences[place.first].paragraph;
    let between = || {
        let from = sentences
            .get(prev.sentence + 1)
            .map_or(ctx.before, |s| s.span.start);
        Span::new(from.min(ctx.before), ctx.before)
    };
    let near = paragraph <= prev.paragraph + 1
        || paragraph == prev.paragraph + 2 && speaker::introductions(ctx, between()).is_empty();
    (ctx.text[place.left.range()].trim().is_empty() && near)
        .then(|| prev.speaker.clone())
        .flatten()
        .map(|speaker| Attribution::carried(Cue::Continuation, speaker))
}
