"""Answering a question with documents from the register: the one place the choice is
written. A question may be answered by several documents, and by several versions of one
(seed 000: "any final version or draft"); each is enclosed (or a redacted copy of it), or
pointed to where it is published (FOISA s25(1)).
"""

from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction

from answerable.casework.letters.content import DocumentAnswer
from answerable.casework.models import QuestionDocument, RequestQuestion
from answerable.register.models import DocumentVersion
from answerable.register.uploads import check_upload


class DocumentChoiceError(ValueError):
    """The document cannot answer the question so; the message says why."""


def _issued(question: RequestQuestion) -> bool:
    return question.frozen or question.request.responded_on is not None


def give_document(
    question: RequestQuestion,
    version: DocumentVersion,
    how: str = DocumentAnswer.ENCLOSED.value,
    *,
    redacted_name: str = "",
    redacted_content: bytes | None = None,
) -> QuestionDocument:
    """Answer `question` with `version`, enclosed or as otherwise accessible (s25)."""
    how = DocumentAnswer(how).value
    where = f"question {question.number}"
    if _issued(question):
        raise DocumentChoiceError(f"{where}: the response has been issued; it cannot change")
    if QuestionDocument.objects.filter(question=question, version=version).exists():
        raise DocumentChoiceError(f"{where} is already answered with {version}")
    document = version.document
    if how == DocumentAnswer.OTHERWISE_ACCESSIBLE.value:
        if not document.published_url:
            raise DocumentChoiceError(
                f"{document.title} has no published address: enclose it, or record where it "
                "is published first (section 25 needs the address)"
            )
        if redacted_content is not None:
            raise DocumentChoiceError("a redacted copy is enclosed: choose 'Enclosed'")
    elif redacted_content is None and not version.file:
        raise DocumentChoiceError(
            f"{version} has no file to enclose: upload it, or attach a redacted copy"
        )
    with transaction.atomic():
        given = QuestionDocument(question=question, version=version, how=how)
        if redacted_content is not None:
            checked = check_upload(redacted_name, redacted_content)
            given.redacted_mime_type = checked.mime_type
            stem = PurePath(redacted_name).stem[:60] or "redacted"
            given.redacted_file.save(
                f"{stem}{checked.extension}", ContentFile(redacted_content), save=False
            )
        given.save()
        if not question.answer_kind:
            question.answer_kind = "document"
            question.save(update_fields=["answer_kind"])
    return given


def take_back(given: QuestionDocument) -> None:
    """No longer answer the question with this document (before the response is issued)."""
    if _issued(given.question):
        raise DocumentChoiceError(
            f"question {given.question.number}: the response has been issued; it cannot change"
        )
    given.delete()
