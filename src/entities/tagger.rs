//! Statistical tagger (stub until the trained model lands).
use std::ops::Range;

use crate::sentences::Sentence;
use crate::tokenize::Token;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    Per,
    Loc,
    Org,
    Misc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tagged {
    pub tokens: Range<usize>,
    pub label: Label,
    pub score: f32,
}

pub struct Tagger {}

static BUILTIN: Tagger = Tagger {};

impl Tagger {
    pub fn builtin() -> &'static Tagger {
        &BUILTIN
    }
    pub fn tag(&self, _text: &str, _tokens: &[Token], _sentences: &[Sentence]) -> Vec<Tagged> {
        Vec::new()
    }
}
