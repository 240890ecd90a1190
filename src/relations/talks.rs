//! `talks`: two or more people or countries who met, called, visited or held talks, with the
//! place and date when the sentence gives them.
//!
//! Shapes, in the order they are tried on a sentence:
//! - "talks / a meeting / a call between X and Y";
//! - a coordinated subject with a meeting word after it: "X and Y held talks", "X and Y
//!   agreed in phone talks", "X and Y discussed ...";
//! - a verb with the other side as object: "X met Y", "X visited Y", "X hosted Y";
//! - a meeting word with "with": "X spoke by phone with Y", "X held talks with Y", "X's
//!   meeting with Y";
//! - "the two" / "both sides" with a meeting or agreeing verb: the participants of the talks
//!   found in the last few sentences, else the two people of the previous sentence when it
//!   names exactly two;
//! - a sentence about a call, meeting or summit that names exactly two people: those two.
//!
//! A person is a participant; a country is one when no person stands in its place ("Japan
//! and China held talks"); an unnamed official ("met Japan's prime minister") is none.

use std::collections::HashMap;

use crate::entities::{EntityType, MentionForm};
use crate::quotes::SPEECH_VERBS;

use super::{
    Doc, MAX_PAIRS_PER_SENTENCE, Ment, Relation, RelationKind, Span, WordSet, holds_office,
};

/// Nouns that name a meeting.
pub(crate) static MEETING_NOUNS: WordSet = WordSet::new(&[
    "call",
    "calls",
    "consultations",
    "conversation",
    "conversations",
    "dialogue",
    "discussion",
    "discussions",
    "meeting",
    "meetings",
    "negotiations",
    "phone",
    "summit",
    "summits",
    "talks",
    "teleconference",
    "telephone",
    "videoconference",
    "visit",
    "visits",
])
.at(23);

/// Words a "talks between" phrase turns on.
pub(crate) static BETWEEN: WordSet = WordSet::new(&["among", "between"]).at(21);

/// "with", which a "met with" phrase turns on.
pub(crate) static WITH: WordSet = WordSet::new(&["with"]).at(31);

/// Words "the two" / "both sides" turn on: "two" (after "the") and "both".
pub(crate) static THE_TWO: WordSet = WordSet::new(&["both", "two"]).at(28);

/// Verbs whose object is the other side: "X met Y", "X visited Y".
pub(crate) static OBJECT_VERBS: WordSet = WordSet::new(&[
    "host",
    "hosted",
    "hosting",
    "hosts",
    "meet",
    "meeting",
    "meets",
    "met",
    "phoned",
    "received",
    "receives",
    "receiving",
    "telephoned",
    "visit",
    "visited",
    "visiting",
    "visits",
    "welcomed",
    "welcomes",
    "welcoming",
])
.at(25);

/// Verbs that take the other side with "with" or "to": "X spoke with Y".
pub(crate) static WITH_VERBS: WordSet = WordSet::new(&[
    "conferred",
    "meet",
    "meeting",
    "meets",
    "met",
    "negotiated",
    "sat",
    "sit",
    "sits",
    "sitting",
    "speak",
    "speaking",
    "speaks",
    "spoke",
    "spoken",
    "talk",
    "talked",
    "talking",
    "talks",
])
.at(33);

/// Verbs that, with two subjects, say the two met: "X and Y agreed ...".
pub(crate) static JOINT_VERBS: WordSet = WordSet::new(&[
    "affirmed",
    "agreed",
    "confirmed",
    "discussed",
    "exchanged",
    "held",
    "hold",
    "holds",
    "reaffirmed",
    "shared",
    "signed",
])
.at(22);

/// Words that may stand between a meeting word and "with": "spoke by phone with".
pub(crate) static WITH_GAP: WordSet = WordSet::new(&[
    "a",
    "bilateral",
    "brief",
    "by",
    "day",
    "down",
    "earlier",
    "held",
    "in",
    "later",
    "on",
    "phone",
    "separately",
    "telephone",
    "the",
    "video",
])
.at(32);

/// Role nouns that stand in a participant phrase like an office: "Chinese counterpart Li".
pub(crate) static ROLE_NOUNS: WordSet = WordSet::new(&[
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "counterpart",
    "counterparts",
    "delegation",
    "emissary",
    "envoy",
    "leader",
    "leaders",
    "official",
    "officials",
    "representative",
    "representatives",
])
.at(26);

/// Words between a subject and its verb: auxiliaries, and the plans of "is scheduled to",
/// "are expected to", "is set to".
pub(crate) static AUX: WordSet = WordSet::new(&[
    "also",
    "already",
    "are",
    "be",
    "briefly",
    "could",
    "did",
    "due",
    "expected",
    "had",
    "has",
    "have",
    "is",
    "later",
    "may",
    "might",
    "once",
    "planned",
    "plans",
    "reportedly",
    "scheduled",
    "separately",
    "set",
    "slated",
    "then",
    "to",
    "was",
    "were",
    "will",
    "would",
])
.at(20);

const WEEKDAY_WORDS: &[&str] = &[
    "Friday",
    "Monday",
    "Saturday",
    "Sunday",
    "Thursday",
    "Tuesday",
    "Wednesday",
];
pub(crate) static WEEKDAYS: WordSet = WordSet::new(WEEKDAY_WORDS).at(30);
const DAY_WORDS: &[&str] = &["today", "tomorrow", "tonight", "yesterday"];

/// Words that open a date expression besides weekdays, [`DAY_WORDS`] and months ("last
/// week").
const RELATIVE_WORDS: &[&str] = &["last", "next", "this"];

/// Every word a date expression of [`date_between`] opens with: weekdays, [`DAY_WORDS`],
/// months and [`RELATIVE_WORDS`], so that the scan tests each token once.
pub(crate) static DATE_OPENERS: WordSet = WordSet::new(&DATE_OPENER_WORDS).at(36);
const DATE_OPENER_WORDS: [&str; DATE_OPENER_COUNT] =
    joined([WEEKDAY_WORDS, DAY_WORDS, MONTH_WORDS, RELATIVE_WORDS]);
const DATE_OPENER_COUNT: usize =
    WEEKDAY_WORDS.len() + DAY_WORDS.len() + MONTH_WORDS.len() + RELATIVE_WORDS.len();

/// The words of `lists` one after the other, made when compiling.
const fn joined<const N: usize>(lists: [&[&'static str]; 4]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut n, mut l) = (0, 0);
    while l < lists.len() {
        let mut k = 0;
        while k < lists[l].len() {
            out[n] = lists[l][k];
            n += 1;
            k += 1;
        }
        l += 1;
    }
    assert!(n == N, "N is the number of words in `lists`");
    out
}
const MONTH_WORDS: &[&str] = &[
    "Apr.",
    "April",
    "Aug.",
    "August",
    "Dec.",
    "December",
    "Feb.",
    "February",
    "Jan.",
    "January",
    "July",
    "June",
    "March",
    "May",
    "Nov.",
    "November",
    "Oct.",
    "October",
    "Sept.",
    "September",
];
pub(crate) static MONTHS: WordSet = WordSet::new(MONTH_WORDS).at(24);

/// Finds talks relations.
pub(crate) fn extract(doc: &Doc) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let mut index: HashMap<Vec<usize>, usize> = HashMap::new();
    for si in 0..doc.sentences.len() {
        let mut found: Vec<(Vec<Ment>, Span)> = Vec::new();
        between(doc, si, &mut found);
        attended_by(doc, si, &mut found);
        coordinated(doc, si, &mut found);
        verb_object(doc, si, &mut found);
        called(doc, si, &mut found);
        told_at_meeting(doc, si, &mut found);
        with_phrase(doc, si, &mut found);
        the_two(doc, si, &out, &mut found);
        if found.is_empty() {
            only_two_people(doc, si, &mut found);
        }

        // two readings of one phrase ("met with X, Y and Z" as a verb's object and after
        // "with"): the one naming fewer is part of the other
        let part_of = |(a, sa): &(Vec<Ment>, Span), (b, sb): &(Vec<Ment>, Span)| {
            sa.start < sb.end
                && sb.start < sa.end
                && a.len() < b.len()
                && a.iter().all(|m| b.iter().any(|n| n.entity == m.entity))
        };
        let subsumed: Vec<bool> = found
            .iter()
            .map(|f| found.len() > 1 && found.iter().any(|g| part_of(f, g)))
            .collect();
        for ((parts, evidence), subsumed) in found.into_iter().zip(subsumed) {
            if subsumed {
                continue;
            }
            let mut participants: Vec<usize> = Vec::new();
            for p in &parts {
                if !participants.contains(&p.entity) {
                    participants.push(p.entity);
                }
            }
            if participants.len() < 2 {
                continue;
            }
            // "During their talks in Tokyo, X and Y agreed": the meeting that opens the
            // sentence says where and when
            let setting = opening_meeting(doc, si).map_or(evidence, |start| Span {
                start: start.min(evidence.start),
                ..evidence
            });
            let place = place_in(doc, si, &participants, setting)
                .or_else(|| closing_meeting_place(doc, si, &participants, evidence));
            let date = date_in(doc, si, setting);
            // "X met separately with Y and Z": two meetings, X's with each
            let separately = || {
                let from = doc.tokens.partition_point(|t| t.end <= evidence.start);
                let to = doc.tokens.partition_point(|t| t.end <= evidence.end);
                (from..to).any(|t| doc.is(t, &["separately"]))
            };
            let meetings = if participants.len() > 2 && separately() {
                participants[1..]
                    .iter()
                    .map(|&y| vec![participants[0], y])
                    .collect()
            } else {
                vec![participants]
            };
            for participants in meetings {
                push(
                    doc,
                    &mut out,
                    &mut index,
                    Relation {
                        kind: RelationKind::Talks {
                            participants,
                            place,
                            date,
                        },
                        sentence: si,
                        evidence,
                    },
                );
            }
        }
    }
    out
}

/// Where a sentence opening with its meeting ("During their talks in Tokyo, ...", "After
/// the meeting, ...") starts, in bytes.
fn opening_meeting(doc: &Doc, si: usize) -> Option<usize> {
    let r = doc.sent_tokens(si);
    if !doc.is(r.start, &SETTING_PREPOSITIONS) {
        return None;
    }
    (r.start + 1..(r.start + 6).min(r.end))
        .take_while(|&t| !doc.is(t, &[","]))
        .any(|t| doc.is(t, &MEETING_NOUNS))
        .then(|| doc.tokens[r.start].start)
}

/// Where a meeting named later in the sentence, after the evidence, was held: "X and Y
/// agreed ..., the two leaders said after talks at Hyderabad House". Only a meeting the
/// sentence sets ("after", "at", "during", "following" and a few lower-case words: not
/// "after Z's talks in Geneva") and a place right after its "in" or "at".
fn closing_meeting_place(
    doc: &Doc,
    si: usize,
    participants: &[usize],
    evidence: Span,
) -> Option<usize> {
    let r = doc.sent_tokens(si);
    let from = doc.tokens.partition_point(|t| t.end <= evidence.end);
    let noun = (from..r.end).find(|&t| {
        doc.is(t, &MEETING_NOUNS)
            && (1..=3).any(|back| {
                t >= r.start + back
                    && doc.is(t - back, &["after", "at", "during", "following"])
                    && (t - back + 1..t).all(|k| doc.word(k).starts_with(char::is_lowercase))
            })
    })?;
    if !doc.is(noun + 1, &["in", "at"]) {
        return None;
    }
    let the = usize::from(doc.is(noun + 2, &["the"]));
    let m = doc.starting(noun + 2 + the)?;
    (matches!(m.kind, EntityType::Place | EntityType::Country)
        && m.form != MentionForm::Demonym
        && !participants.contains(&m.entity))
    .then_some(m.entity)
}

/// Adds a relation unless one with the same participants exists (`index`: sorted
/// participants to position in `out`); then fills its place and date from the new one.
fn push(doc: &Doc, out: &mut Vec<Relation>, index: &mut HashMap<Vec<usize>, usize>, r: Relation) {
    let RelationKind::Talks {
        participants: ref new,
        place,
        date,
    } = r.kind
    else {
        return;
    };
    let key = sorted(new);
    if let Some(&i) = index.get(&key) {
        if let RelationKind::Talks {
            place: p, date: d, ..
        } = &mut out[i].kind
        {
            // a place within a country says more than the country ("at the White House",
            // then "in the Oval Office")
            let country =
                |e: Option<usize>| e.is_some_and(|e| doc.entities[e].kind == EntityType::Country);
            if p.is_none() || (country(*p) && place.is_some() && !country(place)) {
                *p = place.or(*p);
            }
            *d = d.or(date);
        }
        return;
    }
    index.insert(key, out.len());
    out.push(r);
}

fn sorted(v: &[usize]) -> Vec<usize> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v
}

