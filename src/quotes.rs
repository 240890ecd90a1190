//! Quote attribution: direct quotations and who said them.
//!
//! Quotations are found from the quotation-mark tokens: curly marks by their direction,
//! straight ones by the space around them, single marks only as a pair that cannot be an
//! apostrophe. Only the outermost quotation counts (a quote inside a quote is part of it). A
//! quotation left open at the end of a paragraph ends there, as news copy runs a long quote
//! over paragraphs by reopening it. Quotes of one or two words with no attribution are scare
//! quotes ("the so-called 'reform'"), not quotations, and are left out.
//!
//! The speaker comes from the words right after the closing mark (`"...," she said`,
//! `"...," said the ministry`, `"...," according to X`), else from the sentence before the
//! opening mark (`X said "..."`, `According to X, "..."`), walking back over reported speech
//! to the nearest cue whose subject names someone. A speaker phrase resolves to an entity by
//! its head: a person, organization or country mention; an office to the person holding it
//! in this document; "the department" to an organization named "... Department"; "he" /
//! "she" to the nearest fitting person (the last person quoted nearby, else the subject of
//! the nearest sentence naming one), "it" likewise to an organization or country. A quote
//! with no cue that opens a sentence right after an attributed quote continues it. Nobody
//! named means `speaker: None`.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::entities::{Entity, EntityType, MentionForm};
use crate::relations::{Doc, FastMap, Ment, WordSet, ascii_lower, holds_office};
use crate::sentences::Sentence;
use crate::tokenize::{Token, TokenKind};

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

/// How many mentions back in a sentence a pronoun's reported speaker ("X said ...") is looked
/// for.
const REPORTED_REACH: usize = 16;

/// How many words from a sentence's start a speech verb whose subject is not a name ("The
/// minister, who ..., said") is looked for.
const REPORTED_WORDS: usize = 40;

/// The kinds of mention that may speak (an office for its holder).
const SPEAKER_KINDS: &[EntityType] = &[
    EntityType::Person,
    EntityType::Organization,
    EntityType::Country,
    EntityType::Office,
];

/// Verbs that attribute speech.
pub(crate) static SPEECH_VERBS: WordSet = WordSet::new(&[
    "accused",
    "accuses",
    "accusing",
    "acknowledged",
    "add",
    "added",
    "adding",
    "adds",
    "admitted",
    "announced",
    "argued",
    "argues",
    "asked",
    "asks",
    "branded",
    "called",
    "calling",
    "calls",
    "cautioned",
    "claimed",
    "commented",
    "concluded",
    "continued",
    "countered",
    "criticised",
    "criticising",
    "criticized",
    "criticizing",
    "declared",
    "described",
    "describes",
    "describing",
    "dismissed",
    "dismisses",
    "dismissing",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "labeled",
    "labelled",
    "maintained",
    "noted",
    "notes",
    "observed",
    "pledged",
    "posted",
    "promised",
    "recalled",
    "reiterated",
    "remarked",
    "replied",
    "responded",
    "said",
    "say",
    "saying",
    "says",
    "stated",
    "states",
    "stressed",
    "stresses",
    "suggested",
    "tell",
    "telling",
    "tells",
    "told",
    "tweeted",
    "underscored",
    "urged",
    "vowed",
    "warned",
    "warns",
    "writes",
    "wrote",
])
.at(18);

/// Speech verbs whose object is what is described, not who speaks.
pub(crate) static NAMING_VERBS: WordSet = WordSet::new(&[
    "accused",
    "accuses",
    "accusing",
    "branded",
    "called",
    "calling",
    "calls",
    "criticised",
    "criticising",
    "criticized",
    "criticizing",
    "described",
    "describes",
    "describing",
    "dismissed",
    "dismisses",
    "dismissing",
    "labeled",
    "labelled",
])
.at(17);

/// Whether the speech verb at `k` quotes what stands at `open`: "dismissed the offer as
/// \"a farce\"" and "criticized the plan as \"...\"" quote only what the thing is called,
/// "accused Y of \"spreading lies\"" only what Y is accused of.
fn quotes_before(doc: &Doc, k: usize, open: usize) -> bool {
    let before = |w: &str| doc.is(open - 1, &[w]);
    if doc.is(
        k,
        &[
            "dismissed",
            "dismisses",
            "dismissing",
            "criticised",
            "criticized",
            "criticising",
            "criticizing",
        ],
    ) {
        return before("as");
    }
    !doc.is(k, &["accused", "accuses", "accusing"]) || before("of")
}

/// Speech verbs whose object is the one spoken to.
const ADDRESSING_VERBS: [&str; 5] = ["tell", "telling", "tells", "told", "urged"];

/// Auxiliaries and adverbs between a speaker and the verb ("has said", "later added").
pub(crate) static AUX: WordSet = WordSet::new(&[
    "again",
    "also",
    "earlier",
    "had",
    "has",
    "have",
    "later",
    "once",
    "previously",
    "recently",
    "reportedly",
    "repeatedly",
    "separately",
    "then",
    "would",
    "will",
])
.at(15);

/// Head nouns of organizations referred to generically: "the department said".
pub(crate) static GENERIC_ORG_NOUNS: WordSet = WordSet::new(&[
    "agency",
    "bank",
    "board",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "embassy",
    "firm",
    "group",
    "institute",
    "ministry",
    "office",
    "organization",
    "organisation",
    "party",
    "service",
    "union",
])
.at(16);

/// Nouns a company is referred to by: "the iPhone maker said", "the company said".
static COMPANY_NOUNS: WordSet = WordSet::new(&[
    "automaker",
    "carmaker",
    "chipmaker",
    "company",
    "conglomerate",
    "firm",
    "insurer",
    "lender",
    "maker",
    "manufacturer",
    "miner",
    "retailer",
]);

/// How many sentences back "the company" looks for the company last named.
const COMPANY_SENTENCES: usize = 2;

/// Words for an unnamed spokesperson whose organization may stand in the phrase.
pub(crate) static SPOKES_NOUNS: WordSet = WordSet::new(&[
    "official",
    "officials",
    "source",
    "sources",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "statement",
    "representative",
    "release",
])
.at(19);

/// How many tokens after a closing mark a speech verb may stand ("," she later told reporters).
const AFTER_REACH: usize = 8;

/// Quotes shorter than this many words need a named speaker to count; without one they are
/// scare quotes or names ("the so-called \"reform\"", "he called it \"Plan B\"").
const MIN_UNATTRIBUTED_WORDS: usize = 3;

/// One quotation found from its marks: token indexes of the marks and the content span.
#[derive(Debug, Clone, Copy)]
struct Marks {
    /// The opening mark's token.
    open: usize,
    /// The closing mark's token, or the first token after the content when left open.
    close: usize,
    start: usize,
    end: usize,
}

