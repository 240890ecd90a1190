//! Feature extraction: every feature is a 64-bit hash of a template id and integer values,
//! reduced to a row of the weight table by its top bits.
//!
//! A document is read once into [`DocInfo`] (one [`TokenInfo`] per token: hashes of the word,
//! its lower-cased form, shape, affixes, and flags), so the per-token work of decoding is mixing
//! a few dozen integers: no strings are built on the hot path. Context windows stop at sentence
//! boundaries, where a fixed boundary value stands in for the missing word.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::sentences::Sentence;
use crate::tokenize::{Token, TokenKind};

/// Changes whenever a template is added, removed or altered; stored in the weights file so
/// weights trained for another feature set are refused instead of silently misread.
pub(crate) const FEATURE_VERSION: u32 = 1;

/// Token flags.
pub(crate) mod flag {
    /// Starts with an upper-case letter.
    pub const CAP: u32 = 1;
    /// Has letters and none of them is lower case.
    pub const ALL_CAPS: u32 = 1 << 1;
    pub const DIGIT: u32 = 1 << 2;
    pub const HYPHEN: u32 = 1 << 3;
    pub const PERIOD: u32 = 1 << 4;
    /// First token of its sentence.
    pub const SENT_FIRST: u32 = 1 << 5;
    /// On a line whose words are all in capitals (headlines, sports tables).
    pub const LINE_CAPS: u32 = 1 << 6;
    /// First token of its line.
    pub const LINE_FIRST: u32 = 1 << 7;
    /// The lower-cased word also occurs in lower case elsewhere in the document.
    pub const DOC_LOWER: u32 = 1 << 8;
    /// The word occurs capitalised in mid-sentence, on a line not in capitals, in the document.
    pub const DOC_CAP_MID: u32 = 1 << 9;
    /// Has a letter.
    pub const ALPHA: u32 = 1 << 10;
}

/// What the features of one token are made of.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenInfo {
    pub exact: u64,
    pub lower: u64,
    pub shape: u64,
    /// Lower-cased prefixes and suffixes of 1..=4 characters; 0 when the word is shorter.
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub flags: u32,
    /// Lexicon classes (bit flags), 0 when none.
    pub classes: u32,
    /// 0 for the first line of the document, 1 for the second, 2 after.
    pub line: u8,
    /// Character count, capped at 15.
    pub len: u8,
    /// The token's sentence as a token range.
    pub sent_start: u32,
    pub sent_end: u32,
}

/// A document read for tagging.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocInfo {
    pub tokens: Vec<TokenInfo>,
}

/// Keys here are hashes already: pass them through instead of hashing them again.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashedSet = HashSet<u64, BuildHasherDefault<PassThrough>>;
type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Stand-ins for words beyond the sentence's edges.
const BEFORE: u64 = 0x5bd1_e995_0000_0001;
const AFTER: u64 = 0x5bd1_e995_0000_0002;

