//! Writing a calibration: plain text for a person, JSON for scripts.
//! Repository text (rule messages quote file names) is escaped, as in every
//! other output of the tool.

use super::Calibration;
use super::figures::{Details, Figures};
use super::measure::RuleStats;
use crate::report::text::clean;
use std::io::{self, Write};

pub fn json(c: &Calibration, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, c)?;
    writeln!(out)
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{:.1}%", v * 100.0))
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}

fn ratio(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"))
}

/// One line of text: control characters escaped, newlines folded.
fn line(s: &str) -> String {
    clean(&s.replace(['\n', '\r'], " "))
}

pub fn text(c: &Calibration, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "calibration against {} ({} entries, {} repositories), set: {}",
        line(&c.labels),
        c.entries,
        c.labelled_repos,
        c.selection
    )?;
    for part in &c.parts {
        writeln!(out)?;
        figures(part, out)?;
    }
    notes(c, out)
}

fn figures(f: &Figures, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "== {} == {} repositories audited, {} ranked (scored, one agreed tier), {} without a score",
        f.set, f.repos, f.ranked, f.unscored
    )?;
    match &f.pairwise {
        Some(p) => writeln!(
            out,
            "pairwise agreement with tiers: {} ({} of {} pairs of different tiers; {} ties counted half)",
            pct(Some(p.share)),
            p.agreeing,
            p.pairs,
            p.ties
        )?,
        None => writeln!(
            out,
            "pairwise agreement with tiers: - (no pairs of different tiers)"
        )?,
    }
    writeln!(
        out,
        "Spearman correlation of score with tier: {}",
        ratio(f.spearman)
    )?;
    writeln!(
        out,
        "{:<8} {:>3} {:>7} {:>6} {:>6}",
        "tier", "n", "median", "min", "max"
    )?;
    for t in &f.tiers {
        writeln!(
            out,
            "{:<8} {:>3} {:>7} {:>6} {:>6}",
            t.tier,
            t.n,
            num(t.median),
            num(t.min),
            num(t.max)
        )?;
    }
    writeln!(
        out,
        "signals: agreement {} ({} of {}), precision {}, recall {} (fail is the positive class)",
        pct(f.signals.agreement),
        f.signals.agreeing,
        f.signals.n,
        ratio(f.signals.precision),
        ratio(f.signals.recall)
    )?;
    writeln!(
        out,
        "{:<22} {:>3} {:>7} {:>9} {:>6} {:>13} {:>10}",
        "rule", "n", "agree", "precision", "recall", "partial(pass)", "no verdict"
    )?;
    for (rule, s) in &f.rules {
        rule_row(rule, s, out)?;
    }
    writeln!(
        out,
        "track agreement: {} ({} of {} repositories with a labelled track)",
        pct(f.track.share),
        f.track.agreeing,
        f.track.labelled
    )?;
    match &f.details {
        Some(d) => details(d, out),
        None if f.set == "all" => writeln!(
            out,
            "(per-repository lists: the dev set's are above; the holdout's only with --set holdout)"
        ),
        None => writeln!(
            out,
            "(per-repository lists are not shown for this part; ask for --set {} to see them)",
            f.set
        ),
    }
}

fn rule_row(rule: &str, s: &RuleStats, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<22} {:>3} {:>7} {:>9} {:>6} {:>13} {:>10}",
        line(rule),
        s.n,
        pct(s.agreement),
        ratio(s.precision),
        ratio(s.recall),
        format!("{}({})", s.partial, s.partial_labelled_pass),
        s.no_verdict
    )
}

fn details(d: &Details, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "worst inversions (a lower tier scored above a higher one):"
    )?;
    if d.inversions.is_empty() {
        writeln!(out, "  none")?;
    }
    for i in &d.inversions {
        writeln!(
            out,
            "  +{:.1}  {} {} {:.1}  above  {} {} {:.1}",
            i.gap,
            i.lower_tier,
            line(&i.lower),
            i.lower_score,
            i.higher_tier,
            line(&i.higher),
            i.higher_score
        )?;
    }
    writeln!(out, "rule disagreements ({}):", d.disagreements.len())?;
    let mut last = "";
    for x in &d.disagreements {
        if x.rule != last {
            writeln!(out, "  {}", line(&x.rule))?;
            last = &x.rule;
        }
        writeln!(
            out,
            "    {}: labelled {}, tool {}: {}",
            line(&x.repo),
            x.label,
            line(&x.status),
            line(&x.message)
        )?;
    }
    writeln!(out, "track mismatches ({}):", d.track_mismatches.len())?;
    for m in &d.track_mismatches {
        writeln!(
            out,
            "  {}: labelled {}, tool {} (profile {})",
            line(&m.repo),
            line(&m.label),
            line(m.tool.as_deref().unwrap_or("no career track")),
            line(m.profile.as_deref().unwrap_or("none"))
        )?;
    }
    Ok(())
}

fn notes(c: &Calibration, out: &mut dyn Write) -> io::Result<()> {
    let lists = [
        ("errors (no score)", &c.errors),
        ("warnings", &c.warnings),
        ("paths matching no label", &c.unmatched_paths),
    ];
    for (title, notes) in lists {
        if notes.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{title}:")?;
        for n in notes {
            writeln!(out, "  {}: {}", line(&n.repo), line(&n.message))?;
        }
    }
    if !c.missing.is_empty() {
        writeln!(out)?;
        writeln!(out, "labelled but no path given ({}):", c.missing.len())?;
        for m in &c.missing {
            writeln!(out, "  {}", line(m))?;
        }
    }
    let l = &c.labellers;
    if l.repos > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "labellers: {} repositories labelled more than once; {} given one tier by all; {} rule verdicts disputed and set aside",
            l.repos, l.same_tier, l.disputed
        )?;
    }
    Ok(())
}
