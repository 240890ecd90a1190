//! What the tagger remembers per thread: what it reads of a word by itself, the summed
//! weights of the features that read that word alone, and the summed weights of the features
//! with few values by what they read of a token.
//!
//! Reading a word (hashes of it lower-cased, its shape and affixes, its lexicon classes) and
//! summing the weights of the features that read one word (the word itself, its shape,
//! affixes and classes, or the word just before or after a token) cost the same for every
//! occurrence, and news repeats its words. So each word is read and summed once per thread and
//! looked up by its text afterwards. The features of a token's case, shape and place in its
//! sentence and line take few values together, so their sums are kept by those values
//! ([`SumsByKey`]). A token then costs a few lookups plus the rows of the features that read
//! two words. Integer sums do not depend on the order of their terms, so the scores are
//! exactly those of summing every row.
//!
//! What the lexicon's phrase search reads of a word by itself ([`WordKey`]: its key's hash
//! and its look in the phrase index) is remembered beside the rest, and read by the ids of
//! the document's words, so that the entity stage's search does not hash and look up each
//! word again.

use std::hash::Hasher;

use super::TAGS;
use super::features::{SumKey, TokenInfo};
use crate::hashing::Fast;
use crate::lexicon::{KnownClasses, WordKey};
use crate::tokenize::{Token, TokenKind};

/// Summed weights of one word: of its own word features, and of the features it gives the
/// token after it and the token before it; and the hashes of the one feature it gives the
/// token two after it and the one two before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sums {
    pub word: [i32; TAGS],
    pub before1: [i32; TAGS],
    pub after1: [i32; TAGS],
    /// The hashes of its `neighbour_features` at `Offset::Before2` and `Offset::After2`.
    pub far: [u64; 2],
}

/// Where a remembered word's text is, and what it is.
#[derive(Clone, Copy)]
struct Key {
    hash: u64,
    /// Its text in [`Memo::texts`].
    at: u32,
    len: u32,
    kind: TokenKind,
}

/// A slot of the open-addressed index: a word's first eight bytes, its length (255 for any
/// longer) and kind, 8 bits of its hash (never 0; 0 marks an empty slot), how often it was
/// looked up (up to 255, halved when the memo is thinned), and its id. Most words are eight
/// bytes or shorter and are told apart by the slot alone, so a lookup reads and counts in one
/// cache line; a longer word's text is compared only when all of that matches. The tag,
/// length, kind and count share one number, so that a word is told apart in two comparisons.
#[derive(Clone, Copy, Default)]
struct Slot {
    head: u64,
    /// The tag, then the length, the kind and the count, a byte each.
    word: u32,
    id: u32,
}

impl Slot {
    /// The bits of [`Slot::word`] that tell words apart: all but the count.
    const WORD: u32 = 0xff_ffff;
    /// Where the count is in [`Slot::word`].
    const USES: u32 = 24;

    /// The slot of a word, but for its id, looked up once.
    fn of(text: &[u8], kind: TokenKind, hash: u64) -> Slot {
        Slot::of_head(crate::hashing::le_padded(text), text.len(), kind, hash)
    }

    /// [`Slot::of`] a word of `len` bytes whose first eight (see `le_padded`) are `head`.
    #[inline]
    fn of_head(head: u64, len: usize, kind: TokenKind, hash: u64) -> Slot {
        let tag = (hash >> 56) as u32 | 1;
        let len = len.min(255) as u32;
        Slot {
            head,
            word: tag | len << 8 | (kind as u32) << 16 | 1 << Slot::USES,
            id: 0,
        }
    }

    /// The length of the word, 255 for any longer.
    fn len(&self) -> u32 {
        self.word >> 8 & 0xff
    }

    /// Whether the slot holds a word (its tag is never 0).
    fn used(&self) -> bool {
        self.word & 0xff != 0
    }

    /// How often the word was looked up.
    fn uses(&self) -> u8 {
        (self.word >> Slot::USES) as u8
    }

