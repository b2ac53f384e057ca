"""The kinds of record the register's pages show, and who may open which record."""

from django.db.models import Model

from answerable.core.record_types import RECORD_TYPES, RecordType, record_type
from answerable.roles import predicates
from answerable.roles.predicates import User

# A kind of record the register has pages for: a record type with a slug
# (core/record_types.py, the one list of record types).
Kind = RecordType

CUSTODY = record_type("custody_episode")
NCCU = record_type("nccu_contact")
DISCLOSURE = record_type("disclosure")
ICCE = record_type("icce_request")
PERSON = record_type("person")

KINDS: dict[type[Model], Kind] = {kind.model: kind for kind in RECORD_TYPES if kind.slug}


def kind_of(record: Model) -> Kind | None:
    return KINDS.get(type(record))


def may_open(user: User, record: Model) -> bool:
    """Whether the register has a page for the record that this user may open."""
    kind = kind_of(record)
    if kind is None:
        return False
    if kind is PERSON:
        return predicates.can_view_person(user)
    return predicates.can_view_record(user, kind.name, record)


def url_for(user: User, record: Model | None) -> str:
    """The record's page, or "" if it has none or the user may not open it."""
    if record is None or not may_open(user, record):
        return ""
    return KINDS[type(record)].detail_url(record)
