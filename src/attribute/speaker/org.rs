//! Organization names as a role phrase or a text gives them, and their cuts: without the
//! circumstance, town, description or seat around the name ([`tidy_org`]), with the
//! gazetteer entry inside it ([`org_entry`]); and the organization written right after a
//! person's name (`of the State Customs Service`, `, for OHCHR,`). A phrase whose speaker
//! is an organization is [`super::organization`]'s.

use std::sync::Arc;

use memchr::memmem;

use super::role::InPhrase;
use super::titles::title_word;
use super::tokens::{span_of, word_starts, Token};
use super::words::{is_acronym, territory, without_possessive, ROLE_CONNECTORS};
use super::Context;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::gazetteer::{EntityRef, EntityType, Gazetteer};
use crate::span::Span;

/// An organization as a name: without the circumstance after it, the town its members
/// come from (`Youth Advisory Group from Shkodër`), lower-case words after an acronym
/// (`the ODIHR observation mission` → `ODIHR`), or a leading `a`.
pub(super) fn tidy_org<'o>(gazetteer: &Gazetteer, org: &'o str) -> &'o str {
    let o = circumstance_cut(org.trim());
    // `village of Văsieni, Ialoveni district`: the district is where it lies.
    let o = match o.rsplit_once(", ") {
        Some((body, district)) if district.rsplit(' ').next().is_some_and(territory) => body,
        _ => o,
    };
    let o = match o.rsplit_once(" from ") {
        Some((body, place))
            if body
                .split(' ')
                .any(|w| LEXICON.organization_word(w).is_some())
                && !place.contains(' ')
                && place.starts_with(char::is_uppercase) =>
        {
            body
        }
        _ => o,
    };
    // `Georgian Young Lawyers’ Association (GYLA`: the acronym names the same body.
    let o = match o.rfind('(').filter(|&at| o[..at].ends_with(' ')) {
        Some(at) if is_acronym(o[at + 1..].trim_end_matches(')')) => &o[..at - 1],
        _ => o,
    };
    let o = match o.split_once(' ') {
        // `the ODIHR mission`: the body; but `the CoES information department` is a unit
        // of it, named in full.
        Some((acronym, rest))
            if is_acronym(acronym)
                && rest.split(' ').all(|w| w.starts_with(char::is_lowercase))
                && !["department", "unit", "section", "division"]
                    .iter()
                    .any(|unit| rest.ends_with(unit)) =>
        {
            acronym
        }
        // `Almaty's Institute of Geography`: the town is not part of the name (the
        // `Women’s Parliamentary Forum` is one name; `ODIHR’s Department` is ODIHR's).
        Some((owner, rest))
            if without_possessive(owner).len() < owner.len()
                && is_place(gazetteer, without_possessive(owner))
                && rest.starts_with(char::is_uppercase) =>
        {
            rest
        }
        _ => o,
    };
    let o = ["a ", "an "]
        .iter()
        .find_map(|a| o.strip_prefix(a))
        .unwrap_or(o);
    without_seat(gazetteer, without_descriptor(o))
}

/// An organization without the circumstance that follows it with no comma (`Conflict
/// Prevention Centre in her opening remarks`, `the Office at the launch event`): a
/// preposition followed by a possessive, or by an article and a lower-case word.
fn circumstance_cut(org: &str) -> &str {
    if ![" in ", " at ", " on ", " during "]
        .iter()
        .any(|p| org.contains(p))
    {
        return org;
    }
    let words: Vec<(usize, &str)> = word_starts(org).collect();
    for (i, &(at, w)) in words.iter().enumerate().skip(1) {
        if !matches!(w, "in" | "at" | "during" | "on") {
            continue;
        }
        let next = words.get(i + 1).map_or("", |(_, w)| *w);
        let after = words.get(i + 2).map_or("", |(_, w)| *w);
        let possessive = matches!(next, "his" | "her" | "their" | "its" | "our");
        let common = matches!(next, "the" | "a" | "an") && after.starts_with(char::is_lowercase);
        if possessive || common || w == "during" {
            return org[..at].trim_end();
        }
    }
    org
}

