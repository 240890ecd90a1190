//! Batches: many documents in, one result each out, in input order, on all cores.
//!
//! Records are read in chunks bounded by count and by bytes, each chunk is analysed by
//! `jobs` threads, and the outputs are written in input order before the next chunk is read.
//! Memory therefore stays bounded however long the stream is, and a record that cannot be
//! analysed yields an error record in its place: nothing is dropped or reordered.

use std::io::{self, BufRead, Write};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use crate::Analyzer;
use crate::output::{self, Layout, Options, Origin};
use crate::text;

/// How documents are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON document per input, in the given layout.
    Json(Layout),
    /// One compact JSON object per line.
    Jsonl,
    /// A readable summary.
    Text,
}

/// One input document, or why there is none.
#[derive(Debug, Clone)]
pub struct Record {
    /// File name (for files) or the JSON Lines file's name.
    pub source: Option<String>,
    /// The `id` of a JSON Lines record.
    pub id: Option<Value>,
    /// The line of a JSON Lines record, 1-based; printed only with errors.
    pub line: Option<u64>,
    pub body: Result<String, String>,
}

impl Record {
    fn size(&self) -> usize {
        self.body.as_ref().map_or(0, String::len)
    }
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: u64,
    pub errors: u64,
    pub bytes: u64,
}

/// Settings of a batch run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub format: Format,
    pub output: Options,
    /// Worker threads; 1 analyses on the calling thread.
    pub jobs: usize,
    /// Report progress on stderr about once a second.
    pub progress: bool,
}

const CHUNK_RECORDS: usize = 4096;
const CHUNK_BYTES: usize = 8 << 20;

/// Analyses every record and writes one result per record, in order. Errors are reported
/// on stderr as they are met (naming the record) and counted in the summary; an `Err` from
/// this function means the output itself could not be written.
pub fn run<I, W>(
    analyzer: &Analyzer,
    records: I,
    out: &mut W,
    settings: Settings,
) -> io::Result<Summary>
where
    I: IntoIterator<Item = Record>,
    W: Write,
{
    let mut records = records.into_iter().peekable();
    let mut summary = Summary::default();
    let started = Instant::now();
    let mut last_report = started;
    let jobs = settings.jobs.max(1);
    while records.peek().is_some() {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while let Some(r) = records.next_if(|_| chunk.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES)
        {
            bytes += r.size();
            chunk.push(r);
        }
        let outputs = render_chunk(analyzer, &chunk, settings, jobs);
        for (record, rendered) in chunk.iter().zip(outputs) {
            summary.documents += 1;
            summary.bytes += record.size() as u64;
            if let Err(e) = &record.body {
                summary.errors += 1;
                eprintln!("analyze: {}: {e}", describe(record));
            }
            out.write_all(&rendered)?;
        }
        if settings.progress && last_report.elapsed() >= Duration::from_secs(1) {
            last_report = Instant::now();
            eprint!(
                "\ranalyze: {} documents, {:.1} MB, {:.1} s",
                summary.documents,
                summary.bytes as f64 / 1e6,
                started.elapsed().as_secs_f64()
            );
        }
    }
    if settings.progress && last_report != started {
        eprintln!();
    }
    out.flush()?;
    Ok(summary)
}

/// Names a record in messages: "file.jsonl line 17 (id \"a1\")", "article.txt".
pub fn describe(r: &Record) -> String {
    let mut s = r.source.clone().unwrap_or_else(|| "<stdin>".to_string());
    if let Some(line) = r.line {
        s.push_str(&format!(" line {line}"));
    }
    if let Some(id) = &r.id {
        s.push_str(&format!(" (id {id})"));
    }
    s
}

