//! Word lists the patterns test tokens against, and the classes that make those tests cheap.
//!
//! The patterns ask "is this token one of these words?" many times per token: every
//! pattern walks the tokens of every sentence looking for its cue words. So each long list
//! is a [`WordSet`], and all sets are registered in [`SETS`]: [`Doc`](super::Doc) looks
//! each token's word up once, case-blind, in one table of all their words, and keeps the
//! bits of the sets it belongs to (its *classes*), per token and OR-ed per sentence. A test
//! against a set is then a bit test, and a pattern can skip a sentence that holds none of
//! its cue words. Short literal lists (`&["the"]`) are compared directly.
//!
//! Matching is ASCII case-insensitive, as `eq_ignore_ascii_case` is.

use std::cell::Cell;
use std::sync::{LazyLock, OnceLock};

use super::{holds_office, located_in, member_of, talks, territory};
use crate::quotes;
use crate::tokenize::Token;

/// How many sets [`SETS`] holds: fewer than 56, so that the classes of a word fit a u64
/// beside its length in the table, and never have every bit set (which marks classes not
/// looked up yet).
const SET_COUNT: usize = 36;
const _: () = assert!(SET_COUNT < 56);

/// Every [`WordSet`]; each has the bit of its position here in the token classes. A set
/// left out still matches correctly, by scanning its words (and a debug build says so).
static SETS: [&WordSet; SET_COUNT] = [
    &holds_office::APPOINTING,
    &holds_office::AUX,
    &holds_office::COPULAS,
    &holds_office::FILLERS,
    &holds_office::FOLLOWING_NOUNS,
    &holds_office::HONORIFICS,
    &holds_office::SUBORDINATORS,
    &holds_office::SUCCEEDING,
    &located_in::LOCATING,
    &located_in::LOCATIVE,
    &member_of::AUX,
    &member_of::BEING,
    &member_of::JOINING_VERBS,
    &member_of::ROLE_ADJECTIVES,
    &member_of::ROLE_NOUNS,
    &quotes::AUX,
    &quotes::GENERIC_ORG_NOUNS,
    &quotes::NAMING_VERBS,
    &quotes::SPEECH_VERBS,
    &quotes::SPOKES_NOUNS,
    &talks::AUX,
    &talks::BETWEEN,
    &talks::JOINT_VERBS,
    &talks::MEETING_NOUNS,
    &talks::MONTHS,
    &talks::OBJECT_VERBS,
    &talks::ROLE_NOUNS,
    &talks::SETTING_PREPOSITIONS,
    &talks::THE_TWO,
    &talks::TRAVEL_VERBS,
    &talks::WEEKDAYS,
    &talks::WITH,
    &talks::WITH_GAP,
    &talks::WITH_VERBS,
    &territory::LOCATIVE,
    &territory::VERBS,
];

/// A fixed list of words, tested with [`Doc::is`](super::Doc::is) and
/// [`Doc::sentence_has`](super::Doc::sentence_has).
pub(crate) struct WordSet {
    words: &'static [&'static str],
    /// The set's class bit (0 when it is not in [`SETS`]).
    bit: OnceLock<u64>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            bit: OnceLock::new(),
        }
    }

    /// The class bit of this set, or 0 when it is not registered.
    #[inline(always)]
    pub fn bit(&self) -> u64 {
        match self.bit.get() {
            Some(&bit) => bit,
            None => self.find_bit(),
        }
    }

    #[cold]
    fn find_bit(&self) -> u64 {
        *self.bit.get_or_init(|| {
            let at = SETS.iter().position(|s| std::ptr::eq(*s, self));
            debug_assert!(
                at.is_some(),
                "a WordSet missing from SETS: {:?}",
                self.words
            );
            at.map_or(0, |i| 1 << i)
        })
    }

    /// The words of the set.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// The classes of each token's word, into `classes` (`maybe`: scratch).
pub(crate) fn token_classes(
    text: &str,
    tokens: &[Token],
    classes: &mut Vec<Cell<u64>>,
    maybe: &mut Vec<u32>,
) {
    let t = &*TABLE;
    let text = text.as_bytes();
    // first the tokens whose shape some set word has, without a branch (whether a token
    // has one follows no pattern a processor could guess), then their words
    maybe.clear();
    maybe.resize(tokens.len(), 0);
    let mut found = 0;
    for (i, k) in tokens.iter().enumerate() {
        maybe[found] = i as u32;
        found += usize::from(t.may_hold(text, k.start, k.end));
    }
    classes.clear();
    classes.resize(tokens.len(), Cell::new(0));
    for &i in &maybe[..found] {
        let (k, i) = (&tokens[i as usize], i as usize);
        classes[i].set(t.classes_at(text, k.start, k.end));
    }
}

