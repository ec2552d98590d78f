//! HTML pages (`.html`, `.htm`), read with html5ever's tokenizer (a real HTML5 tokenizer:
//! character references, raw text of scripts and styles, comments).
//!
//! - Title: the first `<h1>` of the body (below), else the page's first `<h1>`, else
//!   `og:title`, else `<title>` without its ` | Site` tail.
//! - Date: `article:published_time`, else the first `<time datetime>`, else a metadata
//!   label in the page text (`Issued on: ...`).
//! - Body: the block elements of the first `<article>`, else of the first `<main>`, else of
//!   the whole page, one line per block, whitespace collapsed; `nav`, `header`, `footer`,
//!   `aside`, `script`, `style`, `noscript`, `template`, `form` and `h1` are skipped, and
//!   so are blocks whose class or id says they are layout (`header`, `menu`, `sidebar`,
//!   `footer`, `related`...).
//! - Metadata labels (`Issued by: ...`, `Fields of work: ...`) anywhere in those lines are
//!   read as on text pages and removed from the body.
//!
//! No document tree is built: the page is read in one pass over its tokens, with a stack
//! of open elements, following the HTML5 tree-building rules that decide which element a
//! piece of text is in: an end tag closes what was opened inside its element, a block
//! closes an open `<p>`, a list item, cell or row closes the previous one, formatting
//! elements (`<b>`, `<a>`...) closed by a block are reopened after it, and one closed
//! around a block leaves the block open (the "adoption agency"). A test reads generated
//! pages, nested, misnested and with end tags left out, with both this reader and a full
//! HTML5 parser (scraper, a test-only dependency) and compares titles, dates and lines.
//!
//! Where they can differ: when a formatting element closes around a block (`<b><span
//! class="menu"><p>x</b>`), a parser moves what the block already holds into other
//! elements afterwards: here `x` leaves the layout `<span>` and is read, and around a
//! layout `<a>` it would enter a copy of it and be skipped. Read in one pass, text stays
//! in the elements it was read in. Only a layout class on an inline element wrapped around
//! a block shows this. Old doctypes that put a browser in quirks
//! mode are read as standard pages (a table then ends an open paragraph). And an end tag
//! looks for its element among the top 1,024 open ones only: a parser looks further, and
//! takes minutes on a page of 100,000 stray ones.

use foldhash::HashMap;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{Attribute, LocalName};

use super::clean::Parsed;
use super::date::Date;
use super::page::{assign, label};

/// Elements whose text is not body text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "nav"
            | "header"
            | "footer"
            | "aside"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "form"
            | "h1"
            | "button"
            | "svg"
            | "iframe"
            | "select"
            // In the head, where body text never is.
            | "title"
    )
}

/// Class or id words of layout blocks in pages without semantic elements (old CMS themes).
const LAYOUT_WORDS: &[&str] = &[
    "header",
    "footer",
    "nav",
    "navigation",
    "menu",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "share",
    "social",
    "cookie",
    "skip",
];

fn is_layout_block(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|a| matches!(&*a.name.local, "class" | "id"))
        .flat_map(|a| {
            a.value
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        })
        .any(|w| LAYOUT_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Elements that end a line before and after them.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "dd"
            | "dt"
            | "dl"
            | "tr"
            | "table"
            | "figure"
            | "figcaption"
            | "pre"
            | "address"
    )
}

/// Elements that never have content or an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "image"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements a parser opens again after a block closed them (see [`Formatting`]).
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Elements whose formatting ends with them (see [`Formatting::Marker`]).
fn is_marker(name: &str) -> bool {
    matches!(
        name,
        "td" | "th" | "caption" | "applet" | "marquee" | "object" | "template"
    )
}

/// Start tags that close an open `<p>` (in button scope) before they open.
fn closes_p(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "header"
                | "hgroup"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "search"
                | "section"
                | "summary"
                | "ul"
                | "pre"
                | "listing"
                | "form"
                | "plaintext"
                | "xmp"
                | "hr"
                | "li"
                | "dd"
                | "dt"
        )
}

/// Elements that hide the elements below them from an end tag (an element "in scope" is
/// one with no boundary above it).
fn is_scope_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements that hide an open `<p>` below them from a start tag that would close it.
fn is_button_scope_boundary(name: &str) -> bool {
    is_scope_boundary(name) || name == "button"
}

/// Elements a `<li>`, `<dd>` or `<dt>` does not look past for the one it closes.
fn is_special(name: &str) -> bool {
    is_block(name)
        || is_skipped(name)
        || is_void(name)
        || is_button_scope_boundary(name)
        || matches!(
            name,
            "html"
                | "body"
                | "head"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "fieldset"
                | "hgroup"
                | "menu"
                | "search"
                | "summary"
                | "listing"
                | "xmp"
                | "plaintext"
                | "textarea"
                | "tbody"
                | "thead"
                | "tfoot"
                | "colgroup"
                | "frameset"
                | "noembed"
                | "noframes"
        )
}

