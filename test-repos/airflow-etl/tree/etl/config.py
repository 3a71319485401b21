"""Settings read from the environment, so the same code runs in Airflow, CI and locally."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class ConfigError(RuntimeError):
    """A required setting is missing."""


@dataclass(frozen=True)
class Settings:
    """Where exports arrive, where staged files go, and which database to load."""

    landing_dir: Path
    staging_dir: Path
    db_dsn: str


def from_env() -> Settings:
    """Build settings from SALES_* environment variables."""
    dsn = os.environ.get("SALES_DB_DSN")
    if not dsn:
        raise ConfigError("SALES_DB_DSN is not set; see .env.example")
    return Settings(
        landing_dir=Path(os.environ.get("SALES_LANDING_DIR", "data/landing")),
        staging_dir=Path(os.environ.get("SALES_STAGING_DIR", "data/staging")),
        db_dsn=dsn,
    )
