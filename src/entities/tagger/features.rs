//! Feature extraction: every feature is a 64-bit hash of a template id and integer values,
//! reduced to a row of the weight table by its top bits.
//!
//! A document is read once into [`DocInfo`] (one [`TokenInfo`] per token: hashes of the word,
//! its lower-cased form, shape, affixes, and flags), so the per-token work of decoding is mixing
//! a few dozen integers: no strings are built on the hot path. Context windows stop at sentence
//! boundaries, where a fixed boundary value stands in for the missing word.

use crate::hashing::FastMap;
pub(crate) use crate::hashing::mix;
use crate::hashing::mix_top;
use crate::lexicon::WordClass;
use crate::sentences::Sentence;
use crate::tokenize::{Token, TokenKind};

/// Changes whenever a template is added, removed or altered; stored in the weights file so
/// weights trained for another feature set are refused instead of silently misread.
pub(crate) const FEATURE_VERSION: u32 = 8;

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

/// What the features of one token are made of, but for its [`Spelling`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenInfo {
    pub lower: u64,
    pub shape: u64,
    /// `mix` of `lower` and of `shape`: the first halves of the pair features' hashes.
    pub lower_mix: u64,
    pub shape_mix: u64,
    pub flags: u32,
    /// Lexicon classes of the word (`WordClass` bit flags), 0 when none.
    pub classes: u32,
    /// 0 for the first line of the document, 1 for the second, 2 after.
    pub line: u8,
    /// Character count, capped at 15.
    pub len: u8,
    /// Certainly outside any entity: the tagger gives it `OUTSIDE` without scoring it (see
    /// [`DocInfo::with_words`]).
    pub outside: bool,
    /// The word's [`Word::plain`], [`Word::name_places`], [`Word::caps_vote`] and
    /// [`Word::starts_lower`], which reading the document reads to find the tokens outside,
    /// the lines in capitals and the words also in lower case.
    pub plain: bool,
    pub name_places: u8,
    pub caps_vote: i8,
    pub starts_lower: bool,
    /// The token's sentence as a token range.
    pub sent_start: u32,
    pub sent_end: u32,
    /// Place in a run of capitalised words: (words before, capped at 3) * 4 + (words after,
    /// capped at 3); `NO_RUN` for a word that is not capitalised.
    pub run: u8,
    /// The run of capitalised words the token is in, as a token range (empty when none).
    pub run_start: u32,
    pub run_end: u32,
}

const NO_RUN: u8 = 16;

/// What a group of features with few values reads of a token, by which the tagger remembers
/// their summed weights (`memo::SumsByKey`).
pub(crate) trait SumKey: Copy + Eq {
    /// A key no token has, which marks an empty slot.
    const NONE: Self;
    /// A hash whose top bits spread keys over a small table.
    fn spread(&self) -> u64;
}

/// Everything [`DocInfo::context_features`] read of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ContextKey {
    shape: u64,
    classes: u32,
    /// The flags of [`ContextKey::FLAGS`]; `u32::MAX` in no token's key.
    flags: u32,
    line: u8,
    len: u8,
    run: u8,
}

impl ContextKey {
    /// The flags the context features read.
    const FLAGS: u32 = flag::CAP
        | flag::ALL_CAPS
        | flag::SENT_FIRST
        | flag::LINE_CAPS
        | flag::DOC_LOWER
        | flag::DOC_CAP_MID;
}

impl SumKey for ContextKey {
    const NONE: ContextKey = ContextKey {
        shape: 0,
        classes: 0,
        flags: u32::MAX,
        line: 0,
        len: 0,
        run: 0,
    };

    fn spread(&self) -> u64 {
        let small = u64::from(self.flags)
            | u64::from(self.line) << 32
            | u64::from(self.len) << 40
            | u64::from(self.run) << 48;
        (self.shape ^ u64::from(self.classes).rotate_left(29) ^ mix(small))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// Everything [`DocInfo::shape_features`] read of a token: its shape and its neighbours'
/// (or the stand-ins past the sentence's edges), its line and whether it starts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShapeKey {
    before: u64,
    shape: u64,
    after: u64,
    /// `u32::MAX` in no token's key.
    line: u32,
}

impl SumKey for ShapeKey {
    const NONE: ShapeKey = ShapeKey {
        before: 0,
        shape: 0,
        after: 0,
        line: u32::MAX,
    };

