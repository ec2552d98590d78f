//! The one place where the stages meet: read → segment → match → attribute → tables.
//!
//! [`Annotator::annotate`] runs stages 2–4 on one article and returns typed records with
//! byte spans. [`run`] cuts the inputs into units (a page, or a run of lines of a JSON
//! Lines file: [`crate::read::units`]), reads and annotates batches of units in parallel
//! (rayon, `jobs` threads; the articles of one unit in parallel too), and writes rows in
//! input order, so the tables do not depend on the number of threads and memory is
//! bounded by the batch, not the corpus or the size of one file. Row conversion
//! turns byte spans into code-point offsets here, once per article.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

use crate::attribute::{self, Quote, QuoteKind, SpeakerType};
use crate::error::{Error, Result, Warning};
use crate::gazetteer::{EntityRef, Gazetteer, Match};
use crate::read::units::Unit;
use crate::read::{Article, Input, Skipped};
use crate::segment::{self, Sentence};
use crate::span::{CharOffsets, Span};
use crate::tables::rows::{
    ArticleRow, Articles, MentionRow, Mentions, QuoteRow, Quotes, SentenceRow, Sentences,
    WarningRow,
};
use crate::tables::{Formats, TableWriter};

/// A gazetteer name found in an article, with the sentence it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub found: Match,
    pub sentence: usize,
    /// The article's date lies outside the entity's `valid_from`–`valid_to` (`None`:
    /// either is unknown).
    pub out_of_period: Option<bool>,
}

/// One article with everything the stages found in it.
#[derive(Debug, Clone)]
pub struct Annotated {
    pub article: Article,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub unpaired_marks: usize,
    /// The gazetteer entry of each of `article.issued_by`, if it has one.
    pub issuers: Vec<Option<EntityRef>>,
}

/// The loaded resources of stages 2–4.
pub struct Annotator {
    pub gazetteer: Gazetteer,
    roles: attribute::PersonRoles,
    /// Longer article texts are skipped with a warning: a press release is kilobytes, so
    /// megabytes of text are a broken input (a dump, a binary decoded as text), and its
    /// rows could take gigabytes.
    pub max_article_bytes: usize,
}

/// The default of [`Annotator::max_article_bytes`]: 16 MiB.
pub const MAX_ARTICLE_BYTES: usize = 16 << 20;

fn sentence_of(sentences: &[Sentence], span: Span) -> Option<usize> {
    let i = sentences.partition_point(|s| s.span.end <= span.start);
    sentences
        .get(i)
        .filter(|s| s.span.contains(span))
        .map(|_| i)
}

impl Annotator {
    pub fn new(gazetteer: Gazetteer) -> Annotator {
        let roles = attribute::PersonRoles::new(&gazetteer);
        Annotator {
            gazetteer,
            roles,
            max_article_bytes: MAX_ARTICLE_BYTES,
        }
    }

    /// Why `article` is not annotated, if it is too long.
    pub fn refuses(&self, article: &Article) -> Option<String> {
        (article.text.len() > self.max_article_bytes).then(|| {
            format!(
                "article text is {:.1} MB, more than the limit of {:.1} MB (--max-article-mb); skipped",
                article.text.len() as f64 / (1 << 20) as f64,
                self.max_article_bytes as f64 / (1 << 20) as f64
            )
        })
    }

    pub fn annotate(&self, article: Article) -> Annotated {
        let text = article.text.as_str();
        let sentences = segment::sentences(text);
        // A name that would straddle a sentence boundary is a false match.
        let matches: Vec<_> = self
            .gazetteer
            .find(text)
            .into_iter()
            .filter(|m| sentence_of(&sentences, m.span).is_some())
            .collect();
        let mentions = matches
            .iter()
            .filter_map(|&m| {
                Some(Mention {
                    found: m,
                    sentence: sentence_of(&sentences, m.span)?,
                    out_of_period: self
                        .gazetteer
                        .entity(m.entity)
                        .period
                        .excludes(article.published),
                })
            })
            .collect();
        let issuers: Vec<Option<EntityRef>> = article
            .issued_by
            .iter()
            .map(|office| self.gazetteer.lookup(office))
            .collect();
        let attributed = attribute::attribute(
            text,
            &sentences,
            &matches,
            &self.gazetteer,
            &self.roles,
            &article.issued_by,
            &issuers,
        );
        Annotated {
            issuers,
            sentences,
            mentions,
            quotes: attributed.quotes,
            unpaired_marks: attributed.unpaired_marks,
            article,
        }
    }
}

