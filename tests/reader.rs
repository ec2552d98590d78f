//! Reader behaviour: the corpus answer keys (data-driven), and table-driven cases for each
//! layout feature.

use std::collections::HashMap;

use serde::Deserialize;
use whosaid::read::{self, Article, Date, Format, Input, Location};

use crate::common::*;
use whosaid::attribute::marks::is_mark;

#[derive(Deserialize)]
struct KeyQuote {
    begins: String,
    speaker: String,
}

#[derive(Deserialize)]
struct Key {
    article_id: String,
    title: String,
    content_type: String,
    published: String,
    dateline: String,
    issued_by: Vec<String>,
    fields_of_work: Vec<String>,
    quotes: Vec<KeyQuote>,
}

fn keys() -> Vec<Key> {
    let mut keys = Vec::new();
    for name in ["corpus-key-current.jsonl", "corpus-key-older.jsonl"] {
        let path = manifest_dir().join("tests/fixtures").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            keys.push(
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1)),
            );
        }
    }
    keys
}

fn corpus_articles() -> HashMap<String, Article> {
    let mut out = HashMap::new();
    for input in whosaid::bundled::corpus() {
        let outcome = input.read();
        assert!(
            outcome.warnings.is_empty(),
            "{}: {:?}",
            input.source,
            outcome.warnings
        );
        out.extend(outcome.articles.into_iter().map(|a| (a.id.clone(), a)));
    }
    out
}

