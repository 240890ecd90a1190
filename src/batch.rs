//! Batches: many documents in, one result each out, in input order, on all cores.
//!
//! Records are read in chunks bounded by count and by bytes, each chunk is analysed by
//! `jobs` threads (workers that live for the whole run, so their memories of words stay
//! warm) while the next one is read, and the outputs are written in input order.
//! At most two chunks are held at once, so memory stays bounded however long the stream is,
//! and a record that cannot be analysed yields an error record in its place: nothing is
//! dropped or reordered.

use std::io::{self, BufRead, Write};
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
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

const CHUNK_RECORDS: usize = 2048;
/// More threads than this are not started, whatever `--jobs` says.
const MAX_JOBS: usize = 256;
const CHUNK_BYTES: usize = 4 << 20;

/// Analyses every record and writes one result per record, in order. Errors are reported
/// on stderr as they are met (naming the record) and counted in the summary; an `Err` from
/// this function means the output itself could not be written.
///
/// With more than one job, `jobs - 1` worker threads live as long as the run, so what each
/// thread remembers of the words it has seen stays warm from one chunk to the next. The
/// calling thread reads (and parses) the next chunk while the workers analyse the current
/// one, then joins in; the next chunk is handed out before the current one is written, so
/// reading and writing are not serial steps between chunks.
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
    let mut records = records.into_iter();
    let mut progress = Progress::new(settings.progress);
    let jobs = settings.jobs.clamp(1, MAX_JOBS);
    let chunk = read_chunk(&mut records);
    // a first chunk of one small record (or none) is the whole stream: nothing to share out
    let single = chunk.len() < 2 && chunk.iter().all(|r| r.size() < CHUNK_BYTES);
    if jobs == 1 || single {
        run_here(analyzer, chunk, &mut records, out, settings, &mut progress)?;
    } else {
        run_pooled(
            analyzer,
            chunk,
            &mut records,
            out,
            settings,
            jobs,
            &mut progress,
        )?;
    }
    progress.finish();
    out.flush()?;
    Ok(progress.summary)
}

/// What has been written, reported on stderr about once a second when asked for.
struct Progress {
    summary: Summary,
    report: bool,
    started: Instant,
    last_report: Instant,
}

impl Progress {
    fn new(report: bool) -> Progress {
        let now = Instant::now();
        Progress {
            summary: Summary::default(),
            report,
            started: now,
            last_report: now,
        }
    }

    /// Counts a record written, and reports it on stderr if it failed (`panicked`: why its
    /// analysis was cut short).
    fn account(&mut self, record: &Record, panicked: Option<&str>) {
        let summary = &mut self.summary;
        summary.documents += 1;
        summary.bytes += record.size() as u64;
        let failure = match (&record.body, panicked) {
            (Err(e), _) => Some(e.as_str()),
            (Ok(_), e) => e,
        };
        if let Some(e) = failure {
            summary.errors += 1;
            eprintln!("analyze: {}: {e}", describe(record));
        }
    }

