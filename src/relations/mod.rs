//! Relation builder: linked entities in, facts between them out (who holds which office,
//! who held talks with whom, what lies where), each with the sentence and evidence span.
//!
//! Every pattern works on entity mentions and tokens of one sentence, never on raw strings,
//! so a relation can only name entities the entity stage found. One submodule per pattern
//! family:
//! - [`holds_office`]: pre-modifier chains, appositions, copulas, appointment verbs and
//!   succession;
//! - [`talks`]: meetings, calls, visits and summits between people or countries;
//! - [`located_in`]: "A in the B", "A, B", "A off the coast of B", and the lexicon's cities;
//! - [`territory`]: `administers` and `claims` in territorial disputes;
//! - [`member_of`]: a person's party, cabinet or organization.
//!
//! Cost stays linear in the text: each pattern starts at a mention or a cue word and looks at
//! most a fixed number of tokens around it. A sentence contributes at most
//! [`MAX_MENTIONS_PER_SENTENCE`] mentions, so table-like sentences with hundreds of names
//! cannot blow up the pairwise patterns (talks, located_in), which also stop after
//! [`MAX_PAIRS_PER_SENTENCE`] candidate pairs.
//!
//! Deliberately not done: relations across sentences (except "the two" / "both sides" in
//! talks, and a person's country carried over from another relation of the same person),
//! and guessing a country from the mere presence of one in the sentence.

use crate::lexicon::Lexicon;
use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};

use crate::entities::{Entity, EntityType, Mention, MentionForm};
pub(crate) use crate::hashing::{FastMap, FastSet};
use crate::sentences::Sentence;
use crate::tokenize::{Token, TokenKind};

pub mod holds_office;
pub mod located_in;
pub mod member_of;
pub mod talks;
pub mod territory;
mod words;

pub(crate) use words::WordSet;

#[cfg(test)]
pub(crate) mod testing;

/// Mentions of one sentence that the patterns look at; the rest are ignored.
pub const MAX_MENTIONS_PER_SENTENCE: usize = 64;
/// Candidate pairs one pairwise pattern may try in one sentence.
pub const MAX_PAIRS_PER_SENTENCE: usize = 256;

/// A byte span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Qualifiers an office can carry in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    Former,
    Acting,
    Deputy,
    Elect,
    Interim,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Former => "former",
            Qualifier::Acting => "acting",
            Qualifier::Deputy => "deputy",
            Qualifier::Elect => "elect",
            Qualifier::Interim => "interim",
        }
    }
}

/// What a relation says; entity arguments are indexes into the document's entities.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RelationKind {
    HoldsOffice {
        person: usize,
        office: usize,
        country: Option<usize>,
        organization: Option<usize>,
        qualifier: Option<Qualifier>,
    },
    Talks {
        participants: Vec<usize>,
        place: Option<usize>,
        date: Option<Span>,
    },
    LocatedIn {
        place: usize,
        location: usize,
        /// True when the fact comes from the lexicon (a city's country), not from the text.
        from_lexicon: bool,
    },
    Administers {
        country: usize,
        place: usize,
    },
    Claims {
        country: usize,
        place: usize,
    },
    MemberOf {
        person: usize,
        organization: usize,
    },
}

/// One relation with its support in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub sentence: usize,
    pub evidence: Span,
}

/// Finds the relations between the entities of one document.
pub fn extract(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
    lexicon: &Lexicon,
) -> Vec<Relation> {
    extract_from(&Doc::new(text, tokens, sentences, entities), lexicon)
}

/// [`extract`] on a document already indexed (which quote attribution may share).
pub(crate) fn extract_from(doc: &Doc, lexicon: &Lexicon) -> Vec<Relation> {
    let families = [
        holds_office::extract(doc),
        talks::extract(doc),
        located_in::extract(doc, lexicon),
        territory::extract(doc),
        member_of::extract(doc),
    ];
    // one list made to measure, or the only one with anything in it as it is
    let mut found = families.iter().filter(|f| !f.is_empty());
    if let (Some(_), None) = (found.next(), found.next()) {
        return families
            .into_iter()
            .find(|f| !f.is_empty())
            .expect("one is not empty");
    }
    let mut out = Vec::with_capacity(families.iter().map(Vec::len).sum());
    for f in families {
        out.extend(f);
    }
    out
}

/// Keeps the first relation of each kind (same arguments), in order; a hash set keeps this
/// linear however many relations a long document yields. The few of most documents (often
/// none) are compared with those kept, which builds no set.
pub(crate) fn dedup(mut found: Vec<Relation>) -> Vec<Relation> {
    if found.len() > FEW_RELATIONS {
        return dedup_hashed(found);
    }
    let mut kept = 0;
    for i in 0..found.len() {
        if !found[..kept].iter().any(|r| r.kind == found[i].kind) {
            found.swap(kept, i);
            kept += 1;
        }
    }
    found.truncate(kept);
    found
}

/// How many relations [`dedup`] compares pairwise.
const FEW_RELATIONS: usize = 16;

