//! Training: an averaged perceptron over CoNLL-style JSON Lines, reproducible (fixed seed,
//! fixed epochs), with the exact-span evaluation CoNLL uses. Only built with the `train`
//! feature, for the `train-tagger` binary.
//!
//! The documents go through the crate's own tokenizer and sentence splitter, so the model
//! learns from exactly what the pipeline will show it. Gold spans whose ends do not fall on
//! token boundaries are counted and left out of training (their tokens count as outside).

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use super::features::{ClassTable, DocInfo, History, NameWords, class_format};
use super::{Label, features};
use super::{
    OUTSIDE, Part, START, Scorer, TAGS, Tagger, allowed, class_of, decode_observed, format,
    rows_of, spans, tag_of,
};
use crate::lexicon::Lexicon;
use crate::sentences;
use crate::tokenize::{self, Token};

#[derive(Deserialize)]
struct Line {
    id: String,
    text: String,
    entities: Vec<GoldJson>,
}

#[derive(Deserialize)]
struct GoldJson {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: String,
}

/// One document ready for training or evaluation.
pub struct Doc {
    pub id: String,
    text: String,
    sents: Vec<sentences::Sentence>,
    tokens: Vec<Token>,
    sentences: Vec<Range<usize>>,
    info: DocInfo,
    /// Gold BILOU tags (spans that do not align are left outside).
    gold: Vec<u8>,
    /// Gold spans as (byte start, byte end, label).
    gold_spans: Vec<(usize, usize, Label)>,
}

/// Counts from reading a data set.
#[derive(Debug, Default, Clone)]
pub struct Alignment {
    pub spans: usize,
    /// Document id and text of each gold span whose ends are not token boundaries.
    pub misaligned: Vec<(String, String)>,
}

fn label_of(kind: &str) -> Option<Label> {
    Some(match kind {
        "PER" => Label::Per,
        "LOC" => Label::Loc,
        "ORG" => Label::Org,
        "MISC" => Label::Misc,
        _ => return None,
    })
}

/// Reads a JSON Lines data set (`{"id","text","entities":[{"start","end","type"}]}`, code-point
/// offsets).
pub fn read(jsonl: &str, classes: &ClassTable) -> Result<(Vec<Doc>, Alignment), String> {
    let mut docs = Vec::new();
    let mut counts = Alignment::default();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let l: Line = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", n + 1))?;
        // code points -> bytes
        let mut byte_of: Vec<usize> = l.text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(l.text.len());
        let tokens = tokenize::tokenize(&l.text);
        let sents = sentences::split(&l.text, &tokens);
        let info = DocInfo::new(&l.text, &tokens, &sents, Some(classes), None);
        let by_start: HashMap<usize, usize> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| (t.start, i))
            .collect();
        let by_end: HashMap<usize, usize> =
            tokens.iter().enumerate().map(|(i, t)| (t.end, i)).collect();
        let mut gold = vec![OUTSIDE; tokens.len()];
        let mut gold_spans = Vec::new();
        for e in &l.entities {
            let Some(label) = label_of(&e.kind) else {
                continue;
            };
            let (s, t) = (byte_of[e.start], byte_of[e.end]);
            gold_spans.push((s, t, label));
            counts.spans += 1;
            match (by_start.get(&s), by_end.get(&t)) {
                (Some(&a), Some(&b)) if a <= b => {
                    if a == b {
                        gold[a] = tag_of(label, Part::Unit);
                    } else {
                        gold[a] = tag_of(label, Part::Begin);
                        for g in &mut gold[a + 1..b] {
                            *g = tag_of(label, Part::Inside);
                        }
                        gold[b] = tag_of(label, Part::Last);
                    }
                }
                _ => {
                    counts
                        .misaligned
                        .push((l.id.clone(), l.text[s..t].to_string()));
                }
            }
        }
        // a sentence split inside a gold span leaves an open tag: close it at the boundary
        let ranges: Vec<Range<usize>> = sents.iter().map(|s| s.tokens.clone()).collect();
        for r in &ranges {
            fix_tags(&mut gold[r.clone()]);
        }
        docs.push(Doc {
            id: l.id,
            text: l.text,
            sents,
            tokens,
            sentences: ranges,
            info,
            gold,
            gold_spans,
        });
    }
    Ok((docs, counts))
}

