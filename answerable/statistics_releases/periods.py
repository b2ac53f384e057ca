"""The period of a statistics release: a calendar quarter (2026-Q3: 1 July to 30 September
2026) or a UK financial year (2026/27: 1 April 2026 to 31 March 2027), and the period each
table covers within it (pure functions)."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from answerable.answers.periods import days_of_financial_year, financial_year

_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"^\d{4}/\d{2}$")

# What a table covers within its release's period.
QUARTER = "quarter"
FINANCIAL_YEAR_TO_DATE = "financial_year_to_date"
TABLE_PERIODS = (
    (QUARTER, "The release's period (the quarter, or the financial year of an annual release)"),
    (FINANCIAL_YEAR_TO_DATE, "The financial year to the end of the release's period"),
)


@dataclass(frozen=True)
class Period:
    label: str  # "2026-Q3" or "2026/27"
    first_day: date
    last_day: date

    @property
    def annual(self) -> bool:
        return "/" in self.label

    @property
    def slug(self) -> str:
        return self.label.lower().replace("/", "-")

    def describe(self) -> str:
        return f"{self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"

    def table_span(self, scheme: str) -> tuple[date, date]:
        """The days a table of this scheme covers in a release of this period."""
        if scheme == FINANCIAL_YEAR_TO_DATE:
            return days_of_financial_year(financial_year(self.last_day))[0], self.last_day
        if scheme == QUARTER:
            return self.first_day, self.last_day
        raise ValueError(f"unknown table period {scheme!r}")


def parse_period(text: str) -> Period:
    """ "2026-Q3" (a calendar quarter) or "2026/27" (a financial year); ValueError saying how
    to write it otherwise."""
    text = text.strip()
    found = _QUARTER.match(text)
    if found:
        year, number = int(found[1]), int(found[2])
        first = date(year, 3 * number - 2, 1)
        last = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
        return Period(f"{year}-Q{number}", first, last - timedelta(days=1))
    if _FINANCIAL_YEAR.match(text):
        first, last = days_of_financial_year(text)  # ValueError for 2026/99
        return Period(text, first, last)
    raise ValueError(
        f"period {text!r}: write a quarter as YYYY-QN (e.g. 2026-Q3) or a financial year as "
        "YYYY/YY (e.g. 2026/27)"
    )


def quarters_between(first: date, last: date) -> list[Period]:
    """Every complete calendar quarter from the one holding `first` to the last ending on or
    before `last`."""
    found: list[Period] = []
    year, number = first.year, (first.month - 1) // 3 + 1
    while True:
        period = parse_period(f"{year}-Q{number}")
        if period.last_day > last:
            return found
        found.append(period)
        year, number = (year + 1, 1) if number == 4 else (year, number + 1)
