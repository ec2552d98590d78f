//! Names among tokens: which words can be part of a person's name ([`is_name_word`]), the
//! runs of them ([`name_runs`]), and whether a run stands where a person's name can. The
//! lower-case words that describe a person before the name (`poet`, `journalist`) are
//! found here too; titles and appositions are in [`super::titles`].

use super::titles::{title_before_chunk, title_word};
use super::tokens::{span_of, Token};
use super::words::{
    is_verb_word, role_noun, without_possessive, OPENERS, PARTICLES, ROLE_CONNECTORS,
};
use super::Context;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::gazetteer::{EntityType, Match};
use crate::span::Span;

/// Runs of name words (token index ranges) in a chunk of tokens.
pub(super) fn name_runs(ctx: &Context, toks: &[Token]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // A first name that is also a place (`Sofia Lindqvist`, `Georgia Brown`) starts a
        // run when a name word follows it, but not after a preposition (`Ambassador of
        // Japan to Tajikistan Kenji Morikawa`).
        let after_preposition =
            i > 0 && matches!(toks[i - 1].word, "of" | "to" | "in" | "for" | "from" | "at");
        let first_name_place = !after_preposition
            && toks.get(i + 1).is_some_and(|next| is_name_word(ctx, next))
            && covered_by_mention(ctx, toks[i].span, &[EntityType::Place])
                .is_some_and(|m| m.span == toks[i].span);
        // `van Dijk said`: a surname's particle opening its chunk.
        let particle_first = i == 0
            && PARTICLES.contains(&toks[i].word)
            && toks.get(1).is_some_and(|next| is_name_word(ctx, next));
        // `Ms ANTTILA-KORPI`: a surname in capitals after an honorific.
        let capitals_after_honorific = capitals_surname(ctx, &toks[i])
            && i > 0
            && matches!(LEXICON.kind(toks[i - 1].word), Some(WordKind::Honorific(_)));
        if !is_name_word(ctx, &toks[i])
            && !first_name_place
            && !particle_first
            && !capitals_after_honorific
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            // `Liisa ANTTILA-KORPI`: the Council of Europe writes surnames in capitals.
            let next_is_name = end < toks.len()
                && (is_name_word(ctx, &toks[end]) || capitals_surname(ctx, &toks[end]));
            if next_is_name {
                end += 1;
            } else if let Some(skip) = (end..toks.len())
                .take_while(|&k| PARTICLES.contains(&toks[k].word) || is_initial(ctx, &toks[k]))
                .last()
                .filter(|&k| k + 1 < toks.len() && is_name_word(ctx, &toks[k + 1]))
            {
                // `van den Broek`, `Nurlan B. Abenov`.
                end = skip + 2;
            } else {
                break;
            }
        }
        // `Mediator Ajsel Memeti`: a role noun written with a capital opens the run.
        let start = if end - start >= 3 && role_noun(toks[start].word) {
            start + 1
        } else {
            start
        };
        runs.push((after_portfolio(ctx, toks, start, end), end));
        i = end;
    }
    runs
}

/// The mention of one of `kinds` that contains `span`. Mentions are sorted and never
/// overlap, so only the last one starting at or before `span` can.
pub(super) fn covered_by_mention(ctx: &Context, span: Span, kinds: &[EntityType]) -> Option<Match> {
    let i = ctx.mentions.partition_point(|m| m.span.start <= span.start);
    let m = *ctx.mentions[..i].last()?;
    (m.span.contains(span) && kinds.contains(&ctx.gazetteer.entity(m.entity).kind)).then_some(m)
}

