"""The public pages of the published statistics: no sign-in, nothing before its publication.

Every page reads the tables as they were stored when the edition was prepared and checked
(models.EditionTable): nothing is counted per view. Each table's CSV is described by CSV on
the Web metadata (W3C, "Metadata Vocabulary for Tabular Data"), found by the standard's own
conventions: the CSV's `Link: <...>; rel="describedby"` header and the `-metadata.json`
suffix.
"""

import csv
import io
import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from answerable.core.spreadsheet import neutralised_row
from answerable.statistics_releases import csvw, services
from answerable.statistics_releases.models import Edition, EditionStatus, EditionTable

CSVW_TYPE = "application/csvm+json"


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, f"statistics_releases/{template}", context)


def _published(slug: str) -> Edition:
    edition = services.published_editions().filter(slug=slug).first()
    if edition is None:
        raise Http404("No published edition has that name")
    return edition


def _table(edition: Edition, position: int) -> EditionTable:
    table = edition.tables.filter(position=position).first()
    if table is None:
        raise Http404("The edition has no table of that number")
    return table


def _edition_context(edition: Edition) -> dict[str, Any]:
    tables = list(edition.tables.all())
    footnotes: list[str] = []
    for table in tables:
        for note in table.document.get("footnotes", []):
            if note not in footnotes:
                footnotes.append(note)
    revisions = services.published_editions().filter(
        definition=edition.definition, period=edition.period
    )
    return {
        "edition": edition,
        "tables": tables,
        "footnotes": footnotes,
        "not_held": any(figure_status(table, "not_held") for table in tables),
        "withheld": any(figure_status(table, "withheld") for table in tables),
        "thresholds": sorted({t.document["suppression"]["threshold"] for t in tables} - {None}),
        "reason": next(
            (
                t.document["suppression"].get("reason")
                for t in tables
                if t.document["suppression"].get("reason")
            ),
            "",
        ),
        "other_editions": [e for e in revisions.order_by("number") if e.pk != edition.pk],
        "superseded": services.superseded(edition),
    }


def figure_status(table: EditionTable, status: str) -> bool:
    document = table.document
    figures = [*document["cells"], document["total"]]
    for margin in (document.get("margins") or {}).values():
        figures += margin
    return any(figure["status"] == status for figure in figures)


def latest(request: HttpRequest) -> HttpResponse:
    """The newest published edition of each series, every table with its chart."""
    current = services.current_editions()
    newest: dict[int, Edition] = {}
    for edition in current:
        newest.setdefault(edition.definition_id, edition)
    editions = [_edition_context(edition) for edition in newest.values()]
    return _page(
        request,
        "latest.html",
        {"releases": editions, "upcoming": _upcoming()[:3]},
    )


def edition_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, "edition.html", _edition_context(_published(slug)))


def editions(request: HttpRequest) -> HttpResponse:
    """Every published edition, revisions and the editions they revise included."""
    found = list(services.published_editions().order_by("-last_day", "-number"))
    superseded = {
        e.pk
        for e in found
        if any(
            o.definition_id == e.definition_id and o.period == e.period and o.number > e.number
            for o in found
        )
    }
    return _page(request, "editions.html", {"editions": found, "superseded": superseded})


def _upcoming() -> list[Edition]:
    today = timezone.localdate()
    return list(
        Edition.objects.exclude(status=EditionStatus.PUBLISHED)
        .filter(publish_on__gte=today)
        .select_related("definition")
        .order_by("publish_on", "pk")
    )


def release_calendar(request: HttpRequest) -> HttpResponse:
    recent = list(services.published_editions().order_by("-published_at")[:12])
    return _page(request, "calendar.html", {"upcoming": _upcoming(), "recent": recent})


def rows_of(table: EditionTable) -> list[list[Any]]:
    """The CSV's rows: the grid as `answerable ask --format csv` writes it, with a header
    row for a table that is a total only."""
    rows = [list(row) for row in table.grid]
    if not table.document["by"]:
        rows.insert(0, ["Measure", "Count"])
    return rows


def table_csv(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    edition = _published(slug)
    table = _table(edition, position)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(neutralised_row(row) for row in rows_of(table))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-table-{position}.csv"'
    metadata = reverse("statistics:metadata", kwargs={"slug": slug, "position": position})
    response["Link"] = f'<{metadata}>; rel="describedby"; type="{CSVW_TYPE}"'
    return response


def table_metadata(request: HttpRequest, slug: str, position: int) -> HttpResponse:
    edition = _published(slug)
    table = _table(edition, position)
    url = request.build_absolute_uri(
        reverse("statistics:csv", kwargs={"slug": slug, "position": position})
    )
    document = csvw.metadata(
        table,
        rows_of(table)[0],
        url=url,
        publisher=getattr(settings, "ANSWERABLE_AUTHORITY_NAME", ""),
        page=request.build_absolute_uri(reverse("statistics:edition", kwargs={"slug": slug})),
    )
    return HttpResponse(json.dumps(document, indent=2, ensure_ascii=False), content_type=CSVW_TYPE)
