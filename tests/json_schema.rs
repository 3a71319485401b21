//! The JSON report is a public format. Its shape is pinned here as the set
//! of key paths seen over the whole sample portfolio, so a renamed or
//! removed field (in the wire types or in the facts) fails this test
//! instead of reaching users. A deliberate change updates the snapshot,
//! docs/json-format.md and, when a consumer could notice, SCHEMA_VERSION.

mod common;

use common::{json, portfolio, run_in};
use std::collections::BTreeSet;

fn key_paths(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                // Maps keyed by data (env var names, sections, tracks) are
                // not schema: one placeholder stands for every key.
                let data_keyed = ["env_documented", "sections", "tracks"]
                    .iter()
                    .any(|m| prefix.ends_with(&format!(".{m}")))
                    && !prefix.ends_with("].tracks");
                let name = if data_keyed { "*" } else { key.as_str() };
                let path = format!("{prefix}.{name}");
                out.insert(path.clone());
                key_paths(child, &path, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                key_paths(item, &format!("{prefix}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_json_report_keeps_its_shape() {
    let out = run_in(portfolio(), &["audit", ".", "--format", "json"]);
    let doc = json(&out);
    assert_eq!(doc["schema_version"], 1);
    let mut paths = BTreeSet::new();
    key_paths(&doc, "", &mut paths);
    let listing: Vec<String> = paths.into_iter().collect();
    insta::assert_snapshot!(listing.join("\n"));
}
