//! Byte scans shared by the stages: the next byte of a small set, found with memchr's
//! vector search instead of a test per byte.
//!
//! The sentence splitter and the quotation-mark finder both walk a paragraph from one
//! interesting byte to the next (terminal marks, quotation marks); most bytes are neither,
//! so the walk is a search. memchr looks for at most three bytes at once, so a set of up
//! to six is two searches, and each one's last result is kept: a walk with many hits of
//! one set and none of the other stays linear.
//!
//! Two scans test eight bytes at a time in a `u64` instead: CSV cells for bytes that need
//! quoting ([`any_csv_special`]; a corpus has millions of short cells, where memchr's
//! set-up costs more than the search) and the gazetteer's folding for runs of ASCII words
//! ([`identity_run`]; a word boundary every few bytes made a byte loop mispredict).

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

/// The low seven bits of every byte.
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// One in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

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

/// Length of the run at the start of `bytes` that the gazetteer folds byte for byte: ASCII letters and
/// digits, and single spaces (`space_before`: the output already ends in a space).
///
/// Eight bytes at a time, classified together in one `u64` (SWAR): a word boundary every
/// few bytes made a byte loop mispredict, and a table lookup per byte was most of the
/// fold's time.
pub(crate) fn identity_run(bytes: &[u8], space_before: bool) -> usize {
    let mut space_before = space_before;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        match stop_in(word, &mut space_before) {
            Some(k) => return n + k,
            None => n += 8,
        }
    }
    let tail = chunks.remainder();
    // The short last chunk is padded with a byte that stops the run.
    let mut word = [0xFF; 8];
    word[..tail.len()].copy_from_slice(tail);
    n + stop_in(word, &mut space_before).unwrap_or(tail.len())
}

/// Where the run stops in `word`, if it does; else whether it ends in a space.
fn stop_in(word: [u8; 8], space_before: &mut bool) -> Option<usize> {
    let (stop, spaces) = classify_word(u64::from_le_bytes(word));
    // A space after a space (or after the output's last space) ends the run too.
    let stop = stop | (spaces & ((spaces << 8) | u64::from(*space_before) << 7));
    *space_before = spaces >> 63 != 0;
    (stop != 0).then(|| stop.trailing_zeros() as usize / 8)
}

/// The bytes of `word` (little-endian) that cannot fold to themselves, and its spaces,
/// each marked by its byte's high bit. Only ASCII letters, digits and spaces fold to
/// themselves, lower-cased (`b | 0x20` lower-cases a letter and keeps the rest).
fn classify_word(word: u64) -> (u64, u64) {
    // Sums of 7-bit bytes and constants below 0x80 never carry into the next byte.
    let low = word & !HIGH;
    let at_least = |v: u64, lo: u8| (v + ONES * u64::from(0x80 - lo)) & HIGH;
    let above = |v: u64, hi: u8| (v + ONES * u64::from(0x7f - hi)) & HIGH;
    let lower = low | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !above(lower, b'z');
    let digit = at_least(low, b'0') & !above(low, b'9');
    let space = !above(low ^ (ONES * u64::from(b' ')), 0) & HIGH;
    let ascii = !word & HIGH;
    let keep = (letter | digit | space) & ascii;
    (!keep & HIGH, space & ascii)
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

    /// The run finder stops exactly where a byte-by-byte scan stops.
    #[test]
    fn identity_runs_match_a_byte_loop() {
        fn bytewise(bytes: &[u8], mut space_before: bool) -> usize {
            for (n, &b) in bytes.iter().enumerate() {
                let letter_or_digit = b.is_ascii_alphanumeric();
                if !(letter_or_digit || b == b' ') || (b == b' ' && space_before) {
                    return n;
                }
                space_before = b == b' ';
            }
            bytes.len()
        }
        proptest!(ProptestConfig::with_cases(20_000), |(
            text in "[aZ9 ,.é\\n]{0,40}", space_before: bool
        )| {
            let bytes = text.as_bytes();
            prop_assert_eq!(identity_run(bytes, space_before), bytewise(bytes, space_before));
        });
        // Every byte value, where the eight-byte classification could go wrong.
        proptest!(ProptestConfig::with_cases(20_000), |(
            bytes in prop::collection::vec(any::<u8>(), 0..40), space_before: bool
        )| {
            prop_assert_eq!(identity_run(&bytes, space_before), bytewise(&bytes, space_before));
        });
        for b in 0..=255u8 {
            let run = [b; 8];
            assert_eq!(identity_run(&run, false), bytewise(&run, false), "{b:#x}");
        }
    }
}
