//! Which third-party modules the shipped code imports that no manifest
//! declares: the gap a reviewer finds when `pip install -r` succeeds and
//! the first run dies on `ModuleNotFoundError`.
//!
//! Matching is loose on purpose. A declared name that contains the
//! import's covers it (`apache-airflow` covers `airflow`), a table maps
//! the import names that differ from their distribution's, and a second
//! table lists the packages a declared framework brings along (FastAPI
//! brings Starlette and Pydantic), since nobody declares those.

use crate::facts::Facts;
use crate::facts::manifests::DEV_TOOLS;
use crate::facts::vocabulary::{is_fixture_tree, is_sample_path};

/// Import names that differ from their distribution's name.
pub const IMPORT_NAMES: &[(&str, &str)] = &[
    ("sklearn", "scikit-learn"),
    ("cv2", "opencv"),
    ("PIL", "pillow"),
    ("yaml", "pyyaml"),
    ("bs4", "beautifulsoup4"),
    ("dotenv", "python-dotenv"),
    ("dateutil", "python-dateutil"),
    ("jwt", "pyjwt"),
    ("skimage", "scikit-image"),
    ("docx", "python-docx"),
    ("telegram", "python-telegram-bot"),
    ("telebot", "pytelegrambotapi"),
    ("Crypto", "pycryptodome"),
    ("serial", "pyserial"),
    ("fitz", "pymupdf"),
    ("attr", "attrs"),
    ("gi", "pygobject"),
    ("win32api", "pywin32"),
    ("win32com", "pywin32"),
    ("win32con", "pywin32"),
    ("pythoncom", "pywin32"),
    ("MySQLdb", "mysqlclient"),
    ("rest_framework", "djangorestframework"),
    ("rest_framework_simplejwt", "djangorestframework-simplejwt"),
    ("corsheaders", "django-cors-headers"),
    ("googleapiclient", "google-api-python-client"),
    ("speech_recognition", "speechrecognition"),
    ("OpenSSL", "pyopenssl"),
    ("nacl", "pynacl"),
    ("zmq", "pyzmq"),
    ("git", "gitpython"),
    ("github", "pygithub"),
    ("dns", "dnspython"),
    ("Levenshtein", "levenshtein"),
    ("bson", "pymongo"),
    ("gridfs", "pymongo"),
    ("mpl_toolkits", "matplotlib"),
    ("pylab", "matplotlib"),
    ("Bio", "biopython"),
    ("wx", "wxpython"),
    ("usb", "pyusb"),
    ("magic", "python-magic"),
    ("jose", "python-jose"),
    ("multipart", "python-multipart"),
    ("socketio", "python-socketio"),
    ("engineio", "python-engineio"),
    ("pkg_resources", "setuptools"),
    ("google", "protobuf"),
    ("discord", "py-cord"),
    ("kafka", "kafka-python"),
    ("psycopg", "psycopg"),
    ("sentencepiece", "sentencepiece"),
    ("tensorflow_hub", "tensorflow-hub"),
];