    /// Reports progress if a second has gone by since the last report.
    fn tick(&mut self) {
        if self.report && self.last_report.elapsed() >= Duration::from_secs(1) {
            self.last_report = Instant::now();
            eprint!(
                "\ranalyze: {} documents, {:.1} MB, {:.1} s",
                self.summary.documents,
                self.summary.bytes as f64 / 1e6,
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    /// Ends the progress line, if one was printed.
    fn finish(&self) {
        if self.report && self.last_report != self.started {
            eprintln!();
        }
    }
}

/// Analyses every record on the calling thread, one output buffer reused throughout.
fn run_here(
    analyzer: &Analyzer,
    mut chunk: Vec<Record>,
    records: &mut impl Iterator<Item = Record>,
    out: &mut impl Write,
    settings: Settings,
    progress: &mut Progress,
) -> io::Result<()> {
    let mut buf = Vec::new();
    while !chunk.is_empty() {
        for record in &chunk {
            buf.clear();
            let panicked = render_guarded_into(analyzer, record, settings, &mut buf);
            progress.account(record, panicked.as_deref());
            out.write_all(&buf)?;
            if buf.capacity() > KEEP_BUFFER {
                buf = Vec::new(); // one huge document's output is not kept
            }
        }
        progress.tick();
        chunk = read_chunk(records);
    }
    Ok(())
}

/// One chunk being analysed by the pool: threads take its records one at a time, so that a
/// slow record does not hold up the others' share.
struct Chunk {
    records: Vec<Record>,
    next: AtomicUsize,
}

impl Chunk {
    fn new(records: Vec<Record>) -> Arc<Chunk> {
        Arc::new(Chunk {
            records,
            next: AtomicUsize::new(0),
        })
    }

    /// Analyses records of the chunk until none is left, handing each result to `done`.
    fn work(&self, analyzer: &Analyzer, settings: Settings, mut done: impl FnMut(usize, Rendered)) {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(r) = self.records.get(i) else { break };
            done(i, render_guarded(analyzer, r, settings));
        }
    }
}

/// [`run`] on `jobs` threads: `jobs - 1` workers and the calling thread.
fn run_pooled(
    analyzer: &Analyzer,
    first: Vec<Record>,
    records: &mut impl Iterator<Item = Record>,
    out: &mut impl Write,
    settings: Settings,
    jobs: usize,
    progress: &mut Progress,
) -> io::Result<()> {
    std::thread::scope(|s| {
        let (done_tx, done_rx) = mpsc::channel::<(usize, Rendered)>();
        // a thread the system refuses is one helper fewer, not a failed run
        let workers: Vec<mpsc::Sender<Arc<Chunk>>> = (1..jobs)
            .map_while(|_| {
                let (tx, rx) = mpsc::channel::<Arc<Chunk>>();
                let done = done_tx.clone();
                std::thread::Builder::new()
                    .spawn_scoped(s, move || {
                        for chunk in rx {
                            chunk.work(analyzer, settings, |i, r| {
                                // the receiver outlives the workers unless writing failed
                                let _ = done.send((i, r));
                            });
                        }
                    })
                    .ok()
                    .map(|_| tx)
            })
            .collect();
        drop(done_tx);
        let hand_out = |chunk: &Arc<Chunk>| {
            for w in &workers {
                // a worker that is gone leaves its share to the others
                let _ = w.send(Arc::clone(chunk));
            }
        };
        let mut current = Chunk::new(first);
        hand_out(&current);
        while !current.records.is_empty() {
            let next = Chunk::new(read_chunk(records));
            let mut outputs: Vec<Option<Rendered>> = Vec::new();
            outputs.resize_with(current.records.len(), || None);
            let mut got = 0;
            current.work(analyzer, settings, |i, r| {
                outputs[i] = Some(r);
                got += 1;
            });
            while got < outputs.len() {
                let (i, r) = done_rx
                    .recv()
                    .expect("workers render every record they take, panics included");
                outputs[i] = Some(r);
                got += 1;
            }
            if !next.records.is_empty() {
                hand_out(&next);
            }
            for (record, rendered) in current.records.iter().zip(outputs) {
                let (bytes, panicked) = match rendered.expect("every record rendered") {
                    Ok(bytes) => (bytes, None),
                    Err((bytes, e)) => (bytes, Some(e)),
                };
                progress.account(record, panicked.as_deref());
                if let Err(e) = out.write_all(&bytes) {
                    // the workers leave the rest of the next chunk alone
                    next.next.store(usize::MAX / 2, Ordering::Relaxed);
                    return Err(e);
                }
            }
            progress.tick();
            current = next;
        }
        Ok(())
        // dropping `workers` ends their loops; the scope joins them
    })
}

/// The next records, up to [`CHUNK_RECORDS`] of them or [`CHUNK_BYTES`] of text.
fn read_chunk(records: &mut impl Iterator<Item = Record>) -> Vec<Record> {
    let mut chunk = Vec::new();
    let mut bytes = 0;
    while chunk.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
        let Some(r) = records.next() else { break };
        bytes += r.size();
        chunk.push(r);
    }
    chunk
}

/// A record's output, or the error record that replaced it and why.
type Rendered = Result<Vec<u8>, (Vec<u8>, String)>;

/// [`render`], with a panic in the analysis turned into an error record for that document, so
/// that one document that trips a bug does not take the rest of a batch down with it.
fn render_guarded(analyzer: &Analyzer, r: &Record, settings: Settings) -> Rendered {
    guard(
        r,
        || render(analyzer, r, settings),
        |failed| render(analyzer, failed, settings),
    )
}

/// Runs `work` for record `r`; if it panics, renders `r` as failed (with `on_panic`) instead.
fn guard(
    r: &Record,
    work: impl FnOnce() -> Vec<u8>,
    on_panic: impl FnOnce(&Record) -> Vec<u8>,
) -> Rendered {
    match std::panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(bytes) => Ok(bytes),
        Err(payload) => {
            let (failed, e) = failed(r, payload);
            Err((on_panic(&failed), e))
        }
    }
}

