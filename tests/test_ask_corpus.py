"""Every question of seed 000 and of corpus A1, A3, A4, A5, A10-A13 can be asked.

Each is asked as a requester would need it, through `answerable ask ... --format json`,
against synthetic data from `answerable generate`; the answer must be a published table
whose visible figures are consistent with its own totals.
"""

import json

import pytest
from django.core.management import call_command
from django.db import transaction

from answerable.interchange.importer import import_file

SEED_000 = ["--from", "2022-05-01", "--to", "2023-05-31"]
VICTIMS_OF = [
    "--where",
    "role=victim",
    "--where",
    "crime_type=domestic_abuse,human_trafficking,modern_slavery,exploitation",
]

QUESTIONS = {
    # Seed 000 (FOI 23-1751)
    "000 shared: victims, witnesses, suspects": [
        "disclosures",
        *SEED_000,
        "--count",
        "people",
        "--by",
        "role",
    ],
    "000 reported or referred": ["referrals", *SEED_000, "--count", "people", "--by", "role"],
    "000 victims of domestic abuse, trafficking, exploitation": [
        "referrals",
        *SEED_000,
        *VICTIMS_OF,
        "--by",
        "crime_type",
    ],
    "000 of these, women": ["referrals", *SEED_000, *VICTIMS_OF, "--by", "sex"],
    "000 of these, children": ["referrals", *SEED_000, *VICTIMS_OF, "--by", "child"],
    "000 of these, disabled": ["referrals", *SEED_000, *VICTIMS_OF, "--by", "disability"],
    "000 of these, detained or removed after referral": [
        "referrals",
        *SEED_000,
        *VICTIMS_OF,
        "--by",
        "home_office_outcome",
    ],
    # ... and in the seed's own words: NCCU reports on arrest or charge count as reports;
    # detained and removed after a report or referral are two answers.
    "000 reported or referred, each kind": [
        "reported-or-referred",
        *SEED_000,
        "--count",
        "people",
        "--by",
        "role,report_or_referral",
    ],
    "000 of these, detained afterwards": [
        "reported-or-referred",
        *SEED_000,
        *VICTIMS_OF,
        "--by",
        "detained_after",
    ],
    "000 of these, removed or deported afterwards": [
        "reported-or-referred",
        *SEED_000,
        *VICTIMS_OF,
        "--by",
        "removed_after",
    ],
    "000 NCCU contacts by channel": ["nccu-contacts", *SEED_000, "--by", "channel"],
    "000 ICCE referrals and outcomes": ["icce-requests", *SEED_000, "--by", "referral_outcome"],
    # A1 (IM-FOI-2018-1421)
    "A1 by station": [
        "custody-count",
        "--from",
        "2017-04-01",
        "--to",
        "2018-03-31",
        "--by",
        "station",
    ],
    "A1 by duration": [
        "custody-count",
        "--from",
        "2017-04-01",
        "--to",
        "2018-03-31",
        "--by",
        "duration",
        "--bands",
        "24,48",
    ],
    # A3 (Cleveland 263-24)
    "A3 by band and station": [
        "custody-count",
        "--from",
        "2022-01-01",
        "--to",
        "2024-01-31",
        "--by",
        "duration,station",
        "--bands",
        "24,48,72,96",
    ],
    "A3 of those, released": [
        "custody-count",
        "--from",
        "2022-01-01",
        "--to",
        "2024-01-31",
        "--where",
        "outcome=released_no_restriction",
        "--by",
        "duration",
        "--bands",
        "24,48,72,96",
    ],
    # A4 (Met 01.FOI.24.034672)
    "A4 by station and band": [
        "custody-count",
        "--from",
        "2021-01-01",
        "--to",
        "2022-10-31",
        "--by",
        "station,duration",
        "--bands",
        "24,48,72,96,120",
    ],
    "A4 outcomes": [
        "custody-count",
        "--from",
        "2021-01-01",
        "--to",
        "2022-10-31",
        "--where",
        "outcome=released_no_restriction,immigration_bail,transferred_detention",
        "--by",
        "outcome",
    ],
    # A5 (Warwickshire 178-2023)
    "A5 per year": [
        "custody-count",
        "--from",
        "2018-01-01",
        "--to",
        "2022-12-31",
        "--by",
        "year",
        "--count",
        "people",
    ],
    "A5a asylum seekers": [
        "custody-count",
        "--from",
        "2018-01-01",
        "--to",
        "2022-12-31",
        "--by",
        "year,asylum_claimed",
    ],
    "A5b country of origin": [
        "custody-count",
        "--from",
        "2018-01-01",
        "--to",
        "2022-12-31",
        "--by",
        "nationality",
    ],
    "A5c gender": ["custody-count", "--from", "2018-01-01", "--to", "2022-12-31", "--by", "sex"],
    "A5d age": [
        "custody-count",
        "--from",
        "2018-01-01",
        "--to",
        "2022-12-31",
        "--by",
        "age_band",
        "--ages",
        "10,16,18,75",
    ],
    "A5e length": [
        "custody-count",
        "--from",
        "2018-01-01",
        "--to",
        "2022-12-31",
        "--by",
        "duration",
        "--bands",
        "24,48,72",
    ],
    # A10 (Dyfed-Powys 95/2026)
    "A10 1a shared or referred": [
        "disclosures",
        "--from",
        "2021-04-01",
        "--to",
        "2026-11-22",
        "--by",
        "financial_year,recipient",
    ],
    "A10 1b of which": [
        "referrals",
        "--from",
        "2021-04-01",
        "--to",
        "2026-11-22",
        "--by",
        "financial_year,role",
    ],
    "A10 3a material on request": [
        "disclosures",
        "--from",
        "2021-04-01",
        "--where",
        "initiated_by=home_office",
        "--by",
        "financial_year",
    ],
    "A10 4a corrected": ["disclosures", "--from", "2021-04-01", "--by", "financial_year,corrected"],
    "A10 4b reasons": [
        "disclosures",
        "--from",
        "2021-04-01",
        "--where",
        "corrected=yes",
        "--by",
        "correction_reason",
    ],
    # A11 (Scottish Borders 15265)
    "A11 3-4 shared, with or without consent": [
        "disclosures",
        "--from",
        "2018-05-25",
        "--by",
        "year,consent",
    ],
    "A11 agreements relied on": ["disclosures", "--from", "2018-05-25", "--by", "agreement"],
    "A11 5a Home Office requests": [
        "disclosures",
        "--from",
        "2018-05-25",
        "--where",
        "initiated_by=home_office",
        "--by",
        "year",
    ],
    # A12 and A13 (Norfolk)
    "A12 seven nationalities": [
        "custody-all",
        "--where",
        "nationality=IRQ,SYR,IRN,LBY,SOM,SDN,YEM",
        "--by",
        "nationality,year",
    ],
    "A13 gender": ["custody-all", "--from", "2016-01-01", "--to", "2017-02-12", "--by", "sex"],
    "A13 nationality": ["custody-all", "--by", "nationality"],
    "A13 reason": ["custody-all", "--by", "detention_basis"],
}


