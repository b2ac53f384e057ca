"""The files a response encloses: each document a question is answered with.

A question answered with a document (AnswerKind.DOCUMENT) names a register Document; the
response encloses the file of its current version (the latest version that is not a draft),
where one is held. A document with no file held (published elsewhere, or a paper copy) is
not enclosed: the letter names it and the officer sends it by other means.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import PurePath

from answerable.casework.models import IssuedLetter
from answerable.casework.models.choices import AnswerKind


@dataclass(frozen=True)
class Enclosure:
    filename: str
    content: bytes
    mimetype: str


def enclosures_for(letter: IssuedLetter) -> list[Enclosure]:
    """The files to send with `letter`, in the order of the questions, each once."""
    questions = (
        letter.request.questions.filter(answer_kind=AnswerKind.DOCUMENT, document__isnull=False)
        .select_related("document")
        .order_by("number")
    )
    found: list[Enclosure] = []
    seen: set[int] = set()
    for question in questions:
        document = question.document
        if document is None or document.pk in seen:
            continue
        seen.add(document.pk)
        version = document.current_version()
        if version is None or not version.file:
            continue
        with version.file.open("rb") as handle:
            content = handle.read()
        filename = PurePath(version.file.name).name
        mimetype = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        found.append(Enclosure(filename, content, mimetype))
    return found
