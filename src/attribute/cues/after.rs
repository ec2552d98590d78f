//! Cues in the text after the closing mark, up to the end of the sentence: a tag with a
//! speech verb (`“…,” said Name`, `“…,” Name said`) and a signature with none (`“…”
//! (Director Ivana Orlić)`). Text before the quote is not read here.

use super::{Attribution, Cue, Place};
use crate::attribute::lexicon::LEXICON;
use crate::attribute::speaker::{self, Context, Order, SpeakerResolution};
use crate::attribute::SpeakerType;
use crate::segment::Sentence;
use crate::span::Span;

/// `“…,” said Name` and `“…,” Name said`, in the text after the closing mark.
pub(super) fn after_quote(ctx: &Context, right: Span) -> Option<Attribution> {
    let raw = &ctx.text[right.range()];
    // `“…,” said`, `«…», said`, `"…" - said`, `"…" – Holm said`.
    let skip = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—'))
            .len();
    let rest = &raw[skip..];
    let start = right.start + skip;
    // `right` ends with the sentence, so only a semicolon or the final mark ends the
    // clause; full stops inside it belong to `Ms.`, `H.E.` or `Timur R. Bakirov`.
    let clause_end = rest
        .find(';')
        .unwrap_or(rest.trim_end_matches(['.', '!', '?', ' ', '”', '"']).len());
    let clause = &rest[..clause_end];
    if let Some(verb) = LEXICON.verb_at(clause) {
        let phrase = Span::new(start + verb.len(), start + clause_end);
        let (speaker, resolution) = speaker::parse(ctx, phrase, Order::VerbFirst)?;
        return Some(Attribution::new(
            Cue::QuoteVerbSpeaker,
            Some(verb),
            speaker,
            resolution,
        ));
    }
    let &(at, end) = LEXICON.verbs_in(clause).first()?;
    if clause[..at].split_whitespace().count() > 12 {
        return None;
    }
    let (speaker, resolution) =
        speaker::parse(ctx, Span::new(start, start + at), Order::SpeakerFirst)?;
    Some(Attribution::new(
        Cue::QuoteSpeakerVerb,
        Some(&clause[at..end]),
        speaker,
        resolution,
    ))
}

/// A full name that signs the quote, with no speech verb, as the rest of its paragraph:
/// in brackets (`“…” (Director Ivana Orlić)`) or after a dash (`“…” – poet Dana Orlov,
/// May 2011`, an epigraph, whose date is left out).
pub(super) fn signature(
    ctx: &Context,
    sentences: &[Sentence],
    place: &Place,
) -> Option<Attribution> {
    let paragraph = sentences[place.last].paragraph;
    let end = sentences[place.last..]
        .iter()
        .take_while(|s| s.paragraph == paragraph)
        .last()?
        .span
        .end;
    let rest = &ctx.text[place.right.start..end];
    let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let start = place.right.start + rest.len() - trimmed.len();
    let inner = if let Some(inner) = trimmed.strip_prefix('(') {
        (inner.trim_end().strip_suffix([')'])?.len() + 1 == inner.trim_end().len())
            .then(|| Span::new(start + 1, start + inner.trim_end().len()))?
    } else {
        let name = trimmed.strip_prefix(['–', '—', '-'])?;
        let from = end - name.len();
        let name = name.trim_end_matches('.');
        let dated = name
            .rfind(", ")
            .filter(|&c| name[c..].contains(char::is_numeric));
        Span::new(from, from + dated.unwrap_or(name.len()))
    };
    if ctx.text[inner.range()].split_whitespace().count() > 8 {
        return None;
    }
    let (speaker, resolution) = speaker::parse(ctx, inner, Order::VerbFirst)?;
    (resolution == SpeakerResolution::Name && speaker.kind == SpeakerType::Person)
        .then(|| Attribution::new(Cue::Signature, None, speaker, resolution))
}
