"""Issuing a response: the figures frozen, the letter made and kept, the disclosure log fed.

Issuing is one transaction: the figures given are frozen as the letter gives them (a later
change to the register never alters a response already sent), the letter is rendered from
the case as HTML and PDF and kept (IssuedLetter), the case records its response and notice,
and for a response to a request (not a review) the anonymised copy is scheduled in the
disclosure log, to appear seven days after issue as the seeds promise. If any step fails,
nothing is issued. A response is issued only once signed off (signoff.py).
"""

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from answerable.answers.catalogue import CATALOGUE
from answerable.answers.engine import AskError
from answerable.answers.stored import shown
from answerable.audit.actor import current_actor
from answerable.casework import answering, signoff
from answerable.casework.enclosures import documents_of, legacy_documents, request_enclosures
from answerable.casework.letters import advice
from answerable.casework.letters.content import (
    Answered,
    Exemption,
    Letter,
    Notice,
    QuestionAnswer,
)
from answerable.casework.letters.content import Review as ReviewContent
from answerable.casework.letters.elements import outcome, parts, provisions_used, withheld_figures
from answerable.casework.letters.exemptions import normalise, title_of
from answerable.casework.letters.render import render_html, render_pdf, stylesheet
from answerable.casework.letters.request import problems as split_problems
from answerable.casework.models import (
    CitedExemption,
    InformationRequest,
    IssuedLetter,
    RequestQuestion,
    Review,
)
from answerable.casework.models.choices import AnswerKind, Status
from answerable.casework.public_copy import public_outcome
from answerable.core.pdf import html_to_pdf
from answerable.core.regimes import CITATIONS, citations_of
from answerable.disclosure_log.anonymise import anonymise_text
from answerable.disclosure_log.names import name_variants
from answerable.disclosure_log.public_contacts import public_contacts
from answerable.disclosure_log.publish import PublicDocument, anonymised_letter, schedule

ANSWERED = {
    AnswerKind.FIGURES: Answered.FIGURES,
    AnswerKind.TEXT: Answered.TEXT,
    AnswerKind.DOCUMENT: Answered.TEXT,
    AnswerKind.EXEMPT: Answered.EXEMPT,
    AnswerKind.NOT_HELD: Answered.NOT_HELD,
    AnswerKind.COST: Answered.COST,
    AnswerKind.NCND: Answered.NCND,
}


# Letters that are not a response to the request (issue_response refuses them).
NOT_RESPONSES = frozenset(
    {Notice.FEES, Notice.REVIEW, Notice.ACKNOWLEDGEMENT, Notice.CLARIFICATION, Notice.LATE}
)


class IssueError(ValueError):
    """The response cannot be issued as the case stands; the message says what to do."""


def _exemption(regime: str, cited: CitedExemption) -> Exemption:
    return Exemption(
        section=cited.section,
        title=title_of(regime, cited.section),
        reasons=cited.reasons,
        public_interest=cited.public_interest,
        condition=cited.condition,
        harm_to=cited.harm_to,
        harm_likelihood=cited.harm_likelihood,
        harm_how=cited.harm_how,
        consulted=tuple(dict.fromkeys(c.party for c in cited.consultations.all())),
    )


def _question(regime: str, question: RequestQuestion) -> QuestionAnswer:
    if not question.answer_kind:
        raise IssueError(f"question {question.number} has no answer yet")
    figures = question.answer_kind == AnswerKind.FIGURES
    documents = documents_of(question.pk) or legacy_documents(question)
    try:
        flags = shown(question.ask) if figures and isinstance(question.ask, dict) else {}
    except AskError as error:
        raise IssueError(f"question {question.number}: {error}") from None
    return QuestionAnswer(
        number=question.number,
        text=question.text,
        answered=ANSWERED[AnswerKind(question.answer_kind)],
        answer_text=question.answer_text,
        figures=question.result if figures else None,
        exemption=_exemption(regime, question.exemption) if question.exemption else None,
        # The older single document is printed as "Please find enclosed" only where it is
        # enclosed or published (legacy_documents); otherwise named, as before.
        document=str(question.document) if question.document and not documents else "",
        documents=documents,
        part=ANSWERED[AnswerKind(question.part_answer_kind)] if question.part_answer_kind else None,
        part_text=question.part_answer_text,
        show_average=flags.get("show_average", False),
        show_cost=flags.get("show_cost", False),
    )


