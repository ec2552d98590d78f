//! Stage 4, attribute: quotation marks → [`Quote`]s with their speaker, role and
//! organization.
//!
//! Quoted spans are found over the whole article ([`marks`]), so a quote may cover several
//! sentences or paragraphs. Each quote is then attributed by the first rule that fires:
//! 1. after the quote, in the sentence where it ends: `“…,” said [Title] Name[, role]`
//!    (`quote_verb_speaker`) or `“…,” Name said` (`quote_speaker_verb`);
//! 2. before the quote, in the sentence where it starts: `Name[, role,] said: “…”`,
//!    `Speaking at X, Name noted: “…”`, `He stressed that “…”` (`speaker_verb_quote`), and
//!    `According to Name, “…”` (`according_to`);
//! 3. the second half of a split quote, `“…,” said Name, “…”` (`split`);
//! 4. a quote with no cue that opens the paragraph right after an attributed quote
//!    (`continuation`).
//!
//! The speaker phrase is resolved by [`speaker`]: a name, a surname or a title introduced
//! earlier, a pronoun (nearest person of that gender), an organization, or an unnamed
//! speaker. The resolution is appended to the cue (`quote_speaker_verb+pronoun`).
//!
//! Quoted strings with no cue are kept (kind `direct`, no speaker) only when they read as a
//! full sentence (capitalised, four or more words, ending in a stop or a comma); titles of
//! reports, project names and scare quotes are dropped. Unpaired marks are counted; they
//! never stop anything.

pub mod lexicon;
pub mod marks;
pub mod speaker;

use serde::Serialize;

use crate::gazetteer::{EntityRef, Gazetteer, Gender, Match};
use crate::segment::Sentence;
use crate::span::Span;
use lexicon::LEXICON;
use speaker::{Context, Order, Resolution};

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
    pub name: Option<String>,
    pub kind: SpeakerType,
    /// The gazetteer entry of the person or organization, when listed.
    pub entity: Option<EntityRef>,
    pub role: Option<String>,
    pub org: Option<String>,
    pub org_entity: Option<EntityRef>,
    pub gender: Option<Gender>,
    /// Title words seen with the name (`Ambassador`, `Head`), for `the Ambassador said`.
    pub titles: Vec<String>,
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

/// The rule that attributed a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    QuoteVerbSpeaker,
    QuoteSpeakerVerb,
    SpeakerVerbQuote,
    AccordingTo,
    Split,
    Continuation,
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
    pub resolution: Option<Resolution>,
    /// 0–1: how much the rule that fired is trusted.
    pub confidence: f32,
}

