//! Coreference: typed mentions in, entities out, each with one canonical name.
//!
//! Linking is by rules a reader would apply within one article: a surname or first name
//! alone ("Motegi", "Mr. Blinken") is the person named in full elsewhere; countries are one
//! entity per ISO code whatever the form ("U.S.", "American", "Washington"); offices one per
//! canonical title; places and organizations one per lexicon name or normalised text, with
//! shortened forms ("State Department" for "U.S. State Department") and acronyms ("NATO",
//! "U.N." for "United Nations") joined to the full name. Nothing links across documents.

use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::Hasher;
use std::ops::Range;

use crate::hashing::{Fast, FastMap, lower_ascii8};

use crate::entities::mentions::{
    Found, What, is_place_head, is_possessive, push_lowercase, without_article,
};
use crate::entities::romanised;
use crate::entities::{Entity, EntityType, Mention, MentionForm};
use crate::lexicon::{Country, Lexicon, WordClass};
use crate::sentences::Sentence;
use crate::tokenize::Token;

/// The sentence of each token: the last sentence whose tokens include it, or the first if
/// none does.
pub(crate) struct SentenceOf<'s> {
    sentences: &'s [Sentence],
    /// Whether the sentences follow one another without overlapping (as `sentences::split`
    /// makes them), so that a token's sentence is found by binary search.
    ordered: bool,
}

impl<'s> SentenceOf<'s> {
    pub(crate) fn new(sentences: &'s [Sentence]) -> SentenceOf<'s> {
        let ordered = sentences
            .windows(2)
            .all(|w| w[0].tokens.end <= w[1].tokens.start);
        SentenceOf { sentences, ordered }
    }

    /// The sentence of each of the first `n` tokens.
    fn table(&self, n: usize) -> Vec<usize> {
        let mut table = vec![0; n];
        for (i, s) in self.sentences.iter().enumerate() {
            table[s.tokens.clone()].fill(i);
        }
        table
    }

    /// The sentence of each of `ks` into `out`: tokens in text order are placed in one sweep
    /// over the sentences, the others one by one.
    fn each(&self, ks: impl Iterator<Item = usize>, out: &mut Vec<usize>) {
        out.clear();
        // (the first sentence that does not end before the last token swept)
        let (mut i, mut last) = (0, 0);
        for k in ks {
            if !self.ordered || k < last {
                out.push(self.at(k));
                continue;
            }
            last = k;
            while self.sentences.get(i).is_some_and(|s| s.tokens.end <= k) {
                i += 1;
            }
            out.push(match self.sentences.get(i) {
                Some(s) if s.tokens.contains(&k) => i,
                _ => 0,
            });
        }
    }

    /// The sentence of token `k`.
    fn at(&self, k: usize) -> usize {
        if self.ordered {
            let i = self.sentences.partition_point(|s| s.tokens.end <= k);
            match self.sentences.get(i) {
                Some(s) if s.tokens.contains(&k) => i,
                _ => 0,
            }
        } else {
            self.sentences
                .iter()
                .rposition(|s| s.tokens.contains(&k))
                .unwrap_or(0)
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Documents of more mentions than this leave no buffers behind them: one huge document
/// does not keep its memory for the rest of a batch.
const KEEP_MENTIONS: usize = 1 << 12;

/// The space one document's linking works in, kept per thread so that documents after the
/// first allocate little but their entities.
#[derive(Default)]
struct Scratch {
    /// The key (see [`key_of`]) of every mention, all in one run of UTF-8 bytes.
    keys: Vec<u8>,
    /// Each mention's entity type and span of `keys`.
    key_spans: Vec<(EntityType, Range<usize>)>,
    /// The table of [`group`], and the number of each mention's key.
    slots: Vec<usize>,
    groups: Vec<usize>,
    /// The buffers of [`Clusters`].
    clusters: Vec<Cluster>,
    next: Vec<usize>,
    merge: MergeBuffers,
    build: BuildBuffers,
    /// The sentence of each mention.
    sentences: Vec<usize>,
    /// The emptied list of the entities of a document done with (see [`recycle`]).
    entities: Vec<Entity<'static>>,
}

/// Groups mentions into entities.
pub(crate) fn link<'t>(
    text: &'t str,
    tokens: &[Token],
    found: &[Found],
    lexicon: &Lexicon,
    sentence_of: &SentenceOf,
) -> Vec<Entity<'t>> {
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let entities = link_in(&mut scratch, text, tokens, found, lexicon, sentence_of);
        if found.len() > KEEP_MENTIONS {
            *scratch = Scratch::default();
        }
        entities
    })
}

/// [`link`] in the buffers of `scratch`.
fn link_in<'t>(
    scratch: &mut Scratch,
    text: &'t str,
    tokens: &[Token],
    found: &[Found],
    lexicon: &Lexicon,
    sentence_of: &SentenceOf,
) -> Vec<Entity<'t>> {
    let Scratch {
        keys,
        key_spans,
        slots,
        groups,
        clusters: all,
        next,
        merge,
        build: buffers,
        sentences,
        entities: spare_entities,
    } = scratch;
    keys.clear();
    key_spans.clear();
    // (the most tokens of a mention of each type)
    let mut most_tokens = [0; 5];
    for f in found {
        let at = keys.len();
        let kind = key_of(text, tokens, f, lexicon, keys);
        key_spans.push((kind, at..keys.len()));
        let most = &mut most_tokens[kind as usize];
        *most = f.tokens.len().max(*most);
    }
    all.clear();
    next.clear();
    next.resize(found.len(), NONE);
    let mut clusters = Clusters {
        found,
        all: std::mem::take(all),
        next: std::mem::take(next),
    };
    // mentions with one key are one cluster, the clusters in order of their first mention
    group(keys, key_spans, slots, groups);
    for (m, &i) in groups.iter().enumerate() {
        if i == clusters.all.len() {
            clusters.all.push(Cluster {
                kind: key_spans[m].0,
                first: NONE,
                last: NONE,
            });
        }
        clusters.push(i, m);
    }
    merge_shortened(
        text,
        tokens,
        &mut clusters,
        EntityType::Person,
        &most_tokens,
        merge,
    );
    merge_first_names(text, tokens, &mut clusters, &most_tokens);
    merge_people(text, tokens, &mut clusters, merge);
    merge_country_surnames(text, tokens, &mut clusters);
    merge_korean_halves(text, &mut clusters);
    merge_nicknames(text, tokens, &mut clusters);
    merge_shortened(
        text,
        tokens,
        &mut clusters,
        EntityType::Organization,
        &most_tokens,
        merge,
    );
    merge_first_words(text, tokens, &mut clusters, lexicon, &most_tokens, merge);
    merge_borrowed_short_forms(text, tokens, &mut clusters, &most_tokens);
    merge_before_of(text, tokens, &mut clusters, &most_tokens);
    merge_shortened(
        text,
        tokens,
        &mut clusters,
        EntityType::Place,
        &most_tokens,
        merge,
    );
    merge_acronyms(text, tokens, &mut clusters, lexicon, merge);
    merge_places_named_alike(text, tokens, &mut clusters);
    merge_one_name_read_twice(text, &mut clusters);
    merge_people_read_as_bodies(text, &mut clusters);
    attach_aliases(text, tokens, &mut clusters, sentence_of);

    sentence_of.each(found.iter().map(|f| f.tokens.start), sentences);
    let kept = (0..clusters.len()).filter(|&i| !clusters.is_empty(i));
    let mut entities: Vec<Entity<'t>> = std::mem::take(spare_entities);
    entities.reserve(kept.clone().count());
    let first = |e: &Entity| e.mentions.first().map_or(usize::MAX, |m| m.start);
    // clusters are made in the order of their first mentions, and most stay in it
    let (mut sorted, mut last) = (true, 0);
    for i in kept {
        let entity = build(text, tokens, &clusters, i, lexicon, sentences, buffers);
        sorted &= first(&entity) >= last;
        last = first(&entity);
        entities.push(entity);
    }
    if !sorted {
        entities.sort_by_key(first);
    }
    *all = clusters.all;
    *next = clusters.next;
    entities
}

/// Numbers the mentions' keys (mention `m`'s is `keys[spans[m].1]`) in the order they first
/// come, into `groups`: equal keys, equal numbers. The keys are looked up in an
/// open-addressed table (`slots`, each empty or the first mention of a key) that a thread
/// keeps from one document to the next, at most half full, so that grouping allocates
/// nothing and a look-up is a hash and mostly one comparison.
fn group(
    keys: &[u8],
    spans: &[(EntityType, Range<usize>)],
    slots: &mut Vec<usize>,
    groups: &mut Vec<usize>,
) {
    let size = (2 * spans.len()).next_power_of_two().max(16);
    slots.clear();
    slots.resize(size, NONE);
    groups.clear();
    let mut count = 0;
    for (_, span) in spans {
        let key = &keys[span.clone()];
        let mut at = chunk_hash(key, |v| v) as usize & (size - 1);
        let number = loop {
            match slots[at] {
                NONE => {
                    slots[at] = groups.len();
                    count += 1;
                    break count - 1;
                }
                first if keys[spans[first].1.clone()] == *key => break groups[first],
                _ => at = (at + 1) & (size - 1),
            }
        };
        groups.push(number);
    }
}

/// The end of a cluster's chain of mentions.
const NONE: usize = usize::MAX;

/// Mentions grouped into clusters. Each cluster is a chain of mentions through `next`: one
/// cluster joins another by linking the end of that one's chain to the start of its own, in
/// constant time, and its mentions follow the other's in the order they were added.
struct Clusters<'f> {
    found: &'f [Found],
    all: Vec<Cluster>,
    /// The mention after each mention in its cluster, or [`NONE`].
    next: Vec<usize>,
}

struct Cluster {
    kind: EntityType,
    /// The first and last mention, or [`NONE`] when the cluster has joined another.
    first: usize,
    last: usize,
}

impl<'f> Clusters<'f> {
    fn len(&self) -> usize {
        self.all.len()
    }

    fn kind(&self, i: usize) -> EntityType {
        self.all[i].kind
    }

    fn is_empty(&self, i: usize) -> bool {
        self.all[i].first == NONE
    }

    /// Whether cluster `i` is of type `kind` and has mentions.
    fn is(&self, i: usize, kind: EntityType) -> bool {
        self.kind(i) == kind && !self.is_empty(i)
    }

    /// Whether cluster `i` is of type `kind` and named by one word alone.
    fn single_word(&self, i: usize, kind: EntityType) -> bool {
        self.is(i, kind) && self.found(i).all(|f| f.tokens.len() <= 1)
    }

    /// The indices of the mentions of cluster `i`, in the order they were added.
    fn chain(&self, i: usize) -> impl Iterator<Item = usize> + Clone + '_ {
        let mut at = self.all[i].first;
        std::iter::from_fn(move || {
            let m = at;
            at = *self.next.get(m)?;
            Some(m)
        })
    }

    /// The mentions of cluster `i`, in the order they were added.
    fn found(&self, i: usize) -> impl Iterator<Item = &'f Found> + Clone + '_ {
        let found = self.found;
        self.chain(i).map(move |m| &found[m])
    }

    /// The mention with the most tokens: the fullest form of the name.
    #[inline]
    fn longest(&self, i: usize) -> Option<&'f Found> {
        self.found(i).max_by_key(|f| f.tokens.len())
    }

    /// [`Clusters::longest`] as the index of the mention.
    #[inline]
    fn longest_at(&self, i: usize) -> Option<usize> {
        self.chain(i).max_by_key(|&m| self.found[m].tokens.len())
    }

    fn first_start(&self, i: usize) -> usize {
        self.found(i).map(|f| f.start).min().unwrap_or(usize::MAX)
    }

    /// Adds mention `m` at the end of cluster `i`.
    fn push(&mut self, i: usize, m: usize) {
        self.append(i, m, m);
    }

    /// Moves the mentions of cluster `from` to the end of cluster `into`.
    fn join(&mut self, from: usize, into: usize) {
        let Cluster { first, last, .. } = self.all[from];
        if from == into || first == NONE {
            return;
        }
        self.append(into, first, last);
        self.all[from].first = NONE;
        self.all[from].last = NONE;
    }

    /// Links the chain of mentions from `first` to `last` after the mentions of cluster `i`.
    fn append(&mut self, i: usize, first: usize, last: usize) {
        let c = &mut self.all[i];
        if c.first == NONE {
            c.first = first;
        } else {
            self.next[c.last] = first;
        }
        c.last = last;
    }
}

