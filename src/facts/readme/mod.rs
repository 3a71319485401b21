//! README structure: which sections a reader finds, where the commands are,
//! which images and links it carries. Markdown goes through pulldown-cmark, so
//! a `#` line inside a code fence is never taken for a heading. reStructuredText
//! gets a small heading/directive reader, since no maintained Rust crate parses it.

mod linked;
mod markdown;
mod rst;
mod scripts;
mod sections;

pub use linked::{LINKED_SECTIONS, adopt_linked, linked_docs};
pub use scripts::console_scripts;
pub use sections::{SectionTable, normalise_heading};

use markdown::parse_markdown;
use regex::Regex;
use rst::parse_rst;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadmeFormat {
    Markdown,
    Rst,
    Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heading {
    pub line: u32,
    pub level: u8,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SectionFound {
    pub line: u32,
    /// Whether the heading is exactly a synonym ("Installation"), not one
    /// that merely contains one ("Run the installer script").
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub exact: bool,
    /// The heading that introduced it, or "(opening paragraph)" for an
    /// overview given before any heading.
    pub heading: String,
    pub code_blocks: usize,
    /// Inline code spans that look like shell commands (`pip install x`).
    pub inline_commands: usize,
    pub words: usize,
    /// The local file the section was found in when it is not the README
    /// itself: a page the README links to (docs/INSTALL.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CodeBlock {
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkRef {
    pub line: u32,
    pub url: String,
    /// An image: a badge. A link: its content is a badge image.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub badge: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadmeFacts {
    pub path: String,
    pub format: ReadmeFormat,
    pub words: usize,
    /// Words of prose before the first section heading (the pitch).
    pub lead_words: usize,
    pub headings: Vec<Heading>,
    pub sections: BTreeMap<String, SectionFound>,
    pub code_blocks: Vec<CodeBlock>,
    pub images: Vec<LinkRef>,
    pub links: Vec<LinkRef>,
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub text: String,
}

/// Sections a README shows by its commands whatever its headings say
/// ("Run the pipeline", "Sample run", an untitled block): the section, how
/// the evidence names it, and the line test.
type ShowsSection = fn(&str) -> bool;
const CONTENT_SECTIONS: &[(&str, &str, ShowsSection)] = &[
    ("install", "install commands", looks_like_install),
    ("usage", "commands that run the project", looks_like_run),
];

/// Opening prose of at least this many words counts as an overview even
/// without an "Overview" heading: most good READMEs open that way.
const LEAD_OVERVIEW_WORDS: usize = 15;

static BADGE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(shields\.io|/badge(\.svg|/|\?|$)|badge\.svg|badges?/|travis-ci\.(org|com)|codecov\.io|coveralls\.io|circleci\.com/.+svg|/pipeline\.svg|dev\.azure\.com/.+/_apis/build/status|readthedocs\.org/projects/.+/badge|pepy\.tech|badge\.fury\.io|results\.pre-commit\.ci|sonarcloud\.io/api/project_badges|codacy\.com/project/badge|/workflows/.+\.svg|snyk\.io/test)",
    )
    .expect("static regex")
});
/// Programs a README's inline code usually starts with when it is a command.
const COMMAND_WORDS: &[&str] = &[
    "pip",
    "pip3",
    "python",
    "python3",
    "py",
    "uv",
    "uvx",
    "poetry",
    "pipenv",
    "pdm",
    "hatch",
    "conda",
    "mamba",
    "git",
    "docker",
    "docker-compose",
    "make",
    "pytest",
    "tox",
    "nox",
    "npm",
    "flask",
    "uvicorn",
    "gunicorn",
    "django-admin",
    "cd",
    "export",
    "source",
    "curl",
    "http",
    "streamlit",
    "jupyter",
    "alembic",
    "celery",
    "sudo",
    "brew",
    "apt",
    "apt-get",
    "bash",
    "sh",
];

