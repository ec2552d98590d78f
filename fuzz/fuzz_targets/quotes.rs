#![no_main]
//! Any text as an article through segmentation, matching and attribution: no panic, and
//! every span points into the text.

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
});