/// Packages a declared distribution installs along with itself: (import,
/// the distributions that bring it). A reviewer does not ask for
/// `starlette` beside `fastapi`.
const BROUGHT_BY: &[(&str, &[&str])] = &[
    ("starlette", &["fastapi"]),
    (
        "pydantic",
        &[
            "fastapi",
            "sqlmodel",
            "langchain",
            "openai",
            "pydantic-settings",
        ],
    ),
    ("pydantic_core", &["pydantic", "fastapi"]),
    ("anyio", &["fastapi", "starlette", "httpx", "openai"]),
    ("werkzeug", &["flask"]),
    ("jinja2", &["flask", "fastapi-jinja", "sphinx", "mkdocs"]),
    ("markupsafe", &["flask", "jinja2"]),
    ("itsdangerous", &["flask"]),
    (
        "click",
        &["flask", "typer", "uvicorn", "black", "dask", "celery"],
    ),
    ("asgiref", &["django"]),
    ("sqlparse", &["django"]),
    (
        "sqlalchemy",
        &["flask-sqlalchemy", "sqlmodel", "alembic", "flask-migrate"],
    ),
    ("alembic", &["flask-migrate"]),
    ("urllib3", &["requests", "botocore", "selenium"]),
    ("certifi", &["requests", "httpx"]),
    ("idna", &["requests", "httpx"]),
    ("charset_normalizer", &["requests"]),
    (
        "numpy",
        &[
            "pandas",
            "scipy",
            "scikit-learn",
            "matplotlib",
            "seaborn",
            "tensorflow",
            "torch",
            "opencv",
            "keras",
            "statsmodels",
            "xgboost",
            "lightgbm",
            "transformers",
            "plotly",
            "streamlit",
            "gensim",
            "librosa",
            "numba",
            "pyarrow",
            "shap",
            "catboost",
        ],
    ),
    (
        "pandas",
        &[
            "seaborn",
            "streamlit",
            "statsmodels",
            "yfinance",
            "pandas-ta",
            "shap",
        ],
    ),
    ("matplotlib", &["seaborn", "scikit-plot", "mplfinance"]),
    (
        "scipy",
        &[
            "scikit-learn",
            "statsmodels",
            "seaborn",
            "gensim",
            "xgboost",
            "lightgbm",
            "librosa",
        ],
    ),
    ("joblib", &["scikit-learn", "nltk"]),
    ("threadpoolctl", &["scikit-learn"]),
    ("dateutil", &["pandas", "matplotlib", "botocore", "arrow"]),
    ("pytz", &["pandas", "django", "celery", "apache-airflow"]),
    ("six", &["python-dateutil"]),
    ("botocore", &["boto3"]),
    ("s3transfer", &["boto3"]),
    ("keras", &["tensorflow"]),
    ("tensorboard", &["tensorflow"]),
    (
        "PIL",
        &[
            "matplotlib",
            "torchvision",
            "streamlit",
            "imageio",
            "scikit-image",
        ],
    ),
    (
        "huggingface_hub",
        &[
            "transformers",
            "sentence-transformers",
            "datasets",
            "diffusers",
        ],
    ),
    ("tokenizers", &["transformers"]),
    ("safetensors", &["transformers"]),
    (
        "tqdm",
        &[
            "transformers",
            "nltk",
            "datasets",
            "huggingface-hub",
            "openai",
        ],
    ),
    ("regex", &["nltk", "transformers", "tiktoken"]),
    (
        "torch",
        &["sentence-transformers", "torchvision", "ultralytics"],
    ),
    (
        "langchain_core",
        &["langchain", "langchain-openai", "langchain-community"],
    ),
    ("langchain_community", &["langchain"]),
    ("langchain_text_splitters", &["langchain"]),
    (
        "httpx",
        &[
            "openai",
            "anthropic",
            "fastapi",
            "python-telegram-bot",
            "supabase",
        ],
    ),
    ("kombu", &["celery"]),
    ("multidict", &["aiohttp"]),
    ("yarl", &["aiohttp"]),
    ("aiohttp", &["discord.py", "aiogram", "py-cord"]),
    (
        "typing_extensions",
        &["pydantic", "fastapi", "sqlalchemy", "typer"],
    ),
    ("rich", &["typer"]),
    ("h11", &["uvicorn", "httpx"]),
    ("websockets", &["uvicorn"]),
    (
        "google",
        &["google-", "tensorflow", "firebase-admin", "grpcio"],
    ),
    (
        "googleapiclient",
        &["google-api-python-client", "firebase-admin"],
    ),
    ("grpc", &["grpcio", "google-"]),
    ("attr", &["aiohttp", "jsonschema", "pytest"]),
    (
        "packaging",
        &[
            "setuptools",
            "pytest",
            "matplotlib",
            "transformers",
            "streamlit",
        ],
    ),
    ("pkg_resources", &["setuptools"]),
    ("lxml", &["python-docx", "python-pptx"]),
    ("et_xmlfile", &["openpyxl"]),
    ("pyasn1", &["rsa"]),
    (
        "cryptography",
        &["paramiko", "pyjwt", "pyopenssl", "python-jose"],
    ),
    ("dns", &["email-validator", "pymongo"]),
    ("email_validator", &["pydantic"]),
    ("trio", &["selenium"]),
    ("blinker", &["flask"]),
    ("markdown_it", &["rich"]),
    ("pygments", &["rich", "ipython"]),
    (
        "IPython",
        &["jupyter", "notebook", "ipykernel", "jupyterlab"],
    ),
    ("ipywidgets", &["jupyter"]),
    ("psycopg2", &["dj-database-url"]),
    ("redis", &["celery", "rq", "django-redis"]),
];

/// Modules every Python has, though not in the standard library list:
/// installer machinery a reviewer never asks anyone to declare.
const ALWAYS_THERE: &[&str] = &["setuptools", "pkg_resources", "pip", "wheel", "distutils"];

/// Modules the platform a file runs on provides: Airflow DAGs run inside
/// Airflow (which brings pendulum), Glue jobs inside Glue, Spark jobs
/// under spark-submit, Kaggle notebooks in Kaggle's image. Nobody lists
/// them in the project's own requirements.
const RUNTIME_PROVIDED: &[&str] = &[
    "airflow",
    "pendulum",
    "awsglue",
    "pyspark",
    "kaggle_secrets",
];

/// Fewest undeclared packages, and their least share of the shipped
/// code's third-party imports, for the manifests to count as not
/// declaring the code's dependencies. One or two misses are an oversight
/// a reviewer notes in passing; a manifest that leaves out a third of
/// what the code needs does not describe the project.
pub const MISSING_AT_LEAST: usize = 3;
pub const MISSING_SHARE: f64 = 0.35;