    /// This slot, looked up `uses` times.
    fn with_uses(self, uses: u8) -> Slot {
        Slot {
            word: self.word & Slot::WORD | u32::from(uses) << Slot::USES,
            ..self
        }
    }

    /// Counts one more look-up, up to 255.
    fn count_use(&mut self) {
        if self.uses() < u8::MAX {
            self.word += 1 << Slot::USES;
        }
    }

    /// Whether the slot holds the word whose slot is `other`, as far as a slot can tell.
    fn matches(&self, other: &Slot) -> bool {
        self.head == other.head && (self.word ^ other.word) & Slot::WORD == 0
    }
}

/// Words remembered per thread, which bounds the memo's memory (about 10 MB at this size) on
/// an endless stream while holding a news stream's common vocabulary.
const CAPACITY: usize = 1 << 15;

/// Words kept when the memo is full: the most used, so that a stream's common words are not
/// read and summed again each time its rare ones (names, numbers) fill the memo.
const KEEP: usize = CAPACITY / 4;

/// One thread's remembered words, for one weights table. Each array is indexed by a word's
/// id; they are apart so that looking a word up touches only the small index and keys.
#[derive(Default)]
pub(crate) struct Memo {
    /// Tells weights tables apart (the address of their rows).
    table: usize,
    /// Open-addressed, a power of two in size and at most half full.
    slots: Vec<Slot>,
    keys: Vec<Key>,
    /// What is read of each word by itself, as a token of it with nothing known of its place:
    /// reading a document copies it whole.
    words: Vec<TokenInfo>,
    sums: Vec<Sums>,
    /// What the lexicon's phrase search reads of each word.
    word_keys: Vec<WordKey>,
    /// The entity stage's lexicon classes of each word, once asked for.
    word_classes: Vec<KnownClasses>,
    /// The words' texts, end to end (bytes: a word is looked up by the bytes of its token,
    /// which need no check of where characters start).
    texts: Vec<u8>,
    /// Space for the hashes of a block of a document's tokens (see [`HASH_BLOCK`]), each with
    /// the slot its word would have (read once for both, in one pass before the lookups).
    hashes: Vec<(u64, Slot)>,
}

/// Tokens whose hashes [`Memo::ids`] works out at a time.
const HASH_BLOCK: usize = 4096;

/// The hash of a token's text and kind, from the process's seed `seed` (see
/// `crate::hashing`). Most words are eight bytes or shorter, and are mixed once with their
/// length and kind, where the general hash takes two rounds and then mixes.
#[cfg(test)]
fn hash(text: &[u8], kind: TokenKind, seed: u64) -> u64 {
    hash_head(text, kind, seed).0
}

/// [`hash`], and the first eight bytes of `text` (see `le_padded`), which the hash of a short
/// word reads and its slot keeps.
#[inline]
fn hash_head(text: &[u8], kind: TokenKind, seed: u64) -> (u64, u64) {
    let head = crate::hashing::le_padded(text);
    if text.len() <= 8 {
        let shape = (text.len() as u64) << 8 | kind as u64;
        let mixed = head.wrapping_add(seed) ^ shape.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        return (crate::hashing::mix(mixed), head);
    }
    let mut h = Fast::default();
    h.write(text);
    h.write_u8(kind as u8);
    (h.finish(), head)
}

impl Memo {
    /// Prepares for `words` more lookups with the table at `table`: the ids handed out until
    /// the next call stay valid.
    pub fn make_room(&mut self, table: usize, words: usize) {
        if self.keys.capacity() == 0 {
            // room for every word the memo may hold, asked for once: the space is the
            // system's to map as it is written, and nothing is copied as the memo grows
            self.keys.reserve_exact(CAPACITY);
            self.words.reserve_exact(CAPACITY);
            self.sums.reserve_exact(CAPACITY);
            self.word_keys.reserve_exact(CAPACITY);
            self.word_classes.reserve_exact(CAPACITY);
        }
        if self.table != table || words > CAPACITY - KEEP {
            self.keep_most_used(0);
            self.table = table;
        } else if self.keys.len() + words > CAPACITY {
            self.keep_most_used(KEEP);
        }
    }

