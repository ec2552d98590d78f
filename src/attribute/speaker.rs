//! A speaker phrase (`Deputy Head of the OSCE Programme Office in Astana Yuri Fenopetov`,
//! `Jovana Marković, Head of the Media Department,`, `she`, `the Mission`, `one
//! participant`) → a [`Speaker`].
//!
//! Names are runs of capitalised words that are not titles, honorifics, organization words
//! (`data/titles.tsv`), acronyms, or part of a place or organization mention; name
//! particles (`van`, `de`, `al`) may sit inside a run. Roles come from the words before the
//! name or from the apposition after it; `Role of [the] Org` splits into role and
//! organization, and an organization mention inside the role is linked to its gazetteer id.

use std::ops::ControlFlow;
use std::sync::Arc;

use memchr::memmem;

use super::lexicon::{WordKind, LEXICON};
use super::{Speaker, SpeakerType};
use crate::gazetteer::{EntityRef, EntityType, Gazetteer, Gender, Match};
use crate::span::Span;

const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "da", "di", "du", "la", "le", "ter", "bin", "al", "el",
];
/// Words that open an unnamed speaker's noun phrase; a possessive makes a new speaker
/// too (`his spokesman added` is not the person `his` refers to).
const DETERMINERS: &[&str] = &[
    "one", "a", "an", "another", "several", "some", "many", "two", "three", "his", "her", "its",
    "their",
];

/// The role column of every person in the gazetteers, split once into role, organization
/// and the organization's entry (the same split as a role phrase in text).
pub struct PersonRoles(Vec<Option<RoleSplit>>);

/// A role phrase taken apart: the title, the organization as written, and the
/// organization's gazetteer entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RoleSplit {
    pub role: Option<Arc<str>>,
    pub org: Option<Arc<str>>,
    pub org_entity: Option<EntityRef>,
}

impl PersonRoles {
    pub fn new(gazetteer: &Gazetteer) -> PersonRoles {
        PersonRoles(
            (0..gazetteer.len())
                .map(|i| {
                    let e = gazetteer.entity(EntityRef(i as u32));
                    let role = e.role.as_deref().filter(|_| e.kind == EntityType::Person)?;
                    Some(split_role(gazetteer, (&[], &[]), role, None))
                })
                .collect(),
        )
    }

    fn of(&self, entity: EntityRef) -> Option<&RoleSplit> {
        self.0.get(entity.0 as usize)?.as_ref()
    }
}

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
pub enum SpeakerResolution {
    Name,
    Surname,
    Pronoun,
    Title,
    Organization,
    Unnamed,
    /// A lone capitalised word never introduced in full (`“…,” Moretti said`).
    Bare,
}

impl SpeakerResolution {
    pub fn label(self) -> Option<&'static str> {
        match self {
            SpeakerResolution::Bare => Some("bare_surname"),
            SpeakerResolution::Name => None,
            SpeakerResolution::Surname => Some("surname"),
            SpeakerResolution::Pronoun => Some("pronoun"),
            SpeakerResolution::Title => Some("title"),
            SpeakerResolution::Organization => Some("organization"),
            SpeakerResolution::Unnamed => Some("unnamed"),
        }
    }
}

/// What the phrase parser may look at besides the phrase.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub text: &'a str,
    pub mentions: &'a [Match],
    pub gazetteer: &'a Gazetteer,
    pub issued_by: &'a [String],
    /// The gazetteer entry of each issuing office, when listed.
    pub issuer_ids: &'a [Option<EntityRef>],
    pub roles: &'a PersonRoles,
    /// People named so far in the article, oldest first.
    pub people: &'a [Speaker],
    /// Where the quote starts: only text before it introduces people.
    pub before: usize,
    /// The stretch of text attributed together (all of a short article): text outside
    /// it is never read, so that each window of a long article reads the same.
    pub window: Span,
}

impl<'a> Context<'a> {
    /// The window's text before the quote, and where it starts in the article.
    fn text_before(&self) -> (usize, &'a str) {
        let from = self.window.start.min(self.before);
        (from, &self.text[from..self.before])
    }
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    span: Span,
    word: &'a str,
}

/// The tokens between commas: a name, an apposition, a clause. Commas inside brackets
/// do not split (`Ana Costa (MP, Portugal), Vice-President …`).
fn comma_chunks<'t, 'a>(text: &str, toks: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut depth = 0usize;
    toks.split_inclusive(|t| {
        depth += text[..t.span.start].ends_with('(') as usize;
        let after = &text[t.span.end..];
        let closing = after.len() - after.trim_start_matches(')').len();
        depth = depth.saturating_sub(closing);
        // Not the comma of `300,000`.
        let thousands = t.word.ends_with(|c: char| c.is_ascii_digit())
            && after[closing..]
                .strip_prefix(',')
                .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()));
        depth == 0 && after[closing..].starts_with(',') && !thousands
    })
    // `Klea Dervishi, 19, a member of …`: an age stands between a name and its
    // apposition.
    .filter(
        |c| !matches!(c, [] | [_] if c.iter().all(|t| t.word.bytes().all(|b| b.is_ascii_digit()))),
    )
    .collect()
}

fn tokens(text: &str, span: Span) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    let s = &text[span.range()];
    let mut offset = 0;
    for raw in after_whitespace(s) {
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

/// The pieces of `s` that `s.split_inclusive(char::is_whitespace)` gives, with ASCII
/// bytes tested as bytes: decoding every character was a third of the tokenizer's time.
fn after_whitespace(s: &str) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let (mut start, mut at) = (0, 0);
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let (white, len) = match bytes[at] {
                // The ASCII characters with Unicode's White_Space property.
                b'\t'..=b'\r' | b' ' => (true, 1),
                0..=0x7F => (false, 1),
                _ => {
                    let c = s[at..].chars().next().unwrap_or_default();
                    (c.is_whitespace(), c.len_utf8())
                }
            };
            at += len;
            if white {
                let piece = &s[start..at];
                start = at;
                return Some(piece);
            }
        }
        (start < at).then(|| {
            let piece = &s[start..at];
            start = at;
            piece
        })
    })
}

/// The mention of one of `kinds` that contains `span`. Mentions are sorted and never
/// overlap, so only the last one starting at or before `span` can.
fn covered_by_mention(ctx: &Context, span: Span, kinds: &[EntityType]) -> Option<Match> {
    let i = ctx.mentions.partition_point(|m| m.span.start <= span.start);
    let m = *ctx.mentions[..i].last()?;
    (m.span.contains(span) && kinds.contains(&ctx.gazetteer.entity(m.entity).kind)).then_some(m)
}

fn is_name_word(ctx: &Context, t: &Token) -> bool {
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
        && !crate::data::SENTENCE_OPENERS.contains(t.word)
        && covered_by_mention(ctx, t.span, &[EntityType::Place, EntityType::Organization]).is_none()
}

