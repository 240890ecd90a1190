//! Mention finding: decides which spans name something and what type of thing.
//!
//! Three sources are combined, each doing what it is good at. The statistical tagger decides
//! where names are and whether they are people, locations or organizations; the lexicon types
//! locations (country or place, with ISO code or kind), supplies offices (which the tagger
//! never learnt), demonyms and multi-word places the tagger splits; a few rules catch names
//! in strong contexts the tagger missed (after a title or honorific, before an organization
//! head word). Proposals are taken in a fixed order of trust, and a token belongs to at most
//! one mention.

use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;

use crate::entities::MentionForm;
use crate::entities::romanised;
use crate::entities::tagger::{Label, Tagged};
use crate::hashing::le_padded;
use crate::lexicon::{CountryForm, Entry, KnownWords, Lexicon, Match, WordClass};
use crate::tokenize::{Token, TokenKind};

/// What a mention refers to, before linking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    Person,
    Office {
        name: &'static str,
    },
    Country {
        iso: &'static str,
    },
    Place {
        name: Option<&'static str>,
        kind: Option<&'static str>,
    },
    Organization {
        name: Option<&'static str>,
    },
}

/// A typed mention, not yet linked to an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
    pub what: What,
    pub form: MentionForm,
}

/// Words before a place name that make it a location rather than its government.
const LOCATIVE: &[&str] = &[
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside", "through", "to",
    "toward", "towards", "via", "visit", "visited", "visiting", "visits", "within",
];

/// Verbs of setting off, before "for" and where to: "leaving for Seoul".
const LEAVING: &[&str] = &[
    "bound",
    "depart",
    "departed",
    "departing",
    "departs",
    "head",
    "headed",
    "heading",
    "heads",
    "leave",
    "leaves",
    "leaving",
    "left",
    "sail",
    "sailed",
    "sailing",
    "set",
    "sets",
];

/// Words naming a part of a city before its name ("north London", "downtown Kyiv").
const COMPASS: &[&str] = &[
    "central",
    "downtown",
    "east",
    "eastern",
    "north",
    "northeast",
    "northeastern",
    "northern",
    "northwest",
    "northwestern",
    "south",
    "southeast",
    "southeastern",
    "southern",
    "southwest",
    "southwestern",
    "west",
    "western",
];

/// Parts of a city its possessive names: "Kyiv's outskirts" is the city, not its government.
const CITY_PARTS: &[&str] = &[
    "airport",
    "centre",
    "center",
    "districts",
    "neighbourhoods",
    "neighborhoods",
    "outskirts",
    "port",
    "streets",
    "suburbs",
];

/// The most words a rule extends a name by, on either side: keeps a run of 100,000
/// capitalised words from costing more than a sentence's worth of work per word.
const MAX_NAME_WORDS: usize = 8;

/// Small words allowed inside an organization name ("Ministry of Foreign Affairs").
const ORG_JOINERS: &[&str] = &["and", "for", "of", "on", "the", "&"];

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Documents of more tokens than this leave no buffers behind them: one huge document does
/// not keep its memory for the rest of a batch.
const KEEP_TOKENS: usize = 1 << 15;

/// The per-token tables one document's rules work in, kept per thread so that documents
/// after the first allocate little but their mentions.
#[derive(Default)]
struct Scratch {
    claimed: Vec<bool>,
    exact: Vec<u32>,
    tagged_len: Vec<usize>,
    capitalized: Vec<bool>,
    capitals: Vec<usize>,
    classes: Vec<Cell<Option<WordClass>>>,
    names: NameBuffers,
    surnames: Vec<(u64, usize, usize)>,
    after_office: Vec<bool>,
    swallowed: Vec<bool>,
    /// The text with its shouting lines folded, when it has some.
    folded: String,
    /// The mention list of a document done with, to be filled again (see [`recycle`]).
    found: Vec<Found>,
    /// The lexicon's matches in the last document, to be filled again.
    matches: Vec<Match>,
}

pub(crate) fn find(
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    tagged: &[Tagged],
    known: KnownWords<'_>,
) -> Vec<Found> {
    // taken rather than borrowed: nothing here may find the buffers in use
    let mut scratch = SCRATCH.take();
    let found = find_in(&mut scratch, text, tokens, lexicon, tagged, known);
    if tokens.len() <= KEEP_TOKENS {
        SCRATCH.set(scratch);
    }
    found
}

/// Takes back the mentions of a document done with, keeping their list for the next.
pub(crate) fn recycle(found: Vec<Found>) {
    if found.capacity() <= KEEP_TOKENS {
        // (nothing is kept should the buffers be in use)
        SCRATCH.with(|scratch| {
            if let Ok(mut scratch) = scratch.try_borrow_mut() {
                scratch.found = found;
            }
        });
    }
}

/// [`find`] in the buffers of `scratch`.
fn find_in(
    scratch: &mut Scratch,
    text: &str,
    tokens: &[Token],
    lexicon: &Lexicon,
    tagged: &[Tagged],
    known: KnownWords<'_>,
) -> Vec<Found> {
    let Scratch {
        claimed,
        exact,
        tagged_len,
        capitalized,
        capitals,
        classes,
        names,
        surnames,
        after_office,
        swallowed,
        folded,
        found,
        matches: kept_matches,
    } = scratch;
    let folded = fold_capital_lines(text, tokens, folded);
    let mut matches = std::mem::take(kept_matches);
    lexicon.find_into(folded, tokens, known, &mut matches);
    // a match never ends on punctuation ("Iraq" + the sentence's full stop), but for a
    // bracket it opened ("Janata Dal (United)")
    let bytes = text.as_bytes();
    let closes = |m: &Match| {
        m.tokens.len() > 2
            && bytes[tokens[m.tokens.end - 1].start] == b')'
            && m.tokens.clone().any(|k| bytes[tokens[k].start] == b'(')
    };
    matches.retain_mut(|m| {
        while m.tokens.len() > 1
            && tokens[m.tokens.end - 1].kind == TokenKind::Punctuation
            && !closes(m)
        {
            m.tokens.end -= 1;
            m.end = tokens[m.tokens.end - 1].end;
        }
        tokens[m.tokens.end - 1].kind != TokenKind::Punctuation || closes(m)
    });
    let words = Words::new(
        text,
        tokens,
        lexicon,
        known,
        (capitalized, capitals, classes),
    );
    claimed.clear();
    claimed.resize(tokens.len(), false);
    let mut found = std::mem::take(found);
    found.clear();
    found.reserve(tagged.len() + matches.len());
    let mut sel = Selection { claimed, found };
    // whole-token matches by token range, and the tagged span over each token: every
    // lookup below is then constant time, however many names a document has
    // (matches do not overlap, so one whole-token match at most starts at a token)
    exact.clear();
    exact.resize(tokens.len(), NO_MATCH);
    for (k, m) in matches.iter().enumerate() {
        if whole_tokens(m, tokens) && exact[m.tokens.start] == NO_MATCH {
            // (a match past the 4 billionth is not found by its tokens)
            exact[m.tokens.start] = u32::try_from(k).unwrap_or(NO_MATCH);
        }
    }
    let exact = &*exact;
    // the tagged spans' lengths over their tokens, made when first asked (step 2)
    tagged_len.clear();

    // 1. offices: the tagger knows nothing of them, and they bound the names beside them
    //    ("Federal Reserve Chair Jerome Powell" is an organization, an office and a person)
    for m in &matches {
        let office = m.entries.iter().find_map(|e| match e {
            Entry::Office { name } => Some(*name),
            _ => None,
        });
        if office.is_some()
            && !begins_a_name(m, tagged, &words)
            && let Some((range, what)) = titled_possessive_name(m, &words)
        {
            let (start, end) = (tokens[range.start].start, tokens[range.end - 1].end);
            sel.take(range, start, end, what, MentionForm::Name);
            continue;
        }
        if let Some(name) = office
            && !bare_abbreviation(m, name, folded, tokens)
            && !named_after_joiner(m, tagged, &words)
            && !begins_a_name(m, tagged, &words)
            && !surname_after_given_name(m, &words)
            && !ends_a_name(m, tagged)
            && !before_org_head(m, tagged, &words)
        {
            let what = What::Office { name };
            sel.take(m.tokens.clone(), m.start, m.end, what, MentionForm::Name);
        }
    }

    // a leader named in a title's place: "Labour leader Keir Starmer"
    leaders_before_names(&words, &mut sel);

    // 0. another name for a place named just before ("which Beijing calls Ren'ai Jiao")
    aliases(&words, &matches, tagged, &mut sel);
    // and the journalists named in a credit line ("Reporting by Andrew Mills")
    credit_lines(&words, &mut sel);
    // and a nickname in quotes inside a name ('Ramon "Bong" Revilla Jr.')
    nicknamed_people(&words, &mut sel);
    // and the news agency of a dateline ("SYDNEY (AAP) -")
    agency_in_dateline(&words, (&matches, exact), &mut sel);
    // and towns named after a saint ("Sault Ste. Marie")
    saints_inside_names(&words, tagged, &mut sel);

    // 2. multi-word lexicon places, countries and organizations longer than any tagged span
    //    they overlap ("Korean Peninsula" where the tagger saw only "Korean")
    for m in &matches {
        if m.tokens.len() < 2 || !whole_tokens(m, tokens) {
            continue;
        }
        if tagged_len.is_empty() {
            tagged_len.resize(tokens.len(), 0);
            for t in tagged {
                for i in t.tokens.clone() {
                    tagged_len[i] = tagged_len[i].max(t.tokens.len());
                }
            }
        }
        let longest_overlap = m.tokens.clone().map(|i| tagged_len[i]).max().unwrap_or(0);
        if longest_overlap >= m.tokens.len() {
            continue;
        }
        if let Some((what, form)) = reading(m, text, tokens, None)
            && !matches!(what, What::Office { .. })
        {
            sel.take(m.tokens.clone(), m.start, m.end, what, form);
        }
    }

    // and countries joined by hyphens, whatever the tagger made of the compound
    country_compounds(&words, &matches, &mut sel);

    // 3. the tagger's spans, typed with the lexicon, split where an office cut into them
    let roles = after_roles(&words);
    sel.after_offices(tokens.len(), &roles, after_office);
    // last words of people named in full: "Jordan" after "Neil Jordan" is that person
    // (gathered when first asked for, which is seldom)
    let tagged_surnames = OnceCell::new();
    let is_surname = |k: usize| {
        let list = tagged_surnames.get_or_init(|| {
            let mut list = Vec::new();
            last_words(
                text,
                tokens,
                tagged
                    .iter()
                    .filter(|t| t.label == Label::Per && t.tokens.len() > 1)
                    .map(|t| &t.tokens),
                &mut list,
            );
            list
        });
        has_word(text, list, tokens[k].text(text))
    };
    // whether a piece of a tagged span is exactly a country's name
    let names_a_country = |piece: Range<usize>| {
        exact
            .get(piece.start)
            .and_then(|&k| matches.get(k as usize))
            .is_some_and(|m| {
                m.tokens == piece
                    && m.entries.iter().any(|e| {
                        matches!(
                            e,
                            Entry::Country {
                                form: CountryForm::Name | CountryForm::Abbreviation,
                                ..
                            }
                        )
                    })
            })
    };
    for t in tagged {
        let mut range = t.tokens.clone();
        if t.label == Label::Per {
            // titles and honorifics are not part of a person's name
            while range.start < range.end && is_title_word(words.classes(range.start)) {
                range.start += 1;
            }
        }
        // "Rival Honda Motor Co", "Rival Toyota": a word capitalised only as a sentence's
        // first is no part of the name after it, when that is a company's by itself: known
        // to the lexicon or ending in a legal form ("First Pacific" is a company, "Pacific"
        // a place)
        let rest = range.start + 1..range.end;
        if !rest.is_empty()
            && is_sentence_start(tokens, range.start)
            && tokens[range.start].end - tokens[range.start].start > 2
            && words.classes(range.start).contains(WordClass::NOT_A_NAME)
            && (words.classes(rest.end - 1).contains(WordClass::ORG_SUFFIX)
                || exact
                    .get(rest.start)
                    .and_then(|&k| matches.get(k as usize))
                    .is_some_and(|m| m.tokens.end == rest.end && only_organization(m)))
        {
            range = rest;
        }
        // names do not end in lower-case words ("Downing Street and backbench")
        while range.len() > 1 && {
            let (last, kind) = (tokens[range.end - 1].text(text), tokens[range.end - 1].kind);
            let lower_word = kind == TokenKind::Word
                && last.chars().next().is_some_and(char::is_lowercase)
                && !is_possessive(last);
            lower_word || (kind == TokenKind::Punctuation && !matches!(last, ")" | "]"))
        } {
            range.end -= 1;
        }
        // "Chicago Cardinal Joseph Bernardin" read as a team: an honorific inside a place or
        // organization starts a person's name, as an office does
        // (and what comes before it says where they are from: "U.S.", "Chicago")
        let honorific = matches!(t.label, Label::Org | Label::Loc)
            .then(|| honorific_before_a_name(&words, range.clone()))
            .flatten();
        if let Some(h) = honorific {
            sel.claim(h..h + 1);
            after_office[h + 1] = true;
        }
        // "Ambassador to Japan Wu Jianghao": the country or place an office is of, and its
        // holder's name, read as one name
        if let Some(e) = place_then_holder(&words, (&matches, exact), &range, after_office) {
            after_office[e] = true;
            if e > range.start {
                let place = (Label::Loc, range.start..e, || false, false);
                take_tagged(place, &words, (&matches, exact), &mut sel);
                range.start = e;
            }
        }
        let mut i = range.start;
        while i < range.end {
            if sel.claimed[i] {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < range.end && !sel.claimed[j] {
                j += 1;
            }
            let piece = i..j;
            // what names took from a span may leave only its small words ("and")
            if piece != t.tokens
                && !piece
                    .clone()
                    .any(|k| words.capitalized[k] || words.text(k).chars().any(char::is_uppercase))
            {
                i = j;
                continue;
            }
            // "Minister of Trade and Industry X": the rest of the office's portfolio, no name
            if piece != t.tokens
                && after_office[piece.start]
                && words
                    .text(piece.start)
                    .starts_with(|c: char| c.is_lowercase())
            {
                i = j;
                continue;
            }
            let label = if piece != t.tokens && after_office[piece.start] && t.label != Label::Misc
            {
                Label::Per
            } else if honorific == Some(piece.end)
                || (piece.end < t.tokens.end && names_a_country(piece.clone()))
            {
                // "U.S." of "U.S. Treasury Secretary", read as one body with the office
                Label::Loc
            } else if t.label == Label::Per
                && piece.len() > 1
                && {
                    let c = words.classes(piece.start);
                    c.contains(WordClass::ORGANIZATION) && !c.contains(WordClass::GIVEN_NAME)
                }
                && (piece.start + 1..piece.end).all(|k| {
                    !words
                        .classes(k)
                        .intersects(WordClass::GIVEN_NAME | WordClass::SURNAME)
                })
            {
                // "Oxfam Novib": a "person" whose first word is a body the lexicon knows and
                // no one's given name, and whose other words are nobody's names ("Nissan
                // Levy" is someone), is a branch of that body
                Label::Org
            } else {
                t.label
            };
            // "Secretary of State Cardinal Pietro Parolin": an honorific after an office
            // is no part of the name after it
            let mut piece = piece;
            if label == Label::Per && piece != t.tokens && piece.len() > 2 && {
                let c = words.classes(piece.start);
                c.contains(WordClass::HONORIFIC) && !c.contains(WordClass::GIVEN_NAME)
            } {
                sel.claim(piece.start..piece.start + 1);
                piece.start += 1;
            }
            // (asked only where the answer matters: rarely)
            let one = (piece.len() == 1).then_some(piece.start);
            let surname = || one.is_some_and(is_surname);
            let after_title = after_office[piece.start];
            let tagged = (label, piece, surname, after_title);
            take_tagged(tagged, &words, (&matches, exact), &mut sel);
            i = j;
        }
    }

    // 4. what the lexicon is sure of where the tagger said nothing
    for m in &matches {
        if m.tokens.clone().any(|i| sel.claimed[i]) {
            continue;
        }
        let first = &folded[m.start..m.end];
        if !first.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if let Some((what, form)) = reading(m, text, tokens, None) {
            let confident = match &what {
                What::Country { .. } => true,
                What::Organization { .. } => true,
                What::Place { .. } => {
                    m.tokens.len() > 1
                        || is_physical(m)
                        || dateline_lead(&m.tokens, text, tokens)
                        || m.end - m.start
                            < tokens[m.tokens.start].end - tokens[m.tokens.start].start
                        || (m
                            .tokens
                            .start
                            .checked_sub(1)
                            .is_some_and(|i| LOCATIVE.contains(&tokens[i].text(text)))
                            // "in March", "from Monday": a town named like a month or a
                            // day is the date
                            && !words
                                .classes(m.tokens.start)
                                .intersects(WordClass::MONTH | WordClass::WEEKDAY))
                }
                _ => false,
            };
            if confident {
                sel.take(m.tokens.clone(), m.start, m.end, what, form);
            }
        }
    }

    // 5. rules: organizations ending in a head word, names after titles and honorifics
    organizations_by_head(&words, &mut sel);
    bodies_named_in_apposition(&words, &mut sel);
    embassies(&words, &mut sel);
    people_after_titles(&words, &mut sel, &roles, after_office);
    names_by_shape(&words, tagged, after_office, &mut sel, swallowed);
    complete_names(&words, &mut sel, after_office, swallowed);
    complete_organizations(&words, &mut sel);
    companies_named_in_full(&words, &mut sel);
    repeated_names(&words, &mut sel, names);
    single_names_in_apposition(&words, &mut sel);

    let mut found = sel.found;
    people_named_again(text, tokens, &mut found, surnames);
    surnames_are_people(text, tokens, &mut found, surnames);
    found.sort_by_key(|f| (f.start, f.end));
    extend_organizations(tokens, &mut found);
    organizations_on_topics(&words, &mut found);
    possessive_organizations(&words, &mut found);
    companies_named_like_places(&words, (&matches, exact), &mut found);
    places_listed_with_places(&words, (&matches, exact), &mut found);
    saints_possessions(&words, &mut found);
    names_met_whole(&words, &mut found);
    *kept_matches = matches;
    found
}

/// Acronyms of things frequent in news, in ASCII order: the tagger learned from 1996 news
/// that a word in capitals names an organization, and never met "AI" there. Those that are
/// also parts of names ("TV" of "TV Globo") are left out; a name containing one is kept whole.
const COMMON_ACRONYMS: &[&str] = &[
    "AI", "ATM", "ATMs", "CPI", "CPU", "CPUs", "DNA", "ESG", "ETF", "ETFs", "EV", "EVs", "FDI",
    "GDP", "GMO", "GMOs", "GPU", "GPUs", "ICBM", "ICBMs", "IPO", "IPOs", "LED", "LNG", "NGO",
    "NGOs", "PMI", "PPE", "PPI", "SME", "SMEs", "SUV", "SUVs", "UAV", "UAVs", "VAT", "VIP", "VIPs",
];

/// A bit for each first letter and length of the [`COMMON_ACRONYMS`]: most words in
/// capitals (headlines, sports tables) are told apart by these alone.
const ACRONYM_SHAPES: u128 = {
    let mut bits = 0u128;
    let mut i = 0;
    while i < COMMON_ACRONYMS.len() {
        let w = COMMON_ACRONYMS[i].as_bytes();
        bits |= 1 << acronym_shape(w[0], w.len());
        i += 1;
    }
    bits
};

/// The bit of [`ACRONYM_SHAPES`] for a word of 2 to 5 bytes starting with a capital letter.
const fn acronym_shape(first: u8, len: usize) -> u32 {
    (first - b'A') as u32 * 4 + (len - 2) as u32
}

/// Whether a token is one of the [`COMMON_ACRONYMS`].
fn is_common_acronym(text: &str, token: &Token) -> bool {
    let b = text.as_bytes();
    let len = token.end - token.start;
    (2..=5).contains(&len)
        && b[token.start].is_ascii_uppercase()
        && b[token.start + 1].is_ascii_uppercase()
        && ACRONYM_SHAPES & 1 << acronym_shape(b[token.start], len) != 0
        && COMMON_ACRONYMS.binary_search(&token.text(text)).is_ok()
}

/// The followers of a religion or branch of one, and the words for them before a noun ("a
/// Sikh leader"), in ASCII order: a group of people, never a place, body or person, whatever
/// the tagger read ("the killing of Christians in ..."). ("Christian" is a given name too.)
const RELIGIOUS_GROUPS: &[&str] = &[
    "Buddhist",
    "Buddhists",
    "Catholic",
    "Catholics",
    "Christians",
    "Coptic",
    "Copts",
    "Evangelical",
    "Evangelicals",
    "Hindu",
    "Hindus",
    "Jewish",
    "Jews",
    "Mormon",
    "Mormons",
    "Moslem",
    "Moslems",
    "Muslim",
    "Muslims",
    "Protestant",
    "Protestants",
    "Shi'ite",
    "Shi'ites",
    "Shia",
    "Shias",
    "Shiite",
    "Shiites",
    "Sikh",
    "Sikhs",
    "Sunni",
    "Sunnis",
];

/// The [`shapes_of`] the [`RELIGIOUS_GROUPS`].
static RELIGIOUS_GROUP_SHAPES: [u16; 256] = shapes_of(RELIGIOUS_GROUPS);

/// Whether a word is one of the [`RELIGIOUS_GROUPS`].
fn is_religious_group(word: &str) -> bool {
    in_shaped_list(word, RELIGIOUS_GROUPS, &RELIGIOUS_GROUP_SHAPES)
}

/// "Sen" in "Hun Sen said": a title shortened and written without its period ("Sen." for
/// "Senator") is that title only before a name ("Gen Mark Milley"); otherwise it is a word of
/// a name.
fn bare_abbreviation(m: &Match, name: &str, text: &str, tokens: &[Token]) -> bool {
    let word = &text[m.start..m.end];
    let short = m.tokens.len() == 1
        && word.len() < name.len()
        && word.len() <= 4
        && word.as_bytes()[0].is_ascii_uppercase()
        && word.as_bytes()[1..].iter().all(u8::is_ascii_lowercase);
    short
        && !text[m.end..].starts_with('.')
        && !tokens.get(m.tokens.end).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.breaks_before == 0
                && t.text(text).chars().next().is_some_and(char::is_uppercase)
        })
}

/// Whether one-word office match `m` ends a name the tagger read, after other words of it
/// ("Cambodia's former leader Hun Sen."): titles come before names, not at their end.
/// A body's read with its officer's title is not ("NBI Director" before "Jaime Santiago").
fn ends_a_name(m: &Match, tagged: &[Tagged]) -> bool {
    m.tokens.len() == 1
        && tagged_over(tagged, m.tokens.start).is_some_and(|t| {
            t.label != Label::Misc
                && t.tokens.start < m.tokens.start
                && t.tokens.end == m.tokens.end
                && !(t.label == Label::Org
                    && tagged_over(tagged, m.tokens.end)
                        .is_some_and(|p| p.label == Label::Per && p.tokens.start == m.tokens.end))
        })
}

/// Whether office match `m` is the surname of someone named by their given name right before
/// it ("Billie Jean King", "Stephen King"): one word after a given name that is no place's
/// name, and before no name ("Georgia Governor Brian Kemp" keeps its office).
fn surname_after_given_name(m: &Match, words: &Words) -> bool {
    let tokens = words.tokens;
    let (i, next) = (m.tokens.start, m.tokens.end);
    // (a given name that also names a place, a body or an office is read as that)
    let other = WordClass::COUNTRY
        | WordClass::REGION
        | WordClass::CITY
        | WordClass::DEMONYM
        | WordClass::ORGANIZATION
        | WordClass::OFFICE_WORD;
    m.tokens.len() == 1
        && i > 0
        && tokens[i].breaks_before == 0
        && words.capitalized[i]
        && words.capitalized[i - 1]
        && {
            let c = words.classes(i - 1);
            c.contains(WordClass::GIVEN_NAME) && !c.intersects(other)
        }
        && (next >= tokens.len()
            || !words.capitalized[next]
            || matches!(
                words.text(next),
                "Jr" | "Jr." | "Sr" | "Sr." | "II" | "III" | "IV"
            ))
}

