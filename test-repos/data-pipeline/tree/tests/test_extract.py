from pathlib import Path

import pandas as pd
import pytest

from pipeline.extract import SchemaError, read_raw_dir, read_raw_file


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_read_raw_file_normalises_columns(tmp_path: Path) -> None:
    f = write(
        tmp_path / "a.csv",
        "station_id,timestamp,pollutant,value,unit\n"
        "S1,2023-11-01T00:00:00Z, PM2.5 ,12.5,ug/m3\n"
        "S1,garbage,NO2,n/a,ug/m3\n",
    )
    df = read_raw_file(f)
    assert list(df["pollutant"]) == ["pm25", "no2"]
    assert df["value"].iloc[0] == 12.5
    assert pd.isna(df["value"].iloc[1])
    assert pd.isna(df["timestamp"].iloc[1])
    assert "unit" not in df.columns
    assert set(df["source_file"]) == {"a.csv"}


def test_missing_columns_are_reported_by_name(tmp_path: Path) -> None:
    f = write(tmp_path / "bad.csv", "station_id,value\nS1,3\n")
    with pytest.raises(SchemaError, match="bad.csv: missing columns timestamp, pollutant"):
        read_raw_file(f)


def test_read_raw_dir_concatenates_in_name_order(tmp_path: Path) -> None:
    header = "station_id,timestamp,pollutant,value\n"
    write(tmp_path / "2.csv", header + "S2,2023-11-01T00:00:00Z,no2,1\n")
    write(tmp_path / "1.csv", header + "S1,2023-11-01T00:00:00Z,no2,2\n")
    df = read_raw_dir(tmp_path)
    assert list(df["station_id"]) == ["S1", "S2"]


def test_empty_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_raw_dir(tmp_path)
