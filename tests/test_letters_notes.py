"""A response explains its figures once: [c], 0, "not held" and the threshold's reason.

Issue 12 point 10 and issue 13: each table used to carry the same four notes (and the policy's
reason, with its ICO v Miller citation, once per table). Here a response with three tables
(one with [c], one broken down by child under the sensitive threshold with zeros, one with
periods before the register holds its records) says each thing exactly once, after the
answers; each table keeps its own caption; the cost and average lines appear only where they
matter; and the total row stays in the body of its table.
"""

import dataclasses
import io
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

import pytest
from letters_examples import ADVICE, COST, PERSONAL, document, letter, text_of
from pypdf import PdfReader

from answerable.answers.answer import PEOPLE_NOTE
from answerable.answers.disclosure_control.policy import DEFAULT_REASON, Policy
from answerable.answers.disclosure_control.published import PublishedCell, _footnotes
from answerable.answers.engine import AskError
from answerable.answers.stored import KEYS, ask_from_json, shown
from answerable.casework.letters.content import Answered, Exemption, Letter, Notice, QuestionAnswer
from answerable.casework.letters.figures import ROWS_ON_A_PAGE, figure_table
from answerable.casework.letters.notes import Explanation, ShownTable, figure_notes
from answerable.casework.letters.render import render_html, render_pdf
from answerable.core.regimes import CITATIONS

FOISA = CITATIONS["foisa"]
HEADING = "About the figures in this response"
WITHHELD = "[c] means a figure is withheld"
ZERO = "0 means none"
NOT_HELD = "not held means the register does not hold the figure"
STATIONS = [f"Station {n:02d}" for n in range(1, 36)]  # longer than a page's worth of rows


def _engine_footnotes(cells: Sequence[tuple[int | None, str]], threshold: int) -> list[str]:
    """The footnotes the answer engine gives a table with these (count, display) figures."""
    published = [
        PublishedCell((), count, display, "primary" if count is None else "shown")
        for count, display in cells
    ]
    return _footnotes(published, threshold, [threshold], Policy())


def _one_way(
    question: str, title: str, unit: str, name: str, figures: dict[str, str], total: str
) -> dict[str, Any]:
    return {
        "question": question,
        "title": title,
        "period": {"from": "2017-04-01", "to": "2018-03-31"},
        "by": [name],
        "cells": [
            {name: value, "count": int(shown) if shown.isdigit() else None, "display": shown}
            for value, shown in figures.items()
        ],
        "total": {"count": int(total) if total.isdigit() else None, "display": total},
        "suppression": {
            "threshold": 5,
            "withheld": sum(shown == "[c]" for shown in figures.values()),
            "method": "primary threshold 5; secondary suppression by iterative LP audit",
            "reason": DEFAULT_REASON,
        },
        "cost": {"hours": 0.5, "gbp": 7.5, "limit_gbp": 600.0},
        "counting": "episodes",
        "unit": unit,
        "where": {},
    }


def by_station() -> dict[str, Any]:
    """Question 1's table: custody episodes by station, two withheld ([c])."""
    figures = {station: str(10 + n) for n, station in enumerate(STATIONS)}
    figures[STATIONS[0]] = figures[STATIONS[1]] = "[c]"
    doc = _one_way(
        "custody-count",
        "Immigration-related custody episodes",
        "immigration-related custody episodes",
        "station",
        figures,
        "1000",
    )
    doc["footnotes"] = _engine_footnotes([(None, "[c]"), (12, "12")], 5)
    return doc


def by_child() -> dict[str, Any]:
    """Question 2's table: referrals by child, under the sensitive threshold 10, a zero."""
    doc = _one_way(
        "referrals",
        "Referrals to the Home Office",
        "referrals of people to the Home Office",
        "child",
        {"yes": "0", "no": "41"},
        "41",
    )
    doc["suppression"]["threshold"] = 10
    doc["counting"] = "people"
    doc["time_to_disclose"] = {"average_hours": 30.5, "based_on": 41, "display": "30.5 hours"}
    doc["footnotes"] = _engine_footnotes([(0, "0"), (41, "41")], 10)
    return doc


def by_year() -> dict[str, Any]:
    """Question 3's table: custody episodes by financial year, the first two not held."""
    doc = _one_way(
        "custody-count",
        "Immigration-related custody episodes",
        "immigration-related custody episodes",
        "financial_year",
        {"2015/16": "not held", "2016/17": "not held", "2017/18": "537"},
        "537",
    )
    doc["period"] = {"from": "2015-04-01", "to": "2018-03-31", "held_from": "2017-04-01"}
    for cell in doc["cells"]:
        cell["status"] = "not_held" if cell["display"] == "not held" else "shown"
    doc["footnotes"] = _engine_footnotes([(537, "537")], 5)
    return doc


