"""Custody episodes in bulk: one chunk of the generator's episodes, drawn column by column.

Every column is drawn for the whole chunk at once with numpy and turned into text once, so
millions of rows take seconds. The shares come from profiles.py (seed 001 for stations and
duration bands of immigration episodes; synthetic shares for the rest).
"""

from dataclasses import dataclass

import numpy as np

from answerable.demo.synthetic import profiles
from answerable.demo.synthetic.hashed_people import (
    ages_at_first_sight,
    person_uniforms,
    pick_by_share,
)
from answerable.demo.synthetic.timeline import Timeline
from answerable.demo.synthetic.uk_clock import format_uk
from answerable.register.reference_data import STATIONS

POOLS = ("immigration", "other")  # person pools: 0 = immigration-related, 1 = other
BASES = np.asarray(["immigration_powers", "immigration_offence", "other"], dtype=object)
SEXES = np.asarray(["female", "male", "other"], dtype=object)
YES_NO_NR = np.asarray(["yes", "no", ""], dtype=object)
AGE_TEXT = np.asarray([str(age) for age in range(121)] + [""], dtype=object)
NOT_RECORDED_AGE = 121  # index of "" in AGE_TEXT

STATION_NAMES = np.asarray(list(STATIONS), dtype=object)
STATION_DIVISIONS = np.asarray([STATIONS[name] for name in STATIONS], dtype=object)
# Immigration episodes go to custody centres in seed 001's proportions; other episodes are
# spread more evenly (every centre holds local arrests), so the counts are smoothed.
IMMIGRATION_STATION_SHARES = [profiles.SEED_001_STATION_COUNTS[name] for name in STATIONS]
OTHER_STATION_SHARES = [profiles.SEED_001_STATION_COUNTS[name] + 15 for name in STATIONS]

# People: a fifth of episodes are of someone seen before, within the last twentieth of the
# span (synthetic).
REPEAT_SHARE = 0.2
REPEAT_WINDOW_FRACTION = 0.05


@dataclass(frozen=True)
class EpisodeBatch:
    """One chunk of episodes: the numbers the disclosures need, and every column as text."""

    index: np.ndarray  # episode numbers, 0-based
    arrived: np.ndarray  # minutes since the epoch
    released: np.ndarray  # minutes since the epoch, -1 while still in custody
    immigration: np.ndarray  # bool: immigration_powers or immigration_offence
    foreign: np.ndarray  # bool: nationality recorded and not British or Irish
    columns: dict[str, list[str]]

    def __len__(self) -> int:
        return len(self.index)


