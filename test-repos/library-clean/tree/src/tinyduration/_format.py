"""Formatting seconds as "1h 30m"."""

from __future__ import annotations

from tinyduration._units import UNITS


def format_duration(seconds: float, *, parts: int = 2, compact: bool = False) -> str:
    """Formats a duration using at most `parts` units, largest first.

    The remainder is rounded into the last unit shown, so 5399 seconds with
    two parts is "1h 30m", not "1h 29m".

    >>> format_duration(5400)
    '1h 30m'
    >>> format_duration(93784, parts=3, compact=True)
    '1d2h3m'
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    sign = "-" if seconds < 0 else ""
    remaining = round(abs(seconds))
    if remaining == 0:
        return "0s"

    shown: list[tuple[int, str]] = []
    for i, (unit, size) in enumerate(UNITS):
        if remaining < size and not shown:
            continue
        if len(shown) == parts - 1 or i == len(UNITS) - 1:
            count = round(remaining / size)
            if count:
                shown.append((count, unit))
            break
        count, remaining = divmod(remaining, size)
        if count:
            shown.append((count, unit))
        if remaining == 0:
            break

    separator = "" if compact else " "
    return sign + separator.join(f"{n}{u}" for n, u in _carry(shown))


def _carry(shown: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Rounding can leave "1h 60m"; carry it into the unit above."""
    sizes = dict(UNITS)
    out = list(shown)
    for i in range(len(out) - 1, 0, -1):
        n, unit = out[i]
        above_n, above_unit = out[i - 1]
        ratio = sizes[above_unit] // sizes[unit]
        if n >= ratio:
            out[i - 1] = (above_n + n // ratio, above_unit)
            out[i] = (n % ratio, unit)
    return [(n, u) for n, u in out if n]
