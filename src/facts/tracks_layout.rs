//! What a repository's layout, CI and README say about its track, by path,
//! command and wording alone: a front end's files, pages for users,
//! infrastructure as code, a script CI runs on a schedule, a pipeline the
//! README names.

use crate::facts::Facts;

/// A file of a real front end (see `full_stack`).
pub(super) fn is_front_end(p: &str) -> bool {
    let name = p.rsplit('/').next().unwrap_or(p);
    // Sphinx writes its theme's scripts under `_static/` of the built
    // HTML: documentation output, not an interface.
    let vendored = [
        "node_modules/",
        "vendor/",
        "/admin/",
        "dist/",
        "build/",
        "_static/",
        // Swagger UI or ReDoc, served as the API's documentation.
        "swagger",
        "redoc",
    ]
    .iter()
    .any(|d| p.contains(d) || p.starts_with(d.trim_start_matches('/')));
    if vendored {
        return false;
    }
    name == "package.json"
        || [".tsx", ".jsx", ".vue", ".svelte"]
            .iter()
            .any(|e| name.ends_with(e))
        || (p.contains("static/")
            && (name.ends_with(".js") || name.ends_with(".ts"))
            && !name.ends_with(".min.js"))
}

/// A server-rendered page for the app's users: an HTML template that is
/// not an admin override, an e-mail body or a DRF browsable-API template.
pub(super) fn is_user_page(p: &str) -> bool {
    let parts: Vec<&str> = p.split('/').collect();
    let Some((name, dirs)) = parts.split_last() else {
        return false;
    };
    let Some(at) = dirs.iter().position(|d| d.ends_with("templates")) else {
        return false;
    };
    // The templates folder's own prefix counts as one of its subfolders:
    // `email-templates/` holds mail the back end sends, like
    // `templates/email/`.
    let prefix = dirs[at]
        .trim_end_matches("templates")
        .trim_end_matches(['-', '_']);
    let back_end = std::iter::once(prefix)
        .chain(dirs[at + 1..].iter().copied())
        .filter(|d| !d.is_empty())
        .any(|d| {
            // API documentation pages (Swagger UI, ReDoc) document the back end.
            [
                "admin",
                "email",
                "mail",
                "rest_framework",
                "drf",
                "swagger",
                "redoc",
            ]
            .iter()
            .any(|b| d.starts_with(b))
        });
    // A base layout alone (`templates/base.html` for the admin to extend)
    // shows no page; a UI has pages of its own beside it.
    let layout = name.starts_with("base") || name.starts_with("layout");
    (p.ends_with(".html") || p.ends_with(".jinja") || p.ends_with(".j2")) && !back_end && !layout
}

/// A CI workflow started on a schedule that runs one of the project's own
/// scripts (`python main.py`, `python -m scraper`), not its tests: the
/// project is a job that runs by itself. (CI config path, command.)
pub(super) fn scheduled_run(facts: &Facts) -> Option<(String, String)> {
    facts
        .ci
        .configs
        .iter()
        .filter(|c| c.triggers.iter().any(|t| t == "schedule"))
        .find_map(|c| {
            c.commands
                .iter()
                .find(|cmd| runs_project_script(facts, &cmd.text))
                .map(|cmd| (c.path.clone(), cmd.text.trim().to_owned()))
        })
}

/// `python[3] [-u] FILE.py` of a project file that is no test, or
/// `python -m MODULE` of a module or package the project has.
fn runs_project_script(facts: &Facts, command: &str) -> bool {
    let words: Vec<&str> = command.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        let program = w.rsplit('/').next().unwrap_or(w);
        if !(program == "python" || program == "python3") {
            return false;
        }
        let mut rest = words[i + 1..]
            .iter()
            .skip_while(|a| a.starts_with('-') && **a != "-m");
        match rest.next() {
            Some(&"-m") => rest.next().is_some_and(|m| {
                let path = m.replace('.', "/");
                facts.path_exists(&format!("{path}.py"))
                    || facts.path_exists(&format!("{path}/__main__.py"))
                    || facts.path_exists(&format!("src/{path}/__main__.py"))
            }),
            Some(file) => {
                let file = file.trim_start_matches("./");
                file.ends_with(".py")
                    && facts.path_exists(file)
                    && !crate::facts::python::is_test_path(file)
            }
            None => false,
        }
    })
}

