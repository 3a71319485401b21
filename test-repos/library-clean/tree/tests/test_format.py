import pytest

from tinyduration import format_duration, parse_duration


@pytest.mark.parametrize(
    ("seconds", "kwargs", "expected"),
    [
        (0, {}, "0s"),
        (59, {}, "59s"),
        (5400, {}, "1h 30m"),
        (5399, {}, "1h 30m"),
        (93784, {"parts": 3}, "1d 2h 3m"),
        (93784, {"parts": 3, "compact": True}, "1d2h3m"),
        (3600, {}, "1h"),
        (-600, {}, "-10m"),
        (604800 + 3600, {"parts": 1}, "1w"),
    ],
)
def test_formats(seconds: float, kwargs: dict[str, object], expected: str) -> None:
    assert format_duration(seconds, **kwargs) == expected  # type: ignore[arg-type]


def test_rounding_carries_into_the_larger_unit() -> None:
    assert format_duration(3599.6, parts=1) == "1h"
    assert format_duration(7199, parts=2) == "2h"


def test_parts_must_be_positive() -> None:
    with pytest.raises(ValueError):
        format_duration(10, parts=0)


@pytest.mark.parametrize("text", ["1h 30m", "2d 4h", "45s", "1w 3d"])
def test_round_trip(text: str) -> None:
    assert format_duration(parse_duration(text)) == text