impl Quote {
    pub fn cue_label(&self) -> String {
        match self.resolution.and_then(Resolution::label) {
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

fn confidence(cue: Cue, resolution: Option<Resolution>) -> f32 {
    let base: f32 = match cue {
        Cue::QuoteVerbSpeaker | Cue::QuoteSpeakerVerb | Cue::SpeakerVerbQuote => 0.95,
        Cue::AccordingTo | Cue::Split => 0.9,
        Cue::Continuation => 0.75,
        Cue::None => 0.0,
    };
    let factor = match resolution {
        Some(Resolution::Name | Resolution::Organization | Resolution::Unnamed) | None => 1.0,
        Some(Resolution::Surname) => 0.9,
        Some(Resolution::Pronoun) => 0.85,
        Some(Resolution::Title) => 0.75,
    };
    // Two decimals: the figure is a rank of rules, not a calibrated probability.
    (base * factor * 100.0).round() / 100.0
}

fn sentence_at(sentences: &[Sentence], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= at);
    (i < sentences.len() && sentences[i].span.start <= at).then_some(i)
}

/// A quoted title rather than a quotation: capitalised and right after a word such as
/// `handbook` or `titled` (`data/title_nouns.txt`), or written in title case without a
/// final mark (`“Policing in Multi-Ethnic Communities”`).
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
        .unwrap_or("")
        .to_lowercase();
    if capitalised && LEXICON.title_nouns.contains(before.as_str()) {
        return true;
    }
    let words: Vec<&str> = inner.split_whitespace().collect();
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    words.len() >= 2
        && !long.is_empty()
        && long
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !inner.trim_end().ends_with(['.', '!', '?', ',', '…'])
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

/// Finds and attributes the quotes of an article. `mentions` are the gazetteer matches
/// of the article, sorted; `issued_by` names the organization behind `the Mission said`.
pub fn attribute(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Match],
    gazetteer: &Gazetteer,
    issued_by: &[String],
) -> Attributed {
    let mut paragraphs: Vec<Span> = Vec::new();
    for s in sentences {
        match paragraphs.get_mut(s.paragraph) {
            Some(p) => p.end = s.span.end,
            None => paragraphs.push(s.span),
        }
    }
    let (marked, unpaired_marks) = marks::find(text, &paragraphs);
    let mut quotes: Vec<Quote> = Vec::new();
    let mut people: Vec<Speaker> = Vec::new();
    let mut next_mention = 0;
    let mut next_sentence = 0;
    // (sentence where the previous quote ended, its paragraph, its speaker if any, the
    // byte after its closing mark)
    let mut previous: Option<(usize, usize, Option<Speaker>, usize)> = None;

    for (qi, m) in marked.iter().enumerate() {
        if is_title(text, m) {
            continue;
        }
        let (Some(first), Some(last)) = (
            sentence_at(sentences, m.outer.start),
            sentence_at(sentences, m.outer.end - 1),
        ) else {
            continue;
        };
        let next_open = marked.get(qi + 1).map_or(usize::MAX, |n| n.outer.start);
        let right = Span::new(
            m.outer.end,
            sentences[last].span.end.min(next_open).max(m.outer.end),
        );
        let left = Span::new(sentences[first].span.start, m.outer.start);
        // People named before the quote are candidates for pronouns, surnames and titles.
        while let Some(p) = mentions
            .get(next_mention)
            .filter(|p| p.span.start < m.outer.start)
        {
            next_mention += 1;
            let entity = gazetteer.entity(p.entity);
            if entity.kind == crate::gazetteer::EntityType::Person {
                let mut person = Speaker::unknown();
                person.kind = SpeakerType::Person;
                person.name = Some(entity.name.clone());
                person.entity = Some(p.entity);
                person.gender = entity.gender;
                person.role = entity.role.clone();
                if !people.iter().any(|q| q.name == person.name) {
                    people.push(person);
                }
            }
        }
        // People introduced in the narrative before the quote (quoted words excluded).
        while let Some(s) = sentences
            .get(next_sentence)
            .filter(|s| s.span.start < m.outer.start)
        {
            next_sentence += 1;
            let mut from = s.span.start;
            let end = s.span.end.min(m.outer.start);
            let start = from;
            for q in marked
                .iter()
                .filter(|q| q.outer.end > start && q.outer.start < end)
            {
                introduce(
                    &mut people,
                    text,
                    mentions,
                    gazetteer,
                    issued_by,
                    Span::new(from, q.outer.start.max(from)),
                );
                from = q.outer.end.min(end);
            }
            if from < end {
                introduce(
                    &mut people,
                    text,
                    mentions,
                    gazetteer,
                    issued_by,
                    Span::new(from, end),
                );
            }
            if s.span.end > m.outer.start {
                next_sentence -= 1; // the rest of this sentence comes after the quote
                break;
            }
        }
        let ctx = Context {
            text,
            mentions,
            gazetteer,
            issued_by,
            people: &people,
            before: m.outer.start,
        };
        // The quoted words with the attribution comma that `inner` leaves out.
        let closing = text[..m.outer.end]
            .chars()
            .next_back()
            .map_or(1, char::len_utf8);
        let inner = &text[m.inner.start..m.outer.end - closing];

        // `“…,” said Name, “…”`: the second half of a split quote, when only the
        // attribution of the first half stands between them.
        let split = previous
            .as_ref()
            .and_then(|(prev_sentence, _, speaker, prev_end)| {
                let between = text[*prev_end..m.outer.start].trim();
                let short = between.split_whitespace().nth(15).is_none();
                (*prev_sentence == first
                    && short
                    && (between.is_empty() || between.ends_with([',', ':', '—', '–'])))
                .then(|| speaker.clone())
                .flatten()
            });
        let mut found = match split {
            Some(speaker) => Some((Cue::Split, None, speaker, None)),
            None => after_quote(&ctx, right).or_else(|| before_quote(&ctx, left)),
        };
        if found.is_none() {
            if let Some((_, prev_paragraph, Some(speaker), _)) = &previous {
                let left_text = text[left.range()].trim();
                let paragraph = sentences[first].paragraph;
                if left_text.is_empty()
                    && (paragraph == *prev_paragraph + 1 || paragraph == *prev_paragraph)
                {
                    found = Some((Cue::Continuation, None, speaker.clone(), None));
                }
            }
        }
        let left_text = text[left.range()].trim_end();
        let starts_clause = left_text.is_empty() || left_text.ends_with([':', ',', '—', '–']);
        let continues = matches!(found, Some((Cue::Split | Cue::Continuation, ..)));
        let kind = if continues
            || starts_clause
                && (is_full_sentence(inner) || inner.chars().next().is_some_and(char::is_uppercase))
        {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        let quote = match found {
            Some((cue, verb, speaker, resolution)) => {
                let mut speaker = speaker;
                if speaker.kind == SpeakerType::Person && speaker.name.is_some() {
                    remember(&mut people, speaker.clone());
                    // A person named again without a role keeps the one given earlier.
                    if let Some(known) = people.last() {
                        if speaker.role.is_none() && speaker.org.is_none() {
                            speaker.role.clone_from(&known.role);
                            speaker.org.clone_from(&known.org);
                            speaker.org_entity = known.org_entity;
                        }
                        speaker.gender = speaker.gender.or(known.gender);
                    }
                }
                Quote {
                    span: m.inner,
                    kind,
                    speaker,
                    verb,
                    cue,
                    resolution,
                    confidence: confidence(cue, resolution),
                }
            }
            None if is_full_sentence(inner) && starts_clause => Quote {
                span: m.inner,
                kind: QuoteKind::Direct,
                speaker: Speaker::unknown(),
                verb: None,
                cue: Cue::None,
                resolution: None,
                confidence: 0.0,
            },
            None => continue,
        };
        let attributed = quote.speaker.name.is_some() || quote.speaker.role.is_some();
        previous = Some((
            last,
            sentences[last].paragraph,
            attributed.then(|| quote.speaker.clone()),
            m.outer.end,
        ));
        quotes.push(quote);
    }
    Attributed {
        quotes,
        unpaired_marks,
    }
}

/// Adds the people named in `span` to `people`, most recent last, merging what is known.
fn introduce(
    people: &mut Vec<Speaker>,
    text: &str,
    mentions: &[Match],
    gazetteer: &Gazetteer,
    issued_by: &[String],
    span: Span,
) {
    if span.is_empty() {
        return;
    }
    let ctx = Context {
        text,
        mentions,
        gazetteer,
        issued_by,
        people,
        before: span.start,
    };
    for person in speaker::introductions(&ctx, span) {
        remember(people, person);
    }
}

/// Moves `person` to the end of `people`, keeping what an earlier mention said of them.
fn remember(people: &mut Vec<Speaker>, mut person: Speaker) {
    if let Some(i) = people.iter().position(|p| p.name == person.name) {
        let old = people.remove(i);
        person.titles.extend(old.titles);
        person.role = person.role.or(old.role);
        person.org = person.org.or(old.org);
        person.org_entity = person.org_entity.or(old.org_entity);
        person.gender = person.gender.or(old.gender);
        person.entity = person.entity.or(old.entity);
    }
    people.push(person);
}

type Found = (Cue, Option<String>, Speaker, Option<Resolution>);

/// `“…,” said Name` and `“…,” Name said`, in the text after the closing mark.
fn after_quote(ctx: &Context, right: Span) -> Option<Found> {
    let raw = &ctx.text[right.range()];
    let skip = raw.len()
        - raw
            .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
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
        return Some((
            Cue::QuoteVerbSpeaker,
            Some(verb.to_string()),
            speaker,
            Some(resolution),
        ));
    }
    let &(at, end) = LEXICON.verbs_in(clause).first()?;
    if clause[..at].split_whitespace().count() > 12 {
        return None;
    }
    let (speaker, resolution) =
        speaker::parse(ctx, Span::new(start, start + at), Order::SpeakerFirst)?;
    Some((
        Cue::QuoteSpeakerVerb,
        Some(clause[at..end].to_string()),
        speaker,
        Some(resolution),
    ))
}

/// `Name said: “…”`, `According to Name, “…”`, in the text before the opening mark.
fn before_quote(ctx: &Context, left: Span) -> Option<Found> {
    let raw = ctx.text[left.range()].trim_end();
    if raw.is_empty() {
        return None;
    }
    let lower = raw.to_lowercase();
    if let Some(at) = lower.rfind("according to ") {
        let from = left.start + at + "according to ".len();
        let phrase = Span::new(from, left.start + raw.len());
        let (speaker, resolution) = speaker::parse(ctx, phrase, Order::VerbFirst)?;
        return Some((Cue::AccordingTo, None, speaker, Some(resolution)));
    }
    let &(at, end) = LEXICON.verbs_in(raw).last()?;
    // Between the verb and the quote only a few words may stand (`told participants:`),
    // except in `described the law as “…”` and before a colon.
    if raw[end..].split_whitespace().count() > 6 && !raw.ends_with(" as") && !raw.ends_with(':') {
        return None;
    }
    let (speaker, resolution) = speaker::parse(
        ctx,
        Span::new(left.start, left.start + at),
        Order::SpeakerFirst,
    )?;
    Some((
        Cue::SpeakerVerbQuote,
        Some(raw[at..end].to_string()),
        speaker,
        Some(resolution),
    ))
}
