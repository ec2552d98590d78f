//! A role phrase that does not open with its organization, cut at its connector (`of`,
//! `at`, `with`, `from`, `in`; `for` and `to` after an agent noun): what before it is the
//! role and what after it the organization, with the exceptions a government's titles,
//! countries, portfolios and territories make.

use memchr::memmem;

use super::phrase::without_place;
use super::InPhrase;
use crate::attribute::lexicon::{WordKind, LEXICON};
use crate::attribute::speaker::tokens::word_starts;
use crate::attribute::speaker::words::{agent_noun, territory};
use crate::gazetteer::{EntityRef, EntityType, Match};

/// A role phrase that does not open with an organization, cut at its connector: the
/// first `of`, `at`, `with`, `from` or `in` after a title word, else the first `of`, `at`,
/// `with` or `from`. Gives the role, the organization as written, and the entry of an
/// issuing office that `the Mission` stands for.
pub(super) fn cut_at_connector<'r>(
    raw: &'r str,
    within: &InPhrase,
    (issued_by, issuer_ids): (&'r [String], &[Option<EntityRef>]),
) -> (&'r str, Option<&'r str>, Option<EntityRef>) {
    let Some(cut) = Cut::find(raw) else {
        return (without_place(raw, within, 0), None, None);
    };
    let cut = cut.past_board(raw);
    let org = cut.org;
    if osce_field(org) {
        return (raw, Some("OSCE"), None);
    }
    let single_org_word = !org.contains(' ') && LEXICON.kind(org) == Some(WordKind::Organization);
    let names_org = within
        .kind_at(EntityType::Organization, cut.org_at)
        .is_some()
        || org
            .split_whitespace()
            .any(|w| LEXICON.kind(w) == Some(WordKind::Organization));
    // `Prime Minister of Una-Sana Canton`, `Governor of Sughd Region`: a territory named
    // in full, listed or not, is what the title governs.
    let territory_named = cut.connector == " of "
        && org.contains(' ')
        && org.rsplit(' ').next().is_some_and(territory)
        && org.split(' ').all(|w| w.starts_with(char::is_uppercase));
    if territory_named {
        return (&raw[..cut.at], Some(org), None);
    }
    let place = within.kind_at(EntityType::Place, cut.org_at);
    // `Deputy Minister of Education and Science`: a portfolio, not an organization
    // (`Minister of the Interior` too).
    let portfolio = matches!(cut.title, "Minister" | "Vice-Minister")
        && cut.connector == " of "
        && place.is_none();
    if let Some((role, country)) = government_and_country(raw, &cut, portfolio, place, within) {
        return (role, Some(country), None);
    }
    let role_org = if portfolio || single_org_word && !cut.article {
        (raw, None) // `Head of Mission`
    } else if single_org_word {
        let (name, id) = issuer_named((issued_by, issuer_ids), org).unwrap_or((org, None));
        return (&raw[..cut.at], Some(name), id);
    } else if matches!(cut.connector, " from " | " in ") && !names_org
        || matches!(cut.connector, " for " | " to ") && !org.contains(char::is_uppercase)
    {
        (&raw[..cut.at], None)
    } else if let Some(within_org) = portfolio_in_org(org) {
        // `Director of Culture, Youth and Sports in the Municipality of Prizren`: the
        // portfolio belongs to the title, the body it serves in is the organization.
        let role = raw[..raw.len() - within_org.len()]
            .trim_end()
            .trim_end_matches(" in the")
            .trim_end_matches(" at the");
        (role, Some(within_org))
    } else if cut.connector == " with " && !org.contains(char::is_uppercase) && !names_org {
        // `a blogger with many subscribers`: no name after `with`.
        (&raw[..cut.at], None)
    } else if let Some(p) = place {
        after_place(raw, &cut, p, within)
    } else if !names_org && [" on ", " for "].iter().any(|c| raw[..cut.at].contains(c)) {
        // `representative on freedom of the media`: the `of` is the topic's.
        (raw, None)
    } else {
        (&raw[..cut.at], Some(org))
    };
    (role_org.0, role_org.1, None)
}

