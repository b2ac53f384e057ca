"""Periods: calendar years, UK financial years (1 April to 31 March) and months."""

import calendar
import re
from datetime import date


def financial_year(day: date) -> str:
    """`2017/18` for any day from 1 April 2017 to 31 March 2018 (seed 001's period)."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def month(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def years_between(start: date, end: date) -> list[str]:
    return [str(year) for year in range(start.year, end.year + 1)]


def financial_years_between(start: date, end: date) -> list[str]:
    first = start.year if start.month >= 4 else start.year - 1
    last = end.year if end.month >= 4 else end.year - 1
    return [financial_year(date(year, 4, 1)) for year in range(first, last + 1)]


def months_between(start: date, end: date) -> list[str]:
    labels = []
    year, number = start.year, start.month
    while (year, number) <= (end.year, end.month):
        labels.append(f"{year}-{number:02d}")
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return labels


# Labels back to their days, for `--where year=2018`, `financial_year=2017/18`, `month=2020-04`.


def days_of_year(label: str) -> tuple[date, date]:
    if not re.fullmatch(r"\d{4}", label):
        raise ValueError(f"{label!r} is not a year such as 2018")
    return date(int(label), 1, 1), date(int(label), 12, 31)


def days_of_financial_year(label: str) -> tuple[date, date]:
    found = re.fullmatch(r"(\d{4})/(\d{2})", label)
    if not found or (int(found[1]) + 1) % 100 != int(found[2]):
        raise ValueError(f"{label!r} is not a financial year such as 2017/18")
    start = int(found[1])
    return date(start, 4, 1), date(start + 1, 3, 31)


def days_of_month(label: str) -> tuple[date, date]:
    found = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"{label!r} is not a month such as 2020-04")
    year, number = int(found[1]), int(found[2])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
