"""What each notice must contain, and the check that a letter has it.

The rules live here, once: `required_elements` lists what the Act requires of a letter (with
the provision it comes from), and `problems` finds what the letter's content lacks for them.
render.py refuses a letter with problems (LetterError); the wording is in the templates.
Sources: FOISA ss9, 12, 14-21 (rules 20-26 of the domain rules) and OSIC's list of what a
valid notice must contain; the other regimes' equivalents are in answerable/core/regimes.py.
"""

import dataclasses
from typing import NamedTuple

from answerable.casework.fees import exceeds_limit, fee, rules_for
from answerable.casework.letters.content import (
    DISCLOSED,
    Answered,
    Exemption,
    Letter,
    Notice,
    QuestionAnswer,
    ReviewOutcome,
)
from answerable.casework.letters.exemptions import (
    harm_test_problems,
    may_neither_confirm_nor_deny,
    needs_harm_test,
    needs_public_interest,
    normalise,
)
from answerable.casework.letters.figures import WITHHELD, has_not_held, shows
from answerable.casework.letters.request import problems as split_problems
from answerable.core.regimes import CITATIONS, Citations

HOUSE_STYLE = "house style (the seeds)"

# Notices that refuse the request as a whole: none of their questions is answered with
# information (a letter that gives some information is a PARTIAL response).
REFUSALS = frozenset({Notice.COST, Notice.EXEMPT, Notice.NOT_HELD, Notice.NCND, Notice.VEXATIOUS})

# The part of a letter each refusal notice, and each way of not answering a question, needs.
_PART_OF_NOTICE = {
    Notice.COST: Answered.COST,
    Notice.EXEMPT: Answered.EXEMPT,
    Notice.NOT_HELD: Answered.NOT_HELD,
    Notice.NCND: Answered.NCND,
}


class Requirement(NamedTuple):
    name: str  # e.g. "right to a review", "public interest test for exemption 35(1)(a)"
    source: str  # the provision that requires it, e.g. "FOISA section 19, section 20"


class LetterError(ValueError):
    """A letter that lacks what the Act requires: the message names each thing missing."""


# Letters on the way to a response: not notices under s16-s19, so they carry no refusal
# parts, and only the late-response letter states the rights (a failure to respond is
# itself reviewable: FOISA s20(1), s47(1)).
PRELIMINARY = frozenset({Notice.ACKNOWLEDGEMENT, Notice.CLARIFICATION})
# The provisions they rest on, per regime: the time for compliance (FOISA s10(1), FOIA
# s10(1), EIR(S) and EIR reg 5(2)) and a request for clarification (FOISA and FOIA s1(3),
# EIR(S) reg 9(2), EIR reg 9(2)).
DEADLINE = {code: citations.deadline for code, citations in CITATIONS.items()}
CLARIFY = {code: citations.clarify for code, citations in CITATIONS.items()}


def _cite(regime: Citations, *provisions: str) -> str:
    return f"{regime.short} " + ", ".join(provisions)


def withheld_figures(question: QuestionAnswer) -> bool:
    """Whether a figures answer withholds a figure (shown as [c]): a part withheld under
    the personal data exemption, which needs its refusal notice (FOISA s16(1))."""
    figures = question.figures if question.answered is Answered.FIGURES else None
    if not figures:
        return False
    average = (figures.get("time_to_disclose") or {}).get("display")
    return shows(figures, WITHHELD) or (question.show_average and average == WITHHELD)


def not_held_figures(question: QuestionAnswer) -> bool:
    """Whether a figures answer has periods the register does not hold (its coverage): a
    part not held, which needs its notice (FOISA s17(1))."""
    return bool(
        question.answered is Answered.FIGURES
        and question.figures
        and has_not_held(question.figures)
    )


def question_parts(question: QuestionAnswer) -> set[Answered]:
    """How a question is not (wholly) answered with information: its own answer if that
    refuses, the part refused or not held, and figures withheld ([c]) or not held."""
    found = {question.answered} - DISCLOSED
    if question.part is not None:
        found.add(question.part)
    if withheld_figures(question):
        found.add(Answered.EXEMPT)
    if not_held_figures(question):
        found.add(Answered.NOT_HELD)
    if question.answered in DISCLOSED and question.exemption is not None:
        found.add(Answered.EXEMPT)  # information given with part withheld under an exemption
    return found - DISCLOSED


