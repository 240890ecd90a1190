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
use crate::text::CharOffsets;

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
    chars: CharOffsets<'a>,
    opts: Options,
    entities: &'a [Entity],
}

impl<'a> Wiring<'a> {
    fn offsets(
        &mut self,
        start: usize,
        end: usize,
    ) -> (usize, usize, Option<usize>, Option<usize>) {
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
        chars: CharOffsets::new(a.text),
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
pub fn write_json<W: Write>(
    out: &mut W,
    a: &Analysis<'_>,
    origin: Origin<'_>,
    opts: Options,
    layout: Layout,
) -> io::Result<()> {
    write_value(out, &document(a, origin, opts), layout)
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
                .map_or("(unattributed)", |s| a.entities[s].name.as_str());
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
    let n = |i: usize| entities[i].name.as_str();
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
