//! Statistical named-entity tagger: tokens in, PER / LOC / ORG / MISC spans out.
//!
//! An averaged perceptron over hashed features with BILOU labels, trained as a greedy
//! left-to-right classifier and decoded with a beam of two (after Ratinov & Roth 2009). The
//! features: the lower-cased word and its neighbours, shapes, affixes, capitalisation at
//! sentence start versus inside, whether the line is in capitals (headlines, sports tables), the
//! first lines of the document (headline, dateline), the run of capitalised words the token is
//! in and the words around that run, the lexicon's word classes (given name, country, city,
//! office word, organization head word, ...), whether the word also occurs in lower case or
//! capitalised mid-sentence elsewhere in the document, the two previous labels, and the labels
//! the same word got earlier in the document. Left-to-right decoding is what makes that
//! document history cheap. Four models trained on different document orders are averaged into
//! one. Lower-case words, numbers and punctuation far from any capitalised word, lower-case
//! words never seen inside a name in training, and those standing where training never saw
//! them in a name ("of" not between capitalised words), are certainly outside a name and are
//! not scored at all: 68% of the tokens of CoNLL-2003 news.
//!
//! The weights were trained on the CoNLL-2003 English train split (Reuters RCV1 news from 1996,
//! distributed under the Reuters Corpus research licence; the data itself is not included in
//! this repository) with `cargo run --release --features train --bin train-tagger`; see
//! `src/entities/model/README.md` for the exact command. They are a dense table of 8-bit
//! weights with a shift per row (see `format`), indexed by feature hash, compiled into the
//! binary beside a snapshot of the lexicon's word classes taken when training (so run-time
//! features match the trained ones), and used in place: loading costs a header read.
//!
//! The tagger knows CoNLL's four types only. It does not know offices, countries versus places,
//! or which mentions corefer: the stages around it do that.

mod features;
mod memo;
#[cfg(feature = "train")]
pub mod train;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use crate::lexicon::KnownWords;
use crate::sentences::Sentence;
use crate::tokenize::Token;
pub use features::{ClassTable, NameWords};
use features::{DocInfo, FewHashes, Hashes, History, Marked, Offset, flag, neighbour_features};
use memo::{Memo, Sums, SumsByKey};

/// The entity types the tagger tells apart (CoNLL-2003's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    Per,
    Loc,
    Org,
    Misc,
}

impl Label {
    const ALL: [Label; 4] = [Label::Per, Label::Loc, Label::Org, Label::Misc];

    /// CoNLL's name for the type.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Misc => "MISC",
        }
    }
}

/// One entity span found by the tagger.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagged {
    /// The tokens of the span, as indices into the document's tokens.
    pub tokens: Range<usize>,
    pub label: Label,
    /// Confidence in 0..=1: the mean over the span's tokens of the probability the model gives
    /// the chosen tag (a softmax over its scores, with a temperature fitted on CoNLL dev).
    pub score: f32,
}

// Scores are finite (never NaN), so equality is an equivalence.
impl Eq for Tagged {}

/// Number of tags: outside, and Begin / Inside / Last / Unit for each of the four types.
pub(crate) const TAGS: usize = 17;
/// The tag of "outside any entity".
pub(crate) const OUTSIDE: u8 = 0;
/// Stands for the labels before the first token of a sentence.
pub(crate) const START: u8 = TAGS as u8;

/// Parts of a BILOU tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    Begin,
    Inside,
    Last,
    Unit,
}

#[cfg(any(test, feature = "train"))]
pub(crate) fn tag_of(label: Label, part: Part) -> u8 {
    let t = Label::ALL
        .iter()
        .position(|&l| l == label)
        .expect("known label") as u8;
    1 + 4 * t + part as u8
}

pub(crate) fn split_tag(tag: u8) -> Option<(Label, Part)> {
    if tag == OUTSIDE || tag >= START {
        return None;
    }
    let t = (tag - 1) / 4;
    let part = [Part::Begin, Part::Inside, Part::Last, Part::Unit][((tag - 1) % 4) as usize];
    Some((Label::ALL[t as usize], part))
}

/// The entity class of a tag for the document history: 0 outside, 1..=4 the types.
fn class_of(tag: u8) -> u8 {
    if tag == OUTSIDE || tag >= START {
        0
    } else {
        1 + (tag - 1) / 4
    }
}

/// Whether `tag` may follow `prev` (`START` at a sentence's beginning); `last` says whether the
/// token ends the sentence, where an entity must be closed.
pub(crate) const fn allowed(prev: u8, tag: u8, last: bool) -> bool {
    // parts: 0 Begin, 1 Inside, 2 Last, 3 Unit (see `tag_of`)
    let open = prev != OUTSIDE && prev < START && (prev - 1) % 4 < 2;
    if tag == OUTSIDE || tag >= START {
        return !open;
    }
    let part = (tag - 1) % 4;
    let ok = if open {
        (tag - 1) / 4 == (prev - 1) / 4 && (part == 1 || part == 2)
    } else {
        part == 0 || part == 3
    };
    ok && !(last && part < 2)
}

/// Whether `tag` begins or continues an entity that must still be closed.
fn open(tag: u8) -> bool {
    tag != OUTSIDE && tag < START && (tag - 1) % 4 < 2
}

/// A tag as the index of a row of [`TAGS`] scores: the compiler knows its range, so a row
/// read at it needs no bounds check (the beam reads a row at every follower of every
/// hypothesis).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum RowTag {
    T0,
    T1,
    T2,
    T3,
    T4,
    T5,
    T6,
    T7,
    T8,
    T9,
    T10,
    T11,
    T12,
    T13,
    T14,
    T15,
    T16,
}

impl RowTag {
    /// Every tag, by number.
    const ALL: [RowTag; TAGS] = {
        use RowTag::*;
        [
            T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15, T16,
        ]
    };

    fn tag(self) -> u8 {
        self as u8
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The tags that may follow `prev` (as [`allowed`] says), in order.
fn followers(prev: u8, last: bool) -> &'static [RowTag] {
    /// How many tags may follow, and which.
    type Followers = (usize, [RowTag; TAGS]);
    /// For each previous tag (`START` included), inside a sentence and at its end.
    static TABLE: [[Followers; 2]; START as usize + 1] = {
        let mut table = [[(0, [RowTag::T0; TAGS]); 2]; START as usize + 1];
        let mut prev = 0;
        while prev <= START as usize {
            let mut last = 0;
            while last < 2 {
                let (n, tags) = &mut table[prev][last];
                let mut t = 0;
                while t < TAGS as u8 {
                    if allowed(prev as u8, t, last == 1) {
                        tags[*n] = RowTag::ALL[t as usize];
                        *n += 1;
                    }
                    t += 1;
                }
                last += 1;
            }
            prev += 1;
        }
        table
    };
    let (n, tags) = &TABLE[prev as usize][usize::from(last)];
    &tags[..*n]
}

/// How many tokens ahead memory is asked for: enough to cover the latency of a few misses.
const AHEAD: usize = 8;

/// How many tokens ahead the rows of static features are fetched.
const ROWS_AHEAD: usize = 2;

/// Asks for the cache lines of `value` to be brought in ahead of use.
#[inline]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let start = (value as *const T).cast::<i8>();
        let mut at = 0;
        while at < std::mem::size_of::<T>() {
            // SAFETY: SSE is part of the x86_64 baseline, and a prefetch of an address inside
            // a live value neither reads nor writes memory the program can observe.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(at)) };
            at += 64;
        }
        // the last line, when the value does not start on a line's boundary
        // SAFETY: as above
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(std::mem::size_of::<T>().max(1) - 1))
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Something that scores feature rows: the quantised table at run time, float weights in
/// training.
pub trait Scorer {
    /// Bits of a feature hash used as the row index.
    fn row_bits(&self) -> u32;
    /// Scores of every tag for the given rows.
    fn scores(&self, rows: &[u32]) -> [f32; TAGS];
    /// What turns a score into the trained score over the softmax temperature. The quantised
    /// table's scores are sums of integers, exact in `f32` and in the beam's `f64` totals, so
    /// hypotheses compare the same whatever order their terms were added in.
    fn unscale(&self) -> f32 {
        1.0
    }
    /// Asks for rows to be brought into cache ahead of use.
    fn prefetch(&self, _rows: &[u32]) {}

