"""Benchmark: protecting and auditing published tables (answers/disclosure_control).

    .venv/bin/python benchmarks/disclosure_control_benchmark.py [--repeats 5]

For tables shaped like the requests (seed 001's 31 stations, stations x duration bands,
stations x bands x sex, three linked tables), prints the median time of `protect` (primary
and secondary suppression with its audit loop) and of the audit alone. The reference,
measured in the same run, is one linear programme of the same size solved by HiGHS
(maximise one cell subject to the table's margins): the ratio says how many LP solves'
worth of work protection costs.
"""

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np
from scipy.optimize import linprog

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from seed_001 import BAND_COUNTS, STATION_COUNTS

from answerable.answers.disclosure_control import (
    Policy,
    ProtectedTable,
    Table,
    audit,
    protect,
    protect_all,
)


def station_bands(seed: int) -> Table:
    rng = np.random.default_rng(seed)
    shares = [n / 537 for n in BAND_COUNTS.values()]
    counts: dict[tuple[str, ...], int] = {}
    for station, n in STATION_COUNTS.items():
        for band, k in zip(BAND_COUNTS, rng.multinomial(n, shares), strict=True):
            counts[(station, band)] = int(k)
    return Table(("station", "band"), (tuple(STATION_COUNTS), tuple(BAND_COUNTS)), counts)


def with_sex(table: Table, seed: int) -> Table:
    rng = np.random.default_rng(seed)
    counts: dict[tuple[str, ...], int] = {}
    for (station, band), n in table.counts.items():
        women = int(rng.binomial(n, 0.2))
        counts[(station, band, "F")], counts[(station, band, "M")] = women, n - women
    return Table(("station", "band", "sex"), (*table.values, ("F", "M")), counts)


def one_lp(cells: int) -> None:
    """The reference: maximise one cell of a cells-long table subject to its total."""
    objective = np.zeros(cells)
    objective[0] = -1
    linprog(objective, A_eq=np.ones((1, cells)), b_eq=[537], bounds=(1, None), method="highs")


def median_seconds(action: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    stations = Table(
        ("station",), (tuple(STATION_COUNTS),), {(name,): n for name, n in STATION_COUNTS.items()}
    )
    two_way = station_bands(1)
    three_way = with_sex(two_way, 2)
    cases: list[tuple[str, int, Callable[[], ProtectedTable | list[ProtectedTable]]]] = [
        ("seed 001: 31 stations", 31, lambda: protect(stations)),
        ("31 stations x 3 bands", 93, lambda: protect(two_way)),
        ("31 x 3 x sex (3-way)", 186, lambda: protect(three_way)),
        (
            "station, band and 2-way, linked",
            93,
            lambda: protect_all(two_way, [("station",), ("band",), ("station", "band")], Policy()),
        ),
    ]
    print(
        f"{'table':<36} {'cells':>5} {'protect s':>10} {'audit s':>9} {'1 LP s':>8} "
        f"{'x 1 LP':>8} {'withheld':>9}"
    )
    for name, cells, action in cases:
        published = action()
        tables = published if isinstance(published, list) else [published]
        protect_time = median_seconds(action, repeats)
        audit_time = median_seconds(partial(audit, tables), repeats)
        reference = median_seconds(partial(one_lp, cells), repeats)
        print(
            f"{name:<36} {cells:>5} {protect_time:>10.3f} {audit_time:>9.3f} "
            f"{reference:>8.4f} {protect_time / reference:>7.0f}x {tables[0].withheld:>9}"
        )


if __name__ == "__main__":
    main()
