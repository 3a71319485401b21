//! Values that are labels, not credentials: a setting's own name spelled
//! again (`HTPASSWD = "htpasswd"`), another word of it (`K3S_TOKEN=k3s`),
//! the name of a credential setting (`db_password` as a lookup key), a
//! template's substitution marker (`<API_KEY>`) or a public chain address.
//! The secret scan asks these before it calls a value a leak.

/// An Ethereum-style address (`0x` and 40 hex digits): a token contract or
/// a wallet, public by design. `USDC_TOKEN = "0xA0b8..."` names a contract,
/// not a credential. (A private key is 64 hex digits: not this.)
pub(super) fn is_chain_address(v: &str) -> bool {
    v.strip_prefix("0x")
        .is_some_and(|hex| hex.len() == 40 && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A marker a template substitutes (`%BOTTLE_PATH%`, `<API_KEY>`,
/// `__TOKEN__`, `[SECRET]`): a name in delimiters, no value. A name has
/// two digits at most: `%a8Fq2zLm9Xw4%` is a value in delimiters.
pub(super) fn is_substitution_marker(v: &str) -> bool {
    let word = |inner: &str| {
        !inner.is_empty()
            && inner.chars().filter(char::is_ascii_digit).count() <= 2
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
    };
    [("%", "%"), ("<", ">"), ("__", "__"), ("[", "]"), ("{", "}")]
        .iter()
        .any(|(open, close)| {
            v.len() > open.len() + close.len()
                && v.strip_prefix(open)
                    .and_then(|r| r.strip_suffix(close))
                    .is_some_and(word)
        })
}

/// A value that spells its own name (`HTPASSWD = "htpasswd"`, an enum of
/// auth methods; `PASSWORD_FIELD = "password_field"`): a label, not a
/// credential. Compared without case, `_` or `-`.
pub fn is_own_name(name: &str, value: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
    };
    // A prompt or a label ends like one: `Password = "Password:"`.
    let value = value.trim_end_matches([':', '?', ' ']);
    !value.is_empty()
        && (norm(name) == norm(value)
            || is_word_of_name(name, value)
            || is_tail_of_name(name, value))
}

/// A value spelling the last two or more words of its name in another
/// case (`"AWS_SECRET_ACCESS_KEY": "SecretAccessKey"`, a map from
/// environment names to an API's field names): a field name, not a
/// credential. Letters only, so a generated value never matches.
fn is_tail_of_name(name: &str, value: &str) -> bool {
    if !value.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let words: Vec<String> = name
        .split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    // `AWSSECRETACCESSKEY` has no separators to count words by; the
    // value's humps do (`SecretAccessKey`).
    let humps = value.chars().filter(char::is_ascii_uppercase).count();
    let value = value.to_ascii_lowercase();
    (2..=words.len()).any(|k| words[words.len() - k..].concat() == value)
        || (humps >= 2 && value.len() < name.len() && words.concat().ends_with(&value))
}

/// A short value that is one of its name's other words (`K3S_TOKEN=k3s`,
/// `GRAFANA_API_KEY=grafana`): a stand-in someone typed, not a generated
/// credential. Passwords are left out: `POSTGRES_PASSWORD=postgres` is a
/// service's stock login, which the development-credential check judges.
fn is_word_of_name(name: &str, value: &str) -> bool {
    const CREDENTIAL_WORDS: &[&str] = &["token", "key", "secret", "api", "auth", "access"];
    const PASSWORD_WORDS: &[&str] = &["password", "passwd", "pass", "pwd"];
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(['_', '-', '.'])
        .filter(|w| !w.is_empty())
        .collect();
    let value = value.to_ascii_lowercase();
    (2..=12).contains(&value.len())
        && value.chars().all(|c| c.is_ascii_alphanumeric())
        && !words.iter().any(|w| PASSWORD_WORDS.contains(w))
        && words
            .iter()
            .any(|w| *w == value && !CREDENTIAL_WORDS.contains(w))
}

/// A value spelled like the name of a credential setting rather than a
/// credential: `entropy_data_api_key` in a map from old option names to
/// new ones, `db_password` as a lookup key. Lower-case words joined by
/// underscores, three or more, the last one a credential word.
pub(super) fn names_a_credential(value: &str) -> bool {
    let parts: Vec<&str> = value.split('_').collect();
    parts.len() >= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts
            .last()
            .is_some_and(|l| ["key", "password", "passwd", "pwd", "token", "secret"].contains(l))
}

/// Whether an env key names a setting *about* a credential, not the
/// credential: how long a token lives (`ACCESS_TOKEN_EXPIRE_MINUTES`),
/// how passwords are hashed (`PASSWORD_HASH_ALGORITHM`), where a secret
/// is kept (`DB_PASSWORD_FILE`). Its last word says so.
pub(super) fn is_setting_about_a_secret(key: &str) -> bool {
    const QUALIFIERS: &[&str] = &[
        "EXPIRE",
        "EXPIRES",
        "EXPIRY",
        "EXPIRATION",
        "SECONDS",
        "MINUTES",
        "HOURS",
        "DAYS",
        "TTL",
        "LIFETIME",
        "TIMEOUT",
        "ALGORITHM",
        "ALGO",
        "LENGTH",
        "ROUNDS",
        "HEADER",
        "PREFIX",
        "TYPE",
        "URL",
        "URI",
        "ENDPOINT",
        "PATH",
        "FILE",
        "ENABLED",
        "REQUIRED",
    ];
    key.rsplit(['_', '-'])
        .next()
        .is_some_and(|last| QUALIFIERS.contains(&last.to_ascii_uppercase().as_str()))
}
