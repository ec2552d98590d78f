//! Rules for a speaker with no name: an unnamed one described by a noun (`one
//! participant`, `a local teacher`, `one of the trainees`), whose noun is the role, and an
//! epithet for someone met before (`the veteran diplomat`). Named people are
//! [`super::person`]'s.

use std::ops::ControlFlow;

use super::names::is_name_word;
use super::role::role_and_org;
use super::titles::is_apposition;
use super::tokens::{comma_chunks, span_of, word_starts, Token};
use super::words::{singular_of, without_possessive, DETERMINERS};
use super::{parse, Context, Order, Phrase, SpeakerResolution, Verdict};
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::{Speaker, SpeakerType};
use crate::span::Span;

/// `one participant`, `a local teacher`: no name, the noun is the role; `a statement on
/// the website` is an organization's word, for [`super::organization::organization_word`].
pub(super) fn unnamed(p: &Phrase) -> Verdict {
    let (ctx, toks) = (p.ctx, &p.toks);
    if !DETERMINERS.contains(&p.first.as_str()) {
        return ControlFlow::Continue(());
    }
    let chunks = comma_chunks(ctx.text, toks);
    if !describes_someone(ctx, toks, &chunks) {
        return ControlFlow::Continue(());
    }
    const STOP: &[&str] = &[
        "from", "of", "in", "at", "with", "who", "during", "after", "for", "on",
    ];
    // `one of the trainees`: the role is the noun, in the singular.
    let (from, plural) = match toks.get(1..3).map(|t| (t[0].word, t[1].word)) {
        Some(("of", "the")) => (3, true),
        _ => (1, false),
    };
    // The noun phrase ends at a preposition or at the end of its comma chunk; a
    // possessive (`the hotline’s consultants`) is not part of it.
    let mut role: Vec<&str> = Vec::new();
    let mut org: Vec<&str> = Vec::new();
    for t in toks[from.min(toks.len())..].iter() {
        if STOP.contains(&t.word) {
            break;
        }
        if t.word.starts_with(char::is_uppercase) && role.is_empty() {
            org.push(t.word);
        } else if without_possessive(t.word) == t.word && !t.word.ends_with("-year-old") {
            // `a 67-year-old retired teacher`: an age is not part of the role.
            role.push(t.word);
        }
        if ctx.text[t.span.end..].starts_with(',') {
            break;
        }
    }
    // `One of them`: someone unnamed, with no role.
    let singular;
    if plural {
        if let Some(last) = role.pop() {
            singular = singular_of(last);
            role.push(&singular);
        }
    }
    let mut speaker = Speaker {
        role: (!role.is_empty()).then(|| role.join(" ").into()),
        org: (!org.is_empty()).then(|| org.join(" ").into()),
        ..Speaker::unknown()
    };
    described_with_body(ctx, chunks.get(1).copied(), &mut speaker);
    if speaker.org.is_none() && !plural {
        let chunk = chunks.first().copied().unwrap_or(toks);
        body_after_noun(ctx, &chunk[from.min(chunk.len())..], &mut speaker);
    }
    ControlFlow::Break(Some((speaker, SpeakerResolution::Unnamed)))
}

/// Whether a phrase after a determiner describes someone unnamed: a noun in lower case or
/// a listed one, not an organization's word as the head, and no name in the next chunk.
fn describes_someone(ctx: &Context, toks: &[Token], chunks: &[&[Token]]) -> bool {
    // The head noun: the last word before a preposition or the chunk's end. An
    // organization's words before a lower-case head only say whom the person works for
    // (`An Afghan Border Police dog handler`); an organization's word as the head is the
    // organization's (`a statement on the website`).
    let head = toks[1.min(toks.len())..]
        .iter()
        .take_while(|t| {
            !matches!(
                t.word,
                "from" | "of" | "in" | "at" | "with" | "who" | "on" | "for"
            )
        })
        .last();
    let org_kind =
        |t: &Token| LEXICON.kind(without_possessive(t.word)) == Some(WordKind::Organization);
    let lower_org_word = toks
        .iter()
        .any(|t| t.word.starts_with(char::is_lowercase) && org_kind(t));
    let head_lower = head.is_some_and(|t| t.word.starts_with(char::is_lowercase) && !org_kind(t));
    let org_word = toks.iter().any(org_kind) && (lower_org_word || !head_lower);
    let lower_noun = toks
        .get(1)
        .is_some_and(|t| t.word.chars().next().is_some_and(char::is_lowercase))
        || head.is_some_and(|t| t.word.starts_with(char::is_lowercase));
    let unnamed_word = toks
        .iter()
        .any(|t| LEXICON.kind(t.word) == Some(WordKind::Unnamed));
    // `her grandmother, Mavluda Sharipova`: a name in the next chunk is the speaker.
    let named_next = chunks
        .get(1)
        .is_some_and(|c| c.len() >= 2 && c.iter().all(|t| is_name_word(ctx, t)));
    !org_word && !named_next && (lower_noun || unnamed_word)
}

