//! The names of Python packages, modules and frameworks that facts, tracks
//! and rule conditions recognise, in one place so that "a web framework"
//! or "an ML library" means the same thing everywhere. Names are package
//! names as declared in manifests; where the import name differs, both are
//! listed.
//!
//! Order matters where a list is searched for the first match: the first
//! name found is the one evidence quotes, and `WEB_FRAMEWORKS` is the order
//! of the `web_frameworks` fact in reports.

/// Python web frameworks, by package name, in the order the
/// `web_frameworks` fact lists them.
pub const WEB_FRAMEWORKS: &[&str] = &[
    "django",
    "flask",
    "fastapi",
    "starlette",
    "tornado",
    "aiohttp",
    "sanic",
    "bottle",
    "pyramid",
    "litestar",
    "quart",
    "falcon",
    "streamlit",
    "dash",
    "gradio",
    "djangorestframework",
];

/// Web frameworks that build dashboards and demos around a script: the
/// project is on the web, but it is no back end.
pub const DASHBOARD_FRAMEWORKS: &[&str] = &["streamlit", "dash", "gradio"];

/// Import names of web frameworks whose package name differs.
pub const WEB_FRAMEWORK_IMPORTS: &[&str] = &["rest_framework"];

/// Web frameworks that serve an API or pages: the back-end signal. The
/// web frameworks less the dashboard ones, plus their import names.
pub fn backend_frameworks() -> Vec<&'static str> {
    WEB_FRAMEWORKS
        .iter()
        .filter(|w| !DASHBOARD_FRAMEWORKS.contains(w))
        .chain(WEB_FRAMEWORK_IMPORTS)
        .copied()
        .collect()
}

/// Databases reached through an ORM or a driver.
pub const DATABASE_CLIENTS: &[&str] = &[
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
];

/// Password hashing, tokens and login sessions.
pub const AUTH_LIBRARIES: &[&str] = &[
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
];

/// Data frames and columnar data.
pub const DATAFRAME_LIBRARIES: &[&str] = &["pandas", "polars", "numpy", "pyarrow", "duckdb"];

/// Data validation and quality checks.
pub const DATA_VALIDATION: &[&str] = &[
    "pandera",
    "great-expectations",
    "great_expectations",
    "soda-core",
    "frictionless",
];

/// Charts and dashboards.
pub const VISUALISATION: &[&str] = &[
    "matplotlib",
    "seaborn",
    "plotly",
    "altair",
    "streamlit",
    "dash",
];

/// Pipeline orchestrators and transformation tools.
pub const ORCHESTRATORS: &[&str] = &[
    "apache-airflow",
    "airflow",
    "prefect",
    "dagster",
    "luigi",
    "kedro",
    "dbt-core",
    "mage-ai",
];

/// Data-integration frameworks: Singer taps and targets, Meltano, Airbyte
/// connectors, dlt. A connector moves data between systems: data
/// engineering, whatever command-line wrapper it ships.
pub const DATA_INTEGRATION: &[&str] = &[
    "singer-sdk",
    "singer_sdk",
    "singer-python",
    "singer",
    "meltano",
    "airbyte-cdk",
    "airbyte_cdk",
    "airbyte",
    "dlt",
];

