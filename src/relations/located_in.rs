//! `located_in`: a place and the larger place or country it lies in.
//!
//! From the text: "A in the B", "A off the coast of B", "A near B" is not enough (near is not
//! in); "A, B" when B is a country or a region ("Osaka, Japan"; "Austin, Texas") or A a
//! venue and B its city ("Azteca Stadium, Mexico City"); and a place
//! as subject of a copula or apposition with the location in its complement ("The Farallon
//! Islands are a chain of rocks off the coast of California", "Sable, a sandbar in the
//! Atlantic"). Only places (not countries) are located, and only in places or countries.
//!
//! From the lexicon: a city or first-level division whose country the built-in gazetteer
//! knows, when that country is an entity of the document, the text itself did not already
//! say where the place is, and the text uses the place as a place (after "in", "at", "to",
//! "visited", or as a dateline), not as a metonym for its government ("pressure from
//! Washington"); these carry `from_lexicon: true`, since the article never states them.

use crate::lexicon::Lexicon;
use std::cell::RefCell;

use crate::entities::{EntityType, MentionForm, is_division_word};

use super::talks::{ROLE_NOUNS, SIDES_NOUNS};
use super::{Doc, FastMap, MAX_PAIRS_PER_SENTENCE, Ment, Relation, RelationKind, Span, WordSet};

/// Verbs that make a place the subject of a location statement.
pub(crate) static LOCATING: WordSet = WordSet::new(&[
    "are", "is", "lie", "lies", "located", "sit", "sits", "situated", "was", "were",
])
.at(8);

/// How many tokens of description may stand between the subject place and "in".
const DESCRIPTION_REACH: usize = 8;

/// Kinds of place that lie inside a city: "Edgbaston, Birmingham".
const VENUE_KINDS: &[&str] = &[
    "building",
    "district",
    "landmark",
    "neighborhood",
    "neighbourhood",
    "stadium",
    "venue",
];

/// Kinds of settlement.
const CITY_KINDS: &[&str] = &["capital", "city", "town"];

/// Place kinds that can follow a city after a comma: "Austin, Texas".
const REGION_KINDS: &[&str] = &[
    "state",
    "province",
    "region",
    "prefecture",
    "county",
    "island",
    "territory",
];

/// Finds located_in relations. `lexicon_country` gives the ISO code of the country a
/// place lies in, by the place's canonical name, when a gazetteer knows it.
pub(crate) fn extract(doc: &Doc, lexicon: &Lexicon) -> Vec<Relation> {
    extract_with(doc, |name| remembered_country(lexicon, name))
}

/// How many names [`remembered_country`] keeps before it starts afresh, which bounds its
/// memory on a long batch.
const MEMO_SIZE: usize = 1 << 14;

/// [`lexicon_country`], remembered per thread for the built-in lexicon, which never
/// changes: the same cities come up document after document, and each look-up costs a
/// tokenization and a search of the gazetteer. Other lexicons are searched every time.
fn remembered_country(lexicon: &Lexicon, name: &str) -> Option<&'static str> {
    thread_local! {
        static MEMO: RefCell<FastMap<Box<str>, Option<&'static str>>> =
            RefCell::new(FastMap::default());
    }
    if !std::ptr::eq(lexicon, Lexicon::builtin()) {
        return lexicon_country(lexicon, name);
    }
    if let Some(known) = MEMO.with_borrow(|memo| memo.get(name).copied()) {
        return known;
    }
    let found = lexicon_country(lexicon, name);
    MEMO.with_borrow_mut(|memo| {
        if memo.len() >= MEMO_SIZE {
            memo.clear();
        }
        memo.insert(name.into(), found);
    });
    found
}

/// Place kinds whose country the lexicon may supply: settlements and first-level divisions,
/// not seas, islands or regions, whose country is often the very thing in dispute.
const LEXICON_KINDS: &[&str] = &["capital", "city", "town", "state", "province", "prefecture"];

