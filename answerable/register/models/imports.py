"""A record of each interchange file imported: what, when, by whom, and what it changed."""

from django.db import models


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        CUSTODY = "custody", "Custody episodes (custody-episodes-v1)"
        DISCLOSURES = "disclosures", "Disclosures (home-office-disclosures-v1)"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    imported_by = models.CharField(max_length=150, help_text="Staff user or operating-system user.")
    synthetic = models.BooleanField(
        default=False, help_text="Synthetic demonstration data, not real records."
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} from {self.file_name} at {self.started_at:%Y-%m-%d %H:%M}"
        )