/// Where the holder's name starts in a tagged span that names, after an office and "to",
/// "in" or "at", a country or place the lexicon knows and its holder ("Ambassador to Japan
/// Wu Jianghao"), or only the holder, right after such a place ("Consul General in Osaka" +
/// "Xue Jian"): a name of two or three words that starts with a given name or an East Asian
/// surname.
fn place_then_holder(
    words: &Words,
    (matches, index): (&[Match], &WholeMatches),
    range: &Range<usize>,
    after_office: &[bool],
) -> Option<usize> {
    let is_place = |m: &Match| {
        m.entries.iter().any(|e| {
            matches!(
                e,
                Entry::Country {
                    form: CountryForm::Name,
                    ..
                } | Entry::Place { .. }
            )
        })
    };
    let place_at = |k: usize| {
        let m = matches.get(*index.get(k)? as usize)?;
        (m.tokens.start == k && is_place(m)).then_some(m.tokens.end)
    };
    let s = range.start;
    // the place: the span's first words, or the words just before it
    let (place, e) = match place_at(s) {
        Some(e) => (s, e),
        None => {
            let k = (s.saturating_sub(4)..s).find(|&k| place_at(k) == Some(s))?;
            (k, s)
        }
    };
    // ("the" may stand between: "Ambassador to the Philippines Kazuya Endo")
    let the = usize::from(place >= 2 && words.text(place - 1) == "the");
    if place < 1 + the
        || !after_office[place - 1 - the]
        || !matches!(words.text(place - 1 - the), "to" | "in" | "at" | "for")
        || !(2..=3).contains(&range.end.checked_sub(e)?)
    {
        return None;
    }
    let name_like = (e..range.end).all(|k| {
        words.capitalized[k]
            && words.tokens[k].kind == TokenKind::Word
            && !words.classes(k).intersects(
                WordClass::ORG_HEAD | WordClass::ORG_SUFFIX | WordClass::COUNTRY | WordClass::CITY,
            )
    });
    // (or is made of words no list knows as anything but names: "Massad Boulos")
    let starts_a_name = words.classes(e).contains(WordClass::GIVEN_NAME)
        || east_asian_name_at(words, e) == Some(range.end)
        || (e..range.end).all(|k| !words.classes(k).intersects(NOT_GIVEN));
    (name_like && starts_a_name).then_some(e)
}

/// Whether a token is the possessive "'s" (straight or curly apostrophe).
pub(crate) fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "\u{2019}s")
}

/// Small words after which an office word is the rest of a place's or body's name: "Parc des
/// Princes", "Court of the King". ("the" alone is not one: "the President" is the office.)
const NAME_JOINERS: &[&str] = &["de", "del", "des", "di", "du", "of", "van", "von"];

/// Whether office match `m` ends a span the tagger read as a place, organization or other
/// name, after a small joining word inside that span ("Parc des Princes"), or comes after an
/// organization's head word and "of" ("Board of Governors", "Council of Ministers"): it is
/// then a word of that name, not an office.
fn named_after_joiner(m: &Match, tagged: &[Tagged], words: &Words) -> bool {
    let (text, tokens) = (words.text, words.tokens);
    let Some(before) = m.tokens.start.checked_sub(1) else {
        return false;
    };
    // ("the" may stand between: "Court of the King")
    let at = if tokens[before].text(text) == "the" {
        before.checked_sub(1)
    } else {
        Some(before)
    };
    let Some(joiner) = at.filter(|&i| NAME_JOINERS.contains(&tokens[i].text(text))) else {
        return false;
    };
    // (a title before a name stays one: "the Awami League of Prime Minister Sheikh Hasina")
    let before_name = words
        .capitalized
        .get(m.tokens.end)
        .copied()
        .unwrap_or(false)
        && tokens[m.tokens.end].breaks_before == 0;
    let head = !before_name
        && joiner.checked_sub(1).is_some_and(|h| {
            words.capitalized[h]
                && tokens[joiner].text(text) == "of"
                && words.classes(h).contains(WordClass::ORG_HEAD)
        });
    head || tagged_over(tagged, m.tokens.end - 1).is_some_and(|t| {
        t.label != Label::Per && t.tokens.start < joiner && t.tokens.end == m.tokens.end
    })
}

/// The tagged span over token `k`, found by binary search: the tagger's spans come in text
/// order and do not overlap, and a document may have hundreds of thousands of them.
fn tagged_over(tagged: &[Tagged], k: usize) -> Option<&Tagged> {
    let i = tagged.partition_point(|t| t.tokens.start <= k);
    tagged[..i].last().filter(|t| t.tokens.contains(&k))
}

/// Whether office match `m` begins a span the tagger read as a place, organization or other
/// name and is followed in it by "'s" or a small joining word ("Queen's Park", "Queen of the
/// South", "Prime Minister's Office"): a name made from a title, not the title.
fn begins_a_name(m: &Match, tagged: &[Tagged], words: &Words) -> bool {
    let next = m.tokens.end;
    next < words.tokens.len()
        && (is_possessive(words.text(next)) || NAME_JOINERS.contains(&words.text(next)))
        && tagged_over(tagged, m.tokens.start).is_some_and(|t| {
            t.label != Label::Per && t.tokens.start == m.tokens.start && t.tokens.end > next + 1
        })
}

/// "Queen's Park", "King's College": a one-word title, "'s" and a word that heads the names
/// of places or institutions make a name where the tagger read no longer one (it often
/// reads the last word as a person). The tokens it spans and what it names.
fn titled_possessive_name(m: &Match, words: &Words) -> Option<(Range<usize>, What)> {
    let next = m.tokens.end;
    if m.tokens.len() != 1 || next + 1 >= words.tokens.len() || !is_possessive(words.text(next)) {
        return None;
    }
    if !words
        .text(m.tokens.start)
        .starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    let what = match words.text(next + 1) {
        "Park" | "Square" | "Cross" | "Bridge" | "Gate" | "Road" | "Street" | "Lynn"
        | "Gardens" => What::Place {
            name: None,
            kind: None,
        },
        "College" | "University" | "Hospital" | "School" => What::Organization { name: None },
        _ => return None,
    };
    Some((m.tokens.start..next + 2, what))
}

/// Takes "Sault Ste. Marie", "Bury St Edmunds", "Port St. Lucie" as places: a saint's
/// abbreviation between two capitalised words, the first no given name ("Paul St. John")
/// and no common word ("In St. Louis"), where the tagger read no other name over them
/// ("Zenit St Petersburg").
fn saints_inside_names(words: &Words, tagged: &[Tagged], sel: &mut Selection) {
    let tokens = words.tokens;
    for &k in words.capitals {
        // (most capitalised words are longer: their length is the first test)
        let t = &tokens[k];
        if !(2..=4).contains(&(t.end - t.start))
            || !matches!(words.text(k), "St." | "Ste." | "St" | "Ste")
            || k == 0
            || k + 1 >= tokens.len()
            || !words.capitalized[k - 1]
            || !words.capitalized[k + 1]
            || (k - 1..k + 2).any(|i| sel.claimed[i])
            || tokens[k].start != tokens[k - 1].end + 1
            || tokens[k + 1].start != tokens[k].end + 1
        {
            continue;
        }
        if words
            .classes(k - 1)
            .intersects(WordClass::GIVEN_NAME | WordClass::COMMON_WORD | WordClass::HONORIFIC)
        {
            continue;
        }
        let other = |i: usize| {
            tagged_over(tagged, i).is_some_and(|t| {
                matches!(t.label, Label::Org | Label::Misc)
                    || t.tokens.start < k - 1
                    || t.tokens.end > k + 2
            })
        };
        if other(k - 1) || other(k + 1) {
            continue;
        }
        let what = What::Place {
            name: None,
            kind: None,
        };
        sel.take(
            k - 1..k + 2,
            tokens[k - 1].start,
            tokens[k + 1].end,
            what,
            MentionForm::Name,
        );
    }
}

/// Kinds of place that are never a team, a company or a person, so the lexicon's word
/// outranks the tagger's label for them.
const PHYSICAL_KINDS: &[&str] = &[
    "archipelago",
    "bay",
    "continent",
    "desert",
    "gulf",
    "island",
    "lake",
    "mountain",
    "ocean",
    "peninsula",
    "region",
    "river",
    "sea",
    "strait",
];

/// Words that head geographic names ("Hans Island", "Mount Kenya", "Lake Chad"). Sorted: they
/// are found by binary search.
const PLACE_HEADS: &[&str] = &[
    "Atoll",
    "Bay",
    "Canyon",
    "Cape",
    "Channel",
    "Desert",
    "Glacier",
    "Governorate",
    "Gulf",
    "Island",
    "Islands",
    "Isle",
    "Lake",
    "Mount",
    "Mountains",
    "Oblast",
    "Ocean",
    "Peninsula",
    "Prefecture",
    "Province",
    "Reef",
    "River",
    "Sea",
    "Shoal",
    "Strait",
    "Valley",
];

/// The first bytes and lengths of `words` (each under 16 bytes): bit `n` of a byte's entry
/// is set when a word of `n` bytes starts with it. Most capitalised words start with the
/// first byte of some listed word but have the length of none, and are told apart without a
/// search.
const fn shapes_of(words: &[&str]) -> [u16; 256] {
    let mut shapes = [0; 256];
    let mut n = 0;
    while n < words.len() {
        let word = words[n].as_bytes();
        shapes[word[0] as usize] |= 1 << word.len();
        n += 1;
    }
    shapes
}

/// Whether `word` is in sorted `list`, whose [`shapes_of`] are `shapes`.
fn in_shaped_list(word: &str, list: &[&str], shapes: &[u16; 256]) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&b| word.len() < 16 && shapes[usize::from(b)] & 1 << word.len() != 0)
        && list.binary_search(&word).is_ok()
}

/// The [`shapes_of`] the [`PLACE_HEADS`].
static PLACE_HEAD_SHAPES: [u16; 256] = shapes_of(PLACE_HEADS);

/// Whether a one-word office is the first word of an organization's name: right before the
/// head word of one ("General Court", "General Motors"), which is no one's name; or first in
/// a name the tagger read, not as a person's, that ends in such a head or names a trophy
/// ("General Border Committee", "President Cup").
fn before_org_head(m: &Match, tagged: &[Tagged], words: &Words) -> bool {
    let next = m.tokens.end;
    let head = |k: usize| {
        let c = words.classes(k);
        c.contains(WordClass::ORG_HEAD) && !c.contains(WordClass::GIVEN_NAME)
    };
    m.tokens.len() == 1
        && next < words.tokens.len()
        && words.tokens[next].breaks_before == 0
        && words.capitalized[next]
        && (head(next)
            || tagged_over(tagged, m.tokens.start).is_some_and(|t| {
                let last = t.tokens.end - 1;
                t.label != Label::Per
                    && t.tokens.start == m.tokens.start
                    && t.tokens.len() <= 4
                    && last >= next
                    && (head(last) || matches!(words.text(last), "Cup" | "Trophy" | "Prize"))
            }))
}

/// Whether `word` names a kind of administrative division, which ends the name of one
/// ("North Pyongan Province", "Aichi Prefecture").
pub(crate) fn is_division_word(word: &str) -> bool {
    matches!(
        word,
        "Province" | "Prefecture" | "Governorate" | "Oblast" | "County"
    )
}

/// Whether `word` is one of [`PLACE_HEADS`].
pub(crate) fn is_place_head(word: &str) -> bool {
    in_shaped_list(word, PLACE_HEADS, &PLACE_HEAD_SHAPES)
}

/// Whether a match names a physical or geopolitical place ("East China Sea", "Sahel",
/// "Indo-Pacific"). Administrative regions that belong to one country are not included:
/// clubs and teams are named after those.
fn is_physical(m: &Match) -> bool {
    m.entries.iter().any(|e| match e {
        Entry::Place {
            kind: "region",
            country,
            ..
        } => country.is_none(),
        Entry::Place { kind, .. } => PHYSICAL_KINDS.contains(kind),
        _ => false,
    })
}

/// Corrects the tagger's label where the lexicon or the span's own words say otherwise:
/// known seas, islands and regions are places; a span ending in an organization head word
/// ("Starmer Cabinet") is an organization; an "organization" or "location" that reads as a
/// given name and a surname, with no organization or place word in it, is a person, as is
/// one named right after an office ("chief executive Sundar Pichai") or where a speaker is
/// named ("Kyriakos Mitsotakis said") with no word any list knows otherwise.
fn relabel(
    label: Label,
    (surname, after_title, apposition): (impl Fn() -> bool, bool, impl Fn() -> bool),
    exact: Option<&Match>,
    range: &Range<usize>,
    words: &Words,
) -> Label {
    let tokens = words.tokens;
    let physical = exact.is_some_and(|m| {
        m.entries.iter().any(|e| matches!(e, Entry::Place { .. })) && is_physical(m)
    });
    if physical && label != Label::Loc {
        return Label::Loc;
    }
    // "the Hoover Dam", "Ben Gurion Airport", "the Golden Gate Bridge": a name ending in
    // the word for a built site is that site's, never a person's
    // (an airport may be the company that runs it)
    if range.len() > 1 && {
        let last = words.text(range.end - 1);
        match label {
            Label::Per | Label::Loc => is_facility_word(last),
            Label::Org => is_facility_word(last) && last != "Airport",
            Label::Misc => false,
        }
    } {
        return Label::Loc;
    }
    // "SAN FRANCISCO (Reuters) -": a dateline names a place
    let place = |m: &Match| {
        m.entries.iter().any(|e| {
            matches!(
                e,
                Entry::Place { .. }
                    | Entry::Country {
                        form: CountryForm::Capital,
                        ..
                    }
            )
        })
    };
    if label != Label::Loc && exact.is_some_and(place) && dateline_lead(range, words.text, tokens) {
        return Label::Loc;
    }
    // "trapped in El Fasher", "the North Darfur city of El Fasher": a town the tagger read
    // as a team or a company stands where places do
    // ("a factory in North Pyongan Province": a division's own word ends its name; "Western
    // Province batsman" is a team)
    let division = || range.len() > 1 && is_division_word(words.text(range.end - 1));
    if label == Label::Org
        && (exact.is_some_and(place) || division())
        && where_places_stand(range, words)
    {
        return Label::Loc;
    }
    // "an analyst at Emarketer", "economists at Credit Suisse": where such a one works is a
    // firm, whatever its name looks like
    if matches!(label, Label::Loc | Label::Per)
        && exact.is_none()
        && range.start >= 2
        && matches!(words.text(range.start - 1), "at" | "with")
        && matches!(
            words.text(range.start - 2),
            "analyst"
                | "analysts"
                | "Analysts"
                | "economist"
                | "economists"
                | "Economists"
                | "strategist"
                | "strategists"
                | "Strategists"
        )
    {
        return Label::Org;
    }
    // "the Peronist coalition Fuerza Patria", "German lender Commerzbank": a name right
    // after a common noun for a body is that body's, unless it opens with a given name
    // ("the party Vladimir Zhirinovsky" leads)
    if label != Label::Misc
        && (label != Label::Loc || exact.is_none())
        && range.start >= 1
        && is_body_noun(words.text(range.start - 1))
        && !words.classes(range.start).contains(WordClass::GIVEN_NAME)
    {
        return Label::Org;
    }
    // "Freedom House, a U.S. think tank": a name a body's apposition follows is that body's
    // ("at Energoatom, the state nuclear power company")
    if matches!(label, Label::Per | Label::Loc)
        && exact.is_none()
        && tokens
            .get(range.end)
            .is_some_and(|t| t.kind == TokenKind::Punctuation)
        && body_in_apposition(range.end, words)
    {
        return Label::Org;
    }
    // "the new Jan Suraaj party": a name before "party" is the party's
    if matches!(label, Label::Per | Label::Loc)
        && exact.is_none()
        && words
            .tokens
            .get(range.end)
            .is_some_and(|_| words.text(range.end) == "party")
    {
        return Label::Org;
    }
    // "Merz's Christian Democrats", "the Sweden Democrats": a party named by its members
    if label == Label::Per
        && range.len() > 1
        && matches!(
            words.text(range.end - 1),
            "Democrats"
                | "Republicans"
                | "Socialists"
                | "Conservatives"
                | "Liberals"
                | "Communists"
        )
    {
        return Label::Org;
    }
    // "the Ifo institute", "the Kiel institute": one word between "the" and a common noun
    // for a body names the body ("a Munich institute" is one in Munich)
    if label == Label::Loc
        && range.len() == 1
        && range.start > 0
        && range.end < tokens.len()
        && words.text(range.start - 1).eq_ignore_ascii_case("the")
        && matches!(words.text(range.end), "institute" | "think-tank")
    {
        return Label::Org;
    }
    // "the Kerem Shalom crossing", "the Shuja'iyya neighbourhood", "the Thu Bon river": a
    // name before a common noun for a site or a district names the place (a "person" so
    // only after "the")
    if (matches!(label, Label::Org | Label::Loc)
        || (label == Label::Per
            && range.start > 0
            && words.text(range.start - 1).eq_ignore_ascii_case("the")))
        && range.end < tokens.len()
        && is_site_noun(words.text(range.end))
    {
        return Label::Loc;
    }
    // "the ancient town of Hoi An", "the outskirts of X": a name no list knows, where the
    // words before say a place is named
    if matches!(label, Label::Org | Label::Per)
        && exact.is_none()
        && range.start > 1
        && words.text(range.start - 1) == "of"
        && where_places_stand(range, words)
    {
        return Label::Loc;
    }
    let country = exact.is_some_and(|m| {
        m.entries.iter().any(|e| {
            matches!(
                e,
                Entry::Country {
                    form: CountryForm::Name | CountryForm::Abbreviation,
                    ..
                }
            )
        })
    });
    if country && label == Label::Per && !surname() {
        return Label::Loc;
    }
    // "posted on Telegram": a name the lexicon knows only as an organization, and none of
    // whose words as a person's ("Ford", "Bloomberg"), or of more than one word ("defeat
    // by Nottingham Forest")
    if label == Label::Per
        && !surname()
        && exact.is_some_and(only_organization)
        && (range.len() > 1
            || !range.clone().any(|i| {
                words
                    .classes(i)
                    .intersects(WordClass::GIVEN_NAME | WordClass::SURNAME)
            }))
    {
        return Label::Org;
    }
    // "Khan Younis", "Deir al-Balah": a town of more than one word, named exactly, is no
    // one's name; nor is a province of one word no list of names knows ("visits flood-hit
    // Aceh": towns share their names with people more often)
    let province = || {
        exact.is_some_and(|m| {
            m.entries
                .iter()
                .any(|e| matches!(e, Entry::Place { kind, .. } if *kind != "city"))
        }) && !words
            .classes(range.start)
            .intersects(WordClass::GIVEN_NAME | WordClass::SURNAME)
            && !surname()
    };
    if label == Label::Per
        && exact.is_some_and(|m| {
            m.entries.iter().any(|e| matches!(e, Entry::Place { .. }))
                && !m.entries.iter().any(|e| matches!(e, Entry::Person { .. }))
        })
        && (range.len() > 1 || province())
    {
        return Label::Loc;
    }
    let n = range.len();
    // (each word's classes are asked for only where a test needs them: most spans need none)
    let classes = range.clone().map(|i| words.classes(i));
    if label == Label::Loc
        && (n > 1 || !is_sentence_start(tokens, range.start))
        && n > 0
        && exact.is_none()
        && words.classes(range.end - 1).contains(WordClass::ORG_HEAD)
    {
        return Label::Org;
    }
    // "Hans Island", "Lake Victoria": a geographic head word makes a place of a "person"
    if label == Label::Per && n > 1 && range.clone().any(|i| is_place_head(words.text(i))) {
        return Label::Loc;
    }

    // "the Allianz Arena", "Lusail Stadium", "Merdeka Palace": a venue ("Bruce Arena" opens
    // with a given name;
    // an airport may be the company that runs it)
    let venue = match words.text(range.end - 1) {
        "Arena" | "Palace" | "Stadium" => matches!(label, Label::Per | Label::Org),
        "Airport" => label == Label::Per,
        _ => false,
    };
    if venue
        && n > 1
        && exact.is_none()
        && !words.classes(range.start).contains(WordClass::GIVEN_NAME)
    {
        return Label::Loc;
    }
    // "Micron Technology": a name ending in an organization's head word, which is no surname
    if label == Label::Per && n > 1 && {
        let last = words.classes(range.end - 1);
        last.contains(WordClass::ORG_HEAD)
            && !last.intersects(WordClass::SURNAME | WordClass::GIVEN_NAME)
    } {
        return Label::Org;
    }
    if label == Label::Per && n > 1 && classes.clone().any(|c| c.contains(WordClass::ORG_SUFFIX)) {
        return Label::Org;
    }
    let org_word =
        |c: WordClass| c.contains(WordClass::ORG_HEAD) || c.contains(WordClass::ORG_SUFFIX);
    let place_word = |c: WordClass| {
        c.intersects(WordClass::CITY | WordClass::REGION | WordClass::COUNTRY | WordClass::CAPITAL)
    };
    let name_words = || {
        range.clone().all(|i| {
            let w = words.text(i);
            is_capitalized(w) && w.chars().any(char::is_lowercase)
        })
    };
    let countries = WordClass::COUNTRY | WordClass::DEMONYM | WordClass::ORGANIZATION;
    if after_title
        && (1..=4).contains(&n)
        && exact.is_none()
        && match label {
            Label::Org => !classes
                .clone()
                .any(|c| org_word(c) || c.intersects(countries)),
            // ("chief Mary Barra": a given name first makes a person of a place's name)
            Label::Loc => {
                !classes
                    .clone()
                    .any(|c| place_word(c) || c.intersects(countries))
                    || (n > 1 && {
                        let c = words.classes(range.start);
                        c.contains(WordClass::GIVEN_NAME) && !c.intersects(countries)
                    })
            }
            // "adviser Yerlan Kaziyev" read as a title or an event
            // ("General Consumer Price Index": common words are no one's name)
            Label::Misc => !classes.clone().any(|c| {
                org_word(c)
                    || place_word(c)
                    || (c.intersects(NOT_GIVEN)
                        && !c.intersects(WordClass::GIVEN_NAME | WordClass::SURNAME))
            }),
            _ => false,
        }
        && name_words()
    {
        return Label::Per;
    }
    // "named Olufemi Oluyede as chief": words no list knows, given an office
    if label == Label::Org
        && (2..=3).contains(&n)
        && exact.is_none()
        && range.start > 0
        && matches!(
            words.text(range.start - 1),
            "appointed" | "appointing" | "named" | "naming" | "nominated" | "nominating"
        )
        && name_words()
        && !classes.clone().any(|c| {
            org_word(c)
                || place_word(c)
                || c.intersects(countries)
                || (c.intersects(NOT_GIVEN)
                    && !c.intersects(WordClass::GIVEN_NAME | WordClass::SURNAME))
        })
    {
        return Label::Per;
    }
    // "Kyriakos Mitsotakis said": words no list knows, where a speaker is named
    if matches!(label, Label::Org | Label::Loc)
        && (2..=3).contains(&n)
        && exact.is_none()
        && (names_a_speaker(range, words) || apposition())
        && name_words()
        && !classes.clone().any(|c| {
            // a town may be someone's name too ("Leo", "Kamal"), and a common word a
            // given name ("Son")
            let person = c.intersects(WordClass::GIVEN_NAME | WordClass::SURNAME);
            org_word(c)
                || c.intersects(NOT_PERSON)
                || (!person && place_word(c))
                || (!c.contains(WordClass::GIVEN_NAME) && c.intersects(NOT_GIVEN))
        })
    {
        return Label::Per;
    }
    if matches!(label, Label::Org | Label::Loc)
        && (2..=3).contains(&n)
        && exact.is_none()
        && words.classes(range.start).contains(WordClass::GIVEN_NAME)
        && !classes.clone().any(|c| org_word(c) || place_word(c))
        && name_words()
    {
        return Label::Per;
    }
    label
}

