"""The demo's disclosures to the Home Office (home-office-disclosures-v1).

Calibrated to corpus B3: exactly 207 victims referred to Immigration Enforcement's NCCU
from 1 May 2020 to 30 September 2022 (19 domestic abuse, 87 human trafficking, 43 modern
slavery, 5 child sexual exploitation, the other 53 split between exploitation and other),
with about a quarter of the domestic abuse victims served with enforcement papers. No
other disclosure about a victim falls in that window, nor within a week of it, so the
figure is the same however an FOI officer draws the line. Around it, plausible synthetic
volumes of the other kinds: status checks while a foreign national is in custody (seed
000's NCCU contact), witnesses and suspects referred, answers to Home Office requests and
a little safeguarding. ICCE high-harm referrals are planned with their requests
(demo_icce.py).
"""

import random
from datetime import date, datetime, timedelta
from typing import Any

from answerable.core.uk_time import UK
from answerable.demo.synthetic import profiles
from answerable.demo.synthetic.demo_clock import HORIZON, at_uk, random_day
from answerable.demo.synthetic.demo_custody import DemoEpisode
from answerable.demo.synthetic.demo_people import People, subject_cells
from answerable.demo.synthetic.demo_records import DemoDisclosure

START = date(2017, 4, 1)
# The 207 fall a day inside B3's window; no other victim comes within a week of it.
B3_INSIDE = (
    profiles.B3_WINDOW[0] + timedelta(days=1),
    profiles.B3_WINDOW[1] - timedelta(days=1),
)
BEFORE_B3 = profiles.B3_WINDOW[0] - timedelta(days=8)
AFTER_B3 = profiles.B3_WINDOW[1] + timedelta(days=8)

# Synthetic volumes a year.
VICTIMS_PER_YEAR = {"before": 55, "after": 45}
PER_YEAR = {"witness": 15, "suspect": 40, "request": 60, "safeguarding": 6}
STATUS_CHECK_SHARE = {"immigration": 0.7, "foreign_other": 0.5}
CORRECTION_SHARE = 0.02
DIVISION_WEIGHTS = {
    "G": 40,
    "A": 12,
    "E": 10,
    "N": 6,
    "Q": 8,
    "V": 5,
    "P": 5,
    "L": 3,
    "U": 3,
    "J": 3,
    "C": 2,
    "K": 2,
    "D": 1,
}
FEMALE_SHARE = {
    "domestic_abuse": 0.9,
    "child_sexual_exploitation": 0.8,
    "human_trafficking": 0.55,
    "modern_slavery": 0.4,
    "exploitation": 0.5,
    "other": 0.5,
}


def _years(first: date, last: date) -> float:
    return max((last - first).days + 1, 0) / 365.25


def _office_time(rng: random.Random, day: date) -> datetime:
    return at_uk(day, rng.randrange(8, 22), rng.randrange(60))


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([label for label, _ in table], [share for _, share in table])[0]


def _outcome(
    rng: random.Random, table: tuple[tuple[str, float], ...], day: date, delays: tuple[int, int]
) -> tuple[str, date | None]:
    label = _pick(rng, table)
    return (label, day + timedelta(days=rng.randint(*delays))) if label else ("", None)