/// [`dedup`] with a hash set of the kinds seen.
fn dedup_hashed(found: Vec<Relation>) -> Vec<Relation> {
    let mut seen = FastSet::default();
    found
        .into_iter()
        .filter(|r| seen.insert(r.kind.clone()))
        .collect()
}

/// One mention as the patterns see it: its entity and where it sits in the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ment {
    pub entity: usize,
    pub kind: EntityType,
    pub form: MentionForm,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Byte span.
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

impl Ment {
    /// This mention's entity as a mention at token `k` of sentence `sentence`: a pronoun or a
    /// head word standing for it ("he", "the association's").
    pub fn at_token(&self, doc: &Doc, k: usize, sentence: usize) -> Ment {
        let t = &doc.tokens[k];
        Ment {
            first: k,
            last: k + 1,
            start: t.start,
            end: t.end,
            sentence,
            ..*self
        }
    }
}

/// No mention starts at this token.
const NONE: u32 = u32::MAX;

/// A document indexed for the patterns: mentions by sentence and by the token they start or
/// end at, and the classes of each token's word (which [`WordSet`]s it is in), looked up
/// once, so that the many word tests of the patterns are bit tests. Shared with quote
/// attribution, which resolves speakers the same way.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub entities: &'a [Entity<'a>],
    /// Whether the sentences are in order, apart and within the tokens, and each mention
    /// lies within its sentence, as the pipeline makes them: a pattern may then take a
    /// sentence's mentions to end inside it.
    pub tidy: bool,
    index: Index,
    /// (office, person, country) of the document's holds_office relations, found when first
    /// asked for (see [`holds_office::holder_before`]).
    holders: OnceCell<Vec<(usize, usize, Option<usize>)>>,
}

/// What [`Doc`] builds, in buffers a thread keeps from one document to the next ([`SPARE`]),
/// so that indexing a document allocates nothing once the thread has seen one as large.
#[derive(Default)]
struct Index {
    /// Mentions of all sentences, by sentence, then by first token (longest first on ties),
    /// each sentence capped; `by_sentence` holds each sentence's range.
    ments: Vec<Ment>,
    by_sentence: Vec<(u32, u32)>,
    /// For each token, the longest mention starting there (index into `ments`), or [`NONE`].
    starts: Vec<u32>,
    /// The sentence of each token.
    sentence_of: Vec<u32>,
    /// The classes of each token's word: which [`WordSet`]s it is in, or which it may be
    /// in with [`NOT_LOOKED_UP`] until a pattern tests it ([`UNKNOWN`]: any of them).
    classes: Vec<Cell<u64>>,
    /// The classes of each sentence's words and of the token after it, so that a pattern
    /// looking one token ahead can still skip a sentence.
    sentence_classes: Vec<u64>,
    /// Scratch: where each sentence's mentions go while sorting them.
    at: Vec<u32>,
    next: Vec<u32>,
    candidates: Vec<u64>,
}

/// Tokens past which a document's buffers are not kept for the next: one long document
/// should not hold on to its memory for the rest of a batch.
const SPARE_TOKENS: usize = 1 << 16;

thread_local! {
    /// Buffers of documents indexed on this thread and dropped (a quote attribution and a
    /// relation pass may each hold one).
    static SPARE: RefCell<Vec<Index>> = const { RefCell::new(Vec::new()) };
}

impl Drop for Doc<'_> {
    fn drop(&mut self) {
        if self.index.starts.capacity() <= SPARE_TOKENS {
            let index = std::mem::take(&mut self.index);
            let _ = SPARE.try_with(|spare| {
                let mut spare = spare.borrow_mut();
                if spare.len() < 2 {
                    spare.push(index);
                }
            });
        }
    }
}

use words::{NOT_LOOKED_UP, UNKNOWN};

