//! Checks on which files are committed, and on what a few of them say:
//! `path-exists`, `path-absent` and `file-contains`.

use super::matching::{globset, regex, valid_globs, valid_regex};
use super::text::{capped, count_noun, human_size, list_some, quoted};
use super::{CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// Passes when any glob matches a file (or, with `min_count`, that many).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathExists {
    pub any_of: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<usize>,
    /// An empty file does not count: a zero-byte LICENSE grants nothing.
    /// Off by default, since marker files (`py.typed`) are empty by design.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub non_empty: bool,
    /// What the globs look for, in words, for the failure message ("a
    /// LICENSE or COPYING file at the root or one folder down") when a
    /// list of seven globs would say it worse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wanted: Option<String>,
    /// Globs a match must not also match: `COPYING*` is after a licence,
    /// not `copying_files.py`.
    #[serde(default, rename = "except", skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    /// A match inside another project kept in a subfolder (a vendored
    /// product with its own community files and a non-Python build) is
    /// that project's file, not this one's: its LICENSE licenses it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_only: bool,
}

impl CheckKind for PathExists {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "path-exists",
            checks: "the committed files, matched against `any_of` globs",
            why: "a file's presence (a licence, a changelog, a config) is the cheapest signal a reviewer reads",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let set = globset(&self.any_of);
        let excluded = globset(&self.except);
        let vendored = if self.own_only {
            vendored_projects(facts)
        } else {
            Vec::new()
        };
        let hits: Vec<&str> = facts
            .files
            .iter()
            .filter(|f| !self.non_empty || f.size > 0)
            .map(|f| f.path.as_str())
            .filter(|p| set.is_match(p) && !excluded.is_match(p))
            .filter(|p| !vendored.iter().any(|v| p.starts_with(v.as_str())))
            .collect();
        let need = self.min_count.unwrap_or(1).max(1);
        let ev = capped(hits.iter().map(|p| Evidence::file(*p)).collect());
        if hits.len() >= need {
            Verdict::pass(format!("found {}", list_some(&hits, 3)), ev)
        } else if let Some(empty) = facts
            .files
            .iter()
            .find(|f| {
                self.non_empty
                    && f.size == 0
                    && set.is_match(&f.path)
                    && !excluded.is_match(&f.path)
            })
            .filter(|_| hits.is_empty())
        {
            Verdict::fail(
                format!("{} is empty", empty.path),
                vec![Evidence::file(&empty.path)],
            )
        } else if let Some(wanted) = self.wanted.as_deref().filter(|_| hits.is_empty()) {
            Verdict::fail(format!("no {wanted}"), ev)
        } else if hits.is_empty() {
            let wanted: Vec<&str> = self.any_of.iter().map(String::as_str).collect();
            Verdict::fail(format!("none of {} found", list_some(&wanted, 4)), ev)
        } else {
            Verdict::new(
                hits.len() as f64 / need as f64,
                format!("found {} of the {need} wanted", hits.len()),
                ev,
            )
        }
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_globs(&self.any_of)?;
        valid_globs(&self.except)
    }

    fn describe(&self) -> Conditions {
        let globs = quoted(&self.any_of, ", ");
        let globs = if self.except.is_empty() {
            globs
        } else {
            format!("{globs} but not {}", quoted(&self.except, ", "))
        };
        let globs = if self.non_empty {
            format!("{globs} (an empty file does not count)")
        } else {
            globs
        };
        let globs = if self.own_only {
            format!("{globs}, outside another project kept in a subfolder")
        } else {
            globs
        };
        match self.min_count {
            Some(n) if n > 1 => Conditions::new(
                format!("at least {n} committed files match {globs}"),
                format!("no committed file matches {globs} (fewer than {n} earns partial credit)"),
            ),
            _ => Conditions::new(
                format!("a committed file matches one of {globs}"),
                format!("no committed file matches any of {globs}"),
            ),
        }
    }
}

/// Top-level folders that hold another project, each as `name/`: its own
/// community files (`CONTRIBUTING`, `CODE_OF_CONDUCT`, `.github/`) and a
/// build that is not Python's (`go.mod`, `package.json`, `Cargo.toml`...),
/// or another program's binaries (`ffmpeg/bin/ffmpeg.exe`, `.dll`, `.so`)
/// with no Python beside them. A candidate's own `app/` or `backend/` is
/// neither.
fn vendored_projects(facts: &Facts) -> Vec<String> {
    const COMMUNITY: &[&str] = &["CONTRIBUTING", "CODE_OF_CONDUCT", ".github"];
    const FOREIGN_BUILDS: &[&str] = &[
        "go.mod",
        "package.json",
        "Cargo.toml",
        "pom.xml",
        "build.gradle",
        "build.gradle.kts",
        "composer.json",
        "Gemfile",
    ];
    const BINARIES: &[&str] = &[".exe", ".dll", ".so", ".dylib"];
    let mut community: Vec<&str> = Vec::new();
    let mut foreign: Vec<&str> = Vec::new();
    let mut binaries: Vec<&str> = Vec::new();
    let mut python: Vec<&str> = Vec::new();
    for f in &facts.files {
        let Some((top, rest)) = f.path.split_once('/') else {
            continue;
        };
        let lower = rest.to_ascii_lowercase();
        if BINARIES.iter().any(|b| lower.ends_with(b)) {
            binaries.push(top);
        }
        if lower.ends_with(".py") {
            python.push(top);
        }
        let first = rest.split('/').next().unwrap_or(rest);
        let upper = first.to_ascii_uppercase();
        if COMMUNITY
            .iter()
            .any(|c| first == *c || (c.starts_with(char::is_alphabetic) && upper.starts_with(c)))
        {
            community.push(top);
        }
        if !rest.contains('/') && FOREIGN_BUILDS.contains(&rest) {
            foreign.push(top);
        }
    }
    let mut vendored: Vec<&str> = community
        .into_iter()
        .filter(|top| foreign.contains(top))
        .chain(binaries.into_iter().filter(|top| !python.contains(top)))
        .collect();
    vendored.sort_unstable();
    vendored.dedup();
    vendored.into_iter().map(|top| format!("{top}/")).collect()
}