/// Gazetteer ids of the issuing offices, in order, each once; names the gazetteers do not
/// know are left out (they stay in `issued_by`).
fn issued_by_ids<'a>(issuers: &[Option<EntityRef>], gazetteer: &'a Gazetteer) -> Vec<&'a str> {
    let mut ids: Vec<&str> = Vec::new();
    for entity in issuers.iter().flatten() {
        let id = gazetteer.entity(*entity).id.as_str();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Counts of a finished run.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub inputs: usize,
    pub other_files: usize,
    pub articles: u64,
    pub sentences: u64,
    pub mentions: u64,
    pub quotes: u64,
    pub warnings: u64,
    pub bytes: u64,
    pub seconds: f64,
}

impl Summary {
    pub fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
    }
}

/// All tables of one run.
pub struct Outputs {
    articles: TableWriter<Articles>,
    sentences: TableWriter<Sentences>,
    mentions: TableWriter<Mentions>,
    quotes: TableWriter<Quotes>,
    warnings: TableWriter<WarningRow>,
}

impl Outputs {
    pub fn create(dir: &Path, formats: Formats) -> Result<Outputs> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        Ok(Outputs {
            articles: TableWriter::create(dir, formats)?,
            sentences: TableWriter::create(dir, formats)?,
            mentions: TableWriter::create(dir, formats)?,
            quotes: TableWriter::create(dir, formats)?,
            warnings: TableWriter::create(dir, formats)?,
        })
    }

    pub fn write_warning(&mut self, warning: &Warning) -> Result<()> {
        self.warnings.write(&WarningRow {
            article_id: warning.article_id.clone(),
            source: warning.source.clone(),
            problem: warning.problem.clone(),
        })
    }

    pub fn write(&mut self, a: &Annotated, gazetteer: &Gazetteer) -> Result<()> {
        let rows = rows(a, gazetteer);
        for row in &rows.sentences {
            self.sentences.write(row)?;
        }
        for row in &rows.mentions {
            self.mentions.write(row)?;
        }
        for row in &rows.quotes {
            self.quotes.write(row)?;
        }
        self.articles.write(&rows.article)
    }

    pub fn finish(self) -> Result<()> {
        self.articles.finish()?;
        self.sentences.finish()?;
        self.mentions.finish()?;
        self.quotes.finish()?;
        self.warnings.finish()
    }
}

/// The table rows of one annotated article: what `extract` writes and `stream` prints.
/// They borrow the article and the gazetteer.
#[derive(Debug, Clone)]
pub struct ArticleRows<'a> {
    pub article: ArticleRow<'a>,
    pub sentences: Vec<SentenceRow<'a>>,
    pub mentions: Vec<MentionRow<'a>>,
    pub quotes: Vec<QuoteRow<'a>>,
}

/// Converts an annotated article to rows: code-point offsets, gazetteer ids and names.
pub fn rows<'a>(a: &'a Annotated, gazetteer: &'a Gazetteer) -> ArticleRows<'a> {
    let text = a.article.text.as_str();
    let offsets = CharOffsets::new(text);
    let at = |byte: usize| offsets.to_char(byte) as u64;
    let id = a.article.id.as_str();
    let mut sentences = Vec::with_capacity(a.sentences.len());
    let mut mentions = Vec::with_capacity(a.mentions.len());
    let mut quotes = Vec::with_capacity(a.quotes.len());
    for (i, s) in a.sentences.iter().enumerate() {
        sentences.push(SentenceRow {
            article_id: id,
            sentence_id: i as u32,
            paragraph_id: s.paragraph as u32,
            start: at(s.span.start),
            end: at(s.span.end),
            text: &text[s.span.range()],
        });
    }
    for mention in &a.mentions {
        let m = &mention.found;
        let entity = gazetteer.entity(m.entity);
        mentions.push(MentionRow {
            article_id: id,
            sentence_id: mention.sentence as u32,
            entity_id: &entity.id,
            entity_type: entity.kind,
            name: &entity.name,
            surface: &text[m.span.range()],
            start: at(m.span.start),
            end: at(m.span.end),
            form: m.form,
            alternatives: gazetteer
                .alternatives(m)
                .into_iter()
                .map(|e| gazetteer.entity(e).id.as_str())
                .collect(),
            resolved_by: m.resolution,
            out_of_period: mention.out_of_period,
        });
    }
    for (i, q) in a.quotes.iter().enumerate() {
        let speaker = &q.speaker;
        let id_of = |e: Option<EntityRef>| e.map(|e| gazetteer.entity(e).id.as_str());
        quotes.push(QuoteRow {
            article_id: id,
            quote_id: i as u32,
            kind: q.kind,
            text: &text[q.span.range()],
            start: at(q.span.start),
            end: at(q.span.end),
            speaker: speaker.name.as_deref(),
            speaker_type: speaker.kind,
            speaker_id: id_of(speaker.entity),
            speaker_role: speaker.role.as_deref(),
            speaker_org: speaker.org.as_deref(),
            speaker_org_id: id_of(speaker.org_entity),
            verb: q.verb.as_deref(),
            cue: q.cue_label(),
            confidence: q.confidence,
            speaker_gender: if speaker.kind == SpeakerType::Person {
                speaker.gender
            } else {
                None
            },
            sentence_id: sentence_of(&a.sentences, Span::new(q.span.start, q.span.start))
                .unwrap_or(0) as u32,
        });
    }
    let reported = a
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .count();
    let article = ArticleRow {
        article_id: id,
        source: &a.article.source,
        url: a.article.url.as_deref(),
        title: a.article.title.as_deref(),
        content_type: a.article.content_type.as_deref(),
        published: a.article.published,
        dateline: a.article.dateline.as_deref(),
        issued_by: &a.article.issued_by,
        fields_of_work: &a.article.fields_of_work,
        n_sentences: a.sentences.len() as u32,
        n_mentions: a.mentions.len() as u32,
        n_quotes: (a.quotes.len() - reported) as u32,
        n_reported: reported as u32,
        text,
        issued_by_ids: issued_by_ids(&a.issuers, gazetteer),
    };
    ArticleRows {
        article,
        sentences,
        mentions,
        quotes,
    }
}

