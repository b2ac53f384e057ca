"""Register forms take their dates as the GOV.UK date input (day, month, year)."""

from datetime import datetime

import pytest
from django.urls import reverse
from register_pages_support import World, custody, nccu_form, world  # noqa: F401

from answerable.core.uk_time import UK
from answerable.register.models import NccuContact


@pytest.mark.django_db
def test_an_nccu_contact_dated_in_day_month_and_year_boxes(world: World) -> None:
    client = custody(world, name="pc-dates")
    data = nccu_form(world.g.station)
    del data["contacted_at_date"]
    data.update(
        contacted_at_date_day="5", contacted_at_date_month="3", contacted_at_date_year="2024"
    )
    response = client.post(reverse("register:nccu_new"), data)
    assert response.status_code == 302, response.context["form"].errors
    contact = NccuContact.objects.get(reference="NCCU-NEW-1")
    assert contact.contacted_at == datetime(2024, 3, 5, 22, 15, tzinfo=UK)


@pytest.mark.django_db
def test_the_new_contact_form_asks_for_the_date_in_three_boxes(world: World) -> None:
    body = custody(world, name="pc-form").get(reverse("register:nccu_new")).content.decode()
    assert 'name="contacted_at_date_day"' in body and 'type="date"' not in body
    assert "<legend" in body and "Contacted: date" in body