    /// Asks for the rows [`Scorer::dynamic_scores`] of token `i` after a token tagged `p1`
    /// will read to be brought into cache, returning the hashes of its label features (see
    /// [`DocInfo::label_hashes`]) if it worked them out, for [`Scorer::step_scores`].
    fn prefetch_dynamic(&self, _doc: &DocInfo, _i: usize, _p1: u8, _past: u16) -> LabelHashes {
        NO_LABEL_HASHES
    }

    /// Scores of every tag from the features of token `i` that depend on the labels before it
    /// (`p1` the previous, `p2` the one before) and on its document history `past`.
    fn dynamic_scores(&self, doc: &DocInfo, i: usize, p1: u8, p2: u8, past: u16) -> [f32; TAGS] {
        let mut hashes = Vec::with_capacity(8);
        doc.dynamic_features(i, p1, p2, past, &mut hashes);
        let mut rows = Vec::with_capacity(8);
        rows_of(&hashes, self.row_bits(), &mut rows);
        self.scores(&rows)
    }

    /// The scores of every tag of token `i` after the tags `(p1, p2)`: its static scores
    /// `fixed` plus its [`Scorer::dynamic_scores`]. `labels` is what
    /// [`Scorer::prefetch_dynamic`] returned for the token and `p1`, if it was asked.
    fn step_scores(
        &self,
        fixed: &[f32; TAGS],
        doc: &DocInfo,
        i: usize,
        (p1, p2): (u8, u8),
        past: u16,
        _labels: &LabelHashes,
    ) -> [f32; TAGS] {
        added(Some(fixed), self.dynamic_scores(doc, i, p1, p2, past))
    }

    /// The part of [`Scorer::dynamic_scores`] of [`OUTSIDE`] for a token without history (not
    /// capitalised), which is all that tells apart hypotheses that all go on outside. When
    /// every hypothesis has this `p1` (`shared`), what reads `p1` with the token adds the same
    /// to each and may be left out.
    fn outside_score(&self, doc: &DocInfo, i: usize, p1: u8, p2: u8, _shared: bool) -> f32 {
        self.dynamic_scores(doc, i, p1, p2, features::NO_HISTORY)[OUTSIDE as usize]
    }

    /// Scores of every tag from the static features (those that do not depend on earlier
    /// tags) of each token of `tokens` (consecutive tokens of one sentence), appended to
    /// `out`. The rows of the next token are fetched while one token is scored.
    fn static_scores(&self, doc: &DocInfo, tokens: Range<usize>, out: &mut Vec<[f32; TAGS]>) {
        let bits = self.row_bits();
        let (mut hashes, mut rows, mut next_rows) = (Vec::new(), Vec::new(), Vec::new());
        if tokens.is_empty() {
            return;
        }
        doc.static_features(tokens.start, &mut hashes);
        rows_of(&hashes, bits, &mut next_rows);
        for i in tokens.clone() {
            std::mem::swap(&mut rows, &mut next_rows);
            if i + 1 < tokens.end {
                hashes.clear();
                doc.static_features(i + 1, &mut hashes);
                rows_of(&hashes, bits, &mut next_rows);
                self.prefetch(&next_rows);
            }
            out.push(self.scores(&rows));
        }
    }
}

/// The hashes of a token's label features and how many there are (see
/// [`DocInfo::label_hashes`]); none when not worked out ([`NO_LABEL_HASHES`]).
pub type LabelHashes = ([u64; 3], usize);

/// [`LabelHashes`] not worked out.
const NO_LABEL_HASHES: LabelHashes = ([0; 3], 0);

/// `scores` each added to its score in `base` if given (as `base[t] + scores[t]`).
#[inline(always)]
fn added(base: Option<&[f32; TAGS]>, scores: [f32; TAGS]) -> [f32; TAGS] {
    match base {
        Some(base) => std::array::from_fn(|t| base[t] + scores[t]),
        None => scores,
    }
}

/// Row indices of feature hashes.
#[inline]
pub(crate) fn rows_of(hashes: &[u64], bits: u32, out: &mut Vec<u32>) {
    out.clear();
    out.extend(hashes.iter().map(|&h| (h >> (64 - bits)) as u32));
}

/// Tags one document greedily, returning one tag per token and the probability of each, and
/// showing `observe` each token's index, scores and the mask of allowed tags. Training fits the
/// confidence scores' temperature with it.
#[cfg(any(test, feature = "train"))]
pub(crate) fn decode_observed<S: Scorer>(
    model: &S,
    doc: &DocInfo,
    sentences: &[Range<usize>],
    mut observe: impl FnMut(usize, &[f32; TAGS], &dyn Fn(u8) -> bool),
) -> (Vec<u8>, Vec<f32>) {
    let n = doc.tokens.len();
    let mut tags = vec![OUTSIDE; n];
    let mut probs = vec![1.0; n];
    let mut history = History::default();
    let mut hashes = Vec::with_capacity(64);
    let mut rows = Vec::with_capacity(64);
    let mut next_rows = Vec::with_capacity(64);
    let bits = model.row_bits();
    for s in sentences {
        let (mut p1, mut p2) = (START, START);
        if !s.is_empty() {
            hashes.clear();
            doc.static_features(s.start, &mut hashes);
            rows_of(&hashes, bits, &mut next_rows);
        }
        for i in s.clone() {
            // the next token's static rows are fetched while this one is scored
            std::mem::swap(&mut rows, &mut next_rows);
            if i + 1 < s.end {
                hashes.clear();
                doc.static_features(i + 1, &mut hashes);
                rows_of(&hashes, bits, &mut next_rows);
                model.prefetch(&next_rows);
            }
            hashes.clear();
            let info = &doc.tokens[i];
            doc.dynamic_features(i, p1, p2, history.get(info), &mut hashes);
            let static_len = rows.len();
            rows.extend(hashes.iter().map(|&h| (h >> (64 - bits)) as u32));
            let scores = model.scores(&rows);
            rows.truncate(static_len);
            let last = i + 1 == s.end;
            observe(i, &scores, &|t| allowed(p1, t, last));
            let mut best = OUTSIDE;
            let mut best_score = f32::NEG_INFINITY;
            for (t, &sc) in scores.iter().enumerate() {
                if sc > best_score && allowed(p1, t as u8, last) {
                    best = t as u8;
                    best_score = sc;
                }
            }
            if best != OUTSIDE {
                // only entity tokens need a probability (the spans' scores)
                let mut total = 0.0;
                for (t, &sc) in scores.iter().enumerate() {
                    if allowed(p1, t as u8, last) {
                        total += ((sc - best_score) * model.unscale()).exp();
                    }
                }
                probs[i] = 1.0 / total;
            }
            tags[i] = best;
            history.record(info, class_of(best));
            p2 = p1;
            p1 = best;
        }
    }
    (tags, probs)
}

/// Tokens whose static scores are worked out at once.
const STATIC_WINDOW: usize = 256;

/// Hypotheses kept per step. Two take CoNLL dev from 0.917 to 0.924 F1 over greedy decoding
/// (ORG from 0.862 to 0.876) for one more scoring of the few label-dependent features; four
/// gain nothing more.
pub(crate) const BEAM: usize = 2;

/// One hypothesis of the beam: its last two tags, its score, and where it came from.
#[derive(Clone, Copy, Debug)]
struct Hypothesis {
    p1: u8,
    p2: u8,
    /// Sum of the model's scores of its tags.
    score: f64,
    /// Index of the hypothesis it extends, in the previous step's beam.
    from: u8,
    /// For an entity tag, where the scores of every tag at its step are kept (its
    /// probability is worked out from them if it is chosen); `NO_ROW` for outside.
    row: u32,
}

/// [`Hypothesis::row`] of a hypothesis whose scores are not kept.
const NO_ROW: u32 = u32::MAX;