    fn spread(&self) -> u64 {
        mix(self.before.rotate_left(17)
            ^ self.shape
            ^ self.after.rotate_left(41)
            ^ u64::from(self.line) << 56)
    }
}

impl TokenInfo {
    /// What [`DocInfo::context_features`] read of this token.
    pub(crate) fn context_key(&self) -> ContextKey {
        ContextKey {
            shape: self.shape,
            classes: self.classes,
            flags: self.flags & ContextKey::FLAGS,
            line: self.line,
            len: self.len,
            run: self.run,
        }
    }
}

/// A document read for tagging.
#[derive(Clone, Debug, Default)]
pub struct DocInfo {
    pub(crate) tokens: Vec<TokenInfo>,
    /// The spelling of each token, read only by the features of a word alone: kept when the
    /// document is read afresh (training, tests), empty when it is read through the tagger's
    /// memo, which has those features summed per word.
    pub(crate) spellings: Vec<Spelling>,
}

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

/// `mix` of every value below 256 (labels, case flags, line numbers, lengths, run places):
/// the first half of [`feat2`] when its first value is small.
const MIXED_SMALL: [u64; 256] = {
    let mut out = [0; 256];
    let mut v = 0;
    while v < out.len() {
        out[v] = mix(v as u64);
        v += 1;
    }
    out
};

/// `mix` of the stand-ins for words beyond the sentence's edges.
const BEFORE_MIX: u64 = mix(BEFORE);
const AFTER_MIX: u64 = mix(AFTER);

/// [`feat2`] of a first value whose `mix` is known.
#[inline]
fn feat2_mixed(t: u64, a_mix: u64, b: u64) -> u64 {
    feat(t, a_mix ^ b.rotate_left(23))
}

/// [`feat2`] of a first value below 256.
#[inline]
fn feat2_small(t: u64, a: u64, b: u64) -> u64 {
    feat2_mixed(t, MIXED_SMALL[a as usize & 255], b)
}

/// Most bits of a hash a row index is taken from (the table has at most 2^28 rows).
pub(crate) const ROW_BITS: u32 = 31;

/// [`feat`] of a feature whose hash is read only for its row, its top bits (at most
/// [`ROW_BITS`]): `mix`'s last step (`x ^ x >> 31`) leaves those bits as they are and is left
/// out, so the row is the same and the hash is cheaper. Only where every reader takes the row.
#[inline]
pub(crate) fn feat_row(t: u64, v: u64) -> u64 {
    mix_top(v ^ t.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// [`feat2_mixed`] of a feature read only for its row (see [`feat_row`]).
#[inline]
fn feat2_mixed_row(t: u64, a_mix: u64, b: u64) -> u64 {
    feat_row(t, a_mix ^ b.rotate_left(23))
}

/// [`feat2_small`] of a feature read only for its row (see [`feat_row`]).
#[inline]
fn feat2_small_row(t: u64, a: u64, b: u64) -> u64 {
    feat2_mixed_row(t, MIXED_SMALL[a as usize & 255], b)
}

fn lower_char(c: char) -> char {
    // single-char lowering is enough for hashing; multi-char lowerings keep their first char
    typographic(c).to_lowercase().next().unwrap_or(c)
}

/// Typographic quotes, apostrophes and dashes read as their typewriter forms: the training
/// text has only those, news copy mostly the others ("Japan\u{2019}s" is "Japan's").
#[inline]
fn typographic(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Shape with runs collapsed: "Washington" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d".
fn shape_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut last = '\0';
    for c in word.chars().map(typographic) {
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

/// How a word is spelled, read only by the features of the word alone (so the tagger's memo
/// sums those once per word and need not keep it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Spelling {
    /// The word as written (typographic quotes and dashes made plain).
    pub exact: u64,
    /// Lower-cased prefixes and suffixes of 1..=4 characters; 0 when the word is shorter.
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
}

/// What the tagger reads of a word by itself, the same wherever it stands but for its
/// [`Spelling`]: worked out once per word (see `tagger::memo`) and copied into each of its
/// tokens.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Word {
    pub lower: u64,
    pub shape: u64,
    /// `mix` of `lower` and of `shape`, worked out once per word.
    pub lower_mix: u64,
    pub shape_mix: u64,
    /// `CAP`, `ALL_CAPS`, `DIGIT`, `HYPHEN`, `PERIOD` and `ALPHA`.
    pub flags: u32,
    pub classes: u32,
    pub len: u8,
    /// Starts with a lower-case letter (evidence for `DOC_LOWER`).
    pub starts_lower: bool,
    /// How the word counts towards its line being in capitals: 1 a word in capitals of two
    /// bytes or more, -1 a word with a lower-case letter, 0 neither.
    pub caps_vote: i8,
    /// Has no letter other than lower-case ones: a lower-case word, a number or punctuation,
    /// which is inside a name only next to or between capitalised words.
    pub plain: bool,
    /// Where in a name the word may stand although plain ([`place`] bits, 0 nowhere): a
    /// number anywhere ("Apollo 11"), a word such as "of" or "&" inside, "de" first or
    /// inside, "'s" last (see [`NameWords`]).
    pub name_places: u8,
}

/// Places of a plain word in a name.
pub(crate) mod place {
    /// First, before the capitalised words ("de" of "de Gaulle").
    pub const FIRST: u8 = 1;
    /// Between capitalised words ("of" of "Bank of England").
    pub const INSIDE: u8 = 2;
    /// Last, after them ("'s" of "Lord 's").
    pub const LAST: u8 = 4;
    pub const ANY: u8 = FIRST | INSIDE | LAST;
}

/// What [`Word::of`] reads from a word's characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Letters {
    /// [`Spelling::exact`], [`Word::lower`] and [`Word::shape`].
    exact: u64,
    lower: u64,
    shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    /// How many characters.
    chars: usize,
    first_upper: bool,
    first_lower: bool,
    /// Has a letter that is not lower case: a capital, or a letter of a script without case.
    cased_or_caseless: bool,
    alpha: bool,
    /// Whether the word's cased letters are all capitals (`None` without cased letters).
    caps: Option<bool>,
    /// Has an ASCII digit; has a numeric character of any script.
    digit: bool,
    numeric: bool,
    hyphen: bool,
    period: bool,
}

impl Letters {
    /// Reads any word, a character at a time.
    pub(super) fn of_chars(t: &str) -> Letters {
        let mut l = Letters {
            exact: hash_chars(t.chars().map(typographic)),
            shape: shape_hash(t),
            ..Letters::default()
        };
        // the lower-cased word and its prefixes in one pass; suffixes from the last four
        let mut h: u64 = FNV_START;
        let mut n = 0;
        // the last four characters, as a ring
        let mut tail = ['\0'; 4];
        for c in t.chars().map(lower_char) {
            h = fnv(h, c);
            if n < 4 {
                l.prefix[n] = h;
            }
            tail[n % 4] = c;
            n += 1;
        }
        l.lower = h;
        l.chars = n;
        for k in 1..=n.min(4) {
            l.suffix[k - 1] = hash_chars((n - k..n).map(|j| tail[j % 4]));
        }
        let first = t.chars().next().unwrap_or(' ');
        l.first_upper = first.is_uppercase();
        l.first_lower = first.is_lowercase();
        l.cased_or_caseless = t.chars().any(|c| c.is_alphabetic() && !c.is_lowercase());
        l.alpha = t.chars().any(char::is_alphabetic);
        l.caps = is_caps_word(t);
        l.digit = t.chars().any(|c| c.is_ascii_digit());
        l.numeric = t.chars().any(char::is_numeric);
        l.hyphen = t.contains('-');
        l.period = t.contains('.');
        l
    }

    /// [`Letters::of_chars`] of an ASCII word, in one pass over its bytes: most words are.
    pub(super) fn of_ascii(t: &[u8]) -> Letters {
        let mut l = Letters {
            chars: t.len(),
            ..Letters::default()
        };
        let (mut exact, mut lower, mut shape) = (FNV_START, FNV_START, FNV_START);
        let (mut last_shape, mut upper, mut lowers) = (0u8, 0, 0);
        let (mut digit, mut other) = (false, false);
        let mut tail = [0u8; 4];
        for (k, &b) in t.iter().enumerate() {
            let c = if b == b'`' { b'\'' } else { b };
            exact = fnv(exact, char::from(c));
            let lc = c.to_ascii_lowercase();
            lower = fnv(lower, char::from(lc));
            if k < 4 {
                l.prefix[k] = lower;
            }
            tail[k % 4] = lc;
            let s = match c {
                b'A'..=b'Z' => {
                    upper += 1;
                    b'X'
                }
                b'a'..=b'z' => {
                    lowers += 1;
                    b'x'
                }
                b'0'..=b'9' => {
                    digit = true;
                    b'd'
                }
                _ => {
                    other = true;
                    c
                }
            };
            if s != last_shape {
                shape = fnv(shape, char::from(s));
                last_shape = s;
            }
        }
        let n = t.len();
        for k in 1..=n.min(4) {
            l.suffix[k - 1] = hash_chars((n - k..n).map(|j| char::from(tail[j % 4])));
        }
        (l.exact, l.lower, l.shape) = (exact, lower, shape);
        l.first_upper = t.first().is_some_and(u8::is_ascii_uppercase);
        l.first_lower = t.first().is_some_and(u8::is_ascii_lowercase);
        l.cased_or_caseless = upper > 0;
        l.alpha = upper + lowers > 0;
        l.caps = (upper + lowers > 0).then_some(lowers == 0);
        (l.digit, l.numeric) = (digit, digit);
        if other {
            l.hyphen = t.contains(&b'-');
            l.period = t.contains(&b'.');
        }
        l
    }
}

impl Word {
    /// Reads a token's text; its lexicon classes come from `classes` when given, and whether
    /// a plain word may be inside a name from `names` (any may, without it).
    pub fn of(
        t: &str,
        kind: TokenKind,
        classes: Option<&ClassTable>,
        names: Option<&NameWords>,
    ) -> (Word, Spelling) {
        let l = if t.is_ascii() {
            Letters::of_ascii(t.as_bytes())
        } else {
            Letters::of_chars(t)
        };
        let mut w = Word {
            shape: l.shape,
            lower: l.lower,
            lower_mix: mix(l.lower),
            shape_mix: mix(l.shape),
            len: l.chars.min(15) as u8,
            starts_lower: l.first_lower,
            plain: !l.cased_or_caseless,
            ..Word::default()
        };
        let spelling = Spelling {
            exact: l.exact,
            prefix: l.prefix,
            suffix: l.suffix,
        };
        if l.first_upper {
            w.flags |= flag::CAP;
        }
        if l.alpha {
            w.flags |= flag::ALPHA;
        }
        let caps = l.caps;
        if caps == Some(true) {
            w.flags |= flag::ALL_CAPS;
        }
        if l.digit {
            w.flags |= flag::DIGIT;
        }
        if t.len() > 1 && l.hyphen {
            w.flags |= flag::HYPHEN;
        }
        if t.len() > 1 && l.period {
            w.flags |= flag::PERIOD;
        }
        if kind == TokenKind::Word {
            w.caps_vote = match caps {
                Some(true) if t.len() > 1 => 1,
                Some(false) => -1,
                _ => 0,
            };
            if let Some(table) = classes {
                w.classes = table.get(w.lower, case_pattern(w.flags, w.len));
            }
        }
        w.name_places = if l.numeric || w.classes & WordClass::NAME_PARTICLE.0 != 0 {
            place::ANY
        } else {
            names.map_or(place::ANY, |n| n.places(w.lower))
        };
        (w, spelling)
    }
}

impl TokenInfo {
    /// A token of `word` with nothing known of its place.
    pub fn of_word(word: &Word) -> TokenInfo {
        TokenInfo {
            lower: word.lower,
            shape: word.shape,
            lower_mix: word.lower_mix,
            shape_mix: word.shape_mix,
            flags: word.flags,
            classes: word.classes,
            len: word.len,
            plain: word.plain,
            name_places: word.name_places,
            caps_vote: word.caps_vote,
            starts_lower: word.starts_lower,
            run: NO_RUN,
            ..TokenInfo::default()
        }
    }
}

/// Which tokens [`DocInfo::read_words`] marks with what the document does with their word
/// ([`flag::DOC_LOWER`], [`flag::DOC_CAP_MID`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Marked {
    /// Every token, as training reads them: its features of tokens decoding leaves unscored
    /// read the marks too.
    Every,
    /// Only the tokens that are not certainly outside: decoding reads no other's marks.
    Scored,
}

impl DocInfo {
    /// Reads a document; lexicon classes of words come from `classes` when given. (The
    /// tagger reads through its memo of words instead; training and tests read afresh.)
    #[cfg(any(test, feature = "train"))]
    pub fn new(
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        classes: Option<&ClassTable>,
        names: Option<&NameWords>,
    ) -> DocInfo {
        let mut spellings = Vec::with_capacity(tokens.len());
        let mut doc = DocInfo::with_words(text, tokens, sentences, |t, kind| {
            let (word, spelling) = Word::of(t, kind, classes, names);
            spellings.push(spelling);
            word
        });
        doc.spellings = spellings;
        doc
    }

