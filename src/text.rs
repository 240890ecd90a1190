//! Input decoding: bytes in, text out, offsets kept.
//!
//! The text the analysis sees is the input as read, less a leading UTF-8 byte-order mark. Line
//! ends (`\n`, `\r\n`, lone `\r`) are *not* rewritten, so every offset the analyzer reports
//! points into the user's own file; later stages treat all three as line breaks instead.
//! Invalid UTF-8 is an error naming the byte offset, unless lossy decoding is asked for, in
//! which case each bad sequence becomes U+FFFD (and offsets refer to the repaired text).

use std::borrow::Cow;
use std::fmt;

/// Why a byte string could not be taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8: the first bad byte sits at this offset of the input (BOM included).
    InvalidUtf8 { byte: usize },
    /// A NUL byte at this offset: the input looks like a binary file, not text.
    Binary { byte: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::InvalidUtf8 { byte } => write!(
                f,
                "not UTF-8 text: invalid byte sequence at byte {byte} (use --lossy to replace it)"
            ),
            DecodeError::Binary { byte } => {
                write!(f, "looks like a binary file: NUL byte at byte {byte}")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes raw input into the text that is analysed.
///
/// A leading BOM is dropped. NUL bytes mark a binary file and are refused even in lossy mode,
/// since replacing them would silently turn an image or archive into garbage "text".
pub fn decode(bytes: &[u8], lossy: bool) -> Result<Cow<'_, str>, DecodeError> {
    let (body, skipped) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (bytes, 0),
    };
    // `contains` on bytes is a word-at-a-time search; the position only matters when found
    if body.contains(&0) {
        let at = body.iter().position(|&b| b == 0).expect("found");
        return Err(DecodeError::Binary { byte: at + skipped });
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) if lossy => Ok(String::from_utf8_lossy(body)),
        Err(e) => Err(DecodeError::InvalidUtf8 {
            byte: e.valid_up_to() + skipped,
        }),
    }
}

/// [`decode`] for input that is already owned: valid text is taken over without a copy.
pub fn decode_owned(mut bytes: Vec<u8>, lossy: bool) -> Result<String, DecodeError> {
    match decode(&bytes, lossy)? {
        Cow::Owned(repaired) => Ok(repaired),
        Cow::Borrowed(s) => {
            let bom = bytes.len() - s.len();
            bytes.drain(..bom);
            Ok(String::from_utf8(bytes).expect("decode checked it"))
        }
    }
}

/// Drops a leading BOM from text that is already a `str` (JSON Lines records).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Code-point offsets of byte offsets into one text, each found in a few instructions.
///
/// For every 64 bytes of a text that is not all ASCII, the table holds the UTF-8
/// continuation bytes (`0x80..=0xBF`) before them and a bit for each continuation byte among
/// them: a byte offset less the continuation bytes before it is its code-point offset. One
/// pass builds it, so the offsets of a document cost the same in any order; counting code
/// points from the last offset asked for (or from a checkpoint, for an offset behind it) took
/// nearly two thirds of the printing time of a short article with curly quotes, whose
/// entities each start again near the top.
#[derive(Default)]
pub struct CodePoints {
    /// Empty for ASCII text; else one entry per 64 bytes and one for the end.
    blocks: Vec<(usize, u64)>,
}

impl CodePoints {
    pub fn new(text: &str) -> CodePoints {
        if text.is_ascii() {
            return CodePoints::default();
        }
        CodePoints::mapped(text)
    }

    /// The table of `text` even when it is ASCII, for [`CodePoints::mapped_of`].
    pub(crate) fn mapped(text: &str) -> CodePoints {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / 64 + 1);
        let mut before = 0;
        let mut whole = bytes.chunks_exact(64);
        for block in &mut whole {
            let marks = continuation_marks(block.try_into().expect("64 bytes"));
            blocks.push((before, marks));
            before += marks.count_ones() as usize;
        }
        // the last part block, and the end (a block of its own when the text fills its last)
        let mut last = [0u8; 64];
        last[..whole.remainder().len()].copy_from_slice(whole.remainder());
        blocks.push((before, continuation_marks(&last)));
        CodePoints { blocks }
    }

    /// The code-point offset of byte offset `byte`, which must lie on a char boundary.
    #[inline]
    pub fn of(&self, byte: usize) -> usize {
        if self.blocks.is_empty() {
            return byte;
        }
        self.mapped_of(byte)
    }

    /// [`CodePoints::of`] in a table made by [`CodePoints::mapped`].
    #[inline(always)]
    pub(crate) fn mapped_of(&self, byte: usize) -> usize {
        let (before, marks) = self.blocks[byte / 64];
        let below = marks & ((1u64 << (byte % 64)) - 1);
        byte - before - below.count_ones() as usize
    }
}

