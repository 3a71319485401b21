//! What a CI command runs when it names no target: the Makefile's default
//! goal, tox's env_list, nox's default sessions, and the command a
//! `docker compose run` service was defined with. CI often says only
//! `make`, `tox` or `docker compose run tests`; the verdict must rest on
//! what that runs, not on the word.

use super::CiCommand;
use crate::facts::yaml::{self, Node};
use regex::Regex;
use std::sync::LazyLock;

/// The goal a bare `make` builds: `.DEFAULT_GOAL`, else the first target
/// that is not special (`.PHONY`), a pattern rule or a variable.
pub fn default_goal(makefile: &str) -> Option<String> {
    let mut first = None;
    for line in makefile.lines() {
        if line.starts_with(['\t', ' ', '#']) {
            continue;
        }
        if let Some(rest) = line.strip_prefix(".DEFAULT_GOAL") {
            let goal = rest.trim_start_matches([' ', ':', '?', '=']).trim();
            if !goal.is_empty() {
                return Some(goal.to_owned());
            }
        }
        if first.is_some() {
            continue;
        }
        let Some((names, _)) = line.split_once(':') else {
            continue;
        };
        // `VAR := x`, `VAR = a:b`: assignments, not rules.
        if line[names.len()..].starts_with(":=")
            || names.contains('=')
            || ["include", "export", "ifeq", "ifneq", "define"]
                .iter()
                .any(|k| names.trim_start().starts_with(k))
        {
            continue;
        }
        first = names
            .split_whitespace()
            .find(|n| !n.starts_with('.') && !n.contains(['%', '$']))
            .map(str::to_owned);
    }
    first
}

/// The environments of `env_list` that tox-gh-actions runs: those with a
/// factor its `[gh-actions]` section maps some Python version to (the
/// union over the versions, as a CI matrix runs them all), joined with
/// commas. None without such a mapping, or when it selects nothing (then
/// the plugin is not what decides).
pub fn gh_actions_selection(text: &str, env_list: &str) -> Option<String> {
    let mut factors: Vec<String> = Vec::new();
    let mut in_section = false;
    let mut in_python = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        if line.starts_with('[') {
            in_section = line.trim() == "[gh-actions]";
            in_python = false;
            continue;
        }
        if !in_section || line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let continuation = raw.starts_with([' ', '\t']);
        let entry = if continuation {
            in_python.then_some(line.trim())
        } else {
            let (key, value) = line.split_once('=').unwrap_or((line, ""));
            in_python = key.trim() == "python";
            in_python.then_some(value.trim())
        };
        // `3.12: py312, mypy`
        if let Some((_, mapped)) = entry.and_then(|e| e.split_once(':')) {
            factors.extend(
                mapped
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_owned),
            );
        }
    }
    if factors.is_empty() {
        return None;
    }
    let chosen: Vec<String> = expand_env_names(env_list)
        .into_iter()
        .filter(|env| {
            env.split('-').any(|f| factors.iter().any(|m| m == f)) || factors.contains(env)
        })
        .collect();
    (!chosen.is_empty()).then(|| chosen.join(","))
}

/// `envlist` / `env_list` of tox.ini's `[tox]` section, as written
/// (comma- or line-separated, brace groups kept for `expand_env_names`).
/// None when absent: tox then runs the default `py` environment.
pub fn tox_ini_env_list(text: &str) -> Option<String> {
    let mut in_tox = false;
    let mut collecting = false;
    let mut names: Vec<String> = Vec::new();
    for raw in text.lines() {
        let line = raw.trim_end();
        if line.starts_with('[') {
            if collecting {
                break;
            }
            // setup.cfg holds the same section as `[tox:tox]`.
            in_tox = matches!(line.trim(), "[tox]" | "[tox:tox]");
            continue;
        }
        if !in_tox {
            continue;
        }
        let continuation = raw.starts_with([' ', '\t']);
        if collecting && continuation {
            names.push(line.trim().to_owned());
            continue;
        }
        collecting = false;
        if let Some((key, value)) = line.split_once('=') {
            if matches!(key.trim(), "envlist" | "env_list") {
                collecting = true;
                names.push(value.trim().to_owned());
            }
        }
    }
    let joined: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(','))
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty() && !n.starts_with('#'))
        .collect();
    (!joined.is_empty()).then(|| joined.join(","))
}