    /// Reads a document, getting what each token's word is by itself from `word` (given the
    /// token's text and kind, once per token in order), which may remember words.
    #[cfg(any(test, feature = "train"))]
    pub(crate) fn with_words(
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        mut word: impl FnMut(&str, TokenKind) -> Word,
    ) -> DocInfo {
        let mut doc = DocInfo::default();
        let word = |i: usize| TokenInfo::of_word(&word(tokens[i].text(text), tokens[i].kind));
        doc.read_words(
            tokens,
            sentences,
            &mut Reading::default(),
            Marked::Every,
            word,
        );
        doc
    }

    /// [`DocInfo::with_words`] into this one, in the space it and `reading` already have,
    /// getting each token's word by the token's index (the tagger has them by index, and
    /// needs no token's text), as a token of it with nothing known of its place (the tagger
    /// remembers words so, and a token is then one copy: `word` may lend the remembered
    /// word instead of copying it out first).
    pub(crate) fn read_words<W: std::borrow::Borrow<TokenInfo>>(
        &mut self,
        tokens: &[Token],
        sentences: &[Sentence],
        reading: &mut Reading,
        marked: Marked,
        mut word: impl FnMut(usize) -> W,
    ) {
        let infos = &mut self.tokens;
        infos.clear();
        // exactly: a huge document's tokens would take up to twice their room, and three
        // times while growing
        infos.reserve_exact(tokens.len());
        self.spellings.clear();
        let Reading { seen } = reading;
        // what the document does with each lower-cased word
        seen.reset(tokens.len());
        infos.extend((0..tokens.len()).map(|i| {
            let word = word(i);
            let info = word.borrow();
            if info.starts_lower {
                seen.mark(info.lower, info.lower_mix, WordMarks::LOWER);
            }
            *info
        }));
        for s in sentences {
            for info in &mut infos[s.tokens.clone()] {
                info.sent_start = s.tokens.start as u32;
                info.sent_end = s.tokens.end as u32;
            }
            if let Some(first) = infos.get_mut(s.tokens.start) {
                first.flags |= flag::SENT_FIRST;
            }
        }
        mark_outside(infos);
        // lines: which are in capitals, and the line number of each token; then the words
        // capitalised in mid-sentence on a line not in capitals
        let mut line = 0u8;
        let mut line_start = 0;
        while line_start < tokens.len() {
            let mut end = line_start + 1;
            while end < tokens.len() && tokens[end].breaks_before == 0 {
                end += 1;
            }
            let on_line = &mut infos[line_start..end];
            // in capitals when a word is and none is against: most lines have one against early
            let all_caps = !on_line.iter().any(|info| info.caps_vote < 0)
                && on_line.iter().any(|info| info.caps_vote > 0);
            on_line[0].flags |= flag::LINE_FIRST;
            for info in on_line {
                info.line = line;
                if all_caps {
                    info.flags |= flag::LINE_CAPS;
                } else if info.flags & (flag::CAP | flag::SENT_FIRST | flag::ALL_CAPS) == flag::CAP
                {
                    seen.mark(info.lower, info.lower_mix, WordMarks::CAP_MID);
                }
            }
            line = (line + 1).min(2);
            line_start = end;
        }
        for info in infos
            .iter_mut()
            .filter(|info| marked == Marked::Every || !info.outside)
        {
            let marks = seen.get(info.lower, info.lower_mix);
            if info.flags & flag::ALPHA != 0 && marks & WordMarks::LOWER != 0 {
                info.flags |= flag::DOC_LOWER;
            }
            if marks & WordMarks::CAP_MID != 0 {
                info.flags |= flag::DOC_CAP_MID;
            }
        }
        // runs of capitalised words within a sentence (every token's word has `NO_RUN`)
        let capital =
            |t: &TokenInfo| t.flags & (flag::CAP | flag::ALPHA) == flag::CAP | flag::ALPHA;
        let mut i = 0;
        while i < infos.len() {
            if !capital(&infos[i]) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < infos.len() && j < infos[i].sent_end as usize && capital(&infos[j]) {
                j += 1;
            }
            for (k, info) in infos[i..j].iter_mut().enumerate() {
                info.run = (k.min(3) * 4 + (j - i - 1 - k).min(3)) as u8;
                info.run_start = i as u32;
                info.run_end = j as u32;
            }
            i = j;
        }
    }

