//! Coreference: typed mentions in, entities out, each with one canonical name.
//!
//! Linking is by rules a reader would apply within one article: a surname or first name
//! alone ("Motegi", "Mr. Blinken") is the person named in full elsewhere; countries are one
//! entity per ISO code whatever the form ("U.S.", "American", "Washington"); offices one per
//! canonical title; places and organizations one per lexicon name or normalised text, with
//! shortened forms ("State Department" for "U.S. State Department") and acronyms ("NATO",
//! "U.N." for "United Nations") joined to the full name. Nothing links across documents.

use std::ops::Range;

use crate::hashing::FastMap;

use crate::entities::mentions::{Found, What, push_lowercase};
use crate::entities::{Entity, EntityType, Mention, MentionForm};
use crate::lexicon::{Lexicon, WordClass};
use crate::sentences::Sentence;
use crate::tokenize::Token;

/// The sentence of each token: the last sentence whose tokens include it, or the first if
/// none does.
pub(crate) struct SentenceOf<'s> {
    sentences: &'s [Sentence],
    /// Whether the sentences follow one another without overlapping (as `sentences::split`
    /// makes them), so that a token's sentence is found by binary search.
    ordered: bool,
}

impl<'s> SentenceOf<'s> {
    pub(crate) fn new(sentences: &'s [Sentence]) -> SentenceOf<'s> {
        let ordered = sentences
            .windows(2)
            .all(|w| w[0].tokens.end <= w[1].tokens.start);
        SentenceOf { sentences, ordered }
    }

    /// The sentence of each of the first `n` tokens.
    fn table(&self, n: usize) -> Vec<usize> {
        let mut table = vec![0; n];
        for (i, s) in self.sentences.iter().enumerate() {
            table[s.tokens.clone()].fill(i);
        }
        table
    }

    /// The sentence of token `k`.
    fn at(&self, k: usize) -> usize {
        if self.ordered {
            let i = self.sentences.partition_point(|s| s.tokens.end <= k);
            match self.sentences.get(i) {
                Some(s) if s.tokens.contains(&k) => i,
                _ => 0,
            }
        } else {
            self.sentences
                .iter()
                .rposition(|s| s.tokens.contains(&k))
                .unwrap_or(0)
        }
    }
}

/// Groups mentions into entities.
pub(crate) fn link(
    text: &str,
    tokens: &[Token],
    found: Vec<Found>,
    lexicon: &Lexicon,
    sentence_of: &SentenceOf,
) -> Vec<Entity> {
    let mut clusters: Vec<Cluster> = Vec::with_capacity(found.len());
    // the entity type and key (see `key_of`) of every mention, all keys in one string
    let mut keys = String::with_capacity(found.len() * 16);
    let mut spans: Vec<(EntityType, Range<usize>)> = Vec::with_capacity(found.len());
    for f in &found {
        let at = keys.len();
        let kind = key_of(text, tokens, f, lexicon, &mut keys);
        spans.push((kind, at..keys.len()));
    }
    // clusters by key, each made as large as its mentions need
    let mut by_key: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(found.len(), Default::default());
    let mut sizes: Vec<usize> = Vec::with_capacity(found.len());
    let of: Vec<usize> = spans
        .into_iter()
        .map(|(kind, span)| {
            let idx = *by_key.entry(&keys[span]).or_insert_with(|| {
                clusters.push(Cluster {
                    kind,
                    found: Vec::new(),
                });
                sizes.push(0);
                clusters.len() - 1
            });
            sizes[idx] += 1;
            idx
        })
        .collect();
    for (c, &size) in clusters.iter_mut().zip(&sizes) {
        c.found.reserve_exact(size);
    }
    for (f, idx) in found.into_iter().zip(of) {
        clusters[idx].found.push(f);
    }
    merge_shortened(text, tokens, &mut clusters, EntityType::Person);
    merge_people(text, tokens, &mut clusters);
    merge_shortened(text, tokens, &mut clusters, EntityType::Organization);
    merge_shortened(text, tokens, &mut clusters, EntityType::Place);
    merge_acronyms(text, tokens, &mut clusters, lexicon);
    attach_aliases(text, tokens, &mut clusters, sentence_of);

    // the spellings of mentions `build` compares, in buffers shared by all entities
    let (mut own, mut own_l) = (String::new(), String::new());
    let mut entities: Vec<Entity> =
        Vec::with_capacity(clusters.iter().filter(|c| !c.found.is_empty()).count());
    for c in clusters.into_iter().filter(|c| !c.found.is_empty()) {
        let buffers = (&mut own, &mut own_l);
        entities.push(build(text, tokens, c, lexicon, sentence_of, buffers));
    }
    entities.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    entities
}

struct Cluster {
    kind: EntityType,
    found: Vec<Found>,
}

impl Cluster {
    /// The mention with the most tokens: the fullest form of the name.
    fn longest(&self) -> Option<&Found> {
        self.found.iter().max_by_key(|f| f.tokens.len())
    }

