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
//! context the scanner already has. The scanner visits each byte once through a 256-entry
//! table and looks at words only around terminal marks, which is several times faster than
//! UAX #29 alone (see `benches/segment.rs`). Invariant, checked by a property test: the
//! sentences of a paragraph tile it, in order, and only whitespace between them is left
//! out.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::span::Span;

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
        let span = Span::new(start, start + line.len()).trim(text);
        start += line.len();
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
    let Some(first) = list_marker(p) else {
        return split_item(p, 0, out);
    };
    let mut from = 0;
    let mut marker = first;
    let mut at = first.len;
    while let Some((cut, next)) = next_list_item(p, at, &marker) {
        split_item(&p[from..cut], from, out);
        from = cut;
        at = cut + next.len;
        marker = next;
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
    // The item's own marker (`1.`, `a.`) is not a sentence end.
    let mut at = list_marker(s).map_or(0, |m| leading_space(s) + m.len);
    while let Some(t) = next_terminal(s.as_bytes(), at) {
        match decide(s, start, t) {
            Step::Go(next) => at = next,
            Step::Split { end, next } => {
                push(start, end);
                start = next;
                at = next;
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

/// Lead bytes of every terminal mark: ASCII `.?!` and the first byte of the multi-byte
/// ones, which [`next_terminal`] then checks in full.
static TERMINAL_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[0xE2] = true; // … ‼ ⁇ ⁈ ⁉
    table[0xE3] = true; // 。
    table[0xEF] = true; // ！ ？
    table
};

const MULTIBYTE_TERMINALS: &[char] = &['…', '‼', '⁇', '⁈', '⁉', '。', '！', '？'];
const CLOSERS: &[char] = &['”', '"', '’', '\'', '»', '›', ')', ']', '}', '」', '』'];
const OPENERS: &[char] = &[
    '“', '"', '‘', '\'', '«', '‹', '(', '[', '{', '„', '¿', '¡', '「',
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!') || MULTIBYTE_TERMINALS.contains(&c)
}

/// Byte offset of the next terminal mark at or after `from`.
fn next_terminal(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        if TERMINAL_BYTE[b[i] as usize] {
            if b[i] < 0x80 {
                return Some(i);
            }
            // Safe to decode: `b` is a `str`, and lead bytes start a char.
            let c = char_at(b, i);
            if MULTIBYTE_TERMINALS.contains(&c) {
                return Some(i);
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
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
        let dotted = word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic());
        (initial || dotted).then_some(Class::Inner)
    });
    match rule {
        None | Some(Class::Ends) => true,
        Some(Class::Title) => false,
        Some(Class::Number) => !next.starts_with(|c: char| c.is_ascii_digit()),
        Some(Class::Time) => !lexicon.introductory(&s[start..w]),
        Some(Class::Inner) => lexicon.openers.contains(next),
    }
}

/// Abbreviation classes, documented in `data/abbreviations.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Title,
    Number,
    Ends,
    Time,
    Inner,
}

struct Lexicon {
    abbreviations: HashMap<&'static str, Class>,
    openers: HashSet<&'static str>,
    prepositions: HashSet<&'static str>,
}

impl Lexicon {
    /// The class of `abbr` (with its full stop): exact, or through an all-lower-case entry
    /// of more than one letter.
    fn class(&self, abbr: &str) -> Option<Class> {
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

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let abbreviations = crate::data::rows(include_str!("../data/abbreviations.tsv"))
        .filter_map(|row| {
            let (abbr, class) = row.split_once('\t')?;
            let class = match class.trim() {
                "title" => Class::Title,
                "number" => Class::Number,
                "ends" => Class::Ends,
                "time" => Class::Time,
                "inner" => Class::Inner,
                _ => return None,
            };
            Some((abbr.trim(), class))
        })
        .collect();
    let words = |file| crate::data::rows(file).map(str::trim).collect();
    Lexicon {
        abbreviations,
        openers: words(include_str!("../data/sentence_openers.txt")),
        prepositions: words(include_str!("../data/prepositions.txt")),
    }
});

/// A list marker at the start of an item: a bullet, a label, or a bullet and a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// Bytes from the start of the item (after leading whitespace) to the marker's end.
    len: usize,
    bullet: Option<char>,
    label: Option<Label>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    /// The number, or the letter's position in the alphabet.
    value: u32,
    letter: bool,
    style: Style,
}

