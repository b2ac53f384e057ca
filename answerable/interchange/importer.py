"""Importing an interchange file into the register: the whole file or nothing.

The file is read, checked and written in chunks of CHUNK rows, all in one transaction, so
that the import's memory does not grow with the file:

1. Each chunk's rows are read and checked, every error collected with its line and column.
   What must be known across the file (the first line of each record's reference, each
   person's profile as the file records it) is kept in temporary tables in the database.
2. While no error has been found, each chunk is written: the records that are new are
   created, those whose source values changed updated (the previous values stay in each
   record's history), the rest left untouched, so that re-importing a file changes nothing.
3. At the end, the people the file names are brought up to date, once each, with one
   history entry each. An error anywhere in the file rejects it (ImportRejected) with every
   error found, and the transaction is rolled back: nothing is stored.
"""

import getpass
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, TypedDict, cast

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.core.record_types import record_type_of
from answerable.interchange.csv_file import read_rows
from answerable.interchange.errors import CellError, ImportRejected
from answerable.interchange.references import References
from answerable.interchange.registry import TARGETS
from answerable.interchange.spec import Values, at_cell
from answerable.interchange.targets import Target, fingerprint
from answerable.register.bulk import (
    any_of,
    copy_to_history,
    indexes_deferred,
    insert,
    insert_with_history,
    pk_column,
    row_count_below,
    update,
    update_with_history,
)
from answerable.register.linking import link_batch
from answerable.register.models import ImportBatch, Person
from answerable.register.planner import refresh_statistics
from answerable.register.profile import PROFILE_FIELDS, merge_profile
from answerable.register.pseudonym import pseudonymiser

CHUNK = 5_000  # rows read, checked and written at a time: the import's memory is bounded by it
PEOPLE_CHUNK = 5_000  # people brought up to date at a time at the end
# Fewer rows than a file of this many bytes per row could hold: no interchange row is this
# long on average (custody ~170, disclosures ~250), so a table holding fewer rows than
# size / BULK_BYTES_PER_ROW is small against the file, and its indexes are built after the
# load rather than kept up to date row by row (bulk.indexes_deferred).
BULK_BYTES_PER_ROW = 512
SCRATCH_CACHE_KIB = 65_536  # SQLite: the temporary tables' page cache, a bound on its memory


@dataclass(frozen=True)
class ImportSummary:
    format_name: str
    file_name: str
    rows_read: int
    created: int
    updated: int
    unchanged: int
    batch_id: int | None
    seconds: float

    def describe(self) -> str:
        rate = self.rows_read / self.seconds if self.seconds else 0.0
        return (
            f"{self.format_name} from {self.file_name}: {self.rows_read} rows read, "
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged "
            f"(batch {self.batch_id}; {self.seconds:.1f} s, {rate:,.0f} rows/s)"
        )


def _progress(enabled: bool, **kwargs: Any) -> tqdm:
    # disable=None: shown on a terminal, silent in logs and pipes, where it would be noise.
    return tqdm(disable=None if enabled else True, mininterval=0.5, leave=False, **kwargs)


# A person's profile as the file records it: PROFILE_FIELDS' values and the time of the
# latest record that names them.
Profile = tuple[dict[str, Any], datetime | None]


