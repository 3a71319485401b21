//! Loading and validating rule files. Every mistake in a rule file is a
//! `ConfigError` with file:line:col and, where serde knows them, the valid
//! choices.

use super::{Check, Condition, Rule, Severity};
use crate::error::ConfigError;
use crate::facts::readme::SectionTable;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The default pack, embedded so the binary works from anywhere.
const DEFAULT_PACK: &[(&str, &str)] = &[
    (
        "rules/readme-sections.toml",
        include_str!("../../rules/readme-sections.toml"),
    ),
    ("rules/readme.toml", include_str!("../../rules/readme.toml")),
    ("rules/tests.toml", include_str!("../../rules/tests.toml")),
    ("rules/ci.toml", include_str!("../../rules/ci.toml")),
    ("rules/deps.toml", include_str!("../../rules/deps.toml")),
    ("rules/docs.toml", include_str!("../../rules/docs.toml")),
    (
        "rules/hygiene.toml",
        include_str!("../../rules/hygiene.toml"),
    ),
    (
        "rules/quality.toml",
        include_str!("../../rules/quality.toml"),
    ),
    (
        "rules/commits.toml",
        include_str!("../../rules/commits.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<Spanned<RuleDef>>,
    #[serde(default)]
    section: Vec<SectionDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: Spanned<String>,
    family: Spanned<String>,
    title: String,
    severity: Severity,
    weight: Spanned<f64>,
    #[serde(default, deserialize_with = "one_or_many")]
    when: Vec<Condition>,
    #[serde(default, deserialize_with = "one_or_many")]
    requires: Vec<Condition>,
    #[serde(default)]
    provides: Option<Condition>,
    #[serde(default)]
    cap: Option<Spanned<f64>>,
    #[serde(default)]
    guardrail: bool,
    check: Spanned<Check>,
    rationale: String,
    fix: String,
    #[serde(default)]
    guide: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionDef {
    name: String,
    synonyms: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub rules: Vec<Rule>,
    pub sections: Vec<(String, Vec<String>)>,
    /// Set when a profile was applied.
    pub profile: Option<ProfileInfo>,
}

impl Pack {
    pub fn section_table(&self) -> SectionTable {
        SectionTable::new(self.sections.clone())
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn families(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for r in &self.rules {
            if !out.contains(&r.family) {
                out.push(r.family.clone());
            }
        }
        out
    }

    /// Adds the rules and sections of one file. A rule whose id already
    /// exists replaces it; a section name that exists gets new synonyms.
    fn merge_file(&mut self, name: &str, text: &str) -> Result<(), ConfigError> {
        let file: RuleFile = parse_toml(name, text)?;
        self.merge_defs(name, text, file.rule, file.section)
    }

    fn merge_defs(
        &mut self,
        name: &str,
        text: &str,
        rules: Vec<Spanned<RuleDef>>,
        sections: Vec<SectionDef>,
    ) -> Result<(), ConfigError> {
        for s in sections {
            match self.sections.iter_mut().find(|(n, _)| *n == s.name) {
                Some(existing) => existing.1 = s.synonyms,
                None => self.sections.push((s.name, s.synonyms)),
            }
        }
        let mut seen_here: Vec<String> = Vec::new();
        for def in rules {
            let span = def.span();
            let def = def.into_inner();
            let at = |offset: usize, msg: String| ConfigError::at_offset(name, text, offset, msg);
            let id = def.id.get_ref().clone();
            if !valid_id(&id) {
                return Err(at(
                    def.id.span().start,
                    format!(
                        "rule id `{id}` must be upper-case letters, digits and dashes, like `README-INSTALL`"
                    ),
                ));
            }
            if seen_here.contains(&id) {
                return Err(at(
                    def.id.span().start,
                    format!("rule id `{id}` is defined twice in this file"),
                ));
            }
            seen_here.push(id.clone());
            let family = def.family.get_ref().clone();
            if family.is_empty() || !family.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                return Err(at(
                    def.family.span().start,
                    format!("family `{family}` must be lower-case letters and dashes"),
                ));
            }
            let weight = *def.weight.get_ref();
            if !valid_weight(weight) {
                return Err(at(
                    def.weight.span().start,
                    format!("weight must be a number from 0 to {MAX_WEIGHT}"),
                ));
            }
            let cap = match def.cap {
                Some(c) if !(0.0..=100.0).contains(c.get_ref()) => {
                    return Err(at(
                        c.span().start,
                        "cap must be a score from 0 to 100".to_owned(),
                    ));
                }
                Some(c) => Some(*c.get_ref()),
                None => None,
            };
            if let Some(both) = def.when.iter().find(|c| def.requires.contains(c)) {
                return Err(at(
                    span.start,
                    format!(
                        "rule {id} names `{}` in both `when` and `requires`; a condition either decides whether the rule applies or is a prerequisite, not both",
                        super::condition_name(*both)
                    ),
                ));
            }
            let check_span = def.check.span();
            def.check.get_ref().kind().validate().map_err(|invalid| {
                let offset = invalid
                    .needle
                    .and_then(|n| text.get(check_span.clone()).and_then(|t| t.find(&n)))
                    .map_or(check_span.start, |i| check_span.start + i);
                at(offset, invalid.message)
            })?;
            let rule = Rule {
                id: id.clone(),
                family,
                title: def.title,
                severity: def.severity,
                weight,
                when: def.when,
                requires: def.requires,
                provides: def.provides,
                cap,
                guardrail: def.guardrail,
                check: def.check.into_inner(),
                rationale: def.rationale.trim().to_owned(),
                fix: def.fix.trim().to_owned(),
                guide: def.guide,
                origin: format!("{name}:{}", crate::error::line_of(text, span.start)),
            };
            match self.rules.iter_mut().find(|r| r.id == id) {
                Some(existing) => *existing = rule,
                None => self.rules.push(rule),
            }
        }
        Ok(())
    }

    /// Checks that every section a rule names exists in the table.
    fn validate_sections(&self) -> Result<(), ConfigError> {
        let known: Vec<&str> = self.sections.iter().map(|(n, _)| n.as_str()).collect();
        for rule in &self.rules {
            let used = rule.check.kind().readme_sections();
            if let Some(bad) = used.iter().find(|s| !known.contains(&s.as_str())) {
                return Err(ConfigError::new(
                    &rule.origin,
                    format!(
                        "rule {} names README section `{bad}`, which no [[section]] defines; valid sections: {}",
                        rule.id,
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Accepts `when = "x"` or `when = ["x", "y"]`, keeping serde's "expected
/// one of" message for a misspelt condition (an untagged enum would lose it).
/// The largest weight a rule may carry. Bounded so that no sum of weights
/// overflows and every score stays a number from 0 to 100.
pub const MAX_WEIGHT: f64 = 100.0;

fn valid_weight(weight: f64) -> bool {
    weight.is_finite() && (0.0..=MAX_WEIGHT).contains(&weight)
}

fn one_or_many<'de, D>(deserializer: D) -> Result<Vec<Condition>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = Vec<Condition>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a condition name or a list of them")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            let one = Condition::deserialize(serde::de::value::StrDeserializer::<E>::new(v))?;
            Ok(vec![one])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(c) = seq.next_element::<Condition>()? {
                out.push(c);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_any(Visitor)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
}

fn parse_toml<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_owned();
        match e.span() {
            Some(span) => ConfigError::at_offset(name, text, span.start, message),
            None => ConfigError::new(name, message),
        }
    })
}

/// The built-in career-track profiles, embedded like the default pack.
pub const PROFILES: &[(&str, &str, &str)] = &[
    (
        "backend",
        "rules/profiles/backend.toml",
        include_str!("../../rules/profiles/backend.toml"),
    ),
    (
        "full-stack",
        "rules/profiles/full-stack.toml",
        include_str!("../../rules/profiles/full-stack.toml"),
    ),
    (
        "data",
        "rules/profiles/data.toml",
        include_str!("../../rules/profiles/data.toml"),
    ),
    (
        "data-engineering",
        "rules/profiles/data-engineering.toml",
        include_str!("../../rules/profiles/data-engineering.toml"),
    ),
    (
        "ml-ai",
        "rules/profiles/ml-ai.toml",
        include_str!("../../rules/profiles/ml-ai.toml"),
    ),
    (
        "automation",
        "rules/profiles/automation.toml",
        include_str!("../../rules/profiles/automation.toml"),
    ),
    (
        "qa",
        "rules/profiles/qa.toml",
        include_str!("../../rules/profiles/qa.toml"),
    ),
    (
        "devops",
        "rules/profiles/devops.toml",
        include_str!("../../rules/profiles/devops.toml"),
    ),
    (
        "library",
        "rules/profiles/library.toml",
        include_str!("../../rules/profiles/library.toml"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    profile: ProfileDef,
    #[serde(default)]
    rule: Vec<Spanned<RuleDef>>,
    #[serde(default)]
    section: Vec<SectionDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileDef {
    name: String,
    /// "default", a built-in profile's name, or a path to a profile file
    /// (relative to this one).
    extends: Spanned<String>,
    description: String,
    #[serde(default)]
    weights: std::collections::BTreeMap<String, f64>,
    #[serde(default)]
    severity: std::collections::BTreeMap<String, Severity>,
    #[serde(default)]
    disable: Vec<String>,
}

/// What a profile is, for reports and `--show-config`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ProfileInfo {
    pub name: String,
    pub description: String,
    /// The profile and everything it extends, nearest first.
    pub chain: Vec<String>,
}

/// The default pack with a profile applied: the parent first, then this
/// profile's disables, weights and severities, then its rules (appended, or
/// replacing a rule of the same id).
pub fn load_profile(spec: &str) -> Result<Pack, ConfigError> {
    load_profile_depth(spec, None, 0)
}

fn load_profile_depth(spec: &str, base: Option<&Path>, depth: usize) -> Result<Pack, ConfigError> {
    if depth > 8 {
        return Err(ConfigError::new(
            spec,
            "profiles extend each other too deeply (a cycle?)",
        ));
    }
    if spec == "default" {
        return load_default_pack();
    }
    let (name, text, dir): (String, String, Option<std::path::PathBuf>) =
        if let Some((_, file, text)) = PROFILES.iter().find(|(n, _, _)| *n == spec) {
            ((*file).to_owned(), (*text).to_owned(), None)
        } else if spec.ends_with(".toml") {
            let path = base.map_or_else(|| Path::new(spec).to_path_buf(), |b| b.join(spec));
            let text = std::fs::read_to_string(&path).map_err(|e| {
                ConfigError::new(
                    path.display().to_string(),
                    format!("cannot read profile: {e}"),
                )
            })?;
            (
                path.display().to_string(),
                text,
                path.parent().map(Path::to_path_buf),
            )
        } else {
            let names: Vec<&str> = PROFILES.iter().map(|(n, _, _)| *n).collect();
            return Err(ConfigError::new(
                spec,
                format!(
                    "unknown profile; expected auto, default, {}, or a path to a .toml profile",
                    names.join(", ")
                ),
            ));
        };
    let file: ProfileFile = parse_toml(&name, &text)?;
    let def = file.profile;
    let mut pack = load_profile_depth(def.extends.get_ref(), dir.as_deref(), depth + 1)?;
    pack.rules.retain(|r| !def.disable.contains(&r.id));
    for (id, weight) in &def.weights {
        if !valid_weight(*weight) {
            return Err(ConfigError::new(
                &name,
                format!("weight for `{id}` must be a number from 0 to {MAX_WEIGHT}"),
            ));
        }
        match pack.rules.iter_mut().find(|r| r.id == *id) {
            Some(rule) => rule.weight = *weight,
            None => {
                return Err(ConfigError::new(
                    &name,
                    format!("weights names `{id}`, which is not a rule"),
                ));
            }
        }
    }
    for (id, severity) in &def.severity {
        match pack.rules.iter_mut().find(|r| r.id == *id) {
            Some(rule) => rule.severity = *severity,
            None => {
                return Err(ConfigError::new(
                    &name,
                    format!("severity names `{id}`, which is not a rule"),
                ));
            }
        }
    }
    pack.merge_defs(&name, &text, file.rule, file.section)?;
    pack.validate_sections()?;
    let mut chain = vec![def.name.clone()];
    chain.extend(
        pack.profile
            .take()
            .map(|p| p.chain)
            .unwrap_or_else(|| vec!["default".to_owned()]),
    );
    pack.profile = Some(ProfileInfo {
        name: def.name,
        description: def.description,
        chain,
    });
    Ok(pack)
}

pub fn load_default_pack() -> Result<Pack, ConfigError> {
    let mut pack = Pack::default();
    for (name, text) in DEFAULT_PACK {
        pack.merge_file(name, text)?;
    }
    pack.validate_sections()?;
    Ok(pack)
}

/// Adds a rule file, or every `*.toml` in a folder (in name order).
pub fn load_rules_path(pack: &mut Pack, path: &Path) -> Result<(), ConfigError> {
    let display = path.display().to_string();
    let mut files = Vec::new();
    if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|e| ConfigError::new(&display, format!("cannot read folder: {e}")))?;
        for entry in entries.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "toml") {
                files.push(p);
            }
        }
        files.sort();
    } else if path.is_file() {
        files.push(path.to_path_buf());
    } else {
        return Err(ConfigError::new(&display, "no such rule file or folder"));
    }
    for file in files {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file)
            .map_err(|e| ConfigError::new(&name, format!("cannot read: {e}")))?;
        pack.merge_file(&name, &text)?;
    }
    pack.validate_sections()
}

/// Parses rule-file text on its own; for tests and tooling.
pub fn parse_rules_text(name: &str, text: &str) -> Result<Pack, ConfigError> {
    let mut pack = load_default_pack()?;
    pack.merge_file(name, text)?;
    pack.validate_sections()?;
    Ok(pack)
}
