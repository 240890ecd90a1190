//! Tokenizer: text in, tokens with byte spans and a kind out.
//!
//! Word boundaries come from Unicode's UAX #29 (via `unicode-segmentation`); a second pass
//! then fits them to news copy: abbreviations and initials keep their period ("U.S.", "Mr.",
//! "J."), hyphenated compounds stay whole ("Indo-Pacific", "15-minute"), the possessive splits
//! off ("Japan" + "'s"), numbers keep their separators and a trailing percent sign, times stay
//! whole, and URLs and e-mail addresses are never cut. Quotation marks and dashes are tokens of
//! their own, since quote attribution and sentence splitting look for them.
//!
//! Spans are byte offsets into the text; code-point offsets are made only when printing.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is, coarsely; later stages branch on this rather than re-reading characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    /// A clock time such as "10:30".
    Time,
    Punctuation,
    /// Straight or typographic quotation marks, single or double.
    Quote,
    /// Em and en dashes, and a hyphen standing alone.
    Dash,
    Symbol,
    Url,
    Email,
}

/// One token: a byte span of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Line breaks in the white space before this token (`\r\n` counts once).
    pub breaks_before: u32,
    /// Whether white space (any) separates this token from the previous one.
    pub space_before: bool,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Words that take a period without ending a sentence (titles, months, corporate suffixes), and
/// the titles and place prefixes of lines in capitals ("ST. LOUIS" datelines), in ASCII order.
/// Single capital letters ("J.") and dotted acronyms ("U.S.") are caught by shape instead.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Aug", "Ave", "Blvd", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "DR",
    "Dec", "Dept", "Dr", "Drs", "Esq", "FT", "Feb", "Fig", "Fr", "Ft", "GEN", "GOV", "Gen", "Gov",
    "Hon", "Inc", "JR", "Jan", "Jr", "Jul", "Jun", "LT", "Lt", "Ltd", "MR", "MRS", "MT", "Maj",
    "Mar", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Mt", "No", "Nos", "Nov", "Oct", "Op", "Pfc", "Ph",
    "Plc", "Prof", "Pte", "Rd", "Rep", "Reps", "Rev", "SEN", "SGT", "SR", "ST", "STE", "Sen",
    "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Ste", "Supt", "Vol", "approx", "cf", "e.g", "etc",
    "i.e", "vs",
];

/// A bit for each byte that starts an entry of [`ABBREVIATIONS`], and the length of the
/// longest entry.
const ABBREVIATION_FIRSTS: (u128, usize) = {
    let (mut bits, mut longest) = (0u128, 0);
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        let entry = ABBREVIATIONS[i].as_bytes();
        bits |= 1 << entry[0];
        if entry.len() > longest {
            longest = entry.len();
        }
        i += 1;
    }
    (bits, longest)
};

static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<url>(?:https?://|ftp://|www\.)[^\s<>\x22\x27\u{201C}\u{201D}\u{2018}\u{2019}]+)
        | (?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
    )
    .expect("valid url regex")
});

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_in_blocks(text, BLOCK)
}

/// Bytes of text tokenized at a time. Every rule that joins segments (and every address)
/// stops at white space, so blocks cut where white space meets a character can be tokenized
/// one after the other: working memory beyond the tokens themselves stays small however long
/// the text (a 50 MB article without a line break used to need 15 bytes per byte of text).
const BLOCK: usize = 64 << 10;

fn tokenize_in_blocks(text: &str, block: usize) -> Vec<Token> {
    // news copy averages about five bytes per token, a fifth of it more: room for a token
    // every four bytes seldom grows
    let mut tokens = Vec::with_capacity(text.len() / 4 + 16);
    // segments waiting for `merge`: a whole block's on the general path, only the few that
    // may join on the ASCII path, so it is not allocated up front
    let mut raw = Vec::new();
    let bytes = text.as_bytes();
    let mut out = Tokens {
        text,
        tokens: &mut tokens,
        prev_end: 0,
    };
    let mut from = 0;
    while from < text.len() {
        let to = block_end(text, from, block);
        let mut at = from;
        while at < to {
            let (end, ascii) = stretch(bytes, at, to);
            tokenize_stretch(at, end, ascii, &mut raw, &mut out);
            at = end;
        }
        from = to;
    }
    tokens
}

/// Whether a block may be cut before byte `i`: ASCII white space followed by an ASCII
/// character that is not (see [`segment`]).
fn is_cut(bytes: &[u8], i: usize) -> bool {
    bytes[i - 1].is_ascii_whitespace() && bytes[i].is_ascii() && !bytes[i].is_ascii_whitespace()
}

/// The end of the stretch of `bytes[from..to]` starting at `from`, and whether it is ASCII.
/// Blocks are cut into stretches where they may be cut: ASCII stretches as long as they go, and
/// between them the pieces that hold a character beyond ASCII, so that a curly quotation mark
/// or a dash keeps the rest of the article off the general path.
fn stretch(bytes: &[u8], from: usize, to: usize) -> (usize, bool) {
    let Some(k) = first_non_ascii(&bytes[from..to]) else {
        return (to, true);
    };
    let k = from + k;
    if let Some(cut) = (from + 1..=k).rev().find(|&i| is_cut(bytes, i)) {
        return (cut, true);
    }
    let end = (k + 1..to).find(|&i| is_cut(bytes, i)).unwrap_or(to);
    (end, false)
}

/// Where the first byte beyond ASCII is, 16 bytes at a time: nearly all stretches are whole
/// blocks of ASCII.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(16);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let high = high_bits(chunk.try_into().expect("16 bytes"));
        if high != 0 {
            return Some(n * 16 + high.trailing_zeros() as usize);
        }
    }
    let rest = chunks.remainder();
    let tail = bytes.len() - rest.len();
    rest.iter().position(|&b| b >= 0x80).map(|k| tail + k)
}

/// A bit for each of 16 bytes that is beyond ASCII.
#[inline]
fn high_bits(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_loadu_si128, _mm_movemask_epi8};
        // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads the 16 bytes of `chunk`.
        unsafe { _mm_movemask_epi8(_mm_loadu_si128(chunk.as_ptr().cast())) as u32 }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        (0..16).fold(0, |bits, i| bits | u32::from(chunk[i] >> 7) << i)
    }
}

/// Tokens of the stretch `from..to`: on the ASCII path when it is ASCII and holds no
/// address, otherwise on the general path.
fn tokenize_stretch(
    from: usize,
    to: usize,
    ascii: bool,
    raw: &mut Vec<(usize, usize, TokenKind)>,
    out: &mut Tokens,
) {
    let text = out.text;
    let part = &text.as_bytes()[from..to];
    let may_link = may_hold_address(part);
    if ascii && !may_link {
        tokenize_ascii(from, to, raw, out);
    } else {
        raw.clear();
        raw.reserve(part.len() / 4 + 16);
        raw_tokens(text, from, to, may_link, true, raw);
        merge(text, raw, |start, end, kind| out.push(start, end, kind));
    }
}

/// The tokens made so far, and where the last one ended.
struct Tokens<'a> {
    text: &'a str,
    tokens: &'a mut Vec<Token>,
    prev_end: usize,
}

impl Tokens<'_> {
    /// Adds a token, with what the white space before it holds. Always inlined: a call costs
    /// as much as the work.
    #[inline(always)]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        let prev_end = self.prev_end;
        // the white space before the token; nearly always one space or nothing
        let gap = start - prev_end;
        let breaks_before = if gap == 0 || gap == 1 && self.text.as_bytes()[prev_end] == b' ' {
            0
        } else {
            crate::text::line_breaks(&self.text[prev_end..start]) as u32
        };
        self.tokens.push(Token {
            start,
            end,
            kind,
            breaks_before,
            space_before: prev_end != start || start == 0,
        });
        self.prev_end = end;
    }
}

