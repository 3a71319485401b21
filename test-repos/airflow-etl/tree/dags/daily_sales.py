"""Airflow DAG: load yesterday's point-of-sale export into the warehouse every night.

extract -> transform -> load, one run per logical date. Each task reads and
writes files under SALES_STAGING_DIR, so XCom only carries paths.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pendulum
from airflow.decorators import dag, task

from etl import config, extract, load, transform
from etl.alerts import notify_failure

DEFAULT_ARGS = {
    "owner": "data-eng",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "on_failure_callback": notify_failure,
}


@dag(
    dag_id="daily_sales",
    description="Daily sales per store and SKU, upserted into Postgres",
    schedule="30 2 * * *",
    start_date=pendulum.datetime(2024, 7, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["sales", "postgres"],
)
def daily_sales() -> None:
    """Extract the day's export, validate and aggregate it, upsert the result."""

    @task
    def extract_orders(ds: str | None = None) -> str:
        settings = config.from_env()
        day = date.fromisoformat(str(ds))
        raw = extract.read_orders(extract.landing_file(settings.landing_dir, day))
        return str(extract.stage(raw, settings.staging_dir, day))

    @task
    def transform_orders(staged: str) -> str:
        raw = pd.read_csv(staged, dtype=str)
        result = transform.transform(raw)
        target = Path(staged).with_name("daily_sales.csv")
        result.to_csv(target, index=False)
        return str(target)

    @task
    def load_sales(path: str) -> int:
        settings = config.from_env()
        df = pd.read_csv(path, parse_dates=["sale_date"])
        df["sale_date"] = df["sale_date"].dt.date
        conn = load.connect(settings.db_dsn)
        try:
            return load.load_daily_sales(conn, df)
        finally:
            conn.close()

    load_sales(transform_orders(extract_orders()))


daily_sales()