/// Most hypotheses a beam may keep.
const MAX_BEAM: usize = 8;

/// Tags one document with a beam of `width` hypotheses per sentence (at most [`MAX_BEAM`]).
/// A locally trained model decoded greedily commits too early ("Rival Advanced Micro Devices
/// Inc." goes wrong at "Micro" before "Inc." is seen); the beam keeps an alternative open.
/// Hypotheses are ranked by the sum of their tags' scores. The document history is frozen
/// within a sentence and updated from the chosen tags when the sentence ends.
#[cfg(any(test, feature = "train"))]
pub(crate) fn decode_beam<S: Scorer>(
    model: &S,
    doc: &DocInfo,
    sentences: &[Range<usize>],
    width: usize,
) -> (Vec<u8>, Vec<f32>) {
    let mut beam = Beam::default();
    let b = &mut beam;
    match width.clamp(1, MAX_BEAM) {
        1 => decode_beam_in::<S, 1>(model, doc, sentences, b),
        2 => decode_beam_in::<S, 2>(model, doc, sentences, b),
        3 => decode_beam_in::<S, 3>(model, doc, sentences, b),
        4 => decode_beam_in::<S, 4>(model, doc, sentences, b),
        5 => decode_beam_in::<S, 5>(model, doc, sentences, b),
        6 => decode_beam_in::<S, 6>(model, doc, sentences, b),
        7 => decode_beam_in::<S, 7>(model, doc, sentences, b),
        _ => decode_beam_in::<S, MAX_BEAM>(model, doc, sentences, b),
    }
    (beam.tags, beam.probs)
}

/// What [`decode_beam`] works in, kept between documents: its results in `tags` and `probs`.
#[derive(Default)]
struct Beam {
    tags: Vec<u8>,
    probs: Vec<f32>,
    history: History,
    statics: Vec<[f32; TAGS]>,
    /// The beams of the sentence's tokens, as many slots each as the beam is wide, but for
    /// the tokens deep in a run of tokens certainly outside, where every hypothesis goes on
    /// outside with the same score and the beam is the one before: `stored` says whose
    /// beams they are.
    steps: Vec<Hypothesis>,
    stored: Vec<usize>,
    /// The scores of every tag after each hypothesis of the step being scored, and of those
    /// kept with an entity tag in the sentence (see `Hypothesis::row`): the chosen tags'
    /// probabilities are worked out from them at the end.
    step_rows: Vec<[f32; TAGS]>,
    scored: Vec<[f32; TAGS]>,
}

/// [`decode_beam`] with a beam `W` wide, in the space `beam` has, leaving the tags and
/// probabilities there. The width is a constant so that the beam's copies and loops have
/// lengths known when compiled.
fn decode_beam_in<S: Scorer, const W: usize>(
    model: &S,
    doc: &DocInfo,
    sentences: &[Range<usize>],
    beam: &mut Beam,
) {
    const { assert!(W >= 1 && W <= MAX_BEAM) };
    let unscale = model.unscale();
    let n = doc.tokens.len();
    let Beam {
        tags,
        probs,
        history,
        statics,
        steps,
        stored,
        step_rows,
        scored,
    } = beam;
    tags.clear();
    tags.resize(n, OUTSIDE);
    probs.clear();
    probs.resize(n, 1.0);
    history.clear();
    step_rows.clear();
    step_rows.resize(W, [f32::NEG_INFINITY; TAGS]);
    let start = Hypothesis {
        p1: START,
        p2: START,
        score: 0.0,
        from: 0,
        row: NO_ROW,
    };
    for s in sentences {
        if s.is_empty() {
            continue;
        }
        steps.clear();
        stored.clear();
        scored.clear();
        // the tokens whose static scores are in `statics`
        let mut window = s.start..s.start;
        // the history of the next token, looked up when its rows were fetched (the history
        // stays as it is within a sentence)
        let mut ahead: Option<(usize, u16)> = None;
        // the hashes of the label features of the next token after each hypothesis kept,
        // worked out when their rows were fetched
        let mut ahead_labels = [NO_LABEL_HASHES; W];
        // how many hypotheses the last beam stored keeps (in the last `W` slots of `steps`),
        // and whether they are all outside after outside
        let (mut alive, mut settled) = (0, false);
        let first = [start];
        let settles = |h: &Hypothesis| (h.p1, h.p2) == (OUTSIDE, OUTSIDE);
        for i in s.clone() {
            // deep in a run of tokens certainly outside, every hypothesis gains the same: the
            // beam goes on as it is
            if settled && doc.tokens[i].outside {
                continue;
            }
            let prev = if stored.is_empty() {
                &first[..]
            } else {
                &steps[steps.len() - W..][..alive]
            };
            // a token certainly outside is not scored: every hypothesis that may go on
            // outside does, with the same score for all (those with an entity open drop out)
            if doc.tokens[i].outside && prev.iter().any(|h| !open(h.p1)) {
                let shared = prev.iter().all(|h| h.p1 == prev[0].p1);
                let mut next = [start; W];
                let mut kept = 0;
                for (k, h) in prev.iter().enumerate().filter(|(_, h)| !open(h.p1)) {
                    next[kept] = Hypothesis {
                        p1: OUTSIDE,
                        p2: h.p1,
                        score: h.score + f64::from(model.outside_score(doc, i, h.p1, h.p2, shared)),
                        from: k as u8,
                        row: NO_ROW,
                    };
                    kept += 1;
                }
                // best first, as the beam is kept
                next[..kept].sort_by(|a, b| b.score.total_cmp(&a.score));
                stored.push(i);
                steps.extend_from_slice(&next);
                (alive, settled) = (kept, next[..kept].iter().all(settles));
                continue;
            }
            // static scores of a run of tokens to score at a time, at most a window: a
            // sentence may be a whole huge document
            if !window.contains(&i) {
                let mut end = i + 1;
                while end < s.end && end - i < STATIC_WINDOW && !doc.tokens[end].outside {
                    end += 1;
                }
                window = i..end;
                statics.clear();
                model.static_scores(doc, window.clone(), statics);
            }
            let fixed = &statics[i - window.start];
            let past = match ahead {
                Some((j, past)) if j == i => past,
                _ => {
                    ahead_labels = [NO_LABEL_HASHES; W];
                    history.get(&doc.tokens[i])
                }
            };
            let last = i + 1 == s.end;
            // the best `W` extensions, kept sorted, best first
            let mut best = [start; W];
            let mut kept = 0;
            // what an extension must score above to be kept: the last kept's once `W` are
            // (scores are finite)
            let mut floor = f64::NEG_INFINITY;
            for (k, &h) in prev.iter().enumerate() {
                // every tag's sum at once (only the allowed ones are read back, see below); a
                // hypothesis with the same last two tags as the one before it (as after a run
                // of tokens outside) has the same scores
                if k > 0 && (h.p1, h.p2) == (prev[k - 1].p1, prev[k - 1].p2) {
                    step_rows[k] = step_rows[k - 1];
                } else {
                    let labels = &ahead_labels[k];
                    step_rows[k] = model.step_scores(fixed, doc, i, (h.p1, h.p2), past, labels);
                }
                let row = &step_rows[k];
                for &t in followers(h.p1, last) {
                    let score = h.score + f64::from(row[t.index()]);
                    if score <= floor {
                        continue;
                    }
                    let mut at = kept.min(W - 1);
                    while at > 0 && best[at - 1].score < score {
                        best[at] = best[at - 1];
                        at -= 1;
                    }
                    best[at] = Hypothesis {
                        p1: t.tag(),
                        p2: h.p1,
                        score,
                        from: k as u8,
                        row: NO_ROW,
                    };
                    kept = (kept + 1).min(W);
                    if kept == W {
                        floor = best[W - 1].score;
                    }
                }
            }
            // the next token's label rows are fetched while this token's beam is stored
            if !last && !doc.tokens[i + 1].outside {
                let past = history.get(&doc.tokens[i + 1]);
                ahead = Some((i + 1, past));
                for (h, labels) in best[..kept].iter().zip(&mut ahead_labels) {
                    *labels = model.prefetch_dynamic(doc, i + 1, h.p1, past);
                }
            }
            // keep the scores an entity tag's probability will need, once per row
            let mut kept_rows = [NO_ROW; W];
            for h in best[..kept].iter_mut().filter(|h| h.p1 != OUTSIDE) {
                let from = h.from as usize;
                if kept_rows[from] == NO_ROW {
                    kept_rows[from] = scored.len() as u32;
                    scored.push(step_rows[from]);
                }
                h.row = kept_rows[from];
            }
            steps.extend_from_slice(&best);
            stored.push(i);
            (alive, settled) = (kept, best[..kept].iter().all(settles));
        }
        // follow the back pointers of the best final hypothesis through the stored beams; a
        // token whose beam went on unchanged is outside (as `tags` already says) and leaves
        // the pointer as it is
        let mut k = 0;
        let mut at = steps.len();
        for &i in stored.iter().rev() {
            at -= W;
            let h = steps[at + k];
            tags[i] = h.p1;
            // only entity tokens need a probability (the spans' scores)
            if h.p1 != OUTSIDE {
                let row = &scored[h.row as usize];
                let own = row[h.p1 as usize];
                // over the tags allowed here, in order (the row's other entries are not
                // scores); the chosen tag's own term is exactly one
                let mut total = 0.0f32;
                for &t in followers(h.p2, i + 1 == s.end) {
                    total += if t.tag() == h.p1 {
                        1.0
                    } else {
                        ((row[t.index()] - own) * unscale).exp()
                    };
                }
                probs[i] = 1.0 / total;
            }
            k = h.from as usize;
        }
        // the tokens whose beam went on unchanged are certainly outside, and so plain: not
        // capitalised, and without history
        for &i in stored.iter() {
            history.record(&doc.tokens[i], class_of(tags[i]));
        }
    }
}

