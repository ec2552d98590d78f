//! A speaker phrase (`Deputy Head of the OSCE Programme Office in Astana Yuri Fenopetov`,
//! `Jovana Marković, Head of the Media Department,`, `she`, `the Mission`, `one
//! participant`) → a [`Speaker`].
//!
//! Names are runs of capitalised words that are not titles, honorifics, organization words
//! (`data/titles.tsv`), acronyms, or part of a place or organization mention; name
//! particles (`van`, `de`, `al`) may sit inside a run. Roles come from the words before the
//! name or from the apposition after it; `Role of [the] Org` splits into role and
//! organization, and an organization mention inside the role is linked to its gazetteer id.

use super::lexicon::{WordKind, LEXICON};
use super::{Speaker, SpeakerType};
use crate::gazetteer::{EntityType, Gazetteer, Match};
use crate::span::Span;

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "da", "di", "du", "la", "le", "ter", "bin", "al", "el",
];
const DETERMINERS: &[&str] = &[
    "one", "a", "an", "another", "several", "some", "many", "two", "three",
];

/// Where the name sits relative to its speech verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// `said Name, role`: the first name chunk names the speaker.
    VerbFirst,
    /// `Name, role, said`: the last name chunk names the speaker.
    SpeakerFirst,
}

/// How the speaker was identified; becomes part of the `cue` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Name,
    Surname,
    Pronoun,
    Title,
    Organization,
    Unnamed,
}

impl Resolution {
    pub fn label(self) -> Option<&'static str> {
        match self {
            Resolution::Name => None,
            Resolution::Surname => Some("surname"),
            Resolution::Pronoun => Some("pronoun"),
            Resolution::Title => Some("title"),
            Resolution::Organization => Some("organization"),
            Resolution::Unnamed => Some("unnamed"),
        }
    }
}

/// What the phrase parser may look at besides the phrase.
pub struct Context<'a> {
    pub text: &'a str,
    pub mentions: &'a [Match],
    pub gazetteer: &'a Gazetteer,
    pub issued_by: &'a [String],
    /// People named so far in the article, oldest first.
    pub people: &'a [Speaker],
    /// Where the quote starts: only text before it introduces people.
    pub before: usize,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    span: Span,
    word: &'a str,
}

fn tokens(text: &str, span: Span) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let s = &text[span.range()];
    let mut offset = 0;
    for raw in s.split_inclusive(char::is_whitespace) {
        let word = raw.trim_end();
        let lead = word.len() - word.trim_start_matches(['(', '“', '"', '‘']).len();
        let core = word[lead..].trim_end_matches([',', ';', ':', ')', '”', '"', '’', '!', '?']);
        // Keep the full stop of `Mr.` and `H.E.`, drop a sentence-final one.
        let core = if core.ends_with('.') && LEXICON.kind(core).is_none() {
            &core[..core.len() - 1]
        } else {
            core
        };
        if !core.is_empty() {
            let start = span.start + offset + lead;
            out.push(Token {
                span: Span::new(start, start + core.len()),
                word: core,
            });
        }
        offset += raw.len();
    }
    out
}

fn covered_by_mention(ctx: &Context, span: Span, kinds: &[EntityType]) -> Option<Match> {
    ctx.mentions
        .iter()
        .copied()
        .find(|m| m.span.contains(span) && kinds.contains(&ctx.gazetteer.entity(m.entity).kind))
}

fn is_name_word(ctx: &Context, t: &Token) -> bool {
    let first_upper = t.word.chars().next().is_some_and(char::is_uppercase);
    let letters: Vec<char> = t.word.chars().filter(|c| c.is_alphabetic()).collect();
    let acronym = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    first_upper
        && !acronym
        && t.word != "I"
        && LEXICON.kind(t.word).is_none()
        && !OPENERS.contains(&t.word)
        && covered_by_mention(ctx, t.span, &[EntityType::Place, EntityType::Organization]).is_none()
}

/// Runs of name words (token index ranges) in a chunk of tokens.
fn name_runs(ctx: &Context, toks: &[Token]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_name_word(ctx, &toks[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < toks.len() && is_name_word(ctx, &toks[end]) {
                end += 1;
            } else if end + 1 < toks.len()
                && PARTICLES.contains(&toks[end].word)
                && is_name_word(ctx, &toks[end + 1])
            {
                end += 2;
            } else {
                break;
            }
        }
        runs.push((start, end));
        i = end;
    }
    runs
}

