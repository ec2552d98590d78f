//! People introduced in a stretch of narrative ([`introductions`]): each run of
//! capitalised words that stands where a person does, with the gender of an honorific and
//! the role and organization of a title or an apposition. The discourse model decides
//! which stretches to read; most have no two name words in a row and are not tokenized.

use super::names::{covered_by_mention, is_name_word, name_runs, noun_before, portfolio_end};
use super::org::{org_after_name, org_for};
use super::person::{add_role_titles, named};
use super::role::{role_and_org, split_role, RoleSplit};
use super::titles::{apposition_span, is_apposition, title_before_chunk, title_start, title_word};
use super::tokens::{comma_chunks, span_of, tokens, Token};
use super::words::{
    fronts, is_rank, plural_title, role_noun, singular_of, OPENERS, PARTICLES, ROLE_CONNECTORS,
};
use super::Context;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::quote::add_titles;
use crate::attribute::Speaker;
use crate::gazetteer::{EntityType, Match};
use crate::span::Span;

/// People named in a stretch of narrative (`The study was presented by Pieter van den
/// Broek, Senior Adviser at the Office of ...`, `Ms. Yelena Sokolova thanked Mr. Arman
/// Dzhaksybekov`), with the gender an honorific gives and the role and organization of a
/// title before the name or an apposition after it. Pronouns, surnames and titles in later
/// attributions refer back to them.
pub(in crate::attribute) fn introductions(ctx: &Context, span: Span) -> Vec<Speaker> {
    // A person needs two capitalised words in a row, or one after an honorific: most
    // stretches have neither and are not tokenized.
    if !may_name_someone(ctx, span) {
        return Vec::new();
    }
    let toks = tokens(ctx.text, span);
    let chunks = comma_chunks(ctx.text, &toks);
    let mut found = Vec::new();
    // Chunks that describe the person before them; the capitalised words in them
    // (`Trafficking in Human Beings`) are not people.
    let mut described = vec![false; chunks.len()];
    for ci in 0..chunks.len() {
        // After a person and `of`, `at` or `from`, capitalised words name their
        // affiliation (`Professor Nikola Vujošević of the Faculty of Political Science`)
        // unless a title stands between.
        let mut person_end: Option<usize> = None;
        for run in name_runs(ctx, chunks[ci]) {
            let (a, b) = portfolio_end(ctx, &chunks, ci, run).unwrap_or(run);
            if described[ci] {
                continue;
            }
            let run = Run {
                ctx,
                chunks: &chunks,
                ci,
                a,
                b,
            };
            let gazetteer_person = run.gazetteer_person();
            let affiliation = person_end.is_some_and(|end| {
                let between = &chunks[ci][end..a];
                between
                    .first()
                    .is_some_and(|t| matches!(t.word, "of" | "at" | "from"))
                    && !between.iter().any(|t| {
                        matches!(
                            LEXICON.kind(t.word),
                            Some(WordKind::Title | WordKind::Rank | WordKind::Honorific(_))
                        )
                    })
            });
            if gazetteer_person.is_none() && (affiliation || !run.is_person()) {
                continue;
            }
            person_end = Some(b);
            let (speaker, described_next) = run.person(gazetteer_person);
            if described_next {
                described[ci + 1] = true;
            }
            found.push(speaker);
        }
    }
    found
}

/// A run of capitalised words (tokens `a..b` of comma chunk `ci`) in a narrative
/// stretch, and what stands around it.
struct Run<'c, 'a> {
    ctx: &'c Context<'a>,
    chunks: &'c [&'c [Token<'a>]],
    ci: usize,
    a: usize,
    b: usize,
}

impl Run<'_, '_> {
    fn chunk(&self) -> &[Token<'_>] {
        self.chunks[self.ci]
    }

    fn prev(&self) -> Option<&str> {
        self.a.checked_sub(1).map(|i| self.chunk()[i].word)
    }

    fn next_chunk(&self) -> Option<&[Token<'_>]> {
        self.chunks.get(self.ci + 1).copied()
    }

    /// Also before a bracket that closes the chunk: `Pedro Alcaraz Ruiz (Spain), Head of
    /// the delegation`, `Karin Øvergaard (MP, Norway),`.
    fn ends_chunk(&self) -> bool {
        let chunk = self.chunk();
        let text = self.ctx.text;
        match (chunk.get(self.b), chunk.last()) {
            (None, _) => true,
            (Some(first), Some(last)) => {
                text[..first.span.start].ends_with('(') && text[last.span.end..].starts_with(')')
            }
            _ => false,
        }
    }

    fn gazetteer_person(&self) -> Option<Match> {
        let span = span_of(self.chunk(), self.a, self.b);
        self.ctx.mention_in(span, EntityType::Person)
    }

