//! Stage 1, read: input files → [`Article`]s with clean text and metadata.
//!
//! Input formats, chosen by file extension:
//! - `.txt`: page text scraped from osce.org, in the current layout (menu, content type,
//!   title, lead, `- Issued on:` block, lead again, body), the 2015–2022 layout
//!   (`Publishing date:`, `Where we are:`, ...) or the 2013 field-office layout (`Date:`,
//!   `Source:`); plain text with no metadata also works ([`page`]);
//! - `.html`, `.htm`: web pages, read from the document tree html5ever's tree builder
//!   makes ([`html`]);
//! - `.jsonl`: one JSON object per line, `-` for standard input ([`jsonl`]).
//!
//! Every format ends in the same cleaning step ([`clean`]): navigation and boilerplate
//! are dropped, the dateline is taken out of the first paragraph, verbatim repeats are
//! dropped, and paragraphs are joined with a blank line. That joined string is the
//! article's `text`; every later span points into it.
//!
//! [`units`] cuts the inputs into units of work for the pipeline: a page, or a run of lines
//! of a JSON Lines file, so that no file has to be in memory whole.
//!
//! Policy: a file or line that cannot be read becomes a [`Warning`] and is skipped; a file
//! with invalid UTF-8 is decoded lossily with a warning. Nothing here panics on bad input,
//! and nothing is dropped without a warning.

pub mod clean;
pub mod date;
pub mod html;
pub mod jsonl;
pub mod page;
pub mod units;

use std::borrow::Cow;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Warning};
pub use date::Date;

/// One article: clean body text and the metadata the page carried.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Path relative to the input root without extension, or the JSONL `id`.
    pub id: String,
    /// Where it came from: a path, or `path:line` for JSONL.
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub content_type: Option<String>,
    pub published: Option<Date>,
    /// The place part of the dateline, as printed.
    pub dateline: Option<String>,
    pub issued_by: Vec<String>,
    pub fields_of_work: Vec<String>,
    /// Clean body text: paragraphs separated by a blank line.
    pub text: String,
}

/// Input format, from the file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Page,
    Html,
    Jsonl,
}

impl Format {
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Page),
            "html" | "htm" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Where an input's bytes are.
#[derive(Debug, Clone)]
pub enum Location {
    File(PathBuf),
    Stdin,
    Embedded(&'static [u8]),
}

/// One input file, found but not yet read.
#[derive(Debug, Clone)]
pub struct Input {
    /// Shown in warnings and in the `source` column.
    pub source: String,
    /// The article id for single-article formats.
    pub id: String,
    pub format: Format,
    pub location: Location,
}

/// Inputs found under the given paths, in a deterministic order.
#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub skipped: Skipped,
}

/// What discovery left out of the inputs.
#[derive(Debug, Default, Clone)]
pub struct Skipped {
    /// Regular files whose extension is not an input format, or hidden: counted only.
    pub other_files: usize,
    /// Paths that could not be listed (a symbolic-link loop, a dangling link, no
    /// permission) and entries that are not regular files (named pipes, sockets, devices):
    /// each is a warning, written to `warnings.csv` with the run's tables.
    pub warnings: Vec<Warning>,
}

/// Expands files and directories (walked recursively, sorted by path, following symbolic
/// links) into inputs. `-` stands for JSON Lines on standard input. A path that does not
/// exist is an error; what cannot be listed or is not a regular file becomes a warning.
pub fn discover(paths: &[PathBuf]) -> Result<Discovered> {
    let mut found = Discovered::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input {
                source: "<stdin>".into(),
                id: "stdin".into(),
                format: Format::Jsonl,
                location: Location::Stdin,
            });
            continue;
        }
        if !path.exists() {
            return Err(Error::MissingInput { path: path.clone() });
        }
        if !path.is_dir() {
            let root = path.parent().unwrap_or(Path::new(""));
            match (path.file_name(), path.metadata()) {
                (Some(name), Ok(meta)) if meta.is_file() => {
                    push_file(&mut found, path, name, || article_id(root, path))
                }
                (_, Ok(meta)) => found
                    .skipped
                    .warnings
                    .push(not_regular(path, &meta.file_type())),
                (_, Err(err)) => found.skipped.warnings.push(Warning::new(
                    display(path),
                    io_problem("cannot list", path, &err),
                )),
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name();
        for entry in walker {
            match entry {
                Ok(entry) if entry.depth() > 0 => {
                    let file_type = entry.file_type();
                    if file_type.is_dir() {
                        continue;
                    }
                    if file_type.is_file() {
                        let file = entry.path();
                        push_file(&mut found, file, entry.file_name(), || {
                            article_id(path, file)
                        });
                    } else {
                        found
                            .skipped
                            .warnings
                            .push(not_regular(entry.path(), &file_type));
                    }
                }
                Ok(_) => {}
                Err(err) => {
                    let at = err.path().unwrap_or(path);
                    found
                        .skipped
                        .warnings
                        .push(Warning::new(display(at), listing_problem(at, &err)));
                }
            }
        }
    }
    Ok(found)
}

fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The warning for an entry that is neither a directory nor a regular file; it is never
/// opened (reading a named pipe would wait for a writer).
fn not_regular(path: &Path, file_type: &std::fs::FileType) -> Warning {
    #[cfg(unix)]
    let kind = {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            "a named pipe"
        } else if file_type.is_socket() {
            "a socket"
        } else if file_type.is_block_device() || file_type.is_char_device() {
            "a device"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let kind = {
        let _ = file_type;
        "a special file"
    };
    Warning::new(
        display(path),
        format!("skipped: not a regular file ({kind})"),
    )
}

/// Why an entry under an input directory could not be listed, for `warnings.csv`.
fn listing_problem(path: &Path, err: &walkdir::Error) -> String {
    if let Some(ancestor) = err.loop_ancestor() {
        return format!(
            "cannot list: symbolic link loop (it leads back to {})",
            ancestor.display()
        );
    }
    match err.io_error() {
        Some(io) => io_problem("cannot list", path, io),
        None => format!("cannot list: {err}"),
    }
}

/// `what` (such as "cannot read") and the reason, in words: a dangling symbolic link and a
/// permission error are named as such, other errors as the system describes them.
pub fn io_problem(what: &str, path: &Path, err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let is_link = || {
        path.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
    };
    match err.kind() {
        ErrorKind::NotFound if is_link() => {
            format!("{what}: dangling symbolic link (its target does not exist)")
        }
        ErrorKind::PermissionDenied => format!("{what}: permission denied"),
        _ => format!("{what}: {err}"),
    }
}

/// Records the file at `path` (named `name`) as an input if its extension is an input
/// format and it is not hidden, else counts it as another file.
fn push_file(found: &mut Discovered, path: &Path, name: &OsStr, id: impl FnOnce() -> String) {
    let hidden = name.as_encoded_bytes().first() == Some(&b'.');
    match Format::from_path(Path::new(name)) {
        Some(format) if !hidden => found.inputs.push(Input {
            source: path.to_string_lossy().into_owned(),
            id: id(),
            format,
            location: Location::File(path.to_path_buf()),
        }),
        _ => found.skipped.other_files += 1,
    }
}

/// The path relative to `root` without extension, with `/` separators on every platform.
pub fn article_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What reading one input gave: its articles and the problems met on the way.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
}

impl Input {
    /// The raw bytes of the input.
    pub fn load(&self) -> std::result::Result<Cow<'static, [u8]>, Warning> {
        match &self.location {
            Location::Embedded(bytes) => Ok(Cow::Borrowed(bytes)),
            Location::File(path) => std::fs::read(path)
                .map(Cow::Owned)
                .map_err(|e| Warning::new(&self.source, io_problem("cannot read", path, &e))),
            Location::Stdin => {
                use std::io::Read;
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map(|_| Cow::Owned(buf))
                    .map_err(|e| Warning::new(&self.source, format!("cannot read: {e}")))
            }
        }
    }

    /// Reads the input into articles. Never fails: problems become warnings.
    pub fn read(&self) -> ReadOutcome {
        match self.load() {
            Ok(bytes) => read_bytes(&bytes, self.format, &self.source, &self.id),
            Err(warning) => ReadOutcome {
                articles: Vec::new(),
                warnings: vec![warning],
            },
        }
    }
}

/// Reads the bytes of one input of `format`; `source` and `id` name it in articles and
/// warnings. Never fails: problems become warnings.
pub fn read_bytes(bytes: &[u8], format: Format, source: &str, id: &str) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let text = match decode(bytes, source) {
        Ok((text, warning)) => {
            outcome.warnings.extend(warning);
            text
        }
        Err(warning) => {
            outcome.warnings.push(warning.for_article(id));
            return outcome;
        }
    };
    match format {
        Format::Jsonl => jsonl::read(&text, source, &mut outcome),
        Format::Page | Format::Html => {
            let parsed = if format == Format::Page {
                page::parse(&text)
            } else {
                html::parse(&text)
            };
            match parsed.into_article(id.to_string(), source.to_string()) {
                Ok((article, problems)) => {
                    outcome.warnings.extend(
                        problems
                            .into_iter()
                            .map(|problem| Warning::new(source, problem).for_article(id)),
                    );
                    outcome.articles.push(article);
                }
                Err(problem) => outcome
                    .warnings
                    .push(Warning::new(source, problem).for_article(id)),
            }
        }
    }
    outcome
}

/// Bytes → text. Strips a UTF-8 byte-order mark, decodes UTF-16 with a byte-order mark,
/// refuses binary files (a NUL byte in the first 8 KiB) and empty or whitespace-only
/// files, and decodes invalid UTF-8 lossily with a warning.
pub fn decode<'a>(
    bytes: &'a [u8],
    source: &str,
) -> std::result::Result<(Cow<'a, str>, Option<Warning>), Warning> {
    let text: Cow<str>;
    let mut warning = None;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        text = String::from_utf8_lossy(rest);
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let little = bytes[0] == 0xFF;
        let units = bytes[2..].chunks(2).map(|pair| match pair {
            [a, b] if little => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => u16::from(*a),
            _ => 0xFFFD,
        });
        let decoded: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        text = Cow::Owned(decoded);
    } else {
        let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
        if memchr::memchr(0, head).is_some() {
            return Err(Warning::new(source, "binary file (NUL bytes), skipped"));
        }
        // Validation alone is several times faster than the lossy decoder, which is only
        // needed for a broken file.
        text = match std::str::from_utf8(bytes) {
            Ok(valid) => Cow::Borrowed(valid),
            Err(e) => {
                warning = Some(invalid_utf8(source, 1, bytes, e.valid_up_to()));
                String::from_utf8_lossy(bytes)
            }
        };
    }
    if text.trim().is_empty() {
        return Err(empty_file(source));
    }
    Ok((text, warning))
}

