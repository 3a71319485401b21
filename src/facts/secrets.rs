//! Credentials written into files: known token formats, secret-named
//! assignments, passwords in URLs and secret-looking `.env` values. One
//! scanner serves the working tree (HEAD files and Python literals) and the
//! history walk, so a finding means the same thing wherever it was found,
//! and the mapping from a finding to its junk category is written once.

mod config;
mod labels;
mod shapes;
use shapes::{APP_PASSWORD, elided_key_body, is_app_password};
mod prefilter;
mod stand_ins;
mod tool_files;
pub use labels::is_own_name;
use labels::is_setting_about_a_secret;
use stand_ins::placeholder_shape;
pub use stand_ins::{is_login_stand_in, is_placeholder, is_stand_in_for, marked_not_secret};
mod travis;

pub use travis::TRAVIS_SLACK_FINDING;

use super::hygiene::{self, JunkCategory};
use super::text::decode_lossy;
use regex::Regex;
use std::sync::LazyLock;

/// Known token formats; (kind, pattern).
static SECRET_PATTERNS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    [
        ("AWS access key", r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
        (
            "GitHub token",
            r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{50,}\b",
        ),
        ("OpenAI key", r"\bsk-(proj-)?[A-Za-z0-9_-]{20,}\b"),
        ("Slack token", r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),
        ("Stripe live key", r"\b[rs]k_live_[A-Za-z0-9]{16,}\b"),
        ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b"),
        (
            "private key",
            r"-----BEGIN ((RSA|DSA|EC|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----",
        ),
        // dbt Cloud's service (`dbtc_`) and personal (`dbtu_`) tokens.
        ("dbt Cloud token", r"\bdbt[cu]_[A-Za-z0-9_-]{40,}"),
        // A Google OAuth client's secret, as DVC's gdrive remote and
        // `client_secret.json` hold it.
        ("Google OAuth client secret", r"\bGOCSPX-[A-Za-z0-9_-]{28}"),
    ]
    .into_iter()
    .map(|(k, p)| (k, Regex::new(p).expect("static regex")))
    .collect()
});

static SECRET_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(secret|passw|pwd|token|api_?key|access_?key|private_?key|credential|auth_?key)",
    )
    .expect("static regex")
});
/// `SECRET_KEY = "..."` and `password: '...'` with a real-looking value.
static ASSIGNED_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b([A-Za-z_]*(secret|secret_?key|passw(or)?d|pwd|token|api_?key|access_?key|private_?key))\s*[:=]\s*["']([^"'\s]{8,})["']"#)
        .expect("static regex")
});

static SECRET_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[A-Za-z0-9_]*(secret|secret_?key|passw(or)?d|pwd|token|api_?key|access_?key|private_?key|client_?secret)$")
        .expect("static regex")
});

/// Whether a variable, argument or key name says it holds a credential.
pub fn is_secret_name(name: &str) -> bool {
    SECRET_TARGET.is_match(name)
}

/// The kind of known token format found in a text, if any.
pub fn token_kind(text: &str) -> Option<&'static str> {
    SECRET_PATTERNS
        .iter()
        .find(|(_, re)| real_token(re, text))
        .map(|(k, _)| *k)
}

/// Whether `re` matches a token in `text` that is not a documented
/// example: AWS's documentation writes its sample key IDs ending in
/// `EXAMPLE` (`AKIAIOSFODNN7EXAMPLE`), and code copied from it keeps them.
fn real_token(re: &Regex, text: &str) -> bool {
    re.find_iter(text).any(|m| {
        let token = m.as_str();
        // `sk-your-openai-api-key-here` is the shape of a key, not one.
        let example = token.to_ascii_uppercase().ends_with("EXAMPLE");
        let words = token.contains(['-', '_']) && is_placeholder(token);
        !(example || words || elided_key_body(&text[m.end()..]))
    })
}

/// How development credentials are named: a key its framework marks
/// insecure, a stock password of a local database container, a settings
/// default the production settings read from the environment. They are a
/// note for the reviewer, never a leak to rotate.
pub const DEV_KEY: &str = "development credential";

/// How the Python analysis marks a secret-named setting read from the
/// environment by its own name: not a finding, a fact for the settings
/// module that hard-codes its development default.
pub const FROM_ENV: &str = "read from the environment:";

