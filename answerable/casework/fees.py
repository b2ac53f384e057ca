"""The cost of complying with a request, the fee that may be charged, and the s12 limit.

Pure functions with Decimal money. Each regime's rules come from its own fees regulations:

- FOISA: Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations 2004
  (SSI 2004/467). Only locating, retrieving and providing the information count (reg 3(1));
  not deciding whether it is held or whether the requester is entitled to it (reg 3(2)(a)).
  Staff time at the actual hourly cost, capped at GBP 15 an hour per person (reg 3(2)(b)).
  s12(1) applies only where the estimate EXCEEDS GBP 600 (reg 5). Fee: nothing on the first
  GBP 100, then 10% of the rest, at most GBP 50 (reg 4(4)). Above GBP 600 the authority may
  still comply by agreement, for at most GBP 50 plus the costs above GBP 600 (s13; SSI
  2004/376 reg 3).
- FOIA 2000: Freedom of Information and Data Protection (Appropriate Limit and Fees)
  Regulations 2004 (SI 2004/3244). The limit is GBP 600 for central government (Schedule 1
  Part I bodies) and GBP 450 for everyone else, police forces included (reg 3). Counted:
  determining whether the information is held, locating, retrieving and extracting it
  (reg 4(3)), at a flat GBP 25 an hour (reg 4(4)). Below the limit only disbursements (the
  cost of informing and communicating) may be charged (reg 6), never staff time, so the fee
  from staff time is nil.
- EIR(S) 2004 and EIR 2004: no cost limit; a charge must be reasonable (reg 8), and a very
  costly request is refused as manifestly unreasonable (reg 10(4)(b)), not under s12. No fee
  is computed: the authority's published schedule of charges applies.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from answerable.core import regimes as table
from answerable.core.regimes import (
    FOIA_CENTRAL_LIMIT_GBP,
    FOIA_HOURLY_RATE_GBP,
    FOIA_LIMIT_GBP,
    FOISA_FEE_FREE_GBP,
    FOISA_FEE_MAX_GBP,
    FOISA_FEE_SHARE,
    FOISA_HOURLY_CAP_GBP,
    FOISA_LIMIT_GBP,
    Activity,
)

# The regime table's figures are re-exported: callers have long read them here.
__all__ = [
    "EIR",
    "EIR_S",
    "FOIA",
    "FOIA_CENTRAL_LIMIT_GBP",
    "FOIA_HOURLY_RATE_GBP",
    "FOIA_LIMIT_GBP",
    "FOISA",
    "FOISA_FEE_FREE_GBP",
    "FOISA_FEE_MAX_GBP",
    "FOISA_FEE_SHARE",
    "FOISA_HOURLY_CAP_GBP",
    "FOISA_LIMIT_GBP",
    "PENNY",
    "REGIMES",
    "Activity",
    "Assessment",
    "Cost",
    "CostRules",
    "FeeError",
    "StaffTime",
    "assess",
    "cost_of",
    "engine_minutes",
    "exceeds_limit",
    "fee",
    "fee_above_limit",
    "hourly_rate",
    "request_cost",
    "rules_for",
]

PENNY = Decimal("0.01")

FOISA = table.Regime.FOISA.value
FOIA = table.Regime.FOIA.value
EIR_S = table.Regime.EIRS.value
EIR = table.Regime.EIR.value
REGIMES = table.CODES


class FeeError(ValueError):
    """A cost or fee cannot be worked out as asked; the message says what is wrong."""


@dataclass(frozen=True)
class CostRules:
    regime: str
    hourly_rate_gbp: Decimal
    rate_is_cap: bool  # FOISA caps the actual staff cost; FOIA prescribes a flat rate
    limit_gbp: Decimal | None  # None: no cost limit (EIR)
    counted: frozenset[Activity]
    source: str


def rules_for(regime: str, *, central_government: bool = False) -> CostRules:
    """The cost rules of `regime` ("foisa", "foia", "eir-s", "eir"): the regime table's."""
    try:
        row = table.facts(regime)
    except table.RegimeError:
        known = ", ".join(REGIMES)
        raise FeeError(f"unknown regime {regime!r}; expected one of: {known}") from None
    return CostRules(
        regime=row.regime.value,
        hourly_rate_gbp=row.cost.hourly_rate_gbp,
        rate_is_cap=row.cost.rate_is_cap,
        limit_gbp=table.cost_limit_gbp(regime, central_government=central_government),
        counted=row.cost.counted,
        source=row.cost.source,
    )


