//! The labels file of `calibrate`: per repository, a tier a careful reader
//! gave it and any per-rule expectations. Parsed strictly (unknown fields,
//! tiers and status words stop the run with `file:line:col`), because a
//! typo in a label would otherwise quietly skew every figure.
//!
//! Several entries may label the same repository (two labellers reading it
//! independently); [`Labels::repos`] groups them so a repository is counted
//! once, and a verdict the labellers disagree on is set aside rather than
//! guessed.

use crate::error::ConfigError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// How good a careful reviewer found the repository. Ordered: weak < solid
/// < strong, which is the order scores should follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    Weak,
    Solid,
    Strong,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Strong, Tier::Solid, Tier::Weak];

    pub fn name(self) -> &'static str {
        match self {
            Tier::Weak => "weak",
            Tier::Solid => "solid",
            Tier::Strong => "strong",
        }
    }

    /// The rank used for correlation: weak 0, solid 1, strong 2.
    pub fn rank(self) -> f64 {
        match self {
            Tier::Weak => 0.0,
            Tier::Solid => 1.0,
            Tier::Strong => 2.0,
        }
    }
}

/// Which part of the corpus a repository belongs to. The holdout is never
/// looked at repository by repository while the tool is being fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Set {
    Dev,
    Holdout,
}

impl Set {
    pub fn name(self) -> &'static str {
        match self {
            Set::Dev => "dev",
            Set::Holdout => "holdout",
        }
    }
}

/// What a labeller expects of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    Pass,
    Fail,
}

impl Expect {
    pub fn name(self) -> &'static str {
        match self {
            Expect::Pass => "pass",
            Expect::Fail => "fail",
        }
    }
}

/// Track labels that are not career tracks: the tool should name no career
/// track (or judge it with the library profile, when there is one).
pub const NON_CAREER_TRACKS: &[&str] = &["library", "none"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelsFile {
    #[serde(default)]
    repo: Vec<Spanned<Entry>>,
}

/// One labeller's reading of one repository, as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    slug: Spanned<String>,
    #[serde(default)]
    commit: Option<String>,
    #[serde(default)]
    set: Option<Set>,
    // Accepted for the people who read the file; no figure uses it.
    #[serde(default)]
    #[allow(dead_code)]
    labeller: Option<String>,
    tier: Tier,
    #[serde(default)]
    track: Option<Spanned<String>>,
    // Accepted for the people who read the file; no figure uses it.
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
    // Accepted for the people who read the file; no figure uses it.
    #[serde(default)]
    #[allow(dead_code)]
    notes: Option<String>,
    /// Where the repository is, relative to the labels file.
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    expect: BTreeMap<String, Expect>,
}

/// One repository of the corpus, its labellers' entries merged.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledRepo {
    /// `owner/name`, as first written.
    pub slug: String,
    pub commit: Option<String>,
    pub set: Set,
    /// `None` when the labellers gave different tiers.
    pub tier: Option<Tier>,
    /// Every tier given, one per entry (for the labellers' agreement).
    pub tiers: Vec<Tier>,
    /// `None` when no entry gives a track or the labellers differ.
    pub track: Option<String>,
    /// Rule id → expectation, only where every entry that names the rule
    /// agrees.
    pub expect: BTreeMap<String, Expect>,
    /// Rules the labellers disagree on, set aside.
    pub disputed: Vec<String>,
    /// An explicit location, resolved against the labels file's folder.
    pub path: Option<PathBuf>,
    /// How many entries label it.
    pub entries: usize,
}

/// A parsed and validated labels file.
#[derive(Debug, Clone)]
pub struct Labels {
    pub repos: Vec<LabelledRepo>,
    /// How many entries the file holds (more than `repos` when a repository
    /// was labelled twice).
    pub entries: usize,
}

/// The career tracks a label may name, besides [`NON_CAREER_TRACKS`].
pub fn valid_tracks() -> Vec<&'static str> {
    crate::facts::tracks::TRACKS
        .iter()
        .copied()
        .chain(NON_CAREER_TRACKS.iter().copied())
        .collect()
}

/// Reads and validates a labels file. Every mistake is a [`ConfigError`]
/// with `file:line:col`.
pub fn load(path: &Path) -> Result<Labels, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| ConfigError::new(&name, format!("cannot read labels: {e}")))?;
    let base = path.parent().unwrap_or(Path::new(""));
    parse(&name, &text, base)
}