/// `Co-ordinator of OSCE Economic and Environmental Activities`: an OSCE post named after
/// its field is all role, of the OSCE.
fn osce_field(org: &str) -> bool {
    org.strip_prefix("OSCE ").is_some_and(|field| {
        field
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) && LEXICON.kind(w).is_none() || w == "and")
    })
}

/// The issuing office whose name holds `word`, a single organization word (`Mission`,
/// `Commission`), with its gazetteer entry.
pub(super) fn issuer_named<'i>(
    (issued_by, issuer_ids): (&'i [String], &[Option<EntityRef>]),
    word: &str,
) -> Option<(&'i str, Option<EntityRef>)> {
    if word.contains(' ') || LEXICON.kind(word) != Some(WordKind::Organization) {
        return None;
    }
    issued_by
        .iter()
        .zip(issuer_ids)
        .find(|(i, _)| i.split_whitespace().any(|w| w == word))
        .map(|(i, id)| (i.as_str(), *id))
}

/// Where a role phrase is cut: at the first `of`, `at`, `with`, `from` or `in` after a
/// title word, else at the first `of`, `at`, `with` or `from`; at `for` after a title in
/// lower case.
struct Cut<'r> {
    /// The byte of the space before the connector.
    at: usize,
    /// The connector with its spaces (` of `).
    connector: &'static str,
    /// The word before the connector.
    title: &'r str,
    /// What follows, without `the`, and where it starts.
    org: &'r str,
    org_at: usize,
    article: bool,
}

impl<'r> Cut<'r> {
    fn find(raw: &'r str) -> Option<Self> {
        let cuts = word_starts(raw)
            .scan("", |before, (at, w)| {
                Some((at, w, std::mem::replace(before, w)))
            })
            .filter_map(|(at, w, before)| {
                let connector = match w {
                    "of" => " of ",
                    "at" => " at ",
                    "with" => " with ",
                    "from" => " from ",
                    "in" => " in ",
                    // `reporter for the news website Bishkek Report`, not `Special
                    // Representative for Gender Issues`.
                    "for" if agent_noun(before) => " for ",
                    // `adviser to the Norwegian Customs Service`.
                    "to" if agent_noun(before) => " to ",
                    _ => return None,
                };
                // Lazily: a phrase that opens with `of` has no space before it.
                (at > 0 && raw[at + w.len()..].starts_with(' '))
                    .then(|| (at - 1, connector, before))
            });
        // `representative of the Office of the Co-ordinator …`, `member of the City
        // Council`: a role noun in lower case that opens the phrase is the title.
        let noun_first = cuts
            .clone()
            .next()
            .filter(|&(at, _, before)| at == before.len() && agent_noun(before));
        let after_title = noun_first.or_else(|| {
            cuts.clone()
                .find(|&(_, _, before)| LEXICON.kind(before) == Some(WordKind::Title))
        });
        let first = cuts.clone().find(|&(_, c, _)| c != " in ");
        let (at, connector, title) = after_title.or(first)?;
        let after = &raw[at + connector.len()..];
        let org = after.strip_prefix("the ").unwrap_or(after).trim();
        Some(Cut {
            at,
            connector,
            title,
            org,
            org_at: raw.len() - org.len(),
            article: after.starts_with("the "),
        })
    }

    /// `Chairman of the Board of ANAMA`: the board is part of the title, and the cut moves
    /// past it.
    fn past_board(self, raw: &'r str) -> Self {
        let Some(rest) = self.org.strip_prefix("Board of ") else {
            return self;
        };
        let org = rest.strip_prefix("the ").unwrap_or(rest);
        Cut {
            at: raw.len() - rest.len() - " of ".len(),
            connector: " of ",
            org,
            org_at: raw.len() - org.len(),
            article: rest.starts_with("the "),
            ..self
        }
    }
}

