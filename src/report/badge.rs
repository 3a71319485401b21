//! A score badge: an SVG to commit or serve, and a shields.io endpoint JSON.

/// (score, grade) to show: one repository's, or the portfolio's.
pub type BadgeValue = Option<(f64, char)>;

fn colour(grade: Option<char>) -> &'static str {
    match grade {
        Some('A') => "#2ea44f",
        Some('B') => "#7cb342",
        Some('C') => "#dfb317",
        Some('D') => "#fe7d37",
        Some(_) => "#e05d44",
        None => "#9f9f9f",
    }
}

fn shields_colour(grade: Option<char>) -> &'static str {
    match grade {
        Some('A') => "brightgreen",
        Some('B') => "green",
        Some('C') => "yellow",
        Some('D') => "orange",
        Some(_) => "red",
        None => "lightgrey",
    }
}

fn message(value: BadgeValue) -> String {
    match value {
        Some((s, g)) => format!("{:.0} ({g})", s.floor()),
        None => "no score".to_owned(),
    }
}

pub fn svg(value: BadgeValue) -> String {
    let label = "portfolio-audit";
    let msg = message(value);
    // Verdana 11px averages about 6.5 px a character.
    let lw = 10 + label.len() * 7;
    let mw = 10 + msg.len() * 7;
    let w = lw + mw;
    let fill = colour(value.map(|v| v.1));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"20\" role=\"img\" aria-label=\"{label}: {msg}\">\
<title>{label}: {msg}</title>\
<rect width=\"{lw}\" height=\"20\" fill=\"#555\"/><rect x=\"{lw}\" width=\"{mw}\" height=\"20\" fill=\"{fill}\"/>\
<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">\
<text x=\"{}\" y=\"14\">{label}</text><text x=\"{}\" y=\"14\">{msg}</text></g></svg>\n",
        lw / 2,
        lw + mw / 2
    )
}

pub fn shields(value: BadgeValue) -> String {
    let doc = serde_json::json!({
        "schemaVersion": 1,
        "label": "portfolio-audit",
        "message": message(value),
        "color": shields_colour(value.map(|v| v.1)),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