/// [`render_guarded`] into `buf`: returns why the analysis panicked, if it did, in which
/// case `buf` holds the error record instead of a partial output.
fn render_guarded_into(
    analyzer: &Analyzer,
    r: &Record,
    settings: Settings,
    buf: &mut Vec<u8>,
) -> Option<String> {
    guard_into(
        r,
        buf,
        |buf| render_into(analyzer, r, settings, buf),
        |failed, buf| render_into(analyzer, failed, settings, buf),
    )
}

/// [`guard`] appending to `buf`: what `work` wrote before it panicked is taken back.
fn guard_into(
    r: &Record,
    buf: &mut Vec<u8>,
    work: impl FnOnce(&mut Vec<u8>),
    on_panic: impl FnOnce(&Record, &mut Vec<u8>),
) -> Option<String> {
    let start = buf.len();
    match std::panic::catch_unwind(AssertUnwindSafe(|| work(&mut *buf))) {
        Ok(()) => None,
        Err(payload) => {
            let (failed, e) = failed(r, payload);
            buf.truncate(start);
            on_panic(&failed, buf);
            Some(e)
        }
    }
}

/// The error record that stands in for `r` when its analysis panicked, and the error.
fn failed(r: &Record, payload: Box<dyn std::any::Any + Send>) -> (Record, String) {
    let why = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_string());
    let e =
        format!("internal error while analysing this document (a bug; please report it): {why}");
    let failed = Record {
        source: r.source.clone(),
        id: r.id.clone(),
        line: r.line,
        body: Err(e.clone()),
    };
    (failed, e)
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

/// Analyses one record and prints it (or its error record) into a buffer.
pub fn render(analyzer: &Analyzer, r: &Record, settings: Settings) -> Vec<u8> {
    let mut buf = Vec::with_capacity(r.size() * 2 + 128);
    render_into(analyzer, r, settings, &mut buf);
    buf
}

/// [`render`], appending to `buf`.
fn render_into(analyzer: &Analyzer, r: &Record, settings: Settings, buf: &mut Vec<u8>) {
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
            match (settings.format, layout) {
                (Format::Text, _) => output::write_text(buf, &a, origin),
                (_, Layout::Compact) => {
                    output::write_compact_into(buf, &a, origin, settings.output);
                    Ok(())
                }
                (_, Layout::Pretty) => output::write_json(buf, &a, origin, settings.output, layout),
            }
        }
        Err(e) => {
            let origin = Origin {
                source: r.source.as_deref(),
                id: r.id.as_ref(),
            };
            match settings.format {
                Format::Text => writeln!(buf, "{}: error: {e}\n", describe(r)),
                _ => output::write_error(buf, origin, r.line, e, layout),
            }
        }
    };
    written.expect("writing into a Vec cannot fail");
}

#[derive(Deserialize, Debug, PartialEq)]
struct RawRecord {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    text: Option<Value>,
}

/// Reads JSON Lines records (`{"id": ..., "text": ...}`) one line at a time. Blank lines are
/// not records and are skipped; every other line yields exactly one [`Record`].
///
/// A line longer than [`MAX_LINE`] bytes becomes an error record without being held in
/// memory, so a stream with no line breaks at all (`/dev/zero`, a binary file) cannot
/// exhaust it.
pub struct JsonLines<R> {
    reader: R,
    source: String,
    lossy: bool,
    line: u64,
    buf: Vec<u8>,
    max_line: usize,
    /// An error reading the stream itself; reported once as the last record.
    failed: bool,
}

/// The longest JSON Lines line read, in bytes: 256 MB.
pub const MAX_LINE: usize = 256 << 20;

/// The longest text read as one document from a file or stdin, in bytes: as long as the
/// longest JSON Lines line. The analysis of one document takes about 25 times its size.
pub const MAX_TEXT: usize = MAX_LINE;