/// [`raw_tokens`] and [`merge`] in one pass, for ASCII text without addresses. Every rule of
/// `merge` joins a segment only to one touched by `.` `:` `%` or `-`, looking on past a `-`
/// or `:` at most; so segments wait only from one of those up to the first segment that is
/// none of them and is touched by none of them. The rest, most, are passed on at once.
fn tokenize_ascii(
    from: usize,
    to: usize,
    waiting: &mut Vec<(usize, usize, TokenKind)>,
    out: &mut Tokens,
) {
    let text = out.text;
    let piece = &text.as_bytes()[from..to];
    let class = |b: u8| ASCII_CLASSES[usize::from(b)];
    waiting.clear();
    // the segments of `ascii_word_bounds`, found here so that the commonest, those that join
    // nothing, are passed on as soon as they are found
    let mut walk = Walk::new(piece);
    let mut i = 0;
    loop {
        let next = if waiting.is_empty() && out.prev_end == from + i {
            plain_tokens(from, &mut walk, i, out)
        } else {
            walk.next_start(i)
        };
        let Some(a) = next else { break };
        let first = class(piece[a]);
        let b = if first & WORD != 0 {
            let run = walk.run_end(a);
            walk.joined_end(run)
        } else {
            a + 1
        };
        // whether the segment may join the next (a segment starting with `-` or `:` is that
        // one byte)
        let after = piece.get(b).map_or(0, |&c| class(c));
        let may_join = (after & JOINS_NEXT) | (first & JOINS_ALONE);
        if may_join == 0
            && waiting.is_empty()
            && let Some(kind) = ascii_segment_kind(&piece[a..b])
        {
            out.push(from + a, from + b, kind);
        } else {
            ascii_segment(from, a, b, may_join != 0, waiting, out);
        }
        i = b;
    }
    merge(text, waiting, |start, end, kind| out.push(start, end, kind));
    waiting.clear();
}

/// The tokens of [`tokenize_ascii`] from byte `i` of the block from `from` (where the last
/// token ended, no segment waiting), for as long as each is one `merge` would pass on as it
/// is: a run of word bytes followed by white space or a mark that does not join it, such a
/// mark alone, or what [`joined_token`] takes. Returns the start of the segment it stopped
/// at, if any.
///
/// These are nearly all the tokens of news copy, and each is found in `walk`'s masks and
/// written straight into the space kept for tokens: a loop of its own, which keeps what it
/// needs in registers.
#[inline(never)]
fn plain_tokens(from: usize, walk: &mut Walk, mut i: usize, out: &mut Tokens) -> Option<usize> {
    let class = |b: u8| ASCII_CLASSES[usize::from(b)];
    let (text, piece) = (out.text, walk.piece);
    // where the last token ended
    let mut prev = i;
    let stop = loop {
        if i >= piece.len() {
            break None;
        }
        walk.reach(i);
        let (base, m) = (walk.base, walk.masks);
        // tokens are written into the room kept for them; when it runs out, the token is left
        // to the caller, which makes more
        let len = out.tokens.len();
        let spare = out.tokens.spare_capacity_mut();
        let mut k = 0;
        // whether the window is to start at `i`, the start of a run that goes past it
        let mut rebase = false;
        let stop = loop {
            let at = i - base;
            if at >= 64 {
                break None;
            }
            let ahead = !m.skip & (u64::MAX << at);
            if ahead == 0 {
                i = base + 64;
                break None;
            }
            let ka = ahead.trailing_zeros() as usize;
            let a = base + ka;
            let (b, kind);
            if m.word >> ka & 1 != 0 {
                let ends = !m.word & (u64::MAX << ka);
                if ends == 0 {
                    // the run goes on past the window: the window is moved to start with it
                    // (which a run of 64 bytes and more still fills)
                    if ka == 0 {
                        break Some(a);
                    }
                    (i, rebase) = (a, true);
                    break None;
                }
                let kb = ends.trailing_zeros() as usize;
                // a mark touching the run, `.` `:` `%` `-` or one that joins letters, or `,`
                // `;` after a digit, may join it or be joined
                let touched = m.skip >> kb & 1 == 0 && {
                    let after = class(piece[base + kb]);
                    after & (JOINS_LETTERS | JOINS_NEXT) != 0
                        || after & JOINS_DIGITS != 0 && class(piece[base + kb - 1]) & DIGIT != 0
                };
                if touched {
                    let Some(whole) = joined_token(text, from, piece, base, m, a, kb) else {
                        break Some(a);
                    };
                    (b, kind) = whole;
                } else {
                    b = base + kb;
                    // (a run holds no apostrophe, so no possessive)
                    kind = if class(piece[a]) & DIGIT != 0
                        && !piece[a..b].iter().any(u8::is_ascii_alphabetic)
                    {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    };
                }
            } else {
                let c = piece[a];
                if class(c) & JOINS_ALONE != 0
                    || piece
                        .get(a + 1)
                        .is_some_and(|&d| class(d) & JOINS_NEXT != 0)
                {
                    break Some(a);
                }
                b = a + 1;
                kind = ASCII_KINDS[usize::from(c)];
            }
            // the white space before the token; nearly always one space or nothing
            let gap = a - prev;
            let breaks_before = if gap == 0 || gap == 1 && piece[a - 1] == b' ' {
                0
            } else {
                crate::text::line_breaks(&text[from + prev..from + a]) as u32
            };
            let Some(slot) = spare.get_mut(k) else {
                break Some(a);
            };
            slot.write(Token {
                start: from + a,
                end: from + b,
                kind,
                breaks_before,
                space_before: gap != 0 || from + a == 0,
            });
            k += 1;
            (prev, i) = (b, b);
        };
        // SAFETY: the first `k` tokens of the spare capacity were written just now.
        unsafe { out.tokens.set_len(len + k) };
        if stop.is_some() {
            break stop;
        }
        if rebase {
            walk.base = i;
            walk.classify();
        }
    };
    if prev != out.prev_end - from {
        out.prev_end = from + prev;
    }
    stop
}

/// The end and kind of the token starting with the run of word bytes at `a`, which ends at
/// bit `kb` of window `m` from `base` and is touched by a mark, when all of it is in the
/// window and it takes no more than joining: a segment whose runs are joined by a joiner
/// between two letters or two digits ("U.S", "1,000.5"), or a hyphenated compound of such
/// ("Indo-Pacific", "1996-08-30"), followed by what joins nothing or by a full stop that
/// ends a sentence. `None` for anything else, left to `merge`.
#[inline(never)]
fn joined_token(
    text: &str,
    from: usize,
    piece: &[u8],
    base: usize,
    m: Masks,
    a: usize,
    kb: usize,
) -> Option<(usize, TokenKind)> {
    let class = |b: u8| ASCII_CLASSES[usize::from(b)];
    // the run of word bytes from bit `k`, which must end in the window
    let run_end = |k: usize| {
        let ends = !m.word & (u64::MAX << k);
        (ends != 0).then(|| ends.trailing_zeros() as usize)
    };
    let (mut part, mut ke) = (a, kb);
    let (mut all_numbers, mut hyphenated) = (true, false);
    loop {
        // the segment from `part`: runs joined as `ascii_word_bounds` joins them
        let mut joined = false;
        while m.skip >> ke & 1 == 0 {
            if ke >= 63 {
                return None;
            }
            let joins = (class(piece[base + ke]) >> 3) & (LETTER | DIGIT);
            let next = piece.get(base + ke + 1).map_or(0, |&c| class(c));
            if joins & class(piece[base + ke - 1]) & next == 0 {
                break;
            }
            ke = run_end(ke + 1)?;
            joined = true;
        }
        // (`None`, a possessive, is two tokens)
        let kind = ascii_segment_kind(&piece[part..base + ke])?;
        all_numbers &= kind == TokenKind::Number;
        // a hyphen touching another segment of word bytes goes on to it
        if m.skip >> ke & 1 == 0
            && piece[base + ke] == b'-'
            && ke < 63
            && m.word >> (ke + 1) & 1 != 0
        {
            part = base + ke + 1;
            ke = run_end(ke + 1)?;
            hyphenated = true;
            continue;
        }
        let b = base + ke;
        if m.skip >> ke & 1 == 0 && class(piece[b]) & JOINS_NEXT != 0 {
            // only a full stop followed by white space, after a last part that does not keep
            // it, joins nothing
            let last = &piece[part..b];
            let keeps = if joined {
                is_abbreviation(&text[from + part..from + b])
            } else {
                run_keeps_period(last)
            };
            if piece[b] != b'.'
                || piece.get(b + 1).is_some_and(|&c| class(c) & SKIPPED == 0)
                || keeps
            {
                return None;
            }
        }
        let kind = match (hyphenated, all_numbers) {
            (false, _) => kind,
            (true, true) => TokenKind::Number,
            (true, false) => TokenKind::Word,
        };
        return Some((b, kind));
    }
}

