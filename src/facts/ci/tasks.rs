//! Task runners declared in pyproject.toml: what `poe check`, `uv run poe
//! lint`, `hatch run test`, `pdm run test` or taskipy's `task test` really
//! run. A task is often a
//! list of other tasks (`check = ["test", "docs"]`, `{ ref = "lint" }`), so
//! references are resolved inside the file, depth- and size-bounded, with
//! cycles cut, and only commands come out.

use super::CiCommand;

/// References followed inside one task table before giving up.
const MAX_DEPTH: usize = 8;
/// Commands one task may expand to.
const MAX_COMMANDS: usize = 64;

/// Which table of task definitions a command line hands off to, and the
/// task (with its hatch environment, if one was named).
#[derive(Debug, PartialEq)]
pub enum Task {
    Poe(String),
    Pdm(String),
    Rye(String),
    /// taskipy's `task NAME`, which also runs `pre_NAME` and `post_NAME`.
    Taskipy(String),
    Hatch {
        env: Option<String>,
        script: String,
    },
}

/// Options of `uv run`, `poetry run`, `pdm run`, `hatch run` and `poe`
/// that take a value: the word after them is not the task.
const VALUE_OPTIONS: &[&str] = &[
    "--python",
    "-p",
    "--with",
    "--with-requirements",
    "--with-editable",
    "--extra",
    "--group",
    "--only-group",
    "--package",
    "--directory",
    "--project",
    "--env-file",
    "--index",
    "--index-url",
    "-C",
    "--root",
    "-e",
    "--executor",
    "--env",
    "-P",
];

/// The task a command line runs, if it runs one (`poe X`, `uv run poe X`,
/// `python -m poethepoet X`, `pdm run X`, `rye run X`, `hatch run [ENV:]X`).
pub fn task_of(line: &str) -> Option<Task> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ';' || c == '&' || c == '|')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| words[p]);
        let runner = match (*w, prev) {
            ("poe" | "poethepoet", _) => "poe",
            (w, _) if w.ends_with("/poe") => "poe",
            ("run", Some(p @ ("pdm" | "rye" | "hatch"))) => p,
            // go-task's `task` reads Taskfile.yml, not pyproject.toml: it
            // finds no taskipy table there and follows nothing.
            ("task", _) => "task",
            _ => continue,
        };
        let Some(name) = first_argument(&words[i + 1..]) else {
            continue;
        };
        if runner != "poe" && matches!(name, "poe" | "poethepoet") {
            continue; // `pdm run poe X`: the poe word comes next.
        }
        let name = name.trim_matches(['"', '\'']).to_owned();
        return Some(match runner {
            "poe" => Task::Poe(name),
            "pdm" => Task::Pdm(name),
            "rye" => Task::Rye(name),
            "task" => Task::Taskipy(name),
            _ => match name.split_once(':') {
                Some((env, script)) => Task::Hatch {
                    env: Some(env.to_owned()),
                    script: script.to_owned(),
                },
                None => Task::Hatch {
                    env: None,
                    script: name,
                },
            },
        });
    }
    None
}

/// The first word that is not an option or an option's value.
fn first_argument<'a>(words: &[&'a str]) -> Option<&'a str> {
    let mut skip = false;
    for w in words {
        if skip {
            skip = false;
            continue;
        }
        if w.starts_with('-') || w.starts_with('+') {
            skip = VALUE_OPTIONS.contains(w);
            continue;
        }
        return Some(w);
    }
    None
}