/// A bit for each UTF-8 continuation byte of 64, the first byte in the lowest bit.
#[inline]
fn continuation_marks(block: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            _mm_cmplt_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
        };
        let mut marks = 0;
        for (k, chunk) in block.chunks_exact(16).enumerate() {
            // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads the 16 bytes of
            // `chunk`. Continuation bytes are the signed bytes below -0x40.
            let m = unsafe {
                let v = _mm_loadu_si128(chunk.as_ptr().cast());
                _mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-0x40))) as u16
            };
            marks |= u64::from(m) << (16 * k);
        }
        marks
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        block
            .iter()
            .enumerate()
            .fold(0, |m, (k, &b)| m | u64::from((b as i8) < -0x40) << k)
    }
}

/// The first byte at or after `from` that a JSON string cannot hold as it is: `"`, `\\` or a
/// control character (below 0x20). Sixteen bytes are looked at a time.
pub(crate) fn json_special_at(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    #[cfg(target_arch = "x86_64")]
    while let Some(chunk) = bytes.get(i..i + 16) {
        let marks = json_special_marks(chunk.try_into().expect("16 bytes"));
        if marks != 0 {
            return Some(i + marks.trailing_zeros() as usize);
        }
        i += 16;
    }
    let tail = bytes.get(i..)?;
    let at = tail
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')?;
    Some(i + at)
}

/// A bit for each of 16 bytes that is a control character (below 0x20), `"` or `\\`: the
/// bytes JSON escapes, found in a few SSE2 instructions (part of every x86_64 processor).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn json_special_marks(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads the 16 bytes of `chunk`.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        // a byte is at most 0x1F when the smaller of it and 0x1F is itself
        let control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
        _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(is(b'"'), is(b'\\')))) as u32
    }
}

/// A bit for each of 16 bytes that is `b`, in a few SSE2 instructions (part of every x86_64
/// processor): the scans that look for one byte sixteen bytes at a time share it.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn byte_marks(chunk: &[u8; 16], b: u8) -> u32 {
    use std::arch::x86_64::{_mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
    // SAFETY: SSE2 is part of the x86_64 baseline, and the load reads the 16 bytes of `chunk`.
    unsafe {
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8))) as u32
    }
}

/// The first `\n` in `bytes`. Sixteen bytes are looked at a time.
pub(crate) fn line_break_at(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    while let Some(chunk) = bytes.get(i..i + 16) {
        let marks = byte_marks(chunk.try_into().expect("16 bytes"), b'\n');
        if marks != 0 {
            return Some(i + marks.trailing_zeros() as usize);
        }
        i += 16;
    }
    let tail = bytes.get(i..)?;
    Some(i + tail.iter().position(|&b| b == b'\n')?)
}

/// True for the characters that end a line: `\n`, `\r`, and the Unicode line and paragraph
/// separators.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{0B}' | '\u{0C}'
    )
}