/// What [`tokenize_ascii`] does with the segment `a..b` of the block from `from`, but for its
/// commonest case: a segment that joins nothing is passed on.
#[inline(always)]
fn ascii_segment(
    from: usize,
    a: usize,
    b: usize,
    may_join: bool,
    waiting: &mut Vec<(usize, usize, TokenKind)>,
    out: &mut Tokens,
) {
    let text = out.text;
    let piece = &text.as_bytes()[from..];
    let seg = &piece[a..b];
    if waiting.is_empty()
        && let Some(kind) = ascii_segment_kind(seg)
    {
        // a word or number before a full stop that joins nothing after it (a sentence's
        // end, mostly) is what `merge` makes of the two unless the word keeps the period
        let ends_sentence = || {
            matches!(kind, TokenKind::Word | TokenKind::Number)
                && piece.get(b) == Some(&b'.')
                && !matches!(piece.get(b + 1), Some(b'.' | b':' | b'%' | b'-'))
                && !(kind == TokenKind::Word && is_abbreviation(&text[from + a..from + b]))
        };
        if !may_join || ends_sentence() {
            out.push(from + a, from + b, kind);
            return;
        }
    }
    push_ascii_segment(from + a, seg, waiting);
    if !may_join {
        merge(text, waiting, |start, end, kind| out.push(start, end, kind));
        waiting.clear();
    }
}

/// Where the block starting at `from` ends: the first place at least `block` bytes on where
/// ASCII white space is followed by an ASCII character that is not (see [`segment`]); the end
/// of the text if there is none.
fn block_end(text: &str, from: usize, block: usize) -> usize {
    let bytes = text.as_bytes();
    let start = from.saturating_add(block.max(1));
    (start..bytes.len())
        .find(|&i| is_cut(bytes, i))
        .unwrap_or(bytes.len())
}

/// Addresses and UAX #29 segments of `text[from..to]`, before [`merge`].
/// `may_link` is [`may_hold_address`] of that range; `stand_in` is whether pieces may take
/// [`stand_in_segments`] (tests turn it off to compare with `unicode-segmentation` alone).
fn raw_tokens(
    text: &str,
    from: usize,
    to: usize,
    may_link: bool,
    stand_in: bool,
    raw: &mut Vec<(usize, usize, TokenKind)>,
) {
    let part = &text[from..to];
    let mut pos = from;
    for m in may_link
        .then(|| URL_OR_EMAIL.captures_iter(part))
        .into_iter()
        .flatten()
    {
        let whole = m.get(0).expect("group 0");
        let (start, mut end) = (from + whole.start(), from + whole.end());
        let kind = if m.name("url").is_some() {
            // a sentence's own full stop or comma is not part of the address
            while end > start
                && matches!(
                    text.as_bytes()[end - 1],
                    b'.' | b',' | b')' | b';' | b':' | b'!' | b'?'
                )
            {
                end -= 1;
            }
            TokenKind::Url
        } else {
            TokenKind::Email
        };
        segment(text, pos, start, stand_in, raw);
        raw.push((start, end, kind));
        pos = end;
    }
    segment(text, pos, to, stand_in, raw);
}

/// UAX #29 segments of `text[from..to]`, white space dropped, each with a first-guess kind.
///
/// The range is cut into pieces wherever ASCII white space meets an ASCII character that is
/// not white space: UAX #29 always breaks there, so each piece can be segmented on its own.
/// Pieces of pure ASCII (here, those of stretches that hold an address) go through
/// [`ascii_word_bounds`], which applies the same rules without the Unicode tables; the rest go
/// through [`stand_in_segments`] when they can, otherwise (or when `stand_in` is false)
/// through `unicode-segmentation`.
fn segment(
    text: &str,
    from: usize,
    to: usize,
    stand_in: bool,
    out: &mut Vec<(usize, usize, TokenKind)>,
) {
    if from >= to {
        return;
    }
    let bytes = text.as_bytes();
    // a range of pure ASCII is one piece: the pieces' cuts fall after white space, which
    // `ascii_word_bounds` never joins across anyway
    if bytes[from..to].is_ascii() {
        segment_piece(text, from, to, Path::Ascii, out);
        return;
    }
    let other = if stand_in { Path::StandIn } else { Path::Uax };
    let mut piece = from;
    let mut ascii = true;
    for i in from..to {
        let b = bytes[i];
        if b >= 0x80 {
            ascii = false;
        } else if i > piece && !b.is_ascii_whitespace() && bytes[i - 1].is_ascii_whitespace() {
            segment_piece(text, piece, i, if ascii { Path::Ascii } else { other }, out);
            piece = i;
            ascii = true;
        }
    }
    segment_piece(
        text,
        piece,
        to,
        if ascii { Path::Ascii } else { other },
        out,
    );
}

/// How a piece of [`segment`] is segmented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// Pure ASCII: [`ascii_word_bounds`].
    Ascii,
    /// [`stand_in_segments`] if it can, else `unicode-segmentation`.
    StandIn,
    /// `unicode-segmentation`.
    Uax,
}

fn segment_piece(
    text: &str,
    from: usize,
    to: usize,
    path: Path,
    out: &mut Vec<(usize, usize, TokenKind)>,
) {
    match path {
        Path::Ascii => {
            let bytes = text.as_bytes();
            ascii_word_bounds(&bytes[from..to], |a, b| {
                push_ascii_segment(from + a, &bytes[from + a..from + b], out)
            });
        }
        Path::StandIn if stand_in_segments(text, from, to, out) => {}
        Path::StandIn | Path::Uax => {
            for (i, seg) in text[from..to].split_word_bound_indices() {
                push_segment(from + i, seg, out);
            }
        }
    }
}

/// Longest piece, in bytes, that [`stand_in_segments`] takes: pieces are mostly a word and
/// the marks around it, and the copy stays on the stack.
const STAND_IN_ROOM: usize = 64;

/// UAX #29 segments of the piece `text[from..to]` when every character beyond ASCII in it
/// has an [`ascii_stand_in`]: they are those of the ASCII copy with each such character
/// replaced by its stand-in, which [`ascii_word_bounds`] finds without the Unicode tables.
/// Nearly all pieces of news copy beyond ASCII are a word with a curly quotation mark,
/// apostrophe or dash attached ("\u{201C}We", "Japan\u{2019}s", "Paris\u{2014}the") or a
/// name in Latin letters. Returns false, having pushed nothing, for any other piece.
fn stand_in_segments(
    text: &str,
    from: usize,
    to: usize,
    out: &mut Vec<(usize, usize, TokenKind)>,
) -> bool {
    let piece = &text[from..to];
    if piece.len() > STAND_IN_ROOM {
        return false;
    }
    let mut copy = [0u8; STAND_IN_ROOM];
    // where each byte of the copy starts in the piece, and the piece's end after the last
    let mut at = [0u8; STAND_IN_ROOM + 1];
    let mut n = 0;
    for (i, c) in piece.char_indices() {
        let Some(b) = ascii_stand_in(c) else {
            return false;
        };
        copy[n] = b;
        at[n] = i as u8;
        n += 1;
    }
    at[n] = piece.len() as u8;
    ascii_word_bounds(&copy[..n], |a, b| {
        let (a, b) = (usize::from(at[a]), usize::from(at[b]));
        push_segment(from + a, &piece[a..b], out);
    });
    true
}

/// An ASCII character with the UAX #29 Word_Break property of `c` (and which, like `c`, is
/// neither white space nor a control character unless `c` is ASCII), for the characters of
/// news copy that have one. Checked against `unicode-segmentation` by the tests below.
#[inline]
fn ascii_stand_in(c: char) -> Option<u8> {
    match c {
        c if c.is_ascii() => Some(c as u8),
        // ALetter, as "a": the letters of Latin-1 and Latin Extended-A
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{17F}' => Some(b'a'),
        // MidNumLet, as ".": curly apostrophes, which join letters ("don\u{2019}t") as "." does
        '\u{2018}' | '\u{2019}' => Some(b'.'),
        // no Word_Break property, as "(": curly quotation marks, dashes, the ellipsis
        '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{2026}' => Some(b'('),
        _ => None,
    }
}