/// The tracks a package's declared topics name: Trove `Topic ::`
/// classifiers (a prefix matches its sub-topics) and keywords, as the
/// packaging metadata spells them (see `declared`). Kept narrow: "Topic ::
/// Utilities" or "Database" say nothing about a career.
pub const DECLARED_TRACKS: &[(&str, &[&str], &[&str])] = &[
    (
        "devops",
        &[
            "Topic :: System :: Systems Administration",
            "Topic :: System :: Installation/Setup",
            "Topic :: System :: Clustering",
        ],
        &[
            "sysadmin",
            "devops",
            "infrastructure",
            "infrastructure-as-code",
            "kubernetes",
            "k8s",
            "terraform",
            "ansible",
            "provisioning",
        ],
    ),
    (
        "data-engineering",
        &[],
        &[
            "etl",
            "elt",
            "singer",
            "meltano",
            "data pipeline",
            "data-pipeline",
            "data engineering",
            "data-engineering",
        ],
    ),
    (
        "data",
        &[
            "Topic :: Scientific/Engineering :: Information Analysis",
            "Topic :: Scientific/Engineering :: Visualization",
        ],
        &[
            "data analysis",
            "data-analysis",
            "eda",
            "data visualization",
            "data-visualization",
        ],
    ),
    (
        "ml-ai",
        &[
            "Topic :: Scientific/Engineering :: Artificial Intelligence",
            "Topic :: Scientific/Engineering :: Image Recognition",
        ],
        &[
            "machine learning",
            "machine-learning",
            "deep learning",
            "deep-learning",
            "mlops",
            "llm",
            "nlp",
        ],
    ),
    (
        "qa",
        &["Topic :: Software Development :: Testing"],
        &["test automation", "test-automation", "qa"],
    ),
    (
        "backend",
        &[
            "Topic :: Internet :: WWW/HTTP :: HTTP Servers",
            "Topic :: Internet :: WWW/HTTP :: WSGI :: Server",
        ],
        &["rest api", "rest-api"],
    ),
];

/// Distributed processing and streaming.
pub const BIG_DATA: &[&str] = &[
    "pyspark",
    "apache-beam",
    "kafka-python",
    "kafka",
    "confluent-kafka",
    "confluent_kafka",
    "dask",
    "ray",
];

/// Machine learning, computer vision and NLP.
pub const ML_LIBRARIES: &[&str] = &[
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
];

/// The text, image and statistics toolkits of `ML_LIBRARIES`, common in
/// plain data analysis; the rest train or run models.
pub const ML_TOOLKITS: &[&str] = &[
    "cv2",
    "opencv-python",
    "mediapipe",
    "spacy",
    "nltk",
    "statsmodels",
];

/// Large language model clients and frameworks.
pub const LLM_LIBRARIES: &[&str] = &[
    "openai",
    "anthropic",
    "langchain",
    "llama-index",
    "llama_index",
    "sentence-transformers",
    "huggingface-hub",
];

/// Experiment tracking, tuning and data versioning.
pub const EXPERIMENT_TRACKING: &[&str] = &["mlflow", "wandb", "optuna", "dvc"];

/// Command-line interfaces.
pub const CLI_LIBRARIES: &[&str] = &["argparse", "click", "typer", "fire", "docopt"];

/// Schedulers and task queues.
pub const SCHEDULERS: &[&str] = &["schedule", "apscheduler", "celery", "rq", "python-crontab"];

/// Parsing web pages and driving browsers. `requests` alone is everywhere,
/// so it is not here.
pub const SCRAPING: &[&str] = &[
    "beautifulsoup4",
    "bs4",
    "scrapy",
    "selenium",
    "lxml",
    "mechanicalsoup",
];

/// Office documents, mail, remote shells, desktop and chat automation.
pub const OFFICE_AUTOMATION: &[&str] = &[
    "openpyxl",
    "xlsxwriter",
    "python-docx",
    "docx",
    "pypdf",
    "PyPDF2",
    "pypdf2",
    "fitz",
    "pymupdf",
    "pdfplumber",
    "pdfminer",
    "pdfminer-six",
    "reportlab",
    "fpdf",
    "fpdf2",
    "pptx",
    "python-pptx",
    "paramiko",
    "watchdog",
    "pyautogui",
    "tweepy",
    "pywin32",
    "pypiwin32",
    "win32com",
    "xlwings",
    "gspread",
    "gsheets",
    "pygsheets",
];

/// Jupyter itself: a frozen notebook environment lists tornado (Jupyter's
/// server), which is then no web framework of the project's.
pub const JUPYTER: &[&str] = &[
    "jupyter",
    "jupyterlab",
    "notebook",
    "ipykernel",
    "jupyter-server",
    "jupyter_server",
    "nbconvert",
];