/// [`spans_into`] a new list.
#[cfg(any(test, feature = "train"))]
pub(crate) fn spans(tags: &[u8], probs: &[f32]) -> Vec<Tagged> {
    let mut out = Vec::new();
    spans_into(tags, probs, &mut out);
    out
}

/// Entity spans of a well-formed BILOU tag sequence, with the mean tag probability, put in
/// `out` (emptied first): the tagger keeps its room from document to document.
fn spans_into(tags: &[u8], probs: &[f32], out: &mut Vec<Tagged>) {
    out.clear();
    let mut begin = None;
    for (i, &tag) in tags.iter().enumerate() {
        match split_tag(tag) {
            Some((_, Part::Begin)) => begin = Some(i),
            Some((label, Part::Unit)) => {
                out.push(Tagged {
                    tokens: i..i + 1,
                    label,
                    score: probs[i],
                });
                begin = None;
            }
            Some((label, Part::Last)) => {
                if let Some(b) = begin.take() {
                    let score = probs[b..=i].iter().sum::<f32>() / (i + 1 - b) as f32;
                    out.push(Tagged {
                        tokens: b..i + 1,
                        label,
                        score,
                    });
                }
            }
            Some((_, Part::Inside)) => {}
            None => begin = None,
        }
    }
}

/// Layout of the weights file: a 32-byte header, then one row per feature bucket: a shift
/// `e`, then `TAGS` `i8` weights, each standing for the integer weight `w << e`. A scale per
/// row keeps small rows as exact as large ones, and 18-byte rows halve the table that every
/// token reads at random, so more of it stays in cache.
pub(crate) mod format {
    use super::TAGS;

    pub const MAGIC: &[u8; 8] = b"NERTAG\x00\x02";
    pub const HEADER: usize = 32;
    pub const ROW: usize = 1 + TAGS;

    /// The row of integer weights `q`: the smallest shift that brings them into `i8`, and
    /// each rounded to it.
    #[cfg(any(test, feature = "train"))]
    pub fn row(q: &[i32; TAGS]) -> [u8; ROW] {
        let max = q.iter().map(|x| x.abs()).max().unwrap_or(0);
        let mut e = 0;
        while (max + (1 << e >> 1)) >> e > i8::MAX as i32 {
            e += 1;
        }
        let mut out = [0; ROW];
        out[0] = e as u8;
        for (o, &x) in out[1..].iter_mut().zip(q) {
            *o = (((x + (1 << e >> 1)) >> e) as i8) as u8;
        }
        out
    }
}

