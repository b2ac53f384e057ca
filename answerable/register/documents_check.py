"""What an uploaded document is, by its content: a file is accepted only if its first bytes
are those of the format its name says.

A policy document is downloaded by staff and may be released to a requester. A file named
policy.pdf that is really a web page, or any HTML, SVG or script, would run in the browser
of whoever opens it (stored cross-site scripting, OWASP "Unrestricted File Upload"); so the
name's extension must match the content's signature ("magic bytes"), and markup is refused
whatever it is called. Pure: the name and the file's first bytes in, the MIME type out.
"""

from django.core.exceptions import ValidationError

# How many of the file's first bytes check_upload needs.
HEAD_BYTES = 8192

PDF, ZIP, OLE = b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG, JPEG, RTF = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"{\\rtf"

# Extension: (signature the content starts with, or None for plain text; MIME type).
FORMATS: dict[str, tuple[bytes | None, str]] = {
    "pdf": (PDF, "application/pdf"),
    "docx": (ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "odt": (ZIP, "application/vnd.oasis.opendocument.text"),
    "doc": (OLE, "application/msword"),
    "rtf": (RTF, "application/rtf"),
    "png": (PNG, "image/png"),
    "jpg": (JPEG, "image/jpeg"),
    "jpeg": (JPEG, "image/jpeg"),
    "txt": (None, "text/plain"),
}
# Markup a browser would render, and run scripts in, if it were ever served inline.
MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head")


def check_upload(name: str, head_bytes: bytes) -> str:
    """The MIME type of a document called `name` whose content starts with `head_bytes`;
    ValidationError saying what is wrong when the content is not what the name says, or
    is markup."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in FORMATS:
        allowed = ", ".join(sorted(FORMATS))
        raise ValidationError(
            f"{name!r}: files of type .{extension or '(none)'} are not accepted; the "
            f"accepted types are {allowed}."
        )
    signature, mime = FORMATS[extension]
    lowered = head_bytes.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(tag in lowered[:1024] for tag in MARKUP) or lowered.startswith(b"<"):
        raise ValidationError(
            f"{name!r} holds HTML, SVG or XML markup, which is not accepted: upload the "
            "document as PDF."
        )
    if signature is None:
        if b"\x00" in head_bytes:
            raise ValidationError(f"{name!r} is not a text file: its content is binary.")
        return mime
    if not head_bytes.startswith(signature):
        raise ValidationError(
            f"{name!r} is not a .{extension} file: its content does not start as one does."
        )
    if signature == ZIP and not _zip_names_match(extension, head_bytes):
        raise ValidationError(f"{name!r} is not a .{extension} document.")
    return mime


def _zip_names_match(extension: str, head_bytes: bytes) -> bool:
    """A .docx's first entry is [Content_Types].xml or _rels/; an .odt's is its mimetype
    (ODF 1.2 part 3, s3.3), readable from the local header without the whole file."""
    try:
        length = int.from_bytes(head_bytes[26:28], "little")
        first = head_bytes[30 : 30 + length].decode("utf-8", "replace")
    except (IndexError, ValueError):
        return False
    if extension == "odt":
        return first == "mimetype" and b"opendocument.text" in head_bytes[:200]
    return first.startswith(("[Content_Types].xml", "_rels/", "word/", "docProps/"))
