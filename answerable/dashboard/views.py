"""The staff dashboard (dashboard:index at staff/): the register's headline figures for every
staff role, and the cases awaiting a response for those who do casework."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from answerable.dashboard.cases import open_cases
from answerable.dashboard.figures import dashboard_figures
from answerable.roles import predicates
from answerable.web.access import require


@require(predicates.can_see_dashboard)
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # A divisional user sees their division's figures beside the force's.
    division = predicates.division_of(request.user)
    blocks = dashboard_figures(today, division)
    footnotes: list[str] = []
    for block in blocks:
        footnotes += [note for note in block.footnotes if note not in footnotes]
    context = {
        "today": today,
        "blocks": blocks,
        "footnotes": footnotes,
        "casework": False,
        "division": division,
    }
    if predicates.can_do_casework(request.user):
        rows, total = open_cases(today)
        context.update(casework=True, cases=rows, cases_total=total)
    return render(request, "dashboard/index.html", context)