def requester_address(request: InformationRequest) -> tuple[str, ...]:
    lines = [line.strip() for line in request.requester_address.splitlines() if line.strip()]
    return tuple(lines or ([request.requester_email] if request.requester_email else []))


def personal_strings(request: InformationRequest) -> list[str]:
    """Every form of the requester's identity a letter may carry, for the anonymiser: the
    forms of their name (names.name_variants: with a title, initials, the given name, the
    surname without its hyphen), their address and e-mail."""
    name = request.requester_name.strip()
    # Not the surname alone: a requester called Govan must not take a custody centre out of
    # the published tables (name_variants never gives it). The public letter has no
    # salutation naming the requester.
    # Nor a town alone ("Perth" is a custody centre too): of the address, the first line and
    # those with a number (house, postcode), which are what identify someone.
    address = [
        line
        for n, line in enumerate(requester_address(request))
        if n == 0 or any(c.isdigit() for c in line)
    ]
    strings = [name, *name_variants(name), *address, request.requester_email]
    return [s for s in dict.fromkeys(strings) if s]


def _narrowing(request: InformationRequest, questions: Sequence[RequestQuestion]) -> list[str]:
    """The officer's s15 advice, or else Answerable's: what the catalogue can answer."""
    written = [line.strip() for line in request.narrowing_advice.splitlines() if line.strip()]
    if written:
        return written
    asked = [q.ask.get("question") for q in questions if isinstance(q.ask, dict) and q.ask]
    names = [name for name in dict.fromkeys(asked) if name in CATALOGUE] or list(CATALOGUE)
    return list(advice.narrowing_advice(CATALOGUE, names))


def letter_for(
    request: InformationRequest, issued_on: date, notice: Notice, *, answers: bool = True
) -> Letter:
    """The letter the case gives, as plain values (casework/letters/content.py).

    s15 advice goes with any cost refusal, of the whole request or of part of it (a
    response that gives some figures and refuses the rest on cost advises on the rest)."""
    questions = (
        list(request.questions.select_related("exemption", "document").order_by("number"))
        if answers
        else []
    )
    cost = request.cost_assessment()
    letter = Letter(
        regime=request.regime,
        notice=notice,
        reference=request.reference,
        issued_on=issued_on,
        received_on=request.received_on,
        requester_name=request.requester_name,
        requester_address=requester_address(request),
        request_text=request.request_text,
        questions=tuple(_question(request.regime, q) for q in questions),
        cost_gbp=cost.cost.gbp,
        cost_hours=cost.cost.hours,
        fee_gbp=request.fee_gbp,
        exemptions=tuple(
            _exemption(request.regime, e)
            for e in request.exemptions.prefetch_related("consultations")
        ),
        due_on=request.due_on,
    )
    if Answered.COST in parts(letter):
        letter = dataclasses.replace(letter, narrowing_advice=tuple(_narrowing(request, questions)))
    return letter


# The condition that makes the personal data exemption absolute for figures withheld as
# [c]: their disclosure would contravene the data protection principles (FOISA s38(2A)(a),
# s2(2)(e)(ii); FOIA s40(3A)(a), s2(3)(fa); EIR(S) reg 11(3A)(a); EIR reg 13(2A)(a)).
PERSONAL_DATA_CONDITION = {
    code: citations.personal_data_condition for code, citations in CITATIONS.items()
}
WITHHELD_REASONS = (
    "The figures shown as [c] count so few people that, put together with other information "
    "(what is already public, or what people who know them know), they could identify the "
    "people counted: a victim of crime, a child or a person held in custody. Information "
    "that identifies someone, even indirectly, is their personal data. A response under the "
    "Act is in effect a disclosure to the world, which the people counted would not expect "
    "and for which there is no lawful basis, so disclosing these figures would breach the "
    "first data protection principle (processing must be lawful and fair)."
)


