//! Embedded gazetteers: countries, places, offices, names and organization cues, compiled
//! into the binary, loaded once, matched on token boundaries.
//!
//! The data are sorted TSV files under `data/` (see `data/README.md` for columns, sources and
//! licences). They are searched where they lie: every table is sorted by its lookup key (the
//! first column lower-cased, periods dropped), so a lookup is a binary search over the bytes
//! of the compiled-in text. Nothing is parsed or copied at startup except the short country
//! table, which keeps the load cost at tens of microseconds however large the lists grow.
//!
//! Case rules, so that "US" is not "us" and "Turkey" is not "turkey": an entry written all in
//! lower case ("foreign minister") matches in any case; an entry with capitals matches its own
//! spelling, or the same word in capitals (headlines) when it has three letters or more and the
//! text has no periods; an entry flagged `exact` matches only its own spelling. "U.S." and "US"
//! are the same key, since periods are not part of keys.
//!
//! Phrases match across tokens as they are written: words separated by white space (not a
//! blank line), "'s" touching its word ("People's"), and the parts of a hyphenated token, so
//! "Japan" and "U.S." are found in "Japan-U.S." and "New York" in "New York-based".
//!
//! What this module does not do: decide what a span is in context. It reports every reading
//! ("Georgia" the country and the state) and leaves the choice to the entity stage.

use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use crate::tokenize::Token;

/// Countries: `iso2  iso3  name  capital`, sorted by alpha-2.
const COUNTRIES: &str = include_str!("data/countries.tsv");
/// Phrases naming a country: `phrase  iso2  form  flags`.
const COUNTRY_NAMES: &str = include_str!("data/country_names.tsv");
/// Places: `phrase  name  kind  country  population  flags`.
const PLACES: &str = include_str!("data/places.tsv");
/// Offices: `phrase  name  flags`.
const OFFICES: &str = include_str!("data/offices.tsv");
/// Organizations: `phrase  name  abbreviation  flags`.
const ORGANIZATIONS: &str = include_str!("data/organizations.tsv");
/// Word classes (honorifics, office words, months...): `word  class  frequency  flags`.
const WORDS: &str = include_str!("data/words.tsv");
/// Given names and surnames from name statistics: `word  class  frequency  flags`.
const NAMES: &str = include_str!("data/names.tsv");
/// Common lower-case English words: `word  class  frequency  flags`.
const COMMON_WORDS: &str = include_str!("data/common_words.tsv");

/// Which list a table is, and so how its rows read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    CountryName,
    Place,
    Office,
    Organization,
    Word,
}

impl Kind {
    /// The name used for this list in a user file's first column.
    fn name(self) -> &'static str {
        match self {
            Kind::CountryName => "country",
            Kind::Place => "place",
            Kind::Office => "office",
            Kind::Organization => "organization",
            Kind::Word => "word",
        }
    }

    /// Columns a row of this list has (the first is the phrase, the last the flags).
    fn columns(self) -> usize {
        match self {
            Kind::CountryName => 4,
            Kind::Place => 6,
            Kind::Office => 3,
            Kind::Organization => 4,
            Kind::Word => 4,
        }
    }

    fn from_name(s: &str) -> Option<Kind> {
        [
            Kind::CountryName,
            Kind::Place,
            Kind::Office,
            Kind::Organization,
            Kind::Word,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }
}

/// One sorted list: the data rows (header comments cut off) of one TSV text, and where each
/// row starts.
///
/// The row starts are why lookups are cheap: a binary search over them compares one key per
/// step, where searching the bare text would first have to walk back and forth to the line
/// ends around every midpoint (which once took a third of the whole pipeline's time). They
/// are found with one pass over the text when the table is made, well under a millisecond for
/// all the built-in lists, so startup stays small.
#[derive(Clone, Copy)]
struct Table {
    kind: Kind,
    rows: &'static str,
    /// Byte offset of each row in `rows`, in order; made once per process and never freed.
    starts: &'static [u32],
    /// The first row of each run of rows whose keys begin with the same [`HEAD`] bytes, as
    /// ([`head`] of the key, row index), in order: a search first finds its run among these
    /// plain numbers, then compares keys only within the run (a dozen rows or so of sixty
    /// thousand).
    runs: &'static [(u32, u32)],
    /// Whether some row's phrase starts with a lower-case word; a table without any can skip
    /// lower-case text outright (the case rules never let such text match it).
    lowercase_starts: bool,
}

/// Not the rows themselves: a debug print of an `Analyzer` would be megabytes long.
impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("kind", &self.kind)
            .field("bytes", &self.rows.len())
            .field("rows", &self.starts.len())
            .finish()
    }
}

impl Table {
    fn new(kind: Kind, text: &'static str, lowercase_starts: bool) -> Table {
        Table::from_rows(kind, skip_header(text), lowercase_starts)
    }