/// An organization's name without what describes it: `Almaty-based Media Rights
/// Monitor`, `the NGO Yangi Qadam`, `the news website Bishkek Report`, `Dushanbe clothing
/// company Atlas Style` → the name.
/// All in lower case (`a local news portal`) it is kept.
fn without_descriptor(org: &str) -> &str {
    let lower_word = |w: &str| w.starts_with(char::is_lowercase) && !ROLE_CONNECTORS.contains(&w);
    // `Dushanbe clothing company Atlas Style`: a town before the description.
    let town = org.split_once(' ').filter(|(town, after)| {
        town.starts_with(char::is_uppercase) && after.split(' ').next().is_some_and(lower_word)
    });
    let mut rest = town.map_or(org, |(_, after)| after);
    let mut lower = false;
    while let Some((word, after)) = rest.split_once(' ') {
        let lower_word = lower_word(word);
        if !(lower_word || word.ends_with("-based") || matches!(word, "NGO" | "NGOs")) {
            break;
        }
        lower |= lower_word;
        rest = after;
    }
    // Lower-case words only before a name that runs to the end.
    let name = rest.starts_with(char::is_uppercase)
        && rest
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) || ROLE_CONNECTORS.contains(&w));
    // After a town, only a description and a name (`Namangan region` stays).
    let whole = match town {
        Some(_) => !(lower && name),
        None => lower && !name,
    };
    if whole {
        org
    } else {
        rest
    }
}

/// An organization without the town it is based in (`American University of Central Asia
/// in Bishkek`), except where the place names the body (`Programme Office in Dushanbe`,
/// `Higher Court in Novi Sad`, and the OSCE's bodies: `OSCE Academy in Bishkek`).
fn without_seat<'o>(gazetteer: &Gazetteer, org: &'o str) -> &'o str {
    const SEATED: &[&str] = &[
        "Office",
        "Mission",
        "Court",
        "Bureau",
        "Presence",
        "Embassy",
        "Delegation",
        "Centre",
        "Center",
        "Co-ordinator",
        "Coordinator",
        "Institute",
        "Academy",
        "College",
        "Unit",
        "Team",
        "Branch",
        "Department",
        "Station",
    ];
    // A country is often part of a national body's name (`Association of Women Judges
    // in BiH`); a town rarely is.
    let town = |place: &str| {
        gazetteer.lookup(place).is_some_and(|e| {
            let e = gazetteer.entity(e);
            e.kind == EntityType::Place && e.subtype.as_deref() != Some("country")
        })
    };
    let seated = |w: &str| SEATED.iter().any(|s| s.eq_ignore_ascii_case(w));
    match org.rsplit_once(" in ") {
        Some((body, place))
            if town(place)
                && !body.ends_with(" based")
                && !body.starts_with("OSCE ")
                && !body.split(' ').any(seated) =>
        {
            body
        }
        _ => org,
    }
}

/// The gazetteer entry of `org` in `raw`: its own, else the longest known organization
/// inside it (`Border Security and Management Unit of the Transnational Threats
/// Department` → the Unit; `Politico-Military Department of the OSCE Programme Office in
/// Dushanbe` → the Programme Office); `known` or a lookup when it is not written there.
pub(super) fn org_entry(
    raw: &str,
    org: &str,
    within: &InPhrase,
    known: Option<EntityRef>,
) -> Option<EntityRef> {
    let gazetteer = within.gazetteer;
    // Mostly the phrase's own end: no searcher to build then.
    let at = if raw.ends_with(org) {
        Some(raw.len() - org.len())
    } else {
        memmem::rfind(raw.as_bytes(), org.as_bytes())
    };
    match at {
        Some(at) => within
            .found
            .iter()
            .filter(|m| m.span.start >= at && m.span.end <= at + org.len())
            .filter(|m| gazetteer.entity(m.entity).kind == EntityType::Organization)
            .max_by_key(|m| (m.span.len(), std::cmp::Reverse(m.span.start)))
            .map(|m| m.entity),
        None => known.or_else(|| {
            gazetteer
                .lookup(org)
                .filter(|&e| gazetteer.entity(e).kind == EntityType::Organization)
        }),
    }
}