/// Common nouns for a site or a district, after which a name is a place's: "the Kerem Shalom
/// crossing", "the Thu Bon river".
/// Capitalised last words of the names of built sites: "Dam", "Bridge", "Airport".
fn is_facility_word(word: &str) -> bool {
    matches!(
        word,
        "Dam" | "Bridge" | "Airport" | "Canal" | "Tunnel" | "Reservoir" | "Barrage" | "Grandstand"
    )
}

fn is_site_noun(word: &str) -> bool {
    matches!(
        word,
        "crossing"
            | "checkpoint"
            | "district"
            | "neighbourhood"
            | "neighborhood"
            | "province"
            | "governorate"
            | "palace"
            | "river"
            | "cathedral"
            | "monastery"
            | "mosque"
            | "shrine"
            | "temple"
    )
}

/// Lower-case nouns for what a person is or does that the lexicon holds no office ("adviser",
/// "lawyer", "striker", "wife"), before which a name is a person's. Nouns that also name
/// firms or things ("manager" of funds, "producer" of oil, "rival", "official" news
/// agency) are not among them. Sorted, for [`in_shaped_list`].
const PERSON_NOUNS: &[&str] = &[
    "activist",
    "actor",
    "actress",
    "adviser",
    "advisor",
    "aide",
    "analyst",
    "attorney",
    "author",
    "batsman",
    "bowler",
    "campaigner",
    "candidate",
    "captain",
    "coach",
    "columnist",
    "correspondent",
    "counterpart",
    "daughter",
    "defender",
    "dissident",
    "economist",
    "goalkeeper",
    "historian",
    "husband",
    "journalist",
    "lawyer",
    "midfielder",
    "nominee",
    "novelist",
    "photographer",
    "reporter",
    "researcher",
    "scientist",
    "singer",
    "skipper",
    "son",
    "strategist",
    "striker",
    "team-mate",
    "teammate",
    "widow",
    "wife",
    "winger",
];

/// The [`shapes_of`] the [`PERSON_NOUNS`].
static PERSON_NOUN_SHAPES: [u16; 256] = shapes_of(PERSON_NOUNS);

/// The tokens a name after which is a person's for a noun of [`PERSON_NOUNS`] before them
/// ("Trump adviser X"), and the "for" or "to" after such a noun, as after an office
/// ("adviser for Africa X"). Few documents have any.
fn after_roles(words: &Words) -> Vec<usize> {
    let tokens = words.tokens;
    let bytes = words.text.as_bytes();
    // (by the shape of its bytes first: the word before most names is none of these)
    let noun = |k: usize| {
        let t = &tokens[k];
        let (first, len) = (bytes[t.start], t.end - t.start);
        len < 16
            && PERSON_NOUN_SHAPES[usize::from(first)] & 1 << len != 0
            && t.kind == TokenKind::Word
            && PERSON_NOUNS.binary_search(&words.text(k)).is_ok()
    };
    let mut roles = Vec::new();
    for &i in words.capitals {
        if i == 0 || tokens[i].breaks_before > 0 {
            continue;
        }
        if noun(i - 1) {
            roles.push(i);
        } else if i > 1 && matches!(words.text(i - 1), "for" | "to") && noun(i - 2) {
            roles.push(i - 1);
        }
    }
    roles
}

/// Common nouns for a body, which a body's name may follow in apposition: "the ruling
/// coalition X", "chipmaker X".
fn is_body_noun(word: &str) -> bool {
    matches!(
        word,
        "agency"
            | "airline"
            | "alliance"
            | "automaker"
            | "bloc"
            | "broadcaster"
            | "carmaker"
            | "chipmaker"
            | "coalition"
            | "company"
            | "conglomerate"
            | "faction"
            | "firm"
            | "group"
            | "insurer"
            | "lender"
            | "militia"
            | "movement"
            | "newspaper"
            | "party"
            | "retailer"
            | "startup"
            | "watchdog"
    )
}

/// Whether a name ending before token `end` is followed by an apposition that says it is a
/// body: "Freedom House, a U.S. think tank, said", "Corruption Watch, a non-profit group
/// based in ...". The body's word must head its phrase ("a group leader", "the group's
/// founder" are people).
fn body_in_apposition(end: usize, words: &Words) -> bool {
    let tokens = words.tokens;
    if end + 2 >= tokens.len()
        || words.text(end) != ","
        || !matches!(words.text(end + 1), "a" | "an" | "the")
    {
        return false;
    }
    // "a non-profit group": the word heads the phrase only when no noun follows it
    // ("bought Energoatom, the company said" is who said it)
    let reporting = words.text(end + 1) == "the";
    let heads = |k: usize| {
        k + 1 >= tokens.len()
            || (tokens[k + 1].kind == TokenKind::Punctuation && !is_possessive(words.text(k + 1)))
            || matches!(
                words.text(k + 1),
                "based"
                    | "that"
                    | "which"
                    | "in"
                    | "for"
                    | "with"
                    | "led"
                    | "founded"
                    | "backed"
                    | "funded"
                    | "set"
            )
            || (!reporting && matches!(words.text(k + 1), "said" | "says"))
    };
    (end + 2..tokens.len().min(end + 7))
        .take_while(|&k| !matches!(words.text(k), "," | "of" | "who" | "and"))
        .any(|k| {
            matches!(
                words.text(k),
                "group"
                    | "watchdog"
                    | "organisation"
                    | "organization"
                    | "charity"
                    | "tank"
                    | "think-tank"
                    | "NGO"
                    | "nonprofit"
                    | "non-profit"
                    | "foundation"
                    | "coalition"
                    | "alliance"
                    | "association"
                    | "federation"
                    | "company"
                    | "firm"
                    | "operator"
                    | "utility"
                    | "conglomerate"
                    | "lender"
                    | "broadcaster"
                    | "airline"
            ) && heads(k)
        })
}

/// Whether the words before `range` say a place follows: a preposition of place ("in",
/// "near"), or "of" after a word for a town or a direction ("the city of", "west of").
/// A team or company owning something ("in Metz's 3-1 win") or owned ("shares in Slough")
/// is none.
fn where_places_stand(range: &Range<usize>, words: &Words) -> bool {
    // (past an article, before a name of more words: "in the Northern Territory", not "in
    // the Ajax forward line")
    let the = range.len() > 1 && range.start >= 1 && words.text(range.start - 1) == "the";
    let word = |back: usize| {
        range
            .start
            .checked_sub(back + usize::from(the))
            .map(|i| words.text(i))
    };
    if range.end < words.tokens.len() && is_possessive(words.text(range.end)) {
        return false;
    }
    match word(1) {
        Some("in") if matches!(word(2), Some("shares" | "Shares" | "stake" | "stakes")) => false,
        Some(
            "in" | "near" | "around" | "outside" | "inside" | "across" | "through" | "toward"
            | "towards" | "via",
        ) => true,
        Some("of") => matches!(
            word(2),
            Some(
                "city"
                    | "town"
                    | "village"
                    | "capital"
                    | "province"
                    | "region"
                    | "outskirts"
                    | "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
            )
        ),
        _ => false,
    }
}

/// Classes of a word that make it no part of a person's name even where the lexicon has it
/// as one too ("Jordan", "May"), where a speaker is named.
const NOT_PERSON: WordClass = WordClass(
    WordClass::COUNTRY.0
        | WordClass::DEMONYM.0
        | WordClass::ORGANIZATION.0
        | WordClass::HONORIFIC.0
        | WordClass::OFFICE_WORD.0
        | WordClass::OFFICE_MODIFIER.0
        | WordClass::MONTH.0
        | WordClass::WEEKDAY.0
        | WordClass::NOT_A_NAME.0,
);

/// Whether the words of `range` stand where a speaker's name does: before "said", "says" or
/// "told" ("Kyriakos Mitsotakis said"), or after "said" or "says" at the end of a clause
/// ("\"...,\" said Kyriakos Mitsotakis.").
fn names_a_speaker(range: &Range<usize>, words: &Words) -> bool {
    let n = words.tokens.len();
    let word = |i: usize| (i < n).then(|| words.text(i));
    word(range.end).is_some_and(is_speech_verb)
        || (range.start > 0
            && matches!(word(range.start - 1), Some("said" | "says"))
            && matches!(word(range.end), None | Some("," | "." | ";")))
}

/// "said", "says" and "told": the verbs after a speaker's name.
fn is_speech_verb(word: &str) -> bool {
    matches!(word, "said" | "says" | "told")
}

/// How many tokens after a name and its comma (and "a" or "the") an office in apposition
/// may start: "Kristalina Georgieva, the IMF 's managing director".
const APPOSITION_REACH: usize = 4;

/// For each token, the index among the matches of the whole-token match that starts at it,
/// [`NO_MATCH`] if none: four bytes a token, which a huge document has millions of.
type WholeMatches = [u32];

const NO_MATCH: u32 = u32::MAX;

/// Whether the names at `range` are part of the title of a treaty or a ship, no body, place
/// or person: "the Convention on the Law of the Sea", "the Treaty on the Non-Proliferation of
/// Nuclear Weapons" (what a treaty is on), "the USS Gerald R. Ford" (a ship named after
/// someone).
fn in_a_title(range: &Range<usize>, words: &Words) -> bool {
    let bytes = |i: usize| {
        let t = &words.tokens[i];
        &words.text.as_bytes()[t.start..t.end]
    };
    let ship = |i: usize| matches!(bytes(i), b"USS" | b"HMS" | b"HMAS" | b"HMCS" | b"MV");
    if ship(range.start) {
        return true;
    }
    let mut b = range.start;
    while b > 0 && range.start - b < 6 {
        let k = b - 1;
        if words.capitalized[k] {
            if ship(k) {
                return true;
            }
        } else {
            match bytes(k) {
                b"on" | b"against" => {
                    return k > 0
                        && matches!(
                            words.text(k - 1),
                            "Convention" | "Treaty" | "Protocol" | "Covenant"
                        );
                }
                b"the" | b"of" | b"and" | b"-" => {}
                _ => return false,
            }
        }
        b -= 1;
    }
    false
}

/// "Christmas", "Easter Monday", "Eid al-Fitr": a feast is no person, place or body (so
/// "before Christmas" names nobody), though "Christmas Island" is a place.
fn names_a_holiday(range: &Range<usize>, words: &Words) -> bool {
    words.classes(range.start).contains(WordClass::HOLIDAY)
        && range.clone().skip(1).all(|k| {
            !words.capitalized[k]
                || words
                    .classes(k)
                    .intersects(WordClass::HOLIDAY | WordClass::WEEKDAY)
                || matches!(words.text(k), "Day" | "Eve")
        })
}

/// Whether token `at` is a common noun for machines a name before it names the model of:
/// "Taurus missiles", "Blackwell chips". (Out of line: asked of few spans.)
#[inline(never)]
fn names_a_model(words: &Words, at: usize) -> bool {
    at < words.tokens.len()
        && matches!(
            words.text(at),
            "missiles"
                | "missile"
                | "rockets"
                | "jets"
                | "warplanes"
                | "bombers"
                | "drones"
                | "helicopters"
                | "tanks"
                | "howitzers"
                | "launchers"
                | "chips"
                | "processors"
        )
}

/// Takes one span the tagger labelled (or a piece of one), typed with the lexicon.
/// `surname`: whether the piece is one word that ends a person's full name elsewhere;
/// `after_title`: whether an office is named right before it.
fn take_tagged(
    (label, mut range, surname, after_title): (Label, Range<usize>, impl Fn() -> bool, bool),
    words: &Words,
    (matches, index): (&[Match], &WholeMatches),
    sel: &mut Selection,
) {
    let (text, tokens) = (words.text, words.tokens);
    // "AI", "IPO": acronyms of things are no names; nor are believers ("Christians", "Sunni
    // Muslims", "Orthodox Christians")
    let believers = || {
        range.len() <= 3
            && is_religious_group(tokens[range.end - 1].text(text))
            && range.clone().all(|k| words.capitalized[k])
    };
    if (range.len() == 1 && is_common_acronym(text, &tokens[range.start])) || believers() {
        sel.claim(range);
        return;
    }
    // "Cyclone Ditwah", "Typhoon Kalmaegi": a storm is no place, body or person (with its
    // word or right after it; headlines write "as cyclone Ditwah nears India")
    let storm = |i: usize| {
        let w = tokens[i].text(text);
        // (by length first: most words are none of these)
        match w.len() {
            5 => w.eq_ignore_ascii_case("Storm"),
            7 => w.eq_ignore_ascii_case("Cyclone") || w.eq_ignore_ascii_case("Typhoon"),
            9 => w.eq_ignore_ascii_case("Hurricane"),
            _ => false,
        }
    };
    if (range.len() > 1 && storm(range.start))
        || (range.start > 0 && storm(range.start - 1) && tokens[range.start].breaks_before == 0)
    {
        sel.claim(range);
        return;
    }
    // "Taurus missiles", "its Blackwell chips": a "person" right before the kind of thing
    // it names is the thing's model ("Trump tariffs", "Biden officials" stay people)
    if label == Label::Per && range.len() <= 2 && names_a_model(words, range.end) {
        sel.claim(range);
        return;
    }
    // (and "Dam" alone, cut from a longer name, names no one)
    let bare_site =
        label == Label::Per && range.len() == 1 && is_facility_word(tokens[range.start].text(text));
    if bare_site || in_a_title(&range, words) {
        sel.claim(range);
        return;
    }
    // the whole-token match over `r`, by the token it starts at (and where it ends)
    let lookup = |r: &Range<usize>| {
        let &k = index.get(r.start)?;
        let m = matches.get(k as usize)?;
        (m.tokens.end == r.end).then_some(m)
    };
    let mut exact = lookup(&range);
    // "an Ebola outbreak", "the Zika virus": a disease no list knows as a place is no name
    if exact.is_none()
        && range.len() == 1
        && tokens.get(range.end).is_some_and(|t| {
            matches!(
                t.text(text),
                "outbreak" | "outbreaks" | "epidemic" | "virus" | "vaccine" | "vaccines"
            )
        })
    {
        sel.claim(range);
        return;
    }
    // "South Asian neighbours", "Central Asian states": the adjective of a part of a continent
    // names no place (nor a body), as a demonym names no person; nor do the people of a
    // place ("New Yorkers", "Berliners")
    if exact.is_none()
        && (continental_adjective(&range, words)
            || (label == Label::Loc && residents(&range, words)))
    {
        sel.claim(range);
        return;
    }
    // "The Philippines": the article is not part of a name the lexicon knows without it
    if exact.is_none()
        && range.len() > 1
        && tokens[range.start].end - tokens[range.start].start == 3
        && tokens[range.start].text(text).eq_ignore_ascii_case("the")
    {
        let rest = range.start + 1..range.end;
        if let Some(m) = lookup(&rest) {
            exact = Some(m);
            range = rest;
        }
    }
    // "U.N. World Food Programme", "UN World Health Organization": a body's parent before
    // a body the lexicon knows is part of the mention, not of the body's name
    let mut label = label;
    if exact.is_none()
        && range.len() > 1
        && lookup(&(range.start..range.start + 1)).is_some_and(only_organization)
        && let Some(m) = lookup(&(range.start + 1..range.end)).filter(|m| only_organization(m))
    {
        exact = Some(m);
        label = Label::Org;
    }
    // "the Texas Republican", "a Connecticut Democrat": a party member from a place the
    // lexicon knows names the place
    if exact.is_none()
        && range.len() == 2
        && matches!(
            tokens[range.end - 1].text(text),
            "Republican" | "Democrat" | "Independent"
        )
    {
        let rest = range.start..range.end - 1;
        if let Some(m) = lookup(&rest) {
            exact = Some(m);
            range = rest;
            label = Label::Loc;
        }
    }
    // "the National Rally and France Unbowed": two bodies read as one, when the lexicon
    // knows the first
    if exact.is_none() && label == Label::Org && range.len() > 2 {
        let and = range
            .clone()
            .skip(1)
            .find(|&k| tokens[k].text(text) == "and");
        // ("Morgan Stanley and Co Inc" is one)
        if let Some(a) = and
            && a + 1 < range.end
            && !words.classes(a + 1).contains(WordClass::ORG_SUFFIX)
            && lookup(&(range.start..a)).is_some_and(|m| {
                m.entries
                    .iter()
                    .any(|e| matches!(e, Entry::Organization { .. }))
            })
        {
            let no = (|| false) as fn() -> bool;
            take_tagged(
                (label, range.start..a, no, false),
                words,
                (matches, index),
                sel,
            );
            take_tagged(
                (label, a + 1..range.end, no, false),
                words,
                (matches, index),
                sel,
            );
            return;
        }
    }
    // "making China Vietnam's largest trading partner": two countries side by side, read
    // as one name
    let a_country = |k: usize| {
        lookup(&(k..k + 1)).is_some_and(|m| {
            m.entries.iter().any(|e| {
                matches!(
                    e,
                    Entry::Country {
                        form: CountryForm::Name,
                        ..
                    }
                )
            })
        })
    };
    if exact.is_none() && range.len() == 2 && a_country(range.start) && a_country(range.start + 1) {
        let no = (|| false) as fn() -> bool;
        for k in range {
            take_tagged(
                (Label::Loc, k..k + 1, no, false),
                words,
                (matches, index),
                sel,
            );
        }
        return;
    }
    // "The Department of Public Works said": a sentence's article is not part of a body's
    // name that opens with its head word
    if exact.is_none()
        && label == Label::Org
        && range.len() > 2
        && tokens[range.start].text(text) == "The"
        && words.classes(range.start + 1).contains(WordClass::ORG_HEAD)
    {
        range.start += 1;
    }
    // demonyms ("Philippine vessels") and institutions standing for a country ("the Élysée
    // said") are that country whatever the tagger thought they were
    let country_word = exact.and_then(|m| {
        m.entries.iter().find_map(|e| match e {
            Entry::Country {
                iso,
                form: CountryForm::Demonym,
            } if range.len() == 1 && label != Label::Misc => Some((*iso, MentionForm::Demonym)),
            Entry::Country {
                iso,
                form: CountryForm::Metonym,
            } => Some((*iso, MentionForm::Metonym)),
            _ => None,
        })
    });
    if let Some((iso, form)) = country_word {
        let (start, end) = (tokens[range.start].start, tokens[range.end - 1].end);
        sel.take(range, start, end, What::Country { iso }, form);
        return;
    }
    // "Majed al-Ansari, a spokesperson for ...": an office in apposition
    let apposition = || {
        let after = range.end;
        if tokens.get(after).is_none_or(|t| t.text(text) != ",") {
            return false;
        }
        let mut k = after + 1;
        if tokens
            .get(k)
            .is_some_and(|t| matches!(t.text(text), "a" | "an" | "the"))
        {
            k += 1;
        }
        // up to the office, only what may stand before one: its country or organization
        // ("the IMF 's"), a modifier ("former")
        for k in k..(k + APPOSITION_REACH).min(tokens.len()) {
            let office = index.get(k).and_then(|&m| {
                matches
                    .get(m as usize)
                    .filter(|m| m.entries.iter().any(|e| matches!(e, Entry::Office { .. })))
            });
            if let Some(m) = office {
                // "Hamas, a spokesman said": the office speaks
                return !tokens
                    .get(m.tokens.end)
                    .is_some_and(|t| is_speech_verb(t.text(text)));
            }
            let w = tokens[k].text(text);
            let before_office = words.capitalized[k]
                || is_possessive(w)
                || words.classes(k).contains(WordClass::OFFICE_MODIFIER);
            if !before_office {
                return false;
            }
        }
        false
    };
    // "held by Euroclear, a depository": a body the lexicon knows by this very name, its
    // word standing alone (not "Boeing 747", "the Nikkei average", "Democrats", "the Sudan
    // Airways Airbus")
    // ... or before what kind of body it is ("the Euroclear depository", "the Sandiganbayan
    // anti-graft court")
    let kind_after = || {
        (range.end..(range.end + 3).min(tokens.len()))
            .take_while(|&k| !words.capitalized[k] && tokens[k].kind == TokenKind::Word)
            .any(|k| {
                let w = tokens[k].text(text);
                is_body_noun(w) || matches!(w, "court" | "depository" | "tribunal")
            })
    };
    let alone = || {
        exact.and_then(org_name) == Some(tokens[range.start].text(text))
            && (range.start == 0 || !words.capitalized[range.start - 1])
            && (tokens.get(range.end).is_none_or(|t| {
                matches!(t.text(text), "," | "." | ";" | ":" | ")") || is_speech_verb(t.text(text))
            }) || kind_after())
    };
    let speaker = (surname, after_title, apposition);
    let label = relabel(label, speaker, exact, &range, words);
    // "Texas Governor Greg Abbott", "Lagos State Governor": a state or province before its
    // office is that division, not a body
    let label = if label == Label::Org
        && index
            .get(range.end)
            .and_then(|&k| matches.get(k as usize))
            .is_some_and(|m| m.entries.iter().any(|e| matches!(e, Entry::Office { .. })))
        && (exact.is_some_and(only_division) || division_kind(&range, words, lookup).is_some())
    {
        Label::Loc
    } else {
        label
    };
    // (what would be a person is asked, as feasts are read so)
    if label == Label::Per && range.len() <= 3 && names_a_holiday(&range, words) {
        sel.claim(range);
        return;
    }
    let what = match label {
        Label::Per => Some((What::Person, MentionForm::Name)),
        Label::Org => Some((
            What::Organization {
                name: exact.and_then(org_name),
            },
            MentionForm::Name,
        )),
        Label::Loc => Some(
            exact
                .and_then(|m| reading(m, text, tokens, Some(Label::Loc)))
                .or_else(|| division_named(&range, words, lookup))
                .unwrap_or((
                    What::Place {
                        name: None,
                        kind: None,
                    },
                    MentionForm::Name,
                )),
        ),
        // "the far-right National Rally": a body the lexicon knows, of more than one word
        Label::Misc if exact.is_some_and(only_organization) && (range.len() > 1 || alone()) => {
            Some((
                What::Organization {
                    name: exact.and_then(org_name),
                },
                MentionForm::Name,
            ))
        }
        Label::Misc => exact
            .and_then(demonym)
            .map(|iso| (What::Country { iso }, MentionForm::Demonym)),
    };
    match what {
        Some((what, form)) => {
            let (start, end) = (tokens[range.start].start, tokens[range.end - 1].end);
            sel.take(range, start, end, what, form);
        }
        // a name of another kind ("U.S. Open", "World Cup"): nothing inside it is ours
        None => sel.claim(range),
    }
}

/// Whether the words `range` name the people of a place the lexicon knows, with "-ers" after
/// its name: "New Yorkers", "Londoners" (not "Flanders", a place of its own).
fn residents(range: &Range<usize>, words: &Words) -> bool {
    let (tokens, text) = (words.tokens, words.text);
    let last = tokens[range.end - 1].text(text);
    if last.len() < 6 || !last.ends_with("ers") {
        return false;
    }
    let stem = &text[tokens[range.start].start..tokens[range.end - 1].end - 3];
    words
        .lexicon
        .find(stem, &crate::tokenize::tokenize(stem))
        .iter()
        .any(|m| {
            m.start == 0
                && m.end == stem.len()
                && m.entries
                    .iter()
                    .any(|e| matches!(e, Entry::Place { .. } | Entry::Country { .. }))
        })
}

/// Whether a match names a state, province, region or prefecture and nothing else.
fn only_division(m: &Match) -> bool {
    m.entries.iter().all(|e| {
        matches!(
            e,
            Entry::Place {
                kind: "state" | "province" | "region" | "prefecture",
                ..
            }
        )
    })
}

