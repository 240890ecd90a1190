//! The whole pipeline from raw bytes: decoding, tokens, sentences, entities, relations, quotes,
//! JSON. The first byte picks how the rest is read: as a text file (strict or lossy) or as a
//! JSON Lines stream. Asserts that nothing panics, that every printed document is valid JSON
//! satisfying the contract (spans slice their text, ids resolve), and that a stream gives one
//! output line per record.
#![no_main]

use analyze::Analyzer;
use analyze::batch::{self, Format, JsonLines, Record, Settings};
use analyze::output::{self, Layout, Options, Origin, check_document};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::LazyLock;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::new);

fn check_text(text: &str) {
    let analysis = ANALYZER.analyze(text);
    let mut buf = Vec::new();
    let opts = Options { tokens: true, byte_offsets: true };
    output::write_json(&mut buf, &analysis, Origin::default(), opts, Layout::Compact).unwrap();
    let doc: Value = serde_json::from_slice(&buf).expect("output is JSON");
    if let Err(e) = check_document(&doc, text) {
        panic!("contract broken: {e}\ntext: {text:?}");
    }
    let mut summary = Vec::new();
    output::write_text(&mut summary, &analysis, Origin::default()).unwrap();
    assert!(std::str::from_utf8(&summary).is_ok());
}

fn check_stream(bytes: &[u8], lossy: bool) {
    let records: Vec<Record> = JsonLines::new(bytes, "fuzz.jsonl", lossy).collect();
    let mut out = Vec::new();
    let settings = Settings { format: Format::Jsonl, output: Options::default(), jobs: 1, progress: false };
    let summary = batch::run(&ANALYZER, records.clone(), &mut out, settings).unwrap();
    assert_eq!(summary.documents as usize, records.len());
    let lines: Vec<&[u8]> = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), records.len(), "one line per record");
    for (record, line) in records.iter().zip(lines) {
        let doc: Value = serde_json::from_slice(line).expect("output line is JSON");
        match &record.body {
            Ok(text) => {
                if let Err(e) = check_document(&doc, text) {
                    panic!("contract broken: {e}\ntext: {text:?}");
                }
            }
            Err(_) => assert!(doc["error"].is_string()),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode % 4 {
        0 | 1 => {
            if let Ok(text) = analyze::text::decode(rest, mode % 4 == 1) {
                check_text(&text);
            }
        }
        2 => check_stream(rest, false),
        _ => check_stream(rest, true),
    }
});
