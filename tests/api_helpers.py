"""Shared by the API's tests: systems with tokens, and requests made as them.

A support module, imported by name (`from api_helpers import ...`): tests/ is not a package.
"""

import uuid
from typing import Any

from rest_framework.test import APIClient

from answerable.api.models import ApiClient
from answerable.api.scopes import Scope
from answerable.audit.models import AuditEntry

ALL_SCOPES = [scope.value for scope in Scope]

EPISODE = {
    "custody_ref": "NCS-2017-000123",
    "division": "G",
    "station": "Govan",
    "arrived_at": "2017-05-02T14:05:00",
    "released_at": "2017-05-03T09:40:00",
    "detention_basis": "immigration_powers",
    "person_ref": "P-1",
    "sex": "male",
    "age": 27,
    "nationality": "ALB",
    "asylum_claimed": "no",
    "outcome": "transferred_detention",
}

DISCLOSURE = {
    "disclosure_ref": "HO-2023-1",
    "disclosed_at": "2023-05-02T10:00:00",
    "requested_at": "2023-05-01T09:00:00",
    "role": "victim",
    "crime_type": "domestic_abuse",
    "sex": "female",
    "age": 30,
    "recipient": "hoie_nccu",
    "channel": "phone",
    "purpose": "referral",
    "custody_ref": "NCS-2017-000123",
}


def system(name: str = "custody-system", scopes: list[str] | None = None) -> tuple[ApiClient, str]:
    client = ApiClient(name=name, scopes=scopes if scopes is not None else ALL_SCOPES)
    token = client.issue_token()
    client.save()
    return client, token


def calling(token: str | None) -> APIClient:
    api = APIClient()
    if token is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def post(api: APIClient, url: str, body: Any, key: str | None = None, **headers: str) -> Any:
    return api.post(
        url,
        body,
        format="json",
        headers={"Idempotency-Key": key or str(uuid.uuid4()), **headers},
    )


def entries(**filters: Any) -> list[tuple[str, str, str]]:
    """The audit trail's (action, actor, record type) entries, in order."""
    return list(AuditEntry.objects.filter(**filters).values_list("action", "actor", "record_type"))
