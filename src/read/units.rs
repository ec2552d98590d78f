//! Inputs cut into units of work of bounded size: a page is one unit, and a JSON Lines file
//! (or standard input) is read as it is needed, a run of lines at a time, so that a
//! single large file neither waits in memory whole nor keeps all but one thread idle.
//!
//! A JSON Lines file whose first bytes are a UTF-16 byte-order mark or hold a NUL byte
//! is read whole instead, through [`super::read_bytes`], which decodes or refuses it. The
//! warnings are those of reading the file whole: invalid UTF-8 is reported once, at its
//! first line, and a file with nothing but whitespace is `empty file, skipped`.

use std::io::{BufRead, BufReader, Read};

use super::{
    empty_file, invalid_utf8, jsonl, read_bytes, Format, Input, Location, ReadOutcome, SNIFF_BYTES,
};
use crate::error::Warning;

/// Lines of JSON Lines per unit, at most.
const CHUNK_LINES: usize = 1024;
/// Bytes of JSON Lines per unit, about (a unit always ends at the end of a line).
const CHUNK_BYTES: usize = 1 << 20;

/// A piece of work: read it with [`Unit::read`].
pub enum Unit<'a> {
    /// A whole input.
    Whole(&'a Input),
    /// A whole JSON Lines input that is already in memory (it had to be read to look at).
    Bytes(&'a Input, Vec<u8>),
    /// A run of lines of a JSON Lines input.
    Lines(LineRun<'a>),
}

/// A run of whole lines of one JSON Lines input, with where it starts.
pub struct LineRun<'a> {
    input: &'a Input,
    /// 1-based number of the first line of `text`.
    first_line: usize,
    text: String,
    warnings: Vec<Warning>,
    /// The input ends with this run.
    last: bool,
}

impl Unit<'_> {
    /// Its articles and warnings, in input order. Never fails: problems become warnings.
    pub fn read(&self) -> ReadOutcome {
        match self {
            Unit::Whole(input) => input.read(),
            Unit::Bytes(input, bytes) => read_bytes(bytes, input.format, &input.source, &input.id),
            Unit::Lines(lines) => {
                let mut outcome = ReadOutcome {
                    articles: Vec::new(),
                    warnings: lines.warnings.clone(),
                };
                jsonl::read_lines(
                    &lines.text,
                    &lines.input.source,
                    lines.first_line,
                    &mut outcome,
                );
                outcome
            }
        }
    }

    /// Whether the input is finished with this unit (for progress counts).
    pub fn ends_input(&self) -> bool {
        match self {
            Unit::Whole(_) | Unit::Bytes(..) => true,
            Unit::Lines(lines) => lines.last,
        }
    }

    /// A rough cost, so that a batch holds many small pages or a few runs of lines.
    pub fn weight(&self) -> usize {
        match self {
            Unit::Whole(_) => 1,
            Unit::Bytes(_, bytes) => 1 + bytes.len() / (16 << 10),
            Unit::Lines(lines) => 1 + lines.text.len() / (16 << 10),
        }
    }
}

/// The units of `inputs`, in input order.
pub fn units(inputs: &[Input]) -> Units<'_> {
    Units {
        inputs: inputs.iter(),
        open: None,
    }
}

pub struct Units<'a> {
    inputs: std::slice::Iter<'a, Input>,
    open: Option<OpenLines<'a>>,
}

/// A JSON Lines input being read.
struct OpenLines<'a> {
    input: &'a Input,
    reader: Box<dyn BufRead + Send + 'a>,
    next_line: usize,
    /// Something other than whitespace has been read.
    has_text: bool,
    /// Invalid UTF-8 has been reported.
    warned_utf8: bool,
}

impl<'a> Iterator for Units<'a> {
    type Item = Unit<'a>;

    fn next(&mut self) -> Option<Unit<'a>> {
        if let Some(open) = &mut self.open {
            let unit = open.next_run();
            if unit.ends_input() {
                self.open = None;
            }
            return Some(unit);
        }
        let input = self.inputs.next()?;
        if input.format != Format::Jsonl {
            return Some(Unit::Whole(input));
        }
        let reader: Box<dyn BufRead + Send> = match &input.location {
            Location::File(path) => match std::fs::File::open(path) {
                Ok(file) => Box::new(BufReader::with_capacity(1 << 16, file)),
                // Reading it whole reports the error as every other input's.
                Err(_) => return Some(Unit::Whole(input)),
            },
            Location::Stdin => Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
            Location::Embedded(_) => return Some(Unit::Whole(input)),
        };
        match OpenLines::start(input, reader) {
            Ok(open) => {
                self.open = Some(open);
                self.next()
            }
            Err(unit) => Some(unit),
        }
    }
}

impl<'a> OpenLines<'a> {
    /// Looks at the first bytes: a file that is not plain UTF-8 text is read whole.
    fn start(input: &'a Input, mut reader: Box<dyn BufRead + Send + 'a>) -> Result<Self, Unit<'a>> {
        let mut head = Vec::with_capacity(SNIFF_BYTES);
        if (&mut reader)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut head)
            .is_err()
        {
            // Reading it whole reports the error as every other input's.
            return Err(Unit::Whole(input));
        }
        let plain = !head.starts_with(b"\xFF\xFE")
            && !head.starts_with(b"\xFE\xFF")
            && memchr::memchr(0, &head).is_none();
        if !plain {
            // Give back what was looked at, with the rest, to the whole-file reader.
            let _ = reader.read_to_end(&mut head);
            return Err(Unit::Bytes(input, head));
        }
        let start = if head.starts_with(b"\xEF\xBB\xBF") {
            head.split_off(3)
        } else {
            head
        };
        Ok(OpenLines {
            input,
            reader: Box::new(std::io::Cursor::new(start).chain(reader)),
            next_line: 1,
            has_text: false,
            warned_utf8: false,
        })
    }

    fn next_run(&mut self) -> Unit<'a> {
        let first_line = self.next_line;
        let mut bytes = Vec::new();
        let mut warnings = Vec::new();
        let mut last = false;
        let mut lines = 0;
        while lines < CHUNK_LINES && bytes.len() < CHUNK_BYTES {
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => {
                    last = true;
                    break;
                }
                Ok(_) => lines += 1,
                Err(e) => {
                    warnings.push(Warning::new(
                        format!("{}:{}", self.input.source, first_line + lines),
                        format!("cannot read: {e}; the rest of the file is skipped"),
                    ));
                    last = true;
                    break;
                }
            }
        }
        self.next_line += lines;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                if !self.warned_utf8 {
                    self.warned_utf8 = true;
                    warnings.push(invalid_utf8(&self.input.source, first_line, &bytes, valid));
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
        };
        self.has_text |= !text.trim().is_empty();
        if last && !self.has_text {
            warnings.push(empty_file(&self.input.source).for_article(&self.input.id));
        }
        Unit::Lines(LineRun {
            input: self.input,
            first_line,
            text,
            warnings,
            last,
        })
    }
}
