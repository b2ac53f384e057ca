"""What every correction form carries: the record's version and the reason for the change.

The version is the record's updated_at when the form was opened, sent back in a hidden
field; views/corrections.py saves only if the record still has it, so of two people
correcting one record at once the second is shown the first's version instead of
overwriting it. The reason goes into the record's history (django-simple-history's change
reason), where the data protection officer reads why a record of a person was altered
(DPA 2018 s38(1)(b): personal data kept accurate, inaccurate data rectified).
"""

from typing import TYPE_CHECKING, Any

from django import forms

from answerable.register.models.fields import Timestamped

VERSION_FIELD = "updated_at"
REASON_FIELD = "reason"
REASON_LENGTH = 500

LOST_VERSION = (
    "This form no longer says which version of the record it was opened on. Open the record "
    "again and make the correction from there."
)


def version_of(record: Timestamped) -> str:
    """The version a form carries: the record's last save, to the microsecond."""
    return record.updated_at.isoformat()


# What the mixin is mixed into, for the type checker; at run time it adds no base.
if TYPE_CHECKING:
    _FormBase = forms.ModelForm
else:
    _FormBase = object


class CorrectionMixin(_FormBase):
    """For a ModelForm of a record that is being corrected (never one being created)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.CharField(
            widget=forms.HiddenInput,
            required=False,  # a missing version is a form error (clean), not a field's
            initial=version_of(self.instance),
        )
        self.fields[REASON_FIELD] = forms.CharField(
            label="Why are you correcting this record?",
            help_text="Kept in the record's history with your name, for audit.",
            max_length=REASON_LENGTH,
            widget=forms.Textarea(attrs={"rows": 3}),
            error_messages={"required": "Say why you are correcting this record"},
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not cleaned.get(VERSION_FIELD):
            # A hidden field's own error would not be shown: say it at the top of the form.
            self.add_error(None, LOST_VERSION)
        return cleaned

    @property
    def opened_version(self) -> str:
        return self.cleaned_data[VERSION_FIELD]

    def save(self, commit: bool = True) -> Any:
        self.instance._change_reason = self.cleaned_data[REASON_FIELD].strip()
        return super().save(commit)