    /// Capitalised runs are also places, units and programmes (`near Stanytsia Luhanska`,
    /// `the Return and Integration Unit`), so a run not in the gazetteers counts as a
    /// person only where a person stands: after an honorific or a title, before an
    /// apposition, as the subject of its chunk, after `by` (`presented by Pieter van den
    /// Broek`), before `who`, or after a title chunk.
    fn is_person(&self) -> bool {
        let (chunk, a, b) = (self.chunk(), self.a, self.b);
        let after_ok = chunk
            .get(b)
            .is_none_or(|t| LEXICON.kind(t.word) != Some(WordKind::Title));
        let org_like = chunk[a..b].iter().any(|t| {
            // `Missions`, `Agency’s`.
            LEXICON.kind(t.word.trim_end_matches(['’', '\'', 's'])) == Some(WordKind::Organization)
                || LEXICON.kind(t.word) == Some(WordKind::Organization)
        });
        // `Minister of Labour and Social Development of the …`: a portfolio's words.
        let in_portfolio = matches!(self.prev(), Some("and" | "of"))
            && chunk.get(b).is_some_and(|t| matches!(t.word, "of" | "and"))
            && chunk[..a].iter().all(title_word)
            && chunk[..a]
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        if !after_ok || b - a < 2 || org_like || in_portfolio || self.object_of_title() {
            return false;
        }
        let apposition_follows = || {
            self.ends_chunk()
                && self
                    .next_chunk()
                    .is_some_and(|next| is_apposition(next) && next.len() > 1)
        };
        // `Aigerim Sultanova, who heads the council, …`: only a person is a `who`.
        let relative_follows = || {
            self.ends_chunk()
                && self
                    .next_chunk()
                    .is_some_and(|next| matches!(next[0].word, "who" | "whose"))
        };
        let titled = self.titled();
        if self.in_fronted_phrase() && !titled {
            return false;
        }
        titled
            || apposition_follows()
            || self.is_subject()
            || self.prev() == Some("by")
            || relative_follows()
            || self.title_before().is_some()
            || self.shared_title().is_some()
            || self.after_listed_portfolio()
    }

    /// After the rest of a portfolio list whose title stands in the chunk before (`met
    /// Minister of Education, Science and Youth of Georgia Levan Kiknadze and …`).
    fn after_listed_portfolio(&self) -> bool {
        let before = &self.chunk()[..self.a];
        before.iter().all(title_word)
            && before.iter().any(|t| t.word == "and")
            && title_before_chunk(self.ctx, self.chunks, self.ci).is_some()
    }

    /// Right after an honorific or rank, or after a title phrase (`ODIHR Adviser on Roma
    /// and Sinti Issues Marieke van der Berg`, `Deputy khokim of Namangan region Name`).
    fn titled(&self) -> bool {
        let (ctx, chunk, a) = (self.ctx, self.chunk(), self.a);
        let is_title = |t: &Token| LEXICON.kind(t.word) == Some(WordKind::Title);
        self.prev().is_some_and(|w| {
            LEXICON.kind(w).is_some_and(|k| k != WordKind::Organization) || role_noun(w)
        }) || chunk[..a]
            .iter()
            .rev()
            .take_while(|t| {
                t.word.starts_with(char::is_uppercase) || ROLE_CONNECTORS.contains(&t.word)
            })
            .any(|t| matches!(LEXICON.kind(t.word), Some(WordKind::Title | WordKind::Rank)))
            || chunk[title_start(ctx, chunk, a)..a].iter().any(is_title)
    }

    /// `Vera Kolesnikova, 61, lived …`, `Liv Berg, for OHCHR, read …`: the name that opens
    /// the sentence, or follows a title that runs over commas (`Deputy Minister of
    /// Labour, Social Protection and Migration of the Kyrgyz Republic Aida Sydykova said`),
    /// with a verb or a circumstance after it.
    fn is_subject(&self) -> bool {
        let opens_lower = |t: &Token| t.word.starts_with(char::is_lowercase);
        // A verb, not `and` (`Rural Development and Environment Name said`).
        let verb_like = |t: &Token| opens_lower(t) && !ROLE_CONNECTORS.contains(&t.word);
        let chunk = self.chunk();
        (self.a == 0 || self.after_title().is_some())
            && (chunk.get(self.b).is_some_and(verb_like)
                || self.ci == 0
                    && self.ends_chunk()
                    && self
                        .chunks
                        .get(1)
                        .and_then(|c| c.first())
                        .is_some_and(opens_lower))
    }

