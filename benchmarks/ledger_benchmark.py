"""Benchmark: what the release ledger costs each release as the ledger grows.

    make run   # once: the demonstration register in var/ (or set ANSWERABLE_VAR_DIR)
    DEBUG=1 .venv/bin/python benchmarks/ledger_benchmark.py [--releases 60] [--seed 1]

Against the demonstration register, it releases a sequence of API answers like those an
attacker or a run of FOI requests would ask (tables by custody centre, division, time in
custody, sex, child; complement filters; periods shifted by a day; two band schemes), each
through `answers.ledger.release.release` (counted, protected alone, audited jointly with
every earlier release that shares records, and recorded). The reference, timed in the same
run on the same question just before, is the single table on its own
(`answers.answer.answer`): counts and disclosure control without the ledger. It prints, per
release, the wall and CPU seconds of both, their ratio, how many earlier tables the joint
audit read, and how many figures the ledger withheld; then medians and the 90th percentile
by ledger size, with the machine's load average. Everything runs inside one transaction that
is rolled back, so the demo's ledger is left as it was.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
os.environ.setdefault("DEBUG", "1")


def asks(count: int, seed: int) -> list:
    from answerable.answers.engine import Ask
    from answerable.register.models import Station

    rng = random.Random(seed)
    stations = list(Station.objects.order_by("name").values_list("name", flat=True))
    start, end = date(2022, 4, 1), date(2023, 3, 31)
    made = []
    shapes = ["station", "division", "duration", "sex", "child", "complement", "shift", "bands"]
    for number in range(count):
        shape = shapes[number % len(shapes)]
        first = start + timedelta(days=rng.randrange(0, 20)) if shape == "shift" else start
        if shape == "complement":
            dropped = rng.choice(stations)
            where = {"station": tuple(s for s in stations if s != dropped)}
            made.append(Ask("custody-count", first_day=first, last_day=end, where=where))
        elif shape == "bands":
            bounds = (24, rng.choice((47, 48, 49, 50)))
            made.append(Ask("custody-count", start, end, by=("duration",), duration_bounds=bounds))
        elif shape == "shift":
            made.append(Ask("custody-count", first_day=first, last_day=end))
        else:
            made.append(Ask("custody-count", first_day=first, last_day=end, by=(shape,)))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--releases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import transaction

    from answerable.answers.answer import answer
    from answerable.answers.ledger.release import release
    from answerable.answers.models import ReleasedTable

    rows = []
    with transaction.atomic():
        before = ReleasedTable.objects.count()
        for number, ask in enumerate(asks(options.releases, options.seed), start=1):
            wall, cpu = time.perf_counter(), time.process_time()
            answer(ask)
            alone = (time.perf_counter() - wall, time.process_time() - cpu)
            wall, cpu = time.perf_counter(), time.process_time()
            decision = release([ask], kind="api", reference="bench", released_by="bench")
            ledger = (time.perf_counter() - wall, time.process_time() - cpu)
            rows.append(
                (number, alone, ledger, decision.checked_against, decision.withheld_for_ledger)
            )
            print(
                f"{number:3d} {ask.by or tuple(ask.where) or ('total',)!s:28.28} "
                f"alone {alone[0]:6.3f}s wall {alone[1]:6.3f}s cpu | ledger {ledger[0]:6.3f}s "
                f"wall {ledger[1]:6.3f}s cpu | x{ledger[0] / max(alone[0], 1e-9):5.1f} | "
                f"earlier tables {decision.checked_against:3d} | withheld for ledger "
                f"{decision.withheld_for_ledger}",
                flush=True,
            )
        transaction.set_rollback(True)
    print()
    print(f"ledger held {before} tables before the run; load average {os.getloadavg()}")
    for low, high in ((1, 20), (21, 40), (41, 60), (61, 10**9)):
        chunk = [row for row in rows if low <= row[0] <= high]
        if not chunk:
            continue
        walls = sorted(row[2][0] for row in chunk)
        ratios = sorted(row[2][0] / max(row[1][0], 1e-9) for row in chunk)
        p90 = walls[max(0, int(len(walls) * 0.9) - 1)]
        last = min(high, rows[-1][0])
        median, ratio = statistics.median(walls), statistics.median(ratios)
        print(
            f"releases {low}-{last}: ledger median {median:.3f}s, p90 {p90:.3f}s; "
            f"median ratio to the table alone x{ratio:.1f}"
        )


if __name__ == "__main__":
    main()
