"""A letter as issued (HTML or PDF). It names the requester, so only those who may see
the requester open it (roles.py: casework.view_requester). The PDF is the response as the
requester has it: the letter with its PDF enclosures appended (enclosures.py)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from answerable.casework.enclosures import bundle, enclosures_for
from answerable.casework.models import IssuedLetter
from answerable.roles import predicates
from answerable.web.access import require
from answerable.web.inline_styles import allow_own_inline_styles


@require(predicates.can_see_requester)
@allow_own_inline_styles  # the letter's own <style>, by its hash; still no script
def letter(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    if format not in ("html", "pdf"):
        raise Http404("a letter is given as html or pdf")
    issued = get_object_or_404(IssuedLetter.objects.select_related("request"), pk=pk)
    name = f"{issued.request.reference}-{issued.notice}-{issued.issued_on}"
    if format == "pdf":
        enclosures = enclosures_for(issued)
        pdf = bundle(bytes(issued.pdf), enclosures) if enclosures else bytes(issued.pdf)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    return HttpResponse(issued.html, content_type="text/html; charset=utf-8")
