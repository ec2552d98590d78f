//! Stage 4, attribute: quotation marks → [`Quote`]s with their speaker, role and
//! organization.
//!
//! Quoted spans are found over the whole article ([`marks`]), so a quote may cover several
//! sentences or paragraphs. Each quote is then attributed by the first cue that fires
//! (`try_cues`, in this order):
//! 1. the second half of a split quote, `“…,” said Name, “…”`, when only the first half's
//!    attribution stands between them (`split`);
//! 2. after the quote, in the sentence where it ends: `“…,” said [Title] Name[, role]`
//!    (`quote_verb_speaker`), `“…,” Name said`, `"…" – Name said` (`quote_speaker_verb`);
//! 3. before the quote, in the sentence where it starts: `Name[, role,] said: “…”`,
//!    `Speaking at X, Name noted: “…”`, `He stressed that “…”` (`speaker_verb_quote`),
//!    `According to Name, “…”` (`according_to`), and a lead-in ending in a colon with no
//!    speech verb (`colon`);
//! 4. when no tag follows the quote, the narrative sentence before it: a tag at its end or
//!    a colon closing the previous paragraph (`previous_sentence`), else its subject
//!    (`after_subject`);
//! 5. a quote with no cue that opens the paragraph right after an attributed quote
//!    (`continuation`).
//!
//! The speaker phrase is resolved by [`speaker`]: a name, a surname or a title introduced
//! earlier, a pronoun (the subject of the narrative sentence before, else the nearest
//! person of that gender), an organization, an unnamed speaker, or a surname never
//! introduced in full. The resolution is appended to the cue
//! (`quote_speaker_verb+pronoun`). The people a phrase may refer back to are kept by the
//! discourse model (`discourse`), which reads the narrative only where a cue needs it.
//!
//! Quoted strings with no cue are kept (kind `direct`, no speaker) only when they read as a
//! full sentence (capitalised, four or more words, ending in a stop or a comma). Titles of
//! works (after `handbook`, `report`, `titled`… or in title case) and scare quotes are
//! dropped. Unpaired marks are counted; they never stop anything. Indirect speech without
//! marks is not extracted.

mod discourse;
pub mod lexicon;
pub mod marks;
pub mod speaker;

use std::sync::{Arc, LazyLock};

use serde::Serialize;

