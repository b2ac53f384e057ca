"""A transfer of a person's data abroad made by an ICCE request (DPA 2018 Part 3 Chapter 5).

An ICCE request sends a person's identity to the central authority of another country to ask
for their convictions there: a transfer of personal data to a third country. s73 allows it
only when necessary for a law enforcement purpose, on adequacy regulations (s74), appropriate
safeguards (s75) or special circumstances (s76), to a relevant authority; s75(3)/(4) and
s76(3)/(4) require each transfer to be documented: when, to whom, why and what data. This is
that record, one per transfer, kept with the ICCE request (and removed with it).
"""

from django.conf import settings
from django.db import models
from django_countries.fields import CountryField


class TransferBasis(models.TextChoices):
    ADEQUACY = "adequacy_s74", "Adequacy regulations (s74)"
    SAFEGUARDS = "safeguards_s75", "Appropriate safeguards (s75)"
    SPECIAL = "special_s76", "Special circumstances (s76)"


class TransferredData(models.TextChoices):
    IDENTITY = "identity", "Identity (name, date and place of birth)"
    NATIONALITY = "nationality", "Nationality"
    BIOMETRICS = "biometrics", "Fingerprints or other biometrics"
    OFFENCES = "offences", "Offences and convictions"
    CUSTODY = "custody", "Custody and arrest details"


class IcceTransfer(models.Model):
    icce_request = models.ForeignKey(
        "register.IcceRequest", on_delete=models.CASCADE, related_name="transfers"
    )
    recipient_country = CountryField("recipient country")
    recipient_authority = models.CharField(
        "recipient authority",
        max_length=200,
        help_text="The relevant authority that received it, e.g. the country's central "
        "authority for criminal records.",
    )
    legal_basis = models.CharField(max_length=16, choices=TransferBasis.choices)
    transferred_on = models.DateField("date of transfer")
    categories = models.CharField(
        "categories of data",
        max_length=200,
        help_text="The kinds of data sent, separated by commas (TransferredData).",
    )
    authorised_by = models.CharField(
        "authorised by",
        max_length=100,
        help_text="The officer who authorised the transfer, by rank and number.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["transferred_on", "pk"]
        verbose_name = "ICCE transfer abroad"
        verbose_name_plural = "ICCE transfers abroad"

    def __str__(self) -> str:
        # A CountryField reads as a Country (django-countries); the Django stubs say str.
        country = self.recipient_country.name  # type: ignore[attr-defined]
        return f"transfer of {self.transferred_on:%d %b %Y} to {country}"

    def category_labels(self) -> list[str]:
        labels = dict(TransferredData.choices)
        return [labels.get(code, code) for code in self.categories.split(",") if code]
