//! `holds_office`: a person, the office they hold, and the country or organization the
//! office belongs to.
//!
//! Shapes, each anchored on an office mention and a person mention of one sentence:
//! - pre-modifier chains: "Japanese Defense Minister Taro Sato", "Acme CEO Jane Roe",
//!   "former French President Anne Martin", "President-elect Joe Doe";
//! - appositions both ways: "Jane Roe, Britain's finance minister,", "the president of
//!   Chile, Luis Soto,";
//! - copulas and appointment verbs: "X became Italy's new prime minister", "X was named /
//!   appointed / sworn in as Y", "X, who retained his post as Y", "the king appointed X
//!   foreign minister";
//! - succession: "X succeeded Y as president" (X holds it, Y held it: `former`).
//!
//! The country or organization comes from the modifier ("Japanese", "U.N."), the possessive
//! ("Japan's"), or "of X"; when the construction names none, a country the same person holds
//! another office for elsewhere in the document; else it stays null rather than a guess.
//! An office followed by a possessive ("the president's plane") or by a noun that makes it
//! a modifier ("a prime minister hopeful") never makes a relation.

use crate::entities::EntityType;

use crate::lexicon::Lexicon;

use super::{
    Doc, FastMap, Ment, Qualifier, Relation, RelationKind, Span, WordSet, qualifier_in_office,
};

/// Determiners that may open the office phrase.
const DETERMINERS: &[&str] = &["the", "a", "an"];

/// Nouns that turn a preceding office into a modifier of something else: "the president's
/// son", "a prime minister hopeful", "the foreign minister post".
pub(crate) static FOLLOWING_NOUNS: WordSet = WordSet::new(&[
    "adviser",
    "advisers",
    "advisor",
    "aide",
    "aides",
    "ally",
    "brother",
    "campaign",
    "candidate",
    "contender",
    "counterpart",
    "critic",
    "daughter",
    "election",
    "father",
    "friend",
    "hopeful",
    "husband",
    "job",
    "mother",
    "nominee",
    "office",
    "plane",
    "post",
    "predecessor",
    "race",
    "residence",
    "rival",
    "seat",
    "sister",
    "son",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "successor",
    "wife",
])
.at(4);

/// Clause openers before an office phrase that make a following "office, Name" not an
/// apposition: "After meeting the president, Lee, who ...".
pub(crate) static SUBORDINATORS: WordSet = WordSet::new(&[
    "after", "although", "because", "before", "if", "like", "though", "unless", "unlike", "when",
    "while",
])
.at(6);

/// Auxiliaries and adverbs between a subject and its verb.
pub(crate) static AUX: WordSet = WordSet::new(&[
    "again",
    "already",
    "also",
    "are",
    "be",
    "been",
    "being",
    "could",
    "currently",
    "eventually",
    "formally",
    "had",
    "has",
    "have",
    "is",
    "just",
    "later",
    "may",
    "might",
    "newly",
    "now",
    "officially",
    "once",
    "previously",
    "recently",
    "shall",
    "soon",
    "still",
    "then",
    "to",
    "was",
    "were",
    "will",
    "would",
])
.at(1);

/// Verbs that take the office as complement: copulas, appointment passives, "serve as".
pub(crate) static COPULAS: WordSet = WordSet::new(&[
    "acted",
    "acts",
    "appointed",
    "are",
    "be",
    "became",
    "become",
    "becomes",
    "becoming",
    "been",
    "chosen",
    "confirmed",
    "elected",
    "installed",
    "is",
    "kept",
    "keeps",
    "made",
    "named",
    "nominated",
    "picked",
    "re-elected",
    "reappointed",
    "reelected",
    "remain",
    "remained",
    "remains",
    "retained",
    "retains",
    "returned",
    "returns",
    "served",
    "serves",
    "serving",
    "sworn",
    "tapped",
    "took",
    "was",
    "were",
])
.at(2);

/// Verbs of succession: "X succeeded Y as president".
pub(crate) static SUCCEEDING: WordSet = WordSet::new(&[
    "replace",
    "replaced",
    "replaces",
    "replacing",
    "succeed",
    "succeeded",
    "succeeding",
    "succeeds",
])
.at(7);

/// Words between the verb and the office phrase: "sworn in as", "retained his post as",
/// "took office as", "took over as".
pub(crate) static FILLERS: WordSet = WordSet::new(&[
    "as", "her", "his", "in", "job", "office", "over", "position", "post", "role", "seat", "their",
])
.at(3);

/// Active appointment verbs: "the president named X foreign minister".
pub(crate) static APPOINTING: WordSet = WordSet::new(&[
    "appointed",
    "appointing",
    "appoints",
    "chose",
    "elected",
    "installed",
    "made",
    "named",
    "names",
    "nominated",
    "nominates",
    "picked",
    "tapped",
])
.at(0);

/// Honorifics that may stand between an office and a name.
pub(crate) static HONORIFICS: WordSet = WordSet::new(&[
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Sir",
    "Dame",
    "Sheikh",
    "Sheik",
    "Shaikh",
    "Ayatollah",
    "Prof.",
    "Professor",
    "Rev.",
    "Reverend",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "Rabbi",
    "Imam",
])
.at(5);

/// Royal styles and military ranks, which the lexicon knows as offices: before a name after
/// another office ("army chief General X") they are part of how the person is named.
static STYLES: WordSet = WordSet::new(&[
    "Prince", "Princess", "General", "Gen.", "Admiral", "Adm.", "Colonel", "Col.", "Marshal",
]);

/// Whether token `i` is a one-word office that is a royal style or a rank.
fn is_style(doc: &Doc, i: usize) -> bool {
    doc.is(i, &STYLES)
        && doc
            .starting_of(i, &[EntityType::Office])
            .is_some_and(|m| m.last == i + 1)
}

/// How far (tokens) an office phrase may start after a comma or a verb.
const PHRASE_REACH: usize = 7;

/// The left part of an office phrase: where it starts, its country or organization, and its
/// qualifier.
#[derive(Debug, Clone, Copy)]
struct Phrase {
    start: usize,
    polity: Option<Ment>,
    qualifier: Option<Qualifier>,
    /// Whether the phrase opens with a determiner or names its polity, which makes an
    /// office-first apposition specific enough.
    anchored: bool,
}

/// Finds holds_office relations in the document.
pub(crate) fn extract(doc: &Doc) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    for si in 0..doc.sentences.len() {
        let mentions = doc.mentions(si);
        let range = doc.sent_tokens(si);
        // offices written in the plural, by their place in `mentions`
        const _: () = assert!(super::MAX_MENTIONS_PER_SENTENCE <= 64);
        let mut plural = 0u64;
        for (k, o) in mentions.iter().enumerate() {
            if o.kind != EntityType::Office {
                continue;
            }
            if is_plural(doc, o) {
                plural |= 1 << k;
                continue;
            }
            let ph = phrase_left(doc, o, range.start);
            premodifier(doc, si, o, &ph, &mut out);
            office_first_apposition(doc, si, o, &ph, range.clone(), &mut out);
        }
        for (k, o) in mentions.iter().enumerate() {
            if plural & (1 << k) != 0 {
                plural_premodifier(doc, si, o, range.clone(), &mut out);
            }
        }
        for p in mentions.iter().filter(|m| m.kind == EntityType::Person) {
            person_first_apposition(doc, si, p, range.end, &mut out);
            copula(doc, si, p, range.end, &mut out);
            appointed(doc, si, p, range.start, range.end, &mut out);
        }
    }
    let mut out = resolve(out);
    counterparts(doc, &mut out);
    drop_short_titles(doc, &mut out);
    out
}

