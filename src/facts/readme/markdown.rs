//! Markdown, through pulldown-cmark: a `#` line inside a code fence is
//! never taken for a heading.

use super::Builder;
use crate::error::LineIndex;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// HTML inside Markdown: images, links and headings written as tags.
static HTML_IMG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']"#).expect("static regex")
});
/// A URL written out in text, which GitHub renders as a link.
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"https?://[^\s<>()\[\]`]+").expect("static regex"));
static HTML_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<a\b[^>]*?\bhref\s*=\s*["']([^"']+)["']"#).expect("static regex")
});
static HTML_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<h([1-6])\b[^>]*>(.*?)</h[1-6]>").expect("static regex"));
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("static regex"));
static HTML_COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<!--.*?(-->|$)").expect("static regex"));

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

/// A paragraph that is nothing but bold text ("**Running the script:**")
/// is a heading in all but markup: many READMEs are written that way. It
/// ranks below every real heading, so it opens a section inside the one
/// it stands in.
const PSEUDO_HEADING_LEVEL: u8 = 7;

/// Longest bold line read as a heading; a longer one is emphasis.
const PSEUDO_HEADING_MAX_WORDS: usize = 8;

/// Watches the event stream for a paragraph made of one bold run.
#[derive(Default)]
struct BoldLine {
    /// Where we are: 0 outside, 1 at a paragraph's start, 2 inside its
    /// opening bold run, 3 just after that run closed.
    state: u8,
    text: String,
    line: u32,
}

impl BoldLine {
    /// Feeds one event; returns the heading text and line when a bold-only
    /// paragraph has just ended.
    fn step(&mut self, event: &Event<'_>, line: u32) -> Option<(String, u32)> {
        match (self.state, event) {
            (_, Event::Start(Tag::Paragraph)) => {
                self.state = 1;
                self.text.clear();
                self.line = line;
            }
            (1, Event::Start(Tag::Strong)) => self.state = 2,
            (2, Event::Text(t)) => self.text.push_str(t),
            (2, Event::End(TagEnd::Strong)) => self.state = 3,
            // "**Usage**:" puts the colon outside the bold run.
            (3, Event::Text(t)) if t.trim().chars().all(|c| c == ':') => {}
            (3, Event::End(TagEnd::Paragraph)) => {
                self.state = 0;
                let title = self.text.trim().trim_end_matches(':').trim();
                let words = title.split_whitespace().count();
                if (1..=PSEUDO_HEADING_MAX_WORDS).contains(&words) {
                    return Some((title.to_owned(), self.line));
                }
            }
            _ => self.state = 0,
        }
        None
    }
}

/// Watches for a paragraph that is one short line in capitals (`HOW TO
/// RUN:`), the heading of plain-text READMEs and of many beginners'
/// Markdown ones.
#[derive(Default)]
struct CapsLine {
    /// 0 outside, 1 at a paragraph's start, 2 after its one capital line.
    state: u8,
    text: String,
    line: u32,
    /// The line is a label in ordinary case (`Instructions:`), a heading
    /// only when it names a known section.
    label: bool,
}

impl CapsLine {
    fn step(&mut self, event: &Event<'_>, line: u32) -> Option<(String, u32)> {
        match (self.state, event) {
            (_, Event::Start(Tag::Paragraph)) => {
                self.state = 1;
                self.line = line;
            }
            (1, Event::Text(t)) if is_caps_title(t) || is_label_line(t) => {
                self.state = 2;
                self.label = !is_caps_title(t);
                self.text = t.trim().trim_end_matches(':').trim().to_owned();
            }
            (2, Event::End(TagEnd::Paragraph)) => {
                self.state = 0;
                return Some((std::mem::take(&mut self.text), self.line));
            }
            _ => self.state = 0,
        }
        None
    }
}

/// One to four words in ordinary case ending with a colon, alone in their
/// paragraph (`Instructions:`, `How to run:`).
fn is_label_line(text: &str) -> bool {
    let t = text.trim();
    let Some(label) = t.strip_suffix(':') else {
        return false;
    };
    let words = label.split_whitespace().count();
    (1..=4).contains(&words)
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || " &/-'".contains(c))
}

/// One to eight words in capitals, perhaps ending with a colon.
fn is_caps_title(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim();
    let words = t.split_whitespace().count();
    (1..=PSEUDO_HEADING_MAX_WORDS).contains(&words)
        && t.chars().filter(char::is_ascii_alphabetic).count() >= 3
        && !t.chars().any(char::is_lowercase)
        && t.chars()
            .all(|c| c.is_alphanumeric() || " &/-()'".contains(c))
}

/// Watches for a list item or paragraph that is one inline code span and
/// nothing else ("- `pytest`"): a command on a line of its own, read like a
/// line of a code block rather than a tool named in a sentence.
#[derive(Default)]
struct CodeLine {
    /// 0 outside, 1 inside and empty so far, 2 one code span seen,
    /// 3 anything else seen.
    state: u8,
    /// Whether a list item (not a paragraph) opened the watch.
    item: bool,
    code: String,
    line: u32,
}

