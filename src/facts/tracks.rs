//! Which career tracks a repository is evidence for, judged from what it
//! declares, imports and contains. "fastapi + sqlalchemy + alembic" reads as
//! back end; "pandas + great_expectations + airflow" as data engineering.

use super::Facts;
use super::vocabulary as v;
use serde::{Deserialize, Serialize};

pub const TRACKS: &[&str] = &[
    "backend",
    "full-stack",
    "data",
    "data-engineering",
    "ml-ai",
    "automation",
    "qa",
    "devops",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrackMatch {
    pub track: String,
    /// Sum of the weights of the signals found.
    pub score: f64,
    pub evidence: Vec<String>,
}

/// A track needs this much evidence to count.
const THRESHOLD: f64 = 3.0;

struct Signals<'a> {
    facts: &'a Facts,
    /// Manifests that are a frozen notebook environment (see
    /// `frozen_environments`): their entries count only when imported.
    frozen: Vec<&'a str>,
    /// An orchestrator or its DAGs are present (`orchestration`), worked
    /// out once: several tracks weigh their evidence by it.
    orchestrated: bool,
    /// A browser or BDD suite's layout (`test_suite`), worked out once:
    /// the QA and automation tracks and `product_browser` read it.
    suite: Option<String>,
    /// The ETL layout (`etl_layout`): evidence and stage count, worked out
    /// once: the data, data-engineering and DevOps tracks read it.
    etl: (Option<String>, usize),
}

/// Entries from which a manifest reads as a whole machine's `pip freeze`.
const WHOLE_MACHINE_FREEZE: usize = 60;

/// A `pip freeze` of a notebook environment lists Jupyter's own
/// dependencies (pexpect, requests, tornado...) beside the project's:
/// manifests with 20 or more entries, Jupyter or IPython among them.
fn frozen_environments(facts: &Facts) -> Vec<&str> {
    let mut files: Vec<&str> = facts
        .manifests
        .dependencies
        .iter()
        .map(|d| d.file.as_str())
        .collect();
    files.sort_unstable();
    files.dedup();
    files
        .into_iter()
        .filter(|file| {
            let deps: Vec<&str> = facts
                .manifests
                .dependencies
                .iter()
                .filter(|d| d.file == *file)
                .map(|d| d.name.as_str())
                .collect();
            let notebook_env = deps.len() >= 20
                && deps.iter().any(|n| {
                    let n = n.to_ascii_lowercase().replace('_', "-");
                    v::JUPYTER.iter().any(|j| j.replace('_', "-") == n) || n == "ipython"
                });
            // A freeze of a whole machine (`pip freeze > requirements` in a
            // global Python): more packages than any one project declares.
            notebook_env || deps.len() >= WHOLE_MACHINE_FREEZE
        })
        .collect()
}

