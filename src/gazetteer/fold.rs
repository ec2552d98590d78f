//! Folding text into a word stream for matching, with a map back to the original bytes.
//!
//! Folding lower-cases (full Unicode), removes combining marks after canonical
//! decomposition (`Chișinău` → `chisinau`, `TÜRKIYE` → `turkiye`), spells out letters that
//! do not decompose (`ß` → `ss`, `ø` → `o`, `đ` → `d`, `ł` → `l`, `ı` → `i`), and turns every
//! run of characters that are not letters or digits (spaces, punctuation, apostrophes,
//! dashes, line breaks) into one space. The result starts and ends with a space, so a
//! folded name `" osce pa "` found in a folded text always starts and ends on word
//! boundaries: `Serbian` does not contain ` serbia `, and `Kazakhstan’s` contains
//! ` kazakhstan `.
//!
//! Runs of ASCII letters, digits and single spaces (found by `scan::identity_run`) are
//! copied lower-cased; only other characters are decoded. Instead of one offset per byte, the map keeps a checkpoint
//! wherever the distance between folded and original offsets changes, which is once per
//! punctuation run or accented letter, not once per byte.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded text and its checkpoints back to the original.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    /// `(folded offset, original offset)`, sorted; offsets between two checkpoints move
    /// together.
    checkpoints: Vec<(u32, u32)>,
}

impl Folded {
    /// Byte offset in the original text of the folded byte `at`, which must start a word
    /// or a separator (every match boundary does).
    pub fn original(&self, at: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(f, _)| f as usize <= at);
        let (f, o) = self.checkpoints[i - 1];
        o as usize + (at - f as usize)
    }
}

fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        // Final sigma folds like sigma, as in Unicode case folding.
        'ς' => "σ",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        'ð' | 'Ð' => "d",
        _ => return None,
    })
}

/// Folds `text` into a word stream (see the module header).
pub fn fold(text: &str) -> Folded {
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + 2);
    let mut checkpoints = vec![(0u32, 0u32)];
    // The leading space stands before the first character.
    out.push(b' ');
    // `synced`: the next identity byte continues the last checkpoint's offset.
    let mut synced = false;
    let mut i = 0;
    while i < bytes.len() {
        let run = crate::scan::identity_run(&bytes[i..], out.last() == Some(&b' '));
        if run > 0 {
            if !synced {
                checkpoint(&mut checkpoints, out.len(), i);
                synced = true;
            }
            out.extend(bytes[i..i + run].iter().map(|&b| b | 0x20));
            i += run;
            continue;
        }
        let (c, len) = if bytes[i] < 0x80 {
            (bytes[i] as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        };
        match classify(c) {
            FoldClass::Mark => {
                // A mark of the letter before it (decomposed input): it folds to nothing.
                synced = false;
            }
            FoldClass::Separator => {
                if out.last() == Some(&b' ') {
                    synced = false; // a longer run: the next word needs a checkpoint
                } else {
                    checkpoint(&mut checkpoints, out.len(), i);
                    out.push(b' ');
                    // A one-byte separator keeps folded and original offsets in step.
                    synced = len == 1;
                }
            }
            FoldClass::Letter => {
                checkpoint(&mut checkpoints, out.len(), i);
                push_folded(&mut out, c);
                synced = false;
            }
        }
        i += len;
    }
    if out.last() != Some(&b' ') {
        checkpoint(&mut checkpoints, out.len(), bytes.len());
        out.push(b' ');
    }
    // Every byte pushed is ASCII or a whole folded character.
    let text = String::from_utf8(out).unwrap_or_default();
    Folded { text, checkpoints }
}

/// What a character folds to.
#[derive(Debug, Clone, Copy)]
enum FoldClass {
    /// A combining mark: nothing.
    Mark,
    /// Not a letter or digit: a space.
    Separator,
    /// A letter or digit: itself, lower-cased and without its marks.
    Letter,
}

fn classify(c: char) -> FoldClass {
    if is_combining_mark(c) {
        FoldClass::Mark
    } else if c.is_alphanumeric() {
        FoldClass::Letter
    } else {
        FoldClass::Separator
    }
}

fn checkpoint(checkpoints: &mut Vec<(u32, u32)>, folded: usize, original: usize) {
    let &(f, o) = checkpoints.last().expect("fold starts with a checkpoint");
    if o as usize + (folded - f as usize) != original {
        checkpoints.push((folded as u32, original as u32));
    }
}

fn push_folded(out: &mut Vec<u8>, c: char) {
    let mut buf = [0u8; 4];
    if let Some(s) = special(c) {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if !is_combining_mark(d) {
                out.extend_from_slice(d.encode_utf8(&mut buf).as_bytes());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        let f = |s: &str| fold(s).text;
        assert_eq!(f("TÜRKIYE"), " turkiye ");
        assert_eq!(f("Chișinău"), " chisinau ");
        assert_eq!(f("Prishtinë/Priština"), " prishtine pristina ");
        assert_eq!(f("Đakovica  Łódź Straße"), " dakovica lodz strasse ");
        assert_eq!(f("General’s – office."), " general s office ");
        assert_eq!(f("Tu\u{308}rkiye"), " turkiye ", "decomposed input");
        assert_eq!(f(""), " ");
        assert_eq!(f("ΟΔΥΣΣΕΥΣ Οδυσσεύς"), " οδυσσευσ οδυσσευσ ");
    }

    #[test]
    fn map_points_back_into_the_original() {
        let text = "Visit  Chișinău\n\nand TÜRKIYE’s Straße-x";
        let folded = fold(text);
        assert_eq!(folded.text, " visit chisinau and turkiye s strasse x ");
        for word in ["chisinau", "turkiye", "visit", "strasse", "x"] {
            let at = folded.text.find(&format!(" {word} ")).unwrap() + 1;
            let (s, e) = (folded.original(at), folded.original(at + word.len()));
            let original = &text[s..e];
            assert_eq!(fold(original).text.trim(), word, "{original:?}");
        }
    }
}
