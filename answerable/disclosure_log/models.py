"""The disclosure log's records: a published response and the topics it is filed under.

A response is published on the log a fixed number of days after it was issued to the
requester (Police Scotland: "This response will be added to our Disclosure Log in seven
days' time", seeds 000 and 001), so that the requester sees it first. Visibility is by date
alone: a publication is public from its `publish_on` (a UK date) until it is withdrawn, and
no job has to run for it to appear.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from answerable.core import regimes
from answerable.core.uk_time import uk_date

DEFAULT_DELAY_DAYS = 7

# A reference becomes part of the public URLs (/disclosure-log/IM-FOI-2018-1421/), so it is
# kept to letters, digits and . _ - ("IM-FOI-2018-1421", "23-1751", "01.FOI.24.034672").
REFERENCE_PATTERN = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
reference_validator = RegexValidator(
    rf"^{REFERENCE_PATTERN}\Z",
    "A reference has letters, digits, dots, hyphens and underscores only, "
    "and starts and ends with a letter or digit.",
)


class Regime(models.TextChoices):
    """The access regime the request was answered under: the regime table's codes, named
    by their full titles (answerable/core/regimes.py)."""

    FOISA = regimes.FOISA.regime.value, regimes.FOISA.title
    FOIA = regimes.FOIA.regime.value, regimes.FOIA.title
    EIR_S = regimes.EIRS.regime.value, regimes.EIRS.title
    EIR = regimes.EIR.regime.value, regimes.EIR.title


class Outcome(models.TextChoices):
    """The kind of notice issued (FOISA ss16-18, s21 for a review)."""

    FULL = "full", "Information supplied in full"
    PARTIAL = "partial", "Information supplied in part"
    COST = "cost", "Refused: cost of compliance"
    EXEMPT = "exempt", "Refused: exempt"
    NOT_HELD = "not_held", "Information not held"
    NCND = "ncnd", "Neither confirm nor deny"
    VEXATIOUS = "vexatious", "Refused: vexatious or repeated"
    REVIEW = "review", "Review decision"


def delay_days() -> int:
    """Days from issue to publication: ANSWERABLE_DISCLOSURE_LOG_DAYS, the setting the
    letters quote too ("added to our Disclosure Log in seven days' time"), default 7."""
    value = getattr(settings, "ANSWERABLE_DISCLOSURE_LOG_DAYS", DEFAULT_DELAY_DAYS)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ImproperlyConfigured(
            f"ANSWERABLE_DISCLOSURE_LOG_DAYS must be a whole number of days, 0 or more; "
            f"got {value!r}"
        )
    return value


def publication_date(issued_on: date) -> date:
    """The UK date a response issued on `issued_on` appears on the log (calendar days, as
    "in seven days' time" reads)."""
    return issued_on + timedelta(days=delay_days())


def uk_today() -> date:
    return uk_date(timezone.now())


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class PublicationQuerySet(models.QuerySet):
    def published(self, today: date | None = None) -> "PublicationQuerySet":
        """What the public may see on `today` (a UK date; by default today in the UK):
        publications due by then and not withdrawn."""
        return self.filter(publish_on__lte=today or uk_today(), withdrawn_on__isnull=True)


class Publication(models.Model):
    """One anonymised response on the disclosure log.

    The PDF is kept in the database (a BinaryField), not as a media file: a media file is
    served by the web server to whoever has its URL, before `publish_on` and after a
    withdrawal alike, where the database copy is served only by the view that checks both.
    It also changes in the same transaction as the record when a response is replaced or
    withdrawn. Response letters are tens to hundreds of kilobytes, and list queries defer it.
    """

    reference = models.CharField(max_length=64, unique=True, validators=[reference_validator])
    title = models.CharField(max_length=300)
    summary = models.TextField(help_text="A short plain-text summary of the request.")
    regime = models.CharField(max_length=8, choices=Regime.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    topics = models.ManyToManyField(Topic, blank=True, related_name="publications")
    exemptions_cited = models.CharField(
        max_length=300, blank=True, help_text='e.g. "s12, s38(1)(b)"'
    )
    received_on = models.DateField("received")
    issued_on = models.DateField("responded")
    publish_on = models.DateField("published", db_index=True)
    body_html = models.TextField(help_text="The anonymised, sanitised response letter.")
    body_text = models.TextField(help_text="The letter's text, for search.")
    pdf = models.BinaryField()
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ("-publish_on", "-issued_on", "-reference")
        constraints = [
            models.CheckConstraint(
                condition=Q(issued_on__gte=models.F("received_on")),
                name="disclosure_log_issued_after_received",
            ),
            # Never before the requester has had the response.
            models.CheckConstraint(
                condition=Q(publish_on__gte=models.F("issued_on")),
                name="disclosure_log_published_after_issued",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | ~Q(withdrawn_reason=""),
                name="disclosure_log_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("disclosure_log:detail", kwargs={"reference": self.reference})

    def get_pdf_url(self) -> str:
        return reverse("disclosure_log:pdf", kwargs={"reference": self.reference})

    def is_published(self, today: date | None = None) -> bool:
        return self.withdrawn_on is None and self.publish_on <= (today or uk_today())

    def topic_names(self) -> list[str]:
        return [topic.name for topic in self.topics.all()]


class PublishedDocument(models.Model):
    """A document released with a response and published with it on the log (not a third
    party's material, which the casework app never sends here). Kept in the database, as the
    letter's PDF is, so that it is served only while its publication is."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="documents")
    number = models.PositiveSmallIntegerField()
    filename = models.CharField(max_length=200)
    mime_type = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        ordering = ("publication", "number")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"], name="disclosure_log_document_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication.reference}: {self.filename}"

    def get_absolute_url(self) -> str:
        return reverse(
            "disclosure_log:document",
            kwargs={"reference": self.publication.reference, "number": self.number},
        )
