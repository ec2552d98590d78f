//! The word lists of the quote stage, loaded once from `data/speech_verbs.txt` and
//! `data/titles.tsv`.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use std::sync::LazyLock;

use crate::gazetteer::Gender;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Honorific(Option<Gender>),
    Title,
    Rank,
    Organization,
    Unnamed,
}

/// The word lists the quote stage reads (speech verbs, titles, title nouns), loaded once
/// from `data/`.
pub struct QuoteLexicon {
    /// Speech verbs, leftmost-longest so that `pointed out` wins over `pointed`.
    verbs: AhoCorasick,
    /// The speech verbs of one word, for testing a token without a search.
    verb_words: crate::data::WordSet,
    pub(crate) words: crate::data::WordMap<WordKind>,
    /// The capitalised listed words by their lower-case form (`head` → `Head`).
    capitalised: std::collections::HashMap<String, &'static str, crate::data::WordHash>,
    /// Nouns and participles that introduce a title (`data/title_nouns.txt`).
    pub(crate) title_nouns: crate::data::WordSet,
}

pub static LEXICON: LazyLock<QuoteLexicon> = LazyLock::new(|| {
    let verbs: Vec<&str> = crate::data::rows(include_str!("../../data/speech_verbs.txt"))
        .map(str::trim)
        .collect();
    let verb_words = verbs.iter().copied().filter(|v| !v.contains(' ')).collect();
    let verbs = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(StartKind::Both)
        .kind(Some(AhoCorasickKind::DFA))
        .build(verbs)
        .expect("the speech verbs form an automaton");
    let words: crate::data::WordMap<WordKind> =
        crate::data::rows(include_str!("../../data/titles.tsv"))
            .filter_map(|row| {
                let mut cols = row.split('\t');
                let word = cols.next()?.trim();
                let kind = match cols.next()?.trim() {
                    "honorific" => WordKind::Honorific(match cols.next().map(str::trim) {
                        Some("female") => Some(Gender::Female),
                        Some("male") => Some(Gender::Male),
                        _ => None,
                    }),
                    "title" => WordKind::Title,
                    "rank" => WordKind::Rank,
                    "organization" => WordKind::Organization,
                    "unnamed" => WordKind::Unnamed,
                    _ => return None,
                };
                Some((word, kind))
            })
            .collect();
    let capitalised = words
        .keys()
        .filter(|w| w.starts_with(char::is_uppercase))
        .filter_map(|&w| {
            let mut chars = w.chars();
            let first = chars.next()?;
            Some((first.to_lowercase().chain(chars).collect(), w))
        })
        .collect();
    let title_nouns = crate::data::rows(include_str!("../../data/title_nouns.txt"))
        .map(str::trim)
        .collect();
    QuoteLexicon {
        verbs,
        verb_words,
        words,
        capitalised,
        title_nouns,
    }
});

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
        self.verb_words.contains(word)
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
                // `so-called` is not `called`: a verb starts after whitespace or punctuation.
                // `incidents reported by civil society` is a participle, not a tag.
                let before = s[..m.start()].chars().next_back();
                let after = s[m.end()..].chars().next();
                let inside_word = before.is_some_and(|p| p.is_alphanumeric() || p == '-')
                    || after.is_some_and(char::is_alphanumeric);
                let participle = s[m.range()].ends_with("ed") && s[m.end()..].starts_with(" by ");
                !(inside_word || participle)
            })
            .map(|m| (m.start(), m.end()))
            .collect()
    }
}
