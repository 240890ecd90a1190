//! Property tests: the contract's invariants hold on generated text mixing scripts (Latin with
//! diacritics, CJK, Arabic, emoji, combining marks, joiners), news words, quotation marks and
//! punctuation in any order; and batches give one output line per input line, in order.
//!
//! `PROPTEST_CASES=100000 cargo test --release --test properties` runs them longer.

use analyze::Analyzer;
use analyze::batch::{self, Format, JsonLines, Settings};
use analyze::output::{self, Layout, Options, Origin};
use proptest::prelude::*;
use serde_json::Value;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces news text is made of, and pieces it is not supposed to contain but does.
const PIECES: &[&str] = &[
    // news words and shapes the rules look at
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Secretary of State",
    "U.S.",
    "U.N.",
    "Mr.",
    "Dr.",
    "Jan.",
    "Inc.",
    "said",
    "told",
    "according to",
    "met",
    "held talks with",
    "in",
    "of",
    "the",
    "and",
    "Japan",
    "Japanese",
    "China",
    "Tokyo",
    "East China Sea",
    "Joe Biden",
    "Toshimitsu Motegi",
    "Antony Blinken",
    "Ministry of Defense",
    "Indo-Pacific",
    "Japan's",
    "O'Brien",
    "1,000.5",
    "3.5%",
    "10:30",
    "1996-08-30",
    "15-minute",
    "https://example.com/a?b=1",
    "jo.doe@example.org",
    "www.example.org.",
    // Latin with diacritics
    "Zoé",
    "Émile",
    "Müller",
    "São Paulo",
    "Łódź",
    "Dvořák",
    "Ångström",
    "naïve",
    "façade",
    "ÉLYSÉE",
    "İstanbul",
    // CJK, Arabic, Hebrew, Devanagari, Thai, Cyrillic, Greek
    "北京",
    "東京都",
    "習近平",
    "日本の外相",
    "서울",
    "محمد",
    "القاهرة",
    "وزير الخارجية",
    "שלום",
    "नमस्ते",
    "ภาษาไทย",
    "Москва",
    "Αθήνα",
    // emoji, flags, joiners, combining marks, variation selectors
    "😀",
    "👩\u{200D}👩\u{200D}👧",
    "🇯🇵",
    "🇺🇸",
    "👍🏽",
    "e\u{301}",
    "a\u{308}\u{304}",
    "\u{301}",
    "\u{200D}",
    "\u{200C}",
    "\u{200B}",
    "\u{FE0F}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{00AD}",
    // quotation marks, balanced or not
    "\"",
    "'",
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "\u{00AB}",
    "\u{00BB}",
    "\u{201E}",
    "\u{2039}",
    "\u{203A}",
    "`",
    "''",
    "\"\"",
    // punctuation, brackets, dashes, symbols
    ".",
    "!",
    "?",
    "...",
    "\u{2026}",
    ",",
    ";",
    ":",
    "-",
    "--",
    "\u{2014}",
    "\u{2013}",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "/",
    "\\",
    "&",
    "%",
    "$",
    "€",
    "#",
    "@",
    "*",
    "_",
    "。",
    "、",
    "！",
    "？",
    // white space of every kind
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{A0}",
    "\u{2028}",
    "\u{2029}",
    "\u{3000}",
    "\u{85}",
    "\u{0B}",
    "\u{0C}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => "[A-Z][a-z]{0,8}",
        1 => "[0-9]{1,4}",
        1 => any::<char>().prop_map(String::from),
    ]
}

