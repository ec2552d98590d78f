//! Reported speech: statements made without quotation marks, found by the shape of the
//! sentence around a reporting verb (`data/reporting_verbs.tsv`).
//!
//! [`find`] reads each sentence of a window and gives a [`Reported`] for each statement:
//! the content span, where its speaker is named, the verb and the cue. The forms, by cue:
//! - `reported_that`: `Name[, role,] stressed that …` (also `said in a statement on
//!   Monday that …`); the content starts after `that`;
//! - `reported_clause`: `Name said the law was ready` (only for `say` verbs, and only when
//!   what follows reads as a clause);
//! - `reported_tag`: the verb after the content, `…, the Minister said.`, `…, said Name.`,
//!   or inside it, `Criminal groups, she warned, increasingly use …`;
//! - `according_to`: `According to Name, …` and `…, according to Name.`;
//! - `reported_call`: `Name urged the parties to …`; the content is addressee and clause;
//! - `reported_object`: `Name called for …`, `expressed concern over …`, `stressed the
//!   importance of …`, and `welcomed …` when its object is a decision, step or text;
//! - `reported_participle`: `…, adding that …`, said by whoever spoke just before in the
//!   sentence.
//!
//! Left out: sentences inside quotation marks, questions, a verb after a negation, a modal
//! or a passive auxiliary (`did not say`, `would argue`, `It was noted that`), and content
//! that overlaps a quotation the quote cues attribute (`“…,” she said`). Who the speaker is
//! is not decided here: the phrase goes to the same speaker parser as a quote's.

use super::lexicon::{Frame, LEXICON};
use super::marks::Marked;
use super::speaker::Order;
use super::Cue;
use crate::segment::Sentence;
use crate::span::Span;

/// Where the speaker of a reported statement is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpeakerAt {
    /// In this phrase, before or after its verb.
    Phrase(Span, Order),
    /// `…, adding that`: whoever made the statement before it in the sentence, else the
    /// sentence's subject.
    Previous,
}

/// One reported statement, before its speaker is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reported {
    pub(super) sentence: usize,
    /// The reported words: the clause after the verb, without `that` and the final stop.
    pub(super) content: Span,
    pub(super) speaker: SpeakerAt,
    /// The verb as written; none for `according to`.
    pub(super) verb: Option<Span>,
    pub(super) cue: Cue,
}

impl Reported {
    /// Where the statement starts: its speaker phrase or its content, whichever is first.
    pub(super) fn starts(&self) -> usize {
        match self.speaker {
            SpeakerAt::Phrase(p, _) => p.start.min(self.content.start),
            SpeakerAt::Previous => self.content.start,
        }
    }
}

/// Words that, right before a reporting verb, make it no statement: negations, modals,
/// passives, infinitives.
const NOT_STATED: &[&str] = &[
    "not", "never", "would", "could", "might", "may", "should", "will", "shall", "cannot", "can",
    "must", "did", "does", "do", "to", "was", "were", "is", "are", "be", "been", "being", "if",
    "whether", "who", "which",
];

/// Words whose presence early in a clause shows a finite verb, so that `said the law
/// was ready` reads as a clause and `added two new modules` does not.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "should",
    "must", "may", "might", "did", "does", "remains", "remained", "needs", "needed", "came",
    "went", "made", "took", "gave", "saw", "knew", "found", "became", "began", "got", "felt",
    "kept", "held", "brought", "thought", "grew", "fell", "met", "left",
];

/// Pronouns and words that open a clause after `said`: `said he hoped …`.
const CLAUSE_OPENERS: &[&str] = &["he", "she", "they", "it", "we", "i", "this", "there"];

/// Words after `said` that open a phrase, not a clause: `said in a statement`.
const NOT_CLAUSE: &[&str] = &[
    "in", "on", "at", "during", "after", "before", "that", "to", "by", "with", "for", "from",
    "about", "of", "as", "while", "when", "so", "and", "but", "or",
];

