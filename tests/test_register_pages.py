"""The register's staff pages (issue 6): lists, record pages, entry and correction forms.

Two divisions, Greater Glasgow (G, custody centre Govan) and Ayrshire (U, Ayr), each with a
custody episode, an NCCU contact and its disclosure, and an ICCE request, all of one person.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from casework_helpers import officer
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse
from register_pages_support import (  # noqa: F401
    DPO_REASON,
    World,
    custody,
    dpo,
    nccu_form,
    shown,
    signed_in,
    world,
)

from answerable.audit.models import AuditEntry
from answerable.core.uk_time import UK
from answerable.register.choices import (
    CustodyOutcome,
    DetentionBasis,
    DocumentKind,
    DocumentStatus,
    Purpose,
    Recipient,
    Role,
    YesNo,
)
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Document,
    DocumentVersion,
    IcceRequest,
    NccuContact,
    Station,
)
from answerable.roles.assign import assign_role
from answerable.roles.roles import ROLES
from answerable.roles.roles import Role as StaffRole

# --- Who may open what -------------------------------------------------------------------


R = StaffRole
# Who may open each page (issue 6); everyone else is refused with 403.
ALLOWED: dict[str, set[StaffRole]] = {
    "register:index": {R.CUSTODY, R.ICCE, R.DATA_PROTECTION_OFFICER},
    "register:custody_list": {R.CUSTODY, R.DATA_PROTECTION_OFFICER},
    "register:custody_detail": {R.CUSTODY, R.DATA_PROTECTION_OFFICER},
    "register:custody_edit": {R.CUSTODY},
    "register:nccu_list": {R.CUSTODY, R.DATA_PROTECTION_OFFICER},
    "register:nccu_new": {R.CUSTODY},
    "register:nccu_detail": {R.CUSTODY, R.DATA_PROTECTION_OFFICER},
    "register:nccu_edit": {R.CUSTODY},
    "register:disclosure_list": {R.CUSTODY, R.ICCE, R.DATA_PROTECTION_OFFICER},
    "register:disclosure_detail": {R.CUSTODY, R.ICCE, R.DATA_PROTECTION_OFFICER},
    "register:icce_list": {R.ICCE, R.DATA_PROTECTION_OFFICER},
    "register:icce_new": {R.ICCE},
    "register:icce_detail": {R.ICCE, R.DATA_PROTECTION_OFFICER},
    "register:icce_edit": {R.ICCE},
    "register:person_detail": {R.DATA_PROTECTION_OFFICER},
}


def every_register_url(world: World) -> dict[str, str]:
    g = world.g
    pks = {
        "custody": g.episode.pk,
        "nccu": g.contact.pk,
        "disclosure": g.disclosure.pk,
        "icce": g.icce.pk,
        "person": world.person.pk,
    }
    urls = {}
    for name in ALLOWED:
        kind, _, page = name.removeprefix("register:").partition("_")
        takes_pk = page in ("detail", "edit")
        urls[name] = reverse(name, kwargs={"pk": pks[kind]} if takes_pk else None)
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(StaffRole), ids=str)
def test_each_role_opens_exactly_its_register_pages(world: World, role: StaffRole) -> None:
    division = world.g.division if ROLES[role].by_division else None
    client = signed_in(role, division)
    wrong = []
    for name, url in every_register_url(world).items():
        status = client.get(url).status_code
        if status != (200 if role in ALLOWED[name] else 403):
            wrong.append(f"{name}: {status}")
    assert not wrong, wrong


@pytest.mark.django_db
@pytest.mark.parametrize("role", [StaffRole.FOI_OFFICER, StaffRole.ANALYST])
def test_foi_officers_and_analysts_are_refused_every_register_page(
    world: World, role: StaffRole
) -> None:
    client = signed_in(role)
    for url in every_register_url(world).values():
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert not AuditEntry.objects.filter(action="consultation").exists()


@pytest.mark.django_db
def test_not_signed_in_is_sent_to_sign_in(world: World) -> None:
    for url in every_register_url(world).values():
        response = Client().get(url)
        assert response.status_code == 302, url
        assert reverse("web:login") in response["Location"]


@pytest.mark.django_db
def test_the_index_offers_only_the_sections_a_role_opens(world: World) -> None:
    page = custody(world).get(reverse("register:index"))
    titles = [section.title for section in page.context["sections"]]
    assert titles == ["Custody episodes", "NCCU contacts", "Disclosures to the Home Office"]
    assert [title for title, _ in page.context["entries"]] == ["Record an NCCU contact"]

    icce = signed_in(StaffRole.ICCE, world.g.division).get(reverse("register:index"))
    assert [s.title for s in icce.context["sections"]] == [
        "Disclosures to the Home Office",
        "ICCE requests",
    ]
    assert [title for title, _ in icce.context["entries"]] == ["Record an ICCE request"]
    assert dpo().get(reverse("register:index")).context["entries"] == []


# --- Division limiting -------------------------------------------------------------------


LISTS = [
    ("register:custody_list", "episode"),
    ("register:nccu_list", "contact"),
    ("register:disclosure_list", "disclosure"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "attribute"), LISTS)
def test_a_divisional_list_holds_only_the_users_division(
    world: World, name: str, attribute: str
) -> None:
    ours, theirs = getattr(world.g, attribute), getattr(world.u, attribute)
    assert shown(custody(world).get(reverse(name))) == [ours]
    assert set(shown(dpo().get(reverse(name)))) == {ours, theirs}


@pytest.mark.django_db
def test_the_icce_list_holds_only_the_coordinators_division(world: World) -> None:
    client = signed_in(StaffRole.ICCE, world.u.division)
    assert shown(client.get(reverse("register:icce_list"))) == [world.u.icce]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("detail", "edit", "attribute"),
    [
        ("register:custody_detail", "register:custody_edit", "episode"),
        ("register:nccu_detail", "register:nccu_edit", "contact"),
    ],
)
def test_custody_staff_cannot_see_or_correct_another_divisions_record(
    world: World, detail: str, edit: str, attribute: str
) -> None:
    client = custody(world, "g")
    theirs = getattr(world.u, attribute)
    before = theirs.updated_at
    assert client.get(reverse(detail, kwargs={"pk": theirs.pk})).status_code == 403
    assert client.get(reverse(edit, kwargs={"pk": theirs.pk})).status_code == 403
    posted = client.post(reverse(edit, kwargs={"pk": theirs.pk}), {"reason": "x"})
    assert posted.status_code == 403
    theirs.refresh_from_db()
    assert theirs.updated_at == before
    # Their own division's record opens.
    ours = getattr(world.g, attribute)
    assert client.get(reverse(detail, kwargs={"pk": ours.pk})).status_code == 200
    assert client.get(reverse(edit, kwargs={"pk": ours.pk})).status_code == 200


@pytest.mark.django_db
def test_the_icce_coordinator_cannot_open_another_divisions_request(world: World) -> None:
    client = signed_in(StaffRole.ICCE, world.g.division)
    theirs = reverse("register:icce_edit", kwargs={"pk": world.u.icce.pk})
    assert (
        client.get(reverse("register:icce_detail", kwargs={"pk": world.u.icce.pk})).status_code
        == 403
    )
    assert client.get(theirs).status_code == 403


@pytest.mark.django_db
def test_a_divisional_user_without_a_division_sees_nothing(world: World) -> None:
    user = officer("no-division")
    assign_role(user, StaffRole.CUSTODY, division=world.g.division)
    user.staff_profile.division = None
    user.staff_profile.save()
    client = Client()
    client.force_login(user)
    listing = client.get(reverse("register:custody_list"))
    assert listing.status_code == 200 and shown(listing) == []
    assert "no division set" in listing.content.decode()
    episode = reverse("register:custody_detail", kwargs={"pk": world.g.episode.pk})
    assert client.get(episode).status_code == 403
    assert client.get(reverse("register:nccu_new")).status_code == 403


@pytest.mark.django_db
def test_a_persons_page_is_for_force_wide_readers_only(world: World) -> None:
    url = reverse("register:person_detail", kwargs={"pk": world.person.pk})
    assert custody(world).get(url).status_code == 403
    page = dpo().post(url, DPO_REASON)  # the DPO states why (tests/test_register_dpo_reason.py)
    assert page.status_code == 200
    gathered = {
        linked.reference for section in page.context["sections"] for linked in section.records
    }
    assert gathered == {
        str(record)
        for side in (world.g, world.u)
        for record in (side.episode, side.contact, side.disclosure, side.icce)
    }
    assert world.person.pseudonym[:12] in page.content.decode()
    assert world.person.pseudonym not in page.content.decode()  # the short form only


@pytest.mark.django_db
def test_a_record_page_links_only_records_the_user_may_open(world: World) -> None:
    url = reverse("register:custody_detail", kwargs={"pk": world.g.episode.pk})
    page = custody(world).get(url)
    titles = {section.title: section.records for section in page.context["sections"]}
    assert [linked.reference for linked in titles["NCCU contacts"]] == ["NCCU-REF-2"]
    assert [linked.reference for linked in titles["Disclosures"]] == [str(world.g.disclosure)]
    assert titles["ICCE requests"] == []  # custody staff do not see ICCE requests
    person_row = next(row for row in page.context["rows"] if row.label == "Person")
    assert person_row.url == ""  # no person's page for a divisional user
    dpo_page = dpo().post(url, DPO_REASON)
    person_row = next(row for row in dpo_page.context["rows"] if row.label == "Person")
    assert person_row.url == reverse("register:person_detail", kwargs={"pk": world.person.pk})


# --- Lists: filters, search, pages -------------------------------------------------------


@pytest.mark.django_db
def test_custody_list_filters(world: World, stations: dict[str, Station]) -> None:
    client = dpo()
    url = reverse("register:custody_list")
    g, u = world.g.episode, world.u.episode
    u.outcome = CustodyOutcome.CHARGED
    u.sex = None
    u.save()
    cases = {
        "date_from=2023-05-03": [u],
        "date_to=2023-05-03": [g],
        "date_from=2023-05-02&date_to=2023-05-02": [g],
        f"station={stations['Ayr'].pk}": [u],
        f"division={world.g.division.pk}": [g],
        "detention_basis=immigration_powers": [u, g],
        "detention_basis=other": [],
        "sex=male": [g],
        "sex=not_recorded": [u],
        "outcome=charged": [u],
        "outcome=not_recorded": [g],
    }
    for query, expected in cases.items():
        assert shown(client.get(f"{url}?{query}")) == expected, query


@pytest.mark.django_db
def test_lists_search_by_exact_reference(world: World) -> None:
    client = dpo()
    searches = [
        ("register:custody_list", "ncs-2023-000004", world.u.episode),  # typed in lower case
        ("register:nccu_list", "nccu-ref-2", world.g.contact),
        ("register:disclosure_list", world.u.disclosure.disclosure_ref, world.u.disclosure),
        ("register:icce_list", "icce-2023-2", world.g.icce),
    ]
    for name, reference, expected in searches:
        assert shown(client.get(reverse(name), {"reference": reference})) == [expected], name
    assert shown(client.get(reverse("register:custody_list"), {"reference": "NCS-2023"})) == []


@pytest.mark.django_db
def test_other_lists_filter_by_their_own_fields(world: World) -> None:
    client = dpo()
    world.u.contact.role = Role.VICTIM
    world.u.contact.save()
    assert shown(client.get(reverse("register:nccu_list"), {"role": "victim"})) == [world.u.contact]
    assert shown(client.get(reverse("register:nccu_list"), {"crime_type": "not_recorded"})) == [
        world.u.contact,
        world.g.contact,
    ]
    disclosures = reverse("register:disclosure_list")
    assert shown(client.get(disclosures, {"purpose": Purpose.STATUS_CHECK})) == [
        world.u.disclosure,
        world.g.disclosure,
    ]
    assert shown(client.get(disclosures, {"purpose": Purpose.REFERRAL})) == []
    assert shown(client.get(disclosures, {"division": world.u.division.pk})) == [world.u.disclosure]
    world.g.icce.result = "no_trace"
    world.g.icce.save()
    icce = reverse("register:icce_list")
    assert shown(client.get(icce, {"result": "no_trace"})) == [world.g.icce]
    assert shown(client.get(icce, {"date_to": "2023-05-04"})) == [world.g.icce]


@pytest.mark.django_db
def test_a_period_that_ends_before_it_starts_is_an_error(world: World) -> None:
    page = dpo().get(
        reverse("register:custody_list"), {"date_from": "2023-06-01", "date_to": "2023-05-01"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in text
    assert "The end of the period cannot come before its start." in text
    assert page.context["page"] is None


@pytest.mark.django_db
def test_lists_are_paged_by_50_newest_first(world: World) -> None:
    first = datetime(2024, 1, 1, 8, 0, tzinfo=UK)
    for n in range(51):
        CustodyEpisode.objects.create(
            force=world.g.episode.force,
            custody_ref=f"NCS-2024-{n:06d}",
            division=world.g.division,
            station=world.g.station,
            arrived_at=first + timedelta(hours=7 * n),
            detention_basis=DetentionBasis.OTHER,
        )
    client = custody(world)
    url = reverse("register:custody_list")
    page_one = client.get(url)
    refs = [episode.custody_ref for episode in shown(page_one)]
    assert len(refs) == 50
    assert refs[0] == "NCS-2024-000050"  # the newest
    arrivals = [episode.arrived_at for episode in shown(page_one)]
    assert arrivals == sorted(arrivals, reverse=True)
    page_two = client.get(url, {"page": 2})
    assert [episode.custody_ref for episode in shown(page_two)] == [
        "NCS-2024-000000",
        world.g.episode.custody_ref,
    ]
    assert 'rel="next"' in page_one.content.decode()


# --- Record pages and the audit trail ----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "attribute", "model_label"),
    [
        ("register:custody_detail", "episode", "register.custodyepisode"),
        ("register:nccu_detail", "contact", "register.nccucontact"),
        ("register:disclosure_detail", "disclosure", "register.disclosure"),
    ],
)
def test_a_record_page_logs_one_consultation_by_its_user(
    world: World, name: str, attribute: str, model_label: str
) -> None:
    record = getattr(world.g, attribute)
    client = custody(world, name="pc-reader")
    before = AuditEntry.objects.count()
    page = client.get(reverse(name, kwargs={"pk": record.pk}))
    assert page.status_code == 200
    entries = list(AuditEntry.objects.filter(sequence__gt=before))
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.action, entry.actor, entry.record_type, entry.record_id, entry.purpose) == (
        "consultation",
        "pc-reader",
        model_label,
        str(record.pk),
        "record page",
    )


@pytest.mark.django_db
def test_a_refused_record_page_logs_nothing(world: World) -> None:
    before = AuditEntry.objects.count()
    url = reverse("register:custody_detail", kwargs={"pk": world.u.episode.pk})
    assert custody(world, "g").get(url).status_code == 403
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_the_person_and_icce_pages_log_their_consultation(world: World) -> None:
    before = AuditEntry.objects.count()
    dpo().post(reverse("register:person_detail", kwargs={"pk": world.person.pk}), DPO_REASON)
    signed_in(StaffRole.ICCE, world.g.division).get(
        reverse("register:icce_detail", kwargs={"pk": world.g.icce.pk})
    )
    logged = AuditEntry.objects.filter(sequence__gt=before, action="consultation")
    assert sorted(logged.values_list("record_type", "record_id")) == [
        ("register.iccerequest", str(world.g.icce.pk)),
        ("register.person", str(world.person.pk)),
    ]


@pytest.mark.django_db
def test_a_list_page_logs_the_records_it_showed(world: World) -> None:
    before = AuditEntry.objects.count()
    custody(world, name="lister").get(reverse("register:custody_list"), {"sex": "male"})
    entry = AuditEntry.objects.get(sequence__gt=before)
    assert (entry.action, entry.actor, entry.record_type) == (
        "consultation",
        "lister",
        "register.custodyepisode",
    )
    assert f'"records":[{world.g.episode.pk}]' in entry.detail
    assert '"sex":"male"' in entry.detail


@pytest.mark.django_db
def test_a_record_page_shows_every_field_and_not_recorded(world: World) -> None:
    url = reverse("register:custody_detail", kwargs={"pk": world.g.episode.pk})
    page = dpo().post(url, DPO_REASON)
    rows = {row.label: row.value for row in page.context["rows"]}
    assert rows["Custody reference"] == "NCS-2023-000002"
    assert rows["Station"] == "Govan"
    assert rows["Arrived"] == "2 May 2023, 14:05"
    assert rows["Detention basis"] == "Held under UK immigration legislation powers"
    assert rows["Time in custody"] == "19h 35m"
    assert rows["Outcome"] == "Not recorded"
    assert rows["Self-declared nationality"] == "Not recorded"
    assert "govuk-summary-list" in page.content.decode()


@pytest.mark.django_db
def test_a_disclosure_page_links_the_contact_that_made_it(world: World) -> None:
    url = reverse("register:disclosure_detail", kwargs={"pk": world.g.disclosure.pk})
    page = custody(world).get(url)
    made_by = next(s for s in page.context["sections"] if s.title == "Made by")
    assert [linked.url for linked in made_by.records] == [
        reverse("register:nccu_detail", kwargs={"pk": world.g.contact.pk})
    ]


# --- Recording an NCCU contact -----------------------------------------------------------


@pytest.mark.django_db
def test_recording_an_nccu_contact_records_its_disclosure(world: World) -> None:
    client = custody(world, name="pc-entry")
    response = client.post(reverse("register:nccu_new"), nccu_form(world.g.station), follow=True)
    contact = NccuContact.objects.get(reference="NCCU-NEW-1")
    assert response.redirect_chain[-1][0] == reverse(
        "register:nccu_detail", kwargs={"pk": contact.pk}
    )
    assert contact.division == world.g.division  # the officer's, never chosen
    assert contact.contacted_at == datetime(2024, 3, 5, 22, 15, tzinfo=UK)
    disclosure = contact.disclosure
    assert disclosure is not None
    assert (disclosure.recipient, disclosure.purpose, disclosure.division) == (
        Recipient.HOIE_NCCU,
        Purpose.REFERRAL,  # a victim referred by phone
        world.g.division,
    )
    assert (disclosure.sex, disclosure.age, disclosure.crime_type) == (
        "female",
        34,
        "domestic_abuse",
    )
    assert disclosure.disclosed_at == contact.contacted_at
    assert contact.history.earliest().history_user.username == "pc-entry"
    text = response.content.decode()
    assert "govuk-notification-banner--success" in text
    assert disclosure.disclosure_ref in text


@pytest.mark.django_db
def test_a_contact_whose_disclosure_fails_is_not_saved(world: World, monkeypatch) -> None:
    def refuse(contact: NccuContact) -> None:
        raise RuntimeError("the disclosure register is unavailable")

    monkeypatch.setattr("answerable.register.views.entries.record_nccu_disclosure", refuse)
    with pytest.raises(RuntimeError):
        custody(world).post(reverse("register:nccu_new"), nccu_form(world.g.station))
    assert not NccuContact.objects.filter(reference="NCCU-NEW-1").exists()


@pytest.mark.django_db
def test_an_nccu_contact_links_the_person_by_their_identifier(world: World) -> None:
    client = custody(world)
    data = nccu_form(world.g.station, person_ref="CHS-991")
    client.post(reverse("register:nccu_new"), data)
    contact = NccuContact.objects.get(reference="NCCU-NEW-1")
    assert contact.person is not None
    assert contact.disclosure.person == contact.person
    assert "CHS-991" not in contact.person.pseudonym


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 12, 5, 12, tzinfo=UTC), tick=False)
def test_an_invalid_nccu_contact_is_shown_again_and_nothing_is_saved(world: World) -> None:
    client = custody(world)
    tomorrow = "2026-12-07"
    other_division = world.u.station
    data = nccu_form(other_division, contacted_at_date=tomorrow, role="")
    contacts, disclosures = NccuContact.objects.count(), Disclosure.objects.count()
    page = client.post(reverse("register:nccu_new"), data)
    text = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in text
    assert "A contact cannot be in the future." in text
    assert "Select a valid choice" in text  # a custody centre of another division
    assert set(page.context["form"].errors) >= {"contacted_at_date", "station", "role"}
    assert "Select the person&#x27;s role" in text
    assert (NccuContact.objects.count(), Disclosure.objects.count()) == (contacts, disclosures)


@pytest.mark.django_db
def test_a_date_without_its_time_is_an_error(world: World) -> None:
    page = custody(world).post(
        reverse("register:nccu_new"), nccu_form(world.g.station, contacted_at_time="")
    )
    assert "contacted_at_time" in page.context["form"].errors


# --- Corrections and two people at once --------------------------------------------------


def opened(client: Client, url: str) -> dict[str, Any]:
    """The edit form's values as the browser would post them back."""
    form = client.get(url).context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(item) for item in value]  # a multiple choice: one value each
        else:
            data[name] = "" if value is None else str(value)
    return data


