//! The person a narrative sentence is about ([`subject`]): a name at its start, after a
//! title phrase or after a fronted phrase, or a phrase that refers to someone without a
//! full name. Only the subject: other people in the sentence are
//! [`super::introductions`]'.

use super::names::{can_be_person, capitals_surname, is_name_word, last_two, name_runs};
use super::person::person_speaker;
use super::role::role_and_org;
use super::titles::{is_apposition, title_before_chunk, title_phrase, title_word, title_words};
use super::tokens::{comma_chunks, span_of, tokens, Token};
use super::unnamed::described_with_body;
use super::words::{
    fronts, is_verb_word, singular_of, without_possessive, DETERMINERS, ROLE_CONNECTORS,
};
use super::{introductions, parse, Context, Order, SpeakerResolution};
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::{Speaker, SpeakerType};
use crate::gazetteer::EntityType;
use crate::span::Span;

/// The person a narrative sentence is about: a name at its start, after a title phrase
/// (`Ambassador Lund`, `The Head of the Mission, Klaus Richter,`) or after a fronted
/// phrase (`Speaking at the event, Anna Berg …`). A pronoun in the next sentence refers to
/// this person before anyone named later in the sentence.
pub(in crate::attribute) fn subject(ctx: &Context, span: Span) -> Option<Speaker> {
    let toks = tokens(ctx.text, span);
    let chunks = comma_chunks(ctx.text, &toks);
    let opens_fronted = |c: &[Token]| fronts(c[0].word, c.get(1).map_or("", |t| t.word));
    let mut ci = usize::from(chunks.first().is_some_and(|c| opens_fronted(c)));
    // `The head of the ODIHR observation mission, Ambassador Name, presented …`: a
    // title chunk, in any case, with the name in the next chunk.
    let titled = |c: &[Token]| {
        title_phrase(c).is_some()
            || !title_words(c).is_empty() && !name_runs(ctx, c).iter().any(|r| r.1 - r.0 >= 2)
    };
    let named = |c: &[Token]| {
        name_runs(ctx, c)
            .first()
            .is_some_and(|&(a, b)| b - a >= 2 && c[..a].iter().all(title_word))
    };
    if chunks.get(ci).is_some_and(|c| titled(c)) && chunks.get(ci + 1).is_some_and(|c| named(c)) {
        ci += 1;
    }
    let chunk = chunks.get(ci)?;
    let runs: Vec<(usize, usize)> = name_runs(ctx, chunk)
        .into_iter()
        .filter(|&run| can_be_person(chunk, run))
        .collect();
    // The subject stands right before its verb: `Deputy Minister of Labour, Social
    // Security and Migration of the Kyrgyz Republic Nurgul Asanova said`.
    let at_verb = |&(_, b): &(usize, usize)| {
        chunk.get(b).is_some_and(|t| {
            t.word.starts_with(char::is_lowercase) && !ROLE_CONNECTORS.contains(&t.word)
        })
    };
    // After a title chunk, the words before the name go on with the portfolio (`Minister
    // of Agriculture, Rural Development and Environment Sergiu Bălan said`): the name is
    // the last two words of the run before the verb.
    let after_title_chunk = ci > 0 && titled(chunks[ci - 1]);
    let portfolio_run = || {
        let run = name_runs(ctx, chunk).into_iter().find(at_verb)?;
        after_title_chunk.then(|| last_two(ctx, chunk, run))?
    };
    let before_verb = runs.iter().copied().find(at_verb).or_else(portfolio_run);
    let full_name = before_verb.or(runs.first().copied()).filter(|&(a, b)| {
        let gazetteer_person = ctx
            .mention_in(span_of(chunk, a, b), EntityType::Person)
            .is_some();
        chunk[..a].iter().all(title_word) && (b - a >= 2 || gazetteer_person)
    });
    let Some((a, b)) = full_name else {
        return named_after_descriptor(ctx, &chunks, ci)
            .or_else(|| first_name_only(ctx, &chunks, ci))
            .or_else(|| {
                let mut someone = referring_subject(ctx, chunk)?;
                if someone.name.is_none() {
                    described_with_body(ctx, chunks.get(ci + 1).copied(), &mut someone);
                }
                Some(someone)
            });
    };
    let name_span = span_of(chunk, a, b);
    let name = &ctx.text[name_span.range()];
    let introduced = introductions(ctx, span);
    let found = introduced.into_iter().find(|p| {
        p.name
            .as_deref()
            .is_some_and(|n| n.ends_with(name) || name.ends_with(n))
    });
    // The name after a portfolio that runs over commas, with the title before it.
    found.or_else(|| {
        let title = title_before_chunk(ctx, &chunks, ci).filter(|_| after_title_chunk)?;
        let mut speaker = person_speaker(ctx, &chunks, ci, name_span, None);
        speaker.role = None;
        role_and_org(ctx, Span::new(title.start, name_span.start), &mut speaker);
        Some(speaker)
    })
}

