//! Hostile input, through the real binary: huge lines, runs of capitals and quotation marks,
//! binary and broken files, odd line ends, deeply nested JSON, unreadable paths, a closed
//! stdout, long streams. Each input is generated here, never stored. Every document printed
//! must satisfy the contract (`output::check_document`), and time must stay bounded.
//!
//! The biggest cases (a 50 MB line, a 100 MB JSON Lines record, a 1 GB stream) are ignored by
//! default; `cargo test --release --test hostile -- --ignored --nocapture` runs them and prints
//! the time per MB.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use analyze::output::check_document;
use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_analyze"))
}

/// Runs `analyze args` on `stdin`, returning its output and how long it took; a run that is
/// not over after two minutes is killed and fails the test, so nothing here can hang.
fn run(args: &[&str], stdin: Vec<u8>) -> (Output, Duration) {
    run_within(args, stdin, limit(120))
}

fn run_within(args: &[&str], stdin: Vec<u8>, deadline: Duration) -> (Output, Duration) {
    let (out, took, ()) = run_fed(
        args,
        move |mut input| {
            let _ = input.write_all(&stdin);
        },
        deadline,
    );
    (out, took)
}

/// [`run_within`], with stdin written by `feed` on a thread of its own, whose result is
/// returned too.
fn run_fed<T: Send + 'static>(
    args: &[&str],
    feed: impl FnOnce(std::process::ChildStdin) -> T + Send + 'static,
    deadline: Duration,
) -> (Output, Duration, T) {
    let started = Instant::now();
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn analyze");
    let input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || feed(input));
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("analyze {args:?} still running after {deadline:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let fed = writer.join().unwrap();
    let out = Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    (out, started.elapsed(), fed)
}

/// A time limit that holds for unoptimised builds too.
fn limit(release_seconds: u64) -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) {
        release_seconds * 20
    } else {
        release_seconds
    })
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Parses one printed document and checks it against `text`.
fn checked(json: &[u8], text: &str) -> Value {
    let doc: Value = serde_json::from_slice(json).unwrap_or_else(|e| panic!("not JSON ({e})"));
    if let Err(e) = check_document(&doc, text) {
        panic!("contract broken: {e}");
    }
    doc
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Words of running news-like text with no sentence end anywhere.
fn endless_sentence(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "officials",
        "in",
        "Tokyo",
        "and",
        "Washington",
        "said",
        "the",
        "talks",
        "on",
        "trade",
        "would",
        "continue",
        "with",
        "President",
        "Joe",
        "Biden",
        "and",
        "Prime",
        "Minister",
        "of",
        "Japan",
        "\u{201C}for",
        "now\u{201D}",
        "as",
        "markets",
        "rose",
        "3.5%",
        "Zo\u{e9}",
        "Ca\u{f1}on",
    ];
    let mut s = String::with_capacity(bytes + 16);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(WORDS[i % WORDS.len()]);
        s.push(' ');
        i = i.wrapping_mul(7).wrapping_add(3) % 1_000_003;
    }
    s
}

fn long_line(mb: usize, seconds: u64) {
    let text = endless_sentence(mb << 20);
    let (out, took) = run_within(&["--compact"], text.clone().into_bytes(), limit(seconds));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = checked(&out.stdout, &text);
    assert_eq!(doc["sentences"].as_array().unwrap().len(), 1);
    eprintln!(
        "{mb} MB line without a sentence end: {took:.2?}, {:.1} ms/MB",
        took.as_secs_f64() * 1e3 / mb as f64
    );
}

#[test]
fn long_line_without_sentence_end() {
    long_line(1, 30);
}

#[test]
#[ignore = "50 MB; run with --ignored"]
fn fifty_mb_line_without_sentence_end() {
    long_line(50, 120);
}