/// Fails when a glob matches a file, optionally only files larger than
/// `larger_than` bytes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathAbsent {
    pub globs: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub larger_than: Option<u64>,
}

impl CheckKind for PathAbsent {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "path-absent",
            checks: "the committed files, matched against `globs` (minus `except`), optionally by size",
            why: "some files do not belong in a repository, and their presence is what a reviewer notices",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let set = globset(&self.globs);
        let skip = globset(&self.except);
        let hits: Vec<_> = facts
            .files
            .iter()
            .filter(|f| set.is_match(&f.path) && !skip.is_match(&f.path))
            .filter(|f| self.larger_than.is_none_or(|limit| f.size > limit))
            .collect();
        if hits.is_empty() {
            return Verdict::pass("none found", vec![]);
        }
        let ev = hits
            .iter()
            .map(|f| {
                let e = Evidence::file(&f.path);
                if self.larger_than.is_some() {
                    e.with_note(human_size(f.size))
                } else {
                    e
                }
            })
            .collect();
        Verdict::fail(
            format!("found {}", count_noun(hits.len(), "file")),
            capped(ev),
        )
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_globs(&self.globs).and_then(|_| valid_globs(&self.except))
    }

    fn describe(&self) -> Conditions {
        let what = match self.larger_than {
            Some(n) => format!(
                "file matching {} is over {n} bytes",
                quoted(&self.globs, ", ")
            ),
            None => format!("file matches {}", quoted(&self.globs, ", ")),
        };
        let except = if self.except.is_empty() {
            String::new()
        } else {
            format!(
                " (files matching {} do not count)",
                quoted(&self.except, ", ")
            )
        };
        Conditions::new(
            format!("no committed {what}{except}"),
            format!("a committed {what}{except}; the evidence lists each one"),
        )
    }
}

/// Passes when a regex matches inside any file matched by `paths`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileContains {
    pub paths: Vec<String>,
    pub pattern: String,
}

