//! Whether a repository that holds some Python is really a project in
//! another language: a Rust crate with a few helper scripts, a Go service
//! with a Python deploy script. A Python reviewer's score of such a
//! repository would judge the wrong thing (a Rust crate scored 85 as a
//! Python QA project), so it gets a note instead of a score.
//!
//! The test needs two things, so that neither alone can misfire:
//! - the other language's build manifest at the root (Cargo.toml, go.mod,
//!   pom.xml...): the project is built as that language;
//! - at least [`MIN_RATIO`] times more code in that language than in Python.
//!
//! JavaScript and TypeScript are left out on purpose: vendored and minified
//! front-end code makes real Django projects ten to fifty times more JS
//! than Python by size, and a root package.json is common beside them.

use crate::source::{EntryKind, FileEntry};
use serde::{Deserialize, Serialize};

/// How much more code in the other language than in Python before the
/// repository counts as that language's project. High on purpose: a
/// Python library with a C or Rust extension keeps most of its code, and
/// all of its tests, in Python.
pub const MIN_RATIO: u64 = 5;

/// The language a repository is mainly written in, when not Python.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherLanguage {
    pub name: String,
    /// The root build manifest that declares it.
    pub manifest: String,
    /// Bytes of code in that language and in Python (notebooks included).
    pub bytes: u64,
    pub python_bytes: u64,
}

impl OtherLanguage {
    /// "mainly Rust: Cargo.toml at the root and 70 times more Rust than
    /// Python".
    pub fn describe(&self) -> String {
        let ratio = self.bytes / self.python_bytes.max(1);
        format!(
            "mainly {}: {} at the root and {ratio} times more {} than Python",
            self.name, self.manifest, self.name
        )
    }
}

/// A language: its name, the root manifests that build it, and the file
/// extensions of its code.
struct Language {
    name: &'static str,
    manifests: &'static [&'static str],
    extensions: &'static [&'static str],
}

const LANGUAGES: &[Language] = &[
    Language {
        name: "Rust",
        manifests: &["Cargo.toml"],
        extensions: &["rs"],
    },
    Language {
        name: "Go",
        manifests: &["go.mod"],
        extensions: &["go"],
    },
    Language {
        name: "Java or Kotlin",
        manifests: &[
            "pom.xml",
            "build.gradle",
            "build.gradle.kts",
            "settings.gradle",
            "settings.gradle.kts",
        ],
        extensions: &["java", "kt", "kts", "groovy"],
    },
    Language {
        name: "Scala",
        manifests: &["build.sbt"],
        extensions: &["scala"],
    },
    Language {
        name: "C or C++",
        manifests: &["CMakeLists.txt"],
        extensions: &["c", "cc", "cpp", "cxx", "h", "hh", "hpp"],
    },
    Language {
        name: "C#",
        manifests: &[],
        extensions: &["cs"],
    },
    Language {
        name: "Ruby",
        manifests: &["Gemfile"],
        extensions: &["rb"],
    },
    Language {
        name: "PHP",
        manifests: &["composer.json"],
        extensions: &["php"],
    },
    Language {
        name: "Swift",
        manifests: &["Package.swift"],
        extensions: &["swift"],
    },
];

/// Folders of someone else's code: not what the project is written in.
const VENDORED: &[&str] = &[
    "vendor",
    "vendored",
    "third_party",
    "third-party",
    "thirdparty",
    "external",
    "node_modules",
    "site-packages",
];

