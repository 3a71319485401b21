//! Colour and escaping for the terminal: the only place colour lives.

use crate::model::{Outcome, Severity, Status};
use owo_colors::OwoColorize;

/// How much the terminal report says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// The table and the portfolio verdict only (`--summary`).
    Summary,
    /// What needs attention, with evidence, fix and why; one line per
    /// family for the passes.
    #[default]
    Normal,
    /// Every rule with its message, and every piece of evidence (`-v`).
    Verbose,
}

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub detail: Detail,
}

impl Style {
    fn paint(&self, s: &str, f: impl Fn(&str) -> String) -> String {
        if self.color { f(s) } else { s.to_owned() }
    }
    pub fn green(&self, s: &str) -> String {
        self.paint(s, |s| s.green().to_string())
    }
    pub fn yellow(&self, s: &str) -> String {
        self.paint(s, |s| s.yellow().to_string())
    }
    pub fn red(&self, s: &str) -> String {
        self.paint(s, |s| s.red().to_string())
    }
    pub fn dim(&self, s: &str) -> String {
        self.paint(s, |s| s.dimmed().to_string())
    }
    pub fn bold(&self, s: &str) -> String {
        self.paint(s, |s| s.bold().to_string())
    }
    pub fn grade(&self, score: Option<f64>, text: &str) -> String {
        match score {
            Some(s) if s >= 80.0 => self.green(text),
            Some(s) if s >= 60.0 => self.yellow(text),
            _ => self.red(text),
        }
    }

    pub fn status_mark(&self, o: &Outcome) -> String {
        let s = symbol(o.status);
        match o.status {
            Status::Pass => self.green(s),
            Status::Partial => self.yellow(s),
            Status::Fail if o.severity == Severity::Info => self.yellow(s),
            Status::Fail | Status::Error => self.red(s),
            Status::NotApplicable => self.dim(s),
        }
    }
}

/// Makes repository text safe for one terminal line: control characters
/// (ANSI escapes, newlines, carriage returns) and the invisible characters
/// that reorder or hide text (bidi embeddings, overrides and isolates,
/// direction marks, zero-width joiners) become visible escapes, so a file
/// name cannot forge a report line (`\n    ✓ HISTORY-NO-SECRETS`) or make a
/// line read backwards.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || crate::report::is_invisible_format(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

pub fn symbol(status: Status) -> &'static str {
    match status {
        Status::Pass => "✓",
        Status::Partial => "~",
        Status::Fail => "✗",
        Status::NotApplicable => "-",
        Status::Error => "!",
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn plain_text_and_non_ascii_pass_through_unchanged() {
        let s = "src/caf\u{e9}.py \u{2713} \"quoted\" 'single' back\\slash \u{1F600} 100%";
        assert_eq!(clean(s), s);
        assert_eq!(clean(""), "");
    }

    #[test]
    fn newlines_tabs_and_carriage_returns_become_visible_escapes() {
        assert_eq!(clean("a\nb"), "a\\nb");
        assert_eq!(clean("a\rb"), "a\\rb");
        assert_eq!(clean("a\tb"), "a\\tb");
        // The forged-line attack: a file name that starts a new report line.
        assert_eq!(
            clean("x\n    \u{2713} HISTORY-NO-SECRETS"),
            "x\\n    \u{2713} HISTORY-NO-SECRETS"
        );
    }

    #[test]
    fn ansi_escapes_and_other_c0_c1_controls_are_escaped() {
        assert_eq!(clean("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(clean("\0"), "\\u{0}");
        assert_eq!(clean("\u{7}"), "\\u{7}");
        assert_eq!(clean("\u{1f}"), "\\u{1f}");
        assert_eq!(clean("\u{7f}"), "\\u{7f}");
        // C1 controls, e.g. the single-byte CSI.
        assert_eq!(clean("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(clean("\u{80}\u{9f}"), "\\u{80}\\u{9f}");
        // The printable neighbours of the control ranges stay.
        assert_eq!(clean(" ~\u{a0}"), " ~\u{a0}");
    }

    #[test]
    fn bidi_and_zero_width_characters_are_escaped() {
        assert_eq!(clean("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(
            clean("\u{202a}\u{2066}\u{2069}"),
            "\\u{202a}\\u{2066}\\u{2069}"
        );
        assert_eq!(
            clean("\u{200b}\u{200d}\u{200e}\u{200f}"),
            "\\u{200b}\\u{200d}\\u{200e}\\u{200f}"
        );
        assert_eq!(
            clean("\u{61c}\u{2060}\u{feff}"),
            "\\u{61c}\\u{2060}\\u{feff}"
        );
    }
}
