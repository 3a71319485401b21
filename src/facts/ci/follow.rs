//! Following CI commands into the repository: the scripts they call and
//! what they hand off to (Makefile targets, tox environments, nox sessions,
//! pyproject tasks, package.json scripts and gulp tasks), so rules see what
//! CI really runs.

use super::CiCommand;
use super::handoff;
use super::tasks;
use regex::Regex;
use std::sync::LazyLock;

/// Repository files a command runs (`./scripts/lint`, `bash ci/test.sh`).
/// `resolve` maps a path as written to the repository path it names, if
/// any (CI steps often run in a `working-directory` such as backend/).
pub fn scripts_called<'a>(
    command: &str,
    resolve: impl Fn(&str) -> Option<String> + 'a,
) -> Vec<String> {
    let mut out = Vec::new();
    for token in command.split(|c: char| {
        c.is_whitespace() || c == ';' || c == '&' || c == '|' || c == '"' || c == '\''
    }) {
        // tox's `{toxinidir}/tests/lint.sh` is a path from the root.
        let token = token.strip_prefix("{toxinidir}/").unwrap_or(token);
        let explicit = token.starts_with("./");
        let t = token.trim_start_matches("./");
        if t.is_empty()
            || t.starts_with('-')
            || t.starts_with('$')
            || (!explicit && !t.contains(['/', '.']))
        {
            continue;
        }
        // Only programs: shell scripts, extension-less files in a folder
        // (scripts/lint), or a file run as `./run`. `-r requirements.txt`
        // or `python main.py` are not.
        let name = t.rsplit('/').next().unwrap_or(t);
        let is_script = name.ends_with(".sh")
            || name.ends_with(".bash")
            || ((t.contains('/') || explicit) && !name.contains('.'));
        if !is_script {
            continue;
        }
        if let Some(real) = resolve(t) {
            if !out.contains(&real) {
                out.push(real);
            }
        }
    }
    out
}

/// Commands in a shell script or Makefile: non-blank, non-comment lines,
/// a command continued over `\` line ends read as one.
pub fn script_lines(path: &str, text: &str) -> Vec<CiCommand> {
    handoff::joined_lines(text)
        .into_iter()
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .map(|(line, l)| CiCommand {
            line,
            text: l.trim().to_owned(),
            via: Some(path.to_owned()),
            name: false,
            handed_off: false,
        })
        .collect()
}

/// Folders whose every file a shell script runs in a loop, run-parts
/// style: `for step in "$STEPS_DIR"/*; do source "$step"; done` (the
/// variable set earlier in the script, `STEPS_DIR="ci/steps"`): the loop's
/// line and the folder as written, without a trailing slash.
pub fn looped_dirs(text: &str) -> Vec<(u32, String)> {
    static ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=["']?([A-Za-z0-9_./-]+)["']?\s*$"#)
            .expect("static regex")
    });
    static LOOP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r#"^\s*for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+"?([^"\s*]+?)"?/\*(?:\.sh)?\s*(?:;|$)"#,
        )
        .expect("static regex")
    });
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(c) = ASSIGN.captures(line) {
            vars.push((c[1].to_owned(), c[2].to_owned()));
            continue;
        }
        let Some(c) = LOOP.captures(line) else {
            continue;
        };
        let var = &c[1];
        let dir = c[2].trim_start_matches("./");
        let dir = match dir.strip_prefix('$') {
            Some(name) => {
                let name = name.trim_start_matches('{').trim_end_matches('}');
                match vars.iter().rev().find(|(n, _)| n == name) {
                    Some((_, value)) => value.trim_start_matches("./").to_owned(),
                    None => continue,
                }
            }
            None => dir.to_owned(),
        };
        // The loop body runs the item: `source "$step"`, `bash $step`,
        // `. "$step"`, `"$step"`, within the next few lines.
        let item = [
            format!("\"${var}\""),
            format!("${var}"),
            format!("${{{var}}}"),
        ];
        let runs = lines
            .iter()
            .skip(i)
            .take(6)
            .flat_map(|l| l.split(';'))
            .any(|part| {
                let t = part.trim().trim_start_matches("do ").trim();
                ["source ", ". ", "bash ", "sh ", ""].iter().any(|runner| {
                    t.strip_prefix(runner)
                        .is_some_and(|rest| item.iter().any(|it| rest.trim() == it))
                })
            });
        if runs && !dir.contains('$') && !out.iter().any(|(_, d)| *d == dir) {
            out.push((i as u32 + 1, dir));
        }
    }
    out
}

