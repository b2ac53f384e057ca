"""Loads generated interchange files straight into a register's tables, for benchmarks of
the answer engine when `answerable import` is too slow for the machine's time (it validated
374 rows/s on 2 cores at a load average of 20). Not the importer: no validation, people,
history or audit trail; the derived columns are computed by the register's own functions
(the UK local date, core/uk_time.py; nationality as an ISO code,
register/nationality.py), so an answer counts what it would count after an import.

    DATABASE_URL=... .venv/bin/python benchmarks/direct_load.py DIR

DIR holds custody-episodes.csv and disclosures.csv from `answerable generate`; the register
must be migrated and empty of custody episodes and disclosures.
"""

import csv
import os
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

BATCH = 20_000


def main(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    import django

    django.setup()
    from django.db import connection, transaction
    from django.utils import timezone

    from answerable.core.uk_time import as_uk_aware, elapsed_minutes, elapsed_seconds, uk_date
    from answerable.register.models import CustodyEpisode, Disclosure, Division, Force, Station
    from answerable.register.nationality import parse_nationality

    if CustodyEpisode.objects.exists() or Disclosure.objects.exists():
        raise SystemExit("the register already holds episodes or disclosures")
    forces = dict(Force.objects.values_list("name", "id"))
    divisions = {
        (f, code): pk for pk, f, code in Division.objects.values_list("id", "force_id", "code")
    }
    stations = {
        (f, name): pk for pk, f, name in Station.objects.values_list("id", "force_id", "name")
    }
    codes: dict[str, str | None] = {}
    now = timezone.now()

    def moment(text: str) -> datetime | None:
        text = text.strip()
        return as_uk_aware(datetime.fromisoformat(text)) if text else None

    def nationality(text: str) -> str | None:
        text = text.strip()
        if text.lower() in ("", "not_recorded"):
            return None
        if text not in codes:
            codes[text] = parse_nationality(text)
        return codes[text]

    def cell(text: str) -> str | None:
        text = text.strip()
        return None if text.lower() in ("", "not_recorded") else text.lower()

    def age(text: str) -> int | None:
        return int(text) if text.strip() else None

    def custody() -> Iterator[tuple]:
        with (folder / "custody-episodes.csv").open(newline="") as stream:
            for row in csv.DictReader(stream):
                force = forces[row["force"]]
                arrived, released = moment(row["arrived_at"]), moment(row["released_at"])
                assert arrived is not None
                yield (
                    force,
                    row["custody_ref"],
                    divisions.get((force, row["division"].strip())),
                    stations[force, row["station"].strip()],
                    arrived,
                    released,
                    row["detention_basis"].strip().lower(),
                    row["primary_offence"],
                    row["offence_code"].strip(),
                    cell(row["sex"]),
                    age(row["age"]),
                    nationality(row["nationality"]),
                    cell(row["asylum_claimed"]),
                    cell(row["disability"]),
                    cell(row["outcome"]),
                    uk_date(arrived),
                    elapsed_minutes(arrived, released) if released else None,
                    "",
                    now,
                    now,
                )

    def disclosures() -> Iterator[tuple]:
        with (folder / "disclosures.csv").open(newline="") as stream:
            for row in csv.DictReader(stream):
                force = forces[row["force"]]
                disclosed, requested = moment(row["disclosed_at"]), moment(row["requested_at"])
                assert disclosed is not None
                yield (
                    force,
                    row["disclosure_ref"],
                    divisions.get((force, row["division"].strip())),
                    disclosed,
                    row["role"].strip().lower(),
                    cell(row["crime_type"]),
                    cell(row["sex"]),
                    age(row["age"]),
                    cell(row["disability"]),
                    nationality(row["nationality"]),
                    row["recipient"].strip().lower(),
                    cell(row["channel"]),
                    row["purpose"].strip().lower(),
                    cell(row["initiated_by"]),
                    requested,
                    cell(row["consent"]),
                    row["legal_basis"],
                    row["agreement_ref"],
                    row["custody_ref"],
                    cell(row["home_office_outcome"]),
                    uk_date(disclosed),
                    elapsed_seconds(requested, disclosed) if requested else None,
                    "",
                    now,
                    now,
                )

    tables = [
        (
            CustodyEpisode,
            "force_id custody_ref division_id station_id arrived_at released_at detention_basis "
            "primary_offence offence_code sex age nationality asylum_claimed disability outcome "
            "arrived_on duration_minutes source_hash created_at updated_at",
            custody,
        ),
        (
            Disclosure,
            "force_id disclosure_ref division_id disclosed_at role crime_type sex age disability "
            "nationality recipient channel purpose initiated_by requested_at consent legal_basis "
            "agreement_ref custody_ref home_office_outcome disclosed_on seconds_to_disclose "
            "source_hash created_at updated_at",
            disclosures,
        ),
    ]
    for model, columns, rows in tables:
        names = columns.split()
        sql = (
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(names)}) "
            f"VALUES ({', '.join(['%s'] * len(names))})"
        )
        start, done, batch = time.perf_counter(), 0, []
        with transaction.atomic(), connection.cursor() as cursor:
            for values in rows():
                batch.append(values)
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    done += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                done += len(batch)
        print(f"{model.__name__}: {done:,} rows in {time.perf_counter() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
