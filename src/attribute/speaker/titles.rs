//! Title phrases and appositions around a name: where the title before a name starts,
//! a title phrase over the chunks before it, the apposition after it, and whether a chunk
//! describes the person or opens a clause. Splitting a title into role and organization is
//! [`super::role`]'s.

use super::names::{covered_by_mention, name_runs};
use super::tokens::{span_of, Token};
use super::words::{is_verb_word, territory, IRREGULAR_PAST, OPENERS, ROLE_CONNECTORS};
use super::Context;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::gazetteer::EntityType;
use crate::span::Span;

/// A word that may stand in a title phrase: capitalised (`Head`, `OSCE`, `Media`), a
/// connector (`of the`), or a listed title, rank or honorific.
pub(super) fn title_word(t: &Token) -> bool {
    // `(ODIHR)` after the name it abbreviates.
    t.word
        .trim_start_matches('(')
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        || ROLE_CONNECTORS.contains(&t.word)
        || LEXICON.kind(t.word).is_some()
}

/// The span of a comma chunk that is a title phrase and nothing else (`The Head of the
/// OSCE Mission to Skopje`, `OSCE Chairman-in-Office`), without a leading `The`.
pub(super) fn title_phrase(chunk: &[Token]) -> Option<Span> {
    // `and the Head of …`: the second of two people introduced together.
    let from = chunk
        .iter()
        .take_while(|t| matches!(t.word, "The" | "the" | "and"))
        .count();
    let phrase = chunk.get(from..).filter(|p| !p.is_empty())?;
    // `the mayor of Orhei`: a title in lower case too; `the Ambassador of Japan`, `Norway’s
    // Ambassador to Tajikistan`: a rank with its own `of` or `to`.
    let is_title = |i: usize| {
        let of = phrase
            .get(i + 1)
            .is_some_and(|t| matches!(t.word, "of" | "to"));
        LEXICON
            .title(phrase[i].word)
            .is_some_and(|w| match LEXICON.kind(w) {
                Some(WordKind::Title) => true,
                Some(WordKind::Rank) => of,
                _ => false,
            })
    };
    let title = (0..phrase.len()).find(|&i| is_title(i))?;
    // `the head of the ODIHR observation mission`: up to four lower-case words after the
    // title still belong to it.
    let lower = phrase[title..].iter().filter(|t| !title_word(t)).count();
    let verb = phrase
        .iter()
        .any(|t| is_verb_word(t.word) || IRREGULAR_PAST.contains(&t.word));
    (phrase[..title].iter().all(title_word) && lower <= 4 && !verb)
        .then(|| span_of(phrase, 0, phrase.len()))
}

/// The title phrase that ends a chunk: `… presided over by the Commander of Allied Joint
/// Force Command Naples`, `… met the First Deputy Minister of Education`.
fn title_tail(chunk: &[Token]) -> Option<Span> {
    let from = chunk.len() - chunk.iter().rev().take_while(|t| title_word(t)).count();
    let tail = &chunk[from..];
    let start = tail
        .iter()
        .position(|t| LEXICON.kind(t.word).is_some() || t.word.starts_with(char::is_uppercase))?;
    let tail = &tail[start..];
    tail.iter()
        .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title))
        .then(|| span_of(tail, 0, tail.len()))
}