/// How the Python analysis marks a secret-named setting computed at run
/// time (`SECRET_KEY = key_file.read()`, `get_random_secret_key()`): a
/// fact for a sibling settings module that hard-codes its development
/// default (Django's split `base.py` / `prod.py`).
pub const COMPUTED: &str = "computed at run time:";

/// Passwords only a throwaway local service (a database container, a CI
/// service) is given.
const STOCK_PASSWORDS: &[&str] = &[
    "password",
    "postgres",
    "postgres123",
    "pass",
    "secret",
    "root",
    "admin",
    "test",
    "user",
    "guest",
    "mysql",
    "mariadb",
    "mongo",
    "redis",
    "rabbitmq",
    "airflow",
    "django",
    "dev",
    "local",
];

/// Passwords printed on the login pages of public practice sites that
/// test-automation courses drive (Sauce Labs' demo shop, the-internet,
/// OrangeHRM's demo): every tester knows them, and they guard nothing.
const PUBLISHED_PRACTICE_PASSWORDS: &[&str] = &["secret_sauce", "supersecretpassword!", "admin123"];

/// A password under the short key (`pass`, `smtp_pass`, `mail-pass`),
/// lowercase, which a search for `passw` passes by.
fn is_short_pass_key(lower: &str) -> bool {
    lower == "pass" || lower.ends_with("_pass") || lower.ends_with("-pass")
}

/// Whether a value says it is a development credential: marked insecure or
/// dev-only by its framework or author (`django-insecure-...`,
/// `dev-secret-key`), or a stock password given to a password-named key.
pub fn is_dev_value(name: &str, value: &str) -> bool {
    let v = value.to_ascii_lowercase();
    let marked = v.contains("insecure")
        || v.starts_with("dev-")
        || v.starts_with("dev_")
        || v.starts_with("development")
        || v.contains("not-for-production")
        || v.contains("local-only");
    let password = {
        let n = name.to_ascii_lowercase();
        n.contains("passw") || n.contains("pwd") || is_short_pass_key(&n)
    };
    marked
        || (password
            && (STOCK_PASSWORDS.contains(&v.as_str())
                || PUBLISHED_PRACTICE_PASSWORDS.contains(&v.as_str())))
}

/// What a setting's name says its value is: a stand-in or a key public by
/// design (`FAKE_TOKEN`, `DUMMY_KEY`, `docsearch_api_key`: no credential
/// to protect) or a development
/// default (`DEFAULT_BOT_API_KEY`, `DEV_PASSWORD`, `LOCAL_DB_PASSWORD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedAs {
    StandIn,
    Development,
    Unmarked,
}

pub fn named_as(name: &str) -> NamedAs {
    let upper = name.to_ascii_uppercase();
    let words: Vec<&str> = upper.split(['_', '-']).filter(|w| !w.is_empty()).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    // Keys made to be public: a docs site's search-only key (DocSearch,
    // Algolia), a publishable key, a reCAPTCHA site key, a map key (Google
    // Maps, Mapbox: embedded in the pages they serve).
    let public = has(&[
        "DOCSEARCH",
        "PUBLISHABLE",
        "PUBLIC",
        "SEARCH",
        "MAP",
        "MAPS",
        "MAPBOX",
    ]) || (has(&["SITE"]) && has(&["KEY"]));
    if public || has(&["FAKE", "DUMMY", "EXAMPLE", "SAMPLE", "MOCK", "PLACEHOLDER"]) {
        NamedAs::StandIn
    } else if words
        .first()
        .is_some_and(|w| ["DEFAULT", "DEV", "LOCAL", "TEST", "DEMO"].contains(w))
    {
        NamedAs::Development
    } else {
        NamedAs::Unmarked
    }
}

/// Django's `startproject` template puts its generated key under this
/// comment; before Django 3.1 the key had no `django-insecure-` prefix.
pub const DJANGO_QUICK_START: &str = "Quick-start development settings - unsuitable for production";

/// Whether a text carries [`DJANGO_QUICK_START`]. Asked of every blob the
/// secret scan reads: a SIMD substring search, where `str::contains`
/// (Two-Way, byte by byte) was 7% of a long history's audit.
pub fn has_django_quick_start(text: &[u8]) -> bool {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(DJANGO_QUICK_START));
    FINDER.find(text).is_some()
}

