"""The person's source-system identifier on a staff form, resolved to a keyed pseudonym.

Only the pseudonym is stored (register/pseudonym.py; data minimisation, DPA 2018 s37).
The identifier lives in a plain form field: it is never a model field, never written to
the record, its history or the admin log. The admin also marks it a sensitive POST
parameter so that error reports do not show it.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings

from answerable.register.models import Person
from answerable.register.pseudonym import pseudonymise

PERSON_REF_FIELD = "person_ref"


def person_ref_field() -> forms.CharField:
    return forms.CharField(
        label="Person's identifier in the source system",
        required=False,
        max_length=200,
        help_text=(
            "Optional. Only a keyed pseudonym of it is stored, never the identifier itself. "
            "The same identifier always finds the same person."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


# What the mixin is mixed into, for the type checker; at run time it adds no base.
if TYPE_CHECKING:
    _FormBase = forms.ModelForm
else:
    _FormBase = object


class PersonRefMixin(_FormBase):
    """For a ModelForm with a `person` foreign key and a `person_ref` field.

    The person is resolved when the form is saved, not while it is validated, so an
    invalid form never creates a Person.
    """

    _pseudonym: str | None = None

    def person_force_name(self, cleaned: dict[str, Any]) -> str | None:
        """The name of the force that issued the identifier; None if it cannot be known."""
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        ref = cleaned.get(PERSON_REF_FIELD) or ""
        self._pseudonym = None
        if not ref:
            return cleaned
        force = self.person_force_name(cleaned)
        if force is None:
            return cleaned  # the field that names the force has its own error
        pseudonym = pseudonymise(ref, force=force, key=settings.PSEUDONYM_KEY)
        chosen: Person | None = cleaned.get("person")
        if chosen is not None and chosen.pseudonym != pseudonym:
            self.add_error(
                PERSON_REF_FIELD,
                "This identifier belongs to a different person from the one selected. "
                "Clear one of them.",
            )
            return cleaned
        self._pseudonym = pseudonym
        return cleaned

    def save(self, commit: bool = True) -> Any:
        if self._pseudonym is not None:
            self.instance.person, _ = Person.objects.get_or_create(pseudonym=self._pseudonym)
        return super().save(commit)
