//! Words remembered per thread: what the tagger reads of a word by itself, and the summed
//! weights of the features that read that word alone.
//!
//! Reading a word (hashes of it lower-cased, its shape and affixes, its lexicon classes) and
//! summing the weights of the features that read one word (the word itself, its shape,
//! affixes and classes, or the word just before or after a token) cost the same for every
//! occurrence, and news repeats its words. So each word is read and summed once per thread and
//! looked up by its text afterwards: a token then costs one lookup plus the rows of its other
//! features, about half as many rows as before, most of them of features with few values
//! whose rows stay in cache. Integer sums do not depend on the order of their terms, so the
//! scores are exactly those of summing every row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::TAGS;
use super::features::{PreHashed, Word};
use crate::hashing::Fast;
use crate::tokenize::TokenKind;

/// Summed weights of one word: of its own word features, and of the features it gives the
/// token after it and the token before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Sums {
    pub word: [i32; TAGS],
    pub before1: [i32; TAGS],
    pub after1: [i32; TAGS],
}

/// One remembered word.
struct Entry {
    /// Where its text is in [`Memo::texts`].
    text: (u32, u32),
    kind: TokenKind,
    word: Word,
    sums: Sums,
}

/// Words remembered per thread before the memo is emptied, which bounds its memory (about
/// 10 MB at this size) on an endless stream while holding a news stream's common vocabulary.
const CAPACITY: usize = 1 << 15;

/// One thread's remembered words, for one weights table.
#[derive(Default)]
pub(crate) struct Memo {
    /// Tells weights tables apart (the address of their rows).
    table: usize,
    /// Entries by the hash of their text and kind.
    index: HashMap<u64, u32, BuildHasherDefault<PreHashed>>,
    entries: Vec<Entry>,
    texts: String,
}

/// The hash of a token's text and kind, from the process's seed (see `crate::hashing`).
fn key(text: &str, kind: TokenKind) -> u64 {
    let mut h = Fast::default();
    h.write(text.as_bytes());
    h.write_u8(kind as u8);
    h.finish()
}

impl Memo {
    /// Prepares for `words` more lookups with the table at `table`: the ids handed out until
    /// the next call stay valid.
    pub fn make_room(&mut self, table: usize, words: usize) {
        if self.table != table || self.entries.len() + words > CAPACITY {
            self.index.clear();
            self.entries.clear();
            self.texts.clear();
            self.table = table;
        }
    }

    /// The id of the word `text` (a token of `kind`), read and summed by `compute` if not yet
    /// known.
    pub fn id(
        &mut self,
        text: &str,
        kind: TokenKind,
        compute: impl FnOnce(&str, TokenKind) -> (Word, Sums),
    ) -> u32 {
        let h = key(text, kind);
        let known = self.index.get(&h).copied();
        if let Some(id) = known {
            let e = &self.entries[id as usize];
            let (at, len) = (e.text.0 as usize, e.text.1 as usize);
            if e.kind == kind && &self.texts[at..at + len] == text {
                return id;
            }
        }
        let (word, sums) = compute(text, kind);
        let id = self.entries.len() as u32;
        let at = self.texts.len() as u32;
        self.texts.push_str(text);
        self.entries.push(Entry {
            text: (at, text.len() as u32),
            kind,
            word,
            sums,
        });
        // two texts with one hash: the first keeps the slot, the second is not remembered
        // beyond this document
        if known.is_none() {
            self.index.insert(h, id);
        }
        id
    }

    pub fn word(&self, id: u32) -> &Word {
        &self.entries[id as usize].word
    }

    pub fn sums(&self, id: u32) -> &Sums {
        &self.entries[id as usize].sums
    }
}
