"""`answerable generate`: synthetic interchange files at any scale (synthetic/generator.py).

The files must be exactly what the interchange formats allow (the importer takes them
whole), deterministic by seed, and shaped like seed 001 where it publishes a shape.
"""

import csv
import io
import os
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from answerable.core.uk_time import UK, as_uk_aware
from answerable.demo.synthetic.columns import CUSTODY_COLUMNS, DISCLOSURE_COLUMNS
from answerable.demo.synthetic.csv_out import write_columns
from answerable.demo.synthetic.generator import GenerationSpec, generate
from answerable.demo.synthetic.uk_clock import bst_transitions, format_uk, iso_uk
from answerable.interchange.formats import CUSTODY, DISCLOSURES
from answerable.interchange.importer import import_file
from answerable.register.choices import (
    Channel,
    Consent,
    CorrectionReason,
    CrimeType,
    CustodyOutcome,
    DetentionBasis,
    HomeOfficeOutcome,
    InitiatedBy,
    Purpose,
    Recipient,
    Role,
    Sex,
    YesNo,
)
from answerable.register.models import CustodyEpisode, Disclosure
from answerable.register.nationality import parse_nationality
from answerable.register.reference_data import STATIONS

SPAN = (date(2017, 4, 1), date(2026, 11, 23))
IMMIGRATION = {DetentionBasis.IMMIGRATION_POWERS.value, DetentionBasis.IMMIGRATION_OFFENCE.value}

CUSTODY_VOCABULARIES = {
    "detention_basis": DetentionBasis,
    "sex": Sex,
    "asylum_claimed": YesNo,
    "disability": YesNo,
    "outcome": CustodyOutcome,
}
DISCLOSURE_VOCABULARIES = {
    "role": Role,
    "crime_type": CrimeType,
    "sex": Sex,
    "disability": YesNo,
    "recipient": Recipient,
    "channel": Channel,
    "purpose": Purpose,
    "initiated_by": InitiatedBy,
    "consent": Consent,
    "home_office_outcome": HomeOfficeOutcome,
    "correction_reason": CorrectionReason,
}


def _spec(episodes: int = 4000, seed: int = 11, **overrides) -> GenerationSpec:
    # Small chunks, so that the tests cross chunk boundaries as a large run does.
    values = {
        "episodes": episodes,
        "seed": seed,
        "start": SPAN[0],
        "end": SPAN[1],
        "immigration_share": 0.2,
        "chunk_size": 1500,
    }
    return GenerationSpec(**{**values, **overrides})


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as stream:
        reader = csv.DictReader(stream)
        return list(reader.fieldnames or []), list(reader)


def _when(text: str) -> datetime:
    return as_uk_aware(datetime.fromisoformat(text))


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, tuple[list[str], list[dict[str, str]]]]:
    out = tmp_path_factory.mktemp("generated")
    summary = generate(_spec(), out, progress=False)
    assert summary.episodes == 4000
    return {
        "custody": _read(summary.custody_path),
        "disclosures": _read(summary.disclosures_path),
    }


def test_columns_are_exactly_the_interchange_formats():
    assert list(CUSTODY_COLUMNS) == CUSTODY.column_names
    assert list(DISCLOSURE_COLUMNS) == DISCLOSURES.column_names


def test_files_have_exactly_the_spec_columns_and_row_count(files):
    header, rows = files["custody"]
    assert header == list(CUSTODY_COLUMNS)
    assert len(rows) == 4000
    header, rows = files["disclosures"]
    assert header == list(DISCLOSURE_COLUMNS)
    assert 100 < len(rows) < 4000  # in proportion to the episodes


def test_same_seed_gives_byte_identical_files_and_another_seed_does_not(tmp_path):
    first = generate(_spec(episodes=2500), tmp_path / "a", progress=False)
    again = generate(_spec(episodes=2500), tmp_path / "b", progress=False)
    other = generate(_spec(episodes=2500, seed=12), tmp_path / "c", progress=False)
    assert first.custody_path.read_bytes() == again.custody_path.read_bytes()
    assert first.disclosures_path.read_bytes() == again.disclosures_path.read_bytes()
    assert first.custody_path.read_bytes() != other.custody_path.read_bytes()


