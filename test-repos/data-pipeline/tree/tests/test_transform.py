import pandas as pd

from pipeline.transform import clean, daily_means, flag_exceedances, station_summary
from tests.conftest import hourly


def test_clean_drops_bad_and_duplicate_rows(two_days: pd.DataFrame) -> None:
    broken = pd.concat(
        [
            two_days,
            hourly("A", "pm25", "2023-11-01", [-999.0]),  # sensor fault
            hourly("A", "o3", "2023-11-01", [50.0]),  # pollutant we do not track
            two_days.head(3),  # duplicates
        ],
        ignore_index=True,
    )
    cleaned = clean(broken)
    assert len(cleaned) == len(two_days)
    assert cleaned["value"].min() >= 0


def test_daily_means_per_station_pollutant_and_day(two_days: pd.DataFrame) -> None:
    daily = daily_means(clean(two_days))
    rows = {(r.station_id, r.pollutant, str(r.date)): r.mean for r in daily.itertuples()}
    assert rows == {
        ("A", "pm25", "2023-11-01"): 10.0,
        ("A", "pm25", "2023-11-02"): 20.0,
        ("B", "no2", "2023-11-01"): 30.0,
    }


def test_days_with_too_few_readings_are_dropped() -> None:
    sparse = hourly("A", "pm25", "2023-11-01", [50.0] * 5)
    assert daily_means(sparse).empty
    assert len(daily_means(sparse, min_readings=5)) == 1


def test_exceedances_use_who_daily_limits(two_days: pd.DataFrame) -> None:
    flagged = flag_exceedances(daily_means(two_days))
    over = flagged.set_index(["station_id", "pollutant", flagged["date"].astype(str)])["exceeds"]
    assert not over[("A", "pm25", "2023-11-01")]  # 10 <= 15
    assert over[("A", "pm25", "2023-11-02")]  # 20 > 15
    assert over[("B", "no2", "2023-11-01")]  # 30 > 25


def test_station_summary_counts_days(two_days: pd.DataFrame) -> None:
    summary = station_summary(flag_exceedances(daily_means(two_days)))
    a = summary[summary["station_id"] == "A"].iloc[0]
    assert a["days"] == 2
    assert a["days_over_limit"] == 1
    assert a["share_over_limit"] == 0.5
    assert a["worst_day_mean"] == 20.0