@dataclass(frozen=True)
class StaffTime:
    activity: Activity
    minutes: int


@dataclass(frozen=True)
class Cost:
    """The estimated cost of compliance: the counted staff time and its cost."""

    counted_minutes: int
    uncounted_minutes: int
    hourly_rate_gbp: Decimal
    gbp: Decimal

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.counted_minutes) / 60).quantize(PENNY, ROUND_HALF_UP)


def hourly_rate(rules: CostRules, actual_hourly_rate_gbp: Decimal | None = None) -> Decimal:
    """The rate staff time is costed at: FOISA's actual cost up to the cap, FOIA's flat rate."""
    if actual_hourly_rate_gbp is None or not rules.rate_is_cap:
        return rules.hourly_rate_gbp
    if actual_hourly_rate_gbp < 0:
        raise FeeError(f"the hourly rate cannot be negative (got {actual_hourly_rate_gbp})")
    return min(Decimal(actual_hourly_rate_gbp), rules.hourly_rate_gbp)


def cost_of(
    rules: CostRules,
    times: Iterable[StaffTime],
    *,
    actual_hourly_rate_gbp: Decimal | None = None,
) -> Cost:
    """The cost of the staff time that the regime counts; the rest is reported, not costed."""
    counted = uncounted = 0
    for time in times:
        if time.minutes < 0:
            raise FeeError(f"{time.activity.description}: minutes cannot be negative")
        if time.activity in rules.counted:
            counted += time.minutes
        else:
            uncounted += time.minutes
    rate = hourly_rate(rules, actual_hourly_rate_gbp)
    gbp = (Decimal(counted) / 60 * rate).quantize(PENNY, ROUND_HALF_UP)
    return Cost(counted, uncounted, rate, gbp)


def engine_minutes(engine_hours: Decimal) -> int:
    """The answer engine's estimate (answers/cost.py, in hours) as whole minutes."""
    return int((Decimal(engine_hours) * 60).to_integral_value(ROUND_HALF_UP))


def request_cost(
    rules: CostRules,
    *,
    engine_hours: Iterable[Decimal] = (),
    manual_search_minutes: int = 0,
    recorded_search_minutes: int = 0,
    actual_hourly_rate_gbp: Decimal | None = None,
) -> Cost:
    """A request's cost: each answer's engine time (retrieving and providing the figures)
    plus the searches recorded on the case and the further manual search the officer
    estimates (locating and retrieving records the register does not hold). The engine's
    hours are re-costed at the regime's rate."""
    times = [StaffTime(Activity.RETRIEVING, engine_minutes(hours)) for hours in engine_hours]
    times.append(StaffTime(Activity.LOCATING, recorded_search_minutes))
    times.append(StaffTime(Activity.LOCATING, manual_search_minutes))
    return cost_of(rules, times, actual_hourly_rate_gbp=actual_hourly_rate_gbp)


def exceeds_limit(rules: CostRules, cost_gbp: Decimal) -> bool:
    """s12(1) applies only where the estimate EXCEEDS the limit (FOISA reg 5; FOIA reg 3):
    an estimate of exactly GBP 600 (or GBP 450) is within it. EIR has no cost limit."""
    if rules.limit_gbp is None:
        return False
    return Decimal(cost_gbp) > rules.limit_gbp


