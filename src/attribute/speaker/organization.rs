//! Rules for a phrase whose speaker is an organization: a listed one named in the phrase,
//! an acronym spelled out earlier, or a phrase with an organization word (`the Mission
//! said`, `the press service of …`) that names its body, the issuing office or the body
//! named before. How an organization's name is cut is [`super::org`]'s.

use std::ops::ControlFlow;

use super::earlier::{author_before, org_named_before, spelled_out};
use super::org::{is_place, press_service_of};
use super::titles::{goes_on, title_word};
use super::tokens::{comma_chunks, span_of, Token};
use super::words::{is_acronym, without_possessive};
use super::{Context, Phrase, SpeakerResolution, Verdict};
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::{Speaker, SpeakerType};
use crate::gazetteer::{EntityRef, EntityType};

/// `the Mission said`: the issuing office with that word in its name, else the first;
/// `the Central Election Commission said`: an organization by its own name; `a statement
/// on the Agency’s website reads`: the Agency named in full before.
pub(super) fn organization_word(p: &Phrase) -> Verdict {
    let ctx = p.ctx;
    // The first comma chunk: `The Observation Mission, led by ODIHR, said`.
    let chunks = comma_chunks(ctx.text, &p.toks);
    let toks = chunks.first().copied().unwrap_or(&p.toks);
    // `Tajikistan's State Committee for National Security`: a country's possessive is
    // a determiner too.
    let owner = without_possessive(toks[0].word);
    let possessive = owner.len() < toks[0].word.len() && is_place(ctx.gazetteer, owner);
    let determiner = matches!(p.first.as_str(), "the" | "a" | "an") || possessive;
    // Longer only as a name (`the Ministry of Foreign Affairs of Azerbaijan`), or as a
    // unit of one (`the press service of the Chernihiv Regional Military Administration`).
    let name_from = unit_of(toks).unwrap_or(1);
    let long = toks.len() > 6 && !(toks.len() <= 12 && toks[name_from..].iter().all(title_word));
    if !determiner || long {
        return ControlFlow::Continue(());
    }
    // `the office said`, `the ministry’s press service`: in lower case too.
    let org_words: Vec<&str> = toks
        .iter()
        .filter_map(|t| {
            let word = without_possessive(t.word);
            LEXICON.organization_word(word)
        })
        .collect();
    let titled = person_title(toks);
    if org_words.is_empty() || titled {
        return ControlFlow::Continue(());
    }
    let found = organization_named(ctx, &chunks, toks, &org_words);
    let Some((name, entity)) = found else {
        return ControlFlow::Break(None);
    };
    // `the Zhambyl regional administration's press service`: it speaks for the body.
    let name = press_service_of(&name).map_or(name.clone(), str::to_string);
    let speaker = Speaker {
        entity,
        name: Some(name.into()),
        kind: SpeakerType::Organization,
        ..Speaker::unknown()
    };
    ControlFlow::Break(Some((speaker, SpeakerResolution::Organization)))
}

/// The organization a phrase with an organization word names: the issuing office with
/// that word, the name as written (over commas through a portfolio), the organization
/// named before, a statement's author, or the first issuing office.
fn organization_named(
    ctx: &Context,
    chunks: &[&[Token]],
    toks: &[Token],
    org_words: &[&str],
) -> Option<(String, Option<EntityRef>)> {
    let named = toks[1..]
        .iter()
        .all(|t| t.word.chars().next().is_some_and(char::is_uppercase));
    let issuers = ctx.issued_by.iter().zip(ctx.issuer_ids);
    let issuer = issuers.clone().find(|(i, _)| {
        org_words
            .iter()
            .any(|w| i.split_whitespace().any(|x| x == *w))
    });
    // `the office said` after `the General Prosecution Office said`: the organization
    // named before, then the first issuing office (a publisher's name does not hold the
    // word).
    let named_before = || {
        let name = org_words.iter().find_map(|w| org_named_before(ctx, w))?;
        Some((name.to_string(), ctx.gazetteer.lookup(name)))
    };
    let first_issuer = || {
        let (issuer, id) = issuers.clone().next()?;
        Some((issuer.clone(), *id))
    };
    // `the Ministry of Agriculture, Regional Development and Environment`: over commas.
    let name_end = chunks
        .iter()
        .skip(1)
        .take_while(|c| goes_on(ctx, c))
        .last()
        .map_or(toks[toks.len() - 1].span.end, |c| c[c.len() - 1].span.end);
    let unit = unit_of(toks);
    match issuer {
        Some((issuer, id)) => Some((issuer.clone(), *id)),
        None if named && toks.len() > 2 => {
            let name = ctx.text[toks[1].span.start..name_end].to_string();
            let id = ctx.gazetteer.lookup(&name);
            Some((name, id))
        }
        None if named => named_before().or_else(|| first_issuer().filter(|_| toks.len() == 2)),
        // `the press service of the Chernihiv Regional Military Administration`: the body.
        None if unit.is_some() => {
            let from = unit.unwrap_or(1);
            let name = &ctx.text[toks[from].span.start..name_end];
            Some((name.to_string(), ctx.gazetteer.lookup(name)))
        }
        // `The Aqtobe regional police department`: a name in lower case after a place.
        None if toks[1].word.starts_with(char::is_uppercase) && toks.len() > 2 => {
            let name = &ctx.text[toks[1].span.start..name_end];
            Some((name.to_string(), None))
        }
        None => named_before()
            .or_else(|| author_before(ctx, org_words))
            .or_else(first_issuer),
    }
}