impl Signals<'_> {
    /// The first of `names` the project's own code is built on (imported
    /// outside tests, examples and docs, or declared as a runtime
    /// dependency), for evidence. A framework only a test harness or an
    /// example uses says nothing about the project's track.
    fn uses(&self, names: &[&str]) -> Option<String> {
        self.first_used(names, false)
    }

    /// Like `uses`, counting tests, examples and dev requirements: test
    /// tools live there.
    fn uses_anywhere(&self, names: &[&str]) -> Option<String> {
        self.first_used(names, true)
    }

    fn first_used(&self, names: &[&str], anywhere: bool) -> Option<String> {
        let own = self.own_packages();
        let python = &self.facts.python;
        names.iter().find_map(|n| {
            let wanted = n.replace('_', "-");
            let imported = if anywhere {
                python.imports.contains(*n)
            } else {
                python.imported_by_own_code(n)
            };
            if let Some(d) = self.facts.manifests.dependencies.iter().find(|d| {
                d.name.replace('_', "-") == wanted
                    && (anywhere || d.is_runtime_need())
                    && (imported || !self.frozen.contains(&d.file.as_str()))
            }) {
                return Some(format!("{n} in {}", d.file));
            }
            // A package importing itself says nothing about its track.
            (imported && !own.iter().any(|o| o == n)).then(|| format!("imports {n}"))
        })
    }

    /// An office, mail or desktop library the code imports (not only
    /// declares), in a repository with no notebook: a script that builds a
    /// workbook, a document or a message.
    fn office_script(&self) -> Option<String> {
        if !self.facts.python.notebooks.is_empty() {
            return None;
        }
        v::OFFICE_AUTOMATION
            .iter()
            .find(|n| self.facts.python.imports.contains(**n))
            .map(|n| format!("imports {n}"))
    }

    /// The first project file matching `pred`, outside examples,
    /// playgrounds, tutorial sources and tests: a template in
    /// `examples/` shows how to use a library, it is no UI of the project.
    fn path(&self, pred: impl Fn(&str) -> bool, label: &str) -> Option<String> {
        self.path_anywhere(|p| !v::is_sample_path(p) && pred(p), label)
    }

    /// Like `path`, tests and examples included (feature files, page
    /// objects live under tests/).
    fn path_anywhere(&self, pred: impl Fn(&str) -> bool, label: &str) -> Option<String> {
        self.facts
            .files
            .iter()
            .find(|f| !self.is_installed(&f.path) && pred(&f.path))
            .map(|f| format!("{label} ({})", f.path))
    }

    /// A file of an installed package (a committed virtualenv,
    /// `site-packages`, `node_modules`), not the project's.
    fn is_installed(&self, path: &str) -> bool {
        path.split('/')
            .any(|c| c == "site-packages" || c == "node_modules")
            || self.facts.hygiene.junk.iter().any(|j| {
                j.category == crate::facts::hygiene::JunkCategory::Virtualenv
                    && path.starts_with(j.path.as_str())
            })
    }

    /// Top-level packages the repository defines (see
    /// [`crate::facts::package::top_level_packages`]).
    fn own_packages(&self) -> Vec<String> {
        super::package::top_level_packages(&self.facts.files)
    }

    /// The web framework or HTTP library the repository is, if it is one
    /// (its own package is `flask`, `httpx`...): a library, whatever
    /// templates and servers its tests and examples hold.
    fn is_web_library(&self) -> Option<String> {
        let frameworks = v::backend_frameworks();
        self.own_packages()
            .into_iter()
            .find(|p| frameworks.contains(&p.as_str()) || v::HTTP_LIBRARIES.contains(&p.as_str()))
    }

    /// How much web and ORM evidence weighs. In a pipeline run by Airflow,
    /// dbt, Prefect or Dagster, in a chat bot, or around a model of its
    /// own that it serves, the web server and the database serve the pipeline, the
    /// bot or the model: they weigh half, so data engineering, automation
    /// or ML comes first.
    fn served_weight(&self) -> f64 {
        // The web framework of a Prometheus exporter only serves its
        // metrics endpoint.
        if self.orchestrated
            || self.trains_models()
            || self.uses(v::BOT_FRAMEWORKS).is_some()
            || ops::metrics_exporter(self).is_some()
        {
            0.5
        } else {
            1.0
        }
    }

    /// The first `Topic ::` classifier or keyword the package declares
    /// for `track` (`vocabulary::DECLARED_TRACKS`).
    fn declared(&self, track: &str) -> Option<String> {
        let (_, classifiers, keywords) = v::DECLARED_TRACKS.iter().find(|(t, ..)| *t == track)?;
        self.facts.package.topics.iter().find_map(|topic| {
            let named = match topic.strip_prefix("keyword: ") {
                Some(k) => keywords.contains(&k),
                None => classifiers.iter().any(|c| {
                    topic == c || topic.strip_prefix(c).is_some_and(|r| r.starts_with(" ::"))
                }),
            };
            named.then(|| format!("declared in the package metadata ({topic})"))
        })
    }

    /// A browser driver that only the product's own code imports (not the
    /// tests, no page objects or feature files): the product drives a
    /// browser to take screenshots or scrape, which is automation, not QA.
    fn product_browser(&self) -> Option<&'static str> {
        let python = &self.facts.python;
        if self.suite.is_some() {
            return None;
        }
        v::BROWSER_DRIVERS
            .iter()
            .find(|d| python.imports.contains(**d) && !python.test_imports.contains(**d))
            .copied()
    }

    /// A browser or BDD suite's layout: Gherkin features, page objects,
    /// step definitions (tests and examples included).
    fn test_suite(&self) -> Option<String> {
        // Streamlit's multipage apps keep their screens in `pages/`.
        let streamlit = self.facts.python.imports.contains("streamlit");
        self.path_anywhere(
            |p| {
                p.ends_with(".feature")
                    || (p.ends_with(".py")
                        && !(streamlit && p.contains("pages/"))
                        && [
                            "pages/",
                            "page_objects/",
                            "pageobjects/",
                            "step_defs/",
                            "steps/",
                        ]
                        .iter()
                        .any(|d| p.contains(d)))
            },
            "test suite structure",
        )
    }

    /// Machine-learning libraries in use, scikit-learn left out when the
    /// code imports only its preprocessing, splitting and metrics modules:
    /// scaling a column for a chart is data analysis, not a model.
    fn ml_libraries(&self) -> Option<String> {
        let preprocessing_only = {
            let sk: Vec<&String> = self
                .facts
                .python
                .submodules
                .iter()
                .filter(|m| *m == "sklearn" || m.starts_with("sklearn."))
                .collect();
            !sk.is_empty()
                && sk.iter().all(|m| {
                    m.strip_prefix("sklearn.")
                        .is_some_and(|sub| v::SKLEARN_NOT_MODELS.contains(&sub))
                })
        };
        let libraries: Vec<&str> = v::ML_LIBRARIES
            .iter()
            .filter(|l| !(preprocessing_only && matches!(**l, "sklearn" | "scikit-learn")))
            .copied()
            .collect();
        self.uses(&libraries)
    }

    /// An orchestrator (Airflow, dbt, Prefect, Dagster...) or its DAGs.
    fn orchestration(&self) -> Option<String> {
        self.uses(v::ORCHESTRATORS).or_else(|| {
            self.path(
                |p| {
                    p.starts_with("dags/") || p.contains("/dags/") || p.ends_with("dbt_project.yml")
                },
                "DAGs",
            )
        })
    }
}

