from pathlib import Path

import pandas as pd

from pipeline.__main__ import run

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "raw"


def test_end_to_end_on_sample_data(tmp_path: Path) -> None:
    written = run(SAMPLE, tmp_path, min_readings=18)
    assert [p.name for p in written] == ["daily_means.parquet", "station_summary.csv"]
    summary = pd.read_csv(tmp_path / "station_summary.csv")
    assert set(summary["station_id"]) == {"LDN-KX", "LDN-GR"}
    assert set(summary["pollutant"]) == {"pm25", "no2"}
    assert (summary["days"] == 2).all()