/// Row sums with AVX2, whose sign-extending loads and per-lane shifts do in one instruction
/// what takes several with the baseline's SSE2.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{TAGS, format};
    use std::arch::x86_64::*;

    /// Adds the weights of `rows` of the weights table `table` to `acc`. A row index is
    /// taken modulo the number of rows, which must be a power of two (as the table's are).
    ///
    /// # Safety
    /// The processor must have AVX2 and BMI2.
    #[target_feature(enable = "avx2,bmi2")]
    pub unsafe fn add_rows(table: &[u8], acc: &mut [i32; TAGS], rows: &[u32]) {
        let count = table.len() / format::ROW;
        assert!(count.is_power_of_two(), "a table of 2^k rows");
        let mask = count - 1;
        // SAFETY (of every intrinsic below): AVX2 and BMI2 are enabled for this function;
        // every row index is below `count`.
        unsafe {
            let mut lo = _mm256_loadu_si256(acc.as_ptr().cast());
            let mut hi = _mm256_loadu_si256(acc.as_ptr().add(8).cast());
            let mut last = acc[TAGS - 1];
            let rows = rows.iter().map(|&r| r as usize & mask);
            add_rows_to(table, (&mut lo, &mut hi, &mut last), rows);
            _mm256_storeu_si256(acc.as_mut_ptr().cast(), lo);
            _mm256_storeu_si256(acc.as_mut_ptr().add(8).cast(), hi);
            acc[TAGS - 1] = last;
        }
    }

    /// The scores of every tag: the sum of `sums` and of the weights of the features with
    /// hashes `hashes` (whose rows are their top `bits` bits, as the tagger reads them), as
    /// floats, each added to its score in `base` if given. Summing, adding and converting in
    /// one place keeps the sums in registers, where a scalar loop would add and convert element
    /// by element. A table of at least `2^bits` rows has every row a hash's top bits name,
    /// which the tagger checked once when it was loaded, instead of per call or per row.
    ///
    /// # Safety
    /// The processor must have AVX2 and BMI2, `bits` must be in `1..32`, and `table` must
    /// have at least `2^bits` rows.
    #[inline]
    #[target_feature(enable = "avx2,bmi2")]
    pub unsafe fn scores(
        table: &[u8],
        base: Option<&[f32; TAGS]>,
        sums: &[&[i32; TAGS]],
        hashes: &[u64],
        bits: u32,
    ) -> [f32; TAGS] {
        debug_assert!(
            (1..32).contains(&bits) && table.len() >> bits >= format::ROW,
            "a table of 2^bits rows"
        );
        let mut out = [0.0; TAGS];
        // SAFETY (of every intrinsic below): AVX2 and BMI2 are enabled for this function,
        // every read and write is inside an array of `TAGS` (17) elements, and a hash's top
        // `bits` bits are below the table's number of rows.
        unsafe {
            let mut lo = _mm256_setzero_si256();
            let mut hi = _mm256_setzero_si256();
            let mut last = 0;
            for s in sums {
                lo = _mm256_add_epi32(lo, _mm256_loadu_si256(s.as_ptr().cast()));
                hi = _mm256_add_epi32(hi, _mm256_loadu_si256(s.as_ptr().add(8).cast()));
                last += s[TAGS - 1];
            }
            let rows = hashes.iter().map(|&h| (h >> (64 - bits)) as usize);
            add_rows_to(table, (&mut lo, &mut hi, &mut last), rows);
            let (mut lo, mut hi, mut last) =
                (_mm256_cvtepi32_ps(lo), _mm256_cvtepi32_ps(hi), last as f32);
            if let Some(base) = base {
                lo = _mm256_add_ps(_mm256_loadu_ps(base.as_ptr()), lo);
                hi = _mm256_add_ps(_mm256_loadu_ps(base.as_ptr().add(8)), hi);
                last += base[TAGS - 1];
            }
            _mm256_storeu_ps(out.as_mut_ptr(), lo);
            _mm256_storeu_ps(out.as_mut_ptr().add(8), hi);
            out[TAGS - 1] = last;
        }
        out
    }

    /// [`scores`] of as many sums and features as known when compiled.
    ///
    /// # Safety
    /// As for [`scores`]: AVX2 and BMI2, and a table of at least `2^bits` rows.
    #[target_feature(enable = "avx2,bmi2")]
    pub unsafe fn scores_fixed<const S: usize, const H: usize>(
        table: &[u8],
        base: Option<&[f32; TAGS]>,
        sums: [&[i32; TAGS]; S],
        hashes: [u64; H],
        bits: u32,
    ) -> [f32; TAGS] {
        // SAFETY: as the caller promises.
        unsafe { scores(table, base, &sums, &hashes, bits) }
    }

    /// [`scores`] of as many sums as known when compiled.
    ///
    /// # Safety
    /// As for [`scores`]: AVX2 and BMI2, and a table of at least `2^bits` rows.
    #[target_feature(enable = "avx2,bmi2")]
    pub unsafe fn scores_summed<const S: usize>(
        table: &[u8],
        sums: [&[i32; TAGS]; S],
        hashes: &[u64],
        bits: u32,
    ) -> [f32; TAGS] {
        // SAFETY: as the caller promises.
        unsafe { scores(table, None, &sums, hashes, bits) }
    }

    /// The summed weights of the features with hashes `hashes` (see [`scores`], which
    /// converts them).
    ///
    /// # Safety
    /// As for [`scores`]: AVX2 and BMI2, and a table of at least `2^bits` rows.
    #[target_feature(enable = "avx2,bmi2")]
    pub unsafe fn sums(table: &[u8], hashes: &[u64], bits: u32) -> [i32; TAGS] {
        debug_assert!(
            (1..32).contains(&bits) && table.len() >> bits >= format::ROW,
            "a table of 2^bits rows"
        );
        let mut out = [0; TAGS];
        // SAFETY (of every intrinsic below): AVX2 and BMI2 are enabled for this function,
        // every write is inside an array of `TAGS` (17) elements, and a hash's top `bits`
        // bits are below the table's number of rows.
        unsafe {
            let mut lo = _mm256_setzero_si256();
            let mut hi = _mm256_setzero_si256();
            let mut last = 0;
            let rows = hashes.iter().map(|&h| (h >> (64 - bits)) as usize);
            add_rows_to(table, (&mut lo, &mut hi, &mut last), rows);
            _mm256_storeu_si256(out.as_mut_ptr().cast(), lo);
            _mm256_storeu_si256(out.as_mut_ptr().add(8).cast(), hi);
            out[TAGS - 1] = last;
        }
        out
    }

    /// Adds the weights of `rows` to sums held as the first eight tags, the next eight and
    /// the last.
    ///
    /// # Safety
    /// The processor must have AVX2 and BMI2, and every row index must be below the table's
    /// number of rows (`table.len() / format::ROW`): the callers check that once, not per row.
    #[inline]
    #[target_feature(enable = "avx2,bmi2")]
    unsafe fn add_rows_to(
        table: &[u8],
        (lo, hi, last): (&mut __m256i, &mut __m256i, &mut i32),
        rows: impl Iterator<Item = usize>,
    ) {
        // SAFETY (of every intrinsic and read below): AVX2 and BMI2 are enabled for this
        // function, and every read is inside a row of `format::ROW` (18) bytes, whose index
        // the caller keeps below the number of rows.
        unsafe {
            for r in rows {
                let row = table.as_ptr().add(r * format::ROW);
                let e = i32::from(*row & 15);
                let shift = _mm_cvtsi32_si128(e);
                // the first eight weights, and the next eight, each widened from 8 bytes
                let low = _mm_loadl_epi64(row.add(1).cast());
                let upper = _mm_loadl_epi64(row.add(9).cast());
                *lo = _mm256_add_epi32(*lo, _mm256_sll_epi32(_mm256_cvtepi8_epi32(low), shift));
                *hi = _mm256_add_epi32(*hi, _mm256_sll_epi32(_mm256_cvtepi8_epi32(upper), shift));
                *last += i32::from(*row.add(TAGS) as i8) << e;
            }
        }
    }
}

/// Whether the processor has AVX2 and BMI2 (whose shifts by a register spare a row's sum two
/// moves). Processors with one nearly always have the other, but a virtual machine may show
/// only one, and then the rows are summed without either.
fn has_avx2_bmi2() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("bmi2");
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Classes a history records (see `class_of`): outside and the four types.
const HISTORY_CLASSES: usize = 5;

/// The case flags [`DocInfo::history_features`] reads.
const HISTORY_CASE: [u32; 3] = [flag::CAP, flag::SENT_FIRST, flag::LINE_CAPS];

/// Number of [`Tagger::histories`]: every last and first class, mixed or not, and case.
const HISTORIES: usize = HISTORY_CLASSES * HISTORY_CLASSES * 2 * 8;

/// Where [`Tagger::histories`] has the history features of token `t` with history `past`
/// (not `NO_HISTORY`); `None` for a history no document gives.
#[inline]
fn history_index(t: &features::TokenInfo, past: u16) -> Option<usize> {
    let (last, first, mixed) = (
        usize::from(past & 0xf),
        usize::from(past >> 4 & 0xf),
        usize::from(past >> 8),
    );
    if last >= HISTORY_CLASSES || first >= HISTORY_CLASSES || mixed > 1 {
        return None;
    }
    let f = t.flags;
    let case = (f & flag::CAP) as usize
        | (f >> 4 & 2) as usize // SENT_FIRST
        | (f >> 4 & 4) as usize; // LINE_CAPS
    Some(((last * HISTORY_CLASSES + first) * 2 + mixed) * 8 + case)
}

/// The history and token flags [`history_index`] gives `k`.
fn history_of_index(k: usize) -> (u16, u32) {
    let case = k % 8;
    let mixed = k / 8 % 2;
    let first = k / 16 % HISTORY_CLASSES;
    let last = k / (16 * HISTORY_CLASSES);
    let flags = HISTORY_CASE
        .iter()
        .enumerate()
        .filter(|&(b, _)| case >> b & 1 != 0)
        .fold(0, |f, (_, &c)| f | c);
    ((last | first << 4 | mixed << 8) as u16, flags)
}

/// The compiled-in weights (generated by `train-tagger`; do not edit).
static WEIGHTS: &[u8] = include_bytes!("model/tagger.bin");
/// The lexicon's word classes as they were when the weights were trained (generated too).
static CLASSES: &[u8] = include_bytes!("model/classes.bin");
/// The plain words found inside names in the training data (generated too).
static NAME_WORDS: &str = include_str!("model/name_words.txt");

/// The tagger: a view of a weights table and of the word classes it was trained with.
pub struct Tagger {
    classes: ClassTable,
    /// The plain words that may be inside a name; without a list, any may.
    names: Option<NameWords>,
    rows: &'static [u8],
    bits: u32,
    /// Multiply a summed integer score by this to get the trained float score.
    unscale: f32,
    /// The sums of the features a missing token before and after (past a sentence's edge)
    /// gives, as [`Sums::before1`] and [`Sums::after1`] are for a word.
    edges: [[i32; TAGS]; 2],
    /// The hashes of the features a missing token two before and two after gives, as
    /// [`Sums::far`] are for a word.
    far_edges: [u64; 2],
    /// The summed weights of [`DocInfo::transition_features`] of every pair of previous
    /// labels, `START` included: `[p1 * (TAGS + 1) + p2]`.
    transitions: Box<[[i32; TAGS]]>,
    /// The summed weights of [`DocInfo::history_features`] of every history a document gives
    /// and every case of its token, by [`history_index`]: few enough to sum once for all,
    /// where a token with history summed them once for itself.
    histories: Box<[[i32; TAGS]]>,
    /// Whether the processor has AVX2 and BMI2 (see [`avx2`], [`has_avx2_bmi2`]): asked once,
    /// where asking per token cost a few instructions each time.
    avx2_bmi2: bool,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// The space one document's tagging works in, kept per thread so that documents after the
/// first allocate nothing but their spans.
#[derive(Default)]
struct Buffers {
    ranges: Vec<Range<usize>>,
    ids: Vec<u32>,
    doc: DocInfo,
    reading: features::Reading,
    scratch: Scratch,
    beam: Beam,
    /// The spans found.
    spans: Vec<Tagged>,
}

/// Documents of more tokens than this leave no buffers behind them: one huge document does
/// not keep its memory for the rest of a batch.
const KEEP_TOKENS: usize = 1 << 16;

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("rows", &(1usize << self.bits))
            .finish()
    }
}