def _status_checks(rng: random.Random, episodes: list[DemoEpisode]) -> list[DemoDisclosure]:
    """Checked with the NCCU while the person was in custody (seed 000)."""
    checks = []
    for episode in episodes:
        if episode.immigration:
            if rng.random() >= STATUS_CHECK_SHARE["immigration"]:
                continue
        elif not (episode.person.foreign and rng.random() < STATUS_CHECK_SHARE["foreign_other"]):
            continue
        minutes = (episode.released - episode.arrived).total_seconds() / 60
        disclosed = episode.arrived + timedelta(minutes=rng.randint(10, int(min(180, minutes - 5))))
        day = disclosed.astimezone(UK).date()
        if episode.immigration and episode.outcome in (
            "handed_to_home_office",
            "transferred_detention",
        ):
            table: tuple[tuple[str, float], ...] = (
                ("detained_immigration_powers", 0.7),
                ("removed", 0.08),
                ("deported", 0.02),
                ("", 0.2),
            )
        elif episode.immigration:
            table = (("no_action", 0.3), ("detained_immigration_powers", 0.1), ("", 0.6))
        else:
            table = (("no_action", 0.6), ("detained_immigration_powers", 0.1), ("", 0.3))
        outcome, outcome_on = _outcome(rng, table, day, (0, 2))
        if outcome in ("removed", "deported"):
            outcome_on = day + timedelta(days=rng.randint(20, 200))
        checks.append(
            DemoDisclosure(
                kind="status_check",
                disclosed=disclosed,
                division=episode.division,
                person=episode.person,
                subject=dict(episode.subject),
                role="suspect"
                if episode.basis != "immigration_powers"
                else _pick(rng, (("other", 0.6), ("suspect", 0.4))),
                recipient="hoie_nccu",
                channel=_pick(rng, (("phone", 0.75), ("email", 0.25))),
                purpose="status_check",
                consent=_pick(rng, (("not_sought", 0.85), ("", 0.15))),
                legal_basis=rng.choice(profiles.LEGAL_BASES),
                episode=episode,
                outcome=outcome,
                outcome_on=outcome_on,
            )
        )
    return checks


def _victim(
    rng: random.Random, people: People, day: date, crime: str, role: str = "victim"
) -> DemoDisclosure:
    person = people.new(
        "immigration",
        day,
        female=FEMALE_SHARE[crime],
        child=1.0 if crime == "child_sexual_exploitation" else 0.1,
    )
    outcome, outcome_on = _outcome(
        rng,
        (
            ("no_action", 0.35),
            ("other", 0.1),
            ("detained_immigration_powers", 0.03),
            ("removed", 0.01),
            ("", 0.51),
        ),
        day,
        (7, 120),
    )
    return DemoDisclosure(
        kind=role,
        disclosed=_office_time(rng, day),
        division=_division(rng),
        person=person,
        subject=subject_cells(rng, person, day, "immigration"),
        role=role,
        crime_type=crime,
        recipient="hoie_nccu",
        channel=_pick(rng, (("phone", 0.85), ("email", 0.15))),
        purpose="referral",
        consent=_pick(rng, (("yes", 0.2), ("no", 0.15), ("not_sought", 0.55), ("", 0.1))),
        legal_basis="Immigration and Asylum Act 1999 s20; NPCC guidance (2020) followed",
        outcome=outcome,
        outcome_on=outcome_on,
    )


def _division(rng: random.Random) -> str:
    return rng.choices(list(DIVISION_WEIGHTS), list(DIVISION_WEIGHTS.values()))[0]


def _b3_victims(rng: random.Random, people: People) -> list[DemoDisclosure]:
    """Exactly corpus B3's 207 victims and crime types, inside its window."""
    crimes = [
        crime
        for crime, n in {**profiles.B3_VICTIMS_BY_CRIME, **profiles.B3_REST_SPLIT}.items()
        for _ in range(n)
    ]
    victims = [_victim(rng, people, random_day(rng, *B3_INSIDE), crime) for crime in crimes]
    domestic = [v for v in victims if v.crime_type == "domestic_abuse"]
    for victim in rng.sample(domestic, profiles.B3_DOMESTIC_ABUSE_PAPERS_SERVED):
        victim.outcome = "enforcement_papers_served"
        victim.outcome_on = victim.disclosed_on + timedelta(days=rng.randint(7, 60))
    return victims


def _victims_around_b3(rng: random.Random, people: People) -> list[DemoDisclosure]:
    crimes = list(profiles.VICTIM_CRIME_WEIGHTS)
    weights = list(profiles.VICTIM_CRIME_WEIGHTS.values())
    victims = []
    for first, last, per_year in (
        (START, BEFORE_B3, VICTIMS_PER_YEAR["before"]),
        (AFTER_B3, HORIZON, VICTIMS_PER_YEAR["after"]),
    ):
        for _ in range(round(per_year * _years(first, last))):
            day = random_day(rng, first, last)
            victims.append(_victim(rng, people, day, rng.choices(crimes, weights)[0]))
    return victims


