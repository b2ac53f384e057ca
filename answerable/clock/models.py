"""Corrections of the bank holidays the statutory clock counts by, kept by administrators.

The `holidays` library is right for Scotland in 2022-2026, but published lists have been
wrong and bank holidays are proclaimed at short notice under s1(3) of the Banking and
Financial Dealings Act 1971, so each correction records where it comes from, and the
table keeps its history (who changed what, and when).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from answerable.clock import holidays as clock_holidays


class HolidayCorrection(models.Model):
    class Region(models.TextChoices):
        SCOTLAND = clock_holidays.SCOTLAND_PART, "Scotland"
        ENGLAND_AND_WALES = clock_holidays.ENGLAND_AND_WALES, "England and Wales"
        NORTHERN_IRELAND = clock_holidays.NORTHERN_IRELAND, "Northern Ireland"
        UNITED_KINGDOM = clock_holidays.ALL_PARTS, "Every part of the United Kingdom"

    class Action(models.TextChoices):
        ADD = clock_holidays.ADD, "Add: a proclaimed or missing bank holiday"
        REMOVE = clock_holidays.REMOVE, "Remove: a day wrongly listed as a bank holiday"

    date = models.DateField()
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        default=Region.SCOTLAND,
        help_text="The part of the UK where the day is (or is not) a bank holiday. FOISA and "
        "the EIR(S) count Scotland's; FOIA and the EIR count a holiday in any part.",
    )
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.ADD)
    name = models.CharField(max_length=200, help_text="e.g. Scotland's World Cup holiday")
    source = models.CharField(
        max_length=500,
        help_text="Required: where the correction comes from, a URL or a Gazette reference "
        "(e.g. the Gazette notice of the proclamation).",
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "region"]
        constraints = [
            models.UniqueConstraint(fields=["date", "region"], name="holiday_correction_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_region_display()}: {self.action} {self.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not (self.source or "").strip():
            errors["source"] = "Give the source of the correction: a URL or a Gazette reference."
        if self.date and self.date.weekday() >= 5:
            errors["date"] = "A Saturday or Sunday is never a working day: nothing to correct."
        if (
            self.date
            and (self.date.month, self.date.day) == (12, 25)
            and self.action == self.Action.REMOVE
        ):
            errors["action"] = (
                "Christmas Day is never a working day (FOISA s73; FOIA s10(6)): it cannot be "
                "removed."
            )
        if errors:
            raise ValidationError(errors)

    def as_correction(self) -> clock_holidays.Correction:
        return clock_holidays.Correction(
            day=self.date,
            region=self.region,
            action=self.action,
            name=self.name,
            source=self.source,
        )