impl CheckKind for FileContains {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "file-contains",
            checks: "the text of committed files matching `paths`, searched with the `pattern` regex",
            why: "a setting or an idiom inside a file shows a practice that file names alone cannot",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let set = globset(&self.paths);
        let re = regex(&self.pattern);
        let mut looked = 0;
        for (path, text) in &facts.contents {
            if !set.is_match(path) {
                continue;
            }
            looked += 1;
            if let Some(m) = re.find(text) {
                let line = crate::error::line_of(text, m.start());
                return Verdict::pass(
                    format!("{path} matches"),
                    vec![Evidence::line(path, Some(line))],
                );
            }
        }
        Verdict::fail(
            if looked == 0 {
                format!("no file matching {} to look in", self.paths.join(", "))
            } else {
                format!("no match in {}", count_noun(looked, "file"))
            },
            vec![],
        )
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_globs(&self.paths).and_then(|_| valid_regex(&self.pattern))
    }

    fn wanted_contents(&self) -> Vec<String> {
        self.paths.clone()
    }

    fn describe(&self) -> Conditions {
        let paths = quoted(&self.paths, ", ");
        Conditions::new(
            format!(
                "a committed file matching {paths} contains a match for the regex `{}`",
                self.pattern
            ),
            format!(
                "no file matching {paths} is committed, or none contains a match for `{}`",
                self.pattern
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::testing::{facts_with_files, s};

    #[test]
    fn an_empty_file_does_not_count_when_content_is_wanted() {
        let license = |non_empty| PathExists {
            any_of: s(&["LICENSE*"]),
            min_count: None,
            non_empty,
            wanted: Some("LICENSE file".into()),
            except: vec![],
            own_only: false,
        };
        let empty = facts_with_files(&[("License", 0), ("py.typed", 0)]);
        let v = license(true).evaluate(&empty);
        assert_eq!(v.credit, 0.0);
        assert_eq!(v.message, "License is empty");
        assert_eq!(license(false).evaluate(&empty).credit, 1.0);
        let full = facts_with_files(&[("License", 0), ("LICENSE.md", 1070)]);
        assert_eq!(license(true).evaluate(&full).credit, 1.0);
        let none = facts_with_files(&[("src/a.py", 10)]);
        assert_eq!(license(true).evaluate(&none).message, "no LICENSE file");
    }

    #[test]
    fn a_vendored_projects_license_is_not_the_repositorys() {
        let license = PathExists {
            any_of: s(&["LICENSE*", "*/LICENSE*", "COPYING*", "*/COPYING*"]),
            min_count: None,
            non_empty: true,
            wanted: Some("LICENSE file".into()),
            except: s(&["*.py", "*/*.py"]),
            own_only: true,
        };
        let vendored = facts_with_files(&[
            ("paths/copying_files.py", 10),
            ("app/main.py", 10),
            ("signoz/LICENSE", 900),
            ("signoz/CONTRIBUTING.md", 300),
            ("signoz/go.mod", 40),
        ]);
        assert_eq!(license.evaluate(&vendored).message, "no LICENSE file");
        // The candidate's own project in a subfolder keeps its licence.
        let own = facts_with_files(&[("app/main.py", 10), ("app/LICENSE", 900)]);
        assert_eq!(license.evaluate(&own).credit, 1.0);
        // A frontend with its package.json but no community files is the
        // same project's.
        let front = facts_with_files(&[("frontend/package.json", 10), ("frontend/LICENSE", 900)]);
        assert_eq!(license.evaluate(&front).credit, 1.0);
        // Another program's binaries shipped beside the bot, with their
        // licence: not the bot's.
        let binaries = facts_with_files(&[
            ("main.py", 10),
            ("ffmpeg/LICENSE.txt", 900),
            ("ffmpeg/bin/ffmpeg.exe", 9000),
        ]);
        assert_eq!(license.evaluate(&binaries).message, "no LICENSE file");
        // A package with a compiled extension beside its code keeps it.
        let ext = facts_with_files(&[
            ("fastlib/LICENSE", 900),
            ("fastlib/_speedups.so", 9000),
            ("fastlib/__init__.py", 10),
        ]);
        assert_eq!(license.evaluate(&ext).credit, 1.0);
    }

    #[test]
    fn path_exists_counts_matches() {
        let facts = facts_with_files(&[("LICENSE", 10), ("src/a.py", 10), ("src/b.py", 10)]);
        let one = PathExists {
            any_of: s(&["licen[cs]e*"]),
            min_count: None,
            non_empty: false,
            wanted: None,
            except: vec![],
            own_only: false,
        };
        assert_eq!(one.evaluate(&facts).credit, 1.0);
        let three = PathExists {
            any_of: s(&["src/*.py"]),
            min_count: Some(4),
            non_empty: false,
            wanted: None,
            except: vec![],
            own_only: false,
        };
        assert_eq!(three.evaluate(&facts).credit, 0.5);
        let none = PathExists {
            any_of: s(&["CHANGELOG*"]),
            min_count: None,
            non_empty: false,
            wanted: None,
            except: vec![],
            own_only: false,
        };
        let v = none.evaluate(&facts);
        assert_eq!(v.credit, 0.0);
        assert!(v.message.contains("CHANGELOG*"), "{}", v.message);
    }

    #[test]
    fn path_absent_honours_except_and_size() {
        let facts = facts_with_files(&[("data/big.csv", 9_000_000), (".env.example", 10)]);
        let big = PathAbsent {
            globs: s(&["**"]),
            except: vec![],
            larger_than: Some(5_000_000),
        };
        let v = big.evaluate(&facts);
        assert_eq!(v.credit, 0.0);
        assert_eq!(v.evidence[0].note.as_deref(), Some("8.6 MB"));
        let env = PathAbsent {
            globs: s(&[".env*"]),
            except: s(&[".env.example"]),
            larger_than: None,
        };
        assert_eq!(env.evaluate(&facts).credit, 1.0);
        assert!(env.validate().is_ok());
        let bad = PathAbsent {
            globs: s(&["a[b"]),
            except: vec![],
            larger_than: None,
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn file_contains_reads_wanted_contents() {
        let mut facts = facts_with_files(&[("pyproject.toml", 10)]);
        facts
            .contents
            .insert("pyproject.toml".into(), "[project]\n[tool.ruff]\n".into());
        let check = FileContains {
            paths: s(&["pyproject.toml"]),
            pattern: r"(?m)^\[tool\.ruff".into(),
        };
        let v = check.evaluate(&facts);
        assert_eq!(v.credit, 1.0);
        assert_eq!(v.evidence[0].file_line(), Some(2));
        assert_eq!(check.wanted_contents(), s(&["pyproject.toml"]));
        let missing = FileContains {
            paths: s(&["setup.cfg"]),
            pattern: "x".into(),
        };
        assert!(missing.evaluate(&facts).message.contains("to look in"));
        let bad = FileContains {
            paths: s(&["x"]),
            pattern: "(".into(),
        };
        assert!(bad.validate().is_err());
    }
}
