"""What the register holds, and from when: one row per record type that has a first day.

A record type with no row is treated as held throughout (as before coverage was recorded).
The history keeps every change, with who made it and why, so an answer given under an
earlier coverage can still be explained (register/coverage.py says what the day means).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.register.coverage import KIND_TITLES


class RecordCoverage(models.Model):
    kind = models.CharField(
        "record type", max_length=16, unique=True, choices=list(KIND_TITLES.items())
    )
    held_from = models.DateField(
        "held from", help_text="The first day from which the register holds this record type."
    )
    reason = models.TextField(blank=True, help_text="Why the register holds it from that day.")
    recorded_by = models.CharField(
        max_length=150, help_text="The staff user or command that recorded it."
    )
    recorded_at = models.DateTimeField("recorded", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = "record coverage"
        verbose_name_plural = "record coverage"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} held from {self.held_from}"
