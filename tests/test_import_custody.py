"""Importing custody-episodes-v1: what is stored, idempotence, updates kept in history."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from interchange_files import CUSTODY_EXAMPLE, CUSTODY_HEADER, write

from answerable.interchange.importer import import_file
from answerable.register.models import CustodyEpisode, ImportBatch, Person

pytestmark = pytest.mark.django_db


def test_the_spec_example_imports_with_every_field(tmp_path):
    summary = import_file("custody", write(tmp_path, CUSTODY_EXAMPLE), progress=False)

    assert (summary.rows_read, summary.created, summary.updated, summary.unchanged) == (2, 2, 0, 0)
    govan = CustodyEpisode.objects.get(custody_ref="NCS-2017-000123")
    assert govan.force.name == "Police Scotland"
    assert govan.station.name == "Govan" and govan.division.code == "G"
    # No offset means UK local time: 14:05 BST is 13:05 UTC.
    assert govan.arrived_at == datetime(2017, 5, 2, 13, 5, tzinfo=UTC)
    assert govan.duration_minutes == 19 * 60 + 35
    assert govan.arrived_on.isoformat() == "2017-05-02"
    assert govan.detention_basis == "immigration_powers" and govan.immigration_related
    assert (govan.sex, govan.age, govan.nationality.code) == ("male", 27, "AL")
    assert (govan.asylum_claimed, govan.outcome) == ("no", "transferred_detention")
    other = CustodyEpisode.objects.get(custody_ref="NCS-2017-000124")
    assert other.released_at is None and other.duration_minutes is None  # still in custody
    # Empty cells are "not recorded" (NULL), never "no".
    assert other.sex is None and other.asylum_claimed is None and not other.nationality


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write(tmp_path, CUSTODY_EXAMPLE)
    import_file("custody", path, progress=False)
    before = list(CustodyEpisode.objects.values().order_by("id"))
    history_before = CustodyEpisode.history.count()

    summary = import_file("custody", path, progress=False)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 2)
    assert list(CustodyEpisode.objects.values().order_by("id")) == before
    assert CustodyEpisode.history.count() == history_before


def test_a_changed_row_updates_the_episode_and_keeps_the_old_values_in_history(tmp_path):
    import_file("custody", write(tmp_path, CUSTODY_EXAMPLE), progress=False)
    changed = CUSTODY_EXAMPLE.replace(
        "2017-05-03T09:40:00,immigration_powers,male,27,ALB,no,transferred_detention",
        "2017-05-03T11:40:00,immigration_powers,male,27,ALB,yes,immigration_bail",
    )

    summary = import_file("custody", write(tmp_path, changed, "second.csv"), progress=False)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    episode = CustodyEpisode.objects.get(custody_ref="NCS-2017-000123")
    assert episode.outcome == "immigration_bail"
    assert episode.duration_minutes == 21 * 60 + 35  # derived columns follow the change
    newest, creation = episode.history.all()[:2]
    assert creation.history_type == "+" and newest.history_type == "~"
    changes = {c.field: (c.old, c.new) for c in newest.diff_against(creation).changes}
    assert changes["outcome"] == ("transferred_detention", "immigration_bail")
    assert changes["asylum_claimed"] == ("no", "yes")
    assert "second.csv" in newest.history_change_reason


def test_each_import_is_recorded_as_a_batch(tmp_path):
    import_file("custody", write(tmp_path, CUSTODY_EXAMPLE), imported_by="clerk", progress=False)
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.file_name, batch.imported_by) == ("custody", "file.csv", "clerk")
    assert (batch.rows_read, batch.created) == (2, 2)
    assert len(batch.sha256) == 64 and batch.finished_at is not None


def test_people_are_stored_only_as_pseudonyms_and_counted_once(tmp_path):
    text = (
        f"{CUSTODY_HEADER},person_ref\n"
        "R1,G,Govan,2018-01-01T10:00:00,2018-01-01T20:00:00,immigration_powers,,30,POL,,,CHS-77\n"
        "R2,G,Govan,2019-01-01T10:00:00,2019-01-01T20:00:00,immigration_powers,male,,,,,CHS-77\n"
    )
    path = write(tmp_path, text)
    import_file("custody", path, progress=False)

    person = Person.objects.get()
    assert CustodyEpisode.objects.filter(person=person).count() == 2
    assert "CHS-77" not in person.pseudonym and len(person.pseudonym) == 32
    # The profile holds the latest recorded value of each attribute; a later "not
    # recorded" nationality does not erase the earlier declaration.
    assert (person.sex, person.nationality.code) == ("male", "PL")
    assert not path.read_text().count(person.pseudonym)


def test_column_names_are_matched_case_insensitively_in_any_order_with_a_bom(tmp_path):
    text = (
        "\ufeff STATION ,Detention_Basis,arrived_at,custody_ref\n"
        "St Leonards,immigration_offence,2020-02-03T04:05:06+00:00,X-1\n"
    )
    import_file("custody", write(tmp_path, text), progress=False)
    episode = CustodyEpisode.objects.get()
    assert episode.station.name == "St Leonards" and episode.division.code == "E"


def test_the_command_prints_a_summary(tmp_path, capsys):
    call_command("import", "custody", str(write(tmp_path, CUSTODY_EXAMPLE)), "--no-progress")
    out = capsys.readouterr().out
    assert "2 rows read, 2 created, 0 updated, 0 unchanged" in out


def test_unknown_stations_can_be_added_on_request(tmp_path):
    text = f"{CUSTODY_HEADER}\nC-1,,Hartlepool,2022-01-05T10:00:00,,immigration_powers,,,,,\n"
    import_file("custody", write(tmp_path, text), add_stations=True, progress=False)
    assert CustodyEpisode.objects.get().station.name == "Hartlepool"
