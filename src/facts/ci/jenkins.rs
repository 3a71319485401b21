//! The shell a Jenkinsfile runs: the text inside its `sh`, `bat` and
//! `powershell` steps, quotes removed, so the commands are followed like
//! any other CI's (`sh "make ci"` runs the Makefile's `ci` target).

/// Each shell line of a Jenkinsfile with its 1-based line number. A
/// triple-quoted step gives one entry per line inside it.
pub fn commands(text: &str) -> Vec<(u32, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let number = i as u32 + 1;
        let Some(rest) = step_argument(lines[i].trim()) else {
            i += 1;
            continue;
        };
        let triple = ["\"\"\"", "'''"].into_iter().find(|q| rest.starts_with(q));
        if let Some(quote) = triple {
            // The block runs to the closing quotes, which may sit on the
            // same line.
            let mut body = rest[3..].to_owned();
            let mut j = i;
            while !body.contains(quote) && j + 1 < lines.len() {
                j += 1;
                body.push('\n');
                body.push_str(lines[j]);
            }
            let body = body.split(quote).next().unwrap_or("");
            for (k, l) in body.lines().enumerate() {
                let l = l.trim();
                if !l.is_empty() {
                    out.push((number + k as u32, l.to_owned()));
                }
            }
            i = j + 1;
            continue;
        }
        out.push((number, unquote(rest)));
        i += 1;
    }
    out
}

/// What follows a step keyword (`sh "x"`, `sh('x')`, `sh script: 'x'`,
/// `sh(label: 'l', script: "x")`), or None when the line is no step.
fn step_argument(line: &str) -> Option<&str> {
    let rest = ["sh", "bat", "powershell", "pwsh"]
        .iter()
        .find_map(|k| line.strip_prefix(k))?;
    if !rest.starts_with([' ', '(']) {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '(']);
    let rest = match rest.find("script:") {
        Some(at) => rest[at + "script:".len()..].trim_start(),
        None => rest,
    };
    Some(rest)
}

/// The text inside a leading single- or double-quoted string; the whole
/// argument when it is not one (a variable, a GString built elsewhere).
fn unquote(arg: &str) -> String {
    let Some(quote) = arg.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
        return arg.trim_end_matches(')').to_owned();
    };
    let mut out = String::new();
    let mut escaped = false;
    for c in arg[1..].chars() {
        if escaped {
            out.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return out;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::commands;

    #[test]
    fn steps_are_unwrapped_from_their_quotes() {
        let text = "pipeline {\n  steps {\n    sh \"make ci-test\"\n    sh 'pytest -q'\n\
                    \x20   sh(script: \"ruff check .\", label: 'lint')\n    bat \"tox\"\n\
                    \x20   sh \"\"\"\n      pip install .\n      python -m pytest\n    \"\"\"\n\
                    \x20   shout 'no'\n    sh \"echo \\\"hi\\\"\"\n  }\n}\n";
        assert_eq!(
            commands(text),
            [
                (3, "make ci-test".to_owned()),
                (4, "pytest -q".to_owned()),
                (5, "ruff check .".to_owned()),
                (6, "tox".to_owned()),
                (8, "pip install .".to_owned()),
                (9, "python -m pytest".to_owned()),
                (12, "echo \"hi\"".to_owned()),
            ]
        );
    }
}
