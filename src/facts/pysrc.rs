//! What a reviewer sees when they open a Python file, read with
//! tree-sitter-python: real tests and their assertions, docstrings, type
//! hints, error handling, print-versus-logging, long functions, imports,
//! environment reads and hard-coded credentials. tree-sitter recovers from
//! syntax errors, so a broken file still yields what can be counted.

use tree_sitter::{Node, Parser};

/// Functions longer than this many lines are hard to review.
pub const LONG_FUNCTION_LINES: usize = 60;
/// Files longer than this many non-blank lines want splitting.
pub const LONG_FILE_LINES: usize = 600;

#[derive(Debug, Clone, Default)]
pub struct TestFunction {
    pub line: u32,
    pub name: String,
    pub assertions: usize,
}

#[derive(Debug, Clone, Default)]
pub struct FileFacts {
    pub lines: usize,
    pub imports: Vec<String>,
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
        if is_test
            && name == "tests.py"
            && facts.tests.is_empty()
            && source.contains("Create your tests here")
        {
            facts.django_stub = true;
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
}

fn line(node: Node<'_>) -> u32 {
    node.start_position().row as u32 + 1
}

fn first_error(node: Node<'_>) -> Option<Node<'_>> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        if child.has_error() {
            if let Some(e) = first_error(child) {
                return Some(e);
            }
        }
    }
    None
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
            && c.child_by_field_name("condition")
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

/// Top-level package of an import: `os.path` -> `os`.
fn top_module(dotted: &str) -> Option<String> {
    let top = dotted.split('.').next()?.trim();
    (!top.is_empty()).then(|| top.to_owned())
}

const MOCK_MODULES: &[&str] = &[
    "mock",
    "pytest_mock",
    "responses",
    "respx",
    "requests_mock",
    "httpretty",
    "aioresponses",
    "moto",
    "vcr",
    "pook",
];
const API_CLIENTS: &[&str] = &[
    "TestClient",
    "APIClient",
    "AsyncClient",
    "Client",
    "APIRequestFactory",
    "RequestFactory",
    "FlaskClient",
];
const TEST_BASES: &[&str] = &[
    "TestCase",
    "APITestCase",
    "TransactionTestCase",
    "SimpleTestCase",
    "LiveServerTestCase",
    "StaticLiveServerTestCase",
    "IsolatedAsyncioTestCase",
    "APITransactionTestCase",
    "AsyncTestCase",
    "AioHTTPTestCase",
];

impl Walker<'_> {
    fn text(&self, node: Node<'_>) -> &str {
        node.utf8_text(self.src).unwrap_or("")
    }

