//! README structure: which sections a reader finds, where the commands are,
//! which images and links it carries. Markdown goes through pulldown-cmark, so
//! a `#` line inside a code fence is never taken for a heading. reStructuredText
//! gets a small heading/directive reader, since no maintained Rust crate parses it.

use crate::error::LineIndex;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Section names and the headings that count as each; loaded from the pack.
///
/// A synonym matches when its words appear in order in a heading. A synonym
/// written `=words` must be the whole heading ("=tests" matches "Tests" but
/// not "Skip tests on CI"); `!words` excludes headings containing it ("!virtual
/// environment" keeps "Virtual environment" out of configuration).
#[derive(Debug, Clone, Default)]
pub struct SectionTable {
    sections: Vec<SectionMatcher>,
}

#[derive(Debug, Clone)]
struct SectionMatcher {
    name: String,
    anywhere: Vec<String>,
    whole: Vec<String>,
    exclude: Vec<String>,
}

impl SectionTable {
    pub fn new(sections: Vec<(String, Vec<String>)>) -> Self {
        let sections = sections
            .into_iter()
            .map(|(name, syns)| {
                let mut m = SectionMatcher {
                    name,
                    anywhere: Vec::new(),
                    whole: Vec::new(),
                    exclude: Vec::new(),
                };
                for syn in syns {
                    if let Some(w) = syn.strip_prefix('=') {
                        m.whole.push(normalise_heading(w));
                    } else if let Some(x) = syn.strip_prefix('!') {
                        m.exclude.push(normalise_heading(x));
                    } else {
                        m.anywhere.push(normalise_heading(&syn));
                    }
                }
                m
            })
            .collect();
        SectionTable { sections }
    }

    pub fn is_exact_synonym(&self, heading: &str) -> bool {
        let norm = normalise_heading(heading);
        self.sections
            .iter()
            .any(|m| m.whole.contains(&norm) || m.anywhere.contains(&norm))
    }

    pub fn contains(&self, section: &str) -> bool {
        self.sections.iter().any(|m| m.name == section)
    }

    /// Every section a heading belongs to ("Installation and usage" counts
    /// for both), each with whether the heading is exactly a synonym.
    pub fn classify(&self, heading: &str) -> Vec<(String, bool)> {
        let norm = normalise_heading(heading);
        if norm.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = norm.split(' ').collect();
        self.sections
            .iter()
            .filter(|m| !m.exclude.iter().any(|x| contains_phrase(&words, x)))
            .filter_map(|m| {
                let exact = m.whole.contains(&norm) || m.anywhere.contains(&norm);
                let found = exact || m.anywhere.iter().any(|syn| contains_phrase(&words, syn));
                found.then(|| (m.name.clone(), exact))
            })
            .collect()
    }
}

fn contains_phrase(words: &[&str], phrase: &str) -> bool {
    let needle: Vec<&str> = phrase.split(' ').collect();
    !needle.is_empty() && words.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Lower-cases, drops emoji, punctuation and leading numbering ("1.2 Setup").
pub fn normalise_heading(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else if c == '\'' || c == '’' {
                '\0'
            } else {
                ' '
            }
        })
        .filter(|c| *c != '\0')
        .collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .map(|w| match w {
            "application" | "applications" => "app",
            "licence" => "license",
            other => other,
        })
        .collect();
    let start = words
        .iter()
        .take_while(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    words[start..].join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadmeFormat {
    Markdown,
    Rst,
    Text,
}

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub line: u32,
    pub level: u8,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionFound {
    pub line: u32,
    /// Whether the heading is exactly a synonym ("Installation"), not one
    /// that merely contains one ("Run the installer script").
    #[serde(skip)]
    pub exact: bool,
    /// The heading that introduced it, or "(opening paragraph)" for an
    /// overview given before any heading.
    pub heading: String,
    pub code_blocks: usize,
    /// Inline code spans that look like shell commands (`pip install x`).
    pub inline_commands: usize,
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CodeBlock {
    pub line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkRef {
    pub line: u32,
    pub url: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub badge: bool,
}

#[derive(Debug, Clone, Serialize)]
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
    #[serde(skip)]
    pub text: String,
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
static HTML_IMG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']"#).expect("static regex")
});
static HTML_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']"#).expect("static regex")
});
static HTML_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<h([1-6])\b[^>]*>(.*?)</h[1-6]>").expect("static regex"));
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("static regex"));

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

