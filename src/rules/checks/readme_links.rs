//! `readme-links-resolve`, and the resolution of relative README links it
//! shares with `readme-section`'s screenshots.

use super::text::{capped, count_noun, truncate};
use super::{CheckKind, Conditions, KindDoc, Verdict};
use crate::facts::Facts;
use crate::facts::readme::ReadmeFacts;
use crate::rules::Evidence;
use serde::{Deserialize, Serialize};

/// Relative links and images in the README point at files that exist.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadmeLinksResolve {}

impl CheckKind for ReadmeLinksResolve {
    fn doc(&self) -> KindDoc {
        KindDoc {
            name: "readme-links-resolve",
            checks: "every relative link and image in the README, resolved against the committed files",
            why: "a broken image or link in the README is the first thing a reviewer clicks and finds missing",
        }
    }

    fn evaluate(&self, facts: &Facts) -> Verdict {
        match &facts.readme {
            None => Verdict::fail("no README found", vec![]),
            Some(r) => links(r, facts),
        }
    }

    fn describe(&self) -> Conditions {
        Conditions::new(
            "every relative link and image in the README points at a committed file or folder (links that climb above the repository root are GitHub pages and are skipped)",
            "there is no README, or a relative link or image in it points at a path that was never committed; credit is the share that resolve",
        )
    }
}

fn links(r: &ReadmeFacts, facts: &Facts) -> Verdict {
    let mut checked = 0;
    let mut broken = Vec::new();
    for link in r.links.iter().chain(r.images.iter()) {
        let Some(target) = local_target(&link.url) else {
            continue;
        };
        let Some(ok) = target_exists(r, &target, facts) else {
            continue;
        };
        checked += 1;
        if !ok {
            broken.push(
                Evidence::line(&r.path, Some(link.line))
                    .with_note(format!("{} does not exist", truncate(&link.url, 80))),
            );
        }
    }
    if checked == 0 {
        Verdict::pass("no relative links to check", vec![])
    } else if broken.is_empty() {
        Verdict::pass(
            format!("all {} resolve", count_noun(checked, "relative link")),
            vec![],
        )
    } else {
        let credit = 1.0 - broken.len() as f64 / checked as f64;
        Verdict::new(
            credit.min(0.99),
            format!("{} of {checked} relative links are broken", broken.len()),
            capped(broken),
        )
    }
}

/// Whether a relative README link points at a file or folder that exists.
/// `None` for links that climb above the repository root: on GitHub,
/// `../../issues` is the repository's issue tracker, not a file.
fn target_exists(r: &ReadmeFacts, target: &str, facts: &Facts) -> Option<bool> {
    let dir = r.path.rsplit_once('/').map_or("", |(d, _)| d);
    let resolved = if let Some(abs) = target.strip_prefix('/') {
        Some(abs.trim_end_matches('/').to_owned())
    } else if dir.is_empty() {
        normalise(target)
    } else {
        normalise(&format!("{dir}/{target}"))
    };
    let p = resolved?;
    Some(p.is_empty() || facts.path_exists(&p) || facts.dir_exists(&p))
}

/// Logos and icons decorate; they show nothing of the running project.
pub fn is_logo(url: &str) -> bool {
    let name = url.rsplit('/').next().unwrap_or(url).to_ascii_lowercase();
    ["logo", "icon", "banner", "favicon", "avatar"]
        .iter()
        .any(|w| name.contains(w))
}

/// An image shows something if it is remote, or a committed file.
pub fn image_resolves(r: &ReadmeFacts, url: &str, facts: &Facts) -> bool {
    local_target(url).is_none_or(|t| target_exists(r, &t, facts).unwrap_or(true))
}

/// The repository path a README link points at, when it is relative.
fn local_target(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") {
        return None;
    }
    if let Some(colon) = url.find(':') {
        let scheme = &url[..colon];
        if !scheme.contains('/')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return None;
        }
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    Some(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::testing::facts_with_readme;

    #[test]
    fn local_targets() {
        assert_eq!(
            local_target("docs/guide.md#install").as_deref(),
            Some("docs/guide.md")
        );
        assert_eq!(local_target("https://example.com/x"), None);
        assert_eq!(local_target("mailto:a@b.c"), None);
        assert_eq!(local_target("#usage"), None);
        assert_eq!(
            local_target("img/my%20shot.png").as_deref(),
            Some("img/my shot.png")
        );
    }

    #[test]
    fn broken_links_earn_partial_credit() {
        let mut facts = facts_with_readme(
            "# T\n\nSee [guide](docs/guide.md), [gone](docs/gone.md) and [issues](../../issues).\n",
        );
        facts.files.push(crate::source::FileEntry {
            path: "docs/guide.md".into(),
            size: 1,
            kind: crate::source::EntryKind::File,
        });
        facts.files.sort_by(|a, b| a.path.cmp(&b.path));
        let v = ReadmeLinksResolve {}.evaluate(&facts);
        assert!(v.credit > 0.0 && v.credit < 1.0, "{v:?}");
        assert_eq!(v.message, "1 of 2 relative links are broken");
        let clean = facts_with_readme("# T\n\nNo links here.\n");
        assert_eq!(ReadmeLinksResolve {}.evaluate(&clean).credit, 1.0);
    }
}
