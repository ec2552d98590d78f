//! The rule for a phrase that names a person ([`named_person`]): a gazetteer person, a run
//! of capitalised words, a surname or first name introduced earlier, or a surname never
//! introduced in full; with the role and organization of the title before the name or the
//! apposition after it. Pronouns and titles alone are [`super::earlier`]'s.

use std::ops::ControlFlow;

use super::earlier::{by_initial, by_surname, known_by_tail};
use super::names::{can_be_person, descriptor, name_runs, noun_before};
use super::org::org_after_name;
use super::role::role_and_org;
use super::titles::{apposition_span, is_apposition, title_before_chunk, title_start, title_word};
use super::tokens::{comma_chunks, span_of, Token};
use super::words::{is_rank, written_in_lower_case};
use super::{Context, Order, Parsed, Phrase, SpeakerResolution, Verdict};
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::quote::add_titles;
use crate::attribute::{Speaker, SpeakerType};
use crate::gazetteer::{EntityRef, EntityType};
use crate::span::Span;

/// A person's name: a gazetteer person, a run of capitalised words, a surname or title
/// introduced earlier, or a surname never introduced in full; with the role and
/// organization of the title before it or the apposition after it.
pub(super) fn named_person(p: &Phrase) -> Verdict {
    // Comma chunks: one names the speaker, the next one is the apposition.
    let chunks = comma_chunks(p.ctx.text, &p.toks);
    match chunk_order(&chunks, p.order)
        .into_iter()
        .find_map(|ci| name_in_chunk(p.ctx, &chunks, ci, p.order))
    {
        Some(found) => ControlFlow::Break(Some(found)),
        None => ControlFlow::Continue(()),
    }
}

/// A chunk that opens in lower case or holds a title word: it describes, more than it
/// names.
fn is_role_chunk(c: &[Token]) -> bool {
    c[0].word.starts_with(char::is_lowercase)
        || c.iter()
            .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title))
}

/// The order in which a phrase's chunks are searched for the speaker's name: in reading
/// order after the verb (`said Name, role`), from the end before it (`Name, role,
/// said`); chunks that read as a name before chunks that open with a title or in lower
/// case (`Head of the Prevention Department of the Ministry of Internal Affairs`).
fn chunk_order(chunks: &[&[Token]], order: Order) -> Vec<usize> {
    let ordered: Vec<usize> = match order {
        Order::VerbFirst => (0..chunks.len()).collect(),
        Order::SpeakerFirst => (0..chunks.len()).rev().collect(),
    };
    let (names, roles): (Vec<usize>, Vec<usize>) = ordered
        .into_iter()
        .partition(|&i| !is_role_chunk(chunks[i]));
    names.into_iter().chain(roles).collect()
}