QUESTIONS = (
    QuestionAnswer(1, "How many were held, by station?", Answered.FIGURES, figures=by_station()),
    QuestionAnswer(2, "How many children were referred?", Answered.FIGURES, figures=by_child()),
    QuestionAnswer(3, "How many were held each year?", Answered.FIGURES, figures=by_year()),
)


def three_tables(notice: Notice = Notice.PARTIAL, **changes: Any) -> Letter:
    """The three tables: partial, as figures are withheld ([c], s38(1)(b)) and not held."""
    return letter(notice, **{"questions": QUESTIONS, "exemptions": (PERSONAL,), **changes})


def _question(number: int, **changes: Any) -> QuestionAnswer:
    return dataclasses.replace(QUESTIONS[number - 1], **changes)


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- each explanation once --------------------------------------------------------------


@pytest.mark.parametrize("public", [False, True])
def test_three_tables_explain_c_zero_and_not_held_once_and_the_reason_once(public):
    page = text_of(render_html(three_tables(), public=public))
    assert page.count(HEADING) == 1
    for said_once in (WITHHELD, ZERO, NOT_HELD, DEFAULT_REASON, "ICO v Miller"):
        assert page.count(said_once) == 1, said_once
    # after the answers, before the rights
    assert page.index("How many were held each year?") < page.index(HEADING)
    assert page.index(HEADING) < page.index("request a review")
    # none of the engine's per-table notes is left under a table
    for footnote in by_station()["footnotes"] + by_child()["footnotes"]:
        assert footnote not in page


def test_the_explanations_say_what_applies():
    page = text_of(render_html(three_tables()))
    assert "either it is more than 0 but fewer than 5, or it is withheld so that another" in page
    # the sensitive threshold, and which table it applied to
    assert (
        "In the table for question 2, which is broken down by child (under 18), figures fewer "
        "than 10 (not 5) are withheld." in page
    )
    assert "withheld under section 38(1)(b) of the Freedom of Information (Scotland) Act" in page
    assert (
        "it holds immigration-related custody episodes only from 1 April 2017, so figures for "
        "any earlier period are not held" in page
    )


def test_the_pdf_says_each_once_too():
    text = re.sub(r"\s+", " ", _pdf_text(render_pdf(three_tables(), public=True)))
    assert text.count(HEADING) == 1
    assert text.count("ICO v Miller") == 1
    assert text.count("[c] means") == 1 and text.count("0 means none") == 1


def test_only_what_the_tables_show_is_explained():
    # The example letter's one table has a zero but nothing withheld or not held.
    page = text_of(render_html(letter(Notice.FULL)))
    assert page.count(ZERO) == 1
    assert WITHHELD not in page and NOT_HELD not in page
    assert "Why small figures are withheld" not in page
    without_zeros = {**document(), "cells": document()["cells"][:3]}
    plain = letter(
        Notice.FULL,
        questions=(dataclasses.replace(letter(Notice.FULL).questions[0], figures=without_zeros),),
    )
    assert HEADING not in text_of(render_html(plain))
    assert HEADING not in text_of(render_html(letter(Notice.NOT_HELD)))  # no figures at all


def test_different_reasons_are_each_given_once_with_the_tables_they_apply_to():
    chosen = by_year()
    chosen["cells"][0] = {"financial_year": "2015/16", "count": None, "display": "[c]"}
    chosen["suppression"]["reason"] = "threshold 7 chosen for this answer"
    chosen["suppression"]["threshold"] = 7
    questions = (*QUESTIONS[:2], _question(3, figures=chosen))
    page = text_of(render_html(three_tables(questions=questions)))
    assert page.count(DEFAULT_REASON) == 1
    assert "For the table for question 3: threshold 7 chosen for this answer" in page
    assert "In the table for question 3, figures fewer than 7 (not 5) are withheld." in page


def test_under_another_act_the_personal_data_exemption_is_its_own():
    foia_personal = Exemption(
        section="40(2)",
        title="Personal information",
        reasons="The figures would identify the people counted.",
        condition="40(3A)(a)",
    )
    page = text_of(render_html(three_tables(regime="foia", exemptions=(foia_personal,))))
    assert "withheld under section 40(2) of the Freedom of Information Act 2000" in page


