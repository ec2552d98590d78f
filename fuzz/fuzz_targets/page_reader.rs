#![no_main]
//! Any bytes as a scraped page, an HTML page and a JSON Lines file: no panic, and every
//! article's text is non-empty.

use libfuzzer_sys::fuzz_target;
use whosaid::read::{read_bytes, Format};

fuzz_target!(|data: &[u8]| {
    for format in [Format::Page, Format::Html, Format::Jsonl] {
        let outcome = read_bytes(data, format, "fuzz", "fuzz");
        for article in &outcome.articles {
            assert!(!article.text.trim().is_empty());
        }
    }
});
