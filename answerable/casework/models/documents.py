"""The documents a question is answered with: one or more versions from the document
register, each enclosed with the response (or a redacted copy of it), or pointed to where
it is published (FOISA s25(1): information otherwise accessible).

Seed 000 asks for "any final version or draft" of each agreement, so a question may be
answered by several documents and by several versions of one.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from answerable.casework.letters.content import DocumentAnswer


class QuestionDocument(models.Model):
    question = models.ForeignKey(
        "casework.RequestQuestion", on_delete=models.CASCADE, related_name="given_documents"
    )
    version = models.ForeignKey(
        "register.DocumentVersion", on_delete=models.PROTECT, related_name="given_in"
    )
    how = models.CharField(
        max_length=12,
        choices=[
            (DocumentAnswer.ENCLOSED.value, "Enclosed with the response"),
            (DocumentAnswer.OTHERWISE_ACCESSIBLE.value, "Otherwise accessible (s25): its address"),
        ],
        default=DocumentAnswer.ENCLOSED.value,
    )
    redacted_file = models.FileField(
        upload_to="redacted/%Y/",
        blank=True,
        help_text="A redacted copy, enclosed instead of the version as held.",
    )
    redacted_mime_type = models.CharField(max_length=100, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["question", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "version"], name="question_document_version_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.version} ({self.get_how_display()})"