fn render_chunk(
    analyzer: &Analyzer,
    chunk: &[Record],
    settings: Settings,
    jobs: usize,
) -> Vec<Vec<u8>> {
    if jobs == 1 || chunk.len() == 1 {
        return chunk
            .iter()
            .map(|r| render(analyzer, r, settings))
            .collect();
    }
    // contiguous slices of similar byte size, one per worker
    let total: usize = chunk.iter().map(|r| r.size() + 64).sum();
    let per = total / jobs + 1;
    let mut bounds = vec![0];
    let mut acc = 0;
    for (i, r) in chunk.iter().enumerate() {
        acc += r.size() + 64;
        if acc >= per * bounds.len() && bounds.len() < jobs {
            bounds.push(i + 1);
        }
    }
    bounds.push(chunk.len());
    bounds.dedup();
    std::thread::scope(|s| {
        let handles: Vec<_> = bounds
            .windows(2)
            .map(|w| {
                let part = &chunk[w[0]..w[1]];
                s.spawn(move || {
                    part.iter()
                        .map(|r| render(analyzer, r, settings))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("analysis thread panicked"))
            .collect()
    })
}

/// Analyses one record and prints it (or its error record) into a buffer.
pub fn render(analyzer: &Analyzer, r: &Record, settings: Settings) -> Vec<u8> {
    let mut buf = Vec::with_capacity(r.size() * 2 + 128);
    let origin = Origin {
        source: if r.id.is_some() {
            None
        } else {
            r.source.as_deref()
        },
        id: r.id.as_ref(),
    };
    let layout = match settings.format {
        Format::Json(l) => l,
        _ => Layout::Compact,
    };
    let written = match &r.body {
        Ok(text) => {
            let a = analyzer.analyze(text);
            match settings.format {
                Format::Text => output::write_text(&mut buf, &a, origin),
                _ => output::write_json(&mut buf, &a, origin, settings.output, layout),
            }
        }
        Err(e) => {
            let origin = Origin {
                source: r.source.as_deref(),
                id: r.id.as_ref(),
            };
            match settings.format {
                Format::Text => writeln!(buf, "{}: error: {e}\n", describe(r)),
                _ => output::write_error(&mut buf, origin, r.line, e, layout),
            }
        }
    };
    written.expect("writing into a Vec cannot fail");
    buf
}

#[derive(Deserialize)]
struct RawRecord {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    text: Option<Value>,
}

/// Reads JSON Lines records (`{"id": ..., "text": ...}`) one line at a time. Blank lines are
/// not records and are skipped; every other line yields exactly one [`Record`].
pub struct JsonLines<R> {
    reader: R,
    source: String,
    lossy: bool,
    line: u64,
    buf: Vec<u8>,
    /// An error reading the stream itself; reported once as the last record.
    failed: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, source: impl Into<String>, lossy: bool) -> Self {
        JsonLines {
            reader,
            source: source.into(),
            lossy,
            line: 0,
            buf: Vec::new(),
            failed: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if self.failed {
                return None;
            }
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.failed = true;
                    return Some(Record {
                        source: Some(self.source.clone()),
                        id: None,
                        line: Some(self.line + 1),
                        body: Err(format!("cannot read: {e}")),
                    });
                }
            }
            self.line += 1;
            let line = if self.line == 1 {
                self.buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&self.buf)
            } else {
                &self.buf[..]
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_line(line, &self.source, self.line, self.lossy));
        }
    }
}

