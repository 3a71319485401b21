//! Repository configuration layering (src/config.rs): select, ignore and
//! overrides within the policy that error-severity rules are protected.

use portfolio_audit::model::Severity;

/// The default pack's rules after a repository configuration `toml`.
fn configured(toml: &str) -> portfolio_audit::config::Resolved {
    let pack = portfolio_audit::rules::load_default_pack().expect("pack");
    portfolio_audit::config::parse_config_file(toml)
        .expect("valid config")
        .apply(&pack.rules, Some(".portfolio-audit.toml".to_owned()))
}

/// The first error-severity rule of the default pack, and its weight.
fn protected_rule() -> (String, f64) {
    let pack = portfolio_audit::rules::load_default_pack().expect("pack");
    let r = pack
        .rules
        .iter()
        .find(|r| r.severity == Severity::Error && r.weight > 0.0)
        .expect("an error rule");
    (r.id.clone(), r.weight)
}

fn rule<'a>(
    r: &'a portfolio_audit::config::Resolved,
    id: &str,
) -> Option<&'a portfolio_audit::rules::Rule> {
    r.rules.iter().find(|r| r.id == id)
}

#[test]
fn an_empty_or_neutral_config_changes_nothing_and_says_nothing() {
    let all = configured("").rules.len();
    let weight = rule(&configured(""), "README-LICENSE")
        .expect("rule")
        .weight;
    for neutral in [
        String::new(),
        "select = []\n".to_owned(),
        format!("[rules.README-LICENSE]\nweight = {weight:?}\nseverity = \"info\"\n"),
    ] {
        let r = configured(&neutral);
        assert_eq!(r.rules.len(), all, "{neutral}");
        assert!(r.warnings.is_empty(), "{neutral}: {:?}", r.warnings);
        assert!(r.ignored.is_empty());
    }
    let (id, weight) = protected_rule();
    let r = configured(&format!(
        "[rules.{id}]\nweight = {weight:?}\nseverity = \"error\"\n"
    ));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn select_keeps_ids_and_families_and_says_how_many_it_left() {
    let all = configured("");
    let r = configured("select = [\"docs\", \"README-LICENSE\"]\n");
    for kept in &r.rules {
        assert!(
            kept.family == "docs"
                || kept.id == "README-LICENSE"
                || kept.severity == Severity::Error,
            "{} kept",
            kept.id
        );
    }
    assert!(rule(&r, "README-LICENSE").is_some());
    assert!(r.rules.iter().any(|k| k.family == "docs"));
    let left = all.rules.len() - r.rules.len();
    assert!(left > 0);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains(&format!("left {left} rules unselected (`select`)"))),
        "{:?}",
        r.warnings
    );
    assert!(
        !r.warnings.iter().any(|w| w.contains("matches no rule")),
        "{:?}",
        r.warnings
    );
    // An error-severity rule outside the selection stays, and says so.
    let (id, _) = protected_rule();
    assert!(rule(&r, &id).is_some());
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains(&format!("leave {id} unselected"))),
        "{:?}",
        r.warnings
    );
}

#[test]
fn unknown_names_in_select_ignore_and_rules_are_warned_about() {
    let r =
        configured("select = [\"NOPE-1\"]\nignore = [\"NOPE-2\"]\n[rules.NOPE-3]\nweight = 0\n");
    let w = r.warnings.join("\n");
    assert!(w.contains("names `NOPE-1`, which matches no rule"), "{w}");
    assert!(w.contains("names `NOPE-2`, which matches no rule"), "{w}");
    assert!(
        w.contains("overrides `NOPE-3`, which matches no rule id"),
        "{w}"
    );
    let r = configured("ignore = [\"docs\"]\n[rules.README-LICENSE]\nweight = 0.5\n");
    assert!(
        !r.warnings.join("\n").contains("matches no rule"),
        "{:?}",
        r.warnings
    );
}

#[test]
fn weights_go_down_to_zero_but_not_below_and_protected_rules_keep_theirs() {
    let r = configured("[rules.README-LICENSE]\nweight = 0\n");
    assert_eq!(rule(&r, "README-LICENSE").map(|r| r.weight), Some(0.0));
    assert!(
        !r.warnings.join("\n").contains("refused"),
        "{:?}",
        r.warnings
    );
    for bad in ["-1", "nan", "inf"] {
        let before = rule(&configured(""), "README-LICENSE")
            .expect("rule")
            .weight;
        let r = configured(&format!("[rules.README-LICENSE]\nweight = {bad}\n"));
        assert_eq!(
            rule(&r, "README-LICENSE").map(|r| r.weight),
            Some(before),
            "{bad}"
        );
        let w = r.warnings.join("\n");
        assert!(
            w.contains("(must be 0 or more)") || w.contains("raise the weight"),
            "{bad}: {w}"
        );
    }
    let (id, weight) = protected_rule();
    let r = configured(&format!("[rules.{id}]\nweight = {:?}\n", weight / 2.0));
    assert_eq!(rule(&r, &id).map(|r| r.weight), Some(weight));
    assert!(
        r.warnings
            .join("\n")
            .contains(&format!("lower the weight of {id}")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn severities_may_rise_anywhere_but_never_fall_on_protected_rules() {
    let r = configured("[rules.README-LICENSE]\nseverity = \"error\"\n");
    assert_eq!(
        rule(&r, "README-LICENSE").map(|r| r.severity),
        Some(Severity::Error)
    );
    assert!(
        r.warnings
            .join("\n")
            .contains("severity of README-LICENSE info -> error"),
        "{:?}",
        r.warnings
    );
    let (id, _) = protected_rule();
    let r = configured(&format!("[rules.{id}]\nseverity = \"info\"\n"));
    assert_eq!(rule(&r, &id).map(|r| r.severity), Some(Severity::Error));
    assert!(
        r.warnings
            .join("\n")
            .contains(&format!("refused to lower the severity of {id}")),
        "{:?}",
        r.warnings
    );
    // A protected rule cannot be ignored either.
    let r = configured(&format!("ignore = [\"{id}\"]\n"));
    assert!(rule(&r, &id).is_some() && r.ignored.is_empty());
}

#[test]
fn a_pyproject_section_is_a_config_and_a_bad_one_an_error() {
    use portfolio_audit::config::parse_pyproject;
    assert!(parse_pyproject("[project]\nname = \"x\"\n").is_none());
    assert!(parse_pyproject("not toml [").is_none());
    let cfg = parse_pyproject("[tool.portfolio-audit]\nselect = [\"docs\"]\n")
        .expect("a section")
        .expect("valid");
    assert_eq!(cfg.select, ["docs"]);
    let err = parse_pyproject("[tool.portfolio-audit]\nselekt = 1\n")
        .expect("a section")
        .expect_err("invalid");
    assert!(
        err.message.contains("invalid [tool.portfolio-audit]"),
        "{}",
        err.message
    );
}
