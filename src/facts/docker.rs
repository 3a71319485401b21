//! Dockerfiles: the base images each stage starts from and the user the
//! container runs as.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Dockerfile {
    pub path: String,
    /// (line, image) of each FROM.
    pub from: Vec<(u32, String)>,
    /// The last USER instruction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<(u32, String)>,
    /// Build stage names (`FROM x AS builder`), which later FROMs may name.
    #[serde(skip_serializing_if = "crate::cache::in_output", default)]
    pub stages: Vec<String>,
}

pub fn is_dockerfile(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name == "Dockerfile"
        || name.starts_with("Dockerfile.")
        || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

pub fn parse_dockerfile(path: &str, text: &str) -> Dockerfile {
    let mut d = Dockerfile {
        path: path.to_owned(),
        ..Dockerfile::default()
    };
    for (i, line) in text.lines().enumerate() {
        let mut words = line.split_whitespace();
        let Some(instruction) = words.next() else {
            continue;
        };
        match instruction.to_ascii_uppercase().as_str() {
            "FROM" => {
                let rest: Vec<&str> = words.filter(|w| !w.starts_with("--")).collect();
                if let Some(image) = rest.first() {
                    d.from.push((i as u32 + 1, (*image).to_owned()));
                }
                if rest.len() >= 3 && rest[1].eq_ignore_ascii_case("as") {
                    d.stages.push(rest[2].to_owned());
                }
            }
            "USER" => {
                if let Some(u) = words.next() {
                    d.user = Some((i as u32 + 1, u.split(':').next().unwrap_or(u).to_owned()));
                }
            }
            _ => {}
        }
    }
    d
}

/// A base image with a version tag or digest (not `latest`), an earlier
/// build stage, or `scratch`.
pub fn image_is_pinned(image: &str, stages: &[String]) -> bool {
    if image == "scratch" || stages.iter().any(|s| s == image) || image.contains("@sha256:") {
        return true;
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.split_once(':') {
        Some((_, tag)) => {
            tag != "latest" && !tag.starts_with('$') && tag.chars().any(|c| c.is_ascii_digit())
        }
        None => false,
    }
}
