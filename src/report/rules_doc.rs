//! The rules themselves as documents: `portfolio-audit rules`, `explain`,
//! and docs/rules.md, which is generated from the pack and profiles.

use crate::rules::{Check, Pack, Rule};
use std::fmt::Write;

/// What passing and failing look like for a check, in words.
pub fn examples(check: &Check) -> (String, String) {
    let list = |v: &[String]| {
        v.iter()
            .take(4)
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match check {
        Check::PathExists { any_of, .. } => (
            format!("a file such as {} is committed", list(any_of)),
            format!("none of {} exists", list(any_of)),
        ),
        Check::PathAbsent {
            globs, larger_than, ..
        } => match larger_than {
            Some(n) => (
                format!("no committed file is over {n} bytes"),
                format!("`data/dump.csv` of {} bytes is committed", n * 2),
            ),
            None => (
                format!("nothing matches {}", list(globs)),
                format!("a file matching {} is committed", list(globs)),
            ),
        },
        Check::FileContains { paths, pattern } => (
            format!("one of {} contains a match for `{pattern}`", list(paths)),
            format!("no file among {} matches", list(paths)),
        ),
        Check::ReadmeExists { min_words } => (
            format!("README.md explains the project in {min_words} words or more"),
            "there is no README, or only a title".to_owned(),
        ),
        Check::ReadmeSection { any_of, .. } => (
            format!(
                "the README has a heading for {} (e.g. `## {}`)",
                any_of.join(" or "),
                title_case(&any_of[0])
            ),
            format!("no heading in the README is about {}", any_of.join(" or ")),
        ),
        Check::ReadmeCodeBlocks { sections } => (
            format!(
                "the {} sections show commands in fenced code blocks",
                sections.join(" and ")
            ),
            "install instructions are prose only (\"install the requirements\")".to_owned(),
        ),
        Check::ReadmeTextAbsent { .. } => (
            "the README has no leftover template text".to_owned(),
            "the README still says \"Project Title\" or \"your-username\"".to_owned(),
        ),
        Check::ReadmeTextPresent { .. } => (
            "the README shows the expected text (an example request, say)".to_owned(),
            "the README shows none of it".to_owned(),
        ),
        Check::ReadmeLinksResolve {} => (
            "`![screenshot](docs/screenshot.png)` and docs/screenshot.png is committed".to_owned(),
            "the README links `images/demo.gif`, which was never committed".to_owned(),
        ),
        Check::ReadmeImage { .. } => (
            "the README shows the workflow's status badge".to_owned(),
            "no image in the README matches".to_owned(),
        ),
        Check::ReadmeLink { .. } => (
            "the README links the deployed app".to_owned(),
            "no link in the README matches".to_owned(),
        ),
        Check::CiRuns { pattern } => (
            format!(
                "a CI step (or a script, Makefile target, tox env, nox session or task it calls) runs a command matching `{pattern}`"
            ),
            "CI only installs and builds; nothing matching runs".to_owned(),
        ),
        Check::Fact { fact } => (
            format!(
                "the `{}` fact holds (see docs/rule-format.md)",
                serde_json::to_value(fact)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            ),
            "it does not; the outcome's evidence names the files and lines".to_owned(),
        ),
        Check::Threshold {
            metric,
            pass_at,
            partial_at,
        } => {
            let m = serde_json::to_value(metric)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            (
                format!("`{m}` is {pass_at} or more"),
                format!("`{m}` is under {partial_at} (between the two earns partial credit)"),
            )
        }
        Check::JunkAbsent { categories } => (
            format!("nothing of {} is committed", categories.join(", ")),
            format!(
                "a {} item is committed (e.g. {})",
                categories[0],
                junk_example(&categories[0])
            ),
        ),
        Check::GitignoreCovers { .. } => (
            "the root .gitignore ignores __pycache__/, .venv/, dist/, .env...".to_owned(),
            "there is no .gitignore, or it misses those".to_owned(),
        ),
        Check::Uses { modules } => (
            format!("the code imports or declares one of {}", list(modules)),
            "none of them is used".to_owned(),
        ),
        Check::Any { of } => {
            let parts: Vec<(String, String)> = of.iter().map(examples).collect();
            (
                parts
                    .iter()
                    .map(|(p, _)| p.clone())
                    .collect::<Vec<_>>()
                    .join("; or "),
                parts
                    .iter()
                    .map(|(_, f)| f.clone())
                    .collect::<Vec<_>>()
                    .join("; and "),
            )
        }
    }
}

fn junk_example(category: &str) -> &'static str {
    match category {
        "virtualenv" => "venv/ with pyvenv.cfg",
        "bytecode" => "app/__pycache__/",
        "secret" => "`API_KEY = \"sk-live-...\"`",
        "env-file" => ".env with values",
        "private-key" => "deploy/id_rsa",
        "build-output" => "dist/*.whl",
        _ => "a generated file",
    }
}