impl<'a> Doc<'a> {
    /// Indexes a document for the patterns: every token's word is looked up in the sets
    /// they ask whole sentences about, and in the others when first tested.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        entities: &'a [Entity<'a>],
    ) -> Self {
        Self::build(text, tokens, sentences, entities, true)
    }

    /// Indexes a document for a caller that tests few of its tokens (quote attribution
    /// reads around the quotation marks only): words are looked up when first tested, and
    /// [`Doc::sentence_has`] skips nothing.
    pub fn new_lazy(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        entities: &'a [Entity<'a>],
    ) -> Self {
        Self::build(text, tokens, sentences, entities, false)
    }

    fn build(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        entities: &'a [Entity<'a>],
        eager: bool,
    ) -> Self {
        let mut x = SPARE
            .try_with(|spare| spare.borrow_mut().pop())
            .ok()
            .flatten()
            .unwrap_or_default();
        let n = tokens.len();
        // the sentence of each token (a later sentence wins where ranges overlap)
        let sentence_of = &mut x.sentence_of;
        sentence_of.clear();
        sentence_of.resize(n, 0);
        for (i, s) in sentences.iter().enumerate() {
            let (a, b) = (s.tokens.start.min(n), s.tokens.end.min(n));
            if a < b {
                sentence_of[a..b].fill(i as u32);
            }
        }
        // mentions by sentence (a counting sort keeps the entities' order within each)
        let valid = |m: &Mention| {
            m.tokens.start < m.tokens.end
                && m.tokens.end <= n
                && m.start < m.end
                && m.end <= text.len()
                && m.sentence < sentences.len()
        };
        let at = &mut x.at;
        at.clear();
        at.resize(sentences.len() + 1, 0);
        // (as the pipeline makes them, all are: then they need not be tested again)
        let mut all_valid = true;
        for m in entities.iter().flat_map(|e| &e.mentions) {
            if valid(m) {
                at[m.sentence + 1] += 1;
            } else {
                all_valid = false;
            }
        }
        for s in 1..at.len() {
            at[s] += at[s - 1];
        }
        let total = at[sentences.len()] as usize;
        let blank = Ment {
            entity: 0,
            kind: EntityType::Person,
            form: MentionForm::Name,
            first: 0,
            last: 0,
            start: 0,
            end: 0,
            sentence: 0,
        };
        let ments = &mut x.ments;
        ments.clear();
        ments.resize(total, blank);
        let next = &mut x.next;
        next.clear();
        next.extend_from_slice(at);
        for (ei, e) in entities.iter().enumerate() {
            for m in e.mentions.iter().filter(|m| all_valid || valid(m)) {
                let slot = &mut next[m.sentence];
                ments[*slot as usize] = Ment {
                    entity: ei,
                    kind: e.kind,
                    form: m.form,
                    first: m.tokens.start,
                    last: m.tokens.end,
                    start: m.start,
                    end: m.end,
                    sentence: m.sentence,
                };
                *slot += 1;
            }
        }
        // then by first token, longest first, in entity order (stable, so equal mentions
        // keep the order of the entities); each sentence capped
        let by_sentence = &mut x.by_sentence;
        by_sentence.clear();
        let mut kept = 0;
        for s in 0..sentences.len() {
            let (a, b) = (at[s] as usize, at[s + 1] as usize);
            // most sentences name one thing or none: nothing to sort or move
            if b - a > 1 {
                ments[a..b].sort_by(|a, b| {
                    a.first
                        .cmp(&b.first)
                        .then(b.last.cmp(&a.last))
                        .then(a.entity.cmp(&b.entity))
                });
            }
            let n = (b - a).min(MAX_MENTIONS_PER_SENTENCE);
            if a != kept {
                ments.copy_within(a..a + n, kept);
            }
            by_sentence.push((kept as u32, (kept + n) as u32));
            kept += n;
        }
        ments.truncate(kept);
        let mut tidy = true;
        let mut prev_end = 0;
        for s in sentences {
            tidy &=
                prev_end <= s.tokens.start && s.tokens.start <= s.tokens.end && s.tokens.end <= n;
            prev_end = s.tokens.end;
        }
        tidy &= ments.iter().all(|m| {
            let r = &sentences[m.sentence].tokens;
            r.start <= m.first && m.last <= r.end
        });
        let starts = &mut x.starts;
        starts.clear();
        starts.resize(n, NONE);
        for (mi, m) in ments.iter().enumerate() {
            let s = &mut starts[m.first];
            if *s == NONE {
                *s = mi as u32;
            } else {
                let cur = &ments[*s as usize];
                if m.last - m.first > cur.last - cur.first {
                    *s = mi as u32;
                }
            }
        }
        let (classes, sentence_classes) = (&mut x.classes, &mut x.sentence_classes);
        sentence_classes.clear();
        if eager {
            let looked_up = words::token_classes(text, tokens, classes, &mut x.candidates);
            // only the bits every token has are known for the sentence; it may hold any
            // other set
            let known = words::sentence_bits();
            if tidy {
                // only the tokens looked up have any of those bits: each adds them to the
                // sentences it is in or just after (in order, apart: found by halving)
                sentence_classes.resize(sentences.len(), 0);
                for &i in &x.candidates[..looked_up] {
                    let i = i as usize;
                    let bits = classes[i].get() & known;
                    if bits == 0 {
                        continue;
                    }
                    let from = sentences.partition_point(|s| s.tokens.end < i);
                    for (s, c) in sentences[from..].iter().zip(&mut sentence_classes[from..]) {
                        if s.tokens.start > i {
                            break;
                        }
                        *c |= bits;
                    }
                }
                for c in sentence_classes.iter_mut() {
                    *c |= !known;
                }
            } else {
                sentence_classes.extend(sentences.iter().map(|s| {
                    let (a, b) = (s.tokens.start, (s.tokens.end + 1).min(classes.len()));
                    let found = classes
                        .get(a..b)
                        .map_or(0, |c| c.iter().fold(0, |x, y| x | y.get()));
                    found & known | !known
                }));
            }
        } else {
            classes.clear();
            classes.resize(n, Cell::new(UNKNOWN));
            sentence_classes.resize(sentences.len(), UNKNOWN);
        }
        Doc {
            text,
            tokens,
            sentences,
            entities,
            tidy,
            index: x,
            holders: OnceCell::new(),
        }
    }

    /// (office, person, country) of the document's holds_office relations, found once.
    pub fn office_holders(&self) -> &[(usize, usize, Option<usize>)] {
        self.holders.get_or_init(|| {
            holds_office::extract(self)
                .iter()
                .filter_map(|r| match r.kind {
                    RelationKind::HoldsOffice {
                        person,
                        office,
                        country,
                        ..
                    } => Some((office, person, country)),
                    _ => None,
                })
                .collect()
        })
    }

    /// The one person the document names as holding an office of `country`, if only one
    /// does: whom "his Thai counterpart" stands for when no name follows.
    pub fn only_official_of(&self, country: usize) -> Option<usize> {
        let mut people = self
            .office_holders()
            .iter()
            .filter(|h| h.2 == Some(country))
            .map(|h| h.1);
        let first = people.next()?;
        people.all(|p| p == first).then_some(first)
    }

    /// The mentions the patterns see in sentence `s`, by first token (longest first on ties).
    pub fn mentions(&self, s: usize) -> &[Ment] {
        let (a, b) = self.index.by_sentence[s];
        &self.index.ments[a as usize..b as usize]
    }

    /// The text of token `i` ("" past the end).
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// The bytes of token `i` (none past the end).
    #[inline]
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        self.tokens
            .get(i)
            .map_or(&b""[..], |t| &self.text.as_bytes()[t.start..t.end])
    }

    /// Whether token `i` is one of `words` (ASCII case-insensitive).
    #[inline]
    pub fn is<W: Words + ?Sized>(&self, i: usize, words: &W) -> bool {
        words.has(self, i)
    }

    /// Whether token `i`'s word is in the set of class `bit` (not past the end): known from
    /// the classes the document looked up, else looked up now.
    #[inline(always)]
    fn has_class(&self, i: usize, bit: u64) -> bool {
        match self.index.classes.get(i).map(Cell::get) {
            None => false,
            Some(c) if c & bit == 0 => false,
            Some(c) if c & NOT_LOOKED_UP == 0 => true,
            Some(_) => self.look_up(i) & bit != 0,
        }
    }

    /// Looks token `i`'s word up, when a pattern first tests it.
    #[cold]
    fn look_up(&self, i: usize) -> u64 {
        let found = words::token_class(self.text, &self.tokens[i]);
        self.index.classes[i].set(found);
        found
    }

    /// Whether sentence `s`, or the token after it, may hold a word of `set` (a set missing
    /// from the registry is assumed to be there).
    #[inline]
    pub fn sentence_has(&self, s: usize, set: &WordSet) -> bool {
        let bit = set.bit();
        bit == 0
            || self
                .index
                .sentence_classes
                .get(s)
                .is_some_and(|c| c & bit != 0)
    }

    /// [`qualifier_word`] of token `i`'s word, or with `trim`, of its word without the
    /// hyphens it ends with ("ex-").
    pub fn qualifier_at(&self, i: usize, trim: bool) -> Option<Option<Qualifier>> {
        let w = self.word(i);
        let trimmed = if trim { w.trim_end_matches('-') } else { w };
        // "then-acting": a qualifier that no longer holds
        let b = w.as_bytes();
        if b.len() > 5
            && b[4] == b'-'
            && b[..4].eq_ignore_ascii_case(b"then")
            && qualifier_word(&w[5..]).is_some()
        {
            return Some(Some(Qualifier::Former));
        }
        // a bit says whether the word is one of those written out; only ordinals and trimmed
        // words are read
        if trimmed.len() == w.len()
            && !self.is(i, &QUALIFIER_WORDS)
            && !w.starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        qualifier_word(trimmed)
    }

    /// Whether token `i` is a possessive "'s" (or a bare apostrophe after a plural).
    pub fn is_possessive(&self, i: usize) -> bool {
        matches!(
            self.word(i),
            "'s" | "\u{2019}s" | "'S" | "\u{2019}S" | "'" | "\u{2019}"
        )
    }

    /// The first token of sentence `s` after its dateline's dash, sought among its first ten
    /// tokens before `hi` ("MANILA, Aug. 6 - The ...", "BEIJING, Nov. 29 (Kyodo) -- X"); else
    /// the sentence's first token.
    pub fn after_dateline(&self, s: usize, hi: usize) -> usize {
        let r = self.sent_tokens(s);
        let dash = |t: usize| self.tokens[t].kind == TokenKind::Dash;
        (r.start..(r.start + 10).min(hi))
            .find(|&t| dash(t))
            .map_or(r.start, |t| (t..hi).find(|&k| !dash(k)).unwrap_or(hi))
    }

    /// Whether token `i` is punctuation that closes a phrase: , ; : . ) or a dash.
    pub fn is_break(&self, i: usize) -> bool {
        match self.tokens.get(i) {
            None => true,
            Some(t) => {
                t.kind == TokenKind::Dash
                    || matches!(
                        self.word(i),
                        "," | ";" | ":" | "." | ")" | "?" | "!" | "(" | "..."
                    )
            }
        }
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Quote)
    }

    /// The longest mention starting at token `i`.
    pub fn starting(&self, i: usize) -> Option<Ment> {
        match self.index.starts.get(i) {
            Some(&m) if m != NONE => Some(self.index.ments[m as usize]),
            _ => None,
        }
    }

    /// The mention of `kind` starting at token `i`, even when a longer one of another kind
    /// starts there too.
    pub fn starting_of(&self, i: usize, kinds: &[EntityType]) -> Option<Ment> {
        // at most tokens no mention starts: nothing to search
        let &longest = self.index.starts.get(i)?;
        if longest == NONE {
            return None;
        }
        let s = *self.index.sentence_of.get(i)? as usize;
        let (a, b) = self.index.by_sentence[s];
        // the longest mention starting at `i` opens the run of those starting there (in
        // order, longest first), when it is of this sentence, as it is unless sentences
        // overlap
        let from = if (a..b).contains(&longest) {
            longest as usize
        } else {
            a as usize + self.mentions(s).partition_point(|m| m.first < i)
        };
        self.index.ments[from..b as usize]
            .iter()
            .take_while(|m| m.first == i)
            .find(|m| kinds.contains(&m.kind))
            .copied()
    }

    /// The mention of one of `kinds` ending at token `end`.
    pub fn ending_of(&self, end: usize, kinds: &[EntityType]) -> Option<Ment> {
        let s = *self.index.sentence_of.get(end.checked_sub(1)?)? as usize;
        let list = self.mentions(s);
        // a mention ending at `end` starts before it
        let upto = list.partition_point(|m| m.first < end);
        list[..upto]
            .iter()
            .filter(|m| m.last == end && kinds.contains(&m.kind))
            .max_by_key(|m| m.last - m.first)
            .copied()
    }

    /// The sentence token `i` is in.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.index.sentence_of.get(i).map_or(0, |&s| s as usize)
    }

    /// Token range of sentence `s`.
    pub fn sent_tokens(&self, s: usize) -> std::ops::Range<usize> {
        self.sentences[s].tokens.clone()
    }

    /// Byte span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        let b = b.max(a + 1).min(self.tokens.len());
        Span {
            start: self.tokens[a].start,
            end: self.tokens[b - 1].end,
        }
    }

    /// A byte span covering two mentions and everything between.
    pub fn cover(&self, a: &Ment, b: &Ment) -> Span {
        Span {
            start: a.start.min(b.start),
            end: a.end.max(b.end),
        }
    }
}