    /// Forgets all words but the `keep` most used (of those used more than once), and halves
    /// the counts of those kept so that words must go on being used to stay.
    fn keep_most_used(&mut self, keep: usize) {
        let mut uses = self.uses_by_id();
        // the least number of uses that keeps at most `keep` words
        let mut by_uses = [0usize; 256];
        for &u in &uses {
            by_uses[u as usize] += 1;
        }
        let mut least = 256;
        let mut kept = 0;
        while least > 2 && kept + by_uses[least - 1] <= keep {
            least -= 1;
            kept += by_uses[least];
        }
        let old_texts = std::mem::take(&mut self.texts);
        let mut to = 0;
        for id in 0..self.keys.len() {
            if (uses[id] as usize) < least {
                continue;
            }
            let mut k = self.keys[id];
            let text = &old_texts[k.at as usize..(k.at + k.len) as usize];
            k.at = self.texts.len() as u32;
            self.texts.extend_from_slice(text);
            self.keys[to] = k;
            self.words[to] = self.words[id];
            self.sums[to] = self.sums[id];
            self.word_keys[to] = self.word_keys[id];
            self.word_classes[to] = self.word_classes[id].clone();
            uses[to] = uses[id] / 2;
            to += 1;
        }
        self.keys.truncate(to);
        self.words.truncate(to);
        self.sums.truncate(to);
        self.word_keys.truncate(to);
        self.word_classes.truncate(to);
        uses.truncate(to);
        self.slots.clear();
        if to > 0 {
            self.index(&uses);
        }
    }

    /// How often each word was looked up, by id.
    fn uses_by_id(&self) -> Vec<u8> {
        let mut uses = vec![0; self.keys.len()];
        for s in self.slots.iter().filter(|s| s.used()) {
            uses[s.id as usize] = s.uses();
        }
        uses
    }

    /// The ids of the words of `tokens`, appended to `ids`, reading and summing by `compute`
    /// those not yet known. The index slots of the tokens a few on are fetched while one is
    /// looked up, so the lookups' cache misses overlap.
    pub fn ids(
        &mut self,
        text: &str,
        tokens: &[Token],
        ids: &mut Vec<u32>,
        mut compute: impl FnMut(&str, TokenKind) -> (TokenInfo, Sums),
    ) {
        let mut hashes = std::mem::take(&mut self.hashes);
        // a block at a time, with the few after it that are fetched ahead, so that a huge
        // document's hashes are not all held at once
        for from in (0..tokens.len()).step_by(HASH_BLOCK) {
            let to = tokens.len().min(from + HASH_BLOCK);
            let ahead = tokens.len().min(to + super::AHEAD);
            let block = (&tokens[from..ahead], to - from);
            self.ids_of_block(text, block, &mut hashes, ids, &mut compute);
        }
        self.hashes = hashes;
    }

    /// [`Memo::ids`] of the first `n` tokens of `tokens` (the rest are fetched ahead), in
    /// `hashes`.
    #[inline(always)]
    fn ids_of_block(
        &mut self,
        text: &str,
        (tokens, n): (&[Token], usize),
        hashes: &mut Vec<(u64, Slot)>,
        ids: &mut Vec<u32>,
        mut compute: impl FnMut(&str, TokenKind) -> (TokenInfo, Sums),
    ) {
        // a word is found by its bytes; only a word to be read needs them as text
        let bytes = text.as_bytes();
        let word = |t: &Token| &bytes[t.start..t.end];
        hashes.clear();
        let seed = crate::hashing::seed();
        hashes.extend(tokens.iter().map(|t| {
            let w = word(t);
            let (h, head) = hash_head(w, t.kind, seed);
            (h, Slot::of_head(head, w.len(), t.kind, h))
        }));
        for (i, t) in tokens[..n].iter().enumerate() {
            if let Some(&(h, _)) = hashes.get(i + super::AHEAD) {
                let mask = self.slots.len().wrapping_sub(1);
                if let Some(slot) = self.slots.get(h as usize & mask) {
                    super::prefetch(slot);
                }
            }
            let (h, want) = hashes[i];
            let id = self.id_slot(
                || word(t),
                t.kind,
                h,
                want,
                || compute(t.text(text), t.kind),
            );
            ids.push(id);
        }
    }

