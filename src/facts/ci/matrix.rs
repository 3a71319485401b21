//! GitHub Actions details that hide what a step runs: `${{ matrix.task }}`
//! in a command (`uv run poe ${{ matrix.task }}`), whose values are listed
//! in the job's matrix, and flow sequences whose closing bracket sits at
//! the key's own indentation, which GitHub and PyYAML accept but a strict
//! YAML parser refuses.

use crate::facts::yaml::{self, Node};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Matrix key -> the values any job gives it.
pub type Values = BTreeMap<String, Vec<String>>;

/// Variants of one command line written out at most.
const MAX_VARIANTS: usize = 16;

/// Collects every job's matrix values: listed keys and `include` entries.
pub fn gather(doc: &Node, values: &mut Values) {
    for (_, job) in doc.get("jobs").map(Node::entries).unwrap_or_default() {
        let Some(matrix) = job.get("strategy").and_then(|s| s.get("matrix")) else {
            continue;
        };
        for (key, value) in matrix.entries() {
            let Some(key) = key.as_str() else { continue };
            match key {
                "include" => {
                    for entry in value.items() {
                        for (k, v) in entry.entries() {
                            if let (Some(k), Some(v)) = (k.as_str(), v.as_str()) {
                                add(values, k, v);
                            }
                        }
                    }
                }
                "exclude" => {}
                _ => {
                    for v in value.items().iter().filter_map(Node::as_str) {
                        add(values, key, v);
                    }
                }
            }
        }
    }
}

fn add(values: &mut Values, key: &str, value: &str) {
    let list = values.entry(key.to_owned()).or_default();
    if !list.iter().any(|v| v == value) {
        list.push(value.to_owned());
    }
}

/// The command with each line that refers to matrix values followed by the
/// variants those values make (`poe ${{ matrix.task }}` -> `poe check`,
/// `poe lint`), so what the matrix runs can be matched and followed.
pub fn substitute(command: &str, values: &Values) -> String {
    static REF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}").expect("static regex"));
    if values.is_empty() || !command.contains("matrix.") {
        return command.to_owned();
    }
    let mut out: Vec<String> = Vec::new();
    for line in command.lines() {
        out.push(line.to_owned());
        let mut variants = vec![line.to_owned()];
        for key in REF.captures_iter(line).map(|c| c[1].to_owned()) {
            let Some(options) = values.get(&key) else {
                continue;
            };
            let pattern = Regex::new(&format!(
                r"\$\{{\{{\s*matrix\.{}\s*\}}\}}",
                regex::escape(&key)
            ))
            .expect("escaped key");
            variants = variants
                .iter()
                .flat_map(|v| {
                    options
                        .iter()
                        .map(|o| pattern.replace_all(v, regex::NoExpand(o)).into_owned())
                        .collect::<Vec<_>>()
                })
                .take(MAX_VARIANTS)
                .collect();
        }
        for v in variants {
            if v != line && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out.join("\n")
}

/// Parses again with lines that hold only closing flow brackets (`]`, `},`)
/// indented two more spaces: the layout GitHub accepts for a multi-line
/// `name: [ ... ]` in a matrix.
pub fn reindent_closing_brackets(text: &str) -> Option<Vec<Node>> {
    let mut changed = false;
    let fixed: Vec<String> = text
        .lines()
        .map(|l| {
            let t = l.trim();
            if !t.is_empty() && t.chars().all(|c| matches!(c, ']' | '}' | ',' | ' ')) {
                changed = true;
                format!("  {l}")
            } else {
                l.to_owned()
            }
        })
        .collect();
    if !changed {
        return None;
    }
    yaml::parse(&fixed.join("\n")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_references_become_variants() {
        let y = "jobs:\n  t:\n    strategy:\n      matrix:\n        python: ['3.12']\n        include:\n          - task: check\n          - task: lint\n    steps:\n      - run: uv run --python ${{ matrix.python }} poe ${{ matrix.task }}\n";
        let docs = yaml::parse(y).expect("parses");
        let mut values = Values::new();
        gather(&docs[0], &mut values);
        let out = substitute(
            "uv run --python ${{ matrix.python }} poe ${{ matrix.task }}",
            &values,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1], "uv run --python 3.12 poe check");
        assert_eq!(lines[2], "uv run --python 3.12 poe lint");
        assert_eq!(substitute("pytest", &values), "pytest");
    }

    #[test]
    fn a_closing_bracket_at_the_key_indentation_parses() {
        let y = "jobs:\n  t:\n    strategy:\n      matrix:\n        name: [\n          \"a\",\n        ]\n        include:\n          - name: a\n";
        assert!(yaml::parse(y).is_err(), "the strict parser refuses it");
        let docs = reindent_closing_brackets(y).expect("parses once re-indented");
        let mut values = Values::new();
        gather(&docs[0], &mut values);
        assert_eq!(values["name"], ["a"]);
    }
}
