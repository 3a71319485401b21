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

#[cfg(test)]
mod render_tests;

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

#[cfg(test)]
mod tests {
    use super::{escape_markup, is_invisible_format};

    #[test]
    fn invisible_format_ranges_are_exact() {
        let inside = [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', // embeddings, overrides
            '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // isolates
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', // zero-width, marks
            '\u{061C}', '\u{2060}', '\u{FEFF}',
        ];
        for c in inside {
            assert!(is_invisible_format(c), "{c:?} should be invisible");
        }
        // The neighbours of every range and single character.
        let outside = [
            '\u{2029}', '\u{202F}', '\u{2065}', '\u{206A}', '\u{200A}', '\u{2010}', '\u{061B}',
            '\u{061D}', '\u{205F}', '\u{2061}', '\u{FEFE}', '\u{FF00}', 'a', ' ', '\n',
        ];
        for c in outside {
            assert!(!is_invisible_format(c), "{c:?} should not be invisible");
        }
    }

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape_markup(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&apos;y&apos;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape_markup("&amp;"), "&amp;amp;");
        assert_eq!(
            escape_markup("<svg/onload=alert(1)>"),
            "&lt;svg/onload=alert(1)&gt;"
        );
    }

    #[test]
    fn plain_text_and_whitespace_pass_through() {
        let s = "caf\u{e9} \u{2713} a/b (c) [d] #e @f \u{7f} \u{FFFD}";
        assert_eq!(escape_markup(s), s);
        assert_eq!(escape_markup("a\tb\nc\r\nd"), "a\tb\nc\r\nd");
        assert_eq!(escape_markup(""), "");
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        assert_eq!(escape_markup("a\0b\u{1b}[31mc"), "ab[31mc");
        assert_eq!(escape_markup("\u{1}\u{8}\u{b}\u{c}\u{1f}"), "");
        // Space (0x20) is the first character kept.
        assert_eq!(escape_markup("\u{1f} \u{1f}"), " ");
        assert_eq!(escape_markup("a\u{FFFE}b\u{FFFF}c"), "abc");
        assert_eq!(escape_markup("\u{FFFD}\u{FFFE}"), "\u{FFFD}");
    }

    #[test]
    fn invisible_format_characters_become_visible_escapes() {
        assert_eq!(escape_markup("a\u{202E}b"), "a\\u{202e}b");
        assert_eq!(
            escape_markup("\u{200B}\u{2066}\u{061C}\u{FEFF}"),
            "\\u{200b}\\u{2066}\\u{61c}\\u{feff}"
        );
    }
}
