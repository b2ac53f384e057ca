"""The quarterly statistics page (staff only), and its CSV; the letters issued."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.utils import timezone

from answerable.casework.models import IssuedLetter
from answerable.casework.statistics import (
    as_csv,
    last_complete_quarter,
    parse_quarter,
    quarterly_return,
)

# Kept here rather than in templates/, so that the page is one module; it extends the
# admin's base so staff see it in the admin's frame.
PAGE = """{% extends "admin/base_site.html" %}
{% block title %}Quarterly statistics {{ quarter }}{% endblock %}
{% block content %}
<h1>Quarterly statistics return: {{ quarter }} ({{ quarter.describe }})</h1>
<form method="get">
  <label for="quarter">Quarter (YYYY-QN)</label>
  <input id="quarter" name="quarter" value="{{ quarter }}" pattern="\\d{4}-[Qq][1-4]">
  <button type="submit">Show</button>
  <a href="?quarter={{ quarter }}&amp;format=csv">Download CSV</a>
</form>
{% if error %}<p class="errornote">{{ error }}</p>{% endif %}
<p>For the Scottish Information Commissioner's statistics portal: FOI and EIR separately.
Requests are counted by the day received; responses, fees, reviews and decisions by the day
they happened in the quarter.</p>
<table>
  <thead><tr><th>Section</th><th>Measure</th><th>FOI</th><th>EIR</th></tr></thead>
  <tbody>
  {% for row in report.rows %}
    <tr><td>{% ifchanged row.section %}{{ row.section }}{% endifchanged %}</td>
        <td>{{ row.measure }}</td><td>{{ row.foi }}</td><td>{{ row.eir }}</td></tr>
  {% endfor %}
  </tbody>
</table>
{% endblock %}
"""


@staff_member_required
def statistics(request: HttpRequest) -> HttpResponse:
    error = ""
    text = request.GET.get("quarter", "").strip()
    quarter = last_complete_quarter(timezone.localdate())
    if text:
        try:
            quarter = parse_quarter(text)
        except ValueError as problem:
            error = str(problem)
    report = quarterly_return(quarter)
    if request.GET.get("format") == "csv" and not error:
        response = HttpResponse(as_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="foi-statistics-{quarter}.csv"'
        return response
    template = engines["django"].from_string(PAGE)
    context = {"quarter": quarter, "report": report, "error": error, "title": "Statistics"}
    from django.contrib import admin

    context.update(admin.site.each_context(request))
    return HttpResponse(template.render(context, request), status=400 if error else 200)


@staff_member_required
def letter(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    """A letter as issued. It names the requester: only those who may see the requester."""
    if not request.user.has_perm("casework.view_requester"):
        raise PermissionDenied
    if format not in ("html", "pdf"):
        raise Http404("a letter is given as html or pdf")
    issued = get_object_or_404(IssuedLetter, pk=pk)
    name = f"{issued.request.reference}-{issued.notice}-{issued.issued_on}"
    if format == "pdf":
        response = HttpResponse(bytes(issued.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
    return HttpResponse(issued.html, content_type="text/html; charset=utf-8")