/// Makes a tag sequence well formed within a sentence (entities cut by a sentence break are
/// truncated at the break).
fn fix_tags(tags: &mut [u8]) {
    let n = tags.len();
    for i in 0..n {
        let prev = if i == 0 { START } else { tags[i - 1] };
        let last = i + 1 == n;
        if allowed(prev, tags[i], last) {
            continue;
        }
        let Some((label, part)) = super::split_tag(tags[i]) else {
            continue;
        };
        let opened =
            !matches!(super::split_tag(prev), Some((l, Part::Begin | Part::Inside)) if l == label);
        let part = match (opened, part, last) {
            (true, Part::Inside | Part::Begin, false) => Part::Begin,
            (true, _, _) => Part::Unit,
            (false, _, _) => Part::Last,
        };
        tags[i] = tag_of(label, part);
    }
}

/// Float weights with the running sums averaging needs.
struct Perceptron {
    bits: u32,
    w: Vec<f32>,
    /// Sum over updates of (step * delta), for the averaged weights `w - u / step`.
    u: Vec<f32>,
    step: f32,
}

impl Perceptron {
    fn new(bits: u32) -> Self {
        let n = TAGS << bits;
        Perceptron {
            bits,
            w: vec![0.0; n],
            u: vec![0.0; n],
            step: 1.0,
        }
    }

    fn update(&mut self, rows: &[u32], tag: u8, delta: f32) {
        for &r in rows {
            let k = r as usize * TAGS + tag as usize;
            self.w[k] += delta;
            self.u[k] += self.step * delta;
        }
    }

    fn averaged(&self) -> Weights {
        let w = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| w - u / self.step)
            .collect();
        Weights { bits: self.bits, w }
    }
}

impl Scorer for Perceptron {
    fn row_bits(&self) -> u32 {
        self.bits
    }

    fn scores(&self, rows: &[u32]) -> [f32; TAGS] {
        score_rows(&self.w, rows)
    }
}

fn score_rows(w: &[f32], rows: &[u32]) -> [f32; TAGS] {
    let mut acc = [0f32; TAGS];
    for &r in rows {
        let at = r as usize * TAGS;
        for (a, x) in acc.iter_mut().zip(&w[at..at + TAGS]) {
            *a += x;
        }
    }
    acc
}

/// Trained float weights.
pub struct Weights {
    bits: u32,
    w: Vec<f32>,
}

impl Scorer for Weights {
    fn row_bits(&self) -> u32 {
        self.bits
    }

    fn scores(&self, rows: &[u32]) -> [f32; TAGS] {
        score_rows(&self.w, rows)
    }
}

