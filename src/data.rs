//! Helpers for the linguistic data files under `data/`, which are compiled in.

/// The non-empty, non-comment lines of a bundled data file, right-trimmed.
pub(crate) fn rows(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
}

/// A hash map for the word lists: keys are short words looked up per token, where the
/// default SipHash (built against collision attacks on untrusted keys) costs more than the
/// lookup. The keys here come from our own data files.
pub(crate) type WordMap<V> = std::collections::HashMap<&'static str, V, WordHash>;
pub(crate) type WordSet = std::collections::HashSet<&'static str, WordHash>;

/// FNV-1a over the key's bytes.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHash;

impl std::hash::BuildHasher for WordHash {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
