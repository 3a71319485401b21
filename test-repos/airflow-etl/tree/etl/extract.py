"""Find the day's order export in the landing folder and stage a copy of it."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pandas as pd

log = logging.getLogger(__name__)

# Read everything as text first; types are enforced by the schema in transform.py.
RAW_COLUMNS = ["order_id", "store_id", "sku", "quantity", "unit_price", "status", "ordered_at"]


class MissingExportError(FileNotFoundError):
    """The export for a day has not arrived."""


def landing_file(landing_dir: Path, day: date) -> Path:
    """The path the point-of-sale system writes the day's export to."""
    return landing_dir / f"orders_{day.isoformat()}.csv"


def read_orders(path: Path) -> pd.DataFrame:
    """Read one export; fail clearly if it is missing or has the wrong header."""
    if not path.exists():
        raise MissingExportError(f"export not found: {path}")
    df = pd.read_csv(path, dtype=str)
    missing = sorted(set(RAW_COLUMNS) - set(df.columns))
    if missing:
        raise ValueError(f"{path.name}: missing columns {missing}")
    log.info("read %d rows from %s", len(df), path)
    return df[RAW_COLUMNS]


def stage(df: pd.DataFrame, staging_dir: Path, day: date) -> Path:
    """Write the raw rows to staging/<day>/orders.csv, replacing an earlier run's copy."""
    target = staging_dir / day.isoformat() / "orders.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(target, index=False)
    return target
