//! `administers` and `claims`: who controls a disputed territory and who claims it.
//!
//! Shapes: passives after the territory ("islands administered by Chile and claimed by
//! Peru"), hyphenated modifiers ("the Peru-controlled islets"), active verbs ("Chile claims
//! the islands", "Chile lays claim to / claims sovereignty over the islands", "the islands,
//! which Peru claims"), and possessive nouns ("Chile's claim to the islands"). The agent must
//! be a country; the territory a place. For a passive, the territory is the subject of the
//! phrase, not a place the description mentions on the way ("the islets in the Coral Sea
//! administered by ..." locates the islets, not the sea).

use crate::entities::EntityType;

use super::{Doc, Ment, Relation, RelationKind, WordSet, ascii_lower};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Act {
    Administers,
    Claims,
}

/// The participles of a passive act ("Peru-controlled", "administered by Japan") and the act.
const PARTICIPLES: [(&str, Act); 6] = [
    ("administered", Act::Administers),
    ("controlled", Act::Administers),
    ("occupied", Act::Administers),
    ("governed", Act::Administers),
    ("ruled", Act::Administers),
    ("claimed", Act::Claims),
];

/// `lw`: a lower-cased word.
fn passive_act(lw: &str) -> Option<Act> {
    PARTICIPLES
        .iter()
        .find(|(p, _)| *p == lw)
        .map(|&(_, act)| act)
}