/// Chat-bot frameworks, by package and import name: a bot automates a
/// conversation, and the web server some of them embed (aiogram runs on
/// aiohttp) serves the bot, not an API of the project's own.
pub const BOT_FRAMEWORKS: &[&str] = &[
    "aiogram",
    "python-telegram-bot",
    "telegram",
    "pytelegrambotapi",
    "telebot",
    "pyrogram",
    "telethon",
    "discord.py",
    "discord",
    "py-cord",
    "nextcord",
    "slack-bolt",
    "slack_bolt",
    "vkbottle",
    "twitchio",
];

/// npm packages that make a user interface: frameworks and page
/// libraries. A package.json naming one of them is a front end; one naming
/// only bundlers, CSS kits (tailwindcss, bootstrap, sass), a docs generator
/// or a formatter builds assets for server pages, which count as pages.
pub const FRONT_END_PACKAGES: &[&str] = &[
    "react",
    "react-dom",
    "vue",
    "svelte",
    "@sveltejs/kit",
    "@angular/core",
    "preact",
    "solid-js",
    "next",
    "nuxt",
    "astro",
    "gatsby",
    "lit",
    "ember-source",
    "@remix-run/react",
    "jquery",
    "alpinejs",
    "htmx.org",
    "@hotwired/stimulus",
    "@hotwired/turbo",
    "stimulus",
    "chart.js",
    "d3",
];

/// Browser drivers: test tools when the tests drive them, automation when
/// the product does (screenshots, scraping).
pub const BROWSER_DRIVERS: &[&str] = &["selenium", "playwright", "splinter", "pyppeteer"];

/// scikit-learn's modules that fit no model: scaling, splitting, scoring,
/// imputing, sample data. Code importing only these analyses data.
pub const SKLEARN_NOT_MODELS: &[&str] = &[
    "preprocessing",
    "model_selection",
    "metrics",
    "impute",
    "datasets",
    "utils",
    "exceptions",
];

/// Browser, load and API test tooling: what a QA project is built with.
pub const QA_TOOLS: &[&str] = &[
    "selenium",
    "playwright",
    "pytest-playwright",
    "splinter",
    "locust",
    "behave",
    "robotframework",
    "schemathesis",
    "tavern",
    "pytest-bdd",
    "pytest_bdd",
    "pytest-selenium",
    "seleniumbase",
    "allure-pytest",
    "allure-behave",
];

/// HTTP clients, servers and toolkits: a repository that *is* one of
/// these (or a web framework) is a library, not a back-end application.
pub const HTTP_LIBRARIES: &[&str] = &[
    "requests",
    "httpx",
    "httpcore",
    "urllib3",
    "h11",
    "h2",
    "aiohttp",
    "werkzeug",
    "uvicorn",
    "gunicorn",
    "hypercorn",
    "daphne",
    "websockets",
    "treq",
    "httplib2",
];

/// Folders whose contents show how to use a project rather than being the
/// project: examples, playgrounds, tutorial sources, test fixtures.
pub const SAMPLE_DIRS: &[&str] = &[
    "examples",
    "example",
    "samples",
    "sample",
    "playground",
    "docs_src",
    "docs",
    "doc",
    "tutorial",
    "tutorials",
    "tests",
    "test",
    "fixtures",
    "testdata",
    "test_data",
    "test-data",
    "test-fixtures",
    "test-repos",
    "test_repos",
];

/// Folders of test inputs: files a test suite reads or builds repositories
/// from (sample repositories, recorded responses, data files). They are
/// inputs, not the project: their code does not make a career track, their
/// credentials are examples, and tools that audit or lint code keep
/// deliberately bad samples there. `tests/data/` counts too.
pub const FIXTURE_TREES: &[&str] = &[
    "fixtures",
    "test-fixtures",
    "testdata",
    "test_data",
    "test-data",
    "test-repos",
    "test_repos",
];

/// Whether a path lies in a fixture tree (see `FIXTURE_TREES`).
pub fn is_fixture_tree(path: &str) -> bool {
    let dirs: Vec<&str> = path.split('/').collect();
    let dirs = &dirs[..dirs.len().saturating_sub(1)];
    dirs.iter().any(|d| FIXTURE_TREES.contains(d))
        || dirs
            .windows(2)
            .any(|w| matches!(w[0], "tests" | "test") && w[1] == "data")
}

