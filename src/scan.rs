//! Byte scans shared by the stages: the next byte of a small set, found with memchr's
//! vector search instead of a test per byte.
//!
//! The sentence splitter and the quotation-mark finder both walk a paragraph from one
//! interesting byte to the next (terminal marks, quotation marks); most bytes are neither,
//! so the walk is a search. memchr looks for at most three bytes at once, so a set of up
//! to six is two searches, and each one's last result is kept: a walk with many hits of
//! one set and none of the other stays linear.

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
}
