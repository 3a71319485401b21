//! Tests of career-track detection.
use super::*;

/// Facts of a project whose own code (`app.py`) imports `modules`.
pub(super) fn importing(modules: &[&str]) -> Facts {
    let mut facts = Facts::default();
    for m in modules {
        import_in(&mut facts, "app.py", m);
    }
    facts
}

/// `path` imports `module`, as the Python collector records it.
pub(super) fn import_in(facts: &mut Facts, path: &str, module: &str) {
    facts.python.imports.insert(module.to_owned());
    if crate::facts::python::is_test_path(path) {
        facts.python.test_imports.insert(module.to_owned());
    } else {
        let sites = facts
            .python
            .import_sites
            .entry(module.to_owned())
            .or_default();
        sites.push(path.to_owned());
    }
}

fn signals(facts: &Facts) -> Signals<'_> {
    Signals {
        facts,
        frozen: frozen_environments(facts),
        orchestrated: false,
        suite: None,
        etl: (None, 0),
    }
}

pub(super) fn tracks(facts: &Facts) -> Vec<String> {
    detect(facts).into_iter().map(|t| t.track).collect()
}

#[test]
fn a_web_framework_is_a_back_end_but_a_dashboard_is_not() {
    assert_eq!(tracks(&importing(&["fastapi"])), vec!["backend"]);
    assert_eq!(tracks(&importing(&["bottle"])), vec!["backend"]);
    assert!(tracks(&importing(&["streamlit"])).is_empty());
}

#[test]
fn an_orchestrated_pipeline_with_a_dashboard_and_terraform_is_data_engineering() {
    let facts = with_files(
        importing(&["dagster", "pandas", "fastapi", "psycopg", "boto3"]),
        &[
            "docker-compose.yml",
            "infra/terraform/main.tf",
            "src/pipeline/assets.py",
            "src/serve/app.py",
            "src/serve/templates/dashboard.html",
        ],
    );
    assert_eq!(tracks(&facts)[0], "data-engineering");
    // Without the orchestrator the same repository is a web app.
    let web = with_files(
        importing(&["pandas", "fastapi", "psycopg", "boto3"]),
        &["src/serve/app.py", "src/serve/templates/dashboard.html"],
    );
    assert_eq!(tracks(&web)[0], "full-stack");
}

#[test]
fn tornado_frozen_beside_jupyter_is_no_web_framework() {
    assert!(tracks(&importing(&["tornado", "jupyterlab"])).is_empty());
    assert_eq!(tracks(&importing(&["tornado"])), vec!["backend"]);
}

#[test]
fn a_model_trained_on_data_frames_is_ml_work() {
    let facts = importing(&["pandas", "sklearn", "matplotlib"]);
    assert_eq!(tracks(&facts)[0], "ml-ai");
    assert_eq!(tracks(&importing(&["pandas", "matplotlib"])), vec!["data"]);
}

#[test]
fn an_extract_transform_load_layout_is_a_pipeline() {
    let facts = with_files(
        importing(&["pandas", "sqlalchemy"]),
        &[
            "etl/__init__.py",
            "etl/loaders.py",
            "etl/transformations.py",
        ],
    );
    assert_eq!(tracks(&facts)[0], "data-engineering");
    let one = with_files(importing(&["pandas"]), &["app/loaders.py"]);
    assert!(!tracks(&one).iter().any(|t| t == "data-engineering"));
}

fn notebook(path: &str) -> crate::facts::python::Notebook {
    crate::facts::python::Notebook {
        path: path.to_owned(),
        code_cells: 3,
        output_bytes: 0,
        executed_in_order: true,
    }
}

#[test]
fn frames_inside_an_etl_layout_are_the_pipelines_payload() {
    // pandas and a notebook would read as data analysis; beside extract,
    // transform and load modules they are what the pipeline moves.
    let mut facts = with_files(
        importing(&["pandas"]),
        &[
            "pl_etl/etl_pipeline/extract.py",
            "pl_etl/etl_pipeline/transform.py",
            "pl_etl/etl_pipeline/load.py",
        ],
    );
    facts.python.notebooks.push(notebook("explore.ipynb"));
    assert_eq!(
        tracks(&facts)[0],
        "data-engineering",
        "{:?}",
        detect(&facts)
    );
    // Without the layout the same frames and notebook are analysis.
    let mut plain = with_files(importing(&["pandas"]), &["analysis.py"]);
    plain.python.notebooks.push(notebook("explore.ipynb"));
    assert_eq!(tracks(&plain)[0], "data");
}

