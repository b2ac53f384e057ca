"""Entering an NCCU contact: the person by pseudonym only, and the disclosure it made."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from answerable.core.uk_time import UK
from answerable.register.choices import Channel, InitiatedBy, Purpose, Recipient
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Force,
    NccuContact,
    Person,
    Station,
)
from answerable.register.pseudonym import pseudonymise
from answerable.register.sharing import record_nccu_disclosure

SOURCE_REF = "SRC-PERSON-7731Q"  # distinctive, so any stored copy of it would be found
ADD = reverse("admin:register_nccucontact_add")


def contact_form(centre: Station, /, **values: str) -> dict[str, str]:
    return {
        "reference": "HO-778",
        "contacted_at_0": "2023-05-02",
        "contacted_at_1": "15:30:00",
        "channel": "phone",
        "division": str(centre.division_id),
        "station": str(centre.pk),
        "officer": "PC5678",
        "person_ref": "",
        "person": "",
        "role": "suspect",
        "trigger": "arrested",
        "advice": "",
        "action_taken": "",
        "custody_episode": "",
        "disclosure": "",
        "notes": "",
        **values,
    }


def rows_text() -> str:
    """Every stored value of the tables the entry writes to, and of the admin log."""
    querysets = [
        Person.objects.all(),
        Person.history.all(),
        NccuContact.objects.all(),
        NccuContact.history.all(),
        Disclosure.objects.all(),
        Disclosure.history.all(),
        LogEntry.objects.all(),
    ]
    return repr([list(qs.values()) for qs in querysets])


@pytest.mark.django_db
def test_add_contact_stores_only_the_pseudonym_and_records_the_disclosure(
    admin_client: Client,
    admin_user: AbstractUser,
    stations: dict[str, Station],
    police_scotland: Force,
) -> None:
    govan = stations["Govan"]
    response = admin_client.post(ADD, contact_form(govan, person_ref=SOURCE_REF))
    assert response.status_code == 302, response.context["adminform"].form.errors
    # Hidden from Django's error reports, like a password.
    assert response.wsgi_request.sensitive_post_parameters == ("person_ref",)

    contact = NccuContact.objects.get()
    expected = pseudonymise(SOURCE_REF, force="Police Scotland", key=settings.PSEUDONYM_KEY)
    assert contact.person.pseudonym == expected
    assert SOURCE_REF not in rows_text()
    assert SOURCE_REF.lower() not in rows_text().lower()

    disclosure = contact.disclosure
    assert disclosure is not None
    assert disclosure.disclosure_ref == f"NCCU-{contact.pk}"
    assert disclosure.force == police_scotland
    assert disclosure.division == govan.division
    assert disclosure.person == contact.person
    assert disclosure.recipient == Recipient.HOIE_NCCU
    assert disclosure.purpose == Purpose.STATUS_CHECK
    assert disclosure.channel == Channel.PHONE
    assert disclosure.initiated_by == InitiatedBy.POLICE
    assert disclosure.role == "suspect"
    assert disclosure.disclosed_at == datetime(2023, 5, 2, 15, 30, tzinfo=UK)
    assert disclosure.disclosed_on.isoformat() == "2023-05-02"
    assert disclosure.sex is None  # not recorded, never guessed

    # Both steps are in the history, by the staff user, the link with its reason.
    created, linked = contact.history.order_by("history_date")
    assert created.history_user == linked.history_user == admin_user
    assert created.disclosure is None
    assert linked.history_change_reason == f"Linked to disclosure NCCU-{contact.pk}"
    assert disclosure.history.get().history_user == admin_user


@pytest.mark.django_db
def test_same_identifier_finds_the_same_person(
    admin_client: Client, stations: dict[str, Station]
) -> None:
    for reference in ("HO-1", "HO-2"):
        form = contact_form(stations["Govan"], person_ref=f"  {SOURCE_REF} ", reference=reference)
        assert admin_client.post(ADD, form).status_code == 302
    assert Person.objects.count() == 1
    assert NccuContact.objects.filter(person__isnull=False).count() == 2


@pytest.mark.django_db
def test_victim_contact_by_email_is_a_referral(
    admin_client: Client, stations: dict[str, Station]
) -> None:
    form = contact_form(
        stations["Govan"], role="victim", trigger="victim_or_witness", channel="email"
    )
    assert admin_client.post(ADD, form).status_code == 302
    disclosure = NccuContact.objects.get().disclosure
    assert disclosure.purpose == Purpose.REFERRAL
    assert disclosure.channel == Channel.EMAIL
    assert disclosure.person is None


@pytest.mark.django_db
def test_disclosure_takes_the_persons_attributes_from_the_custody_episode(
    admin_client: Client, stations: dict[str, Station], police_scotland: Force
) -> None:
    govan = stations["Govan"]
    episode = CustodyEpisode.objects.create(
        force=police_scotland,
        custody_ref="NCS-1",
        station=govan,
        arrived_at=datetime(2023, 5, 2, 12, 0, tzinfo=UK),
        detention_basis="other",
        sex="female",
        age=16,
        disability="yes",
        nationality="AL",
    )
    form = contact_form(govan, custody_episode=str(episode.pk))
    assert admin_client.post(ADD, form).status_code == 302
    disclosure = NccuContact.objects.get().disclosure
    assert disclosure.custody_episode == episode
    assert disclosure.custody_ref == "NCS-1"
    assert (disclosure.sex, disclosure.age, disclosure.disability) == ("female", 16, "yes")
    assert disclosure.nationality.code == "AL"


@pytest.mark.django_db
def test_changing_a_contact_keeps_its_one_disclosure(
    admin_client: Client, stations: dict[str, Station]
) -> None:
    assert admin_client.post(ADD, contact_form(stations["Govan"])).status_code == 302
    contact = NccuContact.objects.get()
    change = reverse("admin:register_nccucontact_change", args=[contact.pk])
    form = contact_form(stations["Govan"], advice="no_trace", disclosure=str(contact.disclosure_id))
    assert admin_client.post(change, form).status_code == 302
    assert Disclosure.objects.count() == 1
    assert record_nccu_disclosure(NccuContact.objects.get()) is None


@pytest.mark.django_db
def test_contact_without_division_uses_the_installations_force(
    admin_client: Client, stations: dict[str, Station], police_scotland: Force
) -> None:
    form = contact_form(stations["Govan"], division="", station="", person_ref=SOURCE_REF)
    assert admin_client.post(ADD, form).status_code == 302
    contact = NccuContact.objects.get()
    assert contact.disclosure.force == police_scotland
    assert contact.person.pseudonym == pseudonymise(
        SOURCE_REF, force=settings.ANSWERABLE_FORCE, key=settings.PSEUDONYM_KEY
    )


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 5, 12, tzinfo=UTC), tick=False)
def test_contact_validation(admin_client: Client, stations: dict[str, Station]) -> None:
    form = contact_form(
        stations["Govan"],
        contacted_at_0="2026-12-07",
        station=str(stations["Ayr"].pk),  # Ayrshire, not Greater Glasgow
    )
    response = admin_client.post(ADD, form)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "in the future" in errors["contacted_at"][0]
    assert "is not a custody centre of" in errors["station"][0]
    assert not Person.objects.exists()
    assert not NccuContact.objects.exists()


@pytest.mark.django_db
def test_identifier_and_chosen_person_must_agree(
    admin_client: Client, stations: dict[str, Station]
) -> None:
    someone = Person.objects.create(pseudonym="c" * 32)
    form = contact_form(stations["Govan"], person_ref=SOURCE_REF, person=str(someone.pk))
    response = admin_client.post(ADD, form)
    assert "different person" in response.context["adminform"].form.errors["person_ref"][0]
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_add_page_explains_the_identifier(admin_client: Client) -> None:
    page = admin_client.get(ADD).content.decode()
    assert 'name="person_ref"' in page
    assert "Only a keyed pseudonym of it is stored" in page
