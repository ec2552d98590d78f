//! Quote stage throughput on one thread: marks, cues, speakers, roles and organizations.
//!
//! `cargo bench --bench quotes` (or `-- 200`). Sentences and gazetteer matches are computed
//! first and not timed, so the figure is the attribution stage alone. Prints MB/s for the
//! best of five passes, the quote count, and the peak resident memory.

mod common;

use whosaid::gazetteer::Gazetteer;
use whosaid::{attribute, bundled, segment};

fn main() {
    let articles = common::corpus_articles(common::megabytes() << 20);
    let (gazetteer, _) = Gazetteer::load(&bundled::gazetteers()).expect("bundled gazetteers");
    let roles = attribute::PersonRoles::new(&gazetteer);
    let prepared: Vec<_> = articles
        .iter()
        .map(|text| (segment::sentences(text), gazetteer.find(text)))
        .collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let (seconds, quotes): (f64, usize) = common::best_of_five(|| {
        articles
            .iter()
            .zip(&prepared)
            .map(|(text, (sentences, matches))| {
                attribute::attribute(text, sentences, matches, &gazetteer, &roles, &[], &[])
                    .quotes
                    .len()
            })
            .sum()
    });
    println!(
        "quote stage: {mb:.1} MB in {} articles, one thread, best of 5: {:.1} MB/s  {seconds:.3} s  {quotes} quotes",
        articles.len(),
        mb / seconds
    );
    println!("peak memory (VmHWM): {}", common::peak_memory());
}