/// A signal's weight and, when found, the evidence for it.
type Signal = (f64, Option<String>);

/// The signals that weigh for one track.
type TrackSignals = fn(&Signals<'_>) -> Vec<Signal>;

/// Each track and the signals that weigh for it, in report order. A new
/// track is one function and one line here.
const TRACK_SIGNALS: &[(&str, TrackSignals)] = &[
    ("backend", backend),
    ("full-stack", full_stack),
    ("data", data),
    ("data-engineering", data_engineering),
    ("ml-ai", ml_ai),
    ("automation", automation),
    ("qa", qa),
    ("devops", devops),
];

/// Detects tracks, strongest first; only those over the threshold.
pub fn detect(facts: &Facts) -> Vec<TrackMatch> {
    let mut s = Signals {
        facts,
        frozen: frozen_environments(facts),
        orchestrated: false,
        suite: None,
        etl: (None, 0),
    };
    s.orchestrated = s.orchestration().is_some();
    s.suite = s.test_suite();
    s.etl = etl_layout(&s);
    let mut out: Vec<(bool, TrackMatch)> = TRACK_SIGNALS
        .iter()
        .filter_map(|(track, signals)| {
            let declared = s.declared(track);
            let mut found = signals(&s);
            let leads = declared.is_some();
            found.push((DECLARED_WEIGHT, declared));
            weigh(track, found).map(|m| (leads, m))
        })
        .collect();
    // A track the package declares comes first: the author's word for the
    // domain outranks what the imports suggest (pyinfra imports click and
    // paramiko like any script; it declares system administration).
    out.sort_by(|(a_leads, a), (b_leads, b)| {
        b_leads
            .cmp(a_leads)
            .then(b.score.total_cmp(&a.score))
            .then(specificity(&a.track).cmp(&specificity(&b.track)))
    });
    out.into_iter().map(|(_, m)| m).collect()
}

/// A declared topic or keyword is evidence enough on its own.
const DECLARED_WEIGHT: f64 = THRESHOLD;

/// A track whose found signals reach the threshold.
fn weigh(track: &str, signals: Vec<Signal>) -> Option<TrackMatch> {
    let found: Vec<(f64, String)> = signals
        .into_iter()
        .filter_map(|(w, e)| e.map(|e| (w, e)))
        .collect();
    let score: f64 = found.iter().map(|(w, _)| w).sum();
    (score >= THRESHOLD).then(|| TrackMatch {
        track: track.to_owned(),
        score,
        evidence: found.into_iter().map(|(_, e)| e).collect(),
    })
}

/// On a tie the more specific track wins: an ML project is also a data
/// project, but not the other way round.
fn specificity(track: &str) -> usize {
    [
        "ml-ai",
        "data-engineering",
        "devops",
        "qa",
        "full-stack",
        "backend",
        "data",
        "automation",
    ]
    .iter()
    .position(|x| *x == track)
    .unwrap_or(99)
}

/// Signals several tracks weigh.
impl Signals<'_> {
    fn web(&self) -> Option<String> {
        // Tornado beside Jupyter is the notebook server, frozen into the
        // requirements with it.
        let jupyter = self.uses_anywhere(v::JUPYTER).is_some();
        let frameworks: Vec<&str> = v::backend_frameworks()
            .into_iter()
            .filter(|f| !(jupyter && *f == "tornado"))
            .collect();
        self.uses(&frameworks)
    }

    /// An OpenAPI (Swagger) description of the project's HTTP API: a
    /// service with no framework in its imports, such as Lambda handlers
    /// behind API Gateway, still serves an API.
    fn api_spec(&self) -> Option<String> {
        self.path(
            |p| {
                let name = p.rsplit('/').next().unwrap_or(p);
                let stem = name.rsplit_once('.').map_or(name, |(stem, ext)| {
                    if matches!(ext, "yaml" | "yml" | "json") {
                        stem
                    } else {
                        ""
                    }
                });
                stem.eq_ignore_ascii_case("openapi") || stem.eq_ignore_ascii_case("swagger")
            },
            "an OpenAPI description",
        )
    }

    /// Model-training or LLM libraries in use (not text or image toolkits
    /// such as NLTK or OpenCV, common in plain data analysis).
    fn models(&self) -> bool {
        self.trains_models() || self.uses(v::LLM_LIBRARIES).is_some()
    }

    /// A model library beyond the toolkits (scikit-learn's estimators,
    /// torch, xgboost): the project fits or serves a model of its own. An
    /// LLM client calls someone else's.
    fn trains_models(&self) -> bool {
        let models: Vec<&str> = v::ML_LIBRARIES
            .iter()
            .filter(|l| !v::ML_TOOLKITS.contains(l))
            .copied()
            .collect();
        self.uses(&models).is_some() && self.ml_libraries().is_some()
    }

    /// An ETL pipeline laid out in stage modules (two stages or more).
    fn etl_pipeline(&self) -> bool {
        self.etl.1 >= 2
    }

    fn frames(&self) -> Option<String> {
        self.uses(v::DATAFRAME_LIBRARIES)
    }

    fn validation(&self) -> Option<String> {
        self.uses(v::DATA_VALIDATION)
    }

    fn notebooks(&self) -> Option<String> {
        match self.facts.python.notebooks.len() {
            0 => None,
            1 => Some("1 notebook".to_owned()),
            n => Some(format!("{n} notebooks")),
        }
    }
}

