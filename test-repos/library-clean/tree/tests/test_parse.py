import pytest

from tinyduration import DurationError, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("1h30m", 5400),
        ("1h 30m", 5400),
        ("2 days, 4 hours", 187200),
        ("1w", 604800),
        ("1.5h", 5400),
        ("3 MINS", 180),
        ("-10m", -600),
    ],
)
def test_parses(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "   ", "10", "h", "1h30", "5 fortnights", "1h 2h"])
def test_rejects(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_error_names_the_unknown_unit() -> None:
    with pytest.raises(DurationError, match="unknown unit 'fortnights'"):
        parse_duration("5 fortnights")


def test_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_duration("soon")