/// A tox line's factor condition and the command after it:
/// `lint: ruff check .` gives `("lint", "ruff check .")`,
/// `py3{11,12}-!cov: pytest` gives `("py3{11,12}-!cov", "pytest")`. The
/// condition is one word of factor characters right before `: `.
pub fn tox_factor_condition(line: &str) -> Option<(&str, &str)> {
    let (condition, rest) = line.split_once(':')?;
    let factor_chars = |c: char| c.is_ascii_alphanumeric() || "_.!,{}-".contains(c);
    (!condition.is_empty() && condition.chars().all(factor_chars) && rest.starts_with([' ', '\t']))
        .then(|| (condition, rest.trim()))
}

/// Whether environment `env` (its factors are the parts between dashes)
/// meets a factor condition: any comma-separated (or brace-expanded)
/// alternative whose dash-joined factors it all has, `!f` meaning it
/// must not have `f`.
pub fn factors_match(condition: &str, env: &str) -> bool {
    let factors: Vec<&str> = env.split('-').collect();
    expand_env_names(condition).iter().any(|alternative| {
        alternative.split('-').all(|f| match f.strip_prefix('!') {
            Some(absent) => !factors.contains(&absent),
            None => factors.contains(&f),
        })
    })
}

/// Environment names with tox's brace groups expanded:
/// `py{311,312}-lint` -> py311-lint, py312-lint.
pub fn expand_env_names(list: &str) -> Vec<String> {
    /// More environments than any real tox configuration lists.
    const MAX_ENV_NAMES: usize = 4096;
    let mut out = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    let mut items = Vec::new();
    for c in list.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    for item in items {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let mut names = vec![String::new()];
        let mut rest = item;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                break;
            };
            let head = &rest[..open];
            let options: Vec<&str> = rest[open + 1..close].split(',').map(str::trim).collect();
            // Each group multiplies the names: a hostile file with dozens
            // of groups would ask for billions. Past the cap the rest of
            // the item is left unexpanded.
            if out.len() + names.len() * options.len() > MAX_ENV_NAMES {
                break;
            }
            names = names
                .iter()
                .flat_map(|n| options.iter().map(move |o| format!("{n}{head}{o}")))
                .collect();
            rest = &rest[close + 1..];
        }
        out.extend(names.into_iter().map(|n| format!("{n}{rest}")));
    }
    out
}

/// The sessions a bare `nox` runs: `nox.options.sessions` when set, else
/// every session not declared `default=False`. None means all.
pub fn nox_default_sessions(text: &str) -> Option<Vec<String>> {
    static OPTIONS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"nox\.options\.sessions\s*=\s*[\[(]([^\])]*)[\])]"#).expect("static regex")
    });
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"["']([\w.-]+)["']"#).expect("static regex"));
    if let Some(c) = OPTIONS.captures(text) {
        return Some(NAME.captures_iter(&c[1]).map(|n| n[1].to_owned()).collect());
    }
    let mut excluded = Vec::new();
    let mut pending_off = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("@nox.session") {
            pending_off = t.replace(' ', "").contains("default=False");
        } else if let Some(rest) = t.strip_prefix("def ") {
            if pending_off {
                excluded.push(rest.split('(').next().unwrap_or("").to_owned());
            }
            pending_off = false;
        }
    }
    if excluded.is_empty() {
        return None;
    }
    let all: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("def "))
        .filter_map(|r| r.split('(').next())
        .map(str::to_owned)
        .filter(|n| !excluded.contains(n))
        .collect();
    Some(all)
}

