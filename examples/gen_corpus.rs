//! Deterministic benchmark corpora, built with git2 (see BENCHMARKS.md).
//!
//!   cargo run --release --example gen_corpus -- portfolio DIR COUNT
//!   cargo run --release --example gen_corpus -- large DIR COUNT COMMITS FILES
//!
//! Every repository is a realistic small Python project: README with
//! sections, pyproject, package modules, tests, a CI workflow, .gitignore.
//! Authors and dates are fixed, so the same arguments give the same commits.

use git2::{FileMode, Oid, Repository, Signature, Time};
use std::collections::BTreeMap;
use std::path::Path;

/// xorshift64*: enough randomness for varied content, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "order", "invoice", "customer", "report", "sensor", "reading", "station", "user", "session",
    "token", "price", "stock", "batch", "record", "event", "metric", "queue", "task", "route",
    "model",
];

fn module(rng: &mut Rng, n: usize) -> String {
    let mut s = String::from(
        "\"\"\"Helpers for one part of the service.\"\"\"\n\nimport logging\nfrom dataclasses import dataclass\n\nlogger = logging.getLogger(__name__)\n\n",
    );
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len())];
        s.push_str(&format!(
            "\n@dataclass\nclass {}{i}:\n    \"\"\"A {w}.\"\"\"\n\n    id: int\n    name: str\n\n\ndef load_{w}_{i}(raw: dict[str, str]) -> {}{i}:\n    \"\"\"Build a {w} from a row.\"\"\"\n    if \"id\" not in raw:\n        raise ValueError(\"missing id\")\n    logger.debug(\"loading %s\", raw[\"id\"])\n    return {}{i}(int(raw[\"id\"]), raw.get(\"name\", \"\"))\n",
            capitalise(w), capitalise(w), capitalise(w)
        ));
    }
    s
}