/// A list of words a token can be tested against with [`Doc::is`], ASCII
/// case-insensitively.
pub(crate) trait Words {
    /// Whether token `i` of `doc` is one of the words ("" past the end).
    fn has(&self, doc: &Doc, i: usize) -> bool;
}

impl Words for [&str] {
    #[inline]
    fn has(&self, doc: &Doc, i: usize) -> bool {
        let w = doc.bytes(i);
        self.iter().any(|x| x.as_bytes().eq_ignore_ascii_case(w))
    }
}

impl<const N: usize> Words for [&str; N] {
    #[inline]
    fn has(&self, doc: &Doc, i: usize) -> bool {
        let w = doc.bytes(i);
        self.iter().any(|x| x.as_bytes().eq_ignore_ascii_case(w))
    }
}

impl Words for WordSet {
    /// A bit test: the token's classes say which sets its word is in.
    #[inline(always)]
    fn has(&self, doc: &Doc, i: usize) -> bool {
        match self.bit() {
            // not registered: scan the words
            0 => self.words().has(doc, i),
            bit => doc.has_class(i, bit),
        }
    }
}

/// The words of [`QUALIFIERS`], registered so that [`Doc::qualifier_at`] turns most tokens
/// away with a bit test.
pub(crate) static QUALIFIER_WORDS: WordSet = WordSet::new(&QUALIFIER_WORD_LIST).at(37);
const QUALIFIER_WORD_LIST: [&str; QUALIFIERS.len()] = {
    let mut words = [""; QUALIFIERS.len()];
    let mut k = 0;
    while k < words.len() {
        words[k] = QUALIFIERS[k].0;
        k += 1;
    }
    words
};

