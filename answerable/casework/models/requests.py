"""A request for information (a "case"): who asked what, under which law, and when it is due.

The requester's name and contact details are personal data held only to answer them: they
are never published, exported, logged or kept in the change history, and the admin shows
them only to staff with the `casework.view_requester` permission.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from simple_history.models import HistoricalRecords

from answerable.casework.models.choices import (
    AWAITING_RESPONSE,
    CLOSED_STATUSES,
    Channel,
    Notice,
    Regime,
    Status,
)

REQUESTER_FIELDS = ("requester_name", "requester_email", "requester_address")
# The clock's argument names (ClockError.field) and the fields they come from.
CLOCK_FIELDS = {
    "clarification_received": "clarification_received_on",
    "fee_notice_issued": "fee_notice_issued_on",
    "fee_paid": "fee_paid_on",
    "extended": "extended",
    "regime": "regime",
}


class UnnumberedRequest(ValueError):
    """A request saved with no reference other than through casework.services.save_request."""


class ReferenceSequence(models.Model):
    """The last number given to a request received in a year (services.allocate_reference)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class InformationRequestQuerySet(models.QuerySet):
    def open(self) -> "InformationRequestQuerySet":
        """Requests still open, or whose review or appeal is: their records are held
        (FOISA s1(4)-(5))."""
        from answerable.casework.models.appeals import CommissionerAppeal, CourtAppeal
        from answerable.casework.models.reviews import Review

        return self.filter(
            ~Q(status__in=CLOSED_STATUSES)
            | Exists(Review.objects.open().filter(request=OuterRef("pk")))
            | Exists(CommissionerAppeal.objects.open().filter(request=OuterRef("pk")))
            | Exists(CourtAppeal.objects.open().filter(appeal__request=OuterRef("pk")))
        )

    def awaiting_response(self) -> "InformationRequestQuerySet":
        return self.filter(status__in=AWAITING_RESPONSE, responded_on__isnull=True)

    def overdue(self, today: date) -> "InformationRequestQuerySet":
        return self.awaiting_response().filter(due_on__lt=today)


