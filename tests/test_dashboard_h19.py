"""The dashboard read at a glance (issue 19): the last 12 complete months in words, and a
divisional user's division beside the force."""

import pytest
from answer_page_support import entries, signed_in
from dashboard_support import DASHBOARD, at, block_figures
from interchange_files import write
from seed_001 import custody_csv

from answerable.dashboard.figures import months_words
from answerable.interchange.importer import import_file
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


def test_months_in_words():
    assert months_words("2026-03", "2026-04") == "March to April 2026"
    assert months_words("2025-12", "2026-01") == "December 2025 to January 2026"
    assert months_words("2026-03", "2026-03") == "March 2026"


def test_a_divisional_user_sees_their_division_beside_the_force(tmp_path):
    import_file("custody", write(tmp_path, custody_csv(), "custody.csv"), progress=False)
    with at("2018-04-02T12:00:00"):
        response = signed_in(Role.CUSTODY, "sergeant").get(DASHBOARD)
        force_wide = signed_in(Role.ANALYST, "analyst").get(DASHBOARD)
    keys = [figures.block.key for figures in response.context["blocks"]]
    assert keys[:3] == ["by-month", "by-month-division", "by-year"]
    assert "by-station-division" in keys and "by-duration-division" in keys
    assert not any(
        k.endswith("-division") for k in (f.block.key for f in force_wide.context["blocks"])
    )
    division = response.context["division"]
    assert division.code == "G"
    force, own = (
        block_figures(response, "by-station"),
        block_figures(response, "by-station-division"),
    )
    assert force["Total"] == 537
    assert isinstance(own["Total"], int) and 0 < own["Total"] < 537
    # Only the division's custody centres count: the others' are 0 in its table.
    outside = [s for s, n in own.items() if n == 0 and force[s] not in (0, "[c]")]
    assert outside
    page = response.content.decode()
    assert f"{division.name} division (G)" in page
    assert len(entries("dashboard")) == 2  # one per view, the division's queries in it
