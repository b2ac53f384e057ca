"""The release ledger's pages: what has been released, table by table, for the disclosure
manager (who decides releases) and the data protection officer (who checks them).

They show each release's definition and figures as published, never a count behind `[c]`.
Reading them is no processing of a person's data, so it writes no audit entry.
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from answerable.answers.catalogue import CATALOGUE
from answerable.answers.models import Release
from answerable.answers.output.labels import reader_label
from answerable.roles.predicates import can_read_ledger
from answerable.web.access import require

PER_PAGE = 50


def _title(definition: dict[str, Any], dimension: str) -> str:
    question = CATALOGUE.get(definition.get("question", ""))
    if question is not None and dimension in question.dimensions:
        return question.dimensions[dimension].title
    return reader_label(dimension)


def _describe(definition: dict[str, Any]) -> list[tuple[str, str]]:
    """A table's definition in words, as (heading, text) rows."""
    question = CATALOGUE.get(definition.get("question", ""))
    first, last = definition.get("from"), definition.get("to")
    rows = [
        ("Question", question.title if question else definition.get("question", "")),
        ("Period", f"{first or 'the first record'} to {last or 'the latest record'}"),
        ("Counting", "people" if definition.get("count") == "people" else "records"),
    ]
    by = definition.get("by") or []
    if by:
        rows.append(("Broken down by", ", ".join(_title(definition, name) for name in by)))
    for name, values in (definition.get("where") or {}).items():
        shown = ", ".join(reader_label(str(value)) for value in values)
        rows.append((f"Only where: {_title(definition, name)}", shown))
    if "duration" in by or "duration" in (definition.get("where") or {}):
        rows.append(("Bands (hours)", ", ".join(map(str, definition.get("bands") or []))))
    return rows


@require(can_read_ledger)
def ledger(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.prefetch_related("tables")
    page = Paginator(releases, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "answers/ledger.html", {"page": page, "releases": page.object_list})


@require(can_read_ledger)
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(Release.objects.prefetch_related("tables"), pk=pk)
    tables = []
    for table in entry.tables.all():
        figures = [
            (
                ", ".join(
                    f"{_title(table.definition, d)}: {reader_label(str(v))}"
                    for d, v in item["fixed"].items()
                )
                or "Total",
                item["display"],
            )
            for item in table.figures
        ]
        tables.append(
            {"table": table, "definition": _describe(table.definition), "figures": figures}
        )
    return render(request, "answers/release.html", {"release": entry, "tables": tables})