#[test]
fn etl_stages_are_named_by_stems_words_and_folders() {
    let none = [false; 3];
    assert_eq!(etl_stages_of("pkg/load.py"), ([false, false, true], none));
    assert_eq!(
        etl_stages_of("src/lambda_ingest.py"),
        (none, [true, false, false])
    );
    assert_eq!(
        etl_stages_of("utils/transform_load_utils.py"),
        (none, [false, true, true])
    );
    assert_eq!(
        etl_stages_of("ingestion/src/clean.py"),
        (none, [true, false, false])
    );
    // A model's data loader and a loader of weights are no pipeline stage.
    assert_eq!(etl_stages_of("src/data_loader.py"), (none, none));
    assert_eq!(etl_stages_of("load_model.py"), (none, none));
    assert_eq!(etl_stages_of("ingestion/README.md"), (none, none));
    // A lone ingest/ folder is a step of many projects; with a load
    // module beside it, it is a pipeline's.
    let lone = with_files(importing(&["pandas"]), &["src/ingest/gbfs.py"]);
    assert!(etl_layout(&signals(&lone)).0.is_none());
    let pipeline = with_files(
        importing(&["pandas"]),
        &["ingestion/src/main.py", "ingestion/src/load.py"],
    );
    assert_eq!(etl_layout(&signals(&pipeline)).1, 2);
}

#[test]
fn infrastructure_that_deploys_an_etl_pipeline_is_the_pipelines() {
    // Lambdas that ingest, transform and load, deployed by Terraform.
    let facts = with_files(
        importing(&["pandas", "boto3"]),
        &[
            "src/lambda_ingest.py",
            "src/lambda_transform.py",
            "src/lambda_load.py",
            "terraform/main.tf",
            "terraform/lambda.tf",
        ],
    );
    assert_eq!(
        tracks(&facts)[0],
        "data-engineering",
        "{:?}",
        detect(&facts)
    );
    // The same Terraform beside one helper is infrastructure work.
    let ops = with_files(
        importing(&["boto3"]),
        &[
            "scripts/cleanup.py",
            "terraform/main.tf",
            "terraform/lambda.tf",
        ],
    );
    assert_eq!(tracks(&ops)[0], "devops", "{:?}", detect(&ops));
}

#[test]
fn one_script_under_static_is_no_front_end() {
    let one = with_files(
        importing(&["django", "psycopg2"]),
        &["app/views.py", "static/file.js"],
    );
    assert_eq!(tracks(&one)[0], "backend");
    let two = with_files(
        importing(&["django", "psycopg2"]),
        &["app/views.py", "static/app.js", "static/forms.js"],
    );
    assert_eq!(tracks(&two)[0], "full-stack");
}

#[test]
fn a_frozen_notebook_environment_counts_only_what_the_code_imports() {
    let mut facts = importing(&["sklearn", "pandas"]);
    let mut names: Vec<String> = ["ipykernel", "pexpect", "requests", "beautifulsoup4"]
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    names.extend((0..20).map(|i| format!("pkg{i}")));
    for n in names {
        facts
            .manifests
            .dependencies
            .push(crate::facts::manifests::Dependency {
                name: n,
                spec: "==1.0".to_owned(),
                pinned: true,
                group: crate::facts::manifests::DepGroup::Runtime,
                file: "requirements.txt".to_owned(),
                line: Some(1),
            });
    }
    let found = tracks(&facts);
    assert_eq!(found, vec!["ml-ai"], "{found:?}");
    // The same names imported by the code are the project's own.
    for m in ["bs4", "pexpect", "requests"] {
        import_in(&mut facts, "scrape.py", m);
    }
    assert!(tracks(&facts).iter().any(|t| t == "automation"));
}

