//! What the benchmarks share: corpus text of a given size and the peak memory.

use std::path::Path;

use whosaid::bundled;
use whosaid::run_manifest::peak_rss_kb;

/// Article texts of the bundled corpus, repeated until they hold at least `bytes`.
pub fn corpus_articles(bytes: usize) -> Vec<String> {
    let articles: Vec<String> = bundled::corpus()
        .iter()
        .flat_map(|input| input.read().articles)
        .map(|article| article.text)
        .collect();
    assert!(!articles.is_empty(), "the bundled corpus has no articles");
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        for article in &articles {
            total += article.len();
            out.push(article.clone());
        }
    }
    out
}

/// Megabytes to process: the first numeric argument, 50 by default.
pub fn megabytes() -> usize {
    std::env::args()
        .skip(1)
        .find_map(|arg| arg.parse().ok())
        .unwrap_or(50)
}

/// Runs `run` five times and returns the best time in seconds and its result.
pub fn best_of_five<T>(mut run: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let value = std::hint::black_box(run());
        best = best.min(start.elapsed().as_secs_f64());
        result = Some(value);
    }
    (best, result.expect("five runs"))
}

/// Peak resident memory of this process (Linux), for the last line of every benchmark.
pub fn peak_memory() -> String {
    peak_rss_kb(Path::new("/proc/self/status")).map_or_else(
        || "unavailable on this platform".into(),
        |kb| format!("{kb} kB"),
    )
}