/// Qualifier words before an office, and words that may stand between a country modifier
/// and the office without changing who holds it.
pub(crate) fn qualifier_word(w: &str) -> Option<Option<Qualifier>> {
    // every word below but the ordinals starts with one of these letters and has at most
    // eleven bytes: most words (names, titles) are turned away before any lower-casing
    let first = w.as_bytes().first()?.to_ascii_lowercase();
    if !first.is_ascii_digit() && (w.len() > 11 || !b"acdefilnopstvy".contains(&first)) {
        return None;
    }
    qualifier_word_plain(w)
}

/// [`qualifier_word`] without turning any word away first.
fn qualifier_word_plain(w: &str) -> Option<Option<Qualifier>> {
    let mut buf = [0u8; 32];
    let lw = ascii_lower(w, &mut buf);
    if let Some(&(_, q)) = QUALIFIERS.iter().find(|(word, _)| *word == lw) {
        return Some(q);
    }
    // "46th president"
    is_ordinal_number(&lw).then_some(None)
}

/// The qualifier words but ordinals, each with the qualifier it gives an office (`None`:
/// a word that may stand between a name and its office without changing it, "new", "top").
const QUALIFIERS: &[(&str, Option<Qualifier>)] = {
    use Qualifier::{Acting, Deputy, Former, Interim};
    &[
        ("former", Some(Former)),
        ("ex", Some(Former)),
        ("erstwhile", Some(Former)),
        ("acting", Some(Acting)),
        ("deputy", Some(Deputy)),
        ("assistant", Some(Deputy)),
        ("vice", Some(Deputy)),
        ("interim", Some(Interim)),
        ("caretaker", Some(Interim)),
        ("new", None),
        ("newly", None),
        ("current", None),
        ("incumbent", None),
        ("sitting", None),
        ("outgoing", None),
        ("incoming", None),
        ("top", None),
        ("chief", None),
        ("senior", None),
        ("sole", None),
        ("veteran", None),
        ("longtime", None),
        ("long-time", None),
        ("then", None),
        ("powerful", None),
        ("influential", None),
        ("popular", None),
        ("embattled", None),
        ("first", None),
        ("female", None),
        ("then-", None),
        ("second", None),
        ("third", None),
        ("fourth", None),
        ("fifth", None),
        ("sixth", None),
        ("seventh", None),
        ("eighth", None),
        ("ninth", None),
        ("tenth", None),
        ("youngest", None),
        ("oldest", None),
    ]
};

