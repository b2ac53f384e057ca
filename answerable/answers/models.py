"""The release ledger: every table of figures that has left the staff room.

ICO anonymisation guidance ("mosaic effect"): a figure safe in its own table can be recovered
by combining it with figures released before. So every release is kept here with the full
definition of each table (question, period, filters, breakdowns, bands, ages, count unit)
and every figure exactly as published (its labels and the displayed text: a number, `[c]`
or `not held`), and every later release is audited jointly with the earlier ones that share
records with it (answers/ledger/joint.py). Entries are only ever added (answers/ledger/
record.py): what the public has read cannot be unread.

What counts as a release: an issued FOI response (all its tables as one release; the
disclosure-log copy publishes the same figures), an answer through the systems API, and a
published statistic. Staff exploration (`answerable ask`, the answers page) is checked
against the ledger but not added to it.
"""

from django.db import models


class ReleaseKind(models.TextChoices):
    RESPONSE = "response", "FOI response (and its disclosure-log copy)"
    API = "api", "Systems API answer"
    STATISTICS = "statistics", "Published statistics"


class Release(models.Model):
    kind = models.CharField(max_length=16, choices=ReleaseKind.choices)
    # What it is known by: a case reference, an API client's name, a statistics edition.
    reference = models.CharField(max_length=100, blank=True)
    released_at = models.DateTimeField(db_index=True)
    released_by = models.CharField(max_length=150, blank=True)
    # The joint audit that let it out: how many earlier releases it was checked against and
    # how many further figures the ledger withheld (for the disclosure manager).
    checked_against = models.PositiveIntegerField(default=0)
    withheld_for_ledger = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-released_at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}".strip()


class ReleasedTable(models.Model):
    """One table of a release: its definition and its figures as published."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="tables")
    position = models.PositiveSmallIntegerField()
    question = models.CharField(max_length=40, db_index=True)
    # The register's record type it counts (register.custodyepisode, ...) and its unit
    # (episodes or people): the joint audit reads the earlier tables of the same two.
    record_type = models.CharField(max_length=60, db_index=True)
    count_unit = models.CharField(max_length=10)
    # The period counted (None: open), for finding the releases that share records.
    first_day = models.DateField(null=True, blank=True)
    last_day = models.DateField(null=True, blank=True)
    # {question, from, to, where, by, bands, ages, count}: the `answerable ask` options.
    definition = models.JSONField()
    # [{"fixed": {dimension: label}, "display": "12" | "[c]" | "not held"}]: cells, margins
    # and total, each once. Never the counts behind a `[c]`.
    figures = models.JSONField()
    threshold = models.PositiveSmallIntegerField(null=True, blank=True)
    # Derived figures published with the table (the average time to disclose): the records'
    # definition is the table's; {"average_seconds": float, "based_on": int} or {}.
    derived = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("release", "position")
        constraints = [
            models.UniqueConstraint(fields=("release", "position"), name="one_table_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.release}: table {self.position} ({self.question})"


class LedgerLock(models.Model):
    """One row, updated at the start of every release: releases are decided one at a time,
    so two answers audited at once cannot each pass without seeing the other."""

    releases = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"release ledger lock ({self.releases} releases decided)"