#[test]
fn a_chat_bot_on_aiohttp_is_automation_not_a_back_end() {
    assert_eq!(tracks(&importing(&["aiogram", "aiohttp"]))[0], "automation");
    assert_eq!(tracks(&importing(&["aiohttp"])), vec!["backend"]);
}

#[test]
fn a_command_line_tool_is_automation() {
    let mut facts = importing(&["argparse"]);
    assert!(tracks(&facts).is_empty());
    facts.package.console_scripts = vec!["speedtest".to_owned()];
    let found = detect(&facts);
    assert_eq!(found[0].track, "automation");
    assert!(found[0].evidence.iter().any(|e| e.contains("`speedtest`")));
}

#[test]
fn a_served_model_is_ml_work_first() {
    let found = detect(&importing(&["torch", "fastapi"]));
    assert_eq!(found[0].track, "ml-ai");
    assert!(
        found[0]
            .evidence
            .iter()
            .any(|e| e.starts_with("the model is served through"))
    );
}

/// README facts parsed from `text`, as `README.md`.
pub(super) fn readme(text: &str) -> crate::facts::readme::ReadmeFacts {
    crate::facts::readme::parse(
        "README.md",
        text.to_owned(),
        &crate::facts::readme::SectionTable::default(),
    )
}

pub(super) fn with_files(mut facts: Facts, paths: &[&str]) -> Facts {
    facts.files = paths
        .iter()
        .map(|p| crate::source::FileEntry {
            path: (*p).to_owned(),
            size: 10,
            kind: crate::source::EntryKind::File,
        })
        .collect();
    facts.files.sort_by(|a, b| a.path.cmp(&b.path));
    facts
}

#[test]
fn a_repository_that_is_a_web_framework_is_a_library() {
    let facts = with_files(
        importing(&["flask", "werkzeug", "sqlalchemy"]),
        &[
            "src/flask/__init__.py",
            "src/flask/app.py",
            "examples/tutorial/flaskr/templates/base.html",
            "tests/templates/index.html",
        ],
    );
    let found = tracks(&facts);
    assert!(
        !found.iter().any(|t| t == "backend" || t == "full-stack"),
        "{found:?}"
    );
    let http = with_files(importing(&["httpx", "starlette"]), &["httpx/__init__.py"]);
    assert!(!tracks(&http).iter().any(|t| t == "backend"));
}

#[test]
fn example_templates_do_not_make_a_full_stack_app() {
    let facts = with_files(
        importing(&["fastapi"]),
        &[
            "app/main.py",
            "docs_src/templates/item.html",
            "playground/static/app.js",
        ],
    );
    assert_eq!(tracks(&facts), vec!["backend"]);
    let real = with_files(
        importing(&["fastapi"]),
        &[
            "app/main.py",
            "app/templates/item.html",
            "frontend/package.json",
        ],
    );
    assert_eq!(tracks(&real)[0], "full-stack");
}

#[test]
fn admin_and_email_templates_are_part_of_a_back_end() {
    let admin = with_files(
        importing(&["django", "djangorestframework"]),
        &[
            "app/templates/admin/base_site.html",
            "app/blog/templates/admin_2fa/setup_2fa.html",
            "app/users/templates/emails/welcome.html",
            "src/templates/swagger/index.html",
            "core/templates/base.html",
            "app/static/admin/js/vendor/jquery.min.js",
        ],
    );
    assert_eq!(tracks(&admin), vec!["backend"]);
    let spa = with_files(importing(&["django"]), &["web/src/App.tsx"]);
    assert_eq!(tracks(&spa)[0], "full-stack");
    let pages = with_files(
        importing(&["flask"]),
        &["templates/list.html", "templates/student.html"],
    );
    assert_eq!(
        tracks(&pages)[0],
        "full-stack",
        "pages for its users are a UI"
    );
}

#[test]
fn a_spark_job_is_data_engineering() {
    let facts = with_files(importing(&["pyspark"]), &["src/tasks.py", "src/main.py"]);
    assert_eq!(tracks(&facts), vec!["data-engineering"]);
}

