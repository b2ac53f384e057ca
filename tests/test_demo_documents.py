"""Seed 000's questions on agreements and policies, answered in the demo with documents
(demo/case_documents.py): the MoU and the high-harm criteria enclosed, the 2016
agreement under s25(1) with its published address."""

from datetime import date

import pytest
from casework_helpers import approve, make_case

from answerable.casework.enclosures import enclosures_for
from answerable.casework.issue import issue_response
from answerable.casework.models import RequestQuestion
from answerable.demo.case_documents import (
    AGREEMENTS_QUESTION,
    ISA_2016_URL,
    answer_seed_000_documents,
)
from answerable.demo.synthetic.demo_store import store_documents
from answerable.disclosure_log.models import Publication

pytestmark = pytest.mark.django_db


def test_seed_000s_document_questions_are_answered_with_documents(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    store_documents()
    case = make_case(received_on=date(2023, 7, 5), reference="23-1751")
    # The question as h13a's verbatim request logs it is found, not added again.
    RequestQuestion.objects.create(request=case, number=1, text=AGREEMENTS_QUESTION)
    answer_seed_000_documents(case)
    answer_seed_000_documents(case)  # idempotent
    assert case.questions.count() == 2
    approve(case, "full")
    issued = issue_response(case, notice="full", issued_on=date(2023, 8, 2))

    names = [e.filename for e in enclosures_for(issued)]
    assert names == ["DEMO-UMOU-1.0.pdf", "DEMO-HHC-2.pdf"]
    assert all(e.content.startswith(b"%PDF-") for e in enclosures_for(issued))
    assert "Please find enclosed: Umbrella MoU" in issued.html
    assert ISA_2016_URL in issued.html and "section 25(1) of the Act" in issued.html

    publication = Publication.objects.get(reference="23-1751")
    assert ISA_2016_URL in publication.body_html
    assert [d.filename for d in publication.documents.all()] == names
    assert "s25(1)" in publication.exemptions_cited
