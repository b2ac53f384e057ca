"""One error summary for every form (web/forms/error_summary.html): each error links to
the field that has it, a list of options to its first option."""

from django import forms
from django.template import Context, Template

SUMMARY = Template('{% include "web/forms/error_summary.html" %}')


class Request(forms.Form):
    subject = forms.CharField()
    regime = forms.ChoiceField(
        choices=[("foisa", "FOISA"), ("eir", "EIR")], widget=forms.RadioSelect
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self) -> dict:
        raise forms.ValidationError("The request cannot be logged as it stands")


def summary(form: forms.Form, **context: object) -> str:
    return SUMMARY.render(Context({"form": form, **context}))


def test_every_error_is_listed_and_each_field_error_links_to_its_field() -> None:
    html = summary(Request({}))
    assert "There is a problem" in html
    assert "<li>The request cannot be logged as it stands</li>" in html
    assert '<a href="#id_subject">This field is required.</a>' in html
    # Radios have no element of the field's own id: the link goes to the first option.
    assert '<a href="#id_regime_0">This field is required.</a>' in html
    assert html.count("<li>This field is required.</li>") == 1  # the hidden field, unlinked


def test_a_title_may_be_given_and_a_valid_form_draws_nothing() -> None:
    assert "The figures were not attached" in summary(
        Request({}), title="The figures were not attached"
    )
    assert summary(forms.Form({})).strip() == ""
    assert summary(None).strip() == ""
