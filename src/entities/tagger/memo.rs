//! Scores remembered per word, so that most of a token's static features cost one lookup.
//!
//! Many static features read one word alone: the word itself, its shape, affixes and lexicon
//! classes (`word_features`), or the word and shape of the token just before or after
//! (`neighbour_features`). Their summed weights depend only on the word, and news repeats its
//! words, so each word's sums are worked out once per thread and reused: a token then costs
//! one lookup plus the rows of its other features, half as many rows as before, most of them
//! of features with few values whose rows stay in cache. Integer sums do not depend on the
//! order of their terms, so the scores are exactly those of summing every row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use super::TAGS;
use super::features::{PreHashed, TokenInfo};

/// Summed weights of one word: of its own word features, and of the features it gives the
/// token after it and the token before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sums {
    pub word: [i32; TAGS],
    pub before1: [i32; TAGS],
    pub after1: [i32; TAGS],
}

/// What the remembered sums depend on: the word as written (the case-sensitive hash), its
/// lower-cased hash and shape, and its lexicon classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key {
    exact: u64,
    lower: u64,
    shape: u64,
    classes: u32,
}

// The fields are hashes already: pass one through, mixed with the classes.
impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.exact ^ (self.classes as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    }
}

/// Words remembered per thread before the memo is emptied, which bounds its memory (about
/// 7 MB at this size) on an endless stream while holding a news stream's common vocabulary.
const CAPACITY: usize = 1 << 15;

/// One thread's remembered sums, for one weights table.
#[derive(Default)]
pub(crate) struct Memo {
    /// Tells weights tables apart (the address of their rows).
    table: usize,
    index: HashMap<Key, u32, BuildHasherDefault<PreHashed>>,
    sums: Vec<Sums>,
    /// Scratch space for the caller, kept to avoid allocating per sentence.
    pub ids: Vec<u32>,
    pub hashes: Vec<u64>,
    pub rows: Vec<u32>,
    pub next_rows: Vec<u32>,
}

impl Memo {
    /// Prepares for `words` more lookups with the table at `table`: the ids handed out until
    /// the next call stay valid.
    pub fn make_room(&mut self, table: usize, words: usize) {
        if self.table != table || self.sums.len() + words > CAPACITY {
            self.index.clear();
            self.sums.clear();
            self.table = table;
        }
    }

    /// The id of the sums of `t`'s word, worked out by `compute` if not yet known.
    pub fn id(&mut self, t: &TokenInfo, compute: impl FnOnce(&TokenInfo) -> Sums) -> u32 {
        let key = Key {
            exact: t.exact,
            lower: t.lower,
            shape: t.shape,
            classes: t.classes,
        };
        if let Some(&id) = self.index.get(&key) {
            return id;
        }
        let id = self.sums.len() as u32;
        self.sums.push(compute(t));
        self.index.insert(key, id);
        id
    }

    pub fn sums(&self, id: u32) -> &Sums {
        &self.sums[id as usize]
    }
}
