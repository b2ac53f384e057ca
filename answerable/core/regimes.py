"""The four access regimes, in one table: their periods, cost rules, citations and labels.

Police Scotland answers under the Freedom of Information (Scotland) Act 2002 (FOISA) and, for
environmental information, the Environmental Information (Scotland) Regulations 2004
(EIR(S), SSI 2004/520); forces in England and Wales under the Freedom of Information Act 2000
(FOIA) and the Environmental Information Regulations 2004 (EIR, SI 2004/3391).

Every app reads its regime facts from `TABLE` (or the views of it below): the statutory
clock (clock/regimes.py) its periods, the fees (casework/fees.py) and the answer engine's
estimate (answers/cost.py) the cost rules, the letters (casework/letters) the provisions
they cite, the models (casework, disclosure log) their choices' values and labels.

The codes are a contract (stored in the database, the `deadline` command, the API):
"foisa", "foia", "eir-s", "eir". This module is pure: it imports no app and no Django.
"""

import enum
from dataclasses import dataclass
from decimal import Decimal


class Regime(enum.StrEnum):
    FOISA = "foisa"  # Freedom of Information (Scotland) Act 2002
    FOIA = "foia"  # Freedom of Information Act 2000
    EIRS = "eir-s"  # Environmental Information (Scotland) Regulations 2004 (SSI 2004/520)
    EIR = "eir"  # Environmental Information Regulations 2004 (SI 2004/3391)


class RegimeError(ValueError):
    """A code that names none of the four regimes; the message lists the four."""


# Which working days a regime counts.
SCOTLAND = "scotland"
UNITED_KINGDOM = "united-kingdom"

# The Commissioner's return counts FOI and EIR requests separately.
FOI = "FOI"
EIR_FAMILY = "EIR"

RESPONSE_DAYS = 20  # FOISA s10(1); FOIA s10(1); EIR(S) reg 5(2)(a); EIR reg 5(2)
EXTENDED_RESPONSE_DAYS = 40  # EIR(S) reg 7(1); EIR reg 7(1)
REVIEW_REQUEST_DAYS = 40  # FOISA s20(5); EIR(S) reg 16(2); EIR reg 11(2); FOIA s45 code
COMMISSIONER_MONTHS = 6  # FOISA s47(4), applied to the EIR(S) by reg 17
# The ICO's practice, not a statute: FOIA s50 sets no time limit, but the Commissioner
# may decline a complaint made after "undue delay" (s50(2)(b)) and expects it within six
# months of the authority's final response. A setting can change it (clock/conf.py).
ICO_COMPLAINT_MONTHS = 6


@dataclass(frozen=True)
class TimeRules:
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


class Activity(enum.StrEnum):
    """What a member of staff spends time on in dealing with a request."""

    DETERMINING_HELD = "determining_held", "determining whether the information is held"
    LOCATING = "locating", "locating the information"
    RETRIEVING = "retrieving", "retrieving the information"
    EXTRACTING = "extracting", "extracting the information from the records holding it"
    PROVIDING = "providing", "providing the information (copying, putting in the response)"
    DECIDING_ENTITLEMENT = (
        "deciding_entitlement",
        "deciding whether exempt or the requester entitled",
    )
    REDACTING = "redacting", "redacting exempt information"

    description: str

    def __new__(cls, value: str, description: str) -> "Activity":
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member


@dataclass(frozen=True)
class CostFacts:
    """What a regime says about the cost of compliance and the fee.

    FOISA: the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations
    2004 (SSI 2004/467); FOIA: the Freedom of Information and Data Protection (Appropriate
    Limit and Fees) Regulations 2004 (SI 2004/3244). The EIRs have no cost limit: a charge
    must be reasonable (reg 8) and a very costly request is manifestly unreasonable.
    """

    hourly_rate_gbp: Decimal
    rate_is_cap: bool  # FOISA caps the actual staff cost; FOIA prescribes a flat rate
    limit_gbp: Decimal | None  # None: no cost limit (the EIRs)
    central_limit_gbp: Decimal | None  # FOIA's higher limit for central government
    counted: frozenset[Activity]  # the activities whose staff time is costed
    source: str  # the provisions, as an assessment cites them
    limit_section: str | None  # the section that lets an authority refuse on cost
    # FOISA reg 4(4): nil on the first GBP 100, then 10% of the rest, at most GBP 50.
    fee_free_gbp: Decimal | None
    fee_share: Decimal | None
    fee_max_gbp: Decimal | None
    staff_time_charged: bool  # FOIA reg 6: below the limit, disbursements only
    manifestly_unreasonable: str | None  # the EIRs' refusal of a very costly request


