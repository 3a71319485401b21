"""Upsert daily sales into Postgres so that rerunning a day never duplicates it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

log = logging.getLogger(__name__)

SQL_DIR = Path(__file__).resolve().parents[1] / "sql"


class Connection(Protocol):
    """The parts of a DB-API connection that the loader uses."""

    def cursor(self) -> Any: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...


def read_sql(name: str) -> str:
    """Read a statement from the sql/ folder."""
    return (SQL_DIR / name).read_text()


def to_rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Turn the daily sales frame into plain Python values for the driver."""
    rows = df.to_dict("records")
    for row in rows:
        row["units"] = int(row["units"])
        row["orders"] = int(row["orders"])
        row["revenue"] = float(row["revenue"])
    return rows


def load_daily_sales(conn: Connection, df: pd.DataFrame) -> int:
    """Create the table if needed and upsert every row in one transaction.

    INSERT ... ON CONFLICT (sale_date, store_id, sku) DO UPDATE makes the load
    idempotent: a rerun for the same day overwrites that day's figures.
    """
    rows = to_rows(df)
    try:
        with conn.cursor() as cur:
            cur.execute(read_sql("create_daily_sales.sql"))
            cur.executemany(read_sql("upsert_daily_sales.sql"), rows)
        conn.commit()
    except Exception:
        conn.rollback()
        log.exception("loading %d rows into daily_sales failed; rolled back", len(rows))
        raise
    log.info("upserted %d rows into daily_sales", len(rows))
    return len(rows)


def connect(dsn: str) -> Connection:
    """Open a psycopg2 connection (imported here so tests need no database driver)."""
    import psycopg2

    return psycopg2.connect(dsn)
