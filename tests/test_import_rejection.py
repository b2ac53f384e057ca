"""A bad file is rejected whole, with every error named by line and column."""

import pytest
from django.core.management import CommandError, call_command
from interchange_files import CUSTODY_EXAMPLE, CUSTODY_HEADER, write

from answerable.interchange.errors import ImportRejected
from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode, Disclosure, ImportBatch, Person, Station

pytestmark = pytest.mark.django_db


def errors_of(path, kind="custody", **options):
    with pytest.raises(ImportRejected) as caught:
        import_file(kind, path, progress=False, **options)
    return [(e.line, e.column, e.column_name) for e in caught.value.errors], caught.value


def test_every_bad_cell_is_reported_and_nothing_is_stored(tmp_path):
    text = (
        f"{CUSTODY_HEADER},person_ref\n"
        "OK-1,G,Govan,2017-05-02T14:05:00,,immigration_powers,,,,,,P1\n"
        "BAD-1,G,Govn,2017-05-02T14:05:00,2017-05-01T09:40:00,immigration_powers,man,227,ALBX,maybe,freed,P2\n"
        "OK-1,A,Kittybrewster,2017-05-02,,,,,,,,P3\n"
    )
    found, rejected = errors_of(write(tmp_path, text))

    assert found == [
        (3, 3, "station"),
        (3, 5, "released_at"),
        (3, 7, "sex"),
        (3, 8, "age"),
        (3, 9, "nationality"),
        (3, 10, "asylum_claimed"),
        (3, 11, "outcome"),
        (4, 1, "custody_ref"),  # a duplicate of line 2
        (4, 4, "arrived_at"),
        (4, 6, "detention_basis"),
    ]
    assert "also on line 2" in rejected.errors[7].message
    assert CustodyEpisode.objects.count() == 0 and Person.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_a_rejected_file_leaves_records_already_held_untouched(tmp_path):
    import_file("custody", write(tmp_path, CUSTODY_EXAMPLE), progress=False)
    before = list(CustodyEpisode.objects.values().order_by("id"))
    bad = CUSTODY_EXAMPLE.replace("transferred_detention", "transferred") + (
        "NEW-1,G,Govan,2018-01-01T00:00:00,,immigration_powers,,,,,\n"
    )
    errors_of(write(tmp_path, bad, "bad.csv"))
    assert list(CustodyEpisode.objects.values().order_by("id")) == before


def test_header_problems_are_reported_on_line_one(tmp_path):
    text = "custody_ref,custody_ref,stationn,arrived_at\nX,Y,Govan,2017-01-01T00:00:00\n"
    found, rejected = errors_of(write(tmp_path, text))
    assert found == [
        (1, None, "detention_basis"),
        (1, None, "station"),
        (1, 2, "custody_ref"),
        (1, 3, "stationn"),
    ]
    assert "unknown column 'stationn'" in rejected.errors[3].message


def test_rows_with_the_wrong_number_of_fields_and_bad_encoding_are_named(tmp_path):
    good = "A-1,G,Govan,2017-05-02T14:05:00,,immigration_powers,,,,,\n"
    text = (f"{CUSTODY_HEADER}\n{good}A-2,G,Govan\n").encode() + (
        "A-3,G,Govan,2017-05-02T14:05:00,,immigration_powers,,,Bad\xe9,,\n".encode("latin-1")
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(text)
    found, rejected = errors_of(path)
    assert (3, None, None) in found
    assert (4, None, None) in found and any("not UTF-8" in e.message for e in rejected.errors)


def test_an_unterminated_quote_is_reported_where_it_starts(tmp_path):
    text = f'{CUSTODY_HEADER}\nA-1,G,"Govan,2017-05-02T14:05:00,,immigration_powers,,,,,\n'
    found, _ = errors_of(write(tmp_path, text))
    assert found[0][0] == 2


def test_an_empty_file_is_rejected(tmp_path):
    found, _ = errors_of(write(tmp_path, ""))
    assert found == [(1, None, None)]


def test_the_disclosure_rules_between_columns(tmp_path):
    header = (
        "disclosure_ref,disclosed_at,role,recipient,purpose,requested_at,"
        "home_office_outcome,outcome_at,corrected_at,correction_reason"
    )
    text = (
        f"{header}\n"
        "D-1,2022-06-01T10:00:00,victim,hoie_nccu,referral,2022-06-02,,2022-07-01,2022-05-01,\n"
        "D-2,2022-06-01T10:00:00,victim,hoie_nccu,referral,,removed,2022-05-30,,case_dropped\n"
        "D-3,2099-06-01T10:00:00,witness,ukvi,cheque,,,,,\n"
    )
    found, _ = errors_of(write(tmp_path, text), kind="disclosures")
    assert found == [
        (2, 2, "disclosed_at"),  # requested after it was disclosed
        (2, 8, "outcome_at"),  # an outcome date with no outcome
        (2, 9, "corrected_at"),  # corrected before it was disclosed
        (3, 8, "outcome_at"),  # outcome before the disclosure
        (3, 10, "correction_reason"),  # a reason with no correction
        (4, 2, "disclosed_at"),  # in the future
        (4, 5, "purpose"),
    ]
    assert Disclosure.objects.count() == 0


def test_unknown_stations_are_not_added_by_a_rejected_file(tmp_path):
    text = (
        f"{CUSTODY_HEADER}\nC-1,,Hartlepool,2022-01-05T10:00:00,,immigration_powers,,,,,\n"
        "C-2,,Hartlepool,2022-01-05T10:00:00,,immigration_powerz,,,,,\n"
    )
    errors_of(write(tmp_path, text), add_stations=True)
    assert not Station.objects.filter(name="Hartlepool").exists()


def test_the_command_lists_every_error_with_file_line_and_column(tmp_path, capsys):
    text = f"{CUSTODY_HEADER}\nA-1,G,Govan,yesterday,,immigration_powers,,,,,\n"
    path = write(tmp_path, text)
    with pytest.raises(CommandError, match="rejected with 1 error"):
        call_command("import", "custody", str(path), "--no-progress")
    assert (
        f"{path}:2:4: arrived_at: 'yesterday' is not an ISO 8601 date-time"
        in capsys.readouterr().err
    )
