"""The casework vocabularies: what an FOI officer records about a request and its sequel."""

from django.db import models

from answerable.core import regimes
from answerable.disclosure_log.models import Outcome


class Regime(models.TextChoices):
    """The law a request is handled under: the codes and labels of the regime table
    (answerable/core/regimes.py)."""

    FOISA = regimes.FOISA.regime.value, regimes.FOISA.label
    EIRS = regimes.EIRS.regime.value, regimes.EIRS.label
    FOIA = regimes.FOIA.regime.value, regimes.FOIA.label
    EIR = regimes.EIR.regime.value, regimes.EIR.label


# The Commissioner's return counts FOI and EIR requests separately.
FOI_REGIMES = tuple(Regime(row.regime) for row in regimes.TABLE.values() if not row.environmental)
EIR_REGIMES = tuple(Regime(row.regime) for row in regimes.TABLE.values() if row.environmental)
family = regimes.family


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    POST = "post", "Post"
    WEB_FORM = "web_form", "Web form"
    IN_PERSON = "in_person", "In person"
    TELEPHONE = "telephone", "Telephone (EIR only, or recorded)"
    SOCIAL_MEDIA = "social_media", "Social media"
    WHATDOTHEYKNOW = "whatdotheyknow", "WhatDoTheyKnow"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    CLARIFICATION_SOUGHT = "clarification_sought", "Clarification sought (s1(3))"
    AWAITING_FEE = "awaiting_fee", "Awaiting fee (s9)"
    IN_PROGRESS = "in_progress", "In progress"
    RESPONDED = "responded", "Responded"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A closed or withdrawn request no longer holds records by itself (a review or an appeal still
# may); a responded request stays open until the officer closes it, because a review may
# still be required (s20(5)) and the information must not be destroyed meanwhile (s1(4)-(5)).
CLOSED_STATUSES = (Status.CLOSED, Status.WITHDRAWN)
# Still to be answered: counted by the reminders and the overdue list.
AWAITING_RESPONSE = (
    Status.RECEIVED,
    Status.CLARIFICATION_SOUGHT,
    Status.AWAITING_FEE,
    Status.IN_PROGRESS,
)


class Notice(models.TextChoices):
    """The outcome of a request: the strings of the letters package's Notice enum. Worded
    as the disclosure log words the same outcome (one vocabulary for the case and its log
    entry: disclosure_log.models.Outcome)."""

    FULL = "full", Outcome.FULL.label
    PARTIAL = "partial", f"{Outcome.PARTIAL.label} (s16 notice for the rest)"
    COST = "cost", "Refused: excessive cost (s12, s16(4))"
    EXEMPT = "exempt", "Refused: exempt (s16(1))"
    NOT_HELD = "not_held", "Information not held (s17(1))"
    NCND = "ncnd", "Neither confirm nor deny (s18)"
    VEXATIOUS = "vexatious", "Vexatious or repeated (s14, s16(5))"


class AnswerKind(models.TextChoices):
    FIGURES = "figures", "Figures from the register (ask)"
    TEXT = "text", "Text"
    DOCUMENT = "document", "Document"
    EXEMPT = "exempt", "Exempt"
    NOT_HELD = "not_held", "Not held"
    COST = "cost", "Excessive cost (s12)"
    NCND = "ncnd", "Neither confirm nor deny"


class ReviewOutcome(models.TextChoices):
    """s21(4): confirm (with or without modifications), substitute, or reach a decision
    where none was reached; or the requirement was not reviewed (s20(3) content, s20(5)
    time not waived under s20(6), s21(8) vexatious or repeated)."""

    CONFIRM = "confirm", "Decision confirmed (s21(4)(a))"
    CONFIRM_WITH_MODIFICATIONS = (
        "confirm_with_modifications",
        "Decision confirmed with modifications (s21(4)(a))",
    )
    SUBSTITUTE = "substitute", "Different decision substituted (s21(4)(b))"
    DECIDE = "decide", "Decision reached where none had been (s21(4)(c))"
    NOT_REVIEWED = "not_reviewed", "Not reviewed (invalid, late or vexatious)"


class CommissionerOutcome(models.TextChoices):
    UPHELD = "upheld", "Application upheld (authority failed)"
    PARTIALLY_UPHELD = "partially_upheld", "Partially upheld"
    NOT_UPHELD = "not_upheld", "Not upheld (authority complied)"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SETTLED = "settled", "Settled"


class CourtOutcome(models.TextChoices):
    ALLOWED = "allowed", "Appeal allowed"
    REFUSED = "refused", "Appeal refused"
    REMITTED = "remitted", "Remitted to the Commissioner"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Appellant(models.TextChoices):
    REQUESTER = "requester", "The requester"
    AUTHORITY = "authority", "The authority"
