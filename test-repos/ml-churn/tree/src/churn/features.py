"""Feature engineering and the preprocessing step of the model pipeline."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from churn.data import CATEGORICAL_COLUMNS, NUMERIC_COLUMNS

DERIVED_COLUMNS = ["avg_monthly_spend", "tickets_per_year"]


def add_derived(df: pd.DataFrame) -> pd.DataFrame:
    """Add ratios that are easier for a linear model than the raw totals."""
    out = df.copy()
    months = out["tenure_months"].clip(lower=1)
    out["avg_monthly_spend"] = out["total_charges"] / months
    out["tickets_per_year"] = out["support_tickets"] / months * 12
    return out.replace([np.inf, -np.inf], np.nan).fillna({c: 0.0 for c in DERIVED_COLUMNS})


def build_preprocessor() -> Pipeline:
    """Derive features, scale numeric columns and one-hot encode the rest."""
    columns = ColumnTransformer(
        [
            ("numeric", StandardScaler(), NUMERIC_COLUMNS + DERIVED_COLUMNS),
            (
                "categorical",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                CATEGORICAL_COLUMNS,
            ),
        ]
    )
    return Pipeline(
        [
            ("derive", FunctionTransformer(add_derived, validate=False)),
            ("columns", columns),
        ]
    )
