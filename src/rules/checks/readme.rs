//! Checks on the README: that it exists, which sections it has, what its
//! text, images and links show. (Relative links live in `readme_links`.)

use super::matching::{regex, valid_regex, valid_regexes};
use super::readme_links::{image_resolves, is_logo};
use super::text::{capped, count_noun, quoted, truncate};
use super::{CheckKind, Conditions, Invalid, KindDoc, Verdict};
use crate::facts::Facts;
use crate::facts::readme::{LinkRef, ReadmeFacts, SectionFound};
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

fn no_readme() -> Verdict {
    Verdict::fail("no README found", vec![])
}

/// Runs `f` on the README, or fails when there is none.
fn with_readme(facts: &Facts, f: impl FnOnce(&ReadmeFacts) -> Verdict) -> Verdict {
    facts.readme.as_ref().map_or_else(no_readme, f)
}

/// A README exists; full credit at `min_words`, partial below.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeExists {
    pub min_words: usize,
    /// Each fenced code block counts as this many words: a README of
    /// headings and the commands under them says something, even with no
    /// paragraph. 0 (the default) counts prose only.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub code_block_words: usize,
    /// Each link out of the README (not a badge, not an anchor in the
    /// page) counts as this many words: "Documentation: <url>" tells the
    /// reader where the project is explained. 0 (the default) counts none.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub link_words: usize,
}

/// Links that send the reader somewhere: not badges, not in-page anchors.
fn pointer_links(r: &ReadmeFacts) -> usize {
    r.links
        .iter()
        .filter(|l| !l.badge && !l.url.starts_with('#'))
        .count()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Where a README section was found: the README, or a page it links to.
fn section_file<'a>(r: &'a ReadmeFacts, found: &'a SectionFound) -> &'a str {
    found.file.as_deref().unwrap_or(&r.path)
}

impl CheckKind for ReadmeExists {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-exists",
            checks: "the README (root, `.github/` or `docs/`) and its words of prose",
            why: "the README is the first file a reviewer opens, and a title alone tells them nothing",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        let min_words = self.min_words;
        with_readme(facts, |r| {
            let blocks = r.code_blocks.len();
            let links = if self.link_words > 0 {
                pointer_links(r)
            } else {
                0
            };
            let counted = r.words + self.code_block_words * blocks + self.link_words * links;
            let mut parts = vec![format!("{} words", r.words)];
            if self.code_block_words > 0 && blocks > 0 {
                parts.push(count_noun(blocks, "code block"));
            }
            if links > 0 {
                parts.push(count_noun(links, "link"));
            }
            let what = match parts.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => parts.join(""),
            };
            let ev = vec![Evidence::file(&r.path).with_note(what.clone())];
            if counted >= min_words {
                Verdict::pass(format!("{} has {what}", r.path), ev)
            } else if counted < min_words / 5 {
                Verdict::fail(
                    format!(
                        "{} is little more than a title: {what} (want {min_words} words)",
                        r.path
                    ),
                    ev,
                )
            } else {
                let credit = counted as f64 / min_words.max(1) as f64;
                Verdict::new(
                    credit.min(0.99),
                    format!("{} has only {what} (want {min_words} words)", r.path),
                    ev,
                )
            }
        })
    }

    fn describe(&self) -> Conditions {
        let n = self.min_words;
        let mut counts = vec!["headings written as sentences count as prose".to_owned()];
        if self.code_block_words > 0 {
            counts.push(format!(
                "each code block counts as {} words",
                self.code_block_words
            ));
        }
        if self.link_words > 0 {
            counts.push(format!(
                "each link that is not a badge counts as {} words",
                self.link_words
            ));
        }
        let blocks = format!(" ({})", counts.join("; "));
        Conditions::new(
            format!("a README explains the project in {n} words of prose or more{blocks}"),
            format!(
                "there is no README, or it has fewer than {} words (little more than a title); up to {n} words earns partial credit",
                n / 5
            ),
        )
    }
}