    /// The id of the word `text` (a token of `kind`), read and summed by `compute` if not yet
    /// known.
    #[cfg(test)]
    pub fn id(
        &mut self,
        text: &str,
        kind: TokenKind,
        compute: impl FnOnce(&str, TokenKind) -> (TokenInfo, Sums),
    ) -> u32 {
        let bytes = text.as_bytes();
        let h = hash_head(bytes, kind, crate::hashing::seed());
        self.id_hashed(bytes, kind, h, || compute(text, kind))
    }

    /// [`Memo::id`] of a word (its bytes `text`) whose hash and first eight bytes (see
    /// [`hash_head`]) are known.
    #[cfg(test)]
    fn id_hashed(
        &mut self,
        text: &[u8],
        kind: TokenKind,
        (h, head): (u64, u64),
        compute: impl FnOnce() -> (TokenInfo, Sums),
    ) -> u32 {
        let want = Slot::of_head(head, text.len(), kind, h);
        self.id_slot(|| text, kind, h, want, compute)
    }

    /// [`Memo::id_hashed`] of a word whose slot `want` is known, and whose bytes `text` are
    /// read only to tell apart words longer than eight bytes, or to remember a new one.
    #[inline(always)]
    fn id_slot<'t>(
        &mut self,
        text: impl Fn() -> &'t [u8],
        kind: TokenKind,
        h: u64,
        mut want: Slot,
        compute: impl FnOnce() -> (TokenInfo, Sums),
    ) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        while let Some(slot) = self.slots.get(at).filter(|s| s.used()) {
            if slot.matches(&want) {
                let id = slot.id as usize;
                if want.len() <= 8 || {
                    let k = &self.keys[id];
                    &self.texts[k.at as usize..(k.at + k.len) as usize] == text()
                } {
                    let slot = &mut self.slots[at];
                    slot.count_use();
                    return slot.id;
                }
            }
            at = (at + 1) & mask;
        }
        let (word, sums) = compute();
        let text = text();
        let id = self.keys.len() as u32;
        self.keys.push(Key {
            hash: h,
            at: self.texts.len() as u32,
            len: text.len() as u32,
            kind,
        });
        self.texts.extend_from_slice(text);
        self.words.push(word);
        self.sums.push(sums);
        self.word_keys.push(WordKey::of(text));
        self.word_classes.push(KnownClasses::default());
        want.id = id;
        if 2 * self.keys.len() > self.slots.len() {
            self.grow(want);
        } else {
            self.slots[at] = want;
        }
        id
    }

    /// Doubles the index (at least 1,024 slots) with the slot `new` put in too. The slots are
    /// moved as they are, by their words' hashes: nothing of a word is read again.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, new: Slot) {
        let old = std::mem::take(&mut self.slots);
        let size = (2 * self.keys.len() + 1).next_power_of_two().max(1024);
        self.slots.resize(size, Slot::default());
        let mask = size - 1;
        for s in old.into_iter().filter(Slot::used).chain([new]) {
            let mut at = self.keys[s.id as usize].hash as usize & mask;
            while self.slots[at].used() {
                at = (at + 1) & mask;
            }
            self.slots[at] = s;
        }
    }

    /// Makes the index at most half full (at least 1,024 slots) and puts every word back in,
    /// with how often it was used (`uses`, by id).
    fn index(&mut self, uses: &[u8]) {
        let size = (2 * self.keys.len() + 1).next_power_of_two().max(1024);
        self.slots.clear();
        self.slots.resize(size, Slot::default());
        let mask = size - 1;
        for (id, k) in self.keys.iter().enumerate() {
            let mut at = k.hash as usize & mask;
            while self.slots[at].used() {
                at = (at + 1) & mask;
            }
            let text = &self.texts[k.at as usize..(k.at + k.len) as usize];
            self.slots[at] = Slot {
                id: id as u32,
                ..Slot::of(text, k.kind, k.hash).with_uses(uses[id])
            };
        }
    }

    pub fn word(&self, id: u32) -> &TokenInfo {
        &self.words[id as usize]
    }

    /// What the lexicon's phrase search reads of each word, by id.
    pub fn word_keys(&self) -> &[WordKey] {
        &self.word_keys
    }

    /// The entity stage's lexicon classes of each word, by id, once asked for.
    pub fn word_classes(&self) -> &[KnownClasses] {
        &self.word_classes
    }

    pub fn sums(&self, id: u32) -> &Sums {
        &self.sums[id as usize]
    }
}

