"""The four access regimes and the provisions each one counts its deadlines by.

The rules are the regime table's (answerable/core/regimes.py: `TimeRules`); this module
keeps the clock's names for them and its error. The strings are a contract (the `deadline`
command and other apps store them): "foisa", "foia", "eir-s", "eir".
"""

from answerable.clock.errors import ClockError
from answerable.core import regimes as table
from answerable.core.regimes import (
    COMMISSIONER_MONTHS,
    EXTENDED_RESPONSE_DAYS,
    ICO_COMPLAINT_MONTHS,
    RESPONSE_DAYS,
    REVIEW_REQUEST_DAYS,
    SCOTLAND,
    UNITED_KINGDOM,
    Regime,
)
from answerable.core.regimes import TimeRules as RegimeRules

__all__ = [
    "COMMISSIONER_MONTHS",
    "EXTENDED_RESPONSE_DAYS",
    "ICO_COMPLAINT_MONTHS",
    "RESPONSE_DAYS",
    "REVIEW_REQUEST_DAYS",
    "RULES",
    "SCOTLAND",
    "UNITED_KINGDOM",
    "Regime",
    "RegimeRules",
    "regime_of",
    "rules_for",
]

RULES: dict[Regime, RegimeRules] = table.TIME_RULES


def regime_of(value: "Regime | str") -> Regime:
    """The regime named by `value`, or a ClockError listing the four there are."""
    try:
        return table.regime_of(value)
    except table.RegimeError as error:
        raise ClockError(str(error), field="regime") from None


def rules_for(value: "Regime | str") -> RegimeRules:
    return RULES[regime_of(value)]
