"""A requirement for review (FOISA s20) and the authority's review (s21).

The reviewer must be someone other than the officer who made the decision: the Section 60
Code of Practice (2016) asks that a review be carried out, where practicable, by staff who
were not involved in the original decision.
"""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from answerable.casework.models.choices import Channel, ReviewOutcome
from answerable.casework.review_requirement import review_requirement_problems


class ReviewQuerySet(models.QuerySet):
    def open(self) -> "ReviewQuerySet":
        return self.filter(responded_on__isnull=True)


class Review(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.PROTECT, related_name="reviews"
    )
    requirement_received_on = models.DateField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    # s20(3): the content of a valid requirement for review. Whether a name and address were
    # given is recorded, not the name and address themselves (they are on the request).
    permanent_form = models.BooleanField(
        default=True, help_text="In writing or another form capable of later reference (s20(3)(a))."
    )
    name_given = models.BooleanField(default=True, help_text="s20(3)(b)")
    address_given = models.BooleanField(
        default=True, help_text="An address for correspondence, e-mail included (s20(3)(b))."
    )
    request_specified = models.BooleanField(default=True, help_text="s20(3)(c)(i)")
    dissatisfaction = models.TextField(
        blank=True, help_text="The matter giving rise to the dissatisfaction (s20(3)(c)(ii))."
    )
    content_problems = models.TextField(blank=True, editable=False)

    # s20(5): within 40 working days; s20(6) lets the authority accept a late one.
    request_deadline = models.DateField(null=True, blank=True, editable=False)
    in_time = models.BooleanField(null=True, editable=False)
    late_accepted = models.BooleanField(default=False, help_text="s20(6)")
    late_reason = models.TextField(blank=True)

    due_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="foi_reviews",
    )
    outcome = models.CharField(max_length=28, choices=ReviewOutcome.choices, blank=True)
    reasons = models.TextField(blank=True, help_text="The reasons given in the notice (s21(5)).")
    responded_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["dissatisfaction"])

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"Review of {self.request.reference} ({self.requirement_received_on})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.content_problems = "\n".join(self.problems())
        self.request_deadline, self.due_on = self.compute_deadlines()
        self.in_time = (
            None
            if self.request_deadline is None
            else self.requirement_received_on <= self.request_deadline
        )
        super().save(*args, **kwargs)

    def problems(self) -> list[str]:
        return review_requirement_problems(
            permanent_form=self.permanent_form,
            name_given=self.name_given,
            address_given=self.address_given,
            request_specified=self.request_specified,
            dissatisfaction=self.dissatisfaction,
        )

    def compute_deadlines(self) -> tuple[date | None, date]:
        """The last day for the requirement (s20(5)) and the review's deadline (s21(1)).

        The response is taken as received the day it was sent (responses go by e-mail);
        the clock accepts a requirement in time on either reading of s20(5) (rule 10).
        """
        from answerable.clock import deadlines
        from answerable.clock.services import calendar_for

        request = self.request
        calendar = calendar_for(request.regime)
        last_day = None
        if not (request.fee_notice_issued_on and not request.fee_paid_on):
            last_day = deadlines.review_request_due(
                request.regime,
                calendar,
                response_received=request.responded_on,
                request_received=request.received_on,
                clarification_received=request.clarification_received_on,
                fee_notice_issued=request.fee_notice_issued_on,
                fee_paid=request.fee_paid_on,
                extended=request.extended,
            ).due
        due = deadlines.review_response_due(
            request.regime, self.requirement_received_on, calendar
        ).due
        return last_day, due

    def clean(self) -> None:
        errors: dict[str, str] = {}
        request = self.request if self.request_id else None
        if request and self.reviewer_id and self.reviewer_id == request.officer_id:
            errors["reviewer"] = (
                "The reviewer must not be the officer who dealt with the request "
                "(the Section 60 Code of Practice (2016) on reviews)."
            )
        if (
            request
            and self.requirement_received_on
            and request.received_on
            and self.requirement_received_on < request.received_on
        ):
            errors["requirement_received_on"] = "A review cannot precede the request."
        if self.late_accepted and not self.late_reason.strip():
            errors["late_reason"] = "Say why a late requirement is accepted (s20(6))."
        if self.outcome and not self.responded_on:
            errors["responded_on"] = "Give the date the review notice was sent."
        if self.responded_on and not self.outcome:
            errors["outcome"] = "Give the outcome of the review (s21(4))."
        if errors:
            raise ValidationError(errors)
