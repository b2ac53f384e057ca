"""How a staff form speaks: "Not recorded" for an empty choice, and errors that say what
to do (GOV.UK Design System, error messages: "Enter ...", "Select ...").

NULL in the register means "not recorded", which is never "no" (register/choices.py), so
an empty choice says so rather than showing a row of dashes.
"""

from typing import TYPE_CHECKING, Any

from django import forms

NOT_RECORDED_LABEL = "Not recorded"
CHOOSE_LABEL = "Choose"
DEFAULT_REQUIRED = str(forms.Field.default_error_messages["required"])


def _noun(label: str) -> str:
    """A label inside a sentence: "Person's role" -> "person's role", "NCCU ..." kept."""
    if label[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def required_message(field: forms.Field, label: str) -> str:
    noun = _noun(label)
    if isinstance(field, forms.DateField):
        return f"Enter the date {noun}" if " " not in noun else f"Enter the {noun}"
    if isinstance(field, forms.ChoiceField):
        return f"Select the {noun}"
    return f"Enter the {noun}"


# What the mixin is mixed into, for the type checker; at run time it adds no base.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class StaffWordingMixin(_FormBase):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and str(field.error_messages["required"]) == DEFAULT_REQUIRED:
                field.error_messages["required"] = required_message(field, str(field.label))
            self._blank(field)

    @staticmethod
    def _blank(field: forms.Field) -> None:
        if isinstance(field, forms.MultipleChoiceField):
            return
        label = CHOOSE_LABEL if field.required else NOT_RECORDED_LABEL
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = label
        elif isinstance(field, forms.ChoiceField):
            choices: list[Any] = list(field.choices)  # type: ignore[arg-type]  # pairs by now
            if choices and choices[0][0] in ("", None):
                field.choices = [("", label), *choices[1:]]
