"""Parsing "1h30m", "2 days 4 hours", "90s" into seconds."""

from __future__ import annotations

import re

from tinyduration._units import ALIASES, SECONDS

_TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*,?")


class DurationError(ValueError):
    """The text is not a duration this library understands."""


def parse_duration(text: str) -> float:
    """Returns the duration in seconds.

    >>> parse_duration("1h30m")
    5400.0
    >>> parse_duration("2 days, 4 hours")
    187200.0
    """
    stripped = text.strip()
    if not stripped:
        raise DurationError("empty duration")
    negative = stripped.startswith("-")
    body = stripped[1:] if negative else stripped

    total = 0.0
    seen: set[str] = set()
    pos = 0
    while pos < len(body):
        match = _TOKEN.match(body, pos)
        if match is None:
            raise DurationError(f"cannot parse {text!r} at position {pos + int(negative)}")
        number, unit_text = match.groups()
        unit = _unit(unit_text, text)
        if unit in seen:
            raise DurationError(f"unit {unit!r} given twice in {text!r}")
        seen.add(unit)
        total += float(number) * SECONDS[unit]
        pos = match.end()
    return -total if negative else total


def _unit(name: str, text: str) -> str:
    lower = name.lower()
    if lower in SECONDS:
        return lower
    if lower in ALIASES:
        return ALIASES[lower]
    raise DurationError(f"unknown unit {name!r} in {text!r}")