/// How many leading bytes may show that a file is binary (a NUL byte among them).
pub(crate) const SNIFF_BYTES: usize = 8192;

/// The warning for invalid UTF-8 at byte `valid_up_to` of `bytes`, which begin at line
/// `first_line` of `source`: it names the line.
pub(crate) fn invalid_utf8(
    source: &str,
    first_line: usize,
    bytes: &[u8],
    valid_up_to: usize,
) -> Warning {
    let line = first_line + memchr::memchr_iter(b'\n', &bytes[..valid_up_to]).count();
    Warning::new(
        format!("{source}:{line}"),
        "invalid UTF-8, decoded with U+FFFD replacement characters",
    )
}

/// The skip of a file with nothing but whitespace.
pub(crate) fn empty_file(source: &str) -> Warning {
    Warning::new(source, "empty file, skipped")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_ids_are_relative_without_extension() {
        let id = article_id(Path::new("corpus"), Path::new("corpus/2024/astana.txt"));
        assert_eq!(id, "2024/astana");
        assert_eq!(article_id(Path::new(""), Path::new("one.html")), "one");
    }

    /// Ids built during the walk are those `article_id` gives for each file's path.
    #[test]
    fn walked_ids_are_article_ids() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        for file in [
            "top.txt",
            "2024/astana.txt",
            "2024/many.dots.in.name.html",
            "2024/deeper/still/page.htm",
            "2024/deeper/x.jsonl",
            "other/name.",
            "other/.hidden.txt",
            "other/notes.md",
            "z/ünï/çödé.txt",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "text").unwrap();
        }
        for start in [root.clone(), root.join("."), root.join("2024/")] {
            let found = discover(std::slice::from_ref(&start)).unwrap();
            assert!(!found.inputs.is_empty());
            for input in &found.inputs {
                let Location::File(path) = &input.location else {
                    panic!("not a file")
                };
                assert_eq!(input.id, article_id(&start, path), "{}", path.display());
                assert_eq!(input.source, path.display().to_string());
            }
        }
        let found = discover(std::slice::from_ref(&root)).unwrap();
        let ids: Vec<&str> = found.inputs.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2024/astana",
                "2024/deeper/still/page",
                "2024/deeper/x",
                "2024/many.dots.in.name",
                "top",
                "z/ünï/çödé"
            ]
        );
        assert_eq!(found.skipped.other_files, 3);
    }

    /// Root reads every file, so a permission error cannot be staged in the tests; the
    /// mapping from the system's error to the recorded reason is checked here instead.
    #[test]
    fn io_errors_are_named_in_words() {
        use std::io::{Error, ErrorKind};
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("page.txt");
        std::fs::write(&file, "x").unwrap();
        let denied = Error::from(ErrorKind::PermissionDenied);
        assert_eq!(
            io_problem("cannot read", &file, &denied),
            "cannot read: permission denied"
        );
        assert_eq!(
            io_problem("cannot list", dir.path(), &denied),
            "cannot list: permission denied"
        );
        let missing = Error::from(ErrorKind::NotFound);
        let gone = dir.path().join("gone.txt");
        assert!(io_problem("cannot read", &gone, &missing).starts_with("cannot read: "));
        assert!(!io_problem("cannot read", &gone, &missing).contains("dangling"));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&gone, &link).unwrap();
            assert_eq!(
                io_problem("cannot list", &link, &missing),
                "cannot list: dangling symbolic link (its target does not exist)"
            );
        }
        let other = Error::other("disk on fire");
        assert_eq!(
            io_problem("cannot read", &file, &other),
            "cannot read: disk on fire"
        );
    }

    #[test]
    fn decode_handles_boms_binary_and_bad_utf8() {
        let (text, w) = decode(b"\xEF\xBB\xBFhello", "f").unwrap();
        assert_eq!((text.as_ref(), w), ("hello", None));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Türkiye".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16, "f").unwrap().0, "Türkiye");
        assert!(decode(b"\x00\x01\x02binary", "f")
            .unwrap_err()
            .problem
            .contains("binary"));
        assert!(decode(b" \n\t ", "f")
            .unwrap_err()
            .problem
            .contains("empty"));
        let (text, w) = decode(b"line one\nbad \xFF byte", "f.txt").unwrap();
        assert_eq!(text, "line one\nbad \u{FFFD} byte");
        assert_eq!(w.unwrap().source, "f.txt:2");
    }
}
