//! A quoted span in its window: the sentences that hold it and the text around it where
//! attributions stand ([`Place`]), whether it is a quotation at all (not a title of a work
//! or a scare quote), and the [`Quote`] it becomes with or without a cue. Finding the cue
//! is not done here.

use super::cues::Attribution;
use super::lexicon::LEXICON;
use super::quote::confidence;
use super::{marks, Cue, Quote, QuoteKind, Speaker};
use crate::segment::Sentence;
use crate::span::Span;

/// How far back from its opening mark a quote's sentence is read for an attribution
/// (`Name, Role of Org, said: “…”`): far more than any real sentence's lead-in.
const MAX_LEFT: usize = 2000;

/// Where a quoted span stands: its first and last sentence, and the text of those
/// sentences before and after it, where attributions are looked for.
pub(super) struct Place {
    pub(super) first: usize,
    pub(super) last: usize,
    /// From the first sentence's start (at most [`MAX_LEFT`] bytes back) to the opening
    /// mark.
    pub(super) left: Span,
    /// From the closing mark to the end of the last sentence or the next opening mark.
    pub(super) right: Span,
}

impl Place {
    /// Whether the text after the quote holds no speech verb: no tag follows it.
    pub(super) fn untagged_after(&self, text: &str) -> bool {
        LEXICON.verbs_in(&text[self.right.range()]).is_empty()
    }

    pub(super) fn of(
        text: &str,
        sentences: &[Sentence],
        m: &marks::Marked,
        next_open: usize,
    ) -> Option<Self> {
        let first = sentence_at(sentences, m.outer.start)?;
        let last = sentence_at(sentences, m.outer.end - 1)?;
        let right = Span::new(
            m.outer.end,
            sentences[last].span.end.min(next_open).max(m.outer.end),
        );
        // An attribution before the quote stands in its last words; a sentence of
        // megabytes (text without full stops) must not be re-read for every quote in it.
        let mut floor = m.outer.start.saturating_sub(MAX_LEFT);
        while !text.is_char_boundary(floor) {
            floor -= 1;
        }
        let left = Span::new(sentences[first].span.start.max(floor), m.outer.start);
        Some(Place {
            first,
            last,
            left,
            right,
        })
    }
}

fn sentence_at(sentences: &[Sentence], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= at);
    (i < sentences.len() && sentences[i].span.start <= at).then_some(i)
}

/// The span of each paragraph of the window, from its sentences.
pub(super) fn paragraph_spans(sentences: &[Sentence]) -> Vec<Span> {
    let mut paragraphs: Vec<Span> = Vec::new();
    for s in sentences {
        match paragraphs.get_mut(s.paragraph) {
            Some(p) => p.end = s.span.end,
            None => paragraphs.push(s.span),
        }
    }
    paragraphs
}

/// A quoted title or scare quote rather than a quotation: right after `so-called`;
/// capitalised and right after a word such as `handbook` or `titled`
/// (`data/title_nouns.txt`); or written in title case without a final mark
/// (`“Policing in Multi-Ethnic Communities”`).
pub(super) fn is_title(text: &str, m: &marks::Marked) -> bool {
    let inner = &text[m.inner.range()];
    let capitalised = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    // The word right before the mark, with nothing but a space between.
    let before = text[..m.outer.start]
        .strip_suffix(' ')
        .and_then(|b| b.rsplit(' ').next())
        .unwrap_or("");
    if matches!(before, "so-called" | "self-proclaimed" | "self-styled") {
        return true;
    }
    if capitalised && before.starts_with(char::is_lowercase) && LEXICON.title_nouns.contains(before)
    {
        return true;
    }
    // Title case: every word of four or more letters capitalised, no final mark (also
    // none before the closing mark: `“Nobody hid it,” said …`).
    let marked = text[m.outer.range()].trim_end_matches(|c: char| marks::is_mark(c));
    if inner.trim_end().ends_with(['.', '!', '?', ',', '…']) || marked.ends_with(',') {
        return false;
    }
    let mut words = 0;
    let mut long = 0;
    for w in inner.split_whitespace() {
        words += 1;
        if w.chars().nth(3).is_some() {
            long += 1;
            if !w.starts_with(char::is_uppercase) {
                return false;
            }
        }
    }
    words >= 2 && long > 0
}

/// A quoted string that reads as a full sentence of speech.
fn is_full_sentence(text: &str) -> bool {
    let starts_upper = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    starts_upper
        && text.split_whitespace().nth(3).is_some()
        && text.trim_end().ends_with(['.', '!', '?', ',', '…'])
}

/// The quote of the span `m`: attributed as `found` says, or kept without a speaker when
/// it reads as a full sentence standing as its own clause; `None` otherwise.
pub(super) fn new_quote(
    text: &str,
    m: &marks::Marked,
    place: &Place,
    found: Option<Attribution>,
) -> Option<Quote> {
    // A quote recovered at its paragraph's end has no closing mark to leave out.
    let inner_end = m.outer.end
        - text[..m.outer.end]
            .chars()
            .next_back()
            .filter(|&c| marks::is_mark(c))
            .map_or(0, char::len_utf8);
    // The quoted words with the attribution comma that `inner` leaves out.
    let inner = &text[m.inner.start..inner_end];
    let left_text = text[place.left.range()].trim_end();
    let starts_clause = left_text.is_empty() || left_text.ends_with([':', ',', '—', '–']);
    // `“Stay indoors after dark”, – it was written in the bulletin`: an impersonal tag
    // marks speech that has no speaker.
    let impersonal = || {
        let tag = text[place.right.range()]
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–' | '—'));
        ["it was ", "it is ", "as was ", "as it was "]
            .iter()
            .any(|lead| tag.starts_with(lead))
    };
    let Some(found) = found else {
        return ((is_full_sentence(inner) || impersonal()) && starts_clause).then(|| Quote {
            span: m.inner,
            kind: QuoteKind::Direct,
            speaker: Speaker::unknown(),
            verb: None,
            cue: Cue::None,
            resolution: None,
            confidence: 0.0,
        });
    };
    let continues = matches!(found.cue, Cue::Split | Cue::Continuation);
    let direct = continues
        || starts_clause
            && (is_full_sentence(inner) || inner.chars().next().is_some_and(char::is_uppercase));
    Some(Quote {
        span: m.inner,
        kind: if direct {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        },
        confidence: confidence(found.cue, found.resolution),
        speaker: found.speaker,
        verb: found.verb,
        cue: found.cue,
        resolution: found.resolution,
    })
}
