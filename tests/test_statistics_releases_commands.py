"""`answerable release` (prepare, announce, check, publish-due, list) and the demonstration's
editions (issue 18, parts 4 and 5)."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from statistics_releases_support import manager, register, series  # noqa: F401

from answerable.answers.models import Release, ReleaseKind
from answerable.demo.releases import publish_demo_releases
from answerable.statistics_releases.models import Edition, EditionStatus
from answerable.statistics_releases.standard import SLUG

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("release", *args, stdout=out)
    return out.getvalue()


def test_prepare_check_and_publish_on_the_announced_day(series, manager):
    day = timezone.localdate() + timedelta(days=3)
    said = run("prepare", "--period", "2026-Q1", "--publish-on", day.isoformat(), "--user", "ann")
    assert "Prepared custody-2026-q1: 1 tables" in said
    assert run("publish-due", "--today", day.isoformat()).strip().endswith("not published")
    assert "Checked custody-2026-q1" in run("check", "custody-2026-q1", "--user", "manager")
    assert "Nothing due." in run("publish-due", "--today", (day - timedelta(days=1)).isoformat())
    assert "published custody-2026-q1" in run("publish-due", "--today", day.isoformat())
    assert Release.objects.get().kind == ReleaseKind.STATISTICS
    assert "custody-2026-q1  Published" in run("list")


def test_the_commands_say_what_is_wrong(series, manager):
    with pytest.raises(CommandError, match="YYYY-QN"):
        run("prepare", "--period", "2026-Q5")
    with pytest.raises(CommandError, match="in the past"):
        run("prepare", "--period", "2026-Q1", "--publish-on", "2020-01-01")
    with pytest.raises(CommandError, match="no such release definition"):
        run("prepare", "--period", "2026-Q1", "--series", "nope")
    run("prepare", "--period", "2026-Q1", "--user", "manager")
    with pytest.raises(CommandError, match="someone else"):
        run("check", "custody-2026-q1", "--user", "manager")
    with pytest.raises(CommandError, match="no edition"):
        run("check", "custody-2099-q1", "--user", "manager")


def test_announcing_puts_a_period_on_the_calendar(series):
    day = timezone.localdate() + timedelta(days=30)
    assert f"for {day}" in run("announce", "--period", "2026/27", "--on", day.isoformat())
    edition = Edition.objects.get()
    assert edition.status == EditionStatus.ANNOUNCED and edition.slug == "custody-2026-27"
    assert (edition.first_day, edition.last_day) == (date(2026, 4, 1), date(2027, 3, 31))


def test_the_demo_publishes_each_complete_quarter_and_announces_the_next(register):
    published = publish_demo_releases(date(2026, 8, 1))
    assert published == [f"{SLUG}-2026-q1", f"{SLUG}-2026-q2"]
    assert Release.objects.filter(kind=ReleaseKind.STATISTICS).count() == 2
    upcoming = Edition.objects.get(status=EditionStatus.ANNOUNCED)
    assert upcoming.period == "2026-Q3" and upcoming.publish_on == date(2026, 10, 28)
    assert publish_demo_releases(date(2026, 8, 1)) == []  # again: nothing new


def test_the_reminders_run_publishes_what_is_due(series, manager):
    day = timezone.localdate() + timedelta(days=2)
    run("prepare", "--period", "2026-Q1", "--publish-on", day.isoformat(), "--user", "ann")
    run("check", "custody-2026-q1", "--user", "manager")
    out = io.StringIO()
    call_command("remind", "--today", day.isoformat(), "--dry-run", stdout=out)
    assert "Statistics due: custody-2026-q1" in out.getvalue()
    assert not Release.objects.exists()
    call_command("remind", "--today", day.isoformat(), stdout=out)
    assert "Statistics: published custody-2026-q1" in out.getvalue()
    assert Edition.objects.get().status == EditionStatus.PUBLISHED
