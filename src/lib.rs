//! whosaid: tables of who said what, who and where is mentioned, and which office covers
//! what, from news articles and press releases.
pub mod error;
pub mod read;
pub mod span;
mod data;
