"""Custody episodes (custody-episodes-v1): one person, arrival to release or transfer."""

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.core.uk_time import elapsed_minutes, uk_date
from answerable.register.choices import IMMIGRATION_BASES, CustodyOutcome, DetentionBasis
from answerable.register.models.fields import (
    SubjectAttributes,
    Timestamped,
    optional_choice,
    optional_yes_no,
)
from answerable.register.models.reference import Division, Force, Station


class CustodyEpisode(SubjectAttributes, Timestamped):
    force = models.ForeignKey(Force, on_delete=models.PROTECT)
    custody_ref = models.CharField("custody reference", max_length=64)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, null=True, blank=True)
    # Indexed by custody_station_division below (station first), not on its own.
    station = models.ForeignKey(Station, on_delete=models.PROTECT, db_index=False)
    arrived_at = models.DateTimeField("arrived")
    released_at = models.DateTimeField(
        "released", null=True, blank=True, help_text="Empty while the person is still in custody."
    )
    detention_basis = models.CharField(max_length=24, choices=DetentionBasis.choices)
    primary_offence = models.CharField(max_length=200, blank=True)
    offence_code = models.CharField("Home Office offence code", max_length=20, blank=True)
    person = models.ForeignKey(
        "register.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="custody_episodes",
    )
    asylum_claimed = optional_yes_no("asylum claimed")
    outcome = optional_choice(CustodyOutcome, "outcome")

    # Derived on save so that the answer engine can filter and band millions of episodes in
    # the database: the UK local date of arrival (periods) and real elapsed minutes (bands).
    arrived_on = models.DateField(editable=False)  # indexed first in (arrived_on, nationality)
    duration_minutes = models.PositiveIntegerField(null=True, blank=True, editable=False)

    # The values last imported from the source system, so a re-import of the same row is
    # recognised as unchanged (interchange: "re-importing rows already held changes nothing").
    source_hash = models.CharField(max_length=40, blank=True, editable=False)
    import_batch = models.ForeignKey(
        "register.ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["source_hash", "import_batch"])

    DERIVED_FIELDS = ("arrived_on", "duration_minutes")

    class Meta:
        ordering = ["-arrived_at"]
        constraints = [
            models.UniqueConstraint(fields=["force", "custody_ref"], name="custody_ref_unique"),
            models.CheckConstraint(
                condition=models.Q(released_at__isnull=True)
                | models.Q(released_at__gte=models.F("arrived_at")),
                name="custody_released_not_before_arrival",
            ),
        ]
        indexes = [
            # Covering indexes for the most asked tables over a period, so they are counted
            # from an index without reading the table (benchmarks/answer_benchmark.py):
            # immigration-related episodes by custody centre and time in custody (seed 001);
            models.Index(fields=["detention_basis", "arrived_on", "station", "duration_minutes"]),
            # all episodes by nationality over a period (corpus A12, A13), read in date order
            # (PostgreSQL) or, where the planner has statistics, one nationality at a time
            # (SQLite's skip-scan), which also lists the nationalities held without a scan;
            # with the detention basis, so immigration-related episodes are counted from it
            # too. A time breakdown groups by the day (answers/dimensions.py TimeGroup): SQLite
            # reads (day, ...) or (column, day, ...) in the GROUP BY's order, with no sort.
            # With the age and the duration, so that a time breakdown with an age or
            # duration band is read from it too (answers/engine.py counts bands band by band).
            models.Index(
                fields=["arrived_on", "detention_basis", "nationality", "age", "duration_minutes"],
                name="custody_day_basis_nat_age",
            ),
            models.Index(
                fields=["nationality", "arrived_on", "detention_basis"],
                name="custody_nat_day_basis",
            ),
            # the other common breakdowns, alone or with a year or month (issue 16)
            models.Index(
                fields=["division", "arrived_on", "detention_basis"], name="custody_div_day_basis"
            ),
            # with the duration: all episodes by custody centre and time in custody too
            models.Index(
                fields=["station", "arrived_on", "detention_basis", "duration_minutes"],
                name="custody_stn_day_basis_dur",
            ),
            models.Index(
                fields=["sex", "arrived_on", "detention_basis"], name="custody_sex_day_basis"
            ),
            models.Index(
                fields=["offence_code", "arrived_on", "detention_basis"],
                name="custody_off_day_basis",
            ),
            # and every other breakdown of an episode (issue 16: each documented breakdown
            # within 5x of DuckDB; without these, SQLite reads the whole table, 10-50x)
            models.Index(
                fields=["age", "arrived_on", "detention_basis"], name="custody_age_day_basis"
            ),
            models.Index(
                fields=["asylum_claimed", "arrived_on", "detention_basis"],
                name="custody_asy_day_basis",
            ),
            models.Index(
                fields=["disability", "arrived_on", "detention_basis"],
                name="custody_dis_day_basis",
            ),
            models.Index(
                fields=["outcome", "arrived_on", "detention_basis"], name="custody_out_day_basis"
            ),
            models.Index(
                fields=["duration_minutes", "arrived_on", "detention_basis"],
                name="custody_dur_day_basis",
            ),
            # The staff list (register/views/lists.py), newest first: the keys of a page read
            # from an index in the list's order, for divisional staff (their division first)
            # and force-wide, so that no page sorts the division's rows (issue 16).
            models.Index(
                fields=["division", "arrived_on", "arrived_at", "id"], name="custody_list_division"
            ),
            models.Index(fields=["arrived_on", "arrived_at", "id"], name="custody_list"),
            models.Index(
                fields=["station", "arrived_on", "arrived_at", "id"], name="custody_list_station"
            ),
            # A divisional user's list of one centre is counted for its caption from this
            # index alone (station and division: the user's scope stays in the query); it
            # also serves every look-up by station, in place of the foreign key's own index.
            models.Index(fields=["station", "division"], name="custody_station_division"),
        ]

    def __str__(self) -> str:
        return self.custody_ref

    @property
    def immigration_related(self) -> bool:
        return self.detention_basis in IMMIGRATION_BASES

    @staticmethod
    def derived_values(values: dict[str, Any]) -> dict[str, Any]:
        """The derived columns, from arrival and release."""
        arrived, released = values["arrived_at"], values["released_at"]
        return {
            "arrived_on": uk_date(arrived),
            "duration_minutes": elapsed_minutes(arrived, released) if released else None,
        }

    def derive(self) -> None:
        for name, value in self.derived_values(self.__dict__).items():
            setattr(self, name, value)

    def save(self, *args, **kwargs) -> None:
        self.derive()
        super().save(*args, **kwargs)