/// Finds the quotations of one document and attributes them.
pub fn extract(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
) -> Vec<Quote> {
    // most documents quote nobody: find the marks before indexing the document
    let marks = find_marks(&Marked { text, tokens });
    if marks.is_empty() {
        return Vec::new();
    }
    attribute(&Doc::new_lazy(text, tokens, sentences, entities), &marks)
}

/// [`extract`] on a document already indexed (as the relations pass indexes it).
pub(crate) fn extract_from(doc: &Doc) -> Vec<Quote> {
    let marks = find_marks(&Marked {
        text: doc.text,
        tokens: doc.tokens,
    });
    if marks.is_empty() {
        return Vec::new();
    }
    attribute(doc, &marks)
}

/// Attributes the quotations found at `marks`.
fn attribute(doc: &Doc, marks: &[Marks]) -> Vec<Quote> {
    let text = doc.text;
    let org_heads = OnceCell::new();
    let mut out: Vec<Quote> = Vec::new();
    let mut prev_close: Option<usize> = None;
    let mut said: Vec<(usize, usize)> = Vec::new(); // (sentence, speaker) of attributed quotes
    for m in marks {
        let sentence = doc.sentence_of(token_at(doc, m.start).unwrap_or(m.open));
        let ctx = Attribution {
            doc,
            org_heads: &org_heads,
            said: &said,
            sentence,
        };
        // a cue after the quote that names nobody ("..., adding that ...") gives way to a
        // cue before it that does
        let mut found = match ctx.after(m) {
            Some((None, cue)) => match ctx.before(m, prev_close) {
                Some((Some(sp), c)) => Some((Some(sp), c)),
                _ => Some((None, cue)),
            },
            Some(f) => Some(f),
            None => ctx.before(m, prev_close),
        };
        // a cue that names nobody ("... and accused Y of \"...\"") gives way to a speaker
        // of the sentence's earlier quote
        if found.as_ref().is_none_or(|f| f.0.is_none())
            && let Some(c) = ctx.continued(m, prev_close, &out)
            && (c.0.is_some() || found.is_none())
        {
            let cue = found.and_then(|f| f.1).or(c.1);
            found = Some((c.0, cue));
        }
        prev_close = Some(m.close);
        // (a quote's words are counted only when no one is named, and only as far as the
        // least that count: a quote may run on for paragraphs)
        let short = || {
            text[m.start..m.end]
                .split_whitespace()
                .take(MIN_UNATTRIBUTED_WORDS)
                .count()
                < MIN_UNATTRIBUTED_WORDS
        };
        if found.as_ref().is_none_or(|f| f.0.is_none())
            && (short() || is_a_name(&text[m.start..m.end]))
        {
            continue;
        }
        let (speaker, cue) = found.unwrap_or((None, None));
        if let Some(s) = speaker {
            said.push((sentence, s));
        }
        out.push(Quote {
            start: m.start,
            end: m.end,
            sentence,
            speaker,
            cue,
        });
    }
    out
}

/// Where the title before a name at `first` starts, back to `lo` at most: past offices,
/// countries, bodies and the words qualifying them ("former Chilean president", "U.S.
/// Senator", "Pfizer CEO").
fn title_start(doc: &Doc, first: usize, lo: usize) -> usize {
    let title = [
        EntityType::Office,
        EntityType::Country,
        EntityType::Organization,
    ];
    let mut b = first;
    while b > lo {
        if let Some(o) = doc.ending_of(b, &title)
            && o.first >= lo
        {
            b = o.first;
        } else if doc.qualifier_at(b - 1, false).is_some() {
            b -= 1;
        } else {
            break;
        }
    }
    b
}

/// Whether quoted words are a name, not speech: a few capitalised words, with only small
/// joining words between ("Board of Peace", "Operation Midnight Hammer").
fn is_a_name(quoted: &str) -> bool {
    const JOINERS: &[&str] = &["and", "for", "in", "of", "on", "the", "to"];
    let mut n = 0;
    for w in quoted.split_whitespace() {
        n += 1;
        let capitalised = w.starts_with(|c: char| c.is_uppercase());
        if n > MAX_NAME_WORDS || !(capitalised || (n > 1 && JOINERS.contains(&w))) {
            return false;
        }
    }
    n > 0 && !quoted.ends_with(['.', ',', '!', '?'])
}

/// The most words a quoted name has.
const MAX_NAME_WORDS: usize = 6;

/// Whether a demonym may name one person: "Spaniard", "Italian", not "Chinese", "Swiss",
/// "British" or a plural.
fn is_singular_demonym(w: &str) -> bool {
    !["s", "ese", "sh", "ch"].iter().any(|end| w.ends_with(end))
}

/// Organizations by the last word of their name, lower-cased, and by the word before "of".
fn org_heads(entities: &[Entity]) -> FastMap<String, Vec<usize>> {
    let mut out: FastMap<String, Vec<usize>> = FastMap::default();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityType::Organization
            && let Some(last) = e.name.rsplit(' ').next()
        {
            out.entry(last.to_lowercase()).or_default().push(i);
            // "Court of Appeal", "Ministry of Defence": the head stands before "of"
            if let Some((before, _)) = e.name.split_once(" of ")
                && let Some(head) = before.rsplit(' ').next()
                && !head.eq_ignore_ascii_case(last)
            {
                out.entry(head.to_lowercase()).or_default().push(i);
            }
        }
    }
    out
}

/// The index of the token starting at or after byte `at`.
fn token_at(doc: &Doc, at: usize) -> Option<usize> {
    let i = doc.tokens.partition_point(|t| t.end <= at);
    (i < doc.tokens.len()).then_some(i)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Open,
    Close,
    /// A straight mark that could be either.
    Either,
}

/// The tokens of a document, all that finding quotation marks needs.
struct Marked<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl Marked<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }
}

/// Double quotation marks by direction; `None` for marks that are not double quotes.
fn double_dir(doc: &Marked, i: usize) -> Option<Dir> {
    let t = doc.tokens[i];
    match doc.word(i) {
        "\u{201C}" | "\u{201E}" | "\u{00AB}" => Some(Dir::Open),
        "\u{201D}" | "\u{00BB}" => Some(Dir::Close),
        "\"" => {
            let next = doc.tokens.get(i + 1);
            let space_after = next.is_none_or(|n| n.space_before);
            let punct_after = next.is_some_and(|n| n.kind == TokenKind::Punctuation);
            Some(if t.space_before && !space_after && !punct_after {
                Dir::Open
            } else if !t.space_before && (space_after || punct_after) {
                Dir::Close
            } else {
                Dir::Either
            })
        }
        _ => None,
    }
}

