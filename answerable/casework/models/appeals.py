"""Applications to the Scottish Information Commissioner (FOISA s47) and appeals to the
Court of Session on a point of law (s56)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from answerable.casework.models.choices import Appellant, CommissionerOutcome, CourtOutcome


class CommissionerAppealQuerySet(models.QuerySet):
    def open(self) -> "CommissionerAppealQuerySet":
        return self.filter(outcome="")


class CommissionerAppeal(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.PROTECT, related_name="appeals"
    )
    review = models.ForeignKey(
        "casework.Review",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        help_text="The review the application follows (empty if no review notice was given).",
    )
    application_received_on = models.DateField(
        help_text="The day the Commissioner received the application (or, if not known, the "
        "day the authority was told of it)."
    )
    # s47(4): six months from the applicant's receipt of the review notice, or from the
    # expiry of the period for the review where none was given.
    application_deadline = models.DateField(null=True, blank=True, editable=False)
    commissioner_reference = models.CharField(max_length=40, blank=True)
    decision_number = models.CharField(
        max_length=40, blank=True, help_text='e.g. "Decision 066/2016".'
    )
    decision_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=CommissionerOutcome.choices, blank=True)
    steps_required = models.TextField(blank=True, help_text="What the decision requires (s49(5)).")
    steps_due_on = models.DateField(null=True, blank=True)
    steps_completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = CommissionerAppealQuerySet.as_manager()

    class Meta:
        ordering = ["-application_received_on"]
        verbose_name = "application to the Commissioner"

    def __str__(self) -> str:
        label = self.decision_number or self.commissioner_reference or "pending"
        return f"{self.request.reference}: Commissioner {label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.application_deadline = self.compute_deadline()
        super().save(*args, **kwargs)

    def compute_deadline(self) -> date | None:
        """s47(4): six months from the applicant's receipt of the review notice, or from
        the expiry of the time for the review where none was given (FOIA, EIR: the ICO's
        practice, a setting)."""
        from answerable.clock import conf, deadlines
        from answerable.clock.regimes import rules_for
        from answerable.clock.services import calendar_for

        review = self.review
        if review is None:
            return None
        regime = self.request.regime
        months = None if rules_for(regime).commissioner_statutory else conf.ico_complaint_months()
        if review.responded_on:
            when = {"review_notice_received": review.responded_on}
        else:
            when = {"review_requirement_received": review.requirement_received_on}
        return deadlines.commissioner_application_due(
            regime, calendar_for(regime), ico_months=months, **when
        ).due

    def clean(self) -> None:
        if self.review is not None and self.review.request_id != self.request_id:
            raise ValidationError({"review": "Choose a review of this request."})
        if (
            self.outcome
            in (
                CommissionerOutcome.UPHELD,
                CommissionerOutcome.PARTIALLY_UPHELD,
                CommissionerOutcome.NOT_UPHELD,
            )
            and not self.decision_on
        ):
            raise ValidationError({"decision_on": "Give the date of the decision."})

    @property
    def in_time(self) -> bool | None:
        if self.application_deadline is None:
            return None
        return self.application_received_on <= self.application_deadline


class CourtAppealQuerySet(models.QuerySet):
    def open(self) -> "CourtAppealQuerySet":
        return self.filter(outcome="")


class CourtAppeal(models.Model):
    appeal = models.ForeignKey(
        CommissionerAppeal, on_delete=models.PROTECT, related_name="court_appeals"
    )
    appellant = models.CharField(max_length=12, choices=Appellant.choices)
    lodged_on = models.DateField()
    # s56: an appeal on a point of law within the period the Rules of Court set (42 days;
    # rule 14: configurable in the clock).
    deadline = models.DateField(null=True, blank=True, editable=False)
    outcome = models.CharField(max_length=12, choices=CourtOutcome.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = CourtAppealQuerySet.as_manager()

    class Meta:
        ordering = ["-lodged_on"]
        verbose_name = "appeal to the Court of Session"

    def __str__(self) -> str:
        return f"{self.appeal.request.reference}: Court of Session ({self.lodged_on})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.deadline = self.compute_deadline()
        super().save(*args, **kwargs)

    def compute_deadline(self) -> date | None:
        """s56: calendar days after the decision (ANSWERABLE_COURT_OF_SESSION_DAYS)."""
        from answerable.clock import conf, deadlines
        from answerable.clock.errors import ClockError

        decided = self.appeal.decision_on
        if decided is None:
            return None
        try:
            return deadlines.court_of_session_due(
                self.appeal.request.regime, decided, days=conf.court_of_session_days()
            ).due
        except ClockError:
            return None  # FOIA and EIR: the First-tier Tribunal, refused in clean()

    def clean(self) -> None:
        from answerable.clock.regimes import rules_for

        if self.appeal_id and self.appeal.decision_on is None:
            raise ValidationError({"appeal": "There is no Commissioner's decision to appeal yet."})
        if self.appeal_id and rules_for(self.appeal.request.regime).court_of_session is None:
            raise ValidationError(
                {
                    "appeal": "Under FOIA and the EIR an appeal goes to the First-tier Tribunal "
                    "(FOIA s57), not the Court of Session."
                }
            )
        if self.outcome and not self.decided_on:
            raise ValidationError({"decided_on": "Give the date of the court's decision."})

    @property
    def in_time(self) -> bool | None:
        if self.deadline is None:
            return None
        return self.lodged_on <= self.deadline
