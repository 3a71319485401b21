"""Paths and thresholds. Paths can be overridden with environment variables."""

import os
from dataclasses import dataclass
from pathlib import Path

# WHO 2021 air quality guidelines, 24-hour means, in µg/m³.
DAILY_LIMITS = {
    "pm25": 15.0,
    "pm10": 45.0,
    "no2": 25.0,
}

# Readings outside this range are sensor faults, not air.
VALID_RANGE = (0.0, 1000.0)


@dataclass(frozen=True)
class Paths:
    raw_dir: Path
    output_dir: Path


def paths_from_env() -> Paths:
    return Paths(
        raw_dir=Path(os.environ.get("AIRQ_RAW_DIR", "data/raw")),
        output_dir=Path(os.environ.get("AIRQ_OUTPUT_DIR", "data/processed")),
    )