/// Single quotation marks by direction, only where they cannot be apostrophes.
fn single_dir(doc: &Marked, i: usize) -> Option<Dir> {
    let t = doc.tokens[i];
    let w = doc.word(i);
    if !matches!(w, "'" | "\u{2018}" | "\u{2019}") {
        return None;
    }
    let next = doc.tokens.get(i + 1);
    let space_after = next.is_none_or(|n| n.space_before);
    let word_after = next.is_some_and(|n| matches!(n.kind, TokenKind::Word | TokenKind::Number));
    let prev_word = i > 0
        && matches!(
            doc.tokens[i - 1].kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Punctuation
        );
    if (w == "\u{2018}" || w == "'") && (t.space_before || i == 0) && !space_after && word_after {
        return Some(Dir::Open);
    }
    if (w == "\u{2019}" || w == "'")
        && !t.space_before
        && prev_word
        && (space_after || next.is_some_and(|n| n.kind == TokenKind::Punctuation))
    {
        return Some(Dir::Close);
    }
    None
}

/// The first token that is a quotation mark. Eight tokens are tested at a time, with one
/// branch for the eight: most documents have few marks, or none.
fn next_quote(tokens: &[Token]) -> Option<usize> {
    let is = |t: &Token| t.kind == TokenKind::Quote;
    let mut at = 0;
    for eight in tokens.chunks_exact(8) {
        if eight.iter().fold(false, |any, t| any | is(t)) {
            break;
        }
        at += 8;
    }
    Some(at + tokens[at..].iter().position(is)?)
}

/// Pairs quotation marks into quotations, outermost only.
fn find_marks(doc: &Marked) -> Vec<Marks> {
    let mut out = Vec::new();
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        // on to the next quotation mark, the one token in many this looks at
        match next_quote(&doc.tokens[i..]) {
            Some(at) => i += at,
            None => break,
        }
        let (double, dir) = match (double_dir(doc, i), single_dir(doc, i)) {
            (Some(d), _) => (true, d),
            (None, Some(d)) => (false, d),
            _ => {
                i += 1;
                continue;
            }
        };
        if dir == Dir::Close {
            i += 1; // a stray closing mark
            continue;
        }
        // find the matching close in this paragraph; a nested quote of the other kind is
        // skipped whole
        let mut j = i + 1;
        let mut close = None;
        while j < n {
            if doc.tokens[j].breaks_before > 0 {
                break;
            }
            if doc.tokens[j].kind == TokenKind::Quote {
                // straight double marks alternate whatever the spacing says
                // ("... my life, \"said Stig")
                if double && doc.word(i) == "\"" && doc.word(j) == "\"" {
                    close = Some(j);
                    break;
                }
                let d = if double {
                    double_dir(doc, j)
                } else {
                    single_dir(doc, j)
                };
                match d {
                    Some(Dir::Close) | Some(Dir::Either) => {
                        close = Some(j);
                        break;
                    }
                    Some(Dir::Open) => {
                        // an opening mark of the same kind before any close: the first was
                        // left open
                        break;
                    }
                    None => {}
                }
            }
            j += 1;
        }
        if !double && close.is_none() {
            i += 1; // an unpaired single mark is an apostrophe or a typo, not a quotation
            continue;
        }
        let content_end = close.unwrap_or(j);
        if content_end > i + 1 {
            let start = doc.tokens[i + 1].start;
            let end = doc.tokens[content_end - 1].end;
            out.push(Marks {
                open: i,
                close: close.unwrap_or(content_end - 1),
                start,
                end,
            });
        }
        i = close.map_or(content_end, |c| c + 1);
    }
    out
}

/// Whether token `k` ends a name, as "States" ends "the United States": no speech verb then.
fn in_a_name(doc: &Doc, k: usize) -> bool {
    doc.word(k).starts_with(|c: char| c.is_uppercase())
        && doc
            .ending_of(
                k + 1,
                &[
                    EntityType::Country,
                    EntityType::Organization,
                    EntityType::Place,
                    EntityType::Person,
                ],
            )
            .is_some_and(|m| m.first < k)
}

/// Attribution of one quote, with what it may refer back to.
struct Attribution<'d, 'a> {
    doc: &'d Doc<'a>,
    /// Organizations by the last word of their name, lower-cased ("department"), and by the
    /// word before "of" ("court"), made on first use.
    org_heads: &'d OnceCell<FastMap<String, Vec<usize>>>,
    /// (sentence, speaker) of the quotes attributed so far.
    said: &'d [(usize, usize)],
    sentence: usize,
}

type Found = (Option<usize>, Option<String>);

impl Attribution<'_, '_> {
    fn cue_text(&self, a: usize, b: usize) -> Option<String> {
        let s = self.doc.span(a, b);
        Some(self.doc.text[s.start..s.end].to_string())
    }

    /// `"...," she said`, `"...," said X`, `"...," according to X`.
    fn after(&self, m: &Marks) -> Option<Found> {
        let doc = self.doc;
        let hi = doc.sent_tokens(doc.sentence_of(m.close)).end;
        let mut k = m.close + 1;
        let mut seen = 0;
        while k < hi && !doc.is_quote(k) {
            // "\"...,\" while X said ...": another clause, with its own speaker
            if k == m.close + 1 && doc.is(k, &["while", "whereas"]) {
                return None;
            }
            if doc.is(k, &["according"]) && doc.is(k + 1, &["to"]) {
                return Some((self.phrase_after(k + 2, hi), self.cue_text(k, k + 2)));
            }
            // "\"...\" near the shoal, which Beijing calls Huangyan": a naming verb after a
            // quote names something else
            if seen < AFTER_REACH
                && doc.is(k, &SPEECH_VERBS)
                && !doc.is(k, &NAMING_VERBS)
                && !in_a_name(doc, k)
            {
                // "X said ... \"...\" and urged Tokyo to ...": a verb joined by "and" or
                // "but" shares the subject before the quote
                if k > m.close + 1 && doc.is(k - 1, &["and", "but"]) {
                    return Some((None, self.cue_text(k, k + 1)));
                }
                let lo = m.close + 1;
                let speaker = self
                    .participle_subject(k)
                    .or_else(|| self.subject(k, lo))
                    .or_else(|| self.object_speaker(k, hi));
                return Some((speaker, self.cue_text(k, k + 1)));
            }
            seen += 1;
            k += 1;
        }
        None
    }

