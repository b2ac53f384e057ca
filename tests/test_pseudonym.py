"""Keyed pseudonyms of person identifiers (answerable/register/pseudonym.py)."""

import hashlib
import hmac
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from answerable.register.pseudonym import PSEUDONYM_LENGTH, pseudonymise, pseudonymiser

FORCE = "Police Scotland"
KEY = "test-key"


def test_same_input_same_pseudonym():
    first = pseudonymise("NCS-P-000123", force=FORCE, key=KEY)
    assert first == pseudonymise("NCS-P-000123", force=FORCE, key=KEY)


def test_pseudonym_is_32_lower_case_hex_characters():
    pseudonym = pseudonymise("NCS-P-000123", force=FORCE, key=KEY)
    assert PSEUDONYM_LENGTH == 32
    assert re.fullmatch(r"[0-9a-f]{32}", pseudonym)


def test_pseudonym_does_not_contain_the_identifier():
    assert "000123" not in pseudonymise("000123", force=FORCE, key=KEY)


def test_differs_by_key():
    assert pseudonymise("P1", force=FORCE, key="key-a") != pseudonymise(
        "P1", force=FORCE, key="key-b"
    )


def test_differs_by_force():
    # Identifiers are issued per force: the same number at two forces is two people.
    assert pseudonymise("P1", force="Police Scotland", key=KEY) != pseudonymise(
        "P1", force="Cleveland Police", key=KEY
    )


def test_force_name_case_and_spaces_do_not_matter():
    assert pseudonymise("P1", force=" police scotland ", key=KEY) == pseudonymise(
        "P1", force="Police Scotland", key=KEY
    )


def test_surrounding_spaces_of_the_identifier_do_not_matter():
    assert pseudonymise("  P1 ", force=FORCE, key=KEY) == pseudonymise("P1", force=FORCE, key=KEY)


def test_identifier_case_matters():
    assert pseudonymise("ab1", force=FORCE, key=KEY) != pseudonymise("AB1", force=FORCE, key=KEY)


@pytest.mark.parametrize("empty", ["", " ", "\t\n"])
def test_refuses_an_empty_identifier(empty):
    with pytest.raises(ValueError, match="empty"):
        pseudonymise(empty, force=FORCE, key=KEY)


@given(st.text(min_size=1), st.text(min_size=1))
def test_distinct_identifiers_give_distinct_pseudonyms(first, second):
    assume(first.strip() and second.strip() and first.strip() != second.strip())
    assert pseudonymise(first, force=FORCE, key=KEY) != pseudonymise(second, force=FORCE, key=KEY)


@given(st.text(min_size=1))
def test_any_identifier_gives_32_hex_characters(ref):
    assume(ref.strip())
    assert re.fullmatch(r"[0-9a-f]{32}", pseudonymise(ref, force=FORCE, key=KEY))


@given(
    ref=st.text(min_size=1, max_size=40),
    force=st.text(max_size=30),
    key=st.text(min_size=1, max_size=30),
)
def test_pseudonymiser_gives_the_same_pseudonyms(ref: str, force: str, key: str) -> None:
    """The import's pseudonymiser (one keyed HMAC state, copied) and pseudonymise are the
    pseudonyms issued before it: HMAC-SHA256 under the key of the folded force name, a unit
    separator and the trimmed identifier, its first 32 hex characters (computed here from
    the standard library, so pseudonyms already stored stay valid)."""
    assume(ref.strip())
    message = f"{force.strip().casefold()}\x1f{ref.strip()}".encode()
    expected = hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]
    assert pseudonymise(ref, force=force, key=key) == expected
    same_key = pseudonymiser(key)
    assert same_key(ref, force=force) == expected
    assert same_key(ref, force=force) == expected  # the keyed state is not consumed


def test_pseudonymiser_refuses_an_empty_identifier() -> None:
    with pytest.raises(ValueError, match="cannot be empty"):
        pseudonymiser(KEY)("  ", force=FORCE)