def otherwise_accessible(question: QuestionAnswer) -> bool:
    """Whether the answer points to a published document instead of giving it (FOISA
    s25(1), FOIA s21(1): information otherwise accessible is exempt, and the notice says
    where it is)."""
    return any(not document.enclosed for document in question.documents)


def parts(letter: Letter) -> set[Answered]:
    """The kinds of refusal the letter contains: its notice's own and its questions'
    (whole answers, parts of answers, and figures withheld or not held)."""
    found: set[Answered] = set()
    for question in letter.questions:
        # A fees notice is not a response: it withholds nothing yet.
        found |= question_parts(question) if letter.notice is not Notice.FEES else set()
    if letter.notice in _PART_OF_NOTICE:
        found.add(_PART_OF_NOTICE[letter.notice])
    return found


def outcome(letter: Letter, chosen: Notice | None = None) -> Notice:
    """The outcome the letter's content makes it (FOISA s16, s17; the Commissioner's
    return counts it): in full where every question is answered with information and
    nothing is withheld or not held; partial where some information is given and some is
    withheld, refused or not held (figures shown as [c] included); a refusal where none is
    given, of the kind `chosen` if the officer chose one the content bears out (else the
    first of cost, exempt, neither confirm nor deny, not held)."""
    if chosen in (Notice.FEES, Notice.REVIEW, Notice.VEXATIOUS):
        return chosen
    disclosed = bool(letter.answered(*DISCLOSED))
    refused = parts(dataclasses.replace(letter, notice=Notice.FULL))
    # A document pointed to where it is published is not given (s25(1)): its notice, the
    # address, is printed with the answer (parts/documents.html).
    pointed = any(otherwise_accessible(question) for question in letter.questions)
    if disclosed:
        return Notice.PARTIAL if refused or pointed else Notice.FULL
    kinds = [notice for notice, part in _PART_OF_NOTICE.items() if part in refused]
    if chosen in kinds:
        return chosen
    return kinds[0] if kinds else (chosen or Notice.FULL)


def exemptions_claimed(letter: Letter) -> tuple[Exemption, ...]:
    return letter.all_exemptions


def _exemption_elements(letter: Letter, regime: Citations, *, ncnd: bool) -> list[Requirement]:
    elements = []
    for exemption in exemptions_claimed(letter):
        section = exemption.section
        elements.append(Requirement(f"exemption {section}", _cite(regime, regime.exempt)))
        elements.append(
            Requirement(f"reasons for exemption {section}", _cite(regime, regime.exempt))
        )
        if needs_harm_test(letter.regime, section):
            elements.append(
                Requirement(f"harm test for exemption {section}", _cite(regime, regime.exempt))
            )
        if ncnd:
            # s18(1): the authority may neither confirm nor deny only where revealing
            # whether the information exists or is held would be contrary to the public
            # interest, whatever the exemption.
            elements.append(
                Requirement(
                    f"public interest test for exemption {section}", _cite(regime, regime.ncnd)
                )
            )
        elif needs_public_interest(letter.regime, section, exemption.condition):
            elements.append(
                Requirement(
                    f"public interest test for exemption {section}",
                    _cite(regime, regime.public_interest),
                )
            )
        else:
            elements.append(
                Requirement(
                    f"no public interest test for absolute exemption {section}",
                    _cite(regime, "absolute exemptions (FOISA s2(2), FOIA s2(3))"),
                )
            )
    return elements


def _answer_source(regime: Citations, question: QuestionAnswer) -> str:
    return {
        Answered.FIGURES: regime.disclose,
        Answered.TEXT: regime.disclose,
        Answered.EXEMPT: regime.exempt,
        Answered.NOT_HELD: regime.not_held,
        Answered.COST: regime.cost_notice,
        Answered.NCND: regime.ncnd,
    }[question.answered]


