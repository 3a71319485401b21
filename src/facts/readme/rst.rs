//! reStructuredText: a small heading and directive reader, since no
//! maintained Rust crate parses it.

use super::Builder;
use regex::Regex;
use std::sync::LazyLock;

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

pub(super) fn parse_rst(text: &str, b: &mut Builder<'_>) {
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
            // The target of the image directive above: a badge's link.
            b.link(&cap[1], lineno);
            b.image_inside_link();
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
