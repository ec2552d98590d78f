//! A role phrase → role, organization and the organization's gazetteer entry
//! ([`split_role`]): `Deputy Head of the OSCE Programme Office in Astana` → `Deputy Head` +
//! `OSCE Programme Office in Astana`. The part that can be a role is taken first
//! ([`phrase`]); then the phrase is split after an organization that opens it
//! ([`leading`]) or at its connector ([`cut`]). Where a role phrase stands is the speaker
//! parser's business, not this module's.

mod cut;
mod leading;
mod phrase;

use std::sync::Arc;

use super::earlier::body_named_before;
use super::org::{org_entry, tidy_org};
use super::tokens::word_starts;
use super::words::{singular_of, ROLE_CONNECTORS};
use super::Context;
use crate::attribute::Speaker;
use crate::gazetteer::{EntityRef, EntityType, Gazetteer, Match};
use crate::span::Span;
use cut::{cut_at_connector, issuer_named};
use leading::{after_leading_org, leading_org};
use phrase::role_phrase;

/// A role phrase taken apart: the title, the organization as written, and the
/// organization's gazetteer entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RoleSplit {
    pub(super) role: Option<Arc<str>>,
    pub(super) org: Option<Arc<str>>,
    pub(super) org_entity: Option<EntityRef>,
}

/// Splits a role phrase into role, organization and the organization's gazetteer entry.
///
/// The cut is at the first `of`, `at`, `with`, `from` or `in` after a title word, else at
/// the first `of`, `at`, `with` or `from`: `Deputy Head of the OSCE Programme Office in
/// Astana` → `Deputy Head` + `OSCE Programme Office in Astana`; `Senior Rule of Law
/// Officer at the OSCE Mission to Skopje` → `Senior Rule of Law Officer` + `OSCE Mission to
/// Skopje`. An organization written first is the organization (`ODIHR Director`), and
/// `OSCE Representative on Freedom of the Media` is that role of the `OSCE`. What follows
/// `from` or `in` is an organization only when it names one (`a lawyer from Tirana` has
/// none); a country is not an organization (`Ambassador of Austria` is all role, `Deputy
/// Permanent Representative of Malta to the OSCE` has the `OSCE`); `Head of Mission` is a
/// role, and `Officer at the Mission` works for the issuing Mission.
pub(super) fn split_role(
    gazetteer: &Gazetteer,
    issuers: (&[String], &[Option<EntityRef>]),
    phrase: &str,
    mentions: Option<(&[Match], usize)>,
) -> RoleSplit {
    if let Some(plain) = without_working(phrase) {
        return split_role(gazetteer, issuers, &plain, None);
    }
    let Some((raw_at, raw)) = role_phrase(phrase) else {
        return RoleSplit::default();
    };
    if let Some(group) = raw.strip_prefix("one of ") {
        return one_of(group);
    }
    let within = InPhrase::of(gazetteer, raw, raw_at, mentions);
    // `known`: the entry of an organization that is not written in the phrase itself.
    let (role, org, known) = match leading_org(raw, &within) {
        Some(lead) => match after_leading_org(raw, lead, &within) {
            // `Commission spokesperson`: the issuing office with that word in its name.
            (role, Some(org), None) => match issuer_named(issuers, org) {
                Some((name, id)) => (role, Some(name), id),
                None => (role, Some(org), None),
            },
            split => split,
        },
        None => cut_at_connector(raw, &within, issuers),
    };
    let org = org
        .map(|o| tidy_org(gazetteer, o))
        .filter(|o| !o.is_empty());
    let role = without_circumstance(role.trim());
    // `Special Representative of the OSCE Chairperson-in-Office for the Transdniestrian
    // Settlement Process`: a listed body inside the title, its topic after it.
    let (role, org): (Arc<str>, _) = match org.and_then(|o| body_and_topic(raw, o, &within)) {
        Some((body, topic)) => (format!("{role} {topic}").into(), Some(body)),
        None => (role.into(), org),
    };
    // `a resident of Avnevi`, `a native of Osh`: where someone lives is no organization.
    let last_word = role.rsplit(' ').next().unwrap_or("");
    let dweller = ["resident", "native", "villager", "inhabitant", "citizen"].contains(&last_word);
    let org = org.filter(|_| !dweller);
    let org_entity = org.and_then(|o| org_entry(raw, o, &within, known));
    RoleSplit {
        role: Some(role).filter(|r| !r.is_empty()),
        org: org.map(Arc::from),
        org_entity,
    }
}

