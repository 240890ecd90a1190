//! Throughput of the whole pipeline, and of each stage, on one thread.
//!
//! ```text
//! cargo bench --bench throughput                  # corpus: ../shared/eval
//! cargo bench --bench throughput -- DIR|FILE ...  # .jsonl files (their "text" fields), .txt files
//! ```
//!
//! The corpus is read at run time and never stored in the repository: every `.jsonl` file
//! given (or found in a given directory, recursively) contributes the `text` field of each
//! line, every `.txt` file is one document. Without a corpus the benchmark says so and exits.
//!
//! The corpus is run repeatedly for at least `ANALYZE_BENCH_SECONDS` seconds (default 3) per
//! measurement. "Pipeline" is `Analyzer::analyze` plus compact JSON output into a reused
//! buffer, as `analyze --input jsonl` does per record; the stage split calls the stages one by
//! one and times each, so its total is close to, not exactly, the pipeline figure. The first
//! pass is timed apart: the per-thread memos of words are empty then, as for text never seen,
//! while the repeated rounds find every word remembered.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use analyze::output::{self, Layout, Options, Origin};
use analyze::{Analysis, Analyzer, entities, sentences, tokenize};

fn main() {
    let mut paths: Vec<PathBuf> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    if paths.is_empty() {
        paths.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"));
    }
    let mut docs = Vec::new();
    for p in &paths {
        collect(p, &mut docs);
    }
    if docs.is_empty() {
        println!(
            "throughput: no corpus found at {} (give .jsonl/.txt files or directories); skipped",
            show(&paths)
        );
        return;
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let seconds = std::env::var("ANALYZE_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let budget = Duration::from_secs_f64(seconds);
    println!(
        "corpus: {} documents, {:.2} MB, {} words (from {})",
        docs.len(),
        bytes as f64 / 1e6,
        docs.iter()
            .map(|d| d.split_whitespace().count())
            .sum::<usize>(),
        show(&paths)
    );

    let analyzer = Analyzer::new();
    // lexicons and regexes are made on first use
    let mut buf = Vec::with_capacity(1 << 20);
    write(
        &mut buf,
        &analyzer.analyze("Ms. Ada Li of Acme Corp. met Kenji Sato in Osaka."),
    );
    // one pass with the per-thread memos of words still empty: text seen for the first time
    let first = Instant::now();
    for d in &docs {
        buf.clear();
        write(&mut buf, &analyzer.analyze(d));
    }
    let first = first.elapsed().as_secs_f64();
    println!(
        "first pass (memos empty), 1 thread: {:.2} MB/s, {:.1} us/document",
        bytes as f64 / 1e6 / first,
        first * 1e6 / docs.len() as f64
    );

    let (rounds, elapsed, fastest) = repeat(budget, || {
        for d in &docs {
            buf.clear();
            write(&mut buf, &analyzer.analyze(black_box(d)));
            black_box(&buf);
        }
    });
    let per_round = elapsed.as_secs_f64() / rounds as f64;
    println!(
        "pipeline (analyze + JSON), 1 thread: {:.2} MB/s, {:.0} documents/s, {:.1} us/document ({} rounds)",
        bytes as f64 / 1e6 / per_round,
        docs.len() as f64 / per_round,
        per_round * 1e6 / docs.len() as f64,
        rounds
    );
    // on a shared machine the mean carries the neighbours' load; the fastest round less so
    println!(
        "  fastest round: {:.2} MB/s, {:.1} us/document",
        bytes as f64 / 1e6 / fastest.as_secs_f64(),
        fastest.as_secs_f64() * 1e6 / docs.len() as f64
    );

    // stage split
    let mut t = [Duration::ZERO; 5];
    let (rounds, _, _) = repeat(budget, || {
        for d in &docs {
            let d = black_box(d.as_str());
            let s0 = Instant::now();
            let toks = tokenize::tokenize(d);
            let s1 = Instant::now();
            let sents = sentences::split(d, &toks);
            let s2 = Instant::now();
            let ents = entities::extract(d, &toks, &sents, analyzer.lexicon());
            let s3 = Instant::now();
            let (rels, qs) = analyzer.relate(d, &toks, &sents, &ents);
            let s4 = Instant::now();
            let a = Analysis {
                text: d,
                tokens: toks,
                sentences: sents,
                entities: ents,
                relations: rels,
                quotes: qs,
            };
            buf.clear();
            write(&mut buf, &a);
            black_box(&buf);
            let s5 = Instant::now();
            for (slot, (a, b)) in
                t.iter_mut()
                    .zip([(s0, s1), (s1, s2), (s2, s3), (s3, s4), (s4, s5)])
            {
                *slot += b - a;
            }
        }
    });
    // the lexicon's phrase matching on its own (entity extraction runs it, and more, inside)
    let lexicon = analyzer.lexicon();
    let tokens: Vec<_> = docs.iter().map(|d| tokenize::tokenize(d)).collect();
    let mut lookups = Duration::ZERO;
    let (lexicon_rounds, _, _) = repeat(budget / 3, || {
        for (d, toks) in docs.iter().zip(&tokens) {
            let s = Instant::now();
            black_box(lexicon.find(d, toks));
            lookups += s.elapsed();
        }
    });
    // the statistical tagger on its own (also part of entity extraction)
    let tagger = entities::tagger::Tagger::builtin();
    let split: Vec<_> = docs
        .iter()
        .zip(&tokens)
        .map(|(d, toks)| sentences::split(d, toks))
        .collect();
    let mut tagging = Duration::ZERO;
    let (tagger_rounds, _, _) = repeat(budget / 3, || {
        for ((d, toks), sents) in docs.iter().zip(&tokens).zip(&split) {
            let s = Instant::now();
            black_box(tagger.tag(d, toks, sents));
            tagging += s.elapsed();
        }
    });
    // the rest of entity extraction, from the tagger's spans: mentions and coreference
    let tagged: Vec<_> = docs
        .iter()
        .zip(&tokens)
        .zip(&split)
        .map(|((d, toks), sents)| tagger.tag(d, toks, sents))
        .collect();
    let mut linking = Duration::ZERO;
    let (linking_rounds, _, _) = repeat(budget / 3, || {
        for (((d, toks), sents), tags) in docs.iter().zip(&tokens).zip(&split).zip(&tagged) {
            let s = Instant::now();
            black_box(entities::extract_tagged(d, toks, sents, lexicon, tags));
            linking += s.elapsed();
        }
    });
    let total: Duration = t.iter().sum();
    println!("stages ({rounds} rounds):");
    for (name, d) in [
        "tokenize",
        "sentences",
        "entities",
        "relations+quotes",
        "output (JSON)",
    ]
    .iter()
    .zip(t)
    {
        let per_round = d.as_secs_f64() / rounds as f64;
        println!(
            "  {name:<17} {:>6.1}%  {:>9.2} MB/s  {:>8.1} us/document",
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            bytes as f64 / 1e6 / per_round,
            per_round * 1e6 / docs.len() as f64
        );
    }
    for (name, d, rounds) in [
        ("lexicon phrase matching", lookups, lexicon_rounds),
        ("tagger", tagging, tagger_rounds),
        ("mentions+coref without tagger", linking, linking_rounds),
    ] {
        let per_round = d.as_secs_f64() / rounds as f64;
        println!(
            "  (of entities: {name} alone {:.2} MB/s, {:.1} us/document)",
            bytes as f64 / 1e6 / per_round,
            per_round * 1e6 / docs.len() as f64
        );
    }
}

fn write(buf: &mut Vec<u8>, a: &Analysis<'_>) {
    output::write_json(
        buf,
        a,
        Origin::default(),
        Options::default(),
        Layout::Compact,
    )
    .expect("writing into a Vec");
}

/// Runs `f` until `budget` has passed (at least once); returns the rounds and the time taken.
/// Runs `f` for `budget` (at least once): the rounds run, their total time and the fastest.
fn repeat(budget: Duration, mut f: impl FnMut()) -> (u32, Duration, Duration) {
    let start = Instant::now();
    let mut rounds = 0;
    let mut fastest = Duration::MAX;
    while rounds == 0 || start.elapsed() < budget {
        let round = Instant::now();
        f();
        fastest = fastest.min(round.elapsed());
        rounds += 1;
    }
    (rounds, start.elapsed(), fastest)
}

fn collect(p: &Path, docs: &mut Vec<String>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = match fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => return,
        };
        entries.sort();
        for e in entries {
            collect(&e, docs);
        }
        return;
    }
    match p.extension().and_then(|e| e.to_str()) {
        Some("jsonl") => {
            let Ok(s) = fs::read_to_string(p) else { return };
            for line in s.lines() {
                if let Ok(serde_json::Value::Object(o)) = serde_json::from_str(line)
                    && let Some(serde_json::Value::String(t)) = o.get("text")
                {
                    docs.push(t.clone());
                }
            }
        }
        Some("txt") => {
            if let Ok(s) = fs::read_to_string(p) {
                docs.push(s);
            }
        }
        _ => {}
    }
}

fn show(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
