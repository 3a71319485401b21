//! Evaluating one rule against gathered facts: its conditions, then its
//! check (from the catalogue in `checks/`), then the outcome. Pure: no I/O
//! happens here.

use super::checks::Verdict;
use super::conditions::{condition_holds, condition_name, missing_reason};
use super::{Evidence, Outcome, Rule, Status};
use crate::facts::Facts;

pub fn evaluate(rule: &Rule, facts: &Facts) -> Outcome {
    let unmet = rule.when.iter().find(|c| !condition_holds(**c, facts));
    let missing = if unmet.is_none() {
        rule.requires.iter().find(|c| !condition_holds(**c, facts))
    } else {
        None
    };
    let (status, verdict) = match unmet {
        Some(c) => (
            Status::NotApplicable,
            Verdict::new(
                0.0,
                format!(
                    "does not apply: condition `{}` does not hold",
                    condition_name(*c)
                ),
                vec![],
            ),
        ),
        None => match missing {
            // Absence never earns points: a missing prerequisite fails.
            Some(c) => (
                Status::Fail,
                Verdict::new(
                    0.0,
                    format!("{}, so this cannot pass", missing_reason(*c)),
                    vec![Evidence::unmet_requirement(condition_name(*c))],
                ),
            ),
            None => {
                let v = rule.check.evaluate(facts);
                (status_of(v.credit), v)
            }
        },
    };
    Outcome {
        id: rule.id.clone(),
        family: rule.family.clone(),
        title: rule.title.clone(),
        severity: rule.severity,
        weight: rule.weight,
        status,
        credit: verdict.credit,
        message: verdict.message,
        evidence: verdict.evidence,
        fix: rule.fix.clone(),
        cap: rule.cap,
        guardrail: rule.guardrail,
        rationale: rule.rationale.clone(),
        guide: rule.guide.clone(),
        provides: rule.provides.map(|c| condition_name(c).to_owned()),
        blocked_by: missing.map(|c| condition_name(*c).to_owned()),
    }
}

fn status_of(credit: f64) -> Status {
    if credit >= 1.0 {
        Status::Pass
    } else if credit > 0.0 {
        Status::Partial
    } else {
        Status::Fail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_applies_exactly_when_its_conditions_hold() {
        let pack = crate::rules::load_default_pack().expect("default pack");
        let rule = pack.rule("QUALITY-NOTEBOOKS").expect("a rule with `when`");
        assert!(!rule.when.is_empty());
        // No notebook: the rule does not apply.
        let none = evaluate(rule, &Facts::default());
        assert_eq!(none.status, Status::NotApplicable, "{}", none.message);
        // A notebook: it applies and its check runs.
        let mut facts = Facts::default();
        facts.python.notebooks.push(crate::facts::python::Notebook {
            path: "eda.ipynb".to_owned(),
            code_cells: 3,
            output_bytes: 0,
            executed_in_order: true,
        });
        let some = evaluate(rule, &facts);
        assert_ne!(some.status, Status::NotApplicable, "{}", some.message);
    }
}