    /// The title over the chunks before, when only title words stand before the run in
    /// its chunk and the run is followed by more of the sentence.
    fn after_title(&self) -> Option<Span> {
        let chunk = self.chunk();
        let plain = self.a > 0
            && self.ci > 0
            && chunk[..self.a].iter().all(title_word)
            && self.prev().is_some_and(|w| !ROLE_CONNECTORS.contains(&w));
        plain
            .then(|| title_before_chunk(self.ctx, self.chunks, self.ci))
            .flatten()
    }

    /// `The OSCE Representative on Freedom of the Media, Eva Lind, said`: a chunk that is
    /// only the name (after ranks), or a name after a title of its own (the first of two
    /// titles: `The OSCE Chairperson-in-Office, Foreign Minister of Malta Karl Vella,`),
    /// after a chunk that ends in a title phrase.
    fn title_before(&self) -> Option<Span> {
        let before = &self.chunk()[..self.a];
        let only_ranks = before.iter().all(|t| is_rank(t.word));
        let titled_here = before.iter().all(title_word)
            && before
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        (self.ends_chunk() && (only_ranks || titled_here))
            .then(|| title_before_chunk(self.ctx, self.chunks, self.ci))
            .flatten()
    }

    /// `The Commissioner for Human Rights (CHR), Jonas Weil,`, `the Commander of Joint
    /// Force Command Brunssum, Admiral Name,`: capitalised words in a title, with a name
    /// (after ranks) as the next chunk, are the title's.
    fn object_of_title(&self) -> bool {
        let (ctx, chunk) = (self.ctx, self.chunk());
        let in_title = self.prev().is_some_and(|w| ROLE_CONNECTORS.contains(&w))
            || chunk[..self.a]
                .iter()
                .any(|t| LEXICON.kind(t.word) == Some(WordKind::Title));
        let ranked_name = |next: &[Token]| {
            let ranks = next
                .iter()
                .take_while(|t| {
                    matches!(
                        LEXICON.kind(t.word),
                        Some(WordKind::Rank | WordKind::Honorific(_) | WordKind::Title)
                    )
                })
                .count();
            next.len() >= ranks + 2 && next[ranks..].iter().all(|t| is_name_word(ctx, t))
        };
        in_title
            && chunk[self.b..].iter().all(|t| t.word.starts_with('('))
            && self.next_chunk().is_some_and(ranked_name)
    }

    /// The role and organization of a title before the name or an `apposition` after
    /// it; `first` is where the title phrase before the name starts.
    fn role(&self, speaker: &mut Speaker, apposition: bool, first: usize) {
        let (ctx, chunk, a) = (self.ctx, self.chunk(), self.a);
        let name_start = chunk[a].span.start;
        if let Some(title) = self.title_before() {
            role_and_org(ctx, title, speaker);
        } else if apposition {
            role_and_org(ctx, apposition_span(ctx, self.chunks, self.ci + 1), speaker);
        } else if let Some(title) = self.after_title() {
            // `The new KFOR Commander, Major General Name`: the ranks are not the title.
            let end = chunk[..a]
                .iter()
                .find(|t| is_rank(t.word))
                .map_or(name_start, |t| t.span.start);
            role_and_org(ctx, Span::new(title.start, end), speaker);
        } else if chunk[first..a]
            .iter()
            .any(|t| LEXICON.kind(t.word).is_some() || LEXICON.title(t.word).is_some())
        {
            // A title phrase, not the names of a list (`Name (Latvia) and Name`).
            let title = Span::new(chunk[first].span.start, name_start);
            role_and_org(ctx, title, speaker);
        } else if let Some(noun) = noun_before(chunk, a) {
            speaker.role = Some(ctx.text[noun.range()].into());
        }
    }

    /// `The PACE co-rapporteurs for Moldova, Ana Lind (Latvia, EPP/CD) and Ivo Kask
    /// (Estonia, SOC), said …`: a plural title in a chunk before a list of names is each
    /// one's, in the singular.
    fn shared_title(&self) -> Option<RoleSplit> {
        // Between the title and the name: names, their brackets and `and`.
        let listed = |toks: &[Token]| {
            toks.iter().all(|t| {
                t.word == "and"
                    || t.word.starts_with(char::is_uppercase)
                    || t.word.starts_with('(')
                    || t.word.ends_with(')')
            })
        };
        if !listed(&self.chunk()[..self.a]) {
            return None;
        }
        let k = (self.ci.saturating_sub(4)..self.ci)
            .rev()
            .take_while(|&k| k + 1 == self.ci || listed(self.chunks[k + 1]))
            .find(|&k| self.chunks[k].iter().any(|t| plural_title(t.word)))?;
        let chunk = self.chunks[k];
        // A noun phrase, not `Addressing the participants,`.
        let opener = chunk[0].word;
        let noun_phrase = matches!(opener, "the" | "The") || opener.starts_with(char::is_uppercase);
        if !noun_phrase || fronts(opener, chunk.get(1).map_or("", |t| t.word)) {
            return None;
        }
        // From the plural title and the capitalised words before it (`The delegation was
        // led by the PACE co-rapporteurs for …`).
        let plural = chunk.iter().position(|t| plural_title(t.word))?;
        let from = (0..plural)
            .rev()
            .take_while(|&i| chunk[i].word.starts_with(char::is_uppercase) && i > 0)
            .last()
            .unwrap_or(plural);
        let words: Vec<String> = chunk[from..]
            .iter()
            .map(|t| {
                if plural_title(t.word) {
                    singular_of(t.word)
                } else {
                    t.word.to_string()
                }
            })
            .collect();
        let ctx = self.ctx;
        Some(split_role(
            ctx.gazetteer,
            (ctx.issued_by, ctx.issuer_ids),
            &words.join(" "),
            None,
        ))
    }