/// The lexicon's match of the name before a division's own word, and the kind of division
/// that word names, when the lexicon knows the name as one: "Lagos" of "Lagos State" (a city
/// too).
fn division_kind<'m>(
    range: &Range<usize>,
    words: &Words,
    lookup: impl Fn(&Range<usize>) -> Option<&'m Match>,
) -> Option<(&'m Match, &'static str)> {
    if range.len() < 2 {
        return None;
    }
    let kind = match words.text(range.end - 1) {
        "State" => "state",
        "Province" => "province",
        "Region" => "region",
        "Prefecture" => "prefecture",
        _ => return None,
    };
    let m = lookup(&(range.start..range.end - 1))?;
    m.entries
        .iter()
        .any(|e| matches!(e, Entry::Place { kind: k, .. } if *k == kind))
        .then_some((m, kind))
}

/// "Kebbi State", "Aceh Province": a division named with its own word, when the lexicon
/// knows the name before it as a division of that kind and as no other place, is that
/// division (and one entity with "the state of Kebbi"); "Kano State" is not the city of Kano.
fn division_named<'m>(
    range: &Range<usize>,
    words: &Words,
    lookup: impl Fn(&Range<usize>) -> Option<&'m Match>,
) -> Option<(What, MentionForm)> {
    let (m, kind) = division_kind(range, words, lookup)?;
    let mut name = None;
    for e in &m.entries {
        match *e {
            Entry::Place {
                name: n, kind: k, ..
            } if k == kind => name = Some(n),
            _ => return None,
        }
    }
    Some((
        What::Place {
            name: Some(name?),
            kind: Some(kind),
        },
        MentionForm::Name,
    ))
}

/// Tokens claimed so far and the mentions made of them.
struct Selection<'s> {
    claimed: &'s mut [bool],
    found: Vec<Found>,
}

impl Selection<'_> {
    /// For each token index, whether an office mention ends right before it, or a noun for
    /// someone's role that is no office (`roles`, see [`after_roles`]), into `after`: a name
    /// there is a person's.
    fn after_offices(&self, n: usize, roles: &[usize], after: &mut Vec<bool>) {
        after.clear();
        after.resize(n + 1, false);
        for f in self
            .found
            .iter()
            .filter(|f| matches!(f.what, What::Office { .. }))
        {
            after[f.tokens.end] = true;
        }
        for &i in roles {
            after[i] = true;
        }
    }

    /// Marks tokens as used without making a mention of them.
    fn claim(&mut self, range: Range<usize>) {
        for i in range {
            self.claimed[i] = true;
        }
    }

    /// Takes a mention if none of its tokens is taken yet.
    fn take(
        &mut self,
        range: Range<usize>,
        start: usize,
        end: usize,
        what: What,
        form: MentionForm,
    ) -> bool {
        if range.is_empty() || range.clone().any(|i| self.claimed[i]) {
            return false;
        }
        for i in range.clone() {
            self.claimed[i] = true;
        }
        self.found.push(Found {
            start,
            end,
            tokens: range,
            what,
            form,
        });
        true
    }
}

/// What the rules ask of each token again and again, found once per document.
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lexicon: &'a Lexicon,
    /// Whether each token starts with a capital letter.
    capitalized: &'a [bool],
    /// The tokens that do, in order: only they can start a name, so the rules that look for
    /// names visit them alone.
    capitals: &'a [usize],
    /// Each token's word classes, once asked for, when the tagger's words are not known
    /// (those keep their classes by word).
    classes: &'a [Cell<Option<WordClass>>],
    known: KnownWords<'a>,
}

/// The buffers [`Words`] are made in: its `capitalized`, `capitals` and `classes`.
type WordBuffers<'a> = (
    &'a mut Vec<bool>,
    &'a mut Vec<usize>,
    &'a mut Vec<Cell<Option<WordClass>>>,
);

impl<'a> Words<'a> {
    fn new(
        text: &'a str,
        tokens: &'a [Token],
        lexicon: &'a Lexicon,
        known: KnownWords<'a>,
        (capitalized, capitals, classes): WordBuffers<'a>,
    ) -> Words<'a> {
        capitals.clear();
        capitals.reserve(tokens.len());
        capitalized.clear();
        capitalized.resize(tokens.len(), false);
        let bytes = text.as_bytes();
        for (i, (t, cap)) in tokens.iter().zip(capitalized.iter_mut()).enumerate() {
            // most tokens start with an ASCII byte, which says it alone
            *cap = match bytes.get(t.start) {
                Some(&b) if b < 0x80 && t.end > t.start => b.is_ascii_uppercase(),
                _ => is_capitalized(t.text(text)),
            };
            if *cap {
                capitals.push(i);
            }
        }
        classes.clear();
        if known.classes.is_empty() {
            classes.resize(tokens.len(), Cell::new(None));
        }
        Words {
            text,
            tokens,
            lexicon,
            capitalized,
            capitals,
            classes,
            known,
        }
    }

    /// The text of token `i`.
    fn text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// [`Lexicon::classes`] of token `i`.
    fn classes(&self, i: usize) -> WordClass {
        if !self.known.classes.is_empty() {
            return self.lexicon.token_classes(|| self.text(i), self.known, i);
        }
        if let Some(c) = self.classes[i].get() {
            return c;
        }
        let c = self.lexicon.classes(self.text(i));
        self.classes[i].set(Some(c));
        c
    }
}

/// "Japan-China talks", "the India-Pakistan border", "Japan-South Korea ties": countries
/// named and joined by hyphens are each a country. (A compound with anything else, "Israel-PLO
/// talks", "Franco-German", is left to the tagger.)
fn country_compounds(words: &Words, matches: &[Match], sel: &mut Selection) {
    let (text, tokens) = (words.text, words.tokens);
    let country = |m: &Match| {
        m.entries.iter().find_map(|e| match *e {
            Entry::Country {
                iso,
                form: form @ (CountryForm::Name | CountryForm::Abbreviation),
            } => Some((iso, form)),
            _ => None,
        })
    };
    let mut k = 0;
    while k < matches.len() {
        let first = &matches[k];
        // only parts of a hyphenated token start a compound
        if whole_tokens(first, tokens)
            || first.start != tokens[first.tokens.start].start
            || country(first).is_none()
        {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < matches.len()
            && text.get(matches[j - 1].end..matches[j].start) == Some("-")
            && country(&matches[j]).is_some()
        {
            j += 1;
        }
        let last = &matches[j - 1];
        let run = first.tokens.start..last.tokens.end;
        if j - k < 2 || last.end != tokens[run.end - 1].end || run.clone().any(|i| sel.claimed[i]) {
            k = j;
            continue;
        }
        for m in &matches[k..j] {
            let (iso, form) = country(m).expect("checked above");
            let form = match form {
                CountryForm::Abbreviation => MentionForm::Abbreviation,
                _ => MentionForm::Name,
            };
            sel.found.push(Found {
                start: m.start,
                end: m.end,
                tokens: m.tokens.clone(),
                what: What::Country { iso },
                form,
            });
        }
        sel.claim(run);
        k = j;
    }
}

/// Adjectives of continents, which a compass word before them makes the adjective of a part
/// of one: "South Asian", "West African".
const CONTINENTAL: &[&str] = &["African", "American", "Asian", "European"];

/// Whether `range` is a compass word and a continent's adjective: "Southeast Asian".
fn continental_adjective(range: &Range<usize>, words: &Words) -> bool {
    let is = |k: usize, list: &[&str]| list.iter().any(|w| words.text(k).eq_ignore_ascii_case(w));
    range.len() == 2
        && is(range.end - 1, CONTINENTAL)
        && words.capitalized[range.start]
        && is(range.start, COMPASS)
}

/// Whether a match covers whole tokens (not a part of a hyphenated token).
fn whole_tokens(m: &Match, tokens: &[Token]) -> bool {
    m.start == tokens[m.tokens.start].start && m.end == tokens[m.tokens.end - 1].end
}

/// Whether the lexicon knows `m` only as an organization's name.
fn only_organization(m: &Match) -> bool {
    !m.entries.is_empty()
        && m.entries
            .iter()
            .all(|e| matches!(e, Entry::Organization { .. }))
}

fn org_name(m: &Match) -> Option<&'static str> {
    m.entries.iter().find_map(|e| match e {
        Entry::Organization { name, .. } => Some(*name),
        _ => None,
    })
}

fn demonym(m: &Match) -> Option<&'static str> {
    m.entries.iter().find_map(|e| match e {
        Entry::Country {
            iso,
            form: CountryForm::Demonym,
        } => Some(*iso),
        _ => None,
    })
}

/// The reading of a lexicon match as a mention: which entry wins when there are several,
/// and whether a capital stands for its country here.
fn reading(
    m: &Match,
    text: &str,
    tokens: &[Token],
    tagged: Option<Label>,
) -> Option<(What, MentionForm)> {
    // "the U.S. state of Georgia", "the province of Alberta": the text names the kind
    for e in &m.entries {
        if let Entry::Place { name, kind, .. } = *e
            && after_kind_word(m, text, tokens, kind)
        {
            return Some((
                What::Place {
                    name: Some(name),
                    kind: Some(kind),
                },
                MentionForm::Name,
            ));
        }
    }
    let mut best: Option<(u8, What, MentionForm)> = None;
    for e in &m.entries {
        let cand = match *e {
            Entry::Country { iso, form } => match form {
                CountryForm::Name => (0, What::Country { iso }, MentionForm::Name),
                CountryForm::Abbreviation => (0, What::Country { iso }, MentionForm::Abbreviation),
                CountryForm::Demonym if tagged.is_none() => {
                    (1, What::Country { iso }, MentionForm::Demonym)
                }
                CountryForm::Demonym => continue,
                CountryForm::Metonym => (1, What::Country { iso }, MentionForm::Metonym),
                CountryForm::Capital if stands_for_government(m, text, tokens) => {
                    (2, What::Country { iso }, MentionForm::Metonym)
                }
                CountryForm::Capital => (
                    2,
                    What::Place {
                        name: None,
                        kind: Some("city"),
                    },
                    MentionForm::Name,
                ),
            },
            Entry::Place {
                name,
                kind,
                country,
            } => (
                30 + place_rank(kind, country, &m.entries),
                What::Place {
                    name: Some(name),
                    kind: Some(kind),
                },
                MentionForm::Name,
            ),
            Entry::Organization { name, .. } => (
                40,
                What::Organization { name: Some(name) },
                MentionForm::Name,
            ),
            Entry::Office { name } => (50, What::Office { name }, MentionForm::Name),
            Entry::Person { .. } => (60, What::Person, MentionForm::Name),
        };
        if best.as_ref().is_none_or(|b| cand.0 < b.0) {
            best = Some(cand);
        }
    }
    // a capital read as a city keeps the lexicon's own place entry when there is one
    best.map(|(_, what, form)| match what {
        What::Place { name: None, kind } => {
            let named = m.entries.iter().find_map(|e| match e {
                Entry::Place { name, kind, .. } => Some(What::Place {
                    name: Some(name),
                    kind: Some(kind),
                }),
                _ => None,
            });
            (named.unwrap_or(What::Place { name: None, kind }), form)
        }
        w => (w, form),
    })
}

/// Whether the words around a match name its kind: "state of Georgia", "province of Aceh",
/// or a division's word after it ("Niger state", "Kano State", "Washington state").
fn after_kind_word(m: &Match, text: &str, tokens: &[Token], kind: &str) -> bool {
    let start = m.tokens.start;
    let before = start >= 2
        && tokens[start - 1].text(text) == "of"
        && tokens[start - 2].text(text).eq_ignore_ascii_case(kind);
    before
        || (matches!(
            kind,
            "state" | "province" | "region" | "county" | "district"
        ) && tokens
            .get(m.tokens.end)
            .is_some_and(|t| t.text(text).eq_ignore_ascii_case(kind)))
}

/// Which of several places of one name a bare mention most likely means: a capital, then a
/// city in the same country as a like-named state ("New York"), then the state or province
/// ("Arizona", not the small town of that name abroad), then any other city.
fn place_rank(kind: &str, country: Option<&str>, all: &[Entry]) -> u8 {
    let state_in = |c: Option<&str>| {
        all.iter().any(|e| matches!(e, Entry::Place { kind: "state" | "province" | "region" | "prefecture", country, .. } if *country == c))
    };
    match kind {
        "capital" => 0,
        "city" if state_in(country) => 1,
        "state" | "province" | "region" | "prefecture" => 2,
        "city" => 3,
        _ => 1,
    }
}

/// A capital stands for its government unless the text uses it as a location: after "in",
/// "to", "from"... or a compass word ("north London"), at the head of a dateline ("BERLIN,
/// March 14", "KYIV (AP) —"), or before ", Country".
fn stands_for_government(m: &Match, text: &str, tokens: &[Token]) -> bool {
    let before = m.tokens.start.checked_sub(1).map(|i| tokens[i].text(text));
    // "according to Doha": a source, which is the government
    // and "ambassador to Washington": whom the envoy is sent to, which is the government
    let source = before == Some("to")
        && m.tokens.start >= 2
        && matches!(
            tokens[m.tokens.start - 2].text(text),
            "according" | "ambassador" | "Ambassador" | "ambassadors" | "envoy" | "Envoy"
        );
    if !source && before.is_some_and(|w| LOCATIVE.iter().any(|l| w.eq_ignore_ascii_case(l))) {
        return false;
    }
    // "north London rivals", "central Beijing": a part of the city, not its government;
    // "northeast of Lima", "north-east of London": where
    let compass = |w: &str| COMPASS.iter().any(|l| w.eq_ignore_ascii_case(l));
    if before.is_some_and(compass)
        || (before == Some("of")
            && m.tokens.start >= 2
            && tokens[m.tokens.start - 2]
                .text(text)
                .split('-')
                .all(compass))
    {
        return false;
    }
    // "leaving for Seoul", "bound for Manila": where someone goes
    if before == Some("for")
        && m.tokens.start >= 2
        && LEAVING.contains(&tokens[m.tokens.start - 2].text(text))
    {
        return false;
    }
    let first_on_line = m.tokens.start == 0 || tokens[m.tokens.start].breaks_before > 0;
    let next = tokens.get(m.tokens.end).map(|t| t.text(text));
    if (first_on_line && matches!(next, Some(",") | None)) || dateline_lead(&m.tokens, text, tokens)
    {
        return false; // dateline
    }
    if next == Some(",") {
        return false; // "Paris, France" or an enumeration of places
    }
    // "Beirut's southern suburbs", "Kyiv's outskirts": a part of the city
    if next.is_some_and(is_possessive)
        && tokens.get(m.tokens.end + 1).is_some_and(|t| {
            let w = t.text(text);
            COMPASS.contains(&w) || CITY_PARTS.contains(&w)
        })
    {
        return false;
    }
    // "the Beijing Olympics", "Washington state": an attribute, not an actor; "the capital
    // Dushanbe": the city
    if before.is_some_and(|w| w.eq_ignore_ascii_case("the") || matches!(w, "capital" | "city")) {
        return false;
    }
    true
}

/// Whether the words `range` open a line as a dateline does: in capitals, the first on
/// their line, and before a comma, a dash, an agency's name in brackets and a dash, or a
/// date ("BERLIN, March 14", "KYIV —", "SAN FRANCISCO (Reuters) -", "LONDON 1996-08-30");
/// another number after them is as often a team's score ("BOSTON 72 56"), and a word alone
/// on its line a heading.
fn dateline_lead(range: &Range<usize>, text: &str, tokens: &[Token]) -> bool {
    let capitals = |t: &Token| !t.text(text).bytes().any(|b| b.is_ascii_lowercase());
    let first_on_line = |k: usize| k == 0 || tokens[k].breaks_before > 0;
    // (or the second of two places: "KHARTOUM/CAIRO (Reuters) -")
    let after_slash = || {
        range.start >= 2
            && tokens[range.start - 1].text(text) == "/"
            && tokens[range.start - 1].breaks_before == 0
            && tokens[range.start].breaks_before == 0
            && (range.start.saturating_sub(5)..range.start - 1)
                .rev()
                .take_while(|&k| capitals(&tokens[k]))
                .any(first_on_line)
    };
    if !(first_on_line(range.start) || after_slash()) || !tokens[range.clone()].iter().all(capitals)
    {
        return false;
    }
    // the few tokens after them on their line that tell
    let rest = &tokens[range.end..tokens.len().min(range.end + 8)];
    let line = &rest[..rest
        .iter()
        .position(|t| t.breaks_before > 0)
        .unwrap_or(rest.len())];
    line.first().is_some_and(|t| {
        t.kind != TokenKind::Number || t.text(text).bytes().any(|b| b == b'-' || b == b'/')
    }) && opens_dateline(line, text)
}

/// Whether the tokens after a line's first words (`after`: the rest of the line, or its first
/// few tokens) make those words a dateline's place: nothing, a comma, a number, a dash, a
/// slash before another place in capitals, or an agency's name in brackets and a dash
/// ("(Reuters) -").
fn opens_dateline(after: &[Token], text: &str) -> bool {
    let dash = |t: &Token| matches!(t.text(text), "-" | "\u{2013}" | "\u{2014}");
    match after.first() {
        None => true,
        Some(t) if t.text(text) == "," || t.kind == TokenKind::Number || dash(t) => true,
        // "CAIRO/JERUSALEM,": the first of two places
        Some(t) if t.text(text) == "/" => after.get(1).is_some_and(|t| {
            let w = t.text(text);
            w.bytes().any(|b| b.is_ascii_uppercase()) && !w.bytes().any(|b| b.is_ascii_lowercase())
        }),
        Some(t) if t.text(text) == "(" => after
            .iter()
            .take(6)
            .position(|t| t.text(text) == ")")
            .and_then(|close| after.get(close + 1))
            .is_some_and(dash),
        _ => false,
    }
}

/// The honorific in `range` after where someone is from and before the rest of it as a
/// person's name ("Cardinal" in "U.S. Cardinal Bernardin"): the words before it are places,
/// countries or demonyms, and those after it one to three capitalised words, none the head or
/// legal form of an organization or the head of a place. (Places and bodies named after
/// someone begin with the honorific: "Imam Khomeini International Airport".)
fn honorific_before_a_name(words: &Words, range: Range<usize>) -> Option<usize> {
    if range.len() < 3 {
        return None;
    }
    let from = WordClass::CITY
        | WordClass::REGION
        | WordClass::COUNTRY
        | WordClass::CAPITAL
        | WordClass::DEMONYM;
    let h = (range.start + 1..range.end.saturating_sub(1))
        .find(|&i| words.classes(i).contains(WordClass::HONORIFIC) && words.capitalized[i])?;
    if !(range.start..h).all(|i| words.classes(i).intersects(from)) {
        return None;
    }
    let rest = h + 1..range.end;
    let name = (1..=3).contains(&rest.len())
        && rest.clone().all(|i| {
            let c = words.classes(i);
            words.capitalized[i]
                && !c.intersects(WordClass::ORG_HEAD | WordClass::ORG_SUFFIX)
                && !is_place_head(words.text(i))
        });
    name.then_some(h)
}

