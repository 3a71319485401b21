//! The test-automation and DevOps tracks: what a QA suite and an
//! operations project leave in a repository.

use super::{Signal, Signals, is_infrastructure, v};

pub(super) fn qa(s: &Signals<'_>) -> Vec<Signal> {
    let python = &s.facts.python;
    let heavy_tests = python
        .test_ratio()
        .filter(|r| *r >= 1.0)
        .map(|r| format!("{r:.1} test lines per source line"));
    let many_tests =
        (python.tests.functions >= 30).then(|| format!("{} tests", python.tests.functions));
    let fixtures = (python.tests.fixtures + python.tests.parametrized >= 5)
        .then(|| "fixtures and parametrize".to_owned());
    // A browser or BDD suite: Gherkin features, page objects.
    let suite = s.suite.clone();
    // A browser the product drives is not a test tool (`product_browser`).
    let driven = s.product_browser();
    let tools: Vec<&str> = v::QA_TOOLS
        .iter()
        .filter(|t| driven != Some(**t))
        .copied()
        .collect();
    // An API test suite: tests are the product and they call a remote API
    // through an HTTP client the tests themselves import (no web framework
    // of its own to test, not a published library, not an orchestrated
    // pipeline whose tasks fetch). A pipeline whose product code fetches
    // and whose tests mock the cloud is no API suite.
    let api_suite = (heavy_tests.is_some()
        && python.tests.functions > 0
        && s.web().is_none()
        && !s.orchestrated
        && !s.facts.package.is_library)
        .then(|| {
            v::HTTP_CLIENTS
                .iter()
                .find(|h| python.test_imports.contains(**h))
        })
        .flatten()
        .map(|h| format!("tests call a remote API (imports {h})"));
    let tool = s.uses_anywhere(&tools);
    // Page objects or feature files beside a browser or BDD tool are a
    // test-automation suite's layout, not a helper folder.
    let suite_weight = if tool.is_some() { 2.0 } else { 1.0 };
    vec![
        // A well-tested library is not a QA project: without browser or API
        // test tooling, volume alone stays under the threshold.
        (2.5, tool),
        (2.0, api_suite),
        (suite_weight, suite),
        (1.0, heavy_tests),
        (1.0, many_tests),
        (0.5, fixtures),
    ]
}

pub(super) fn devops(s: &Signals<'_>) -> Vec<Signal> {
    let facts = s.facts;
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
    let iac = s.path(is_infrastructure, "infrastructure as code");
    let jenkins = s.path(
        |p| {
            p.rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with("Jenkinsfile"))
        },
        "Jenkinsfile",
    );
    // A repository that is mostly pipelines and infrastructure, with a
    // little Python around it, is DevOps work whatever its dependencies.
    let infra_files = facts
        .files
        .iter()
        .filter(|f| {
            !v::is_sample_path(&f.path)
                && (is_infrastructure(&f.path)
                    || f.path
                        .rsplit('/')
                        .next()
                        .is_some_and(|n| n.starts_with("Jenkinsfile")))
        })
        .count();
    let python_files = facts.python.source_files + facts.python.test_files.len();
    let weight = (infra_files >= 3 && infra_files >= python_files)
        .then(|| format!("{infra_files} infrastructure files to {python_files} Python files"));
    let cd = facts
        .ci
        .configs
        .iter()
        .find(|c| c.kinds.contains(&"deploy"))
        .map(|c| format!("CI deploys ({})", c.path));
    // Containers, infrastructure and cloud storage around an orchestrated
    // pipeline, or an ETL pipeline in stage modules (Lambdas that ingest,
    // transform and load), are the pipeline's deployment, as a web app
    // around a model is the model's: they weigh half, unless
    // infrastructure is the bulk.
    let w = if s.orchestrated || s.etl_pipeline() {
        0.5
    } else {
        1.0
    };
    // A cloud SDK with no web, data or ML work beside it is the project's
    // tool: a script that starts, stops or cleans up cloud resources.
    let cloud = s.uses(v::CLOUD_SDKS);
    let serves_api = s.web().is_some() || s.api_spec().is_some();
    let cloud_weight = if w == 1.0 && !serves_api && s.frames().is_none() && !s.models() {
        3.0
    } else {
        1.0 * w
    };
    // Host monitoring with no web app, bot or data work is an ops tool.
    let monitors = s.uses(v::SYSTEM_MONITORING);
    let alone = s.web().is_none()
        && s.uses(v::BOT_FRAMEWORKS).is_none()
        && s.frames().is_none()
        && !s.models();
    vec![
        (3.0, metrics_exporter(s)),
        (if alone { 3.0 } else { 0.5 }, monitors),
        (1.0 * w, docker),
        (1.0 * w, compose),
        (2.5 * w, iac),
        (1.0 * w, jenkins),
        (cloud_weight, cloud),
        (3.0, s.uses(v::INFRASTRUCTURE_LIBRARIES)),
        (1.5 * w, cd),
        (2.0, weight),
    ]
}

/// A Prometheus exporter: the metrics client in use and a README that calls
/// the project an exporter. It turns another system's state into metrics
/// for monitoring, which is operations work even when a web framework
/// serves the endpoint; a web app that only instruments itself is not one.
pub(super) fn metrics_exporter(s: &Signals<'_>) -> Option<String> {
    static EXPORTER: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?i)\bexporter\b").expect("static regex"));
    let client = s.uses(&["prometheus_client"])?;
    let readme = s.facts.readme.as_ref()?;
    EXPORTER.is_match(&readme.text).then(|| {
        format!(
            "a Prometheus exporter ({client}; {} calls it one)",
            readme.path
        )
    })
}
