"""Audit entries as sentences a data protection officer reads (audit/sentences.py), and one
entry per consultation of the dashboard."""

import json

import pytest
from answer_page_support import signed_in

from answerable.audit.models import AuditEntry
from answerable.audit.sentences import ask_words, describe
from answerable.roles.roles import Role


def said(action: str, **kwargs) -> str:
    detail = kwargs.pop("detail", {})
    return str(describe(action, detail_text=json.dumps(detail), **kwargs))


def test_a_record_consulted_through_the_register_pages():
    assert said(
        "consultation", kind="custody episode", name="DEMO-NCS-009829", purpose="record page"
    ) == ("Consulted custody episode DEMO-NCS-009829 through the register pages.")


def test_a_record_named_with_its_kind_is_named_once():
    assert said("consultation", kind="NCCU contact", name="NCCU contact 5654") == (
        "Consulted NCCU contact 5654."
    )


def test_a_register_list_gives_a_count_not_a_list_of_record_numbers():
    text = said(
        "consultation",
        kind="ICCE request",
        name="",
        purpose="register list",
        detail={"records": list(range(1, 26)), "page": 2, "division": "G"},
    )
    assert text == ("Consulted 25 ICCE requests in a register list (page 2) (filters: division G).")
    assert "[" not in text and "{" not in text


def test_changed_fields_are_named_in_words():
    text = said(
        "alteration",
        kind="custody episode",
        name="NCS-1",
        detail={"fields": ["released_at", "station"]},
        field_label=lambda name: {"released_at": "time released"}.get(name, name),
    )
    assert text == "Changed the time released and station of custody episode NCS-1."


def test_a_disclosure_names_its_recipient():
    assert said(
        "disclosure",
        kind="disclosure",
        name="HO-1",
        recipient="Home Office (NCCU)",
        purpose="Referral",
    ) == ("Disclosed disclosure HO-1 to Home Office (NCCU) for referral.")


def test_the_dashboards_figures_in_words():
    text = said(
        "combination",
        kind="catalogue question",
        name="dashboard",
        purpose="dashboard",
        detail={
            "asks": [
                {"question": "custody-count", "by": ["month"], "from": "2017-03-01"},
                {"question": "referrals", "by": ["crime_type"], "to": "2018-02-28"},
            ],
            "exact": False,
        },
    )
    assert text == (
        "Combined the register's records into the dashboard's 2 tables under disclosure "
        "control: custody count by month, 1 March 2017 to the latest record; referrals by "
        "crime type, the first record to 28 February 2018."
    )


def test_an_ask_in_words():
    assert ask_words({"question": "custody-count", "where": {"division": ["G"]}}) == (
        "custody count, only where division is G"
    )


def test_searches_of_the_trail_itself():
    assert said(
        "consultation",
        kind="audit trail",
        name="",
        purpose="audit search",
        detail={"page": 1, "up_to_entry": 40, "actor": "anne"},
    ) == ("Searched the audit trail (page 1, entries up to 40) (filters: actor anne).")


def test_an_import_in_words():
    text = said(
        "collection",
        kind="import",
        name="3",
        purpose="custody import",
        detail={"records": "register.custodyepisode", "rows_read": 10, "created": 9},
        kind_label=lambda record_type: "custody episode",
    )
    assert text == (
        "Imported custody episode records: 10 rows read, 9 created, 0 updated, 0 unchanged "
        "(custody import)."
    )


@pytest.mark.django_db
def test_one_dashboard_view_is_one_entry_and_reads_as_one_sentence():
    client = signed_in(Role.ANALYST, "analyst")
    assert client.get("/staff/").status_code == 200
    entries = list(AuditEntry.objects.filter(purpose="dashboard"))
    assert len(entries) == 1 and entries[0].action == "combination"
    dpo = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    body = dpo.get("/audit/").content.decode()
    assert (
        body.count("Combined the register&#x27;s records into the dashboard&#x27;s 5 tables") == 1
    )
    assert "asks:" not in body and "{&#x27;" not in body