/// What a CI command hands off to inside the repository: a Makefile target
/// (the default goal for a bare `make`), a tox environment (the env_list
/// when none is named), a nox session (the default sessions when none is
/// named), a `docker compose run` service's command, or a task defined in
/// pyproject.toml. `read` gives a repository file's text. Returned lines
/// carry `via`.
pub fn expand(command: &str, read: &mut dyn FnMut(&str) -> Option<String>) -> Vec<CiCommand> {
    static TOX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[\s;&|(])tox(?:\s+|$)(.*)").expect("static regex"));
    static TOX_ENV: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|\s)(?:-e|--env|-e=)\s*([\w,.{}-]+)").expect("static regex")
    });
    static NOX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bnox\b(?:\s+(?:-s|--session|--sessions)\s+([\w.-]+))?").expect("static regex")
    });
    // A shared workflow that runs the caller's tox or nox (`uses:
    // asottile/workflows/.github/workflows/tox.yml@v1`): the repository's
    // own env_list or default sessions decide what runs.
    static SHARED_RUNNER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"/\.github/workflows/(tox|nox)(?:[-_.][\w.-]*)?\.ya?ml@").expect("static regex")
    });
    let mut out = Vec::new();
    for line in command.lines() {
        if super::is_install(line) {
            continue;
        }
        let shared = SHARED_RUNNER.captures(line).map(|c| c[1].to_owned());
        let line = shared.as_deref().unwrap_or(line);
        // `make requirements && make check`: each make on the line runs.
        for targets in line.split(['&', ';', '|']).filter_map(make_targets) {
            if let Some(text) = read("Makefile").or_else(|| read("makefile")) {
                let goals = if targets.is_empty() {
                    handoff::default_goal(&text).into_iter().collect()
                } else {
                    targets
                };
                // Read once for all the goals: continuations joined, the
                // variables' values known.
                let lines = handoff::joined_lines(&text);
                let vars = handoff::make_variables(&lines);
                for goal in goals {
                    out.extend(make_target(&lines, &vars, &goal));
                }
            }
        }
        if let Some(c) = TOX.captures(line) {
            let named = TOX_ENV.captures(&c[1]).map(|m| m[1].to_owned());
            // tox's own search order: tox.ini, then setup.cfg's
            // [tox:tox], then pyproject.toml, then tox.toml.
            if let Some(text) = read("tox.ini") {
                out.extend(tox_ini_commands(&text, named.as_deref(), "tox.ini"));
            } else if let Some(text) = read("setup.cfg").filter(|t| t.contains("[tox:tox]")) {
                out.extend(tox_ini_commands(&text, named.as_deref(), "setup.cfg"));
            } else if let Some(text) = read("pyproject.toml").filter(|t| t.contains("tool.tox")) {
                out.extend(tox_toml_commands(&text, named.as_deref()));
            } else if let Some(text) = read("tox.toml") {
                out.extend(tox_toml_file(&text, named.as_deref()));
            }
        }
        if let Some(c) = NOX.captures(line) {
            if let Some(text) = read("noxfile.py") {
                match c.get(1) {
                    Some(m) => out.extend(nox_runs(&text, Some(&[m.as_str()]))),
                    None => {
                        let defaults = handoff::nox_default_sessions(&text);
                        let names: Option<Vec<&str>> = defaults
                            .as_ref()
                            .map(|d| d.iter().map(String::as_str).collect());
                        out.extend(nox_runs(&text, names.as_deref()));
                    }
                }
            }
        }
        out.extend(handoff::compose_run(line, read));
        out.extend(super::node::commands(line, read));
        if let Some(task) = tasks::task_of(line) {
            out.extend(tasks::commands(&task, read));
        }
    }
    out
}

/// The targets of the first `make` on a line, in order (`make requirements
/// check` runs both; a recipe's `$(MAKE) test` too); empty for a bare
/// `make`, which builds the default goal. `None` when no make runs.
fn make_targets(line: &str) -> Option<Vec<String>> {
    static MAKE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s;&|(])(?:make|\$\(MAKE\)|\$\{MAKE\})(?:$|\s+([^;&|)]*))")
            .expect("static regex")
    });
    static TARGET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$").expect("static regex"));
    // `NAME="a b"` on the command line sets a variable; its quoted value
    // holds no targets.
    static QUOTED_ASSIGN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*')"#).expect("static regex")
    });
    let c = MAKE.captures(line)?;
    let args = c.get(1).map_or("", |m| m.as_str());
    let args = QUOTED_ASSIGN.replace_all(args, "");
    let mut targets = Vec::new();
    let mut words = args.split_whitespace();
    while let Some(word) = words.next() {
        // Options that take a value as the next word.
        if matches!(
            word,
            "-C" | "-f" | "-I" | "-o" | "-W" | "--directory" | "--file"
        ) {
            words.next();
        } else if word.starts_with('-') || word.contains('=') {
            continue;
        } else if TARGET.is_match(word) {
            targets.push(word.to_owned());
        } else {
            break;
        }
    }
    Some(targets)
}

