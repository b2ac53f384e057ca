"""The deadlines: the worked examples of the Scottish Information Commissioner (OSIC) and
the Information Commissioner (ICO), boundary cases, and the errors."""

from datetime import date

import pytest

from answerable.clock.deadlines import (
    add_months,
    commissioner_application_due,
    court_of_session_due,
    response_due,
    review_request_due,
    review_response_due,
)
from answerable.clock.errors import ClockError
from answerable.clock.holidays import library_calendar
from answerable.clock.regimes import Regime

SCOTLAND = library_calendar("foisa")
UK = library_calendar("foia")


def due(regime: str, received: date, **options) -> date:
    calendar = SCOTLAND if regime in ("foisa", "eir-s") else UK
    return response_due(regime, received, calendar, **options).due


# OSIC, "How long will I have to wait?" (https://www.foi.scot/how-long-will-i-wait): "The
# first working day of your request is the day after the date on which the authority
# receives it", so a request received on Friday, Saturday or Sunday has the same deadline.
def test_osic_friday_saturday_and_sunday_receipt_give_the_same_deadline():
    friday, saturday, sunday = date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 8)
    assert due("foisa", friday) == due("foisa", saturday) == due("foisa", sunday)
    # Day 1 is Monday 9 March; Good Friday (3 April) is skipped; Easter Monday (6 April)
    # is a working day in Scotland and is the 20th.
    assert due("foisa", friday) == date(2026, 4, 6)


# OSIC, the same page: where the authority asks for more details, "the 20 working days
# will only start once you have given those details" (FOISA s1(3), s10(1)(b)).
def test_osic_clarification_restarts_the_twenty_working_days():
    received, clarified = date(2026, 2, 2), date(2026, 2, 11)
    deadline = response_due("foisa", received, SCOTLAND, clarification_received=clarified)
    assert deadline.due == SCOTLAND.add_working_days(clarified, 20) == date(2026, 3, 11)
    assert SCOTLAND.working_days_between(clarified, deadline.due) == 20
    assert any("s1(3)" in line for line in deadline.explanation)


# OSIC, the same page: "if the authority sends you a fees notice after 10 working days,
# and you decide to pay the fee, the authority has another 10 working days from the day it
# receives your payment to respond" (FOISA s10(3)).
def test_osic_a_fees_notice_after_ten_working_days_leaves_ten_from_payment():
    received = date(2026, 3, 2)  # Monday
    notice = date(2026, 3, 17)  # Tuesday, the day after the 10th working day
    paid = date(2026, 3, 27)
    assert SCOTLAND.working_days_between(received, date(2026, 3, 16)) == 10
    deadline = response_due("foisa", received, SCOTLAND, fee_notice_issued=notice, fee_paid=paid)
    assert deadline.due == SCOTLAND.add_working_days(paid, 10) == date(2026, 4, 13)
    assert any("s10(3)" in line and "disregarded" in line for line in deadline.explanation)


def test_the_day_the_fees_notice_is_given_is_itself_disregarded():
    # "beginning with the day on which the notice is given": a notice given ON the 10th
    # working day leaves 11 from payment.
    received, notice, paid = date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 27)
    deadline = response_due("foisa", received, SCOTLAND, fee_notice_issued=notice, fee_paid=paid)
    assert deadline.due == SCOTLAND.add_working_days(paid, 11)


def test_a_fees_notice_after_the_deadline_does_not_move_it():
    received = date(2026, 3, 2)
    plain = due("foisa", received)
    late = response_due(
        "foisa",
        received,
        SCOTLAND,
        fee_notice_issued=SCOTLAND.add_working_days(plain, 1),
        fee_paid=date(2026, 5, 1),
    )
    assert late.due == plain


# FOIA s10(2) (quoted in the ICO's "Time limits for compliance under the Freedom of
# Information Act (Section 10)", ico.org.uk): the working days from the day the fees notice
# is given to the day the fee is received are disregarded, as under FOISA.
def test_ico_foia_fees_notice_pauses_the_clock():
    received, notice, paid = date(2026, 3, 2), date(2026, 3, 18), date(2026, 3, 27)
    deadline = response_due("foia", received, UK, fee_notice_issued=notice, fee_paid=paid)
    # Up to the notice, FOIA has counted one day fewer than FOISA: St Patrick's Day
    # (17 March) is not a FOIA working day.
    used = UK.working_days_between(received, date(2026, 3, 17))
    assert used == SCOTLAND.working_days_between(received, date(2026, 3, 17)) - 1 == 10
    assert deadline.due == UK.add_working_days(paid, 20 - used) == date(2026, 4, 14)
    assert any("s10(2)" in line for line in deadline.explanation)


