//! The part of a role phrase that can be a role: without a cut bracket, the clause after
//! the title, the second of two titles, the words before the title, ranks and honorifics
//! at either end, and a place that ends the title. Nothing is split into role and
//! organization here.

use super::InPhrase;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::speaker::tokens::word_starts;
use crate::attribute::speaker::words::{
    is_rank, is_verb_word, without_possessive, ROLE_CONNECTORS,
};
use crate::gazetteer::EntityType;

/// The part of a role phrase that can be a role: without the brackets cut by a comma,
/// the clause after it, the second of two titles, a leading article, and ranks or
/// honorifics at either end. Gives where the part starts in `phrase`, and the part; `None`
/// when nothing is left.
pub(super) fn role_phrase(phrase: &str) -> Option<(usize, &str)> {
    let edge = |c: char| c.is_whitespace() || ",.;:".contains(c);
    let trimmed = phrase.trim_start_matches(edge);
    let raw = trimmed.trim_end_matches(edge);
    // Each step keeps a prefix of what it is given, or a suffix: the part starts where
    // the suffixes leave it.
    let raw = first_of_two_titles(without_clause(without_cut_bracket(raw)));
    let lead = without_lead_words(raw);
    let head = without_ranks_after(lead);
    let part = without_ranks_before(head);
    let at = phrase.len() - trimmed.len() + raw.len() - lead.len() + head.len() - part.len();
    (!part.is_empty() && !is_rank(part)).then_some((at, part))
}

/// `... for Refugees (UNHCR`: without a bracketed acronym cut by the comma split.
fn without_cut_bracket(raw: &str) -> &str {
    // The last ` (` is found by its bracket: a substring searcher costs more to build
    // than to run on a phrase this short.
    let bracket = memchr::memrchr_iter(b'(', raw.as_bytes())
        .find(|&i| i > 0 && raw.as_bytes()[i - 1] == b' ')
        .map(|i| i - 1);
    match bracket {
        Some(open) if !raw[open..].contains(')') || raw.ends_with(')') => raw[..open].trim_end(),
        _ => raw,
    }
}

/// Without the clause after the title: `Special Co-ordinator who led the observers`,
/// `ODIHR said today at …`, `Envoy, will visit Kyiv`, `official travelling with the
/// delegation` (a participle after a noun; `head of the training unit` has none).
fn without_clause(raw: &str) -> &str {
    let mut raw = raw;
    if let Some((at, _)) = word_starts(raw).find(|(_, w)| {
        matches!(*w, "who" | "whose" | "which" | "that" | "today") || is_verb_word(w)
    }) {
        raw = raw[..at].trim_end_matches([' ', ',', ';']);
    }
    let participle = word_starts(raw)
        .scan("", |before, (at, w)| {
            Some((at, w, std::mem::replace(before, w)))
        })
        .find(|&(at, w, before)| {
            at > 0
                && w.len() > 5
                && w.ends_with("ing")
                && w.starts_with(char::is_lowercase)
                && before.starts_with(char::is_lowercase)
                && !ROLE_CONNECTORS.contains(&before)
                && !matches!(before, "a" | "an")
        });
    match participle {
        Some((at, _, _)) => raw[..at].trim_end(),
        None => raw,
    }
}

/// `UN Resident Coordinator and Head of the UNDP Office`: of two titles, the first
/// (`Minister of Education and Science` is one title: no title word follows).
/// `Special Representative and Co-ordinator for …` is one title: the second title must
/// stand on its own, with its organization (`Head of …`, `UNDP Resident Representative`),
/// in lower case (`and leader of the observers`), or as capitalised words after a title
/// (`Specialist and Task Team Leader`, not `Adviser on Roma and Sinti Issues`).
fn first_of_two_titles(raw: &str) -> &str {
    let is_title = |w: &str| LEXICON.kind(w) == Some(WordKind::Title);
    fn first_two(after: &str) -> (&str, &str) {
        let mut words = after.split(' ');
        (words.next().unwrap_or(""), words.next().unwrap_or(""))
    }
    let second_title = |after: &str| {
        let (first, next) = first_two(after);
        let acronym = first.len() > 1 && first.chars().all(|c| c.is_ascii_uppercase());
        (is_title(first) && matches!(next, "of" | "at" | "in" | "to"))
            || (acronym && after.split(' ').take(4).any(is_title))
    };
    let capitalised_title = |after: &str| {
        after.split(' ').nth(1).is_some()
            && after.split(' ').all(|w| w.starts_with(char::is_uppercase))
            && after.rsplit(' ').next().is_some_and(is_title)
    };
    // In lower case: `and leader of the observers`, `and task team leader`.
    let lower_title = |after: &str| {
        let (first, next) = first_two(after);
        let noun_last = after.split(' ').all(|w| w.starts_with(char::is_lowercase))
            && after
                .rsplit(' ')
                .next()
                .is_some_and(|w| LEXICON.kind(w).is_some());
        first.starts_with(char::is_lowercase)
            && !ROLE_CONNECTORS.contains(&first)
            && (next == "of" || noun_last)
    };
    let cut = raw.match_indices(" and ").find(|&(at, _)| {
        let (before, after) = (&raw[..at], &raw[at + 5..]);
        let joined = before.rsplit(' ').next().is_some_and(is_title) && capitalised_title(after);
        word_starts(before).any(|(_, w)| is_title(w))
            && (second_title(after) || lower_title(after) || joined)
    });
    cut.map_or(raw, |(at, _)| raw[..at].trim_end())
}