#[test]
fn a_folder_of_scripts_is_automation() {
    let facts = with_files(
        importing(&["requests", "smtplib", "os"]),
        &["get_weather.py", "send_email.py", "rename_files.py"],
    );
    assert_eq!(tracks(&facts), vec!["automation"]);
}

#[test]
fn an_orchestrator_outweighs_a_web_or_orm_dependency() {
    let found = tracks(&importing(&["airflow", "flask", "sqlalchemy", "pandas"]));
    assert_eq!(found[0], "data-engineering", "{found:?}");
    let dbt = with_files(importing(&["fastapi", "sqlalchemy"]), &["dbt_project.yml"]);
    assert_eq!(tracks(&dbt)[0], "data-engineering");
    // Nor do the clients and parsers an Airflow task uses make a script.
    let mut tasks = importing(&["airflow", "argparse", "ftplib", "requests", "lxml", "typer"]);
    tasks.python.logging_modules = 3;
    assert_eq!(
        tracks(&tasks)[0],
        "data-engineering",
        "{:?}",
        tracks(&tasks)
    );
}

#[test]
fn browser_and_bdd_suites_are_qa() {
    let facts = with_files(
        importing(&["selenium"]),
        &["tests/pages/login_page.py", "tests/test_login.py"],
    );
    assert_eq!(tracks(&facts), vec!["qa"]);
    let bdd = with_files(importing(&["pytest_bdd"]), &["features/checkout.feature"]);
    assert_eq!(tracks(&bdd), vec!["qa"]);
}

#[test]
fn pipelines_and_infrastructure_make_devops() {
    let mut facts = with_files(
        Facts::default(),
        &[
            "Jenkinsfile",
            "terraform/main.tf",
            "terraform/variables.tf",
            "ansible/site.yml",
            "scripts/report.py",
        ],
    );
    facts.python.source_files = 1;
    assert_eq!(tracks(&facts), vec!["devops"]);
}

#[test]
fn aerich_migrations_are_migrations() {
    assert!(v::is_migration_path("migrations/models/0_20240101_init.py"));
    assert!(v::is_migration_path("app/migrations/0001_initial.py"));
    assert!(!v::is_migration_path("app/migrations.md"));
    let facts = with_files(
        importing(&["fastapi", "tortoise"]),
        &["app/main.py", "migrations/models/0_20240101_init.py"],
    );
    let found = detect(&facts);
    assert!(
        found[0]
            .evidence
            .iter()
            .any(|e| e.starts_with("migrations (")),
        "{found:?}"
    );
}

#[test]
fn a_script_around_a_cloud_or_cluster_api_is_devops() {
    assert_eq!(tracks(&importing(&["boto3"])), vec!["devops"]);
    assert_eq!(tracks(&importing(&["kopf", "kubernetes"]))[0], "devops");
    // Beside data frames the SDK moves data: one signal among others.
    assert!(
        !tracks(&importing(&["boto3", "pandas"]))
            .iter()
            .any(|t| t == "devops")
    );
    // In an orchestrated pipeline it serves the pipeline.
    let pipeline = with_files(
        importing(&["prefect", "boto3"]),
        &["terraform/main.tf", "flows/load.py"],
    );
    assert_eq!(tracks(&pipeline)[0], "data-engineering");
}

#[test]
fn a_scraper_and_a_pandas_report_have_their_tracks() {
    assert_eq!(tracks(&importing(&["requests", "bs4"])), vec!["automation"]);
    assert_eq!(tracks(&importing(&["pandas"])), vec!["data"]);
}

#[test]
fn frames_and_sql_models_in_an_orchestrated_pipeline_are_data_engineering() {
    let facts = with_files(
        importing(&["dagster", "polars", "plotly"]),
        &[
            "dbt/models/silver/orders.sql",
            "dbt/dbt_project.yml",
            "src/defs.py",
        ],
    );
    assert_eq!(tracks(&facts)[0], "data-engineering");
    assert_eq!(
        tracks(&importing(&["confluent_kafka"])),
        vec!["data-engineering"]
    );
}

