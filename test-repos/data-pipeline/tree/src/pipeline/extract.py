"""Reading raw sensor exports."""

from pathlib import Path

import pandas as pd

REQUIRED_COLUMNS = ["station_id", "timestamp", "pollutant", "value"]


class SchemaError(ValueError):
    """A raw file is missing columns the pipeline needs."""


def read_raw_file(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise SchemaError(f"{path.name}: missing columns {', '.join(missing)}")
    df = df[REQUIRED_COLUMNS].copy()
    df["timestamp"] = pd.to_datetime(df["timestamp"], utc=True, errors="coerce")
    df["pollutant"] = df["pollutant"].str.strip().str.lower().str.replace(".", "", regex=False)
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df["source_file"] = path.name
    return df


def read_raw_dir(raw_dir: Path) -> pd.DataFrame:
    files = sorted(raw_dir.glob("*.csv"))
    if not files:
        raise FileNotFoundError(f"no CSV files in {raw_dir}")
    return pd.concat([read_raw_file(f) for f in files], ignore_index=True)
