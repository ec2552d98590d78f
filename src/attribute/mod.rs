//! Stage 4, attribute: quotation marks and reported speech → [`Quote`]s with their
//! speaker, role and organization.
//!
//! Each window of an article (all of a short one) goes through these steps, in
//! `attribute_window`:
//! 1. pair the quotation marks over the whole window ([`marks`]), so a quote may cover
//!    several sentences or paragraphs, and split a quote interrupted by its own tag; find
//!    the reported statements, those without marks (`reported.rs`);
//! 2. drop titles of works and scare quotes, and place each quote in its sentences
//!    (`place.rs`);
//! 3. meet the people named before the quote or statement (`discourse.rs`);
//! 4. try the cues in order (`cues/`): the second half of a split quote, a tag after the
//!    quote, a lead-in before it, the narrative sentence before it, a continuation of the
//!    quote before; the narrative is read for people only when a cue refers back. A
//!    reported statement's form names its speaker phrase;
//! 5. resolve the speaker phrase (`speaker/`): a name, a surname or a title introduced
//!    earlier, a pronoun, an organization, an unnamed speaker, or a surname never
//!    introduced in full, with the role and organization split from the title;
//! 6. record the quote or statement (`place.rs`, `quote.rs`) and remember its speaker;
//!    quotes and statements are taken in text order.
//!
//! The resolution is appended to the cue (`quote_speaker_verb+pronoun`). Quoted strings
//! with no cue are kept (kind `direct`, no speaker) only when they read as a full sentence
//! (capitalised, four or more words, ending in a stop or a comma). Titles of works (after
//! `handbook`, `report`, `titled`… or in title case) and scare quotes are dropped. Unpaired
//! marks are counted; they never stop anything. Each statement is one row: a reported
//! clause that quotes a full sentence is that quote's row, and one that quotes a fragment
//! is a `partial` row spanning the clause (`Window::statements`); reported statements
//! without marks are `indirect`.

mod cues;
mod discourse;
pub mod lexicon;
pub mod marks;
mod place;
mod quote;
mod reported;
mod speaker;

use crate::gazetteer::{EntityRef, Gazetteer, Match};
use crate::segment::Sentence;
use crate::span::Span;
use cues::{Attribution, PreviousQuote};
use discourse::Discourse;
use lexicon::LEXICON;
use place::Place;
pub use quote::{Attributed, Cue, Quote, QuoteKind, Speaker, SpeakerType};
use reported::SpeakerAt;
use speaker::Context;
pub use speaker::{PersonRoles, SpeakerResolution};

/// Longer articles are attributed in windows of about this many bytes, cut between
/// paragraphs where one allows it. A pronoun, surname or title is resolved within its
/// window, so each quote costs at most a window's work: a press release is a few
/// kilobytes, but a multi-megabyte text (a dump, a broken page) would take time quadratic in
/// its length. Articles up to this size are attributed whole.
const WINDOW: usize = 256 << 10;

