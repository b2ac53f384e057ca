"""A hold placed by hand: every record of a type (in a period) kept for an open case.

The holds that figures questions make are not stored as rows: a question's `ask` query is
itself the hold (holds.py evaluates it), so a register of millions of records needs no row
per record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from answerable.core.record_types import RECORD_TYPES

# Every register record type (core/record_types.py), named by its key.
RECORD_TYPE_CHOICES = [(kind.key, kind.plural) for kind in RECORD_TYPES]


class RecordHold(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="holds"
    )
    record_type = models.CharField(max_length=20, choices=RECORD_TYPE_CHOICES)
    first_day = models.DateField(
        null=True, blank=True, help_text="Empty: from the first record (by the record's date)."
    )
    last_day = models.DateField(null=True, blank=True, help_text="Empty: to the last record.")
    reason = models.TextField(help_text="What the request asks for that these records hold.")
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "record_type"]
        verbose_name = "hold on records"
        verbose_name_plural = "holds on records"

    def __str__(self) -> str:
        period = ""
        if self.first_day or self.last_day:
            period = f" {self.first_day or '...'} to {self.last_day or '...'}"
        return f"{self.request.reference}: {self.get_record_type_display()}{period}"

    def clean(self) -> None:
        if self.first_day and self.last_day and self.first_day > self.last_day:
            raise ValidationError({"last_day": "The period ends before it starts."})