/// "Defence Minister Richard Marles and his Indonesian counterpart, Sjafrie Sjamsoeddin":
/// the counterpart holds the subject's office, of the country (or body: "his party
/// counterpart") named before "counterpart".
/// The subject is the sentence's first person (after an opening subordinate clause), and
/// its office one found already.
fn counterparts(doc: &Doc, out: &mut Vec<Relation>) {
    let mut found = Vec::new();
    for si in 0..doc.sentences.len() {
        let range = doc.sent_tokens(si);
        for c in doc.mentions(si) {
            if !matches!(c.kind, EntityType::Country | EntityType::Organization)
                || !doc.is(c.last, &["counterpart"])
                || c.first == range.start
                || !(doc.is(c.first - 1, &["his", "her", "their"])
                    || doc.is_possessive(c.first - 1))
            {
                continue;
            }
            let at = c.last + 1 + usize::from(doc.is(c.last + 1, &[","]));
            // or before: "talks with Liu Jinsong, his Chinese counterpart"
            let before = || {
                let comma = (c.first - 1)
                    .checked_sub(1)
                    .filter(|&k| doc.is(k, &[","]))?;
                doc.ending_of(comma, &[EntityType::Person])
                    .filter(|m| m.first >= range.start)
            };
            let Some(y) = doc.starting_of(at, &[EntityType::Person]).or_else(before) else {
                continue;
            };
            // the subject: past an opening "After ..., "
            let from = if doc.is(range.start, &SUBORDINATORS) {
                match (range.start..c.first).find(|&k| doc.is(k, &[","])) {
                    Some(k) => k,
                    None => continue,
                }
            } else {
                range.start
            };
            let person = |m: &&Ment| m.kind == EntityType::Person && m.entity != y.entity;
            let x = doc
                .mentions(si)
                .iter()
                .filter(person)
                .find(|m| m.first >= from && m.last <= c.first)
                .or_else(|| {
                    // "Her Chinese counterpart Y" opening a sentence: the last sentence's subject
                    (c.first == range.start + 1 && si > 0)
                        .then(|| doc.mentions(si - 1).iter().find(person))
                        .flatten()
                });
            let Some(x) = x else {
                continue;
            };
            let office_of = |p: usize| {
                out.iter().rev().find_map(|r| match r.kind {
                    RelationKind::HoldsOffice {
                        person,
                        office,
                        qualifier: None,
                        ..
                    } if person == p && r.sentence <= si => Some(office),
                    _ => None,
                })
            };
            let Some(office) = office_of(x.entity) else {
                continue;
            };
            let held = out.iter().any(|r| {
                matches!(r.kind, RelationKind::HoldsOffice { person, .. } if person == y.entity)
            });
            if held {
                continue;
            }
            found.push(Relation {
                kind: RelationKind::HoldsOffice {
                    person: y.entity,
                    office,
                    country: (c.kind == EntityType::Country).then_some(c.entity),
                    organization: (c.kind == EntityType::Organization).then_some(c.entity),
                    qualifier: None,
                },
                sentence: si,
                evidence: doc.span(y.first.min(c.first - 1), y.last.max(c.last)),
            });
        }
    }
    out.extend(found);
}

/// "Crown Prince Mohammed bin Salman ... Prince Mohammed": an office whose name ends
/// another office the same person holds, with the same qualifier, is that office named
/// short, and adds nothing ("Prince" beside "Crown Prince", "Minister" beside "Foreign
/// Minister").
fn drop_short_titles(doc: &Doc, out: &mut Vec<Relation>) {
    let parts = |r: &Relation| match r.kind {
        RelationKind::HoldsOffice {
            person,
            office,
            country,
            organization,
            qualifier,
        } => Some((person, office, country, organization, qualifier)),
        _ => None,
    };
    let name = |e: usize| &*doc.entities[e].name;
    let short: Vec<bool> = out
        .iter()
        .map(|r| {
            let Some((p, o, c, g, q)) = parts(r) else {
                return false;
            };
            out.iter().filter_map(parts).any(|(p2, o2, c2, g2, q2)| {
                p2 == p
                    && q2 == q
                    && o2 != o
                    && ((c.is_none() && g.is_none()) || (c == c2 && g == g2))
                    && name(o2)
                        .strip_suffix(name(o))
                        .is_some_and(|head| head.ends_with(' '))
            })
        })
        .collect();
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !short[k - 1]
    });
}

/// Walks left from an office over qualifiers, a country or organization modifier (bare or
/// possessive) and more qualifiers, stopping at `lo`.
fn phrase_left(doc: &Doc, office: &Ment, lo: usize) -> Phrase {
    let mut i = office.first;
    let mut qualifier = qualifier_in_office(doc, office);
    let mut polity = None;
    let take_qualifiers = |i: &mut usize, q: &mut Option<Qualifier>| {
        let mut n = 0;
        while *i > lo && n < 4 {
            match doc.qualifier_at(*i - 1, true) {
                Some(found) => {
                    let found = found.or_else(|| held_then(doc, *i - 1));
                    // "former deputy minister": being former matters more than the rank
                    *q = if found == Some(Qualifier::Former) {
                        found
                    } else {
                        q.or(found)
                    };
                    *i -= 1;
                    n += 1;
                }
                None => break,
            }
        }
    };
    take_qualifiers(&mut i, &mut qualifier);
    // a portfolio the lexicon did not join to a bare "Minister": "Fisheries Minister"
    if matches!(
        doc.entities[office.entity].name.as_ref(),
        "Minister" | "Secretary"
    ) {
        let mut k = i;
        while k > lo && i - k < 3 && doc.starting(k - 1).is_none() && is_title_word(doc.word(k - 1))
        {
            k -= 1;
        }
        if k < i
            && doc
                .ending_of(k, &[EntityType::Country])
                .is_some_and(|m| m.first >= lo)
        {
            i = k;
        }
    }
    // a portfolio between the polity and any office: "EU climate commissioner", "U.S. trade
    // representative", or the arm of the state it serves in: "Chinese foreign ministry
    // spokesperson", "Russian presidential spokesman"
    // (the polity is looked for first: few offices have one a word or two before them)
    // ("China's foreign ministry spokesman": the polity may be a possessive)
    let polity_at = |k: usize| {
        let k = if k > lo && doc.is_possessive(k - 1) {
            k - 1
        } else {
            k
        };
        doc.ending_of(k, &[EntityType::Country, EntityType::Organization])
            .is_some_and(|m| m.first >= lo)
    };
    if let Some(k) = (1..=2)
        .filter(|&n| i > lo + n)
        .map(|n| i - n)
        .find(|&k| polity_at(k))
        && (k..i).all(|w| {
            doc.starting(w).is_none() && (is_portfolio(doc.word(w)) || is_arm(doc.word(w)))
        })
    {
        i = k;
    }
    // "Merz's spokesman, Stefan Kornelius": whose aide, which anchors an apposition
    let mut of_person = false;
    if i > lo && doc.is_possessive(i - 1) {
        if let Some(m) = doc.ending_of(i - 1, &[EntityType::Country, EntityType::Organization])
            && m.first >= lo
        {
            polity = Some(m);
            i = m.first;
        } else if let Some(m) = doc.ending_of(i - 1, &[EntityType::Person])
            && m.first >= lo
        {
            of_person = true;
            i = m.first;
        } else if i >= lo + 3
            && let Some(m) = body_named_by_head(doc, i - 2)
        {
            polity = Some(m);
            i = m.first;
        }
    } else if let Some(m) = doc.ending_of(i, &[EntityType::Country, EntityType::Organization])
        && m.first >= lo
        && m.first < office.first
    {
        polity = Some(m);
        i = m.first;
    }
    if polity.is_some() {
        take_qualifiers(&mut i, &mut qualifier);
    }
    let mut anchored = polity.is_some() || of_person;
    if i > lo && doc.is(i - 1, DETERMINERS) {
        i -= 1;
        anchored = true;
    }
    Phrase {
        start: i,
        polity,
        qualifier,
        anchored,
    }
}