def test_the_notes_are_pure_and_empty_without_tables():
    assert not figure_notes([], FOISA)
    no_date = {**by_year(), "period": {"from": "2015-04-01", "to": "2018-03-31"}}
    (explained,) = figure_notes([ShownTable(3, no_date)], FOISA).explanations
    assert explained == Explanation(
        "not held", "means the register does not hold the figure for that period."
    )


def test_a_stricter_limit_from_an_earlier_release_is_explained_once():
    # The engine's [c] note when a figure is also published in a sensitive table.
    cells = [PublishedCell((), None, "[c]", "primary"), PublishedCell((), 12, "12", "shown")]
    footnotes = _footnotes(cells, 5, [5, 10], Policy())
    tables = [ShownTable(number, {**by_station(), "footnotes": footnotes}) for number in (1, 2)]
    (withheld, *_) = figure_notes(tables, FOISA).explanations
    assert (
        withheld.text.count(
            "A figure that is also published in a table broken down by child or disability is "
            "withheld if it is fewer than 10."
        )
        == 1
    )


# --- each table's own caption -----------------------------------------------------------


def test_every_table_has_its_period_and_the_date_its_records_are_held_from():
    titles = {"financial_year": "Financial year", "station": "Custody centre"}
    assert figure_table(by_year(), titles).caption == (
        "Immigration-related custody episodes, 1 April 2015 to 31 March 2018 (records held from "
        "1 April 2017), by financial year"
    )
    within = {**by_year(), "period": {**by_year()["period"], "from": "2017-04-01"}}
    assert "held from" not in figure_table(within).caption  # all of it held: nothing to say
    filtered = {**by_year(), "where": {"station": ["Govan", "Ayr"]}}
    assert figure_table(filtered, titles).caption.startswith(
        "Immigration-related custody episodes where custody centre is Govan or Ayr, 1 April 2015"
    )
    page = text_of(render_html(three_tables()))
    assert page.count("1 April 2017 to 31 March 2018") >= 2  # the first two tables' period
    # Counting people, the engine's own footnote says the figures do not add up, and it stays.
    people = {**by_child(), "footnotes": [*by_child()["footnotes"], PEOPLE_NOTE]}
    assert figure_table(people).notes == (PEOPLE_NOTE,)


# --- cost and average lines only where they matter ---------------------------------------


def test_no_cost_line_unless_the_letter_charges_a_fee_or_the_officer_shows_it():
    assert "Estimated cost of compliance" not in text_of(render_html(three_tables()))
    refused = three_tables(
        Notice.PARTIAL,
        questions=(*QUESTIONS, dataclasses.replace(COST, number=4)),
        cost_gbp=Decimal("2100.00"),
        cost_hours=Decimal("140"),
        narrowing_advice=ADVICE,
    )
    # The refusal states the estimate for the whole request once; no line under each table.
    page = text_of(render_html(refused))
    assert "Estimated cost of compliance" not in page and page.count("would cost £2,100") == 1
    fees = letter(Notice.FEES, questions=QUESTIONS[:1])
    assert "Estimated cost of compliance: 0.5 hours, £7.50 (cost limit £600)" in text_of(
        render_html(fees)
    )
    shown_by_officer = three_tables(questions=(_question(1, show_cost=True), *QUESTIONS[1:]))
    assert text_of(render_html(shown_by_officer)).count("Estimated cost of compliance") == 1


def test_no_average_line_unless_the_question_asked_for_it():
    assert "Average time to disclose" not in text_of(render_html(three_tables()))
    asked = three_tables(questions=(QUESTIONS[0], _question(2, show_average=True), QUESTIONS[2]))
    assert text_of(render_html(asked)).count("Average time to disclose: 30.5 hours.") == 1


def test_a_withheld_average_is_explained_only_when_it_is_shown():
    hidden = by_child()
    hidden["time_to_disclose"] = {"average_hours": None, "based_on": None, "display": "[c]"}
    quiet = three_tables(Notice.FULL, questions=(_question(2, figures=hidden),), exemptions=())
    assert WITHHELD not in text_of(render_html(quiet))
    asked = three_tables(questions=(_question(2, figures=hidden, show_average=True),))
    page = text_of(render_html(asked))
    # Shown, the withheld average is explained once and has its refusal notice (s38(1)(b)).
    assert "Average time to disclose: [c]." in page
    assert page.count("means a figure is withheld") == 1 and "Information withheld" in page