/// A line that installs the project or its dependencies.
pub fn looks_like_install(line: &str) -> bool {
    let l = line
        .trim()
        .trim_start_matches("$ ")
        .trim_start_matches("> ");
    let starts = [
        "pip install",
        "pip3 install",
        "python -m pip install",
        "python3 -m pip install",
        "uv sync",
        "uv pip install",
        "uv add",
        "poetry install",
        "pipenv install",
        "pdm install",
        "conda install",
        "conda env create",
        "mamba install",
        "mamba env create",
        "hatch env create",
    ];
    starts.iter().any(|s| l.starts_with(s))
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
    let format = format_of(path);
    let mut builder = Builder::new(path, format, table);
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
    facts: ReadmeFacts,
    /// (heading level, sections it opened); inner headings inherit.
    stack: Vec<(u8, Vec<String>)>,
    seen_heading: bool,
    lead_line: Option<u32>,
    last_heading: Option<String>,
    /// The first code block that installs something, wherever it stands.
    install_block: Option<(u32, Option<String>)>,
}

impl<'t> Builder<'t> {
    fn new(path: &str, format: ReadmeFormat, table: &'t SectionTable) -> Self {
        Builder {
            table,
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
            install_block: None,
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
        let words = text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        if words == 0 {
            return;
        }
        self.facts.words += words;
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
        if self.install_block.is_none() && code.lines().any(looks_like_install) {
            self.install_block = Some((line, self.last_heading.clone()));
        }
    }

    fn inline_code(&mut self, code: &str) {
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
                },
            );
        }
        if let (false, Some((line, heading))) = (
            self.facts.sections.contains_key("install"),
            self.install_block.take(),
        ) {
            if self.table.contains("install") {
                let heading = match heading {
                    Some(h) => format!("install commands under \"{h}\""),
                    None => "install commands".to_owned(),
                };
                self.facts.sections.insert(
                    "install".to_owned(),
                    SectionFound {
                        line,
                        exact: false,
                        heading,
                        code_blocks: 1,
                        inline_commands: 0,
                        words: 0,
                    },
                );
            }
        }
        self.facts.text = text;
        self.facts
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn parse_markdown(text: &str, b: &mut Builder<'_>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut heading: Option<(u8, u32, String)> = None;
    let mut in_code = false;
    let mut code_text = String::new();
    let mut code_line = 0;
    let mut image_depth = 0usize;
    let mut link_depth = 0usize;
    let lines = LineIndex::new(text);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((heading_level(level), line, String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, line, t)) = heading.take() {
                    b.heading(level, &t, line);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                code_text.clear();
                code_line = line;
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_owned)
                    }
                    CodeBlockKind::Indented => None,
                };
                b.code_block(lang, line);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                b.code_content(&code_text, code_line);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image_depth += 1;
                b.image(&dest_url, line);
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                b.link(&dest_url, line);
            }
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Code(t) if heading.is_none() && !in_code => {
                b.inline_code(&t);
                b.prose(&t, line, link_depth > 0);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if in_code {
                    code_text.push_str(&t);
                } else if image_depth == 0 {
                    b.prose(&t, line, link_depth > 0);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for cap in HTML_IMG.captures_iter(&html) {
                    b.image(&cap[1], line);
                }
                for cap in HTML_LINK.captures_iter(&html) {
                    b.link(&cap[1], line);
                }
                for cap in HTML_HEADING.captures_iter(&html) {
                    let level = cap[1].parse::<u8>().unwrap_or(2);
                    let inner = HTML_TAG.replace_all(&cap[2], " ");
                    b.heading(level, &inner, line);
                }
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&HTML_TAG.replace_all(&html, " "));
                }
            }
            _ => {}
        }
    }
}