def required_elements(letter: Letter) -> list[Requirement]:
    """Everything the letter must contain, each with the provision that requires it."""
    regime = CITATIONS.get(letter.regime)
    if regime is None:
        return []
    elements = [
        Requirement("reference", HOUSE_STYLE),
        Requirement("date of the response", HOUSE_STYLE),
        Requirement("authority", HOUSE_STYLE),
        Requirement("Act", HOUSE_STYLE),
    ]
    for question in letter.questions:
        elements.append(Requirement(f"question {question.number} replicated", HOUSE_STYLE))
        elements.append(
            Requirement(
                f"answer to question {question.number}",
                _cite(regime, _answer_source(regime, question)),
            )
        )
        if question.answered is Answered.FIGURES:
            elements.append(
                Requirement(f"table of figures for question {question.number}", HOUSE_STYLE)
            )
    found = parts(letter)
    if Answered.EXEMPT in found:
        elements.append(Requirement("information held and exempt", _cite(regime, regime.exempt)))
    if Answered.EXEMPT in found or Answered.NCND in found:
        elements += _exemption_elements(letter, regime, ncnd=Answered.EXEMPT not in found)
    if Answered.NCND in found:
        elements.append(Requirement("neither confirm nor deny", _cite(regime, regime.ncnd)))
    if Answered.NOT_HELD in found:
        elements.append(Requirement("information not held", _cite(regime, regime.not_held)))
    if Answered.COST in found:
        elements += [
            Requirement("cost limit exceeded", _cite(regime, regime.cost, regime.cost_notice)),
            Requirement("estimate of the cost", regime.cost_estimate),
            Requirement("advice on narrowing the request", _cite(regime, regime.advice)),
        ]
    if letter.notice is Notice.VEXATIOUS:
        elements.append(
            Requirement(
                "vexatious or repeated request",
                _cite(regime, regime.vexatious, regime.vexatious_notice),
            )
        )
    if letter.notice is Notice.FEES:
        elements += [
            Requirement("fee", _cite(regime, regime.fees)),
            Requirement("how the fee is calculated", regime.fee_calculation),
            Requirement(
                "time for response stops until the fee is paid", _cite(regime, regime.fee_clock)
            ),
            Requirement(
                "request lapses if the fee is unpaid after three months",
                _cite(regime, regime.fee_lapse),
            ),
        ]
    if letter.notice is Notice.ACKNOWLEDGEMENT:
        return [
            *elements,
            Requirement("date the request was received", HOUSE_STYLE),
            Requirement("date the response is due", _cite(regime, DEADLINE[regime.code])),
        ]
    if letter.notice is Notice.CLARIFICATION:
        return [
            *elements,
            Requirement(
                "what is needed to identify the information", _cite(regime, CLARIFY[regime.code])
            ),
            Requirement(
                "time for response runs from the clarification",
                _cite(regime, CLARIFY[regime.code], DEADLINE[regime.code]),
            ),
            Requirement("advice and assistance", _cite(regime, regime.advice)),
        ]
    if letter.notice is Notice.LATE:
        elements += [
            Requirement("date the response was due", _cite(regime, DEADLINE[regime.code])),
            Requirement("apology for the delay", HOUSE_STYLE),
        ]
    if letter.notice is Notice.REVIEW:
        elements += [
            Requirement("outcome of the review", _cite(regime, regime.review_outcome)),
            Requirement("reasons for the outcome", _cite(regime, regime.review_notice)),
            Requirement(
                "right to apply to the Commissioner",
                _cite(regime, regime.review_rights, regime.regulator),
            ),
            Requirement("right of appeal", _cite(regime, regime.review_rights, regime.appeal)),
        ]
    else:
        # s19: every notice under ss9, 16 and 17 states the review and Commissioner rights;
        # a full disclosure carries them too (s20(1): any response may be reviewed), and
        # the house style adds the appeal on a point of law.
        elements += [
            Requirement("right to a review", _cite(regime, regime.rights, regime.review)),
            Requirement(
                "right to apply to the Commissioner", _cite(regime, regime.rights, regime.regulator)
            ),
            Requirement("right of appeal", f"{HOUSE_STYLE}; {_cite(regime, regime.appeal)}"),
        ]
    return elements


