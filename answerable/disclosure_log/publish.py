"""Scheduling an issued response for the disclosure log: the casework app's one entry point.

The contract with the caller:

- `body_html` is the response letter as sent; it is anonymised here (`personal` names the
  requester's name, e-mail and address lines) and sanitised.
- `pdf` must be the PDF of the *anonymised* letter: render it from `anonymised_letter(...)`,
  which anonymises exactly as `schedule` does. The PDF cannot be redacted here, so its text
  is read back (pypdf) and checked; a PDF with no text to read (a scan) cannot be checked
  and is refused.
- The title, summary and exemptions are published as given, so they are checked, not
  rewritten: personal data in them is refused.
- `documents` are the files released with the response that are not a third party's
  material: already released to the requester, and so to the world, they are published
  with it as released (the caller leaves third parties' material out).

Re-scheduling the same reference (idempotent by reference):

- not yet public (publish_on still ahead) or withdrawn: replaced by the new content; a
  replacement clears the withdrawal (the corrected response takes the withdrawn one's place);
- public and unchanged: returned as it is, nothing written;
- public and changed: refused with AlreadyPublishedError. What the public has read is never
  changed silently: withdraw it (with a reason) in the admin, then schedule again.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from answerable.disclosure_log.anonymise import anonymise, html_text, personal_data_left
from answerable.disclosure_log.models import (
    Outcome,
    Publication,
    PublishedDocument,
    Regime,
    Topic,
    publication_date,
    reference_validator,
    uk_today,
)
from answerable.disclosure_log.public_contacts import public_contacts
from answerable.lazy import lazy_module

# pypdf when first used: `answerable` commands start without it (lazy.py).
pypdf = lazy_module("pypdf")


class AnonymisationError(ValueError):
    """Personal data would be published. `findings` maps each field ("pdf", "title", ...) to
    what the check found there: kinds and positions, never the data itself."""

    def __init__(self, reference: str, findings: dict[str, list[str]]) -> None:
        self.reference = reference
        self.findings = findings
        where = "; ".join(f"{field}: {', '.join(found)}" for field, found in findings.items())
        super().__init__(f"{reference}: personal data would be published ({where})")


@dataclass(frozen=True)
class PublicDocument:
    """A released document to publish with the response (its file as released)."""

    filename: str
    content: bytes
    mime_type: str


class AlreadyPublishedError(ValueError):
    """A changed response for a reference the public can already read."""


def anonymised_letter(body_html: str, personal: Sequence[str] = ()) -> str:
    """The letter as the log will publish it: render the PDF for `schedule` from this."""
    return anonymise(body_html, personal, keep=public_contacts())


def pdf_text(pdf: bytes, reference: str) -> str:
    """The text of every page of `pdf`."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError(f"{reference}: the pdf is not a PDF (it does not start with %PDF-)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except pypdf.errors.PyPdfError as error:
        raise ValueError(f"{reference}: the pdf cannot be read: {error}") from None


