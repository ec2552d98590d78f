//! Helpers for the linguistic data files under `data/`, which are compiled in.

/// The non-empty, non-comment lines of a bundled data file, right-trimmed.
pub(crate) fn rows(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// Hash maps for the word lists, looked up per token: foldhash, with a fixed seed so that
/// a run never depends on the order of a map.
pub(crate) type WordHash = foldhash::fast::FixedState;
pub(crate) type WordMap<V> = std::collections::HashMap<&'static str, V, WordHash>;
pub(crate) type WordSet = std::collections::HashSet<&'static str, WordHash>;