def _others(rng: random.Random, people: People) -> list[DemoDisclosure]:
    """Witnesses and suspects referred, answers to Home Office requests, safeguarding."""
    disclosures = []
    crimes = list(profiles.VICTIM_CRIME_WEIGHTS)
    for kind, per_year in PER_YEAR.items():
        for _ in range(round(per_year * _years(START, HORIZON))):
            day = random_day(rng, START, HORIZON)
            if kind == "witness":
                disclosures.append(_victim(rng, people, day, rng.choice(crimes), role="witness"))
                continue
            person = people.new("immigration", day, female=0.15, child=0.03)
            common: dict[str, Any] = {
                "kind": kind,
                "disclosed": _office_time(rng, day),
                "division": _division(rng),
                "person": person,
                "subject": subject_cells(rng, person, day, "immigration"),
                "legal_basis": rng.choice(profiles.LEGAL_BASES),
            }
            if kind == "suspect":
                outcome, on = _outcome(
                    rng,
                    (
                        ("detained_immigration_powers", 0.2),
                        ("removed", 0.05),
                        ("deported", 0.03),
                        ("no_action", 0.3),
                        ("", 0.42),
                    ),
                    day,
                    (1, 200),
                )
                disclosures.append(
                    DemoDisclosure(
                        **common,
                        role=_pick(rng, (("suspect", 0.6), ("accused", 0.4))),
                        recipient=_pick(rng, (("hoie_nccu", 0.7), ("hoie_other", 0.3))),
                        channel=_pick(rng, (("phone", 0.6), ("email", 0.4))),
                        purpose="referral",
                        consent="not_sought",
                        outcome=outcome,
                        outcome_on=on,
                    )
                )
            elif kind == "request":
                outcome, on = _outcome(
                    rng,
                    (
                        ("no_action", 0.2),
                        ("leave_curtailed", 0.05),
                        ("removed", 0.05),
                        ("deported", 0.05),
                        ("other", 0.05),
                        ("", 0.6),
                    ),
                    day,
                    (14, 200),
                )
                disclosed = common["disclosed"]
                disclosures.append(
                    DemoDisclosure(
                        **common,
                        role=_pick(
                            rng,
                            (
                                ("offender", 0.35),
                                ("accused", 0.25),
                                ("suspect", 0.25),
                                ("witness", 0.1),
                                ("other", 0.05),
                            ),
                        ),
                        recipient=_pick(
                            rng, (("hoie_other", 0.5), ("ukvi", 0.35), ("other_home_office", 0.15))
                        ),
                        channel=_pick(
                            rng, (("email", 0.7), ("letter", 0.1), ("phone", 0.1), ("system", 0.1))
                        ),
                        purpose="home_office_request",
                        initiated_by="home_office",
                        requested=disclosed - timedelta(minutes=rng.randint(120, 20 * 1440)),
                        consent=_pick(rng, (("not_sought", 0.8), ("", 0.2))),
                        outcome=outcome,
                        outcome_on=on,
                    )
                )
            else:
                disclosures.append(
                    DemoDisclosure(
                        **common,
                        role="other",
                        recipient="ukvi",
                        channel="email",
                        purpose="safeguarding",
                        consent="yes",
                    )
                )
    return disclosures


def _corrections(rng: random.Random, disclosures: list[DemoDisclosure]) -> None:
    reasons = (
        ("inaccurate_record", 0.4),
        ("misidentification", 0.2),
        ("case_dropped", 0.3),
        ("other", 0.1),
    )
    for disclosure in disclosures:
        if rng.random() < CORRECTION_SHARE:
            disclosure.corrected = disclosure.disclosed + timedelta(
                minutes=rng.randint(60, 30 * 1440)
            )
            disclosure.correction_reason = _pick(rng, reasons)


def plan_disclosures(
    rng: random.Random, people: People, episodes: list[DemoEpisode]
) -> list[DemoDisclosure]:
    """Every disclosure but the ICCE referrals, unordered and without references."""
    disclosures = _status_checks(rng, episodes)
    disclosures += _b3_victims(rng, people)
    disclosures += _victims_around_b3(rng, people)
    disclosures += _others(rng, people)
    _corrections(rng, disclosures)
    return disclosures
