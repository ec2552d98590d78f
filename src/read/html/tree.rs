//! The document tree of a page: html5ever's tokenizer and tree builder, building scraper's
//! [`Html`], with a limit on how deep a page may nest. What the tree means for the article
//! is the parent module's business.
//!
//! Why a limit? At a block's start tag and at most end tags the tree builder looks down its
//! stack of open elements (for a `<p>` to close, for the element to end), so a page of
//! 100,000 nested `<div>`s takes it billions of steps. Real pages nest a few dozen deep.
//! While the builder holds [`MAX_OPEN`] elements, start tags are dropped: their text stays,
//! in the deepest element kept, and the page is marked as cut so that the reader warns.
//!
//! The tree is the one html5ever's own driver builds, with less work: the text between two
//! other tokens reaches the builder in one piece (the tokenizer cuts it at every line end,
//! and each piece costs the builder a token), and the tree's nodes are allocated once for
//! the page's length.

use std::cell::Cell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    TokenizerResult,
};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeBuilderOpts, TreeSink};
use scraper::Html;

/// How many elements the tree builder may hold (open, and formatting elements to reopen)
/// before start tags are dropped.
pub(super) const MAX_OPEN: usize = 2_048;

type Handle = <Html as TreeSink>::Handle;

/// A page's tree, and whether start tags were dropped to keep it within [`MAX_OPEN`].
pub(super) struct Tree {
    pub doc: Html,
    pub cut: bool,
}

/// Parses `source` as an HTML document, as a browser without scripts would.
pub(super) fn build(source: &str) -> Tree {
    let mut doc = Html::new_document();
    // Pages have about one node per 30 bytes; a page of megabytes grows the tree as needed
    // rather than reserving memory for text that may hold few nodes.
    let nodes = (source.len() / 24).min(1 << 16);
    doc.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, nodes);
    let guard = Guard {
        builder: TreeBuilder::new(doc, TreeBuilderOpts::default()),
        counted: 0,
        nodes_then: 0,
        fresh: true,
        cut: false,
        text: None,
    };
    let mut tokenizer = Tokenizer::new(guard, TokenizerOpts::default());
    let mut input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(source));
    // The builder pauses at each `</script>` for the script to run; none is run here.
    while let TokenizerResult::Script(_) = tokenizer.feed(&mut input) {}
    tokenizer.end();
    let guard = tokenizer.sink;
    Tree {
        doc: guard.builder.sink,
        cut: guard.cut,
    }
}

/// Passes tokens to the tree builder, dropping start tags while it holds [`MAX_OPEN`]
/// elements.
///
/// Counting them walks the builder's lists, so they are counted only when they might be
/// that many: the builder cannot hold more than it held at the last count plus the nodes
/// made since.
struct Guard {
    builder: TreeBuilder<Handle, Html>,
    /// The elements held at the last count, and the tree's nodes then.
    counted: usize,
    nodes_then: usize,
    /// No token reached the builder since the last count.
    fresh: bool,
    cut: bool,
    /// Text since the last other token, and the line it began on.
    text: Option<(StrTendril, u64)>,
}

impl Guard {
    fn full(&mut self) -> bool {
        let nodes = self.builder.sink.tree.nodes().len();
        if self.counted + (nodes - self.nodes_then) < MAX_OPEN {
            return false;
        }
        if !self.fresh {
            let count = Count(Cell::new(0));
            self.builder.trace_handles(&count);
            self.counted = count.0.get();
            self.nodes_then = nodes;
            self.fresh = true;
        }
        self.counted >= MAX_OPEN
    }

    fn flush_text(&mut self) {
        if let Some((text, line)) = self.text.take() {
            self.fresh = false;
            // Text never asks the tokenizer to change state.
            let _ = self
                .builder
                .process_token(Token::CharacterTokens(text), line);
        }
    }
}

impl TokenSink for Guard {
    type Handle = Handle;

    fn process_token(&mut self, token: Token, line: u64) -> TokenSinkResult<Handle> {
        if let Token::CharacterTokens(text) = token {
            match &mut self.text {
                Some((pending, _)) => pending.push_tendril(&text),
                None => self.text = Some((text, line)),
            }
            return TokenSinkResult::Continue;
        }
        self.flush_text();
        if matches!(&token, Token::TagToken(tag) if tag.kind == TagKind::StartTag) && self.full() {
            self.cut = true;
            return TokenSinkResult::Continue;
        }
        self.fresh = false;
        self.builder.process_token(token, line)
    }

    fn end(&mut self) {
        self.flush_text();
        self.builder.end();
    }

    /// Asked at `<![CDATA[`. Text not yet passed on could only change the answer inside an
    /// SVG `<foreignObject>` (or the like) with a formatting element left to reopen.
    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Counts the handles the tree builder holds.
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = Handle;

    fn trace_handle(&self, _: &Handle) {
        self.0.set(self.0.get() + 1);
    }
}