/// A government's title with its country or town as the organization: `Deputy Minister
/// of Energy of the Kyrgyz Republic` (after a `portfolio`), `Prime Minister of
/// Montenegro`, `Mayor of Tirana`, `Ambassador of Japan to Tajikistan`.
fn government_and_country<'r>(
    raw: &'r str,
    cut: &Cut,
    portfolio: bool,
    place: Option<Match>,
    within: &InPhrase,
) -> Option<(&'r str, &'r str)> {
    if portfolio {
        let (of, country) = country_after(raw, cut.at + cut.connector.len(), within)?;
        return Some((&raw[..of], country));
    }
    // `Ambassador of Japan to Tajikistan`: the sending country is the organization.
    if cut.title == "Ambassador" && cut.connector == " of " {
        let sender = place.filter(|p| {
            let rest = &raw[p.span.end..];
            rest.is_empty() || rest.starts_with(" to ")
        });
        if let Some(p) = sender {
            return Some((&raw[..cut.at], &raw[p.span.range()]));
        }
        // `Ambassador of the European Union to Georgia`: a sending body.
        let from = cut.at + cut.connector.len();
        let to = from + raw[from..].find(" to ")?;
        let body = &raw[from..to];
        let body = body.strip_prefix("the ").unwrap_or(body);
        return body
            .starts_with(char::is_uppercase)
            .then(|| (&raw[..cut.at], body));
    }
    let governs = cut.connector == " of " && cut.title != "Representative";
    let p = place.filter(|p| governs && p.span.end == raw.len())?;
    Some((&raw[..cut.at], &raw[p.span.range()]))
}

/// A role phrase whose connector is followed by the place `p`: `Permanent Representative
/// of Malta to the OSCE` has the `OSCE`; `Special Envoy of Malta to Georgia` and `Envoy
/// of Austria` are all role.
fn after_place<'r>(
    raw: &'r str,
    cut: &Cut<'r>,
    p: Match,
    within: &InPhrase,
) -> (&'r str, Option<&'r str>) {
    match memmem::find(&raw.as_bytes()[p.span.end..], b" to ") {
        Some(to)
            if within
                .kind_at(EntityType::Place, p.span.end + to + 4)
                .is_some() =>
        {
            (raw, None)
        }
        Some(to) => {
            let org = raw[p.span.end + to + 4..].trim_start_matches("the ");
            (&raw[..p.span.end + to], Some(org))
        }
        None if p.span.end == raw.len() => (raw, None),
        None => (&raw[..cut.at], Some(cut.org)),
    }
}

/// The organization after ` in the ` or ` at the ` in what follows a title's `of`, when
/// what comes before it names no organization (`Culture, Youth and Sports in the
/// Municipality of Prizren` → `Municipality of Prizren`).
fn portfolio_in_org(after_of: &str) -> Option<&str> {
    let org_word = |s: &str| s.split(' ').any(|w| LEXICON.organization_word(w).is_some());
    [" in the ", " at the "].iter().find_map(|sep| {
        let at = after_of.find(sep)?;
        let (portfolio, org) = (&after_of[..at], &after_of[at + sep.len()..]);
        // A named unit is itself the organization (`Financial Crimes Section in the
        // Ministry …`); a bare one is the title's (`Head of Division at the Bureau …`).
        let named_unit = org_word(portfolio) && portfolio.contains(' ');
        (!named_unit && org_word(org) && org.starts_with(char::is_uppercase)).then_some(org)
    })
}

/// A country at the end of a title, after ` of ` from byte `from` on: a listed place
/// or a republic (`of the Kyrgyz Republic`, `of the Republic of Kazakhstan`). Gives
/// where its ` of ` starts and the country without `the`.
fn country_after<'r>(raw: &'r str, from: usize, within: &InPhrase) -> Option<(usize, &'r str)> {
    raw[from..].match_indices(" of ").find_map(|(of, _)| {
        let of = from + of;
        let country = &raw[of + 4..];
        let bare = country.strip_prefix("the ").unwrap_or(country);
        let listed = within
            .kind_at(EntityType::Place, raw.len() - bare.len())
            .is_some_and(|p| p.span.end == raw.len());
        // `of the Kyrgyz Republic`, `of the Autonomous Republic of Adjara`, `of
        // Zenica-Doboj Canton`.
        let republic = bare.ends_with(" Republic")
            || bare.contains("Republic of ")
            || bare.rsplit(' ').next().is_some_and(territory);
        let capitalised = bare
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) || w == "of" || w == "and");
        ((listed || republic) && capitalised).then_some((of, bare))
    })
}
