//! Sentence segmentation throughput on one thread, beside UAX #29 alone.
//!
//! `cargo bench --bench segment` (or `-- 200` for 200 MB). The text is the bundled corpus's
//! article text, repeated until it reaches the requested size (50 MB by default). Prints
//! MB/s for the best of three passes, the sentence count, and the peak resident memory.

use std::hint::black_box;
use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;
use whosaid::{bundled, segment};

fn main() {
    let megabytes: usize = std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(50);
    let text = corpus_text(megabytes << 20);
    let mb = text.len() as f64 / 1e6;
    println!(
        "segment benchmark: {mb:.1} MB of article text from the bundled corpus, one thread, best of 3"
    );
    report("whosaid segment", mb, || segment::sentences(&text).len());
    report("UAX #29 alone (unicode-segmentation)", mb, || {
        text.split_sentence_bound_indices().count()
    });
    println!("peak memory (VmHWM): {}", peak_memory());
}

/// The article texts of the bundled corpus, repeated to at least `bytes`.
fn corpus_text(bytes: usize) -> String {
    let articles: Vec<String> = bundled::corpus()
        .iter()
        .flat_map(|input| input.read().articles)
        .map(|article| article.text)
        .collect();
    assert!(!articles.is_empty(), "the bundled corpus has no articles");
    let mut text = String::with_capacity(bytes + (64 << 10));
    while text.len() < bytes {
        for article in &articles {
            text.push_str(article);
            text.push_str("\n\n");
        }
    }
    text
}

fn report(name: &str, mb: f64, mut run: impl FnMut() -> usize) {
    let mut best = f64::INFINITY;
    let mut count = 0;
    for _ in 0..3 {
        let start = Instant::now();
        count = black_box(run());
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{name:<40} {:>8.1} MB/s  {:>6.3} s  {count} sentences",
        mb / best,
        best
    );
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .map(|line| line["VmHWM:".len()..].trim().to_string())
        })
        .unwrap_or_else(|| "unavailable on this platform".into())
}