/// A target's prerequisites and recipe. Recipes continue over `\` line
/// ends and name tools through variables (`$(DOCKER_COMPOSE) run --rm
/// tests`): each joined line is read with the Makefile's values filled in.
fn make_target(
    lines: &[(u32, String)],
    vars: &std::collections::HashMap<String, String>,
    target: &str,
) -> Vec<CiCommand> {
    // `test: PATH := venv/bin:$(PATH)` sets a variable for the target;
    // the rule with its recipe is another line.
    let Some(start) = lines.iter().position(|(_, l)| {
        l.split(':')
            .next()
            .is_some_and(|t| t.split_whitespace().any(|n| n == target))
            && l.split_once(':')
                .is_some_and(|(_, rest)| !rest.contains('='))
            && !l.starts_with('\t')
    }) else {
        return Vec::new();
    };
    let via = format!("Makefile (make {target})");
    let mut out = Vec::new();
    // Prerequisites on the target line run first.
    let (rule_line, rule) = &lines[start];
    if let Some((_, deps)) = rule.split_once(':') {
        let deps = handoff::substitute_make_variables(deps, vars);
        for dep in deps
            .split_whitespace()
            .filter(|d| !d.starts_with('$') && !d.contains('='))
        {
            out.push(CiCommand {
                line: *rule_line,
                text: format!("make {dep}"),
                via: Some(via.clone()),
                name: false,
                handed_off: false,
            });
        }
    }
    for (number, l) in lines.iter().skip(start + 1) {
        if !l.starts_with('\t') {
            if l.trim().is_empty() {
                continue;
            }
            break;
        }
        let command = l.trim().trim_start_matches(['@', '-']);
        out.push(CiCommand {
            line: *number,
            text: handoff::substitute_make_variables(command, vars),
            via: Some(via.clone()),
            name: false,
            handed_off: false,
        });
    }
    out
}

/// The commands of an INI-style tox configuration (tox.ini, or setup.cfg's
/// `[tox:tox]`): the named environments, else the env_list, else `py`.
///
/// With tox-gh-actions configured (a `[gh-actions]` section), a bare `tox`
/// on GitHub Actions runs only the env_list's environments that carry a
/// factor mapped to the job's Python (`3.12: py312` selects `py312-sqla20`
/// but not `linting`), so the others are left out.
fn tox_ini_commands(text: &str, named: Option<&str>, via: &str) -> Vec<CiCommand> {
    let envs = named
        .map(str::to_owned)
        .or_else(|| {
            let list = handoff::tox_ini_env_list(text)?;
            Some(handoff::gh_actions_selection(text, &list).unwrap_or(list))
        })
        .unwrap_or_else(|| "py".to_owned());
    tox_commands(text, Some(&envs), via)
}

/// `commands =` lines of the [testenv] sections (all, or the named envs).
fn tox_commands(text: &str, envs: Option<&str>, via: &str) -> Vec<CiCommand> {
    let wanted_owned: Vec<String> = envs.map(handoff::expand_env_names).unwrap_or_default();
    let wanted: Vec<&str> = wanted_owned.iter().map(String::as_str).collect();
    // The environments that have a section of their own, expanded once
    // (section names take brace groups too: `[testenv:py{39,310}-mypy]`).
    let named_sections: std::collections::HashSet<String> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[testenv:")?.strip_suffix(']'))
        .flat_map(handoff::expand_env_names)
        .collect();
    // A named environment uses its own commands; the base [testenv]
    // counts when nothing is named, or the named one has no section.
    let base_relevant = wanted.is_empty() || wanted.iter().any(|w| !named_sections.contains(*w));
    // The environments the section being read configures, for its
    // factor-conditional lines (`lint: ruff check .`).
    let mut scope: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    // Whether the section the reader is in is a tox environment whose
    // commands run, worked out once at its header.
    let mut relevant: Option<bool> = None;
    let mut in_commands = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            scope.clear();
            relevant = name
                .strip_prefix("testenv")
                .map(|e| e.trim_start_matches(':'))
                .map(|env| {
                    if env.is_empty() {
                        scope.extend(wanted.iter().filter(|w| !named_sections.contains(**w)));
                        base_relevant
                    } else {
                        let names = handoff::expand_env_names(env);
                        scope.extend(
                            wanted
                                .iter()
                                .filter(|w| names.iter().any(|e| e.trim() == **w)),
                        );
                        wanted.is_empty() || !scope.is_empty()
                    }
                });
            in_commands = false;
            continue;
        }
        let Some(relevant) = relevant else { continue };
        let continuation = raw.starts_with(' ') || raw.starts_with('\t');
        if !continuation {
            in_commands = line.trim_start().starts_with("commands");
        }
        if in_commands && relevant {
            let cmd = if continuation {
                line.trim()
            } else {
                line.split_once('=').map_or("", |(_, v)| v.trim())
            };
            // A factor-conditional line runs only in the environments
            // whose factors it names; with none named, in one of them.
            let cmd = match handoff::tox_factor_condition(cmd) {
                Some((condition, rest)) => {
                    let applies = scope.is_empty()
                        || scope
                            .iter()
                            .any(|env| handoff::factors_match(condition, env));
                    if applies { rest } else { "" }
                }
                None => cmd,
            };
            if !cmd.is_empty() {
                out.push(CiCommand {
                    line: i as u32 + 1,
                    text: cmd.to_owned(),
                    via: Some(via.to_owned()),
                    name: false,
                    handed_off: false,
                });
            }
        }
    }
    out
}

