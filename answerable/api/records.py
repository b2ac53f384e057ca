"""Reading and writing one register record through the API, by its format's own rules.

A record is checked exactly as a row of its interchange file would be (Format.check, then
the target's references), so the API never accepts what an import would refuse. The
person's source identifier becomes a keyed pseudonym here and goes no further.
"""

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions

from answerable.api.errors import Conflict, Invalid
from answerable.api.fields import to_cell
from answerable.api.kinds import Kind
from answerable.api.models import ApiClient
from answerable.api.serializers import PERSON_REF
from answerable.interchange import rows
from answerable.interchange.cells import shown
from answerable.interchange.references import References
from answerable.interchange.spec import Problem, Values
from answerable.interchange.targets import fingerprint
from answerable.register.models import Disclosure, Force, Person
from answerable.register.profile import PROFILE_FIELDS, merge_profile
from answerable.register.pseudonym import pseudonymise
from answerable.register.sharing import default_force

# How an unknown force, division or custody centre could still be added.
API_HINT = "or ask an administrator to add it"
LARGEST_ID = 2**63 - 1


def client_force(client: ApiClient, *, create: bool = False) -> Force | None:
    """The force whose records the client reads and writes."""
    if client.force_id:
        return client.force
    if create:
        return default_force()  # as the importers: the installation's own force
    return Force.objects.filter(name=settings.ANSWERABLE_FORCE).first()


def representation(kind: Kind, record: Any) -> dict[str, Any]:
    """The record as the API shows it: its format's fields in the format's order (never the
    person's identifier), the links the register made, and when it was created and changed."""
    row = kind.target.represent(record)
    body = {name: row[name] for name in kind.target.format.column_names if name != PERSON_REF}
    body.update(kind.extra(record))
    body["created_at"] = rows.moment(record.created_at)
    body["updated_at"] = rows.moment(record.updated_at)
    return body


def etag(body: dict[str, Any]) -> str:
    """A strong entity tag of the record as shown: any change to it, or any save (which
    moves updated_at), gives a new one (RFC 9110 s8.8.3)."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode()).hexdigest()[:40] + '"'


def find(kind: Kind, client: ApiClient, named: str, *, for_update: bool = False) -> Any:
    """The record the URL names, of the client's force; 404 when there is none."""
    force = client_force(client)
    records = kind.model._default_manager.select_related(*kind.related)
    if for_update:
        # Locked until the transaction ends, so two updates of one record take turns and the
        # second is compared with what the first wrote (If-Match), never with a stale copy.
        records = records.select_for_update(of=("self",))
    missing = exceptions.NotFound(
        f"No {kind.label} {shown(named)} is held for {force.name if force else 'this force'}."
    )
    if force is None:
        raise missing
    if kind.lookup == "pk":
        if not (named.isascii() and named.isdigit()) or not 0 < int(named) <= LARGEST_ID:
            raise missing
        record = records.filter(pk=int(named)).first()
    else:
        try:
            value = kind.target.format.by_name[kind.lookup].parse(named)
        except ValueError:
            raise missing from None
        if kind.per_force:
            records = records.filter(force=force)
        record = records.filter(**{kind.lookup: value}).first()
    if record is None or kind.force_id_of(record) != force.pk:
        raise missing
    return record


def cells_of(kind: Kind, data: dict[str, Any]) -> dict[str, str]:
    """JSON values (already of their columns' types) as the cell texts the format reads."""
    columns = kind.target.format.by_name
    return {name: to_cell(columns[name], value) for name, value in data.items() if name in columns}


def _same_force(named: Any, force: Force) -> bool:
    return " ".join(str(named).split()).casefold() == " ".join(force.name.split()).casefold()


def merged(typing: list[Problem], found: list[Problem]) -> list[Problem]:
    """Problems of type first; a field sent with the wrong type is not also "required"."""
    wrong = {name for name, _ in typing}
    return typing + [(name, message) for name, message in found if name not in wrong]


