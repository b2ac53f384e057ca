"""Contacts with Immigration Enforcement's National Command and Control Unit (seed 000)."""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.core.uk_time import uk_date
from answerable.register.choices import (
    CrimeType,
    NccuAdvice,
    NccuChannel,
    NccuTrigger,
    OfficerAction,
    Role,
)
from answerable.register.models.fields import SubjectAttributes, Timestamped, optional_choice
from answerable.register.models.reference import Division, Station


class NccuContact(SubjectAttributes, Timestamped):
    """An officer's contact with the NCCU about a foreign national.

    The channel matters: since April 2020 the NCCU records victims referred by phone but not
    by e-mail (written question 172547), so the force's own record is the only complete one.
    """

    reference = models.CharField(
        "NCCU reference", max_length=64, blank=True, help_text="The reference the NCCU gave."
    )
    contacted_at = models.DateTimeField("contacted")
    contacted_on = models.DateField(editable=False, db_index=True)
    channel = models.CharField(max_length=8, choices=NccuChannel.choices)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, null=True, blank=True)
    station = models.ForeignKey(Station, on_delete=models.PROTECT, null=True, blank=True)
    person = models.ForeignKey(
        "register.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nccu_contacts",
    )
    role = models.CharField("person's role", max_length=16, choices=Role.choices)
    # Recorded at the contact because its disclosure is counted by them: seed 000 asks how
    # many victims of domestic abuse or trafficking were referred, and how many were women,
    # children or disabled.
    crime_type = optional_choice(CrimeType, "crime type")
    trigger = models.CharField(
        "reason for contact",
        max_length=20,
        choices=NccuTrigger.choices,
        help_text="Seed 000: arrested, charged or reported (fixed penalty, ASBO, other measure).",
    )
    advice = optional_choice(NccuAdvice, "NCCU advice")
    action_taken = optional_choice(OfficerAction, "what the officer then did")
    officer = models.CharField(
        "officer (service number)",
        max_length=30,
        blank=True,
        help_text="Service number, not a name.",
    )
    custody_episode = models.ForeignKey(
        "register.CustodyEpisode",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nccu_contacts",
    )
    disclosure = models.OneToOneField(
        "register.Disclosure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nccu_contact",
        help_text="The disclosure of the person's data this contact made.",
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-contacted_at"]
        verbose_name = "NCCU contact"
        indexes = [
            # The staff list (register/views/lists.py), newest first: the keys of a page read
            # from an index in the list's order, for divisional staff (their division first)
            # and force-wide, so that no page sorts the division's rows (issue 16).
            models.Index(
                fields=["division", "contacted_on", "contacted_at", "id"],
                name="nccu_list_division",
            ),
            models.Index(fields=["contacted_on", "contacted_at", "id"], name="nccu_list"),
        ]

    def __str__(self) -> str:
        return self.reference or f"NCCU contact {self.pk}"

    def save(self, *args, **kwargs) -> None:
        self.contacted_on = uk_date(self.contacted_at)
        super().save(*args, **kwargs)