/// The reported statements of a window, in text order.
pub(super) fn find(text: &str, sentences: &[Sentence], marked: &[Marked]) -> Vec<Reported> {
    let mut found = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let raw = text[s.span.range()].trim_end();
        if raw.ends_with('?') || raw.len() < 12 {
            continue;
        }
        let sentence = Sentence {
            span: Span::new(s.span.start, s.span.start + raw.len()),
            paragraph: s.paragraph,
        };
        let first = found.len();
        let according = in_sentence(text, i, &sentence, marked, &mut found);
        if according && found.len() == first {
            if let Some(r) = according_to(text, i, &sentence) {
                found.push(r);
            }
        }
    }
    found.retain(|r: &Reported| {
        let words = text[r.content.range()].split_whitespace().count();
        words >= 2 && !marked.iter().any(|m| quote_not_within(m, r.content))
    });
    found
}

/// A quotation that overlaps `content` without lying inside it: the statement is the
/// quote's, found by the quote cues.
fn quote_not_within(m: &Marked, content: Span) -> bool {
    m.outer.overlaps(content) && !content.contains(m.outer)
}

/// The statements a reporting verb opens in one sentence; true when the sentence also
/// holds `according to`, which [`according_to`] reads.
fn in_sentence(
    text: &str,
    i: usize,
    sentence: &Sentence,
    marked: &[Marked],
    found: &mut Vec<Reported>,
) -> bool {
    let span = sentence.span;
    let raw = &text[span.range()];
    let (according, hits): (Vec<_>, Vec<_>) = LEXICON
        .reporting_in(raw)
        .into_iter()
        .partition(|&(_, _, frame)| frame == Frame::According);
    let first = found.len();
    for (k, &(a, b, frame)) in hits.iter().enumerate() {
        let (at, end) = (span.start + a, span.start + b);
        if inside_quote(marked, at) || !stated(&raw[..a]) {
            continue;
        }
        let verb = Span::new(at, end);
        let participle = raw[a..b]
            .split(' ')
            .next()
            .is_some_and(|w| w.ends_with("ing"));
        let lead = raw[..a].trim_end();
        let before_comma = lead.ends_with(',');
        // `…, and called on …`: a second verb of the same subject.
        let coordinated = lead.ends_with(" and");
        let mut continues = participle && before_comma || coordinated;
        // A statement already found runs to the sentence's end; only a participle after a
        // comma or a verb after `and` starts another one inside it.
        if let Some(last) = found[first..].last_mut() {
            if last.content.end > at {
                if !(continues || coordinated) {
                    continue;
                }
                continues = true;
                let cut = lead.strip_suffix(" and").unwrap_or(lead);
                // `called for and urged …` leaves the first verb no content at all.
                let cut = (span.start + cut.trim_end_matches(',').len()).max(last.content.start);
                last.content = trimmed(text, Span::new(last.content.start, cut));
            }
        }
        if participle && !before_comma {
            continue;
        }
        let later = hits.get(k + 1).map(|&(a, _, _)| span.start + a);
        let content = match frame {
            Frame::Say | Frame::That => that_clause(text, verb, span.end, later).or_else(|| {
                (frame == Frame::Say)
                    .then(|| bare_clause(text, verb, span.end))
                    .flatten()
            }),
            Frame::Call => call_clause(text, verb, span.end),
            Frame::Object => object(text, verb, span.end, false),
            Frame::Welcome => object(text, verb, span.end, true),
            // Set apart before the loop.
            Frame::According => None,
        };
        let cue = match (frame, content) {
            (_, None) => None,
            _ if participle && continues => Some(Cue::ReportedParticiple),
            (Frame::Say | Frame::That, Some(c)) if text[verb.end..c.start].contains("that") => {
                Some(Cue::ReportedThat)
            }
            (Frame::Say | Frame::That, Some(_)) => Some(Cue::ReportedClause),
            (Frame::Call, _) => Some(Cue::ReportedCall),
            (Frame::Object | Frame::Welcome, _) => Some(Cue::ReportedObject),
            (Frame::According, _) => None,
        };
        if let (Some(content), Some(cue)) = (content, cue) {
            let speaker = if continues {
                SpeakerAt::Previous
            } else {
                let from = phrase_start(text, span, marked, at);
                if text[from..at].trim().is_empty() || has_own_verb(&text[from..at]) {
                    continue;
                }
                SpeakerAt::Phrase(Span::new(from, at), Order::SpeakerFirst)
            };
            found.push(Reported {
                sentence: i,
                content,
                speaker,
                verb: Some(verb),
                cue,
            });
        } else if matches!(frame, Frame::Say | Frame::That) && !participle {
            if let Some(r) = tag(text, i, span, verb) {
                found.push(r);
            }
        }
    }
    !according.is_empty()
}