/// Without the words before the title: `a`, `Its`, `According to`, `74-year-old`, `the
/// school’s deputy director`, `second-year economics student`.
fn without_lead_words(raw: &str) -> &str {
    let lead_in = |w: &str| {
        ["a", "an", "the", "its", "his", "her", "their", "our"]
            .iter()
            .any(|d| d.eq_ignore_ascii_case(w))
            || w.ends_with("-year-old")
            || w.ends_with("-year")
            || w.ends_with("-based")
            || matches!(w, "young" | "elderly")
            || w.starts_with(char::is_lowercase) && without_possessive(w).len() < w.len()
    };
    let mut raw = raw
        .strip_prefix("According to ")
        .or_else(|| raw.strip_prefix("according to "))
        .unwrap_or(raw);
    while let Some((_, rest)) = raw.split_once(' ').filter(|(w, _)| lead_in(w)) {
        raw = rest;
    }
    raw
}

/// Without ranks and honorifics at the end (`Head of the Mission Ambassador`) while a
/// title stays.
fn without_ranks_after(raw: &str) -> &str {
    let titled = |head: &str| head.split(' ').any(|w| LEXICON.title(w).is_some());
    let mut raw = raw;
    while let Some((head, _)) = raw
        .rsplit_once(' ')
        .filter(|(head, w)| is_rank(w) && titled(head))
    {
        raw = head.trim_end();
    }
    raw
}

/// Without ranks and honorifics at the start. A rank after a country alone is the title
/// (`Netherlands Ambassador`), and so is a rank with its own `of` or `to` (`Ambassador of
/// Norway to Uzbekistan`, `Ambassador to Tajikistan`).
fn without_ranks_before(raw: &str) -> &str {
    let mut raw = raw;
    while let Some((_, tail)) = raw
        .split_once(' ')
        .filter(|(w, tail)| is_rank(w) && !tail.starts_with("of ") && !tail.starts_with("to "))
    {
        raw = tail.trim_start();
    }
    raw
}

/// A title without the place that ends it (`Representative in Uzbekistan`, `Resident
/// Representative in the Kyrgyz Republic`, `teacher in Soroca`, `Ambassador to
/// Tajikistan`): ` in ` and a listed place or capitalised words to the end, or ` to `
/// and a listed place. `at` is where `title` starts in the phrase of `within`.
pub(super) fn without_place<'t>(title: &'t str, within: &InPhrase, at: usize) -> &'t str {
    let listed = |from: usize| {
        within.kind_at(EntityType::Place, at + from).is_some()
            || within
                .gazetteer
                .lookup(&title[from..])
                .is_some_and(|e| within.gazetteer.entity(e).kind == EntityType::Place)
    };
    // `Ambassador to Tajikistan`: only a listed place after `to` (`Regional
    // Representative for Central Asia` keeps its region).
    if let Some(cut) = title.rfind(" to ").filter(|&cut| listed(cut + 4)) {
        return title[..cut].trim_end();
    }
    let Some(cut) = title.rfind(" in ") else {
        return title;
    };
    let place = &title[cut + 4..];
    let listed = listed(cut + 4);
    let capitalised = |name: &str| {
        name.split(' ')
            .all(|w| w.starts_with(char::is_uppercase) || matches!(w, "of" | "and"))
    };
    // `in the Kyrgyz Republic`, and any name after a title in lower case (`teacher in
    // Soroca`); not `for Combating Trafficking in Human Beings`.
    let named = match place.strip_prefix("the ") {
        Some(name) => capitalised(name),
        None => title.starts_with(char::is_lowercase) && capitalised(place),
    };
    if listed
        || named
            && !place
                .split(' ')
                .any(|w| LEXICON.organization_word(w).is_some())
    {
        title[..cut].trim_end()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The part of a role phrase is where `role_phrase` says it starts in the phrase.
    #[test]
    fn role_parts_start_where_they_are_said_to() {
        for (phrase, part) in [
            (", Head of the Mission Ambassador,", "Head of the Mission"),
            (" According to the Head of Office", "Head of Office"),
            ("Colonel Dr. Head of the Unit who spoke", "Head of the Unit"),
            ("our 74-year-old Head of Office", "Head of Office"),
        ] {
            let (at, found) = role_phrase(phrase).expect(phrase);
            assert_eq!(found, part, "{phrase}");
            assert_eq!(&phrase[at..at + part.len()], part, "{phrase}");
        }
    }
}