    /// The features of token `i` that do not depend on earlier decisions, appended to `out`.
    ///
    /// At run time the tagger gets the same features in parts (`word_features`,
    /// `context_features`, `neighbour_features`, `pair_features`) so that per-word sums can be
    /// remembered; this list stays whole and in its order because training sums float weights
    /// in this order, and the committed weights are reproduced from it byte for byte. A test
    /// checks that the parts are exactly these features.
    pub fn static_features(&self, i: usize, out: &mut Vec<u64>) {
        let t = &self.tokens[i];
        let spelling = &self.spellings[i];
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
        out.push(feat(2, spelling.exact));
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
            if spelling.prefix[k] != 0 {
                out.push(feat(15 + k as u64, spelling.prefix[k]));
                out.push(feat(19 + k as u64, spelling.suffix[k]));
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
        out.push(feat2(46, t.run as u64, case));
        out.push(feat2(47, t.run as u64, wm1));
        out.push(feat2(48, wm1, wp1));
        self.run_features::<false>(t, out);
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
            if let Some(x) = at(d).filter(|x| x.classes != 0) {
                out.push(feat(tpl, x.classes as u64));
            }
        }
    }

    /// The part of [`DocInfo::static_features`] that reads only the word of token `t` (as
    /// written, lower-cased, its shape, affixes and lexicon classes): the same for every
    /// occurrence of the word, so its scores can be remembered per word (see `tagger::memo`).
    /// With [`DocInfo::context_features`], [`neighbour_features`] and
    /// [`DocInfo::pair_features`] it makes up the static features exactly.
    pub(crate) fn word_features(t: &TokenInfo, spelling: &Spelling, out: &mut impl Hashes) {
        out.push(feat(0, 0));
        out.push(feat(1, t.lower));
        out.push(feat(2, spelling.exact));
        out.push(feat(9, t.shape));
        for k in 0..4 {
            if spelling.prefix[k] != 0 {
                out.push(feat(15 + k as u64, spelling.prefix[k]));
                out.push(feat(19 + k as u64, spelling.suffix[k]));
            }
        }
        if t.classes != 0 {
            out.push(feat(34, t.classes as u64));
        }
    }

    /// The static features of token `t` that read its word's case, shape or classes together
    /// with where it stands (sentence start, line, run, what the document does with the word),
    /// and nothing else of it: the same for every token of one [`ContextKey`]. Their values
    /// are few, so the tagger remembers their sums per key.
    pub(crate) fn context_features(t: &TokenInfo, out: &mut Vec<u64>) {
        let s0h = t.shape;
        let case =
            (t.flags & (flag::CAP | flag::ALL_CAPS | flag::SENT_FIRST | flag::LINE_CAPS)) as u64;
        let doc = (t.flags & (flag::DOC_LOWER | flag::DOC_CAP_MID)) as u64;
        out.push(feat(23, case));
        out.push(feat2_small(24, case, doc));
        out.push(feat2_small(25, case, s0h));
        out.push(feat2_small(28, t.line as u64, s0h));
        out.push(feat2_small(30, t.len as u64, case));
        out.push(feat2_small(46, t.run as u64, case));
        let mut c = t.classes;
        while c != 0 {
            let b = c.trailing_zeros() as u64;
            c &= c - 1;
            out.push(feat2_small(33, b, case & 1));
        }
    }

