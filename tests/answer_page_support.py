"""Shared by the answer page's tests: signed-in clients by role, the seed 001 register, the
page's table read back, and its audit entries."""

import pytest
from casework_helpers import officer
from django.test import Client
from django.urls import reverse
from interchange_files import write
from seed_001 import custody_csv

from answerable.audit.models import AuditEntry
from answerable.interchange.importer import import_file
from answerable.register.models import Division
from answerable.roles.assign import assign_role
from answerable.roles.roles import ROLES, Role

PAGE = reverse("answers:index")
FY_2017 = {"question": "custody-count", "from": "2017-04-01", "to": "2018-03-31"}
BY_STATION = {**FY_2017, "by": "station"}


def signed_in(role: Role | None, username: str | None = None) -> Client:
    user = officer(username or f"user-{role or 'none'}")
    if role is not None:
        division = Division.objects.get(code="G") if ROLES[role].by_division else None
        assign_role(user, role, division=division)
    client = Client()
    client.force_login(user)
    return client


def download_url(format_name: str) -> str:
    return reverse("answers:download", kwargs={"format": format_name})


def figures_of(response) -> dict[str, object]:
    """The page's one-way table as {row label: cell as shown}, the total under "Total"."""
    table = response.context["table"]
    rows = {row[0]: row[1] for row in table.rows}
    rows[table.total[0]] = table.total[1]
    return rows


def grid_of(response) -> list[list[str]]:
    """The page's table as text rows, as a CSV would give them."""
    table = response.context["table"]
    rows = [table.header, *table.rows, table.total] if table.header else [table.total]
    return [[str(cell) for cell in row] for row in rows]


def entries(purpose: str | None = None):
    found = AuditEntry.objects.filter(action="combination", record_type="answers.question")
    return list(found.filter(purpose=purpose) if purpose else found)


@pytest.fixture
def register(tmp_path):
    """Seed 001: 537 immigration custodies in 2017/18, Dundee and Saltcoats with 1 each."""
    import_file("custody", write(tmp_path, custody_csv()), progress=False)


@pytest.fixture
def foi() -> Client:
    return signed_in(Role.FOI_OFFICER, "foi")


@pytest.fixture
def manager() -> Client:
    return signed_in(Role.DISCLOSURE_MANAGER, "manager")


# --- access -----------------------------------------------------------------------------------
