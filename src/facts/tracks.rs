//! Which career tracks a repository is evidence for, judged from what it
//! declares, imports and contains. "fastapi + sqlalchemy + alembic" reads as
//! back end; "pandas + great_expectations + airflow" as data engineering.

use super::Facts;
use serde::Serialize;

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

#[derive(Debug, Clone, Serialize)]
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
}

impl Signals<'_> {
    /// The first of `names` used (imported or declared), for evidence.
    fn uses(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|n| {
            let wanted = n.replace('_', "-");
            if let Some(d) = self
                .facts
                .manifests
                .dependencies
                .iter()
                .find(|d| d.name.replace('_', "-") == wanted)
            {
                return Some(format!("{n} in {}", d.file));
            }
            self.facts
                .python
                .imports
                .contains(*n)
                .then(|| format!("imports {n}"))
        })
    }

    fn path(&self, pred: impl Fn(&str) -> bool, label: &str) -> Option<String> {
        self.facts
            .files
            .iter()
            .find(|f| pred(&f.path))
            .map(|f| format!("{label} ({})", f.path))
    }
}

/// Detects tracks, strongest first; only those over the threshold.
pub fn detect(facts: &Facts) -> Vec<TrackMatch> {
    let s = Signals { facts };
    let mut out = Vec::new();
    let mut add = |track: &str, signals: Vec<(f64, Option<String>)>| {
        let found: Vec<(f64, String)> = signals
            .into_iter()
            .filter_map(|(w, e)| e.map(|e| (w, e)))
            .collect();
        let score: f64 = found.iter().map(|(w, _)| w).sum();
        if score >= THRESHOLD {
            out.push(TrackMatch {
                track: track.to_owned(),
                score,
                evidence: found.into_iter().map(|(_, e)| e).collect(),
            });
        }
    };

    let web = s.uses(&[
        "fastapi",
        "django",
        "flask",
        "starlette",
        "litestar",
        "sanic",
        "aiohttp",
        "tornado",
        "falcon",
        "pyramid",
        "quart",
        "djangorestframework",
        "rest_framework",
    ]);
    let orm = s
        .uses(&[
            "sqlalchemy",
            "sqlmodel",
            "peewee",
            "tortoise-orm",
            "psycopg2",
            "psycopg",
            "asyncpg",
            "pymongo",
            "motor",
            "mongoengine",
            "redis",
        ])
        .or_else(|| {
            s.path(
                |p| p.ends_with("/models.py") && facts.web_frameworks.iter().any(|w| w == "django"),
                "Django models",
            )
        });
    let migrations = s.path(
        |p| {
            p.contains("/migrations/")
                || p.contains("alembic/versions/")
                || p.ends_with("alembic.ini")
        },
        "migrations",
    );
    let auth = s.uses(&[
        "passlib",
        "bcrypt",
        "python-jose",
        "pyjwt",
        "jwt",
        "authlib",
        "flask-login",
        "flask_login",
        "fastapi-users",
        "djangorestframework-simplejwt",
    ]);
    let api_tests = facts
        .python
        .tests
        .api_tests
        .then(|| "tests call the API through a test client".to_owned());
    let backend_signals = vec![
        (3.0, web.clone()),
        (1.5, orm.clone()),
        (1.0, migrations),
        (1.0, auth),
        (1.0, api_tests),
    ];
    let backend_score: f64 = backend_signals
        .iter()
        .filter(|(_, e)| e.is_some())
        .map(|(w, _)| w)
        .sum();
    add("backend", backend_signals);

    let ui = s.path(
        |p| {
            (p.contains("templates/") && p.ends_with(".html"))
                || p.ends_with("frontend/package.json")
                || p.ends_with(".tsx")
                || p.ends_with(".vue")
                || p.ends_with(".svelte")
                || (p.contains("static/") && p.ends_with(".js"))
        },
        "user interface",
    );
    // Full stack is a back end plus a UI: it outranks the back end alone.
    if web.is_some() && ui.is_some() {
        add(
            "full-stack",
            vec![
                (backend_score, Some("the back-end evidence".to_owned())),
                (1.5, ui),
            ],
        );
    }

    let frames = s.uses(&["pandas", "polars", "numpy", "pyarrow", "duckdb"]);
    let sql = s.path(|p| p.ends_with(".sql"), "SQL files");
    let notebooks = match facts.python.notebooks.len() {
        0 => None,
        1 => Some("1 notebook".to_owned()),
        n => Some(format!("{n} notebooks")),
    };
    let validation = s.uses(&[
        "pandera",
        "great-expectations",
        "great_expectations",
        "soda-core",
        "frictionless",
    ]);
    let viz = s.uses(&[
        "matplotlib",
        "seaborn",
        "plotly",
        "altair",
        "streamlit",
        "dash",
    ]);
    add(
        "data",
        vec![
            (2.5, frames.clone()),
            (1.0, sql),
            (1.0, notebooks.clone()),
            (1.0, validation.clone()),
            (0.5, viz),
        ],
    );

    let orchestration = s
        .uses(&[
            "apache-airflow",
            "airflow",
            "prefect",
            "dagster",
            "luigi",
            "kedro",
            "dbt-core",
            "mage-ai",
        ])
        .or_else(|| {
            s.path(
                |p| {
                    p.starts_with("dags/") || p.contains("/dags/") || p.ends_with("dbt_project.yml")
                },
                "DAGs",
            )
        });
    let big = s.uses(&[
        "pyspark",
        "apache-beam",
        "kafka-python",
        "confluent-kafka",
        "dask",
        "ray",
    ]);
    let etl = s.path(
        |p| {
            [
                "extract.py",
                "transform.py",
                "load.py",
                "etl.py",
                "ingest.py",
            ]
            .iter()
            .any(|n| p.ends_with(n))
        },
        "ETL modules",
    );
    add(
        "data-engineering",
        vec![
            (3.0, orchestration),
            (1.5, big),
            (1.5, etl),
            (1.0, frames.clone()),
            (0.5, validation),
        ],
    );

    let ml = s.uses(&[
        "scikit-learn",
        "sklearn",
        "torch",
        "tensorflow",
        "keras",
        "xgboost",
        "lightgbm",
        "catboost",
        "transformers",
        "jax",
        "cv2",
        "opencv-python",
        "ultralytics",
        "mediapipe",
        "spacy",
        "nltk",
        "statsmodels",
    ]);
    let llm = s.uses(&[
        "openai",
        "anthropic",
        "langchain",
        "llama-index",
        "llama_index",
        "sentence-transformers",
        "huggingface-hub",
    ]);
    let tracking = s.uses(&["mlflow", "wandb", "optuna", "dvc"]);
    let model_files = s.path(
        |p| {
            [".pkl", ".joblib", ".onnx", ".pt", ".h5"]
                .iter()
                .any(|e| p.ends_with(e))
        },
        "model files",
    );
    // A web app around a model is the model's deployment: still ML work.
    let served = (ml.is_some() || llm.is_some())
        .then_some(web.as_ref())
        .flatten()
        .map(|w| {
            format!(
                "the model is served through {}",
                w.split(' ').next().unwrap_or("a web app")
            )
        });
    add(
        "ml-ai",
        vec![
            (3.0, ml),
            (2.5, llm),
            (1.0, served),
            (1.0, tracking),
            (0.5, model_files),
            (0.5, notebooks),
        ],
    );

    let cli = s.uses(&["argparse", "click", "typer", "fire", "docopt"]);
    let schedule = s.uses(&["schedule", "apscheduler", "celery", "rq", "python-crontab"]);
    // requests alone is everywhere; parsing pages is the automation signal.
    let scraping = s.uses(&[
        "beautifulsoup4",
        "bs4",
        "scrapy",
        "selenium",
        "lxml",
        "mechanicalsoup",
    ]);
    let office = s.uses(&[
        "openpyxl",
        "xlsxwriter",
        "python-docx",
        "docx",
        "pypdf",
        "smtplib",
        "paramiko",
        "watchdog",
        "pyautogui",
        "telegram",
        "python-telegram-bot",
        "tweepy",
    ]);
    let logging = (facts.python.logging_modules > 0).then(|| "uses logging".to_owned());
    add(
        "automation",
        vec![
            (1.5, cli),
            (1.5, schedule),
            (1.5, scraping),
            (1.5, office),
            (0.5, logging),
        ],
    );

    let browser = s.uses(&[
        "selenium",
        "playwright",
        "pytest-playwright",
        "splinter",
        "locust",
        "behave",
        "robotframework",
        "schemathesis",
        "tavern",
    ]);
    let heavy_tests = facts
        .python
        .test_ratio()
        .filter(|r| *r >= 1.0)
        .map(|r| format!("{r:.1} test lines per source line"));
    let many_tests = (facts.python.tests.functions >= 30)
        .then(|| format!("{} tests", facts.python.tests.functions));
    let fixtures = (facts.python.tests.fixtures + facts.python.tests.parametrized >= 5)
        .then(|| "fixtures and parametrize".to_owned());
    add(
        "qa",
        vec![
            // A well-tested library is not a QA project: without browser
            // or API test tooling, volume alone stays under the threshold.
            (2.5, browser),
            (1.0, heavy_tests),
            (1.0, many_tests),
            (0.5, fixtures),
        ],
    );

    let docker = facts
        .dockerfiles
        .first()
        .map(|d| format!("Dockerfile ({})", d.path));
    let compose = s.path(
        |p| {
            p.ends_with("docker-compose.yml")
                || p.ends_with("compose.yaml")
                || p.ends_with("compose.yml")
                || p.ends_with("docker-compose.yaml")
        },
        "compose",
    );
    let iac = s.path(
        |p| {
            p.ends_with(".tf")
                || p.starts_with("k8s/")
                || p.contains("/k8s/")
                || p.starts_with("helm/")
                || p.ends_with("kustomization.yaml")
                || p.starts_with("ansible/")
        },
        "infrastructure as code",
    );
    let cloud = s.uses(&[
        "boto3",
        "google-cloud-storage",
        "azure-identity",
        "kubernetes",
        "docker",
        "fabric",
        "pulumi",
    ]);
    let cd = facts
        .ci
        .configs
        .iter()
        .find(|c| c.kinds.contains(&"deploy"))
        .map(|c| format!("CI deploys ({})", c.path));
    add(
        "devops",
        vec![
            (1.0, docker),
            (1.0, compose),
            (2.5, iac),
            (1.0, cloud),
            (1.5, cd),
        ],
    );

    // On a tie the more specific track wins: an ML project is also a data
    // project, but not the other way round.
    let specificity = |t: &str| {
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
        .position(|x| *x == t)
        .unwrap_or(99)
    };
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(specificity(&a.track).cmp(&specificity(&b.track)))
    });
    out
}