/// `scheme://user:password@host`; the password is group 1.
static URL_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[a-z][a-z0-9+]*://([^/\s:@]+):([^/\s@]+)@([^/\s:@]+)").expect("static regex")
});

/// A secret-named key set by subscript: `config["SECRET_KEY"] = "..."`.
/// Group 1 is the key, group 2 the value.
static SUBSCRIPT_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\[\s*["']([A-Za-z_]*(?i:secret_?key|api_?key|access_?key|auth_?token|access_?token|api_?token|client_?secret|app_?key))["']\s*\]\s*=\s*["']([^"'\s]{20,200})["']"#)
        .expect("static regex")
});

/// Names that hold a provider key (not a password a person chose).
static KEY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(api_?key|apikey|access_?key|secret_?key|client_?secret|auth_?token|access_?token|api_?token|appid|app_?key)$")
        .expect("static regex")
});

/// How findings that are real-looking provider keys are named: they are
/// leaks wherever they sit, tests and scripts named test_*.py included.
pub const REAL_KEY: &str = "real-looking key in";

/// Bits of Shannon entropy per character.
fn entropy(value: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in value.bytes() {
        counts[b as usize] += 1;
    }
    let n = value.len() as f64;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// A value assigned to a key name that looks generated by a provider (an
/// OpenWeather hex key, a Stripe-style key): 20+ characters of one token,
/// letters and digits mixed, high entropy, no placeholder word. A password
/// a person typed or a word like "development-key" is not.
pub fn is_real_key(name: &str, value: &str) -> bool {
    is_app_password(name, value) || is_provider_key(name, value)
}

fn is_provider_key(name: &str, value: &str) -> bool {
    KEY_NAME.is_match(name)
        && (20..=200).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && value.chars().any(|c| c.is_ascii_digit())
        && value.chars().any(|c| c.is_ascii_alphabetic())
        && entropy(value) >= 3.5
        && !is_placeholder(value)
        // Django's generated `django-insecure-...` key says it is for
        // development; it stays an ordinary (path-judged) finding.
        && !value.contains("insecure")
}

/// Secrets in a text: (line, kind). Also used for the working tree.
///
/// One Aho-Corasick pass over the text finds the lines holding a keyword
/// some check needs (see [`prefilter`]); regexes run only on those lines,
/// and only the checks whose keywords the line holds.
pub fn find_secrets(path: &str, text: &str) -> Vec<(u32, String)> {
    if hygiene::is_env_file_name(path) {
        // `.env` values are judged by key name, not by keyword: no
        // prefilter, every line is looked at.
        return scan_lines(path, text);
    }
    if tool_files::is_tool_credential_file(path) {
        let mut out = tool_files::kaggle_keys(text);
        let hits = prefilter::line_hits(text);
        out.extend(scan_hit_lines(path, text, &hits));
        out.sort();
        out.dedup_by_key(|(line, _)| *line);
        return out;
    }
    let hits = prefilter::line_hits(text);
    let travis = path.rsplit('/').next() == Some(".travis.yml");
    let config = config::is_config_file(path);
    if hits.is_empty() && !travis && !config {
        return Vec::new();
    }
    let mut out = scan_hit_lines(path, text, &hits);
    if travis {
        out.extend(travis::slack_tokens(text));
        out.sort();
    }
    if config {
        config::judge(path, text, &mut out);
    }
    if hygiene::is_env_example(path) {
        // An example env file's values are stand-ins by design
        // (`SECRET_KEY='secret_key_here'`); only a credential no one types,
        // a provider token, a real-looking key or a private key, is live.
        out.retain(|(_, kind)| {
            kind.starts_with(REAL_KEY) || SECRET_PATTERNS.iter().any(|(k, _)| k == kind)
        });
    }
    out
}

/// A host a local container or the machine itself answers on: `localhost`,
/// a loopback address, or a compose service name (no dot).
pub fn is_local_host(value: &str) -> bool {
    let v = value.trim().to_ascii_lowercase();
    !v.is_empty()
        && (v == "localhost"
            || v.starts_with("127.")
            || v == "0.0.0.0"
            || v == "::1"
            || v.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
}

/// Lines (0-based, ascending) holding an odd number of triple quotes:
/// each opens or closes a docstring. Found with SIMD substring search over
/// the whole text; a triple quote never spans lines, so counting them
/// over the text, left to right without overlap, counts them per line as
/// `str::matches` would.
fn odd_quote_lines(bytes: &[u8]) -> Vec<usize> {
    let mut at: Vec<usize> = memchr::memmem::find_iter(bytes, b"\"\"\"")
        .chain(memchr::memmem::find_iter(bytes, b"'''"))
        .collect();
    at.sort_unstable();
    let mut odd: Vec<usize> = Vec::new();
    let (mut line, mut from) = (0, 0);
    for pos in at {
        line += memchr::memchr_iter(b'\n', &bytes[from..pos]).count();
        from = pos;
        if odd.last() == Some(&line) {
            odd.pop();
        } else {
            odd.push(line);
        }
    }
    odd
}

/// The scan of only the lines that hold a keyword: line numbers are
/// counted between hits and the docstring state comes from the lines with
/// odd triple quotes, so the other lines are never split or looked at.
/// Agrees with `scan_lines` (a property test holds it to that).
fn scan_hit_lines(path: &str, text: &str, hits: &[(usize, u16)]) -> Vec<(u32, String)> {
    let env_file = hygiene::is_env_file_name(path) && !is_local_dev_path(path);
    let django_quick_start = has_django_quick_start(text.as_bytes());
    let bytes = text.as_bytes();
    let toggles = if path.ends_with(".py") {
        odd_quote_lines(bytes)
    } else {
        Vec::new()
    };
    let mut out: Vec<(u32, String)> = Vec::new();
    let (mut line_idx, mut line_start) = (0usize, 0usize);
    let (mut next_toggle, mut in_docstring) = (0usize, false);
    let mut i = 0;
    while let Some(&(at, _)) = hits.get(i) {
        let before = &bytes[line_start..at];
        if let Some(last) = memchr::memrchr(b'\n', before) {
            line_idx += memchr::memchr_iter(b'\n', before).count();
            line_start += last + 1;
        }
        let (end, newline) = match memchr::memchr(b'\n', &bytes[at..]) {
            Some(n) => (at + n, true),
            None => (bytes.len(), false),
        };
        let mut mask = 0;
        while let Some(&(at, m)) = hits.get(i).filter(|h| h.0 < end) {
            debug_assert!(at >= line_start);
            mask |= m;
            i += 1;
        }
        while toggles.get(next_toggle).is_some_and(|t| *t <= line_idx) {
            in_docstring = !in_docstring;
            next_toggle += 1;
        }
        // As `str::lines`: a line ended by `\n` loses a `\r` before it.
        let mut line = &text[line_start..end];
        if newline {
            line = line.strip_suffix('\r').unwrap_or(line);
        }
        let ctx = FileContext {
            in_docstring,
            env_file,
            django_quick_start,
        };
        scan_line(line, line_idx as u32 + 1, mask, ctx, &mut out);
    }
    out
}

/// Secrets in file bytes (a history blob): when no keyword is in the
/// bytes, nothing is decoded at all. UTF-16 text (a byte-order mark) is
/// decoded first, since its keywords are not contiguous bytes.
pub fn find_secrets_in_bytes(path: &str, bytes: &[u8]) -> Vec<(u32, String)> {
    let bom = [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
        .iter()
        .any(|b| bytes.starts_with(b));
    let sniff = &bytes[..bytes.len().min(8192)];
    // Plain UTF-8 (the usual blob) decodes to itself: borrow it, and let
    // the one keyword pass of `find_secrets` decide.
    if let Some(text) = (!bom && !sniff.contains(&0))
        .then(|| std::str::from_utf8(bytes).ok())
        .flatten()
    {
        return find_secrets(path, text);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 && !hygiene::is_env_file_name(path) && !prefilter::any_hit(bytes) {
        return Vec::new();
    }
    match decode_lossy(bytes) {
        Some(text) => find_secrets(path, &text),
        None => Vec::new(),
    }
}

/// Occurrences of a three-byte quote in a line, counted like
/// `str::matches` (left to right, not overlapping), without a searcher
/// built per line.
fn count_triple(line: &[u8], quote: u8) -> usize {
    if !line.contains(&quote) {
        return 0;
    }
    let (mut n, mut i) = (0, 0);
    while i + 3 <= line.len() {
        if line[i] == quote && line[i + 1] == quote && line[i + 2] == quote {
            n += 1;
            i += 3;
        } else {
            i += 1;
        }
    }
    n
}

/// The plain line-by-line scan, every check on every line: for `.env`
/// files, and the reference the prefiltered scan must agree with.
fn scan_lines(path: &str, text: &str) -> Vec<(u32, String)> {
    let env_file = hygiene::is_env_file_name(path) && !is_local_dev_path(path);
    let django_quick_start = has_django_quick_start(text.as_bytes());
    let mut out: Vec<(u32, String)> = Vec::new();
    let python = path.ends_with(".py");
    let mut in_docstring = false;
    for (i, line) in text.lines().enumerate() {
        let lineno = i as u32 + 1;
        // Examples in docstrings are documentation, not credentials.
        if python
            && (count_triple(line.as_bytes(), b'"') + count_triple(line.as_bytes(), b'\'')) % 2 == 1
        {
            in_docstring = !in_docstring;
        }
        let ctx = FileContext {
            in_docstring,
            env_file,
            django_quick_start,
        };
        scan_line(line, lineno, u16::MAX, ctx, &mut out);
    }
    if hygiene::is_env_file_name(path) {
        let values = hygiene::env_pairs(text);
        for (line, key, value) in &values {
            if !SECRET_NAME.is_match(key)
                || is_setting_about_a_secret(key)
                || is_login_stand_in(value)
                || is_own_name(key, value)
                || out.iter().any(|(l, _)| l == line)
            {
                continue;
            }
            // A local service's stock password (`POSTGRES_PASSWORD=secret`)
            // is still a development credential, though the same word
            // elsewhere is a stand-in.
            if local_service_password(key, value, &values, is_local_dev_path(path)) {
                out.push((
                    *line,
                    format!("{DEV_KEY} {key} (a local service's stock password)"),
                ));
            } else if !is_placeholder(value) {
                out.push((*line, format!(".env secret {key}")));
            }
        }
    }
    out
}

/// A password a local container is set up with: a stock value, or the
/// same value as the user name beside it (`POSTGRES_USER=app`,
/// `POSTGRES_PASSWORD=app`), or, in a local-development env file
/// (cookiecutter-django's `.envs/.local/.postgres`), one for a service
/// whose host beside it is this machine or a compose service.
fn local_service_password(
    key: &str,
    value: &str,
    pairs: &[(u32, String, String)],
    local_dev_file: bool,
) -> bool {
    let password = key.to_ascii_lowercase().contains("passw");
    let beside = |suffixes: &[&str], judge: &dyn Fn(&str) -> bool| {
        pairs.iter().any(|(_, k, v)| {
            let k = k.to_ascii_lowercase();
            suffixes.iter().any(|s| k.ends_with(s)) && judge(v)
        })
    };
    is_dev_value(key, value)
        || (password && beside(&["user", "username"], &|v| v == value))
        || (password && local_dev_file && beside(&["host"], &|v| is_local_host(v)))
}

/// The checks of one line whose bits are set in `mask`.
/// What a line's file says about it.
#[derive(Clone, Copy)]
struct FileContext {
    /// Inside a Python docstring.
    in_docstring: bool,
    /// A `.env` file holds a deployment's real values, whatever host a URL
    /// names, unless it sits in a local-development folder
    /// (`.envs/.local/`, `dev/`): there a compose service's URL is a
    /// throwaway, as in any configuration file.
    env_file: bool,
    /// The file carries Django's quick-start comment: its `SECRET_KEY` is
    /// the generated development key.
    django_quick_start: bool,
}

fn scan_line(line: &str, lineno: u32, mask: u16, ctx: FileContext, out: &mut Vec<(u32, String)>) {
    if line.contains('#') && marked_not_secret(line) {
        return;
    }
    let env_file = ctx.env_file;
    // A setting whose name says its value is fake or public by design
    // (`GOOGLE_MAP_API_KEY`, `FAKE_TOKEN`) holds no credential, whatever
    // the value looks like.
    if mask & prefilter::ASSIGNED != 0
        && ASSIGNED_SECRET
            .captures(line)
            .is_some_and(|c| named_as(&c[1]) == NamedAs::StandIn)
    {
        return;
    }
    // An interactive example (`>>> Client(api_key="...")`) in a docs page
    // or a docstring documents the API; it is no credential.
    let in_docstring = ctx.in_docstring || line.trim_start().starts_with(">>>");
    for (n, (kind, re)) in SECRET_PATTERNS.iter().enumerate() {
        if mask & (1 << n) != 0 && !in_docstring && real_token(re, line) {
            out.push((lineno, (*kind).to_owned()));
        }
    }
    // A URL with a password in a docstring shows URL syntax (`user:pass@host`
    // broken into its parts); the HEAD scan of Python literals already
    // skips docstrings, and history must judge the same line the same way.
    if mask & prefilter::URL != 0 && !in_docstring && url_password(line, env_file) {
        out.push((lineno, URL_PASSWORD_FINDING.to_owned()));
        return;
    }
    // A password literal handed to a call: the first group that matched.
    let passed = [
        (
            prefilter::LOGIN,
            &*LOGIN_PASSWORD,
            "passed to login()",
            LOGIN_FINDING,
        ),
        (
            prefilter::TYPED,
            &*TYPED_PASSWORD,
            "typed into a password field",
            TYPED_FINDING,
        ),
    ];
    for (bit, re, how, finding) in passed {
        if mask & bit == 0 || in_docstring {
            continue;
        }
        let Some(c) = re.captures(line) else { continue };
        let Some(value) = c.iter().skip(1).flatten().next().map(|m| m.as_str()) else {
            continue;
        };
        if !is_login_stand_in(value) && !out.iter().any(|(l, _)| *l == lineno) {
            let what = if is_dev_value("password", value) {
                format!("{DEV_KEY} {how}")
            } else {
                finding.to_owned()
            };
            out.push((lineno, what));
        }
    }
    if mask & prefilter::ASSIGNED == 0 || in_docstring {
        return;
    }
    // A Google app password (16 lower-case letters in fours, what a Gmail
    // SMTP login takes) is generated, never typed: a live credential
    // wherever it sits, an example env file included.
    if let Some(c) = APP_PASSWORD.captures(line) {
        if is_app_password(&c[1], &c[2]) {
            out.retain(|(l, _)| *l != lineno);
            out.push((lineno, format!("{REAL_KEY} {}", &c[1])));
            return;
        }
    }
    // `app.config["SECRET_KEY"] = "a1473959..."`: a generated key set by
    // subscript. Only a real-looking one counts: a typed phrase there is
    // a tutorial's stand-in far more often than a leak.
    if let Some(c) = SUBSCRIPT_SECRET.captures(line) {
        if is_real_key(&c[1], &c[2]) && named_as(&c[1]) != NamedAs::StandIn {
            out.push((lineno, format!("hard-coded {}", &c[1])));
            return;
        }
    }
    if let Some(c) = ASSIGNED_SECRET
        .captures(line)
        .filter(|c| !key_inside_a_string(line, c))
    {
        let value = c.get(4).map_or("", |m| m.as_str());
        let named = match named_as(&c[1]) {
            NamedAs::Unmarked if ctx.django_quick_start && &c[1] == "SECRET_KEY" => {
                NamedAs::Development
            }
            named => named,
        };
        if named == NamedAs::StandIn {
            return;
        }
        // A real-looking provider key stays a leak whatever its name says.
        if is_real_key(&c[1], value) {
            out.retain(|(l, _)| *l != lineno);
            out.push((lineno, format!("{REAL_KEY} {}", &c[1])));
        } else if !is_stand_in_for(&c[1], value)
            && !is_own_name(&c[1], value)
            && !value.contains("os.environ")
            && !out.iter().any(|(l, _)| *l == lineno)
        {
            let what = if is_dev_value(&c[1], value) || named == NamedAs::Development {
                DEV_KEY
            } else {
                "hard-coded"
            };
            out.push((lineno, format!("{what} {}", &c[1])));
        }
    }
}

/// `server.login("me@gmail.com", "hunter2")`: smtplib, ftplib, imaplib and
/// most clients take the password as the second argument. Group 1 is it.
static LOGIN_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\.login\(\s*[^,()]+,\s*["']([^"'\s]{4,})["']\s*\)"#).expect("static regex")
});

/// `'PWD='+password_sql+';'`: the key is text inside a string literal, so
/// the quote after `=` closes that string and what the match took for a
/// value is the code between two literals. Told by the value's quote
/// character: an odd count of it before the key means a string is open.
fn key_inside_a_string(line: &str, c: &regex::Captures<'_>) -> bool {
    let (Some(key), Some(value)) = (c.get(1), c.get(4)) else {
        return false;
    };
    let quote = line[..value.start()].chars().next_back().unwrap_or('"');
    line[..key.start()].matches(quote).count() % 2 == 1
}

/// A literal typed into a password field by a browser driver: the
/// receiver is named for a password (`password_input.send_keys("x")`), the
/// locator on the same line names one (`find_element(By.ID,
/// "password").send_keys("x")`, `locator("#pwd").fill("x")`), or the
/// selector and value go together (`page.fill("#password", "x")`). The
/// value is the first group that matched.
static TYPED_PASSWORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?i)(?:\b\w*(?:passw|pwd)\w*\s*\.\s*(?:send_keys|fill|type)\(\s*["']([^"'\s]{4,})["']\s*\)"#,
        r#"|(?:'[^']*(?:passw|pwd)[^']*'|"[^"]*(?:passw|pwd)[^"]*")\s*\)\s*\.\s*(?:send_keys|fill|type)\(\s*["']([^"'\s]{4,})["']\s*\)"#,
        r#"|\.(?:fill|type)\(\s*(?:'[^']*(?:passw|pwd)[^']*'|"[^"]*(?:passw|pwd)[^"]*")\s*,\s*["']([^"'\s]{4,})["'])"#,
    ))
    .expect("static regex")
});

