"""A record's page: every field, the records linked to it, and its history.

Opening a page consults a person's record (DPA 2018 s62(1)(c)), so each view is logged in
the audit trail with the user as actor. A record outside the user's division is refused
(403), as is a person's page to anyone limited to a division: it gathers records from
every division (predicates.can_view_person).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Field, Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from answerable.audit.actions import Action
from answerable.audit.trail import record as audit
from answerable.register.forms.reason import ConsultationReasonForm
from answerable.register.models import CustodyEpisode, Disclosure, IcceRequest, Person
from answerable.register.special_category import special_categories_of
from answerable.register.views import access
from answerable.register.views.display import Row, summary, value_text
from answerable.register.views.history import versions
from answerable.register.views.kinds import (
    CUSTODY,
    DISCLOSURE,
    ICCE,
    KINDS,
    NCCU,
    PERSON,
    Kind,
    kind_of,
    may_open,
)
from answerable.roles import predicates
from answerable.roles.predicates import User
from answerable.web.access import require
from answerable.web.wording import titled

RECORD_PURPOSE = "record page"
NOT_MADE_BY = "Not made by an NCCU contact or an ICCE referral."


@dataclass(frozen=True)
class Linked:
    reference: str
    url: str
    when: str
    division: str
    what: str


@dataclass(frozen=True)
class Section:
    title: str
    records: list[Linked]
    empty: str = "None."
    rows: list[Row] = field(default_factory=list)  # a section of plain values instead


def linked(user: User, records: Iterable[Model]) -> list[Linked]:
    """The records, each with its page, leaving out any the user may not open: a link to
    a record of another division or kind would tell them it exists (least privilege)."""
    found = []
    for record in records:
        if not may_open(user, record):
            continue
        kind = kind_of(record)
        assert kind is not None  # may_open is true only of a record of a kind
        meta = record._meta
        when_field, what_field = meta.get_field(kind.when), meta.get_field(kind.what)
        assert isinstance(when_field, Field) and isinstance(what_field, Field)
        division = getattr(record, "division", None)
        found.append(
            Linked(
                reference=str(record),
                url=kind.detail_url(record),
                when=value_text(when_field, getattr(record, kind.when)),
                division=str(division) if division is not None else "Not recorded",
                what=value_text(what_field, getattr(record, kind.what)),
            )
        )
    return found


def sections_of(user: User, record: Model) -> list[Section]:
    """The records linked to this one that its own fields do not already link."""
    if isinstance(record, CustodyEpisode):
        return [
            Section("NCCU contacts", linked(user, _related(record.nccu_contacts))),
            Section("Disclosures", linked(user, _related(record.disclosures))),
            Section("ICCE requests", linked(user, _related(record.icce_requests))),
        ]
    if isinstance(record, Disclosure):
        made_by = [
            getattr(record, name)
            for name in ("nccu_contact", "icce_request")
            if hasattr(record, name)  # a reverse one-to-one that is not there raises
        ]
        reports = [
            Row(value_text(report._meta.get_field("outcome"), report.outcome), _reported(report))
            for report in record.outcome_reports.all()
        ]
        return [
            Section("Made by", linked(user, made_by), NOT_MADE_BY),
            Section("Home Office outcome reports", [], "No outcome reported.", reports),
        ]
    if isinstance(record, Person):
        return [
            Section(kind.plural, linked(user, _related(getattr(record, name))))
            for kind, name in (
                (CUSTODY, "custody_episodes"),
                (NCCU, "nccu_contacts"),
                (DISCLOSURE, "disclosures"),
                (ICCE, "icce_requests"),
            )
        ]
    if isinstance(record, IcceRequest):
        transfers = [
            Row(
                # A CountryField reads as a Country (django-countries); the stubs say str.
                f"{transfer.transferred_on:%-d %B %Y}: {transfer.recipient_country.name}",  # type: ignore[attr-defined]
                f"{transfer.recipient_authority}; {transfer.get_legal_basis_display()}; "
                f"{', '.join(transfer.category_labels())}; authorised by "
                f"{transfer.authorised_by}",
            )
            for transfer in record.transfers.all()
        ]
        return [
            Section(
                "Transfers abroad (DPA 2018 Part 3 Chapter 5)",
                [],
                "No transfer abroad recorded.",
                transfers,
            )
        ]
    return []  # an NCCU contact links its records in its own fields


def _related(manager: Any) -> Any:
    return manager.select_related("division").order_by(*KINDS[manager.model].ordering)


def _reported(report: Any) -> str:
    on = value_text(report._meta.get_field("outcome_on"), report.outcome_on)
    return f"{on}, reported by {report.reported_by}" + (
        f" (Home Office reference {report.reference})" if report.reference else ""
    )


EDIT_PAGES = {
    CUSTODY: "register:custody_edit",
    NCCU: "register:nccu_edit",
    ICCE: "register:icce_edit",
}


def edit_url(user: User, kind: Kind, record: Model) -> str:
    name = EDIT_PAGES.get(kind)
    if name is None or not predicates.can_correct(user, kind.name, record):
        return ""
    return reverse(name, kwargs={"pk": record.pk})


def show_record(
    request: HttpRequest, kind: Kind, record: Model, rows: list[Row] | None = None
) -> HttpResponse:
    purpose, detail = RECORD_PURPOSE, None
    if predicates.must_give_reason_for_records(request.user):
        # The form comes before the record: nothing of it is shown, or logged as consulted,
        # until a reason is given; the reason is kept in the consultation's audit entry.
        form = ConsultationReasonForm(request.POST if request.method == "POST" else None)
        if not form.is_valid():
            return render(
                request,
                "register/form.html",
                {
                    "title": f"Why are you opening {kind.title.lower()} {record.pk}?",
                    "form": form,
                    "submit": "Open the record",
                    "back_url": reverse("register:index"),
                },
                status=400 if form.is_bound else 200,
            )
        purpose, detail = form.purpose(), {"reason": form.cleaned_data["details"]}
    audit(Action.CONSULTATION, record=record, purpose=purpose, detail=detail)
    user = request.user
    context = {
        "kind": kind,
        "record": record,
        "heading": str(record) if kind is PERSON else titled(kind.title, str(record)),
        "rows": rows if rows is not None else summary(record, user),
        "sections": sections_of(user, record),
        "versions": versions(record),
        "edit_url": edit_url(user, kind, record),
        "list_url": reverse(f"register:{kind.slug}_list") if kind is not PERSON else "",
        "transfer_url": (
            reverse("register:icce_transfer", kwargs={"pk": record.pk})
            if kind is ICCE and access.can_record_icce(user)
            else ""
        ),
        "special_categories": special_categories_of(
            {field.name for field in record._meta.concrete_fields}
        ),
    }
    return render(request, "register/record.html", context)


def _open(request: HttpRequest, kind: Kind, pk: int, *related: str) -> HttpResponse:
    record = get_object_or_404(kind.model._default_manager.select_related(*related), pk=pk)
    if not predicates.can_view_record(request.user, kind.name, record):
        raise PermissionDenied
    return show_record(request, kind, record)


@require(access.can_view_custody)
def custody_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(request, CUSTODY, pk, "force", "division", "station", "person")


@require(access.can_view_nccu)
def nccu_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(
        request, NCCU, pk, "division", "station", "person", "custody_episode", "disclosure"
    )


@require(access.can_view_disclosures)
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(request, DISCLOSURE, pk, "force", "division", "person", "agreement")


@require(access.can_view_icce)
def icce_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(request, ICCE, pk, "division", "person", "custody_episode", "criteria__document")


@require(predicates.can_view_person)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    rows = [Row("Pseudonym (short form)", person.pseudonym[:12]), *summary(person, request.user)]
    return show_record(request, PERSON, person, rows)
