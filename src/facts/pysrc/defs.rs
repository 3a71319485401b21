//! Definitions: classes (test classes among them), functions (tests,
//! fixtures, long and typed functions, docstrings) and exception handlers.

use super::fields::{Field, FieldExt};
use super::{Context, LONG_FUNCTION_LINES, TestFunction, Walker, docstring_of, line};
use crate::facts::vocabulary::TEST_CASE_BASES;
use tree_sitter::Node;

impl Walker<'_> {
    pub(super) fn class(&mut self, node: Node<'_>, ctx: Context) {
        let name = node
            .field(Field::Name)
            .map(|n| self.text(n).to_owned())
            .unwrap_or_default();
        let bases = node
            .field(Field::Superclasses)
            .map(|n| self.text(n).to_owned())
            .unwrap_or_default();
        let is_test_class = self.is_test
            && (name.starts_with("Test")
                || TEST_CASE_BASES.iter().any(|b| bases.contains(b))
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
            if node.field(Field::Body).and_then(docstring_of).is_some() {
                self.facts.documented += 1;
            }
        }
        if let Some(body) = node.field(Field::Body) {
            let mut cursor = body.walk();
            for child in body.named_children(&mut cursor) {
                self.visit(child, Context::Class(is_test_class));
            }
        }
    }

    pub(super) fn function(&mut self, node: Node<'_>, ctx: Context, decorators: &[String]) {
        let name = node
            .field(Field::Name)
            .map(|n| self.text(n).to_owned())
            .unwrap_or_default();
        let body = node.field(Field::Body);
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
        let params = node.field(Field::Parameters);
        let param_text = params.map(|p| self.text(p).to_owned()).unwrap_or_default();
        let in_test_scope = match ctx {
            Context::Module => true,
            Context::Class(test) => test,
            Context::Function => false,
        };
        // A placeholder (`pass`, `...`, `assert True`, Poetry's scaffold
        // `assert __version__ == "0.1.0"`) is no test: a template's stub or
        // a CI smoke line, it exercises nothing.
        let placeholder = body.is_some_and(|b| is_placeholder_body(b, self.src));
        if self.is_test && in_test_scope && name.starts_with("test") && !is_fixture && !placeholder
        {
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

    pub(super) fn except(&mut self, node: Node<'_>) {
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
}

/// Assertions in a test body: `assert`, `self.assert*`, `pytest.raises`,
/// mock `assert_called*`, and `expect(...)` style checks.
/// A function body of nothing but `pass`, `...`, a docstring, and asserts
/// of literals alone (`assert True`, `assert 1 + 1 == 2`, and a version
/// string compared with one: `assert __version__ == "0.1.0"`).
fn is_placeholder_body(body: Node<'_>, src: &[u8]) -> bool {
    const LITERALS: &[&str] = &[
        "true", "false", "none", "integer", "float", "string", "ellipsis",
    ];
    let mut cursor = body.walk();
    let statements: Vec<Node<'_>> = body.named_children(&mut cursor).collect();
    !statements.is_empty()
        && statements.iter().all(|st| match st.kind() {
            "pass_statement" | "comment" => true,
            "expression_statement" => st
                .named_child(0)
                .is_some_and(|e| LITERALS.contains(&e.kind())),
            "assert_statement" => {
                st.named_child_count() == 1
                    && st.named_child(0).is_some_and(|e| is_constant(e, src))
            }
            _ => false,
        })
}

/// An expression of literals alone (`True`, `1 + 1 == 2`, `not False`):
/// its value is fixed before any project code runs.
fn is_constant(e: Node<'_>, src: &[u8]) -> bool {
    const LITERALS: &[&str] = &[
        "true", "false", "none", "integer", "float", "string", "ellipsis",
    ];
    const OPERATORS: &[&str] = &[
        "binary_operator",
        "comparison_operator",
        "boolean_operator",
        "not_operator",
        "unary_operator",
        "parenthesized_expression",
    ];
    if LITERALS.contains(&e.kind()) {
        return true;
    }
    // The package's own version string, set in the source it sits beside.
    if matches!(e.kind(), "identifier" | "attribute")
        && e.utf8_text(src)
            .is_ok_and(|t| t == "__version__" || t.ends_with(".__version__"))
    {
        return true;
    }
    let mut cursor = e.walk();
    let operands: Vec<Node<'_>> = e.named_children(&mut cursor).collect();
    OPERATORS.contains(&e.kind())
        && !operands.is_empty()
        && operands.into_iter().all(|o| is_constant(o, src))
}

/// Assertions anywhere under `node`: `assert` statements and calls to
/// `assert*`, `raises`, `expect` and `fail`. One cursor walks the subtree
/// (anonymous nodes are tokens, leaves, so every named node is reached);
/// a cursor per node cost an allocation each, 5% of a large history's
/// audit on the test files.
fn count_assertions(node: Node<'_>, src: &[u8]) -> usize {
    let mut count = 0;
    let mut cursor = node.walk();
    loop {
        let n = cursor.node();
        if n.is_named() {
            count += usize::from(is_assertion(n, src));
        }
        if cursor.goto_first_child() {
            continue;
        }
        // Up to the nearest ancestor with a next sibling, never above
        // `node` (the cursor's root).
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return count;
            }
        }
    }
}

fn is_assertion(n: Node<'_>, src: &[u8]) -> bool {
    match n.kind() {
        "assert_statement" => true,
        "call" => n.field(Field::Function).is_some_and(|f| {
            let callee = f.utf8_text(src).unwrap_or("");
            let short = callee.rsplit('.').next().unwrap_or(callee);
            short.starts_with("assert") || short == "raises" || short == "expect" || short == "fail"
        }),
        _ => false,
    }
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
    name == "__init__" || function.field(Field::ReturnType).is_some()
}
