"""Load the customer export and split it into features and target."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

TARGET = "churned"
ID_COLUMN = "customer_id"
NUMERIC_COLUMNS = ["tenure_months", "monthly_charges", "total_charges", "support_tickets"]
CATEGORICAL_COLUMNS = ["contract", "payment_method", "internet_service"]
REQUIRED_COLUMNS = [ID_COLUMN, *NUMERIC_COLUMNS, *CATEGORICAL_COLUMNS, TARGET]


class DataError(ValueError):
    """The input file does not look like a customer export."""


def load_customers(path: Path | str) -> pd.DataFrame:
    """Read a customer CSV and check that it has the columns the model needs."""
    df = pd.read_csv(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise DataError(f"{path}: missing columns {missing}")
    if df[ID_COLUMN].duplicated().any():
        raise DataError(f"{path}: duplicate customer ids")
    before = len(df)
    df = df.dropna(subset=REQUIRED_COLUMNS)
    if len(df) < before:
        log.warning("dropped %d rows with missing values", before - len(df))
    if not set(df[TARGET].unique()) <= {0, 1}:
        raise DataError(f"{path}: {TARGET} must be 0 or 1")
    return df.reset_index(drop=True)


def split_target(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Separate the feature columns from the churn label."""
    features = df.drop(columns=[ID_COLUMN, TARGET])
    return features, df[TARGET].astype(int)
