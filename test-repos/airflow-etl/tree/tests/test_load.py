import logging
import os
from datetime import date

import pandas as pd
import pytest

from etl.load import connect, load_daily_sales, read_sql, to_rows
from etl.transform import transform


@pytest.fixture
def sales(raw_orders) -> pd.DataFrame:
    return transform(raw_orders)


def test_upsert_statement_is_idempotent():
    sql = read_sql("upsert_daily_sales.sql")
    assert "ON CONFLICT (sale_date, store_id, sku) DO UPDATE" in sql


def test_rows_hold_plain_python_values(sales):
    row = to_rows(sales)[0]
    assert type(row["units"]) is int
    assert type(row["revenue"]) is float
    assert row["sale_date"] == date(2024, 7, 15)


def test_load_upserts_every_row_and_commits(conn, sales):
    assert load_daily_sales(conn, sales) == len(sales)
    sql, rows = conn.test_cursor.executemany.call_args.args
    assert "ON CONFLICT" in sql
    assert len(rows) == len(sales)
    conn.commit.assert_called_once()
    conn.rollback.assert_not_called()


def test_failed_load_rolls_back_logs_and_reraises(conn, sales, caplog):
    conn.test_cursor.executemany.side_effect = RuntimeError("connection reset")
    with caplog.at_level(logging.ERROR), pytest.raises(RuntimeError):
        load_daily_sales(conn, sales)
    conn.rollback.assert_called_once()
    conn.commit.assert_not_called()
    assert "rolled back" in caplog.text


@pytest.mark.integration
@pytest.mark.skipif("SALES_TEST_DSN" not in os.environ, reason="needs a Postgres database")
def test_loading_the_same_day_twice_keeps_one_copy(sales):
    pg = connect(os.environ["SALES_TEST_DSN"])
    try:
        load_daily_sales(pg, sales)
        load_daily_sales(pg, sales)
        with pg.cursor() as cur:
            cur.execute(
                "SELECT count(*) FROM daily_sales WHERE sale_date = %s", (date(2024, 7, 15),)
            )
            assert cur.fetchone()[0] == len(sales)
    finally:
        pg.close()
