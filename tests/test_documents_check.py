"""Uploaded documents are checked by content, and downloaded by those allowed, each
download audited (issue 15)."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from answerable.audit.models import AuditEntry
from answerable.register.documents_check import check_upload
from answerable.register.models import Document, DocumentVersion
from answerable.roles.assign import assign_role
from answerable.roles.roles import Role
from tests.casework_helpers import officer
from tests.test_admin_documents import ADD, document_form


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "head", "mime"),
    [
        ("mou.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("MOU.PDF", b"%PDF-1.4", "application/pdf"),
        ("scan.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("scan.jpg", b"\xff\xd8\xff\xe0", "image/jpeg"),
        ("notes.txt", b"Memorandum of understanding", "text/plain"),
        ("policy.rtf", b"{\\rtf1\\ansi", "application/rtf"),
        ("policy.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/msword"),
        (
            "policy.docx",
            docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_documents_are_what_their_names_say(name: str, head: bytes, mime: str) -> None:
    assert check_upload(name, head) == mime


@pytest.mark.parametrize(
    ("name", "head", "message"),
    [
        ("page.html", b"<html><script>alert(1)</script>", "not accepted"),
        ("mou.htm", b"<p>hi</p>", "not accepted"),
        ("mou.pdf", b"<!DOCTYPE html><html>", "markup"),
        ("notes.txt", b"  <script>alert(1)</script>", "markup"),
        ("image.png", b"<svg xmlns='http://www.w3.org/2000/svg' onload='x'/>", "markup"),
        ("mou.pdf", b"MZ\x90\x00", "is not a .pdf file"),
        ("mou.docx", b"PK\x03\x04" + b"\x00" * 22 + b"\x05\x00\x00\x00evil!", "not a .docx"),
        ("notes.txt", b"text\x00binary", "binary"),
        ("mou", b"%PDF-1.4", "not accepted"),
    ],
)
def test_anything_else_is_refused_saying_why(name: str, head: bytes, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_upload(name, head)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_an_html_upload_is_refused_in_the_admin(admin_client: Client) -> None:
    upload = SimpleUploadedFile("mou.pdf", b"<html><script>alert(1)</script></html>")
    response = admin_client.post(ADD, document_form(upload))
    assert response.status_code == 200
    assert not DocumentVersion.objects.exists()
    assert "markup, which is not accepted" in response.content.decode()


def version_with(name: str, content: bytes) -> DocumentVersion:
    document = Document.objects.create(reference="ISA-2016", title="MoU", kind="mou")
    version = DocumentVersion(
        document=document, version="1.0", status="final", dated=date(2016, 3, 1)
    )
    version.file.save(name, ContentFile(content), save=False)
    version.save()
    return version


def signed_in(role: Role | None) -> Client:
    user = officer(f"user-{role}")
    if role is not None:
        assign_role(user, role)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_a_document_is_downloaded_by_those_allowed_and_logged() -> None:
    version = version_with("mou.pdf", b"%PDF-1.4 the agreement")
    url = reverse("admin:register_documentversion_download", args=[version.pk])
    foi = signed_in(Role.FOI_OFFICER)
    response = foi.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the agreement"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    entry = AuditEntry.objects.get(purpose="document file downloaded")
    assert (entry.actor, entry.record_id) == ("user-foi-officer", str(version.pk))
    page = foi.get(reverse("admin:register_documentversion_change", args=[version.pk]))
    assert url in page.content.decode()
    # Analysts do not use the admin; custody staff hold no document permission.
    assert signed_in(Role.ANALYST).get(url).status_code in (302, 403)
    assert AuditEntry.objects.filter(purpose="document file downloaded").count() == 1


@pytest.mark.django_db
def test_an_old_html_upload_is_never_served() -> None:
    version = version_with("old.txt", b"<html><script>alert(1)</script></html>")
    url = reverse("admin:register_documentversion_download", args=[version.pk])
    assert signed_in(Role.FOI_OFFICER).get(url).status_code == 403
    assert not AuditEntry.objects.filter(purpose="document file downloaded").exists()