pub(super) fn is_name_word(ctx: &Context, t: &Token) -> bool {
    // `Ten-year-old Danylo`: an age is no name; nor is `WHO/Europe`.
    if !t.word.chars().next().is_some_and(char::is_uppercase)
        || t.word.ends_with("-old")
        || t.word.contains(['/', '('])
    {
        return false;
    }
    let mut letters = t.word.chars().filter(|c| c.is_alphabetic());
    let acronym = t
        .word
        .chars()
        .filter(|c| c.is_alphabetic())
        .nth(1)
        .is_some()
        && letters.all(char::is_uppercase);
    !acronym
        && t.word != "I"
        && LEXICON.kind(t.word).is_none()
        && !OPENERS.contains(t.word)
        && covered_by_mention(ctx, t.span, &[EntityType::Place, EntityType::Organization]).is_none()
}

/// A surname in capitals, as the Council of Europe writes it (`ANTTILA-KORPI`): three
/// or more letters, all capitals, no acronym's slash, and not a listed organization or
/// place (`Ana Lee UNICEF`).
pub(super) fn capitals_surname(ctx: &Context, t: &Token) -> bool {
    let word = t.word;
    let listed = covered_by_mention(ctx, t.span, &[EntityType::Place, EntityType::Organization]);
    listed.is_none()
        && word.chars().filter(|c| c.is_alphabetic()).nth(2).is_some()
        && word
            .chars()
            .all(|c| c.is_uppercase() || c == '-' || c == '\'')
        && LEXICON.kind(word).is_none()
}

/// A middle initial: one capital letter written with its full stop (`Nurlan B. Abenov`).
fn is_initial(ctx: &Context, t: &Token) -> bool {
    let mut chars = t.word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.next().is_none()
        && ctx.text[t.span.end..].starts_with('.')
}

/// Where the name starts in a run of capitalised words that continues a title phrase
/// (`Deputy Minister of Education and Science Timur Alimov`, `Minister of Foreign Affairs
/// Anna Berg`): the portfolio's words lead the run, so the name is its last two words
/// ([`last_two`]). A run of two words is left whole.
fn after_portfolio(ctx: &Context, toks: &[Token], start: usize, end: usize) -> usize {
    // `and Regional Development Name`: also after a title word of the portfolio.
    let continues_title = start > 0
        && (ROLE_CONNECTORS.contains(&toks[start - 1].word)
            || LEXICON.kind(toks[start - 1].word) == Some(WordKind::Title))
        && toks[..start]
            .iter()
            .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
    if !continues_title {
        return start;
    }
    last_two(ctx, toks, (start, end)).map_or(start, |(first, _)| first)
}

/// A run names a person only where a name can stand: at the start of its chunk, after a
/// title, an honorific or a place or organization name, or at the end of a title phrase
/// whose last word is in lower case (`Head of the ODIHR mission Jane Holm`); and not
/// right before a title (`Police Affairs Adviser`, `of the State Emergency Service` are
/// not people).
pub(super) fn can_be_person(toks: &[Token], run: (usize, usize)) -> bool {
    // `International Election Observation Mission`: capitalised words before an
    // organization word name the organization.
    let after_ok = toks.get(run.1).is_none_or(|t| {
        !matches!(
            LEXICON.kind(t.word),
            Some(WordKind::Title | WordKind::Organization)
        )
    });
    let before_ok = run.0 == 0 || {
        let prev = toks[run.0 - 1].word;
        let ends_title_phrase = run.1 == toks.len()
            && !ROLE_CONNECTORS.contains(&prev)
            && toks[..run.0]
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        LEXICON.kind(prev).is_some()
            || prev.chars().next().is_some_and(char::is_uppercase)
            || ends_title_phrase
            || descriptor(toks, run.0).is_some()
    };
    after_ok && before_ok
}

