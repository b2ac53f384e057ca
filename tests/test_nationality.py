"""Self-declared nationality read as ISO 3166-1 alpha-2 (answerable/register/nationality.py)."""

import pytest

from answerable.register.nationality import KOSOVO, STATELESS, parse_nationality


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("AL", "AL"),
        ("GB", "GB"),
        ("ER", "ER"),
        ("ALB", "AL"),
        ("GBR", "GB"),
        ("SYR", "SY"),
        ("Albania", "AL"),
        ("United Kingdom", "GB"),
        ("Eritrea", "ER"),
        ("Viet Nam", "VN"),
        ("Iran", "IR"),
        ("Syria", "SY"),
    ],
)
def test_codes_and_english_names(text, code):
    assert parse_nationality(text) == code


@pytest.mark.parametrize("text", ["alb", "Alb", "al", "ALBANIA", "albania", "aLbAnIa"])
def test_case_does_not_matter(text):
    assert parse_nationality(text) == "AL"


def test_surrounding_and_repeated_spaces_do_not_matter():
    assert parse_nationality("  United   Kingdom ") == "GB"


@pytest.mark.parametrize("text", ["stateless", "Stateless", "STATELESS", "XX", "xxa"])
def test_stateless(text):
    assert parse_nationality(text) == STATELESS == "XX"


@pytest.mark.parametrize("text", ["Kosovo", "KOSOVO", "XK", "xkx"])
def test_kosovo(text):
    assert parse_nationality(text) == KOSOVO == "XK"


@pytest.mark.parametrize("text", ["Narnia", "ZZ", "ZZZ", "Albanian Republic of Nowhere", "A"])
def test_garbage_is_refused(text):
    with pytest.raises(ValueError, match="not an ISO 3166-1"):
        parse_nationality(text)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_is_refused(text):
    with pytest.raises(ValueError, match="empty"):
        parse_nationality(text)