    fn first_start(&self) -> usize {
        self.found
            .iter()
            .map(|f| f.start)
            .min()
            .unwrap_or(usize::MAX)
    }
}

fn kind_of(w: &What) -> EntityType {
    match w {
        What::Person => EntityType::Person,
        What::Office { .. } => EntityType::Office,
        What::Country { .. } => EntityType::Country,
        What::Place { .. } => EntityType::Place,
        What::Organization { .. } => EntityType::Organization,
    }
}

/// Words of a mention, without a leading "the".
fn words<'t, 'k>(text: &'t str, tokens: &'k [Token], f: &Found) -> Words<'t, 'k> {
    let first = &tokens[f.tokens.start];
    if f.end - f.start < first.end - first.start
        || f.tokens.len() == 1 && (f.start, f.end) != (first.start, first.end)
    {
        // a part of a hyphenated token: the mention's own text is its one word
        return Words {
            text,
            part: Some(&text[f.start..f.end]),
            tokens: [].iter(),
        };
    }
    let the = f.tokens.len() > 1 && first.text(text).eq_ignore_ascii_case("the");
    Words {
        text,
        part: None,
        tokens: tokens[f.tokens.start + usize::from(the)..f.tokens.end].iter(),
    }
}

/// The words of a mention (see [`words`]), read from the text as they are asked for: most
/// uses only count them, compare them or copy them into a key.
#[derive(Clone)]
struct Words<'t, 'k> {
    text: &'t str,
    /// The mention's own text, when it is a part of a hyphenated token.
    part: Option<&'t str>,
    tokens: std::slice::Iter<'k, Token>,
}

impl<'t> Iterator for Words<'t, '_> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        if let Some(part) = self.part.take() {
            return Some(part);
        }
        self.tokens.next().map(|t| t.text(self.text))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.part.is_some()) + self.tokens.len();
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Words<'_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if let Some(part) = self.part.take() {
            return Some(part);
        }
        self.tokens.next_back().map(|t| t.text(self.text))
    }
}

impl ExactSizeIterator for Words<'_, '_> {}

/// [`words`] joined by spaces, into `out` (cleared first).
fn spell_into(text: &str, tokens: &[Token], f: &Found, out: &mut String) {
    out.clear();
    let w = words(text, tokens, f);
    out.reserve(w.clone().map(|w| w.len() + 1).sum());
    for (k, w) in w.enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Words lower-cased without their periods, joined by spaces, into `s` (cleared first): the
/// key of a name.
fn normalise_into<'w>(words: impl IntoIterator<Item = &'w str>, s: &mut String) {
    s.clear();
    push_normalised_words(words, s);
}

/// [`normalise_into`] added to what `s` holds.
fn push_normalised_words<'w>(words: impl IntoIterator<Item = &'w str>, s: &mut String) {
    let start = s.len();
    for w in words {
        if s.len() > start {
            s.push(' ');
        }
        push_normalised(w, s);
    }
}

