//! Install and usage steps a README keeps in a page it links to
//! ("see [INSTALL.md](docs/INSTALL.md)", "backend/README.md"): a reviewer
//! follows such a link, so a section found there counts, with evidence at
//! that file and line. Only one level deep and a bounded number of links:
//! the linked pages' own links are not followed.

use super::{ReadmeFacts, SectionFound};
use crate::source::resolve_in_repo;

/// Sections a linked page can supply when the README lacks them.
pub const LINKED_SECTIONS: &[&str] = &["install", "usage"];

/// At most this many linked pages are read per README.
pub const MAX_LINKED_DOCS: usize = 8;

/// Text documents a README may hand its instructions to.
const DOC_EXTENSIONS: &[&str] = &[".md", ".markdown", ".rst", ".txt"];

/// The repository paths of local text documents the README links to, in
/// link order, without duplicates, at most [`MAX_LINKED_DOCS`]. A link
/// that climbs out of the repository, names a URL or an anchor in the
/// README itself is no local page.
pub fn linked_docs(readme: &ReadmeFacts) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for link in &readme.links {
        let url = link.url.split(['#', '?']).next().unwrap_or("");
        if url.is_empty() || url.contains("://") || url.starts_with("mailto:") {
            continue;
        }
        let url = url.strip_prefix("./").unwrap_or(url);
        let lower = url.to_ascii_lowercase();
        if !DOC_EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
            continue;
        }
        // GitHub reads `/reproduce.md` from the repository's root.
        let resolved = match url.strip_prefix('/') {
            Some(from_root) => resolve_in_repo("README.md", from_root),
            None => resolve_in_repo(&readme.path, url),
        };
        let Some(path) = resolved else {
            continue;
        };
        if path != readme.path && !out.contains(&path) {
            out.push(path);
            if out.len() == MAX_LINKED_DOCS {
                break;
            }
        }
    }
    out
}

/// Takes from a linked page each of [`LINKED_SECTIONS`] the README lacks,
/// when the page shows it with commands (a code block or an inline
/// command): a linked page that only names a heading proves nothing.
pub fn adopt_linked(readme: &mut ReadmeFacts, page: &ReadmeFacts) {
    for name in LINKED_SECTIONS {
        if readme.sections.contains_key(*name) {
            continue;
        }
        let Some(found) = page.sections.get(*name) else {
            continue;
        };
        if found.code_blocks + found.inline_commands == 0 {
            continue;
        }
        readme.sections.insert(
            (*name).to_owned(),
            SectionFound {
                heading: format!("{} in {}", found.heading, page.path),
                file: Some(page.path.clone()),
                ..found.clone()
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::readme::{SectionTable, parse};

    fn table() -> SectionTable {
        crate::rules::load_default_pack()
            .expect("pack")
            .section_table()
    }

    #[test]
    fn a_linked_install_page_supplies_the_section() {
        let t = table();
        let mut r = parse(
            "README.md",
            "# Tool\n\nA tool that sorts photos by date for you.\n\n\
             See [the install guide](./docs/INSTALL.md#steps), [home](https://x.org/a.md), \
             [outside](../../etc/x.md) and [code](src/main.py).\n"
                .to_owned(),
            &t,
        );
        assert_eq!(linked_docs(&r), ["docs/INSTALL.md"]);
        assert!(!r.sections.contains_key("install"));
        let page = parse(
            "docs/INSTALL.md",
            "# Photo sorter\n\nFirst:\n\n```\npip install -r requirements.txt\n```\n".to_owned(),
            &t,
        );
        adopt_linked(&mut r, &page);
        let found = &r.sections["install"];
        assert_eq!(found.file.as_deref(), Some("docs/INSTALL.md"));
        assert_eq!(found.line, 5);
        // A page with a heading and no command is no evidence.
        let mut r2 = parse("README.md", "# T\n\n[u](USAGE.md)\n".to_owned(), &t);
        let bare = parse("USAGE.md", "# T\n\n## Usage\n\nRun it.\n".to_owned(), &t);
        adopt_linked(&mut r2, &bare);
        assert!(!r2.sections.contains_key("usage"));
    }
}
