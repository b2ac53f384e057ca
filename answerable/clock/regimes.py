"""The four access regimes and the provisions each one counts its deadlines by.

The strings are a contract (the `deadline` command and other apps store them):
"foisa", "foia", "eir-s", "eir".
"""

import enum
from dataclasses import dataclass

from answerable.clock.errors import ClockError


class Regime(enum.StrEnum):
    FOISA = "foisa"  # Freedom of Information (Scotland) Act 2002
    FOIA = "foia"  # Freedom of Information Act 2000
    EIRS = "eir-s"  # Environmental Information (Scotland) Regulations 2004 (SSI 2004/520)
    EIR = "eir"  # Environmental Information Regulations 2004 (SI 2004/3391)


# Which working days a regime counts.
SCOTLAND = "scotland"
UNITED_KINGDOM = "united-kingdom"


@dataclass(frozen=True)
class RegimeRules:
    """What a regime says about time, with the provision behind each rule.

    `None` for a period or a citation means the regime has no such rule.
    """

    regime: Regime
    act: str
    calendar: str  # SCOTLAND or UNITED_KINGDOM
    working_day: str
    response: str
    clarification: str
    fees: str
    extension: str | None  # the provision allowing 40 working days with notice
    review_request: str
    review_request_statutory: bool
    review_response_days: int
    review_response: str
    review_response_statutory: bool
    review_response_outer_days: int | None  # a longer period allowed in complex cases
    commissioner: str
    commissioner_statutory: bool
    court_of_session: str | None


RESPONSE_DAYS = 20  # FOISA s10(1); FOIA s10(1); EIR(S) reg 5(2)(a); EIR reg 5(2)
EXTENDED_RESPONSE_DAYS = 40  # EIR(S) reg 7(1); EIR reg 7(1)
REVIEW_REQUEST_DAYS = 40  # FOISA s20(5); EIR(S) reg 16(2); EIR reg 11(2); FOIA s45 code
COMMISSIONER_MONTHS = 6  # FOISA s47(4), applied to the EIR(S) by reg 17
# The ICO's practice, not a statute: FOIA s50 sets no time limit, but the Commissioner
# may decline a complaint made after "undue delay" (s50(2)(b)) and expects it within six
# months of the authority's final response. A setting can change it (clock/conf.py).
ICO_COMPLAINT_MONTHS = 6

RULES: dict[Regime, RegimeRules] = {
    Regime.FOISA: RegimeRules(
        regime=Regime.FOISA,
        act="FOISA",
        calendar=SCOTLAND,
        working_day="FOISA s73",
        response="FOISA s10(1)",
        clarification="FOISA s1(3) and s10(1)(b)",
        fees="FOISA s9 and s10(3)",
        extension=None,
        review_request="FOISA s20(5)",
        review_request_statutory=True,
        review_response_days=20,
        review_response="FOISA s21(1)",
        review_response_statutory=True,
        review_response_outer_days=None,
        commissioner="FOISA s47(4)",
        commissioner_statutory=True,
        court_of_session="FOISA s56",
    ),
    Regime.EIRS: RegimeRules(
        regime=Regime.EIRS,
        act="EIR(S)",
        calendar=SCOTLAND,
        # EIR(S) reg 2(1): "working day" has the same meaning as in FOISA s73.
        working_day="EIR(S) reg 2(1) and FOISA s73",
        response="EIR(S) reg 5(2)(a)",
        clarification="EIR(S) reg 9",
        # Advance payment of a fee: the days until it is paid are not counted (reg 8).
        fees="EIR(S) reg 8",
        extension="EIR(S) reg 7",
        review_request="EIR(S) reg 16(2)",
        review_request_statutory=True,
        review_response_days=20,
        review_response="EIR(S) reg 16(4)",
        review_response_statutory=True,
        review_response_outer_days=None,
        commissioner="FOISA s47(4) as applied by EIR(S) reg 17",
        commissioner_statutory=True,
        court_of_session="FOISA s56 as applied by EIR(S) reg 17",
    ),
    Regime.FOIA: RegimeRules(
        regime=Regime.FOIA,
        act="FOIA",
        calendar=UNITED_KINGDOM,
        working_day="FOIA s10(6)",
        response="FOIA s10(1)",
        # s10(6)(b): the "date of receipt" is the day the s1(3) information is received.
        clarification="FOIA s1(3) and s10(6)(b)",
        fees="FOIA s9 and s10(2)",
        # s10(3) allows a public interest extension "reasonable in the circumstances",
        # not a fixed period, so the clock cannot count it.
        extension=None,
        # Internal review is not statutory under FOIA: the s45 Code of Practice (2018),
        # part 5, asks for requests within 40 working days of the response and reviews
        # within 20 working days, 40 at most.
        review_request="the s45 Code of Practice (2018), part 5",
        review_request_statutory=False,
        review_response_days=20,
        review_response="the s45 Code of Practice (2018), part 5",
        review_response_statutory=False,
        review_response_outer_days=40,
        commissioner="FOIA s50",
        commissioner_statutory=False,
        court_of_session=None,
    ),
    Regime.EIR: RegimeRules(
        regime=Regime.EIR,
        act="EIR",
        calendar=UNITED_KINGDOM,
        # EIR reg 2(1): "working day" has the same meaning as in FOIA s10(6).
        working_day="EIR reg 2(1) and FOIA s10(6)",
        response="EIR reg 5(2)",
        clarification="EIR reg 9(4)",
        # Advance payment of a charge: the days from the notification until payment are
        # disregarded in counting the 20 (or 40) working days (reg 8).
        fees="EIR reg 8",
        extension="EIR reg 7",
        review_request="EIR reg 11(2)",
        review_request_statutory=True,
        review_response_days=40,
        review_response="EIR reg 11(4)",
        review_response_statutory=True,
        review_response_outer_days=None,
        commissioner="FOIA s50 as applied by EIR reg 18",
        commissioner_statutory=False,
        court_of_session=None,
    ),
}


def regime_of(value: "Regime | str") -> Regime:
    """The regime named by `value`, or a ClockError listing the four there are."""
    try:
        return Regime(value)
    except ValueError:
        names = ", ".join(regime.value for regime in Regime)
        raise ClockError(f"unknown regime {value!r}: use one of {names}", field="regime") from None


def rules_for(value: "Regime | str") -> RegimeRules:
    return RULES[regime_of(value)]
