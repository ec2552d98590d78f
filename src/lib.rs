//! whosaid: tables of who said what, who and where is mentioned, and which office covers
//! what, from news articles and press releases.
//!
//! The pipeline, one module per stage, in the order data flows:
//!
//! 1. [`read`]: input files (scraped page text in the osce.org layouts, HTML, JSON Lines)
//!    → [`read::Article`]s: clean body text plus title, date, issuing offices, fields of
//!    work and dateline. Menus and boilerplate are dropped.
//! 2. [`segment`]: article text → paragraphs → [`segment::Sentence`]s, each a byte
//!    [`span::Span`] into the text.
//! 3. [`gazetteer`]: names of people, places and organizations from editable CSV
//!    gazetteers → [`gazetteer::Match`]es, folded for case and diacritics but spanned in
//!    the original text.
//! 4. [`attribute`]: quotation marks and reported speech → [`attribute::Quote`]s with
//!    speaker, role and organization.
//! 5. [`tables`]: rows → CSV and Parquet through one writer.
//!
//! [`pipeline`] wires the stages together. The stages take plain data from the ones before
//! them; the one call across stages is [`attribute`] looking names up in the gazetteer
//! (`Gazetteer::lookup`, `Gazetteer::entity`) to tell a person from a place or an
//! organization and to give a speaker's organization its id. [`coverage`] aggregates the
//! written tables by issuing office, reading them once, row by row; [`stream`] runs the
//! same stages as a JSON Lines filter for cluster engines; [`run_manifest`] is `run.json`.
//!
//! ```
//! use whosaid::{bundled, gazetteer::Gazetteer, pipeline::Annotator, read::Article};
//!
//! let (gazetteer, _warnings) = Gazetteer::load(&bundled::gazetteers()).unwrap();
//! let annotator = Annotator::new(gazetteer);
//! let article = Article {
//!     id: "example".into(),
//!     text: "“We stand ready to help,” said Anna Berg, Head of the OSCE Mission to Serbia.".into(),
//!     ..Article::default()
//! };
//! let annotated = annotator.annotate(article);
//! let quote = &annotated.quotes[0];
//! assert_eq!(quote.speaker.name.as_deref(), Some("Anna Berg"));
//! assert_eq!(quote.speaker.role.as_deref(), Some("Head"));
//! assert_eq!(quote.speaker.org.as_deref(), Some("OSCE Mission to Serbia"));
//! ```

// The stages, in the order data flows through them (one declaration per group, so that
// rustfmt keeps the order).
pub mod read;

pub mod segment;

pub mod gazetteer;

pub mod attribute;

pub mod tables;

// Wiring, outputs and tools around the stages.
pub mod bundled;
pub mod coverage;
pub mod error;
pub mod eval;
pub mod pipeline;
pub mod run_manifest;
pub mod shard;
pub mod span;
pub mod stream;

mod data;
mod scan;
