"""Score customers with a trained model, validating what goes in and out.

python -m churn.predict customer.json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import joblib
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sklearn.pipeline import Pipeline

log = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = "models/churn.joblib"
# Above this probability a customer goes on the retention team's call list.
HIGH_RISK_THRESHOLD = 0.6


class Customer(BaseModel):
    """One customer as the model expects it; rejects impossible values."""

    model_config = ConfigDict(extra="forbid")

    tenure_months: int = Field(ge=0, le=600)
    monthly_charges: float = Field(gt=0, le=1000)
    total_charges: float = Field(ge=0)
    support_tickets: int = Field(ge=0, le=100)
    contract: Literal["month-to-month", "one-year", "two-year"]
    payment_method: Literal["card", "bank_transfer", "electronic_check"]
    internet_service: Literal["fiber", "dsl", "none"]

    @model_validator(mode="after")
    def charges_add_up(self) -> Customer:
        """Total charges cannot exceed what the tenure could have billed."""
        ceiling = self.monthly_charges * max(self.tenure_months, 1) * 1.5
        if self.total_charges > ceiling:
            raise ValueError("total_charges is too high for tenure_months x monthly_charges")
        return self


class Prediction(BaseModel):
    """The model's answer for one customer."""

    churn_probability: float = Field(ge=0.0, le=1.0)
    high_risk: bool


def model_path() -> Path:
    """Where the trained model lives; CHURN_MODEL_PATH overrides the default."""
    return Path(os.environ.get("CHURN_MODEL_PATH", DEFAULT_MODEL_PATH))


@lru_cache(maxsize=4)
def load_model(path: Path) -> Pipeline:
    """Load a pipeline saved by churn.train, once per path."""
    if not path.exists():
        raise FileNotFoundError(f"no model at {path}; run `python -m churn.train` first")
    return joblib.load(path)


def predict(model: Pipeline, customers: list[Customer]) -> list[Prediction]:
    """Score validated customers; every probability is checked before it is returned."""
    if not customers:
        return []
    frame = pd.DataFrame([c.model_dump() for c in customers])
    probabilities = model.predict_proba(frame)[:, 1]
    return [
        Prediction(churn_probability=round(float(p), 4), high_risk=bool(p >= HIGH_RISK_THRESHOLD))
        for p in probabilities
    ]


def parse_customers(payload: object) -> list[Customer]:
    """Accept one customer object or a list of them."""
    items = payload if isinstance(payload, list) else [payload]
    return [Customer.model_validate(item) for item in items]


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: score the customers in a JSON file."""
    parser = argparse.ArgumentParser(prog="churn.predict")
    parser.add_argument("input", type=Path, help="JSON file with a customer or a list of them")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    try:
        customers = parse_customers(json.loads(args.input.read_text()))
    except ValidationError as exc:
        log.error("invalid input in %s:\n%s", args.input, exc)
        return 2
    results = predict(load_model(model_path()), customers)
    print(json.dumps([r.model_dump() for r in results], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
