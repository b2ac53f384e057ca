"""Periods: financial years run 1 April to 31 March."""

from datetime import date

import pytest

from answerable.answers import periods


def test_financial_year_of_a_day():
    assert periods.financial_year(date(2017, 4, 1)) == "2017/18"
    assert periods.financial_year(date(2018, 3, 31)) == "2017/18"
    assert periods.financial_year(date(1999, 12, 1)) == "1999/00"


def test_labels_back_to_days():
    assert periods.days_of_financial_year("2017/18") == (date(2017, 4, 1), date(2018, 3, 31))
    assert periods.days_of_month("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert periods.days_of_year("2020") == (date(2020, 1, 1), date(2020, 12, 31))
    for bad in ("2017/19", "2017-18", "17/18"):
        with pytest.raises(ValueError, match="financial year"):
            periods.days_of_financial_year(bad)


def test_ranges_of_labels():
    assert periods.financial_years_between(date(2017, 3, 31), date(2018, 4, 1)) == [
        "2016/17",
        "2017/18",
        "2018/19",
    ]
    assert periods.months_between(date(2019, 11, 5), date(2020, 2, 1)) == [
        "2019-11",
        "2019-12",
        "2020-01",
        "2020-02",
    ]