fn backend(s: &Signals<'_>) -> Vec<Signal> {
    if s.is_web_library().is_some() {
        return Vec::new();
    }
    let facts = s.facts;
    let orm = s.uses(v::DATABASE_CLIENTS).or_else(|| {
        s.path(
            |p| p.ends_with("/models.py") && facts.web_frameworks.iter().any(|w| w == "django"),
            "Django models",
        )
    });
    let migrations = s.path(v::is_migration_path, "migrations");
    let api_tests = facts
        .python
        .tests
        .api_tests
        .then(|| "tests call the API through a test client".to_owned());
    let weight = s.served_weight();
    // A described API counts when no framework does (a framework
    // generates its own description: counting both would count twice).
    let spec = if s.web().is_none() {
        s.api_spec()
    } else {
        None
    };
    vec![
        (3.0 * weight, s.web()),
        (3.0 * weight, spec),
        (1.5 * weight, orm),
        (1.0 * weight, migrations),
        (1.0 * weight, s.uses(v::AUTH_LIBRARIES)),
        (1.0 * weight, api_tests),
    ]
}

/// Full stack is a back end plus a user interface: it outranks the back
/// end alone. A UI is a front end (a JS/TS framework's components, a
/// package.json that builds one, an app's own scripts under static/) or the
/// pages the app renders for its users. Templates that only restyle the
/// admin, render e-mails or the API browser are part of a back end.
fn full_stack(s: &Signals<'_>) -> Vec<Signal> {
    let ui = front_end(s).or_else(|| s.path(is_user_page, "user-facing pages"));
    // A published library's pages are its console or demo (a task queue's
    // monitor, an HTTP test service's landing page): the work a reviewer
    // sees is the back end it serves them from.
    let library = s.facts.package.is_library;
    if s.web().is_none() || ui.is_none() || s.is_web_library().is_some() || library {
        return Vec::new();
    }
    let backend_score: f64 = backend(s)
        .iter()
        .filter(|(_, e)| e.is_some())
        .map(|(w, _)| w)
        .sum();
    // The back-end score is already weighed by `served_weight`; a
    // dashboard of a pipeline or a bot's admin page weighs as little.
    vec![
        (backend_score, Some("the back-end evidence".to_owned())),
        (1.5 * s.served_weight(), ui),
    ]
}