    /// A table of `\n`-separated rows already sorted by key.
    fn from_rows(kind: Kind, rows: &'static str, lowercase_starts: bool) -> Table {
        let mut starts = Vec::with_capacity(rows.len() / 16);
        if !rows.is_empty() {
            starts.push(0);
            starts.extend(rows.match_indices('\n').map(|(i, _)| (i + 1) as u32));
        }
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for (n, &at) in starts.iter().enumerate() {
            let h = head(&rows.as_bytes()[at as usize..]);
            if runs.last().is_none_or(|&(last, _)| last != h) {
                runs.push((h, n as u32));
            }
        }
        Table {
            kind,
            rows,
            // leaked once per table: the built-in tables live as long as the process, and a
            // user table is leaked with its text
            starts: Box::leak(starts.into_boxed_slice()),
            runs: Box::leak(runs.into_boxed_slice()),
            lowercase_starts,
        }
    }

    /// The text of row `n` (without its line end).
    fn row(&self, n: usize) -> &'static str {
        let start = self.starts[n] as usize;
        let end = self
            .starts
            .get(n + 1)
            .map_or(self.rows.len(), |&next| next as usize - 1);
        &self.rows[start..end]
    }

    /// Rows whose key equals `key` (already normalised), in file order.
    fn rows_equal<'a>(&self, key: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        self.rows_from(self.lower_bound(key), key)
    }

    /// Where `key` would be (see [`Table::lower_bound`]) and whether some row's key starts
    /// with it.
    fn probe(&self, key: &str) -> (usize, bool) {
        let at = self.lower_bound(key);
        (
            at,
            at < self.starts.len() && cmp_key(self.row(at).as_bytes(), key.as_bytes()).1,
        )
    }

    /// Index of the first row whose key is not less than `key`.
    fn lower_bound(&self, key: &str) -> usize {
        let bytes = self.rows.as_bytes();
        let key = key.as_bytes();
        // Keys sort by their bytes, so their heads are in order too: every row before the
        // first run with a head not less than the key's is less than the key, and every row
        // from the first run with a greater head is greater. Only the run between is searched.
        let h = key_head(key);
        let run = self.runs.partition_point(|&(r, _)| r < h);
        let start_of = |run: usize| self.runs.get(run).map_or(self.starts.len(), |r| r.1 as usize);
        let lo = start_of(run);
        let hi = if self.runs.get(run).is_some_and(|r| r.0 == h) {
            start_of(run + 1)
        } else {
            lo
        };
        lo + self.starts[lo..hi]
            .partition_point(|&at| cmp_key(&bytes[at as usize..], key).0 == Ordering::Less)
    }

    /// Rows from row `at` (a lower bound of `key`) as long as their key is `key`.
    fn rows_from<'a>(&self, mut at: usize, key: &'a str) -> impl Iterator<Item = &'static str> + 'a {
        let table = *self;
        std::iter::from_fn(move || {
            if at >= table.starts.len() {
                return None;
            }
            let line = table.row(at);
            if cmp_key(line.as_bytes(), key.as_bytes()).0 != Ordering::Equal {
                return None;
            }
            at += 1;
            Some(line)
        })
    }
}

/// How many leading key bytes [`key_head`] keeps: with three, the longest lists fall into
/// runs of about a dozen rows.
const HEAD: usize = 3;

/// The first [`HEAD`] bytes of a normalised key as one number that sorts as the key does:
/// the first byte highest, zero for a missing byte (no key has a zero byte).
fn key_head(key: &[u8]) -> u32 {
    let mut head = [0u8; 4];
    let n = key.len().min(HEAD);
    head[..n].copy_from_slice(&key[..n]);
    u32::from_be_bytes(head)
}

/// [`key_head`] of the key of the phrase at the start of `row`, normalised as [`cmp_key`]
/// reads it.
fn head(row: &[u8]) -> u32 {
    let end = row
        .iter()
        .position(|&b| b == b'\t' || b == b'\n')
        .unwrap_or(row.len());
    let phrase = std::str::from_utf8(&row[..end]).unwrap_or("");
    let mut buf = [0u8; HEAD + 4];
    let mut len = 0;
    for c in normalized(phrase) {
        len += c.encode_utf8(&mut buf[len..]).len();
        if len >= HEAD {
            break;
        }
    }
    key_head(&buf[..len])
}