fn kind_of(w: &What) -> EntityType {
    match w {
        What::Person => EntityType::Person,
        What::Office { .. } => EntityType::Office,
        What::Country { .. } => EntityType::Country,
        What::Place { .. } => EntityType::Place,
        What::Organization { .. } => EntityType::Organization,
    }
}

/// Words of a mention, without a leading "the". Always inlined: it is made tens of times per
/// document, most often only to be counted or spelled, which inlined costs a few instructions.
#[inline(always)]
fn words<'t, 'k>(text: &'t str, tokens: &'k [Token], f: &Found) -> Words<'t, 'k> {
    let first = &tokens[f.tokens.start];
    if f.end - f.start < first.end - first.start
        || f.tokens.len() == 1 && (f.start, f.end) != (first.start, first.end)
    {
        // a part of a hyphenated token: the mention's own text is its one word
        return Words {
            text,
            part: Some(f.start..f.end),
            tokens: [].iter(),
        };
    }
    let the =
        f.tokens.len() > 1 && text.as_bytes()[first.start..first.end].eq_ignore_ascii_case(b"the");
    Words {
        text,
        part: None,
        tokens: tokens[f.tokens.start + usize::from(the)..f.tokens.end].iter(),
    }
}

/// The words of a mention (see [`words`]), read from the text as they are asked for: most
/// uses only count them, compare them or copy them into a key.
#[derive(Clone)]
struct Words<'t, 'k> {
    text: &'t str,
    /// The span of the mention's own text, when it is a part of a hyphenated token.
    part: Option<Range<usize>>,
    tokens: std::slice::Iter<'k, Token>,
}

impl<'t> Iterator for Words<'t, '_> {
    type Item = &'t str;

    #[inline]
    fn next(&mut self) -> Option<&'t str> {
        if let Some(part) = self.part.take() {
            return Some(&self.text[part]);
        }
        self.tokens.next().map(|t| t.text(self.text))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.part.is_some()) + self.tokens.len();
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Words<'_, '_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if let Some(part) = self.part.take() {
            return Some(&self.text[part]);
        }
        self.tokens.next_back().map(|t| t.text(self.text))
    }
}

impl ExactSizeIterator for Words<'_, '_> {}

impl<'t> Words<'t, '_> {
    /// The words as the text has them, when one space separates each from the next: most
    /// names are written so, and are then their own spelling. (Always inlined, for the same
    /// reason as [`words`], with which it is made.)
    #[inline(always)]
    fn single_spaced(&self) -> Option<&'t str> {
        if let Some(part) = &self.part {
            return Some(&self.text[part.clone()]);
        }
        let tokens = self.tokens.as_slice();
        let (first, last) = (tokens.first()?, tokens.last()?);
        let bytes = self.text.as_bytes();
        tokens
            .windows(2)
            .all(|p| p[1].start == p[0].end + 1 && bytes[p[0].end] == b' ')
            .then(|| &self.text[first.start..last.end])
    }

    /// The spans of the words in the text.
    fn spans(self) -> impl DoubleEndedIterator<Item = Range<usize>> {
        self.part
            .into_iter()
            .chain(self.tokens.map(|t| t.start..t.end))
    }
}

/// [`words`] as the text writes them, each run of spaces or line breaks between two made one
/// space, into `out` (cleared first): "Moody's Analytics" keeps its "'s" joined.
fn spell_into(text: &str, tokens: &[Token], f: &Found, out: &mut String) {
    out.clear();
    let w = words(text, tokens, f);
    if let Some(spelled) = w.single_spaced() {
        out.push_str(spelled);
        return;
    }
    out.reserve(w.clone().map(|w| w.len() + 1).sum());
    let mut end = None;
    for span in w.spans() {
        if end.is_some_and(|e| e < span.start) {
            out.push(' ');
        }
        end = Some(span.end);
        out.push_str(&text[span]);
    }
}

/// Words lower-cased without their periods, joined by spaces, added to `s`: the key of a
/// name.
fn push_normalised_words<'w>(words: impl IntoIterator<Item = &'w str>, s: &mut Vec<u8>) {
    let start = s.len();
    for w in words {
        if s.len() > start {
            s.push(b' ');
        }
        push_normalised(w, s);
    }
}

/// [`push_normalised_words`] of `words`, which `joined` holds joined by spaces. Normalising
/// keeps spaces, so the words normalise in one piece, unless the first of them is periods
/// alone: that one normalises to nothing, and no space follows it.
fn push_normalised_joined<'w>(
    joined: &str,
    words: impl IntoIterator<Item = &'w str>,
    s: &mut Vec<u8>,
) {
    if joined.starts_with(['.', ' ']) {
        push_normalised_words(words, s);
    } else {
        push_normalised(joined, s);
    }
}

/// [`push_normalised_words`] of a mention's words.
#[inline]
fn push_normalised_mention(w: Words, s: &mut Vec<u8>) {
    match w.single_spaced() {
        Some(joined) => push_normalised_joined(joined, w, s),
        None => push_normalised_words(w, s),
    }
}

/// One word of [`push_normalised_words`], added to `s` in UTF-8.
fn push_normalised(w: &str, s: &mut Vec<u8>) {
    // most words are ASCII without periods, where one byte is one character and its lower
    // case the ASCII one: those are copied eight bytes at a time, lower-cased as they go,
    // and any other copied again character by character
    let (bytes, at) = (w.as_bytes(), s.len());
    let mut chunks = bytes.chunks_exact(8);
    let mut is_plain = true;
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        is_plain &= plain8(v);
        s.extend_from_slice(&lower_ascii8(v).to_le_bytes());
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        let v = tail(bytes);
        is_plain &= plain8(v);
        // (eight bytes copied at once, then the padding cut off)
        s.extend_from_slice(&lower_ascii8(v).to_le_bytes());
        s.truncate(s.len() - (8 - rest));
    }
    if is_plain {
        return;
    }
    s.truncate(at);
    let mut utf8 = [0u8; 4];
    for c in w.chars().filter(|&c| c != '.').flat_map(char::to_lowercase) {
        s.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }
}

/// The bytes of `bytes` after its chunks of eight (`bytes.len() % 8` of them), little-endian
/// and padded with zeros: read as the last eight when there are eight.
#[inline(always)]
fn tail(bytes: &[u8]) -> u64 {
    let rest = bytes.len() % 8;
    match bytes.len().checked_sub(8) {
        _ if rest == 0 => 0,
        Some(from) => {
            u64::from_le_bytes(bytes[from..].try_into().expect("8 bytes")) >> (8 * (8 - rest))
        }
        // (fewer than eight: read as two overlapping halves, or three bytes at most)
        None if rest >= 4 => {
            let half = |at: usize| {
                u64::from(u32::from_le_bytes(
                    bytes[at..at + 4].try_into().expect("4 bytes"),
                ))
            };
            half(0) | half(rest - 4) << (8 * (rest - 4))
        }
        None => {
            let byte = |at: usize| u64::from(bytes[at]) << (8 * at);
            byte(0) | byte(rest / 2) | byte(rest - 1)
        }
    }
}

/// Whether `bytes` are all ASCII and none is a period: what [`push_normalised`] and
/// [`normalised_hash`] may take as it is, but for case. Read eight bytes at a time.
fn plain(bytes: &[u8]) -> bool {
    if let Some(last) = bytes.len().checked_sub(8) {
        // the last eight bytes may overlap the chunks before them
        let mut chunks = bytes.chunks_exact(8);
        return chunks.all(|c| plain8(u64::from_le_bytes(c.try_into().expect("8 bytes"))))
            && plain8(u64::from_le_bytes(
                bytes[last..].try_into().expect("8 bytes"),
            ));
    }
    // (fewer than eight: read at once, padded with zeros)
    plain8(tail(bytes))
}

/// [`plain`] of eight bytes (zeros are plain).
#[inline(always)]
fn plain8(v: u64) -> bool {
    const ONES: u64 = u64::MAX / 0xff;
    let dots = v ^ (u64::from(b'.') * ONES);
    // (a byte of `dots` is zero where `v` has a period, and this is not zero only when one is)
    let has_dot = dots.wrapping_sub(ONES) & !dots & (0x80 * ONES);
    (v & (0x80 * ONES)) | has_dot == 0
}

/// The type of a mention's entity, and added to `key` the type (one letter) and the key
/// proper: mentions with one key are one entity.
fn key_of(
    text: &str,
    tokens: &[Token],
    f: &Found,
    lexicon: &Lexicon,
    key: &mut Vec<u8>,
) -> EntityType {
    let kind = kind_of(&f.what);
    key.push(b'0' + kind as u8);
    match &f.what {
        What::Country { iso } => key.extend_from_slice(iso.as_bytes()),
        What::Office { name } => key.extend_from_slice(name.as_bytes()),
        What::Place { name: Some(n), .. } | What::Organization { name: Some(n) } => {
            push_normalised_joined(n, n.split(' '), key)
        }
        What::Organization { name: None } => {
            // "Nvidia Corp." and "Nvidia" are one company
            let mut w = words(text, tokens, f);
            while w.len() > 1
                && w.clone()
                    .next_back()
                    .is_some_and(|x| lexicon.classes(x).contains(WordClass::ORG_SUFFIX))
            {
                w.next_back();
            }
            push_normalised_mention(w, key)
        }
        What::Person | What::Place { name: None, .. } => {
            push_normalised_mention(words(text, tokens, f), key)
        }
    }
    kind
}

/// The buffers the merge steps share, one step at a time.
#[derive(Default)]
struct MergeBuffers {
    /// Words of names (lower-cased, normalised or initials), all in one string.
    words: String,
    /// Spans of `words`, one per word.
    spans: Vec<Range<usize>>,
    /// Names: a cluster and a run of `spans` (or a span of `words`).
    names: Vec<(usize, Range<usize>)>,
    /// (hash of a word, number): sorted, it puts equal words together. Words are compared
    /// by their hashes to find the few worth comparing in full, so that a collision only
    /// costs a comparison.
    by_hash: Vec<(u64, usize)>,
    /// [`merge_shortened`]'s names: their last word's hash, their cluster, their longest mention.
    lasts: Vec<(u64, usize, usize)>,
    /// Each word of each full name: the hash of its normalised form (or whether it is plain,
    /// see [`merge_people`]), its cluster, its rank (0 surname, 1 given name, 2 other) and its
    /// span of the text.
    name_words: Vec<(u64, usize, u8, Range<usize>)>,
    /// The first start of each cluster.
    starts: Vec<usize>,
    /// One word.
    word: String,
}

/// The hash of a word's bytes, for [`MergeBuffers::by_hash`]: read eight bytes at a time,
/// each eight passed through `map` (which lower-cases them, or leaves them be), the last
/// few padded with zeros and marked with their number. Hashes are compared only with
/// hashes made the same way, so any words with equal bytes (after `map`) hash alike.
#[inline(always)]
fn chunk_hash(bytes: &[u8], map: impl Fn(u64) -> u64) -> u64 {
    // (most words and keys are eight bytes at most: read at once)
    match short(bytes) {
        Some(v) => short_hash(map(v), bytes.len()),
        None => chunks_hash(bytes, map),
    }
}

/// [`chunk_hash`] read chunk by chunk, whatever the length.
#[inline(always)]
fn chunks_hash(bytes: &[u8], map: impl Fn(u64) -> u64) -> u64 {
    let mut hash = Fast::default();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        hash.write_u64(map(u64::from_le_bytes(c.try_into().expect("8 bytes"))));
    }
    let rest = chunks.remainder().len();
    if rest > 0 {
        hash.write_u64(map(tail(bytes)) ^ (rest as u64) << 59);
    }
    hash.finish()
}

/// The bytes of a word of eight bytes at most, little-endian and padded with zeros.
#[inline(always)]
fn short(bytes: &[u8]) -> Option<u64> {
    match bytes.len() {
        8 => Some(u64::from_le_bytes(bytes.try_into().expect("8 bytes"))),
        0..8 => Some(tail(bytes)),
        _ => None,
    }
}

/// [`chunks_hash`] of a word of `n` bytes, eight at most, which [`short`] read as `v` (and
/// `map` made so).
#[inline(always)]
fn short_hash(v: u64, n: usize) -> u64 {
    let mut hash = Fast::default();
    if n > 0 {
        hash.write_u64(v ^ ((n % 8) as u64) << 59);
    }
    hash.finish()
}

/// [`chunk_hash`] of bytes given one by one (as `chunk_hash(bytes, |v| v)` would be).
struct ByteHash {
    hash: Fast,
    word: u64,
    n: u32,
}

impl ByteHash {
    fn new() -> ByteHash {
        ByteHash {
            hash: Fast::default(),
            word: 0,
            n: 0,
        }
    }

