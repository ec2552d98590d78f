//! Phrases that refer to someone named earlier in the window: a pronoun, a title (`the
//! Ambassador`), a surname, an initial (`V. Salmanli`), a tail of a full name; and the
//! bodies the text named before the quote (`the Agency`, `the NGO Equal Streets`, an
//! acronym spelled out). Only the window's text before the quote is read.

use std::ops::ControlFlow;

use super::names::is_name_word;
use super::titles::title_words;
use super::tokens::{span_of, tokens, word_starts, Token};
use super::words::{is_acronym, ROLE_CONNECTORS};
use super::{Context, Phrase, SpeakerResolution, Verdict};
use crate::attribute::{Speaker, SpeakerType};
use crate::gazetteer::{EntityRef, EntityType, Gender};
use crate::span::Span;

/// `he`, `she`: the nearest person before who fits.
pub(super) fn pronoun(p: &Phrase) -> Verdict {
    let ctx = p.ctx;
    // `according to her`: the object form only as the whole phrase.
    let subject = matches!(p.first.as_str(), "he" | "she") && p.toks.len() <= 3;
    let object = matches!(p.first.as_str(), "him" | "her") && p.toks.len() == 1;
    if !(subject || object) {
        return ControlFlow::Continue(());
    }
    let gender = if matches!(p.first.as_str(), "he" | "him") {
        Gender::Male
    } else {
        Gender::Female
    };
    // The nearest person who fits, unless the one named just before them is known to
    // be of the pronoun's gender and they are not (`The Minister, Tomas Bello, and Ms.
    // Anna Riis signed …` → `she` is Riis).
    let mut fitting = ctx
        .people
        .iter()
        .rev()
        .filter(|p| likely_gender(p).is_none_or(|g| g == gender));
    // Nobody fits yet: the pronoun may still refer to an unnamed subject (`One of the
    // counsellors … described the nights. “…,” she said`), found once it is resolved.
    let Some(nearest) = fitting.next() else {
        let someone = Speaker {
            gender: Some(gender),
            ..Speaker::unknown()
        };
        return ControlFlow::Break(Some((someone, SpeakerResolution::Pronoun)));
    };
    let found = match fitting.next() {
        Some(next) if likely_gender(nearest).is_none() && next.gender == Some(gender) => next,
        _ => nearest,
    };
    let mut speaker = found.clone();
    speaker.gender = Some(gender);
    ControlFlow::Break(Some((speaker, SpeakerResolution::Pronoun)))
}

/// A person's gender as known, else as a Slavic or Baltic surname's ending gives it
/// (`Bajramovska`, `Nazarova`, `-aitė` are women's; `Boboev`, `Dimovski` men's).
fn likely_gender(person: &Speaker) -> Option<Gender> {
    if person.gender.is_some() || person.kind != SpeakerType::Person {
        return person.gender;
    }
    let surname = person.name.as_deref()?.rsplit([' ', '-']).next()?;
    let ends = |endings: &[&str]| endings.iter().any(|e| surname.ends_with(e));
    if ends(&[
        "ova", "eva", "ska", "cka", "ová", "ská", "aitė", "ienė", "ytė",
    ]) {
        Some(Gender::Female)
    } else if ends(&["ov", "ev", "ski", "sky", "cki", "ský"]) {
        Some(Gender::Male)
    } else {
        None
    }
}

/// `the Ambassador`, `the Head of Mission`: the person introduced with that title.
pub(super) fn title_reference(p: &Phrase) -> Verdict {
    if p.first != "the" {
        return ControlFlow::Continue(());
    }
    let titles = title_words(&p.toks);
    if titles.is_empty() {
        return ControlFlow::Continue(());
    }
    let fits = |person: &Speaker| titles.iter().all(|w| person.titles.contains(w));
    // `the Minister` is the Minister before a Deputy Minister named later: a qualifier
    // the phrase lacks makes a weaker fit.
    let qualified = |person: &Speaker| {
        person
            .titles
            .iter()
            .any(|t| QUALIFIERS.contains(t) && !titles.contains(t))
    };
    let found = p
        .last_person(|person| fits(person) && !qualified(person))
        .or_else(|| p.last_person(fits));
    // `the ODIHR Director added` with nobody met yet: the narrative is read for them
    // before the organization is taken.
    let titled = p.toks.last().is_some_and(|t| titles.contains(&t.word));
    match found {
        Some(found) => ControlFlow::Break(Some((found.clone(), SpeakerResolution::Title))),
        None if titled => ControlFlow::Break(None),
        None => ControlFlow::Continue(()),
    }
}