/// Whether a speaker phrase holds a verb of its own (`The Office handed over five
/// reception points to …`): then the reporting word is no verb of a speaker. Participles
/// that belong to titles (`newly appointed`, `Vienna-based`) do not count.
fn has_own_verb(phrase: &str) -> bool {
    // A relative clause or an apposition between commas (`Name, who has faced four suits,
    // said`) describes the speaker; only the words outside them are read.
    let outside = match (phrase.find(','), phrase.rfind(',')) {
        (Some(first), Some(last)) => format!("{} {}", &phrase[..first], &phrase[last + 1..]),
        _ => phrase.to_string(),
    };
    let words: Vec<&str> = outside.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        let relative = words[i.saturating_sub(4)..i]
            .iter()
            .any(|p| matches!(*p, "who" | "which" | "whose" | "that"));
        w.len() > 4
            && !relative
            && w.starts_with(char::is_lowercase)
            && w.ends_with("ed")
            && !w.contains('-')
            && !matches!(
                *w,
                "appointed" | "elected" | "designated" | "retired" | "united"
            )
    })
}

/// Whether a verb after `before` states something: not after a negation, a modal, a
/// passive auxiliary or `to`.
fn stated(before: &str) -> bool {
    let previous = before.split_whitespace().next_back().unwrap_or("");
    let lower = previous.to_lowercase();
    !(NOT_STATED.contains(&lower.as_str()) || lower.ends_with("n't") || lower.ends_with("n’t"))
}

fn inside_quote(marked: &[Marked], at: usize) -> bool {
    let i = marked.partition_point(|m| m.outer.start <= at);
    marked[..i].iter().rev().take(4).any(|m| m.outer.end > at)
}

/// The speaker phrase of a verb at `at` starts at the sentence's start, or after the
/// last quotation that closes before it in the sentence.
fn phrase_start(text: &str, sentence: Span, marked: &[Marked], at: usize) -> usize {
    // Only a quoted sentence with its own attribution (`“…,” Lund said`), not a quoted
    // name (`the International Center “La Strada”, said`).
    let tagged = |m: &&Marked| {
        text[..m.outer.end]
            .trim_end_matches(super::marks::is_mark)
            .ends_with([',', '.', '!', '?', '…'])
    };
    let from = marked
        .iter()
        .filter(|m| m.outer.end <= at && m.outer.end > sentence.start)
        .filter(tagged)
        .map(|m| m.outer.end)
        .max()
        .unwrap_or(sentence.start);
    // `“…,” Lund said, and …`: the phrase after the quote starts after its tag's comma.
    let tail = &text[from..at];
    match tail.rfind(", ") {
        Some(c) if from > sentence.start => from + c + 2,
        _ => from,
    }
}

/// Leading spaces and the trailing stop, comma, colon or semicolon left out.
fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let kept =
        s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '…'));
    Span::new(span.start + lead, span.start + kept.len().max(lead))
}

