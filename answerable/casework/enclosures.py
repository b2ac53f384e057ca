"""The documents that go out with a response: enclosures of the PDF bundle and of the
e-mail, and the s25 pointers printed in the letter.

`enclosures_for(letter)` is the contract the e-mail dispatch uses: for an issued response,
the file of every document version a question was answered with "enclosed" (its redacted
copy where one is attached), as (filename, content, MIME type). `bundle` appends those that
are PDFs to the letter's own PDF, so that a requester who prints the response has one
document.
"""

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import PurePath

from answerable.casework.letters.content import DocumentAnswer, EnclosedDocument, Notice
from answerable.casework.models import (
    InformationRequest,
    IssuedLetter,
    QuestionDocument,
    RequestQuestion,
)
from answerable.lazy import lazy_module
from answerable.register.models import DocumentVersion
from answerable.register.uploads import PDF, sniff

# pypdf when first used: `answerable` commands start without it (lazy.py).
pypdf = lazy_module("pypdf")

# Letters that answer the request (not a fees or a review notice) carry its enclosures.
RESPONSES = frozenset(n.value for n in Notice) - {Notice.FEES.value, Notice.REVIEW.value}


@dataclass(frozen=True)
class Enclosure:
    filename: str
    content: bytes
    mime_type: str


def _given(request: InformationRequest) -> Iterable[QuestionDocument]:
    return (
        QuestionDocument.objects.filter(question__request=request)
        .select_related("version__document", "question")
        .order_by("question__number", "pk")
    )


def _file_name(given: QuestionDocument) -> str:
    version = given.version
    field = given.redacted_file if given.redacted_file else version.file
    extension = PurePath(field.name).suffix.lower() if field and field.name else ""
    stem = f"{version.document.reference}-{version.version}"
    if given.redacted_file:
        stem += "-redacted"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") + extension


def described(given: QuestionDocument) -> EnclosedDocument:
    """A question's document as the letter prints it."""
    version = given.version
    document = version.document
    has_file = bool(given.redacted_file or version.file)
    return EnclosedDocument(
        title=document.title,
        version=version.version,
        how=DocumentAnswer(given.how),
        published_url=document.published_url,
        filename=_file_name(given) if has_file else "",
        redacted=bool(given.redacted_file),
        third_party=document.third_party,
    )


def documents_of(question_id: int) -> tuple[EnclosedDocument, ...]:
    given = QuestionDocument.objects.filter(question_id=question_id).select_related(
        "version__document"
    )
    return tuple(described(item) for item in given.order_by("pk"))


def _legacy_version(question: RequestQuestion) -> DocumentVersion | None:
    """The current version of the one document a question names in its older `document`
    field, when the question has no documents chosen the newer way."""
    if question.document_id is None or question.given_documents.exists():
        return None
    document = question.document
    assert document is not None  # document_id is set
    return document.current_version()


def legacy_documents(question: RequestQuestion) -> tuple[EnclosedDocument, ...]:
    """A question's older single `document`, as the letter prints it: its current version
    enclosed where it has a file, else pointed to where it is published (s25); nothing
    where it has neither (the letter then names the document only)."""
    version = _legacy_version(question)
    if version is None:
        return ()
    document = version.document
    if version.file:
        how = DocumentAnswer.ENCLOSED
    elif document.published_url:
        how = DocumentAnswer.OTHERWISE_ACCESSIBLE
    else:
        return ()
    given = QuestionDocument(question=question, version=version, how=how.value)
    return (described(given),)


def _read(given: QuestionDocument) -> Enclosure | None:
    field = given.redacted_file if given.redacted_file else given.version.file
    if not field:
        return None
    stored = given.redacted_mime_type if given.redacted_file else given.version.mime_type
    with field.open("rb") as handle:
        content = handle.read()
    # A file stored before types were recorded is read for its type (register/uploads.py).
    mime_type = stored or sniff(content) or "application/octet-stream"
    return Enclosure(filename=_file_name(given), content=content, mime_type=mime_type)


def request_enclosures(request: InformationRequest, *, public: bool = False) -> list[Enclosure]:
    """The files enclosed with the response to `request`; public=True leaves out third
    parties' material (the disclosure log publishes the rest)."""
    found = []
    for question in request.questions.filter(document__isnull=False).order_by("number"):
        version = _legacy_version(question)
        if version is None or not version.file:
            continue
        if public and version.document.third_party:
            continue
        enclosure = _read(QuestionDocument(question=question, version=version))
        found += [enclosure] if enclosure else []
    for given in _given(request):
        if given.how != DocumentAnswer.ENCLOSED.value:
            continue
        if public and given.version.document.third_party:
            continue
        enclosure = _read(given)
        if enclosure is not None:
            found.append(enclosure)
    return found


def enclosures_for(letter: IssuedLetter) -> list[Enclosure]:
    """The enclosures that go out with an issued letter: for a response, every document
    version enclosed in answer to its questions; none for a fees or review notice."""
    if letter.review_id is not None or letter.notice not in RESPONSES:
        return []
    return request_enclosures(letter.request)


def bundle(letter_pdf: bytes, enclosures: Sequence[Enclosure]) -> bytes:
    """The letter's PDF with each PDF enclosure appended, in order (others go as files)."""
    writer = pypdf.PdfWriter()
    writer.append(io.BytesIO(letter_pdf))
    for enclosure in enclosures:
        if enclosure.mime_type == PDF:
            writer.append(io.BytesIO(enclosure.content))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
