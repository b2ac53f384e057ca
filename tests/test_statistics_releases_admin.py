"""The authority edits its release definitions and the disclosure manager checks an edition
in the administration site (issue 18, part 1)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from statistics_releases_support import manager, register, series  # noqa: F401

from answerable.statistics_releases import services
from answerable.statistics_releases.models import DefinedTable, EditionStatus
from answerable.statistics_releases.periods import parse_period

pytestmark = pytest.mark.django_db


def test_a_defined_table_is_checked_against_the_catalogue(series):
    table = DefinedTable(definition=series, position=2, title="x", question="custody-count")
    table.by = "station,colour"
    with pytest.raises(ValidationError, match="no breakdown 'colour'"):
        table.full_clean()
    table.by, table.where = "station", {"sex": "male"}
    with pytest.raises(ValidationError, match="dimension"):
        table.full_clean()
    table.where, table.question = {}, "how-many"
    with pytest.raises(ValidationError, match="unknown question"):
        table.full_clean()
    table.question, table.bands = "custody-count", "48,24"
    with pytest.raises(ValidationError):
        table.full_clean()
    table.bands = "24,48"
    table.full_clean()


def test_the_disclosure_manager_edits_the_definition_and_checks_in_the_admin(series, manager):
    manager.is_staff = True
    manager.save()
    client = Client()
    client.force_login(manager)
    change = reverse("admin:statistics_releases_releasedefinition_change", args=[series.pk])
    assert client.get(change).status_code == 200

    edition = services.prepare(series, parse_period("2026-Q1"), prepared_by="analyst")
    changelist = reverse("admin:statistics_releases_edition_changelist")
    response = client.post(
        changelist, {"action": "check_editions", "_selected_action": [edition.pk]}, follow=True
    )
    assert response.status_code == 200
    edition.refresh_from_db()
    assert edition.status == EditionStatus.CHECKED and edition.checked_by == "manager"


def test_the_preparer_cannot_check_their_own_edition_in_the_admin(series, manager):
    manager.is_staff = True
    manager.save()
    client = Client()
    client.force_login(manager)
    edition = services.prepare(series, parse_period("2026-Q1"), prepared_by="manager")
    changelist = reverse("admin:statistics_releases_edition_changelist")
    response = client.post(
        changelist, {"action": "check_editions", "_selected_action": [edition.pk]}, follow=True
    )
    assert "someone else must check it" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == EditionStatus.PREPARED