/// Whether `part` holds "://", "www." or "@", without which [`URL_OR_EMAIL`] cannot match:
/// the regex has no literal to skip ahead by, so text that cannot hold a match skips it. Only
/// the bytes `:` `.` `@` are looked at closer, found 32 at a time.
fn may_hold_address(part: &[u8]) -> bool {
    let at = |i: usize| match part[i] {
        b'@' => true,
        b':' => part[i + 1..].starts_with(b"//"),
        b'.' => part[..i].ends_with(b"www"),
        _ => false,
    };
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    while let Some(chunk) = part.get(i..i + 32) {
        let (lo, hi) = chunk.split_at(16);
        let mut marks = address_marks(lo.try_into().expect("16 bytes"))
            | address_marks(hi.try_into().expect("16 bytes")) << 16;
        while marks != 0 {
            if at(i + marks.trailing_zeros() as usize) {
                return true;
            }
            marks &= marks - 1;
        }
        i += 32;
    }
    (i..part.len()).any(at)
}

/// A bit for each of 16 bytes that is `:`, `.` or `@`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn address_marks(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads the 16 bytes of `chunk`.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let marks = _mm_or_si128(_mm_or_si128(is(b':'), is(b'.')), is(b'@'));
        _mm_movemask_epi8(marks) as u32
    }
}

/// Adds one segment starting at byte `start`, unless it is white space or control characters.
fn push_segment(start: usize, seg: &str, out: &mut Vec<(usize, usize, TokenKind)>) {
    let first = seg.chars().next().expect("segments are not empty");
    if first.is_whitespace()
        || first == '\u{FEFF}'
        || first.is_control() && seg.chars().all(char::is_control)
    {
        return;
    }
    // "Japan's" -> "Japan" + "'s"; "O'Brien" and "don't" stay whole. A segment of a single
    // character (a curly quotation mark or a dash, mostly) has none: its length, tested
    // first, spares it the Unicode tables' slow look-up
    if seg.len() > first.len_utf8().max(2)
        && first.is_alphanumeric()
        && let Some(cut) = possessive_cut(seg)
    {
        out.push((start, start + cut, TokenKind::Word));
        out.push((start + cut, start + seg.len(), TokenKind::Word));
        return;
    }
    out.push((start, start + seg.len(), kind_of(seg, first)));
}

/// [`push_segment`] for a segment of [`ascii_word_bounds`], which holds no white space or
/// control characters; the same decisions, made on bytes.
fn push_ascii_segment(start: usize, seg: &[u8], out: &mut Vec<(usize, usize, TokenKind)>) {
    let end = start + seg.len();
    match ascii_segment_kind(seg) {
        Some(kind) => out.push((start, end, kind)),
        None => {
            out.push((start, end - 2, TokenKind::Word));
            out.push((end - 2, end, TokenKind::Word));
        }
    }
}

/// The kind of a segment of [`ascii_word_bounds`], or `None` for a word that ends in a
/// possessive "'s", which is two tokens: "Japan's" -> "Japan" + "'s" ("O'Brien" and "don't"
/// stay whole).
#[inline]
fn ascii_segment_kind(seg: &[u8]) -> Option<TokenKind> {
    let first = seg[0];
    let n = seg.len();
    let class = ASCII_CLASSES[usize::from(first)];
    if class & WORD == 0 {
        return Some(ASCII_KINDS[usize::from(first)]);
    }
    // tested without a branch first: words end in "s" too often to guess
    let possessive = (n > 2) & (seg[n - 1] | 0x20 == b's') & (seg[n.saturating_sub(2)] == b'\'');
    if possessive && first != b'_' && !seg[..n - 2].contains(&b'\'') {
        None
    } else if class & DIGIT != 0 && !seg.iter().any(u8::is_ascii_alphabetic) {
        Some(TokenKind::Number)
    } else {
        Some(TokenKind::Word)
    }
}

/// [`ascii_kind`] of every byte, looked up.
static ASCII_KINDS: [TokenKind; 256] = {
    let mut t = [TokenKind::Symbol; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = ascii_kind(b as u8);
        b += 1;
    }
    t
};

/// [`kind_of`] for a lone ASCII character that is neither a letter, a digit nor `_`.
const fn ascii_kind(b: u8) -> TokenKind {
    match b {
        b'"' | b'\'' | b'`' => TokenKind::Quote,
        b'-' => TokenKind::Dash,
        b'$' | b'%' | b'&' | b'+' | b'<' | b'=' | b'>' | b'^' | b'|' | b'~' | b'#' | b'@'
        | b'*' => TokenKind::Symbol,
        b if b.is_ascii_punctuation() => TokenKind::Punctuation,
        _ => TokenKind::Symbol,
    }
}

/// UAX #29 word-break properties of the ASCII characters, as bits of [`ASCII_CLASSES`]: a
/// table look-up and a mask instead of a `match`, whose jump table the processor mispredicted
/// about every other token.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
/// Letters, digits and `_` (ExtendNumLet): they run together.
const WORD: u8 = 4;
/// Joins two letters: MidLetter `:`, MidNumLet `.` and Single_Quote `'`. It is [`LETTER`]
/// moved up three bits, so that a mask finds "letter, joiner, letter".
const JOINS_LETTERS: u8 = LETTER << 3;
/// Joins two digits: MidNum `,` `;`, MidNumLet `.` and Single_Quote `'`.
const JOINS_DIGITS: u8 = DIGIT << 3;
/// White space and control characters, which no segment holds: one test of the class the
/// loop looks up anyway, where two comparisons of the byte took a dozen instructions.
const SKIPPED: u8 = 1 << 6;
/// What a segment joins when it is followed by it: `.` `:` `%` and `-` (see [`merge`]).
const JOINS_NEXT: u8 = 1 << 5;
/// What a segment joins when it is it: `-` and `:`, looking on past them.
const JOINS_ALONE: u8 = 1 << 7;

static ASCII_CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'A'..=b'Z' | b'a'..=b'z' => LETTER | WORD,
            b'0'..=b'9' => DIGIT | WORD,
            b'_' => WORD,
            b':' => JOINS_LETTERS | JOINS_NEXT | JOINS_ALONE,
            b'.' => JOINS_LETTERS | JOINS_DIGITS | JOINS_NEXT,
            b'\'' => JOINS_LETTERS | JOINS_DIGITS,
            b',' | b';' => JOINS_DIGITS,
            b'%' => JOINS_NEXT,
            b'-' => JOINS_NEXT | JOINS_ALONE,
            0..=b' ' | 0x7F => SKIPPED,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// UAX #29 word segments of ASCII text, as `(start, end)` byte ranges passed to `emit`, white
/// space and control characters left out. Rules WB5 to WB13b: letters, digits and `_` run
/// together; `.` `'` and `:` join letters ("U.S", "don't"), `.` `'` `,` and `;` join digits
/// ("1,000.5"); anything else stands alone.
fn ascii_word_bounds(piece: &[u8], mut emit: impl FnMut(usize, usize)) {
    let mut walk = Walk::new(piece);
    let mut i = 0;
    while let Some(start) = walk.next_start(i) {
        let end = if ASCII_CLASSES[usize::from(piece[start])] & WORD != 0 {
            let run = walk.run_end(start);
            walk.joined_end(run)
        } else {
            start + 1
        };
        emit(start, end);
        i = end;
    }
}

/// ASCII text read through windows of 64 bytes, each classified at once into masks with a
/// bit for each byte: letters, digits and `_` ([`WORD`]), and white space and control
/// characters ([`SKIPPED`]). The next segment's start and a word's end are each a bit found
/// in a mask, where a loop over the bytes took a table look-up and a branch for each. The
/// window only moves forward, by 64 bytes or to the start of a run that goes past it.
struct Walk<'p> {
    piece: &'p [u8],
    base: usize,
    masks: Masks,
}

/// A bit for each of 64 bytes that is of a class of [`ASCII_CLASSES`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Masks {
    /// [`WORD`]: letters, digits and `_`.
    word: u64,
    /// [`SKIPPED`]: white space and control characters.
    skip: u64,
}

