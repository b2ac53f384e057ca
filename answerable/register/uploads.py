"""What a document upload is, read from its content, not from its name.

A document in the register is sent to requesters and may go on the public disclosure log,
so only formats a requester can open safely are taken: PDF, Word (DOCX), OpenDocument text
(ODT) and plain text. The type is read from the bytes (the "magic" at the start, and for
DOCX and ODT the package's own parts), never trusted from the file name or the browser's
Content-Type; a file whose name says one thing and whose content another is refused. HTML is
refused in every guise (a page served back to staff could run script). Pure functions.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"

EXTENSIONS = {PDF: {".pdf"}, DOCX: {".docx"}, ODT: {".odt"}, TEXT: {".txt"}}
ACCEPTED = "PDF, Word (.docx), OpenDocument text (.odt) or plain text (.txt)"
MAX_BYTES = 50 * 1024 * 1024
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<script", b"<body", b"<head", b"<svg", b"<iframe")


class UploadError(ValueError):
    """The upload is not a document the register takes; the message says why."""


@dataclass(frozen=True)
class CheckedUpload:
    mime_type: str
    extension: str


def _zip_type(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            names = set(package.namelist())
            if "mimetype" in names and package.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sniff(content: bytes) -> str | None:
    """The MIME type the content is, of those the register takes; None otherwise."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    head = content[:4096].lstrip().lower()
    if any(marker in head for marker in _HTML_MARKERS):
        return None
    if content and _is_text(content):
        return TEXT
    return None


def check_upload(name: str, content: bytes) -> CheckedUpload:
    """The upload's type, or UploadError saying what is wrong with it."""
    extension = PurePath(name).suffix.lower()
    if not content:
        raise UploadError(f"{name} is empty")
    if len(content) > MAX_BYTES:
        raise UploadError(f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB")
    if extension in (".html", ".htm", ".xhtml", ".svg"):
        raise UploadError(f"{name}: web pages are not taken; upload a {ACCEPTED} file")
    mime_type = sniff(content)
    if mime_type is None:
        raise UploadError(f"{name}: the content is not a {ACCEPTED} file")
    if extension not in EXTENSIONS[mime_type]:
        expected = ", ".join(sorted(EXTENSIONS[mime_type]))
        raise UploadError(
            f"{name}: the name ends {extension or 'with no extension'} but the content is "
            f"{mime_type}; rename it to end {expected}"
        )
    return CheckedUpload(mime_type=mime_type, extension=extension)