class _Scratch:
    """The import's temporary tables, which hold what the import must remember across the
    file, so that its memory does not grow with the file:

    - keys: the first line of each record reference (force and reference), to report a
      reference given twice;
    - people: each person the file names, with their person id, whether they were held
      before this import, and their profile as the file records it so far.

    They are made inside the import's transaction and dropped at its end; a rejected file
    leaves none behind.
    """

    def __init__(self) -> None:
        connection.ensure_connection()
        self.sqlite = connection.vendor == "sqlite"
        schema = "temp" if self.sqlite else "pg_temp"
        self.keys = f"{schema}.answerable_import_keys"
        self.people = f"{schema}.answerable_import_people"
        self.mark = "?" if self.sqlite else "%s"
        self.cursor = connection.connection.cursor()
        self.drop()
        rowid = " WITHOUT ROWID" if self.sqlite else ""
        if self.sqlite:
            # SQLite's temporary tables have a cache of their own, 2 MiB unless told: every
            # lookup of the tables' random keys then went to the temporary file.
            self.cursor.execute(f"PRAGMA temp.cache_size = -{SCRATCH_CACHE_KIB}")
        self.cursor.execute(
            "CREATE TEMPORARY TABLE answerable_import_keys "
            f"(ref TEXT PRIMARY KEY, line INTEGER NOT NULL){rowid}"
        )
        profile = ", ".join(f"{name} {_SQL_TYPES[name]}" for name in PROFILE_FIELDS)
        self.cursor.execute(
            "CREATE TEMPORARY TABLE answerable_import_people (pseudonym TEXT PRIMARY KEY, "
            f"person_id INTEGER NOT NULL, existed INTEGER NOT NULL, {profile}, "
            f"recorded_at TEXT){rowid}"
        )

    def drop(self) -> None:
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.keys}")
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.people}")

    def close(self) -> None:
        self.drop()
        self.cursor.close()

    def first_lines(self, first_in_chunk: dict[str, int]) -> dict[str, int]:
        """The references of a chunk met earlier in the file, with their first line; the
        chunk's new references are remembered with theirs."""
        condition, as_parameter = any_of("ref")
        self.cursor.execute(
            f"SELECT ref, line FROM {self.keys} WHERE {condition}",
            [as_parameter(list(first_in_chunk))],
        )
        earlier = dict(self.cursor.fetchall())
        self.cursor.executemany(
            f"INSERT INTO {self.keys} (ref, line) VALUES ({self.mark}, {self.mark})",
            sorted((ref, line) for ref, line in first_in_chunk.items() if ref not in earlier),
        )
        return earlier

    def profiles(self, pseudonyms: list[str]) -> dict[str, tuple[int, bool, Profile]]:
        """pseudonym -> (person id, held before this import, profile so far) for the people
        of `pseudonyms` met earlier in the file."""
        condition, as_parameter = any_of("pseudonym")
        self.cursor.execute(
            f"SELECT pseudonym, person_id, existed, {', '.join(PROFILE_FIELDS)}, recorded_at "
            f"FROM {self.people} WHERE {condition}",
            [as_parameter(pseudonyms)],
        )
        return {
            pseudonym: (
                person_id,
                bool(existed),
                (
                    {
                        name: value
                        for name, value in zip(PROFILE_FIELDS, profile, strict=True)
                        if value is not None
                    },
                    datetime.fromisoformat(at) if at else None,
                ),
            )
            for pseudonym, person_id, existed, *profile, at in self.cursor.fetchall()
        }

    def remember(self, people: list[tuple[str, int, bool, Profile]]) -> None:
        """Keep (or replace) each person's state."""
        names = ["pseudonym", "person_id", "existed", *PROFILE_FIELDS, "recorded_at"]
        marks = ", ".join([self.mark] * len(names))
        if self.sqlite:
            sql = f"INSERT OR REPLACE INTO {self.people} ({', '.join(names)}) VALUES ({marks})"
        else:
            updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in names[3:])
            sql = (
                f"INSERT INTO {self.people} ({', '.join(names)}) VALUES ({marks}) "
                f"ON CONFLICT (pseudonym) DO UPDATE SET {updates}"
            )
        rows = [
            (
                pseudonym,
                person_id,
                int(existed),
                *(profile.get(name) for name in PROFILE_FIELDS),
                at.isoformat() if at else None,
            )
            for pseudonym, person_id, existed, (profile, at) in people
        ]
        rows.sort()  # in key order, each page of the table's index is visited once
        self.cursor.executemany(sql, rows)

    def held_people(self, after: str, limit: int) -> list[tuple[str, int, Profile, Profile]]:
        """The next `limit` people held before this import, in pseudonym order after
        `after`: (pseudonym, person id, profile as the file records it, profile held)."""
        person = connection.ops.quote_name(Person._meta.db_table)
        self.cursor.execute(
            "SELECT s.pseudonym, s.person_id, "
            + ", ".join(f"s.{name}" for name in PROFILE_FIELDS)
            + ", s.recorded_at, "
            + ", ".join(f"p.{name}" for name in PROFILE_FIELDS)
            + f", p.last_recorded_at FROM {self.people} s JOIN {person} p ON p.id = s.person_id "
            f"WHERE s.existed = 1 AND s.pseudonym > {self.mark} "
            f"ORDER BY s.pseudonym LIMIT {int(limit)}",
            [after],
        )
        width = len(PROFILE_FIELDS)
        page = []
        for pseudonym, person_id, *rest in self.cursor.fetchall():
            observed, at = rest[:width], rest[width]
            held, held_at = rest[width + 1 : 2 * width + 1], rest[2 * width + 1]
            page.append(
                (
                    pseudonym,
                    person_id,
                    (
                        {
                            name: value
                            for name, value in zip(PROFILE_FIELDS, observed, strict=True)
                            if value is not None
                        },
                        datetime.fromisoformat(at) if at else None,
                    ),
                    (dict(zip(PROFILE_FIELDS, held, strict=True)), self._moment(held_at)),
                )
            )
        return page

    def _moment(self, value: Any) -> datetime | None:
        """A date-time column as read back: SQLite's are naive UTC (bulk._sqlite_datetime),
        as text or, where Django's connection parses the column's type, a naive datetime."""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    def created_people(self) -> str:
        """A query for the ids of the people this import created."""
        return f"SELECT person_id FROM {self.people} WHERE existed = 0"


