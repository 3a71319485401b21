//! A YAML tree built from yaml-rust2's event stream. Aliases are kept as
//! `Node::Alias` and never expanded, so a "billion laughs" file costs what
//! its text costs; every scalar keeps its line for evidence.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// More nodes than this in one file is not a CI config anyone wrote by hand.
const MAX_NODES: usize = 200_000;
/// Deeper nesting than this is refused: walking and even dropping the tree
/// recurse once per level, so `[[[[…]]]]` must not reach them.
pub const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
    Scalar { value: String, line: u32 },
    Alias,
}

impl Node {
    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn line(&self) -> Option<u32> {
        match self {
            Node::Scalar { line, .. } => Some(*line),
            Node::Map(entries) => entries.first().and_then(|(k, _)| k.line()),
            Node::Seq(items) => items.first().and_then(Node::line),
            Node::Alias => None,
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

enum Frame {
    Seq(Vec<Node>),
    /// Entries so far, and a key waiting for its value.
    Map(Vec<(Node, Node)>, Option<Node>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    docs: Vec<Node>,
    nodes: usize,
    too_big: bool,
    too_deep: Option<usize>,
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.too_big = true;
            return;
        }
        match self.stack.last_mut() {
            Some(Frame::Seq(items)) => items.push(node),
            Some(Frame::Map(entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => *pending = Some(node),
            },
            None => self.docs.push(node),
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.too_big || self.too_deep.is_some() {
            return;
        }
        let line = mark.line() as u32;
        let opens = matches!(ev, Event::SequenceStart(..) | Event::MappingStart(..));
        if opens && self.stack.len() >= MAX_DEPTH {
            self.too_deep = Some(mark.line());
            self.stack.clear();
            return;
        }
        match ev {
            Event::Scalar(value, ..) => self.push_value(Node::Scalar { value, line }),
            Event::Alias(_) => self.push_value(Node::Alias),
            Event::SequenceStart(..) => self.stack.push(Frame::Seq(Vec::new())),
            Event::MappingStart(..) => self.stack.push(Frame::Map(Vec::new(), None)),
            Event::SequenceEnd => {
                if let Some(Frame::Seq(items)) = self.stack.pop() {
                    self.push_value(Node::Seq(items));
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map(entries, _)) = self.stack.pop() {
                    self.push_value(Node::Map(entries));
                }
            }
            _ => {}
        }
    }
}

/// Parses every document in `text`.
pub fn parse(text: &str) -> Result<Vec<Node>, YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    // yaml-rust2's own `load` recurses once per nesting level; pulling
    // events one by one keeps the depth ours to bound.
    loop {
        let (event, mark) = parser.next_token().map_err(|e| YamlError {
            line: e.marker().line(),
            col: e.marker().col(),
            message: e.info().to_owned(),
        })?;
        if event == Event::StreamEnd {
            break;
        }
        builder.on_event(event, mark);
        if builder.too_big || builder.too_deep.is_some() {
            break;
        }
    }
    if let Some(line) = builder.too_deep {
        return Err(YamlError {
            line,
            col: 1,
            message: format!("nested more than {MAX_DEPTH} levels deep; not read"),
        });
    }
    if builder.too_big {
        return Err(YamlError {
            line: 1,
            col: 1,
            message: format!("more than {MAX_NODES} YAML nodes; not read"),
        });
    }
    Ok(builder.docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_sequences_and_lines() {
        let docs = parse("jobs:\n  test:\n    steps:\n      - run: pytest\n      - uses: x\n")
            .expect("parses");
        let steps = docs[0]
            .get("jobs")
            .and_then(|j| j.get("test"))
            .and_then(|t| t.get("steps"))
            .expect("steps");
        assert_eq!(steps.items().len(), 2);
        let run = steps.items()[0].get("run").expect("run");
        assert_eq!(run.as_str(), Some("pytest"));
        assert_eq!(run.line(), Some(4));
    }

    #[test]
    fn aliases_are_not_expanded() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
            .windows(2)
            .map(|w| (w[0], w[1]))
        {
            bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        let docs = parse(&bomb).expect("parses quickly");
        assert_eq!(docs[0].entries().len(), 9);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("a: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
        // yaml-rust2 bounds flow nesting itself; block nesting is ours.
        assert!(parse(&deep).is_err());
        let block: String = (0..2_000)
            .map(|i| format!("{}- \n", "  ".repeat(i)))
            .collect();
        let e = parse(&block).unwrap_err();
        assert!(e.message.contains("levels deep"), "{e:?}");
        let fine = format!("a: {}1{}\n", "[".repeat(50), "]".repeat(50));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn errors_carry_positions() {
        let e = parse("jobs:\n  a: [\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }
}
