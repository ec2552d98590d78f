//! Byte spans into an article's text, and their conversion to code-point offsets.
//!
//! Every stage records where things are as a [`Span`]: a half-open byte range into the
//! *clean article text* that the reader produced (never into a folded or normalized copy).
//! Tables report code-point offsets instead, because that is what Python's `str` slicing
//! and most dataframe users expect; [`CharOffsets`] converts once per article.

use serde::Serialize;

/// Half-open byte range `start..end` into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The span moved right by `offset` bytes (from paragraph-local to article offsets).
    pub fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    /// The span shrunk to exclude leading and trailing whitespace of `text[self]`.
    pub fn trim(&self, text: &str) -> Span {
        let s = &text[self.range()];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Position of the first byte of `bytes` that is not ASCII.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut skipped = 0;
    for block in bytes.chunks(BLOCK) {
        if !block.is_ascii() {
            return block.iter().position(|&b| b >= 0x80).map(|n| skipped + n);
        }
        skipped += block.len();
    }
    None
}

/// Converts byte offsets of one text to code-point offsets.
///
/// ASCII text (the common case for English releases) needs no table at all; otherwise the
/// byte offset of every non-ASCII character is kept, so a lookup is one binary search.
pub struct CharOffsets {
    /// Byte offsets of the non-ASCII characters, and their extra byte count so far.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let bytes = text.as_bytes();
        let mut wide = Vec::new();
        let mut extra = 0;
        let mut i = 0;
        // Skip ASCII runs a block at a time (`is_ascii` tests a word per step); a lead
        // byte tells its character's length.
        while let Some(n) = first_non_ascii(&bytes[i..]) {
            i += n;
            let len = match bytes[i] {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            extra += len - 1;
            wide.push((i, extra));
            i += len;
        }
        CharOffsets { wide }
    }

    /// The code-point offset of byte offset `byte`, which must be a char boundary.
    pub fn to_char(&self, byte: usize) -> usize {
        // Extra bytes of every wide character that starts before `byte`.
        let n = self.wide.partition_point(|&(at, _)| at < byte);
        if n == 0 {
            byte
        } else {
            byte - self.wide[n - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_chars_count() {
        // Wide characters on both sides of the 32-byte blocks the scan skips by.
        let long = format!(
            "{}é{}“x”{}ü",
            "a".repeat(31),
            "b".repeat(30),
            "c".repeat(64)
        );
        for text in [
            "plain ascii",
            "Türkiye’s “quote” – Chișinău 🇦🇹",
            "",
            "ü",
            "€",
            long.as_str(),
        ] {
            let map = CharOffsets::new(text);
            for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
                assert_eq!(
                    map.to_char(byte),
                    text[..byte].chars().count(),
                    "{text:?} @ {byte}"
                );
            }
        }
    }

    #[test]
    fn trim_drops_outer_whitespace_only() {
        let text = "  a b \n";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(&text[span.range()], "a b");
        assert!(Span::new(0, 2).trim(text).is_empty());
    }
}
