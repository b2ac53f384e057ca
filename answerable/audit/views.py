"""The data protection officer's pages: search the audit trail, export it, verify its chain.

DPA 2018 s62(4): the log is used only to verify the lawfulness of processing, for
self-monitoring, for integrity and security, and in criminal proceedings; so only the data
protection officer opens these pages. The trail names staff and what they did, so searching
and exporting it are themselves consultations of personal data, and are logged as such.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from answerable.audit.actions import Action
from answerable.audit.chain import parse_recorded
from answerable.audit.forms import AuditFilter, AuditSearchForm
from answerable.audit.models import AuditEntry
from answerable.audit.sentences import RECORD_TYPE_LABELS, Sentence, describe
from answerable.audit.trail import record
from answerable.audit.verify import check
from answerable.core.record_types import RECORD_TYPES
from answerable.core.spreadsheet import Cell, neutralise
from answerable.roles import predicates
from answerable.web.access import require

PER_PAGE = 50
SELF = "audit.auditentry"  # the record type of the trail's own entries, when it is consulted

# The register's page for each record type it has one for (pk in the URL).
RECORD_PAGES = {kind.audit_type: kind.detail_page for kind in RECORD_TYPES if kind.detail_page}

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
    record_label: str  # "Custody episode", "ICCE request", or the stored type if unknown
    record_url: str  # the register's page for the record, or "" (none, or since erased)
    detail: str  # "fields: released_at; page: 2"
    sentence: Sentence  # what happened, as the page says it (audit/sentences.py)


def kind_of(record_type: str) -> str:
    """A record type in words, as in a sentence: "custody episode", "ICCE request"."""
    if record_type in RECORD_TYPE_LABELS:
        return RECORD_TYPE_LABELS[record_type]
    try:
        return str(apps.get_model(record_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return record_type


def record_label(record_type: str) -> str:
    """A record type as a label: its first letter a capital, acronyms kept ("ICCE request")."""
    kind = kind_of(record_type)
    return kind[:1].upper() + kind[1:]


def field_labels(record_type: str) -> Callable[[str], str]:
    """A field's name in words for the record type's model: "released_at" is "released at"
    or whatever the model calls it."""

    def label(name: str) -> str:
        try:
            field = apps.get_model(record_type)._meta.get_field(name)
        except (LookupError, ValueError, FieldDoesNotExist):
            return name.replace("_", " ")
        return str(getattr(field, "verbose_name", name.replace("_", " ")))

    return label


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


def record_pages(
    entries: Iterable[AuditEntry],
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """The register page of each record the entries name that has one and still exists,
    and its name as the register shows it ("DEMO-NCS-009829")."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        if entry.record_type in RECORD_PAGES and entry.record_id.isdigit():
            wanted.setdefault(entry.record_type, set()).add(int(entry.record_id))
    urls, names = {}, {}
    for record_type, ids in wanted.items():
        # Whether the record is still there (an erased one has no page) and its reference.
        for found in apps.get_model(record_type).objects.filter(pk__in=ids):
            key = (record_type, str(found.pk))
            names[key] = str(found)
            # The register may have no such page (yet): then no link.
            with suppress(NoReverseMatch):
                urls[key] = reverse(RECORD_PAGES[record_type], kwargs={"pk": found.pk})
    return urls, names


def sentence_of(entry: AuditEntry, names: dict[tuple[str, str], str]) -> Sentence:
    key = (entry.record_type, entry.record_id)
    return describe(
        entry.action,
        kind=kind_of(entry.record_type) if entry.record_type else "",
        name=names.get(key, entry.record_id),
        purpose=entry.purpose,
        recipient=entry.recipient,
        detail_text=entry.detail,
        field_label=field_labels(entry.record_type),
        kind_label=kind_of,
    )


def rows_of(entries: list[AuditEntry]) -> list[Row]:
    urls, names = record_pages(entries)
    return [
        Row(
            entry=entry,
            record_label=record_label(entry.record_type) if entry.record_type else "",
            record_url=urls.get((entry.record_type, entry.record_id), ""),
            detail=detail_text(entry.detail),
            sentence=sentence_of(entry, names),
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
    filters = AuditFilter(request.GET, AuditEntry.objects.all())
    form = filters.form
    context: dict[str, Any] = {"form": form, "page": None, "rows": []}
    if filters.is_valid():
        upto = _pinned(form)
        entries = filters.qs.order_by("-sequence")
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
    context["filtered"] = any(request.GET.get(name) for name in form.fields)
    return render(request, "audit/search.html", context)


class _Echo:
    """A file whose write() returns what it is given: csv.writer for a streamed response."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Cell:
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
def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """What the search's filters select, every page of it, oldest first, as CSV."""
    filters = AuditFilter(request.GET, AuditEntry.objects.all())
    form = filters.form
    if not filters.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label or name}: {' '.join(map(str, errors))}"
            if name in form.fields
            else " ".join(map(str, errors))
            for name, errors in form.errors.items()
        )
        return HttpResponse(
            f"The filters are not valid: {problems}\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    upto = _pinned(form)
    entries = filters.qs.order_by("sequence")
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
