"""The forms of a requester's name the disclosure log removes (disclosure_log/names.py)."""

from hypothesis import assume, given
from hypothesis import strategies as st

from answerable.disclosure_log.anonymise import MARK, anonymise_text
from answerable.disclosure_log.names import TITLES, name_variants, split_name

ZELDA = "Ms Zelda Quixote-Marchbanks"


def removed(text: str, name: str) -> str:
    return anonymise_text(text, name_variants(name))


def test_the_name_splits_into_title_given_names_and_surname():
    assert split_name(ZELDA) == ("Ms", ["Zelda"], "Quixote-Marchbanks")
    assert split_name("Dr Jan van der Berg") == ("Dr", ["Jan"], "van der Berg")
    assert split_name("Zelda") == ("", ["Zelda"], "")


def test_every_form_the_issue_names_is_removed():
    text = (
        "Ms Quixote-Marchbanks wrote. Zelda asks for the policy. Signed Z. Quixote-Marchbanks; "
        "also Ms Quixote Marchbanks, Zelda Quixote Marchbanks, Z Quixote-Marchbanks, "
        "Quixote-Marchbanks, Zelda, and MS ZELDA QUIXOTE-MARCHBANKS. Zelda's letter."
    )
    out = removed(text, ZELDA)
    assert "Zelda" not in out and "Quixote" not in out and "Marchbanks" not in out, out
    assert "wrote." in out and "asks for the policy" in out and "letter." in out


def test_the_surname_alone_is_never_removed():
    # A requester called Govan or Newton-Stewart must not take a custody centre or a town
    # out of the published tables.
    for name, place in [("Ms Anne Govan", "Govan"), ("Mr Ian Newton-Stewart", "Newton Stewart")]:
        variants = name_variants(name)
        assert place not in variants and place.replace(" ", "-") not in variants
        out = removed(f"Custodies at {place}: 76. Asked by {name}.", name)
        assert f"Custodies at {place}: 76." in out and "Anne" not in out and "Ian" not in out


def test_a_blank_name_has_no_forms():
    assert name_variants("  ") == []


def test_longer_forms_come_first_so_the_title_goes_with_the_name():
    variants = name_variants(ZELDA)
    assert variants == sorted(variants, key=len, reverse=True)
    assert removed("Dear Ms Z. Quixote-Marchbanks,", ZELDA) == f"Dear {MARK},"


WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9).map(str.title)


@given(
    title=st.sampled_from(TITLES),
    first=WORD,
    middle=st.lists(WORD, max_size=1),
    parts=st.lists(WORD, min_size=1, max_size=2),
    form=st.sampled_from(["title", "first", "initial", "unhyphenated", "full", "reversed"]),
)
def test_any_form_of_any_name_is_removed_and_nothing_else(title, first, middle, parts, form):
    surname = "-".join(parts)
    # A given name that is also the surname is never removed alone (it would be the surname).
    assume(form != "first" or first not in parts)
    name = " ".join([title, first, *middle, surname])
    spaced = " ".join(parts)
    written = {
        "title": f"{title} {surname}",
        "first": first,
        "initial": f"{first[0]}. {surname}",
        "unhyphenated": f"{first} {spaced}",
        "full": name.upper(),
        "reversed": f"{surname}, {first}",
    }[form]
    out = removed(f"Quoted: {written} asks. Table: Stornoway 3.", name)
    assert out == f"Quoted: {MARK} asks. Table: Stornoway 3."
    # No form is the surname (or a part of it) alone.
    lone = {p.casefold() for p in [*parts, surname, spaced]}
    assert not lone & {v.casefold() for v in name_variants(name)}
