//! Stage 2, segment: article text → paragraphs → [`Sentence`]s with byte spans.
//!
//! Paragraphs are lines: the readers put one paragraph (or list item) on each line, so a
//! line break always ends a sentence. Within a line, a scanner looks at each run of
//! terminal marks (`.`, `?`, `!`, `…`) with the closing quotes and brackets after it and
//! decides whether a sentence ends there:
//! - never when the next word starts in lower case (`“Is it enough?” asked the
//!   moderator`), nor when no whitespace follows (`3.5`, `U.S.A`, `osce.org`, `Dr.Ivanova`);
//! - `?`, `!` and ellipses end a sentence before anything else;
//! - a full stop after a known abbreviation follows that abbreviation's rule in
//!   `data/abbreviations.tsv` (`title`: never before a name or number; `ends`: before a
//!   capitalised word; `inner`: only before a common sentence opener from
//!   `data/sentence_openers.txt`);
//! - a single capital letter is an initial and follows the `inner` rule (`Nurlan B. Abenov`);
//! - a number at the start of a sentence is a list marker (`1. First item`).
//!
//! Why a scanner and not UAX #29 (`unicode-segmentation`): the Unicode rules split after
//! every title and initial and know no abbreviations, and the rule layer needed to undo
//! that costs more than scanning once. Invariant: the sentences of a paragraph tile it;
//! only whitespace between sentences is left out.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::span::Span;

/// One sentence: its span in the article text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// 0-based index of the paragraph (line) in the article.
    pub paragraph: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Title,
    Ends,
    Inner,
}

struct Lexicon {
    abbreviations: HashMap<&'static str, Rule>,
    openers: HashSet<&'static str>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let abbreviations = crate::data::rows(include_str!("../data/abbreviations.tsv"))
        .filter_map(|row| {
            let (abbr, rule) = row.split_once('\t')?;
            let rule = match rule.trim() {
                "title" => Rule::Title,
                "ends" => Rule::Ends,
                "inner" => Rule::Inner,
                _ => return None,
            };
            Some((abbr.trim(), rule))
        })
        .collect();
    let openers = crate::data::rows(include_str!("../data/sentence_openers.txt"))
        .map(str::trim)
        .collect();
    Lexicon {
        abbreviations,
        openers,
    }
});

const TERMINALS: &[char] = &['.', '?', '!', '…', '‼', '⁇', '⁈', '⁉'];
const CLOSERS: &[char] = &['”', '"', '’', '\'', '»', '›', ')', ']', '}'];
const OPENERS: &[char] = &['“', '"', '‘', '\'', '«', '‹', '(', '[', '{', '„', '¿', '¡'];

/// The paragraphs of `text`: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(start, start + line.len()).trim(text);
        if !span.is_empty() {
            out.push(span);
        }
        start += line.len();
    }
    out
}

/// Splits `text` into sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, paragraph) in paragraphs(text).into_iter().enumerate() {
        for span in split_paragraph(&text[paragraph.range()]) {
            out.push(Sentence {
                span: span.shift(paragraph.start),
                paragraph: index,
            });
        }
    }
    out
}

/// Sentence spans of one paragraph, relative to it.
fn split_paragraph(p: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(p.len(), |&(b, _)| b);
    let mut out = Vec::new();
    let mut start = 0; // char index where the current sentence starts
    let mut i = 0;
    while i < chars.len() {
        if !TERMINALS.contains(&chars[i].1) {
            i += 1;
            continue;
        }
        let first = i;
        let mut j = i;
        // Terminal marks with closing quotes and brackets, possibly alternating (`?”.`).
        while j < chars.len() && (TERMINALS.contains(&chars[j].1) || CLOSERS.contains(&chars[j].1))
        {
            j += 1;
        }
        if j == chars.len() || !chars[j].1.is_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let marks: String = chars[first..j].iter().map(|&(_, c)| c).collect();
        if ends_sentence(p, &chars, start, first, &marks, k) {
            out.push(Span::new(byte_at(start), byte_at(j)));
            start = k;
        }
        i = k;
    }
    if start < chars.len() {
        out.push(Span::new(byte_at(start), p.len()).trim(p));
    }
    out
}

