//! Evaluating one rule against gathered facts. Pure: no I/O happens here.

use super::{Check, Condition, Evidence, FactName, Metric, Outcome, Rule, Status};
use crate::facts::Facts;
use crate::facts::hygiene::JunkCategory;
use crate::facts::manifests::{DEV_TOOLS, DepGroup};
use crate::facts::readme::ReadmeFacts;
use globset::{Glob, GlobSet, GlobSetBuilder};
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;

/// Evidence lists are cut here; the message still gives the full count.
const MAX_EVIDENCE: usize = 20;

/// A check's verdict before it is dressed as an `Outcome`.
struct Verdict {
    credit: f64,
    message: String,
    evidence: Vec<Evidence>,
}

impl Verdict {
    fn new(credit: f64, message: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Verdict {
            credit: credit.clamp(0.0, 1.0),
            message: message.into(),
            evidence,
        }
    }
    fn pass(message: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Self::new(1.0, message, evidence)
    }
    fn fail(message: impl Into<String>, evidence: Vec<Evidence>) -> Self {
        Self::new(0.0, message, evidence)
    }
}

thread_local! {
    static REGEXES: RefCell<HashMap<String, Regex>> = RefCell::new(HashMap::new());
    static GLOBS: RefCell<HashMap<Vec<String>, GlobSet>> = RefCell::new(HashMap::new());
}

/// Patterns were validated when the pack loaded; compiled once per thread.
fn regex(pattern: &str) -> Regex {
    REGEXES.with(|cache| {
        cache
            .borrow_mut()
            .entry(pattern.to_owned())
            .or_insert_with(|| {
                Regex::new(pattern).unwrap_or_else(|_| Regex::new("$^").expect("empty regex"))
            })
            .clone()
    })
}

pub fn globset(globs: &[String]) -> GlobSet {
    GLOBS.with(|cache| {
        cache
            .borrow_mut()
            .entry(globs.to_vec())
            .or_insert_with(|| {
                let mut b = GlobSetBuilder::new();
                for g in globs {
                    // File names differ in case across platforms and people
                    // (License.md, readme.MD); a reviewer does not care.
                    if let Ok(glob) = globset::GlobBuilder::new(g)
                        .literal_separator(true)
                        .case_insensitive(true)
                        .build()
                    {
                        b.add(glob);
                    } else if let Ok(glob) = Glob::new(g) {
                        b.add(glob);
                    }
                }
                b.build().unwrap_or_else(|_| GlobSet::empty())
            })
            .clone()
    })
}

pub fn condition_holds(condition: Condition, facts: &Facts) -> bool {
    match condition {
        Condition::ReadsEnvVars => facts.reads_env_vars(),
        Condition::WebProject => !facts.web_frameworks.is_empty(),
        Condition::HasPythonCode => facts.has_python_code(),
        Condition::HasCi => facts.ci.configs.iter().any(|c| c.runs_something),
        Condition::HasReadme => facts.readme.is_some(),
        Condition::HasTests => facts.python.tests.functions > 0,
        Condition::CallsNetwork => NETWORK_MODULES
            .iter()
            .any(|m| facts.python.imports.contains(*m)),
        Condition::HasNotebooks => !facts.python.notebooks.is_empty(),
        Condition::HasGitHistory => facts
            .history
            .as_ref()
            .is_some_and(|h| h.non_merge_commits > 0),
    }
}

/// Modules whose use means the code talks to other services.
const NETWORK_MODULES: &[&str] = &[
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "boto3",
    "botocore",
    "openai",
    "anthropic",
    "stripe",
    "twilio",
    "slack_sdk",
    "telegram",
    "tweepy",
    "smtplib",
    "paramiko",
    "googleapiclient",
    "praw",
    "discord",
];

pub fn evaluate(rule: &Rule, facts: &Facts) -> Outcome {
    let unmet = rule.when.iter().find(|c| !condition_holds(**c, facts));
    let (status, verdict) = match unmet {
        Some(c) => (
            Status::NotApplicable,
            Verdict::new(
                0.0,
                format!(
                    "does not apply: condition `{}` does not hold",
                    condition_name(*c)
                ),
                vec![],
            ),
        ),
        None => {
            let v = run_check(&rule.check, facts);
            let status = if v.credit >= 1.0 {
                Status::Pass
            } else if v.credit > 0.0 {
                Status::Partial
            } else {
                Status::Fail
            };
            (status, v)
        }
    };
    Outcome {
        id: rule.id.clone(),
        family: rule.family.clone(),
        title: rule.title.clone(),
        severity: rule.severity,
        weight: rule.weight,
        status,
        credit: verdict.credit,
        message: verdict.message,
        evidence: verdict.evidence,
        fix: rule.fix.clone(),
        rationale: rule.rationale.clone(),
        guide: rule.guide.clone(),
    }
}

pub fn condition_name(c: Condition) -> &'static str {
    match c {
        Condition::ReadsEnvVars => "reads-env-vars",
        Condition::WebProject => "web-project",
        Condition::HasPythonCode => "has-python-code",
        Condition::HasCi => "has-ci",
        Condition::HasReadme => "has-readme",
        Condition::HasTests => "has-tests",
        Condition::CallsNetwork => "calls-network",
        Condition::HasNotebooks => "has-notebooks",
        Condition::HasGitHistory => "has-git-history",
    }
}

fn capped(mut ev: Vec<Evidence>) -> Vec<Evidence> {
    ev.truncate(MAX_EVIDENCE);
    ev
}

fn no_readme() -> Verdict {
    Verdict::fail("no README found", vec![])
}

