"""The public pages of the disclosure log: no sign-in, nothing unpublished or withdrawn.

Every view starts from Publication.objects.published(), so a response is visible nowhere
before its publication date (a UK date) or after it is withdrawn.
"""

import csv
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from answerable.core.spreadsheet import neutralised_row
from answerable.disclosure_log.anonymise import sanitise
from answerable.disclosure_log.filters import LogFilter, style_for_govuk
from answerable.disclosure_log.headings import demote_headings
from answerable.disclosure_log.models import Publication, PublicationQuerySet
from answerable.web.access import require

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
    filters = LogFilter(request.GET, published())
    form = filters.form
    page = None
    if filters.is_valid():
        publications = filters.qs.defer(*HEAVY_FIELDS).prefetch_related("topics")
        page = Paginator(publications, PER_PAGE).get_page(request.GET.get("page"))
    # An invalid filter shows its error and no list: results not filtered as the reader asked
    # would be mistaken for the ones they asked for.
    style_for_govuk(form)
    filtered = any(request.GET.get(name) for name in LogFilter.base_filters)
    return _page(request, "list.html", {"form": form, "page": page, "filtered": filtered})


def _get(reference: str) -> Publication:
    try:
        return published().get(reference=reference)
    except Publication.DoesNotExist:
        raise Http404("No published response has that reference") from None


def _documents(publication: Publication, url_name: str) -> list[tuple[str, str]]:
    """(file name, address) of each document published with the response."""
    kwargs = {"reference": publication.reference}
    return [
        (document.filename, reverse(url_name, kwargs={**kwargs, "number": document.number}))
        for document in publication.documents.defer("content").order_by("number")
    ]


def publication_detail(request: HttpRequest, reference: str) -> HttpResponse:
    publication = _get(reference)
    # Sanitised again on the way out: the stored letter was sanitised when it was scheduled,
    # and this keeps it so whatever has touched the row since.
    body = sanitise(demote_headings(publication.body_html, top=3))
    context = {
        "publication": publication,
        "body": body,
        "pdf_url": publication.get_pdf_url(),
        "documents": _documents(publication, "disclosure_log:document"),
    }
    return _page(request, "detail.html", context)


def _pdf(publication: Publication) -> HttpResponse:
    response = HttpResponse(bytes(publication.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{publication.reference}.pdf"'
    return response


def publication_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    return _pdf(_get(reference))


def _document(publication: Publication, number: int) -> HttpResponse:
    document = get_object_or_404(publication.documents, number=number)
    response = HttpResponse(bytes(document.content), content_type=document.mime_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def publication_document(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """A document released with a published response."""
    return _document(_get(reference), number)


# --- the staff preview --------------------------------------------------------------------


def can_preview(user: Any) -> bool:
    """Staff who handle the log's publications (the FOI officer, the disclosure manager)
    see a response's public copy before its publication date, and after a withdrawal."""
    return bool(user.has_perm("disclosure_log.view_publication"))


def _staff_only(response: HttpResponse) -> HttpResponse:
    # Not for search engines or shared caches: the public may not see it yet.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require(can_preview)
@never_cache
def publication_preview(request: HttpRequest, reference: str) -> HttpResponse:
    """The public copy exactly as the public page will show it, whatever its date."""
    publication = get_object_or_404(Publication, reference=reference)
    body = sanitise(demote_headings(publication.body_html, top=3))
    context = {
        "publication": publication,
        "body": body,
        "preview": True,
        "is_public": publication.is_published(),
        "pdf_url": reverse("disclosure_log:preview_pdf", kwargs={"reference": reference}),
        "documents": _documents(publication, "disclosure_log:preview_document"),
    }
    return _staff_only(_page(request, "detail.html", context))


@require(can_preview)
@never_cache
def publication_preview_document(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    return _staff_only(_document(get_object_or_404(Publication, reference=reference), number))


@require(can_preview)
@never_cache
def publication_preview_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    return _staff_only(_pdf(get_object_or_404(Publication, reference=reference)))


def export_csv(request: HttpRequest) -> HttpResponse:
    """What the list's current filters select, every page of it."""
    filters = LogFilter(request.GET, published())
    form = filters.form
    if not filters.is_valid():
        problems = "; ".join(
            f"{form.fields[name].label}: {' '.join(map(str, errors))}"
            if name in form.fields
            else " ".join(map(str, errors))
            for name, errors in form.errors.items()
        )
        return HttpResponse(
            f"The filters are not valid: {problems}\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    publications = filters.qs.defer(*HEAVY_FIELDS).prefetch_related("topics")
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