#[test]
fn a_script_that_builds_a_workbook_is_automation() {
    // pandas feeds the report that openpyxl writes: the job is the report.
    let facts = with_files(importing(&["pandas", "openpyxl"]), &["report.py"]);
    assert_eq!(tracks(&facts), vec!["automation"], "{:?}", detect(&facts));
    // Declared only (pandas.read_excel needs it), or beside a notebook,
    // openpyxl does not make analysis into automation.
    let mut analysis = with_files(importing(&["pandas", "openpyxl"]), &["analysis.py"]);
    analysis.python.notebooks.push(notebook("eda.ipynb"));
    assert_eq!(tracks(&analysis)[0], "data", "{:?}", detect(&analysis));
}

#[test]
fn a_whole_machine_freeze_counts_only_what_the_code_imports() {
    use crate::facts::manifests::{DepGroup, Dependency};
    // 80 packages frozen from a global Python, flask and fastapi among
    // them; the script imports requests only.
    let mut facts = with_files(importing(&["requests"]), &["health.py", "requirements"]);
    for i in 0..78 {
        facts.manifests.dependencies.push(dep(&format!("pkg{i}")));
    }
    facts.manifests.dependencies.push(dep("flask"));
    facts.manifests.dependencies.push(dep("fastapi"));
    let found = tracks(&facts);
    assert!(
        !found.iter().any(|t| t == "backend" || t == "full-stack"),
        "{:?}",
        detect(&facts)
    );
    fn dep(name: &str) -> Dependency {
        Dependency {
            name: name.to_owned(),
            spec: String::new(),
            pinned: false,
            group: DepGroup::Runtime,
            file: "requirements".to_owned(),
            line: None,
        }
    }
}

fn declaring(mut facts: Facts, topics: &[&str]) -> Facts {
    facts.package.topics = topics.iter().map(|t| (*t).to_owned()).collect();
    facts
}

#[test]
fn a_declared_topic_names_the_track_ahead_of_what_the_imports_suggest() {
    // click and paramiko read as automation, and stay so undeclared.
    let tool = importing(&["click", "paramiko", "requests"]);
    assert_eq!(tracks(&tool)[0], "automation");
    let admin = declaring(tool.clone(), &["Topic :: System :: Systems Administration"]);
    assert_eq!(tracks(&admin)[0], "devops");
    // A sub-topic of a declared topic counts; a look-alike does not.
    let sub = declaring(
        tool.clone(),
        &["Topic :: Software Development :: Testing :: Mocking"],
    );
    assert_eq!(tracks(&sub)[0], "qa");
    let alike = declaring(
        tool.clone(),
        &["Topic :: Software Development :: Testing Tools"],
    );
    assert_eq!(tracks(&alike)[0], "automation");
    // Keywords count whole, and topics that name no career say nothing.
    assert_eq!(
        tracks(&declaring(tool.clone(), &["keyword: sysadmin"]))[0],
        "devops"
    );
    assert_eq!(
        tracks(&declaring(tool.clone(), &["keyword: sysadmins"]))[0],
        "automation"
    );
    assert_eq!(
        tracks(&declaring(tool, &["Topic :: Utilities"]))[0],
        "automation"
    );
}

#[test]
fn a_data_integration_connector_is_data_engineering() {
    let tap = importing(&["singer_sdk", "sqlalchemy", "psycopg2"]);
    assert_eq!(tracks(&tap), vec!["data-engineering"]);
    assert!(tracks(&importing(&["sqlalchemy", "psycopg2"])).is_empty());
}

#[test]
fn a_pdf_script_is_office_automation() {
    assert_eq!(
        tracks(&importing(&["PyPDF2", "argparse"])),
        vec!["automation"]
    );
    assert!(tracks(&importing(&["argparse"])).is_empty());
}

fn with_submodules(mut facts: Facts, modules: &[&str]) -> Facts {
    facts.python.submodules = modules.iter().map(|m| (*m).to_owned()).collect();
    facts
}

#[test]
fn scikit_learn_for_scaling_alone_is_analysis_not_a_model() {
    let base = importing(&["pandas", "sklearn", "matplotlib"]);
    let scaling = with_submodules(base.clone(), &["sklearn.preprocessing", "sklearn.metrics"]);
    assert_eq!(tracks(&scaling), vec!["data"]);
    let model = with_submodules(
        base.clone(),
        &["sklearn.preprocessing", "sklearn.linear_model"],
    );
    assert_eq!(tracks(&model)[0], "ml-ai");
    // `import sklearn` alone may reach any estimator: it counts.
    assert_eq!(tracks(&with_submodules(base, &["sklearn"]))[0], "ml-ai");
}