/// `w` with ASCII letters lower-cased, in `buf` when it fits (as short words do), so that
/// matching a token against literals allocates nothing.
pub(crate) fn ascii_lower<'b>(w: &'b str, buf: &'b mut [u8; 32]) -> Cow<'b, str> {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(w);
    }
    match buf.get_mut(..w.len()) {
        Some(b) => {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            // lower-casing ASCII letters keeps UTF-8 valid
            Cow::Borrowed(std::str::from_utf8(b).unwrap_or(w))
        }
        None => Cow::Owned(w.to_ascii_lowercase()),
    }
}

fn is_ordinal_number(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// A qualifier written into the office's own tokens ("President-elect", "ex-President",
/// "Deputy Prime Minister").
pub(crate) fn qualifier_in_office(doc: &Doc, office: &Ment) -> Option<Qualifier> {
    let first = doc.word(office.first).as_bytes();
    let last = doc.word(office.last - 1).as_bytes();
    let starts = |w: &[u8], p: &str| {
        w.get(..p.len())
            .is_some_and(|x| x.eq_ignore_ascii_case(p.as_bytes()))
    };
    let ends = |w: &[u8], p: &str| {
        w.len() >= p.len() && w[w.len() - p.len()..].eq_ignore_ascii_case(p.as_bytes())
    };
    if ends(last, "-elect")
        || doc.is(office.last, &["-elect", "elect"])
        || doc.is(office.last, &["designate"])
    {
        return Some(Qualifier::Elect);
    }
    if starts(first, "ex-") || starts(first, "former-") || starts(first, "then-") {
        return Some(Qualifier::Former);
    }
    let name = doc.entities[office.entity].name.as_bytes();
    if first.eq_ignore_ascii_case(b"deputy") || starts(name, "deputy ") {
        return Some(Qualifier::Deputy);
    }
    if first.eq_ignore_ascii_case(b"acting") || starts(name, "acting ") {
        return Some(Qualifier::Acting);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    /// Words turned away before lower-casing are no qualifiers.
    #[test]
    fn qualifier_words_turned_away_are_none() {
        let words = [
            "",
            "former",
            "Former",
            "EX",
            "erstwhile",
            "acting",
            "Deputy",
            "assistant",
            "interim",
            "caretaker",
            "new",
            "Newly",
            "current",
            "incumbent",
            "sitting",
            "outgoing",
            "incoming",
            "top",
            "chief",
            "senior",
            "veteran",
            "longtime",
            "long-time",
            "then",
            "powerful",
            "Influential",
            "popular",
            "embattled",
            "first",
            "female",
            "then-",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "youngest",
            "oldest",
            "46th",
            "1st",
            "22nd",
            "3rd",
            "123456789012345th",
            "President",
            "Japanese",
            "Minister",
            "influentials",
            "x",
            "\u{e9}x",
            "4",
            "bth",
        ];
        for w in words {
            assert_eq!(qualifier_word(w), qualifier_word_plain(w), "{w}");
        }
    }

    /// The registered qualifier words are those [`qualifier_word`] knows, and a token is one
    /// as its word (trimmed or not) is.
    #[test]
    fn qualifier_words_are_registered() {
        for w in QUALIFIER_WORDS.words() {
            assert!(qualifier_word(w).is_some(), "{w}");
        }
        let text = "Former ex- EX-- ex-- then- Then former- 46th 1st 3rd- 22nd-- 4 x long-time \
                    New newly NEWLY the deputy Deputy- youngest oldest- tenth Tenth- minister";
        let d = build(text, &[]);
        let doc = Doc::new(text, &d.tokens, &d.sentences, &d.entities);
        for i in 0..=d.tokens.len() {
            let w = doc.word(i);
            assert_eq!(doc.qualifier_at(i, false), qualifier_word(w), "{w}");
            assert_eq!(
                doc.qualifier_at(i, true),
                qualifier_word(w.trim_end_matches('-')),
                "{w}"
            );
        }
        // every word qualifier_word knows is registered
        let plain = "former ex erstwhile acting deputy assistant interim caretaker new newly \
                     current incumbent sitting outgoing incoming top chief senior veteran \
                     longtime long-time then powerful influential popular embattled first \
                     female then- second third fourth fifth sixth seventh eighth ninth tenth \
                     youngest oldest vice sole";
        let mut known: Vec<&str> = plain.split_whitespace().collect();
        let mut registered = QUALIFIER_WORDS.words().to_vec();
        known.sort_unstable();
        registered.sort_unstable();
        assert_eq!(known, registered);
    }

    /// Few relations, compared pairwise, keep what the hash set keeps, in the same order.
    #[test]
    fn few_relations_dedup_as_many_do() {
        let mut seed = 7u64;
        for len in 0..=FEW_RELATIONS + 2 {
            for _ in 0..50 {
                let found: Vec<Relation> = (0..len)
                    .map(|k| {
                        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                        let pick = (seed >> 33) as usize % 4;
                        Relation {
                            kind: RelationKind::MemberOf {
                                person: pick,
                                organization: pick % 2,
                            },
                            sentence: k,
                            evidence: Span {
                                start: k,
                                end: k + 1,
                            },
                        }
                    })
                    .collect();
                assert_eq!(dedup(found.clone()), dedup_hashed(found));
            }
        }
    }

    /// The mention of some kinds starting at a token, found by searching its sentence's
    /// mentions, whatever the arrangement of the mentions and sentences.
    #[test]
    fn mentions_starting_at_a_token_are_those_of_the_search() {
        let text = "Hans Island in the Nares Strait is near Hans. Lima Lima met Ana Lima. \
                    Lima Group and Lima met.";
        let mut d = build(
            text,
            &[
                ("Hans Island|Hans", L),
                ("Hans", P),
                ("Nares Strait", L),
                ("Nares", G),
                ("Ana Lima|Lima", P),
                ("Lima", L),
                ("Lima Group", G),
                ("Lima Group", C),
            ],
        );
        let kinds = [P, O, C, L, G];
        for round in 0..3 {
            let doc = Doc::new(text, &d.tokens, &d.sentences, &d.entities);
            assert_eq!(doc.tidy, round == 0);
            for i in 0..=d.tokens.len() {
                for k in 0..kinds.len() {
                    for l in k..kinds.len() {
                        let of = &kinds[k..=l];
                        let searched = doc.index.sentence_of.get(i).and_then(|&s| {
                            let list = doc.mentions(s as usize);
                            let from = list.partition_point(|m| m.first < i);
                            list[from..]
                                .iter()
                                .take_while(|m| m.first == i)
                                .find(|m| of.contains(&m.kind))
                                .copied()
                        });
                        assert_eq!(doc.starting_of(i, of), searched, "{round} {i} {of:?}");
                    }
                }
            }
            // then mentions said to be in the sentence before or after theirs
            drop(doc);
            for (k, m) in d
                .entities
                .iter_mut()
                .flat_map(|e| &mut e.mentions)
                .enumerate()
            {
                m.sentence = (m.sentence + k % 3) % d.sentences.len();
            }
        }
    }

    #[test]
    fn sentence_classes_from_the_tokens_looked_up_are_those_of_all_tokens() {
        let text = "Talks between the two sides began. They met with Canada. \
                    Canada administers the islets, which Denmark claims; both met in April.\n\n\
                    Among them was\u{201C}the two\u{201D}. With. Between";
        let d = build(text, &[("Canada", C), ("Denmark", C)]);
        let doc = Doc::new(text, &d.tokens, &d.sentences, &d.entities);
        assert!(doc.tidy);
        let known = words::sentence_bits();
        let classes = &doc.index.classes;
        for (s, sentence) in d.sentences.iter().enumerate() {
            let (a, b) = (
                sentence.tokens.start,
                (sentence.tokens.end + 1).min(classes.len()),
            );
            let all = classes[a..b].iter().fold(0, |x, y| x | y.get());
            assert_eq!(
                doc.index.sentence_classes[s],
                all & known | !known,
                "sentence {s}"
            );
        }
    }

    #[test]
    fn every_relation_names_existing_entities_and_slices_the_text() {
        let text = "U.S. President Ann Carter met Danish Prime Minister Lars Holm in Oslo on Monday. \
                    Hans Island in the Nares Strait is administered by Canada and claimed by Denmark. \
                    Holm, a member of the Liberal Party, said the island, \u{201C}caf\u{e9}\u{201D}, matters.";
        let d = build(
            text,
            &[
                ("Ann Carter", P),
                ("Lars Holm|Holm", P),
                ("President", O),
                ("Prime Minister", O),
                ("U.S.", C),
                ("Denmark|Danish*", C),
                ("Canada", C),
                ("Oslo", L),
                ("Hans Island", L),
                ("Nares Strait", L),
                ("Liberal Party", G),
            ],
        );
        let rels = extract(
            text,
            &d.tokens,
            &d.sentences,
            &d.entities,
            Lexicon::builtin(),
        );
        assert!(rels.len() >= 5, "{rels:?}");
        for r in &rels {
            assert!(
                text.is_char_boundary(r.evidence.start) && text.is_char_boundary(r.evidence.end)
            );
            assert!(r.evidence.start < r.evidence.end && r.evidence.end <= text.len());
            let ids: Vec<usize> = match &r.kind {
                RelationKind::HoldsOffice {
                    person,
                    office,
                    country,
                    organization,
                    ..
                } => [Some(*person), Some(*office), *country, *organization]
                    .into_iter()
                    .flatten()
                    .collect(),
                RelationKind::Talks {
                    participants,
                    place,
                    ..
                } => participants
                    .iter()
                    .copied()
                    .chain(place.iter().copied())
                    .collect(),
                RelationKind::LocatedIn {
                    place, location, ..
                } => vec![*place, *location],
                RelationKind::Administers { country, place }
                | RelationKind::Claims { country, place } => {
                    vec![*country, *place]
                }
                RelationKind::MemberOf {
                    person,
                    organization,
                } => vec![*person, *organization],
            };
            assert!(ids.iter().all(|&i| i < d.entities.len()));
        }
    }

    #[test]
    fn sentences_with_many_mentions_stay_bounded() {
        let mut text = String::new();
        let mut specs = Vec::new();
        let names: Vec<String> = (0..200).map(|i| format!("Name{i} Surname{i}")).collect();
        for n in &names {
            text.push_str(n);
            text.push_str(" and ");
        }
        text.push_str("Tokyo met in Paris.");
        for n in &names {
            specs.push((n.as_str(), P));
        }
        let d = build(&text, &specs);
        let doc = Doc::new(&text, &d.tokens, &d.sentences, &d.entities);
        assert!((0..d.sentences.len()).all(|s| doc.mentions(s).len() <= MAX_MENTIONS_PER_SENTENCE));
        let _ = extract(
            &text,
            &d.tokens,
            &d.sentences,
            &d.entities,
            Lexicon::builtin(),
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Any arrangement of names, cue words and stray marks yields relations and quotes
        /// that name existing entities and slice the text on character boundaries.
        #[test]
        fn any_text_keeps_the_invariants(words in proptest::collection::vec(0usize..WORDS.len(), 0..60)) {
            let mut text = String::new();
            for w in words {
                text.push_str(WORDS[w]);
                text.push(' ');
            }
            let d = build(
                &text,
                &[
                    ("Ana Lima|Lima", P),
                    ("Paul Dent|Dent", P),
                    ("President|minister", O),
                    ("Chile|Chilean*", C),
                    ("Qu\u{e9}bec|Sea of Japan", L),
                    ("Labour Party|ministry", G),
                ],
            );
            let n = d.entities.len();
            for r in extract(&text, &d.tokens, &d.sentences, &d.entities, Lexicon::builtin()) {
                proptest::prop_assert!(r.evidence.start <= r.evidence.end && r.evidence.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(r.evidence.start) && text.is_char_boundary(r.evidence.end));
                proptest::prop_assert!(r.sentence < d.sentences.len());
                let ok = match &r.kind {
                    RelationKind::HoldsOffice { person, office, country, organization, .. } => {
                        *person < n && *office < n && country.is_none_or(|c| c < n) && organization.is_none_or(|o| o < n)
                    }
                    RelationKind::Talks { participants, place, .. } => {
                        participants.len() >= 2 && participants.iter().all(|&p| p < n) && place.is_none_or(|p| p < n)
                    }
                    RelationKind::LocatedIn { place, location, .. } => *place < n && *location < n,
                    RelationKind::Administers { country, place } | RelationKind::Claims { country, place } => {
                        *country < n && *place < n
                    }
                    RelationKind::MemberOf { person, organization } => *person < n && *organization < n,
                };
                proptest::prop_assert!(ok);
            }
            for q in crate::quotes::extract(&text, &d.tokens, &d.sentences, &d.entities) {
                proptest::prop_assert!(q.start < q.end && q.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
                proptest::prop_assert!(q.speaker.is_none_or(|s| s < n));
                proptest::prop_assert!(q.sentence < d.sentences.len());
            }
        }
    }

    const WORDS: &[&str] = &[
        "Ana Lima",
        "Lima",
        "Paul Dent",
        "Dent",
        "President",
        "minister",
        "Chile",
        "Chilean",
        "Qu\u{e9}bec",
        "Sea of Japan",
        "Labour Party",
        "ministry",
        "said",
        "told",
        "met",
        "with",
        "and",
        "in",
        "the",
        "two",
        "talks",
        "between",
        "claimed",
        "by",
        "administered",
        "who",
        "became",
        "'s",
        ",",
        ".",
        "\"",
        "\u{201C}",
        "\u{201D}",
        "\u{2018}",
        "\u{2019}",
        "'",
        "according",
        "to",
        "it",
        "he",
        "added",
        "\u{2014}",
        "\n\n",
        "caf\u{e9}",
        "Monday",
        "Jan.",
        "5",
    ];
}
