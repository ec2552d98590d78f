//! Stage 2, segment: article text → paragraphs → [`Sentence`]s with byte spans.
//!
//! **Paragraphs.** In article text from the readers every line is a paragraph
//! ([`Breaks::Lines`], the default). For hand-written or hard-wrapped text,
//! [`Breaks::BlankLines`] joins lines up to a blank line, except that a line opening with a
//! list marker (`•`, `1.`, `2)`, `(a)`) always starts a new paragraph. A paragraph that
//! opens with a list marker is cut into items before each following marker of the same
//! series (`1) … 2) … 3) …`, `a. … b. …`, `• … • …`), even without punctuation.
//!
//! **Sentences.** A byte scanner walks each item to the next terminal mark (`.`, `?`, `!`,
//! `…`, `‼`, `⁇`, `⁈`, `⁉`, `。`, `！`, `？`), takes the closing quotes and brackets after
//! it, and decides whether a sentence ends there:
//! - never when no whitespace follows (`3.5`, `U.S.A`, `osce.org`, `Dr.Ivanova`,
//!   `mean...see`), nor when the next word starts in lower case or with `,;:%)` (`“Is it
//!   enough?” asked the moderator`), nor inside square brackets (`[...]`);
//! - `?`, `!`, an ellipsis, or a full stop followed by a closing quote or bracket end a
//!   sentence before anything else;
//! - a bare full stop after a known abbreviation follows that abbreviation's class in
//!   `data/abbreviations.tsv` (`title`, `number`, `ends`, `time`, `inner`, documented
//!   there); an initial or a dotted word (`U.S.S.R.`) is `inner`: it ends a sentence only
//!   before a common sentence opener from `data/sentence_openers.txt`;
//! - spaced ellipses follow the style guides: ` . . . ` after a space is an omission inside
//!   a sentence; `word. . . . Next` ends the sentence at the first full stop and the
//!   ellipsis opens the next one; four spaced dots after a space end the sentence.
//!
//! It does not split at line-internal semicolons or colons, does not detect headlines
//! inside a line, and splits nothing that lacks whitespace after the mark (so `in
//! Vienna.The` scraped without a space stays one sentence).
//!
//! **Why a byte scanner and not UAX #29 (`unicode-segmentation`).** The Unicode rules
//! split after every title and initial and know no abbreviations, lists or ellipsis
//! conventions; undoing that in a rule layer means re-scanning every boundary with the
//! context the scanner already has. The scanner jumps from one terminal mark to the next
//! with memchr (`scan::NextByte`) and looks at words only around those marks,
//! which is several times faster than UAX #29 alone (see `benches/segment.rs`). Invariant, checked by a property test: the
//! sentences of a paragraph tile it, in order, and only whitespace between them is left
//! out.

use std::sync::LazyLock;

use crate::data::{self, DataError, WordMap, WordSet};
use crate::scan::NextByte;

mod lists;
use crate::span::Span;
use lists::{list_items, list_marker};

/// One sentence: its span in the article text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// 0-based index of the paragraph in the article.
    pub paragraph: usize,
}

/// Where paragraphs break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Breaks {
    /// Every non-blank line is a paragraph (article text from the readers).
    #[default]
    Lines,
    /// Blank lines separate paragraphs; a line opening with a list marker starts one.
    BlankLines,
}

/// The paragraphs of article text: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Span> {
    paragraphs_by(text, Breaks::Lines)
}

/// The paragraphs of `text` under `breaks`, trimmed.
pub fn paragraphs_by(text: &str, breaks: Breaks) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<Span> = None;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let span = Span::new(start, end).trim(text);
        start = end;
        // An empty line ends the open paragraph, as the end of the text does.
        if span.is_empty() {
            out.extend(open.take());
            continue;
        }
        match (breaks, open.as_mut()) {
            (Breaks::BlankLines, Some(p)) if list_marker(&text[span.range()]).is_none() => {
                p.end = span.end;
            }
            (Breaks::BlankLines, _) => out.extend(open.replace(span)),
            (Breaks::Lines, _) => out.push(span),
        }
    }
    out.extend(open);
    out
}

/// Splits article text (one paragraph per line) into sentences.
pub fn sentences(text: &str) -> Vec<Sentence> {
    sentences_by(text, Breaks::Lines)
}

/// Splits `text` into sentences, with paragraphs broken as `breaks` says.
pub fn sentences_by(text: &str, breaks: Breaks) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for (index, paragraph) in paragraphs_by(text, breaks).into_iter().enumerate() {
        spans.clear();
        split_paragraph(&text[paragraph.range()], &mut spans);
        out.extend(spans.iter().map(|span| Sentence {
            span: span.shift(paragraph.start),
            paragraph: index,
        }));
    }
    out
}