fn is_title_word(c: WordClass) -> bool {
    c.contains(WordClass::HONORIFIC)
        || c.contains(WordClass::OFFICE_WORD)
        || c.contains(WordClass::OFFICE_MODIFIER)
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Title-cases the words of lines written wholly in capitals ("JAPAN GET LUCKY WIN"), so the
/// lexicon finds "Japan" there. Only ASCII letters change, so byte offsets stay valid. The
/// text is `text` itself when no line needs folding, or else a copy of it in `buf`.
fn fold_capital_lines<'a>(text: &'a str, tokens: &[Token], buf: &'a mut String) -> &'a str {
    let mut folded = false;
    // whether a word has a letter in lower case: a word that has none is in capitals (one
    // that has one has a letter, lower case being a part of the alphabetic). An ASCII
    // lower-case byte says so as well as the characters, and sooner.
    let has_lower = |t: &Token| {
        let w = t.text(text);
        w.bytes().any(|b| b.is_ascii_lowercase())
            || (!w.is_ascii() && w.chars().any(char::is_lowercase))
    };
    let is_word = |t: &&Token| {
        t.kind == TokenKind::Word && {
            let w = t.text(text);
            if w.is_ascii() {
                w.bytes().any(|b| b.is_ascii_alphabetic())
            } else {
                w.chars().any(char::is_alphabetic)
            }
        }
    };
    let n = tokens.len();
    let mut line_start = 0;
    while line_start < n {
        let mut line_end = line_start + 1;
        while line_end < n && tokens[line_end].breaks_before == 0 {
            line_end += 1;
        }
        let line = &tokens[line_start..line_end];
        // most lines open with a word that has a lower-case letter ("The"): such a line is
        // neither shouting nor a dateline
        let first = &line[0];
        if first.kind == TokenKind::Word && first.text(text).bytes().any(|b| b.is_ascii_lowercase())
        {
            line_start = line_end;
            continue;
        }
        let shouting = !line
            .iter()
            .any(|t| t.kind == TokenKind::Word && has_lower(t))
            && line.iter().filter(is_word).nth(1).is_some();
        // a dateline's place: "BERLIN, March 14", "NEW YORK 1996-08-30"
        let lead = line
            .iter()
            .take_while(|t| t.kind == TokenKind::Word && t.end - t.start >= 3 && !has_lower(t))
            .count();
        let dateline = lead > 0 && opens_dateline(&line[lead..], text);
        let to_fold = if shouting {
            line
        } else if dateline {
            &line[..lead]
        } else {
            &[]
        };
        if !to_fold.is_empty() {
            if !folded {
                buf.clear();
                buf.push_str(text);
                folded = true;
            }
            for t in to_fold.iter().filter(|t| !shouting || is_word(t)) {
                title_case(buf, t);
            }
        }
        line_start = line_end;
    }
    if folded { buf } else { text }
}

/// Lower-cases the ASCII letters of token `t` of `buf` but the first of each part of it
/// ("O'NEILL-SMITH" becomes "O'neill-Smith"). An ASCII letter is a character of its own, so
/// byte offsets stay valid.
fn title_case(buf: &mut str, t: &Token) {
    let mut first = true;
    for at in t.start..t.end {
        let b = buf.as_bytes()[at];
        if b.is_ascii_alphabetic() {
            if !first {
                buf[at..at + 1].make_ascii_lowercase();
            }
            first = false;
        } else if b != b'\'' {
            first = true;
        }
    }
}

/// "Ministry of Foreign Affairs", "Foreign Ministry", "State Department", "Liberal Party":
/// capitalised words ending in (or starting with) an organization head word.
fn organizations_by_head(words: &Words, sel: &mut Selection) {
    let (text, tokens) = (words.text, words.tokens);
    let n = tokens.len();
    // the next token to look at: a name taken here is passed over
    let mut i = 0;
    for &at in words.capitals {
        if at < i {
            continue;
        }
        i = at;
        if sel.claimed[i] || !words.classes(i).contains(WordClass::ORG_HEAD) {
            i += 1;
            continue;
        }
        // extend left over capitalised words
        let mut start = i;
        while start > 0
            && i - start < MAX_NAME_WORDS
            && !sel.claimed[start - 1]
            && tokens[start].breaks_before == 0
            && tokens[start - 1].kind == TokenKind::Word
        {
            // a capitalised sentence opener is part of the name only if it could be a name word
            if !words.capitalized[start - 1]
                || (is_sentence_start(tokens, start - 1)
                    && words.classes(start - 1).contains(WordClass::NOT_A_NAME))
            {
                break;
            }
            start -= 1;
        }
        // extend right over "of Foreign Affairs", "for Refugees"
        let mut end = i + 1;
        let mut j = end;
        while j < n && j - i < MAX_NAME_WORDS && !sel.claimed[j] && tokens[j].breaks_before == 0 {
            let t = tokens[j].text(text);
            if ORG_JOINERS.contains(&t)
                && j + 1 < n
                && words.capitalized[j + 1]
                && tokens[j + 1].kind == TokenKind::Word
            {
                j += 1;
            } else if tokens[j].kind == TokenKind::Word && words.capitalized[j] {
                j += 1;
                end = j;
            } else {
                break;
            }
        }
        if end - start >= 2 {
            sel.take(
                start..end,
                tokens[start].start,
                tokens[end - 1].end,
                What::Organization { name: None },
                MentionForm::Name,
            );
        }
        i = end.max(i + 1);
    }
}

/// "Corruption Watch, a non-profit group based in Johannesburg": capitalised words no rule
/// took, before an apposition that says they name a body, are its name (two to four words).
fn bodies_named_in_apposition(words: &Words, sel: &mut Selection) {
    let tokens = words.tokens;
    let mut i = 0;
    for &at in words.capitals {
        if at < i || sel.claimed[at] || tokens[at].kind != TokenKind::Word {
            continue;
        }
        let mut end = at + 1;
        while end < tokens.len()
            && end - at < 4
            && !sel.claimed[end]
            && words.capitalized[end]
            && tokens[end].kind == TokenKind::Word
            && tokens[end].breaks_before == 0
        {
            end += 1;
        }
        i = end;
        if end - at >= 2 && body_in_apposition(end, words) {
            sel.take(
                at..end,
                tokens[at].start,
                tokens[end - 1].end,
                What::Organization { name: None },
                MentionForm::Name,
            );
        }
    }
}

/// "the Chinese Embassy", "the U.S. Consulate": a capitalised mission after a country's name
/// is a body, which joins the country's name as "Chinese Foreign Ministry" does. Alone, or
/// in lower case ("the embassy"), it is a building or a common noun.
fn embassies(words: &Words, sel: &mut Selection) {
    let tokens = words.tokens;
    for &i in words.capitals {
        if i == 0 || sel.claimed[i] || !matches!(words.text(i), "Embassy" | "Consulate") {
            continue;
        }
        let after_country = sel
            .found
            .iter()
            .any(|f| f.tokens.end == i && matches!(f.what, What::Country { .. }));
        if after_country {
            let t = &tokens[i];
            sel.take(
                i..i + 1,
                t.start,
                t.end,
                What::Organization { name: None },
                MentionForm::Name,
            );
        }
    }
}

/// "Labour leader Keir Starmer", "North Korean leader Kim Jong Un", "NDP interim leader Don
/// Davies", "Renault chief Louis Schweitzer": "leader" or "chief" between a capitalised name
/// (a party, a country, a group, a company) and a person's name is that person's office, as a
/// title is. Elsewhere ("world leaders", "the leader of")
/// it is a common noun, and the lexicon does not list it.
fn leaders_before_names(words: &Words, sel: &mut Selection) {
    let (text, tokens) = (words.text, words.tokens);
    for i in 1..tokens.len().saturating_sub(1) {
        let t = &tokens[i];
        if !matches!(t.end - t.start, 5 | 6) || sel.claimed[i] {
            continue;
        }
        let w = t.text(text);
        let name = if w.eq_ignore_ascii_case("leader") {
            "Leader"
        } else if w == "chief" {
            "Chief"
        } else {
            continue;
        };
        // before it, a name, maybe with a qualifier between ("interim", "deputy")
        let mut b = i - 1;
        if b > 0 && words.classes(b).contains(WordClass::OFFICE_MODIFIER) {
            b -= 1;
        }
        let name_at = |k: usize| {
            tokens[k].kind == TokenKind::Word
                && words.capitalized[k]
                && !words.classes(k).contains(WordClass::NOT_A_NAME)
        };
        let joined = |k: usize| tokens[k].breaks_before == 0;
        if name_at(b) && joined(i) && name_at(i + 1) && joined(i + 1) {
            let what = What::Office { name };
            sel.take(i..i + 1, t.start, t.end, what, MentionForm::Name);
        }
    }
}

/// Whether token `i` opens a line or follows punctuation: its capital says little.
fn is_sentence_start(tokens: &[Token], i: usize) -> bool {
    i == 0
        || tokens[i].breaks_before > 0
        || matches!(
            tokens[i - 1].kind,
            TokenKind::Punctuation | TokenKind::Quote
        )
}

/// Capitalised words right after an office or honorific are a name: "Defense Minister Nobuo
/// Kishi", "Mr. Blinken". Up to four words; stops at anything that is not a capitalised word.
fn people_after_titles(
    words: &Words,
    sel: &mut Selection,
    roles: &[usize],
    after_office: &mut Vec<bool>,
) {
    let tokens = words.tokens;
    sel.after_offices(tokens.len(), roles, after_office);
    for &i in words.capitals {
        if sel.claimed[i] || tokens[i].kind != TokenKind::Word {
            continue;
        }
        let after_title = after_office[i]
            || (i > 0
                && words.capitalized[i - 1]
                && words.classes(i - 1).contains(WordClass::HONORIFIC));
        if !after_title {
            continue;
        }
        let mut end = i;
        while end < tokens.len()
            && end - i < 4
            && !sel.claimed[end]
            && tokens[end].kind == TokenKind::Word
            && (end == i || tokens[end].breaks_before == 0)
        {
            let c = words.classes(end);
            if !words.capitalized[end]
                || c.contains(WordClass::NOT_A_NAME)
                || c.contains(WordClass::COUNTRY)
                || c.contains(WordClass::MONTH)
                || c.contains(WordClass::WEEKDAY)
            {
                break;
            }
            end += 1;
        }
        // "founder Sheikh" + "Ahmed Yassin", "Prime Minister Sir" + "Keir Starmer": an
        // honorific alone before a name is no name (but "Don" may be one)
        let honorific_alone = end == i + 1 && {
            let c = words.classes(i);
            c.contains(WordClass::HONORIFIC) && !c.contains(WordClass::GIVEN_NAME)
        };
        if end > i && !honorific_alone {
            sel.take(
                i..end,
                tokens[i].start,
                tokens[end - 1].end,
                What::Person,
                MentionForm::Name,
            );
        }
    }
}

/// "(Reporting by Andrew Mills in Doha and Maayan Lubell; Editing by Alex Richardson)": the
/// names of two to four capitalised words after "Reporting by", "Writing by" or "Editing by"
/// opening a news agency's credit line (or a part of it after "(" or ";") are people, however
/// unusual, and the words naming the jobs are no names. The places after "in" are left to
/// the other rules, as are names with an organization's word ("Gdansk Newsroom"). Only the
/// end of a document is looked at (see [`CREDIT_TAIL`]).
fn credit_lines(words: &Words, sel: &mut Selection) {
    let tokens = words.tokens;
    let mut after = 0;
    let bytes = words.text.as_bytes();
    let mut tail = bytes.len().saturating_sub(CREDIT_TAIL);
    while !words.text.is_char_boundary(tail) {
        tail += 1;
    }
    // (one quick search first: most documents end with no " by ")
    if !words.text[tail..].contains(" by ") {
        return;
    }
    let from = words.capitals.partition_point(|&k| tokens[k].start < tail);
    for &first in &words.capitals[from..] {
        // (most capitalised words follow no "by": the cheapest test first)
        if first < 2 || first < after || {
            let by = &tokens[first - 1];
            by.end - by.start != 2 || bytes[by.start..by.end] != *b"by"
        } {
            continue;
        }
        let job = first - 2;
        if !CREDIT_JOBS
            .iter()
            .any(|j| words.text(job).eq_ignore_ascii_case(j))
        {
            continue;
        }
        // the line starts at the job, or "(", ";" or "additional" comes before it
        let lead = if job > 0 && words.text(job - 1).eq_ignore_ascii_case("additional") {
            job - 1
        } else {
            job
        };
        if lead > 0
            && tokens[lead].breaks_before == 0
            && !matches!(words.text(lead - 1), "(" | ";" | "[")
        {
            continue;
        }
        // "Editing", "Additional reporting": no place, organization or person
        sel.claim(lead..job + 1);
        let mut at = first;
        loop {
            let start = at;
            while at < tokens.len()
                && at - start < MAX_CREDIT_NAME
                && words.capitalized[at]
                && tokens[at].kind == TokenKind::Word
                && tokens[at].breaks_before == 0
            {
                at += 1;
            }
            let desk = || {
                (start..at).any(|k| {
                    words.classes(k).intersects(
                        WordClass::ORG_HEAD | WordClass::ORG_SUFFIX | WordClass::ORGANIZATION,
                    )
                })
            };
            if at - start >= 2 && !desk() {
                let (s, e) = (tokens[start].start, tokens[at - 1].end);
                sel.take(start..at, s, e, What::Person, MentionForm::Name);
            }
            // "in Doha": where the journalist is
            if at > start && at < tokens.len() && words.text(at) == "in" {
                at += 1;
                while at < tokens.len() && words.capitalized[at] && tokens[at].breaks_before == 0 {
                    at += 1;
                }
            }
            if at > start
                && at + 1 < tokens.len()
                && tokens[at + 1].breaks_before == 0
                && matches!(words.text(at), "," | "and" | "&")
            {
                at += 1;
            } else {
                break;
            }
        }
        after = at;
    }
}

/// 'Ramon "Bong" Revilla Jr.', 'Joseph "Jinggoy" Estrada': a given name, a nickname of one or
/// two capitalised words in quotes, then a surname (and "Jr."): one person, where the tagger
/// reads the nickname as a name of its own.
fn nicknamed_people(words: &Words, sel: &mut Selection) {
    let tokens = words.tokens;
    let word = |k: usize| {
        k < tokens.len()
            && tokens[k].kind == TokenKind::Word
            && tokens[k].breaks_before == 0
            && words.capitalized[k]
    };
    let quote = |k: usize| {
        k < tokens.len() && tokens[k].kind == TokenKind::Quote && tokens[k].breaks_before == 0
    };
    for &first in words.capitals {
        if !quote(first + 1) || !words.classes(first).intersects(WordClass::GIVEN_NAME) {
            continue;
        }
        let nick = first + 2;
        let close = (nick..nick + 2)
            .take_while(|&k| word(k))
            .last()
            .map(|k| k + 1);
        let Some(close) = close.filter(|&c| quote(c)) else {
            continue;
        };
        let surname = close + 1;
        let mut end = (surname..surname + 2)
            .take_while(|&k| word(k))
            .last()
            .map(|k| k + 1);
        if let Some(e) = end
            && word(e)
            && (is_generation(words.text(e)) || is_roman_numeral(words.text(e)))
        {
            end = Some(e + 1);
        }
        let Some(end) = end else { continue };
        let (s, e) = (tokens[first].start, tokens[end - 1].end);
        sel.take(first..end, s, e, What::Person, MentionForm::Name);
    }
}

/// How far into a document its dateline is looked for: past a headline and a byline, in
/// tokens and in lines.
const DATELINE_REACH: usize = 80;
const DATELINE_LINES: usize = 4;

/// "KUALA LUMPUR, Aug 7 (Bernama) --", "SYDNEY (AAP) -": the capitalised words in brackets
/// between a dateline and its dash name the news agency, whatever the tagger reads there
/// ("Bernama" as a place, "KUNA" as a person). A body the lexicon knows keeps its reading.
fn agency_in_dateline(
    words: &Words,
    (matches, index): (&[Match], &WholeMatches),
    sel: &mut Selection,
) {
    let (text, tokens) = (words.text, words.tokens);
    let reach = tokens.len().min(DATELINE_REACH);
    let (mut line, mut lines) = (0, 1);
    for i in 0..reach {
        if tokens[i].breaks_before > 0 {
            line = i;
            lines += 1;
            if lines > DATELINE_LINES {
                return;
            }
        }
        if i == line
            || i - line > 12
            || text.as_bytes()[tokens[i].start] != b'('
            || !words.capitalized[line]
        {
            continue;
        }
        let Some(close) = (i + 2..tokens.len().min(i + 5)).find(|&k| tokens[k].text(text) == ")")
        else {
            continue;
        };
        let dash = tokens
            .get(close + 1)
            .is_some_and(|t| t.kind == TokenKind::Dash || matches!(t.text(text), "-" | "--"));
        let inner = i + 1..close;
        // ("(Staff)": a common word is no agency's name, but "SPA" in capitals may be)
        let common = |k: usize| {
            words
                .classes(k)
                .intersects(WordClass::COMMON_WORD | WordClass::NOT_A_NAME)
                && words.text(k).bytes().any(|b| b.is_ascii_lowercase())
        };
        if !dash
            || inner.clone().any(|k| {
                tokens[k].kind != TokenKind::Word
                    || !words.capitalized[k]
                    || sel.claimed[k]
                    || common(k)
            })
        {
            continue;
        }
        let known = index
            .get(inner.start)
            .and_then(|&k| matches.get(k as usize))
            .is_some_and(|m| m.tokens == inner && only_organization(m));
        if !known {
            let (start, end) = (tokens[inner.start].start, tokens[close - 1].end);
            let what = What::Organization { name: None };
            sel.take(inner, start, end, what, MentionForm::Name);
        }
        return;
    }
}

/// The jobs a credit line names before "by", in lower case.
const CREDIT_JOBS: [&str; 3] = ["reporting", "writing", "editing"];

/// How far before the end of a document its credit line may start, in bytes: it closes the
/// article, so the rest is not looked through.
const CREDIT_TAIL: usize = 600;

/// The most words a journalist's name in a credit line has.
const MAX_CREDIT_NAME: usize = 4;

/// "... which calls them Diaoyu", "which Beijing calls Ren'ai Jiao", "known locally as X":
/// a capitalised name after a naming verb is another name of a place mentioned before it.
fn aliases(words: &Words, matches: &[Match], tagged: &[Tagged], sel: &mut Selection) {
    let tokens = words.tokens;
    for &i in words.capitals {
        // every naming word before a name ("it", "them", "as", "calls", "call") is two to
        // five letters long: most words are ruled out by their length alone
        if i < 2
            || sel.claimed[i]
            || tokens[i].kind != TokenKind::Word
            || !(2..=5).contains(&(tokens[i - 1].end - tokens[i - 1].start))
        {
            continue;
        }
        // (the words compared as numbers, [`letters`])
        let is = |i: usize, list: &[u64]| list.contains(&letters(words.text(i)));
        const fn l(w: &str) -> u64 {
            letters_of(w)
        }
        let naming = match letters(words.text(i - 1)) {
            k if k == l("it") || k == l("them") => is(
                i - 2,
                &[
                    l("calls"),
                    l("call"),
                    l("called"),
                    l("name"),
                    l("names"),
                    l("named"),
                ],
            ),
            k if k == l("as") => is(i - 2, &[l("known"), l("locally")]),
            k if k == l("calls") || k == l("call") => {
                i >= 3 && words.capitalized[i - 2] && is(i - 3, &[l("which"), l("what")])
            }
            _ => false,
        };
        if !naming {
            continue;
        }
        // only where a place was named shortly before
        let near = |r: &Range<usize>| r.end <= i && r.end + 80 > i;
        let place_before = matches
            .iter()
            .any(|m| near(&m.tokens) && m.entries.iter().any(|e| matches!(e, Entry::Place { .. })))
            || tagged
                .iter()
                .any(|t| t.label == Label::Loc && near(&t.tokens));
        if !place_before {
            continue;
        }
        let mut end = i;
        while end < tokens.len()
            && !sel.claimed[end]
            && tokens[end].kind == TokenKind::Word
            && words.capitalized[end]
            && (end == i || tokens[end].breaks_before == 0)
        {
            end += 1;
        }
        // a lexicon name keeps its own entity; an unknown one becomes an alias; a body's
        // name is no place's ("Foxconn, known as Hon Hai Precision Industry")
        if matches.iter().any(|m| m.tokens.start == i)
            || (i..end).any(|k| {
                words
                    .classes(k)
                    .intersects(WordClass::ORG_HEAD | WordClass::ORG_SUFFIX)
            })
        {
            continue;
        }
        sel.take(
            i..end,
            tokens[i].start,
            tokens[end - 1].end,
            What::Place {
                name: None,
                kind: None,
            },
            MentionForm::Alias,
        );
    }
}

/// Particles inside names: "Mohammed bin Salman", "Ursula von der Leyen", "Luiz Inácio
/// Lula da Silva", "André Corrêa do Lago".
const PARTICLES: &[&str] = &[
    "al", "ben", "bin", "bint", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du",
    "el", "ibn", "la", "le", "van", "von",
];

/// Whether `word` is one of [`PARTICLES`], ignoring ASCII case (as [`one_of`] tells).
fn is_particle(word: &str) -> bool {
    // most words are longer than any particle; a shorter one is a number, its letters in
    // lower case, searched for among the particles'
    (2..=PARTICLE_LEN).contains(&word.len())
        && PARTICLE_KEYS
            .binary_search(&(le_padded(word.as_bytes()) | LOWER_BITS[word.len()]))
            .is_ok()
}

/// The length of the longest of [`PARTICLES`].
const PARTICLE_LEN: usize = 5;

/// For a word of `n` bytes, the bit that makes an ASCII capital of each byte its lower case
/// (and leaves a lower-case letter as it is). A byte that is no letter becomes no letter, so
/// a word becomes a particle's bytes only if it is that particle in some case.
const LOWER_BITS: [u64; PARTICLE_LEN + 1] = {
    let mut bits = [0; PARTICLE_LEN + 1];
    let mut n = 1;
    while n <= PARTICLE_LEN {
        bits[n] = bits[n - 1] | 0x20 << (8 * (n - 1));
        n += 1;
    }
    bits
};

/// [`PARTICLES`] as numbers (their bytes, little-endian), sorted for a binary search.
static PARTICLE_KEYS: [u64; PARTICLES.len()] = {
    let mut keys = [0; PARTICLES.len()];
    let mut n = 0;
    while n < PARTICLES.len() {
        let p = PARTICLES[n].as_bytes();
        let mut at = 0;
        while at < p.len() {
            keys[n] |= (p[at] as u64) << (8 * at);
            at += 1;
        }
        // insertion sort
        let mut k = n;
        while k > 0 && keys[k - 1] > keys[k] {
            let t = keys[k];
            keys[k] = keys[k - 1];
            keys[k - 1] = t;
            k -= 1;
        }
        n += 1;
    }
    keys
};

/// Whether `word` is one of `words` (written in lower case), ignoring ASCII case.
#[cfg(test)]
fn one_of(word: &str, words: &[&str]) -> bool {
    words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// A word of eight bytes or fewer as a number, its ASCII capitals in lower case, and every
/// other byte but a lower-case letter made no letter: equal to [`letters_of`] of a word of
/// lower-case letters only if it is that word in some case ([`one_of`] says). Zero for
/// other words.
fn letters(word: &str) -> u64 {
    let n = word.len();
    if n == 0 || n > 8 {
        return 0;
    }
    // a capital and its lower case differ in the bit 0x20 alone; a byte that is no letter
    // with that bit set is still no letter
    le_padded(word.as_bytes()) | 0x2020_2020_2020_2020 >> (8 * (8 - n))
}

/// The bytes of a word of lower-case letters as [`letters`] gives them.
const fn letters_of(word: &str) -> u64 {
    let b = word.as_bytes();
    let mut k = 0;
    let mut at = 0;
    while at < b.len() {
        k |= (b[at] as u64) << (8 * at);
        at += 1;
    }
    k
}

/// "al-Sisi", "el-Baradei": a hyphenated Arabic article before a capitalised name.
fn is_article_name(word: &str) -> bool {
    without_article(word).is_some()
}

/// The name after a hyphenated Arabic article: "Sisi" of "al-Sisi", "Burhan" of "al-Burhan".
pub(crate) fn without_article(word: &str) -> Option<&str> {
    let rest = ["al-", "el-", "Al-", "El-"]
        .iter()
        .find_map(|a| word.strip_prefix(a))?;
    rest.starts_with(char::is_uppercase).then_some(rest)
}

/// Whether a mention may be a part of a person's name the tagger misread: a person's name, or
/// a place or an organization the lexicon does not know.
fn part_of_a_name(f: &Found) -> bool {
    f.form == MentionForm::Name
        && matches!(
            f.what,
            What::Person | What::Place { name: None, .. } | What::Organization { name: None }
        )
}

/// "F.": a capital and a period, as a middle initial is written.
fn is_initial(word: &str) -> bool {
    matches!(word.as_bytes(), [c, b'.'] if c.is_ascii_uppercase())
}

/// "Jr." and "Sr.": a son or father of the same name is another person ("Robert F. Kennedy
/// Jr.").
fn is_generation(word: &str) -> bool {
    matches!(word, "Jr." | "Jr" | "Sr." | "Sr")
}

fn is_roman_numeral(word: &str) -> bool {
    matches!(
        word,
        "II" | "III"
            | "IV"
            | "V"
            | "VI"
            | "VII"
            | "VIII"
            | "IX"
            | "X"
            | "XI"
            | "XII"
            | "XIII"
            | "XIV"
            | "XV"
            | "XVI"
    )
}

/// The longest surname of China, Korea, Japan or Vietnam in the lexicon, in bytes: a longer
/// word is no such surname without asking.
const EAST_ASIAN_SURNAME_LEN: usize = 9;

/// Classes of a word that make it no given name, however it sounds ("Cabinet", "Chinese"),
/// unless the lexicon knows it as a given name too ("Son", "Un").
const NOT_GIVEN: WordClass = WordClass(
    WordClass::COMMON_WORD.0
        | WordClass::NOT_A_NAME.0
        | WordClass::MONTH.0
        | WordClass::WEEKDAY.0
        | WordClass::COUNTRY.0
        | WordClass::DEMONYM.0
        | WordClass::ORGANIZATION.0
        | WordClass::ORG_HEAD.0
        | WordClass::ORG_SUFFIX.0
        | WordClass::HONORIFIC.0
        | WordClass::OFFICE_WORD.0
        | WordClass::OFFICE_MODIFIER.0
        | WordClass::CAPITAL.0
        | WordClass::NAME_PARTICLE.0,
);

/// Names a person's by their shape alone, where the tagger read them as an organization or a
/// place, or took a part of them, or none: a surname of East Asia and a romanised given name
/// ("Xi Jinping", "Moon Jae-in", "Kim Jong Un", see [`east_asian_name_at`]), a given name,
/// an initial and a capitalised word ("George W. Bush", see [`initialled_name_at`]), and a
/// given name and a surname with the Arabic article ("Bashar al-Assad", see
/// [`article_name_at`]). A name the lexicon knows whole ("Hong Kong") or one inside a longer
/// name of another kind stays.
///
/// Not inlined: few documents have such a name, and `find_in` runs faster without this code.
#[inline(never)]
fn names_by_shape(
    words: &Words,
    tagged: &[Tagged],
    after_office: &[bool],
    sel: &mut Selection,
    removed: &mut Vec<bool>,
) {
    let tokens = words.tokens;
    let mut sorted = false;
    let mut after = 0;
    // names over no mention yet, added once the others are looked through in order
    let mut added = Vec::new();
    let mut org_starts = None;
    for &i in words.capitals.iter() {
        if i < after {
            continue;
        }
        // a surname and a given name are two capitalised words in a row
        let end = if words.capitalized.get(i + 1) == Some(&true) {
            east_asian_name_at(words, i).or_else(|| initialled_name_at(words, i))
        } else {
            article_name_at(words, i)
        };
        let Some(end) = end else {
            continue;
        };
        // "the Thu Bon river": a place's name, whatever its shape
        if end < tokens.len() && is_site_noun(words.text(end)) {
            continue;
        }
        // after a capitalised word, the name's first word is inside a longer name ("Hong" +
        // "Kong Open"), unless that word is a title ("Premier Li Qiang") or no name at all
        let inside =
            i > 0 && words.capitalized[i - 1] && tokens[i - 1].kind == TokenKind::Word && {
                !after_office[i]
                    && !words.classes(i - 1).intersects(
                        WordClass::HONORIFIC
                            | WordClass::OFFICE_WORD
                            | WordClass::OFFICE_MODIFIER
                            | WordClass::NOT_A_NAME
                            | WordClass::COMMON_WORD
                            | WordClass::DEMONYM
                            | WordClass::COUNTRY,
                    )
            };
        if inside {
            continue;
        }
        if !sorted {
            sel.found.sort_by_key(|f| f.start);
            removed.clear();
            removed.resize(sel.found.len(), false);
            sorted = true;
        }
        // the mentions over the name: all inside it, and none the lexicon names whole
        let first = sel.found.partition_point(|f| f.tokens.end <= i);
        let last = first
            + sel.found[first..]
                .iter()
                .take_while(|f| f.tokens.start < end)
                .count();
        let over = &sel.found[first..last];
        // "Chiang Kai-shek" + "International Airport": the start of a longer name
        let part_of_next = sel.found.get(last).is_some_and(|f| {
            f.tokens.start == end
                && tokens[end].breaks_before == 0
                && matches!(f.what, What::Organization { .. } | What::Place { .. })
        });
        let replaceable = !part_of_next
            && over.iter().all(|f| {
                f.tokens.start >= i
                    && f.tokens.end <= end
                    && f.form == MentionForm::Name
                    && match f.what {
                        What::Person => true,
                        What::Organization { name } | What::Place { name, .. } => {
                            name.is_none() || f.tokens.len() < end - i
                        }
                        What::Country { .. } | What::Office { .. } => false,
                    }
            });
        // a token claimed with no mention of ours is inside a name of another kind, unless
        // the tagger's name of another kind is inside this one ("Moon Jae-in" read as a name
        // of no person, place or organization, "Faisal" + "al-Mekdad")
        let covered = over.iter().map(|f| f.tokens.len()).sum::<usize>();
        let claimed = (i..end).filter(|&k| sel.claimed[k]).count();
        let other_kind = || {
            let at = tagged.partition_point(|t| t.tokens.end <= i);
            let mut inside = 0;
            for t in tagged[at..].iter().take_while(|t| t.tokens.start < end) {
                if t.label != Label::Misc {
                    continue;
                }
                if t.tokens.start < i || t.tokens.end > end {
                    return None;
                }
                inside += t.tokens.len();
            }
            Some(inside)
        };
        if !replaceable || (claimed != covered && other_kind() != Some(claimed - covered)) {
            continue;
        }
        // "Liu Chong Hing" of "Liu Chong Hing Investment Ltd" is that company
        let org_starts = org_starts.get_or_insert_with(|| organization_starts(words, &sel.found));
        let name = &words.text[tokens[i].start..tokens[end - 1].end];
        if has_word(words.text, org_starts, name) {
            continue;
        }
        let person = Found {
            start: tokens[i].start,
            end: tokens[end - 1].end,
            tokens: i..end,
            what: What::Person,
            form: MentionForm::Name,
        };
        let n = over.len();
        sel.claim(i..end);
        match n {
            0 => added.push(person),
            n => {
                sel.found[first] = person;
                removed[first + 1..first + n].fill(true);
            }
        }
        after = end;
    }
    if sorted && removed.contains(&true) {
        let mut keep = removed.iter().map(|r| !r);
        sel.found.retain(|_| keep.next().unwrap_or(true));
    }
    sel.found.append(&mut added);
}

/// "Suharyanto, the head of the disaster agency, said": a single word the lexicon knows
/// nothing of, before an apposition naming an office ("the head of", "a former minister")
/// and a verb of speech, is a person known by one name, wherever the tagger missed it.
fn single_names_in_apposition(words: &Words, sel: &mut Selection) {
    let tokens = words.tokens;
    let n = tokens.len();
    let bytes = words.text.as_bytes();
    for &i in words.capitals {
        // (a comma right after the word first: most capitalised words have none)
        if bytes.get(tokens[i].end) != Some(&b',')
            || i + 4 >= n
            || sel.claimed[i]
            || words.text(i + 1) != ","
            || !matches!(words.text(i + 2), "a" | "an" | "the")
        {
            continue;
        }
        let w = words.text(i);
        let unknown = tokens[i].kind == TokenKind::Word
            && w.chars().count() >= 3
            && w.chars().all(char::is_alphabetic)
            && w.chars().skip(1).all(char::is_lowercase)
            // (nor an adverb opening the sentence: "Separately, the head of ...")
            && !w.ends_with("ly")
            && words.classes(i).0 & !(WordClass::GIVEN_NAME | WordClass::SURNAME).0 == 0;
        if !unknown {
            continue;
        }
        // "a former", "the new": modifiers before the office's word
        let mut k = i + 3;
        while k + 1 < n && k < i + 5 && {
            let c = words.classes(k);
            c.contains(WordClass::OFFICE_MODIFIER) && !c.contains(WordClass::OFFICE_WORD)
                || matches!(words.text(k), "new" | "top")
        } {
            k += 1;
        }
        let office = words.text(k).starts_with(|c: char| c.is_lowercase())
            && words.classes(k).contains(WordClass::OFFICE_WORD)
            && matches!(words.text(k + 1), "of" | "at" | "for" | ",");
        // and the apposition closes before the person speaks ("..., said"): not so a
        // sentence's opening word the lexicon does not know ("Elsewhere, the head of ...")
        let speaks = || {
            (k + 1..n.min(k + 16))
                .take_while(|&j| tokens[j].breaks_before == 0 && words.text(j) != ".")
                .any(|j| words.text(j) == "," && j + 1 < n && is_speech_verb(words.text(j + 1)))
        };
        if office && speaks() {
            sel.take(
                i..i + 1,
                tokens[i].start,
                tokens[i].end,
                What::Person,
                MentionForm::Name,
            );
        }
    }
}

/// The first two and three words of the organizations named in more words than that, as
/// [`has_word`] looks them up.
fn organization_starts(words: &Words, found: &[Found]) -> Vec<(u64, usize, usize)> {
    let mut starts = Vec::new();
    for f in found {
        if !matches!(f.what, What::Organization { .. }) {
            continue;
        }
        for n in 2..f.tokens.len().min(4) {
            let end = words.tokens[f.tokens.start + n - 1].end;
            starts.push((word_key(&words.text[f.start..end]), f.start, end));
        }
    }
    starts.sort_unstable();
    starts
}

/// Where a name of a given name, an initial and a capitalised word starting at token `i`
/// ends: "George W. Bush", "Michael J. Fox".
fn initialled_name_at(words: &Words, i: usize) -> Option<usize> {
    let tokens = words.tokens;
    let last = tokens.get(i + 2)?;
    let fits = is_initial(words.text(i + 1))
        && tokens[i + 1].breaks_before == 0
        && last.breaks_before == 0
        && last.kind == TokenKind::Word
        && words.capitalized[i + 2]
        && tokens[i].kind == TokenKind::Word
        && words.classes(i).contains(WordClass::GIVEN_NAME)
        && !words.classes(i + 2).intersects(NOT_GIVEN);
    fits.then_some(i + 3)
}

/// Where a name of a given name and a surname with the Arabic article starting at token `i`
/// ends: "Bashar al-Assad", "Faisal al-Mekdad". (Names of groups take the article too, after
/// words that are no given names: "Jabhat al-Nusra".)
fn article_name_at(words: &Words, i: usize) -> Option<usize> {
    let tokens = words.tokens;
    let surname = tokens.get(i + 1)?;
    // most capitalised words are followed by no such word: the cheap test first
    if words.text.as_bytes().get(surname.start + 2) != Some(&b'-') {
        return None;
    }
    let fits = surname.breaks_before == 0
        && surname.space_before
        && is_article_name(words.text(i + 1))
        && tokens[i].kind == TokenKind::Word
        && {
            // a given name the lexicon knows, or a word it knows nothing of where a person
            // is named: before "said" or ", a member ..." ("Izzat al-Rishq, a member of")
            // (never the first word of a place's name: "Ras al-Ain")
            let c = words.classes(i);
            !is_place_prefix(words.text(i))
                && (c.contains(WordClass::GIVEN_NAME)
                    || (c == WordClass::NONE && stands_for_a_person(words, &(i..i + 2))))
        };
    fits.then_some(i + 2)
}

/// First words of Arabic place names ("Deir al-Balah", "Ras al-Ain", "Bab al-Hawa").
fn is_place_prefix(word: &str) -> bool {
    matches!(
        word,
        "Ain"
            | "Bab"
            | "Beit"
            | "Bir"
            | "Dar"
            | "Deir"
            | "Jabal"
            | "Jebel"
            | "Kafr"
            | "Khan"
            | "Madinat"
            | "Marj"
            | "Ras"
            | "Tal"
            | "Tel"
            | "Tell"
            | "Umm"
            | "Wadi"
    )
}

/// Whether the words around a name say a person was named: where a speaker is, or before
/// an apposition opening with an article (", a member of", ", the head of").
fn stands_for_a_person(words: &Words, range: &Range<usize>) -> bool {
    let word = |k: usize| (k < words.tokens.len()).then(|| words.text(k));
    names_a_speaker(range, words)
        || (word(range.end) == Some(",") && matches!(word(range.end + 1), Some("a" | "an" | "the")))
}

/// Where an East Asian name starting at token `i` ends: a surname, then one given name of
/// one to three syllables or two of one each ("Jong Un"), all on one line.
fn east_asian_name_at(words: &Words, i: usize) -> Option<usize> {
    let tokens = words.tokens;
    let next_word = |k: usize| {
        tokens.get(k).filter(|t| {
            words.capitalized[k]
                && t.kind == TokenKind::Word
                && t.breaks_before == 0
                && t.space_before
        })
    };
    let surname = &tokens[i];
    let given_word = next_word(i + 1)?;
    if surname.kind != TokenKind::Word
        || surname.end - surname.start > EAST_ASIAN_SURNAME_LEN
        || given_word.end - given_word.start > romanised::MAX_LEN
        || !words.text(i).as_bytes()[1..]
            .iter()
            .all(u8::is_ascii_lowercase)
        || !words.classes(i).contains(WordClass::EAST_ASIAN_SURNAME)
    {
        return None;
    }
    // (the lexicon knows common words in lower case: "Man" is "man")
    let given = |k: usize| {
        let c = words.classes(k) | words.lexicon.classes(&words.text(k).to_ascii_lowercase());
        !c.intersects(NOT_GIVEN) || c.contains(WordClass::GIVEN_NAME)
    };
    let first = words.text(i + 1);
    if !romanised::is_given_name(first) || !given(i + 1) {
        return None;
    }
    let mut end = i + 2;
    if romanised::is_one_syllable(first)
        && next_word(end).is_some_and(|_| romanised::is_one_syllable(words.text(end)))
        && given(end)
    {
        end += 1;
    }
    // "Li Ning Company": the name of an organization
    let head = next_word(end).is_some_and(|_| {
        words
            .classes(end)
            .intersects(WordClass::ORG_HEAD | WordClass::ORG_SUFFIX)
    });
    (!head).then_some(end)
}

/// Completes people's names the tagger cut short: particles and what follows them
/// ("Mohammed" + "bin Salman"), Arabic articles ("Abdel Fattah" + "al-Sisi") and regnal
/// numbers and generations ("Abdullah" + "II", "Kennedy" + "Jr."), and given names before
/// them that the tagger took for other things ("Ursula" + "von der Leyen", "Defense Minister
/// Israel" + "Katz"). A mention swallowed this way is dropped.
fn complete_names(
    words: &Words,
    sel: &mut Selection,
    after_office: &[bool],
    swallowed: &mut Vec<bool>,
) {
    let (text, tokens, lexicon) = (words.text, words.tokens, words.lexicon);
    sel.found.sort_by_key(|f| f.start);
    swallowed.clear();
    swallowed.resize(sel.found.len(), false);
    let mut i = 0;
    while i < sel.found.len() {
        if sel.found[i].what != What::Person || swallowed[i] {
            i += 1;
            continue;
        }
        // "General Secretary To Lam": a Vietnamese surname spelled like an English word,
        // capitalised inside a sentence, opens the name
        let first = sel.found[i].tokens.start;
        if first > 1
            && matches!(words.text(first - 1), "To" | "Do")
            && !sel.claimed[first - 1]
            && tokens[first].breaks_before == 0
            && tokens[first - 1].breaks_before == 0
            && !matches!(
                words.text(first - 2),
                "." | "!" | "?" | "\"" | "\u{201C}" | ":"
            )
        {
            sel.claimed[first - 1] = true;
            sel.found[i].tokens.start = first - 1;
            sel.found[i].start = tokens[first - 1].start;
        }
        let mut end = sel.found[i].tokens.end;
        // "Neil" + "Jordan": a lone given name followed by a one-word name that is also a
        // surname is one person, whatever the second word was read as
        let given_alone = sel.found[i].tokens.len() == 1
            && words.classes(end - 1).contains(WordClass::GIVEN_NAME);
        let next_found = sel.found.get(i + 1).filter(|g| {
            g.tokens.start == end && g.tokens.len() == 1 && g.form == MentionForm::Name
        });
        if given_alone
            && tokens.get(end).is_some_and(|t| t.breaks_before == 0)
            && next_found.is_some_and(|g| {
                lexicon
                    .classes(&text[g.start..g.end])
                    .contains(WordClass::SURNAME)
            })
        {
            end += 1;
        }
        // "Anura" + "Kumara Dissanayake": two names of people in a row are one person's (but
        // "Sir" or "Dr." taken for a person is no part of a name)
        let limit = sel.found[i].tokens.start + MAX_NAME_WORDS;
        let plain_name = |f: &Found| {
            f.tokens.clone().all(|k| {
                let w = words.text(k);
                tokens[k].kind == TokenKind::Word
                    && is_capitalized(w)
                    && w.bytes().all(|b| b != b'.')
                    && !words.classes(k).intersects(
                        WordClass::HONORIFIC
                            | WordClass::OFFICE_WORD
                            | WordClass::OFFICE_MODIFIER
                            | WordClass::COMMON_WORD,
                    )
            })
        };
        if let Some(g) = sel.found.get(i + 1).filter(|g| {
            g.tokens.start == end
                && end == sel.found[i].tokens.end
                && g.what == What::Person
                && g.form == MentionForm::Name
                && g.tokens.end <= limit
                && tokens[end].breaks_before == 0
                && tokens[end].space_before
                && plain_name(&sel.found[i])
                && plain_name(g)
        }) {
            end = g.tokens.end;
        }
        while let Some(next) = tokens
            .get(end)
            .filter(|t| t.breaks_before == 0 && end < limit)
        {
            let w = next.text(text);
            let mut k = end;
            while tokens
                .get(k)
                .is_some_and(|t| t.breaks_before == 0 && is_particle(t.text(text)))
            {
                k += 1;
            }
            let after = tokens
                .get(k)
                .filter(|t| k > end && t.breaks_before == 0 && t.kind == TokenKind::Word);
            if after.is_some_and(|t| is_capitalized(t.text(text)) || is_article_name(t.text(text)))
            {
                end = k + 1;
            } else if is_article_name(w) || is_roman_numeral(w) || is_generation(w) {
                end += 1;
            } else if is_initial(tokens[end - 1].text(text))
                && next.kind == TokenKind::Word
                && is_capitalized(w)
                && (!sel.claimed[end]
                    || sel
                        .found
                        .get(i + 1)
                        .is_some_and(|g| g.tokens == (end..end + 1) && part_of_a_name(g)))
            {
                // "Robert F." + "Kennedy": no name ends in an initial
                end += 1;
            } else {
                break;
            }
        }
        // "Von der" + "Leyen": particles before a surname belong to it
        let mut start = sel.found[i].tokens.start;
        while start > 0
            && !sel.claimed[start - 1]
            && tokens[start].breaks_before == 0
            && is_particle(tokens[start - 1].text(text))
        {
            start -= 1;
        }
        // "Ursula" + "von der Leyen": and a given name before the particles, even one the
        // tagger took for a place or an organization
        if start < sel.found[i].tokens.start
            && start > 0
            && tokens[start].breaks_before == 0
            && words.capitalized[start - 1]
            && tokens[start - 1].kind == TokenKind::Word
            && words.classes(start - 1).contains(WordClass::GIVEN_NAME)
        {
            let before = i
                .checked_sub(1)
                .filter(|&b| sel.found[b].tokens == (start - 1..start) && !swallowed[b]);
            if !sel.claimed[start - 1] {
                start -= 1;
            } else if let Some(b) = before.filter(|&b| part_of_a_name(&sel.found[b])) {
                swallowed[b] = true;
                start -= 1;
            }
        }
        // "Defense Minister" + "Israel" + "Katz": a country or place named by one word between
        // an office and a person's name is the person's given name
        if start == sel.found[i].tokens.start
            && start > 0
            && after_office[start - 1]
            && tokens[start].breaks_before == 0
            && let Some(b) = i.checked_sub(1).filter(|&b| {
                let g = &sel.found[b];
                g.tokens == (start - 1..start)
                    && !swallowed[b]
                    && g.form == MentionForm::Name
                    && matches!(g.what, What::Country { .. } | What::Place { .. })
                    && words.capitalized[start - 1]
            })
        {
            swallowed[b] = true;
            start -= 1;
        }
        if start < sel.found[i].tokens.start {
            let f = &mut sel.found[i];
            for k in start..f.tokens.start {
                sel.claimed[k] = true;
            }
            f.tokens.start = start;
            f.start = tokens[start].start;
        }
        if end > sel.found[i].tokens.end {
            // drop what the longer name swallows; stop short of anything only partly inside
            let mut j = i + 1;
            while j < sel.found.len() && sel.found[j].tokens.start < end {
                if sel.found[j].tokens.end <= end {
                    swallowed[j] = true;
                } else {
                    end = sel.found[j].tokens.start;
                }
                j += 1;
            }
            let f = &mut sel.found[i];
            for k in f.tokens.end..end {
                sel.claimed[k] = true;
            }
            f.tokens.end = end;
            f.end = tokens[end - 1].end;
        }
        i += 1;
    }
    if !swallowed.contains(&true) {
        return;
    }
    let mut keep = swallowed.iter().map(|s| !s);
    sel.found.retain(|_| keep.next().unwrap_or(true));
}

/// "Nvidia" + "Corp.", "Siemens" + "AG", "Honda" + "Motor Co.": a company suffix after an
/// organization's name, alone or after a few capitalised words no name took, is part of it.
fn complete_organizations(words: &Words, sel: &mut Selection) {
    let tokens = words.tokens;
    for f in sel.found.iter_mut() {
        if !matches!(f.what, What::Organization { .. }) {
            continue;
        }
        // "National Center" + "for Hydro-Meteorological Forecasting": a head word's remit,
        // hyphenated words and all
        let e = f.tokens.end;
        if e + 1 < tokens.len()
            && words.classes(e - 1).contains(WordClass::ORG_HEAD)
            && matches!(words.text(e), "for" | "of")
            && tokens[e].breaks_before == 0
        {
            let mut end = e;
            let mut k = e + 1;
            while k < tokens.len() && k - e <= 6 && !sel.claimed[k] && tokens[k].breaks_before == 0
            {
                let joined = k > e + 1
                    && words.text(k) == "-"
                    && tokens[k].start == tokens[k - 1].end
                    && k + 1 < tokens.len()
                    && tokens[k + 1].start == tokens[k].end;
                if words.capitalized[k]
                    && tokens[k].kind == TokenKind::Word
                    && !words
                        .classes(k)
                        .intersects(WordClass::WEEKDAY | WordClass::MONTH)
                {
                    end = k + 1;
                } else if !joined {
                    break;
                }
                k += 1;
            }
            if end > e {
                for k in e..end {
                    sel.claimed[k] = true;
                }
                f.tokens.end = end;
                f.end = tokens[end - 1].end;
            }
        }
        let mut end = f.tokens.end;
        let mut k = end;
        while k < tokens.len()
            && k - f.tokens.end < COMPANY_WORDS
            && !sel.claimed[k]
            && tokens[k].breaks_before == 0
        {
            // ("plc" is a suffix in lower case)
            if words.classes(k).contains(WordClass::ORG_SUFFIX) {
                end = k + 1;
            } else if !(words.capitalized[k] || words.text(k) == "&") {
                break;
            }
            k += 1;
        }
        if end > f.tokens.end {
            for k in f.tokens.end..end {
                sel.claimed[k] = true;
            }
            f.tokens.end = end;
            f.end = tokens[end - 1].end;
        }
        // "Office of" + "Civil Defense": a head word and "of" left out before the name
        let s = f.tokens.start;
        if s >= 2
            && words.text(s - 1) == "of"
            && !sel.claimed[s - 2]
            && words.capitalized[s - 2]
            && matches!(
                words.text(s - 2),
                "Office" | "Department" | "Ministry" | "Bureau" | "Directorate" | "Secretariat"
            )
        {
            sel.claimed[s - 2] = true;
            sel.claimed[s - 1] = true;
            f.tokens.start = s - 2;
            f.start = tokens[s - 2].start;
        }
    }
}

/// The most words [`complete_organizations`] adds, the suffixes with them ("Motor Co. Ltd").
const COMPANY_WORDS: usize = 3;

/// A person's surname or full name met again elsewhere in the document is that person
/// again ("Blinken" after "Antony Blinken", "Von der Leyen" after "Ursula von der Leyen"),
/// wherever the tagger missed it. Sentence-initial words count only when they are not
/// common capitalised words; words that name a country or city never do.
fn repeated_names(words: &Words, sel: &mut Selection, buffers: &mut NameBuffers) {
    let tokens = words.tokens;
    let NameBuffers {
        lower,
        spans,
        candidates,
        by_first,
    } = buffers;
    lower.clear();
    spans.clear();
    candidates.clear();
    by_first.clear();
    for f in &sel.found {
        if f.what != What::Person || f.tokens.len() < 2 {
            continue;
        }
        let (first, last) = (f.tokens.start, f.tokens.end - 1);
        let from = f
            .tokens
            .clone()
            .position(|k| is_particle(words.text(k)))
            .filter(|&p| p > 0)
            .map_or(last, |p| first + p);
        let c = words.classes(last);
        let place_word = c.contains(WordClass::COUNTRY) || c.contains(WordClass::CITY);
        // (a word of more than eight bytes has more than two characters)
        let w = words.text(last);
        if w.len() <= 2 || (w.len() <= 8 && w.chars().count() <= 2) || place_word {
            continue;
        }
        let at = spans.len();
        for k in from..=last {
            let start = lower.len();
            push_lowercase(words.text(k), lower);
            spans.push(start..lower.len());
        }
        candidates.push(at..spans.len());
    }
    if candidates.is_empty() {
        return;
    }
    let (lower, spans, candidates) = (&*lower, &*spans, &*candidates);
    let word = |k: usize| &lower[spans[k].clone()];
    let first_word = |n: usize| word(candidates[n].start);
    // surnames by their first word (by its `lower_key`, then by its words, then in the order
    // met), so each token is checked against its own candidates only; a surname met before is
    // not checked twice
    by_first.extend((0..candidates.len()).map(|n| (lower_key(first_word(n)), n)));
    by_first.sort_unstable_by(|a, b| {
        (a.0.cmp(&b.0))
            .then_with(|| first_word(a.1).cmp(first_word(b.1)))
            .then(a.1.cmp(&b.1))
    });
    let (mut kept, mut group) = (0, 0);
    for k in 0..by_first.len() {
        let n = by_first[k];
        if kept > 0 && first_word(by_first[kept - 1].1) != first_word(n.1) {
            group = kept;
        }
        let same = |m: usize| same_words(lower, spans, &candidates[m], &candidates[n.1]);
        if !by_first[group..kept].iter().any(|&(_, m)| same(m)) {
            by_first[kept] = n;
            kept += 1;
        }
    }
    by_first.truncate(kept);
    // bit `n` (63 for longer): some surname's first word is `n` bytes long; bit `b`: one
    // starts with the ASCII byte `b`. An ASCII word of another length or first letter (its
    // lower case keeps both) needs no lower-casing and lookup.
    let (mut lengths, mut initials) = (0u64, 0u128);
    for &(_, n) in by_first.iter() {
        let first = first_word(n);
        lengths |= 1 << first.len().min(63);
        if let Some(&b) = first.as_bytes().first().filter(|b| b.is_ascii()) {
            initials |= 1 << b;
        }
    }
    let (mut lw, mut other) = (String::new(), String::new());
    // a name met again is capitalised: other words need no lower-casing and lookup, and
    // neither do words already taken (the names in full among them)
    for &i in words.capitals {
        if sel.claimed[i] {
            continue;
        }
        let w = words.text(i);
        let initial = w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        if (lengths & 1 << w.len().min(63) == 0 || initials & 1 << (initial & 0x7f) == 0)
            && w.is_ascii()
        {
            continue;
        }
        let w = comparable(w, &mut lw);
        let key = lower_key(w);
        let from = by_first.partition_point(|&(k, n)| {
            k.cmp(&key)
                .then_with(|| cmp_lowercase(first_word(n), w))
                .is_lt()
        });
        for &(_, c) in by_first[from..]
            .iter()
            .take_while(|&&(k, n)| k == key && cmp_lowercase(first_word(n), w).is_eq())
        {
            let surname = &candidates[c];
            let n = surname.len();
            if i + n > tokens.len() || (i..i + n).any(|k| sel.claimed[k]) {
                continue;
            }
            let same = (0..n).all(|k| {
                let w = comparable(words.text(i + k), &mut other);
                cmp_lowercase(word(surname.start + k), w).is_eq()
            });
            if !same {
                continue;
            }
            if n == 1
                && is_sentence_start(tokens, i)
                && words.classes(i).contains(WordClass::NOT_A_NAME)
            {
                continue;
            }
            sel.take(
                i..i + n,
                tokens[i].start,
                tokens[i + n - 1].end,
                What::Person,
                MentionForm::Name,
            );
        }
    }
}

/// The buffers of [`repeated_names`].
#[derive(Default)]
struct NameBuffers {
    /// Every surname's words in lower case, one after another.
    lower: String,
    /// Each word's span of `lower`.
    spans: Vec<Range<usize>>,
    /// Each surname's run of `spans`, kept if its last word may be a surname.
    candidates: Vec<Range<usize>>,
    /// The surnames (indices of `candidates`) by their first word, each with the
    /// [`lower_key`] of that word.
    by_first: Vec<(u64, usize)>,
}

/// Whether two runs of `spans` (words of `lower`) are the same words.
fn same_words(lower: &str, spans: &[Range<usize>], a: &Range<usize>, b: &Range<usize>) -> bool {
    a.len() == b.len()
        && a.clone()
            .zip(b.clone())
            .all(|(x, y)| lower[spans[x].clone()] == lower[spans[y].clone()])
}

/// `word` lower-cased (as `str::to_lowercase` does) added to `buf`; ASCII words without
/// the detour through a new string.
pub(super) fn push_lowercase(word: &str, buf: &mut String) {
    if word.is_ascii() {
        let at = buf.len();
        buf.push_str(word);
        buf[at..].make_ascii_lowercase();
    } else {
        buf.push_str(&word.to_lowercase());
    }
}

/// `word` ready for [`cmp_lowercase`]: an ASCII word as it is, any other lower-cased into
/// `buf` (as `str::to_lowercase` does).
fn comparable<'w>(word: &'w str, buf: &'w mut String) -> &'w str {
    if word.is_ascii() {
        return word;
    }
    buf.clear();
    buf.push_str(&word.to_lowercase());
    buf
}

/// A number that is the same for words the same in lower case, for a word made by
/// [`comparable`] or one in lower case already: the first eight bytes in lower case, and the
/// length. Numbers are ordered at a fraction of the cost of words.
fn lower_key(word: &str) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = !LOW;
    let x = le_padded(word.as_bytes());
    // in each byte without its high bit: whether it is 'A' or more, whether more than 'Z'
    // (no byte carries into the next, each being 0x7f or less)
    let seven = x & LOW;
    let at_least_a = seven + 0x3f3f_3f3f_3f3f_3f3f;
    let beyond_z = seven + 0x2525_2525_2525_2525;
    let capitals = at_least_a & !beyond_z & !x & HIGH;
    (x | capitals >> 2) ^ (word.len() as u64).rotate_right(8)
}

/// Orders a lower-case word against the lower case of `word` (made by [`comparable`]),
/// as `str`s are ordered. Lower-casing ASCII bytes changes neither a lower-cased word nor
/// the other bytes, so an ASCII word is compared without a copy.
fn cmp_lowercase(lower: &str, word: &str) -> std::cmp::Ordering {
    lower
        .bytes()
        .cmp(word.bytes().map(|b| b.to_ascii_lowercase()))
}

/// The last words of the names over `names` (token ranges), into `out` as byte spans of
/// `text` sorted by [`word_key`]: the surnames of people named in full, for [`has_word`].
/// (A document names few people: a list sorted by numbers costs less than a set.)
fn last_words<'r>(
    text: &str,
    tokens: &[Token],
    names: impl Iterator<Item = &'r Range<usize>>,
    out: &mut Vec<(u64, usize, usize)>,
) {
    out.clear();
    out.extend(names.map(|r| {
        // "Leo XIV", "Ferdinand Marcos Jr.": the name is the word before the generation
        let mut last = r.end - 1;
        if last > r.start && {
            let w = tokens[last].text(text);
            is_roman_numeral(w) || is_generation(w)
        } {
            last -= 1;
        }
        let t = &tokens[last];
        (word_key(t.text(text)), t.start, t.end)
    }));
    // (by place too, for a word's spans after a point: see `people_named_again`)
    out.sort_unstable_by_key(|w| (w.0, w.1));
}

