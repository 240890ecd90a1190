//! Output: the JSON contract (version 1), JSON Lines, and a readable text summary.
//!
//! Wire structs here only borrow from an [`Analysis`]; they exist so the analysis types can
//! change shape without changing what users script against. Offsets turn from bytes into
//! code points here and nowhere else. Writers take any `io::Write`, so tests print into a
//! `Vec<u8>` and the binary into a locked, buffered stdout.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::Value;

use crate::Analysis;
use crate::entities::{Entity, EntityType};
use crate::relations::{Relation, RelationKind, Span};
use crate::text::CodePoints;

/// The version of the output contract.
pub const VERSION: u32 = 1;

/// What to print besides the contract's fixed fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Add the token list.
    pub tokens: bool,
    /// Add `byte_start`/`byte_end` beside every `start`/`end`.
    pub byte_offsets: bool,
}

/// Where a document came from: a file name, and the `id` of a JSON Lines record.
#[derive(Debug, Clone, Copy, Default)]
pub struct Origin<'a> {
    pub source: Option<&'a str>,
    pub id: Option<&'a Value>,
}

/// JSON layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Pretty,
    Compact,
}

#[derive(Serialize)]
struct WireDocument<'a> {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    sentences: Vec<WireSpan>,
    entities: Vec<WireEntity<'a>>,
    relations: Vec<WireRelation<'a>>,
    quotes: Vec<WireQuote<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<WireToken<'a>>>,
}

#[derive(Serialize)]
struct WireSpan {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_end: Option<usize>,
}

#[derive(Serialize)]
struct WireEntity<'a> {
    id: String,
    #[serde(rename = "type")]
    entity_type: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    iso: Option<&'static str>,
    /// For places: city, region, sea, island, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    mentions: Vec<WireMention<'a>>,
}

#[derive(Serialize)]
struct WireMention<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_end: Option<usize>,
    text: &'a str,
    sentence: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    form: Option<&'static str>,
}

#[derive(Serialize)]
struct WireRef<'a> {
    id: String,
    name: &'a str,
}

#[derive(Serialize)]
struct WireText<'a> {
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_end: Option<usize>,
    text: &'a str,
}

/// One relation; roles absent from a type are left out, roles the type has but the text
/// does not fill are `null` (`Some(None)`).
#[derive(Serialize, Default)]
struct WireRelation<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<WireRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    office: Option<WireRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<Option<WireRef<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    organization: Option<Option<WireRef<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    participants: Option<Vec<WireRef<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<Option<WireRef<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<WireRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<WireText<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    basis: Option<&'static str>,
    sentence: usize,
    evidence: Option<WireText<'a>>,
}

#[derive(Serialize)]
struct WireQuote<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_end: Option<usize>,
    sentence: usize,
    speaker: Option<WireRef<'a>>,
    cue: Option<&'a str>,
}

#[derive(Serialize)]
struct WireToken<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_end: Option<usize>,
    kind: crate::tokenize::TokenKind,
}

#[derive(Serialize)]
struct WireError<'a> {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    error: &'a str,
}

/// Builds wire values, converting byte offsets as it goes.
struct Wiring<'a> {
    text: &'a str,
    chars: CodePoints,
    opts: Options,
    entities: &'a [Entity<'a>],
}

impl<'a> Wiring<'a> {
    fn offsets(&self, start: usize, end: usize) -> (usize, usize, Option<usize>, Option<usize>) {
        let s = self.chars.of(start);
        let e = self.chars.of(end);
        if self.opts.byte_offsets {
            (s, e, Some(start), Some(end))
        } else {
            (s, e, None, None)
        }
    }

    fn span(&mut self, start: usize, end: usize) -> WireSpan {
        let (start_c, end_c, byte_start, byte_end) = self.offsets(start, end);
        WireSpan {
            start: start_c,
            end: end_c,
            byte_start,
            byte_end,
        }
    }

    fn text_span(&mut self, span: Span) -> WireText<'a> {
        let (start, end, byte_start, byte_end) = self.offsets(span.start, span.end);
        WireText {
            start,
            end,
            byte_start,
            byte_end,
            text: &self.text[span.start..span.end],
        }
    }

    fn reference(&self, index: usize) -> WireRef<'a> {
        WireRef {
            id: entity_id(index),
            name: &self.entities[index].name,
        }
    }
}

/// The entity id printed for the entity at `index`.
pub fn entity_id(index: usize) -> String {
    format!("E{}", index + 1)
}

fn wire_relation<'a>(w: &mut Wiring<'a>, r: &Relation) -> WireRelation<'a> {
    let mut out = WireRelation {
        sentence: r.sentence,
        ..Default::default()
    };
    match &r.kind {
        RelationKind::HoldsOffice {
            person,
            office,
            country,
            organization,
            qualifier,
        } => {
            out.kind = "holds_office";
            out.person = Some(w.reference(*person));
            out.office = Some(w.reference(*office));
            out.country = Some(country.map(|c| w.reference(c)));
            if organization.is_some() {
                out.organization = Some(organization.map(|o| w.reference(o)));
            }
            out.qualifier = qualifier.map(|q| q.as_str());
        }
        RelationKind::Talks {
            participants,
            place,
            date,
        } => {
            out.kind = "talks";
            out.participants = Some(participants.iter().map(|&p| w.reference(p)).collect());
            if place.is_some() {
                out.place = Some(place.map(|p| w.reference(p)));
            }
            out.date = date.map(|d| w.text_span(d));
        }
        RelationKind::LocatedIn {
            place,
            location,
            from_lexicon,
        } => {
            out.kind = "located_in";
            out.place = Some(Some(w.reference(*place)));
            out.location = Some(w.reference(*location));
            out.basis = Some(if *from_lexicon { "lexicon" } else { "text" });
        }
        RelationKind::Administers { country, place } => {
            out.kind = "administers";
            out.country = Some(Some(w.reference(*country)));
            out.place = Some(Some(w.reference(*place)));
        }
        RelationKind::Claims { country, place } => {
            out.kind = "claims";
            out.country = Some(Some(w.reference(*country)));
            out.place = Some(Some(w.reference(*place)));
        }
        RelationKind::MemberOf {
            person,
            organization,
        } => {
            out.kind = "member_of";
            out.person = Some(w.reference(*person));
            out.organization = Some(Some(w.reference(*organization)));
        }
    }
    out.evidence = Some(w.text_span(r.evidence));
    out
}

fn document<'a>(a: &'a Analysis<'a>, origin: Origin<'a>, opts: Options) -> WireDocument<'a> {
    let mut w = Wiring {
        text: a.text,
        chars: CodePoints::new(a.text),
        opts,
        entities: &a.entities,
    };
    let sentences = a.sentences.iter().map(|s| w.span(s.start, s.end)).collect();
    let entities = a
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| WireEntity {
            id: entity_id(i),
            entity_type: e.kind.as_str(),
            name: &e.name,
            iso: e.iso,
            kind: e.place_kind,
            mentions: e
                .mentions
                .iter()
                .map(|m| {
                    let (start, end, byte_start, byte_end) = w.offsets(m.start, m.end);
                    WireMention {
                        start,
                        end,
                        byte_start,
                        byte_end,
                        text: &a.text[m.start..m.end],
                        sentence: m.sentence,
                        form: m.form.as_str(),
                    }
                })
                .collect(),
        })
        .collect();
    let relations = a
        .relations
        .iter()
        .map(|r| wire_relation(&mut w, r))
        .collect();
    let quotes = a
        .quotes
        .iter()
        .map(|q| {
            let (start, end, byte_start, byte_end) = w.offsets(q.start, q.end);
            WireQuote {
                text: &a.text[q.start..q.end],
                start,
                end,
                byte_start,
                byte_end,
                sentence: q.sentence,
                speaker: q.speaker.map(|s| w.reference(s)),
                cue: q.cue.as_deref(),
            }
        })
        .collect();
    let tokens = opts.tokens.then(|| {
        a.tokens
            .iter()
            .map(|t| {
                let (start, end, byte_start, byte_end) = w.offsets(t.start, t.end);
                WireToken {
                    text: t.text(a.text),
                    start,
                    end,
                    byte_start,
                    byte_end,
                    kind: t.kind,
                }
            })
            .collect()
    });
    WireDocument {
        version: VERSION,
        source: origin.source,
        id: origin.id,
        sentences,
        entities,
        relations,
        quotes,
        tokens,
    }
}

