"""Disclosures in bulk, for one chunk of the generator's episodes.

Some arise from the chunk's episodes and name them by custody_ref (status checks with the
NCCU when a foreign national is arrested, and ICCE high-harm referrals weeks later, as seed
000 describes); the rest (victims and witnesses referred, suspects referred, answers to
Home Office requests, safeguarding) happen independently in the chunk's stretch of time,
in proportion to its immigration-related episodes. All shares are synthetic, except the
victims' crime types, which follow corpus B3's proportions.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from answerable.demo.synthetic import profiles
from answerable.demo.synthetic.bulk_episodes import EpisodeBatch
from answerable.demo.synthetic.hashed_people import pick_by_share
from answerable.demo.synthetic.timeline import Timeline
from answerable.demo.synthetic.uk_clock import format_uk, uk_midnight_minutes

DAY = 1440
Table = Sequence[tuple[str, float]]

# Disclosures per immigration-related episode (synthetic rates).
RATES: dict[str, float] = {
    "victim": 0.12,
    "witness": 0.02,
    "suspect": 0.08,
    "request": 0.12,
    "safeguarding": 0.01,
}
STATUS_CHECK_SHARE = {"immigration": 0.6, "foreign_other": 0.3}
ICCE_HIGH_HARM_SHARE = 0.02  # of foreign nationals' other episodes (seed 000's ICCE route)
CORRECTION_SHARE = 0.02
# The umbrella MoU replaces the 2016 agreement as the one quoted (synthetic date).
UMOU_FROM = uk_midnight_minutes(date(2020, 2, 1))

# Text columns and the numeric ones (minutes since the epoch; -1 = none).
TEXT = (
    "division",
    "person_ref",
    "role",
    "crime_type",
    "sex",
    "age",
    "disability",
    "nationality",
    "recipient",
    "channel",
    "purpose",
    "initiated_by",
    "consent",
    "legal_basis",
    "custody_ref",
    "outcome",
)
NUMBERS = ("disclosed", "requested")
# What a disclosure arising from an episode copies from it.
SUBJECT = ("division", "person_ref", "sex", "age", "disability", "nationality", "custody_ref")

ROLE_STATUS_CHECK = {
    "immigration": (("suspect", 0.6), ("other", 0.3), ("offender", 0.1)),
    "other": (("suspect", 0.8), ("accused", 0.2)),
}
OUTCOMES: dict[str, Table] = {
    "status_immigration": (
        ("detained_immigration_powers", 0.4),
        ("removed", 0.06),
        ("deported", 0.02),
        ("no_action", 0.1),
        ("other", 0.02),
        ("", 0.4),
    ),
    "status_other": (("no_action", 0.5), ("detained_immigration_powers", 0.1), ("", 0.4)),
    "victim": (
        ("enforcement_papers_served", 0.1),
        ("no_action", 0.35),
        ("detained_immigration_powers", 0.03),
        ("removed", 0.01),
        ("other", 0.1),
        ("", 0.41),
    ),
    "suspect": (
        ("detained_immigration_powers", 0.2),
        ("removed", 0.05),
        ("deported", 0.03),
        ("no_action", 0.3),
        ("", 0.42),
    ),
    "request": (
        ("no_action", 0.2),
        ("leave_curtailed", 0.05),
        ("removed", 0.05),
        ("deported", 0.05),
        ("other", 0.05),
        ("", 0.6),
    ),
    "icce": (
        ("deported", 0.25),
        ("removed", 0.15),
        ("leave_curtailed", 0.1),
        ("no_action", 0.3),
        ("", 0.2),
    ),
}
REQUEST_ROLES: Table = (
    ("offender", 0.35),
    ("accused", 0.25),
    ("suspect", 0.25),
    ("witness", 0.1),
    ("other", 0.05),
)
REQUEST_RECIPIENTS: Table = (("hoie_other", 0.5), ("ukvi", 0.35), ("other_home_office", 0.15))
REQUEST_CHANNELS: Table = (("email", 0.7), ("letter", 0.1), ("phone", 0.1), ("system", 0.1))
VICTIM_CONSENT: Table = (("yes", 0.2), ("no", 0.15), ("not_sought", 0.55), ("", 0.1))
# Days from the disclosure to the outcome the Home Office reports back, by outcome.
OUTCOME_DELAY_DAYS = {
    "detained_immigration_powers": (0, 3),
    "removed": (14, 200),
    "deported": (30, 300),
    "leave_curtailed": (14, 120),
}
DEFAULT_DELAY_DAYS = (0, 30)
CORRECTION_REASONS: Table = (
    ("inaccurate_record", 0.4),
    ("misidentification", 0.2),
    ("case_dropped", 0.3),
    ("other", 0.1),
)


@dataclass(frozen=True)
class DisclosureBatch:
    disclosed: np.ndarray  # minutes since the epoch, ascending
    columns: dict[str, list[str]]
    people_used: int  # new person numbers taken for people who are in no episode

    def __len__(self) -> int:
        return len(self.disclosed)


def _pick(rng: np.random.Generator, table: Table, n: int) -> np.ndarray:
    labels = np.asarray([label for label, _ in table], dtype=object)
    return labels[pick_by_share(rng.random(n), [share for _, share in table])]


class _Parts:
    """The chunk's disclosures, gathered part by part as columns."""

    def __init__(self) -> None:
        self.parts: list[dict[str, np.ndarray]] = []

    def add(self, n: int, **columns: object) -> None:
        if n == 0:
            return
        part: dict[str, np.ndarray] = {}
        for name in TEXT:
            value = columns.get(name, "")
            part[name] = value if isinstance(value, np.ndarray) else np.full(n, value, dtype=object)
        for name in NUMBERS:
            value = columns.get(name, -1)
            part[name] = (
                value if isinstance(value, np.ndarray) else np.full(n, value, dtype=np.int64)
            )
        self.parts.append(part)

    def joined(self) -> dict[str, np.ndarray]:
        if not self.parts:
            return {name: np.empty(0, dtype=object) for name in TEXT} | {
                name: np.empty(0, dtype=np.int64) for name in NUMBERS
            }
        return {name: np.concatenate([p[name] for p in self.parts]) for name in TEXT + NUMBERS}