/// The classes of one token's word.
pub(crate) fn token_class(text: &str, token: &Token) -> u64 {
    let (t, text) = (&*TABLE, text.as_bytes());
    if t.may_hold(text, token.start, token.end) {
        t.classes_at(text, token.start, token.end)
    } else {
        0
    }
}

/// The classes of a word: the bits of the sets it is in.
#[cfg(test)]
fn classes(word: &[u8]) -> u64 {
    classes_at(word, 0, word.len())
}

#[cfg(test)]
fn classes_at(text: &[u8], start: usize, end: usize) -> u64 {
    let t = &*TABLE;
    if t.may_hold(text, start, end) {
        t.classes_at(text, start, end)
    } else {
        0
    }
}

/// The longest word a set may hold, in bytes: a word is packed into a u128.
const LONGEST: usize = 16;

/// All the words of [`SETS`], lower-cased and packed, by their *shape*: length, and first
/// and last byte with ASCII case left out. A bit per shape says whether any word has it,
/// which turns most words of a text away; the words of each shape (mostly one) lie
/// together, found by counting the shapes before it, with no hashing. Everything fits in
/// a few kilobytes, so look-ups do not wait on memory.
struct Table {
    /// A bit per shape that some word has.
    shapes: Vec<u64>,
    /// For each word of `shapes`, how many shapes the words before it have.
    before: Vec<u16>,
    /// For each shape words have, in order, where its words start in `slots` (and a last
    /// entry where they end).
    starts: Vec<u16>,
    /// The words, by shape.
    slots: Vec<Slot>,
}

#[derive(Clone, Copy)]
struct Slot {
    /// The word, lower-cased, little-endian, padded with zeros.
    word: u128,
    /// The word's length in the low byte, its classes above it.
    meta: u64,
}

impl Table {
    /// The shape of a word of `n` bytes. Bit 5 of a byte, the only one ASCII case changes,
    /// is left out; a word of another length may share the shape of one of 1 to
    /// [`LONGEST`] bytes, and its length tells them apart.
    #[inline(always)]
    fn shape(n: usize, first: u8, last: u8) -> usize {
        (n.wrapping_sub(1) % LONGEST) << 10
            | usize::from(first & 0x1f) << 5
            | usize::from(last & 0x1f)
    }

    /// Whether the word at `text[start..end]` may be in a set: 1 to [`LONGEST`] bytes,
    /// starting with an ASCII letter, and of a shape some set word has. Computed without a
    /// branch.
    #[inline(always)]
    fn may_hold(&self, text: &[u8], start: usize, end: usize) -> bool {
        let n = end.wrapping_sub(start);
        let first = text.get(start).copied().unwrap_or(0);
        let last = text.get(end.wrapping_sub(1)).copied().unwrap_or(0);
        let s = Self::shape(n, first, last);
        let known = (self.shapes[s >> 6] >> (s & 63)) & 1 != 0;
        known & (n.wrapping_sub(1) < LONGEST) & first.is_ascii_alphabetic()
    }

    /// The classes of the word at `text[start..end]`, which [`Table::may_hold`].
    #[inline]
    fn classes_at(&self, text: &[u8], start: usize, end: usize) -> u64 {
        let Some(w) = text.get(start..end) else {
            return 0;
        };
        let Some((&first, &last)) = w.first().zip(w.last()) else {
            return 0;
        };
        let n = w.len();
        // read the word in place when the text goes on long enough, keeping its own bytes
        let word = match text.get(start..start + LONGEST) {
            Some(b) => {
                let keep = u128::MAX >> (128 - 8 * n.min(LONGEST));
                u128::from_le_bytes(b.try_into().expect("16 bytes")) & keep
            }
            None => pack(w),
        };
        let word = lower(word);
        let s = Self::shape(n, first, last);
        let bits = self.shapes[s >> 6];
        if bits >> (s & 63) & 1 == 0 {
            return 0;
        }
        let rank = usize::from(self.before[s >> 6])
            + (bits & ((1u64 << (s & 63)) - 1)).count_ones() as usize;
        let (from, to) = (self.starts[rank], self.starts[rank + 1]);
        self.slots[usize::from(from)..usize::from(to)]
            .iter()
            .find(|s| s.word == word && s.meta & 0xff == n as u64)
            .map_or(0, |s| s.meta >> 8)
    }
}