    fn push(&mut self, b: u8) {
        self.word |= u64::from(b) << (8 * self.n);
        self.n += 1;
        if self.n == 8 {
            self.hash.write_u64(self.word);
            (self.word, self.n) = (0, 0);
        }
    }

    fn finish(mut self) -> u64 {
        if self.n > 0 {
            self.hash.write_u64(self.word ^ u64::from(self.n) << 59);
        }
        self.hash.finish()
    }
}

/// The hash of a word's bytes as they are.
fn bytes_hash(word: &str) -> u64 {
    chunk_hash(word.as_bytes(), |v| v)
}

/// The hash of a word's lower case ([`bytes_hash`] of it), read from the word itself when
/// it is ASCII.
fn lowercase_hash(word: &str) -> u64 {
    // (a word of eight bytes at most is ASCII when no byte has its high bit)
    if let Some(v) = short(word.as_bytes())
        && v & 0x8080_8080_8080_8080 == 0
    {
        return short_hash(lower_ascii8(v), word.len());
    }
    if word.is_ascii() {
        chunk_hash(word.as_bytes(), lower_ascii8)
    } else {
        bytes_hash(&word.to_lowercase())
    }
}

/// One word of [`push_normalised_words`], as characters.
fn normalised(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
}

/// Whether two words are alike once [`normalised`]: ASCII words without periods are so
/// when they are alike but for ASCII case.
fn normalise_alike(a: &str, b: &str) -> bool {
    if plain(a.as_bytes()) && plain(b.as_bytes()) {
        return a.eq_ignore_ascii_case(b);
    }
    normalised(a).eq(normalised(b))
}

/// The hash of [`normalised`] (its [`bytes_hash`]), read from an ASCII word without periods
/// as it is.
fn normalised_hash(word: &str) -> u64 {
    if let Some(v) = short(word.as_bytes())
        && plain8(v)
    {
        return short_hash(lower_ascii8(v), word.len());
    }
    if plain(word.as_bytes()) {
        return chunk_hash(word.as_bytes(), lower_ascii8);
    }
    let mut hash = ByteHash::new();
    let mut utf8 = [0u8; 4];
    for c in normalised(word) {
        c.encode_utf8(&mut utf8).bytes().for_each(|b| hash.push(b));
    }
    hash.finish()
}

/// Joins single-word person clusters to the person whose full name contains that word,
/// preferring the surname (last word), then the given name, and on a tie the full name met
/// most recently before the short form.
fn merge_people(text: &str, tokens: &[Token], clusters: &mut Clusters, buf: &mut MergeBuffers) {
    let singles = (0..clusters.len())
        .filter(|&i| clusters.single_word(i, EntityType::Person))
        .count();
    if singles == 0 {
        return; // no one named by one word alone
    }
    let MergeBuffers {
        name_words: by_word,
        starts,
        ..
    } = buf;
    // (only people's are looked at)
    starts.clear();
    starts.extend((0..clusters.len()).map(|i| {
        if clusters.kind(i) == EntityType::Person {
            clusters.first_start(i)
        } else {
            0
        }
    }));
    by_word.clear();
    for i in 0..clusters.len() {
        if clusters.kind(i) != EntityType::Person {
            continue;
        }
        let Some(longest) = clusters.longest(i) else {
            continue;
        };
        let w = words(text, tokens, longest);
        let n = w.len();
        if n < 2 {
            continue;
        }
        let surname_first = surname_first(w.clone());
        for (k, span) in w.spans().enumerate() {
            let rank = match (k == 0, k + 1 == n) {
                (true, _) if surname_first => 0,
                (_, true) if surname_first => 2,
                (_, true) => 0,
                (true, _) => 1,
                _ => 2,
            };
            // "Burhan" is "Abdel Fattah al-Burhan" without the article
            if rank == 0
                && let Some(bare) = without_article(&text[span.clone()])
            {
                by_word.push((0, i, 0, span.end - bare.len()..span.end));
            }
            by_word.push((0, i, rank, span));
        }
    }
    // few short names and words of full names are compared pair by pair, each word marked
    // when it is ASCII without periods; more are found by the hash of their normalised form
    let pairwise = singles * by_word.len() <= FEW_PAIRS;
    for e in by_word.iter_mut() {
        let word = &text[e.3.clone()];
        e.0 = if pairwise {
            u64::from(plain(word.as_bytes()))
        } else {
            normalised_hash(word)
        };
    }
    if !pairwise {
        by_word.sort_unstable_by_key(|e| (e.0, e.1));
    }
    for i in 0..clusters.len() {
        if !clusters.single_word(i, EntityType::Person) {
            continue;
        }
        let first = clusters.found(i).next().expect("not empty");
        // (one word at most)
        let word = words(text, tokens, first).next().unwrap_or("");
        let at = starts[i];
        let (candidates, word_plain) = if pairwise {
            (&by_word[..], plain(word.as_bytes()))
        } else {
            let hash = normalised_hash(word);
            let from = by_word.partition_point(|e| e.0 < hash);
            let to = by_word.partition_point(|e| e.0 <= hash);
            (&by_word[from..to], false)
        };
        let best = candidates
            .iter()
            .filter(|e| {
                if word_plain && e.0 == 1 {
                    e.3.len() == word.len()
                        && text.as_bytes()[e.3.clone()].eq_ignore_ascii_case(word.as_bytes())
                } else {
                    normalise_alike(&text[e.3.clone()], word)
                }
            })
            .map(|&(_, j, rank, _)| {
                let before = starts[j] < at;
                // surname first, then a full name before the short form, the nearest one
                (
                    rank,
                    !before,
                    if before {
                        usize::MAX - starts[j]
                    } else {
                        starts[j]
                    },
                    j,
                )
            })
            .min();
        if let Some((_, _, _, j)) = best {
            clusters.join(i, j);
        }
    }
}

/// Up to this many people, [`merge_first_names`] looks.
const FEW_PEOPLE: usize = 24;

/// Joins a person named by two words to the only person whose longer name begins with them:
/// "Mohamed Khaled" to "Mohamed Khaled Nordin", as Malay, Arab and Indonesian names are
/// shortened to their first words.
fn merge_first_names(
    text: &str,
    tokens: &[Token],
    clusters: &mut Clusters,
    most_tokens: &[usize; 5],
) {
    if most_tokens[EntityType::Person as usize] < 3 {
        return;
    }
    // each person's first two words and how many words follow them
    let mut people = Vec::new();
    for i in 0..clusters.len() {
        if !clusters.is(i, EntityType::Person) {
            continue;
        }
        if people.len() == FEW_PEOPLE {
            return;
        }
        let Some(f) = clusters.longest(i) else {
            continue;
        };
        let mut w = words(text, tokens, f);
        if let (Some(a), Some(b)) = (w.next(), w.next()) {
            people.push((i, a, b, w.len()));
        }
    }
    let mut joins = Vec::new();
    for &(i, a, b, rest) in &people {
        if rest > 0 {
            continue;
        }
        let mut longer = people.iter().filter(|&&(j, c, d, rest)| {
            j != i && rest > 0 && same_lowercase(a, c) && same_lowercase(b, d)
        });
        if let (Some(&(j, ..)), None) = (longer.next(), longer.next()) {
            joins.push((i, j));
        }
    }
    for (i, j) in joins {
        clusters.join(i, j);
    }
}

/// Whether a full name puts the surname first, as Korean and Vietnamese names in news do:
/// a given name of syllables joined by a hyphen ("Kim Jong-un", "Lee Jae-myung") or of two
/// one-syllable words ("Kim Jong Un", "Nguyen Phu Trong"). "Kim" alone is then that person
/// rather than a "Kevin Kim" named later.
fn surname_first(mut w: Words) -> bool {
    let (Some(first), Some(last)) = (w.next(), w.next_back()) else {
        return false;
    };
    // (the cheap tests of shape first: most names are of none of these)
    match (w.next(), w.next()) {
        (None, _) => {
            last.contains('-')
                && romanised::is_one_syllable(first)
                && romanised::is_given_name(last)
        }
        (Some(middle), None) => {
            middle.len() <= 6
                && last.len() <= 6
                && romanised::is_one_syllable(first)
                && romanised::is_one_syllable(middle)
                && romanised::is_one_syllable(last)
        }
        _ => false,
    }
}

/// Up to this many pairs of a short name and a word of a full name, [`merge_people`]
/// compares them pair by pair rather than by hashing and sorting the words.
const FEW_PAIRS: usize = 64;

/// Up to this many names of one type, [`merge_shortened`] looks for a shorter name ending
/// like a longer one pair by pair rather than by sorting.
const FEW_NAMES: usize = 12;

/// Joins a shorter name to a longer one of the same type that ends with it: "State
/// Department" to "U.S. State Department", "Foreign Ministry" to "Japanese Foreign Ministry".
/// `most_tokens` holds the most tokens of a mention of each type.
fn merge_shortened(
    text: &str,
    tokens: &[Token],
    clusters: &mut Clusters,
    kind: EntityType,
    most_tokens: &[usize; 5],
    buf: &mut MergeBuffers,
) {
    let MergeBuffers {
        words: lower,
        spans,
        names,
        by_hash,
        lasts,
        ..
    } = buf;
    // the shortest name that may join another: lone surnames have their own rule
    let shortest = if kind == EntityType::Person { 2 } else { 1 };
    // the longer name has more words than that, and a mention no more words than tokens
    if most_tokens[kind as usize] <= shortest {
        return;
    }
    // a name joins a longer one with its last word: most documents have none such, and
    // are done with the last words alone
    by_hash.clear();
    lasts.clear();
    for i in 0..clusters.len() {
        if !clusters.is(i, kind) {
            continue;
        }
        let m = clusters.longest_at(i).expect("not empty");
        let (n, last) = match short_form_of(&clusters.found[m]) {
            Some(name) => (name.split(' ').count(), name.rsplit(' ').next()),
            None => {
                let mut w = words(text, tokens, &clusters.found[m]);
                (w.len(), w.next_back())
            }
        };
        if let Some(last) = last {
            let hash = lowercase_hash(last);
            by_hash.push((hash, n));
            lasts.push((hash, i, m));
        }
    }
    // one name joins another: nothing to do with fewer than two
    if by_hash.len() < 2 {
        return;
    }
    let shorter = |a: &(u64, usize), b: &(u64, usize)| a.0 == b.0 && a.1 >= shortest && a.1 < b.1;
    let may_join = if by_hash.len() <= FEW_NAMES {
        // a few names: comparing every pair costs less than sorting them
        by_hash
            .iter()
            .any(|a| by_hash.iter().any(|b| shorter(a, b)))
    } else {
        by_hash.sort_unstable();
        by_hash.chunk_by(|a, b| a.0 == b.0).any(|same_last| {
            let most = same_last.iter().map(|e| e.1).max().unwrap_or(0);
            same_last.iter().any(|e| e.1 >= shortest && e.1 < most)
        })
    };
    if !may_join {
        return;
    }
    // a name whose last word no other name shares can neither join nor be joined
    let shared = |hash: u64| {
        if by_hash.len() <= FEW_NAMES {
            by_hash.iter().filter(|e| e.0 == hash).nth(1).is_some()
        } else {
            let from = by_hash.partition_point(|e| e.0 < hash);
            by_hash.get(from + 1).is_some_and(|e| e.0 == hash)
        }
    };
    // each such name's words in lower case: all in one string, each word a span of it, each
    // name a run of spans; the hash of its last word is the one of its last word lower-cased
    lower.clear();
    spans.clear();
    names.clear();
    lasts.retain(|&(hash, _, _)| shared(hash));
    for &(_, i, m) in lasts.iter() {
        let from = spans.len();
        let mut push = |w: &str| {
            let at = lower.len();
            push_lowercase(w, lower);
            spans.push(at..lower.len());
        };
        match short_form_of(&clusters.found[m]) {
            Some(name) => name.split(' ').for_each(&mut push),
            None => words(text, tokens, &clusters.found[m]).for_each(&mut push),
        }
        names.push((i, from..spans.len()));
    }
    let word = |k: usize| &lower[spans[k].clone()];
    // names by their last word (then in order): only those can end with one another
    by_hash.clear();
    by_hash.extend(lasts.iter().enumerate().map(|(k, &(hash, _, _))| (hash, k)));
    by_hash.sort_unstable();
    for (&(i, ref short), &(short_last, _, _)) in names.iter().zip(lasts.iter()) {
        if short.len() < 2 && kind == EntityType::Person {
            continue; // lone surnames have their own rule
        }
        let from = by_hash.partition_point(|&(h, _)| h < short_last);
        let ends_with = |long: &Range<usize>| {
            let skip = long.len() - short.len();
            (0..short.len()).all(|k| word(long.start + skip + k) == word(short.start + k))
                // "North Sumatra", "New York", "Lower Saxony": another place than the one
                // without the word of direction or age
                && !(kind == EntityType::Place
                    && (long.start..long.start + skip).all(|k| is_quarter_word(word(k))))
        };
        // the shortest of the longer names that end with this one, the first of them on a tie
        let (mut longer, mut target) = (0, None::<&(usize, Range<usize>)>);
        for name in by_hash[from..]
            .iter()
            .take_while(|&&(h, _)| h == short_last)
            .map(|&(_, k)| &names[k])
            .filter(|&&(j, ref long)| j != i && long.len() > short.len() && ends_with(long))
        {
            longer += 1;
            if target.is_none_or(|t| name.1.len() < t.1.len()) {
                target = Some(name);
            }
        }
        // "the Cabinet" joins "Starmer Cabinet" only when no other cabinet is named
        if short.len() < 2 && kind == EntityType::Organization && longer != 1 {
            continue;
        }
        if let Some(&(j, _)) = target {
            clusters.join(i, j);
        }
    }
}

