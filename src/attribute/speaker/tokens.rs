//! A phrase or a stretch of narrative → words with their spans ([`Token`]), split into
//! comma chunks; and the word splitting the other parts share. Tokens keep the full stop
//! of an abbreviation (`Mr.`, `H.E.`) and drop other punctuation; they say nothing about
//! what a word is.

use crate::attribute::lexicon::LEXICON;
use crate::span::Span;

#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) span: Span,
    pub(super) word: &'a str,
}

pub(super) fn tokens(text: &str, span: Span) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(span.len() / 5 + 1);
    let s = &text[span.range()];
    let mut offset = 0;
    for raw in s.split_inclusive(char::is_whitespace) {
        let word = raw.trim_end();
        let lead = word.len() - word.trim_start_matches(['(', '“', '"', '‘']).len();
        let core = word[lead..].trim_end_matches([',', ';', ':', ')', '”', '"', '’', '!', '?']);
        // Keep the full stop of `Mr.` and `H.E.`, drop a sentence-final one.
        let core = if core.ends_with('.') && LEXICON.kind(core).is_none() {
            &core[..core.len() - 1]
        } else {
            core
        };
        if !core.is_empty() {
            let start = span.start + offset + lead;
            out.push(Token {
                span: Span::new(start, start + core.len()),
                word: core,
            });
        }
        offset += raw.len();
    }
    out
}

/// The tokens between commas: a name, an apposition, a clause. Commas inside brackets
/// do not split (`Ana Costa (MP, Portugal), Vice-President …`).
pub(super) fn comma_chunks<'t, 'a>(text: &str, toks: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut depth = 0usize;
    toks.split_inclusive(|t| {
        depth += text[..t.span.start].ends_with('(') as usize;
        let after = &text[t.span.end..];
        let closing = after.len() - after.trim_start_matches(')').len();
        depth = depth.saturating_sub(closing);
        // Not the comma of `300,000`.
        let thousands = t.word.ends_with(|c: char| c.is_ascii_digit())
            && after[closing..]
                .strip_prefix(',')
                .is_some_and(|a| a.starts_with(|c: char| c.is_ascii_digit()));
        depth == 0 && after[closing..].starts_with(',') && !thousands
    })
    // `Klea Dervishi, 19, a member of …`: an age stands between a name and its
    // apposition.
    .filter(
        |c| !matches!(c, [] | [_] if c.iter().all(|t| t.word.bytes().all(|b| b.is_ascii_digit()))),
    )
    .collect()
}

pub(super) fn span_of(toks: &[Token], from: usize, to: usize) -> Span {
    Span::new(toks[from].span.start, toks[to - 1].span.end)
}

/// The words of `s` split at single spaces, with the byte where each starts.
pub(super) fn word_starts(s: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    // memchr's iterator over the spaces: `split(' ')` sets up a search per short word.
    let ends = memchr::memchr_iter(b' ', s.as_bytes()).chain(std::iter::once(s.len()));
    ends.scan(0, move |at, end| {
        let start = std::mem::replace(at, end + 1);
        Some((start, &s[start..end]))
    })
}
