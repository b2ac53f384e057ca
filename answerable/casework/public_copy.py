"""The disclosure log's copy of a response: what it says the outcome was.

The log labels each response with its outcome ("Information supplied in full", "... in
part", a refusal). The label is read from the response itself, not taken on trust from the
notice chosen: a letter that withholds figures as [c] (s38(1)(b)), answers a question with a
refusal, or points to a published document under s25(1) rather than gives it, has not
supplied the information in full, whatever notice it was issued as (FOISA s16(1): anything
withheld needs its notice).
A pure function of the letter's content (casework/letters/content.py).
"""

from answerable.casework.letters.content import Letter, Notice
from answerable.casework.letters.elements import outcome
from answerable.disclosure_log.models import Outcome

# The log's outcome, by the response's.
_OUTCOMES = {
    Notice.FULL: Outcome.FULL,
    Notice.PARTIAL: Outcome.PARTIAL,
    Notice.COST: Outcome.COST,
    Notice.EXEMPT: Outcome.EXEMPT,
    Notice.NOT_HELD: Outcome.NOT_HELD,
    Notice.NCND: Outcome.NCND,
    Notice.VEXATIOUS: Outcome.VEXATIOUS,
}


def public_outcome(letter: Letter) -> Outcome:
    """The outcome the disclosure log states for `letter`: the one its content makes it
    (letters/elements.py `outcome`, the same the letter and the Commissioner's return use),
    in the log's words."""
    if letter.notice is Notice.REVIEW:
        return Outcome.REVIEW
    return _OUTCOMES[outcome(letter, letter.notice)]
