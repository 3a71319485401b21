//! Wording shared by the checks' messages and descriptions.

use crate::rules::Evidence;

/// Evidence lists are cut here; the message still gives the full count.
const MAX_EVIDENCE: usize = 20;

pub fn capped(mut ev: Vec<Evidence>) -> Vec<Evidence> {
    ev.truncate(MAX_EVIDENCE);
    ev
}

/// "a, b, c and 4 more"
pub fn list_some(items: &[&str], max: usize) -> String {
    let shown = items
        .iter()
        .take(max)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        format!("{shown} and {} more", items.len() - max)
    } else {
        shown
    }
}

/// Every item in backticks, joined with `sep`: descriptions name every
/// parameter so that two rules never read alike.
pub fn quoted(items: &[String], sep: &str) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(sep)
}

pub fn count_noun(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    // "piece of junk" counts its pieces: the head noun takes the plural.
    let (head, tail) = match noun.find(" of ") {
        Some(at) => noun.split_at(at),
        None => (noun, ""),
    };
    if head.ends_with('y') && !head[..head.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) {
        format!("{n} {}ies{tail}", &head[..head.len() - 1])
    } else {
        format!("{n} {head}s{tail}")
    }
}

pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

pub fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns() {
        assert_eq!(count_noun(2, "dependency"), "2 dependencies");
        assert_eq!(count_noun(1, "file"), "1 file");
        assert_eq!(count_noun(11, "active day"), "11 active days");
        assert_eq!(count_noun(13, "piece of junk"), "13 pieces of junk");
        assert_eq!(count_noun(1, "piece of junk"), "1 piece of junk");
    }

    #[test]
    fn lists() {
        assert_eq!(list_some(&["a", "b", "c"], 2), "a, b and 1 more");
        assert_eq!(quoted(&["x".into(), "y".into()], " or "), "`x` or `y`");
        assert_eq!(fmt_num(0.5), "0.50");
        assert_eq!(truncate("abcdef", 3), "abc…");
    }
}
