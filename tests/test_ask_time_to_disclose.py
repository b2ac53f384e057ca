"""The average time to disclose (disclosed_at - requested_at), and nationality not recorded."""

from datetime import timedelta

import pytest
from interchange_files import write

from answerable.answers.engine import Ask, count
from answerable.interchange.importer import import_file
from answerable.register.models import Disclosure

pytestmark = pytest.mark.django_db

HEADER = (
    "disclosure_ref,force,disclosed_at,role,crime_type,nationality,purpose,requested_at,recipient"
)
# Requested and disclosed across the night the clocks go back (27 October 2024): the wall
# clock says 24 hours, but 25 really elapsed.
ROWS = [
    "HO-1,Police Scotland,2024-10-27T12:00:00,victim,domestic_abuse,Nigeria,referral,"
    "2024-10-26T12:00:00,hoie_nccu",
    "HO-2,Police Scotland,2024-10-28T10:00:30,victim,human_trafficking,,referral,"
    "2024-10-28T09:00:00,hoie_nccu",
    "HO-3,Police Scotland,2024-10-28T10:00:00,suspect,other,,status_check,,hoie_nccu",
]


@pytest.fixture
def disclosures(tmp_path):
    text = "\n".join([HEADER, *ROWS]) + "\n"
    import_file("disclosures", write(tmp_path, text), progress=False)


def test_the_time_to_disclose_is_derived_in_real_elapsed_seconds(disclosures):
    seconds = dict(Disclosure.objects.values_list("disclosure_ref", "seconds_to_disclose"))
    assert seconds == {"HO-1": 25 * 3600, "HO-2": 3600 + 30, "HO-3": None}


def test_saving_a_record_derives_it_again(disclosures):
    record = Disclosure.objects.get(disclosure_ref="HO-2")
    record.requested_at = record.disclosed_at - timedelta(minutes=5)
    record.save()
    record.refresh_from_db()
    assert record.seconds_to_disclose == 300


@pytest.mark.parametrize("by", [(), ("role",), ("role", "crime_type")])
def test_the_average_is_over_the_disclosures_requested_whatever_the_breakdown(disclosures, by):
    timing = count(Ask("disclosures", by=by)).time_to_disclose
    assert timing is not None and timing.based_on == 2
    assert timing.average == timedelta(seconds=(25 * 3600 + 3630) / 2)


def test_the_average_follows_the_filters_and_counting_people(disclosures):
    ask = Ask("referrals", where={"crime_type": ["human_trafficking"]}, count="people")
    timing = count(ask).time_to_disclose
    assert timing is not None and (timing.based_on, timing.average) == (1, timedelta(seconds=3630))
    nothing = count(Ask("disclosures", where={"role": ["suspect"]})).time_to_disclose
    assert nothing is not None and (nothing.based_on, nothing.average) == (0, None)


def test_nationality_not_recorded_is_asked_for_by_that_name(disclosures):
    table = count(Ask("disclosures", where={"nationality": ["not_recorded"]})).table
    assert table.total == 2
    by_nationality = count(Ask("disclosures", by=("nationality",))).table
    assert dict(by_nationality.counts) == {("NG",): 1, ("not_recorded",): 2}
