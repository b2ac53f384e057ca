"""The data protection officer's pages: search the audit trail, export it, verify its chain.

DPA 2018 s62(4): the log is used only to verify the lawfulness of processing, for
self-monitoring, for integrity and security, and in criminal proceedings; so only the data
protection officer opens these pages. The trail names staff and what they did, so searching
and exporting it are themselves consultations of personal data, and are logged as such.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from answerable.audit.actions import Action
from answerable.audit.chain import parse_recorded
from answerable.audit.forms import AuditSearchForm
from answerable.audit.models import AuditEntry
from answerable.audit.trail import record
from answerable.audit.verify import check
from answerable.roles import predicates
from answerable.web.access import require
from answerable.web.spreadsheet import neutralise

PER_PAGE = 50
SELF = "audit.auditentry"  # the record type of the trail's own entries, when it is consulted

# The register's page for each record type it has one for (pk in the URL).
RECORD_PAGES = {
    "register.custodyepisode": "register:custody_detail",
    "register.nccucontact": "register:nccu_detail",
    "register.disclosure": "register:disclosure_detail",
    "register.iccerequest": "register:icce_detail",
    "register.person": "register:person_detail",
}

CSV_HEADER = (
    "entry",
    "date and time (UK)",
    "action",
    "who",
    "record type",
    "record",
    "recipient",
    "purpose",
    "detail",
    "previous hash",
    "hash",
)


@dataclass(frozen=True)
class Row:
    entry: AuditEntry
    record_label: str  # "Custody episode", or the stored type where no model has it
    record_url: str  # the register's page for the record, or "" (none, or since erased)
    detail: str  # "fields: released_at; page: 2"


def record_label(record_type: str) -> str:
    try:
        return str(apps.get_model(record_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return record_type


def detail_text(detail: str) -> str:
    """An entry's detail (JSON text) as "name: value; ..." for people to read."""
    try:
        values = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(values, dict):
        return detail
    parts = []
    for name, value in values.items():
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        elif isinstance(value, dict):
            value = ", ".join(f"{key} {item}" for key, item in value.items())
        parts.append(f"{name.replace('_', ' ')}: {value}")
    return "; ".join(parts)


def record_urls(entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
    """The register page of each record the entries name that has one and still exists."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.record_type in RECORD_PAGES and entry.record_id.isdigit():
            wanted.setdefault(entry.record_type, set()).add(int(entry.record_id))
    urls = {}
    for record_type, ids in wanted.items():
        # Only whether the record is still there (an erased one has no page): nothing of it.
        existing = (
            apps.get_model(record_type).objects.filter(pk__in=ids).values_list("pk", flat=True)
        )
        for pk in existing:
            try:
                url = reverse(RECORD_PAGES[record_type], kwargs={"pk": pk})
            except NoReverseMatch:
                break  # the register has no such page (yet): no links for this type
            urls[(record_type, str(pk))] = url
    return urls


def rows_of(entries: list[AuditEntry]) -> list[Row]:
    urls = record_urls(entries)
    return [
        Row(
            entry=entry,
            record_label=record_label(entry.record_type) if entry.record_type else "",
            record_url=urls.get((entry.record_type, entry.record_id), ""),
            detail=detail_text(entry.detail),
        )
        for entry in entries
    ]


def latest_sequence() -> int:
    return AuditEntry.objects.aggregate(last=Max("sequence"))["last"] or 0


def _pinned(form: AuditSearchForm) -> int:
    """The last entry the search covers: as the first page pinned it, or the latest now."""
    upto = form.cleaned_data.get("upto")
    if upto is None:
        upto = latest_sequence()
        form.cleaned_data["upto"] = upto
    return upto


@require(predicates.can_audit)
def search(request: HttpRequest) -> HttpResponse:
    # Always bound: every field is optional, so a visit with no query lists the latest entries.
    form = AuditSearchForm(request.GET)
    context: dict[str, Any] = {"form": form, "page": None, "rows": []}
    if form.is_valid():
        upto = _pinned(form)
        entries = form.filter(AuditEntry.objects.all()).order_by("-sequence")
        page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
        rows = rows_of(list(page.object_list))
        # Logged once the page is read, so the search is not among its own results.
        record(
            Action.CONSULTATION,
            record_type=SELF,
            purpose="audit search",
            detail={**form.filters(), "page": page.number, "up_to_entry": upto},
        )
        context.update(page=page, rows=rows, upto=upto, page_pins={"upto": upto})
    context["filtered"] = any(request.GET.get(name) for name in AuditSearchForm.base_fields)
    return render(request, "audit/search.html", context)


class _Echo:
    """A file whose write() returns what it is given: csv.writer for a streamed response."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> str:
    return neutralise("" if value is None else value)


def _csv_lines(entries: Iterator[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # A byte order mark: Excel reads a CSV without one in the legacy code page.
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    for entry in entries:
        row = (
            entry.sequence,
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.get_action_display(),
            entry.actor,
            entry.record_type,
            entry.record_id,
            entry.recipient,
            entry.purpose,
            entry.detail,
            entry.previous_hash,
            entry.hash,
        )
        yield writer.writerow([_csv_cell(cell) for cell in row])


@require(predicates.can_audit)
def export(request: HttpRequest) -> HttpResponse:
    """What the search's filters select, every page of it, oldest first, as CSV."""
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label or name}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        )
        return HttpResponse(
            f"The filters are not valid: {problems}\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    upto = _pinned(form)
    entries = form.filter(AuditEntry.objects.all()).order_by("sequence")
    record(
        Action.CONSULTATION,
        record_type=SELF,
        purpose="audit export",
        detail={**form.filters(), "entries": entries.count(), "up_to_entry": upto},
    )
    response = StreamingHttpResponse(
        _csv_lines(entries.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="audit-trail-to-entry-{upto}.csv"'
    return response


@require(predicates.can_audit)
def verify(request: HttpRequest) -> HttpResponse:
    """The chain checked now, and its head for the data protection officer to record."""
    text = request.GET.get("recorded", "").strip()
    recorded, recorded_error = None, ""
    if text:
        try:
            recorded = parse_recorded(text)
        except ValueError as error:
            recorded_error = str(error)[:1].upper() + str(error)[1:]
    result = check(recorded=recorded)
    context = {
        "result": result,
        "checked_at": timezone.now(),
        "recorded": recorded,
        "recorded_text": text,
        "recorded_error": recorded_error,
    }
    return render(request, "audit/verify.html", context)
