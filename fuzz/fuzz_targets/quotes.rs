#![no_main]
//! Any text as an article through segmentation, matching, attribution and row conversion:
//! no panic, every span points into the text, and every row's code-point offsets slice
//! the text to the row's own text.

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use whosaid::gazetteer::Gazetteer;
use whosaid::pipeline::Annotator;
use whosaid::read::Article;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| {
    let (gazetteer, _) =
        Gazetteer::load(&whosaid::bundled::gazetteers()).expect("bundled gazetteers");
    Annotator::new(gazetteer)
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let annotated = ANNOTATOR.annotate(Article {
        id: "fuzz".into(),
        text: text.clone(),
        issued_by: vec!["OSCE Mission to Serbia".into()],
        ..Article::default()
    });
    for m in &annotated.mentions {
        assert!(text.get(m.found.span.range()).is_some());
    }
    for q in &annotated.quotes {
        assert!(text.get(q.span.range()).is_some());
        assert!((0.0..=1.0).contains(&q.confidence));
    }
    let chars: Vec<char> = text.chars().collect();
    let slice =
        |start: u64, end: u64| -> String { chars[start as usize..end as usize].iter().collect() };
    let rows = whosaid::pipeline::rows(&annotated, &ANNOTATOR.gazetteer);
    for row in &rows.sentences {
        assert_eq!(slice(row.start, row.end), row.text);
    }
    for row in &rows.mentions {
        assert_eq!(slice(row.start, row.end), row.surface);
    }
    for row in &rows.quotes {
        assert_eq!(slice(row.start, row.end), row.text);
    }
});