/// Words before a place's name making it another place (in lower case): "North Sumatra"
/// is no part of Sumatra's name, "New York" no York.
fn is_quarter_word(word: &str) -> bool {
    matches!(
        word,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "upper"
            | "lower"
            | "greater"
            | "inner"
            | "outer"
            | "new"
    )
}

/// The name a one-word short form of an organization stands for ("Fed": "Federal Reserve"),
/// which a longer name may end with ("U.S. Federal Reserve").
fn short_form_of(f: &Found) -> Option<&'static str> {
    match f.what {
        What::Organization { name: Some(name) } if f.tokens.len() == 1 => Some(name),
        _ => None,
    }
}

/// Joins a body named without its "of" phrase to the one named with it: "Election
/// Commission" to "Election Commission of India", "Supreme Court" to "Supreme Court of
/// Pakistan", when only one name so begins.
fn merge_before_of(
    text: &str,
    tokens: &[Token],
    clusters: &mut Clusters,
    most_tokens: &[usize; 5],
) {
    let kind = EntityType::Organization;
    if most_tokens[kind as usize] < 4 {
        return;
    }
    for j in 0..clusters.len() {
        if !clusters.is(j, kind) {
            continue;
        }
        let long = clusters.longest(j).expect("not empty");
        let of = long
            .tokens
            .clone()
            .skip(2)
            .find(|&k| tokens[k].text(text) == "of");
        let Some(of) = of else {
            continue;
        };
        let head = long.tokens.start..of;
        // ("Kurdistan Democratic Party (KDP)" beside "Kurdistan Democratic Party of Iran
        // (KDPI)": a name given its own short form is a body of its own)
        // (its shorter mentions are its own short forms: "Cooperative" of "Cooperative Bank")
        let same_head = |i: usize| {
            i != j
                && clusters.is(i, kind)
                && clusters.longest(i).is_some_and(|f| {
                    f.tokens.len() == head.len()
                        && f.tokens.clone().zip(head.clone()).all(|(a, b)| {
                            same_lowercase(tokens[a].text(text), tokens[b].text(text))
                        })
                })
                && clusters.found(i).all(|f| {
                    f.tokens.len() <= head.len()
                        && tokens.get(f.tokens.end).is_none_or(|t| t.text(text) != "(")
                })
        };
        let mut short = (0..clusters.len()).filter(|&i| same_head(i));
        if let (Some(i), None) = (short.next(), short.next()) {
            clusters.join(i, j);
        }
    }
}

/// Joins a one-word name the lexicon gives to another body ("Congress": the U.S. Congress) to
/// the body of this document whose name ends with that word, when only one does: "Congress
/// leader Rahul Gandhi" beside "the Congress party" (the Indian National Congress).
fn merge_borrowed_short_forms(
    text: &str,
    tokens: &[Token],
    clusters: &mut Clusters,
    most_tokens: &[usize; 5],
) {
    let kind = EntityType::Organization;
    if most_tokens[kind as usize] < 2 {
        return;
    }
    let name_of = |f: &Found| match f.what {
        What::Organization { name } => name,
        _ => None,
    };
    for i in 0..clusters.len() {
        if !clusters.is(i, kind) {
            continue;
        }
        // (one word at most in every mention: the longest has one)
        let f = clusters.longest(i).expect("not empty");
        let Some(name) = short_form_of(f) else {
            continue;
        };
        let word = tokens[f.tokens.start].text(text);
        if same_lowercase(name, word) {
            continue;
        }
        let ends_with_word = |j: usize| {
            j != i
                && clusters.is(j, kind)
                && clusters.found(j).any(|g| {
                    let last = match name_of(g) {
                        Some(n) => n.rsplit(' ').next(),
                        None if g.tokens.len() > 1 => words(text, tokens, g).next_back(),
                        None => None,
                    };
                    name_of(g) != Some(name) && last.is_some_and(|w| same_lowercase(w, word))
                })
        };
        let mut bodies = (0..clusters.len()).filter(|&j| ends_with_word(j));
        if let (Some(j), None) = (bodies.next(), bodies.next()) {
            clusters.join(i, j);
        }
    }
}

/// Joins a name given after "known as" to the person named just before it ("Mohamed Hamdan
/// Dagalo, known as Hemedti,"): the nickname, however the tagger typed it, is that person.
fn merge_nicknames(text: &str, tokens: &[Token], clusters: &mut Clusters) {
    let word = |k: usize| tokens[k].text(text);
    // where a name follows ", known as" or ", also known as": the token of its comma
    let comma_before = |f: &Found| {
        let k = f.tokens.start;
        if k < 3 || word(k - 1) != "as" || word(k - 2) != "known" {
            return None;
        }
        let c = if word(k - 3) == "also" {
            k.checked_sub(4)?
        } else {
            k - 3
        };
        (word(c) == "," && c > 0).then_some(c)
    };
    let mut pairs: Vec<(usize, usize)> = Vec::new(); // (comma token, cluster)
    for i in 0..clusters.len() {
        if matches!(clusters.kind(i), EntityType::Office | EntityType::Country)
            || clusters.found(i).nth(1).is_some()
        {
            continue; // a nickname is named once
        }
        if let Some(c) = clusters.found(i).next().and_then(comma_before) {
            pairs.push((c, i));
        }
    }
    if pairs.is_empty() {
        return;
    }
    pairs.sort_unstable();
    for j in 0..clusters.len() {
        if clusters.kind(j) != EntityType::Person {
            continue;
        }
        let ends: Vec<usize> = clusters.found(j).map(|f| f.tokens.end).collect();
        for end in ends {
            if let Ok(at) = pairs.binary_search_by_key(&end, |&(c, _)| c) {
                let i = pairs[at].1;
                if i != j {
                    clusters.join(i, j);
                }
            }
        }
    }
}

/// Joins "the North" and "the South", named alone, to North and South Korea where the
/// document names that country: Korean news calls each half by its point of the compass.
fn merge_korean_halves(text: &str, clusters: &mut Clusters) {
    let (mut north, mut south) = (None, None);
    for i in 0..clusters.len() {
        if clusters.kind(i) != EntityType::Country {
            continue;
        }
        match clusters.found(i).next().map(|f| &f.what) {
            Some(What::Country { iso: "KP" }) => north = north.or(Some(i)),
            Some(What::Country { iso: "KR" }) => south = south.or(Some(i)),
            _ => {}
        }
    }
    if north.is_none() && south.is_none() {
        return;
    }
    for i in 0..clusters.len() {
        if clusters.is_empty(i) || clusters.kind(i) == EntityType::Office {
            continue;
        }
        let target = {
            let mut said = clusters.found(i).map(|f| &text[f.start..f.end]);
            match said.next() {
                Some(w @ "North") if said.all(|x| x == w) => north,
                Some(w @ "South") if said.all(|x| x == w) => south,
                _ => None,
            }
        };
        if let Some(j) = target
            && i != j
        {
            clusters.join(i, j);
        }
    }
}

/// Joins a country named by one word, always spelled alike, to the one person named in full
/// whose surname it is ("Jordan" after "Neil Jordan"): the tagger, having read the word alone
/// a few times, takes it for the country. A country named in any other form too ("Jordanian",
/// "Amman", "U.S." beside "Washington"), or named before that person is, is the country.
fn merge_country_surnames(text: &str, tokens: &[Token], clusters: &mut Clusters) {
    // (a few such countries at most are looked at: a document names few countries by one
    // spelling only)
    const FEW: usize = 4;
    let mut countries: [(usize, &str); FEW] = [(0, ""); FEW];
    let mut n = 0;
    for i in 0..clusters.len() {
        if n == FEW {
            break;
        }
        if clusters.kind(i) != EntityType::Country || clusters.is_empty(i) {
            continue;
        }
        let mut forms = clusters
            .found(i)
            .map(|f| (f.tokens.len() == 1).then(|| &text[f.start..f.end]));
        if let Some(Some(w)) = forms.next()
            && forms.all(|f| f == Some(w))
        {
            countries[n] = (i, w);
            n += 1;
        }
    }
    if n == 0 {
        return;
    }
    // the one person named in full with each as surname (`more`: more than one)
    let mut people = [None::<usize>; FEW];
    let mut more = [false; FEW];
    for j in 0..clusters.len() {
        if !clusters.is(j, EntityType::Person) {
            continue;
        }
        let mut name = words(text, tokens, clusters.longest(j).expect("not empty"));
        if name.len() < 2 {
            continue;
        }
        let last = name.next_back();
        for k in 0..n {
            if last == Some(countries[k].1) {
                more[k] |= people[k].is_some();
                people[k] = Some(j);
            }
        }
    }
    for k in 0..n {
        // (named before the word is met alone: a country named before someone of its name
        // comes up is the country)
        if let (Some(j), false) = (people[k], more[k])
            && clusters.first_start(j) < clusters.first_start(countries[k].0)
        {
            clusters.join(countries[k].0, j);
        }
    }
}

/// Joins an organization named by one word alone to the only longer one whose name begins
/// with that word: "Real" to "Real Madrid", "Goldman" to "Goldman Sachs". Clubs and firms are
/// shortened to their first word as often as to their last, which [`merge_shortened`] joins;
/// when two names begin alike ("Manchester United", "Manchester City") neither is meant, and an
/// organization the lexicon names ("Reuters" beside "Reuters Television") stands for itself.
/// A "person" named by one word no full name has is such a short form too ("Harvard").
fn merge_first_words(
    text: &str,
    tokens: &[Token],
    clusters: &mut Clusters,
    lexicon: &Lexicon,
    most_tokens: &[usize; 5],
    buf: &mut MergeBuffers,
) {
    let kind = EntityType::Organization;
    if most_tokens[kind as usize] < 2 {
        return;
    }
    // the hash of the first word of each name of two words or more, and each one-word name
    let MergeBuffers {
        by_hash: firsts,
        lasts: singles,
        ..
    } = buf;
    firsts.clear();
    singles.clear();
    for i in 0..clusters.len() {
        // (a surname alone that no one in the document has in full may be a short form too:
        // "Harvard" beside "Harvard University")
        // (and so may a place no lexicon knows: "shares in Novo, Europe's most valuable
        // company" beside "Novo Nordisk")
        // (not a dateline's town in capitals: "HARLEYSVILLE, Pa." beside "Harleysville Group")
        let unknown_place = |f: &Found| {
            matches!(f.what, What::Place { name: None, .. })
                && text[f.start..f.end].chars().any(char::is_lowercase)
        };
        let short_only = clusters.is(i, EntityType::Person)
            || (clusters.is(i, EntityType::Place) && clusters.found(i).all(unknown_place));
        if !short_only && !clusters.is(i, kind) {
            continue;
        }
        let m = clusters.longest_at(i).expect("not empty");
        let f = &clusters.found[m];
        let mut w = words(text, tokens, f);
        let Some(first) = w.next() else {
            continue;
        };
        // ("Boatmen's" is one word with its possessive)
        let one = match f.tokens.len() {
            1 => true,
            2 => w.next().is_some_and(is_possessive),
            _ => false,
        };
        if short_only {
            if one {
                singles.push((lowercase_hash(first), i, m));
            }
        } else if !one {
            firsts.push((lowercase_hash(first), i));
        } else {
            singles.push((lowercase_hash(first), i, m));
        }
    }
    if firsts.is_empty() {
        return;
    }
    // (by hash, so that each one-word name finds its longer ones by binary search)
    firsts.sort_unstable();
    for &(hash, i, m) in singles.iter() {
        let from = firsts.partition_point(|e| e.0 < hash);
        let begin = firsts[from..].iter().take_while(|e| e.0 == hash);
        // one longer name, or several that all begin with the shortest of them ("Novo
        // Nordisk" and "Novo Nordisk Foundation")
        let Some(&(_, j)) = begin
            .clone()
            .min_by_key(|e| clusters.longest(e.1).map_or(0, |f| f.tokens.len()))
        else {
            continue;
        };
        let long = clusters.longest(j).expect("not empty");
        if begin.clone().any(|e| {
            let other = clusters.longest(e.1).expect("not empty");
            let mut theirs = words(text, tokens, other);
            !words(text, tokens, long).all(|w| theirs.next().is_some_and(|x| same_lowercase(w, x)))
        }) {
            continue;
        }
        // an organization the lexicon knows is itself ("Reuters" beside "Reuters
        // Television"), not a short form, unless the longer name is its company's in full
        // ("Toyota" beside "Toyota Motor Corp.", "SoftBank" beside "SoftBank Group") or one
        // the lexicon knows too ("Samsung" beside "Samsung Electronics")
        if matches!(clusters.found[m].what, What::Organization { name: Some(_) })
            && !matches!(long.what, What::Organization { name: Some(_) })
            && !words(text, tokens, long).next_back().is_some_and(|w| {
                matches!(w, "Group" | "Holding" | "Holdings")
                    || lexicon.classes(w).contains(WordClass::ORG_SUFFIX)
            })
        {
            continue;
        }
        let short = words(text, tokens, &clusters.found[m]).next();
        let first = words(text, tokens, long).next();
        if let (Some(a), Some(b)) = (short, first)
            && same_lowercase(a, b)
        {
            clusters.join(i, j);
        }
    }
}