# ICO line to take LTT47 (foiwiki.com/foiwiki/index.php/LTT47, (c) ICO): "working days
# exclude days which are bank holidays anywhere within the UK ... a day which is say, only a
# bank holiday in Northern Ireland ... (such as St Patrick's Day) will count as a
# non-working day in all countries covered by the FoIA"; and the date of receipt may be a
# weekend or bank holiday.
def test_ico_st_patricks_day_is_a_non_working_day_for_every_foia_request():
    received = date(2026, 3, 9)
    assert due("foia", received) == date(2026, 4, 9)  # 17 March, 3 and 6 April skipped
    assert due("foisa", received) == date(2026, 4, 7)  # only Good Friday skipped
    assert due("foia", date(2026, 3, 7)) == due("foia", date(2026, 3, 6))  # Saturday receipt


# Information Rights and Wrongs, "When is a working day not a working day?" (2013), on
# FOIA s10(6): 2 January, a bank holiday only in Scotland, adds a day for every FOIA request.
def test_ico_second_of_january_extends_foia_time_in_england():
    deadline = response_due("foia", date(2025, 12, 15), UK)
    assert deadline.due == date(2026, 1, 16)
    assert "2026-01-02 New Year Holiday (Scotland)" in " ".join(deadline.explanation)


def test_easter_monday_counts_in_scotland_not_under_foia():
    assert due("foisa", date(2026, 3, 6)) == date(2026, 4, 6)
    assert due("foia", date(2026, 3, 6)) == date(2026, 4, 8)


def test_the_state_funeral_is_skipped():
    assert due("foisa", date(2022, 9, 12)) == date(2022, 10, 11)


def test_the_proclaimed_world_cup_holiday_is_skipped():
    # 15 June 2026, proclaimed for Scotland, counts for FOIA too (a bank holiday in a part
    # of the UK).
    assert due("foisa", date(2026, 5, 26)) == date(2026, 6, 24)
    assert due("foia", date(2026, 5, 26)) == date(2026, 6, 24)
    assert due("foisa", date(2025, 5, 27)) == date(2025, 6, 24)  # no such holiday in 2025


def test_a_december_2026_request_runs_into_2027_over_christmas_and_new_year():
    deadline = response_due("foisa", date(2026, 12, 18), SCOTLAND)
    # Skips 25 and 28 December 2026, 1 January and 4 January 2027 (2 January substitute).
    assert deadline.due == date(2027, 1, 21)
    text = " ".join(deadline.explanation)
    assert "2027-01-04" in text and "2026-12-28" in text


def test_receipt_on_a_bank_holiday_counts_from_the_next_working_day():
    assert due("foisa", date(2026, 4, 3)) == due("foisa", date(2026, 4, 2))  # Good Friday


def test_eir_extension_is_forty_working_days():
    for regime, calendar in (("eir-s", SCOTLAND), ("eir", UK)):
        deadline = response_due(regime, date(2026, 3, 2), calendar, extended=True)
        assert calendar.working_days_between(date(2026, 3, 2), deadline.due) == 40
        assert any("reg 7" in line for line in deadline.explanation)


@pytest.mark.parametrize(
    ("regime", "provision"), [("foisa", "no extension"), ("foia", r"s10\(3\)")]
)
def test_foisa_and_foia_have_no_countable_extension(regime, provision):
    calendar = SCOTLAND if regime == "foisa" else UK
    with pytest.raises(ClockError, match=provision) as error:
        response_due(regime, date(2026, 3, 2), calendar, extended=True)
    assert error.value.field == "extended"


def test_eir_fees_pause_the_clock_too():
    deadline = response_due(
        "eir-s",
        date(2026, 3, 2),
        SCOTLAND,
        fee_notice_issued=date(2026, 3, 17),
        fee_paid=date(2026, 3, 27),
    )
    assert deadline.due == date(2026, 4, 13)


def test_a_fee_paid_three_months_after_the_notice_is_flagged():
    deadline = response_due(
        "foisa",
        date(2026, 3, 2),
        SCOTLAND,
        fee_notice_issued=date(2026, 3, 3),
        fee_paid=date(2026, 6, 3),
    )
    assert any("s9(4)" in line for line in deadline.explanation)


