//! The rules as documents: docs/rules.md, `rules` and `explain`.

use crate::report::rules_doc::{explain, markdown, reference, text};
use crate::rules::{PROFILES, Pack, Rule, load_default_pack, load_profile};

/// A built-in pack by name, as `--profile` loads it (app::plan, which
/// report may not depend on).
fn load_pack(name: &str) -> Pack {
    match name {
        "default" | "auto" => load_default_pack(),
        profile => load_profile(profile),
    }
    .expect("built-in pack")
}

#[test]
fn the_reference_is_docs_rules_md() {
    let default = load_pack("default");
    let profiles: Vec<(String, Pack)> = PROFILES
        .iter()
        .map(|(name, _, _)| ((*name).to_owned(), load_pack(name)))
        .collect();
    let generated = reference(&default, &profiles);
    // tests/docs.rs checks the same through the binary; this fails first.
    assert!(
        generated == include_str!("../../../docs/rules.md"),
        "docs/rules.md is stale: regenerate it with `cargo run -- rules --format markdown --all > docs/rules.md`"
    );
}

/// The first rule of the default pack that `pick` accepts.
fn first(pick: impl Fn(&Rule) -> bool) -> Rule {
    let pack = load_pack("default");
    pack.rules
        .into_iter()
        .find(|r| pick(r))
        .expect("such a rule")
}

#[test]
fn explain_snapshots() {
    let plain = first(|r| r.when.is_empty() && r.requires.is_empty() && r.cap.is_none());
    let conditional = first(|r| !r.when.is_empty() && !r.requires.is_empty());
    let capped = first(|r| r.cap.is_some());
    let out = [plain, conditional, capped]
        .iter()
        .map(explain)
        .collect::<Vec<_>>()
        .join("\n----\n");
    insta::assert_snapshot!(out);
}

#[test]
fn the_text_list_is_one_aligned_line_a_rule() {
    let pack = load_pack("default");
    let rules: Vec<&Rule> = pack.rules.iter().take(3).collect();
    insta::assert_snapshot!(text(&rules));
}

#[test]
fn markdown_groups_rules_by_family_in_first_seen_order() {
    let pack = load_pack("default");
    let mut rules: Vec<&Rule> = pack.rules.iter().collect();
    // Interleave two families: each still gets one section, in the order
    // its first rule came.
    let b = rules
        .iter()
        .position(|r| r.family != rules[0].family)
        .expect("two families");
    rules.swap(1, b);
    let fam = |i: usize| rules[i].family.clone();
    let (first_family, second_family) = (fam(0), fam(1));
    let out = markdown(&pack, &rules, "## Rules");
    assert!(out.starts_with("## Rules\n\n"), "{out}");
    let first_at = out
        .find(&format!("### {first_family}\n"))
        .expect("first family");
    let second_at = out
        .find(&format!("### {second_family}\n"))
        .expect("second family");
    assert!(first_at < second_at);
    assert_eq!(out.matches(&format!("### {first_family}\n")).count(), 1);
    assert_eq!(out.matches("### ").count(), {
        let mut f: Vec<&str> = pack.rules.iter().map(|r| r.family.as_str()).collect();
        f.sort();
        f.dedup();
        f.len()
    });
}