def _personal_data_section(regime: str) -> str:
    return normalise(citations_of(regime).personal_data)


def cite_withheld_figures(request: InformationRequest) -> CitedExemption | None:
    """The refusal notice for figures withheld as [c] (FOISA s16(1)): the personal data
    exemption cited on the case, with its condition, where a figures answer withholds a
    figure and the officer has not cited it already. Returns the exemption cited or found;
    None where no figure is withheld."""
    withheld = any(
        withheld_figures(_question(request.regime, q)) for q in answering.figures_questions(request)
    )
    if not withheld:
        return None
    section = _personal_data_section(request.regime)
    existing = request.exemptions.filter(section=section).first()
    if existing is not None:
        return existing
    return CitedExemption.objects.create(
        request=request,
        section=section,
        condition=PERSONAL_DATA_CONDITION[request.regime],
        reasons=WITHHELD_REASONS,
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
        provisions=provisions_used(letter),
        html=render_html(letter),
        pdf=render_pdf(letter),
    )


def _split_problems(request: InformationRequest) -> list[str]:
    """Questions that are not passages of the request as received (none are checked for a
    case logged without its request's text, whose letter replicates the questions alone)."""
    if not request.request_text.strip():
        return []
    return split_problems(
        request.request_text, [(q.number, q.text) for q in request.questions.order_by("number")]
    )