/// Appends the sentence spans of paragraph `p`, relative to it.
fn split_paragraph(p: &str, out: &mut Vec<Span>) {
    let cuts = list_items(p);
    let mut from = 0;
    for &cut in &cuts {
        split_item(&p[from..cut], from, out);
        from = cut;
    }
    split_item(&p[from..], from, out);
}

/// Appends the sentence spans of `s` (a paragraph or list item), shifted by `base`.
fn split_item(s: &str, base: usize, out: &mut Vec<Span>) {
    let mut push = |from: usize, to: usize| {
        let span = Span::new(from, to).trim(s);
        if !span.is_empty() {
            out.push(span.shift(base));
        }
    };
    let mut start = 0;
    // A list marker opening a sentence (`1.`, `a.`) is not a sentence end.
    let skip_marker =
        |at: usize| at + list_marker(&s[at..]).map_or(0, |m| leading_space(&s[at..]) + m.len);
    let mut at = skip_marker(0);
    let mut next = NextByte::new(s.as_bytes(), [b'.', b'?', b'!'], [0xE2, 0xE3, 0xEF]);
    while let Some(t) = next_terminal(s.as_bytes(), &mut next, at) {
        match decide(s, start, t) {
            Step::Go(next) => at = next,
            Step::Split { end, next } => {
                push(start, end);
                start = next;
                at = skip_marker(next);
            }
        }
    }
    push(start, s.len());
}

