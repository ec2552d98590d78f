//! Byte scans shared by the stages: the next byte of a small set, found with memchr's
//! vector search instead of a test per byte.
//!
//! The sentence splitter and the quotation-mark finder both walk a paragraph from one
//! interesting byte to the next (terminal marks, quotation marks); most bytes are neither,
//! so the walk is a search. memchr looks for at most three bytes at once, so a set of up
//! to six is two searches, and each one's last result is kept: a walk with many hits of
//! one set and none of the other stays linear.
//!
//! Scans that stop at most bytes, or run over short strings, test eight bytes at a time in
//! a `u64` instead ([`positions`], [`any_csv_special`]): there memchr's set-up costs more
//! than it saves.

/// Finds, in one text, the next byte that is in either of two sets of three.
pub(crate) struct NextByte<'h> {
    hay: &'h [u8],
    sets: [[u8; 3]; 2],
    /// Per set: where its last search started and what it found.
    last: [Option<(usize, Option<usize>)>; 2],
}

impl<'h> NextByte<'h> {
    /// A finder for the bytes of `a` and `b` in `hay` (repeat a byte to use fewer).
    pub(crate) fn new(hay: &'h [u8], a: [u8; 3], b: [u8; 3]) -> NextByte<'h> {
        NextByte {
            hay,
            sets: [a, b],
            last: [None, None],
        }
    }

    /// The first position at or after `from` that holds a byte of either set. Fastest when
    /// `from` never goes back, as in a left-to-right walk.
    pub(crate) fn from(&mut self, from: usize) -> Option<usize> {
        let mut first: Option<usize> = None;
        for (set, last) in self.sets.iter().zip(&mut self.last) {
            let found = match *last {
                // The last search started at or before `from` and found nothing before it.
                Some((start, found)) if start <= from && found.is_none_or(|at| at >= from) => found,
                _ => {
                    let [x, y, z] = *set;
                    let found = self
                        .hay
                        .get(from..)
                        .and_then(|rest| memchr::memchr3(x, y, z, rest))
                        .map(|n| from + n);
                    *last = Some((from, found));
                    found
                }
            };
            first = match (first, found) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        first
    }
}

/// Every position of `byte` in `hay`, in order.
pub(crate) fn positions(hay: &[u8], byte: u8) -> Positions<'_> {
    Positions {
        hay,
        byte,
        next: 0,
        base: 0,
        mask: 0,
    }
}

/// The iterator of [`positions`].
#[derive(Clone)]
pub(crate) struct Positions<'h> {
    hay: &'h [u8],
    byte: u8,
    /// Where the next eight bytes to test start.
    next: usize,
    /// Where the eight bytes of `mask` start.
    base: usize,
    /// The high bit of every byte of the word at `base` that is `byte` and not yet returned.
    mask: u64,
}

impl Iterator for Positions<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            let rest = self.hay.get(self.next..).filter(|r| !r.is_empty())?;
            let word = match rest.first_chunk::<8>() {
                Some(word) => *word,
                None => {
                    // The short last word is padded with a byte that is not the one sought.
                    let mut word = [!self.byte; 8];
                    word[..rest.len()].copy_from_slice(rest);
                    word
                }
            };
            self.mask = equal_bytes(u64::from_le_bytes(word), self.byte);
            self.base = self.next;
            self.next += 8;
        }
        let at = self.base + (self.mask.trailing_zeros() / 8) as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

/// The low seven bits of every byte.
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of every byte of `word` that is `byte`, and no other bit.
fn equal_bytes(word: u64, byte: u8) -> u64 {
    // Zero where the byte is; then the high bit of exactly the zero bytes (adding 0x7F to
    // the low seven bits cannot carry from one byte into the next).
    let x = word ^ u64::from_le_bytes([byte; 8]);
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// The high bit of every ASCII byte of `word` below `limit` (at most 0x80), and no other
/// bit.
fn bytes_below(word: u64, limit: u8) -> u64 {
    // A 7-bit byte plus 0x80 - limit reaches 0x80 exactly when it is at least `limit`, and
    // never carries into the next byte.
    let at_least = ((word & LOW7) + u64::from_le_bytes([0x80 - limit; 8])) & HIGH;
    !at_least & !word & HIGH
}

/// Whether `bytes` holds a byte that makes a CSV field quoted: `,`, `"`, `\n` or `\r`.
///
/// Eight bytes at a time rather than four comparisons per byte: a corpus has millions of
/// short cells. All four bytes are below `-` (0x2D), and ids, paths, dates and labels
/// have no byte below it, so one range test settles most of their words.
pub(crate) fn any_csv_special(bytes: &[u8]) -> bool {
    let special = |word: u64| {
        bytes_below(word, b'-') != 0
            && equal_bytes(word, b',')
                | equal_bytes(word, b'"')
                | equal_bytes(word, b'\n')
                | equal_bytes(word, b'\r')
                != 0
    };
    let mut chunks = bytes.chunks_exact(8);
    if chunks
        .by_ref()
        .any(|c| special(u64::from_le_bytes(c.try_into().unwrap_or([0; 8]))))
    {
        return true;
    }
    // The short last word is padded with a byte that is not special.
    let rest = chunks.remainder();
    let mut word = [b'a'; 8];
    word[..rest.len()].copy_from_slice(rest);
    special(u64::from_le_bytes(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_what_a_byte_loop_finds() {
        let byte = prop::sample::select(vec![b'a', b' ', b'.', b'"', b'\'', 0xC2, 0xE2, 0x80]);
        let froms = prop::collection::vec(0usize..90, 1..12);
        proptest!(|(hay in prop::collection::vec(byte, 0..80), froms in froms)| {
            let mut next = NextByte::new(&hay, [b'.', b'"', b'"'], [0xE2, 0xC2, b'\'']);
            // Any order of starts, forward and back.
            for from in froms {
                let expected = hay
                    .iter()
                    .enumerate()
                    .skip(from)
                    .find(|(_, b)| matches!(b, b'.' | b'"' | 0xE2 | 0xC2 | b'\''))
                    .map(|(i, _)| i);
                prop_assert_eq!(next.from(from), expected, "from {}", from);
            }
        });
    }

    #[test]
    fn csv_specials_are_those_of_a_byte_loop() {
        let byte = prop::sample::select(vec![
            b',', b'"', b'\n', b'\r', b'a', b'-', b' ', b'+', 0x0C, 0x2B, 0xAC, 0xA2, 0x8A,
        ]);
        proptest!(|(bytes in prop::collection::vec(byte, 0..40))| {
            let expected = bytes.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
            prop_assert_eq!(any_csv_special(&bytes), expected);
        });
    }

    #[test]
    fn bytes_below_are_those_of_a_byte_loop() {
        proptest!(|(word in any::<[u8; 8]>(), limit in 0u8..=0x80)| {
            let expected = word
                .iter()
                .enumerate()
                .filter(|(_, &b)| b < limit)
                .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
            prop_assert_eq!(bytes_below(u64::from_le_bytes(word), limit), expected);
        });
    }

    #[test]
    fn positions_are_those_of_a_byte_loop() {
        let byte = prop::sample::select(vec![b' ', b'a', 0x00, 0x7F, 0x80, 0xA0, 0xDF, 0xFF]);
        proptest!(|(hay in prop::collection::vec(byte.clone(), 0..70), sought in byte)| {
            let expected: Vec<usize> = (0..hay.len()).filter(|&i| hay[i] == sought).collect();
            prop_assert_eq!(positions(&hay, sought).collect::<Vec<_>>(), expected);
        });
    }
}