/// Title, type, date, dateline, offices and fields of every corpus article equal the key
/// written with the article.
#[test]
fn corpus_metadata_matches_answer_keys() {
    let articles = corpus_articles();
    let keys = keys();
    assert_eq!(keys.len(), articles.len(), "every article has a key line");
    let mut wrong = Vec::new();
    for key in &keys {
        let Some(a) = articles.get(&key.article_id) else {
            wrong.push(format!("{}: not read", key.article_id));
            continue;
        };
        let got = [
            a.title.clone().unwrap_or_default(),
            a.content_type.clone().unwrap_or_default(),
            a.published.map(|d| d.to_string()).unwrap_or_default(),
            a.dateline.clone().unwrap_or_default(),
            a.issued_by.join("; "),
            a.fields_of_work.join("; "),
        ];
        let want = [
            key.title.clone(),
            key.content_type.clone(),
            key.published.clone(),
            key.dateline.clone(),
            key.issued_by.join("; "),
            key.fields_of_work.join("; "),
        ];
        for (field, (g, w)) in [
            "title",
            "content_type",
            "published",
            "dateline",
            "issued_by",
            "fields_of_work",
        ]
        .iter()
        .zip(got.iter().zip(&want))
        {
            if g != w {
                wrong.push(format!("{} {field}: got {g:?}, want {w:?}", key.article_id));
            }
        }
        for line in a.text.lines() {
            assert!(
                !line.starts_with("- ") || line.len() > 80,
                "{}: menu line in text: {line}",
                key.article_id
            );
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every quotation in the keys is found and given the key's speaker.
#[test]
fn corpus_quotes_match_answer_keys() {
    let annotator = annotator();
    let articles = corpus_articles();
    let (mut total, mut wrong) = (0, Vec::new());
    for key in keys() {
        let annotated = annotator.annotate(articles[&key.article_id].clone());
        let text = &annotated.article.text;
        for q in &key.quotes {
            total += 1;
            let found = annotated.quotes.iter().find(|quote| {
                // A partial quote's row holds its reported clause around the quotation.
                let t = &text[quote.span.range()];
                t.starts_with(&q.begins)
                    || t.find(is_mark)
                        .is_some_and(|m| t[m..].trim_start_matches(is_mark).starts_with(&q.begins))
            });
            let speaker = found.map(|f| f.speaker.name.clone().unwrap_or_default());
            if speaker.as_deref() != Some(q.speaker.as_str()) {
                wrong.push(format!(
                    "{}: {:?} → {speaker:?}, want {:?}",
                    key.article_id, q.begins, q.speaker
                ));
            }
        }
    }
    assert!(total >= 150, "only {total} key quotes");
    assert!(
        wrong.is_empty(),
        "{} of {total} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

fn page(text: &str) -> Article {
    let input = Input {
        source: "case.txt".into(),
        id: "case".into(),
        format: Format::Page,
        location: Location::Embedded(Box::leak(text.to_string().into_bytes().into_boxed_slice())),
    };
    let mut outcome = input.read();
    assert_eq!(outcome.articles.len(), 1, "{:?}", outcome.warnings);
    outcome.articles.remove(0)
}

/// (name, page, title, content type, published, issued_by, fields, text starts with)
type LayoutCase = (
    &'static str,
    String,
    &'static str,
    &'static str,
    Option<Date>,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
);

const MENU: &str =
    "-\nOur work\n-\nTopics\n- Elections\n- Media freedom\n-\nCountries\n- All\n- About us\n";

#[test]
fn current_layout_cases() {
    let cases: &[LayoutCase] = &[
        (
            "empty date, comma list, lead once",
            format!("{MENU}News Item\nA title here\nThe lead sentence.\n- Issued on:\n- Issued by:\n- OSCE Secretariat, ODIHR\n- Fields of work:\n- Elections\n- Media freedom and development\nThe lead sentence.\nBody text."),
            "A title here", "News Item", None, &["OSCE Secretariat", "ODIHR"], &["Elections", "Media freedom and development"],
            "The lead sentence.\n\nBody text.",
        ),
        (
            "date present, no menu, other content type",
            "Press Release\nTitle two\nLead two.\n- Issued on:\n- 5 May 2021\n- Issued by:\n- OSCE Mission to Moldova\n- Fields of work:\n- Elections, Gender equality\nLead two.\nCHISINAU, 5 May 2021 – Body two.".to_string(),
            "Title two", "Press Release", Date::new(2021, 5, 5), &["OSCE Mission to Moldova"], &["Elections", "Gender equality"],
            "Lead two.\n\nBody two.",
        ),
        (
            "2015-2022 layout with closed office and values on the next line",
            "Old title\nPublishing date:\n14 June 2017\nContent type:\nPress release\nWhere we are:\nOSCE Office in Yerevan (closed), ODIHR\nWhat we do:\nElections\nReport type:\nStatement\nYEREVAN, 14 June 2017 - Body.".to_string(),
            "Old title", "Press release", Date::new(2017, 6, 14), &["OSCE Office in Yerevan", "ODIHR"], &["Elections"], "Body.",
        ),
        (
            "2015-2022 layout with values on the label line and a missing label",
            "Old title\nPublishing date: 3 March 2016\nWhere we are: OSCE Centre in Bishkek\nBody only.".to_string(),
            "Old title", "", Date::new(2016, 3, 3), &["OSCE Centre in Bishkek"], &[], "Body only.",
        ),
        (
            "2013 field-office layout",
            "Field title\nDate: 12 March 2013\nSource: OSCE Mission to Serbia\nFields of work: Rule of law, Media freedom and development\nBody.".to_string(),
            "Field title", "", Date::new(2013, 3, 12), &["OSCE Mission to Serbia"], &["Rule of law", "Media freedom and development"], "Body.",
        ),
        (
            "plain text without metadata",
            "A headline without a stop\nFirst paragraph.\nSecond paragraph.".to_string(),
            "A headline without a stop", "", None, &[], &[], "First paragraph.\n\nSecond paragraph.",
        ),
    ];
    for (name, text, title, content_type, published, issued_by, fields, starts) in cases {
        let a = page(text);
        assert_eq!(a.title.as_deref(), Some(*title), "{name}");
        assert_eq!(
            a.content_type.as_deref().unwrap_or(""),
            *content_type,
            "{name}"
        );
        assert_eq!(a.published, *published, "{name}");
        assert_eq!(a.issued_by, *issued_by, "{name}");
        assert_eq!(a.fields_of_work, *fields, "{name}");
        assert!(a.text.starts_with(starts), "{name}: {:?}", a.text);
        assert!(
            !a.text.contains("Our work") && !a.text.contains("- About us"),
            "{name}: menu in text"
        );
    }
}

#[test]
fn dateline_variants() {
    let cases = [
        (
            "ASTANA, 27 March 2024 – Text.",
            "ASTANA",
            Date::new(2024, 3, 27),
        ),
        (
            "Vienna, 5 May 2017 - Text.",
            "Vienna",
            Date::new(2017, 5, 5),
        ),
        (
            "BISHKEK, Kyrgyzstan, 3 June 2010 — Text.",
            "BISHKEK",
            Date::new(2010, 6, 3),
        ),
        (
            "SKOPJE/TETOVO, 4 April 2012 -- Text.",
            "SKOPJE/TETOVO",
            Date::new(2012, 4, 4),
        ),
        (
            "WARSAW, 12 May 2014– Text.",
            "WARSAW",
            Date::new(2014, 5, 12),
        ),
        (
            "CHISINAU, 8 October 2019 –Text.",
            "CHISINAU",
            Date::new(2019, 10, 8),
        ),
        (
            "Banja Luka, 1 July 2009 – Text.",
            "Banja Luka",
            Date::new(2009, 7, 1),
        ),
        (
            "THE HAGUE, 30 November 2020 – Text.",
            "THE HAGUE",
            Date::new(2020, 11, 30),
        ),
    ];
    for (first, place, date) in cases {
        let a = page(&format!("Title\n{first}"));
        assert_eq!(a.dateline.as_deref(), Some(place), "{first}");
        assert_eq!(a.published, date, "{first}");
        assert_eq!(a.text, "Text.", "{first}");
    }
    for not_a_dateline in [
        "Vienna, the capital, hosted the meeting.",
        "In 2024 – a year of change – the Office grew.",
    ] {
        let a = page(&format!("Title\n{not_a_dateline}"));
        assert_eq!(a.dateline, None, "{not_a_dateline}");
        assert_eq!(a.text, not_a_dateline);
    }
}

#[test]
fn boilerplate_is_dropped() {
    let a = page(
        "Title\nFirst paragraph of the story that is long enough.\nA photo of the event. (OSCE/Anna Berg) Photo details\n\
         First paragraph of the story that is long enough.\nFor further information, contact the press office.\n\
         Last paragraph.\nContacts\nAnna Berg\nSpokesperson\n+43 1 514 36 6000\npress@example.org\nRelated Stories\nAnother story",
    );
    assert_eq!(
        a.text,
        "First paragraph of the story that is long enough.\n\nLast paragraph."
    );
}

#[test]
fn directories_are_walked_sorted_with_relative_ids() {
    let dir = temp_dir();
    let sub = dir.path().join("2024");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("b.txt"), "Title\nText.").unwrap();
    std::fs::write(dir.path().join("a.html"), "<h1>T</h1><p>Text.</p>").unwrap();
    std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
    let found = read::discover(&[dir.path().to_path_buf()]).unwrap();
    let ids: Vec<_> = found.inputs.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["2024/b", "a"]);
    assert_eq!(found.skipped.other_files, 1);
}
