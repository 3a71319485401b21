import pandas as pd
import pytest


def hourly(station: str, pollutant: str, day: str, values: list[float]) -> pd.DataFrame:
    timestamps = pd.date_range(f"{day}T00:00:00Z", periods=len(values), freq="h")
    return pd.DataFrame(
        {
            "station_id": station,
            "timestamp": timestamps,
            "pollutant": pollutant,
            "value": values,
            "source_file": "test.csv",
        }
    )


@pytest.fixture
def two_days() -> pd.DataFrame:
    return pd.concat(
        [
            hourly("A", "pm25", "2023-11-01", [10.0] * 24),
            hourly("A", "pm25", "2023-11-02", [20.0] * 24),
            hourly("B", "no2", "2023-11-01", [30.0] * 24),
        ],
        ignore_index=True,
    )
