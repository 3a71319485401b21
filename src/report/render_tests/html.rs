//! The self-contained HTML report.

use super::fixture::{portfolio, reports};
use crate::report::html::render;

#[test]
fn the_html_snapshot() {
    insta::assert_snapshot!(render(&reports(), Some(&portfolio())));
}

#[test]
fn no_repository_text_becomes_markup() {
    let out = render(&reports(), Some(&portfolio()));
    for raw in [
        "<svg",
        "beta<b>",
        "<i>",
        "<here>",
        "<secrets>",
        "<pytest>",
        "<data>",
        "<expected",
        "<eve@",
    ] {
        assert!(!out.contains(raw), "{raw} unescaped");
    }
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
    assert!(!out.contains("<script"));
}

#[test]
fn bars_and_scores_take_the_colour_of_their_grade() {
    let mut reports = reports();
    let families = &mut reports[0].score.as_mut().expect("score").families;
    families.clear();
    for (i, score) in [
        100.0, 90.0, 89.9, 80.0, 79.9, 70.0, 69.9, 60.0, 59.9, 0.0, -5.0, 130.0,
    ]
    .into_iter()
    .enumerate()
    {
        families.push(crate::model::FamilyScore {
            family: format!("f{i}"),
            score: Some(score),
            pass: 0,
            partial: 0,
            fail: 0,
            not_applicable: 0,
            error: 0,
        });
    }
    let out = render(&reports[..1], None);
    let bar = |label: &str, width: &str, colour: &str, text: &str| {
        format!(
            "<div class=\"bar\"><span class=\"label\">{label}</span><span class=\"track\"><span class=\"fill\" style=\"width:{width}%;background:{colour}\"></span></span><span class=\"num\">{text}</span></div>"
        )
    };
    for expected in [
        bar("f0", "100", "#2ea44f", "100"),
        bar("f1", "90", "#2ea44f", "90"),
        bar("f2", "90", "#7cb342", "89"),
        bar("f3", "80", "#7cb342", "80"),
        bar("f4", "80", "#dfb317", "79"),
        bar("f5", "70", "#dfb317", "70"),
        bar("f6", "70", "#fe7d37", "69"),
        bar("f7", "60", "#fe7d37", "60"),
        bar("f8", "60", "#e05d44", "59"),
        bar("f9", "0", "#e05d44", "0"),
        bar("f10", "0", "#e05d44", "-5"),
        bar("f11", "100", "#2ea44f", "130"),
    ] {
        assert!(out.contains(&expected), "{expected}\n{out}");
    }
}

#[test]
fn repository_anchors_are_slugs() {
    let out = render(&reports(), None);
    assert!(out.contains("<a href=\"#repo-alpha\">alpha</a>"), "{out}");
    assert!(
        out.contains("<h2 id=\"repo-beta-b---q---you--1--31m-x\">"),
        "{out}"
    );
    assert!(
        out.contains("<a href=\"#repo-beta-b---q---you--1--31m-x\">"),
        "{out}"
    );
    assert!(out.contains("<h2 id=\"repo-docs-site\">"), "{out}");
}
