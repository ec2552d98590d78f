#![no_main]
//! Any text: sentences are in order, inside the text, trimmed, and cover every character
//! that is not whitespace.

use libfuzzer_sys::fuzz_target;
use whosaid::segment::{sentences_by, Breaks};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for breaks in [Breaks::Lines, Breaks::BlankLines] {
        let mut covered = vec![false; text.len()];
        let mut last = 0;
        for s in sentences_by(&text, breaks) {
            let piece = text.get(s.span.range()).expect("char boundaries");
            assert!(!piece.is_empty() && piece.trim() == piece);
            assert!(s.span.start >= last);
            last = s.span.end;
            covered[s.span.range()].iter_mut().for_each(|c| *c = true);
        }
        for (at, c) in text.char_indices() {
            assert!(c.is_whitespace() || covered[at], "{c:?} at {at} lost");
        }
    }
});
