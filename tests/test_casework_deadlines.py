"""Each case's deadlines come from the statutory clock and are kept up to date on save.

Dates counted by hand from the Scottish bank holidays of 2026 (foisa_rules.md: 3 August is
the summer bank holiday) and, for FOIA, those of any part of the UK (13 July 2026, the
Battle of the Boyne holiday in Northern Ireland, as 12 July is a Sunday).
"""

from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.core.exceptions import ValidationError

from answerable.casework.models import CommissionerAppeal, CourtAppeal, Review

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 7, 1)  # a Wednesday


def test_due_on_is_the_20th_working_day_after_receipt():
    case = make_case(RECEIVED)
    assert case.due_on == date(2026, 7, 29)
    assert "FOISA s10(1)" in case.due_explanation


def test_foia_counts_a_holiday_in_any_part_of_the_uk():
    assert make_case(RECEIVED, regime="foia").due_on == date(2026, 7, 30)


def test_clarification_restarts_the_20_days_and_a_later_save_recomputes():
    case = make_case(RECEIVED)
    case.clarification_sought_on = date(2026, 7, 3)
    case.clarification_received_on = date(2026, 7, 10)
    case.save()
    case.refresh_from_db()
    # Day 1 is Monday 13 July; 3 August is a holiday in Scotland.
    assert case.due_on == date(2026, 8, 10)


def test_the_fee_period_is_disregarded():
    case = make_case(
        RECEIVED,
        fee_notice_issued_on=date(2026, 7, 15),  # after 9 working days
        fee_gbp="25.00",
        fee_paid_on=date(2026, 7, 20),
    )
    # The other 11 working days run from 21 July, skipping 3 August.
    assert case.due_on == date(2026, 8, 5)


def test_an_unpaid_fee_stops_the_clock():
    case = make_case(RECEIVED, fee_notice_issued_on=date(2026, 7, 15), fee_gbp="25.00")
    assert case.due_on is None
    assert "stops until the fee is received" in case.due_explanation
    case.fee_paid_on = date(2026, 7, 20)
    case.save()
    assert case.due_on == date(2026, 8, 5)


def test_eir_extension_gives_40_working_days():
    assert make_case(RECEIVED, regime="eir-s", extended=True).due_on == date(2026, 8, 27)


def test_an_extension_under_foisa_is_refused_on_the_field():
    case = make_case(RECEIVED)
    case.extended = True
    with pytest.raises(ValidationError) as error:
        case.full_clean()
    assert "extended" in error.value.message_dict


def test_on_time_overdue_and_working_days_left():
    case = make_case(RECEIVED)
    assert case.on_time is None
    assert not case.is_overdue(date(2026, 7, 29))
    assert case.is_overdue(date(2026, 7, 30))
    assert case.working_days_left(date(2026, 7, 27)) == 2
    assert case.working_days_left(date(2026, 7, 29)) == 0
    assert case.working_days_left(date(2026, 7, 31)) == -2
    case.responded_on = date(2026, 7, 29)
    case.status = "responded"
    case.save()
    assert case.on_time is True
    assert not case.is_overdue(date(2026, 8, 30))


def test_review_deadlines():
    case = make_case(RECEIVED, status="responded", responded_on=date(2026, 7, 20))
    review = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 8, 4),
        channel="email",
        dissatisfaction="The figures for 2016/17 were refused.",
    )
    assert review.due_on == date(2026, 9, 1)  # s21(1): 20 working days
    # s20(5): 40 working days from the expiry of the time to respond (29 July), the later
    # of the two readings.
    assert review.request_deadline == date(2026, 9, 24)
    assert review.in_time is True
    late = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 9, 25),
        channel="email",
        dissatisfaction="Late but reasoned.",
    )
    assert late.in_time is False


def test_commissioner_and_court_deadlines():
    case = make_case(RECEIVED, status="responded", responded_on=date(2026, 7, 20))
    reviewer = officer("reviewer")
    review = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 8, 4),
        channel="email",
        dissatisfaction="Refused figures.",
        reviewer=reviewer,
        outcome="confirm",
        responded_on=date(2026, 9, 1),
    )
    appeal = CommissionerAppeal.objects.create(
        request=case, review=review, application_received_on=date(2026, 10, 1)
    )
    assert appeal.application_deadline == date(2027, 3, 1)  # s47(4): six months
    assert appeal.in_time
    appeal.decision_on = date(2027, 1, 10)
    appeal.decision_number = "Decision 001/2027"
    appeal.outcome = "not_upheld"
    appeal.save()
    court = CourtAppeal.objects.create(
        appeal=appeal, appellant="requester", lodged_on=date(2027, 2, 1)
    )
    assert court.deadline == date(2027, 2, 21)  # s56: 42 days
    assert court.in_time