/// The language the repository is mainly written in, when it is another
/// language's project that holds some Python. `None` for a Python project,
/// and for one with no Python at all (that is told apart elsewhere).
/// `is_junk` names committed junk (a virtualenv, build output): no one's
/// code, so it counts for neither language.
pub fn other_main_language(
    files: &[FileEntry],
    is_junk: impl Fn(&str) -> bool,
) -> Option<OtherLanguage> {
    let own = || {
        files.iter().filter(|f| {
            f.kind == EntryKind::File
                && !is_junk(&f.path)
                && !f.path.split('/').any(|p| VENDORED.contains(&p))
        })
    };
    let python_bytes: u64 = own()
        .filter(|f| matches!(extension(&f.path), Some("py" | "pyi" | "ipynb")))
        .map(|f| f.size)
        .sum();
    if python_bytes == 0 {
        return None;
    }
    LANGUAGES
        .iter()
        .filter_map(|lang| {
            let manifest = root_manifest(files, lang)?;
            let bytes: u64 = own()
                .filter(|f| extension(&f.path).is_some_and(|e| lang.extensions.contains(&e)))
                .map(|f| f.size)
                .sum();
            (bytes > 0 && bytes >= MIN_RATIO.saturating_mul(python_bytes)).then(|| OtherLanguage {
                name: lang.name.to_owned(),
                manifest,
                bytes,
                python_bytes,
            })
        })
        .max_by_key(|l| l.bytes)
}

/// The language's build manifest at the root, if there is one. C# names
/// its project files after the project, so any root `.csproj` or `.sln`.
fn root_manifest(files: &[FileEntry], lang: &Language) -> Option<String> {
    let at_root = files.iter().filter(|f| !f.path.contains('/'));
    if lang.manifests.is_empty() {
        return at_root
            .map(|f| f.path.as_str())
            .find(|p| matches!(extension(p), Some("csproj" | "sln")))
            .map(str::to_owned);
    }
    at_root
        .map(|f| f.path.as_str())
        .find(|p| lang.manifests.contains(p))
        .map(str::to_owned)
}

fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next()?;
    name.rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, size: u64) -> FileEntry {
        FileEntry {
            path: path.to_owned(),
            size,
            kind: EntryKind::File,
        }
    }

    #[test]
    fn a_rust_crate_with_helper_scripts_is_rust() {
        let files = [
            file("Cargo.toml", 900),
            file("src/main.rs", 40_000),
            file("src/lib.rs", 20_000),
            file("bench/run.py", 3_000),
        ];
        let lang = other_main_language(&files, |_| false).expect("a Rust crate");
        assert_eq!(lang.name, "Rust");
        assert_eq!(lang.manifest, "Cargo.toml");
        assert_eq!(
            lang.describe(),
            "mainly Rust: Cargo.toml at the root and 20 times more Rust than Python"
        );
    }

    #[test]
    fn a_python_package_with_a_rust_extension_stays_python() {
        // Bindings and tests in Python, the core in Rust: under the ratio.
        let files = [
            file("Cargo.toml", 900),
            file("pyproject.toml", 900),
            file("src/lib.rs", 60_000),
            file("python/pkg/__init__.py", 8_000),
            file("tests/test_api.py", 30_000),
        ];
        assert_eq!(other_main_language(&files, |_| false), None);
    }

    #[test]
    fn code_without_its_manifest_at_the_root_does_not_count() {
        // A Go tool in a subfolder of a Python project.
        let files = [
            file("tools/go.mod", 100),
            file("tools/main.go", 90_000),
            file("app.py", 2_000),
        ];
        assert_eq!(other_main_language(&files, |_| false), None);
    }

    #[test]
    fn vendored_code_does_not_count() {
        let files = [
            file("CMakeLists.txt", 500),
            file("third_party/lib/big.c", 500_000),
            file("src/ext.c", 1_000),
            file("pkg/core.py", 4_000),
        ];
        assert_eq!(other_main_language(&files, |_| false), None);
    }

    #[test]
    fn a_csharp_solution_is_found_by_its_project_file() {
        let files = [
            file("App.csproj", 500),
            file("Program.cs", 30_000),
            file("scripts/gen.py", 1_000),
        ];
        let lang = other_main_language(&files, |_| false).expect("a C# project");
        assert_eq!(lang.name, "C#");
        assert_eq!(lang.manifest, "App.csproj");
    }

    #[test]
    fn a_project_with_no_python_is_left_to_the_no_python_note() {
        // No Python at all: the plain "no Python" note says it better than
        // a ratio over zero.
        let files = [file("go.mod", 100), file("main.go", 900)];
        assert_eq!(other_main_language(&files, |_| false), None);
    }
}