def check(
    kind: Kind,
    client: ApiClient,
    data: dict[str, Any],
    record: Any | None,
    typing: Sequence[Problem] = (),
) -> tuple[Values, References, Force]:
    """The record's values, checked by its format's rules and resolved; raises Invalid with
    every problem (with `typing`, those of the fields sent with the wrong JSON type), or
    Conflict for a new record whose reference is held already."""
    force = client_force(client, create=True)
    assert force is not None  # the installation's own force is made when there is none
    problems: list[Problem] = []
    named = data.get("force")
    if named not in (None, "", "not_recorded") and not _same_force(named, force):
        problems.append(("force", f"this system reads and writes records of {force.name} only"))
    cells = cells_of(kind, data)
    cells["force"] = force.name
    values, found = kind.target.format.check(cells, timezone.now())
    problems += found
    refs = References(force.name, add_missing=False, hint=API_HINT)
    problems += kind.target.resolve(values, refs)
    key = kind.key
    if (
        key is not None
        and record is not None
        and values.get(key) is not None
        and values[key] != getattr(record, key)
    ):
        problems.append(
            (
                key,
                f"{shown(values[key])} is not the reference of the record addressed "
                f"({shown(getattr(record, key))}); a reference cannot change",
            )
        )
    problems = merged(list(typing), problems)
    if problems:
        raise Invalid(problems)
    if record is None and key is not None:
        held = kind.model._default_manager.filter(**{key: values[key]})
        if kind.per_force:
            held = held.filter(force=force)
        if held.exists():
            raise Conflict(
                f"A {kind.label} {shown(values[key])} is held already: read it, then change "
                "it with PUT or PATCH and its ETag in If-Match. Nothing was changed."
            )
    return values, refs, force


def _plain(value: Any) -> Any:
    return rows.country(value) if hasattr(value, "code") else value


def _person(
    kind: Kind, values: Values, force: Force, given: bool, record: Any | None
) -> Person | None:
    """The person the record is about: named by the identifier sent (stored only as its
    keyed pseudonym), else the one it already had; their profile takes the attributes
    recorded at this event (register/profile.py)."""
    if given:
        ref = values.get(PERSON_REF)
        if ref is None:
            return None
        pseudonym = pseudonymise(ref, force=force.name, key=settings.PSEUDONYM_KEY)
        person: Person | None = Person.objects.filter(pseudonym=pseudonym).first() or Person(
            pseudonym=pseudonym
        )
    else:
        person = record.person if record is not None else None
    if person is None:
        return None
    event = kind.target.event
    changed = person.pk is None
    if event is not None and values.get(event) is not None:
        current = {name: _plain(getattr(person, name)) for name in PROFILE_FIELDS}
        observed = {name: values.get(name) for name in PROFILE_FIELDS}
        merged, latest = merge_profile(current, person.last_recorded_at, observed, values[event])
        if merged != current or latest != person.last_recorded_at:
            for name, value in merged.items():
                setattr(person, name, value)
            person.last_recorded_at = latest
            changed = True
    if changed:  # one save: a new person is collected with their profile, in one entry
        person.save()
    return person


def _unlink_changed_references(record: Any, fields: dict[str, Any]) -> None:
    # A disclosure links the episode and agreement its references name; a changed reference
    # names another (linking.py makes the new link after the save).
    if not isinstance(record, Disclosure) or record.pk is None:
        return
    if fields["custody_ref"] != record.custody_ref:
        record.custody_episode = None
    if fields["agreement_ref"] != record.agreement_ref:
        record.agreement = None


def save(
    kind: Kind,
    client: ApiClient,
    data: dict[str, Any],
    record: Any | None = None,
    typing: Sequence[Problem] = (),
) -> Any:
    """Create (record None) or replace the record from `data`, a whole row of its format.

    Leaving out person_ref keeps the person the record has; sending it as null clears it.
    Call inside a transaction: the record, its person and its links are saved together."""
    values, refs, force = check(kind, client, data, record, typing)
    fields = kind.target.fields(values, refs)
    person = _person(kind, values, force, PERSON_REF in data, record)
    created = record is None
    if record is None:
        new: Any = kind.model()
        record = new
        if kind.per_force:
            record.force = force
        if kind.key is not None:
            setattr(record, kind.key, values[kind.key])
    _unlink_changed_references(record, fields)
    for name, value in fields.items():
        setattr(record, name, value)
    record.person = person
    if hasattr(record, "source_hash"):
        # As the importer would fingerprint the same row: re-importing it changes nothing.
        record.source_hash = fingerprint(fields, person.pseudonym if person else None)
    record._change_reason = f"Systems API ({client.actor})"
    record.save()
    kind.after_save(record, created)
    return record


def merged_row(kind: Kind, record: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """The record's row with `changes` applied (PATCH): every rule is then checked on the
    whole row, as a file's row would be."""
    row = kind.target.represent(record)
    row.update(changes)
    return row
