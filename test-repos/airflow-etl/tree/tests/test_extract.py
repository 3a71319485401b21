from datetime import date

import pandas as pd
import pytest

from etl.extract import RAW_COLUMNS, MissingExportError, landing_file, read_orders, stage


def test_landing_file_is_named_after_the_day(tmp_path):
    assert landing_file(tmp_path, date(2024, 7, 15)).name == "orders_2024-07-15.csv"


def test_sample_export_is_read_as_text(raw_orders):
    assert list(raw_orders.columns) == RAW_COLUMNS
    assert len(raw_orders) == 14
    assert raw_orders["quantity"].map(type).eq(str).all()


def test_missing_export_raises(tmp_path):
    with pytest.raises(MissingExportError):
        read_orders(tmp_path / "orders_2024-07-16.csv")


def test_wrong_header_is_rejected(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("order_id,store\nO-1,S001\n")
    with pytest.raises(ValueError, match="missing columns"):
        read_orders(path)


def test_stage_replaces_an_earlier_copy(tmp_path, raw_orders):
    day = date(2024, 7, 15)
    stage(raw_orders, tmp_path, day)
    target = stage(raw_orders.head(3), tmp_path, day)
    assert target == tmp_path / "2024-07-15" / "orders.csv"
    assert len(pd.read_csv(target)) == 3
