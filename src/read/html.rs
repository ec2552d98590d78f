//! HTML pages (`.html`, `.htm`), parsed with `scraper` (html5ever, a real HTML5 parser).
//!
//! - Title: the first `<h1>`, else `og:title`, else `<title>` without its ` | Site` tail.
//! - Date: `article:published_time`, else the first `<time datetime>`, else a metadata
//!   label in the page text (`Issued on: ...`).
//! - Body: the block elements of `<article>`, else `<main>`, else `<body>`, one line per
//!   block, whitespace collapsed; `nav`, `header`, `footer`, `aside`, `script`, `style`,
//!   `noscript`, `template`, `form` and `h1` are skipped, and so are blocks whose class or
//!   id says they are layout (`header`, `menu`, `sidebar`, `footer`, `related`...).
//! - Metadata labels (`Issued by: ...`, `Fields of work: ...`) anywhere in those lines are
//!   read as on text pages and removed from the body.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::clean::Parsed;
use super::date::Date;
use super::page::{assign, label};

const SKIPPED: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "template", "form", "h1",
    "button", "svg", "iframe", "select",
];
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

fn is_layout_block(el: &scraper::node::Element) -> bool {
    let words = el.attr("class").into_iter().chain(el.attr("id"));
    words
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|w| LAYOUT_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "tr",
    "table",
    "figure",
    "figcaption",
    "pre",
    "address",
];

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

struct Lines {
    done: Vec<String>,
    current: String,
}

impl Lines {
    fn flush(&mut self) {
        let line = collapse(&self.current);
        if !line.is_empty() {
            self.done.push(line);
        }
        self.current.clear();
    }

    /// The text of `root`'s subtree, in document order, with a stack of open elements
    /// instead of recursion: a page of a hundred thousand nested tags must not overflow
    /// the thread's stack.
    fn walk(&mut self, root: ElementRef) {
        // Each open element's remaining children, and whether it is a block (a line ends
        // after it).
        let mut open = vec![(root.children(), false)];
        while let Some((children, block)) = open.last_mut() {
            let Some(child) = children.next() else {
                let block = *block;
                open.pop();
                if block {
                    self.flush();
                }
                continue;
            };
            match child.value() {
                Node::Text(text) => self.current.push_str(text),
                Node::Element(el) => {
                    let name = el.name();
                    if SKIPPED.contains(&name) || is_layout_block(el) {
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.flush();
                    }
                    open.push((child.children(), block));
                }
                _ => {}
            }
        }
    }
}

/// Parses an HTML page.
pub fn parse(source: &str) -> Parsed<'static> {
    let doc = Html::parse_document(source);
    let mut parsed = Parsed::default();
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
    parsed.title = [h1, meta!(&doc, "og:title"), page_title]
        .into_iter()
        .flatten()
        .find(|t| !t.is_empty());
    parsed.url = meta!(&doc, "og:url").or_else(|| {
        select(&doc, selector!("link[rel=\"canonical\"]"))
            .and_then(|l| l.value().attr("href"))
            .map(str::to_string)
    });
    parsed.published = meta!(&doc, "article:published_time")
        .or_else(|| {
            select(&doc, selector!("time[datetime]"))?
                .value()
                .attr("datetime")
                .map(str::to_string)
        })
        .and_then(|d| Date::parse(&d));

    let mut lines = Lines {
        done: Vec::new(),
        current: String::new(),
    };
    if let Some(container) = container {
        lines.walk(container);
    }
    lines.flush();

    let mut i = 0;
    let mut all = lines.done;
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