/// Joins an acronym ("NATO", "U.N.") to the organization whose capitalised words it
/// abbreviates ("North Atlantic Treaty Organization", "United Nations"), and a short name in
/// brackets ("AMD", "Phivolcs") to the name just before it.
fn merge_acronyms(
    text: &str,
    tokens: &[Token],
    clusters: &mut Clusters,
    lexicon: &Lexicon,
    buf: &mut MergeBuffers,
) {
    // a short name: an organization named by one word of capitals, or by one word in brackets
    // ("(Phivolcs)"); its cluster starts with a mention that is one, so without such a
    // mention there is none, which the mentions tell more cheaply than the clusters
    let bracketed = |f: &Found| {
        f.tokens.start >= 2
            && tokens[f.tokens.start - 1].text(text) == "("
            && tokens
                .get(f.tokens.end)
                .is_some_and(|t| t.text(text) == ")")
    };
    let may_be_short = |f: &Found| {
        matches!(f.what, What::Organization { .. })
            && f.tokens.len() <= 1
            && (is_acronym(&text[f.start..f.end]) || bracketed(f))
    };
    if !clusters.found.iter().any(may_be_short) {
        return;
    }
    let MergeBuffers {
        words: all_initials,
        names,
        word,
        ..
    } = buf;
    // the initials of each organization of two words or more: a span of `all_initials`
    all_initials.clear();
    names.clear();
    for i in 0..clusters.len() {
        if !clusters.is(i, EntityType::Organization) {
            continue;
        }
        let w = words(text, tokens, clusters.longest(i).expect("not empty"));
        if w.len() < 2 {
            continue;
        }
        // company suffixes ("Inc.", "Corp.") are mostly not abbreviated, but may be
        // ("TSMC" of "Taiwan Semiconductor Manufacturing Co")
        for with_suffix in [false, true] {
            let at = all_initials.len();
            let mut suffixed = false;
            all_initials.extend(
                w.clone()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter(|w| {
                        let suffix = lexicon.classes(w).contains(WordClass::ORG_SUFFIX);
                        suffixed |= suffix;
                        with_suffix || !suffix
                    })
                    .filter_map(|w| w.chars().next()),
            );
            if all_initials[at..].chars().count() >= 2 && (!with_suffix || suffixed) {
                names.push((i, at..all_initials.len()));
            } else {
                all_initials.truncate(at);
            }
        }
    }
    // (of organizations with the same initials, the last)
    let mut initials: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(names.len(), Default::default());
    for (i, span) in names.iter() {
        initials.insert(&all_initials[span.clone()], *i);
    }
    // organization mentions by the token they end on, with their length, for "Name (SHORT)"
    let mut ending_at: FastMap<usize, (usize, usize)> =
        FastMap::with_capacity_and_hasher(clusters.found.len(), Default::default());
    for j in 0..clusters.len() {
        if clusters.kind(j) == EntityType::Organization {
            for g in clusters.found(j) {
                ending_at.entry(g.tokens.end).or_insert((j, g.tokens.len()));
            }
        }
    }
    for i in 0..clusters.len() {
        if !clusters.single_word(i, EntityType::Organization) {
            continue;
        }
        let f = clusters.found(i).next().expect("not empty");
        let acronym = is_acronym(&text[f.start..f.end]);
        if !acronym && !bracketed(f) {
            continue;
        }
        // "Advanced Micro Devices Inc. (AMD)", "the Philippine Institute of Volcanology and
        // Seismology (Phivolcs)": a short name in brackets right after a name (a word that
        // is no acronym only after a longer name)
        let named_before = bracketed(f)
            .then(|| ending_at.get(&(f.tokens.start - 1)).copied())
            .flatten()
            .filter(|&(_, len)| acronym || len > 1)
            .map(|(j, _)| j);
        let target = named_before.or_else(|| {
            acronym.then(|| {
                word.clear();
                word.extend(text[f.start..f.end].chars().filter(|c| *c != '.'));
                initials.get(word.as_str()).copied()
            })?
        });
        if let Some(j) = target.filter(|&j| j != i) {
            clusters.join(i, j);
        }
    }
}

/// Whether a word is two capitals or more, periods aside: "NATO", "U.N.".
fn is_acronym(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| *c != '.');
    letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
}

/// An alias with no entity of its own ("which calls them Diaoyu") joins a place mentioned
/// before it when the text makes the link plain: the place's head word is in the alias's
/// sentence ("the shoal, which Beijing calls ..." -> "... Shoal"), or a pronoun ("calls them")
/// points back to a place of that sentence or the one before. A plural name is preferred after
/// "them", a singular one otherwise; with no such place the alias stays an entity of its own.
fn attach_aliases(text: &str, tokens: &[Token], clusters: &mut Clusters, sentence_of: &SentenceOf) {
    // the sentence of each token, made for the first alias
    let mut table: Option<Vec<usize>> = None;
    for i in 0..clusters.len() {
        let unnamed_alias = clusters.is(i, EntityType::Place)
            && clusters.found(i).all(|f| {
                f.form == MentionForm::Alias && matches!(f.what, What::Place { name: None, .. })
            });
        if !unnamed_alias {
            continue;
        }
        let sentence_of = table.get_or_insert_with(|| sentence_of.table(tokens.len()));
        let first = clusters
            .found(i)
            .min_by_key(|f| f.start)
            .expect("not empty");
        let sentence = sentence_of[first.tokens.start];
        // the words of the sentence before the alias
        let sentence_from = (0..first.tokens.start)
            .rev()
            .take_while(|&k| sentence_of[k] == sentence)
            .last()
            .unwrap_or(first.tokens.start);
        let sentence_words = &tokens[sentence_from..first.tokens.start];
        let pronoun = first
            .tokens
            .start
            .checked_sub(1)
            .map(|p| tokens[p].text(text));
        let by_pronoun = matches!(pronoun, Some("it" | "them"));
        let plural_wanted = pronoun == Some("them");
        let is_plural = |f: &Found| tokens[f.tokens.end - 1].text(text).ends_with('s');
        let target = (0..clusters.len())
            .filter(|&j| j != i && clusters.kind(j) == EntityType::Place)
            .filter_map(|j| {
                clusters
                    .found(j)
                    .filter(|f| f.start < first.start && f.form != MentionForm::Alias)
                    .filter_map(|f| {
                        let named_again = f.tokens.len() > 1 && {
                            let head = tokens[f.tokens.end - 1].text(text);
                            sentence_words
                                .iter()
                                .any(|t| same_lowercase(t.text(text), head))
                        };
                        // "calls them X": the pronoun points back to a place of this sentence or the one before
                        let agrees = by_pronoun
                            && sentence_of[f.tokens.start] + 1 >= sentence
                            && is_plural(f) == plural_wanted;
                        (named_again || agrees).then_some((named_again, f.start))
                    })
                    .max()
                    .map(|s| (j, s))
            })
            .max_by_key(|&(_, s)| s);
        if let Some((j, _)) = target {
            clusters.join(i, j);
        }
    }
}

/// Joins a "person" named by one word alone, never in full, to the place of that word named
/// elsewhere in the document in any case ("Marcos visits Cebu" under the dateline "CEBU,
/// Philippines"), or after a geographic head word ("Kinabalu" and "Mount Kinabalu"): one word
/// is a surname only when a full name has it, which `merge_people` has joined by now.
fn merge_places_named_alike(text: &str, tokens: &[Token], clusters: &mut Clusters) {
    // (a few one-word places at most are looked at)
    const FEW: usize = 8;
    let mut places: [(usize, &str); FEW] = [(0, ""); FEW];
    let mut n = 0;
    for i in 0..clusters.len() {
        if n == FEW {
            break;
        }
        if clusters.single_word(i, EntityType::Place)
            && let Some(f) = clusters.found(i).next()
        {
            places[n] = (i, &text[f.start..f.end]);
            n += 1;
        } else if clusters.is(i, EntityType::Place)
            && let Some(f) = clusters.longest(i)
            && f.tokens.len() == 2
            && is_place_head(tokens[f.tokens.start].text(text))
        {
            // "Mount Kinabalu", "Lake Toba": the word after the head is the place's name
            let t = &tokens[f.tokens.end - 1];
            places[n] = (i, &text[t.start..t.end]);
            n += 1;
        }
    }
    if n == 0 {
        return;
    }
    for j in 0..clusters.len() {
        if !clusters.single_word(j, EntityType::Person) {
            continue;
        }
        let Some(f) = clusters.found(j).next() else {
            continue;
        };
        let word = &text[f.start..f.end];
        if let Some(&(i, _)) = places[..n].iter().find(|(_, p)| same_lowercase(p, word)) {
            clusters.join(j, i);
        }
    }
}

/// Joins a one-word name no lexicon knows that the tagger read as a body ("On Sunday Leo will
/// travel") into the person named by that word alone after an office ("Pope Leo"), when the
/// person is named so at least as often. (A person named by one word without a title may
/// be the club's own name read wrongly: "Williams", "Zeleznik".)
fn merge_people_read_as_bodies(text: &str, clusters: &mut Clusters) {
    let unknown_body = |c: &Clusters, j: usize| {
        c.single_word(j, EntityType::Organization)
            && c.found(j)
                .all(|f| matches!(f.what, What::Organization { name: None }))
    };
    // (most documents have no such body, or no office: done with one look at the mentions)
    let found = clusters.found;
    let (mut bodies, mut offices) = (false, false);
    for f in found {
        match f.what {
            What::Organization { name: None } => bodies |= f.tokens.len() == 1,
            What::Office { .. } => offices = true,
            _ => {}
        }
    }
    if !(bodies && offices) {
        return;
    }
    let titled = |f: &Found| {
        found
            .iter()
            .any(|o| matches!(o.what, What::Office { .. }) && o.tokens.end == f.tokens.start)
    };
    for j in 0..clusters.len() {
        if !unknown_body(clusters, j) {
            continue;
        }
        let Some(f) = clusters.found(j).next() else {
            continue;
        };
        let word = &text[f.start..f.end];
        let times = clusters.found(j).count();
        let person = (0..clusters.len()).find(|&i| {
            clusters.is(i, EntityType::Person) && {
                let alone = clusters
                    .found(i)
                    .filter(|p| p.tokens.len() == 1 && &text[p.start..p.end] == word);
                alone.clone().any(titled) && alone.count() >= times
            }
        });
        if let Some(i) = person {
            clusters.join(j, i);
        }
    }
}

