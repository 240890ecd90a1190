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
use std::sync::LazyLock;

use super::{holds_office, located_in, member_of, talks, territory};
use crate::hashing::{le_padded, lower_ascii8};
use crate::quotes;
use crate::tokenize::Token;

/// How many sets [`SETS`] holds: fewer than 56, so that the classes of a word fit a u64
/// beside its length in the table, and never have every bit set (which marks classes not
/// looked up yet).
const SET_COUNT: usize = 39;
const _: () = assert!(SET_COUNT < 56);

/// Every [`WordSet`] placed ([`WordSet::at`]) at its position here, which is its bit in the
/// token classes. A set left out still matches correctly, by scanning its words.
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
    &talks::DATE_OPENERS,
    &super::QUALIFIER_WORDS,
    &talks::TOPIC_WORDS,
];

/// The sets patterns ask whole sentences about ([`Doc::sentence_has`](super::Doc::sentence_has))
/// and so test every token of a sentence against: a document looks its tokens up in these
/// first, and each of the others only when a pattern tests it, as few are.
static SENTENCE_SETS: [&WordSet; 8] = [
    &talks::BETWEEN,
    &talks::JOINT_VERBS,
    &talks::MEETING_NOUNS,
    &talks::OBJECT_VERBS,
    &talks::THE_TWO,
    &talks::WITH,
    &talks::WITH_VERBS,
    &territory::VERBS,
];

/// Set in the classes of a token not looked up yet; its other bits say which sets the word
/// may be in (a token looked up has its classes below [`SET_COUNT`]).
pub(crate) const NOT_LOOKED_UP: u64 = 1 << 63;

/// The classes of a token not looked up at all: it may be in any set.
pub(crate) const UNKNOWN: u64 = u64::MAX;

/// The bits of [`SENTENCE_SETS`]: the classes a document knows for every token.
pub(crate) fn sentence_bits() -> u64 {
    TABLE.sentence_bits
}

/// A fixed list of words, tested with [`Doc::is`](super::Doc::is) and
/// [`Doc::sentence_has`](super::Doc::sentence_has).
pub(crate) struct WordSet {
    words: &'static [&'static str],
    /// The set's class bit: 1 << its position in [`SETS`], or 0 when it is not there.
    bit: u64,
}

impl WordSet {
    /// A set not in [`SETS`] (tested by scanning its words) until [`WordSet::at`] places it.
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet { words, bit: 0 }
    }

    /// The set at position `at` of [`SETS`] (which a test checks): its bit is a constant,
    /// read with no more than a load wherever a pattern tests a word.
    pub const fn at(self, at: usize) -> Self {
        assert!(at < SET_COUNT);
        WordSet {
            words: self.words,
            bit: 1 << at,
        }
    }

    /// The class bit of this set, or 0 when it is not registered.
    #[inline(always)]
    pub fn bit(&self) -> u64 {
        self.bit
    }

    /// The words of the set.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// The classes of each token's word, into `classes`: those of a word that may be in one of
/// [`SENTENCE_SETS`], and for the others [`NOT_LOOKED_UP`] with the bits of the sets some
/// word of its shape is in (none of those), so that a pattern looks up only the words
/// that may be in the set it tests. The tokens looked up, the only ones with any bit of
/// those sets, are put in `maybe` (scratch); returns how many.
///
/// Not inlined into the indexing of the document, so that its loops keep their values in
/// registers.
#[inline(never)]
pub(crate) fn token_classes(
    text: &str,
    tokens: &[Token],
    classes: &mut Vec<Cell<u64>>,
    maybe: &mut Vec<u64>,
) -> usize {
    let t = &*TABLE;
    let text = text.as_bytes();
    maybe.clear();
    classes.clear();
    match text.len().checked_sub(1) {
        Some(at_end) => {
            // the classes of a token of its shape are two loads from tables that stay in the
            // cache, without a branch; then the few tokens (one in twenty) with the shape of
            // a word of those sets are looked up
            let (runs, masks): (&[u16; SHAPES], &[u64; RUN_STARTS]) = (&t.runs, &t.masks);
            let sentence_bits = t.sentence_bits;
            classes.extend(tokens.iter().map(|k| {
                let run = runs[Table::shape_at(text, at_end, k.start, k.end)];
                Cell::new(masks[usize::from(run >> 4)])
            }));
            // then the words of those
            for (i, (k, c)) in tokens.iter().zip(classes.iter()).enumerate() {
                if c.get() & sentence_bits != 0 {
                    maybe.push(i as u64);
                    c.set(t.classes(text, k.start, k.end));
                }
            }
        }
        None => classes.resize(tokens.len(), Cell::new(UNKNOWN & !t.sentence_bits)),
    }
    maybe.len()
}

