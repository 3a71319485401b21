//! JUnit XML for CI systems that show test reports: one test suite per
//! repository, one test case per rule.

use super::{RepoReport, escape_markup as escape};
use crate::rules::Status;
use std::fmt::Write;

pub fn render(reports: &[RepoReport]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"portfolio-audit\">\n",
    );
    for r in reports {
        let n = |s: Status| r.outcomes.iter().filter(|o| o.status == s).count();
        let failures = n(Status::Fail) + n(Status::Partial);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{}\">",
            escape(&r.name),
            r.outcomes.len(),
            r.errors.len(),
            n(Status::NotApplicable)
        );
        for o in &r.outcomes {
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{} {}\"",
                escape(&o.family),
                o.id,
                escape(&o.title)
            );
            match o.status {
                Status::Pass => out.push_str("/>\n"),
                Status::NotApplicable => {
                    let _ = writeln!(
                        out,
                        "><skipped message=\"{}\"/></testcase>",
                        escape(&o.message)
                    );
                }
                Status::Fail | Status::Partial | Status::Error => {
                    let evidence: Vec<String> = o
                        .evidence
                        .iter()
                        .map(crate::rules::Evidence::location)
                        .collect();
                    let _ = writeln!(
                        out,
                        "><failure type=\"{}\" message=\"{}\">{}\nfix: {}\n{}</failure></testcase>",
                        o.severity,
                        escape(&o.message),
                        escape(&o.message),
                        escape(&o.fix),
                        escape(&evidence.join("\n"))
                    );
                }
            }
        }
        for e in &r.errors {
            let _ = writeln!(
                out,
                "    <testcase classname=\"errors\" name=\"read\"><error message=\"{}\"/></testcase>",
                escape(&e.to_string())
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
