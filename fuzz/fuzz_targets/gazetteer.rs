#![no_main]
//! Any bytes as a gazetteer CSV file: the loader reports problems, it never panics, and a
//! gazetteer it builds can match any text.

use libfuzzer_sys::fuzz_target;
use whosaid::gazetteer::{Gazetteer, GazetteerFile};

fuzz_target!(|data: &[u8]| {
    let contents = String::from_utf8_lossy(data).into_owned();
    let file = GazetteerFile {
        name: "fuzz.csv".into(),
        contents: contents.clone(),
    };
    if let Ok((gazetteer, _problems)) = Gazetteer::check(&[file]) {
        for m in gazetteer.find(&contents) {
            assert!(contents.get(m.span.range()).is_some());
        }
    }
});
