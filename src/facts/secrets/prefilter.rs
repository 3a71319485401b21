//! The keyword prefilter of the secret scan, as gitleaks does it: every
//! check needs a literal somewhere in the line (`AKIA`, `ghp_`, `://`,
//! `token`...). One Aho-Corasick automaton finds them all in one pass, so
//! the regexes run only on the few lines that could match, and a blob with
//! no keyword is never decoded or split into lines.
//!
//! Soundness rests on each keyword being a substring of every match of its
//! check.
//!
//! The overlapping search (every keyword occurrence, for the checks each
//! line needs) is a DFA that steps byte by byte. So it runs only on the
//! lines that hold a keyword at all, found first by a leftmost search over
//! an ASCII-lower-cased copy, with lower-case keywords: case-sensitive, so
//! the automaton can skip ahead with its SIMD (Teddy) prefilter, and past
//! the rest of a line once the line is known to hold one. The two
//! non-ASCII keywords are searched for apart (SIMD substring search). The case-insensitive check (`ASSIGNED_SECRET`, `(?i)`) folds
//! Unicode too: `ſ` (U+017F) matches `s` and the Kelvin sign `K` (U+212A)
//! matches `k`, so those two characters are keywords as well.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use std::sync::LazyLock;

/// Bit of the `scheme://user:password@host` check.
pub(super) const URL: u16 = 1 << 9;
/// Bit of the secret-named assignment check.
pub(super) const ASSIGNED: u16 = 1 << 10;
/// Bit of the password-passed-to-`login()` check.
pub(super) const LOGIN: u16 = 1 << 11;
/// Bit of the password-typed-into-a-form check (`send_keys`, `fill`).
pub(super) const TYPED: u16 = 1 << 12;

/// (keyword, checks it may start): bits 0 to 8 are the token formats, in
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
    ("dbtc_", 1 << 7),
    ("dbtu_", 1 << 7),
    ("GOCSPX-", 1 << 8),
    ("://", URL),
    ("secret", ASSIGNED),
    ("passw", ASSIGNED | TYPED),
    ("pwd", ASSIGNED | TYPED),
    ("token", ASSIGNED),
    ("api", ASSIGNED),
    ("access", ASSIGNED),
    ("private", ASSIGNED),
    (".login(", LOGIN),
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

/// The ASCII keywords lower-cased, for a leftmost, case-sensitive search
/// over lower-cased text: it matches where the case-insensitive automaton
/// does, since lower-casing ASCII keeps every byte's place. All are three
/// bytes or longer, so its prefilter compares three-byte fingerprints.
static LINE_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(
            KEYWORDS
                .iter()
                .filter(|(k, _)| k.is_ascii())
                .map(|(k, _)| k.to_ascii_lowercase()),
        )
        .expect("static keywords")
});

/// The non-ASCII keywords (no ASCII letter in them to fold), searched for
/// on their own: as two- and three-byte patterns among the others they
/// would make the line finder's fingerprints shorter and its false
/// candidates many.
static NON_ASCII: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
    KEYWORDS
        .iter()
        .filter(|(k, _)| !k.is_ascii())
        .map(|(k, _)| memchr::memmem::Finder::new(k.as_bytes()))
        .collect()
});

/// The next occurrence of one non-ASCII keyword at or after a position,
/// remembered so the text is searched once however many lines are asked.
struct Next<'f> {
    finder: &'f memchr::memmem::Finder<'static>,
    /// The last answer and where it was asked from.
    found: Option<(usize, Option<usize>)>,
}

impl Next<'_> {
    fn at_or_after(&mut self, hay: &[u8], from: usize) -> Option<usize> {
        if let Some((asked, found)) = self.found
            && asked <= from
            && found.is_none_or(|f| f >= from)
        {
            return found;
        }
        let found = hay
            .get(from..)
            .and_then(|rest| self.finder.find(rest))
            .map(|n| from + n);
        self.found = Some((from, found));
        found
    }
}

/// The bytes with ASCII letters lower-cased, in one pass (where
/// `to_ascii_lowercase` copies, then lower-cases the copy).
fn lower_cased(bytes: &[u8]) -> Vec<u8> {
    bytes.iter().map(u8::to_ascii_lowercase).collect()
}

/// Whether any keyword occurs in the bytes.
pub(super) fn any_hit(bytes: &[u8]) -> bool {
    NON_ASCII.iter().any(|f| f.find(bytes).is_some()) || LINE_FINDER.is_match(&lower_cased(bytes))
}

/// Every keyword occurrence as (byte offset, check bits), sorted by
/// offset. Keywords hold no newline, so each lies within one line: a line
/// holding an ASCII keyword holds a leftmost match of the line finder (an
/// occurrence that search skipped overlaps a match, in the same line), a
/// line holding a non-ASCII one is found by its own search, and the
/// overlapping search of such a line alone finds all of its occurrences.
pub(super) fn line_hits(text: &str) -> Vec<(usize, u16)> {
    let bytes = text.as_bytes();
    let lower = lower_cased(bytes);
    let mut others: Vec<Next<'_>> = NON_ASCII
        .iter()
        .map(|finder| Next {
            finder,
            found: None,
        })
        .collect();
    let mut hits: Vec<(usize, u16)> = Vec::new();
    let mut from = 0;
    while from < bytes.len() {
        let ascii = LINE_FINDER
            .find(aho_corasick::Input::new(&lower).span(from..lower.len()))
            .map(|m| m.start());
        let Some(at) = others
            .iter_mut()
            .filter_map(|n| n.at_or_after(bytes, from))
            .chain(ascii)
            .min()
        else {
            break;
        };
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1);
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        let first = hits.len();
        hits.extend(
            AUTOMATON
                .find_overlapping_iter(&bytes[start..end])
                .map(|m| (start + m.start(), KEYWORDS[m.pattern().as_usize()].1)),
        );
        hits[first..].sort_unstable_by_key(|h| h.0);
        from = end + 1;
    }
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

    /// The overlapping search over the whole text, as it ran before the
    /// line finder: `line_hits` must give the same occurrences.
    fn all_hits(text: &str) -> Vec<(usize, u16)> {
        let mut hits: Vec<(usize, u16)> = AUTOMATON
            .find_overlapping_iter(text)
            .map(|m| (m.start(), KEYWORDS[m.pattern().as_usize()].1))
            .collect();
        hits.sort_unstable_by_key(|h| h.0);
        hits
    }

    proptest::proptest! {
        /// Lines of keywords (in any case, overlapping, side by side) and
        /// filler: the line finder misses no occurrence and adds none.
        #[test]
        fn line_finder_agrees(parts in proptest::collection::vec(0usize..12, 0..40)) {
            const PIECES: &[&str] = &[
                "AKIASIAkia", "aizAkia", "PRIVATE KEY", "Private", "xoxox", "\n",
                "\u{17F}\u{212A}", "sk-ghp_", "x = 1", "passwd:token", "://", "\r\n",
            ];
            let text: String = parts.iter().map(|i| PIECES[*i]).collect();
            proptest::prop_assert_eq!(line_hits(&text), all_hits(&text));
            proptest::prop_assert_eq!(any_hit(text.as_bytes()), !all_hits(&text).is_empty());
        }
    }

    #[test]
    fn hits_carry_their_checks() {
        let hits = line_hits("x = 1\nurl = 'https://a:b@c'\n");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].1, URL);
        assert!(!any_hit(b"def add(a, b):\n    return a + b\n"));
    }
}
