"""Pulling #tags out of note text."""

import re

TAG = re.compile(r"#([A-Za-z][\w-]*)")


def extract_tags(text: str) -> list[str]:
    """Return the distinct tags in `text`, lower-cased, in order of appearance."""
    seen: list[str] = []
    for match in TAG.finditer(text):
        tag = match.group(1).lower()
        if tag not in seen:
            seen.append(tag)
    return seen