/// News-like text: pieces, mostly separated by a space.
fn news_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(), proptest::bool::weighted(0.7)), 0..120).prop_map(|parts| {
        let mut s = String::new();
        for (p, space) in parts {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![6 => news_text(), 1 => any::<String>()]
}

/// Analyses `text`, prints it with tokens and byte offsets, and checks the printed contract.
fn check(text: &str) -> Result<(), TestCaseError> {
    let analysis = Analyzer::new().analyze(text);
    let mut buf = Vec::new();
    let opts = Options {
        tokens: true,
        byte_offsets: true,
    };
    output::write_json(
        &mut buf,
        &analysis,
        Origin::default(),
        opts,
        Layout::Compact,
    )
    .unwrap();
    prop_assert_eq!(
        buf.iter().filter(|&&b| b == b'\n').count(),
        1,
        "compact output is one line"
    );
    let doc: Value =
        serde_json::from_slice(&buf).map_err(|e| TestCaseError::fail(format!("not JSON: {e}")))?;
    output::check_document(&doc, text).map_err(TestCaseError::fail)?;
    // no word or number is left out of the tokens: what falls between them is white space
    // or control characters, with any marks that combine with them
    let mut covered = 0;
    for t in analysis
        .tokens
        .iter()
        .map(|t| (t.start, t.end))
        .chain([(text.len(), text.len())])
    {
        let gap = &text[covered..t.0];
        let dropped = gap.split_word_bounds().find(|seg| {
            let first = seg.chars().next().unwrap();
            !(first.is_whitespace() || first.is_control() || first == '\u{FEFF}')
                && seg.chars().any(char::is_alphanumeric)
        });
        prop_assert!(dropped.is_none(), "{:?} fell between tokens", dropped);
        covered = t.1;
    }
    // sentences cover the tokens in order
    let mut next = 0;
    for s in &analysis.sentences {
        prop_assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    prop_assert_eq!(next, analysis.tokens.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_span_slices_its_text_and_every_id_resolves(text in text()) {
        check(&text)?;
    }

    #[test]
    fn a_bom_is_dropped_and_offsets_follow(text in news_text()) {
        let text = text.replace('\0', " "); // NUL makes it binary, tested elsewhere
        let with_bom = format!("\u{FEFF}{text}");
        let decoded = analyze::text::decode(with_bom.as_bytes(), false).unwrap();
        prop_assert_eq!(&*decoded, text.as_str());
        check(&decoded)?;
    }

    #[test]
    fn lossy_decoding_of_any_bytes_gives_checkable_text(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        match analyze::text::decode(&bytes, true) {
            Ok(text) => check(&text)?,
            Err(e) => prop_assert!(bytes.contains(&0), "only NUL is refused when lossy: {}", e),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// One output line per input line (blank lines are not records), in order, on any number
    /// of threads; bad lines become error objects in their place.
    #[test]
    fn batches_keep_one_line_per_record_in_order(
        lines in proptest::collection::vec(prop_oneof![
            4 => text().prop_map(|t| serde_json::json!({"text": t}).to_string()),
            1 => text().prop_map(|t| serde_json::json!({"text": t, "id": {"nested": [t.len()]}}).to_string()),
            1 => "[^\n]{0,30}".prop_map(|s| s.replace('\r', "")),
        ], 0..40),
        jobs in 1usize..4,
    ) {
        // blank lines are not records; the first line may start with a BOM
        let blank = |i: usize, l: &str| {
            let l = if i == 0 { l.strip_prefix('\u{FEFF}').unwrap_or(l) } else { l };
            l.bytes().all(|b| b.is_ascii_whitespace())
        };
        let records: Vec<&String> = lines.iter().enumerate().filter(|(i, l)| !blank(*i, l)).map(|(_, l)| l).collect();
        let mut input = Vec::new();
        for l in &lines {
            input.extend_from_slice(l.as_bytes());
            input.push(b'\n');
        }
        let mut out = Vec::new();
        let settings = Settings { format: Format::Jsonl, output: Options::default(), jobs, progress: false };
        let summary = batch::run(&Analyzer::new(), JsonLines::new(&input[..], "in.jsonl", false), &mut out, settings).unwrap();
        let out = String::from_utf8(out).unwrap();
        let got: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        prop_assert_eq!(got.len(), records.len());
        prop_assert_eq!(summary.documents as usize, records.len());
        let mut errors = 0;
        for (line, doc) in records.iter().zip(&got) {
            match serde_json::from_str::<Value>(line).ok().and_then(|v| v.get("text").and_then(Value::as_str).map(str::to_string)) {
                Some(text) => {
                    output::check_document(doc, text.strip_prefix('\u{FEFF}').unwrap_or(&text)).map_err(TestCaseError::fail)?;
                    let v: Value = serde_json::from_str(line).unwrap();
                    prop_assert_eq!(doc.get("id"), v.get("id"));
                }
                None => {
                    errors += 1;
                    prop_assert!(doc["error"].is_string(), "{} gave {}", line, doc);
                }
            }
        }
        prop_assert_eq!(summary.errors, errors);
    }
}