/// A README line with its shell prompt taken off (`$ `, `> `, `(venv) $ `).
fn strip_prompt(line: &str) -> &str {
    let mut l = line.trim();
    if l.starts_with('(') {
        if let Some((_, rest)) = l.split_once(") ") {
            l = rest.trim_start();
        }
    }
    l.trim_start_matches("$ ")
        .trim_start_matches("> ")
        .trim_start_matches("sudo ")
}

/// A line that installs the project or its dependencies, or prepares the
/// environment it runs in (a virtualenv, a container image).
pub fn looks_like_install(line: &str) -> bool {
    let l = strip_prompt(line);
    let starts = [
        "pip install",
        "pip3 install",
        "pipx install",
        "python -m pip install",
        "python3 -m pip install",
        "py -m pip install",
        "python -m venv",
        "python3 -m venv",
        "py -m venv",
        "virtualenv ",
        "uv venv",
        "uv sync",
        "uv pip install",
        "uv add",
        "uv tool install",
        "poetry install",
        "pipenv install",
        "pdm install",
        "conda install",
        "conda create",
        "conda env create",
        "mamba install",
        "mamba env create",
        "hatch env create",
        "docker compose build",
        "docker-compose build",
        "docker build",
        // A container setup builds the environment on the way up: for a
        // reviewer it is the install step.
        "docker compose up",
        "docker-compose up",
        "make install",
        "make setup",
    ];
    starts.iter().any(|s| l.starts_with(s))
}

/// Python modules run with `python -m` that are tooling, not the project.
const TOOL_MODULES: &[&str] = &[
    "pip",
    "venv",
    "virtualenv",
    "ensurepip",
    "pytest",
    "unittest",
    "build",
    "twine",
    "tox",
    "nox",
    "black",
    "ruff",
    "mypy",
    "flake8",
    "pylint",
    "isort",
    "coverage",
    "doctest",
    "pre_commit",
    "http.server",
    "ipykernel",
];

/// Programs whose first argument starts the project: a server, an app
/// runner, a dashboard.
const RUN_STARTS: &[&str] = &[
    "uvicorn ",
    "gunicorn ",
    "hypercorn ",
    "daphne ",
    "flask run",
    "flask --app",
    "fastapi run",
    "fastapi dev",
    "streamlit run",
    "panel serve",
    "bokeh serve",
    "chainlit run",
    "gradio ",
    "docker compose up",
    "docker-compose up",
    "docker run",
    "docker compose run",
    "docker-compose run",
    "poetry run ",
    "uv run ",
    "pipenv run ",
    "pdm run ",
    "hatch run ",
    "make run",
    "make start",
    "make serve",
    "dbt run",
    "dbt build",
    "jupyter notebook",
    "jupyter lab",
    "celery -A",
];

/// A line that runs the project itself: `python -m app`, `python main.py`,
/// `uvicorn app:app`, `manage.py runserver`, `streamlit run`, a container,
/// a `>>>` session.
/// Test and lint runs are not usage.
pub fn looks_like_run(line: &str) -> bool {
    // An interactive session (`>>> import httpx`) shows the library at work.
    if line.trim_start().starts_with(">>> ") {
        return true;
    }
    let l = strip_prompt(line);
    if RUN_STARTS.iter().any(|s| l.starts_with(s)) {
        // `uv run pytest` runs the tests, not the project.
        let rest: Vec<&str> = l.split_whitespace().collect();
        return !rest
            .iter()
            .skip(1)
            .any(|w| ["pytest", "tox", "nox", "ruff", "mypy", "test"].contains(w));
    }
    let mut words = l.split_whitespace();
    let Some(program) = words.next() else {
        return false;
    };
    // Windows READMEs write `Python app.py`; `./report.py` runs the script
    // as well. (A bare `report.py` is more often a file in a listing.)
    let program = program.to_ascii_lowercase();
    if program.starts_with("./") && is_script_name(&program) {
        // Only a command line: every argument a flag or a path
        // (`report.py --month 5 data/sales.xlsx`), never a sentence that
        // starts with a file name ("app.py holds the routes").
        return l
            .split_whitespace()
            .skip(1)
            .all(|a| a.starts_with('-') || a.contains(['.', '/']) || a.parse::<f64>().is_ok());
    }
    if !["python", "python3", "py"].contains(&program.as_str()) {
        return false;
    }
    match words.next() {
        Some("-m") => words.next().is_some_and(|m| {
            !TOOL_MODULES.contains(&m.split('.').next().unwrap_or(m)) && !TOOL_MODULES.contains(&m)
        }),
        Some("manage.py") => words.next() == Some("runserver"),
        Some(script) => is_script_name(script),
        None => false,
    }
}

