"""Answering a question by pointing to a published statistics table (FOISA s25(1):
information the applicant can reasonably obtain other than by requesting it is exempt; FOIA
s21 likewise). A figures question whose definition a current published table answers
exactly is offered the table's address; choosing it cites s25 on the case, so the
Commissioner's quarterly return counts it among the exemptions cited (statistics.py)."""

from django.db import transaction

from answerable.answers.engine import AskError
from answerable.answers.stored import ask_from_json
from answerable.casework.models import CitedExemption, RequestQuestion
from answerable.casework.models.choices import AnswerKind, Regime
from answerable.statistics_releases.models import EditionTable
from answerable.statistics_releases.services import published_table_for

SECTION = {Regime.FOISA: "25", Regime.FOIA: "21"}


def published_table(question: RequestQuestion) -> EditionTable | None:
    """The current published table that answers this figures question, if any."""
    if question.answer_kind != AnswerKind.FIGURES or not question.ask or question.frozen:
        return None
    try:
        ask = ask_from_json(question.ask)
    except AskError:
        return None
    return published_table_for(ask)


def section_for(regime: str) -> str | None:
    return SECTION.get(Regime(regime)) if regime in Regime.values else None


@transaction.atomic
def answer_by_published_table(question: RequestQuestion, table: EditionTable, url: str) -> None:
    """Answer the question with the table's address, citing s25 (s21 under FOIA)."""
    case = question.request
    section = section_for(case.regime)
    if section is None:
        raise ValueError("published statistics are cited under FOISA s25 or FOIA s21 only")
    edition = table.edition
    exemption, _ = CitedExemption.objects.get_or_create(
        request=case,
        section=section,
        defaults={
            "reasons": "The information is published in the force's statistics and is "
            "reasonably obtainable by the applicant other than by requesting it."
        },
    )
    question.answer_kind = AnswerKind.EXEMPT
    question.exemption = exemption
    question.answer_text = (
        f"The figures you asked for are published in our statistics: {table.title}, "
        f"{edition.definition.title}, {edition.period}{edition.revision_label}, at {url}. "
        f"As the information is otherwise accessible to you, it is exempt under section "
        f"{section} and this response points you to it."
    )
    question.save(update_fields=["answer_kind", "exemption", "answer_text"])