def _exemption_problems(letter: Letter, regime: Citations, *, ncnd: bool) -> list[str]:
    found = []
    claimed = exemptions_claimed(letter)
    if not claimed:
        what = "neither confirming nor denying" if ncnd else "refusing information as exempt"
        found.append(f"{what} needs the exemption claimed ({_cite(regime, regime.exempt)})")
    for position, exemption in enumerate(claimed, start=1):
        where = f"exemption {exemption.section or f'#{position} (no section)'}"
        if not exemption.section.strip():
            found.append(f"{where}: the section is missing ({_cite(regime, regime.exempt)})")
            continue
        if not exemption.reasons.strip():
            found.append(
                f"{where}: the reasons why it applies are missing ({_cite(regime, regime.exempt)})"
            )
        found += [
            f"{where}: {problem[0].lower()}{problem[1:]} (the harm test)"
            for _, problem in harm_test_problems(
                letter.regime,
                exemption.section,
                harm_to=exemption.harm_to,
                likelihood=exemption.harm_likelihood,
                how=exemption.harm_how,
            )
        ]
        qualified = needs_public_interest(letter.regime, exemption.section, exemption.condition)
        if ncnd:
            if not may_neither_confirm_nor_deny(letter.regime, exemption.section):
                found.append(
                    f"{where}: cannot support neither confirming nor denying "
                    f"({_cite(regime, regime.ncnd)})"
                )
            if not exemption.public_interest.strip():
                found.append(
                    f"{where}: the public interest reasons for neither confirming nor denying "
                    f"are missing ({_cite(regime, regime.ncnd)})"
                )
        elif qualified and not exemption.public_interest.strip():
            found.append(
                f"{where}: a qualified exemption needs the public interest test "
                f"({_cite(regime, regime.public_interest)})"
            )
        elif not qualified and exemption.public_interest.strip():
            found.append(
                f"{where}: an absolute exemption has no public interest test; remove the "
                "public interest text (FOISA s2(1)(a), s2(2); FOIA s2(3))"
            )
    return found


def _question_problems(letter: Letter, regime: Citations) -> list[str]:
    found = []
    numbers = [question.number for question in letter.questions]
    duplicated = sorted({number for number in numbers if numbers.count(number) > 1})
    if duplicated:
        found.append(f"question numbers {duplicated} are used more than once")
    has_letter_exemption = bool(letter.exemptions)
    if letter.request_text.strip():
        found += [
            f"{problem} ({HOUSE_STYLE})"
            for problem in split_problems(
                letter.request_text, [(q.number, q.text) for q in letter.questions]
            )
        ]
    for question in letter.questions:
        where = f"question {question.number}"
        if not question.text.strip():
            found.append(f"{where}: the question as asked is missing ({HOUSE_STYLE})")
        if question.answered is Answered.FIGURES:
            if not question.figures:
                found.append(f"{where}: answered with figures but the `ask` document is missing")
            elif (question.figures.get("suppression") or {}).get("threshold") is None:
                found.append(
                    f"{where}: the figures have no disclosure control (exact figures are for "
                    "internal use only): ask again without --no-suppression"
                )
        if question.answered is Answered.TEXT and not (
            question.answer_text.strip() or question.document.strip() or question.documents
        ):
            found.append(f"{where}: answered in writing but the answer or document is missing")
        if (
            question.answered in (Answered.EXEMPT, Answered.NCND)
            and question.exemption is None
            and not has_letter_exemption
        ):
            found.append(
                f"{where}: refused under an exemption that is not named "
                f"({_cite(regime, regime.exempt)})"
            )
        if letter.notice in REFUSALS and question.answered in DISCLOSED:
            found.append(
                f"{where}: is answered with information, so the letter is a partial response "
                f"(Notice.PARTIAL), not a {letter.notice.value} refusal"
            )
    return found


