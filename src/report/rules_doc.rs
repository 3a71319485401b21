//! The rules themselves as documents: `portfolio-audit rules`, `explain`,
//! and docs/rules.md, which is generated from the pack and profiles.

use crate::rules::{Check, Pack, Rule};
use std::fmt::Write;

/// What passes and what fails for this rule, written from its check
/// kind's doc and the rule's own parameters (see `rules::checks`).
pub fn examples(check: &Check) -> (String, String) {
    let c = check.describe();
    (c.pass, c.fail)
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
                .map(|g| format!(" ({})", crate::model::guides::title(g)))
                .unwrap_or_default();
            let mut cap = r
                .cap
                .map(|c| format!(" *Caps the score at {c} on an error failure.*"))
                .unwrap_or_default();
            if r.guardrail {
                cap.push_str(" *Guardrail:* earns nothing when met, costs its weight when not.");
            }
            if !r.requires.is_empty() {
                let req: Vec<&str> = r
                    .requires
                    .iter()
                    .map(|c| crate::rules::condition_name(*c))
                    .collect();
                cap.push_str(&format!(" *Fails without:* {}.", req.join(", ")));
            }
            let _ = writeln!(out, "- **`{}`**: {why}{guide} *Fix:* {}{cap}", r.id, r.fix);
            let (pass, fail) = examples(&r.check);
            let _ = writeln!(out, "  *Passes when* {pass}. *Fails when* {fail}.");
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
    if !rule.requires.is_empty() {
        let req: Vec<&str> = rule
            .requires
            .iter()
            .map(|c| crate::rules::condition_name(*c))
            .collect();
        let _ = writeln!(out, "requires (fails without): {}", req.join(" and "));
    }
    if let Some(cap) = rule.cap {
        let _ = writeln!(
            out,
            "caps the score at {cap} when it fails at error severity"
        );
    }
    if rule.guardrail {
        let _ = writeln!(
            out,
            "guardrail: earns nothing when met (a clean repository is expected), costs its weight when not"
        );
    } else if rule.severity == crate::rules::Severity::Info {
        let _ = writeln!(
            out,
            "suggestion: missing it costs half its weight, meeting it earns all of it"
        );
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
        let _ = writeln!(out, "\nGuide: {}", crate::model::guides::title(g));
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
