//! Hashing for every map of the stages (per document, and the per-thread memos of words):
//! fast, and seeded once per process.
//!
//! The standard library's SipHash costs more than the lookups it serves when keys are a few
//! bytes or one number, and the stages make such lookups for every token. A multiply-rotate
//! hash is a few instructions per word. A fixed hash would let a crafted document send
//! every word into one bucket and make a map quadratic, so the hash starts from a random
//! seed drawn once per process, as the standard library's does. Keys that are hashes already
//! (FNV hashes of words, whose low bits are weak) go through it too: its final mix spreads
//! them over the buckets.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher, RandomState};
use std::sync::LazyLock;

/// This process's seed.
pub(crate) fn seed() -> u64 {
    static SEED: LazyLock<u64> = LazyLock::new(|| RandomState::new().hash_one(0x5eed_u64));
    *SEED
}

/// A strong 64-bit mixer (splitmix64's finaliser): every output bit depends on every input
/// bit, so any bits of it make a good bucket index. The tagger's feature hashes are made
/// with it too, so its weights are indexed by it: it must never change.
#[inline]
pub(crate) const fn mix(x: u64) -> u64 {
    let x = mix_top(x);
    x ^ (x >> 31)
}

/// [`mix`] without its last step, which leaves the top 31 bits as they are: enough where
/// only the top bits of the hash are read.
#[inline]
pub(crate) const fn mix_top(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x.wrapping_mul(0x94d0_49bb_1331_11eb)
}

/// Multiply-rotate over eight bytes at a time, mixed at the end.
#[derive(Clone, Copy)]
pub(crate) struct Fast(u64);

impl Default for Fast {
    fn default() -> Fast {
        Fast(seed())
    }
}

impl Fast {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fast {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(le_padded(rest) ^ (rest.len() as u64) << 59);
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(n as u64);
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        mix(self.0)
    }
}

/// Eight bytes with their ASCII capitals lower-cased, all at once (as
/// `make_ascii_lowercase` would, byte by byte); bytes of 128 and above are left be.
#[inline(always)]
pub(crate) fn lower_ascii8(v: u64) -> u64 {
    const ONES: u64 = u64::MAX / 0xff;
    let low7 = v & (0x7f * ONES);
    let above_z = low7 + (0x7f - b'Z' as u64) * ONES;
    let from_a = low7 + (0x80 - b'A' as u64) * ONES;
    let upper = !v & (from_a ^ above_z) & (0x80 * ONES);
    v | (upper >> 2)
}

/// The first eight bytes of `bytes` (all of them when fewer) as a little-endian number,
/// padded with zeros: what copying them into a zeroed `[u8; 8]` gives, without the call to
/// `memcpy` a copy of variable length becomes. Shorter runs are read in two overlapping
/// halves ("abcdef": "abcd" and "cdef" moved up two bytes).
#[inline]
pub(crate) fn le_padded(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if n >= 8 {
        u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"))
    } else if n >= 4 {
        let low = u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"));
        let high = u32::from_le_bytes(bytes[n - 4..].try_into().expect("4 bytes"));
        u64::from(low) | u64::from(high) << (8 * (n - 4))
    } else if n > 0 {
        u64::from(bytes[0])
            | u64::from(bytes[n / 2]) << (8 * (n / 2))
            | u64::from(bytes[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fast>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<Fast>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash<T: std::hash::Hash + ?Sized>(x: &T) -> u64 {
        BuildHasherDefault::<Fast>::default().hash_one(x)
    }

    #[test]
    fn eight_bytes_lower_case_as_each_byte_does() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"aZ@[`{\xc3Q";
                bytes[at] = b;
                let mut want = bytes;
                want.make_ascii_lowercase();
                let got = lower_ascii8(u64::from_le_bytes(bytes)).to_le_bytes();
                assert_eq!(got, want, "{bytes:?}");
            }
        }
    }

    #[test]
    fn equal_keys_hash_alike_and_near_keys_apart() {
        assert_eq!(hash("Motegi"), hash("Motegi"));
        assert_eq!(hash(&(3usize, 4usize)), hash(&(3usize, 4usize)));
        let words = [
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefgi",
            "",
        ];
        let mut seen: Vec<u64> = words.iter().map(|w| hash(*w)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), words.len());
        // buckets come from the low bits: consecutive numbers spread over them
        let low: FastSet<u64> = (0..1024usize).map(|n| hash(&n) & 1023).collect();
        assert!(low.len() > 550, "{}", low.len());
    }

    #[test]
    fn padded_loads_are_zero_padded_copies() {
        let bytes: Vec<u8> = (1..=12).collect();
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let part = &bytes[start..end];
                let mut copy = [0u8; 8];
                let n = part.len().min(8);
                copy[..n].copy_from_slice(&part[..n]);
                assert_eq!(le_padded(part), u64::from_le_bytes(copy), "{part:?}");
            }
        }
    }

    #[test]
    fn maps_work() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for (i, w) in ["x", "y", "x"].iter().enumerate() {
            *m.entry(w.to_string()).or_default() += i;
        }
        assert_eq!(m["x"], 2);
        assert_eq!(m["y"], 1);
    }
}
