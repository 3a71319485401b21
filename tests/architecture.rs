//! The shape of the house, checked: small files, short functions, a thin
//! main.rs, and module dependencies that run one way. These are the limits
//! CONTRIBUTING.md promises; a change that breaks one fails here, with the
//! place named, instead of drifting.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 800;
const MAX_FN_LINES: usize = 150;
const MAX_MAIN_LINES: usize = 120;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("readable source dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "build.rs"] {
        let path = root.join(dir);
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else if path.is_file() {
            files.push(path);
        }
    }
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("utf-8 source");
            let rel = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            (rel, text)
        })
        .collect()
}

/// Blanks out string, char and comment contents so that braces inside them
/// do not count. Raw strings, escapes and lifetimes are handled well enough
/// for this code base; a miscount shows up as an absurd length, not silence.
fn code_only(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                if b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == b'r' && matches!(b.get(i + 1), Some(b'#') | Some(b'"')) && {
            let mut j = i + 1;
            while b.get(j) == Some(&b'#') {
                j += 1;
            }
            b.get(j) == Some(&b'"') && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
        } {
            let mut hashes = 0;
            i += 1;
            while b[i] == b'#' {
                hashes += 1;
                i += 1;
            }
            i += 1;
            loop {
                if i >= b.len() {
                    break;
                }
                if b[i] == b'"'
                    && b[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&h| h == b'#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                if b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
        } else if c == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                if i < b.len() && b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{..}'), else a lifetime.
            if b.get(i + 1) == Some(&b'\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != b'\'' {
                    j += 1;
                }
                i = j + 1;
            } else if b.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else {
            out.push(c as char);
            i += 1;
        }
    }
    out
}

/// (name, first line, length in lines) of every `fn` with a body.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let code = code_only(text);
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(pos) = trimmed.find("fn ") else {
            continue;
        };
        let before = &trimmed[..pos];
        let is_decl = before.split_whitespace().all(|w| {
            matches!(
                w,
                "pub" | "pub(crate)" | "pub(super)" | "const" | "async" | "unsafe" | "extern"
            )
        });
        if !is_decl {
            continue;
        }
        let name: String = trimmed[pos + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i32;
        let mut opened = false;
        let mut end = None;
        'scan: for (k, l) in lines.iter().enumerate().skip(start) {
            for ch in l.chars() {
                match ch {
                    ';' if !opened && depth == 0 => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => {
                        depth -= 1;
                        if opened && depth == 0 {
                            end = Some(k);
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
        if let Some(end) = end {
            found.push((name, start + 1, end - start + 1));
        }
    }
    found
}

#[test]
fn no_source_file_is_over_the_line_cap() {
    let over: Vec<String> = sources()
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(path, text)| format!("{path}: {} lines", text.lines().count()))
        .collect();
    assert!(
        over.is_empty(),
        "files over {MAX_FILE_LINES} lines:\n{}",
        over.join("\n")
    );
}

#[test]
fn no_function_is_over_the_line_cap() {
    let mut over = Vec::new();
    for (path, text) in sources() {
        for (name, line, len) in functions(&text) {
            if len > MAX_FN_LINES {
                over.push(format!("{path}:{line}: fn {name} is {len} lines"));
            }
        }
    }
    assert!(
        over.is_empty(),
        "functions over {MAX_FN_LINES} lines:\n{}",
        over.join("\n")
    );
}

#[test]
fn main_only_parses_arguments_and_calls_the_app() {
    let main = sources()
        .into_iter()
        .find(|(p, _)| p == "src/main.rs")
        .expect("src/main.rs");
    assert!(
        main.1.lines().count() < MAX_MAIN_LINES,
        "src/main.rs has {} lines",
        main.1.lines().count()
    );
}

/// The module a source file defines: src/facts/pysrc/defs.rs -> facts::pysrc::defs.
fn module_of(path: &str) -> Option<Vec<String>> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut parts: Vec<String> = rel.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts.first().is_some_and(|p| p == "lib" || p == "main") {
        return None;
    }
    Some(parts)
}

/// Which sibling modules each module uses, at one level of the tree: the
/// top-level modules of the crate, and the children of each directory.
/// Paths are taken from `crate::a::b` and `super::b` in code (not comments).
fn sibling_edges() -> BTreeMap<String, BTreeSet<(String, String)>> {
    let mut by_parent: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (path, text) in sources() {
        let Some(module) = module_of(&path) else {
            continue;
        };
        let code = code_only(&text);
        // `#[cfg(test)]` blocks may reach anywhere; they are not the flow.
        let code = code.split("#[cfg(test)]").next().unwrap_or("").to_owned();
        let mut targets: Vec<Vec<String>> = Vec::new();
        for (prefix, base) in [
            ("crate::", Vec::new()),
            ("super::", {
                let mut parent = module.clone();
                // In a mod.rs, `super` is the directory's parent.
                parent.pop();
                parent
            }),
        ] {
            for (i, _) in code.match_indices(prefix) {
                if i > 0 && code.as_bytes()[i - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let rest = &code[i + prefix.len()..];
                let segs: Vec<String> = rest
                    .split("::")
                    .map(|s| {
                        s.chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect::<String>()
                    })
                    .take_while(|s: &String| {
                        !s.is_empty() && s.chars().next().is_some_and(|c| c.is_lowercase())
                    })
                    .collect();
                let mut full = base.clone();
                full.extend(segs);
                targets.push(full);
            }
        }
        for target in targets {
            // The deepest common ancestor decides the level at which the two
            // modules are siblings.
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common >= module.len() || common >= target.len() {
                continue; // a module using its own parent or child
            }
            let parent = module[..common].join("::");
            by_parent
                .entry(parent)
                .or_default()
                .insert((module[common].clone(), target[common].clone()));
        }
    }
    by_parent
}

fn find_cycle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.iter().flat_map(|(a, b)| [a, b]).collect();
    for start in nodes {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for (a, b) in edges {
                if a != &node {
                    continue;
                }
                if b == start {
                    let mut cycle = path.clone();
                    cycle.push(b.clone());
                    return Some(cycle);
                }
                if seen.insert(b.clone()) {
                    let mut next = path.clone();
                    next.push(b.clone());
                    stack.push((b.clone(), next));
                }
            }
        }
    }
    None
}

#[test]
fn module_dependencies_run_one_way() {
    let mut cycles = Vec::new();
    for (parent, edges) in sibling_edges() {
        if let Some(cycle) = find_cycle(&edges) {
            let at = if parent.is_empty() {
                "crate".to_owned()
            } else {
                parent
            };
            cycles.push(format!("in {at}: {}", cycle.join(" -> ")));
        }
    }
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_itself_finds_what_it_looks_for() {
    let text = "fn short() {\n    let s = \"}}}\";\n}\n\nfn long() {\n".to_owned()
        + &"    x();\n".repeat(200)
        + "}\n";
    let fns = functions(&text);
    assert_eq!(fns.len(), 2, "{fns:?}");
    assert_eq!(fns[0], ("short".to_owned(), 1, 3));
    assert_eq!(fns[1].2, 202);
    let edges: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert!(find_cycle(&edges).is_some());
}