/// One word of [`normalise_into`], added to `s`.
fn push_normalised(w: &str, s: &mut String) {
    if w.bytes().all(|b| b.is_ascii() && b != b'.') {
        // one byte, one character: its lower case is the ASCII one
        let at = s.len();
        s.push_str(w);
        s[at..].make_ascii_lowercase();
        return;
    }
    for c in w.chars() {
        if c != '.' {
            s.extend(c.to_lowercase());
        }
    }
}

/// The type of a mention's entity, and added to `key` the type (one letter) and the key
/// proper: mentions with one key are one entity.
fn key_of(
    text: &str,
    tokens: &[Token],
    f: &Found,
    lexicon: &Lexicon,
    key: &mut String,
) -> EntityType {
    let kind = kind_of(&f.what);
    key.push(char::from(b'0' + kind as u8));
    match &f.what {
        What::Country { iso } => key.push_str(iso),
        What::Office { name } => key.push_str(name),
        What::Place { name: Some(n), .. } | What::Organization { name: Some(n) } => {
            push_normalised_words(n.split(' '), key)
        }
        What::Organization { name: None } => {
            // "Nvidia Corp." and "Nvidia" are one company
            let mut w = words(text, tokens, f);
            while w.len() > 1
                && w.clone()
                    .next_back()
                    .is_some_and(|x| lexicon.classes(x).contains(WordClass::ORG_SUFFIX))
            {
                w.next_back();
            }
            push_normalised_words(w, key)
        }
        What::Person | What::Place { name: None, .. } => {
            push_normalised_words(words(text, tokens, f), key)
        }
    }
    kind
}

/// Joins single-word person clusters to the person whose full name contains that word,
/// preferring the surname (last word), then the given name, and on a tie the full name met
/// most recently before the short form.
fn merge_people(text: &str, tokens: &[Token], clusters: &mut [Cluster]) {
    let single_word = |c: &Cluster| {
        c.kind == EntityType::Person
            && !c.found.is_empty()
            && c.found.iter().all(|f| f.tokens.len() <= 1)
    };
    if !clusters.iter().any(single_word) {
        return; // no one named by one word alone
    }
    let starts: Vec<usize> = clusters.iter().map(Cluster::first_start).collect();
    // each word of each full name, normalised (a span of `keys`), with its cluster and rank
    // (0 surname, 1 given name, 2 other), sorted by the word
    let mut keys = String::new();
    let mut by_word: Vec<(Range<usize>, usize, u8)> = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        if c.kind != EntityType::Person {
            continue;
        }
        let Some(longest) = c.longest() else {
            continue;
        };
        let w = words(text, tokens, longest);
        let n = w.len();
        if n < 2 {
            continue;
        }
        for (k, word) in w.enumerate() {
            let rank = if k + 1 == n {
                0
            } else if k == 0 {
                1
            } else {
                2
            };
            let at = keys.len();
            push_normalised(word, &mut keys);
            by_word.push((at..keys.len(), i, rank));
        }
    }
    by_word.sort_unstable_by(|a, b| {
        keys[a.0.clone()]
            .cmp(&keys[b.0.clone()])
            .then(a.1.cmp(&b.1))
    });
    let mut word = String::new();
    for i in 0..clusters.len() {
        if clusters[i].kind != EntityType::Person
            || clusters[i].found.is_empty()
            || clusters[i].found.iter().any(|f| f.tokens.len() > 1)
        {
            continue;
        }
        normalise_into(words(text, tokens, &clusters[i].found[0]), &mut word);
        let at = starts[i];
        let from = by_word.partition_point(|e| &keys[e.0.clone()] < word.as_str());
        let best = by_word[from..]
            .iter()
            .take_while(|e| keys[e.0.clone()] == word)
            .map(|&(_, j, rank)| {
                let before = starts[j] < at;
                // surname first, then a full name before the short form, the nearest one
                (
                    rank,
                    !before,
                    if before {
                        usize::MAX - starts[j]
                    } else {
                        starts[j]
                    },
                    j,
                )
            })
            .min();
        if let Some((_, _, _, j)) = best {
            let moved = std::mem::take(&mut clusters[i].found);
            clusters[j].found.extend(moved);
        }
    }
}

