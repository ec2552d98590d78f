//! HTML pages (`.html`, `.htm`): html5ever's tree builder makes the document tree (through
//! scraper, `tree`), and the article is read off it as `policy` says: title, URL and
//! date from the page's metadata, body lines from the text of one region, with navigation
//! and layout parts left out. Metadata labels (`Issued by: ...`, `Fields of work: ...`)
//! anywhere in those lines are read as on text pages and removed from the body.
//!
//! Why a tree builder? Which element a piece of text belongs to depends on the HTML5
//! tree-building rules (implied end tags, formatting elements reopened after a block, the
//! "adoption agency" for misnested tags, foster parenting in tables). html5ever implements
//! them as browsers do; reading the tree answers what a reader sees, not an approximation.
//!
//! Pathological pages are cut, not refused: a page nested deeper than `tree::MAX_OPEN`
//! (2,048) elements keeps its text but loses the tags below that depth, with a warning. The
//! tree is walked with a stack on the heap, so no page can overflow the thread's stack.

mod policy;
mod tree;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use super::clean::Parsed;
use super::date::Date;
use super::page::{assign, label};
use policy::{is_block, is_layout, is_skipped, Landmarks};

/// Text with its whitespace runs made single spaces and its ends trimmed, as
/// `split_whitespace` would join it, built from pieces (a word may span two).
#[derive(Default)]
struct Collapsed {
    text: String,
    /// Whitespace was read after the last word.
    space: bool,
}

impl Collapsed {
    /// Appends a piece. Most text is words with single spaces between them: such a run is
    /// found in a tight loop over its bytes and appended at once.
    fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            let space = loop {
                let Some(&b) = bytes.get(i) else {
                    break None;
                };
                match b {
                    b'!'..=b'~' => i += 1,
                    b' ' if i > start && bytes.get(i + 1).is_some_and(u8::is_ascii_graphic) => {
                        i += 1;
                    }
                    b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => break Some(1),
                    0..0x80 => i += 1,
                    _ => {
                        let c = piece[i..].chars().next().unwrap_or(' ');
                        if c.is_whitespace() {
                            break Some(c.len_utf8());
                        }
                        i += c.len_utf8();
                    }
                }
            };
            if i > start {
                self.words(&piece[start..i]);
            }
            if let Some(len) = space {
                self.space = true;
                i += len;
            }
        }
    }

    /// Appends words with single spaces between them, after a space if whitespace came
    /// before them.
    fn words(&mut self, words: &str) {
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(words);
    }
}

/// `s` collapsed as [`Collapsed`] does.
fn collapse(s: &str) -> String {
    let mut collapsed = Collapsed::default();
    collapsed.push(s);
    collapsed.text
}

/// The page's text lines: one per block element, the current one still being filled.
#[derive(Default)]
struct BlockLines {
    done: Vec<String>,
    current: Collapsed,
}

impl BlockLines {
    fn flush(&mut self) {
        let line = std::mem::take(&mut self.current);
        if !line.text.is_empty() {
            self.done.push(line.text);
        }
    }
}

/// The lines of `region`'s text: a line ends at each block and `<br>`; skipped and layout
/// elements are left out.
fn walk(region: ElementRef) -> Vec<String> {
    let mut lines = BlockLines::default();
    // Each open element's remaining children, and whether it is a block (a line ends after
    // it).
    let mut open = vec![(region.children(), false)];
    while let Some((children, block)) = open.last_mut() {
        let Some(child) = children.next() else {
            if *block {
                lines.flush();
            }
            open.pop();
            continue;
        };
        match child.value() {
            Node::Text(text) => lines.current.push(text),
            Node::Element(el) => {
                let name = el.name();
                if is_skipped(name) || is_layout(el) {
                    continue;
                }
                if name == "br" {
                    lines.flush();
                    continue;
                }
                let block = is_block(name);
                if block {
                    lines.flush();
                }
                open.push((child.children(), block));
            }
            _ => {}
        }
    }
    lines.flush();
    lines.done
}

/// What the tree of a page gives: its metadata and body lines, before labels are read.
#[derive(Debug, PartialEq)]
struct Page {
    title: Option<String>,
    url: Option<String>,
    published: Option<Date>,
    lines: Vec<String>,
    /// Tags were dropped to keep the tree within [`tree::MAX_OPEN`] elements.
    cut: bool,
}