/// `s` with its whitespace runs made single spaces and its ends trimmed, as
/// `split_whitespace` would join it; ASCII is classified without decoding a char.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    let bytes = s.as_bytes();
    // Where the word being read starts.
    let mut word = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => (true, 1),
            0..0x80 => (false, 1),
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        match (space, word) {
            (true, Some(start)) => {
                push(&s[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word {
        push(&s[start..]);
    }
    out
}

/// The page's text lines: one per block element, the current one still being filled.
struct BlockLines {
    done: Vec<String>,
    current: String,
}

impl BlockLines {
    fn flush(&mut self) {
        let line = collapse(&self.current);
        if !line.is_empty() {
            self.done.push(line);
        }
        self.current.clear();
    }
}

/// The part of the page whose lines are the body: the first `<article>`, else the first
/// `<main>`, else the whole page. Which one is known only at the end, but a later region
/// always beats an earlier one, so only the best one so far is read.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Region {
    Page,
    Main,
    Article,
}

struct Open {
    name: LocalName,
    /// A line ends before and after it (a block element).
    block: bool,
    /// Open `p` elements from the nearest button-scope boundary up to this element.
    p_in_scope: u32,
    /// For a formatting element, its number in the list of active formatting elements.
    formatting: Option<u32>,
    /// Its text is not body text (a skipped element or a layout block).
    skips: bool,
    /// See [`is_special`].
    special: bool,
}

/// An entry of the list of active formatting elements: `<b>`, `<a>`... that a parser
/// opens again after a block closed them (`<p><b>bold<p>still bold`). Only what reopening
/// one changes is kept: its name and whether it is a layout block.
enum Formatting {
    /// A table cell (or `<object>`...) began: entries before it are not reopened in it.
    Marker,
    Element {
        id: u32,
        name: LocalName,
        layout: bool,
        open: bool,
    },
}

/// The text of the first element of a kind: where it is in the stack while it is open,
/// and its text.
#[derive(Default)]
struct Capture {
    at: Option<usize>,
    text: String,
    done: bool,
}

impl Capture {
    fn open(&mut self, at: usize) {
        if self.at.is_none() && !self.done {
            self.at = Some(at);
        }
    }

    fn push(&mut self, text: &str) {
        if self.at.is_some() {
            self.text.push_str(text);
        }
    }

    fn close(&mut self, at: usize) {
        if self.at == Some(at) {
            self.at = None;
            self.done = true;
        }
    }

    fn text(self) -> Option<String> {
        self.done.then_some(self.text)
    }
}

/// How far down the stack of open elements an end tag looks for its element. A parser
/// looks all the way down, which makes a page of thousands of unclosed inline elements
/// followed by as many stray end tags take minutes; real pages nest a few dozen deep.
const MAX_SCAN: usize = 1024;

/// The first element with a given attribute and what its value was.
type First = Option<Option<String>>;

/// What is kept of a page, token by token.
#[derive(Default)]
struct Reader {
    open: Vec<Open>,
    /// Open elements by name: an end tag closes one only if one is open.
    counts: HashMap<LocalName, u32>,
    headings: u32,
    region: Option<Region>,
    /// Where the region's element is in `open` (none for the whole page), and whether it
    /// has closed.
    region_at: Option<usize>,
    region_closed: bool,
    /// The outermost open skipped element inside the region.
    skip_at: Option<usize>,
    lines: Option<BlockLines>,
    /// The page's first `<h1>`, and the region's.
    page_h1: Capture,
    region_h1: Capture,
    title: Capture,
    /// The page declares itself HTML (`<!DOCTYPE html>` or a versioned one), so it is not
    /// parsed in quirks mode, where a table does not end a paragraph. (The old doctypes
    /// that still mean quirks mode are not told apart.)
    standards: bool,
    formatting: Vec<Formatting>,
    /// The number of the next formatting element.
    next_id: u32,
    /// End tags (other than of formatting elements) found to close nothing since the stack
    /// last changed: a run of stray end tags costs one search, not one each.
    stray: Vec<LocalName>,
    og_title: First,
    og_url: First,
    published_time: First,
    canonical: First,
    time: First,
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

impl Reader {
    fn reading(&self) -> bool {
        !self.region_closed && self.skip_at.is_none()
    }

    fn text(&mut self, text: &str) {
        self.reopen_formatting();
        self.title.push(text);
        self.page_h1.push(text);
        self.region_h1.push(text);
        if self.reading() {
            if let Some(lines) = &mut self.lines {
                lines.current.push_str(text);
            }
        }
    }

    fn flush(&mut self) {
        if self.reading() {
            if let Some(lines) = &mut self.lines {
                lines.flush();
            }
        }
    }

    fn enter(&mut self, region: Region, at: Option<usize>) {
        self.region = Some(region);
        self.region_at = at;
        self.region_closed = false;
        self.skip_at = None;
        self.lines = Some(BlockLines {
            done: Vec::new(),
            current: String::new(),
        });
        self.region_h1 = Capture::default();
    }

    /// Closes the element on top of the stack.
    fn pop(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        self.stray.clear();
        let at = self.open.len();
        if let Some(id) = open.formatting {
            let entry = self.formatting.iter_mut().rev().find_map(|f| match f {
                Formatting::Element { id: i, open, .. } if *i == id => Some(open),
                _ => None,
            });
            if let Some(open) = entry {
                *open = false;
            }
        }
        if is_marker(&open.name) {
            // A cell's formatting ends with it.
            let marker = self
                .formatting
                .iter()
                .rposition(|f| matches!(f, Formatting::Marker));
            self.formatting.truncate(marker.unwrap_or(0));
        }
        if open.block {
            self.flush();
        }
        if let Some(n) = self.counts.get_mut(&open.name) {
            *n -= 1;
        }
        if is_heading(&open.name) {
            self.headings -= 1;
        }
        if self.skip_at == Some(at) {
            self.skip_at = None;
        }
        if self.region_at == Some(at) {
            // The region's last line ends with it.
            self.flush();
            self.region_closed = true;
        }
        self.title.close(at);
        self.page_h1.close(at);
        self.region_h1.close(at);
    }

    /// Closes elements down to and including the last one that `is` accepts.
    fn pop_until(&mut self, is: impl Fn(&str) -> bool) {
        while let Some(top) = self.open.last() {
            let done = is(&top.name);
            self.pop();
            if done {
                break;
            }
        }
    }

    fn is_open(&self, name: &LocalName) -> bool {
        self.counts.get(name).is_some_and(|&n| n > 0)
    }

    /// Where the last open element that `is` accepts is, if there is one above any element
    /// that `stop` accepts and among the top [`MAX_SCAN`] elements.
    fn find_open(&self, is: impl Fn(&str) -> bool, stop: impl Fn(&Open) -> bool) -> Option<usize> {
        let from_top = self
            .open
            .iter()
            .rev()
            .take(MAX_SCAN)
            .position(|o| is(&o.name) || stop(o))?;
        let at = self.open.len() - 1 - from_top;
        is(&self.open[at].name).then_some(at)
    }

    /// Whether an element named `name` is in scope: open, with no element above it that
    /// `boundary` accepts.
    fn in_scope(&self, name: &str, boundary: impl Fn(&str) -> bool) -> bool {
        self.find_open(|n| n == name, |o| boundary(&o.name))
            .is_some()
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        // The page's own elements: the whole page is read, there is only one of each, and
        // a parser merges a repeated one into the first.
        if matches!(name, "html" | "head" | "body") {
            return TokenSinkResult::Continue;
        }
        // Table parts outside a table are dropped by a parser; inside one, a part closes
        // the open part of its kind (a cell the open cell, a row the open row).
        let table_part: Option<&[&str]> = match name {
            "td" | "th" => Some(&["td", "th"]),
            "tr" => Some(&["tr"]),
            "tbody" | "thead" | "tfoot" | "caption" | "colgroup" => {
                Some(&["tbody", "thead", "tfoot", "caption", "colgroup", "tr"])
            }
            _ => None,
        };
        if let Some(parts) = table_part {
            if !self.is_open(&LocalName::from("table")) {
                return TokenSinkResult::Continue;
            }
            let outer = self.find_open(|n| parts.contains(&n), |o| &*o.name == "table");
            if let Some(at) = outer {
                while self.open.len() > at {
                    self.pop();
                }
            }
        }
        // What else opening this element closes first.
        let closes_p = closes_p(name) || (name == "table" && self.standards);
        if closes_p && self.open.last().is_some_and(|o| o.p_in_scope > 0) {
            self.pop_until(|n| n == "p");
        }
        if matches!(name, "li" | "dd" | "dt") {
            let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
            let found = self.find_open(
                |n| closes.contains(&n),
                |o| o.special && !matches!(&*o.name, "address" | "div" | "p"),
            );
            if found.is_some() {
                self.pop_until(|n| closes.contains(&n));
            }
        }
        if is_heading(name) && self.open.last().is_some_and(|o| is_heading(&o.name)) {
            self.pop();
        }
        if name == "a" {
            // Links do not nest: a new one ends the open one.
            self.end_formatting("a", false);
        }

        match name {
            "meta" => {
                let named = |key: &str| {
                    attr(&tag, "property") == Some(key) || attr(&tag, "name") == Some(key)
                };
                let content = || attr(&tag, "content").map(str::to_string);
                if self.og_title.is_none() && named("og:title") {
                    self.og_title = Some(content());
                }
                if self.og_url.is_none() && named("og:url") {
                    self.og_url = Some(content());
                }
                if self.published_time.is_none() && named("article:published_time") {
                    self.published_time = Some(content());
                }
            }
            "link" if self.canonical.is_none() && attr(&tag, "rel") == Some("canonical") => {
                self.canonical = Some(attr(&tag, "href").map(str::to_string));
            }
            "time" if self.time.is_none() => {
                if let Some(datetime) = attr(&tag, "datetime") {
                    self.time = Some(Some(datetime.to_string()));
                }
            }
            _ => {}
        }

        if !is_special(name) || matches!(name, "br" | "img" | "input" | "embed" | "wbr") {
            self.reopen_formatting();
        }
        if is_void(name) {
            if name == "br" {
                self.flush();
            }
            return TokenSinkResult::Continue;
        }

        let raw = match name {
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        };
        let layout = is_layout_block(&tag.attrs);
        if is_marker(name) {
            self.formatting.push(Formatting::Marker);
        }
        let id = self.push(tag.name.clone(), layout);
        if is_formatting(name) {
            // At most three alike since the last marker (a parser's "Noah's Ark" rule, here
            // by name and layout only): the oldest leaves. It keeps a page of many unclosed
            // `<b>`s from being reopened in every paragraph.
            let alike = |f: &Formatting| matches!(f, Formatting::Element { name: n, layout: l, .. } if *n == tag.name && *l == layout);
            let since_marker = self
                .formatting
                .iter()
                .rposition(|f| matches!(f, Formatting::Marker))
                .map_or(0, |i| i + 1);
            let mut alike_at =
                (since_marker..self.formatting.len()).filter(|&i| alike(&self.formatting[i]));
            if let (Some(oldest), 3..) = (alike_at.next(), 1 + alike_at.count()) {
                self.formatting.remove(oldest);
            }
            self.formatting.push(Formatting::Element {
                id,
                name: tag.name,
                layout,
                open: true,
            });
        }
        raw
    }

    /// Opens an element (`layout`: its class or id says it is a layout block) and returns
    /// its number as a formatting element.
    fn push(&mut self, name: LocalName, layout: bool) -> u32 {
        self.stray.clear();
        let at = self.open.len();
        let region = match &*name {
            "article" => Some(Region::Article),
            "main" => Some(Region::Main),
            _ => None,
        }
        .filter(|r| self.region.is_none_or(|current| *r > current));
        let (block, skips) = if let Some(region) = region {
            self.flush();
            self.enter(region, Some(at));
            (false, false)
        } else {
            let skips = is_skipped(&name) || layout;
            let block = is_block(&name) && !skips;
            if block {
                self.flush();
            }
            if skips && self.skip_at.is_none() && !self.region_closed {
                self.skip_at = Some(at);
            }
            (block, skips)
        };
        let below = self.open.last().map_or(0, |o| o.p_in_scope);
        let p_in_scope = if is_button_scope_boundary(&name) {
            0
        } else {
            below
        } + u32::from(&*name == "p");
        match &*name {
            "h1" => {
                self.page_h1.open(at);
                if !self.region_closed {
                    self.region_h1.open(at);
                }
            }
            "title" => self.title.open(at),
            _ => {}
        }
        if is_heading(&name) {
            self.headings += 1;
        }
        *self.counts.entry(name.clone()).or_insert(0) += 1;
        let id = self.next_id;
        self.next_id += 1;
        let formatting = is_formatting(&name).then_some(id);
        let special = is_special(&name);
        self.open.push(Open {
            name,
            block,
            p_in_scope,
            formatting,
            skips,
            special,
        });
        id
    }

    fn end(&mut self, tag: Tag) {
        let name = &*tag.name;
        let table = |n: &str| matches!(n, "html" | "table" | "template");
        if name == "br" {
            self.flush();
        } else if name == "p" {
            if self.open.last().is_some_and(|o| o.p_in_scope > 0) {
                self.pop_until(|n| n == "p");
            } else {
                // An empty paragraph, as a parser would make of it.
                self.flush();
            }
        } else if is_heading(name) {
            if self.headings > 0 {
                self.pop_until(is_heading);
            }
        } else if is_formatting(name) {
            self.end_formatting(name, true);
        } else if !self.is_open(&tag.name) || self.stray.contains(&tag.name) {
            // Nothing to close (this includes `</body>` and `</html>`, after which a parser
            // goes on adding text to the elements still open).
        } else {
            let depth = self.open.len();
            if matches!(
                name,
                "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup"
            ) {
                if self.in_scope(name, table) {
                    self.pop_until(|n| n == name);
                }
            } else if is_special(name) {
                let list = name == "li";
                if self.in_scope(name, |n| {
                    is_scope_boundary(n) || (list && matches!(n, "ol" | "ul"))
                }) {
                    self.pop_until(|n| n == name);
                }
            } else {
                self.close_inline(name, false);
            }
            if self.open.len() == depth {
                self.stray.push(tag.name);
            }
        }
    }

    /// Closes the last open `name`, an inline element (`span`, `b`, `a`...), unless a
    /// special element (a block, a list item...) was opened inside it: a parser keeps that
    /// one open, and its text is read as inside both.
    fn close_inline(&mut self, name: &str, adopt: bool) {
        if let Some(at) = self.find_open(|n| n == name, |o| o.special) {
            let id = self.open[at].formatting;
            while self.open.len() > at {
                self.pop();
            }
            self.drop_formatting(id);
        } else if adopt {
            self.adopt(name);
        }
    }

    /// The end of a formatting element, by its end tag or by a new `<a>` (`end_tag`
    /// false): one that a block closed is no longer reopened, an open one closes. Only
    /// those since the last marker count (a table cell does not close a link around the
    /// table).
    fn end_formatting(&mut self, name: &str, end_tag: bool) {
        let last = self.formatting.iter().rposition(|f| match f {
            Formatting::Marker => true,
            Formatting::Element { name: n, .. } => &**n == name,
        });
        match last.map(|at| (at, &self.formatting[at])) {
            Some((at, Formatting::Element { open: false, .. })) => {
                self.formatting.remove(at);
            }
            Some((_, Formatting::Element { open: true, .. })) => self.close_inline(name, true),
            _ if end_tag => self.close_inline(name, false),
            _ => {}
        }
    }

    /// A formatting element closed by its own end tag is not reopened.
    fn drop_formatting(&mut self, id: Option<u32>) {
        self.formatting
            .retain(|f| !matches!(f, Formatting::Element { id: i, .. } if Some(*i) == id));
    }

    /// The end tag of a formatting element with a block opened inside it (`<b><p>x</b>y`).
    /// A parser moves the block out of it (the "adoption agency"): the block stays open,
    /// and the formatting element and the other inline elements between them are no longer
    /// open, so that `y` is in neither. Text already read stays where it was read (a tree
    /// moves it out of those inline elements too, which only a layout class on one of them
    /// can tell).
    fn adopt(&mut self, name: &str) {
        let Some(at) = self.find_open(|n| n == name, |_| false) else {
            return;
        };
        let Some(block) = (at + 1..self.open.len()).find(|&i| self.open[i].special) else {
            return;
        };
        let id = self.open[at].formatting;
        for i in (at..block).rev() {
            if i == at || !is_formatting(&self.open[i].name) {
                self.remove(i);
            }
        }
        self.drop_formatting(id);
    }

    /// Takes the inline element at `i` out of the middle of the stack.
    fn remove(&mut self, i: usize) {
        let open = self.open.remove(i);
        self.stray.clear();
        if let Some(n) = self.counts.get_mut(&open.name) {
            *n -= 1;
        }
        if let Some(id) = open.formatting {
            self.drop_formatting(Some(id));
        }
        let shift = |at: &mut usize| {
            if *at > i {
                *at -= 1;
            }
        };
        if let Some(at) = &mut self.region_at {
            shift(at);
        }
        for capture in [&mut self.title, &mut self.page_h1, &mut self.region_h1] {
            if let Some(at) = &mut capture.at {
                shift(at);
            }
        }
        match self.skip_at {
            // The outermost skipped element inside the region: the next one, if any, is
            // above it.
            Some(at) if at == i => {
                self.skip_at = (i..self.open.len()).find(|&k| self.open[k].skips);
            }
            Some(ref mut at) => shift(at),
            None => {}
        }
    }

    /// Opens again the formatting elements that a block closed, before text or an inline
    /// element is added.
    fn reopen_formatting(&mut self) {
        let closed = |f: &Formatting| matches!(f, Formatting::Element { open: false, .. });
        if !self.formatting.last().is_some_and(closed) {
            return;
        }
        let first = self
            .formatting
            .iter()
            .rposition(|f| !closed(f))
            .map_or(0, |i| i + 1);
        for i in first..self.formatting.len() {
            let Formatting::Element { name, layout, .. } = &self.formatting[i] else {
                continue;
            };
            let (name, layout) = (name.clone(), *layout);
            let id = self.push(name, layout);
            if let Formatting::Element {
                id: entry, open, ..
            } = &mut self.formatting[i]
            {
                *entry = id;
                *open = true;
            }
        }
    }

    fn finish(&mut self) {
        while !self.open.is_empty() {
            self.pop();
        }
        self.flush();
    }
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&mut self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return self.start(tag),
                TagKind::EndTag => self.end(tag),
            },
            Token::CharacterTokens(text) => self.text(&text),
            Token::DoctypeToken(doctype) => {
                self.standards = !doctype.force_quirks
                    && doctype.name.is_some_and(|n| n.eq_ignore_ascii_case("html"));
            }
            Token::EOFToken => self.finish(),
            // Comments, NUL characters (which a parser drops from body text)
            // and parse errors.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// What the tokens of a page give: its metadata and body lines, before labels are read.
#[derive(Debug, PartialEq)]
struct Page {
    title: Option<String>,
    url: Option<String>,
    published: Option<Date>,
    lines: Vec<String>,
}

fn read(source: &str) -> Page {
    let mut reader = Reader::default();
    reader.enter(Region::Page, None);
    let mut tokenizer = Tokenizer::new(reader, TokenizerOpts::default());
    let mut input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // The reader never asks to run a script, which is the only reason to stop early.
    let _ = tokenizer.feed(&mut input);
    tokenizer.end();
    let reader = tokenizer.sink;

    let meta = |content: First| {
        let content = collapse(&content??);
        (!content.is_empty()).then_some(content)
    };
    let page_title = reader.title.text().map(|t| {
        let full = collapse(&t);
        full.split(" | ").next().unwrap_or_default().to_string()
    });
    let page_h1 = reader.page_h1.text();
    let h1 = match reader.region {
        Some(Region::Page) | None => page_h1,
        Some(_) => reader.region_h1.text().or(page_h1),
    }
    .map(|h1| collapse(&h1));
    Page {
        title: [h1, meta(reader.og_title), page_title]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty()),
        url: meta(reader.og_url).or(reader.canonical.flatten()),
        published: meta(reader.published_time)
            .or(reader.time.flatten())
            .and_then(|d| Date::parse(&d)),
        lines: reader.lines.map_or_else(Vec::new, |l| l.done),
    }
}

/// Parses an HTML page.
pub fn parse(source: &str) -> Parsed<'static> {
    let page = read(source);
    let mut parsed = Parsed {
        title: page.title,
        url: page.url,
        published: page.published,
        ..Parsed::default()
    };
    let mut i = 0;
    let mut all = page.lines;
    while i < all.len() {
        let line = all[i].as_str();
        match label(line) {
            Some(found) if line.chars().count() <= 300 => {
                i += 1;
                let mut values = vec![found.value];
                // `<dt>Issued by:</dt><dd>...</dd>` puts the value on the next line.
                if found.value.is_empty()
                    && i < all.len()
                    && label(&all[i]).is_none()
                    && all[i].chars().count() <= 150
                {
                    values = vec![all[i].as_str()];
                    i += 1;
                }
                let keep_date = parsed.published;
                assign(&mut parsed, found.field, &values);
                parsed.published = keep_date.or(parsed.published);
            }
            _ => {
                parsed.paragraphs.push(std::mem::take(&mut all[i]).into());
                i += 1;
            }
        }
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader this one replaced: scraper's document tree (html5ever's tree builder),
    /// then a walk of the container, with the same element classes. On well-formed pages and the usual omissions the two
    /// must agree.
    mod reference {
        use std::sync::LazyLock;

        use scraper::{ElementRef, Html, Node, Selector};

        use super::super::{collapse, is_block, is_skipped, BlockLines, Date, Page, LAYOUT_WORDS};

        fn is_layout_block(el: &scraper::node::Element) -> bool {
            let words = el.attr("class").into_iter().chain(el.attr("id"));
            words
                .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
                .any(|w| LAYOUT_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        }

        /// A selector parsed once per run: every page asks the same ones.
        macro_rules! selector {
            ($css:expr) => {{
                static SELECTOR: LazyLock<Selector> =
                    // The selectors are constants of this file; a parse failure is a bug here.
                    LazyLock::new(|| Selector::parse($css).expect("a valid CSS selector"));
                &*SELECTOR
            }};
        }

        fn select<'a>(doc: &'a Html, selector: &Selector) -> Option<ElementRef<'a>> {
            doc.select(selector).next()
        }

        /// `<meta property=...>` or `<meta name=...>` content, whitespace collapsed.
        macro_rules! meta {
            ($doc:expr, $property:literal) => {
                meta_content(
                    $doc,
                    selector!(concat!(
                        "meta[property=\"",
                        $property,
                        "\"], meta[name=\"",
                        $property,
                        "\"]"
                    )),
                )
            };
        }

        fn meta_content(doc: &Html, selector: &Selector) -> Option<String> {
            let el = select(doc, selector)?;
            let content = collapse(el.value().attr("content")?);
            (!content.is_empty()).then_some(content)
        }

        fn walk(lines: &mut BlockLines, root: ElementRef) {
            // Each open element's remaining children, and whether it is a block (a line ends
            // after it).
            let mut open = vec![(root.children(), false)];
            while let Some((children, block)) = open.last_mut() {
                let Some(child) = children.next() else {
                    let block = *block;
                    open.pop();
                    if block {
                        lines.flush();
                    }
                    continue;
                };
                match child.value() {
                    Node::Text(text) => lines.current.push_str(text),
                    Node::Element(el) => {
                        let name = el.name();
                        if is_skipped(name) || is_layout_block(el) {
                            continue;
                        }
                        if name == "br" {
                            lines.flush();
                            continue;
                        }
                        let Some(child) = ElementRef::wrap(child) else {
                            continue;
                        };
                        let block = is_block(name);
                        if block {
                            lines.flush();
                        }
                        open.push((child.children(), block));
                    }
                    _ => {}
                }
            }
        }
        pub(super) fn read(source: &str) -> Page {
            let doc = Html::parse_document(source);
            let container = select(&doc, selector!("article"))
                .or_else(|| select(&doc, selector!("main")))
                .or_else(|| select(&doc, selector!("body")));

            let h1 = container
                .and_then(|c| c.select(selector!("h1")).next())
                .or_else(|| select(&doc, selector!("h1")))
                .map(|h| collapse(&h.text().collect::<String>()));
            let page_title = select(&doc, selector!("title")).map(|t| {
                let full = collapse(&t.text().collect::<String>());
                full.split(" | ").next().unwrap_or_default().to_string()
            });
            let title = [h1, meta!(&doc, "og:title"), page_title]
                .into_iter()
                .flatten()
                .find(|t| !t.is_empty());
            let url = meta!(&doc, "og:url").or_else(|| {
                select(&doc, selector!("link[rel=\"canonical\"]"))
                    .and_then(|l| l.value().attr("href"))
                    .map(str::to_string)
            });
            let published = meta!(&doc, "article:published_time")
                .or_else(|| {
                    select(&doc, selector!("time[datetime]"))?
                        .value()
                        .attr("datetime")
                        .map(str::to_string)
                })
                .and_then(|d| Date::parse(&d));

            let mut lines = BlockLines {
                done: Vec::new(),
                current: String::new(),
            };
            if let Some(container) = container {
                walk(&mut lines, container);
            }
            lines.flush();

            Page {
                title,
                url,
                published,
                lines: lines.done,
            }
        }
    }

    #[test]
    fn collapses_as_split_whitespace_joins() {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "a", "é", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1c}", "\u{85}", "\u{a0}",
            "\u{2009}", "\u{3000}", "’", "x y",
        ]);
        proptest!(|(pieces in prop::collection::vec(piece, 0..20))| {
            let s = pieces.concat();
            prop_assert_eq!(collapse(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
        });
    }

    /// Every bundled HTML page, and the omissions and layouts real pages have, read as a
    /// full parser reads them.
    #[test]
    fn reads_pages_as_a_tree_builder_does() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/corpus/html");
        let mut pages: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert!(pages.len() >= 5);
        pages.extend(
            [
                "<p>One<p>Two<div>Three</div>Four</p>Five",
                "<ul><li>a<li class=share>b<li>c</ul><dl><dt>Issued by:<dd>ODIHR<dt>x</dl>",
                "<h1>Title<h2>Sub</h2>after</h1><p>text",
                "<p>a<h1>T</h1>b</p>c</p>d",
                "<div class=menu><p>menu<article><h1>In</h1><p>story</article></div><p>out",
                "<main><h1>M</h1><p>m1</main><p>between<article><p>a1</article><h1>late</h1>",
                "<aside><article>teaser</article></aside><article>story</article>",
                "<body><p>x</body><p>after body</html>tail",
                "<title>T | S</title><meta name=og:title><meta property=og:title content=OG><p>t",
                "<time>no</time><time datetime=2020-01-02>x</time><link rel=canonical href=u>",
                "<p>x<br>y</br>z<script>var a = '<p>no</p>';</script><style>p{}</style>w",
                "<div id=nav-top>n</div><div id=story>s&amp;s&nbsp;t</div><!-- c --><p>e",
                "<table><tr><td>c1<td>c2<tr><td>c3</table><form><input>f</form>g",
                "<noscript><p>ns</p></noscript><template><p>t</p></template><textarea>a<b></textarea>",
                "<p><b>bold<i>both</b>italic</i></p><p>end",
                "",
                "plain text only",
                "<h1></h1><h1>second</h1>",
                // Cases where the first versions of this reader and the parser parted.
                "<div><article>Hello </article></div>",
                "<a class=menu><a>&amp;</a></a>",
                "<ul></ul><span><p>Hello </span>&amp;",
                "<b class=menu><p></b>&amp;",
                "<p><a class=menu><p>&amp;</a>",
                "<h1><article><h1></h1></article>&amp;</h1>",
                "<!DOCTYPE html><div id=story><p class=menu><table><tr><td>Hi <tr><td></table>",
                "<!DOCTYPE html><p><a><h1>Hello <h1></h1>&amp;</h1></a>",
                "<section><a><p></a></section><h1>Hello <h1>&amp;</h1></h1>",
                "<p><a class=menu><nav></nav></a><div>Hello </div>",
                "<p><a class=menu><nav></nav><a></a>&amp;</a>",
                "<a class=menu><table><tr><td><a></a><tr><td>&amp;</table></a>",
            ]
            .map(String::from),
        );
        for page in &pages {
            assert_eq!(read(page), reference::read(page), "{page}");
        }
    }

    /// Generated pages: nested blocks, inline elements, skipped and layout elements, text
    /// with character references, and `<p>` and `<li>` with their end tags left out.
    #[test]
    fn reads_generated_pages_as_a_tree_builder_does() {
        use proptest::prelude::*;
        let text = prop::sample::select(vec![
            "Hello ",
            "world",
            " ",
            "\n  ",
            "&amp;",
            "a&nbsp;b",
            "Issued by: ODIHR",
            "<!-- c -->",
            "<br>",
            "<img src=x>",
            "é’",
            "Fields of work:",
        ])
        .prop_map(String::from);
        let element = prop::sample::select(vec![
            "div",
            "p",
            "span",
            "b",
            "section",
            "article",
            "main",
            "nav",
            "header",
            "h1",
            "h2",
            "h3",
            "blockquote",
            "a",
            "aside",
            "figure",
            "i",
        ]);
        let attrs =
            prop::sample::select(vec!["", " class=menu", " id=story", " class='x-share y'"]);
        let node = text.prop_recursive(5, 64, 6, move |inner| {
            (
                element.clone(),
                attrs.clone(),
                prop::collection::vec(inner.clone(), 0..5),
                any::<bool>(),
                prop::collection::vec(inner, 0..3),
            )
                .prop_map(|(name, attrs, children, closed, items)| {
                    // A layout class on an inline element around other elements is where
                    // a tree and a stream can part (see the module header).
                    let inline = matches!(name, "a" | "b" | "i" | "span");
                    let attrs = if inline && children.iter().any(|c| c.contains('<')) {
                        ""
                    } else {
                        attrs
                    };
                    match name {
                        // Lists and their items, whose end tags are often left out.
                        "section" if !closed => {
                            let items: String =
                                items.iter().map(|i| format!("<li{attrs}>{i}")).collect();
                            format!("<ul>{items}</ul>{}", children.concat())
                        }
                        // Tables and definition lists, with the end tags of their parts
                        // left out.
                        "figure" if !closed => {
                            let cells: String =
                                items.iter().map(|i| format!("<td{attrs}>{i}")).collect();
                            format!("<table><tr>{cells}<tr><td>{}</table>", children.concat())
                        }
                        "blockquote" if !closed => {
                            let terms: String = items
                                .iter()
                                .map(|i| format!("<dt>{i}<dd{attrs}>{i}"))
                                .collect();
                            format!("<dl>{terms}</dl>{}", children.concat())
                        }
                        // A paragraph without its end tag, with text in it.
                        "p" if !closed => format!("<p{attrs}>{}", items.concat().replace('<', "")),
                        _ => format!("<{name}{attrs}>{}</{name}>", children.concat()),
                    }
                })
        });
        let head = prop::sample::select(vec![
            "",
            "<title>Page | Site</title>",
            "<meta property=og:title content=' Og  title '><title>T</title>",
            "<meta name=article:published_time content=2019-05-14><link rel=canonical href=/x>",
            "<script>if (a < b) {}</script>",
        ]);
        let page = (head, prop::collection::vec(node, 0..6)).prop_map(|(head, body)| {
            format!(
                "<!DOCTYPE html><html><head>{head}</head><body>{}</body></html>",
                body.concat()
            )
        });
        proptest!(ProptestConfig::with_cases(3_000), |(page in page)| {
            prop_assert_eq!(read(&page), reference::read(&page), "{}", page);
        });
    }

    /// Tag soup of any order (stray end tags, table parts outside tables, formatting
    /// elements closed across blocks): no panic, and every line is collapsed text.
    #[test]
    fn reads_tag_soup() {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "<p>",
            "</p>",
            "<b class=menu>",
            "</b>",
            "<a>",
            "</a>",
            "<i>",
            "</i>",
            "<div>",
            "</div>",
            "<li>",
            "</li>",
            "<ul>",
            "</ul>",
            "<table>",
            "</table>",
            "<tr>",
            "<td>",
            "</td>",
            "<h1>",
            "</h1>",
            "<h2>",
            "</h2>",
            "<article>",
            "</article>",
            "<main>",
            "</main>",
            "<nav>",
            "</nav>",
            "<span id=share>",
            "</span>",
            "<br>",
            "</br>",
            "<title>",
            "</title>",
            "<script>",
            "</script>",
            "<template>",
            "</template>",
            "<object>",
            "</object>",
            "<dd>",
            "<dt>",
            "</body>",
            "<html>",
            "<!DOCTYPE html>",
            "x",
            " y ",
            "&amp;",
            "\n",
        ]);
        proptest!(ProptestConfig::with_cases(5_000), |(pieces in prop::collection::vec(piece, 0..60))| {
            let page = read(&pieces.concat());
            for line in &page.lines {
                prop_assert!(!line.is_empty() && *line == collapse(line), "{:?}", line);
            }
        });
    }

    #[test]
    fn reads_title_date_body_and_labels() {
        let page = r#"<html><head><title>Ignored | OSCE</title>
            <meta property="article:published_time" content="2019-05-14T09:00:00+02:00">
            <style>p { color: red }</style></head>
            <body><header><nav><a>Menu</a></nav></header>
            <main><article><h1>Head&amp;line</h1>
            <p>First   paragraph with <b>bold</b> text.</p>
            <ul><li>Issued by: OSCE Mission to Serbia, ODIHR</li></ul>
            <p>Second&nbsp;one.<br>Third line.</p>
            <script>var x = "never";</script></article></main>
            <footer>Footer text</footer></body></html>"#;
        let parsed = parse(page);
        assert_eq!(parsed.title.as_deref(), Some("Head&line"));
        assert_eq!(parsed.published, Date::new(2019, 5, 14));
        assert_eq!(parsed.issued_by, ["OSCE Mission to Serbia", "ODIHR"]);
        assert_eq!(
            parsed.paragraphs,
            [
                "First paragraph with bold text.",
                "Second one.",
                "Third line."
            ]
        );
    }

    #[test]
    fn falls_back_to_body_and_title_element() {
        let parsed = parse(
            "<title>Only title | Site</title><p>Text.</p><time datetime=\"2011-02-03\">x</time>",
        );
        assert_eq!(parsed.title.as_deref(), Some("Only title"));
        assert_eq!(parsed.published, Date::new(2011, 2, 3));
        assert_eq!(parsed.paragraphs, ["Text.", "x"]);
    }
}
