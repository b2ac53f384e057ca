"""Issue 5's acceptance: seed 000's response (FOI 23-1751) and seed 001's (IM-FOI-2018-1421)
both appear in the disclosure log seven days after issue, without the requester ("This
response will be added to our Disclosure Log in seven days' time")."""

import html
import io
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
import time_machine
import weasyprint
from django.test import Client

from answerable.core.uk_time import as_uk_aware
from answerable.disclosure_log.publish import anonymised_letter, schedule

# Copies of ../shared/seeds (the two real responses), so the suite runs from any checkout.
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
# An invented requester: the seeds as published carry none, so the letters as sent are
# rebuilt with one to show that the log removes them.
REQUESTER = ["Morag Fraser", "Ms Fraser", "Flat 2/1, 10 Byres Road", "morag.fraser@example.com"]
HEADER = (
    "<p>Ms Morag Fraser<br>Flat 2/1, 10 Byres Road<br>Glasgow<br>G12 8TT</p>"
    "<p>By e-mail: morag.fraser@example.com</p><p>Dear Ms Fraser,</p>"
)

CASES = {
    "000": {
        "file": "000_fa08dd98b6df7aee.txt",
        "reference": "23-1751",
        "title": "Sharing of migrants' personal data with the Home Office",
        "summary": "Victims, witnesses and suspects who are migrants referred to the Home Office.",
        "outcome": "cost",
        "topics": ["Home Office", "Data sharing"],
        "exemptions_cited": "s12(1), s16(4)",
        "received_on": date(2023, 7, 5),
        "issued_on": date(2023, 8, 2),
        "shown": "17,000 police officers",
    },
    "001": {
        "file": "001_76cf86d1fcf91686.txt",
        "reference": "IM-FOI-2018-1421",
        "title": "People held in police cells under immigration powers",
        "summary": "Immigration detentions in Police Scotland custody, by station and duration.",
        "outcome": "partial",
        "topics": ["Custody", "Immigration detention"],
        "exemptions_cited": "s12(1), s16(4)",
        "received_on": date(2018, 6, 8),
        "issued_on": date(2018, 7, 6),
        "shown": "Fraserburgh 5 Motherwell 22",
    },
}


def letter(seed_file: str) -> str:
    lines = (SEEDS / seed_file).read_text(encoding="utf-8").splitlines()
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return HEADER + paragraphs


def in_uk(day: date, hour: int, minute: int = 0) -> time_machine.travel:
    """Time frozen at a UK wall-clock time on `day`."""
    moment = as_uk_aware(datetime(day.year, day.month, day.day, hour, minute))
    return time_machine.travel(moment, tick=False)


@pytest.mark.parametrize("seed", sorted(CASES))
@pytest.mark.django_db
def test_the_seed_response_appears_seven_days_later_without_the_requester(
    client: Client, seed: str
) -> None:
    case = CASES[seed]
    body = letter(case["file"])
    assert "Morag" in body and "G12 8TT" in body
    issued: date = case["issued_on"]
    reference = case["reference"]
    with in_uk(issued, 16):
        schedule(
            reference=reference,
            title=case["title"],
            summary=case["summary"],
            regime="foisa",
            outcome=case["outcome"],
            topics=case["topics"],
            exemptions_cited=case["exemptions_cited"],
            received_on=case["received_on"],
            issued_on=issued,
            body_html=body,
            pdf=weasyprint.HTML(string=anonymised_letter(body, REQUESTER)).write_pdf(),
            personal=REQUESTER,
        )

    with in_uk(issued + timedelta(days=6), 23, 59):
        assert reference not in client.get("/disclosure-log/").content.decode()
        assert client.get(f"/disclosure-log/{reference}/").status_code == 404

    with in_uk(issued + timedelta(days=7), 0, 0):
        listing = client.get("/disclosure-log/", {"q": case["title"].split()[0]})
        page = client.get(f"/disclosure-log/{reference}/")
        pdf = client.get(f"/disclosure-log/{reference}.pdf")
    assert reference in listing.content.decode()
    assert page.status_code == 200 and pdf.status_code == 200
    text = html.unescape(page.content.decode())
    pdf_text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    for published in (text, " ".join(pdf_text.split())):
        assert case["shown"] in published
        for requester in ("Morag", "Fraser", "Byres Road", "G12 8TT", "example.com"):
            # Whole words: seed 001's custody centre Fraserburgh is no one's name.
            assert not re.search(rf"\b{requester}\b", published)
        # The force's address for a review stays, as s19 requires the notice to say it.
        assert "G40 4EH" in published
    assert f"{issued + timedelta(days=7):%-d %B %Y}" in text
