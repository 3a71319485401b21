//! The keyword prefilter of the secret scan, as gitleaks does it: every
//! check needs a literal somewhere in the line (`AKIA`, `ghp_`, `://`,
//! `token`...). One Aho-Corasick automaton finds them all in one pass, so
//! the regexes run only on the few lines that could match, and a blob with
//! no keyword is never decoded or split into lines.
//!
//! Soundness rests on each keyword being a substring of every match of its
//! check. The case-insensitive check (`ASSIGNED_SECRET`, `(?i)`) folds
//! Unicode too: `ſ` (U+017F) matches `s` and the Kelvin sign `K` (U+212A)
//! matches `k`, so those two characters are keywords as well.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use std::sync::LazyLock;

/// Bit of the `scheme://user:password@host` check.
pub(super) const URL: u16 = 1 << 7;
/// Bit of the secret-named assignment check.
pub(super) const ASSIGNED: u16 = 1 << 8;

/// (keyword, checks it may start): bits 0 to 6 are the token formats, in
/// the order of `SECRET_PATTERNS`.
const KEYWORDS: &[(&str, u16)] = &[
    ("AKIA", 1 << 0),
    ("ASIA", 1 << 0),
    ("ghp_", 1 << 1),
    ("gho_", 1 << 1),
    ("ghu_", 1 << 1),
    ("ghs_", 1 << 1),
    ("ghr_", 1 << 1),
    ("github_pat_", 1 << 1),
    ("sk-", 1 << 2),
    ("xox", 1 << 3),
    ("k_live_", 1 << 4),
    ("AIza", 1 << 5),
    ("PRIVATE KEY", 1 << 6),
    ("://", URL),
    ("secret", ASSIGNED),
    ("passw", ASSIGNED),
    ("pwd", ASSIGNED),
    ("token", ASSIGNED),
    ("api", ASSIGNED),
    ("access", ASSIGNED),
    ("private", ASSIGNED),
    // Unicode case folding of `s` and `k` under `(?i)`.
    ("\u{17F}", ASSIGNED),
    ("\u{212A}", ASSIGNED),
];

/// ASCII case-insensitive: looser than the case-sensitive token formats
/// need, which only costs a regex run on a line, never a finding. A DFA:
/// two dozen short keywords make a small one, and it is the fastest kind
/// for the overlapping search every line's checks need.
static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(KEYWORDS.iter().map(|(k, _)| k))
        .expect("static keywords")
});

/// Whether any keyword occurs in the bytes.
pub(super) fn any_hit(bytes: &[u8]) -> bool {
    AUTOMATON.is_match(bytes)
}

/// Every keyword occurrence as (byte offset, check bits), sorted by
/// offset. Keywords hold no newline, so each lies within one line.
pub(super) fn line_hits(text: &str) -> Vec<(usize, u16)> {
    let mut hits: Vec<(usize, u16)> = AUTOMATON
        .find_overlapping_iter(text)
        .map(|m| (m.start(), KEYWORDS[m.pattern().as_usize()].1))
        .collect();
    hits.sort_unstable_by_key(|h| h.0);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The only non-ASCII characters that `(?i)` folds onto an ASCII
    /// letter are the two listed as keywords; if a regex update adds one,
    /// this fails before the prefilter can hide a finding.
    #[test]
    fn unicode_folds_onto_ascii_letters_are_keywords() {
        let letter = Regex::new(r"(?i)^[a-z]$").expect("regex");
        let folded: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folded, vec!['\u{17F}', '\u{212A}']);
    }

    #[test]
    fn hits_carry_their_checks() {
        let hits = line_hits("x = 1\nurl = 'https://a:b@c'\n");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].1, URL);
        assert!(!any_hit(b"def add(a, b):\n    return a + b\n"));
    }
}