/// The README has a section of one of these names (see readme-sections).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeSection {
    pub any_of: Vec<String>,
    /// A non-badge image (a screenshot) also satisfies the check.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub accept_images: bool,
    /// Fail when every script or notebook the README's run commands name
    /// is missing from the repository: the instructions no longer work.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub runs_must_resolve: bool,
    /// The section must give an instruction (a command, or install steps
    /// in words), not only name things ("Requirements: flask, sqlite3").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_instructions: bool,
}

/// Whether the repository holds the file a run command names: at that
/// path, or at the end of a longer one (the reader was told to `cd` into
/// a folder first). Case is ignored (Windows READMEs write `App.py`), and
/// so are the differences between spaces, `_` and `-`.
fn run_target_exists(target: &str, facts: &Facts) -> bool {
    // "Web Scraping Project.ipynb" written `Web_Scraping_Project.ipynb`:
    // spaces, `_` and `-` are one separator to a reader.
    let norm = |s: &str| s.to_ascii_lowercase().replace([' ', '-'], "_");
    let target = norm(target);
    let tail = format!("/{target}");
    facts.files.iter().any(|f| {
        let path = norm(&f.path);
        path == target || path.ends_with(&tail)
    })
}

/// A stand-in the reader replaces (`python script_name.py`, `python
/// your_script.py`, `<file>.py`): a general instruction, not a file that
/// went missing.
fn is_placeholder_name(target: &str) -> bool {
    let name = target
        .rsplit('/')
        .next()
        .unwrap_or(target)
        .to_ascii_lowercase();
    let stem = name.split('.').next().unwrap_or(&name).replace('-', "_");
    name.contains(['<', '>', '{', '[', '*'])
        || stem.starts_with("your_")
        || stem.starts_with("my_script")
        || stem.starts_with("myscript")
        || stem.starts_with("your_script")
        || stem.starts_with("yourscript")
        || stem.starts_with("name_of")
        || [
            "script_name",
            "scriptname",
            "filename",
            "file_name",
            "script",
            "file",
            "xxx",
            "example",
        ]
        .contains(&stem.as_str())
}

