"""The demo's contacts with Immigration Enforcement's NCCU (seed 000).

One contact for each disclosure made to the NCCU (status checks, victims, witnesses and
suspects referred), by the same channel, so that the NCCU's own count (phone only since
April 2020, written question 172547) can be set against the force's; plus a few contacts
for general advice in which no personal data was given.
"""

import random
from datetime import date

from answerable.demo.synthetic.demo_clock import HORIZON, random_day, random_time
from answerable.demo.synthetic.demo_records import DemoDisclosure, DemoNccuContact

ADVICE_ONLY_PER_YEAR = 30  # synthetic
START = date(2017, 4, 1)


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([label for label, _ in table], [share for _, share in table])[0]


def _officer(rng: random.Random) -> str:
    return f"DEMO-SN-{rng.randrange(10_000):04d}"


def _advice(rng: random.Random, disclosure: DemoDisclosure) -> tuple[str, str, str]:
    """(trigger, NCCU advice, what the officer did)."""
    episode = disclosure.episode
    if episode is not None and episode.basis == "immigration_powers":
        return "arrested", "arrest_immigration_purposes", "arrested_immigration_purposes"
    if episode is not None and episode.basis == "immigration_offence":
        advice = _pick(rng, (("arrest_immigration_purposes", 0.6), ("further_enquiries", 0.4)))
        action = (
            "arrested_immigration_purposes"
            if advice.startswith("arrest")
            else "continued_criminal_process"
        )
        return "arrested", advice, action
    if episode is not None:
        advice = _pick(
            rng,
            (
                ("not_immigration_offender", 0.4),
                ("no_trace", 0.3),
                ("further_enquiries", 0.2),
                ("arrest_immigration_purposes", 0.1),
            ),
        )
        action = (
            "arrested_immigration_purposes"
            if advice.startswith("arrest")
            else "continued_criminal_process"
        )
        return _pick(rng, (("arrested", 0.8), ("charged", 0.2))), advice, action
    if disclosure.role in ("victim", "witness"):
        advice = _pick(
            rng,
            (("further_enquiries", 0.5), ("no_trace", 0.25), ("not_immigration_offender", 0.25)),
        )
        return "victim_or_witness", advice, "no_further_action"
    advice = _pick(
        rng, (("further_enquiries", 0.5), ("arrest_immigration_purposes", 0.2), ("no_trace", 0.3))
    )
    return _pick(rng, (("charged", 0.5), ("reported", 0.5))), advice, "continued_criminal_process"


def plan_nccu(rng: random.Random, disclosures: list[DemoDisclosure]) -> list[DemoNccuContact]:
    """Contacts in order of time, with references."""
    contacts = []
    for disclosure in disclosures:
        if disclosure.recipient != "hoie_nccu" or disclosure.channel not in ("phone", "email"):
            continue
        trigger, advice, action = _advice(rng, disclosure)
        episode = disclosure.episode
        contacts.append(
            DemoNccuContact(
                contacted=disclosure.disclosed,
                channel=disclosure.channel,
                role=disclosure.role,
                trigger=trigger,
                advice=advice,
                action=action,
                officer=_officer(rng),
                division=disclosure.division,
                station=episode.station if episode else None,
                person=disclosure.person,
                episode=episode,
                disclosure=disclosure,
            )
        )
    years = ((HORIZON - START).days + 1) / 365.25
    for _ in range(round(ADVICE_ONLY_PER_YEAR * years)):
        contacts.append(
            DemoNccuContact(
                contacted=random_time(rng, random_day(rng, START, HORIZON), range(8, 22)),
                channel=_pick(rng, (("phone", 0.8), ("email", 0.2))),
                role="other",
                trigger="other",
                advice="other",
                action="no_further_action",
                officer=_officer(rng),
                notes="SYNTHETIC demo record: general advice sought; no personal data given.",
            )
        )
    contacts.sort(key=lambda contact: (contact.contacted, contact.officer))
    for number, contact in enumerate(contacts, start=1):
        contact.ref = f"DEMO-NCCU-{number:06d}"
    return contacts