def fee(rules: CostRules, cost_gbp: Decimal) -> Decimal | None:
    """The most that may be charged for complying within the limit.

    FOISA reg 4(4): nil up to GBP 100, then 10% of the cost above GBP 100, at most GBP 50.
    Rounded down to the penny, so that the fee never exceeds the 10%. FOIA reg 6: staff time
    is never charged (disbursements only), so nil. EIR: None, a reasonable charge from the
    authority's schedule (reg 8). Above the limit s12 applies: see fee_above_limit.
    """
    cost = Decimal(cost_gbp)
    if cost < 0:
        raise FeeError(f"the cost cannot be negative (got {cost})")
    facts = table.facts(rules.regime).cost
    if not facts.staff_time_charged:
        return Decimal("0.00")
    if facts.fee_free_gbp is None or facts.fee_share is None or facts.fee_max_gbp is None:
        return None
    if cost <= facts.fee_free_gbp:
        return Decimal("0.00")
    share = ((cost - facts.fee_free_gbp) * facts.fee_share).quantize(PENNY, ROUND_DOWN)
    return min(share, facts.fee_max_gbp)


def fee_above_limit(cost_gbp: Decimal) -> Decimal:
    """FOISA s13 (SSI 2004/376 reg 3): complying although the cost exceeds GBP 600, by
    agreement; the fee may be at most GBP 50 plus the whole of the cost above GBP 600."""
    cost = Decimal(cost_gbp)
    if cost <= FOISA_LIMIT_GBP:
        raise FeeError(f"GBP {cost} does not exceed the GBP 600 limit: s13 does not apply")
    return (FOISA_FEE_MAX_GBP + cost - FOISA_LIMIT_GBP).quantize(PENNY, ROUND_DOWN)


@dataclass(frozen=True)
class Assessment:
    """What a case's cost means: s12 or not, and the fee that a fees notice may ask for."""

    cost: Cost
    limit_gbp: Decimal | None
    s12_applies: bool
    fee_gbp: Decimal | None
    explanation: tuple[str, ...]

    @property
    def fees_notice_needed(self) -> bool:
        """A fees notice (FOISA s9(1)) is given only when there is a fee to charge."""
        return not self.s12_applies and bool(self.fee_gbp)


def assess(
    regime: str,
    *,
    engine_hours: Iterable[Decimal] = (),
    manual_search_minutes: int = 0,
    recorded_search_minutes: int = 0,
    actual_hourly_rate_gbp: Decimal | None = None,
    central_government: bool = False,
) -> Assessment:
    """The cost of compliance of a request, whether s12 applies, and the fee."""
    rules = rules_for(regime, central_government=central_government)
    cost = request_cost(
        rules,
        engine_hours=engine_hours,
        manual_search_minutes=manual_search_minutes,
        recorded_search_minutes=recorded_search_minutes,
        actual_hourly_rate_gbp=actual_hourly_rate_gbp,
    )
    over = exceeds_limit(rules, cost.gbp)
    charge = None if over else fee(rules, cost.gbp)
    lines = [
        f"{cost.hours} hours of counted staff time at GBP {cost.hourly_rate_gbp} an hour: "
        f"GBP {cost.gbp} ({rules.source})."
    ]
    if recorded_search_minutes or manual_search_minutes:
        lines.append(
            f"Of which searches: {recorded_search_minutes} minutes recorded on the case's "
            f"search record and {manual_search_minutes} minutes of further search estimated "
            "(locating and retrieving the information)."
        )
    if cost.uncounted_minutes:
        lines.append(f"{cost.uncounted_minutes} minutes of work the regulations do not count.")
    if rules.limit_gbp is None:
        lines.append("No cost limit applies; a reasonable charge may be made (EIR reg 8).")
    elif over:
        lines.append(f"The cost exceeds the GBP {rules.limit_gbp} limit: s12(1) applies.")
    else:
        lines.append(f"Within the GBP {rules.limit_gbp} limit; fee GBP {charge}.")
    return Assessment(cost, rules.limit_gbp, over, charge, tuple(lines))
