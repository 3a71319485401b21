//! Values and lines that say they hold no credential: a stand-in made of
//! credential words or a placeholder's shape, and a line its author
//! marked for the scanners.

use super::labels::{is_chain_address, is_substitution_marker, names_a_credential};

/// A line its author marked as reviewed and not a secret, in the words
/// the scanners read: bandit's `# nosec` and ruff's `# noqa: S105` (S106,
/// S107), detect-secrets' `pragma: allowlist secret`, gitleaks'
/// `gitleaks:allow`.
pub fn marked_not_secret(line: &str) -> bool {
    let Some((_, comment)) = line.split_once('#') else {
        return false;
    };
    let c = comment.to_ascii_lowercase();
    c.contains("nosec")
        || c.contains("pragma: allowlist secret")
        || c.contains("gitleaks:allow")
        || c.split_once("noqa:").is_some_and(|(_, codes)| {
            codes
                .split([',', ' '])
                .any(|code| matches!(code.trim(), "s105" | "s106" | "s107"))
        })
}

/// Whether a value is a stand-in rather than a secret.
pub fn is_placeholder(value: &str) -> bool {
    is_login_stand_in(value) || typed_stand_in(&value.to_ascii_lowercase())
}

/// What people type where a value has to go and that no generator makes:
/// one credential word ([`one_credential_word`]), runs of the alphabet,
/// the digits or a keyboard row (`ABCDEFGH12345678`, `qwerty123456`), or
/// a phrase in leetspeak (`7h3_m@$7_$3cr37_k3y`). Not for a login: a real
/// account's password may well be one of these.
fn typed_stand_in(v: &str) -> bool {
    one_credential_word(v)
        || keyboard_runs(v)
        || holds_a_long_run(v)
        || leet_phrase(v)
        || names_a_stored_secret(v)
}

/// A value with eight or more characters in a row along the alphabet, the
/// digits or a keyboard row (`e_0123456789_12345_testtoken`): typed by a
/// person filling in the shape of a key. A generator draws each character
/// on its own, and eight in sequence come up about once in 62^7 tries.
fn holds_a_long_run(v: &str) -> bool {
    let b = v.as_bytes();
    (0..b.len()).any(|i| run_at(b, i) >= 8)
}

/// The name a secret is stored under, passed where the code looks it up
/// (`get_password(secret_key="elastic_secret")`): two lower-case words,
/// the first naming a service (five letters or more, so `api_key` stays a
/// value), the last a credential word. A generated value has no words.
fn names_a_stored_secret(v: &str) -> bool {
    let Some((first, last)) = v.split_once(['_', '-']) else {
        return false;
    };
    first.len() >= 5
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && ["secret", "key", "password", "token"].contains(&last)
}

/// [`is_placeholder`] for a value set under a name: a stock password under
/// a password name (`MYSQL_ROOT_PASSWORD: password`) stays a development
/// credential, though the same word elsewhere is a stand-in.
pub fn is_stand_in_for(name: &str, value: &str) -> bool {
    is_login_stand_in(value)
        || (typed_stand_in(&value.to_ascii_lowercase()) && !super::is_dev_value(name, value))
}

/// [`is_placeholder`] but for a word and a number (`Password@123`): typed
/// into a login form or passed to `login()`, that is the password of an
/// account someone made on a real site.
pub fn is_login_stand_in(value: &str) -> bool {
    placeholder_shape(value) || credential_words_run_together(&value.to_ascii_lowercase())
}

/// [`is_placeholder`] but for credential words run together or a word and
/// a number (`password123`), which a real host's password in a URL may
/// well be.
pub(super) fn placeholder_shape(value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    // References to a variable or template, not values.
    if v.starts_with('$')
        || v.starts_with("%(")
        || v.contains("{{")
        || v.starts_with("my_")
        || v.starts_with("my-")
        || is_substitution_marker(&v)
    {
        return true;
    }
    // A rate limit (`"token": "5/minute"` in DRF's throttle rates).
    if let Some((n, unit)) = v.split_once('/') {
        if !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && [
                "s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day",
            ]
            .iter()
            .any(|u| unit == *u || unit.strip_suffix('s') == Some(u))
        {
            return true;
        }
    }
    // A word in another script (`"Password": "Κωδικός"`, a translation
    // table) is a label, not a credential.
    if value.chars().all(|c| c.is_alphabetic() && !c.is_ascii()) && !value.is_empty() {
        return true;
    }
    super::hygiene::PLACEHOLDERS.iter().any(|p| v.contains(p))
        || v.chars().all(|c| c == v.chars().next().unwrap_or('x'))
        || names_a_credential(value)
        || only_credential_words(&v)
        || described_in_words(&v)
        || is_chain_address(&v)
        || is_secret_reference(&v)
        || is_credential_store_path(&v)
}