/// A line buffer grown past this by one long line is let go after it, not kept for the rest
/// of the stream.
const KEEP_BUFFER: usize = 4 << 20;

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, source: impl Into<String>, lossy: bool) -> Self {
        JsonLines {
            reader,
            source: source.into(),
            lossy,
            line: 0,
            buf: Vec::new(),
            max_line: MAX_LINE,
            failed: false,
        }
    }

    /// Sets the longest line read (default [`MAX_LINE`]).
    pub fn max_line(mut self, bytes: usize) -> Self {
        self.max_line = bytes;
        self
    }

    fn error(&self, line: u64, why: String) -> Record {
        Record {
            source: Some(self.source.clone()),
            id: None,
            line: Some(line),
            body: Err(why),
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
            if self.buf.capacity() > KEEP_BUFFER {
                self.buf = Vec::new();
            }
            self.buf.clear();
            match read_line(&mut self.reader, &mut self.buf, self.max_line + 1) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.failed = true;
                    return Some(self.error(self.line + 1, format!("cannot read: {e}")));
                }
            }
            self.line += 1;
            if self.buf.len() > self.max_line && !self.buf.ends_with(b"\n") {
                self.buf = Vec::new();
                let why = format!("line longer than {} bytes: not read", self.max_line);
                return Some(match self.reader.skip_until(b'\n') {
                    Ok(_) => self.error(self.line, why),
                    Err(e) => {
                        self.failed = true;
                        self.error(self.line, format!("{why}; then cannot read: {e}"))
                    }
                });
            }
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

/// Appends to `buf` the bytes of `reader` up to and with the next `\n`, or up to `limit`
/// bytes, or to the end: what `reader.take(limit).read_until(b'\n', buf)` appends, with the
/// line break found sixteen bytes at a time. Returns how many bytes were appended.
fn read_line<R: BufRead>(reader: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut read = 0;
    while read < limit {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let window = &available[..available.len().min(limit - read)];
        let (taken, done) = match text::line_break_at(window) {
            Some(at) => (at + 1, true),
            None => (window.len(), window.is_empty()),
        };
        buf.extend_from_slice(&window[..taken]);
        reader.consume(taken);
        read += taken;
        if done {
            break;
        }
    }
    Ok(read)
}

/// The record of one line. A line in the usual form is read at once: one the hand reader
/// takes holds no NUL (not in a string, where control characters send it to `serde_json`,
/// nor around one), so [`text::decode`] would have let it through unchanged, and
/// [`parse_decoded`] would have read it the same way.
fn parse_line(line: &[u8], source: &str, number: u64, lossy: bool) -> Record {
    if let Ok(s) = std::str::from_utf8(line)
        && let Some(raw) = plain_record(s)
    {
        return take_raw(blank_record(source, number), raw);
    }
    parse_decoded(line, source, number, lossy)
}

/// A record of line `number` of `source`, yet to be filled.
fn blank_record(source: &str, number: u64) -> Record {
    Record {
        source: Some(source.to_string()),
        id: None,
        line: Some(number),
        body: Err(String::new()),
    }
}

/// [`parse_line`] the long way: decoded (or refused) as text first, then read.
fn parse_decoded(line: &[u8], source: &str, number: u64, lossy: bool) -> Record {
    let mut record = blank_record(source, number);
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
    // serde reads an array as a record's fields in order ("[1, 2]" as id 1 and text 2)
    if !decoded.trim_start().starts_with('{')
        && let Ok(other) = serde_json::from_str::<Value>(&decoded)
    {
        let kind = json_kind(&other);
        record.body = Err(format!("not a JSON object with a \"text\" field: {kind}"));
        return record;
    }
    let raw = match plain_record(&decoded) {
        Some(raw) => raw,
        None => match serde_json::from_str::<RawRecord>(&decoded) {
            Err(e) => {
                record.body = Err(format!("not a JSON object with a \"text\" field: {e}"));
                return record;
            }
            Ok(raw) => raw,
        },
    };
    take_raw(record, raw)
}

/// `record` with the id and the text (or why there is none) of a record line read.
fn take_raw(mut record: Record, raw: RawRecord) -> Record {
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
    record
}

