"""Pages with personal data send Cache-Control: no-store (issue 15); public pages may be
cached."""

import pytest
from casework_helpers import officer
from django.test import Client
from django.urls import reverse

from answerable.roles.assign import assign_role
from answerable.roles.roles import Role

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def dpo() -> Client:
    user = officer("dora.dpo")
    assign_role(user, Role.DATA_PROTECTION_OFFICER)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url",
    [
        reverse("audit:search"),
        reverse("audit:export"),
        reverse("register:person_detail", args=[1]),
        reverse("admin:index"),
        "/api/v1/questions/",
    ],
)
def test_staff_pages_and_the_api_are_not_stored(dpo: Client, url: str) -> None:
    assert no_store(dpo.get(url))


def test_a_signed_in_users_public_page_is_not_stored(dpo: Client) -> None:
    assert no_store(dpo.get(reverse("disclosure_log:list")))


def test_the_public_disclosure_log_may_be_cached(client: Client) -> None:
    response = client.get(reverse("disclosure_log:list"))
    assert response.status_code == 200
    assert not no_store(response)
