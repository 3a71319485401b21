import pandas as pd
import pytest
from pandera.errors import SchemaError, SchemaErrors

from etl.transform import daily_sales, transform, validate_orders


def test_exact_duplicates_are_dropped(raw_orders):
    orders = validate_orders(raw_orders)
    assert len(orders) == 13
    assert orders["order_id"].is_unique


def test_conflicting_duplicate_order_ids_fail(raw_orders):
    clash = raw_orders.iloc[[0]].assign(quantity="9")
    with pytest.raises(SchemaErrors, match="order_id"):
        validate_orders(pd.concat([raw_orders, clash]))


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("quantity", "0"),
        ("quantity", "two"),
        ("unit_price", "-1.00"),
        ("status", "lost"),
        ("store_id", "store-1"),
        ("ordered_at", "yesterday"),
    ],
)
def test_bad_values_fail_validation(raw_orders, column, value):
    broken = raw_orders.copy()
    broken.loc[0, column] = value
    with pytest.raises((SchemaErrors, SchemaError)):
        validate_orders(broken)


def test_daily_sales_sums_units_and_revenue(raw_orders):
    result = transform(raw_orders).set_index(["store_id", "sku"])
    apples = result.loc[("S001", "SKU-APPLE-1KG")]
    assert apples["units"] == 3
    assert apples["revenue"] == pytest.approx(10.47)
    assert apples["orders"] == 2


def test_refunds_count_negative_and_cancellations_are_ignored(raw_orders):
    result = transform(raw_orders).set_index(["store_id", "sku"])
    bread = result.loc[("S002", "SKU-BREAD-WHT")]
    assert bread["units"] == 3 - 1
    assert ("S003", "SKU-COFFEE-250") in result.index
    assert result.loc[("S003", "SKU-COFFEE-250"), "units"] == 2


def test_one_row_per_day_store_and_sku(raw_orders):
    result = daily_sales(validate_orders(raw_orders))
    assert not result.duplicated(["sale_date", "store_id", "sku"]).any()
    assert len(result) == 10
