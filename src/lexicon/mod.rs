//! Embedded gazetteers: countries, places, offices, names and organization cues, compiled
//! into the binary, loaded once, matched on token boundaries.

use std::ops::Range;
use std::sync::LazyLock;

use crate::tokenize::Token;

pub struct Lexicon {}

static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {});

#[derive(Debug)]
pub struct LexiconError;

impl Lexicon {
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }
    pub fn find(&self, _text: &str, _tokens: &[Token]) -> Vec<Match> {
        Vec::new()
    }
    pub fn classes(&self, _word: &str) -> WordClass {
        WordClass(0)
    }
    pub fn country(&self, _iso: &str) -> Option<&Country> {
        None
    }
    pub fn office(&self, _phrase: &str) -> Option<&str> {
        None
    }
}

#[derive(Debug, Clone)]
pub struct Match {
    pub tokens: Range<usize>,
    pub start: usize,
    pub end: usize,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Country { iso: &'static str, form: CountryForm },
    Place { name: &'static str, kind: &'static str, country: Option<&'static str> },
    Office { name: &'static str },
    Organization { name: &'static str, abbreviation: Option<&'static str> },
    Person { name: &'static str },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountryForm {
    Name,
    Abbreviation,
    Demonym,
    Metonym,
    Capital,
}

pub struct Country {
    pub iso: &'static str,
    pub alpha3: &'static str,
    pub name: &'static str,
    pub capital: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct WordClass(pub u32);

impl WordClass {
    pub const GIVEN_NAME: WordClass = WordClass(1);
    pub const SURNAME: WordClass = WordClass(2);
    pub const HONORIFIC: WordClass = WordClass(4);
    pub const OFFICE_WORD: WordClass = WordClass(8);
    pub const OFFICE_MODIFIER: WordClass = WordClass(16);
    pub const ORG_HEAD: WordClass = WordClass(32);
    pub const ORG_SUFFIX: WordClass = WordClass(64);
    pub const COUNTRY: WordClass = WordClass(128);
    pub const DEMONYM: WordClass = WordClass(256);
    pub const CITY: WordClass = WordClass(512);
    pub const REGION: WordClass = WordClass(1024);
    pub const MONTH: WordClass = WordClass(2048);
    pub const WEEKDAY: WordClass = WordClass(4096);
    pub const NOT_A_NAME: WordClass = WordClass(8192);
    pub fn contains(self, other: WordClass) -> bool {
        self.0 & other.0 == other.0
    }
}
