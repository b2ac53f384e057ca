"""Benchmark: how many figures secondary suppression withholds, against the optimum (issue 12).

    .venv/bin/python benchmarks/suppression_benchmark.py [--two-way 100] [--three-way 30]

Random tables of FOI request shapes (seeded, so every run draws the same ones): 2-way tables
of 3 to 12 rows by 3 to 8 columns, and 3-way tables of 2 to 5 by 2 to 4 by 2 to 3, each with
its margins and total. Counts are Poisson around a row effect times a column effect, so many
are small and primary suppression bites, as in breakdowns of a few hundred custodies.

For every table, three ways of choosing the further figures to withhold:
- heuristic: protect(method="heuristic"), one figure at a time where the audit finds a problem;
- production: protect() as released, the exact model within its time limit, the heuristic
  if it finds nothing in time;
- reference: the exact model run with no time limit to a proven optimum (optimal.py), audited.
Printed: total and median withheld figures (every distinct figure: cells, margins and the
total), % over the reference for all withheld figures and for the further (secondary) ones
alone, and the time per table (median, 95th percentile, maximum), with the process's CPU time
and the machine's load average, measured in the same run.
"""

import argparse
import itertools
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

import numpy as np

from answerable.answers.disclosure_control import Policy, ProtectedTable, Table, audit, protect
from answerable.answers.disclosure_control.layout import build_layout
from answerable.answers.disclosure_control.optimal import EXACT_TIME_LIMIT_SECONDS, suppress_exact
from answerable.answers.disclosure_control.primary import primary_statuses
from answerable.answers.disclosure_control.published import render

METHODS = ("heuristic", "production", "reference")
Result = TypeVar("Result")


@dataclass
class Tally:
    withheld: list[int] = field(default_factory=list)
    secondary: list[int] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0


def random_table(rng: np.random.Generator, sizes: list[int]) -> Table:
    names = ("a", "b", "c")[: len(sizes)]
    values = tuple(
        tuple(f"{name}{i}" for i in range(size)) for name, size in zip(names, sizes, strict=True)
    )
    effects = [rng.lognormal(0.0, 0.8, size) for size in sizes]
    scale = rng.uniform(1.5, 6.0)
    counts = {}
    for place in itertools.product(*(range(size) for size in sizes)):
        mean = scale * float(np.prod([effect[i] for effect, i in zip(effects, place, strict=True)]))
        labels = tuple(values[d][i] for d, i in enumerate(place))
        counts[labels] = int(rng.poisson(mean))
    return Table(names, values, counts)


def withheld_of(table: ProtectedTable) -> tuple[int, int]:
    """(withheld figures, of which secondary) of one table: cells, margins and the total."""
    figures = [*table.cells, *(m for row in table.margins.values() for m in row), table.total]
    withheld = sum(figure.withheld for figure in figures)
    return withheld, sum(figure.status == "secondary" for figure in figures)


def timed(tally: Tally, action: Callable[[], Result]) -> Result:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    tally.seconds.append(time.perf_counter() - wall)
    tally.cpu_seconds += time.process_time() - cpu
    return result


def run(tables: list[Table], policy: Policy) -> tuple[dict[str, Tally], int, int]:
    tallies = {method: Tally() for method in METHODS}
    fallbacks = proven = 0
    for table in tables:
        heuristic = timed(tallies["heuristic"], partial(protect, table, policy, method="heuristic"))
        production = timed(tallies["production"], partial(protect, table, policy))
        for method, result in (("heuristic", heuristic), ("production", production)):
            withheld, secondary = withheld_of(result)
            tallies[method].withheld.append(withheld)
            tallies[method].secondary.append(secondary)
        fallbacks += "one at a time" in production.method
        layout = build_layout(table, [table.dimensions], policy)
        statuses = primary_statuses(layout)
        outcome = timed(
            tallies["reference"], partial(suppress_exact, layout, statuses, time_limit=None)
        )
        if outcome.statuses is None or not outcome.optimal:
            raise SystemExit(f"the reference found no proven optimum for {table.values}")
        if not audit(render(layout, outcome.statuses, policy)).passed:
            raise SystemExit(f"the reference pattern fails the audit for {table.values}")
        proven += 1
        tallies["reference"].withheld.append(int(outcome.withheld or 0))
        tallies["reference"].secondary.append(outcome.statuses.count("secondary"))
        # The reference is optimal: nothing that passes the audit withholds fewer.
        for method in ("heuristic", "production"):
            if tallies[method].withheld[-1] < tallies["reference"].withheld[-1]:
                raise SystemExit(f"{method} beat the proven optimum for {table.values}")
    return tallies, fallbacks, proven


def over(value: int, reference: int) -> str:
    return f"{100 * (value - reference) / reference:+.1f}%" if reference else "n/a"


def report(name: str, tallies: dict[str, Tally], fallbacks: int, proven: int) -> None:
    reference = tallies["reference"]
    n = len(reference.withheld)
    print(f"\n{name}: {n} tables; reference proven optimal on {proven}")
    print(
        f"{'method':<11} {'withheld':>8} {'median':>6} {'vs ref':>7} {'secondary':>9} "
        f"{'vs ref':>7} {'worse':>5} {'median s':>8} {'p95 s':>6} {'max s':>6} {'CPU s':>6}"
    )
    for method in METHODS:
        tally = tallies[method]
        seconds = sorted(tally.seconds)
        p95 = seconds[min(len(seconds) - 1, round(0.95 * (len(seconds) - 1)))]
        worse = sum(a > b for a, b in zip(tally.withheld, reference.withheld, strict=True))
        print(
            f"{method:<11} {sum(tally.withheld):>8} {statistics.median(tally.withheld):>6} "
            f"{over(sum(tally.withheld), sum(reference.withheld)):>7} "
            f"{sum(tally.secondary):>9} "
            f"{over(sum(tally.secondary), sum(reference.secondary)):>7} {worse:>5} "
            f"{statistics.median(seconds):>8.3f} {p95:>6.3f} {seconds[-1]:>6.3f} "
            f"{tally.cpu_seconds:>6.1f}"
        )
    print(f"production fell back to the heuristic on {fallbacks} of {n} tables")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--two-way", type=int, default=100)
    parser.add_argument("--three-way", type=int, default=30)
    parser.add_argument("--seed", type=int, default=12)
    arguments = parser.parse_args()
    rng = np.random.default_rng(arguments.seed)
    two_way = [
        random_table(rng, [int(rng.integers(3, 13)), int(rng.integers(3, 9))])
        for _ in range(arguments.two_way)
    ]
    three_way = [
        random_table(
            rng, [int(rng.integers(2, 6)), int(rng.integers(2, 5)), int(rng.integers(2, 4))]
        )
        for _ in range(arguments.three_way)
    ]
    policy = Policy()
    print(
        f"seed {arguments.seed}; exact time limit {EXACT_TIME_LIMIT_SECONDS} s per response; "
        f"load average before {', '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )
    cpu = time.process_time()
    for name, tables in (("2-way", two_way), ("3-way", three_way)):
        if tables:
            report(name, *run(tables, policy))
    print(
        f"\nprocess CPU time {time.process_time() - cpu:.1f} s; load average after "
        f"{', '.join(f'{load:.2f}' for load in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