/// The classes of one token's word.
pub(crate) fn token_class(text: &str, token: &Token) -> u64 {
    TABLE.classes(text.as_bytes(), token.start, token.end)
}

/// The classes of a word: the bits of the sets it is in.
#[cfg(test)]
fn classes(word: &[u8]) -> u64 {
    classes_at(word, 0, word.len())
}

#[cfg(test)]
fn classes_at(text: &[u8], start: usize, end: usize) -> u64 {
    TABLE.classes(text, start, end)
}

/// The longest word a set may hold, in bytes: a word is packed into two u64.
const LONGEST: usize = 16;

/// How many shapes there are: 4 bits of length, 5 of the first byte, 5 of the last.
const SHAPES: usize = LONGEST << 10;

/// How many slots a run may start at (a run's first slot has 12 bits).
const RUN_STARTS: usize = 1 << 12;

/// How many words of [`SETS`] may share a shape (a run's length has 4 bits).
const MOST_PER_SHAPE: usize = 15;

/// All the words of [`SETS`], lower-cased and packed, by their *shape*: length, and first
/// and last byte with ASCII case left out. Each shape says where the run of its words
/// (mostly one) lies, or that no word has it, which turns most words of a text away with
/// one load and no hashing. Everything fits in a few tens of kilobytes, of which a text
/// touches the few lines of its common words, so look-ups do not wait on memory.
struct Table {
    /// For each shape, the run of its words in `slots`: first slot << 4 | how many (0 when
    /// no word has the shape; slot 0 holds no word).
    runs: Box<[u16; SHAPES]>,
    /// For the first slot of each run, the classes of a token of its shape not looked up:
    /// [`NOT_LOOKED_UP`] and the bits of the sets the run's words are in (none at slot 0,
    /// where the shapes of no word point).
    masks: Box<[u64; RUN_STARTS]>,
    /// The bits of [`SENTENCE_SETS`].
    sentence_bits: u64,
    /// The words, by shape.
    slots: Vec<Slot>,
}

#[derive(Clone, Copy)]
struct Slot {
    /// The word, lower-cased, little-endian, padded with zeros: bytes 0..8 and 8..16.
    word: [u64; 2],
    /// The bits of the sets the word is in.
    classes: u64,
}

/// The bytes of a word of `n` bytes kept from a 16-byte read, in its low and high half.
static KEEP: [[u64; 2]; LONGEST + 1] = {
    let mut keep = [[0u64; 2]; LONGEST + 1];
    let mut n = 0;
    while n <= LONGEST {
        keep[n] = if n <= 8 {
            [
                if n == 8 {
                    u64::MAX
                } else {
                    (1u64 << (8 * n)) - 1
                },
                0,
            ]
        } else if n == 16 {
            [u64::MAX, u64::MAX]
        } else {
            [u64::MAX, (1u64 << (8 * (n - 8))) - 1]
        };
        n += 1;
    }
    keep
};

impl Table {
    /// The shape of a word of `n` bytes. Bit 5 of a byte, the only one ASCII case changes,
    /// is left out; a word of another length may share the shape of one of 1 to
    /// [`LONGEST`] bytes, and [`Table::run`] tells them apart.
    #[inline(always)]
    fn shape(n: usize, first: u8, last: u8) -> usize {
        (n.wrapping_sub(1) % LONGEST) << 10
            | usize::from(first & 0x1f) << 5
            | usize::from(last & 0x1f)
    }

    /// The shape of the word at `text[start..end]`, a word of the text or not (then its
    /// first or last byte is the text's last, and [`Table::fits`] tells it apart). `at_end`
    /// is the index of the text's last byte.
    #[inline(always)]
    fn shape_at(text: &[u8], at_end: usize, start: usize, end: usize) -> usize {
        let n = end.wrapping_sub(start);
        let (first, last) = (
            text[start.min(at_end)],
            text[end.wrapping_sub(1).min(at_end)],
        );
        Self::shape(n, first, last) & (SHAPES - 1)
    }

    /// The classes of the word at `text[start..end]` (0 for anything but a word of the text).
    #[inline(always)]
    fn classes(&self, text: &[u8], start: usize, end: usize) -> u64 {
        let Some(at_end) = text.len().checked_sub(1) else {
            return 0;
        };
        match self.runs[Self::shape_at(text, at_end, start, end)] {
            run if run != 0 && Self::fits(text, start, end) => self.find(text, start, end, run),
            _ => 0,
        }
    }