/// A participant phrase starting at `j`: determiners, qualifiers, country and office
/// modifiers, then a person. Returns the participant and the token after the phrase.
fn participant_at(doc: &Doc, j: usize, hi: usize) -> Option<(Ment, usize)> {
    let mut k = j;
    let mut country: Option<(Ment, usize)> = None;
    let mut role = false;
    let mut counterpart = None;
    let mut steps = 0;
    while k < hi && steps < 12 {
        steps += 1;
        if let Some(p) = doc.starting_of(k, &[EntityType::Person]) {
            // "Trump envoy", "Putin's aide": a person before an office or role only says
            // whose official follows
            let mut after = p.last;
            if after < hi && doc.is_possessive(after) {
                after += 1;
            }
            let whose = after < hi
                && (doc.is(after, &ROLE_NOUNS)
                    || doc.starting_of(after, &[EntityType::Office]).is_some());
            if !whose {
                return Some((p, p.last));
            }
            role = true;
            k = after;
            continue;
        }
        if let Some(m) = doc.starting(k) {
            match m.kind {
                EntityType::Country => {
                    // "Ethiopia's Abiy": a possessive country only modifies who follows
                    if doc.is_possessive(m.last) {
                        role = true;
                    } else if country.is_none() {
                        country = Some((m, m.last));
                    }
                }
                EntityType::Office | EntityType::Organization => role = true,
                EntityType::Place | EntityType::Person => break,
            }
            k = m.last;
            continue;
        }
        if doc.is(k, &ROLE_NOUNS) {
            role = true;
            if doc.is(k, &["counterpart"]) {
                counterpart = Some(k);
            }
        } else if role
            && let Some(m) = holds_office::posted_to(doc, k)
            && doc.is(m.last, &[","])
        {
            // "the U.S. charge d'affaires in Bogota, X": where the official is posted
            k = m.last;
            continue;
        } else if role && doc.is(k, &["led", "headed"]) && doc.is(k + 1, &["by"]) {
            // "a Ukrainian delegation led by Andriy Yermak": its head
            k += 2;
            continue;
        } else if role
            && doc.is(k, &[","])
            && let Some(p) = doc.starting_of(k + 1, &[EntityType::Person]).or_else(|| {
                let titled = doc.is(k + 1, &holds_office::HONORIFICS);
                titled.then(|| doc.starting_of(k + 2, &[EntityType::Person]))?
            })
        {
            // "the EU's climate commissioner, Wopke Hoekstra", "his Qatari counterpart,
            // Sheikh Mohammed ...": the name in apposition
            return Some((p, p.last));
        } else if k + 1 < hi
            && (doc.is(k + 1, &ROLE_NOUNS)
                || doc.starting_of(k + 1, &[EntityType::Office]).is_some())
            && doc.word(k).bytes().all(|b| b.is_ascii_lowercase())
            && !doc.is(
                k,
                &[
                    "and", "or", "with", "to", "by", "as", "since", "after", "before", "when",
                    "while", "until", "than", "from", "in", "on", "at", "for",
                ],
            )
        {
            role = true; // "special envoy", "climate commissioner"
        } else if starts_upper(doc.word(k)) && !doc.is(k, &WEEKDAYS) && !doc.is(k, &MONTHS) {
            // an unrecognised modifier or title before a name: "Russian Fisheries Minister
            // X", "Argentine President X"; without a name after it, nobody is named
            role = true;
        } else if !(doc.is(k, &["the", "a", "an", "his", "her", "their", "its"])
            || doc.is_possessive(k)
            || doc.qualifier_at(k, false).is_some())
        {
            break;
        }
        k += 1;
    }
    // "in a call with Thai counterpart" naming nobody: the one official of that country the
    // document names
    if let (Some((c, _)), Some(t)) = (country, counterpart)
        && t + 1 == k
        && let Some(p) = doc.only_official_of(c.entity)
    {
        let at = c.at_token(doc, t, doc.sentence_of(t));
        return Some((
            Ment {
                entity: p,
                kind: EntityType::Person,
                form: MentionForm::Name,
                ..at
            },
            k,
        ));
    }
    // a demonym stands for its country only with a name after it ("Russian officials" are
    // not Russia)
    match country {
        Some((m, _)) if role || m.form == MentionForm::Demonym => None,
        c => c,
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A list "A, B and C" starting at `j`; all people or all countries.
fn list_at(doc: &Doc, j: usize, hi: usize) -> Option<(Vec<Ment>, usize)> {
    let (first, mut k) = participant_at(doc, j, hi)?;
    // (made with the second participant: most lists are one name, and none is kept)
    let mut parts = Vec::new();
    // (a list is closed by "and", or is a headline's "X, Y sign treaty": "met Y, Kremlin
    // spokesman Z told reporters" names one)
    let mut closed = false;
    while parts.len().max(1) < 8 {
        if doc.is(k, &["and"]) || (doc.is(k, &[","]) && !doc.is(k + 1, &["who", "which"])) {
            let and = doc.is(k, &["and"]) || doc.is(k + 1, &["and"]);
            let next = if doc.is(k, &[","]) && doc.is(k + 1, &["and"]) {
                k + 2
            } else {
                k + 1
            };
            match participant_at(doc, next, hi) {
                Some((m, e)) if m.kind == first.kind => {
                    if parts.is_empty() {
                        parts.push(first);
                    }
                    parts.push(m);
                    k = e;
                    if and {
                        closed = true;
                        break;
                    }
                }
                _ => break,
            }
        } else {
            break;
        }
    }
    let reported = || doc.is(k, &SPEECH_VERBS) || doc.is(k + 1, &SPEECH_VERBS);
    (parts.len() >= 2 && (closed || !reported())).then_some((parts, k))
}

/// "talks between X and Y".
fn between(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    if !(doc.sentence_has(si, &BETWEEN) && doc.sentence_has(si, &MEETING_NOUNS)) {
        return;
    }
    let r = doc.sent_tokens(si);
    for i in r.clone() {
        if !doc.is(i, &BETWEEN) {
            continue;
        }
        let Some(t) = (i.saturating_sub(3).max(r.start)..i)
            .rev()
            .find(|&t| doc.is(t, &MEETING_NOUNS))
        else {
            continue;
        };
        if only_proposed(doc, t, r.start) {
            continue;
        }
        // "talks between Russian and Ukrainian delegations": the countries are the sides
        let sides = || doc.starting(i + 1).and_then(|m| sides_of(doc, &m, r.end));
        if let Some((parts, end)) = list_at(doc, i + 1, r.end).or_else(sides) {
            found.push((parts, doc.span(t, end)));
        }
    }
}

/// How many tokens after a meeting word "attended by" is looked for: past a place and a date.
const ATTENDED_REACH: usize = 10;

/// "X brokered the truce at talks in Z on July 28 attended by A and B": those who attended,
/// and the person the sentence opens with, who was there.
fn attended_by(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    if !doc.sentence_has(si, &MEETING_NOUNS) {
        return;
    }
    let r = doc.sent_tokens(si);
    for t in r.clone() {
        if !doc.is(t, &MEETING_NOUNS) {
            continue;
        }
        let Some(a) = (t + 1..r.end.min(t + ATTENDED_REACH))
            .take_while(|&k| !doc.is(k, &[";", ","]) && !doc.is_quote(k))
            .find(|&k| doc.is(k, &["attended"]) && doc.is(k + 1, &["by"]))
        else {
            continue;
        };
        // (the whole list: not "A, B and C's aides")
        let (mut parts, end) = match list_at(doc, a + 2, r.end) {
            Some(list) if !doc.is(list.1, &["and", ","]) => list,
            _ => continue,
        };
        let mut from = t;
        if let Some(x) = main_subject(doc, si, t)
            && parts.iter().all(|p| p.entity != x.entity)
        {
            from = x.first;
            parts.insert(0, x);
        }
        found.push((parts, doc.span(from, end)));
    }
}

/// "X and Y held talks", "X and Y agreed in phone talks", "X and Y met".
fn coordinated(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    // the trigger stands in the sentence (or just after it) when its mentions do
    if doc.tidy
        && !(doc.sentence_has(si, &JOINT_VERBS)
            || doc.sentence_has(si, &OBJECT_VERBS)
            || doc.sentence_has(si, &WITH_VERBS)
            || doc.sentence_has(si, &MEETING_NOUNS))
    {
        return;
    }
    let r = doc.sent_tokens(si);
    let mut tried = 0;
    let mut after_last = 0;
    for m in doc.mentions(si) {
        if m.first < after_last
            || !matches!(
                m.kind,
                EntityType::Person | EntityType::Country | EntityType::Office
            )
        {
            continue;
        }
        tried += 1;
        if tried > MAX_PAIRS_PER_SENTENCE {
            break;
        }
        let Some((parts, end)) = list_at(doc, m.first, r.end).or_else(|| sides_of(doc, m, r.end))
        else {
            continue;
        };
        after_last = end;
        // "witnessed by X and Y", "mediated by X and Y": the agents of a passive did
        // something together, they did not meet each other
        if m.first > r.start && doc.is(m.first - 1, &["by"]) {
            continue;
        }
        // "Z was expected to join X and Y at the talks": Z's side, not a meeting of X and Y
        if m.first > r.start
            && doc.is(
                m.first - 1,
                &[
                    "join",
                    "joined",
                    "joining",
                    "joins",
                    "accompanied",
                    "accompanying",
                ],
            )
        {
            continue;
        }
        // right after the list (past auxiliaries): a meeting or joint verb
        let mut k = end;
        while k < r.end && (doc.is(k, &AUX) || doc.is_quote(k) || is_weekday(doc, k)) {
            k += 1;
        }
        let direct =
            (doc.is(k, &JOINT_VERBS) || doc.is(k, &OBJECT_VERBS) || doc.is(k, &WITH_VERBS))
                && !passive(doc, k)
                && !held_other_than_talks(doc, k, r.end);
        // a meeting word in the same clause: "X and Y agreed on Tuesday in phone talks"
        let later = (end..r.end.min(end + LIST_REACH))
            .take_while(|&t| !doc.is(t, &[";"]) && !doc.is_quote(t))
            .find(|&t| doc.is(t, &MEETING_NOUNS) || doc.is(t, &["met", "meet"]))
            // "X and Y also attended the meeting": others' meeting, which they sat in on
            .filter(|&t| {
                !(end..t).any(|k| doc.is(k, &["attend", "attended", "attending", "attends"]))
            });
        let trigger = if direct { Some(k) } else { later };
        if let Some(t) = trigger {
            // "X and Y met Z": whom they met took part too
            let mut parts = parts;
            let mut last = t + 1;
            // "X and Y held talks with Z", "X and Y spoke by phone with Z": so did Z
            let with = (t + 1..(t + 6).min(r.end))
                .take_while(|&w| {
                    doc.is(w, &WITH) || doc.is(w, &WITH_GAP) || doc.is(w, &MEETING_NOUNS)
                })
                .find(|&w| doc.is(w, &WITH));
            let object = if doc.is(t, &OBJECT_VERBS) {
                Some(t + 1 + usize::from(doc.is(t + 1, &WITH)))
            } else {
                with.map(|w| w + 1)
            };
            // "mediators from X and Y met Hamas negotiators": they met a body together, not
            // each other
            if let Some(o) = object
                && doc
                    .starting(o)
                    .is_some_and(|b| b.kind == EntityType::Organization)
            {
                continue;
            }
            if let Some(o) = object {
                let kind = parts[0].kind;
                let objects = list_at(doc, o, r.end)
                    .or_else(|| participant_at(doc, o, r.end).map(|(p, e)| (vec![p], e)));
                // "advisers from X, Y and Z met the two delegations", "X and Y met
                // Ukrainian officials": others no name gives, whom they met together
                let unnamed = || {
                    let q = doc
                        .starting(o)
                        .filter(|c| c.kind == EntityType::Country)
                        .map_or(o, |c| c.last);
                    doc.is(o, &UNNAMED_OBJECT)
                        || doc.is(q, &ROLE_NOUNS)
                        || doc.is(q, &["negotiators", "team", "ministers", "lawmakers"])
                };
                if objects.is_none() && unnamed() {
                    continue;
                }
                if let Some((objects, e)) = objects
                    && objects.iter().all(|o| {
                        o.kind == kind
                            || (kind == EntityType::Country && o.kind == EntityType::Person)
                    })
                {
                    parts.extend(objects);
                    last = e;
                }
            }
            found.push((parts, doc.span(m.first, last)));
        }
    }
}

/// Words opening the object of "met" when it names no one: "met the two delegations", "met
/// reporters".
static UNNAMED_OBJECT: WordSet = WordSet::new(&[
    "a",
    "an",
    "both",
    "delegates",
    "his",
    "her",
    "its",
    "reporters",
    "several",
    "some",
    "the",
    "their",
    "three",
    "two",
]);

/// "X and Y held a joint drill", "exchanged fire": what was held or exchanged was no meeting
/// ("held talks", "held a phone call", "exchanged views" are).
fn held_other_than_talks(doc: &Doc, k: usize, hi: usize) -> bool {
    if doc.is(k, &["exchanged"]) {
        return doc.is(k + 1, &["fire", "gunfire", "blows"]);
    }
    doc.is(k, &["held", "hold", "holds"])
        && !(k + 1..hi.min(k + 6))
            .take_while(|&t| !doc.is(t, &[",", ";"]))
            .any(|t| doc.is(t, &MEETING_NOUNS))
}

/// "Ukrainian and American negotiators", "U.S. and Chinese officials": two countries'
/// people, unnamed, before what they did; the countries are the sides.
fn sides_of(doc: &Doc, m: &Ment, hi: usize) -> Option<(Vec<Ment>, usize)> {
    if m.kind != EntityType::Country || !doc.is(m.last, &["and"]) {
        return None;
    }
    let other = doc
        .starting(m.last + 1)
        .filter(|o| o.kind == EntityType::Country && o.entity != m.entity)?;
    let mut k = other.last;
    if let Some(o) = doc
        .starting_of(k, &[EntityType::Office])
        .filter(|o| holds_office::is_plural(doc, o))
    {
        k = o.last;
    } else if doc.is(k, &SIDES_NOUNS) {
        k += 1;
    } else {
        return None;
    }
    (k < hi).then(|| (vec![*m, other], k))
}

/// Plural nouns for a country's people at talks.
pub(crate) const SIDES_NOUNS: [&str; 8] = [
    "delegations",
    "diplomats",
    "envoys",
    "leaders",
    "negotiators",
    "officials",
    "representatives",
    "teams",
];

/// The subject before token `v`: past auxiliaries, a day ("on Friday") and one
/// comma-enclosed apposition or relative clause.
fn subject_before(doc: &Doc, v: usize, lo: usize) -> Option<Ment> {
    let mut k = v;
    while k > lo && doc.is(k - 1, &AUX) {
        k -= 1;
    }
    // "X on Friday received Y": the day between the subject and its verb
    if k > lo + 2 && is_weekday(doc, k - 1) && doc.is(k - 2, &["on"]) {
        k -= 2;
    }
    // "X, who met Y last week, urged calm": the relative pronoun stands for X
    if k > lo + 2 && doc.is(k - 1, &["who"]) && doc.is(k - 2, &[","]) {
        k -= 2;
    } else if k > lo && doc.is(k - 1, &[","]) {
        let open = (lo..k - 1).rev().take(30).find(|&t| doc.is(t, &[","]))?;
        k = open;
    }
    let m = doc.ending_of(
        k,
        &[EntityType::Person, EntityType::Country, EntityType::Office],
    )?;
    // "X, who as ambassador to Washington conducted talks", "pledged aid for Ukraine in
    // talks with Y": the object of a preposition is nobody's subject
    if m.first < lo || (m.first > lo && doc.is(m.first - 1, &["to", "for", "on", "against"])) {
        return None;
    }
    if m.kind == EntityType::Office {
        // "the pope met X": its holder named last, as a mention at the office
        let holder = holds_office::holder_before(doc, m.entity, m.start)?;
        return Some(Ment {
            entity: holder,
            kind: EntityType::Person,
            ..m
        });
    }
    Some(m)
}

/// The person a sentence-opening "He" or "She" before token `k` (past auxiliaries) stands
/// for: the first person named in the sentence before, as a mention at the pronoun ("He
/// spoke by phone with Y" after a sentence about X).
fn pronoun_subject(doc: &Doc, si: usize, mut k: usize) -> Option<Ment> {
    let r = doc.sent_tokens(si);
    while k > r.start && doc.is(k - 1, &AUX) {
        k -= 1;
    }
    if k != r.start + 1 || !doc.is(r.start, &["He", "She"]) || si == 0 {
        return None;
    }
    let p = doc
        .mentions(si - 1)
        .iter()
        .find(|m| m.kind == EntityType::Person)?;
    Some(p.at_token(doc, r.start, si))
}

/// The person a "he" or "she" (or "his", "her") inside a sentence, before token `k` (past
/// auxiliaries), stands for: the sentence's first person, its subject, rather than the nearest ("X urged Japan to
/// retract remarks by Y, as he held talks with Z" is X's talks), as a mention at the pronoun.
fn pronoun_in_sentence(doc: &Doc, si: usize, mut k: usize) -> Option<Ment> {
    let r = doc.sent_tokens(si);
    while k > r.start && doc.is(k - 1, &AUX) {
        k -= 1;
    }
    // (and "his", "her" before the meeting: "X briefed Z on his call with Y" is X's call)
    if k <= r.start + 1 || !doc.is(k - 1, &["he", "she", "his", "her"]) {
        return None;
    }
    let ms = doc.mentions(si);
    // "The American-born pope, elected to succeed Pope Francis, flew to Ankara, where he
    // held talks": an office opening the sentence as its subject stands for its holder
    // named before, not for a title's holder in the apposition
    let from = doc.after_dateline(si, k);
    if let Some(o) = ms.iter().find(|m| m.first >= from && m.last < k)
        && o.kind == EntityType::Office
        && doc.is(from, &["The"])
        && o.first <= from + 3
        && doc
            .starting(o.last)
            .is_none_or(|p| p.kind != EntityType::Person)
        && let Some(holder) = holds_office::holder_before(doc, o.entity, o.start)
    {
        let o = Ment {
            entity: holder,
            kind: EntityType::Person,
            ..*o
        };
        return Some(o.at_token(doc, k - 1, si));
    }
    let p = ms
        .iter()
        .take_while(|m| m.last < k)
        .find(|m| m.kind == EntityType::Person)?;
    Some(p.at_token(doc, k - 1, si))
}

/// Whether the verb at `k` is passive, after a form of "be": "X and Y were held" (in
/// custody), "were received".
fn passive(doc: &Doc, k: usize) -> bool {
    k > 0
        && doc.is(k - 1, &["is", "are", "was", "were", "be", "been"])
        && (doc.word(k).ends_with("ed") || doc.is(k, &["held", "met"]))
}

/// The person a relative clause that token `k` is in is about: the name before ", who"
/// (the clause not closed by a comma before `k`).
fn relative_subject(doc: &Doc, lo: usize, k: usize) -> Option<Ment> {
    let who = (lo + 2..k)
        .rev()
        .take_while(|&t| !doc.is(t, &[",", ";"]))
        .find(|&t| doc.is(t, &["who"]))?;
    if !doc.is(who - 1, &[","]) {
        return None;
    }
    doc.ending_of(who - 1, &[EntityType::Person])
}

/// The person who opens sentence `si` as its subject, before token `hi`: a name after
/// capitalised modifiers ("Indonesian Defense Minister X will ..."), or "He"/"She" for the
/// first person of the sentence before.
fn main_subject(doc: &Doc, si: usize, hi: usize) -> Option<Ment> {
    let r = doc.sent_tokens(si);
    if doc.is(r.start, &["He", "She"]) {
        return pronoun_subject(doc, si, r.start + 1);
    }
    // "BEIJING, Nov. 29 (Kyodo) -- Chinese Foreign Minister X ...": after the dateline
    let from = doc.after_dateline(si, hi);
    let first = doc
        .mentions(si)
        .iter()
        .find(|m| m.kind == EntityType::Person && m.first >= from)?;
    let opens = first.last <= hi
        && (from..first.first).all(|t| doc.word(t).starts_with(char::is_uppercase));
    opens.then_some(*first)
}

/// Object verbs of receiving a visitor, whose object may be a thing too.
const RECEIVING: [&str; 6] = [
    "received",
    "receives",
    "receiving",
    "welcomed",
    "welcomes",
    "welcoming",
];

/// "X met Y", "X visited Y", "X hosted Y", "X received Y".
fn verb_object(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    if !doc.sentence_has(si, &OBJECT_VERBS) {
        return;
    }
    let r = doc.sent_tokens(si);
    for v in r.clone() {
        if !doc.is(v, &OBJECT_VERBS) {
            continue;
        }
        let mut j = v + 1;
        if doc.is(j, &["with"]) {
            j += 1;
        }
        // "X met A, and B": each of a list
        let (ys, end) = match list_at(doc, j, r.end) {
            Some(list) => list,
            None => match participant_at(doc, j, r.end) {
                Some((y, end)) => (vec![y], end),
                None => continue,
            },
        };
        // "received Y", "welcomed Y" are a meeting only with a person: "received U.S.
        // support", "welcomed Trump's remarks" are not
        if doc.is(v, &RECEIVING)
            && ys
                .iter()
                .any(|y| y.kind != EntityType::Person || doc.is_possessive(y.last))
        {
            continue;
        }
        let Some(x) = subject_before(doc, v, r.start)
            .or_else(|| pronoun_subject(doc, si, v))
            .or_else(|| traveller(doc, v, r.start))
            .or_else(|| conjoined_subject(doc, si, v))
        else {
            continue;
        };
        // "Modi invited Takaichi to visit India": a visit asked for, not paid
        if x.first > r.start
            && doc.is(
                x.first - 1,
                &[
                    "invited",
                    "invites",
                    "invite",
                    "inviting",
                    "urged",
                    "asked",
                    "encouraged",
                ],
            )
        {
            continue;
        }
        if ys.iter().all(|y| x.entity != y.entity) {
            let mut parts = vec![x];
            parts.extend(ys);
            found.push((parts, doc.span(x.first, end)));
        }
    }
}

/// The subject of a verb at `v` joined by "and" to the verb before it: "X visited China
/// and met Y", "X, who visited China and met Y, said": the relative clause's person, else
/// the sentence's opening one, unless it is an owner ("X's envoy Z") or a comma or speech
/// verb comes between ("X said Z arrived and met Y" is Z's meeting; "X thanked Z and met
/// Y" is X's).
fn conjoined_subject(doc: &Doc, si: usize, v: usize) -> Option<Ment> {
    let r = doc.sent_tokens(si);
    let mut k = v;
    while k > r.start && doc.is(k - 1, &AUX) {
        k -= 1;
    }
    if k <= r.start + 2 || !doc.is(k - 1, &["and"]) {
        return None;
    }
    let and = k - 1;
    relative_subject(doc, r.start, and).or_else(|| {
        let x = main_subject(doc, si, and)?;
        (!doc.is_possessive(x.last)
            && (x.last..and).all(|t| !doc.is(t, &[",", ";"]) && !doc.is(t, &SPEECH_VERBS)))
        .then_some(x)
    })
}

/// "X will travel to Moscow next week to meet Y": the one who goes, for a verb at `v` that
/// says why ("to meet").
fn traveller(doc: &Doc, v: usize, lo: usize) -> Option<Ment> {
    if v < lo + 3 || !doc.is(v - 1, &["to"]) {
        return None;
    }
    let go = (v.saturating_sub(10).max(lo)..v - 1)
        .rev()
        .take_while(|&k| !doc.is(k, &[",", "and", "said"]))
        .find(|&k| doc.is(k, &TRAVEL_VERBS))?;
    subject_before(doc, go, lo)
}

/// "X called Y to express solidarity", "X called Y on Monday": a call, when the one called
/// is a person and what follows says when or why, not what X called them ("called Y a
/// liar") or for what ("called on Y to").
fn called(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    let r = doc.sent_tokens(si);
    // "paid a courtesy call on (President) Y"
    if doc.sentence_has(si, &MEETING_NOUNS) {
        for k in r.start + 3..r.end.saturating_sub(1) {
            if !(doc.is(k, &MEETING_NOUNS)
                && doc.is(k, &["call", "calls"])
                && doc.is(k - 1, &["courtesy"])
                && doc.is(k + 1, &["on"]))
            {
                continue;
            }
            // the verb: "paid" before "a courtesy call"
            let v = k - 2 - usize::from(doc.is(k - 2, &["a"]));
            if let Some((y, end)) = participant_at(doc, k + 2, r.end)
                && let Some(x) =
                    subject_before(doc, v, r.start).or_else(|| pronoun_subject(doc, si, v))
                && x.entity != y.entity
            {
                found.push((vec![x, y], doc.span(x.first, end)));
            }
        }
    }
    for y in doc.mentions(si) {
        if y.kind != EntityType::Person
            || y.first <= r.start + 1
            || !doc.is(y.first - 1, &["called", "rang"])
            || doc.is_possessive(y.last)
        {
            continue;
        }
        let then = y.last >= r.end
            || doc.is(
                y.last,
                &[
                    ".", ",", "to", "on", "and", "late", "last", "earlier", "after", "before",
                    "from",
                ],
            );
        if !then {
            continue;
        }
        let v = y.first - 1;
        push_call(doc, (si, v), y, found);
    }
    // "X called on (National Security Adviser) Y.": a visit paid, when nothing is asked of Y
    // ("called on Y to release ..." urges)
    for y in doc.mentions(si) {
        if y.kind != EntityType::Person || doc.is_possessive(y.last) {
            continue;
        }
        let b = title_start(doc, y, r.start + 2);
        if b < r.start + 2 || !doc.is(b - 1, &["on"]) || !doc.is(b - 2, &["called", "calls"]) {
            continue;
        }
        let then = y.last >= r.end || doc.is(y.last, &[".", ",", ";", "and", "on", "in", "at"]);
        if !then {
            continue;
        }
        let v = b - 2;
        push_call(doc, (si, v), y, found);
    }
}

/// "X told Y in a phone call that ...", "X urged calm, telling (Thai Foreign Minister) Y
/// during talks": what X said to Y was said at a meeting with Y.
fn told_at_meeting(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    if !doc.sentence_has(si, &MEETING_NOUNS) {
        return;
    }
    let r = doc.sent_tokens(si);
    for y in doc.mentions(si) {
        if y.kind != EntityType::Person || doc.is_possessive(y.last) {
            continue;
        }
        let b = title_start(doc, y, r.start + 1);
        if b <= r.start + 1 || !doc.is(b - 1, &["told", "tells", "telling"]) {
            continue;
        }
        if !doc.is(y.last, &["in", "during", "at"]) {
            continue;
        }
        // "in a phone call", "during their talks", "at a meeting"
        let meeting = (y.last + 1..(y.last + 4).min(r.end))
            .take_while(|&t| {
                doc.is(t, &MEETING_NOUNS)
                    || doc.is(t, &["a", "an", "the", "their", "video", "brief", "private"])
            })
            .any(|t| doc.is(t, &MEETING_NOUNS) && !doc.is(t, &["visit", "visits"]));
        if !meeting {
            continue;
        }
        let v = b - 1;
        if !doc.is(v, &["telling"]) {
            push_call(doc, (si, v), y, found);
        } else if let Some(x) = main_subject(doc, si, v)
            && x.entity != y.entity
        {
            // "telling" has the subject of the sentence's main verb
            found.push((vec![x, *y], doc.span(x.first, y.last)));
        }
    }
}

/// Where the capitalised words right before person `y` (at most five, not before `lo`)
/// begin: past an office before the name ("called on National Security Adviser Y").
fn title_start(doc: &Doc, y: &Ment, lo: usize) -> usize {
    let mut b = y.first;
    while b > lo && y.first - b < 5 && doc.word(b - 1).starts_with(char::is_uppercase) {
        b -= 1;
    }
    b
}

/// The call or visit of the person who is the subject of the verb at `v` (or "He" opening
/// the sentence) to `y`.
fn push_call(doc: &Doc, (si, v): (usize, usize), y: &Ment, found: &mut Vec<(Vec<Ment>, Span)>) {
    let lo = doc.sent_tokens(si).start;
    if let Some(x) = subject_before(doc, v, lo).or_else(|| pronoun_subject(doc, si, v))
        && x.entity != y.entity
        && x.kind == EntityType::Person
    {
        found.push((vec![x, *y], doc.span(x.first, y.last)));
    }
}

/// "X spoke by phone with Y", "X held talks with Y", "X's meeting with Y".
fn with_phrase(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    if !(doc.sentence_has(si, &WITH)
        && (doc.sentence_has(si, &MEETING_NOUNS)
            || doc.sentence_has(si, &WITH_VERBS)
            || doc.sentence_has(si, &JOINT_VERBS)))
    {
        return;
    }
    let r = doc.sent_tokens(si);
    for w in r.clone() {
        if !doc.is(w, &WITH) {
            continue;
        }
        // the meeting word within a few tokens before "with"
        let mut t = w;
        let mut trigger = None;
        let mut steps = 0;
        while t > r.start && steps < 5 {
            t -= 1;
            steps += 1;
            if doc.is(t, &MEETING_NOUNS) || doc.is(t, &WITH_VERBS) {
                trigger = Some(t);
                // keep looking left past "phone" in "phone talks", "held" in "held talks"
                continue;
            }
            if trigger.is_none()
                && let Some(m) = doc.ending_of(t + 1, &[EntityType::Place, EntityType::Country])
                && m.first > r.start
                && doc.is(m.first - 1, &["in", "at"])
            {
                // "held talks in Riyadh with": where, not with whom
                t = m.first - 1;
                continue;
            }
            if !(doc.is(t, &WITH_GAP) || is_weekday(doc, t)) {
                break;
            }
        }
        if trigger.is_none() {
            // "discussed the crisis with", "signed the deal with": a short object between
            // the verb and "with"
            trigger = (w.saturating_sub(5).max(r.start)..w)
                .rev()
                .take_while(|&t| {
                    !doc.is(t, &[",", ";", "and", "who", "which", "that"])
                        && doc.starting(t).is_none()
                })
                .find(|&t| {
                    doc.is(
                        t,
                        &[
                            "discussed",
                            "discuss",
                            "discusses",
                            "discussing",
                            "signed",
                            "sign",
                            "signs",
                            "signing",
                        ],
                    )
                });
        }
        let Some(t) = trigger else { continue };
        if only_proposed(doc, t, r.start) {
            continue;
        }
        // whom: a list ("with X and Y"), else one
        let (ys, end) = match list_at(doc, w + 1, r.end) {
            Some(list) => list,
            None => match participant_at(doc, w + 1, r.end) {
                Some((y, end)) => (vec![y], end),
                None => continue,
            },
        };
        let y = ys[0];
        // who: a possessive owner, the subject of the verb, else the nearest fitting mention
        let mut x = None;
        let mut k = t;
        while k > r.start
            && (doc.is(k - 1, &WITH_GAP)
                || doc.is(k - 1, &["held", "had", "hold", "holds", "have", "has"]))
        {
            k -= 1;
        }
        if k > r.start && doc.is_possessive(k - 1) {
            x = doc.ending_of(k - 1, &[EntityType::Person, EntityType::Country]);
        }
        if x.is_none() {
            x = subject_before(doc, k, r.start)
                .or_else(|| pronoun_subject(doc, si, k))
                .or_else(|| pronoun_in_sentence(doc, si, k));
        }
        if x.is_none() && k > r.start && doc.is(k - 1, &["for"]) {
            // "before traveling to Jakarta for talks with Y": the purpose of the subject's
            // journey, or of the one a relative clause is about ("X called on Z, who is to
            // travel to Beijing for talks with Y")
            x = relative_subject(doc, r.start, k).or_else(|| main_subject(doc, si, t));
        }
        if x.is_none() {
            // (not a person as owner: "X urges Japan to retract Y's remarks in call with Z"
            // is X's; "Peru's ambassador" is Peru's side)
            let fits = |m: &&Ment| {
                m.kind == y.kind
                    && m.entity != y.entity
                    && !(m.first > r.start && doc.is(m.first - 1, &["to"]))
                    && !(m.kind == EntityType::Person && doc.is_possessive(m.last))
            };
            x = doc
                .mentions(si)
                .iter()
                .filter(|m| m.last <= t)
                .rfind(fits)
                .copied();
            if x.is_none() {
                x = doc
                    .mentions(si)
                    .iter()
                    .filter(|m| m.first >= end)
                    .find(fits)
                    .copied();
            }
        }
        let Some(x) = x else { continue };
        if ys.iter().all(|y| y.entity != x.entity) {
            let a = x.first.min(t);
            let b = end.max(x.last);
            found.push((std::iter::once(x).chain(ys).collect(), doc.span(a, b)));
        }
        // "spoke with X and with Y": two talks
        let again = if doc.is(end, &["and"]) {
            end + 1
        } else if doc.is(end, &[","]) && doc.is(end + 1, &["and"]) {
            end + 2
        } else {
            continue;
        };
        if doc.is(again, &WITH)
            && let Some((z, z_end)) = participant_at(doc, again + 1, r.end)
            && z.entity != x.entity
        {
            found.push((vec![x, z], doc.span(x.first.min(t), z_end.max(x.last))));
        }
    }
}

/// Words before a meeting noun that make it talks offered, sought or refused, not held:
/// "offered talks with", "his offer of dialogue with", "rejected talks with".
static PROPOSING: WordSet = WordSet::new(&[
    "offer",
    "offered",
    "offering",
    "offers",
    "proposal",
    "proposals",
    "propose",
    "proposed",
    "proposes",
    "proposing",
    "refused",
    "refuses",
    "rejected",
    "rejects",
]);

/// Whether the meeting noun at `t` (at most four words after a [`PROPOSING`] word, or after
/// "called for") names talks not held: "renewed his offer of dialogue with North Korea",
/// "offered to host direct talks between".
fn only_proposed(doc: &Doc, t: usize, lo: usize) -> bool {
    (t.saturating_sub(4).max(lo)..t).any(|k| {
        doc.is(k, &PROPOSING)
            || (doc.is(k, &["for"]) && k > lo && doc.is(k - 1, &["call", "called", "calls"]))
    })
}

/// How many sentences back "the two" may find the talks it refers to (quotes often stand
/// between).
const RECALL_SENTENCES: usize = 6;

/// Prepositions that make a meeting the setting of a sentence: "During the call, ...".
pub(crate) static SETTING_PREPOSITIONS: WordSet = WordSet::new(&[
    "after",
    "at",
    "during",
    "following",
    "in",
    "on",
    "throughout",
])
.at(27);

/// How far after a coordinated subject its meeting word may stand.
const LIST_REACH: usize = 10;

/// "the two" / "both sides" with a meeting or agreeing verb.
fn the_two(doc: &Doc, si: usize, done: &[Relation], found: &mut Vec<(Vec<Ment>, Span)>) {
    if !doc.sentence_has(si, &THE_TWO) {
        return;
    }
    let r = doc.sent_tokens(si);
    for i in r.clone() {
        if !(doc.is(i, &THE_TWO) || doc.is(i + 1, &THE_TWO)) {
            continue;
        }
        let phrase_end = if doc.is(i, &["the"]) && doc.is(i + 1, &["two"]) {
            if doc.is(
                i + 2,
                &[
                    "sides",
                    "leaders",
                    "men",
                    "women",
                    "ministers",
                    "countries",
                    "nations",
                    "governments",
                ],
            ) {
                i + 3
            } else {
                i + 2
            }
        } else if doc.is(i, &["both"])
            && doc.is(i + 1, &["sides", "leaders", "men", "women", "ministers"])
        {
            i + 2
        } else {
            continue;
        };
        let mut k = phrase_end;
        while k < r.end && (doc.is(k, &AUX) || doc.is_quote(k)) {
            k += 1;
        }
        if !(doc.is(k, &JOINT_VERBS) || doc.is(k, &OBJECT_VERBS) || doc.is(k, &WITH_VERBS)) {
            continue;
        }
        let evidence = doc.span(i, k + 1);
        // the talks just found, else the two people of the previous sentence
        let recent = done
            .iter()
            .rev()
            .take_while(|x| x.sentence + RECALL_SENTENCES >= si)
            .find(|x| x.sentence <= si);
        if let Some(Relation {
            kind: RelationKind::Talks { participants, .. },
            ..
        }) = recent
        {
            let parts = participants
                .iter()
                .filter_map(|&e| first_mention(doc, e))
                .collect();
            found.push((parts, evidence));
        } else if si > 0 {
            let people = distinct_people(doc, si - 1);
            if people.len() == 2 {
                found.push((people, evidence));
            }
        }
    }
}

/// Any mention of entity `e` (talks carried over from an earlier sentence need one).
fn first_mention(doc: &Doc, e: usize) -> Option<Ment> {
    let m = doc.entities[e].mentions.first()?;
    Some(Ment {
        entity: e,
        kind: doc.entities[e].kind,
        form: m.form,
        first: m.tokens.start,
        last: m.tokens.end,
        start: m.start,
        end: m.end,
        sentence: m.sentence,
    })
}

/// A sentence about a call, meeting or summit that names exactly two people.
fn only_two_people(doc: &Doc, si: usize, found: &mut Vec<(Vec<Ment>, Span)>) {
    if !doc.sentence_has(si, &MEETING_NOUNS) {
        return;
    }
    let r = doc.sent_tokens(si);
    // the meeting is the setting of the sentence: "During the call, ...", "in phone talks"
    let setting = |t: usize| {
        (t.saturating_sub(4).max(r.start)..t)
            .rev()
            .take_while(|&k| !doc.is_break(k))
            .any(|k| doc.is(k, &SETTING_PREPOSITIONS))
    };
    // (talks "with U.S. officials": with a side no person of the sentence is)
    let with_no_one = |t: usize| {
        doc.is(t + 1, &["with"])
            && !(t + 2..(t + 7).min(r.end)).any(|k| {
                doc.starting(k)
                    .is_some_and(|m| m.kind == EntityType::Person)
            })
    };
    if !r.clone().any(|t| {
        doc.is(t, &MEETING_NOUNS)
            && !doc.is(t, &["visit", "visits", "phone", "telephone"])
            && setting(t)
            && !with_no_one(t)
    }) {
        return;
    }
    let people = distinct_people(doc, si);
    if people.len() == 2 {
        let span = doc.cover(&people[0], &people[1]);
        found.push((people, span));
    }
}

/// The distinct people a sentence names, leaving out names used as modifiers ("the Sato
/// cabinet", "the Lee administration").
fn distinct_people(doc: &Doc, si: usize) -> Vec<Ment> {
    let mut out: Vec<Ment> = Vec::new();
    for m in doc
        .mentions(si)
        .iter()
        .filter(|m| m.kind == EntityType::Person)
    {
        let modifier = doc.is(
            m.last,
            &[
                "cabinet",
                "administration",
                "government",
                "camp",
                "team",
                "era",
                "regime",
                "family",
                "doctrine",
            ],
        ) || doc
            .mentions(si)
            .iter()
            .any(|o| o.kind == EntityType::Organization && o.first <= m.first && o.last >= m.last);
        if !modifier && !out.iter().any(|x| x.entity == m.entity) {
            out.push(*m);
        }
    }
    out
}

fn is_weekday(doc: &Doc, i: usize) -> bool {
    doc.is(i, &WEEKDAYS) || (doc.is(i, &["on"]) && doc.is(i + 1, &WEEKDAYS))
}

/// The date expression of the sentence: a weekday, "yesterday", "Jan. 5, 2024", "last
/// week"; the first one from the evidence on, else the first before it (a dateline's date
/// gives way to "on Tuesday" after the verb).
fn date_in(doc: &Doc, si: usize, evidence: Span) -> Option<Span> {
    let r = doc.sent_tokens(si);
    let from = doc
        .tokens
        .partition_point(|t| t.end <= evidence.start)
        .clamp(r.start, r.end);
    let to = doc.tokens.partition_point(|t| t.end <= evidence.end);
    // "X arrived later Thursday and is to hold talks with Y on Saturday": a day right after
    // the last participant is the talks'
    let right_after = (to < r.end && doc.is(to, &["on"]))
        .then(|| date_between(doc, to + 1, (to + 2).min(r.end), to))
        .flatten();
    right_after
        .or_else(|| date_between(doc, from, r.end, to))
        .or_else(|| date_between(doc, r.start, from, to))
}

/// The first date in tokens `lo..hi`, past relative clauses that end before token `to`
/// (where the evidence of the talks ends).
fn date_between(doc: &Doc, lo: usize, hi: usize, to: usize) -> Option<Span> {
    let mut i = lo;
    while i < hi {
        // "X, who took office on Saturday, met Y": a relative clause inside the evidence has
        // its own date ("X, who met Y last week, said" has the talks')
        if doc.is(i, &["who", "which"])
            && let Some(close) = (i + 1..hi).find(|&k| doc.is(k, &[","]))
            && close < to
        {
            i = close + 1;
            continue;
        }
        // "X called on Y, who is expected to travel next month": one after the evidence is
        // about its last participant
        if i >= to && doc.is(i, &["who"]) {
            break;
        }
        let at = i;
        i += 1;
        if !doc.is(at, &DATE_OPENERS) {
            continue;
        }
        if doc.is(at, &WEEKDAYS) || doc.is(at, DAY_WORDS) {
            return Some(doc.span(at, at + 1));
        }
        if doc.is(at, &MONTHS)
            && at + 1 < hi
            && doc.tokens[at + 1].kind == crate::tokenize::TokenKind::Number
        {
            let mut end = at + 2;
            if doc.is(end, &[","])
                && end + 1 < hi
                && doc.tokens[end + 1].kind == crate::tokenize::TokenKind::Number
            {
                end += 2;
            }
            return Some(doc.span(at, end));
        }
        if doc.is(at, &["last", "this", "next"]) && doc.is(at + 1, &["week", "weekend", "month"]) {
            return Some(doc.span(at, at + 2));
        }
    }
    None
}

/// Verbs of going, after which "to Z" says where talks take place: "will travel to Z for
/// talks".
pub(crate) static TRAVEL_VERBS: WordSet = WordSet::new(&[
    "came",
    "come",
    "flew",
    "fly",
    "flying",
    "go",
    "going",
    "headed",
    "heading",
    "travel",
    "traveled",
    "travelled",
    "traveling",
    "travelling",
    "travels",
    "trip",
    "went",
])
.at(29);

/// How far past the evidence "in Z" may stand and still say where the talks were.
const PLACE_REACH: usize = 6;

/// "in Z" / "at Z" where Z is a place, or a country that is not a participant, inside the
/// evidence or just after it ("met Y in Z on Monday"), not anywhere in the sentence.
fn place_in(doc: &Doc, si: usize, participants: &[usize], evidence: Span) -> Option<usize> {
    let first = doc.tokens.partition_point(|t| t.end <= evidence.start);
    let end = doc.tokens.partition_point(|t| t.end <= evidence.end);
    let mut last = end + PLACE_REACH;
    // "on the sidelines of the Group of 20 summit in Johannesburg": the occasion's name
    // stands between
    if (end..end + 3).any(|t| doc.is(t, &["sidelines", "margins"])) {
        last += PLACE_REACH;
    }
    // "in the southern Lebanese town of Naqoura": the town's description stands between
    if (end..(last + 1).min(doc.tokens.len())).any(|t| doc.is(t, &TOWN_WORDS)) {
        last += 4;
    }
    let mut fitting = doc
        .mentions(si)
        .iter()
        .filter(|m| m.first >= first && m.first <= last)
        .filter(|m| {
            matches!(m.kind, EntityType::Place | EntityType::Country)
                && !participants.contains(&m.entity)
        })
        .filter(|m| m.form != MentionForm::Demonym)
        .filter(|m| {
            let mut k = m.first;
            if k > 0 && doc.is(k - 1, &["the"]) {
                k -= 1;
            }
            // "in the southern Lebanese town of Naqoura": back to the "in"
            if k > 2 && doc.is(k - 1, &["of"]) && doc.is(k - 2, &TOWN_WORDS) {
                k -= 2;
                let mut steps = 0;
                while k > 0 && steps < 4 && !doc.is(k - 1, &["in", "at", "the"]) {
                    k -= 1;
                    steps += 1;
                }
                if k > 0 && doc.is(k - 1, &["the"]) {
                    k -= 1;
                }
            }
            // "travel to Z for talks", "visit Z for talks"
            let travel_to = (k > 1 && doc.is(k - 1, &["to"]) && doc.is(k - 2, &TRAVEL_VERBS))
                || (k > 0
                    && doc.is(k - 1, &["visit", "visits", "visiting", "visited"])
                    // ("visiting Gabon President Omar Bongo" is the visitor's country)
                    && (doc.starting(m.last).is_none()
                        || doc.tokens.get(m.last).is_some_and(|t| t.breaks_before > 0)));
            k > 0
                && (doc.is(k - 1, &["in", "at"]) || travel_to)
                && !doc.is_possessive(m.last)
                // (a topic before the last participant is not one of the place: "discussed
                // the crisis with Burhan in Cairo")
                && !(end..k).any(|t| opens_topic(doc, t))
                // "met X on Saturday before traveling to Jakarta": the next stop
                // ("the first to visit China since X traveled to Beijing": another's trip)
                // ("met X and invited him to visit Z": a trip to come)
                && !(end..k).any(|t| doc.is(t, &["before", "since", "invited", "inviting"]))
                // ("called on X, who will travel to Beijing": X's own trip)
                && !(travel_to && (end..k).any(|t| doc.is(t, &["who"])))
        });
    // "visited China and met Y in Beijing": the city rather than its country
    let first_fit = fitting.next()?;
    if first_fit.kind == EntityType::Country
        && let Some(city) = fitting.find(|m| m.kind == EntityType::Place)
    {
        return Some(city.entity);
    }
    Some(first_fit.entity)
}

/// Words for a kind of town, which "of" and its name follow: "in the resort town of Z".
/// (Tested rarely, so not placed among the sets every token is looked up in.)
pub(crate) static TOWN_WORDS: WordSet =
    WordSet::new(&["capital", "city", "port", "resort", "town", "village"]);

/// Words after which a place is what talks were about, not where they were: "held talks on
/// exercises in the Arafura Sea", "met X to discuss the situation in Myanmar".
pub(crate) static TOPIC_WORDS: WordSet = WordSet::new(&[
    "about",
    "concerning",
    "conflict",
    "crisis",
    "discuss",
    "discussed",
    "discussing",
    "regarding",
    "situation",
    "war",
])
.at(38);

/// Whether token `t` opens what talks were about: a topic word, or "on" that opens no date
/// ("on Monday") and no occasion ("on the sidelines of", "on a visit to").
fn opens_topic(doc: &Doc, t: usize) -> bool {
    if doc.is(t, &TOPIC_WORDS) {
        return true;
    }
    if !doc.is(t, &["on"]) {
        return false;
    }
    let next = if doc.is(t + 1, &["the", "a", "an", "his", "her", "their"]) {
        t + 2
    } else {
        t + 1
    };
    !doc.is(next, &DATE_OPENERS)
        && !doc.is(next, &["sidelines", "margins", "visit", "trip", "tour"])
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::relations::Doc;

    /// The openers, joined when compiling, are exactly the words the date expressions start
    /// with.
    #[test]
    fn date_openers_are_the_date_words() {
        let mut all: Vec<String> = WEEKDAYS
            .words()
            .iter()
            .chain(MONTHS.words())
            .chain(DAY_WORDS)
            .chain(&["last", "this", "next"])
            .map(|w| w.to_ascii_lowercase())
            .collect();
        let mut openers: Vec<String> = DATE_OPENERS
            .words()
            .iter()
            .map(|w| w.to_ascii_lowercase())
            .collect();
        all.sort();
        openers.sort();
        assert_eq!(all, openers);
    }

    /// "A+B@place" for each relation.
    fn run(text: &str, specs: &[(&str, EntityType)]) -> Vec<String> {
        let b = build(text, specs);
        let doc = Doc::new(text, &b.tokens, &b.sentences, &b.entities);
        extract(&doc)
            .iter()
            .map(|r| {
                let RelationKind::Talks {
                    participants,
                    place,
                    date,
                } = &r.kind
                else {
                    unreachable!()
                };
                assert!(
                    text.is_char_boundary(r.evidence.start)
                        && text.is_char_boundary(r.evidence.end)
                );
                let mut s = participants
                    .iter()
                    .map(|&p| n(&b, p))
                    .collect::<Vec<_>>()
                    .join("+");
                if let Some(p) = place {
                    s.push('@');
                    s.push_str(n(&b, *p));
                }
                if let Some(d) = date {
                    s.push_str(" on ");
                    s.push_str(&text[d.start..d.end]);
                }
                s
            })
            .collect()
    }

    #[test]
    fn talks_table() {
        let people = [
            ("Ana Lima|Lima", P),
            ("Paul Dent|Dent", P),
            ("Rui Costa", P),
        ];
        let cases: &[Case] = &[
            // the agents of a passive did not meet each other
            (
                "The deal was signed in Quito, witnessed by Ana Lima and Paul Dent on the sidelines of a summit.",
                &[("Quito", L)],
                &[],
            ),
            (
                "Chile and Peru agreed to a truce after talks mediated by Ana Lima and Paul Dent.",
                &[("Chile", C), ("Peru", C)],
                &["Chile+Peru"],
            ),
            // those who met a body together did not meet each other
            (
                "Mediators from Chile and Peru met Hamas officials in Quito.",
                &[("Chile", C), ("Peru", C), ("Hamas", G), ("Quito", L)],
                &[],
            ),
            (
                "Ana Lima and Paul Dent met Peruvian negotiators in Quito.",
                &[("Peru|Peruvian*", C), ("Quito", L)],
                &[],
            ),
            (
                "Ana Lima and Paul Dent met officials in Quito.",
                &[("Quito", L)],
                &[],
            ),
            // nor did those who met others unnamed together
            (
                "Advisers from Chile and Peru also met the two delegations in Quito.",
                &[("Chile", C), ("Peru", C), ("Quito", L)],
                &[],
            ),
            // a visit paid is talks; a call on someone to act is not
            (
                "Rui Costa also called on Foreign Minister Paul Dent.",
                &[],
                &["Rui Costa+Paul Dent"],
            ),
            (
                "Rui Costa called on Paul Dent to release the prisoners.",
                &[],
                &[],
            ),
            // "counterpart" naming nobody is the one official of that country named; an
            // owner before the call is not its caller
            (
                "Ana Lima urges Chile to drop Rui Costa's plan in call with Peruvian counterpart. Peruvian Foreign Minister Paul Dent said talks would go on.",
                &[("Chile", C), ("Peru|Peruvian*", C), ("Foreign Minister", O)],
                &["Ana Lima+Paul Dent"],
            ),
            // a verb joined by "and" to the subject's first; the city before its country
            (
                "Ana Lima, who visited Chile last week and met President Rui Costa in Santiago, said ties were good.",
                &[("Chile", C), ("Santiago", L), ("President", O)],
                &[
                    "Ana Lima+Chile on last week",
                    "Ana Lima+Rui Costa@Santiago on last week",
                ],
            ),
            (
                "Ana Lima said Paul Dent arrived in Quito and met Rui Costa.",
                &[("Quito", L)],
                &[],
            ),
            (
                "Ana Lima's envoy Paul Dent arrived in Quito and met Rui Costa.",
                &[("Quito", L)],
                &[],
            ),
            (
                "Ana Lima thanked Paul Dent and met Rui Costa in Quito.",
                &[("Quito", L)],
                &["Ana Lima+Rui Costa@Quito"],
            ),
            (
                "Ana Lima said the envoy arrived in Quito and met Rui Costa, as Paul Dent looked on.",
                &[("Quito", L)],
                &[],
            ),
            // "he" after an office opening the sentence is its holder, not a person named
            // in its apposition
            (
                "President Ana Lima spoke on Sunday. The new president, who succeeded President Rui Costa in May, flew to Quito on Monday, where she held talks with Paul Dent.",
                &[("President|president", O), ("Quito", L)],
                &["Ana Lima+Paul Dent on Monday"],
            ),
            // a meeting the sentence names after its evidence says where it was
            (
                "Ana Lima and Paul Dent agreed on Friday to raise trade, the two leaders said after talks at the Quinta Palace in Quito.",
                &[("Quinta Palace", L), ("Quito", L)],
                &["Ana Lima+Paul Dent@Quinta Palace on Friday"],
            ),
            (
                "Ana Lima and Paul Dent agreed on Friday to raise trade, a day after Chile's talks in Quito.",
                &[("Chile", C), ("Quito", L)],
                &["Ana Lima+Paul Dent on Friday"],
            ),
            (
                "Ana Lima said she had spoken with her Peruvian counterpart Rui Costa on Monday.",
                &[("Peru|Peruvian*", C)],
                &["Ana Lima+Rui Costa on Monday"],
            ),
            (
                "Ana Lima spoke with her Peruvian counterpart on Monday.",
                &[("Peru|Peruvian*", C)],
                &[],
            ),
            // what X told Y in a call was said at talks with Y
            (
                "Ana Lima on Monday urged Chile to drop Rui Costa's plan, telling Foreign Minister Paul Dent in a phone call that the border must stay open.",
                &[("Chile", C), ("Foreign Minister", O)],
                &["Ana Lima+Paul Dent on Monday"],
            ),
            (
                "OSLO, June 2 (Reuters) -- Ana Lima urged Rui Costa to wait, telling Paul Dent during their talks that the border must stay open.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent on June 2"],
            ),
            (
                "Rui Costa told Paul Dent in a letter that the summit and Ana Lima's visit must wait.",
                &[],
                &[],
            ),
            // a place within a country, named later, says more than the country
            (
                "Ana Lima met Paul Dent in Chile. She met Paul Dent in Quito on Friday.",
                &[("Chile", C), ("Quito", L)],
                &["Ana Lima+Paul Dent@Quito on Friday"],
            ),
            (
                "Ana Lima met Paul Dent in Quito. She met Paul Dent in Chile on Friday.",
                &[("Chile", C), ("Quito", L)],
                &["Ana Lima+Paul Dent@Quito on Friday"],
            ),
            // a day right after the last participant is the talks', not the arrival's
            (
                "Rui Costa arrived in Quito on Thursday and is scheduled to hold talks with Paul Dent on Saturday.",
                &[("Quito", L)],
                &["Rui Costa+Paul Dent@Quito on Saturday"],
            ),
            // meetings held separately are one each
            (
                "Rui Costa also met separately with Ana Lima and Paul Dent in Quito.",
                &[("Quito", L)],
                &["Rui Costa+Ana Lima@Quito", "Rui Costa+Paul Dent@Quito"],
            ),
            // a visit one is invited to pay is not paid
            (
                "Ana Lima invited Paul Dent to visit Chile next year.",
                &[("Chile", C)],
                &[],
            ),
            // those whom someone joins at talks are one side, not a meeting
            (
                "Rui Costa was expected to join Ana Lima and Paul Dent at the talks.",
                &[],
                &[],
            ),
            // countries' advisers who met a person: the person took part
            (
                "Advisers from Chile and Peru travelled to Quito, where they met Paul Dent.",
                &[("Chile", C), ("Peru", C), ("Quito", L)],
                &["Chile+Peru+Paul Dent@Quito"],
            ),
            // a possessive pronoun's call is the subject's
            (
                "Paul Dent briefed Ana Lima on his call with Rui Costa.",
                &[],
                &["Paul Dent+Rui Costa"],
            ),
            // a relative clause's journey is its person's
            (
                "Rui Costa called on Ana Lima, who will travel to Quito next week for talks with Paul Dent.",
                &[("Quito", L)],
                &[
                    "Rui Costa+Ana Lima",
                    "Ana Lima+Paul Dent@Quito on next week",
                ],
            ),
            // the object of a preposition is not the subject of the talks after it
            (
                "Ana Lima pledged more aid for Chile in talks with Paul Dent.",
                &[("Chile", C)],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Chile and Peru met in Quito on Monday.",
                &[("Chile", C), ("Peru", C), ("Quito", L)],
                &["Chile+Peru@Quito on Monday"],
            ),
            // a planned meeting; a journey's purpose is its subject's, and its goal is not
            // where the meeting before it was
            (
                "Ana Lima is scheduled to meet Paul Dent on Friday before traveling to Quito for talks with Rui Costa.",
                &[("Quito", L)],
                &[
                    "Ana Lima+Paul Dent on Friday",
                    "Ana Lima+Rui Costa@Quito on Friday",
                ],
            ),
            (
                "Lima arrived on Monday. She is expected to travel to Quito for talks with Rui Costa.",
                &[("Quito", L)],
                &["Ana Lima+Rui Costa@Quito"],
            ),
            // the place visited for talks is where they are held
            // a relative clause's date is not the talks'
            (
                "Ana Lima, who took office on Saturday, met Paul Dent in Quito.",
                &[("Quito", L)],
                &["Ana Lima+Paul Dent@Quito"],
            ),
            // those who attended a meeting did not meet each other
            (
                "Ana Lima and Paul Dent also attended the meeting.",
                &[],
                &[],
            ),
            // a courtesy call
            (
                "Earlier, Ana Lima paid a courtesy call on President Paul Dent at his office in Quito.",
                &[("Quito", L)],
                &["Ana Lima+Paul Dent@Quito"],
            ),
            // talks offered, proposed or refused are not held
            (
                "Ana Lima renewed her offer of dialogue with Paul Dent.",
                &[],
                &[],
            ),
            (
                "Ana Lima offers talks with Paul Dent, vows to stay firm",
                &[],
                &[],
            ),
            (
                "Ana Lima called for talks with Paul Dent on Monday.",
                &[],
                &[],
            ),
            ("Ana Lima has rejected talks with Paul Dent.", &[], &[]),
            (
                "Ana Lima offered to host direct talks between Peru and Chile.",
                &[("Peru", C), ("Chile", C)],
                &[],
            ),
            // a trip offered at the talks is none of their place
            (
                "Ana Lima met Paul Dent on the sidelines and invited him to visit Quito.",
                &[("Quito", L)],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima will visit Quito next month for talks with Paul Dent.",
                &[("Quito", L)],
                &["Ana Lima+Paul Dent@Quito on next month"],
            ),
            (
                "Ana Lima spoke in a meeting on Monday with visiting Chile President Paul Dent.",
                &[("Chile", C), ("President", O)],
                &["Ana Lima+Paul Dent on Monday"],
            ),
            // "in the ... town of Z"
            (
                "Chile and Peru met on Friday in the southern Peruvian town of Tacna.",
                &[("Chile", C), ("Peru|Peruvian*", C), ("Tacna", L)],
                &["Chile+Peru@Tacna on Friday"],
            ),
            // those who attended talks, with the one who held them
            (
                "Ana Lima brokered the truce at talks in Quito on July 28 attended by Rui Costa \
                 and Paul Dent.",
                &[("Quito", L)],
                &["Ana Lima+Rui Costa+Paul Dent@Quito on July 28"],
            ),
            (
                "Ana Lima held talks attended by Paul Dent and then-acting Chilean President \
                 Rui Costa.",
                &[("Chile|Chilean*", C), ("President", O)],
                &["Ana Lima+Paul Dent+Rui Costa"],
            ),
            // a day between the subject and the verb
            (
                "Ana Lima on Friday received Rui Costa in Quito.",
                &[("Quito", L)],
                &["Ana Lima+Rui Costa@Quito on Friday"],
            ),
            // a call to a person, not what they were called or called on to do
            (
                "Ana Lima, who faces a vote, called Rui Costa on Monday to express support.",
                &[],
                &["Ana Lima+Rui Costa on Monday"],
            ),
            ("Ana Lima called Rui Costa a liar.", &[], &[]),
            ("Ana Lima called on Rui Costa to resign.", &[], &[]),
            // an official posted somewhere, named in apposition
            (
                "Ana Lima met the Chilean charge d'affaires in Quito, Rui Costa, on Monday.",
                &[
                    ("Chile|Chilean*", C),
                    ("charge d'affaires", O),
                    ("Quito", L),
                ],
                &["Ana Lima+Rui Costa@Quito on Monday"],
            ),
            // the object of "to" is not the subject of talks (the country whose envoy held
            // them is)
            (
                "Rui Costa, who as Peru's ambassador to Chile held talks with Bolivia, retired.",
                &[("Peru", C), ("ambassador", O), ("Chile", C), ("Bolivia", C)],
                &["Peru+Bolivia"],
            ),
            // an office as the subject is its holder named last
            (
                "President Ana Lima arrived on Monday. The president met Rui Costa in Quito.",
                &[("President|president", O), ("Quito", L)],
                &["Ana Lima+Rui Costa@Quito"],
            ),
            // a relative pronoun stands for the name before it
            (
                "Ana Lima, who met Paul Dent in Quito last week, urged calm.",
                &[("Quito", L)],
                &["Ana Lima+Paul Dent@Quito on last week"],
            ),
            // two countries' people between whom talks were held
            (
                "Ecuador hosted talks between Chilean and Peruvian delegations in Quito.",
                &[
                    ("Ecuador", C),
                    ("Quito", L),
                    ("Chile|Chilean*", C),
                    ("Peru|Peruvian*", C),
                ],
                &["Chile+Peru@Quito"],
            ),
            // what two sides held or exchanged may be no meeting
            (
                "The navies of Chile and Peru held a joint drill off Quito on Friday.",
                &[("Chile", C), ("Peru", C), ("Quito", L)],
                &[],
            ),
            (
                "Chile and Peru exchanged fire near Quito.",
                &[("Chile", C), ("Peru", C), ("Quito", L)],
                &[],
            ),
            (
                "Chile and Peru held a first round of talks in Quito.",
                &[("Chile", C), ("Peru", C), ("Quito", L)],
                &["Chile+Peru@Quito"],
            ),
            // "were held" in custody: no talks
            (
                "Ana Lima and Paul Dent were held in Quito on Friday.",
                &[("Quito", L)],
                &[],
            ),
            // a pronoun inside the sentence is its subject, not the person named nearest
            (
                "Ana Lima urged Chile to drop remarks by Paul Dent, as she held talks with Rui Costa.",
                &[("Chile", C)],
                &["Ana Lima+Rui Costa"],
            ),
            (
                "Ana Lima and Paul Dent held talks in Geneva on Friday.",
                &[("Geneva", L)],
                &["Ana Lima+Paul Dent@Geneva on Friday"],
            ),
            // whom a coordinated subject held talks with took part too
            (
                "Ana Lima and Paul Dent held talks with Rui Costa in Geneva.",
                &[("Geneva", L)],
                &["Ana Lima+Paul Dent+Rui Costa@Geneva"],
            ),
            // two countries' unnamed people: the countries
            (
                "Chilean and Peruvian negotiators met in Oslo on Sunday.",
                &[("Chile|Chilean*", C), ("Peru|Peruvian*", C), ("Oslo", L)],
                &["Chile+Peru@Oslo on Sunday"],
            ),
            (
                "Chilean and Peruvian troops met fierce resistance near Oslo.",
                &[("Chile|Chilean*", C), ("Peru|Peruvian*", C), ("Oslo", L)],
                &[],
            ),
            // a sentence-opening pronoun is the person the sentence before opened with
            (
                "Ana Lima flew in on Monday. She spoke by phone with Paul Dent.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima flew in on Monday. She later met Rui Costa.",
                &[],
                &["Ana Lima+Rui Costa"],
            ),
            (
                "Ana Lima flew in on Monday. He met Rui Costa in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Rui Costa@Oslo"],
            ),
            // inside a sentence, the person named before it
            (
                "Ana Lima said that she spoke by phone with Paul Dent.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "The talks between Ana Lima and Paul Dent lasted an hour.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima met Paul Dent in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            // a person before an office or a role says whose official is meant
            ("Ana Lima meets Dent envoy in Oslo", &[("Oslo", L)], &[]),
            (
                "Ana Lima met Dent's aide Rui Costa in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Rui Costa@Oslo"],
            ),
            (
                "Ana Lima spoke by phone with Paul Dent on Jan. 5, 2024.",
                &[],
                &["Ana Lima+Paul Dent on Jan. 5, 2024"],
            ),
            (
                "Ana Lima visited Peru last week.",
                &[("Peru", C)],
                &["Ana Lima+Peru on last week"],
            ),
            (
                "Brazilian President Ana Lima, who took office in May, met with Peruvian Foreign Minister Paul Dent.",
                &[
                    ("Brazil|Brazilian*", C),
                    ("Peru|Peruvian*", C),
                    ("President", O),
                    ("Foreign Minister", O),
                ],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Chile and Peru agreed in phone talks to reopen the border.",
                &[("Chile", C), ("Peru", C)],
                &["Chile+Peru"],
            ),
            (
                "Ana Lima's meeting with Paul Dent was cordial.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "During the call, Ana Lima thanked Paul Dent for his help.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            // "to meet Y" after a verb of going: the one who goes meets Y; a name after a
            // comma that reports the sentence is no second one met
            (
                "Ana Lima will travel to Oslo next week to meet Paul Dent, Rui Costa later told reporters.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo on next week"],
            ),
            // an office after "after" or "since" opens another clause
            (
                "Ana Lima visited Chile after President Paul Dent took office.",
                &[("Chile", C), ("President", O)],
                &["Ana Lima+Chile"],
            ),
            (
                "Ana Lima flew to Oslo, where Rui Costa was waiting to meet Paul Dent.",
                &[("Oslo", L)],
                &[],
            ),
            (
                "Ana Lima, Paul Dent hold talks in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            // two people named beside talks with others are not the talks' sides
            (
                "Ana Lima said a team led by Paul Dent had arrived in Oslo for talks with Peruvian officials.",
                &[("Oslo", L), ("Peru|Peruvian*", C)],
                &[],
            ),
            (
                "In talks with Peruvian Foreign Minister Paul Dent, Ana Lima raised trade.",
                &[("Peru|Peruvian*", C), ("Foreign Minister", O)],
                &["Paul Dent+Ana Lima"],
            ),
            (
                "During their talks in Oslo, Ana Lima and Paul Dent agreed on trade.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            // (others' talks opening a sentence say nothing of this meeting)
            (
                "Trade talks in Oslo stalled, and Ana Lima and Paul Dent agreed to meet again.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima praised Paul Dent on Monday. The two agreed to meet again.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima held talks in Oslo on Friday with Paul Dent.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo on Friday"],
            ),
            (
                "Ana Lima discussed the border with Paul Dent.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima, who leads the talks, met the EU's climate commissioner, Paul Dent, and Peru's special envoy Rui Costa.",
                &[("EU", G), ("Peru", C), ("commissioner", O)],
                &["Ana Lima+Paul Dent+Rui Costa"],
            ),
            (
                "Chilean President Ana Lima and her Peruvian counterpart, Paul Dent, met for talks.",
                &[
                    ("Chile|Chilean*", C),
                    ("Peru|Peruvian*", C),
                    ("President", O),
                ],
                &["Ana Lima+Paul Dent"],
            ),
            // negatives
            ("Ana Lima criticized Paul Dent in a speech.", &[], &[]),
            (
                "Ana Lima discussed the plan, and Paul Dent agreed with Peru.",
                &[("Peru", C)],
                &[],
            ), // negatives
            ("Ana Lima criticized Paul Dent in a speech.", &[], &[]),
            (
                "Peru's Ana Lima met Chile's Paul Dent.",
                &[("Peru", C), ("Chile", C)],
                &["Ana Lima+Paul Dent"],
            ),
            ("Ana Lima met Chile's envoy.", &[("Chile", C)], &[]),
            (
                "Ana Lima spoke by phone with Chilean Mining Minister Paul Dent.",
                &[("Chile|Chilean*", C)],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima met Chilean officials.",
                &[("Chile|Chilean*", C)],
                &[],
            ),
            (
                "During the call, Ana Lima thanked Paul Dent for his help with the relief effort after the floods in Peru.",
                &[("Peru", C)],
                &["Ana Lima+Paul Dent"],
            ),
            ("Ana Lima visited Oslo.", &[("Oslo", L)], &[]),
            (
                "Chile and Peru claim the same islands.",
                &[("Chile", C), ("Peru", C)],
                &[],
            ),
            (
                "Ana Lima and Paul Dent differ sharply on taxes and spending, analysts said ahead of the summit.",
                &[],
                &[],
            ),
            (
                "Ana Lima met the prime minister of Peru.",
                &[("Peru", C), ("prime minister", O)],
                &[],
            ),
            (
                "The meeting was attended by Ana Lima, Paul Dent and Rui Costa's aides.",
                &[],
                &[],
            ),
            // a list after "with", once, however many rules read it
            (
                "Ana Lima held talks with Paul Dent and Rui Costa on Monday.",
                &[],
                &["Ana Lima+Paul Dent+Rui Costa on Monday"],
            ),
            (
                "Ana Lima met with Paul Dent, Rui Costa and Omar Haddad in Oslo.",
                &[("Omar Haddad", P), ("Oslo", L)],
                &["Ana Lima+Paul Dent+Rui Costa+Omar Haddad@Oslo"],
            ),
            // "with X and with Y": two conversations
            (
                "Ana Lima spoke by phone with Dent and with Peru's Foreign Minister Rui Costa.",
                &[("Peru", C), ("Foreign Minister", O)],
                &["Ana Lima+Paul Dent", "Ana Lima+Rui Costa"],
            ),
            // those a coordinated subject met took part
            (
                "Ana Lima and Paul Dent arrived on Monday and met Rui Costa in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent+Rui Costa@Oslo on Monday"],
            ),
            (
                "Ana Lima and Paul Dent met in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            (
                "Ana Lima signed the agreement with Paul Dent in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            // an honorific before the name in apposition
            (
                "Ana Lima spoke with her Peruvian counterpart, Sheikh Rui Costa, on Monday.",
                &[("Peru|Peruvian*", C)],
                &["Ana Lima+Rui Costa on Monday"],
            ),
            // receiving a visitor, and sitting down with one
            (
                "Ana Lima received her Peruvian counterpart Paul Dent in Oslo.",
                &[("Oslo", L), ("Peru|Peruvian*", C)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            (
                "Ana Lima sat down with Paul Dent for an hour.",
                &[],
                &["Ana Lima+Paul Dent"],
            ),
            // but things received or welcomed are no visitors
            (
                "Chile received U.S. support. Ana Lima welcomed Paul Dent's remarks.",
                &[("Chile", C), ("United States|U.S.", C)],
                &[],
            ),
            // a delegation's head
            (
                "Ana Lima met a Peruvian delegation led by Paul Dent in Oslo.",
                &[("Oslo", L), ("Peru|Peruvian*", C)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            // a time between the meeting word and "with"
            (
                "Ana Lima and Paul Dent joined a video call later in the day with Rui Costa.",
                &[],
                &["Ana Lima+Paul Dent+Rui Costa"],
            ),
            // a place the talks were about is not where they were
            (
                "Ana Lima met Paul Dent to discuss the situation in Myanmar.",
                &[("Myanmar", C)],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima and Paul Dent held talks on patrols in the Arafura Sea.",
                &[("Arafura Sea", L)],
                &["Ana Lima+Paul Dent"],
            ),
            (
                "Ana Lima discussed the crisis with Paul Dent in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
            (
                "Ana Lima met Paul Dent on the sidelines of a summit in Oslo.",
                &[("Oslo", L)],
                &["Ana Lima+Paul Dent@Oslo"],
            ),
        ];
        for (text, extra, want) in cases {
            let mut specs: Vec<(&str, EntityType)> = people.to_vec();
            specs.extend_from_slice(extra);
            assert_eq!(run(text, &specs), *want, "{text}");
        }
    }
}