    /// What [`DocInfo::shape_features`] read of token `i`.
    pub(crate) fn shape_key(&self, i: usize) -> ShapeKey {
        let t = &self.tokens[i];
        let (s0, s1) = (t.sent_start as usize, t.sent_end as usize);
        ShapeKey {
            before: if i > s0 {
                self.tokens[i - 1].shape
            } else {
                BEFORE
            },
            shape: t.shape,
            after: if i + 1 < s1 {
                self.tokens[i + 1].shape
            } else {
                AFTER
            },
            line: u32::from(t.line) | (t.flags & flag::LINE_FIRST),
        }
    }

    /// The static features of a token that read the shapes of it and its neighbours, and its
    /// line: made from its key alone, and with few values, so the tagger remembers their sums
    /// per key.
    pub(crate) fn shape_features(key: &ShapeKey, out: &mut Vec<u64>) {
        let (sm1m, s0hm) = (mix(key.before), mix(key.shape));
        let (s0h, sp1) = (key.shape, key.after);
        out.push(feat2_mixed(12, sm1m, s0h));
        out.push(feat2_mixed(13, s0hm, sp1));
        out.push(feat2(14, sm1m ^ s0h, sp1));
        out.push(feat2_small(29, u64::from(key.line), sp1));
    }

    /// The static features of token `i` that read two tokens together (or the token's run of
    /// capitalised words, or its word on a line in capitals): too many combinations to
    /// remember, so scored from the table each time. Their hashes are read only for their rows
    /// (see [`feat_row`]).
    pub(crate) fn pair_features(&self, i: usize, out: &mut impl Hashes) {
        let t = &self.tokens[i];
        let (s0, s1) = (t.sent_start as usize, t.sent_end as usize);
        // each value with its `mix`, which the memo has per word
        let (wm1, wm1m) = if i > s0 {
            let x = &self.tokens[i - 1];
            (x.lower, x.lower_mix)
        } else {
            (BEFORE, BEFORE_MIX)
        };
        let wp1 = if i + 1 < s1 {
            self.tokens[i + 1].lower
        } else {
            AFTER
        };
        let (w0, w0m, s0h, s0hm) = (t.lower, t.lower_mix, t.shape, t.shape_mix);
        out.push(feat2_mixed_row(7, wm1m, w0));
        out.push(feat2_mixed_row(8, w0m, wp1));
        if t.flags & flag::LINE_CAPS != 0 {
            out.push(feat_row(26, w0));
            out.push(feat2_mixed_row(27, wm1m, w0));
        }
        out.push(feat2_mixed_row(31, wm1m, s0h));
        out.push(feat2_mixed_row(32, s0hm, wp1));
        out.push(feat2_small_row(47, t.run as u64, wm1));
        out.push(feat2_mixed_row(48, wm1m, wp1));
        self.run_features::<true>(t, out);
    }

    /// The features of the run of capitalised words token `t` is in, if any: the words just
    /// before and after it, and its first and last words.
    fn run_features<const ROWS: bool>(&self, t: &TokenInfo, out: &mut impl Hashes) {
        if t.run == NO_RUN {
            return;
        }
        let (s0, s1) = (t.sent_start as usize, t.sent_end as usize);
        let (r0, r1) = (t.run_start as usize, t.run_end as usize);
        let before = if r0 > s0 {
            self.tokens[r0 - 1].lower_mix
        } else {
            BEFORE_MIX
        };
        let after = if r1 < s1 {
            self.tokens[r1].lower_mix
        } else {
            AFTER_MIX
        };
        let line_caps = (t.flags & flag::LINE_CAPS) as u64;
        let feat = if ROWS { feat2_mixed_row } else { feat2_mixed };
        out.push(feat(49, before, line_caps));
        out.push(feat(50, after, line_caps));
        out.push(feat(51, self.tokens[r1 - 1].lower_mix, line_caps));
        out.push(feat(52, self.tokens[r0].lower_mix, line_caps));
    }

    /// The features of token `i` that depend on the labels decided before it: the two previous
    /// labels in the sentence and what the same word was labelled earlier in the document.
    pub fn dynamic_features(&self, i: usize, p1: u8, p2: u8, history: u16, out: &mut Vec<u64>) {
        let t = &self.tokens[i];
        let (p1, p2) = (p1 as u64, p2 as u64);
        out.push(feat(40, p1));
        out.push(feat2(41, p1, p2));
        out.push(feat2(42, p1, t.lower));
        out.push(feat2(43, p1, t.shape));
        if history != NO_HISTORY {
            let case = (t.flags & (flag::CAP | flag::SENT_FIRST | flag::LINE_CAPS)) as u64;
            let (last, first, mixed) = (history & 0xf, history >> 4 & 0xf, history >> 8);
            out.push(feat(44, last as u64));
            out.push(feat2(45, last as u64, case));
            out.push(feat2(53, first as u64, mixed as u64));
            out.push(feat2(54, history as u64, p1));
        }
    }
}

impl DocInfo {
    /// The part of [`DocInfo::dynamic_features`] that reads the two previous labels alone:
    /// few enough combinations to sum once for all.
    pub(crate) fn transition_features(p1: u8, p2: u8, out: &mut Vec<u64>) {
        let (p1, p2) = (p1 as u64, p2 as u64);
        out.push(feat(40, p1));
        out.push(feat2(41, p1, p2));
    }

    /// The part of [`DocInfo::dynamic_features`] that reads the token's document history but
    /// not the previous labels: the same for every hypothesis of the beam.
    pub(crate) fn history_features(t: &TokenInfo, history: u16, out: &mut Vec<u64>) {
        if history != NO_HISTORY {
            let case = (t.flags & (flag::CAP | flag::SENT_FIRST | flag::LINE_CAPS)) as u64;
            let (last, first, mixed) = (history & 0xf, history >> 4 & 0xf, history >> 8);
            out.push(feat(44, last as u64));
            out.push(feat2(45, last as u64, case));
            out.push(feat2(53, first as u64, mixed as u64));
        }
    }

