"""The dashboard's figures: catalogue questions asked through the answer engine, under the
installation's disclosure control, so that they are the figures an FOI request would get.

Each block is one grouped query of the register. Tables read together must not let a withheld
figure be worked out from them: the years shown end with the last complete one, so the 12
months shown (which end in the current month) never make up the whole of a year whose total
is shown; if they did, that total less the months published would give a withheld month.
"""

from dataclasses import dataclass
from datetime import date

from answerable.answers.answer import Answer, ReleaseRefused
from answerable.answers.disclosure_control import SuppressionFailed
from answerable.answers.engine import Ask, AskError
from answerable.answers.ledger.release import explore
from answerable.answers.views.running import RECORD_TYPE, query_of
from answerable.answers.views.tables import ChartRows, ResultTable, chart_data, result_table
from answerable.audit.actions import Action
from answerable.audit.trail import record

PURPOSE = "dashboard"


@dataclass(frozen=True)
class Block:
    key: str  # the chart's id in the page
    title: str
    period: str  # what the figures cover, in words
    ask: Ask


@dataclass(frozen=True)
class Figures:
    block: Block
    answer: Answer | None
    problem: str = ""  # why there are no figures

    @property
    def table(self) -> ResultTable | None:
        return result_table(self.answer) if self.answer else None

    @property
    def chart_rows(self) -> ChartRows:
        return chart_data(self.answer).rows if self.answer else []

    @property
    def footnotes(self) -> list[str]:
        return self.answer.published.footnotes if self.answer else []


def months_back(today: date, months: int) -> date:
    """The first day of the month `months` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def blocks(today: date) -> list[Block]:
    first = months_back(today, 11)
    last_12 = f"{first:%B %Y} to {today:%d %B %Y}"
    recent = {"first_day": first, "last_day": today}
    end_of_last_year = date(today.year - 1, 12, 31)
    return [
        Block(
            "by-month",
            "Immigration-related custody episodes by month",
            last_12,
            Ask("custody-count", by=("month",), **recent),
        ),
        Block(
            "by-year",
            "Immigration-related custody episodes by year",
            f"every complete calendar year, to {end_of_last_year:%d %B %Y}",
            Ask("custody-count", by=("year",), last_day=end_of_last_year),
        ),
        Block(
            "by-station",
            "Immigration-related custody episodes by custody centre",
            last_12,
            Ask("custody-count", by=("station",), **recent),
        ),
        Block(
            "by-duration",
            "Immigration-related custody episodes by time in custody (hours)",
            last_12,
            Ask("custody-count", by=("duration",), **recent),
        ),
        Block(
            "referrals-by-crime-type",
            "Referrals to the Home Office by crime type",
            last_12,
            Ask("referrals", by=("crime_type",), **recent),
        ),
    ]


def figures(block: Block) -> Figures:
    try:
        return Figures(block, explore(block.ask))
    except ValueError as error:
        # An open period with no records has no years to list (disclosure_control/table.py).
        if isinstance(error, AskError) or "has no values" not in str(error):
            raise
        return Figures(block, None, "No records in a complete calendar year yet.")
    except (ReleaseRefused, SuppressionFailed):
        return Figures(block, None, "These figures could not be released under disclosure control.")


def dashboard_figures(today: date) -> list[Figures]:
    """Every block's figures; one audit entry per catalogue question asked (DPA 2018
    s62(1)(e): the register's records combined into figures), naming the queries."""
    found = [figures(block) for block in blocks(today)]
    asked: dict[str, list[Ask]] = {}
    for block in (figure.block for figure in found):
        asked.setdefault(block.ask.question, []).append(block.ask)
    for question, asks in asked.items():
        record(
            Action.COMBINATION,
            record_type=RECORD_TYPE,
            record_id=question,
            purpose=PURPOSE,
            detail={"asks": [query_of(ask) for ask in asks], "exact": False},
        )
    return found
