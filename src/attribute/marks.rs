//! Quotation marks → quoted spans, over the whole article.
//!
//! Pairs: `“…”`, `„…“`, `„…”`, `«…»`, straight `"…"` (an opening straight mark follows
//! whitespace, an opening bracket or a dash), and single `‘…’`, `'…'`, `‹…›` outside
//! double quotes. Straight and curly double marks close each other (`"…”`, `“…"`, `«…"`),
//! as pages typed in two editors have them, and two closing single marks close a double
//! quote (`„…’’`). A single closing mark between letters is an
//! apostrophe (`O’Brien`, `Kazakhstan’s`) and is never a quote mark. News convention for
//! long quotes: when a paragraph ends inside a quote and the next paragraph opens with a
//! quote mark, the quote goes on.
//!
//! Missing marks are recovered within one paragraph, never across: a quote still open
//! when its paragraph ends (and the next one does not reopen it) ends with that paragraph,
//! and a closing mark right after a sentence's punctuation with no mark before it in its
//! paragraph (`We will stay,” she said.`) opens at the paragraph's start. Either way the
//! missing mark is counted as unpaired. Marks that find no partner are counted, never
//! fatal.

use crate::scan::NextByte;
use crate::span::Span;

/// A quoted span: the marks included (`outer`) and the quoted words (`inner`, trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    pub outer: Span,
    pub inner: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Curly,
    Low,
    Guillemet,
    Straight,
}

/// The quoted words without surrounding whitespace and without the comma that belongs to
/// the attribution (`“We are ready,” she said` quotes `We are ready`).
fn trim_inner(text: &str, span: Span) -> Span {
    let span = span.trim(text);
    let s = &text[span.range()];
    let kept = s.trim_end_matches([',', ' ']);
    Span::new(span.start, span.start + kept.len())
}

pub fn is_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '„' | '«' | '»' | '"' | '‘' | '’' | '\'' | '‹' | '›'
    )
}

/// `the ministers’ decision` inside a single-quoted quote: an `s’` before a lower-case
/// word is a possessive when the paragraph still has a closing mark after punctuation.
fn plural_possessive(paragraph: &str, at: usize, prev: Option<char>) -> bool {
    let rest = &paragraph[at..];
    let tail = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    let mut after = tail.chars();
    prev == Some('s')
        && after.next() == Some(' ')
        && after.next().is_some_and(char::is_lowercase)
        && [",’", ".’", "?’", "!’", ",'", ".'"]
            .iter()
            .any(|close| tail.contains(close))
}

fn opens_here(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p))
}

/// Quoted spans of `text`, whose paragraphs are `paragraphs`, and the count of unpaired
/// marks.
pub fn find(text: &str, paragraphs: &[Span]) -> (Vec<Marked>, usize) {
    let mut pairing = Pairing {
        text,
        found: Vec::new(),
        unpaired: 0,
        open: None,
        open_until: 0,
    };
    for &paragraph in paragraphs {
        pairing.paragraph(paragraph);
    }
    pairing.finish()
}

/// The pairing of double marks over the whole article, paragraph by paragraph.
struct Pairing<'t> {
    text: &'t str,
    found: Vec<Marked>,
    unpaired: usize,
    /// The open double quote: its kind, the byte where its mark starts and the mark length.
    open: Option<(Opener, usize, usize)>,
    /// The end of the last paragraph the open quote reached: where a quote whose closing
    /// mark is missing ends.
    open_until: usize,
}

/// One mark in its paragraph: the character, where it stands in the article and in the
/// paragraph's text `s`, and the characters around it.
struct Mark<'s> {
    c: char,
    at: usize,
    in_paragraph: usize,
    s: &'s str,
    prev: Option<char>,
    next: Option<char>,
}

/// What one paragraph's scan keeps between marks.
struct InParagraph {
    start: usize,
    /// Whether a mark came before in this paragraph: a closing mark with no opener opens
    /// at the paragraph's start only when none did.
    marks_before: bool,
    /// The start of an open single quote.
    single: Option<usize>,
    /// Curly double quotes nested in a curly double quote (`“… a “temporary” fix …”`).
    nested: usize,
}

