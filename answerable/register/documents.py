"""Adding documents and their versions to the register: the one place they are written.

FOI officers add them from the staff pages (casework/views/documents.py) and the demo from
its seeds; both come here, so every file is checked by its content (uploads.py) before it is
stored, and every change has its history (simple_history). A document saved here links the
disclosures that quoted its reference before it was registered (save_and_link): the admin,
the demo and the tests' factory save documents through it too.
"""

from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from answerable.register.linking import link_agreement
from answerable.register.models import Document, DocumentVersion
from answerable.register.uploads import check_upload

DOCUMENT_FIELDS = (
    "reference",
    "title",
    "kind",
    "parties",
    "summary",
    "published_url",
    "owner",
    "topics",
    "adopted",
    "third_party",
)


def save_document(document: Document | None, **values: Any) -> Document:
    """Create a document (None) or change one, with the fields of DOCUMENT_FIELDS."""
    unknown = set(values) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"not a document field: {', '.join(sorted(unknown))}")
    document = document or Document()
    for name, value in values.items():
        setattr(document, name, value)
    document.full_clean()
    return save_and_link(document)


def save_and_link(document: Document, **save: Any) -> Document:
    """Save `document` (`save`: Model.save's arguments), then link the disclosures that
    quoted its reference before it was registered (register/linking.py), after every
    post_save receiver: the audit trail logs the document before the links it made."""
    with transaction.atomic():
        document.save(**save)
        link_agreement(document)
    return document


def add_version(
    document: Document,
    *,
    version: str,
    status: str,
    dated: date,
    file_name: str = "",
    content: bytes | None = None,
    effective_from: date | None = None,
    withdrawn_on: date | None = None,
    notes: str = "",
) -> DocumentVersion:
    """A new version of `document`, with its file if one is given (checked by its content:
    uploads.UploadError if it is not a PDF, DOCX, ODT or text file)."""
    checked = check_upload(file_name, content) if content is not None else None
    with transaction.atomic():
        record = DocumentVersion(
            document=document,
            version=version.strip(),
            status=status,
            dated=dated,
            effective_from=effective_from,
            withdrawn_on=withdrawn_on,
            notes=notes,
        )
        if checked is not None and content is not None:
            record.mime_type = checked.mime_type
            record.file.save(
                f"{document.reference}-{record.version}{checked.extension}",
                ContentFile(content),
                save=False,
            )
        record.full_clean()
        record.save()
    return record


def attach_file(version: DocumentVersion, *, file_name: str, content: bytes) -> DocumentVersion:
    """Give a version held without its file (a register import, the demo) its file, checked
    by its content as an upload is."""
    checked = check_upload(file_name, content)
    with transaction.atomic():
        version.mime_type = checked.mime_type
        version.file.save(
            f"{version.document.reference}-{version.version}{checked.extension}",
            ContentFile(content),
            save=False,
        )
        version.save()
    return version
