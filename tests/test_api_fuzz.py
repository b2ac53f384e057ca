"""The API fuzzed from its own OpenAPI document (schemathesis): whatever is sent, the
answer is never a 5xx, and always one the document describes (status, type, body, headers).

Every operation is a test class of its own (`TestGetCustodyEpisodes`, ...), so that under the
suite's runner settings (`-n auto --dist loadscope`, which gives each worker whole classes)
the operations are separate test items spread over the workers, and the summary line counts
each. `test_every_operation_is_fuzzed` holds the list to the document: an operation added to
the API fails it until it is fuzzed here.

Bounded so that the whole run takes about a minute: twenty examples per operation, valid and
invalid (schemathesis's positive and negative generation).
"""

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from unittest import mock

import pytest
import schemathesis
from api_helpers import DISCLOSURE, EPISODE, calling, post, system
from django.db.backends.base.base import BaseDatabaseWrapper
from hypothesis import HealthCheck, settings
from schemathesis import checks
from schemathesis.config import SchemathesisConfig

from answerable.api import records
from answerable.api.kinds import KINDS
from answerable.register.choices import DocumentKind, DocumentStatus
from answerable.register.models import Document, DocumentVersion
from answerable.wsgi import application

# A missing If-Match is answered 428 Precondition Required (RFC 6585 s3), a missing
# Idempotency-Key 400.
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"missing_required_header": {"expected-statuses": [400, 428]}}}
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)

# Every operation of the API, as the OpenAPI document names them.
OPERATIONS: tuple[tuple[str, str], ...] = (
    ("POST", "/api/v1/custody-episodes/"),
    ("GET", "/api/v1/custody-episodes/{ref}/"),
    ("PUT", "/api/v1/custody-episodes/{ref}/"),
    ("PATCH", "/api/v1/custody-episodes/{ref}/"),
    ("POST", "/api/v1/disclosures/"),
    ("GET", "/api/v1/disclosures/{ref}/"),
    ("PUT", "/api/v1/disclosures/{ref}/"),
    ("PATCH", "/api/v1/disclosures/{ref}/"),
    ("GET", "/api/v1/disclosures/{ref}/outcomes/"),
    ("POST", "/api/v1/disclosures/{ref}/outcomes/"),
    ("POST", "/api/v1/icce-requests/"),
    ("GET", "/api/v1/icce-requests/{ref}/"),
    ("PUT", "/api/v1/icce-requests/{ref}/"),
    ("PATCH", "/api/v1/icce-requests/{ref}/"),
    ("POST", "/api/v1/nccu-contacts/"),
    ("GET", "/api/v1/nccu-contacts/{ref}/"),
    ("PUT", "/api/v1/nccu-contacts/{ref}/"),
    ("PATCH", "/api/v1/nccu-contacts/{ref}/"),
    ("GET", "/api/v1/questions/"),
    ("GET", "/api/v1/questions/{name}/answer/"),
    ("POST", "/api/v1/questions/{name}/answer/"),
    ("GET", "/api/v1/statistics/"),
    ("GET", "/api/v1/statistics/{edition}/"),
)

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
    checks.missing_required_header,
    checks.unsupported_method,
    checks.ignored_auth,
]
# The records the fuzzed requests are steered to, half of the time, so that reads and
# updates of a record that exists are fuzzed too, not only 404s.
HELD = {"custody-episodes": "NCS-2017-000123", "disclosures": "HO-2023-1"}


@pytest.fixture(autouse=True)
def connection_kept_open():
    """Django closes an old database connection at the start and end of each request it
    serves; its own test client turns that off, and so must a WSGI client: on PostgreSQL the
    connection is the test's, inside its transaction. (Disconnecting the signal is not
    enough: the test client connects it again after each of its own requests.)"""
    with mock.patch.object(BaseDatabaseWrapper, "close_if_unusable_or_obsolete"):
        yield


@pytest.fixture
def token(stations):
    document = Document.objects.create(
        reference="HHC", title="High-harm criteria", kind=DocumentKind.HIGH_HARM_CRITERIA
    )
    DocumentVersion.objects.create(
        document=document, version="1.0", status=DocumentStatus.FINAL, dated=date(2020, 1, 1)
    )
    _, token = system("fuzzer")
    api = calling(token)
    assert post(api, "/api/v1/custody-episodes/", EPISODE).status_code == 201
    assert post(api, "/api/v1/disclosures/", DISCLOSURE).status_code == 201
    return token


def _steer(case) -> None:
    """Half the generated references name a record held, with its current ETag."""
    ref = case.path_parameters.get("ref") if case.path_parameters else None
    kind = KINDS.get(case.path.strip("/").split("/")[2])
    if not isinstance(ref, str) or kind is None or kind.path not in HELD or len(ref) % 2:
        return
    case.path_parameters["ref"] = HELD[kind.path]
    if case.headers and "If-Match" in case.headers and "outcomes" not in case.path:
        held = kind.model.objects.get(**{kind.lookup: HELD[kind.path]})
        case.headers["If-Match"] = records.etag(records.representation(kind, held))


def class_name(method: str, path: str) -> str:
    """`GET /api/v1/disclosures/{ref}/outcomes/` -> `TestGetDisclosuresRefOutcomes`."""
    words = re.findall(r"[a-z0-9]+", path.removeprefix("/api/v1/"))
    return "Test" + method.title() + "".join(word.title() for word in words)


def fuzz_class(method: str, path: str) -> type:
    """The test class fuzzing one operation, with schemathesis's test narrowed to it."""

    @schema.include(method=method, path=path).parametrize()
    @settings(
        max_examples=20,
        deadline=None,
        # The same examples on every run, so CI is repeatable; `--hypothesis-seed` or
        # removing this explores further by hand.
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @pytest.mark.django_db
    def test_never_fails_and_always_answers_as_documented(self: Any, case, token) -> None:
        _steer(case)
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

    test: Callable[..., None] = test_never_fails_and_always_answers_as_documented
    return type(
        class_name(method, path),
        (),
        {
            "__doc__": f"{method} {path}, fuzzed.",
            "__module__": __name__,
            "operation": (method, path),
            test.__name__: test,
        },
    )


for _method, _path in OPERATIONS:
    globals()[class_name(_method, _path)] = fuzz_class(_method, _path)


def test_every_operation_is_fuzzed():
    documented = {
        (result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()
    }
    fuzzed = {
        value.operation
        for name, value in globals().items()
        if name.startswith("Test") and isinstance(value, type)
    }
    assert len(fuzzed) == len(OPERATIONS), "two operations share a test class's name"
    assert fuzzed == documented
