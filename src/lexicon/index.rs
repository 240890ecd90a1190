//! Where the rows of a sorted list start, and the runs of rows whose keys begin alike:
//! the index that makes a lookup cheap; and the phrase index of the phrase lists (see the
//! lexicon module's doc). Used both by `build.rs`, which indexes the built-in lists when the
//! program is compiled, and at run time for a user's lexicon, so that the two can never read a
//! key differently or hash it differently. Nothing here may use the rest of the crate.

/// The text after the leading `#` comment lines.
pub(crate) fn skip_header(text: &str) -> &str {
    let mut at = 0;
    while text[at..].starts_with('#') {
        at = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    }
    text[at..].trim_end_matches('\n')
}

/// The characters of a lookup key: periods dropped, typographic apostrophes made straight,
/// lower case.
pub(crate) fn normalized(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .flat_map(char::to_lowercase)
}

/// How many leading key bytes [`key_head`] keeps: with three, the longest lists fall into
/// runs of about a dozen rows.
pub(crate) const HEAD: usize = 3;

/// The first [`HEAD`] bytes of a normalised key as one number that sorts as the key does:
/// the first byte highest, zero for a missing byte (no key has a zero byte).
pub(crate) fn key_head(key: &[u8]) -> u32 {
    let mut head = [0u8; 4];
    let n = key.len().min(HEAD);
    head[..n].copy_from_slice(&key[..n]);
    u32::from_be_bytes(head)
}

/// [`key_head`] of the key of the phrase at the start of `row`, normalised as `cmp_key`
/// reads it.
pub(crate) fn head(row: &[u8]) -> u32 {
    let end = row
        .iter()
        .position(|&b| b == b'\t' || b == b'\n')
        .unwrap_or(row.len());
    let phrase = std::str::from_utf8(&row[..end]).unwrap_or("");
    let mut buf = [0u8; HEAD + 4];
    let mut len = 0;
    for c in normalized(phrase) {
        len += c.encode_utf8(&mut buf[len..]).len();
        if len >= HEAD {
            break;
        }
    }
    key_head(&buf[..len])
}

/// The index of `rows` (`\n`-separated, sorted by key): the byte offset of each row; the
/// first row of each run of rows whose keys have the same [`head`], as (head, row); and for
/// each first key byte `b`, the first run whose key starts with `b` or more (257 entries, the
/// last the number of runs), which narrows the search among runs to one byte's runs.
pub(crate) fn row_index(rows: &str) -> (Vec<u32>, Vec<(u32, u32)>, Vec<u32>) {
    let mut starts = Vec::with_capacity(rows.len() / 16);
    if !rows.is_empty() {
        starts.push(0);
        starts.extend(rows.match_indices('\n').map(|(i, _)| (i + 1) as u32));
    }
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for (n, &at) in starts.iter().enumerate() {
        let h = head(&rows.as_bytes()[at as usize..]);
        if runs.last().is_none_or(|&(last, _)| last != h) {
            runs.push((h, n as u32));
        }
    }
    let firsts = (0..=256u32)
        .map(|b| runs.partition_point(|&(h, _)| h >> 24 < b) as u32)
        .collect();
    (starts, runs, firsts)
}

/// The key of the phrase at the start of `row` (up to a tab or the end), as `cmp_key` reads it.
pub(crate) fn phrase_key(row: &str) -> String {
    normalized(row.split('\t').next().unwrap_or("")).collect()
}

/// Where a phrase search starts: FNV-1a over the key's bytes, continued piece by piece as a
/// phrase grows, so each step hashes only the bytes it adds.
pub(crate) const HASH_START: u64 = 0xcbf2_9ce4_8422_2325;

/// [`HASH_START`] or an earlier hash, continued over `bytes`.
pub(crate) fn hash_more(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = hash_byte(h, b);
    }
    h
}