def _from_episodes(rng: np.random.Generator, episodes: EpisodeBatch, parts: _Parts) -> None:
    """Status checks while in custody, and ICCE high-harm referrals weeks later (seed 000)."""
    n = len(episodes)
    col = {name: np.asarray(episodes.columns[name], dtype=object) for name in SUBJECT}
    draw = rng.random(n)
    checked = (episodes.immigration & (draw < STATUS_CHECK_SHARE["immigration"])) | (
        ~episodes.immigration & episodes.foreign & (draw < STATUS_CHECK_SHARE["foreign_other"])
    )
    for kind, chosen in (
        ("immigration", checked & episodes.immigration),
        ("other", checked & ~episodes.immigration),
    ):
        at = np.flatnonzero(chosen)
        m = len(at)
        parts.add(
            m,
            disclosed=episodes.arrived[at] + rng.integers(5, 240, m),
            **{name: col[name][at] for name in SUBJECT},
            role=_pick(rng, ROLE_STATUS_CHECK[kind], m),
            recipient="hoie_nccu",
            channel=_pick(rng, (("phone", 0.75), ("email", 0.25)), m),
            purpose="status_check",
            initiated_by="police",
            consent=_pick(rng, (("not_sought", 0.85), ("", 0.15)), m),
            legal_basis=_pick(rng, [(basis, 1.0) for basis in profiles.LEGAL_BASES], m),
            outcome=_pick(rng, OUTCOMES[f"status_{kind}"], m),
        )
    icce = np.flatnonzero(
        ~episodes.immigration & episodes.foreign & (rng.random(n) < ICCE_HIGH_HARM_SHARE)
    )
    m = len(icce)
    parts.add(
        m,
        disclosed=episodes.arrived[icce] + rng.integers(20 * DAY, 90 * DAY, m),
        **{name: col[name][icce] for name in SUBJECT},
        role="offender",
        recipient="hoie_other",
        channel=_pick(rng, (("email", 0.8), ("system", 0.2)), m),
        purpose="icce_high_harm",
        initiated_by="police",
        consent="not_sought",
        legal_basis=_pick(rng, [(basis, 1.0) for basis in profiles.LEGAL_BASES], m),
        outcome=_pick(rng, OUTCOMES["icce"], m),
    )


