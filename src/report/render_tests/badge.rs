//! The score badge: SVG and the shields.io endpoint.

use crate::report::badge::{shields, svg};

#[test]
fn the_svg_badge_is_sized_to_its_text() {
    assert_eq!(
        svg(Some((92.4, 'A'))),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"167\" height=\"20\" role=\"img\" aria-label=\"portfolio-audit: 92 (A)\">\
<title>portfolio-audit: 92 (A)</title>\
<rect width=\"115\" height=\"20\" fill=\"#555\"/><rect x=\"115\" width=\"52\" height=\"20\" fill=\"#2ea44f\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"57\" y=\"14\">portfolio-audit</text><text x=\"141\" y=\"14\">92 (A)</text></g></svg>\n"
    );
    let none = svg(None);
    assert!(none.contains("width=\"181\""), "{none}");
    assert!(
        none.contains("<rect x=\"115\" width=\"66\" height=\"20\" fill=\"#9f9f9f\"/>"),
        "{none}"
    );
    assert!(
        none.contains("<text x=\"148\" y=\"14\">no score</text>"),
        "{none}"
    );
}

#[test]
fn each_grade_has_its_colour() {
    for (grade, fill, named) in [
        ('A', "#2ea44f", "brightgreen"),
        ('B', "#7cb342", "green"),
        ('C', "#dfb317", "yellow"),
        ('D', "#fe7d37", "orange"),
        ('F', "#e05d44", "red"),
    ] {
        let value = Some((71.9, grade));
        assert!(
            svg(value).contains(&format!("fill=\"{fill}\"/>")),
            "{grade}"
        );
        assert!(svg(value).contains("71 ("), "floored");
        assert_eq!(
            shields(value),
            format!(
                "{{\n  \"color\": \"{named}\",\n  \"label\": \"portfolio-audit\",\n  \"message\": \"71 ({grade})\",\n  \"schemaVersion\": 1\n}}\n"
            )
        );
    }
    assert_eq!(
        shields(None),
        "{\n  \"color\": \"lightgrey\",\n  \"label\": \"portfolio-audit\",\n  \"message\": \"no score\",\n  \"schemaVersion\": 1\n}\n"
    );
}
