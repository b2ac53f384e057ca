"""An ICCE request's transfer of a person's data abroad is recorded (DPA 2018 Part 3
Chapter 5: recipient country and authority, legal basis s74-s76, date, categories of data,
who authorised), by the ICCE coordinator on a staff form, and logged as a disclosure."""

from datetime import date

import pytest
from casework_helpers import officer
from django.test import Client
from django.urls import reverse
from register_records import one_of_each

from answerable.audit.models import AuditEntry
from answerable.register.models import IcceTransfer
from answerable.register.transfers import record_transfer
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db

VALID = {
    "recipient_country": "PL",
    "recipient_authority": "Krajowy Rejestr Karny (central criminal records authority)",
    "legal_basis": "safeguards_s75",
    "transferred_on": "04/05/2023",
    "categories": ["identity", "nationality"],
    "authorised_by": "Insp 1234",
}


def signed_in(role: Role, division=None, name: str = "icce-coordinator") -> Client:
    user = officer(name)
    assign_role(user, role, division=division)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def made(police_scotland, stations):
    return one_of_each(police_scotland, stations)


def test_the_coordinator_records_a_transfer_and_it_is_logged(made):
    client = signed_in(Role.ICCE, made.icce.division)
    url = reverse("register:icce_transfer", kwargs={"pk": made.icce.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Legal basis for the transfer" in page.content.decode()
    before = AuditEntry.objects.count()
    response = client.post(url, VALID)
    assert response.status_code == 302
    transfer = IcceTransfer.objects.get()
    assert (transfer.recipient_country.code, transfer.legal_basis) == ("PL", "safeguards_s75")
    assert transfer.transferred_on == date(2023, 5, 4)
    assert transfer.categories == "identity,nationality"
    assert transfer.authorised_by == "Insp 1234" and transfer.recorded_by.username == (
        "icce-coordinator"
    )
    entry = AuditEntry.objects.get(sequence__gt=before, action="disclosure")
    assert entry.record_type == "register.iccerequest" and entry.record_id == str(made.icce.pk)
    assert entry.recipient.endswith("(PL)")
    assert entry.purpose == "ICCE transfer abroad: Appropriate safeguards (s75)"
    detail = client.get(response["Location"]).content.decode()
    assert "Transfers abroad (DPA 2018 Part 3 Chapter 5)" in detail
    assert "Poland" in detail and "Insp 1234" in detail


def test_each_missing_or_bad_field_is_named(made):
    client = signed_in(Role.ICCE, made.icce.division)
    url = reverse("register:icce_transfer", kwargs={"pk": made.icce.pk})
    page = client.post(url, {"transferred_on": "01/01/2020"})
    html = page.content.decode()
    assert page.status_code == 400
    for message in (
        "Choose the country the data was sent to",
        "Enter the authority that received the data",
        "Select the legal basis for the transfer",
        "Select the categories of data sent",
        "Enter who authorised the transfer",
        "on or after the day the request was sent (03/05/2023)",
    ):
        assert message in html, message
    assert not IcceTransfer.objects.exists()


def test_who_may_record_one(made):
    url = reverse("register:icce_transfer", kwargs={"pk": made.icce.pk})
    assert signed_in(Role.CUSTODY, made.icce.division, "custody").get(url).status_code == 403
    assert signed_in(Role.ANALYST, name="analyst").get(url).status_code == 403


def test_the_service_refuses_unknown_categories(made):
    with pytest.raises(ValueError, match="categories of data"):
        record_transfer(
            made.icce,
            recipient_country="PL",
            recipient_authority="X",
            legal_basis="special_s76",
            transferred_on=date(2023, 5, 4),
            categories=["shoe size"],
            authorised_by="Insp 1",
        )
