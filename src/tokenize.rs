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

/// Words that take a period without ending a sentence (titles, months, corporate suffixes).
/// Single capital letters ("J.") and dotted acronyms ("U.S.") are caught by shape instead.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Apr", "Aug", "Ave", "Blvd", "Brig", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dec",
    "Dept", "Dr", "Drs", "Esq", "Feb", "Fig", "Fr", "Ft", "Gen", "Gov", "Hon", "Inc", "Jan", "Jr",
    "Jul", "Jun", "Lt", "Ltd", "Maj", "Mar", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Mt", "No", "Nos",
    "Nov", "Oct", "Op", "Pfc", "Ph", "Plc", "Prof", "Pte", "Rd", "Rep", "Reps", "Rev", "Sen",
    "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Supt", "Vol", "approx", "cf", "e.g", "etc", "i.e",
    "vs",
];

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
    let mut raw: Vec<(usize, usize, TokenKind)> = Vec::with_capacity(text.len() / 4);
    let mut pos = 0;
    for m in URL_OR_EMAIL.captures_iter(text) {
        let whole = m.get(0).expect("group 0");
        let (start, mut end) = (whole.start(), whole.end());
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
        segment(text, pos, start, &mut raw);
        raw.push((start, end, kind));
        pos = end;
    }
    segment(text, pos, text.len(), &mut raw);
    let merged = merge(text, &raw);
    let mut tokens = Vec::with_capacity(merged.len());
    let mut prev_end = 0;
    for (start, end, kind) in merged {
        let gap = &text[prev_end..start];
        tokens.push(Token {
            start,
            end,
            kind,
            breaks_before: crate::text::line_breaks(gap) as u32,
            space_before: !gap.is_empty() || start == 0,
        });
        prev_end = end;
    }
    tokens
}

/// UAX #29 segments of `text[from..to]`, white space dropped, each with a first-guess kind.
fn segment(text: &str, from: usize, to: usize, out: &mut Vec<(usize, usize, TokenKind)>) {
    if from >= to {
        return;
    }
    for (i, seg) in text[from..to].split_word_bound_indices() {
        let start = from + i;
        let first = seg.chars().next().expect("segments are not empty");
        if first.is_whitespace()
            || first == '\u{FEFF}'
            || first.is_control() && !first.is_whitespace() && seg.chars().all(char::is_control)
        {
            continue;
        }
        // "Japan's" -> "Japan" + "'s"; "O'Brien" and "don't" stay whole
        if seg.len() > 2
            && first.is_alphanumeric()
            && let Some(cut) = possessive_cut(seg)
        {
            out.push((start, start + cut, TokenKind::Word));
            out.push((start + cut, start + seg.len(), TokenKind::Word));
            continue;
        }
        out.push((start, start + seg.len(), kind_of(seg, first)));
    }
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
            '"' | '\'' | '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{201E}'
            | '\u{201A}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}' | '`' => {
                TokenKind::Quote
            }
            '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2015}' | '\u{2212}' => TokenKind::Dash,
            '-' => TokenKind::Dash,
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

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200C | 0x200D)
}

/// The news-specific second pass over UAX #29 segments.
fn merge(text: &str, raw: &[(usize, usize, TokenKind)]) -> Vec<(usize, usize, TokenKind)> {
    let mut out: Vec<(usize, usize, TokenKind)> = Vec::with_capacity(raw.len());
    let s = |a: usize, b: usize| &text[a..b];
    let mut i = 0;
    while i < raw.len() {
        let (start, end, kind) = raw[i];
        let next = raw.get(i + 1).copied();
        let touching =
            |n: Option<(usize, usize, TokenKind)>, at: usize| n.is_some_and(|n| n.0 == at);

        // a word directly followed by "." that is an abbreviation, an initial or an acronym
        if kind == TokenKind::Word
            && touching(next, end)
            && s(next.unwrap().0, next.unwrap().1) == "."
        {
            let w = s(start, end);
            if is_abbreviation(w) {
                out.push((start, end + 1, TokenKind::Word));
                i += 2;
                continue;
            }
        }
        // runs of periods are one ellipsis
        if s(start, end) == "." && touching(next, end) && next.is_some_and(|n| s(n.0, n.1) == ".") {
            let mut j = i + 1;
            while j < raw.len() && raw[j].0 == raw[j - 1].1 && s(raw[j].0, raw[j].1) == "." {
                j += 1;
            }
            out.push((start, raw[j - 1].1, TokenKind::Punctuation));
            i = j;
            continue;
        }
        // "10:30" is a time; "3.5%" keeps its sign
        if kind == TokenKind::Number {
            if let (Some(c), Some(m)) = (next, raw.get(i + 2).copied())
                && c.0 == end
                && s(c.0, c.1) == ":"
                && m.0 == c.1
                && m.2 == TokenKind::Number
                && m.1 - m.0 == 2
                && end - start <= 2
            {
                out.push((start, m.1, TokenKind::Time));
                i += 3;
                continue;
            }
            if touching(next, end) && s(next.unwrap().0, next.unwrap().1) == "%" {
                out.push((start, end + 1, TokenKind::Number));
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
                    && s(h.0, h.1) == "-"
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
                    && s(dot.0, dot.1) == "."
                    && is_abbreviation(s(last.0, last.1))
                {
                    end_j = dot.1;
                    j += 1;
                    kind = TokenKind::Word;
                }
                out.push((start, end_j, kind));
                i = j + 1;
                continue;
            }
        }
        out.push((start, end, kind));
        i += 1;
    }
    out
}

/// Whether `word` (without its period) keeps the period: a listed abbreviation, a single
/// capital letter (an initial), or a dotted acronym such as "U.S" or "U.N".
fn is_abbreviation(word: &str) -> bool {
    if ABBREVIATIONS.binary_search(&word).is_ok() {
        return true;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_uppercase(),
        _ => {
            // letter groups of one or two separated by periods: U.S, a.m, Ph.D
            word.contains('.')
                && word.split('.').all(|p| {
                    let n = p.chars().count();
                    (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviation_list_is_sorted() {
        let mut sorted = ABBREVIATIONS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, ABBREVIATIONS);
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
