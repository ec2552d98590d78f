//! A speaker phrase (`Deputy Head of the OSCE Programme Office in Astana Yuri Fenopetov`,
//! `Jovana Marković, Head of the Media Department,`, `she`, `the Mission`, `one
//! participant`) → a [`Speaker`], by the first of [`RULES`] that answers.
//!
//! A cue hands over the span of the phrase and where its verb stands ([`Order`]); the
//! rules look at its tokens ([`tokens()`]), the article's mentions and the people met so
//! far ([`Context`]). Names are runs of capitalised words ([`names`]); roles come from the
//! title before the name or the apposition after it ([`titles`]) and split into role and
//! organization ([`role`]). The narrative is read for people by [`introductions`] and
//! [`subject()`], called by the discourse model and the narrative cues; this module does
//! not decide where a phrase stands.

mod earlier;
mod names;
mod narrative;
mod org;
mod organization;
mod person;
mod role;
mod subject;
mod titles;
mod tokens;
mod unnamed;
mod words;

use std::ops::ControlFlow;

use super::Speaker;
use crate::gazetteer::{EntityRef, EntityType, Gazetteer, Match};
use crate::span::Span;
pub(super) use narrative::introductions;
use role::{split_role, RoleSplit};
pub(super) use subject::subject;
use tokens::{tokens, Token};
use words::fronts;

/// The role column of every person in the gazetteers, split once into role, organization
/// and the organization's entry (the same split as a role phrase in text).
pub struct PersonRoles(Vec<Option<RoleSplit>>);

impl PersonRoles {
    pub fn new(gazetteer: &Gazetteer) -> PersonRoles {
        PersonRoles(
            (0..gazetteer.len())
                .map(|i| {
                    let e = gazetteer.entity(EntityRef(i as u32));
                    let role = e.role.as_deref().filter(|_| e.kind == EntityType::Person)?;
                    Some(split_role(gazetteer, (&[], &[]), role, None))
                })
                .collect(),
        )
    }

    fn of(&self, entity: EntityRef) -> Option<&RoleSplit> {
        self.0.get(entity.0 as usize)?.as_ref()
    }
}

/// Where the name sits relative to its speech verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// `said Name, role`: the first name chunk names the speaker.
    VerbFirst,
    /// `Name, role, said`: the last name chunk names the speaker.
    SpeakerFirst,
}

/// How the speaker was identified; becomes part of the `cue` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerResolution {
    Name,
    Surname,
    Pronoun,
    Title,
    Organization,
    Unnamed,
    /// A lone capitalised word never introduced in full (`“…,” Moretti said`).
    Bare,
}

impl SpeakerResolution {
    pub fn label(self) -> Option<&'static str> {
        match self {
            SpeakerResolution::Bare => Some("bare_surname"),
            SpeakerResolution::Name => None,
            SpeakerResolution::Surname => Some("surname"),
            SpeakerResolution::Pronoun => Some("pronoun"),
            SpeakerResolution::Title => Some("title"),
            SpeakerResolution::Organization => Some("organization"),
            SpeakerResolution::Unnamed => Some("unnamed"),
        }
    }
}

/// What the phrase parser may look at besides the phrase.
#[derive(Clone, Copy)]
pub(super) struct Context<'a> {
    pub(super) text: &'a str,
    pub(super) mentions: &'a [Match],
    pub(super) gazetteer: &'a Gazetteer,
    pub(super) issued_by: &'a [String],
    /// The gazetteer entry of each issuing office, when listed.
    pub(super) issuer_ids: &'a [Option<EntityRef>],
    pub(super) roles: &'a PersonRoles,
    /// People named so far in the article, oldest first.
    pub(super) people: &'a [Speaker],
    /// Where the quote starts: only text before it introduces people.
    pub(super) before: usize,
    /// The stretch of text attributed together (all of a short article): text outside
    /// it is never read, so that each window of a long article reads the same.
    pub(super) window: Span,
}