/// The commands a task runs, read from pyproject.toml (or hatch.toml for
/// hatch), with `via` naming the task that holds each command.
pub fn commands(task: &Task, read: &mut dyn FnMut(&str) -> Option<String>) -> Vec<CiCommand> {
    match task {
        Task::Hatch { env, script } => {
            let mut out = Vec::new();
            if let Some(text) = read("pyproject.toml") {
                out = hatch(&text, "pyproject.toml", &["tool", "hatch"], env, script);
            }
            if out.is_empty() {
                if let Some(text) = read("hatch.toml") {
                    out = hatch(&text, "hatch.toml", &[], env, script);
                }
            }
            out
        }
        _ => {
            let Some(text) = read("pyproject.toml") else {
                return Vec::new();
            };
            let Ok(doc) = toml::from_str::<toml::Table>(&text) else {
                return Vec::new();
            };
            let (tool, table, name) = match task {
                Task::Poe(n) => ("poe", "tasks", n),
                Task::Pdm(n) => ("pdm", "scripts", n),
                Task::Rye(n) => ("rye", "scripts", n),
                Task::Taskipy(n) => ("taskipy", "tasks", n),
                Task::Hatch { .. } => unreachable!("handled above"),
            };
            let Some(tasks) = doc
                .get("tool")
                .and_then(|t| t.get(tool))
                .and_then(|t| t.get(table))
                .and_then(|t| t.as_table())
            else {
                return Vec::new();
            };
            let mut resolver = Resolver {
                text: &text,
                section: format!("tool.{tool}.{table}"),
                tasks,
                poe: tool == "poe",
                taskipy: tool == "taskipy",
                stack: Vec::new(),
                out: Vec::new(),
            };
            resolver.task(name, 0);
            resolver.out
        }
    }
}

/// Resolves one task table's references into commands.
struct Resolver<'a> {
    text: &'a str,
    section: String,
    tasks: &'a toml::Table,
    /// poethepoet: a list's strings are task references, not commands.
    poe: bool,
    /// taskipy: hooks run around a task, and `task X` in a command runs X.
    taskipy: bool,
    /// Tasks being resolved: a name seen again is a cycle.
    stack: Vec<String>,
    out: Vec<CiCommand>,
}

