//! Career tracks, profiles and the portfolio verdict.

mod common;

use common::*;

fn report(args: &[&str]) -> serde_json::Value {
    let out = run_in(portfolio(), args);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)
}

fn top_track(repo: &serde_json::Value) -> String {
    repo["facts"]["tracks"][0]["track"]
        .as_str()
        .unwrap_or("none")
        .to_owned()
}

#[test]
fn tracks_are_detected_with_evidence() {
    let all = report(&["audit", ".", "--format", "json"]);
    let expected = [
        ("./exemplary", "backend"),
        ("./web-api", "backend"),
        ("./flask-notes", "full-stack"),
        // Extract, transform and load modules: a pipeline, not analysis.
        ("./data-pipeline", "data-engineering"),
        ("./mistakes", "automation"),
        ("./ml-churn", "ml-ai"),
        ("./airflow-etl", "data-engineering"),
        ("./deploy-kit", "devops"),
    ];
    for (name, track) in expected {
        let repo = all["repos"]
            .as_array()
            .expect("repos")
            .iter()
            .find(|r| r["name"] == name)
            .expect(name);
        assert_eq!(
            top_track(repo),
            track,
            "{name}: {}",
            repo["facts"]["tracks"]
        );
        assert!(
            !repo["facts"]["tracks"][0]["evidence"]
                .as_array()
                .expect("evidence")
                .is_empty()
        );
    }
    let library = all["repos"]
        .as_array()
        .expect("repos")
        .iter()
        .find(|r| r["name"] == "./library-clean")
        .expect("lib");
    assert_eq!(
        library["facts"]["tracks"],
        serde_json::json!([]),
        "a small typed library is no career track"
    );
}

#[test]
fn auto_profile_says_which_and_why() {
    let ex = report(&["audit", "exemplary", "--format", "json"]);
    let profile = &ex["repos"][0]["profile"];
    assert_eq!(profile["name"], "backend");
    let reason = profile["reason"].as_str().expect("reason");
    assert!(
        reason.starts_with("strongest track: backend") && reason.contains("fastapi"),
        "{reason}"
    );
    assert!(
        ex["repos"][0]["outcomes"]
            .as_array()
            .expect("o")
            .iter()
            .any(|o| o["id"] == "BACKEND-DATABASE")
    );
    // A published package is judged as a library, and the reason says why.
    let lib = report(&["audit", "library-clean", "--format", "json"]);
    assert_eq!(lib["repos"][0]["profile"]["name"], "library");
    let reason = lib["repos"][0]["profile"]["reason"]
        .as_str()
        .expect("reason");
    assert!(
        reason.starts_with("a published package: tinyduration") && reason.contains("py.typed"),
        "{reason}"
    );
    let text = stdout(&run_in(
        portfolio(),
        &["audit", "exemplary", "--color", "never"],
    ));
    assert!(
        text.contains("profile: backend (strongest track: backend"),
        "{text}"
    );
}

#[test]
fn a_forced_profile_applies_to_every_repository() {
    let r = report(&[
        "audit",
        "library-clean",
        "--profile",
        "qa",
        "--format",
        "json",
    ]);
    assert_eq!(r["repos"][0]["profile"]["name"], "qa");
    let coverage = r["repos"][0]["outcomes"]
        .as_array()
        .expect("o")
        .iter()
        .find(|o| o["id"] == "QA-COVERAGE")
        .expect("qa rule");
    assert_eq!(coverage["status"], "pass");
    let none = report(&[
        "audit",
        "exemplary",
        "--profile",
        "default",
        "--format",
        "json",
    ]);
    assert!(none["repos"][0].get("profile").is_none());
    assert!(
        !none["repos"][0]["outcomes"]
            .as_array()
            .expect("o")
            .iter()
            .any(|o| o["family"] == "backend")
    );
}

#[test]
fn user_profiles_extend_built_in_ones() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("strict-backend.toml"),
        r#"
[profile]
name = "strict-backend"
extends = "backend"
description = "Our team's back-end bar."
disable = ["README-LICENSE"]

[profile.weights]
BACKEND-AUTH = 6

