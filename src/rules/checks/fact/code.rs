//! Facts about the Python code itself: error handling, logging, size,
//! syntax and notebooks.

use super::{Coded, loc_evidence};
use crate::facts::Facts;
use crate::rules::Evidence;
use crate::rules::checks::Verdict;
use crate::rules::checks::text::{capped, count_noun, human_size};

/// Stored notebook outputs above this are bulk, not illustration.
const NOTEBOOK_OUTPUT_LIMIT: usize = 500 * 1024;

pub const ERROR_HANDLING: Coded = Coded {
    evaluate: error_handling,
    pass: "no bare `except:` and no exception caught and silently ignored (`except ...: pass`)",
    fail: "handlers hide errors with a bare `except:` or an ignored exception: three or more, more than one per 1,000 lines of source (one or two, or at most one per 1,000 lines in a large codebase, earn half)",
};

pub const LOGGING: Coded = Coded {
    evaluate: logging,
    pass: "library modules (not scripts or CLIs) report through logging and never call print()",
    fail: "library modules call print() and nothing uses logging (half credit when logging is used beside the prints)",
};

pub const CODE_SIZE: Coded = Coded {
    evaluate: code_size,
    pass: "no function is over 60 lines and no file over 600, or at most 2% of them are in a large codebase",
    fail: "more than 5% of functions and files are too long to review easily: functions over 60 lines, files over 600 (one, or up to 5%, earns half)",
};

pub const SOURCE_PARSES: Coded = Coded {
    evaluate: source_parses,
    pass: "every Python file parses as Python 3",
    fail: "a committed Python file does not parse as Python 3 (a syntax error, or Python 2 code)",
};

pub const NOTEBOOKS_CLEAN: Coded = Coded {
    evaluate: notebooks_clean,
    pass: "every notebook stores under 500 KB of outputs and ran its cells top to bottom",
    fail: "a notebook stores over 500 KB of outputs or ran its cells out of order; credit is the share that are clean",
};

fn error_handling(facts: &Facts) -> Verdict {
    let p = &facts.python;
    let mut ev: Vec<Evidence> = p
        .bare_excepts
        .iter()
        .chain(&p.swallowed_exceptions)
        .map(loc_evidence)
        .collect();
    ev.sort_by(|a, b| (a.file_path(), a.file_line()).cmp(&(b.file_path(), b.file_line())));
    ev.dedup_by(|a, b| a.location == b.location);
    // A large codebase is judged by density, not count: six such handlers
    // in 30,000 lines are not a habit, three in 200 are.
    let n = ev.len();
    let per_thousand = n as f64 * 1000.0 / p.source_lines.max(1) as f64;
    let message = || {
        format!(
            "{} that hide errors ({per_thousand:.1} per 1,000 lines)",
            count_noun(n, "handler")
        )
    };
    if n == 0 {
        Verdict::pass("no bare except and no silently ignored exceptions", vec![])
    } else if n <= 2 || per_thousand <= 1.0 {
        Verdict::new(0.5, message(), capped(ev))
    } else {
        Verdict::fail(message(), capped(ev))
    }
}

fn logging(facts: &Facts) -> Verdict {
    let p = &facts.python;
    match (p.prints.len(), p.logging_modules) {
        (0, _) => Verdict::pass("library code does not print", vec![]),
        (n, 0) => Verdict::fail(
            format!(
                "{} in library modules and no logging",
                count_noun(n, "print() call")
            ),
            capped(p.prints.iter().map(loc_evidence).collect()),
        ),
        (n, m) => Verdict::new(
            0.5,
            format!(
                "{} in library modules, beside logging in {}",
                count_noun(n, "print() call"),
                count_noun(m, "module")
            ),
            capped(p.prints.iter().map(loc_evidence).collect()),
        ),
    }
}

