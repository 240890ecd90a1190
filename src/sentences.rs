//! Sentence splitter: tokens in, sentences (token ranges with byte spans) out.
//!
//! A sentence ends at `.`, `?`, `!` or an ellipsis when what follows starts a new one (a
//! capital, a digit, an opening quote, or a line break), taking closing quotes and brackets
//! with it (`."` and `?"`). Abbreviations and initials are single tokens by now ("U.S.",
//! "Mr.", "J."), so their periods never end a sentence unless the abbreviation is one that can
//! close one ("the U.S.", "Acme Inc.") and the next word is a usual sentence opener. Blank
//! lines always end a sentence, and so does a line break after a line with no final
//! punctuation when the next line starts with a capital: headlines and datelines stand alone.

use std::cell::Cell;
use std::ops::Range;

use crate::tokenize::{Token, TokenKind};

/// A sentence: its byte span (first token's start to last token's end) and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// Words that commonly open a sentence: after "U.S." or "Inc." they mean a new sentence began.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "All",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "No",
    "Not",
    "On",
    "One",
    "Only",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "Two",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

/// Abbreviations that may stand last in a sentence ("in the U.S.", "Acme Corp."), and single
/// capitals, which are initials inside names but letters or names of their own at a
/// sentence's end ("in a post on X.", "Plan B.").
fn can_close_sentence(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    matches!(
        bare,
        "Co" | "Corp" | "Inc" | "Ltd" | "Plc" | "Jr" | "Sr" | "etc" | "a.m" | "p.m"
    ) || (bare.contains('.') && bare.chars().filter(|c| c.is_uppercase()).count() >= 2)
        || (bare.len() == 1 && bare.as_bytes()[0].is_ascii_uppercase())
}

fn is_closing(text: &str, tok: &Token, open_double: bool) -> bool {
    let t = tok.text(text);
    match t {
        ")" | "]" | "}" | "\u{201D}" | "\u{2019}" | "\u{00BB}" | "\u{203A}" | "'" => true,
        "\"" => open_double,
        _ => false,
    }
}

fn starts_new(text: &str, tok: &Token) -> bool {
    let t = tok.text(text);
    let c = t.chars().next().unwrap_or(' ');
    c.is_uppercase()
        || c.is_numeric()
        || matches!(tok.kind, TokenKind::Quote | TokenKind::Dash)
        || matches!(t, "(" | "[")
        || !c.is_alphabetic() && !c.is_ascii_punctuation() && tok.kind == TokenKind::Word
}

/// Whether a token is `.`, `?`, `!`, an ellipsis (`...` or `\u{2026}`), or the ideographic
/// full stop, exclamation or question mark, given as UTF-8 bytes.
fn is_terminal(t: &[u8]) -> bool {
    matches!(
        t,
        b"." | b"?"
            | b"!"
            | b"..."
            | [0xE2, 0x80, 0xA6]
            | [0xE3, 0x80, 0x82]
            | [0xEF, 0xBC, 0x81]
            | [0xEF, 0xBC, 0x9F]
    )
}

/// Splits the tokens of `text` into sentences.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    split_with(text, tokens, true)
}

thread_local! {
    /// The emptied sentence list of a document done with, for the next one (see [`recycle`]).
    static SPARE: Cell<Vec<Sentence>> = const { Cell::new(Vec::new()) };
}

/// Sentence lists longer than this are not kept for the next document.
const KEEP_SENTENCES: usize = 1 << 12;

/// Takes the sentences of a document done with, keeping their list (emptied) for this
/// thread's next document.
pub fn recycle(sentences: &mut Vec<Sentence>) {
    if sentences.capacity() <= KEEP_SENTENCES {
        sentences.clear();
        // (nothing is kept while the thread ends)
        let _ = SPARE.try_with(|spare| spare.set(std::mem::take(sentences)));
    }
}

/// [`split`], with `pass_plain` saying whether to pass over at once a word or number that
/// ends nothing: one not ending in a period, with the next token on the same line. No rule
/// below ends a sentence there (neither is a terminal mark or a quote), and most tokens are
/// such; the tests split without it as well, to show it changes nothing.
fn split_with(text: &str, tokens: &[Token], pass_plain: bool) -> Vec<Sentence> {
    // news sentences run to a few dozen tokens, headlines and datelines to a few
    let mut out = SPARE.try_with(Cell::take).unwrap_or_default();
    out.reserve(tokens.len() / 8 + 1);
    let mut begin = 0;
    let mut open_double = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < tokens.len() {
        if pass_plain {
            // the run of plain tokens from here, read a pair at a time
            i += tokens[i..]
                .windows(2)
                .take_while(|pair| {
                    matches!(pair[0].kind, TokenKind::Word | TokenKind::Number)
                        && bytes.get(pair[0].end.wrapping_sub(1)) != Some(&b'.')
                        && pair[1].breaks_before == 0
                })
                .count();
        }
        let tok = &tokens[i];
        // tested as bytes: every token is, and slicing a `str` checks char boundaries
        let t = &bytes[tok.start..tok.end];
        if t == b"\"" {
            open_double = !open_double;
        }
        let mut end = i + 1; // one past the sentence's last token, if it ends here
        let mut ends = false;
        let terminal = is_terminal(t)
            || (t.len() > 1
                && matches!(t.last(), Some(b'?' | b'!'))
                && tok.kind == TokenKind::Punctuation);
        if terminal {
            while end < tokens.len()
                && tokens[end].breaks_before == 0
                && is_closing(text, &tokens[end], open_double)
            {
                if tokens[end].text(text) == "\"" {
                    open_double = !open_double;
                }
                end += 1;
            }
            ends = match tokens.get(end) {
                None => true,
                Some(next) => next.breaks_before > 0 || starts_new(text, next),
            };
        } else if tok.kind == TokenKind::Word
            && t.last() == Some(&b'.')
            && can_close_sentence(tok.text(text))
        {
            ends = match tokens.get(end) {
                None => true,
                Some(next) => {
                    next.breaks_before > 0 || OPENERS.binary_search(&next.text(text)).is_ok()
                }
            };
        }
        if !ends && let Some(next) = tokens.get(end) {
            ends = next.breaks_before >= 2
                || (next.breaks_before == 1 && line_ends_alone(text, tok, next));
        }
        if ends || end == tokens.len() {
            out.push(Sentence {
                start: tokens[begin].start,
                end: tokens[end - 1].end,
                tokens: begin..end,
            });
            begin = end;
            if tokens.get(end).is_some_and(|n| n.breaks_before >= 2) {
                open_double = false; // quotes do not run across paragraphs
            }
        }
        i = end;
    }
    out
}