/// The README's run commands all name files that are not in the
/// repository: say which, and where the README names them.
fn missing_run_targets(r: &ReadmeFacts, facts: &Facts) -> Option<Verdict> {
    let first = r.run_targets.first()?;
    if r.run_targets
        .iter()
        .any(|t| run_target_exists(&t.path, facts) || is_placeholder_name(&t.path))
    {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    for t in &r.run_targets {
        if !names.contains(&t.path) && names.len() < 3 {
            names.push(t.path.clone());
        }
    }
    Some(Verdict::fail(
        format!(
            "the README says to run {}, but no such file is in the repository",
            quoted(&names, ", ")
        ),
        vec![Evidence::line(&r.path, Some(first.line))],
    ))
}

impl CheckKind for ReadmeSection {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-section",
            checks: "the README's headings, matched against the section names of rules/readme-sections.toml",
            why: "a reviewer scans headings to find how to install, use and judge a project",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        with_readme(facts, |r| {
            if let Some((name, found)) = self
                .any_of
                .iter()
                .find_map(|s| r.sections.get(s).map(|f| (s, f)))
            {
                if self.needs_instructions && !found.instructs {
                    return Verdict::fail(
                        format!(
                            "section `{name}` found: \"{}\", but it gives no command or step to follow",
                            found.heading
                        ),
                        vec![Evidence::line(section_file(r, found), Some(found.line))],
                    );
                }
                if self.runs_must_resolve {
                    if let Some(broken) = missing_run_targets(r, facts) {
                        return broken;
                    }
                }
                return Verdict::pass(
                    format!("section `{name}` found: \"{}\"", found.heading),
                    vec![Evidence::line(section_file(r, found), Some(found.line))],
                );
            }
            if self.accept_images {
                if let Some(img) = r
                    .images
                    .iter()
                    .find(|i| !i.badge && !is_logo(&i.url) && image_resolves(r, &i.url, facts))
                {
                    return Verdict::pass(
                        format!("image {} shown", img.url),
                        vec![Evidence::line(&r.path, Some(img.line))],
                    );
                }
            }
            Verdict::fail(
                format!(
                    "no {} section among {} headings",
                    self.any_of.join("/"),
                    r.headings.len()
                ),
                vec![Evidence::file(&r.path)],
            )
        })
    }

    fn readme_sections(&self) -> Vec<String> {
        self.any_of.clone()
    }

    fn describe(&self) -> Conditions {
        let names = quoted(&self.any_of, " or ");
        let example = self.any_of.first().map_or(String::new(), |s| {
            let mut c = s.chars();
            let title = c
                .next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default();
            format!(" (e.g. `## {title}`)")
        });
        let conditions = if self.accept_images {
            Conditions::new(
                format!(
                    "the README has a {names} section{example}, or shows a screenshot: a committed or remote image that is not a badge or logo"
                ),
                format!("there is no README, or it has no {names} section and no screenshot"),
            )
        } else {
            Conditions::new(
                format!("the README has a heading counted as its {names} section{example}"),
                format!("there is no README, or none of its headings counts as {names}"),
            )
        };
        let conditions = if self.needs_instructions {
            Conditions::new(
                format!(
                    "{}, and that section gives a command or a step to follow (not only a list of names)",
                    conditions.pass
                ),
                format!("{}, or that section only names things", conditions.fail),
            )
        } else {
            conditions
        };
        if self.runs_must_resolve {
            Conditions::new(
                format!(
                    "{}, unless every script or notebook its run commands name is missing from the repository",
                    conditions.pass
                ),
                format!(
                    "{}, or every script or notebook its run commands name (`python app.py`) is missing",
                    conditions.fail
                ),
            )
        } else {
            conditions
        }
    }
}

/// Each named section exists and shows a code block; partial credit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeCodeBlocks {
    pub sections: Vec<String>,
}

impl CheckKind for ReadmeCodeBlocks {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-code-blocks",
            checks: "the named README sections and the fenced code blocks inside them",
            why: "commands a reader can copy are what make install and usage instructions work",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        with_readme(facts, |r| code_blocks(r, &self.sections))
    }

    fn readme_sections(&self) -> Vec<String> {
        self.sections.clone()
    }

    fn describe(&self) -> Conditions {
        let names = quoted(&self.sections, " and ");
        Conditions::new(
            format!(
                "the README's {names} sections each exist and show their commands in a fenced code block"
            ),
            format!(
                "there is no README, or one of its {names} sections is missing or has no code block (commands shown only inline earn half)"
            ),
        )
    }
}

fn code_blocks(r: &ReadmeFacts, sections: &[String]) -> Verdict {
    let mut good = 0;
    let mut half = 0;
    let mut missing = Vec::new();
    let mut ev = Vec::new();
    for s in sections {
        match r.sections.get(s) {
            Some(found) if found.code_blocks > 0 => {
                good += 1;
                ev.push(
                    Evidence::line(section_file(r, found), Some(found.line)).with_note(format!(
                        "{s}: {}",
                        count_noun(found.code_blocks, "code block")
                    )),
                );
            }
            Some(found) if found.inline_commands > 0 => {
                half += 1;
                missing.push(format!(
                    "`{s}` shows commands only inline, not in a code block"
                ));
                ev.push(
                    Evidence::line(section_file(r, found), Some(found.line))
                        .with_note(format!("{s}: inline commands only")),
                );
            }
            Some(found) => {
                missing.push(format!("`{s}` has no code block"));
                ev.push(
                    Evidence::line(&r.path, Some(found.line))
                        .with_note(format!("{s}: no code block")),
                );
            }
            None => missing.push(format!("no `{s}` section")),
        }
    }
    let credit = (good as f64 + 0.5 * half as f64) / sections.len().max(1) as f64;
    if missing.is_empty() {
        Verdict::pass("every section shows its commands", ev)
    } else {
        Verdict::new(credit, missing.join("; "), ev)
    }
}

