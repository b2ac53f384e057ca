"""People, known only by a keyed pseudonym (register/pseudonym.py)."""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.register.models.fields import SubjectAttributes, Timestamped, optional_yes_no


class Person(SubjectAttributes, Timestamped):
    """A person in the register: the latest recorded profile, never a name or source ID.

    Each record (custody episode, disclosure, ...) keeps the attributes as recorded at its
    event; this profile is the latest recorded value of each, for finding a person's records
    and counting people rather than episodes.
    """

    pseudonym = models.CharField(max_length=64, unique=True, editable=False)
    asylum_claimed = optional_yes_no("asylum claimed")
    last_recorded_at = models.DateTimeField(
        null=True, blank=True, help_text="Time of the latest event this profile comes from."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"Person {self.pseudonym[:12]}"
