//! Cues in the lead-in before the opening mark, within the quote's sentence: `Name[,
//! role,] said: “…”`, reported speech (`She added that … “…”`), `Said Okafor, “…”`,
//! `quoted Name as saying`, `According to Name, “…”`, and a lead-in that ends in a colon
//! with no speech verb. Also the author after `statement by` that the narrative cues use.

use std::sync::LazyLock;

use super::{Attribution, Cue};
use crate::attribute::lexicon::LEXICON;
use crate::attribute::speaker::{self, Context, Order, SpeakerResolution};
use crate::attribute::Speaker;
use crate::gazetteer::Gender;
use crate::span::Span;

/// `Name said: “…”`, `According to Name, “…”`, in the text before the opening mark.
pub(super) fn before_quote(ctx: &Context, left: Span) -> Option<Attribution> {
    let raw = ctx.text[left.range()].trim_end();
    if raw.is_empty() {
        return None;
    }
    let lead_in = Span::new(left.start, left.start + raw.len());
    if let Some(found) = according_to(ctx, lead_in) {
        return found;
    }
    if let Some(found) = inverted_or_quoted(ctx, lead_in) {
        return found;
    }
    let verbs = LEXICON.verbs_in(raw);
    let Some(&last) = verbs.last() else {
        return raw.ends_with(':').then(|| colon_lead_in(ctx, lead_in))?;
    };
    // Reported speech: `that`, or a partial quote ending the reported clause (`said the
    // posts on the two rivers were “a small but working example”`).
    let partial = ctx.text[ctx.before..]
        .chars()
        .nth(1)
        .is_some_and(char::is_lowercase);
    // `The WFP said in a report that … a level it called “…”`, `She added that the
    // association had asked the committee …: “…”`: a partial quote or a colon lead-in
    // whose last verb has no speaker before it is the first verb's subject's.
    let colon = raw.ends_with(':');
    let first = verbs
        .first()
        .copied()
        .filter(|&v| (partial || colon) && v != last);
    [Some(last), first]
        .into_iter()
        .flatten()
        .find_map(|(at, end)| {
            // Between the verb and the quote only a few words may stand (`told
            // participants:`), except in `described the law as “…”`, before a colon, and in
            // reported speech (`wrote on X after the event that it would “…”`).
            let between = raw[end..].split_whitespace();
            let reported = partial || between.clone().any(|w| w == "that");
            let limit = if reported { 40 } else { 6 };
            if between.count() > limit && !raw.ends_with(" as") && !raw.ends_with(':') {
                return None;
            }
            // `Many of them, she said, were “…”`: a pronoun tag inside the reported
            // clause is the subject.
            let subject = raw[..at].trim_end();
            let from = match subject.rsplit_once(", ") {
                Some((_, tag @ ("he" | "she"))) => left.start + subject.len() - tag.len(),
                _ => left.start,
            };
            let phrase = Span::new(from, left.start + at);
            let (speaker, resolution) = speaker::parse(ctx, phrase, Order::SpeakerFirst)?;
            Some(Attribution::new(
                Cue::SpeakerVerbQuote,
                Some(&raw[at..end]),
                speaker,
                resolution,
            ))
        })
}

/// `Said Okafor, “…”` (an inverted lead-in, the verb capitalised as the sentence's first
/// word; not `Asked about the region, the Minister said:`) and `The press service quoted
/// Olena Tkachenko, a teacher, as saying: “…”`: `None` when the lead-in is neither, else
/// what its speaker phrase gives.
fn inverted_or_quoted(ctx: &Context, lead_in: Span) -> Option<Option<Attribution>> {
    let raw = &ctx.text[lead_in.range()];
    let inverted = raw.split_once(' ').filter(|(first, rest)| {
        let short = rest.split_whitespace().nth(8).is_none() && LEXICON.verbs_in(rest).is_empty();
        short && raw.ends_with([',', ':']) && LEXICON.is_verb(&first.to_lowercase())
    });
    let (verb, phrase) = if let Some((first, _)) = inverted {
        (
            first,
            Span::new(lead_in.start + first.len() + 1, lead_in.end - 1),
        )
    } else {
        let quoted = raw.rfind(" quoted ")? + " quoted ".len();
        let name_len = raw[quoted..].find(" as saying").filter(|&n| n > 0)?;
        let from = lead_in.start + quoted;
        ("quoted", Span::new(from, from + name_len))
    };
    Some(
        speaker::parse(ctx, phrase, Order::VerbFirst).map(|(speaker, resolution)| {
            Attribution::new(Cue::SpeakerVerbQuote, Some(verb), speaker, resolution)
        }),
    )
}

