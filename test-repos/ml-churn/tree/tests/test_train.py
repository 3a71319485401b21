import json

import joblib

from churn.train import Metrics, main, train


def test_train_reports_metrics_on_held_out_rows(sample_path):
    model, metrics, report = train(sample_path, test_size=0.3, seed=7)
    assert isinstance(metrics, Metrics)
    assert metrics.test_rows == 9
    assert 0.0 <= metrics.f1 <= 1.0
    assert 0.5 <= metrics.roc_auc <= 1.0
    assert "churns" in report
    assert hasattr(model, "predict_proba")


def test_same_seed_gives_same_metrics(sample_path):
    _, first, _ = train(sample_path, seed=3)
    _, second, _ = train(sample_path, seed=3)
    assert first == second


def test_cli_saves_model_and_metrics(sample_path, tmp_path):
    out = tmp_path / "model.joblib"
    assert main([str(sample_path), "--out", str(out)]) == 0
    saved = json.loads(out.with_suffix(".metrics.json").read_text())
    assert set(saved) == {"f1", "roc_auc", "test_rows", "churn_rate"}
    assert hasattr(joblib.load(out), "predict")