_SQL_TYPES = {
    "sex": "TEXT",
    "age": "INTEGER",
    "nationality": "TEXT",
    "disability": "TEXT",
    "asylum_claimed": "TEXT",
}


def _fold(profile: Profile, attributes: dict[str, Any], at: datetime) -> Profile:
    if profile[1] is None and not profile[0]:
        # A person's first record: merge_profile into nothing keeps what is recorded.
        return {name: value for name, value in attributes.items() if value is not None}, at
    return merge_profile(profile[0], profile[1], attributes, at)


class _Derived(Protocol):
    """What the imported models (custody episodes, disclosures) add to a Model."""

    @staticmethod
    def derived_values(values: dict[str, Any]) -> dict[str, Any]: ...


class _History(TypedDict):
    """Who, when and why, for every history entry an import writes (bulk.py)."""

    user_id: int | None
    when: datetime
    reason: str


def _key_of(target: Target) -> str:
    """The column that identifies a record within a force: every format the importer takes
    (TARGETS: custody episodes, disclosures) has one."""
    key = target.format.key
    assert key is not None
    return key


class _Writer:
    """Writes a file's checked rows, chunk by chunk, and its people at the end."""

    def __init__(
        self,
        target: Target,
        refs: References,
        batch: ImportBatch,
        user: AbstractBaseUser | None,
        scratch: _Scratch,
    ) -> None:
        self.target, self.refs, self.batch, self.scratch = target, refs, batch, scratch
        self.stamp = batch.started_at
        self.history: _History = {
            "user_id": user.pk if user else None,
            "when": batch.started_at,
            "reason": f"{target.format.name} import, batch {batch.pk} ({batch.file_name})",
        }
        self.pseudonymise = pseudonymiser(settings.PSEUDONYM_KEY)
        self.profile_fields = [name for name in PROFILE_FIELDS if name in target.format.by_name]
        self.created = self.updated = self.rows = 0
        model = target.model
        quote = connection.ops.quote_name
        self.existing_sql = (
            f"SELECT {quote(_key_of(target))}, {quote(pk_column(model))}, source_hash "
            f"FROM {quote(model._meta.db_table)} WHERE force_id = {scratch.mark} AND "
        )
        person = connection.ops.quote_name(Person._meta.db_table)
        self.person_sql = f"SELECT pseudonym, id FROM {person} WHERE "

    def write(self, chunk: list[Values]) -> None:
        self.refs.materialise()  # the forces, divisions and stations the chunk added
        pseudonyms, people = self._people(chunk)
        self._records(chunk, pseudonyms, people)
        self.rows += len(chunk)

    def _people(self, chunk: list[Values]) -> tuple[list[str | None], dict[str, int]]:
        """Each row's pseudonym (None for a row naming nobody), and pseudonym -> person id:
        people new to the register are created now, with their profile so far."""
        forces = self.refs.forces
        event = self.target.event
        assert event is not None  # custody episodes and disclosures are placed by a time
        fields = self.profile_fields
        known: dict[tuple[str, str], str] = {}  # people recur: pseudonymise each once
        pseudonyms: list[str | None] = []
        seen: list[tuple[str, dict[str, Any], datetime]] = []
        for values in chunk:
            ref = values.get("person_ref")
            if ref is None:
                pseudonyms.append(None)
                continue
            pseudonym = known.get((values["force"], ref))
            if pseudonym is None:
                force = forces[values["force"]].name
                pseudonym = self.pseudonymise(ref, force=force)
                known[(values["force"], ref)] = pseudonym
            pseudonyms.append(pseudonym)
            seen.append((pseudonym, {name: values[name] for name in fields}, values[event]))
        if not seen:
            return pseudonyms, {}
        named = list(dict.fromkeys(pseudonym for pseudonym, _, _ in seen))
        earlier = self.scratch.profiles(named)
        held = self._held_people([p for p in named if p not in earlier])
        states: dict[str, tuple[int | None, bool, Profile]] = {}
        for pseudonym in named:
            if pseudonym in earlier:
                states[pseudonym] = earlier[pseudonym]
            else:
                states[pseudonym] = (held.get(pseudonym), pseudonym in held, ({}, None))
        before = {pseudonym: states[pseudonym][2] for pseudonym in named}
        # The file's rows in order, folded into each person's profile (profile.py).
        profiles = dict(before)
        for pseudonym, attributes, at in seen:
            profiles[pseudonym] = _fold(profiles[pseudonym], attributes, at)

        new = [pseudonym for pseudonym in named if states[pseudonym][0] is None]
        created = insert(
            Person,
            [self._person_row(pseudonym, profiles[pseudonym]) for pseudonym in new],
        )
        ids = dict(zip(new, created, strict=True))
        # People created earlier in this import hold the file's profile so far: keep it so
        # (their creation is written to their history at the end, as they then are).
        changed = {
            pk: self._person_change(profiles[pseudonym])
            for pseudonym, (pk, existed, _) in states.items()
            if pk is not None
            and not existed
            and pseudonym in earlier
            and profiles[pseudonym] != before[pseudonym]
        }
        update(Person, changed)
        remembered = []
        people: dict[str, int] = {}
        for pseudonym in named:
            pk, existed, _ = states[pseudonym]
            pk = ids[pseudonym] if pk is None else pk
            people[pseudonym] = pk
            if pseudonym not in earlier or profiles[pseudonym] != before[pseudonym]:
                remembered.append((pseudonym, pk, existed, profiles[pseudonym]))
        self.scratch.remember(remembered)
        return pseudonyms, people

    def _held_people(self, pseudonyms: list[str]) -> dict[str, int]:
        """pseudonym -> person id of those of `pseudonyms` the register holds."""
        if not pseudonyms:
            return {}
        condition, as_parameter = any_of("pseudonym")
        cursor = self.scratch.cursor
        cursor.execute(self.person_sql + condition, [as_parameter(pseudonyms)])
        return dict(cursor.fetchall())

    def _person_row(self, pseudonym: str, profile: Profile) -> dict[str, Any]:
        return {
            "pseudonym": pseudonym,
            **{name: profile[0].get(name) for name in PROFILE_FIELDS},
            "last_recorded_at": profile[1],
            "created_at": self.stamp,
            "updated_at": self.stamp,
        }

    def _person_change(self, profile: Profile) -> dict[str, Any]:
        return {
            **{name: profile[0].get(name) for name in PROFILE_FIELDS},
            "last_recorded_at": profile[1],
            "updated_at": self.stamp,
        }

    def _existing(self, chunk: list[Values]) -> dict[tuple[int, str], tuple[int, str]]:
        """(force id, reference) -> (record id, source hash) for the chunk's rows already
        held."""
        key = _key_of(self.target)
        by_force: dict[int, list[str]] = {}
        for values in chunk:
            by_force.setdefault(self.refs.forces[values["force"]].pk, []).append(values[key])
        condition, as_parameter = any_of(connection.ops.quote_name(key))
        held: dict[tuple[int, str], tuple[int, str]] = {}
        cursor = self.scratch.cursor
        for force_id, refs_in_chunk in by_force.items():
            cursor.execute(self.existing_sql + condition, [force_id, as_parameter(refs_in_chunk)])
            for ref, pk, digest in cursor.fetchall():
                held[(force_id, ref)] = (pk, digest)
        return held

    def _records(
        self, chunk: list[Values], pseudonyms: list[str | None], people: dict[str, int]
    ) -> None:
        target, refs, stamp, batch = self.target, self.refs, self.stamp, self.batch
        model, key = target.model, _key_of(target)
        derived_values = cast(_Derived, model).derived_values
        held = self._existing(chunk)
        unlinked = dict.fromkeys(target.links)
        new: list[dict[str, Any]] = []
        changed: dict[int, dict[str, Any]] = {}
        for values, pseudonym in zip(chunk, pseudonyms, strict=True):
            force_id = refs.forces[values["force"]].pk
            fields = target.fields(values, refs)
            fields["person_id"] = people[pseudonym] if pseudonym else None
            digest = fingerprint(fields, pseudonym)
            current = held.get((force_id, values[key]))
            if current is None:
                new.append(
                    {
                        "force_id": force_id,
                        key: values[key],
                        **fields,
                        **unlinked,
                        **derived_values(fields),
                        "source_hash": digest,
                        "import_batch_id": batch.pk,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
            elif current[1] != digest:
                changed[current[0]] = {
                    **fields,
                    **derived_values(fields),
                    "source_hash": digest,
                    "import_batch_id": batch.pk,
                    "updated_at": stamp,
                }
        insert_with_history(model, new, **self.history)
        update_with_history(model, changed, **self.history)
        self.created += len(new)
        self.updated += len(changed)

    def finish(self) -> None:
        """The people the file names, brought up to date once each, with one history entry
        each: a creation for those new to the register, a change for those held whose
        profile the file changed (merge_profile keeps "not recorded" from erasing a
        recorded value)."""
        copy_to_history(Person, self.scratch.created_people(), kind="+", **self.history)
        after = ""
        while True:
            page = self.scratch.held_people(after, PEOPLE_CHUNK)
            if not page:
                break
            after = page[-1][0]
            changes: dict[int, dict[str, Any]] = {}
            for _, pk, (profile, at), (current, held_at) in page:
                # The file's profile is one observation at its latest time.
                assert at is not None  # the file's profile is dated by the rows that made it
                merged, latest = merge_profile(current, held_at, profile, at)
                if merged != current or latest != held_at:
                    changes[pk] = {**merged, "last_recorded_at": latest, "updated_at": self.stamp}
            update_with_history(Person, changes, **self.history)


def _checked_chunks(
    target: Target,
    path: Path,
    refs: References,
    now: datetime,
    scratch: _Scratch,
    errors: list[CellError],
    progress: bool,
) -> Iterator[list[Values]]:
    """The file's rows, checked and resolved, a chunk at a time, for as long as no error
    has been found; after the first, the rest of the file is still checked, so that every
    error is reported, but nothing more is yielded. Raises ImportRejected for a bad header."""
    fmt = target.format
    with _progress(
        progress,
        total=path.stat().st_size,
        unit="B",
        unit_scale=True,
        desc=f"Importing {path.name}",
    ) as bar:
        header, rows = read_rows(path, fmt.column_names, fmt.required, errors, bar.update)
        if header is None or errors:
            # A bad header makes every row unreadable: report the header, not each row.
            raise ImportRejected(path.name, errors)
        read = fmt.reader(header)
        key = _key_of(target)
        key_column = header.column_number(key)
        resolve = target.resolve
        chunk: list[Values] = []
        read_in_chunk = 0
        # (force and reference, line, reference) of the chunk's rows, to find repeats.
        keys: list[tuple[str, int, str]] = []
        for row in rows:
            values, row_errors = read(row, now)
            if row_errors:
                errors.extend(row_errors)
            for name, message in resolve(values, refs):
                errors.append(at_cell(row.line, header, name, message))
            ref = values[key]
            if ref is not None:
                keys.append((f"{values['force']}\x1f{ref}", row.line, ref))
            if not errors:
                chunk.append(values)  # once a row fails, the file fails: keep memory for errors
            read_in_chunk += 1
            if read_in_chunk == CHUNK:
                _repeats(scratch, keys, key, key_column, errors)
                if not errors and chunk:
                    yield chunk
                chunk, keys, read_in_chunk = [], [], 0
        _repeats(scratch, keys, key, key_column, errors)
        if not errors and chunk:
            yield chunk


def _repeats(
    scratch: _Scratch,
    keys: list[tuple[str, int, str]],
    key: str,
    key_column: int,
    errors: list[CellError],
) -> None:
    """An error for each reference already given on an earlier line of the file."""
    if not keys:
        return
    first_in_chunk: dict[str, int] = {}
    for both, line, _ in keys:
        first_in_chunk.setdefault(both, line)
    earlier = scratch.first_lines(first_in_chunk)
    for both, line, ref in keys:
        first = earlier.get(both, first_in_chunk[both])
        if first != line:
            errors.append(CellError(line, key_column, key, f"{ref!r} is also on line {first}"))


def import_file(
    kind: str,
    path: Path | str,
    *,
    imported_by: str | None = None,
    user: AbstractBaseUser | None = None,
    synthetic: bool = False,
    add_stations: bool = False,
    progress: bool = True,
    now: datetime | None = None,
) -> ImportSummary:
    """Import one interchange file of `kind` ("custody" or "disclosures")."""
    target = TARGETS[kind]
    path = Path(path)
    clock = time.perf_counter()
    now = now or timezone.now()
    refs = References(settings.ANSWERABLE_FORCE, add_missing=add_stations)
    errors: list[CellError] = []
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind=kind,
            file_name=path.name,
            sha256=_sha256(path),
            imported_by=imported_by or (user.get_username() if user else getpass.getuser()),
            synthetic=synthetic,
            started_at=now,
            rows_read=0,
        )
        scratch = _Scratch()
        try:
            writer = _Writer(target, refs, batch, user, scratch)
            model = target.model
            bulk = row_count_below(model, path.stat().st_size // BULK_BYTES_PER_ROW)
            with indexes_deferred(model, model.history.model, enabled=bulk):
                for chunk in _checked_chunks(target, path, refs, now, scratch, errors, progress):
                    writer.write(chunk)
                if errors:
                    raise ImportRejected(path.name, errors)  # rolls back all that was written
            writer.finish()
            scratch.drop()
        finally:
            scratch.cursor.close()
        batch.rows_read = writer.rows
        batch.created, batch.updated = writer.created, writer.updated
        batch.unchanged = writer.rows - writer.created - writer.updated
        linked = link_batch(batch)
        batch.finished_at = timezone.now()
        batch.save()
        # The rows went in without the ORM, so no signal logged them: one entry for the
        # batch, with its counts (s62(1)(a), (b)); each record's history has the rest.
        record(
            Action.COLLECTION,
            record_type=record_type_of(ImportBatch),
            record_id=batch.pk,
            purpose=f"{target.format.name} import",
            detail={
                "records": record_type_of(target.model),
                "rows_read": batch.rows_read,
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
                "linked": linked,
            },
        )
    if batch.created or batch.updated:
        refresh_statistics(target.model)
    return ImportSummary(
        format_name=target.format.name,
        file_name=path.name,
        rows_read=batch.rows_read,
        created=batch.created,
        updated=batch.updated,
        unchanged=batch.unchanged,
        batch_id=batch.pk,
        seconds=time.perf_counter() - clock,
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