impl<'p> Walk<'p> {
    fn new(piece: &'p [u8]) -> Walk<'p> {
        let mut walk = Walk {
            piece,
            base: 0,
            masks: Masks::default(),
        };
        walk.classify();
        walk
    }

    /// Classifies the 64 bytes from `base`; bytes past the end of the text count as spaces.
    #[inline(never)]
    fn classify(&mut self) {
        let base = self.base;
        self.masks = match self.piece.get(base..base + 64) {
            Some(bytes) => classify64(bytes.try_into().expect("64 bytes")),
            None => {
                let mut padded = [b' '; 64];
                let rest = self.piece.get(base..).unwrap_or_default();
                padded[..rest.len()].copy_from_slice(rest);
                classify64(&padded)
            }
        };
    }

    /// Moves the window on until it holds byte `i`.
    #[inline(always)]
    fn reach(&mut self, i: usize) {
        while i - self.base >= 64 {
            self.base += 64;
            self.classify();
        }
    }

    /// The first byte at or after `i` that is not white space, if any.
    #[inline(always)]
    fn next_start(&mut self, mut i: usize) -> Option<usize> {
        while i < self.piece.len() {
            self.reach(i);
            let ahead = !self.masks.skip & (u64::MAX << (i - self.base));
            if ahead != 0 {
                return Some(self.base + ahead.trailing_zeros() as usize);
            }
            i = self.base + 64;
        }
        None
    }

    /// The end of the run of letters, digits and `_` from byte `i`.
    #[inline(always)]
    fn run_end(&mut self, mut i: usize) -> usize {
        loop {
            self.reach(i);
            let stop = !self.masks.word & (u64::MAX << (i - self.base));
            if stop != 0 {
                return self.base + stop.trailing_zeros() as usize;
            }
            i = self.base + 64;
        }
    }

    /// The end of a word segment whose first run of word bytes ends at `end`: runs joined
    /// by a joiner between two letters or between two digits are one segment.
    fn joined_end(&mut self, mut end: usize) -> usize {
        let class = |b: u8| ASCII_CLASSES[usize::from(b)];
        let piece = self.piece;
        while end + 1 < piece.len() {
            let joins = (class(piece[end]) >> 3) & (LETTER | DIGIT);
            if joins == 0 || joins & class(piece[end - 1]) & class(piece[end + 1]) == 0 {
                break;
            }
            end = self.run_end(end + 2);
        }
        end
    }
}

/// The [`Walk`] masks of 64 bytes, as [`ASCII_CLASSES`] has them, worked out sixteen bytes
/// at a time in a few SSE2 instructions (part of every x86_64 processor).
#[cfg(target_arch = "x86_64")]
#[inline]
fn classify64(bytes: &[u8; 64]) -> Masks {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };
    // a byte is in `lo..lo + n` when, shifted so that `lo` lands on -128, it is below -128 + n
    // as a signed byte
    let shift = |lo: u8| 128u8.wrapping_sub(lo) as i8;
    let mut m = Masks::default();
    for k in 0..4 {
        // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads 16 bytes of `bytes`.
        let (w, s) = unsafe {
            let v = _mm_loadu_si128(bytes[16 * k..].as_ptr().cast());
            // letters of either case: with bit 5 set, "A".."Z" is "a".."z" and nothing else is
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = _mm_cmplt_epi8(
                _mm_add_epi8(lower, _mm_set1_epi8(shift(b'a'))),
                _mm_set1_epi8(-128 + 26),
            );
            let digit = _mm_cmplt_epi8(
                _mm_add_epi8(v, _mm_set1_epi8(shift(b'0'))),
                _mm_set1_epi8(-128 + 10),
            );
            let underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
            let w = _mm_or_si128(_mm_or_si128(letter, digit), underscore);
            // white space and controls: ASCII bytes up to the space, and DEL (bytes of 0x80
            // and over, signed, are below the space too, but ASCII text has none)
            let s = _mm_or_si128(
                _mm_cmplt_epi8(v, _mm_set1_epi8(b'!' as i8)),
                _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)),
            );
            let mask = |x| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
            (mask(w), mask(s))
        };
        m.word |= w;
        m.skip |= s;
    }
    m
}

/// The [`Walk`] masks of 64 bytes, looked up byte by byte.
#[cfg(not(target_arch = "x86_64"))]
fn classify64(bytes: &[u8; 64]) -> Masks {
    classify64_plain(bytes)
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn classify64_plain(bytes: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (k, &b) in bytes.iter().enumerate() {
        let c = ASCII_CLASSES[usize::from(b)];
        m.word |= u64::from(c & WORD != 0) << k;
        m.skip |= u64::from(c & SKIPPED != 0) << k;
    }
    m
}

/// Byte index where a possessive "'s" (straight or curly) starts in a word segment.
fn possessive_cut(seg: &str) -> Option<usize> {
    for apos in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(head) = seg.strip_suffix(apos)
            && !head.is_empty()
            && !head.contains(['\'', '\u{2019}'])
        {
            return Some(head.len());
        }
    }
    None
}

fn kind_of(seg: &str, first: char) -> TokenKind {
    // quotation marks and dashes, the commonest characters beyond ASCII that start a segment,
    // are neither letters nor digits: known before the Unicode tables are looked in
    if let Some(kind) = quote_or_dash(first) {
        return kind;
    }
    if first.is_alphabetic() || first == '_' {
        TokenKind::Word
    } else if first.is_numeric() {
        if seg.chars().any(char::is_alphabetic) {
            TokenKind::Word
        } else {
            TokenKind::Number
        }
    } else {
        match first {
            c if c.is_ascii_punctuation()
                && !matches!(
                    c,
                    '$' | '%' | '&' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '@' | '*'
                ) =>
            {
                TokenKind::Punctuation
            }
            '\u{2026}' | '\u{00A1}' | '\u{00BF}' | '\u{00B7}' | '\u{3001}' | '\u{3002}'
            | '\u{FF0C}' | '\u{FF01}' | '\u{FF1F}' => TokenKind::Punctuation,
            c if c.is_alphanumeric() => TokenKind::Word,
            // combining marks and joiners left alone by segmentation belong with words
            c if is_mark(c) => TokenKind::Word,
            _ => TokenKind::Symbol,
        }
    }
}

