"""Customer churn model: load data, build features, train and predict."""

__version__ = "0.2.0"