/// Joins a shorter name to a longer one of the same type that ends with it: "State
/// Department" to "U.S. State Department", "Foreign Ministry" to "Japanese Foreign Ministry".
fn merge_shortened(text: &str, tokens: &[Token], clusters: &mut [Cluster], kind: EntityType) {
    // one name joins another: nothing to do with fewer than two
    let count = clusters
        .iter()
        .filter(|c| c.kind == kind && !c.found.is_empty())
        .count();
    if count < 2 {
        return;
    }
    // the shortest name that may join another: lone surnames have their own rule
    let shortest = if kind == EntityType::Person { 2 } else { 1 };
    // a name joins a longer one with its last word: most documents have none such, and
    // are done with the last words alone
    let mut lasts = String::with_capacity(count * 8);
    let mut by_last: Vec<(Range<usize>, usize)> = Vec::with_capacity(count);
    for c in clusters.iter() {
        if c.kind != kind || c.found.is_empty() {
            continue;
        }
        let longest = c.longest().expect("not empty");
        let mut w = words(text, tokens, longest);
        let n = w.len();
        if let Some(last) = w.next_back() {
            let at = lasts.len();
            push_lowercase(last, &mut lasts);
            by_last.push((at..lasts.len(), n));
        }
    }
    by_last.sort_unstable_by(|a, b| lasts[a.0.clone()].cmp(&lasts[b.0.clone()]));
    let may_join = by_last
        .chunk_by(|a, b| lasts[a.0.clone()] == lasts[b.0.clone()])
        .any(|same_last| {
            let most = same_last.iter().map(|e| e.1).max().unwrap_or(0);
            same_last.iter().any(|e| e.1 >= shortest && e.1 < most)
        });
    if !may_join {
        return;
    }
    // each name's words in lower case: all in one string, each word a span of it, each name
    // a run of spans
    let mut lower = String::with_capacity(count * 24);
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(count * 2);
    let mut names: Vec<(usize, Range<usize>)> = Vec::with_capacity(count);
    for (i, c) in clusters.iter().enumerate() {
        if c.kind != kind || c.found.is_empty() {
            continue;
        }
        let longest = c.longest().expect("not empty");
        let from = spans.len();
        for w in words(text, tokens, longest) {
            let at = lower.len();
            push_lowercase(w, &mut lower);
            spans.push(at..lower.len());
        }
        names.push((i, from..spans.len()));
    }
    let word = |k: usize| &lower[spans[k].clone()];
    // names by their last word (then in order): only those can end with one another
    let mut by_last: Vec<(&str, usize)> = Vec::with_capacity(names.len());
    by_last.extend(
        names
            .iter()
            .enumerate()
            .filter(|(_, (_, r))| !r.is_empty())
            .map(|(k, (_, r))| (word(r.end - 1), k)),
    );
    by_last.sort_unstable();
    for (i, short) in &names {
        if short.len() < 2 && kind == EntityType::Person {
            continue; // lone surnames have their own rule
        }
        if short.is_empty() {
            continue;
        }
        let short_last = word(short.end - 1);
        let from = by_last.partition_point(|&(l, _)| l < short_last);
        let ends_with = |long: &Range<usize>| {
            let skip = long.len() - short.len();
            (0..short.len()).all(|k| word(long.start + skip + k) == word(short.start + k))
        };
        // the shortest of the longer names that end with this one, the first of them on a tie
        let (mut longer, mut target) = (0, None::<&(usize, Range<usize>)>);
        for name in by_last[from..]
            .iter()
            .take_while(|&&(l, _)| l == short_last)
            .map(|&(_, k)| &names[k])
            .filter(|(j, long)| j != i && long.len() > short.len() && ends_with(long))
        {
            longer += 1;
            if target.is_none_or(|t| name.1.len() < t.1.len()) {
                target = Some(name);
            }
        }
        // "the Cabinet" joins "Starmer Cabinet" only when no other cabinet is named
        if short.len() < 2 && kind == EntityType::Organization && longer != 1 {
            continue;
        }
        if let Some((j, _)) = target {
            let moved = std::mem::take(&mut clusters[*i].found);
            clusters[*j].found.extend(moved);
        }
    }
}

