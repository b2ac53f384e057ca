"""Policy documents and their versions, with the file of each version.

Seed 000 asks for "any final version or draft" of each agreement or policy as a scan or
PDF, so every version keeps its own file.
"""

from typing import Any

from django import forms

from answerable.register.models import Document, DocumentVersion
from answerable.register.uploads import ACCEPTED, MAX_BYTES, UploadError, check_upload

MAX_FILE_BYTES = MAX_BYTES


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
            "owner",
            "topics",
            "adopted",
            "third_party",
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
            self.fields["file"].help_text = f"The version as released or releasable: {ACCEPTED}."

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload and getattr(upload, "size", 0) > MAX_FILE_BYTES:
            raise forms.ValidationError("The file is larger than 50 MB.")
        if upload and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            # Checked by its content, not its name (register/uploads.py).
            upload.seek(0)
            content = upload.read()
            upload.seek(0)
            try:
                checked = check_upload(upload.name, content)
            except UploadError as error:
                raise forms.ValidationError(str(error)) from None
            self.instance.mime_type = checked.mime_type
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("effective_from"), cleaned.get("withdrawn_on")
        if start and end and end < start:
            self.add_error("withdrawn_on", "A version cannot be withdrawn before it took effect.")
        return cleaned