/// A front end: a framework's file (package.json, components), or at
/// least two of the app's own scripts under static/ (one `file.js` is a
/// helper, not an interface).
fn front_end(s: &Signals<'_>) -> Option<String> {
    let files: Vec<&str> = s
        .facts
        .files
        .iter()
        .map(|f| f.path.as_str())
        .filter(|p| !v::is_sample_path(p) && is_front_end(p))
        // A package.json counts when it builds a UI (`front_end_manifests`).
        .filter(|p| {
            !p.ends_with("package.json") || s.facts.front_end_manifests.iter().any(|m| m == p)
        })
        .collect();
    let framework = files.iter().find(|p| !p.contains("static/"));
    let shown = framework.or_else(|| (files.len() >= 2).then(|| &files[0]))?;
    Some(format!("front end ({shown})"))
}

fn data(s: &Signals<'_>) -> Vec<Signal> {
    // Every model is trained on a data frame: beside an ML library the
    // frames serve the model, and weigh half.
    // In an orchestrated pipeline the frames and the SQL models (dbt)
    // serve the pipeline: they weigh half here too.
    // So do frames inside an ETL layout (extract, transform and load
    // modules): the frames are the pipeline's payload.
    let pipeline = s.etl_pipeline();
    // And frames that fill a spreadsheet, a document or an e-mail the
    // code builds (openpyxl, win32com, gspread imported, no notebook):
    // the report is the job, the frames its input.
    let report = s.office_script().is_some();
    // A chat bot's frames answer its users' commands: the bot is the job.
    let bot = s.uses(v::BOT_FRAMEWORKS).is_some();
    let serves = s.models() || s.orchestrated || pipeline || report || bot;
    let frames = if serves { 1.5 } else { 3.0 };
    let sql = if s.orchestrated { 0.5 } else { 1.0 };
    vec![
        (frames, s.frames()),
        (sql, s.path(|p| p.ends_with(".sql"), "SQL files")),
        (1.0, s.notebooks()),
        (1.0, s.validation()),
        (0.5, s.uses(v::VISUALISATION)),
    ]
}

