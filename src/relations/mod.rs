//! Relation builder: linked entities in, facts between them out (who holds which office,
//! who held talks with whom, what lies where), each with the sentence and evidence span.

use crate::entities::Entity;
use crate::sentences::Sentence;
use crate::tokenize::Token;

/// A byte span of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Qualifiers an office can carry in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Former,
    Acting,
    Deputy,
    Elect,
    Interim,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Former => "former",
            Qualifier::Acting => "acting",
            Qualifier::Deputy => "deputy",
            Qualifier::Elect => "elect",
            Qualifier::Interim => "interim",
        }
    }
}

/// What a relation says; entity arguments are indexes into the document's entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelationKind {
    HoldsOffice {
        person: usize,
        office: usize,
        country: Option<usize>,
        organization: Option<usize>,
        qualifier: Option<Qualifier>,
    },
    Talks {
        participants: Vec<usize>,
        place: Option<usize>,
        date: Option<Span>,
    },
    LocatedIn {
        place: usize,
        location: usize,
        /// True when the fact comes from the lexicon (a city's country), not from the text.
        from_lexicon: bool,
    },
    Administers {
        country: usize,
        place: usize,
    },
    Claims {
        country: usize,
        place: usize,
    },
    MemberOf {
        person: usize,
        organization: usize,
    },
}

/// One relation with its support in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub sentence: usize,
    pub evidence: Span,
}

/// Finds the relations between the entities of one document.
pub fn extract(
    _text: &str,
    _tokens: &[Token],
    _sentences: &[Sentence],
    _entities: &[Entity],
) -> Vec<Relation> {
    Vec::new()
}
