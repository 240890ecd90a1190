//! Command-line options: the only module that knows clap. It turns the arguments into a
//! plain [`Config`] for `main` to run.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  analyze article.txt                      one article, pretty JSON
  curl -s https://example.com/story.txt | analyze
  analyze --format text article.txt        a readable summary
  analyze a.txt b.txt c.txt > out.jsonl    JSON Lines, one document per file, with \"source\"
  analyze --input jsonl corpus.jsonl       one {\"id\", \"text\"} record per line in, one result per line out
  analyze article.txt | jq -r '.entities[] | select(.type == \"person\") | .name'
  analyze --input jsonl corpus.jsonl | jq -c '{id, people: [.entities[] | select(.type == \"person\") | .name]}'

Exit status:
  0  every document was analysed
  1  some record failed (its error object was printed in its place; the rest went on)
  2  usage error, or nothing could be read
";

/// What is read: whole text files, or JSON Lines records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// Each file (or stdin) is one article of plain UTF-8 text.
    Text,
    /// Each line is a JSON object with a "text" string and an optional "id"; other fields are ignored.
    Jsonl,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One JSON document per input (pretty unless --compact).
    Json,
    /// One compact JSON object per line.
    Jsonl,
    /// A readable summary: entities by type, relations as sentences, quotes with speakers.
    Text,
}

/// Find the people, offices, countries, places and organizations in news articles, how
/// they relate, and who said what. Prints JSON.
#[derive(Debug, Parser)]
#[command(name = "analyze", version, about, after_help = EXAMPLES, max_term_width = 100)]
pub struct Args {
    /// Files to analyse; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// What the input is.
    #[arg(long, value_enum, default_value_t = InputKind::Text, value_name = "KIND")]
    pub input: InputKind,

    /// Output format [default: json for one document, jsonl for several].
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Print JSON on one line instead of indented.
    #[arg(long)]
    pub compact: bool,

    /// Add the token list to each document.
    #[arg(long)]
    pub tokens: bool,

    /// Add byte_start/byte_end (UTF-8 byte offsets) beside every start/end (code points).
    #[arg(long)]
    pub byte_offsets: bool,

    /// Replace invalid UTF-8 with U+FFFD instead of failing the document.
    #[arg(long)]
    pub lossy: bool,

    /// Worker threads for batches [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress or summary on stderr (errors are still reported).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Add the entries of a TSV file to the built-in lexicon: each line is a list name
    /// (country, place, office, organization, word) and that list's columns, tab-separated.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

/// Everything `main` needs, free of clap.
#[derive(Debug, Clone)]
pub struct Config {
    pub files: Vec<PathBuf>,
    pub input: InputKind,
    pub format: Option<FormatArg>,
    pub compact: bool,
    pub tokens: bool,
    pub byte_offsets: bool,
    pub lossy: bool,
    pub jobs: usize,
    pub quiet: bool,
    pub lexicon: Option<PathBuf>,
}

/// Parses the process arguments; on a usage error clap prints it and exits with status 2.
pub fn parse() -> Config {
    let a = Args::parse();
    let jobs = a
        .jobs
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    Config {
        files: a.files,
        input: a.input,
        format: a.format,
        compact: a.compact,
        tokens: a.tokens,
        byte_offsets: a.byte_offsets,
        lossy: a.lossy,
        jobs,
        quiet: a.quiet,
        lexicon: a.lexicon,
    }
}
