"""Seeds 000 and 001 end to end: logged, answered from the register, issued, and published.

Both requests were refused or answered by hand; here each is logged as a case, its questions
answered by the answer engine, the response issued (figures frozen, letter kept), and the
anonymised response appears in the public disclosure log seven days later.
"""

from datetime import date, datetime

import pytest
import time_machine
from casework_helpers import approve, officer
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils.html import escape
from interchange_files import write
from seed_001 import STATION_COUNTS, custody_csv

from answerable.casework.holds import HoldError
from answerable.casework.issue import IssueError, issue_response
from answerable.casework.models import InformationRequest, IssuedLetter, RequestQuestion
from answerable.casework.services import save_request
from answerable.core.uk_time import UK
from answerable.demo.cases import SEED_000, SEED_001, request_text
from answerable.disclosure_log.publish import pdf_text
from answerable.interchange.importer import import_file
from answerable.register.models import Disclosure

pytestmark = pytest.mark.django_db

REQUESTER = {
    "requester_name": "Ms Alexandra Quillfeather",
    "requester_email": "a.quillfeather@example.org",
    "requester_address": "14 Rowan Terrace\nPerth\nPH2 8QT",
}
SEED_000_PERIOD = {"from": "2022-05-01", "to": "2023-05-31"}


def at_noon(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UK), tick=False)


def public_pages(reference: str) -> tuple[int, str, str]:
    client = Client()
    listing = client.get("/disclosure-log/").content.decode()
    page = client.get(f"/disclosure-log/{reference}/")
    return page.status_code, listing, page.content.decode() if page.status_code == 200 else ""


def assert_published_seven_days_later(reference: str, issued_on: date) -> None:
    with at_noon(date.fromordinal(issued_on.toordinal() + 6)):
        status, listing, _ = public_pages(reference)
        assert status == 404 and reference not in listing
    with at_noon(date.fromordinal(issued_on.toordinal() + 7)):
        status, listing, page = public_pages(reference)
        assert status == 200 and reference in listing
        pdf = Client().get(f"/disclosure-log/{reference}.pdf").content
        text = pdf_text(pdf, reference)
        for private in ("Quillfeather", "quillfeather@example.org", "Rowan Terrace", "PH2 8QT"):
            assert private.lower() not in page.lower()
            assert private.lower() not in text.lower()
            assert private.lower() not in listing.lower()
    return page


@pytest.fixture
def generated_register(tmp_path):
    call_command("generate", "--episodes", "4000", "--seed", "11", "--out", str(tmp_path))
    import_file("custody", tmp_path / "custody-episodes.csv", progress=False)
    import_file("disclosures", tmp_path / "disclosures.csv", progress=False)


def figures(case: InformationRequest, number: int, text: str, **ask) -> RequestQuestion:
    return RequestQuestion.objects.create(
        request=case, number=number, text=text, answer_kind="figures", ask=ask
    )


def test_seed_000_is_answered_from_the_register_not_refused(generated_register):
    case = save_request(
        InformationRequest(
            reference="23-1751",
            regime="foisa",
            received_on=date(2023, 7, 5),
            channel="email",
            title="Data sharing of personal data with the Home Office, May 2022 to May 2023",
            request_text=request_text("000"),
            topics="Home Office, Data sharing",
            officer=officer(),
            **REQUESTER,
        )
    )
    # The first eight questions of the request as received, word for word (demo/cases.py),
    # each answered with figures alone here.
    questions = [(q.text, q.ask) for q in SEED_000.questions[:8]]
    for number, (text, ask) in enumerate(questions, start=1):
        figures(case, number, text, **SEED_000_PERIOD, **ask)

    approve(case)
    issued = issue_response(case, notice="full", issued_on=date(2023, 8, 2))

    case.refresh_from_db()
    # Figures withheld as [c] make the response partial, with the s38(1)(b) refusal notice.
    withheld = any("[c]" in str(q.result) for q in case.questions.all())
    outcome = "partial" if withheld else "full"
    assert (case.responded_on, case.notice, case.status) == (date(2023, 8, 2), outcome, "responded")
    assert case.on_time
    letter = IssuedLetter.objects.get(request=case)
    assert letter == issued and letter.pdf[:4] == b"%PDF"
    assert "Quillfeather" in letter.html  # the requester's own copy names them
    assert "Refusal Notice" not in letter.html and "12(1)" not in letter.html
    assert ("section 38(1)(b)" in letter.html) == withheld
    for question in case.questions.all():
        assert question.frozen and question.result["total"]["display"] in letter.html
        # Each table says what it counted, in words the requester reads in the letter.
        assert question.result["counted"].startswith("Counted: ")
        assert escape(question.result["counted"]) in letter.html
    detained = case.questions.get(number=7).result
    assert detained["by"] == ["detained_after"] and "not known when nothing" in detained["counted"]
    referred = case.questions.get(number=2).result["total"]["count"]
    assert referred and referred > 0  # answered, with a figure

    page = assert_published_seven_days_later("23-1751", date(2023, 8, 2))
    assert case.questions.get(number=4).text in page  # each question replicated
    assert case.questions.get(number=2).result["total"]["display"] in page


def test_a_record_a_case_asks_about_cannot_be_deleted_until_it_is_closed(generated_register):
    case = save_request(
        InformationRequest(
            regime="foisa",
            received_on=date(2023, 7, 5),
            channel="email",
            title="Referrals",
            request_text="Referrals",
            **REQUESTER,
        )
    )
    figures(case, 1, "How many referrals?", question="referrals", **SEED_000_PERIOD)
    held = Disclosure.objects.filter(
        purpose="referral", disclosed_on__range=(date(2022, 5, 1), date(2023, 5, 31))
    ).first()
    with pytest.raises(HoldError), transaction.atomic():
        held.delete()
    case.status = "closed"
    case.save()
    held.delete()
    assert not Disclosure.objects.filter(pk=held.pk).exists()


def test_seed_001_is_issued_with_its_table_and_published(tmp_path):
    import_file("custody", write(tmp_path, custody_csv()), progress=False)
    case = save_request(
        InformationRequest(
            reference="IM-FOI-2018-1421",
            regime="foisa",
            received_on=date(2018, 7, 2),
            channel="email",
            title="Immigration detentions in police custody 2017/18",
            request_text=request_text("001"),
            topics="Custody, Immigration",
            **REQUESTER,
        )
    )
    figures(
        case,
        1,
        SEED_001.questions[1].text,
        question="custody-count",
        **{"from": "2017-04-01", "to": "2018-03-31"},
        by=["station", "duration"],
        bands=[24, 48],
    )
    approve(case)
    issue_response(case, notice="full", issued_on=date(2018, 7, 27))

    result = case.questions.get().result
    assert result["total"]["count"] == 537
    shown = {m["station"]: m["display"] for m in result["margins"]["station"]}
    assert set(shown) >= set(STATION_COUNTS)
    assert all(shown[s] in ("[c]", str(n)) for s, n in STATION_COUNTS.items())
    page = assert_published_seven_days_later("IM-FOI-2018-1421", date(2018, 7, 27))
    assert "537" in page and "Govan" in page

    with pytest.raises(IssueError, match="answered on"):
        issue_response(case, notice="full", issued_on=date(2018, 7, 28))
