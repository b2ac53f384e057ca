"""The four access regimes a force answers under, and what differs between them in a letter.

Police Scotland answers under the Freedom of Information (Scotland) Act 2002 (FOISA) and, for
environmental information, the Environmental Information (Scotland) Regulations 2004 (EIR(S));
forces in England and Wales under the Freedom of Information Act 2000 (FOIA) and the
Environmental Information Regulations 2004 (EIR). The provisions cited in the letters, the
cost limit and who hears an appeal differ; the wording of each is in the templates.
"""

from dataclasses import dataclass

SCOTTISH_FEES = (
    "the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004"
)
FOIA_FEES = (
    "the Freedom of Information and Data Protection (Appropriate Limit and Fees) Regulations 2004"
)
AS_APPLIED_BY_17 = "of the Freedom of Information (Scotland) Act 2002 as applied by regulation 17"


@dataclass(frozen=True)
class Regime:
    code: str
    act: str  # the full title printed as the letter's heading
    short: str  # as cited in a requirement's source, e.g. "FOISA"
    provision: str  # "section" or "regulation": how the regime's provisions are cited
    scottish: bool  # appeals go to the Scottish Information Commissioner, not the ICO
    environmental: bool  # the EIRs: exceptions, not exemptions; no cost limit
    # The cost limits, hourly rates and fees are casework/fees.py's (rules_for, fee).
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


FOISA = Regime(
    code="foisa",
    act="Freedom of Information (Scotland) Act 2002",
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
)

# EIR(S) 2004: refusal under reg 13; exceptions in reg 10, each subject to the public
# interest (reg 10(1)(b)); review under reg 16; the Commissioner and the Court of Session
# under FOISA ss47-56 as applied by reg 17.
EIR_S = Regime(
    code="eir-s",
    act="Environmental Information (Scotland) Regulations 2004",
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
)

# FOIA 2000: one refusal notice under s17 for exemptions (s17(1), public interest s17(3)),
# cost and vexatious requests (s17(5)); its particulars of the complaints procedure and the
# s50 right (s17(7)); internal review under the s45 Code of Practice; the ICO (s50), then
# the First-tier Tribunal (s57).
FOIA = Regime(
    code="foia",
    act="Freedom of Information Act 2000",
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
)

# EIR 2004: refusal under reg 14; exceptions in reg 12, each subject to the public
# interest (reg 12(1)(b)); representations (internal review) under reg 11; the ICO and the
# Tribunal under FOIA ss50-57 as applied by reg 18.
EIR = Regime(
    code="eir",
    act="Environmental Information Regulations 2004",
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
    regulator="section 50 of the Freedom of Information Act 2000 as applied by regulation 18",
    appeal="section 57 of the Freedom of Information Act 2000 as applied by regulation 18",
    review_notice="regulation 11(4)",
    review_outcome="regulation 11(4)",
    review_rights="regulation 18",
    personal_data="regulation 13(1)",
)

REGIMES: dict[str, Regime] = {regime.code: regime for regime in (FOISA, EIR_S, FOIA, EIR)}


def regime(code: str) -> Regime:
    try:
        return REGIMES[code]
    except KeyError:
        known = ", ".join(REGIMES)
        raise ValueError(f"unknown regime {code!r}: expected one of {known}") from None
