//! Mistakes in rule files end the run with exit code 2 and file:line:col.

mod common;

use common::*;
use portfolio_audit::rules::parse_rules_text;

fn error_for(text: &str) -> String {
    match parse_rules_text("extra.toml", text) {
        Ok(_) => panic!("rule file was accepted:\n{text}"),
        Err(e) => e.to_string(),
    }
}

const GOOD: &str = r#"
[[rule]]
id = "MY-RULE"
family = "readme"
title = "t"
severity = "warn"
weight = 1
check = { kind = "path-exists", any_of = ["README.md"] }
rationale = "r"
fix = "f"
"#;

#[test]
fn a_good_file_adds_a_rule() {
    let pack = parse_rules_text("extra.toml", GOOD).expect("accepted");
    assert!(pack.rule("MY-RULE").is_some());
}

#[test]
fn unknown_check_kind_lists_the_valid_kinds() {
    let e = error_for(&GOOD.replace("path-exists", "path-exist"));
    assert!(e.starts_with("extra.toml:8:"), "{e}");
    assert!(e.contains("unknown variant `path-exist`"), "{e}");
    assert!(
        e.contains("`path-exists`") && e.contains("`readme-section`"),
        "{e}"
    );
}

#[test]
fn a_typo_in_a_field_name_is_located() {
    let e = error_for(&GOOD.replace("severity", "severty"));
    assert!(e.starts_with("extra.toml:"), "{e}");
    assert!(e.contains("unknown field `severty`"), "{e}");
    assert!(e.contains("severity"), "lists the valid fields: {e}");
}

#[test]
fn bad_severity_lists_choices() {
    let e = error_for(&GOOD.replace("\"warn\"", "\"warning\""));
    assert!(e.starts_with("extra.toml:6:12"), "{e}");
    assert!(e.contains("`info`, `warn`, `error`"), "{e}");
}

#[test]
fn bad_regex_points_at_the_pattern() {
    let text = GOOD.replace(
        r#"{ kind = "path-exists", any_of = ["README.md"] }"#,
        r#"{ kind = "ci-runs", pattern = "(unclosed" }"#,
    );
    let e = error_for(&text);
    assert!(e.starts_with("extra.toml:8:40"), "{e}");
    assert!(e.contains("invalid regex"), "{e}");
}

#[test]
fn unknown_condition_lists_choices() {
    let e = error_for(&GOOD.replace("weight = 1", "weight = 1\nwhen = \"web-app\""));
    assert!(e.starts_with("extra.toml:8:"), "{e}");
    assert!(e.contains("web-project"), "{e}");
}

#[test]
fn unknown_section_lists_sections() {
    let text = GOOD.replace(
        r#"{ kind = "path-exists", any_of = ["README.md"] }"#,
        r#"{ kind = "readme-section", any_of = ["instalation"] }"#,
    );
    let e = error_for(&text);
    assert!(e.contains("instalation") && e.contains("install"), "{e}");
}

#[test]
fn overriding_by_id_replaces_the_rule() {
    let text = GOOD.replace("MY-RULE", "README-LICENSE");
    let pack = parse_rules_text("extra.toml", &text).expect("accepted");
    let r = pack.rule("README-LICENSE").expect("still there");
    assert_eq!(r.title, "t");
    assert!(r.origin.starts_with("extra.toml:"));
}

#[test]
fn the_cli_exits_2_with_the_location() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("bad.toml"),
        GOOD.replace("path-exists", "nope"),
    )
    .expect("write");
    std::fs::write(dir.path().join("README.md"), "# x\n").expect("write");
    let out = run_in(dir.path(), &["audit", ".", "--rules", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.toml:8:"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing is audited after a config error"
    );
}

#[test]
fn requires_and_cap_are_validated_with_their_location() {
    let with = |extra: &str| GOOD.replace("weight = 1\n", &format!("weight = 1\n{extra}\n"));
    let pack =
        parse_rules_text("extra.toml", &with("requires = \"has-ci\"\ncap = 59")).expect("accepted");
    let rule = pack.rule("MY-RULE").expect("rule");
    assert_eq!(rule.cap, Some(59.0));
    assert_eq!(rule.requires.len(), 1);
    let e = error_for(&with("requires = \"has-cl\""));
    assert!(e.starts_with("extra.toml:8:"), "{e}");
    assert!(
        e.contains("unknown variant `has-cl`") && e.contains("`has-ci`"),
        "{e}"
    );
    let e = error_for(&with("cap = 120"));
    assert!(e.starts_with("extra.toml:8:7:"), "{e}");
    assert!(e.contains("cap must be a score from 0 to 100"), "{e}");
    let e = error_for(&with("when = \"has-ci\"\nrequires = \"has-ci\""));
    assert!(e.starts_with("extra.toml:"), "{e}");
    assert!(e.contains("both `when` and `requires`"), "{e}");
}