/// The country the lexicon (built-in plus the user's entries) puts a place in, when the
/// whole name is one entry of a settlement or division kind.
fn lexicon_country(lexicon: &Lexicon, name: &str) -> Option<&'static str> {
    let tokens = crate::tokenize::tokenize(name);
    lexicon
        .find(name, &tokens)
        .into_iter()
        .filter(|m| m.start == 0 && m.end == name.len())
        .flat_map(|m| m.entries)
        .find_map(|e| match e {
            crate::lexicon::Entry::Place { kind, country, .. } if LEXICON_KINDS.contains(&kind) => {
                country
            }
            _ => None,
        })
}

/// [`extract`] with a gazetteer lookup for the lexicon-backed facts.
pub(crate) fn extract_with(
    doc: &Doc,
    lexicon_country: impl Fn(&str) -> Option<&'static str>,
) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    for si in 0..doc.sentences.len() {
        let mentions = doc.mentions(si);
        let hi = doc.sent_tokens(si).end;
        let sentence_start = out.len();
        for a in mentions
            .iter()
            .filter(|m| m.kind == EntityType::Place)
            .take(MAX_PAIRS_PER_SENTENCE)
        {
            if doc.is_possessive(a.last) || named_in_aside(doc, a) {
                continue;
            }
            if let Some((b, end)) =
                after_preposition(doc, a.last, hi).or_else(|| after_comma(doc, a, hi))
            {
                push(
                    &mut out,
                    a,
                    &b,
                    si,
                    Span {
                        start: a.start,
                        end: doc.tokens[end - 1].end,
                    },
                );
                continue;
            }
            if let Some(b) = premodified(doc, a, doc.sent_tokens(si).start) {
                // "the Ukrainian city of Kharkiv": a demonym stands for its country here
                let evidence = Span {
                    start: b.start,
                    end: a.end,
                };
                push_with(&mut out, a, &b, si, evidence, true);
                continue;
            }
            if let Some((b, end)) = described(doc, a.last, hi) {
                push(
                    &mut out,
                    a,
                    &b,
                    si,
                    Span {
                        start: a.start,
                        end: doc.tokens[end - 1].end,
                    },
                );
            }
        }
        names_by_country(&mut out, sentence_start);
    }
    // the lexicon's knowledge, for places the text does not locate, in a country the
    // document names (none named: nothing to look up)
    // (sorted lists, not hash tables: a document names a few, and sorting them builds no
    // table; the first entity of a country is the one kept)
    let mut countries: Vec<(&str, usize)> = doc
        .entities
        .iter()
        .enumerate()
        .filter_map(|(ci, c)| match (c.kind, c.iso) {
            (EntityType::Country, Some(iso)) => Some((iso, ci)),
            _ => None,
        })
        .collect();
    if countries.is_empty() {
        return super::dedup(out);
    }
    countries.sort_by_key(|&(iso, _)| iso);
    countries.dedup_by_key(|&mut (iso, _)| iso);
    let mut located: Vec<usize> = out
        .iter()
        .filter_map(|r| match r.kind {
            RelationKind::LocatedIn { place, .. } => Some(place),
            _ => None,
        })
        .collect();
    located.sort_unstable();
    for (pi, e) in doc.entities.iter().enumerate() {
        if e.kind != EntityType::Place || located.binary_search(&pi).is_ok() {
            continue;
        }
        // only a place the text uses as a place: a capital standing for its government
        // ("pressure from Washington") is not where anything happens
        let Some(m) = e
            .mentions
            .iter()
            .find(|m| m.form != MentionForm::Metonym && used_as_place(doc, m))
        else {
            continue;
        };
        let Some(iso) = lexicon_country(&e.name) else {
            continue;
        };
        let Ok(at) = countries.binary_search_by_key(&iso, |&(c, _)| c) else {
            continue;
        };
        let ci = countries[at].1;
        out.push(Relation {
            kind: RelationKind::LocatedIn {
                place: pi,
                location: ci,
                from_lexicon: true,
            },
            sentence: m.sentence,
            evidence: Span {
                start: m.start,
                end: m.end,
            },
        });
    }
    super::dedup(out)
}