@pytest.mark.django_db
def test_a_correction_is_saved_with_its_reason_in_the_history(world: World) -> None:
    client = custody(world, name="pc-corrector")
    episode = world.g.episode
    url = reverse("register:custody_edit", kwargs={"pk": episode.pk})
    data = opened(client, url)
    data.update(outcome="immigration_bail", age="28", reason="Age misread from the custody record")
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "register:custody_detail", kwargs={"pk": episode.pk}
    )
    episode.refresh_from_db()
    assert (episode.outcome, episode.age) == ("immigration_bail", 28)
    assert episode.arrived_at == datetime(2023, 5, 2, 14, 5, tzinfo=UK)  # kept as it was
    latest = episode.history.latest("history_date")
    assert latest.history_change_reason == "Age misread from the custody record"
    assert latest.history_user.username == "pc-corrector"
    text = response.content.decode()
    assert "Age misread from the custody record" in text
    versions = response.context["versions"]
    assert versions[0].who == "pc-corrector"
    changes = {change.field: (change.before, change.after) for change in versions[0].changes}
    assert changes == {
        "Age (years)": ("27", "28"),
        "Outcome": ("Not recorded", "Released on immigration bail"),
    }


@pytest.mark.django_db
def test_a_correction_needs_a_reason(world: World) -> None:
    client = custody(world)
    url = reverse("register:custody_edit", kwargs={"pk": world.g.episode.pk})
    data = opened(client, url)
    data.update(age="40", reason="")
    page = client.post(url, data)
    assert page.status_code == 200 and "reason" in page.context["form"].errors
    world.g.episode.refresh_from_db()
    assert world.g.episode.age == 27


