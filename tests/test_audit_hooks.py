"""The register's records of people log their own collection, alteration and erasure
(DPA 2018 s62(1)), and a new disclosure logs the disclosure with its recipient (s62(3)(b))."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from register_records import one_of_each as make_records

from answerable.audit.actions import Action
from answerable.audit.actor import acting_as, current_actor
from answerable.audit.models import AuditEntry
from answerable.audit.trail import record
from answerable.audit.verify import verify
from answerable.register.models import (
    Person,
)


def logged() -> list[tuple[str, str, str, str]]:
    return [
        (e.action, e.record_type, e.record_id, e.actor)
        for e in AuditEntry.objects.order_by("sequence")
    ]


@pytest.mark.django_db
def test_creating_records_logs_their_collection_and_a_disclosure_with_its_recipient(
    police_scotland, stations
):
    with acting_as("custody.officer"):
        records = make_records(police_scotland, stations)
    r = records
    assert logged() == [
        ("collection", "register.person", str(r.person.pk), "custody.officer"),
        ("collection", "register.custodyepisode", str(r.episode.pk), "custody.officer"),
        ("collection", "register.disclosure", str(r.disclosure.pk), "custody.officer"),
        ("disclosure", "register.disclosure", str(r.disclosure.pk), "custody.officer"),
        ("collection", "register.nccucontact", str(r.contact.pk), "custody.officer"),
        ("collection", "register.iccerequest", str(r.icce.pk), "custody.officer"),
    ]
    disclosed = AuditEntry.objects.get(action=Action.DISCLOSURE)
    assert disclosed.recipient == "Immigration Enforcement: National Command and Control Unit"
    assert disclosed.purpose == r.disclosure.get_purpose_display()
    # Reference data is not personal: the criteria document logged nothing.
    assert not AuditEntry.objects.filter(record_type__startswith="register.document").exists()
    assert verify() == (6, None)


# A field of each kind of record to correct, besides updated_at.
CORRECTED = {"person": "age", "episode": "age", "disclosure": "age", "contact": "officer"}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["person", "episode", "disclosure", "contact", "icce"])
def test_changing_and_deleting_a_record_logs_alteration_and_erasure(
    police_scotland, stations, kind
):
    records = make_records(police_scotland, stations)
    if kind == "person":
        # A person's records protect them from erasure: one with none of their own.
        records.person = Person.objects.create(pseudonym="cd34" + "0" * 28)
    instance = getattr(records, kind)
    record_type, pk = instance._meta.label_lower, str(instance.pk)
    already = AuditEntry.objects.count()

    with acting_as("dpo.corrects"):
        instance.save()
        instance.save(update_fields=["updated_at", CORRECTED.get(kind, "result")])
    changed = AuditEntry.objects.filter(sequence__gt=already)
    fields = sorted(["updated_at", CORRECTED.get(kind, "result")])
    assert list(changed.values_list("action", "record_type", "record_id", "actor", "detail")) == [
        ("alteration", record_type, pk, "dpo.corrects", "{}"),
        (
            "alteration",
            record_type,
            pk,
            "dpo.corrects",
            f'{{"fields":["{fields[0]}","{fields[1]}"]}}',
        ),
    ]

    already = AuditEntry.objects.count()
    with acting_as("administrator"):
        type(instance).objects.get(pk=instance.pk).delete()
    erased = AuditEntry.objects.filter(sequence__gt=already, record_type=record_type)
    assert list(erased.values_list("action", "record_type", "record_id", "actor")) == [
        ("erasure", record_type, pk, "administrator")
    ]
    assert verify()[1] is None


@pytest.mark.django_db
def test_records_unlinked_from_an_erased_one_log_their_alteration(police_scotland, stations):
    records = make_records(police_scotland, stations)
    records.icce.custody_episode = records.episode
    records.icce.save()
    already = AuditEntry.objects.count()
    episode = str(records.episode.pk)
    with acting_as("administrator"):
        records.episode.delete()  # its disclosure and ICCE request lose their link to it
    logged = AuditEntry.objects.filter(sequence__gt=already)
    assert list(logged.values_list("action", "record_type", "record_id", "detail")) == [
        (
            "alteration",
            "register.disclosure",
            str(records.disclosure.pk),
            f'{{"fields":["custody_episode"],"unlinked_from":{episode}}}',
        ),
        (
            "alteration",
            "register.iccerequest",
            str(records.icce.pk),
            f'{{"fields":["custody_episode"],"unlinked_from":{episode}}}',
        ),
        ("erasure", "register.custodyepisode", episode, "{}"),
    ]
    records.disclosure.refresh_from_db()
    assert records.disclosure.custody_episode is None


@pytest.mark.django_db
def test_an_erasure_refused_logs_nothing(police_scotland, stations):
    records = make_records(police_scotland, stations)
    already = AuditEntry.objects.count()
    with pytest.raises(ProtectedError):
        records.person.delete()  # their custody episodes and the rest protect them
    assert AuditEntry.objects.count() == already


@pytest.mark.django_db
def test_without_an_actor_the_system_is_named(police_scotland, stations):
    assert current_actor() == "system"
    Person.objects.create(pseudonym="cd34" + "0" * 28)
    assert AuditEntry.objects.get().actor == "system"


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_entry(police_scotland, stations):
    Person.objects.create(pseudonym="cd34" + "0" * 28)
    head = AuditEntry.objects.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_records(police_scotland, stations)
        assert AuditEntry.objects.count() > 1
        raise RuntimeError("the import failed half way")
    assert list(AuditEntry.objects.all()) == [head]
    # The chain goes on from the last entry kept, not from the ones rolled back.
    after = record(Action.CONSULTATION, record_type="register.person", record_id=1)
    assert (after.sequence, after.previous_hash) == (2, head.hash)
    assert verify() == (2, None)


@pytest.mark.django_db
def test_a_loaddata_restore_logs_nothing_new(police_scotland, stations):
    from django.db.models.signals import post_save

    person = Person(pseudonym="ef56" + "0" * 28)
    # What loaddata does: a raw save, which brings a record back as it was.
    post_save.send(Person, instance=person, created=True, raw=True, update_fields=None)
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_an_identifier_too_long_to_keep_whole_is_refused():
    with pytest.raises(ValueError, match="record_id is at most 64 characters; 65 were given"):
        record(Action.CONSULTATION, record_type="register.person", record_id="9" * 65)
    with pytest.raises(ValueError, match="record_type is at most 64 characters"):
        record(Action.CONSULTATION, record_type="x" * 65)
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_sequential_appends_keep_one_chain():
    for number in range(1, 31):
        with acting_as(f"user{number % 3}"):
            record(Action.CONSULTATION, record_type="register.person", record_id=number)
    sequences = list(AuditEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 31))
    assert verify() == (30, None)