/// A Python script of the project's own, run by name: not `setup.py`,
/// not a test file.
fn is_script_name(word: &str) -> bool {
    let name = word.rsplit('/').next().unwrap_or(word);
    name.ends_with(".py") && name.len() > 3 && name != "setup.py" && !name.starts_with("test")
}

/// Words of a text: whitespace-separated runs holding a letter or digit.
fn prose_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether prose names an install command: `pip install x` and its kin
/// in the middle of a sentence.
fn mentions_install(text: &str) -> bool {
    const IN_PROSE: &[&str] = &[
        "pip install ",
        "pip3 install ",
        "poetry install",
        "pipenv install",
        "conda install ",
        "uv sync",
    ];
    let lower = text.to_ascii_lowercase();
    IN_PROSE.iter().any(|p| lower.contains(p))
}

/// Heading words from which a heading reads as a sentence, not a title.
const SENTENCE_HEADING_WORDS: usize = 8;

/// Whether a heading is a sentence: long, or ending like one. "How to set
/// up the project" is a section name; "This is a Django app that tracks
/// expenses for small teams" is a description set in large type.
fn is_sentence(heading: &str) -> bool {
    let words = prose_words(heading);
    words >= SENTENCE_HEADING_WORDS || (words >= 5 && heading.trim_end().ends_with(['.', '!']))
}

/// A code line that runs one of the project's console scripts.
pub fn runs_console_script(line: &str, scripts: &[String]) -> bool {
    let l = strip_prompt(line);
    let program = l.split_whitespace().next().unwrap_or("");
    let program = ["uv run ", "poetry run ", "pipx run ", "uvx "]
        .iter()
        .find_map(|p| l.strip_prefix(p))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or(program);
    !program.is_empty() && scripts.iter().any(|s| s == program)
}

pub fn looks_like_command(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or("");
    first.starts_with("./")
        || (COMMAND_WORDS.contains(&first) && code.split_whitespace().count() >= 2)
}

pub fn is_badge_url(url: &str) -> bool {
    BADGE_URL.is_match(url)
}

pub fn format_of(path: &str) -> ReadmeFormat {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".rst") {
        ReadmeFormat::Rst
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        ReadmeFormat::Markdown
    } else {
        ReadmeFormat::Text
    }
}

pub fn parse(path: &str, text: String, table: &SectionTable) -> ReadmeFacts {
    parse_with(path, text, table, &[])
}

/// Like [`parse`], knowing the console scripts the project declares: a
/// code line that runs one of them (`mytool report.csv`) shows usage.
pub fn parse_with(
    path: &str,
    text: String,
    table: &SectionTable,
    scripts: &[String],
) -> ReadmeFacts {
    parse_in_context(path, text, table, scripts, &[])
}

/// Like [`parse_with`], also knowing the test runners that run the
/// project when it is a test-automation suite: a code line `pytest -k
/// login` shows its usage. A bare `pytest` in inline code names the tool
/// in a sentence; it shows usage only in a code block.
pub fn parse_in_context(
    path: &str,
    text: String,
    table: &SectionTable,
    scripts: &[String],
    suite_runners: &[String],
) -> ReadmeFacts {
    let format = format_of(path);
    let mut builder = Builder::new(path, format, table);
    builder.scripts = scripts;
    builder.suite_runners = suite_runners;
    match format {
        ReadmeFormat::Rst => parse_rst(&text, &mut builder),
        // Plain-text READMEs are often Markdown in disguise; setext-style
        // underlines are read as headings either way.
        ReadmeFormat::Markdown | ReadmeFormat::Text => parse_markdown(&text, &mut builder),
    }
    builder.finish(text)
}