/// [`hash_more`] over one byte.
#[inline]
pub(crate) fn hash_byte(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

/// How many lists one [`phrase_index`] index covers: the built-in phrase lists, or a user's
/// lists of phrases (one per kind).
pub(crate) const SLOT_TABLES: usize = 4;

/// Bits of a slot's flags: list `t` has a row whose key is the string ([`FULL`]` << t`), or
/// rows whose keys start with the string and a space ([`SPACE`]` << t`), a hyphen
/// ([`HYPHEN`]` << t`) or another character that is not a letter or digit ([`OTHER`]` << t`:
/// the apostrophe of "people's", the ampersand of "at&t").
pub(crate) const FULL: u32 = 1;
pub(crate) const SPACE: u32 = 1 << SLOT_TABLES;
pub(crate) const HYPHEN: u32 = 1 << (2 * SLOT_TABLES);
pub(crate) const OTHER: u32 = 1 << (3 * SLOT_TABLES);
/// One bit per list.
pub(crate) const LISTS: u32 = (1 << SLOT_TABLES) - 1;
const FLAG_BITS: u32 = 4 * SLOT_TABLES as u32;
/// A slot's rows: where the rows with the key start in the first list that has it (the low
/// [`ROW_BITS`]) and how many there are (above them; zero for more than fifteen), or
/// [`NO_ROWS`].
const ROWS_BITS: u32 = 24;
const ROW_BITS: u32 = 20;
pub(crate) const NO_ROWS: u32 = (1 << ROWS_BITS) - 1;
/// The rest of a slot is a fingerprint of the key's hash.
const PRINT_BITS: u32 = 64 - FLAG_BITS - ROWS_BITS;

/// The row and the number of rows (zero if unknown) of a slot's rows, if it has them.
pub(crate) fn rows_of(rows: u32) -> Option<(usize, usize)> {
    (rows != NO_ROWS).then_some((
        (rows & ((1 << ROW_BITS) - 1)) as usize,
        (rows >> ROW_BITS) as usize,
    ))
}

/// A key hash mixed: the halves of a product folded together, since FNV's low bits alone are
/// poorly mixed.
fn mixed(h: u64) -> u64 {
    let m = u128::from(h) * 0x9e37_79b9_7f4a_7c15;
    (m >> 64) as u64 ^ m as u64
}

/// The slot number and fingerprint of a key hash.
fn slot_of(h: u64, slots: usize) -> (usize, u64) {
    let h = mixed(h);
    (h as usize & (slots - 1), h >> (64 - PRINT_BITS))
}

/// The bit of a key hash in the bits of an index (see [`phrase_index`]).
fn bit_of(h: u64, bits: usize) -> usize {
    (mixed(h) >> 20) as usize & (bits - 1)
}

/// Whether a key whose hash is `h` may be in an index with these `bits` (see
/// [`phrase_index`]); no means no.
#[inline]
pub(crate) fn may_have(bits: &[u64], h: u64) -> bool {
    let bit = bit_of(h, bits.len() * 64);
    bits[bit / 64] & 1 << (bit % 64) != 0
}

/// The bit set of [`phrase_index`] alone, over the keys of one list of single words: enough
/// to tell that a word is not in the list (no phrase grows from a word, so nothing more is
/// asked of the list before it is searched).
pub(crate) fn key_bits(rows: &str) -> Vec<u64> {
    let keys: std::collections::HashSet<u64> = rows
        .split('\n')
        .filter(|r| !r.is_empty())
        .map(|row| hash_more(HASH_START, phrase_key(row).as_bytes()))
        .collect();
    let mut bits = vec![0u64; (keys.len() * 20 / 64).next_power_of_two().max(1)];
    for h in keys {
        let bit = bit_of(h, bits.len() * 64);
        bits[bit / 64] |= 1 << (bit % 64);
    }
    bits
}

/// Bits of a [`key_slots`] slot that hold its row (plus one); the rest is a fingerprint.
const KEY_ROW_BITS: u32 = 20;

/// The keys of one list of single words (sorted by key) as an open-addressing hash table, at
/// most half full: each slot a fingerprint of a key's hash above the first row with that key
/// plus one (zero is an empty slot). Finding a word's rows ([`key_rows`]) then costs a slot
/// or two where a search of the sorted rows compares the word with a few rows of its run.
pub(crate) fn key_slots(rows: &str) -> Vec<u32> {
    let mut firsts: std::collections::HashMap<String, u32> = Default::default();
    for (n, row) in rows.split('\n').enumerate().filter(|(_, r)| !r.is_empty()) {
        assert!(
            n + 1 < 1 << KEY_ROW_BITS,
            "a list of single words has too many rows"
        );
        firsts.entry(phrase_key(row)).or_insert(n as u32);
    }
    // sorted, so that the table (compiled into the program) is the same on every build
    let mut keys: Vec<(u64, u32)> = firsts
        .into_iter()
        .map(|(k, n)| (hash_more(HASH_START, k.as_bytes()), n))
        .collect();
    keys.sort_unstable();
    let mut slots = vec![0u32; (keys.len() * 2).next_power_of_two().max(8)];
    let mask = slots.len() - 1;
    for (h, n) in keys {
        let m = mixed(h);
        let mut at = m as usize & mask;
        while slots[at] != 0 {
            at = (at + 1) & mask;
        }
        slots[at] = key_print(m) << KEY_ROW_BITS | (n + 1);
    }
    slots
}

/// The fingerprint of a mixed key hash in a [`key_slots`] slot.
fn key_print(m: u64) -> u32 {
    (m >> (64 - (32 - KEY_ROW_BITS))) as u32
}

/// The rows of a list from which its rows with the key whose hash is `h` may start, by its
/// [`key_slots`]: none if the list has no such key. Each must be checked, since keys'
/// fingerprints may meet; the key's own first row is one of them.
#[inline]
pub(crate) fn key_rows(slots: &[u32], h: u64) -> impl Iterator<Item = usize> + '_ {
    let m = mixed(h);
    let mask = slots.len() - 1;
    let print = key_print(m);
    let mut at = m as usize & mask;
    std::iter::from_fn(move || {
        loop {
            let s = slots[at];
            if s == 0 {
                return None;
            }
            at = (at + 1) & mask;
            if s >> KEY_ROW_BITS == print {
                return Some((s & ((1 << KEY_ROW_BITS) - 1)) as usize - 1);
            }
        }
    })
}