/// Parses labels text; `base` is the folder `path = "..."` is relative to.
pub fn parse(name: &str, text: &str, base: &Path) -> Result<Labels, ConfigError> {
    let file: LabelsFile = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_owned();
        match e.span() {
            Some(span) => ConfigError::at_offset(name, text, span.start, message),
            None => ConfigError::new(name, message),
        }
    })?;
    let at = |offset: usize, msg: String| ConfigError::at_offset(name, text, offset, msg);
    let tracks = valid_tracks();
    let entries = file.repo.len();
    let mut repos: Vec<LabelledRepo> = Vec::new();
    for spanned in file.repo {
        let entry_start = spanned.span().start;
        let entry = spanned.into_inner();
        let slug = entry.slug.get_ref().trim().to_owned();
        if !valid_slug(&slug) {
            return Err(at(
                entry.slug.span().start,
                format!("slug `{slug}` must be `owner/name`, as on GitHub"),
            ));
        }
        if let Some(track) = &entry.track {
            if !tracks.contains(&track.get_ref().as_str()) {
                return Err(at(
                    track.span().start,
                    format!(
                        "unknown track `{}`; expected one of: {}",
                        track.get_ref(),
                        tracks.join(", ")
                    ),
                ));
            }
        }
        let set = entry.set.unwrap_or(Set::Dev);
        let path = entry.path.as_ref().map(|p| base.join(p));
        let track = entry.track.as_ref().map(|t| t.get_ref().clone());
        match repos
            .iter_mut()
            .find(|r| r.slug.eq_ignore_ascii_case(&slug))
        {
            None => repos.push(LabelledRepo {
                slug,
                commit: entry.commit,
                set,
                tier: Some(entry.tier),
                tiers: vec![entry.tier],
                track,
                expect: entry.expect,
                disputed: Vec::new(),
                path,
                entries: 1,
            }),
            Some(repo) => {
                let differs =
                    |a: Option<&str>, b: Option<&str>| a.zip(b).is_some_and(|(a, b)| a != b);
                let shown = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
                if repo.set != set
                    || differs(repo.commit.as_deref(), entry.commit.as_deref())
                    || differs(shown(&repo.path).as_deref(), shown(&path).as_deref())
                {
                    return Err(at(
                        entry_start,
                        format!(
                            "`{slug}` is labelled again with a different set, commit or path; \
                             every entry of one repository must name the same ones"
                        ),
                    ));
                }
                merge(repo, entry.tier, track, entry.expect);
                repo.commit = repo.commit.take().or(entry.commit);
                repo.path = repo.path.take().or(path);
            }
        }
    }
    Ok(Labels { repos, entries })
}

/// Folds a second labeller's entry into a repository: what they agree on
/// stays, what they do not is set aside.
fn merge(
    repo: &mut LabelledRepo,
    tier: Tier,
    track: Option<String>,
    expect: BTreeMap<String, Expect>,
) {
    repo.entries += 1;
    repo.tiers.push(tier);
    if repo.tier != Some(tier) {
        repo.tier = None;
    }
    if repo.track != track {
        repo.track = None;
    }
    for (rule, verdict) in expect {
        if repo.disputed.contains(&rule) {
            continue;
        }
        match repo.expect.get(&rule) {
            Some(v) if *v != verdict => {
                repo.expect.remove(&rule);
                repo.disputed.push(rule);
            }
            Some(_) => {}
            None => {
                repo.expect.insert(rule, verdict);
            }
        }
    }
}

fn valid_slug(slug: &str) -> bool {
    let mut parts = slug.split('/');
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| {
            !p.is_empty()
                && p != "."
                && p != ".."
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
    };
    ok(parts.next()) && ok(parts.next()) && parts.next().is_none()
}

impl LabelledRepo {
    /// `owner` and `name` of the slug.
    pub fn owner_name(&self) -> (&str, &str) {
        self.slug.split_once('/').unwrap_or((&self.slug, ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"
[[repo]]
slug = "a/one"
commit = "abc"
set = "dev"
tier = "strong"
track = "library"
[repo.expect]
CI-EXISTS = "pass"
"#;

    #[test]
    fn parses_an_entry() {
        let labels = parse("l.toml", ONE, Path::new("/x")).expect("parses");
        assert_eq!(labels.repos.len(), 1);
        let r = &labels.repos[0];
        assert_eq!(r.tier, Some(Tier::Strong));
        assert_eq!(r.set, Set::Dev);
        assert_eq!(r.expect.get("CI-EXISTS"), Some(&Expect::Pass));
    }

    #[test]
    fn a_bad_status_word_names_its_line_and_column() {
        let text = ONE.replace("CI-EXISTS = \"pass\"", "CI-EXISTS = \"passed\"");
        let err = parse("l.toml", &text, Path::new("")).expect_err("rejected");
        assert_eq!(err.location, "l.toml:9:13");
        assert!(err.message.contains("pass"), "{}", err.message);
    }

    #[test]
    fn an_unknown_tier_or_track_is_rejected() {
        let err = parse(
            "l.toml",
            &ONE.replace("\"strong\"", "\"great\""),
            Path::new(""),
        )
        .expect_err("tier");
        assert_eq!(err.location, "l.toml:6:8");
        let err = parse(
            "l.toml",
            &ONE.replace("\"library\"", "\"games\""),
            Path::new(""),
        )
        .expect_err("track");
        assert_eq!(err.location, "l.toml:7:9");
        assert!(err.message.contains("data-engineering"));
    }

    #[test]
    fn two_labellers_merge_and_their_disagreements_are_set_aside() {
        let second = ONE
            .replace("\"strong\"", "\"solid\"")
            .replace("\"pass\"", "\"fail\"");
        let text = format!("{ONE}{second}");
        let labels = parse("l.toml", &text, Path::new("")).expect("parses");
        assert_eq!(labels.entries, 2);
        assert_eq!(labels.repos.len(), 1);
        let r = &labels.repos[0];
        assert_eq!(r.tier, None);
        assert_eq!(r.tiers, vec![Tier::Strong, Tier::Solid]);
        assert!(r.expect.is_empty());
        assert_eq!(r.disputed, vec!["CI-EXISTS".to_owned()]);
    }

    #[test]
    fn a_repository_labelled_twice_must_keep_its_set() {
        let text = format!("{ONE}{}", ONE.replace("\"dev\"", "\"holdout\""));
        let err = parse("l.toml", &text, Path::new("")).expect_err("rejected");
        assert!(err.location.starts_with("l.toml:11:"), "{}", err.location);
    }

    #[test]
    fn slugs_are_owner_slash_name() {
        assert!(valid_slug("jd/tenacity"));
        assert!(!valid_slug("tenacity"));
        assert!(!valid_slug("a/b/c"));
        assert!(!valid_slug("../b"));
    }
}
