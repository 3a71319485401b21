//! README structure: which sections a reader finds, where the commands are,
//! which images and links it carries. Markdown goes through pulldown-cmark, so
//! a `#` line inside a code fence is never taken for a heading. reStructuredText
//! gets a small heading/directive reader, since no maintained Rust crate parses it.

mod commands;
mod linked;
mod markdown;
mod rst;
mod scripts;
mod sections;

pub use commands::{
    does_more_than_import, imports_own_package, looks_like_command, looks_like_install,
    looks_like_run, looks_like_test_run, run_target_paths, runs_console_script,
};
pub use linked::{LINKED_SECTIONS, adopt_linked, linked_docs};
pub use scripts::console_scripts;
pub use sections::{SectionTable, normalise_heading};

use commands::{gives_instructions, is_named_file, mentions_install, shell_script, strip_prompt};
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
    /// Whether the section gives a reader something to do: a command (in
    /// a code block, inline or on its own line) or a sentence with an
    /// install step ("install the requirements"). A "Requirements" heading
    /// over a bare list of package names gives none.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub instructs: bool,
    /// Whether a command that runs the project or its tests stands in it,
    /// and whether an install command does: what tells a combined
    /// "Installation and Usage" heading that shows usage from one over
    /// install steps only.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub runs: bool,
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub installs: bool,
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
    /// Local scripts and notebooks the README's run commands name
    /// (`python stock_prediction.py`, "Run `analysis.ipynb`"), so a rule
    /// can tell instructions that point at files no longer there.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub run_targets: Vec<RunTarget>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RunTarget {
    pub line: u32,
    pub path: String,
}

/// Sections a README shows by its commands whatever its headings say
/// ("Run the pipeline", "Sample run", an untitled block): the section, how
/// the evidence names it, and the line test.
type ShowsSection = fn(&str) -> bool;
const CONTENT_SECTIONS: &[(&str, &str, ShowsSection)] = &[
    ("install", "install commands", looks_like_install),
    ("usage", "commands that run the project", looks_like_run),
    ("testing", "test commands", looks_like_test_run),
];

/// A line that starts the project or its tests: a run command (containers
/// brought up included), a test run, or a shell script of the
/// repository's own that sets nothing up (`./test.sh smoke`).
fn shows_a_run(line: &str) -> bool {
    let l = strip_prompt(line).trim();
    let script = shell_script(l).is_some() && !looks_like_install(l);
    looks_like_run(l) || looks_like_test_run(l) || script
}

/// Opening prose of at least this many words counts as an overview even
/// without an "Overview" heading: most good READMEs open that way.
const LEAD_OVERVIEW_WORDS: usize = 15;

static BADGE_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(shields\.io|/badge(\.svg|/|\?|$)|badge\.svg|badges?/|travis-ci\.(org|com)|codecov\.io|coveralls\.io|circleci\.com/.+svg|/pipeline\.svg|dev\.azure\.com/.+/_apis/build/status|readthedocs\.org/projects/.+/badge|pepy\.tech|badge\.fury\.io|results\.pre-commit\.ci|sonarcloud\.io/api/project_badges|codacy\.com/project/badge|/workflows/.+\.svg|snyk\.io/test)",
    )
    .expect("static regex")
});
/// Words of a text: whitespace-separated runs holding a letter or digit.
fn prose_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
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
    parse_knowing(
        path,
        text,
        table,
        &ProjectContext {
            scripts,
            suite_runners,
            own_packages: &[],
        },
    )
}

/// What the README parser knows of the project it describes.
pub struct ProjectContext<'a> {
    /// Console scripts the project declares (see [`parse_with`]).
    pub scripts: &'a [String],
    /// Test runners that run a test-automation suite (see
    /// [`parse_in_context`]).
    pub suite_runners: &'a [String],
    /// The project's own importable packages: a Python block that imports
    /// one (`from spellchecker import SpellChecker`) shows the library in
    /// use.
    pub own_packages: &'a [String],
}

/// Like [`parse_in_context`], with everything the parser can know of the
/// project.
pub fn parse_knowing(
    path: &str,
    text: String,
    table: &SectionTable,
    project: &ProjectContext<'_>,
) -> ReadmeFacts {
    let format = format_of(path);
    let mut builder = Builder::new(path, format, table);
    builder.scripts = project.scripts;
    builder.suite_runners = project.suite_runners;
    builder.own_packages = project.own_packages;
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
    /// The project's own packages (see [`ProjectContext`]).
    own_packages: &'t [String],
    facts: ReadmeFacts,
    /// (heading level, sections it opened); inner headings inherit.
    stack: Vec<(u8, Vec<String>)>,
    seen_heading: bool,
    lead_line: Option<u32>,
    last_heading: Option<String>,
    /// Per section recognised by content (install, usage): the first code
    /// that shows it, wherever it stands, and the heading above it.
    by_content: BTreeMap<&'static str, (u32, Option<String>)>,
    /// The code block being read is fenced as shell (```sh, ```console):
    /// its lines are commands to type, whatever program they name. Set by
    /// `code_block`; cleared by the next heading or prose, since the RST
    /// parser hands a literal block over one line at a time.
    shell_block: bool,
}

