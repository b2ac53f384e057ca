"""Small checks shared by the staff forms."""

from datetime import date, datetime

from django.utils import timezone

from answerable.core.uk_time import UK


def is_future_moment(moment: datetime | None) -> bool:
    return moment is not None and moment > timezone.now()


def is_future_date(day: date | None) -> bool:
    """After today's UK local date (the register's dates are UK local dates)."""
    return day is not None and day > timezone.now().astimezone(UK).date()
