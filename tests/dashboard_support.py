"""Shared by the dashboard's tests: its address, a register of disclosures, a moment to stand at,
and a block's figures read back."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from interchange_files import write
from seed_001 import custody_csv

from answerable.interchange.importer import import_file

DASHBOARD = reverse("dashboard:index")
REQUESTER = "Ms Requester Private"
HEADER = "disclosure_ref,force,disclosed_at,role,crime_type,purpose,requested_at,recipient"
# Referrals in 2017/18 by crime type (and status checks, which are not referrals).
REFERRALS = {"domestic_abuse": 12, "modern_slavery": 6, "human_trafficking": 3}
STATUS_CHECKS = 4


def at(moment: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(moment).replace(tzinfo=UTC))


def disclosures_csv() -> str:
    rows, n = [HEADER], 0
    for purpose, counts in (("referral", REFERRALS), ("status_check", {"other": STATUS_CHECKS})):
        for crime_type, how_many in counts.items():
            for _ in range(how_many):
                n += 1
                rows.append(
                    f"HO-{n},Police Scotland,2017-10-{n:02d}T10:00:00,victim,{crime_type},"
                    f"{purpose},2017-10-{n:02d}T09:00:00,hoie_nccu"
                )
    return "\n".join(rows) + "\n"


@pytest.fixture
def register(tmp_path):
    import_file("custody", write(tmp_path, custody_csv(), "custody.csv"), progress=False)
    import_file("disclosures", write(tmp_path, disclosures_csv(), "d.csv"), progress=False)


def block_figures(response, key: str) -> dict[str, object]:
    figures = next(f for f in response.context["blocks"] if f.block.key == key)
    table = figures.table
    rows = {row[0]: row[1] for row in table.rows}
    rows[table.total[0]] = table.total[1]
    return rows


def block_grid(response, key: str) -> list[list[str]]:
    table = next(f for f in response.context["blocks"] if f.block.key == key).table
    return [[str(cell) for cell in row] for row in [table.header, *table.rows, table.total]]
