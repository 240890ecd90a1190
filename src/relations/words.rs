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

/// How many sets [`SETS`] holds: fewer than 64, so that the classes of a word fit a u64 and
/// never have every bit set (which marks classes not looked up yet).
const SET_COUNT: usize = 36;
const _: () = assert!(SET_COUNT < 64);

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

/// The classes of each token's word.
pub(crate) fn token_classes(text: &str, tokens: &[Token]) -> Vec<Cell<u64>> {
    let t = &*TABLE;
    let text = text.as_bytes();
    // first the tokens whose shape some set word has, without a branch (whether a token
    // has one follows no pattern a processor could guess), then their words
    let mut maybe = vec![0u32; tokens.len()];
    let mut found = 0;
    for (i, k) in tokens.iter().enumerate() {
        maybe[found] = i as u32;
        found += usize::from(t.may_hold_at(text, k.start, k.end));
    }
    let classes = vec![Cell::new(0); tokens.len()];
    for &i in &maybe[..found] {
        let (k, i) = (&tokens[i as usize], i as usize);
        classes[i].set(t.classes_at(text, k.start, k.end));
    }
    classes
}

/// The classes of one token's word.
pub(crate) fn token_class(text: &str, token: &Token) -> u64 {
    TABLE.classes_at(text.as_bytes(), token.start, token.end)
}

impl Table {
    /// The classes of the word at `text[start..end]`: the bits of the sets it is in.
    #[inline]
    fn classes_at(&self, text: &[u8], start: usize, end: usize) -> u64 {
        let Some(w) = text.get(start..end) else {
            return 0;
        };
        let n = w.len();
        // every set word is 1 to LONGEST bytes and starts with an ASCII letter
        if n == 0 || n > LONGEST || !w[0].is_ascii_alphabetic() || !self.may_hold(w) {
            return 0;
        }
        // read the word in place when the text goes on long enough, keeping its own bytes
        let word = match text.get(start..start + LONGEST) {
            Some(b) => {
                let lo = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
                if n <= 8 {
                    [lower(lo & (u64::MAX >> (64 - 8 * n))), 0]
                } else {
                    let hi = u64::from_le_bytes(b[8..].try_into().expect("8 bytes"));
                    [lower(lo), lower(hi & (u64::MAX >> (128 - 8 * n)))]
                }
            }
            None => {
                let p = pack(w);
                [lower(p[0]), lower(p[1])]
            }
        };
        let (mut at, tag) = slot_of(word, self.mask);
        loop {
            match self.tags[at] {
                0 => return 0,
                x if x == tag && self.slots[at].word == word => return self.slots[at].classes,
                _ => at = (at + 1) & self.mask,
            }
        }
    }
}

/// The classes of a word: the bits of the sets it is in.
#[cfg(test)]
fn classes(word: &[u8]) -> u64 {
    classes_at(word, 0, word.len())
}

#[cfg(test)]
fn classes_at(text: &[u8], start: usize, end: usize) -> u64 {
    TABLE.classes_at(text, start, end)
}

/// The longest word a set may hold, in bytes: words are packed into two u64s.
const LONGEST: usize = 16;

/// A word of up to [`LONGEST`] bytes, little-endian, padded with zeros.
fn pack(w: &[u8]) -> [u64; 2] {
    let mut b = [0u8; LONGEST];
    b[..w.len()].copy_from_slice(w);
    [
        u64::from_le_bytes(b[..8].try_into().expect("8 bytes")),
        u64::from_le_bytes(b[8..].try_into().expect("8 bytes")),
    ]
}

/// Eight bytes with their ASCII capitals lower-cased, all at once (as
/// `make_ascii_lowercase` would, byte by byte).
#[inline]
fn lower(v: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low7 = v & (0x7f * ONES);
    let above_z = low7 + (0x7f - b'Z' as u64) * ONES;
    let from_a = low7 + (0x80 - b'A' as u64) * ONES;
    let upper = !v & (from_a ^ above_z) & (0x80 * ONES);
    v | (upper >> 2)
}

/// All the words of [`SETS`] in one open-addressing hash table. Each slot also has a tag
/// (some bits of the word's hash, 0 for a free slot) in an array small enough to stay in
/// the cache, so that a word in no set, which most words are, is turned away there.
struct Table {
    mask: usize,
    tags: Vec<u16>,
    slots: Vec<Slot>,
    /// A bit per (length, first letter, last byte) of the words, ASCII case aside: most
    /// words of a text, which are in no set, are turned away before they are read.
    shapes: Vec<u64>,
}

impl Table {
    fn shape(n: usize, first: u8, last: u8) -> usize {
        // bit 5, the only one ASCII case changes, is left out
        (n.wrapping_sub(1) % LONGEST) << 10
            | usize::from(first & 0x1f) << 5
            | usize::from(last & 0x1f)
    }

    /// [`Table::may_hold`] for the word at `text[start..end]`, of any length, computed
    /// without a branch.
    #[inline(always)]
    fn may_hold_at(&self, text: &[u8], start: usize, end: usize) -> bool {
        let n = end.wrapping_sub(start);
        let first = text.get(start).copied().unwrap_or(0);
        let last = text.get(end.wrapping_sub(1)).copied().unwrap_or(0);
        let s = Self::shape(n, first, last);
        let fits = n.wrapping_sub(1) < LONGEST;
        ((self.shapes[s >> 6] >> (s & 63)) & 1 != 0) & fits & first.is_ascii_alphabetic()
    }

    /// Whether a word of 1 to [`LONGEST`] bytes may be in the table.
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        let s = Self::shape(w.len(), w[0], w[w.len() - 1]);
        self.shapes[s >> 6] & (1 << (s & 63)) != 0
    }
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word, lower-cased and packed.
    word: [u64; 2],
    classes: u64,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let words: usize = SETS.iter().map(|s| s.words.len()).sum();
    // mostly free slots, so that a word in no set (most words) stops at the first probe
    let size = (words * 4).next_power_of_two();
    let mask = size - 1;
    let mut tags = vec![0u16; size];
    let mut shapes = vec![0u64; (LONGEST << 10) / 64];
    let mut slots = vec![Slot::default(); size];
    for (i, set) in SETS.iter().enumerate() {
        for w in set.words.iter().map(|w| w.as_bytes()) {
            assert!(
                (1..=LONGEST).contains(&w.len()) && w[0].is_ascii_alphabetic(),
                "set words are 1 to {LONGEST} bytes and start with a letter: {w:?}"
            );
            let shape = Table::shape(w.len(), w[0], w[w.len() - 1]);
            shapes[shape >> 6] |= 1 << (shape & 63);
            let p = pack(w);
            let word = [lower(p[0]), lower(p[1])];
            let (mut at, tag) = slot_of(word, mask);
            loop {
                let s = &mut slots[at];
                if tags[at] == 0 {
                    tags[at] = tag;
                    *s = Slot {
                        word,
                        classes: 1 << i,
                    };
                    break;
                }
                if s.word == word {
                    s.classes |= 1 << i;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
    }
    Table {
        mask,
        tags,
        slots,
        shapes,
    }
});

/// The first slot for a packed word and its tag (the FxHash step: the slot from the high
/// bits, the tag from the next ones, never 0).
#[inline]
fn slot_of(word: [u64; 2], mask: usize) -> (usize, u16) {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let h = (word[0].wrapping_mul(SEED).rotate_left(5) ^ word[1]).wrapping_mul(SEED);
    ((h >> 44) as usize & mask, (h >> 28) as u16 | 1)
}

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