def _new_people(
    rng: np.random.Generator,
    n: int,
    female_share: np.ndarray | float,
    child_share: np.ndarray | float,
) -> dict[str, np.ndarray]:
    """Sex, age, nationality and disability of people who are in no episode."""
    female = rng.random(n) < female_share
    sex = np.where(female, "female", np.where(rng.random(n) < 0.02, "other", "male")).astype(object)
    child = rng.random(n) < child_share
    age = (
        np.where(child, rng.integers(12, 18, n), rng.integers(18, 61, n)).astype(str).astype(object)
    )
    codes = np.asarray([code for code, _, _ in profiles.IMMIGRATION_NATIONALITIES], dtype=object)
    weights = [weight for _, _, weight in profiles.IMMIGRATION_NATIONALITIES]
    nationality = codes[pick_by_share(rng.random(n), weights)]
    nationality[rng.random(n) < 0.05] = ""
    return {
        "sex": sex,
        "age": np.where(rng.random(n) < 0.03, "", age).astype(object),
        "nationality": nationality,
        "disability": _pick(rng, (("yes", 0.1), ("no", 0.6), ("", 0.3)), n),
    }


def _independent(
    rng: np.random.Generator, episodes: EpisodeBatch, parts: _Parts, prefix: str, first_person: int
) -> int:
    """Referrals and answers to requests that arise from no custody episode; returns how
    many new people they name."""
    immigration = int(episodes.immigration.sum())
    start, end = int(episodes.arrived.min()), int(episodes.arrived.max()) + 1
    person = first_person
    division_codes = np.asarray(sorted(set(episodes.columns["division"])), dtype=object)
    crimes = list(profiles.VICTIM_CRIME_WEIGHTS.items())
    crime_female = {"domestic_abuse": 0.9, "child_sexual_exploitation": 0.8}

    for kind in ("victim", "witness", "suspect", "request", "safeguarding"):
        m = int(rng.poisson(RATES[kind] * immigration))
        if m == 0:
            continue
        refs = np.asarray(
            [f"{prefix}-PD-{number:09d}" for number in range(person + 1, person + m + 1)],
            dtype=object,
        )
        person += m
        crime = _pick(rng, crimes, m)
        female = np.asarray([crime_female.get(c, 0.5) for c in crime.tolist()])
        child = np.where(crime == "child_sexual_exploitation", 1.0, 0.12)
        if kind in ("suspect", "request"):
            female, child = np.full(m, 0.15), np.full(m, 0.03)
        columns: dict[str, Any] = {
            "disclosed": rng.integers(start, end, m),
            "division": division_codes[rng.integers(0, len(division_codes), m)],
            "person_ref": refs,
            **_new_people(rng, m, female, child),
            "initiated_by": "police",
            "legal_basis": _pick(rng, [(basis, 1.0) for basis in profiles.LEGAL_BASES], m),
        }
        if kind in ("victim", "witness"):
            columns |= {
                "role": kind,
                "crime_type": crime,
                "recipient": "hoie_nccu",
                "channel": _pick(rng, (("phone", 0.7), ("email", 0.3)), m),
                "purpose": "referral",
                "consent": _pick(rng, VICTIM_CONSENT, m),
                "outcome": _pick(rng, OUTCOMES["victim"], m),
            }
        elif kind == "suspect":
            columns |= {
                "role": _pick(rng, (("suspect", 0.6), ("accused", 0.4)), m),
                "recipient": _pick(rng, (("hoie_nccu", 0.7), ("hoie_other", 0.3)), m),
                "channel": _pick(rng, (("phone", 0.6), ("email", 0.4)), m),
                "purpose": "referral",
                "consent": "not_sought",
                "outcome": _pick(rng, OUTCOMES["suspect"], m),
            }
        elif kind == "request":
            waited = np.exp(rng.normal(8.0, 1.2, m)).clip(30, 60 * DAY).astype(np.int64)
            columns |= {
                "role": _pick(rng, REQUEST_ROLES, m),
                "recipient": _pick(rng, REQUEST_RECIPIENTS, m),
                "channel": _pick(rng, REQUEST_CHANNELS, m),
                "purpose": "home_office_request",
                "initiated_by": "home_office",
                "consent": _pick(rng, (("not_sought", 0.8), ("", 0.2)), m),
                "outcome": _pick(rng, OUTCOMES["request"], m),
            }
            columns["requested"] = columns["disclosed"] - waited
        else:
            columns |= {
                "role": _pick(rng, (("victim", 0.7), ("other", 0.3)), m),
                "crime_type": crime,
                "recipient": _pick(rng, (("ukvi", 0.5), ("hoie_other", 0.5)), m),
                "channel": "email",
                "purpose": "safeguarding",
                "consent": _pick(rng, (("yes", 0.5), ("not_sought", 0.5)), m),
            }
        parts.add(m, **columns)
    return person - first_person


