//! JavaScript task runners a Python project's CI may hand its checks to:
//! npm, yarn and pnpm scripts in package.json (`npm test`, `yarn lint`),
//! and gulp tasks in a gulpfile (`gulp lint` running `black --check` in a
//! child process). The gulpfile is read, never run: a task's body gives up
//! its string literals and arrays of strings (`["black", ".", "--check"]`
//! reads `black . --check`), and `series(a, b)` follows `a` and `b`.

use super::CiCommand;
use regex::Regex;
use std::sync::LazyLock;

/// Tasks followed through `series`/`parallel` before giving up.
const MAX_DEPTH: usize = 6;
/// Commands one task may expand to.
const MAX_COMMANDS: usize = 64;

/// What `line` runs through package.json scripts or a gulpfile.
pub fn commands(line: &str, read: &mut dyn FnMut(&str) -> Option<String>) -> Vec<CiCommand> {
    if let Some(script) = package_script(line) {
        if let Some(text) = read("package.json") {
            return script_command(&text, &script).into_iter().collect();
        }
        return Vec::new();
    }
    if let Some(task) = gulp_task(line) {
        for file in [
            "gulpfile.js",
            "gulpfile.mjs",
            "gulpfile.cjs",
            "gulpfile.babel.js",
        ] {
            if let Some(text) = read(file) {
                return gulp_commands(file, &text, &task);
            }
        }
    }
    Vec::new()
}

/// The package.json script a command runs: `npm run lint`, `npm test`,
/// `yarn lint`, `pnpm run test`. Package-manager commands are no scripts.
fn package_script(line: &str) -> Option<String> {
    static SCRIPT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s;&|(])(npm|yarn|pnpm)\s+(?:(run|run-script)\s+)?([A-Za-z0-9:_.-]+)")
            .expect("static regex")
    });
    const NOT_SCRIPTS: &[&str] = &[
        "install",
        "i",
        "ci",
        "add",
        "remove",
        "rm",
        "uninstall",
        "init",
        "exec",
        "x",
        "dlx",
        "publish",
        "audit",
        "update",
        "upgrade",
        "outdated",
        "config",
        "cache",
        "set",
        "version",
        "pack",
        "link",
        "rebuild",
        "global",
        "why",
        "list",
        "ls",
        "info",
        "view",
        "dedupe",
    ];
    let c = SCRIPT.captures(line)?;
    let (tool, run, name) = (&c[1], c.get(2).is_some(), &c[3]);
    let name = match (tool, run, name) {
        (_, true, n) => n,
        ("npm", false, "t") => "test",
        ("npm", false, n @ ("test" | "start")) => n,
        ("npm", false, _) => return None,
        (_, false, n) if NOT_SCRIPTS.contains(&n) || n.starts_with('-') => return None,
        (_, false, n) => n,
    };
    Some(name.to_owned())
}

fn script_command(package_json: &str, script: &str) -> Option<CiCommand> {
    let json: serde_json::Value = serde_json::from_str(package_json).ok()?;
    let text = json.get("scripts")?.get(script)?.as_str()?;
    Some(CiCommand {
        line: line_of(package_json, &format!("\"{script}\"")),
        text: text.to_owned(),
        via: Some(format!("package.json (script {script})")),
        name: false,
        handed_off: false,
    })
}

/// The gulp task a command runs (`gulp lint`, `npx gulp`: the default).
fn gulp_task(line: &str) -> Option<String> {
    static GULP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[\s;&|(])(?:npx\s+)?gulp(?:$|[\s;&|)]+([A-Za-z0-9:_-]+)?)")
            .expect("static regex")
    });
    let c = GULP.captures(line)?;
    let task = c.get(1).map_or("default", |m| m.as_str());
    (!task.starts_with('-')).then(|| task.to_owned())
}

/// The commands a gulp task's body holds, following `series`/`parallel`.
fn gulp_commands(file: &str, text: &str, task: &str) -> Vec<CiCommand> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut todo = vec![(task.to_owned(), 0usize)];
    while let Some((name, depth)) = todo.pop() {
        if depth > MAX_DEPTH || seen.contains(&name) || out.len() >= MAX_COMMANDS {
            continue;
        }
        seen.push(name.clone());
        let Some((start, body)) = task_body(text, &name) else {
            continue;
        };
        let via = format!("{file} (gulp {task})");
        for (offset, command) in literal_commands(body) {
            out.push(CiCommand {
                line: line_at(text, start + offset),
                text: command,
                via: Some(via.clone()),
                name: false,
                handed_off: false,
            });
        }
        // Tasks composed of other tasks, in order.
        for called in composed(body).into_iter().rev() {
            todo.push((called, depth + 1));
        }
    }
    out.truncate(MAX_COMMANDS);
    out
}

/// Where a task's definition starts and its text: `function NAME(...) {
/// ... }`, `exports.NAME = EXPR;`, `gulp.task("NAME", EXPR)`.
fn task_body<'t>(text: &'t str, name: &str) -> Option<(usize, &'t str)> {
    let function = format!("function {name}(");
    if let Some(at) = text.find(&function) {
        return braced(text, at);
    }
    let export = format!("exports.{name} =");
    let task = [format!("task(\"{name}\""), format!("task('{name}'")];
    let at = text
        .find(&export)
        .or_else(|| task.iter().find_map(|t| text.find(t.as_str())))?;
    // The expression runs to the end of its statement, or its braces.
    let rest = &text[at..];
    let end = rest.find(['{', ';']).unwrap_or(rest.len());
    if rest[end..].starts_with('{') {
        return braced(text, at);
    }
    Some((at, &rest[..end]))
}