/// `said [in a statement on Monday] that …`: the clause after `that`, when no more than
/// twelve words and no other reporting verb stand between.
fn that_clause(text: &str, verb: Span, end: usize, later: Option<usize>) -> Option<Span> {
    let after = &text[verb.end..end];
    let mut offset = 0;
    for (n, word) in after.split(' ').enumerate() {
        if n > 12 || word.contains(['“', '"', '«', ':', ';']) {
            return None;
        }
        if word == "that" {
            let start = verb.end + offset + word.len();
            if later.is_some_and(|l| l < start) {
                return None;
            }
            return Some(trimmed(text, Span::new(start, end)));
        }
        offset += word.len() + 1;
    }
    None
}

/// `said the law was ready`, `said he hoped …`: a clause with no `that` right after a
/// `say` verb, when it opens with a pronoun or shows a finite verb within its first words.
fn bare_clause(text: &str, verb: Span, end: usize) -> Option<Span> {
    let after = &text[verb.end..end];
    let words: Vec<&str> = after.split_whitespace().take(10).collect();
    let first = words.first()?.to_lowercase();
    if !after.starts_with(' ') || NOT_CLAUSE.contains(&first.as_str()) {
        return None;
    }
    let first_capital = words[0].starts_with(char::is_uppercase);
    fn bare<'w>(w: &&'w str) -> &'w str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    // `said the Ministry planned to …`: a past tense after the subject's first words.
    let past = |(i, w): (usize, &&str)| i >= 2 && bare(w).ends_with("ed") && bare(w).len() > 4;
    let clause = CLAUSE_OPENERS.contains(&first.as_str())
        || words[1..].iter().any(|w| FINITE.contains(&bare(w)))
        || words.iter().enumerate().take(6).any(past);
    (clause && (first_capital || first.chars().all(char::is_alphabetic)))
        .then(|| trimmed(text, Span::new(verb.end, end)))
}

/// `urged the parties to resume talks`: addressee and to-clause, when `to` follows within
/// twelve words.
fn call_clause(text: &str, verb: Span, end: usize) -> Option<Span> {
    let after = &text[verb.end..end];
    let to = after.split_whitespace().take(13).any(|w| w == "to");
    to.then(|| trimmed(text, Span::new(verb.end, end)))
}

/// `called for an inquiry`, `expressed concern over the bill`: the object, without a
/// leading preposition; for `welcomed`, only an object that names a decision, step or
/// text within its first words.
fn object(text: &str, verb: Span, end: usize, welcome: bool) -> Option<Span> {
    let after = &text[verb.end..end];
    let rest = after.trim_start();
    let skip = [
        "about ",
        "over ",
        "at ",
        "regarding ",
        "that ",
        "with ",
        "on ",
    ]
    .iter()
    .find(|p| rest.starts_with(**p))
    .map_or(0, |p| p.len());
    let start = verb.end + (after.len() - rest.len()) + skip;
    if welcome {
        let head = text[start..end].split(',').next().unwrap_or("");
        let names_step = head.split_whitespace().take(6).any(|w| {
            LEXICON
                .welcomed
                .contains(w.trim_end_matches([',', '.', ';']))
        });
        if !names_step {
            return None;
        }
    }
    Some(trimmed(text, Span::new(start, end)))
}