/// The word that starts at char index `k`, after any opening quotes or brackets.
fn next_word<'a>(p: &'a str, chars: &[(usize, char)], mut k: usize) -> &'a str {
    while k < chars.len() && OPENERS.contains(&chars[k].1) {
        k += 1;
    }
    let Some(&(from, _)) = chars.get(k) else {
        return "";
    };
    let rest = &p[from..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn ends_sentence(
    p: &str,
    chars: &[(usize, char)],
    start: usize,
    first: usize,
    marks: &str,
    k: usize,
) -> bool {
    let next = next_word(p, chars, k);
    let Some(next_initial) = next.chars().next() else {
        // A dash, a bullet or a symbol follows: treat the marks as final.
        return true;
    };
    if next_initial.is_lowercase() {
        return false;
    }
    if !marks.starts_with('.') || marks.starts_with("..") {
        return true;
    }
    // The word before the full stop, from the last whitespace or opening bracket.
    let mut w = first;
    while w > start && !chars[w - 1].1.is_whitespace() && !OPENERS.contains(&chars[w - 1].1) {
        w -= 1;
    }
    let word = &p[chars[w].0..chars[first].0];
    if word.is_empty() {
        return true;
    }
    let with_stop = &p[chars[w].0..chars[first].0 + 1];
    let lexicon = &*LEXICON;
    let rule = lexicon.abbreviations.get(with_stop).copied().or_else(|| {
        let lower = with_stop.to_lowercase();
        lexicon
            .abbreviations
            .get_key_value(lower.as_str())
            .filter(|(abbr, _)| abbr.chars().all(|c| !c.is_uppercase()))
            .map(|(_, rule)| *rule)
    });
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic());
    let rule = rule.or((is_initial || dotted).then_some(Rule::Inner));
    match rule {
        Some(Rule::Title) => false,
        Some(Rule::Ends) => true,
        Some(Rule::Inner) => lexicon.openers.contains(next),
        None => {
            // `1. First item`: a short number opening the sentence is a list marker.
            let list_marker =
                w == start && word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit());
            !list_marker
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    #[test]
    fn titles_initials_and_quotes() {
        assert_eq!(
            split("Amb. Jan Novak met Nurlan B. Abenov in Astana. “Is it enough?” asked the moderator. It was."),
            ["Amb. Jan Novak met Nurlan B. Abenov in Astana.", "“Is it enough?” asked the moderator.", "It was."]
        );
        assert_eq!(
            split("They came from Austria, Sweden, etc. A second group followed."),
            [
                "They came from Austria, Sweden, etc.",
                "A second group followed."
            ]
        );
        assert_eq!(
            split("I work for the U.S. Government in Virginia. I live in the U.S. How about you?"),
            [
                "I work for the U.S. Government in Virginia.",
                "I live in the U.S.",
                "How about you?"
            ]
        );
        assert_eq!(
            split("See resolution No. 2250 of 2015."),
            ["See resolution No. 2250 of 2015."]
        );
        assert_eq!(
            split("“We will continue.” She left at 5 p.m. Delegates stayed."),
            [
                "“We will continue.”",
                "She left at 5 p.m.",
                "Delegates stayed."
            ]
        );
    }

    #[test]
    fn lines_are_paragraphs_and_sentences_tile_them() {
        let text = "Headline without stop\n\n1. First item.\nSecond  line. Third one!  \n";
        let found = sentences(text);
        let got: Vec<_> = found
            .iter()
            .map(|s| (&text[s.span.range()], s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("Headline without stop", 0),
                ("1. First item.", 1),
                ("Second  line.", 2),
                ("Third one!", 2)
            ]
        );
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\t\n").is_empty());
    }
}