/// A record line in its usual form, read without `serde_json`: an object with a `"text"`
/// string and perhaps an `"id"` string, no other keys, neither key twice, no bad escapes
/// and nothing after the object but white space. `None` for anything else, which
/// `serde_json` then reads (and words the errors of); what this returns is what it would
/// have made of the line. The text is unescaped straight into its own `String`, where
/// `serde_json` unescaped it into a scratch buffer and copied it from there.
fn plain_record(line: &str) -> Option<RawRecord> {
    let bytes = line.as_bytes();
    let skip_space = |mut i: usize| {
        while matches!(bytes.get(i), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            i += 1;
        }
        i
    };
    let mut i = skip_space(0);
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    let (mut id, mut text) = (None, None);
    loop {
        i = skip_space(i + 1);
        let rest = &bytes[i..];
        let (is_id, after) = if rest.starts_with(b"\"id\"") {
            (true, i + 4)
        } else if rest.starts_with(b"\"text\"") {
            (false, i + 6)
        } else {
            return None;
        };
        i = skip_space(after);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip_space(i + 1);
        let (value, after) = json_string(line, i)?;
        let slot = if is_id { &mut id } else { &mut text };
        if slot.replace(Value::String(value)).is_some() {
            return None; // a duplicate key is an error
        }
        i = skip_space(after);
        match bytes.get(i) {
            Some(b',') => continue,
            Some(b'}') => break,
            _ => return None,
        }
    }
    if text.is_none() || skip_space(i + 1) != bytes.len() {
        return None;
    }
    Some(RawRecord { id, text })
}

/// The JSON string that opens at byte `at` of `line`, unescaped, and the byte after its
/// closing quote; `None` if there is none there, or it holds a bad escape (a lone surrogate
/// among them) or a control character (left to `serde_json`). Runs between escapes are
/// found sixteen bytes at a time and copied whole.
fn json_string(line: &str, at: usize) -> Option<(String, usize)> {
    let bytes = line.as_bytes();
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = text::json_special_at(bytes, at + 1)?;
    if bytes[i] == b'"' {
        return Some((line[at + 1..i].to_string(), i + 1)); // nothing escaped
    }
    let mut out = String::with_capacity(bytes.len() - at);
    let mut run = at + 1;
    loop {
        out.push_str(&line[run..i]);
        match bytes[i] {
            b'"' => return Some((out, i + 1)),
            b'\\' if bytes.get(i + 1) == Some(&b'u') => {
                let (c, len) = unicode_escape(bytes, i)?;
                out.push(c);
                run = i + len;
            }
            b'\\' => {
                out.push(match bytes.get(i + 1)? {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return None,
                });
                run = i + 2;
            }
            _ => return None,
        }
        i = text::json_special_at(bytes, run)?;
    }
}

