"""Admin list pages filter only as their list filters do (issue 15): any other lookup in
the query string, __regex above all, is a 400, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

USERS = reverse("admin:auth_user_changelist")
VERSIONS = reverse("admin:register_documentversion_changelist")
EPISODES = reverse("admin:register_custodyepisode_changelist")


@pytest.mark.parametrize(
    ("page", "query"),
    [
        (USERS, {"is_active__exact": "1"}),
        (USERS, {"groups__id__exact": "1"}),
        (USERS, {"q": "ada"}),
        (VERSIONS, {"status__exact": "final"}),
        (VERSIONS, {"document__kind__exact": "mou"}),
        (VERSIONS, {"dated__year": "2020", "dated__month": "4"}),
    ],
)
def test_the_list_filters_work(admin_client: Client, page: str, query: dict) -> None:
    assert admin_client.get(page, query).status_code == 200


@pytest.mark.parametrize(
    ("page", "query"),
    [
        (USERS, {"username__regex": "("}),  # a bad pattern was a 500
        (USERS, {"password__startswith": "argon2"}),
        (USERS, {"email__contains": "@"}),
        (USERS, {"is_active__regex": "."}),
        (VERSIONS, {"file__regex": "["}),
        (VERSIONS, {"document__title__icontains": "secret"}),
        (EPISODES, {"person__nationality__exact": "ALB"}),
    ],
)
def test_any_other_lookup_is_a_400(admin_client: Client, page: str, query: dict) -> None:
    assert admin_client.get(page, query).status_code == 400