/// What a slot says of a key: its flags and its rows (see [`NO_ROWS`]).
fn slot_value(flags: u32, rows: u32) -> u64 {
    u64::from(flags) | u64::from(rows) << FLAG_BITS
}

/// The index of the words a phrase may start with and grow through: for every key of `lists`
/// (each list's rows, `\n`-separated), the key itself and each of its beginnings that a
/// character other than a letter or digit ends ("new york city": "new", "new york"), with
/// [`FULL`], [`SPACE`], [`HYPHEN`] and [`OTHER`] flags per list, and for a whole key where
/// its rows are in the first list that has it, which saves that list's search.
///
/// It is an open-addressing hash table of `u64` slots, each a fingerprint of the key's hash
/// above the rows and the flags, zero when empty, at most half full: a lookup
/// ([`slot_flags`]) costs one hash and a slot or two, and most words of a text are in no slot,
/// so they start no phrase and need no search of the lists.
///
/// A lookup may say yes for a string that is in no list (two hashes alike), never no for one
/// that is: keys whose fingerprints meet on a probe path share a slot and its flags, and lose
/// their rows if both have them. A row is checked before it is used.
///
/// Beside the slots, the index has a bit set with a bit per key (a Bloom filter of one hash),
/// about one bit in twenty set: it is small enough to stay in the processor's nearest cache,
/// where the slots are not, and rejects most words that are in no list before their slot is
/// read. Returns the slots and the bits.
pub(crate) fn phrase_index(lists: &[&str]) -> (Vec<u64>, Vec<u64>) {
    assert!(lists.len() <= SLOT_TABLES, "at most {SLOT_TABLES} lists");
    // each key once, with its flags and its rows
    let mut keys: std::collections::HashMap<String, (u32, u32)> = Default::default();
    for (t, rows) in lists.iter().enumerate() {
        for (n, row) in rows.split('\n').enumerate().filter(|(_, r)| !r.is_empty()) {
            let key = phrase_key(row);
            for (at, c) in key.char_indices() {
                let flag = match c {
                    ' ' => SPACE,
                    '-' => HYPHEN,
                    c if !c.is_alphanumeric() => OTHER,
                    _ => continue,
                };
                keys.entry(key[..at].to_string()).or_insert((0, NO_ROWS)).0 |= flag << t;
            }
            let (flags, rows) = keys.entry(key).or_insert((0, NO_ROWS));
            let full = *flags & (LISTS * FULL);
            if full == 0 && n < (1 << ROW_BITS) - 1 {
                *rows = n as u32 | 1 << ROW_BITS;
            } else if full == FULL << t {
                // one more row in the first list (rows with one key are together)
                if let Some((first, count)) = rows_of(*rows) {
                    let count = if (1..15).contains(&count) {
                        count + 1
                    } else {
                        0
                    };
                    *rows = first as u32 | (count as u32) << ROW_BITS;
                }
            }
            *flags |= FULL << t;
        }
    }
    // sorted, so that the table (compiled into the program) is the same on every build
    let mut keys: Vec<(u64, u32, u32)> = keys
        .into_iter()
        .map(|(k, (flags, row))| (hash_more(HASH_START, k.as_bytes()), flags, row))
        .collect();
    keys.sort_unstable();
    let mut bits = vec![0u64; (keys.len() * 20 / 64).next_power_of_two().max(1)];
    for &(h, ..) in &keys {
        let bit = bit_of(h, bits.len() * 64);
        bits[bit / 64] |= 1 << (bit % 64);
    }
    let merge = |a: u64, flags: u32, rows: u32| {
        let full = |v: u64| v as u32 & (LISTS * FULL) != 0;
        let b = slot_value(flags, rows);
        let rows = match (full(a), full(b)) {
            (true, true) => NO_ROWS,
            (true, false) => (a >> FLAG_BITS) as u32 & NO_ROWS,
            _ => rows,
        };
        slot_value((a | b) as u32 & ((1 << FLAG_BITS) - 1), rows)
    };
    let mut slots = vec![0u64; (keys.len() * 2).next_power_of_two().max(8)];
    for (h, flags, rows) in keys {
        let (mut at, print) = slot_of(h, slots.len());
        loop {
            let s = &mut slots[at];
            if *s == 0 || *s >> (64 - PRINT_BITS) == print {
                let value = if *s == 0 {
                    slot_value(flags, rows)
                } else {
                    merge(*s, flags, rows)
                };
                *s = print << (64 - PRINT_BITS) | value;
                break;
            }
            at = (at + 1) & (slots.len() - 1);
        }
    }
    (slots, bits)
}

/// What an index made by [`phrase_index`] says of the string whose hash is `h`: its flags
/// (zero when no list has it) and its rows.
#[inline]
pub(crate) fn slot_flags(slots: &[u64], h: u64) -> (u32, u32) {
    let (mut at, print) = slot_of(h, slots.len());
    loop {
        let s = slots[at];
        if s == 0 {
            return (0, NO_ROWS);
        }
        if s >> (64 - PRINT_BITS) == print {
            return (
                s as u32 & ((1 << FLAG_BITS) - 1),
                (s >> FLAG_BITS) as u32 & NO_ROWS,
            );
        }
        at = (at + 1) & (slots.len() - 1);
    }
}
