from pathlib import Path
from unittest.mock import MagicMock

import pandas as pd
import pytest

from etl.extract import read_orders

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "orders_2024-07-15.csv"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def raw_orders() -> pd.DataFrame:
    return read_orders(SAMPLE)


@pytest.fixture
def conn() -> MagicMock:
    """A DB-API connection double; cursor() works as a context manager."""
    connection = MagicMock(name="connection")
    cursor = connection.cursor.return_value.__enter__.return_value
    connection.test_cursor = cursor
    return connection
