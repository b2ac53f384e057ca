"""Downloading the answer on the page as CSV, XLSX or PDF (answers:download, format in the
path, the question in the same query string as the page's)."""

from django.http import Http404, HttpRequest, HttpResponse

from answerable.answers.views.downloads import FORMATS, filename
from answerable.answers.views.page import answered, ask_form, render_page, too_costly_page
from answerable.roles import predicates
from answerable.web.access import require

DOWNLOAD_PURPOSE = "answer download"


@require(predicates.can_ask)
@too_costly_page
def download(request: HttpRequest, format: str) -> HttpResponse:
    kind = FORMATS.get(format)
    if kind is None:
        raise Http404(f"No download as {format!r}; the formats are {', '.join(FORMATS)}")
    form = ask_form(request, bound=True)  # a download with no question says it needs one
    answer = answered(form, purpose=DOWNLOAD_PURPOSE, format=format)
    if answer is None:
        return render_page(request, form, None, status=400)
    exact = form.wants_exact
    response = HttpResponse(kind.write(answer, exact), content_type=kind.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{filename(answer, exact, kind.extension)}"'
    )
    # A table of figures about people is not kept by shared caches (exact ones above all).
    response["Cache-Control"] = "private, no-store"
    return response
