"""The exemptions (FOISA Part 2, FOIA Part II) and exceptions (EIR reg 10) a response cites.

A refusal notice names the exemption, why it applies and, for a qualified exemption, why
the public interest favours withholding (FOISA s16(1)-(2); rule 20).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from answerable.casework.letters.exemptions import normalise

# "38(1)(b)", "12(1)", "10(5)(b)", "2A" after normalise(): a number, then bracketed parts.
_CITATION = re.compile(r"^\d+[a-z]?(?:\([0-9a-z]+\))*$")


class CitedExemption(models.Model):
    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="exemptions"
    )
    section = models.CharField(
        max_length=32,
        help_text='The section or regulation as cited, e.g. "38(1)(b)", "12(1)", "10(5)(b)".',
    )
    reasons = models.TextField(help_text="Why the exemption applies (s16(1)(d)).")
    public_interest = models.TextField(
        blank=True,
        help_text="For a qualified exemption: why the public interest favours withholding "
        "(s16(2)). Leave empty for an absolute one.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "section"]
        constraints = [
            models.UniqueConstraint(fields=["request", "section"], name="exemption_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"s{self.section}"

    def save(self, *args, **kwargs) -> None:
        # One spelling per citation, so the statistics count "s.38(1) (b)" and "38(1)(b)"
        # as the same exemption.
        self.section = normalise(self.section)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if not _CITATION.match(normalise(self.section)):
            raise ValidationError(
                {
                    "section": f"{self.section!r} is not a section; write it as the Act does, "
                    "e.g. 38(1)(b)"
                }
            )
