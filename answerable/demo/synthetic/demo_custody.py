"""The demo's custody episodes, calibrated exactly to Police Scotland's published figures.

Immigration-related episodes per period (by UK local date of arrival, custody-episodes-v1):
* 2017/18: 537, with seed 001's count at each of its 31 custody centres and its duration
  bands (384 up to 24 hours, 126 over 24 up to 48, 27 over 48);
* 2018/19: 735, 2019/20: 767, April to October 2020: 231 (corpus B1), with more than 500
  held over 24 hours, 41 of them over 48 (B1; split in profiles.B1_PERIOD_BANDS);
* then about 550 to 650 a year, lower in 2020/21 (profiles.LATER_FY_COUNTS).
Durations are kept two hours inside their band and arrivals on a period's first and last
day away from midnight, so neither a clock change nor a UTC/local slip moves an episode.
Some non-immigration ("other") episodes are added so that the filter matters.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TypeVar

from answerable.core.uk_time import UK
from answerable.demo.synthetic import profiles
from answerable.demo.synthetic.demo_clock import (
    HORIZON,
    financial_year_bounds,
    random_day,
    random_time,
)
from answerable.demo.synthetic.demo_people import DemoPerson, People, subject_cells
from answerable.demo.synthetic.uk_clock import iso_uk
from answerable.register.reference_data import POLICE_SCOTLAND, STATIONS

OTHER_PER_YEAR = 400  # synthetic: enough "other" episodes to show the filter working
RETURNING = {"immigration": 0.12, "other": 0.2}
SAFE_HOURS = range(2, 23)  # on a period's first and last day: not near midnight
K = TypeVar("K")


@dataclass(frozen=True)
class Period:
    label: str
    first: date
    last: date
    count: int
    bands: tuple[int, int, int] | None = None  # exact counts, or None: seed 001's shares
    stations: dict[str, int] | None = None  # exact counts, or None: seed 001's shares


def immigration_periods() -> list[Period]:
    periods = [
        Period(
            "2017/18",
            *financial_year_bounds(2017),
            profiles.SEED_001_TOTAL,
            profiles.SEED_001_BANDS,
            profiles.SEED_001_STATION_COUNTS,
        ),
        Period(
            "2018/19",
            *financial_year_bounds(2018),
            profiles.B1_FY_2018_19,
            profiles.B1_PERIOD_BANDS["2018/19"],
        ),
        Period(
            "2019/20",
            *financial_year_bounds(2019),
            profiles.B1_FY_2019_20,
            profiles.B1_PERIOD_BANDS["2019/20"],
        ),
        Period(
            "Apr-Oct 2020",
            date(2020, 4, 1),
            date(2020, 10, 31),
            profiles.B1_APR_OCT_2020,
            profiles.B1_PERIOD_BANDS["Apr-Oct 2020"],
        ),
        Period(
            "Nov 2020-Mar 2021", date(2020, 11, 1), date(2021, 3, 31), profiles.NOV_2020_TO_MAR_2021
        ),
    ]
    for year, count in sorted(profiles.LATER_FY_COUNTS.items()):
        first, last = financial_year_bounds(year)
        if first <= HORIZON:
            periods.append(
                Period(f"{year}/{(year + 1) % 100:02d}", first, min(last, HORIZON), count)
            )
    return periods


@dataclass(frozen=True)
class DemoEpisode:
    ref: str
    station: str
    arrived: datetime  # aware, UTC
    released: datetime
    basis: str
    offence: str
    person: DemoPerson
    subject: dict[str, str]  # sex, age, nationality, disability as this record states them
    asylum: str
    outcome: str

    @property
    def division(self) -> str:
        return STATIONS[self.station]

    @property
    def immigration(self) -> bool:
        return self.basis != "other"

    @property
    def arrived_on(self) -> date:
        return self.arrived.astimezone(UK).date()

    def row(self, cutoff: datetime) -> dict[str, str]:
        """The interchange row as the custody system would export it at `cutoff`."""
        released = self.released < cutoff
        return {
            "custody_ref": self.ref,
            "force": POLICE_SCOTLAND,
            "division": self.division,
            "station": self.station,
            "arrived_at": iso_uk(self.arrived),
            "released_at": iso_uk(self.released) if released else "",
            "detention_basis": self.basis,
            "primary_offence": self.offence,
            "offence_code": "",
            "person_ref": self.person.ref,
            **self.subject,
            "asylum_claimed": self.asylum,
            "outcome": self.outcome if released else "",
        }


def _band_minutes(rng: random.Random, band: int, immigration: bool) -> int:
    low, high = profiles.BAND_MINUTES[band]
    skew = (1.3 if immigration else 2.2) if band == 0 else 1.0
    return int(low + (high - low) * rng.random() ** skew)


def _arrival(rng: random.Random, period: Period) -> datetime:
    day = random_day(rng, period.first, period.last)
    edge = day in (period.first, period.last)
    return random_time(rng, day, SAFE_HOURS if edge else range(24))


def _exact_or_drawn(
    rng: random.Random, exact: dict[K, int] | None, count: int, weights: dict[K, float]
) -> list[K]:
    """Exactly the published counts, shuffled; or `count` draws in proportion to `weights`."""
    if exact is not None:
        values = [name for name, n in exact.items() for _ in range(n)]
        rng.shuffle(values)
        return values
    return rng.choices(list(weights), weights=list(weights.values()), k=count)


def _immigration_episodes(rng: random.Random, people: People, period: Period) -> list[DemoEpisode]:
    station_weights = {name: float(n) for name, n in profiles.SEED_001_STATION_COUNTS.items()}
    stations = _exact_or_drawn(rng, period.stations, period.count, station_weights)
    band_counts = dict(enumerate(period.bands)) if period.bands else None
    bands = _exact_or_drawn(
        rng, band_counts, period.count, dict(enumerate(map(float, profiles.SEED_001_BANDS)))
    )
    episodes = []
    for station, band in zip(stations, bands, strict=True):
        arrived = _arrival(rng, period)
        day = arrived.astimezone(UK).date()
        basis = (
            "immigration_powers"
            if rng.random() < profiles.IMMIGRATION_POWERS_SHARE
            else "immigration_offence"
        )
        person = people.pick("immigration", day, RETURNING["immigration"])
        episodes.append(_episode(rng, station, arrived, band, basis, person, "immigration"))
    return episodes


def _episode(
    rng: random.Random,
    station: str,
    arrived: datetime,
    band: int,
    basis: str,
    person: DemoPerson,
    pool: str,
) -> DemoEpisode:
    outcomes = profiles.CUSTODY_OUTCOMES[basis]
    yes, no = profiles.ASYLUM_CLAIMED[pool]  # the rest: not recorded
    return DemoEpisode(
        ref="",
        station=station,
        arrived=arrived,
        released=arrived + timedelta(minutes=_band_minutes(rng, band, pool == "immigration")),
        basis=basis,
        offence=rng.choice(profiles.PRIMARY_OFFENCES[basis]),
        person=person,
        subject=subject_cells(rng, person, arrived.astimezone(UK).date(), pool),
        asylum=rng.choices(("yes", "no", ""), (yes, no, 1 - yes - no))[0],
        outcome=rng.choices([o for o, _ in outcomes], [s for _, s in outcomes])[0],
    )


def _other_episodes(rng: random.Random, people: People) -> list[DemoEpisode]:
    weights = {name: n + 15.0 for name, n in profiles.SEED_001_STATION_COUNTS.items()}
    episodes = []
    year = 2017
    while financial_year_bounds(year)[0] <= HORIZON:
        first, last = financial_year_bounds(year)
        period = Period(str(year), first, min(last, HORIZON), OTHER_PER_YEAR)
        for _ in range(period.count):
            arrived = _arrival(rng, period)
            person = people.pick("other", arrived.astimezone(UK).date(), RETURNING["other"])
            band = rng.choices((0, 1, 2), profiles.OTHER_BAND_SHARES)[0]
            station = rng.choices(list(weights), list(weights.values()))[0]
            episodes.append(_episode(rng, station, arrived, band, "other", person, "other"))
        year += 1
    return episodes


def plan_episodes(rng: random.Random, people: People) -> list[DemoEpisode]:
    """Every episode to the horizon, in order of arrival, with its reference."""
    episodes = []
    for period in immigration_periods():
        episodes += _immigration_episodes(rng, people, period)
    episodes += _other_episodes(rng, people)
    episodes.sort(key=lambda episode: (episode.arrived, episode.station))
    return [
        replace(episode, ref=f"DEMO-NCS-{number:06d}")
        for number, episode in enumerate(episodes, start=1)
    ]