impl Weights {
    /// The weights file: header, then the weights quantised to 16-bit integers with one
    /// scale, and each row of those to 8 bits with a shift of its own (`format::row`).
    /// `temperature` divides the scores before the softmax that gives spans their confidence
    /// (it changes no decision).
    pub fn to_bytes(&self, temperature: f32) -> Vec<u8> {
        let max = self.w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = 32767.0 / max;
        let mut out = Vec::with_capacity(format::HEADER + self.w.len() / TAGS * format::ROW);
        out.extend_from_slice(format::MAGIC);
        out.extend_from_slice(&(TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&features::FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(1.0 / scale / temperature).to_bits().to_le_bytes());
        out.resize(format::HEADER, 0);
        for row in self.w.chunks_exact(TAGS) {
            let q: [i32; TAGS] = std::array::from_fn(|t| (row[t] * scale).round() as i32);
            out.extend_from_slice(&format::row(&q));
        }
        out
    }
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub epochs: usize,
    /// Models trained on different shuffles (seeds `seed`, `seed + 1`, ...) whose weights are
    /// averaged: it smooths out the perceptron's dependence on the order of the documents.
    pub runs: usize,
    pub bits: u32,
    pub seed: u64,
}

fn mix_seed(seed: u64) -> u64 {
    features::mix(seed) | 1
}

/// A small deterministic generator (xorshift64*), so runs repeat exactly.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// Trains `settings.runs` models and averages them; `report` is called after each epoch of
/// each run with that run's weights so far.
pub fn train(
    docs: &[Doc],
    settings: Settings,
    mut report: impl FnMut(usize, usize, &Weights),
) -> Weights {
    let mut total: Option<Weights> = None;
    for run in 0..settings.runs.max(1) {
        let seed = settings.seed.wrapping_add(run as u64);
        let w = train_one(docs, settings, seed, |epoch, w| report(run + 1, epoch, w));
        match &mut total {
            None => total = Some(w),
            Some(t) => t.w.iter_mut().zip(&w.w).for_each(|(a, b)| *a += b),
        }
    }
    let mut total = total.expect("at least one run");
    let n = settings.runs.max(1) as f32;
    total.w.iter_mut().for_each(|x| *x /= n);
    total
}

fn train_one(
    docs: &[Doc],
    settings: Settings,
    seed: u64,
    mut report: impl FnMut(usize, &Weights),
) -> Weights {
    let mut model = Perceptron::new(settings.bits);
    // static features do not change between epochs
    let static_rows: Vec<Vec<Vec<u32>>> = docs
        .iter()
        .map(|d| {
            let mut hashes = Vec::new();
            (0..d.tokens.len())
                .map(|i| {
                    hashes.clear();
                    d.info.static_features(i, &mut hashes);
                    let mut rows = Vec::new();
                    rows_of(&hashes, settings.bits, &mut rows);
                    rows
                })
                .collect()
        })
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = Rng(mix_seed(seed));
    let mut hashes = Vec::new();
    let mut rows = Vec::new();
    for epoch in 0..settings.epochs {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &d in &order {
            let doc = &docs[d];
            let mut history = History::default();
            for s in &doc.sentences {
                let (mut p1, mut p2) = (START, START);
                for i in s.clone() {
                    let info = &doc.info.tokens[i];
                    hashes.clear();
                    doc.info
                        .dynamic_features(i, p1, p2, history.get(info), &mut hashes);
                    rows_of(&hashes, settings.bits, &mut rows);
                    rows.extend_from_slice(&static_rows[d][i]);
                    let scores = model.scores(&rows);
                    let mut best = OUTSIDE;
                    for (t, &sc) in scores.iter().enumerate() {
                        if sc > scores[best as usize] {
                            best = t as u8;
                        }
                    }
                    let gold = doc.gold[i];
                    if best != gold {
                        model.update(&rows, gold, 1.0);
                        model.update(&rows, best, -1.0);
                    }
                    model.step += 1.0;
                    // the history is what the model predicted, as it will be when tagging
                    history.record(info, class_of(best));
                    p2 = p1;
                    p1 = best;
                }
            }
        }
        report(epoch + 1, &model.averaged());
    }
    model.averaged()
}

/// Exact-span counts per type: (true positives, false positives, false negatives).
#[derive(Debug, Default, Clone)]
pub struct Evaluation {
    pub counts: [(usize, usize, usize); 4],
    pub tokens: usize,
}

impl Evaluation {
    /// Precision, recall and F1 of one type.
    pub fn prf(&self, label: Label) -> (f64, f64, f64) {
        let k = Label::ALL.iter().position(|&l| l == label).expect("label");
        prf(self.counts[k])
    }

    /// Precision, recall and F1 over all four types.
    pub fn overall(&self) -> (f64, f64, f64) {
        let c = self
            .counts
            .iter()
            .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2));
        prf(c)
    }
}