fn leading_space(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// What the scanner does at a terminal mark.
enum Step {
    /// No sentence end; scan on from this byte.
    Go(usize),
    /// The sentence ends at `end`; the next one starts at `next`.
    Split { end: usize, next: usize },
}

const MULTIBYTE_TERMINALS: &[char] = &['…', '‼', '⁇', '⁈', '⁉', '。', '！', '？'];
const CLOSERS: &[char] = &['”', '"', '’', '\'', '»', '›', ')', ']', '}', '」', '』'];
const QUOTE_CLOSERS: &[char] = &['”', '"', '’', '\'', '»', '›'];
const OPENERS: &[char] = &[
    '“', '"', '‘', '\'', '«', '‹', '(', '[', '{', '„', '¿', '¡', '「',
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!') || MULTIBYTE_TERMINALS.contains(&c)
}

/// Byte offset of the next terminal mark at or after `from`: `next` finds the ASCII
/// `.?!` and the lead bytes of the multi-byte marks (0xE2 `… ‼ ⁇ ⁈ ⁉`, 0xE3 `。`, 0xEF
/// `！ ？`), which are then checked in full.
fn next_terminal(b: &[u8], next: &mut NextByte, from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(at) = next.from(i) {
        if b[at] < 0x80 {
            return Some(at);
        }
        // Safe to decode: `b` is a `str`, and lead bytes start a char.
        let c = char_at(b, at);
        if MULTIBYTE_TERMINALS.contains(&c) {
            return Some(at);
        }
        i = at + c.len_utf8();
    }
    None
}

/// The char starting at byte `i` of UTF-8 bytes `b` (`i` on a char boundary).
fn char_at(b: &[u8], i: usize) -> char {
    let len = match b[i] {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(&b[i..(i + len).min(b.len())])
        .ok()
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{FFFD}')
}

fn next_char(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// End of the run of terminal marks and closing quotes or brackets starting at `i`.
fn end_of_marks(s: &str, mut i: usize) -> usize {
    while let Some(c) = next_char(s, i).filter(|&c| is_terminal(c) || CLOSERS.contains(&c)) {
        i += c.len_utf8();
    }
    i
}

fn skip_whitespace(s: &str, mut i: usize) -> usize {
    while let Some(c) = next_char(s, i).filter(|c| c.is_whitespace()) {
        i += c.len_utf8();
    }
    i
}

/// The word at byte `k` after any opening quotes or brackets: letters, digits, `-`, `'`.
fn word_at(s: &str, mut k: usize) -> &str {
    while let Some(c) = next_char(s, k).filter(|c| OPENERS.contains(c)) {
        k += c.len_utf8();
    }
    let rest = &s[k..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .unwrap_or(rest.len());
    if end == 0 {
        // A symbol: return it, so that callers can tell `,` from `—` or `•`.
        return rest.chars().next().map_or("", |c| &rest[..c.len_utf8()]);
    }
    &rest[..end]
}

/// True when what starts at byte `k` continues a sentence rather than opening one.
fn continues(next: &str) -> bool {
    next.chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || ",;:%)]}".contains(c))
}

/// Number of dots in a spaced ellipsis (`. . .`, dots separated by single spaces) at `t`.
fn spaced_dots(b: &[u8], t: usize) -> usize {
    let mut n = 1;
    let mut i = t + 1;
    while i + 1 < b.len() && b[i] == b' ' && b[i + 1] == b'.' {
        n += 1;
        i += 2;
    }
    n
}

fn decide(s: &str, start: usize, t: usize) -> Step {
    let b = s.as_bytes();
    let after_space = t == start || prev_char(s, t).is_some_and(char::is_whitespace);
    if b[t] == b'.' {
        let dots = spaced_dots(b, t);
        if dots >= 3 {
            let j = end_of_marks(s, t + 2 * (dots - 1) + 1);
            let k = skip_whitespace(s, j);
            let next = word_at(s, k);
            if k == s.len() || continues(next) {
                return Step::Go(j);
            }
            return match (after_space, dots) {
                // ` . . . ` marks an omission inside the sentence.
                (true, 3) => Step::Go(j),
                // A fourth dot is the full stop.
                (true, _) => Step::Split { end: j, next: k },
                // `word. . . . Next`: the sentence ends at its own full stop and the
                // ellipsis opens the next one.
                (false, 4..) => Step::Split {
                    end: t + 1,
                    next: t + 2,
                },
                (false, _) => Step::Split { end: j, next: k },
            };
        }
    }
    let j = end_of_marks(s, t);
    let Some(c) = next_char(s, j) else {
        return Step::Go(j);
    };
    if !c.is_whitespace() {
        return Step::Go(j);
    }
    let k = skip_whitespace(s, j);
    let next = word_at(s, k);
    if k == s.len() || continues(next) {
        return Step::Go(k);
    }
    let split = Step::Split { end: j, next: k };
    let marks = &s[t..j];
    if prev_char(s, t) == Some('[') {
        return Step::Go(k); // `[...]`: an omission, not an end
    }
    if marks.ends_with(QUOTE_CLOSERS) && attribution_follows(s, k) {
        return Step::Go(k); // `“Who will pay?” Petrova asked.`
    }
    if marks != "." {
        // `?`, `!`, an ellipsis, or a full stop that a quote or bracket closes.
        return split;
    }
    if full_stop_ends(s, start, t, next) {
        split
    } else {
        Step::Go(k)
    }
}

/// True when the text at byte `k`, right after a closing quote, is an attribution that
/// completes the quoted sentence: a speech verb among its first five words, with no
/// sentence end before it (`Petrova asked.`, `Ms. Berg told reporters.`).
fn attribution_follows(s: &str, k: usize) -> bool {
    let lexicon = &*LEXICON;
    for (n, word) in s[k..].split_whitespace().take(5).enumerate() {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if n > 0 && data::SPEECH_VERBS.words.contains(bare) {
            return true;
        }
        if bare.len() < word.len() && lexicon.class(word) != Some(AbbreviationClass::Title) {
            return false; // punctuation before any verb: `“No!” Then silence.`
        }
    }
    false
}

/// Whether the bare full stop at byte `t` ends the sentence begun at `start`, given the
/// capitalised word, number or symbol `next` that follows it.
fn full_stop_ends(s: &str, start: usize, t: usize, next: &str) -> bool {
    let w = s[start..t]
        .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .map_or(start, |i| {
            start + i + s[start + i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &s[w..t];
    if word.is_empty() {
        return true;
    }
    let lexicon = &*LEXICON;
    let rule = lexicon.class(&s[w..=t]).or_else(|| {
        let mut chars = word.chars();
        let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
        let dotted = word.contains('.')
            && word
                .chars()
                .all(|c| c == '.' || c == '-' || c.is_alphabetic());
        (initial || dotted).then_some(AbbreviationClass::Inner)
    });
    match rule {
        None => true,
        // `Co. Ltd.`: no sentence opens with a company suffix.
        Some(AbbreviationClass::Ends) => {
            let rest = &s[t + 1..].trim_start();
            !(rest.starts_with(next)
                && rest[next.len()..].starts_with('.')
                && lexicon.class(&rest[..=next.len()]) == Some(AbbreviationClass::Ends))
        }
        Some(AbbreviationClass::Title) => false,
        Some(AbbreviationClass::Number) => next.starts_with(char::is_alphabetic) && !is_roman(next),
        Some(AbbreviationClass::Time) => !lexicon.introductory(&s[start..w]),
        Some(AbbreviationClass::Inner) => data::SENTENCE_OPENERS.contains(next),
    }
}

/// `II`, `IV`, `XII`: a Roman numeral in capitals (not `I`, which is more often the
/// pronoun).
fn is_roman(word: &str) -> bool {
    word.len() >= 2 && roman_value(&word.to_ascii_lowercase()).is_some()
}

/// The value of a lower-case Roman numeral written the usual way (`iv`, not `iiii`).
fn roman_value(word: &str) -> Option<u32> {
    let digit = |c: u8| match c {
        b'i' => Some(1),
        b'v' => Some(5),
        b'x' => Some(10),
        b'l' => Some(50),
        b'c' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = word.bytes().map(digit).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    let value = u32::try_from(total).ok().filter(|&v| v > 0 && v < 400)?;
    (to_roman(value) == word).then_some(value)
}

fn to_roman(mut value: u32) -> String {
    const PARTS: [(u32, &str); 9] = [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (part, letters) in PARTS {
        while value >= part {
            out.push_str(letters);
            value -= part;
        }
    }
    out
}

/// Abbreviation classes, documented in `data/abbreviations.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbreviationClass {
    Title,
    Number,
    Ends,
    Time,
    Inner,
}

/// The word lists the segmenter reads, besides the sentence openers and speech verbs it
/// shares with the quote stage ([`data::SENTENCE_OPENERS`], [`data::SPEECH_VERBS`]).
pub(crate) struct SentenceLexicon {
    abbreviations: WordMap<AbbreviationClass>,
    prepositions: WordSet,
}

impl SentenceLexicon {
    /// The class of `abbr` (with its full stop): exact, or through an all-lower-case entry
    /// of more than one letter.
    fn class(&self, abbr: &str) -> Option<AbbreviationClass> {
        if let Some(&class) = self.abbreviations.get(abbr) {
            return Some(class);
        }
        if abbr.len() <= 2 || !abbr.chars().any(char::is_uppercase) {
            return None;
        }
        self.abbreviations
            .get(abbr.to_lowercase().as_str())
            .copied()
    }

    /// True for a phrase like `At 5 ` (a preposition and at most two more words).
    fn introductory(&self, phrase: &str) -> bool {
        let mut words = phrase.split_whitespace();
        let first = words.next().unwrap_or("").trim_start_matches(OPENERS);
        words.count() <= 2 && self.prepositions.contains(first.to_lowercase().as_str())
    }
}

/// The segmenter's word lists, read from `data/`.
pub(crate) fn sentence_lexicon() -> Result<SentenceLexicon, DataError> {
    use AbbreviationClass::*;
    const CLASSES: [(&str, AbbreviationClass); 5] = [
        ("title", Title),
        ("number", Number),
        ("ends", Ends),
        ("time", Time),
        ("inner", Inner),
    ];
    let mut abbreviations = WordMap::default();
    for row in data::ABBREVIATIONS.rows(2..=2, 1)? {
        abbreviations.insert(row.text(0), row.required_class(1, &CLASSES)?);
    }
    Ok(SentenceLexicon {
        abbreviations,
        prepositions: data::PREPOSITIONS.words()?.into_iter().collect(),
    })
}

static LEXICON: LazyLock<SentenceLexicon> = LazyLock::new(|| data::loaded(sentence_lexicon()));

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
            split("“We will continue.” She left at 5 p.m. Delegates stayed. At 9 a.m. Ms. Berg spoke."),
            [
                "“We will continue.”",
                "She left at 5 p.m.",
                "Delegates stayed.",
                "At 9 a.m. Ms. Berg spoke."
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

    #[test]
    fn blank_line_paragraphs_join_wrapped_lines_but_not_list_items() {
        let text = "A wrapped\nsentence. Next one\ncontinues.\n\nIntro:\n• one\n• two\n";
        let got: Vec<_> = sentences_by(text, Breaks::BlankLines)
            .iter()
            .map(|s| (&text[s.span.range()], s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("A wrapped\nsentence.", 0),
                ("Next one\ncontinues.", 0),
                ("Intro:", 1),
                ("• one", 2),
                ("• two", 3)
            ]
        );
    }

    #[test]
    fn list_series_split_items_without_punctuation() {
        assert_eq!(
            split("1) Monitoring 2) Reporting 3) Follow-up"),
            ["1) Monitoring", "2) Reporting", "3) Follow-up"]
        );
        assert_eq!(
            split("(a) training; (b) equipment; (c) advice"),
            ["(a) training;", "(b) equipment;", "(c) advice"]
        );
        // A number out of series is not a new item.
        assert_eq!(split("1. Build 12 schools"), ["1. Build 12 schools"]);
        assert_eq!(list_marker("A. Petrov said"), None);
        assert_eq!(list_marker("-5 degrees"), None);
    }
}