/// Joins an acronym ("NATO", "U.N.") to the organization whose capitalised words it
/// abbreviates ("North Atlantic Treaty Organization", "United Nations").
fn merge_acronyms(text: &str, tokens: &[Token], clusters: &mut [Cluster], lexicon: &Lexicon) {
    let single_word = |c: &Cluster| {
        c.kind == EntityType::Organization
            && !c.found.is_empty()
            && c.found.iter().all(|f| f.tokens.len() <= 1)
    };
    if !clusters.iter().any(single_word) {
        return; // no organization named by one word, so no acronym
    }
    let initials: FastMap<String, usize> = clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == EntityType::Organization && !c.found.is_empty())
        .filter_map(|(i, c)| {
            let longest = c.longest()?;
            let w = words(text, tokens, longest);
            if w.len() < 2 {
                return None;
            }
            // company suffixes ("Inc.", "Corp.") are not abbreviated
            let s: String = w
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .filter(|w| !lexicon.classes(w).contains(WordClass::ORG_SUFFIX))
                .filter_map(|w| w.chars().next())
                .collect();
            (s.chars().count() >= 2).then_some((s, i))
        })
        .collect();
    // organization mentions by the token they end on, for "Name (ACRONYM)"
    let mut ending_at: FastMap<usize, usize> = FastMap::default();
    for (j, c) in clusters.iter().enumerate() {
        if c.kind == EntityType::Organization {
            for g in &c.found {
                ending_at.entry(g.tokens.end).or_insert(j);
            }
        }
    }
    for i in 0..clusters.len() {
        if clusters[i].kind != EntityType::Organization
            || clusters[i].found.is_empty()
            || clusters[i].found.iter().any(|f| f.tokens.len() > 1)
        {
            continue;
        }
        let f = &clusters[i].found[0];
        let word: String = text[f.start..f.end].chars().filter(|c| *c != '.').collect();
        if word.chars().count() < 2 || !word.chars().all(char::is_uppercase) {
            continue;
        }
        // "Advanced Micro Devices Inc. (AMD)": an acronym in brackets right after a name
        let bracketed = f.tokens.start >= 2
            && tokens[f.tokens.start - 1].text(text) == "("
            && tokens
                .get(f.tokens.end)
                .is_some_and(|t| t.text(text) == ")");
        let named_before = bracketed
            .then(|| ending_at.get(&(f.tokens.start - 1)).copied())
            .flatten();
        let target = named_before.or_else(|| initials.get(&word).copied());
        if let Some(j) = target.filter(|&j| j != i) {
            let moved = std::mem::take(&mut clusters[i].found);
            clusters[j].found.extend(moved);
        }
    }
}

