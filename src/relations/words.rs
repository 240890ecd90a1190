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

use std::sync::{LazyLock, OnceLock};

use super::{holds_office, located_in, member_of, talks, territory};
use crate::quotes;

/// Every [`WordSet`]; each has the bit of its position here in the token classes. A set
/// left out still matches correctly, by scanning its words (and a debug build says so).
static SETS: [&WordSet; 33] = [
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
    #[inline]
    pub fn bit(&self) -> u64 {
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

    /// Whether a word with these classes is in the set.
    #[inline]
    pub fn has(&self, word: &[u8], classes: u64) -> bool {
        match self.bit() {
            0 => self
                .words
                .iter()
                .any(|w| w.as_bytes().eq_ignore_ascii_case(word)),
            bit => classes & bit != 0,
        }
    }
}

/// The classes of a word: the bits of the sets it is in.
#[inline]
pub(crate) fn classes(word: &[u8]) -> u64 {
    let t = &*TABLE;
    if word.is_empty() || word.len() > t.longest {
        return 0;
    }
    let key = word_key(word);
    let mut at = slot_of(key, t.mask);
    loop {
        let s = &t.slots[at];
        if s.classes == 0 {
            return 0;
        }
        if s.key == key && s.word.eq_ignore_ascii_case(word) {
            return s.classes;
        }
        at = (at + 1) & t.mask;
    }
}

/// All the words of [`SETS`] in one open-addressing hash table.
struct Table {
    mask: usize,
    slots: Vec<Slot>,
    /// The length of the longest word, past which no look-up is needed.
    longest: usize,
}

#[derive(Clone, Default)]
struct Slot {
    key: u64,
    word: Box<[u8]>,
    /// 0 marks a free slot.
    classes: u64,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let words: usize = SETS.iter().map(|s| s.words.len()).sum();
    let size = (words * 2).next_power_of_two();
    let mask = size - 1;
    let mut slots = vec![Slot::default(); size];
    let mut longest = 0;
    for (i, set) in SETS.iter().enumerate() {
        for w in set.words.iter().map(|w| w.as_bytes()) {
            longest = longest.max(w.len());
            let key = word_key(w);
            let mut at = slot_of(key, mask);
            loop {
                let s = &mut slots[at];
                if s.classes == 0 {
                    *s = Slot {
                        key,
                        word: w.to_ascii_lowercase().into(),
                        classes: 1 << i,
                    };
                    break;
                }
                if s.word.eq_ignore_ascii_case(w) {
                    s.classes |= 1 << i;
                    break;
                }
                at = (at + 1) & mask;
            }
        }
    }
    Table {
        mask,
        slots,
        longest,
    }
});

fn slot_of(key: u64, mask: usize) -> usize {
    (key >> 40) as usize & mask
}

/// A hash of a word that ignores ASCII case: the FxHash step over its bytes, eight at a
/// time, with bit 5 of each byte set. That folds ASCII letters to lower case (and some
/// punctuation onto other punctuation, which only means the word is compared after).
#[inline]
fn word_key(w: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    const FOLD: u64 = 0x2020_2020_2020_2020;
    let step = |h: u64, v: u64| (h.rotate_left(5) ^ (v | FOLD)).wrapping_mul(SEED);
    let mut h = (w.len() as u64).wrapping_mul(SEED);
    let mut rest = w;
    while let Some((c, tail)) = rest.split_first_chunk::<8>() {
        h = step(h, u64::from_le_bytes(*c));
        rest = tail;
    }
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = step(h, u64::from_le_bytes(b));
    }
    h
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
                assert!(set.has(w.as_bytes(), classes(w.as_bytes())), "{w}");
                assert!(set.has(upper.as_bytes(), classes(upper.as_bytes())), "{w}");
            }
        }
        assert_eq!(classes(b"zebra"), 0);
        assert_eq!(classes(b""), 0);
        assert!(!talks::MEETING_NOUNS.has(b"talk", classes(b"talk")));
        assert!(talks::MEETING_NOUNS.has(b"TaLkS", classes(b"TaLkS")));
    }
}
