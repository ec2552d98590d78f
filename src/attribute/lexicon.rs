//! The word lists of the quote stage, loaded once from `data/speech_verbs.txt` and
//! `data/titles.tsv`.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::gazetteer::Gender;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Honorific(Option<Gender>),
    Title,
    Organization,
    Unnamed,
}

pub struct Lexicon {
    /// Speech verbs, longest first so that `pointed out` wins over `pointed`.
    pub verbs: Vec<&'static str>,
    pub words: HashMap<&'static str, WordKind>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut verbs: Vec<&str> = crate::data::rows(include_str!("../../data/speech_verbs.txt"))
        .map(str::trim)
        .collect();
    verbs.sort_by_key(|v| std::cmp::Reverse(v.len()));
    let words = crate::data::rows(include_str!("../../data/titles.tsv"))
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
                "organization" => WordKind::Organization,
                "unnamed" => WordKind::Unnamed,
                _ => return None,
            };
            Some((word, kind))
        })
        .collect();
    Lexicon { verbs, words }
});

impl Lexicon {
    pub fn kind(&self, word: &str) -> Option<WordKind> {
        self.words.get(word).copied()
    }

    /// The speech verb that `s` starts with (word-bounded, lower case only).
    pub fn verb_at<'a>(&self, s: &'a str) -> Option<&'a str> {
        self.verbs.iter().find_map(|v| {
            let rest = s.strip_prefix(v)?;
            (!rest.chars().next().is_some_and(char::is_alphanumeric)).then(|| &s[..v.len()])
        })
    }

    /// Byte offsets of every speech verb in `s` that starts a word.
    pub fn verbs_in(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            // `so-called` is not `called`: a verb starts after whitespace or punctuation.
            if !prev.is_some_and(|p| p.is_alphanumeric() || p == '-') && c.is_lowercase() {
                if let Some(v) = self.verb_at(&s[i..]) {
                    out.push((i, i + v.len()));
                }
            }
            prev = Some(c);
        }
        out
    }
}
