"""Case references: the pattern a force quotes on every letter, e.g. IM-FOI-2026-0042.

The pattern is a setting (ANSWERABLE_REFERENCE_PATTERN) because forces number differently:
Police Scotland used IM-FOI-YYYY-NNNN and now uses e.g. 23-1751 ("{yy}-{n}"). `n` counts the
requests received in the year, from 1.
"""

import re
import string

from django.conf import settings

DEFAULT_PATTERN = "IM-FOI-{year}-{n:04}"
SETTING = "ANSWERABLE_REFERENCE_PATTERN"
FIELDS = {"year", "yy", "n"}


class ReferencePatternError(ValueError):
    """The reference pattern cannot make references; the message says why."""


def check_pattern(pattern: str) -> None:
    """Refuse a pattern that would not give each request of a year its own reference."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as error:
        raise ReferencePatternError(f"{SETTING} {pattern!r}: {error}") from None
    names = {name for _, name, _, _ in parsed if name is not None}
    unknown = names - FIELDS
    if "" in unknown:
        raise ReferencePatternError(
            f"{SETTING} {pattern!r}: name each field ({{year}}, {{yy}} or {{n}}), not {{}}"
        )
    if unknown:
        raise ReferencePatternError(
            f"{SETTING} {pattern!r}: unknown field(s) {', '.join(sorted(unknown))}; "
            "the fields are {year}, {yy} (two-digit year) and {n} (the number in the year)"
        )
    if "n" not in names:
        raise ReferencePatternError(
            f"{SETTING} {pattern!r} has no {{n}}: every request would get the same reference"
        )
    if not names & {"year", "yy"}:
        raise ReferencePatternError(
            f"{SETTING} {pattern!r} has no {{year}} or {{yy}}: {{n}} starts again each year, "
            "so references would repeat"
        )
    try:
        pattern.format(year=2026, yy=26, n=1)
    except (ValueError, TypeError, IndexError, KeyError) as error:
        raise ReferencePatternError(f"{SETTING} {pattern!r}: {error}") from None
    if len(pattern.format(year=2026, yy=26, n=9999)) > 40:
        raise ReferencePatternError(f"{SETTING} {pattern!r} makes references over 40 characters")


def format_reference(pattern: str, year: int, n: int) -> str:
    """The reference of the `n`th request received in `year`."""
    check_pattern(pattern)
    if n < 1:
        raise ValueError(f"the number in the year starts at 1 (got {n})")
    return pattern.format(year=year, yy=f"{year % 100:02d}", n=n)


def configured_pattern() -> str:
    pattern = getattr(settings, SETTING, DEFAULT_PATTERN) or DEFAULT_PATTERN
    check_pattern(pattern)
    return pattern


def reference_regex(pattern: str | None = None) -> "re.Pattern[str]":
    """A regular expression finding references made by `pattern` in free text (a reply's
    subject or body quoting its case): the literal parts as they are, {year} four digits,
    {yy} two, {n} one or more."""
    pattern = pattern or configured_pattern()
    check_pattern(pattern)
    parts = []
    for literal, name, _, _ in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(r"\d{4}")
        elif name == "yy":
            parts.append(r"\d{2}")
        elif name == "n":
            parts.append(r"\d+")
    return re.compile(r"(?<![\w-])" + "".join(parts) + r"(?![\w-])", re.IGNORECASE)
