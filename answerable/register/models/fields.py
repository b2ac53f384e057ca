"""Field helpers shared by the register's models.

Every attribute of a person can be "not recorded" (NULL), which is never the same as "no".
"""

from django.core.validators import MaxValueValidator
from django.db import models
from django_countries.fields import CountryField

from answerable.register.choices import Sex, YesNo

MAX_AGE = 120


def optional_choice(
    choices: type[models.TextChoices], verbose_name: str, **kwargs
) -> models.CharField:
    """A choice that may be not recorded (NULL, shown as "Not recorded")."""
    length = max(len(value) for value in choices.values)
    return models.CharField(
        verbose_name,
        max_length=length,
        choices=choices.choices,
        null=True,
        blank=True,
        help_text="Leave empty when not recorded.",
        **kwargs,
    )


def optional_yes_no(verbose_name: str) -> models.CharField:
    return optional_choice(YesNo, verbose_name)


class SubjectAttributes(models.Model):
    """The person's attributes as recorded at the time of the event.

    Kept on each record, not only on the person, because the questions are asked of the
    event: "children under 18" means under 18 at the time of the disclosure
    (home-office-disclosures-v1, Meaning), and a nationality is as declared then.
    """

    sex = optional_choice(Sex, "sex")
    age = models.PositiveSmallIntegerField(
        "age (years)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_AGE)],
        help_text="Whole years at the time of the event. Leave empty when not recorded.",
    )
    nationality = CountryField(
        "self-declared nationality",
        null=True,
        blank=True,
        help_text="As the person declared it. Leave empty when not recorded.",
    )
    disability = optional_yes_no("disability")

    class Meta:
        abstract = True


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
