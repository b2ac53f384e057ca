"""The list pages' filters, as django-filter FilterSets (web/filters.py): the register's four
lists, the disclosure log, the case list and the audit trail's search.

Each list keeps its query string: a valid value narrows the list; a value the list does not
know is refused with the field's own message and no list (never a server error, never a list
filtered otherwise than asked).
"""

from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.test import Client
from django.urls import reverse

from answerable.audit.actions import Action
from answerable.audit.forms import AuditFilter
from answerable.audit.models import AuditEntry
from answerable.audit.trail import record
from answerable.casework.forms import CaseFilter
from answerable.casework.models import InformationRequest
from answerable.disclosure_log.filters import LogFilter
from answerable.register.forms.filters import (
    CustodyFilter,
    DisclosureFilter,
    IcceFilter,
    NccuFilter,
)
from answerable.register.models import Division
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

INVALID_CHOICE = "Select a valid choice."  # Django's words, as the lists have always had


def signed_in(role: Role, username: str) -> Client:
    user = officer(username)
    assign_role(user, role)
    client = Client()
    client.force_login(user)
    return client


def refused(response, message: str) -> None:
    """The page is shown (200) with the field's message in the GOV.UK error summary, and no
    list."""
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body, body[:2000]
    assert "govuk-error-summary" in body
    assert response.context["page"] is None


# --- the register's lists ------------------------------------------------------------------

REGISTER_LISTS = {
    "register:custody_list": ("sex", "male", "outcome"),
    "register:nccu_list": ("channel", "phone", "action_taken"),
    "register:disclosure_list": ("purpose", "status_check", "home_office_outcome"),
    "register:icce_list": ("result", "no_trace", "high_harm"),
}


@pytest.mark.parametrize("name", list(REGISTER_LISTS))
def test_a_register_list_refuses_a_value_it_does_not_know(police_scotland, name):
    client = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    choice, valid, recordable = REGISTER_LISTS[name]
    url = reverse(name)
    assert client.get(url).context["page"] is not None  # no query: everything, paged
    assert client.get(url, {choice: valid}).context["page"] is not None
    refused(client.get(url, {choice: "no-such-value"}), INVALID_CHOICE)
    refused(client.get(url, {"division": "999999"}), INVALID_CHOICE)
    refused(
        client.get(url, {"date_from": "2023-06-01", "date_to": "2023-05-01"}),
        "The end of the period cannot come before its start.",
    )
    refused(client.get(url, {"date_from": "yesterday"}), "From must be a real date")
    # "Not recorded" is a value of its own, and the empty value is "Any".
    assert client.get(url, {recordable: "not_recorded", choice: ""}).context["page"] is not None


def test_the_register_filtersets_have_the_lists_parameters(police_scotland):
    fields = {
        CustodyFilter: [
            "reference",
            "date_from",
            "date_to",
            "division",
            "station",
            "detention_basis",
            "sex",
            "outcome",
        ],
        NccuFilter: [
            "reference",
            "date_from",
            "date_to",
            "division",
            "station",
            "channel",
            "role",
            "crime_type",
            "sex",
            "action_taken",
        ],
        DisclosureFilter: [
            "reference",
            "date_from",
            "date_to",
            "division",
            "purpose",
            "role",
            "crime_type",
            "sex",
            "home_office_outcome",
        ],
        IcceFilter: [
            "reference",
            "date_from",
            "date_to",
            "division",
            "result",
            "high_harm",
            "referred_to_hoie",
        ],
    }
    for filterset, names in fields.items():
        assert list(filterset({}).form.fields) == names, filterset
    # A divisional user's list has no division to choose.
    division = Division.objects.first()
    assert "division" not in CustodyFilter({}, division=division).form.fields
    sex = CustodyFilter({}).form.fields["sex"]
    assert sex.choices[0] == ("", "Any") and sex.choices[-1] == ("not_recorded", "Not recorded")


# --- the disclosure log --------------------------------------------------------------------