def _notice_problems(letter: Letter, regime: Citations) -> list[str]:
    found = []
    disclosed = letter.answered(*DISCLOSED)
    # Refused in part, or pointed to where published (s25(1)) rather than given.
    withheld = [q for q in letter.questions if question_parts(q) or otherwise_accessible(q)]
    if letter.notice is Notice.FULL:
        if not disclosed:
            found.append("a full disclosure needs the questions and their answers")
        if withheld:
            numbers = ", ".join(str(q.number) for q in withheld)
            found.append(
                f"a full disclosure answers every question in full, but question(s) {numbers} "
                "withhold, refuse or do not hold some of the information asked for (figures "
                "shown as [c] included): use Notice.PARTIAL"
            )
    if letter.notice is Notice.PARTIAL and not (disclosed and withheld):
        found.append(
            "a partial response needs at least one question answered with information and one "
            "withheld, not held or refused"
        )
    found_parts = parts(letter)
    if Answered.EXEMPT in found_parts or Answered.NCND in found_parts:
        found += _exemption_problems(letter, regime, ncnd=Answered.EXEMPT not in found_parts)
    if Answered.COST in found_parts:
        rules = rules_for(regime.code)
        if rules.limit_gbp is None:
            found.append(
                f"the {regime.short} have no cost limit: refuse a request that would cost too "
                f"much as manifestly unreasonable ({regime.vexatious}) instead"
            )
        elif letter.cost_gbp is None:
            found.append(f"a cost refusal needs the estimate of the cost ({regime.cost_estimate})")
        elif not exceeds_limit(rules, letter.cost_gbp):
            found.append(
                f"the estimate of GBP {letter.cost_gbp} does not exceed the GBP "
                f"{rules.limit_gbp} limit, so {regime.cost} does not apply"
            )
        if not any(line.strip() for line in letter.narrowing_advice):
            found.append(
                "a cost refusal needs advice on how to narrow the request so that it can be "
                f"answered ({_cite(regime, regime.advice)})"
            )
    if letter.notice is Notice.VEXATIOUS and not letter.vexatious_reason.strip():
        found.append(
            "a vexatious or repeated request notice needs the reason "
            f"({_cite(regime, regime.vexatious, regime.vexatious_notice)})"
        )
    if letter.notice is Notice.FEES:
        found += _fees_problems(letter, regime)
    if letter.notice is Notice.ACKNOWLEDGEMENT and letter.due_on is None:
        found.append(
            "an acknowledgement needs the date the response is due "
            f"({_cite(regime, DEADLINE[regime.code])})"
        )
    if letter.notice is Notice.CLARIFICATION and not letter.clarification.strip():
        found.append(
            "a request for clarification needs to say what is needed to identify the "
            f"information ({_cite(regime, CLARIFY[regime.code])})"
        )
    if letter.notice is Notice.LATE:
        if letter.due_on is None:
            found.append(
                "a late-response letter needs the due date "
                f"({_cite(regime, DEADLINE[regime.code])})"
            )
        elif letter.issued_on <= letter.due_on:
            found.append(
                f"the response is not late: it is due on {letter.due_on}, and this letter is "
                f"dated {letter.issued_on}"
            )
    if letter.notice is Notice.REVIEW:
        found += _review_problems(letter, regime)
    return found


def _fees_problems(letter: Letter, regime: Citations) -> list[str]:
    if regime.environmental:
        return [
            f"fees notices under the {regime.short} are not supported: their charges and "
            "advance payment rules differ (EIR(S) reg 8, EIR reg 8)"
        ]
    found = []
    if letter.fee_gbp is None:
        found.append(f"a fees notice needs the fee ({_cite(regime, regime.fees)})")
    elif letter.fee_gbp <= 0:
        found.append(f"a fees notice needs a fee above nil; got GBP {letter.fee_gbp}")
    if letter.cost_gbp is None:
        found.append(
            f"a fees notice needs the projected cost the fee is calculated from "
            f"({regime.fee_calculation})"
        )
    elif regime.code == "foisa" and letter.fee_gbp is not None:
        rules = rules_for(regime.code)
        if exceeds_limit(rules, letter.cost_gbp):
            found.append(
                f"projected costs of GBP {letter.cost_gbp} exceed the GBP {rules.limit_gbp} "
                f"limit: the request is refused under {regime.cost}, or answered for a fee "
                "under section 13, not a section 9 fee"
            )
        else:
            due = fee(rules, letter.cost_gbp)
            if due != letter.fee_gbp:
                found.append(
                    f"the fee of GBP {letter.fee_gbp} is not the GBP {due} the Fees "
                    f"Regulations give for a projected cost of GBP {letter.cost_gbp} "
                    f"(10% of the cost above GBP 100; {regime.fee_calculation})"
                )
    return found