impl<'a> Context<'a> {
    /// The window's text before the quote, and where it starts in the article.
    fn text_before(&self) -> (usize, &'a str) {
        let from = self.window.start.min(self.before);
        (from, &self.text[from..self.before])
    }

    /// The first mention of `kind` inside `span`.
    fn mention_in(&self, span: Span, kind: EntityType) -> Option<Match> {
        self.mentions
            .iter()
            .copied()
            .find(|m| span.contains(m.span) && self.gazetteer.entity(m.entity).kind == kind)
    }
}

/// A speaker phrase, with what its rules look at.
struct Phrase<'c, 'a> {
    ctx: &'c Context<'a>,
    span: Span,
    order: Order,
    toks: Vec<Token<'a>>,
    /// The first word in lower case (`She said`, `The Mission`).
    first: String,
}

impl Phrase<'_, '_> {
    /// The person named most recently before the phrase who fits `test`.
    fn last_person(&self, test: impl Fn(&Speaker) -> bool) -> Option<&Speaker> {
        self.ctx.people.iter().rev().find(|p| test(p))
    }
}

type Parsed = (Speaker, SpeakerResolution);

/// A rule's answer: the phrase's speaker, or that it names nobody (`Break`); or that the
/// phrase is not of this rule's kind (`Continue`: the next rule is tried).
type Verdict = ControlFlow<Option<Parsed>>;

/// The rules of a speaker phrase, tried in this order.
const RULES: &[fn(&Phrase) -> Verdict] = &[
    earlier::pronoun,
    authored_by,
    unnamed::unnamed,
    person::named_person,
    unnamed::epithet,
    earlier::title_reference,
    organization::organization_mention,
    organization::acronym,
    organization::organization_word,
];

/// Parses a speaker phrase; `None` when it names nobody.
pub(super) fn parse(ctx: &Context, span: Span, order: Order) -> Option<Parsed> {
    // `In a letter to the minister, the Representative wrote that “…”`: the fronted
    // phrase is not the speaker.
    let span = match order {
        Order::SpeakerFirst => without_fronted(ctx.text, span),
        Order::VerbFirst => span,
    };
    let first = ctx.text[span.range()]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let toks = tokens(ctx.text, span);
    if toks.is_empty() {
        return None;
    }
    let phrase = Phrase {
        ctx,
        span,
        order,
        toks,
        first,
    };
    RULES.iter().find_map(|rule| match rule(&phrase) {
        ControlFlow::Break(found) => Some(found),
        ControlFlow::Continue(()) => None,
    })?
}

/// A phrase without the fronted prepositional phrase that opens it and ends at its
/// first comma (`In a letter to the minister, `, `At the press conference, `).
fn without_fronted(text: &str, span: Span) -> Span {
    let phrase = &text[span.range()];
    match phrase.find(", ") {
        Some(comma)
            if {
                let mut words = phrase.split(' ');
                fronts(words.next().unwrap_or(""), words.next().unwrap_or(""))
            } =>
        {
            Span::new(span.start + comma + 2, span.end)
        }
        _ => span,
    }
}

/// `a statement by Eva Moretti, …`: the author is the speaker.
fn authored_by(p: &Phrase) -> Verdict {
    let toks = &p.toks;
    // `a press release of the Ministry`: `of` and `from` after a document's name.
    let document = |i: usize| {
        i > 0
            && matches!(
                toks[i - 1].word,
                "statement" | "release" | "report" | "communiqué"
            )
    };
    let author =
        |(i, t): (usize, &Token)| t.word == "by" || matches!(t.word, "of" | "from") && document(i);
    if let Some(by) = toks.iter().enumerate().take(4).position(author) {
        // `a statement by`, not `the Mission, led by ODIHR,`.
        let lead_in = toks[..by]
            .iter()
            .all(|t| t.word.starts_with(char::is_lowercase) && !t.word.ends_with("ed"));
        if by > 0 && lead_in && by + 1 < toks.len() {
            let rest = Span::new(toks[by + 1].span.start, p.span.end);
            return ControlFlow::Break(parse(p.ctx, rest, p.order));
        }
    }
    ControlFlow::Continue(())
}