/// Whether a place is named in an aside, ", called Dokdo in South Korea", "(known as X in
/// Y)", ", called Takeshima in Japan and Dokdo in South Korea": the name one country uses,
/// which says nothing of where the place is ("a village called X in Y", without the comma,
/// does).
fn named_in_aside(doc: &Doc, a: &Ment) -> bool {
    let opens = |i: usize| doc.is(i, &[",", "(", "also"]);
    let naming = |k: usize| {
        (k >= 2 && doc.is(k - 1, &["called", "dubbed"]) && opens(k - 2))
            || (k >= 3 && doc.is(k - 1, &["as"]) && doc.is(k - 2, &["known"]) && opens(k - 3))
    };
    // (the first name of the aside, past "X in Y and" before this one)
    let mut k = a.first;
    for _ in 0..2 {
        if naming(k) {
            return true;
        }
        let Some(first) = (k.saturating_sub(7)..k)
            .rev()
            .take_while(|&t| !doc.is(t, &[",", ";", "."]))
            .find(|&t| doc.is(t, &["and"]) && t >= 3 && doc.is(t - 2, &["in"]))
            .and_then(|t| doc.ending_of(t - 2, &[EntityType::Place]))
        else {
            return false;
        };
        k = first.first;
    }
    false
}

/// Drops what a sentence's relations from `from` on say of a place they put in two places:
/// "islets called Takeshima in Japan and Dokdo in South Korea" names one place as each country
/// calls it, and locates it in neither.
fn names_by_country(out: &mut Vec<Relation>, from: usize) {
    let place_of = |r: &Relation| match r.kind {
        RelationKind::LocatedIn {
            place, location, ..
        } => (place, location),
        _ => (usize::MAX, usize::MAX),
    };
    if out.len() - from < 2 {
        return;
    }
    let two_places = |p: usize, l: usize| {
        out[from..]
            .iter()
            .any(|r| place_of(r).0 == p && place_of(r).1 != l)
    };
    let drop: Vec<bool> = out[from..]
        .iter()
        .map(|r| {
            let (p, l) = place_of(r);
            two_places(p, l)
        })
        .collect();
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        k <= from || !drop[k - 1 - from]
    });
}

/// Prepositions and verbs after which a name is a location.
pub(crate) static LOCATIVE: WordSet = WordSet::new(&[
    "across", "around", "at", "in", "inside", "into", "near", "outside", "to", "toward", "towards",
    "visit", "visited", "visiting", "visits",
])
.at(9);

/// Whether a mention stands where a location does: after a locative word, or as a dateline
/// ("BERLIN, March 14 --", "OSAKA, Japan").
fn used_as_place(doc: &Doc, m: &crate::entities::Mention) -> bool {
    let first = m.tokens.start;
    let s = &doc.sentences[m.sentence];
    let dateline = first == s.tokens.start
        && doc.is(m.tokens.end, &[","])
        && doc.text[m.start..m.end].chars().all(|c| !c.is_lowercase());
    let mut k = first;
    if k > 0 && doc.is(k - 1, &["the"]) {
        k -= 1;
    }
    dateline
        || (k > s.tokens.start && doc.is(k - 1, &LOCATIVE))
        || (first > s.tokens.start && after_place_noun(doc, first - 1))
}

/// Nouns for a kind of place that "of" and a name follow: "the city of Kharkiv".
static PLACE_NOUNS: WordSet = WordSet::new(&[
    "capital", "city", "district", "enclave", "island", "port", "province", "region", "state",
    "town", "village",
]);

/// Whether token `i` is "of" after one of [`PLACE_NOUNS`], its place's name following.
fn after_place_noun(doc: &Doc, i: usize) -> bool {
    i > 0 && doc.is(i, &["of"]) && doc.is(i - 1, &PLACE_NOUNS)
}

/// "the North Darfur city of El Fasher", "the southern Ukrainian port of Odesa": the place
/// or country (a demonym too) before the noun, past a few lower-case modifiers.
fn premodified(doc: &Doc, a: &Ment, lo: usize) -> Option<Ment> {
    if a.first < lo + 3 || !after_place_noun(doc, a.first - 1) {
        return None;
    }
    let mut k = a.first - 2; // the noun
    let mut steps = 0;
    while k > lo && steps < 3 {
        if let Some(b) = doc.ending_of(k, &[EntityType::Place, EntityType::Country]) {
            // ("the southern Ukrainian port")
            let mut q = b.first;
            while q > lo + 1 && b.first - q < 2 && is_place_adjective(doc.word(q - 1)) {
                q -= 1;
            }
            return (q > lo && doc.is(q - 1, &["the", "a"])).then_some(b);
        }
        if !is_place_adjective(doc.word(k - 1)) {
            return None;
        }
        k -= 1;
        steps += 1;
    }
    None
}

