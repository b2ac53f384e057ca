"""What the Home Office reported back about a disclosure, one report at a time.

A disclosure holds only the latest outcome (home_office_outcome, outcome_on), which is
what FOI answers count; every report is kept here, so an outcome later revised (say, papers
served, then removal) is still known, with who reported it and when.
"""

from django.db import models

from answerable.register.choices import HomeOfficeOutcome


class OutcomeReport(models.Model):
    disclosure = models.ForeignKey(
        "register.Disclosure", on_delete=models.PROTECT, related_name="outcome_reports"
    )
    outcome = models.CharField(
        "Home Office outcome", max_length=32, choices=HomeOfficeOutcome.choices
    )
    outcome_on = models.DateField("date of the outcome")
    reference = models.CharField(
        "Home Office reference",
        max_length=64,
        blank=True,
        help_text="The Home Office's own reference for its reply, if it gave one.",
    )
    reported_at = models.DateTimeField("reported", auto_now_add=True)
    reported_by = models.CharField(
        max_length=150, help_text="The system (api:NAME) or staff user that recorded it."
    )
    # Whether this report became the disclosure's outcome: a report of an earlier outcome
    # than one already held is kept, but does not replace it.
    became_latest = models.BooleanField(default=False)

    class Meta:
        ordering = ["disclosure", "-outcome_on", "-reported_at"]
        indexes = [models.Index(fields=["disclosure", "outcome_on"])]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.outcome_on}"
