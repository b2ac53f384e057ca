"""The estimated cost of compliance of an answer, as FOISA's fees regulations count it.

The Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004
(SSI 2004/467): the cost is that of locating, retrieving and providing the information
(reg 3), staff time counted at no more than GBP 15 an hour (reg 3(2)), and s12(1) lets an
authority refuse only when the estimate exceeds GBP 600 (reg 5). Deciding whether the
information is held, or whether it is exempt, is not counted. An answer from the register
is one catalogue question run and checked by a member of staff: minutes, not the 40 hours
"each of 17,000 officers" would take (seed 000).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from answerable.core.regimes import FOISA_HOURLY_CAP_GBP, FOISA_LIMIT_GBP

# FOISA's cost rules, from the regime table (answerable/core/regimes.py).
HOURLY_RATE_CAP_GBP = FOISA_HOURLY_CAP_GBP  # reg 3(2): GBP 15
COST_LIMIT_GBP = FOISA_LIMIT_GBP  # reg 5; s12(1) FOISA: GBP 600


@dataclass(frozen=True)
class CostEstimate:
    hours: Decimal
    gbp: Decimal
    limit_gbp: Decimal

    @property
    def within_limit(self) -> bool:
        """s12(1) applies only where the cost EXCEEDS the limit (reg 5)."""
        return self.gbp <= self.limit_gbp


def estimate(
    minutes_per_question: int,
    minutes_per_breakdown: int,
    breakdowns: int,
    hourly_rate_gbp: Decimal = HOURLY_RATE_CAP_GBP,
) -> CostEstimate:
    """Staff time to run a catalogue question, check its table and put it in the response."""
    if minutes_per_question < 0 or minutes_per_breakdown < 0 or breakdowns < 0:
        raise ValueError("minutes and breakdowns cannot be negative")
    rate = min(Decimal(hourly_rate_gbp), HOURLY_RATE_CAP_GBP)
    minutes = Decimal(minutes_per_question + minutes_per_breakdown * breakdowns)
    hours = (minutes / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)
    gbp = (minutes / 60 * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return CostEstimate(hours=hours, gbp=gbp, limit_gbp=COST_LIMIT_GBP)
