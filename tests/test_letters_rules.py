"""The rules letters rest on: absolute exemptions, NCND, the fee, s15 advice, the table."""

from datetime import date

import pytest
from letters_examples import document

from answerable.answers.catalogue import CATALOGUE
from answerable.casework.letters.advice import narrowing_advice
from answerable.casework.letters.exemptions import (
    is_absolute,
    may_neither_confirm_nor_deny,
    needs_public_interest,
)
from answerable.casework.letters.figures import FiguresError, figure_table


@pytest.mark.parametrize(
    "section",
    [
        "25(1)",
        "26(a)",
        "36(2)",
        "37(1)(a)",
        "38(1)(a)",
        "38(1)(c)",
        "38(1)(d)",
        "s.25",
        "Section 26",
    ],
)
def test_absolute_exemptions(section):
    assert is_absolute(section)
    assert not needs_public_interest("foisa", section)


@pytest.mark.parametrize(
    "section", ["27(1)", "30(c)", "31(1)", "34(1)(a)", "35(1)(a)", "36(1)", "39(1)", "3", "253"]
)
def test_qualified_exemptions(section):
    assert not is_absolute(section)
    assert needs_public_interest("foisa", section)


def test_personal_information_is_absolute_only_with_its_condition():
    # s2(2)(e)(ii): s38(1)(b) where the first condition is met by s38(2A)(a) or (b).
    assert is_absolute("38(1)(b)", "38(2A)(a)")
    assert is_absolute("38(1)(b)", "s38(2A)(b)")
    assert not is_absolute("38(1)(b)")  # the safer reading: give the public interest test
    assert not is_absolute("38(1)(b)", "38(3A)")


def test_foia_and_the_eirs_have_their_own_absolute_exemptions():
    assert not needs_public_interest("foia", "40(1)")
    assert not needs_public_interest("foia", "40(2)", "40(3A)(a)")
    assert needs_public_interest("foia", "40(2)")
    assert needs_public_interest("foia", "31(1)(a)")
    assert needs_public_interest("eir-s", "10(5)(b)")  # every exception: reg 10(1)(b)
    assert needs_public_interest("eir", "12(5)(b)")
    assert not needs_public_interest("eir-s", "11(2)", "first condition")


@pytest.mark.parametrize(
    ("regime", "section", "allowed"),
    [
        ("foisa", "28(1)", True),
        ("foisa", "35(1)(a)", True),
        ("foisa", "38(1)(b)", True),
        ("foisa", "39(1)", True),
        ("foisa", "41(b)", True),
        ("foisa", "36(1)", False),
        ("foisa", "39(2)", False),
        ("foisa", "25(1)", False),
        ("foisa", "27(1)", False),
        ("eir-s", "10(5)(a)", True),
        ("eir-s", "10(5)(b)", False),
        ("eir", "12(5)(a)", True),
        ("eir", "12(4)(b)", False),
        ("foia", "31(3)", True),
    ],
)
def test_neither_confirm_nor_deny_only_under_the_exemptions_that_allow_it(regime, section, allowed):
    assert may_neither_confirm_nor_deny(regime, section) is allowed


def test_advice_names_the_period_held_and_the_breakdowns():
    advice = narrowing_advice(
        CATALOGUE,
        ["custody-count"],
        first_day=date(2015, 4, 1),
        last_day=date(2018, 3, 31),
        held_from={"custody-count": date(2017, 4, 1)},
        by=["station", "duration"],
    )
    held, breakdowns = advice
    assert "can be extracted only from 1 April 2017" in held
    assert "1 April 2015 to 31 March 2018" in held
    assert breakdowns.startswith(
        "Immigration-related custody episodes can be given for 1 April 2017 to 31 March 2018"
    )
    assert "broken down by custody centre and time in custody (hours) as you asked" in breakdowns
    assert "nationality (self-declared)" in breakdowns  # another breakdown it could give