@dataclass(frozen=True)
class Citations:
    """The provisions a letter under the regime cites, and how it names the law."""

    code: str
    act: str  # the full title printed as the letter's heading
    short: str  # as cited in a requirement's source, e.g. "FOISA"
    provision: str  # "section" or "regulation": how the regime's provisions are cited
    scottish: bool  # appeals go to the Scottish Information Commissioner, not the ICO
    environmental: bool  # the EIRs: exceptions, not exemptions; no cost limit
    # The provisions each notice rests on, as cited in the letter and in requirements.
    disclose: str  # the duty to give the information
    exempt: str  # the refusal notice for exempt information
    public_interest: str  # where the notice must give the public interest reasons
    cost: str  # the cost limit
    cost_notice: str  # the notice refusing on cost
    advice: str  # the duty to advise and assist
    vexatious: str  # vexatious or repeated requests (manifestly unreasonable under the EIRs)
    vexatious_notice: str
    not_held: str  # the notice that the information is not held
    ncnd: str  # neither confirm nor deny
    fees: str  # the fees notice
    fee_calculation: str  # how the fee is worked out
    fee_clock: str  # the days from the fees notice to payment do not count
    fee_lapse: str  # the request lapses if the fee is not paid in time
    cost_estimate: str  # how the cost of compliance is estimated
    rights: str  # the rights every notice must state
    review: str  # the applicant's right to a review
    regulator: str  # the application to the Commissioner
    appeal: str  # the appeal from the Commissioner's decision
    review_notice: str  # the notice of the outcome of a review
    review_outcome: str  # what a review may decide
    review_rights: str  # the rights a review notice must state
    # The exemption for other people's personal data, under which small counts are withheld
    # ([c] in a table: the ICO's anonymisation guidance, register_notes.md).
    personal_data: str
    # The condition that makes it absolute for figures withheld as [c]: disclosure would
    # contravene the data protection principles (FOISA s38(2A)(a), s2(2)(e)(ii); FOIA
    # s40(3A)(a), s2(3)(fa); EIR(S) reg 11(3A)(a); EIR reg 13(2A)(a)), as a bare number.
    personal_data_condition: str
    # Information otherwise accessible to the applicant (FOISA s25(1), FOIA s21(1), the
    # EIRs' reg 6(1)(b)), as a bare number.
    otherwise_accessible: str
    deadline: str  # the time for compliance (preliminary letters)
    clarify: str  # a request for clarification (preliminary letters)


@dataclass(frozen=True)
class RegimeFacts:
    """One row of the table: a regime's names, family, periods, cost rules and citations."""

    regime: Regime
    title: str  # the full title of the Act or Regulations
    short: str  # "FOISA", "EIR(S)", "FOIA", "EIR"
    label: str  # how a case's form and list name it ("FOISA 2002 (Scotland)")
    family: str  # FOI or EIR_FAMILY: the halves of the Commissioner's quarterly return
    scottish: bool
    environmental: bool
    time: TimeRules
    cost: CostFacts
    citations: Citations


SCOTTISH_FEES = (
    "the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004"
)
FOIA_FEES = (
    "the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004"
)
AS_APPLIED_BY_17 = "of the Freedom of Information (Scotland) Act 2002 as applied by regulation 17"
AS_APPLIED_BY_18 = "of the Freedom of Information Act 2000 as applied by regulation 18"

FOISA_TITLE = "Freedom of Information (Scotland) Act 2002"
EIRS_TITLE = "Environmental Information (Scotland) Regulations 2004"
FOIA_TITLE = "Freedom of Information Act 2000"
EIR_TITLE = "Environmental Information Regulations 2004"