    /// [`DocInfo::label_features`] of a token without history, read only for their rows (see
    /// [`feat_row`]).
    pub(crate) fn label_features_outside(t: &TokenInfo, p1: u8, out: &mut [u64; 2]) {
        let (hashes, _) = DocInfo::label_hashes(t, p1, NO_HISTORY);
        *out = [hashes[0], hashes[1]];
    }

    #[cfg(test)]
    /// The rest of [`DocInfo::dynamic_features`]: the previous label with the token's word,
    /// shape and history.
    pub(crate) fn label_features(t: &TokenInfo, p1: u8, history: u16, out: &mut Vec<u64>) {
        let (hashes, n) = DocInfo::label_hashes(t, p1, history);
        out.extend_from_slice(&hashes[..n]);
    }

    /// [`DocInfo::label_features`] without a vector: the hashes and how many there are. The
    /// beam asks for them once or twice per hypothesis, so the labels' halves of the hashes
    /// come from a table, and the hashes are read only for their rows (see [`feat_row`]).
    #[inline]
    pub(crate) fn label_hashes(t: &TokenInfo, p1: u8, history: u16) -> ([u64; 3], usize) {
        let p1 = u64::from(p1);
        let mut out = [
            feat2_small_row(42, p1, t.lower),
            feat2_small_row(43, p1, t.shape),
            0,
        ];
        if history == NO_HISTORY {
            return (out, 2);
        }
        out[2] = feat2_mixed_row(54, mix(u64::from(history)), p1);
        (out, 3)
    }
}

/// Space for reading a document, kept between documents.
#[derive(Default)]
pub(crate) struct Reading {
    seen: WordMarks,
}

/// Values by the lower-cased words of one document, by their hashes: an open-addressed table
/// at most half full, where a general map would hash again what each token has hashed
/// already ([`TokenInfo::lower_mix`]) and probe in groups.
#[derive(Default)]
struct WordTable<V> {
    slots: Vec<WordSlot<V>>,
    /// Slots in use.
    used: usize,
    /// The stamp of the slots in use: a slot of another stamp is empty, so that emptying
    /// the table for the next document takes a new stamp instead of a store per slot.
    stamp: u32,
}

/// A word's hash, the stamp of the table when it was put in, and its value.
#[derive(Clone, Copy, Default)]
struct WordSlot<V> {
    word: u64,
    stamp: u32,
    value: V,
}

/// What a [`WordTable`] holds.
trait Value: Copy + PartialEq + Default {
    /// The value of a word not in the table, which no word is given.
    const EMPTY: Self;
}

impl Value for u8 {
    const EMPTY: u8 = 0;
}

impl Value for u16 {
    const EMPTY: u16 = NO_HISTORY;
}

/// Marks on the lower-cased words of one document; 0 for none.
type WordMarks = WordTable<u8>;

/// Slots a table starts with at most: room for the words of any article. A longer document
/// has far fewer distinct words than tokens, so its table grows as words are marked instead
/// of being sized by its tokens (which took 16 bytes per token).
const FIRST_MARKS: usize = 1 << 12;

/// Fewest slots a table has.
const LEAST_SLOTS: usize = 16;

impl WordMarks {
    /// The word occurs starting with a lower-case letter.
    const LOWER: u8 = 1;
    /// The word occurs capitalised in mid-sentence, on a line not in capitals.
    const CAP_MID: u8 = 2;

    #[inline(always)]
    fn mark(&mut self, word: u64, mixed: u64, mark: u8) {
        self.update(word, mixed, |marks| marks | mark);
    }
}

impl<V: Value> WordTable<V> {
    /// Empties the table, with room for `words` distinct words (up to [`FIRST_MARKS`] / 2),
    /// or for more when it has them already (up to [`FIRST_MARKS`] slots).
    fn reset(&mut self, words: usize) {
        let size = (2 * words)
            .next_power_of_two()
            .clamp(LEAST_SLOTS, FIRST_MARKS);
        let kept = self.slots.len();
        self.empty(if (size..=FIRST_MARKS).contains(&kept) {
            kept
        } else {
            size
        });
    }

    /// Empties the table, `size` slots long.
    fn empty(&mut self, size: usize) {
        self.used = 0;
        self.stamp = self.stamp.wrapping_add(1);
        if self.slots.len() == size && self.stamp != 0 {
            return;
        }
        // slots of stamp 0 are empty whatever the table's stamp, which is never 0
        self.stamp = self.stamp.max(1);
        if size > self.slots.capacity() {
            self.slots = vec![WordSlot::default(); size];
        } else {
            self.slots.clear();
            self.slots.resize(size, WordSlot::default());
        }
    }

    /// The slot of `word`, whose `mix` is `mixed`: FNV's low bits are weak, and the shared
    /// mixer spreads them (tokens have it already, see [`TokenInfo::lower_mix`]). The table
    /// must have slots.
    fn slot(&self, word: u64, mixed: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = mixed as usize & mask;
        while self.slots[at].stamp == self.stamp && self.slots[at].word != word {
            at = (at + 1) & mask;
        }
        at
    }

    /// Gives `word` the value `f` makes of its value ([`Value::EMPTY`] if it has none),
    /// which must not be empty.
    #[inline(always)]
    fn update(&mut self, word: u64, mixed: u64, f: impl FnOnce(V) -> V) {
        if self.slots.is_empty() {
            self.empty(LEAST_SLOTS);
        }
        let mut at = self.slot(word, mixed);
        let mut value = self.slots[at].value;
        if self.slots[at].stamp != self.stamp {
            if 2 * (self.used + 1) > self.slots.len() {
                self.grow();
                at = self.slot(word, mixed);
            }
            self.used += 1;
            value = V::EMPTY;
        }
        self.slots[at] = WordSlot {
            word,
            stamp: self.stamp,
            value: f(value),
        };
    }