fn run_check(check: &Check, facts: &Facts) -> Verdict {
    match check {
        Check::PathExists { any_of, min_count } => {
            let set = globset(any_of);
            let hits: Vec<&str> = facts
                .files
                .iter()
                .map(|f| f.path.as_str())
                .filter(|p| set.is_match(p))
                .collect();
            let need = min_count.unwrap_or(1).max(1);
            let ev = capped(hits.iter().map(|p| Evidence::file(*p)).collect());
            if hits.len() >= need {
                Verdict::pass(format!("found {}", list_some(&hits, 3)), ev)
            } else if hits.is_empty() {
                Verdict::fail(
                    format!(
                        "none of {} found",
                        list_some(&any_of.iter().map(String::as_str).collect::<Vec<_>>(), 4)
                    ),
                    ev,
                )
            } else {
                Verdict::new(
                    hits.len() as f64 / need as f64,
                    format!("found {} of the {need} wanted", hits.len()),
                    ev,
                )
            }
        }
        Check::PathAbsent {
            globs,
            except,
            larger_than,
        } => {
            let set = globset(globs);
            let skip = globset(except);
            let hits: Vec<_> = facts
                .files
                .iter()
                .filter(|f| set.is_match(&f.path) && !skip.is_match(&f.path))
                .filter(|f| larger_than.is_none_or(|limit| f.size > limit))
                .collect();
            if hits.is_empty() {
                Verdict::pass("none found", vec![])
            } else {
                let ev = hits
                    .iter()
                    .map(|f| {
                        let e = Evidence::file(&f.path);
                        if larger_than.is_some() {
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
        }
        Check::FileContains { paths, pattern } => {
            let set = globset(paths);
            let re = regex(pattern);
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
                    format!("no file matching {} to look in", paths.join(", "))
                } else {
                    format!("no match in {}", count_noun(looked, "file"))
                },
                vec![],
            )
        }
        Check::ReadmeExists { min_words } => match &facts.readme {
            None => no_readme(),
            Some(r) => {
                let ev = vec![Evidence::file(&r.path).with_note(format!("{} words", r.words))];
                if r.words >= *min_words {
                    Verdict::pass(format!("{} has {} words", r.path, r.words), ev)
                } else if r.words < min_words / 5 {
                    Verdict::fail(
                        format!(
                            "{} is little more than a title: {} words (want {min_words})",
                            r.path, r.words
                        ),
                        ev,
                    )
                } else {
                    let credit = r.words as f64 / (*min_words).max(1) as f64;
                    Verdict::new(
                        credit.min(0.99),
                        format!("{} has only {} words (want {min_words})", r.path, r.words),
                        ev,
                    )
                }
            }
        },
        Check::ReadmeSection {
            any_of,
            accept_images,
        } => {
            match &facts.readme {
                None => no_readme(),
                Some(r) => {
                    if let Some((name, found)) = any_of
                        .iter()
                        .find_map(|s| r.sections.get(s).map(|f| (s, f)))
                    {
                        return Verdict::pass(
                            format!("section `{name}` found: \"{}\"", found.heading),
                            vec![Evidence::line(&r.path, Some(found.line))],
                        );
                    }
                    if *accept_images {
                        if let Some(img) = r.images.iter().find(|i| {
                            !i.badge && !is_logo(&i.url) && image_resolves(r, &i.url, facts)
                        }) {
                            return Verdict::pass(
                                format!("image {} shown", img.url),
                                vec![Evidence::line(&r.path, Some(img.line))],
                            );
                        }
                    }
                    Verdict::fail(
                        format!(
                            "no {} section among {} headings",
                            any_of.join("/"),
                            r.headings.len()
                        ),
                        vec![Evidence::file(&r.path)],
                    )
                }
            }
        }
        Check::ReadmeCodeBlocks { sections } => match &facts.readme {
            None => no_readme(),
            Some(r) => readme_code_blocks(r, sections),
        },
        Check::ReadmeTextAbsent { patterns } => match &facts.readme {
            None => no_readme(),
            Some(r) => {
                let mut ev = Vec::new();
                for p in patterns {
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
            }
        },
        Check::ReadmeTextPresent { patterns } => match &facts.readme {
            None => no_readme(),
            Some(r) => {
                let hit = patterns.iter().find_map(|p| regex(p).find(&r.text));
                match hit {
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
            }
        },
        Check::ReadmeLinksResolve {} => match &facts.readme {
            None => no_readme(),
            Some(r) => readme_links(r, facts),
        },
        Check::ReadmeImage { pattern } => match &facts.readme {
            None => no_readme(),
            Some(r) => {
                let re = regex(pattern);
                match r.images.iter().find(|i| re.is_match(&i.url)) {
                    Some(img) => Verdict::pass(
                        format!("image {}", truncate(&img.url, 80)),
                        vec![Evidence::line(&r.path, Some(img.line))],
                    ),
                    None => Verdict::fail(
                        format!(
                            "none of the README's {} matches",
                            count_noun(r.images.len(), "image")
                        ),
                        vec![Evidence::file(&r.path)],
                    ),
                }
            }
        },
        Check::ReadmeLink { pattern } => match &facts.readme {
            None => no_readme(),
            Some(r) => {
                let re = regex(pattern);
                match r.links.iter().find(|l| re.is_match(&l.url)) {
                    Some(link) => Verdict::pass(
                        format!("links to {}", truncate(&link.url, 80)),
                        vec![Evidence::line(&r.path, Some(link.line))],
                    ),
                    None => Verdict::fail(
                        format!(
                            "none of the README's {} matches",
                            count_noun(r.links.len(), "link")
                        ),
                        vec![Evidence::file(&r.path)],
                    ),
                }
            }
        },
        Check::CiRuns { pattern } => {
            let re = regex(pattern);
            // `pip install ruff` installs a linter; it does not run it.
            let runs = |l: &&str| re.is_match(l) && !is_install_line(l);
            // Workflows that run on every push or pull request are the
            // evidence a reviewer wants; scheduled or manual ones come after.
            let mut configs: Vec<&crate::facts::ci::CiConfig> = facts.ci.configs.iter().collect();
            configs.sort_by_key(|c| {
                !c.triggers
                    .iter()
                    .any(|t| t == "push" || t == "pull_request")
            });
            // Something that runs beats a step merely named for it.
            for by_name in [false, true] {
                for config in &configs {
                    let Some(cmd) = config
                        .commands
                        .iter()
                        .find(|c| c.name == by_name && c.text.lines().any(|l| runs(&l)))
                    else {
                        continue;
                    };
                    let first = cmd.text.lines().find(runs).unwrap_or(&cmd.text).trim();
                    let (path, how) = match (&cmd.via, by_name) {
                        (_, true) => (
                            config.path.as_str(),
                            format!("{} has a step named", config.path),
                        ),
                        (Some(script), _) => (
                            script.as_str(),
                            format!("{} runs {script}, which runs", config.path),
                        ),
                        (None, _) => (config.path.as_str(), format!("{} runs", config.path)),
                    };
                    // `via` may name a target: "Makefile (make test)".
                    let path = path.split([' ']).next().unwrap_or(path);
                    return Verdict::pass(
                        format!("{how} `{}`", truncate(first, 60)),
                        vec![Evidence::line(path, Some(cmd.line))],
                    );
                }
            }
            if facts.ci.configs.is_empty() {
                Verdict::fail("no CI configuration", vec![])
            } else {
                let ev = facts
                    .ci
                    .configs
                    .iter()
                    .map(|c| Evidence::file(&c.path))
                    .collect();
                Verdict::fail(
                    format!(
                        "no step in {} matches",
                        count_noun(facts.ci.configs.len(), "CI file")
                    ),
                    capped(ev),
                )
            }
        }
        Check::Fact { fact } => fact_check(*fact, facts),
        Check::Uses { modules } => {
            let found: Vec<Evidence> = modules
                .iter()
                .filter_map(|m| {
                    let wanted = m.to_ascii_lowercase().replace('_', "-");
                    if let Some(d) = facts
                        .manifests
                        .dependencies
                        .iter()
                        .find(|d| d.name.replace('_', "-") == wanted)
                    {
                        return Some(
                            Evidence::line(&d.file, d.line)
                                .with_note(format!("{m} is a dependency")),
                        );
                    }
                    facts
                        .python
                        .imports
                        .contains(m.as_str())
                        .then(|| Evidence::repository().with_note(format!("imports {m}")))
                })
                .collect();
            if found.is_empty() {
                Verdict::fail(
                    format!(
                        "none of {} is used",
                        list_some(&modules.iter().map(String::as_str).collect::<Vec<_>>(), 5)
                    ),
                    vec![],
                )
            } else {
                let names: Vec<String> = found.iter().filter_map(|e| e.note.clone()).collect();
                Verdict::pass(names.join("; "), capped(found))
            }
        }
        Check::Threshold {
            metric,
            pass_at,
            partial_at,
        } => threshold(*metric, *pass_at, *partial_at, facts),
        Check::JunkAbsent { categories } => {
            let cats: Vec<JunkCategory> = categories
                .iter()
                .filter_map(|c| JunkCategory::from_name(c))
                .collect();
            let items: Vec<_> = facts
                .hygiene
                .junk
                .iter()
                .filter(|j| cats.contains(&j.category))
                .collect();
            if items.is_empty() {
                Verdict::pass("none committed", vec![])
            } else {
                let ev = items
                    .iter()
                    .map(|j| {
                        let e = Evidence::line(&j.path, j.line);
                        match &j.note {
                            Some(n) => e.with_note(n.clone()),
                            None => e.with_note(j.category.name()),
                        }
                    })
                    .collect();
                Verdict::fail(
                    format!("{} committed", count_noun(items.len(), "item")),
                    capped(ev),
                )
            }
        }
        Check::GitignoreCovers { samples } => gitignore_covers(samples, facts),
        Check::Any { of } => {
            let mut best: Option<Verdict> = None;
            for c in of {
                let v = run_check(c, facts);
                if best.as_ref().is_none_or(|b| v.credit > b.credit) {
                    let done = v.credit >= 1.0;
                    best = Some(v);
                    if done {
                        break;
                    }
                }
            }
            best.unwrap_or_else(|| Verdict::fail("nothing to check", vec![]))
        }
    }
}

/// Lines that install tools (or only name a step) rather than run them.
fn is_install_line(line: &str) -> bool {
    crate::facts::ci::is_install(line)
}

fn readme_code_blocks(r: &ReadmeFacts, sections: &[String]) -> Verdict {
    let mut good = 0;
    let mut half = 0;
    let mut missing = Vec::new();
    let mut ev = Vec::new();
    for s in sections {
        match r.sections.get(s) {
            Some(found) if found.code_blocks > 0 => {
                good += 1;
                ev.push(Evidence::line(&r.path, Some(found.line)).with_note(format!(
                    "{s}: {}",
                    count_noun(found.code_blocks, "code block")
                )));
            }
            Some(found) if found.inline_commands > 0 => {
                half += 1;
                missing.push(format!(
                    "`{s}` shows commands only inline, not in a code block"
                ));
                ev.push(
                    Evidence::line(&r.path, Some(found.line))
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

/// Whether a relative README link points at a file or folder that exists.
/// `None` for links that climb above the repository root: on GitHub,
/// `../../issues` is the repository's issue tracker, not a file.
fn target_exists(r: &ReadmeFacts, target: &str, facts: &Facts) -> Option<bool> {
    let dir = r.path.rsplit_once('/').map_or("", |(d, _)| d);
    let resolved = if let Some(abs) = target.strip_prefix('/') {
        Some(abs.trim_end_matches('/').to_owned())
    } else if dir.is_empty() {
        normalise(target)
    } else {
        normalise(&format!("{dir}/{target}"))
    };
    let p = resolved?;
    Some(p.is_empty() || facts.path_exists(&p) || facts.dir_exists(&p))
}

/// Logos and icons decorate; they show nothing of the running project.
fn is_logo(url: &str) -> bool {
    let name = url.rsplit('/').next().unwrap_or(url).to_ascii_lowercase();
    ["logo", "icon", "banner", "favicon", "avatar"]
        .iter()
        .any(|w| name.contains(w))
}

/// An image shows something if it is remote, or a committed file.
fn image_resolves(r: &ReadmeFacts, url: &str, facts: &Facts) -> bool {
    local_target(url).is_none_or(|t| target_exists(r, &t, facts).unwrap_or(true))
}

fn readme_links(r: &ReadmeFacts, facts: &Facts) -> Verdict {
    let mut checked = 0;
    let mut broken = Vec::new();
    for link in r.links.iter().chain(r.images.iter()) {
        let Some(target) = local_target(&link.url) else {
            continue;
        };
        let Some(ok) = target_exists(r, &target, facts) else {
            continue;
        };
        checked += 1;
        if !ok {
            broken.push(
                Evidence::line(&r.path, Some(link.line))
                    .with_note(format!("{} does not exist", truncate(&link.url, 80))),
            );
        }
    }
    if checked == 0 {
        Verdict::pass("no relative links to check", vec![])
    } else if broken.is_empty() {
        Verdict::pass(
            format!("all {} resolve", count_noun(checked, "relative link")),
            vec![],
        )
    } else {
        let credit = if checked == 0 {
            0.0
        } else {
            1.0 - broken.len() as f64 / checked as f64
        };
        Verdict::new(
            credit.min(0.99),
            format!("{} of {checked} relative links are broken", broken.len()),
            capped(broken),
        )
    }
}

/// The repository path a README link points at, when it is relative.
fn local_target(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
        return None;
    }
    if let Some(colon) = url.find(':') {
        let scheme = &url[..colon];
        if !scheme.contains('/')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return None;
        }
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    Some(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn fact_check(fact: FactName, facts: &Facts) -> Verdict {
    let m = &facts.manifests;
    match fact {
        FactName::DepsDeclared => {
            let ev: Vec<Evidence> = m
                .manifests
                .iter()
                .map(|x| {
                    Evidence::file(&x.path).with_note(format!(
                        "{}: {}",
                        x.kind,
                        count_noun(x.dependencies, "dependency")
                    ))
                })
                .collect();
            // A pyproject or requirements file with no entries still declares
            // "nothing beyond the standard library"; a bare setup.py does not.
            let declaring = m
                .manifests
                .iter()
                .filter(|x| x.dependencies > 0 || x.kind != "setup.py")
                .count();
            if declaring > 0 {
                Verdict::pass(
                    format!(
                        "{} declared in {}",
                        count_noun(m.dependencies.len(), "dependency"),
                        count_noun(declaring.max(1), "manifest")
                    ),
                    capped(ev),
                )
            } else if !m.manifests.is_empty() {
                Verdict::new(
                    0.5,
                    "manifests exist but declare no dependencies",
                    capped(ev),
                )
            } else {
                Verdict::fail(
                    "no dependency manifest (requirements.txt, pyproject.toml, setup.cfg, Pipfile...)",
                    vec![],
                )
            }
        }
        FactName::DepsReproducible => {
            if let Some(lock) = m.lock_files.first() {
                return Verdict::pass(format!("lock file {lock}"), vec![Evidence::file(lock)]);
            }
            // One package declared in two manifests is one package; it
            // counts as pinned if any declaration pins it.
            let mut runtime: Vec<&crate::facts::manifests::Dependency> = Vec::new();
            for d in m
                .dependencies
                .iter()
                .filter(|d| d.group == DepGroup::Runtime)
            {
                match runtime.iter_mut().find(|r| r.name == d.name) {
                    Some(existing) if d.pinned && !existing.pinned => *existing = d,
                    Some(_) => {}
                    None => runtime.push(d),
                }
            }
            if runtime.is_empty() {
                return Verdict::pass("no third-party runtime dependencies to pin", vec![]);
            }
            let pinned = runtime.iter().filter(|d| d.pinned).count();
            let unpinned: Vec<Evidence> = runtime
                .iter()
                .filter(|d| !d.pinned)
                .map(|d| {
                    Evidence::line(&d.file, d.line).with_note(format!(
                        "{} {}",
                        d.name,
                        if d.spec.is_empty() {
                            "(any version)"
                        } else {
                            d.spec.as_str()
                        }
                    ))
                })
                .collect();
            let ratio = pinned as f64 / runtime.len() as f64;
            let msg = format!(
                "no lock file; {pinned} of {} runtime dependencies pinned with ==",
                runtime.len()
            );
            if ratio >= 1.0 {
                Verdict::pass(msg, vec![])
            } else {
                Verdict::new(ratio * 0.9, msg, capped(unpinned))
            }
        }
        FactName::PythonVersionDeclared => match &m.python_version {
            Some(v) => Verdict::pass(
                format!("Python {} ({})", v.value, v.path),
                vec![Evidence::line(&v.path, v.line)],
            ),
            None => Verdict::fail(
                "no requires-python, python_requires, .python-version or runtime.txt",
                vec![],
            ),
        },
        FactName::DevDepsSeparate => {
            let mixed: Vec<Evidence> = m
                .dependencies
                .iter()
                .filter(|d| d.group == DepGroup::Runtime && DEV_TOOLS.contains(&d.name.as_str()))
                .map(|d| {
                    Evidence::line(&d.file, d.line).with_note(format!(
                        "{} is a dev tool listed as a runtime dependency",
                        d.name
                    ))
                })
                .collect();
            let groups: Vec<Evidence> = m
                .dev_groups
                .iter()
                .map(|g| Evidence::line(&g.path, g.line).with_note(g.value.clone()))
                .collect();
            match (groups.is_empty(), mixed.is_empty()) {
                (false, true) => Verdict::pass(
                    format!("dev dependencies kept in {}", m.dev_groups[0].value),
                    capped(groups),
                ),
                (false, false) => Verdict::new(
                    0.5,
                    "a dev group exists, but dev tools are also runtime dependencies",
                    capped(mixed),
                ),
                (true, false) => Verdict::fail(
                    "dev tools are mixed into runtime dependencies",
                    capped(mixed),
                ),
                (true, true) if facts.python.test_files.is_empty() => Verdict::pass(
                    "no development tools in use, so nothing to separate",
                    vec![],
                ),
                (true, true) => Verdict::fail(
                    "the project has tests, but no dev/test dependency list says what runs them",
                    capped(
                        facts
                            .python
                            .test_files
                            .iter()
                            .take(1)
                            .map(Evidence::file)
                            .collect(),
                    ),
                ),
            }
        }
        FactName::TestRunnerConfigured => test_runner(facts),
        FactName::TestsAssert => {
            let t = &facts.python.tests;
            let share = t.with_assertions as f64 / t.functions.max(1) as f64;
            let msg = format!(
                "{} of {} assert something ({} assertions)",
                t.with_assertions,
                count_noun(t.functions, "test function"),
                t.assertions
            );
            let ev = capped(t.without_assertions.iter().map(loc_evidence).collect());
            if share >= 0.9 {
                Verdict::pass(msg, ev)
            } else {
                Verdict::new(share, msg, ev)
            }
        }
        FactName::TestFixtures => {
            let t = &facts.python.tests;
            let conftest = facts.files.iter().find(|f| f.path.ends_with("conftest.py"));
            if t.fixtures + t.parametrized > 0 || conftest.is_some() {
                let ev = conftest
                    .map(|c| Evidence::file(&c.path))
                    .into_iter()
                    .collect();
                Verdict::pass(
                    format!(
                        "{} fixtures, {} parametrized tests",
                        t.fixtures, t.parametrized
                    ),
                    ev,
                )
            } else {
                Verdict::fail(
                    "no pytest fixtures, parametrize or conftest.py: each test builds its own data",
                    vec![],
                )
            }
        }
        FactName::TestMocking => {
            if facts.python.tests.mocking {
                Verdict::pass("tests replace network calls with mocks", vec![])
            } else {
                let used: Vec<&str> = NETWORK_MODULES
                    .iter()
                    .copied()
                    .filter(|m| facts.python.imports.contains(*m))
                    .collect();
                Verdict::fail(
                    format!("the code uses {}, and no test mocks it", used.join(", ")),
                    vec![],
                )
            }
        }
        FactName::ApiTests => {
            if facts.python.tests.api_tests {
                Verdict::pass("tests call the API through a test client", vec![])
            } else {
                Verdict::fail(
                    format!(
                        "a {} project with no test that calls its endpoints",
                        facts.web_frameworks.join("/")
                    ),
                    vec![],
                )
            }
        }
        FactName::ErrorHandling => {
            let p = &facts.python;
            let mut ev: Vec<Evidence> = p
                .bare_excepts
                .iter()
                .chain(&p.swallowed_exceptions)
                .map(loc_evidence)
                .collect();
            ev.sort_by(|a, b| (a.file_path(), a.file_line()).cmp(&(b.file_path(), b.file_line())));
            ev.dedup_by(|a, b| a.location == b.location);
            match ev.len() {
                0 => Verdict::pass("no bare except and no silently ignored exceptions", vec![]),
                n @ 1..=2 => Verdict::new(
                    0.5,
                    format!("{} that hide errors", count_noun(n, "handler")),
                    ev,
                ),
                n => Verdict::fail(
                    format!("{} that hide errors", count_noun(n, "handler")),
                    capped(ev),
                ),
            }
        }
        FactName::Logging => {
            let p = &facts.python;
            match (p.prints.len(), p.logging_modules) {
                (0, _) => Verdict::pass("library code does not print", vec![]),
                (n, 0) => Verdict::fail(
                    format!(
                        "{} in library modules and no logging",
                        count_noun(n, "print() call")
                    ),
                    capped(p.prints.iter().map(loc_evidence).collect()),
                ),
                (n, m) => Verdict::new(
                    0.5,
                    format!(
                        "{} in library modules, beside logging in {}",
                        count_noun(n, "print() call"),
                        count_noun(m, "module")
                    ),
                    capped(p.prints.iter().map(loc_evidence).collect()),
                ),
            }
        }
        FactName::CodeSize => {
            let p = &facts.python;
            let ev: Vec<Evidence> = p
                .long_functions
                .iter()
                .chain(&p.long_files)
                .map(loc_evidence)
                .collect();
            match ev.len() {
                0 => Verdict::pass("no function over 60 lines, no file over 600", vec![]),
                n @ 1 => Verdict::new(
                    0.5,
                    format!(
                        "{} too long to review easily",
                        count_noun(n, "function or file")
                    ),
                    ev,
                ),
                n => Verdict::fail(
                    format!(
                        "{} too long to review easily",
                        count_noun(n, "function or file")
                    ),
                    capped(ev),
                ),
            }
        }
        FactName::SourceParses => {
            let p = &facts.python;
            if p.syntax_errors.is_empty() {
                Verdict::pass(
                    format!(
                        "all {} parse",
                        count_noun(p.source_files + p.test_files.len(), "Python file")
                    ),
                    vec![],
                )
            } else {
                Verdict::fail(
                    format!(
                        "{} do not parse as Python 3",
                        count_noun(p.syntax_errors.len(), "file")
                    ),
                    capped(p.syntax_errors.iter().map(loc_evidence).collect()),
                )
            }
        }
        FactName::NotebooksClean => {
            let heavy: Vec<Evidence> = facts
                .python
                .notebooks
                .iter()
                .filter(|n| n.output_bytes > NOTEBOOK_OUTPUT_LIMIT || !n.executed_in_order)
                .map(|n| {
                    let mut why = Vec::new();
                    if n.output_bytes > NOTEBOOK_OUTPUT_LIMIT {
                        why.push(format!(
                            "{} of stored outputs",
                            human_size(n.output_bytes as u64)
                        ));
                    }
                    if !n.executed_in_order {
                        why.push("cells ran out of order".to_owned());
                    }
                    Evidence::file(&n.path).with_note(why.join("; "))
                })
                .collect();
            let total = facts.python.notebooks.len();
            if heavy.is_empty() {
                Verdict::pass(format!("{} clean", count_noun(total, "notebook")), vec![])
            } else {
                let credit = 1.0 - heavy.len() as f64 / total as f64;
                Verdict::new(
                    credit.min(0.99),
                    format!(
                        "{} of {} need clearing or rerunning",
                        heavy.len(),
                        count_noun(total, "notebook")
                    ),
                    capped(heavy),
                )
            }
        }
        FactName::NoDumpCommit => history_dump(facts),
        FactName::DockerfilePinned | FactName::DockerfileNonRoot => dockerfiles(fact, facts),
        FactName::AuthorIdentities => match &facts.history {
            None => Verdict::fail("no history", vec![]),
            Some(h) => {
                let bad: Vec<Evidence> = h
                    .authors
                    .iter()
                    .filter(|a| !a.valid_email && !a.bot)
                    .map(|a| {
                        Evidence::author(a.name.clone()).with_note(format!(
                            "<{}> in {}",
                            a.email,
                            count_noun(a.commits, "commit")
                        ))
                    })
                    .collect();
                if bad.is_empty() {
                    Verdict::pass(
                        format!(
                            "{} with real email addresses",
                            count_noun(h.authors.len(), "author")
                        ),
                        vec![],
                    )
                } else {
                    Verdict::fail(
                        format!(
                            "{} without a usable email address",
                            count_noun(bad.len(), "author")
                        ),
                        capped(bad),
                    )
                }
            }
        },
        FactName::NoLeakedSecretsInHistory => match &facts.history {
            None => Verdict::pass("no history to search", vec![]),
            Some(h) if h.leaks.is_empty() => Verdict::pass(
                format!("none in {}", count_noun(h.analysed_commits, "commit")),
                vec![],
            ),
            Some(h) => {
                let ev = h
                    .leaks
                    .iter()
                    .map(|l| {
                        let state = if l.still_present {
                            "still at HEAD"
                        } else {
                            "deleted since, still in history"
                        };
                        Evidence::line(&l.path, Some(l.line))
                            .with_note(format!("{} added in commit {}; {state}", l.kind, l.commit))
                    })
                    .collect();
                Verdict::fail(
                    format!("{} ever committed", count_noun(h.leaks.len(), "credential")),
                    capped(ev),
                )
            }
        },
        FactName::NoLargeFilesInHistory => match &facts.history {
            None => Verdict::pass("no history to search", vec![]),
            Some(h) if h.big_files.is_empty() => Verdict::pass(
                format!("none in {}", count_noun(h.analysed_commits, "commit")),
                vec![],
            ),
            Some(h) => {
                let ev = h
                    .big_files
                    .iter()
                    .map(|b| {
                        let state = if b.still_present {
                            "still at HEAD"
                        } else {
                            "deleted since, still in every clone"
                        };
                        Evidence::file(&b.path).with_note(format!(
                            "{} added in commit {}; {state}",
                            human_size(b.size),
                            b.commit
                        ))
                    })
                    .collect();
                Verdict::fail(
                    format!(
                        "{} over 10 MB ever committed",
                        count_noun(h.big_files.len(), "file")
                    ),
                    capped(ev),
                )
            }
        },
        FactName::CiConfigured => {
            let live: Vec<Evidence> = facts
                .ci
                .configs
                .iter()
                .filter(|c| c.runs_something)
                .map(|c| Evidence::file(&c.path).with_note(c.provider))
                .collect();
            let dead: Vec<Evidence> = facts
                .ci
                .configs
                .iter()
                .filter(|c| !c.runs_something)
                .map(|c| Evidence::file(&c.path).with_note("empty or commented out"))
                .collect();
            if !live.is_empty() {
                Verdict::pass(
                    format!("{} with jobs", count_noun(live.len(), "CI configuration")),
                    capped(live),
                )
            } else if !dead.is_empty() {
                Verdict::fail("CI files exist but define nothing to run", capped(dead))
            } else {
                Verdict::fail(
                    "no CI configuration (GitHub Actions, GitLab CI, Travis, CircleCI, Azure, Bitbucket, Jenkins)",
                    vec![],
                )
            }
        }
        FactName::EnvVarsDocumented => env_documented(facts),
    }
}

fn env_documented(facts: &Facts) -> Verdict {
    if let Some(f) = facts
        .files
        .iter()
        .find(|f| crate::facts::is_env_example(&f.path))
    {
        return Verdict::pass(
            format!("{} lists the variables", f.path),
            vec![Evidence::file(&f.path)],
        );
    }
    if let Some(r) = &facts.readme {
        if let Some(s) = r.sections.get("configuration") {
            return Verdict::pass(
                format!("README section \"{}\"", s.heading),
                vec![Evidence::line(&r.path, Some(s.line))],
            );
        }
    }
    let total = facts.env_documented.len();
    let undocumented: Vec<Evidence> = facts
        .env_documented
        .iter()
        .filter(|(_, doc)| doc.is_none())
        .filter_map(|(name, _)| {
            let read = facts
                .python
                .env_reads
                .iter()
                .find(|r| r.name.as_deref() == Some(name.as_str()))?;
            Some(
                Evidence::line(&read.path, Some(read.line))
                    .with_note(format!("{name} is read here and documented nowhere")),
            )
        })
        .collect();
    if total == 0 {
        let ev = facts
            .python
            .env_reads
            .first()
            .map(|r| Evidence::line(&r.path, Some(r.line)))
            .into_iter()
            .collect();
        return Verdict::fail(
            "the code reads environment variables; no example env file or configuration section",
            ev,
        );
    }
    let documented = total - undocumented.len();
    let msg = format!(
        "{documented} of {total} environment variables are documented in the README or docs/"
    );
    if undocumented.is_empty() {
        let ev = facts
            .env_documented
            .values()
            .flatten()
            .take(1)
            .map(Evidence::file)
            .collect();
        Verdict::pass(msg, ev)
    } else {
        Verdict::new(
            0.9 * documented as f64 / total as f64,
            msg,
            capped(undocumented),
        )
    }
}

fn coverage(c: crate::facts::python::Coverage, what: &str) -> (f64, String) {
    match c.ratio() {
        Some(r) => (
            r,
            format!("{} of {} {what} ({:.0}%)", c.covered, c.total, 100.0 * r),
        ),
        None => (0.0, format!("nothing to measure: 0 {what}")),
    }
}

fn history_metric(
    facts: &Facts,
    f: impl Fn(&crate::facts::history::HistoryFacts) -> (f64, String),
) -> (f64, String) {
    match &facts.history {
        Some(h) => f(h),
        None => (0.0, "no git history".to_owned()),
    }
}

fn dockerfiles(fact: FactName, facts: &Facts) -> Verdict {
    if facts.dockerfiles.is_empty() {
        return Verdict::fail("no Dockerfile", vec![]);
    }
    let mut bad = Vec::new();
    for d in &facts.dockerfiles {
        if fact == FactName::DockerfilePinned {
            for (line, image) in d
                .from
                .iter()
                .filter(|(_, image)| !crate::facts::image_is_pinned(image, &d.stages))
            {
                bad.push(
                    Evidence::line(&d.path, Some(*line))
                        .with_note(format!("FROM {image} is not pinned")),
                );
            }
        } else if d.user.as_ref().is_none_or(|(_, u)| u == "root" || u == "0") {
            let line = d.user.as_ref().map(|(l, _)| *l);
            bad.push(
                Evidence::line(&d.path, line).with_note("runs as root: no USER, or USER root"),
            );
        }
    }
    let what = if fact == FactName::DockerfilePinned {
        "base images pinned"
    } else {
        "switches to a non-root user"
    };
    if bad.is_empty() {
        Verdict::pass(format!("every Dockerfile: {what}"), vec![])
    } else {
        let credit = if facts.dockerfiles.len() > 1 {
            0.5
        } else {
            0.0
        };
        Verdict::new(
            credit,
            format!("{} fall short", count_noun(bad.len(), "Dockerfile line")),
            capped(bad),
        )
    }
}

/// Stored notebook outputs above this are bulk, not illustration.
const NOTEBOOK_OUTPUT_LIMIT: usize = 500 * 1024;

fn loc_evidence(l: &crate::facts::python::Loc) -> Evidence {
    let e = Evidence::line(&l.path, Some(l.line));
    match &l.note {
        Some(n) => e.with_note(n.clone()),
        None => e,
    }
}

/// A commit that created 80% or more of the hand-written files at HEAD.
const DUMP_SHARE: f64 = 0.8;

fn history_dump(facts: &Facts) -> Verdict {
    let Some(h) = &facts.history else {
        return Verdict::fail("no history", vec![]);
    };
    let Some(top) = &h.largest_creator else {
        return Verdict::pass("no hand-written files to attribute", vec![]);
    };
    let who = if top.subject.is_empty() {
        top.commit.clone()
    } else {
        format!("commit {} \"{}\"", top.commit, truncate(&top.subject, 50))
    };
    let msg = format!(
        "{who} created {:.0}% of the hand-written files at HEAD",
        100.0 * top.share
    );
    let ev = vec![
        Evidence::commit(top.commit.clone())
            .with_note(format!("{:.0}% of HEAD", 100.0 * top.share)),
    ];
    if top.share >= DUMP_SHARE && top.commit != "(earlier history)" {
        Verdict::fail(format!("{msg}: the project arrived in one dump"), ev)
    } else {
        Verdict::pass(msg, vec![])
    }
}

fn test_runner(facts: &Facts) -> Verdict {
    let m = &facts.manifests;
    for path in [
        "pytest.ini",
        "tox.ini",
        "noxfile.py",
        "conftest.py",
        "tests/conftest.py",
        "test/conftest.py",
    ] {
        if facts.path_exists(path) {
            return Verdict::pass(
                format!("{path} configures the test run"),
                vec![Evidence::file(path)],
            );
        }
    }
    let sections = [
        "tool.pytest.ini_options",
        "tool.pytest",
        "tool:pytest",
        "pytest",
        "tool.hatch.envs.test",
        "tool.tox",
    ];
    if let Some(s) = m
        .tool_sections
        .iter()
        .find(|s| sections.contains(&s.value.as_str()))
    {
        return Verdict::pass(
            format!("[{}] in {}", s.value, s.path),
            vec![Evidence::line(&s.path, s.line)],
        );
    }
    // Django's runner and unittest discovery need no configuration file.
    if facts.path_exists("manage.py") && !facts.python.test_files.is_empty() {
        return Verdict::pass(
            "Django's test runner (manage.py test)",
            vec![Evidence::file("manage.py")],
        );
    }
    if facts.python.imports.contains("unittest") && !facts.python.test_files.is_empty() {
        let first = facts
            .python
            .test_files
            .first()
            .map(Evidence::file)
            .into_iter()
            .collect();
        return Verdict::pass(
            "unittest tests, run by `python -m unittest` discovery",
            first,
        );
    }
    if let Some(d) = m.dependencies.iter().find(|d| d.name == "pytest") {
        return Verdict::new(
            0.5,
            "pytest is a dependency but has no configuration (testpaths, options)",
            vec![Evidence::line(&d.file, d.line)],
        );
    }
    Verdict::fail("no pytest or unittest configuration found", vec![])
}

fn threshold(metric: Metric, pass_at: f64, partial_at: f64, facts: &Facts) -> Verdict {
    let (value, shown) = match metric {
        Metric::TestRatio => match facts.python.test_ratio() {
            Some(r) => (
                r,
                format!(
                    "{} test lines per source line ({} test / {} source)",
                    fmt_num(r),
                    facts.python.test_lines,
                    facts.python.source_lines
                ),
            ),
            None => (0.0, "no Python source".to_owned()),
        },
        Metric::TestFiles => {
            let n = facts.python.test_files.len() as f64;
            (n, count_noun(facts.python.test_files.len(), "test file"))
        }
        Metric::ReadmeWords => {
            let n = facts.readme.as_ref().map_or(0, |r| r.words);
            (n as f64, count_noun(n, "README word"))
        }
        Metric::TestFunctions => {
            let t = &facts.python.tests;
            let mut shown = format!(
                "{} in {}",
                count_noun(t.functions, "test function"),
                count_noun(facts.python.test_files.len(), "test file")
            );
            if !t.empty_test_files.is_empty() {
                shown.push_str(&format!(
                    " ({} hold no test)",
                    count_noun(t.empty_test_files.len(), "file")
                ));
            }
            (t.functions as f64, shown)
        }
        Metric::DocstringCoverage => coverage(
            facts.python.docstrings,
            "public modules, classes and functions documented",
        ),
        Metric::TypeHintCoverage => coverage(facts.python.type_hints, "functions fully annotated"),
        Metric::Commits => history_metric(facts, |h| {
            (
                h.non_merge_commits as f64,
                count_noun(h.non_merge_commits, "commit"),
            )
        }),
        Metric::ActiveDays => history_metric(facts, |h| {
            (
                h.active_days as f64,
                format!(
                    "{} over {:.0} days",
                    count_noun(h.active_days, "active day"),
                    h.span_days
                ),
            )
        }),
        Metric::GoodSubjects => history_metric(facts, |h| {
            let share = h.good_subject_share().unwrap_or(0.0);
            (
                share,
                format!(
                    "{} of {} commit subjects say what changed",
                    h.messages.good_subjects, h.messages.considered
                ),
            )
        }),
        Metric::CommitBodies => history_metric(facts, |h| {
            let share = h.body_share().unwrap_or(0.0);
            (
                share,
                format!(
                    "{} of {} commits explain why in a body",
                    h.messages.with_body, h.messages.considered
                ),
            )
        }),
        Metric::Tags => history_metric(facts, |h| (h.tags as f64, count_noun(h.tags, "tag"))),
    };
    let credit = if value >= pass_at {
        1.0
    } else if value < partial_at || pass_at <= partial_at {
        0.0
    } else {
        // Between the two: at least a quarter, rising to just under full.
        (0.25 + 0.74 * (value - partial_at) / (pass_at - partial_at)).min(0.99)
    };
    let ev = match metric {
        Metric::TestFiles | Metric::TestRatio => {
            capped(facts.python.test_files.iter().map(Evidence::file).collect())
        }
        Metric::TestFunctions => capped(
            facts
                .python
                .tests
                .empty_test_files
                .iter()
                .map(|p| Evidence::file(p).with_note("no test functions"))
                .collect(),
        ),
        Metric::GoodSubjects if credit < 1.0 => facts.history.as_ref().map_or(Vec::new(), |h| {
            h.messages
                .weak_examples
                .iter()
                .map(|c| {
                    Evidence::commit(c.commit.clone())
                        .with_note(format!("\"{}\"", truncate(&c.subject, 60)))
                })
                .collect()
        }),
        _ => vec![],
    };
    Verdict::new(
        credit,
        format!("{shown}; passes at {}", fmt_num(pass_at)),
        ev,
    )
}

/// A sample counts as covered when any .gitignore (the root's, or one
/// beside a project in a subfolder of a monorepo) ignores it.
fn gitignore_covers(samples: &[String], facts: &Facts) -> Verdict {
    let files = &facts.hygiene.gitignores;
    if files.is_empty() {
        return Verdict::fail("no .gitignore at the root", vec![]);
    }
    let matchers: Vec<ignore::gitignore::Gitignore> = files
        .iter()
        .filter_map(|(_, text)| {
            let mut builder = ignore::gitignore::GitignoreBuilder::new("");
            for line in text.lines() {
                let _ = builder.add_line(None, line);
            }
            builder.build().ok()
        })
        .collect();
    let mut missing = Vec::new();
    for sample in samples {
        let is_dir = sample.ends_with('/');
        let path = sample.trim_end_matches('/');
        if !matchers
            .iter()
            .any(|gi| gi.matched_path_or_any_parents(path, is_dir).is_ignore())
        {
            missing.push(sample.clone());
        }
    }
    let ev: Vec<Evidence> = files.iter().map(|(p, _)| Evidence::file(p)).collect();
    let names = files
        .iter()
        .map(|(p, _)| p.as_str())
        .collect::<Vec<_>>()
        .join(" and ");
    let covered = samples.len() - missing.len();
    let credit = covered as f64 / samples.len().max(1) as f64;
    if missing.is_empty() {
        let verb = if files.len() == 1 { "covers" } else { "cover" };
        Verdict::pass(
            format!(
                "{names} {verb} all {} Python artifacts checked",
                samples.len()
            ),
            ev,
        )
    } else {
        let verb = if files.len() == 1 { "does" } else { "do" };
        Verdict::new(
            credit,
            format!("{names} {verb} not cover: {}", missing.join(", ")),
            ev,
        )
    }
}

/// "a, b, c and 4 more"
fn list_some(items: &[&str], max: usize) -> String {
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

fn count_noun(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with('y') && !noun[..noun.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) {
        format!("{n} {}ies", &noun[..noun.len() - 1])
    } else {
        format!("{n} {noun}s")
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

fn truncate(s: &str, max: usize) -> String {
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
    fn local_targets() {
        assert_eq!(
            local_target("docs/guide.md#install").as_deref(),
            Some("docs/guide.md")
        );
        assert_eq!(local_target("https://example.com/x"), None);
        assert_eq!(local_target("mailto:a@b.c"), None);
        assert_eq!(local_target("#usage"), None);
        assert_eq!(
            local_target("img/my%20shot.png").as_deref(),
            Some("img/my shot.png")
        );
    }

    #[test]
    fn nouns() {
        assert_eq!(count_noun(2, "dependency"), "2 dependencies");
        assert_eq!(count_noun(1, "file"), "1 file");
        assert_eq!(count_noun(11, "active day"), "11 active days");
    }
}