/// Whether a path lies where a test harness, an example or a fixture
/// lives (`is_sample_path` or `is_fixture_tree`): code and manifests there
/// show how the project is tested or used, not what it is built on.
pub fn is_harness_path(path: &str) -> bool {
    is_sample_path(path) || is_fixture_tree(path)
}

/// Whether a path lies under a sample folder (see `SAMPLE_DIRS`).
pub fn is_sample_path(path: &str) -> bool {
    path.split('/')
        .rev()
        .skip(1)
        .any(|d| SAMPLE_DIRS.contains(&d))
}

#[cfg(test)]
#[test]
fn fixture_trees_are_folders_of_test_inputs() {
    assert!(is_fixture_tree("test-repos/mistakes/tree/app.py"));
    assert!(is_fixture_tree("tests/data/sample.csv"));
    assert!(is_fixture_tree("pkg/testdata/x.json"));
    assert!(!is_fixture_tree("tests/test_app.py"));
    assert!(!is_fixture_tree("fixtures"));
    assert!(!is_fixture_tree("src/data/load.py"));
}

/// Schema migrations: Django's and Alembic's, and any layout under a
/// `migrations/` folder at any depth (Tortoise's aerich writes
/// `migrations/models/0_..._init.py`).
pub fn is_migration_path(path: &str) -> bool {
    let in_migrations = path.split('/').rev().skip(1).any(|d| d == "migrations");
    (in_migrations && (path.ends_with(".py") || path.ends_with(".sql")))
        || path.contains("alembic/versions/")
        || path.ends_with("alembic.ini")
        || path.ends_with("yoyo.ini")
}

/// Cloud SDKs and deployment tooling.
pub const CLOUD_SDKS: &[&str] = &[
    "boto3",
    "google-cloud-storage",
    "google-cloud-compute",
    "azure-identity",
    "azure-mgmt-compute",
    "docker",
    "fabric",
];

/// Libraries whose whole job is infrastructure: cluster operators and
/// clients, configuration management, infrastructure as code in Python.
pub const INFRASTRUCTURE_LIBRARIES: &[&str] = &[
    "kubernetes",
    "kopf",
    "kr8s",
    "pykube-ng",
    "pykube",
    "ansible",
    "ansible-core",
    "ansible-runner",
    "pulumi",
    "troposphere",
    "aws-cdk-lib",
    "cdktf",
    "python-terraform",
];

/// Logging libraries: importing one means the code logs rather than prints.
pub const LOGGING_MODULES: &[&str] = &["logging", "loguru", "structlog"];

/// Modules that replace real services in tests.
pub const MOCK_MODULES: &[&str] = &[
    "mock",
    "pytest_mock",
    "responses",
    "respx",
    "requests_mock",
    "httpretty",
    "aioresponses",
    "moto",
    "vcr",
    "pook",
];

/// Test client classes of web frameworks: a test that builds one calls the
/// API.
pub const TEST_CLIENT_CLASSES: &[&str] = &[
    "TestClient",
    "APIClient",
    "AsyncClient",
    "Client",
    "APIRequestFactory",
    "RequestFactory",
    "FlaskClient",
];

/// unittest-style base classes whose subclasses hold tests.
pub const TEST_CASE_BASES: &[&str] = &[
    "TestCase",
    "APITestCase",
    "TransactionTestCase",
    "SimpleTestCase",
    "LiveServerTestCase",
    "StaticLiveServerTestCase",
    "IsolatedAsyncioTestCase",
    "APITransactionTestCase",
    "AsyncTestCase",
    "AioHTTPTestCase",
];

/// Names that mark a development-only tool: finding one among runtime
/// dependencies means dev and runtime are mixed.
pub const DEV_TOOLS: &[&str] = &[
    "pytest",
    "pytest-cov",
    "pytest-mock",
    "coverage",
    "tox",
    "nox",
    "black",
    "ruff",
    "flake8",
    "pylint",
    "mypy",
    "pyright",
    "isort",
    "pre-commit",
    "hypothesis",
    "autopep8",
    "bandit",
];