/// The person named in chunk `ci`: a gazetteer person, a run of capitalised words (after
/// a title the name comes last: `Deputy Head of X Yuri Fenopetov`), a surname or first
/// name introduced earlier, or a surname never introduced in full.
fn name_in_chunk(ctx: &Context, chunks: &[&[Token]], ci: usize, order: Order) -> Option<Parsed> {
    let chunk = chunks[ci];
    let person = ctx.mention_in(span_of(chunk, 0, chunk.len()), EntityType::Person);
    let runs: Vec<(usize, usize)> = name_runs(ctx, chunk)
        .into_iter()
        .filter(|&r| can_be_person(chunk, r))
        .collect();
    // After a title the name comes last (`Deputy Head of X Yuri Fenopetov`).
    let run = if is_role_chunk(chunk) || order == Order::SpeakerFirst {
        runs.iter().rev().find(|r| r.1 - r.0 >= 2)
    } else {
        runs.iter().find(|r| r.1 - r.0 >= 2)
    };
    let (name_span, resolution, known) = if let Some(m) = person {
        (m.span, SpeakerResolution::Name, Some(m.entity))
    } else if let Some(found) =
        run.and_then(|&(a, b)| known_by_tail(ctx, &ctx.text[span_of(chunk, a, b).range()]))
    {
        // `Van den Broek said` after `Pieter van den Broek`.
        return Some((found, SpeakerResolution::Surname));
    } else if let Some(found) = run.and_then(|&(a, b)| by_initial(ctx, &chunk[a..b])) {
        // `V. Salmanli said` after `Vugar Salmanli`.
        return Some((found, SpeakerResolution::Surname));
    } else if let Some(&(a, b)) = run {
        let s = span_of(chunk, a, b);
        // A listed person would have been a mention above.
        (s, SpeakerResolution::Name, None)
    } else if let Some(mut found) = runs
        .iter()
        .filter(|r| r.1 - r.0 == 1)
        .find_map(|&(a, _)| by_surname(ctx, chunk[a].word))
    {
        // `Mr. Bakirov`: the honorific gives the gender.
        let honorific = chunk.iter().find_map(|t| match LEXICON.kind(t.word) {
            Some(WordKind::Honorific(g)) => g,
            _ => None,
        });
        found.gender = found.gender.or(honorific);
        return Some((found, SpeakerResolution::Surname));
    } else if let Some(&(a, b)) = runs.first().filter(|&&(a, b)| {
        // `“…,” Moretti said`: a surname never introduced in full is the speaker when
        // it is the whole phrase, after ranks or honorifics only, and the text never
        // writes it in lower case (`Civilians told …` beside `civilians`).
        // Also `Ten-year-old Danylo, a fourth-grader,`: an age before, an apposition after.
        let alone = chunks.len() == 1 || chunks.len() == 2 && ci == 0 && is_apposition(chunks[1]);
        b == chunk.len()
            && b - a == 1
            && alone
            && !written_in_lower_case(&ctx.text[ctx.window.range()], chunk[a].word)
            && chunk[..a]
                .iter()
                .all(|t| t.word.ends_with("-old") || is_rank(t.word))
    }) {
        (span_of(chunk, a, b), SpeakerResolution::Bare, None)
    } else {
        return None;
    };
    let speaker = person_speaker(ctx, chunks, ci, name_span, known);
    Some((speaker, resolution))
}

/// The person named at `name_span` in chunk `ci` of a phrase: the gazetteer's entry when
/// `known`, the gender of an honorific, the role and organization of the apposition after
/// the name, the title phrase before it, or the gazetteer.
pub(super) fn person_speaker(
    ctx: &Context,
    chunks: &[&[Token]],
    ci: usize,
    name_span: Span,
    known: Option<EntityRef>,
) -> Speaker {
    let chunk = chunks[ci];
    let mut speaker = named(ctx, name_span, known);
    // Honorifics before the name give gender; titles before it are the role.
    let before: Vec<&Token> = chunk
        .iter()
        .filter(|t| t.span.end <= name_span.start)
        .collect();
    for t in &before {
        match LEXICON.kind(t.word) {
            Some(WordKind::Honorific(Some(g))) => speaker.gender = speaker.gender.or(Some(g)),
            Some(WordKind::Title | WordKind::Rank) => {
                add_titles(&mut speaker.titles, LEXICON.title(t.word))
            }
            _ => {}
        }
    }
    person_role(ctx, chunks, ci, name_span, &mut speaker);
    if speaker.org.is_none() {
        if let Some((org, entity)) = org_after_name(ctx, chunk, name_span) {
            speaker.org = Some(org);
            speaker.org_entity = entity;
        }
    }
    if speaker.role.is_none() {
        if let Some(known) = speaker.entity.and_then(|e| ctx.roles.of(e)) {
            speaker.role.clone_from(&known.role);
            speaker.org = speaker.org.take().or(known.org.clone());
            speaker.org_entity = speaker.org_entity.or(known.org_entity);
        }
    }
    add_role_titles(&mut speaker);
    speaker
}