/// How many sentences back "the association's" looks for the association named in full.
const HEAD_REACH: usize = 5;

/// "the association's director general": the organization named before whose name ends in
/// the word after "the" ("European Automobile Manufacturers' Association"), as a mention at
/// that word (token `k`).
fn body_named_by_head(doc: &Doc, k: usize) -> Option<Ment> {
    let head = doc.word(k);
    if !doc.is(k - 1, &["the"]) || !head.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let si = doc.sentence_of(k);
    let named = |m: &&Ment| {
        m.kind == EntityType::Organization
            && m.last <= k
            && doc.entities[m.entity]
                .name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(head))
    };
    let m = (si.saturating_sub(HEAD_REACH)..=si)
        .rev()
        .find_map(|s| doc.mentions(s).iter().rev().find(named))?;
    Some(m.at_token(doc, k, si))
}

/// "talks with then Prime Minister X": an office held then, which is no longer; but "Y met
/// Xi, then President Z" lists what came next. (Token `i` is a qualifier word.)
fn held_then(doc: &Doc, i: usize) -> Option<Qualifier> {
    let w = doc.word(i);
    let then = w.trim_end_matches('-');
    if then.len() != 4 || !then.eq_ignore_ascii_case("then") {
        return None;
    }
    let next_in_a_list = i == 0 || doc.is(i - 1, &["and", ",", ";", "but", "."]);
    (then.len() < w.len() || !next_in_a_list).then_some(Qualifier::Former)
}

/// Whether a word names a portfolio: the built-in lists know it before "minister"
/// ("climate", "Trade"). Asked only of words between a polity and its office.
fn is_portfolio(w: &str) -> bool {
    w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_alphabetic())
        && !w.eq_ignore_ascii_case("prime")
        && Lexicon::builtin()
            .office(&format!("{} minister", w.to_ascii_lowercase()))
            .is_some()
}

/// A lower-case word for an arm of a state, between the state and an office of it.
fn is_arm(w: &str) -> bool {
    matches!(
        w,
        "army" | "embassy" | "government" | "military" | "ministry" | "navy" | "presidential"
    )
}

/// A capitalised word that can be part of a title ("Fisheries", "Trade"), not a name
/// particle or a function word.
fn is_title_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// "of [the] X" after an office: the polity and the token after it.
fn of_polity(doc: &Doc, at: usize, hi: usize) -> Option<(Ment, usize)> {
    if at >= hi || !doc.is(at, &["of"]) {
        return None;
    }
    let mut j = at + 1;
    if doc.is(j, &["the"]) {
        j += 1;
    }
    let m = doc.starting_of(j, &[EntityType::Country, EntityType::Organization])?;
    // "secretary of Ukraine's National Security and Defence Council": the body named after
    // the possessive
    if m.kind == EntityType::Country
        && doc.is_possessive(m.last)
        && let Some(body) = doc.starting_of(m.last + 1, &[EntityType::Organization])
        && body.last <= hi
    {
        return Some((body, body.last));
    }
    (m.last <= hi).then_some((m, m.last))
}

/// [`of_polity`], or "at [the] X" for an office after its holder's name: "Takeshi Minami,
/// chief economist at Norinchukin Research Institute" (a name after such a phrase is
/// another sentence's: "vice president at Mallinckrodt Group Inc.\nJoseph Kuhn").
fn of_or_at_body(doc: &Doc, at: usize, hi: usize) -> Option<(Ment, usize)> {
    if at < hi && doc.is(at, &["at"]) {
        let j = at + 1 + usize::from(doc.is(at + 1, &["the"]));
        let m = doc.starting_of(j, &[EntityType::Organization])?;
        return (m.last <= hi).then_some((m, m.last));
    }
    of_polity(doc, at, hi)
}

/// Whether the office at this point stops being the head of its phrase.
fn office_is_modifier(doc: &Doc, after: usize) -> bool {
    doc.is_possessive(after) || doc.is(after, &FOLLOWING_NOUNS)
}

/// Makes the relation from a phrase and a person.
fn relation(
    doc: &Doc,
    si: usize,
    person: &Ment,
    office: &Ment,
    polity: Option<Ment>,
    q: Option<Qualifier>,
    span: Span,
) -> Relation {
    let (country, organization) = match polity {
        Some(m) if m.kind == EntityType::Country => (Some(m.entity), None),
        Some(m) => {
            // "U.S. State Department": the organization, and the country it opens with
            let inner = doc
                .starting_of(m.first, &[EntityType::Country])
                .filter(|c| c.last <= m.last)
                // "China's Foreign Ministry": the country whose body it is
                .or_else(|| {
                    let s = m.first.checked_sub(1).filter(|&s| doc.is_possessive(s))?;
                    doc.ending_of(s, &[EntityType::Country])
                })
                .map(|c| c.entity);
            (inner, Some(m.entity))
        }
        None => (None, None),
    };
    Relation {
        kind: RelationKind::HoldsOffice {
            person: person.entity,
            office: office.entity,
            country,
            organization,
            qualifier: q,
        },
        sentence: si,
        evidence: span,
    }
}

/// "Japanese Foreign Minister Taro Sato", "U.N. Secretary-General Ana Lima", "Prime Minister
/// of Japan Taro Sato".
fn premodifier(doc: &Doc, si: usize, o: &Ment, ph: &Phrase, out: &mut Vec<Relation>) {
    let hi = doc.sent_tokens(si).end;
    let mut j = o.last;
    let mut polity = ph.polity;
    if let Some((m, after)) = of_polity(doc, j, hi) {
        polity = polity.or(Some(m));
        j = after;
    } else if let Some(m) = posted_to(doc, j) {
        // "U.S. Ambassador to Japan George Glass": where the office is held, not whose it is
        // ("Chinese Consul General in Osaka Xue Jian": so too where a post is)
        j = m.last;
    }
    if is_style(doc, j) {
        // "Saudi Foreign Minister Prince Faisal": the office is his, the style names him
        j += 1;
    } else if is_style(doc, o.first)
        && doc
            .ending_of(o.first, &[EntityType::Office])
            .is_some_and(|before| !is_plural(doc, &before))
    {
        return; // the office before the style has the person
    }
    if doc.is(j, &HONORIFICS) {
        j += 1;
    }
    let Some(p) = doc.starting_of(j, &[EntityType::Person]) else {
        return;
    };
    let mut start = ph.start;
    // "Cambodian Deputy Prime Minister and Foreign Minister Prak Sokhonn": both offices are
    // his, of the country before the first ("the president and prime minister X" may be
    // two people, so not after a determiner)
    let lo = doc.sent_tokens(si).start;
    if ph.start == o.first
        && ph.start > lo + 1
        && doc.is(ph.start - 1, &["and"])
        && let Some(first) = doc
            .ending_of(ph.start - 1, &[EntityType::Office])
            .filter(|f| f.first >= lo && !is_plural(doc, f))
    {
        let ph1 = phrase_left(doc, &first, lo);
        if !doc.is(ph1.start, DETERMINERS)
            && (ph1.start == lo || !doc.is(ph1.start - 1, &["between", "with"]))
        {
            polity = polity.or(ph1.polity);
            start = ph1.start;
            let span = doc.span(start, p.last);
            out.push(relation(doc, si, &p, &first, polity, ph1.qualifier, span));
        }
    }
    out.push(relation(
        doc,
        si,
        &p,
        o,
        polity,
        ph.qualifier,
        doc.span(start, p.last),
    ));
}