/// None of these regexes matches the README.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeTextAbsent {
    pub patterns: Vec<String>,
}

impl CheckKind for ReadmeTextAbsent {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-text-absent",
            checks: "the README's text, searched with each regex of `patterns`",
            why: "leftover template text tells a reviewer nobody read the README through",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        with_readme(facts, |r| {
            let mut ev = Vec::new();
            for p in &self.patterns {
                for m in regex(p).find_iter(&r.text) {
                    let line = crate::error::line_of(&r.text, m.start());
                    ev.push(
                        Evidence::line(&r.path, Some(line))
                            .with_note(format!("\"{}\"", truncate(m.as_str(), 60))),
                    );
                }
            }
            ev.sort_by_key(|e| e.file_line());
            ev.dedup();
            if ev.is_empty() {
                Verdict::pass("no placeholder text found", vec![])
            } else {
                Verdict::fail(
                    format!("found {}", count_noun(ev.len(), "placeholder")),
                    capped(ev),
                )
            }
        })
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_regexes(&self.patterns)
    }

    fn describe(&self) -> Conditions {
        let patterns = quoted(&self.patterns, ", ");
        Conditions::new(
            format!("a README exists and none of the regexes {patterns} matches its text"),
            format!(
                "there is no README, or one of {patterns} matches its text; the evidence lists each line"
            ),
        )
    }
}

/// At least one of these regexes matches the README text.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeTextPresent {
    pub patterns: Vec<String>,
}

impl CheckKind for ReadmeTextPresent {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-text-present",
            checks: "the README's text, searched with the regexes of `patterns`",
            why: "some things a reviewer wants to see (an example request, a command) are text, not headings",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        with_readme(facts, |r| {
            match self.patterns.iter().find_map(|p| regex(p).find(&r.text)) {
                Some(m) => Verdict::pass(
                    format!("README shows \"{}\"", truncate(m.as_str().trim(), 60)),
                    vec![Evidence::line(
                        &r.path,
                        Some(crate::error::line_of(&r.text, m.start())),
                    )],
                ),
                None => Verdict::fail(
                    "the README shows none of the expected text",
                    vec![Evidence::file(&r.path)],
                ),
            }
        })
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_regexes(&self.patterns)
    }

    fn describe(&self) -> Conditions {
        let patterns = quoted(&self.patterns, ", ");
        Conditions::new(
            format!("the README's text matches one of the regexes {patterns}"),
            format!("there is no README, or its text matches none of {patterns}"),
        )
    }
}

/// An image URL in the README matches the regex (e.g. a CI badge).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeImage {
    pub pattern: String,
}

impl CheckKind for ReadmeImage {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-image",
            checks: "the URLs of the README's images, matched with the `pattern` regex",
            why: "a badge or a screenshot shows at a glance what a paragraph would only claim",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        with_readme(facts, |r| {
            let re = regex(&self.pattern);
            first_url(r, &r.images, ("image", "image"), |i| re.is_match(&i.url))
        })
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_regex(&self.pattern)
    }

    fn describe(&self) -> Conditions {
        Conditions::new(
            format!(
                "the README shows an image whose URL matches `{}`",
                self.pattern
            ),
            format!(
                "there is no README, or none of its image URLs matches `{}`",
                self.pattern
            ),
        )
    }
}

/// Passes on the first of the README's images or links (`noun`) that
/// `wanted` accepts, saying `found` and its URL; fails naming how many
/// there were.
fn first_url(
    r: &ReadmeFacts,
    refs: &[LinkRef],
    (noun, shown): (&str, &str),
    wanted: impl Fn(&LinkRef) -> bool,
) -> Verdict {
    match refs.iter().find(|l| wanted(l)) {
        Some(found) => Verdict::pass(
            format!("{shown} {}", truncate(&found.url, 80)),
            vec![Evidence::line(&r.path, Some(found.line))],
        ),
        None => Verdict::fail(
            format!(
                "none of the README's {} matches",
                count_noun(refs.len(), noun)
            ),
            vec![Evidence::file(&r.path)],
        ),
    }
}