/// A number that is the same for the same words: a word's first eight bytes and its length.
fn word_key(word: &str) -> u64 {
    let b = word.as_bytes();
    le_padded(b) ^ (b.len() as u64).rotate_right(8)
}

/// Whether `word` is one of the words of `text` made into `words` by [`last_words`].
fn has_word(text: &str, words: &[(u64, usize, usize)], word: &str) -> bool {
    if words.is_empty() {
        return false;
    }
    spans_of_word(text, words, word).next().is_some()
}

/// The spans of `words` (made by [`last_words`]) that are `word`.
fn spans_of_word<'w>(
    text: &'w str,
    words: &'w [(u64, usize, usize)],
    word: &'w str,
) -> impl Iterator<Item = &'w (u64, usize, usize)> {
    let key = word_key(word);
    let from = words.partition_point(|w| w.0 < key);
    words[from..]
        .iter()
        .take_while(move |w| w.0 == key)
        .filter(move |w| &text[w.1..w.2] == word)
}

/// One document, one reading: a single word the tagger typed as a place or organization
/// is the person when a person named in full in the same document has it as surname.
fn surnames_are_people(
    text: &str,
    tokens: &[Token],
    found: &mut [Found],
    surnames: &mut Vec<(u64, usize, usize)>,
) {
    // (an office word alone, before no name: "King said" where Billie Jean King is named)
    let lone_office = |f: &Found| {
        matches!(f.what, What::Office { .. })
            && text[f.start..].starts_with(|c: char| c.is_uppercase())
            && tokens.get(f.tokens.end).is_none_or(|t| {
                t.breaks_before > 0 || !t.text(text).starts_with(|c: char| c.is_uppercase())
            })
    };
    let unnamed_word = |f: &Found| {
        (matches!(
            f.what,
            What::Place { name: None, .. } | What::Organization { name: None }
        ) || lone_office(f))
            && f.tokens.len() == 1
            && f.form == MentionForm::Name
    };
    // most documents have no such word: then no surnames are gathered
    let Some(first) = found.iter().position(unnamed_word) else {
        return;
    };
    last_words(
        text,
        tokens,
        found
            .iter()
            .filter(|f| f.what == What::Person && f.tokens.len() >= 2)
            .map(|f| &f.tokens),
        surnames,
    );
    if surnames.is_empty() {
        return;
    }
    for f in found[first..].iter_mut() {
        if unnamed_word(f) && has_word(text, surnames, &text[f.start..f.end]) {
            f.what = What::Person;
        }
    }
}