/// A single line break ends the sentence unless the line reads on: it stops on a comma or a
/// connecting word, or the next line starts in lower case (hard-wrapped prose).
fn line_ends_alone(text: &str, last: &Token, next: &Token) -> bool {
    let l = last.text(text);
    if matches!(l, "," | ";" | ":" | "(" | "-" | "\u{2014}" | "\u{2013}") {
        return false;
    }
    if matches!(
        l,
        "and"
            | "or"
            | "of"
            | "the"
            | "a"
            | "an"
            | "to"
            | "in"
            | "for"
            | "with"
            | "by"
            | "on"
            | "at"
            | "from"
            | "that"
    ) {
        return false;
    }
    let c = next.text(text).chars().next().unwrap_or(' ');
    !c.is_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let toks = tokenize(text);
        split(text, &toks)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn terminal_bytes_are_the_terminal_marks() {
        for mark in [
            ".", "?", "!", "...", "\u{2026}", "\u{3002}", "\u{FF01}", "\u{FF1F}",
        ] {
            assert!(is_terminal(mark.as_bytes()), "{mark}");
        }
        for other in ["", ",", "..", "....", "\u{2025}", "\u{3001}", "a", "?!"] {
            assert!(!is_terminal(other.as_bytes()), "{other}");
        }
    }

    #[test]
    fn openers_are_sorted() {
        let mut s = OPENERS.to_vec();
        s.sort_unstable();
        assert_eq!(s, OPENERS);
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "He met U.S. Secretary of State Rubio. Then left.",
                &["He met U.S. Secretary of State Rubio.", "Then left."],
            ),
            (
                "Mr. Kim arrived. J. Smith left.",
                &["Mr. Kim arrived.", "J. Smith left."],
            ),
            // a single capital ends a sentence before a usual opener, not inside a name
            (
                "He wrote in a post on X. He thanked voters.",
                &["He wrote in a post on X.", "He thanked voters."],
            ),
            (
                "President John F. Kennedy spoke.",
                &["President John F. Kennedy spoke."],
            ),
            (
                "It ranked No. 2 in the poll.",
                &["It ranked No. 2 in the poll."],
            ),
            // a dateline in capitals keeps its abbreviations
            (
                "ST. LOUIS, Nov. 13 (AP) - Workers voted. They left.",
                &["ST. LOUIS, Nov. 13 (AP) - Workers voted.", "They left."],
            ),
            (
                "He said, \"It is over.\" Then he left.",
                &["He said, \"It is over.\"", "Then he left."],
            ),
            (
                "\"Why?\" she asked. \"Because.\"",
                &["\"Why?\" she asked.", "\"Because.\""],
            ),
            (
                "\u{201C}Done.\u{201D} He left.",
                &["\u{201C}Done.\u{201D}", "He left."],
            ),
            (
                "It moved to the U.S. The talks ended.",
                &["It moved to the U.S.", "The talks ended."],
            ),
            ("No end\n\nNew paragraph", &["No end", "New paragraph"]),
            (
                "SOCCER - JAPAN GET LUCKY WIN\nTOKYO 1996-12-06\nJapan won.",
                &[
                    "SOCCER - JAPAN GET LUCKY WIN",
                    "TOKYO 1996-12-06",
                    "Japan won.",
                ],
            ),
            (
                "a line that wraps\nonto the next line.",
                &["a line that wraps\nonto the next line."],
            ),
            ("Done!\r\n\r\nNext one", &["Done!", "Next one"]),
            (
                "Prices rose 3.5% on Friday. Shares fell.",
                &["Prices rose 3.5% on Friday.", "Shares fell."],
            ),
            ("Wait... What?", &["Wait...", "What?"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text), *want, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Passing over plain words and numbers changes no sentence.
        #[test]
        fn passing_plain_tokens_changes_nothing(text in "[aAbB1 .,?!:;'\"()\u{201D}\u{2026}\u{3002}\n-]{0,80}|(Mr|Inc|U\\.S|the|The|and|,|\\.|\\?\"|\n| )*") {
            let toks = tokenize(&text);
            proptest::prop_assert_eq!(split_with(&text, &toks, true), split_with(&text, &toks, false));
        }
    }

    #[test]
    fn token_ranges_cover_everything_in_order() {
        let text = "A. B c. \"D?\" e\n\nF";
        let toks = tokenize(text);
        let s = split(text, &toks);
        let mut next = 0;
        for sent in &s {
            assert_eq!(sent.tokens.start, next);
            assert!(sent.tokens.end > sent.tokens.start);
            next = sent.tokens.end;
        }
        assert_eq!(next, toks.len());
    }
}
