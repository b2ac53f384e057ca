"""A letter as HTML and PDF, in the authority's house style, from editable templates.

The templates are under templates/casework/letters/ (one base letter, one part per notice,
per way a question is answered and per regime's rights), so an installation overrides any
of them the usual Django way. The letterhead comes from the ANSWERABLE_AUTHORITY_* settings.
A letter is checked first (elements.check): one lacking what the Act requires is refused
with a LetterError naming what is missing. The public version, for the disclosure log,
leaves out the requester's name and address, wherever they occur.
"""

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from answerable.casework.fees import rules_for
from answerable.casework.letters.content import (
    DISCLOSED,
    Answered,
    Exemption,
    Letter,
    Notice,
    QuestionAnswer,
)
from answerable.casework.letters.elements import (
    CLARIFY,
    DEADLINE,
    PRELIMINARY,
    REFUSALS,
    LetterError,
    check,
    not_held_figures,
    parts,
    withheld_figures,
)
from answerable.casework.letters.exemptions import (
    LIKELIHOODS,
    cited,
    needs_harm_test,
    needs_public_interest,
    normalise,
)
from answerable.casework.letters.figures import figure_table
from answerable.casework.letters.notes import ShownTable, figure_notes
from answerable.casework.letters.request import paragraphs, split
from answerable.core.pdf import html_to_pdf
from answerable.core.regimes import CITATIONS, Citations

__all__ = ["LetterError", "render_html", "render_pdf"]

TEMPLATES = "casework/letters"
# A question the requester numbered ("1. How many ...") keeps their number, not a second one.
_NUMBERED = re.compile(r"^\s*\(?\d+[.)]\s")
WITHHELD_NAME = "[requester]"

_NUMBER_WORDS = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
)


def _money(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


def _hours(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _day(day: date) -> str:
    """The house style's date: 06 July 2018."""
    return f"{day:%d %B %Y}"


def _words(number: int) -> str:
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def authority() -> dict[str, Any]:
    """The letterhead, from settings (answerable/settings.py, ANSWERABLE_AUTHORITY_*)."""
    return {
        "name": settings.ANSWERABLE_AUTHORITY_NAME,
        "unit": settings.ANSWERABLE_AUTHORITY_UNIT,
        "address": list(settings.ANSWERABLE_AUTHORITY_ADDRESS),
        "email": settings.ANSWERABLE_AUTHORITY_EMAIL,
        "phone": settings.ANSWERABLE_AUTHORITY_PHONE,
        "website": settings.ANSWERABLE_AUTHORITY_WEBSITE,
        "marking": settings.ANSWERABLE_PROTECTIVE_MARKING,
        "disclosure_log_days": _words(settings.ANSWERABLE_DISCLOSURE_LOG_DAYS),
    }


# --- the public version -------------------------------------------------------------------


def _private_strings(letter: Letter) -> list[str]:
    """The requester's name and address lines, longest first, as they may be quoted."""
    strings = [letter.requester_name, *letter.requester_address]
    return sorted({s.strip() for s in strings if len(s.strip()) >= 3}, key=len, reverse=True)


def _scrubber(letter: Letter):
    private = _private_strings(letter)
    if not private:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(s) for s in private), re.IGNORECASE)
    return lambda text: pattern.sub(WITHHELD_NAME, text)


def public_version(letter: Letter) -> Letter:
    """The letter as the disclosure log publishes it: no name or address of the requester,
    including where the request quotes them (personal data: s38(1)(b) FOISA)."""
    scrub = _scrubber(letter)

    def exemption(item: Exemption | None) -> Exemption | None:
        return None if item is None else scrubbed_exemption(item)

    def scrubbed_exemption(item: Exemption) -> Exemption:
        return dataclasses.replace(
            item, reasons=scrub(item.reasons), public_interest=scrub(item.public_interest)
        )

    def question(item: QuestionAnswer) -> QuestionAnswer:
        return dataclasses.replace(
            item,
            text=scrub(item.text),
            answer_text=scrub(item.answer_text),
            part_text=scrub(item.part_text),
            document=scrub(item.document),
            exemption=exemption(item.exemption),
        )

    review = letter.review
    return dataclasses.replace(
        letter,
        requester_name="",
        requester_address=(),
        request_text=scrub(letter.request_text),
        questions=tuple(question(q) for q in letter.questions),
        narrowing_advice=tuple(scrub(line) for line in letter.narrowing_advice),
        exemptions=tuple(scrubbed_exemption(e) for e in letter.exemptions),
        vexatious_reason=scrub(letter.vexatious_reason),
        clarification=scrub(letter.clarification),
        delay_reason=scrub(letter.delay_reason),
        review=dataclasses.replace(review, reasons=scrub(review.reasons)) if review else None,
    )


