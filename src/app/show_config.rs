//! `--show-config`: the resolved configuration as JSON (pack, profile, each
//! repository's own configuration, the flags), so a user can see which
//! layer set what without running the audit.

use super::cli::AuditOptionsArgs;
use super::plan::Plan;
use crate::audit::read_repo_config;
use crate::discover::Target;
use serde_json::{Value, json};

/// The document `--show-config` prints.
pub fn document(targets: &[Target], plan: &Plan, args: &AuditOptionsArgs) -> Value {
    let repos: Vec<Value> = targets
        .iter()
        .map(|t| {
            let (cfg, from, errors) = read_repo_config(t, &plan.options);
            json!({
                "name": t.name,
                "config_file": from,
                "config": cfg,
                "errors": errors,
            })
        })
        .collect();
    let rules: Vec<Value> = plan
        .pack
        .rules
        .iter()
        .map(|r| json!({ "id": r.id, "family": r.family, "severity": r.severity, "weight": r.weight, "origin": r.origin }))
        .collect();
    json!({
        "profile": args.profile,
        "profiles_for_auto": plan.options.auto_profiles.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "rules_files": args.rules,
        "rules": rules,
        "repos": repos,
        "flags": {
            "worktree": args.worktree,
            "ignore_repo_config": args.ignore_repo_config,
            "fail_under": args.fail_under,
            "authors": args.authors,
            "max_commits": args.max_commits,
            "threads": args.threads,
            "color": args.color,
        },
    })
}

/// The document as printed: pretty JSON and a final newline.
pub fn render(targets: &[Target], plan: &Plan, args: &AuditOptionsArgs) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(&document(targets, plan, args))? + "\n")
}
