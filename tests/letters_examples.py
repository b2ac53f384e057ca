"""Example letters for the tests of casework/letters: one valid letter of each notice.

Each is a response that satisfies the Act; a test takes one and removes what it needs to
show the letter is then refused.
"""

import html
import re
from datetime import date
from decimal import Decimal
from typing import Any

from answerable.casework.letters.content import (
    Answered,
    Exemption,
    Letter,
    Notice,
    QuestionAnswer,
    Review,
)

ISSUED = date(2018, 7, 6)
RECEIVED = date(2018, 6, 8)
REQUESTER = "Morag Fictional-Requester"
ADDRESS = ("14 Imaginary Terrace", "Nowhere-on-Sea", "ZZ9 9ZZ", "morag.requester@example.org")

# s38(1)(b) with its first condition under s38(2A)(a): absolute (s2(2)(e)(ii)).
PERSONAL = Exemption(
    section="38(1)(b)",
    title="Personal information",
    reasons="The figures would identify the individuals held, whose personal data it is.",
    condition="38(2A)(a)",
)
# s35(1)(a): qualified.
LAW_ENFORCEMENT = Exemption(
    section="35(1)(a)",
    title="Law enforcement",
    reasons="Disclosure would prejudice substantially the prevention or detection of crime.",
    harm_to="the prevention or detection of crime",
    harm_likelihood="would_be_likely",
    harm_how="It would show which custody centres Immigration Enforcement attends least.",
    public_interest=(
        "Accountability for the use of police powers favours disclosure, but the public "
        "interest in effective policing outweighs it here."
    ),
)
# s35(1)(a) neither confirmed nor denied: the public interest of s18(1).
NCND_LAW_ENFORCEMENT = Exemption(
    section="35(1)(a)",
    title="Law enforcement",
    reasons="If held, the information would reveal police tactics.",
    harm_to="the apprehension or prosecution of offenders",
    harm_likelihood="would",
    harm_how="Confirming an operation at an address would warn those it concerns.",
    public_interest="Revealing whether it is held would itself undermine operations.",
)

ADVICE = (
    "Immigration-related custody episodes can be given for any period from 1 April 2017, "
    "broken down by custody centre and time in custody.",
)


def document(total: int = 537) -> dict[str, Any]:
    """An `ask --format json` document of the contract's shape (one dimension)."""
    return {
        "question": "custody-count",
        "title": "Immigration-related custody episodes",
        "period": {"from": "2017-04-01", "to": "2018-03-31"},
        "by": ["duration"],
        "cells": [
            {"duration": "0-24", "count": total - 153, "display": str(total - 153)},
            {"duration": "24-48", "count": 126, "display": "126"},
            {"duration": "48+", "count": 27, "display": "27"},
            {"duration": "in_custody", "count": 0, "display": "0"},
        ],
        "total": {"count": total, "display": str(total)},
        "suppression": {"threshold": 5, "withheld": 0, "method": "primary", "reason": ""},
        "cost": {"hours": 0.33, "gbp": 5.0, "limit_gbp": 600.0},
        "counting": "episodes",
        "unit": "immigration-related custody episodes",
        "where": {},
        "footnotes": [],
    }


FIGURES = QuestionAnswer(
    1,
    "How long were people held in cells under immigration powers in 2017/18?",
    Answered.FIGURES,
    "The figures for 1 April 2017 to 31 March 2018 are as follows.",
    figures=document(),
)
TEXT = QuestionAnswer(
    2,
    "What guidance do officers follow when they contact the NCCU?",
    Answered.TEXT,
    "Officers follow the national guidance on foreign national offenders.",
    document="Foreign National Offenders Standard Operating Procedure",
)
EXEMPT = QuestionAnswer(
    3,
    "Please give the names of the officers involved.",
    Answered.EXEMPT,
    exemption=PERSONAL,
)
NOT_HELD = QuestionAnswer(
    4,
    "How many were held in 2015/16 by religion?",
    Answered.NOT_HELD,
    "Religion is not recorded on the custody system.",
)
COST = QuestionAnswer(
    5,
    "How many were held in 2015/16 and 2016/17?",
    Answered.COST,
    "Before the National Custody System, every custody record would have to be read.",
)
NCND = QuestionAnswer(
    6,
    "Has the force run joint operations with Immigration Enforcement at this address?",
    Answered.NCND,
    exemption=NCND_LAW_ENFORCEMENT,
)


def letter(notice: Notice, regime: str = "foisa", **changes: Any) -> Letter:
    """A valid letter of the notice; `changes` replaces any field."""
    fields: dict[str, Any] = {
        "regime": regime,
        "notice": notice,
        "reference": "IM-FOI-2018-1421",
        "issued_on": ISSUED,
        "received_on": RECEIVED,
        "requester_name": REQUESTER,
        "requester_address": ADDRESS,
    }
    fields.update(_NOTICE_FIELDS[notice])
    fields.update(changes)
    return Letter(**fields)


_NOTICE_FIELDS: dict[Notice, dict[str, Any]] = {
    Notice.FULL: {"questions": (FIGURES, TEXT)},
    Notice.PARTIAL: {
        "questions": (FIGURES, EXEMPT, NOT_HELD, COST),
        "exemptions": (LAW_ENFORCEMENT,),
        "cost_gbp": Decimal("2100.00"),
        "cost_hours": Decimal("140"),
        "narrowing_advice": ADVICE,
    },
    Notice.COST: {
        "questions": (COST,),
        "cost_gbp": Decimal("2100.00"),
        "cost_hours": Decimal("140"),
        "narrowing_advice": ADVICE,
    },
    Notice.EXEMPT: {"questions": (EXEMPT,), "exemptions": (LAW_ENFORCEMENT,)},
    Notice.NOT_HELD: {"questions": (NOT_HELD,)},
    Notice.NCND: {"questions": (NCND,)},
    Notice.VEXATIOUS: {
        "vexatious_reason": (
            "The request is repeated: it is substantially similar to request IM-FOI-2018-1302, "
            "which we complied with on 2 May 2018 (section 14(2))."
        ),
    },
    Notice.FEES: {
        "cost_gbp": Decimal("350.00"),
        "cost_hours": Decimal("23.33"),
        "fee_gbp": Decimal("25.00"),
    },
    Notice.ACKNOWLEDGEMENT: {
        "request_text": "How many people were kept in Police Scotland cells in 2017/18?",
        "due_on": date(2018, 7, 6),
        "issued_on": date(2018, 6, 11),
    },
    Notice.CLARIFICATION: {
        "request_text": "Please send me everything about immigration.",
        "clarification": "Please tell us which records you mean: custody, disclosures to the "
        "Home Office or policy documents, and for which years.",
        "due_on": date(2018, 7, 6),
        "issued_on": date(2018, 6, 11),
    },
    Notice.LATE: {"due_on": date(2018, 7, 5), "delay_reason": "The figures are being checked."},
    Notice.REVIEW: {
        "questions": (FIGURES,),
        "review": Review(
            outcome="substitute",
            reasons="The figures are now held in the register and can be extracted at low cost.",
            requirement_received=date(2018, 7, 20),
        ),
        "issued_on": date(2018, 8, 10),
    },
}


def text_of(page: str) -> str:
    """The words of an HTML page, as a reader sees them (tags removed, spaces collapsed)."""
    without_style = re.sub(r"<style.*?</style>", " ", page, flags=re.DOTALL)
    words = re.sub(r"<[^>]+>", " ", without_style)
    return re.sub(r"\s+", " ", html.unescape(words)).strip()
