from pathlib import Path

import pytest

pytest.importorskip("airflow")

from airflow.models import DagBag  # noqa: E402

from etl.alerts import notify_failure  # noqa: E402

DAGS = Path(__file__).resolve().parents[1] / "dags"


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS), include_examples=False)


def test_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}


def test_daily_sales_runs_nightly_with_alerts(dagbag):
    dag = dagbag.get_dag("daily_sales")
    assert dag.schedule_interval == "30 2 * * *"
    assert dag.catchup is False
    assert dag.default_args["on_failure_callback"] is notify_failure


def test_tasks_run_in_order(dagbag):
    dag = dagbag.get_dag("daily_sales")
    extract = dag.get_task("extract_orders")
    assert extract.downstream_task_ids == {"transform_orders"}
    assert dag.get_task("transform_orders").downstream_task_ids == {"load_sales"}