/// A path in a password store (`pass show huggingface/token`,
/// `runpod/api-key`): words and slashes, the last part naming a
/// credential. The code reads the value from the store at run time.
fn is_credential_store_path(v: &str) -> bool {
    let parts: Vec<&str> = v.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_' || b == b'.')
        })
        && parts.last().is_some_and(|last| {
            last.split(['-', '_', '.']).any(|w| {
                matches!(
                    w,
                    "token"
                        | "key"
                        | "apikey"
                        | "secret"
                        | "password"
                        | "passwd"
                        | "pat"
                        | "credentials"
                )
            })
        })
}

/// Whether `v` is made only of runs of four or more characters that follow
/// each other on the alphabet, among the digits or along a keyboard row.
fn keyboard_runs(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() < 8 {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        let longest = run_at(b, i);
        if longest < 4 {
            return false;
        }
        i += longest;
    }
    true
}

/// The longest run starting at `b[i]` along the alphabet, the digits or a
/// keyboard row.
fn run_at(b: &[u8], i: usize) -> usize {
    const ROWS: &[&str] = &[
        "abcdefghijklmnopqrstuvwxyz",
        "01234567890",
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm",
    ];
    ROWS.iter()
        .filter_map(|row| {
            let start = row.find(b[i] as char)?;
            let row = &row.as_bytes()[start..];
            Some(b[i..].iter().zip(row).take_while(|(x, y)| x == y).count())
        })
        .max()
        .unwrap_or(0)
}

/// A phrase of words in leetspeak (`7h3_m@$7_$3cr37_k3y`): read back as
/// letters, three or more parts, every one a word, one of them naming a
/// credential. A generated key has no separators between words.
fn leet_phrase(v: &str) -> bool {
    if !v.bytes().any(|b| b"0134578@$!".contains(&b)) {
        return false;
    }
    let letters: String = v
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            '8' => 'b',
            c => c,
        })
        .collect();
    let parts: Vec<&str> = letters.split(['_', '-', '.']).collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            p.len() >= 2
                && p.bytes().all(|b| b.is_ascii_lowercase())
                && p.bytes().any(|b| b"aeiouy".contains(&b))
        })
        && parts
            .iter()
            .any(|p| SELF_DESCRIBING.contains(p) || WORDS.contains(p))
}

/// Where a secret manager keeps the value (`secret://pricing-db-password`,
/// `op://vault/item/field`, `arn:aws:secretsmanager:...`, a Google
/// `projects/p/secrets/name` resource): a pointer read at run time, which
/// is how a credential should be kept, not the credential.
fn is_secret_reference(v: &str) -> bool {
    const SCHEMES: &[&str] = &[
        "secret://",
        "secrets://",
        "vault://",
        "vault:",
        "op://",
        "sm://",
        "gsm://",
        "ssm://",
        "awssm://",
        "keyvault://",
        "azurekeyvault://",
        "doppler://",
        "infisical://",
        "arn:aws:secretsmanager:",
        "arn:aws:ssm:",
    ];
    SCHEMES.iter().any(|s| v.starts_with(s))
        || v.strip_prefix("projects/")
            .and_then(|r| r.split_once('/'))
            .is_some_and(|(_, r)| r.starts_with("secrets/"))
}

/// A value made only of the words that name a credential (`secret_pass`,
/// `super-secret-password`, `test_login`, or `invalid-password` for a test
/// of a refused login): a stand-in someone typed for an example, not a
/// credential anyone issued.
const WORDS: &[&str] = &[
    "secret",
    "pass",
    "password",
    "passwd",
    "pwd",
    "login",
    "user",
    "username",
    "some",
    "super",
    "secure",
    "strong",
    "test",
    "demo",
    "sample",
    "wrong",
    "invalid",
    "incorrect",
];

