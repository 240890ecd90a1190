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
    if let Some(at) = body.iter().position(|&b| b == 0) {
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

/// Drops a leading BOM from text that is already a `str` (JSON Lines records).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

/// Converts byte offsets of one text into code-point offsets.
///
/// Offsets are asked for in increasing order far more often than not, so the index keeps a
/// cursor and walks forward from the last answer; a backward query restarts from zero. On
/// ASCII text the two offsets coincide and no walking is done at all.
pub struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> Self {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `byte`, which must lie on a char boundary.
    pub fn of(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
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

    #[test]
    fn char_offsets_forward_and_back() {
        let t = "a\u{e9}b\u{20ac}c";
        let mut idx = CharOffsets::new(t);
        assert_eq!(idx.of(0), 0);
        assert_eq!(idx.of(3), 2);
        assert_eq!(idx.of(7), 4);
        assert_eq!(idx.of(1), 1);
        assert_eq!(idx.of(t.len()), 5);
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