/// The kind of a quotation mark or dash (straight or typographic), none of which is a letter
/// or a digit.
#[inline]
fn quote_or_dash(c: char) -> Option<TokenKind> {
    match c {
        '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{201E}'
        | '\u{201A}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}' | '`' => {
            Some(TokenKind::Quote)
        }
        '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}' | '\u{2212}' | '-' => {
            Some(TokenKind::Dash)
        }
        _ => None,
    }
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

/// The news-specific second pass over UAX #29 segments.
fn merge(
    text: &str,
    raw: &[(usize, usize, TokenKind)],
    mut emit: impl FnMut(usize, usize, TokenKind),
) {
    let s = |a: usize, b: usize| &text[a..b];
    // one-byte tokens are compared as bytes: slicing the text checks char boundaries
    let bytes = text.as_bytes();
    let is = |t: (usize, usize, TokenKind), c: u8| t.1 - t.0 == 1 && bytes[t.0] == c;
    let mut i = 0;
    while i < raw.len() {
        let (start, end, kind) = raw[i];
        let next = raw.get(i + 1).copied();
        // every rule below starts from one of these characters touching the token: most
        // tokens are passed on after this one test
        let next_char = match next {
            Some((a, b, _)) if a == end && b == end + 1 => bytes[a],
            _ => 0,
        };
        if !matches!(next_char, b'.' | b':' | b'%' | b'-') {
            emit(start, end, kind);
            i += 1;
            continue;
        }
        let touching =
            |n: Option<(usize, usize, TokenKind)>, at: usize| n.is_some_and(|n| n.0 == at);

        // a word directly followed by "." that is an abbreviation, an initial or an acronym
        if kind == TokenKind::Word && touching(next, end) && is(next.unwrap(), b'.') {
            let w = s(start, end);
            if is_abbreviation(w) {
                emit(start, end + 1, TokenKind::Word);
                i += 2;
                continue;
            }
        }
        // runs of periods are one ellipsis
        if is(raw[i], b'.') && touching(next, end) && next.is_some_and(|n| is(n, b'.')) {
            let mut j = i + 1;
            while j < raw.len() && raw[j].0 == raw[j - 1].1 && is(raw[j], b'.') {
                j += 1;
            }
            emit(start, raw[j - 1].1, TokenKind::Punctuation);
            i = j;
            continue;
        }
        // "10:30" is a time; "3.5%" keeps its sign
        if kind == TokenKind::Number {
            if let (Some(c), Some(m)) = (next, raw.get(i + 2).copied())
                && c.0 == end
                && is(c, b':')
                && m.0 == c.1
                && m.2 == TokenKind::Number
                && m.1 - m.0 == 2
                && end - start <= 2
            {
                emit(start, m.1, TokenKind::Time);
                i += 3;
                continue;
            }
            if touching(next, end) && is(next.unwrap(), b'%') {
                emit(start, end + 1, TokenKind::Number);
                i += 2;
                continue;
            }
        }
        // hyphenated compounds: word-word, 15-minute, 1996-08-30; the hyphen must touch both
        if matches!(kind, TokenKind::Word | TokenKind::Number) {
            let mut j = i;
            let mut end_j = end;
            let mut all_numbers = kind == TokenKind::Number;
            while let (Some(h), Some(w)) = (raw.get(j + 1).copied(), raw.get(j + 2).copied()) {
                if h.0 == end_j
                    && is(h, b'-')
                    && w.0 == h.1
                    && matches!(w.2, TokenKind::Word | TokenKind::Number)
                {
                    all_numbers &= w.2 == TokenKind::Number;
                    end_j = w.1;
                    j += 2;
                } else {
                    break;
                }
            }
            if j > i {
                // "Japan-U.S." keeps the period of its last part when that part is an acronym
                let mut kind = if all_numbers {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                let last = raw[j];
                if let Some(dot) = raw.get(j + 1)
                    && dot.0 == end_j
                    && is(*dot, b'.')
                    && is_abbreviation(s(last.0, last.1))
                {
                    end_j = dot.1;
                    j += 1;
                    kind = TokenKind::Word;
                }
                emit(start, end_j, kind);
                i = j + 1;
                continue;
            }
        }
        emit(start, end, kind);
        i += 1;
    }
}

/// Whether `word` (without its period) keeps the period: a listed abbreviation, a single
/// capital letter (an initial), or a dotted acronym such as "U.S" or "U.N".
fn is_abbreviation(word: &str) -> bool {
    let bytes = word.as_bytes();
    if is_listed_abbreviation(bytes) {
        return true;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            // letter groups of one or two separated by periods: U.S, a.m, Ph.D
            bytes.contains(&b'.')
                && word.split('.').all(|p| {
                    let n = p.chars().count();
                    (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
                })
        }
    }
}

/// Whether `word` is one of [`ABBREVIATIONS`]. Most words before a period are longer than
/// any listed abbreviation or start as none does (the period ends a sentence): the list is
/// searched only when neither is so, and then as numbers, one comparison a step.
#[inline]
fn is_listed_abbreviation(word: &[u8]) -> bool {
    let (firsts, longest) = ABBREVIATION_FIRSTS;
    matches!(word.first(), Some(&first) if first < 128 && firsts >> first & 1 != 0)
        && word.len() <= longest
        && ABBREVIATION_KEYS
            .binary_search(&abbreviation_key(word))
            .is_ok()
}

/// [`is_abbreviation`] of a run of letters, digits and `_`, which holds no period: a listed
/// abbreviation or a capital letter alone.
#[inline]
fn run_keeps_period(run: &[u8]) -> bool {
    matches!(run, [c] if c.is_ascii_uppercase()) || is_listed_abbreviation(run)
}

/// A word of seven bytes at most as a number: its bytes, little-endian, and its length in
/// the top byte.
const fn abbreviation_key(word: &[u8]) -> u64 {
    let mut key = (word.len() as u64) << 56;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// The [`abbreviation_key`]s of [`ABBREVIATIONS`], sorted.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0u64; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        // (inserted in order as they are made)
        let key = abbreviation_key(ABBREVIATIONS[i].as_bytes());
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The numeric search of the abbreviation list agrees with the list, and a run's check
    /// with the whole one.
    #[test]
    fn listed_abbreviations_and_runs_agree_with_the_list() {
        let others = [
            "", "J", "j", "5", "_", "U", "said", "Mrz", "Mrs", "Sept", "Septs", "Messrs",
            "Messrsx", "vz", "Zoo", "approx", "e", "eg", "1990s", "Ph", "PhD", "No", "no", "NO",
        ];
        for w in ABBREVIATIONS.iter().chain(&others) {
            let listed = ABBREVIATIONS.binary_search(w).is_ok();
            assert_eq!(is_listed_abbreviation(w.as_bytes()), listed, "{w}");
            if w.bytes().all(|b| ASCII_CLASSES[usize::from(b)] & WORD != 0) && !w.is_empty() {
                assert_eq!(run_keeps_period(w.as_bytes()), is_abbreviation(w), "{w}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn runs_keep_periods_as_words_do(w in "[A-Za-z0-9_]{1,8}") {
            proptest::prop_assert_eq!(run_keeps_period(w.as_bytes()), is_abbreviation(&w));
            proptest::prop_assert_eq!(
                is_listed_abbreviation(w.as_bytes()),
                ABBREVIATIONS.binary_search(&w.as_str()).is_ok()
            );
        }
    }

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    /// The 64-byte classifier agrees with the class table on every ASCII byte value, wherever
    /// in the window it stands.
    #[test]
    fn classify64_agrees_with_the_class_table() {
        for b in 0..128u8 {
            for at in 0..64 {
                let mut bytes = [b'a'; 64];
                bytes[at] = b;
                assert_eq!(
                    classify64(&bytes),
                    classify64_plain(&bytes),
                    "{b:#04x} at {at}"
                );
                bytes = [b' '; 64];
                bytes[at] = b;
                assert_eq!(
                    classify64(&bytes),
                    classify64_plain(&bytes),
                    "{b:#04x} at {at}"
                );
            }
        }
    }

    /// The joining bits of the class table are the bytes `merge` looks for.
    #[test]
    fn joining_classes_are_mergeable_bytes() {
        for b in 0..=255u8 {
            let c = ASCII_CLASSES[usize::from(b)];
            assert_eq!(
                c & JOINS_NEXT != 0,
                matches!(b, b'.' | b':' | b'%' | b'-'),
                "{b}"
            );
            assert_eq!(c & JOINS_ALONE != 0, matches!(b, b'-' | b':'), "{b}");
        }
    }

    /// [`ascii_word_bounds`] done byte by byte, without windows.
    fn plain_word_bounds(piece: &[u8]) -> Vec<(usize, usize)> {
        let class = |b: u8| ASCII_CLASSES[usize::from(b)];
        let (n, mut i, mut out) = (piece.len(), 0, Vec::new());
        while i < n {
            let c = class(piece[i]);
            if c & SKIPPED != 0 {
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            if c & WORD != 0 {
                loop {
                    while i < n && class(piece[i]) & WORD != 0 {
                        i += 1;
                    }
                    if i + 1 < n {
                        let joins = (class(piece[i]) >> 3) & (LETTER | DIGIT);
                        if joins != 0 && joins & class(piece[i - 1]) & class(piece[i + 1]) != 0 {
                            i += 2;
                            continue;
                        }
                    }
                    break;
                }
            }
            out.push((start, i));
        }
        out
    }

    fn window_word_bounds(piece: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        ascii_word_bounds(piece, |a, b| out.push((a, b)));
        out
    }

    #[test]
    fn window_bounds_agree_with_plain_bounds_table() {
        let long = "a".repeat(200);
        let cases = [
            String::new(),
            " ".repeat(130),
            long.clone(),
            format!("{long} {long}.{long} x"),
            format!("{} U.S. 1,000.5 don't", " ".repeat(61)),
            format!("{}ab.cd 1,2", "x".repeat(62)),
            format!("{}a.b", "-".repeat(63)),
            format!("{}12 34", " ".repeat(64)),
        ];
        for text in &cases {
            assert_eq!(
                window_word_bounds(text.as_bytes()),
                plain_word_bounds(text.as_bytes()),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn window_bounds_agree_with_plain_bounds(text in "([ -~\t\r\n\x0b\x0c\x7f]{0,20}|[a-c0-9 .,:;'_]{0,70}){0,6}") {
            proptest::prop_assert_eq!(window_word_bounds(text.as_bytes()), plain_word_bounds(text.as_bytes()));
        }
    }

    /// The first-byte filter before the list search changes no answer.
    #[test]
    fn is_abbreviation_agrees_with_the_plain_list_search() {
        let plain = |w: &str| {
            let mut chars = w.chars();
            ABBREVIATIONS.binary_search(&w).is_ok()
                || match (chars.next(), chars.next()) {
                    (Some(c), None) => c.is_uppercase(),
                    _ => {
                        w.contains('.')
                            && w.split('.').all(|p| {
                                let n = p.chars().count();
                                (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
                            })
                    }
                }
        };
        let others = [
            "", "J", "j", "\u{c9}", "U.S", "a.m", "Ph.D", "U.S.A", "said", "year", "Japan", "Mrs",
            "Mrz", "Sept", "Septs", "vs", "vz", "etc", "e.g", "i.e", "Zoo", "\u{c9}.U", "1.5",
            "A.",
        ];
        for w in ABBREVIATIONS.iter().chain(&others) {
            assert_eq!(is_abbreviation(w), plain(w), "{w}");
        }
    }

    #[test]
    fn abbreviation_list_is_sorted() {
        let mut sorted = ABBREVIATIONS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, ABBREVIATIONS);
        // `is_abbreviation` looks no longer words up
        assert!(ABBREVIATIONS.iter().all(|a| a.len() <= 6));
    }

    #[test]
    fn news_tokens_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "U.S. Secretary of State",
                &["U.S.", "Secretary", "of", "State"],
            ),
            ("the U.N. said", &["the", "U.N.", "said"]),
            (
                "Mr. Kim met J. Smith",
                &["Mr.", "Kim", "met", "J.", "Smith"],
            ),
            ("on Jan. 5", &["on", "Jan.", "5"]),
            (
                "a wider Indo-Pacific strategy",
                &["a", "wider", "Indo-Pacific", "strategy"],
            ),
            ("the 15-minute call", &["the", "15-minute", "call"]),
            ("Japan's new", &["Japan", "'s", "new"]),
            ("Japan\u{2019}s new", &["Japan", "\u{2019}s", "new"]),
            ("O'Brien didn't", &["O'Brien", "didn't"]),
            (
                "said \"yes,\" then",
                &["said", "\"", "yes", ",", "\"", "then"],
            ),
            ("\u{201C}Hi\u{201D}", &["\u{201C}", "Hi", "\u{201D}"]),
            (
                "war \u{2014} peace \u{2013} end",
                &["war", "\u{2014}", "peace", "\u{2013}", "end"],
            ),
            (
                "CRICKET - LEICESTERSHIRE",
                &["CRICKET", "-", "LEICESTERSHIRE"],
            ),
            (
                "rose 1,000.5 or 3.5% at 10:30",
                &["rose", "1,000.5", "or", "3.5%", "at", "10:30"],
            ),
            (
                "see https://example.com/a?b=1. Then",
                &["see", "https://example.com/a?b=1", ".", "Then"],
            ),
            (
                "mail jo.doe@example.org now",
                &["mail", "jo.doe@example.org", "now"],
            ),
            ("LONDON 1996-08-30", &["LONDON", "1996-08-30"]),
            ("Japan-U.S. alliance", &["Japan-U.S.", "alliance"]),
            ("wait... what", &["wait", "...", "what"]),
            ("It ended.", &["It", "ended", "."]),
            (
                "caf\u{e9} \u{5317}\u{4eac}",
                &["caf\u{e9}", "\u{5317}", "\u{4eac}"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), *want, "{text:?}");
        }
    }

    #[test]
    fn kinds_table() {
        let text = "\u{201C}Hi,\u{201D} 3.5% at 10:30 \u{2014} $5 www.x.org";
        let kinds: Vec<_> = tokenize(text).iter().map(|t| t.kind).collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [
                Quote,
                Word,
                Punctuation,
                Quote,
                Number,
                Word,
                Time,
                Dash,
                Symbol,
                Number,
                Url
            ]
        );
    }

    /// The tokens of the pure `unicode-segmentation` path, without the ASCII fast path.
    fn uax_segments(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let mut out = Vec::new();
        segment_piece(text, 0, text.len(), Path::Uax, &mut out);
        out
    }

    fn fast_segments(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let mut out = Vec::new();
        segment(text, 0, text.len(), true, &mut out);
        out
    }

    #[test]
    fn ascii_fast_path_agrees_with_uax29_table() {
        let cases = [
            "U.S. Secretary Blinken's 1,000.5 and 3;4 a:b 10:30 a_b _x x_ 9a a9 ',.;: .a a. 'a a'",
            "don't O'Brien rock'n'roll 1'000 1.2.3 a.b.c a..b 1,,2 x__y e.g. i.e.\tTab\u{7}bell",
            "\r\n\r \x0b\x0c mixed caf\u{e9} na\u{ef}ve \u{201C}Hi,\u{201D} she said. a\u{301} \u{301}x",
            "\u{5317}\u{4eac} 2024\u{5e74} \u{1F600}\u{200D}\u{1F600} emoji\u{1F1EF}\u{1F1F5} x\u{200B}y a-b-c $5.00 #tag @x",
            "\u{201C}We Japan\u{2019}s JAPAN\u{2019}S don\u{2019}t O\u{2019}Brien\u{2019}s said.\u{201D} Paris\u{2014}the 1\u{2019}000 1\u{2018}2 a\u{2019}\u{2019}b",
            "\u{2018}Hi\u{2019} 10\u{2013}12 \u{2026}and\u{2026} a.\u{2019}b a\u{2019}.b \u{2019}s \u{201D}\u{201C} _\u{2019}s \u{c7}avu\u{15f}o\u{11f}lu\u{2019}s \u{de}\u{f3}rd\u{ed}s",
            "\u{e9}\u{2019}\u{e9} caf\u{e9}\u{2019}s 3\u{d7}4 a\u{f7}b \u{180}x a\u{2024}b a\u{2027}b \u{2014}\u{301} \u{2019}\u{200D}a \u{a0}\u{2019}s",
        ];
        for text in cases {
            assert_eq!(fast_segments(text), uax_segments(text), "{text:?}");
        }
    }

    /// [`kind_of`] tells quotation marks and dashes before letters and digits: that is the
    /// same only while none of them is one.
    #[test]
    fn quotes_and_dashes_are_neither_letters_nor_digits() {
        for c in (char::MIN..=char::MAX).filter(|&c| quote_or_dash(c).is_some()) {
            assert!(!c.is_alphanumeric() && c != '_', "{c:?}");
        }
    }

    /// Each character beyond ASCII with a stand-in is segmented as `unicode-segmentation`
    /// segments it, beside every ASCII character that its rules look at, itself and others.
    #[test]
    fn stand_ins_segment_as_the_characters_do() {
        let around = [
            "a", "Z", "5", "_", ".", "'", ",", ":", ";", "-", "(", "\"", " ", "\n", "\u{2019}",
            "\u{201C}", "\u{e9}", "\u{301}", "\u{4e2d}",
        ];
        let near = ["a", "5", ".", "'", ":", ","];
        let stand_ins: Vec<char> = ('\u{80}'..='\u{3000}')
            .filter(|&c| ascii_stand_in(c).is_some())
            .collect();
        assert_eq!(stand_ins.len(), 0x17F - 0xC0 + 1 - 2 + 7);
        let mut texts = Vec::new();
        for c in stand_ins {
            let c = c.to_string();
            for x in around {
                for y in around {
                    for parts in [[x, &c, y], [&c, x, y], [x, y, &c], [&c, x, &c]] {
                        texts.push(parts.concat());
                    }
                }
            }
            for w in near {
                for x in near {
                    for y in near {
                        for parts in [[w, x, &c, y], [w, &c, x, y], [w, x, y, &c]] {
                            texts.push(parts.concat());
                        }
                    }
                }
            }
        }
        for text in texts {
            assert_eq!(fast_segments(&text), uax_segments(&text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_agrees_with_uax29(text in "[a-zA-Z0-9 _.,;:'\"!?()\t\r\n\u{e9}\u{301}\u{200D}\u{4e2d}\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{11f}\u{d7}\u{a0}\u{2024}-]{0,40}") {
            proptest::prop_assert_eq!(fast_segments(&text), uax_segments(&text));
        }
    }

    proptest::proptest! {
        /// Every ASCII character, controls and symbols included.
        #[test]
        fn ascii_fast_path_agrees_with_uax29_on_any_ascii(text in "[ -~\t\r\n\x0b\x0c\x7f\u{e9}\u{301}\u{200D}\u{4e2d}\u{2019}\u{201C}\u{2014}\u{2026}\u{feff}-]{0,40}") {
            proptest::prop_assert_eq!(fast_segments(&text), uax_segments(&text));
        }
    }

    /// Tokens of `text` (one block, addresses not looked for) by [`tokenize_ascii`] or by the
    /// general path, [`raw_tokens`] then [`merge`].
    fn merged(text: &str, ascii: bool) -> Vec<Token> {
        if ascii {
            // with room for every token, [`plain_tokens`] writes all it can; with none, it
            // leaves each to the rest of `tokenize_ascii` until pushing has made some
            let roomy = merged_into(text, ascii, text.len() + 1);
            assert_eq!(roomy, merged_into(text, ascii, 0), "{text:?}");
            return roomy;
        }
        merged_into(text, ascii, 0)
    }

    fn merged_into(text: &str, ascii: bool, room: usize) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(room);
        let mut out = Tokens {
            text,
            tokens: &mut tokens,
            prev_end: 0,
        };
        let mut raw = Vec::new();
        if ascii {
            tokenize_ascii(0, text.len(), &mut raw, &mut out);
        } else {
            raw_tokens(text, 0, text.len(), false, false, &mut raw);
            merge(text, &raw, |start, end, kind| out.push(start, end, kind));
        }
        tokens
    }

    #[test]
    fn ascii_path_agrees_with_general_path_table() {
        let cases = [
            "U.S. Secretary Blinken's talks. Mr. Kim, J. Smith and Japan-U.S. ties e.g. here.",
            "rose 1,000.5 or 3.5% at 10:30 on 1996-08-30; a 15-minute call - then... what?",
            "x.. ...y a-b-c- -d 5% %5 1:2:3 12:345 ab:12 1.-2 Inc.-led etc.. A.-B. St.'s U.S.'s",
            "Jan. 5. In 1996. Acme Inc. Ltd.: e.g.. 5.% a_. 7.- Japan's. Jr.. said.\nU.N.",
            "Mar.\tMay. x. X. 3.5. ab.cd. Mr.Smith No. 10. a.m. pm. vs.",
            "",
            " ",
            "end.",
            "5-",
        ];
        for text in cases {
            assert_eq!(merged(text, true), merged(text, false), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_path_agrees_with_general_path(text in "[a-cA-CsSJU0-9 _.,;:%'\"!?()\t\r\n-]{0,60}") {
            proptest::prop_assert_eq!(merged(&text, true), merged(&text, false));
        }

        /// Texts longer than a window of 64 bytes, of words, numbers and what joins them.
        #[test]
        fn ascii_path_agrees_with_general_path_across_windows(text in "([A-Za-z]{1,12}|[0-9]{1,4}|[ ,.:;%'\n-]|Mr\\.|U\\.S\\.|'s){0,120}") {
            proptest::prop_assert_eq!(merged(&text, true), merged(&text, false));
        }

        /// Every ASCII character, controls and symbols included.
        #[test]
        fn ascii_path_agrees_with_general_path_on_any_ascii(text in "[ -~\t\r\n\x0b\x0c\x7f]{0,60}") {
            proptest::prop_assert_eq!(merged(&text, true), merged(&text, false));
        }

        #[test]
        fn address_test_agrees_with_substrings(text in "[w.:/@ a\u{e9}]{0,70}") {
            let want = text.contains("://") || text.contains("www.") || text.contains('@');
            proptest::prop_assert_eq!(may_hold_address(text.as_bytes()), want);
        }
    }

    #[test]
    fn blocks_do_not_change_tokens_table() {
        let text = "U.S. Secretary https://example.com/a. and jo@x.org \u{201C}Hi,\u{201D}\r\n\r\n 10:30 3.5% Japan-U.S. e.g.\u{301} caf\u{e9} wait... end";
        let whole = tokenize_in_blocks(text, usize::MAX);
        for block in 1..text.len() {
            assert_eq!(tokenize_in_blocks(text, block), whole, "block {block}");
        }
    }

    proptest::proptest! {
        #[test]
        fn blocks_do_not_change_tokens(text in "[a-zA-Z0-9 .,:'\"@/%\r\n\u{e9}\u{301}\u{200D}\u{4e2d}\u{201C}-]{0,60}", block in 1usize..20) {
            proptest::prop_assert_eq!(tokenize_in_blocks(&text, block), tokenize_in_blocks(&text, usize::MAX));
        }
    }

    /// Tokens of `text` on the general path alone, as one block.
    fn general_tokens(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut out = Tokens {
            text,
            tokens: &mut tokens,
            prev_end: 0,
        };
        let mut raw = Vec::new();
        let may_link = may_hold_address(text.as_bytes());
        raw_tokens(text, 0, text.len(), may_link, false, &mut raw);
        merge(text, &raw, |start, end, kind| out.push(start, end, kind));
        tokens
    }

    proptest::proptest! {
        /// Words with curly quotation marks, apostrophes and dashes attached, and what must
        /// not take [`stand_in_segments`] beside them.
        #[test]
        fn stand_in_path_agrees_with_uax29(text in "([A-Za-z]{1,6}|[0-9]{1,3}|[ .,:;'_\n-]|'s|\u{2019}s|\u{2019}S|\u{2018}|\u{2019}|\u{201C}|\u{201D}|\u{2013}|\u{2014}|\u{2026}|\u{e9}|\u{c7}|\u{17f}|\u{d7}|\u{180}|\u{301}|\u{200D}|\u{4e2d}|\u{a0}){0,30}") {
            proptest::prop_assert_eq!(fast_segments(&text), uax_segments(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn first_non_ascii_finds_the_first(text in "[a-z \u{e9}\u{2014}]{0,40}") {
            let want = text.bytes().position(|b| b >= 0x80);
            proptest::prop_assert_eq!(first_non_ascii(text.as_bytes()), want);
        }
    }

    #[test]
    fn stretches_do_not_change_tokens_table() {
        let cases = [
            "\u{201C}We will not back down,\u{201D} Mr. Smith said \u{2014} and U.S. officials agreed.",
            "Talks in Paris\u{2014}the first since 1996\u{2014}ended at 10:30. caf\u{e9} Japan-U.S. ties",
            "Ask\u{2019}s www.example.com/\u{e9}t\u{e9} or jo@x.org \u{201C}Hi,\u{201D} 3.5%\u{2026} e.g.\u{301}",
            "\u{5317}\u{4eac} talks Beijing\u{3001}Tokyo \u{1F600}\u{200D}\u{1F600} end. \u{feff}BOM",
            "a \u{301}x \u{a0}U.S.\u{a0} \u{201C}",
            "\u{e9}",
            "\u{201C}We\u{2019}re Japan\u{2019}s,\u{201D} said.\u{201D} O\u{2019}Brien\u{2019}S 10\u{2013}12 Mr.\u{2019}s U.S.\u{2014}Japan \u{2018}e.g.\u{2019} \u{c7}avu\u{15f}o\u{11f}lu\u{2019}s\u{2026}",
        ];
        for text in cases {
            assert_eq!(tokenize(text), general_tokens(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn stretches_do_not_change_tokens(text in "([A-Za-z]{1,8}|[0-9]{1,3}|[ .,:'\"@/%\r\n-]|Mr\\.|U\\.S\\.|www\\.|://|\u{e9}|\u{301}|\u{a0}|\u{2014}|\u{2013}|\u{2026}|\u{201C}|\u{201D}|\u{2018}|\u{2019}|\u{2019}s|\u{11f}|\u{d7}|\u{4e2d}){0,60}") {
            proptest::prop_assert_eq!(tokenize(&text), general_tokens(&text));
        }
    }

    #[test]
    fn spans_slice_the_text_and_breaks_are_counted() {
        let text = "Title\r\n\r\nBody text.\nNext";
        let t = tokenize(text);
        for tok in &t {
            assert!(!tok.text(text).trim().is_empty());
        }
        let breaks: Vec<u32> = t.iter().map(|t| t.breaks_before).collect();
        assert_eq!(breaks, [0, 2, 0, 0, 1]);
    }
}
