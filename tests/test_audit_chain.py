"""The audit trail's hash chain as pure functions (audit/chain.py): no database."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answerable.audit.chain import (
    GENESIS,
    HASHED_FIELDS,
    canonical,
    entry_hash,
    first_break,
    parse_recorded,
)
from answerable.core.uk_time import UK

AT = datetime(2026, 3, 29, 0, 59, 59, 123456, tzinfo=UTC)  # a second before the clocks go forward


def content(sequence: int, **changes: object) -> dict[str, object]:
    values: dict[str, object] = {
        "sequence": sequence,
        "at": AT + timedelta(minutes=sequence),
        "action": "consultation",
        "actor": "dpo",
        "record_type": "register.person",
        "record_id": str(sequence),
        "recipient": "",
        "purpose": "person page",
        "detail": "{}",
    }
    values.update(changes)
    return values


def build(contents: list[dict[str, object]]) -> list[dict[str, object]]:
    """Entries chained as trail.record() chains them."""
    chain, previous = [], GENESIS
    for values in contents:
        digest = entry_hash(previous, values)
        chain.append({**values, "previous_hash": previous, "hash": digest})
        previous = digest
    return chain


def head_of(chain: list[dict[str, object]]) -> dict[str, object]:
    return {"sequence": chain[-1]["sequence"], "hash": chain[-1]["hash"]} if chain else None


def test_canonical_form_does_not_depend_on_the_order_of_the_fields():
    values = content(1)
    backwards = dict(reversed(list(values.items())))
    assert list(backwards) != list(values)
    assert canonical(backwards) == canonical(values)
    assert entry_hash(GENESIS, backwards) == entry_hash(GENESIS, values)


def test_extra_fields_are_not_hashed_and_a_missing_one_is_refused():
    values = content(1)
    assert canonical({**values, "previous_hash": "x", "id": 9}) == canonical(values)
    del values["purpose"]
    with pytest.raises(ValueError, match="needs 'purpose'"):
        canonical(values)


def test_the_date_and_time_is_hashed_in_utc_whatever_zone_it_comes_in():
    at = content(1)["at"]  # 01:00:59 UTC, 02:00:59 BST: the clocks have just gone forward
    uk = content(1, at=at.astimezone(UK))
    new_york = content(1, at=at.astimezone(timezone(timedelta(hours=-5))))
    assert uk["at"].utcoffset() == timedelta(hours=1)
    assert canonical(uk) == canonical(new_york) == canonical(content(1))
    assert b'"at":"2026-03-29T01:00:59.123456Z"' in canonical(content(1))


def test_a_naive_date_and_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        canonical(content(1, at=datetime(2026, 3, 29, 1, 0)))


def test_a_microsecond_or_any_field_changes_the_hash():
    base = entry_hash(GENESIS, content(1))
    one_microsecond_on = content(1)["at"] + timedelta(microseconds=1)
    assert entry_hash(GENESIS, content(1, at=one_microsecond_on)) != base
    others = {"sequence": 2, "at": AT}
    for name in HASHED_FIELDS:
        changed = {**content(1), name: others.get(name, "x")}
        assert entry_hash(GENESIS, changed) != base, name
    assert entry_hash("1" * 64, content(1)) != base


def test_an_intact_chain_has_no_break_with_or_without_its_head():
    chain = build([content(n) for n in range(1, 6)])
    assert first_break(chain) is None
    assert first_break(chain, head_of(chain)) is None
    assert first_break([], {"sequence": 0, "hash": GENESIS}) is None


def test_an_edited_entry_breaks_at_itself():
    chain = build([content(n) for n in range(1, 6)])
    chain[2] = {**chain[2], "actor": "someone else"}
    problem = first_break(chain, head_of(chain))
    assert (problem.sequence, problem.reason) == (3, "its content does not match its hash (edited)")


def test_a_deleted_entry_is_named():
    chain = build([content(n) for n in range(1, 6)])
    head = head_of(chain)
    problem = first_break(chain[:2] + chain[3:], head)
    assert problem.sequence == 3 and "missing (deleted): entry 3" in problem.reason
    problem = first_break(chain[:1] + chain[3:], head)
    assert problem.sequence == 2 and "entry 2 to 3" in problem.reason


def test_a_deleted_last_entry_is_found_by_the_head():
    chain = build([content(n) for n in range(1, 6)])
    assert first_break(chain[:-1]) is None  # the chain alone cannot know
    problem = first_break(chain[:-1], head_of(chain))
    assert problem.sequence == 5 and "chain head records later entries" in problem.reason


def test_entries_moved_and_renumbered_break_the_links():
    chain = build([content(n) for n in range(1, 6)])
    third, fourth = chain[2], chain[3]
    # Each keeps its place's sequence number but takes the other's content and hashes.
    moved = [*chain[:2], {**fourth, "sequence": 3}, {**third, "sequence": 4}, chain[4]]
    problem = first_break(moved, head_of(chain))
    assert problem.sequence == 3 and "does not follow entry 2" in problem.reason


def test_a_forged_entry_with_its_hash_recomputed_breaks_the_next_link():
    chain = build([content(n) for n in range(1, 6)])
    forged = content(3, actor="nobody")
    chain[2] = {
        **forged,
        "previous_hash": chain[1]["hash"],
        "hash": entry_hash(chain[1]["hash"], forged),
    }
    problem = first_break(chain, head_of(chain))
    assert problem.sequence == 4 and "does not follow entry 3" in problem.reason


def test_a_forged_last_entry_is_found_by_the_head():
    chain = build([content(n) for n in range(1, 4)])
    head = head_of(chain)
    forged = content(3, actor="nobody")
    chain[2] = {
        **forged,
        "previous_hash": chain[1]["hash"],
        "hash": entry_hash(chain[1]["hash"], forged),
    }
    assert first_break(chain) is None
    problem = first_break(chain, head)
    assert problem.sequence == 3 and "chain head" in problem.reason


def test_an_entry_after_the_head_is_named():
    chain = build([content(n) for n in range(1, 5)])
    problem = first_break(chain, head_of(chain[:3]))
    assert problem.sequence == 4 and "after the chain head" in problem.reason


def test_a_rewritten_chain_is_found_by_a_head_recorded_outside():
    chain = build([content(n) for n in range(1, 6)])
    recorded = (4, chain[3]["hash"])
    assert first_break(chain, head_of(chain), recorded) is None
    rewritten = build([content(n, actor="nobody" if n == 2 else "dpo") for n in range(1, 6)])
    assert first_break(rewritten, head_of(rewritten)) is None  # consistent in itself
    problem = first_break(rewritten, head_of(rewritten), recorded)
    assert problem.sequence == 4 and "recorded for it outside" in problem.reason
    problem = first_break(chain[:3], head_of(chain[:3]), recorded)
    assert problem.sequence == 4 and "no longer in the trail" in problem.reason


def test_a_recorded_head_is_read_from_its_text():
    digest = "ab" * 32
    assert parse_recorded(f" 12:{digest.upper()} ") == (12, digest)
    for bad in ("12", f"x:{digest}", f"0:{digest}", "3:abc", f"3:{'g' * 64}"):
        with pytest.raises(ValueError, match=r"SEQUENCE:HASH|64 hexadecimal"):
            parse_recorded(bad)


text = st.text(max_size=20)
entry_contents = st.fixed_dictionaries(
    {
        "at": st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
        ),
        "action": st.sampled_from(["collection", "consultation", "disclosure", "erasure"]),
        "actor": text,
        "record_type": text,
        "record_id": text,
        "recipient": text,
        "purpose": text,
        "detail": text,
    }
)
EDITABLE = [name for name in HASHED_FIELDS if name != "sequence"]


@given(
    contents=st.lists(entry_contents, min_size=1, max_size=8),
    data=st.data(),
)
def test_any_single_field_edit_of_any_entry_is_detected_at_that_entry(contents, data):
    chain = build([{**values, "sequence": n} for n, values in enumerate(contents, 1)])
    head = head_of(chain)
    index = data.draw(st.integers(0, len(chain) - 1), label="entry")
    name = data.draw(st.sampled_from(EDITABLE), label="field")
    old = chain[index][name]
    if name == "at":
        new = data.draw(
            st.datetimes(timezones=st.just(UTC)).filter(lambda at: at != old), label="new"
        )
    else:
        new = data.draw(text.filter(lambda value: value != old), label="new")
    edited = [dict(entry) for entry in chain]
    edited[index][name] = new
    problem = first_break(edited, head)
    assert problem is not None
    assert problem.sequence == index + 1
    assert "edited" in problem.reason