/// A word of up to [`LONGEST`] bytes, little-endian, padded with zeros.
fn pack(w: &[u8]) -> u128 {
    let mut b = [0u8; LONGEST];
    let n = w.len().min(LONGEST);
    b[..n].copy_from_slice(&w[..n]);
    u128::from_le_bytes(b)
}

/// Sixteen bytes with their ASCII capitals lower-cased, all at once (as
/// `make_ascii_lowercase` would, byte by byte).
#[inline(always)]
fn lower(v: u128) -> u128 {
    const ONES: u128 = u128::MAX / 0xff;
    let low7 = v & (0x7f * ONES);
    let above_z = low7 + (0x7f - b'Z' as u128) * ONES;
    let from_a = low7 + (0x80 - b'A' as u128) * ONES;
    let upper = !v & (from_a ^ above_z) & (0x80 * ONES);
    v | (upper >> 2)
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    // each word once, with the bits of all the sets it is in
    let mut words: Vec<(usize, Slot)> = Vec::new();
    for (i, set) in SETS.iter().enumerate() {
        for w in set.words.iter().map(|w| w.as_bytes()) {
            assert!(
                (1..=LONGEST).contains(&w.len()) && w[0].is_ascii_alphabetic(),
                "set words are 1 to {LONGEST} bytes and start with a letter: {w:?}"
            );
            let (word, len) = (lower(pack(w)), w.len() as u64);
            match words
                .iter_mut()
                .find(|(_, s)| s.word == word && s.meta & 0xff == len)
            {
                Some((_, s)) => s.meta |= 1 << (i + 8),
                None => words.push((
                    Table::shape(w.len(), w[0], w[w.len() - 1]),
                    Slot {
                        word,
                        meta: len | 1 << (i + 8),
                    },
                )),
            }
        }
    }
    words.sort_by_key(|(shape, _)| *shape);
    let mut shapes = vec![0u64; (LONGEST << 10) / 64];
    let mut starts = Vec::new();
    for (k, (shape, _)) in words.iter().enumerate() {
        if shapes[shape >> 6] >> (shape & 63) & 1 == 0 {
            shapes[shape >> 6] |= 1 << (shape & 63);
            starts.push(u16::try_from(k).expect("fewer than 65536 words"));
        }
    }
    starts.push(u16::try_from(words.len()).expect("fewer than 65536 words"));
    let mut before = Vec::with_capacity(shapes.len());
    let mut count = 0;
    for bits in &shapes {
        before.push(count);
        count += bits.count_ones() as u16;
    }
    Table {
        shapes,
        before,
        starts,
        slots: words.into_iter().map(|(_, s)| s).collect(),
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_has_its_own_bit_and_finds_its_words_in_any_case() {
        for (i, set) in SETS.iter().enumerate() {
            assert_eq!(set.bit(), 1 << i);
            for w in set.words {
                let upper = w.to_ascii_uppercase();
                assert!(classes(w.as_bytes()) & set.bit() != 0, "{w}");
                assert!(classes(upper.as_bytes()) & set.bit() != 0, "{w}");
            }
        }
        assert_eq!(classes(b"zebra"), 0);
        assert_eq!(classes(b""), 0);
        assert_eq!(classes(b"videoconferences"), 0);
        // the length counts, not only the bytes read
        assert_ne!(classes(b"WITH") & talks::WITH.bit(), 0);
        assert_eq!(classes(b"with\0"), 0);
        assert_eq!(classes(b"wit"), 0);
        assert_eq!(classes(b"videoconferencing calls"), 0);
        let meeting = talks::MEETING_NOUNS.bit();
        assert_eq!(classes(b"talk") & meeting, 0);
        assert_ne!(classes(b"TaLkS") & meeting, 0);
        // read in place, with the text going on after the word
        assert_ne!(classes_at(b"talks about the budget", 0, 5) & meeting, 0);
        assert_eq!(classes_at(b"talks about the budget", 0, 4) & meeting, 0);
        assert_ne!(
            classes_at(b"Videoconference talks went on", 0, 15) & meeting,
            0
        );
    }
}
