//! The Python grammar's field ids, looked up once. `child_by_field_name`
//! looks the name up in the grammar's field table, a linear search by
//! string comparison, at every call: about a million calls on a library
//! of 1 MB of Python, 1.3% of a cold audit's instructions.

use std::sync::LazyLock;
use tree_sitter::Node;

/// The fields the walker reads, in the order of [`NAMES`].
#[derive(Clone, Copy)]
pub(super) enum Field {
    Arguments,
    Attribute,
    Body,
    Condition,
    Definition,
    Function,
    Key,
    Left,
    ModuleName,
    Name,
    Parameters,
    ReturnType,
    Right,
    Subscript,
    Superclasses,
    Value,
}

const NAMES: [&str; 16] = [
    "arguments",
    "attribute",
    "body",
    "condition",
    "definition",
    "function",
    "key",
    "left",
    "module_name",
    "name",
    "parameters",
    "return_type",
    "right",
    "subscript",
    "superclasses",
    "value",
];

/// Id per field; 0 (no field, so no child) for a name the grammar lacks.
static IDS: LazyLock<[u16; 16]> = LazyLock::new(|| {
    let language: tree_sitter::Language = tree_sitter_python::LANGUAGE.into();
    NAMES.map(|n| language.field_id_for_name(n).map_or(0, |id| id.get()))
});

/// `child_by_field_name` by id.
pub(super) trait FieldExt<'t> {
    fn field(&self, field: Field) -> Option<Node<'t>>;
}

impl<'t> FieldExt<'t> for Node<'t> {
    fn field(&self, field: Field) -> Option<Node<'t>> {
        self.child_by_field_id(IDS[field as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field the walker reads is one the grammar has, and each
    /// `Field` names the field of its position in `NAMES`.
    #[test]
    fn every_field_is_in_the_grammar() {
        assert!(IDS.iter().all(|id| *id != 0));
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_python::LANGUAGE.into())
            .expect("grammar");
        let tree = parser
            .parse("def f(a) -> int:\n    g(x=1)\n", None)
            .expect("tree");
        let def = tree.root_node().child(0).expect("def");
        for (field, name) in [
            (Field::Name, "name"),
            (Field::Parameters, "parameters"),
            (Field::ReturnType, "return_type"),
            (Field::Body, "body"),
        ] {
            assert_eq!(def.field(field), def.child_by_field_name(name));
        }
    }
}
