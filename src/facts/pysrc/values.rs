//! Calls and values: prints and logging, environment reads, test clients
//! and mocks, and credentials assigned or written into string literals.

use super::fields::{Field, FieldExt};
use super::{Walker, line};
use crate::facts::secrets;
use crate::facts::vocabulary::{TEST_CLIENT_CLASSES, is_system_variable};
use tree_sitter::Node;

impl Walker<'_> {
    pub(super) fn call(&mut self, node: Node<'_>) {
        let Some(function) = node.field(Field::Function) else {
            return;
        };
        let callee = self.text(function).to_owned();
        let first_arg = node
            .field(Field::Arguments)
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
                // A bare `environ` is os.environ only when imported from
                // os (a WSGI app's `environ.get("PATH_INFO")` is a request);
                // `config(...)`/`env(...)` only with a library that reads
                // the environment (a framework's own `config` is not one).
                let reads_env = if callee.starts_with("os.") || callee.contains("getenv") {
                    true
                } else if callee.starts_with("environ") {
                    self.environ_is_os
                } else {
                    named_like_var && self.imports_env_library()
                };
                if reads_env {
                    self.env_read(line(node), first_arg);
                }
            }
            "load_dotenv" | "dotenv.load_dotenv" | "find_dotenv" => self.env_read(line(node), None),
            _ => {}
        }
        if callee.ends_with(".login") {
            self.login_password(node);
        }
        if let Some((receiver, method)) = callee.rsplit_once('.') {
            if matches!(method, "send_keys" | "fill" | "type") {
                self.typed_password(node, receiver, method);
            }
        }
        if self.is_test {
            let short = callee.rsplit('.').next().unwrap_or(&callee);
            if TEST_CLIENT_CLASSES.contains(&short)
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

    /// `server.login("me@gmail.com", "hunter2")`: smtplib, ftplib, imaplib
    /// and most clients take the password second; a literal there is
    /// committed.
    fn login_password(&mut self, call: Node<'_>) {
        let Some(arg) = call
            .field(Field::Arguments)
            .and_then(|a| a.named_child(1))
            .filter(|a| a.kind() == "string")
        else {
            return;
        };
        let Some(text) = self.string_literal(arg) else {
            return;
        };
        self.password_literal(arg, &text, "passed to login()", secrets::LOGIN_FINDING);
    }

    /// A password literal at `arg`, unless it is too short, a phrase or a
    /// placeholder; a practice site's or a stock password is a development
    /// value (`DEV_KEY` and `how`), anything else `finding`.
    fn password_literal(&mut self, arg: Node<'_>, text: &str, how: &str, finding: &str) {
        if text.len() < 4 || text.contains(' ') || secrets::is_login_stand_in(text) {
            return;
        }
        let what = if secrets::is_dev_value("password", text) {
            format!("{} {how}", secrets::DEV_KEY)
        } else {
            finding.to_owned()
        };
        self.facts.credentials.push((line(arg), what));
    }

    /// A literal a browser driver types into a password field (the text
    /// scan's `TYPED_PASSWORD`, on the syntax tree): the receiver names a
    /// password (`password_input.send_keys("x")`, `find_element(By.ID,
    /// "password").send_keys("x")`), or `fill`/`type` gets a password
    /// selector and the value (`page.fill("#password", "x")`).
    fn typed_password(&mut self, call: Node<'_>, receiver: &str, method: &str) {
        let names_password = |t: &str| {
            let t = t.to_ascii_lowercase();
            t.contains("passw") || t.contains("pwd")
        };
        let args = call.field(Field::Arguments);
        let literal = |i: u32| {
            args.and_then(|a| a.named_child(i))
                .filter(|a| a.kind() == "string")
                .and_then(|a| self.string_literal(a).map(|t| (a, t)))
        };
        let typed = if names_password(receiver) {
            literal(0)
        } else if method != "send_keys" && literal(0).is_some_and(|(_, s)| names_password(&s)) {
            literal(1)
        } else {
            None
        };
        if let Some((arg, text)) = typed {
            self.password_literal(
                arg,
                &text,
                "typed into a password field",
                secrets::TYPED_FINDING,
            );
        }
    }

    /// python-decouple, environs, django-environ, Starlette's Config or
    /// pydantic-settings: the libraries whose `config("X")`/`env("X")`
    /// reads an environment variable.
    fn imports_env_library(&self) -> bool {
        self.facts.imports.iter().any(|i| {
            matches!(
                i.as_str(),
                "decouple" | "environs" | "environ" | "starlette" | "prettyconf" | "dotenv"
            )
        })
    }

    pub(super) fn env_read(&mut self, line: u32, name: Option<String>) {
        if self.is_test {
            return;
        }
        if name.as_deref().is_some_and(is_system_variable) {
            return;
        }
        self.facts.env_reads.push((line, name));
    }

    pub(super) fn assignment(&mut self, node: Node<'_>) {
        let (Some(left), Some(right)) = (node.field(Field::Left), node.field(Field::Right)) else {
            return;
        };
        let name = match left.kind() {
            "identifier" => self.text(left).to_owned(),
            "attribute" => left
                .field(Field::Attribute)
                .map(|a| self.text(a).to_owned())
                .unwrap_or_default(),
            "subscript" => {
                self.subscript_key(left, right);
                return;
            }
            _ => return,
        };
        self.secret_from_env(&name, right);
        // A generated credential (an app password, a provider key) is no
        // local database's throwaway login, whatever host sits beside it.
        let generated = self
            .string_literal(right)
            .is_some_and(|v| secrets::is_real_key(&name, &v));
        if generated || !self.beside_a_local_service(node, right) {
            self.credential(&name, right);
        }
    }

    /// Whether a password assignment sits in a block that also sets a
    /// local host (`host = 'localhost'`) or a user name with the same
    /// value (`username = password = 'app'`): a throwaway local database's
    /// login, like a `DATABASES` entry whose `HOST` is local.
    fn beside_a_local_service(&self, assignment: Node<'_>, value: Node<'_>) -> bool {
        let Some(password) = self.string_literal(value) else {
            return false;
        };
        let Some(block) = assignment.parent().and_then(|s| s.parent()) else {
            return false;
        };
        let mut cursor = block.walk();
        let siblings: Vec<Node<'_>> = block.named_children(&mut cursor).collect();
        siblings.into_iter().any(|statement| {
            let Some(other) = statement
                .named_child(0)
                .filter(|a| a.kind() == "assignment" && a.id() != assignment.id())
            else {
                return false;
            };
            let (Some(left), Some(right)) = (other.field(Field::Left), other.field(Field::Right))
            else {
                return false;
            };
            let target = match left.kind() {
                "identifier" => self.text(left),
                "attribute" => left.field(Field::Attribute).map_or("", |a| self.text(a)),
                _ => return false,
            }
            .to_ascii_lowercase();
            let Some(literal) = self.string_literal(right) else {
                return false;
            };
            (target.ends_with("host") || target.ends_with("hostname"))
                && matches!(literal.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0")
                || (target.ends_with("user") || target.ends_with("username")) && literal == password
                || is_local_endpoint(&target, &literal)
        })
    }

    /// Whether a keyword argument sits in a call that also names a local
    /// endpoint (`boto3.resource("s3", endpoint_url="http://minio:9000",
    /// aws_secret_access_key="minio123")`): a container's login.
    pub(super) fn beside_a_local_endpoint(&self, argument: Node<'_>) -> bool {
        let Some(list) = argument.parent().filter(|p| p.kind() == "argument_list") else {
            return false;
        };
        let mut cursor = list.walk();
        let siblings: Vec<Node<'_>> = list.named_children(&mut cursor).collect();
        siblings.into_iter().any(|k| {
            k.kind() == "keyword_argument"
                && k.id() != argument.id()
                && k.field(Field::Name)
                    .zip(k.field(Field::Value).and_then(|v| self.string_literal(v)))
                    .is_some_and(|(n, v)| is_local_endpoint(&self.text(n).to_ascii_lowercase(), &v))
        })
    }

    /// Whether a literal is part of documented example data: a value under
    /// an `example`/`examples` key or argument, or in a pydantic model's
    /// `schema_extra`/`json_schema_extra`, which feed the OpenAPI page.
    pub(super) fn in_example_data(&self, node: Node<'_>) -> bool {
        const EXAMPLE_NAMES: &[&str] = &[
            "example",
            "examples",
            "schema_extra",
            "json_schema_extra",
            "openapi_examples",
        ];
        let mut at = node.parent();
        for _ in 0..8 {
            let Some(n) = at else {
                return false;
            };
            let name = match n.kind() {
                "pair" => n.field(Field::Key).and_then(|k| self.string_literal(k)),
                "keyword_argument" | "assignment" => {
                    let target = n.field(if n.kind() == "assignment" {
                        Field::Left
                    } else {
                        Field::Name
                    });
                    target.map(|t| self.text(t).to_owned())
                }
                _ => None,
            };
            if name.is_some_and(|name| EXAMPLE_NAMES.contains(&name.to_ascii_lowercase().as_str()))
            {
                return true;
            }
            at = n.parent();
        }
        false
    }

    /// `SECRET_KEY = env("SECRET_KEY")`, `os.environ["SECRET_KEY"]`: a
    /// secret-named setting read by its own name, whatever helper reads it
    /// (a project's own `env` wrapper included). Recorded with the
    /// credentials under [`secrets::FROM_ENV`], so a literal default for
    /// the same name elsewhere reads as the development value.
    fn secret_from_env(&mut self, name: &str, value: Node<'_>) {
        if !matches!(value.kind(), "call" | "subscript") || !secrets::is_secret_name(name) {
            return;
        }
        let text = self.text(value);
        let marker = if [format!("\"{name}\""), format!("'{name}'")]
            .iter()
            .any(|q| text.contains(q.as_str()))
        {
            secrets::FROM_ENV
        } else {
            secrets::COMPUTED
        };
        self.facts
            .credentials
            .push((line(value), format!("{marker} {name}")));
    }

    /// `app.config["SECRET_KEY"] = "a1473959..."`: a generated key set by
    /// subscript. Only a real-looking one counts, as in the history scan: a
    /// typed phrase there is a tutorial's stand-in far more often. Where it
    /// sits decides the rest (a test's value is a fixture).
    fn subscript_key(&mut self, target: Node<'_>, value: Node<'_>) {
        let Some(key) = target
            .field(Field::Subscript)
            .and_then(|k| self.string_literal(k))
        else {
            return;
        };
        let Some(text) = self.string_literal(value) else {
            return;
        };
        if secrets::is_real_key(&key, &text) && secrets::named_as(&key) != secrets::NamedAs::StandIn
        {
            self.facts
                .credentials
                .push((line(value), format!("hard-coded {key}")));
        }
    }

    /// A secret-named target given a literal, real-looking string.
    pub(super) fn credential(&mut self, name: &str, value: Node<'_>) {
        if !secrets::is_secret_name(name) {
            return;
        }
        let Some(text) = self.string_literal(value) else {
            return;
        };
        let named = secrets::named_as(name);
        if named == secrets::NamedAs::StandIn {
            return;
        }
        // Django's generated key under its quick-start comment.
        let quick_start = name == "SECRET_KEY" && secrets::has_django_quick_start(self.src);
        let development = named == secrets::NamedAs::Development || quick_start;
        // A real-looking provider key stays a leak whatever its name says.
        if secrets::is_real_key(name, &text) {
            let l = line(value);
            self.facts.credentials.retain(|(x, _)| *x != l);
            self.facts
                .credentials
                .push((l, format!("{} {name}", secrets::REAL_KEY)));
        } else if text.len() >= 8
            && !text.contains(' ')
            && !secrets::is_stand_in_for(name, &text)
            && !secrets::is_own_name(name, &text)
        {
            let what = if secrets::is_dev_value(name, &text) || development {
                secrets::DEV_KEY
            } else {
                "hard-coded"
            };
            self.facts
                .credentials
                .push((line(value), format!("{what} {name}")));
        }
    }

    pub(super) fn token_in_string(&mut self, node: Node<'_>) {
        let text = self.text(node);
        if text.len() < 16 || text.len() > 4096 {
            return;
        }
        // A docstring's example (`Client(api_key="sk-...")`) documents the
        // API; it is not a credential the code uses.
        if node
            .parent()
            .is_some_and(|p| p.kind() == "expression_statement" && p.named_child_count() == 1)
        {
            return;
        }
        // The value of a setting whose name says it is fake or public by
        // design (`GOOGLE_MAP_API_KEY = "AIza..."`).
        if self
            .assigned_name(node)
            .is_some_and(|n| secrets::named_as(&n) == secrets::NamedAs::StandIn)
        {
            return;
        }
        // A connection string with a password for a real host, whatever
        // name it is assigned to (`SQLALCHEMY_DATABASE_URI = "mysql://..."`):
        // the history scan reads the same line the same way.
        let kind = secrets::token_kind(text).or_else(|| {
            (text.contains("://") && secrets::url_password(text, false))
                .then_some(secrets::URL_PASSWORD_FINDING)
        });
        if let Some(kind) = kind {
            let l = line(node);
            if !self.facts.credentials.iter().any(|(x, _)| *x == l) {
                self.facts.credentials.push((l, kind.to_owned()));
            }
        }
    }

    /// The name a string literal is given: the target of an assignment,
    /// the key of a dictionary pair, a keyword argument's name.
    fn assigned_name(&self, string: Node<'_>) -> Option<String> {
        let parent = string.parent()?;
        match parent.kind() {
            "assignment" => {
                let left = parent.field(Field::Left)?;
                match left.kind() {
                    "identifier" => Some(self.text(left).to_owned()),
                    "attribute" => left
                        .field(Field::Attribute)
                        .map(|a| self.text(a).to_owned()),
                    _ => None,
                }
            }
            "pair" => parent
                .field(Field::Key)
                .and_then(|k| self.string_literal(k)),
            "keyword_argument" => parent.field(Field::Name).map(|n| self.text(n).to_owned()),
            _ => None,
        }
    }

    /// Whether a dictionary pair sits beside a `HOST` key naming this
    /// machine or a container service (`'HOST': 'localhost'`, `"host":
    /// "db"`): Django's `DATABASES` for local runs. Its password is a
    /// throwaway, as in a URL to such a host.
    pub(super) fn beside_a_local_host(&self, pair: Node<'_>) -> bool {
        let Some(dict) = pair.parent().filter(|p| p.kind() == "dictionary") else {
            return false;
        };
        let mut cursor = dict.walk();
        let siblings: Vec<Node<'_>> = dict.named_children(&mut cursor).collect();
        siblings
            .into_iter()
            .filter(|n| n.kind() == "pair")
            .any(|p| {
                let key = p.field(Field::Key).and_then(|k| self.string_literal(k));
                let value = p.field(Field::Value).and_then(|v| self.string_literal(v));
                match (key, value) {
                    (Some(k), Some(v)) if k.eq_ignore_ascii_case("host") => {
                        matches!(v.as_str(), "localhost" | "127.0.0.1" | "0.0.0.0")
                            || (!v.is_empty() && !v.contains('.'))
                    }
                    _ => false,
                }
            })
    }

    /// The value of a plain string literal (no f-string interpolation).
    pub(super) fn string_literal(&self, node: Node<'_>) -> Option<String> {
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

/// A host or endpoint setting whose value names this machine or a compose
/// service (`endpoint_url = "http://minio:9000"`, `host="db"`).
fn is_local_endpoint(name: &str, value: &str) -> bool {
    // A URL setting counts only with a scheme: `STATIC_URL = "static/"`
    // is a path.
    let endpoint = name.ends_with("host")
        || name.ends_with("hostname")
        || ((name.ends_with("url") || name.ends_with("endpoint")) && value.contains("://"));
    let host = value
        .split_once("://")
        .map_or(value, |(_, rest)| rest)
        .split(['/', ':', '@'])
        .next()
        .unwrap_or("");
    endpoint && !host.is_empty() && secrets::is_local_host(host)
}
