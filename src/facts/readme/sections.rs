//! The section vocabulary a README is read against: which headings count
//! as which section, loaded from the rule pack.

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