@pytest.fixture(scope="module")
def register(django_db_setup, django_db_blocker, tmp_path_factory):
    """A register of generated data, loaded once for this module's questions, in a
    transaction rolled back at the end: deleting the records instead would leave their
    erasure in the audit trail (which refuses deletes) for the next module on the worker."""
    out = tmp_path_factory.mktemp("generated")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate", "--episodes", "4000", "--seed", "11", "--out", str(out))
        import_file("custody", out / "custody-episodes.csv", progress=False)
        import_file("disclosures", out / "disclosures.csv", progress=False)
        yield
        transaction.set_rollback(True)


def ask(capsys, *args: str) -> dict:
    call_command("ask", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(QUESTIONS))
def test_the_question_is_answered_with_a_consistent_table(name, register, capsys):
    document = ask(capsys, *QUESTIONS[name])
    by = document["by"]
    assert by == [arg for arg in QUESTIONS[name][QUESTIONS[name].index("--by") + 1].split(",")]
    assert document["cost"]["gbp"] < document["cost"]["limit_gbp"]
    total = document["total"]["count"]
    visible = [cell["count"] for cell in document["cells"] if cell["count"] is not None]
    withheld = [cell for cell in document["cells"] if cell["count"] is None]
    assert all(cell["display"] == "[c]" for cell in withheld)
    if total is not None:
        assert sum(visible) <= total
        if not withheld:
            assert sum(visible) == total
    assert document["suppression"]["withheld"] >= len(withheld)
    # Each answer says what it counted, over its period.
    assert document["counted"].startswith("Counted: ")
    if document["period"]["from"] and document["period"]["to"]:
        assert " to " in document["counted"] and "dated " in document["counted"]