fn title_case(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

pub fn text(rules: &[&Rule]) -> String {
    let mut out = String::new();
    for r in rules {
        let _ = writeln!(
            out,
            "{:<26} {:<16} {:<5} w{:<4} {}",
            r.id,
            r.family,
            r.severity.to_string(),
            r.weight,
            r.title
        );
    }
    out
}

pub fn markdown(pack: &Pack, rules: &[&Rule], heading: &str) -> String {
    let mut out = format!("{heading}\n\n");
    if let Some(p) = &pack.profile {
        let _ = writeln!(
            out,
            "Profile `{}` ({}): {}\n",
            p.name,
            p.chain.join(" → "),
            p.description
        );
    }
    let mut families: Vec<&str> = Vec::new();
    for r in rules {
        if !families.contains(&r.family.as_str()) {
            families.push(&r.family);
        }
    }
    for fam in families {
        let _ = writeln!(
            out,
            "### {fam}\n\n| id | severity | weight | title |\n|---|---|---|---|"
        );
        for r in rules.iter().filter(|r| r.family == fam) {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                r.id,
                r.severity,
                r.weight,
                r.title.replace('|', "\\|")
            );
        }
        out.push('\n');
        for r in rules.iter().filter(|r| r.family == fam) {
            let why = r.rationale.split_whitespace().collect::<Vec<_>>().join(" ");
            let guide = r
                .guide
                .as_deref()
                .map(|g| format!(" ({g})"))
                .unwrap_or_default();
            let _ = writeln!(out, "- **`{}`**: {why}{guide} *Fix:* {}", r.id, r.fix);
        }
        out.push('\n');
    }
    out
}

/// `portfolio-audit explain ID`
pub fn explain(rule: &Rule) -> String {
    let (pass, fail) = examples(&rule.check);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", rule.id, rule.title);
    let _ = writeln!(
        out,
        "family {}, severity {}, weight {}",
        rule.family, rule.severity, rule.weight
    );
    if !rule.when.is_empty() {
        let when: Vec<&str> = rule
            .when
            .iter()
            .map(|c| crate::rules::condition_name(*c))
            .collect();
        let _ = writeln!(out, "applies when: {}", when.join(" and "));
    }
    let _ = writeln!(
        out,
        "\nWhy it matters\n  {}",
        rule.rationale.replace('\n', "\n  ")
    );
    let _ = writeln!(out, "\nHow to fix it\n  {}", rule.fix);
    let _ = writeln!(out, "\nPasses when\n  {pass}");
    let _ = writeln!(out, "\nFails when\n  {fail}");
    if let Some(g) = &rule.guide {
        let _ = writeln!(out, "\nGuide: {g}");
    }
    let _ = writeln!(out, "Defined at: {}", rule.origin);
    out
}

/// docs/rules.md: the default pack, then each profile's own rules and
/// reweighting.
pub fn reference(default: &Pack, profiles: &[(String, Pack)]) -> String {
    let mut out = String::from(
        "# Rules reference\n\nGenerated by `portfolio-audit rules --format markdown --all`; do not edit by hand. \
         `tests/docs.rs` fails when this file drifts from the rule files.\n\n",
    );
    let all: Vec<&Rule> = default.rules.iter().collect();
    out.push_str(&markdown(default, &all, "## Default pack"));
    for (name, pack) in profiles {
        let own: Vec<&Rule> = pack
            .rules
            .iter()
            .filter(|r| default.rule(&r.id).is_none())
            .collect();
        let _ = writeln!(out, "## Profile `{name}`\n");
        if let Some(p) = &pack.profile {
            let _ = writeln!(
                out,
                "{} Extends: {}.\n",
                p.description,
                p.chain[1..].join(" → ")
            );
        }
        let changed: Vec<String> = pack
            .rules
            .iter()
            .filter_map(|r| {
                let d = default.rule(&r.id)?;
                (d.weight != r.weight || d.severity != r.severity).then(|| {
                    format!(
                        "`{}` weight {} → {}, severity {} → {}",
                        r.id, d.weight, r.weight, d.severity, r.severity
                    )
                })
            })
            .collect();
        if !changed.is_empty() {
            let _ = writeln!(out, "Reweighted: {}.\n", changed.join("; "));
        }
        if !own.is_empty() {
            out.push_str(
                &markdown(&Pack::default(), &own, "Rules added by this profile:")
                    .replace("### ", "#### "),
            );
        }
    }
    out
}
