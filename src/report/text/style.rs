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

/// Replaces control characters (ANSI escapes, carriage returns) with
/// visible escapes.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
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
