//! A role phrase that opens with its organization (`ODIHR Director`, `RFE/RL President`,
//! `Almaty's deputy akim`, `State Police Director General`, `Netherlands Ambassador`):
//! where that organization ends, and the role after it. Phrases with the organization
//! after a connector are [`super::cut`]'s.

use super::phrase::without_place;
use super::InPhrase;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::speaker::org::is_owner;
use crate::attribute::speaker::tokens::word_starts;
use crate::attribute::speaker::words::{is_acronym, without_possessive};
use crate::gazetteer::{EntityRef, EntityType, Match};
use crate::span::Span;

/// The organization that opens a role phrase, before its title: a listed organization
/// (`ODIHR Director`), an acronym (`RFE/RL President`, `NATO Assistant Secretary
/// General`), or capitalised words up to an organization word before a head's title
/// (`State Police Director General`).
pub(super) fn leading_org(raw: &str, within: &InPhrase) -> Option<Span> {
    // A listed name that goes on in capitals (`Secretary General of the OSCE`
    // `Parliamentary Assembly`) is part of a longer one.
    let goes_on = |m: &Match| {
        let next = raw[m.span.end..]
            .strip_prefix(' ')
            .and_then(|r| r.split(' ').next());
        let titled = |w: &str| matches!(LEXICON.kind(w), Some(WordKind::Title | WordKind::Rank));
        // `World Bank Country Manager`: one word before the title is the title's.
        let after = next.and_then(|w| raw[m.span.end + 1 + w.len()..].split(' ').nth(1));
        next.is_some_and(|w| w.starts_with(char::is_uppercase) && !titled(w))
            && !after.is_some_and(titled)
    };
    let listed = within
        .kind_at(EntityType::Organization, 0)
        .filter(|m| !goes_on(m))
        .map(|m| m.span);
    let acronym = || {
        let first = raw.split(' ').next()?;
        let rest = &raw[first.len()..];
        (is_acronym(first) && rest.split_whitespace().any(|w| LEXICON.kind(w).is_some()))
            .then(|| Span::new(0, first.len()))
    };
    // `Almaty's deputy akim`, `Kazakhstan’s Deputy Minister of Justice`.
    let possessive = || {
        let first = raw.split(' ').next()?;
        let owner = without_possessive(first);
        let titled = raw[first.len()..]
            .split_whitespace()
            .any(|w| LEXICON.title(w).is_some());
        // An owner the gazetteers do not list, before a title in lower case (`Bor’s
        // deputy mayor`).
        let lower_title = raw[first.len()..]
            .trim_start()
            .starts_with(char::is_lowercase);
        let owner_ok = is_owner(within.gazetteer, owner)
            || owner.starts_with(char::is_uppercase) && lower_title;
        (owner.len() < first.len() && owner_ok && titled).then(|| Span::new(0, owner.len()))
    };
    // `Netherlands Ambassador`, `German Ambassador`: a country before a title.
    let country = || {
        let m = within.found.iter().find(|m| {
            m.span.start == 0 && within.gazetteer.entity(m.entity).kind == EntityType::Place
        })?;
        let next = raw[m.span.end..].strip_prefix(' ')?.split(' ').next()?;
        LEXICON.title(next).is_some().then_some(m.span)
    };
    // The possessive first: `the Mission’s Media Programme Manager` is the Mission's.
    listed
        .or_else(acronym)
        .or_else(possessive)
        .or_else(|| body_before_head(raw))
        .or_else(country)
}

/// `State Police Director General`: capitalised words up to an organization word, then
/// the title of the body's head; not a post inside a programme (`National Programme
/// Officer`) or a title with a title word in it (`Senior Programme Officer`).
fn body_before_head(raw: &str) -> Option<Span> {
    const HEADS: &[&str] = &[
        "Director",
        "Director-General",
        "Chief",
        "Head",
        "President",
        "Chair",
        "Chairman",
        "Chairperson",
        "Commander",
        "Spokesperson",
        "Spokesman",
        "Spokeswoman",
        "Rector",
        "Dean",
        "Prosecutor",
        "Manager",
    ];
    let words: Vec<(usize, &str)> = word_starts(raw).collect();
    let org_end = words
        .iter()
        .take_while(|(_, w)| w.starts_with(char::is_uppercase))
        .position(|(_, w)| LEXICON.kind(w) == Some(WordKind::Organization))?;
    let (next_at, next) = *words.get(org_end + 1)?;
    let untitled = words[..org_end]
        .iter()
        .all(|(_, w)| LEXICON.kind(w).is_none());
    // `Foreign Ministry spokesman`, `World Bank Country Manager`: in lower case too, and
    // after one capitalised word.
    let head = |w: &str| HEADS.iter().any(|h| h.eq_ignore_ascii_case(w));
    let headed = head(next)
        || next.starts_with(char::is_uppercase)
            && words.get(org_end + 2).is_some_and(|(_, w)| head(w));
    // `Commission spokesperson`: the organization word alone before a head in lower case
    // (`Programme Director` is one title).
    let lower_head = next.starts_with(char::is_lowercase) && head(next);
    (untitled && headed && (org_end > 0 || lower_head)).then(|| Span::new(0, next_at - 1))
}

/// Role and organization of a phrase that opens with its organization at `lead`, and
/// the OSCE's entry for an OSCE institution's post (`OSCE Representative on Freedom of
/// the Media` is that role of the `OSCE`).
pub(super) fn after_leading_org<'r>(
    raw: &'r str,
    lead: Span,
    within: &InPhrase,
) -> (&'r str, Option<&'r str>, Option<EntityRef>) {
    let org = &raw[lead.range()];
    let rest = raw[lead.end..].trim_start_matches(['’', '\'', 's']).trim();
    // `UNICEF Representative in Uzbekistan`: the place is not part of the title.
    let rest = without_place(rest, within, raw.len() - rest.len());
    // `Office for … Human Rights (ODIHR) Director`: the acronym repeats the name.
    let rest = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((acronym, after)) if !acronym.contains(' ') => after.trim(),
        _ => rest,
    };
    let listed = within
        .kind_at(EntityType::Organization, 0)
        .filter(|m| m.span == lead);
    // `Co-ordinator of OSCE Economic and Environmental Activities`: a post the gazetteer
    // lists as a name of its office is the role, of the OSCE.
    let post = org.split(' ').next().and_then(|w| LEXICON.kind(w)) == Some(WordKind::Title);
    if let Some(m) = listed.filter(|_| rest.is_empty() && post && org.contains(" OSCE ")) {
        return (org, Some("OSCE"), Some(m.entity));
    }
    match (org.strip_prefix("OSCE "), listed) {
        (Some(post), Some(m)) if rest.is_empty() => {
            let post = without_place(post, within, lead.start + "OSCE ".len());
            // The institution's topmost parent is the OSCE itself.
            let mut top = m.entity;
            while let Some(parent) = within.gazetteer.entity(top).parent_ref {
                top = parent;
            }
            (post, Some("OSCE"), Some(top).filter(|&t| t != m.entity))
        }
        _ => (rest, Some(org), None),
    }
}
