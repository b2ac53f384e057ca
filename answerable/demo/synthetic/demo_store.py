"""Storing the demo records that have no interchange format: documents and their versions,
NCCU contacts, ICCE requests and the Home Office's outcome reports.

Each is keyed on its reference and written only when it is new or a field differs, always
with its history (and the reason below): a second run on the same day changes nothing.
Changed records are saved one by one through the model; the thousands of NCCU contacts and
ICCE requests of a first run are created in bulk with django-simple-history's
bulk_create_with_history, which writes the same history entries, because saving them one
at a time took half a minute on PostgreSQL.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from simple_history.utils import bulk_create_with_history

from answerable.audit import trail
from answerable.audit.actions import Action
from answerable.core.record_types import record_type_of
from answerable.core.uk_time import uk_date
from answerable.demo.synthetic.demo_documents import DOCUMENTS, HIGH_HARM_CRITERIA
from answerable.demo.synthetic.demo_records import DemoIcce, DemoNccuContact
from answerable.register.documents import save_and_link
from answerable.register.models import (
    CustodyEpisode,
    Disclosure,
    Division,
    Document,
    DocumentVersion,
    Force,
    IcceRequest,
    NccuContact,
    OutcomeReport,
    Person,
    Station,
)
from answerable.register.pseudonym import pseudonymise
from answerable.register.reference_data import POLICE_SCOTLAND

CHANGE_REASON = "SYNTHETIC demo data (answerable demo)"
CHUNK = 500
BATCH = 500  # rows per INSERT when creating in bulk


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def describe(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


def _comparable(value: Any) -> Any:
    # A multiple CountryField reads back as Country objects; compare their codes.
    if isinstance(value, list | tuple):
        return [getattr(item, "code", item) for item in value]
    return value


def save_if_changed(
    record: models.Model | None,
    model: type[models.Model],
    key: dict[str, Any],
    values: dict[str, Any],
    save: Callable[[Any], object] | None = None,
) -> tuple[models.Model, str]:
    """Create the record, update the fields that differ, or leave it (saved by `save`, the
    record's service where it has one); returns the record and "created", "updated" or
    "unchanged"."""
    if record is None:
        record = model(**key, **values)
        outcome = "created"
    else:
        changed = {
            name: value
            for name, value in values.items()
            if _comparable(getattr(record, name)) != _comparable(value)
        }
        if not changed:
            return record, "unchanged"
        for name, value in changed.items():
            setattr(record, name, value)
        outcome = "updated"
    # simple_history's reason for this change; not a field the stubs know.
    record._change_reason = CHANGE_REASON  # type: ignore[attr-defined]
    if save is None:
        record.save()
    else:
        save(record)
    return record, outcome


def store_documents() -> tuple[Tally, Tally]:
    """The demo documents and their versions; returns (documents, versions) tallies."""
    documents, versions = Tally(), Tally()
    held = {
        d.reference: d
        for d in Document.objects.filter(reference__in=[s.reference for s in DOCUMENTS])
    }
    for spec in DOCUMENTS:
        document, outcome = save_if_changed(
            held.get(spec.reference),
            Document,
            {"reference": spec.reference},
            {
                "title": spec.title,
                "kind": spec.kind,
                "parties": "\n".join(spec.parties),
                "summary": spec.summary,
            },
            save=save_and_link,  # linked as any document saved (register/documents.py)
        )
        documents.add(outcome)
        assert isinstance(document, Document)
        held_versions = {v.version: v for v in document.versions.all()}
        for version in spec.versions:
            _, outcome = save_if_changed(
                held_versions.get(version.version),
                DocumentVersion,
                {"document": document, "version": version.version},
                {
                    "status": version.status,
                    "dated": version.dated,
                    "effective_from": version.effective_from,
                    "withdrawn_on": version.withdrawn_on,
                    "notes": "Synthetic demo version: number and dates invented.",
                },
            )
            versions.add(outcome)
    return documents, versions


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


class Lookups:
    """Database ids of what the demo records point to, by the demo's own references."""

    def __init__(self) -> None:
        force = Force.objects.get(name=POLICE_SCOTLAND)
        self.divisions = dict(Division.objects.filter(force=force).values_list("code", "id"))
        self.stations = dict(Station.objects.filter(force=force).values_list("name", "id"))
        self.episodes = dict(
            CustodyEpisode.objects.filter(force=force, custody_ref__startswith="DEMO-").values_list(
                "custody_ref", "id"
            )
        )
        self.disclosures = dict(
            Disclosure.objects.filter(force=force, disclosure_ref__startswith="DEMO-").values_list(
                "disclosure_ref", "id"
            )
        )
        self.criteria = dict(
            DocumentVersion.objects.filter(document__reference=HIGH_HARM_CRITERIA).values_list(
                "version", "id"
            )
        )
        self.people: dict[str, int] = {}

    def load_people(self, refs: set[str]) -> None:
        """Ids of the people named, by the same keyed pseudonym the importer uses; a person
        the imports did not bring is created."""
        by_pseudonym = {
            pseudonymise(ref, force=POLICE_SCOTLAND, key=settings.PSEUDONYM_KEY): ref
            for ref in refs
        }
        pseudonyms = sorted(by_pseudonym)
        for chunk in _chunks(pseudonyms):
            for pseudonym, pk in Person.objects.filter(pseudonym__in=chunk).values_list(
                "pseudonym", "id"
            ):
                self.people[by_pseudonym[pseudonym]] = pk
        for pseudonym in pseudonyms:
            ref = by_pseudonym[pseudonym]
            if ref not in self.people:
                person, _ = save_if_changed(None, Person, {"pseudonym": pseudonym}, {})
                self.people[ref] = person.pk

    def pk(self, table: dict[str, int], ref: str | None) -> int | None:
        return table[ref] if ref is not None else None


def _sync(
    model: type[models.Model],
    held: Mapping[str, models.Model],
    wanted: Iterable[tuple[str, dict[str, Any]]],
) -> Tally:
    """Create the records not held (in bulk), update those that differ, leave the rest."""
    tally = Tally()
    new = []
    for reference, values in wanted:
        record = held.get(reference)
        if record is None:
            new.append(model(reference=reference, **values))
            tally.add("created")
        else:
            tally.add(save_if_changed(record, model, {}, values)[1])
    if new:
        made = bulk_create_with_history(
            new, model, batch_size=BATCH, default_change_reason=CHANGE_REASON
        )
        # Bulk writes send no signals: the s62 collection is logged once for the batch.
        ids = [record.pk for record in made if record.pk is not None]
        trail.record(
            Action.COLLECTION,
            record_type=record_type_of(model),
            purpose="synthetic demonstration data",
            detail={
                "count": len(new),
                "first_id": min(ids, default=None),
                "last_id": max(ids, default=None),
            },
        )
    return tally


def store_nccu(contacts: list[DemoNccuContact], lookups: Lookups) -> Tally:
    held = {c.reference: c for c in NccuContact.objects.filter(reference__startswith="DEMO-NCCU-")}

    def values(contact: DemoNccuContact) -> dict[str, Any]:
        fields = contact.fields()
        plain = (
            "contacted_at",
            "channel",
            "role",
            "trigger",
            "advice",
            "action_taken",
            "officer",
            "notes",
        )
        return {
            **{name: fields[name] for name in plain},
            # NccuContact.save() derives this; bulk creation does not call save().
            "contacted_on": uk_date(fields["contacted_at"]),
            "division_id": lookups.pk(lookups.divisions, fields["division"]),
            "station_id": lookups.pk(lookups.stations, fields["station"]),
            "person_id": lookups.pk(lookups.people, fields["person"]),
            "custody_episode_id": lookups.pk(lookups.episodes, fields["custody_episode"]),
            "disclosure_id": lookups.pk(lookups.disclosures, fields["disclosure"]),
        }

    return _sync(NccuContact, held, ((contact.ref, values(contact)) for contact in contacts))


def store_icce(requests: list[DemoIcce], as_of: date, lookups: Lookups) -> Tally:
    held = {r.reference: r for r in IcceRequest.objects.filter(reference__startswith="DEMO-ICCE-")}

    def values(request: DemoIcce) -> dict[str, Any]:
        fields = request.fields(as_of)
        links = {
            "division_id": (lookups.divisions, fields.pop("division")),
            "person_id": (lookups.people, fields.pop("person")),
            "custody_episode_id": (lookups.episodes, fields.pop("custody_episode")),
            "criteria_id": (lookups.criteria, fields.pop("criteria")),
            "referral_disclosure_id": (lookups.disclosures, fields.pop("referral_disclosure")),
        }
        return {**fields, **{name: lookups.pk(*link) for name, link in links.items()}}

    return _sync(IcceRequest, held, ((request.ref, values(request)) for request in requests))


REPORTED_BY = "demo (SYNTHETIC)"


def store_outcome_reports(reports: list[tuple[str, str, date]], lookups: Lookups) -> Tally:
    """The Home Office outcome reports not yet held, keyed on (disclosure, outcome, date).

    Each report in a disclosure's course is of a later outcome than the one before, so each
    became the disclosure's outcome when it was reported (became_latest), as the systems
    API records a report (api/outcomes.py).
    """
    tally = Tally()
    ids = [lookups.disclosures[ref] for ref, _, _ in reports]
    held = set(
        OutcomeReport.objects.filter(disclosure_id__in=ids).values_list(
            "disclosure_id", "outcome", "outcome_on"
        )
    )
    new = []
    for (_, outcome, on), disclosure_id in zip(reports, ids, strict=True):
        if (disclosure_id, outcome, on) in held:
            tally.add("unchanged")
            continue
        new.append(
            OutcomeReport(
                disclosure_id=disclosure_id,
                outcome=outcome,
                outcome_on=on,
                reported_by=REPORTED_BY,
                became_latest=True,
            )
        )
        tally.add("created")
    if new:
        made = OutcomeReport.objects.bulk_create(new, batch_size=BATCH)
        # As for the other bulk writes: the s62 collection is logged once for the batch.
        trail.record(
            Action.COLLECTION,
            record_type=record_type_of(OutcomeReport),
            purpose="synthetic demonstration data",
            detail={"count": len(made)},
        )
    return tally
