"""Documents are entered with their versions, each with its file (seed 000: "any final
version or draft ... as a scan, pdf file")."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from answerable.register.models import Document, DocumentVersion

ADD = reverse("admin:register_document_add")


def document_form(file: SimpleUploadedFile, **values: str) -> dict[str, object]:
    return {
        "reference": "  ISA-2016 ",
        "title": "Umbrella MoU",
        "kind": "mou",
        "parties": "Home Office\nPolice Scotland",
        "summary": "",
        "published_url": "",
        "versions-TOTAL_FORMS": "1",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
        "versions-0-version": "1.0",
        "versions-0-status": "final",
        "versions-0-dated": "2016-03-01",
        "versions-0-effective_from": "2016-04-01",
        "versions-0-withdrawn_on": "",
        "versions-0-file": file,
        "versions-0-notes": "",
        **values,
    }


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_add_document_with_its_first_version(admin_client: Client) -> None:
    upload = SimpleUploadedFile("mou.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = admin_client.post(ADD, document_form(upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.reference == "ISA-2016"
    assert document.history.get().history_user.username == "admin"  # who, in its history
    version = DocumentVersion.objects.get()
    assert version.document == document
    assert version.file.read() == b"%PDF-1.4 test"
    assert version.history.count() == 1


@pytest.mark.django_db
def test_version_checks(admin_client: Client) -> None:
    upload = SimpleUploadedFile("mou.exe", b"MZ", content_type="application/octet-stream")
    form = document_form(upload, **{"versions-0-withdrawn_on": "2016-01-01"})
    response = admin_client.post(ADD, form)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert "file" in errors
    assert "before it took effect" in errors["withdrawn_on"][0]
    assert not Document.objects.exists()