fn code_size(facts: &Facts) -> Verdict {
    let p = &facts.python;
    let ev: Vec<Evidence> = p
        .long_functions
        .iter()
        .chain(&p.long_files)
        .map(loc_evidence)
        .collect();
    // "2 functions and 1 file", each noun with its own count.
    let too_long = {
        let parts: Vec<String> = [
            (p.long_functions.len(), "function"),
            (p.long_files.len(), "file"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| count_noun(n, noun))
        .collect();
        format!("{} too long to review easily", parts.join(" and "))
    };
    // Judged by share: a long function in every large codebase is not the
    // same as half of a small one's functions being long.
    let units = p.type_hints.total + p.source_files;
    let share = ev.len() as f64 / units.max(1) as f64;
    let message = format!(
        "{too_long} ({:.0}% of {units} functions and files)",
        share * 100.0
    );
    match ev.len() {
        0 => Verdict::pass("no function over 60 lines, no file over 600", vec![]),
        _ if share <= 0.02 => Verdict::pass(message, capped(ev)),
        n if n == 1 || share <= 0.05 => Verdict::new(0.5, message, capped(ev)),
        _ => Verdict::fail(message, capped(ev)),
    }
}

fn source_parses(facts: &Facts) -> Verdict {
    let p = &facts.python;
    if p.syntax_errors.is_empty() {
        Verdict::pass(
            format!(
                "all {} parse",
                count_noun(p.source_files + p.test_files.len(), "Python file")
            ),
            vec![],
        )
    } else {
        Verdict::fail(
            format!(
                "{} do not parse as Python 3",
                count_noun(p.syntax_errors.len(), "file")
            ),
            capped(p.syntax_errors.iter().map(loc_evidence).collect()),
        )
    }
}

fn notebooks_clean(facts: &Facts) -> Verdict {
    let heavy: Vec<Evidence> = facts
        .python
        .notebooks
        .iter()
        .filter(|n| n.output_bytes > NOTEBOOK_OUTPUT_LIMIT || !n.executed_in_order)
        .map(|n| {
            let mut why = Vec::new();
            if n.output_bytes > NOTEBOOK_OUTPUT_LIMIT {
                why.push(format!(
                    "{} of stored outputs",
                    human_size(n.output_bytes as u64)
                ));
            }
            if !n.executed_in_order {
                why.push("cells ran out of order".to_owned());
            }
            Evidence::file(&n.path).with_note(why.join("; "))
        })
        .collect();
    let total = facts.python.notebooks.len();
    if heavy.is_empty() {
        return Verdict::pass(format!("{} clean", count_noun(total, "notebook")), vec![]);
    }
    let credit = 1.0 - heavy.len() as f64 / total as f64;
    Verdict::new(
        credit.min(0.99),
        format!(
            "{} of {} need clearing or rerunning",
            heavy.len(),
            count_noun(total, "notebook")
        ),
        capped(heavy),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::python::Notebook;
    use crate::rules::checks::testing::loc;

    #[test]
    fn error_handling_grades_by_count() {
        let mut facts = Facts::default();
        assert_eq!(error_handling(&facts).credit, 1.0);
        facts.python.bare_excepts = vec![loc("a.py", 3)];
        // The same line reported twice counts once.
        facts.python.swallowed_exceptions = vec![loc("a.py", 3), loc("b.py", 9)];
        let v = error_handling(&facts);
        assert_eq!((v.credit, v.evidence.len()), (0.5, 2));
        facts.python.bare_excepts.push(loc("c.py", 1));
        assert_eq!(error_handling(&facts).credit, 0.0);
        // Three in 30,000 lines: half, judged by density.
        facts.python.source_lines = 30_000;
        let v = error_handling(&facts);
        assert_eq!(v.credit, 0.5, "{}", v.message);
        assert!(v.message.contains("0.1 per 1,000 lines"), "{}", v.message);
        facts.python.source_lines = 2_000;
        assert_eq!(error_handling(&facts).credit, 0.0);
    }

    #[test]
    fn logging_and_size() {
        let mut facts = Facts::default();
        assert_eq!(logging(&facts).credit, 1.0);
        facts.python.prints = vec![loc("pkg/core.py", 12)];
        assert_eq!(logging(&facts).credit, 0.0);
        facts.python.logging_modules = 2;
        assert_eq!(logging(&facts).credit, 0.5);
        assert_eq!(code_size(&facts).credit, 1.0);
        facts.python.long_functions = vec![loc("pkg/core.py", 40)];
        assert_eq!(code_size(&facts).credit, 0.5);
        facts.python.long_files = vec![loc("pkg/big.py", 1)];
        facts.python.source_files = 2;
        facts.python.type_hints.total = 8;
        assert_eq!(
            code_size(&facts).message,
            "1 function and 1 file too long to review easily (20% of 10 functions and files)"
        );
        assert_eq!(code_size(&facts).credit, 0.0);
        // The same two in a large codebase: a share, not a habit.
        facts.python.type_hints.total = 60;
        assert_eq!(code_size(&facts).credit, 0.5);
        facts.python.type_hints.total = 200;
        assert_eq!(code_size(&facts).credit, 1.0);
    }

    #[test]
    fn parses_and_notebooks() {
        let mut facts = Facts::default();
        facts.python.source_files = 2;
        assert_eq!(source_parses(&facts).message, "all 2 Python files parse");
        facts.python.syntax_errors = vec![loc("old.py", 1)];
        assert_eq!(source_parses(&facts).credit, 0.0);
        let nb = |path: &str, output_bytes, executed_in_order| Notebook {
            path: path.into(),
            code_cells: 3,
            output_bytes,
            executed_in_order,
        };
        facts.python.notebooks = vec![nb("a.ipynb", 10, true), nb("b.ipynb", 600 * 1024, false)];
        let v = notebooks_clean(&facts);
        assert_eq!(v.credit, 0.5);
        assert_eq!(
            v.evidence[0].note.as_deref(),
            Some("600.0 KB of stored outputs; cells ran out of order")
        );
    }
}