impl<'t> Builder<'t> {
    fn new(path: &str, format: ReadmeFormat, table: &'t SectionTable) -> Self {
        Builder {
            table,
            scripts: &[],
            suite_runners: &[],
            own_packages: &[],
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
                run_targets: Vec::new(),
            },
            stack: Vec::new(),
            seen_heading: false,
            lead_line: None,
            last_heading: None,
            by_content: BTreeMap::new(),
            shell_block: false,
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

    /// The sections the reader is in give an instruction.
    fn mark_instructs(&mut self) {
        self.mark_instructs_but(None);
    }

    /// Like [`Builder::mark_instructs`], for a step that only runs the
    /// project (`python3 monitor.py`): it shows usage, but it is no install
    /// step for a "Quick start" or "Requirements" that never says how to
    /// install what it lists.
    fn mark_run_step(&mut self) {
        self.mark_instructs_but(Some("install"));
    }

    fn mark_instructs_but(&mut self, except: Option<&str>) {
        for s in self.current_sections() {
            if Some(s.as_str()) == except {
                continue;
            }
            if let Some(found) = self.facts.sections.get_mut(&s) {
                found.instructs = true;
            }
        }
    }

    /// Notes whether `text` shows, in the sections the reader is in, a
    /// command that runs the project or its tests, and one that installs.
    fn mark_runs(&mut self, text: &str) {
        let runs = text.lines().any(shows_a_run);
        let installs = mentions_install(text) || text.lines().any(looks_like_install);
        if !runs && !installs {
            return;
        }
        for s in self.current_sections() {
            if let Some(found) = self.facts.sections.get_mut(&s) {
                found.runs |= runs;
                found.installs |= installs;
            }
        }
    }

    /// Records the files that the run commands among `text`'s lines name.
    fn note_run_targets(&mut self, text: &str, line: u32) {
        for (i, l) in text.lines().enumerate() {
            if !looks_like_run(l) {
                continue;
            }
            for path in run_target_paths(l) {
                self.facts.run_targets.push(RunTarget {
                    line: line + i as u32,
                    path,
                });
            }
        }
    }

    /// Inside a testing section that is not also a usage one ("Run
    /// Tests", not "Usage and tests"): commands here run the test suite.
    fn under_tests_only(&self) -> bool {
        let current = self.current_sections();
        current.iter().any(|s| s == "testing") && !current.iter().any(|s| s == "usage")
    }

    fn heading(&mut self, level: u8, text: &str, line: u32) {
        self.shell_block = false;
        let text = text.trim().to_owned();
        if text.is_empty() {
            return;
        }
        // A heading written as a sentence ("This is a web app that...") is
        // the README's prose in large type, and counts as such.
        let sentence = is_sentence(&text);
        if sentence {
            let words = prose_words(&text);
            self.facts.words += words;
            if !self.seen_heading {
                self.facts.lead_words += words;
                self.lead_line.get_or_insert(line);
            }
        }
        let mut sections = self.table.classify(&text);
        // A sentence in large type names no section by a word inside it
        // ("This is a simple todo app using FastAPI" is no to-do list).
        // A label before a colon still names one ("Technical Stack: Pandas,
        // scikit-learn and a Jupyter notebook for the model").
        if sentence {
            sections = match text.split_once(':') {
                Some((label, _)) if prose_words(label) <= 3 => self.table.classify(label),
                _ => sections.into_iter().filter(|(_, exact)| *exact).collect(),
            };
        }
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
                instructs: false,
                runs: false,
                installs: false,
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
        self.shell_block = false;
        let words = prose_words(text);
        if words == 0 {
            return;
        }
        self.facts.words += words;
        // "Use pip install requests first": an install step written in a
        // sentence is still one.
        // ...and so is an install command on a line of its own in a
        // paragraph (`docker compose up -d` under "deploy with one
        // command:"), as a run command is below.
        if !self.by_content.contains_key("install")
            && (mentions_install(text) || text.lines().any(looks_like_install))
        {
            self.by_content
                .insert("install", (line, self.last_heading.clone()));
        }
        // A README written without code fences still shows its commands,
        // one per line (`python manage.py runserver`).
        // In a test-automation suite the runner's command line is how the
        // project is used, under "Running Tests" too (as in a code block).
        let runs_suite = |l: &str| {
            l.split_whitespace().count() >= 2 && runs_console_script(l, self.suite_runners)
        };
        if !self.by_content.contains_key("usage")
            && self.table.contains("usage")
            && ((!self.under_tests_only() && text.lines().any(looks_like_run))
                || text.lines().any(runs_suite))
        {
            self.by_content
                .insert("usage", (line, self.last_heading.clone()));
        }
        if !self.under_tests_only() {
            self.note_run_targets(text, line);
        }
        self.mark_runs(text);
        if gives_instructions(text) {
            self.mark_instructs();
        } else if text.lines().any(looks_like_run) {
            self.mark_run_step();
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
        self.shell_block = lang.as_deref().is_some_and(|l| {
            matches!(
                l.to_ascii_lowercase().as_str(),
                "sh" | "bash"
                    | "shell"
                    | "console"
                    | "zsh"
                    | "shell-session"
                    | "powershell"
                    | "ps1"
                    | "cmd"
                    | "bat"
            )
        });
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
        let under_tests_only = self.under_tests_only();
        let sets_up = |l: &str| {
            looks_like_install(l) || (looks_like_command(strip_prompt(l)) && !looks_like_run(l))
        };
        // A shell block's lines are steps to type (`ln -s ../lib lib`),
        // even when the program is none the command table knows.
        let shell = !inline && self.shell_block;
        let typed = |l: &str| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && !looks_like_run(l)
        };
        if code.lines().any(sets_up) || (shell && code.lines().any(typed)) {
            self.mark_instructs();
        } else if code.lines().any(looks_like_run) {
            self.mark_run_step();
        }
        self.mark_runs(code);
        if !under_tests_only {
            self.note_run_targets(code, line);
            // "Run `churn.ipynb`": a file named alone in a usage section.
            if named_only
                && is_named_file(code.trim())
                && self.current_sections().iter().any(|s| s == "usage")
            {
                self.facts.run_targets.push(RunTarget {
                    line,
                    path: code.trim().trim_start_matches("./").to_owned(),
                });
            }
        }
        for (section, _, shows) in CONTENT_SECTIONS {
            let is_usage = *section == "usage";
            // "Run Tests: docker run --rm app" runs the tests, whatever the
            // command looks like; only a test-automation suite's runner
            // (the suite is the project) is usage there.
            let shows = |l: &str| !(is_usage && under_tests_only) && shows(l);
            // An import of the package shows usage only with something done
            // with it: a block that is only `import pkg` shows nothing.
            let uses_import = !inline && code.lines().any(does_more_than_import);
            let runs_script = |l: &str| {
                is_usage
                    && (runs_console_script(l, self.scripts)
                        || (!named_only && runs_console_script(l, self.suite_runners))
                        || (uses_import && imports_own_package(l, self.own_packages)))
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
        // "[Set up GCP](setup/gcp.md)": the steps are on a page of the
        // repository's own, a step to follow all the same.
        let lower = url.to_ascii_lowercase();
        let page = lower.split(['#', '?']).next().unwrap_or("");
        if !lower.contains("://") && [".md", ".rst", ".txt"].iter().any(|e| page.ends_with(e)) {
            self.mark_instructs();
        }
    }

    /// "Installation and Usage" over clone, venv and `pip install` steps
    /// and nothing that runs the project: the heading promises usage the
    /// section never shows, so it counts as install only (a run command
    /// elsewhere still shows usage by content).
    fn drop_usage_that_only_installs(&mut self) {
        let combined_without_run = self.facts.sections.get("usage").is_some_and(|u| {
            u.installs
                && !u.runs
                && u.file.is_none()
                && self
                    .table
                    .classify(&u.heading)
                    .iter()
                    .any(|(s, _)| s == "install")
        });
        if combined_without_run {
            self.facts.sections.remove("usage");
        }
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
                    instructs: false,
                    runs: false,
                    installs: false,
                    file: None,
                },
            );
        }
        self.drop_usage_that_only_installs();
        for (section, what, _) in CONTENT_SECTIONS {
            if let Some(found) = self.facts.sections.get_mut(*section) {
                // The commands stand under another heading ("Setup" names
                // the tools; "Docker" holds `docker compose up`): the
                // README still says what to do.
                found.instructs |= self.by_content.contains_key(section);
                continue;
            }
            if !self.table.contains(section) {
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
                    instructs: true,
                    runs: *section == "usage",
                    installs: *section == "install",
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