def _nationalities(
    table: tuple[tuple[str, str, float], ...],
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    codes = np.asarray([code for code, _, _ in table], dtype=object)
    names = np.asarray([name for _, name, _ in table], dtype=object)
    return codes, names, [weight for _, _, weight in table]


IMMIGRATION_NATIONALITY = _nationalities(profiles.IMMIGRATION_NATIONALITIES)
OTHER_NATIONALITY = _nationalities(profiles.OTHER_NATIONALITIES)


def _by_pool(
    pool: np.ndarray, immigration: np.ndarray | float, other: np.ndarray | float
) -> np.ndarray:
    return np.where(pool == 0, immigration, other)


def _durations(rng: np.random.Generator, immigration: np.ndarray) -> np.ndarray:
    """Minutes in custody: seed 001's band shares for immigration episodes, shorter for others."""
    n = len(immigration)
    band = _by_pool(
        np.where(immigration, 0, 1),
        pick_by_share(rng.random(n), profiles.SEED_001_BANDS),
        pick_by_share(rng.random(n), profiles.OTHER_BAND_SHARES),
    )
    lows = np.asarray([low for low, _ in profiles.BAND_MINUTES])[band]
    highs = np.asarray([high for _, high in profiles.BAND_MINUTES])[band]
    # Skewed towards the short end of each band; most local arrests are over in hours.
    skew = np.where(band == 0, np.where(immigration, 1.3, 2.2), 1.0)
    return (lows + (highs - lows) * rng.random(n) ** skew).astype(np.int64)


def draw_episodes(
    rng: np.random.Generator,
    timeline: Timeline,
    first: int,
    count: int,
    *,
    seed: int,
    immigration_share: float,
    prefix: str,
    force: str,
) -> EpisodeBatch:
    n = count
    total = timeline.episodes
    index = np.arange(first, first + n, dtype=np.int64)

    # When: stratified day, then an hour of the day and a minute.
    day = timeline.day_of((index + rng.random(n)) / total)
    hour = pick_by_share(rng.random(n), profiles.HOURLY_ARRIVALS)
    arrived = timeline.midnights[day] + hour * 60 + rng.integers(0, 60, n)
    arrived = np.minimum(arrived, timeline.end_minute - 1)

    # Why: immigration-related or not (custody systems export every episode).
    immigration = rng.random(n) < immigration_share
    basis = np.where(
        immigration, np.where(rng.random(n) < profiles.IMMIGRATION_POWERS_SHARE, 0, 1), 2
    )
    pool = np.where(immigration, 0, 1)

    station = _by_pool(
        pool,
        pick_by_share(rng.random(n), IMMIGRATION_STATION_SHARES),
        pick_by_share(rng.random(n), OTHER_STATION_SHARES),
    )
    released = arrived + _durations(rng, immigration)
    in_custody = released > timeline.end_minute  # not yet released when the span ends
    released = np.where(in_custody, -1, released)

    # Who: a new person, or someone seen a little earlier (in the same pool).
    repeat = rng.random(n) < REPEAT_SHARE
    back = rng.integers(1, max(2, int(total * REPEAT_WINDOW_FRACTION)), n)
    person = np.where(repeat & (index - back >= 0), index - back, index)
    traits = person_uniforms(person * 2 + pool, salt=seed * 7919 + 1, count=6)
    sex = _by_pool(
        pool,
        pick_by_share(traits[0], profiles.SEX_SHARES["immigration"]),
        pick_by_share(traits[0], profiles.SEX_SHARES["other"]),
    )
    age_at_first = _by_pool(
        pool,
        ages_at_first_sight(
            pick_by_share(traits[1], [s for _, _, s in profiles.AGE_BANDS["immigration"]]),
            traits[2],
            profiles.AGE_BANDS["immigration"],
        ),
        ages_at_first_sight(
            pick_by_share(traits[1], [s for _, _, s in profiles.AGE_BANDS["other"]]),
            traits[2],
            profiles.AGE_BANDS["other"],
        ),
    )
    years_since = (day - timeline.day_of_episode(person)).clip(min=0) / 365.25
    age = np.clip((age_at_first + years_since).astype(np.int64), 0, 120)
    age = np.where(rng.random(n) < profiles.AGE_NOT_RECORDED, NOT_RECORDED_AGE, age)

    imm_codes, imm_names, imm_weights = IMMIGRATION_NATIONALITY
    oth_codes, oth_names, oth_weights = OTHER_NATIONALITY
    imm_country = pick_by_share(traits[3], imm_weights)
    oth_country = pick_by_share(traits[3], oth_weights)
    code = _by_pool(pool, imm_codes[imm_country], oth_codes[oth_country])
    name = _by_pool(pool, imm_names[imm_country], oth_names[oth_country])
    stateless = traits[4] < _by_pool(
        pool, profiles.STATELESS_SHARE["immigration"], profiles.STATELESS_SHARE["other"]
    )
    unrecorded = rng.random(n) < _by_pool(
        pool,
        profiles.NATIONALITY_NOT_RECORDED["immigration"],
        profiles.NATIONALITY_NOT_RECORDED["other"],
    )
    as_name = rng.random(n) < profiles.NATIONALITY_AS_NAME
    nationality = np.where(
        unrecorded, "", np.where(stateless, profiles.STATELESS, np.where(as_name, name, code))
    )
    british = np.isin(code, list(profiles.UK_NATIONALITIES))
    foreign = ~unrecorded & (stateless | ~british)

    disabled = traits[5] < _by_pool(
        pool,
        profiles.DISABILITY_PERSON_SHARE["immigration"],
        profiles.DISABILITY_PERSON_SHARE["other"],
    )
    disability = np.where(
        rng.random(n) < profiles.DISABILITY_NOT_RECORDED, 2, np.where(disabled, 0, 1)
    )
    # Asylum is asked of people held under immigration powers; the rest: "not recorded".
    asylum = _by_pool(
        pool,
        pick_by_share(rng.random(n), [*profiles.ASYLUM_CLAIMED["immigration"], 0.15]),
        pick_by_share(rng.random(n), [*profiles.ASYLUM_CLAIMED["other"], 0.85]),
    )

    outcome = np.empty(n, dtype=object)
    offence = np.empty(n, dtype=object)
    for code_index, basis_name in enumerate(BASES.tolist()):
        chosen = basis == code_index
        table = profiles.CUSTODY_OUTCOMES[basis_name]
        labels = np.asarray([label for label, _ in table], dtype=object)
        outcome[chosen] = labels[
            pick_by_share(rng.random(int(chosen.sum())), [s for _, s in table])
        ]
        offences = np.asarray(profiles.PRIMARY_OFFENCES[basis_name], dtype=object)
        offence[chosen] = offences[rng.integers(0, len(offences), int(chosen.sum()))]
    outcome[in_custody] = ""

    released_text = format_uk(np.where(in_custody, arrived, released), timeline.transitions)
    for position in np.flatnonzero(in_custody).tolist():
        released_text[position] = ""
    person_prefix = (f"{prefix}-PI-", f"{prefix}-PO-")
    columns = {
        "custody_ref": [f"{prefix}-NCS-{number:09d}" for number in (index + 1).tolist()],
        "force": [force] * n,
        "division": STATION_DIVISIONS[station].tolist(),
        "station": STATION_NAMES[station].tolist(),
        "arrived_at": format_uk(arrived, timeline.transitions),
        "released_at": released_text,
        "detention_basis": BASES[basis].tolist(),
        "primary_offence": offence.tolist(),
        "offence_code": [""] * n,
        "person_ref": [
            person_prefix[p] + f"{number:09d}"
            for p, number in zip(pool.tolist(), (person + 1).tolist(), strict=True)
        ],
        "sex": np.where(rng.random(n) < profiles.SEX_NOT_RECORDED, "", SEXES[sex]).tolist(),
        "age": AGE_TEXT[age].tolist(),
        "nationality": nationality.tolist(),
        "asylum_claimed": YES_NO_NR[asylum].tolist(),
        "disability": YES_NO_NR[disability].tolist(),
        "outcome": outcome.tolist(),
    }
    return EpisodeBatch(index, arrived, released, immigration, foreign, columns)
