"""The clock's settings, each read from Django's settings or else from the environment.

ANSWERABLE_COURT_OF_SESSION_DAYS: days for an appeal to the Court of Session (FOISA s56;
  Rules of the Court of Session: 42 days after the decision is intimated; OSIC's decision
  notices say 42, Shelter Scotland says 45). Default 42.
ANSWERABLE_ICO_COMPLAINT_MONTHS: months within which the ICO expects a complaint under
  FOIA s50 / EIR reg 18 (ICO practice, not a statutory limit). Default 6.
"""

from django.conf import settings

from answerable.clock.regimes import ICO_COMPLAINT_MONTHS
from answerable.env import env_int

COURT_OF_SESSION_DAYS = 42


def _setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = env_int(name, default, minimum=1)
    return int(value)


def court_of_session_days() -> int:
    return _setting("ANSWERABLE_COURT_OF_SESSION_DAYS", COURT_OF_SESSION_DAYS)


def ico_complaint_months() -> int:
    return _setting("ANSWERABLE_ICO_COMPLAINT_MONTHS", ICO_COMPLAINT_MONTHS)
