"""The retention schedule (answerable/retention): `retention schedule`, `retention apply
[--dry-run]`, what is removed when, what is kept (held records, issued letters), and the
audit entries, with nothing personal in them."""

import io
import json
from datetime import date

import pytest
from casework_helpers import approve, make_case
from django.core.management import CommandError, call_command
from register_records import one_of_each

from answerable.audit.models import AuditEntry
from answerable.audit.verify import check
from answerable.casework.issue import issue_response
from answerable.casework.models import IssuedLetter, RecordHold
from answerable.register.coverage_records import held_from
from answerable.register.models import CustodyEpisode, Disclosure, IcceRequest, NccuContact, Person
from answerable.retention import service
from answerable.retention.schedule import months_before, requester_cutoff, years_before

pytestmark = pytest.mark.django_db
LATER = date(2030, 1, 1)  # the one_of_each records (May 2023) are over 6 years old by then


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


# --- the schedule (pure) ------------------------------------------------------------------------


def test_periods_count_back_in_calendar_terms():
    assert years_before(date(2030, 1, 1), 6) == date(2024, 1, 1)
    assert years_before(date(2028, 2, 29), 6) == date(2022, 2, 28)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 24) == date(2024, 1, 15)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_schedule_is_from_the_settings(settings):
    settings.ANSWERABLE_RETENTION_REQUESTER_MONTHS = 12
    settings.ANSWERABLE_RETENTION_YEARS = {**settings.ANSWERABLE_RETENTION_YEARS, "disclosure": 3}
    assert requester_cutoff(date(2026, 6, 1)) == date(2025, 6, 1)
    shown = run("schedule")
    assert "Disclosures to the Home Office (with their outcome reports): kept 3 years" in shown
    assert "FOI requesters' name, e-mail and address: kept 12 months" in shown
    rules = json.loads(run("schedule", "--json"))
    assert {rule["record_type"] for rule in rules} >= {"custody_episode", "requester_details"}


# --- register records ---------------------------------------------------------------------------


def test_dry_run_lists_and_changes_nothing(police_scotland, stations):
    made = one_of_each(police_scotland, stations)
    entries = AuditEntry.objects.count()
    report = json.loads(run("apply", "--dry-run", "--as-of", "2030-01-01", "--json"))
    removed = {(row["record"], row["id"]) for row in report["remove"]}
    assert removed == {
        ("register.custodyepisode", made.episode.pk),
        ("register.disclosure", made.disclosure.pk),
        ("register.nccucontact", made.contact.pk),
        ("register.icceRequest".lower(), made.icce.pk),
        ("register.person", made.person.pk),
    }
    assert report["dry_run"] is True and report["counts"]["custody_episode"] == 1
    assert Person.objects.count() == 1 and CustodyEpisode.objects.count() == 1
    assert AuditEntry.objects.count() == entries
    # Not yet due five years on.
    assert json.loads(run("apply", "--dry-run", "--as-of", "2028-01-01", "--json"))["remove"] == []


def test_apply_removes_each_record_and_its_history_with_an_audit_entry(police_scotland, stations):
    made = one_of_each(police_scotland, stations)
    before = AuditEntry.objects.count()
    out = run("apply", "--as-of", "2030-01-01")
    assert "removed 5 (" in out
    for model in (CustodyEpisode, Disclosure, NccuContact, IcceRequest, Person):
        assert not model.objects.exists(), model
        assert not model.history.exists(), model
    erased = AuditEntry.objects.filter(sequence__gt=before, action="erasure")
    assert {(entry.record_type, entry.record_id) for entry in erased} == {
        ("register.custodyepisode", str(made.episode.pk)),
        ("register.disclosure", str(made.disclosure.pk)),
        ("register.nccucontact", str(made.contact.pk)),
        ("register.iccerequest", str(made.icce.pk)),
        ("register.person", str(made.person.pk)),
    }
    assert all(entry.actor.startswith("command retention apply") for entry in erased)
    assert check().intact
    # The register no longer holds what came before the cutoff: answers say "not held".
    assert held_from("custody") == date(2024, 1, 1) and held_from("icce") == date(2024, 1, 1)
    assert "removed 0" in run("apply", "--as-of", "2030-01-01")  # nothing left to do


