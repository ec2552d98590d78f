//! Gazetteer matching throughput: a generated 100,000-entry gazetteer on top of the
//! bundled one, and the bundled corpus's article text repeated to 50 MB, one thread.
//!
//! `cargo bench --bench gazetteer` (or `-- 200` for 200 MB). Prints the seconds to parse
//! the CSV and compile the automaton, MB/s of matching (best of five), the mention count,
//! and the peak resident memory.

mod common;

use std::hint::black_box;
use std::time::Instant;

use whosaid::bundled;
use whosaid::gazetteer::{Gazetteer, GazetteerFile};

const ENTRIES: usize = 100_000;

fn main() {
    let mut files = bundled::gazetteers();
    files.push(GazetteerFile {
        name: "generated.csv".into(),
        contents: generated_csv(ENTRIES),
    });
    let start = Instant::now();
    let (gazetteer, problems) = Gazetteer::load(&files).expect("generated gazetteer loads");
    let load = start.elapsed().as_secs_f64();
    println!(
        "gazetteer benchmark: {} entries ({ENTRIES} generated), {} notes; load and compile {load:.2} s",
        gazetteer.len(),
        problems.len()
    );

    let articles = common::corpus_articles(common::megabytes() << 20);
    let bytes: usize = articles.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let (best, found): (f64, usize) = common::best_of_five(|| {
        articles
            .iter()
            .map(|text| black_box(gazetteer.find(text)).len())
            .sum()
    });
    println!(
        "matching {mb:.1} MB in {} articles, one thread, best of 5: {:.1} MB/s  {best:.3} s  {found} mentions",
        articles.len(),
        mb / best
    );
    let start = Instant::now();
    let folded: usize = articles
        .iter()
        .map(|text| black_box(whosaid::gazetteer::fold::fold(text)).text.len())
        .sum();
    let fold = start.elapsed().as_secs_f64();
    println!(
        "of which folding alone: {:.1} MB/s ({folded} folded bytes)",
        mb / fold
    );
    println!("peak memory (VmHWM): {}", common::peak_memory());
}

/// `n` invented entities: people, places and organizations with aliases and acronyms,
/// built from syllables by a fixed pseudo-random sequence.
fn generated_csv(n: usize) -> String {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mir", "zan", "ve", "tro", "bek", "ši", "no", "dar", "gu", "len", "ør", "pa",
        "sk", "ri", "mo", "ču", "at", "el", "vin", "ha", "ez", "ul",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Distinct numbers spelt in syllables give distinct words; the pseudo-random part
    // varies their length and shape.
    let mut word = |n: usize| {
        let mut w = String::new();
        let mut rest = n;
        loop {
            w.push_str(SYLLABLES[rest % 24]);
            rest /= 24;
            if rest == 0 {
                break;
            }
        }
        if next() % 3 == 0 {
            w.push_str(SYLLABLES[(next() % 24) as usize]);
        }
        let mut chars = w.chars();
        let first = chars.next().unwrap().to_uppercase().collect::<String>();
        first + chars.as_str()
    };
    let mut csv = String::from("id,type,name,aliases\n");
    for i in 0..n {
        let (kind, name, aliases) = match i % 3 {
            0 => (
                "person",
                format!("{} {}", word(i % 977), word(i + 600)),
                String::new(),
            ),
            1 => (
                "place",
                word(i + 13_000),
                format!("{} Oblast", word(i + 14_000)),
            ),
            _ => {
                let name = format!("{} {} Agency", word(i % 31), word(i + 40_000));
                let acronym: String = name
                    .split(' ')
                    .filter_map(|w| w.chars().next())
                    .chain(std::iter::once(char::from(b'A' + (i % 26) as u8)))
                    .collect::<String>()
                    .to_uppercase();
                ("organization", name, format!("{acronym}{}", i / 26 % 100))
            }
        };
        csv.push_str(&format!("gen/{i},{kind},{name},{aliases}\n"));
    }
    csv
}