fn write_value<W: Write, T: Serialize>(out: &mut W, value: &T, layout: Layout) -> io::Result<()> {
    match layout {
        Layout::Compact => serde_json::to_writer(&mut *out, value)?,
        Layout::Pretty => serde_json::to_writer_pretty(&mut *out, value)?,
    }
    out.write_all(b"\n")
}

/// Writes one document as JSON followed by a newline.
///
/// Compact JSON, what batches print, is written by [`compact`] straight from the analysis;
/// pretty JSON goes through the wire structs and `serde_json`. Tests hold the two to the
/// same bytes.
pub fn write_json<W: Write>(
    out: &mut W,
    a: &Analysis<'_>,
    origin: Origin<'_>,
    opts: Options,
    layout: Layout,
) -> io::Result<()> {
    match layout {
        Layout::Compact => {
            let mut buf = Vec::with_capacity(a.text.len() * 2 + 128);
            compact::document(&mut buf, a, origin, opts);
            out.write_all(&buf)
        }
        Layout::Pretty => write_value(out, &document(a, origin, opts), layout),
    }
}

/// [`write_json`] in compact layout, appended to a buffer: what batches print, without the
/// copy through a second buffer that a writer of any kind needs.
pub fn write_compact_into(buf: &mut Vec<u8>, a: &Analysis<'_>, origin: Origin<'_>, opts: Options) {
    compact::document(buf, a, origin, opts);
}

/// Compact JSON written by hand, byte for byte what `serde_json` makes of the wire structs.
///
/// Building the wire values (a vector per entity, a string per entity id) and serializing
/// them field by field took as long as the relations and quotes stages together; here keys
/// are literals appended to a byte vector (which cannot fail, so nothing returns a `Result`),
/// numbers below 10,000 are written as whole digit groups from a table, and strings are
/// checked for characters to escape sixteen bytes at a time and, nearly always having none,
/// copied whole.
mod compact {
    use super::{Options, Origin, VERSION};
    use crate::Analysis;
    use crate::entities::{EntityType, Mention};
    use crate::relations::{Relation, RelationKind, Span};
    use crate::text::CodePoints;
    #[cfg(target_arch = "x86_64")]
    use crate::text::json_special_marks;
    use crate::tokenize::TokenKind;

