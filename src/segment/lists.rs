//! Lists inside a paragraph: markers (`•`, `-`, `12.`, `(b)`, `iv)`) and where each item
//! starts, so that the splitter ends a sentence before an item and the paragraph finder
//! keeps an item on its own line. It does not split sentences.

use super::{char_at, leading_space, next_char, prev_char, roman_value, skip_whitespace};

/// A list marker at the start of an item: a bullet, a label, or a bullet and a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    /// Bytes from the start of the item (after leading whitespace) to the marker's end.
    pub len: usize,
    bullet: Option<char>,
    label: Option<Label>,
}

/// A list label with every reading it allows: `i` is a letter and a Roman numeral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    number: Option<u32>,
    letter: Option<u32>,
    roman: Option<u32>,
    style: Style,
}

impl Label {
    /// True when `next` is the label after this one in some reading.
    fn precedes(&self, next: &Label) -> bool {
        let step =
            |a: Option<u32>, b: Option<u32>| matches!((a, b), (Some(a), Some(b)) if b == a + 1);
        self.style == next.style
            && (step(self.number, next.number)
                || step(self.letter, next.letter)
                || step(self.roman, next.roman))
    }
}

/// How a label is written: `1.`, `1.)`, `1)`, `(1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Dot,
    DotParen,
    Paren,
    Parens,
}

/// Bullets that mark a list item wherever they stand after whitespace.
const BULLETS: &[char] = &['•', '◦', '▪', '▫', '‣', '⁃', '●', '○', '■', '□', '►'];
/// Bullets only at the start of an item and before whitespace (`- item`, not `-5`).
const ASCII_BULLETS: &[char] = &['-', '*', '–'];

/// The list marker that `s` opens with (after whitespace), if any.
pub(super) fn list_marker(s: &str) -> Option<Marker> {
    let lead = leading_space(s);
    let rest = &s[lead..];
    let mut i = 0;
    let mut bullet = None;
    if let Some(c) = rest.chars().next() {
        let spaced = next_char(rest, c.len_utf8()).is_some_and(char::is_whitespace);
        if BULLETS.contains(&c) || ASCII_BULLETS.contains(&c) && spaced {
            bullet = Some(c);
            i = skip_whitespace(rest, c.len_utf8());
        }
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

/// A label (`12.`, `3)`, `(b)`, `a.`, `(iv)`, `II.`) at byte `i` of `s`, and the byte
/// after it.
fn label_at(s: &str, i: usize) -> Option<(Label, usize)> {
    let b = s.as_bytes();
    let parens = b.get(i) == Some(&b'(');
    let from = i + usize::from(parens);
    let rest = b.get(from..)?;
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let (mut label, mut j) = match (digits, letters) {
        (1..=3, _) => (
            Label {
                number: s[from..from + digits].parse().ok(),
                letter: None,
                roman: None,
                style: Style::Dot,
            },
            from + digits,
        ),
        (0, 1..=6) => {
            let word = s[from..from + letters].to_ascii_lowercase();
            let label = Label {
                number: None,
                letter: (letters == 1).then(|| u32::from(word.as_bytes()[0] - b'a')),
                roman: roman_value(&word),
                style: Style::Dot,
            };
            if label.letter.is_none() && label.roman.is_none() {
                return None;
            }
            (label, from + letters)
        }
        _ => return None,
    };
    label.style = if parens {
        (b.get(j) == Some(&b')')).then_some(Style::Parens)?
    } else if s[j..].starts_with(".)") {
        Style::DotParen
    } else if b.get(j) == Some(&b'.') {
        // `A. Petrov` is an initial, `I. Jones` too: a dotted capital letter is no label.
        if letters == 1 && rest[0].is_ascii_uppercase() {
            return None;
        }
        Style::Dot
    } else if b.get(j) == Some(&b')') {
        Style::Paren
    } else {
        return None;
    };
    j += if label.style == Style::DotParen { 2 } else { 1 };
    Some((label, j))
}

/// Byte offsets in paragraph `p` where a new list item starts (never 0): each
/// Unicode bullet after whitespace, and each label that continues a series opened at the
/// start of the paragraph. A series inside a sentence (`three parts: (1) assessment, (2)
/// training`) is an inline enumeration and is left alone.
pub(super) fn list_items(p: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let opening = list_marker(p).map(|m| (0, m));
    if let Some((at, first)) = opening {
        if at > 0 {
            cuts.push(at);
        }
        let mut marker = first;
        let mut from = at + leading_space(&p[at..]) + first.len;
        while let Some((cut, next)) = next_list_item(p, from, &marker) {
            cuts.push(cut);
            from = cut + next.len;
            marker = next;
        }
    }
    // Bullets share their lead byte 0xE2 with curly quotes; most hits are quotes.
    for i in memchr::memchr_iter(0xE2, p.as_bytes()) {
        if BULLETS.contains(&char_at(p.as_bytes(), i))
            && i > 0
            && prev_char(p, i).is_some_and(char::is_whitespace)
        {
            cuts.push(i);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// The next marker of the same series as `marker` after byte `at` of paragraph `p`: the
/// byte where its item starts, and the marker.
fn next_list_item(p: &str, at: usize, marker: &Marker) -> Option<(usize, Marker)> {
    let mut search = at;
    while let Some(offset) = p[search..].find(char::is_whitespace) {
        let cut = skip_whitespace(p, search + offset);
        if cut >= p.len() {
            return None;
        }
        search = cut;
        let Some(next) = list_marker(&p[cut..]) else {
            continue;
        };
        let follows = match (marker.label, next.label) {
            (Some(a), Some(b)) => a.precedes(&b),
            (None, _) => marker.bullet.is_some(),
            (Some(_), None) => false,
        };
        if next.bullet == marker.bullet && follows {
            return Some((cut, next));
        }
    }
    None
}