fn parse_line(line: &[u8], source: &str, number: u64, lossy: bool) -> Record {
    let mut record = Record {
        source: Some(source.to_string()),
        id: None,
        line: Some(number),
        body: Err(String::new()),
    };
    let decoded = match text::decode(line, lossy) {
        Ok(s) => s,
        // a NUL inside a JSON string is escaped, so a raw one means the line is not JSON
        Err(text::DecodeError::Binary { byte }) => {
            record.body = Err(format!(
                "not a JSON object: NUL byte at column {}",
                byte + 1
            ));
            return record;
        }
        Err(text::DecodeError::InvalidUtf8 { byte }) => {
            record.body = Err(format!(
                "not UTF-8 text: invalid byte sequence at column {} (use --lossy to replace it)",
                byte + 1
            ));
            return record;
        }
    };
    match serde_json::from_str::<RawRecord>(&decoded) {
        Err(e) => record.body = Err(format!("not a JSON object with a \"text\" field: {e}")),
        Ok(raw) => {
            record.id = raw.id;
            record.body = match raw.text {
                Some(Value::String(t)) => Ok(match text::strip_bom(&t) {
                    s if s.len() == t.len() => t,
                    s => s.to_string(),
                }),
                Some(other) => Err(format!(
                    "\"text\" must be a string, not {}",
                    json_kind(&other)
                )),
                None => Err("no \"text\" field".to_string()),
            };
        }
    }
    record
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(input: &str) -> Vec<Record> {
        JsonLines::new(input.as_bytes(), "in.jsonl", false).collect()
    }

    #[test]
    fn json_lines_table() {
        let input = "{\"id\": \"a\", \"text\": \"Hello.\", \"extra\": [1]}\n\n{\"text\": \"No id\"}\r\nnot json\n{\"id\": 3}\n{\"id\": 4, \"text\": 5}\n[1,2]\n";
        let r = records(input);
        assert_eq!(r.len(), 6);
        assert_eq!(r[0].id, Some(Value::from("a")));
        assert_eq!(r[0].body.as_deref(), Ok("Hello."));
        assert_eq!(r[1].body.as_deref(), Ok("No id"));
        assert_eq!(r[1].line, Some(3));
        assert!(
            r[2].body
                .as_ref()
                .unwrap_err()
                .starts_with("not a JSON object")
        );
        assert_eq!(r[3].body.as_ref().unwrap_err(), "no \"text\" field");
        assert_eq!(r[3].id, Some(Value::from(3)));
        assert_eq!(
            r[4].body.as_ref().unwrap_err(),
            "\"text\" must be a string, not a number"
        );
        assert!(r[5].body.is_err());
    }

    #[test]
    fn invalid_utf8_line_is_an_error_unless_lossy() {
        let input = b"{\"text\": \"a\xFFb\"}\n";
        let strict: Vec<_> = JsonLines::new(&input[..], "x", false).collect();
        assert!(strict[0].body.as_ref().unwrap_err().contains("column 12"));
        let lossy: Vec<_> = JsonLines::new(&input[..], "x", true).collect();
        assert_eq!(lossy[0].body.as_deref(), Ok("a\u{FFFD}b"));
    }

    #[test]
    fn deeply_nested_line_is_an_error_not_a_crash() {
        // deep nesting in an ignored field is skipped; in "text" it is refused
        let ignored = format!(
            "{{\"text\": \"x\", \"n\": {}{}}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let r = records(&ignored);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].body.as_deref().ok(), Some("x"));
        let in_text = format!(
            "{{\"text\": {}{}}}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let r = records(&in_text);
        assert_eq!(r.len(), 1);
        assert!(r[0].body.is_err());
    }

    #[test]
    fn run_keeps_order_and_counts_errors_on_many_threads() {
        let mut input = String::new();
        for i in 0..500 {
            if i % 7 == 3 {
                input.push_str("oops\n");
            } else {
                input.push_str(&format!(
                    "{{\"id\": {i}, \"text\": \"Document number {i}. It ends.\"}}\n"
                ));
            }
        }
        let analyzer = Analyzer::new();
        for jobs in [1, 2, 5] {
            let mut out = Vec::new();
            let settings = Settings {
                format: Format::Jsonl,
                output: Options::default(),
                jobs,
                progress: false,
            };
            let summary = run(&analyzer, records(&input), &mut out, settings).unwrap();
            assert_eq!(summary.documents, 500);
            assert_eq!(
                summary.errors,
                (0..500).filter(|i| i % 7 == 3).count() as u64
            );
            let lines: Vec<Value> = String::from_utf8(out)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines.len(), 500);
            for (i, l) in lines.iter().enumerate() {
                if i % 7 == 3 {
                    assert_eq!(l["line"], i + 1);
                    assert!(l["error"].is_string());
                } else {
                    assert_eq!(l["id"], i);
                    assert_eq!(l["sentences"].as_array().unwrap().len(), 2);
                }
            }
        }
    }
}