/// Whether `w` reads as an adjective before a place noun ("southern", "coastal", "besieged",
/// "border"); a noun there ("the Mississippi delta region of Arkansas") makes the name
/// before it no container.
fn is_place_adjective(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
        && (["ern", "al", "ic", "ed", "ing", "est"]
            .iter()
            .any(|end| w.ends_with(end))
            || matches!(
                w,
                "border"
                    | "remote"
                    | "key"
                    | "small"
                    | "tiny"
                    | "major"
                    | "restive"
                    | "seaside"
                    | "resort"
                    | "desert"
                    | "mountain"
                    | "frontier"
                    | "oil"
                    | "holy"
                    | "ancient"
            ))
}

fn push(out: &mut Vec<Relation>, a: &Ment, b: &Ment, si: usize, evidence: Span) {
    push_with(out, a, b, si, evidence, false);
}

/// [`push`], taking a demonym for its country when `demonym` is set.
fn push_with(
    out: &mut Vec<Relation>,
    a: &Ment,
    b: &Ment,
    si: usize,
    evidence: Span,
    demonym: bool,
) {
    if a.entity == b.entity || (b.form == MentionForm::Demonym && !demonym) {
        return;
    }
    out.push(Relation {
        kind: RelationKind::LocatedIn {
            place: a.entity,
            location: b.entity,
            from_lexicon: false,
        },
        sentence: si,
        evidence,
    });
}

/// "in [the] B", "off [the coast of] [the] B" at token `j`: B and the token after it.
fn after_preposition(doc: &Doc, j: usize, hi: usize) -> Option<(Ment, usize)> {
    let mut k = j;
    if doc.is(k, &["in", "inside", "within"]) {
        k += 1;
    } else if doc.is(k, &["off"]) {
        k += 1;
        if doc.is(k, &["the"])
            && doc.is(k + 1, &["coast", "coasts", "shore", "shores"])
            && doc.is(k + 2, &["of"])
        {
            k += 3;
        } else if doc.is(k, &["coast"]) && doc.is(k + 1, &["of"]) {
            k += 2;
        }
    } else {
        return None;
    }
    if doc.is(k, &["the"]) {
        k += 1;
    }
    let b = doc.starting_of(k, &[EntityType::Place, EntityType::Country])?;
    if b.last > hi || doc.is_possessive(b.last) {
        return None;
    }
    Some((b, b.last))
}

/// "A, B" with B a country or a region, not the next item of a list.
fn after_comma(doc: &Doc, a: &Ment, hi: usize) -> Option<(Ment, usize)> {
    if !doc.is(a.last, &[","]) {
        return None;
    }
    let a_kind = doc.entities[a.entity].place_kind;
    if a_kind.is_some_and(|k| !CITY_KINDS.contains(&k) && !VENUE_KINDS.contains(&k)) {
        return None;
    }
    let b = doc.starting_of(a.last + 1, &[EntityType::Country, EntityType::Place])?;
    if b.last > hi || b.form == MentionForm::Demonym || doc.is_possessive(b.last) {
        return None;
    }
    // "In Geneva, U.S. Secretary of State Marco Rubio met ...": B names whose office or
    // people follow, and the comma ended a fronted phrase
    if doc
        .starting_of(
            b.last,
            &[
                EntityType::Office,
                EntityType::Person,
                EntityType::Organization,
            ],
        )
        .is_some()
        || doc.is(b.last, &ROLE_NOUNS)
        || doc.is(b.last, &SIDES_NOUNS)
    {
        return None;
    }
    // a venue or district before its city: "Edgbaston, Birmingham"; two cities are a list
    let b_kind = doc.entities[b.entity].place_kind;
    let fits = match b.kind {
        EntityType::Country => true,
        _ => {
            b_kind.is_some_and(|k| REGION_KINDS.contains(&k))
                || (a_kind.is_some_and(|k| VENUE_KINDS.contains(&k))
                    && b_kind.is_some_and(|k| CITY_KINDS.contains(&k)))
                // "Toyota City, Aichi Prefecture": a division named by its own word
                || (b_kind.is_none() && is_division_word(doc.word(b.last - 1)))
        }
    };
    // "Paris, France and Germany": the comma heads a list of countries
    let list = doc.is(b.last, &["and", "or"])
        && doc
            .starting_of(b.last + 1, &[EntityType::Country])
            .is_some();
    (fits && !list).then_some((b, b.last))
}

