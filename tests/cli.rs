//! Runs the real `analyze` binary: golden JSON for the articles under `fixtures/`, and the
//! command-line behaviour users script against (stdin, several files, JSON Lines, errors,
//! exit statuses). Set `ANALYZE_BLESS=1` to rewrite the golden files after a deliberate change.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use analyze::output::check_document;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_analyze"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn analyze");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait for analyze");
    writer.join().unwrap();
    out
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Checks every span of a document against the text (a leading BOM dropped, as the
/// analyzer does), and that every id it names exists.
fn assert_invariants(doc: &Value, text: &str) {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Err(e) = check_document(doc, text) {
        panic!("output breaks the contract: {e}");
    }
}

/// A readable line diff of two pretty JSON texts: the first differing lines with context.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let first = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    let from = first.saturating_sub(3);
    let mut out = format!("first difference at line {}:\n", first + 1);
    for l in &w[from..(first + 8).min(w.len())] {
        out.push_str(&format!("- {l}\n"));
    }
    for l in &g[from..(first + 8).min(g.len())] {
        out.push_str(&format!("+ {l}\n"));
    }
    out
}

#[test]
fn golden_fixtures() {
    let bless = std::env::var_os("ANALYZE_BLESS").is_some();
    let mut articles: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    articles.sort();
    assert!(articles.len() >= 3, "fixtures/ should hold articles");
    let mut failures = Vec::new();
    for article in &articles {
        let name = article.file_name().unwrap().to_str().unwrap();
        let out = bin().current_dir(fixtures()).arg(name).output().unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).unwrap();
        let doc: Value = serde_json::from_str(&got).unwrap();
        assert_invariants(&doc, &fs::read_to_string(article).unwrap());
        let golden = article.with_extension("json");
        if bless {
            fs::write(&golden, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!("{} is missing: run with ANALYZE_BLESS=1", golden.display())
        });
        if want != got {
            failures.push(format!(
                "{name}: output differs from {}\n{}",
                golden.display(),
                diff(&want, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nre-bless with ANALYZE_BLESS=1 cargo test --release if the change is intended",
        failures.join("\n")
    );
}

#[test]
fn stdin_and_dash_read_the_same_text() {
    let text = b"Officials met in Paris on Monday. They talked.";
    let a = run_with_stdin(&[], text);
    let b = run_with_stdin(&["-"], text);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let doc = stdout_json(&a);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 2);
    // one document: pretty
    assert!(String::from_utf8_lossy(&a.stdout).lines().count() > 3);
}

#[test]
fn compact_prints_one_line() {
    let out = run_with_stdin(&["--compact"], b"Hello there.");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn several_files_give_json_lines_in_order_with_source() {
    let out = bin()
        .current_dir(fixtures())
        .args([
            "south-china-sea-standoff.txt",
            "europe-defence-summit.txt",
            "ecb-rates-crlf.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "south-china-sea-standoff.txt",
            "europe-defence-summit.txt",
            "ecb-rates-crlf.txt"
        ]
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 documents, 0 errors"));
}

#[test]
fn json_lines_input_keeps_ids_and_order_and_reports_bad_lines() {
    let input = "{\"id\": \"a\", \"text\": \"First one.\", \"lang\": \"en\"}\nnot json\n{\"id\": 7}\n\n{\"id\": \"d\", \"text\": \"Last.\"}\n";
    let out = run_with_stdin(&["--input", "jsonl"], input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed record makes the status 1"
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["entities"].is_array());
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("not a JSON object")
    );
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[2]["id"], 7);
    assert_eq!(lines[2]["error"], "no \"text\" field");
    assert_eq!(lines[3]["id"], "d");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("4 documents, 2 errors"), "{err}");
}

#[test]
fn formats_text_and_tokens_and_byte_offsets() {
    let text = "Caf\u{e9} owners in Paris said \u{201C}no.\u{201D}";
    let out = run_with_stdin(&["--format", "text"], text.as_bytes());
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("<stdin>: 1 sentences")
    );
    let out = run_with_stdin(&["--tokens", "--byte-offsets"], text.as_bytes());
    let doc = stdout_json(&out);
    let tokens = doc["tokens"].as_array().unwrap();
    assert_eq!(tokens[0]["text"], "Caf\u{e9}");
    assert_eq!(
        (
            tokens[1]["start"].as_u64(),
            tokens[1]["byte_start"].as_u64()
        ),
        (Some(5), Some(6))
    );
    assert_eq!(tokens.last().unwrap()["kind"], "quote");
    assert_invariants(&doc, text);
}

#[test]
fn empty_input_is_a_valid_empty_document() {
    let out = run_with_stdin(&[], b"");
    assert!(out.status.success());
    let doc = stdout_json(&out);
    for key in ["sentences", "entities", "relations", "quotes"] {
        assert_eq!(doc[key], Value::Array(vec![]), "{key}");
    }
}

#[test]
fn invalid_utf8_names_the_byte_and_lossy_repairs_it() {
    let out = run_with_stdin(&[], b"Good text \xFF\xFE then more.");
    assert_eq!(out.status.code(), Some(1));
    let doc = stdout_json(&out);
    assert!(doc["error"].as_str().unwrap().contains("byte 10"), "{doc}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("byte 10"));
    let out = run_with_stdin(&["--lossy"], b"Good text \xFF\xFE then more.");
    assert!(out.status.success());
    assert_eq!(stdout_json(&out)["sentences"][0]["end"], 23);
}

#[test]
fn binary_input_is_refused() {
    let out = run_with_stdin(&[], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout_json(&out)["error"]
            .as_str()
            .unwrap()
            .contains("binary")
    );
}

#[test]
fn bom_and_crlf_keep_offsets_into_the_text() {
    let text = "\u{FEFF}Title line\r\n\r\nBody one. Body two.\rLast";
    let out = run_with_stdin(&[], text.as_bytes());
    let doc = stdout_json(&out);
    let spans: Vec<(u64, u64)> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap()))
        .collect();
    assert_eq!(spans, [(0, 10), (14, 23), (24, 33), (34, 38)]);
}

#[test]
fn missing_file_and_directory_are_named() {
    let out = bin().args(["does-not-exist.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "nothing could be read");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does-not-exist.txt") && err.contains("no such file"),
        "{err}"
    );

    let out = bin()
        .current_dir(fixtures())
        .args(["europe-defence-summit.txt", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "one of two failed");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["source"], ".");
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("is a directory")
    );

    let out = bin()
        .args(["--input", "jsonl", "no-such.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such.jsonl"));
}

#[test]
fn usage_errors_exit_2_and_help_teaches() {
    let out = bin().arg("--no-such-flag").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let help = bin().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for needle in ["--input", "jsonl", "jq", "Exit status"] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
    let version = bin().arg("--version").output().unwrap();
    assert!(
        String::from_utf8(version.stdout)
            .unwrap()
            .starts_with("analyze ")
    );
}

#[test]
fn closed_stdout_exits_quietly() {
    let mut input = String::new();
    for i in 0..3000 {
        input.push_str(&format!("{{\"id\": {i}, \"text\": \"Officials in Berlin met on Monday to discuss the budget.\"}}\n"));
    }
    let mut child = bin()
        .args(["--input", "jsonl", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    drop(child.stdout.take()); // the reader goes away, as with `| head`
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
