"""Records an open request asks about cannot be deleted (FOISA s1(4)-(5))."""

from contextlib import contextmanager
from datetime import date

import pytest
from casework_helpers import make_case, officer
from django.db import transaction
from interchange_files import CUSTODY_HEADER, write

from answerable.casework.holds import HoldError
from answerable.casework.models import (
    CommissionerAppeal,
    RecordHold,
    RequestQuestion,
    Review,
)
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode, Document

pytestmark = pytest.mark.django_db


@contextmanager
def refused(match: str = r"FOISA s1\(4\)-\(5\)"):
    """Expect a HoldError. Django deletes inside atomic(savepoint=False), so a refusal in
    the test's own transaction needs a savepoint to roll back to, as any caller deleting
    inside a transaction does."""
    with pytest.raises(HoldError, match=match) as info, transaction.atomic():
        yield info


REGISTER = f"""{CUSTODY_HEADER}
HELD-1,G,Govan,2017-05-02T14:05:00,2017-05-03T09:40:00,immigration_powers,male,27,ALB,no,
OTHER-STATION,,Cathcart,2017-06-02T14:05:00,2017-06-03T09:40:00,immigration_powers,male,30,,,
NOT-IMMIGRATION,G,Govan,2017-07-02T14:05:00,2017-07-02T20:00:00,other,,,,,
OTHER-YEAR,G,Govan,2019-05-02T14:05:00,2019-05-03T09:40:00,immigration_powers,female,40,,,
"""


@pytest.fixture
def register(tmp_path) -> dict[str, CustodyEpisode]:
    import_file("custody", write(tmp_path, REGISTER), progress=False)
    return {episode.custody_ref: episode for episode in CustodyEpisode.objects.all()}


@pytest.fixture
def case(register):
    case = make_case(date(2026, 7, 1))
    RequestQuestion.objects.create(
        request=case,
        number=1,
        text="How many people were held at Govan under immigration powers in 2017?",
        answer_kind="figures",
        ask={"question": "custody-count", "from": "2017-01-01", "to": "2017-12-31",
             "where": {"station": ["Govan"]}},
    )  # fmt: skip
    return case


def test_a_held_record_cannot_be_deleted(case, register):
    with refused() as error:
        register["HELD-1"].delete()
    message = str(error.value)
    assert case.reference in message and "question 1" in message
    assert "FOISA s1(4)-(5)" in message
    assert CustodyEpisode.objects.filter(custody_ref="HELD-1").exists()


def test_bulk_deletion_is_refused_whole(case, register):
    with refused():
        CustodyEpisode.objects.all().delete()
    assert CustodyEpisode.objects.count() == 4


def test_records_outside_the_held_query_can_be_deleted(case, register):
    for ref in ("OTHER-STATION", "NOT-IMMIGRATION", "OTHER-YEAR"):
        register[ref].delete()
    assert list(CustodyEpisode.objects.values_list("custody_ref", flat=True)) == ["HELD-1"]


def test_the_hold_lifts_when_the_case_is_closed(case, register):
    case.status = "closed"
    case.save()
    register["HELD-1"].delete()
    assert not CustodyEpisode.objects.filter(custody_ref="HELD-1").exists()


def test_an_open_review_keeps_the_hold_on_a_closed_case(case, register):
    case.status = "closed"
    case.responded_on = date(2026, 7, 20)
    case.save()
    review = Review.objects.create(
        request=case,
        requirement_received_on=date(2026, 8, 4),
        channel="email",
        dissatisfaction="The figures are wrong.",
        reviewer=officer("reviewer"),
    )
    with refused():
        CustodyEpisode.objects.filter(custody_ref="HELD-1").delete()
    review.outcome, review.responded_on = "confirm", date(2026, 8, 20)
    review.save()
    appeal = CommissionerAppeal.objects.create(
        request=case, review=review, application_received_on=date(2026, 9, 1)
    )
    with refused():
        register["HELD-1"].delete()
    appeal.outcome, appeal.decision_on = "not_upheld", date(2027, 1, 10)
    appeal.save()
    register["HELD-1"].delete()


def test_a_hold_placed_by_hand_covers_a_record_type_and_period(register):
    case = make_case(date(2026, 7, 1))
    RecordHold.objects.create(
        request=case,
        record_type="custody_episode",
        first_day=date(2019, 1, 1),
        last_day=date(2019, 12, 31),
        reason="Asks for every custody record of 2019",
    )
    with refused("a hold placed by hand"):
        register["OTHER-YEAR"].delete()
    register["NOT-IMMIGRATION"].delete()  # 2017: outside the period


def test_a_document_given_in_an_answer_is_held():
    case = make_case(date(2026, 7, 1))
    document = Document.objects.create(reference="MOU-1", title="Umbrella MoU", kind="mou")
    RequestQuestion.objects.create(
        request=case, number=1, text="Any MoU?", answer_kind="document", document=document
    )
    with refused():
        document.delete()
    case.status = "withdrawn"
    case.save()
    document.delete()
