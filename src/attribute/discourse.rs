//! The discourse model of one window: the people met so far and where, for pronouns,
//! surnames and titles to refer back to.
//!
//! People are met as gazetteer mentions, as quote speakers, and in the narrative
//! ([`speaker::introductions`]). The narrative is read only where a cue refers back (a
//! pronoun, a surname, a title) or names someone without a role ([`Need`]), because most
//! quotes need none of it and reading every sentence would halve the stage's speed. The
//! model does not decide who speaks: the cues do, against [`Discourse::people`].

use super::cues::Attribution;
use super::quote::add_titles;
use super::speaker::{self, Context, SpeakerResolution};
use super::{marks, Speaker, SpeakerType};
use crate::segment::Sentence;
use crate::span::Span;

/// People met so far in a window.
pub(super) struct Discourse<'w> {
    sentences: &'w [Sentence],
    marked: &'w [marks::Marked],
    /// The furthest end of the quotes so far, in `marked`'s order (by start): the quotes
    /// around a stretch are found by two binary searches, not by a pass over all of them.
    reach: Vec<usize>,
    /// Each person at the byte where they were named.
    events: Vec<(usize, Speaker)>,
    /// `events` folded into one entry per person, most recently named last.
    pub(super) people: Vec<Speaker>,
    people_seen: usize,
    next_mention: usize,
    /// How far each sentence has been read for people.
    narrated_to: Vec<usize>,
}