/// `Dina Kovač from the Institute for Public Finance`, `Colonel Ivo Brandt of the State
/// Customs Service`: an organization right after the name, in the same comma chunk. A
/// place (`from Tirana`) is not one.
pub(super) fn org_after_name(
    ctx: &Context,
    chunk: &[Token],
    name: Span,
) -> Option<(Arc<str>, Option<EntityRef>)> {
    let at = chunk.iter().position(|t| t.span.start >= name.end)?;
    if !matches!(chunk[at].word, "from" | "of" | "at" | "with") {
        return None;
    }
    let rest = &chunk[at + 1..];
    let from = usize::from(rest.first()?.word == "the");
    // `of the Faculty of Law at the University of Montenegro also took part`: the name
    // ends where the capitalised words do.
    let rest = rest.get(from..)?;
    let mut len = rest.iter().take_while(|t| title_word(t)).count();
    while len > 0 && !rest[len - 1].word.starts_with(char::is_uppercase) {
        len -= 1;
    }
    let org = rest.get(..len).filter(|o| !o.is_empty())?;
    let span = span_of(org, 0, org.len());
    let mention = ctx.mention_in(span, EntityType::Organization);
    let org_word = org
        .iter()
        .any(|t| LEXICON.kind(t.word) == Some(WordKind::Organization));
    let capitalised = org.iter().all(title_word);
    (capitalised && (mention.is_some() || org_word)).then(|| {
        let text = tidy_org(ctx.gazetteer, &ctx.text[span.range()]);
        (Arc::from(text), mention.map(|m| m.entity))
    })
}

/// `Liv Berg, for OHCHR, read the statement`: the body a person speaks for, in the
/// chunk after the name.
pub(super) fn org_for(ctx: &Context, next: &[Token]) -> Option<(Arc<str>, Option<EntityRef>)> {
    let rest = match next {
        [first, rest @ ..] if first.word == "for" => rest,
        _ => return None,
    };

    let from = usize::from(rest.first()?.word == "the");
    let org = rest
        .get(from..)
        .filter(|o| !o.is_empty() && o.iter().all(title_word))?;
    let span = span_of(org, 0, org.len());
    let mention = ctx.mention_in(span, EntityType::Organization);
    let named = mention.is_some()
        || org
            .iter()
            .any(|t| is_acronym(t.word) || LEXICON.kind(t.word) == Some(WordKind::Organization));
    named.then(|| {
        (
            Arc::from(&ctx.text[span.range()]),
            mention.map(|m| m.entity),
        )
    })
}

/// A word that owns a title or a body with `’s`: a listed place (`Almaty's deputy
/// akim`), an acronym or an organization word (`the Mission's Head`).
pub(super) fn is_owner(gazetteer: &Gazetteer, word: &str) -> bool {
    is_acronym(word)
        || LEXICON.kind(word) == Some(WordKind::Organization)
        || is_place(gazetteer, word)
}

pub(super) fn is_place(gazetteer: &Gazetteer, word: &str) -> bool {
    gazetteer
        .lookup(word)
        .is_some_and(|e| gazetteer.entity(e).kind == EntityType::Place)
}

/// The body a press service speaks for: `X's press service`, `the press service of X`.
pub(super) fn press_service_of(name: &str) -> Option<&str> {
    let body = name
        .strip_suffix(" press service")
        .or_else(|| name.strip_suffix(" press office"))
        .map(without_possessive)
        .or_else(|| {
            let rest = name.split_once("press service of ")?.1;
            Some(rest.strip_prefix("the ").unwrap_or(rest))
        })?;
    (!body.is_empty()).then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circumstances_are_cut_from_organizations() {
        for (org, kept) in [
            (
                "Conflict Prevention Centre in her opening remarks",
                "Conflict Prevention Centre",
            ),
            ("Mission at the launch event", "Mission"),
            ("Office in Tajikistan", "Office in Tajikistan"),
            (
                "Department at the Ministry of Justice",
                "Department at the Ministry of Justice",
            ),
            ("Institute during the visit", "Institute"),
        ] {
            assert_eq!(circumstance_cut(org), kept, "{org}");
        }
    }
}
