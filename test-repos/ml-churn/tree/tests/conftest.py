from pathlib import Path

import pandas as pd
import pytest
from sklearn.pipeline import Pipeline

from churn.data import load_customers, split_target
from churn.train import build_model

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample.csv"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def customers() -> pd.DataFrame:
    return load_customers(SAMPLE)


@pytest.fixture(scope="session")
def fitted_model() -> Pipeline:
    x, y = split_target(load_customers(SAMPLE))
    return build_model().fit(x, y)


@pytest.fixture
def loyal_customer() -> dict[str, object]:
    return {
        "tenure_months": 60,
        "monthly_charges": 25.0,
        "total_charges": 1500.0,
        "support_tickets": 0,
        "contract": "two-year",
        "payment_method": "bank_transfer",
        "internet_service": "none",
    }