/// Why a weights table was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad tagger weights: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

impl Tagger {
    /// The compiled-in model.
    pub fn builtin() -> &'static Tagger {
        static TAGGER: LazyLock<Tagger> = LazyLock::new(|| {
            Tagger::from_bytes(WEIGHTS, CLASSES)
                .expect("compiled-in tagger weights are valid")
                .with_name_words(NameWords::from_lines(NAME_WORDS))
        });
        &TAGGER
    }

    /// A tagger over a weights table and a word-class table in the formats `train-tagger`
    /// writes.
    pub fn from_bytes(bytes: &'static [u8], classes: &'static [u8]) -> Result<Tagger, ModelError> {
        let err = |m: &str| Err(ModelError(m.to_string()));
        let Some(classes) = ClassTable::from_bytes(classes) else {
            return err("not a word-class table");
        };
        if bytes.len() < format::HEADER || &bytes[..8] != format::MAGIC {
            return err("not a tagger weights file");
        }
        let word = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let (tags, bits, version) = (word(8), word(12), word(16));
        let unscale = f32::from_bits(word(20));
        if tags as usize != TAGS {
            return err("wrong number of tags");
        }
        if version != features::FEATURE_VERSION {
            return err("weights were trained for another feature set");
        }
        // some features' hashes keep only the top `ROW_BITS` bits right (see `feat_row`)
        const { assert!(28 <= features::ROW_BITS) };
        if !(8..=28).contains(&bits) || bytes.len() != format::HEADER + (format::ROW << bits) {
            return err("table size does not match the header");
        }
        let mut tagger = Tagger {
            classes,
            names: None,
            rows: &bytes[format::HEADER..],
            bits,
            unscale,
            edges: [[0; TAGS]; 2],
            far_edges: [
                far_hash(None, Offset::Before2),
                far_hash(None, Offset::After2),
            ],
            transitions: Box::default(),
            histories: Box::default(),
            avx2_bmi2: has_avx2_bmi2(),
        };
        let mut hashes = Vec::new();
        for (k, offset) in [Offset::Before1, Offset::After1].into_iter().enumerate() {
            hashes.clear();
            neighbour_features(None, offset, &mut hashes);
            tagger.edges[k] = tagger.sum(&hashes);
        }
        let labels = START as usize + 1;
        tagger.transitions = (0..labels * labels)
            .map(|k| {
                hashes.clear();
                DocInfo::transition_features((k / labels) as u8, (k % labels) as u8, &mut hashes);
                tagger.sum(&hashes)
            })
            .collect();
        tagger.histories = (0..HISTORIES)
            .map(|k| {
                let (past, flags) = history_of_index(k);
                let t = features::TokenInfo {
                    flags,
                    ..Default::default()
                };
                hashes.clear();
                DocInfo::history_features(&t, past, &mut hashes);
                tagger.sum(&hashes)
            })
            .collect();
        Ok(tagger)
    }

    /// This tagger with a list of the plain words that may be inside a name: any other plain
    /// word is left unscored.
    pub fn with_name_words(mut self, names: NameWords) -> Tagger {
        self.names = Some(names);
        self
    }

    /// Entity spans of a whole document (document-level features need the whole document).
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Tagged> {
        self.tag_then(text, tokens, sentences, |found, _| found.to_vec())
    }

    /// [`Tagger::tag`], handing the spans to `f` with the words of `tokens` as this thread's
    /// memo read them: the lexicon's phrase search over the same tokens then neither hashes
    /// nor looks up a word the tagger has read.
    pub(crate) fn tag_then<R>(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        f: impl FnOnce(&[Tagged], KnownWords<'_>) -> R,
    ) -> R {
        BUFFERS.with_borrow_mut(|buffers| {
            let mut ranges = std::mem::take(&mut buffers.ranges);
            ranges.clear();
            ranges.extend(sentences.iter().map(|s| s.tokens.clone()));
            let mut found = std::mem::take(&mut buffers.spans);
            self.with_memo_in(buffers, text, tokens, sentences, |doc, scorer, beam| {
                decode_beam_in::<_, BEAM>(scorer, doc, &ranges, beam);
                spans_into(&beam.tags, &beam.probs, &mut found);
            });
            buffers.ranges = ranges;
            if tokens.len() > KEEP_TOKENS {
                // a huge document's reading and decoding space goes before the mention finder
                // needs its own: only the words' ids are handed on
                let ids = std::mem::take(&mut buffers.ids);
                *buffers = Buffers {
                    ids,
                    ..Buffers::default()
                };
            }
            let out = MEMO.with_borrow(|memo| {
                let known = KnownWords {
                    ids: &buffers.ids,
                    keys: memo.word_keys(),
                    classes: memo.word_classes(),
                };
                f(&found, known)
            });
            buffers.spans = found;
            if tokens.len() > KEEP_TOKENS {
                *buffers = Buffers::default();
            }
            out
        })
    }

    /// Reads a document through this thread's memo of words and runs `f` on it with a scorer
    /// that uses the remembered sums.
    #[cfg(test)]
    fn with_memo<R>(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        f: impl FnOnce(&DocInfo, &Memoised<'_>) -> R,
    ) -> R {
        let mut buffers = Buffers::default();
        self.with_memo_in(&mut buffers, text, tokens, sentences, |doc, scorer, _| {
            f(doc, scorer)
        })
    }

    /// [`Tagger::with_memo`] in the space of `buffers`, whose beam `f` may use.
    fn with_memo_in<R>(
        &self,
        buffers: &mut Buffers,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        f: impl FnOnce(&DocInfo, &Memoised<'_>, &mut Beam) -> R,
    ) -> R {
        let Buffers {
            ids,
            doc,
            reading,
            scratch,
            beam,
            ..
        } = buffers;
        MEMO.with_borrow_mut(|memo| {
            memo.make_room(self.rows.as_ptr() as usize, tokens.len());
            ids.clear();
            ids.reserve_exact(tokens.len());
            memo.ids(text, tokens, ids, |t, kind| {
                let names = self.names.as_ref();
                let (word, spelling) = features::Word::of(t, kind, Some(&self.classes), names);
                let info = features::TokenInfo::of_word(&word);
                let sums = self.sums_of(&info, &spelling);
                (info, sums)
            });
            doc.read_words(tokens, sentences, reading, Marked::Scored, |i| {
                // the words a few tokens on are fetched while this one is copied
                if let Some(&ahead) = ids.get(i + AHEAD) {
                    prefetch(memo.word(ahead));
                }
                memo.word(ids[i])
            });
            if tokens.len() > KEEP_TOKENS {
                // a huge document's reading space goes before decoding needs its own
                *reading = features::Reading::default();
            }
            scratch.contexts.for_table(self.rows.as_ptr() as usize);
            scratch.shapes.for_table(self.rows.as_ptr() as usize);
            let scorer = Memoised {
                tagger: self,
                memo,
                ids,
                scratch: RefCell::new(std::mem::take(scratch)),
            };
            let out = f(doc, &scorer, beam);
            *scratch = scorer.scratch.into_inner();
            out
        })
    }
}

impl Tagger {
    /// Adds the weights of row `r` to `acc`.
    #[inline]
    fn add_row(&self, acc: &mut [i32; TAGS], r: u32) {
        let at = r as usize * format::ROW;
        let row: &[u8; format::ROW] = self.rows[at..at + format::ROW]
            .try_into()
            .expect("a whole row");
        let e = u32::from(row[0] & 15);
        for (a, &w) in acc.iter_mut().zip(&row[1..]) {
            *a += (w as i8 as i32) << e;
        }
    }

    /// Adds the weights of `rows` to `acc`: with AVX2 and BMI2 where the processor has them
    /// (see [`avx2`]), else row by row.
    #[inline]
    fn add_rows(&self, acc: &mut [i32; TAGS], rows: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2_bmi2 {
            // SAFETY: the processor has AVX2 and BMI2, as `self.avx2_bmi2` says.
            unsafe { avx2::add_rows(self.rows, acc, rows) };
            return;
        }
        for &r in rows {
            self.add_row(acc, r);
        }
    }

    /// The scores of every tag from the sums `sums` and the weights of the features with
    /// hashes `hashes`: what adding them with [`Tagger::add_rows`] and converting gives, in
    /// one step (and without a list of rows made first). Always inlined: called apart, its
    /// scores went back through memory and were copied once more, for a few rows' work.
    #[inline(always)]
    fn scores_of(&self, sums: &[&[i32; TAGS]], hashes: &[u64]) -> [f32; TAGS] {
        #[cfg(target_arch = "x86_64")]
        if self.avx2_bmi2 {
            // SAFETY: the processor has AVX2 and BMI2, as `self.avx2_bmi2` says, and the
            // table has `2^bits` rows, `bits` in 8..=28 (see `Tagger::from_bytes`).
            return unsafe { avx2::scores(self.rows, None, sums, hashes, self.bits) };
        }
        let mut acc = [0; TAGS];
        for s in sums {
            for (a, b) in acc.iter_mut().zip(*s) {
                *a += b;
            }
        }
        for &h in hashes {
            self.add_row(&mut acc, (h >> (64 - self.bits)) as u32);
        }
        acc.map(|a| a as f32)
    }

    /// [`Tagger::scores_of`] of as many sums and features as the beam's scoring has, known
    /// when compiled: the loops over them unrolled, and the sums and rows added in the same
    /// call that converts them, and that adds the converted scores to those of `base` if
    /// given (see [`added`]).
    #[inline(always)]
    fn scores_fixed<const S: usize, const H: usize>(
        &self,
        base: Option<&[f32; TAGS]>,
        sums: [&[i32; TAGS]; S],
        hashes: [u64; H],
    ) -> [f32; TAGS] {
        #[cfg(target_arch = "x86_64")]
        if self.avx2_bmi2 {
            // SAFETY: as for `avx2::scores` in `Tagger::scores_of`.
            return unsafe { avx2::scores_fixed(self.rows, base, sums, hashes, self.bits) };
        }
        added(base, self.scores_of(&sums, &hashes))
    }

    /// [`Tagger::scores_of`] of as many sums as known when compiled (the static scores' five),
    /// with the loop over them unrolled.
    #[inline(always)]
    fn scores_summed<const S: usize>(
        &self,
        sums: [&[i32; TAGS]; S],
        hashes: &[u64],
    ) -> [f32; TAGS] {
        #[cfg(target_arch = "x86_64")]
        if self.avx2_bmi2 {
            // SAFETY: as for `avx2::scores` in `Tagger::scores_of`.
            return unsafe { avx2::scores_summed(self.rows, sums, hashes, self.bits) };
        }
        self.scores_of(&sums, hashes)
    }

    /// Asks for the rows of the features with hashes `hashes` to be brought into cache.
    fn prefetch_hashes(&self, hashes: &[u64]) {
        self.prefetch_rows(hashes.iter().map(|&h| (h >> (64 - self.bits)) as usize));
    }

    /// Asks for rows to be brought into cache ahead of use. Every row is below the table's
    /// `2^bits` rows, as a hash's top `bits` bits are (a row past the table would only fetch
    /// nothing: a prefetch never faults).
    fn prefetch_rows(&self, rows: impl Iterator<Item = usize>) {
        #[cfg(target_arch = "x86_64")]
        for r in rows {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            let at = r * format::ROW;
            let row = self.rows.as_ptr().wrapping_add(at);
            // a row may straddle two cache lines: both ends are fetched
            // SAFETY: SSE is part of the x86_64 baseline, and a prefetch neither reads nor
            // writes memory the program can observe (the rows are inside the table anyway).
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>(row.cast());
                _mm_prefetch::<_MM_HINT_T0>(row.wrapping_add(format::ROW - 1).cast());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = rows;
    }

    /// Summed weights of the features with these hashes: with AVX2 and BMI2 where the
    /// processor has them, read straight from the hashes.
    fn sum(&self, hashes: &[u64]) -> [i32; TAGS] {
        #[cfg(target_arch = "x86_64")]
        if self.avx2_bmi2 {
            // SAFETY: as for `avx2::scores` in `Tagger::scores_of`.
            return unsafe { avx2::sums(self.rows, hashes, self.bits) };
        }
        let mut rows = [0u32; 32];
        let mut acc = [0; TAGS];
        for chunk in hashes.chunks(rows.len()) {
            for (r, &h) in rows.iter_mut().zip(chunk) {
                *r = (h >> (64 - self.bits)) as u32;
            }
            self.add_rows(&mut acc, &rows[..chunk.len()]);
        }
        acc
    }

    /// The remembered sums of one word (see `memo`).
    fn sums_of(&self, t: &features::TokenInfo, spelling: &features::Spelling) -> Sums {
        let mut hashes = FewHashes::default();
        DocInfo::word_features(t, spelling, &mut hashes);
        let word = self.sum(hashes.as_slice());
        let mut near = [[0; TAGS]; 2];
        for (k, offset) in [Offset::Before1, Offset::After1].into_iter().enumerate() {
            hashes.clear();
            neighbour_features(Some(t), offset, &mut hashes);
            near[k] = self.sum(hashes.as_slice());
        }
        Sums {
            word,
            before1: near[0],
            after1: near[1],
            far: [
                far_hash(Some(t), Offset::Before2),
                far_hash(Some(t), Offset::After2),
            ],
        }
    }
}

/// The hash of the one feature token `x` (`None` past the sentence's edge) gives the token
/// it is two from, at `offset` (`Offset::Before2` or `Offset::After2`).
fn far_hash(x: Option<&features::TokenInfo>, offset: Offset) -> u64 {
    let mut hashes = FewHashes::default();
    neighbour_features(x, offset, &mut hashes);
    debug_assert_eq!(
        hashes.as_slice().len(),
        1,
        "one feature from a word two away"
    );
    hashes.as_slice()[0]
}

impl Scorer for Tagger {
    fn row_bits(&self) -> u32 {
        self.bits
    }

    fn prefetch(&self, rows: &[u32]) {
        self.prefetch_rows(rows.iter().map(|&r| r as usize));
    }

    #[inline]
    fn scores(&self, rows: &[u32]) -> [f32; TAGS] {
        let mut acc = [0i32; TAGS];
        for &r in rows {
            self.add_row(&mut acc, r);
        }
        acc.map(|a| a as f32)
    }

    fn unscale(&self) -> f32 {
        self.unscale
    }
}

/// The tagger's weights with the remembered sums of the words of one document.
struct Memoised<'a> {
    tagger: &'a Tagger,
    memo: &'a Memo,
    /// The memo's id of each token's word.
    ids: &'a [u32],
    scratch: RefCell<Scratch>,
}

/// The size of the ring of [`Scratch::ring`]: a power of two past [`ROWS_AHEAD`].
const RING: usize = (ROWS_AHEAD + 1).next_power_of_two();

/// Space for feature hashes, kept between sentences.
#[derive(Default)]
struct Scratch {
    hashes: Vec<u64>,
    /// The hashes of the other static features (see [`Memoised::static_scores`]) of the
    /// tokens from the one summed to those whose rows are fetched.
    ring: [FewHashes; RING],
    /// The summed context and shape features by key, kept between documents.
    contexts: SumsByKey<features::ContextKey>,
    shapes: SumsByKey<features::ShapeKey>,
}

impl Memoised<'_> {
    /// [`Scorer::dynamic_scores`], each added to its score in `base` if given, from the label
    /// features' hashes `known` if given and worked out.
    fn label_scores(
        &self,
        base: Option<&[f32; TAGS]>,
        doc: &DocInfo,
        i: usize,
        (p1, p2): (u8, u8),
        past: u16,
        known: Option<&LabelHashes>,
    ) -> [f32; TAGS] {
        let tagger = self.tagger;
        let t = &doc.tokens[i];
        let labels = START as usize + 1;
        let transitions = &tagger.transitions[p1 as usize * labels + p2 as usize];
        // most tokens have no history, and so no history features to sum (and two label
        // features, not three)
        if past == features::NO_HISTORY {
            let (all, _) = known_or_label_hashes(known, t, p1, past);
            return tagger.scores_fixed(base, [transitions], [all[0], all[1]]);
        }
        self.history_label_scores(base, t, p1, transitions, past, known)
    }

    /// [`Memoised::label_scores`] of a token with history `past`: not inlined, so that the
    /// beam does not work out what only the few tokens with history read for every token.
    #[inline(never)]
    fn history_label_scores(
        &self,
        base: Option<&[f32; TAGS]>,
        t: &features::TokenInfo,
        p1: u8,
        transitions: &[i32; TAGS],
        past: u16,
        known: Option<&LabelHashes>,
    ) -> [f32; TAGS] {
        let tagger = self.tagger;
        let (all, n) = known_or_label_hashes(known, t, p1, past);
        let hashes = &all[..n];
        if let Some(k) = history_index(t, past) {
            return tagger.scores_fixed(base, [&tagger.histories[k], transitions], all);
        }
        let scratch = &mut *self.scratch.borrow_mut();
        scratch.hashes.clear();
        DocInfo::history_features(t, past, &mut scratch.hashes);
        let history = tagger.sum(&scratch.hashes);
        added(base, tagger.scores_of(&[&history, transitions], hashes))
    }
}

/// The label features' hashes of token `t` after `p1` with history `past`: `known` when the
/// beam worked them out already (to fetch their rows), else worked out now.
#[inline(always)]
fn known_or_label_hashes(
    known: Option<&LabelHashes>,
    t: &features::TokenInfo,
    p1: u8,
    past: u16,
) -> LabelHashes {
    match known {
        Some(&(all, n)) if n > 0 => (all, n),
        _ => DocInfo::label_hashes(t, p1, past),
    }
}

impl Scorer for Memoised<'_> {
    fn row_bits(&self) -> u32 {
        self.tagger.bits
    }

    fn scores(&self, rows: &[u32]) -> [f32; TAGS] {
        self.tagger.scores(rows)
    }

    fn unscale(&self) -> f32 {
        self.tagger.unscale
    }

    fn prefetch(&self, rows: &[u32]) {
        self.tagger.prefetch(rows)
    }

    fn prefetch_dynamic(&self, doc: &DocInfo, i: usize, p1: u8, past: u16) -> LabelHashes {
        let (hashes, n) = DocInfo::label_hashes(&doc.tokens[i], p1, past);
        let bits = self.tagger.bits;
        self.tagger
            .prefetch(&hashes.map(|h| (h >> (64 - bits)) as u32)[..n]);
        (hashes, n)
    }

    /// The same scores as the default: the labels' own features from a table, the history's
    /// once per token.
    fn dynamic_scores(&self, doc: &DocInfo, i: usize, p1: u8, p2: u8, past: u16) -> [f32; TAGS] {
        self.label_scores(None, doc, i, (p1, p2), past, None)
    }

    /// The same scores as the default, added in the call that sums them, from the label
    /// features' hashes if they were worked out when their rows were fetched.
    fn step_scores(
        &self,
        fixed: &[f32; TAGS],
        doc: &DocInfo,
        i: usize,
        (p1, p2): (u8, u8),
        past: u16,
        labels: &LabelHashes,
    ) -> [f32; TAGS] {
        self.label_scores(Some(fixed), doc, i, (p1, p2), past, Some(labels))
    }

    fn outside_score(&self, doc: &DocInfo, i: usize, p1: u8, p2: u8, shared: bool) -> f32 {
        let tagger = self.tagger;
        let labels = START as usize + 1;
        let mut acc = tagger.transitions[p1 as usize * labels + p2 as usize][OUTSIDE as usize];
        if shared {
            return acc as f32;
        }
        let mut hashes = [0; 2];
        DocInfo::label_features_outside(&doc.tokens[i], p1, &mut hashes);
        for h in hashes {
            let at = (h >> (64 - tagger.bits)) as usize * format::ROW;
            let e = u32::from(tagger.rows[at] & 15);
            acc += (tagger.rows[at + 1 + OUTSIDE as usize] as i8 as i32) << e;
        }
        acc as f32
    }

    /// The same scores as the default, from remembered per-word sums plus the rows of the
    /// other features.
    fn static_scores(&self, doc: &DocInfo, tokens: Range<usize>, out: &mut Vec<[f32; TAGS]>) {
        let Scratch {
            hashes,
            ring,
            contexts,
            shapes,
            ..
        } = &mut *self.scratch.borrow_mut();
        let (tagger, memo, ids) = (self.tagger, self.memo, self.ids);
        // the features remembered neither per word nor per key: features of two words and of
        // the words two away
        let other_features = |i: usize, hashes: &mut FewHashes| {
            hashes.clear();
            let t = &doc.tokens[i];
            let (s0, s1) = (t.sent_start as usize, t.sent_end as usize);
            doc.pair_features(i, hashes);
            // the words two away give one feature each, its hash remembered per word
            let far = |j: usize, k: usize| {
                if j >= s0 && j < s1 {
                    memo.sums(ids[j]).far[k]
                } else {
                    tagger.far_edges[k]
                }
            };
            hashes.push(far(i.wrapping_sub(2), 0));
            hashes.push(far(i + 2, 1));
        };
        // the other features of the tokens `ROWS_AHEAD` on are hashed and their rows fetched
        // while a token is summed: a ring of the hashes of the tokens from this one on (the
        // first token's rows are read at once, and are not fetched ahead: most windows are a
        // token or two, and that fetch came just before the reads)
        for (k, i) in tokens.clone().take(ROWS_AHEAD).enumerate() {
            other_features(i, &mut ring[k]);
            if k > 0 {
                tagger.prefetch_hashes(ring[k].as_slice());
            }
        }
        for (k, i) in tokens.clone().enumerate() {
            if i + ROWS_AHEAD < tokens.end {
                let next = &mut ring[(k + ROWS_AHEAD) % RING];
                other_features(i + ROWS_AHEAD, next);
                tagger.prefetch_hashes(next.as_slice());
            }
            if let Some(&ahead) = ids.get(i + ROWS_AHEAD + 1) {
                prefetch(memo.sums(ahead));
            }
            let own = ring[k % RING].as_slice();
            let t = &doc.tokens[i];
            let word = &memo.sums(ids[i]).word;
            let before = if i > t.sent_start as usize {
                &memo.sums(ids[i - 1]).before1
            } else {
                &tagger.edges[0]
            };
            let after = if i + 1 < t.sent_end as usize {
                &memo.sums(ids[i + 1]).after1
            } else {
                &tagger.edges[1]
            };
            let context = contexts.sum(t.context_key(), || {
                hashes.clear();
                DocInfo::context_features(t, hashes);
                tagger.sum(hashes)
            });
            let shape_key = doc.shape_key(i);
            let shape = shapes.sum(shape_key, || {
                hashes.clear();
                DocInfo::shape_features(&shape_key, hashes);
                tagger.sum(hashes)
            });
            out.push(tagger.scores_summed([word, before, after, context, shape], own));
        }
    }
}

#[cfg(test)]
mod tests;