/// Whether `text` starts with one of [`PARTICIPLES`], whatever its ASCII case.
fn before_participle(text: &[u8]) -> bool {
    // (most words are turned away by their first letter)
    matches!(
        text.first().map(|b| b | 0x20),
        Some(b'a' | b'c' | b'o' | b'g' | b'r')
    ) && PARTICIPLES.iter().any(|(p, _)| {
        text.get(..p.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// `lw`: a lower-cased word.
fn active_act(lw: &str) -> Option<Act> {
    match lw {
        "administers" | "administer" | "controls" | "control" | "occupies" | "occupy"
        | "governs" => Some(Act::Administers),
        "claims" | "claim" | "claimed" => Some(Act::Claims),
        _ => None,
    }
}

/// Every word a pattern here turns on: the verbs of [`passive_act`] and [`active_act`],
/// and "claim" / "claims" ("Chile's claim to").
pub(crate) static VERBS: WordSet = WordSet::new(&[
    "administer",
    "administered",
    "administers",
    "claim",
    "claimed",
    "claims",
    "control",
    "controlled",
    "controls",
    "governed",
    "governs",
    "occupied",
    "occupies",
    "occupy",
    "ruled",
])
.at(35);

/// Words between an active verb and the territory: "claims sovereignty over the".
pub(crate) static OBJECT_GAP: WordSet = WordSet::new(&[
    "all",
    "of",
    "over",
    "sovereignty",
    "the",
    "to",
    "lays",
    "claim",
    "much",
    "part",
    "parts",
]);

/// Prepositions that make a place part of a description rather than its subject.
pub(crate) static LOCATIVE: WordSet = WordSet::new(&[
    "across", "in", "near", "of", "off", "to", "inside", "within",
])
.at(34);

/// Finds administers and claims relations.
pub(crate) fn extract(doc: &Doc) -> Vec<Relation> {
    let mut out = Vec::new();
    // a sentence with none of the verbs may still hold "Peru-controlled": the tokens that
    // may, found from the hyphens of the text (few) rather than by reading every token
    let mut participles: Vec<usize> = Vec::new();
    let mut k = 0;
    let text = doc.text.as_bytes();
    for_each_hyphen(text, |at| {
        // a hyphen makes one only before one of the participles (and most hyphens are in
        // dates and other compounds): it is the last hyphen of a word that ends with one
        if !before_participle(&text[at + 1..]) {
            return;
        }
        // the token at the hyphen: hyphens come in text order, and so do tokens, so it is
        // found by halving the tokens after the last one found
        k += doc
            .tokens
            .get(k..)
            .map_or(0, |rest| rest.partition_point(|t| t.end <= at));
        if participles.last() != Some(&k) && hyphenated_participle(doc.bytes(k)) {
            participles.push(k);
        }
    });
    for si in 0..doc.sentences.len() {
        let r = doc.sent_tokens(si);
        let from = participles.partition_point(|&k| k < r.start);
        let here = &participles[from..];
        let here = &here[..here.partition_point(|&k| k < r.end)];
        if here.is_empty() && !doc.sentence_has(si, &VERBS) {
            continue;
        }
        for i in r.clone() {
            if !(doc.is(i, &VERBS) || here.binary_search(&i).is_ok()) {
                continue;
            }
            let mut buf = [0u8; 32];
            let w = ascii_lower(doc.word(i), &mut buf);
            // "administered by X and claimed by Y"
            if let (Some(act), true) = (passive_act(&w), doc.is(i + 1, &["by"])) {
                let agents = countries_at(doc, i + 2, r.end);
                if let Some(place) = subject_place(doc, si, i) {
                    for c in &agents {
                        push(
                            &mut out,
                            act,
                            c,
                            &place,
                            si,
                            doc,
                            place.first.min(i),
                            c.last,
                        );
                    }
                }
                continue;
            }
            // "the Peru-controlled islets"
            if let Some((_, tail)) = w.rsplit_once('-')
                && let Some(act) = passive_act(tail)
            {
                let c = doc
                    .mentions(si)
                    .iter()
                    .find(|m| m.kind == EntityType::Country && m.first == i)
                    .copied();
                let place = (i + 1..(i + 4).min(r.end))
                    .find_map(|k| doc.starting_of(k, &[EntityType::Place]));
                if let (Some(c), Some(p)) = (c, place) {
                    push(&mut out, act, &c, &p, si, doc, i, p.last);
                }
                continue;
            }
            // "Chile's claim to the islands"
            if doc.is(i, &["claim", "claims"])
                && i > r.start
                && doc.is_possessive(i - 1)
                && doc.is(i + 1, &["to", "over", "on"])
            {
                let Some(c) = doc.ending_of(i - 1, &[EntityType::Country]) else {
                    continue;
                };
                let j = if doc.is(i + 2, &["the"]) {
                    i + 3
                } else {
                    i + 2
                };
                if let Some(p) = doc.starting_of(j, &[EntityType::Place]) {
                    push(&mut out, Act::Claims, &c, &p, si, doc, c.first, p.last);
                }
                continue;
            }
            // "Chile claims the islands", "which Peru claims"
            if let Some(act) = active_act(&w) {
                let mut k = i;
                while k > r.start
                    && doc.is(
                        k - 1,
                        &["also", "still", "long", "has", "have", "now", "both"],
                    )
                {
                    k -= 1;
                }
                let Some(c) = doc.ending_of(k, &[EntityType::Country]) else {
                    continue;
                };
                if c.first < r.start {
                    continue;
                }
                if c.first >= 2 && doc.is(c.first - 1, &["which", "that"]) && c.first - 1 > r.start
                {
                    let before = if doc.is(c.first - 2, &[","]) {
                        c.first - 2
                    } else {
                        c.first - 1
                    };
                    if let Some(p) = doc.ending_of(before, &[EntityType::Place]) {
                        push(&mut out, act, &c, &p, si, doc, p.first, i + 1);
                        continue;
                    }
                }
                let mut j = i + 1;
                while j < r.end && j < i + 5 && doc.is(j, &OBJECT_GAP) {
                    j += 1;
                }
                if let Some(p) = doc.starting_of(j, &[EntityType::Place]) {
                    push(&mut out, act, &c, &p, si, doc, c.first, p.last);
                }
                continue;
            }
        }
    }
    super::dedup(out)
}

/// Calls `f` with the offset of each `-` in `text`, in order. A document has few hyphens
/// (dates, compounds), and most of its bytes are passed sixteen at a time.
fn for_each_hyphen(text: &[u8], mut f: impl FnMut(usize)) {
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    while let Some(chunk) = text.get(i..i + 16) {
        let mut marks = crate::text::byte_marks(chunk.try_into().expect("16 bytes"), b'-');
        while marks != 0 {
            f(i + marks.trailing_zeros() as usize);
            marks &= marks - 1;
        }
        i += 16;
    }
    for (at, &b) in text.iter().enumerate().skip(i) {
        if b == b'-' {
            f(at);
        }
    }
}

/// Whether `w` may be "Peru-controlled": hyphenated, and ending in "-ed" as every verb of
/// [`passive_act`] does.
fn hyphenated_participle(b: &[u8]) -> bool {
    b.len() > 3 && b[b.len() - 2..].eq_ignore_ascii_case(b"ed") && b.contains(&b'-')
}

#[allow(clippy::too_many_arguments)]
fn push(
    out: &mut Vec<Relation>,
    act: Act,
    c: &Ment,
    p: &Ment,
    si: usize,
    doc: &Doc,
    a: usize,
    b: usize,
) {
    let (country, place) = (c.entity, p.entity);
    let kind = match act {
        Act::Administers => RelationKind::Administers { country, place },
        Act::Claims => RelationKind::Claims { country, place },
    };
    out.push(Relation {
        kind,
        sentence: si,
        evidence: doc.span(a, b),
    });
}

/// Countries at `j`: "China", "China and Taiwan", "both China and Taiwan".
fn countries_at(doc: &Doc, mut j: usize, hi: usize) -> Vec<Ment> {
    let mut out = Vec::new();
    if doc.is(j, &["both"]) {
        j += 1;
    }
    while j < hi && out.len() < 6 {
        if doc.is(j, &["the"]) {
            j += 1;
        }
        let Some(c) = doc.starting_of(j, &[EntityType::Country]) else {
            break;
        };
        out.push(c);
        j = c.last;
        if doc.is(j, &["and", ","]) {
            j += 1;
            if doc.is(j, &["and"]) {
                j += 1;
            }
        } else {
            break;
        }
    }
    out
}

/// The territory a passive at token `v` is about: the nearest place before it that is not
/// inside a locative phrase, else the nearest place before it.
fn subject_place(doc: &Doc, si: usize, v: usize) -> Option<Ment> {
    let before: Vec<Ment> = doc
        .mentions(si)
        .iter()
        .filter(|m| m.kind == EntityType::Place && m.last <= v && !doc.is_possessive(m.last))
        .copied()
        .collect();
    let locative = |m: &Ment| {
        let k = if m.first > 0 && doc.is(m.first - 1, &["the"]) {
            m.first - 1
        } else {
            m.first
        };
        k > 0 && doc.is(k - 1, &LOCATIVE)
    };
    before
        .iter()
        .rev()
        .find(|m| !locative(m))
        .or(before.last())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::relations::Doc;

    fn run(text: &str, specs: &[(&str, EntityType)]) -> Vec<String> {
        let b = build(text, specs);
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        extract(&doc)
            .iter()
            .map(|r| match r.kind {
                RelationKind::Administers { country, place } => {
                    format!("{} administers {}", n(&b, country), n(&b, place))
                }
                RelationKind::Claims { country, place } => {
                    format!("{} claims {}", n(&b, country), n(&b, place))
                }
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn participles_are_the_passive_acts() {
        for (w, _) in PARTICIPLES {
            assert!(passive_act(w).is_some(), "{w}");
            assert!(before_participle(w.as_bytes()), "{w}");
            assert!(before_participle(w.to_uppercase().as_bytes()), "{w}");
            assert!(!before_participle(&w.as_bytes()[1..]), "{w}");
        }
        for w in ["", "armed", "rule", "claims", "occupy", "Governing"] {
            assert!(
                passive_act(w).is_none() && !before_participle(w.as_bytes()),
                "{w}"
            );
        }
    }

    #[test]
    fn hyphens_found_as_a_search_finds_them() {
        let texts = [
            "",
            "-",
            "no hyphen here at all, none",
            "Peru-controlled islets, 1996-08-30 - a date -- and a dash-",
            "a long run of text before the one hyphen at the very end of it all: x-",
            "\u{2013} en dash, \u{2014} em dash, and one-hyphen, \u{00e9}t\u{00e9}-ann\u{00e9}e",
        ];
        for text in texts {
            for cut in 0..text.len().min(40) {
                let t = &text.as_bytes()[cut..];
                let mut got = Vec::new();
                for_each_hyphen(t, |at| got.push(at));
                let want: Vec<usize> = (0..t.len()).filter(|&i| t[i] == b'-').collect();
                assert_eq!(got, want, "{text:?} from {cut}");
            }
        }
    }

    #[test]
    fn territory_table() {
        let isl = ("Hans Island", L);
        let cases: &[Case] = &[
            (
                "Hans Island is a barren rock in the Nares Strait administered by Canada and claimed by Denmark.",
                &[isl, ("Nares Strait", L), ("Canada", C), ("Denmark", C)],
                &[
                    "Canada administers Hans Island",
                    "Denmark claims Hans Island",
                ],
            ),
            (
                "Denmark claims sovereignty over Hans Island.",
                &[isl, ("Denmark", C)],
                &["Denmark claims Hans Island"],
            ),
            (
                "Patrols near Hans Island, which Denmark also claims, grew.",
                &[isl, ("Denmark", C)],
                &["Denmark claims Hans Island"],
            ),
            (
                "Boats circled the Canada-controlled Hans Island.",
                &[isl, ("Canada", C)],
                &["Canada administers Hans Island"],
            ),
            (
                "Denmark's claim to Hans Island is old.",
                &[isl, ("Denmark", C)],
                &["Denmark claims Hans Island"],
            ),
            (
                "The island is claimed by both Canada and Denmark, officials said of Hans Island.",
                &[isl, ("Canada", C), ("Denmark", C)],
                &[],
            ),
            // negatives
            (
                "Denmark claimed the vote was rigged.",
                &[("Denmark", C)],
                &[],
            ),
            (
                "The funds are administered by Canada.",
                &[("Canada", C)],
                &[],
            ),
            (
                "Hans Island was visited by Canada's minister.",
                &[isl, ("Canada", C)],
                &[],
            ),
        ];
        for (text, specs, want) in cases {
            assert_eq!(run(text, specs), *want, "{text}");
        }
    }
}