/// The character of the `\u` escape at byte `at` of `bytes`, and the bytes it takes: six,
/// or twelve for a surrogate pair (how JSON writes a character outside the BMP, and how
/// Python's `json.dumps` writes every non-ASCII character: curly quotes, dashes, accents).
/// `None` for bad hex digits or a surrogate without its other half, which `serde_json`
/// refuses.
fn unicode_escape(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let hex = |from: usize| {
        bytes
            .get(from..from + 4)?
            .iter()
            .try_fold(0, |n, &b| Some(n << 4 | char::from(b).to_digit(16)?))
    };
    let high = hex(at + 2)?;
    if !(0xD800..0xDC00).contains(&high) {
        return Some((char::from_u32(high)?, 6));
    }
    if bytes.get(at + 6..at + 8)? != b"\\u" {
        return None;
    }
    let low = hex(at + 8)?;
    if !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    Some((
        char::from_u32(0x10000 + ((high - 0xD800) << 10 | (low - 0xDC00)))?,
        12,
    ))
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
    use std::io::Read;

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
        assert_eq!(
            r[5].body.as_ref().unwrap_err(),
            "not a JSON object with a \"text\" field: an array"
        );
        assert_eq!(r[5].id, None);
    }

    /// The fast path of [`parse_line`] makes the record the decoding path makes.
    #[test]
    fn plain_lines_read_as_decoded_lines() {
        let lines: &[&[u8]] = &[
            b"{\"id\": \"a1\", \"text\": \"Hello.\"}\n",
            b"{\"text\": \"caf\xC3\xA9 \\\"q\\\" \\n end\"}",
            b"\xEF\xBB\xBF{\"text\": \"after a BOM\"}",
            b"{\"text\": \"\xEF\xBB\xBFa BOM inside\"}",
            b"{\"text\": \"a NUL \x00 inside\"}",
            b"{\"text\": \"x\"}\x00",
            b"\x00{\"text\": \"x\"}",
            b"{\"text\": \"bad \xFF byte\"}",
            b"{\"text\": \"x\", \"extra\": 1}",
            b"{\"id\": 7, \"text\": \"x\"}",
            b"{\"text\": 5}",
            b"{\"id\": \"only\"}",
            b"not json",
            b"{\"text\": \"\\u00e9\"}",
            b"{\"text\": \"\\ud83d\\ude00 \\ufeff\"}",
            b"{\"text\": \"\\ufeffa BOM escaped\"}",
            b"{\"text\": \"\\ud83d alone\"}",
        ];
        for line in lines {
            for lossy in [false, true] {
                let fast = parse_line(line, "in.jsonl", 3, lossy);
                let slow = parse_decoded(line, "in.jsonl", 3, lossy);
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{line:?}");
            }
        }
    }

    proptest::proptest! {
        /// [`read_line`] appends what `take(limit).read_until(b'\n', ..)` appends, call after
        /// call, whatever the buffer's size.
        #[test]
        fn read_line_reads_as_read_until_does(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b'a', b'\n', 0xC3, 0]), 0..120),
            limit in 1usize..40,
            capacity in 1usize..40,
        ) {
            let mut fast = io::BufReader::with_capacity(capacity, &bytes[..]);
            let mut plain = io::BufReader::with_capacity(capacity, &bytes[..]);
            loop {
                let (mut a, mut b) = (Vec::new(), Vec::new());
                let n = read_line(&mut fast, &mut a, limit).unwrap();
                let m = (&mut plain).take(limit as u64).read_until(b'\n', &mut b).unwrap();
                proptest::prop_assert_eq!((n, &a), (m, &b));
                if n == 0 {
                    break;
                }
            }
        }
    }

    /// The hand reader takes what it should, and reads it as `serde_json` does; the rest it
    /// leaves to `serde_json`.
    #[test]
    fn plain_record_reads_as_serde_json_does() {
        let serde = |line: &str| serde_json::from_str::<RawRecord>(line).ok();
        let taken = [
            "{\"id\": \"a1\", \"text\": \"Hello.\"}\n",
            "{\"text\":\"x\"}",
            " \t{ \"text\" : \"\" , \"id\" : \"\" } \r\n",
            "{\"id\": \"caf\u{e9}\", \"text\": \"\u{201C}Oui\u{201D}, dit-il \u{2014} \u{20ac}5.\"}",
            "{\"text\": \"q \\\" b \\\\ s \\/ \\b \\f \\n \\r \\t end\", \"id\": \"\\\"\"}",
            "{\"text\": \"\\n\\n\"}",
            "{\"text\": \"a long line of text, long enough to be read in several steps of sixteen bytes \\\"quoted\\\" and then some\"}",
            "{\"text\": \"\\u00e9\"}",
            "{\"id\": \"\\u00E9\\u00c9\", \"text\": \"\\u201cOui\\u201D, dit-il \\u2014 \\u20ac5.\\n\"}",
            "{\"text\": \"\\ud83d\\ude00 \\uD83D\\uDE00\\udbff\\udfff\\ud800\\udc00\"}",
            "{\"text\": \"\\ufeffa BOM, \\u0000 a NUL, \\u001f, \\u0022 \\u005c \\ud7ff \\ue000 \\uffff\"}",
        ];
        for line in taken {
            let got = plain_record(line);
            assert!(got.is_some(), "{line}");
            assert_eq!(got, serde(line), "{line}");
        }
        let left = [
            "",
            "[1]",
            "{}",
            "{\"id\": \"a\"}",
            "{\"id\": 7, \"text\": \"x\"}",
            "{\"id\": null, \"text\": \"x\"}",
            "{\"text\": 5}",
            "{\"text\": \"x\", \"extra\": 1}",
            "{\"text\": \"x\", \"text\": \"y\"}",
            "{\"id\": \"a\", \"id\": \"b\", \"text\": \"y\"}",
            "{\"text\": \"x\"} trailing",
            "{\"text\": \"x\"}\u{c}",
            "{\"text\": \"x\",}",
            "{\"text\": \"x\"",
            "{\"text\": \"unterminated",
            "{\"text\": \"tab\tinside\"}",
            "{\"text\": \"\\x\"}",
            "{\"text\": \"\\ud83d\"}",
            "{\"text\": \"\\ud83d x\"}",
            "{\"text\": \"\\ud83d\\n\"}",
            "{\"text\": \"\\ud83d\\u0041\"}",
            "{\"text\": \"\\ud83d\\ud83d\"}",
            "{\"text\": \"\\ude00\"}",
            "{\"text\": \"\\u00g1\"}",
            "{\"text\": \"\\u+0e9\"}",
            "{\"text\": \"\\u00e\"}",
            "{\"text\": \"\\u00e",
            "{\"te\\u0078t\": \"x\"}",
            "{\"text\" \"x\"}",
            "{\"text\": \"x\"}}",
        ];
        for line in left {
            assert_eq!(plain_record(line), None, "{line}");
        }
        // every byte value, escaped as `serde_json` escapes it, at every place in the text
        for b in 0..=127u8 {
            for at in 0..20 {
                let mut t: String = "abcdefghijklmnopqrst".into();
                t.replace_range(at..at + 1, &char::from(b).to_string());
                let line = serde_json::json!({"id": t, "text": t}).to_string();
                let got = plain_record(&line);
                assert!(got.is_some(), "{line}");
                assert_eq!(got, serde(&line), "{line}");
            }
        }
        // characters of each UTF-8 length and both sides of the surrogates, escaped as
        // Python's `json.dumps` escapes them, in both cases, at every place in the text
        for c in [
            '\u{e9}',
            '\u{201C}',
            '\u{d7ff}',
            '\u{e000}',
            '\u{ffff}',
            '\u{1F600}',
            '\u{10FFFF}',
        ] {
            let mut units = [0u16; 2];
            let escaped: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|u| format!("\\u{u:04x}"))
                .collect();
            for escaped in [
                escaped.clone(),
                escaped.to_uppercase().replace("\\U", "\\u"),
            ] {
                for at in 0..20 {
                    let mut t: String = "abcdefghijklmnopqrst".into();
                    t.replace_range(at..at + 1, &escaped);
                    let line = format!("{{\"text\": \"{t}\"}}");
                    let got = plain_record(&line);
                    assert!(got.is_some(), "{line}");
                    assert_eq!(got, serde(&line), "{line}");
                }
            }
        }
    }

    #[test]
    fn a_panic_in_the_analysis_becomes_that_record_s_error() {
        let r = Record {
            source: Some("in.jsonl".into()),
            id: Some(Value::from("a7")),
            line: Some(3),
            body: Ok("text".into()),
        };
        let settings = Settings {
            format: Format::Jsonl,
            output: Options::default(),
            jobs: 1,
            progress: false,
        };
        let analyzer = Analyzer::new();
        let got = guard(
            &r,
            || panic!("index out of bounds"),
            |failed| render(&analyzer, failed, settings),
        );
        let (bytes, why) = got.unwrap_err();
        assert!(
            why.starts_with("internal error") && why.ends_with("index out of bounds"),
            "{why}"
        );
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            (&v["id"], &v["line"], &v["error"]),
            (
                &Value::from("a7"),
                &Value::from(3),
                &Value::from(why.as_str())
            )
        );
        assert_eq!(
            guard(&r, || b"fine".to_vec(), |_| unreachable!()).unwrap(),
            b"fine"
        );
        // into a buffer: what was written before the panic is taken back
        let mut buf = b"before;".to_vec();
        let why_into = guard_into(
            &r,
            &mut buf,
            |buf| {
                buf.extend_from_slice(b"partial");
                panic!("index out of bounds")
            },
            |failed, buf| buf.extend(render(&analyzer, failed, settings)),
        );
        assert_eq!(why_into.as_deref(), Some(why.as_str()));
        assert_eq!(buf, [&b"before;"[..], &bytes].concat());
        assert_eq!(
            guard_into(&r, &mut buf, |b| b.push(b'!'), |_, _| unreachable!()),
            None
        );
        assert!(buf.ends_with(b"}\n!"));
    }

    #[test]
    fn absurd_job_counts_run_on_what_the_system_gives() {
        // regression: `--jobs 100000` aborted when the system refused a thread
        let input: String = (0..300)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"Number {i}.\"}}\n"))
            .collect();
        let settings = Settings {
            format: Format::Jsonl,
            output: Options::default(),
            jobs: 100_000,
            progress: false,
        };
        let mut out = Vec::new();
        let summary = run(&Analyzer::new(), records(&input), &mut out, settings).unwrap();
        assert_eq!(summary.documents, 300);
        let ids: Vec<u64> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        assert_eq!(ids, (0..300).collect::<Vec<_>>());
    }

    #[test]
    fn an_overlong_line_is_one_error_and_reading_goes_on() {
        let input = "{\"text\": \"short\"}\n{\"text\": \"far too long for the limit\"}\n{\"text\": \"ok\"}\n0123456789012345678901234";
        let r: Vec<_> = JsonLines::new(input.as_bytes(), "x", false)
            .max_line(20)
            .collect();
        assert_eq!(r.len(), 4);
        assert_eq!(r[0].body.as_deref(), Ok("short"));
        assert_eq!(
            r[1].body.as_ref().unwrap_err(),
            "line longer than 20 bytes: not read"
        );
        assert_eq!(
            (r[1].line, r[2].line, r[3].line),
            (Some(2), Some(3), Some(4))
        );
        assert_eq!(r[2].body.as_deref(), Ok("ok"));
        assert!(
            r[3].body.is_err(),
            "the last line, without a newline, is too long too"
        );
        // exactly at the limit, with or without its newline
        let exact = "{\"text\": \"12345678\"}";
        assert_eq!(exact.len(), 20);
        for input in [format!("{exact}\n"), exact.to_string()] {
            let r: Vec<_> = JsonLines::new(input.as_bytes(), "x", false)
                .max_line(20)
                .collect();
            assert_eq!(r[0].body.as_deref(), Ok("12345678"), "{input:?}");
        }
    }

    #[test]
    fn a_stream_without_line_breaks_is_not_held_in_memory() {
        // an endless run of NUL bytes, as from /dev/zero, read as JSON Lines
        let zeros = std::io::BufReader::new(std::io::repeat(0).take(50 << 20));
        let mut lines = JsonLines::new(zeros, "zero", false).max_line(1 << 20);
        let first = lines.next().unwrap();
        assert!(first.body.unwrap_err().starts_with("line longer than"));
        assert!(lines.buf.capacity() <= KEEP_BUFFER);
        assert!(lines.next().is_none());
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

    /// Records written as Python's `json.dumps` writes them, every non-ASCII character a `\u`
    /// escape (an escaped BOM first, curly quotes, a dash, an emoji as a surrogate pair, CRLF):
    /// the BOM is dropped, and every offset printed counts code points of the text unescaped.
    #[test]
    fn escaped_records_print_code_point_offsets() {
        let text = "\u{FEFF}\u{1F600} Foreign Minister Toshimitsu Motegi met Antony Blinken in Tokyo.\r\n\u{201C}We agreed,\u{201D} Motegi said \u{2014} twice.";
        let escaped: String = text
            .encode_utf16()
            .map(|u| match u {
                0x20..0x7F if u != 0x22 && u != 0x5C => char::from(u as u8).to_string(),
                _ => format!("\\u{u:04x}"),
            })
            .collect();
        let line = format!("{{\"id\": \"a\", \"text\": \"{escaped}\"}}\n");
        let got = records(&line);
        let unescaped = text.strip_prefix('\u{FEFF}').unwrap();
        assert_eq!(got[0].body.as_deref(), Ok(unescaped));
        let settings = Settings {
            format: Format::Jsonl,
            output: Options {
                tokens: true,
                byte_offsets: true,
            },
            jobs: 1,
            progress: false,
        };
        let mut out = Vec::new();
        run(&Analyzer::new(), got, &mut out, settings).unwrap();
        let doc: Value = serde_json::from_slice(&out).unwrap();
        output::check_document(&doc, unescaped).unwrap();
        let motegi = doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "Toshimitsu Motegi")
            .expect("Motegi found");
        let last = motegi["mentions"].as_array().unwrap().last().unwrap();
        let at = unescaped.rfind("Motegi").unwrap();
        assert_eq!(last["start"], unescaped[..at].chars().count());
        assert_eq!(last["byte_start"], at);
    }

    #[test]
    fn run_keeps_order_and_counts_errors_on_many_threads() {
        let mut input = String::new();
        // more records than one chunk holds, so order is kept across chunks too
        const N: usize = CHUNK_RECORDS * 2 + 500;
        for i in 0..N {
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
            assert_eq!(summary.documents, N as u64);
            assert_eq!(summary.errors, (0..N).filter(|i| i % 7 == 3).count() as u64);
            let lines: Vec<Value> = String::from_utf8(out)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines.len(), N);
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
    /// A writer that fails once `room` bytes have been written.
    struct Failing {
        room: usize,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room < buf.len() {
                return Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"));
            }
            self.room -= buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_ends_the_run_with_its_error_on_any_number_of_threads() {
        let input: String = (0..CHUNK_RECORDS * 3)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"Paris is in France.\"}}\n"))
            .collect();
        let analyzer = Analyzer::new();
        for jobs in [1, 2, 4] {
            let settings = Settings {
                format: Format::Jsonl,
                output: Options::default(),
                jobs,
                progress: false,
            };
            let mut out = Failing { room: 10_000 };
            let e = run(&analyzer, records(&input), &mut out, settings).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::BrokenPipe, "{jobs} jobs");
        }
    }
}
