//! `analyze` reads news articles and says who and what they mention and how those relate.
//!
//! The pipeline runs one way: text -> [tokens](tokenize) -> [sentences] -> [entities] ->
//! [relations] and [quotes] -> [output]. Each stage is a module with plain data types at its
//! boundary; only [`output`] knows the JSON contract.
//!
//! ```
//! let text = "Japanese Foreign Minister Toshimitsu Motegi spoke in Tokyo.";
//! let analysis = analyze::Analyzer::new().analyze(text);
//! assert_eq!(analysis.sentences.len(), 1);
//! for tok in &analysis.tokens {
//!     assert!(!tok.text(text).is_empty());
//! }
//! ```

pub mod batch;
pub mod entities;
mod hashing;
pub mod lexicon;
pub mod output;
pub mod quotes;
pub mod relations;
pub mod sentences;
pub mod text;
pub mod tokenize;

pub use entities::{Entity, EntityType, Mention, MentionForm};
pub use quotes::Quote;
pub use relations::{Relation, RelationKind};
pub use sentences::Sentence;
pub use tokenize::{Token, TokenKind};

/// Everything found in one document. Offsets are bytes into `text`.
#[derive(Debug, Clone)]
pub struct Analysis<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity<'t>>,
    pub relations: Vec<Relation>,
    pub quotes: Vec<Quote>,
}

impl Drop for Analysis<'_> {
    /// Hands the sentences and the entities back to the stages that made them, which reuse
    /// their lists for the next document's (on this thread) rather than allocating new ones.
    fn drop(&mut self) {
        sentences::recycle(&mut self.sentences);
        entities::recycle(&mut self.entities);
    }
}

/// Runs the pipeline. Holds what is shared between documents, so one `Analyzer` serves a
/// whole batch (and is `Sync`, for parallel batches).
#[derive(Debug, Clone, Copy)]
pub struct Analyzer {
    lexicon: &'static lexicon::Lexicon,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// An analyzer with the built-in lexicon.
    pub fn new() -> Self {
        Analyzer {
            lexicon: lexicon::Lexicon::builtin(),
        }
    }

    /// An analyzer with another lexicon, such as the built-in one plus a user's file
    /// ([`lexicon::Lexicon::with_user_file`], leaked once to live for the process).
    pub fn with_lexicon(lexicon: &'static lexicon::Lexicon) -> Self {
        Analyzer { lexicon }
    }

    /// The lexicon this analyzer looks names up in.
    pub fn lexicon(&self) -> &'static lexicon::Lexicon {
        self.lexicon
    }

    /// Analyses one document's text.
    pub fn analyze<'t>(&self, text: &'t str) -> Analysis<'t> {
        let tokens = tokenize::tokenize(text);
        let sentences = sentences::split(text, &tokens);
        let entities = entities::extract(text, &tokens, &sentences, self.lexicon);
        let (relations, quotes) = self.relate(text, &tokens, &sentences, &entities);
        Analysis {
            text,
            tokens,
            sentences,
            entities,
            relations,
            quotes,
        }
    }

    /// The relations and the quotes of a document, as [`relations::extract`] and
    /// [`quotes::extract`] find them, from one index of the document that both share.
    pub fn relate(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        entities: &[Entity],
    ) -> (Vec<Relation>, Vec<Quote>) {
        let doc = relations::Doc::new(text, tokens, sentences, entities);
        (
            relations::extract_from(&doc, self.lexicon),
            quotes::extract_from(&doc),
        )
    }
}
