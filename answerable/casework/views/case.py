"""One case, from receipt to the disclosure log; and editing one of its questions.

The requester's name and contact details are shown only to those who may see the requester
(predicates.can_see_requester); so are the letters as issued, which name them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from answerable.answers.links import answers_url
from answerable.casework.forms import IssueForm, QuestionForm, notices_for
from answerable.casework.models import (
    CourtAppeal,
    InformationRequest,
    IssuedLetter,
    RequestQuestion,
)
from answerable.casework.models.choices import AnswerKind, Status
from answerable.casework.published import answer_by_published_table, published_table
from answerable.casework.views.access import can_change_cases, can_edit_questions
from answerable.casework.views.deadlines import Calendars, days_left, deadline_text, status_tag
from answerable.casework.views.figures import PageTable, page_table
from answerable.casework.views.panels import work_context
from answerable.casework.views.timeline import notice_label, timeline
from answerable.disclosure_log.models import Publication
from answerable.roles import predicates
from answerable.statistics_releases.models import EditionTable
from answerable.web.access import require


def get_case(reference: str) -> InformationRequest:
    return get_object_or_404(
        InformationRequest.objects.select_related("officer"), reference=reference
    )


@dataclass(frozen=True)
class QuestionView:
    question: RequestQuestion
    table: PageTable | None
    answers_url: str | None = None  # the answer page asking its figures question
    # A current published statistics table that answers it exactly (FOISA s25), and its page.
    published: EditionTable | None = None
    published_url: str = ""


def _question_view(user: Any, case: InformationRequest, question: RequestQuestion) -> QuestionView:
    table = published_table(question) if case.responded_on is None else None
    return QuestionView(
        question,
        page_table(question.result),
        _answers_url(user, case, question),
        table,
        table_url(table) if table else "",
    )


def table_url(table: EditionTable) -> str:
    return (
        reverse("statistics:edition", kwargs={"slug": table.edition.slug}) + f"#{table.element_id}"
    )


def _answers_url(user: Any, case: InformationRequest, question: RequestQuestion) -> str | None:
    """For those who may ask questions, a figures question's query on the answer page, to
    change there and save back (answers/links.py)."""
    if question.answer_kind != AnswerKind.FIGURES or not question.ask:
        return None
    if not predicates.can_ask(user):
        return None
    return answers_url(question.ask, reference=case.reference, number=question.number)


def _issued_letter(request: HttpRequest, case: InformationRequest) -> IssuedLetter | None:
    """The letter just issued (?issued=<pk>), offered for download; only one of this case."""
    value = request.GET.get("issued", "")
    if not value.isdigit():
        return None
    return case.letters.filter(pk=int(value)).first()


def case_context(
    request: HttpRequest,
    case: InformationRequest,
    *,
    errors: Sequence[tuple[str, str]] = (),  # (message, the anchor it points to, or "")
    error_title: str = "",
    issue_form: IssueForm | None = None,
) -> dict[str, Any]:
    today = timezone.localdate()
    user = request.user
    questions = list(case.questions.select_related("exemption", "document").order_by("number"))
    letters = list(case.letters.select_related("issued_by").order_by("issued_on", "pk"))
    reviews = list(case.reviews.select_related("reviewer").order_by("requirement_received_on"))
    appeals = list(case.appeals.select_related("review").order_by("application_received_on"))
    court_appeals = list(CourtAppeal.objects.filter(appeal__request=case).order_by("lodged_on"))
    publication = (
        Publication.objects.defer("body_html", "body_text", "pdf")
        .filter(reference=case.reference)
        .first()
    )
    overdue = case.is_overdue(today)
    deadline = ""
    if case.due_on and case.responded_on is None:
        left = days_left(Calendars()(case.regime), today, case.due_on)
        deadline = deadline_text(left, overdue=overdue)
    choice = notices_for(question.answer_kind for question in questions)
    may_change = can_change_cases(user)
    may_issue = (
        may_change
        and case.responded_on is None
        and case.status
        not in (
            Status.CLOSED,
            Status.WITHDRAWN,
        )
    )
    if may_issue and issue_form is None and choice.notices:
        issue_form = IssueForm(notices=choice.notices)
    may_edit = can_edit_questions(user)
    refreshable = [q for q in questions if q.answer_kind == AnswerKind.FIGURES and not q.frozen]
    return {
        "case": case,
        "status_class": status_tag(case.status),
        "overdue": overdue,
        "deadline": deadline,
        "may_see_requester": predicates.can_see_requester(user),
        "questions": [_question_view(user, case, q) for q in questions],
        "exemptions": list(case.exemptions.all()),
        "letters": [(letter, notice_label(letter.notice)) for letter in letters],
        "reviews": reviews,
        "appeals": appeals,
        "court_appeals": court_appeals,
        "publication": publication,
        "published": publication is not None and publication.is_published(),
        "events": timeline(
            case,
            letters=letters,
            reviews=reviews,
            appeals=appeals,
            court_appeals=court_appeals,
            publication=publication,
            today=today,
        ),
        "issued_letter": _issued_letter(request, case),
        "dispatches": list(case.dispatches.select_related("letter", "by").order_by("pk")),
        "may_issue": may_issue,
        "issue_form": issue_form if may_issue else None,
        "no_notice_reason": choice.reason,
        "may_change": may_change,
        "may_close": may_change and case.status == Status.RESPONDED,
        "may_edit": may_edit,
        "may_refresh": may_edit and bool(refreshable),
        "admin_url": reverse("admin:casework_informationrequest_change", args=[case.pk])
        if user.is_staff and user.has_perm("casework.change_informationrequest")
        else "",
        "errors": list(errors),
        "error_title": error_title,
        # Tasks, the search record, the cost estimate and sign-off (panels.py).
        **work_context(
            user,
            case,
            today,
            open_=case.responded_on is None
            and case.status not in (Status.CLOSED, Status.WITHDRAWN),
        ),
    }


def render_case(
    request: HttpRequest, case: InformationRequest, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request, "casework/case_detail.html", case_context(request, case, **extra), status=status
    )


@require(predicates.can_do_casework)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return render_case(request, get_case(reference))


@require(can_edit_questions)
def question_edit(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    case = get_case(reference)
    question = case.questions.filter(number=number).first()
    if question is None:
        raise Http404(f"{reference} has no question {number}")
    context: dict[str, Any] = {
        "case": case,
        "question": question,
        "answers_url": _answers_url(request.user, case, question),
    }
    if request.method != "POST":
        context["form"] = None if question.frozen else QuestionForm(question=question)
        return render(request, "casework/question_edit.html", context)
    form = QuestionForm(request.POST, question=question)
    if not form.is_valid():
        # A frozen question is refused with the reason; nothing is saved.
        return render(request, "casework/question_edit.html", {**context, "form": form})
    form.question.save(
        update_fields=["text", "answer_kind", "answer_text", "part_answer_kind", "part_answer_text"]
    )
    return redirect(
        reverse("casework:case_detail", kwargs={"reference": reference})
        + f"#question-{question.number}"
    )


@require(can_edit_questions)
def question_published(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """Answer a figures question with the published table that answers it (FOISA s25)."""
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    case = get_case(reference)
    question = case.questions.filter(number=number).first()
    table = published_table(question) if question and case.responded_on is None else None
    if question is None or table is None:
        raise Http404(f"No published table answers {reference} question {number}")
    try:
        answer_by_published_table(question, table, request.build_absolute_uri(table_url(table)))
    except ValueError as error:
        return render_case(request, case, status=400, errors=[(str(error), f"question-{number}")])
    return redirect(
        reverse("casework:case_detail", kwargs={"reference": reference}) + f"#question-{number}"
    )