/// Lowercase with `_` and `.` as `-`, the way pip compares names.
fn norm(s: &str) -> String {
    s.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// The third-party modules the shipped code imports (outside tests,
/// examples, docs and fixtures; required, not behind an ImportError
/// guard) that no manifest declares, each with the first file that
/// imports it. Empty when the manifests cannot be read statically: a
/// setup.py may build its list in code.
pub fn undeclared_imports(facts: &Facts) -> Coverage {
    let m = &facts.manifests;
    let mut coverage = Coverage::default();
    if m.manifests.iter().any(|x| x.kind == "setup.py") {
        return coverage;
    }
    let declared: Vec<String> = m.dependencies.iter().map(|d| norm(&d.name)).collect();
    let local = local_modules(facts);
    for (module, sites) in &facts.python.import_sites {
        let Some(site) = sites.iter().find(|p| shipped(facts, p)) else {
            continue;
        };
        let third_party = !module.starts_with('_')
            && !facts.python.is_optional_import(module)
            && !crate::facts::stdlib::is_stdlib(module)
            && !local.contains(module.as_str())
            && !ALWAYS_THERE.contains(&module.as_str())
            && !RUNTIME_PROVIDED.contains(&module.as_str())
            && !DEV_TOOLS.iter().any(|t| norm(t) == norm(module));
        if !third_party {
            continue;
        }
        coverage.imported += 1;
        if !covered(module, &declared) {
            coverage.missing.push((module.clone(), site.clone()));
        }
    }
    coverage
}

/// The shipped code's third-party imports against the manifests.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Distinct third-party modules the shipped code imports.
    pub imported: usize,
    /// Those no manifest covers, each with the first file importing it.
    pub missing: Vec<(String, String)>,
}

/// Whether a file that imports something is code the project ships: not
/// an example, doc, fixture or notebook, and, for a library, inside its
/// package (a library's release scripts are the maintainers' tools).
fn shipped(facts: &Facts, path: &str) -> bool {
    if is_sample_path(path) || is_fixture_tree(path) || path.ends_with(".ipynb") {
        return false;
    }
    match (&facts.package.package, facts.package.is_library) {
        (Some(pkg), true) => {
            path == pkg || path.starts_with(&format!("{}/", pkg.trim_end_matches(".py")))
        }
        _ => true,
    }
}

impl Coverage {
    /// Enough of the code's imports left out that the manifests do not
    /// describe the project (see [`MISSING_AT_LEAST`]).
    pub fn falls_short(&self) -> bool {
        self.missing.len() >= MISSING_AT_LEAST
            && self.missing.len() as f64 >= MISSING_SHARE * self.imported as f64
    }
}

/// The project's own top-level modules: every `.py` file's stem and every
/// folder that holds Python files.
pub fn local_modules(facts: &Facts) -> std::collections::BTreeSet<&str> {
    let mut local = std::collections::BTreeSet::new();
    for f in facts.files.iter().filter(|f| f.path.ends_with(".py")) {
        let mut parts: Vec<&str> = f.path.split('/').collect();
        if let Some(file) = parts.pop() {
            local.insert(file.trim_end_matches(".py"));
        }
        local.extend(parts);
    }
    local
}

/// Whether a declared name covers the import: by name (loosely), by the
/// import-name table, or as a package a declared one brings along.
pub fn covered(module: &str, declared: &[String]) -> bool {
    let by_name = |module: &str| {
        let a = norm(module);
        let dist = IMPORT_NAMES
            .iter()
            .find(|(i, _)| *i == module)
            .map(|(_, d)| norm(d));
        declared.iter().any(|d| {
            dist.as_ref()
                .is_some_and(|b| d == b || d.contains(b.as_str()))
                || d.contains(&a)
                || (a.len() >= 3 && a.contains(d.as_str()))
        })
    };
    by_name(module)
        || BROUGHT_BY
            .iter()
            .filter(|(i, _)| *i == module)
            .flat_map(|(_, by)| by.iter())
            .any(|b| {
                let b = norm(b);
                declared.iter().any(|d| d.contains(&b))
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| norm(s)).collect()
    }

    #[test]
    fn a_declared_name_covers_its_import_and_what_it_brings() {
        let declared = names(&[
            "fastapi",
            "scikit-learn",
            "apache-airflow-providers-postgres",
        ]);
        assert!(covered("fastapi", &declared));
        assert!(covered("starlette", &declared));
        assert!(covered("sklearn", &declared));
        assert!(covered("numpy", &declared));
        assert!(covered("airflow", &declared));
        assert!(!covered("flasgger", &declared));
        assert!(!covered("pandas", &declared));
    }
}
