"""benchmarks/answer_benchmark.py: every question and breakdown, checked against DuckDB.

The benchmark is run as a user runs it (--quick, at a small size, in a folder of its own):
it must time every catalogue question with every documented breakdown, find every count
equal to DuckDB's over the same rows, and write its markdown table. Its case list and its
comparison are also checked directly.
"""

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from answerable.answers.catalogue import CATALOGUE

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "answer_benchmark.py"


def _benchmark():
    spec = importlib.util.spec_from_file_location("answer_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


benchmark = _benchmark()


def test_cases_cover_every_breakdown_the_two_way_tables_and_year_by_anything():
    catalogue = {name: list(question.dimensions) for name, question in CATALOGUE.items()}
    cases = benchmark.cases_for(catalogue)
    timed = {(case.question, case.by, case.period) for case in cases}
    for name, dimensions in catalogue.items():
        for dimension in dimensions:
            for period in ("one year", "all years"):
                assert (name, (dimension,), period) in timed
                if dimension not in ("year", "financial_year", "month"):
                    assert (name, ("year", dimension), period) in timed
    assert ("custody-count", ("station", "duration"), "one year") in timed
    for other in ("sex", "child", "disability", "home_office_outcome"):
        assert ("referrals", ("crime_type", other), "all years") in timed
    # Every breakdown of a question with rows has a DuckDB reference.
    for case in cases:
        sql = benchmark.reference_sql(case)
        assert (sql is None) == (benchmark.SOURCES[case.question] is None)


def test_a_count_that_differs_from_duckdb_is_reported():
    engine = [(["male"], 3), (["female"], 2)]
    assert benchmark.compare(engine, {("male",): 3, ("female",): 2, ("other",): 0}) == []
    differences = benchmark.compare(engine, {("male",): 3, ("female",): 1})
    assert differences == ["('female',): engine 2, duckdb 1"]
    assert benchmark.compare([], {}) == []
    assert benchmark.compare([(["x"], 1)], {}) == ["('x',): engine 1, duckdb None"]


@pytest.mark.slow
def test_quick_run_times_every_question_and_finds_every_count_equal(tmp_path):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ANSWERABLE_PSEUDONYM_KEY"}
    }
    env.update(DEBUG="1", ANSWERABLE_VAR_DIR=str(tmp_path / "var"))
    out = tmp_path / "answers.md"
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--episodes",
            "1500",
            "--quick",
            "--workdir",
            str(tmp_path / "work"),
            "--out",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    text = out.read_text()
    assert "1,500 synthetic episodes" in text
    assert "MISMATCH" not in text
    equal = re.search(r"Counts equal to DuckDB's: (\d+)/(\d+) cases", text)
    assert equal is not None and equal.group(1) == equal.group(2)
    assert int(equal.group(2)) > 300
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| ")][1:]
    for name, question in CATALOGUE.items():
        for dimension in question.dimensions:
            assert any(row[0] == f"| {name}" and row[1] == dimension for row in rows), (
                name,
                dimension,
            )
    # `ask` end to end, once per question, with its wall and CPU time.
    asked = [row for row in rows if row[7].strip()]
    assert len(asked) == len(CATALOGUE)
    assert all(float(row[8]) > 0 for row in asked)
