"""Side effects live in services, not in a model's save() (docs/architecture.md).

A model's save() or delete() may set its own row's derived fields, or refuse: anything that
writes another row, numbers, audits, mails or touches files is a service's (the app's
`services.py`, or the module named below), called by every view, form, command, API and
factory that writes the record. Signal receivers are connected in each app's apps.py
ready(), never by a decorator when some module happens to be imported.

The allowed overrides are listed with why each may stay; a new save() or delete() override
fails here until it is looked at and listed (or its work moved to a service).
"""

import ast
import threading
from datetime import date
from pathlib import Path

import pytest
from casework_helpers import make_case
from django.db import IntegrityError, connection, connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from answerable.casework.models import InformationRequest, ReferenceSequence
from answerable.casework.models.requests import UnnumberedRequest
from answerable.casework.services import save_request

ROOT = Path(__file__).resolve().parent.parent / "answerable"

# (module, class, method) -> why it may stay.
ALLOWED_OVERRIDES = {
    ("audit/models.py", "AuditEntry", "save"): "refuses a change: the trail is append-only",
    ("audit/models.py", "AuditEntry", "delete"): "refuses: the trail is append-only",
    ("audit/models.py", "AuditEntryQuerySet", "delete"): "refuses: the trail is append-only",
    ("casework/models/requests.py", "InformationRequest", "save"): (
        "refuses an unnumbered request; sets its own due_on and due_explanation (the clock)"
    ),
    ("casework/models/appeals.py", "CommissionerAppeal", "save"): (
        "sets its own application_deadline (s47(4))"
    ),
    ("casework/models/appeals.py", "CourtAppeal", "save"): "sets its own deadline (s56)",
    ("casework/models/exemptions.py", "CitedExemption", "save"): (
        "normalises its own section and condition"
    ),
    ("casework/models/reviews.py", "Review", "save"): (
        "sets its own content_problems, request_deadline, due_on and in_time (s20, s21)"
    ),
    ("register/models/custody.py", "CustodyEpisode", "save"): "derives its own fields",
    ("register/models/disclosures.py", "Disclosure", "save"): "derives its own fields",
    ("register/models/nccu.py", "NccuContact", "save"): "sets its own contacted_on (UK date)",
}

# Calls a save() or delete() override may not make itself: writing, numbering, auditing,
# mailing or signalling belongs to a service.
FORBIDDEN_CALLS = {
    "allocate_reference",
    "bulk_create",
    "create",
    "get_or_create",
    "record",
    "send",
    "send_mail",
    "send_robust",
    "update",
    "update_or_create",
}


def _model_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
        and (path.name == "models.py" or path.parent.name == "models")
    )


def _overrides() -> dict[tuple[str, str, str], ast.FunctionDef]:
    found = {}
    for path in _model_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name in ("save", "delete"):
                    found[(path.relative_to(ROOT).as_posix(), node.name, item.name)] = item
    return found


def _called_names(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
            elif isinstance(node.func, ast.Name):
                names.add(node.func.id)
    return names


def test_every_save_or_delete_override_is_listed_with_its_reason():
    found = set(_overrides())
    assert found - set(ALLOWED_OVERRIDES) == set(), (
        "a new save()/delete() override: move any side effect to a service and list it"
    )
    assert set(ALLOWED_OVERRIDES) - found == set(), "listed overrides no longer there"


def test_no_save_or_delete_override_writes_numbers_audits_or_signals():
    offending = {
        key: sorted(_called_names(function) & FORBIDDEN_CALLS)
        for key, function in _overrides().items()
        if _called_names(function) & FORBIDDEN_CALLS
    }
    assert offending == {}


def test_signal_receivers_are_connected_from_apps_ready_not_by_decorators():
    decorated, at_import = [], []
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        name = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if getattr(target, "id", getattr(target, "attr", "")) == "receiver":
                        decorated.append(f"{name}: {node.name}")
        for statement in tree.body:  # module level: connected when imported
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            for node in ast.walk(statement):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "connect"
                ):
                    at_import.append(name)
    assert decorated == []
    assert at_import == []


def test_the_register_rows_route_cache_follows_a_changed_url_setting():
    # Connected in register/apps.py ready(), not when the template tags are first loaded.
    from answerable.register.templatetags.register_rows import _route, record_url

    record_url(1, "register:custody_detail")
    assert _route.cache_info().currsize >= 1
    with override_settings(FORCE_SCRIPT_NAME="/answerable/"):
        assert _route.cache_info().currsize == 0


# --- the request reference: numbered by the service, not by save() ---------------------------


def _unnumbered(**fields) -> InformationRequest:
    return InformationRequest(
        received_on=date(2026, 7, 1),
        regime="foisa",
        channel="email",
        requester_name="Ms Requester Private",
        title="Immigration custodies",
        **fields,
    )


@pytest.mark.django_db
def test_a_request_saved_through_the_orm_without_the_service_is_refused_not_numbered():
    with pytest.raises(UnnumberedRequest, match=r"casework\.services\.save_request"):
        _unnumbered().save()
    with pytest.raises(UnnumberedRequest):
        InformationRequest.objects.create(
            received_on=date(2026, 7, 1), channel="email", requester_name="X", title="T"
        )
    assert not InformationRequest.objects.exists()
    assert not ReferenceSequence.objects.exists()


@pytest.mark.django_db
def test_the_service_numbers_a_new_request_and_saves_its_deadline():
    case = save_request(_unnumbered())
    assert case.reference == "IM-FOI-2026-0001"
    assert ReferenceSequence.objects.get(year=2026).last == 1
    saved = InformationRequest.objects.get(pk=case.pk)
    assert saved.reference == "IM-FOI-2026-0001"
    assert saved.due_on == date(2026, 7, 29)  # 20 working days (FOISA s10(1))
    assert save_request(_unnumbered()).reference == "IM-FOI-2026-0002"


@pytest.mark.django_db
def test_the_service_keeps_a_reference_given_and_touches_no_counter():
    case = save_request(_unnumbered(reference="23-1751"))
    assert InformationRequest.objects.get(pk=case.pk).reference == "23-1751"
    assert not ReferenceSequence.objects.exists()


@pytest.mark.django_db
def test_saving_a_numbered_request_writes_only_its_row_and_history():
    case = make_case(date(2026, 7, 1))
    case.title = "Custody figures"
    with CaptureQueriesContext(connection) as queries:
        case.save()
    written = {
        query["sql"].split()[2 if query["sql"].startswith("INSERT") else 1].strip('"')
        for query in queries.captured_queries
        if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))
    }
    assert written == {
        "casework_informationrequest",
        "casework_historicalinformationrequest",
    }
    assert ReferenceSequence.objects.get(year=2026).last == 1


@pytest.mark.django_db
def test_a_failed_save_gives_the_number_back():
    bad = _unnumbered()
    bad.title = None  # NOT NULL: the INSERT fails after the number is taken
    with pytest.raises(IntegrityError), transaction.atomic():
        save_request(bad)
    assert save_request(_unnumbered()).reference == "IM-FOI-2026-0001"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requests_logged_at_once_get_different_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite's test database is one connection)")
    made: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def log() -> None:
        try:
            start.wait()
            made.append(save_request(_unnumbered()).reference)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=log) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(made) == [f"IM-FOI-2026-000{n}" for n in range(1, 5)]
    assert ReferenceSequence.objects.get(year=2026).last == 4