/// One document, one reading: two capitalised words the tagger typed as an organization or
/// a place, which no list knows, are a person's name when a later mention of the person
/// alone is their last word ("Eberechi Eze scored ... Eze doubled it").
fn people_named_again(
    text: &str,
    tokens: &[Token],
    found: &mut [Found],
    later: &mut Vec<(u64, usize, usize)>,
) {
    let name_word = |i: usize| {
        let w = tokens[i].text(text);
        is_capitalized(w) && w.chars().all(char::is_alphabetic) && w.chars().any(char::is_lowercase)
    };
    let unknown_pair = |f: &Found| {
        matches!(
            f.what,
            What::Place { name: None, .. } | What::Organization { name: None }
        ) && f.tokens.len() == 2
            && f.form == MentionForm::Name
            && f.tokens.clone().all(name_word)
            // ("Mount Kinabalu" is the mountain, whatever "Kinabalu" was read as)
            && !is_place_head(tokens[f.tokens.start].text(text))
    };
    // most documents have no such pair: then no names are gathered
    let Some(first) = found.iter().position(unknown_pair) else {
        return;
    };
    let from = found[first].start;
    last_words(
        text,
        tokens,
        found
            .iter()
            .filter(|f| f.what == What::Person && f.tokens.len() == 1 && f.start > from)
            .map(|f| &f.tokens),
        later,
    );
    if later.is_empty() {
        return;
    }
    for f in found[first..].iter_mut() {
        if unknown_pair(f) {
            let last = &tokens[f.tokens.end - 1];
            // (the spans after this one: a word said a million times is not walked)
            let word = last.text(text);
            let key = word_key(word);
            let after = later.partition_point(|w| (w.0, w.1) <= (key, last.end));
            if spans_of_word(text, &later[after..], word).next().is_some() {
                f.what = What::Person;
            }
        }
    }
}

/// Words for sites named after a saint ("St Peter's Square").
const SAINTS_SITES: &[&str] = &[
    "Abbey",
    "Basilica",
    "Bay",
    "Bridge",
    "Cathedral",
    "Chapel",
    "Church",
    "Gate",
    "Green",
    "Hall",
    "Hill",
    "Island",
    "Park",
    "Place",
    "Road",
    "Square",
    "Stadium",
    "Street",
];

/// "St Peter's Square", "St James' Park", "St Thomas' Hospital": a saint's name with its
/// possessive and the word for a site or a body after it are one name ("St Gallen's
/// Brazilian striker" is no such name). `found` is in text order.
fn saints_possessions(words: &Words, found: &mut Vec<Found>) {
    let tokens = words.tokens;
    let mut k = 0;
    while k < found.len() {
        let f = &found[k];
        let (a, b) = (f.tokens.start, f.tokens.end);
        let saint = f.tokens.len() >= 2
            && matches!(words.text(a), "St" | "St." | "Saint" | "Ste" | "Ste.")
            && b + 1 < tokens.len()
            && matches!(words.text(b), "'s" | "'" | "\u{2019}s" | "\u{2019}")
            && tokens[b].start == tokens[b - 1].end
            && words.capitalized[b + 1]
            && tokens[b + 1].breaks_before == 0;
        if !saint {
            k += 1;
            continue;
        }
        // the word after may have been read as a name of its own ("Square" as a person)
        let next = found
            .get(k + 1)
            .filter(|g| g.tokens.start <= b + 1)
            .map(|g| g.tokens.clone());
        if next
            .as_ref()
            .is_some_and(|r| r.start != b + 1 || r.len() > 1)
        {
            k += 1;
            continue;
        }
        let body = words.classes(b + 1).contains(WordClass::ORG_HEAD);
        if !body && !SAINTS_SITES.contains(&words.text(b + 1)) {
            k += 1;
            continue;
        }
        let what = if body {
            What::Organization { name: None }
        } else {
            What::Place {
                name: None,
                kind: None,
            }
        };
        let f = &mut found[k];
        f.tokens.end = b + 2;
        f.end = tokens[b + 1].end;
        f.what = what;
        f.form = MentionForm::Name;
        if next.is_some() {
            found.remove(k + 1);
        }
        k += 1;
    }
}

/// The most mentions of a many-word name [`names_met_whole`] compares the document's others
/// with: a document naming thousands keeps its readings as they are.
const WHOLE_NAMES: usize = 16;

/// One document, one reading of a name: a body or place named in words joined by a particle
/// ("Cartel de los Soles") which the tagger cut into pieces where it is named again
/// ("Cartel" and a person "Soles") is that body or place there too. `found` is in text order.
fn names_met_whole(words: &Words, found: &mut Vec<Found>) {
    let tokens = words.tokens;
    let whole = |f: &Found| {
        matches!(f.what, What::Organization { .. } | What::Place { .. })
            && f.form == MentionForm::Name
            && f.tokens.len() >= 2
            && words.capitalized[f.tokens.start]
            && words.capitalized[f.tokens.end - 1]
            // (a name's particle inside is where the tagger cuts: "de los"; it keeps English
            // names with "of" whole)
            && (f.tokens.start + 1..f.tokens.end - 1)
                .any(|k| !words.capitalized[k] && is_particle(words.text(k)))
    };
    // (most documents have none)
    if !found.iter().any(whole) {
        return;
    }
    let names: Vec<(Range<usize>, What)> = found
        .iter()
        .filter(|f| whole(f))
        .take(WHOLE_NAMES)
        .map(|f| (f.tokens.clone(), f.what.clone()))
        .collect();
    let same_at = |name: &Range<usize>, s: usize| {
        s + name.len() <= tokens.len()
            && name.clone().zip(s..).all(|(i, j)| {
                words.text(i) == words.text(j) && (i == name.start || tokens[j].breaks_before == 0)
            })
    };
    let mut k = 0;
    while k < found.len() {
        let piece = found[k].tokens.clone();
        let at = names.iter().find_map(|(name, what)| {
            let first = piece.end.saturating_sub(name.len());
            (first..=piece.start)
                .map(|s| s..s + name.len())
                .find(|r| *r != piece && r.end >= piece.end && same_at(name, r.start))
                .map(|r| (r, what))
        });
        let Some((r, what)) = at else {
            k += 1;
            continue;
        };
        // the pieces are all the mentions there, and none reaches out of it
        let (mut a, mut b) = (k, k + 1);
        while a > 0 && found[a - 1].tokens.end > r.start {
            a -= 1;
        }
        while b < found.len() && found[b].tokens.start < r.end {
            b += 1;
        }
        if found[a..b]
            .iter()
            .any(|f| f.tokens.start < r.start || f.tokens.end > r.end)
        {
            k += 1;
            continue;
        }
        found[a] = Found {
            start: tokens[r.start].start,
            end: tokens[r.end - 1].end,
            tokens: r,
            what: what.clone(),
            form: MentionForm::Name,
        };
        found.drain(a + 1..b);
        k = a + 1;
    }
}

/// One document, one reading: a name read as a person's (a headline's "Nippon Steel
/// completes purchase") that the document also writes with a company's legal form ("Nippon
/// Steel Corp said") is the company's.
fn companies_named_in_full(words: &Words, sel: &mut Selection) {
    let legal = |k: usize| words.classes(k).contains(WordClass::ORG_SUFFIX);
    let org = |f: &Found| matches!(f.what, What::Organization { .. });
    let same = |a: &Range<usize>, b: &Range<usize>| {
        a.len() == b.len()
            && a.clone()
                .zip(b.clone())
                .all(|(i, j)| words.text(i) == words.text(j))
    };
    // the names before the legal forms, each once, by their first word
    let mut short: Vec<(u64, Range<usize>)> = Vec::new();
    for f in &sel.found {
        if org(f) && f.tokens.len() >= 2 && legal(f.tokens.end - 1) {
            let r = f.tokens.start..f.tokens.end - 1;
            short.push((word_key(words.text(r.start)), r));
        }
    }
    if short.is_empty() {
        return;
    }
    short.sort_unstable_by_key(|(k, r)| (*k, r.len(), r.start));
    short.dedup_by(|b, a| a.0 == b.0 && same(&a.1, &b.1));
    for f in &mut sel.found {
        if f.what != What::Person {
            continue;
        }
        let key = word_key(words.text(f.tokens.start));
        let from = short.partition_point(|(k, _)| *k < key);
        if short[from..]
            .iter()
            .take_while(|(k, _)| *k == key)
            .any(|(_, r)| same(r, &f.tokens))
        {
            f.what = What::Organization { name: None };
        }
    }
}

/// A name the lexicon knows as a place and as a company ("Amazon") is the company when the
/// text treats it as one: listed with organizations ("Microsoft, Amazon and Google") or
/// traded ("shares of Amazon"). `found` is in text order.
fn companies_named_like_places(
    words: &Words,
    (matches, index): (&[Match], &WholeMatches),
    found: &mut [Found],
) {
    let org = |f: &Found| matches!(f.what, What::Organization { .. });
    for k in 0..found.len() {
        let f = &found[k];
        if !matches!(f.what, What::Place { .. }) {
            continue;
        }
        let Some(m) = index
            .get(f.tokens.start)
            .and_then(|&i| matches.get(i as usize))
            .filter(|m| m.tokens == f.tokens)
        else {
            continue;
        };
        let Some(name) = org_name(m) else {
            continue;
        };
        let joiner = |i: usize| matches!(words.text(i), "," | "and" | "or");
        let (a, b) = (f.tokens.start, f.tokens.end);
        let listed_before = k > 0
            && a > 0
            && joiner(a - 1)
            && found[k - 1].tokens.end == a - 1
            && org(&found[k - 1]);
        let listed_after = found.get(k + 1).is_some_and(|g| {
            b < words.tokens.len() && joiner(b) && g.tokens.start == b + 1 && org(g)
        });
        let traded = a >= 2
            && matches!(words.text(a - 1), "of" | "in")
            && words.text(a - 2).eq_ignore_ascii_case("shares");
        if listed_before || listed_after || traded {
            found[k].what = What::Organization { name: Some(name) };
        }
    }
}

/// Plural words for places, before "of" and a list of them: "the provinces of North Sumatra
/// and Aceh", "the towns of Sibolga and Central Tapanuli".
const PLACES_OF: &[&str] = &[
    "cities",
    "districts",
    "islands",
    "municipalities",
    "provinces",
    "regions",
    "states",
    "towns",
    "villages",
];

/// A name read as an organization or a person, listed with places after a preposition of place ("in
/// North Sumatra, West Sumatra and Aceh") or a plural word for places and "of" ("the towns of
/// Sibolga and Central Tapanuli"), is a place: one the lexicon knows as a place (a province
/// shares its name with the clubs named after it), or any after such a word for places.
/// `found` is in text order.
fn places_listed_with_places(
    words: &Words,
    (matches, index): (&[Match], &WholeMatches),
    found: &mut [Found],
) {
    let tokens = words.tokens;
    let joiner = |i: usize| matches!(words.text(i), "," | "and" | "or");
    let place = |f: &Found| matches!(f.what, What::Place { .. });
    // whether mentions `a` and `b` (b after a) are neighbours in a list
    let listed = |a: &Found, b: &Found| {
        let gap = b.tokens.start - a.tokens.end.min(b.tokens.start);
        (gap == 1 && joiner(a.tokens.end))
            || (gap == 2
                && words.text(a.tokens.end) == ","
                && words.text(a.tokens.end + 1) == "and")
    };
    for k in 0..found.len() {
        let f = &found[k];
        if !matches!(f.what, What::Organization { .. } | What::Person)
            || f.form != MentionForm::Name
        {
            continue;
        }
        let before = k > 0 && place(&found[k - 1]) && listed(&found[k - 1], f);
        let after = k + 1 < found.len() && place(&found[k + 1]) && listed(f, &found[k + 1]);
        if !before && !after {
            continue;
        }
        // the list's first name, and the words before it: a preposition of place or a
        // plural word for places and "of"
        let mut first = k;
        while first > 0 && listed(&found[first - 1], &found[first]) {
            first -= 1;
        }
        let s = found[first].tokens.start;
        let kinds_named = s >= 2
            && words.text(s - 1) == "of"
            && PLACES_OF.contains(&words.text(s - 2))
            && tokens[s - 1].breaks_before == 0;
        let placed = s >= 1 && LOCATIVE.contains(&words.text(s - 1));
        if !kinds_named && !placed {
            continue;
        }
        let known = index
            .get(f.tokens.start)
            .and_then(|&i| matches.get(i as usize))
            .filter(|m| m.tokens == f.tokens)
            .and_then(|m| {
                m.entries.iter().find_map(|e| match *e {
                    Entry::Place { name, kind, .. } => Some(What::Place {
                        name: Some(name),
                        kind: Some(kind),
                    }),
                    _ => None,
                })
            });
        // (after a preposition, a city may be the club named after it: "at Headingley,
        // Leeds")
        let city = |w: &What| {
            matches!(
                w,
                What::Place {
                    kind: Some("city" | "capital"),
                    ..
                }
            )
        };
        let what = known.filter(|w| kinds_named || !city(w)).or_else(|| {
            kinds_named.then_some(What::Place {
                name: None,
                kind: None,
            })
        });
        if let Some(what) = what {
            found[k].what = what;
        }
    }
}

/// "U.S." + "State Department" -> one organization "U.S. State Department": a country named
/// right before an organization is part of its name.
fn extend_organizations(tokens: &[Token], found: &mut Vec<Found>) {
    join_into_organizations(found, |a, b| {
        let adjacent = a.tokens.end == b.tokens.start
            && tokens[b.tokens.start].breaks_before == 0
            && a.end <= b.start;
        let country_modifier = matches!(a.what, What::Country { .. })
            && matches!(
                a.form,
                MentionForm::Name | MentionForm::Abbreviation | MentionForm::Demonym
            );
        adjacent && country_modifier && matches!(b.what, What::Organization { .. })
    });
}

/// "Kenya National Commission" + "on" + "Human Rights": a body named by its head word and
/// its remit, which the tagger cut at the preposition, is one organization.
fn organizations_on_topics(words: &Words, found: &mut Vec<Found>) {
    let tokens = words.tokens;
    join_into_organizations(found, |a, b| {
        let on = a.tokens.end;
        matches!(a.what, What::Organization { .. })
            && matches!(b.what, What::Organization { .. })
            && b.tokens.start == on + 1
            && matches!(words.text(on), "on" | "for")
            && tokens[on].breaks_before == 0
            && tokens[b.tokens.start].breaks_before == 0
            && words.classes(on - 1).contains(WordClass::ORG_HEAD)
    });
}

/// Joins each mention to the one kept before it where `joins(before, it)` holds, as one
/// organization spanning both, keeping the others in order.
fn join_into_organizations(found: &mut Vec<Found>, mut joins: impl FnMut(&Found, &Found) -> bool) {
    // the mentions kept are moved down over those merged into the one before them
    let mut kept: usize = 0;
    for n in 0..found.len() {
        if kept > 0 && joins(&found[kept - 1], &found[n]) {
            let (a, b) = (&found[kept - 1], &found[n]);
            found[kept - 1] = Found {
                start: a.start,
                end: b.end,
                tokens: a.tokens.start..b.tokens.end,
                what: What::Organization { name: None },
                form: MentionForm::Name,
            };
            continue;
        }
        if kept < n {
            found.swap(kept, n);
        }
        kept += 1;
    }
    found.truncate(kept);
}

/// "McDonald" + "'s" + "Corp" -> one organization "McDonald's Corp": a one-word name with a
/// possessive, right before a name that begins with a legal form or head word ("Corp",
/// "Bank") or ends in a legal form ("Bancshares Inc"), is the first word of a company's name.
/// A country, place or known organization before "'s" owns what follows ("Japan's Toshiba
/// Corp", "Sony's Columbia Pictures Inc").
fn possessive_organizations(words: &Words, found: &mut Vec<Found>) {
    let (text, tokens) = (words.text, words.tokens);
    // whether token `i` has a possessive "'s" right after it
    let possessive = |i: usize| {
        tokens
            .get(i + 1)
            .is_some_and(|t| t.start == tokens[i].end && is_possessive(t.text(text)))
    };
    // a one-word name, its possessive and the next name: most documents have none
    let pair = |a: &Found, b: &Found| {
        a.tokens.len() == 1 && b.tokens.start == a.tokens.end + 1 && possessive(a.tokens.start)
    };
    if found.windows(2).any(|w| pair(&w[0], &w[1])) {
        join_possessives(words, found, pair);
    }
    // and the name's first word with its "'s" elsewhere is the company: "McDonald's shares"
    let mut firsts: Vec<&str> = found
        .iter()
        .filter(|f| {
            f.tokens.len() > 2
                && matches!(f.what, What::Organization { name: None })
                && possessive(f.tokens.start)
        })
        .map(|f| tokens[f.tokens.start].text(text))
        .collect();
    if firsts.is_empty() {
        return;
    }
    // (each word once, searched in order: a long document may name one company many times)
    firsts.sort_unstable();
    firsts.dedup();
    for f in found.iter_mut() {
        let i = f.tokens.start;
        if f.tokens.len() == 1
            && matches!(f.what, What::Person | What::Organization { name: None })
            && possessive(i)
            && firsts.binary_search(&tokens[i].text(text)).is_ok()
        {
            f.tokens.end += 1;
            f.end = tokens[i + 1].end;
            f.what = What::Organization { name: None };
        }
    }
}