/// The verb after the content: `…, the Minister said.`, `…, said Name, role.`, or inside
/// it, `Criminal groups, she warned, increasingly use …`.
fn tag(text: &str, i: usize, sentence: Span, verb: Span) -> Option<Reported> {
    let head = &text[sentence.start..verb.start];
    let comma = head.rfind(", ")?;
    let between = &head[comma + 2..];
    let after = &text[verb.end..sentence.end];
    let (speaker, parenthetical) = if between.trim().is_empty() {
        // `…, said Name[, role]`: the rest of the sentence names the speaker.
        if after.contains(" that ") || after.contains(':') {
            return None;
        }
        let phrase = trimmed(text, Span::new(verb.end, sentence.end));
        (SpeakerAt::Phrase(phrase, Order::VerbFirst), false)
    } else {
        let words = between.split_whitespace().count();
        let rest: Vec<&str> = after.split_whitespace().collect();
        let parenthetical = after.starts_with(", ");
        // `At the press conference, Keane said:` leads in to a quotation.
        if words > 8
            || after.contains(':')
            || !parenthetical && (rest.len() > 8 || rest.contains(&"that"))
        {
            return None;
        }
        let phrase = Span::new(sentence.start + comma + 2, verb.start);
        (
            SpeakerAt::Phrase(phrase, Order::SpeakerFirst),
            parenthetical,
        )
    };
    let content_end = if parenthetical {
        sentence.end
    } else {
        sentence.start + comma
    };
    let content = trimmed(text, Span::new(sentence.start, content_end));
    (text[content.range()].split_whitespace().count() >= 3).then_some(Reported {
        sentence: i,
        content,
        speaker,
        verb: Some(verb),
        cue: Cue::ReportedTag,
    })
}