def schedule(
    *,
    reference: str,
    title: str,
    summary: str,
    regime: str,
    outcome: str,
    topics: Sequence[str],
    exemptions_cited: str,
    received_on: date,
    issued_on: date,
    body_html: str,
    pdf: bytes,
    personal: Sequence[str] = (),
    publish_on: date | None = None,
    documents: Sequence[PublicDocument] = (),
) -> Publication:
    """Put an issued response on the log, to appear on `publish_on` (by default
    ANSWERABLE_DISCLOSURE_LOG_DAYS, 7, days after `issued_on`). See the module
    docstring for the contract and for re-scheduling."""
    _check(reference, title, regime, outcome, received_on, issued_on)
    topic_slugs = _topic_slugs(topics, reference)
    publish_on = publish_on or publication_date(issued_on)
    if publish_on < issued_on:
        raise ValueError(
            f"{reference}: publish_on {publish_on} is before the response was issued "
            f"({issued_on}); the requester must have it first"
        )
    keep = public_contacts()
    body = anonymise(body_html, personal, keep=keep)
    body_text = html_text(body)
    checked = {
        "title": title,
        "summary": summary,
        "exemptions_cited": exemptions_cited,
        "body": body_text,
        "pdf": _pdf_text_to_check(pdf, reference),
    }
    findings = {
        field: found
        for field, text in checked.items()
        if (found := personal_data_left(text, personal, keep=keep))
    }
    if findings:
        raise AnonymisationError(reference, findings)

    content = {
        "title": title.strip(),
        "summary": summary.strip(),
        "regime": regime,
        "outcome": outcome,
        "exemptions_cited": exemptions_cited.strip(),
        "received_on": received_on,
        "issued_on": issued_on,
        "publish_on": publish_on,
        "body_html": body,
        "body_text": body_text,
        "pdf": bytes(pdf),
    }
    with transaction.atomic():
        topic_records = _topics(topic_slugs)
        existing = Publication.objects.select_for_update().filter(reference=reference).first()
        if existing is None:
            publication = Publication.objects.create(reference=reference, **content)
            publication.topics.set(topic_records)
            _set_documents(publication, documents)
            return publication
        if existing.is_published():
            if _same(existing, content, topic_records):
                return existing
            raise AlreadyPublishedError(
                f"{reference} has been public since {existing.publish_on:%d %B %Y} and the new "
                "response differs: withdraw it, giving the reason, before scheduling again"
            )
        for field, value in content.items():
            setattr(existing, field, value)
        existing.withdrawn_on = None
        existing.withdrawn_reason = ""
        existing.save()
        existing.topics.set(topic_records)
        _set_documents(existing, documents)
        return existing


def _set_documents(publication: Publication, documents: Sequence[PublicDocument]) -> None:
    publication.documents.all().delete()
    PublishedDocument.objects.bulk_create(
        PublishedDocument(
            publication=publication,
            number=number,
            filename=document.filename,
            mime_type=document.mime_type,
            content=bytes(document.content),
        )
        for number, document in enumerate(documents, start=1)
    )


def _check(
    reference: str, title: str, regime: str, outcome: str, received_on: date, issued_on: date
) -> None:
    if not isinstance(reference, str) or not reference:
        raise ValueError("reference is required")
    try:
        reference_validator(reference)
    except ValidationError:
        raise ValueError(
            f"reference {reference!r}: letters, digits, dots, hyphens and underscores only"
        ) from None
    if not title.strip():
        raise ValueError(f"{reference}: title is blank")
    if regime not in Regime.values:
        raise ValueError(f"{reference}: regime {regime!r} is not one of {', '.join(Regime.values)}")
    if outcome not in Outcome.values:
        raise ValueError(
            f"{reference}: outcome {outcome!r} is not one of {', '.join(Outcome.values)}"
        )
    if issued_on < received_on:
        raise ValueError(f"{reference}: issued_on {issued_on} is before received_on {received_on}")
    if issued_on > uk_today():
        raise ValueError(f"{reference}: issued_on {issued_on} is in the future")


def _pdf_text_to_check(pdf: bytes, reference: str) -> str:
    text = pdf_text(pdf, reference)
    if not text.strip():
        raise AnonymisationError(
            reference, {"pdf": ["no text to check (a scanned image?): render it from the HTML"]}
        )
    return text


def _topic_slugs(names: Sequence[str], reference: str) -> dict[str, str]:
    """Each topic's slug and name, in order, refusing a name with nothing to slug."""
    if isinstance(names, str):
        raise TypeError(f"{reference}: topics must be a sequence of names, not one string")
    slugs: dict[str, str] = {}
    for name in names:
        slug = slugify(name)
        if not slug:
            raise ValueError(f"{reference}: topic {name!r} has no letters or digits")
        slugs.setdefault(slug, name.strip())
    return slugs


def _topics(slugs: dict[str, str]) -> list[Topic]:
    return [
        Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in slugs.items()
    ]


def _same(existing: Publication, content: dict[str, Any], topics: list[Topic]) -> bool:
    """Whether `content` is what `existing` already publishes. The PDFs are compared by their
    text: rendering the same letter again gives other bytes (a new creation date and ID)."""
    for field, value in content.items():
        current = getattr(existing, field)
        if field == "pdf":
            current = _words(bytes(current), existing.reference)
            value = _words(value, existing.reference)
        if current != value:
            return False
    return {topic.pk for topic in existing.topics.all()} == {topic.pk for topic in topics}


def _words(pdf: bytes, reference: str) -> list[str]:
    return pdf_text(pdf, reference).split()