/// FNV-1a over code points, a fine spread for short strings and trivially allocation-free.
#[inline]
fn hash_chars(chars: impl Iterator<Item = char>) -> u64 {
    chars.fold(FNV_START, fnv)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn fnv(h: u64, c: char) -> u64 {
    (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
}

/// A strong 64-bit mixer (splitmix64's finaliser).
#[inline]
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash of template `t` with value `v`.
#[inline]
pub(crate) fn feat(t: u64, v: u64) -> u64 {
    mix(v ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The hash of template `t` with two values.
#[inline]
pub(crate) fn feat2(t: u64, a: u64, b: u64) -> u64 {
    feat(t, mix(a) ^ b.rotate_left(23))
}

fn lower_char(c: char) -> char {
    // single-char lowering is enough for hashing; multi-char lowerings keep their first char
    c.to_lowercase().next().unwrap_or(c)
}

/// Shape with runs collapsed: "Washington" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d".
fn shape_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if s != last {
            h = (h ^ s as u64).wrapping_mul(0x0000_0100_0000_01b3);
            last = s;
        }
    }
    h
}

fn is_caps_word(t: &str) -> Option<bool> {
    let mut upper = 0;
    let mut lower = 0;
    for c in t.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    if upper + lower == 0 {
        None
    } else {
        Some(lower == 0)
    }
}

impl DocInfo {
    /// Reads a document. `classes` gives the lexicon classes of a token (0 for none).
    pub fn new(
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        classes: impl Fn(usize) -> u32,
    ) -> DocInfo {
        let mut infos = vec![TokenInfo::default(); tokens.len()];
        for s in sentences {
            for i in s.tokens.clone() {
                infos[i].sent_start = s.tokens.start as u32;
                infos[i].sent_end = s.tokens.end as u32;
            }
            if let Some(first) = infos.get_mut(s.tokens.start) {
                first.flags |= flag::SENT_FIRST;
            }
        }
        // lines: which are in capitals, and the line number of each token
        let mut line = 0u8;
        let mut line_start = 0;
        let mut lower_seen = HashedSet::default();
        for i in 0..=tokens.len() {
            let new_line = i == tokens.len() || (i > 0 && tokens[i].breaks_before > 0);
            if new_line && i > line_start {
                let (mut caps, mut mixed) = (0, 0);
                for tok in &tokens[line_start..i] {
                    if tok.kind == TokenKind::Word {
                        match is_caps_word(tok.text(text)) {
                            Some(true) if tok.end - tok.start > 1 => caps += 1,
                            Some(false) => mixed += 1,
                            _ => {}
                        }
                    }
                }
                let all_caps = caps > 0 && mixed == 0;
                for info in &mut infos[line_start..i] {
                    info.line = line;
                    if all_caps {
                        info.flags |= flag::LINE_CAPS;
                    }
                }
                infos[line_start].flags |= flag::LINE_FIRST;
                line = (line + 1).min(2);
                line_start = i;
            }
            if i == tokens.len() {
                break;
            }
            let t = tokens[i].text(text);
            let info = &mut infos[i];
            info.exact = hash_chars(t.chars());
            info.shape = shape_hash(t);
            info.classes = classes(i);
            // the lower-cased word and its prefixes in one pass; suffixes from the last four
            let mut h: u64 = FNV_START;
            let mut n = 0;
            let mut tail = ['\0'; 4];
            for c in t.chars().map(lower_char) {
                h = fnv(h, c);
                if n < 4 {
                    info.prefix[n] = h;
                }
                tail.rotate_left(1);
                tail[3] = c;
                n += 1;
            }
            info.lower = h;
            info.len = n.min(15) as u8;
            for k in 1..=n.min(4) {
                info.suffix[k - 1] = hash_chars(tail[4 - k..].iter().copied());
            }
            let first = t.chars().next().unwrap_or(' ');
            if first.is_uppercase() {
                info.flags |= flag::CAP;
            }
            if first.is_lowercase() {
                lower_seen.insert(info.lower);
            }
            if t.chars().any(char::is_alphabetic) {
                info.flags |= flag::ALPHA;
            }
            if is_caps_word(t) == Some(true) {
                info.flags |= flag::ALL_CAPS;
            }
            if t.chars().any(|c| c.is_ascii_digit()) {
                info.flags |= flag::DIGIT;
            }
            if t.len() > 1 && t.contains('-') {
                info.flags |= flag::HYPHEN;
            }
            if t.len() > 1 && t.contains('.') {
                info.flags |= flag::PERIOD;
            }
        }
        let mut cap_mid = HashedSet::default();
        for info in &infos {
            if info.flags & (flag::CAP | flag::SENT_FIRST | flag::LINE_CAPS | flag::ALL_CAPS)
                == flag::CAP
            {
                cap_mid.insert(info.lower);
            }
        }
        for info in &mut infos {
            if info.flags & flag::ALPHA != 0 && lower_seen.contains(&info.lower) {
                info.flags |= flag::DOC_LOWER;
            }
            if cap_mid.contains(&info.lower) {
                info.flags |= flag::DOC_CAP_MID;
            }
        }
        DocInfo { tokens: infos }
    }

    /// The features of token `i` that do not depend on earlier decisions, appended to `out`.
    pub fn static_features(&self, i: usize, out: &mut Vec<u64>) {
        let t = &self.tokens[i];
        let (s0, s1) = (t.sent_start as usize, t.sent_end as usize);
        let at = |d: isize| -> Option<&TokenInfo> {
            let j = i as isize + d;
            if j < s0 as isize || j >= s1 as isize {
                None
            } else {
                Some(&self.tokens[j as usize])
            }
        };
        let word = |d: isize| at(d).map_or(if d < 0 { BEFORE } else { AFTER }, |x| x.lower);
        let shape = |d: isize| at(d).map_or(if d < 0 { BEFORE } else { AFTER }, |x| x.shape);
        let (wm2, wm1, w0, wp1, wp2) = (word(-2), word(-1), t.lower, word(1), word(2));
        let (sm1, s0h, sp1) = (shape(-1), t.shape, shape(1));
        let case =
            (t.flags & (flag::CAP | flag::ALL_CAPS | flag::SENT_FIRST | flag::LINE_CAPS)) as u64;
        let doc = (t.flags & (flag::DOC_LOWER | flag::DOC_CAP_MID)) as u64;
        out.push(feat(0, 0));
        out.push(feat(1, w0));
        out.push(feat(2, t.exact));
        out.push(feat(3, wm1));
        out.push(feat(4, wp1));
        out.push(feat(5, wm2));
        out.push(feat(6, wp2));
        out.push(feat2(7, wm1, w0));
        out.push(feat2(8, w0, wp1));
        out.push(feat(9, s0h));
        out.push(feat(10, sm1));
        out.push(feat(11, sp1));
        out.push(feat2(12, sm1, s0h));
        out.push(feat2(13, s0h, sp1));
        out.push(feat2(14, mix(sm1) ^ s0h, sp1));
        for k in 0..4 {
            if t.prefix[k] != 0 {
                out.push(feat(15 + k as u64, t.prefix[k]));
                out.push(feat(19 + k as u64, t.suffix[k]));
            }
        }
        out.push(feat(23, case));
        out.push(feat2(24, case, doc));
        out.push(feat2(25, case, s0h));
        if t.flags & flag::LINE_CAPS != 0 {
            out.push(feat(26, w0));
            out.push(feat2(27, wm1, w0));
        }
        out.push(feat2(28, t.line as u64, s0h));
        out.push(feat2(
            29,
            t.line as u64 | (t.flags & flag::LINE_FIRST) as u64,
            sp1,
        ));
        out.push(feat2(30, t.len as u64, case));
        out.push(feat2(31, wm1, s0h));
        out.push(feat2(32, s0h, wp1));
        if t.classes != 0 {
            let mut c = t.classes;
            while c != 0 {
                let b = c.trailing_zeros() as u64;
                c &= c - 1;
                out.push(feat2(33, b, case & 1));
            }
            out.push(feat(34, t.classes as u64));
        }
        for (d, tpl) in [(-1isize, 35u64), (1, 36)] {
            if let Some(x) = at(d) {
                if x.classes != 0 {
                    out.push(feat(tpl, x.classes as u64));
                }
            }
        }
    }

    /// The features of token `i` that depend on the labels decided before it: the two previous
    /// labels in the sentence and what the same word was labelled earlier in the document.
    pub fn dynamic_features(&self, i: usize, p1: u8, p2: u8, history: u8, out: &mut Vec<u64>) {
        let t = &self.tokens[i];
        let (p1, p2) = (p1 as u64, p2 as u64);
        out.push(feat(40, p1));
        out.push(feat2(41, p1, p2));
        out.push(feat2(42, p1, t.lower));
        out.push(feat2(43, p1, t.shape));
        if history != NO_HISTORY {
            let case = (t.flags & (flag::CAP | flag::SENT_FIRST | flag::LINE_CAPS)) as u64;
            out.push(feat(44, history as u64));
            out.push(feat2(45, history as u64, case));
        }
    }
}

/// `history` when the word has not been labelled earlier in the document.
pub(crate) const NO_HISTORY: u8 = u8::MAX;

/// What each word was labelled the last time it occurred, for capitalised words.
#[derive(Default)]
pub(crate) struct History {
    last: HashedMap<u8>,
}

impl History {
    pub fn get(&self, info: &TokenInfo) -> u8 {
        if info.flags & flag::CAP == 0 {
            return NO_HISTORY;
        }
        self.last.get(&info.lower).copied().unwrap_or(NO_HISTORY)
    }

    /// Records the entity type (`class`, 0 for outside) given to a capitalised word.
    pub fn record(&mut self, info: &TokenInfo, class: u8) {
        if info.flags & flag::CAP != 0 {
            self.last.insert(info.lower, class);
        }
    }
}