/// HTTP clients a script or a test suite calls remote APIs with.
pub const HTTP_CLIENTS: &[&str] = &["requests", "httpx", "aiohttp", "urllib3", "httplib2"];

/// Modules that drive mail, file transfer, remote shells or the desktop:
/// the everyday jobs of automation scripts.
pub const SYSTEM_AUTOMATION: &[&str] = &[
    "smtplib",
    "imaplib",
    "poplib",
    "ftplib",
    "paramiko",
    "fabric",
    "watchdog",
    "pyautogui",
    "pywinauto",
    "pexpect",
];

/// Libraries that watch a machine or a network: process and host metrics,
/// pings, SNMP, network devices, cron tables. A script built on them is a
/// monitoring or operations tool: DevOps work.
pub const SYSTEM_MONITORING: &[&str] = &[
    "psutil",
    "pysnmp",
    "ping3",
    "icmplib",
    "pythonping",
    "speedtest",
    "speedtest-cli",
    "netmiko",
    "napalm",
    "python-crontab",
    "crontab",
    "GPUtil",
];

/// Modules whose use means the code talks to other services (the
/// `calls-network` rule condition).
pub const NETWORK_MODULES: &[&str] = &[
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "boto3",
    "botocore",
    "openai",
    "anthropic",
    "stripe",
    "twilio",
    "slack_sdk",
    "telegram",
    "tweepy",
    "smtplib",
    "paramiko",
    "googleapiclient",
    "praw",
    "discord",
];

/// Variables every program may read from its platform or CI; reading them
/// does not make a project configurable by environment.
pub fn is_system_variable(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "HOME",
        "PATH",
        "USER",
        "USERNAME",
        "LOGNAME",
        "SHELL",
        "TERM",
        "PAGER",
        "LESS",
        "EDITOR",
        "VISUAL",
        "LANG",
        "LANGUAGE",
        "TZ",
        "PWD",
        "TMPDIR",
        "TEMP",
        "TMP",
        "COLUMNS",
        "LINES",
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR",
        "CI",
        "SOURCE_DATE_EPOCH",
        "VIRTUAL_ENV",
        "CONDA_PREFIX",
        "APPDATA",
        "LOCALAPPDATA",
        "USERPROFILE",
        "COMSPEC",
        "SYSTEMROOT",
        "WINDIR",
        "PROGRAMFILES",
        "HOSTNAME",
        "DISPLAY",
        "WAYLAND_DISPLAY",
        "SSH_AUTH_SOCK",
        "COLORTERM",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "NO_PROXY",
        "http_proxy",
        "https_proxy",
        "no_proxy",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
        "SSL_CERT_FILE",
        "NETRC",
        "PYTEST_CURRENT_TEST",
        "TERM_PROGRAM",
        "EMACS",
        "INSIDE_EMACS",
    ];
    const PREFIXES: &[&str] = &[
        "LC_",
        "XDG_",
        "PYTHON",
        "GITHUB_",
        "RUNNER_",
        "GITLAB_",
        "TRAVIS",
        "CIRCLE",
        "BUILDKITE",
        "_",
    ];
    EXACT.contains(&name) || PREFIXES.iter().any(|p| name.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashboards_are_web_frameworks_but_not_back_ends() {
        for d in DASHBOARD_FRAMEWORKS {
            assert!(WEB_FRAMEWORKS.contains(d), "{d}");
            assert!(!backend_frameworks().contains(d), "{d}");
        }
        let backend = backend_frameworks();
        assert!(backend.contains(&"bottle") && backend.contains(&"rest_framework"));
        assert_eq!(backend.first(), Some(&"django"));
    }

    #[test]
    fn system_variables() {
        assert!(is_system_variable("HOME"));
        assert!(is_system_variable("GITHUB_TOKEN"));
        assert!(is_system_variable("LC_ALL"));
        assert!(!is_system_variable("DATABASE_URL"));
    }
}
