"""The answer page opened from a case's figures question (links.answers_url): which question
it answers, the way back to the case, and whether the figures can be saved back to it."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from answerable.answers.links import CASE, CASE_QUESTION
from answerable.casework.models import InformationRequest, RequestQuestion
from answerable.roles import predicates


@dataclass(frozen=True)
class ForCase:
    reference: str
    number: int
    question: RequestQuestion | None
    back_url: str
    problem: str  # why the figures cannot be saved to the question; "" when they can

    @property
    def can_save(self) -> bool:
        return self.question is not None and not self.problem


def for_case(request: HttpRequest) -> ForCase | None:
    """The case question the page was opened for (?case=REF&case_question=N), for those who
    may read cases; None when there is none, or the user may not see cases."""
    reference = request.GET.get(CASE, "").strip()
    number = request.GET.get(CASE_QUESTION, "").strip()
    if not reference or not number.isdigit() or not predicates.can_do_casework(request.user):
        return None
    case = InformationRequest.objects.filter(reference=reference).first()
    if case is None:
        return ForCase(reference, int(number), None, "", f"There is no case {reference}")
    back = reverse("casework:case_detail", kwargs={"reference": reference})
    question = case.questions.filter(number=int(number)).first()
    if question is None:
        return ForCase(reference, int(number), None, back, f"{reference} has no question {number}")
    problem = ""
    if question.frozen:
        problem = (
            f"Question {question.number} was answered in the response issued on "
            f"{question.frozen_at:%d %B %Y}: its figures are frozen and cannot be changed"
        )
    elif not InformationRequest.objects.awaiting_response().filter(pk=case.pk).exists():
        problem = f"{reference} is not awaiting a response: its figures cannot be changed"
    return ForCase(reference, question.number, question, f"{back}#question-{number}", problem)
