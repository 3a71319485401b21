"""Fetching the city's daily sensor export."""

import logging
from pathlib import Path

import requests

logger = logging.getLogger(__name__)

EXPORT_URL = "https://opendata.example.org/air-quality/daily/{day}.csv"


def download_day(day: str, raw_dir: Path, timeout: float = 30.0) -> Path:
    """Save one day's export into `raw_dir` and return its path."""
    response = requests.get(EXPORT_URL.format(day=day), timeout=timeout)
    response.raise_for_status()
    target = raw_dir / f"{day}.csv"
    target.write_bytes(response.content)
    logger.info("downloaded %s (%d bytes)", target.name, len(response.content))
    return target