/// Tokenizing, splitting and printing a line 16 times longer takes at most about 16 times
/// as long (the pipeline's own stages; entity extraction is timed by the tests above).
#[test]
fn tokens_sentences_and_output_stay_linear() {
    use analyze::output::{Layout, Options, Origin, write_json};
    use analyze::{Analysis, sentences, tokenize};
    let time = |text: &str| {
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let tokens = tokenize::tokenize(text);
                let sentences = sentences::split(text, &tokens);
                let a = Analysis {
                    text,
                    tokens,
                    sentences,
                    entities: vec![],
                    relations: vec![],
                    quotes: vec![],
                };
                let mut buf = Vec::new();
                let opts = Options {
                    tokens: true,
                    byte_offsets: true,
                };
                write_json(&mut buf, &a, Origin::default(), opts, Layout::Compact).unwrap();
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let (small, big) = (endless_sentence(1 << 20), endless_sentence(16 << 20));
    let (t1, t16) = (time(&small), time(&big));
    eprintln!(
        "tokens+sentences+output: 1 MB {t1:.2?}, 16 MB {t16:.2?} ({:.1} ms/MB)",
        t16.as_secs_f64() * 1e3 / 16.0
    );
    assert!(t16 < t1 * 16 * 3, "1 MB {t1:?}, 16 MB {t16:?}: not linear");
}

/// Sentences naming people in full and companies with a possessive ("McDonald's Corp"),
/// repeated to `bytes`.
fn companies(bytes: usize) -> String {
    let s =
        "Ann Lee met Bob Smith. McDonald's Corp said McDonald's shares rose. Lee's Bank Ltd fell. ";
    s.repeat(bytes / s.len() + 1)
}

/// The whole pipeline on 8 times the text takes at most about 8 times as long, on one long
/// sentence and on ordinary sentences: no stage may be quadratic in the document.
#[test]
fn whole_pipeline_stays_near_linear() {
    let analyzer = analyze::Analyzer::new();
    let time = |text: &str| {
        (0..2)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(analyzer.analyze(text));
                started.elapsed()
            })
            .min()
            .unwrap()
    };
    let with_stops = |text: String| -> String {
        text.split(' ')
            .enumerate()
            .map(|(i, w)| {
                if i % 23 == 22 {
                    format!("{w}.")
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (shape, small, big) in [
        (
            "one sentence",
            endless_sentence(128 << 10),
            endless_sentence(1 << 20),
        ),
        (
            "sentences",
            with_stops(endless_sentence(128 << 10)),
            with_stops(endless_sentence(1 << 20)),
        ),
        ("companies", companies(128 << 10), companies(1 << 20)),
    ] {
        let (t1, t8) = (time(&small), time(&big));
        eprintln!("{shape}: 128 KB {t1:.2?}, 1 MB {t8:.2?}");
        assert!(
            t8 < t1 * 8 * 3,
            "{shape}: 128 KB took {t1:?}, 1 MB {t8:?}: not linear"
        );
    }
}

#[test]
fn hundred_thousand_capitalised_words() {
    const NAMES: &[&str] = &[
        "Alpha",
        "Bravo",
        "Charlie",
        "Delta",
        "Echo",
        "Foxtrot",
        "Golf",
        "Hotel",
        "Minister",
        "President",
        "Japan",
        "United",
        "States",
        "Sea",
        "Islands",
        "Ministry",
        "U.S.",
        "Mr.",
        "Jr.",
    ];
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(NAMES[(i * 31 + i / 7) % NAMES.len()]);
        text.push(' ');
    }
    let (out, took) = run(&["--compact"], text.clone().into_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    checked(&out.stdout, &text);
    eprintln!(
        "100,000 capitalised words ({} KB): {took:.2?}",
        text.len() >> 10
    );
    assert!(took < limit(20), "took {took:?}");
}

#[test]
fn ten_thousand_unbalanced_quotation_marks() {
    const MARKS: &[&str] = &[
        "\"", "\u{201C}", "\u{201D}", "\u{2018}", "'", "\u{00AB}", "\u{201E}",
    ];
    let mut text = String::from("Officials said ");
    for i in 0..10_000 {
        text.push_str(MARKS[i % MARKS.len()]);
        if i % 3 == 0 {
            text.push_str(["it ", "Mr. Kim said. ", "no, ", "the U.S. "][i % 4]);
        }
    }
    for t in [text.clone(), "\"".repeat(10_000), "\u{201C}".repeat(10_000)] {
        let (out, took) = run(&["--compact"], t.clone().into_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        checked(&out.stdout, &t);
        assert!(took < limit(20), "took {took:?}");
    }
}

#[test]
fn runs_without_white_space() {
    for unit in [
        "-",
        "\"",
        "'",
        ".",
        "A",
        "U.S.",
        "a-",
        "1,",
        "\u{201C}",
        "e\u{301}",
        "\u{4e2d}",
        "\u{1F600}\u{200D}",
        "http://x.org/",
    ] {
        let text = unit.repeat((1 << 20) / unit.len());
        let (out, took) = run_within(&["--compact"], text.clone().into_bytes(), limit(30));
        assert_eq!(out.status.code(), Some(0), "{unit:?}: {}", stderr(&out));
        checked(&out.stdout, &text);
        eprintln!("1 MB of {unit:?}: {took:.2?}");
    }
}

/// A deterministic byte stream, so failures can be replayed.
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn binary_files_are_refused_or_repaired() {
    for seed in 1..20 {
        let bytes = noise(50_000, seed);
        let (out, _) = run(&["--compact"], bytes.clone());
        assert_eq!(out.status.code(), Some(1), "binary is an error");
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(doc["error"].as_str().unwrap().contains("binary"), "{doc}");
        // without NUL bytes it is text in a broken encoding: an error, or repaired with --lossy
        let no_nul: Vec<u8> = bytes
            .iter()
            .map(|&b| if b == 0 { b' ' } else { b })
            .collect();
        let (out, _) = run(&["--compact"], no_nul.clone());
        assert_eq!(out.status.code(), Some(1));
        assert!(
            lines(&out)[0]["error"]
                .as_str()
                .unwrap()
                .contains("not UTF-8")
        );
        let (out, took) = run(&["--compact", "--lossy", "--tokens"], no_nul.clone());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        checked(&out.stdout, &String::from_utf8_lossy(&no_nul));
        assert!(took < limit(10));
        // read as JSON Lines: one error object per line that is not blank
        let records = bytes
            .split(|&b| b == b'\n')
            .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
            .count();
        let (out, _) = run(&["--input", "jsonl", "--lossy"], bytes);
        assert_eq!(out.status.code(), Some(1));
        let docs = lines(&out);
        assert_eq!(docs.len(), records);
        assert!(docs.iter().all(|d| d["error"].is_string()));
    }
}

/// Regression: a text "file" that never ends (`/dev/zero`) was read into memory until it ran
/// out; reading stops at the first NUL, which makes it binary anyway.
#[test]
#[cfg(target_os = "linux")]
fn endless_devices_are_refused_without_reading_them_whole() {
    let started = Instant::now();
    let out = bin().args(["--compact", "/dev/zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(lines(&out)[0]["error"].as_str().unwrap().contains("binary"));
    assert!(started.elapsed() < limit(10));
}

/// Text that never ends and holds no NUL (`yes | analyze`) is read up to the longest text
/// one document may be, then refused, rather than filling memory.
#[test]
fn endless_text_on_stdin_is_refused_at_the_limit() {
    let (out, _, written) = run_fed(
        &["--compact", "-"],
        |mut input| {
            let chunk = "Officials met in Oslo on Monday and talked of trade. ".repeat(20_000);
            let mut written = 0usize;
            while input.write_all(chunk.as_bytes()).is_ok() {
                written += chunk.len();
            }
            written
        },
        limit(60),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    let why = docs[0]["error"].as_str().unwrap();
    assert_eq!(
        why,
        format!(
            "text longer than {} bytes: not read",
            analyze::batch::MAX_TEXT
        )
    );
    // what the pipe and one chunk hold besides what was read
    assert!(
        written < analyze::batch::MAX_TEXT + (4 << 20),
        "{written} bytes taken"
    );
}

/// A file longer than one document may be is refused before it is read, and the next goes on.
#[test]
fn a_file_longer_than_a_document_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!("analyze-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = dir.join("huge.txt");
    // sparse: no disk taken, and all NUL, which reading it would find at once
    let f = std::fs::File::create(&huge).unwrap();
    f.set_len(analyze::batch::MAX_TEXT as u64 + 1).unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "Officials met in Oslo on Monday.").unwrap();
    let started = Instant::now();
    let out = bin()
        .args([&huge, &good])
        .arg("--compact")
        .output()
        .unwrap();
    assert!(started.elapsed() < limit(10));
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("text longer than"),
        "{}",
        docs[0]
    );
    assert!(docs[1]["error"].is_null());
}

#[test]
fn odd_encodings_and_line_ends_table() {
    // input, exit status, and the text the offsets refer to (None: an error record)
    let cases: &[(&[u8], i32, Option<&str>)] = &[
        (b"", 0, Some("")),
        (b"\xEF\xBB\xBF", 0, Some("")),
        (
            b"\xEF\xBB\xBF\xEF\xBB\xBFTwo BOMs.",
            0,
            Some("\u{FEFF}Two BOMs."),
        ),
        (b"\xEF\xBB\xBFOne.\r\nTwo.\r\n", 0, Some("One.\r\nTwo.\r\n")),
        (
            b"Lone\rcarriage\rreturns.\r",
            0,
            Some("Lone\rcarriage\rreturns.\r"),
        ),
        (b"\r\r\r\n\n\r", 0, Some("\r\r\r\n\n\r")),
        (b"   \t\x0b\x0c  ", 0, Some("   \t\x0b\x0c  ")),
        (
            b"\x01\x02\x1b[31mred\x1b[0m\x7f",
            0,
            Some("\x01\x02\x1b[31mred\x1b[0m\x7f"),
        ),
        (
            "\u{2028}Line\u{2029}Para\u{85}graph".as_bytes(),
            0,
            Some("\u{2028}Line\u{2029}Para\u{85}graph"),
        ),
        (
            "e\u{301}\u{301}\u{301} \u{301}\u{200D}\u{200D} \u{1F469}\u{200D}\u{1F467}".as_bytes(),
            0,
            Some("e\u{301}\u{301}\u{301} \u{301}\u{200D}\u{200D} \u{1F469}\u{200D}\u{1F467}"),
        ),
        (b"NUL\x00inside", 1, None),
        (b"\x00", 1, None),
        (b"\xEF\xBB\xBF\x00", 1, None),
        (b"bad \xC3\x28 byte", 1, None),
        (b"truncated \xE2\x82", 1, None),
        (b"surrogate \xED\xA0\x80", 1, None),
        (b"overlong \xC0\xAF", 1, None),
        (b"\xFF\xFEU\x00T\x00F\x00-\x001\x006\x00", 1, None),
    ];
    for (input, status, text) in cases {
        let (out, _) = run(&["--compact", "--tokens", "--byte-offsets"], input.to_vec());
        assert_eq!(
            out.status.code(),
            Some(*status),
            "{input:?}: {}",
            stderr(&out)
        );
        match text {
            Some(t) => drop(checked(&out.stdout, t)),
            None => {
                let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
                assert!(doc["error"].is_string(), "{input:?}: {doc}");
                assert!(!stderr(&out).is_empty());
            }
        }
    }
}

fn jsonl_line(mb: usize) {
    let text = endless_sentence(mb << 20);
    let mut input = serde_json::to_vec(&serde_json::json!({"id": "big", "text": text})).unwrap();
    input.extend_from_slice(b"\n{\"id\": \"after\", \"text\": \"Still here.\"}\n");
    let (out, took) = run_within(&["--input", "jsonl"], input, limit(mb as u64 * 2 + 30));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "big");
    assert_eq!(docs[1]["id"], "after");
    check_document(&docs[0], &text).unwrap();
    eprintln!(
        "{mb} MB JSON Lines record: {took:.2?}, {:.1} ms/MB",
        took.as_secs_f64() * 1e3 / mb as f64
    );
}

#[test]
fn one_mb_jsonl_line() {
    jsonl_line(1);
}

#[test]
#[ignore = "100 MB; run with --ignored"]
fn hundred_mb_jsonl_line() {
    jsonl_line(100);
}

#[test]
fn deeply_nested_json_lines_are_one_error_or_one_document_each() {
    let deep =
        |open: &str, close: &str| format!("{}{}", open.repeat(200_000), close.repeat(200_000));
    // each line, and the text it carries if it is a record (None: an error object)
    let cases: Vec<(String, Option<&str>)> = vec![
        (
            format!(
                "{{\"text\": \"Nested elsewhere.\", \"x\": {}}}",
                deep("[", "]")
            ),
            Some("Nested elsewhere."),
        ),
        (format!("{{\"text\": {}}}", deep("[", "]")), None),
        (
            format!(
                "{{\"id\": {}, \"text\": \"Nested id.\"}}",
                deep("{\"a\":", "}")
            ),
            None,
        ),
        (deep("[", "]"), None),
        (deep("{\"a\":", "}"), None),
        ("[".repeat(300_000), None),
        ("{\"text\": \"unterminated".to_string(), None),
        ("{\"text\": \"raw\rcarriage return\"}".to_string(), None),
        (
            "{\"text\": \"escaped\\rcarriage return\"}".to_string(),
            Some("escaped\rcarriage return"),
        ),
        ("{\"text\": \"Fine.\"}\r".to_string(), Some("Fine.")),
        (
            "{\"text\": \"a\\ud800 lone surrogate escape\"}".to_string(),
            None,
        ),
        (
            "{\"text\": \"Duplicate.\", \"text\": \"keys\"}".to_string(),
            None,
        ),
        ("{\"text\": null}".to_string(), None),
        ("\"just a string\"".to_string(), None),
        ("{\"id\": 1e999, \"text\": \"Huge id.\"}".to_string(), None),
        (
            "{\"id\": 12345678901234567890123, \"text\": \"Long id.\"}".to_string(),
            Some("Long id."),
        ),
    ];
    let input: Vec<&str> = cases.iter().map(|(l, _)| l.as_str()).collect();
    let (out, took) = run(&["--input", "jsonl"], input.join("\n").into_bytes());
    assert!(took < limit(20), "took {took:?}");
    assert_eq!(out.status.code(), Some(1));
    let docs = lines(&out);
    assert_eq!(docs.len(), cases.len(), "one line out per line in");
    for (i, ((_, text), doc)) in cases.iter().zip(&docs).enumerate() {
        match text {
            Some(t) => {
                assert!(doc.get("error").is_none(), "line {}: {doc}", i + 1);
                check_document(doc, t).unwrap();
            }
            None => {
                assert!(doc["error"].is_string(), "line {}: {doc}", i + 1);
                assert_eq!(doc["line"], i + 1, "{doc}");
            }
        }
    }
    let err = stderr(&out);
    assert!(err.contains(&format!("{} documents", cases.len())), "{err}");
}

#[test]
fn unreadable_paths_are_named_and_the_rest_goes_on() {
    let dir = std::env::temp_dir().join(format!("analyze-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.txt");
    std::fs::write(&good, "Officials met in Oslo on Monday.").unwrap();
    let not_dir = dir.join("good.txt/child.txt");
    let missing = dir.join("missing.txt");
    let locked = dir.join("locked.txt");
    std::fs::write(&locked, "Secret.").unwrap();
    let mut args = vec![good.clone(), dir.clone(), not_dir, missing, good.clone()];
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if std::fs::read(&locked).is_err() {
            args.push(locked.clone()); // not when running as root, who reads it anyway
        }
    }
    let out = bin().args(&args).arg("--compact").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some files were read");
    let docs = lines(&out);
    assert_eq!(docs.len(), args.len());
    for (path, doc) in args.iter().zip(&docs) {
        assert_eq!(doc["source"], path.display().to_string());
    }
    assert!(docs[0]["error"].is_null() && docs[4]["error"].is_null());
    assert!(docs[1]["error"].as_str().unwrap().contains("directory"));
    assert!(
        docs[2]["error"]
            .as_str()
            .unwrap()
            .contains("not a directory"),
        "{}",
        docs[2]
    );
    assert!(docs[3]["error"].as_str().unwrap().contains("no such file"));
    if let Some(d) = docs.get(5) {
        assert!(
            d["error"].as_str().unwrap().contains("permission denied"),
            "{d}"
        );
    }
    for (i, path) in args.iter().enumerate().filter(|(i, _)| ![0, 4].contains(i)) {
        assert!(
            stderr(&out).contains(&path.display().to_string()),
            "stderr names {i}"
        );
    }
    // JSON Lines from a directory or a missing file
    let out = bin()
        .args(["--input", "jsonl"])
        .arg(&dir)
        .arg(dir.join("missing.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "nothing could be read");
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn closed_stdout_after_one_byte_exits_0_quietly() {
    for args in [&["--compact"][..], &["--input", "jsonl"][..], &[][..]] {
        let input = if args.contains(&"jsonl") {
            "{\"text\": \"Officials in Berlin met on Monday.\"}\n".repeat(50_000)
        } else {
            endless_sentence(256 << 10)
        };
        let mut child = bin()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        stdout.read_exact(&mut one).unwrap(); // as `| head -c 1`
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}

/// Streams `mb` megabytes of JSON Lines through `analyze` while sampling its peak resident
/// memory; returns (records in, lines out, peak RSS in MB, time).
#[cfg(target_os = "linux")]
fn stream(mb: usize, jobs: &str) -> (u64, u64, u64, Duration) {
    let started = Instant::now();
    let mut child = bin()
        .args(["--input", "jsonl", "--quiet", "--jobs", jobs])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut written = 0;
        let mut n = 0u64;
        let body = endless_sentence(3000);
        let mut line = Vec::new();
        while written < mb << 20 {
            line.clear();
            let mut cut = 1000 + (n as usize * 37) % 2000;
            while !body.is_char_boundary(cut) {
                cut -= 1;
            }
            let text = format!("{}. Record {n} ends \u{201C}here.\u{201D}", &body[..cut]);
            serde_json::to_writer(&mut line, &serde_json::json!({"id": n, "text": text})).unwrap();
            line.push(b'\n');
            if stdin.write_all(&line).is_err() {
                break;
            }
            written += line.len();
            n += 1;
        }
        n
    });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut lines = 0u64;
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => return lines,
                Ok(n) => lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64,
            }
        }
    });
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    while child.try_wait().unwrap().is_none() {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(kb) = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))
        {
            peak_kb = peak_kb.max(
                kb.trim()
                    .trim_end_matches(" kB")
                    .trim()
                    .parse()
                    .unwrap_or(0),
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(child.wait().unwrap().success());
    (
        writer.join().unwrap(),
        reader.join().unwrap(),
        peak_kb >> 10,
        started.elapsed(),
    )
}

#[test]
#[cfg(target_os = "linux")]
fn long_stream_in_constant_memory() {
    let (records, out_lines, peak_mb, took) = stream(16, "2");
    eprintln!("stream: {records} records, peak RSS {peak_mb} MB, {took:.2?}");
    assert_eq!(records, out_lines);
    assert!(peak_mb < 100, "peak RSS {peak_mb} MB");
}

#[test]
#[cfg(target_os = "linux")]
#[ignore = "1 GB; run with --ignored"]
fn gigabyte_stream_in_constant_memory() {
    let (records, out_lines, peak_mb, took) = stream(1024, "2");
    eprintln!(
        "1 GB stream: {records} records, peak RSS {peak_mb} MB, {took:.2?}, {:.1} MB/s",
        1024.0 / took.as_secs_f64()
    );
    assert_eq!(records, out_lines);
    assert!(peak_mb < 100, "peak RSS {peak_mb} MB");
}

#[test]
fn batch_reports_every_failure_and_exits_1() {
    let mut input = String::new();
    let mut bad = 0;
    for i in 0..2000 {
        match i % 10 {
            3 => {
                input.push_str("{\"id\": \"x\"\n");
                bad += 1;
            }
            7 => {
                input.push_str(&format!("{{\"id\": {i}, \"text\": 42}}\n"));
                bad += 1;
            }
            _ => input.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"Record {i} is \u{201C}fine.\u{201D}\"}}\n"
            )),
        }
    }
    for jobs in ["1", "3"] {
        let (out, _) = run(
            &["--input", "jsonl", "--jobs", jobs],
            input.clone().into_bytes(),
        );
        assert_eq!(out.status.code(), Some(1));
        let docs = lines(&out);
        assert_eq!(docs.len(), 2000);
        for (i, d) in docs.iter().enumerate() {
            assert_eq!(
                d["line"].is_number(),
                [3, 7].contains(&(i % 10)),
                "line {}: {d}",
                i + 1
            );
            if i % 10 != 3 {
                assert_eq!(d["id"], i, "in order");
            }
        }
        let err = stderr(&out);
        assert_eq!(
            err.lines().filter(|l| l.contains(" line ")).count(),
            bad,
            "{err}"
        );
        assert!(
            err.contains(&format!("2000 documents, {bad} errors")),
            "{err}"
        );
    }
    let (out, _) = run(
        &["--input", "jsonl"],
        b"{\"text\": \"All good.\"}\n\n{\"text\": \"Yes.\"}\n".to_vec(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("2 documents, 0 errors"),
        "{}",
        stderr(&out)
    );
}
