"""The quarterly statistics return (casework/statistics.py) as a page, and its CSV.

Counts only: nothing about a requester is read, so the page and the CSV hold nothing
personal. A quarter that cannot be read is answered 400 with the reason, never another
quarter's figures.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from answerable.casework.models.choices import Notice
from answerable.casework.statistics import (
    QuarterlyReturn,
    as_csv,
    last_complete_quarter,
    parse_quarter,
    quarterly_return,
)
from answerable.roles import predicates
from answerable.web.access import require

# Short enough for the chart's label column; the return's table below keeps the full wording
# with the section of the Act.
SHORT_OUTCOMES = {
    Notice.FULL: "Released in full",
    Notice.PARTIAL: "Released in part",
    Notice.COST: "Refused: cost",
    Notice.EXEMPT: "Refused: exempt",
    Notice.NOT_HELD: "Not held",
    Notice.NCND: "Neither confirm nor deny",
    Notice.VEXATIOUS: "Vexatious or repeated",
}


def outcome_rows(report: QuarterlyReturn) -> list[tuple[str, int, int, int]]:
    """(outcome, FOI, EIR, total) for each kind of response, as the return counts them."""
    return [
        (
            SHORT_OUTCOMES[notice],
            int(report.value(notice.label, "FOI")),
            int(report.value(notice.label, "EIR")),
            int(report.value(notice.label, "FOI")) + int(report.value(notice.label, "EIR")),
        )
        for notice in Notice
    ]


@require(predicates.can_do_casework)
def statistics(request: HttpRequest) -> HttpResponse:
    error = ""
    text = request.GET.get("quarter", "").strip()
    quarter = last_complete_quarter(timezone.localdate())
    if text:
        try:
            quarter = parse_quarter(text)
        except ValueError as problem:
            error = str(problem)
            error = error[:1].upper() + error[1:]
    # A quarter that cannot be read shows no figures: they would be taken for its own.
    report = None if error else quarterly_return(quarter)
    if report is not None and request.GET.get("format") == "csv":
        response = HttpResponse(as_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="foi-statistics-{quarter}.csv"'
        return response
    outcomes = outcome_rows(report) if report is not None else []
    context = {
        "quarter": quarter,
        "typed": text or str(quarter),
        "report": report,
        "outcomes": outcomes,
        "chart_rows": [(label, total) for label, _, _, total in outcomes],
        "error": error,
    }
    return render(request, "casework/statistics.html", context, status=400 if error else 200)
