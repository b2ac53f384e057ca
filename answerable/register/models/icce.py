"""International Criminal Conviction Exchange requests and high-harm referrals (seed 000).

Divisions collate ICCE forms; when foreign (or UK) convictions meet the force's high-harm
criteria the case is referred to Immigration Enforcement for consideration of deportation,
removal or curtailment. There are no national criteria, so the version used is recorded.
"""

from django.db import models
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from answerable.register.choices import (
    HighHarmBasis,
    IcceResult,
    ReferralConsideration,
    ReferralOutcome,
)
from answerable.register.models.fields import Timestamped, optional_choice, optional_yes_no
from answerable.register.models.reference import Division


class IcceRequest(Timestamped):
    reference = models.CharField("ICCE reference", max_length=64, unique=True)
    division = models.ForeignKey(Division, on_delete=models.PROTECT)
    person = models.ForeignKey(
        "register.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="icce_requests",
    )
    custody_episode = models.ForeignKey(
        "register.CustodyEpisode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="icce_requests",
    )
    sent_on = models.DateField("sent")
    returned_on = models.DateField("returned", null=True, blank=True)
    countries = CountryField("countries asked", multiple=True, blank=True)
    result = models.CharField(
        max_length=24, choices=IcceResult.choices, default=IcceResult.AWAITING
    )

    high_harm = optional_yes_no("meets high-harm criteria")
    high_harm_basis = optional_choice(HighHarmBasis, "high-harm basis")
    criteria = models.ForeignKey(
        "register.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="icce_assessments",
        verbose_name="high-harm criteria version used",
    )
    referred_to_hoie = optional_yes_no("referred to Immigration Enforcement")
    referred_on = models.DateField("referred", null=True, blank=True)
    referral_consideration = optional_choice(ReferralConsideration, "referred for consideration of")
    referral_disclosure = models.OneToOneField(
        "register.Disclosure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="icce_request",
        help_text="The disclosure the referral made (purpose icce_high_harm).",
    )
    referral_outcome = optional_choice(ReferralOutcome, "referral outcome")
    referral_outcome_on = models.DateField("referral outcome date", null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_on"]
        verbose_name = "ICCE request"
        indexes = [
            # The staff list (register/views/lists.py), newest first: the keys of a page read
            # from an index in the list's order, for divisional staff (their division first)
            # and force-wide, so that no page sorts the division's rows (issue 16).
            models.Index(fields=["division", "sent_on", "id"], name="icce_list_division"),
            models.Index(fields=["sent_on", "id"], name="icce_list"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_on__isnull=True)
                | models.Q(returned_on__gte=models.F("sent_on")),
                name="icce_returned_not_before_sent",
            ),
        ]

    def __str__(self) -> str:
        return self.reference