    /// The writer of one document. `ASCII` is whether the text is all ASCII, so that its
    /// code-point offsets are its byte offsets: the writer for such text, nearly all of it in
    /// English news, holds no code to convert them.
    pub(super) struct Writer<'a, 'w, const ASCII: bool> {
        out: &'w mut Vec<u8>,
        text: &'a str,
        chars: CodePoints,
        opts: Options,
        names: &'a [crate::Entity<'a>],
    }

    pub(super) fn document(out: &mut Vec<u8>, a: &Analysis<'_>, origin: Origin<'_>, opts: Options) {
        if a.text.is_ascii() {
            document_in::<true>(out, a, origin, opts);
        } else {
            document_in::<false>(out, a, origin, opts);
        }
    }

    fn document_in<const ASCII: bool>(
        out: &mut Vec<u8>,
        a: &Analysis<'_>,
        origin: Origin<'_>,
        opts: Options,
    ) {
        let mut w = Writer::<ASCII>::new(out, a, opts);
        w.raw(b"{\"version\":");
        w.number(VERSION as usize);
        if let Some(source) = origin.source {
            w.raw(b",\"source\":");
            w.string(source);
        }
        if let Some(id) = origin.id {
            w.raw(b",\"id\":");
            match id {
                // escaped here exactly as `serde_json` escapes it
                serde_json::Value::String(s) => w.string(s),
                _ => serde_json::to_writer(&mut *w.out, id).expect("writing into a Vec"),
            }
        }
        w.raw(b",\"sentences\":[");
        // (the comma before each but the first of a list goes into the same copy as what
        // follows it)
        for (i, s) in a.sentences.iter().enumerate() {
            if i == 0 {
                w.offsets_between(b"{", s.start, s.end, b"}");
            } else {
                w.offsets_between(b",{", s.start, s.end, b"}");
            }
        }
        w.raw(b"],\"entities\":[");
        for (i, e) in a.entities.iter().enumerate() {
            // (and the end of the entity before)
            if i == 0 {
                w.number_between(b"{\"id\":\"E", i + 1, b"\",\"type\":");
            } else {
                w.number_between(b"]},{\"id\":\"E", i + 1, b"\",\"type\":");
            }
            w.raw(type_then_name(e.kind));
            w.string(&e.name);
            if let Some(iso) = e.iso {
                w.raw(b",\"iso\":");
                w.string(iso);
            }
            if let Some(kind) = e.place_kind {
                w.raw(b",\"kind\":");
                w.string(kind);
            }
            if e.mentions.is_empty() {
                w.raw(b",\"mentions\":[");
            }
            for (j, m) in e.mentions.iter().enumerate() {
                if j == 0 {
                    w.mention(b",\"mentions\":[{", m);
                } else {
                    w.mention(b",{", m);
                }
            }
        }
        if a.entities.is_empty() {
            w.raw(b"],\"relations\":[");
        } else {
            w.raw(b"]}],\"relations\":[");
        }
        for (i, r) in a.relations.iter().enumerate() {
            w.comma(i);
            w.relation(r);
        }
        w.raw(b"],\"quotes\":[");
        for (i, q) in a.quotes.iter().enumerate() {
            w.comma(i);
            w.raw(b"{\"text\":");
            w.string(&a.text[q.start..q.end]);
            w.offsets_between(b",", q.start, q.end, b",\"sentence\":");
            w.number_between(b"", q.sentence, b",\"speaker\":");
            match q.speaker {
                Some(s) => w.reference(s),
                None => w.raw(b"null"),
            }
            w.raw(b",\"cue\":");
            match q.cue.as_deref() {
                Some(c) => w.string(c),
                None => w.raw(b"null"),
            }
            w.raw(b"}");
        }
        w.raw(b"]");
        if opts.tokens {
            w.raw(b",\"tokens\":[");
            for (i, t) in a.tokens.iter().enumerate() {
                w.comma(i);
                w.raw(b"{\"text\":");
                w.string(t.text(a.text));
                w.offsets_between(b",", t.start, t.end, b",\"kind\":\"");
                w.raw(token_kind(t.kind).as_bytes());
                w.raw(b"\"}");
            }
            w.raw(b"]");
        }
        w.raw(b"}\n");
    }

    /// An entity's type as a JSON string, and the key of its name after it: written in one
    /// copy, as type names need no escaping.
    pub(super) fn type_then_name(kind: EntityType) -> &'static [u8] {
        match kind {
            EntityType::Person => b"\"person\",\"name\":",
            EntityType::Office => b"\"office\",\"name\":",
            EntityType::Country => b"\"country\",\"name\":",
            EntityType::Place => b"\"place\",\"name\":",
            EntityType::Organization => b"\"organization\",\"name\":",
        }
    }

    /// The name `serde` gives a token kind (`rename_all = "lowercase"`).
    fn token_kind(k: TokenKind) -> &'static str {
        match k {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Time => "time",
            TokenKind::Punctuation => "punctuation",
            TokenKind::Quote => "quote",
            TokenKind::Dash => "dash",
            TokenKind::Symbol => "symbol",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
        }
    }

    impl<'a, 'w, const ASCII: bool> Writer<'a, 'w, ASCII> {
        pub(super) fn new(out: &'w mut Vec<u8>, a: &'a Analysis<'a>, opts: Options) -> Self {
            debug_assert!(!ASCII || a.text.is_ascii());
            Writer {
                out,
                text: a.text,
                chars: if ASCII {
                    CodePoints::default()
                } else {
                    CodePoints::mapped(a.text)
                },
                opts,
                names: &a.entities,
            }
        }

        /// The code-point offset of byte offset `byte`.
        #[inline(always)]
        fn code_point(&self, byte: usize) -> usize {
            if ASCII {
                byte
            } else {
                self.chars.mapped_of(byte)
            }
        }

        #[inline]
        fn raw(&mut self, bytes: &[u8]) {
            self.out.extend_from_slice(bytes);
        }

        #[inline]
        fn comma(&mut self, i: usize) {
            if i > 0 {
                self.out.push(b',');
            }
        }

        /// A number in decimal. Below 10,000 (nearly every offset and index) the digits are
        /// one or two table entries copied as a group of known length; above, two at a time
        /// from the right.
        pub(super) fn number(&mut self, n: usize) {
            if n >= 10_000 || self.out.capacity() - self.out.len() < 4 {
                return self.long_number(n);
            }
            let pair = |k: usize| [DIGIT_PAIRS[2 * k], DIGIT_PAIRS[2 * k + 1]];
            if n < 10 {
                self.out.extend_from_slice(&[b'0' + n as u8]);
            } else if n < 100 {
                self.out.extend_from_slice(&pair(n));
            } else if n < 1000 {
                let [a, b] = pair(n % 100);
                self.out.extend_from_slice(&[b'0' + (n / 100) as u8, a, b]);
            } else {
                let ([a, b], [c, d]) = (pair(n / 100), pair(n % 100));
                self.out.extend_from_slice(&[a, b, c, d]);
            }
        }

        /// [`Writer::number`] from 10,000 up, or when the buffer must grow first: kept apart
        /// (and called last) so that the usual path calls nothing and saves no registers.
        #[cold]
        #[inline(never)]
        fn long_number(&mut self, n: usize) {
            let pair = |k: usize| [DIGIT_PAIRS[2 * k], DIGIT_PAIRS[2 * k + 1]];
            let mut buf = [0u8; 20];
            let mut i = buf.len();
            let mut n = n;
            while n >= 100 {
                i -= 2;
                buf[i..i + 2].copy_from_slice(&pair(n % 100));
                n /= 100;
            }
            if n >= 10 {
                i -= 2;
                buf[i..i + 2].copy_from_slice(&pair(n));
            } else {
                i -= 1;
                buf[i] = b'0' + n as u8;
            }
            self.out.extend_from_slice(&buf[i..]);
        }

        /// `before`, then [`Writer::char_offsets`] of `start` and `end`, then `after`. When
        /// both offsets are below 10,000 (nearly always) and no byte offsets are asked for,
        /// the whole is written into one [`Room`]: one capacity check for up to six pieces.
        #[inline(always)]
        pub(super) fn offsets_between<const A: usize, const B: usize>(
            &mut self,
            before: &[u8; A],
            start: usize,
            end: usize,
            after: &[u8; B],
        ) {
            let (s, e) = (self.code_point(start), self.code_point(end));
            self.code_points_between(before, s, e, start, end, after);
        }

        /// [`Writer::offsets_between`] of the byte offsets `start` and `end`, whose code
        /// points are `s` and `e`.
        #[inline(always)]
        fn code_points_between<const A: usize, const B: usize>(
            &mut self,
            before: &[u8; A],
            s: usize,
            e: usize,
            start: usize,
            end: usize,
            after: &[u8; B],
        ) {
            const { assert!(A + B <= 25) };
            if s.max(e) >= 10_000 || self.opts.byte_offsets {
                self.raw(before);
                self.char_offsets(s, e, start, end);
                self.raw(after);
                return;
            }
            let mut room = Room::<48>::new(self.out);
            room.bytes(before);
            room.offsets(s, e);
            room.bytes(after);
            room.keep();
        }

        /// `before`, the number `n` in decimal, then `after`: written as
        /// [`Writer::offsets_between`] writes, for `n` below 10,000.
        #[inline(always)]
        pub(super) fn number_between<const A: usize, const B: usize>(
            &mut self,
            before: &[u8; A],
            n: usize,
            after: &[u8; B],
        ) {
            const { assert!(A + B <= 28) };
            if n >= 10_000 {
                self.raw(before);
                self.number(n);
                self.raw(after);
                return;
            }
            let mut room = Room::<32>::new(self.out);
            room.bytes(before);
            room.short_number(n);
            room.bytes(after);
            room.keep();
        }

        /// `"start":..,"end":..`: the code points `s` and `e` of the byte offsets `start`
        /// and `end`, then the byte offsets themselves when asked for.
        fn char_offsets(&mut self, s: usize, e: usize, start: usize, end: usize) {
            self.raw(b"\"start\":");
            self.number(s);
            self.raw(b",\"end\":");
            self.number(e);
            if self.opts.byte_offsets {
                self.raw(b",\"byte_start\":");
                self.number(start);
                self.raw(b",\"byte_end\":");
                self.number(end);
            }
        }

        /// A role of a relation: its key (with the comma before it) and the entity's id.
        fn role(&mut self, key: &[u8], index: usize) {
            self.raw(key);
            self.reference(index);
        }

        fn reference(&mut self, index: usize) {
            self.number_between(b"{\"id\":\"E", index + 1, b"\",\"name\":");
            let names = self.names;
            self.string(&names[index].name);
            self.raw(b"}");
        }

        fn text_span(&mut self, span: Span) {
            self.offsets_between(b"{", span.start, span.end, b",\"text\":");
            let text = self.text;
            self.string(&text[span.start..span.end]);
            self.raw(b"}");
        }

        /// A relation's roles in the order of `WireRelation`'s fields.
        fn relation(&mut self, r: &Relation) {
            self.raw(b"{\"type\":");
            match &r.kind {
                RelationKind::HoldsOffice {
                    person,
                    office,
                    country,
                    organization,
                    qualifier,
                } => {
                    self.string("holds_office");
                    self.role(b",\"person\":", *person);
                    self.role(b",\"office\":", *office);
                    self.raw(b",\"country\":");
                    match country {
                        Some(c) => self.reference(*c),
                        None => self.raw(b"null"),
                    }
                    if let Some(o) = organization {
                        self.role(b",\"organization\":", *o);
                    }
                    if let Some(q) = qualifier {
                        self.raw(b",\"qualifier\":");
                        self.string(q.as_str());
                    }
                }
                RelationKind::Talks {
                    participants,
                    place,
                    date,
                } => {
                    self.string("talks");
                    self.raw(b",\"participants\":[");
                    for (i, &p) in participants.iter().enumerate() {
                        self.comma(i);
                        self.reference(p);
                    }
                    self.raw(b"]");
                    if let Some(p) = place {
                        self.role(b",\"place\":", *p);
                    }
                    if let Some(d) = date {
                        self.raw(b",\"date\":");
                        self.text_span(*d);
                    }
                }
                RelationKind::LocatedIn {
                    place,
                    location,
                    from_lexicon,
                } => {
                    self.string("located_in");
                    self.role(b",\"place\":", *place);
                    self.role(b",\"location\":", *location);
                    self.raw(b",\"basis\":");
                    self.string(if *from_lexicon { "lexicon" } else { "text" });
                }
                RelationKind::Administers { country, place }
                | RelationKind::Claims { country, place } => {
                    self.string(match r.kind {
                        RelationKind::Administers { .. } => "administers",
                        _ => "claims",
                    });
                    self.role(b",\"country\":", *country);
                    self.role(b",\"place\":", *place);
                }
                RelationKind::MemberOf {
                    person,
                    organization,
                } => {
                    self.string("member_of");
                    self.role(b",\"person\":", *person);
                    self.role(b",\"organization\":", *organization);
                }
            }
            self.number_between(b",\"sentence\":", r.sentence, b",\"evidence\":");
            self.text_span(r.evidence);
            self.raw(b"}");
        }

        /// A JSON string, escaped as `serde_json` escapes: `"`, `\\` and control characters
        /// only (the short forms where JSON has them, else `\u00XX` in lower case). A string
        /// with nothing to escape, nearly every one, is copied whole.
        pub(super) fn string(&mut self, s: &str) {
            let bytes = s.as_bytes();
            let n = bytes.len();
            if n > SHORT || self.out.capacity() - self.out.len() < SHORT + 2 {
                return self.long_string(bytes);
            }
            // a short string, most of them, is written quoted from two overlapping words,
            // which are tested for escapes together, and kept only when there are none.
            // Nothing is called on the way, so nothing is saved and restored around it.
            let mut room = Room::<{ SHORT + 2 }>::new(self.out);
            if !room.short_string(bytes) {
                return self.escaped(bytes);
            }
            room.keep();
        }

        /// `before`, then a mention of an entity: its offsets, text, sentence and form. A
        /// mention whose numbers are below 10,000 and whose text is short with nothing to
        /// escape (nearly every one) is written into one [`Room`].
        #[inline(always)]
        fn mention<const A: usize>(&mut self, before: &[u8; A], m: &Mention) {
            let (s, e) = (self.code_point(m.start), self.code_point(m.end));
            let text = &self.text.as_bytes()[m.start..m.end];
            if s.max(e).max(m.sentence) < 10_000 && !self.opts.byte_offsets && text.len() <= SHORT {
                // (the most: `before`, both offsets, the quoted text, the sentence and the
                // key of a form come to 86 bytes)
                let mut room = Room::<96>::new(self.out);
                room.bytes(before);
                room.offsets(s, e);
                room.bytes(b",\"text\":");
                if room.short_string(text) {
                    room.bytes(b",\"sentence\":");
                    room.short_number(m.sentence);
                    match m.form.as_str() {
                        None => {
                            room.bytes(b"}");
                            room.keep();
                        }
                        Some(form) => {
                            room.bytes(b",\"form\":");
                            room.keep();
                            self.string(form);
                            self.raw(b"}");
                        }
                    }
                    return;
                }
            }
            self.code_points_between(before, s, e, m.start, m.end, b",\"text\":");
            let text = self.text;
            self.string(&text[m.start..m.end]);
            match m.form.as_str() {
                None => self.number_between(b",\"sentence\":", m.sentence, b"}"),
                Some(form) => {
                    self.number_between(b",\"sentence\":", m.sentence, b",\"form\":");
                    self.string(form);
                    self.raw(b"}");
                }
            }
        }

        /// [`Writer::string`] for a string longer than [`SHORT`], or when the buffer must
        /// grow first.
        #[inline(never)]
        fn long_string(&mut self, bytes: &[u8]) {
            if needs_escape(bytes) {
                self.escaped(bytes);
            } else {
                self.out.reserve(bytes.len() + 2);
                self.out.push(b'"');
                self.out.extend_from_slice(bytes);
                self.out.push(b'"');
            }
        }

        /// [`Writer::string`] for a string with something to escape, a byte at a time.
        #[cold]
        #[inline(never)]
        fn escaped(&mut self, bytes: &[u8]) {
            self.out.push(b'"');
            let mut start = 0;
            for (i, &b) in bytes.iter().enumerate() {
                let escape = ESCAPE[b as usize];
                if escape == 0 {
                    continue;
                }
                self.out.extend_from_slice(&bytes[start..i]);
                start = i + 1;
                if escape == b'u' {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.raw(&[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[(b >> 4) as usize],
                        HEX[(b & 0xF) as usize],
                    ]);
                } else {
                    self.raw(&[b'\\', escape]);
                }
            }
            self.out.extend_from_slice(&bytes[start..]);
            self.out.push(b'"');
        }
    }

    /// Room for `N` bytes at the end of a vector, reserved at once and written piece by
    /// piece with no capacity check each; the bytes written are added to the vector's
    /// length by [`Room::keep`], or left out of it if the room is dropped.
    struct Room<'v, const N: usize> {
        out: &'v mut Vec<u8>,
        /// The vector's length, and its end: the start of the room.
        len: usize,
        end: *mut u8,
        /// The bytes written, from the vector's end.
        at: usize,
    }

    impl<'v, const N: usize> Room<'v, N> {
        #[inline(always)]
        fn new(out: &'v mut Vec<u8>) -> Self {
            out.reserve(N);
            let len = out.len();
            // (read once: the writes through it could be to the vector itself, for all the
            // compiler knows, and would have it read the vector's pointer again)
            let end = out.spare_capacity_mut().as_mut_ptr().cast::<u8>();
            Room {
                out,
                len,
                end,
                at: 0,
            }
        }

        /// Writes `bytes` at `at` from the end, which must leave them within the room.
        #[inline(always)]
        fn put<const K: usize>(&mut self, at: usize, bytes: &[u8; K]) {
            assert!(at + K <= N, "room for {N} bytes, {K} more asked at {at}");
            // SAFETY: `new` reserved `N` bytes from `end`, and `at + K <= N`.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.end.add(at), K) };
        }

        #[inline(always)]
        fn bytes<const K: usize>(&mut self, bytes: &[u8; K]) {
            self.put(self.at, bytes);
            self.at += K;
        }

        /// A number below 10,000: its four bytes of [`short_digits`] written, as many
        /// kept as it has digits.
        #[inline(always)]
        fn short_number(&mut self, n: usize) {
            let (digits, k) = short_digits(n);
            self.put(self.at, &digits.to_le_bytes());
            self.at += k;
        }

        /// `"start":s,"end":e`, both below 10,000.
        #[inline(always)]
        fn offsets(&mut self, s: usize, e: usize) {
            self.bytes(b"\"start\":");
            self.short_number(s);
            self.bytes(b",\"end\":");
            self.short_number(e);
        }

        /// A string of [`SHORT`] bytes at most, quoted, from two overlapping words, which
        /// are tested for escapes together; `false`, with nothing written, when it has
        /// something to escape.
        #[inline(always)]
        fn short_string(&mut self, bytes: &[u8]) -> bool {
            let n = bytes.len();
            let mut probe = [b' '; 16];
            self.put(self.at, b"\"");
            let at = self.at + 1;
            if n >= 8 {
                self.ends::<8>(at, bytes, &mut probe);
            } else if n >= 4 {
                self.ends::<4>(at, bytes, &mut probe);
            } else {
                for (k, &b) in bytes.iter().enumerate() {
                    self.put(at + k, &[b]);
                    probe[k] = b;
                }
            }
            if any_escape(&probe) {
                return false;
            }
            self.put(at + n, b"\"");
            self.at = at + n + 1;
            true
        }

        /// Writes `bytes`, `K` to `2 * K` of them, at `at` as their first and last `K`, and
        /// puts those into the first `2 * K` bytes of `probe`.
        #[inline(always)]
        fn ends<const K: usize>(&mut self, at: usize, bytes: &[u8], probe: &mut [u8; 16]) {
            let n = bytes.len();
            // more, and bytes between the two would be left unwritten
            assert!(n <= 2 * K, "{n} bytes as two of {K}");
            let first: [u8; K] = bytes[..K].try_into().expect("K bytes");
            let last: [u8; K] = bytes[n - K..].try_into().expect("K bytes");
            self.put(at, &first);
            self.put(at + n - K, &last);
            probe[..K].copy_from_slice(&first);
            probe[K..2 * K].copy_from_slice(&last);
        }

        /// Adds the bytes written to the vector.
        #[inline(always)]
        fn keep(self) {
            // SAFETY: the `at` bytes from the end were all written, within the room.
            unsafe { self.out.set_len(self.len + self.at) };
        }
    }

    /// The longest string [`Writer::string`] writes in two overlapping words rather than
    /// copying.
    const SHORT: usize = 16;

    /// The digits of `n`, below 10,000, as ASCII in a `u32` (the first digit in the lowest
    /// byte, as they are stored little-endian), and how many there are: read from a table,
    /// the count from the bytes left zero past the last digit.
    #[inline(always)]
    fn short_digits(n: usize) -> (u32, usize) {
        let digits = SHORT_DIGITS[n];
        (digits, (39 - digits.leading_zeros() as usize) / 8)
    }

    /// The digits of each number below 10,000 as ASCII in a `u32`, the first digit in the
    /// lowest byte and zeros past the last.
    static SHORT_DIGITS: [u32; 10_000] = {
        let mut t = [0u32; 10_000];
        let mut n = 0;
        while n < 10_000 {
            let (mut digits, mut rest) = (0u32, n);
            let mut width = 1;
            while width < 4 && n >= [10, 100, 1000][width - 1] {
                width += 1;
            }
            let mut k = width;
            while k > 0 {
                k -= 1;
                digits |= (b'0' as u32 + (rest % 10) as u32) << (8 * k);
                rest /= 10;
            }
            t[n] = digits;
            n += 1;
        }
        t
    };

    /// "00" to "99", one after the other.
    static DIGIT_PAIRS: [u8; 200] = {
        let mut t = [0u8; 200];
        let mut i = 0;
        while i < 100 {
            t[2 * i] = b'0' + (i / 10) as u8;
            t[2 * i + 1] = b'0' + (i % 10) as u8;
            i += 1;
        }
        t
    };

    /// Whether any byte of `bytes` is escaped in JSON ([`ESCAPE`] is not 0 for it). Sixteen
    /// bytes are tested at a time, the last sixteen overlapping the ones before; shorter
    /// strings are read as two overlapping words.
    #[inline]
    pub(super) fn needs_escape(bytes: &[u8]) -> bool {
        let n = bytes.len();
        #[cfg(target_arch = "x86_64")]
        if n >= 16 {
            let mut i = 0;
            while i + 16 < n {
                if json_special_marks(bytes[i..i + 16].try_into().expect("16 bytes")) != 0 {
                    return true;
                }
                i += 16;
            }
            return json_special_marks(bytes[n - 16..].try_into().expect("16 bytes")) != 0;
        }
        if n >= 8 {
            let word = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
            let mut i = 0;
            while i + 8 < n {
                if word_needs_escape(word(i)) {
                    return true;
                }
                i += 8;
            }
            return word_needs_escape(word(n - 8));
        }
        if n >= 4 {
            let half = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
            return word_needs_escape(u64::from(half(0)) | u64::from(half(n - 4)) << 32);
        }
        bytes.iter().any(|&b| ESCAPE[b as usize] != 0)
    }

    /// Whether any of 16 bytes is escaped in JSON.
    #[inline]
    fn any_escape(probe: &[u8; 16]) -> bool {
        #[cfg(target_arch = "x86_64")]
        return json_special_marks(probe) != 0;
        #[cfg(not(target_arch = "x86_64"))]
        return needs_escape(probe);
    }

    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;

    /// Whether any of the eight bytes of `w` is a control character, `"` or `\\`. (A byte
    /// below `n` sets its high bit in `w - n * ONES & !w`, and only such a byte can start the
    /// borrows that set others; so the test is exact for the word as a whole.)
    #[inline]
    fn word_needs_escape(w: u64) -> bool {
        let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS;
        (below(w, 0x20)
            | below(w ^ (ONES * u64::from(b'"')), 1)
            | below(w ^ (ONES * u64::from(b'\\')), 1))
            != 0
    }

    /// What follows the backslash for each byte that is escaped; 0 for bytes written as they
    /// are, `u` for `\u00XX`.
    static ESCAPE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = b'u';
            b += 1;
        }
        t[0x08] = b'b';
        t[0x09] = b't';
        t[0x0A] = b'n';
        t[0x0C] = b'f';
        t[0x0D] = b'r';
        t[b'"' as usize] = b'"';
        t[b'\\' as usize] = b'\\';
        t
    };
}