/// From `at` to the brace that closes the first `{` after it.
fn braced(text: &str, at: usize) -> Option<(usize, &str)> {
    let open = at + text[at..].find('{')?;
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((at, &text[at..=open + i]));
                }
            }
            _ => {}
        }
    }
    None
}

/// String literals holding a command (two words or more) and arrays of
/// string literals joined by spaces, with their offsets in `body`.
fn literal_commands(body: &str) -> Vec<(usize, String)> {
    static ARRAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"\[\s*(?:(?:"[^"\n]*"|'[^'\n]*')\s*,?\s*)+\]"#).expect("static regex")
    });
    static STRING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#""([^"\n]*)"|'([^'\n]*)'"#).expect("static regex"));
    let mut out = Vec::new();
    let mut covered = Vec::new();
    for m in ARRAY.find_iter(body) {
        let words: Vec<&str> = STRING
            .captures_iter(m.as_str())
            .filter_map(|c| c.get(1).or_else(|| c.get(2)).map(|g| g.as_str()))
            .collect();
        out.push((m.start(), words.join(" ")));
        covered.push(m.range());
    }
    for c in STRING.captures_iter(body) {
        let whole = c.get(0).map_or(0..0, |g| g.range());
        if covered.iter().any(|r| r.contains(&whole.start)) {
            continue;
        }
        let s = c.get(1).or_else(|| c.get(2)).map_or("", |g| g.as_str());
        if s.split_whitespace().count() >= 2 {
            out.push((whole.start, s.to_owned()));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out
}

/// The tasks `series(a, b)` or `parallel(a, b)` name in a body.
fn composed(body: &str) -> Vec<String> {
    static COMPOSED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(?:series|parallel)\(([^()]*)\)").expect("static regex"));
    COMPOSED
        .captures_iter(body)
        .flat_map(|c| {
            c[1].split(',')
                .map(|a| a.trim().trim_matches(['"', '\'']).to_owned())
                .filter(|a| !a.is_empty() && a.chars().all(|c| c.is_alphanumeric() || c == '_'))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn line_at(text: &str, offset: usize) -> u32 {
    text[..offset.min(text.len())].matches('\n').count() as u32 + 1
}

fn line_of(text: &str, needle: &str) -> u32 {
    text.find(needle).map_or(1, |at| line_at(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(cmds: &[CiCommand]) -> Vec<&str> {
        cmds.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn package_scripts_run_by_npm_yarn_and_pnpm_are_followed() {
        let pkg = "{\n  \"scripts\": {\n    \"test\": \"pytest -q\",\n    \"lint\": \"ruff check .\"\n  }\n}\n";
        let mut read = |p: &str| (p == "package.json").then(|| pkg.to_owned());
        for line in [
            "npm test",
            "npm t",
            "npm run test",
            "pnpm test",
            "yarn run test",
        ] {
            assert_eq!(texts(&commands(line, &mut read)), ["pytest -q"], "{line}");
        }
        let lint = commands("yarn lint", &mut read);
        assert_eq!(texts(&lint), ["ruff check ."]);
        assert_eq!(lint[0].line, 4);
        for line in [
            "npm install",
            "npm ci",
            "yarn add left-pad",
            "npm lint",
            "npm run missing",
        ] {
            assert!(commands(line, &mut read).is_empty(), "{line}");
        }
    }

    #[test]
    fn gulp_tasks_give_up_their_commands() {
        let gulpfile = r#"const spawn = require("child_process").spawn;
function _run(command) { return spawn("pipenv", ["run"].concat(command)); }
function lint(cb) {
  _run(["black", ".", "--check", "--diff"]);
  cb();
}
function coverage(cb) {
  es("pipenv run coverage erase");
  let command = ["run", "coverage", "run", "manage.py", "test"];
  spawn("pipenv", command);
}
exports.lint = lint;
exports.coverage = coverage;
exports.default = series(lint, coverage);
"#;
        let mut read = |p: &str| (p == "gulpfile.js").then(|| gulpfile.to_owned());
        let lint = commands("gulp lint", &mut read);
        assert_eq!(texts(&lint), ["black . --check --diff"]);
        assert_eq!(lint[0].line, 4);
        assert_eq!(
            texts(&commands("gulp coverage", &mut read)),
            [
                "pipenv run coverage erase",
                "run coverage run manage.py test"
            ]
        );
        assert_eq!(commands("npx gulp", &mut read).len(), 3);
        assert!(commands("gulp missing", &mut read).is_empty());
        assert!(commands("gulpish lint", &mut read).is_empty());
    }

    #[test]
    fn a_task_that_names_itself_ends() {
        let gulpfile = "exports.loop = series(loop, loop);\n";
        let mut read = |p: &str| (p == "gulpfile.js").then(|| gulpfile.to_owned());
        assert!(commands("gulp loop", &mut read).is_empty());
    }
}