/// `a spokesperson for Azerbaijan Caspian Shipping Company`: the body named after an
/// unnamed speaker's noun (`noun_phrase`), when its role is that noun; a body in lower case
/// (`the school in Grigoriopol`) is none.
fn body_after_noun(ctx: &Context, noun_phrase: &[Token], speaker: &mut Speaker) {
    if !noun_phrase
        .iter()
        .any(|t| t.word.starts_with(char::is_uppercase))
    {
        return;
    }
    let mut split = Speaker::unknown();
    role_and_org(ctx, span_of(noun_phrase, 0, noun_phrase.len()), &mut split);
    let named = split
        .org
        .as_deref()
        .is_some_and(|o| o.starts_with(char::is_uppercase));
    if split.role == speaker.role && named {
        speaker.org = split.org;
        speaker.org_entity = split.org_entity;
    }
}

/// `One participant, a judge at the Cahul District Court,`: for someone unnamed, an
/// indefinite description in the next chunk that names a body says more than the noun
/// (`One survivor, a mother of three,` does not).
pub(super) fn described_with_body(ctx: &Context, next: Option<&[Token]>, speaker: &mut Speaker) {
    let Some(next) = next.filter(|c| matches!(c[0].word, "a" | "an") && is_apposition(c)) else {
        return;
    };
    let mut split = Speaker::unknown();
    role_and_org(ctx, span_of(next, 0, next.len()), &mut split);
    // A body, not the town someone comes from (`an interpreter from Vršac`).
    let body = |o: &str| {
        o.split(' ')
            .any(|w| LEXICON.kind(w) == Some(WordKind::Organization))
    };
    let named = split.org_entity.is_some() || split.org.as_deref().is_some_and(body);
    if split.role.is_some() && named {
        speaker.role = split.role;
        speaker.org = split.org;
        speaker.org_entity = split.org_entity;
    }
}

/// `the veteran diplomat said`, `the UN official told reporters`: the person last named
/// with a role, not the organization in the phrase. Nobody yet: the narrative is read for
/// people and the phrase parsed again.
pub(super) fn epithet(p: &Phrase) -> Verdict {
    let epithet = p.toks.last().is_some_and(|t| {
        t.word.starts_with(char::is_lowercase)
            && !t.word.ends_with('s')
            && LEXICON.kind(t.word) == Some(WordKind::Unnamed)
    });
    if p.first != "the" || !epithet || p.toks.len() > 4 {
        return ControlFlow::Continue(());
    }
    if let Some(someone) = introduced_unnamed(p.ctx, p.toks[p.toks.len() - 1].word) {
        return ControlFlow::Break(Some((someone, SpeakerResolution::Unnamed)));
    }
    let found =
        p.last_person(|p| p.kind == SpeakerType::Person && (p.role.is_some() || p.org.is_some()));
    ControlFlow::Break(found.map(|person| (person.clone(), SpeakerResolution::Title)))
}

/// `A NATO official … said …. “…,” the official said`: the unnamed person the text
/// introduced with `a` and the same noun, in the sentences just before the quote.
fn introduced_unnamed(ctx: &Context, noun: &str) -> Option<Speaker> {
    let (from, before) = ctx.text_before();
    // The last two sentences or so: an earlier `a lawyer` is someone else by now.
    let mut near = before.len().saturating_sub(400);
    while !before.is_char_boundary(near) {
        near += 1;
    }
    let at = near + before[near..].rfind(&format!(" {noun}"))?;
    let lead = &before[..at];
    // Within the noun's own sentence.
    let sentence = lead.rfind(['\n', '.', '!', '?']).map_or(0, |i| i + 1);
    let offset = lead.len() - lead[sentence..].trim_start().len();
    let words: Vec<(usize, &str)> = word_starts(&lead[offset..]).collect();
    let (article_at, _) = *words
        .iter()
        .rev()
        .take(4)
        .find(|(_, w)| matches!(*w, "A" | "An" | "a" | "an"))?;
    let start = from + offset + article_at;
    if !ctx.text.is_char_boundary(start) {
        return None;
    }
    let span = Span::new(start, from + at + 1 + noun.len());
    let (speaker, resolution) = parse(ctx, span, Order::SpeakerFirst)?;
    (resolution == SpeakerResolution::Unnamed).then_some(speaker)
}
