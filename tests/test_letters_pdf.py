"""A letter as a PDF: a real PDF, A4, with the reference, the figures and page numbers."""

import io

from letters_examples import letter
from pypdf import PdfReader

from answerable.casework.letters.content import Notice
from answerable.casework.letters.render import render_pdf

A4_POINTS = (595, 842)


def test_the_pdf_is_a_real_pdf_with_the_reference_and_the_figures():
    response = letter(Notice.PARTIAL)
    pdf = render_pdf(response)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert response.reference in text
    assert "384" in text and "126" in text and "537" in text  # the table's figures
    assert "Court of Session" in text
    page = reader.pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == A4_POINTS
    assert reader.metadata.title.startswith(response.reference)


def test_every_page_carries_the_reference_and_its_number():
    response = letter(Notice.PARTIAL)
    reader = PdfReader(io.BytesIO(render_pdf(response)))
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Our reference: {response.reference}" in text
        assert f"Page {number} of {pages}" in text
