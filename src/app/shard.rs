//! `--shard I/N`: which targets of a list this run audits.
//!
//! A target belongs to shard `1 + hash(key) mod N`, where the key is its
//! normalised identity: a remote's URL as [`Identity::normalize_remote`]
//! spells it, or a local path as listed (without `./` or a trailing `/`).
//! Hashing rather than taking every N-th line keeps a repository in its
//! shard when the list is edited: adding or removing one line moves only
//! that line, so per-worker caches keep working. The hash is FNV-1a,
//! written out here because std's hasher may change between releases and
//! shards built by two versions must agree.

use super::cli::Shard;
use crate::discover::Target;
use crate::model::Identity;

/// Whether `shard` owns the target with this key.
pub fn owns(shard: Shard, key: &str) -> bool {
    fnv1a(key.as_bytes()) % u64::from(shard.count) == u64::from(shard.index - 1)
}

/// The key of a local target: its path as listed, normalised.
pub fn local_key(target: &Target) -> String {
    let shown = target.path.to_string_lossy().replace('\\', "/");
    let mut key = shown.as_str();
    while let Some(rest) = key.strip_prefix("./") {
        key = rest;
    }
    let key = key.trim_end_matches('/');
    if key.is_empty() {
        ".".to_owned()
    } else {
        key.to_owned()
    }
}

/// The key of a remote target: its URL, credentials and spelling removed.
pub fn remote_key(arg: &str) -> String {
    Identity::normalize_remote(&crate::remote::url_of(arg))
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shard(index: u32, count: u32) -> Shard {
        Shard { index, count }
    }

    #[test]
    fn every_key_belongs_to_exactly_one_shard() {
        for key in ["a", "repos/b", "https://github.com/x/y", ""] {
            let owners = (1..=5).filter(|i| owns(shard(*i, 5), key)).count();
            assert_eq!(owners, 1, "{key}");
        }
    }

    #[test]
    fn the_hash_is_fixed_across_releases() {
        // Published FNV-1a test vectors: shards from two builds must agree.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn spellings_of_one_target_share_a_key() {
        assert_eq!(
            remote_key("https://user:t@GitHub.com/a/b.git/"),
            remote_key("https://github.com/a/b")
        );
        let t = |p: &str| Target {
            name: p.to_owned(),
            path: p.into(),
            kind: crate::discover::TargetKind::Folder,
            problem: None,
        };
        assert_eq!(local_key(&t("./repos/a/")), local_key(&t("repos/a")));
    }
}