def test_files_do_not_depend_on_python_hash_randomisation(tmp_path):
    """Iterating a set of strings differs between processes: the output must not."""
    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "DEBUG": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        command = [
            sys.executable,
            "-m",
            "answerable",
            "generate",
            "--episodes",
            "3000",
            "--seed",
            "5",
            "--out",
            str(out),
            "--to",
            "2026-11-23",
            "--no-progress",
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        digests.append(
            ((out / "custody-episodes.csv").read_bytes(), (out / "disclosures.csv").read_bytes())
        )
    assert digests[0] == digests[1]


def test_exact_count_when_not_a_multiple_of_the_chunk(tmp_path):
    summary = generate(_spec(episodes=3001, chunk_size=1000), tmp_path, progress=False)
    assert len(_read(summary.custody_path)[1]) == 3001


def test_zero_episodes_writes_headers_only(tmp_path):
    summary = generate(_spec(episodes=0), tmp_path, progress=False)
    assert _read(summary.custody_path) == (list(CUSTODY_COLUMNS), [])
    assert _read(summary.disclosures_path) == (list(DISCLOSURE_COLUMNS), [])


def test_custody_values_are_within_the_spec(files):
    _, rows = files["custody"]
    refs = [row["custody_ref"] for row in rows]
    assert len(set(refs)) == len(refs)
    assert refs[0] == "SYN-NCS-000000001"
    for name, choices in CUSTODY_VOCABULARIES.items():
        assert {row[name] for row in rows} - {""} <= set(choices.values), name
    assert {row["station"] for row in rows} <= set(STATIONS)
    assert all(row["division"] == STATIONS[row["station"]] for row in rows)
    ages = [int(row["age"]) for row in rows if row["age"]]
    assert min(ages) >= 0
    assert max(ages) <= 120
    assert any(age < 18 for age in ages)  # some children
    nationalities = {row["nationality"] for row in rows} - {""}
    assert all(parse_nationality(value) for value in nationalities)
    assert "stateless" in nationalities
    assert any(len(value) > 3 for value in nationalities)  # some English names
    for name in ("sex", "age", "nationality", "disability"):
        assert any(row[name] == "" for row in rows), f"{name} is never 'not recorded'"


def test_durations_are_non_negative_and_inside_the_span(files):
    _, rows = files["custody"]
    start = datetime(2017, 4, 1, tzinfo=UK)
    end = datetime(2026, 11, 24, tzinfo=UK)
    for row in rows:
        arrived = _when(row["arrived_at"])
        assert start <= arrived < end
        if row["released_at"]:
            assert _when(row["released_at"]) >= arrived
            assert _when(row["released_at"]) <= end


def test_immigration_share_and_seed_001_duration_shape(files):
    _, rows = files["custody"]
    immigration = [row for row in rows if row["detention_basis"] in IMMIGRATION]
    assert 0.17 < len(immigration) / len(rows) < 0.23  # asked for 0.2
    bands = Counter()
    for row in immigration:
        if row["released_at"]:
            minutes = (_when(row["released_at"]) - _when(row["arrived_at"])).total_seconds() / 60
            bands["0-24" if minutes <= 1440 else "24-48" if minutes <= 2880 else "48+"] += 1
    total = sum(bands.values())
    # Seed 001: 384, 126 and 27 of 537 (72%, 23%, 5%).
    assert abs(bands["0-24"] / total - 384 / 537) < 0.05
    assert abs(bands["24-48"] / total - 126 / 537) < 0.05
    assert 0 < bands["48+"] / total < 0.1


def test_some_people_have_several_episodes(files):
    _, rows = files["custody"]
    episodes_per_person = Counter(row["person_ref"] for row in rows)
    assert all(episodes_per_person.values())
    assert max(episodes_per_person.values()) >= 2
    assert len(episodes_per_person) < len(rows)


def test_some_are_still_in_custody_at_the_end_of_a_short_span(tmp_path):
    spec = _spec(episodes=6000, start=date(2026, 1, 1), end=date(2026, 1, 31))
    _, rows = _read(generate(spec, tmp_path, progress=False).custody_path)
    held = [row for row in rows if not row["released_at"]]
    assert held
    assert all(_when(row["arrived_at"]) > datetime(2026, 1, 27, tzinfo=UK) for row in held)
    assert all(row["outcome"] == "" for row in held)


def test_disclosure_values_are_within_the_spec(files):
    _, rows = files["disclosures"]
    _, episodes = files["custody"]
    custody_refs = {row["custody_ref"] for row in episodes}
    refs = [row["disclosure_ref"] for row in rows]
    assert len(set(refs)) == len(refs)
    for name, choices in DISCLOSURE_VOCABULARIES.items():
        assert {row[name] for row in rows} - {""} <= set(choices.values), name
    assert {row["purpose"] for row in rows} >= {
        "status_check",
        "referral",
        "home_office_request",
        "icce_high_harm",
    }
    assert {row["role"] for row in rows} >= {"victim", "witness", "suspect"}
    for row in rows:
        disclosed = _when(row["disclosed_at"])
        if row["custody_ref"]:
            assert row["custody_ref"] in custody_refs
        if row["requested_at"]:
            assert _when(row["requested_at"]) <= disclosed
        if row["outcome_at"]:
            assert row["home_office_outcome"]
            assert date.fromisoformat(row["outcome_at"]) >= disclosed.astimezone(UK).date()
        if row["corrected_at"]:
            assert row["correction_reason"] and _when(row["corrected_at"]) >= disclosed
        if row["nationality"]:
            assert parse_nationality(row["nationality"])
    status_checks = [row for row in rows if row["purpose"] == "status_check"]
    assert all(row["custody_ref"] for row in status_checks)
    assert any(row["requested_at"] for row in rows if row["purpose"] == "home_office_request")
    assert any(row["corrected_at"] for row in rows)


@pytest.mark.django_db
def test_the_importer_accepts_the_generated_files(tmp_path):
    summary = generate(_spec(episodes=1500, immigration_share=0.3), tmp_path, progress=False)
    custody = import_file("custody", summary.custody_path, imported_by="test", progress=False)
    disclosures = import_file(
        "disclosures", summary.disclosures_path, imported_by="test", progress=False
    )
    assert custody.created == 1500 == CustodyEpisode.objects.count()
    assert disclosures.created == summary.disclosures == Disclosure.objects.count()
    linked = Disclosure.objects.exclude(custody_ref="")
    assert linked.exists() and not linked.filter(custody_episode__isnull=True).exists()


@pytest.mark.django_db
def test_command_writes_the_files_and_a_summary(tmp_path):
    out = io.StringIO()
    call_command(
        "generate",
        "--episodes",
        "500",
        "--seed",
        "3",
        "--out",
        str(tmp_path),
        "--from",
        "2024-04-01",
        "--to",
        "2025-03-31",
        "--no-progress",
        stdout=out,
    )
    assert "500 custody episodes" in out.getvalue()
    assert "SYNTHETIC" in out.getvalue()
    _, rows = _read(tmp_path / "custody-episodes.csv")
    assert len(rows) == 500
    assert min(row["arrived_at"] for row in rows) >= "2024-04-01"
    assert max(row["arrived_at"] for row in rows) < "2025-04-01"


def test_uk_local_times_match_zoneinfo_across_clock_changes():
    transitions = bst_transitions(2016, 2031)
    # Every minute from an hour before to two hours after each change of 2017 and 2023,
    # and random minutes over the years.
    changes = [
        datetime(2017, 3, 26, 1, tzinfo=UTC),
        datetime(2017, 10, 29, 1, tzinfo=UTC),
        datetime(2023, 3, 26, 1, tzinfo=UTC),
        datetime(2023, 10, 29, 1, tzinfo=UTC),
    ]
    moments = [change + timedelta(minutes=m) for change in changes for m in range(-60, 120)]
    rng = np.random.default_rng(0)
    base = datetime(2017, 1, 1, tzinfo=UTC)
    moments += [base + timedelta(minutes=int(m)) for m in rng.integers(0, 14 * 525_600, 2000)]
    minutes = np.asarray([int(m.timestamp() // 60) for m in moments], dtype=np.int64)
    for moment, text in zip(moments, format_uk(minutes, transitions), strict=True):
        assert text == iso_uk(moment)
        assert as_uk_aware(datetime.fromisoformat(text)) == moment  # reads back as the instant


def test_csv_quoting_round_trips():
    buffer = io.StringIO()
    values = ["plain", 'with "quotes"', "with, comma", "with\nnewline", ""]
    write_columns(buffer, {"a": values, "b": ["x"] * 5}, ["a", "b"])
    rows = list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))
    assert [row[0] for row in rows] == values


@pytest.mark.parametrize(
    "overrides",
    [
        {"episodes": -1},
        {"immigration_share": 1.5},
        {"start": date(2020, 1, 2), "end": date(2020, 1, 1)},
        {"prefix": "bad prefix"},
    ],
)
def test_invalid_specs_are_refused(overrides):
    with pytest.raises(ValueError):
        _spec(**overrides)