    /// `X said "..."`, `According to X, "..."`: the nearest cue before the opening mark whose
    /// speaker resolves, else the nearest cue.
    fn before(&self, m: &Marks, prev_close: Option<usize>) -> Option<Found> {
        let doc = self.doc;
        let s = doc.sent_tokens(doc.sentence_of(m.open));
        let lo = prev_close.map_or(s.start, |c| (c + 1).max(s.start));
        let mut first: Option<Found> = None;
        let mut k = m.open;
        while k > lo {
            k -= 1;
            let found = if doc.is(k, &["according"]) && doc.is(k + 1, &["to"]) {
                Some((self.phrase_after(k + 2, m.open), self.cue_text(k, k + 2)))
            } else if doc.is(k, &SPEECH_VERBS)
                && !in_a_name(doc, k)
                && quotes_before(doc, k, m.open)
            {
                Some((
                    self.participle_subject(k)
                        .or_else(|| self.subject(k, lo))
                        .or_else(|| self.object_speaker(k, m.open)),
                    self.cue_text(k, k + 1),
                ))
            } else {
                None
            };
            match found {
                Some((Some(sp), cue)) => return Some((Some(sp), cue)),
                Some(f) if first.is_none() => first = Some(f),
                _ => {}
            }
        }
        first
    }