/// `said poet Dana Orlov`, `the veteran reporter Ali Dag`: one to three lower-case words
/// that describe the person, between the start of the chunk (or an article) and the name
/// at token `name_at`; the index of the first of them.
pub(super) fn descriptor(toks: &[Token], name_at: usize) -> Option<usize> {
    const NOT_DESCRIPTIVE: &[&str] = &[
        "today",
        "yesterday",
        "also",
        "then",
        "later",
        "earlier",
        "again",
        "by",
        "from",
        "with",
        "as",
        "after",
        "before",
        "during",
        "that",
        "this",
        "reporters",
        "journalists",
        "participants",
        "delegates",
        "guests",
    ];
    let from = usize::from(
        toks.first()
            .is_some_and(|t| matches!(t.word, "the" | "The" | "a" | "A" | "an" | "An")),
    );
    let words = toks.get(from..name_at)?;
    let describes = |t: &Token| {
        t.word.chars().all(|c| c.is_lowercase() || c == '-')
            && !ROLE_CONNECTORS.contains(&t.word)
            && !NOT_DESCRIPTIVE.contains(&t.word)
            && !is_verb_word(t.word)
    };
    (!words.is_empty() && words.len() <= 3 && words.iter().all(describes)).then_some(from)
}

/// The listed role noun in lower case right before the name at token `name_at`, anywhere
/// in a sentence: `a case against journalist Daulet Seitkazy`, `the school’s director
/// Marinko Jurić`.
pub(super) fn noun_before(toks: &[Token], name_at: usize) -> Option<Span> {
    let noun = toks[..name_at].last()?.word;
    let listed = matches!(
        LEXICON.kind(noun),
        Some(WordKind::Unnamed | WordKind::Title)
    );
    if !(noun.starts_with(char::is_lowercase) && listed || role_noun(noun)) {
        return None;
    }
    // With the lower-case words that qualify it (`deputy director`, `business trainer`),
    // up to an article or a possessive.
    const NOT_MODIFIERS: &[&str] = &[
        "a", "an", "against", "with", "by", "from", "about", "after", "before", "during", "among",
        "between", "over", "near", "without", "into", "as", "than", "like", "when",
    ];
    let modifier = |t: &&Token| {
        t.word.starts_with(char::is_lowercase)
            && !ROLE_CONNECTORS.contains(&t.word)
            && !NOT_MODIFIERS.contains(&t.word)
            && without_possessive(t.word).len() == t.word.len()
            && !is_verb_word(t.word)
    };
    let modifiers = toks[..name_at - 1]
        .iter()
        .rev()
        .take(2)
        .take_while(modifier)
        .count();
    Some(span_of(toks, name_at - 1 - modifiers, name_at))
}

/// The last two words of run `(a, b)` of at least three (three with a middle initial),
/// when they can be a name: the name at the end of a portfolio (`Social Protection Vera
/// Lungu`).
pub(super) fn last_two(
    ctx: &Context,
    chunk: &[Token],
    (a, b): (usize, usize),
) -> Option<(usize, usize)> {
    let mut first = (a..b - 1).rev().find(|&k| is_name_word(ctx, &chunk[k]))?;
    // `Matthias K. Brenner`: a middle initial is not where a name starts.
    let initial = |w: &str| w.trim_end_matches('.').chars().count() == 1;
    while first > a && initial(chunk[first].word) {
        first -= 1;
    }
    (b - a >= 3).then_some((first, b))
}

/// The name that ends a portfolio run over commas, before its verb (`Minister of
/// Health, Labour and Social Protection Vera Lungu said`): run `(a, b)` of chunk `ci`
/// after a title chunk, with only portfolio words before it in its chunk.
pub(super) fn portfolio_end(
    ctx: &Context,
    chunks: &[&[Token]],
    ci: usize,
    (a, b): (usize, usize),
) -> Option<(usize, usize)> {
    let chunk = chunks[ci];
    let verb_after = chunk.get(b).is_some_and(|t| {
        t.word.starts_with(char::is_lowercase) && !ROLE_CONNECTORS.contains(&t.word)
    });
    let portfolio = a > 0 && chunk[..a].iter().all(title_word);
    if !(verb_after && portfolio) {
        return None;
    }
    title_before_chunk(ctx, chunks, ci)?;
    last_two(ctx, chunk, (a, b))
}
