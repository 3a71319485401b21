//! Reports: what one audit found, and the renderers that print them. Reports
//! are collected first and rendered once, so output is never interleaved.

pub mod badge;
pub mod changes;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod rules_doc;
pub mod sarif;
pub mod text;

pub use crate::model::RepoReport;
pub use json::SCHEMA_VERSION;

/// Characters that change how the text around them is shown without
/// showing themselves: bidi embeddings, overrides and isolates
/// (U+202A-U+202E, U+2066-U+2069), direction marks (U+200E, U+200F,
/// U+061C), zero-width characters and the BOM. Every renderer escapes or
/// drops them in repository text.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// Escapes text for XML and HTML, attributes and content alike; drops
/// characters XML 1.0 cannot carry. Used by the JUnit and HTML reports.
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c if is_invisible_format(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}