/// `According to Name, …` and `…, according to Name.`
fn according_to(text: &str, i: usize, sentence: &Sentence) -> Option<Reported> {
    let span = sentence.span;
    let raw = &text[span.range()];
    let reported = |content: Span, phrase: Span| Reported {
        sentence: i,
        content: trimmed(text, content),
        speaker: SpeakerAt::Phrase(trimmed(text, phrase), Order::VerbFirst),
        verb: None,
        cue: Cue::AccordingTo,
    };
    if let Some(rest) = raw.strip_prefix("According to ") {
        let mut comma = rest.find(", ")?;
        // `According to Name, a lawyer from the town, …`: the apposition is the speaker's.
        let next = &rest[comma + 2..];
        if let Some(end) = next.find(", ") {
            let apposition = next
                .split(' ')
                .next()
                .is_some_and(|w| matches!(w, "a" | "an" | "the") || LEXICON.title(w).is_some());
            if apposition && next[..end].split_whitespace().count() <= 10 {
                comma += 2 + end;
            }
        }
        if rest[..comma].split_whitespace().count() > 12 {
            return None;
        }
        let from = span.start + "According to ".len();
        return Some(reported(
            Span::new(from + comma + 2, span.end),
            Span::new(from, from + comma),
        ));
    }
    let at = raw.rfind(", according to ")?;
    let from = span.start + at + ", according to ".len();
    let phrase_end = text[from..span.end]
        .find(", ")
        .map_or(span.end, |c| from + c);
    Some(reported(
        Span::new(span.start, span.start + at),
        Span::new(from, phrase_end),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statements of one sentence: (cue, content, speaker phrase or `previous`).
    fn statements(text: &str) -> Vec<(String, String, String)> {
        let sentences = [Sentence {
            span: Span::new(0, text.len()),
            paragraph: 0,
        }];
        find(text, &sentences, &[])
            .into_iter()
            .map(|r| {
                let speaker = match r.speaker {
                    SpeakerAt::Phrase(p, _) => text[p.range()].trim().to_string(),
                    SpeakerAt::Previous => "previous".to_string(),
                };
                (
                    r.cue.as_str().to_string(),
                    text[r.content.range()].to_string(),
                    speaker,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, String, String) {
        let mut all = statements(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn that_clauses_start_after_that() {
        let (cue, content, speaker) =
            one("The Head of Mission stressed in her remarks that the reform must be inclusive.");
        assert_eq!(cue, "reported_that");
        assert_eq!(content, "the reform must be inclusive");
        assert_eq!(speaker, "The Head of Mission");
    }

    #[test]
    fn a_participle_splits_the_sentence() {
        let all = statements(
            "Ana Lund said that the office would reopen, adding that staff had been hired.",
        );
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[0].1, "the office would reopen");
        assert_eq!(all[1].1, "staff had been hired");
        assert_eq!(all[1].2, "previous");
    }

    #[test]
    fn a_second_verb_after_and_has_the_same_speaker() {
        let all = statements(
            "The Representative condemned the attack on the reporter and called on the police to find those responsible.",
        );
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!(all[0].1, "the attack on the reporter");
        assert_eq!(all[1].1, "the police to find those responsible");
        assert_eq!(
            (all[1].0.as_str(), all[1].2.as_str()),
            ("reported_call", "previous")
        );
    }

    /// A second verb right after the first leaves nothing to the first: no reversed span.
    #[test]
    fn a_verb_right_after_another_cuts_nothing_backwards() {
        for text in [
            "Lund called for and urged the parties to talk.",
            "Lund expressed concern about, adding that the talks stalled.",
        ] {
            for r in find(
                text,
                &[Sentence {
                    span: Span::new(0, text.len()),
                    paragraph: 0,
                }],
                &[],
            ) {
                assert!(r.content.start <= r.content.end, "{text}: {r:?}");
            }
        }
    }

    #[test]
    fn bare_clauses_need_a_finite_verb() {
        assert_eq!(
            one("Lund said the new law was a first step.").1,
            "the new law was a first step"
        );
        assert!(statements("The Mission added two new modules to the course.").is_empty());
        assert!(statements("Lund said on Monday.").is_empty());
    }

    #[test]
    fn tags_after_the_content() {
        let (cue, content, speaker) =
            one("Prices have nearly tripled since last year, the Representative told reporters.");
        assert_eq!(cue, "reported_tag");
        assert_eq!(content, "Prices have nearly tripled since last year");
        assert_eq!(speaker, "the Representative");
        let (_, content, speaker) =
            one("Few offices answer in both languages, said Mira Holm, head of the office.");
        assert_eq!(content, "Few offices answer in both languages");
        assert_eq!(speaker, "Mira Holm, head of the office");
    }

    #[test]
    fn calls_objects_and_welcomes() {
        let (cue, content, _) =
            one("Ambassador Lund urged the authorities to release the two reporters.");
        assert_eq!(cue, "reported_call");
        assert_eq!(content, "the authorities to release the two reporters");
        let (cue, content, _) =
            one("The Representative expressed concern over the draft law on media.");
        assert_eq!(cue, "reported_object");
        assert_eq!(content, "the draft law on media");
        assert_eq!(
            one("The Mission welcomed the adoption of the strategy.").1,
            "the adoption of the strategy"
        );
        assert!(statements("The Ambassador welcomed the participants to Vienna.").is_empty());
        assert!(statements("The Ambassador called on the Mayor in the afternoon.").is_empty());
        assert!(statements(
            "The Office handed over five reception points to the Ministry to help it."
        )
        .is_empty());
        assert!(statements("At the press conference in Chisinau, Keane said:").is_empty());
    }

    #[test]
    fn according_to_either_side() {
        let (cue, content, speaker) = one("According to the Mission, the count ended on time.");
        assert_eq!(
            (cue.as_str(), content.as_str()),
            ("according_to", "the count ended on time")
        );
        assert_eq!(speaker, "the Mission");
        let (_, content, speaker) =
            one("According to Ana Lund, a lawyer from the town, the count ended on time.");
        assert_eq!(content, "the count ended on time");
        assert_eq!(speaker, "Ana Lund, a lawyer from the town");
        let (_, content, speaker) = one("The count ended on time, according to the Mission.");
        assert_eq!(
            (content.as_str(), speaker.as_str()),
            ("The count ended on time", "the Mission")
        );
    }

    #[test]
    fn negations_modals_passives_and_questions_are_not_statements() {
        for text in [
            "The Minister did not say that the law would change.",
            "The Minister would argue that the law is fine.",
            "It was noted that the law would change.",
            "Did the Minister say that the law would change?",
        ] {
            assert!(statements(text).is_empty(), "{text}");
        }
    }
}
