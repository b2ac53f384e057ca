"""The GOV.UK date input (web/dates.py): three boxes, their errors, older one-value links."""

from datetime import date

from django import forms

from answerable.web.dates import GovukDateField


class DateForm(forms.Form):
    day = GovukDateField(label="Date received")
    since = GovukDateField(label="From", required=False)


def test_three_boxes_make_a_date():
    form = DateForm({"day_day": "4", "day_month": "12", "day_year": "2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"day": date(2026, 12, 4), "since": None}


def test_a_date_given_as_one_value_is_still_read():
    form = DateForm({"day": "2026-12-04", "since": "01/02/2026"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"day": date(2026, 12, 4), "since": date(2026, 2, 1)}


def test_a_missing_part_is_named_and_a_date_that_does_not_exist_is_refused():
    form = DateForm({"day_day": "4", "day_month": "", "day_year": "2026"})
    assert form.errors["day"] == ["Date received must include a month"]
    form = DateForm({"day_day": "31", "day_month": "2", "day_year": "2026"})
    assert form.errors["day"] == ["Date received must be a real date, for example 27 3 2026"]


def test_an_optional_date_is_optional():
    assert DateForm({"day": "2026-12-04"}).is_valid()


def test_it_is_drawn_as_the_design_systems_date_input():
    html = str(
        DateForm({"day_day": "4", "day_month": "", "day_year": "2026"})["day"].as_field_group()
    )
    assert '<fieldset class="govuk-fieldset" role="group"' in html
    assert "<legend" in html and "Date received" in html
    for part in ("day", "month", "year"):
        assert f'name="day_{part}"' in html and f'id="id_day_{part}"' in html
    assert 'type="date"' not in html
    assert 'value="4"' in html and "govuk-input--error" in html
    assert "govuk-input--width-4" in html  # the year
    optional = str(DateForm()["since"].as_field_group())
    assert "From (optional)" in optional