/// Where the body's name starts in a phrase that names a unit of it in lower case (`the
/// press service of the Chernihiv Regional Military Administration`): the token after `of`
/// (and `the`), when capitalised words follow to the end.
fn unit_of(toks: &[Token]) -> Option<usize> {
    let of = 1 + toks.get(1..)?.iter().position(|t| t.word == "of")?;
    let lower_unit = toks[1..of]
        .iter()
        .all(|t| t.word.starts_with(char::is_lowercase));
    let from = of + 1 + usize::from(toks.get(of + 1).is_some_and(|t| t.word == "the"));
    let named = from < toks.len() && toks[from..].iter().all(title_word);
    (of > 1 && lower_unit && named).then_some(from)
}

/// Whether the phrase of an organization names a person's title: a title as written
/// (`the Mission's Head`, `the Head of Mission`), not a lower-case word that is also one
/// (`the regional police department`), a word of the name's portfolio (`the Ministry of
/// Foreign Affairs`) or one inside the name (`the Kharkiv Regional Military
/// Administration`).
fn person_title(toks: &[Token]) -> bool {
    let org_at = toks
        .iter()
        .rposition(|t| {
            LEXICON
                .organization_word(without_possessive(t.word))
                .is_some()
        })
        .unwrap_or(0);
    let is_title =
        |t: &Token| matches!(LEXICON.kind(t.word), Some(WordKind::Title | WordKind::Rank));
    let connector = |t: &Token| matches!(t.word, "of" | "for" | "on" | "at");
    toks[org_at..]
        .iter()
        .take_while(|t| !connector(t))
        .any(is_title)
        || toks[..org_at]
            .iter()
            .enumerate()
            .any(|(i, t)| is_title(t) && toks[i..org_at].iter().any(connector))
}

/// `The CoES said`, `GYLA said`: an acronym the gazetteers do not list names a body, by
/// the name the text spells out for it before.
pub(super) fn acronym(p: &Phrase) -> Verdict {
    let toks = match p.toks.split_first() {
        Some((the, rest)) if the.word.eq_ignore_ascii_case("the") => rest,
        _ => &p.toks[..],
    };
    let [only] = toks else {
        return ControlFlow::Continue(());
    };
    if !is_acronym(only.word) {
        return ControlFlow::Continue(());
    }
    let name = spelled_out(p.ctx, only.word).unwrap_or(only.word);
    let speaker = Speaker {
        name: Some(name.into()),
        kind: SpeakerType::Organization,
        entity: p.ctx.gazetteer.lookup(name),
        ..Speaker::unknown()
    };
    ControlFlow::Break(Some((speaker, SpeakerResolution::Organization)))
}

/// An organization named in the phrase and listed in the gazetteers; an issuing office
/// by the name it is issued under.
pub(super) fn organization_mention(p: &Phrase) -> Verdict {
    let ctx = p.ctx;
    // The first comma chunk speaks: not `ODIHR` in `The Observation Mission, led by
    // ODIHR,`.
    let chunks = comma_chunks(ctx.text, &p.toks);
    let first = chunks.first().map_or(p.span, |c| span_of(c, 0, c.len()));
    let Some(m) = ctx.mention_in(first, EntityType::Organization) else {
        return ControlFlow::Continue(());
    };
    let issuer = ctx
        .issued_by
        .iter()
        .zip(ctx.issuer_ids)
        .find(|(_, id)| **id == Some(m.entity))
        .map(|(name, _)| name);
    let written = &ctx.text[m.span.range()];
    let name = issuer
        .map(String::as_str)
        .or_else(|| spelled_out(ctx, written))
        .unwrap_or(written);
    let speaker = Speaker {
        name: Some(name.into()),
        kind: SpeakerType::Organization,
        entity: Some(m.entity),
        ..Speaker::unknown()
    };
    ControlFlow::Break(Some((speaker, SpeakerResolution::Organization)))
}