fn prf((tp, fp, fn_): (usize, usize, usize)) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Tags `docs` with `model` and scores the spans against gold, CoNLL style (a span counts only
/// with exactly the gold boundaries and type).
/// With `show_errors`, every wrong or missed span is printed to standard error with its line.
pub fn evaluate<S: Scorer>(model: &S, docs: &[Doc], show_errors: bool) -> Evaluation {
    let mut ev = Evaluation::default();
    for d in docs {
        let (tags, probs) = super::decode_beam(model, &d.info, &d.sentences, super::BEAM);
        let predicted: Vec<(usize, usize, Label)> = spans(&tags, &probs)
            .iter()
            .map(|t| {
                (
                    d.tokens[t.tokens.start].start,
                    d.tokens[t.tokens.end - 1].end,
                    t.label,
                )
            })
            .collect();
        ev.tokens += d.tokens.len();
        for (k, &label) in Label::ALL.iter().enumerate() {
            let g: Vec<_> = d.gold_spans.iter().filter(|x| x.2 == label).collect();
            let p: Vec<_> = predicted.iter().filter(|x| x.2 == label).collect();
            let tp = p.iter().filter(|x| g.contains(x)).count();
            if show_errors {
                for x in p.iter().filter(|x| !g.contains(x)) {
                    eprintln!(
                        "FP {} {:?} | {}",
                        label.as_str(),
                        &d.text[x.0..x.1],
                        line_of(&d.text, x.0)
                    );
                }
                for x in g.iter().filter(|x| !p.contains(x)) {
                    eprintln!(
                        "FN {} {:?} | {}",
                        label.as_str(),
                        &d.text[x.0..x.1],
                        line_of(&d.text, x.0)
                    );
                }
            }
            ev.counts[k].0 += tp;
            ev.counts[k].1 += p.len() - tp;
            ev.counts[k].2 += g.len() - tp;
        }
    }
    ev
}

fn line_of(text: &str, at: usize) -> &str {
    let s = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
    &text[s..e.min(s + 160)]
}

/// The quantised model as it will ship, for evaluating exactly what is compiled in.
pub fn shipped(weights: Vec<u8>, classes: &[u8], names: &str) -> Result<Tagger, super::ModelError> {
    let classes = Box::leak(classes.to_vec().into_boxed_slice());
    Ok(
        Tagger::from_bytes(Box::leak(weights.into_boxed_slice()), classes)?
            .with_name_words(NameWords::from_lines(names)),
    )
}

/// The plain words (lower-cased) found inside gold names in `docs`, sorted, one per line
/// with the places they were found in after a tab (`F` first, `I` inside, `L` last; a name
/// of the word alone counts as first and last): the list of [`NameWords`]. Numbers are left
/// out: any number may be anywhere in a name.
pub fn name_words(docs: &[Doc]) -> String {
    use super::features::place;
    let mut words = std::collections::BTreeMap::new();
    for d in docs {
        for (t, &gold) in d.tokens.iter().zip(&d.gold) {
            let text = t.text(&d.text);
            let plain = !text
                .chars()
                .any(|c| c.is_alphanumeric() && !c.is_lowercase());
            let Some((_, part)) = super::split_tag(gold) else {
                continue;
            };
            if plain {
                let at = match part {
                    super::Part::Begin => place::FIRST,
                    super::Part::Inside => place::INSIDE,
                    super::Part::Last => place::LAST,
                    super::Part::Unit => place::FIRST | place::LAST,
                };
                *words.entry(text.to_lowercase()).or_insert(0) |= at;
            }
        }
    }
    let mut out = String::new();
    for (word, places) in words {
        out.push_str(&word);
        out.push('\t');
        for (bit, letter) in [
            (place::FIRST, 'F'),
            (place::INSIDE, 'I'),
            (place::LAST, 'L'),
        ] {
            if places & bit != 0 {
                out.push(letter);
            }
        }
        out.push('\n');
    }
    out
}

/// Reads `docs` again knowing which plain words may be inside names, as the tagger does.
pub fn know_name_words(docs: &mut [Doc], classes: &ClassTable, names: &NameWords) {
    for d in docs {
        d.info = DocInfo::new(&d.text, &d.tokens, &d.sents, Some(classes), Some(names));
    }
}

/// The softmax temperature that makes the tag probabilities of `model` fit `docs` best (least
/// log loss of the gold tag, among the tags allowed where the gold one is).
pub fn temperature<S: Scorer>(model: &S, docs: &[Doc]) -> f32 {
    // (scores of the allowed tags, index of the gold one among them)
    let mut seen: Vec<(Vec<f32>, usize)> = Vec::new();
    for d in docs {
        decode_observed(model, &d.info, &d.sentences, |i, scores, allowed| {
            let gold = d.gold[i];
            if !allowed(gold) {
                return;
            }
            let mut kept = Vec::new();
            let mut at = 0;
            for (t, &sc) in scores.iter().enumerate() {
                if allowed(t as u8) {
                    if t as u8 == gold {
                        at = kept.len();
                    }
                    kept.push(sc);
                }
            }
            seen.push((kept, at));
        });
    }
    let loss = |t: f32| -> f64 {
        seen.iter()
            .map(|(s, g)| {
                let max = s.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
                let z: f64 = s.iter().map(|&x| (((x - max) / t) as f64).exp()).sum();
                z.ln() - ((s[*g] - max) / t) as f64
            })
            .sum()
    };
    // a log-spaced grid is plenty for one parameter
    (0..=80)
        .map(|k| 0.1 * 10f32.powf(k as f32 / 20.0))
        .min_by(|a, b| loss(*a).total_cmp(&loss(*b)))
        .expect("grid is not empty")
}

/// Takes a snapshot of the lexicon's word classes: every word (as our tokenizer splits them)
/// of the first column of the lexicon's data files (`tsv`), looked up in `lexicon` in lower
/// case, capitalised and in capitals. Returns the table in the format [`ClassTable`] reads.
pub fn class_table(lexicon: &Lexicon, tsv: &[&str]) -> Vec<u8> {
    let mut words: Vec<String> = Vec::new();
    for data in tsv {
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let phrase = line.split('\t').next().unwrap_or("");
            for t in tokenize::tokenize(phrase) {
                if t.kind == tokenize::TokenKind::Word {
                    words.push(t.text(phrase).to_string());
                }
            }
        }
    }
    words.sort_unstable();
    words.dedup();
    // lower-cased hash -> classes per spelling
    let mut by_key: HashMap<u64, [u32; 3]> = HashMap::new();
    for w in &words {
        let lower = w.to_lowercase();
        let mut title: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
        title.extend(lower.chars().skip(1));
        let upper = w.to_uppercase();
        let entry = by_key.entry(features::lower_hash(w)).or_default();
        entry[0] |= lexicon.classes(&lower).0;
        entry[1] |= lexicon.classes(&title).0;
        if w.chars().next().is_some_and(char::is_uppercase) {
            entry[1] |= lexicon.classes(w).0;
        }
        if upper.chars().count() > 1 {
            entry[2] |= lexicon.classes(&upper).0;
        }
    }
    // which surnames put the family name first says nothing about the type of a span, and the
    // class is sparse in the training data, where it mostly meets words like "Hong" and "Long"
    let kept = !crate::lexicon::WordClass::EAST_ASIAN_SURNAME.0;
    for c in by_key.values_mut() {
        c.iter_mut().for_each(|x| *x &= kept);
    }
    by_key.retain(|_, c| c.iter().any(|&x| x != 0));
    let mut bits = 4;
    while (1usize << bits) < by_key.len() * 2 {
        bits += 1;
    }
    let mut palette: Vec<[u32; 3]> = by_key.values().copied().collect();
    palette.sort_unstable();
    palette.dedup();
    let mut slots = vec![[0u32; 2]; 1 << bits];
    let mut keys: Vec<_> = by_key.into_iter().collect();
    keys.sort_unstable_by_key(|(k, _)| *k); // the same file from the same lexicon
    let mask = (1usize << bits) - 1;
    for (key, classes) in keys {
        let mut at = (key >> (64 - bits)) as usize;
        while slots[at][0] != 0 {
            at = (at + 1) & mask;
        }
        let colour = palette.binary_search(&classes).expect("in the palette") as u32;
        slots[at] = [features::fingerprint(key), colour];
    }
    let mut out = Vec::new();
    out.extend_from_slice(class_format::MAGIC);
    out.extend_from_slice(&(bits as u32).to_le_bytes());
    out.extend_from_slice(&(palette.len() as u32).to_le_bytes());
    for x in slots.iter().flatten().chain(palette.iter().flatten()) {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// Runs the shipped tagger over every document (features and decoding, as `Tagger::tag` does)
/// and returns (tokens, entities, nanoseconds).
pub fn time_tagging(tagger: &Tagger, docs: &[Doc]) -> (usize, usize, u128) {
    let mut fastest = u128::MAX;
    let (mut n, mut found) = (0, 0);
    // the fastest of a few runs: the machine is shared
    for _ in 0..5 {
        let started = std::time::Instant::now();
        (n, found) = (0, 0);
        for d in docs {
            found += tagger.tag(&d.text, &d.tokens, &d.sents).len();
            n += d.tokens.len();
        }
        fastest = fastest.min(started.elapsed().as_nanos());
    }
    (n, found, fastest)
}