    /// `On the International Day against Drug Abuse, …`: capitalised words in a fronted
    /// phrase name an occasion.
    fn in_fronted_phrase(&self) -> bool {
        let chunk = self.chunk();
        self.ci == 0
            && self.chunks.len() > 1
            && fronts(chunk[0].word, chunk.get(1).map_or("", |t| t.word))
    }

    /// The person the run names, with the gender of an honorific before it and the role
    /// and organization of a title before it or an apposition after it; and whether the
    /// next chunk was taken as that apposition.
    fn person(&self, gazetteer_person: Option<Match>) -> (Speaker, bool) {
        let (ctx, chunk, a) = (self.ctx, self.chunk(), self.a);
        let name_span = span_of(chunk, a, self.b);
        let mut speaker = named(ctx, name_span, gazetteer_person.map(|m| m.entity));
        if let Some(m) = gazetteer_person {
            if let Some(known) = ctx.roles.of(m.entity) {
                speaker.role.clone_from(&known.role);
                speaker.org.clone_from(&known.org);
                speaker.org_entity = known.org_entity;
            }
        }
        let honorific = chunk[..a]
            .iter()
            .rev()
            .take_while(|t| title_word(t))
            .find_map(|t| match LEXICON.kind(t.word) {
                Some(WordKind::Honorific(g)) => g,
                _ => None,
            });
        speaker.gender = speaker.gender.or(honorific);
        let first = title_start(ctx, chunk, a);
        add_titles(
            &mut speaker.titles,
            chunk[first..a].iter().filter_map(|t| LEXICON.title(t.word)),
        );
        let apposition = self.ends_chunk() && self.next_chunk().is_some_and(is_apposition);
        self.role(&mut speaker, apposition, first);
        if speaker.role.is_none() {
            if let Some(shared) = self.shared_title() {
                speaker.role = shared.role;
                speaker.org = shared.org;
                speaker.org_entity = shared.org_entity;
            }
        }
        // `Colonel Sherali Nazarzoda of the Border Troops`, `Liv Berg, for OHCHR,`.
        if speaker.org.is_none() {
            let found = org_after_name(ctx, chunk, name_span).or_else(|| {
                self.ends_chunk()
                    .then(|| org_for(ctx, self.next_chunk()?))?
            });
            if let Some((org, entity)) = found {
                speaker.org = Some(org);
                speaker.org_entity = entity;
            }
        }
        add_role_titles(&mut speaker);
        (speaker, apposition)
    }
}

/// True when two name-like words follow each other (particles and initials between them
/// allowed), or one follows an honorific, rank or title: capitalised, not an acronym, not
/// in the word lists and not part of an organization mention (a place may be a first
/// name: `Sofia`). A cheap test that spares tokenizing most narrative.
fn may_name_someone(ctx: &Context, span: Span) -> bool {
    let stretch = &ctx.text[span.range()];
    let mut previous = false;
    // The words of `split_whitespace`, with where each starts.
    let mut word_start = span.start;
    for piece in stretch.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let at = Span::new(word_start, word_start + word.len());
        word_start += piece.len();
        if word.is_empty() {
            continue;
        }
        let core = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if !core.starts_with(char::is_uppercase) {
            if !PARTICLES.contains(&core) {
                previous = false;
            }
            continue;
        }
        if let Some(kind) = LEXICON.kind(core) {
            previous = !matches!(kind, WordKind::Organization | WordKind::Unnamed);
            continue;
        }
        // One capital per part: `Vrba-Lindahl` is a name, `ODIHR` is not.
        let named = core
            .split('-')
            .all(|part| part.chars().filter(|c| c.is_uppercase()).nth(1).is_none())
            && covered_by_mention(ctx, at, &[EntityType::Organization]).is_none()
            && !OPENERS.contains(core.trim_end_matches('.'));
        if named && previous {
            return true;
        }
        previous = named;
    }
    false
}
