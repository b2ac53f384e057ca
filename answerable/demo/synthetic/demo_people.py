"""The demo's people: who they are (lasting) and how each record describes them.

A person keeps their sex, date of birth, nationality and disability across records; each
record may still leave an attribute "not recorded", and states the age at its own event
(home-office-disclosures-v1: a child is under 18 at the time of the disclosure).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from answerable.demo.synthetic import profiles

# A returning person was last seen within about two years (synthetic).
RECENT = 800


@dataclass(frozen=True)
class DemoPerson:
    ref: str
    sex: str
    born: date
    country: str  # ISO 3166-1 alpha-3, or "stateless"
    country_name: str  # English short name ("" when stateless)
    disabled: bool

    def age_on(self, day: date) -> int:
        years = day.year - self.born.year
        return years - ((day.month, day.day) < (self.born.month, self.born.day))

    @property
    def foreign(self) -> bool:
        return self.country not in profiles.UK_NATIONALITIES


def _band_age(rng: random.Random, pool: str) -> float:
    bands = profiles.AGE_BANDS[pool]
    low, high, _ = rng.choices(bands, weights=[share for _, _, share in bands])[0]
    return rng.uniform(low, high + 1)


class People:
    """Makes people and remembers recent ones, so that some appear in several records."""

    def __init__(self, rng: random.Random, prefix: str = "DEMO-P") -> None:
        self.rng = rng
        self.prefix = prefix
        self.count = 0
        self.seen: dict[str, list[DemoPerson]] = {}

    def new(
        self,
        pool: str,
        day: date,
        *,
        female: float | None = None,
        child: float | None = None,
    ) -> DemoPerson:
        """A new person first seen on `day`; `pool` is "immigration" or "other"."""
        rng = self.rng
        self.count += 1
        female_share, male_share, other_share = profiles.SEX_SHARES[pool]
        if female is not None:
            female_share, male_share, other_share = female, 1.0 - female - 0.01, 0.01
        sex = rng.choices(("female", "male", "other"), (female_share, male_share, other_share))[0]
        if child is not None and rng.random() < child:
            age = rng.uniform(12, 18)
        else:
            age = _band_age(rng, pool)
            if child is not None:
                age = max(age, 18.0)
        table = (
            profiles.IMMIGRATION_NATIONALITIES
            if pool == "immigration"
            else profiles.OTHER_NATIONALITIES
        )
        code, name, _ = rng.choices(table, weights=[weight for _, _, weight in table])[0]
        if rng.random() < profiles.STATELESS_SHARE[pool]:
            code, name = profiles.STATELESS, ""
        person = DemoPerson(
            ref=f"{self.prefix}-{self.count:06d}",
            sex=sex,
            born=day - timedelta(days=int(age * 365.25)),
            country=code,
            country_name=name,
            disabled=rng.random() < profiles.DISABILITY_PERSON_SHARE[pool],
        )
        self.seen.setdefault(pool, []).append(person)
        return person

    def pick(self, pool: str, day: date, returning: float) -> DemoPerson:
        """Someone seen recently in `pool` (with probability `returning`), or a new person."""
        recent = self.seen.get(pool, [])[-RECENT:]
        if recent and self.rng.random() < returning:
            return self.rng.choice(recent)
        return self.new(pool, day)


def subject_cells(rng: random.Random, person: DemoPerson, day: date, pool: str) -> dict[str, str]:
    """How one record on `day` describes `person`: sex, age, nationality and disability,
    each sometimes "not recorded" (empty)."""
    nationality = person.country
    if person.country_name and rng.random() < profiles.NATIONALITY_AS_NAME:
        nationality = person.country_name
    if rng.random() < profiles.NATIONALITY_NOT_RECORDED[pool]:
        nationality = ""
    return {
        "sex": "" if rng.random() < profiles.SEX_NOT_RECORDED else person.sex,
        "age": "" if rng.random() < profiles.AGE_NOT_RECORDED else str(person.age_on(day)),
        "nationality": nationality,
        "disability": (
            ""
            if rng.random() < profiles.DISABILITY_NOT_RECORDED
            else ("yes" if person.disabled else "no")
        ),
    }