impl Pairing<'_> {
    fn push(&mut self, outer: Span, inner: Span) {
        let inner = trim_inner(self.text, inner);
        if !inner.is_empty() {
            self.found.push(Marked { outer, inner });
        }
    }

    /// Closes the open quote at the mark.
    fn close(&mut self, m: &Mark) {
        self.close_at(m.at, m.c.len_utf8());
    }

    /// Closes the open quote with the `len` bytes of marks at `at`.
    fn close_at(&mut self, at: usize, len: usize) {
        if let Some((_, start, open_len)) = self.open.take() {
            let outer = Span::new(start, at + len);
            self.push(outer, Span::new(start + open_len, at));
        }
    }

    /// Ends the open quote where its last paragraph ended: its closing mark is missing.
    fn end_open(&mut self) {
        if let Some((_, start, len)) = self.open.take() {
            self.unpaired += 1;
            let outer = Span::new(start, self.open_until);
            self.push(outer, Span::new(start + len, self.open_until));
        }
    }

    fn paragraph(&mut self, paragraph: Span) {
        let s = &self.text[paragraph.range()];
        // A paragraph that continues a quote is scanned after its re-opening mark.
        let mut i = 0;
        if self.open.is_some() {
            match s.chars().next() {
                Some(c @ ('“' | '„' | '«' | '"')) => i = c.len_utf8(),
                _ => self.end_open(),
            }
        }
        let mut state = InParagraph {
            start: paragraph.start,
            marks_before: i > 0,
            single: None,
            nested: 0,
        };
        // First bytes of the quotation marks: `"`, `'`, 0xC2 (`«»`) and 0xE2 (`“”„‘’‹›`).
        let mut next = NextByte::new(s.as_bytes(), [b'"', 0xC2, 0xE2], [b'\''; 3]);
        while let Some(i_mark) = next.from(i) {
            let c = s[i_mark..].chars().next().unwrap_or(' ');
            i = i_mark + c.len_utf8();
            if !is_mark(c) {
                continue;
            }
            let mark = Mark {
                c,
                at: paragraph.start + i_mark,
                in_paragraph: i_mark,
                s,
                prev: s[..i_mark].chars().next_back(),
                next: s[i..].chars().next(),
            };
            // `„…,’’`: two closing single marks stand for a closing double one.
            if c == '’' && mark.next == Some('’') && self.open.is_some() {
                self.close_at(mark.at, 2 * c.len_utf8());
                i += c.len_utf8();
                state.marks_before = true;
            } else if matches!(c, '‘' | '\'' | '‹' | '’' | '›') {
                self.single_mark(&mark, &mut state);
            } else {
                self.double_mark(&mark, &mut state);
            }
        }
        if state.single.is_some() {
            self.unpaired += 1;
        }
        self.open_until = paragraph.end;
    }

    fn opens(&mut self, kind: Opener, m: &Mark, state: &mut InParagraph) {
        self.open = Some((kind, m.at, m.c.len_utf8()));
        state.single = None;
    }

    fn double_mark(&mut self, m: &Mark, state: &mut InParagraph) {
        let (c, prev, next) = (m.c, m.prev, m.next);
        // A closing double mark with no quote open, right after the end of a clause.
        let orphan_close = self.open.is_none()
            && !state.marks_before
            && state.single.is_none()
            && prev.is_some_and(|p| ",.!?…".contains(p))
            && !next.is_some_and(char::is_alphanumeric);
        state.marks_before = true;
        // `said ,”Our members…`: a closing glyph where a quote opens.
        let opens_word = next.is_some_and(char::is_alphanumeric)
            && prev.is_none_or(|p| p.is_whitespace() || ",:".contains(p));
        let open = self.open.map(|(kind, ..)| kind);
        match c {
            '“' if open == Some(Opener::Low) => self.close(m),
            // `…next round,“ said`: an opening glyph where a curly quote closes.
            '“' if open == Some(Opener::Curly)
                && prev.is_some_and(|p| ",.!?…".contains(p))
                && next.is_none_or(char::is_whitespace) =>
            {
                self.close(m)
            }
            // `“Some call it a “temporary” fix,” she said`: an opening mark inside a curly
            // quote is nested when two closing marks still follow in the paragraph;
            // otherwise the first quote lacks its closing mark.
            '“' if open == Some(Opener::Curly)
                && opens_here(prev)
                && m.s[m.in_paragraph + c.len_utf8()..]
                    .matches('”')
                    .nth(1)
                    .is_some() =>
            {
                state.nested += 1;
            }
            '”' if state.nested > 0 => state.nested -= 1,
            '“' | '„' | '«' => {
                if open.is_some() {
                    self.unpaired += 1;
                }
                let kind = match c {
                    '„' => Opener::Low,
                    '«' => Opener::Guillemet,
                    _ => Opener::Curly,
                };
                self.opens(kind, m, state);
            }
            '”' if open.is_some() && open != Some(Opener::Guillemet) => self.close(m),
            '»' if open == Some(Opener::Guillemet) => self.close(m),
            '"' if open == Some(Opener::Straight) => self.close(m),
            // `“…"`: a straight mark where a closing one stands closes a curly quote, and a
            // guillemet that no `»` closes later in the paragraph (`«…," he said`).
            '"' if matches!(open, Some(Opener::Curly | Opener::Low)) && !opens_here(prev) => {
                self.close(m)
            }
            '"' if open == Some(Opener::Guillemet)
                && !opens_here(prev)
                && !m.s[m.in_paragraph..].contains('»') =>
            {
                self.close(m)
            }
            '”' if open.is_none() && opens_word => {
                self.unpaired += 1;
                self.opens(Opener::Curly, m, state);
            }
            '”' | '»' | '"' if orphan_close => {
                self.unpaired += 1;
                let outer = Span::new(state.start, m.at + c.len_utf8());
                self.push(outer, Span::new(state.start, m.at));
            }
            '"' if open.is_none() && opens_here(prev) => self.opens(Opener::Straight, m, state),
            '”' | '»' | '"' => self.unpaired += 1,
            _ => {}
        }
    }

    /// Single quotes pair only outside double quotes; a closing mark between letters, or
    /// after a plural's `s`, is an apostrophe.
    fn single_mark(&mut self, m: &Mark, state: &mut InParagraph) {
        let (c, prev, next) = (m.c, m.prev, m.next);
        match c {
            '‘' | '\'' | '‹'
                if self.open.is_none()
                    && state.single.is_none()
                    && opens_here(prev)
                    && next.is_some_and(|n| n.is_alphanumeric()) =>
            {
                state.single = Some(m.at);
                state.marks_before = true;
            }
            '’' | '\'' | '›'
                if state.single.is_some()
                    && !next.is_some_and(char::is_alphanumeric)
                    && !prev.is_some_and(char::is_whitespace)
                    && !plural_possessive(m.s, m.in_paragraph, prev) =>
            {
                state.marks_before = true;
                if let Some(start) = state.single.take() {
                    let open_len = self.text[start..].chars().next().map_or(1, char::len_utf8);
                    let outer = Span::new(start, m.at + c.len_utf8());
                    self.push(outer, Span::new(start + open_len, m.at));
                }
            }
            // Apostrophes are not marks of a quote.
            '’' | '\'' | '›' => {}
            _ => state.marks_before = true,
        }
    }

    fn finish(mut self) -> (Vec<Marked>, usize) {
        self.end_open();
        self.found.sort_by_key(|m| m.outer);
        (self.found, self.unpaired)
    }
}

