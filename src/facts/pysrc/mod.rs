//! What a reviewer sees when they open a Python file, read with
//! tree-sitter-python: real tests and their assertions, docstrings, type
//! hints, error handling, print-versus-logging, long functions, imports,
//! environment reads and hard-coded credentials. tree-sitter recovers from
//! syntax errors, so a broken file still yields what can be counted.

mod defs;
mod fields;
mod values;

use super::vocabulary::{LOGGING_MODULES, MOCK_MODULES};
use fields::{Field, FieldExt};
use serde::{Deserialize, Serialize};
use tree_sitter::{Node, Parser};

/// Functions longer than this many lines are hard to review.
pub const LONG_FUNCTION_LINES: usize = 60;
/// Files longer than this many non-blank lines want splitting.
pub const LONG_FILE_LINES: usize = 600;
/// Syntax nested deeper than this is not walked: the walk recurses once per
/// level, and a generated `1 + 1 + …` of thousands of terms would otherwise
/// overflow a worker's stack and take the whole batch down. No hand-written
/// Python comes near it; the file gets an error entry instead.
pub const MAX_SYNTAX_DEPTH: usize = 200;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TestFunction {
    pub line: u32,
    pub name: String,
    pub assertions: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FileFacts {
    pub lines: usize,
    pub imports: Vec<String>,
    /// The first two parts of dotted imports (`sklearn.preprocessing`), or
    /// the module alone for `import sklearn`.
    pub submodules: Vec<String>,
    pub env_reads: Vec<(u32, Option<String>)>,
    pub tests: Vec<TestFunction>,
    pub fixtures: usize,
    pub parametrized: usize,
    pub mocks: bool,
    pub api_client: bool,
    /// (public definitions, of which documented): module, classes, functions.
    pub public_defs: usize,
    pub documented: usize,
    /// Functions outside tests, and those with every parameter and the
    /// return annotated.
    pub functions: usize,
    pub typed_functions: usize,
    pub bare_excepts: Vec<u32>,
    pub swallowed_exceptions: Vec<u32>,
    pub prints: Vec<u32>,
    pub uses_logging: bool,
    pub is_script: bool,
    pub long_functions: Vec<(u32, String, usize)>,
    pub credentials: Vec<(u32, String)>,
    pub syntax_error: Option<u32>,
    /// A Django `tests.py` that still holds only the generated stub.
    pub django_stub: bool,
    /// First line nested deeper than [`MAX_SYNTAX_DEPTH`]; what lies below
    /// it was not analysed.
    pub too_deep: Option<u32>,
    /// Modules this file imports only inside `try: ... except ImportError`:
    /// optional extras the code runs without, so nothing a manifest must
    /// declare.
    #[serde(default)]
    pub guarded_imports: Vec<String>,
}

pub struct PyAnalyzer {
    parser: Parser,
}

impl PyAnalyzer {
    pub fn new() -> Option<Self> {
        let mut parser = Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .ok()?;
        Some(PyAnalyzer { parser })
    }

    /// Analyses one file. `is_test` says whether it is a test module.
    pub fn analyse(&mut self, path: &str, source: &str, is_test: bool) -> FileFacts {
        let mut facts = FileFacts {
            lines: source
                .lines()
                .filter(|l| {
                    let t = l.trim();
                    !t.is_empty() && !t.starts_with('#')
                })
                .count(),
            ..FileFacts::default()
        };
        let Some(tree) = self.parser.parse(source, None) else {
            return facts;
        };
        let root = tree.root_node();
        if root.has_error() {
            facts.syntax_error = first_error(root).map(line);
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        facts.is_script = is_script_path(path) || has_main_guard(root, source);
        let mut walker = Walker {
            src: source.as_bytes(),
            facts: &mut facts,
            is_test,
            environ_is_os: false,
            depth: 0,
            import_guard: false,
            required: Vec::new(),
        };
        // A module counts as a public definition when it is not private and
        // not an empty package marker.
        if !is_test && !name.starts_with('_') {
            walker.facts.public_defs += 1;
            if docstring_of(root).is_some() {
                walker.facts.documented += 1;
            }
        }
        walker.visit(root, Context::Module);
        let required = std::mem::take(&mut walker.required);
        facts.guarded_imports = facts
            .imports
            .iter()
            .filter(|i| !required.contains(i))
            .cloned()
            .collect();
        if is_test
            && name == "tests.py"
            && facts.tests.is_empty()
            && source.contains("Create your tests here")
        {
            facts.django_stub = true;
        }
        if !facts.credentials.is_empty() {
            let lines: Vec<&str> = source.lines().collect();
            facts.credentials.retain(|(l, _)| {
                let text = lines.get((*l as usize).wrapping_sub(1)).copied();
                !text.is_some_and(crate::facts::secrets::marked_not_secret)
            });
        }
        facts
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Module,
    /// Inside a class; `true` when it is a test class.
    Class(bool),
    Function,
}

struct Walker<'a> {
    src: &'a [u8],
    facts: &'a mut FileFacts,
    is_test: bool,
    /// `from os import environ` was seen: a bare `environ[...]` is the
    /// process environment. Otherwise it is a WSGI/ASGI `environ` dict
    /// (`environ["PATH_INFO"]`), not an environment variable.
    environ_is_os: bool,
    /// Current nesting of `visit`, bounded by [`MAX_SYNTAX_DEPTH`].
    depth: usize,
    /// Inside a `try` whose handler catches ImportError: what it imports is
    /// optional.
    import_guard: bool,
    /// Modules imported at least once outside such a guard.
    required: Vec<String>,
}

fn line(node: Node<'_>) -> u32 {
    node.start_position().row as u32 + 1
}

/// The first error or missing node in document order. Iterative: the tree
/// can be as deep as the input is long.
fn first_error(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node;
    loop {
        if current.is_error() || current.is_missing() {
            return Some(current);
        }
        let mut cursor = current.walk();
        let next = current
            .children(&mut cursor)
            .find(|c| c.has_error() || c.is_missing());
        current = next?;
    }
}

fn is_script_path(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        "__main__.py"
            | "main.py"
            | "cli.py"
            | "manage.py"
            | "run.py"
            | "setup.py"
            | "noxfile.py"
            | "fabfile.py"
    ) || path.split('/').rev().skip(1).any(|d| {
        matches!(
            d,
            "scripts" | "bin" | "tools" | "examples" | "notebooks" | "docs"
        )
    }) || path.ends_with(".ipynb")
}

fn has_main_guard(root: Node<'_>, source: &str) -> bool {
    let mut cursor = root.walk();
    root.children(&mut cursor).any(|c| {
        c.kind() == "if_statement"
            && c.field(Field::Condition)
                .and_then(|n| n.utf8_text(source.as_bytes()).ok())
                .is_some_and(|t| t.contains("__name__") && t.contains("__main__"))
    })
}

/// The docstring of a module, class or function body, if any.
fn docstring_of(body_or_module: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = body_or_module.walk();
    let first = body_or_module
        .named_children(&mut cursor)
        .find(|c| c.kind() != "comment")?;
    if first.kind() == "expression_statement" {
        let expr = first.named_child(0)?;
        if expr.kind() == "string" || expr.kind() == "concatenated_string" {
            return Some(expr);
        }
    }
    None
}

/// A `try` statement one of whose handlers names ImportError or
/// ModuleNotFoundError: the guard around an optional import.
fn catches_import_error(node: Node<'_>, src: &[u8]) -> bool {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() == "except_clause")
        .any(|c| {
            // Only the clause's header: `except (ImportError, X) as e:`.
            let header_end = c
                .named_children(&mut c.walk())
                .find(|n| n.kind() == "block")
                .map_or(c.end_byte(), |b| b.start_byte());
            let header = src.get(c.start_byte()..header_end).unwrap_or_default();
            let header = String::from_utf8_lossy(header);
            header.contains("ImportError") || header.contains("ModuleNotFoundError")
        })
}

/// Top-level package of an import: `os.path` -> `os`.
fn top_module(dotted: &str) -> Option<String> {
    let top = dotted.split('.').next()?.trim();
    (!top.is_empty()).then(|| top.to_owned())
}

impl Walker<'_> {
    /// Visits a node's children with their imports marked optional.
    fn visit_guarded(&mut self, node: Node<'_>, ctx: Context) {
        let outer = std::mem::replace(&mut self.import_guard, true);
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.visit(child, ctx);
        }
        self.import_guard = outer;
    }

    /// `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`.
    fn checks_type_checking(&self, node: Node<'_>) -> bool {
        node.field(Field::Condition).is_some_and(|c| {
            matches!(
                self.text(c),
                "TYPE_CHECKING" | "typing.TYPE_CHECKING" | "t.TYPE_CHECKING"
            )
        })
    }

    fn text(&self, node: Node<'_>) -> &str {
        node.utf8_text(self.src).unwrap_or("")
    }

    /// Visits one node and, through the kind handlers, its children. Depth
    /// is bounded so that hostile nesting costs an error entry, not the
    /// process.
    fn visit(&mut self, node: Node<'_>, ctx: Context) {
        if self.depth >= MAX_SYNTAX_DEPTH {
            self.facts.too_deep.get_or_insert(line(node));
            return;
        }
        self.depth += 1;
        self.visit_node(node, ctx);
        self.depth -= 1;
    }

    fn visit_node(&mut self, node: Node<'_>, ctx: Context) {
        match node.kind() {
            "import_statement" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    let dotted = match child.kind() {
                        "aliased_import" => {
                            child.field(Field::Name).map(|n| self.text(n).to_owned())
                        }
                        "dotted_name" => Some(self.text(child).to_owned()),
                        _ => None,
                    };
                    if let Some(m) = dotted.as_deref().and_then(top_module) {
                        self.note_import(&m, dotted.as_deref().unwrap_or(""));
                    }
                }
                return;
            }
            "import_from_statement" => {
                if let Some(module) = node.field(Field::ModuleName) {
                    if module.kind() == "dotted_name" {
                        let dotted = self.text(module).to_owned();
                        if let Some(m) = top_module(&dotted) {
                            self.note_import(&m, &dotted);
                        }
                        // `from django.test import Client`
                        let imported = self.text(node).to_owned();
                        if dotted.ends_with("testclient")
                            || dotted == "rest_framework.test"
                            || (dotted == "django.test" && imported.contains("Client"))
                        {
                            self.facts.api_client |= self.is_test;
                        }
                        if dotted == "unittest" && imported.contains("mock") {
                            self.facts.mocks |= self.is_test;
                        }
                        if dotted == "os" && imported.split([' ', ',', '(']).any(|w| w == "environ")
                        {
                            self.environ_is_os = true;
                        }
                    }
                }
                return;
            }
            "class_definition" => {
                self.class(node, ctx);
                return;
            }
            "function_definition" => {
                self.function(node, ctx, &[]);
                return;
            }
            "decorated_definition" => {
                let decorators: Vec<String> = {
                    let mut cursor = node.walk();
                    node.named_children(&mut cursor)
                        .filter(|c| c.kind() == "decorator")
                        .map(|d| self.text(d).to_owned())
                        .collect()
                };
                if let Some(def) = node.field(Field::Definition) {
                    match def.kind() {
                        "function_definition" => self.function(def, ctx, &decorators),
                        "class_definition" => self.class(def, ctx),
                        _ => self.visit(def, ctx),
                    }
                }
                return;
            }
            // What a `try ... except ImportError` or an `if TYPE_CHECKING:`
            // imports is optional at run time.
            "try_statement" if catches_import_error(node, self.src) => {
                self.visit_guarded(node, ctx);
                return;
            }
            "if_statement" if self.checks_type_checking(node) => {
                self.visit_guarded(node, ctx);
                return;
            }
            "except_clause" => self.except(node),
            "call" => self.call(node),
            "print_statement" | "exec_statement" => {
                // tree-sitter still reads Python 2's `print "x"`; Python 3
                // does not.
                let text = self.text(node);
                if !text.starts_with("print(") && !text.starts_with("exec(") {
                    self.facts.syntax_error.get_or_insert(line(node));
                }
                if !self.is_test && node.kind() == "print_statement" {
                    self.facts.prints.push(line(node));
                }
            }
            "subscript" => {
                // os.environ["NAME"]
                if let Some(value) = node.field(Field::Value) {
                    let v = self.text(value);
                    if v == "os.environ" || (v == "environ" && self.environ_is_os) {
                        let name = node
                            .field(Field::Subscript)
                            .and_then(|s| self.string_literal(s));
                        self.env_read(line(node), name);
                    }
                }
            }
            "assignment" => self.assignment(node),
            "keyword_argument" => {
                if let (Some(name), Some(value)) =
                    (node.field(Field::Name), node.field(Field::Value))
                {
                    let name = self.text(name).to_owned();
                    if !self.beside_a_local_endpoint(node) {
                        self.credential(&name, value);
                    }
                }
            }
            "pair" => {
                if let (Some(key), Some(value)) = (node.field(Field::Key), node.field(Field::Value))
                {
                    if let Some(name) = self.string_literal(key) {
                        if !self.beside_a_local_host(node) && !self.in_example_data(node) {
                            self.credential(&name, value);
                        }
                    }
                }
            }
            "string" => {
                self.token_in_string(node);
                return;
            }
            _ => {}
        }
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.visit(child, ctx);
        }
    }

    fn note_import(&mut self, top: &str, dotted: &str) {
        if !self.facts.imports.iter().any(|i| i == top) {
            self.facts.imports.push(top.to_owned());
        }
        if !self.import_guard && !self.required.iter().any(|i| i == top) {
            self.required.push(top.to_owned());
        }
        let two: String = dotted.split('.').take(2).collect::<Vec<_>>().join(".");
        if !two.is_empty() && !self.facts.submodules.contains(&two) {
            self.facts.submodules.push(two);
        }
        if LOGGING_MODULES.contains(&top) {
            self.facts.uses_logging = true;
        }
        if top == "argparse" || top == "click" || top == "typer" || top == "fire" || top == "docopt"
        {
            self.facts.is_script = true;
        }
        if self.is_test && (MOCK_MODULES.contains(&top) || dotted.starts_with("unittest.mock")) {
            self.facts.mocks = true;
        }
        if self.is_test && (dotted.ends_with("testclient") || dotted.starts_with("httpx")) {
            self.facts.api_client = true;
        }
    }
}

#[cfg(test)]
mod tests;
