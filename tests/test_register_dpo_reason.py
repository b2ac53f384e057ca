"""The data protection officer opens a person's record only with a stated reason, given on a
form before anything of the record is shown; the reason is kept in the consultation's audit
entry. Other roles open the records their work needs directly. Record pages show the
Schedule 8 condition for each special-category field (register/special_category.py)."""

import pytest
from casework_helpers import officer
from django.test import Client
from django.urls import reverse
from register_records import one_of_each

from answerable.audit.models import AuditEntry
from answerable.register.special_category import SPECIAL_CATEGORIES
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


def signed_in(role: Role, name: str, division=None) -> Client:
    user = officer(name)
    assign_role(user, role, division=division)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def made(police_scotland, stations):
    return one_of_each(police_scotland, stations)


def consultations(before: int):
    return AuditEntry.objects.filter(sequence__gt=before, action="consultation")


def test_the_form_comes_first_and_nothing_is_shown_or_logged(made):
    url = reverse("register:person_detail", kwargs={"pk": made.person.pk})
    before = AuditEntry.objects.count()
    page = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo").get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Why are you opening" in html and 'name="reason"' in html
    assert made.person.pseudonym[:12] not in html and "rows" not in page.context
    assert not consultations(before).exists()


def test_a_missing_reason_is_an_error_naming_the_field(made):
    url = reverse("register:person_detail", kwargs={"pk": made.person.pk})
    before = AuditEntry.objects.count()
    page = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo").post(url, {"details": "x"})
    html = page.content.decode()
    assert page.status_code == 400
    assert "Select why you are opening this record" in html
    assert "Enter at least 5 characters" in html
    assert made.person.pseudonym[:12] not in html
    assert not consultations(before).exists()


def test_with_a_reason_the_record_opens_and_the_reason_is_audited(made):
    url = reverse("register:person_detail", kwargs={"pk": made.person.pk})
    before = AuditEntry.objects.count()
    page = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo").post(
        url, {"reason": "subject_access", "details": "SAR-2026-0042"}
    )
    assert page.status_code == 200
    assert made.person.pseudonym[:12] in page.content.decode()
    entry = consultations(before).get()
    assert (entry.actor, entry.record_type, entry.record_id) == (
        "dpo",
        "register.person",
        str(made.person.pk),
    )
    assert entry.purpose == "data protection officer: subject_access"
    assert '"reason":"SAR-2026-0042"' in entry.detail


def test_every_record_page_asks_the_dpo(made):
    client = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    for name, record in (
        ("custody_detail", made.episode),
        ("disclosure_detail", made.disclosure),
        ("nccu_detail", made.contact),
        ("icce_detail", made.icce),
    ):
        html = client.get(reverse(f"register:{name}", kwargs={"pk": record.pk})).content.decode()
        assert "Why are you opening" in html, name


def test_other_roles_open_their_records_directly(made):
    client = signed_in(Role.ICCE, "icce-officer", division=made.icce.division)
    url = reverse("register:icce_detail", kwargs={"pk": made.icce.pk})
    page = client.get(url)
    assert page.status_code == 200 and "rows" in page.context


def test_the_schedule_8_condition_is_shown_for_special_category_fields(made):
    client = signed_in(Role.DATA_PROTECTION_OFFICER, "dpo")
    url = reverse("register:custody_detail", kwargs={"pk": made.episode.pk})
    html = client.post(url, {"reason": "lawfulness", "details": "checking conditions"}).content
    text = html.decode()
    for special in SPECIAL_CATEGORIES:
        assert special.condition.split(" (")[0] in text, special.field
    assert "Schedule 8 paragraph 4" in text and "Schedule 8 paragraph 1" in text