/// An alias with no entity of its own ("which calls them Diaoyu") joins a place mentioned
/// before it when the text makes the link plain: the place's head word is in the alias's
/// sentence ("the shoal, which Beijing calls ..." -> "... Shoal"), or a pronoun ("calls them")
/// points back to a place of that sentence or the one before. A plural name is preferred after "them", a singular one otherwise; with
/// no such place the alias stays an entity of its own.
fn attach_aliases(
    text: &str,
    tokens: &[Token],
    clusters: &mut [Cluster],
    sentence_of: &SentenceOf,
) {
    // the sentence of each token, made for the first alias
    let mut table: Option<Vec<usize>> = None;
    for i in 0..clusters.len() {
        let unnamed_alias = clusters[i].kind == EntityType::Place
            && !clusters[i].found.is_empty()
            && clusters[i].found.iter().all(|f| {
                f.form == MentionForm::Alias && matches!(f.what, What::Place { name: None, .. })
            });
        if !unnamed_alias {
            continue;
        }
        let sentence_of = table.get_or_insert_with(|| sentence_of.table(tokens.len()));
        let first = clusters[i]
            .found
            .iter()
            .min_by_key(|f| f.start)
            .expect("not empty")
            .clone();
        let sentence = sentence_of[first.tokens.start];
        let sentence_words: Vec<String> = (0..first.tokens.start)
            .rev()
            .take_while(|&k| sentence_of[k] == sentence)
            .map(|k| tokens[k].text(text).to_lowercase())
            .collect();
        let pronoun = first
            .tokens
            .start
            .checked_sub(1)
            .map(|p| tokens[p].text(text));
        let by_pronoun = matches!(pronoun, Some("it" | "them"));
        let plural_wanted = pronoun == Some("them");
        let is_plural = |f: &Found| tokens[f.tokens.end - 1].text(text).ends_with('s');
        let target = clusters
            .iter()
            .enumerate()
            .filter(|(j, c)| *j != i && c.kind == EntityType::Place)
            .filter_map(|(j, c)| {
                c.found
                    .iter()
                    .filter(|f| f.start < first.start && f.form != MentionForm::Alias)
                    .filter_map(|f| {
                        let head = tokens[f.tokens.end - 1].text(text).to_lowercase();
                        let named_again = f.tokens.len() > 1 && sentence_words.contains(&head);
                        // "calls them X": the pronoun points back to a place of this sentence or the one before
                        let agrees = by_pronoun
                            && sentence_of[f.tokens.start] + 1 >= sentence
                            && is_plural(f) == plural_wanted;
                        (named_again || agrees).then_some((named_again, f.start))
                    })
                    .max()
                    .map(|s| (j, s))
            })
            .max_by_key(|&(_, s)| s);
        if let Some((j, _)) = target {
            let moved = std::mem::take(&mut clusters[i].found);
            clusters[j].found.extend(moved);
        }
    }
}

