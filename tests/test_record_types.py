"""The register's record types are listed once (core/record_types.py): the register pages,
the systems API, the interchange targets and import, the audit trail and casework's holds
each read that list, and each one's set of types is the list's."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

from answerable.api.kinds import KINDS as API_KINDS
from answerable.audit.views import RECORD_PAGES
from answerable.casework.holds import HELD_MODELS
from answerable.casework.models import RecordHold
from answerable.core.record_types import RECORD_TYPES, kind_of, record_type, record_type_of
from answerable.interchange.registry import TARGET_OF, TARGETS
from answerable.register.coverage import KIND_TITLES
from answerable.register.models.fields import Timestamped
from answerable.register.views.kinds import KINDS as PAGE_KINDS
from answerable.retention.schedule import LABELS, REGISTER_TYPES
from answerable.retention.service import COVERAGE_KINDS

PACKAGE = Path(settings.BASE_DIR, "answerable")


def _records_models() -> set[type[models.Model]]:
    """The register's models that hold records of people or events (not reference data,
    import batches or history): those with a date a record is placed by, or a person's."""
    return {
        model
        for model in apps.get_app_config("register").get_models()
        if issubclass(model, Timestamped) and not model._meta.label.startswith("register.Histor")
    }


def test_each_record_type_is_listed_once_with_a_model_of_the_register():
    keys = [kind.key for kind in RECORD_TYPES]
    labels = [kind.label for kind in RECORD_TYPES]
    assert len(set(keys)) == len(keys) and len(set(labels)) == len(labels)
    for kind in RECORD_TYPES:
        model = kind.model
        assert model._meta.app_label == "register"
        assert kind.name == model._meta.model_name
        assert kind.object_name == model.__name__
        for field in {kind.when, kind.day, kind.what} - {""}:
            model._meta.get_field(field)


def test_every_register_model_with_records_is_a_record_type():
    # Every timestamped register model (people, events, documents) is a record type.
    assert _records_models() == {kind.model for kind in RECORD_TYPES}


def test_the_audit_record_type_is_the_models_label():
    # The strings stored in audit entries since the trail began: they must never change.
    assert [kind.audit_type for kind in RECORD_TYPES] == [
        "register.custodyepisode",
        "register.disclosure",
        "register.nccucontact",
        "register.iccerequest",
        "register.person",
        "register.document",
        "register.documentversion",
    ]
    for kind in RECORD_TYPES:
        assert record_type_of(kind.model) == kind.audit_type
        assert kind_of(kind.model) is kind
    # Any other model is named the same way, and is no register record type.
    assert record_type_of(RecordHold) == "casework.recordhold"
    assert kind_of(RecordHold) is None


def test_the_register_pages_are_the_types_with_a_slug():
    with_pages = {kind for kind in RECORD_TYPES if kind.slug}
    assert set(PAGE_KINDS.values()) == with_pages
    assert set(PAGE_KINDS) == {kind.model for kind in with_pages}
    assert RECORD_PAGES == {
        "register.custodyepisode": "register:custody_detail",
        "register.nccucontact": "register:nccu_detail",
        "register.disclosure": "register:disclosure_detail",
        "register.iccerequest": "register:icce_detail",
        "register.person": "register:person_detail",
    }


def test_the_api_takes_the_types_with_an_api_path():
    assert list(API_KINDS) == [kind.api_path for kind in RECORD_TYPES if kind.api_path]
    assert list(API_KINDS) == ["custody-episodes", "disclosures", "nccu-contacts", "icce-requests"]
    for path, api_kind in API_KINDS.items():
        assert api_kind.record_type.api_path == path
        assert api_kind.model is api_kind.record_type.model
        assert api_kind.target is TARGET_OF[api_kind.record_type.key]


