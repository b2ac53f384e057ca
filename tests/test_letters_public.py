"""The disclosure log's version of a letter has no name or address of the requester."""

import dataclasses
import io

import pytest
from letters_examples import ADDRESS, REQUESTER, letter, text_of
from pypdf import PdfReader

from answerable.casework.letters.content import Notice
from answerable.casework.letters.render import render_html, render_pdf

PRIVATE = (REQUESTER, *ADDRESS)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _quoting_the_requester(notice: Notice):
    """A request that quotes the requester's own name and e-mail address."""
    base = letter(notice)
    questions = tuple(
        dataclasses.replace(q, text=f"{q.text} (asked by {REQUESTER.upper()}, {ADDRESS[-1]})")
        for q in base.questions
    )
    return dataclasses.replace(base, questions=questions)


@pytest.mark.parametrize("notice", list(Notice))
def test_the_public_html_has_no_name_or_address(notice):
    response = _quoting_the_requester(notice)
    private = render_html(response)
    public = render_html(response, public=True)
    assert REQUESTER in private and ADDRESS[0] in private  # the requester's own letter has them
    for text in PRIVATE:
        assert text.lower() not in public.lower()
    assert "Dear Requester" in text_of(public)
    assert response.reference in public


def test_the_public_html_keeps_the_request_but_not_who_made_it():
    public = text_of(render_html(_quoting_the_requester(Notice.FULL), public=True))
    assert "How long were people held in cells under immigration powers in 2017/18?" in public
    assert "(asked by [requester], [requester])" in public


@pytest.mark.parametrize("notice", [Notice.PARTIAL, Notice.FEES])
def test_the_public_pdf_has_no_name_or_address(notice):
    response = _quoting_the_requester(notice)
    private = _pdf_text(render_pdf(response))
    pdf = render_pdf(response, public=True)
    public = _pdf_text(pdf)
    assert REQUESTER in private
    for text in PRIVATE:
        assert text.lower() not in public.lower()
    assert REQUESTER.encode() not in pdf  # nor in the metadata
