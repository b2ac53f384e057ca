"""Disclosures of a person's data to the Home Office (home-office-disclosures-v1).

Each is a business record with its legal basis and sharing agreement: the FOI statistics
about sharing are counted from here, never from the s62 audit log (DPA 2018 s62(4)).
"""

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.core.uk_time import elapsed_seconds, uk_date
from answerable.register.choices import (
    REFERRAL_PURPOSES,
    Channel,
    Consent,
    CorrectionReason,
    CrimeType,
    HomeOfficeOutcome,
    InitiatedBy,
    Purpose,
    Recipient,
    Role,
)
from answerable.register.models.fields import SubjectAttributes, Timestamped, optional_choice
from answerable.register.models.reference import Division, Force

ANSWER_COLUMNS = ("disclosed_on", "purpose", "role", "crime_type", "sex", "seconds_to_disclose")


class Disclosure(SubjectAttributes, Timestamped):
    force = models.ForeignKey(Force, on_delete=models.PROTECT)
    disclosure_ref = models.CharField("disclosure reference", max_length=64)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, null=True, blank=True)
    disclosed_at = models.DateTimeField("disclosed")
    person = models.ForeignKey(
        "register.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
    )
    role = models.CharField("person's role", max_length=16, choices=Role.choices)
    crime_type = optional_choice(CrimeType, "crime type")
    recipient = models.CharField(max_length=24, choices=Recipient.choices)
    channel = optional_choice(Channel, "channel")
    purpose = models.CharField(max_length=24, choices=Purpose.choices)
    initiated_by = optional_choice(InitiatedBy, "initiated by")
    requested_at = models.DateTimeField(
        "Home Office request received",
        null=True,
        blank=True,
        help_text="When the Home Office asked, if it did.",
    )
    consent = optional_choice(Consent, "consent")
    legal_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="e.g. the section of the Data Protection Act 2018 relied on.",
    )
    agreement_ref = models.CharField(
        "sharing agreement reference",
        max_length=64,
        blank=True,
        help_text="The information sharing agreement or MoU relied on.",
    )
    agreement = models.ForeignKey(
        "register.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        help_text="The register's copy of that agreement, linked by its reference.",
    )
    custody_ref = models.CharField("custody reference", max_length=64, blank=True)
    custody_episode = models.ForeignKey(
        "register.CustodyEpisode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="disclosures",
    )
    home_office_outcome = optional_choice(HomeOfficeOutcome, "Home Office outcome")
    outcome_on = models.DateField("date of Home Office outcome", null=True, blank=True)
    corrected_at = models.DateTimeField(
        "corrected, amended or withdrawn",
        null=True,
        blank=True,
    )
    correction_reason = optional_choice(CorrectionReason, "correction reason")

    # Derived on save: the UK local date the answer engine counts the disclosure by.
    disclosed_on = models.DateField(editable=False)  # indexed first in the indexes below
    # Derived on save: disclosed_at - requested_at in whole seconds, the time to disclose
    # (home-office-disclosures-v1, Meaning), so that its average is read from an index.
    seconds_to_disclose = models.BigIntegerField(null=True, blank=True, editable=False)

    source_hash = models.CharField(max_length=40, blank=True, editable=False)
    import_batch = models.ForeignKey(
        "register.ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["source_hash", "import_batch"])

    DERIVED_FIELDS = ("disclosed_on", "seconds_to_disclose")

    class Meta:
        ordering = ["-disclosed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "disclosure_ref"], name="disclosure_ref_unique"
            ),
        ]
        # Covering indexes: the questions of seed 000 (referrals, and disclosures, by role,
        # crime type and sex over a period, with the average time to disclose) are counted
        # from an index without reading the table (benchmarks/answer_benchmark.py).
        indexes = [
            models.Index(fields=[*ANSWER_COLUMNS]),
            models.Index(fields=["purpose", *(c for c in ANSWER_COLUMNS if c != "purpose")]),
            # by crime type or division, alone or with a year or month (issue 16)
            models.Index(
                fields=["crime_type", "disclosed_on", "purpose", "seconds_to_disclose"],
                name="disclosure_crime_day",
            ),
            models.Index(
                fields=["division", "disclosed_on", "purpose", "seconds_to_disclose"],
                name="disclosure_div_day",
            ),
            # The staff list (register/views/lists.py), newest first: the keys of a page read
            # from an index in the list's order, for divisional staff (their division first)
            # and force-wide, so that no page sorts the division's rows (issue 16).
            models.Index(
                fields=["division", "disclosed_on", "disclosed_at", "id"],
                name="disclosure_list_division",
            ),
            models.Index(fields=["disclosed_on", "disclosed_at", "id"], name="disclosure_list"),
        ]

    def __str__(self) -> str:
        return self.disclosure_ref

    @property
    def is_referral(self) -> bool:
        return self.purpose in REFERRAL_PURPOSES

    @staticmethod
    def derived_values(values: dict[str, Any]) -> dict[str, Any]:
        disclosed, requested = values["disclosed_at"], values.get("requested_at")
        return {
            "disclosed_on": uk_date(disclosed),
            "seconds_to_disclose": elapsed_seconds(requested, disclosed) if requested else None,
        }

    def derive(self) -> None:
        for name, value in self.derived_values(self.__dict__).items():
            setattr(self, name, value)

    def save(self, *args, **kwargs) -> None:
        self.derive()
        super().save(*args, **kwargs)