fn test_module(rng: &mut Rng, n: usize) -> String {
    let mut s = String::from("import pytest\n\n");
    for i in 0..n {
        let w = WORDS[rng.below(WORDS.len())];
        s.push_str(&format!(
            "\n@pytest.mark.parametrize(\"raw\", [{{\"id\": \"{i}\"}}, {{\"id\": \"{i}\", \"name\": \"x\"}}])\ndef test_{w}_{i}(raw):\n    assert int(raw[\"id\"]) == {i}\n"
        ));
    }
    s
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

const README: &str = "# Service\n\nA small service that loads records, validates them and writes reports for the team, with tests and CI.\n\n## Installation\n\n```bash\npip install -e .[dev]\n```\n\n## Usage\n\n```bash\nservice run --input data.csv\n```\n\n## Running the tests\n\n```bash\npytest\n```\n\n## Architecture\n\nLoaders feed validators, which feed the report writer.\n\n## License\n\nMIT\n";
const PYPROJECT: &str = "[project]\nname = \"service\"\nversion = \"1.0.0\"\nrequires-python = \">=3.11\"\ndependencies = [\"requests==2.31.0\", \"pandas==2.1.3\"]\n\n[dependency-groups]\ndev = [\"pytest>=8\", \"ruff>=0.4\"]\n\n[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n\n[tool.ruff]\nline-length = 100\n";
const WORKFLOW: &str = "name: CI\non: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: \"3.12\"\n      - run: pip install -e .[dev]\n      - run: ruff check .\n      - run: pytest\n";
const GITIGNORE: &str =
    "__pycache__/\n*.py[cod]\n.venv/\nvenv/\ndist/\nbuild/\n*.egg-info/\n.env\n.pytest_cache/\n";

/// Writes the tree for a path -> blob map, reusing the subtrees that did not
/// change since the last commit (`cache`: folder prefix -> tree id).
fn write_tree(
    repo: &Repository,
    files: &BTreeMap<String, Oid>,
    prefix: &str,
    cache: &mut std::collections::HashMap<String, Oid>,
) -> Oid {
    if let Some(oid) = cache.get(prefix) {
        return *oid;
    }
    let mut builder = repo.treebuilder(None).expect("treebuilder");
    let mut dirs: Vec<String> = Vec::new();
    for (path, oid) in files.range(prefix.to_owned()..) {
        let Some(rest) = path.strip_prefix(prefix) else {
            break;
        };
        match rest.split_once('/') {
            Some((dir, _)) => {
                if dirs.last().map(String::as_str) != Some(dir) {
                    dirs.push(dir.to_owned());
                }
            }
            None => {
                builder
                    .insert(rest, *oid, FileMode::Blob.into())
                    .expect("insert");
            }
        }
    }
    for dir in dirs {
        let sub = write_tree(repo, files, &format!("{prefix}{dir}/"), cache);
        builder
            .insert(&dir, sub, FileMode::Tree.into())
            .expect("insert");
    }
    let oid = builder.write().expect("write tree");
    cache.insert(prefix.to_owned(), oid);
    oid
}

/// Forgets the cached trees on the way to a changed path.
fn invalidate(cache: &mut std::collections::HashMap<String, Oid>, path: &str) {
    cache.remove("");
    for (i, _) in path.match_indices('/') {
        cache.remove(&path[..=i]);
    }
}

/// One repository: `commits` commits over `files` files.
fn build(dest: &Path, seed: u64, commits: usize, files: usize) {
    let repo = Repository::init(dest).expect("init");
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut state: BTreeMap<String, Oid> = BTreeMap::new();
    let mut cache = std::collections::HashMap::new();
    let put = |state: &mut BTreeMap<String, Oid>, path: &str, text: &str| {
        state.insert(path.to_owned(), repo.blob(text.as_bytes()).expect("blob"));
    };
    put(&mut state, "README.md", README);
    put(&mut state, "pyproject.toml", PYPROJECT);
    put(&mut state, ".github/workflows/ci.yml", WORKFLOW);
    put(&mut state, ".gitignore", GITIGNORE);
    put(&mut state, "LICENSE", "MIT License\n");
    let code_files = files.saturating_sub(5).max(2);
    let dirs = (code_files / 50).max(1);
    let path_of = |i: usize| {
        if i % 4 == 3 {
            format!("tests/d{}/test_m{i}.py", i % dirs)
        } else {
            format!("src/service/d{}/m{i}.py", i % dirs)
        }
    };
    // The first commit brings a third of the files; the rest arrive and
    // change one or two at a time.
    let initial = (code_files / 3).max(1);
    for i in 0..initial {
        let text = if path_of(i).starts_with("tests/") {
            test_module(&mut rng, 3)
        } else {
            module(&mut rng, 3)
        };
        put(&mut state, &path_of(i), &text);
    }
    let mut parent: Option<Oid> = None;
    let mut added = initial;
    let base_time = 1_600_000_000 + (seed as i64 % 1000) * 86_400;
    for c in 0..commits {
        if c > 0 {
            let i = if added < code_files && (c % 2 == 0 || commits - c <= code_files - added) {
                added += 1;
                added - 1
            } else {
                rng.below(added)
            };
            let n = 2 + rng.below(4);
            let text = if path_of(i).starts_with("tests/") {
                test_module(&mut rng, n)
            } else {
                module(&mut rng, n)
            };
            put(&mut state, &path_of(i), &text);
            invalidate(&mut cache, &path_of(i));
        }
        let tree = repo
            .find_tree(write_tree(&repo, &state, "", &mut cache))
            .expect("tree");
        let when = Time::new(base_time + c as i64 * 7_200 + (rng.below(3_000) as i64), 0);
        let sig = Signature::new("Bench Author", "bench@example.com", &when).expect("sig");
        let parents: Vec<git2::Commit<'_>> = parent
            .map(|p| repo.find_commit(p).expect("parent"))
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let message = format!(
            "Update {} handling in module {}\n\nKeeps the {} path covered.",
            WORDS[rng.below(WORDS.len())],
            c,
            WORDS[rng.below(WORDS.len())]
        );
        parent = Some(
            repo.commit(None, &sig, &sig, &message, &tree, &refs)
                .expect("commit"),
        );
    }
    if let Some(head) = parent {
        repo.reference("refs/heads/main", head, true, "bench")
            .expect("ref");
        repo.set_head("refs/heads/main").expect("head");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let dir = Path::new(args.get(1).map(String::as_str).unwrap_or("bench-corpus")).to_path_buf();
    match args.first().map(String::as_str) {
        Some("portfolio") => {
            for i in 0..arg(2, 300) {
                build(&dir.join(format!("repo{i:04}")), i as u64 + 1, 60, 40);
            }
        }
        Some("large") => {
            let (count, commits, files) = (arg(2, 3), arg(3, 10_000), arg(4, 2_000));
            for i in 0..count {
                build(
                    &dir.join(format!("large{i}")),
                    1000 + i as u64,
                    commits,
                    files,
                );
            }
        }
        _ => {
            eprintln!("usage: gen_corpus portfolio DIR COUNT | large DIR COUNT COMMITS FILES");
            std::process::exit(2);
        }
    }
}