@pytest.mark.django_db
def test_release_before_arrival_is_refused(world: World) -> None:
    client = custody(world)
    url = reverse("register:custody_edit", kwargs={"pk": world.g.episode.pk})
    data = opened(client, url)
    data.update(released_at_date="2023-05-01", reason="Release time corrected")
    page = client.post(url, data)
    assert "Release cannot come before arrival." in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "attribute", "field", "first", "second"),
    [
        ("register:custody_edit", "episode", "age", "30", "31"),
        ("register:nccu_edit", "contact", "officer", "PC1111", "PC2222"),
    ],
)
def test_the_second_of_two_concurrent_corrections_is_refused(
    world: World, name: str, attribute: str, field: str, first: str, second: str
) -> None:
    record = getattr(world.g, attribute)
    url = reverse(name, kwargs={"pk": record.pk})
    alice, bob = custody(world, name="alice"), custody(world, name="bob")
    alices, bobs = opened(alice, url), opened(bob, url)  # both open the same version

    alices.update({field: first, "reason": "Alice's correction"})
    assert alice.post(url, alices).status_code == 302

    bobs.update({field: second, "reason": "Bob's correction"})
    page = bob.post(url, bobs)
    assert page.status_code == 200
    text = page.content.decode()
    record.refresh_from_db()
    saved_at = record.updated_at.astimezone(UK).strftime("%H:%M")
    assert (
        f"This record was changed by someone else at {saved_at} after you opened it; their "
        "version is shown below, check and correct again"
    ) in text
    assert "govuk-error-summary" in text
    assert str(getattr(record, field)) == first  # Alice's is kept
    reasons = [v.history_change_reason for v in record.history.all()]
    assert "Alice's correction" in reasons and "Bob's correction" not in reasons
    # Alice's version is shown below, and Bob's form keeps what he typed, now on her version.
    assert first in [row.value for row in page.context["stored_rows"]]
    form = page.context["form"]
    assert form[field].value() == second
    assert form["updated_at"].value() == record.updated_at.isoformat()

    # Having seen it, Bob may save again.
    again = {**bobs, "updated_at": record.updated_at.isoformat()}
    assert bob.post(url, again).status_code == 302
    record.refresh_from_db()
    assert str(getattr(record, field)) == second