def test_a_record_held_for_an_open_request_is_kept(police_scotland, stations):
    made = one_of_each(police_scotland, stations)
    case = make_case()
    RecordHold.objects.create(
        request=case,
        record_type="custody_episode",
        first_day=date(2023, 1, 1),
        last_day=date(2023, 12, 31),
        reason="the request asks for 2023's custodies",
    )
    report = json.loads(run("apply", "--dry-run", "--as-of", "2030-01-01", "--json"))
    assert ("register.custodyepisode", made.episode.pk) in {
        (row["record"], row["id"]) for row in report["held"]
    }
    out = run("apply", "--as-of", "2030-01-01")
    assert "1 kept, held for open requests" in out
    assert CustodyEpisode.objects.filter(pk=made.episode.pk).exists()
    # The person still has a record, so is kept too; the rest went.
    assert Person.objects.filter(pk=made.person.pk).exists()
    assert not Disclosure.objects.exists() and not IcceRequest.objects.exists()
    # Custody coverage stays while a held episode is before the cutoff; the others move.
    assert held_from("custody") is None and held_from("disclosures") == date(2024, 1, 1)


def test_a_bad_date_is_a_clear_error():
    with pytest.raises(CommandError, match="--as-of: '2030-13-01' is not a date"):
        run("apply", "--dry-run", "--as-of", "2030-13-01")


# --- casework: requester details ----------------------------------------------------------------


def issued_case(**fields):
    case = make_case(
        received_on=date(2026, 7, 1),
        requester_address="1 Private Lane\nAnytown AB1 2CD",
        request_text="Dear Sir, how many? Yours, Ms Requester Private",
        **fields,
    )
    approve(case, "not_held")
    issue_response(case, notice="not_held", issued_on=date(2026, 7, 20))
    case.refresh_from_db()
    return case


def test_requester_details_go_two_years_after_the_case_closes_and_letters_stay(db):
    case = issued_case()
    letter = IssuedLetter.objects.get(request=case)
    assert "Ms Requester Private" in letter.html
    # Not yet: the case closed on 20 July 2026.
    assert json.loads(run("apply", "--dry-run", "--as-of", "2028-07-20", "--json"))["remove"] == []
    report = json.loads(run("apply", "--dry-run", "--as-of", "2028-07-21", "--json"))
    assert report["remove"] == [
        {
            "record_type": "requester_details",
            "record": "casework.informationrequest",
            "id": case.pk,
            "dated": "2026-07-20",
            "reference": case.reference,
        }
    ]
    out = run("apply", "--as-of", "2028-07-21")
    assert f"removed the requester's details from case {case.reference}" in out
    case.refresh_from_db()
    letter.refresh_from_db()
    assert case.requester_name == service.REMOVED
    assert case.requester_email == "" and case.requester_address == ""
    assert "Ms Requester Private" not in case.request_text
    for text in ("Ms Requester Private", "requester@private.example", "1 Private Lane"):
        assert text not in letter.html, text
    assert letter.pdf.startswith(b"%PDF-") and case.reference in letter.html  # kept, redacted
    entries = AuditEntry.objects.filter(purpose=service.PURPOSE)
    assert {entry.record_type for entry in entries} == {
        "casework.informationrequest",
        "casework.issuedletter",
    }
    for entry in entries:
        stored = " ".join(str(value) for value in entry.__dict__.values())
        assert "Requester Private" not in stored and "private.example" not in stored
    assert check().intact
    assert json.loads(run("apply", "--dry-run", "--as-of", "2030-01-01", "--json"))["remove"] == []


def test_an_open_case_keeps_its_requester(db):
    make_case(received_on=date(2020, 1, 6))  # received, never answered: still open
    assert json.loads(run("apply", "--dry-run", "--as-of", "2030-01-01", "--json"))["remove"] == []


# --- the demo data ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_dry_run_on_the_demo_data_lists_what_it_would_remove():
    call_command("demo", "--as-of", "2026-05-01", "--no-progress", stdout=io.StringIO())
    counts = {model: model.objects.count() for model in (CustodyEpisode, Disclosure, Person)}
    report = json.loads(run("apply", "--dry-run", "--as-of", "2026-05-01", "--json"))
    cutoffs = {"requester_details": date(2024, 5, 1)}  # 24 months; register records 6 years
    kinds = {row["record_type"] for row in report["remove"]}
    assert {"custody_episode", "requester_details"} <= kinds, kinds
    for row in report["remove"]:
        if row["record_type"] != "person":
            cutoff = cutoffs.get(row["record_type"], date(2020, 5, 1))
            assert date.fromisoformat(row["dated"]) < cutoff, row
    # The demo's answered cases hold what their questions counted (FOISA s1(4)-(5)).
    assert report["held"]
    assert not {(r["record"], r["id"]) for r in report["remove"]} & {
        (r["record"], r["id"]) for r in report["held"]
    }
    text = run("apply", "--dry-run", "--as-of", "2026-05-01")
    assert "would remove register.custodyepisode" in text
    assert "would remove the requester's details from case IM-FOI-2018-1421" in text
    assert "kept, held for open requests" in text
    assert {model: model.objects.count() for model in counts} == counts
