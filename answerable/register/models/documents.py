"""Policy documents: MoUs, information sharing agreements, policies, guidance, criteria.

A document (say, the Umbrella MoU) has versions; each version has its own status, dates and
file, because a request asks for "any final version or draft" (seed 000).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.register.choices import DocumentKind, DocumentStatus
from answerable.register.models.fields import Timestamped


class Document(Timestamped):
    reference = models.CharField(
        max_length=64,
        unique=True,
        help_text="The reference disclosures quote as their agreement_ref.",
    )
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=32, choices=DocumentKind.choices)
    parties = models.TextField(blank=True, help_text="One party per line.")
    summary = models.TextField(blank=True)
    published_url = models.URLField(blank=True, help_text="Where it is published, if it is.")
    owner = models.CharField(
        max_length=200, blank=True, help_text="The business area that owns it, e.g. Partnerships."
    )
    topics = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, e.g. Home Office, Data sharing."
    )
    adopted = models.BooleanField(
        "adopted by the force",
        default=False,
        help_text="The force has adopted it as its own (seed 000 asks whether it has).",
    )
    third_party = models.BooleanField(
        "third-party material",
        default=False,
        help_text="Another body's material: released to a requester where the law allows, "
        "never copied to the public disclosure log.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})"

    @property
    def party_list(self) -> list[str]:
        return [line.strip() for line in self.parties.splitlines() if line.strip()]

    def current_version(self) -> "DocumentVersion | None":
        return self.versions.exclude(status=DocumentStatus.DRAFT).order_by("-dated").first()

    @property
    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]


class DocumentVersion(Timestamped):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(max_length=20, help_text="e.g. 1.0, 2.1, draft 3")
    status = models.CharField(max_length=12, choices=DocumentStatus.choices)
    dated = models.DateField(help_text="The date the version bears.")
    effective_from = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    file = models.FileField(upload_to="documents/%Y/", blank=True)
    mime_type = models.CharField(
        max_length=100, blank=True, editable=False, help_text="Read from the file's content."
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-dated"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document.title}, version {self.version} ({self.get_status_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT
