"""Train the churn model and report how well it does on held-out customers.

python -m churn.train data/sample.csv --out models/churn.joblib
"""

from __future__ import annotations

import argparse
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import joblib
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from churn.data import load_customers, split_target
from churn.features import build_preprocessor

log = logging.getLogger("churn.train")


@dataclass
class Metrics:
    """Scores on the held-out test split."""

    f1: float
    roc_auc: float
    test_rows: int
    churn_rate: float


def build_model(c: float = 1.0) -> Pipeline:
    """Preprocessing plus a class-balanced logistic regression."""
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
    return Pipeline([("features", build_preprocessor()), ("classifier", classifier)])


def evaluate(model: Pipeline, x_test: pd.DataFrame, y_test: pd.Series) -> tuple[Metrics, str]:
    """Score a fitted model; F1 and ROC AUC because churners are the minority."""
    predicted = model.predict(x_test)
    probability = model.predict_proba(x_test)[:, 1]
    metrics = Metrics(
        f1=round(float(f1_score(y_test, predicted)), 4),
        roc_auc=round(float(roc_auc_score(y_test, probability)), 4),
        test_rows=len(y_test),
        churn_rate=round(float(y_test.mean()), 4),
    )
    report = classification_report(y_test, predicted, target_names=["stays", "churns"])
    return metrics, report


def train(
    data_path: Path, test_size: float = 0.25, c: float = 1.0, seed: int = 42
) -> tuple[Pipeline, Metrics, str]:
    """Fit on a stratified training split and evaluate on the rest."""
    x, y = split_target(load_customers(data_path))
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=test_size, stratify=y, random_state=seed
    )
    model = build_model(c).fit(x_train, y_train)
    metrics, report = evaluate(model, x_test, y_test)
    return model, metrics, report


def log_to_mlflow(params: dict[str, float], metrics: Metrics) -> None:
    """Record the run in the local MLflow store (./mlruns unless configured)."""
    import mlflow

    with mlflow.start_run(run_name="logreg-baseline"):
        mlflow.log_params(params)
        mlflow.log_metrics({"f1": metrics.f1, "roc_auc": metrics.roc_auc})


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="churn.train", description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="customer CSV with a churned column")
    parser.add_argument("--out", type=Path, default=Path("models/churn.joblib"))
    parser.add_argument("--test-size", type=float, default=0.25)
    parser.add_argument("-C", dest="c", type=float, default=1.0, help="inverse regularisation")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--track", action="store_true", help="log the run to MLflow")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    model, metrics, report = train(args.data, args.test_size, args.c, args.seed)
    print(report)
    log.info("f1=%.3f roc_auc=%.3f on %d customers", metrics.f1, metrics.roc_auc, metrics.test_rows)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, args.out)
    args.out.with_suffix(".metrics.json").write_text(json.dumps(asdict(metrics), indent=2))
    log.info("saved model to %s", args.out)
    if args.track:
        log_to_mlflow({"C": args.c, "test_size": args.test_size, "seed": args.seed}, metrics)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