[[rule]]
id = "TEAM-ADR"
family = "backend"
title = "Architecture decisions are recorded"
severity = "info"
weight = 1
check = { kind = "path-exists", any_of = ["docs/adr/*.md"] }
rationale = "We record decisions as ADRs so reviewers can follow them."
fix = "Add docs/adr/0001-*.md."
"#,
    )
    .expect("write");
    let path = dir.path().join("strict-backend.toml");
    let r = report(&[
        "audit",
        "exemplary",
        "--profile",
        path.to_str().expect("utf8"),
        "--format",
        "json",
    ]);
    let outcomes = r["repos"][0]["outcomes"].as_array().expect("o");
    assert!(
        outcomes.iter().any(|o| o["id"] == "TEAM-ADR"),
        "rules append"
    );
    assert!(
        outcomes.iter().any(|o| o["id"] == "BACKEND-MIGRATIONS"),
        "the parent's rules stay"
    );
    assert!(
        !outcomes.iter().any(|o| o["id"] == "README-LICENSE"),
        "disable removes"
    );
    assert_eq!(
        outcomes
            .iter()
            .find(|o| o["id"] == "BACKEND-AUTH")
            .expect("auth")["weight"],
        6.0
    );
    assert_eq!(
        outcomes
            .iter()
            .find(|o| o["id"] == "TESTS-API")
            .expect("api")["weight"],
        4.0,
        "parent weights stay"
    );
}

#[test]
fn unknown_profiles_are_usage_errors() {
    let out = run_in(portfolio(), &["audit", "exemplary", "--profile", "wizard"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("backend, full-stack"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_portfolio_verdict_is_built_on_the_strongest_projects() {
    let r = report(&["audit", ".", "--format", "json"]);
    let p = &r["portfolio"];
    let strongest: Vec<&str> = p["strongest"]
        .as_array()
        .expect("s")
        .iter()
        .map(|s| s.as_str().expect("s"))
        .collect();
    assert_eq!(strongest.len(), 3);
    let scores: Vec<f64> = r["repos"]
        .as_array()
        .expect("r")
        .iter()
        .filter(|x| strongest.contains(&x["name"].as_str().unwrap_or("")))
        .map(|x| x["score"].as_f64().expect("score"))
        .collect();
    let mean = scores.iter().sum::<f64>() / 3.0;
    // A committed key in any project caps the portfolio; the mean of the
    // top three is then the uncapped score.
    let uncapped = p["uncapped_score"].as_f64().or(p["score"].as_f64());
    assert!(
        (uncapped.expect("score") - mean).abs() < 0.1,
        "portfolio score is the mean of the top three"
    );
    // The committed private key heads the verdict, with its project.
    let risk = &p["risks"][0];
    assert_eq!(risk["rule"], "HYGIENE-NO-SECRETS");
    assert_eq!(risk["project"], "./mistakes");
    assert!(
        risk["evidence"][0]
            .as_str()
            .unwrap_or("")
            .contains("id_rsa")
    );
    assert!(p["score"].as_f64().expect("score") <= risk["cap"].as_f64().expect("cap"));
    let dump = p["projects"]
        .as_array()
        .expect("p")
        .iter()
        .find(|x| x["name"] == "./tutorial-dump")
        .expect("dump");
    assert_eq!(dump["weak"][0]["kind"], "single-commit dump");
    let fixes = p["fixes"].as_array().expect("fixes").len();
    assert!((1..=3).contains(&fixes), "{fixes} fixes");
    assert!(
        p["tracks"]["backend"]
            .as_array()
            .expect("backend")
            .iter()
            .any(|e| e.as_str().unwrap_or("").starts_with("./exemplary"))
    );
    let text = stdout(&run_in(portfolio(), &["audit", ".", "--color", "never"]));
    assert!(
        text.contains("\nportfolio ") && text.contains("what each project proves"),
        "{text}"
    );
    let single = report(&["audit", "exemplary", "--format", "json"]);
    assert!(single.get("portfolio").is_none());
}

#[test]
fn projects_the_candidate_barely_wrote_are_flagged() {
    let r = report(&[
        "audit",
        "exemplary",
        "web-api",
        "--format",
        "json",
        "--author",
        "someone.else@example.com",
    ]);
    let projects = r["portfolio"]["projects"].as_array().expect("p");
    assert!(projects.iter().all(|p| {
        p["weak"]
            .as_array()
            .expect("w")
            .iter()
            .any(|w| w["kind"] == "little of it is the candidate's")
    }));
}