/// Compose files `docker compose` reads when none is named.
const COMPOSE_FILES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// Options of `docker compose [-f F] run` that take a value.
const VALUE_OPTIONS: &[&str] = &[
    "-f",
    "--file",
    "-p",
    "--project-name",
    "-e",
    "--env",
    "-w",
    "--workdir",
    "-u",
    "--user",
    "--name",
    "-v",
    "--volume",
    "-l",
    "--label",
    "--profile",
    "--env-file",
    "--exit-code-from",
    "--scale",
    "-t",
    "--timeout",
    "--wait-timeout",
    "--attach",
    "--no-attach",
    "--pull",
];

/// `docker compose run SERVICE` with no command of its own runs the
/// service's `entrypoint` and `command` from the compose file; `docker
/// compose up [SERVICE...]` runs those of the services it names, or of
/// every service when it names none (`up --abort-on-container-exit app` is
/// a common way to run a test container in CI).
pub fn compose_run(line: &str, read: &mut dyn FnMut(&str) -> Option<String>) -> Vec<CiCommand> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some(start) = words
        .windows(2)
        .position(|w| (w[0] == "docker" && w[1] == "compose") || w[0] == "docker-compose")
    else {
        return Vec::new();
    };
    let mut i = start + if words[start] == "docker" { 2 } else { 1 };
    let mut file: Option<&str> = None;
    let mut subcommand = None;
    let mut services: Vec<&str> = Vec::new();
    while i < words.len() {
        let w = words[i];
        if w.starts_with(['&', ';', '|']) {
            break;
        }
        if VALUE_OPTIONS.contains(&w) {
            if matches!(w, "-f" | "--file") {
                file = words.get(i + 1).copied();
            }
            i += 2;
            continue;
        }
        i += 1;
        if subcommand == Some("up") && matches!(w, "-d" | "--detach" | "--wait") {
            // Detached: the services run in the background and CI goes on;
            // what they run decides nothing.
            return Vec::new();
        }
        if w.starts_with('-') {
            continue;
        }
        match subcommand {
            None if matches!(w, "run" | "up") => subcommand = Some(w),
            None => return Vec::new(),
            Some("run") => {
                // A command given after the service is already what runs.
                if words
                    .get(i)
                    .is_some_and(|w| !w.starts_with(['&', ';', '|']))
                {
                    return Vec::new();
                }
                services.push(w);
                break;
            }
            Some(_) => services.push(w),
        }
    }
    if subcommand.is_none() || (subcommand == Some("run") && services.is_empty()) {
        return Vec::new();
    }
    let candidates: Vec<&str> = match file {
        Some(f) => vec![f.trim_start_matches("./")],
        None => COMPOSE_FILES.to_vec(),
    };
    for path in candidates {
        let Some(text) = read(path) else { continue };
        let Ok(docs) = yaml::parse(&text) else {
            return Vec::new();
        };
        let Some(all) = docs.first().and_then(|d| d.get("services")) else {
            return Vec::new();
        };
        let chosen: Vec<(&str, &Node)> = all
            .entries()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
            .filter(|(k, _)| services.is_empty() || services.contains(k))
            .take(MAX_SERVICES)
            .collect();
        let mut out = Vec::new();
        for (service, svc) in chosen {
            for key in ["entrypoint", "command"] {
                if let Some((line, text)) = svc.get(key).and_then(command_text) {
                    out.push(CiCommand {
                        line,
                        text,
                        via: Some(format!("{path} (service {service} {key})")),
                        name: false,
                        handed_off: false,
                    });
                }
            }
        }
        return out;
    }
    Vec::new()
}

/// Services of one `docker compose up` read at most.
const MAX_SERVICES: usize = 32;

/// A compose `command:` written as a string or a list of words.
fn command_text(node: &Node) -> Option<(u32, String)> {
    match node {
        Node::Scalar { value, line } => Some((*line, value.clone())),
        Node::Seq(items) => {
            let words: Vec<&str> = items.iter().filter_map(Node::as_str).collect();
            let line = items.first().and_then(Node::line).unwrap_or(1);
            (!words.is_empty()).then(|| (line, words.join(" ")))
        }
        _ => None,
    }
}

