//! Which labelled repository each given path is. Mirrors and clones are
//! laid out in a few common ways, so a path matches a slug `owner/name`
//! when one of its components is `owner+name` (the mirror layout, e.g.
//! `mirrors/jd+tenacity/repo`) or `owner__name`, or two consecutive
//! components are `owner` and `name` (`clones/jd/tenacity`). GitHub names
//! are case-insensitive, so the comparison is too. An entry's own `path`
//! wins over any slug match.

use super::labels::{LabelledRepo, Labels};
use std::path::{Component, Path, PathBuf};

/// The paths matched to labelled repositories, and what was left over.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// (index into `Labels::repos`, path), in the order the paths were given.
    pub matched: Vec<(usize, PathBuf)>,
    /// Paths that name no labelled repository, with the reason.
    pub unmatched: Vec<(PathBuf, String)>,
}

impl Matching {
    /// Labelled repositories no path was given for.
    pub fn missing<'l>(&self, labels: &'l Labels) -> Vec<&'l LabelledRepo> {
        labels
            .repos
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.matched.iter().any(|(m, _)| m == i))
            .map(|(_, r)| r)
            .collect()
    }
}

/// Matches every path to at most one labelled repository, and every
/// labelled repository to at most one path (the first).
pub fn match_paths(labels: &Labels, paths: &[PathBuf]) -> Matching {
    let mut out = Matching::default();
    for path in paths {
        let Some(index) = find(labels, path) else {
            out.unmatched.push((
                path.clone(),
                "matches no labelled repository (by `path`, or a slug in the path)".to_owned(),
            ));
            continue;
        };
        if let Some((_, first)) = out.matched.iter().find(|(i, _)| *i == index) {
            out.unmatched.push((
                path.clone(),
                format!(
                    "`{}` was already matched to {}",
                    labels.repos[index].slug,
                    first.display()
                ),
            ));
            continue;
        }
        out.matched.push((index, path.clone()));
    }
    out
}

fn find(labels: &Labels, path: &Path) -> Option<usize> {
    let canonical = path.canonicalize().ok();
    let by_path = labels.repos.iter().position(|r| {
        r.path.as_ref().is_some_and(|p| {
            p == path || (canonical.is_some() && p.canonicalize().ok() == canonical)
        })
    });
    by_path.or_else(|| {
        let parts = components(path);
        labels
            .repos
            .iter()
            .position(|r| r.path.is_none() && slug_in(r, &parts))
    })
}

fn components(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().to_lowercase()),
            _ => None,
        })
        .collect()
}

fn slug_in(repo: &LabelledRepo, parts: &[String]) -> bool {
    let (owner, name) = repo.owner_name();
    let (owner, name) = (owner.to_lowercase(), name.to_lowercase());
    let joined = [format!("{owner}+{name}"), format!("{owner}__{name}")];
    parts.iter().any(|p| joined.contains(p))
        || parts.windows(2).any(|w| w[0] == owner && w[1] == name)
}

#[cfg(test)]
mod tests {
    use super::super::labels::parse;
    use super::*;

    fn labels() -> Labels {
        let text = r#"
[[repo]]
slug = "jd/Tenacity"
tier = "strong"
[[repo]]
slug = "a/b"
tier = "weak"
[[repo]]
slug = "c/d"
tier = "weak"
path = "here/d"
"#;
        parse("l.toml", text, Path::new("/labels")).expect("parses")
    }

    #[test]
    fn every_layout_matches() {
        let l = labels();
        let paths: Vec<PathBuf> = [
            "/m/jd+tenacity/repo",
            "/clones/a/b",
            "/labels/here/d",
            "/elsewhere/x",
            "/x/A__B",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let m = match_paths(&l, &paths);
        let got: Vec<usize> = m.matched.iter().map(|(i, _)| *i).collect();
        assert_eq!(got, vec![0, 1, 2]);
        assert_eq!(m.unmatched.len(), 2);
        assert!(m.unmatched[1].1.contains("already matched"));
        assert!(m.missing(&l).is_empty());
    }

    #[test]
    fn unmatched_labels_are_missing() {
        let l = labels();
        let m = match_paths(&l, &[PathBuf::from("/clones/a/b")]);
        let missing: Vec<&str> = m.missing(&l).iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(missing, vec!["jd/Tenacity", "c/d"]);
    }
}