fn data_engineering(s: &Signals<'_>) -> Vec<Signal> {
    let orchestration = s.orchestration();
    let (etl, stages) = s.etl.clone();
    // Two stages of extract, transform and load in their own modules are
    // a pipeline's layout; one alone may be a helper.
    let etl_weight = if stages >= 2 { 2.0 } else { 1.5 };
    let (described, mentions) = pipeline_described(s.facts);
    // An MLOps project (a model of its own, with experiment tracking or
    // tuning) runs its pipeline to train the model: the orchestrator and
    // the stage modules serve the model and weigh half.
    let mlops = s.trains_models() && s.uses(v::EXPERIMENT_TRACKING).is_some();
    let serves = if mlops { 0.5 } else { 1.0 };
    let etl_weight = etl_weight * serves;
    vec![
        (3.0 * serves, orchestration),
        // A README that keeps saying ETL or data pipeline describes the
        // project's purpose; once may be a passing word, and weighs
        // nothing.
        (3.0, described.filter(|_| mentions >= 2)),
        // Spark, Beam, Kafka or Flink are data-engineering tools on their
        // own, as an orchestrator is: a Spark job is a pipeline.
        (3.0, s.uses(v::BIG_DATA)),
        (3.0, s.uses(v::DATA_INTEGRATION)),
        (etl_weight, etl),
        (1.0, s.frames()),
        (0.5, s.validation()),
    ]
}

/// ETL modules by name (`extract.py`, `transformations.py`, `loaders.py`,
/// `etl.py`, `lambda_ingest.py`, a package folder `ingestion/`): the first
/// one for evidence, and how many of the three stages (extract, transform,
/// load) have a module.
fn etl_layout(s: &Signals<'_>) -> (Option<String>, usize) {
    // Stages named by a module's own stem (`load.py`) count alone; those
    // named by a folder or inside a longer stem (`src/ingest/`,
    // `lambda_ingest.py`) only when they make two stages with the rest: a
    // lone `ingest/` folder is a step of many kinds of project.
    let (mut exact, mut loose) = ([false; 3], [false; 3]);
    let (mut first_exact, mut first_loose) = (None, None);
    for f in &s.facts.files {
        if v::is_sample_path(&f.path) || !f.path.ends_with(".py") {
            continue;
        }
        let (by_stem, by_other) = etl_stages_of(&f.path);
        let etl_module = f.path.rsplit('/').next() == Some("etl.py");
        for i in 0..3 {
            exact[i] |= by_stem[i];
            loose[i] |= by_stem[i] || by_other[i];
        }
        let evidence = || Some(format!("ETL modules ({})", f.path));
        if (by_stem.contains(&true) || etl_module) && first_exact.is_none() {
            first_exact = evidence();
        }
        if by_other.contains(&true) && first_loose.is_none() {
            first_loose = evidence();
        }
    }
    let count = |seen: &[bool; 3]| seen.iter().filter(|x| **x).count();
    if count(&loose) >= 2 && count(&loose) > count(&exact) {
        (first_exact.or(first_loose), count(&loose))
    } else {
        (first_exact, count(&exact))
    }
}

fn ml_ai(s: &Signals<'_>) -> Vec<Signal> {
    let ml = s.ml_libraries();
    let llm = s.uses(v::LLM_LIBRARIES);
    let model_files = s.path(
        |p| {
            [".pkl", ".joblib", ".onnx", ".pt", ".h5"]
                .iter()
                .any(|e| p.ends_with(e))
        },
        "model files",
    );
    // A web app around a model is the model's deployment: still ML work.
    let served = if ml.is_some() || llm.is_some() {
        s.web().map(|w| {
            // The evidence reads `flask in requirements.txt` or `imports
            // flask`: the framework is the word that is not `imports`.
            let framework = w
                .split(' ')
                .find(|word| *word != "imports")
                .unwrap_or("a web app");
            format!("the model is served through {framework}")
        })
    } else {
        None
    };
    let described = llm.as_ref().and_then(|_| llm_app_described(s.facts));
    vec![
        (3.0, ml),
        (2.5, llm),
        (2.0, described),
        (1.0, served),
        (1.0, s.uses(v::EXPERIMENT_TRACKING)),
        (0.5, model_files),
        (0.5, s.notebooks()),
    ]
}