    /// Whether the word at `text[start..end]` may be in a set: 1 to [`LONGEST`] bytes of
    /// the text, starting with an ASCII letter.
    #[inline(always)]
    fn fits(text: &[u8], start: usize, end: usize) -> bool {
        end.wrapping_sub(start).wrapping_sub(1) < LONGEST
            && end <= text.len()
            && text[start].is_ascii_alphabetic()
    }

    /// The classes of the word at `text[start..end]`, whose [`Table::run`] is `run`, and
    /// which [`Table::fits`].
    #[inline(always)]
    fn find(&self, text: &[u8], start: usize, end: usize, run: u16) -> u64 {
        let n = end - start;
        let keep = KEEP[n];
        // read the word in place when the text goes on long enough
        let word = match text.get(start..start + LONGEST) {
            Some(b) => {
                let (lo, hi) = b.split_at(8);
                [
                    u64::from_le_bytes(lo.try_into().expect("8 bytes")) & keep[0],
                    u64::from_le_bytes(hi.try_into().expect("8 bytes")) & keep[1],
                ]
            }
            None => match text.get(start..end) {
                Some(w) => pack(w),
                None => return 0,
            },
        };
        let word = [lower_ascii8(word[0]), lower_ascii8(word[1])];
        let from = usize::from(run >> 4);
        let to = from + usize::from(run & 15);
        // the words of one shape all have its length, so equal packs are equal words
        self.slots[from..to]
            .iter()
            .find(|s| s.word == word)
            .map_or(0, |s| s.classes)
    }
}

/// A word of up to [`LONGEST`] bytes, little-endian, padded with zeros.
fn pack(w: &[u8]) -> [u64; 2] {
    let w = &w[..w.len().min(LONGEST)];
    [le_padded(w), le_padded(w.get(8..).unwrap_or_default())]
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    // every word of every set, then each word once, with the bits of all the sets it is in
    // (sorted, not searched: this runs in every process, before its first document)
    let mut words: Vec<(usize, Slot)> = Vec::new();
    for (i, set) in SETS.iter().enumerate() {
        for w in set.words.iter().map(|w| w.as_bytes()) {
            assert!(
                (1..=LONGEST).contains(&w.len()) && w[0].is_ascii_alphabetic(),
                "set words are 1 to {LONGEST} bytes and start with a letter: {w:?}"
            );
            let p = pack(w);
            let slot = Slot {
                word: [lower_ascii8(p[0]), lower_ascii8(p[1])],
                classes: 1 << i,
            };
            words.push((Table::shape(w.len(), w[0], w[w.len() - 1]), slot));
        }
    }
    words.sort_unstable_by_key(|(shape, s)| (*shape, s.word));
    words.dedup_by(|(_, later), (_, kept)| {
        let same = later.word == kept.word;
        if same {
            kept.classes |= later.classes;
        }
        same
    });
    assert!(
        words.len() < RUN_STARTS,
        "fewer than {RUN_STARTS} words and slot 0"
    );
    // slot 0 holds no word, so that the run of a shape no word has points at no bits
    let slots: Vec<Slot> = std::iter::once(Slot {
        word: [0; 2],
        classes: 0,
    })
    .chain(words.iter().map(|(_, s)| *s))
    .collect();
    let mut runs = Box::new([0u16; SHAPES]);
    let mut masks = Box::new([NOT_LOOKED_UP; RUN_STARTS]);
    for (k, (shape, slot)) in (1..).zip(&words) {
        let run = &mut runs[*shape];
        if *run == 0 {
            *run = (k as u16) << 4;
        }
        assert!(
            usize::from(*run & 15) < MOST_PER_SHAPE,
            "at most {MOST_PER_SHAPE} words of a shape"
        );
        *run += 1;
        masks[usize::from(*run >> 4)] |= slot.classes;
    }
    Table {
        runs,
        masks,
        sentence_bits: SENTENCE_SETS.iter().fold(0, |bits, set| bits | set.bit()),
        slots,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    /// A token not looked up may be in every set its word is in, whatever its case.
    #[test]
    fn the_sets_a_shape_may_be_in_hold_those_of_its_words() {
        let t = &*TABLE;
        for set in SETS {
            for w in set.words {
                for w in [w.to_string(), w.to_ascii_uppercase()] {
                    let w = w.as_bytes();
                    let run = t.runs[Table::shape_at(w, w.len() - 1, 0, w.len())];
                    assert_ne!(t.masks[usize::from(run >> 4)] & set.bit(), 0, "{w:?}");
                }
            }
        }
        assert_eq!(t.masks[0], NOT_LOOKED_UP);
    }

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