/// Finds and attributes the quotes of an article. `mentions` are the gazetteer matches
/// of the article, sorted; `roles` come from [`PersonRoles::new`] on the same gazetteer;
/// `issued_by` names the organization behind `the Mission said`, and `issuer_ids` are
/// their gazetteer entries ([`Gazetteer::lookup`] of each).
pub fn attribute(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Match],
    gazetteer: &Gazetteer,
    roles: &PersonRoles,
    issued_by: &[String],
    issuer_ids: &[Option<EntityRef>],
) -> Attributed {
    let whole = |sentences: &[Sentence], mentions: &[Match]| {
        let resources = Context {
            text,
            mentions,
            gazetteer,
            issued_by,
            issuer_ids,
            roles,
            people: &[],
            before: 0,
            window: match (sentences.first(), sentences.last()) {
                (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
                _ => Span::new(0, 0),
            },
        };
        attribute_window(sentences, resources)
    };
    if text.len() <= WINDOW {
        return whole(sentences, mentions);
    }
    let mut all = Attributed {
        quotes: Vec::new(),
        unpaired_marks: 0,
    };
    let mut from = 0;
    while from < sentences.len() {
        let start = sentences[from].span.start;
        let mut to = from + 1;
        while to < sentences.len() && sentences[to].span.end - start <= WINDOW {
            to += 1;
        }
        // Back to the last paragraph break inside the window, if there is one.
        if to < sentences.len() {
            if let Some(k) = (from + 1..=to)
                .rev()
                .find(|&k| sentences[k].paragraph != sentences[k - 1].paragraph)
            {
                to = k;
            }
        }
        // Paragraph numbers from 0 within the window, as in a whole article.
        let base = sentences[from].paragraph;
        let window: Vec<Sentence> = sentences[from..to]
            .iter()
            .map(|s| Sentence {
                span: s.span,
                paragraph: s.paragraph - base,
            })
            .collect();
        let end = sentences[to - 1].span.end;
        let first = mentions.partition_point(|m| m.span.start < start);
        let last = mentions.partition_point(|m| m.span.start < end);
        let part = whole(&window, &mentions[first..last.max(first)]);
        all.quotes.extend(part.quotes);
        all.unpaired_marks += part.unpaired_marks;
        from = to;
    }
    all
}

/// [`attribute`] on the sentences of one window (all of a short article), with the text,
/// the window's mentions and the shared resources in `resources`: the quotes and the
/// reported statements, taken in text order so that each meets the people named before it.
fn attribute_window(sentences: &[Sentence], resources: Context) -> Attributed {
    let text = resources.text;
    // 1. Pair the marks.
    let (mut marked, unpaired_marks) = marks::find(text, &place::paragraph_spans(sentences));
    marks::split_interruptions(text, &mut marked, |tag| !LEXICON.verbs_in(tag).is_empty());
    let reported = reported::find(text, sentences, &marked);
    let mut window = Window {
        sentences,
        resources,
        discourse: Discourse::new(sentences, &marked),
        quotes: Vec::new(),
        indirect: Vec::new(),
        previous: None,
    };
    let mut statements = reported.iter().peekable();
    for (qi, m) in marked.iter().enumerate() {
        while let Some(r) = statements.next_if(|r| r.starts() < m.outer.start) {
            window.reported(r);
        }
        let next_open = marked.get(qi + 1).map_or(usize::MAX, |n| n.outer.start);
        window.quote(m, next_open);
    }
    statements.for_each(|r| window.reported(r));
    Attributed {
        quotes: window.statements(),
        unpaired_marks,
    }
}

/// What one window has found so far, and the people it has met.
struct Window<'w> {
    sentences: &'w [Sentence],
    resources: Context<'w>,
    discourse: Discourse<'w>,
    quotes: Vec<Quote>,
    /// Reported statements (kind `indirect`), kept apart until [`Window::statements`].
    indirect: Vec<Quote>,
    previous: Option<PreviousQuote>,
}