/// Where the title phrase before the name at token `a` starts: back over the words a
/// title phrase may hold, then on to its first title, rank or organization (`The course
/// was closed by the UN Resident Coordinator Ada Obi` → `UN Resident Coordinator`).
pub(super) fn title_start(ctx: &Context, chunk: &[Token], a: usize) -> usize {
    let mut first = a;
    // `Head of the ODIHR mission Jane Holm`: a few lower-case words after a title word
    // still belong to its phrase.
    let title = chunk[..a]
        .iter()
        .rposition(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
    if let Some(t) = title.filter(|&t| {
        let lower = chunk[t + 1..a].iter().filter(|w| !title_word(w)).count();
        a - t <= 8
            && lower <= 2
            && chunk[t + 1..a]
                .iter()
                .all(|w| title_word(w) || !is_verb_word(w.word))
    }) {
        first = t;
    }
    // `Experts from Slovenia and Croatia and Professor Name`: `and` before a title
    // starts it.
    let starts_title = |t: &Token| {
        matches!(
            LEXICON.kind(t.word),
            Some(WordKind::Title | WordKind::Rank | WordKind::Honorific(_))
        )
    };
    // But `UN Resident Coordinator and Head of …` is one chain of two titles.
    let titles_before = |end: usize| {
        chunk[..end]
            .iter()
            .rev()
            .take_while(|t| title_word(t))
            .any(starts_title)
    };
    while first > 0
        && title_word(&chunk[first - 1])
        && !(chunk[first - 1].word == "and"
            && first < a
            && starts_title(&chunk[first])
            && !titles_before(first - 1))
    {
        first -= 1;
    }
    // Articles, connectors and sentence openers lead in; `Prime`, `Foreign` or `Acting`
    // before a title belong to it, and so does a title in lower case (`head of the …`).
    while first < a
        && (!chunk[first].word.starts_with(char::is_uppercase)
            || OPENERS.contains(chunk[first].word))
        && LEXICON.kind(chunk[first].word) != Some(WordKind::Title)
        && covered_by_mention(ctx, chunk[first].span, &[EntityType::Organization]).is_none()
    {
        first += 1;
    }
    first
}

/// The title phrase in the chunks before chunk `ci`, with the chunks of capitalised
/// words that go on with it (`the Minister of Labour, Social Protection and Family,
/// Elena Moraru-Cozma`; `NATO Assistant Secretary General for Innovation, Hybrid and
/// Cyber, Dr Helena Strand`).
pub(super) fn title_before_chunk(ctx: &Context, chunks: &[&[Token]], ci: usize) -> Option<Span> {
    let mut k = ci.checked_sub(1)?;
    let end = chunks[k].last()?.span.end;
    loop {
        if let Some(title) = title_phrase(chunks[k]).or_else(|| title_tail(chunks[k])) {
            // `the Deputy Prime Minister and the Deputy Minister of Education, …`: the
            // last of the people listed.
            let text = &ctx.text[title.start..end];
            let start = text
                .rfind(" and the ")
                .filter(|&at| {
                    let next = text[at + 9..].split(' ').next().unwrap_or("");
                    LEXICON.kind(next) == Some(WordKind::Title)
                })
                .map_or(title.start, |at| title.start + at + 9);
            return Some(Span::new(start, end));
        }
        // `Labour and Social Protection`: a list of portfolio words, not a name.
        let listed = chunks[k].iter().any(|t| ROLE_CONNECTORS.contains(&t.word));
        // `The mayor of the village of Văsieni, Ialoveni district, Name`: where it lies.
        let district = chunks[k].len() <= 3
            && chunks[k]
                .last()
                .is_some_and(|t| t.word.starts_with(char::is_lowercase) && territory(t.word));
        let continues = district
            || chunks[k][0].word.starts_with(char::is_uppercase)
                && chunks[k].iter().all(title_word)
                && (listed || !name_runs(ctx, chunks[k]).iter().any(|r| r.1 - r.0 >= 2));
        if !continues || k == 0 || ci - k >= 4 {
            return None;
        }
        k -= 1;
    }
}

/// Whether a comma chunk goes on with the title or name before it: the words of a
/// portfolio, not a person — no name of two words, or a list with a single word in it
/// (`Social Protection and Migration`, not `Ana Lee and Bo Ek`).
pub(super) fn goes_on(ctx: &Context, chunk: &[Token]) -> bool {
    let runs = name_runs(ctx, chunk);
    let listed = chunk.iter().any(|t| t.word == "and") && runs.iter().any(|r| r.1 - r.0 == 1);
    chunk[0].word.starts_with(char::is_uppercase)
        && chunk.iter().all(title_word)
        && (listed || !runs.iter().any(|r| r.1 - r.0 >= 2))
}

/// The apposition that starts at chunk `i`, with the chunks after it that go on with its
/// title (`Adviser on Combating Racism, Xenophobia and Discrimination`, `Commissioner for
/// Energy, Climate and Housing`): capitalised words that name no one.
pub(super) fn apposition_span(ctx: &Context, chunks: &[&[Token]], i: usize) -> Span {
    let mut last = i;
    while chunks.get(last + 1).is_some_and(|next| goes_on(ctx, next)) {
        last += 1;
    }
    let end = chunks[last];
    Span::new(chunks[i][0].span.start, end[end.len() - 1].span.end)
}

/// A comma chunk that describes the person before it: `Head of ...`, `a lawyer from
/// Tirana`, `Senior Adviser at ...`; not `adding that ...` or `who ...`.
pub(super) fn is_apposition(chunk: &[Token]) -> bool {
    // Words that open a clause or a circumstance, not a description: `who …`, `adding
    // that …`, `today expressed concern`, `at the meeting in Bishkek`.
    const OPENS_CLAUSE: &[&str] = &[
        "adding",
        "who",
        "which",
        "noting",
        "stressing",
        "and",
        "but",
        "while",
        "said",
        "says",
        "as",
        "when",
        "where",
        "after",
        "before",
        "during",
        "that",
        "today",
        "yesterday",
        "tomorrow",
        "also",
        "then",
        "earlier",
        "later",
        "at",
        "in",
        "on",
        "by",
        "to",
        "for",
    ];
    let first = chunk[0].word;
    let participle = first.len() > 4 && first.ends_with("ing");
    // `held a speech`, `opened the session`: a lower-case verb in the past tense.
    let past = first.len() > 3 && first.ends_with("ed") || IRREGULAR_PAST.contains(&first);
    let clause = OPENS_CLAUSE.contains(&first)
        || participle
        || past
        || chunk
            .iter()
            .take_while(|t| !matches!(t.word, "who" | "whose" | "which" | "that"))
            .any(|t| is_verb_word(t.word));
    // A relative clause after the description (`an officer … who has served`) is cut from
    // the role later.
    !clause
}

/// The title and rank words of a phrase.
/// `the minister said` too: a title written in lower case.
pub(super) fn title_words(toks: &[Token]) -> Vec<&'static str> {
    toks.iter().filter_map(|t| LEXICON.title(t.word)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribute::speaker::tokens::tokens;

    /// What stands after a name's comma: a description, or a clause that is not one.
    #[test]
    fn appositions_are_descriptions_not_clauses() {
        let chunk = |text: &'static str| tokens(text, Span::new(0, text.len()));
        for (text, apposition) in [
            ("Head of the Elections Unit", true),
            ("a defence lawyer from Nikšić", true),
            (
                "an officer of the Border Troops who has served for years",
                true,
            ),
            ("will travel to Kyiv on Monday", false),
            ("has refused to answer the question", false),
            ("held a speech during the ceremony", false),
            ("at the ministerial meeting in Bishkek", false),
            ("today expressed concern", false),
            ("adding that the work goes on", false),
        ] {
            assert_eq!(is_apposition(&chunk(text)), apposition, "{text}");
        }
    }
}
