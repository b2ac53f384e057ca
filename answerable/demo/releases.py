"""The demonstration's published statistics: an edition of the standard release definition
for each of the last complete quarters the (synthetic) register holds (DEMO_QUARTERS of
them), and the next quarter announced, so that a new user of `make run` sees the public
statistics pages, their earlier editions and the calendar.

Each edition goes through the ledger as a real one does (decided against every earlier
release, recorded as one statistics release). The disclosure manager's check is the one step
the demonstration takes on the user's behalf: it is marked as checked by the demonstration
loader, on synthetic data only, and published from the decision it was prepared with
(nothing is released between the two). Idempotent: a quarter with an edition is left as it
is. Every quarter since 2017 would take minutes (each is audited against the ledger): the
window keeps `answerable demo` quick.
"""

from datetime import date, timedelta

from django.utils import timezone

from answerable.answers.ledger.release import ledger_lock
from answerable.register.coverage_records import held_from
from answerable.register.models import CustodyEpisode
from answerable.statistics_releases import services
from answerable.statistics_releases.models import Edition, EditionStatus
from answerable.statistics_releases.periods import parse_period, quarters_between
from answerable.statistics_releases.standard import standard_definition

DEMO_USER = "demo (synthetic data)"
DEMO_QUARTERS = 8


def publish_demo_releases(as_of: date | None = None) -> list[str]:
    """Publish every complete quarter's edition up to `as_of` (default today) that is not
    held yet, and announce the next quarter's; the published editions' names."""
    today = as_of or timezone.localdate()
    first = (
        held_from("custody")
        or CustodyEpisode.objects.order_by("arrived_on")
        .values_list("arrived_on", flat=True)
        .first()
    )
    if first is None:
        return []
    definition = standard_definition()
    published = []
    for period in quarters_between(first, today)[-DEMO_QUARTERS:]:
        publish_on = period.last_day + timedelta(days=definition.publication_lag_days)
        if publish_on > today:
            services.announce(definition, period, publish_on)
            continue
        if Edition.objects.filter(definition=definition, period=period.label).exists():
            continue
        with ledger_lock():
            edition, decision = services.prepared(
                definition, period, prepared_by=DEMO_USER, publish_on=publish_on
            )
            edition.status = EditionStatus.CHECKED
            edition.checked_by, edition.checked_at = DEMO_USER, timezone.now()
            edition.save(update_fields=["status", "checked_by", "checked_at"])
            services.recorded(edition, decision)
            published.append(edition.slug)
    current = parse_period(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    if not Edition.objects.filter(definition=definition, period=current.label).exists():
        services.announce(
            definition, current, current.last_day + timedelta(days=definition.publication_lag_days)
        )
    return published