@pytest.mark.django_db
def test_a_correction_without_its_version_is_refused(world: World) -> None:
    client = custody(world)
    url = reverse("register:custody_edit", kwargs={"pk": world.g.episode.pk})
    data = opened(client, url)
    data.update(updated_at="", age="50", reason="Age")
    page = client.post(url, data)
    assert page.status_code == 200
    assert "no longer says which version" in page.content.decode()
    world.g.episode.refresh_from_db()
    assert world.g.episode.age == 27


@pytest.mark.django_db
def test_correcting_an_nccu_contact_keeps_its_division_and_disclosure(world: World) -> None:
    client = custody(world)
    contact = world.g.contact
    url = reverse("register:nccu_edit", kwargs={"pk": contact.pk})
    data = opened(client, url)
    data.update(notes="Officer's notes corrected", reason="Notes were incomplete")
    assert client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.notes == "Officer's notes corrected"
    assert (contact.division, contact.disclosure) == (world.g.division, world.g.disclosure)
    assert contact.history.latest("history_date").history_change_reason == "Notes were incomplete"


# --- ICCE requests -----------------------------------------------------------------------


@pytest.fixture
def criteria(db) -> DocumentVersion:
    document = Document.objects.create(
        reference="HH-CRIT", title="High-harm criteria", kind=DocumentKind.HIGH_HARM_CRITERIA
    )
    return DocumentVersion.objects.create(
        document=document, version="1.0", status=DocumentStatus.FINAL, dated=date(2022, 1, 1)
    )


