import pandas as pd
import pytest

from churn.data import split_target
from churn.features import add_derived, build_preprocessor


def test_average_spend_uses_tenure():
    df = pd.DataFrame({"tenure_months": [10], "total_charges": [500.0], "support_tickets": [2]})
    out = add_derived(df)
    assert out.loc[0, "avg_monthly_spend"] == pytest.approx(50.0)
    assert out.loc[0, "tickets_per_year"] == pytest.approx(2.4)


@pytest.mark.parametrize("tenure", [0, 1])
def test_new_customers_do_not_divide_by_zero(tenure):
    df = pd.DataFrame({"tenure_months": [tenure], "total_charges": [80.0], "support_tickets": [1]})
    out = add_derived(df)
    assert out.loc[0, "avg_monthly_spend"] == pytest.approx(80.0)


def test_preprocessor_output_shape(customers):
    features, _ = split_target(customers)
    matrix = build_preprocessor().fit_transform(features)
    # 4 numeric + 2 derived + 3 contracts + 3 payment methods + 3 services
    assert matrix.shape == (30, 15)


def test_unknown_category_is_ignored(customers):
    features, _ = split_target(customers)
    pre = build_preprocessor().fit(features)
    odd = features.head(1).assign(payment_method="crypto")
    assert pre.transform(odd).shape == (1, 15)
