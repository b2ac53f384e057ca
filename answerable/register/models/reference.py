"""Reference data: forces, their divisions and custody centres (editable by administrators)."""

from django.db import models
from simple_history.models import HistoricalRecords


class Force(models.Model):
    name = models.CharField(max_length=100, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Division(models.Model):
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="divisions")
    code = models.CharField(max_length=10, help_text="e.g. G for Greater Glasgow")
    name = models.CharField(max_length=100)
    history = HistoricalRecords()

    class Meta:
        ordering = ["force__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["force", "code"], name="division_code_unique"),
            models.UniqueConstraint(fields=["force", "name"], name="division_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class Station(models.Model):
    """A custody centre (the seeds' "police station")."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="stations")
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="stations", null=True, blank=True
    )
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True, help_text="Still used as a custody centre.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["force__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "name"], name="station_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