/// tox 4's native pyproject configuration ([tool.tox.env_run_base] and
/// [tool.tox.env.NAME]), or a legacy_tox_ini string.
fn tox_toml_commands(text: &str, envs: Option<&str>) -> Vec<CiCommand> {
    let Ok(doc) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    let Some(tox) = doc.get("tool").and_then(|t| t.get("tox")) else {
        return Vec::new();
    };
    if let Some(legacy) = tox.get("legacy_tox_ini").and_then(|v| v.as_str()) {
        return tox_ini_commands(legacy, envs, "pyproject.toml [tool.tox] legacy_tox_ini");
    }
    tox_native_commands(text, tox, "tool.tox.", "pyproject.toml", envs)
}

/// Commands of the environments tox 4's TOML configuration runs: the
/// named ones, else its `env_list`, else the default `py` environment
/// (which uses `env_run_base`).
pub(super) fn tox_native_commands(
    text: &str,
    tox: &toml::Value,
    prefix: &str,
    file: &str,
    envs: Option<&str>,
) -> Vec<CiCommand> {
    let env_list: Option<String> = envs.map(str::to_owned).or_else(|| {
        tox.get("env_list").and_then(|l| l.as_array()).map(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(",")
        })
    });
    let wanted: Vec<String> = env_list
        .map(|l| handoff::expand_env_names(&l))
        .unwrap_or_else(|| vec!["py".to_owned()]);
    let env_tables = tox.get("env").and_then(|e| e.as_table());
    let mut tables: Vec<(String, &toml::Value)> = Vec::new();
    let has_table = |w: &str| env_tables.is_some_and(|t| t.contains_key(w));
    if wanted.iter().any(|w| !has_table(w)) {
        if let Some(base) = tox.get("env_run_base") {
            tables.push((format!("{prefix}env_run_base"), base));
        }
    }
    if let Some(t) = env_tables {
        tables.extend(
            t.iter()
                .filter(|(k, _)| wanted.iter().any(|w| w == *k))
                .map(|(k, v)| (format!("{prefix}env.{k}"), v)),
        );
    }
    let mut out = Vec::new();
    for (section, table) in tables {
        let line = text
            .lines()
            .position(|l| l.trim() == format!("[{section}]"))
            .map_or(1, |p| p as u32 + 1);
        for cmd in table
            .get("commands")
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
        {
            let words: Vec<&str> = cmd
                .as_array()
                .map(|a| a.iter().filter_map(|w| w.as_str()).collect())
                .unwrap_or_default();
            if !words.is_empty() {
                out.push(CiCommand {
                    line,
                    text: words.join(" "),
                    via: Some(format!("{file} [{section}]")),
                    name: false,
                    handed_off: false,
                });
            }
        }
    }
    out
}

/// `session.run(...)` calls in noxfile.py, in the given sessions or all.
fn nox_runs(text: &str, sessions: Option<&[&str]>) -> Vec<CiCommand> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("def ") {
            current = rest.split('(').next().map(str::to_owned);
        }
        let in_session =
            sessions.is_none_or(|s| current.as_deref().is_some_and(|c| s.contains(&c)));
        if in_session && line.contains("session.run(") {
            let args = line.split("session.run(").nth(1).unwrap_or("");
            let cmd: Vec<&str> = args
                .split(',')
                .map(|a| a.trim().trim_matches(['"', '\'', ')']))
                .filter(|a| !a.is_empty() && !a.contains('='))
                .collect();
            out.push(CiCommand {
                line: i as u32 + 1,
                text: cmd.join(" "),
                via: Some("noxfile.py".to_owned()),
                name: false,
                handed_off: false,
            });
        }
    }
    out
}

/// tox 4's own `tox.toml`: `env_list`, `[env_run_base]`, `[env.NAME]`.
pub fn tox_toml_file(text: &str, envs: Option<&str>) -> Vec<CiCommand> {
    let Ok(doc) = toml::from_str::<toml::Value>(text) else {
        return Vec::new();
    };
    tox_native_commands(text, &doc, "", "tox.toml", envs)
}