def _outcome_delays(rng: np.random.Generator, outcome: np.ndarray) -> np.ndarray:
    delay = np.zeros(len(outcome), dtype=np.int64)
    for label in sorted(set(outcome.tolist()) - {""}):  # sorted: set order varies by run
        chosen = outcome == label
        low, high = OUTCOME_DELAY_DAYS.get(label, DEFAULT_DELAY_DAYS)
        delay[chosen] = rng.integers(low * DAY, high * DAY + 1, int(chosen.sum()))
    return delay


def draw_disclosures(
    rng: np.random.Generator,
    timeline: Timeline,
    episodes: EpisodeBatch,
    *,
    prefix: str,
    force: str,
    first_ref: int,
    first_person: int,
) -> DisclosureBatch:
    parts = _Parts()
    _from_episodes(rng, episodes, parts)
    people_used = _independent(rng, episodes, parts, prefix, first_person)
    data = parts.joined()

    # Nothing after the span's end has happened yet: drop later disclosures, and leave
    # outcomes and corrections that would come later "not recorded".
    end = timeline.end_minute
    order = np.argsort(data["disclosed"], kind="stable")
    order = order[data["disclosed"][order] < end]
    data = {name: values[order] for name, values in data.items()}
    n = len(order)
    disclosed = data["disclosed"]

    outcome_at = disclosed + _outcome_delays(rng, data["outcome"])
    has_outcome = (data["outcome"] != "") & (outcome_at < end)
    corrected_at = disclosed + rng.integers(60, 30 * DAY, n)
    corrected = (rng.random(n) < CORRECTION_SHARE) & (corrected_at < end)
    reason = _pick(rng, CORRECTION_REASONS, n)

    def times(minutes: np.ndarray, present: np.ndarray) -> list[str]:
        text = format_uk(np.where(present, minutes, disclosed), timeline.transitions)
        return [value if keep else "" for value, keep in zip(text, present.tolist(), strict=True)]

    requested = data["requested"]
    columns = {name: data[name].tolist() for name in TEXT if name != "outcome"}
    columns |= {
        "disclosure_ref": [
            f"{prefix}-DIS-{number:09d}" for number in range(first_ref + 1, first_ref + n + 1)
        ],
        "force": [force] * n,
        "disclosed_at": format_uk(disclosed, timeline.transitions),
        "requested_at": times(requested, requested >= 0),
        "agreement_ref": np.where(
            disclosed < UMOU_FROM, f"{prefix}-ISA-2016", f"{prefix}-UMOU"
        ).tolist(),
        "home_office_outcome": np.where(has_outcome, data["outcome"], "").tolist(),
        "outcome_at": [text[:10] for text in times(outcome_at, has_outcome)],
        "corrected_at": times(corrected_at, corrected),
        "correction_reason": np.where(corrected, reason, "").tolist(),
    }
    return DisclosureBatch(disclosed, columns, people_used)
