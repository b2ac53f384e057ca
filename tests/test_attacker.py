"""The release-ledger tests' attacker (tests/attacker.py) on documents written by hand: it
finds what the figures give away, and nothing they do not."""

from datetime import date
from typing import Any

import pytest
from attacker import Attacker, Finding

STATIONS = {"Govan": "G", "Baird Street": "G", "Ayr": "U", "Dundee": "D"}
YEAR = {"from": "2023-01-01", "to": "2023-12-31"}


def figure(count: int | None, **labels: str) -> dict[str, Any]:
    return {**labels, "count": count, "display": "[c]" if count is None else str(count)}


def document(
    cells: list[dict[str, Any]],
    total: int | None,
    *,
    by: tuple[str, ...] = (),
    where: dict[str, list[str]] | None = None,
    period: dict[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "question": "custody-count",
        "period": period or YEAR,
        "by": list(by),
        "where": where or {},
        "cells": cells,
        "total": figure(total),
        "counting": "episodes",
        **extra,
    }


def findings(*documents: dict[str, Any]) -> list[Finding]:
    attacker = Attacker(STATIONS)
    for released in documents:
        attacker.receive(released)
    return attacker.findings()


BY_STATION = document(
    [
        figure(9, station="Govan"),
        figure(0, station="Baird Street"),
        figure(None, station="Ayr"),
        figure(None, station="Dundee"),
    ],
    17,
    by=("station",),
)


def test_the_complement_of_a_withheld_station_gives_it_away():
    others = document([], 15, where={"station": ["Govan", "Baird Street", "Dundee"]})
    found = findings(BY_STATION, others)
    assert {(f.kind, f.low, f.high) for f in found if "{Ayr}" in f.what} == {
        ("difference", 2, 2),
        ("region", 2, 2),
        ("withheld figure", 2, 2),
    }


def test_two_withheld_figures_that_could_each_be_large_give_nothing_away():
    assert findings(BY_STATION) == []


def test_a_withheld_figure_capped_below_the_threshold_is_found_as_a_range():
    capped = document(
        [figure(20, station="Govan"), figure(None, station="Ayr"), figure(None, station="Dundee")],
        25,
        by=("station",),
    )
    ranges = {(f.low, f.high) for f in findings(capped) if f.kind == "withheld figure"}
    assert ranges == {(1, 4)}


def test_a_station_lies_in_its_division():
    by_division = document([figure(12, division="G")], None, by=("division",))
    govan = document([figure(9, station="Govan")], None, by=("station",))
    found = [f for f in findings(by_division, govan) if f.kind == "region"]
    assert [(f.what.split("place in ")[1], f.low) for f in found] == [("{other centres of G}", 3)]


def test_when_nothing_is_shown_a_withheld_figure_may_be_zero():
    assert findings(document([], None)) == []
    # A shown zero elsewhere in the table says withheld figures are at least 1.
    with_a_zero = document(
        [figure(0, station="Govan"), figure(None, station="Ayr")], None, by=("station",)
    )
    assert findings(with_a_zero) == []  # 1 or more, no upper limit


def test_figures_without_a_count_that_are_not_withheld_say_nothing():
    not_held = {"station": "Ayr", "count": None, "display": "not held", "status": "not_held"}
    # Were "not held" read as withheld (at least 1), these figures could not all hold.
    table = document([figure(9, station="Govan"), not_held], 9, by=("station",))
    assert findings(table) == []


def test_two_band_schemes_isolate_the_episodes_between_them():
    def bands(bounds: list[int], counts: list[int]) -> dict[str, Any]:
        labels = [f"0-{bounds[0]}", f"{bounds[0]}-{bounds[1]}", f"{bounds[1]}+", "in_custody"]
        cells = [figure(n, duration=label) for label, n in zip(labels, [*counts, 0], strict=True)]
        return document(cells, sum(counts), by=("duration",), bands=bounds)

    found = findings(bands([24, 48], [5, 5, 6]), bands([24, 49], [5, 6, 5]))
    assert [(f.what.split(", ")[-1], f.low) for f in found] == [("minutes in {2881 to 2940}", 1)]


def test_children_are_held_to_the_sensitive_threshold():
    children = document([], 7, where={"child": ["yes"]})
    adults = document([], 7, where={"child": ["no"]})
    assert [(f.low, f.threshold) for f in findings(children)] == [(7, 10)]
    assert findings(adults) == []
    disabled = document([], 7, where={"disability": ["yes"]})
    assert [(f.low, f.threshold) for f in findings(disabled)] == [(7, 10)]


def test_a_shifted_period_gives_the_day_between():
    late = document([], 6, period={"from": "2024-06-16", "to": "2024-12-31"})
    early = document([], 7, period={"from": "2024-06-15", "to": "2024-12-31"})
    found = findings(early, late)
    assert {(f.kind, f.low) for f in found} == {("difference", 1), ("region", 1)}
    day = date(2024, 6, 15)
    assert all(f.true_count([{"day": day, "detention_basis": "immigration_powers"}]) for f in found)
    assert not any(f.true_count([{"day": date(2024, 6, 16)}]) for f in found)


def test_two_averages_over_nested_records_give_the_few_between():
    def timed(to: str, based_on: int, hours: float) -> dict[str, Any]:
        return {
            **document([], based_on, period={"from": "2023-03-01", "to": to}),
            "question": "disclosures",
            "time_to_disclose": {"average_hours": hours, "based_on": based_on},
        }

    found = findings(timed("2023-03-09", 9, 23.6), timed("2023-03-08", 8, 14.1))
    averages = [f for f in found if f.kind == "average"]
    assert len(averages) == 1 and averages[0].low <= 99.6 <= averages[0].high
    assert averages[0].high - averages[0].low < 2


@pytest.mark.parametrize("threshold", [2, 3])
def test_the_attackers_threshold_is_its_own_not_the_documents(threshold):
    lowered = document([figure(9, station="Govan"), figure(2, station="Ayr")], 11, by=("station",))
    lowered["suppression"] = {"threshold": threshold, "withheld": 0, "method": "primary"}
    assert [(f.what.split("place in ")[1], f.low) for f in findings(lowered)] == [("{Ayr}", 2)]