/// "A is / are / lies ... in the B" and "A, a ... in the B".
fn described(doc: &Doc, j: usize, hi: usize) -> Option<(Ment, usize)> {
    let mut k = j;
    if doc.is(k, &[","]) && doc.is(k + 1, &["a", "an", "the", "which", "located", "situated"]) {
        k += 1;
    } else if !doc.is(k, &LOCATING) {
        return None;
    }
    let limit = (k + DESCRIPTION_REACH + 1).min(hi);
    while k < limit {
        if doc.is(k, &["in", "off", "inside", "within"]) {
            // "returning to Tehran, the Iranian Embassy in Moscow said": the phrase is the
            // next clause's subject, no description
            return after_preposition(doc, k, hi)
                .filter(|(b, _)| !doc.is(b.last, &crate::quotes::SPEECH_VERBS));
        }
        // another name or a clause boundary ends the description
        if doc.starting(k).is_some() || doc.is_break(k) || doc.is_quote(k) {
            return None;
        }
        k += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::relations::Doc;

    fn run(text: &str, specs: &[(&str, EntityType)]) -> Vec<String> {
        let b = build(text, specs);
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        extract(&doc, Lexicon::builtin())
            .iter()
            .map(|r| {
                let RelationKind::LocatedIn {
                    place, location, ..
                } = r.kind
                else {
                    unreachable!()
                };
                format!(
                    "{} in {} [{}]",
                    n(&b, place),
                    n(&b, location),
                    &text[r.evidence.start..r.evidence.end]
                )
            })
            .collect()
    }

    #[test]
    fn located_in_table() {
        let cases: &[Case] = &[
            // one place as each country names it is in neither
            (
                "The islets are called Takeshima in Japan and Dokdo in South Korea.",
                &[("Dokdo|Takeshima", L), ("Japan", C), ("South Korea", C)],
                &[],
            ),
            // and the name of an aside is the one a country uses, not where it is
            (
                "Ships sailed near the Liancourt Rocks, called Dokdo in South Korea. A village called Bakhmut in Ukraine was hit.",
                &[
                    ("Dokdo|Liancourt Rocks", L),
                    ("Bakhmut", L),
                    ("South Korea", C),
                    ("Ukraine", C),
                ],
                &["Bakhmut in Ukraine [Bakhmut in Ukraine]"],
            ),
            (
                "Ships sailed near the Liancourt Rocks, called Takeshima in Japan and Dokdo in South Korea, on Monday.",
                &[
                    ("Dokdo|Liancourt Rocks|Takeshima", L),
                    ("Japan", C),
                    ("South Korea", C),
                ],
                &[],
            ),
            (
                "Fighting raged in Bakhmut in Ukraine and in Avdiivka in Ukraine.",
                &[("Bakhmut", L), ("Avdiivka", L), ("Ukraine", C)],
                &[
                    "Bakhmut in Ukraine [Bakhmut in Ukraine]",
                    "Avdiivka in Ukraine [Avdiivka in Ukraine]",
                ],
            ),
            (
                "Ships gathered near the Kuril Islands in the Sea of Okhotsk.",
                &[("Kuril Islands", L), ("Sea of Okhotsk", L)],
                &["Kuril Islands in Sea of Okhotsk [Kuril Islands in the Sea of Okhotsk]"],
            ),
            (
                "The summit opens in Osaka, Japan, on May 3.",
                &[("Osaka", L), ("Japan", C)],
                &["Osaka in Japan [Osaka, Japan]"],
            ),
            (
                "The Farallon Islands are a chain of rocky islets off the coast of California.",
                &[("Farallon Islands", L), ("California", L)],
                &[
                    "Farallon Islands in California [Farallon Islands are a chain of rocky islets off the coast of California]",
                ],
            ),
            (
                "Sable, a sandbar in the Atlantic, has wild horses.",
                &[("Sable", L), ("Atlantic", L)],
                &["Sable in Atlantic [Sable, a sandbar in the Atlantic]"],
            ),
            // a phrase before a speech verb is the next clause's subject
            (
                "Ana will return to Sable, the Peruvian Embassy in Quito said.",
                &[("Sable", L), ("Quito", L)],
                &[],
            ),
            (
                "Caf\u{e9} owners in Qu\u{e9}bec City, Canada, protested.",
                &[("Qu\u{e9}bec City", L), ("Canada", C)],
                &["Qu\u{e9}bec City in Canada [Qu\u{e9}bec City, Canada]"],
            ),
            (
                "The final is at Azteca Stadium, Mexico City, on Sunday.",
                &[("Azteca Stadium", L), ("Mexico City", L)],
                &["Azteca Stadium in Mexico City [Azteca Stadium, Mexico City]"],
            ),
            (
                "Aid is blocked in the North Darfur city of El Fasher.",
                &[("North Darfur", L), ("El Fasher", L)],
                &["El Fasher in North Darfur [North Darfur city of El Fasher]"],
            ),
            (
                "A drone hit the southern Ukrainian port of Odesa overnight.",
                &[("Ukraine|Ukrainian*", C), ("Odesa", L)],
                &["Odesa in Ukraine [Ukrainian port of Odesa]"],
            ),
            (
                "Kon spoke at its headquarters in Toyota City, Aichi Prefecture.",
                &[("Toyota City", L), ("Aichi Prefecture", L)],
                &["Toyota City in Aichi Prefecture [Toyota City, Aichi Prefecture]"],
            ),
            // negatives
            (
                "Churches burned in the Mississippi delta region of Arkansas.",
                &[("Mississippi", L), ("Arkansas", L)],
                &[],
            ),
            (
                "China expanded its patrols in the South China Sea.",
                &[("China", C), ("South China Sea", L)],
                &[],
            ),
            (
                "Flights resumed in Tokyo in the morning.",
                &[("Tokyo", L)],
                &[],
            ),
            (
                "Leaders met in Paris, Berlin and Rome.",
                &[("Paris", L), ("Berlin", L), ("Rome", L)],
                &[],
            ),
            (
                "Tokyo's governor spoke in Osaka.",
                &[("Tokyo", L), ("Osaka", L)],
                &[],
            ),
            (
                "The Spratly Islands are claimed by China, which built bases in Vietnam's waters.",
                &[("Spratly Islands", L), ("China", C), ("Vietnam", C)],
                &[],
            ),
            (
                "In Geneva, U.S. Secretary of State Marco Rubio met them.",
                &[
                    ("Geneva", L),
                    ("U.S.", C),
                    ("Secretary of State", O),
                    ("Marco Rubio", P),
                ],
                &[],
            ),
            (
                "At talks in Geneva, U.S. officials said no.",
                &[("Geneva", L), ("U.S.", C)],
                &[],
            ),
        ];
        for (text, specs, want) in cases {
            assert_eq!(run(text, specs), *want, "{text}");
        }
    }

    #[test]
    fn the_builtin_lexicon_knows_cities_not_seas() {
        assert_eq!(lexicon_country(Lexicon::builtin(), "Osaka"), Some("JP"));
        assert_eq!(lexicon_country(Lexicon::builtin(), "East China Sea"), None);
    }

    #[test]
    fn lexicon_facts_are_marked_and_need_the_country_in_the_document() {
        let text = "Rain fell in Lyon. France said so. Rain fell in Porto. Pressure from Lille grew, said Lille. The town of Nancy was dry.";
        let mut b = build(
            text,
            &[
                ("Lyon", L),
                ("France", C),
                ("Porto", L),
                ("Lille", L),
                ("Nancy", L),
            ],
        );
        b.entities[1].iso = Some("FR");
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        let got = extract_with(&doc, |name| match name {
            "Lyon" => Some("FR"),
            "Porto" => Some("PT"),
            "Lille" => Some("FR"),
            "Nancy" => Some("FR"),
            _ => None,
        });
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].kind,
            RelationKind::LocatedIn {
                place: 0,
                location: 1,
                from_lexicon: true
            }
        );
    }
}