/// How a label is written: `1.`, `1.)`, `1)`, `(1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Dot,
    DotParen,
    Paren,
    Parens,
}

const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►', '–', '-', '*', '·',
];

/// The list marker that `s` opens with (after whitespace), if any.
fn list_marker(s: &str) -> Option<Marker> {
    let lead = leading_space(s);
    let rest = &s[lead..];
    let mut i = 0;
    let mut bullet = None;
    if let Some(c) = rest.chars().next().filter(|c| BULLETS.contains(c)) {
        i = c.len_utf8();
        let spaced = next_char(rest, i).is_some_and(char::is_whitespace);
        // `-5 degrees` and `*note` are not bullets; `⁃9.` and `•Item` are.
        if (c.is_ascii() || c == '–') && !spaced {
            return None;
        }
        bullet = Some(c);
        i = skip_whitespace(rest, i);
    }
    let label = label_at(rest, i).map(|(label, end)| {
        i = end;
        label
    });
    if bullet.is_none() && label.is_none() {
        return None;
    }
    if label.is_some() && !next_char(rest, i).is_none_or(char::is_whitespace) {
        return None;
    }
    Some(Marker {
        len: i,
        bullet,
        label,
    })
}

/// A label (`12.`, `3)`, `(b)`, `a.`) at byte `i` of `s`, and the byte after it.
fn label_at(s: &str, i: usize) -> Option<(Label, usize)> {
    let b = s.as_bytes();
    let parens = b.get(i) == Some(&b'(');
    let from = i + usize::from(parens);
    let digits = b[from.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let (value, letter, mut j) = match digits {
        1..=3 => (s[from..from + digits].parse().ok()?, false, from + digits),
        0 => {
            let c = *b.get(from).filter(|c| c.is_ascii_alphabetic())?;
            (u32::from(c.to_ascii_lowercase() - b'a'), true, from + 1)
        }
        _ => return None,
    };
    let style = if parens {
        (b.get(j) == Some(&b')')).then_some(Style::Parens)?
    } else if s[j..].starts_with(".)") {
        Style::DotParen
    } else if b.get(j) == Some(&b'.') {
        // `A. Petrov` is an initial: only lower-case letters are dotted labels.
        if letter && b[from].is_ascii_uppercase() {
            return None;
        }
        Style::Dot
    } else if b.get(j) == Some(&b')') {
        Style::Paren
    } else {
        return None;
    };
    j += match style {
        Style::DotParen => 2,
        _ => 1,
    };
    Some((
        Label {
            value,
            letter,
            style,
        },
        j,
    ))
}

/// The next marker of the same series as `marker` after byte `at` of paragraph `p`: the
/// byte where its item starts, and the marker.
fn next_list_item(p: &str, at: usize, marker: &Marker) -> Option<(usize, Marker)> {
    let mut search = at;
    while let Some(offset) = p[search..].find(char::is_whitespace) {
        let ws = search + offset;
        let cut = skip_whitespace(p, ws);
        if cut >= p.len() {
            return None;
        }
        search = cut;
        let Some(next) = list_marker(&p[cut..]) else {
            continue;
        };
        let same_bullet = next.bullet == marker.bullet;
        let follows = match (marker.label, next.label) {
            (Some(a), Some(b)) => {
                a.letter == b.letter && a.style == b.style && b.value == a.value + 1
            }
            (None, _) => marker.bullet.is_some(),
            (Some(_), None) => false,
        };
        if same_bullet && follows {
            return Some((cut, next));
        }
    }
    None
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