/// `a nurse working for the Danish Refugee Council`: the participle only says whom the
/// person works for, so the phrase is read without it (`a nurse for the …`).
fn without_working(phrase: &str) -> Option<String> {
    let works = [
        " working for ",
        " working with ",
        " working at ",
        " who works for ",
    ];
    let (at, participle) = phrase
        .contains(" work")
        .then(|| works.iter().find_map(|w| phrase.find(w).map(|at| (at, w))))
        .flatten()?;
    let connector = &participle[participle.trim_end().rfind(' ').unwrap_or(0)..];
    Some(format!(
        "{}{connector}{}",
        &phrase[..at],
        &phrase[at + participle.len()..]
    ))
}

/// `one of the first graduates`: the noun of the `group`, in the singular, is the role.
fn one_of(group: &str) -> RoleSplit {
    let group = group
        .split([',', ' '])
        .take_while(|w| !ROLE_CONNECTORS.contains(w) || *w == "the");
    let noun = group.last().filter(|w| w.ends_with('s')).map(singular_of);
    RoleSplit {
        role: noun.map(Arc::from),
        ..RoleSplit::default()
    }
}

/// `a cadet in her second year`: the circumstance is not the title (a topic is:
/// `co-rapporteur on the monitoring of …`).
fn without_circumstance(role: &str) -> &str {
    let circumstance =
        word_starts(role)
            .zip(word_starts(role).skip(1))
            .find(|&((at, w), (_, next))| {
                at > 0
                    && matches!(w, "in" | "at" | "on" | "during")
                    && matches!(next, "his" | "her" | "their" | "its" | "our")
            });
    circumstance.map_or(role, |((at, _), _)| role[..at].trim_end())
}

/// `org` as a listed body followed by ` for …` or ` on …` (the title's topic): the body
/// and the topic with its connector.
fn body_and_topic<'o>(raw: &str, org: &'o str, within: &InPhrase) -> Option<(&'o str, &'o str)> {
    let org_at = raw.find(org)?;
    let body = within.kind_at(EntityType::Organization, org_at)?;
    let body_len = body.span.len();
    let topic = org.get(body_len..)?;
    (topic.starts_with(" for ") || topic.starts_with(" on "))
        .then(|| (&org[..body_len], topic.trim_start()))
}

/// The role and organization of the role phrase at `span`, set on `speaker` where the
/// phrase has them; `Its director` works for the body named just before.
pub(super) fn role_and_org(ctx: &Context, span: Span, speaker: &mut Speaker) {
    // The article's mentions around the phrase: no second search.
    let from = ctx.mentions.partition_point(|m| m.span.end <= span.start);
    let to = ctx.mentions.partition_point(|m| m.span.start < span.end);
    let RoleSplit {
        role,
        org,
        org_entity,
    } = split_role(
        ctx.gazetteer,
        (ctx.issued_by, ctx.issuer_ids),
        &ctx.text[span.range()],
        Some((&ctx.mentions[from..to.max(from)], span.start)),
    );
    if role.is_some() {
        speaker.role = role;
    }
    if org.is_some() {
        speaker.org = org;
        speaker.org_entity = org_entity;
    } else if ["Its ", "its "]
        .iter()
        .any(|p| ctx.text[span.range()].trim_start().starts_with(p))
    {
        // `Its director, Name,`: the organization named just before.
        speaker.org = body_named_before(ctx).map(Arc::from);
    }
}

/// The mentions inside a role phrase, with spans relative to it.
pub(super) struct InPhrase<'g> {
    pub(super) gazetteer: &'g Gazetteer,
    pub(super) found: Vec<Match>,
}