# --- the context --------------------------------------------------------------------------


def _dimension_titles(document: Mapping[str, Any]) -> dict[str, str]:
    # Imported here: the catalogue reads the register's models, so it needs Django set up,
    # and content.py/elements.py stay importable without it.
    from answerable.answers.catalogue import CATALOGUE

    question = CATALOGUE.get(str(document.get("question")))
    if question is None:
        return {}
    return {name: dimension.title for name, dimension in question.dimensions.items()}


def _exemption(regime: Citations, letter: Letter, exemption: Exemption) -> dict[str, Any]:
    condition = normalise(exemption.condition) if exemption.condition else ""
    return {
        "exemption": exemption,
        "cited": f"{regime.provision} {cited(normalise(exemption.section))}",
        "condition": f"{regime.provision} {cited(condition)}" if condition else "",
        "qualified": needs_public_interest(letter.regime, exemption.section, exemption.condition),
        "harm_test": needs_harm_test(letter.regime, exemption.section),
        "likelihood": LIKELIHOODS.get(exemption.harm_likelihood, ""),
        "consulted": " and ".join(exemption.consulted),
    }


def shows_cost(letter: Letter, question: QuestionAnswer) -> bool:
    """Whether a figures answer shows its estimated cost: only in a fees notice, whose fee
    is worked out from the cost, or where the officer chose to (the question asked about
    it). A cost refusal states the estimate for the whole request once, in its notice;
    the few minutes each table took to answer is not repeated under it."""
    return question.show_cost or letter.notice is Notice.FEES


def _question(regime: Citations, letter: Letter, question: QuestionAnswer) -> dict[str, Any]:
    table = None
    if question.answered is Answered.FIGURES and question.figures:
        table = figure_table(question.figures, _dimension_titles(question.figures))
    return {
        "question": question,
        "template": f"{TEMPLATES}/answers/{question.answered.value}.html",
        "table": table,
        "cost": table.cost if table and shows_cost(letter, question) else "",
        "average": table.average if table and question.show_average else "",
        "exemption": _exemption(regime, letter, question.exemption) if question.exemption else None,
        "part_template": f"{TEMPLATES}/answers/part_{question.part.value}.html"
        if question.part
        else "",
        "label": "" if _NUMBERED.match(question.text) else f"{question.number}.",
        "withheld": withheld_figures(question),
        "not_held": not_held_figures(question),
    }


def request_items(
    regime: Citations, letter: Letter, questions: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The request as received, in order: the requester's own text between the questions
    (`paragraphs`) and each question with its answer (`question`), so that the letter
    replicates the whole request word for word. A letter without the request's text (a
    case logged before it was kept) gives its questions alone."""
    if not letter.request_text.strip():
        return [{"question": item} for item in questions]
    by_number = {item["question"].number: item for item in questions}
    passages = split(letter.request_text, [(q.number, q.text) for q in letter.questions])
    items: list[dict[str, Any]] = []
    for passage in passages:
        if passage.number is None:
            if paragraphs(passage.text):
                items.append({"paragraphs": paragraphs(passage.text)})
        else:
            items.append({"question": by_number[passage.number], "asked": passage.text})
    return items


def shown_tables(letter: Letter) -> list[ShownTable]:
    """The letter's tables of figures, for the notes they share (notes.py)."""
    return [
        ShownTable(
            number=question.number,
            document=question.figures,
            titles=_dimension_titles(question.figures),
            average=question.show_average,
        )
        for question in letter.answered(Answered.FIGURES)
        if question.figures
    ]


