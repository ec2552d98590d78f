//! Helpers for the linguistic data files under `data/`, which are compiled in.

/// The non-empty, non-comment lines of a bundled data file, right-trimmed.
pub(crate) fn rows(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}
