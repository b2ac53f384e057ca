"""The processing operations DPA 2018 s62(1) requires a log of, for law-enforcement data."""

from django.db import models


class Action(models.TextChoices):
    # s62(1)(a)-(f), in the Act's order.
    COLLECTION = "collection", "Collection"
    ALTERATION = "alteration", "Alteration"
    CONSULTATION = "consultation", "Consultation"
    DISCLOSURE = "disclosure", "Disclosure (including transfer)"
    COMBINATION = "combination", "Combination"
    ERASURE = "erasure", "Erasure"
