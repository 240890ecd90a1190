//! Whether a word reads as a given name romanised from Chinese, Korean or Vietnamese: one to
//! three syllables of those romanisations ("Jinping", "Xuexiang"), or syllables joined by
//! hyphens ("Jae-in", "Ching-te"). A surname first ("Xi", "Moon", "Nguyen") and such a given
//! name after it make a person the tagger, trained on 1996 news, often misses.
//!
//! The syllables are a union of pinyin, Wade-Giles, the Korean romanisations and Vietnamese
//! without its marks: an onset, one to three vowels, and a coda. English words fit it too
//! ("Song", "Tin"), so callers also ask the lexicon that the word is no common word.

/// The most syllables a given name of one word has.
const MAX_SYLLABLES: usize = 3;

/// The longest given name of one word, in bytes.
pub(crate) const MAX_LEN: usize = 14;

/// Whether `o` begins a syllable: one consonant, one of the digraphs of the romanisations
/// ("zh", "ng", "ph", "hs", "kk"), a consonant and a glide ("hy", "kw"), "ngh", or nothing.
fn is_onset(o: &[u8]) -> bool {
    match o {
        [] => true,
        [c] => b"bcdfghjklmnpqrstwxyz".contains(c),
        [a, b] => matches!(
            [a, b],
            [b'z', b'h']
                | [b'c' | b's' | b'n' | b'p' | b't' | b'k' | b'g', b'h']
                | [b'n', b'g']
                | [b't', b'r' | b's']
                | [b'g', b'i']
                | [b'h', b's']
                | [b'k', b'k']
                | [b't', b't']
                | [b'p', b'p']
                | [b's', b's']
                | [b'j', b'j']
                | [b'b' | b'g' | b'h' | b'k' | b'm' | b'n' | b'p' | b'r', b'y']
                | [b'g' | b'h' | b'k', b'w']
        ),
        _ => o == b"ngh",
    }
}

/// Whether `c` ends a syllable: "ng", "nh", "ch", one of a few consonants, or nothing.
fn is_coda(c: &[u8]) -> bool {
    match c {
        [] => true,
        [c] => b"nmkptlrhcw".contains(c),
        [a, b] => matches!([a, b], [b'n', b'g' | b'h'] | [b'c', b'h']),
        _ => false,
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether lower-case ASCII `w` is `n` syllables or fewer (at least one): an onset, one to
/// three vowels and a coda each, the longest tried first.
fn syllables(w: &[u8], n: usize) -> bool {
    if w.is_empty() || n == 0 {
        return false;
    }
    (0..=3.min(w.len())).rev().any(|k| {
        if !is_onset(&w[..k]) {
            return false;
        }
        let rest = &w[k..];
        let vowels = rest.iter().take_while(|&&b| is_vowel(b)).count();
        (1..=vowels.min(3)).any(|v| {
            let rest = &rest[v..];
            (0..=2.min(rest.len()))
                .rev()
                .any(|c| is_coda(&rest[..c]) && (c == rest.len() || syllables(&rest[c..], n - 1)))
        })
    })
}

/// Whether `word` (one token, as written) reads as a romanised given name: capitalised, the
/// rest in lower case, and one to three syllables, or hyphen-joined parts of one or two each
/// (the parts after the first may be capitalised too).
pub(crate) fn is_given_name(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() < 2 || bytes.len() > MAX_LEN || !bytes[0].is_ascii_uppercase() {
        return false;
    }
    let lower = lowered(bytes);
    let lower = &lower[..bytes.len()];
    let parts = bytes.split(|&b| b == b'-');
    let shaped = parts.enumerate().all(|(k, part)| {
        part.split_first().is_some_and(|(first, rest)| {
            (first.is_ascii_uppercase() || (k > 0 && first.is_ascii_lowercase()))
                && rest.iter().all(u8::is_ascii_lowercase)
        })
    });
    if !shaped {
        return false;
    }
    if lower.contains(&b'-') {
        lower.split(|&b| b == b'-').all(|part| syllables(part, 2))
    } else {
        syllables(lower, MAX_SYLLABLES)
    }
}

/// Whether `word` is one syllable, capitalised ("Jong", "Un", "Phu"): the given names of two
/// words ("Kim Jong Un", "Nguyen Phu Trong") are two of these.
pub(crate) fn is_one_syllable(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() < 2 || bytes.len() > 6 || !bytes[0].is_ascii_uppercase() {
        return false;
    }
    if !bytes[1..].iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    syllables(&lowered(bytes)[..bytes.len()], 1)
}

/// The first [`MAX_LEN`] bytes of `bytes` in lower case (ASCII), in a buffer of that size.
fn lowered(bytes: &[u8]) -> [u8; MAX_LEN] {
    let mut lower = [0u8; MAX_LEN];
    for (l, b) in lower.iter_mut().zip(bytes) {
        *l = b.to_ascii_lowercase();
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_of_several_romanisations_read_as_such() {
        for w in [
            "Jinping",
            "Xuexiang",
            "Lijian",
            "Jiabao",
            "Enlai",
            "Xiaoping",
            "Wenbin",
            "Lifeng",
            "Qiang",
            "Yi",
            "Jae-in",
            "Geun-hye",
            "Ching-te",
            "Ing-wen",
            "Dae-jung",
            "Yat-sen",
            "Jintao",
            "Zemin",
            "Qichen",
            "Young-sam",
            "Hsien",
            "Thanh",
            "Jae-myung",
            "Kyung",
            "Hwan",
            "Nguyen",
        ] {
            assert!(is_given_name(w), "{w}");
        }
    }

    #[test]
    fn other_words_do_not() {
        for w in [
            "Smith",
            "Street",
            "Avenue",
            "Clijsters",
            "Jones",
            "Microsystems",
            "Johnson",
            "jinping",
            "JINPING",
            "JinPing",
            "Q",
            "Strong",
            "Bank",
            "Airlines",
            "O'Neill",
            "Xiaopingxiaoping",
        ] {
            assert!(!is_given_name(w), "{w}");
        }
    }

    #[test]
    fn one_syllable_words_are_told_apart() {
        for w in [
            "Jong", "Un", "Phu", "Trong", "Hui", "Son", "Yo", "Kuan", "Yew",
        ] {
            assert!(is_one_syllable(w), "{w}");
        }
        for w in ["Jinping", "Jae-in", "Smith", "A", "UN", "Xuexiang"] {
            assert!(!is_one_syllable(w), "{w}");
        }
    }
}