impl Window<'_> {
    /// Steps 2–6 for one quoted span `m`; `next_open` is where the next one opens.
    fn quote(&mut self, m: &marks::Marked, next_open: usize) {
        let (text, sentences) = (self.resources.text, self.sentences);
        // 2. Keep quotations, and place them in their sentences.
        if place::is_title(text, m) {
            return;
        }
        let Some(place) = Place::of(text, sentences, m, next_open) else {
            return;
        };
        // 3. Meet the people named before the quote.
        let ctx = Context {
            before: m.outer.start,
            ..self.resources
        };
        self.discourse.meet_mentions(&ctx);
        // 4, 5. Try the cues, each resolving the speaker phrase it finds; the narrative is
        // read only where a cue refers back.
        let previous = self.previous.as_ref();
        let split = cues::split_speaker(text, previous, &place, m);
        let cue = |people: &[Speaker]| {
            let ctx = Context { people, ..ctx };
            let found = cues::try_cues(&ctx, sentences, &place, split.as_ref())?;
            Some(cues::resolve_pronoun(&ctx, sentences, place.first, found))
        };
        let floor = cues::narrative_floor(text, sentences, &place, previous);
        let found = self
            .discourse
            .read_for(&ctx, (place.first, floor), cue(&self.discourse.people), cue)
            .or_else(|| cues::continuation(&ctx, sentences, &place, previous));
        // 6. Record the quote and remember its speaker.
        let Some(mut quote) = place::new_quote(text, m, &place, found) else {
            return;
        };
        self.discourse.complete(
            &mut quote.speaker,
            sentences[place.last].span.end.max(m.outer.end),
        );
        self.previous = Some(PreviousQuote::of(&quote, m, &place, sentences));
        self.quotes.push(quote);
    }

    /// A reported statement: its speaker phrase resolved as a quote's, through the same
    /// discourse model; kept only when it names someone.
    fn reported(&mut self, r: &reported::Reported) {
        let (text, sentences) = (self.resources.text, self.sentences);
        let ctx = Context {
            before: r.content.start,
            ..self.resources
        };
        self.discourse.meet_mentions(&ctx);
        let verb = r.verb.map(|v| &text[v.range()]);
        let found = match r.speaker {
            SpeakerAt::Previous => self.previous_statement(&ctx, r, verb),
            SpeakerAt::Phrase(phrase, order) => {
                let cue = |people: &[Speaker]| {
                    let ctx = Context { people, ..ctx };
                    let (mut speaker, resolution) = speaker::parse(&ctx, phrase, order)?;
                    // `Minister of Education, Science and Sport of Central Bosnia Canton
                    // Mirela Babić-Kovač said`: the narrative subject reader knows where a
                    // long portfolio ends and the name starts.
                    if resolution == SpeakerResolution::Name && speaker.kind == SpeakerType::Person
                    {
                        if let Some(subject) = speaker::subject(&ctx, phrase)
                            .filter(|s| s.kind == SpeakerType::Person && s.name != speaker.name)
                        {
                            speaker = subject;
                        }
                    }
                    let found = Attribution::new(r.cue, verb, speaker, resolution);
                    Some(cues::resolve_pronoun(&ctx, sentences, r.sentence, found))
                };
                self.discourse
                    .read_for(&ctx, (r.sentence, 0), cue(&self.discourse.people), cue)
            }
        };
        let Some(found) = found.filter(|f| f.speaker.name.is_some() || f.speaker.role.is_some())
        else {
            return;
        };
        let mut statement = Quote {
            span: r.content,
            kind: QuoteKind::Indirect,
            confidence: quote::confidence(found.cue, found.resolution),
            speaker: found.speaker,
            verb: found.verb,
            cue: found.cue,
            resolution: found.resolution,
        };
        // Met where their sentence starts, as the narrative meets people: the people named
        // in the content are named after them.
        self.discourse
            .complete(&mut statement.speaker, sentences[r.sentence].span.start);
        self.indirect.push(statement);
    }

    /// `…, adding that …`: the speaker of the statement that ends last before the verb
    /// in the same sentence, else the sentence's subject.
    fn previous_statement(
        &self,
        ctx: &Context,
        r: &reported::Reported,
        verb: Option<&str>,
    ) -> Option<Attribution> {
        let from = self.sentences[r.sentence].span.start;
        let at = r.verb.map_or(r.content.start, |v| v.start);
        let before = self
            .quotes
            .iter()
            .chain(&self.indirect)
            .filter(|q| q.span.end > from && q.span.end <= at)
            .filter(|q| q.speaker.name.is_some() || q.speaker.role.is_some())
            .max_by_key(|q| q.span.end);
        let (speaker, resolution) = match before {
            Some(q) => (
                q.speaker.clone(),
                q.resolution.unwrap_or(SpeakerResolution::Name),
            ),
            None => (
                speaker::subject(ctx, Span::new(from, at))?,
                SpeakerResolution::Name,
            ),
        };
        Some(Attribution::new(r.cue, verb, speaker, resolution))
    }

    /// The window's statements in text order, one row each: a reported clause that holds
    /// a quoted sentence is that quote's; one that holds a quoted fragment is one
    /// `partial` row whose text is the whole clause, marks kept, said by whom the quote
    /// cues found.
    fn statements(self) -> Vec<Quote> {
        let Window {
            mut quotes,
            mut indirect,
            ..
        } = self;
        indirect.retain(|r| {
            !quotes
                .iter()
                .any(|q| q.kind == QuoteKind::Direct && r.span.contains(q.span))
        });
        for r in &mut indirect {
            let Some(q) = quotes.iter().find(|q| r.span.contains(q.span)) else {
                continue;
            };
            r.kind = QuoteKind::Partial;
            if q.speaker.name.is_some() || q.speaker.role.is_some() {
                r.speaker.clone_from(&q.speaker);
            }
        }
        quotes.retain(|q| !indirect.iter().any(|r| r.span.contains(q.span)));
        quotes.extend(indirect);
        quotes.sort_by_key(|q| q.span.start);
        quotes
    }
}
