"""Requirements for review: the s20(3) content check, s20(6) late acceptance, and a
reviewer who is not the officer who decided."""

from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.core.exceptions import ValidationError

from answerable.casework.models import Review
from answerable.casework.review_requirement import review_requirement_problems

VALID = {
    "permanent_form": True,
    "name_given": True,
    "address_given": True,
    "request_specified": True,
    "dissatisfaction": "You refused figures for 2015/16 under s12.",
}


def test_a_complete_requirement_has_no_problems():
    assert review_requirement_problems(**VALID) == []


@pytest.mark.parametrize(
    ("missing", "value", "cited"),
    [
        ("permanent_form", False, "s20(3)(a)"),
        ("name_given", False, "s20(3)(b)"),
        ("address_given", False, "s20(3)(b)"),
        ("request_specified", False, "s20(3)(c)(i)"),
        ("dissatisfaction", "  ", "s20(3)(c)(ii)"),
    ],
)
def test_each_missing_element_is_named_with_its_provision(missing, value, cited):
    problems = review_requirement_problems(**{**VALID, missing: value})
    assert len(problems) == 1
    assert problems[0].startswith(cited)


def test_every_problem_is_reported_not_only_the_first():
    problems = review_requirement_problems(
        permanent_form=False,
        name_given=False,
        address_given=False,
        request_specified=False,
        dissatisfaction="",
    )
    assert len(problems) == 5


@pytest.mark.django_db
def test_the_review_records_its_content_problems():
    case = make_case(date(2026, 7, 1), status="responded", responded_on=date(2026, 7, 20))
    review = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 8, 4),
        channel="telephone",
        permanent_form=False,
        dissatisfaction="",
    )
    assert "s20(3)(a)" in review.content_problems
    assert "s20(3)(c)(ii)" in review.content_problems


@pytest.mark.django_db
def test_the_reviewer_must_not_be_the_officer_who_decided():
    decided_by = officer("decided")
    case = make_case(date(2026, 7, 1), officer=decided_by, responded_on=date(2026, 7, 20))
    review = Review(
        request=case,
        requirement_received_on=date(2026, 8, 4),
        channel="email",
        dissatisfaction="Refused figures.",
        reviewer=decided_by,
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert "reviewer" in error.value.message_dict
    review.reviewer = officer("someone-else")
    review.full_clean()


@pytest.mark.django_db
def test_late_acceptance_needs_a_reason_and_an_outcome_needs_its_date():
    case = make_case(date(2026, 7, 1), responded_on=date(2026, 7, 20))
    review = Review(
        request=case,
        requirement_received_on=date(2026, 10, 1),
        channel="email",
        dissatisfaction="Refused figures.",
        late_accepted=True,
        outcome="substitute",
    )
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert set(error.value.message_dict) == {"late_reason", "responded_on"}
