//! Integration tests, in one binary because every test binary links polars.

mod common;

mod bad_input;
mod cli;
mod coverage;
mod golden;
mod mentions;
mod quotes;
mod reader;
mod segmentation;
mod shard;
mod stream;
