"""Seed 001 (IM-FOI-2018-1421) as a letter: the request replicated, the 2015-17 periods
refused on cost with concrete s15 advice, and the 2017/18 figures from the register."""

import io
import json
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from interchange_files import write
from letters_examples import PERSONAL, text_of
from pypdf import PdfReader
from seed_001 import BAND_COUNTS, STATION_COUNTS, custody_csv

from answerable.answers.catalogue import CATALOGUE
from answerable.casework.letters.advice import narrowing_advice
from answerable.casework.letters.content import Answered, Letter, Notice, QuestionAnswer
from answerable.casework.letters.render import render_html, render_pdf
from answerable.interchange.importer import import_file

pytestmark = pytest.mark.django_db

FY_2017 = ["--from", "2017-04-01", "--to", "2018-03-31"]
SEED_QUESTIONS = (
    "How many people detained under UK immigration legislation powers have been kept in "
    "Police Scotland cells in 2015/16, 2016/17 and 2017/18 (as permitted by 55.13.2 Home "
    "office enforcement instructions and guidance)?",
    "What police stations were people held at? Please provide breakdowns on the numbers held "
    "in 2015/16, 2016/17 and 2017/18 for the stations used.",
    "How long were people held in Police Scotland cells under these immigration powers? "
    "Please provide figures of those held for one day, two days, three days, or more for "
    "2015/16, 2016/17 and 2017/18",
)


class _Tables(HTMLParser):
    """The rows of every table in a page, each row as its cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_of(page: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def ask(capsys, *args: str) -> dict:
    call_command("ask", *args, "--format", "json")
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def seed_letter(tmp_path, capsys) -> Letter:
    import_file("custody", write(tmp_path, custody_csv(), "seed.csv"), progress=False)
    by_station = ask(
        capsys, "custody-count", *FY_2017, "--by", "station,duration", "--bands", "24,48"
    )
    by_duration = ask(capsys, "custody-count", *FY_2017, "--by", "duration", "--bands", "24,48")
    total = by_duration["total"]["display"]
    advice = narrowing_advice(
        CATALOGUE,
        ["custody-count"],
        first_day=date(2015, 4, 1),
        last_day=date(2018, 3, 31),
        held_from={"custody-count": date(2017, 4, 1)},
        by=["station", "duration"],
    )
    return Letter(
        regime="foisa",
        notice=Notice.PARTIAL,
        reference="IM-FOI-2018-1421",
        issued_on=date(2018, 7, 6),
        received_on=date(2018, 6, 8),
        requester_name="A Requester",
        requester_address=("requester@example.org",),
        questions=(
            QuestionAnswer(
                1,
                SEED_QUESTIONS[0],
                Answered.COST,
                "The only way to provide this information for 2015/16 and 2016/17 would be to "
                "examine every custody record individually, over 140,000 records. The National "
                "Custody System, introduced in 2017, allows figures to be extracted after that "
                f"time: between 1 April 2017 and 31 March 2018 there were {total} "
                "immigration-related custodies.",
            ),
            QuestionAnswer(
                2,
                SEED_QUESTIONS[1],
                Answered.FIGURES,
                "The following table gives a breakdown by station and time in custody for the "
                "period between 1 April 2017 and 31 March 2018.",
                figures=by_station,
            ),
            QuestionAnswer(3, SEED_QUESTIONS[2], Answered.FIGURES, figures=by_duration),
        ),
        cost_gbp=Decimal("35000"),
        cost_hours=Decimal("2333"),
        narrowing_advice=advice,
        exemptions=(PERSONAL,),  # the [c] figures' refusal notice (s16(1), s38(1)(b))
    )


def test_seed_001_letter_replicates_the_request_and_refuses_2015_to_2017_on_cost(seed_letter):
    page = text_of(render_html(seed_letter))
    for question in SEED_QUESTIONS:
        assert question in page
    assert "this represents a refusal notice" in page
    assert "cost threshold is £600" in page
    assert "can be extracted only from 1 April 2017" in page  # s15 advice, from the catalogue
    assert "there were 537 immigration-related custodies" in page


def test_seed_001_letter_embeds_the_stations_by_band_table(seed_letter):
    by_station, by_duration = tables_of(render_html(seed_letter))
    header, *rows, totals = by_station[1:]  # after the row naming the column dimension
    assert header == ["Custody centre", "0-24", "24-48", "48+", "In custody", "Total"]
    assert len(rows) == 31
    row_totals = {row[0]: row[-1] for row in rows}
    assert set(row_totals) == set(STATION_COUNTS)
    for station, shown in row_totals.items():
        # each station's figure is the seed's, unless withheld under disclosure control
        assert shown in (str(STATION_COUNTS[station]), "[c]"), station
        if STATION_COUNTS[station] < 5:
            assert shown == "[c]", station
    assert sum(shown != "[c]" for shown in row_totals.values()) >= 20
    assert totals[0] == "Total" and totals[-1] == "537"
    durations = {row[0]: row[1] for row in by_duration[1:]}
    assert durations == {
        **{b: str(n) for b, n in BAND_COUNTS.items()},
        "In custody": "0",
        "Total": "537",
    }


def test_seed_001_letter_as_a_pdf(seed_letter):
    pdf = render_pdf(seed_letter)
    assert pdf.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "IM-FOI-2018-1421" in text
    assert "Govan" in text and "Kittybrewster" in text and "537" in text