/// Joins a one-word name no lexicon knows that the tagger read as a place here and as a body
/// there ("the Chadema party", "after Chadema was barred") into one entity, when one reading
/// was made once: the other one, else (once each) the first. (Each made several times, as a
/// company "Petofi" four times a place and thrice a body, the text does not tell.)
fn merge_one_name_read_twice(text: &str, clusters: &mut Clusters) {
    // (a few unknown one-word places at most are looked at)
    const FEW: usize = 8;
    let unknown = |c: &Clusters, i: usize, kind: EntityType| {
        c.single_word(i, kind)
            && c.found(i).all(|f| {
                matches!(
                    f.what,
                    What::Place { name: None, .. } | What::Organization { name: None }
                )
            })
    };
    let mut places: [(usize, &str); FEW] = [(0, ""); FEW];
    let mut n = 0;
    for i in 0..clusters.len() {
        if n < FEW
            && unknown(clusters, i, EntityType::Place)
            && let Some(f) = clusters.found(i).next()
        {
            places[n] = (i, &text[f.start..f.end]);
            n += 1;
        }
    }
    if n == 0 {
        return;
    }
    for j in 0..clusters.len() {
        if !unknown(clusters, j, EntityType::Organization) {
            continue;
        }
        let Some(f) = clusters.found(j).next() else {
            continue;
        };
        let word = &text[f.start..f.end];
        if let Some(&(i, _)) = places[..n]
            .iter()
            .find(|&&(i, p)| !clusters.is_empty(i) && same_lowercase(p, word))
        {
            let size = |c: &Clusters, k: usize| c.found(k).count();
            let (a, b) = (size(clusters, i), size(clusters, j));
            if a.min(b) > 1 {
                // two readings each made more than once: the text does not tell
                continue;
            }
            if a > b || (a == b && clusters.first_start(i) < clusters.first_start(j)) {
                clusters.join(j, i);
            } else {
                clusters.join(i, j);
            }
        }
    }
}

/// Whether two words are alike in lower case, compared without lower-casing them when
/// both are ASCII.
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// The buffers [`build`] shares between entities.
#[derive(Default)]
struct BuildBuffers {
    /// The mentions of one entity, in text order.
    members: Vec<usize>,
    /// A mention's spelling, and its lower case.
    own: String,
    own_l: String,
    /// The lower case of a place's name.
    name_l: String,
    /// The hints of [`country`].
    country_hints: Vec<u16>,
    /// Mention lists of the entities of documents done with, emptied, to be filled again:
    /// a list per entity is then seldom allocated (see [`recycle`]).
    spare: Vec<Vec<Mention>>,
}

/// The most mention lists a thread keeps for the next documents' entities, and the longest
/// of them it keeps: enough for the entities of a long article.
const SPARE_LISTS: usize = 256;
const SPARE_LIST_LEN: usize = 64;

/// Takes the entities of a document done with, keeping their list and their mention lists
/// (emptied) for this thread's next entities.
pub(crate) fn recycle(entities: &mut Vec<Entity<'_>>) {
    // (nothing is kept while the thread ends, or should the buffers be in use)
    let _ = SCRATCH.try_with(|scratch| {
        let Ok(mut scratch) = scratch.try_borrow_mut() else {
            return;
        };
        let spare = &mut scratch.build.spare;
        for e in entities.drain(..) {
            if spare.len() >= SPARE_LISTS {
                break;
            }
            let mut mentions = e.mentions;
            if mentions.capacity() <= SPARE_LIST_LEN {
                mentions.clear();
                spare.push(mentions);
            }
        }
        if entities.capacity() <= KEEP_MENTIONS {
            // the empty list, no longer borrowing any text, becomes one of no lifetime in the
            // same memory (collected in place)
            scratch.entities = std::mem::take(entities)
                .into_iter()
                .map(|_| unreachable!("the list is empty"))
                .collect();
        }
    });
}

/// The entity of cluster `i`.
fn build<'t>(
    text: &'t str,
    tokens: &[Token],
    clusters: &Clusters,
    i: usize,
    lexicon: &Lexicon,
    sentences: &[usize],
    buffers: &mut BuildBuffers,
) -> Entity<'t> {
    let BuildBuffers {
        members,
        own,
        own_l,
        name_l,
        country_hints,
        spare,
    } = buffers;
    let (kind, all) = (clusters.kind(i), clusters.found);
    members.clear();
    members.extend(clusters.chain(i));
    if members.len() > 1 {
        members.sort_by_key(|&m| (all[m].start, all[m].end));
        members.dedup_by_key(|m| (all[*m].start, all[*m].end));
    }
    let found = members.iter().map(|&m| &all[m]);
    // (the length first: it is cheaper to test)
    let shouted = |f: &Found| f.end - f.start > 4 && !has_lowercase(&text[f.start..f.end]);
    // a country the lexicon has, or an office, is named whatever its mentions: they all have
    // its code or its title (the key they are one entity by), and no other joins them
    let mut first = &all[members[0]];
    if matches!(kind, EntityType::Country | EntityType::Office) {
        // ("the North" named before North Korea is not what names it)
        first = found
            .clone()
            .find(|f| matches!(f.what, What::Country { .. } | What::Office { .. }))
            .unwrap_or(first);
    }
    let known = match first.what {
        What::Country { iso: code } => country(lexicon, code, country_hints).map(|k| k.name),
        What::Office { name } => Some(name),
        _ => None,
    };
    // (a lone mention is its own fullest form)
    let fullest = if members.len() == 1 || known.is_some() {
        first
    } else {
        found
            .clone()
            .filter(|f| f.form != MentionForm::Alias)
            .max_by_key(|f| {
                (
                    !shouted(f),
                    words(text, tokens, f).len(),
                    f.end - f.start,
                    usize::MAX - f.start,
                )
            })
            .unwrap_or(first)
    };
    let spelled = || -> Cow<'t, str> {
        // (most names are their text as it stands, borrowed from it)
        if let Some(joined) = words(text, tokens, fullest).single_spaced() {
            return Cow::Borrowed(joined);
        }
        let mut s = String::new();
        spell_into(text, tokens, fullest, &mut s);
        Cow::Owned(s)
    };
    let mut iso = None;
    let mut place_kind = None;
    let name: Cow<'t, str> = match &fullest.what {
        What::Country { iso: code } => {
            iso = Some(*code);
            known.map_or_else(spelled, Cow::Borrowed)
        }
        What::Office { name } => Cow::Borrowed(*name),
        What::Place { name, kind } => {
            place_kind = *kind;
            name.map_or_else(spelled, Cow::Borrowed)
        }
        What::Organization { name } => name.map_or_else(spelled, Cow::Borrowed),
        What::Person => spelled(),
    };
    // (the mentions of an entity are all of its type)
    if place_kind.is_none() && kind == EntityType::Place {
        place_kind = found.clone().find_map(|f| match f.what {
            What::Place { kind, .. } => kind,
            _ => None,
        });
    }
    // only the names of places can turn out aliases (the lower case of an ASCII name is
    // made only when a mention is not ASCII)
    name_l.clear();
    let ascii_name = kind == EntityType::Place && name.is_ascii();
    if kind == EntityType::Place && !ascii_name {
        push_lowercase(&name, name_l);
    }
    let mut mentions = spare.pop().unwrap_or_default();
    mentions.extend(members.iter().map(|&m| {
        let f = &all[m];
        let mut form = f.form;
        // (a name that ends with the mention's words in lower case also is them)
        let ends_with = (form == MentionForm::Name && ascii_name)
            .then(|| ends_with_words(name.as_bytes(), words(text, tokens, f)))
            .flatten();
        if let Some(ends_with_own) = ends_with {
            if !ends_with_own {
                form = MentionForm::Alias;
            }
        } else if form == MentionForm::Name && kind == EntityType::Place {
            if name_l.is_empty() {
                push_lowercase(&name, name_l);
            }
            spell_into(text, tokens, f, own);
            let ends_with_own = if own.is_ascii() {
                // the lower case of ASCII is its bytes' lower case
                name_l.len() >= own.len()
                    && name_l.as_bytes()[name_l.len() - own.len()..]
                        .iter()
                        .zip(own.as_bytes())
                        .all(|(&n, &o)| n == o.to_ascii_lowercase())
            } else {
                own_l.clear();
                own_l.push_str(&own.to_lowercase());
                name_l.ends_with(own_l.as_str())
            };
            if !ends_with_own {
                form = MentionForm::Alias;
            }
        }
        // and only those of organizations abbreviations: a name of few letters, all
        // capitals (the spelling is made only for those)
        if form == MentionForm::Name && kind == EntityType::Organization {
            let mut letters = words(text, tokens, f)
                .flat_map(str::chars)
                .filter(|c| c.is_alphabetic());
            // (all capitals, and six at most: read up to the seventh letter)
            let mut count = 0;
            let few_capitals = letters.all(|c| {
                count += 1;
                count <= 6 && c.is_uppercase()
            });
            if few_capitals {
                spell_into(text, tokens, f, own);
                if *own != *name {
                    form = MentionForm::Abbreviation;
                }
            }
        }
        Mention {
            start: f.start,
            end: f.end,
            tokens: f.tokens.clone(),
            sentence: sentences[m],
            form,
        }
    }));
    Entity {
        kind,
        name,
        iso,
        place_kind,
        mentions,
    }
}

/// Whether an ASCII name ends with a mention's words as [`spell_into`] spells them, in lower
/// case both, read from the end without spelling the mention; `None` when a word of it is
/// not ASCII (its lower case may be of another length) before the answer is known.
fn ends_with_words(name: &[u8], words: Words) -> Option<bool> {
    let text = words.text.as_bytes();
    let mut end = name.len();
    let mut next: Option<usize> = None;
    for span in words.spans().rev() {
        // a space where the text has one between this word and the next
        if next.is_some_and(|n| span.end < n) {
            if end == 0 || name[end - 1] != b' ' {
                return Some(false);
            }
            end -= 1;
        }
        next = Some(span.start);
        let word = &text[span];
        if !word.is_ascii() {
            return None;
        }
        if end < word.len() || !name[end - word.len()..end].eq_ignore_ascii_case(word) {
            return Some(false);
        }
        end -= word.len();
    }
    Some(true)
}

/// Whether a word has a lower-case letter: read byte by byte while it is ASCII (most names
/// show one by their second letter), by characters from the first that is not.
fn has_lowercase(word: &str) -> bool {
    for (i, b) in word.bytes().enumerate() {
        if b.is_ascii_lowercase() {
            return true;
        }
        if !b.is_ascii() {
            return word[i..].chars().any(char::is_lowercase);
        }
    }
    false
}

