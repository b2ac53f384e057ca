"""Issuing a response: the figures frozen, the letter made and kept, the disclosure log fed.

Issuing is one transaction: the figures given are frozen as the letter gives them (a later
change to the register never alters a response already sent), the letter is rendered from
the case as HTML and PDF and kept (IssuedLetter), the case records its response and notice,
and for a response to a request (not a review) the anonymised copy is scheduled in the
disclosure log, to appear seven days after issue as the seeds promise. If any step fails,
nothing is issued.
"""

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import AskError
from answerable.audit.actor import current_actor
from answerable.casework import answering
from answerable.casework.letters import advice
from answerable.casework.letters.content import (
    Answered,
    Exemption,
    Letter,
    Notice,
    QuestionAnswer,
)
from answerable.casework.letters.content import Review as ReviewContent
from answerable.casework.letters.exemptions import title_of
from answerable.casework.letters.render import html_to_pdf, render_html, render_pdf, stylesheet
from answerable.casework.models import (
    CitedExemption,
    InformationRequest,
    IssuedLetter,
    RequestQuestion,
    Review,
)
from answerable.casework.models.choices import AnswerKind, Status
from answerable.disclosure_log.anonymise import anonymise, anonymise_text
from answerable.disclosure_log.publish import schedule

ANSWERED = {
    AnswerKind.FIGURES: Answered.FIGURES,
    AnswerKind.TEXT: Answered.TEXT,
    AnswerKind.DOCUMENT: Answered.TEXT,
    AnswerKind.EXEMPT: Answered.EXEMPT,
    AnswerKind.NOT_HELD: Answered.NOT_HELD,
    AnswerKind.COST: Answered.COST,
    AnswerKind.NCND: Answered.NCND,
}


class IssueError(ValueError):
    """The response cannot be issued as the case stands; the message says what to do."""


def _exemption(regime: str, cited: CitedExemption) -> Exemption:
    return Exemption(
        section=cited.section,
        title=title_of(regime, cited.section),
        reasons=cited.reasons,
        public_interest=cited.public_interest,
    )


def _question(regime: str, question: RequestQuestion) -> QuestionAnswer:
    if not question.answer_kind:
        raise IssueError(f"question {question.number} has no answer yet")
    figures = question.answer_kind == AnswerKind.FIGURES
    try:
        flags = answering.shown(question.ask) if figures and isinstance(question.ask, dict) else {}
    except AskError as error:
        raise IssueError(f"question {question.number}: {error}") from None
    return QuestionAnswer(
        number=question.number,
        text=question.text,
        answered=ANSWERED[AnswerKind(question.answer_kind)],
        answer_text=question.answer_text,
        figures=question.result if figures else None,
        exemption=_exemption(regime, question.exemption) if question.exemption else None,
        document=str(question.document) if question.document else "",
        show_average=flags.get("show_average", False),
        show_cost=flags.get("show_cost", False),
    )


def requester_address(request: InformationRequest) -> tuple[str, ...]:
    lines = [line.strip() for line in request.requester_address.splitlines() if line.strip()]
    return tuple(lines or ([request.requester_email] if request.requester_email else []))


def personal_strings(request: InformationRequest) -> list[str]:
    """Every form of the requester's identity a letter may carry, for the anonymiser."""
    name = request.requester_name.strip()
    # Not the surname alone: a requester called Govan must not take a custody centre out of
    # the published tables. The public letter has no salutation naming the requester.
    # Nor a town alone ("Perth" is a custody centre too): of the address, the first line and
    # those with a number (house, postcode), which are what identify someone.
    address = [
        line
        for n, line in enumerate(requester_address(request))
        if n == 0 or any(c.isdigit() for c in line)
    ]
    strings = [name, *address, request.requester_email]
    return [s for s in dict.fromkeys(strings) if s]


def _narrowing(request: InformationRequest, questions: Sequence[RequestQuestion]) -> list[str]:
    """The officer's s15 advice, or else Answerable's: what the catalogue can answer."""
    written = [line.strip() for line in request.narrowing_advice.splitlines() if line.strip()]
    if written:
        return written
    asked = [q.ask.get("question") for q in questions if isinstance(q.ask, dict) and q.ask]
    names = [name for name in dict.fromkeys(asked) if name in CATALOGUE] or list(CATALOGUE)
    return list(advice.narrowing_advice(CATALOGUE, names))


