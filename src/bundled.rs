//! The sample corpus and gazetteers compiled into the binary (see `build.rs`).

use crate::gazetteer::GazetteerFile;
use crate::read::{Format, Input, Location};

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The bundled sample corpus as inputs, sorted by path.
pub fn corpus() -> Vec<Input> {
    CORPUS
        .iter()
        .filter_map(|&(path, bytes)| {
            let format = Format::from_path(std::path::Path::new(path))?;
            Some(Input {
                source: format!("examples/corpus/{path}"),
                id: crate::read::article_id(std::path::Path::new(""), std::path::Path::new(path)),
                format,
                location: Location::Embedded(bytes),
            })
        })
        .collect()
}

/// The bundled gazetteer files, in name order.
pub fn gazetteers() -> Vec<GazetteerFile> {
    GAZETTEERS
        .iter()
        .map(|&(path, bytes)| GazetteerFile {
            name: format!("gazetteers/{path}"),
            contents: String::from_utf8_lossy(bytes).into_owned(),
        })
        .collect()
}
