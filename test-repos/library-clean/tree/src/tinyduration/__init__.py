"""Parse and format human-friendly durations such as "1h30m" or "2d 4h"."""

from tinyduration._format import format_duration
from tinyduration._parse import DurationError, parse_duration

__all__ = ["DurationError", "format_duration", "parse_duration"]
__version__ = "1.1.0"