fn automation(s: &Signals<'_>) -> Vec<Signal> {
    let facts = s.facts;
    let logging = (facts.python.logging_modules > 0).then(|| "uses logging".to_owned());
    // Without a web framework, an HTTP client fetches from APIs: a script's
    // job, not a service's.
    let fetches = if s.web().is_none() {
        s.uses(v::HTTP_CLIENTS)
    } else {
        None
    };
    // Standalone scripts: Python files at the top (or in scripts/) and no
    // package of the project's own.
    let scripts = facts
        .files
        .iter()
        .filter(|f| {
            f.path.ends_with(".py")
                && !f
                    .path
                    .rsplit('/')
                    .next()
                    .is_some_and(|n| n.starts_with("test"))
                && (!f.path.contains('/') || f.path.starts_with("scripts/"))
                && !matches!(f.path.as_str(), "setup.py" | "conftest.py" | "noxfile.py")
        })
        .count();
    let standalone = (scripts >= 2 && s.own_packages().is_empty() && s.web().is_none())
        .then(|| format!("{scripts} standalone scripts"));
    let scheduled =
        scheduled_run(facts).map(|(ci, cmd)| format!("CI runs `{cmd}` on a schedule ({ci})"));
    // A console script is a command users install and run: a tool.
    let command = facts
        .package
        .console_scripts
        .first()
        .map(|c| format!("a command-line tool (console script `{c}`)"));
    // In a web application (not a bot), the mail, schedules, documents and
    // scraping serve the app's features and weigh half, and its command or
    // command-line library starts the server: no automation evidence.
    let app = s.web().is_some() && s.uses(v::BOT_FRAMEWORKS).is_none();
    // So do a test-automation framework's helpers (page objects and a
    // browser driver): mail, spreadsheets and an argument parser serve
    // the test runs.
    let framework = s.suite.is_some() && s.uses_anywhere(v::QA_TOOLS).is_some();
    // And so do an orchestrated pipeline's (Airflow, Prefect, Dagster):
    // its FTP and HTTP clients and argument parsers are the tasks' tools.
    let (w, launcher) = if app || framework || s.orchestrated {
        (0.5, 0.0)
    } else if s.uses(v::SYSTEM_MONITORING).is_some() && s.uses(v::BOT_FRAMEWORKS).is_none() {
        // A monitoring tool's command line starts the monitor (DevOps).
        (1.0, 0.5)
    } else {
        (1.0, 1.5)
    };
    let browser = s
        .product_browser()
        .filter(|d| !v::SCRAPING.contains(d))
        .map(|d| format!("the product drives a browser ({d})"));
    vec![
        (3.0, s.uses(v::BOT_FRAMEWORKS)),
        (launcher, command),
        (launcher, s.uses(v::CLI_LIBRARIES)),
        (1.5 * w, s.uses(v::SYSTEM_AUTOMATION)),
        (1.0, fetches),
        (1.0, standalone),
        (1.5 * w, s.uses(v::SCHEDULERS)),
        // A scraper is what the code is for, even one that reads saved
        // pages; in an app or a test suite the parser is a helper.
        (if w < 1.0 { 1.0 } else { 3.0 }, s.uses(v::SCRAPING)),
        (2.0 * w, browser),
        // Imported by a script with no notebook, an office library is
        // what the code is for; declared only, it may serve pandas'
        // read_excel.
        match s.office_script() {
            Some(office) => (3.0 * w, Some(office)),
            None => (1.5 * w, s.uses(v::OFFICE_AUTOMATION)),
        },
        (0.5 * w, logging),
        (2.0, scheduled),
    ]
}

#[path = "tracks_ops.rs"]
mod ops;
use ops::{devops, qa};

#[path = "tracks_layout.rs"]
mod layout;
use layout::{
    etl_stages_of, is_front_end, is_infrastructure, is_user_page, llm_app_described,
    pipeline_described, scheduled_run,
};

#[cfg(test)]
#[path = "tracks_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "tracks_tests_more.rs"]
mod tests_more;
