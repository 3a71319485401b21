//! Console scripts a project declares: `[project.scripts]`,
//! `[tool.poetry.scripts]`, setup.cfg's and setup.py's `console_scripts`.
//! A README line that runs one (`mytool report.csv`) shows the project in
//! use as surely as `python -m mytool` does.

use regex::Regex;
use std::sync::LazyLock;

/// `name = package.module:function`, as setup.py and setup.cfg write it.
static ENTRY_POINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([A-Za-z0-9][A-Za-z0-9_.-]*)\s*=\s*[A-Za-z_][A-Za-z0-9_.]*\s*:\s*[A-Za-z_][A-Za-z0-9_.]*",
    )
    .expect("static regex")
});

/// The console script names declared in one manifest (by file name:
/// pyproject.toml, setup.cfg, setup.py); none for anything else or for a
/// manifest that does not parse.
pub fn console_scripts(path: &str, text: &str) -> Vec<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut out = match name {
        "pyproject.toml" => from_pyproject(text),
        "setup.cfg" => from_setup_cfg(text),
        "setup.py" => from_setup_py(text),
        _ => Vec::new(),
    };
    out.sort();
    out.dedup();
    out
}

fn from_pyproject(text: &str) -> Vec<String> {
    let Ok(doc) = toml::from_str::<toml::Table>(text) else {
        return Vec::new();
    };
    let tables = [
        doc.get("project").and_then(|p| p.get("scripts")),
        doc.get("tool")
            .and_then(|t| t.get("poetry"))
            .and_then(|p| p.get("scripts")),
    ];
    tables
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
        .flat_map(|t| t.keys().cloned())
        .collect()
}

/// The `console_scripts` key of `[options.entry_points]`: an INI value
/// continued on indented lines.
fn from_setup_cfg(text: &str) -> Vec<String> {
    let mut in_section = false;
    let mut in_key = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed == "[options.entry_points]";
            in_key = false;
            continue;
        }
        if !in_section || trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if !indented {
            let (key, value) = trimmed.split_once('=').unwrap_or((trimmed, ""));
            in_key = key.trim() == "console_scripts";
            if in_key {
                out.extend(entry_names(value));
            }
        } else if in_key {
            out.extend(entry_names(trimmed));
        }
    }
    out
}

/// Entry points in a setup.py's `console_scripts` list.
fn from_setup_py(text: &str) -> Vec<String> {
    let Some(at) = text.find("console_scripts") else {
        return Vec::new();
    };
    // The list follows the key; a bracket closes it.
    let rest = &text[at..];
    let end = rest.find(']').unwrap_or(rest.len());
    entry_names(&rest[..end])
}

fn entry_names(text: &str) -> Vec<String> {
    ENTRY_POINT
        .captures_iter(text)
        .filter_map(|c| c.get(1).map(|m| m.as_str().to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::console_scripts;

    #[test]
    fn scripts_from_each_manifest() {
        let pyproject = "[project]\nname = \"x\"\n[project.scripts]\nmytool = \"x.cli:main\"\n\
                         [tool.poetry.scripts]\nother = \"x.cli:other\"\n";
        assert_eq!(
            console_scripts("pyproject.toml", pyproject),
            ["mytool", "other"]
        );
        let cfg = "[metadata]\nname = x\n[options.entry_points]\nconsole_scripts =\n    \
                   cfgtool = x.cli:main\n    second-tool = x.cli:two\ngui_scripts =\n    gui = x:g\n";
        assert_eq!(
            console_scripts("setup.cfg", cfg),
            ["cfgtool", "second-tool"]
        );
        let py = "setup(name='x', entry_points={'console_scripts': ['pytool = x.cli:main']})\n";
        assert_eq!(console_scripts("setup.py", py), ["pytool"]);
        assert!(console_scripts("pyproject.toml", "not [ toml").is_empty());
        assert!(console_scripts("README.md", "a = b:c").is_empty());
    }
}