/// Title words that make a lesser or second title of the one they qualify.
const QUALIFIERS: &[&str] = &[
    "Deputy",
    "Acting",
    "Assistant",
    "First",
    "Vice-Chair",
    "Vice-President",
];

/// The most recent person introduced earlier whose full name ends with the words of
/// `tail`, compared without case (`Van den Broek` for `Pieter van den Broek`).
pub(super) fn known_by_tail(ctx: &Context, tail: &str) -> Option<Speaker> {
    let same = |a: &str, b: &str| {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    };
    let tail_words = tail.split_whitespace().count();
    ctx.people.iter().rev().find_map(|p| {
        let name = p.name.as_deref()?;
        let words = name.split_whitespace().count();
        let ends = words > tail_words
            && name
                .split_whitespace()
                .rev()
                .zip(tail.split_whitespace().rev())
                .all(|(a, b)| same(a, b));
        ends.then(|| p.clone())
    })
}

/// `V. Salmanli`: the person named before with that surname and a first name with that
/// initial.
pub(super) fn by_initial(ctx: &Context, run: &[Token]) -> Option<Speaker> {
    let [initial, surname] = run else {
        return None;
    };
    let letter = initial.word.trim_end_matches('.');
    if letter.chars().count() != 1 {
        return None;
    }
    by_surname(ctx, surname.word)
        .filter(|p| p.name.as_deref().is_some_and(|n| n.starts_with(letter)))
}

/// The most recent person introduced earlier whose name ends with `surname`: a known
/// speaker or gazetteer person first, else a capitalised name ending in `surname` in the
/// text before the quote.
pub(super) fn by_surname(ctx: &Context, surname: &str) -> Option<Speaker> {
    let known = ctx.people.iter().rev().find(|p| {
        p.name
            .as_deref()
            .is_some_and(|n| n != surname && n.rsplit(' ').next() == Some(surname))
    });
    // `Kovacevic` for `Ivana Kovačević`: compared without case and diacritics, only when
    // the written form matches nobody.
    // `said Aigerim` after `Aigerim Sultanova`: a first name used as the short form.
    let known = known.or_else(|| {
        ctx.people.iter().rev().find(|p| {
            p.name
                .as_deref()
                .is_some_and(|n| n.split_once(' ').is_some_and(|(given, _)| given == surname))
        })
    });
    let known = known.or_else(|| {
        let fold = |s: &str| crate::gazetteer::fold::fold(s).text;
        let folded = fold(surname);
        ctx.people.iter().rev().find(|p| {
            p.name.as_deref().is_some_and(|n| {
                n.contains(' ')
                    && n.rsplit(' ')
                        .next()
                        .is_some_and(|last| fold(last) == folded)
            })
        })
    });
    if let Some(found) = known {
        return Some(found.clone());
    }
    let before = &ctx.text[..ctx.before];
    let (window_start, _) = ctx.text_before();
    let mut end = before.len();
    while let Some(at) = before[..end]
        .rfind(surname)
        .filter(|&at| at >= window_start)
    {
        end = at;
        let after = &before[at + surname.len()..];
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let from = before[..at]
            .char_indices()
            .rev()
            .nth(60)
            .map_or(0, |(i, _)| i)
            .max(window_start);
        let toks = tokens(ctx.text, Span::new(from, at + surname.len()));
        let mut first = toks.len();
        // A name's words stand one space apart: no comma, full stop, line break or mark
        // between them.
        while first > 0
            && is_name_word(ctx, &toks[first - 1])
            && (first == toks.len()
                || ctx.text[toks[first - 1].span.end..toks[first].span.start] == *" ")
        {
            first -= 1;
        }
        if toks.len() - first >= 2 {
            let mut speaker = Speaker::unknown();
            speaker.kind = SpeakerType::Person;
            speaker.name = Some(ctx.text[span_of(&toks, first, toks.len()).range()].into());
            return Some(speaker);
        }
    }
    None
}