@pytest.mark.parametrize(
    ("options", "field", "message"),
    [
        ({"clarification_received": date(2026, 3, 1)}, "clarification_received", "before"),
        (
            {"fee_notice_issued": date(2026, 3, 10), "fee_paid": date(2026, 3, 9)},
            "fee_paid",
            "before the fees notice",
        ),
        ({"fee_notice_issued": date(2026, 3, 10)}, "fee_paid", "give the day the fee was paid"),
        ({"fee_paid": date(2026, 3, 10)}, "fee_notice_issued", "no fees notice"),
        (
            {"fee_notice_issued": date(2026, 3, 1), "fee_paid": date(2026, 3, 9)},
            "fee_notice_issued",
            "before the request",
        ),
        (
            {
                "clarification_received": date(2026, 3, 10),
                "fee_notice_issued": date(2026, 3, 5),
                "fee_paid": date(2026, 3, 12),
            },
            "fee_notice_issued",
            "before the clarification",
        ),
    ],
)
def test_impossible_dates_are_refused_naming_the_field(options, field, message):
    with pytest.raises(ClockError, match=message) as error:
        response_due("foisa", date(2026, 3, 2), SCOTLAND, **options)
    assert error.value.field == field


def test_the_explanation_cites_the_sections():
    deadline = response_due("foisa", date(2026, 3, 6), SCOTLAND)
    assert deadline.kind == "response" and deadline.regime is Regime.FOISA
    text = " ".join(deadline.explanation)
    assert "s10(1)" in text and "s73" in text and "Good Friday" in text
    assert deadline.as_dict() == {
        "due": "2026-04-06",
        "regime": "foisa",
        "kind": "response",
        "explanation": list(deadline.explanation),
    }


# Review requests: FOISA s20(5), foisa_rules.md rule 10.
def test_foisa_review_window_accepts_the_later_of_the_two_readings():
    request, response = date(2026, 3, 6), date(2026, 3, 20)  # responded early
    expiry = due("foisa", request)
    deadline = review_request_due(
        "foisa", SCOTLAND, response_received=response, request_received=request
    )
    assert deadline.due == SCOTLAND.add_working_days(expiry, 40) == date(2026, 6, 3)
    assert deadline.due > SCOTLAND.add_working_days(response, 40)
    assert "reading 2 (from the expiry of the time to respond) gives it" in deadline.explanation[-2]


def test_foisa_review_window_from_receipt_alone_says_the_other_reading_was_not_counted():
    deadline = review_request_due("foisa", SCOTLAND, response_received=date(2026, 3, 20))
    assert deadline.due == SCOTLAND.add_working_days(date(2026, 3, 20), 40)
    assert any("could not be counted" in line for line in deadline.explanation)


def test_foisa_review_window_after_a_late_response_runs_from_its_receipt():
    request = date(2026, 3, 6)
    late = date(2026, 4, 20)
    deadline = review_request_due(
        "foisa", SCOTLAND, response_received=late, request_received=request
    )
    assert deadline.due == SCOTLAND.add_working_days(late, 40)
    assert any("s20(5)(b)" in line for line in deadline.explanation)


def test_review_window_with_no_response_runs_from_the_expiry_of_the_response_period():
    request = date(2026, 3, 6)
    for regime, calendar in (("foisa", SCOTLAND), ("eir", UK), ("foia", UK)):
        deadline = review_request_due(regime, calendar, request_received=request)
        assert deadline.due == calendar.add_working_days(due(regime, request), 40)


def test_review_window_with_no_response_allows_for_a_clarification():
    request, clarified = date(2026, 3, 6), date(2026, 3, 20)
    plain = review_request_due("foisa", SCOTLAND, request_received=request)
    later = review_request_due(
        "foisa", SCOTLAND, request_received=request, clarification_received=clarified
    )
    assert later.due > plain.due


def test_foia_internal_review_is_a_code_of_practice_deadline():
    deadline = review_request_due("foia", UK, response_received=date(2026, 3, 20))
    assert deadline.due == UK.add_working_days(date(2026, 3, 20), 40)
    assert "not statutory" in deadline.explanation[0]
    assert "Code of Practice" in deadline.explanation[0]


