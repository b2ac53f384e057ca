"""The public pages of the disclosure log: no sign-in, nothing unpublished or withdrawn.

Every view starts from Publication.objects.published(), so a response is visible nowhere
before its publication date (a UK date) or after it is withdrawn.
"""

import csv
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from answerable.disclosure_log.anonymise import sanitise
from answerable.disclosure_log.filters import LogFilterForm, style_for_govuk
from answerable.disclosure_log.headings import demote_headings
from answerable.disclosure_log.models import Publication, PublicationQuerySet
from answerable.web.spreadsheet import neutralised_row

PER_PAGE = 20
# Fields the list, feed and export never show: not loaded for them.
HEAVY_FIELDS = ("body_html", "body_text", "pdf")

CSV_HEADER = (
    "reference",
    "title",
    "regime",
    "outcome",
    "topics",
    "exemptions",
    "received",
    "issued",
    "published",
    "url",
)


def published() -> PublicationQuerySet:
    return Publication.objects.published()


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    force = getattr(settings, "ANSWERABLE_FORCE", "")
    layout: dict[str, Any] = {"force_name": force}
    if not request.user.is_authenticated:
        # The public's only section is the log itself, which the service name already links
        # to: no navigation (signed-in staff keep theirs, web/navigation.py).
        layout["navigation"] = []
    return render(request, f"disclosure_log/{template}", {**layout, **context})


def publication_list(request: HttpRequest) -> HttpResponse:
    # Always bound: every field is optional, so a visit with no query is a valid empty search.
    form = LogFilterForm(request.GET)
    page = None
    if form.is_valid():
        publications = form.filter(published()).defer(*HEAVY_FIELDS).prefetch_related("topics")
        page = Paginator(publications, PER_PAGE).get_page(request.GET.get("page"))
    # An invalid filter shows its error and no list: results not filtered as the reader asked
    # would be mistaken for the ones they asked for.
    style_for_govuk(form)
    filtered = any(request.GET.get(name) for name in LogFilterForm.base_fields)
    return _page(request, "list.html", {"form": form, "page": page, "filtered": filtered})


def _get(reference: str) -> Publication:
    try:
        return published().get(reference=reference)
    except Publication.DoesNotExist:
        raise Http404("No published response has that reference") from None


def publication_detail(request: HttpRequest, reference: str) -> HttpResponse:
    publication = _get(reference)
    # Sanitised again on the way out: the stored letter was sanitised when it was scheduled,
    # and this keeps it so whatever has touched the row since.
    body = sanitise(demote_headings(publication.body_html, top=3))
    return _page(request, "detail.html", {"publication": publication, "body": body})


def publication_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    publication = _get(reference)
    response = HttpResponse(bytes(publication.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{publication.reference}.pdf"'
    return response


def export_csv(request: HttpRequest) -> HttpResponse:
    """What the list's current filters select, every page of it."""
    form = LogFilterForm(request.GET)
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        )
        return HttpResponse(
            f"The filters are not valid: {problems}\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    publications = form.filter(published()).defer(*HEAVY_FIELDS).prefetch_related("topics")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="disclosure-log.csv"'
    # A byte order mark: Excel reads a CSV without one in the legacy code page.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(neutralised_row(CSV_HEADER))
    for publication in publications:
        row = (
            publication.reference,
            publication.title,
            publication.get_regime_display(),
            publication.get_outcome_display(),
            "; ".join(publication.topic_names()),
            publication.exemptions_cited,
            publication.received_on.isoformat(),
            publication.issued_on.isoformat(),
            publication.publish_on.isoformat(),
            request.build_absolute_uri(publication.get_absolute_url()),
        )
        writer.writerow(neutralised_row(row))
    return response
