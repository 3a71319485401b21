"""Writing outputs."""

from pathlib import Path

import pandas as pd


def write_outputs(daily: pd.DataFrame, summary: pd.DataFrame, output_dir: Path) -> list[Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    written = [
        output_dir / "daily_means.parquet",
        output_dir / "station_summary.csv",
    ]
    daily.to_parquet(written[0], index=False)
    summary.to_csv(written[1], index=False)
    return written