/// `Nino, a resident of Avnevi who gave only her first name, said …`: one name word as
/// the whole subject chunk, described by an indefinite apposition.
fn first_name_only(ctx: &Context, chunks: &[&[Token]], ci: usize) -> Option<Speaker> {
    let ([word], next) = (chunks.get(ci)?, chunks.get(ci + 1)?) else {
        return None;
    };
    let described = matches!(next[0].word, "a" | "an") && is_apposition(next);
    (described && is_name_word(ctx, word) && !capitals_surname(ctx, word))
        .then(|| person_speaker(ctx, chunks, ci, word.span, None))
}

/// `One of the students, Madina from Dushanbe, told …`, `His daughter, Dilbar, helped …`:
/// a description in chunk `ci`, then a name of one or two words opening the next chunk.
/// The description is the role when its noun is a listed one (`student`, not `daughter`).
fn named_after_descriptor(ctx: &Context, chunks: &[&[Token]], ci: usize) -> Option<Speaker> {
    let (description, next) = (chunks.get(ci)?, chunks.get(ci + 1)?);
    let opener = description[0].word.to_lowercase();
    // Also after a possessive: `Vujošević’s lawyer, Bojana Raičević, told …`.
    let possessive = without_possessive(description[0].word).len() < description[0].word.len();
    let described = (DETERMINERS.contains(&opener.as_str()) || opener == "the" || possessive)
        && description.len() > 1
        && description[1..]
            .iter()
            .all(|t| t.word.starts_with(char::is_lowercase));
    // `One of those technicians, 23-year-old Bakyt Mamasaliev, said …`: an age first.
    let age = usize::from(next[0].word.ends_with("-year-old"));
    let n = next[age..]
        .iter()
        .take_while(|t| is_name_word(ctx, t))
        .count();
    let ends = next
        .get(age + n)
        .is_none_or(|t| t.word.starts_with(char::is_lowercase));
    if !described || n == 0 || n > 2 || !ends {
        return None;
    }
    let mut speaker = Speaker {
        name: Some(ctx.text[span_of(next, age, age + n).range()].into()),
        kind: SpeakerType::Person,
        ..Speaker::unknown()
    };
    let noun = description.last()?.word;
    let noun = singular_of(noun);
    if LEXICON.kind(&noun) == Some(WordKind::Unnamed) {
        speaker.role = Some(noun.into());
    }
    Some(speaker)
}

/// A subject that refers to someone without a full name, parsed as a speaker phrase:
/// `Deputy Minister Munteanu told …`, `The Ambassador, for her part, noted …` (people
/// introduced before), `a mathematics teacher who …`, `One of the graduates` (unnamed).
/// The phrase ends before a verb, a relative pronoun, or a lower-case word after the
/// capitalised ones.
fn referring_subject(ctx: &Context, chunk: &[Token]) -> Option<Speaker> {
    let determiner = chunk
        .first()
        .is_some_and(|t| DETERMINERS.contains(&t.word.to_lowercase().as_str()));
    let mut capitalised = false;
    let mut end = 0;
    for t in chunk {
        let upper = t.word.starts_with(char::is_uppercase);
        let stops = matches!(t.word, "who" | "which" | "that")
            || is_verb_word(t.word)
            || !upper && capitalised && !determiner && !ROLE_CONNECTORS.contains(&t.word);
        if stops {
            break;
        }
        capitalised |= upper;
        end += 1;
    }
    if end == 0 {
        return None;
    }
    let (speaker, resolution) = parse(ctx, span_of(chunk, 0, end), Order::SpeakerFirst)?;
    // A lone capitalised word (`Participants also discussed`) is too weak a subject.
    let refers = match resolution {
        SpeakerResolution::Name | SpeakerResolution::Surname | SpeakerResolution::Title => {
            speaker.kind == SpeakerType::Person
        }
        SpeakerResolution::Unnamed => true,
        _ => false,
    };
    refers.then_some(speaker)
}