/// The last name of two or more capitalised words that holds the organization word `word`
/// in the text before the quote (`The Agency for Prevention of Corruption published …`).
pub(super) fn org_named_before<'a>(ctx: &Context<'a>, word: &str) -> Option<&'a str> {
    let (_, before) = ctx.text_before();
    before.rmatch_indices(word).find_map(|(at, _)| {
        let start = before[..at]
            .rsplit(' ')
            .skip(1)
            .take_while(|w| w.starts_with(char::is_uppercase) && w.len() > 1 && !w.contains('.'))
            .map(|w| w.len() + 1)
            .sum::<usize>();
        let mut end = at + word.len();
        // A whole word (`Mission`, not `Mission’s`), so that the words after it are
        // counted from the space.
        if !(before[end..].starts_with(' ') || end == before.len()) {
            return None;
        }
        let mut last_name_word = end;
        for w in before[end..].split(' ').skip(1) {
            let word_end = end + 1 + w.len();
            if w.starts_with(char::is_uppercase) {
                last_name_word = word_end;
            } else if !ROLE_CONNECTORS.contains(&w) {
                break;
            }
            end = word_end;
        }
        let name = before[at - start..last_name_word].trim_matches([',', '.', ';', ':']);
        let name = name.strip_prefix("The ").unwrap_or(name);
        (name.contains(' ') && !name.contains(['’', '\'', '\n'])).then_some(name)
    })
}

/// `the statement says` on a news site: the body named last before the quote, in the
/// paragraph, is its author (`The press service of the Ministry of Water Resources
/// reported …`), not the site that publishes it.
pub(super) fn author_before(
    ctx: &Context,
    org_words: &[&str],
) -> Option<(String, Option<EntityRef>)> {
    if !org_words
        .iter()
        .all(|w| matches!(*w, "statement" | "report"))
    {
        return None;
    }
    let name = body_named_before(ctx)?;
    Some((name.to_string(), ctx.gazetteer.lookup(name)))
}

/// The organization named last before the quote in its paragraph: a listed one, a body
/// (`the Ministry of Water Resources`), or an NGO by its name (`the Slovak NGO Equal
/// Streets`).
pub(super) fn body_named_before<'a>(ctx: &Context<'a>) -> Option<&'a str> {
    const BODIES: &[&str] = &[
        "Ministry",
        "Committee",
        "Agency",
        "Service",
        "Office",
        "Department",
        "Government",
        "Administration",
        "Commission",
        "Council",
        "Court",
        "Police",
    ];
    let (from, before) = ctx.text_before();
    let paragraph_at = before.rfind('\n').map_or(0, |n| n + 1);
    let paragraph = &before[paragraph_at..];
    let listed = ctx.mentions.iter().rev().find(|m| {
        m.span.start >= from + paragraph_at
            && m.span.end <= ctx.before
            && ctx.gazetteer.entity(m.entity).kind == EntityType::Organization
    });
    let listed = listed.map(|m| {
        (
            m.span.start - from - paragraph_at,
            &ctx.text[m.span.range()],
        )
    });
    let ngo = paragraph.rfind("NGO ").and_then(|at| {
        let name_at = at + "NGO ".len();
        // Capitalised words, up to the punctuation that ends the name.
        let mut len = 0;
        for w in paragraph[name_at..].split(' ') {
            if !w.starts_with(char::is_uppercase) {
                break;
            }
            len += w.len() + 1;
            if w.ends_with(['.', ',', ';', ':']) {
                break;
            }
        }
        let name = paragraph[name_at..name_at + len.saturating_sub(1)]
            .trim_end_matches([',', '.', ';', ':']);
        (!name.is_empty()).then_some((name_at, name))
    });
    BODIES
        .iter()
        .filter_map(|w| org_named_before(ctx, w))
        .filter_map(|name| Some((paragraph.rfind(name)?, name)))
        .chain(listed)
        .chain(ngo)
        .max_by_key(|&(at, _)| at)
        .map(|(_, name)| name)
}

/// The name an acronym abbreviates, as the text spells it out before the quote:
/// `United Nations Office on Drugs and Crime (UNODC)` for `UNODC`.
pub(super) fn spelled_out<'a>(ctx: &Context<'a>, acronym: &str) -> Option<&'a str> {
    if !is_acronym(acronym) {
        return None;
    }
    let (_, before) = ctx.text_before();
    let at = before.find(&format!(" ({acronym})"))?;
    let words: Vec<(usize, &str)> = word_starts(&before[..at]).collect();
    let start = words
        .iter()
        .rev()
        .take_while(|(_, w)| {
            !w.contains(['.', '\n', ','])
                && (w.starts_with(char::is_uppercase)
                    || matches!(*w, "of" | "on" | "and" | "for" | "in"))
        })
        .last()?
        .0;
    let name = before[start..at].trim_start_matches(|c: char| !c.is_uppercase());
    let name = name.strip_prefix("The ").unwrap_or(name);
    (name.split(' ').count() >= 2).then_some(name)
}
