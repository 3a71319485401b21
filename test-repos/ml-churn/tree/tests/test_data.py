from pathlib import Path

import pytest

from churn.data import ID_COLUMN, TARGET, DataError, load_customers, split_target


def test_sample_loads_with_every_row(customers):
    assert len(customers) == 30
    assert customers[TARGET].isin([0, 1]).all()


def test_split_target_drops_id_and_label(customers):
    features, target = split_target(customers)
    assert ID_COLUMN not in features.columns
    assert TARGET not in features.columns
    assert len(features) == len(target) == 30


def test_missing_column_is_reported(tmp_path: Path):
    path = tmp_path / "broken.csv"
    path.write_text("customer_id,tenure_months\nC1,3\n")
    with pytest.raises(DataError, match="missing columns"):
        load_customers(path)


def test_duplicate_ids_are_rejected(tmp_path: Path, sample_path: Path):
    lines = sample_path.read_text().splitlines()
    path = tmp_path / "dupes.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n")
    with pytest.raises(DataError, match="duplicate"):
        load_customers(path)


def test_rows_with_missing_values_are_dropped(tmp_path: Path, sample_path: Path):
    lines = sample_path.read_text().splitlines()
    lines[2] = lines[2].replace("41", "", 1)
    path = tmp_path / "gaps.csv"
    path.write_text("\n".join(lines) + "\n")
    assert len(load_customers(path)) == 29