/// The joining of [`possessive_organizations`], of mentions `a`, `b` for which `pair` holds.
fn join_possessives(words: &Words, found: &mut Vec<Found>, pair: impl Fn(&Found, &Found) -> bool) {
    let (text, tokens) = (words.text, words.tokens);
    // (someone named in full owns what follows their surname: "Iliescu's Party of ...";
    // gathered once, in order)
    let mut surnames: Vec<&str> = found
        .iter()
        .filter(|f| f.what == What::Person && f.tokens.len() > 1)
        .map(|f| tokens[f.tokens.end - 1].text(text))
        .collect();
    surnames.sort_unstable();
    surnames.dedup();
    let surname = |word: &str| surnames.binary_search(&word).is_ok();
    join_into_organizations(found, |a, b| {
        pair(a, b)
            && matches!(a.what, What::Person | What::Organization { name: None })
            && matches!(b.what, What::Person | What::Organization { .. })
            && tokens[b.tokens.start].breaks_before == 0
            && !words.classes(a.tokens.start).intersects(
                WordClass::COUNTRY
                    | WordClass::DEMONYM
                    | WordClass::CITY
                    | WordClass::REGION
                    | WordClass::ORGANIZATION,
            )
            && (words
                .classes(b.tokens.start)
                .intersects(WordClass::ORG_SUFFIX | WordClass::ORG_HEAD)
                || words
                    .classes(b.tokens.end - 1)
                    .contains(WordClass::ORG_SUFFIX))
            && !surname(tokens[a.tokens.start].text(text))
    });
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::tokenize::tokenize;

    #[test]
    fn searched_lists_are_sorted() {
        for list in [
            LOCATIVE,
            LEAVING,
            COMMON_ACRONYMS,
            RELIGIOUS_GROUPS,
            PERSON_NOUNS,
        ] {
            assert!(list.is_sorted(), "{list:?}");
        }
    }

    #[test]
    fn no_particle_is_longer_than_particle_len() {
        assert_eq!(PARTICLES.iter().map(|p| p.len()).max(), Some(PARTICLE_LEN));
    }

    #[test]
    fn particles_are_told_as_one_of_tells() {
        let mut words: Vec<String> = PARTICLES.iter().map(|p| p.to_string()).collect();
        words.extend(PARTICLES.iter().map(|p| p.to_uppercase()));
        words.extend(PARTICLES.iter().map(|p| {
            let mut c = p.chars();
            c.next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(c)
                .collect()
        }));
        words.extend(PARTICLES.iter().map(|p| format!("{p}s")));
        words.extend(PARTICLES.iter().map(|p| p[1..].to_string()));
        let others = [
            "", "a", "A", "Al-", "b\u{e9}n", "B\u{c9}N", "@l", "`l", "AL", "aL", "dA", "D@", "vAN",
            "Von", "vonn", "dell", "della", "DELLA", "\u{e4}l", "ibn", "Ibn", "bint", "bin ",
        ];
        words.extend(others.iter().map(|w| w.to_string()));
        for w in &words {
            let plain = w.len() <= PARTICLE_LEN && one_of(w, PARTICLES);
            assert_eq!(is_particle(w), plain, "{w:?}");
        }
        assert!(PARTICLE_KEYS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn letters_are_equal_as_one_of_tells() {
        let lists = [
            "it", "them", "as", "calls", "call", "called", "name", "names", "named", "known",
            "locally", "which", "what",
        ];
        let words = [
            "it", "IT", "It", "iT", "them", "Them", "as", "AS", "calls", "Call", "CALLED", "names",
            "Named", "known", "Locally", "LOCALLY", "which", "What", "i", "its", "ait", "I@", "i`",
            "i{", "I[", "a\u{e9}", "", "locallyy", "wh1ch", "WHAT ", "thEm",
        ];
        for w in words {
            for l in lists {
                assert_eq!(letters(w) == letters_of(l), one_of(w, &[l]), "{w} {l}");
            }
        }
    }

    #[test]
    fn religious_groups_are_found_past_their_shapes() {
        assert!(RELIGIOUS_GROUPS.iter().all(|w| w.len() < 16));
        for w in
            RELIGIOUS_GROUPS
                .iter()
                .copied()
                .chain(["Christian", "Sikhism", "Muslimah", "", "Sun"])
        {
            assert_eq!(is_religious_group(w), RELIGIOUS_GROUPS.contains(&w), "{w}");
        }
    }

    #[test]
    fn place_heads_are_sorted_for_binary_search() {
        assert!(PLACE_HEADS.windows(2).all(|w| w[0] < w[1]));
        // and short enough for their shapes
        assert!(PLACE_HEADS.iter().all(|h| h.len() < 16));
        for w in PLACE_HEADS
            .iter()
            .copied()
            .chain(["Islander", "Sean", "Bays", "", "\u{c9}", "Mt"])
        {
            assert_eq!(is_place_head(w), PLACE_HEADS.contains(&w), "{w}");
        }
    }

    /// [`fold_capital_lines`] as first written, each word's letters looked at twice.
    fn fold_capital_lines_plain<'t>(text: &'t str, tokens: &[Token]) -> Cow<'t, str> {
        let mut folded: Option<String> = None;
        let mut line_start = 0;
        while line_start < tokens.len() {
            let line_end = tokens[line_start + 1..]
                .iter()
                .position(|t| t.breaks_before > 0)
                .map_or(tokens.len(), |n| line_start + 1 + n);
            let line = &tokens[line_start..line_end];
            // most lines open with a word that has a lower-case letter ("The"): such a line is
            // neither shouting nor a dateline
            let first = &line[0];
            if first.kind == TokenKind::Word
                && first.text(text).bytes().any(|b| b.is_ascii_lowercase())
            {
                line_start = line_end;
                continue;
            }
            // (an ASCII word's bytes say it as well as its characters, and sooner)
            let is_word = |t: &&Token| {
                t.kind == TokenKind::Word && {
                    let w = t.text(text);
                    if w.is_ascii() {
                        w.bytes().any(|b| b.is_ascii_alphabetic())
                    } else {
                        w.chars().any(char::is_alphabetic)
                    }
                }
            };
            let is_caps = |t: &Token| {
                let w = t.text(text);
                if w.is_ascii() {
                    !w.bytes().any(|b| b.is_ascii_lowercase())
                } else {
                    !w.chars().any(char::is_lowercase)
                }
            };
            let shouting = line.iter().filter(is_word).all(is_caps)
                && line.iter().filter(is_word).nth(1).is_some();
            // a dateline's place: "BERLIN, March 14", "NEW YORK 1996-08-30"
            let lead = tokens[line_start..line_end]
                .iter()
                .take_while(|t| t.kind == TokenKind::Word && is_caps(t) && t.end - t.start >= 3)
                .count();
            let after_lead = tokens
                .get(line_start + lead)
                .filter(|_| line_start + lead < line_end);
            let dateline = lead > 0
                && after_lead.is_none_or(|t| t.text(text) == "," || t.kind == TokenKind::Number);
            let to_fold = if shouting {
                line
            } else if dateline {
                &line[..lead]
            } else {
                &[]
            };
            if !to_fold.is_empty() {
                let buf = folded.get_or_insert_with(|| text.to_owned());
                for t in to_fold.iter().filter(|t| !shouting || is_word(t)) {
                    title_case(buf, t);
                }
            }
            line_start = line_end;
        }
        match folded {
            Some(folded) => Cow::Owned(folded),
            None => Cow::Borrowed(text),
        }
    }

    #[test]
    fn capital_lines_are_folded_as_first_written() {
        let texts = [
            "SOCCER - JAPAN GET U.S. WIN\nJapan won in NEW YORK.",
            "The JAPAN GET WIN\n- O'NEILL WINS TITLE\nBERLIN, March 14\nMs. NEW YORK",
            "1. LEICESTERSHIRE 22 9 2\n2. Essex 21 8 3\nLONDON 1996-08-30\nNY\n\"WE WON\"",
            "ÉLYSÉE SAID\nÉlysée said\nPARİS ÖLÜ\n- ÇA VA\n\u{2170}\u{2171} IS\n",
            "BERLIN\nBERLIN 3\nAB, CD\n12 13\n\n\nX-RAY GO\nA B\n'TIS SO",
            "",
        ];
        for text in texts {
            let tokens = tokenize(text);
            assert_eq!(
                fold_capital_lines(text, &tokens, &mut String::new()),
                fold_capital_lines_plain(text, &tokens),
                "{text}"
            );
        }
    }

    #[test]
    fn capital_lines_are_folded_in_place() {
        let text = "SOCCER - JAPAN GET U.S. WIN\nJapan won in NEW YORK.";
        let mut buf = String::new();
        let folded = fold_capital_lines(text, &tokenize(text), &mut buf);
        assert_eq!(
            folded,
            "Soccer - Japan Get U.S. Win\nJapan won in NEW YORK."
        );
        assert_eq!(folded.len(), text.len());
    }

    #[test]
    fn capital_lines_after_a_lower_case_opening_stay() {
        // the first word's lower case rules a line out at once; other openings are looked at
        let text = "The JAPAN GET WIN\n- O'NEILL WINS TITLE\nBERLIN, March 14\nMs. NEW YORK";
        let mut buf = String::new();
        let folded = fold_capital_lines(text, &tokenize(text), &mut buf);
        assert_eq!(
            folded,
            "The JAPAN GET WIN\n- O'neill Wins Title\nBerlin, March 14\nMs. NEW YORK"
        );
        let plain = "No capitals here.\nNor here.";
        // (the text itself, not a copy)
        assert!(std::ptr::eq(
            fold_capital_lines(plain, &tokenize(plain), &mut String::new()),
            plain
        ));
    }

    #[test]
    fn lower_keys_are_the_keys_of_the_words_in_lower_case() {
        let words = [
            "",
            "A",
            "Z",
            "@",
            "[",
            "`",
            "{",
            "Blinken",
            "BLINKEN",
            "blinken",
            "Kim",
            "KIM9",
            "O'Neill",
            "Ölund",
            "ölund",
            "Straße",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "az@[`{",
            "\u{212A}im",
        ];
        let mut buf = String::new();
        for w in words {
            let lower = w.to_lowercase();
            let key = lower_key(comparable(w, &mut buf));
            if w.is_ascii() {
                assert_eq!(key, lower_key(&lower), "{w}");
            }
            assert_eq!(lower_key(&lower), lower_key(&lower.to_lowercase()), "{w}");
            let b = lower.as_bytes();
            let mut want = [0u8; 8];
            let n = b.len().min(8);
            want[..n].copy_from_slice(&b[..n]);
            assert_eq!(
                lower_key(&lower),
                u64::from_le_bytes(want) ^ (lower.len() as u64).rotate_right(8),
                "{w}"
            );
        }
    }

    #[test]
    fn words_pushed_in_lower_case_are_as_to_lowercase_makes_them() {
        let mut buf = String::from("x");
        let mut want = String::from("x");
        for w in [
            "Blinken", "U.S.", "O'NEILL", "Ölund", "İnce", "STRASSE", "", "a1B2",
        ] {
            push_lowercase(w, &mut buf);
            want.push_str(&w.to_lowercase());
        }
        assert_eq!(buf, want);
    }

    #[test]
    fn lower_case_comparison_agrees_with_to_lowercase() {
        let words = [
            "Blinken",
            "blinken",
            "BLINKEN",
            "Blinke",
            "Blinkens",
            "Ölund",
            "ÖLUND",
            "öLund",
            "\u{212A}im",
            "Kim",
            "kim",
            "İnce",
            "ince",
            "Straße",
            "STRASSE",
            "O'Neill",
            "",
        ];
        let mut buf = String::new();
        for x in words {
            // (the left side is lower-cased already, as the surnames are kept)
            let lower = x.to_lowercase();
            for y in words {
                let want = lower.as_str().cmp(y.to_lowercase().as_str());
                assert_eq!(
                    cmp_lowercase(&lower, comparable(y, &mut buf)),
                    want,
                    "{x} {y}"
                );
            }
        }
        // an ASCII word is compared as it is
        let w = "Kishi";
        assert!(std::ptr::eq(comparable(w, &mut buf), w));
    }

    /// The mentions of `text` with no tagged spans: lexicon and rules alone.
    fn found(text: &str) -> Vec<Found> {
        find(
            text,
            &tokenize(text),
            Lexicon::builtin(),
            &[],
            KnownWords::default(),
        )
    }

    /// The mentions of `text` where the tagger read the tokens `spans` with their labels.
    fn found_tagged(text: &str, spans: &[(Label, Range<usize>)]) -> Vec<(String, What)> {
        let tagged: Vec<Tagged> = spans
            .iter()
            .map(|(label, tokens)| Tagged {
                tokens: tokens.clone(),
                label: *label,
                score: 1.0,
            })
            .collect();
        let tokens = tokenize(text);
        find(
            text,
            &tokens,
            Lexicon::builtin(),
            &tagged,
            KnownWords::default(),
        )
        .into_iter()
        .map(|f| (text[f.start..f.end].to_string(), f.what))
        .collect()
    }

    #[test]
    fn a_province_read_as_a_person_is_a_place_and_a_town_is_not() {
        let what = |text: &str, name: &str| {
            found_tagged(text, &[(Label::Per, 2..3)])
                .into_iter()
                .find(|(t, _)| t == name)
                .map(|(_, w)| w)
        };
        assert!(matches!(
            what("Widodo visits Aceh again.", "Aceh"),
            Some(What::Place { .. })
        ));
        assert!(matches!(
            what("Ruiz beat Becerril again.", "Becerril"),
            Some(What::Person)
        ));
    }

    #[test]
    fn a_company_in_apposition_makes_a_body_of_one_word() {
        let what = |text: &str, at: usize, name: &str| {
            found_tagged(text, &[(Label::Loc, at..at + 1)])
                .into_iter()
                .find(|(t, _)| t == name)
                .map(|(_, w)| w)
        };
        assert!(matches!(
            what(
                "Graft was found at Vorelko, the state power company.",
                4,
                "Vorelko"
            ),
            Some(What::Organization { .. })
        ));
        // "the company said" after a name says who said it
        assert!(!matches!(
            what("The fund sold Vorelko, the company said.", 3, "Vorelko"),
            Some(What::Organization { .. })
        ));
    }

    #[test]
    fn a_person_before_a_machine_names_its_model() {
        let got = found_tagged(
            "Germany will not send Taurus missiles to Kyiv.",
            &[(Label::Per, 4..5)],
        );
        assert!(!got.iter().any(|(t, _)| t == "Taurus"), "{got:?}");
        let got = found_tagged(
            "Farmers said Trump tariffs hurt them.",
            &[(Label::Per, 2..3)],
        );
        assert!(
            got.iter()
                .any(|(t, w)| t == "Trump" && matches!(w, What::Person)),
            "{got:?}"
        );
    }

    #[test]
    fn a_name_after_counterpart_is_a_person() {
        let text = "Ana Lima spoke with her Peruvian counterpart Sivarak Thonglamuan.";
        let got = found_tagged(text, &[(Label::Org, 7..9)]);
        assert!(
            got.iter()
                .any(|(t, w)| t == "Sivarak Thonglamuan" && matches!(w, What::Person)),
            "{got:?}"
        );
        // a body's counterpart keeps its body
        let text = "Ana Lima praised its Peruvian counterpart Sivarak Holdings.";
        let got = found_tagged(text, &[(Label::Org, 6..8)]);
        assert!(
            !got.iter().any(|(_, w)| matches!(w, What::Person)),
            "{got:?}"
        );
    }

    #[test]
    fn a_body_known_by_another_name_is_no_place_alias() {
        let text = "Shares rose in Taipei. The firm, known as Hon Hai Precision Industry, said so. \
                    A town known as Tawila Nord fell.";
        let got = found_tagged(text, &[(Label::Loc, 3..4)]);
        let place = |name: &str| {
            got.iter()
                .any(|(t, w)| t == name && matches!(w, What::Place { .. }))
        };
        assert!(place("Tawila Nord"), "{got:?}");
        assert!(!place("Hon Hai Precision Industry"), "{got:?}");
    }

    #[test]
    fn an_office_read_with_its_body_before_a_name_is_an_office() {
        let office = |text: &str, spans: &[(Label, Range<usize>)]| {
            found_tagged(text, spans)
                .iter()
                .any(|(t, w)| t == "Director" && matches!(w, What::Office { .. }))
        };
        let text = "NBI Director Jaime Santiago said the arrest was lawful.";
        assert!(office(text, &[(Label::Org, 0..2), (Label::Per, 2..4)]));
        // a body's name ending in the word, with nobody named after it, keeps it
        let text = "The Acme Director said the arrest was lawful.";
        assert!(!office(text, &[(Label::Org, 1..3)]));
    }

    #[test]
    fn a_known_body_read_as_a_name_of_another_kind_is_a_body_before_its_kind() {
        let body = |text: &str, k: usize| {
            found_tagged(text, &[(Label::Misc, k..k + 1)])
                .iter()
                .any(|(t, w)| t == "Euroclear" && matches!(w, What::Organization { .. }))
        };
        assert!(body(
            "Most assets sit at the Euroclear depository in Brussels.",
            5
        ));
        assert!(body("Most assets sit at Euroclear, in Brussels.", 4));
        // before a thing of its, it only says whose
        assert!(!body(
            "Most assets follow the Euroclear rules in Brussels.",
            4
        ));
    }

    #[test]
    fn a_name_ending_in_a_body_word_is_a_body() {
        for (text, span) in [
            (
                "The panels were made by Sofitec Aero, a supplier near Seville.",
                5..7,
            ),
            ("The jets were leased from Avolon Aviation last year.", 5..7),
        ] {
            let got = found_tagged(text, &[(Label::Per, span)]);
            assert!(
                got.iter()
                    .any(|(_, w)| matches!(w, What::Organization { .. })),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn the_people_of_a_place_are_no_place() {
        let places = |text: &str, span: Range<usize>| {
            found_tagged(text, &[(Label::Loc, span)])
                .into_iter()
                .filter(|(_, w)| matches!(w, What::Place { .. }))
                .count()
        };
        assert_eq!(places("The plan benefited New Yorkers, she said.", 3..5), 0);
        assert_eq!(places("The plan benefited Londoners, she said.", 3..4), 0);
        // a place whose name ends so, and a name no lexicon knows, stay places
        assert_eq!(places("The plan benefited Flanders, she said.", 3..4), 1);
        assert_eq!(places("The plan benefited Zorvers, she said.", 3..4), 1);
    }

    #[test]
    fn a_nickname_in_quotes_is_part_of_the_name() {
        let people = |text: &str, spans: &[(Label, Range<usize>)]| -> Vec<String> {
            found_tagged(text, spans)
                .into_iter()
                .filter(|(_, w)| matches!(w, What::Person))
                .map(|(t, _)| t)
                .collect()
        };
        // the tagger's three pieces are one person
        let text = "Former senator Ramon \"Bong\" Revilla Jr. surrendered on Friday.";
        let tagged = [(Label::Per, 2..3), (Label::Loc, 4..5), (Label::Per, 6..8)];
        assert_eq!(people(text, &tagged), ["Ramon \"Bong\" Revilla Jr."]);
        let text = "Boxer Hector \u{201c}Macho\u{201d} Camacho was shot.";
        let tagged = [(Label::Per, 1..2), (Label::Per, 3..4), (Label::Per, 5..6)];
        assert_eq!(
            people(text, &tagged),
            ["Hector \u{201c}Macho\u{201d} Camacho"]
        );
        // a quoted word after a name that is no given name is a quotation
        let text = "Acme \"Ultra\" Pro sold well.";
        assert!(people(text, &[(Label::Per, 2..3)]) == ["Ultra"]);
    }

    #[test]
    fn a_place_read_as_a_body_is_a_place_after_a_preposition_and_an_article() {
        let place = |text: &str, span: Range<usize>| {
            let name = tokenize(text)[span.clone()]
                .iter()
                .map(|t| t.text(text))
                .collect::<Vec<_>>()
                .join(" ");
            let got = found_tagged(text, &[(Label::Org, span)]);
            got.iter()
                .any(|(t, w)| *t == name && matches!(w, What::Place { .. }))
        };
        // a state's name of two words, after "in the"
        assert!(place("Drills were held in the Northern Territory.", 5..7));
        assert!(place("Drills were held in Northern Territory.", 4..6));
        // not a club of one word ("in the Ajax forward line"), nor after another word
        assert!(!place("He joins Kluivert in the Ajax forward line.", 5..6));
        assert!(!place("They visited the Northern Territory.", 3..5));
    }

    #[test]
    fn a_state_read_as_a_body_before_its_office_is_the_state() {
        let text = "Texas Governor Greg Abbott welcomed the plan.";
        let got = found_tagged(text, &[(Label::Org, 0..1), (Label::Per, 2..4)]);
        assert!(
            got.iter()
                .any(|(t, w)| t == "Texas" && matches!(w, What::Place { .. })),
            "{got:?}"
        );
        for text in [
            "Kebbi State Governor Nasir Idris visited the school.",
            "Lagos State Governor Nasir Idris visited the school.",
        ] {
            let got = found_tagged(text, &[(Label::Org, 0..5)]);
            assert!(
                got.iter()
                    .any(|(t, w)| t.ends_with(" State") && matches!(w, What::Place { .. })),
                "{got:?}"
            );
        }
        // a state's name before another word is a body's ("Texas Instruments"), and a state
        // without its office may be a team
        for (text, span) in [
            ("Texas Instruments said profit rose.", 0..2),
            ("Texas beat Oklahoma on Saturday.", 0..1),
        ] {
            let got = found_tagged(text, &[(Label::Org, span)]);
            assert!(
                !got.iter().any(|(_, w)| matches!(w, What::Place { .. })),
                "{got:?}"
            );
        }
    }

    #[test]
    fn two_countries_read_as_one_name_are_two() {
        let text = "Trade grew, making China Vietnam's largest trading partner.";
        let got = found_tagged(text, &[(Label::Org, 4..6)]);
        let countries: Vec<&str> = got
            .iter()
            .filter(|(_, w)| matches!(w, What::Country { .. }))
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(countries, ["China", "Vietnam"], "{got:?}");
        // a country's name before another word is part of the name
        let text = "Trade grew, making Vietnam Motors a target.";
        let got = found_tagged(text, &[(Label::Org, 4..6)]);
        assert!(got.iter().any(|(t, _)| t == "Vietnam Motors"), "{got:?}");
    }

    #[test]
    fn buffers_kept_between_documents_change_nothing() {
        let a = "Foreign Minister Nobuo Kishi met Mr. Blinken in Tokyo.\n\
                 Kishi said the Ministry of Foreign Affairs would reply.";
        let b = "PARIS, May 2\nFrance and Germany signed.";
        let first = found(a);
        assert!(!first.is_empty());
        found(b);
        assert_eq!(found(a), first);
        found("");
        assert_eq!(found(a), first);
    }

    #[test]
    fn names_met_again_are_people_once_each() {
        // the name in full twice, then its surname twice: one mention per occurrence
        let text = "Defense Minister Nobuo Kishi spoke. Defense Minister Nobuo Kishi left.\n\
                    Later Kishi said Kishi would return.";
        let people: Vec<&str> = found(text)
            .iter()
            .filter(|f| f.what == What::Person)
            .map(|f| &text[f.start..f.end])
            .collect();
        assert_eq!(people, ["Nobuo Kishi", "Nobuo Kishi", "Kishi", "Kishi"]);
    }
}