def letter_for(request: InformationRequest, issued_on: date, notice: Notice) -> Letter:
    """The letter the case gives, as plain values (casework/letters/content.py)."""
    questions = list(request.questions.select_related("exemption", "document").order_by("number"))
    cost = request.cost_assessment()
    return Letter(
        regime=request.regime,
        notice=notice,
        reference=request.reference,
        issued_on=issued_on,
        received_on=request.received_on,
        requester_name=request.requester_name,
        requester_address=requester_address(request),
        questions=tuple(_question(request.regime, q) for q in questions),
        cost_gbp=cost.cost.gbp,
        cost_hours=cost.cost.hours,
        fee_gbp=request.fee_gbp,
        narrowing_advice=tuple(_narrowing(request, questions)) if notice == Notice.COST else (),
        exemptions=tuple(_exemption(request.regime, e) for e in request.exemptions.all()),
    )


def _keep(
    request: InformationRequest, letter: Letter, issued_on: date, user: Any, review: Any = None
) -> IssuedLetter:
    return IssuedLetter.objects.create(
        request=request,
        review=review,
        notice=letter.notice,
        issued_on=issued_on,
        issued_by=user,
        html=render_html(letter),
        pdf=render_pdf(letter),
    )


def issue_response(
    request: InformationRequest, *, notice: Notice | str, issued_on: date, user: Any = None
) -> IssuedLetter:
    """Issue the response to `request` with `notice`, and schedule it in the disclosure log."""
    notice = Notice(notice)
    if notice in (Notice.FEES, Notice.REVIEW):
        raise IssueError(f"a {notice.value} notice is not a response to the request")
    if request.responded_on is not None:
        raise IssueError(f"{request.reference} was answered on {request.responded_on}")
    if issued_on < request.received_on:
        raise IssueError("a response cannot be issued before the request was received")
    with transaction.atomic():
        # Released by the signed-in user, or else whoever is acting (a command such as the
        # demo's), never by no one.
        answering.freeze(request, released_by=str(user) if user else current_actor())
        letter = letter_for(request, issued_on, notice)
        issued = _keep(request, letter, issued_on, user)
        personal = personal_strings(request)
        public_html = anonymise(render_html(letter, public=True), personal)
        schedule(
            reference=request.reference,
            title=request.title,
            summary=anonymise_text(_summary(request), personal),
            regime=request.regime,
            outcome=notice.value,
            topics=[t.strip() for t in request.topics.split(",") if t.strip()],
            exemptions_cited=", ".join(f"s{e.section}" for e in letter.all_exemptions),
            received_on=request.received_on,
            issued_on=issued_on,
            body_html=public_html,
            pdf=html_to_pdf(public_html, stylesheet=stylesheet()),
            personal=personal,
        )
        request.responded_on = issued_on
        request.notice = notice.value
        request.status = Status.RESPONDED
        request.save()
    return issued


def issue_fees_notice(
    request: InformationRequest, *, issued_on: date, user: Any = None
) -> IssuedLetter:
    """A fees notice (s9): the clock stops from this day until the fee is paid (s10(3))."""
    if request.fee_gbp is None:
        raise IssueError("record the fee before issuing a fees notice")
    with transaction.atomic():
        issued = _keep(request, letter_for(request, issued_on, Notice.FEES), issued_on, user)
        request.fee_notice_issued_on = issued_on
        request.status = Status.AWAITING_FEE
        request.save()
    return issued


def issue_review_notice(review: Review, *, issued_on: date, user: Any = None) -> IssuedLetter:
    """The review notice (s21(5)): the outcome and reasons, with the appeal rights."""
    if not review.outcome or not review.reasons.strip():
        raise IssueError("record the review's outcome and reasons before issuing its notice")
    request = review.request
    with transaction.atomic():
        letter = dataclasses.replace(
            letter_for(request, issued_on, Notice.REVIEW),
            review=ReviewContent(
                outcome=review.outcome,
                reasons=review.reasons,
                requirement_received=review.requirement_received_on,
            ),
        )
        issued = _keep(request, letter, issued_on, user, review=review)
        review.responded_on = issued_on
        review.save()
    return issued


def _summary(request: InformationRequest) -> str:
    questions = request.questions.order_by("number")
    first = questions.first()
    text = first.text if first else request.title
    return text if len(text) <= 300 else text[:297].rstrip() + "..."
