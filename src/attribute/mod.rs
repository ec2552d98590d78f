//! Stage 4, attribute: quotation marks → [`Quote`]s with their speaker, role and
//! organization.
//!
//! Each window of an article (all of a short one) goes through these steps, in
//! `attribute_window`:
//! 1. pair the quotation marks over the whole window ([`marks`]), so a quote may cover
//!    several sentences or paragraphs, and split a quote interrupted by its own tag;
//! 2. drop titles of works and scare quotes, and place each quote in its sentences
//!    (`place.rs`);
//! 3. meet the people named before the quote (`discourse.rs`);
//! 4. try the cues in order (`cues/`): the second half of a split quote, a tag after the
//!    quote, a lead-in before it, the narrative sentence before it, a continuation of the
//!    quote before; the narrative is read for people only when a cue refers back;
//! 5. resolve the speaker phrase a cue found (`speaker/`): a name, a surname or a title
//!    introduced earlier, a pronoun, an organization, an unnamed speaker, or a surname
//!    never introduced in full, with the role and organization split from the title;
//! 6. record the quote (`place.rs`, `quote.rs`) and remember its speaker.
//!
//! The resolution is appended to the cue (`quote_speaker_verb+pronoun`). Quoted strings
//! with no cue are kept (kind `direct`, no speaker) only when they read as a full sentence
//! (capitalised, four or more words, ending in a stop or a comma). Titles of works (after
//! `handbook`, `report`, `titled`… or in title case) and scare quotes are dropped. Unpaired
//! marks are counted; they never stop anything. Indirect speech without marks is not
//! extracted.

mod cues;
mod discourse;
pub mod lexicon;
pub mod marks;
mod place;
mod quote;
mod speaker;

use crate::gazetteer::{EntityRef, Gazetteer, Match};
use crate::segment::Sentence;
use crate::span::Span;
use cues::PreviousQuote;
use discourse::Discourse;
use lexicon::LEXICON;
use place::Place;
pub use quote::{Attributed, Cue, Quote, QuoteKind, Speaker, SpeakerType};
use speaker::Context;
pub use speaker::{PersonRoles, SpeakerResolution};

/// Longer articles are attributed in windows of about this many bytes, cut between
/// paragraphs where one allows it. A pronoun, surname or title is resolved within its
/// window, so each quote costs at most a window's work: a press release is a few
/// kilobytes, but a multi-megabyte text (a dump, a broken page) would take time quadratic in
/// its length. Articles up to this size are attributed whole.
const WINDOW: usize = 256 << 10;

/// Finds and attributes the quotes of an article. `mentions` are the gazetteer matches
/// of the article, sorted; `roles` come from [`PersonRoles::new`] on the same gazetteer;
/// `issued_by` names the organization behind `the Mission said`, and `issuer_ids` are
/// their gazetteer entries ([`Gazetteer::lookup`] of each).
pub fn attribute(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Match],
    gazetteer: &Gazetteer,
    roles: &PersonRoles,
    issued_by: &[String],
    issuer_ids: &[Option<EntityRef>],
) -> Attributed {
    let whole = |sentences: &[Sentence], mentions: &[Match]| {
        let resources = Context {
            text,
            mentions,
            gazetteer,
            issued_by,
            issuer_ids,
            roles,
            people: &[],
            before: 0,
            window: match (sentences.first(), sentences.last()) {
                (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
                _ => Span::new(0, 0),
            },
        };
        attribute_window(sentences, resources)
    };
    if text.len() <= WINDOW {
        return whole(sentences, mentions);
    }
    let mut all = Attributed {
        quotes: Vec::new(),
        unpaired_marks: 0,
    };
    let mut from = 0;
    while from < sentences.len() {
        let start = sentences[from].span.start;
        let mut to = from + 1;
        while to < sentences.len() && sentences[to].span.end - start <= WINDOW {
            to += 1;
        }
        // Back to the last paragraph break inside the window, if there is one.
        if to < sentences.len() {
            if let Some(k) = (from + 1..=to)
                .rev()
                .find(|&k| sentences[k].paragraph != sentences[k - 1].paragraph)
            {
                to = k;
            }
        }
        // Paragraph numbers from 0 within the window, as in a whole article.
        let base = sentences[from].paragraph;
        let window: Vec<Sentence> = sentences[from..to]
            .iter()
            .map(|s| Sentence {
                span: s.span,
                paragraph: s.paragraph - base,
            })
            .collect();
        let end = sentences[to - 1].span.end;
        let first = mentions.partition_point(|m| m.span.start < start);
        let last = mentions.partition_point(|m| m.span.start < end);
        let part = whole(&window, &mentions[first..last.max(first)]);
        all.quotes.extend(part.quotes);
        all.unpaired_marks += part.unpaired_marks;
        from = to;
    }
    all
}

/// [`attribute`] on the sentences of one window (all of a short article), with the text,
/// the window's mentions and the shared resources in `resources`. For each quoted span:
/// pair the marks, place the quote in its sentences, meet the people named before it,
/// try the cues in order (reading the narrative when a cue refers back), then record it.
fn attribute_window(sentences: &[Sentence], resources: Context) -> Attributed {
    let text = resources.text;
    // 1. Pair the marks.
    let (mut marked, unpaired_marks) = marks::find(text, &place::paragraph_spans(sentences));
    marks::split_interruptions(text, &mut marked, |tag| !LEXICON.verbs_in(tag).is_empty());
    let mut discourse = Discourse::new(sentences, &marked);
    let mut quotes: Vec<Quote> = Vec::new();
    let mut previous: Option<PreviousQuote> = None;
    for (qi, m) in marked.iter().enumerate() {
        // 2. Keep quotations, and place them in their sentences.
        if place::is_title(text, m) {
            continue;
        }
        let next_open = marked.get(qi + 1).map_or(usize::MAX, |n| n.outer.start);
        let Some(place) = Place::of(text, sentences, m, next_open) else {
            continue;
        };
        // 3. Meet the people named before the quote.
        let ctx = Context {
            before: m.outer.start,
            ..resources
        };
        discourse.meet_mentions(&ctx);
        // 4, 5. Try the cues, each resolving the speaker phrase it finds; the narrative is
        // read only where a cue refers back.
        let split = cues::split_speaker(text, previous.as_ref(), &place, m);
        let cue = |people: &[Speaker]| {
            let ctx = Context { people, ..ctx };
            let found = cues::try_cues(&ctx, sentences, &place, split.as_ref())?;
            Some(cues::resolve_pronoun(&ctx, sentences, place.first, found))
        };
        let floor = cues::narrative_floor(text, sentences, &place, previous.as_ref());
        let found = discourse
            .read_for(&ctx, (place.first, floor), cue(&discourse.people), cue)
            .or_else(|| cues::continuation(&ctx, sentences, &place, previous.as_ref()));
        // 6. Record the quote and remember its speaker.
        let Some(mut quote) = place::new_quote(text, m, &place, found) else {
            continue;
        };
        discourse.complete(
            &mut quote.speaker,
            sentences[place.last].span.end.max(m.outer.end),
        );
        previous = Some(PreviousQuote::of(&quote, m, &place, sentences));
        quotes.push(quote);
    }
    Attributed {
        quotes,
        unpaired_marks,
    }
}