def test_advice_says_which_breakdowns_are_not_recorded():
    advice = narrowing_advice(CATALOGUE, ["referrals"], by=["sex", "religion"])
    assert "Referrals to the Home Office can be given for any period" in advice[0]
    assert "broken down by sex as you asked" in advice[0]
    assert "by religion is not recorded" in advice[1]


def test_advice_refuses_an_unknown_question():
    with pytest.raises(ValueError, match=r"unknown catalogue question.*custody-counts"):
        narrowing_advice(CATALOGUE, ["custody-counts"])
    with pytest.raises(ValueError, match="at least one"):
        narrowing_advice(CATALOGUE, [])


def test_one_dimension_is_a_list_table_with_its_total():
    table = figure_table(document(), {"duration": "Time in custody (hours)"})
    assert table.columns == ("Time in custody (hours)", "Count")
    assert [row.headers[0] for row in table.rows] == ["0-24", "24-48", "48+", "In custody", "Total"]
    assert table.rows[-1].cells == ("537",) and table.rows[-1].total
    assert table.caption == (
        "Immigration-related custody episodes, 1 April 2017 to 31 March 2018, "
        "by time in custody (hours)"
    )
    assert "£5" in table.cost and "£600" in table.cost  # for the letter to show where it matters
    assert table.notes == ()  # what [c] and 0 mean is said once per response (notes.py)


def _two_way() -> dict:
    cells = {("Ayr", "0-24"): "[c]", ("Ayr", "24+"): "0", ("Govan", "0-24"): "50"}
    cells[("Govan", "24+")] = "26"
    return {
        **document(),
        "by": ["station", "duration"],
        "cells": [
            {"station": s, "duration": d, "count": None, "display": v}
            for (s, d), v in cells.items()
        ],
        "margins": {
            "station": [
                {"station": "Ayr", "count": None, "display": "[c]"},
                {"station": "Govan", "count": 76, "display": "76"},
            ],
            "duration": [
                {"duration": "0-24", "count": None, "display": "[c]"},
                {"duration": "24+", "count": 26, "display": "26"},
            ],
        },
        "total": {"count": 80, "display": "80"},
    }


def test_two_dimensions_are_a_cross_tab_with_margins():
    table = figure_table(_two_way(), {"station": "Custody centre", "duration": "Time (hours)"})
    assert table.columns == ("Custody centre", "0-24", "24+", "Total")
    assert table.column_group == "Time (hours)"
    assert [(row.headers, row.cells) for row in table.rows] == [
        (("Ayr",), ("[c]", "0", "[c]")),
        (("Govan",), ("50", "26", "76")),
        (("Total",), ("[c]", "26", "80")),
    ]


def test_three_dimensions_are_a_long_table_with_each_dimensions_totals():
    three = {
        **document(),
        "by": ["sex", "child", "year"],
        "cells": [
            {"sex": "male", "child": "no", "year": "2017", "count": 7, "display": "7"},
            {"sex": "female", "child": "no", "year": "2017", "count": 6, "display": "6"},
        ],
        "margins": {
            "sex": [
                {"sex": "male", "count": 7, "display": "7"},
                {"sex": "female", "count": 6, "display": "6"},
            ],
            "child": [{"child": "no", "count": 13, "display": "13"}],
            "year": [{"year": "2017", "count": 13, "display": "13"}],
        },
        "total": {"count": 13, "display": "13"},
    }
    table = figure_table(three)
    assert table.columns == ("Sex", "Child", "Year", "Count")
    assert table.header_columns == 3
    assert table.rows[0].headers == ("Male", "No", "2017")
    assert table.rows[2].headers == ("Male", "Total", "Total") and table.rows[2].total
    assert table.rows[-1].headers == ("Total", "Total", "Total")
    assert table.rows[-1].cells == ("13",)


def test_a_document_without_its_contract_keys_is_refused():
    broken = {**document()}
    del broken["cells"]
    with pytest.raises(FiguresError, match="'cells'"):
        figure_table(broken)
    with pytest.raises(FiguresError, match="margins"):
        figure_table({**_two_way(), "margins": {}})