/// The article ids given out so far, to rename a repeated one: the second `a` becomes
/// `a~2`, the third `a~3`, skipping any `a~n` that an input already uses.
#[derive(Debug, Default)]
pub(crate) struct ArticleIds {
    taken: foldhash::HashSet<String>,
    /// The suffix to try first for each repeated id, so that the k-th copy of an id does
    /// not try every suffix before its own.
    next: foldhash::HashMap<String, u32>,
}

impl ArticleIds {
    /// Takes `id` and returns `None`, or, if `id` is taken, takes and returns the first
    /// free `id~n` (n ≥ 2).
    pub(crate) fn claim(&mut self, id: &str) -> Option<String> {
        if self.taken.insert(id.to_string()) {
            return None;
        }
        // The ids taken only grow, so no suffix below the remembered one becomes free.
        let n = self.next.entry(id.to_string()).or_insert(2);
        loop {
            let renamed = format!("{id}~{n}");
            *n += 1;
            if self.taken.insert(renamed.clone()) {
                return Some(renamed);
            }
        }
    }
}

/// One input read and annotated: its articles, its warnings and its clean text bytes.
type Processed = (Vec<Annotated>, Vec<Warning>, u64);

/// Writes one batch's rows and warnings in input order, renaming duplicate article ids.
fn write_batch(
    results: Vec<Processed>,
    outputs: &mut Outputs,
    summary: &mut Summary,
    seen_ids: &mut ArticleIds,
    annotator: &Annotator,
    options: &RunOptions,
) -> Result<()> {
    for (annotated, warnings, bytes) in results {
        summary.bytes += bytes;
        for warning in warnings {
            (options.on_warning)(&warning);
            outputs.write_warning(&warning)?;
            summary.warnings += 1;
        }
        for mut a in annotated {
            if let Some(renamed) = seen_ids.claim(&a.article.id) {
                let original = std::mem::replace(&mut a.article.id, renamed);
                let warning = Warning::new(
                    &a.article.source,
                    format!(
                        "duplicate article id {original:?}, renamed to {:?}",
                        a.article.id
                    ),
                )
                .for_article(&a.article.id);
                (options.on_warning)(&warning);
                outputs.write_warning(&warning)?;
                summary.warnings += 1;
            }
            if a.unpaired_marks > 0 {
                let warning = Warning::new(
                    &a.article.source,
                    format!("{} unpaired quotation mark(s)", a.unpaired_marks),
                )
                .for_article(&a.article.id);
                outputs.write_warning(&warning)?;
                summary.warnings += 1;
            }
            outputs.write(&a, &annotator.gazetteer)?;
            summary.articles += 1;
            summary.sentences += a.sentences.len() as u64;
            summary.mentions += a.mentions.len() as u64;
            summary.quotes += a.quotes.len() as u64;
        }
    }
    Ok(())
}

/// How a run is done.
pub struct RunOptions<'a> {
    pub out_dir: &'a Path,
    pub formats: Formats,
    pub jobs: usize,
    /// Called with every warning as it happens (the binary prints them).
    pub on_warning: &'a (dyn Fn(&Warning) + Sync),
    /// Called after each batch with the number of inputs done.
    pub on_progress: &'a (dyn Fn(usize) + Sync),
}