use crate::gazetteer::{EntityRef, Gazetteer, Gender, Match};
use crate::segment::Sentence;
use crate::span::Span;
use discourse::Discourse;
use lexicon::LEXICON;
pub use speaker::PersonRoles;
use speaker::{Context, Order, SpeakerResolution};

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
/// the list each time, which took gigabytes on a page of many short quotes.
pub(crate) fn add_titles(
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

fn confidence(cue: Cue, resolution: Option<SpeakerResolution>) -> f32 {
    let base: f32 = match cue {
        Cue::QuoteVerbSpeaker | Cue::QuoteSpeakerVerb | Cue::SpeakerVerbQuote => 0.95,
        Cue::AccordingTo | Cue::Split => 0.9,
        Cue::Continuation => 0.75,
        Cue::PreviousSentence => 0.85,
        Cue::Subject => 0.6,
        Cue::Colon | Cue::Signature => 0.85,
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

fn sentence_at(sentences: &[Sentence], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= at);
    (i < sentences.len() && sentences[i].span.start <= at).then_some(i)
}

/// A quoted title or scare quote rather than a quotation: right after `so-called`;
/// capitalised and right after a word such as `handbook` or `titled`
/// (`data/title_nouns.txt`); or written in title case without a final mark
/// (`“Policing in Multi-Ethnic Communities”`).
fn is_title(text: &str, m: &marks::Marked) -> bool {
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

/// Longer articles are attributed in windows of about this many bytes, cut between
/// paragraphs where one allows it. A pronoun, surname or title is resolved within its
/// window, so each quote costs at most a window's work: a press release is a few
/// kilobytes, but a multi-megabyte text (a dump, a broken page) took time quadratic in
/// its length. Articles up to this size are attributed whole, as before.
const WINDOW: usize = 256 << 10;

/// How far back from its opening mark a quote's sentence is read for an attribution
/// (`Name, Role of Org, said: “…”`): far more than any real sentence's lead-in.
const MAX_LEFT: usize = 2000;

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
    let (mut marked, unpaired_marks) = marks::find(text, &paragraph_spans(sentences));
    marks::split_interruptions(text, &mut marked, |tag| !LEXICON.verbs_in(tag).is_empty());
    let mut discourse = Discourse::new(sentences, &marked);
    let mut quotes: Vec<Quote> = Vec::new();
    let mut previous: Option<PreviousQuote> = None;
    for (qi, m) in marked.iter().enumerate() {
        if is_title(text, m) {
            continue;
        }
        let next_open = marked.get(qi + 1).map_or(usize::MAX, |n| n.outer.start);
        let Some(place) = Place::of(text, sentences, m, next_open) else {
            continue;
        };
        let ctx = Context {
            before: m.outer.start,
            ..resources
        };
        discourse.meet_mentions(&ctx);
        let split = split_speaker(text, previous.as_ref(), &place, m);
        let cue = |people: &[Speaker]| {
            let ctx = Context { people, ..ctx };
            let found = try_cues(&ctx, sentences, &place, split.as_ref())?;
            Some(resolve_pronoun(&ctx, sentences, place.first, found))
        };
        // An untagged quote that may continue the previous one needs only the narrative
        // since; a tag that found nobody (`the Minister said`) may need all of it.
        let untagged = || text[place.left.range()].trim().is_empty() && place.untagged_after(text);
        let floor = previous
            .as_ref()
            .filter(|p| {
                p.speaker.is_some()
                    && sentences[place.first].paragraph <= p.paragraph + 2
                    && untagged()
            })
            .map_or(0, |p| p.end);
        let found = discourse
            .read_for(&ctx, (place.first, floor), cue(&discourse.people), cue)
            .or_else(|| continuation(&ctx, sentences, &place, previous.as_ref()));
        let Some(mut quote) = new_quote(text, m, &place, found) else {
            continue;
        };
        discourse.complete(
            &mut quote.speaker,
            sentences[place.last].span.end.max(m.outer.end),
        );
        let attributed = quote.speaker.name.is_some() || quote.speaker.role.is_some();
        previous = Some(PreviousQuote {
            sentence: place.last,
            paragraph: sentences[place.last].paragraph,
            speaker: attributed.then(|| quote.speaker.clone()),
            end: m.outer.end,
        });
        quotes.push(quote);
    }
    Attributed {
        quotes,
        unpaired_marks,
    }
}

/// The span of each paragraph of the window, from its sentences.
fn paragraph_spans(sentences: &[Sentence]) -> Vec<Span> {
    let mut paragraphs: Vec<Span> = Vec::new();
    for s in sentences {
        match paragraphs.get_mut(s.paragraph) {
            Some(p) => p.end = s.span.end,
            None => paragraphs.push(s.span),
        }
    }
    paragraphs
}

/// Where a quoted span stands: its first and last sentence, and the text of those
/// sentences before and after it, where attributions are looked for.
struct Place {
    first: usize,
    last: usize,
    /// From the first sentence's start (at most [`MAX_LEFT`] bytes back) to the opening
    /// mark.
    left: Span,
    /// From the closing mark to the end of the last sentence or the next opening mark.
    right: Span,
}

impl Place {
    /// Whether the text after the quote holds no speech verb: no tag follows it.
    fn untagged_after(&self, text: &str) -> bool {
        LEXICON.verbs_in(&text[self.right.range()]).is_empty()
    }

    fn of(text: &str, sentences: &[Sentence], m: &marks::Marked, next_open: usize) -> Option<Self> {
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

/// `“…,” said Name, “…”`: the speaker of the first half, when only its attribution stands
/// between it and this second half of a split quote.
fn split_speaker(
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

/// The cues, in the order they are tried: the second half of a split quote; a tag after
/// the quote; a lead-in before it; the narrative sentence before it (only when no tag
/// follows the quote). [`continuation`] comes last, once the narrative has been read.
fn try_cues(
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
    after_quote(ctx, place.right)
        .or_else(|| before_quote(ctx, place.left))
        .or_else(|| untagged().then(|| signature(ctx, sentences, place))?)
        .or_else(|| untagged().then(|| after_narrative(ctx, sentences, place.first))?)
}

/// A quote that opens its paragraph with no cue of its own continues the previous quote
/// when it stands in the same or the next paragraph, or after one narrative paragraph
/// that names nobody (`The commission received 14 complaints.`).
fn continuation(
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

/// The quote of the span `m`: attributed as `found` says, or kept without a speaker when
/// it reads as a full sentence standing as its own clause; `None` otherwise.
fn new_quote(
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

/// A quote that opens its sentence, attributed by the narrative sentence before it: a
/// tag at that sentence's end (`The seminar was a first step, said Ambassador Lund.`), a
/// lead-in ending in a colon (also at the end of the previous paragraph), or else its
/// subject. A sentence with a quotation mark is not narrative: after a quote, the
/// continuation rule applies instead.
fn after_narrative(ctx: &Context, sentences: &[Sentence], first: usize) -> Option<Attribution> {
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

/// The author named after `by` in a lead-in: `This is a summary of what was said by
/// Name, Title – to whom quoted text may be attributed – at today’s briefing` (the
/// briefing notes of UN agencies, whose quotes follow untagged) and `Spokesperson Lee read
/// the following statement by the Secretary-General, Helena Ruiz:` (the author, not the
/// reader, is the speaker).
fn said_by(ctx: &Context, prose: Span) -> Option<Attribution> {
    let text = &ctx.text[prose.range()];
    let at = ["said by ", "statement by ", "message by ", "remarks by "]
        .iter()
        .filter_map(|key| text.find(key).map(|at| at + key.len()))
        .min()?;
    let end = [" – ", " — ", " - ", " at ", " during ", " on ", ":"]
        .iter()
        .filter_map(|stop| text[at..].find(stop))
        .min()
        .unwrap_or(text.len() - at);
    let phrase = Span::new(prose.start + at, prose.start + at + end);
    let (speaker, resolution) = speaker::parse(ctx, phrase, Order::VerbFirst)?;
    Some(Attribution::new(Cue::Subject, None, speaker, resolution))
}

/// A pronoun refers to the subject of the narrative sentence before sentence `first`,
/// when there is one that fits.
fn resolve_pronoun(
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
    gender: Option<crate::gazetteer::Gender>,
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
    gender: Option<crate::gazetteer::Gender>,
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

/// What a cue found: the rule, the speech verb as written, the speaker and how the
/// speaker phrase was resolved.
struct Attribution {
    cue: Cue,
    verb: Option<String>,
    speaker: Speaker,
    resolution: Option<SpeakerResolution>,
}

impl Attribution {
    fn new(cue: Cue, verb: Option<&str>, speaker: Speaker, resolution: SpeakerResolution) -> Self {
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
struct PreviousQuote {
    /// The sentence and paragraph where it ended.
    sentence: usize,
    paragraph: usize,
    /// Its speaker, when it was attributed to someone.
    speaker: Option<Speaker>,
    /// The byte after its closing mark.
    end: usize,
}

/// `“…,” said Name` and `“…,” Name said`, in the text after the closing mark.
fn after_quote(ctx: &Context, right: Span) -> Option<Attribution> {
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
fn signature(ctx: &Context, sentences: &[Sentence], place: &Place) -> Option<Attribution> {
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

/// `Name said: “…”`, `According to Name, “…”`, in the text before the opening mark.
fn before_quote(ctx: &Context, left: Span) -> Option<Attribution> {
    let raw = ctx.text[left.range()].trim_end();
    if raw.is_empty() {
        return None;
    }
    let lead_in = Span::new(left.start, left.start + raw.len());
    if let Some(found) = according_to(ctx, lead_in) {
        return found;
    }
    if let Some(found) = inverted_or_quoted(ctx, lead_in) {
        return found;
    }
    let verbs = LEXICON.verbs_in(raw);
    let Some(&last) = verbs.last() else {
        return raw.ends_with(':').then(|| colon_lead_in(ctx, lead_in))?;
    };
    // Reported speech: `that`, or a partial quote ending the reported clause (`said the
    // posts on the two rivers were “a small but working example”`).
    let partial = ctx.text[ctx.before..]
        .chars()
        .nth(1)
        .is_some_and(char::is_lowercase);
    // `The WFP said in a report that … a level it called “…”`, `She added that the
    // association had asked the committee …: “…”`: a partial quote or a colon lead-in
    // whose last verb has no speaker before it is the first verb's subject's.
    let colon = raw.ends_with(':');
    let first = verbs
        .first()
        .copied()
        .filter(|&v| (partial || colon) && v != last);
    [Some(last), first]
        .into_iter()
        .flatten()
        .find_map(|(at, end)| {
            // Between the verb and the quote only a few words may stand (`told
            // participants:`), except in `described the law as “…”`, before a colon, and in
            // reported speech (`wrote on X after the event that it would “…”`).
            let between = raw[end..].split_whitespace();
            let reported = partial || between.clone().any(|w| w == "that");
            let limit = match (reported, (at, end) == last) {
                (false, _) => 6,
                (true, true) => 40,
                (true, false) => 40,
            };
            if between.count() > limit && !raw.ends_with(" as") && !raw.ends_with(':') {
                return None;
            }
            // `Many of them, she said, were “…”`: a pronoun tag inside the reported
            // clause is the subject.
            let subject = raw[..at].trim_end();
            let from = match subject.rsplit_once(", ") {
                Some((_, tag @ ("he" | "she"))) => left.start + subject.len() - tag.len(),
                _ => left.start,
            };
            let phrase = Span::new(from, left.start + at);
            let (speaker, resolution) = speaker::parse(ctx, phrase, Order::SpeakerFirst)?;
            Some(Attribution::new(
                Cue::SpeakerVerbQuote,
                Some(&raw[at..end]),
                speaker,
                resolution,
            ))
        })
}

/// `Said Okafor, “…”` (an inverted lead-in, the verb capitalised as the sentence's first
/// word; not `Asked about the region, the Minister said:`) and `The press service quoted
/// Olena Tkachenko, a teacher, as saying: “…”`: `None` when the lead-in is neither, else
/// what its speaker phrase gives.
fn inverted_or_quoted(ctx: &Context, lead_in: Span) -> Option<Option<Attribution>> {
    let raw = &ctx.text[lead_in.range()];
    let inverted = raw.split_once(' ').filter(|(first, rest)| {
        let short = rest.split_whitespace().nth(8).is_none() && LEXICON.verbs_in(rest).is_empty();
        short && raw.ends_with([',', ':']) && LEXICON.is_verb(&first.to_lowercase())
    });
    let (verb, phrase) = if let Some((first, _)) = inverted {
        (
            first,
            Span::new(lead_in.start + first.len() + 1, lead_in.end - 1),
        )
    } else {
        let quoted = raw.rfind(" quoted ")? + " quoted ".len();
        let name_len = raw[quoted..].find(" as saying").filter(|&n| n > 0)?;
        let from = lead_in.start + quoted;
        ("quoted", Span::new(from, from + name_len))
    };
    Some(
        speaker::parse(ctx, phrase, Order::VerbFirst).map(|(speaker, resolution)| {
            Attribution::new(Cue::SpeakerVerbQuote, Some(verb), speaker, resolution)
        }),
    )
}

/// `According to Name, “…”`, `In the words of Name, “…”`: `None` when the lead-in has
/// neither, else what the phrase after them gives.
fn according_to(ctx: &Context, lead_in: Span) -> Option<Option<Attribution>> {
    let raw = &ctx.text[lead_in.range()];
    // In either case, without lower-casing the whole clause; the lead-in can be a
    // paragraph long, so the finders are built once.
    static ACCORDING: LazyLock<[memchr::memmem::FinderRev<'static>; 4]> = LazyLock::new(|| {
        [
            "according to ",
            "According to ",
            "in the words of ",
            "In the words of ",
        ]
        .map(memchr::memmem::FinderRev::new)
    });
    let at = ACCORDING.iter().find_map(|finder| {
        let at = finder.rfind(raw)?;
        Some(at + finder.needle().len())
    })?;
    // `According to her, officers “…”`: the pronoun is the whole phrase.
    let pronoun = ["her,", "him,"]
        .iter()
        .find(|p| raw[at..].starts_with(*p))
        .map_or(0, |p| p.len() - 1);
    let end = if pronoun > 0 {
        lead_in.start + at + pronoun
    } else {
        lead_in.end
    };
    let phrase = Span::new(lead_in.start + at, end);
    Some(
        speaker::parse(ctx, phrase, Order::VerbFirst).map(|(speaker, resolution)| {
            Attribution::new(Cue::AccordingTo, None, speaker, resolution)
        }),
    )
}

/// A lead-in that ends in a colon but has no speech verb: `Lisa Berg, the Spokesperson,
/// issued the following statement:` gives its subject; `He then showed a photograph:`
/// its pronoun; `[Arno Pell, Harbour Master]:` the transcript's label; `the following
/// statement by Name:` the author.
fn colon_lead_in(ctx: &Context, lead_in: Span) -> Option<Attribution> {
    let raw = &ctx.text[lead_in.range()];
    let pronoun = [("He ", Gender::Male), ("She ", Gender::Female)]
        .iter()
        .find_map(|(p, g)| raw.starts_with(p).then_some(*g));
    if let Some(gender) = pronoun {
        let someone = Speaker {
            gender: Some(gender),
            ..Speaker::unknown()
        };
        return Some(Attribution::new(
            Cue::Colon,
            None,
            someone,
            SpeakerResolution::Pronoun,
        ));
    }
    if raw.starts_with('[') && raw.ends_with("]:") {
        let label = Span::new(lead_in.start + 1, lead_in.end - 2);
        let (speaker, resolution) = speaker::parse(ctx, label, Order::VerbFirst)?;
        return Some(Attribution::new(Cue::Colon, None, speaker, resolution));
    }
    if let Some(found) = said_by(ctx, lead_in) {
        return Some(Attribution {
            cue: Cue::Colon,
            ..found
        });
    }
    let subject = speaker::subject(ctx, lead_in)?;
    Some(Attribution::new(
        Cue::Colon,
        None,
        subject,
        SpeakerResolution::Name,
    ))
}