impl<'w> Discourse<'w> {
    pub(super) fn new(sentences: &'w [Sentence], marked: &'w [marks::Marked]) -> Self {
        let reach = marked
            .iter()
            .scan(0, |furthest, q| {
                *furthest = q.outer.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Discourse {
            sentences,
            marked,
            reach,
            events: Vec::new(),
            people: Vec::new(),
            people_seen: 0,
            next_mention: 0,
            narrated_to: sentences.iter().map(|s| s.span.start).collect(),
        }
    }

    /// Meets the gazetteer persons named before `ctx.before`, and folds every new event
    /// into [`Discourse::people`].
    pub(super) fn meet_mentions(&mut self, ctx: &Context) {
        while let Some(p) = ctx
            .mentions
            .get(self.next_mention)
            .filter(|p| p.span.start < ctx.before)
        {
            self.next_mention += 1;
            let entity = ctx.gazetteer.entity(p.entity);
            if entity.kind == crate::gazetteer::EntityType::Person {
                let person = Speaker {
                    kind: SpeakerType::Person,
                    name: Some(entity.name.as_str().into()),
                    entity: Some(p.entity),
                    gender: entity.gender,
                    ..Speaker::unknown()
                };
                self.events.push((p.span.start, person));
            }
        }
        if self.people_seen < self.events.len() {
            // New events come in text order: fold them in without rebuilding.
            for (_, person) in &self.events[self.people_seen..] {
                remember(&mut self.people, person.clone());
            }
            self.people_seen = self.events.len();
        }
    }

    /// What the cue found, after reading the narrative it needs (`first` is the quote's
    /// first sentence): `cue` is tried again whenever the reading meets someone new. A
    /// cue that found nobody reads back to `floor`: the end of the quote it may continue.
    pub(super) fn read_for(
        &mut self,
        ctx: &Context,
        (first, floor): (usize, usize),
        found: Option<Attribution>,
        cue: impl Fn(&[Speaker]) -> Option<Attribution>,
    ) -> Option<Attribution> {
        let Some(need) = self.need(&found, floor) else {
            return found;
        };
        let found = match need {
            // `Kovacevic` for `Kovačević`: a word the text never spells that way is looked
            // for, folded, among everyone named before.
            Need::Key(key) => match self.read_sentences_with(ctx, &key) {
                Some(true) => cue(&self.people),
                Some(false) => found,
                None => self.read_back(ctx, first, 0, found, &cue),
            },
            Need::Back(bound) => self.read_back(ctx, first, bound, found, &cue),
        };
        self.people_seen = self.events.len();
        found
    }

    /// Reads the sentences before the quote that contain `key`; `None` when there is
    /// none, else whether someone new was met (then [`Discourse::people`] is updated).
    fn read_sentences_with(&mut self, ctx: &Context, key: &str) -> Option<bool> {
        // Only the window's text: its first sentence is where reading starts.
        let from = self
            .sentences
            .first()
            .map_or(0, |s| s.span.start)
            .min(ctx.before);
        let before_quote = &ctx.text.as_bytes()[from..ctx.before];
        let mut hits = 0;
        let mut added = false;
        for at in memchr::memmem::find_iter(before_quote, key.as_bytes()) {
            hits += 1;
            let at = from + at;
            let i = self.sentences.partition_point(|s| s.span.end <= at);
            if i < self.sentences.len() && self.narrated_to[i] <= at {
                added |= self.narrate_sentence(ctx, i);
            }
        }
        if added {
            self.people = people_at(&self.events);
        }
        (hits > 0).then_some(added)
    }

    /// Reads the sentences back from `first` down to byte `bound`. A cue that found
    /// nobody is tried after each sentence that meets someone, and the reading stops at
    /// its first answer; one that found someone is tried once at the end.
    fn read_back(
        &mut self,
        ctx: &Context,
        first: usize,
        bound: usize,
        mut found: Option<Attribution>,
        cue: &impl Fn(&[Speaker]) -> Option<Attribution>,
    ) -> Option<Attribution> {
        let searching = found.is_none();
        let mut added = false;
        for i in (0..=first).rev() {
            if self.sentences[i].span.end <= bound {
                break;
            }
            if self.narrate_sentence(ctx, i) {
                added = true;
                if searching {
                    self.people = people_at(&self.events);
                    found = cue(&self.people);
                    if found.is_some() {
                        break;
                    }
                }
            }
        }
        if added && !searching {
            self.people = people_at(&self.events);
            found = cue(&self.people);
        }
        found
    }

    /// The narrative a cue needs read: back from the quote for a pronoun or a title (to
    /// the person it found, who may not be the nearest) or for a cue that found nobody;
    /// the sentences that hold the surname for a surname or a name given without a role.
    fn need(&self, found: &Option<Attribution>, floor: usize) -> Option<Need> {
        let Some(Attribution {
            speaker,
            resolution,
            ..
        }) = found
        else {
            return Some(Need::Back(floor));
        };
        let surname = || {
            let name = speaker.name.as_deref()?;
            Some(Need::Key(name.rsplit(' ').next()?.to_string()))
        };
        match resolution {
            // Someone named since with the same title (`the Minister`) is nearer.
            Some(SpeakerResolution::Pronoun | SpeakerResolution::Title) => {
                let last_named = self
                    .events
                    .iter()
                    .filter(|(_, p)| p.name == speaker.name)
                    .map(|(at, _)| *at)
                    .max()
                    .unwrap_or(0);
                Some(Need::Back(last_named))
            }
            Some(SpeakerResolution::Surname) => surname(),
            _ if speaker.kind == SpeakerType::Person
                && speaker.role.is_none()
                && speaker.org.is_none() =>
            {
                surname()
            }
            _ => None,
        }
    }

    /// Reads sentence `i`, up to the quote, for people; true when someone was met.
    fn narrate_sentence(&mut self, ctx: &Context, i: usize) -> bool {
        let end = self.sentences[i].span.end.min(ctx.before);
        let from = self.narrated_to[i];
        if from >= end {
            return false;
        }
        let before = self.events.len();
        narrate(
            &mut self.events,
            Span::new(from, end),
            self.sentences,
            (self.marked, &self.reach),
            ctx,
        );
        self.narrated_to[i] = end;
        self.events.len() > before
    }

    /// Completes a quote's speaker from what was said of the same person before (a person
    /// named again without a role keeps the one given earlier), and remembers them as met
    /// at `at`.
    pub(super) fn complete(&mut self, speaker: &mut Speaker, at: usize) {
        if speaker.kind != SpeakerType::Person || speaker.name.is_none() {
            return;
        }
        if let Some(known) = self.people.iter().rev().find(|p| p.name == speaker.name) {
            if speaker.role.is_none() && speaker.org.is_none() {
                speaker.role.clone_from(&known.role);
                speaker.org.clone_from(&known.org);
                speaker.org_entity = known.org_entity;
            }
            speaker.gender = speaker.gender.or(known.gender);
            add_titles(&mut speaker.titles, known.titles.iter().copied());
        }
        // A reported statement's speaker is met where the phrase names them, which may be
        // before people met in its content: then the order is rebuilt.
        let out_of_order = self.events.iter().any(|(seen, _)| *seen > at);
        self.events.push((at, speaker.clone()));
        if out_of_order {
            self.people = people_at(&self.events);
            self.people_seen = self.events.len();
        }
    }
}

/// Which narrative a cue needs read for people.
enum Need {
    /// The sentences back from the quote, down to this byte.
    Back(usize),
    /// The sentences that contain this word.
    Key(String),
}

/// Adds the people introduced in the narrative of `span` (quoted words left out) to
/// `events`, each at the start of the stretch that names them.
fn narrate(
    events: &mut Vec<(usize, Speaker)>,
    span: Span,
    sentences: &[Sentence],
    (marked, reach): (&[marks::Marked], &[usize]),
    ctx: &Context,
) {
    let first = sentences.partition_point(|s| s.span.end <= span.start);
    for s in &sentences[first..] {
        if s.span.start >= span.end {
            break;
        }
        let start = s.span.start.max(span.start);
        let end = s.span.end.min(span.end);
        let mut from = start;
        let mut stretches = Vec::new();
        // Quotes that end after `start` lie at or after the first whose reach does, and
        // quotes that start before `end` lie before the first that does not.
        let lo = reach.partition_point(|&r| r <= start);
        let hi = marked.partition_point(|q| q.outer.start < end).max(lo);
        for q in marked[lo..hi]
            .iter()
            .filter(|q| q.outer.end > start && q.outer.start < end)
        {
            stretches.push(Span::new(from, q.outer.start.max(from)));
            from = q.outer.end.min(end).max(from);
        }
        stretches.push(Span::new(from, end.max(from)));
        for stretch in stretches.into_iter().filter(|s| !s.is_empty()) {
            for person in speaker::introductions(ctx, stretch) {
                events.push((stretch.start, person));
            }
        }
    }
}

/// Moves `person` to the end of `people`, keeping what an earlier mention said of them.
pub(super) fn remember(people: &mut Vec<Speaker>, mut person: Speaker) {
    if let Some(i) = people.iter().position(|p| p.name == person.name) {
        let old = people.remove(i);
        add_titles(&mut person.titles, old.titles);
        // Role and organization go together: one mention's role is never joined to
        // another's organization.
        if person.role.is_none() && person.org.is_none() {
            person.role = old.role;
            person.org = old.org;
            person.org_entity = old.org_entity;
        }
        person.gender = person.gender.or(old.gender);
        person.entity = person.entity.or(old.entity);
    }
    people.push(person);
}

/// The people of `events` in the order they were last named, each once, with what all
/// their mentions said of them.
fn people_at(events: &[(usize, Speaker)]) -> Vec<Speaker> {
    let mut ordered: Vec<&(usize, Speaker)> = events.iter().collect();
    ordered.sort_by_key(|(at, _)| *at);
    let mut people: Vec<Speaker> = Vec::new();
    for (_, person) in ordered {
        remember(&mut people, person.clone());
    }
    people
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A person remembered again from their own remembered self (a pronoun resolved to
    /// them, then their quote) keeps each title once, instead of doubling the list.
    #[test]
    fn remembering_a_person_again_keeps_each_title_once() {
        let mut people = vec![Speaker {
            name: Some("Anna Berg".into()),
            kind: SpeakerType::Person,
            titles: vec!["Ambassador"],
            ..Speaker::unknown()
        }];
        for _ in 0..16 {
            let mut again = people[people.len() - 1].clone();
            add_titles(&mut again.titles, ["Head"]);
            remember(&mut people, again);
        }
        assert_eq!(people.len(), 1);
        let titles = &people[0].titles;
        assert_eq!(titles.len(), 2, "{} titles", titles.len());
        assert_eq!(titles, &["Ambassador", "Head"]);
    }
}