static RST_IMAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\.\.\s+(?:\|[^|]+\|\s+)?(?:image|figure)::\s*(\S+)").expect("static regex")
});
static RST_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\.\.\s+(?:code-block|code|sourcecode|prompt)::\s*(\S*)").expect("static regex")
});
static RST_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"`[^`<]*<([^>`]+)>`__?|^\s*\.\.\s+_[^:]+:\s*(\S+)").expect("static regex")
});
static RST_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*:target:\s*(\S+)").expect("static regex"));

fn is_rst_underline(line: &str) -> Option<char> {
    let t = line.trim_end();
    let first = t.chars().next()?;
    if t.len() >= 3 && "=-~^\"'`#*+:._".contains(first) && t.chars().all(|c| c == first) {
        Some(first)
    } else {
        None
    }
}

fn parse_rst(text: &str, b: &mut Builder<'_>) {
    let lines: Vec<&str> = text.lines().collect();
    // RST heading levels follow the order in which underline styles appear.
    let mut styles: Vec<(char, bool)> = Vec::new();
    let mut i = 0;
    let mut in_literal: Option<usize> = None;
    while i < lines.len() {
        let line = lines[i];
        let lineno = (i + 1) as u32;
        let indent = line.len() - line.trim_start().len();
        if let Some(base) = in_literal {
            if line.trim().is_empty() || indent > base {
                if !line.trim().is_empty() {
                    b.code_content(line.trim(), lineno);
                }
                i += 1;
                continue;
            }
            in_literal = None;
        }
        // Overlined title: ===\nTitle\n===
        if let (Some(c), Some(title), Some(under)) = (
            is_rst_underline(line),
            lines.get(i + 1),
            lines.get(i + 2).and_then(|l| is_rst_underline(l)),
        ) {
            if c == under && !title.trim().is_empty() && is_rst_underline(title).is_none() {
                let level = rst_level(&mut styles, (c, true));
                b.heading(level, title.trim(), lineno + 1);
                i += 3;
                continue;
            }
        }
        if let Some(c) = lines.get(i + 1).and_then(|l| is_rst_underline(l)) {
            let title = line.trim();
            if !title.is_empty()
                && indent == 0
                && is_rst_underline(line).is_none()
                && lines[i + 1].trim().len() >= title.chars().count().min(3)
            {
                let level = rst_level(&mut styles, (c, false));
                b.heading(level, title, lineno);
                i += 2;
                continue;
            }
        }
        if let Some(cap) = RST_IMAGE.captures(line) {
            b.image(&cap[1], lineno);
        } else if let Some(cap) = RST_CODE.captures(line) {
            let lang = Some(cap[1].to_owned()).filter(|s| !s.is_empty());
            b.code_block(lang, lineno);
            in_literal = Some(indent);
        } else if let Some(cap) = RST_TARGET.captures(line) {
            b.link(&cap[1], lineno);
        } else {
            for cap in RST_LINK.captures_iter(line) {
                if let Some(m) = cap.get(1).or_else(|| cap.get(2)) {
                    b.link(m.as_str(), lineno);
                }
            }
            let trimmed = line.trim_end();
            if trimmed.ends_with("::") && !trimmed.trim_start().starts_with("..") {
                b.prose(trimmed.trim_end_matches(':'), lineno, false);
                b.code_block(None, lineno + 1);
                in_literal = Some(indent);
            } else if !trimmed.trim_start().starts_with("..") {
                b.prose(trimmed, lineno, false);
            }
        }
        i += 1;
    }
}

