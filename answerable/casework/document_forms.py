"""The forms of the staff pages for documents (views/documents.py): a document's details,
a new version with its file, and the documents a question is answered with."""

from typing import Any

from django import forms

from answerable.casework.forms import DATE_HINT
from answerable.casework.letters.content import DocumentAnswer
from answerable.core.dates import DATE_FORMATS
from answerable.register.choices import DocumentStatus
from answerable.register.forms import DocumentForm as RegisterDocumentForm
from answerable.register.models import DocumentVersion
from answerable.register.uploads import ACCEPTED, MAX_BYTES, UploadError, check_upload


class DocumentForm(RegisterDocumentForm):
    """The document's details, as in the administration."""


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, input_formats=DATE_FORMATS, help_text=DATE_HINT, required=required
    )


def _checked(upload: Any) -> tuple[str, bytes] | None:
    if not upload:
        return None
    if upload.size > MAX_BYTES:
        raise forms.ValidationError(f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")
    content = upload.read()
    try:
        check_upload(upload.name, content)
    except UploadError as error:
        raise forms.ValidationError(str(error)) from None
    return upload.name, content


class VersionForm(forms.Form):
    version = forms.CharField(max_length=20, help_text="For example, 1.0, 2.1 or draft 3")
    status = forms.ChoiceField(
        choices=DocumentStatus.choices, widget=forms.RadioSelect, label="Draft or final"
    )
    dated = _date("The date the version bears")
    effective_from = _date("In effect from", required=False)
    withdrawn_on = _date("Withdrawn on", required=False)
    file = forms.FileField(
        required=False, help_text=f"{ACCEPTED}, up to {MAX_BYTES // 1024 // 1024} MB."
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean_file(self) -> tuple[str, bytes] | None:
        return _checked(self.cleaned_data.get("file"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("effective_from"), cleaned.get("withdrawn_on")
        if start and end and end < start:
            self.add_error("withdrawn_on", "A version cannot be withdrawn before it took effect.")
        return cleaned


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: DocumentVersion) -> str:
        return f"{obj.document.title} ({obj.document.reference}), version {obj.version}, " + (
            obj.get_status_display().lower()
        )


class GiveDocumentForm(forms.Form):
    version = VersionChoiceField(
        queryset=DocumentVersion.objects.select_related("document").order_by(
            "document__title", "-dated"
        ),
        label="Document and version",
    )
    how = forms.ChoiceField(
        label="How it answers the question",
        widget=forms.RadioSelect,
        choices=[
            (DocumentAnswer.ENCLOSED.value, "Enclosed with the response"),
            (
                DocumentAnswer.OTHERWISE_ACCESSIBLE.value,
                "Otherwise accessible (section 25): the letter gives its published address",
            ),
        ],
        initial=DocumentAnswer.ENCLOSED.value,
    )
    redacted_file = forms.FileField(
        label="Redacted copy (optional)",
        required=False,
        help_text=f"Enclosed instead of the version as held. {ACCEPTED}.",
    )

    def clean_redacted_file(self) -> tuple[str, bytes] | None:
        return _checked(self.cleaned_data.get("redacted_file"))