/// Words a value uses to say what it is for: `ci-signing-key-for-tests`.
const SELF_DESCRIBING: &[&str] = &[
    "key", "keys", "secret", "token", "signing", "password", "pass", "test", "tests", "testing",
    "dev", "local", "ci", "smoke", "demo", "dummy", "sample", "only", "default", "insecure",
];

/// A value written out in words that say what it is for
/// (`k6-smoke-key-with-64-chars-minimum-for-jwt-signing-000001`): a
/// person typed it as a stand-in for a test or a local run. A generated
/// key is one run of random characters (or, in a provider's format, a
/// prefix and one such run), never four parts that are mostly words.
pub(super) fn described_in_words(v: &str) -> bool {
    // One token: text with spaces is a sentence or a key's armour line
    // (`-----BEGIN PRIVATE KEY-----`), judged elsewhere.
    if v.contains(char::is_whitespace) {
        return false;
    }
    let parts: Vec<&str> = v.split(['-', '_', '.']).filter(|p| !p.is_empty()).collect();
    let is_word = |p: &&str| {
        p.len() >= 2
            && p.bytes().all(|b| b.is_ascii_lowercase())
            && p.bytes().any(|b| b"aeiouy".contains(&b))
    };
    let words = parts.iter().filter(|p| is_word(p)).count();
    parts.len() >= 4
        && words >= 3
        && 2 * words >= parts.len()
        && parts.iter().any(|p| SELF_DESCRIBING.contains(p))
}

/// One credential word on its own, maybe with digits or a symbol after it
/// (`SECRET`, `Password123!`, `test1234`): what people type where a value
/// has to go. A generated credential is never a dictionary word.
pub(super) fn one_credential_word(v: &str) -> bool {
    const ALONE: &[&str] = &[
        "secret", "password", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "passwd", "pwd", "token",
        "key", "apikey", "test", "demo", "sample", "login",
    ];
    let core = v.trim_end_matches(|c: char| c.is_ascii_digit() || "!@#$%*.?".contains(c));
    ALONE.contains(&core)
}

/// `testpassword`, `supersecret`: the same words run together. A stand-in
/// in a setting; for a real host's login in a URL it is still the password
/// someone chose, so the URL check does not ask this.
pub(super) fn credential_words_run_together(v: &str) -> bool {
    v.is_ascii() && v.len() <= 24 && run_together(v, WORDS) >= 2
}

pub(super) fn only_credential_words(v: &str) -> bool {
    let parts: Vec<&str> = v.split(['_', '-', ' ']).collect();
    let credential = parts.iter().filter(|p| WORDS.contains(p)).count();
    // One other word may name the app (`super-secret-kubemate`), but only
    // a word: `secret_sauce_2024` is a value someone chose.
    let others = parts.len() - credential;
    parts.len() >= 2
        && (others == 0
            || (others == 1
                && credential >= 2
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))))
}