/// Keys remembered per thread and group of features. News has a few hundred of each in
/// common use; a key that falls out is summed again.
const KEYS: usize = 1 << 11;

/// The summed weights of a group of features with few values (the context features of
/// `DocInfo::context_features`, the shape features of `DocInfo::shape_features`) by what
/// they read of a token, for one weights table: a direct-mapped table, a key to a slot.
pub(crate) struct SumsByKey<K> {
    /// Tells weights tables apart (the address of their rows).
    table: usize,
    slots: Vec<(K, [i32; TAGS])>,
}

impl<K> Default for SumsByKey<K> {
    fn default() -> Self {
        SumsByKey {
            table: 0,
            slots: Vec::new(),
        }
    }
}

impl<K: SumKey> SumsByKey<K> {
    /// Readies the table for the weights table at `table`, forgetting sums of another.
    pub fn for_table(&mut self, table: usize) {
        if self.table != table || self.slots.is_empty() {
            self.slots.clear();
            self.slots.resize(KEYS, (K::NONE, [0; TAGS]));
            self.table = table;
        }
    }

    /// The sums of the features of `key`, summed by `compute` if not remembered.
    #[inline]
    pub fn sum(&mut self, key: K, compute: impl FnOnce() -> [i32; TAGS]) -> &[i32; TAGS] {
        let at = (key.spread() >> (64 - KEYS.trailing_zeros())) as usize;
        let slot = &mut self.slots[at];
        if slot.0 != key {
            *slot = (key, compute());
        }
        &slot.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key whose slot is its number's low bit, so that keys share slots.
    #[derive(Clone, Copy, PartialEq, Eq)]
    struct Crowded(u32);

    impl SumKey for Crowded {
        const NONE: Crowded = Crowded(u32::MAX);
        fn spread(&self) -> u64 {
            u64::from(self.0 & 1) << 63
        }
    }

    #[test]
    fn sums_by_key_are_summed_again_when_their_slot_was_taken() {
        fn sum(sums: &mut SumsByKey<Crowded>, summed: &mut Vec<u32>, k: u32) -> [i32; TAGS] {
            *sums.sum(Crowded(k), || {
                summed.push(k);
                [k as i32; TAGS]
            })
        }
        let mut sums = SumsByKey::default();
        sums.for_table(1);
        let mut summed = Vec::new();
        for k in [2, 2, 3, 4, 2, 3] {
            assert_eq!(sum(&mut sums, &mut summed, k), [k as i32; TAGS]);
        }
        // 2 and 4 share a slot; 3 has its own
        assert_eq!(summed, [2, 3, 4, 2]);
        // another weights table forgets every sum
        sums.for_table(2);
        assert_eq!(sum(&mut sums, &mut summed, 3), [3; TAGS]);
        assert_eq!(summed, [2, 3, 4, 2, 3]);
    }

    fn sums(n: i32) -> Sums {
        Sums {
            word: [n; TAGS],
            before1: [0; TAGS],
            after1: [0; TAGS],
            far: [0; 2],
        }
    }

    #[test]
    fn a_word_is_read_once_and_found_after_the_index_grows() {
        let mut memo = Memo::default();
        memo.make_room(1, 5000);
        let mut computed = 0;
        let mut ids = Vec::new();
        for n in 0..3000 {
            let w = format!("w{n}");
            ids.push(memo.id(&w, TokenKind::Word, |_, _| {
                computed += 1;
                (TokenInfo::default(), sums(n))
            }));
        }
        assert_eq!(computed, 3000);
        for n in 0..3000 {
            let id = memo.id(&format!("w{n}"), TokenKind::Word, |_, _| unreachable!());
            assert_eq!(id, ids[n as usize]);
            assert_eq!(memo.sums(id).word[0], n);
        }
        // the kind is part of the key
        let other = memo.id("w7", TokenKind::Number, |_, _| {
            (TokenInfo::default(), sums(-1))
        });
        assert_ne!(other, ids[7]);
        assert_eq!(memo.sums(other).word[0], -1);
    }

    /// Short words are hashed in one mix, long ones in rounds: words whose padded bytes are
    /// alike but whose lengths or kinds are not stay apart either way, and counts stop at 255.
    #[test]
    fn short_words_alike_but_for_length_or_kind_stay_apart() {
        let mut memo = Memo::default();
        memo.make_room(1, 10);
        let words = [
            ("ab", TokenKind::Word),
            ("ab\0", TokenKind::Word),
            ("ab\0\0\0\0\0\0", TokenKind::Word),
            ("ab\0\0\0\0\0\0\0", TokenKind::Word),
            ("ab", TokenKind::Number),
            ("", TokenKind::Word),
        ];
        let ids: Vec<u32> = (0..words.len())
            .map(|n| {
                let (w, kind) = words[n];
                memo.id(w, kind, |_, _| (TokenInfo::default(), sums(n as i32)))
            })
            .collect();
        for (n, &(w, kind)) in words.iter().enumerate() {
            let id = memo.id(w, kind, |_, _| unreachable!("{w:?} known"));
            assert_eq!((id, memo.sums(id).word[0]), (ids[n], n as i32), "{w:?}");
        }
        assert_eq!(
            hash(b"ab", TokenKind::Word, 1),
            hash(b"ab", TokenKind::Word, 1)
        );
        assert_ne!(
            hash(b"ab", TokenKind::Word, 1),
            hash(b"ab", TokenKind::Word, 2)
        );
        for _ in 0..300 {
            memo.id("ab", TokenKind::Word, |_, _| unreachable!());
        }
        assert_eq!(memo.uses_by_id()[ids[0] as usize], u8::MAX);
        assert_eq!(memo.uses_by_id()[ids[1] as usize], 2);
    }

    #[test]
    fn long_words_sharing_their_first_bytes_stay_apart() {
        let mut memo = Memo::default();
        memo.make_room(1, 10);
        let words = [
            "Washingto",
            "Washington",
            "Washingtonian",
            "Washingtons",
            "Washingtoz",
        ];
        let ids: Vec<u32> = (0..words.len())
            .map(|n| {
                memo.id(words[n], TokenKind::Word, |_, _| {
                    (TokenInfo::default(), sums(n as i32))
                })
            })
            .collect();
        for (n, w) in words.iter().enumerate() {
            let id = memo.id(w, TokenKind::Word, |_, _| unreachable!());
            assert_eq!((id, memo.sums(id).word[0]), (ids[n], n as i32), "{w}");
        }
        let long = "x".repeat(300);
        let a = memo.id(&long, TokenKind::Word, |_, _| {
            (TokenInfo::default(), sums(7))
        });
        let b = memo.id(&"x".repeat(301), TokenKind::Word, |_, _| {
            (TokenInfo::default(), sums(8))
        });
        assert_ne!(a, b);
        assert_eq!(memo.id(&long, TokenKind::Word, |_, _| unreachable!()), a);
    }

    /// Looks `text` up as one document on a new memo, checks every id against its word
    /// looked up alone, and says how many words were read.
    fn words_read_looking_up(text: &str) -> usize {
        let tokens = crate::tokenize::tokenize(text);
        let mut memo = Memo::default();
        memo.make_room(1, tokens.len());
        let mut ids = Vec::new();
        let mut computed = 0;
        memo.ids(text, &tokens, &mut ids, |_, _| {
            computed += 1;
            (TokenInfo::default(), sums(computed))
        });
        assert_eq!(ids.len(), tokens.len());
        for (t, &id) in tokens.iter().zip(&ids) {
            assert_eq!(memo.id(t.text(text), t.kind, |_, _| unreachable!()), id);
        }
        computed as usize
    }

    #[test]
    fn a_document_is_looked_up_as_its_words_are_one_by_one() {
        let text =
            "The negotiations in Geneva ended , and the negotiators in Vienna began . ".repeat(3);
        // words longer than eight bytes sharing their first eight are told apart by their text
        assert_eq!(words_read_looking_up(&text), 12, "each distinct word once");
    }

    #[test]
    fn a_document_of_many_blocks_is_looked_up_as_its_words_are_one_by_one() {
        // words seen first in one block and again in later ones, across every block edge
        let n = 3 * HASH_BLOCK + super::super::AHEAD + 5;
        let text: String = (0..n).map(|i| format!("w{} ", (i * 7) % 5000)).collect();
        assert_eq!(crate::tokenize::tokenize(&text).len(), n);
        assert_eq!(
            words_read_looking_up(&text),
            5000,
            "each distinct word once"
        );
    }

    #[test]
    fn a_full_memo_keeps_its_most_used_words() {
        let mut memo = Memo::default();
        memo.make_room(1, 10);
        let word = |n: usize| format!("w{n}");
        // a few common words, used often, and many rare ones, used once
        for round in 0..6 {
            for n in 0..100 {
                memo.id(&word(n), TokenKind::Word, |_, _| {
                    assert_eq!(round, 0, "common words are read once");
                    (TokenInfo::default(), sums(n as i32))
                });
            }
        }
        let mut n = 100;
        while memo.keys.len() < CAPACITY - 10 {
            memo.id(&word(n), TokenKind::Word, |_, _| {
                (TokenInfo::default(), sums(-1))
            });
            n += 1;
        }
        memo.make_room(1, 100);
        assert!(memo.keys.len() <= KEEP, "{}", memo.keys.len());
        for n in 0..100 {
            let id = memo.id(&word(n), TokenKind::Word, |_, _| unreachable!("{n} kept"));
            assert_eq!(memo.sums(id).word[0], n as i32);
        }
        let mut again = false;
        memo.id(&word(500), TokenKind::Word, |_, _| {
            again = true;
            (TokenInfo::default(), sums(5))
        });
        assert!(again, "a rare word is forgotten");
        // kept words must go on being used to stay
        assert!(
            memo.uses_by_id().iter().all(|&u| u <= 4),
            "counts are halved"
        );
    }

    #[test]
    fn room_is_made_by_forgetting() {
        let mut memo = Memo::default();
        memo.make_room(1, 10);
        let a = memo.id("Kyiv", TokenKind::Word, |_, _| {
            (TokenInfo::default(), sums(1))
        });
        memo.make_room(1, CAPACITY);
        let mut again = false;
        let b = memo.id("Kyiv", TokenKind::Word, |_, _| {
            again = true;
            (TokenInfo::default(), sums(2))
        });
        assert!(again, "a full memo starts afresh");
        assert_eq!((a, memo.sums(b).word[0]), (0, 2));
        // another weights table never sees this one's sums
        memo.make_room(2, 1);
        let c = memo.id("Kyiv", TokenKind::Word, |_, _| {
            (TokenInfo::default(), sums(3))
        });
        assert_eq!(memo.sums(c).word[0], 3);
    }
}