/// The lexicon's country of an ISO code, as [`Lexicon::country`] finds it. A code of two
/// capitals is looked for first where it was found last (`hints` holds the place of each,
/// or `u16::MAX`), then searched for with two-letter codes compared as two bytes rather
/// than as strings.
fn country<'l>(lexicon: &'l Lexicon, iso: &str, hints: &mut Vec<u16>) -> Option<&'l Country> {
    let countries = lexicon.countries();
    let key = iso.as_bytes();
    let slot = match *key {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => usize::from(a - b'A') * 26 + usize::from(b - b'A'),
        _ => usize::MAX,
    };
    if let Some(&hint) = hints.get(slot)
        && let Some(c) = countries.get(usize::from(hint))
        && c.iso.as_bytes() == key
    {
        return Some(c);
    }
    let found = match *key {
        [a, b] => {
            let key = u16::from_be_bytes([a, b]);
            countries.binary_search_by(|c| match *c.iso.as_bytes() {
                [a, b] => u16::from_be_bytes([a, b]).cmp(&key),
                _ => c.iso.cmp(iso),
            })
        }
        _ => countries.binary_search_by(|c| c.iso.cmp(iso)),
    };
    if let Ok(i) = found
        && slot != usize::MAX
    {
        hints.resize(26 * 26, u16::MAX);
        hints[slot] = u16::try_from(i).unwrap_or(u16::MAX);
    }
    found.ok().map(|i| &countries[i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// Links hand-made mentions: each `(phrase, what)` is found in `text` after the previous one.
    fn link_all(text: &str, spans: &[(&str, What)]) -> Vec<(String, Vec<String>)> {
        link_then(text, spans, |e| {
            (
                e.name.to_string(),
                e.mentions
                    .iter()
                    .map(|m| text[m.start..m.end].to_string())
                    .collect(),
            )
        })
    }

    /// The types of the entities [`link_all`] makes.
    fn link_kinds(text: &str, spans: &[(&str, What)]) -> Vec<EntityType> {
        link_then(text, spans, |e| e.kind)
    }

    fn link_then<T>(text: &str, spans: &[(&str, What)], each: impl Fn(&Entity) -> T) -> Vec<T> {
        let tokens = tokenize(text);
        let mut from = 0;
        let found: Vec<Found> = spans
            .iter()
            .map(|(phrase, what)| {
                let start = from + text[from..].find(phrase).expect("phrase in text");
                let end = start + phrase.len();
                from = end;
                let first = tokens
                    .iter()
                    .position(|t| t.start == start)
                    .expect("token start");
                let last = tokens.iter().position(|t| t.end == end).expect("token end");
                Found {
                    start,
                    end,
                    tokens: first..last + 1,
                    what: what.clone(),
                    form: MentionForm::Name,
                }
            })
            .collect();
        link(
            text,
            &tokens,
            &found,
            Lexicon::builtin(),
            &SentenceOf::new(&[]),
        )
        .iter()
        .map(each)
        .collect()
    }

    #[test]
    fn one_unknown_name_read_as_a_place_and_as_a_body_is_one_entity() {
        let org = || What::Organization { name: None };
        let place = || What::Place {
            name: None,
            kind: None,
        };
        // the first reading, of as many mentions
        let text = "Lissu leads the Chadema party. Chadema was barred.";
        let got = link_all(text, &[("Chadema", org()), ("Chadema", place())]);
        assert_eq!(got.len(), 1, "{got:?}");
        // the reading of more mentions, against one
        let text = "Rain hit Tawila. Aid reached Tawila. Tawila said more was needed.";
        let spans = [("Tawila", place()), ("Tawila", place()), ("Tawila", org())];
        assert_eq!(link_kinds(text, &spans), [EntityType::Place]);
        // but not against two
        let text = "Rain hit Tawila. Aid reached Tawila. Tawila said it. Tawila agreed.";
        let spans = [
            ("Tawila", place()),
            ("Tawila", place()),
            ("Tawila", org()),
            ("Tawila", org()),
        ];
        assert_eq!(link_kinds(text, &spans).len(), 2);
        let text = "Chadema said so. Lissu leads Chadema.";
        let spans = [("Chadema", org()), ("Chadema", place())];
        assert_eq!(link_kinds(text, &spans), [EntityType::Organization]);
        let text = "Rain hit Tawila. Tawila said more was needed.";
        let spans = [("Tawila", place()), ("Tawila", org())];
        assert_eq!(link_kinds(text, &spans), [EntityType::Place]);
        // a place the lexicon knows is not joined to a body of its name
        let text = "Drones hit Kharkiv. Kharkiv said so.";
        let spans = [
            (
                "Kharkiv",
                What::Place {
                    name: Some("Kharkiv"),
                    kind: Some("city"),
                },
            ),
            ("Kharkiv", org()),
        ];
        assert_eq!(link_all(text, &spans).len(), 2);
    }

    #[test]
    fn names_normalise_alike_in_one_piece_or_word_by_word() {
        for joined in [
            "U.S. State Department",
            ". Foo",
            "... Bar",
            " Lead",
            "Ça Va",
            "",
        ] {
            let (mut whole, mut by_word) = (Vec::new(), Vec::new());
            push_normalised_joined(joined, joined.split(' '), &mut whole);
            push_normalised_words(joined.split(' '), &mut by_word);
            assert_eq!(whole, by_word, "{joined:?}");
        }
    }

    #[test]
    fn words_normalise_eight_bytes_at_a_time_as_character_by_character() {
        let words = [
            "",
            "A",
            "U.S.",
            "Motegi",
            "BLINKEN",
            "Washington",
            "Washington.",
            "Ça",
            "ÇA VA",
            "Hyannisport Massachusetts",
            "Massachusetts U.S",
            "ABCDEFG.",
            ".BCDEFGH",
            "ABCDEFGH.",
            "Zürich",
            "@[`{",
            "ONE TWO THREE FOUR FIVE",
        ];
        for w in words {
            for cut in 0..w.len() {
                let Some(w) = w.get(cut..) else { continue };
                let want: String = normalised(w).collect();
                let mut got = b"0".to_vec();
                push_normalised(w, &mut got);
                assert_eq!(got[1..], *want.as_bytes(), "{w:?}");
            }
        }
    }

    #[test]
    fn plain_words_are_found_eight_bytes_at_a_time_as_byte_by_byte() {
        let words = [
            "",
            "a",
            "U.S.",
            "Motegi",
            "Blinken.",
            "Washington",
            "Washington.",
            "Ça",
            "Hyannisport Massachusetts",
            "Massachusetts U.S",
            "abcdefg.",
            ".bcdefgh",
            "abcdefgh.",
        ];
        for w in words {
            let want = w.bytes().all(|b| b.is_ascii() && b != b'.');
            assert_eq!(plain(w.as_bytes()), want, "{w:?}");
        }
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut w = vec![b'x'; 12];
                w[at] = b;
                assert_eq!(plain(&w), b.is_ascii() && b != b'.', "{b} at {at}");
                assert_eq!(plain(&w[at..]), b.is_ascii() && b != b'.', "{b} first");
            }
        }
    }

    #[test]
    fn keys_are_numbered_as_a_map_numbers_them() {
        let words = ["1motegi", "3jp", "1blinken", "", "2foreign minister", "3us"];
        let (mut slots, mut groups) = (Vec::new(), Vec::new());
        for n in [0, 1, 2, 7, 8, 9, 40, 300] {
            let mut keys = Vec::new();
            let spans: Vec<(EntityType, Range<usize>)> = (0..n)
                .map(|k| {
                    let at = keys.len();
                    keys.extend_from_slice(words[(k * 7 + k / 3) % words.len()].as_bytes());
                    if k % 5 == 4 {
                        keys.extend_from_slice(k.to_string().as_bytes());
                    }
                    (EntityType::Person, at..keys.len())
                })
                .collect();
            let mut map: FastMap<&[u8], usize> = FastMap::default();
            let want: Vec<usize> = spans
                .iter()
                .map(|(_, span)| {
                    let new = map.len();
                    *map.entry(&keys[span.clone()]).or_insert(new)
                })
                .collect();
            group(&keys, &spans, &mut slots, &mut groups);
            assert_eq!(groups, want, "{n} keys");
        }
    }

    #[test]
    fn words_are_alike_as_their_normal_forms_are() {
        let words = [
            "Biden", "BIDEN", "biden", "Bide", "B.iden", "Çelik", "ÇELIK", "celik", "",
        ];
        for a in words {
            for b in words {
                assert_eq!(
                    normalise_alike(a, b),
                    normalised(a).eq(normalised(b)),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn word_tails_are_read_as_a_copy_reads_them() {
        let text = b"abcdefghijklmnopqrstuvwxyz";
        for n in 0..text.len() {
            let bytes = &text[..n];
            let rest = &bytes[n - n % 8..];
            let mut padded = [0u8; 8];
            padded[..rest.len()].copy_from_slice(rest);
            assert_eq!(tail(bytes), u64::from_le_bytes(padded), "{n} bytes");
        }
    }

    #[test]
    fn word_hashes_follow_the_forms_they_stand_for() {
        // the Kelvin sign's lower case is an ASCII "k"
        assert_eq!(lowercase_hash("King"), lowercase_hash("\u{212A}ING"));
        assert_eq!(normalised_hash("U.S."), normalised_hash("us"));
        assert_eq!(normalised_hash("É.U."), bytes_hash("éu"));
        assert_ne!(normalised_hash("Biden"), normalised_hash("Blinken"));
        // eight bytes at a time or one by one, lower-cased at once or not, alike
        for w in [
            "",
            "a",
            "Mr.",
            "Blinken",
            "Motegi's",
            "Hyannisport",
            "Organization.",
            "Ça",
        ] {
            let lower_case = w.to_lowercase();
            assert_eq!(lowercase_hash(w), bytes_hash(&lower_case), "{w}");
            let normal: String = normalised(w).collect();
            assert_eq!(normalised_hash(w), bytes_hash(&normal), "{w}");
            let mut one_by_one = ByteHash::new();
            lower_case.bytes().for_each(|b| one_by_one.push(b));
            assert_eq!(one_by_one.finish(), bytes_hash(&lower_case), "{w}");
        }
        assert!(is_acronym("U.N.") && is_acronym("NATO"));
        assert!(!is_acronym("A.") && !is_acronym("Nato"));
    }

    #[test]
    fn a_sweep_places_tokens_in_the_sentences_one_by_one_would() {
        let sentence = |tokens: Range<usize>| Sentence {
            start: 0,
            end: 0,
            tokens,
        };
        // ordered with a gap, and overlapping
        for sentences in [
            vec![sentence(0..3), sentence(3..5), sentence(7..9)],
            vec![sentence(0..4), sentence(2..6)],
        ] {
            let of = SentenceOf::new(&sentences);
            let ks = [0, 2, 3, 5, 6, 8, 1, 4, 9, 8];
            let mut swept = Vec::new();
            of.each(ks.iter().copied(), &mut swept);
            let one_by_one: Vec<usize> = ks.iter().map(|&k| of.at(k)).collect();
            assert_eq!(swept, one_by_one);
        }
    }

    #[test]
    fn joined_clusters_keep_their_mentions_in_order() {
        let found: Vec<Found> = (0..4)
            .map(|k| Found {
                start: k,
                end: k + 1,
                tokens: k..k + 1,
                what: What::Person,
                form: MentionForm::Name,
            })
            .collect();
        let mut clusters = Clusters {
            found: &found,
            all: Vec::new(),
            next: vec![NONE; found.len()],
        };
        for (i, m) in [(0, 0), (1, 1), (0, 2), (1, 3)] {
            if clusters.len() == i {
                clusters.all.push(Cluster {
                    kind: EntityType::Person,
                    first: NONE,
                    last: NONE,
                });
            }
            clusters.push(i, m);
        }
        clusters.join(0, 1);
        assert!(clusters.is_empty(0));
        assert_eq!(clusters.chain(1).collect::<Vec<_>>(), [1, 3, 0, 2]);
        clusters.join(1, 0);
        assert_eq!(clusters.chain(0).collect::<Vec<_>>(), [1, 3, 0, 2]);
    }

    fn org() -> What {
        What::Organization { name: None }
    }

    #[test]
    fn surname_links_to_the_full_name_before_or_after() {
        let got = link_all(
            "Biden spoke. Joe Biden left. Biden waved.",
            &[
                ("Biden", What::Person),
                ("Joe Biden", What::Person),
                ("Biden", What::Person),
            ],
        );
        assert_eq!(
            got,
            [(
                "Joe Biden".to_string(),
                vec!["Biden".to_string(), "Joe Biden".into(), "Biden".into()]
            )]
        );
    }

    #[test]
    fn an_arabic_surname_links_without_its_article() {
        let got = link_all(
            "General Abdel Fattah al-Burhan spoke. Burhan's office and Sisi's did not.",
            &[
                ("Abdel Fattah al-Burhan", What::Person),
                ("Burhan", What::Person),
                ("Sisi", What::Person),
            ],
        );
        assert_eq!(
            got[0],
            (
                "Abdel Fattah al-Burhan".to_string(),
                vec!["Abdel Fattah al-Burhan".to_string(), "Burhan".into()]
            )
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_surname_written_first_is_the_surname() {
        let got = link_all(
            "Kim Jong-un visited a plant. Kim said more. Kevin Kim met Nguyen Phu Trong. Nguyen left.",
            &[
                ("Kim Jong-un", What::Person),
                ("Kim", What::Person),
                ("Kevin Kim", What::Person),
                ("Nguyen Phu Trong", What::Person),
                ("Nguyen", What::Person),
            ],
        );
        assert_eq!(got[0].1, ["Kim Jong-un", "Kim"]);
        assert_eq!(got[1].1, ["Kevin Kim"]);
        assert_eq!(got[2].1, ["Nguyen Phu Trong", "Nguyen"]);
        // a Western name keeps its surname last
        let got = link_all(
            "Kim Davis met Ed Kim. Kim said no.",
            &[
                ("Kim Davis", What::Person),
                ("Ed Kim", What::Person),
                ("Kim", What::Person),
            ],
        );
        assert_eq!(got[1].1, ["Ed Kim", "Kim"]);
    }

    #[test]
    fn the_north_and_the_south_of_korea_are_the_two_countries() {
        let place = What::Place {
            name: None,
            kind: Some("region"),
        };
        let got = link_all(
            "Talks with North. North Korea and South Korea met. The North said no; the South waited.",
            &[
                ("North", What::Person),
                ("North Korea", What::Country { iso: "KP" }),
                ("South Korea", What::Country { iso: "KR" }),
                ("North", place.clone()),
                ("South", place.clone()),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "North Korea");
        assert_eq!(got[0].1, ["North", "North Korea", "North"]);
        assert_eq!(got[1].1, ["South Korea", "South"]);
        // elsewhere the north is a region
        let got = link_all(
            "Rain fell in the North. Japan said so.",
            &[("North", place), ("Japan", What::Country { iso: "JP" })],
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_short_name_in_brackets_after_an_organization_is_that_organization() {
        let org = What::Organization { name: None };
        let got = link_all(
            "The Institute of Volcanology (Phivolcs) said so. Phivolcs added more. Phivolcs (Manila) too.",
            &[
                ("Institute of Volcanology", org.clone()),
                ("Phivolcs", org.clone()),
                ("Phivolcs", org.clone()),
                ("Phivolcs", org.clone()),
                ("Manila", org),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0].1,
            [
                "Institute of Volcanology",
                "Phivolcs",
                "Phivolcs",
                "Phivolcs"
            ]
        );
        // after a one-word name, a word in brackets is something else
        assert_eq!(got[1].1, ["Manila"]);
    }

    #[test]
    fn a_one_word_person_named_like_a_place_of_the_document_is_that_place() {
        let place = What::Place {
            name: None,
            kind: None,
        };
        let got = link_all(
            "Marcos visits Cebu\nCEBU, Philippines - A quake hit Cebu.",
            &[
                ("Marcos", What::Person),
                ("Cebu", What::Person),
                ("CEBU", place.clone()),
                ("Philippines", What::Country { iso: "PH" }),
                ("Cebu", What::Person),
            ],
        );
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].1, ["Cebu", "CEBU", "Cebu"]);
        // a surname of someone named in full stays theirs
        let got = link_all(
            "Sam Houston flew to Houston. Houston said no.",
            &[
                ("Sam Houston", What::Person),
                ("Houston", place),
                ("Houston", What::Person),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, ["Sam Houston", "Houston"]);
    }

    #[test]
    fn a_nickname_after_known_as_is_the_person_named_before_it() {
        let place = What::Place {
            name: None,
            kind: None,
        };
        let got = link_all(
            "The RSF, led by Mohamed Hamdan Dagalo, known as Hemedti, refused. A town known as Tawila fell.",
            &[
                ("Mohamed Hamdan Dagalo", What::Person),
                ("Hemedti", place.clone()),
                ("Tawila", place),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, ["Mohamed Hamdan Dagalo", "Hemedti"]);
    }

    #[test]
    fn ambiguous_surname_goes_to_the_nearest_full_name_before_it() {
        let got = link_all(
            "Ed Davey met Lucy Davey. Davey said no.",
            &[
                ("Ed Davey", What::Person),
                ("Lucy Davey", What::Person),
                ("Davey", What::Person),
            ],
        );
        assert_eq!(
            got[1],
            (
                "Lucy Davey".to_string(),
                vec!["Lucy Davey".to_string(), "Davey".into()]
            )
        );
    }

    #[test]
    fn surnames_link_alike_compared_pair_by_pair_or_by_hash() {
        // few names are compared pair by pair, many by hash: both link each surname, in any
        // case and with accents, to its own full name
        let surnames = [
            "Gylfadóttir",
            "Myrseth",
            "ERDOĞAN",
            "Okafor",
            "Lindqvist",
            "Haugen",
        ];
        for n in [1, 2, surnames.len()] {
            let full: Vec<String> = surnames[..n]
                .iter()
                .map(|s| format!("Anna {}", s.to_lowercase()))
                .collect();
            let text = format!("{}. {}.", full.join(" and "), surnames[..n].join(" and "));
            let mut spans: Vec<(&str, What)> =
                full.iter().map(|f| (f.as_str(), What::Person)).collect();
            spans.extend(surnames[..n].iter().map(|s| (*s, What::Person)));
            let got = link_all(&text, &spans);
            assert_eq!(got.len(), n, "{got:?}");
            for (k, (name, mentions)) in got.iter().enumerate() {
                assert_eq!(*name, full[k]);
                assert_eq!(mentions[1], surnames[k]);
            }
        }
    }

    #[test]
    fn acronyms_and_shortened_names_join_the_full_organization() {
        let got = link_all(
            "The North Atlantic Treaty Organization met. NATO said the Organization would act.",
            &[
                ("North Atlantic Treaty Organization", org()),
                ("NATO", org()),
                ("Organization", org()),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.len(), 3);
        // the company suffix abbreviated too, or not
        for acronym in ["TSMC", "TSM"] {
            let text =
                format!("{acronym} shares rose. Taiwan Semiconductor Manufacturing Co said.");
            let got = link_all(
                &text,
                &[
                    (acronym, org()),
                    ("Taiwan Semiconductor Manufacturing Co", org()),
                ],
            );
            assert_eq!(got.len(), 1, "{got:?}");
        }
    }

    #[test]
    fn a_short_form_joins_a_longer_name_ending_with_what_it_stands_for() {
        let fed = What::Organization {
            name: Some("Federal Reserve"),
        };
        let got = link_all(
            "The U.S. Federal Reserve cut rates. The Fed said more cuts may follow.",
            &[("U.S. Federal Reserve", org()), ("Fed", fed)],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.len(), 2);
    }

    #[test]
    fn a_titled_person_read_as_a_body_elsewhere_is_that_person() {
        let pope = || What::Office { name: "Pope" };
        let got = link_kinds(
            "Pope Leo prayed. On Sunday Leo will travel to Beirut, Leo said.",
            &[
                ("Pope", pope()),
                ("Leo", What::Person),
                ("Leo", org()),
                ("Leo", What::Person),
            ],
        );
        assert_eq!(got, [EntityType::Office, EntityType::Person], "{got:?}");
        // without a title the one-word "person" may be the club misread
        let got = link_kinds(
            "Williams won. Williams said. Williams led the table.",
            &[
                ("Williams", What::Person),
                ("Williams", What::Person),
                ("Williams", org()),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        // nor is a body read more often than the person
        let got = link_kinds(
            "Pope Leo prayed. Leo won. Leo led the table.",
            &[
                ("Pope", pope()),
                ("Leo", What::Person),
                ("Leo", org()),
                ("Leo", org()),
            ],
        );
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_known_company_joins_its_full_name_with_a_legal_form() {
        let toyota = What::Organization {
            name: Some("Toyota"),
        };
        let got = link_all(
            "Toyota rose. Toyota Motor Corp. said profit rose. Shares of Toyota gained.",
            &[("Toyota", toyota), ("Toyota Motor Corp.", org())],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Toyota Motor Corp.");
        // and its group's name, which a known company's other units do not share
        let softbank = What::Organization {
            name: Some("SoftBank"),
        };
        for long in ["SoftBank Group", "SoftBank Holdings", "SoftBank Co"] {
            let text = format!("{long} rose. SoftBank said profit doubled.");
            let got = link_all(&text, &[(long, org()), ("SoftBank", softbank.clone())]);
            assert_eq!(got.len(), 1, "{got:?}");
        }
        let got = link_all(
            "SoftBank Vision Fund rose. SoftBank said profit doubled.",
            &[("SoftBank Vision Fund", org()), ("SoftBank", softbank)],
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn a_first_word_joins_the_one_organization_it_begins() {
        let got = link_all(
            "Real Madrid lost to Arsenal. Real had led. Manchester United and Manchester City \
             drew. Manchester said nothing. Reuters Television showed Reuters' pictures.",
            &[
                ("Real Madrid", org()),
                ("Arsenal", org()),
                ("Real", org()),
                ("Manchester United", org()),
                ("Manchester City", org()),
                ("Manchester", org()),
                ("Reuters Television", org()),
                (
                    "Reuters",
                    What::Organization {
                        name: Some("Reuters"),
                    },
                ),
            ],
        );
        let names: Vec<_> = got.iter().map(|(n, m)| (n.as_str(), m.len())).collect();
        assert_eq!(
            names,
            [
                ("Real Madrid", 2),
                ("Arsenal", 1),
                ("Manchester United", 1),
                ("Manchester City", 1),
                ("Manchester", 1),
                ("Reuters Television", 1),
                ("Reuters", 1)
            ]
        );
    }

    #[test]
    fn a_lone_surname_that_begins_an_organization_is_that_organization() {
        let got = link_all(
            "Harvard sued. Harvard University won. Donald Trump spoke. Trump said the Trump \
             Organization would appeal.",
            &[
                ("Harvard", What::Person),
                ("Harvard University", org()),
                ("Donald Trump", What::Person),
                ("Trump", What::Person),
                ("Trump Organization", org()),
            ],
        );
        let names: Vec<_> = got.iter().map(|(n, m)| (n.as_str(), m.len())).collect();
        assert_eq!(
            names,
            [
                ("Harvard University", 2),
                ("Donald Trump", 2),
                ("Trump Organization", 1)
            ]
        );
    }

    #[test]
    fn a_country_named_only_as_someone_s_surname_is_that_person() {
        let jordan = || What::Country { iso: "JO" };
        let got = link_all(
            "Neil Jordan made the film. Jordan said it was fair. Critics liked Jordan.",
            &[
                ("Neil Jordan", What::Person),
                ("Jordan", jordan()),
                ("Jordan", jordan()),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Neil Jordan");
        // named before the person, it is the country
        let got = link_all(
            "Jordan opened a crossing. Michael Jordan, an aid worker, said it was slow.",
            &[("Jordan", jordan()), ("Michael Jordan", What::Person)],
        );
        assert_eq!(got.len(), 2, "{got:?}");
        // named in another form too, it is the country
        let got = link_all(
            "Neil Jordan met Jordanian officials. Jordan said it was fair.",
            &[
                ("Neil Jordan", What::Person),
                ("Jordanian", jordan()),
                ("Jordan", jordan()),
            ],
        );
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn unrelated_names_stay_apart() {
        let got = link_all(
            "Acme Corp. sued Zenith Ltd.",
            &[("Acme Corp.", org()), ("Zenith Ltd.", org())],
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn countries_are_found_as_the_lexicon_finds_them() {
        let lexicon = Lexicon::builtin();
        let codes = lexicon.countries().iter().map(|c| c.iso);
        let mut hints = Vec::new();
        // (twice: searched for, then found where they were)
        for iso in codes
            .clone()
            .chain(codes)
            .chain(["", "U", "us", "ZZ", "AAA", "A\u{e9}", "\u{e9}"])
        {
            assert_eq!(
                country(lexicon, iso, &mut hints).map(|c| c.iso),
                lexicon.country(iso).map(|c| c.iso),
                "{iso:?}"
            );
        }
    }

    #[test]
    fn lower_case_is_found_byte_by_byte_as_by_characters() {
        for word in [
            "",
            "A",
            "a",
            "NATO",
            "Motegi",
            "U.S.",
            "\u{c7}A",
            "\u{c7}a",
            "\u{e7}A",
            "A\u{c9}B",
            "AB\u{3c3}",
            "\u{3a3}\u{3a3}",
            "NATO's",
        ] {
            assert_eq!(
                has_lowercase(word),
                word.chars().any(char::is_lowercase),
                "{word:?}"
            );
        }
    }

    #[test]
    fn names_end_with_words_as_with_their_spelling() {
        let names = [
            "South China Sea",
            "Sea",
            "the Sea",
            "Senkaku Islands",
            "",
            "Dokdo",
            "Lord's",
            "Lord 's",
        ];
        let mentions = [
            "the South China Sea",
            "China  Sea",
            "SEA",
            "Senkaku islands",
            "Islands",
            "Takeshima",
            "\u{c7}a Sea",
            "Sea \u{c7}a",
            "East-Sea",
            "Sea.",
            "Lord's",
            "Lord 's",
            "Lord\n's",
        ];
        for mention in mentions {
            let tokens = tokenize(mention);
            let f = Found {
                start: 0,
                end: mention.len(),
                tokens: 0..tokens.len(),
                what: What::Place {
                    name: None,
                    kind: None,
                },
                form: MentionForm::Name,
            };
            let mut own = String::new();
            spell_into(mention, &tokens, &f, &mut own);
            for name in names {
                let plain = name.to_lowercase().ends_with(&own.to_lowercase());
                if let Some(fast) = ends_with_words(name.as_bytes(), words(mention, &tokens, &f)) {
                    assert_eq!(fast, plain, "{name:?} {mention:?}");
                }
            }
        }
    }

    #[test]
    fn short_words_hash_as_their_chunks_do() {
        for word in [
            "", "a", "Abe", "Kishida", "Motegi's", "Blinkens", "U.S.", "\u{c7}a", "Ab\u{e9}",
        ] {
            let b = word.as_bytes();
            let v = short(b).expect("short");
            assert_eq!(short_hash(v, b.len()), chunks_hash(b, |v| v), "{word:?}");
            assert_eq!(
                short_hash(lower_ascii8(v), b.len()),
                chunks_hash(b, lower_ascii8),
                "{word:?}"
            );
            assert_eq!(
                chunk_hash(b, lower_ascii8),
                chunks_hash(b, lower_ascii8),
                "{word:?}"
            );
        }
        assert_eq!(short(b"Blinken's"), None);
    }
}