@pytest.mark.django_db
def test_the_icce_coordinator_records_a_referral_and_its_disclosure(
    world: World, criteria: DocumentVersion
) -> None:
    client = signed_in(StaffRole.ICCE, world.u.division, "icce-coordinator")
    data = {
        "reference": "ICCE-2024-1",
        "sent_on": "2024-02-01",
        "returned_on": "2024-02-20",
        "countries": ["FR", "PL"],
        "result": "convictions_returned",
        "high_harm": "yes",
        "high_harm_basis": "foreign_convictions",
        "criteria": str(criteria.pk),
        "referred_to_hoie": "yes",
        "referred_on": "2024-02-22",
        "referral_consideration": "deportation",
    }
    response = client.post(reverse("register:icce_new"), data)
    assert response.status_code == 302, response.context["form"].errors
    icce = IcceRequest.objects.get(reference="ICCE-2024-1")
    assert icce.division == world.u.division
    disclosure = icce.referral_disclosure
    assert disclosure is not None and disclosure.purpose == Purpose.ICCE_HIGH_HARM
    assert disclosure.division == world.u.division


@pytest.mark.django_db
def test_the_icce_coordinator_updates_a_request(world: World, criteria: DocumentVersion) -> None:
    client = signed_in(StaffRole.ICCE, world.g.division)
    icce = world.g.icce
    url = reverse("register:icce_edit", kwargs={"pk": icce.pk})
    data = opened(client, url)
    data.update(
        returned_on="2023-05-20",
        result="convictions_returned",
        high_harm="no",
        criteria=str(criteria.pk),
        reason="Reply received",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    icce.refresh_from_db()
    assert (icce.result, icce.returned_on, icce.high_harm) == (
        "convictions_returned",
        date(2023, 5, 20),
        YesNo.NO,
    )
    assert icce.referral_disclosure is None  # not referred: nothing was shared
    assert icce.history.latest("history_date").history_change_reason == "Reply received"


# --- The administration site -------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_logs_a_consultation_when_a_persons_record_is_opened(
    world: World, admin_client: Client, admin_user: AbstractUser
) -> None:
    before = AuditEntry.objects.count()
    episode = reverse("admin:register_custodyepisode_change", args=[world.g.episode.pk])
    person = reverse("admin:register_person_change", args=[world.person.pk])
    station = reverse("admin:register_station_change", args=[world.g.station.pk])
    for url in (episode, person, station):
        assert admin_client.get(url).status_code == 200
    logged = AuditEntry.objects.filter(sequence__gt=before)
    assert sorted(logged.values_list("action", "actor", "record_type", "record_id")) == [
        ("consultation", admin_user.username, "register.custodyepisode", str(world.g.episode.pk)),
        ("consultation", admin_user.username, "register.person", str(world.person.pk)),
    ]