impl CodeLine {
    fn step(&mut self, event: &Event<'_>, line: u32) -> Option<(String, u32)> {
        match event {
            Event::Start(Tag::Item) => {
                *self = CodeLine {
                    state: 1,
                    item: true,
                    ..CodeLine::default()
                };
            }
            Event::Start(Tag::Paragraph) if self.state == 0 => {
                *self = CodeLine {
                    state: 1,
                    ..CodeLine::default()
                };
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if self.item => {}
            Event::End(TagEnd::Item) | Event::End(TagEnd::Paragraph) => {
                let done = std::mem::take(self);
                return (done.state == 2).then_some((done.code, done.line));
            }
            Event::Code(t) if self.state == 1 => {
                self.state = 2;
                self.code = t.to_string();
                self.line = line;
            }
            Event::SoftBreak if self.state != 0 => {}
            Event::Text(t) if self.state != 0 && t.trim().is_empty() => {}
            _ if self.state != 0 => self.state = 3,
            _ => {}
        }
        None
    }
}

pub(super) fn parse_markdown(text: &str, b: &mut Builder<'_>) {
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
    let mut bold = BoldLine::default();
    let mut lone_code = CodeLine::default();
    let mut caps = CapsLine::default();
    let mut html_block: Option<(u32, String)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let line = lines.line(range.start);
        if let Some((title, at)) = bold.step(&event, line) {
            b.heading(PSEUDO_HEADING_LEVEL, &title, at);
        }
        let label = caps.label;
        if let Some((title, at)) = caps.step(&event, line) {
            // A label in ordinary case (`Note:`, `Output:`) is a heading only
            // when it names a section; one in capitals always is.
            if !label || !b.table.classify(&title).is_empty() {
                b.heading(PSEUDO_HEADING_LEVEL, &title, at);
            }
        }
        if let Some((command, at)) = lone_code.step(&event, line) {
            b.code_content(&command, at);
        }
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
                if link_depth > 0 {
                    b.image_inside_link();
                }
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                b.link(&dest_url, line);
            }
            Event::End(TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Code(t) if heading.is_none() && !in_code => {
                b.inline_code(&t, line);
                b.prose(&t, line, link_depth > 0);
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&t);
                } else if in_code {
                    code_text.push_str(&t);
                } else if image_depth == 0 {
                    b.prose(&t, line, link_depth > 0);
                    // GitHub turns a bare URL in text into a link
                    // ("docs are hosted on https://x.readthedocs.io").
                    if link_depth == 0 {
                        for url in BARE_URL.find_iter(&t) {
                            b.link(
                                url.as_str()
                                    .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"']),
                                line,
                            );
                        }
                    }
                }
            }
            // An HTML block comes a line at a time: gathered whole, so
            // that `<h1 align="center">` and its text on the next lines
            // make one heading, and its paragraphs count as prose.
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some((line, String::new()));
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((at, block)) = html_block.take() {
                    html_content(&block, at, true, b);
                }
            }
            Event::Html(html) if html_block.is_some() => {
                if let Some((_, block)) = html_block.as_mut() {
                    block.push_str(&html);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                html_content(&html, line, false, b);
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&HTML_TAG.replace_all(&html, " "));
                }
            }
            _ => {}
        }
    }
}

/// HTML written in the Markdown: its images, links and headings, and for a
/// whole block (`block`) its text, which a reader sees as prose. Comments
/// are left out: the page does not show them.
fn html_content(html: &str, line: u32, block: bool, b: &mut Builder<'_>) {
    // A comment keeps its line breaks, so what follows keeps its line.
    let html = HTML_COMMENT.replace_all(html, |c: &regex::Captures<'_>| {
        "\n".repeat(c[0].matches('\n').count())
    });
    let line_at = |offset: usize| line + html[..offset].matches('\n').count() as u32;
    for cap in HTML_IMG.captures_iter(&html) {
        b.image(&cap[1], line_at(cap.get(0).map_or(0, |m| m.start())));
    }
    for cap in HTML_LINK.captures_iter(&html) {
        b.link(&cap[1], line_at(cap.get(0).map_or(0, |m| m.start())));
    }
    let mut rest = String::new();
    let mut last = 0;
    for cap in HTML_HEADING.captures_iter(&html) {
        let Some(whole) = cap.get(0) else { continue };
        rest.push_str(&html[last..whole.start()]);
        last = whole.end();
        let level = cap[1].parse::<u8>().unwrap_or(2);
        let inner = HTML_TAG.replace_all(&cap[2], " ");
        b.heading(level, inner.trim(), line_at(whole.start()));
    }
    rest.push_str(&html[last..]);
    if block {
        let text = HTML_TAG.replace_all(&rest, " ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            b.prose(&decode_entities(&text), line, false);
        }
    }
}

/// The few character references READMEs use in text (`&nbsp;`, `&amp;`).
fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}