/// How a password typed into a form is named in findings.
pub const TYPED_FINDING: &str = "hard-coded password typed into a password field";

/// How a password passed to `login()` is named in findings.
pub const LOGIN_FINDING: &str = "hard-coded password passed to login()";

/// How a password in a URL is named in findings.
pub const URL_PASSWORD_FINDING: &str = "password in a URL";

/// A file in a folder named for local development (`.envs/.local/.django`,
/// `config/dev/.env`).
fn is_local_dev_path(path: &str) -> bool {
    path.split('/')
        .rev()
        .skip(1)
        .any(|d| matches!(d, ".local" | "local" | "dev" | "development"))
}

/// Whether a text holds a URL with a real-looking password for a real
/// host (`scheme://user:password@db.example.com`). `env_file`: the text is
/// from a `.env` file, which holds a deployment's real values whatever
/// host a URL names.
pub fn url_password(text: &str, env_file: bool) -> bool {
    let Some(c) = URL_PASSWORD.captures(text) else {
        return false;
    };
    let (user, password, host) = (&c[1], &c[2], &c[3]);
    let stock = [
        "password", "postgres", "pass", "secret", "root", "admin", "test", "example", "user",
        "guest",
    ];
    // A throwaway database for local runs and CI services. A host without
    // a dot is this machine or a container service of a compose file or a
    // CI job (`postgres`, `airflow_db`).
    let local = matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0")
        || (!host.contains('.') && !env_file)
        || user == password;
    // `{password}` in an f-string or a format string is filled in at run
    // time: a template, not a value.
    let template = password.contains(['{', '}']) || user.contains(['{', '}']);
    !local
        && !template
        && !placeholder_shape(password)
        && !stock.contains(&password.to_ascii_lowercase().as_str())
}

/// The junk category of a secret found at `path`: examples in tests and
/// fixtures are a lesser finding than a real credential, and a private key
/// is its own kind.
pub fn category(path: &str, kind: &str) -> JunkCategory {
    if kind.starts_with(REAL_KEY) {
        JunkCategory::Secret
    } else if hygiene::is_fixture_path(path) || hygiene::is_test_env_file(path) {
        JunkCategory::FixtureSecret
    } else if kind.starts_with(DEV_KEY) {
        JunkCategory::DevSecret
    } else if kind == "private key" {
        JunkCategory::PrivateKey
    } else {
        JunkCategory::Secret
    }
}

#[cfg(test)]
#[path = "secrets_tests.rs"]
mod tests;
