//! The shapes of credentials no one types and of their documented
//! stand-ins: a Google app password (four groups of four letters), and a
//! PEM header whose body an example leaves out.

use super::placeholder_shape;
use regex::Regex;
use std::sync::LazyLock;

/// A password setting holding a Google app password: group 1 the name,
/// group 2 the value.
pub(super) static APP_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b([A-Za-z_]*(?:passw(?:or)?d|pwd|pass))["']?\s*[:=]\s*["']?((?-i:[a-z]{4} [a-z]{4} [a-z]{4} [a-z]{4}|[a-z]{16}))["']?\s*(?:[,;)#]|$)"#)
        .expect("static regex")
});

/// `abcd efgh ijkl mnop`: the alphabet in order, a documented shape.
fn is_alphabet_run(value: &str) -> bool {
    let letters: Vec<u8> = value.bytes().filter(u8::is_ascii_lowercase).collect();
    letters.windows(2).all(|w| w[1] == w[0] + 1)
}

/// A Google app password (`qwhz mlpt vrax kebn`) under a password name:
/// generated, never typed, so a live credential wherever it sits.
pub(super) fn is_app_password(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let groups: Vec<&str> = value.split(' ').collect();
    let spaced = groups.len() == 4
        && groups
            .iter()
            .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_lowercase()));
    // Pasted without its spaces it is 16 letters, which a typed password
    // can be too ("mysecretpassword"): only a letter salad no one would
    // say aloud counts.
    let run_together = value.len() == 16
        && value.bytes().all(|b| b.is_ascii_lowercase())
        && unpronounceable(value);
    (lower.contains("pass") || lower.contains("pwd"))
        && (spaced || run_together)
        && !placeholder_shape(value)
        && !is_alphabet_run(value)
}

/// Five or more consonants in a row (`y` counted as a vowel): English
/// words and typed pass phrases almost never have them; random letters
/// almost always do.
fn unpronounceable(value: &str) -> bool {
    let mut run = 0;
    for b in value.bytes() {
        run = if b"aeiouy".contains(&b) { 0 } else { run + 1 };
        if run >= 5 {
            return true;
        }
    }
    false
}

/// What follows a `-----BEGIN ... PRIVATE KEY-----` header on its line is
/// an ellipsis, a `<marker>` or the END line at once: a documented shape
/// (`"-----BEGIN PRIVATE KEY-----\n..."` in a settings example), no key.
/// A header alone on its line, as in a real PEM file, is kept.
pub(super) fn elided_key_body(after: &str) -> bool {
    let mut rest = after;
    loop {
        let trimmed = rest
            .trim_start()
            .trim_start_matches("\\n")
            .trim_start_matches("\\r");
        if trimmed.len() == rest.len() {
            break;
        }
        rest = trimmed;
    }
    let upper = rest.to_ascii_uppercase();
    ["...", "\u{2026}", "<", "-----END", "XXX"]
        .iter()
        .any(|p| upper.starts_with(p))
}