/// "Foreign Ministers Ana Lima and Paul Dent": a plural title before exactly two names,
/// each holding it; a country modifier ("Chilean Ministers X and Y") is shared by both.
fn plural_premodifier(
    doc: &Doc,
    si: usize,
    o: &Ment,
    range: std::ops::Range<usize>,
    out: &mut Vec<Relation>,
) {
    let ph = phrase_left(doc, o, range.start);
    let Some(a) = doc.starting_of(o.last, &[EntityType::Person]) else {
        return;
    };
    if !doc.is(a.last, &["and"]) {
        return;
    }
    let Some(b) = doc.starting_of(a.last + 1, &[EntityType::Person]) else {
        return;
    };
    if doc.is(b.last, &[",", "and"]) && doc.starting_of(b.last + 1, &[EntityType::Person]).is_some()
    {
        return; // a longer list: leave it
    }
    // a demonym before a plural title may be a shared country ("Japanese Ministers X and Y")
    let polity = ph.polity.filter(|m| m.kind == EntityType::Country);
    let span = doc.span(ph.start, b.last);
    for p in [a, b] {
        out.push(relation(doc, si, &p, o, polity, ph.qualifier, span));
    }
}

/// "Jane Roe, Britain's finance minister," / "Jane Roe, the president of Chile" / "Jane Roe,
/// 61, a former deputy prime minister".
fn person_first_apposition(doc: &Doc, si: usize, p: &Ment, hi: usize, out: &mut Vec<Relation>) {
    let mut j = p.last;
    if !doc.is(j, &[","]) {
        return;
    }
    j += 1;
    // an age: "Jane Roe, 61, ..."
    if doc
        .tokens
        .get(j)
        .is_some_and(|t| t.kind == crate::tokenize::TokenKind::Number)
        && doc.is(j + 1, &[","])
    {
        j += 2;
    }
    let Some(o) = first_office(doc, si, j, hi) else {
        return;
    };
    let ph = phrase_left(doc, &o, j);
    if ph.start != j {
        return;
    }
    let mut end = o.last;
    let mut polity = ph.polity;
    if let Some((m, after)) = of_or_at_body(doc, end, hi) {
        polity = polity.or(Some(m));
        end = after;
    }
    // "spoke with Ann Bell, a government spokesman said": the phrase opens the next clause
    if office_is_modifier(doc, end)
        || doc.starting_of(end, &[EntityType::Person]).is_some()
        || joins_a_subject(doc, j, o.first, end)
        || doc.is(end, &crate::quotes::SPEECH_VERBS)
    {
        return;
    }
    // "Chancellor Ann Bell, the minister in charge of ...": after a title, a bare office
    // describes a duty rather than naming a second post
    let titled = p.first > 0 && doc.ending_of(p.first, &[EntityType::Office]).is_some();
    if titled && polity.is_none() {
        return;
    }
    out.push(relation(
        doc,
        si,
        p,
        &o,
        polity,
        ph.qualifier,
        doc.span(p.first, end),
    ));
}

/// The country or place after "to" or "in" at token `j`, where an envoy is posted:
/// "Ambassador to Japan", "ambassador to the Philippines", "Consul General in Osaka".
pub(crate) fn posted_to(doc: &Doc, j: usize) -> Option<Ment> {
    if !doc.is(j, &["to", "in"]) {
        return None;
    }
    let at = j + 1 + usize::from(doc.is(j + 1, &["the"]));
    doc.starting_of(at, &[EntityType::Country, EntityType::Place])
}

/// Words that may go on after an apposition without a closing comma: "Jane Roe, German
/// chancellor since 2021".
const APPOSITION_GOES_ON: &[&str] = &[
    "and", "at", "between", "during", "for", "from", "in", "of", "on", "since", "to", "under",
    "until", "who", "whose", "with",
];

/// Whether the phrase `from..office` ending before `end`, after a name and a comma, is a second
/// subject rather than an apposition: "Modi, Sri Lankan president sign pact" (a headline's
/// comma for "and"), "Ana Lima, Peruvian minister to visit Chile". Such a phrase has no
/// determiner or possessive, and a verb follows it.
fn joins_a_subject(doc: &Doc, from: usize, office: usize, end: usize) -> bool {
    if doc.is(from, DETERMINERS) || (from..office).any(|k| doc.is_possessive(k)) {
        return false;
    }
    if !doc.word(end).starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    // "to" opens a verb in a headline ("to sign") but a polity or body after an envoy
    if doc.is(end, &["to"]) {
        return doc.word(end + 1).starts_with(|c: char| c.is_lowercase())
            && !doc.is(end + 1, DETERMINERS);
    }
    !doc.is(end, APPOSITION_GOES_ON)
}

/// "the president of Chile, Luis Soto," / "Japan's defense minister, Taro Sato,".
fn office_first_apposition(
    doc: &Doc,
    si: usize,
    o: &Ment,
    ph: &Phrase,
    range: std::ops::Range<usize>,
    out: &mut Vec<Relation>,
) {
    let mut j = o.last;
    let mut polity = ph.polity;
    let mut anchored = ph.anchored;
    if let Some((m, after)) = of_polity(doc, j, range.end) {
        polity = polity.or(Some(m));
        anchored = true;
        j = after;
    } else if let Some(m) = posted_to(doc, j) {
        // "the U.S. ambassador to Manila, Ann Lee,", "the U.S. charge d'affaires in Bogota,
        // Ann Lee,"
        j = m.last;
    }
    if !anchored || !doc.is(j, &[","]) {
        return;
    }
    let Some(p) = doc.starting_of(j + 1, &[EntityType::Person]) else {
        return;
    };
    if p.last < range.end && !doc.is_break(p.last) {
        return;
    }
    // the phrase must not sit in a subordinate clause: "After meeting the president, Lee, ..."
    let mut k = ph.start;
    while k > range.start {
        k -= 1;
        if doc.is(k, &[","]) {
            break;
        }
        if doc.is(k, &SUBORDINATORS) {
            return;
        }
    }
    out.push(relation(
        doc,
        si,
        &p,
        o,
        polity,
        ph.qualifier,
        doc.span(ph.start, p.last),
    ));
}

/// The first office mention starting in `from..from + PHRASE_REACH`.
fn first_office(doc: &Doc, si: usize, from: usize, hi: usize) -> Option<Ment> {
    doc.mentions(si)
        .iter()
        .find(|m| {
            m.kind == EntityType::Office
                && m.first >= from
                && m.first < (from + PHRASE_REACH).min(hi)
        })
        .copied()
        .filter(|m| !is_plural(doc, m))
}

/// The holder of office `office` (an entity) named last before byte `at`: who "the pope"
/// or "the minister" is there.
pub(crate) fn holder_before(doc: &Doc, office: usize, at: usize) -> Option<usize> {
    doc.office_holders()
        .iter()
        .filter(|&&(o, _, _)| o == office)
        .filter_map(|&(_, e, _)| {
            let ms = &doc.entities[e].mentions;
            let i = ms.partition_point(|m| m.start < at);
            (i > 0).then(|| (ms[i - 1].start, e))
        })
        .max()
        .map(|(_, e)| e)
}