/// Writes the error record that stands in for a document that could not be analysed.
pub fn write_error<W: Write>(
    out: &mut W,
    origin: Origin<'_>,
    line: Option<u64>,
    error: &str,
    layout: Layout,
) -> io::Result<()> {
    let e = WireError {
        version: VERSION,
        source: origin.source,
        id: origin.id,
        line,
        error,
    };
    write_value(out, &e, layout)
}

const SECTIONS: [(EntityType, &str); 5] = [
    (EntityType::Person, "People"),
    (EntityType::Office, "Offices"),
    (EntityType::Country, "Countries"),
    (EntityType::Place, "Places"),
    (EntityType::Organization, "Organizations"),
];

/// Writes a summary for a person at a terminal: entities by type with mention counts,
/// relations as short sentences, quotes with their speakers.
pub fn write_text<W: Write>(out: &mut W, a: &Analysis<'_>, origin: Origin<'_>) -> io::Result<()> {
    let title = match (origin.source, origin.id) {
        (_, Some(Value::String(id))) => id.clone(),
        (_, Some(id)) => id.to_string(),
        (Some(s), None) => s.to_string(),
        (None, None) => "(stdin)".to_string(),
    };
    writeln!(
        out,
        "{title}: {} sentences, {} entities, {} relations, {} quotes",
        a.sentences.len(),
        a.entities.len(),
        a.relations.len(),
        a.quotes.len()
    )?;
    for (kind, heading) in SECTIONS {
        let mut of_kind: Vec<&Entity> = a.entities.iter().filter(|e| e.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|x, y| {
            y.mentions
                .len()
                .cmp(&x.mentions.len())
                .then(x.name.cmp(&y.name))
        });
        writeln!(out, "\n{heading}")?;
        for e in of_kind {
            let mut extra = String::new();
            if let Some(iso) = e.iso {
                extra.push_str(&format!(" [{iso}]"));
            }
            if let Some(k) = e.place_kind {
                extra.push_str(&format!(" ({k})"));
            }
            let n = e.mentions.len();
            writeln!(out, "  {}{extra}  x{n}", e.name)?;
        }
    }
    if !a.relations.is_empty() {
        writeln!(out, "\nRelations")?;
        for r in &a.relations {
            writeln!(out, "  {}", relation_sentence(r, &a.entities))?;
        }
    }
    if !a.quotes.is_empty() {
        writeln!(out, "\nQuotes")?;
        for q in &a.quotes {
            let who = q
                .speaker
                .map_or("(unattributed)", |s| a.entities[s].name.as_ref());
            let cue = q
                .cue
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {who}{cue}: \u{201C}{}\u{201D}",
                &a.text[q.start..q.end]
            )?;
        }
    }
    writeln!(out)
}