def _review_problems(letter: Letter, regime: Citations) -> list[str]:
    review = letter.review
    if review is None:
        return [f"a review notice needs the review's outcome and reasons ({regime.review_notice})"]
    found = []
    if review.outcome not in set(ReviewOutcome):
        known = ", ".join(outcome.value for outcome in ReviewOutcome)
        found.append(
            f"the review outcome {review.outcome!r} is not one of {known} "
            f"({_cite(regime, regime.review_outcome)})"
        )
    if not review.reasons.strip():
        found.append(f"a review notice needs the reasons ({_cite(regime, regime.review_notice)})")
    if review.requirement_received > letter.issued_on:
        found.append(
            f"the review requirement was received on {review.requirement_received}, after the "
            f"notice's date {letter.issued_on}"
        )
    return found


def problems(letter: Letter) -> list[str]:
    """Everything the letter lacks for what the Act requires, each naming what and where."""
    regime = CITATIONS.get(letter.regime)
    if regime is None:
        return [f"unknown regime {letter.regime!r}: expected one of {', '.join(CITATIONS)}"]
    found = []
    if not letter.reference.strip():
        found.append("the reference is missing")
    if letter.issued_on < letter.received_on:
        found.append(
            f"the letter is dated {letter.issued_on}, before the request was received "
            f"({letter.received_on})"
        )
    found += _question_problems(letter, regime)
    found += _notice_problems(letter, regime)
    return found


def check(letter: Letter) -> None:
    """Raise LetterError naming everything the letter lacks; return quietly if nothing."""
    found = problems(letter)
    if found:
        reference = letter.reference or "(no reference)"
        listed = "\n".join(f"- {problem}" for problem in found)
        raise LetterError(
            f"the {letter.notice.value} letter {reference} cannot be issued:\n{listed}"
        )


def _provision(text: str) -> str:
    """ "section 12(1)" -> "12(1)"; "regulation 10(4)(a)" -> "10(4)(a)"."""
    return normalise(text.split(" of ")[0])


# Information otherwise accessible, pointed to rather than given: FOISA s25(1), FOIA s21(1);
# the EIRs' equivalent is reg 6(1)(b) (already publicly available and easily accessible).
OTHERWISE_ACCESSIBLE = {code: cite.otherwise_accessible for code, cite in CITATIONS.items()}


def provisions_used(letter: Letter) -> list[str]:
    """Every provision the response relies on to give less than all the information asked
    for, each once (in the Act's order of the notice): the cost limit, vexatious requests,
    each exemption cited, neither confirm nor deny, and not held. The Commissioner's return
    counts them for partial responses as well as refusals (casework/statistics.py)."""
    regime = CITATIONS.get(letter.regime)
    if regime is None:
        return []
    found = parts(letter)
    used = []
    if Answered.COST in found and rules_for(regime.code).limit_gbp is not None:
        used.append(_provision(regime.cost))
    if letter.notice is Notice.VEXATIOUS:
        used.append(_provision(regime.vexatious))
    if Answered.EXEMPT in found or Answered.NCND in found:
        used += [normalise(exemption.section) for exemption in letter.all_exemptions]
    if Answered.NCND in found:
        used.append(_provision(regime.ncnd))
    if Answered.NOT_HELD in found:
        used.append(_provision(regime.not_held))
    if any(otherwise_accessible(question) for question in letter.questions):
        used.append(OTHERWISE_ACCESSIBLE.get(regime.code, ""))
    return list(dict.fromkeys(item for item in used if item and item[0].isdigit()))