/// The entity of a cluster. `own` and `own_l` are buffers for a mention's spelling and its
/// lower case.
fn build(
    text: &str,
    tokens: &[Token],
    mut c: Cluster,
    lexicon: &Lexicon,
    sentence_of: &SentenceOf,
    (own, own_l): (&mut String, &mut String),
) -> Entity {
    c.found.sort_by_key(|f| (f.start, f.end));
    c.found.dedup_by_key(|f| (f.start, f.end));
    let shouted =
        |f: &Found| !text[f.start..f.end].chars().any(char::is_lowercase) && f.end - f.start > 4;
    let fullest = c
        .found
        .iter()
        .filter(|f| f.form != MentionForm::Alias)
        .max_by_key(|f| {
            (
                !shouted(f),
                words(text, tokens, f).len(),
                f.end - f.start,
                usize::MAX - f.start,
            )
        })
        .unwrap_or(&c.found[0]);
    let spelled = || {
        let mut s = String::new();
        spell_into(text, tokens, fullest, &mut s);
        s
    };
    let mut iso = None;
    let mut place_kind = None;
    let name = match &fullest.what {
        What::Country { iso: code } => {
            iso = Some(*code);
            lexicon
                .country(code)
                .map_or_else(spelled, |k| k.name.to_string())
        }
        What::Office { name } => name.to_string(),
        What::Place { name, kind } => {
            place_kind = *kind;
            name.map_or_else(spelled, str::to_string)
        }
        What::Organization { name } => name.map_or_else(spelled, str::to_string),
        What::Person => spelled(),
    };
    if place_kind.is_none() {
        place_kind = c.found.iter().find_map(|f| match f.what {
            What::Place { kind, .. } => kind,
            _ => None,
        });
    }
    // only the names of places and organizations can turn out aliases or abbreviations
    let renamed = matches!(c.kind, EntityType::Place | EntityType::Organization);
    // and only those of places aliases
    let name_l = if c.kind == EntityType::Place {
        name.to_lowercase()
    } else {
        String::new()
    };
    let mentions = c
        .found
        .iter()
        .map(|f| {
            let mut form = f.form;
            if form == MentionForm::Name && renamed {
                spell_into(text, tokens, f, own);
            } else {
                own.clear();
            }
            // (a name that ends with the mention's words in lower case also is them)
            if form == MentionForm::Name && c.kind == EntityType::Place {
                let ends_with_own = if own.is_ascii() {
                    // the lower case of ASCII is its bytes' lower case
                    name_l.len() >= own.len()
                        && name_l.as_bytes()[name_l.len() - own.len()..]
                            .iter()
                            .zip(own.as_bytes())
                            .all(|(&n, &o)| n == o.to_ascii_lowercase())
                } else {
                    own_l.clear();
                    own_l.push_str(&own.to_lowercase());
                    name_l.ends_with(own_l.as_str())
                };
                if !ends_with_own {
                    form = MentionForm::Alias;
                }
            }
            if form == MentionForm::Name
                && c.kind == EntityType::Organization
                && *own != name
                && own
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                && own.chars().filter(|c| c.is_alphabetic()).count() <= 6
            {
                form = MentionForm::Abbreviation;
            }
            Mention {
                start: f.start,
                end: f.end,
                tokens: f.tokens.clone(),
                sentence: sentence_of.at(f.tokens.start),
                form,
            }
        })
        .collect();
    Entity {
        kind: c.kind,
        name,
        iso,
        place_kind,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// Links hand-made mentions: each `(phrase, what)` is found in `text` after the previous one.
    fn link_all(text: &str, spans: &[(&str, What)]) -> Vec<(String, Vec<String>)> {
        let tokens = tokenize(text);
        let mut from = 0;
        let found: Vec<Found> = spans
            .iter()
            .map(|(phrase, what)| {
                let start = from + text[from..].find(phrase).expect("phrase in text");
                let end = start + phrase.len();
                from = end;
                let first = tokens
                    .iter()
                    .position(|t| t.start == start)
                    .expect("token start");
                let last = tokens.iter().position(|t| t.end == end).expect("token end");
                Found {
                    start,
                    end,
                    tokens: first..last + 1,
                    what: what.clone(),
                    form: MentionForm::Name,
                }
            })
            .collect();
        link(
            text,
            &tokens,
            found,
            Lexicon::builtin(),
            &SentenceOf::new(&[]),
        )
        .into_iter()
        .map(|e| {
            (
                e.name,
                e.mentions
                    .iter()
                    .map(|m| text[m.start..m.end].to_string())
                    .collect(),
            )
        })
        .collect()
    }

    fn org() -> What {
        What::Organization { name: None }
    }

    #[test]
    fn surname_links_to_the_full_name_before_or_after() {
        let got = link_all(
            "Biden spoke. Joe Biden left. Biden waved.",
            &[
                ("Biden", What::Person),
                ("Joe Biden", What::Person),
                ("Biden", What::Person),
            ],
        );
        assert_eq!(
            got,
            [(
                "Joe Biden".to_string(),
                vec!["Biden".to_string(), "Joe Biden".into(), "Biden".into()]
            )]
        );
    }

    #[test]
    fn ambiguous_surname_goes_to_the_nearest_full_name_before_it() {
        let got = link_all(
            "Ed Davey met Lucy Davey. Davey said no.",
            &[
                ("Ed Davey", What::Person),
                ("Lucy Davey", What::Person),
                ("Davey", What::Person),
            ],
        );
        assert_eq!(
            got[1],
            (
                "Lucy Davey".to_string(),
                vec!["Lucy Davey".to_string(), "Davey".into()]
            )
        );
    }

    #[test]
    fn acronyms_and_shortened_names_join_the_full_organization() {
        let got = link_all(
            "The North Atlantic Treaty Organization met. NATO said the Organization would act.",
            &[
                ("North Atlantic Treaty Organization", org()),
                ("NATO", org()),
                ("Organization", org()),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.len(), 3);
    }

    #[test]
    fn unrelated_names_stay_apart() {
        let got = link_all(
            "Acme Corp. sued Zenith Ltd.",
            &[("Acme Corp.", org()), ("Zenith Ltd.", org())],
        );
        assert_eq!(got.len(), 2);
    }
}
