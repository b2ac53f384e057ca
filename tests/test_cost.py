"""The cost estimate under the Fees Regulations (SSI 2004/467)."""

from decimal import Decimal

import pytest

from answerable.answers.cost import estimate


def test_a_catalogue_answer_costs_minutes_not_the_limit():
    result = estimate(15, 5, breakdowns=2)
    assert result.hours == Decimal("0.42") and result.gbp == Decimal("6.25")
    assert result.limit_gbp == Decimal(600) and result.within_limit


def test_staff_time_is_capped_at_15_pounds_an_hour():
    assert estimate(60, 0, 0, hourly_rate_gbp=Decimal(40)).gbp == Decimal("15.00")


def test_the_limit_is_exceeded_only_above_600_pounds():
    assert estimate(40 * 60, 0, 0).within_limit  # exactly GBP 600: s12 does not apply
    assert not estimate(40 * 60 + 1, 0, 0).within_limit


def test_negative_time_is_refused():
    with pytest.raises(ValueError):
        estimate(-1, 0, 0)
