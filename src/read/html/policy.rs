//! Which parts of an HTML page are the article and where its metadata come from. The tree
//! walk in the parent module asks; this module answers. Nothing here parses HTML.
//!
//! - Body region: the first `<article>`, else the first `<main>`, else `<body>`.
//! - Skipped inside the region: `nav`, `header`, `footer`, `aside`, `script`, `style`,
//!   `noscript`, `template`, `form`, `h1` and a few more ([`is_skipped`]), and any element
//!   whose class or id names a layout part (`header`, `menu`, `sidebar`, `related`...:
//!   [`LAYOUT_WORDS`]), as old CMS themes mark them.
//! - Lines: a block element ([`is_block`]) or a `<br>` ends a line.
//! - Title: the region's first `<h1>`, else the page's first `<h1>`, else `og:title`, else
//!   `<title>` without its ` | Site` tail; the first of these that is not empty.
//! - URL: `og:url`, else `<link rel=canonical>`.
//! - Date: `article:published_time`, else the first `<time datetime>`; a page with neither
//!   may carry a metadata label (`Issued on: ...`), read by the parent module.
//!
//! Metadata are looked up by exact attribute value (`rel="canonical"`, not `Canonical`),
//! and the first matching element counts even when it has no value.

use ego_tree::NodeId;
use scraper::node::Element;
use scraper::ElementRef;

use super::{collapse, Collapsed};
use crate::read::date::Date;

/// Elements whose text is not body text.
pub(super) fn is_skipped(name: &str) -> bool {
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

/// Whether the element's class or id says it is a layout part; words are split at
/// whitespace, `-` and `_`, and compared without case.
pub(super) fn is_layout(el: &Element) -> bool {
    let values = el.attr("class").into_iter().chain(el.attr("id"));
    values
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|w| LAYOUT_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Elements that end a line before and after them.
pub(super) fn is_block(name: &str) -> bool {
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

/// The first element with a given attribute, and its value if it has one.
type First<'a> = Option<Option<&'a str>>;

/// The first element of a kind, the first `<h1>` inside it, and whether the walk is inside
/// it.
#[derive(Default)]
struct Region<'a> {
    el: Option<ElementRef<'a>>,
    h1: Option<ElementRef<'a>>,
    inside: bool,
}

impl<'a> Region<'a> {
    fn open(&mut self, el: ElementRef<'a>) {
        if self.el.is_none() {
            self.el = Some(el);
            self.inside = true;
        }
    }

    fn close(&mut self, node: NodeId) {
        if self.el.is_some_and(|el| el.id() == node) {
            self.inside = false;
        }
    }

    fn h1(&mut self, h1: ElementRef<'a>) {
        if self.inside {
            self.h1.get_or_insert(h1);
        }
    }
}

/// The elements of a page that its metadata and body come from: the first of each kind,
/// seen in document order.
#[derive(Default)]
pub(super) struct Landmarks<'a> {
    article: Region<'a>,
    main: Region<'a>,
    body: Option<ElementRef<'a>>,
    h1: Option<ElementRef<'a>>,
    title: Option<ElementRef<'a>>,
    og_title: First<'a>,
    og_url: First<'a>,
    published_time: First<'a>,
    canonical: First<'a>,
    time: Option<&'a str>,
}

/// The metadata a page gives outside its body lines.
pub(super) struct Metadata {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
}

impl<'a> Landmarks<'a> {
    /// Notes `el` if it is the first of its kind; call it in document order.
    pub(super) fn open(&mut self, el: ElementRef<'a>) {
        let value = el.value();
        match value.name() {
            "article" => self.article.open(el),
            "main" => self.main.open(el),
            "body" => {
                self.body.get_or_insert(el);
            }
            "h1" => {
                self.h1.get_or_insert(el);
                self.article.h1(el);
                self.main.h1(el);
            }
            "title" => {
                self.title.get_or_insert(el);
            }
            "meta" => {
                let named =
                    |key| value.attr("property") == Some(key) || value.attr("name") == Some(key);
                for (key, first) in [
                    ("og:title", &mut self.og_title),
                    ("og:url", &mut self.og_url),
                    ("article:published_time", &mut self.published_time),
                ] {
                    if first.is_none() && named(key) {
                        *first = Some(value.attr("content"));
                    }
                }
            }
            "link" if self.canonical.is_none() && value.attr("rel") == Some("canonical") => {
                self.canonical = Some(value.attr("href"));
            }
            "time" if self.time.is_none() => self.time = value.attr("datetime"),
            _ => {}
        }
    }

    /// Notes the end of the node `node`.
    pub(super) fn close(&mut self, node: NodeId) {
        self.article.close(node);
        self.main.close(node);
    }

    /// The element whose lines are the body.
    pub(super) fn region(&self) -> Option<ElementRef<'a>> {
        self.article.el.or(self.main.el).or(self.body)
    }

    /// Title, URL and date.
    pub(super) fn metadata(self) -> Metadata {
        let text = |el: ElementRef| {
            let mut collapsed = Collapsed::default();
            el.text().for_each(|piece| collapsed.push(piece));
            collapsed.text
        };
        let content = |first: First| {
            let content = collapse(first??);
            (!content.is_empty()).then_some(content)
        };
        let region_h1 = match (self.article.el, self.main.el) {
            (Some(_), _) => self.article.h1,
            (None, Some(_)) => self.main.h1,
            (None, None) => None,
        };
        let h1 = region_h1.or(self.h1).map(text);
        let page_title = self.title.map(|t| {
            let full = text(t);
            full.split(" | ").next().unwrap_or_default().to_string()
        });
        Metadata {
            title: [h1, content(self.og_title), page_title]
                .into_iter()
                .flatten()
                .find(|t| !t.is_empty()),
            url: content(self.og_url).or(self.canonical.flatten().map(str::to_string)),
            published: content(self.published_time)
                .or(self.time.map(str::to_string))
                .and_then(|d| Date::parse(&d)),
        }
    }
}