    fn visit(&mut self, node: Node<'_>, ctx: Context) {
        match node.kind() {
            "import_statement" => {
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    let dotted = match child.kind() {
                        "aliased_import" => child
                            .child_by_field_name("name")
                            .map(|n| self.text(n).to_owned()),
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
                if let Some(module) = node.child_by_field_name("module_name") {
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
                if let Some(def) = node.child_by_field_name("definition") {
                    match def.kind() {
                        "function_definition" => self.function(def, ctx, &decorators),
                        "class_definition" => self.class(def, ctx),
                        _ => self.visit(def, ctx),
                    }
                }
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
                if let Some(value) = node.child_by_field_name("value") {
                    let v = self.text(value);
                    if v == "os.environ" || v == "environ" {
                        let name = node
                            .child_by_field_name("subscript")
                            .and_then(|s| self.string_literal(s));
                        self.env_read(line(node), name);
                    }
                }
            }
            "assignment" => self.assignment(node),
            "keyword_argument" => {
                if let (Some(name), Some(value)) = (
                    node.child_by_field_name("name"),
                    node.child_by_field_name("value"),
                ) {
                    let name = self.text(name).to_owned();
                    self.credential(&name, value);
                }
            }
            "pair" => {
                if let (Some(key), Some(value)) = (
                    node.child_by_field_name("key"),
                    node.child_by_field_name("value"),
                ) {
                    if let Some(name) = self.string_literal(key) {
                        self.credential(&name, value);
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
        if top == "logging" || top == "loguru" || top == "structlog" {
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

    fn class(&mut self, node: Node<'_>, ctx: Context) {
        let name = node
            .child_by_field_name("name")
            .map(|n| self.text(n).to_owned())
            .unwrap_or_default();
        let bases = node
            .child_by_field_name("superclasses")
            .map(|n| self.text(n).to_owned())
            .unwrap_or_default();
        let is_test_class = self.is_test
            && (name.starts_with("Test")
                || TEST_BASES.iter().any(|b| bases.contains(b))
                || bases.contains("TestCase"));
        if bases.contains("APITestCase")
            || bases.contains("LiveServerTestCase")
            || (self.is_test && bases.contains("django.test"))
        {
            self.facts.api_client = true;
        }
        if bases.contains("BaseSettings") && !self.is_test {
            self.env_read(line(node), None);
        }
        if !self.is_test && !name.starts_with('_') && ctx != Context::Function {
            self.facts.public_defs += 1;
            if node
                .child_by_field_name("body")
                .and_then(docstring_of)
                .is_some()
            {
                self.facts.documented += 1;
            }
        }
        if let Some(body) = node.child_by_field_name("body") {
            let mut cursor = body.walk();
            for child in body.named_children(&mut cursor) {
                self.visit(child, Context::Class(is_test_class));
            }
        }
    }

    fn function(&mut self, node: Node<'_>, ctx: Context, decorators: &[String]) {
        let name = node
            .child_by_field_name("name")
            .map(|n| self.text(n).to_owned())
            .unwrap_or_default();
        let body = node.child_by_field_name("body");
        let span = node
            .end_position()
            .row
            .saturating_sub(node.start_position().row)
            + 1;
        // unittest's setUp family is the fixture mechanism of TestCase classes.
        let unittest_setup = matches!(ctx, Context::Class(true))
            && matches!(
                name.as_str(),
                "setUp"
                    | "setUpClass"
                    | "setUpTestData"
                    | "asyncSetUp"
                    | "setup_method"
                    | "setup_class"
            );
        let is_fixture = decorators.iter().any(|d| d.contains("fixture")) || unittest_setup;
        if is_fixture {
            self.facts.fixtures += 1;
        }
        if decorators.iter().any(|d| d.contains("parametrize")) {
            self.facts.parametrized += 1;
        }
        let params = node.child_by_field_name("parameters");
        let param_text = params.map(|p| self.text(p).to_owned()).unwrap_or_default();
        let in_test_scope = match ctx {
            Context::Module => true,
            Context::Class(test) => test,
            Context::Function => false,
        };
        if self.is_test && in_test_scope && name.starts_with("test") && !is_fixture {
            if param_text.contains("mocker")
                || param_text.contains("monkeypatch")
                || param_text.contains("httpx_mock")
            {
                self.facts.mocks = true;
            }
            if param_text.contains("client") {
                self.facts.api_client = true;
            }
            let assertions = body.map_or(0, |b| count_assertions(b, self.src));
            self.facts.tests.push(TestFunction {
                line: line(node),
                name: name.clone(),
                assertions,
            });
        }
        if !self.is_test {
            let public = !name.starts_with('_') && ctx != Context::Function;
            if public {
                self.facts.public_defs += 1;
                if body.and_then(docstring_of).is_some() {
                    self.facts.documented += 1;
                }
            }
            if ctx != Context::Function {
                self.facts.functions += 1;
                if params
                    .is_some_and(|p| fully_typed(p, node, matches!(ctx, Context::Class(_)), &name))
                {
                    self.facts.typed_functions += 1;
                }
            }
            if span > LONG_FUNCTION_LINES {
                self.facts
                    .long_functions
                    .push((line(node), name.clone(), span));
            }
        }
        if let Some(b) = body {
            let mut cursor = b.walk();
            for child in b.named_children(&mut cursor) {
                self.visit(child, Context::Function);
            }
        }
    }

    fn except(&mut self, node: Node<'_>) {
        let mut cursor = node.walk();
        let children: Vec<Node<'_>> = node.named_children(&mut cursor).collect();
        let block = children.iter().find(|c| c.kind() == "block");
        let caught: Vec<&Node<'_>> = children
            .iter()
            .filter(|c| c.kind() != "block" && c.kind() != "comment")
            .collect();
        if caught.is_empty() {
            self.facts.bare_excepts.push(line(node));
        }
        let broad = caught.is_empty()
            || caught.iter().any(|c| {
                let t = self.text(**c);
                t == "Exception"
                    || t == "BaseException"
                    || t.starts_with("Exception as")
                    || t.starts_with("BaseException as")
            });
        let only_pass = block.is_some_and(|b| {
            let mut c = b.walk();
            let stmts: Vec<Node<'_>> = b
                .named_children(&mut c)
                .filter(|s| s.kind() != "comment")
                .collect();
            !stmts.is_empty()
                && stmts.iter().all(|s| {
                    s.kind() == "pass_statement"
                        || s.kind() == "continue_statement"
                        || (s.kind() == "expression_statement" && self.text(*s) == "...")
                })
        });
        if broad && only_pass {
            self.facts.swallowed_exceptions.push(line(node));
        }
    }

    fn call(&mut self, node: Node<'_>) {
        let Some(function) = node.child_by_field_name("function") else {
            return;
        };
        let callee = self.text(function).to_owned();
        let first_arg = node
            .child_by_field_name("arguments")
            .and_then(|a| a.named_child(0))
            .and_then(|a| self.string_literal(a));
        match callee.as_str() {
            "print" | "pprint" | "pprint.pprint" if !self.is_test => {
                self.facts.prints.push(line(node))
            }
            "os.getenv"
            | "getenv"
            | "os.environ.get"
            | "environ.get"
            | "os.environ.setdefault"
            | "os.environ.pop"
            | "config"
            | "env"
            | "env.str"
            | "env.int"
            | "env.bool"
            | "env.float"
            | "env.list"
            | "decouple.config" => {
                // `config(...)` and `env(...)` are python-decouple and
                // environs only when given a variable-like name.
                let named_like_var = first_arg.as_deref().is_some_and(|n| {
                    n.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                        && !n.is_empty()
                });
                if callee.starts_with("os.")
                    || callee.contains("getenv")
                    || callee.starts_with("environ")
                    || named_like_var
                {
                    self.env_read(line(node), first_arg);
                }
            }
            "load_dotenv" | "dotenv.load_dotenv" | "find_dotenv" => self.env_read(line(node), None),
            _ => {}
        }
        if self.is_test {
            let short = callee.rsplit('.').next().unwrap_or(&callee);
            if API_CLIENTS.contains(&short)
                || callee.starts_with("self.client.")
                || callee.starts_with("client.")
            {
                self.facts.api_client = true;
            }
            if callee.starts_with("mock.")
                || callee.starts_with("patch")
                || callee.contains("mock.patch")
                || callee == "MagicMock"
                || callee == "Mock"
            {
                self.facts.mocks = true;
            }
        }
    }

    fn env_read(&mut self, line: u32, name: Option<String>) {
        if self.is_test {
            return;
        }
        if name
            .as_deref()
            .is_some_and(super::python::is_system_variable)
        {
            return;
        }
        self.facts.env_reads.push((line, name));
    }

    fn assignment(&mut self, node: Node<'_>) {
        let (Some(left), Some(right)) = (
            node.child_by_field_name("left"),
            node.child_by_field_name("right"),
        ) else {
            return;
        };
        let name = match left.kind() {
            "identifier" => self.text(left).to_owned(),
            "attribute" => left
                .child_by_field_name("attribute")
                .map(|a| self.text(a).to_owned())
                .unwrap_or_default(),
            _ => return,
        };
        self.credential(&name, right);
    }

    /// A secret-named target given a literal, real-looking string.
    fn credential(&mut self, name: &str, value: Node<'_>) {
        if !super::history::is_secret_name(name) {
            return;
        }
        let Some(text) = self.string_literal(value) else {
            return;
        };
        if text.len() >= 8 && !text.contains(' ') && !super::history::is_placeholder(&text) {
            self.facts
                .credentials
                .push((line(value), format!("hard-coded {name}")));
        }
    }

    fn token_in_string(&mut self, node: Node<'_>) {
        let text = self.text(node);
        if text.len() < 16 || text.len() > 4096 {
            return;
        }
        if let Some(kind) = super::history::token_kind(text) {
            let l = line(node);
            if !self.facts.credentials.iter().any(|(x, _)| *x == l) {
                self.facts.credentials.push((l, kind.to_owned()));
            }
        }
    }

    /// The value of a plain string literal (no f-string interpolation).
    fn string_literal(&self, node: Node<'_>) -> Option<String> {
        if node.kind() != "string" {
            return None;
        }
        let mut cursor = node.walk();
        let mut out = String::new();
        for child in node.named_children(&mut cursor) {
            match child.kind() {
                "string_content" => out.push_str(self.text(child)),
                "interpolation" => return None,
                _ => {}
            }
        }
        Some(out)
    }
}

/// Assertions in a test body: `assert`, `self.assert*`, `pytest.raises`,
/// mock `assert_called*`, and `expect(...)` style checks.
fn count_assertions(node: Node<'_>, src: &[u8]) -> usize {
    let mut count = 0;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match n.kind() {
            "assert_statement" => count += 1,
            "call" => {
                if let Some(f) = n.child_by_field_name("function") {
                    let callee = f.utf8_text(src).unwrap_or("");
                    let short = callee.rsplit('.').next().unwrap_or(callee);
                    if short.starts_with("assert")
                        || short == "raises"
                        || short == "expect"
                        || short == "fail"
                    {
                        count += 1;
                    }
                }
            }
            _ => {}
        }
        let mut cursor = n.walk();
        stack.extend(n.named_children(&mut cursor));
    }
    count
}

/// Every parameter but self/cls annotated, and a return annotation (not
/// needed on `__init__`).
fn fully_typed(params: Node<'_>, function: Node<'_>, is_method: bool, name: &str) -> bool {
    let mut cursor = params.walk();
    let mut first = true;
    for p in params.named_children(&mut cursor) {
        let skip_self = is_method && first;
        first = false;
        match p.kind() {
            "typed_parameter" | "typed_default_parameter" => {}
            "identifier" | "default_parameter" if skip_self => {}
            "list_splat_pattern"
            | "dictionary_splat_pattern"
            | "identifier"
            | "default_parameter" => return false,
            _ => {}
        }
    }
    name == "__init__" || function.child_by_field_name("return_type").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(path: &str, src: &str, test: bool) -> FileFacts {
        PyAnalyzer::new().expect("grammar").analyse(path, src, test)
    }

    #[test]
    fn counts_pytest_and_unittest_tests_with_assertions() {
        let src = r#"
import pytest
from unittest import mock

@pytest.fixture
def user():
    return 1

@pytest.mark.parametrize("x", [1, 2])
def test_add(x, user):
    assert x + user > 1

def helper():
    pass

class TestThings:
    def test_one(self):
        with pytest.raises(ValueError):
            int("x")

class ModelTests(TestCase):
    def test_two(self):
        self.assertEqual(1, 1)
    def setUp(self):
        pass
"#;
        let f = analyse("tests/test_x.py", src, true);
        let names: Vec<&str> = f.tests.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["test_add", "test_one", "test_two"]);
        assert!(f.tests.iter().all(|t| t.assertions == 1));
        assert_eq!(
            (f.fixtures, f.parametrized),
            (2, 1),
            "@pytest.fixture and setUp"
        );
        assert!(f.mocks);
    }

    #[test]
    fn a_test_file_that_is_a_script_has_no_tests() {
        let f = analyse(
            "test_api.py",
            "import requests\nprint(requests.get('http://x').status_code)\n",
            true,
        );
        assert!(f.tests.is_empty());
        let stub = analyse(
            "app/tests.py",
            "from django.test import TestCase\n\n# Create your tests here.\n",
            true,
        );
        assert!(stub.django_stub);
    }

    #[test]
    fn docstrings_types_and_error_handling() {
        let src = r#""""Module doc."""
import logging

def typed(a: int, b: str = "x") -> bool:
    """Doc."""
    return True

def untyped(a, b):
    try:
        return a / b
    except:
        pass

class Service:
    def run(self, n: int) -> None:
        try:
            pass
        except Exception as e:
            pass
        print("done")
"#;
        let f = analyse("app/service.py", src, false);
        assert_eq!(f.public_defs, 5);
        assert_eq!(f.documented, 2);
        assert_eq!((f.functions, f.typed_functions), (3, 2));
        assert_eq!(f.bare_excepts, vec![11]);
        assert_eq!(f.swallowed_exceptions, vec![11, 18]);
        assert_eq!(f.prints, vec![20]);
        assert!(f.uses_logging);
    }

    #[test]
    fn env_reads_and_credentials() {
        let src = r#"
import os
from pydantic_settings import BaseSettings
KEY = os.getenv("API_KEY")
DB = os.environ["DATABASE_URL"]
PAGER = os.environ.get("PAGER")
SECRET_KEY = "django-insecure-abc123xyz"
PASSWORD = "changeme"
token = f"{KEY}"
class Settings(BaseSettings):
    debug: bool = False
"#;
        let f = analyse("app/settings.py", src, false);
        let names: Vec<Option<&str>> = f.env_reads.iter().map(|(_, n)| n.as_deref()).collect();
        assert_eq!(names, [Some("API_KEY"), Some("DATABASE_URL"), None]);
        assert_eq!(f.credentials, vec![(7, "hard-coded SECRET_KEY".to_owned())]);
    }

    #[test]
    fn python_2_print_is_not_python_3() {
        assert_eq!(
            analyse("old.py", "name = 'x'\nprint \"Hello, \" + name\n", false).syntax_error,
            Some(2)
        );
        assert_eq!(analyse("new.py", "print('x')\n", false).syntax_error, None);
    }

    #[test]
    fn broken_source_still_counts() {
        let f = analyse(
            "app/broken.py",
            "import os\ndef f(:\n    pass\nprint('x')\n",
            false,
        );
        assert!(f.syntax_error.is_some());
        assert!(f.imports.contains(&"os".to_owned()));
    }
}