/// A run names a person only where a name can stand: at the start of its chunk or after
/// a title, an honorific or a place or organization name, and not right before a title
/// (`Police Affairs Adviser`, `of the State Emergency Service` are not people).
fn can_be_person(toks: &[Token], run: (usize, usize)) -> bool {
    let after_ok = toks
        .get(run.1)
        .is_none_or(|t| LEXICON.kind(t.word) != Some(WordKind::Title));
    let before_ok = run.0 == 0 || {
        let prev = toks[run.0 - 1].word;
        LEXICON.kind(prev).is_some() || prev.chars().next().is_some_and(char::is_uppercase)
    };
    after_ok && before_ok
}

fn span_of(toks: &[Token], from: usize, to: usize) -> Span {
    Span::new(toks[from].span.start, toks[to - 1].span.end)
}

/// `s` without trailing connecting words (`Deputy Head of the` → `Deputy Head`).
fn strip_connectors(s: &str) -> &str {
    const CONNECTORS: &[&str] = &["of", "at", "in", "with", "for", "to", "the", "from"];
    let mut s = s.trim_end();
    while let Some((head, last)) = s.rsplit_once(' ') {
        if !CONNECTORS.contains(&last) {
            break;
        }
        s = head.trim_end();
    }
    s
}

/// Splits a role phrase into role and organization (`Deputy Head of the OSCE Programme
/// Office in Astana` → `Deputy Head`, `OSCE Programme Office in Astana`).
fn role_and_org(ctx: &Context, span: Span, speaker: &mut Speaker) {
    let raw =
        ctx.text[span.range()].trim_matches(|c: char| c.is_whitespace() || ",.;:".contains(c));
    // `a social worker with ...`: the article is not part of the role.
    let raw = ["a ", "an ", "the "]
        .iter()
        .find_map(|a| raw.strip_prefix(a))
        .unwrap_or(raw);
    if raw.is_empty() {
        return;
    }
    let start = span.start + ctx.text[span.range()].find(raw).unwrap_or(0);
    let span = Span::new(start, start + raw.len());
    let org_mention = ctx.mentions.iter().copied().find(|m| {
        span.contains(m.span) && ctx.gazetteer.entity(m.entity).kind == EntityType::Organization
    });
    // `Deputy Head of the OSCE Programme Office in Astana`, `Officer at the Centre`,
    // `ODIHR Director`, `ODIHR’s Adviser on ...`: the role is what is left around the
    // organization, without connecting words.
    let (role, org) = if let Some(m) = org_mention {
        let before = strip_connectors(&ctx.text[span.start..m.span.start]);
        if before.is_empty() {
            let after = ctx.text[m.span.end..span.end]
                .trim_start_matches(['’', '\'', 's'])
                .trim();
            (after, Some(&ctx.text[m.span.range()]))
        } else {
            (before, Some(ctx.text[m.span.start..span.end].trim()))
        }
    } else if let Some(at) = raw.find(" of ").or_else(|| raw.find(" at ")) {
        let org = raw[at + 4..].trim_start_matches("the ").trim();
        (raw[..at].trim(), Some(org))
    } else {
        (raw, None)
    };
    if !role.is_empty() {
        speaker.role = Some(role.to_string());
    }
    if let Some(org) = org.filter(|o| !o.is_empty()) {
        speaker.org = Some(org.to_string());
        speaker.org_entity = org_mention.map(|m| m.entity);
    }
}

static OPENERS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    crate::data::rows(include_str!("../../data/sentence_openers.txt"))
        .map(str::trim)
        .collect()
});