/// Whether an office mention is written in the plural ("two ministers"), which cannot be
/// the title of one person: "one of two ministers Lee kept" says nothing about Lee.
/// Only the last byte of each is read: the last word ends with "s" when the whole does.
pub(crate) fn is_plural(doc: &Doc, m: &Ment) -> bool {
    let plural = |w: &[u8]| matches!(w.last(), Some(b's' | b'S'));
    // "Minister of Foreign Affairs", "Minister for Energy and Mines": the head comes before
    // its portfolio
    let text = &doc.text[m.start..m.end];
    let head = [" of ", " for "]
        .iter()
        .filter_map(|w| text.find(w))
        .min()
        .map_or(text, |i| &text[..i]);
    plural(head.as_bytes()) && !plural(doc.entities[m.entity].name.as_bytes())
}

/// "X became Japan's new prime minister", "X was sworn in as president", "X, who retained
/// his post as finance minister".
fn copula(doc: &Doc, si: usize, p: &Ment, hi: usize, out: &mut Vec<Relation>) {
    let mut j = p.last;
    if doc.is(j, &[","]) && doc.is(j + 1, &["who"]) {
        j += 2;
    } else if doc.is(j, &["who"]) {
        j += 1;
    }
    let mut verb = false;
    let mut steps = 0;
    while j < hi && steps < 8 {
        if doc.is(j, &SUCCEEDING) {
            succession(doc, si, p, j, hi, out);
            return;
        }
        if doc.is(j, &COPULAS) {
            verb = true;
        } else if doc.is(j, &AUX) || (verb && doc.is(j, &FILLERS)) {
        } else {
            break;
        }
        j += 1;
        steps += 1;
    }
    if !verb {
        return;
    }
    complement(doc, si, p, j, hi, (p.first, None), out);
}

/// "X succeeded Y as prime minister": X holds the office, Y held it before.
fn succession(doc: &Doc, si: usize, p: &Ment, v: usize, hi: usize, out: &mut Vec<Relation>) {
    let Some(q) = doc.starting_of(v + 1, &[EntityType::Person]) else {
        return;
    };
    if !doc.is(q.last, &["as"]) {
        return;
    }
    let before = out.len();
    complement(doc, si, p, q.last + 1, hi, (p.first, None), out);
    if out.len() > before {
        let mut former = out[before].clone();
        if let RelationKind::HoldsOffice {
            person, qualifier, ..
        } = &mut former.kind
        {
            *person = q.entity;
            *qualifier = Some(Qualifier::Former);
        }
        out.push(former);
    }
}

/// The office phrase starting exactly at `j`, as complement of a verb about `p`; the evidence
/// starts at `from`, and `owner` is the body the office is of when the phrase does not say.
fn complement(
    doc: &Doc,
    si: usize,
    p: &Ment,
    j: usize,
    hi: usize,
    (from, owner): (usize, Option<Ment>),
    out: &mut Vec<Relation>,
) {
    let Some(o) = first_office(doc, si, j, hi) else {
        return;
    };
    let ph = phrase_left(doc, &o, j);
    if ph.start != j {
        return;
    }
    let mut end = o.last;
    let mut polity = ph.polity;
    if let Some((m, after)) = of_or_at_body(doc, end, hi) {
        polity = polity.or(Some(m));
        end = after;
    }
    polity = polity.or(owner);
    if office_is_modifier(doc, end) || doc.starting_of(end, &[EntityType::Person]).is_some() {
        return;
    }
    let (a, b) = (from.min(ph.start), end.max(p.last));
    let r = relation(doc, si, p, &o, polity, ph.qualifier, doc.span(a, b));
    // "..., succeeding Y": Y held the office before
    let reach = (end + 6).min(hi);
    if let Some(v) = (end..reach).find(|&k| doc.is(k, &["succeeding", "replacing"]))
        && let Some(q) = doc.starting_of(v + 1, &[EntityType::Person])
    {
        let mut former = r.clone();
        if let RelationKind::HoldsOffice {
            person, qualifier, ..
        } = &mut former.kind
        {
            *person = q.entity;
            *qualifier = Some(Qualifier::Former);
        }
        former.evidence = doc.span(a, q.last);
        out.push(r);
        out.push(former);
        return;
    }
    out.push(r);
}

/// "the king appointed X foreign minister", "parliament elected X as president".
fn appointed(doc: &Doc, si: usize, p: &Ment, lo: usize, hi: usize, out: &mut Vec<Relation>) {
    // (a rank may stand between: "appointed Lieutenant General X as ...")
    let verb = match doc.ending_of(p.first, &[EntityType::Office]) {
        Some(rank) if rank.first > lo => rank.first - 1,
        _ => p.first.saturating_sub(1),
    };
    if p.first <= lo || !doc.is(verb, &APPOINTING) {
        return;
    }
    let mut j = p.last;
    if doc.is(j, &["as", "to"]) {
        j += 1;
    }
    // "Toyota named X as its new president": the body that appoints is the one whose office
    let mut owner = None;
    if doc.is(j, &["its"]) {
        owner = doc
            .mentions(si)
            .iter()
            .rev()
            .find(|m| m.kind == EntityType::Organization && m.first >= lo && m.last <= verb);
        j += 1;
    } else if doc.is(j, &["his", "her", "their"]) {
        // "the president named X as his foreign minister"
        j += 1;
    }
    complement(doc, si, p, j, hi, (verb, owner.copied()), out);
}

