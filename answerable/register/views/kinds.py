"""The kinds of record the register's pages show, and who may open which record."""

from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse

from answerable.register.models import CustodyEpisode, Disclosure, IcceRequest, NccuContact, Person
from answerable.register.models.fields import Timestamped
from answerable.roles import predicates
from answerable.roles.predicates import User


@dataclass(frozen=True)
class Kind:
    model: type[Timestamped]
    name: str  # the model's name in permissions and predicates ("custodyepisode")
    slug: str  # the start of its URL names ("custody" for register:custody_detail)
    noun: str  # "custody episode"
    plural: str  # "Custody episodes"
    when: str  # the field that dates a record, newest first
    what: str  # the choice field that says what kind of record it is, for short lists
    ordering: tuple[str, ...]  # newest first, led by the indexed UK local date

    @property
    def title(self) -> str:
        """The noun at the start of a heading: "Custody episode", "NCCU contact"."""
        return self.noun[:1].upper() + self.noun[1:]

    def detail_url(self, record: Model) -> str:
        return reverse(f"register:{self.slug}_detail", kwargs={"pk": record.pk})


CUSTODY = Kind(
    CustodyEpisode,
    "custodyepisode",
    "custody",
    "custody episode",
    "Custody episodes",
    "arrived_at",
    "detention_basis",
    ("-arrived_on", "-arrived_at", "-pk"),
)
NCCU = Kind(
    NccuContact,
    "nccucontact",
    "nccu",
    "NCCU contact",
    "NCCU contacts",
    "contacted_at",
    "role",
    ("-contacted_on", "-contacted_at", "-pk"),
)
DISCLOSURE = Kind(
    Disclosure,
    "disclosure",
    "disclosure",
    "disclosure",
    "Disclosures to the Home Office",
    "disclosed_at",
    "purpose",
    ("-disclosed_on", "-disclosed_at", "-pk"),
)
ICCE = Kind(
    IcceRequest,
    "iccerequest",
    "icce",
    "ICCE request",
    "ICCE requests",
    "sent_on",
    "result",
    ("-sent_on", "-pk"),
)
PERSON = Kind(Person, "person", "person", "person", "People", "last_recorded_at", "", ("pk",))

RECORD_KINDS = (CUSTODY, NCCU, DISCLOSURE, ICCE)
KINDS: dict[type[Model], Kind] = {kind.model: kind for kind in (*RECORD_KINDS, PERSON)}


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
