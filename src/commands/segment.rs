//! `whosaid segment`: plain text (a file or stdin) to one JSON line per sentence with
//! code-point offsets. Invalid UTF-8 is decoded lossily, with a warning.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use whosaid::segment;
use whosaid::span::CharOffsets;

use super::ParagraphsArg;

#[derive(clap::Args)]
pub struct Args {
    /// A UTF-8 text file; standard input when absent.
    file: Option<PathBuf>,
    /// Where paragraphs break: every line (as in extracted articles), or blank lines
    /// (for hard-wrapped text).
    #[arg(long, value_enum, default_value = "lines")]
    paragraphs: ParagraphsArg,
}

pub fn run(args: &Args) -> Result<()> {
    let file = args.file.as_deref();
    let bytes = match file {
        Some(path) => std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
        None => {
            let mut buf = Vec::new();
            for line in std::io::stdin().lock().split(b'\n') {
                buf.extend(line.context("reading standard input")?);
                buf.push(b'\n');
            }
            buf
        }
    };
    let name = file.map_or("<stdin>".into(), |p| p.display().to_string());
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(e) => {
            eprintln!(
                "whosaid: warning: {name}: invalid UTF-8 at byte {}, decoded lossily",
                e.valid_up_to()
            );
            String::from_utf8_lossy(&bytes)
        }
    };
    let offsets = CharOffsets::new(&text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for sentence in segment::sentences_by(&text, args.paragraphs.into()) {
        let record = serde_json::json!({
            "start": offsets.to_char(sentence.span.start),
            "end": offsets.to_char(sentence.span.end),
            "text": &text[sentence.span.range()],
        });
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    Ok(())
}
