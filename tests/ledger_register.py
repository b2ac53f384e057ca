"""A small register of known truth for the release-ledger attack tests (issue 12).

Each attack family has a year of its own, so that one family's records never blur
another's: a test asks about its own year only.

- 2023: stations. Govan 9, Baird Street 3 (Govan's division, G), Dundee 6 and Perth 5
  (division D), Ayr 2 (division U). Ayr's 2 is the complement attack's target; Baird
  Street's 3 is the two-partitions attack's (G's total less Govan's).
- 2024: the shifted period. One man, 30, Albanian, at Govan, 10 hours, released without
  restriction, arrived on 15 June; six others from 16 June (a woman of 40, Iraqi, at Dundee,
  30 hours, immigration bail, each).
- 2022: bands. Five episodes of 10 hours, five of 30, one of 48 hours 30 minutes, five of 60,
  all at Govan.
- 2021: children. Seven children (16) and twenty adults (30), all at Govan.
- 2019: disability. Six disabled people and twenty not, all adults at Govan.
- 2020: tables of one response. Cells chosen so that a station by duration table and its
  one-way tables, each protected on its own, give away a small count together.
- 2023, disclosures: nine disclosures on 1 to 9 March, timed 10 to 17 hours for the first
  eight and 100 hours for the ninth (the averages attack).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from factories import CustodyEpisodeFactory

from answerable.core.uk_time import UK
from answerable.register.models import CustodyEpisode, Disclosure, Force, Station
from answerable.register.reference_data import STATIONS

# Public knowledge: which division each custody centre is in (the force publishes it).
PUBLIC_STATIONS: Mapping[str, str] = STATIONS

PERSON_DAY = date(2024, 6, 15)
PERSON = {
    "sex": "male",
    "age": 30,
    "nationality": "AL",
    "station": "Govan",
    "hours": 10,
    "outcome": "released_no_restriction",
}
OTHERS_2024 = {
    "sex": "female",
    "age": 40,
    "nationality": "IQ",
    "station": "Dundee",
    "hours": 30,
    "outcome": "immigration_bail",
}
# Response tables (2020): (station, hours) -> episodes.
RESPONSE_CELLS: dict[tuple[str, int], int] = {
    ("Govan", 10): 6,
    ("Govan", 30): 2,
    ("Govan", 60): 5,
    ("Ayr", 10): 3,
    ("Ayr", 60): 6,
    ("Dundee", 10): 7,
    ("Dundee", 30): 3,
}
TIMED_HOURS = [10, 11, 12, 13, 14, 15, 16, 17, 100]  # disclosures 1 to 9 March 2023


@dataclass
class Builder:
    force: Force
    stations: dict[str, Station]
    made: int = 0

    def episode(self, station: str, day: date, hours: float | None, **fields: Any) -> None:
        self.made += 1
        arrived = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UK)
        fields.setdefault("sex", "male")
        fields.setdefault("age", 30)
        fields.setdefault("detention_basis", "immigration_powers")
        CustodyEpisodeFactory(
            force=self.force,
            custody_ref=f"NCS-T-{self.made:04d}",
            station=self.stations[station],
            arrived_at=arrived,
            released_at=None if hours is None else arrived + timedelta(hours=hours),
            **fields,
        )

    def episodes(self, count: int, station: str, day: date, hours: float, **fields: Any) -> None:
        for n in range(count):
            self.episode(station, day + timedelta(days=n), hours, **fields)


def build(force: Force, stations: dict[str, Station]) -> None:
    """The whole register (121 episodes and 9 disclosures: a second to build)."""
    made = Builder(force, stations)
    for station, count in (("Govan", 9), ("Baird Street", 3), ("Dundee", 6), ("Perth", 5)):
        made.episodes(count, station, date(2023, 2, 1), 10)
    made.episodes(2, "Ayr", date(2023, 7, 1), 10)

    person = dict(PERSON)
    made.episode(person.pop("station"), PERSON_DAY, person.pop("hours"), **person)
    others = dict(OTHERS_2024)
    made.episodes(6, others.pop("station"), date(2024, 6, 16), others.pop("hours"), **others)

    for count, hours in ((5, 10), (5, 30), (1, 48.5), (5, 60)):
        made.episodes(count, "Govan", date(2022, 3, 1), hours)

    made.episodes(7, "Govan", date(2021, 4, 1), 10, age=16)
    made.episodes(20, "Govan", date(2021, 5, 1), 10, age=30)
    made.episodes(6, "Govan", date(2019, 4, 1), 10, disability="yes")
    made.episodes(20, "Govan", date(2019, 5, 1), 10, disability="no")

    for (station, hours), count in RESPONSE_CELLS.items():
        made.episodes(count, station, date(2020, 2, 1), hours)

    for n, hours in enumerate(TIMED_HOURS):
        disclosed = datetime(2023, 3, 1 + n, 12, 0, tzinfo=UK)
        Disclosure.objects.create(
            force=force,
            disclosure_ref=f"HO-T-{n}",
            division=stations["Govan"].division,
            disclosed_at=disclosed,
            requested_at=disclosed - timedelta(hours=hours),
            role="victim",
            recipient="hoie_nccu",
            channel="phone",
            purpose="referral",
            sex="female",
            age=30,
        )


def custody_records() -> list[dict[str, Any]]:
    """Every episode as the attacker's attributes, for counting the truth of a finding."""
    return [
        {
            "day": episode.arrived_on,
            "station": episode.station.name,
            "division": episode.division.code if episode.division else "not_recorded",
            "minutes": episode.duration_minutes,
            "age": episode.age,
            "sex": episode.sex,
            "nationality": str(episode.nationality or ""),
            "outcome": episode.outcome,
            "disability": episode.disability,
            "detention_basis": episode.detention_basis,
            "asylum_claimed": episode.asylum_claimed,
        }
        for episode in CustodyEpisode.objects.select_related("station", "division")
    ]


def disclosure_records() -> list[dict[str, Any]]:
    return [
        {
            "day": disclosure.disclosed_on,
            "division": disclosure.division.code if disclosure.division else "not_recorded",
            "age": disclosure.age,
            "sex": disclosure.sex,
            "role": disclosure.role,
            "purpose": disclosure.purpose,
            "seconds_to_disclose": disclosure.seconds_to_disclose,
        }
        for disclosure in Disclosure.objects.select_related("division")
    ]
