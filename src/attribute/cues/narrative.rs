//! Cues in the narrative sentence before a quote that opens its own sentence: a tag at
//! that sentence's end, a lead-in ending in a colon, or its subject; and the subject a
//! pronoun tag refers to. A sentence that holds a quotation mark is not narrative and is
//! never read here.

use super::before::{before_quote, said_by};
use super::{after::after_quote, Attribution, Cue};
use crate::attribute::speaker::{self, Context, SpeakerResolution};
use crate::attribute::Speaker;
use crate::gazetteer::Gender;
use crate::segment::Sentence;
use crate::span::Span;

/// A quote that opens its sentence, attributed by the narrative sentence before it: a
/// tag at that sentence's end (`The seminar was a first step, said Ambassador Lund.`), a
/// lead-in ending in a colon (also at the end of the previous paragraph), or else its
/// subject. A sentence with a quotation mark is not narrative: after a quote, the
/// continuation rule applies instead.
pub(super) fn after_narrative(
    ctx: &Context,
    sentences: &[Sentence],
    first: usize,
) -> Option<Attribution> {
    if !ctx.text[sentences[first].span.start..ctx.before]
        .trim()
        .is_empty()
    {
        return None;
    }
    let previous = sentences.get(first.checked_sub(1)?)?;
    let prose = ctx.text[previous.span.range()].trim_end();
    if prose.contains(['“', '”', '"', '«', '»', '„']) {
        return None;
    }
    let span = Span::new(previous.span.start, previous.span.start + prose.len());
    let same_paragraph = previous.paragraph == sentences[first].paragraph;
    let relabel = |found: Attribution| Attribution {
        cue: Cue::PreviousSentence,
        ..found
    };
    if prose.ends_with(':') {
        return before_quote(ctx, span).map(relabel);
    }
    // A headline has no full stop: `We will rebuild every school, says Minister Ivo Cole`.
    let headline = !prose.ends_with(['.', '!', '?', '…']);
    if same_paragraph || headline {
        if let Some(comma) = prose.rfind(", ") {
            let tag = Span::new(span.start + comma + 1, span.end);
            if let Some(mut found) = after_quote(ctx, tag) {
                // `Name presented a survey. Few knew of it, he said. “…”`: the pronoun
                // of the tag refers to the subject of the sentence before its own.
                if found.resolution == Some(SpeakerResolution::Pronoun) {
                    let gender = found.speaker.gender;
                    if let Some(subject) = sentence_subject(ctx, sentences, first - 1, gender) {
                        found.speaker = subject;
                    }
                }
                return Some(relabel(found));
            }
        }
    }
    if let Some(found) = said_by(ctx, span) {
        return Some(relabel(found));
    }
    let subject = speaker::subject(ctx, previous.span)?;
    Some(Attribution::new(
        Cue::Subject,
        None,
        subject,
        SpeakerResolution::Name,
    ))
}

/// A pronoun refers to the subject of the narrative sentence before sentence `first`,
/// when there is one that fits.
pub(in crate::attribute) fn resolve_pronoun(
    ctx: &Context,
    sentences: &[Sentence],
    first: usize,
    mut found: Attribution,
) -> Attribution {
    if found.resolution == Some(SpeakerResolution::Pronoun) {
        if let Some(subject) = previous_subject(ctx, sentences, first, found.speaker.gender) {
            found.speaker = subject;
        }
    }
    found
}

/// The subject of the narrative sentence before sentence `first` (`Ana Petrova, editor
/// of a local portal, said the course filled a gap. “…,” she said.`), when it agrees with
/// the pronoun's `gender`: a pronoun refers to it before the speaker of an earlier quote
/// or a person named later in that sentence. A sentence that holds a quotation mark is not
/// narrative: after a quote, the pronoun follows its speaker.
fn previous_subject(
    ctx: &Context,
    sentences: &[Sentence],
    first: usize,
    gender: Option<Gender>,
) -> Option<Speaker> {
    let own = ctx.text[sentences[first].span.start..ctx.before].trim();
    // The quote opens its sentence, or the pronoun does (`He warned that “…”`). A
    // sentence that opens with a quote is not narrative; one with a partial quote later
    // is (`the Representative wrote that "…"`).
    let pronoun_first = ["He ", "She ", "According to him,", "According to her,"]
        .iter()
        .any(|p| own.starts_with(p));
    if !(own.is_empty() || pronoun_first) {
        return None;
    }
    sentence_subject(ctx, sentences, first, gender)
}

/// The subject of the narrative sentence before sentence `first`, when it agrees with
/// `gender`.
fn sentence_subject(
    ctx: &Context,
    sentences: &[Sentence],
    first: usize,
    gender: Option<Gender>,
) -> Option<Speaker> {
    let previous = sentences.get(first.checked_sub(1)?)?;
    let prose = &ctx.text[previous.span.range()];
    if !is_narrative(prose) {
        return None;
    }
    // `Haugland met the elders. He said they asked for pipes. “…,” he said.`: a
    // sentence whose subject is the same pronoun refers further back, in its paragraph.
    let pronoun = match gender {
        Some(Gender::Male) => Some("He "),
        Some(Gender::Female) => Some("She "),
        None => None,
    };
    let same_paragraph = first >= 2 && sentences[first - 2].paragraph == previous.paragraph;
    if pronoun.is_some_and(|p| prose.trim_start().starts_with(p)) && same_paragraph {
        return sentence_subject(ctx, sentences, first - 1, gender);
    }
    let mut subject = speaker::subject(ctx, previous.span)?;
    if subject.gender.is_some_and(|g| Some(g) != gender) {
        return None;
    }
    subject.gender = gender.or(subject.gender);
    Some(subject)
}

/// Whether a sentence is narrative: it does not open with a quotation mark, nor stand
/// inside a quote (its first mark closes one), though it may quote a few words later.
fn is_narrative(sentence: &str) -> bool {
    let sentence = sentence.trim_start();
    let Some((at, mark)) = sentence
        .char_indices()
        .find(|&(_, c)| matches!(c, '“' | '”' | '"' | '«' | '»' | '„'))
    else {
        return true;
    };
    let opens = match mark {
        '“' | '«' | '„' => true,
        '"' => sentence[..at].ends_with(char::is_whitespace),
        _ => false,
    };
    at > 0 && opens
}
