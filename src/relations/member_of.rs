//! `member_of`: a person and the party, cabinet, team, company or other body they belong to.
//!
//! Shapes: an organization modifying a role noun before a name ("Labour lawmaker Ann Bell",
//! "Surrey captain Tom Cole"); an apposition with a role noun ("Ann Bell, a member / senior
//! official of the Labour Party,"); and verbs ("X joined the Y", "X is a member of the Y", "X
//! plays for Y", "X works for Y"). Offices the entity stage recognised ("CEO", "Secretary-
//! General") are `holds_office`, not membership. A possessive ("Sato's cabinet said") says
//! nothing about membership and never makes one.

use crate::entities::EntityType;

use super::{Doc, Ment, Relation, RelationKind, WordSet};

/// Nouns naming a member's role, which are not offices in the lexicon's sense.
pub(crate) static ROLE_NOUNS: WordSet = WordSet::new(&[
    "activist",
    "adviser",
    "advisor",
    "aide",
    "all-rounder",
    "analyst",
    "backbencher",
    "batsman",
    "boss",
    "bowler",
    "captain",
    "coach",
    "colleague",
    "defender",
    "delegate",
    "director",
    "economist",
    "employee",
    "engineer",
    "executive",
    "forward",
    "goalkeeper",
    "lawmaker",
    "lawmakers",
    "legislator",
    "manager",
    "member",
    "midfielder",
    "official",
    "opener",
    "owner",
    "player",
    "researcher",
    "senator",
    "skipper",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staffer",
    "strategist",
    "striker",
    "team-mate",
    "teammate",
    "veteran",
    "winger",
    "worker",
])
.at(14);

/// Adjectives that may precede the role noun: "a senior official".
pub(crate) static ROLE_ADJECTIVES: WordSet = WordSet::new(&[
    "a",
    "an",
    "the",
    "senior",
    "junior",
    "former",
    "longtime",
    "veteran",
    "prominent",
    "leading",
    "founding",
    "top",
    "young",
    "star",
    "key",
])
.at(13);

/// Verbs linking a person to a body: "joined", "plays for".
const JOINING: &[(&str, &str)] = &[
    ("joined", ""),
    ("joins", ""),
    ("rejoined", ""),
    ("plays", "for"),
    ("played", "for"),
    ("works", "for"),
    ("worked", "for"),
    ("works", "at"),
    ("worked", "at"),
    ("represents", ""),
    ("represented", ""),
];

/// The verbs of [`JOINING`].
pub(crate) static JOINING_VERBS: WordSet = WordSet::new(&[
    "joined",
    "joins",
    "played",
    "plays",
    "rejoined",
    "represented",
    "represents",
    "worked",
    "works",
])
.at(12);

/// Auxiliaries and adverbs between a member and the verb: "has also joined".
pub(crate) static AUX: WordSet = WordSet::new(&[
    "also", "had", "has", "have", "later", "once", "recently", "still", "will",
])
.at(10);

/// Verbs before "a member of": "is", "became".
pub(crate) static BEING: WordSet =
    WordSet::new(&["became", "been", "has", "is", "remains", "was"]).at(11);

/// Finds member_of relations.
pub(crate) fn extract(doc: &Doc) -> Vec<Relation> {
    let mut out = Vec::new();
    for si in 0..doc.sentences.len() {
        let mentions = doc.mentions(si);
        let hi = doc.sent_tokens(si).end;
        for p in mentions.iter().filter(|m| m.kind == EntityType::Person) {
            premodified(doc, si, p, &mut out);
            apposition(doc, si, p, hi, &mut out);
            verb(doc, si, p, hi, &mut out);
        }
    }
    super::dedup(out)
}

fn push(out: &mut Vec<Relation>, doc: &Doc, si: usize, p: &Ment, o: &Ment) {
    let kind = RelationKind::MemberOf {
        person: p.entity,
        organization: o.entity,
    };
    let evidence = doc.cover(p, o);
    out.push(Relation {
        kind,
        sentence: si,
        evidence,
    });
}

/// "Labour lawmaker Ann Bell".
fn premodified(doc: &Doc, si: usize, p: &Ment, out: &mut Vec<Relation>) {
    let mut k = p.first;
    let mut roles = 0;
    while k > 0 && roles < 2 && doc.is(k - 1, &ROLE_NOUNS) {
        k -= 1;
        roles += 1;
    }
    if roles == 0 {
        return;
    }
    if let Some(o) = doc.ending_of(k, &[EntityType::Organization])
        && o.sentence == si
    {
        push(out, doc, si, p, &o);
    }
}

