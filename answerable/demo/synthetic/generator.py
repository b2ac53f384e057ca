"""`answerable generate`: synthetic interchange files at any scale, for demos and benchmarks.

Writes DIR/custody-episodes.csv (custody-episodes-v1, exactly the number of episodes asked
for) and DIR/disclosures.csv (home-office-disclosures-v1, in proportion). The same options
and seed give byte-identical files: one numpy generator seeded once, consumed chunk by chunk
in a fixed order.
"""

import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
from tqdm import tqdm

from answerable.demo.synthetic.bulk_disclosures import draw_disclosures
from answerable.demo.synthetic.bulk_episodes import draw_episodes
from answerable.demo.synthetic.columns import (
    CUSTODY_COLUMNS,
    CUSTODY_FILE,
    DISCLOSURE_COLUMNS,
    DISCLOSURES_FILE,
)
from answerable.demo.synthetic.csv_out import write_columns, write_header
from answerable.demo.synthetic.timeline import Timeline
from answerable.register.reference_data import POLICE_SCOTLAND

DEFAULT_START = date(2017, 4, 1)  # the National Custody System's first full year (seed 001)
# Seed 001: "over 140,000" custody records in 2015/16 and 2016/17 against 537 immigration
# custodies in 2017/18, well under 1%. The default is higher so that small files still hold
# enough immigration episodes to answer questions about.
DEFAULT_IMMIGRATION_SHARE = 0.05
CHUNK = 100_000
PREFIX = re.compile(r"[A-Za-z0-9_]{1,16}")
# Columns made only from references and ISO times: nothing in them needs quoting.
SAFE_COLUMNS = (
    "custody_ref",
    "person_ref",
    "arrived_at",
    "released_at",
    "age",
    "disclosure_ref",
    "disclosed_at",
    "requested_at",
    "outcome_at",
    "corrected_at",
)


@dataclass(frozen=True)
class GenerationSpec:
    episodes: int
    seed: int
    start: date
    end: date  # inclusive: the span ends at the midnight after it
    immigration_share: float = DEFAULT_IMMIGRATION_SHARE
    prefix: str = "SYN"
    force: str = POLICE_SCOTLAND
    chunk_size: int = CHUNK

    def __post_init__(self) -> None:
        if self.episodes < 0:
            raise ValueError("the number of episodes cannot be negative")
        if not 0.0 <= self.immigration_share <= 1.0:
            raise ValueError("the immigration share must be between 0 and 1")
        if self.end < self.start:
            raise ValueError(f"the span ends ({self.end}) before it starts ({self.start})")
        if not PREFIX.fullmatch(self.prefix):
            raise ValueError("the reference prefix must be 1 to 16 letters, digits or _")
        if self.chunk_size < 1:
            raise ValueError("the chunk size must be at least 1")


@dataclass(frozen=True)
class GenerationSummary:
    custody_path: Path
    disclosures_path: Path
    episodes: int
    disclosures: int
    seconds: float

    def describe(self) -> str:
        rate = self.episodes / self.seconds if self.seconds else 0.0
        return (
            f"SYNTHETIC data written: {self.episodes:,} custody episodes to {self.custody_path}, "
            f"{self.disclosures:,} disclosures to {self.disclosures_path} "
            f"in {self.seconds:.1f} s ({rate:,.0f} episodes/s)"
        )


def generate(
    spec: GenerationSpec,
    out_dir: Path,
    *,
    progress: bool = True,
) -> GenerationSummary:
    """Write both files into `out_dir` (created if needed)."""
    clock = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    custody_path, disclosures_path = out_dir / CUSTODY_FILE, out_dir / DISCLOSURES_FILE
    rng = np.random.default_rng(spec.seed)
    timeline = Timeline(spec.start, spec.end, max(spec.episodes, 1))
    disclosures = people = 0
    with (
        custody_path.open("w", newline="", encoding="utf-8") as custody_file,
        disclosures_path.open("w", newline="", encoding="utf-8") as disclosures_file,
        tqdm(
            total=spec.episodes,
            unit=" episodes",
            unit_scale=True,
            file=sys.stderr,
            disable=not progress,
            desc="Generating",
        ) as bar,
    ):
        write_header(custody_file, CUSTODY_COLUMNS)
        write_header(disclosures_file, DISCLOSURE_COLUMNS)
        for first in range(0, spec.episodes, spec.chunk_size):
            count = min(spec.chunk_size, spec.episodes - first)
            episodes = draw_episodes(
                rng,
                timeline,
                first,
                count,
                seed=spec.seed,
                immigration_share=spec.immigration_share,
                prefix=spec.prefix,
                force=spec.force,
            )
            write_columns(custody_file, episodes.columns, CUSTODY_COLUMNS, safe=SAFE_COLUMNS)
            batch = draw_disclosures(
                rng,
                timeline,
                episodes,
                prefix=spec.prefix,
                force=spec.force,
                first_ref=disclosures,
                first_person=people,
            )
            write_columns(disclosures_file, batch.columns, DISCLOSURE_COLUMNS, safe=SAFE_COLUMNS)
            disclosures += len(batch)
            people += batch.people_used
            bar.update(count)
    return GenerationSummary(
        custody_path, disclosures_path, spec.episodes, disclosures, time.perf_counter() - clock
    )