LOG = reverse("disclosure_log:list")
LOG_CSV = reverse("disclosure_log:export")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"regime": "gdpr"}, "Choose an Act or regulations from the list"),
        ({"outcome": "maybe"}, "Choose an outcome from the list"),
        ({"topic": "no-such-topic"}, "Choose a topic from the list"),
        ({"issued_from": "yesterday"}, "Enter the &#x27;responded from&#x27; date as a real"),
        (
            {"issued_from": "02/03/2024", "issued_to": "01/03/2024"},
            "The &#x27;responded to&#x27; date must be on or after &#x27;responded from&#x27;",
        ),
    ],
)
def test_the_log_refuses_a_filter_it_does_not_know(client, query, message):
    refused(client.get(LOG, query), message)
    export = client.get(LOG_CSV, query)
    assert export.status_code == 400
    assert export.content.decode().startswith("The filters are not valid: ")


def test_the_log_accepts_its_filters(client):
    query = {
        "q": "custody",
        "regime": "foisa",
        "outcome": "full",
        "issued_from": "01/01/2024",
        "issued_to": "2024-12-31",
    }
    response = client.get(LOG, query)
    assert response.status_code == 200 and response.context["page"] is not None
    assert response.context["filtered"]
    assert client.get(LOG_CSV, query).status_code == 200
    assert list(LogFilter({}).form.fields) == [
        "q",
        "topic",
        "regime",
        "outcome",
        "issued_from",
        "issued_to",
    ]


# --- the case list -------------------------------------------------------------------------

CASES = reverse("casework:case_list")


def test_the_case_list_filters_and_refuses(police_scotland):
    client = signed_in(Role.FOI_OFFICER, "foi")
    mine = officer("mine")
    foisa = make_case(date(2026, 7, 1), officer=mine)
    eirs = make_case(date(2026, 7, 2), regime="eir-s")
    closed = make_case(date(2026, 6, 1), status="closed")

    def listed(query: dict) -> list[str]:
        response = client.get(CASES, query)
        assert response.status_code == 200
        return [row.case.reference for row in response.context["rows"]]

    assert set(listed({})) == {foisa.reference, eirs.reference}  # open cases by default
    assert listed({"status": "closed"}) == [closed.reference]
    assert listed({"regime": "eir-s"}) == [eirs.reference]
    assert listed({"officer": mine.pk}) == [foisa.reference]
    refused(client.get(CASES, {"status": "lost"}), "Choose a status from the list")
    refused(client.get(CASES, {"regime": "gdpr"}), "Choose an Act or regulations from the list")
    refused(client.get(CASES, {"officer": "999999"}), "Choose an officer from the list")
    # The FilterSet orders by deadline.
    cases = CaseFilter({"status": "all"}, InformationRequest.objects.all())
    assert cases.is_valid()
    assert [case.reference for case in cases.qs] == [
        closed.reference,
        foisa.reference,
        eirs.reference,
    ]


# --- the audit trail's search --------------------------------------------------------------

SEARCH = reverse("audit:search")
EXPORT = reverse("audit:export")


def test_the_audit_search_filters_and_refuses():
    client = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    erased = record(Action.ERASURE, record_type="register.custodyepisode", record_id=7)
    record(Action.DISCLOSURE, record_type="register.disclosure", recipient="Home Office")
    shown = client.get(SEARCH, {"action": "erasure"}).context["rows"]
    assert [row.entry.pk for row in shown] == [erased.pk]
    shown = client.get(SEARCH, {"recipient": "home off"}).context["rows"]
    assert [row.entry.action for row in shown] == [Action.DISCLOSURE]
    refused(client.get(SEARCH, {"action": "peek"}), "Choose an action from the list")
    refused(client.get(SEARCH, {"record_type": "x.y"}), "Choose a record type from the list")
    refused(client.get(SEARCH, {"from_time": "09:30"}), "Enter the from date for the from time")
    refused(client.get(SEARCH, {"upto": "-1"}), "The link followed is not a search of the trail")
    export = client.get(EXPORT, {"action": "peek"})
    assert export.status_code == 400
    assert "Action: Choose an action from the list" in export.content.decode()


def test_the_audit_filterset_keeps_the_forms_order_and_pins_the_last_entry():
    first = record(Action.CONSULTATION, record_type="register.person", record_id=1)
    record(Action.CONSULTATION, record_type="register.person", record_id=2)
    search = AuditFilter({"upto": str(first.sequence)}, AuditEntry.objects.all())
    assert search.is_valid()
    assert list(search.qs) == [first]
    assert list(search.form.fields) == [
        "from_date",
        "from_time",
        "to_date",
        "to_time",
        "action",
        "actor",
        "record_type",
        "record_id",
        "recipient",
        "upto",
    ]