    /// Doubles the table, keeping its values.
    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let stamp = self.stamp;
        self.empty(2 * old.len());
        for s in old.into_iter().filter(|s| s.stamp == stamp) {
            let at = self.slot(s.word, mix(s.word));
            self.slots[at] = WordSlot {
                stamp: self.stamp,
                ..s
            };
            self.used += 1;
        }
    }

    /// The value of `word` ([`Value::EMPTY`] for none).
    fn get(&self, word: u64, mixed: u64) -> V {
        if self.slots.is_empty() {
            return V::EMPTY;
        }
        let s = &self.slots[self.slot(word, mixed)];
        if s.stamp == self.stamp {
            s.value
        } else {
            V::EMPTY
        }
    }
}

/// The plain words (see [`Word::plain`]) that may be inside a name, and where in it: those
/// found in names in the training data, in the places they were found in ("of" and "&"
/// between capitalised words, "de" first or between, "'s" last), with the lexicon's name
/// particles and numbers added, anywhere, by [`Word::of`]. Any other plain word ("said",
/// "to", "was") is certainly outside, wherever it stands.
#[derive(Clone, Debug, Default)]
pub struct NameWords(FastMap<u64, u8>);

impl NameWords {
    /// The words of a list, one per line: the word, then after a tab the letters of its
    /// places (`F` first, `I` inside, `L` last), any place without them. Blank lines and
    /// `#` comments are skipped.
    pub fn from_lines(list: &str) -> NameWords {
        NameWords(
            list.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| {
                    let (word, places) = l.split_once('\t').unwrap_or((l, "FIL"));
                    let bits = places.chars().fold(0, |b, c| {
                        b | match c {
                            'F' => place::FIRST,
                            'I' => place::INSIDE,
                            'L' => place::LAST,
                            _ => 0,
                        }
                    });
                    (lower_hash(word), bits)
                })
                .collect(),
        )
    }

    /// The places in a name of the word whose lower-cased hash is `lower` ([`place`]
    /// bits), 0 when it is not on the list.
    pub fn places(&self, lower: u64) -> u8 {
        self.0.get(&lower).copied().unwrap_or(0)
    }
}

/// How far from a token a name can reach over lower-case words and punctuation.
const REACH: usize = 3;

/// Marks the tokens (by whether each is [`Word::plain`] and its [`Word::name_places`])
/// that are certainly outside any entity: plain tokens that cannot be inside a name, and
/// those that can but not where they stand: first only just before a token that is not
/// plain, last only just after one, inside only between two within [`REACH`]. Names hold
/// lower-case words only at their edges ("Lord 's", "de Gaulle") or between capitalised words
/// ("Bank of the Netherlands"); in news, more than two in five tokens are plain and far from
/// any, and the tagger gave such tokens a name's tag once in about five thousand on
/// CoNLL-2003 (a "U.S. - led" here and there).
fn mark_outside(infos: &mut [TokenInfo]) {
    // distance to the nearest token that is not plain on the left, capped, within the
    // sentence, counted in one pass; the one on the right is looked for only by the few
    // plain tokens that may be in a name, and only as far as `REACH`
    const FAR: u8 = u8::MAX;
    let mut left = FAR;
    for k in 0..infos.len() {
        let info = &infos[k];
        if k == 0 || info.sent_start as usize == k {
            left = FAR;
        }
        if !info.plain {
            infos[k].outside = false;
            left = 1;
            continue;
        }
        // most plain words may stand nowhere in a name
        let (l, places) = (left as usize, info.name_places);
        let may = |p: u8| places & p != 0;
        let right = || right_of(infos, k);
        let fits = places != 0
            && ((may(place::FIRST) && right() == 1)
                || (may(place::LAST) && l == 1)
                || (may(place::INSIDE) && l <= REACH && right() <= REACH));
        infos[k].outside = !fits;
        left = left.saturating_add(1);
    }
}

/// The distance from token `k` to the nearest token after it that is not plain, within its
/// sentence and [`REACH`]; `usize::MAX` when there is none.
fn right_of(infos: &[TokenInfo], k: usize) -> usize {
    let sentence = infos[k].sent_start;
    for (d, next) in infos[k + 1..].iter().take(REACH).enumerate() {
        if next.sent_start != sentence {
            break;
        }
        if !next.plain {
            return d + 1;
        }
    }
    usize::MAX
}

/// Where feature hashes are appended: a vector, or a [`FewHashes`].
pub(crate) trait Hashes {
    fn push(&mut self, h: u64);
}

impl Hashes for Vec<u64> {
    #[inline]
    fn push(&mut self, h: u64) {
        Vec::push(self, h);
    }
}

/// Room for the hashes of one token's features of two words and of the words two away
/// ([`DocInfo::pair_features`] and the [`neighbour_features`] of [`Offset::Before2`] and
/// [`Offset::After2`]), or of a word alone ([`DocInfo::word_features`]): at most 14, so in
/// an array, appended to without asking for room.
#[derive(Clone, Copy, Default)]
pub(crate) struct FewHashes {
    hashes: [u64; FewHashes::ROOM],
    len: usize,
}

impl FewHashes {
    const ROOM: usize = 16;

    pub fn clear(&mut self) {
        self.len = 0;
    }

    pub fn as_slice(&self) -> &[u64] {
        &self.hashes[..self.len]
    }
}

impl Hashes for FewHashes {
    #[inline]
    fn push(&mut self, h: u64) {
        // the features pushed are never more than the room (the mask spares a bounds check)
        debug_assert!(self.len < FewHashes::ROOM, "at most 14 hashes");
        self.hashes[self.len & (FewHashes::ROOM - 1)] = h;
        self.len += 1;
    }
}

/// Where a neighbour stands relative to the token whose features it is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Offset {
    Before2,
    Before1,
    After1,
    After2,
}

impl Offset {
    #[cfg(test)]
    pub const ALL: [Offset; 4] = [
        Offset::Before2,
        Offset::Before1,
        Offset::After1,
        Offset::After2,
    ];

    pub fn distance(self) -> isize {
        match self {
            Offset::Before2 => -2,
            Offset::Before1 => -1,
            Offset::After1 => 1,
            Offset::After2 => 2,
        }
    }
}

