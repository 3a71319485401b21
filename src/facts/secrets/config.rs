//! Passwords in configuration files (YAML, INI, TOML, JSON) judged with
//! the file's other settings: a local service's login is a development
//! credential, and the short `pass` key is read too.

use super::{DEV_KEY, hygiene, is_local_host, is_stand_in_for, local_service_password};

/// A configuration file's own judgement of what the keyword scan found
/// (`out`), with its settings parsed once: passwords under the short
/// `pass` key are added (when the text holds `pass` at all), and a local
/// service's passwords become development credentials.
pub(super) fn judge(path: &str, text: &str, out: &mut Vec<(u32, String)>) {
    let short_pass = memchr::memmem::find(text.as_bytes(), b"pass").is_some();
    if !short_pass && !out.iter().any(|(_, k)| k.starts_with("hard-coded ")) {
        return;
    }
    let pairs = hygiene::config_pairs(text);
    if short_pass {
        short_pass_keys(&pairs, out);
    }
    if out.iter().any(|(_, k)| k.starts_with("hard-coded ")) {
        local_service_config(&pairs, is_compose_file(path), out);
    }
}

/// A Docker Compose file: `docker-compose.yml`, `compose.yaml`,
/// `docker-compose.services.yml`.
fn is_compose_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    (name.starts_with("docker-compose") || name.starts_with("compose."))
        && (name.ends_with(".yml") || name.ends_with(".yaml"))
}

/// The variables an official database, broker or dashboard image reads
/// to create its own first login (`POSTGRES_PASSWORD`,
/// `RABBITMQ_DEFAULT_PASS`). Set in a compose file, they make a
/// container's throwaway account: a development credential.
fn initialises_a_container_login(key: &str) -> bool {
    const KEYS: &[&str] = &[
        "POSTGRES_PASSWORD",
        "MYSQL_PASSWORD",
        "MYSQL_ROOT_PASSWORD",
        "MARIADB_PASSWORD",
        "MARIADB_ROOT_PASSWORD",
        "MONGO_INITDB_ROOT_PASSWORD",
        "MINIO_ROOT_PASSWORD",
        "RABBITMQ_DEFAULT_PASS",
        "PGADMIN_DEFAULT_PASSWORD",
        "GF_SECURITY_ADMIN_PASSWORD",
        "ELASTIC_PASSWORD",
        "REDIS_PASSWORD",
        "NEO4J_AUTH",
        "KEYCLOAK_ADMIN_PASSWORD",
        "MSSQL_SA_PASSWORD",
        "SA_PASSWORD",
    ];
    KEYS.contains(&key.to_ascii_uppercase().as_str())
}

/// `pass: 'Crspn123'` in a configuration file: a password under the short
/// key (`pass`, `smtp_pass`, `mail-pass`) that the keyword scan, looking
/// for `passw`, passes by. Judged like any password: placeholders, stock
/// values and a local service's login are not leaks.
fn short_pass_keys(pairs: &[(u32, String, String)], out: &mut Vec<(u32, String)>) {
    for (line, key, value) in pairs {
        let short = super::is_short_pass_key(&key.to_ascii_lowercase());
        if !short || out.iter().any(|(l, _)| l == line) {
            continue;
        }
        let plain = value.len() >= 6
            && !value.contains(char::is_whitespace)
            && !value.starts_with(['$', '{', '<', '%', '!'])
            && !is_stand_in_for(key, value);
        if !plain {
            continue;
        }
        let what = if local_service_password("password", value, pairs, false) {
            format!("{DEV_KEY} {key} (a local service's password)")
        } else {
            format!("hard-coded {key}")
        };
        out.push((*line, what));
    }
    out.sort();
}

/// Configuration files that set up services: YAML, INI, TOML, JSON.
pub(super) fn is_config_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".yml", ".yaml", ".ini", ".cfg", ".toml", ".json", ".conf"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// A password in a configuration file whose host is local (a compose
/// service, localhost) or that equals its user name is a throwaway local
/// service's: a development credential, not a leak. A `.env` file gets
/// the same judgement in `scan_lines`.
fn local_service_config(pairs: &[(u32, String, String)], compose: bool, out: &mut [(u32, String)]) {
    let local_host = pairs.iter().any(|(_, k, v)| {
        let k = k.to_ascii_lowercase();
        (k == "host" || k.ends_with("_host") || k == "hostname" || k == "server")
            && is_local_host(v)
    });
    for (line, kind) in out.iter_mut() {
        let Some(key) = kind.strip_prefix("hard-coded ") else {
            continue;
        };
        if !key.to_ascii_lowercase().contains("pass") {
            continue;
        }
        let Some((_, _, value)) = pairs.iter().find(|(l, _, _)| l == line) else {
            continue;
        };
        let container_login = compose && initialises_a_container_login(key);
        if local_host || container_login || local_service_password(key, value, pairs, false) {
            *kind = format!("{DEV_KEY} {key} (a local service's password)");
        }
    }
}