/// The text after the leading `#` comment lines.
fn skip_header(text: &'static str) -> &'static str {
    let mut at = 0;
    while text[at..].starts_with('#') {
        at = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    }
    text[at..].trim_end_matches('\n')
}

fn phrase_of(line: &str) -> &str {
    line.split('\t').next().unwrap_or("")
}

/// The characters of a lookup key: periods dropped, typographic apostrophes made straight,
/// lower case.
fn normalized(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
}

/// The characters of a spelling with periods dropped and typographic apostrophes made
/// straight: a key before lower-casing.
fn stripped(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
}

/// A lookup key as a string.
pub(crate) fn key(s: &str) -> String {
    normalized(s).collect()
}

/// Compares the key of the phrase at the start of `row` (up to a tab, a line end or the
/// end) with an already normalised `key`, byte by byte (UTF-8 byte order is code point
/// order). Also says whether `key` is a prefix of the phrase's key. This is the inner loop
/// of every lookup, hence the ASCII fast path.
fn cmp_key(row: &[u8], key: &[u8]) -> (Ordering, bool) {
    let (mut i, mut j) = (0, 0);
    let mut buf = [0u8; 4];
    loop {
        let b = match row.get(i) {
            None | Some(b'\t') | Some(b'\n') => {
                return (
                    if j == key.len() {
                        Ordering::Equal
                    } else {
                        Ordering::Less
                    },
                    j == key.len(),
                );
            }
            Some(&b) => b,
        };
        if b == b'.' {
            i += 1;
            continue;
        }
        if b < 0x80 {
            let Some(&k) = key.get(j) else {
                return (Ordering::Greater, true);
            };
            let c = b.to_ascii_lowercase();
            if c != k {
                return (c.cmp(&k), false);
            }
            i += 1;
            j += 1;
            continue;
        }
        let len = match b {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
        let c = std::str::from_utf8(&row[i..(i + len).min(row.len())])
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or('\u{FFFD}');
        let c = if c == '\u{2019}' { '\'' } else { c };
        for lc in c.to_lowercase() {
            for &x in lc.encode_utf8(&mut buf).as_bytes() {
                let Some(&k) = key.get(j) else {
                    return (Ordering::Greater, true);
                };
                if x != k {
                    return (x.cmp(&k), false);
                }
                j += 1;
            }
        }
        i += len;
    }
}

/// Whether the text spelling `text` may stand for the entry spelling `entry` (same key
/// assumed), by the case rules in the module doc.
fn case_fits(entry: &str, text: &str, exact: bool) -> bool {
    // the same spelling once periods are dropped and apostrophes made straight
    let same = |a: &str, b: &str| a == b || stripped(a).eq(stripped(b));
    if same(entry, text) {
        return true;
    }
    if exact {
        return false;
    }
    // word by word: a lower-case entry word fits any case; a capitalised one itself, or the
    // same word in capitals if it is long enough not to be an abbreviation of something else
    // ("TOKYO" is Tokyo, but "UN" and "U.N." are not the town of Un)
    let mut ew = entry.split([' ', '-']);
    let mut tw = text.split([' ', '-']);
    loop {
        match (ew.next(), tw.next()) {
            (None, None) => return true,
            (Some(e), Some(t)) => {
                let fits = same(e, t)
                    || !e.chars().any(char::is_uppercase)
                    || (e.chars().filter(|c| c.is_alphabetic()).count() >= 3
                        && !t.contains('.')
                        && t.chars().any(char::is_alphabetic)
                        && !t.chars().any(char::is_lowercase));
                if !fits {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// How a phrase names a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CountryForm {
    /// "Japan", "United States"
    Name,
    /// "U.S.", "UK", "DPRK"
    Abbreviation,
    /// "Japanese", "Americans", "British"
    Demonym,
    /// An institution standing for its government: "White House", "Kremlin"
    Metonym,
    /// A capital or seat of government, which may stand for the government ("Washington")
    Capital,
}

impl CountryForm {
    fn parse(s: &str) -> Option<CountryForm> {
        Some(match s {
            "name" => CountryForm::Name,
            "abbreviation" => CountryForm::Abbreviation,
            "demonym" => CountryForm::Demonym,
            "metonym" => CountryForm::Metonym,
            "capital" => CountryForm::Capital,
            _ => return None,
        })
    }
}

/// One reading of a matched phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Country {
        iso: &'static str,
        form: CountryForm,
    },
    /// `kind`: city, capital, state, province, region, sea, strait, gulf, island, peninsula,
    /// continent, river, mountain, ...
    Place {
        name: &'static str,
        kind: &'static str,
        country: Option<&'static str>,
    },
    /// Canonical Title Case singular, e.g. "Foreign Minister".
    Office { name: &'static str },
    Organization {
        name: &'static str,
        abbreviation: Option<&'static str>,
    },
    /// Very well-known full names only.
    Person { name: &'static str },
}

/// A phrase found in a text: the tokens it covers, its byte span, and every reading.
///
/// A match inside a hyphenated token ("Japan" in "Japan-U.S.") has the byte span of that part
/// and `tokens` covering the whole token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub tokens: Range<usize>,
    pub start: usize,
    pub end: usize,
    pub entries: Vec<Entry>,
}

/// A country of ISO 3166-1 (or a commonly named territory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    pub iso: &'static str,
    pub alpha3: &'static str,
    /// The common English short name: "United States", "South Korea".
    pub name: &'static str,
    pub capital: Option<&'static str>,
}

/// Classes of one word form, as bit flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WordClass(pub u32);

impl WordClass {
    pub const GIVEN_NAME: WordClass = WordClass(1);
    pub const SURNAME: WordClass = WordClass(1 << 1);
    pub const HONORIFIC: WordClass = WordClass(1 << 2);
    /// A word of an office title: "minister", "president", "ambassador".
    pub const OFFICE_WORD: WordClass = WordClass(1 << 3);
    /// deputy, vice, acting, interim, former, chief, senior, elect
    pub const OFFICE_MODIFIER: WordClass = WordClass(1 << 4);
    /// The head of an organization's name: "Ministry", "Council", "Party", "Bank".
    pub const ORG_HEAD: WordClass = WordClass(1 << 5);
    /// A legal-form suffix: "Inc.", "Corp.", "Ltd.", "GmbH".
    pub const ORG_SUFFIX: WordClass = WordClass(1 << 6);
    /// A country's name or abbreviation on its own.
    pub const COUNTRY: WordClass = WordClass(1 << 7);
    pub const DEMONYM: WordClass = WordClass(1 << 8);
    pub const CITY: WordClass = WordClass(1 << 9);
    /// Any other place: a state, region, sea, island, continent.
    pub const REGION: WordClass = WordClass(1 << 10);
    pub const MONTH: WordClass = WordClass(1 << 11);
    pub const WEEKDAY: WordClass = WordClass(1 << 12);
    /// A word that is capitalised in news without being a name: sentence starters, headline words.
    pub const NOT_A_NAME: WordClass = WordClass(1 << 13);
    /// The word is a known organization's name or abbreviation ("NATO").
    pub const ORGANIZATION: WordClass = WordClass(1 << 14);
    /// A capital or seat of government, or an institutional metonym word ("Kremlin").
    pub const CAPITAL: WordClass = WordClass(1 << 15);
    /// A surname of China, Korea, Japan or Vietnam, where the surname comes first.
    pub const EAST_ASIAN_SURNAME: WordClass = WordClass(1 << 16);
    /// A preposition or particle inside names: "of", "de", "al", "van", "bin".
    pub const NAME_PARTICLE: WordClass = WordClass(1 << 17);

    /// A common English word in its lower-case form ("us", "may", "nice"), so a capitalised
    /// one may only be starting a sentence.
    pub const COMMON_WORD: WordClass = WordClass(1 << 18);

    pub const NONE: WordClass = WordClass(0);

    /// Whether every flag of `other` is set.
    pub fn contains(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether any flag of `other` is set.
    pub fn intersects(self, other: WordClass) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The class named in a data file's `class` column.
    fn parse(s: &str) -> Option<WordClass> {
        Some(match s {
            "given" => Self::GIVEN_NAME,
            "surname" => Self::SURNAME,
            "east_asian_surname" => WordClass(Self::SURNAME.0 | Self::EAST_ASIAN_SURNAME.0),
            "honorific" => Self::HONORIFIC,
            "office" => Self::OFFICE_WORD,
            "office_modifier" => Self::OFFICE_MODIFIER,
            "org_head" => Self::ORG_HEAD,
            "org_suffix" => Self::ORG_SUFFIX,
            "month" => Self::MONTH,
            "weekday" => Self::WEEKDAY,
            "not_a_name" => Self::NOT_A_NAME,
            "particle" => Self::NAME_PARTICLE,
            "common" => Self::COMMON_WORD,
            _ => return None,
        })
    }
}

impl std::ops::BitOr for WordClass {
    type Output = WordClass;
    fn bitor(self, rhs: WordClass) -> WordClass {
        WordClass(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for WordClass {
    fn bitor_assign(&mut self, rhs: WordClass) {
        self.0 |= rhs.0;
    }
}

/// Why a user lexicon could not be loaded.
#[derive(Debug)]
pub enum LexiconError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // the io error itself is the `source`, which error reporters print after this
            LexiconError::Io { path, .. } => write!(f, "cannot read lexicon `{}`", path.display()),
            LexiconError::Parse {
                path,
                line,
                message,
            } => {
                write!(f, "lexicon `{}` line {line}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for LexiconError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LexiconError::Io { source, .. } => Some(source),
            LexiconError::Parse { .. } => None,
        }
    }
}

/// The gazetteers: built-in lists plus, optionally, a user's own entries.
pub struct Lexicon {
    /// Tables searched by [`Lexicon::find`], in the order readings are reported.
    phrases: Vec<Table>,
    /// Tables of word classes.
    words: Vec<Table>,
    countries: Vec<Country>,
    /// Tells lexicons apart in the per-thread memo of [`Lexicon::classes`].
    id: u64,
}

/// Source of [`Lexicon`] ids.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);

fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, AtomicOrdering::Relaxed)
}

/// FNV-1a: the memo hashes short words, where SipHash's setup dominates.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What this thread has already looked up in one lexicon: the classes of words, and the
/// probes of phrase keys by [`Lexicon::find`]. The entity stage asks for the class of the
/// same word many times over (every token, then again in each rule that looks at it), and
/// news repeats its words and names, so most questions are answered here without a search.
/// Everything is forgotten when another lexicon is asked or the memo holds
/// [`MEMO_SIZE`] keys, which bounds its memory on a long batch.
#[derive(Default)]
struct Memo {
    lexicon: u64,
    classes: FnvMap<WordClass>,
    /// By whether the phrase starts in lower case (which decides the lists searched), then by
    /// phrase key: one [`Probe`] per list searched.
    probes: [FnvMap<Box<[Probe]>>; 2],
}

type FnvMap<V> = HashMap<Box<str>, V, BuildHasherDefault<Fnv>>;

/// Where a key would be in a list (a row index) and whether some row's key starts with it.
type Probe = (u32, bool);

const MEMO_SIZE: usize = 1 << 16;

impl Memo {
    /// Makes room for a key looked up in lexicon `id`.
    fn make_room(&mut self, id: u64) {
        let len = self.classes.len() + self.probes[0].len() + self.probes[1].len();
        if self.lexicon != id || len >= MEMO_SIZE {
            self.classes.clear();
            self.probes.iter_mut().for_each(HashMap::clear);
            self.lexicon = id;
        }
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lexicon")
            .field("phrases", &self.phrases)
            .field("words", &self.words)
            .field("countries", &self.countries.len())
            .finish()
    }
}

/// Words before an office that qualify its holder rather than name another office.
const OFFICE_QUALIFIERS: &[&str] = &[
    "acting",
    "caretaker",
    "current",
    "deputy",
    "designate",
    "ex",
    "former",
    "incoming",
    "interim",
    "late",
    "new",
    "outgoing",
    "retired",
    "senior",
    "sitting",
    "then",
    "vice",
];

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(Lexicon::load_builtin);

impl Lexicon {
    /// The built-in lexicon, loaded on first use and shared.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    fn load_builtin() -> Lexicon {
        let countries = skip_header(COUNTRIES)
            .split('\n')
            .map(|line| {
                let mut c = line.split('\t');
                let mut next = || c.next().unwrap_or("");
                let (iso, alpha3, name, capital) = (next(), next(), next(), next());
                Country {
                    iso,
                    alpha3,
                    name,
                    capital: (!capital.is_empty()).then_some(capital),
                }
            })
            .collect();
        Lexicon {
            phrases: vec![
                Table::new(Kind::CountryName, COUNTRY_NAMES, false),
                Table::new(Kind::Place, PLACES, false),
                // "al-Qaeda": a few names start in lower case
                Table::new(Kind::Organization, ORGANIZATIONS, true),
                Table::new(Kind::Office, OFFICES, true),
            ],
            words: vec![
                Table::new(Kind::Word, WORDS, true),
                Table::new(Kind::Word, NAMES, false),
                Table::new(Kind::Word, COMMON_WORDS, true),
            ],
            countries,
            id: next_id(),
        }
    }

    /// The built-in lexicon plus the entries of a user's TSV file. Each line is a list name
    /// (`country`, `place`, `office`, `organization`, `word`) followed by the columns of that
    /// list's data file; `#` starts a comment line. See `data/README.md`.
    pub fn with_user_file(path: &Path) -> Result<Lexicon, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: path.to_owned(),
            source,
        })?;
        Lexicon::with_user_text(&text).map_err(|(line, message)| LexiconError::Parse {
            path: path.to_owned(),
            line,
            message,
        })
    }

    /// [`Lexicon::with_user_file`] on text already read; errors carry the 1-based line.
    fn with_user_text(text: &str) -> Result<Lexicon, (usize, String)> {
        let mut by_kind: Vec<(Kind, Vec<String>)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (list, row) = line
                .split_once('\t')
                .ok_or((n + 1, "expected a list name and a tab".to_string()))?;
            let kind = Kind::from_name(list).ok_or_else(|| {
                (n + 1, format!("unknown list `{list}` (expected country, place, office, organization or word)"))
            })?;
            let mut cols: Vec<&str> = row.split('\t').collect();
            if cols.len() > kind.columns() {
                return Err((
                    n + 1,
                    format!(
                        "a `{list}` row has {} columns, not {}",
                        kind.columns(),
                        cols.len()
                    ),
                ));
            }
            cols.resize(kind.columns(), "");
            check_row(kind, &cols).map_err(|m| (n + 1, m))?;
            let row = cols.join("\t");
            match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, rows)) => rows.push(row),
                None => by_kind.push((kind, vec![row])),
            }
        }
        let builtin = Lexicon::builtin();
        let mut lexicon = Lexicon {
            phrases: builtin.phrases.clone(),
            words: builtin.words.clone(),
            countries: builtin.countries.clone(),
            id: next_id(),
        };
        for (kind, mut rows) in by_kind {
            rows.sort_by(|a, b| normalized(phrase_of(a)).cmp(normalized(phrase_of(b))));
            let lowercase_starts = rows
                .iter()
                .any(|r| r.chars().next().is_some_and(|c| !c.is_uppercase()));
            // leaked once per process: entries borrow `'static` strings like the built-in ones
            let text: &'static str = Box::leak(rows.join("\n").into_boxed_str());
            let table = Table::from_rows(kind, text, lowercase_starts);
            // user rows come first, so their readings are reported first
            if kind == Kind::Word {
                lexicon.words.insert(0, table);
            } else {
                lexicon.phrases.insert(0, table);
            }
        }
        Ok(lexicon)
    }

    /// The country with this ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso: &str) -> Option<&Country> {
        self.countries
            .binary_search_by(|c| c.iso.cmp(iso))
            .ok()
            .map(|i| &self.countries[i])
    }

    /// All countries, sorted by alpha-2 code.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// Canonical office name for an office phrase ("foreign ministers" -> "Foreign Minister").
    /// Leading qualifiers the contract keeps apart ("former", "acting", "interim") and a
    /// trailing "-elect" are set aside when the whole phrase is not itself an office.
    pub fn office(&self, phrase: &str) -> Option<&'static str> {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let look = |words: &[&str]| -> Option<&'static str> {
            let text = words.join(" ");
            let k = key(&text);
            self.phrases
                .iter()
                .filter(|t| t.kind == Kind::Office)
                .find_map(|t| {
                    t.rows_equal(&k).find_map(|row| {
                        let cols: Vec<&'static str> = row.split('\t').collect();
                        case_fits(cols[0], &text, cols.last() == Some(&"exact")).then_some(cols[1])
                    })
                })
        };
        // "then-Foreign Minister", "ex-president": the prefix is a qualifier too
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        if let Some(first) = words.first_mut() {
            for prefix in ["then-", "ex-", "Then-", "Ex-"] {
                if first.len() > prefix.len() && first.starts_with(prefix) {
                    first.drain(..prefix.len());
                }
            }
        }
        // and "-elect", "-designate" at the end
        let mut bare = words.clone();
        if let Some(last) = bare.last_mut() {
            let lower = last.to_lowercase();
            for suffix in ["-elect", "-designate"] {
                if lower.ends_with(suffix) && last.len() > suffix.len() {
                    last.truncate(last.len() - suffix.len());
                }
            }
            if matches!(lower.as_str(), "elect" | "designate") {
                bare.pop();
            }
        }
        // leading qualifiers one at a time, so that "former deputy prime minister" is the office
        // "Deputy Prime Minister" and "deputy foreign minister" the office "Foreign Minister"
        for candidate in [words, bare] {
            let mut rest: &[String] = &candidate;
            loop {
                let as_str: Vec<&str> = rest.iter().map(String::as_str).collect();
                if as_str.is_empty() {
                    break;
                }
                if let Some(name) = look(&as_str) {
                    return Some(name);
                }
                match rest.split_first() {
                    Some((first, tail)) if OFFICE_QUALIFIERS.contains(&key(first).as_str()) => {
                        rest = tail
                    }
                    _ => break,
                }
            }
        }
        None
    }

    /// Classes of one word form, from the word lists and from single-word entries of the
    /// other lists (a country name, a demonym, a city...).
    pub fn classes(&self, word: &str) -> WordClass {
        let known = MEMO.with_borrow(|memo| {
            (memo.lexicon == self.id)
                .then(|| memo.classes.get(word).copied())
                .flatten()
        });
        if let Some(class) = known {
            return class;
        }
        // not borrowed while looking up: a hyphenated word asks for its parts' classes
        let class = self.classes_of(word);
        MEMO.with_borrow_mut(|memo| {
            memo.make_room(self.id);
            memo.classes.insert(word.into(), class);
        });
        class
    }

    /// [`Lexicon::classes`] without the memo.
    fn classes_of(&self, word: &str) -> WordClass {
        let k = key(word);
        if k.is_empty() {
            return WordClass::NONE;
        }
        let mut class = WordClass::NONE;
        for table in &self.words {
            for row in table.rows_equal(&k) {
                let mut cols = row.split('\t');
                let phrase = cols.next().unwrap_or("");
                let c = cols.next().unwrap_or("");
                let exact = cols.nth(1) == Some("exact");
                if case_fits(phrase, word, exact) {
                    class |= WordClass::parse(c).unwrap_or(WordClass::NONE);
                }
            }
        }
        let lower = word.chars().next().is_some_and(char::is_lowercase);
        for table in self.phrases.iter().filter(|t| t.lowercase_starts || !lower) {
            for row in table.rows_equal(&k) {
                let Some(entry) = self.entry_of(table.kind, row, word) else {
                    continue;
                };
                class |= match entry {
                    Entry::Country {
                        form: CountryForm::Name | CountryForm::Abbreviation,
                        ..
                    } => WordClass::COUNTRY,
                    Entry::Country {
                        form: CountryForm::Demonym,
                        ..
                    } => WordClass::DEMONYM,
                    Entry::Country {
                        form: CountryForm::Capital | CountryForm::Metonym,
                        ..
                    } => WordClass::CAPITAL,
                    Entry::Place {
                        kind: "city" | "capital",
                        ..
                    } => WordClass::CITY,
                    Entry::Place { .. } => WordClass::REGION,
                    Entry::Office { .. } => WordClass::OFFICE_WORD,
                    Entry::Organization { .. } => WordClass::ORGANIZATION,
                    Entry::Person { .. } => WordClass::NONE,
                };
            }
        }
        if word.contains('-') && !class.intersects(WordClass::GIVEN_NAME | WordClass::SURNAME) {
            class |= self.hyphenated_name(word);
        }
        class
    }

    /// A hyphenated name made of names: "Jean-Pierre", "Jae-myung" and "Ing-wen" are given
    /// names, "Smith-Jones" a surname. Parts after the first may be in lower case, as
    /// romanised Korean and Chinese given names are written.
    fn hyphenated_name(&self, word: &str) -> WordClass {
        let parts: Vec<&str> = word.split('-').collect();
        if parts.len() < 2
            || parts.iter().any(|p| p.is_empty())
            || !word.starts_with(char::is_uppercase)
        {
            return WordClass::NONE;
        }
        let mut all = WordClass(WordClass::GIVEN_NAME.0 | WordClass::SURNAME.0);
        for part in parts {
            let mut chars = part.chars();
            let titled: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            all = WordClass(all.0 & self.classes(&titled).0);
            if all.is_empty() {
                break;
            }
        }
        all
    }

    /// The reading of one data row for the text spelling `text`, if the case rules allow it.
    fn entry_of(&self, kind: Kind, row: &'static str, text: &str) -> Option<Entry> {
        // no list has more than six columns
        let mut cols = [""; 6];
        for (col, s) in cols.iter_mut().zip(row.split('\t')) {
            *col = s;
        }
        let exact = row.rsplit('\t').next() == Some("exact");
        if !case_fits(cols[0], text, exact) {
            return None;
        }
        let opt = |s: &'static str| (!s.is_empty()).then_some(s);
        Some(match kind {
            Kind::CountryName => Entry::Country {
                iso: cols[1],
                form: CountryForm::parse(cols[2])?,
            },
            Kind::Place => Entry::Place {
                name: cols[1],
                kind: cols[2],
                country: opt(cols[3]),
            },
            Kind::Office => Entry::Office { name: cols[1] },
            Kind::Organization => Entry::Organization {
                name: cols[1],
                abbreviation: opt(cols[2]),
            },
            Kind::Word => return None,
        })
    }

    /// Longest matches on token boundaries, left to right, non-overlapping. Parts of a
    /// hyphenated token are matched too ("Japan" and "U.S." in "Japan-U.S."; "New York" in
    /// "New York-based"), with byte spans inside the token. A match does not run across a
    /// blank line.
    pub fn find(&self, text: &str, tokens: &[Token]) -> Vec<Match> {
        let mut pieces: Vec<Piece> = Vec::with_capacity(tokens.len() + 8);
        for (ti, t) in tokens.iter().enumerate() {
            let s = t.text(text);
            let mut joint = if t.breaks_before >= 2 {
                Joint::Break
            } else if t.space_before || ti == 0 {
                Joint::Space
            } else {
                Joint::Touch
            };
            let mut from = 0;
            for (i, _) in s.match_indices('-') {
                if i > from && i + 1 < s.len() {
                    pieces.push(Piece {
                        token: ti,
                        start: t.start + from,
                        end: t.start + i,
                        joint,
                    });
                    joint = Joint::Hyphen;
                    from = i + 1;
                }
            }
            pieces.push(Piece {
                token: ti,
                start: t.start + from,
                end: t.end,
                joint,
            });
        }
        // the keys of all pieces in one string, piece `j`'s at `all_keys[key_at[j]..key_at[j + 1]]`
        let mut all_keys = String::with_capacity(text.len());
        let mut key_at = Vec::with_capacity(pieces.len() + 1);
        key_at.push(0);
        for p in &pieces {
            all_keys.extend(normalized(&text[p.start..p.end]));
            key_at.push(all_keys.len());
        }
        let keys: Vec<&str> = key_at.windows(2).map(|w| &all_keys[w[0]..w[1]]).collect();
        // the case rules never let lower-case text match a list without lower-case entries
        let [upper, lower] = [false, true].map(|lower| {
            self.phrases
                .iter()
                .filter(|t| t.lowercase_starts || !lower)
                .collect::<Vec<&Table>>()
        });
        let mut scratch = (String::new(), Vec::new());
        let mut out = Vec::new();
        let mut i = 0;
        while i < pieces.len() {
            match self.longest_at(text, &pieces, &keys, [&upper, &lower], i, &mut scratch) {
                Some((j, entries)) => {
                    out.push(Match {
                        tokens: pieces[i].token..pieces[j - 1].token + 1,
                        start: pieces[i].start,
                        end: pieces[j - 1].end,
                        entries,
                    });
                    i = j;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest phrase starting at piece `i`: the end piece (exclusive) and its readings.
    /// Each step costs one search per list that still has rows starting with the phrase so
    /// far (or none, if this thread has probed the phrase before); most words end the search
    /// at the first step. `tables` are the lists searched for a phrase starting in upper and
    /// in lower case; `scratch` is space for the phrase key and the probes, kept between
    /// calls.
    fn longest_at(
        &self,
        text: &str,
        pieces: &[Piece],
        keys: &[&str],
        tables: [&[&Table]; 2],
        i: usize,
        scratch: &mut (String, Vec<Probe>),
    ) -> Option<(usize, Vec<Entry>)> {
        let first = text[pieces[i].start..pieces[i].end].chars().next()?;
        if !first.is_alphanumeric() {
            return None;
        }
        let lower = first.is_lowercase();
        let tables = tables[usize::from(lower)];
        // a bit per list that still has rows starting with the phrase so far
        let mut live: u64 = (1 << tables.len()) - 1;
        let (k, probes) = scratch;
        k.clear();
        k.push_str(keys[i]);
        let mut best = None;
        let mut j = i + 1;
        loop {
            let mut entries = Vec::new();
            let mut spelled_text = None;
            self.probe_phrase(lower, k, tables, live, probes);
            for (n, (t, &(at, prefix))) in tables.iter().zip(probes.iter()).enumerate() {
                if live & 1 << n == 0 {
                    continue;
                }
                if !prefix {
                    live &= !(1 << n);
                    continue;
                }
                for row in t.rows_from(at as usize, k) {
                    let spelled = spelled_text.get_or_insert_with(|| spelled(text, &pieces[i..j]));
                    entries.extend(self.entry_of(t.kind, row, spelled));
                }
            }
            if !entries.is_empty() {
                // "U.S." and "US" are two rows with one reading
                let mut unique: Vec<Entry> = Vec::with_capacity(entries.len());
                for e in entries {
                    if !unique.contains(&e) {
                        unique.push(e);
                    }
                }
                best = Some((j, unique));
            }
            if live == 0 {
                break;
            }
            let Some(next) = pieces.get(j) else { break };
            // a period or other mark touching a word does not continue a phrase
            if keys[j].is_empty() {
                break;
            }
            match next.joint {
                Joint::Break => break,
                Joint::Space => k.push(' '),
                Joint::Hyphen => k.push('-'),
                Joint::Touch => {}
            }
            k.push_str(keys[j]);
            j += 1;
        }
        best
    }
}

impl Lexicon {
    /// Probes the phrase key `key` in each of `tables` whose bit is set in `live` (the lists
    /// searched for a phrase starting in lower case or not, as `lower` says), into `out`, one
    /// [`Probe`] per table. A list not live has no row starting with a shorter phrase, so none
    /// starts with this one either: its probe is `(0, false)`, which makes the answer depend
    /// on `lower` and `key` alone and so fit to be remembered.
    fn probe_phrase(
        &self,
        lower: bool,
        key: &str,
        tables: &[&Table],
        live: u64,
        out: &mut Vec<Probe>,
    ) {
        out.clear();
        let known = MEMO.with_borrow(|memo| {
            let probes = (memo.lexicon == self.id)
                .then(|| memo.probes[usize::from(lower)].get(key))
                .flatten();
            out.extend(probes.into_iter().flat_map(|p| p.iter().copied()));
            probes.is_some()
        });
        if known {
            return;
        }
        out.extend(tables.iter().enumerate().map(|(n, t)| {
            if live & 1 << n == 0 {
                return (0, false);
            }
            let (at, prefix) = t.probe(key);
            (at as u32, prefix)
        }));
        MEMO.with_borrow_mut(|memo| {
            memo.make_room(self.id);
            memo.probes[usize::from(lower)].insert(key.into(), out.as_slice().into());
        });
    }
}

/// How a piece of text joins the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joint {
    /// White space, at most one line break: a phrase may run on.
    Space,
    /// Nothing between: "People" + "'s".
    Touch,
    /// The hyphen inside a token: "Japan" + "U.S." in "Japan-U.S.".
    Hyphen,
    /// A blank line: phrases stop here.
    Break,
}

/// A token, or a part of a hyphenated token, as phrases are matched over them.
#[derive(Clone, Copy, Debug)]
struct Piece {
    token: usize,
    start: usize,
    end: usize,
    joint: Joint,
}

/// The text of some pieces as a data file spells it: single spaces between words.
fn spelled(text: &str, pieces: &[Piece]) -> String {
    let mut s = String::new();
    for (n, p) in pieces.iter().enumerate() {
        if n > 0 {
            match p.joint {
                Joint::Hyphen => s.push('-'),
                Joint::Touch => {}
                Joint::Space | Joint::Break => s.push(' '),
            }
        }
        s.push_str(&text[p.start..p.end]);
    }
    s
}

/// Checks one row's columns for its list; the message says what is wrong.
fn check_row(kind: Kind, cols: &[&str]) -> Result<(), String> {
    let phrase = cols[0];
    if phrase.is_empty() || phrase != phrase.trim() || phrase.contains("  ") {
        return Err(format!("bad phrase `{phrase}`"));
    }
    if let Some(c) = phrase
        .chars()
        .find(|&c| !(c.is_alphanumeric() || " .'\u{2019}-&".contains(c) || is_combining(c)))
    {
        return Err(format!(
            "phrase `{phrase}` has `{c}`; use letters, digits, spaces and . ' - &"
        ));
    }
    let flags = cols[cols.len() - 1];
    if !flags.is_empty() && flags != "exact" {
        return Err(format!(
            "unknown flag `{flags}` (expected `exact` or nothing)"
        ));
    }
    let iso_ok = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase());
    match kind {
        Kind::CountryName => {
            if !iso_ok(cols[1]) {
                return Err(format!("bad ISO code `{}`", cols[1]));
            }
            if CountryForm::parse(cols[2]).is_none() {
                return Err(format!(
                    "unknown form `{}` (name, abbreviation, demonym, metonym, capital)",
                    cols[2]
                ));
            }
        }
        Kind::Place => {
            if cols[1].is_empty() || cols[2].is_empty() {
                return Err("a place needs a name and a kind".to_string());
            }
            if !cols[3].is_empty() && !iso_ok(cols[3]) {
                return Err(format!("bad ISO code `{}`", cols[3]));
            }
            if !cols[4].is_empty() && cols[4].parse::<u64>().is_err() {
                return Err(format!("bad population `{}`", cols[4]));
            }
        }
        Kind::Office | Kind::Organization => {
            if cols[1].is_empty() {
                return Err("a canonical name is needed".to_string());
            }
        }
        Kind::Word => {
            if WordClass::parse(cols[1]).is_none() {
                return Err(format!("unknown class `{}`", cols[1]));
            }
            if !cols[2].is_empty() && cols[2].parse::<u64>().is_err() {
                return Err(format!("bad frequency `{}`", cols[2]));
            }
        }
    }
    Ok(())
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F)
}

#[cfg(test)]
mod tests;