    /// A quote with no cue that opens its sentence right after an attributed quote, or a
    /// fragment of speech in the sentence of a quote with a cue ("X said the treaty was \"in
    /// abeyance\" until Y \"credibly\" ended ..."; a title there would be capitalised).
    fn continued(&self, m: &Marks, prev_close: Option<usize>, done: &[Quote]) -> Option<Found> {
        let doc = self.doc;
        let prev = done.last()?;
        let speaker = prev.speaker?;
        let here = doc.sentence_of(m.open);
        let opens = doc.sent_tokens(here).start == m.open;
        let near = prev_close.is_some_and(|c| doc.sentence_of(c) + 1 >= here);
        let fragment = || {
            prev.sentence == here
                && prev.cue.is_some()
                && doc.text[m.start..m.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        };
        ((opens && near) || fragment()).then_some((Some(speaker), None))
    }

    /// The speaker of a participle after a comma ("..., calling the move", "..., adding
    /// that"): the subject of the main clause, the first person, organization or country of
    /// the sentence after its dateline.
    fn participle_subject(&self, v: usize) -> Option<usize> {
        let doc = self.doc;
        // "Interfax quoted X as saying" (or "as telling Y"): X spoke, not the one quoting;
        // and so did X in "X was quoted as saying by Xinhua"
        if doc.is(v, &["saying", "telling"]) && v >= 2 && doc.is(v - 1, &["as"]) {
            let passive = v >= 4
                && doc.is(v - 2, &["quoted"])
                && doc.is(v - 3, &["was", "is", "were", "are"]);
            let m = doc.ending_of(
                if passive { v - 3 } else { v - 1 },
                &[
                    EntityType::Person,
                    EntityType::Organization,
                    EntityType::Country,
                    EntityType::Office,
                ],
            )?;
            return self.entity_of(&m);
        }
        if !doc.word(v).ends_with("ing")
            || v == 0
            || !(doc.is(v - 1, &[","]) || doc.is_quote(v - 1))
        {
            return None;
        }
        let s = doc.sentence_of(v);
        // "MANILA, Aug. 6 — The Philippines ...": the clause starts after the dash
        let from = doc.after_dateline(s, v);
        let m = doc
            .mentions(s)
            .iter()
            .filter(|m| m.first >= from && m.last <= v)
            .find(|m| {
                matches!(
                    m.kind,
                    EntityType::Person | EntityType::Organization | EntityType::Country
                ) && !(
                    // "Kenyan President William Ruto ..., saying": a demonym before an office
                    // or a name says whose they are
                    m.form == MentionForm::Demonym
                        && doc
                            .starting_of(m.last, &[EntityType::Office, EntityType::Person])
                            .is_some()
                )
            })?;
        // a possessive is a modifier, not the subject: "China's coast guard"
        if doc.is_possessive(m.last) {
            return None;
        }
        self.entity_of(m)
    }

    /// The speaker before a verb at `v`: past auxiliaries and one comma-enclosed apposition.
    fn subject(&self, v: usize, lo: usize) -> Option<usize> {
        let doc = self.doc;
        let mut k = v;
        while k > lo && (doc.is(k - 1, &AUX) || doc.is(k - 1, &["not", "n't"])) {
            k -= 1;
        }
        // "X met Y in Ankara and urged leaders to \"...\"": a verb joined by "and" shares
        // the subject that opens the sentence
        if k > lo + 2 && doc.is(k - 1, &["and"]) {
            let si = doc.sentence_of(k - 1);
            let mut first = doc.sent_tokens(si).start;
            // (past an opening adverbial: "Before the meeting, X accused ... and said")
            if doc.is(
                first,
                &[
                    "Before",
                    "After",
                    "During",
                    "In",
                    "On",
                    "At",
                    "Earlier",
                    "Later",
                    "Meanwhile",
                    "Separately",
                    "However",
                    "Still",
                ],
            ) && let Some(c) = (first + 1..(first + 10).min(k)).find(|&t| doc.is(t, &[","]))
            {
                first = c + 1;
            }
            // (the head of the opening phrase: "The American-born pope" is the pope)
            let ms = doc.mentions(si);
            let mut at = ms
                .iter()
                .position(|m| m.first >= lo.max(first) && m.first <= first + 3);
            while let Some(i) = at
                && ms.get(i + 1).is_some_and(|n| n.first == ms[i].last)
            {
                at = Some(i + 1);
            }
            let opening = at
                .map(|i| &ms[i])
                .filter(|m| SPEAKER_KINDS.contains(&m.kind) && m.form != MentionForm::Demonym);
            if let Some(m) = opening.copied() {
                return self.entity_of(&m);
            }
        }
        if k > lo && doc.is(k - 1, &["who", "which", "that"]) {
            // "X, who once called ...": the relative pronoun stands for X
            k -= 1;
            if k > lo && doc.is(k - 1, &[","]) {
                k -= 1;
            }
        } else if k > lo && doc.is(k - 1, &[","]) {
            // "X's chief officer, Joel Kaplan, said", "His son, Senator Flavio Bolsonaro,
            // called": the name in apposition before the verb, after its title if any
            if let Some(m) = doc.ending_of(k - 1, &[EntityType::Person]) {
                let b = title_start(doc, m.first, lo + 1);
                if b > lo && doc.is(b - 1, &[","]) {
                    return self.entity_of(&m);
                }
            }
            // "X, who ..., said": back to the comma after X
            let open = (lo..k - 1).rev().take(30).find(|&t| doc.is(t, &[","]))?;
            k = open;
        }
        if k <= lo {
            return None;
        }
        self.head_ending(k, lo)
    }

    /// The speaker after a verb at `v` ("said X"), except after verbs whose object is the
    /// thing named ("called X a \"...\"").
    fn object_speaker(&self, v: usize, hi: usize) -> Option<usize> {
        // nor after those whose object is spoken to ("told reporters", "urged Tokyo to")
        if self.doc.is(v, &NAMING_VERBS) || self.doc.is(v, &ADDRESSING_VERBS) {
            return None;
        }
        // nor the subject of what was said ("said Russia was \"ready\"", "said the Kremlin
        // would")
        let doc = self.doc;
        let j = v + 1 + usize::from(doc.is(v + 1, &["the"]));
        if let Some(m) = doc.starting(j)
            && doc.is(
                m.last,
                &[
                    "was", "is", "were", "are", "had", "has", "have", "would", "will", "could",
                    "should", "must", "might", "may", "can", "did", "does",
                ],
            )
        {
            return None;
        }
        self.phrase_after(v + 1, hi)
    }

    /// Resolves the phrase ending just before token `k` by its head.
    fn head_ending(&self, k: usize, lo: usize) -> Option<usize> {
        let doc = self.doc;
        let mut k = k;
        // "Alternative for Germany (AfD)": the name before its bracketed short form
        if k >= lo + 4
            && doc.is(k - 1, &[")"])
            && doc.is(k - 3, &["("])
            && doc.ending_of(k - 3, SPEAKER_KINDS).is_some()
        {
            k -= 3;
        }
        // "a spokesman for the embassy in Lima", "Senator Ann Bell of Ohio": the place only
        // says where the speaker is
        if let Some(m) = doc.ending_of(k, &[EntityType::Place]) {
            let mut b = m.first;
            if b > lo && doc.is(b - 1, &["the"]) {
                b -= 1;
            }
            if b > lo + 1 && doc.is(b - 1, &["in", "at", "of"]) {
                k = b - 1;
            }
        }
        let w = doc.word(k - 1);
        if let Some(p) = self.pronoun(w, k - 1) {
            return p;
        }
        if let Some(m) = doc.ending_of(k, SPEAKER_KINDS)
            && m.first >= lo
        {
            // "Judge Ann Bell of the High Court said": the body only says where she sits
            if m.kind == EntityType::Organization {
                let mut b = m.first;
                if b > lo && doc.is(b - 1, &["the"]) {
                    b -= 1;
                }
                if b > lo + 1
                    && doc.is(b - 1, &["of", "at", "from"])
                    && let Some(p) = doc.ending_of(b - 1, &[EntityType::Person])
                    && p.first >= lo
                {
                    return Some(p.entity);
                }
            }
            // "the Spaniard said": a person of that country, named as "he" would be ("the
            // Chinese", "the Swiss", "the Americans" are the side)
            if m.kind == EntityType::Country
                && m.form == MentionForm::Demonym
                && m.first == k - 1
                && m.first > lo
                && doc.is(m.first - 1, &["the"])
                && is_singular_demonym(doc.word(m.first))
            {
                return self.named_before(m.first);
            }
            return self.entity_of(&m);
        }
        // "Netanyahu's office said": a leader's office speaks for them
        if doc.is(k - 1, &["office"])
            && k >= lo + 3
            && doc.is_possessive(k - 2)
            && let Some(m) = doc.ending_of(k - 2, &[EntityType::Person])
        {
            return Some(m.entity);
        }
        if doc.is(k - 1, &COMPANY_NOUNS)
            && (k.saturating_sub(4).max(lo)..k - 1).any(|t| doc.is(t, &["the"]))
            && let Some(e) = self.generic(k - 1).or_else(|| self.company_before(k - 1))
        {
            return Some(e);
        }
        if doc.is(k - 1, &GENERIC_ORG_NOUNS) {
            // "the ministry": the organization of that name; "Chile's foreign ministry" with
            // no such organization: the country that owns it
            return self
                .generic(k - 1)
                .or_else(|| self.owner_country(k - 1, lo));
        }
        if doc.is(k - 1, &SPOKES_NOUNS) {
            // "a ministry spokesman", "Japanese officials": an organization or country inside
            let from = (k - 1).saturating_sub(5).max(lo);
            let inside = doc
                .mentions(doc.sentence_of(k - 1))
                .iter()
                .filter(|m| {
                    m.first >= from
                        && m.last < k
                        && matches!(m.kind, EntityType::Organization | EntityType::Country)
                })
                .max_by_key(|m| (m.last, m.last - m.first))
                .copied();
            if let Some(m) = inside {
                return Some(m.entity);
            }
            if k >= 2 && doc.is(k - 2, &GENERIC_ORG_NOUNS) {
                return self.generic(k - 2);
            }
        }
        None
    }

    /// Resolves the phrase starting at token `j` ("the Foreign Ministry", "U.S. President
    /// Ann Carter", "a spokesman for the ministry", "he").
    fn phrase_after(&self, j: usize, hi: usize) -> Option<usize> {
        let doc = self.doc;
        let mut k = j;
        if k < hi
            && let Some(p) = self.pronoun(doc.word(k), k)
        {
            return p;
        }
        let mut head: Option<Ment> = None;
        let mut steps = 0;
        while k < hi && steps < 12 {
            steps += 1;
            if let Some(m) = doc.starting(k) {
                // the head is the last name of the chain; a person beats a modifier
                head = match head {
                    Some(h) if h.kind == EntityType::Person && m.kind != EntityType::Person => {
                        Some(h)
                    }
                    _ => Some(m),
                };
                k = m.last;
                continue;
            }
            let modifier = doc.tokens[k].kind == TokenKind::Number
                || doc.word(k).contains(|c: char| c.is_ascii_digit());
            if doc.is(k, &["the", "a", "an"])
                || modifier
                || doc.is_possessive(k)
                || doc.qualifier_at(k, false).is_some()
            {
                k += 1;
                continue;
            }
            if head.is_none() && doc.is(k, &GENERIC_ORG_NOUNS) {
                return self.generic(k);
            }
            if doc.is(k, &SPOKES_NOUNS) || doc.is(k, &["for", "of"]) {
                k += 1;
                continue;
            }
            break;
        }
        head.and_then(|m| self.entity_of(&m))
    }

    /// The speaker entity a mention stands for: itself, or for an office its holder.
    fn entity_of(&self, m: &Ment) -> Option<usize> {
        match m.kind {
            EntityType::Person | EntityType::Organization | EntityType::Country => Some(m.entity),
            // the holder mentioned last before this point
            EntityType::Office => holds_office::holder_before(self.doc, m.entity, m.start),
            EntityType::Place => None,
        }
    }

    /// "he" / "she" / "it": `Some(resolution)` when `w` is such a pronoun.
    fn pronoun(&self, w: &str, at: usize) -> Option<Option<usize>> {
        let mut buf = [0u8; 32];
        let kinds: &[EntityType] = match &*ascii_lower(w, &mut buf) {
            "he" | "she" => &[EntityType::Person],
            "it" => &[EntityType::Organization, EntityType::Country],
            "they" | "we" | "i" => return Some(None),
            _ => return None,
        };
        let doc = self.doc;
        let here = doc.sentence_of(at);
        // the last speaker quoted in this or the two sentences before, if of the right kind
        let mut recent = self
            .said
            .iter()
            .rev()
            .take_while(|(s, _)| s + 2 >= self.sentence);
        if let Some(&(quoted_in, sp)) =
            recent.find(|(_, sp)| kinds.contains(&doc.entities[*sp].kind))
        {
            // unless someone of that kind spoke since without quotation marks ("X said his
            // side had been punished. \"...,\" he told ...")
            // (the last few mentions before it in each sentence: a sentence may run on for
            // a whole document)
            let reported = (quoted_in + 1..=here).rev().find_map(|s| {
                let list = doc.mentions(s);
                let upto = list.partition_point(|m| m.first < at);
                list[..upto]
                    .iter()
                    .rev()
                    .take(REPORTED_REACH)
                    .find_map(|m| {
                        (kinds.contains(&m.kind) && m.last <= at && doc.is(m.last, &SPEECH_VERBS))
                            .then_some(m.entity)
                    })
                    .or_else(|| {
                        // "The crown prince, who ..., said the kingdom would ...": a speech
                        // verb of a sentence before whose subject is no name of that kind
                        if s == here {
                            return None;
                        }
                        let r = doc.sent_tokens(s);
                        (r.start..r.end.min(at))
                            .take(REPORTED_WORDS)
                            .filter(|&v| doc.is(v, &SPEECH_VERBS))
                            .find_map(|v| {
                                self.subject(v, r.start)
                                    .filter(|&e| kinds.contains(&doc.entities[e].kind))
                            })
                    })
            });
            // or the subject of its own sentence, when the quote was in one before
            // ("Donald Trump, an ally of X, imposed tariffs, citing what he called ...")
            let subject = || {
                let r = doc.sent_tokens(here);
                let m = doc
                    .mentions(here)
                    .iter()
                    .find(|m| kinds.contains(&m.kind))?;
                (quoted_in < here && title_start(doc, m.first, r.start) == r.start && m.last <= at)
                    .then_some(m.entity)
            };
            return Some(Some(reported.or_else(subject).unwrap_or(sp)));
        }
        // else the subject (first fitting mention) of the nearest sentence naming one
        for s in (here.saturating_sub(3)..=here).rev() {
            let fitting = doc
                .mentions(s)
                .iter()
                .find(|m| kinds.contains(&m.kind) && (s < here || m.last <= at));
            if let Some(m) = fitting {
                return Some(Some(m.entity));
            }
        }
        Some(None)
    }

    /// The person who is the subject (first person named, outside quotation marks) of the
    /// nearest sentence naming one, up to token `at`: whom "the Spaniard" stands for.
    fn named_before(&self, at: usize) -> Option<usize> {
        let doc = self.doc;
        let here = doc.sentence_of(at);
        (here.saturating_sub(3)..=here).rev().find_map(|s| {
            let r = doc.sent_tokens(s);
            let mut marks = 0;
            let mut k = r.start;
            doc.mentions(s).iter().find_map(|m| {
                if m.last > at {
                    return None;
                }
                while k < m.first {
                    marks += usize::from(doc.is_quote(k));
                    k += 1;
                }
                (m.kind == EntityType::Person && marks % 2 == 0).then_some(m.entity)
            })
        })
    }

    /// The country modifying a generic noun at `k`: "Chile's foreign ministry", "the Chilean
    /// foreign ministry".
    fn owner_country(&self, k: usize, lo: usize) -> Option<usize> {
        let doc = self.doc;
        let from = k.saturating_sub(4).max(lo);
        doc.mentions(doc.sentence_of(k))
            .iter()
            .rfind(|m| m.kind == EntityType::Country && m.first >= from && m.last <= k)
            .map(|m| m.entity)
    }

    /// "the department" -> the organization named "... Department" mentioned last before.
    fn generic(&self, k: usize) -> Option<usize> {
        let doc = self.doc;
        let head = doc.word(k);
        let mut buf = [0u8; 32];
        let key = if head.is_ascii() {
            ascii_lower(head, &mut buf)
        } else {
            Cow::Owned(head.to_lowercase())
        };
        let named = self
            .org_heads
            .get_or_init(|| org_heads(doc.entities))
            .get(&*key)
            .into_iter()
            .flatten()
            .copied();
        self.latest_before(named, doc.tokens[k].start)
    }

    /// "the iPhone maker said": the organization named last before token `k`, in its
    /// sentence or the two before, but for one that is only told or credited ("told
    /// Reuters", "(Reuters)").
    fn company_before(&self, k: usize) -> Option<usize> {
        let doc = self.doc;
        let s = doc.sentence_of(k);
        (s.saturating_sub(COMPANY_SENTENCES)..=s)
            .rev()
            .find_map(|si| {
                doc.mentions(si)
                    .iter()
                    .rev()
                    .filter(|m| m.kind == EntityType::Organization && m.last <= k)
                    .find(|m| m.first == 0 || !doc.is(m.first - 1, &["(", "told", "to"]))
                    .map(|m| m.entity)
            })
    }

    /// Of `candidates`, the entity with a mention closest before byte `at`. Entities keep
    /// their mentions in text order, so each look-up is a binary search.
    fn latest_before(&self, candidates: impl Iterator<Item = usize>, at: usize) -> Option<usize> {
        candidates
            .filter_map(|e| {
                let ms = &self.doc.entities[e].mentions;
                let i = ms.partition_point(|m| m.start < at);
                (i > 0).then(|| (ms[i - 1].start, e))
            })
            .max()
            .map(|(_, e)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relations::testing::*;

    /// Looking eight tokens at a time finds the mark one at a time finds.
    #[test]
    fn next_quote_finds_the_first_mark() {
        let text = "a \" b \u{201C} c d e f g h \u{201D} i j k l m n o p q r s t \" u";
        let tokens = crate::tokenize::tokenize(text);
        assert!(tokens.iter().any(|t| t.kind == TokenKind::Quote));
        for from in 0..=tokens.len() {
            for to in from..=tokens.len() {
                let part = &tokens[from..to];
                let plain = part.iter().position(|t| t.kind == TokenKind::Quote);
                assert_eq!(next_quote(part), plain, "{from}..{to}");
            }
        }
    }

    /// (text, speaker or "-", cue or "-") per quote.
    fn run(text: &str, specs: &[(&str, EntityType)]) -> Vec<(String, String, String)> {
        let b = build(text, specs);
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        let quotes = extract(doc.text, doc.tokens, doc.sentences, doc.entities);
        quotes
            .iter()
            .map(|q| {
                assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
                (
                    text[q.start..q.end].to_string(),
                    q.speaker.map_or("-".to_string(), |s| n(&b, s).to_string()),
                    q.cue.clone().unwrap_or_else(|| "-".to_string()),
                )
            })
            .collect()
    }

    type QuoteCase<'a> = (&'a str, &'a [(String, String, String)]);

    fn t(q: &str, s: &str, c: &str) -> (String, String, String) {
        (q.to_string(), s.to_string(), c.to_string())
    }

    #[test]
    fn quotes_table() {
        let specs = [
            ("Ana Lima|Lima", P),
            ("Paul Dent|Dent", P),
            ("Treasury Department", G),
            ("Court of Appeal", G),
            ("Chile|Chilean*", C),
            ("president|President", O),
            ("Quito", L),
            ("United States", C),
        ];
        let cases: &[QuoteCase] = &[
            // "the Chilean" said as one person: the person named before
            (
                "Dent lost to Lima. \"Lima was better today,\" the Chilean said.",
                &[t("Lima was better today,", "Paul Dent", "said")],
            ),
            // "States" of "United States" is no speech verb
            (
                "Paul Dent said the plan was \"a fraud\" and that the United States would \
                 \"keep fighting.\"",
                &[
                    t("a fraud", "Paul Dent", "said"),
                    t("keep fighting.", "Paul Dent", "-"),
                ],
            ),
            // who is named after "said" as the subject of what was said did not say it
            (
                "Paul Dent accused Ana Lima of stalling and said Chile was \"ready\" to act.",
                &[t("ready", "Paul Dent", "said")],
            ),
            (
                "Before the talks, Paul Dent said Chile was \"ready\" to act.",
                &[t("ready", "Paul Dent", "said")],
            ),
            (
                "Officials in Quito said Chile was \"ready to act at once.\"",
                &[t("ready to act at once.", "-", "said")],
            ),
            // (and after an opening adverbial)
            (
                "Before the talks, Dent accused Ana Lima of stalling and said Chile was \"ready\".",
                &[t("ready", "Paul Dent", "said")],
            ),
            // "he" in a sentence whose subject is a person is that person, when the last
            // quote was in a sentence before
            (
                "\"Lima was better,\" Dent said. It rained. Chilean president Ana Lima, a \
                 rival, thanked fans, citing what she called \"a great crowd.\"",
                &[
                    t("Lima was better,", "Paul Dent", "said"),
                    t("a great crowd.", "Ana Lima", "called"),
                ],
            ),
            // a name in apposition, after its title, is the subject
            (
                "Her brother, former Chilean president Paul Dent, called the ruling \"a fraud.\"",
                &[t("a fraud.", "Paul Dent", "called")],
            ),
            // a verb joined by "and" shares the sentence's subject
            (
                "Paul Dent met Ana Lima in Quito and urged leaders to \"reject war.\"",
                &[t("reject war.", "Paul Dent", "urged")],
            ),
            // the body after "of" only says where the speaker works
            (
                "Paul Dent of the Treasury Department said the plan was \"a fraud.\"",
                &[t("a fraud.", "Paul Dent", "said")],
            ),
            (
                "A spokesman of the Treasury Department said the plan was \"a fraud.\"",
                &[t("a fraud.", "Treasury Department", "said")],
            ),
            // a clause after "while" has its own speaker
            (
                "Chile called the plan \"a fraud,\" while Lima said the law applied to all.",
                &[t("a fraud,", "Chile", "called")],
            ),
            // a name in quotation marks is no quote, unless someone says it
            (
                "The plan sets up a \"Board of Peace for Gaza\" chaired by Chile.",
                &[],
            ),
            (
                "\"Never Again,\" Lima said.",
                &[t("Never Again,", "Ana Lima", "said")],
            ),
            (
                "\"We will not back down,\" Lima said.",
                &[t("We will not back down,", "Ana Lima", "said")],
            ),
            // a naming verb after the quote names something else
            (
                "Lima slammed what she called Chile's \"reckless moves\" near Quito, which Chile calls its capital.",
                &[t("reckless moves", "Ana Lima", "called")],
            ),
            // a verb joined by "and" after the quote shares the subject before it
            (
                "Lima said the plan was \"far too risky\" and urged Chile to drop it.",
                &[t("far too risky", "Ana Lima", "said")],
            ),
            (
                "Lima said the party chose \"order\" but warned it would vote against Chile.",
                &[t("order", "Ana Lima", "said")],
            ),
            (
                "Ana Lima said \"the talks went well.\"",
                &[t("the talks went well.", "Ana Lima", "said")],
            ),
            (
                "\u{201C}The deal is done,\u{201D} said Paul Dent, who led the team.",
                &[t("The deal is done,", "Paul Dent", "said")],
            ),
            (
                "The plan will \u{201C}change the economy for good,\u{201D} according to the Treasury Department.",
                &[t(
                    "change the economy for good,",
                    "Treasury Department",
                    "according to",
                )],
            ),
            (
                "The Treasury Department said on Monday that rates are \"too high for now.\" \
                 \"Growth is slowing,\" the department added.",
                &[
                    t("too high for now.", "Treasury Department", "said"),
                    t("Growth is slowing,", "Treasury Department", "added"),
                ],
            ),
            // a body named with "of" is "the court" by the word before it
            (
                "The Court of Appeal ruled on Monday. \"The risk is clear,\" the court said.",
                &[t("The risk is clear,", "Court of Appeal", "said")],
            ),
            (
                "Paul Dent spoke first. \"We are ready,\" he told reporters. \"We came to win.\"",
                &[
                    t("We are ready,", "Paul Dent", "told"),
                    t("We came to win.", "Paul Dent", "-"),
                ],
            ),
            (
                "\"We won,\" Dent said. Ana Lima said her side had lost. \"We were slow,\" she told \
                 reporters.",
                &[
                    t("We won,", "Paul Dent", "said"),
                    t("We were slow,", "Ana Lima", "told"),
                ],
            ),
            (
                "The Treasury Department (TD), which sets rates, called the plan \"a fraud.\"",
                &[t("a fraud.", "Treasury Department", "called")],
            ),
            (
                "Ana Lima of Quito said the vote was \"a win for all.\"",
                &[t("a win for all.", "Ana Lima", "said")],
            ),
            (
                "Chile issued a statement. \u{201C}We reject the ruling in full,\u{201D} it added.",
                &[t("We reject the ruling in full,", "Chile", "added")],
            ),
            (
                "\"This is the first step,\" Lima said, \"and there will be more.\"",
                &[
                    t("This is the first step,", "Ana Lima", "said"),
                    t("and there will be more.", "Ana Lima", "said"),
                ],
            ),
            // spanning sentences, nested single quotes, and unbalanced marks
            (
                "\"It was hard. Nobody said 'stop' to us,\" Dent said.",
                &[t(
                    "It was hard. Nobody said 'stop' to us,",
                    "Paul Dent",
                    "said",
                )],
            ),
            (
                "Lima said: \u{201C}We stand firm on this\n\nThe vote is next week.",
                &[t("We stand firm on this", "Ana Lima", "said")],
            ),
            (
                "He called it a \u{201C}reform\u{201D} plan, stray \u{201D} marks aside.",
                &[],
            ),
            (
                "\"No comment at all here,\" a voice said.",
                &[t("No comment at all here,", "-", "said")],
            ),
            (
                "LIMA, May 2 \u{2014} Chile on Sunday accused Peru of stalling, calling the delay \"a deliberate insult to the region.\"",
                &[t("a deliberate insult to the region.", "Chile", "calling")],
            ),
            (
                "Chile's foreign ministry said it \"rejects the ruling in full.\" It added that it would \"appeal at once.\"",
                &[
                    t("rejects the ruling in full.", "Chile", "said"),
                    t("appeal at once.", "Chile", "added"),
                ],
            ),
            (
                "A spokesman for the Chilean embassy in Quito called the curbs \"plain coercion.\"",
                &[t("plain coercion.", "Chile", "called")],
            ),
            (
                "Paul Dent, who once called Ana Lima a \"reckless gambler,\" praised her.",
                &[t("reckless gambler,", "Paul Dent", "called")],
            ),
            (
                "\"We lost the game , \"said the 26-year-old Dent .",
                &[t("We lost the game ,", "Paul Dent", "said")],
            ),
            (
                "\"The deal is off,\" the paper quoted Paul Dent as saying.",
                &[t("The deal is off,", "Paul Dent", "saying")],
            ),
            (
                "\"Meet him within a week,\" the paper quoted Paul Dent as telling Lima.",
                &[t("Meet him within a week,", "Paul Dent", "telling")],
            ),
            (
                "\"The deal is off,\" Dent was quoted as saying by the Treasury Department.",
                &[t("The deal is off,", "Paul Dent", "saying")],
            ),
            (
                "According to Ana Lima, \u{201C}the plan is dead for now.\u{201D}",
                &[t("the plan is dead for now.", "Ana Lima", "According to")],
            ),
            (
                "Paul Dent, who arrived late, called the talks \"useful.\"",
                &[t("useful.", "Paul Dent", "called")],
            ),
            (
                "Ana Lima urged Chile to \u{201C}stop the provocations,\u{201D} adding that talks would resume.",
                &[t("stop the provocations,", "Ana Lima", "adding")],
            ),
            (
                "The president said \"the country will recover\" after Ana Lima was sworn in as president.",
                &[t("the country will recover", "-", "said")],
            ),
            // a fragment later in the sentence of a cued quote is the same speaker's; a
            // title there is nobody's
            (
                "Ana Lima told reporters the deal was \"in abeyance\" until Chile \"credibly and irrevocably\" changed course.",
                &[
                    t("in abeyance", "Ana Lima", "told"),
                    t("credibly and irrevocably", "Ana Lima", "-"),
                ],
            ),
            (
                "Chilean President Ana Lima defended the police, saying they faced \"criminals disguised as protesters.\"",
                &[t(
                    "criminals disguised as protesters.",
                    "Ana Lima",
                    "saying",
                )],
            ),
            (
                "Chile's envoy, Paul Dent, said the Treasury Department was \"attempting to handicap us.\"",
                &[t("attempting to handicap us.", "Paul Dent", "said")],
            ),
            (
                "Ana Lima dismissed the offer as \"a hypocritical farce.\"",
                &[t("a hypocritical farce.", "Ana Lima", "dismissed")],
            ),
            (
                "The Treasury Department, led by Ana Lima, criticized the plan as \"too little, too late.\"",
                &[t(
                    "too little, too late.",
                    "Treasury Department",
                    "criticized",
                )],
            ),
            (
                "Ana Lima criticized the \"Peace Now\" group for its stance on the war.",
                &[],
            ),
            (
                "Ana Lima accused Peru of \"spreading lies\" about Chile.",
                &[t("spreading lies", "Ana Lima", "accused")],
            ),
            (
                "Ana Lima was accused of \"spreading lies about the vote in the north\".",
                &[t(
                    "spreading lies about the vote in the north",
                    "-",
                    "accused",
                )],
            ),
            (
                "Ana Lima said the envoy had gone home \"for consultations\" and accused Peru of \"lies\" at sea.",
                &[
                    t("for consultations", "Ana Lima", "said"),
                    t("lies", "Ana Lima", "accused"),
                ],
            ),
            (
                "Ana Lima accused Peru of lying, calling it \"a farce\".",
                &[t("a farce", "Ana Lima", "calling")],
            ),
            (
                "Ana Lima dismissed talk of a deal by fans of the \"deal soon\" school.",
                &[],
            ),
            (
                "Ana Lima's office said the deal was \"a smokescreen\".",
                &[t("a smokescreen", "Ana Lima", "said")],
            ),
            (
                "Ana Lima said Paul Dent, star of \"Rocky\" and \"Rambo\", had left.",
                &[t("Rocky", "Ana Lima", "said")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(run(text, &specs), *want, "{text}");
        }
    }

    #[test]
    fn a_company_named_by_what_it_makes_is_the_company_last_named() {
        let specs = [("Acme Corp|Acme", G), ("Reuters", G)];
        let text = "Acme Corp said it would appeal. \"The ruling is wrong,\" the chipmaker \
                    told Reuters.";
        assert_eq!(
            run(text, &specs),
            [t("The ruling is wrong,", "Acme Corp", "told")]
        );
        // a company only told is no speaker
        let text = "Analysts told Reuters the ruling was wrong. \"We will appeal,\" the \
                    company said.";
        assert_eq!(run(text, &specs), [t("We will appeal,", "-", "said")]);
    }

    #[test]
    fn offices_resolve_to_their_holders() {
        let text = "President Ana Lima toured Chile. \"We will rebuild,\" the president said.";
        let got = run(
            text,
            &[
                ("Ana Lima|Lima", P),
                ("President|president", O),
                ("Chile", C),
            ],
        );
        assert_eq!(got, [t("We will rebuild,", "Ana Lima", "said")]);
    }

    #[test]
    fn a_pronoun_follows_an_office_that_spoke_since_the_last_quote() {
        let text = "President Ana Lima met Paul Dent. \"It went well,\" Dent told reporters. \
            The president, who spoke in Quito, said the talks would go on. \"We agreed,\" she said.";
        let got = run(
            text,
            &[
                ("Ana Lima|Lima", P),
                ("Paul Dent|Dent", P),
                ("President|president", O),
                ("Quito", L),
            ],
        );
        assert_eq!(
            got,
            [
                t("It went well,", "Paul Dent", "told"),
                t("We agreed,", "Ana Lima", "said")
            ]
        );
    }
}
