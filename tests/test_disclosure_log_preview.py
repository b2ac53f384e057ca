"""Staff preview the public copy of a response before its publication date (issue 13)."""

from datetime import date

import pytest
import time_machine
from casework_helpers import approve, make_case
from django.test import Client
from django.urls import reverse

from answerable.casework.issue import issue_response
from answerable.casework.models import RequestQuestion
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled():
    case = make_case(received_on=date(2024, 1, 3), requester_name="Ms Zelda Quixote-Marchbanks")
    RequestQuestion.objects.create(
        request=case, number=1, text="Is there a policy?", answer_kind="text", answer_text="Yes."
    )
    with time_machine.travel("2024-01-10 12:00Z", tick=False):
        approve(case, "full")
        issue_response(case, notice="full", issued_on=date(2024, 1, 10))
    return case


def _client(django_user_model, role: Role | None) -> Client:
    client = Client()
    user, _ = django_user_model.objects.get_or_create(username=f"u-{role}")
    if role is not None:
        assign_role(user, role)
    client.force_login(user)
    return client


@time_machine.travel("2024-01-12 12:00Z", tick=False)
def test_an_foi_officer_previews_the_copy_the_public_cannot_see_yet(scheduled, django_user_model):
    reference = scheduled.reference
    assert Client().get(f"/disclosure-log/{reference}/").status_code == 404
    officer = _client(django_user_model, Role.FOI_OFFICER)
    page = officer.get(reverse("disclosure_log:preview", kwargs={"reference": reference}))
    assert page.status_code == 200
    text = page.content.decode()
    assert (
        "Staff preview" in text and "The public will see this response from 17 January 2024" in text
    )
    assert "enquiries@foi.scot" in text and "Zelda" not in text
    assert page["X-Robots-Tag"] == "noindex, nofollow"
    pdf = officer.get(reverse("disclosure_log:preview_pdf", kwargs={"reference": reference}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    # The case page links to it.
    case_page = officer.get(reverse("casework:case_detail", kwargs={"reference": reference}))
    assert (
        reverse("disclosure_log:preview", kwargs={"reference": reference})
        in case_page.content.decode()
    )


@time_machine.travel("2024-01-12 12:00Z", tick=False)
def test_the_preview_is_for_staff_only(scheduled, django_user_model):
    urls = [
        reverse(name, kwargs={"reference": scheduled.reference})
        for name in ("disclosure_log:preview", "disclosure_log:preview_pdf")
    ]
    for url in urls:
        anonymous = Client().get(url)
        assert anonymous.status_code == 302 and "/sign-in/" in anonymous["Location"]
        for role in (None, Role.DATA_PROTECTION_OFFICER, Role.ANALYST):
            assert _client(django_user_model, role).get(url).status_code == 403, (url, role)
