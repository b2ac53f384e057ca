"""The register's record types, each defined once: the one list that the register's pages,
the systems API, the interchange formats and their import, the audit trail and casework's
holds all read.

A model is named by its app label ("register.CustodyEpisode") and resolved through
django.apps only when asked for, so this module imports no app and every layer can read it
(the core is the bottom layer, docs/architecture.md). What a layer adds (the API's scopes
and serializers, the importer's resolution of a row, a page's links) stays in that layer,
keyed by the record type's `key`; tests/test_record_types.py checks that each layer's set
of types is this list's.
"""

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.urls import reverse


@dataclass(frozen=True)
class RecordType:
    # The name casework's holds and the retention schedule store and settings are named by
    # ("custody_episode": RecordHold.record_type, ANSWERABLE_RETENTION_CUSTODY_EPISODE_YEARS).
    key: str
    label: str  # the model, as app label and model name ("register.CustodyEpisode")
    noun: str  # "custody episode"
    plural: str  # "Custody episodes": a list's heading, a hold's choice
    # The field that dates a record (a date-time, or a date if it has no time of day), and
    # the indexed UK local date a period is read by; "" if the record is not dated.
    when: str = ""
    day: str = ""
    what: str = ""  # the choice field that says what kind of record it is, for short lists
    ordering: tuple[str, ...] = ("pk",)  # newest first, led by the indexed UK local date
    slug: str = ""  # the register's pages: the start of their URL names ("custody_detail")
    api_path: str = ""  # the systems API's path ("custody-episodes"); "" if it takes none
    format: str = ""  # its interchange format ("custody-episodes-v1"); "" if it has none
    import_as: str = ""  # `answerable import KIND FILE`'s KIND; "" if it arrives otherwise
    # `answerable coverage KIND`'s KIND (RecordCoverage.kind): what the register holds of
    # it, and from when; "" if coverage is not recorded for it.
    coverage: str = ""
    dated_by: str = ""  # the day `day` is, in words: what a retention period counts from

    @property
    def model(self) -> type[Any]:
        """The model class (once the apps are loaded)."""
        return apps.get_model(self.label)

    @property
    def name(self) -> str:
        """The model's name in permissions and predicates ("custodyepisode")."""
        return self.label.partition(".")[2].lower()

    @property
    def object_name(self) -> str:
        """The model's class name ("CustodyEpisode"): the API schema's component."""
        return self.label.partition(".")[2]

    @property
    def audit_type(self) -> str:
        """The record type an audit entry names (record_type_of: "register.custodyepisode")."""
        return self.label.lower()

    @property
    def title(self) -> str:
        """The noun at the start of a heading: "Custody episode", "NCCU contact"."""
        return self.noun[:1].upper() + self.noun[1:]

    @property
    def detail_page(self) -> str:
        """The URL name of a record's page ("register:custody_detail"), or ""."""
        return f"register:{self.slug}_detail" if self.slug else ""

    def detail_url(self, record: Model) -> str:
        """The record's page in the register (for a type that has pages)."""
        return reverse(self.detail_page, kwargs={"pk": record.pk})


# The order is casework's RecordHold.record_type choices' (its migration's) and the API's.
RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(
        key="custody_episode",
        label="register.CustodyEpisode",
        noun="custody episode",
        plural="Custody episodes",
        when="arrived_at",
        day="arrived_on",
        what="detention_basis",
        ordering=("-arrived_on", "-arrived_at", "-pk"),
        slug="custody",
        api_path="custody-episodes",
        format="custody-episodes-v1",
        import_as="custody",
        coverage="custody",
        dated_by="the day of arrival",
    ),
    RecordType(
        key="disclosure",
        label="register.Disclosure",
        noun="disclosure",
        plural="Disclosures to the Home Office",
        when="disclosed_at",
        day="disclosed_on",
        what="purpose",
        ordering=("-disclosed_on", "-disclosed_at", "-pk"),
        slug="disclosure",
        api_path="disclosures",
        format="home-office-disclosures-v1",
        import_as="disclosures",
        coverage="disclosures",
        dated_by="the day of the disclosure",
    ),
    RecordType(
        key="nccu_contact",
        label="register.NccuContact",
        noun="NCCU contact",
        plural="NCCU contacts",
        when="contacted_at",
        day="contacted_on",
        what="role",
        ordering=("-contacted_on", "-contacted_at", "-pk"),
        slug="nccu",
        api_path="nccu-contacts",
        format="nccu-contacts-v1",
        coverage="nccu",
        dated_by="the day of the contact",
    ),
    RecordType(
        key="icce_request",
        label="register.IcceRequest",
        noun="ICCE request",
        plural="ICCE requests",
        when="sent_on",
        day="sent_on",
        what="result",
        ordering=("-sent_on", "-pk"),
        slug="icce",
        api_path="icce-requests",
        format="icce-requests-v1",
        coverage="icce",
        dated_by="the day the request was sent",
    ),
    RecordType(
        key="person",
        label="register.Person",
        noun="person",
        plural="People",
        when="last_recorded_at",
        slug="person",
    ),
    RecordType(key="document", label="register.Document", noun="document", plural="Documents"),
    RecordType(
        key="document_version",
        label="register.DocumentVersion",
        noun="document version",
        plural="Document versions",
        day="dated",
    ),
)
BY_KEY: dict[str, RecordType] = {record_type.key: record_type for record_type in RECORD_TYPES}


def record_type(key: str) -> RecordType:
    """The record type named `key` ("custody_episode"); KeyError if there is none."""
    return BY_KEY[key]


def record_type_of(model: type[Model] | Model) -> str:
    """The record type an audit entry names for a model or a record: its app label and model
    name in lower case ("register.custodyepisode"), for every model, in the register or not."""
    return model._meta.label_lower


@cache
def _by_audit_type() -> dict[str, RecordType]:
    return {record_type.audit_type: record_type for record_type in RECORD_TYPES}


def kind_of(model: type[Model] | Model) -> RecordType | None:
    """The register record type of a model or a record, or None if it is not one."""
    return _by_audit_type().get(record_type_of(model))
