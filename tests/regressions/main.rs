//! Inputs that once broke the pipeline (mostly found by `cargo fuzz`, see `fuzz/README.md`),
//! replayed exactly as the fuzz target reads them: the first byte picks the mode (0: text,
//! 1: lossy text, 2: JSON Lines, 3: lossy JSON Lines, modulo 4), the rest is the input. Each
//! file in `inputs/` is named after what broke; add a crash input there and it is tested.

use std::path::Path;

use analyze::Analyzer;
use analyze::batch::{self, Format, JsonLines, Record, Settings};
use analyze::output::{self, Layout, Options, Origin, check_document};
use serde_json::Value;

fn check_text(analyzer: &Analyzer, text: &str) -> Result<(), String> {
    let analysis = analyzer.analyze(text);
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
    let doc: Value = serde_json::from_slice(&buf).map_err(|e| format!("not JSON: {e}"))?;
    check_document(&doc, text)?;
    output::write_text(&mut Vec::new(), &analysis, Origin::default()).unwrap();
    Ok(())
}

fn check_stream(analyzer: &Analyzer, bytes: &[u8], lossy: bool) -> Result<(), String> {
    let records: Vec<Record> = JsonLines::new(bytes, "input.jsonl", lossy).collect();
    let mut out = Vec::new();
    let settings = Settings {
        format: Format::Jsonl,
        output: Options::default(),
        jobs: 2,
        progress: false,
    };
    batch::run(analyzer, records.clone(), &mut out, settings).unwrap();
    let lines: Vec<&[u8]> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() != records.len() {
        return Err(format!(
            "{} records gave {} lines",
            records.len(),
            lines.len()
        ));
    }
    for (record, line) in records.iter().zip(lines) {
        let doc: Value = serde_json::from_slice(line).map_err(|e| format!("not JSON: {e}"))?;
        match &record.body {
            Ok(text) => check_document(&doc, text)?,
            Err(_) if doc["error"].is_string() => {}
            Err(_) => return Err(format!("a bad record gave {doc}")),
        }
    }
    Ok(())
}

#[test]
fn every_saved_input_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions/inputs");
    let analyzer = Analyzer::new();
    let mut failures = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
    {
        let data = std::fs::read(path).unwrap();
        let Some((&mode, rest)) = data.split_first() else {
            continue;
        };
        let outcome = std::panic::catch_unwind(|| match mode % 4 {
            0 | 1 => match analyze::text::decode(rest, mode % 4 == 1) {
                Ok(text) => check_text(&analyzer, &text),
                Err(_) => Ok(()),
            },
            2 => check_stream(&analyzer, rest, false),
            _ => check_stream(&analyzer, rest, true),
        });
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{}: {e}", path.display())),
            Err(_) => failures.push(format!("{}: panicked", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