/// Accumulates facts while a parser walks the document in order.
struct Builder<'t> {
    table: &'t SectionTable,
    /// Console scripts the project declares (see `parse_with`).
    scripts: &'t [String],
    /// Test runners that run a test-automation suite (see
    /// `parse_in_context`).
    suite_runners: &'t [String],
    facts: ReadmeFacts,
    /// (heading level, sections it opened); inner headings inherit.
    stack: Vec<(u8, Vec<String>)>,
    seen_heading: bool,
    lead_line: Option<u32>,
    last_heading: Option<String>,
    /// Per section recognised by content (install, usage): the first code
    /// that shows it, wherever it stands, and the heading above it.
    by_content: BTreeMap<&'static str, (u32, Option<String>)>,
}

impl<'t> Builder<'t> {
    fn new(path: &str, format: ReadmeFormat, table: &'t SectionTable) -> Self {
        Builder {
            table,
            scripts: &[],
            suite_runners: &[],
            facts: ReadmeFacts {
                path: path.to_owned(),
                format,
                words: 0,
                lead_words: 0,
                headings: Vec::new(),
                sections: BTreeMap::new(),
                code_blocks: Vec::new(),
                images: Vec::new(),
                links: Vec::new(),
                text: String::new(),
            },
            stack: Vec::new(),
            seen_heading: false,
            lead_line: None,
            last_heading: None,
            by_content: BTreeMap::new(),
        }
    }

