"""The OpenAPI document: generated from the code, valid, and saying what the formats say."""

import io
import json

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from answerable.api.kinds import KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def document() -> dict:
    response = APIClient().get("/api/v1/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def test_the_document_is_valid_and_generated_without_warnings():
    out = io.StringIO()
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", stdout=out
    )
    assert json.loads(out.getvalue())["info"]["title"] == "Answerable systems API"


def test_every_format_column_is_a_field_of_its_body(document):
    schemas = document["components"]["schemas"]
    for kind in KINDS.values():
        columns = kind.target.format.column_names
        write = schemas[f"{kind.component}Write"]
        assert list(write["properties"]) == columns
        assert write["additionalProperties"] is False
        assert sorted(write["required"]) == sorted(kind.target.format.required)
        read = schemas[kind.component]["properties"]
        assert "person_ref" not in read and set(columns) - {"person_ref"} <= set(read)


def test_choices_and_limits_come_from_the_format(document):
    episode = document["components"]["schemas"]["CustodyEpisodeWrite"]["properties"]
    assert episode["detention_basis"]["enum"] == [
        "immigration_powers",
        "immigration_offence",
        "other",
    ]
    assert episode["sex"]["enum"] == ["female", "male", "other", None]
    assert (episode["age"]["minimum"], episode["age"]["maximum"]) == (0, 120)
    assert episode["custody_ref"]["maxLength"] == 64
    assert episode["person_ref"]["writeOnly"] is True


def test_writes_document_their_headers_and_errors(document):
    create = document["paths"]["/api/v1/custody-episodes/"]["post"]
    headers = {p["name"]: p for p in create["parameters"] if p["in"] == "header"}
    assert headers["Idempotency-Key"]["required"] is True
    assert {"201", "400", "401", "403", "409", "413", "422"} <= set(create["responses"])
    update = document["paths"]["/api/v1/custody-episodes/{ref}/"]["patch"]
    assert any(p["name"] == "If-Match" and p["required"] for p in update["parameters"])
    assert {"200", "412", "428"} <= set(update["responses"])
    assert "ETag" in update["responses"]["200"]["headers"]
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_each_formats_contract_file_lists_its_columns(kind):
    """docs/interchange/<format>.md, the contract other systems build to, says what the code
    does: the same columns, in the same order, required alike."""
    from pathlib import Path

    from django.conf import settings

    contract = Path(settings.BASE_DIR, "docs", "interchange", f"{kind.target.format.name}.md")
    rows = [
        [cell.strip(" `") for cell in line.strip().strip("|").split("|")]
        for line in contract.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    ]
    assert [row[0] for row in rows] == kind.target.format.column_names
    assert {row[0] for row in rows if row[1] == "yes"} == kind.target.format.required