#[test]
fn a_browser_the_product_drives_is_automation_and_one_the_tests_drive_is_qa() {
    let mut product = importing(&["playwright", "click"]);
    product.python.tests.functions = 46;
    assert_eq!(tracks(&product), vec!["automation"]);
    let mut suite = product.clone();
    suite.python.test_imports.insert("playwright".to_owned());
    assert_eq!(tracks(&suite)[0], "qa");
    // Page objects make a browser suite whoever imports the driver.
    let pages = with_files(product, &["pages/login_page.py", "tests/test_login.py"]);
    assert_eq!(tracks(&pages)[0], "qa");
}

#[test]
fn a_web_app_that_mails_schedules_and_reads_pdfs_is_still_a_web_app() {
    let app = with_files(
        importing(&[
            "flask",
            "sqlalchemy",
            "smtplib",
            "apscheduler",
            "pypdf",
            "argparse",
        ]),
        &["cps/templates/index.html", "cps/__init__.py"],
    );
    assert_eq!(tracks(&app)[0], "full-stack");
    // The same libraries without the web framework are a script's.
    let script = importing(&["smtplib", "apscheduler", "pypdf", "argparse"]);
    assert_eq!(tracks(&script), vec!["automation"]);
}

fn with_workflow(mut facts: Facts, yaml: &str) -> Facts {
    let config = crate::facts::ci::parse(".github/workflows/run.yml", "github-actions", yaml)
        .expect("workflow parses");
    facts.ci.configs.push(config);
    facts
}

#[test]
fn a_script_ci_runs_on_a_schedule_is_an_automated_job() {
    let scraper = with_files(
        importing(&["httpx"]),
        &["main.py", "scrapers/__init__.py", "tests/test_main.py"],
    );
    assert!(tracks(&scraper).is_empty());
    let cron = "on:\n  schedule:\n    - cron: '0 * * * *'\njobs:\n  run:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python main.py\n";
    assert_eq!(
        tracks(&with_workflow(scraper.clone(), cron)),
        vec!["automation"]
    );
    // A push workflow running it, a scheduled test run, or a script the
    // repository does not have: no scheduled job.
    let push = cron.replace("schedule:\n    - cron: '0 * * * *'", "push:");
    let tests = cron.replace("python main.py", "python tests/test_main.py");
    let missing = cron.replace("python main.py", "python other.py");
    for yaml in [push, tests, missing] {
        assert!(
            tracks(&with_workflow(scraper.clone(), &yaml)).is_empty(),
            "{yaml}"
        );
    }
    // `python -m` of the project's own package counts too.
    let module = with_files(importing(&["httpx"]), &["scrapers/__main__.py"]);
    let m = cron.replace("python main.py", "python3 -u -m scrapers");
    assert_eq!(tracks(&with_workflow(module, &m)), vec!["automation"]);
}

#[test]
fn a_page_object_suite_is_qa_whatever_helpers_it_has() {
    let helpers = [
        "selenium", "argparse", "smtplib", "openpyxl", "requests", "bs4",
    ];
    let suite = with_files(
        importing(&helpers),
        &["page_objects/login_page.py", "tests/test_login.py"],
    );
    assert_eq!(tracks(&suite)[0], "qa");
    // The same helpers without page objects are a script's.
    assert_eq!(tracks(&importing(&helpers))[0], "automation");
}

#[test]
fn a_package_json_that_builds_no_ui_is_no_front_end() {
    let api = with_files(importing(&["fastapi"]), &["app/main.py", "package.json"]);
    assert_eq!(tracks(&api), vec!["backend"]);
    let mut ui = api.clone();
    ui.front_end_manifests.push("package.json".to_owned());
    assert_eq!(tracks(&ui)[0], "full-stack");
}

