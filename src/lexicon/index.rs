//! Where the rows of a sorted list start, and the runs of rows whose keys begin alike:
//! the index that makes a lookup cheap (see the lexicon module's doc). Used both by `build.rs`, which
//! indexes the built-in lists when the program is compiled, and at run time for a user's
//! lexicon, so that the two can never read a key differently. Nothing here may use the rest
//! of the crate.

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