/// The most recent person introduced earlier whose name ends with `surname`: a known
/// speaker or gazetteer person first, else a capitalised name ending in `surname` in the
/// text before the quote.
fn by_surname(ctx: &Context, surname: &str) -> Option<Speaker> {
    let known = ctx.people.iter().rev().find(|p| {
        p.name
            .as_deref()
            .is_some_and(|n| n != surname && n.rsplit(' ').next() == Some(surname))
    });
    if let Some(found) = known {
        return Some(found.clone());
    }
    let before = &ctx.text[..ctx.before];
    let mut end = before.len();
    while let Some(at) = before[..end].rfind(surname) {
        end = at;
        let after = &before[at + surname.len()..];
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let from = before[..at]
            .char_indices()
            .rev()
            .nth(60)
            .map_or(0, |(i, _)| i);
        let toks = tokens(ctx.text, Span::new(from, at + surname.len()));
        let mut first = toks.len();
        while first > 0
            && is_name_word(ctx, &toks[first - 1])
            && (first == toks.len() || !ctx.text[toks[first - 1].span.end..].starts_with(','))
        {
            first -= 1;
        }
        if toks.len() - first >= 2 {
            let mut speaker = Speaker::unknown();
            speaker.kind = SpeakerType::Person;
            speaker.name = Some(ctx.text[span_of(&toks, first, toks.len()).range()].to_string());
            return Some(speaker);
        }
    }
    None
}

