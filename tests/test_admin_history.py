"""Each record's history page shows who changed what, and when (DPA 2018 s62)."""

from datetime import datetime

import pytest
from django.contrib.auth.models import AbstractUser
from django.test import Client
from django.urls import reverse

from answerable.core.uk_time import UK
from answerable.register.models import CustodyEpisode, Force, Station


@pytest.mark.django_db
def test_history_shows_the_admin_users_change(
    admin_client: Client, admin_user: AbstractUser, stations: dict[str, Station]
) -> None:
    station = stations["Govan"]
    change = reverse("admin:register_station_change", args=[station.pk])
    form = {
        "force": station.force_id,
        "division": station.division_id,
        "name": "Govan Custody",
        "active": "",
    }
    assert admin_client.post(change, form).status_code == 302

    latest = station.history.latest("history_date")
    assert latest.history_user == admin_user
    assert latest.name == "Govan Custody"

    page = admin_client.get(reverse("admin:register_station_history", args=[station.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert admin_user.username in text
    assert "Govan" in text and "Govan Custody" in text  # old and new value of the change


@pytest.mark.django_db
def test_custody_episode_history_records_a_correction(
    admin_client: Client,
    admin_user: AbstractUser,
    police_scotland: Force,
    stations: dict[str, Station],
) -> None:
    govan = stations["Govan"]
    episode = CustodyEpisode.objects.create(
        force=police_scotland,
        custody_ref="NCS-9",
        station=govan,
        division=govan.division,
        arrived_at=datetime(2023, 5, 2, 14, 0, tzinfo=UK),
        detention_basis="other",
    )
    change = reverse("admin:register_custodyepisode_change", args=[episode.pk])
    page = admin_client.get(change)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        arrived_at_0="2023-05-02",
        arrived_at_1="14:00:00",
        released_at_0="",
        released_at_1="",
        detention_basis="immigration_powers",
        outcome="charged",
    )
    assert admin_client.post(change, data).status_code == 302

    history = episode.history.order_by("history_date")
    assert [h.history_user for h in history] == [None, admin_user]
    assert history.last().detention_basis == "immigration_powers"
    text = admin_client.get(
        reverse("admin:register_custodyepisode_history", args=[episode.pk])
    ).content.decode()
    assert admin_user.username in text
    assert "Charged" in text or "charged" in text
