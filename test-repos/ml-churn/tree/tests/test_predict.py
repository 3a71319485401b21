import json

import joblib
import pytest
from pydantic import ValidationError

from churn.predict import Customer, Prediction, main, parse_customers, predict


def test_valid_customer_is_accepted(loyal_customer):
    customer = Customer.model_validate(loyal_customer)
    assert customer.contract == "two-year"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tenure_months", -1),
        ("monthly_charges", 0),
        ("contract", "weekly"),
        ("payment_method", "cash"),
    ],
)
def test_impossible_values_are_rejected(loyal_customer, field, value):
    with pytest.raises(ValidationError):
        Customer.model_validate({**loyal_customer, field: value})


def test_unknown_fields_are_rejected(loyal_customer):
    with pytest.raises(ValidationError, match="extra"):
        Customer.model_validate({**loyal_customer, "name": "Ann"})


def test_total_charges_must_fit_tenure(loyal_customer):
    with pytest.raises(ValidationError, match="too high"):
        Customer.model_validate({**loyal_customer, "total_charges": 90000.0})


def test_probability_outside_unit_interval_is_rejected():
    with pytest.raises(ValidationError):
        Prediction(churn_probability=1.2, high_risk=True)


def test_predictions_are_probabilities(fitted_model, loyal_customer):
    risky = {
        **loyal_customer,
        "tenure_months": 2,
        "monthly_charges": 95.0,
        "total_charges": 190.0,
        "support_tickets": 4,
        "contract": "month-to-month",
        "payment_method": "electronic_check",
        "internet_service": "fiber",
    }
    loyal, churner = predict(fitted_model, parse_customers([loyal_customer, risky]))
    assert 0.0 <= loyal.churn_probability < churner.churn_probability <= 1.0
    assert churner.high_risk and not loyal.high_risk


def test_empty_batch_returns_nothing(fitted_model):
    assert predict(fitted_model, []) == []


def test_cli_rejects_bad_input(tmp_path, loyal_customer):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**loyal_customer, "contract": "weekly"}))
    assert main([str(bad)]) == 2


def test_cli_uses_model_from_environment(
    tmp_path, monkeypatch, fitted_model, loyal_customer, capsys
):
    model_file = tmp_path / "churn.joblib"
    joblib.dump(fitted_model, model_file)
    monkeypatch.setenv("CHURN_MODEL_PATH", str(model_file))
    request = tmp_path / "customer.json"
    request.write_text(json.dumps(loyal_customer))
    assert main([str(request)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["high_risk"] is False