def issue_response(
    request: InformationRequest,
    *,
    notice: Notice | str | None = None,
    issued_on: date,
    user: Any = None,
) -> IssuedLetter:
    """Issue the response to `request`, and schedule it in the disclosure log.

    The outcome follows from what the response contains (elements.outcome): figures withheld
    as [c] or not held, or a part refused, make it partial whatever `notice` was chosen; a
    chosen refusal kind is kept where nothing is disclosed. Withheld figures get their
    refusal notice (cite_withheld_figures)."""
    chosen = Notice(notice) if notice else None
    if chosen in NOT_RESPONSES:
        raise IssueError(f"a {chosen.value} notice is not a response to the request")
    if request.responded_on is not None:
        raise IssueError(f"{request.reference} was answered on {request.responded_on}")
    if issued_on < request.received_on:
        raise IssueError("a response cannot be issued before the request was received")
    unsplit = _split_problems(request) + _document_problems(request)
    if unsplit:
        raise IssueError("; ".join(unsplit))
    # Approved by someone other than its author, twice over for a sensitive case (signoff.py).
    problem = signoff.approval_problem(request, chosen.value if chosen else None)
    if problem:
        raise IssueError(problem)
    with transaction.atomic():
        # Released by the signed-in user, or else whoever is acting (a command such as the
        # demo's), never by no one.
        answering.freeze(request, released_by=str(user) if user else current_actor())
        cite_withheld_figures(request)
        draft = letter_for(request, issued_on, chosen or Notice.FULL)
        notice = outcome(draft, chosen)
        letter = dataclasses.replace(draft, notice=notice)
        issued = _keep(request, letter, issued_on, user)
        personal = personal_strings(request)
        # The public contacts (the review and appeal addresses) are kept: anonymised_letter
        # anonymises exactly as `schedule` does.
        public_html = anonymised_letter(render_html(letter, public=True), personal)
        schedule(
            reference=request.reference,
            title=request.title,
            summary=anonymise_text(_summary(request), personal, keep=public_contacts()),
            regime=request.regime,
            outcome=public_outcome(letter).value,
            topics=[t.strip() for t in request.topics.split(",") if t.strip()],
            exemptions_cited=_exemptions_cited(letter),
            received_on=request.received_on,
            issued_on=issued_on,
            body_html=public_html,
            pdf=html_to_pdf(public_html, stylesheet=stylesheet()),
            personal=personal,
            documents=[
                PublicDocument(e.filename, e.content, e.mime_type)
                for e in request_enclosures(request, public=True)
            ],
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


def _document_problems(request: InformationRequest) -> list[str]:
    """Documents a question names but cannot give: "Please find enclosed" with nothing
    enclosed is no answer."""
    found = []
    for question in request.questions.filter(document__isnull=False).order_by("number"):
        if not documents_of(question.pk) and not legacy_documents(question):
            found.append(
                f"question {question.number} names {question.document}, which has no file to "
                "enclose and no published address: add its file or its address (Documents), "
                "or answer in writing"
            )
    return found


def _exemptions_cited(letter: Letter) -> str:
    """The sections the response relies on, for the log: its exemptions, and s25(1) where a
    document is pointed to where it is published rather than given."""
    sections = [f"s{e.section}" for e in letter.all_exemptions]
    if any(not d.enclosed for q in letter.questions for d in q.documents):
        sections.append("s25(1)")
    return ", ".join(dict.fromkeys(sections))


def _summary(request: InformationRequest) -> str:
    questions = request.questions.order_by("number")
    first = questions.first()
    text = first.text if first else request.title
    return text if len(text) <= 300 else text[:297].rstrip() + "..."


def _preliminary(
    request: InformationRequest, issued_on: date, notice: Notice, **fields: Any
) -> Letter:
    """A letter on the way to a response: the case's details, no questions answered."""
    return dataclasses.replace(letter_for(request, issued_on, notice, answers=False), **fields)


def issue_acknowledgement(
    request: InformationRequest, *, issued_on: date, user: Any = None
) -> IssuedLetter:
    """The acknowledgement of a request: its reference, the request as received and the date
    the response is due (the clock's: FOISA s10(1)). Sending it is the mail workflow's."""
    if request.due_on is None:
        raise IssueError(
            "the response has no due date while a fees notice is unpaid: acknowledge the "
            "request before the fees notice, or once the fee is paid"
        )
    if issued_on < request.received_on:
        raise IssueError("an acknowledgement cannot be dated before the request was received")
    with transaction.atomic():
        letter = _preliminary(request, issued_on, Notice.ACKNOWLEDGEMENT)
        return _keep(request, letter, issued_on, user)


def issue_clarification_request(
    request: InformationRequest, *, needed: str, issued_on: date, user: Any = None
) -> IssuedLetter:
    """A request for clarification (FOISA s1(3)): what the authority needs to identify and
    locate the information. The case waits for the reply, and the 20 working days start
    again from it (the clock: clarification_received_on)."""
    if not needed.strip():
        raise IssueError("say what you need the requester to clarify (FOISA s1(3))")
    if request.responded_on is not None:
        raise IssueError(f"{request.reference} was answered on {request.responded_on}")
    if issued_on < request.received_on:
        raise IssueError("a request for clarification cannot precede the request")
    with transaction.atomic():
        letter = _preliminary(request, issued_on, Notice.CLARIFICATION, clarification=needed)
        issued = _keep(request, letter, issued_on, user)
        request.clarification_sought_on = issued_on
        request.status = Status.CLARIFICATION_SOUGHT
        request.save()
    return issued


def issue_late_notice(
    request: InformationRequest, *, issued_on: date, reason: str = "", user: Any = None
) -> IssuedLetter:
    """The letter to a requester whose response is overdue (FOISA s10(1)): an apology, the
    date it was due, why it is late and when to expect it, and the right to a review of the
    failure to respond (s20(1)) and then to apply to the Commissioner (s47(1))."""
    if request.responded_on is not None:
        raise IssueError(f"{request.reference} was answered on {request.responded_on}")
    if request.due_on is None or issued_on <= request.due_on:
        due = request.due_on.isoformat() if request.due_on else "not yet set"
        raise IssueError(f"the response is not late on {issued_on} (it is due {due})")
    with transaction.atomic():
        letter = _preliminary(request, issued_on, Notice.LATE, delay_reason=reason)
        return _keep(request, letter, issued_on, user)
