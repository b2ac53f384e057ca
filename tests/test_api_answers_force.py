"""The answers API honours the force a token is scoped to (issue 15)."""

import pytest
from api_helpers import calling
from django.conf import settings

from answerable.api.models import ApiClient
from answerable.audit.models import AuditEntry
from answerable.register.models import Force

pytestmark = pytest.mark.django_db

ANSWER = "/api/v1/questions/custody-count/answer/"


def token_for(force: Force | None) -> str:
    client = ApiClient(name=f"dashboard-{force.pk if force else 0}", scopes=["answers:read"])
    client.force = force
    token = client.issue_token()
    client.save()
    return token


def test_another_forces_token_gets_no_figures_of_ours(stations) -> None:
    other = Force.objects.create(name="Other Constabulary")
    api = calling(token_for(other))
    for method in ("get", "post"):
        response = getattr(api, method)(ANSWER, format="json")
        assert response.status_code == 403
        body = response.json()
        assert "scoped to Other Constabulary" in body["error"] and body["fields"] == {}
    assert not AuditEntry.objects.filter(action="combination").exists()


def test_our_own_forces_token_is_answered(stations) -> None:
    ours = Force.objects.get(name=settings.ANSWERABLE_FORCE)
    for force in (None, ours):
        assert calling(token_for(force)).get(ANSWER).status_code == 200
