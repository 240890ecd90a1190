//! Entity extraction: tokens and sentences in, typed entities with their mentions out.
//!
//! An entity is one thing the article talks about (a person, an office, a country, a place,
//! an organization) with every span that mentions it, already linked: "Motegi" is a mention
//! of "Toshimitsu Motegi", "Japanese" a demonym mention of Japan.

pub mod tagger;

use std::ops::Range;

use crate::sentences::Sentence;
use crate::tokenize::Token;

/// The entity types of the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Office,
    Country,
    Place,
    Organization,
}

impl EntityType {
    /// The name the output contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Office => "office",
            EntityType::Country => "country",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
        }
    }
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MentionForm {
    #[default]
    Name,
    Alias,
    Abbreviation,
    Demonym,
    Metonym,
}

impl MentionForm {
    /// The name the output contract uses; `None` for the default form, which is not printed.
    pub fn as_str(self) -> Option<&'static str> {
        match self {
            MentionForm::Name => None,
            MentionForm::Alias => Some("alias"),
            MentionForm::Abbreviation => Some("abbreviation"),
            MentionForm::Demonym => Some("demonym"),
            MentionForm::Metonym => Some("metonym"),
        }
    }
}

/// One span of text that refers to an entity. Offsets are bytes into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The tokens the mention covers (a mention inside a hyphenated token covers that token).
    pub tokens: Range<usize>,
    pub sentence: usize,
    pub form: MentionForm,
}

/// One thing the article talks about, with all its mentions in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityType,
    /// The canonical name: the fullest form in the article, or the lexicon's name.
    pub name: String,
    /// ISO 3166-1 alpha-2 code, for countries.
    pub iso: Option<&'static str>,
    /// For places: city, region, sea, island, ...
    pub place_kind: Option<&'static str>,
    pub mentions: Vec<Mention>,
}

/// Finds the entities of one document.
pub fn extract(_text: &str, _tokens: &[Token], _sentences: &[Sentence]) -> Vec<Entity> {
    Vec::new()
}
