//! The word lists of the quote stage, loaded once from `data/speech_verbs.txt`,
//! `data/titles.tsv`, `data/title_nouns.txt`, and for reported speech
//! `data/reporting_verbs.tsv` and `data/welcomed_objects.txt`.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::sync::LazyLock;

use crate::data::{self, DataError, WordHash, WordMap, WordSet};
use crate::gazetteer::Gender;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Honorific(Option<Gender>),
    Title,
    Rank,
    Organization,
    Unnamed,
}

/// What may follow a reporting verb (`data/reporting_verbs.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// A that-clause, a clause without `that`, or the verb after the content.
    Say,
    /// A that-clause, or the verb after the content.
    That,
    /// An addressee and a to-clause.
    Call,
    /// The statement is the verb's object.
    Object,
    /// The object, when it names a decision, step or text.
    Welcome,
    /// `according to Name`: not a verb, but found in the same search.
    According,
}

/// The word lists the quote stage reads (speech verbs, titles, title nouns), loaded once
/// from `data/`.
pub struct QuoteLexicon {
    /// Speech verbs, leftmost-longest so that `pointed out` wins over `pointed`.
    verbs: AhoCorasick,
    pub(crate) words: WordMap<WordKind>,
    /// The capitalised listed words by their lower-case form (`head` → `Head`).
    capitalised: std::collections::HashMap<String, &'static str, WordHash>,
    /// Nouns and participles that introduce a title (`data/title_nouns.txt`).
    pub(crate) title_nouns: WordSet,
    /// Reporting verbs and phrases, leftmost-longest, and the frame of each pattern.
    reporting: AhoCorasick,
    frames: Vec<Frame>,
    /// What `welcomed` must name to report speech (`data/welcomed_objects.txt`).
    pub(crate) welcomed: WordSet,
}

/// The quote stage's word lists, read from `data/`.
pub(crate) fn quote_lexicon() -> Result<QuoteLexicon, DataError> {
    use WordKind::*;
    let verbs = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&data::SPEECH_VERBS.all)
        .expect("the speech verbs form an automaton");
    const KINDS: [(&str, WordKind); 5] = [
        ("honorific", Honorific(None)),
        ("title", Title),
        ("rank", Rank),
        ("organization", Organization),
        ("unnamed", Unnamed),
    ];
    const GENDERS: [(&str, Gender); 2] = [("female", Gender::Female), ("male", Gender::Male)];
    let mut words = WordMap::default();
    for row in data::TITLES.rows(2..=3, 1)? {
        let kind = match row.required_class(1, &KINDS)? {
            Honorific(_) => Honorific(row.class(2, &GENDERS)?),
            _ if row.get(2).is_some() => {
                return Err(row.error("only an honorific has a gender".into()));
            }
            kind => kind,
        };
        words.insert(row.text(0), kind);
    }
    let capitalised = words
        .keys()
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|&w| {
            let mut chars = w.chars();
            let first = chars.next()?;
            Some((first.to_lowercase().chain(chars).collect(), w))
        })
        .collect();
    const FRAMES: [(&str, Frame); 6] = [
        ("say", Frame::Say),
        ("that", Frame::That),
        ("call", Frame::Call),
        ("object", Frame::Object),
        ("welcome", Frame::Welcome),
        ("according", Frame::According),
    ];
    let reporting_rows = data::REPORTING_VERBS.rows(2..=2, 1)?;
    let frames = reporting_rows
        .iter()
        .map(|row| row.required_class(1, &FRAMES))
        .collect::<Result<_, _>>()?;
    let reporting = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(reporting_rows.iter().map(|row| row.text(0)))
        .expect("the reporting verbs form an automaton");
    Ok(QuoteLexicon {
        verbs,
        words,
        capitalised,
        title_nouns: data::TITLE_NOUNS.words()?.into_iter().collect(),
        reporting,
        frames,
        welcomed: data::WELCOMED_OBJECTS.words()?.into_iter().collect(),
    })
}

pub static LEXICON: LazyLock<QuoteLexicon> = LazyLock::new(|| data::loaded(quote_lexicon()));

impl QuoteLexicon {
    pub fn kind(&self, word: &str) -> Option<WordKind> {
        self.words.get(word).copied()
    }

    /// The list's own copy of a title or rank word, so that speakers can keep it without
    /// allocating.
    pub fn title(&self, word: &str) -> Option<&'static str> {
        // `head` and `Head` are one title: the capitalised form is kept.
        self.listed(word, true, |kind| {
            matches!(kind, WordKind::Title | WordKind::Rank)
        })
    }

    /// The list's capitalised form of an organization word, also for `word` in lower
    /// case (`ministry` → `Ministry`).
    pub fn organization_word(&self, word: &str) -> Option<&'static str> {
        self.listed(word, false, |kind| kind == WordKind::Organization)
    }

    /// The list's own copy of `word` or of its capitalised form (`ministry` →
    /// `Ministry`), when its kind passes `test`; `capital_first` prefers the capitalised.
    fn listed(
        &self,
        word: &str,
        capital_first: bool,
        test: impl Fn(WordKind) -> bool,
    ) -> Option<&'static str> {
        let find = |w: &str| {
            self.words
                .get_key_value(w)
                .filter(|(_, kind)| test(**kind))
                .map(|(key, _)| *key)
        };
        let capitalised = || find(self.capitalised.get(word)?);
        if capital_first {
            capitalised().or_else(|| find(word))
        } else {
            find(word).or_else(capitalised)
        }
    }

    /// Whether `word` is a speech verb of one word (`said`, not `pointed out`).
    pub fn is_verb(&self, word: &str) -> bool {
        data::SPEECH_VERBS.words.contains(word)
    }

    /// The speech verb that `s` starts with (word-bounded, lower case only).
    pub fn verb_at<'a>(&self, s: &'a str) -> Option<&'a str> {
        let m = self.verbs.find(Input::new(s).anchored(Anchored::Yes))?;
        let bounded = !s[m.end()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        bounded.then(|| &s[..m.end()])
    }

    /// Byte offsets of every speech verb in `s` that is a whole word.
    pub fn verbs_in(&self, s: &str) -> Vec<(usize, usize)> {
        self.verbs
            .find_iter(s)
            .filter(|m| {
                // `incidents reported by civil society` is a participle, not a tag.
                let participle = s[m.range()].ends_with("ed") && s[m.end()..].starts_with(" by ");
                !(inside_word(s, m.range()) || participle)
            })
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    /// Every reporting verb or phrase in `s` that is a whole word, with its frame.
    pub fn reporting_in(&self, s: &str) -> Vec<(usize, usize, Frame)> {
        self.reporting
            .find_iter(s)
            .filter(|m| !inside_word(s, m.range()))
            .map(|m| (m.start(), m.end(), self.frames[m.pattern().as_usize()]))
            .collect()
    }
}

/// Whether the match at `range` is part of a longer word: `so-called` is not `called`, so a
/// verb starts after whitespace or punctuation other than a hyphen.
fn inside_word(s: &str, range: std::ops::Range<usize>) -> bool {
    let before = s[..range.start].chars().next_back();
    let after = s[range.end..].chars().next();
    before.is_some_and(|p| p.is_alphanumeric() || p == '-')
        || after.is_some_and(char::is_alphanumeric)
}
