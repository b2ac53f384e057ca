"""The disclosure log's copy of a response: what it says the outcome was, and whose names
it removes.

The log labels each response with its outcome ("Information supplied in full", "... in
part", a refusal). The label is read from the response itself, not taken on trust from the
notice chosen: a letter that withholds figures as [c] (s38(1)(b)), answers a question with a
refusal, or points to a published document under s25(1) rather than gives it, has not
supplied the information in full, whatever notice it was issued as (FOISA s16(1): anything
withheld needs its notice).
Pure functions of the letter's content (casework/letters/content.py).
"""

from collections.abc import Mapping
from typing import Any

from answerable.casework.letters.content import DISCLOSED, Answered, Letter, Notice
from answerable.disclosure_log.models import Outcome

WITHHELD_ANSWERS = frozenset({Answered.EXEMPT, Answered.NOT_HELD, Answered.COST, Answered.NCND})

# A whole refusal's outcome on the log, by notice.
_REFUSALS = {
    Notice.COST: Outcome.COST,
    Notice.EXEMPT: Outcome.EXEMPT,
    Notice.NOT_HELD: Outcome.NOT_HELD,
    Notice.NCND: Outcome.NCND,
    Notice.VEXATIOUS: Outcome.VEXATIOUS,
}


def _figures(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    figures: list[Mapping[str, Any]] = list(document.get("cells") or [])
    for margin in (document.get("margins") or {}).values():
        figures.extend(margin)
    if isinstance(document.get("total"), Mapping):
        figures.append(document["total"])
    return figures


def withholds_figures(document: Mapping[str, Any] | None) -> bool:
    """Whether a table of figures withholds any of them ([c], or a period not held)."""
    if not document:
        return False
    if (document.get("suppression") or {}).get("withheld"):
        return True
    return any(
        figure.get("status") in ("withheld", "not_held") or figure.get("display") == "[c]"
        for figure in _figures(document)
    )


def public_outcome(letter: Letter) -> Outcome:
    """The outcome the disclosure log states for `letter`.

    A whole refusal is that refusal. Otherwise the response supplied information in full only
    if every question was answered with the information and nothing in it was withheld;
    any question refused, not held, withheld cells, or documents withheld make it partial;
    nothing disclosed at all makes it the refusal that the letter's answers share (exempt
    where they differ).
    """
    if letter.notice in _REFUSALS:
        return _REFUSALS[letter.notice]
    if letter.notice is Notice.REVIEW:
        return Outcome.REVIEW
    questions = letter.questions
    disclosed = [q for q in questions if q.answered in DISCLOSED]
    if questions and not disclosed:
        kinds = {q.answered for q in questions}
        single = {
            Answered.COST: Outcome.COST,
            Answered.NOT_HELD: Outcome.NOT_HELD,
            Answered.NCND: Outcome.NCND,
        }
        return single.get(next(iter(kinds)), Outcome.EXEMPT) if len(kinds) == 1 else Outcome.EXEMPT
    withheld = (
        letter.notice is Notice.PARTIAL
        or any(q.answered in WITHHELD_ANSWERS for q in questions)
        or any(withholds_figures(q.figures) for q in disclosed)
        or any(q.exemption is not None for q in disclosed)
        # Published elsewhere and pointed to, not given: withheld under s25(1).
        or any(not d.enclosed for q in disclosed for d in q.documents)
    )
    return Outcome.PARTIAL if withheld else Outcome.FULL
