//! The published-package fact: packaging metadata at the root and the
//! importable package it names.

use super::GatherContext;
use crate::facts::declared;
use crate::facts::package::{self, PackagingTexts};

pub(super) fn package(ctx: &mut GatherContext<'_>) {
    let mut read = |path: &str| {
        ctx.facts
            .path_exists(path)
            .then(|| ctx.reader.text(path))
            .flatten()
    };
    let pyproject = read("pyproject.toml");
    let setup_cfg = read("setup.cfg");
    let setup_py = read("setup.py");
    let readme_urls: Vec<String> = ctx
        .facts
        .readme
        .iter()
        .flat_map(|r| r.links.iter().chain(&r.images))
        .map(|l| l.url.clone())
        .collect();
    let texts = PackagingTexts {
        pyproject: pyproject.as_deref(),
        setup_cfg: setup_cfg.as_deref(),
        setup_py: setup_py.as_deref(),
        readme_urls: readme_urls.iter().map(String::as_str).collect(),
    };
    let console_scripts = std::mem::take(&mut ctx.facts.package.console_scripts);
    ctx.facts.package = package::detect(&texts, &ctx.facts.files);
    ctx.facts.package.topics = declared::topics(&texts);
    ctx.facts.package.console_scripts = console_scripts;
}