/// The static features a token gets from one neighbour alone, `x` standing at `offset` from
/// it (`None` past the sentence's edge). Like [`DocInfo::word_features`], these depend on one
/// word only, so their scores can be remembered per word.
pub(crate) fn neighbour_features(x: Option<&TokenInfo>, offset: Offset, out: &mut impl Hashes) {
    let edge = if offset.distance() < 0 { BEFORE } else { AFTER };
    let word = x.map_or(edge, |x| x.lower);
    let shape = x.map_or(edge, |x| x.shape);
    let classes = x.map_or(0, |x| x.classes);
    match offset {
        Offset::Before2 => out.push(feat(5, word)),
        Offset::After2 => out.push(feat(6, word)),
        Offset::Before1 => {
            out.push(feat(3, word));
            out.push(feat(10, shape));
            if classes != 0 {
                out.push(feat(35, classes as u64));
            }
        }
        Offset::After1 => {
            out.push(feat(4, word));
            out.push(feat(11, shape));
            if classes != 0 {
                out.push(feat(36, classes as u64));
            }
        }
    }
}

/// The hash of a word's lower-cased form, as [`TokenInfo::lower`] has it.
pub(crate) fn lower_hash(word: &str) -> u64 {
    hash_chars(word.chars().map(lower_char))
}

/// Which spelling of a word a token is: 0 lower case (or no letters), 1 capitalised, 2 in
/// capitals (two letters or more).
pub(crate) fn case_pattern(flags: u32, len: u8) -> usize {
    if flags & flag::ALL_CAPS != 0 && len > 1 {
        2
    } else if flags & flag::CAP != 0 {
        1
    } else {
        0
    }
}

/// A snapshot of the lexicon's word classes, keyed by the lower-cased word's hash, with one
/// class set per spelling (lower case, capitalised, capitals), since the lexicon's classes
/// depend on case ("us" is a pronoun, "US" a country). Taken when the weights are trained, so
/// the features seen at run time are the ones the weights were trained on even when the
/// lexicon grows later, and looked up in tens of nanoseconds.
///
/// Layout (little-endian): a 16-byte header (magic `NERCLS\0\2`, log2 of the slot count,
/// palette size), open-addressed slots of two `u32` (a fingerprint of the hash, 0 for an empty
/// slot, and an index into the palette), then the palette: the distinct triples of class sets,
/// three `u32` each.
pub struct ClassTable {
    slots: &'static [u8],
    palette: &'static [u8],
    bits: u32,
}

pub(crate) mod class_format {
    pub const MAGIC: &[u8; 8] = b"NERCLS\x00\x02";
    pub const HEADER: usize = 16;
    pub const SLOT: usize = 8;
    pub const TRIPLE: usize = 12;
}

/// The fingerprint stored for a hash: never 0, which marks an empty slot.
pub(crate) fn fingerprint(h: u64) -> u32 {
    (h as u32) | 1
}

impl ClassTable {
    pub fn from_bytes(bytes: &'static [u8]) -> Option<ClassTable> {
        if bytes.len() < class_format::HEADER || &bytes[..8] != class_format::MAGIC {
            return None;
        }
        let bits = u32::from_le_bytes(bytes[8..12].try_into().ok()?);
        let colours = u32::from_le_bytes(bytes[12..16].try_into().ok()?) as usize;
        let palette_at = class_format::HEADER + (class_format::SLOT << bits.min(28));
        if !(4..=24).contains(&bits) || bytes.len() != palette_at + colours * class_format::TRIPLE {
            return None;
        }
        // slots are not checked one by one (a pass over the table would cost start-up time);
        // a palette index out of range reads as no classes
        Some(ClassTable {
            slots: &bytes[class_format::HEADER..palette_at],
            palette: &bytes[palette_at..],
            bits,
        })
    }

    /// The classes of the word whose lower-cased hash is `lower`, spelled as `pattern` says.
    pub fn get(&self, lower: u64, pattern: usize) -> u32 {
        let mask = (1usize << self.bits) - 1;
        let fp = fingerprint(lower);
        let mut at = (lower >> (64 - self.bits)) as usize;
        for _ in 0..=mask {
            let slot = &self.slots[at * class_format::SLOT..(at + 1) * class_format::SLOT];
            let word =
                |k: usize| u32::from_le_bytes(slot[4 * k..4 * k + 4].try_into().expect("4 bytes"));
            match word(0) {
                0 => return 0,
                f if f == fp => {
                    let at = word(1) as usize * class_format::TRIPLE + 4 * pattern;
                    return self
                        .palette
                        .get(at..at + 4)
                        .map_or(0, |b| u32::from_le_bytes(b.try_into().expect("4 bytes")));
                }
                _ => at = (at + 1) & mask,
            }
        }
        0
    }
}

/// `history` when the word has not been labelled earlier in the document.
pub(crate) const NO_HISTORY: u16 = u16::MAX;

/// What each capitalised word was labelled earlier in the document: the entity class (0 for
/// outside) the first and the last time, and whether it got more than one.
#[derive(Default)]
pub(crate) struct History {
    seen: WordTable<u16>,
}

/// Slots a history keeps between documents at most: room for the capitalised words of an
/// article, emptied in a few stores.
const HISTORY_ROOM: usize = 256;

impl History {
    /// The history of a word: last class | first class << 4 | mixed << 8, or [`NO_HISTORY`].
    pub fn get(&self, info: &TokenInfo) -> u16 {
        if info.flags & flag::CAP == 0 {
            return NO_HISTORY;
        }
        self.seen.get(info.lower, info.lower_mix)
    }

    /// Forgets every word, keeping the space (up to [`HISTORY_ROOM`] slots).
    pub fn clear(&mut self) {
        let room = self.seen.slots.len().clamp(LEAST_SLOTS, HISTORY_ROOM);
        self.seen.empty(room);
    }

    /// Records the entity class (`class`, 0 for outside) given to a capitalised word.
    pub fn record(&mut self, info: &TokenInfo, class: u8) {
        if info.flags & flag::CAP != 0 {
            let class = class as u16;
            self.seen.update(info.lower, info.lower_mix, |h| {
                if h == NO_HISTORY {
                    class | class << 4
                } else {
                    let mixed = (h & 0xf != class) as u16;
                    (h & !0xf) | class | mixed << 8
                }
            });
        }
    }
}