def test_the_interchange_targets_are_the_types_with_a_format():
    assert set(TARGET_OF) == {kind.key for kind in RECORD_TYPES if kind.format}
    for key, target in TARGET_OF.items():
        assert target.record_type is record_type(key)
        assert target.format.name == target.record_type.format
        assert (settings.BASE_DIR / "docs" / "interchange" / f"{target.format.name}.md").exists()
    # `answerable import custody FILE` and `answerable import disclosures FILE`.
    assert {name: target.record_type.key for name, target in TARGETS.items()} == {
        "custody": "custody_episode",
        "disclosures": "disclosure",
    }
    # The column that places a record in a period; an ICCE request has dates only.
    assert {key: target.event for key, target in TARGET_OF.items()} == {
        "custody_episode": "arrived_at",
        "disclosure": "disclosed_at",
        "nccu_contact": "contacted_at",
        "icce_request": None,
    }


def test_holds_cover_every_record_type_by_its_key():
    assert list(HELD_MODELS) == [kind.key for kind in RECORD_TYPES]
    assert RecordHold._meta.get_field("record_type").choices == [
        ("custody_episode", "Custody episodes"),
        ("disclosure", "Disclosures to the Home Office"),
        ("nccu_contact", "NCCU contacts"),
        ("icce_request", "ICCE requests"),
        ("person", "People"),
        ("document", "Documents"),
        ("document_version", "Document versions"),
    ]
    for key, (model, day) in HELD_MODELS.items():
        assert model is record_type(key).model
        assert day == (record_type(key).day or None)


def test_coverage_and_retention_read_the_list():
    # `answerable coverage KIND` and RecordCoverage.kind: the names stored since it began.
    assert KIND_TITLES == {
        "custody": "Custody episodes",
        "disclosures": "Disclosures to the Home Office",
        "nccu": "NCCU contacts",
        "icce": "ICCE requests",
    }
    assert COVERAGE_KINDS == {
        "custody_episode": "custody",
        "disclosure": "disclosures",
        "nccu_contact": "nccu",
        "icce_request": "icce",
    }
    # Kept for years (settings.ANSWERABLE_RETENTION_YEARS), removed last type first.
    assert list(REGISTER_TYPES) == ["icce_request", "nccu_contact", "disclosure", "custody_episode"]
    assert set(REGISTER_TYPES) == set(settings.ANSWERABLE_RETENTION_YEARS) == set(LABELS)
    for key, (label, day, _) in REGISTER_TYPES.items():
        assert (label, day) == (record_type(key).label, record_type(key).day)


def _field_names() -> set[str]:
    return {
        field.name
        for model in apps.get_app_config("register").get_models()
        for field in model._meta.get_fields()
    }


def _names_of_types(path: Path) -> list[str]:
    """The string literals in `path` that name a record type the list names (its key,
    label, nouns, slug, API path, import name or page), other than a key passed to
    record_type(): a second list of the record types, or a piece of one. A field's name
    ("custody_episode", a foreign key) is another thing, and is left alone."""
    names = set()
    for kind in RECORD_TYPES:
        names |= {kind.key, kind.label, kind.audit_type, kind.name, kind.noun, kind.plural}
        names |= {kind.slug, kind.api_path, kind.import_as, kind.detail_page}
    names -= {"", *_field_names()}
    tree = ast.parse(path.read_text())
    by_key = {
        id(call.args[0])
        for call in ast.walk(tree)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "record_type"
        and call.args
    }
    return [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in names
        and id(node) not in by_key
    ]


def test_no_reader_keeps_its_own_list_of_the_types():
    readers = [
        "register/views/kinds.py",
        "api/kinds.py",
        "interchange/targets.py",
        "interchange/entries.py",
        "interchange/registry.py",
        "audit/trail.py",
        "audit/views.py",
        "casework/holds.py",
        "casework/models/holds.py",
        "register/coverage.py",
        "retention/service.py",
        "retention/schedule.py",
    ]
    assert [found for name in readers for found in _names_of_types(PACKAGE / name)] == []