/// Terraform, Kubernetes manifests and Helm charts, Ansible playbooks.
pub(super) fn is_infrastructure(p: &str) -> bool {
    let name = p.rsplit('/').next().unwrap_or(p);
    let under = |d: &str| p.starts_with(&format!("{d}/")) || p.contains(&format!("/{d}/"));
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    name.ends_with(".tf")
        || name.ends_with(".tfvars")
        || name == "Chart.yaml"
        || name == "kustomization.yaml"
        || name == "ansible.cfg"
        || (yaml && (under("k8s") || under("kubernetes") || under("helm") || under("charts")))
        || (yaml && (under("ansible") || under("playbooks") || name.starts_with("playbook")))
        || (yaml && under("roles") && (p.contains("/tasks/") || p.contains("/handlers/")))
}

/// How often the README calls the project an ETL (or ELT) or a data
/// pipeline: on the dev corpus, 21 of the 25 repositories whose README
/// does were labelled data engineering, and the rest were a library, ML
/// and automation work mentioning it once or twice.
pub(super) fn pipeline_described(facts: &Facts) -> (Option<String>, usize) {
    static PIPELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b(ETL|ELT)\b|(?i:\bdata pipelines?\b|\bextract,? transform,? (and )?load)",
        )
        .expect("static regex")
    });
    let Some(readme) = &facts.readme else {
        return (None, 0);
    };
    let n = PIPELINE.find_iter(&readme.text).count();
    let evidence = (n > 0).then(|| {
        format!(
            "the README describes an ETL or data pipeline ({} in {})",
            if n == 1 {
                "once".to_owned()
            } else {
                format!("{n} times")
            },
            readme.path
        )
    });
    (evidence, n)
}

/// Whether the README says the project is an LLM application (a chatbot,
/// retrieval-augmented generation, an agent): with an LLM library in use,
/// the model is what the project is about, even behind a web framework.
/// Mentioned at least twice: once is a feature among others.
pub(super) fn llm_app_described(facts: &Facts) -> Option<String> {
    static LLM_APP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\b(LLMs?|RAG)\b|(?i:\blarge language models?\b|\bretrieval[- ]augmented\b|\bchat ?bots?\b|\bAI agents?\b|\bagentic\b)",
        )
        .expect("static regex")
    });
    let readme = facts.readme.as_ref()?;
    let n = LLM_APP.find_iter(&readme.text).count();
    (n >= 2).then(|| {
        format!(
            "the README describes an LLM application ({n} times in {})",
            readme.path
        )
    })
}

/// Which ETL stages a Python file's path names: by its stem (`load.py`),
/// and otherwise by a stem made only of stage words and pipeline words
/// (`lambda_ingest.py`, `transform_load_utils.py`; not `data_loader.py`,
/// which is a model's input) or by a folder (`ingestion/src/main.py`).
pub(super) fn etl_stages_of(path: &str) -> ([bool; 3], [bool; 3]) {
    const STAGES: &[&[&str]] = &[
        &[
            "extract",
            "extraction",
            "extractor",
            "extractors",
            "ingest",
            "ingestion",
        ],
        &[
            "transform",
            "transforms",
            "transformation",
            "transformations",
        ],
        &["load", "loader", "loaders"],
    ];
    const PIPELINE_WORDS: &[&str] = &[
        "lambda",
        "step",
        "task",
        "job",
        "stage",
        "dag",
        "etl",
        "pipeline",
        "utils",
        "util",
        "handler",
        "function",
        "functions",
    ];
    let stage = |word: &str| STAGES.iter().position(|names| names.contains(&word));
    let (mut by_stem, mut by_other) = ([false; 3], [false; 3]);
    let mut parts: Vec<&str> = path.split('/').collect();
    let Some(stem) = parts.pop().and_then(|n| n.strip_suffix(".py")) else {
        return (by_stem, by_other);
    };
    if let Some(i) = stage(stem) {
        by_stem[i] = true;
    }
    for dir in parts {
        if let Some(i) = stage(dir) {
            by_other[i] = true;
        }
    }
    let words: Vec<&str> = stem.split(['_', '-']).collect();
    if words.len() > 1
        && words
            .iter()
            .all(|w| stage(w).is_some() || PIPELINE_WORDS.contains(w))
    {
        for i in words.iter().filter_map(|w| stage(w)) {
            by_other[i] = true;
        }
    }
    (by_stem, by_other)
}
