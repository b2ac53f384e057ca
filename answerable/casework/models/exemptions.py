"""The exemptions (FOISA Part 2, FOIA Part II) and exceptions (EIR reg 10) a response cites.

A refusal notice names the exemption, why it applies and, for a qualified exemption, why
the public interest favours withholding (FOISA s16(1)-(2); rule 20).
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from answerable.casework.letters.exemptions import (
    harm_test_problems,
    is_absolute,
    needs_harm_test,
    needs_public_interest,
    normalise,
)

# "38(1)(b)", "12(1)", "10(5)(b)", "2A" after normalise(): a number, then bracketed parts.
_CITATION = re.compile(r"^\d+[a-z]?(?:\([0-9a-z]+\))*$")
HARM_LIKELIHOOD = [
    ("would", "Would"),
    ("would_be_likely", "Would be likely to"),
]


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
    condition = models.CharField(
        max_length=32,
        blank=True,
        help_text="The condition the exemption rests on where the Act makes it absolute by one, "
        'e.g. "38(2A)(a)" for personal data whose disclosure would breach the data protection '
        "principles (s2(2)(e)(ii)).",
    )
    # The harm test of the prejudice-based exemptions (s35 law enforcement, s39 health and
    # safety): what would be harmed, how likely, and how disclosure would cause it.
    harm_to = models.CharField(
        "who or what is harmed",
        max_length=200,
        blank=True,
        help_text='s35 and s39: e.g. "the prevention or detection of crime (s35(1)(a))".',
    )
    harm_likelihood = models.CharField(
        max_length=24,
        choices=HARM_LIKELIHOOD,
        blank=True,
        help_text='s35: "would" or "would be likely to" prejudice substantially; s39: '
        '"would" or "would be likely to" endanger.',
    )
    harm_how = models.TextField(
        "how disclosure would cause it",
        blank=True,
        help_text="The causal link between disclosing this information and the harm.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "section"]
        constraints = [
            models.UniqueConstraint(fields=["request", "section"], name="exemption_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"s{self.section}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # One spelling per citation, so the statistics count "s.38(1) (b)" and "38(1)(b)"
        # as the same exemption.
        self.section = normalise(self.section)
        self.condition = normalise(self.condition) if self.condition else ""
        super().save(*args, **kwargs)

    @property
    def absolute(self) -> bool:
        """Absolute under FOISA s2(2) (s38(1)(b) only with its s38(2A) condition)."""
        return is_absolute(self.section, self.condition)

    @property
    def qualified(self) -> bool:
        """Subject to the public interest test under the request's regime."""
        return needs_public_interest(self.request.regime, self.section, self.condition)

    @property
    def needs_harm_test(self) -> bool:
        return needs_harm_test(self.request.regime, self.section)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not _CITATION.match(normalise(self.section)):
            errors["section"] = (
                f"{self.section!r} is not a section; write it as the Act does, e.g. 38(1)(b)"
            )
        if self.condition and not _CITATION.match(normalise(self.condition)):
            errors["condition"] = (
                f"{self.condition!r} is not a section; write it as the Act does, e.g. 38(2A)(a)"
            )
        if not errors and self.request_id:
            for field, problem in harm_test_problems(
                self.request.regime,
                self.section,
                harm_to=self.harm_to,
                likelihood=self.harm_likelihood,
                how=self.harm_how,
            ):
                errors[field] = problem
        if errors:
            raise ValidationError(errors)


class ThirdPartyConsultation(models.Model):
    """A third party consulted before information about or from it is released (the
    Section 60 Code of Practice (2016), Part 2 section 8; e.g. the Home Office on a
    memorandum of understanding it is party to): who, when, what they said and what the
    authority decided. The views are the authority's record, never printed in the letter;
    the letter says only that the party was consulted."""

    request = models.ForeignKey(
        "casework.InformationRequest", on_delete=models.CASCADE, related_name="consultations"
    )
    exemption = models.ForeignKey(
        CitedExemption,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        help_text="The exemption the consultation bears on, if any.",
    )
    party = models.CharField(max_length=200, help_text='e.g. "Home Office".')
    about = models.CharField(
        max_length=300, help_text="What was consulted on, e.g. the MoU and its draft."
    )
    consulted_on = models.DateField()
    responded_on = models.DateField(null=True, blank=True)
    views = models.TextField(blank=True, help_text="What the third party said.")
    decision = models.TextField(
        blank=True, help_text="What the authority decided in the light of the views."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["request", "consulted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.party}, consulted {self.consulted_on:%d %B %Y}"

    def clean(self) -> None:
        if self.responded_on and self.consulted_on and self.responded_on < self.consulted_on:
            raise ValidationError({"responded_on": "A reply cannot precede the consultation."})
        if (
            self.exemption is not None
            and self.request_id
            and self.exemption.request_id != self.request_id
        ):
            raise ValidationError({"exemption": "Choose an exemption cited on this request."})