# FOISA: SSI 2004/467. Only locating, retrieving and providing the information count
# (reg 3(1)); staff time at the actual hourly cost, capped at GBP 15 an hour per person
# (reg 3(2)(b)); s12(1) applies only where the estimate EXCEEDS GBP 600 (reg 5).
FOISA_HOURLY_CAP_GBP = Decimal(15)  # SSI 2004/467 reg 3(2)(b)
FOISA_LIMIT_GBP = Decimal(600)  # SSI 2004/467 reg 5; FOISA s12(1)
FOISA_FEE_FREE_GBP = Decimal(100)  # SSI 2004/467 reg 4(4)(a)
FOISA_FEE_SHARE = Decimal("0.10")  # SSI 2004/467 reg 4(4)(b)
FOISA_FEE_MAX_GBP = Decimal(50)  # 10% of (600 - 100)
# FOIA: SI 2004/3244. Determining whether held, locating, retrieving and extracting count
# (reg 4(3)) at a flat GBP 25 an hour (reg 4(4)); the limit is GBP 600 for central
# government (Schedule 1 Part I) and GBP 450 for everyone else, police forces included.
FOIA_HOURLY_RATE_GBP = Decimal(25)  # SI 2004/3244 reg 4(4)
FOIA_LIMIT_GBP = Decimal(450)  # SI 2004/3244 reg 3(3): every authority not in Sch 1 Part I
FOIA_CENTRAL_LIMIT_GBP = Decimal(600)  # SI 2004/3244 reg 3(2): Schedule 1 Part I

_EIR_COST_SOURCE = "EIR reg 8 (reasonable charge); no cost limit, reg 10(4)(b) instead"


