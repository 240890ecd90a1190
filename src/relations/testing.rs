//! Test support: documents with hand-made entities, so pattern tests do not depend on the
//! entity stage. Each spec is `("Full Name|Alias|Other", kind)`: every occurrence of each
//! variant on token boundaries becomes a mention of one entity named after the first variant.
//! A variant ending in `*` is a demonym ("Japanese*"), one ending in `^` a metonym.

use crate::entities::{Entity, EntityType, Mention, MentionForm};
use crate::sentences::{self, Sentence};
use crate::tokenize::{self, Token};

pub const P: EntityType = EntityType::Person;
pub const O: EntityType = EntityType::Office;
pub const C: EntityType = EntityType::Country;
pub const L: EntityType = EntityType::Place;
pub const G: EntityType = EntityType::Organization;

/// One table row: a sentence, its entities, and what the pattern should find.
pub type Case<'a> = (&'a str, &'a [(&'a str, EntityType)], &'a [&'a str]);

pub struct Built {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity<'static>>,
}

/// Tokenizes `text` and makes entities from `specs`.
pub fn build(text: &str, specs: &[(&str, EntityType)]) -> Built {
    let tokens = tokenize::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let mut entities = Vec::new();
    for (spec, kind) in specs {
        let mut variants: Vec<(&str, MentionForm)> = spec
            .split('|')
            .map(|v| {
                if let Some(v) = v.strip_suffix('*') {
                    (v, MentionForm::Demonym)
                } else if let Some(v) = v.strip_suffix('^') {
                    (v, MentionForm::Metonym)
                } else {
                    (v, MentionForm::Name)
                }
            })
            .collect();
        let name = variants[0].0.to_string();
        variants.sort_by_key(|v| std::cmp::Reverse(v.0.len()));
        let mut mentions: Vec<Mention> = Vec::new();
        for (v, form) in variants {
            for (at, _) in text.match_indices(v) {
                let end = at + v.len();
                // on token boundaries, or a part of a hyphenated token ("Chile" in "Chile-based")
                let bytes = text.as_bytes();
                let a = tokens.iter().position(|t| {
                    t.start == at || (t.start < at && at < t.end && bytes[at - 1] == b'-')
                });
                let b = tokens.iter().position(|t| {
                    t.end == end || (t.start < end && end < t.end && bytes[end] == b'-')
                });
                let (Some(a), Some(b)) = (a, b) else { continue };
                if mentions.iter().any(|m| m.start < end && at < m.end) {
                    continue;
                }
                let sentence = sentences
                    .iter()
                    .position(|s| s.tokens.contains(&a))
                    .unwrap_or(0);
                mentions.push(Mention {
                    start: at,
                    end,
                    tokens: a..b + 1,
                    sentence,
                    form,
                });
            }
        }
        mentions.sort_by_key(|m| m.start);
        let iso = None;
        let place_kind = if *kind == L {
            Some(place_kind_of(&name))
        } else {
            None
        };
        entities.push(Entity {
            kind: *kind,
            name: name.into(),
            iso,
            place_kind,
            mentions,
        });
    }
    Built {
        tokens,
        sentences,
        entities,
    }
}

/// A guess good enough for tests: seas, islands and regions by their last word, else a city.
fn place_kind_of(name: &str) -> &'static str {
    let last = name.rsplit(' ').next().unwrap_or("");
    match last {
        "Sea" | "Ocean" | "Strait" => "sea",
        "Stadium" | "Arena" => "stadium",
        "Islands" | "Island" | "Islets" => "island",
        "Peninsula" | "Region" | "Province" | "State" | "Prefecture" => "region",
        _ if name.ends_with("-Pacific") => "region",
        _ => "city",
    }
}

/// The name of an entity by index (for readable assertions).
pub fn n(b: &Built, i: usize) -> &str {
    &b.entities[i].name
}
