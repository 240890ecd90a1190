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
    let body = read_bytes(p)
        .inspect_err(|_e| {
            UNREADABLE.fetch_add(1, Ordering::Relaxed);
        })
        .and_then(|bytes| text::decode_owned(bytes, lossy).map_err(|e| e.to_string()));
    Record {
        source: Some(display(p)),
        id: None,
        line: None,
        body,
    }
}

fn read_bytes(p: &Path) -> Result<Vec<u8>, String> {
    let reason = |e: io::Error| format!("cannot read: {}", io_reason(&e));
    if p == Path::new("-") {
        return read_until_nul(io::stdin().lock()).map_err(reason);
    }
    if p.is_dir() {
        return Err("cannot read: is a directory".to_string());
    }
    File::open(p).and_then(read_until_nul).map_err(reason)
}

/// Reads to the end, or to the first NUL byte: a file with one is refused as binary anyway, so
/// there is no point in reading the rest, and `/dev/zero` or a device must not fill memory.
fn read_until_nul(mut r: impl Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut checked = 0;
    loop {
        let n = (&mut r).take(1 << 20).read_to_end(&mut bytes)?;
        if n == 0 || bytes[checked..].contains(&0) {
            return Ok(bytes);
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
