"""Cleaning and aggregation. Every function takes and returns a DataFrame."""

import pandas as pd

from pipeline.config import DAILY_LIMITS, VALID_RANGE


def clean(df: pd.DataFrame) -> pd.DataFrame:
    """Drops unparseable, out-of-range and duplicate readings."""
    low, high = VALID_RANGE
    out = df.dropna(subset=["timestamp", "value"])
    out = out[(out["value"] >= low) & (out["value"] <= high)]
    out = out[out["pollutant"].isin(DAILY_LIMITS)]
    out = out.drop_duplicates(subset=["station_id", "timestamp", "pollutant"], keep="last")
    return out.reset_index(drop=True)


def daily_means(df: pd.DataFrame, min_readings: int = 18) -> pd.DataFrame:
    """Mean per station, pollutant and UTC day.

    Days with fewer than `min_readings` hourly readings are dropped: a mean of
    three night-time readings says little about the day.
    """
    day = df["timestamp"].dt.tz_convert("UTC").dt.date.rename("date")
    grouped = df.groupby(["station_id", "pollutant", day])["value"]
    out = grouped.agg(mean="mean", readings="count").reset_index()
    out = out[out["readings"] >= min_readings]
    out["mean"] = out["mean"].round(1)
    return out.reset_index(drop=True)


def flag_exceedances(daily: pd.DataFrame) -> pd.DataFrame:
    out = daily.copy()
    out["limit"] = out["pollutant"].map(DAILY_LIMITS)
    out["exceeds"] = out["mean"] > out["limit"]
    return out


def station_summary(flagged: pd.DataFrame) -> pd.DataFrame:
    """Days measured and days over the limit, per station and pollutant."""
    summary = (
        flagged.groupby(["station_id", "pollutant"])
        .agg(days=("date", "nunique"), days_over_limit=("exceeds", "sum"), worst_day_mean=("mean", "max"))
        .reset_index()
    )
    summary["share_over_limit"] = (summary["days_over_limit"] / summary["days"]).round(3)
    return summary