/// A person named at `name_span`: by the gazetteer's name, with its gender, when the
/// gazetteer lists them as `entity`.
pub(super) fn named(ctx: &Context, name_span: Span, entity: Option<EntityRef>) -> Speaker {
    let mut speaker = Speaker {
        name: Some(ctx.text[name_span.range()].into()),
        kind: SpeakerType::Person,
        ..Speaker::unknown()
    };
    if let Some(entity) = entity.filter(|&e| ctx.gazetteer.entity(e).kind == EntityType::Person) {
        let e = ctx.gazetteer.entity(entity);
        speaker.name = Some(e.name.as_str().into());
        speaker.entity = Some(entity);
        speaker.gender = e.gender;
    }
    speaker
}

/// The title words of a speaker's role join its titles, for `the Ambassador said` later.
pub(super) fn add_role_titles(speaker: &mut Speaker) {
    if let Some(role) = &speaker.role {
        let words = role.split_whitespace().filter_map(|w| LEXICON.title(w));
        add_titles(&mut speaker.titles, words);
    }
}

/// The role and organization of the person named at `name_span` in chunk `ci`: of the
/// apposition after the name, a title phrase in the chunks before, an indefinite
/// description before, the title phrase before the name in its chunk, or the words that
/// describe the person there (`poet`, `journalist`).
fn person_role(
    ctx: &Context,
    chunks: &[&[Token]],
    ci: usize,
    name_span: Span,
    speaker: &mut Speaker,
) {
    let chunk = chunks[ci];
    let name_at = chunk.partition_point(|t| t.span.start < name_span.start);
    let first = title_start(ctx, chunk, name_at);
    let role_start = (first < name_at).then(|| chunk[first].span.start);
    // `Mediator Name, one of the first graduates,`: a title before the name comes first.
    let one_of = |c: &[Token]| c.len() > 1 && c[0].word == "one" && c[1].word == "of";
    let titled_before = || role_start.is_some() || noun_before(chunk, name_at).is_some();
    if chunks
        .get(ci + 1)
        .is_some_and(|c| is_apposition(c) && !(one_of(c) && titled_before()))
    {
        role_and_org(ctx, apposition_span(ctx, chunks, ci + 1), speaker);
    }
    // `said Special Envoy, Ambassador Carla Ruiz,`: a title phrase in the chunks before,
    // the first of two titles (`the OSCE Chairperson-in-Office, Foreign Minister of
    // Malta Karl Vella`).
    if speaker.role.is_none() {
        if let Some(title) = title_before_chunk(ctx, chunks, ci) {
            // `Deputy Minister of Education, Science and Youth of Georgia Name`: the
            // portfolio goes on before the name.
            // The rest of a list (`Science and Youth`), not a second title (`…, Foreign
            // Minister of Malta Karl Vella`) nor an honorific (`…, Dr. Halvard Mykland`).
            let before_name = &chunk[..name_at];
            let goes_on =
                before_name.iter().all(title_word) && before_name.iter().any(|t| t.word == "and");
            let end = if goes_on { name_span.start } else { title.end };
            role_and_org(ctx, Span::new(title.start, end), speaker);
        }
    }
    // `a farmer from Mangyt village, Rustam Kadyrov, said`: a description before the name.
    if let Some(before) = ci.checked_sub(1).map(|k| chunks[k]) {
        let indefinite = matches!(before[0].word, "a" | "an" | "A" | "An");
        if speaker.role.is_none() && indefinite && is_apposition(before) {
            role_and_org(ctx, span_of(before, 0, before.len()), speaker);
        }
    }
    if speaker.role.is_none() {
        if let Some(start) = role_start {
            role_and_org(ctx, Span::new(start, name_span.start), speaker);
        } else if let Some(d) = descriptor(chunk, name_at) {
            speaker.role = Some(ctx.text[span_of(chunk, d, name_at).range()].into());
        } else if let Some(noun) = noun_before(chunk, name_at) {
            speaker.role = Some(ctx.text[noun.range()].into());
        }
    }
}
