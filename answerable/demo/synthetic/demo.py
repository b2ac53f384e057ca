"""`answerable demo`: load the SYNTHETIC demonstration data set.

Calibrated to Police Scotland's published figures, so a new user sees numbers they
recognise (seed 001; corpus B1 to B3): see demo_custody.py and demo_disclosures.py. Custody
episodes and disclosures go through the import pipeline like any real file (written to a
temporary directory, imported as synthetic batches); documents, NCCU contacts, ICCE
requests and the Home Office's earlier outcome reports (demo_aftermath.py), which have no
interchange format, are stored with the ORM. Every reference
starts with DEMO-.

Idempotent: the plan is fixed (demo_plan.py), a file already imported unchanged is not
imported again (which would add an empty import batch), and ORM records are saved only if
they differ.
"""

import csv
import hashlib
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import models, transaction
from django.utils import timezone

from answerable.core.uk_time import uk_date
from answerable.demo.synthetic.columns import CUSTODY_COLUMNS, DISCLOSURE_COLUMNS
from answerable.demo.synthetic.demo_plan import DemoPlan, build_plan
from answerable.demo.synthetic.demo_store import (
    Lookups,
    Tally,
    store_documents,
    store_icce,
    store_nccu,
    store_outcome_reports,
)
from answerable.interchange.importer import ImportSummary, import_file
from answerable.register.coverage import CUSTODY
from answerable.register.coverage_records import record_coverage
from answerable.register.models import CustodyEpisode, Disclosure, ImportBatch

LABEL = "SYNTHETIC DEMO DATA: invented records, not real people or events"
# What the demonstration register holds, and from when (register/coverage.py): its custody
# episodes start with the National Custody System, so earlier periods are "not held".
DEMO_COVERAGE = ((CUSTODY, date(2017, 4, 1), "National Custody System introduced in 2017"),)


@dataclass(frozen=True)
class FileLoad:
    """One demo file: imported (with the importer's summary) or already held unchanged."""

    kind: str
    rows: int
    summary: ImportSummary | None

    def describe(self) -> str:
        if self.summary is None:
            return f"{self.rows} rows, already loaded (unchanged)"
        s = self.summary
        return (
            f"{s.rows_read} rows imported as a synthetic batch: {s.created} created, "
            f"{s.updated} updated, {s.unchanged} unchanged"
        )


@dataclass(frozen=True)
class DemoSummary:
    as_of: date
    custody: FileLoad
    disclosures: FileLoad
    documents: Tally
    versions: Tally
    nccu: Tally
    icce: Tally
    seconds: float
    outcomes: Tally = field(default_factory=Tally)
    coverage_changed: bool = False

    @property
    def changed(self) -> bool:
        loads = (self.custody.summary, self.disclosures.summary)
        tallies = (self.documents, self.versions, self.nccu, self.icce, self.outcomes)
        return (
            self.coverage_changed
            or any(s and (s.created or s.updated) for s in loads)
            or any(t.created or t.updated for t in tallies)
        )

    def lines(self) -> list[str]:
        return [
            f"{LABEL}, as at {self.as_of} (references DEMO-...):",
            f"  custody episodes: {self.custody.describe()}",
            f"  disclosures: {self.disclosures.describe()}",
            f"  documents: {self.documents.describe()}; versions: {self.versions.describe()}",
            f"  NCCU contacts: {self.nccu.describe()}",
            f"  ICCE requests: {self.icce.describe()}",
            f"  Home Office outcome reports: {self.outcomes.describe()}",
            *(
                f"  {kind} held from {first_day.isoformat()}: {reason}"
                for kind, first_day, reason in DEMO_COVERAGE
            ),
            "  Calibrated to published figures: seed 001 (537 in 2017/18, by custody centre and "
            "duration), corpus B1 (735, 767, 231; 41 over 48 hours) and B3 (207 victims referred).",
            f"  {'Loaded' if self.changed else 'Nothing to change'} in {self.seconds:.1f} s.",
        ]


def write_csv(path: Path, columns: Sequence[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(columns), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _already_loaded(kind: str, path: Path, rows: int, model: type[models.Model], key: str) -> bool:
    """The same file was imported before and its records are all still there."""
    imported = ImportBatch.objects.filter(kind=kind, sha256=_sha256(path), synthetic=True).exists()
    held = model._default_manager.filter(**{f"{key}__startswith": "DEMO-"}).count()
    return imported and held == rows


def _load_file(
    kind: str, path: Path, rows: int, model: type[models.Model], key: str, progress: bool
) -> FileLoad:
    if _already_loaded(kind, path, rows, model, key):
        return FileLoad(kind, rows, None)
    summary = import_file(kind, path, imported_by="demo", synthetic=True, progress=progress)
    return FileLoad(kind, rows, summary)


def load_demo(
    as_of: date | None = None, *, progress: bool = False, plan: DemoPlan | None = None
) -> DemoSummary:
    """Load the demo as at the start of `as_of` (default today, UK). Raises ImportRejected
    if the importer rejects a demo file, ValueError if `as_of` is in the future."""
    clock = time.perf_counter()
    today = uk_date(timezone.now())
    as_of = as_of or today
    if as_of > today:
        raise ValueError(f"the demo cannot be loaded as at {as_of}, after today ({today})")
    plan = plan or build_plan()
    coverage_changed = False
    for kind, first_day, reason in DEMO_COVERAGE:
        coverage_changed |= record_coverage(kind, first_day, reason, "demo")

    with transaction.atomic():
        documents, versions = store_documents()  # first: disclosures quote their references
    with tempfile.TemporaryDirectory(prefix="answerable-demo-") as directory:
        custody_rows = plan.custody_rows(as_of)
        path = write_csv(
            Path(directory) / "demo-custody-episodes.csv", CUSTODY_COLUMNS, custody_rows
        )
        custody = _load_file(
            "custody", path, len(custody_rows), CustodyEpisode, "custody_ref", progress
        )
        disclosure_rows = plan.disclosure_rows(as_of)
        path = write_csv(
            Path(directory) / "demo-disclosures.csv", DISCLOSURE_COLUMNS, disclosure_rows
        )
        disclosures = _load_file(
            "disclosures", path, len(disclosure_rows), Disclosure, "disclosure_ref", progress
        )
    with transaction.atomic():
        nccu_contacts, icce_requests = plan.nccu_as_of(as_of), plan.icce_as_of(as_of)
        lookups = Lookups()
        lookups.load_people(
            {c.person.ref for c in nccu_contacts if c.person}
            | {r.episode.person.ref for r in icce_requests}
        )
        nccu = store_nccu(nccu_contacts, lookups)
        icce = store_icce(icce_requests, as_of, lookups)
        outcomes = store_outcome_reports(plan.outcome_reports_as_of(as_of), lookups)
    return DemoSummary(
        as_of,
        custody,
        disclosures,
        documents,
        versions,
        nccu,
        icce,
        time.perf_counter() - clock,
        outcomes,
        coverage_changed,
    )