/// `According to Name, “…”`, `In the words of Name, “…”`: `None` when the lead-in has
/// neither, else what the phrase after them gives.
pub(super) fn according_to(ctx: &Context, lead_in: Span) -> Option<Option<Attribution>> {
    let raw = &ctx.text[lead_in.range()];
    // In either case, without lower-casing the whole clause; the lead-in can be a
    // paragraph long, so the finders are built once.
    static ACCORDING: LazyLock<[memchr::memmem::FinderRev<'static>; 4]> = LazyLock::new(|| {
        [
            "according to ",
            "According to ",
            "in the words of ",
            "In the words of ",
        ]
        .map(memchr::memmem::FinderRev::new)
    });
    let at = ACCORDING.iter().find_map(|finder| {
        let at = finder.rfind(raw)?;
        Some(at + finder.needle().len())
    })?;
    // `According to her, officers “…”`: the pronoun is the whole phrase.
    let pronoun = ["her,", "him,"]
        .iter()
        .find(|p| raw[at..].starts_with(*p))
        .map_or(0, |p| p.len() - 1);
    let end = if pronoun > 0 {
        lead_in.start + at + pronoun
    } else {
        lead_in.end
    };
    let phrase = Span::new(lead_in.start + at, end);
    Some(
        speaker::parse(ctx, phrase, Order::VerbFirst).map(|(speaker, resolution)| {
            Attribution::new(Cue::AccordingTo, None, speaker, resolution)
        }),
    )
}

/// A lead-in that ends in a colon but has no speech verb: `Lisa Berg, the Spokesperson,
/// issued the following statement:` gives its subject; `He then showed a photograph:`
/// its pronoun; `[Arno Pell, Harbour Master]:` the transcript's label; `the following
/// statement by Name:` the author.
fn colon_lead_in(ctx: &Context, lead_in: Span) -> Option<Attribution> {
    let raw = &ctx.text[lead_in.range()];
    let pronoun = [("He ", Gender::Male), ("She ", Gender::Female)]
        .iter()
        .find_map(|(p, g)| raw.starts_with(p).then_some(*g));
    if let Some(gender) = pronoun {
        let someone = Speaker {
            gender: Some(gender),
            ..Speaker::unknown()
        };
        return Some(Attribution::new(
            Cue::Colon,
            None,
            someone,
            SpeakerResolution::Pronoun,
        ));
    }
    if raw.starts_with('[') && raw.ends_with("]:") {
        let label = Span::new(lead_in.start + 1, lead_in.end - 2);
        let (speaker, resolution) = speaker::parse(ctx, label, Order::VerbFirst)?;
        return Some(Attribution::new(Cue::Colon, None, speaker, resolution));
    }
    if let Some(found) = said_by(ctx, lead_in) {
        return Some(Attribution {
            cue: Cue::Colon,
            ..found
        });
    }
    let subject = speaker::subject(ctx, lead_in)?;
    Some(Attribution::new(
        Cue::Colon,
        None,
        subject,
        SpeakerResolution::Name,
    ))
}

/// The author named after `by` in a lead-in: `This is a summary of what was said by
/// Name, Title – to whom quoted text may be attributed – at today’s briefing` (the
/// briefing notes of UN agencies, whose quotes follow untagged) and `Spokesperson Lee read
/// the following statement by the Secretary-General, Helena Ruiz:` (the author, not the
/// reader, is the speaker).
pub(super) fn said_by(ctx: &Context, prose: Span) -> Option<Attribution> {
    let text = &ctx.text[prose.range()];
    let at = ["said by ", "statement by ", "message by ", "remarks by "]
        .iter()
        .filter_map(|key| text.find(key).map(|at| at + key.len()))
        .min()?;
    let end = [" – ", " — ", " - ", " at ", " during ", " on ", ":"]
        .iter()
        .filter_map(|stop| text[at..].find(stop))
        .min()
        .unwrap_or(text.len() - at);
    let phrase = Span::new(prose.start + at, prose.start + at + end);
    let (speaker, resolution) = speaker::parse(ctx, phrase, Order::VerbFirst)?;
    Some(Attribution::new(Cue::Subject, None, speaker, resolution))
}