fn rst_level(styles: &mut Vec<(char, bool)>, style: (char, bool)) -> u8 {
    let pos = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
        styles.push(style);
        styles.len() - 1
    });
    (pos + 1).min(6) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> SectionTable {
        SectionTable::new(vec![
            ("overview".into(), vec!["overview".into(), "about".into()]),
            (
                "install".into(),
                vec![
                    "installation".into(),
                    "install".into(),
                    "getting started".into(),
                    "setup".into(),
                ],
            ),
            ("usage".into(), vec!["usage".into(), "examples".into()]),
            (
                "testing".into(),
                vec!["tests".into(), "testing".into(), "running the tests".into()],
            ),
        ])
    }

    #[test]
    fn headings_in_code_fences_are_not_headings() {
        let md =
            "# Proj\n\n```bash\n# Installation\npip install x\n```\n\n## Usage\n\n```\nrun\n```\n";
        let f = parse("README.md", md.into(), &table());
        assert!(f.headings.iter().all(|h| h.text != "Installation"));
        assert_ne!(f.sections["install"].heading, "Installation");
        assert_eq!(f.sections["usage"].code_blocks, 1);
        assert_eq!(f.sections["usage"].line, 8);
    }

    #[test]
    fn emoji_numbering_and_case_do_not_matter() {
        let md = "# P\n\n## 🚀 1. GETTING STARTED\n\ntext\n\n### Installation & Usage!\n";
        let f = parse("README.md", md.into(), &table());
        assert!(f.sections.contains_key("install"));
        assert!(f.sections.contains_key("usage"));
    }

    #[test]
    fn code_under_a_subheading_counts_for_the_section() {
        let md = "# P\n\n## Installation\n\n### With pip\n\n```\npip install p\n```\n";
        let f = parse("README.md", md.into(), &table());
        assert_eq!(f.sections["install"].code_blocks, 1);
    }

    #[test]
    fn opening_paragraph_is_an_overview() {
        let md = "# P\n\n[![CI](https://github.com/a/b/actions/workflows/ci.yml/badge.svg)](x)\n\nThis tool reads Python repositories and scores them the way a hiring reviewer would, with evidence for each finding.\n";
        let f = parse("README.md", md.into(), &table());
        assert!(f.sections.contains_key("overview"));
        assert!(f.images[0].badge);
    }

    #[test]
    fn install_commands_count_without_an_install_heading() {
        let md = "# P\n\n## Software\n\n```\nconda install numpy pandas\n```\n";
        let f = parse("README.md", md.into(), &table());
        assert_eq!(
            f.sections["install"].heading,
            "install commands under \"Software\""
        );
    }

    #[test]
    fn a_later_exact_heading_is_the_better_evidence() {
        let t = SectionTable::new(vec![(
            "architecture".into(),
            vec!["architecture".into(), "design".into()],
        )]);
        let md = "# P\n\n## Design of the CLI flags\n\nx\n\n## Architecture\n\ny\n";
        let f = parse("README.md", md.into(), &t);
        assert_eq!(f.sections["architecture"].heading, "Architecture");
    }

    #[test]
    fn whole_and_excluded_synonyms() {
        let t = SectionTable::new(vec![
            (
                "testing".into(),
                vec!["running the tests".into(), "=tests".into()],
            ),
            (
                "configuration".into(),
                vec!["environment".into(), "!virtual environment".into()],
            ),
        ]);
        assert_eq!(t.classify("Tests"), vec![("testing".to_owned(), true)]);
        assert!(t.classify("Skip tests on CI").is_empty());
        assert!(t.classify("Install into a virtual environment").is_empty());
        assert_eq!(t.classify("Environment").len(), 1);
    }

    #[test]
    fn a_table_of_contents_is_not_an_overview() {
        let md = "# P\n\n- [Installation](#installation)\n- [Usage and many other things to read about](#usage)\n- [Running the tests of this project](#tests)\n\n## Installation\n";
        let f = parse("README.md", md.into(), &table());
        assert!(!f.sections.contains_key("overview"));
    }

    #[test]
    fn rst_headings_and_code() {
        let rst = "=====\nTitle\n=====\n\nInstallation\n------------\n\n.. code-block:: bash\n\n   pip install x\n\nTests\n-----\n\nRun::\n\n    pytest\n";
        let f = parse("README.rst", rst.into(), &table());
        assert_eq!(f.sections["install"].code_blocks, 1);
        assert_eq!(f.sections["testing"].code_blocks, 1);
        assert_eq!(f.headings.len(), 3);
    }
}