/// Parses a speaker phrase; `None` when it names nobody.
pub fn parse(ctx: &Context, span: Span, order: Order) -> Option<(Speaker, Resolution)> {
    let phrase = ctx.text[span.range()].trim();
    let lower = phrase.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    let toks = tokens(ctx.text, span);
    if toks.is_empty() {
        return None;
    }

    // Pronouns refer to the nearest person before, of the same gender when it is known.
    if matches!(first, "he" | "she") && toks.len() <= 3 {
        let gender = if first == "he" {
            crate::gazetteer::Gender::Male
        } else {
            crate::gazetteer::Gender::Female
        };
        let found = ctx
            .people
            .iter()
            .rev()
            .find(|p| p.gender.is_none_or(|g| g == gender))?;
        let mut speaker = found.clone();
        speaker.gender = Some(gender);
        return Some((speaker, Resolution::Pronoun));
    }

    // `one participant`, `a local teacher`: no name, the noun is the role.
    let lower_noun = toks
        .get(1)
        .is_some_and(|t| t.word.chars().next().is_some_and(char::is_lowercase));
    if DETERMINERS.contains(&first)
        && (lower_noun
            || toks
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Unnamed)))
    {
        const STOP: &[&str] = &[
            "from", "of", "in", "at", "with", "who", "during", "after", "for", "on",
        ];
        let role: Vec<&str> = toks[1..]
            .iter()
            .map(|t| t.word)
            .take_while(|w| !STOP.contains(w))
            .collect();
        let speaker = Speaker {
            role: Some(role.join(" ")),
            ..Speaker::unknown()
        };
        return Some((speaker, Resolution::Unnamed));
    }

    // Comma chunks: one names the speaker, the next one is the apposition.
    let mut chunks: Vec<Vec<Token>> = vec![Vec::new()];
    for t in &toks {
        chunks.last_mut()?.push(*t);
        if ctx.text[t.span.end..].starts_with(',') {
            chunks.push(Vec::new());
        }
    }
    chunks.retain(|c| !c.is_empty());
    let is_role_chunk = |c: &[Token]| {
        c[0].word.chars().next().is_some_and(char::is_lowercase)
            || c.iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title))
    };
    let ordered: Vec<usize> = match order {
        Order::VerbFirst => (0..chunks.len()).collect(),
        Order::SpeakerFirst => (0..chunks.len()).rev().collect(),
    };
    // Chunks that read as a name come before chunks that open with a title or in lower
    // case (`Head of the Prevention Department of the Ministry of Internal Affairs`).
    let order_idx: Vec<usize> = ordered
        .iter()
        .copied()
        .filter(|&i| !is_role_chunk(&chunks[i]))
        .chain(
            ordered
                .iter()
                .copied()
                .filter(|&i| is_role_chunk(&chunks[i])),
        )
        .collect();

    // Person names from the gazetteer win; otherwise runs of capitalised words.
    for &ci in &order_idx {
        let chunk = &chunks[ci];
        let person = ctx.mentions.iter().copied().find(|m| {
            span_of(chunk, 0, chunk.len()).contains(m.span)
                && ctx.gazetteer.entity(m.entity).kind == EntityType::Person
        });
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
            (m.span, Resolution::Name, Some(m.entity))
        } else if let Some(&(a, b)) = run {
            let s = span_of(chunk, a, b);
            (
                s,
                Resolution::Name,
                ctx.gazetteer.lookup(&ctx.text[s.range()]),
            )
        } else if let Some(found) = runs
            .iter()
            .filter(|r| r.1 - r.0 == 1)
            .find_map(|&(a, _)| by_surname(ctx, chunk[a].word))
        {
            return Some((found, Resolution::Surname));
        } else {
            continue;
        };
        let mut speaker = Speaker {
            name: Some(ctx.text[name_span.range()].to_string()),
            kind: SpeakerType::Person,
            ..Speaker::unknown()
        };
        if let Some(entity) = known.filter(|&e| ctx.gazetteer.entity(e).kind == EntityType::Person)
        {
            let e = ctx.gazetteer.entity(entity);
            speaker.name = Some(e.name.clone());
            speaker.entity = Some(entity);
            speaker.gender = e.gender;
        }
        // Honorifics before the name give gender; titles before it are the role.
        let before: Vec<&Token> = chunk
            .iter()
            .filter(|t| t.span.end <= name_span.start)
            .collect();
        for t in &before {
            match LEXICON.kind(t.word) {
                Some(WordKind::Honorific(Some(g))) => speaker.gender = speaker.gender.or(Some(g)),
                Some(WordKind::Title) => speaker.titles.push(t.word.to_string()),
                _ => {}
            }
        }
        let role_start = before
            .iter()
            .find(|t| !matches!(LEXICON.kind(t.word), Some(WordKind::Honorific(_))))
            .map(|t| t.span.start);
        if let Some(next) = chunks
            .get(ci + 1)
            .filter(|c| is_role_chunk(c) || order == Order::SpeakerFirst)
        {
            role_and_org(ctx, span_of(next, 0, next.len()), &mut speaker);
        }
        if speaker.role.is_none() {
            if let Some(start) = role_start {
                role_and_org(ctx, Span::new(start, name_span.start), &mut speaker);
            }
        }
        if speaker.role.is_none() {
            if let Some(entity) = speaker.entity {
                speaker.role = ctx.gazetteer.entity(entity).role.clone();
            }
        }
        if let Some(role) = &speaker.role {
            let words = role
                .split_whitespace()
                .filter(|w| LEXICON.kind(w) == Some(WordKind::Title));
            speaker.titles.extend(words.map(str::to_string));
        }
        return Some((speaker, resolution));
    }

    // Organizations: a gazetteer mention, or `the Mission`/`the statement` for the issuer.
    let org = ctx.mentions.iter().copied().find(|m| {
        span.contains(m.span) && ctx.gazetteer.entity(m.entity).kind == EntityType::Organization
    });
    if let Some(m) = org {
        let issuer = ctx
            .issued_by
            .iter()
            .find(|i| ctx.gazetteer.lookup(i) == Some(m.entity));
        let speaker = Speaker {
            name: Some(
                issuer
                    .cloned()
                    .unwrap_or_else(|| ctx.text[m.span.range()].to_string()),
            ),
            kind: SpeakerType::Organization,
            entity: Some(m.entity),
            ..Speaker::unknown()
        };
        return Some((speaker, Resolution::Organization));
    }
    let org_word = toks
        .iter()
        .any(|t| LEXICON.kind(t.word) == Some(WordKind::Organization));
    if first == "the" && org_word && toks.len() <= 4 {
        let issuer = ctx.issued_by.first()?;
        let speaker = Speaker {
            name: Some(issuer.clone()),
            kind: SpeakerType::Organization,
            entity: ctx.gazetteer.lookup(issuer),
            ..Speaker::unknown()
        };
        return Some((speaker, Resolution::Organization));
    }
    // `the Ambassador`, `the Representative`: the person introduced with that title.
    let title_words: Vec<&str> = toks
        .iter()
        .filter(|t| LEXICON.kind(t.word) == Some(WordKind::Title))
        .map(|t| t.word)
        .collect();
    if first == "the" && !title_words.is_empty() {
        let found = ctx
            .people
            .iter()
            .rev()
            .find(|p| title_words.iter().all(|w| p.titles.iter().any(|t| t == w)));
        if let Some(found) = found {
            return Some((found.clone(), Resolution::Title));
        }
    }

    None
}