/// Splits a quote that a dash-set tag interrupts inside one pair of marks, as Russian
/// typography has it (`“We are ready, — Lindqvist wrote. — But the funds are late.”`),
/// into its two halves, leaving the tag between them. `is_tag` tells a tag (a short
/// clause with a speech verb) from a dash inside the quoted words.
pub fn split_interruptions(text: &str, marked: &mut Vec<Marked>, is_tag: impl Fn(&str) -> bool) {
    let mut i = 0;
    while i < marked.len() {
        let m = marked[i];
        if let Some((tag_start, tag_end)) = interruption(&text[m.inner.range()], &is_tag) {
            let (tag_start, tag_end) = (m.inner.start + tag_start, m.inner.start + tag_end);
            let first = Marked {
                outer: Span::new(m.outer.start, tag_start),
                inner: trim_inner(text, Span::new(m.inner.start, tag_start)),
            };
            let second = Marked {
                outer: Span::new(tag_end, m.outer.end),
                inner: Span::new(tag_end, m.inner.end).trim(text),
            };
            marked.splice(i..=i, [first, second]);
        }
        i += 1;
    }
}

/// The dashes around a tag inside quoted words: from the first dash (after `,`, `.`, `!`
/// or `?`) to the end of the second, which a capital letter follows.
fn interruption(quoted: &str, is_tag: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    // Both dashes are three bytes long, with a space either side.
    const DASHES: [&str; 2] = [" — ", " – "];
    const LEN: usize = 5;
    let first = DASHES.iter().filter_map(|d| quoted.find(d)).min()?;
    if !quoted[..first].ends_with([',', '.', '!', '?']) {
        return None;
    }
    let rest = &quoted[first + LEN..];
    let second = DASHES.iter().filter_map(|d| rest.find(d)).min()?;
    let tag = &rest[..second];
    let after = &rest[second + LEN..];
    (tag.split_whitespace().count() <= 8
        && tag.ends_with(['.', ',', ':'])
        && after.starts_with(char::is_uppercase)
        && is_tag(tag))
    .then_some((first, first + LEN + second + LEN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_set_tag_splits_its_quote() {
        let text =
            "“We are ready, — Lindqvist wrote. — But the funds are late.” “No, — not — yet.”";
        let (mut found, _) = find(text, &crate::segment::paragraphs(text));
        split_interruptions(text, &mut found, |tag| tag.contains("wrote"));
        let inner: Vec<&str> = found.iter().map(|m| &text[m.inner.range()]).collect();
        assert_eq!(
            inner,
            [
                "We are ready",
                "But the funds are late.",
                "No, — not — yet."
            ]
        );
        assert_eq!(
            &text[found[0].outer.end..found[1].outer.start],
            " — Lindqvist wrote. — "
        );
    }

    fn quotes(text: &str) -> (Vec<&str>, usize) {
        let paragraphs = crate::segment::paragraphs(text);
        let (found, unpaired) = find(text, &paragraphs);
        (
            found.iter().map(|m| &text[m.inner.range()]).collect(),
            unpaired,
        )
    }

    #[test]
    fn pairs_every_style() {
        assert_eq!(
            quotes("“One,” he said. \"Two\" and „Drei“ and «quatre» and ‘five’ in O’Brien’s States’ room."),
            (vec!["One", "Two", "Drei", "quatre", "five"], 0)
        );
    }

    #[test]
    fn quote_across_paragraphs_and_unpaired_marks() {
        let text =
            "“First part goes on.\n\n“Second part ends,” she said.\n\nStray ” mark and “ open.";
        let (found, unpaired) = quotes(text);
        // The last mark never closes: its quote ends with its paragraph.
        assert_eq!(found, ["First part goes on.\n\n“Second part ends", "open."]);
        assert_eq!(unpaired, 2);
    }

    #[test]
    fn curly_quotes_nest_in_curly_quotes() {
        assert_eq!(
            quotes("“Some call it a “temporary” fix, but it stayed,” she said. “Next,” he said."),
            (
                vec!["Some call it a “temporary” fix, but it stayed", "Next"],
                0
            )
        );
        // One closing mark left: the first quote lost its own.
        assert_eq!(
            quotes("“We start today. “Then we rest,” he said."),
            (vec!["Then we rest"], 1)
        );
    }

    #[test]
    fn straight_and_curly_marks_close_each_other() {
        assert_eq!(
            quotes("“Curly then straight,\" he said. \"Straight then curly,” she said."),
            (vec!["Curly then straight", "Straight then curly"], 0)
        );
    }

    #[test]
    fn a_missing_mark_is_recovered_within_its_paragraph() {
        let text = "“No closing mark here, she said.\n\nThe next paragraph is narrative.\n\nNo opening mark,” he said, and left.";
        let (found, unpaired) = quotes(text);
        assert_eq!(
            found,
            ["No closing mark here, she said.", "No opening mark"]
        );
        assert_eq!(unpaired, 2);
        // A closing mark after other marks of its paragraph, or not after punctuation,
        // opens nothing.
        assert_eq!(
            quotes("A “quoted” word and a stray” mark."),
            (vec!["quoted"], 1)
        );
        assert_eq!(quotes("A stray ” mark."), (vec![], 1));
    }
}
