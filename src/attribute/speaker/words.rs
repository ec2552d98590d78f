//! The small word lists and one-word predicates the speaker parser shares: name particles,
//! determiners, connectors, verbs, acronyms, agent nouns, plurals, possessives and the
//! openers of a fronted phrase. Lists that linguists edit live in `data/`
//! ([`crate::attribute::lexicon`]); these are the closed classes the rules are written
//! around.

use crate::attribute::lexicon::{WordKind, LEXICON};

pub(super) const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "da", "di", "du", "la", "le", "ter", "bin", "al", "el",
];
/// Words that open an unnamed speaker's noun phrase; a possessive makes a new speaker
/// too (`his spokesman added` is not the person `his` refers to).
pub(super) const DETERMINERS: &[&str] = &[
    "one", "a", "an", "another", "several", "some", "many", "two", "three", "his", "her", "its",
    "their",
];

pub(super) const ROLE_CONNECTORS: &[&str] =
    &["of", "the", "at", "in", "to", "for", "on", "and", "under"];

/// Past tenses that do not end in `-ed`, for telling a clause from a description.
pub(super) const IRREGULAR_PAST: &[&str] = &[
    "held", "met", "made", "gave", "took", "spoke", "went", "came", "led", "left", "sent",
    "brought", "found", "set", "put", "saw", "began", "won", "lost", "wrote", "told", "read",
];

/// Capitalised words that open sentences, shared with the segmenter.
pub(super) use crate::data::SENTENCE_OPENERS as OPENERS;

/// A speech verb, an auxiliary or a modal: a phrase that holds one is a clause (`has
/// refused to answer`, `will visit Kyiv`), never a role or an organization's name.
pub(super) fn is_verb_word(word: &str) -> bool {
    // All of them are written in lower case; most words of a role are capitalised.
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && (matches!(
            word,
            "will"
                | "would"
                | "shall"
                | "should"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "were"
                | "are"
                | "did"
                | "does"
        ) || LEXICON.is_verb(word))
}

/// A lower-case noun for someone's work: `reporter`, `lawyer`, `correspondent`,
/// `journalist`; not a verb (`works`).
pub(super) fn agent_noun(word: &str) -> bool {
    word.starts_with(char::is_lowercase)
        && (LEXICON.kind(word).is_some()
            || ["er", "or", "ist", "ant", "ent"]
                .iter()
                .any(|end| word.ends_with(end)))
}

/// `UNDP`, `RFE/RL`, `OSCE`, `CoES`: two or more capitals, with `/` or `-` between them.
pub(super) fn is_acronym(word: &str) -> bool {
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let lower = word.chars().filter(char::is_ascii_lowercase).count();
    // `CoES`, `CoE`: a few lower-case letters inside, never at the ends (`McDonald`).
    let ends_upper = word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.ends_with(|c: char| c.is_ascii_uppercase());
    upper >= 2
        && (lower == 0 || ends_upper && lower < upper)
        && word
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '-' | '&'))
}

/// A listed role noun written with a capital, as it opens a sentence or a name
/// (`Sociologist Anahit Mkrtchyan`, `Participant Maral Gurbanova`).
pub(super) fn role_noun(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && LEXICON.kind(word).is_none()
        && LEXICON.kind(&word.to_lowercase()) == Some(WordKind::Unnamed)
}

/// A word for a country's territorial unit: `Canton`, `region`, `oblast`, `district`.
pub(super) fn territory(word: &str) -> bool {
    [
        "canton", "region", "oblast", "province", "district", "county", "raion",
    ]
    .iter()
    .any(|t| t.eq_ignore_ascii_case(word))
}

/// `Agency’s` → `Agency`.
pub(super) fn without_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

pub(super) fn singular_of(noun: &str) -> String {
    if let Some(stem) = noun.strip_suffix("men") {
        format!("{stem}man")
    } else if let Some(stem) = noun.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        noun.strip_suffix('s').unwrap_or(noun).to_string()
    }
}

/// `trainees` → `trainee`, `women` → `woman`, `activities` → `activity`.
/// A listed title or role noun in the plural: `rapporteurs`, `Co-Chairs`.
pub(super) fn plural_title(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && matches!(
            LEXICON.kind(&singular_of(word)),
            Some(WordKind::Title | WordKind::Unnamed)
        )
}

/// Whether `word` also stands in `text` in lower case, as a whole word: a common noun
/// capitalised at a sentence's start, not a surname.
pub(super) fn written_in_lower_case(text: &str, word: &str) -> bool {
    let lower = word.to_lowercase();
    text.match_indices(lower.as_str()).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether a phrase that opens with `first` and `second` opens with a fronted phrase
/// before its subject: `In a letter to the minister, …`, `Speaking at the opening, …`
/// (a participle before a lower-case word; `Henning Asmussen` is a name).
pub(super) fn fronts(first: &str, second: &str) -> bool {
    const FRONTING: &[&str] = &[
        "In",
        "At",
        "On",
        "During",
        "After",
        "Before",
        "Under",
        "Following",
        "Today",
        "Later",
        "Earlier",
        "Separately",
        "Meanwhile",
        "However",
        "Also",
        "Back",
        "Inside",
        "Outside",
        "Now",
        "Then",
        "Since",
        "Despite",
        "While",
        "When",
        "With",
        "Without",
        "Across",
        "Throughout",
        "Last",
        "This",
        "Next",
        // `Asked about the region, the Minister said`.
        "Asked",
        "Pressed",
        "Questioned",
        "Reached",
        "Contacted",
    ];
    // `Later, the Minister said`: the word may carry the phrase's comma.
    let first = first.trim_end_matches(',');
    // `According to Name, …` names a person instead.
    let participle = first.len() > 4
        && first != "According"
        && first.ends_with("ing")
        && first.starts_with(char::is_uppercase)
        && second.starts_with(char::is_lowercase);
    FRONTING.contains(&first) || participle
}

/// A rank or an honorific: `Ambassador`, `Colonel`, `Dr.`, `Ms`.
pub(super) fn is_rank(word: &str) -> bool {
    matches!(
        LEXICON.kind(word),
        Some(WordKind::Rank | WordKind::Honorific(_))
    )
}
