//! Sentence segmentation throughput on one thread, beside UAX #29 alone.
//!
//! `cargo bench --bench segment` (or `-- 200` for 200 MB). The text is the bundled corpus's
//! article text, repeated until it reaches the requested size (50 MB by default). Prints
//! MB/s for the best of five passes, the sentence count, and the peak resident memory.

mod common;

use unicode_segmentation::UnicodeSegmentation;
use whosaid::segment;

fn main() {
    let text = common::corpus_articles(common::megabytes() << 20).join("\n\n");
    let mb = text.len() as f64 / 1e6;
    println!(
        "segment benchmark: {mb:.1} MB of article text from the bundled corpus, one thread, best of 5"
    );
    let report = |name: &str, (seconds, count): (f64, usize)| {
        println!(
            "{name:<40} {:>8.1} MB/s  {seconds:>6.3} s  {count} sentences",
            mb / seconds
        );
    };
    report(
        "whosaid segment",
        common::best_of_five(|| segment::sentences(&text).len()),
    );
    report(
        "UAX #29 alone (unicode-segmentation)",
        common::best_of_five(|| text.split_sentence_bound_indices().count()),
    );
    println!("peak memory (VmHWM): {}", common::peak_memory());
}