TABLE: dict[Regime, RegimeFacts] = {
    Regime.FOISA: RegimeFacts(
        regime=Regime.FOISA,
        title=FOISA_TITLE,
        short="FOISA",
        label="FOISA 2002 (Scotland)",
        family=FOI,
        scottish=True,
        environmental=False,
        time=TimeRules(
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
        cost=CostFacts(
            hourly_rate_gbp=FOISA_HOURLY_CAP_GBP,
            rate_is_cap=True,
            limit_gbp=FOISA_LIMIT_GBP,
            central_limit_gbp=None,
            counted=frozenset({Activity.LOCATING, Activity.RETRIEVING, Activity.PROVIDING}),
            source="FOISA s12; Fees Regulations SSI 2004/467 regs 3-5",
            limit_section="FOISA s12(1)",
            fee_free_gbp=FOISA_FEE_FREE_GBP,
            fee_share=FOISA_FEE_SHARE,
            fee_max_gbp=FOISA_FEE_MAX_GBP,
            staff_time_charged=True,
            manifestly_unreasonable=None,
        ),
        citations=Citations(
            code="foisa",
            act=FOISA_TITLE,
            short="FOISA",
            provision="section",
            scottish=True,
            environmental=False,
            disclose="section 1(1)",
            exempt="section 16(1)",
            public_interest="section 16(2)",
            cost="section 12(1)",
            cost_notice="section 16(4)",
            advice="section 15",
            vexatious="section 14",
            vexatious_notice="section 16(5)",
            not_held="section 17(1)",
            ncnd="section 18(1)",
            fees="section 9(1)",
            fee_calculation=f"regulation 4 of {SCOTTISH_FEES}",
            fee_clock="section 10(3)",
            fee_lapse="section 9(4)",
            cost_estimate=f"regulations 3 and 5 of {SCOTTISH_FEES}",
            rights="section 19",
            review="section 20",
            regulator="section 47(1)",
            appeal="section 56",
            review_notice="section 21(5)",
            review_outcome="section 21(4)",
            review_rights="section 21(10)",
            personal_data="section 38(1)(b)",
            personal_data_condition="38(2A)(a)",
            otherwise_accessible="25(1)",
            deadline="section 10(1)",
            clarify="section 1(3)",
        ),
    ),
    # EIR(S) 2004: refusal under reg 13; exceptions in reg 10, each subject to the public
    # interest (reg 10(1)(b)); review under reg 16; the Commissioner and the Court of
    # Session under FOISA ss47-56 as applied by reg 17. No cost limit: a reasonable charge
    # (reg 8), a very costly request manifestly unreasonable (reg 10(4)(b)).
    Regime.EIRS: RegimeFacts(
        regime=Regime.EIRS,
        title=EIRS_TITLE,
        short="EIR(S)",
        label="EIR (Scotland) 2004",
        family=EIR_FAMILY,
        scottish=True,
        environmental=True,
        time=TimeRules(
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
        cost=CostFacts(
            hourly_rate_gbp=FOISA_HOURLY_CAP_GBP,
            rate_is_cap=True,
            limit_gbp=None,
            central_limit_gbp=None,
            counted=frozenset(Activity),
            source=_EIR_COST_SOURCE,
            limit_section=None,
            fee_free_gbp=None,
            fee_share=None,
            fee_max_gbp=None,
            staff_time_charged=True,
            manifestly_unreasonable="EIR(S) reg 10(4)(b)",
        ),
        citations=Citations(
            code="eir-s",
            act=EIRS_TITLE,
            short="EIR(S)",
            provision="regulation",
            scottish=True,
            environmental=True,
            disclose="regulation 5(1)",
            exempt="regulation 13",
            public_interest="regulation 10(1)(b)",
            cost="(none: the Regulations have no cost limit)",
            cost_notice="regulation 13",
            advice="regulation 9",
            vexatious="regulation 10(4)(b)",
            vexatious_notice="regulation 13",
            not_held="regulation 10(4)(a)",
            ncnd="regulation 10(8)",
            fees="regulation 8",
            fee_calculation="regulation 8",
            fee_clock="regulation 8",
            fee_lapse="regulation 8",
            cost_estimate="(none)",
            rights="regulation 13(e)",
            review="regulation 16",
            regulator=f"section 47(1) {AS_APPLIED_BY_17}",
            appeal=f"section 56 {AS_APPLIED_BY_17}",
            review_notice="regulation 16(4)",
            review_outcome="regulation 16(4)",
            review_rights="regulation 17",
            personal_data="regulation 11(2)",
            personal_data_condition="11(3A)(a)",
            otherwise_accessible="6(1)(b)",
            deadline="regulation 5(2)",
            clarify="regulation 9(2)",
        ),
    ),
    # FOIA 2000: one refusal notice under s17 for exemptions (s17(1), public interest
    # s17(3)), cost and vexatious requests (s17(5)); its particulars of the complaints
    # procedure and the s50 right (s17(7)); internal review under the s45 Code of Practice;
    # the ICO (s50), then the First-tier Tribunal (s57).
    Regime.FOIA: RegimeFacts(
        regime=Regime.FOIA,
        title=FOIA_TITLE,
        short="FOIA",
        label="FOIA 2000 (England and Wales)",
        family=FOI,
        scottish=False,
        environmental=False,
        time=TimeRules(
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
        cost=CostFacts(
            hourly_rate_gbp=FOIA_HOURLY_RATE_GBP,
            rate_is_cap=False,
            limit_gbp=FOIA_LIMIT_GBP,
            central_limit_gbp=FOIA_CENTRAL_LIMIT_GBP,
            counted=frozenset(
                {
                    Activity.DETERMINING_HELD,
                    Activity.LOCATING,
                    Activity.RETRIEVING,
                    Activity.EXTRACTING,
                }
            ),
            source="FOIA 2000 s12; SI 2004/3244 regs 3-4",
            limit_section="FOIA s12(1)",
            fee_free_gbp=None,
            fee_share=None,
            fee_max_gbp=None,
            staff_time_charged=False,
            manifestly_unreasonable=None,
        ),
        citations=Citations(
            code="foia",
            act=FOIA_TITLE,
            short="FOIA",
            provision="section",
            scottish=False,
            environmental=False,
            disclose="section 1(1)",
            exempt="section 17(1)",
            public_interest="section 17(3)",
            cost="section 12(1)",
            cost_notice="section 17(5)",
            advice="section 16",
            vexatious="section 14",
            vexatious_notice="section 17(5)",
            not_held="section 1(1)(a)",
            ncnd="section 17(1)",
            fees="section 9(1)",
            fee_calculation=f"regulations 6 and 7 of {FOIA_FEES}",
            fee_clock="section 10(2)",
            fee_lapse="section 9(2)",
            cost_estimate=f"regulations 3 and 4 of {FOIA_FEES}",
            rights="section 17(7)",
            review="the section 45 Code of Practice",
            regulator="section 50",
            appeal="section 57",
            review_notice="the section 45 Code of Practice",
            review_outcome="the section 45 Code of Practice",
            review_rights="section 50",
            personal_data="section 40(2)",
            personal_data_condition="40(3A)(a)",
            otherwise_accessible="21(1)",
            deadline="section 10(1)",
            clarify="section 1(3)",
        ),
    ),
    # EIR 2004: refusal under reg 14; exceptions in reg 12, each subject to the public
    # interest (reg 12(1)(b)); representations (internal review) under reg 11; the ICO and
    # the Tribunal under FOIA ss50-57 as applied by reg 18. No cost limit: a reasonable
    # charge (reg 8), a very costly request manifestly unreasonable (reg 12(4)(b)).
    Regime.EIR: RegimeFacts(
        regime=Regime.EIR,
        title=EIR_TITLE,
        short="EIR",
        label="EIR 2004 (England and Wales)",
        family=EIR_FAMILY,
        scottish=False,
        environmental=True,
        time=TimeRules(
            regime=Regime.EIR,
            act="EIR",
            calendar=UNITED_KINGDOM,
            # EIR reg 2(1): "working day" has the same meaning as in FOIA s10(6).
            working_day="EIR reg 2(1) and FOIA s10(6)",
            response="EIR reg 5(2)",
            clarification="EIR reg 9(4)",
            # Advance payment of a charge: the days from the notification until payment
            # are disregarded in counting the 20 (or 40) working days (reg 8).
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
        cost=CostFacts(
            hourly_rate_gbp=FOIA_HOURLY_RATE_GBP,
            rate_is_cap=False,
            limit_gbp=None,
            central_limit_gbp=None,
            counted=frozenset(Activity),
            source=_EIR_COST_SOURCE,
            limit_section=None,
            fee_free_gbp=None,
            fee_share=None,
            fee_max_gbp=None,
            staff_time_charged=True,
            manifestly_unreasonable="EIR reg 12(4)(b)",
        ),
        citations=Citations(
            code="eir",
            act=EIR_TITLE,
            short="EIR",
            provision="regulation",
            scottish=False,
            environmental=True,
            disclose="regulation 5(1)",
            exempt="regulation 14",
            public_interest="regulation 12(1)(b)",
            cost="(none: the Regulations have no cost limit)",
            cost_notice="regulation 14",
            advice="regulation 9",
            vexatious="regulation 12(4)(b)",
            vexatious_notice="regulation 14",
            not_held="regulation 12(4)(a)",
            ncnd="regulation 12(6)",
            fees="regulation 8",
            fee_calculation="regulation 8",
            fee_clock="regulation 8",
            fee_lapse="regulation 8",
            cost_estimate="(none)",
            rights="regulation 14(5)",
            review="regulation 11",
            regulator=f"section 50 {AS_APPLIED_BY_18}",
            appeal=f"section 57 {AS_APPLIED_BY_18}",
            review_notice="regulation 11(4)",
            review_outcome="regulation 11(4)",
            review_rights="regulation 18",
            personal_data="regulation 13(1)",
            personal_data_condition="13(2A)(a)",
            otherwise_accessible="6(1)(b)",
            deadline="regulation 5(2)",
            clarify="regulation 9(2)",
        ),
    ),
}

FOISA = TABLE[Regime.FOISA]
EIRS = TABLE[Regime.EIRS]
FOIA = TABLE[Regime.FOIA]
EIR = TABLE[Regime.EIR]

CODES: tuple[str, ...] = tuple(regime.value for regime in Regime)

# Views of the table, keyed by the stored code (a plain string finds its row: a StrEnum
# member hashes and compares as its value).
CITATIONS: dict[str, Citations] = {row.regime.value: row.citations for row in TABLE.values()}
TIME_RULES: dict[Regime, TimeRules] = {regime: row.time for regime, row in TABLE.items()}
TITLES: dict[str, str] = {row.regime.value: row.title for row in TABLE.values()}


def regime_of(value: "Regime | str") -> Regime:
    """The regime named by `value`, or a RegimeError listing the four there are."""
    try:
        return Regime(value)
    except ValueError:
        names = ", ".join(CODES)
        raise RegimeError(f"unknown regime {value!r}: use one of {names}") from None


def facts(value: "Regime | str") -> RegimeFacts:
    """The table's row for `value` ("foisa", "foia", "eir-s", "eir")."""
    return TABLE[regime_of(value)]


def citations_of(value: "Regime | str") -> Citations:
    """The provisions a letter under `value` cites."""
    return facts(value).citations


def family(value: str) -> str:
    """ "FOI" or "EIR": the two halves of the Commissioner's quarterly return. A code that
    names no regime counts as FOI (as the return has always counted it)."""
    try:
        return TABLE[Regime(value)].family
    except ValueError:
        return FOI


def cost_limit_gbp(value: "Regime | str", *, central_government: bool = False) -> Decimal | None:
    """The cost limit above which the request may be refused (FOISA s12(1): GBP 600;
    FOIA s12(1): GBP 450, GBP 600 for central government); None under the EIRs."""
    cost = facts(value).cost
    if central_government and cost.central_limit_gbp is not None:
        return cost.central_limit_gbp
    return cost.limit_gbp