/// A surname in capitals, as the Council of Europe writes it (`ANTTILA-KORPI`): three
/// or more letters, all capitals, no acronym's slash, and not a listed organization or
/// place (`Ana Lee UNICEF`).
fn capitals_surname(ctx: &Context, t: &Token) -> bool {
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

/// Runs of name words (token index ranges) in a chunk of tokens.
fn name_runs(ctx: &Context, toks: &[Token]) -> Vec<(usize, usize)> {
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
fn can_be_person(toks: &[Token], run: (usize, usize)) -> bool {
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
fn descriptor(toks: &[Token], name_at: usize) -> Option<usize> {
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
fn noun_before(toks: &[Token], name_at: usize) -> Option<Span> {
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

/// A listed role noun written with a capital, as it opens a sentence or a name
/// (`Sociologist Anahit Mkrtchyan`, `Participant Maral Gurbanova`).
fn role_noun(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && LEXICON.kind(word).is_none()
        && LEXICON.kind(&word.to_lowercase()) == Some(WordKind::Unnamed)
}

fn span_of(toks: &[Token], from: usize, to: usize) -> Span {
    Span::new(toks[from].span.start, toks[to - 1].span.end)
}

fn role_and_org(ctx: &Context, span: Span, speaker: &mut Speaker) {
    // The article's mentions around the phrase: no second search.
    let from = ctx.mentions.partition_point(|m| m.span.end <= span.start);
    let to = ctx.mentions.partition_point(|m| m.span.start < span.end);
    let RoleSplit {
        role,
        org,
        org_entity,
    } = split_role(
        ctx.gazetteer,
        (ctx.issued_by, ctx.issuer_ids),
        &ctx.text[span.range()],
        Some((&ctx.mentions[from..to.max(from)], span.start)),
    );
    if role.is_some() {
        speaker.role = role;
    }
    if org.is_some() {
        speaker.org = org;
        speaker.org_entity = org_entity;
    } else if ["Its ", "its "]
        .iter()
        .any(|p| ctx.text[span.range()].trim_start().starts_with(p))
    {
        // `Its director, Name,`: the organization named just before.
        speaker.org = body_named_before(ctx).map(Arc::from);
    }
}

/// The part of a role phrase that can be a role: without the brackets cut by a comma,
/// the clause after it, the second of two titles, a leading article, and ranks or
/// honorifics at either end. `None` when nothing is left.
fn role_phrase(phrase: &str) -> Option<&str> {
    let raw = phrase.trim_matches(|c: char| c.is_whitespace() || ",.;:".contains(c));
    let raw = without_cut_bracket(raw);
    let raw = without_clause(raw);
    let raw = first_of_two_titles(raw);
    let raw = without_lead_words(raw);
    without_ranks(raw)
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

/// Without ranks and honorifics at either end (`Head of the Mission Ambassador`); `None`
/// when nothing else is left. A rank after a country alone is the title (`Netherlands
/// Ambassador`), and so is a rank with its own `of` or `to` (`Ambassador of Norway to
/// Uzbekistan`, `Ambassador to Tajikistan`).
fn without_ranks(raw: &str) -> Option<&str> {
    let not_role = |w: &str| {
        matches!(
            LEXICON.kind(w),
            Some(WordKind::Rank | WordKind::Honorific(_))
        )
    };
    let titled = |head: &str| head.split(' ').any(|w| LEXICON.title(w).is_some());
    let mut raw = raw;
    while let Some((head, _)) = raw
        .rsplit_once(' ')
        .filter(|(head, w)| not_role(w) && titled(head))
    {
        raw = head.trim_end();
    }
    while let Some((_, tail)) = raw
        .split_once(' ')
        .filter(|(w, tail)| not_role(w) && !tail.starts_with("of ") && !tail.starts_with("to "))
    {
        raw = tail.trim_start();
    }
    (!raw.is_empty() && !not_role(raw)).then_some(raw)
}

/// A lower-case noun for someone's work: `reporter`, `lawyer`, `correspondent`,
/// `journalist`; not a verb (`works`).
fn agent_noun(word: &str) -> bool {
    word.starts_with(char::is_lowercase)
        && (LEXICON.kind(word).is_some()
            || ["er", "or", "ist", "ant", "ent"]
                .iter()
                .any(|end| word.ends_with(end)))
}

/// `UNDP`, `RFE/RL`, `OSCE`, `CoES`: two or more capitals, with `/` or `-` between them.
fn is_acronym(word: &str) -> bool {
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let lower = word.chars().filter(char::is_ascii_lowercase).count();
    // `CoES`, `CoE`: a few lower-case letters inside, never at the ends (`McDonald`).
    let ends_upper = word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.ends_with(|c: char| c.is_ascii_uppercase());
    upper >= 2
        && (lower == 0 || ends_upper && lower < upper)
        && word
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '-' | '&'))
}

/// A title without the place that ends it (`Representative in Uzbekistan`, `Resident
/// Representative in the Kyrgyz Republic`, `teacher in Soroca`, `Ambassador to
/// Tajikistan`): ` in ` and a listed place or capitalised words to the end, or ` to `
/// and a listed place. `at` is where `title` starts in the phrase of `within`.
fn without_place<'t>(title: &'t str, within: &InPhrase, at: usize) -> &'t str {
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

/// The mentions inside a role phrase, with spans relative to it.
struct InPhrase<'g> {
    gazetteer: &'g Gazetteer,
    found: Vec<Match>,
}

impl InPhrase<'_> {
    /// The mention of `kind` that starts at byte `from`. Demonyms are not places here:
    /// `the Ukrainian delegation` is an organization.
    fn kind_at(&self, kind: EntityType, from: usize) -> Option<Match> {
        self.found.iter().copied().find(|m| {
            m.span.start == from
                && m.form != crate::gazetteer::Form::Demonym
                && self.gazetteer.entity(m.entity).kind == kind
        })
    }
}

/// A role phrase that does not open with an organization, cut at its connector: the
/// first `of`, `at`, `with`, `from` or `in` after a title word, else the first `of`, `at`,
/// `with` or `from`. Gives the role, the organization as written, and the entry of an
/// issuing office that `the Mission` stands for.
fn cut_at_connector<'r>(
    raw: &'r str,
    within: &InPhrase,
    (issued_by, issuer_ids): (&'r [String], &[Option<EntityRef>]),
) -> (&'r str, Option<&'r str>, Option<EntityRef>) {
    let Some(mut cut) = Cut::find(raw) else {
        return (without_place(raw, within, 0), None, None);
    };
    // `Chairman of the Board of ANAMA`: the board is part of the title.
    if let Some(rest) = cut.org.strip_prefix("Board of ") {
        let at = raw.len() - rest.len() - " of ".len();
        cut = Cut {
            at,
            connector: " of ",
            org: rest.strip_prefix("the ").unwrap_or(rest),
            org_at: raw.len() - rest.strip_prefix("the ").unwrap_or(rest).len(),
            article: rest.starts_with("the "),
            ..cut
        };
    }
    let org = cut.org;
    // `Co-ordinator of OSCE Economic and Environmental Activities`: an OSCE post named
    // after its field is all role, of the OSCE.
    if let Some(field) = org.strip_prefix("OSCE ") {
        let named_field = field
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) && LEXICON.kind(w).is_none() || w == "and");
        if named_field {
            return (raw, Some("OSCE"), None);
        }
    }
    let single_org_word = !org.contains(' ') && LEXICON.kind(org) == Some(WordKind::Organization);
    let names_org = within
        .kind_at(EntityType::Organization, cut.org_at)
        .is_some()
        || org
            .split_whitespace()
            .any(|w| LEXICON.kind(w) == Some(WordKind::Organization));
    // `Prime Minister of Una-Sana Canton`, `Governor of Sughd Region`: a territory named
    // in full, listed or not, is what the title governs.
    let territory_named = cut.connector == " of "
        && org.contains(' ')
        && org.rsplit(' ').next().is_some_and(territory)
        && org.split(' ').all(|w| w.starts_with(char::is_uppercase));
    if territory_named {
        return (&raw[..cut.at], Some(org), None);
    }
    let place = within.kind_at(EntityType::Place, cut.org_at);
    // `Deputy Minister of Education and Science`: a portfolio, not an organization
    // (`Minister of the Interior` too).
    let portfolio = matches!(cut.title, "Minister" | "Vice-Minister")
        && cut.connector == " of "
        && place.is_none();
    if let Some((role, country)) = government_and_country(raw, &cut, portfolio, place, within) {
        return (role, Some(country), None);
    }
    let role_org = if portfolio || single_org_word && !cut.article {
        (raw, None) // `Head of Mission`
    } else if single_org_word {
        let (name, id) = issuer_named((issued_by, issuer_ids), org).unwrap_or((org, None));
        return (&raw[..cut.at], Some(name), id);
    } else if matches!(cut.connector, " from " | " in ") && !names_org
        || matches!(cut.connector, " for " | " to ") && !org.contains(char::is_uppercase)
    {
        (&raw[..cut.at], None)
    } else if let Some(within_org) = portfolio_in_org(org) {
        // `Director of Culture, Youth and Sports in the Municipality of Prizren`: the
        // portfolio belongs to the title, the body it serves in is the organization.
        let role = raw[..raw.len() - within_org.len()]
            .trim_end()
            .trim_end_matches(" in the")
            .trim_end_matches(" at the");
        (role, Some(within_org))
    } else if cut.connector == " with " && !org.contains(char::is_uppercase) && !names_org {
        // `a blogger with many subscribers`: no name after `with`.
        (&raw[..cut.at], None)
    } else if let Some(p) = place {
        after_place(raw, &cut, p, within)
    } else if !names_org && [" on ", " for "].iter().any(|c| raw[..cut.at].contains(c)) {
        // `representative on freedom of the media`: the `of` is the topic's.
        (raw, None)
    } else {
        (&raw[..cut.at], Some(org))
    };
    (role_org.0, role_org.1, None)
}

/// The issuing office whose name holds `word`, a single organization word (`Mission`,
/// `Commission`), with its gazetteer entry.
fn issuer_named<'i>(
    (issued_by, issuer_ids): (&'i [String], &[Option<EntityRef>]),
    word: &str,
) -> Option<(&'i str, Option<EntityRef>)> {
    if word.contains(' ') || LEXICON.kind(word) != Some(WordKind::Organization) {
        return None;
    }
    issued_by
        .iter()
        .zip(issuer_ids)
        .find(|(i, _)| i.split_whitespace().any(|w| w == word))
        .map(|(i, id)| (i.as_str(), *id))
}

/// Where a role phrase is cut: at the first `of`, `at`, `with`, `from` or `in` after a
/// title word, else at the first `of`, `at`, `with` or `from`; at `for` after a title in
/// lower case.
struct Cut<'r> {
    /// The byte of the space before the connector.
    at: usize,
    /// The connector with its spaces (` of `).
    connector: &'static str,
    /// The word before the connector.
    title: &'r str,
    /// What follows, without `the`, and where it starts.
    org: &'r str,
    org_at: usize,
    article: bool,
}

impl<'r> Cut<'r> {
    fn find(raw: &'r str) -> Option<Self> {
        let cuts = word_starts(raw)
            .scan("", |before, (at, w)| {
                Some((at, w, std::mem::replace(before, w)))
            })
            .filter_map(|(at, w, before)| {
                let connector = match w {
                    "of" => " of ",
                    "at" => " at ",
                    "with" => " with ",
                    "from" => " from ",
                    "in" => " in ",
                    // `reporter for the news website Bishkek Report`, not `Special
                    // Representative for Gender Issues`.
                    "for" if agent_noun(before) => " for ",
                    // `adviser to the Norwegian Customs Service`.
                    "to" if agent_noun(before) => " to ",
                    _ => return None,
                };
                // Lazily: a phrase that opens with `of` has no space before it.
                (at > 0 && raw[at + w.len()..].starts_with(' '))
                    .then(|| (at - 1, connector, before))
            });
        // `representative of the Office of the Co-ordinator …`, `member of the City
        // Council`: a role noun in lower case that opens the phrase is the title.
        let noun_first = cuts
            .clone()
            .next()
            .filter(|&(at, _, before)| at == before.len() && agent_noun(before));
        let after_title = noun_first.or_else(|| {
            cuts.clone()
                .find(|&(_, _, before)| LEXICON.kind(before) == Some(WordKind::Title))
        });
        let first = cuts.clone().find(|&(_, c, _)| c != " in ");
        let (at, connector, title) = after_title.or(first)?;
        let after = &raw[at + connector.len()..];
        let org = after.strip_prefix("the ").unwrap_or(after).trim();
        Some(Cut {
            at,
            connector,
            title,
            org,
            org_at: raw.len() - org.len(),
            article: after.starts_with("the "),
        })
    }
}

