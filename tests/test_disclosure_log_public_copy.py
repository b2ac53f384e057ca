"""The disclosure log's copy of an issued response (issue 13, item 5): it keeps the review
and appeal contacts, removes every form of the requester's name, is laid out like the letter
and states the outcome the response gives."""

import io
from datetime import date

import pypdf
import pytest
from casework_helpers import approve, make_case
from django.template.loader import render_to_string

from answerable.casework.issue import issue_response
from answerable.casework.letters.content import Answered, Letter, Notice, QuestionAnswer
from answerable.casework.models import RequestQuestion
from answerable.casework.public_copy import public_outcome
from answerable.core.personal_data import EMAIL, POSTCODE
from answerable.disclosure_log.anonymise import MARK, sanitise
from answerable.disclosure_log.models import Outcome, Publication
from answerable.disclosure_log.public_contacts import public_contacts

NAME = "Ms Zelda Quixote-Marchbanks"


def _case(**fields):
    case = make_case(
        received_on=date(2024, 1, 3),
        requester_name=NAME,
        requester_email="zelda@example.org",
        requester_address="4 Fictional Lane\nNowhere\nZZ9 9ZZ",
        **fields,
    )
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="Zelda asks: do you hold a policy? (Z. Quixote Marchbanks, Ms Quixote-Marchbanks)",
        answer_kind="text",
        answer_text="Yes. It is described below.",
    )
    return case


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
def test_the_public_copy_keeps_the_review_and_appeal_contacts_and_removes_the_name():
    case = _case()
    approve(case, "full")
    issue_response(case, notice="full", issued_on=date(2024, 1, 10))
    publication = Publication.objects.get()
    body, pdf = publication.body_html, _pdf_text(bytes(publication.pdf))
    for contact in ("foi@scotland.police.uk", "G40 4EH", "enquiries@foi.scot", "KY16 9DS"):
        assert contact in body, contact
        assert contact in " ".join(pdf.split()), contact
    for text in (body, pdf, publication.summary):
        for form in ("Zelda", "Quixote", "Marchbanks", "zelda@example.org", "Fictional"):
            assert form not in text
    assert f"{MARK} asks" in body
    # The old Commissioner's address is printed in no new letter.
    assert "itspublicknowledge" not in body


def test_every_contact_the_rights_paragraphs_print_is_kept():
    context = {
        "authority": {"unit": "U", "name": "N", "email": "", "address": []},
        "after_review": False,
    }
    for regime in ("foisa", "eir-s", "foia", "eir"):
        text = render_to_string(f"casework/letters/rights/{regime}.html", context)
        found = EMAIL.findall(text) + POSTCODE.findall(text)
        keep = {"".join(c.split()).casefold() for c in public_contacts()}
        missing = [f for f in found if "".join(f.split()).casefold() not in keep]
        assert not missing, f"{regime}: {missing} would be removed from the public copy"


@pytest.mark.django_db
def test_the_public_pdf_is_laid_out_like_the_letter():
    case = _case()
    approve(case, "full")
    issue_response(case, notice="full", issued_on=date(2024, 1, 10))
    publication = Publication.objects.get()
    # The letter's layout classes survive anonymising; its <title> is not left as text.
    for name in ('class="letterhead"', 'class="marking"', 'class="rights"', 'class="asked"'):
        assert name in publication.body_html
    assert "Request</" not in publication.body_html.split("<h1>")[0]
    reader = pypdf.PdfReader(io.BytesIO(bytes(publication.pdf)))
    first = reader.pages[0].extract_text()
    # The running header (reference, marking) and footer (page numbers) of letter.css.
    assert f"Our reference: {publication.reference}" in first
    assert "OFFICIAL" in first
    assert f"Page 1 of {len(reader.pages)}" in first
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("DejaVu-Sans" in font for font in fonts), fonts


def test_the_title_is_removed_with_its_text():
    assert sanitise("<title>Secret heading</title><p>Body</p>") == "<p>Body</p>"


WITHHELD = {
    "cells": [{"station": "Govan", "count": None, "display": "[c]", "status": "withheld"}],
    "total": {"count": 9, "display": "9"},
    "suppression": {"withheld": 1},
}
SHOWN = {
    "cells": [{"station": "Govan", "count": 9, "display": "9", "status": "shown"}],
    "total": {"count": 9, "display": "9"},
    "suppression": {"withheld": 0},
}


def _letter(notice: Notice, *questions: QuestionAnswer) -> Letter:
    return Letter(
        regime="foisa",
        notice=notice,
        reference="R-1",
        issued_on=date(2024, 1, 10),
        received_on=date(2024, 1, 3),
        requester_name="X",
        questions=questions,
    )


@pytest.mark.parametrize(
    ("notice", "answers", "expected"),
    [
        (Notice.FULL, [(Answered.FIGURES, SHOWN), (Answered.TEXT, None)], Outcome.FULL),
        (Notice.FULL, [(Answered.FIGURES, WITHHELD)], Outcome.PARTIAL),
        (Notice.FULL, [(Answered.FIGURES, SHOWN), (Answered.COST, None)], Outcome.PARTIAL),
        # Chosen as partial, but nothing is withheld: the content decides (elements.outcome).
        (Notice.PARTIAL, [(Answered.FIGURES, SHOWN)], Outcome.FULL),
        (Notice.FULL, [(Answered.NOT_HELD, None)], Outcome.NOT_HELD),
        # Nothing given: the refusal first in the Act's order (elements.outcome).
        (Notice.FULL, [(Answered.COST, None), (Answered.NOT_HELD, None)], Outcome.COST),
        (Notice.COST, [(Answered.COST, None)], Outcome.COST),
    ],
)
def test_the_outcome_is_read_from_the_response(notice, answers, expected):
    questions = [
        QuestionAnswer(n, f"Q{n}", kind, figures=figures)
        for n, (kind, figures) in enumerate(answers, start=1)
    ]
    assert public_outcome(_letter(notice, *questions)) is expected


@pytest.mark.django_db
def test_an_issued_response_with_a_question_not_held_is_published_as_partial():
    case = _case()
    RequestQuestion.objects.create(
        request=case,
        number=2,
        text="How many by religion?",
        answer_kind="not_held",
        answer_text="Religion is not recorded.",
    )
    approve(case, "partial")
    issue_response(case, notice="partial", issued_on=date(2024, 1, 10))
    assert Publication.objects.get().outcome == Outcome.PARTIAL
