//! More tests of career-track detection: serverless APIs, documentation
//! pages and evidence wording.
use super::tests::{import_in, importing, readme, tracks, with_files};
use super::*;

#[test]
fn lambda_handlers_with_an_openapi_description_are_a_back_end() {
    let facts = with_files(
        importing(&["boto3"]),
        &[
            "api/openapi.yaml",
            "docker-compose.yml",
            "src/handlers/upload_handler.py",
        ],
    );
    assert_eq!(tracks(&facts)[0], "backend", "{:?}", detect(&facts));
    // Without the API the same SDK is a cloud script.
    let script = with_files(importing(&["boto3"]), &["scripts/cleanup.py"]);
    assert_eq!(tracks(&script)[0], "devops", "{:?}", detect(&script));
}

#[test]
fn built_documentation_scripts_are_no_front_end() {
    assert!(!is_front_end(
        "html/_static/_sphinx_javascript_frameworks_compat.js"
    ));
    assert!(!is_front_end("docs/_build/html/_static/doctools.js"));
    assert!(is_front_end("app/static/js/main.js"));
}

#[test]
fn api_documentation_pages_are_no_front_end_and_evidence_names_the_framework() {
    assert!(!is_front_end("src/static/swagger/swagger-initializer.js"));
    assert!(!is_front_end("app/static/redoc/redoc.standalone.js"));
    let facts = importing(&["sklearn", "flask"]);
    let ml = detect(&facts)
        .into_iter()
        .find(|t| t.track == "ml-ai")
        .expect("ml-ai");
    assert!(
        ml.evidence
            .contains(&"the model is served through flask".to_owned()),
        "{:?}",
        ml.evidence
    );
}

#[test]
fn a_web_app_around_its_own_model_is_ml_work_and_an_llm_client_is_not() {
    // Django, DRF and a React front end that serve a churn model.
    let mut app = with_files(
        importing(&["django", "rest_framework", "sklearn", "xgboost"]),
        &[
            "backend/app/models.py",
            "backend/app/migrations/0001_initial.py",
            "backend/models/churn.joblib",
            "frontend/package.json",
            "frontend/src/App.tsx",
        ],
    );
    app.front_end_manifests
        .push("frontend/package.json".to_owned());
    assert_eq!(tracks(&app)[0], "ml-ai", "{:?}", tracks(&app));
    // A blog back end that calls an LLM API stays a back end.
    let blog = with_files(
        importing(&["fastapi", "sqlalchemy", "openai", "passlib"]),
        &["alembic.ini", "app/main.py"],
    );
    assert_eq!(tracks(&blog)[0], "backend", "{:?}", tracks(&blog));
}

#[test]
fn an_mlops_pipeline_trains_a_model_and_is_ml_work() {
    // Dagster or Prefect runs the stages that feed a tuned, tracked model.
    let mlops = with_files(
        importing(&["dagster", "pandas", "sklearn", "xgboost", "optuna"]),
        &[
            "src/pipeline/extract.py",
            "src/pipeline/transform.py",
            "src/pipeline/load.py",
        ],
    );
    assert_eq!(tracks(&mlops)[0], "ml-ai", "{:?}", tracks(&mlops));
    // Without tracking or tuning, a pipeline that fits a model stays a
    // pipeline.
    let etl = with_files(
        importing(&["dagster", "pandas", "sklearn", "xgboost"]),
        &[
            "src/pipeline/extract.py",
            "src/pipeline/transform.py",
            "src/pipeline/load.py",
        ],
    );
    assert_eq!(tracks(&etl)[0], "data-engineering", "{:?}", tracks(&etl));
}

#[test]
fn mail_templates_are_no_user_pages_whatever_their_folder_is_called() {
    assert!(is_user_page("app/templates/todos/list.html"));
    assert!(is_user_page("web/jinja_templates/index.html"));
    // Mail the back end sends, by subfolder or by the folder's own name.
    assert!(!is_user_page("app/templates/email/welcome.html"));
    assert!(!is_user_page("todos/app/email-templates/verify.html"));
    assert!(!is_user_page("app/mail_templates/reset.html"));
    assert!(!is_user_page("app/templates/base.html"));
}

#[test]
fn a_readme_that_describes_an_llm_app_makes_it_ml_ai_behind_an_api() {
    let mut facts = importing(&["fastapi", "sqlalchemy", "openai"]);
    assert_eq!(tracks(&facts)[0], "backend", "{:?}", detect(&facts));
    facts.readme = Some(readme(
        "# Support agent\n\nAn LLM agent behind an API: retrieval-augmented answers from your documents.\n",
    ));
    assert_eq!(tracks(&facts)[0], "ml-ai", "{:?}", detect(&facts));
    // A blog that mentions a chatbot once is still a back end.
    let mut blog = importing(&["fastapi", "sqlalchemy", "openai"]);
    blog.readme = Some(readme(
        "# Blog API\n\nPosts, comments and a small chatbot for search.\n",
    ));
    assert_eq!(tracks(&blog)[0], "backend", "{:?}", detect(&blog));
    // Without an LLM library the words alone make no track.
    let mut words = importing(&["fastapi", "sqlalchemy"]);
    words.readme = Some(readme("# Notes\n\nNotes about LLMs and RAG.\n"));
    assert_eq!(tracks(&words)[0], "backend", "{:?}", detect(&words));
}

#[test]
fn frameworks_only_tests_and_examples_use_make_no_track() {
    // A serialisation library: its suite checks Flask and Bottle
    // integrations, an example serves it with FastAPI, and its dev
    // requirements bring SQLAlchemy.
    let mut library = importing(&["typing_extensions"]);
    import_in(&mut library, "tests/test_flask.py", "flask");
    import_in(&mut library, "tests/test_bottle.py", "bottle");
    import_in(&mut library, "examples/api.py", "fastapi");
    library
        .manifests
        .dependencies
        .push(crate::facts::manifests::Dependency {
            name: "sqlalchemy".to_owned(),
            spec: String::new(),
            pinned: false,
            group: crate::facts::manifests::DepGroup::Dev,
            file: "pyproject.toml".to_owned(),
            line: None,
        });
    assert!(tracks(&library).is_empty(), "{:?}", detect(&library));
    // The same framework in the project's own code is what it is built on.
    let mut app = library.clone();
    import_in(&mut app, "app/main.py", "flask");
    assert_eq!(tracks(&app)[0], "backend", "{:?}", detect(&app));
}

#[test]
fn an_api_test_suite_is_qa() {
    let mut facts = with_files(
        importing(&["dotenv"]),
        &["tests/test_api.py", "utils/tools.py", "conftest.py"],
    );
    for m in ["requests", "pytest"] {
        import_in(&mut facts, "tests/test_api.py", m);
    }
    facts.python.tests.functions = 12;
    facts.python.source_lines = 40;
    facts.python.test_lines = 200;
    assert_eq!(tracks(&facts), vec!["qa"]);
    // A pipeline that fetches in its own code, tested with the cloud
    // mocked, is no API suite, however heavy its tests.
    let mut pipeline = with_files(
        importing(&["requests", "pandas"]),
        &["src/ingestion/ingest.py", "tests/test_ingest.py"],
    );
    for m in ["moto", "pytest"] {
        import_in(&mut pipeline, "tests/test_ingest.py", m);
    }
    pipeline.python.tests.functions = 90;
    pipeline.python.source_lines = 400;
    pipeline.python.test_lines = 900;
    assert!(
        detect(&pipeline)
            .iter()
            .flat_map(|t| &t.evidence)
            .all(|e| !e.contains("remote API")),
        "{:?}",
        detect(&pipeline)
    );
}