/// Counts the line breaks in a stretch of white space, taking `\r\n` as one.
pub fn line_breaks(space: &str) -> usize {
    // nearly every gap between tokens is one space, or nothing
    match space.as_bytes() {
        [] | [b' '] => return 0,
        [b] if b.is_ascii() => return usize::from(matches!(b, b'\n' | b'\r' | 0x0B | 0x0C)),
        _ => {}
    }
    let mut n = 0;
    let mut prev_cr = false;
    for c in space.chars() {
        if c == '\n' && prev_cr {
            prev_cr = false;
            continue;
        }
        prev_cr = c == '\r';
        if is_line_break(c) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_break_at_finds_the_first_line_break() {
        for n in 0..40 {
            for at in (0..n).chain([n]) {
                let mut bytes = vec![b'x'; n];
                if at < n {
                    bytes[at] = b'\n';
                    bytes[n - 1] = b'\n';
                }
                let plain = bytes.iter().position(|&b| b == b'\n');
                assert_eq!(line_break_at(&bytes), plain, "{n} {at}");
            }
        }
    }

    #[test]
    fn decoding_table() {
        let ok: &[(&[u8], &str)] = &[
            (b"", ""),
            (b"plain", "plain"),
            (b"\xEF\xBB\xBFwith bom", "with bom"),
            (b"crlf\r\nkept\rlone", "crlf\r\nkept\rlone"),
            ("caf\u{e9} \u{20ac}".as_bytes(), "caf\u{e9} \u{20ac}"),
        ];
        for (input, want) in ok {
            assert_eq!(decode(input, false).unwrap(), *want, "{input:?}");
        }
    }

    #[test]
    fn decode_owned_agrees_with_decode() {
        let cases: &[&[u8]] = &[
            b"",
            b"plain",
            b"\xEF\xBB\xBFbom",
            b"\xEF\xBB",
            b"a\xFFb",
            b"a\x00b",
        ];
        for input in cases {
            for lossy in [false, true] {
                let want = decode(input, lossy).map(Cow::into_owned);
                assert_eq!(decode_owned(input.to_vec(), lossy), want, "{input:?}");
            }
        }
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        assert_eq!(
            decode(b"abc\xFFdef", false),
            Err(DecodeError::InvalidUtf8 { byte: 3 })
        );
        // the BOM counts: offsets are into the file as the user has it
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\xC3", false),
            Err(DecodeError::InvalidUtf8 { byte: 5 })
        );
        assert_eq!(decode(b"abc\xFFdef", true).unwrap(), "abc\u{FFFD}def");
    }

    #[test]
    fn nul_is_binary_even_when_lossy() {
        assert_eq!(
            decode(b"PK\x03\x04\x00", true),
            Err(DecodeError::Binary { byte: 4 })
        );
    }

    /// Every char boundary of texts mixing one- to four-byte characters (CRLF, curly quotes,
    /// a BOM character, an emoji outside the BMP), of every length around the 64-byte
    /// blocks, in any order: the code points before it, as Python counts them.
    #[test]
    fn code_points_of_every_boundary() {
        let pieces = [
            "a",
            "\r\n",
            "\u{e9}",
            "\u{201C}",
            "\u{2014}",
            "\u{FEFF}",
            "\u{1F600}",
            "\u{10FFFF}",
        ];
        let mut texts = vec![String::new(), "plain ASCII".to_string()];
        for (i, p) in pieces.iter().enumerate() {
            for len in [1, 15, 16, 17, 31, 63, 64, 65, 127, 128, 129, 200] {
                let mut t = String::new();
                for k in 0..len {
                    t.push_str(if k % 5 == i % 5 {
                        p
                    } else {
                        pieces[k % pieces.len()]
                    });
                }
                texts.push(t);
                texts.push(format!("{}{p}", "x".repeat(len)));
                texts.push(format!("{p}{}", "x".repeat(len)));
            }
        }
        for text in &texts {
            let points = CodePoints::new(text);
            let mut boundaries: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            boundaries.push(text.len());
            let want = |b: usize| text[..b].chars().count();
            for &b in boundaries.iter().chain(boundaries.iter().rev()) {
                assert_eq!(points.of(b), want(b), "{b} in {text:?}");
            }
        }
    }

    #[test]
    fn backward_offsets_stay_linear() {
        // regression: every backward query walked from the start, so printing 20,000
        // entities of a 1 MB non-ASCII text took minutes
        let t = "\u{e9}".repeat(500_000);
        let points = CodePoints::new(&t);
        let started = std::time::Instant::now();
        for i in 0..20_000 {
            assert_eq!(points.of(t.len() - 2 * i), 500_000 - i);
            assert_eq!(points.of(2 * i), i);
        }
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn line_break_counting() {
        assert_eq!(line_breaks(" "), 0);
        assert_eq!(line_breaks("\n"), 1);
        assert_eq!(line_breaks("\r\n"), 1);
        assert_eq!(line_breaks("\r\n\r\n"), 2);
        assert_eq!(line_breaks("\r\r"), 2);
        assert_eq!(line_breaks(" \n \n "), 2);
    }
}