/// A link URL in the README matches the regex (e.g. a deployed app).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeLink {
    pub pattern: String,
    /// Links whose content is a badge image do not count: a docs badge
    /// reports a build status, it does not point a reader to the docs.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ignore_badges: bool,
    /// The URL must name the project (its package name, `-`, `_` and `.`
    /// alike): a link to another project's docs is not this project's.
    /// Without a package name any URL counts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub names_project: bool,
    /// The linked docs must be built from this repository (a Sphinx
    /// `conf.py`, an `mkdocs.yml`, a Read the Docs config): then the
    /// README's pointer is to pages the project keeps, not to someone
    /// else's site.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub docs_in_repo: bool,
}

/// Where a documentation site's source lives, when the repository keeps
/// one: the first of the files a docs build starts from.
fn docs_source(facts: &Facts) -> Option<&str> {
    facts.files.iter().map(|f| f.path.as_str()).find(|p| {
        let depth = p.matches('/').count();
        let name = p.rsplit('/').next().unwrap_or(p);
        let under_docs = p.starts_with("docs/") || p.starts_with("doc/");
        (depth == 0
            && matches!(
                name,
                "mkdocs.yml"
                    | "mkdocs.yaml"
                    | ".readthedocs.yml"
                    | ".readthedocs.yaml"
                    | "readthedocs.yml"
                    | "readthedocs.yaml"
                    | "zensical.toml"
            ))
            // docs/conf.py, docs/source/conf.py, docs/sphinx/source/conf.py
            || (under_docs && depth <= 3 && name == "conf.py")
    })
}

/// Whether a URL names the package (`py-filelock.readthedocs.io` names
/// `filelock`).
fn names_package(url: &str, package: Option<&str>) -> bool {
    let Some(name) = package else {
        return true;
    };
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '.'], "-");
    let (url, name) = (norm(url), norm(name));
    url.contains(&name) || url.contains(&name.replace('-', ""))
}

impl CheckKind for ReadmeLink {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-link",
            checks: "the URLs of the README's links, matched with the `pattern` regex",
            why: "a link to a running app or a published package lets a reviewer try the project",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        with_readme(facts, |r| {
            let re = regex(&self.pattern);
            let package = facts.package.name.as_deref();
            if self.docs_in_repo && docs_source(facts).is_none() {
                return Verdict::fail(
                    "the repository keeps no documentation site (no mkdocs.yml, docs/conf.py or Read the Docs config), so a docs link is someone else's pages",
                    vec![Evidence::file(&r.path)],
                );
            }
            first_url(r, &r.links, ("link", "links to"), |l| {
                re.is_match(&l.url)
                    && !(self.ignore_badges && l.badge)
                    && (!self.names_project || names_package(&l.url, package))
            })
        })
    }

    fn validate(&self) -> Result<(), Invalid> {
        valid_regex(&self.pattern)
    }

    fn describe(&self) -> Conditions {
        Conditions::new(
            format!(
                "the README links a URL that matches `{}`{}{}{}",
                self.pattern,
                if self.names_project {
                    " and names the project's package"
                } else {
                    ""
                },
                if self.ignore_badges {
                    " (a badge's link does not count)"
                } else {
                    ""
                },
                if self.docs_in_repo {
                    ", and the repository keeps the docs site's source (mkdocs.yml, docs/conf.py or a Read the Docs config)"
                } else {
                    ""
                }
            ),
            format!(
                "there is no README, or none of its link URLs matches `{}`",
                self.pattern
            ),
        )
    }
}

#[cfg(test)]
#[path = "readme_tests.rs"]
mod tests;
