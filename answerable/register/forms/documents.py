"""Policy documents and their versions, with the file of each version.

Seed 000 asks for "any final version or draft" of each agreement or policy as a scan or
PDF, so every version keeps its own file.
"""

from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator

from answerable.register.documents_check import FORMATS, HEAD_BYTES, check_upload
from answerable.register.models import Document, DocumentVersion

# Formats a requester can open; scans arrive as PDF or images. Never HTML: a page uploaded
# as a document would run its scripts in the browser of whoever opened it.
DOCUMENT_EXTENSIONS = sorted(FORMATS)
MAX_FILE_BYTES = 50 * 1024 * 1024


class DocumentForm(forms.ModelForm):
    # Declared to choose https for an address typed without a scheme (Django 6 default).
    published_url = forms.URLField(
        label="Published URL",
        required=False,
        assume_scheme="https",
        help_text=Document._meta.get_field("published_url").help_text,
    )

    class Meta:
        model = Document
        fields = (
            "reference",
            "title",
            "kind",
            "parties",
            "summary",
            "published_url",
        )

    def clean_reference(self) -> str:
        # Disclosures quote this as their agreement_ref; stray spaces would break the link.
        return " ".join(self.cleaned_data["reference"].split())


class DocumentVersionForm(forms.ModelForm):
    class Meta:
        model = DocumentVersion
        fields = (
            "document",
            "version",
            "status",
            "dated",
            "effective_from",
            "withdrawn_on",
            "file",
            "notes",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].validators.append(FileExtensionValidator(DOCUMENT_EXTENSIONS))
            self.fields["file"].help_text = (
                "The version as released or releasable: " + ", ".join(DOCUMENT_EXTENSIONS) + "."
            )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and getattr(upload, "size", 0) > MAX_FILE_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB.")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            upload.seek(0)
            head = upload.read(HEAD_BYTES)
            upload.seek(0)
            check_upload(upload.name, head)  # its content is what its name says
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        start, end = cleaned.get("effective_from"), cleaned.get("withdrawn_on")
        if start and end and end < start:
            self.add_error("withdrawn_on", "A version cannot be withdrawn before it took effect.")
        return cleaned