impl Resolver<'_> {
    fn task(&mut self, name: &str, depth: usize) {
        let name = name.split_whitespace().next().unwrap_or(name);
        if depth > MAX_DEPTH || self.stack.iter().any(|s| s == name) {
            return;
        }
        let Some(value) = self.tasks.get(name) else {
            return;
        };
        self.stack.push(name.to_owned());
        if self.taskipy {
            self.task(&format!("pre_{name}"), depth + 1);
        }
        self.value(name, value, depth);
        if self.taskipy {
            self.task(&format!("post_{name}"), depth + 1);
        }
        self.stack.pop();
    }

    fn value(&mut self, name: &str, value: &toml::Value, depth: usize) {
        match value {
            toml::Value::String(s) if self.taskipy => self.taskipy_command(name, s, depth),
            toml::Value::String(s) => {
                // hatch and pdm: a command that names another script runs it.
                let first = s.split_whitespace().next().unwrap_or("");
                if !self.poe && first != name && self.tasks.contains_key(first) {
                    self.task(first, depth + 1);
                } else {
                    self.command(name, s);
                }
            }
            toml::Value::Array(items) => self.sequence(name, items, None, depth),
            toml::Value::Table(t) => {
                if let Some(r) = t.get("ref").and_then(|r| r.as_str()) {
                    self.task(r, depth + 1);
                }
                for key in ["cmd", "shell"] {
                    match t.get(key) {
                        Some(toml::Value::String(s)) if self.taskipy => {
                            self.taskipy_command(name, s, depth);
                        }
                        Some(toml::Value::String(s)) => {
                            for line in s.lines() {
                                self.command(name, line);
                            }
                        }
                        Some(toml::Value::Array(words)) => {
                            let words: Vec<&str> =
                                words.iter().filter_map(|w| w.as_str()).collect();
                            self.command(name, &words.join(" "));
                        }
                        _ => {}
                    }
                }
                // poe's `default_item_type = "cmd"` makes a sequence's
                // strings commands rather than task names.
                let item_type = t.get("default_item_type").and_then(|v| v.as_str());
                for key in ["sequence", "parallel", "composite", "chain"] {
                    if let Some(toml::Value::Array(items)) = t.get(key) {
                        self.sequence(name, items, item_type, depth);
                    }
                }
                // poe's `switch`: every case may run.
                if let Some(toml::Value::Array(cases)) = t.get("switch") {
                    for case in cases {
                        self.value(name, case, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    /// A list: poe's strings name tasks (or are commands, under
    /// `default_item_type = "cmd"` or `"shell"`); pdm/rye composite strings
    /// name a task when one of that name exists, else they are commands.
    fn sequence(
        &mut self,
        name: &str,
        items: &[toml::Value],
        item_type: Option<&str>,
        depth: usize,
    ) {
        let commands = matches!(item_type, Some("cmd" | "shell"));
        for item in items {
            match item {
                toml::Value::String(s) => {
                    let first = s.split_whitespace().next().unwrap_or("");
                    if commands {
                        self.command(name, s);
                    } else if self.poe || self.tasks.contains_key(first) {
                        self.task(s, depth + 1);
                    } else {
                        self.command(name, s);
                    }
                }
                other => self.value(name, other, depth + 1),
            }
        }
    }

    /// A taskipy command: a chain whose `task X` parts run task X.
    fn taskipy_command(&mut self, name: &str, text: &str, depth: usize) {
        for part in text.split("&&").flat_map(|p| p.split(';')) {
            match part.trim().strip_prefix("task ") {
                Some(other) => self.task(other.trim(), depth + 1),
                None => self.command(name, part),
            }
        }
    }

    fn command(&mut self, name: &str, text: &str) {
        let text = text.trim();
        if text.is_empty() || self.out.len() >= MAX_COMMANDS {
            return;
        }
        self.out.push(CiCommand {
            line: task_line(self.text, &self.section, name),
            text: text.to_owned(),
            via: Some(format!("pyproject.toml [{}] {name}", self.section)),
            name: false,
            handed_off: false,
        });
    }
}

/// The line defining a task: `NAME = ...` or `[SECTION.NAME]`.
fn task_line(text: &str, section: &str, name: &str) -> u32 {
    let header = format!("[{section}.{name}]");
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.trim_end() == header
                || t.strip_prefix(name)
                    .or_else(|| t.strip_prefix(&format!("\"{name}\"")))
                    .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |p| p as u32 + 1)
}

/// A hatch script: `[envs.ENV.scripts]` (under `[tool.hatch]` in
/// pyproject.toml). An environment inherits the default one's scripts, and
/// a script's command may name another script of the same environment.
fn hatch(
    text: &str,
    file: &str,
    prefix: &[&str],
    env: &Option<String>,
    script: &str,
) -> Vec<CiCommand> {
    let Ok(doc) = toml::from_str::<toml::Value>(text) else {
        return Vec::new();
    };
    let mut root = Some(&doc);
    for key in prefix {
        root = root.and_then(|r| r.get(key));
    }
    let Some(envs) = root.and_then(|r| r.get("envs")).and_then(|e| e.as_table()) else {
        return Vec::new();
    };
    let env = env.as_deref().unwrap_or("default");
    let mut scripts = toml::Table::new();
    for name in ["default", env] {
        if let Some(t) = envs
            .get(name)
            .and_then(|e| e.get("scripts"))
            .and_then(|s| s.as_table())
        {
            scripts.extend(t.clone());
        }
    }
    let section = if prefix.is_empty() {
        format!("envs.{env}.scripts")
    } else {
        format!("{}.envs.{env}.scripts", prefix.join("."))
    };
    let mut resolver = Resolver {
        text,
        section,
        tasks: &scripts,
        poe: false,
        taskipy: false,
        stack: Vec::new(),
        out: Vec::new(),
    };
    resolver.task(script, 0);
    let via = file.to_owned();
    resolver
        .out
        .into_iter()
        .map(|c| CiCommand {
            via: c.via.map(|v| v.replacen("pyproject.toml", &via, 1)),
            ..c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str, pyproject: &str) -> Vec<String> {
        let mut read = |p: &str| (p == "pyproject.toml").then(|| pyproject.to_owned());
        task_of(line)
            .map(|t| commands(&t, &mut read))
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn taskipy_runs_hooks_and_the_tasks_its_commands_name() {
        let py = "[tool.taskipy.tasks]\nlint = 'ruff check'\npre_test = 'task lint'\ntest = 'pytest -x --cov=app'\npost_test = 'coverage html'\nci = { cmd = 'task lint && mypy app', help = 'all' }\n";
        assert_eq!(
            run("poetry run task test", py),
            ["ruff check", "pytest -x --cov=app", "coverage html"]
        );
        assert_eq!(run("task ci", py), ["ruff check", "mypy app"]);
        // No taskipy table (go-task's `task` reads Taskfile.yml): nothing.
        assert!(run("task test", "[tool.poe.tasks]\ntest = 'pytest'\n").is_empty());
    }

    #[test]
    fn runners_and_their_options_are_read() {
        assert_eq!(task_of("poe test"), Some(Task::Poe("test".into())));
        assert_eq!(
            task_of("uv run --python ${{ matrix.python }} poe check"),
            Some(Task::Poe("check".into()))
        );
        assert_eq!(
            task_of("poetry run poe lint"),
            Some(Task::Poe("lint".into()))
        );
        assert_eq!(task_of("pdm run test"), Some(Task::Pdm("test".into())));
        assert_eq!(
            task_of("hatch run +py=3.12 dev:cov"),
            Some(Task::Hatch {
                env: Some("dev".into()),
                script: "cov".into()
            })
        );
        assert_eq!(
            task_of("uv run pytest"),
            None,
            "uv runs programs, not tasks"
        );
    }

    #[test]
    fn poe_references_sequences_and_forms_are_resolved() {
        let py = r#"
[tool.poe.tasks]
test = "pytest"
docs = ["docs-html"]
docs-html = { shell = "sphinx-build doc build" }
check = ["test", "docs"]
mypy = { cmd = "mypy" }
loop = ["loop", "test"]

[tool.poe.tasks.lint]
sequence = [{ cmd = "ruff check ." }, { cmd = "ruff format --check ." }]

[tool.poe.tasks.all]
sequence = [{ ref = "lint" }, { ref = "mypy" }, { ref = "check" }]
"#;
        assert_eq!(
            run("uv run poe check", py),
            ["pytest", "sphinx-build doc build"]
        );
        assert_eq!(
            run("poe all", py),
            [
                "ruff check .",
                "ruff format --check .",
                "mypy",
                "pytest",
                "sphinx-build doc build"
            ]
        );
        assert_eq!(run("poe loop", py), ["pytest"], "a cycle is cut");
        assert!(run("poe missing", py).is_empty());
    }

    #[test]
    fn a_poe_sequence_of_commands_by_default_item_type() {
        let py = r#"
[tool.poe.tasks]
lint.default_item_type = "cmd"
lint.sequence = ["ruff check .", "black --check ."]
test-run = [{ cmd = "tox -q -e py --" }]
test = ["lint", "test-run"]
"#;
        assert_eq!(
            run("poetry run poe test", py),
            ["ruff check .", "black --check .", "tox -q -e py --"]
        );
    }

    #[test]
    fn hatch_scripts_inherit_and_compose() {
        let py = r#"
[tool.hatch.envs.default.scripts]
test = "pytest {args}"
cov = ["test", "coverage report"]
[tool.hatch.envs.lint.scripts]
check = "ruff check ."
"#;
        assert_eq!(
            run("hatch run cov", py),
            ["pytest {args}", "coverage report"]
        );
        assert_eq!(run("hatch run lint:check", py), ["ruff check ."]);
        assert_eq!(run("hatch run lint:test", py), ["pytest {args}"]);
    }

    #[test]
    fn deep_chains_are_bounded() {
        let mut py = String::from("[tool.poe.tasks]\n");
        for i in 0..40 {
            py.push_str(&format!("t{i} = [\"t{}\"]\n", i + 1));
        }
        py.push_str("t40 = \"pytest\"\n");
        assert!(run("poe t0", &py).is_empty());
        assert_eq!(run("poe t35", &py), ["pytest"]);
    }
}
