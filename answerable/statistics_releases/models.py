"""Release definitions (edited by the authority), their editions and each edition's tables.

An edition's tables are stored as prepared (the answer's JSON document, its grid as the CSV
gives it, the page's table and chart, the notes), so that a public page reads them and never
counts the register again: what the disclosure manager checked is what is published.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.statistics_releases.periods import QUARTER, TABLE_PERIODS

# answers.engine's count units (importing the engine here would load the register's models
# before the app registry is ready).
EPISODES, PEOPLE = "episodes", "people"


class ReleaseDefinition(models.Model):
    """A series of statistics: its tables are defined once, and each period's edition is
    counted from them."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True, help_text="Its part of the address.")
    summary = models.TextField(help_text="What the series is about, for the public page.")
    publication_lag_days = models.PositiveSmallIntegerField(
        default=28,
        help_text="Days after the end of a period when its edition is published, unless "
        "another date is announced.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title


class DefinedTable(models.Model):
    definition = models.ForeignKey(
        ReleaseDefinition, on_delete=models.CASCADE, related_name="tables"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    question = models.CharField(
        max_length=40, help_text="A catalogue question, e.g. custody-count."
    )
    by = models.CharField(
        max_length=200, blank=True, help_text="Breakdowns, separated by commas, e.g. station."
    )
    where = models.JSONField(
        default=dict,
        blank=True,
        help_text='Filters: {"dimension": ["value", ...]}, e.g. {"role": ["victim"]}.',
    )
    bands = models.CharField(
        max_length=60, default="24,48", help_text="Time in custody band bounds, in hours."
    )
    ages = models.CharField(max_length=60, default="18", help_text="Age band lower bounds.")
    count = models.CharField(
        max_length=10,
        choices=((EPISODES, "Records"), (PEOPLE, "People")),
        default=EPISODES,
    )
    period = models.CharField(max_length=30, choices=TABLE_PERIODS, default=QUARTER)
    history = HistoricalRecords()

    class Meta:
        ordering = ("definition", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("definition", "position"), name="one_defined_table_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition}: {self.position}. {self.title}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from answerable.statistics_releases.definitions import DefinitionError, ask_for

        try:
            ask_for(self, None)
        except DefinitionError as error:
            raise ValidationError({error.field: str(error)}) from None


class EditionStatus(models.TextChoices):
    ANNOUNCED = "announced", "Announced"
    PREPARED = "prepared", "Prepared, awaiting a check"
    CHECKED = "checked", "Checked, awaiting its publication date"
    PUBLISHED = "published", "Published"


class Edition(models.Model):
    """One period's release of a series: the first edition, or a revision of it."""

    definition = models.ForeignKey(
        ReleaseDefinition, on_delete=models.PROTECT, related_name="editions"
    )
    period = models.CharField(max_length=10)  # "2026-Q3" or "2026/27"
    first_day = models.DateField()
    last_day = models.DateField()
    number = models.PositiveSmallIntegerField(default=1)  # 1: first edition; 2+: revisions
    slug = models.SlugField(max_length=100, unique=True)
    status = models.CharField(max_length=12, choices=EditionStatus.choices)
    publish_on = models.DateField(db_index=True, help_text="The announced publication date.")
    revision_reason = models.TextField(blank=True)
    announced_at = models.DateTimeField()
    prepared_at = models.DateTimeField(null=True, blank=True)
    prepared_by = models.CharField(max_length=150, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.CharField(max_length=150, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Why the last attempt to publish did not (figures changed since they were checked).
    problem = models.TextField(blank=True)
    ledger_release = models.OneToOneField(
        "answers.Release",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics_edition",
    )

    class Meta:
        ordering = ("-publish_on", "-number")
        permissions = [("check_edition", "Can check a statistics edition for publication")]
        constraints = [
            models.UniqueConstraint(
                fields=("definition", "period", "number"), name="one_edition_number_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition.title}, {self.period}{self.revision_label}"

    @property
    def revision_label(self) -> str:
        return f", revision {self.number - 1}" if self.number > 1 else ""


class EditionTable(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="tables")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    definition = models.JSONField()  # the `answerable ask` options (answers/ledger/specs.py)
    document = models.JSONField()  # `answerable ask --format json` of the table as published
    grid = models.JSONField()  # the rows of its CSV
    page = models.JSONField()  # {"header", "rows", "total"} as the page shows it
    chart = models.JSONField()  # {"title", "rows": [[label, count or null], ...]}
    notes = models.JSONField()  # [[heading, text], ...]

    class Meta:
        ordering = ("edition", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("edition", "position"), name="one_edition_table_per_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition}: table {self.position}"

    @property
    def element_id(self) -> str:
        """The table's id in a page (its chart's is derived from it)."""
        return f"table-{self.edition_id}-{self.position}"
