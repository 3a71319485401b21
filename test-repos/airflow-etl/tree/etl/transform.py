"""Validate raw orders and aggregate them into daily sales per store and product."""

from __future__ import annotations

import logging

import pandas as pd
import pandera as pa

log = logging.getLogger(__name__)

ORDER_SCHEMA = pa.DataFrameSchema(
    {
        "order_id": pa.Column(str, pa.Check.str_matches(r"^O-\d+$"), unique=True),
        "store_id": pa.Column(str, pa.Check.str_matches(r"^S\d{3}$")),
        "sku": pa.Column(str, pa.Check.str_startswith("SKU-")),
        "quantity": pa.Column(int, pa.Check.in_range(1, 500)),
        "unit_price": pa.Column(float, pa.Check.in_range(0, 10_000)),
        "status": pa.Column(str, pa.Check.isin(["completed", "refunded", "cancelled"])),
        "ordered_at": pa.Column(pa.DateTime),
    },
    coerce=True,
    strict=True,
)

DAILY_SALES_SCHEMA = pa.DataFrameSchema(
    {
        "sale_date": pa.Column(pa.Date),
        "store_id": pa.Column(str),
        "sku": pa.Column(str),
        "units": pa.Column(int),
        "revenue": pa.Column(float),
        "orders": pa.Column(int, pa.Check.ge(1)),
    },
    unique=["sale_date", "store_id", "sku"],
    coerce=True,
    strict=True,
)


def validate_orders(raw: pd.DataFrame) -> pd.DataFrame:
    """Drop exact duplicate rows, then enforce types, ranges and unique order ids.

    Raises pandera.errors.SchemaErrors listing every failing check at once.
    """
    deduped = raw.drop_duplicates()
    if len(deduped) < len(raw):
        log.warning("dropped %d exact duplicate rows", len(raw) - len(deduped))
    return ORDER_SCHEMA.validate(deduped, lazy=True)


def daily_sales(orders: pd.DataFrame) -> pd.DataFrame:
    """Units, revenue and order count per day, store and SKU; refunds count negative."""
    kept = orders[orders["status"] != "cancelled"].copy()
    sign = kept["status"].map({"completed": 1, "refunded": -1})
    kept["units"] = kept["quantity"] * sign
    kept["revenue"] = kept["quantity"] * kept["unit_price"] * sign
    kept["sale_date"] = kept["ordered_at"].dt.date
    out = (
        kept.groupby(["sale_date", "store_id", "sku"], as_index=False)
        .agg(units=("units", "sum"), revenue=("revenue", "sum"), orders=("order_id", "count"))
        .sort_values(["sale_date", "store_id", "sku"], ignore_index=True)
    )
    out["revenue"] = out["revenue"].round(2)
    return DAILY_SALES_SCHEMA.validate(out)


def transform(raw: pd.DataFrame) -> pd.DataFrame:
    """The whole transform step: validate, then aggregate."""
    return daily_sales(validate_orders(raw))