    fn current_sections(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, secs) in &self.stack {
            for s in secs {
                if !out.contains(s) {
                    out.push(s.clone());
                }
            }
        }
        out
    }

    fn heading(&mut self, level: u8, text: &str, line: u32) {
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        // A heading written as a sentence ("This is a web app that...") is
        // the README's prose in large type, and counts as such.
        if is_sentence(&text) {
            let words = prose_words(&text);
            self.facts.words += words;
            if !self.seen_heading {
                self.facts.lead_words += words;
                self.lead_line.get_or_insert(line);
            }
        }
        let sections = self.table.classify(&text);
        // The document title (the first heading, at level 1) is the project's
        // name, not a section: "Todo App Setup" is no install guide. A first
        // heading that is exactly a section name ("# Installation") is kept.
        let is_title =
            self.facts.headings.is_empty() && level == 1 && !self.table.is_exact_synonym(&text);
        if !is_title {
            self.seen_heading = true;
        }
        self.stack.retain(|(l, _)| *l < level);
        let found = if is_title { Vec::new() } else { sections };
        for (s, exact) in &found {
            let fresh = SectionFound {
                line,
                exact: *exact,
                heading: text.clone(),
                code_blocks: 0,
                inline_commands: 0,
                words: 0,
                file: None,
            };
            match self.facts.sections.get(s) {
                // A later exact heading ("## Architecture") is better
                // evidence than an earlier loose one ("Run the pipeline").
                Some(old) if old.exact || !exact => {}
                _ => {
                    self.facts.sections.insert(s.clone(), fresh);
                }
            }
        }
        let opened: Vec<String> = found.into_iter().map(|(s, _)| s).collect();
        if !is_title {
            self.last_heading = Some(text.clone());
        }
        if !is_title {
            self.stack.push((level, opened.clone()));
        }
        self.facts.headings.push(Heading {
            line,
            level,
            text,
            sections: opened,
        });
    }

    fn prose(&mut self, text: &str, line: u32, in_link: bool) {
        let words = prose_words(text);
        if words == 0 {
            return;
        }
        self.facts.words += words;
        // "Use pip install requests first": an install step written in a
        // sentence is still one.
        if !self.by_content.contains_key("install") && mentions_install(text) {
            self.by_content
                .insert("install", (line, self.last_heading.clone()));
        }
        // A README written without code fences still shows its commands,
        // one per line (`python manage.py runserver`).
        if !self.by_content.contains_key("usage")
            && self.table.contains("usage")
            && text.lines().any(looks_like_run)
        {
            self.by_content
                .insert("usage", (line, self.last_heading.clone()));
        }
        // Link text before the first heading is usually a table of contents,
        // not a pitch.
        if !self.seen_heading && !in_link {
            self.facts.lead_words += words;
            self.lead_line.get_or_insert(line);
        }
        for s in self.current_sections() {
            if let Some(found) = self.facts.sections.get_mut(&s) {
                found.words += words;
            }
        }
    }

    fn code_block(&mut self, lang: Option<String>, line: u32) {
        let sections = self.current_sections();
        for s in &sections {
            if let Some(found) = self.facts.sections.get_mut(s) {
                found.code_blocks += 1;
            }
        }
        self.facts.code_blocks.push(CodeBlock {
            line,
            lang,
            sections,
        });
    }

    fn code_content(&mut self, code: &str, line: u32) {
        self.code_content_in(code, line, false);
    }

    fn code_content_in(&mut self, code: &str, line: u32, inline: bool) {
        let named_only = inline && code.split_whitespace().count() < 2;
        for (section, _, shows) in CONTENT_SECTIONS {
            let runs_script = |l: &str| {
                *section == "usage"
                    && (runs_console_script(l, self.scripts)
                        || (!named_only && runs_console_script(l, self.suite_runners)))
            };
            if !self.by_content.contains_key(section)
                && code.lines().any(|l| shows(l) || runs_script(l))
            {
                self.by_content
                    .insert(section, (line, self.last_heading.clone()));
            }
        }
    }

    fn inline_code(&mut self, code: &str, line: u32) {
        self.code_content_in(code, line, true);
        if !looks_like_command(code) {
            return;
        }
        for s in self.current_sections() {
            if let Some(found) = self.facts.sections.get_mut(&s) {
                found.inline_commands += 1;
            }
        }
    }

    fn image(&mut self, url: &str, line: u32) {
        let url = url.trim();
        if url.is_empty() {
            return;
        }
        self.facts.images.push(LinkRef {
            line,
            url: url.to_owned(),
            badge: is_badge_url(url),
        });
    }

    /// The image just read is the content of the link just read: a badge
    /// image makes the link a badge's link (a status, not a pointer).
    pub(super) fn image_inside_link(&mut self) {
        let badge = self.facts.images.last().is_some_and(|i| i.badge);
        if let Some(link) = self.facts.links.last_mut() {
            link.badge |= badge;
        }
    }

    fn link(&mut self, url: &str, line: u32) {
        let url = url.trim();
        if url.is_empty() {
            return;
        }
        self.facts.links.push(LinkRef {
            line,
            url: url.to_owned(),
            badge: false,
        });
    }

    fn finish(mut self, text: String) -> ReadmeFacts {
        if self.facts.lead_words >= LEAD_OVERVIEW_WORDS && self.table.contains("overview") {
            let line = self.lead_line.unwrap_or(1);
            let words = self.facts.lead_words;
            // The opening pitch comes before any "Features" heading, so it
            // is the overview a reader meets first.
            self.facts.sections.insert(
                "overview".to_owned(),
                SectionFound {
                    line,
                    exact: true,
                    heading: "(opening paragraph)".to_owned(),
                    code_blocks: 0,
                    inline_commands: 0,
                    words,
                    file: None,
                },
            );
        }
        for (section, what, _) in CONTENT_SECTIONS {
            if self.facts.sections.contains_key(*section) || !self.table.contains(section) {
                continue;
            }
            let Some((line, heading)) = self.by_content.remove(section) else {
                continue;
            };
            let heading = match heading {
                Some(h) => format!("{what} under \"{h}\""),
                None => what.to_string(),
            };
            self.facts.sections.insert(
                (*section).to_owned(),
                SectionFound {
                    line,
                    exact: false,
                    heading,
                    code_blocks: 1,
                    inline_commands: 0,
                    words: 0,
                    file: None,
                },
            );
        }
        self.facts.text = text;
        self.facts
    }
}

#[cfg(test)]
mod tests;