/// How many of `words` spell `v` end to end with nothing else (`testpassword`
/// is two), or 0 when they cannot.
fn run_together(v: &str, words: &[&str]) -> usize {
    // best[i]: the fewest words spelling v[..i], if any do.
    let mut best: Vec<Option<usize>> = vec![None; v.len() + 1];
    best[0] = Some(0);
    for i in 0..v.len() {
        let Some(n) = best[i] else { continue };
        for w in words {
            if v[i..].starts_with(w) {
                let j = i + w.len();
                best[j] = Some(best[j].map_or(n + 1, |m: usize| m.min(n + 1)));
            }
        }
    }
    best[v.len()].unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::described_in_words;

    #[test]
    fn a_value_that_says_what_it_is_for_is_a_stand_in() {
        assert!(described_in_words(
            "k6-smoke-key-with-64-chars-minimum-for-jwt-signing-000000001"
        ));
        assert!(described_in_words("only-for-local-dev-signing"));
        // Generated keys, in a provider's format or not.
        assert!(!described_in_words("sk_live_51H8xQ2eZvKYlo2C0aBcDeFgHiJk"));
        assert!(!described_in_words("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
        assert!(!described_in_words("a3f9c2e87b1d4e6fa0c5b2d9e8f7a6b5"));
        // A deliberately wrong password, for a test of a refused login.
        assert!(super::only_credential_words("invalid-password"));
        assert!(super::only_credential_words("wrong_password"));
        // Words, but none saying it is a stand-in: a passphrase someone chose.
        assert!(!described_in_words("correct-horse-battery-staple"));
        // An adjective and a credential word.
        assert!(super::only_credential_words("secure_password"));
        assert!(!super::only_credential_words("secure_pass_2024"));
    }

    #[test]
    fn a_secret_managers_reference_is_no_credential() {
        use super::is_secret_reference;
        for v in [
            "secret://pricing-db-password-dev",
            "op://prod/postgres/password",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-abc",
            "projects/acme/secrets/db-password/versions/latest",
        ] {
            assert!(is_secret_reference(v), "{v}");
        }
        for v in [
            "s3cr3t-9xk2-q81",
            "projects/acme/buckets/raw",
            "https://vault.example.com",
        ] {
            assert!(!is_secret_reference(v), "{v}");
        }
    }

    #[test]
    fn typed_runs_leetspeak_and_store_paths_are_stand_ins() {
        use super::{is_credential_store_path, keyboard_runs, leet_phrase};
        for v in ["abcdefgh12345678", "qwerty123456", "1234567890", "asdf1234"] {
            assert!(keyboard_runs(v), "{v}");
        }
        for v in ["a3f9c2e87b1d4e6f", "abc12345", "passw0rd", "abcdxyz9"] {
            assert!(!keyboard_runs(v), "{v}");
        }
        assert!(leet_phrase("7h3_m@$7_$3cr37_k3y"));
        assert!(leet_phrase("my-5up3r-53cr37"));
        // Generated values: no words between the separators.
        for v in [
            "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
            "sk_live_51h8xq2ezvkylo2c0abcdefghijk",
            "correct-horse-battery-staple",
            "4h7_9kq_b3xz",
        ] {
            assert!(!leet_phrase(v), "{v}");
        }
        for v in ["huggingface/token", "runpod/api-key", "prod/db/password"] {
            assert!(is_credential_store_path(v), "{v}");
        }
        for v in ["ab12/cd34/token9", "user/repo", "token", "ghp_x/y"] {
            assert!(!is_credential_store_path(v), "{v}");
        }
        // Typed into a login, a run of digits stays an account's password.
        assert!(super::is_placeholder("ABCDEFGH12345678"));
        assert!(!super::is_login_stand_in("ABCDEFGH12345678"));
    }

    #[test]
    fn sequences_inside_a_value_and_stored_secret_names_are_stand_ins() {
        use super::{holds_a_long_run, names_a_stored_secret};
        for v in ["e_0123456789_12345_osotesttoken01xiin", "key-abcdefghxq"] {
            assert!(holds_a_long_run(v), "{v}");
        }
        // Generated keys: short runs happen, eight in a row do not.
        for v in ["a3f9c2e87b1d4e6f0123c9", "sk_live_51h8xq2ezvkylo2c0abcdefg"] {
            assert!(!holds_a_long_run(v), "{v}");
        }
        assert!(names_a_stored_secret("elastic_secret"));
        assert!(names_a_stored_secret("github-token"));
        for v in [
            "x9_secret",
            "elastic_secret_2",
            "elastic_sauce",
            "db_secret",
            "api_key",
        ] {
            assert!(!names_a_stored_secret(v), "{v}");
        }
        // Both are stand-ins in a setting, a provider-shaped key included.
        assert!(!crate::facts::secrets::is_real_key(
            "OSO_API_KEY",
            "e_0123456789_12345_osotesttoken01xiIn"
        ));
    }

    #[test]
    fn one_credential_word_with_a_number_is_a_stand_in() {
        use super::one_credential_word;
        for v in ["secret", "password123!", "test1234", "p@ssw0rd1", "token"] {
            assert!(one_credential_word(v), "{v}");
        }
        // A chosen word, or a word inside a longer value, is not.
        for v in [
            "perfgate123!",
            "secret_sauce_2024",
            "tokenizer",
            "s3cr3t-9xk2",
            "",
        ] {
            assert!(!one_credential_word(v), "{v}");
        }
    }
}