/// A Makefile's simple variable assignments (`NAME = value`, `:=`, `::=`,
/// `?=`; `+=` appends), from its [`joined_lines`], so a recipe's `$(DOCKER_COMPOSE) run tests` can be
/// read as the command it is. Conditionals are not evaluated: the last
/// assignment wins, which is what a Makefile without `ifeq` does.
pub fn make_variables(lines: &[(u32, String)]) -> std::collections::HashMap<String, String> {
    static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(::=|:=|\?=|\+=|=)\s*(.*)$",
        )
        .expect("static regex")
    });
    let mut vars = std::collections::HashMap::new();
    for (_, line) in lines {
        if line.starts_with('\t') {
            continue;
        }
        let Some(c) = ASSIGN.captures(line) else {
            continue;
        };
        let value = c[3].trim().to_owned();
        match &c[2] {
            "+=" => {
                let entry: &mut String = vars.entry(c[1].to_owned()).or_default();
                if !entry.is_empty() {
                    entry.push(' ');
                }
                entry.push_str(&value);
            }
            "?=" => {
                vars.entry(c[1].to_owned()).or_insert(value);
            }
            _ => {
                vars.insert(c[1].to_owned(), value);
            }
        }
    }
    vars
}

/// `$(NAME)` and `${NAME}` replaced by the Makefile's values, a few levels
/// deep (a variable defined by another). Unknown names, `$(MAKE)`,
/// automatic variables and function calls stay as written.
pub fn substitute_make_variables(
    text: &str,
    vars: &std::collections::HashMap<String, String>,
) -> String {
    static REF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\$(?:\(([A-Za-z_][A-Za-z0-9_]*)\)|\{([A-Za-z_][A-Za-z0-9_]*)\})")
            .expect("static regex")
    });
    let mut out = unwrap_calls(text);
    for _ in 0..4 {
        let mut changed = false;
        let next = REF.replace_all(&out, |c: &regex::Captures<'_>| {
            let name = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            match vars.get(name).filter(|_| name != "MAKE") {
                Some(value) => {
                    changed = true;
                    value.clone()
                }
                None => c[0].to_owned(),
            }
        });
        out = next.into_owned();
        // Bounded: a self-referencing variable must not grow without end.
        if !changed || out.len() > 4096 {
            break;
        }
    }
    out
}

/// `$(call in_env, black --check .)` runs its argument inside a helper
/// (a virtualenv, a container): the command is the argument. Each call
/// is replaced by its arguments after the name, as written.
fn unwrap_calls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("$(call ") {
        out.push_str(&rest[..at]);
        let inner = &rest[at + "$(call ".len()..];
        // The call ends at the parenthesis that closes it.
        let mut depth = 1usize;
        let end = inner.char_indices().find_map(|(i, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            (depth == 0).then_some(i)
        });
        let Some(end) = end else {
            out.push_str(&rest[at..]);
            return out;
        };
        let args = inner[..end].split_once(',').map_or("", |(_, a)| a);
        out.push_str(args.trim());
        rest = &inner[end + 1..];
    }
    out.push_str(rest);
    out
}

/// A Makefile's lines with backslash continuations joined into one: each
/// joined line with the 1-based number of its first physical line. The
/// leading tab of a recipe line is kept so callers can tell recipes from
/// rules.
pub fn joined_lines(makefile: &str) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut open = false;
    for (i, line) in makefile.lines().enumerate() {
        let (body, continues) = match line.strip_suffix('\\') {
            Some(body) => (body, true),
            None => (line, false),
        };
        match out.last_mut() {
            Some(last) if open => {
                last.1.push(' ');
                last.1.push_str(body.trim());
            }
            _ => out.push((i as u32 + 1, body.trim_end().to_owned())),
        }
        open = continues;
    }
    out
}
