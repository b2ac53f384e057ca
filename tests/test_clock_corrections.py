"""The corrections table: what an administrator adds in the admin changes the calendar."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from answerable.clock.deadlines import response_due
from answerable.clock.holidays import library_calendar
from answerable.clock.models import HolidayCorrection
from answerable.clock.services import calendar_for

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 7, 14)  # a working day everywhere in the UK


def correction(**fields) -> HolidayCorrection:
    values = {
        "date": TUESDAY,
        "region": HolidayCorrection.Region.SCOTLAND,
        "action": HolidayCorrection.Action.ADD,
        "name": "A proclaimed holiday",
        "source": "The Edinburgh Gazette, notice 1234567",
    } | fields
    return HolidayCorrection.objects.create(**values)


def test_a_correction_added_in_the_admin_changes_the_calendar(admin_client: Client, admin_user):
    assert calendar_for("foisa").is_working_day(TUESDAY)
    before = response_due("foisa", date(2026, 7, 1), calendar_for("foisa")).due
    page = admin_client.post(
        reverse("admin:clock_holidaycorrection_add"),
        {
            "date": "14/07/2026",
            "region": "scotland",
            "action": "add",
            "name": "A proclaimed holiday",
            "source": "https://www.thegazette.co.uk/Edinburgh/issue/0000/page/0",
            "note": "",
        },
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    row = HolidayCorrection.objects.get()
    assert row.created_by == admin_user and row.updated_by == admin_user
    calendar = calendar_for("foisa")
    assert not calendar.is_working_day(TUESDAY)
    assert calendar.why_not_working(TUESDAY) == "A proclaimed holiday"
    after = response_due("foisa", date(2026, 7, 1), calendar).due
    assert after == calendar.add_working_days(before, 1)
    # A Scottish bank holiday is a non-working day for FOIA too (s10(6): any part of the UK).
    assert not calendar_for("foia").is_working_day(TUESDAY)


def test_the_admin_requires_a_source(admin_client: Client):
    page = admin_client.post(
        reverse("admin:clock_holidaycorrection_add"),
        {"date": "14/07/2026", "region": "scotland", "action": "add", "name": "X", "source": ""},
    )
    assert page.status_code == 200
    assert "This field is required" in page.content.decode()
    assert not HolidayCorrection.objects.exists()


def test_the_corrections_list_and_history_pages_open(admin_client: Client):
    row = correction()
    assert admin_client.get(reverse("admin:clock_holidaycorrection_changelist")).status_code == 200
    history = reverse("admin:clock_holidaycorrection_history", args=[row.pk])
    assert admin_client.get(history).status_code == 200
    assert row.history.count() == 1


def test_a_removal_makes_a_wrongly_listed_day_a_working_day():
    world_cup = date(2026, 6, 15)
    assert not calendar_for("foisa").is_working_day(world_cup)
    correction(date=world_cup, action=HolidayCorrection.Action.REMOVE, name="Not proclaimed")
    assert calendar_for("foisa").is_working_day(world_cup)
    assert calendar_for("foia").is_working_day(world_cup)  # no other part had it
    assert not library_calendar("foisa").is_working_day(world_cup)  # the library is untouched


def test_a_removal_in_one_part_leaves_the_others_for_foia():
    good_friday = date(2026, 4, 3)
    correction(date=good_friday, action=HolidayCorrection.Action.REMOVE, name="Test")
    assert calendar_for("foisa").is_working_day(good_friday)
    assert not calendar_for("foia").is_working_day(good_friday)


def test_corrections_apply_to_their_region():
    correction(region=HolidayCorrection.Region.NORTHERN_IRELAND)
    assert calendar_for("foisa").is_working_day(TUESDAY)
    assert not calendar_for("foia").is_working_day(TUESDAY)


def test_a_uk_wide_correction_applies_everywhere_and_a_part_overrides_it():
    correction(region=HolidayCorrection.Region.UNITED_KINGDOM)
    assert not calendar_for("foisa").is_working_day(TUESDAY)
    assert not calendar_for("eir").is_working_day(TUESDAY)
    correction(region=HolidayCorrection.Region.SCOTLAND, action=HolidayCorrection.Action.REMOVE)
    assert calendar_for("eir-s").is_working_day(TUESDAY)
    assert not calendar_for("eir").is_working_day(TUESDAY)  # England and Wales, NI keep it


def test_christmas_day_cannot_be_removed():
    row = HolidayCorrection(
        date=date(2026, 12, 25),
        region="scotland",
        action="remove",
        name="Mistake",
        source="none",
    )
    with pytest.raises(ValidationError, match="Christmas Day"):
        row.full_clean()
    row.save()  # even if saved past validation, the calendar keeps Christmas Day
    assert not calendar_for("foisa").is_working_day(date(2026, 12, 25))


def test_a_weekend_correction_is_refused():
    row = HolidayCorrection(
        date=date(2026, 7, 11), region="scotland", action="add", name="X", source="Gazette"
    )
    with pytest.raises(ValidationError, match="Saturday or Sunday"):
        row.full_clean()