def test_review_request_needs_a_date():
    with pytest.raises(ClockError, match="give the day the applicant received the response"):
        review_request_due("foisa", SCOTLAND)
    with pytest.raises(ClockError, match="before the request"):
        review_request_due(
            "foisa", SCOTLAND, response_received=date(2026, 3, 1), request_received=date(2026, 3, 6)
        )
    with pytest.raises(ClockError, match="describes the request") as error:
        review_request_due(
            "foisa",
            SCOTLAND,
            response_received=date(2026, 3, 20),
            clarification_received=date(2026, 3, 10),
        )
    assert error.value.field == "clarification_received"


@pytest.mark.parametrize(
    ("regime", "days", "provision"),
    [
        ("foisa", 20, "s21(1)"),
        ("eir-s", 20, "reg 16(4)"),
        ("eir", 40, "reg 11(4)"),
        ("foia", 20, "Code of Practice"),
    ],
)
def test_review_response_periods(regime, days, provision):
    calendar = SCOTLAND if regime in ("foisa", "eir-s") else UK
    received = date(2026, 3, 6)
    deadline = review_response_due(regime, received, calendar)
    assert deadline.due == calendar.add_working_days(received, days)
    assert provision in " ".join(deadline.explanation)


def test_foia_review_response_may_take_forty_working_days_in_complex_cases():
    deadline = review_response_due("foia", date(2026, 3, 6), UK, extended=True)
    assert UK.working_days_between(date(2026, 3, 6), deadline.due) == 40
    with pytest.raises(ClockError, match="no extension"):
        review_response_due("foisa", date(2026, 3, 6), SCOTLAND, extended=True)


# Commissioner: FOISA s47(4); month arithmetic of rule 13.
@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2022, 8, 31), 6, date(2023, 2, 28)),
        (date(2026, 3, 31), 6, date(2026, 9, 30)),
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 9, 30), 6, date(2027, 3, 30)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 7, 31), 6, date(2027, 1, 31)),
    ],
)
def test_add_months_keeps_the_day_number_or_takes_the_last_day(start, months, expected):
    assert add_months(start, months) == expected


def test_commissioner_application_six_months_after_the_review_notice():
    deadline = commissioner_application_due(
        "foisa", SCOTLAND, review_notice_received=date(2023, 8, 31)
    )
    assert deadline.due == date(2024, 2, 29)
    assert "s47(4)" in " ".join(deadline.explanation)


def test_commissioner_application_without_a_review_notice_runs_from_the_review_expiry():
    requirement = date(2026, 3, 6)
    deadline = commissioner_application_due(
        "foisa", SCOTLAND, review_requirement_received=requirement
    )
    expiry = SCOTLAND.add_working_days(requirement, 20)
    assert deadline.due == add_months(expiry, 6)


def test_ico_complaint_months_are_practice_and_can_be_set():
    notice = date(2026, 3, 6)
    six = commissioner_application_due("foia", UK, review_notice_received=notice)
    three = commissioner_application_due("eir", UK, review_notice_received=notice, ico_months=3)
    assert six.due == date(2026, 9, 6) and three.due == date(2026, 6, 6)
    assert "No statutory time limit" in six.explanation[0]
    with pytest.raises(ClockError, match="fixes 6 months"):
        commissioner_application_due("foisa", SCOTLAND, review_notice_received=notice, ico_months=3)


def test_commissioner_application_needs_exactly_one_date():
    with pytest.raises(ClockError, match="not both"):
        commissioner_application_due("foisa", SCOTLAND)
    with pytest.raises(ClockError, match="not both"):
        commissioner_application_due(
            "foisa",
            SCOTLAND,
            review_notice_received=date(2026, 3, 6),
            review_requirement_received=date(2026, 3, 6),
        )


def test_court_of_session_appeal_within_42_days_or_as_set():
    assert court_of_session_due("foisa", date(2026, 3, 6)).due == date(2026, 4, 17)
    assert court_of_session_due("eir-s", date(2026, 3, 6), days=45).due == date(2026, 4, 20)
    with pytest.raises(ClockError, match="First-tier Tribunal"):
        court_of_session_due("foia", date(2026, 3, 6))
    with pytest.raises(ClockError, match="at least 1"):
        court_of_session_due("foisa", date(2026, 3, 6), days=0)


def test_an_unknown_regime_is_a_clock_error():
    with pytest.raises(ClockError, match="unknown regime"):
        response_due("fois", date(2026, 3, 6), SCOTLAND)