fn read(source: &str) -> Page {
    let tree = tree::build(source);
    let mut landmarks = Landmarks::default();
    for edge in tree.doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if let Some(el) = ElementRef::wrap(node) {
                    landmarks.open(el);
                }
            }
            Edge::Close(node) => landmarks.close(node.id()),
        }
    }
    let lines = landmarks.region().map_or_else(Vec::new, walk);
    let metadata = landmarks.metadata();
    Page {
        title: metadata.title,
        url: metadata.url,
        published: metadata.published,
        lines,
        cut: tree.cut,
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
    if page.cut {
        parsed.problems.push(format!(
            "HTML nested deeper than {} elements: tags below that depth ignored, their text kept",
            tree::MAX_OPEN
        ));
    }
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

    #[test]
    fn collapses_as_split_whitespace_joins() {
        use proptest::prelude::*;
        let piece = prop::sample::select(vec![
            "a", "é", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1c}", "\u{85}", "\u{a0}",
            "\u{2009}", "\u{3000}", "’", "x y",
        ]);
        proptest!(|(pieces in prop::collection::vec(piece, 0..20))| {
            let s = pieces.concat();
            let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(collapse(&s), joined.as_str());
            let mut collapsed = Collapsed::default();
            for piece in &pieces {
                collapsed.push(piece);
            }
            prop_assert_eq!(collapsed.text, joined);
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

    /// Where the body lines and the title come from, on the omissions and layouts real
    /// pages have.
    #[test]
    fn reads_regions_blocks_and_layout_parts() {
        let cases: &[(&str, Option<&str>, &[&str])] = &[
            // End tags left out, as the tree-building rules imply them.
            (
                "<p>One<p>Two<div>Three</div>Four</p>Five",
                None,
                &["One", "Two", "Three", "Four", "Five"],
            ),
            (
                "<ul><li>a<li class=share>b<li>c</ul><dl><dt>Issued by:<dd>ODIHR<dt>x</dl>",
                None,
                &["a", "c", "Issued by:", "ODIHR", "x"],
            ),
            (
                "<table><tr><td>c1<td>c2<tr><td>c3</table><form><input>f</form>g",
                None,
                &["c1c2", "c3", "g"],
            ),
            (
                "<p><b>bold<i>both</b>italic</i></p><p>end",
                None,
                &["boldbothitalic", "end"],
            ),
            ("<body><p>x</body><p>after body</html>tail", None, &["x", "after bodytail"]),
            // The `<h1>` is the title, not a line.
            ("<h1>Title<h2>Sub</h2>after</h1><p>text", Some("Title"), &["Sub", "after", "text"]),
            ("<h1></h1><h1>second</h1>", None, &[]),
            ("<!DOCTYPE html><p><a><h1>Hello <h1></h1>&amp;</h1></a>", Some("Hello &"), &[]),
            // The first `<article>`, wherever it is, else the first `<main>`.
            (
                "<div class=menu><p>menu<article><h1>In</h1><p>story</article></div><p>out",
                Some("In"),
                &["story"],
            ),
            (
                "<main><h1>M</h1><p>m1</main><p>between<article><p>a1</article><h1>late</h1>",
                Some("M"),
                &["a1"],
            ),
            ("<aside><article>teaser</article></aside><article>story</article>", None, &["teaser"]),
            // Skipped elements and layout classes and ids.
            (
                "<p>x<br>y</br>z<script>var a = '<p>no</p>';</script><style>p{}</style>w",
                None,
                &["x", "y", "zw"],
            ),
            (
                "<div id=nav-top>n</div><div id=story>s&amp;s&nbsp;t</div><!-- c --><p>e",
                None,
                &["s&s t", "e"],
            ),
            (
                "<noscript><p>ns</p></noscript><template><p>t</p></template><textarea>a<b></textarea>",
                None,
                &["a<b>"],
            ),
        ];
        for (page, title, lines) in cases {
            let read = read(page);
            assert_eq!(read.title.as_deref(), *title, "{page}");
            assert_eq!(read.lines, *lines, "{page}");
            assert!(!read.cut);
        }
    }

    #[test]
    fn metadata_come_from_the_first_element_of_their_kind() {
        let page =
            read("<title>T | S</title><meta name=og:title><meta property=og:title content=OG>");
        assert_eq!(page.title.as_deref(), Some("T"));
        let page = read(
            "<time>no</time><time datetime=2020-01-02>x</time><link rel=canonical href=u>\
             <link rel=canonical href=v>",
        );
        assert_eq!(page.url.as_deref(), Some("u"));
        assert_eq!(page.published, Date::new(2020, 1, 2));
    }

    /// A page nested deeper than the limit keeps its text, with a warning.
    #[test]
    fn cuts_deep_pages() {
        let depth = 100_000;
        let page = format!(
            "{}<p>Deep text.</p>{}<p>After.",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let parsed = parse(&page);
        assert_eq!(parsed.paragraphs, ["Deep text.", "After."]);
        assert_eq!(parsed.problems.len(), 1);
        assert!(parsed.problems[0].contains("nested deeper than 2048"));
        assert!(parse("<div><p>Shallow.</div>").problems.is_empty());
    }
}
