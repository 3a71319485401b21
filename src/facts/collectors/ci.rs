//! CI configs, and the scripts and tasks their commands hand off to.

use super::{Flow, GatherContext};
use crate::facts::ci::{self, CiCommand};
use crate::source::{EntryKind, FileEntry};
use std::collections::HashSet;

/// How deep CI commands are followed into scripts the repository holds:
/// `make ci` -> its prerequisite `make tests` -> the recipe's script ->
/// the step scripts it runs in a loop. Each script and handed-off line is
/// followed once, so the depth bounds the work, not a cycle.
const CI_SCRIPT_DEPTH: usize = 4;

/// Scripts bigger than this are not followed.
const MAX_SCRIPT_BYTES: u64 = 64 * 1024;

pub(super) fn config(ctx: &mut GatherContext<'_>, f: &FileEntry) -> Flow {
    let path = f.path.as_str();
    if let Some(provider) = ci::provider_of(path) {
        if let Some(text) = ctx.reader.named_text(path, "CI config") {
            match ci::parse(path, provider, &text) {
                Ok(config) => ctx.facts.ci.configs.push(config),
                Err(e) => ctx.reader.errors.push(e),
            }
        }
    }
    Flow::Next
}

/// Appends, to each CI config, the lines of scripts its commands call
/// (`poetry run ./scripts/lint`), so rules see what CI really runs; then
/// classifies the config.
pub(super) fn follow_scripts(ctx: &mut GatherContext<'_>) {
    let files: HashSet<&str> = ctx
        .files
        .iter()
        .filter(|f| f.kind == EntryKind::File && f.size <= MAX_SCRIPT_BYTES)
        .map(|f| f.path.as_str())
        .collect();
    let reader = &mut ctx.reader;
    for config in &mut ctx.facts.ci.configs {
        let mut seen: Vec<String> = Vec::new();
        // The commands not yet followed: config.commands[start..end].
        let (mut start, mut end) = (0, config.commands.len());
        for _ in 0..CI_SCRIPT_DEPTH {
            let mut next = Vec::new();
            for i in start..end {
                let (reached, handed_off) =
                    follow_command(&config.commands[i], &files, reader, &mut seen);
                config.commands[i].handed_off |= handed_off;
                next.extend(reached);
            }
            // `docker run` of an image this job built runs its entrypoint.
            let mut read = |p: &str| repo_text(&files, reader, p);
            for h in ci::docker_run_handoffs(&config.commands[..end], &mut read) {
                push_unseen(h, &mut seen, &mut next);
            }
            config.commands.extend(next);
            (start, end) = (end, config.commands.len());
        }
        ci::classify(config);
    }
}

/// The scripts a script runs in a loop over a folder (see
/// [`ci::looped_dirs`]), in path order, as `source PATH` lines of that
/// script: the next round follows them like any script it calls.
fn looped_scripts(script: &str, text: &str, files: &HashSet<&str>) -> Vec<CiCommand> {
    let mut out = Vec::new();
    for (line, dir) in ci::looped_dirs(text) {
        let prefix = format!("{dir}/");
        let mut inside: Vec<&str> = files
            .iter()
            .copied()
            .filter(|f| {
                f.strip_prefix(&prefix).is_some_and(|name| {
                    !name.contains('/') && (name.ends_with(".sh") || !name.contains('.'))
                })
            })
            .collect();
        inside.sort_unstable();
        out.extend(inside.into_iter().map(|path| CiCommand {
            line,
            text: format!("source {path}"),
            via: Some(script.to_owned()),
            name: false,
            handed_off: false,
        }));
    }
    out
}

/// The lines one command reaches: scripts it calls, then what it hands off
/// to (make, tox, nox, compose services, pyproject tasks), and whether it
/// handed off to something that was found. `seen` keeps each script and
/// each handed-off line to one appearance.
fn follow_command(
    cmd: &CiCommand,
    files: &HashSet<&str>,
    reader: &mut crate::facts::reader::Reader<'_>,
    seen: &mut Vec<String>,
) -> (Vec<CiCommand>, bool) {
    let mut next = Vec::new();
    let resolve = |p: &str| -> Option<String> {
        if files.contains(p) {
            return Some(p.to_owned());
        }
        // Run from a subfolder: the one file whose path ends so.
        let suffix = format!("/{p}");
        let mut hits = files.iter().filter(|f| f.ends_with(&suffix));
        match (hits.next(), hits.next()) {
            (Some(one), None) => Some((*one).to_owned()),
            _ => None,
        }
    };
    for script in ci::scripts_called(&cmd.text, resolve) {
        if seen.contains(&script) || ci::provider_of(&script).is_some() {
            continue;
        }
        seen.push(script.clone());
        if let Some(text) = reader.text(&script) {
            next.extend(ci::script_lines(&script, &text));
            next.extend(looped_scripts(&script, &text, files));
        }
    }
    if let Some(path) = local_uses(&cmd.text, files).filter(|p| !seen.contains(p)) {
        seen.push(path.clone());
        if let Some(text) = reader.text(&path) {
            if let Ok(called) = ci::parse(&path, "github-actions", &text) {
                next.extend(called.commands.into_iter().map(|c| CiCommand {
                    via: Some(path.clone()),
                    ..c
                }));
            }
        }
    }
    let mut read = |p: &str| repo_text(files, reader, p);
    let handed = ci::expand(&cmd.text, &mut read);
    let handed_off = !cmd.name && !handed.is_empty();
    for h in handed {
        push_unseen(h, seen, &mut next);
    }
    (next, handed_off)
}

/// A repository file's text, for the hand-offs that read one (a Makefile,
/// tox.ini, a Dockerfile); None for a path the repository does not hold.
fn repo_text(
    files: &HashSet<&str>,
    reader: &mut crate::facts::reader::Reader<'_>,
    path: &str,
) -> Option<String> {
    if files.contains(path) {
        reader.text(path).map(|t| t.to_string())
    } else {
        None
    }
}

/// Adds a handed-off line unless the same line from the same place was
/// reached before: each is followed once.
fn push_unseen(h: CiCommand, seen: &mut Vec<String>, next: &mut Vec<CiCommand>) {
    let key = format!("{:?}:{}:{}", h.via, h.line, h.text);
    if !seen.contains(&key) {
        seen.push(key);
        next.push(h);
    }
}

/// A `uses:` of a workflow or composite action kept in the repository
/// (`./.github/workflows/tests.yml`, `./.github/actions/setup`): the file
/// to read. Followed like a script, so the depth bound and `seen` also
/// stop workflows that call each other.
fn local_uses(text: &str, files: &HashSet<&str>) -> Option<String> {
    let rest = text.trim().strip_prefix("./")?;
    let rest = rest.trim_end_matches('/');
    let candidates = if rest.ends_with(".yml") || rest.ends_with(".yaml") {
        vec![rest.to_owned()]
    } else {
        vec![format!("{rest}/action.yml"), format!("{rest}/action.yaml")]
    };
    candidates.into_iter().find(|c| files.contains(c.as_str()))
}