# --- the total row stays with its rows ---------------------------------------------------


class _Blocks(HTMLParser):
    """For each table of figures: the block it is in, and each row's section and class."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, Any]] = []
        self._stack: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "table" and "figures" in classes.split():
            block = next((c for t, c in reversed(self._stack) if t == "div"), "")
            self.tables.append({"block": block.split(), "rows": []})
        elif tag == "tr" and self.tables and any(t == "table" for t, _ in self._stack):
            section = next(t for t, _ in reversed(self._stack) if t in ("thead", "tbody", "tfoot"))
            self.tables[-1]["rows"].append((section, "total" in classes.split()))
        if tag not in ("br", "meta", "col"):
            self._stack.append((tag, classes))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break


def test_the_total_row_is_in_the_same_table_body_as_its_rows():
    parser = _Blocks()
    parser.feed(render_html(three_tables()))
    assert len(parser.tables) == 3
    for table in parser.tables:
        assert "figures-block" in table["block"]
        body = [total for section, total in table["rows"] if section == "tbody"]
        assert [section for section, _ in table["rows"]].count("thead") >= 1  # repeated
        assert "tfoot" not in [section for section, _ in table["rows"]]
        assert body[-1] and not body[0]  # the rows, then the total, in one body
    long, short = parser.tables[0], parser.tables[1]
    assert len(long["rows"]) > ROWS_ON_A_PAGE and "figures-block--whole" not in long["block"]
    assert "figures-block--whole" in short["block"]


def test_the_print_stylesheet_keeps_the_total_with_its_rows():
    page = render_html(three_tables())
    css = re.search(r"<style>(.*?)</style>", page, re.DOTALL).group(1)
    assert re.search(r"tr\.total \{[^}]*break-before: avoid", css)
    assert re.search(r"\.figures-block--whole \{[^}]*break-inside: avoid", css)
    assert re.search(r"thead \{[^}]*display: table-header-group", css)


# --- the flags on the stored ask ---------------------------------------------------------


def test_the_ask_keeps_show_average_and_show_cost_and_the_engine_ignores_them():
    query = {"question": "disclosures", "from": "2024-01-01", "by": ["station"]}
    flagged = {**query, "show_average": True, "show_cost": False}
    assert {"show_average", "show_cost"} <= set(KEYS)
    assert ask_from_json(flagged) == ask_from_json(query)
    assert shown(flagged) == {"show_average": True, "show_cost": False}
    assert shown(query) == {"show_average": False, "show_cost": False}
    with pytest.raises(AskError, match=r"ask 'show_average': 'yes' is not true or false"):
        ask_from_json({**query, "show_average": "yes"})


def test_issuing_passes_the_flags_from_the_stored_ask(db, monkeypatch):
    from casework_helpers import approve, make_case

    from answerable.casework import answering

    # The stored results are hand-made documents, not the register's figures, so the release
    # ledger's check at issue (which decides them again) is left out: this is about letters.
    monkeypatch.setattr(answering, "freeze", lambda request, **options: 0)

    from answerable.casework.issue import issue_response
    from answerable.casework.models import RequestQuestion
    from answerable.disclosure_log.models import Publication

    case = make_case(date(2026, 7, 1))
    for number, ask in ((1, {"show_average": True}), (2, {})):
        RequestQuestion.objects.create(
            request=case,
            number=number,
            text=f"Question {number}: how many children were referred?",
            answer_kind="figures",
            ask={"question": "referrals", "by": ["child"], **ask},
            result=by_child(),
        )
    approve(case)
    issued = issue_response(case, notice="full", issued_on=date(2026, 7, 20))
    page = text_of(issued.html)
    assert page.count("Average time to disclose: 30.5 hours.") == 1
    assert page.count(ZERO) == 1
    publication = Publication.objects.get(reference=case.reference)
    public = text_of(publication.body_html)
    assert public.count(ZERO) == 1 and public.count("Average time to disclose") == 1
    # the log's copy keeps the layout classes, and its PDF is printed with the letter's
    # stylesheet: the reference and the page number on every page, as the letter has them
    parser = _Blocks()
    parser.feed(publication.body_html)
    assert len(parser.tables) == 2
    assert all(table["rows"][-1] == ("tbody", True) for table in parser.tables)
    assert all("figures-block--whole" in table["block"] for table in parser.tables)
    pages = PdfReader(io.BytesIO(bytes(publication.pdf))).pages
    for number, pdf_page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in pdf_page.extract_text()