/// A government's title with its country or town as the organization: `Deputy Minister
/// of Energy of the Kyrgyz Republic` (after a `portfolio`), `Prime Minister of
/// Montenegro`, `Mayor of Tirana`, `Ambassador of Japan to Tajikistan`.
fn government_and_country<'r>(
    raw: &'r str,
    cut: &Cut,
    portfolio: bool,
    place: Option<Match>,
    within: &InPhrase,
) -> Option<(&'r str, &'r str)> {
    if portfolio {
        let (of, country) = country_after(raw, cut.at + cut.connector.len(), within)?;
        return Some((&raw[..of], country));
    }
    // `Ambassador of Japan to Tajikistan`: the sending country is the organization.
    if cut.title == "Ambassador" && cut.connector == " of " {
        let sender = place.filter(|p| {
            let rest = &raw[p.span.end..];
            rest.is_empty() || rest.starts_with(" to ")
        });
        if let Some(p) = sender {
            return Some((&raw[..cut.at], &raw[p.span.range()]));
        }
        // `Ambassador of the European Union to Georgia`: a sending body.
        let from = cut.at + cut.connector.len();
        let to = from + raw[from..].find(" to ")?;
        let body = &raw[from..to];
        let body = body.strip_prefix("the ").unwrap_or(body);
        return body
            .starts_with(char::is_uppercase)
            .then(|| (&raw[..cut.at], body));
    }
    let governs = cut.connector == " of " && cut.title != "Representative";
    let p = place.filter(|p| governs && p.span.end == raw.len())?;
    Some((&raw[..cut.at], &raw[p.span.range()]))
}

/// A role phrase whose connector is followed by the place `p`: `Permanent Representative
/// of Malta to the OSCE` has the `OSCE`; `Special Envoy of Malta to Georgia` and `Envoy
/// of Austria` are all role.
fn after_place<'r>(
    raw: &'r str,
    cut: &Cut<'r>,
    p: Match,
    within: &InPhrase,
) -> (&'r str, Option<&'r str>) {
    match memmem::find(&raw.as_bytes()[p.span.end..], b" to ") {
        Some(to)
            if within
                .kind_at(EntityType::Place, p.span.end + to + 4)
                .is_some() =>
        {
            (raw, None)
        }
        Some(to) => {
            let org = raw[p.span.end + to + 4..].trim_start_matches("the ");
            (&raw[..p.span.end + to], Some(org))
        }
        None if p.span.end == raw.len() => (raw, None),
        None => (&raw[..cut.at], Some(cut.org)),
    }
}

/// The organization after ` in the ` or ` at the ` in what follows a title's `of`, when
/// what comes before it names no organization (`Culture, Youth and Sports in the
/// Municipality of Prizren` → `Municipality of Prizren`).
fn portfolio_in_org(after_of: &str) -> Option<&str> {
    let org_word = |s: &str| s.split(' ').any(|w| LEXICON.organization_word(w).is_some());
    [" in the ", " at the "].iter().find_map(|sep| {
        let at = after_of.find(sep)?;
        let (portfolio, org) = (&after_of[..at], &after_of[at + sep.len()..]);
        // A named unit is itself the organization (`Financial Crimes Section in the
        // Ministry …`); a bare one is the title's (`Head of Division at the Bureau …`).
        let named_unit = org_word(portfolio) && portfolio.contains(' ');
        (!named_unit && org_word(org) && org.starts_with(char::is_uppercase)).then_some(org)
    })
}

/// A country at the end of a title, after ` of ` from byte `from` on: a listed place
/// or a republic (`of the Kyrgyz Republic`, `of the Republic of Kazakhstan`). Gives
/// where its ` of ` starts and the country without `the`.
fn country_after<'r>(raw: &'r str, from: usize, within: &InPhrase) -> Option<(usize, &'r str)> {
    raw[from..].match_indices(" of ").find_map(|(of, _)| {
        let of = from + of;
        let country = &raw[of + 4..];
        let bare = country.strip_prefix("the ").unwrap_or(country);
        let listed = within
            .kind_at(EntityType::Place, raw.len() - bare.len())
            .is_some_and(|p| p.span.end == raw.len());
        // `of the Kyrgyz Republic`, `of the Autonomous Republic of Adjara`, `of
        // Zenica-Doboj Canton`.
        let republic = bare.ends_with(" Republic")
            || bare.contains("Republic of ")
            || bare.rsplit(' ').next().is_some_and(territory);
        let capitalised = bare
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) || w == "of" || w == "and");
        ((listed || republic) && capitalised).then_some((of, bare))
    })
}

/// Splits a role phrase into role, organization and the organization's gazetteer entry.
///
/// The cut is at the first `of`, `at`, `with`, `from` or `in` after a title word, else at
/// the first `of`, `at`, `with` or `from`: `Deputy Head of the OSCE Programme Office in
/// Astana` → `Deputy Head` + `OSCE Programme Office in Astana`; `Senior Rule of Law
/// Officer at the OSCE Mission to Skopje` → `Senior Rule of Law Officer` + `OSCE Mission to
/// Skopje`. An organization written first is the organization (`ODIHR Director`), and
/// `OSCE Representative on Freedom of the Media` is that role of the `OSCE`. What follows
/// `from` or `in` is an organization only when it names one (`a lawyer from Tirana` has
/// none); a country is not an organization (`Ambassador of Austria` is all role, `Deputy
/// Permanent Representative of Malta to the OSCE` has the `OSCE`); `Head of Mission` is a
/// role, and `Officer at the Mission` works for the issuing Mission.
pub(crate) fn split_role(
    gazetteer: &Gazetteer,
    issuers: (&[String], &[Option<EntityRef>]),
    phrase: &str,
    mentions: Option<(&[Match], usize)>,
) -> RoleSplit {
    // `a nurse working for the Danish Refugee Council`: the participle only says whom
    // the person works for.
    let works = [
        " working for ",
        " working with ",
        " working at ",
        " who works for ",
    ];
    let found = phrase
        .contains(" work")
        .then(|| works.iter().find_map(|w| phrase.find(w).map(|at| (at, w))))
        .flatten();
    if let Some((at, participle)) = found {
        let connector = &participle[participle.trim_end().rfind(' ').unwrap_or(0)..];
        let plain = format!(
            "{}{connector}{}",
            &phrase[..at],
            &phrase[at + participle.len()..]
        );
        return split_role(gazetteer, issuers, &plain, None);
    }
    let Some(raw) = role_phrase(phrase) else {
        return RoleSplit::default();
    };
    // `one of the first graduates`: the noun, in the singular.
    if let Some(group) = raw.strip_prefix("one of ") {
        let group = group
            .split([',', ' '])
            .take_while(|w| !ROLE_CONNECTORS.contains(w) || *w == "the");
        let noun = group.last().filter(|w| w.ends_with('s')).map(singular_of);
        return RoleSplit {
            role: noun.map(Arc::from),
            ..RoleSplit::default()
        };
    }
    let within = InPhrase::of(gazetteer, phrase, raw, mentions);
    // `known`: the entry of an organization that is not written in the phrase itself.
    let (role, org, known) = match leading_org(raw, &within) {
        Some(lead) => match after_leading_org(raw, lead, &within) {
            // `Commission spokesperson`: the issuing office with that word in its name.
            (role, Some(org), None) => match issuer_named(issuers, org) {
                Some((name, id)) => (role, Some(name), id),
                None => (role, Some(org), None),
            },
            split => split,
        },
        None => cut_at_connector(raw, &within, issuers),
    };
    let org = org
        .map(|o| tidy_org(gazetteer, o))
        .filter(|o| !o.is_empty());
    // `Special Representative of the OSCE Chairperson-in-Office for the Transdniestrian
    // Settlement Process`: a listed body inside the title, its topic after it.
    // `a cadet in her second year`: the circumstance is not the title (a topic is:
    // `co-rapporteur on the monitoring of …`).
    let role = role.trim();
    let circumstance =
        word_starts(role)
            .zip(word_starts(role).skip(1))
            .find(|&((at, w), (_, next))| {
                at > 0
                    && matches!(w, "in" | "at" | "on" | "during")
                    && matches!(next, "his" | "her" | "their" | "its" | "our")
            });
    let role = circumstance.map_or(role, |((at, _), _)| role[..at].trim_end());
    let (role, org): (Arc<str>, _) = match org.and_then(|o| body_and_topic(raw, o, &within)) {
        Some((body, topic)) => (format!("{role} {topic}").into(), Some(body)),
        None => (role.into(), org),
    };
    // `a resident of Avnevi`, `a native of Osh`: where someone lives is no organization.
    let last_word = role.rsplit(' ').next().unwrap_or("");
    let dweller = ["resident", "native", "villager", "inhabitant", "citizen"].contains(&last_word);
    let org = org.filter(|_| !dweller);
    let org_entity = org.and_then(|o| org_entry(raw, o, &within, known));
    RoleSplit {
        role: Some(role).filter(|r| !r.is_empty()),
        org: org.map(Arc::from),
        org_entity,
    }
}

/// `org` as a listed body followed by ` for …` or ` on …` (the title's topic): the body
/// and the topic with its connector.
fn body_and_topic<'o>(raw: &str, org: &'o str, within: &InPhrase) -> Option<(&'o str, &'o str)> {
    let org_at = raw.find(org)?;
    let body = within.kind_at(EntityType::Organization, org_at)?;
    let body_len = body.span.len();
    let topic = org.get(body_len..)?;
    (topic.starts_with(" for ") || topic.starts_with(" on "))
        .then(|| (&org[..body_len], topic.trim_start()))
}

impl<'g> InPhrase<'g> {
    /// The mentions of `raw`, a part of `phrase`: those given (with the phrase's offset
    /// in their text), or a search of it.
    fn of(
        gazetteer: &'g Gazetteer,
        phrase: &str,
        raw: &str,
        mentions: Option<(&[Match], usize)>,
    ) -> Self {
        let offset = raw.as_ptr() as usize - phrase.as_ptr() as usize;
        let searched;
        // `base` is where `raw` starts in the mentions' text.
        let (mentions, base) = match mentions {
            Some((mentions, phrase_at)) => (mentions, phrase_at + offset),
            None => {
                searched = gazetteer.find(raw);
                (&searched[..], 0)
            }
        };
        InPhrase {
            gazetteer,
            found: mentions
                .iter()
                .filter(|m| m.span.start >= base && m.span.end <= base + raw.len())
                .map(|m| {
                    let mut m = *m;
                    m.span = Span::new(m.span.start - base, m.span.end - base);
                    m
                })
                .collect(),
        }
    }
}

