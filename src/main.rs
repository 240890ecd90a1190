//! The `analyze` binary: parses options, feeds inputs through the library, maps the outcome
//! to an exit status (0 all analysed, 1 some record failed, 2 usage or nothing readable).

mod cli;

use std::fs::File;
use std::io::{self, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use analyze::batch::{self, Format, JsonLines, Record, Settings};
use analyze::output::{Layout, Options};
use analyze::{Analyzer, text};
use anyhow::{Context, Result, bail};

use cli::{Config, FormatArg, InputKind};

fn main() -> ExitCode {
    let config = cli::parse();
    match run(&config) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("analyze: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Counts inputs that could not be opened or read at all, to tell "nothing could be read".
static UNREADABLE: AtomicUsize = AtomicUsize::new(0);

fn run(config: &Config) -> Result<u8> {
    let mut files = config.files.clone();
    if files.is_empty() {
        if io::stdin().is_terminal() {
            bail!("no input: give a file, or pipe text in (see analyze --help)");
        }
        files.push(PathBuf::from("-"));
    }
    let single = files.len() == 1 && config.input == InputKind::Text;
    let format = match config.format {
        Some(FormatArg::Json) | None if single => Format::Json(if config.compact {
            Layout::Compact
        } else {
            Layout::Pretty
        }),
        Some(FormatArg::Json) => Format::Json(if config.compact {
            Layout::Compact
        } else {
            Layout::Pretty
        }),
        Some(FormatArg::Text) => Format::Text,
        Some(FormatArg::Jsonl) | None => Format::Jsonl,
    };
    let batch_mode = !single;
    let settings = Settings {
        format,
        output: Options {
            tokens: config.tokens,
            byte_offsets: config.byte_offsets,
        },
        jobs: config.jobs,
        progress: batch_mode && !config.quiet && io::stderr().is_terminal(),
    };
    let analyzer = match &config.lexicon {
        Some(path) => {
            // leaked once: the lexicon lives as long as the process, like the built-in one
            let lexicon = analyze::lexicon::Lexicon::with_user_file(path)?;
            Analyzer::with_lexicon(Box::leak(Box::new(lexicon)))
        }
        None => Analyzer::new(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let started = Instant::now();
    let summary = match config.input {
        InputKind::Text => {
            let lossy = config.lossy;
            let records = files.iter().map(move |p| read_text_file(p, lossy));
            batch::run(&analyzer, records, &mut out, settings)
        }
        InputKind::Jsonl => {
            let lossy = config.lossy;
            let records = files
                .iter()
                .flat_map(move |p| -> Box<dyn Iterator<Item = Record>> {
                    match open(p) {
                        Ok(reader) => Box::new(JsonLines::new(
                            BufReader::with_capacity(1 << 16, reader),
                            display(p),
                            lossy,
                        )),
                        Err(e) => {
                            UNREADABLE.fetch_add(1, Ordering::Relaxed);
                            eprintln!("analyze: {e:#}");
                            Box::new(std::iter::empty())
                        }
                    }
                });
            batch::run(&analyzer, records, &mut out, settings)
        }
    }
    .context("cannot write the output")?;
    out.flush().context("cannot write the output")?;
    if batch_mode && !config.quiet {
        eprintln!(
            "analyze: {} documents, {} errors, {:.2} MB in {:.2} s",
            summary.documents,
            summary.errors,
            summary.bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }
    let unreadable = UNREADABLE.load(Ordering::Relaxed);
    Ok(if unreadable > 0 && unreadable >= files.len() {
        2
    } else if summary.errors > 0 || unreadable > 0 {
        1
    } else {
        0
    })
}

fn display(p: &Path) -> String {
    if p == Path::new("-") {
        "<stdin>".to_string()
    } else {
        p.display().to_string()
    }
}

fn open(p: &Path) -> Result<Box<dyn Read>> {
    if p == Path::new("-") {
        return Ok(Box::new(io::stdin()));
    }
    if p.is_dir() {
        bail!("cannot read `{}`: is a directory", p.display());
    }
    let f = File::open(p)
        .map_err(|e| anyhow::anyhow!("cannot read `{}`: {}", p.display(), io_reason(&e)))?;
    Ok(Box::new(f))
}

/// Reads and decodes one text file into a record; a failure becomes the record's error.
fn read_text_file(p: &Path, lossy: bool) -> Record {
    let body = match read_bytes(p) {
        Ok(Some(bytes)) => text::decode_owned(bytes, lossy).map_err(|e| e.to_string()),
        Ok(None) => Err(format!(
            "text longer than {} bytes: not read",
            batch::MAX_TEXT
        )),
        Err(e) => {
            UNREADABLE.fetch_add(1, Ordering::Relaxed);
            Err(e)
        }
    };
    Record {
        source: Some(display(p)),
        id: None,
        line: None,
        body,
    }
}

/// The bytes of a file, or `None` if it holds more than [`batch::MAX_TEXT`] (a regular file
/// is not read then; a stream is read no further).
fn read_bytes(p: &Path) -> Result<Option<Vec<u8>>, String> {
    let reason = |e: io::Error| format!("cannot read: {}", io_reason(&e));
    if p == Path::new("-") {
        return read_until_nul(io::stdin().lock(), batch::MAX_TEXT).map_err(reason);
    }
    if p.is_dir() {
        return Err("cannot read: is a directory".to_string());
    }
    let f = File::open(p).map_err(reason)?;
    if f.metadata()
        .is_ok_and(|m| m.is_file() && m.len() > batch::MAX_TEXT as u64)
    {
        return Ok(None);
    }
    read_until_nul(f, batch::MAX_TEXT).map_err(reason)
}

/// Reads to the end, or to the first NUL byte: a file with one is refused as binary anyway, so
/// there is no point in reading the rest, and `/dev/zero` or a device must not fill memory.
/// `None` once more than `limit` bytes are read without a NUL: a stream that never ends
/// (`yes`) must not fill memory either.
fn read_until_nul(mut r: impl Read, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    let mut checked = 0;
    loop {
        let room = (limit.saturating_add(1) - bytes.len()).min(1 << 20) as u64;
        let n = (&mut r).take(room).read_to_end(&mut bytes)?;
        if n == 0 || bytes[checked..].contains(&0) {
            return Ok(Some(bytes));
        }
        if bytes.len() > limit {
            return Ok(None);
        }
        checked = bytes.len();
    }
}

/// An io error's reason in lower case, without the "(os error N)" tail.
fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    let s = s.split(" (os error").next().unwrap_or(&s).to_string();
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_up_to_the_limit_is_read_whole() {
        let text = b"Ministers met in Tokyo.";
        let n = text.len();
        assert_eq!(read_until_nul(&text[..], n).unwrap().unwrap(), text);
        assert_eq!(read_until_nul(&text[..], n * 2).unwrap().unwrap(), text);
        assert_eq!(read_until_nul(&text[..], n - 1).unwrap(), None);
        assert_eq!(read_until_nul(&b""[..], 0).unwrap().unwrap(), b"");
    }

    #[test]
    fn an_endless_stream_is_read_no_further_than_the_limit() {
        let limit = (3 << 20) + 5;
        let mut endless = io::repeat(b'a');
        let mut counted = (&mut endless).take(u64::MAX);
        assert_eq!(read_until_nul(&mut counted, limit).unwrap(), None);
        // one byte past the limit tells it is too long; nothing more is taken
        assert_eq!(u64::MAX - counted.limit(), limit as u64 + 1);
    }

    #[test]
    fn a_nul_byte_stops_reading_wherever_it_is() {
        let mut bytes = vec![b'a'; (2 << 20) + 10];
        bytes.push(0);
        bytes.resize(6 << 20, b'b');
        let read = read_until_nul(&bytes[..], usize::MAX - 1).unwrap().unwrap();
        assert!(read.contains(&0));
        assert!(read.len() < bytes.len());
        // a NUL read in the same step as the byte past the limit still makes the text binary
        let read = read_until_nul(&b"ab\0"[..], 2).unwrap().unwrap();
        assert_eq!(read, b"ab\0");
    }
}
