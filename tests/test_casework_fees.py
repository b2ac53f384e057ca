"""The cost of compliance, s12 and the fee under each regime (casework/fees.py)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answerable.casework import fees
from answerable.casework.fees import Activity, StaffTime

FOISA = fees.rules_for("foisa")
FOIA = fees.rules_for("foia")
money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)


# FOISA Fees Regulations (SSI 2004/467) reg 4(4): the cited examples.
@pytest.mark.parametrize(
    ("cost", "fee"),
    [
        ("0", "0.00"),
        ("100", "0.00"),  # nothing on the first GBP 100
        ("100.01", "0.00"),  # 10% of a penny rounds down, never up
        ("110", "1.00"),
        ("350", "25.00"),  # 10% of 250
        ("600", "50.00"),  # the most a fee can be within the limit
        ("700", "50.00"),  # capped at GBP 50
    ],
)
def test_foisa_fee_examples(cost, fee):
    assert fees.fee(FOISA, Decimal(cost)) == Decimal(fee)


def test_exactly_600_is_not_over_the_foisa_limit():
    assert not fees.exceeds_limit(FOISA, Decimal("600.00"))
    assert fees.exceeds_limit(FOISA, Decimal("600.01"))


def test_foia_police_limit_is_450_and_central_government_600():
    assert FOIA.limit_gbp == Decimal(450)
    assert not fees.exceeds_limit(FOIA, Decimal(450))
    assert fees.exceeds_limit(FOIA, Decimal("450.01"))
    central = fees.rules_for("foia", central_government=True)
    assert not fees.exceeds_limit(central, Decimal(600))


def test_foia_counts_staff_time_at_25_an_hour_and_18_hours_reach_the_police_limit():
    cost = fees.cost_of(FOIA, [StaffTime(Activity.LOCATING, 18 * 60)])
    assert cost.gbp == Decimal("450.00")
    assert not fees.exceeds_limit(FOIA, cost.gbp)
    one_more = fees.cost_of(FOIA, [StaffTime(Activity.LOCATING, 18 * 60 + 1)])
    assert fees.exceeds_limit(FOIA, one_more.gbp)


def test_foisa_caps_the_hourly_rate_at_15_and_40_hours_reach_the_limit():
    forty_hours = [StaffTime(Activity.RETRIEVING, 40 * 60)]
    assert fees.cost_of(FOISA, forty_hours, actual_hourly_rate_gbp=Decimal(32)).gbp == 600
    assert fees.cost_of(FOISA, forty_hours, actual_hourly_rate_gbp=Decimal(12)).gbp == 480


def test_foisa_does_not_count_deciding_whether_held_or_exempt():
    cost = fees.cost_of(
        FOISA,
        [
            StaffTime(Activity.DETERMINING_HELD, 600),
            StaffTime(Activity.DECIDING_ENTITLEMENT, 600),
            StaffTime(Activity.REDACTING, 60),
            StaffTime(Activity.LOCATING, 60),
            StaffTime(Activity.PROVIDING, 60),
        ],
    )
    assert cost.counted_minutes == 120
    assert cost.uncounted_minutes == 1260
    assert cost.gbp == Decimal("30.00")


def test_foia_counts_determining_whether_held_but_not_providing():
    cost = fees.cost_of(
        FOIA,
        [StaffTime(Activity.DETERMINING_HELD, 60), StaffTime(Activity.PROVIDING, 60)],
    )
    assert (cost.counted_minutes, cost.gbp) == (60, Decimal("25.00"))


def test_foia_fee_from_staff_time_is_nil_and_eir_has_no_formula():
    assert fees.fee(FOIA, Decimal(400)) == 0
    assert fees.fee(fees.rules_for("eir-s"), Decimal(400)) is None
    assert not fees.exceeds_limit(fees.rules_for("eir-s"), Decimal(10_000))


def test_manual_minutes_and_engine_estimate_add_up():
    # Two figures answers (0.33 and 0.42 hours from the engine) and 10 hours of searching.
    assessment = fees.assess(
        "foisa", engine_hours=[Decimal("0.33"), Decimal("0.42")], manual_search_minutes=600
    )
    assert assessment.cost.counted_minutes == 20 + 25 + 600
    assert assessment.cost.gbp == Decimal("161.25")
    assert assessment.fee_gbp == Decimal("6.12")  # 10% of 61.25, rounded down
    assert not assessment.s12_applies
    assert assessment.fees_notice_needed


def test_an_assessment_over_the_limit_applies_s12_and_asks_no_fee():
    assessment = fees.assess("foisa", manual_search_minutes=41 * 60)
    assert assessment.s12_applies
    assert assessment.fee_gbp is None
    assert not assessment.fees_notice_needed
    assert any("s12(1) applies" in line for line in assessment.explanation)


def test_above_the_limit_by_agreement_s13():
    assert fees.fee_above_limit(Decimal(700)) == Decimal("150.00")
    with pytest.raises(fees.FeeError, match="does not exceed"):
        fees.fee_above_limit(Decimal(600))


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(fees.FeeError, match="unknown regime 'fois'"):
        fees.rules_for("fois")
    with pytest.raises(fees.FeeError, match="negative"):
        fees.fee(FOISA, Decimal(-1))
    with pytest.raises(fees.FeeError, match="locating the information: minutes cannot be negative"):
        fees.cost_of(FOISA, [StaffTime(Activity.LOCATING, -5)])


@given(money)
def test_foisa_fee_is_never_above_50(cost):
    assert 0 <= fees.fee(FOISA, cost) <= 50


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_foisa_fee_is_nil_at_or_below_100(cost):
    assert fees.fee(FOISA, cost) == 0


@given(money)
def test_foisa_fee_is_at_most_a_tenth_of_the_cost_above_100(cost):
    assert fees.fee(FOISA, cost) <= max(Decimal(0), (cost - 100) / 10)


@given(money, money)
def test_foisa_fee_never_falls_as_the_cost_rises(a, b):
    low, high = sorted((a, b))
    assert fees.fee(FOISA, low) <= fees.fee(FOISA, high)


@given(money)
def test_s12_applies_if_and_only_if_strictly_above_the_limit(cost):
    assert fees.exceeds_limit(FOISA, cost) == (cost > 600)
    assert fees.exceeds_limit(FOIA, cost) == (cost > 450)


@given(st.lists(st.tuples(st.sampled_from(list(Activity)), st.integers(0, 10_000))))
def test_only_counted_activities_are_costed(times):
    staff = [StaffTime(activity, minutes) for activity, minutes in times]
    cost = fees.cost_of(FOISA, staff)
    counted = sum(m for a, m in times if a in FOISA.counted)
    assert cost.counted_minutes == counted
    assert cost.counted_minutes + cost.uncounted_minutes == sum(m for _, m in times)
    assert cost.gbp == (Decimal(counted) / 60 * 15).quantize(Decimal("0.01"))