def _heading(letter: Letter) -> str:
    return {
        Notice.REVIEW: "Review",
        Notice.FEES: "Fees notice",
        Notice.ACKNOWLEDGEMENT: "Acknowledgement of your request",
        Notice.CLARIFICATION: "Request for clarification",
        Notice.LATE: "Your request: our response is delayed",
    }.get(letter.notice, "Request")


def context(letter: Letter, *, public: bool = False) -> dict[str, Any]:
    """What the templates are given: the letter, its regime, the letterhead and the
    figures, dates and sums already written out."""
    regime = CITATIONS[letter.regime]
    found = parts(letter)
    questions = [_question(regime, letter, q) for q in letter.questions]
    rules = rules_for(regime.code)
    limit = rules.limit_gbp
    limit_hours = (
        _hours((limit / rules.hourly_rate_gbp).quantize(Decimal("0.1")))
        if limit is not None
        else ""
    )
    return {
        "letter": letter,
        "public": public,
        "regime": regime,
        "authority": authority(),
        "heading": _heading(letter),
        "issued_on": _day(letter.issued_on),
        "received_on": _day(letter.received_on),
        "notice_template": f"{TEMPLATES}/notices/{letter.notice.value}.html",
        "rights_template": f"{TEMPLATES}/rights/{regime.code}.html",
        "after_review": letter.notice is Notice.REVIEW,
        # An acknowledgement or a request for clarification is not a response: no rights of
        # review yet, and no copy in the disclosure log.
        "preliminary": letter.notice in PRELIMINARY,
        "is_response": letter.notice not in (PRELIMINARY | {Notice.LATE, Notice.FEES}),
        "due_on": _day(letter.due_on) if letter.due_on else "",
        "deadline_provision": DEADLINE.get(regime.code, ""),
        "clarify_provision": CLARIFY.get(regime.code, ""),
        "request_paragraphs": paragraphs(letter.request_text),
        "whole": letter.notice in REFUSALS,
        "questions": questions,
        "request_items": request_items(regime, letter, questions),
        "verbatim": bool(letter.request_text.strip()),
        "figure_notes": figure_notes(shown_tables(letter), regime),
        "disclosed": bool(letter.answered(*DISCLOSED)),
        "has_exempt": Answered.EXEMPT in found,
        "has_not_held": Answered.NOT_HELD in found,
        "figures_not_held": any(not_held_figures(q) for q in letter.questions),
        "has_cost": Answered.COST in found,
        "has_ncnd": Answered.NCND in found,
        "exemptions": [_exemption(regime, letter, e) for e in letter.all_exemptions],
        "cost_gbp": _money(letter.cost_gbp),
        "cost_hours": _hours(letter.cost_hours),
        "cost_limit": _money(limit),
        "cost_limit_hours": limit_hours,
        "hourly_rate": _money(rules.hourly_rate_gbp),
        "fee_gbp": _money(letter.fee_gbp),
        "cost_above_free": _money(letter.cost_gbp - 100)
        if letter.cost_gbp is not None and letter.cost_gbp > 100
        else "",
        "review_received": _day(letter.review.requirement_received) if letter.review else "",
    }


def render_html(letter: Letter, *, public: bool = False) -> str:
    """The letter as an HTML document; public=True gives the disclosure log's version."""
    check(letter)
    shown = public_version(letter) if public else letter
    return render_to_string(f"{TEMPLATES}/letter.html", context(shown, public=public))


def render_pdf(letter: Letter, *, public: bool = False) -> bytes:
    """The same letter as an A4 PDF (WeasyPrint), with the reference and page numbers."""
    return html_to_pdf(render_html(letter, public=public))


def stylesheet() -> str:
    """The letter's print stylesheet (templates/casework/letters/letter.css)."""
    return render_to_string(f"{TEMPLATES}/letter.css")
