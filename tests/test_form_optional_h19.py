"""A field required only in some cases is not labelled "(optional)" (web/forms/field.html)."""

import pytest

from answerable.casework.answer_page import AttachForm

pytestmark = pytest.mark.django_db


def test_the_attach_forms_case_is_not_labelled_optional():
    form = AttachForm()
    case = str(form["case"].as_field_group())
    assert ">Case</label>" in case and "(optional)" not in case
    number = str(form["number"].as_field_group())
    assert "New question number (optional)" in number


def test_a_new_question_without_a_case_is_refused_on_the_case_field():
    form = AttachForm({"target": "new", "text": "How many?"})
    assert not form.is_valid()
    assert form.errors["case"] == ["Choose the case to add the question to"]
