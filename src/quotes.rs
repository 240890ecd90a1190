//! Quote attribution: direct quotations and who said them.

use crate::entities::Entity;
use crate::sentences::Sentence;
use crate::tokenize::Token;

/// A direct quotation: the span inside the quotation marks, and its speaker when named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    /// Index into the document's entities.
    pub speaker: Option<usize>,
    /// The attributing words: "said", "according to", "added", ...
    pub cue: Option<String>,
}

/// Finds the quotations of one document and attributes them.
pub fn extract(
    _text: &str,
    _tokens: &[Token],
    _sentences: &[Sentence],
    _entities: &[Entity],
) -> Vec<Quote> {
    Vec::new()
}