impl<'g> InPhrase<'g> {
    /// The mentions of `raw`, the part of a phrase from its byte `raw_at` on: those given
    /// (with the phrase's offset in their text), or a search of it.
    pub(super) fn of(
        gazetteer: &'g Gazetteer,
        raw: &str,
        raw_at: usize,
        mentions: Option<(&[Match], usize)>,
    ) -> Self {
        let searched;
        // `base` is where `raw` starts in the mentions' text.
        let (mentions, base) = match mentions {
            Some((mentions, phrase_at)) => (mentions, phrase_at + raw_at),
            None => {
                searched = gazetteer.find(raw);
                (&searched[..], 0)
            }
        };
        InPhrase {
            gazetteer,
            found: mentions
                .iter()
                .filter(|m| m.span.start >= base && m.span.end <= base + raw.len())
                .map(|m| {
                    let mut m = *m;
                    m.span = Span::new(m.span.start - base, m.span.end - base);
                    m
                })
                .collect(),
        }
    }

    /// The mention of `kind` that starts at byte `from`. Demonyms are not places here:
    /// `the Ukrainian delegation` is an organization.
    pub(super) fn kind_at(&self, kind: EntityType, from: usize) -> Option<Match> {
        self.found.iter().copied().find(|m| {
            m.span.start == from
                && m.form != crate::gazetteer::Form::Demonym
                && self.gazetteer.entity(m.entity).kind == kind
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Role phrases as the speaker parser hands them over, and how they split.
    #[test]
    fn role_phrases_split_into_title_and_organization() {
        let (gazetteer, _) =
            Gazetteer::load(&crate::bundled::gazetteers()).expect("bundled gazetteers load");
        let cases: &[(&str, Option<&str>, Option<&str>)] = &[
            ("Head of the OSCE Mission to Skopje", Some("Head"), Some("OSCE Mission to Skopje")),
            ("Deputy Minister of Education and Science", Some("Deputy Minister of Education and Science"), None),
            ("Ambassador of Norway to Uzbekistan", Some("Ambassador"), Some("Norway")),
            ("UN Resident Coordinator and Head of the UNDP Office", Some("Resident Coordinator"), Some("UN")),
            ("OSCE Special Representative and Co-ordinator for Combating Trafficking in Human Beings", Some("Special Representative and Co-ordinator for Combating Trafficking in Human Beings"), Some("OSCE")),
            ("Director of the Conflict Prevention Centre in her opening remarks", Some("Director"), Some("Conflict Prevention Centre")),
            ("Special Representative, will travel to Kyiv", Some("Special Representative"), None),
            ("a lawyer from Tirana", Some("lawyer"), None),
            ("Ambassador", None, None),
            ("UNICEF Representative in Uzbekistan", Some("Representative"), Some("UNICEF")),
            ("UNDP Resident Representative in the Kyrgyz Republic", Some("Resident Representative"), Some("UNDP")),
            ("RFE/RL President", Some("President"), Some("RFE/RL")),
            ("Deputy Minister of Energy of the Kyrgyz Republic", Some("Deputy Minister of Energy"), Some("Kyrgyz Republic")),
            ("Vice-Minister of Energy of the Republic of Kazakhstan", Some("Vice-Minister of Energy"), Some("Republic of Kazakhstan")),
            ("Prime Minister of Montenegro", Some("Prime Minister"), Some("Montenegro")),
            ("Ambassador of Austria", Some("Ambassador"), Some("Austria")),
            ("Ambassador of the Netherlands to Bosnia and Herzegovina", Some("Ambassador"), Some("Netherlands")),
            ("Ambassador of the European Union to Georgia", Some("Ambassador"), Some("European Union")),
            ("Prime Minister of Una-Sana Canton", Some("Prime Minister"), Some("Una-Sana Canton")),
            ("Governor of Sughd Region", Some("Governor"), Some("Sughd Region")),
            ("a nurse working for the Danish Refugee Council at the centre", Some("nurse"), Some("Danish Refugee Council")),
            ("an engineer who works for Caspian Drilling Company", Some("engineer"), Some("Caspian Drilling Company")),
            ("a resident of Avnevi", Some("resident"), None),
            ("Ambassador of the Sovereign Order of Malta to Serbia", Some("Ambassador"), Some("Sovereign Order of Malta")),
        ];
        for &(phrase, role, org) in cases {
            let split = split_role(&gazetteer, (&[], &[]), phrase, None);
            assert_eq!(
                (split.role.as_deref(), split.org.as_deref()),
                (role, org),
                "{phrase}"
            );
        }
    }
}