/// Merges duplicates (same person, office and qualifier; the first keeps its evidence, and
/// takes a country a later one names), then fills a missing country from the same person's
/// other relations when they all agree.
fn resolve(found: Vec<Relation>) -> Vec<Relation> {
    // (sized once: a map that grows rehashes all it holds)
    let mut out: Vec<Relation> = Vec::with_capacity(found.len());
    let mut index: FastMap<(usize, usize, Option<Qualifier>), usize> =
        FastMap::with_capacity_and_hasher(found.len(), Default::default());
    for r in found {
        let RelationKind::HoldsOffice {
            person,
            office,
            country,
            organization,
            qualifier,
        } = r.kind
        else {
            continue;
        };
        let key = (person, office, qualifier);
        match index.get(&key).map(|&i| &mut out[i]) {
            Some(x) => {
                if let RelationKind::HoldsOffice {
                    country: c,
                    organization: g,
                    ..
                } = &mut x.kind
                    && c.is_none()
                    && g.is_none()
                {
                    *c = country;
                    *g = organization;
                }
            }
            None => {
                index.insert(key, out.len());
                out.push(r);
            }
        }
    }
    // each person's first country, and whether all the others are that one
    let mut known: FastMap<usize, (usize, bool)> =
        FastMap::with_capacity_and_hasher(out.len(), Default::default());
    for r in &out {
        if let RelationKind::HoldsOffice {
            person,
            country: Some(c),
            ..
        } = r.kind
        {
            known
                .entry(person)
                .and_modify(|(first, agree)| *agree &= *first == c)
                .or_insert((c, true));
        }
    }
    for r in &mut out {
        if let RelationKind::HoldsOffice {
            person,
            country: c @ None,
            organization: None,
            ..
        } = &mut r.kind
            && let Some(&(first, true)) = known.get(person)
        {
            *c = Some(first);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::relations::Doc;

    /// (person, office, country or organization or "-", qualifier or "-") for each relation.
    fn run(text: &str, specs: &[(&str, EntityType)]) -> Vec<String> {
        let b = build(text, specs);
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        extract(&doc)
            .iter()
            .map(|r| {
                let RelationKind::HoldsOffice {
                    person,
                    office,
                    country,
                    organization,
                    qualifier,
                } = r.kind
                else {
                    unreachable!()
                };
                assert!(
                    text.is_char_boundary(r.evidence.start)
                        && text.is_char_boundary(r.evidence.end)
                );
                let body = organization.or(country).map_or("-", |i| n(&b, i));
                format!(
                    "{}|{}|{}|{}",
                    n(&b, person),
                    n(&b, office),
                    body,
                    qualifier.map_or("-", |q| q.as_str())
                )
            })
            .collect()
    }

    #[test]
    fn a_country_owning_the_body_is_the_offices_country() {
        let text = "China's Foreign Ministry spokeswoman Mao Ning said so.";
        let b = build(
            text,
            &[
                ("China", C),
                ("Foreign Ministry", G),
                ("spokeswoman", O),
                ("Mao Ning", P),
            ],
        );
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        let found = extract(&doc);
        let [r] = &found[..] else { panic!("{found:?}") };
        let RelationKind::HoldsOffice {
            country,
            organization,
            ..
        } = r.kind
        else {
            unreachable!()
        };
        assert_eq!(country.map(|c| n(&b, c)), Some("China"));
        assert_eq!(organization.map(|c| n(&b, c)), Some("Foreign Ministry"));
    }

    #[test]
    fn holds_office_table() {
        let cases: &[Case] = &[
            // two offices joined before one name are both hers, of the country before them
            (
                "Peruvian Deputy Prime Minister and Foreign Minister Ana Lima said so.",
                &[
                    ("Peru|Peruvian*", C),
                    ("Deputy Prime Minister", O),
                    ("Foreign Minister", O),
                    ("Ana Lima", P),
                ],
                &[
                    "Ana Lima|Deputy Prime Minister|Peru|deputy",
                    "Ana Lima|Foreign Minister|Peru|-",
                ],
            ),
            // an envoy posted to a capital is still the sending country's
            (
                "Peruvian Ambassador to Lima Ana Lima said so.",
                &[
                    ("Peru|Peruvian*", C),
                    ("Ambassador", O),
                    ("Lima", L),
                    ("Ana Lima", P),
                ],
                &["Ana Lima|Ambassador|Peru|-"],
            ),
            (
                "The Peruvian ambassador to Lima, Ana Lima, said so.",
                &[
                    ("Peru|Peruvian*", C),
                    ("ambassador", O),
                    ("Lima", L),
                    ("Ana Lima", P),
                ],
                &["Ana Lima|ambassador|Peru|-"],
            ),
            (
                "The Peruvian charge d'affaires in Lima, Ana Lima, said so.",
                &[
                    ("Peru|Peruvian*", C),
                    ("charge d'affaires", O),
                    ("Lima", L),
                    ("Ana Lima", P),
                ],
                &["Ana Lima|charge d'affaires|Peru|-"],
            ),
            // an office held then, in a qualifier's word
            (
                "Ana Lima met then-acting Peruvian President Rui Costa.",
                &[
                    ("Ana Lima", P),
                    ("Peru|Peruvian*", C),
                    ("President", O),
                    ("Rui Costa", P),
                ],
                &["Rui Costa|President|Peru|former"],
            ),
            // a rank between the appointing verb and the name
            (
                "Ana Lima replaced the chiefs, appointing General Rui Costa as the new army chief.",
                &[
                    ("Ana Lima", P),
                    ("General", O),
                    ("Rui Costa", P),
                    ("army chief", O),
                ],
                &["Rui Costa|General|-|-", "Rui Costa|army chief|-|-"],
            ),
            // the arm of the state between the state and the office
            (
                "Peru's foreign ministry spokesperson Ana Lima said so.",
                &[("Peru", C), ("spokesperson", O), ("Ana Lima", P)],
                &["Ana Lima|spokesperson|Peru|-"],
            ),
            (
                "Peruvian foreign ministry spokesperson Ana Lima said so.",
                &[("Peru|Peruvian*", C), ("spokesperson", O), ("Ana Lima", P)],
                &["Ana Lima|spokesperson|Peru|-"],
            ),
            // a portfolio in the plural makes no plural office
            (
                "Peru's Minister of Foreign Affairs Ana Lima said so.",
                &[
                    ("Peru", C),
                    ("Foreign Minister|Minister of Foreign Affairs", O),
                    ("Ana Lima", P),
                ],
                &["Ana Lima|Foreign Minister|Peru|-"],
            ),
            (
                "Rui Costa met the Prime Minister and Foreign Minister Ana Lima.",
                &[
                    ("Rui Costa", P),
                    ("Prime Minister", O),
                    ("Foreign Minister", O),
                    ("Ana Lima", P),
                ],
                &["Ana Lima|Foreign Minister|-|-"],
            ),
            // a counterpart holds the subject's office, of the country before "counterpart"
            (
                "Foreign Minister Ana Lima met her Peruvian counterpart, Rui Costa, on Monday.",
                &[
                    ("Ana Lima", P),
                    ("Foreign Minister", O),
                    ("Peru|Peruvian*", C),
                    ("Rui Costa", P),
                ],
                &[
                    "Ana Lima|Foreign Minister|-|-",
                    "Rui Costa|Foreign Minister|Peru|-",
                ],
            ),
            (
                "Foreign Minister Ana Lima held talks with Rui Costa, her Peruvian counterpart.",
                &[
                    ("Ana Lima", P),
                    ("Foreign Minister", O),
                    ("Peru|Peruvian*", C),
                    ("Rui Costa", P),
                ],
                &[
                    "Ana Lima|Foreign Minister|-|-",
                    "Rui Costa|Foreign Minister|Peru|-",
                ],
            ),
            // a body's counterpart holds the office in that body
            (
                "Talks between party whip Ana Lima and his Green Party counterpart Rui Costa.",
                &[
                    ("Ana Lima", P),
                    ("whip", O),
                    ("Green Party", G),
                    ("Rui Costa", P),
                ],
                &["Ana Lima|whip|-|-", "Rui Costa|whip|Green Party|-"],
            ),
            // "Her ... counterpart" opening a sentence: the last sentence's subject's
            (
                "Foreign Minister Ana Lima spoke. Her Peruvian counterpart Rui Costa will visit.",
                &[
                    ("Ana Lima", P),
                    ("Foreign Minister", O),
                    ("Peru|Peruvian*", C),
                    ("Rui Costa", P),
                ],
                &[
                    "Ana Lima|Foreign Minister|-|-",
                    "Rui Costa|Foreign Minister|Peru|-",
                ],
            ),
            // a body named again by its head word
            (
                "\"It is serious,\" said Ana Lima, the association's director general. The \
                 Chilean Automobile Association said so.",
                &[
                    ("Ana Lima", P),
                    ("director general", O),
                    ("Chilean Automobile Association", G),
                ],
                &[],
            ),
            (
                "The Chilean Automobile Association said so. \"It is serious,\" said Ana Lima, \
                 the association's director general.",
                &[
                    ("Ana Lima", P),
                    ("director general", O),
                    ("Chilean Automobile Association", G),
                ],
                &["Ana Lima|director general|Chilean Automobile Association|-"],
            ),
            // an office held then is a former one, but not the next in a list
            (
                "Ana Lima held talks with then Prime Minister Paul Dent.",
                &[("Ana Lima", P), ("Prime Minister", O), ("Paul Dent", P)],
                &["Paul Dent|Prime Minister|-|former"],
            ),
            (
                "Ana Lima met then-Prime Minister Paul Dent.",
                &[("Ana Lima", P), ("Prime Minister", O), ("Paul Dent", P)],
                &["Paul Dent|Prime Minister|-|former"],
            ),
            (
                "Ana Lima met Rui Costa, then Prime Minister Paul Dent.",
                &[
                    ("Ana Lima", P),
                    ("Rui Costa", P),
                    ("Prime Minister", O),
                    ("Paul Dent", P),
                ],
                &["Paul Dent|Prime Minister|-|-"],
            ),
            // a headline's comma joins two subjects; an apposition may go on without one
            (
                "Ana Lima, Peruvian president sign pact.",
                &[("Ana Lima", P), ("president", O), ("Peru|Peruvian*", C)],
                &[],
            ),
            (
                "Ana Lima, Peruvian president to visit Chile.",
                &[("Ana Lima", P), ("president", O), ("Peru|Peruvian*", C)],
                &[],
            ),
            (
                "Ana Lima, Peruvian president since 2021, said so.",
                &[("Ana Lima", P), ("president", O), ("Peru|Peruvian*", C)],
                &["Ana Lima|president|Peru|-"],
            ),
            (
                "Ana Lima, Peru's president sign pact.",
                &[("Ana Lima", P), ("president", O), ("Peru", C)],
                &["Ana Lima|president|Peru|-"],
            ),
            // a person's aide in apposition
            (
                "Ana Lima's spokesman, Paul Dent, said so.",
                &[("Ana Lima", P), ("spokesman", O), ("Paul Dent", P)],
                &["Paul Dent|spokesman|-|-"],
            ),
            // the subject is past an opening clause, and has no office here
            (
                "After Trade Minister Ana Lima left, Paul Dent met his Peruvian counterpart Rui Costa.",
                &[
                    ("Ana Lima", P),
                    ("Trade Minister", O),
                    ("Peru|Peruvian*", C),
                    ("Paul Dent", P),
                    ("Rui Costa", P),
                ],
                &["Ana Lima|Trade Minister|-|-"],
            ),
            // where the holder works, after the office
            (
                "\"Rates will rise,\" said Taro Sato, chief economist at Mizuho Research.",
                &[
                    ("Taro Sato", P),
                    ("chief economist", O),
                    ("Mizuho Research", G),
                ],
                &["Taro Sato|chief economist|Mizuho Research|-"],
            ),
            // but no name after such a phrase is its holder
            (
                "He was vice president at Mizuho Research Taro Sato said.",
                &[
                    ("Taro Sato", P),
                    ("vice president", O),
                    ("Mizuho Research", G),
                ],
                &[],
            ),
            // an office named short beside its full name adds nothing
            (
                "Saudi Crown Prince Faisal Saud arrived. It was Saudi Prince Faisal's first visit.",
                &[
                    ("Faisal Saud|Faisal", P),
                    ("Crown Prince", O),
                    ("Prince", O),
                    ("Saudi Arabia|Saudi*", C),
                ],
                &["Faisal Saud|Crown Prince|Saudi Arabia|-"],
            ),
            // pre-modifier chains
            (
                "Italian Finance Minister Marco Bellini arrived late.",
                &[
                    ("Marco Bellini", P),
                    ("Finance Minister", O),
                    ("Italy|Italian*", C),
                ],
                &["Marco Bellini|Finance Minister|Italy|-"],
            ),
            (
                "Talks began after U.S. President Ann Carter landed.",
                &[
                    ("Ann Carter", P),
                    ("President", O),
                    ("United States|U.S.", C),
                ],
                &["Ann Carter|President|United States|-"],
            ),
            (
                "Defense Minister Kenji Ono inspected the base.",
                &[("Kenji Ono", P), ("Defense Minister", O)],
                &["Kenji Ono|Defense Minister|-|-"],
            ),
            // an honorific between the office and the name
            (
                "British Prime Minister Sir Alan Reid arrived.",
                &[
                    ("Alan Reid", P),
                    ("Prime Minister", O),
                    ("United Kingdom|British*", C),
                ],
                &["Alan Reid|Prime Minister|United Kingdom|-"],
            ),
            (
                "Qatar's Prime Minister Sheikh Hamad bin Nasser spoke.",
                &[("Hamad bin Nasser", P), ("Prime Minister", O), ("Qatar", C)],
                &["Hamad bin Nasser|Prime Minister|Qatar|-"],
            ),
            (
                "Iran's Supreme Leader Ayatollah Ali Reza spoke.",
                &[("Ali Reza", P), ("Supreme Leader", O), ("Iran", C)],
                &["Ali Reza|Supreme Leader|Iran|-"],
            ),
            // a royal style or a rank between the office and the name
            (
                "Saudi Foreign Minister Prince Khalid bin Saud spoke.",
                &[
                    ("Khalid bin Saud", P),
                    ("Foreign Minister", O),
                    ("Prince", O),
                    ("Saudi Arabia|Saudi*", C),
                ],
                &["Khalid bin Saud|Foreign Minister|Saudi Arabia|-"],
            ),
            (
                "They phoned army chief General Omar Saleh.",
                &[("Omar Saleh", P), ("army chief", O), ("General", O)],
                &["Omar Saleh|army chief|-|-"],
            ),
            (
                "Co-Premiers Prince Sisowath Ranariddh and Hun Sen agreed.",
                &[
                    ("Sisowath Ranariddh", P),
                    ("Hun Sen", P),
                    ("Co-Premier|Co-Premiers", O),
                    ("Prince", O),
                ],
                &["Sisowath Ranariddh|Prince|-|-"],
            ),
            // where an ambassador serves is not whose ambassador they are
            (
                "Canadian Ambassador to the United States Ann Hill left.",
                &[
                    ("Ann Hill", P),
                    ("Ambassador", O),
                    ("Canada|Canadian*", C),
                    ("United States", C),
                ],
                &["Ann Hill|Ambassador|Canada|-"],
            ),
            (
                "U.S. Ambassador to Japan Ann Carter said Washington stood by Tokyo.",
                &[
                    ("Ann Carter", P),
                    ("Ambassador", O),
                    ("United States|U.S.|Washington", C),
                    ("Japan|Tokyo", C),
                ],
                &["Ann Carter|Ambassador|United States|-"],
            ),
            // a portfolio between the polity and the office
            (
                "EU climate commissioner Ana Lima spoke.",
                &[("Ana Lima", P), ("commissioner", O), ("EU", G)],
                &["Ana Lima|commissioner|EU|-"],
            ),
            (
                "The EU said commissioner Ana Lima would go.",
                &[("Ana Lima", P), ("commissioner", O), ("EU", G)],
                &["Ana Lima|commissioner|-|-"],
            ),
            // the body named after a country's possessive
            (
                "Ana Lima, secretary of Chile's Security Council, met him.",
                &[
                    ("Ana Lima", P),
                    ("secretary", O),
                    ("Chile", C),
                    ("Security Council", G),
                ],
                &["Ana Lima|secretary|Security Council|-"],
            ),
            // so too where a consul serves
            (
                "Chilean Consul General in Quito Ana Lima left.",
                &[
                    ("Ana Lima", P),
                    ("Consul General", O),
                    ("Chile|Chilean*", C),
                    ("Quito", L),
                ],
                &["Ana Lima|Consul General|Chile|-"],
            ),
            (
                "Chilean Vice Foreign Minister Ana Lima left.",
                &[
                    ("Ana Lima", P),
                    ("Foreign Minister", O),
                    ("Chile|Chilean*", C),
                ],
                &["Ana Lima|Foreign Minister|Chile|deputy"],
            ),
            (
                "Former Brazilian President Rui Costa was cleared.",
                &[("Rui Costa", P), ("President", O), ("Brazil|Brazilian*", C)],
                &["Rui Costa|President|Brazil|former"],
            ),
            (
                "Canada's acting Prime Minister Lee Park spoke first.",
                &[("Lee Park", P), ("Prime Minister", O), ("Canada", C)],
                &["Lee Park|Prime Minister|Canada|acting"],
            ),
            (
                "Chilean Fisheries Minister Ana Lima left early.",
                &[("Ana Lima", P), ("Minister", O), ("Chile|Chilean*", C)],
                &["Ana Lima|Minister|Chile|-"],
            ),
            (
                "U.N. Secretary-General Ana Lima called for calm.",
                &[("Ana Lima", P), ("Secretary-General", O), ("U.N.", G)],
                &["Ana Lima|Secretary-General|U.N.|-"],
            ),
            (
                "President-elect Tom Reed named his team.",
                &[("Tom Reed", P), ("President-elect", O)],
                &["Tom Reed|President-elect|-|elect"],
            ),
            // appositions
            (
                "Paul Dent, the British foreign secretary, flew in.",
                &[
                    ("Paul Dent", P),
                    ("foreign secretary", O),
                    ("Britain|British*", C),
                ],
                &["Paul Dent|foreign secretary|Britain|-"],
            ),
            (
                "Sato, Japan\u{2019}s defense minister, declined to comment.",
                &[("Sato", P), ("defense minister", O), ("Japan", C)],
                &["Sato|defense minister|Japan|-"],
            ),
            (
                "Jane Roe, 61, a former deputy prime minister of Peru, died.",
                &[("Jane Roe", P), ("prime minister", O), ("Peru", C)],
                &["Jane Roe|prime minister|Peru|former"],
            ),
            // an office phrase before a speech verb is the next clause's subject
            (
                "They spoke with Jane Roe, a Peruvian government spokesman said.",
                &[("Jane Roe", P), ("spokesman", O), ("Peru|Peruvian*", C)],
                &[],
            ),
            (
                "Earlier, the president of Chile, Luis Soto, opened the session.",
                &[("Luis Soto", P), ("president", O), ("Chile", C)],
                &["Luis Soto|president|Chile|-"],
            ),
            // copulas and verbs
            (
                "Mia Holt became Norway's new prime minister on Monday.",
                &[("Mia Holt", P), ("prime minister", O), ("Norway", C)],
                &["Mia Holt|prime minister|Norway|-"],
            ),
            (
                "Ines Kahl was sworn in as Austria's 13th president on Sunday.",
                &[("Ines Kahl", P), ("president", O), ("Austria", C)],
                &["Ines Kahl|president|Austria|-"],
            ),
            (
                "Ines Kahl became chancellor on Monday, replacing Otto Brandt.",
                &[("Ines Kahl", P), ("Otto Brandt", P), ("chancellor", O)],
                &[
                    "Ines Kahl|chancellor|-|-",
                    "Otto Brandt|chancellor|-|former",
                ],
            ),
            (
                "Omar Haddad was sworn in as president of Lebanon.",
                &[("Omar Haddad", P), ("president", O), ("Lebanon", C)],
                &["Omar Haddad|president|Lebanon|-"],
            ),
            (
                "Kim Dae-ho, who retained his post as finance minister, said little.",
                &[("Kim Dae-ho", P), ("finance minister", O)],
                &["Kim Dae-ho|finance minister|-|-"],
            ),
            (
                "The king appointed Hugo Brandt foreign minister.",
                &[("Hugo Brandt", P), ("foreign minister", O)],
                &["Hugo Brandt|foreign minister|-|-"],
            ),
            // a cleric's title between the office and the name
            (
                "Secretary of State Cardinal Hugo Brandt arrived.",
                &[("Secretary of State", O), ("Hugo Brandt", P)],
                &["Hugo Brandt|Secretary of State|-|-"],
            ),
            // "its" is the appointing body's; "his" and "sole" change nothing
            (
                "Toyota on Monday named Koji Sato as its new president.",
                &[("Toyota", G), ("Koji Sato", P), ("president", O)],
                &["Koji Sato|president|Toyota|-"],
            ),
            (
                "The president named Hugo Brandt as his foreign minister.",
                &[("Hugo Brandt", P), ("foreign minister", O)],
                &["Hugo Brandt|foreign minister|-|-"],
            ),
            (
                "The board named Lena Vogt as sole chief executive.",
                &[("Lena Vogt", P), ("chief executive", O)],
                &["Lena Vogt|chief executive|-|-"],
            ),
            (
                "Lena Vogt was named interim chancellor.",
                &[("Lena Vogt", P), ("chancellor", O)],
                &["Lena Vogt|chancellor|-|interim"],
            ),
            (
                "Eva Berg succeeded Lars Holm as Sweden's prime minister in 2022.",
                &[
                    ("Eva Berg", P),
                    ("Lars Holm", P),
                    ("prime minister", O),
                    ("Sweden", C),
                ],
                &[
                    "Eva Berg|prime minister|Sweden|-",
                    "Lars Holm|prime minister|Sweden|former",
                ],
            ),
            // the country carries over from the same person's other relation
            (
                "Greek Prime Minister Nikos Pappas arrived. Pappas, who is also defense minister, spoke.",
                &[
                    ("Nikos Pappas|Pappas", P),
                    ("Prime Minister", O),
                    ("defense minister", O),
                    ("Greece|Greek*", C),
                ],
                &[
                    "Nikos Pappas|Prime Minister|Greece|-",
                    "Nikos Pappas|defense minister|Greece|-",
                ],
            ),
            (
                "Foreign Ministers Ana Lima and Paul Dent met in Oslo.",
                &[
                    ("Ana Lima", P),
                    ("Paul Dent", P),
                    ("Foreign Minister|Foreign Ministers", O),
                ],
                &[
                    "Ana Lima|Foreign Minister|-|-",
                    "Paul Dent|Foreign Minister|-|-",
                ],
            ),
            // negatives
            (
                "Lopez is one of three ministers Garcia kept from the old cabinet.",
                &[("Lopez", P), ("Garcia", P), ("Minister|ministers", O)],
                &[],
            ),
            (
                "The president's plane landed in Lima.",
                &[("president", O), ("Lima", L)],
                &[],
            ),
            (
                "Tanaka's cabinet said the plan would go ahead.",
                &[("Tanaka", P), ("cabinet", G)],
                &[],
            ),
            (
                "Rui Costa, the president's son, was arrested.",
                &[("Rui Costa", P), ("president", O)],
                &[],
            ),
            (
                "After meeting the president, Ana Lima, who leads the party, left.",
                &[("Ana Lima", P), ("president", O)],
                &[],
            ),
            (
                "Ana Lima was with the prime minister in Rome.",
                &[("Ana Lima", P), ("prime minister", O), ("Rome", L)],
                &[],
            ),
            (
                "Ana Lima is a prime minister hopeful.",
                &[("Ana Lima", P), ("prime minister", O)],
                &[],
            ),
            (
                "Chancellor Ana Lima, the minister in charge of the budget, spoke.",
                &[("Ana Lima", P), ("Chancellor", O), ("Minister|minister", O)],
                &["Ana Lima|Chancellor|-|-"],
            ),
            (
                "Ana Lima met the prime minister.",
                &[("Ana Lima", P), ("prime minister", O)],
                &[],
            ),
        ];
        for (text, specs, want) in cases {
            assert_eq!(run(text, specs), *want, "{text}");
        }
    }
}