/// "Ann Bell, a senior official of the Labour Party".
fn apposition(doc: &Doc, si: usize, p: &Ment, hi: usize, out: &mut Vec<Relation>) {
    if !doc.is(p.last, &[","]) {
        return;
    }
    let mut k = p.last + 1;
    while k < hi && doc.is(k, &ROLE_ADJECTIVES) {
        k += 1;
    }
    if !doc.is(k, &ROLE_NOUNS) {
        return;
    }
    k += 1;
    if let Some(o) = body_at(doc, k, hi, &["of", "from", "at", "for", "with", "in"]) {
        push(out, doc, si, p, &o);
    }
}

/// "X joined the Y", "X is a member of the Y", "X plays for Y".
fn verb(doc: &Doc, si: usize, p: &Ment, hi: usize, out: &mut Vec<Relation>) {
    let mut k = p.last;
    if doc.is(k, &[","]) && doc.is(k + 1, &["who"]) {
        k += 2;
    } else if doc.is(k, &["who"]) {
        k += 1;
    }
    while k < hi && doc.is(k, &AUX) {
        k += 1;
    }
    if doc.is(k, &BEING) {
        let mut j = k + 1;
        while j < hi && doc.is(j, &ROLE_ADJECTIVES) {
            j += 1;
        }
        if doc.is(j, &["member", "members"])
            && let Some(o) = body_at(doc, j + 1, hi, &["of"])
        {
            push(out, doc, si, p, &o);
        }
        return;
    }
    if !doc.is(k, &JOINING_VERBS) {
        return;
    }
    for (v, prep) in JOINING {
        if doc.is(k, &[*v]) {
            let preps: &[&str] = if prep.is_empty() {
                &[]
            } else {
                std::slice::from_ref(prep)
            };
            let o = if preps.is_empty() {
                body_at(doc, k + 1, hi, &[])
            } else {
                body_at(doc, k + 1, hi, preps)
            };
            if let Some(o) = o {
                push(out, doc, si, p, &o);
            }
            return;
        }
    }
}

/// An organization at `k`, after one of `preps` (none needed when empty) and an optional
/// "the".
fn body_at(doc: &Doc, mut k: usize, hi: usize, preps: &[&str]) -> Option<Ment> {
    if !preps.is_empty() {
        if !doc.is(k, preps) {
            return None;
        }
        k += 1;
    }
    if doc.is(k, &["the"]) {
        k += 1;
    }
    let o = doc.starting_of(k, &[EntityType::Organization])?;
    (o.last <= hi && !doc.is_possessive(o.last)).then_some(o)
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
                RelationKind::MemberOf {
                    person,
                    organization,
                } => format!("{} in {}", n(&b, person), n(&b, organization)),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn joining_verbs_are_the_verbs_of_joining() {
        let mut verbs: Vec<&str> = JOINING.iter().map(|(v, _)| *v).collect();
        verbs.sort_unstable();
        verbs.dedup();
        let mut set = JOINING_VERBS.words().to_vec();
        set.sort_unstable();
        assert_eq!(verbs, set);
    }

    #[test]
    fn member_of_table() {
        let ann = ("Ann Bell", P);
        let lab = ("Labour Party|Labour", G);
        let cases: &[Case] = &[
            (
                "Labour lawmaker Ann Bell resigned.",
                &[ann, lab],
                &["Ann Bell in Labour Party"],
            ),
            (
                "Ann Bell, a senior official of the Labour Party, resigned.",
                &[ann, lab],
                &["Ann Bell in Labour Party"],
            ),
            (
                "Ann Bell joined the Labour Party in 1990.",
                &[ann, lab],
                &["Ann Bell in Labour Party"],
            ),
            (
                "Ann Bell, who is a founding member of the Labour Party, spoke.",
                &[ann, lab],
                &["Ann Bell in Labour Party"],
            ),
            (
                "Ann Bell plays for Surrey.",
                &[ann, ("Surrey", G)],
                &["Ann Bell in Surrey"],
            ),
            (
                "Surrey coach Ann Bell said the side was tired.",
                &[ann, ("Surrey", G)],
                &["Ann Bell in Surrey"],
            ),
            (
                "Labour adviser Ann Bell said the vote was close.",
                &[ann, lab],
                &["Ann Bell in Labour Party"],
            ),
            // negatives
            (
                "Ann Bell's cabinet said the plan would go ahead.",
                &[ann, ("cabinet", G)],
                &[],
            ),
            ("Ann Bell criticized the Labour Party.", &[ann, lab], &[]),
            (
                "Ann Bell, a critic of the Labour Party, spoke.",
                &[ann, lab],
                &[],
            ),
            ("Ann Bell joined Labour's critics.", &[ann, lab], &[]),
        ];
        for (text, specs, want) in cases {
            assert_eq!(run(text, specs), *want, "{text}");
        }
    }
}