class InformationRequest(models.Model):
    reference = models.CharField(
        max_length=40,
        unique=True,
        blank=True,
        help_text="Leave empty to number it from ANSWERABLE_REFERENCE_PATTERN.",
    )
    regime = models.CharField(max_length=8, choices=Regime.choices, default=Regime.FOISA)
    received_on = models.DateField(help_text="The day the request reached the authority.")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    requester_name = models.CharField(max_length=200)
    requester_email = models.EmailField(blank=True)
    requester_address = models.TextField(blank=True, help_text="Address for correspondence.")
    title = models.CharField(max_length=200, help_text="A short subject, as the log lists it.")
    request_text = models.TextField(help_text="The request as received, word for word.")
    topics = models.CharField(max_length=200, blank=True, help_text="Separated by commas.")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="foi_cases",
    )
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.RECEIVED)

    # s1(3): the 20 working days start again from the clarification (rule 5).
    clarification_sought_on = models.DateField(null=True, blank=True)
    clarification_received_on = models.DateField(null=True, blank=True)
    # s9, s10(3): the days from the fees notice to payment are disregarded (rule 6).
    fee_notice_issued_on = models.DateField(null=True, blank=True)
    fee_gbp = models.DecimalField(
        "fee (GBP)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    fee_paid_on = models.DateField(null=True, blank=True)
    # EIR reg 7(1): 40 working days for a voluminous and complex request, on notice.
    extended = models.BooleanField(
        "extended (EIR reg 7)", default=False, help_text="EIR only: voluminous and complex."
    )
    manual_search_minutes = models.PositiveIntegerField(
        default=0,
        help_text="Further staff time estimated to locate and retrieve what the register "
        "does not hold, beyond the searches recorded on the case (not deciding whether it "
        "is held or exempt: SSI 2004/467 reg 3).",
    )
    # Sensitive cases need a second approver before the response is issued (signoff.py).
    media_interest = models.BooleanField(
        default=False, help_text="Sensitive: the press or public are following the request."
    )
    third_parties = models.BooleanField(
        default=False, help_text="Sensitive: the response concerns or affects third parties."
    )
    law_enforcement = models.BooleanField(
        default=False, help_text="Sensitive: it touches operational or law-enforcement matters."
    )

    responded_on = models.DateField(null=True, blank=True)
    notice = models.CharField(max_length=12, choices=Notice.choices, blank=True)
    narrowing_advice = models.TextField(
        blank=True,
        help_text="Advice and assistance on narrowing the request (s15; Decision 066/2016).",
    )

    # Denormalised from the clock on every save, so lists sort and filter by deadline.
    due_on = models.DateField(null=True, blank=True, editable=False, db_index=True)
    due_explanation = models.TextField(blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=list(REQUESTER_FIELDS))

    objects = InformationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "reference"]
        verbose_name = "information request"
        permissions = [
            ("view_requester", "Can see the requester's name and contact details"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(clarification_received_on__isnull=True)
                | Q(clarification_received_on__gte=models.F("received_on")),
                name="clarification_not_before_receipt",
            ),
            models.CheckConstraint(
                condition=Q(fee_paid_on__isnull=True)
                | Q(
                    fee_notice_issued_on__isnull=False,
                    fee_paid_on__gte=models.F("fee_notice_issued_on"),
                ),
                name="fee_paid_after_notice",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True)
                | Q(responded_on__gte=models.F("received_on")),
                name="response_not_before_receipt",
            ),
        ]

    def __str__(self) -> str:
        # Never the requester's name: str() ends up in logs, messages and history pages.
        return f"{self.reference or 'new request'}: {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Only this row's own derived fields: the deadline. Numbering writes the year's
        # counter, so it is casework.services.save_request's (tests/test_architecture_services).
        if not self.reference:
            raise UnnumberedRequest(
                "an information request is saved with a reference: make it with "
                "answerable.casework.services.save_request(), which numbers it"
            )
        if self.received_on:
            self.due_on, explanation = self.compute_due()
            self.due_explanation = "\n".join(explanation)
        with transaction.atomic():  # the row and its history row together
            super().save(*args, **kwargs)

    def compute_due(self) -> tuple[date | None, tuple[str, ...]]:
        """The response deadline from the clock (FOISA s10; FOIA s10; EIR reg 5, 7).

        While a fees notice is unpaid the clock is stopped (s10(3)): there is no deadline
        until the fee is received.
        """
        from answerable.clock.deadlines import response_due
        from answerable.clock.regimes import regime_of
        from answerable.clock.services import calendar_for

        if self.fee_notice_issued_on and not self.fee_paid_on:
            return None, (
                f"Fees notice given {self.fee_notice_issued_on.isoformat()}: the time to "
                "respond stops until the fee is received (FOISA s10(3); FOIA s10(2); EIR "
                "reg 8), and the request lapses if it is not paid within three months "
                "(FOISA s9(4)).",
            )
        regime = regime_of(self.regime)
        deadline = response_due(
            regime,
            self.received_on,
            calendar_for(regime),
            clarification_received=self.clarification_received_on,
            fee_notice_issued=self.fee_notice_issued_on,
            fee_paid=self.fee_paid_on,
            extended=self.extended,
        )
        return deadline.due, tuple(deadline.explanation)

    def clean(self) -> None:
        from answerable.clock.errors import ClockError

        if not self.received_on:
            return
        try:
            self.compute_due()
        except ClockError as error:
            field = CLOCK_FIELDS.get(error.field or "")
            raise ValidationError({field: str(error)} if field else str(error)) from None

    def cost_assessment(self) -> Any:
        """The estimated cost of compliance, s12 and the fee (fees.assess): the answer
        engine's estimate of each figures answer, the searches recorded, and the further
        manual search estimated."""
        from answerable.casework import answering, fees

        return fees.assess(
            self.regime,
            engine_hours=answering.engine_hours(self),
            manual_search_minutes=self.manual_search_minutes,
            recorded_search_minutes=self.recorded_search_minutes(),
        )

    def recorded_search_minutes(self) -> int:
        """The time spent on the searches recorded for the request (SearchRecord)."""
        if self.pk is None:
            return 0
        total = self.searches.aggregate(total=models.Sum("minutes"))["total"]
        return int(total or 0)

    @property
    def on_time(self) -> bool | None:
        """Responded by the deadline; None while there is no response."""
        if self.responded_on is None or self.due_on is None:
            return None
        return self.responded_on <= self.due_on

    def is_open(self) -> bool:
        return type(self).objects.open().filter(pk=self.pk).exists()

    def is_overdue(self, today: date) -> bool:
        return (
            self.responded_on is None
            and self.status in AWAITING_RESPONSE
            and self.due_on is not None
            and self.due_on < today
        )

    def working_days_left(self, today: date) -> int:
        """Working days from `today` to the deadline, the deadline counted: 0 when it is due
        today, negative (working days past it) once overdue."""
        from answerable.clock.services import calendar_for

        if self.due_on is None:
            raise ValueError(f"{self.reference} has no deadline")
        calendar = calendar_for(self.regime)
        if self.due_on >= today:
            return calendar.working_days_between(today, self.due_on)
        return -calendar.working_days_between(self.due_on, today)
