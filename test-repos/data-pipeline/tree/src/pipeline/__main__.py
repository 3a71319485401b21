"""Command line entry point: python -m pipeline [--raw DIR] [--out DIR]."""

import argparse
import logging
from pathlib import Path

from pipeline import extract, load, transform
from pipeline.config import paths_from_env

log = logging.getLogger("pipeline")


def run(raw_dir: Path, output_dir: Path, min_readings: int) -> list[Path]:
    raw = extract.read_raw_dir(raw_dir)
    log.info("read %d rows from %s", len(raw), raw_dir)
    cleaned = transform.clean(raw)
    log.info("kept %d rows after cleaning", len(cleaned))
    daily = transform.daily_means(cleaned, min_readings=min_readings)
    flagged = transform.flag_exceedances(daily)
    summary = transform.station_summary(flagged)
    return load.write_outputs(flagged, summary, output_dir)


def main() -> None:
    defaults = paths_from_env()
    parser = argparse.ArgumentParser(prog="pipeline", description=__doc__)
    parser.add_argument("--raw", type=Path, default=defaults.raw_dir)
    parser.add_argument("--out", type=Path, default=defaults.output_dir)
    parser.add_argument("--min-readings", type=int, default=18)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    for path in run(args.raw, args.out, args.min_readings):
        log.info("wrote %s", path)


if __name__ == "__main__":
    main()