/// Weight of a parallel batch ([`Unit::weight`]: 256 pages, or about 4 MiB of JSON Lines):
/// enough to keep every thread busy, little enough to bound memory.
const BATCH_WEIGHT: usize = 256;

/// Reads one unit and annotates its articles; a refused article becomes a warning in its
/// place.
fn process_unit(unit: &Unit, annotator: &Annotator) -> Processed {
    let mut outcome = unit.read();
    // The articles of one input (the lines of a JSON Lines file) are annotated in
    // parallel too.
    let results: Vec<std::result::Result<Annotated, Warning>> = outcome
        .articles
        .into_par_iter()
        .map(|article| match annotator.refuses(&article) {
            Some(problem) => Err(Warning::new(&article.source, problem).for_article(&article.id)),
            None => Ok(annotator.annotate(article)),
        })
        .collect();
    let mut bytes = 0;
    let mut annotated = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(a) => {
                bytes += a.article.text.len() as u64;
                annotated.push(a);
            }
            Err(warning) => outcome.warnings.push(warning),
        }
    }
    (annotated, outcome.warnings, bytes)
}

/// Reads, annotates and writes every input. Per-input problems become warnings; only
/// output errors stop the run (and then no table is left half-written). What discovery
/// `skipped` is counted, and its warnings lead `warnings.csv`.
pub fn run(
    inputs: &[Input],
    skipped: &Skipped,
    annotator: &Annotator,
    options: &RunOptions,
) -> Result<Summary> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .build()
        .map_err(|e| Error::Table {
            path: options.out_dir.to_path_buf(),
            message: format!("thread pool: {e}"),
        })?;
    let mut outputs = Outputs::create(options.out_dir, options.formats)?;
    let mut summary = Summary {
        inputs: inputs.len(),
        other_files: skipped.other_files,
        ..Summary::default()
    };
    for warning in &skipped.warnings {
        (options.on_warning)(warning);
        outputs.write_warning(warning)?;
        summary.warnings += 1;
    }
    let mut seen_ids = ArticleIds::default();
    let mut done = 0;
    let process = |batch: &[Unit]| -> Vec<Processed> {
        batch
            .par_iter()
            .map(|unit| process_unit(unit, annotator))
            .collect()
    };
    // Batch k is written while batch k + 1 is read and annotated, so the writer does not
    // leave the other threads idle; rows still go out in input order.
    let mut units = crate::read::units::units(inputs);
    let mut next_batch = || {
        let mut batch = Vec::new();
        let mut weight = 0;
        while weight < BATCH_WEIGHT {
            let Some(unit) = units.next() else { break };
            weight += unit.weight();
            batch.push(unit);
        }
        (!batch.is_empty()).then_some(batch)
    };
    let ended = |batch: &[Unit]| batch.iter().filter(|u| u.ends_input()).count();
    let mut current = next_batch().map(|b| (ended(&b), pool.install(|| process(&b))));
    while let Some((size, results)) = current.take() {
        // Runs of JSON Lines are read while the writer works, too.
        let (written, next) = pool.install(|| {
            rayon::join(
                || {
                    write_batch(
                        results,
                        &mut outputs,
                        &mut summary,
                        &mut seen_ids,
                        annotator,
                        options,
                    )
                },
                || next_batch().map(|b| (ended(&b), process(&b))),
            )
        });
        written?;
        done += size;
        (options.on_progress)(done);
        current = next;
    }
    outputs.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::ArticleIds;

    #[test]
    fn repeated_ids_get_the_first_free_suffix() {
        let mut ids = ArticleIds::default();
        let mut claim = |id: &str| ids.claim(id);
        assert_eq!(claim("a"), None);
        // An input's own `a~3` is kept, and the copies of `a` go round it.
        assert_eq!(claim("a~3"), None);
        assert_eq!(claim("a").as_deref(), Some("a~2"));
        assert_eq!(claim("a").as_deref(), Some("a~4"));
        // An `a~5` that comes later is still free, so it is kept; the next copy skips it.
        assert_eq!(claim("a~5"), None);
        assert_eq!(claim("a").as_deref(), Some("a~6"));
        assert_eq!(claim("a~4").as_deref(), Some("a~4~2"));
        assert_eq!(claim("b"), None);
        // Many copies stay quick and distinct.
        let renamed: Vec<String> = (0..2000).filter_map(|_| claim("b")).collect();
        assert_eq!(renamed.len(), 2000);
        assert_eq!(renamed[1999], "b~2001");
    }
}
