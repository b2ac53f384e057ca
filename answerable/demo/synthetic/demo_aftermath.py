"""What happened to people after the demo's disclosures: seed 000's "after a report or
referral, detained under immigration powers ... administratively removed or deported".

Two courses the answer engine must read beyond a disclosure's latest outcome (answers/
reports.py), planned here so that the demo's answers to them are not trivial:

- the Home Office's outcome reports: a person reported detained under immigration powers
  before the final outcome (removal or deportation, or release, shown as "other"), so the
  detention is in an earlier report, not in the outcome the disclosure holds;
- later immigration custody: some people referred (victims, witnesses, suspects) are the
  same person as someone later held in police custody on an immigration-related basis.
  The referral is given to that person, rather than a custody episode added, so that the
  custody figures calibrated to seed 001 and corpus B1 stay exactly as published.

Shares are synthetic. The course is drawn from its own random generator, so the rest of
the plan (and every calibrated figure) is the same as without it.
"""

import bisect
import random
from datetime import date, timedelta

from answerable.demo.synthetic.demo_custody import DemoEpisode
from answerable.demo.synthetic.demo_people import subject_cells
from answerable.demo.synthetic.demo_records import DemoDisclosure

DETAINED = "detained_immigration_powers"
# Of the disclosures whose final outcome is this, the share first reported detained.
DETAINED_FIRST = {"removed": 0.6, "deported": 0.6, "other": 0.4}
# Of the people referred without a custody episode, the share later held in immigration
# custody, from a week to eighteen months after the referral.
LATER_CUSTODY_SHARE = 0.15
LATER_CUSTODY_DAYS = (7, 540)
REFERRED_KINDS = ("victim", "witness", "suspect")


def _detained_first(rng: random.Random, disclosure: DemoDisclosure) -> None:
    share = DETAINED_FIRST.get(disclosure.outcome)
    final = disclosure.outcome_on
    if share is None or final is None or rng.random() >= share:
        return
    gap = (final - disclosure.disclosed_on).days
    if gap < 2:
        return
    disclosure.earlier = [
        (DETAINED, disclosure.disclosed_on + timedelta(days=rng.randint(1, gap - 1)))
    ]


def _child(person_age: int | None) -> bool:
    return person_age is not None and person_age < 18


def _later_custody(
    rng: random.Random, disclosure: DemoDisclosure, episodes: list[DemoEpisode], days: list[date]
) -> None:
    """Make the person referred the same as someone held later under immigration powers:
    an episode in the window whose person is of the same sex and, like the person referred,
    a child or not on the day of the referral."""
    person = disclosure.person
    if person is None or rng.random() >= LATER_CUSTODY_SHARE:
        return
    day = disclosure.disclosed_on
    first = bisect.bisect_left(days, day + timedelta(days=LATER_CUSTODY_DAYS[0]))
    last = bisect.bisect_right(days, day + timedelta(days=LATER_CUSTODY_DAYS[1]))
    child = _child(person.age_on(day))
    candidates = [
        episode.person
        for episode in episodes[first:last]
        if episode.person.sex == person.sex and _child(episode.person.age_on(day)) == child
    ]
    if not candidates:
        return
    later = rng.choice(candidates)
    disclosure.person = later
    disclosure.subject = subject_cells(rng, later, day, "immigration")


def plan_aftermath(
    seed: int, disclosures: list[DemoDisclosure], episodes: list[DemoEpisode]
) -> None:
    """Give disclosures (in order of time) their earlier outcome reports, and some people
    referred their later immigration custody. Changes the disclosures in place."""
    rng = random.Random(seed)
    immigration = sorted(
        (episode for episode in episodes if episode.immigration), key=lambda e: e.arrived
    )
    days = [episode.arrived_on for episode in immigration]
    for disclosure in disclosures:
        _detained_first(rng, disclosure)
        if disclosure.kind in REFERRED_KINDS and disclosure.episode is None:
            _later_custody(rng, disclosure, immigration, days)
