"""What a letter says: the response to one request, as plain values (no Django models).

The casework models map onto these; render.py turns them into the authority's letter and
elements.py says what each kind of notice must contain under the Act.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from answerable.casework.letters.exemptions import is_absolute


class Notice(enum.StrEnum):
    """The kind of response the letter is, as the Act names its notices."""

    FULL = "full"  # all the information disclosed
    PARTIAL = "partial"  # some disclosed; some withheld (s16) or not held (s17)
    COST = "cost"  # s12 refusal: notice under s16(4), with s15 advice
    EXEMPT = "exempt"  # s16(1) refusal under exemptions
    NOT_HELD = "not_held"  # s17(1)
    NCND = "ncnd"  # s18 neither confirm nor deny
    VEXATIOUS = "vexatious"  # s14 vexatious or repeated: notice under s16(5)
    FEES = "fees"  # s9 fees notice
    REVIEW = "review"  # s21(5) review notice
    # Letters on the way to a response (not responses themselves):
    ACKNOWLEDGEMENT = "acknowledgement"  # the request received, its reference and due date
    CLARIFICATION = "clarification"  # s1(3): what is needed to identify the information
    LATE = "late"  # the response is overdue (s10(1)): an apology and the right to a review


class Answered(enum.StrEnum):
    """How one question of the request was answered."""

    FIGURES = "figures"  # from the register: an `answerable ask` result, shown as a table
    TEXT = "text"  # a written answer (and/or a document enclosed)
    EXEMPT = "exempt"
    NOT_HELD = "not_held"
    COST = "cost"
    NCND = "ncnd"


DISCLOSED = frozenset({Answered.FIGURES, Answered.TEXT})


@dataclass(frozen=True)
class Exemption:
    section: str  # e.g. "38(1)(b)", "35(1)(a)", "31(1)"; a regulation under the EIRs
    title: str  # e.g. "Personal information"
    reasons: str  # why it applies (s16(1)(d))
    public_interest: str = ""  # the public interest test (s16(2)); for qualified exemptions
    # The condition a s38(1)(b) claim rests on, e.g. "38(2A)(a)": with it the exemption is
    # absolute (s2(2)(e)(ii)); without it the safer reading, qualified, is taken.
    condition: str = ""
    # The harm test of s35 and s39 (exemptions.needs_harm_test): who or what would be
    # harmed, "would" or "would_be_likely", and how disclosure would cause it.
    harm_to: str = ""
    harm_likelihood: str = ""
    harm_how: str = ""
    consulted: tuple[str, ...] = ()  # third parties consulted (their names only)

    @property
    def absolute(self) -> bool:
        """Under FOISA (s2(2)); the regime's own rule is in exemptions.needs_public_interest."""
        return is_absolute(self.section, self.condition)


class DocumentAnswer(enum.StrEnum):
    """How a document answers a question."""

    ENCLOSED = "enclosed"  # a copy goes out with the response (or its redacted copy)
    OTHERWISE_ACCESSIBLE = "s25"  # published: FOISA s25(1), with its address in the letter


@dataclass(frozen=True)
class EnclosedDocument:
    """A document (one version of it) given in answer to a question."""

    title: str
    version: str
    how: DocumentAnswer = DocumentAnswer.ENCLOSED
    published_url: str = ""  # printed wherever there is one
    filename: str = ""  # the enclosure's file name, for "Please find enclosed"
    redacted: bool = False  # a redacted copy is enclosed, not the version as held
    third_party: bool = False  # a third party's material: never on the disclosure log

    @property
    def enclosed(self) -> bool:
        return self.how is DocumentAnswer.ENCLOSED


@dataclass(frozen=True)
class QuestionAnswer:
    number: int
    text: str  # the question, replicated as the requester asked it
    answered: Answered
    answer_text: str = ""  # the written answer or the explanation (not held: why; etc.)
    # The JSON document of `answerable ask --format json` (answers/output/document.py).
    figures: Mapping[str, Any] | None = None
    exemption: Exemption | None = None
    document: str = ""  # the title of an enclosed document, if any
    documents: tuple[EnclosedDocument, ...] = ()  # documents (versions) given in answer
    # Part of the question not answered with the rest (seed 001: figures for 2017/18, the
    # earlier years refused on cost; seed 000: the figures given, the scans of the reports
    # refused on cost): how that part is answered, and the explanation given for it.
    part: "Answered | None" = None
    part_text: str = ""
    # Lines a figures answer shows only where they matter (the officer's choice, kept on the
    # question's ask as `show_average` / `show_cost`): the average time to disclose where the
    # question asked for it; the estimated cost where the officer shows it (a letter that
    # refuses on cost or is a fees notice shows it anyway: render.py).
    show_average: bool = False
    show_cost: bool = False


class ReviewOutcome(enum.StrEnum):
    """What a review decided (s21(4))."""

    CONFIRM = "confirm"  # s21(4)(a), without modification
    CONFIRM_WITH_MODIFICATIONS = "confirm_with_modifications"  # s21(4)(a), with modifications
    SUBSTITUTE = "substitute"  # s21(4)(b): a different decision substituted
    DECIDE = "decide"  # s21(4)(c): a decision reached where none was given


@dataclass(frozen=True)
class Review:
    outcome: str  # a ReviewOutcome value
    reasons: str
    requirement_received: date


@dataclass(frozen=True)
class Letter:
    regime: str  # "foisa" | "foia" | "eir-s" | "eir"
    notice: Notice
    reference: str  # e.g. "IM-FOI-2018-1421"
    issued_on: date
    received_on: date
    requester_name: str  # printed in the letter to the requester, never in the public one
    requester_address: tuple[str, ...] = ()  # ditto (may be an e-mail address)
    # The request as received, word for word; the questions are passages of it
    # (letters/request.py), and the letter replicates it with each answer after its question.
    request_text: str = ""
    questions: tuple[QuestionAnswer, ...] = ()
    cost_gbp: Decimal | None = None  # the estimated cost of compliance (s12, fees)
    cost_hours: Decimal | None = None
    fee_gbp: Decimal | None = None  # FEES
    narrowing_advice: tuple[str, ...] = ()  # COST: s15 advice, concrete (advice.py)
    exemptions: tuple[Exemption, ...] = ()  # EXEMPT / PARTIAL / NCND
    review: Review | None = None
    vexatious_reason: str = ""  # VEXATIOUS: whether vexatious or repeated (s14) and why
    due_on: date | None = None  # ACKNOWLEDGEMENT, LATE: the statutory deadline (the clock's)
    clarification: str = ""  # CLARIFICATION: what the authority needs to know, and why
    delay_reason: str = ""  # LATE: why the response is late, and when it is expected

    def answered(self, *kinds: Answered) -> tuple[QuestionAnswer, ...]:
        return tuple(question for question in self.questions if question.answered in kinds)

    def parts_answered(self, *kinds: Answered) -> tuple[QuestionAnswer, ...]:
        """The questions part of which is answered (refused, not held) in one of `kinds`."""
        return tuple(question for question in self.questions if question.part in kinds)

    @property
    def all_exemptions(self) -> tuple[Exemption, ...]:
        """The letter's exemptions and the questions' own, each section once, in order."""
        seen: dict[str, Exemption] = {}
        candidates = [*self.exemptions, *(q.exemption for q in self.questions if q.exemption)]
        for exemption in candidates:
            seen.setdefault(exemption.section.strip(), exemption)
        return tuple(seen.values())