/// A relation as a short English sentence.
pub fn relation_sentence(r: &Relation, entities: &[Entity]) -> String {
    let n = |i: usize| entities[i].name.as_ref();
    match &r.kind {
        RelationKind::HoldsOffice {
            person,
            office,
            country,
            organization,
            qualifier,
        } => {
            let q = qualifier
                .map(|q| format!("{} ", q.as_str()))
                .unwrap_or_default();
            let of = country
                .or(*organization)
                .map(|c| format!(" of {}", n(c)))
                .unwrap_or_default();
            format!("{} is {q}{}{of}", n(*person), n(*office))
        }
        RelationKind::Talks {
            participants,
            place,
            ..
        } => {
            let names: Vec<&str> = participants.iter().map(|&p| n(p)).collect();
            let at = place.map(|p| format!(" in {}", n(p))).unwrap_or_default();
            format!("{} held talks{at}", join_names(&names))
        }
        RelationKind::LocatedIn {
            place,
            location,
            from_lexicon,
        } => {
            let src = if *from_lexicon { " (lexicon)" } else { "" };
            format!("{} lies in {}{src}", n(*place), n(*location))
        }
        RelationKind::Administers { country, place } => {
            format!("{} administers {}", n(*country), n(*place))
        }
        RelationKind::Claims { country, place } => format!("{} claims {}", n(*country), n(*place)),
        RelationKind::MemberOf {
            person,
            organization,
        } => format!("{} is a member of {}", n(*person), n(*organization)),
    }
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Checks a printed document against the invariants of the contract, for tests and fuzzing:
/// `text` is the document's text as analysed (BOM dropped). Every span lies inside the text
/// and its `text` equals the text sliced at `[start, end)` in code points (and at
/// `[byte_start, byte_end)` in bytes when printed); sentences and tokens are in order and do
/// not overlap; every `sentence` index exists; entity ids are unique and every `id` a relation
/// or quote names exists with the entity's name. The first violation found is returned.
pub fn check_document(doc: &Value, text: &str) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    let span = |v: &Value, what: &str| -> Result<(usize, usize), String> {
        let n = |k: &str| v.get(k).and_then(Value::as_u64).map(|n| n as usize);
        let (Some(start), Some(end)) = (n("start"), n("end")) else {
            return Err(format!("{what} without start/end: {v}"));
        };
        if start > end || end > chars.len() {
            return Err(format!(
                "{what} [{start}, {end}) outside a text of {} code points",
                chars.len()
            ));
        }
        if let Some(t) = v.get("text") {
            let want: String = chars[start..end].iter().collect();
            if t.as_str() != Some(want.as_str()) {
                return Err(format!(
                    "{what} [{start}, {end}) has text {t}, the text there is {want:?}"
                ));
            }
        }
        if let (Some(bs), Some(be)) = (n("byte_start"), n("byte_end")) {
            let (Some(got), Some(prefix)) = (text.get(bs..be), text.get(..bs)) else {
                return Err(format!("{what} bytes [{bs}, {be}) do not slice the text"));
            };
            if prefix.chars().count() != start || got.chars().count() != end - start {
                return Err(format!(
                    "{what} bytes [{bs}, {be}) disagree with [{start}, {end})"
                ));
            }
        }
        Ok((start, end))
    };
    let array = |k: &str| {
        doc.get(k)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("no \"{k}\" array"))
    };
    if doc.get("version").and_then(Value::as_u64) != Some(u64::from(VERSION)) {
        return Err("no \"version\": 1".to_string());
    }
    let sentences = array("sentences")?;
    let mut last_end = 0;
    for s in sentences {
        let (start, end) = span(s, "sentence")?;
        if start < last_end || start == end {
            return Err(format!(
                "sentence [{start}, {end}) is empty or overlaps the one before"
            ));
        }
        last_end = end;
    }
    let in_sentences = |v: &Value, what: &str| match v.get("sentence").and_then(Value::as_u64) {
        Some(i) if (i as usize) < sentences.len() => Ok(()),
        _ => Err(format!(
            "{what} names no sentence of {}: {v}",
            sentences.len()
        )),
    };
    let mut names = std::collections::HashMap::new();
    for e in array("entities")? {
        let id = e
            .get("id")
            .and_then(Value::as_str)
            .ok_or("entity without an id")?;
        let name = e
            .get("name")
            .and_then(Value::as_str)
            .ok_or("entity without a name")?;
        if names.insert(id, name).is_some() {
            return Err(format!("entity id {id} is not unique"));
        }
        let mentions = e
            .get("mentions")
            .and_then(Value::as_array)
            .ok_or("entity without mentions")?;
        for m in mentions {
            span(m, "mention")?;
            in_sentences(m, "mention")?;
        }
    }
    let resolve = |v: &Value| -> Result<(), String> {
        let Some(id) = v.get("id") else { return Ok(()) };
        match (
            id.as_str().and_then(|id| names.get(id)),
            v.get("name").and_then(Value::as_str),
        ) {
            (Some(name), Some(n)) if *name == n => Ok(()),
            _ => Err(format!("reference {v} does not name an entity")),
        }
    };
    for r in array("relations")? {
        in_sentences(r, "relation")?;
        span(
            r.get("evidence").ok_or("relation without evidence")?,
            "evidence",
        )?;
        for (role, v) in r.as_object().ok_or("relation is not an object")? {
            match v {
                Value::Array(items) => items.iter().try_for_each(resolve)?,
                Value::Object(o) if o.contains_key("start") => {
                    span(v, role)?;
                }
                Value::Object(_) => resolve(v)?,
                _ => {}
            }
        }
    }
    for q in array("quotes")? {
        span(q, "quote")?;
        in_sentences(q, "quote")?;
        if let Some(speaker) = q.get("speaker").filter(|v| !v.is_null()) {
            resolve(speaker)?;
        }
    }
    if let Some(tokens) = doc.get("tokens") {
        let mut last_end = 0;
        for t in tokens.as_array().ok_or("\"tokens\" is not an array")? {
            let (start, end) = span(t, "token")?;
            if start < last_end || start == end {
                return Err(format!(
                    "token [{start}, {end}) is empty or overlaps the one before"
                ));
            }
            last_end = end;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::{Mention, MentionForm};

    #[test]
    fn type_then_name_spells_each_type_as_serde_does() {
        for kind in [
            EntityType::Person,
            EntityType::Office,
            EntityType::Country,
            EntityType::Place,
            EntityType::Organization,
        ] {
            let want = format!(
                "{},\"name\":",
                serde_json::to_string(kind.as_str()).unwrap()
            );
            assert_eq!(compact::type_then_name(kind), want.as_bytes(), "{kind:?}");
        }
    }
    use crate::quotes::Quote;
    use crate::relations::Qualifier;

    fn sample(text: &str) -> Analysis<'_> {
        let mut a = crate::Analyzer::new().analyze(text);
        let at = |s: &str| text.find(s).unwrap();
        let mention = |s: &str, form| Mention {
            start: at(s),
            end: at(s) + s.len(),
            tokens: 0..0,
            sentence: 0,
            form,
        };
        a.entities = vec![
            Entity {
                kind: EntityType::Country,
                name: "France".into(),
                iso: Some("FR"),
                place_kind: None,
                mentions: vec![mention("French", MentionForm::Demonym)],
            },
            Entity {
                kind: EntityType::Office,
                name: "President".into(),
                iso: None,
                place_kind: None,
                mentions: vec![mention("President", MentionForm::Name)],
            },
            Entity {
                kind: EntityType::Person,
                name: "Émile Zoé".into(),
                iso: None,
                place_kind: None,
                mentions: vec![mention("Émile Zoé", MentionForm::Name)],
            },
        ];
        a.relations = vec![Relation {
            kind: RelationKind::HoldsOffice {
                person: 2,
                office: 1,
                country: Some(0),
                organization: None,
                qualifier: Some(Qualifier::Former),
            },
            sentence: 0,
            evidence: Span {
                start: at("French"),
                end: at("Zoé") + "Zoé".len(),
            },
        }];
        a.quotes = vec![Quote {
            start: at("ça"),
            end: at("va") + 2,
            sentence: 0,
            speaker: Some(2),
            cue: Some("said".into()),
        }];
        a
    }

    #[test]
    fn json_offsets_are_code_points_and_slice_the_text() {
        let text = "€ French President Émile Zoé said \u{201C}ça va\u{201D}.";
        let a = sample(text);
        let mut buf = Vec::new();
        write_json(
            &mut buf,
            &a,
            Origin::default(),
            Options {
                tokens: true,
                byte_offsets: true,
            },
            Layout::Compact,
        )
        .unwrap();
        let v: Value = serde_json::from_slice(&buf).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: &Value, e: &Value| {
            chars[s.as_u64().unwrap() as usize..e.as_u64().unwrap() as usize]
                .iter()
                .collect::<String>()
        };
        for e in v["entities"].as_array().unwrap() {
            for m in e["mentions"].as_array().unwrap() {
                assert_eq!(slice(&m["start"], &m["end"]), m["text"].as_str().unwrap());
                let (bs, be) = (
                    m["byte_start"].as_u64().unwrap() as usize,
                    m["byte_end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[bs..be], m["text"].as_str().unwrap());
            }
        }
        let r = &v["relations"][0];
        assert_eq!(r["type"], "holds_office");
        assert_eq!(r["person"]["id"], "E3");
        assert_eq!(r["country"]["name"], "France");
        assert_eq!(r["qualifier"], "former");
        assert_eq!(
            slice(&r["evidence"]["start"], &r["evidence"]["end"]),
            r["evidence"]["text"].as_str().unwrap()
        );
        assert_eq!(v["quotes"][0]["text"], "ça va");
        assert_eq!(v["quotes"][0]["speaker"]["name"], "Émile Zoé");
        assert_eq!(v["entities"][0]["mentions"][0]["form"], "demonym");
        assert!(v["entities"][1]["mentions"][0].get("form").is_none());
        assert_eq!(v["tokens"][0]["kind"], "symbol");
        assert_eq!(v["version"], 1);
    }

    #[test]
    fn check_document_accepts_the_contract_and_names_violations() {
        let text = "€ French President Émile Zoé said \u{201C}ça va\u{201D}.";
        let a = sample(text);
        let mut buf = Vec::new();
        let opts = Options {
            tokens: true,
            byte_offsets: true,
        };
        write_json(&mut buf, &a, Origin::default(), opts, Layout::Compact).unwrap();
        let good: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(check_document(&good, text), Ok(()));
        type Spoil = fn(&mut Value);
        let broken: &[(&str, Spoil)] = &[
            ("text", |v| {
                v["entities"][0]["mentions"][0]["start"] = 3.into()
            }),
            ("outside", |v| v["quotes"][0]["end"] = 999.into()),
            ("does not name", |v| {
                v["relations"][0]["person"]["id"] = "E9".into()
            }),
            ("does not name", |v| {
                v["quotes"][0]["speaker"]["name"] = "Zoé".into()
            }),
            ("not unique", |v| v["entities"][1]["id"] = "E1".into()),
            ("names no sentence", |v| {
                v["relations"][0]["sentence"] = 1.into()
            }),
            ("disagree", |v| v["tokens"][1]["byte_start"] = 5.into()),
            ("overlaps", |v| v["tokens"][1] = v["tokens"][0].clone()),
            ("no \"quotes\"", |v| {
                drop(v.as_object_mut().unwrap().remove("quotes"))
            }),
        ];
        for (why, spoil) in broken {
            let mut v = good.clone();
            spoil(&mut v);
            let err = check_document(&v, text).unwrap_err();
            assert!(err.contains(why), "{why}: {err}");
        }
    }

    /// Compact JSON as `serde_json` prints the wire structs: what [`compact`] must match.
    fn via_serde(a: &Analysis<'_>, origin: Origin<'_>, opts: Options) -> Vec<u8> {
        let mut buf = Vec::new();
        write_value(&mut buf, &document(a, origin, opts), Layout::Compact).unwrap();
        buf
    }

    fn assert_compact_matches_serde(a: &Analysis<'_>, origin: Origin<'_>) {
        for tokens in [false, true] {
            for byte_offsets in [false, true] {
                let opts = Options {
                    tokens,
                    byte_offsets,
                };
                let mut fast = Vec::new();
                write_json(&mut fast, a, origin, opts, Layout::Compact).unwrap();
                let want = via_serde(a, origin, opts);
                assert_eq!(
                    String::from_utf8_lossy(&fast),
                    String::from_utf8_lossy(&want),
                    "{opts:?} {:?}",
                    a.text
                );
            }
        }
    }

    /// Offsets and numbers gathered into a buffer read as those written piece by piece, on
    /// both sides of 10,000, in code points and in bytes.
    #[test]
    fn gathered_offsets_and_numbers_read_as_written_ones() {
        let text = format!("\u{e9}{}", "a".repeat(20_050));
        let a = Analysis {
            text: &text,
            tokens: vec![],
            sentences: vec![],
            entities: vec![],
            relations: vec![],
            quotes: vec![],
        };
        let offsets = [
            0, 2, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10_000, 10_001, 10_002, 20_000,
        ];
        for byte_offsets in [false, true] {
            let opts = Options {
                tokens: false,
                byte_offsets,
            };
            for &s in &offsets {
                for &e in &offsets {
                    let mut out = Vec::new();
                    let mut w = compact::Writer::<false>::new(&mut out, &a, opts);
                    w.offsets_between(b"{", s, e, b",\"text\":");
                    let c = |b: usize| b.saturating_sub(1);
                    let mut want = format!("{{\"start\":{},\"end\":{}", c(s), c(e));
                    if byte_offsets {
                        want += &format!(",\"byte_start\":{s},\"byte_end\":{e}");
                    }
                    want += ",\"text\":";
                    assert_eq!(String::from_utf8(out).unwrap(), want);
                }
            }
        }
        for n in (0..12_000).chain([99_999, 100_000, usize::MAX]) {
            let mut out = Vec::new();
            let mut w = compact::Writer::<false>::new(&mut out, &a, Options::default());
            w.number_between(b"{\"id\":\"E", n, b"\",");
            assert_eq!(
                String::from_utf8(out).unwrap(),
                format!("{{\"id\":\"E{n}\",")
            );
        }
    }

    #[test]
    fn compact_numbers_table() {
        let a = crate::Analyzer::new().analyze("");
        for n in [
            0,
            7,
            9,
            10,
            42,
            99,
            100,
            101,
            999,
            1000,
            9999,
            10_000,
            65_535,
            1 << 40,
            usize::MAX,
        ] {
            let id = Value::from(n);
            let mut fast = Vec::new();
            let origin = Origin {
                source: None,
                id: Some(&id),
            };
            let mut w = compact::Writer::<false>::new(&mut fast, &a, Options::default());
            w.number(n);
            assert_eq!(String::from_utf8(fast).unwrap(), n.to_string());
            assert_compact_matches_serde(&a, origin);
        }
    }

    #[test]
    fn compact_writer_matches_serde_on_the_fixtures() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let analyzer = crate::Analyzer::new();
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                let a = analyzer.analyze(&text);
                let name = path.display().to_string();
                assert_compact_matches_serde(&a, Origin::default());
                assert_compact_matches_serde(
                    &a,
                    Origin {
                        source: Some(&name),
                        id: None,
                    },
                );
                // and as ASCII, which a writer of its own prints
                let ascii = text.replace(|c: char| !c.is_ascii(), "'");
                assert_compact_matches_serde(&analyzer.analyze(&ascii), Origin::default());
                seen += 1;
            }
        }
        assert!(seen > 0);
    }

    /// Mentions of every length up to the longest written into one room and past it, with a
    /// character to escape or none, at offsets and sentences on both sides of 10,000, with
    /// the longest form or none, in ASCII text and not.
    #[test]
    fn mentions_of_every_short_length_match_serde() {
        for first in ["x", "\u{e9}"] {
            let text = format!(
                "{first}{}{}",
                "x".repeat(9_990),
                "abcdefghijklmnop\"q".repeat(3)
            );
            let mut mentions = Vec::new();
            for start in [0, 9_979, 9_990, 9_999, 10_004].map(|k| first.len() + k) {
                for len in 0..=18 {
                    for (sentence, form) in [
                        (0, MentionForm::Name),
                        (9_999, MentionForm::Abbreviation),
                        (10_000, MentionForm::Demonym),
                    ] {
                        mentions.push(Mention {
                            start,
                            end: start + len,
                            tokens: 0..0,
                            sentence,
                            form,
                        });
                    }
                }
            }
            let a = Analysis {
                text: &text,
                tokens: vec![],
                sentences: vec![],
                entities: vec![Entity {
                    kind: EntityType::Organization,
                    name: "X".into(),
                    iso: None,
                    place_kind: None,
                    mentions,
                }],
                relations: vec![],
                quotes: vec![],
            };
            assert_compact_matches_serde(&a, Origin::default());
        }
    }

    #[test]
    fn compact_writer_matches_serde_on_escapes_and_every_relation_table() {
        let text = "\u{20ac} French President \u{c9}mile Zo\u{e9} said \u{201C}\u{e7}a va\u{201D}.";
        let mut a = sample(text);
        // every relation type, and every optional role both filled and not
        let span = a.relations[0].evidence;
        let kinds = [
            RelationKind::HoldsOffice {
                person: 2,
                office: 1,
                country: None,
                organization: Some(0),
                qualifier: None,
            },
            RelationKind::Talks {
                participants: vec![0, 2],
                place: Some(0),
                date: Some(span),
            },
            RelationKind::Talks {
                participants: vec![],
                place: None,
                date: None,
            },
            RelationKind::LocatedIn {
                place: 0,
                location: 1,
                from_lexicon: true,
            },
            RelationKind::LocatedIn {
                place: 1,
                location: 0,
                from_lexicon: false,
            },
            RelationKind::Administers {
                country: 0,
                place: 1,
            },
            RelationKind::Claims {
                country: 0,
                place: 1,
            },
            RelationKind::MemberOf {
                person: 2,
                organization: 0,
            },
        ];
        for kind in kinds {
            a.relations.push(Relation {
                kind,
                sentence: 0,
                evidence: span,
            });
        }
        a.quotes.push(Quote {
            start: 0,
            end: 3,
            sentence: 0,
            speaker: None,
            cue: None,
        });
        a.entities[0].name = "quote \" back \\ slash / tab\t nl\n cr\r bs\u{8} ff\u{c} nul\u{0} us\u{1f} del\u{7f} \u{2028}".into();
        a.entities[0].place_kind = Some("city");
        let id = Value::from("a\"b");
        assert_compact_matches_serde(
            &a,
            Origin {
                source: Some("dir\\x.jsonl"),
                id: Some(&id),
            },
        );
        // strings of every length around the four-, eight- and sixteen-byte steps, each
        // escape at each place
        for len in 0..36 {
            for at in 0..len {
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', '\u{7f}', '\u{e9}'] {
                    let mut name: String =
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"[..len].to_string();
                    name.replace_range(at..at + 1, c.encode_utf8(&mut [0; 4]));
                    a.entities[1].name = name.into();
                    assert_compact_matches_serde(&a, Origin::default());
                }
            }
        }
        // an entity with no mentions, last and then first; then none at all
        let mentions = std::mem::take(&mut a.entities[2].mentions);
        assert_compact_matches_serde(&a, Origin::default());
        a.entities.swap(0, 2);
        assert_compact_matches_serde(&a, Origin::default());
        a.entities[0].mentions = mentions;
        a.relations.clear();
        a.quotes.clear();
        a.entities.clear();
        assert_compact_matches_serde(&a, Origin::default());
    }

    /// The escape test agrees with a byte at a time on every byte value at every place of
    /// strings of every length up to 40.
    #[test]
    fn needs_escape_agrees_with_a_byte_at_a_time() {
        let plain = |s: &[u8]| s.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        for len in 0..40 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut s = vec![b'a'; len];
                    s[at] = b;
                    assert_eq!(compact::needs_escape(&s), plain(&s), "{s:?}");
                    s[0] = 0xFF; // a high byte before does not hide one after
                    assert_eq!(compact::needs_escape(&s), plain(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn empty_document_has_every_array() {
        let a = crate::Analyzer::new().analyze("");
        let mut buf = Vec::new();
        let id = Value::from(7);
        write_json(
            &mut buf,
            &a,
            Origin {
                source: None,
                id: Some(&id),
            },
            Options::default(),
            Layout::Compact,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\"version\":1,\"id\":7,\"sentences\":[],\"entities\":[],\"relations\":[],\"quotes\":[]}\n"
        );
    }

    #[test]
    fn error_record() {
        let mut buf = Vec::new();
        write_error(
            &mut buf,
            Origin {
                source: Some("a.txt"),
                id: None,
            },
            None,
            "not UTF-8 text",
            Layout::Compact,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            "{\"version\":1,\"source\":\"a.txt\",\"error\":\"not UTF-8 text\"}\n"
        );
    }

    #[test]
    fn text_summary_reads_as_sentences() {
        let text = "€ French President Émile Zoé said \u{201C}ça va\u{201D}.";
        let a = sample(text);
        let mut buf = Vec::new();
        write_text(
            &mut buf,
            &a,
            Origin {
                source: Some("a.txt"),
                id: None,
            },
        )
        .unwrap();
        let s = String::from_utf8(buf).unwrap();
        assert!(
            s.starts_with("a.txt: 1 sentences, 3 entities, 1 relations, 1 quotes"),
            "{s}"
        );
        assert!(s.contains("  France [FR]  x1"), "{s}");
        assert!(s.contains("Émile Zoé is former President of France"), "{s}");
        assert!(s.contains("Émile Zoé (said): \u{201C}ça va\u{201D}"), "{s}");
    }
}