#[test]
fn a_published_librarys_pages_are_its_console_not_a_product_ui() {
    let service = with_files(
        importing(&["flask", "sqlalchemy"]),
        &["monitor/__init__.py", "monitor/templates/tasks.html"],
    );
    assert_eq!(tracks(&service)[0], "full-stack");
    let mut library = service.clone();
    library.package.is_library = true;
    assert_eq!(tracks(&library)[0], "backend");
}

#[test]
fn a_readme_that_describes_an_etl_pipeline_makes_pandas_data_engineering() {
    let mut facts = importing(&["pandas", "sqlalchemy"]);
    assert_eq!(tracks(&facts)[0], "data");
    facts.readme = Some(readme(
        "# Sales ETL\n\nAn ETL job: extract CSV exports, transform them with pandas and load them into Postgres.\n\n## Running the data pipeline\n",
    ));
    assert_eq!(tracks(&facts)[0], "data-engineering");
    // Mentioned once, in passing, it does not outweigh the analysis.
    let mut once = importing(&["pandas", "matplotlib", "seaborn"]);
    once.readme = Some(readme(
        "# Churn analysis\n\nNotebooks exploring churn; the data pipeline is upstream.\n",
    ));
    assert_eq!(tracks(&once)[0], "data");
}

#[test]
fn a_host_monitor_is_devops_even_behind_a_command_line() {
    assert_eq!(
        tracks(&importing(&["psutil", "smtplib", "yaml"]))[0],
        "devops"
    );
    let mut cli = importing(&["psutil", "click", "requests"]);
    cli.package.console_scripts = vec!["infra-monitor".to_owned()];
    assert_eq!(tracks(&cli)[0], "devops");
    // Beside a web app it is the app's health page, not the project.
    assert_eq!(tracks(&importing(&["psutil", "flask"]))[0], "backend");
}

#[test]
fn a_bot_that_reads_a_data_frame_is_still_a_bot() {
    assert_eq!(tracks(&importing(&["telegram", "pandas"]))[0], "automation");
    assert_eq!(tracks(&importing(&["pandas"]))[0], "data");
}

#[test]
fn a_committed_virtualenv_is_no_evidence_of_the_project() {
    let facts = with_files(
        importing(&["django"]),
        &[
            "app/views.py",
            "venv/lib/python3.9/site-packages/django/contrib/admin/templates/registration/logged_out.html",
        ],
    );
    assert_eq!(tracks(&facts)[0], "backend");
    let own = with_files(
        importing(&["django"]),
        &["app/views.py", "app/templates/home.html"],
    );
    assert_eq!(tracks(&own)[0], "full-stack");
}

#[test]
fn streamlit_pages_are_screens_not_page_objects() {
    let app = with_files(
        importing(&["streamlit", "pandas"]),
        &["app/main.py", "app/pages/page_2.py"],
    );
    assert!(
        !tracks(&app).contains(&"qa".to_owned()),
        "{:?}",
        tracks(&app)
    );
    let suite = with_files(importing(&["selenium"]), &["tests/pages/login_page.py"]);
    assert_eq!(tracks(&suite)[0], "qa");
}

#[test]
fn a_scraper_of_saved_pages_is_automation() {
    assert_eq!(tracks(&importing(&["bs4", "pydantic"]))[0], "automation");
    // Inside a web app the parser serves a feature.
    assert_eq!(tracks(&importing(&["bs4", "flask"]))[0], "backend");
}

#[test]
fn a_prometheus_exporter_is_devops_even_served_by_a_web_framework() {
    let mut exporter = importing(&["fastapi", "prometheus_client", "aiohttp"]);
    exporter.python.tests.api_tests = true;
    exporter.readme = Some(readme(
        "# Galaxy exporter\n\nA Prometheus exporter for collection download counts.\n",
    ));
    assert_eq!(tracks(&exporter)[0], "devops", "{:?}", detect(&exporter));
    // A web API that instruments itself is still a back end.
    let mut service = exporter.clone();
    service.readme = Some(readme(
        "# Orders API\n\nOrders, with /metrics for Prometheus.\n",
    ));
    assert_eq!(tracks(&service)[0], "backend", "{:?}", detect(&service));
}