/// The organization that opens a role phrase, before its title: a listed organization
/// (`ODIHR Director`), an acronym (`RFE/RL President`, `NATO Assistant Secretary
/// General`), or capitalised words up to an organization word before a head's title
/// (`State Police Director General`).
fn leading_org(raw: &str, within: &InPhrase) -> Option<Span> {
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
fn after_leading_org<'r>(
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

/// An organization as a name: without the circumstance after it, the town its members
/// come from (`Youth Advisory Group from Shkodër`), lower-case words after an acronym
/// (`the ODIHR observation mission` → `ODIHR`), or a leading `a`.
fn tidy_org<'o>(gazetteer: &Gazetteer, org: &'o str) -> &'o str {
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
fn org_entry(
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
fn org_after_name(
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
    let mention = ctx.mentions.iter().find(|m| {
        span.contains(m.span) && ctx.gazetteer.entity(m.entity).kind == EntityType::Organization
    });
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
fn org_for(ctx: &Context, next: &[Token]) -> Option<(Arc<str>, Option<EntityRef>)> {
    let rest = match next {
        [first, rest @ ..] if first.word == "for" => rest,
        _ => return None,
    };

    let from = usize::from(rest.first()?.word == "the");
    let org = rest
        .get(from..)
        .filter(|o| !o.is_empty() && o.iter().all(title_word))?;
    let span = span_of(org, 0, org.len());
    let mention = ctx.mentions.iter().find(|m| {
        span.contains(m.span) && ctx.gazetteer.entity(m.entity).kind == EntityType::Organization
    });
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
fn is_owner(gazetteer: &Gazetteer, word: &str) -> bool {
    is_acronym(word)
        || LEXICON.kind(word) == Some(WordKind::Organization)
        || is_place(gazetteer, word)
}

fn is_place(gazetteer: &Gazetteer, word: &str) -> bool {
    gazetteer
        .lookup(word)
        .is_some_and(|e| gazetteer.entity(e).kind == EntityType::Place)
}

/// `Agency’s` → `Agency`.
fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// The last name of two or more capitalised words that holds the organization word `word`
/// in the text before the quote (`The Agency for Prevention of Corruption published …`).
fn org_named_before<'a>(ctx: &Context<'a>, word: &str) -> Option<&'a str> {
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
fn author_before(ctx: &Context, org_words: &[&str]) -> Option<(String, Option<EntityRef>)> {
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
fn body_named_before<'a>(ctx: &Context<'a>) -> Option<&'a str> {
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

/// The body a press service speaks for: `X's press service`, `the press service of X`.
fn press_service_of(name: &str) -> Option<&str> {
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

/// A word for a country's territorial unit: `Canton`, `region`, `oblast`, `district`.
fn territory(word: &str) -> bool {
    [
        "canton", "region", "oblast", "province", "district", "county", "raion",
    ]
    .iter()
    .any(|t| t.eq_ignore_ascii_case(word))
}

/// The words of `s` split at single spaces, with the byte where each starts.
fn word_starts(s: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    // The spaces eight bytes at a time: `split(' ')` makes a memchr call per short word.
    let ends = memchr::memchr_iter(b' ', s.as_bytes()).chain(std::iter::once(s.len()));
    ends.scan(0, move |at, end| {
        let start = std::mem::replace(at, end + 1);
        Some((start, &s[start..end]))
    })
}

/// The most recent person introduced earlier whose full name ends with the words of
/// `tail`, compared without case (`Van den Broek` for `Pieter van den Broek`).
fn known_by_tail(ctx: &Context, tail: &str) -> Option<Speaker> {
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

/// People named in a stretch of narrative (`The study was presented by Pieter van den
/// Broek, Senior Adviser at the Office of ...`, `Ms. Yelena Sokolova thanked Mr. Arman
/// Dzhaksybekov`), with the gender an honorific gives and the role and organization of a
/// title before the name or an apposition after it. Pronouns, surnames and titles in later
/// attributions refer back to them.
pub fn introductions(ctx: &Context, span: Span) -> Vec<Speaker> {
    // A person needs two capitalised words in a row, or one after an honorific: most
    // stretches have neither and are not tokenized.
    if !may_name_someone(ctx, span) {
        return Vec::new();
    }
    let toks = tokens(ctx.text, span);
    let chunks = comma_chunks(ctx.text, &toks);
    let mut found = Vec::new();
    // Chunks that describe the person before them; the capitalised words in them
    // (`Trafficking in Human Beings`) are not people.
    let mut described = vec![false; chunks.len()];
    for ci in 0..chunks.len() {
        // After a person and `of`, `at` or `from`, capitalised words name their
        // affiliation (`Professor Nikola Vujošević of the Faculty of Political Science`)
        // unless a title stands between.
        let mut person_end: Option<usize> = None;
        for run in name_runs(ctx, chunks[ci]) {
            let (a, b) = portfolio_end(ctx, &chunks, ci, run).unwrap_or(run);
            if described[ci] {
                continue;
            }
            let run = Run {
                ctx,
                chunks: &chunks,
                ci,
                a,
                b,
            };
            let gazetteer_person = run.gazetteer_person();
            let affiliation = person_end.is_some_and(|end| {
                let between = &chunks[ci][end..a];
                between
                    .first()
                    .is_some_and(|t| matches!(t.word, "of" | "at" | "from"))
                    && !between.iter().any(|t| {
                        matches!(
                            LEXICON.kind(t.word),
                            Some(WordKind::Title | WordKind::Rank | WordKind::Honorific(_))
                        )
                    })
            });
            if gazetteer_person.is_none() && (affiliation || !run.is_person()) {
                continue;
            }
            person_end = Some(b);
            let (speaker, described_next) = run.person(gazetteer_person);
            if described_next {
                described[ci + 1] = true;
            }
            found.push(speaker);
        }
    }
    found
}

/// A run of capitalised words (tokens `a..b` of comma chunk `ci`) in a narrative
/// stretch, and what stands around it.
struct Run<'c, 'a> {
    ctx: &'c Context<'a>,
    chunks: &'c [&'c [Token<'a>]],
    ci: usize,
    a: usize,
    b: usize,
}

impl Run<'_, '_> {
    fn chunk(&self) -> &[Token<'_>] {
        self.chunks[self.ci]
    }

    fn prev(&self) -> Option<&str> {
        self.a.checked_sub(1).map(|i| self.chunk()[i].word)
    }

    fn next_chunk(&self) -> Option<&[Token<'_>]> {
        self.chunks.get(self.ci + 1).copied()
    }

    /// Also before a bracket that closes the chunk: `Pedro Alcaraz Ruiz (Spain), Head of
    /// the delegation`, `Karin Øvergaard (MP, Norway),`.
    fn ends_chunk(&self) -> bool {
        let chunk = self.chunk();
        let text = self.ctx.text;
        match (chunk.get(self.b), chunk.last()) {
            (None, _) => true,
            (Some(first), Some(last)) => {
                text[..first.span.start].ends_with('(') && text[last.span.end..].starts_with(')')
            }
            _ => false,
        }
    }

    fn gazetteer_person(&self) -> Option<Match> {
        let span = span_of(self.chunk(), self.a, self.b);
        let ctx = self.ctx;
        ctx.mentions.iter().copied().find(|m| {
            span.contains(m.span) && ctx.gazetteer.entity(m.entity).kind == EntityType::Person
        })
    }

    /// Capitalised runs are also places, units and programmes (`near Stanytsia Luhanska`,
    /// `the Return and Integration Unit`), so a run not in the gazetteers counts as a
    /// person only where a person stands: after an honorific or a title, before an
    /// apposition, as the subject of its chunk, after `by` (`presented by Pieter van den
    /// Broek`), before `who`, or after a title chunk.
    fn is_person(&self) -> bool {
        let (chunk, a, b) = (self.chunk(), self.a, self.b);
        let after_ok = chunk
            .get(b)
            .is_none_or(|t| LEXICON.kind(t.word) != Some(WordKind::Title));
        let org_like = chunk[a..b].iter().any(|t| {
            // `Missions`, `Agency’s`.
            LEXICON.kind(t.word.trim_end_matches(['’', '\'', 's'])) == Some(WordKind::Organization)
                || LEXICON.kind(t.word) == Some(WordKind::Organization)
        });
        // `Minister of Labour and Social Development of the …`: a portfolio's words.
        let in_portfolio = matches!(self.prev(), Some("and" | "of"))
            && chunk.get(b).is_some_and(|t| matches!(t.word, "of" | "and"))
            && chunk[..a].iter().all(title_word)
            && chunk[..a]
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        if !after_ok || b - a < 2 || org_like || in_portfolio || self.object_of_title() {
            return false;
        }
        let apposition_follows = || {
            self.ends_chunk()
                && self
                    .next_chunk()
                    .is_some_and(|next| is_apposition(next) && next.len() > 1)
        };
        // `Aigerim Sultanova, who heads the council, …`: only a person is a `who`.
        let relative_follows = || {
            self.ends_chunk()
                && self
                    .next_chunk()
                    .is_some_and(|next| matches!(next[0].word, "who" | "whose"))
        };
        let titled = self.titled();
        if self.in_fronted_phrase() && !titled {
            return false;
        }
        titled
            || apposition_follows()
            || self.is_subject()
            || self.prev() == Some("by")
            || relative_follows()
            || self.title_before().is_some()
            || self.shared_title().is_some()
            || self.after_listed_portfolio()
    }

    /// After the rest of a portfolio list whose title stands in the chunk before (`met
    /// Minister of Education, Science and Youth of Georgia Levan Kiknadze and …`).
    fn after_listed_portfolio(&self) -> bool {
        let before = &self.chunk()[..self.a];
        before.iter().all(title_word)
            && before.iter().any(|t| t.word == "and")
            && title_before_chunk(self.ctx, self.chunks, self.ci).is_some()
    }

    /// Right after an honorific or rank, or after a title phrase (`ODIHR Adviser on Roma
    /// and Sinti Issues Marieke van der Berg`, `Deputy khokim of Namangan region Name`).
    fn titled(&self) -> bool {
        let (ctx, chunk, a) = (self.ctx, self.chunk(), self.a);
        let is_title = |t: &Token| LEXICON.kind(t.word) == Some(WordKind::Title);
        self.prev().is_some_and(|w| {
            LEXICON.kind(w).is_some_and(|k| k != WordKind::Organization) || role_noun(w)
        }) || chunk[..a]
            .iter()
            .rev()
            .take_while(|t| {
                t.word.starts_with(char::is_uppercase) || ROLE_CONNECTORS.contains(&t.word)
            })
            .any(|t| matches!(LEXICON.kind(t.word), Some(WordKind::Title | WordKind::Rank)))
            || chunk[title_start(ctx, chunk, a)..a].iter().any(is_title)
    }

    /// `Vera Kolesnikova, 61, lived …`, `Liv Berg, for OHCHR, read …`: the name that opens
    /// the sentence, or follows a title that runs over commas (`Deputy Minister of
    /// Labour, Social Protection and Migration of the Kyrgyz Republic Aida Sydykova said`),
    /// with a verb or a circumstance after it.
    fn is_subject(&self) -> bool {
        let opens_lower = |t: &Token| t.word.starts_with(char::is_lowercase);
        // A verb, not `and` (`Rural Development and Environment Name said`).
        let verb_like = |t: &Token| opens_lower(t) && !ROLE_CONNECTORS.contains(&t.word);
        let chunk = self.chunk();
        (self.a == 0 || self.after_title().is_some())
            && (chunk.get(self.b).is_some_and(verb_like)
                || self.ci == 0
                    && self.ends_chunk()
                    && self
                        .chunks
                        .get(1)
                        .and_then(|c| c.first())
                        .is_some_and(opens_lower))
    }

    /// The title over the chunks before, when only title words stand before the run in
    /// its chunk and the run is followed by more of the sentence.
    fn after_title(&self) -> Option<Span> {
        let chunk = self.chunk();
        let plain = self.a > 0
            && self.ci > 0
            && chunk[..self.a].iter().all(title_word)
            && self.prev().is_some_and(|w| !ROLE_CONNECTORS.contains(&w));
        plain
            .then(|| title_before_chunk(self.ctx, self.chunks, self.ci))
            .flatten()
    }

    /// `The OSCE Representative on Freedom of the Media, Eva Lind, said`: a chunk that is
    /// only the name (after ranks), or a name after a title of its own (the first of two
    /// titles: `The OSCE Chairperson-in-Office, Foreign Minister of Malta Karl Vella,`),
    /// after a chunk that ends in a title phrase.
    fn title_before(&self) -> Option<Span> {
        let before = &self.chunk()[..self.a];
        let only_ranks = before.iter().all(|t| {
            matches!(
                LEXICON.kind(t.word),
                Some(WordKind::Rank | WordKind::Honorific(_))
            )
        });
        let titled_here = before.iter().all(title_word)
            && before
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        (self.ends_chunk() && (only_ranks || titled_here))
            .then(|| title_before_chunk(self.ctx, self.chunks, self.ci))
            .flatten()
    }

    /// `The Commissioner for Human Rights (CHR), Jonas Weil,`, `the Commander of Joint
    /// Force Command Brunssum, Admiral Name,`: capitalised words in a title, with a name
    /// (after ranks) as the next chunk, are the title's.
    fn object_of_title(&self) -> bool {
        let (ctx, chunk) = (self.ctx, self.chunk());
        let in_title = self.prev().is_some_and(|w| ROLE_CONNECTORS.contains(&w))
            || chunk[..self.a]
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        let ranked_name = |next: &[Token]| {
            let ranks = next
                .iter()
                .take_while(|t| {
                    matches!(
                        LEXICON.kind(t.word),
                        Some(WordKind::Rank | WordKind::Honorific(_) | WordKind::Title)
                    )
                })
                .count();
            next.len() >= ranks + 2 && next[ranks..].iter().all(|t| is_name_word(ctx, t))
        };
        in_title
            && chunk[self.b..].iter().all(|t| t.word.starts_with('('))
            && self.next_chunk().is_some_and(ranked_name)
    }

    /// The role and organization of a title before the name or an `apposition` after
    /// it; `first` is where the title phrase before the name starts.
    fn role(&self, speaker: &mut Speaker, apposition: bool, first: usize) {
        let (ctx, chunk, a) = (self.ctx, self.chunk(), self.a);
        let name_start = chunk[a].span.start;
        if let Some(title) = self.title_before() {
            role_and_org(ctx, title, speaker);
        } else if apposition {
            role_and_org(ctx, apposition_span(ctx, self.chunks, self.ci + 1), speaker);
        } else if let Some(title) = self.after_title() {
            // `The new KFOR Commander, Major General Name`: the ranks are not the title.
            let ranked = |t: &&Token| {
                matches!(
                    LEXICON.kind(t.word),
                    Some(WordKind::Rank | WordKind::Honorific(_))
                )
            };
            let end = chunk[..a]
                .iter()
                .find(ranked)
                .map_or(name_start, |t| t.span.start);
            role_and_org(ctx, Span::new(title.start, end), speaker);
        } else if chunk[first..a]
            .iter()
            .any(|t| LEXICON.kind(t.word).is_some() || LEXICON.title(t.word).is_some())
        {
            // A title phrase, not the names of a list (`Name (Latvia) and Name`).
            let title = Span::new(chunk[first].span.start, name_start);
            role_and_org(ctx, title, speaker);
        } else if let Some(noun) = noun_before(chunk, a) {
            speaker.role = Some(ctx.text[noun.range()].into());
        }
    }

    /// `The PACE co-rapporteurs for Moldova, Ana Lind (Latvia, EPP/CD) and Ivo Kask
    /// (Estonia, SOC), said …`: a plural title in a chunk before a list of names is each
    /// one's, in the singular.
    fn shared_title(&self) -> Option<RoleSplit> {
        // Between the title and the name: names, their brackets and `and`.
        let listed = |toks: &[Token]| {
            toks.iter().all(|t| {
                t.word == "and"
                    || t.word.starts_with(char::is_uppercase)
                    || t.word.starts_with('(')
                    || t.word.ends_with(')')
            })
        };
        if !listed(&self.chunk()[..self.a]) {
            return None;
        }
        let k = (self.ci.saturating_sub(4)..self.ci)
            .rev()
            .take_while(|&k| k + 1 == self.ci || listed(self.chunks[k + 1]))
            .find(|&k| self.chunks[k].iter().any(|t| plural_title(t.word)))?;
        let chunk = self.chunks[k];
        // A noun phrase, not `Addressing the participants,`.
        let opener = chunk[0].word;
        let noun_phrase = matches!(opener, "the" | "The") || opener.starts_with(char::is_uppercase);
        if !noun_phrase || fronts(opener, chunk.get(1).map_or("", |t| t.word)) {
            return None;
        }
        // From the plural title and the capitalised words before it (`The delegation was
        // led by the PACE co-rapporteurs for …`).
        let plural = chunk.iter().position(|t| plural_title(t.word))?;
        let from = (0..plural)
            .rev()
            .take_while(|&i| chunk[i].word.starts_with(char::is_uppercase) && i > 0)
            .last()
            .unwrap_or(plural);
        let words: Vec<String> = chunk[from..]
            .iter()
            .map(|t| {
                if plural_title(t.word) {
                    singular_of(t.word)
                } else {
                    t.word.to_string()
                }
            })
            .collect();
        let ctx = self.ctx;
        Some(split_role(
            ctx.gazetteer,
            (ctx.issued_by, ctx.issuer_ids),
            &words.join(" "),
            None,
        ))
    }

    /// `On the International Day against Drug Abuse, …`: capitalised words in a fronted
    /// phrase name an occasion.
    fn in_fronted_phrase(&self) -> bool {
        let chunk = self.chunk();
        self.ci == 0
            && self.chunks.len() > 1
            && fronts(chunk[0].word, chunk.get(1).map_or("", |t| t.word))
    }

    /// The person the run names, with the gender of an honorific before it and the role
    /// and organization of a title before it or an apposition after it; and whether the
    /// next chunk was taken as that apposition.
    fn person(&self, gazetteer_person: Option<Match>) -> (Speaker, bool) {
        let (ctx, chunk, a) = (self.ctx, self.chunk(), self.a);
        let name_span = span_of(chunk, a, self.b);
        let mut speaker = Speaker {
            name: Some(ctx.text[name_span.range()].into()),
            kind: SpeakerType::Person,
            ..Speaker::unknown()
        };
        if let Some(m) = gazetteer_person {
            let e = ctx.gazetteer.entity(m.entity);
            speaker.name = Some(e.name.as_str().into());
            speaker.entity = Some(m.entity);
            speaker.gender = e.gender;
            if let Some(known) = ctx.roles.of(m.entity) {
                speaker.role.clone_from(&known.role);
                speaker.org.clone_from(&known.org);
                speaker.org_entity = known.org_entity;
            }
        }
        let honorific = chunk[..a]
            .iter()
            .rev()
            .take_while(|t| title_word(t))
            .find_map(|t| match LEXICON.kind(t.word) {
                Some(WordKind::Honorific(g)) => g,
                _ => None,
            });
        speaker.gender = speaker.gender.or(honorific);
        let first = title_start(ctx, chunk, a);
        super::add_titles(
            &mut speaker.titles,
            chunk[first..a].iter().filter_map(|t| LEXICON.title(t.word)),
        );
        let apposition = self.ends_chunk() && self.next_chunk().is_some_and(is_apposition);
        self.role(&mut speaker, apposition, first);
        if speaker.role.is_none() {
            if let Some(shared) = self.shared_title() {
                speaker.role = shared.role;
                speaker.org = shared.org;
                speaker.org_entity = shared.org_entity;
            }
        }
        // `Colonel Sherali Nazarzoda of the Border Troops`, `Liv Berg, for OHCHR,`.
        if speaker.org.is_none() {
            let found = org_after_name(ctx, chunk, name_span).or_else(|| {
                self.ends_chunk()
                    .then(|| org_for(ctx, self.next_chunk()?))?
            });
            if let Some((org, entity)) = found {
                speaker.org = Some(org);
                speaker.org_entity = entity;
            }
        }
        if let Some(role) = &speaker.role {
            let words = role.split_whitespace().filter_map(|w| LEXICON.title(w));
            super::add_titles(&mut speaker.titles, words);
        }
        (speaker, apposition)
    }
}

/// True when two name-like words follow each other (particles and initials between them
/// allowed), or one follows an honorific, rank or title: capitalised, not an acronym, not
/// in the word lists and not part of an organization mention (a place may be a first
/// name: `Sofia`). A cheap test that spares tokenizing most narrative.
fn may_name_someone(ctx: &Context, span: Span) -> bool {
    let stretch = &ctx.text[span.range()];
    let mut previous = false;
    for word in stretch.split_whitespace() {
        let word_start = word.as_ptr() as usize - ctx.text.as_ptr() as usize;
        let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if !core.starts_with(char::is_uppercase) {
            if !PARTICLES.contains(&core) {
                previous = false;
            }
            continue;
        }
        if let Some(kind) = LEXICON.kind(core) {
            previous = !matches!(kind, WordKind::Organization | WordKind::Unnamed);
            continue;
        }
        let at = Span::new(word_start, word_start + word.len());
        // One capital per part: `Vrba-Lindahl` is a name, `ODIHR` is not.
        let named = core
            .split('-')
            .all(|part| part.chars().filter(|c| c.is_uppercase()).nth(1).is_none())
            && covered_by_mention(ctx, at, &[EntityType::Organization]).is_none()
            && !crate::data::SENTENCE_OPENERS.contains(core.trim_end_matches('.'));
        if named && previous {
            return true;
        }
        previous = named;
    }
    false
}

const ROLE_CONNECTORS: &[&str] = &["of", "the", "at", "in", "to", "for", "on", "and", "under"];

/// The apposition that starts at chunk `i`, with the chunks after it that go on with its
/// title (`Adviser on Combating Racism, Xenophobia and Discrimination`, `Commissioner for
/// Energy, Climate and Housing`): capitalised words that name no one.
fn apposition_span(ctx: &Context, chunks: &[&[Token]], i: usize) -> Span {
    let mut last = i;
    while chunks.get(last + 1).is_some_and(|next| goes_on(ctx, next)) {
        last += 1;
    }
    let end = chunks[last];
    Span::new(chunks[i][0].span.start, end[end.len() - 1].span.end)
}

/// Whether a comma chunk goes on with the title or name before it: the words of a
/// portfolio, not a person — no name of two words, or a list with a single word in it
/// (`Social Protection and Migration`, not `Ana Lee and Bo Ek`).
fn goes_on(ctx: &Context, chunk: &[Token]) -> bool {
    let runs = name_runs(ctx, chunk);
    let listed = chunk.iter().any(|t| t.word == "and") && runs.iter().any(|r| r.1 - r.0 == 1);
    chunk[0].word.starts_with(char::is_uppercase)
        && chunk.iter().all(title_word)
        && (listed || !runs.iter().any(|r| r.1 - r.0 >= 2))
}

/// The title phrase in the chunks before chunk `ci`, with the chunks of capitalised
/// words that go on with it (`the Minister of Labour, Social Protection and Family,
/// Elena Moraru-Cozma`; `NATO Assistant Secretary General for Innovation, Hybrid and
/// Cyber, Dr Helena Strand`).
fn title_before_chunk(ctx: &Context, chunks: &[&[Token]], ci: usize) -> Option<Span> {
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

/// A word that may stand in a title phrase: capitalised (`Head`, `OSCE`, `Media`), a
/// connector (`of the`), or a listed title, rank or honorific.
fn title_word(t: &Token) -> bool {
    // `(ODIHR)` after the name it abbreviates.
    t.word
        .trim_start_matches('(')
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        || ROLE_CONNECTORS.contains(&t.word)
        || LEXICON.kind(t.word).is_some()
}

/// Where the title phrase before the name at token `a` starts: back over the words a
/// title phrase may hold, then on to its first title, rank or organization (`The course
/// was closed by the UN Resident Coordinator Ada Obi` → `UN Resident Coordinator`).
fn title_start(ctx: &Context, chunk: &[Token], a: usize) -> usize {
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
            || crate::data::SENTENCE_OPENERS.contains(chunk[first].word))
        && LEXICON.kind(chunk[first].word) != Some(WordKind::Title)
        && covered_by_mention(ctx, chunk[first].span, &[EntityType::Organization]).is_none()
    {
        first += 1;
    }
    first
}

/// The span of a comma chunk that is a title phrase and nothing else (`The Head of the
/// OSCE Mission to Skopje`, `OSCE Chairman-in-Office`), without a leading `The`.
fn title_phrase(chunk: &[Token]) -> Option<Span> {
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

/// The person a narrative sentence is about: a name at its start, after a title phrase
/// (`Ambassador Lund`, `The Head of the Mission, Klaus Richter,`) or after a fronted
/// phrase (`Speaking at the event, Anna Berg …`). A pronoun in the next sentence refers to
/// this person before anyone named later in the sentence.
pub fn subject(ctx: &Context, span: Span) -> Option<Speaker> {
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
        let gazetteer_person = ctx.mentions.iter().any(|m| {
            span_of(chunk, a, b).contains(m.span)
                && ctx.gazetteer.entity(m.entity).kind == EntityType::Person
        });
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

/// The last two words of run `(a, b)` of at least three (three with a middle initial),
/// when they can be a name: the name at the end of a portfolio (`Social Protection Vera
/// Lungu`).
fn last_two(ctx: &Context, chunk: &[Token], (a, b): (usize, usize)) -> Option<(usize, usize)> {
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
fn portfolio_end(
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

/// A comma chunk that describes the person before it: `Head of ...`, `a lawyer from
/// Tirana`, `Senior Adviser at ...`; not `adding that ...` or `who ...`.
fn is_apposition(chunk: &[Token]) -> bool {
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

/// Past tenses that do not end in `-ed`, for telling a clause from a description.
const IRREGULAR_PAST: &[&str] = &[
    "held", "met", "made", "gave", "took", "spoke", "went", "came", "led", "left", "sent",
    "brought", "found", "set", "put", "saw", "began", "won", "lost", "wrote", "told", "read",
];

/// A speech verb, an auxiliary or a modal: a phrase that holds one is a clause (`has
/// refused to answer`, `will visit Kyiv`), never a role or an organization's name.
fn is_verb_word(word: &str) -> bool {
    // All of them are written in lower case; most words of a role are capitalised.
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && (matches!(
            word,
            "will"
                | "would"
                | "shall"
                | "should"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "were"
                | "are"
                | "did"
                | "does"
        ) || LEXICON.is_verb(word))
}

/// `V. Salmanli`: the person named before with that surname and a first name with that
/// initial.
fn by_initial(ctx: &Context, run: &[Token]) -> Option<Speaker> {
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
fn by_surname(ctx: &Context, surname: &str) -> Option<Speaker> {
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

/// Whether `word` also stands in `text` in lower case, as a whole word: a common noun
/// capitalised at a sentence's start, not a surname.
fn written_in_lower_case(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    text.match_indices(lower.as_str()).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `trainees` → `trainee`, `women` → `woman`, `activities` → `activity`.
/// A listed title or role noun in the plural: `rapporteurs`, `Co-Chairs`.
fn plural_title(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && matches!(
            LEXICON.kind(&singular_of(word)),
            Some(WordKind::Title | WordKind::Unnamed)
        )
}

fn singular_of(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("men") {
        format!("{stem}man")
    } else if let Some(stem) = noun.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        noun.strip_suffix('s').unwrap_or(noun).to_string()
    }
}

/// A speaker phrase, with what its rules look at.
struct Phrase<'c, 'a> {
    ctx: &'c Context<'a>,
    span: Span,
    order: Order,
    toks: Vec<Token<'a>>,
    /// The first word in lower case (`She said`, `The Mission`).
    first: String,
}

impl Phrase<'_, '_> {
    /// The person named most recently before the phrase who fits `test`.
    fn last_person(&self, test: impl Fn(&Speaker) -> bool) -> Option<&Speaker> {
        self.ctx.people.iter().rev().find(|p| test(p))
    }
}

type Parsed = (Speaker, SpeakerResolution);

/// A rule's answer: the phrase's speaker, or that it names nobody (`Break`); or that the
/// phrase is not of this rule's kind (`Continue`: the next rule is tried).
type Verdict = ControlFlow<Option<Parsed>>;

/// Whether a phrase that opens with `first` and `second` opens with a fronted phrase
/// before its subject: `In a letter to the minister, …`, `Speaking at the opening, …`
/// (a participle before a lower-case word; `Henning Asmussen` is a name).
fn fronts(first: &str, second: &str) -> bool {
    const FRONTING: &[&str] = &[
        "In",
        "At",
        "On",
        "During",
        "After",
        "Before",
        "Under",
        "Following",
        "Today",
        "Later",
        "Earlier",
        "Separately",
        "Meanwhile",
        "However",
        "Also",
        "Back",
        "Inside",
        "Outside",
        "Now",
        "Then",
        "Since",
        "Despite",
        "While",
        "When",
        "With",
        "Without",
        "Across",
        "Throughout",
        "Last",
        "This",
        "Next",
        // `Asked about the region, the Minister said`.
        "Asked",
        "Pressed",
        "Questioned",
        "Reached",
        "Contacted",
    ];
    // `Later, the Minister said`: the word may carry the phrase's comma.
    let first = first.trim_end_matches(',');
    // `According to Name, …` names a person instead.
    let participle = first.len() > 4
        && first != "According"
        && first.ends_with("ing")
        && first.starts_with(char::is_uppercase)
        && second.starts_with(char::is_lowercase);
    FRONTING.contains(&first) || participle
}

/// A phrase without the fronted prepositional phrase that opens it and ends at its
/// first comma (`In a letter to the minister, `, `At the press conference, `).
fn without_fronted(text: &str, span: Span) -> Span {
    let phrase = &text[span.range()];
    match phrase.find(", ") {
        Some(comma)
            if {
                let mut words = phrase.split(' ');
                fronts(words.next().unwrap_or(""), words.next().unwrap_or(""))
            } =>
        {
            Span::new(span.start + comma + 2, span.end)
        }
        _ => span,
    }
}

/// The rules of a speaker phrase, tried in this order.
const RULES: &[fn(&Phrase) -> Verdict] = &[
    pronoun,
    authored_by,
    unnamed,
    named_person,
    epithet,
    title_reference,
    organization_mention,
    acronym,
    organization_word,
];

/// Parses a speaker phrase; `None` when it names nobody.
pub fn parse(ctx: &Context, span: Span, order: Order) -> Option<Parsed> {
    // `In a letter to the minister, the Representative wrote that “…”`: the fronted
    // phrase is not the speaker.
    let span = match order {
        Order::SpeakerFirst => without_fronted(ctx.text, span),
        Order::VerbFirst => span,
    };
    let first = ctx.text[span.range()]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let toks = tokens(ctx.text, span);
    if toks.is_empty() {
        return None;
    }
    let phrase = Phrase {
        ctx,
        span,
        order,
        toks,
        first,
    };
    RULES.iter().find_map(|rule| match rule(&phrase) {
        ControlFlow::Break(found) => Some(found),
        ControlFlow::Continue(()) => None,
    })?
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

/// `he`, `she`: the nearest person before who fits.
fn pronoun(p: &Phrase) -> Verdict {
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

/// `a statement by Eva Moretti, …`: the author is the speaker.
fn authored_by(p: &Phrase) -> Verdict {
    let toks = &p.toks;
    // `a press release of the Ministry`: `of` and `from` after a document's name.
    let document = |i: usize| {
        i > 0
            && matches!(
                toks[i - 1].word,
                "statement" | "release" | "report" | "communiqué"
            )
    };
    let author =
        |(i, t): (usize, &Token)| t.word == "by" || matches!(t.word, "of" | "from") && document(i);
    if let Some(by) = toks.iter().enumerate().take(4).position(author) {
        // `a statement by`, not `the Mission, led by ODIHR,`.
        let lead_in = toks[..by]
            .iter()
            .all(|t| t.word.starts_with(char::is_lowercase) && !t.word.ends_with("ed"));
        if by > 0 && lead_in && by + 1 < toks.len() {
            let rest = Span::new(toks[by + 1].span.start, p.span.end);
            return ControlFlow::Break(parse(p.ctx, rest, p.order));
        }
    }
    ControlFlow::Continue(())
}

/// `one participant`, `a local teacher`: no name, the noun is the role; `a statement on
/// the website` is an organization's word, for [`organization_word`].
fn unnamed(p: &Phrase) -> Verdict {
    let (ctx, toks) = (p.ctx, &p.toks);
    if !DETERMINERS.contains(&p.first.as_str()) {
        return ControlFlow::Continue(());
    }
    // The head noun: the last word before a preposition or the chunk's end. An
    // organization's words before a lower-case head only say whom the person works for
    // (`An Afghan Border Police dog handler`); an organization's word as the head is the
    // organization's (`a statement on the website`).
    let head = toks[1.min(toks.len())..]
        .iter()
        .take_while(|t| {
            !matches!(
                t.word,
                "from" | "of" | "in" | "at" | "with" | "who" | "on" | "for"
            )
        })
        .last();
    let org_kind =
        |t: &Token| LEXICON.kind(without_possessive(t.word)) == Some(WordKind::Organization);
    let lower_org_word = toks
        .iter()
        .any(|t| t.word.starts_with(char::is_lowercase) && org_kind(t));
    let head_lower = head.is_some_and(|t| t.word.starts_with(char::is_lowercase) && !org_kind(t));
    let org_word = toks.iter().any(org_kind) && (lower_org_word || !head_lower);
    let lower_noun = toks
        .get(1)
        .is_some_and(|t| t.word.chars().next().is_some_and(char::is_lowercase))
        || head.is_some_and(|t| t.word.starts_with(char::is_lowercase));
    let unnamed_word = toks
        .iter()
        .any(|t| LEXICON.kind(t.word) == Some(WordKind::Unnamed));
    // `her grandmother, Mavluda Sharipova`: a name in the next chunk is the speaker.
    let chunks = comma_chunks(ctx.text, toks);
    let named_next = chunks
        .get(1)
        .is_some_and(|c| c.len() >= 2 && c.iter().all(|t| is_name_word(ctx, t)));
    if org_word || named_next || !(lower_noun || unnamed_word) {
        return ControlFlow::Continue(());
    }
    const STOP: &[&str] = &[
        "from", "of", "in", "at", "with", "who", "during", "after", "for", "on",
    ];
    // `one of the trainees`: the role is the noun, in the singular.
    let (from, plural) = match toks.get(1..3).map(|t| (t[0].word, t[1].word)) {
        Some(("of", "the")) => (3, true),
        _ => (1, false),
    };
    // The noun phrase ends at a preposition or at the end of its comma chunk; a
    // possessive (`the hotline’s consultants`) is not part of it.
    let mut role: Vec<&str> = Vec::new();
    let mut org: Vec<&str> = Vec::new();
    for t in toks[from.min(toks.len())..].iter() {
        if STOP.contains(&t.word) {
            break;
        }
        if t.word.starts_with(char::is_uppercase) && role.is_empty() {
            org.push(t.word);
        } else if without_possessive(t.word) == t.word && !t.word.ends_with("-year-old") {
            // `a 67-year-old retired teacher`: an age is not part of the role.
            role.push(t.word);
        }
        if ctx.text[t.span.end..].starts_with(',') {
            break;
        }
    }
    // `One of them`: someone unnamed, with no role.
    let singular;
    if plural {
        if let Some(last) = role.pop() {
            singular = singular_of(last);
            role.push(&singular);
        }
    }
    let mut speaker = Speaker {
        role: (!role.is_empty()).then(|| role.join(" ").into()),
        org: (!org.is_empty()).then(|| org.join(" ").into()),
        ..Speaker::unknown()
    };
    described_with_body(ctx, chunks.get(1).copied(), &mut speaker);
    if speaker.org.is_none() && !plural {
        let chunk = chunks.first().copied().unwrap_or(toks);
        body_after_noun(ctx, &chunk[from.min(chunk.len())..], &mut speaker);
    }
    ControlFlow::Break(Some((speaker, SpeakerResolution::Unnamed)))
}

/// `a spokesperson for Azerbaijan Caspian Shipping Company`: the body named after an
/// unnamed speaker's noun (`noun_phrase`), when its role is that noun; a body in lower case
/// (`the school in Grigoriopol`) is none.
fn body_after_noun(ctx: &Context, noun_phrase: &[Token], speaker: &mut Speaker) {
    if !noun_phrase
        .iter()
        .any(|t| t.word.starts_with(char::is_uppercase))
    {
        return;
    }
    let mut split = Speaker::unknown();
    role_and_org(ctx, span_of(noun_phrase, 0, noun_phrase.len()), &mut split);
    let named = split
        .org
        .as_deref()
        .is_some_and(|o| o.starts_with(char::is_uppercase));
    if split.role == speaker.role && named {
        speaker.org = split.org;
        speaker.org_entity = split.org_entity;
    }
}

/// `One participant, a judge at the Cahul District Court,`: for someone unnamed, an
/// indefinite description in the next chunk that names a body says more than the noun
/// (`One survivor, a mother of three,` does not).
fn described_with_body(ctx: &Context, next: Option<&[Token]>, speaker: &mut Speaker) {
    let Some(next) = next.filter(|c| matches!(c[0].word, "a" | "an") && is_apposition(c)) else {
        return;
    };
    let mut split = Speaker::unknown();
    role_and_org(ctx, span_of(next, 0, next.len()), &mut split);
    // A body, not the town someone comes from (`an interpreter from Vršac`).
    let body = |o: &str| {
        o.split(' ')
            .any(|w| LEXICON.kind(w) == Some(WordKind::Organization))
    };
    let named = split.org_entity.is_some() || split.org.as_deref().is_some_and(body);
    if split.role.is_some() && named {
        speaker.role = split.role;
        speaker.org = split.org;
        speaker.org_entity = split.org_entity;
    }
}

/// A person's name: a gazetteer person, a run of capitalised words, a surname or title
/// introduced earlier, or a surname never introduced in full; with the role and
/// organization of the title before it or the apposition after it.
fn named_person(p: &Phrase) -> Verdict {
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
            && chunk[..a].iter().all(|t| {
                t.word.ends_with("-old")
                    || matches!(
                        LEXICON.kind(t.word),
                        Some(WordKind::Rank | WordKind::Honorific(_))
                    )
            })
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
fn person_speaker(
    ctx: &Context,
    chunks: &[&[Token]],
    ci: usize,
    name_span: Span,
    known: Option<EntityRef>,
) -> Speaker {
    let chunk = chunks[ci];
    let mut speaker = Speaker {
        name: Some(ctx.text[name_span.range()].into()),
        kind: SpeakerType::Person,
        ..Speaker::unknown()
    };
    if let Some(entity) = known.filter(|&e| ctx.gazetteer.entity(e).kind == EntityType::Person) {
        let e = ctx.gazetteer.entity(entity);
        speaker.name = Some(e.name.as_str().into());
        speaker.entity = Some(entity);
        speaker.gender = e.gender;
    }
    let name_at = chunk.partition_point(|t| t.span.start < name_span.start);
    // Honorifics before the name give gender; titles before it are the role.
    let before: Vec<&Token> = chunk
        .iter()
        .filter(|t| t.span.end <= name_span.start)
        .collect();
    for t in &before {
        match LEXICON.kind(t.word) {
            Some(WordKind::Honorific(Some(g))) => speaker.gender = speaker.gender.or(Some(g)),
            Some(WordKind::Title | WordKind::Rank) => {
                super::add_titles(&mut speaker.titles, LEXICON.title(t.word))
            }
            _ => {}
        }
    }
    let first = title_start(ctx, chunk, name_at);
    let role_start = (first < name_at).then(|| chunk[first].span.start);
    // `Mediator Name, one of the first graduates,`: a title before the name comes first.
    let one_of = |c: &[Token]| c.len() > 1 && c[0].word == "one" && c[1].word == "of";
    let titled_before = || role_start.is_some() || noun_before(chunk, name_at).is_some();
    if chunks
        .get(ci + 1)
        .is_some_and(|c| is_apposition(c) && !(one_of(c) && titled_before()))
    {
        role_and_org(ctx, apposition_span(ctx, chunks, ci + 1), &mut speaker);
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
            role_and_org(ctx, Span::new(title.start, end), &mut speaker);
        }
    }
    // `a farmer from Mangyt village, Rustam Kadyrov, said`: a description before the name.
    if let Some(before) = ci.checked_sub(1).map(|k| chunks[k]) {
        let indefinite = matches!(before[0].word, "a" | "an" | "A" | "An");
        if speaker.role.is_none() && indefinite && is_apposition(before) {
            role_and_org(ctx, span_of(before, 0, before.len()), &mut speaker);
        }
    }
    if speaker.role.is_none() {
        if let Some(start) = role_start {
            role_and_org(ctx, Span::new(start, name_span.start), &mut speaker);
        } else if let Some(d) = descriptor(chunk, name_at) {
            speaker.role = Some(ctx.text[span_of(chunk, d, name_at).range()].into());
        } else if let Some(noun) = noun_before(chunk, name_at) {
            speaker.role = Some(ctx.text[noun.range()].into());
        }
    }
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
    if let Some(role) = &speaker.role {
        let words = role.split_whitespace().filter_map(|w| LEXICON.title(w));
        super::add_titles(&mut speaker.titles, words);
    }
    speaker
}

/// `the veteran diplomat said`, `the UN official told reporters`: the person last named
/// with a role, not the organization in the phrase. Nobody yet: the narrative is read for
/// people and the phrase parsed again.
fn epithet(p: &Phrase) -> Verdict {
    let epithet = p.toks.last().is_some_and(|t| {
        t.word.starts_with(char::is_lowercase)
            && !t.word.ends_with('s')
            && LEXICON.kind(t.word) == Some(WordKind::Unnamed)
    });
    if p.first != "the" || !epithet || p.toks.len() > 4 {
        return ControlFlow::Continue(());
    }
    if let Some(someone) = introduced_unnamed(p.ctx, p.toks[p.toks.len() - 1].word) {
        return ControlFlow::Break(Some((someone, SpeakerResolution::Unnamed)));
    }
    let found =
        p.last_person(|p| p.kind == SpeakerType::Person && (p.role.is_some() || p.org.is_some()));
    ControlFlow::Break(found.map(|person| (person.clone(), SpeakerResolution::Title)))
}

/// `A NATO official … said …. “…,” the official said`: the unnamed person the text
/// introduced with `a` and the same noun, in the sentences just before the quote.
fn introduced_unnamed(ctx: &Context, noun: &str) -> Option<Speaker> {
    let (from, before) = ctx.text_before();
    // The last two sentences or so: an earlier `a lawyer` is someone else by now.
    let mut near = before.len().saturating_sub(400);
    while !before.is_char_boundary(near) {
        near += 1;
    }
    let at = near + before[near..].rfind(&format!(" {noun}"))?;
    let lead = &before[..at];
    // Within the noun's own sentence.
    let sentence = lead.rfind(['\n', '.', '!', '?']).map_or(0, |i| i + 1);
    let offset = lead.len() - lead[sentence..].trim_start().len();
    let words: Vec<(usize, &str)> = word_starts(&lead[offset..]).collect();
    let (article_at, _) = *words
        .iter()
        .rev()
        .take(4)
        .find(|(_, w)| matches!(*w, "A" | "An" | "a" | "an"))?;
    let start = from + offset + article_at;
    if !ctx.text.is_char_boundary(start) {
        return None;
    }
    let span = Span::new(start, from + at + 1 + noun.len());
    let (speaker, resolution) = parse(ctx, span, Order::SpeakerFirst)?;
    (resolution == SpeakerResolution::Unnamed).then_some(speaker)
}

/// `The CoES said`, `GYLA said`: an acronym the gazetteers do not list names a body, by
/// the name the text spells out for it before.
fn acronym(p: &Phrase) -> Verdict {
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
fn organization_mention(p: &Phrase) -> Verdict {
    let ctx = p.ctx;
    // The first comma chunk speaks: not `ODIHR` in `The Observation Mission, led by
    // ODIHR,`.
    let chunks = comma_chunks(ctx.text, &p.toks);
    let first = chunks.first().map_or(p.span, |c| span_of(c, 0, c.len()));
    let org = ctx.mentions.iter().copied().find(|m| {
        first.contains(m.span) && ctx.gazetteer.entity(m.entity).kind == EntityType::Organization
    });
    let Some(m) = org else {
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

/// Title words that make a lesser or second title of the one they qualify.
const QUALIFIERS: &[&str] = &[
    "Deputy",
    "Acting",
    "Assistant",
    "First",
    "Vice-Chair",
    "Vice-President",
];

/// The name an acronym abbreviates, as the text spells it out before the quote:
/// `United Nations Office on Drugs and Crime (UNODC)` for `UNODC`.
fn spelled_out<'a>(ctx: &Context<'a>, acronym: &str) -> Option<&'a str> {
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

/// The title and rank words of a phrase.
/// `the minister said` too: a title written in lower case.
fn title_words(toks: &[Token]) -> Vec<&'static str> {
    toks.iter().filter_map(|t| LEXICON.title(t.word)).collect()
}

/// `the Ambassador`, `the Head of Mission`: the person introduced with that title.
fn title_reference(p: &Phrase) -> Verdict {
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

/// `the Mission said`: the issuing office with that word in its name, else the first;
/// `the Central Election Commission said`: an organization by its own name; `a statement
/// on the Agency’s website reads`: the Agency named in full before.
fn organization_word(p: &Phrase) -> Verdict {
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Role phrases as the speaker parser hands them over, and how they split.
    #[test]
    fn role_phrases_split_into_title_and_organization() {
        let (gazetteer, _) =
            Gazetteer::load(&crate::bundled::gazetteers()).expect("bundled gazetteers load");
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("Head of the OSCE Mission to Skopje", Some("Head"), Some("OSCE Mission to Skopje")),
            ("Deputy Minister of Education and Science", Some("Deputy Minister of Education and Science"), None),
            ("Ambassador of Norway to Uzbekistan", Some("Ambassador"), Some("Norway")),
            ("UN Resident Coordinator and Head of the UNDP Office", Some("Resident Coordinator"), Some("UN")),
            ("OSCE Special Representative and Co-ordinator for Combating Trafficking in Human Beings", Some("Special Representative and Co-ordinator for Combating Trafficking in Human Beings"), Some("OSCE")),
            ("Director of the Conflict Prevention Centre in her opening remarks", Some("Director"), Some("Conflict Prevention Centre")),
            ("Special Representative, will travel to Kyiv", Some("Special Representative"), None),
            ("a lawyer from Tirana", Some("lawyer"), None),
            ("Ambassador", None, None),
            ("UNICEF Representative in Uzbekistan", Some("Representative"), Some("UNICEF")),
            ("UNDP Resident Representative in the Kyrgyz Republic", Some("Resident Representative"), Some("UNDP")),
            ("RFE/RL President", Some("President"), Some("RFE/RL")),
            ("Deputy Minister of Energy of the Kyrgyz Republic", Some("Deputy Minister of Energy"), Some("Kyrgyz Republic")),
            ("Vice-Minister of Energy of the Republic of Kazakhstan", Some("Vice-Minister of Energy"), Some("Republic of Kazakhstan")),
            ("Prime Minister of Montenegro", Some("Prime Minister"), Some("Montenegro")),
            ("Ambassador of Austria", Some("Ambassador"), Some("Austria")),
            ("Ambassador of the Netherlands to Bosnia and Herzegovina", Some("Ambassador"), Some("Netherlands")),
            ("Ambassador of the European Union to Georgia", Some("Ambassador"), Some("European Union")),
            ("Prime Minister of Una-Sana Canton", Some("Prime Minister"), Some("Una-Sana Canton")),
            ("Governor of Sughd Region", Some("Governor"), Some("Sughd Region")),
            ("a nurse working for the Danish Refugee Council at the centre", Some("nurse"), Some("Danish Refugee Council")),
            ("an engineer who works for Caspian Drilling Company", Some("engineer"), Some("Caspian Drilling Company")),
            ("a resident of Avnevi", Some("resident"), None),
            ("Ambassador of the Sovereign Order of Malta to Serbia", Some("Ambassador"), Some("Sovereign Order of Malta")),
        ];
        for &(phrase, role, org) in cases {
            let split = split_role(&gazetteer, (&[], &[]), phrase, None);
            assert_eq!(
                (split.role.as_deref(), split.org.as_deref()),
                (role, org),
                "{phrase}"
            );
        }
    }

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

    #[test]
    fn pieces_end_after_whitespace_as_split_inclusive_says() {
        let piece = prop::sample::select(vec![
            "", " ", "\t", "\n", "\u{b}", "\u{a0}", "\u{2003}", "\u{85}", "a", "Mr.", "é", "“x”",
        ]);
        proptest!(|(pieces in prop::collection::vec(piece, 0..12))| {
            let s = pieces.concat();
            let expected: Vec<&str> = s.split_inclusive(char::is_whitespace).collect();
            prop_assert_eq!(super::after_whitespace(&s).collect::<Vec<_>>(), expected);
        });
    }

    /// The words and their starts are those of `split(' ')`, empty words included.
    #[test]
    fn word_starts_split_at_single_spaces() {
        let piece = prop::sample::select(vec!["", " ", "  ", "of", "Head", "é", "x(y"]);
        proptest!(|(pieces in prop::collection::vec(piece, 0..12))| {
            let s = pieces.concat();
            let expected: Vec<(usize, &str)> = s
                .split(' ')
                .scan(0, |at, w| {
                    let start = *at;
                    *at += w.len() + 1;
                    Some((start, w))
                })
                .collect();
            prop_assert_eq!(super::word_starts(&s).collect::<Vec<_>>(), expected);
        });
    }
}
