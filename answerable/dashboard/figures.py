"""The dashboard's figures: catalogue questions asked through the answer engine, under the
installation's disclosure control, so that they are the figures an FOI request would get.

Each block is one grouped query of the register. Tables read together must not let a withheld
figure be worked out from them: the years shown end with the last complete one, and the 12
months shown are the last 12 complete months (ending with last month), so a month shown is
never part of a year still open and the months never make up a year whose total is shown
without making up all of it.

A month below the threshold in a one-way table with a total still needs a second month
withheld with it (the total less the months shown would give it away); merging it with its
neighbour would avoid that, but the answer engine does not group a time breakdown
(engine.py, `_grouped`), so the dashboard does not either.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from answerable.answers.answer import Answer, ReleaseRefused
from answerable.answers.disclosure_control import SuppressionFailed
from answerable.answers.engine import Ask, NothingToBreakDown
from answerable.answers.ledger.release import explore
from answerable.answers.views.running import RECORD_TYPE, query_of
from answerable.answers.views.tables import ChartRows, ResultTable, chart_data, result_table
from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.web.wording import MONTHS, period

PURPOSE = "dashboard"
DASHBOARD_ID = "dashboard"  # the audit entry's record id: the dashboard's set of tables


@dataclass(frozen=True)
class Block:
    key: str  # the chart's id in the page
    title: str
    period: str  # what the figures cover, in words
    ask: Ask
    division: str = ""  # the division the figures are limited to ("" for the force)


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


def last_complete_months(today: date, months: int = 12) -> tuple[date, date]:
    """The first and last days of the `months` complete months before today's month."""
    return months_back(today, months), today.replace(day=1) - timedelta(days=1)


def months_words(first: str, last: str) -> str:
    """ "March to April 2026", "December 2025 to January 2026" (labels "2026-03")."""
    if first == last:
        return period(first)
    if first[:4] == last[:4]:
        return f"{MONTHS[int(first[5:7]) - 1]} to {period(last)}"
    return f"{period(first)} to {period(last)}"


def blocks(today: date, division: Any = None) -> list[Block]:
    """The force's blocks; with a division (a divisional user's), each custody block by
    month, custody centre and time in custody is followed by the same for the division."""
    first, last = last_complete_months(today)
    last_12 = f"the last 12 complete months: {months_words(f'{first:%Y-%m}', f'{last:%Y-%m}')}"
    end_of_last_year = date(today.year - 1, 12, 31)
    force = [
        Block(
            "by-month",
            "Immigration-related custody episodes by month",
            last_12,
            Ask("custody-count", by=("month",), first_day=first, last_day=last),
        ),
        Block(
            "by-year",
            "Immigration-related custody episodes by year",
            f"every complete calendar year, to 31 December {end_of_last_year.year}",
            Ask("custody-count", by=("year",), last_day=end_of_last_year),
        ),
        Block(
            "by-station",
            "Immigration-related custody episodes by custody centre",
            last_12,
            Ask("custody-count", by=("station",), first_day=first, last_day=last),
        ),
        Block(
            "by-duration",
            "Immigration-related custody episodes by time in custody (hours)",
            last_12,
            Ask("custody-count", by=("duration",), first_day=first, last_day=last),
        ),
        Block(
            "referrals-by-crime-type",
            "Referrals to the Home Office by crime type",
            last_12,
            Ask("referrals", by=("crime_type",), first_day=first, last_day=last),
        ),
    ]
    if division is None:
        return force
    shown: list[Block] = []
    for block in force:
        shown.append(block)
        if block.key in ("by-month", "by-station", "by-duration"):
            shown.append(
                replace(
                    block,
                    key=f"{block.key}-division",
                    title=f"{block.title}: {division.name} division ({division.code})",
                    ask=replace(block.ask, where={"division": [division.code]}),
                    division=division.code,
                )
            )
    return shown


def figures(block: Block) -> Figures:
    try:
        found = Figures(block, explore(block.ask))
    except NothingToBreakDown:
        # An open period with no records has no years to list.
        return Figures(block, None, "No records in a complete calendar year yet.")
    except (ReleaseRefused, SuppressionFailed):
        return Figures(block, None, "These figures could not be released under disclosure control.")
    return found


def dashboard_figures(today: date, division: Any = None) -> list[Figures]:
    """Every block's figures, and one audit entry for the view (DPA 2018 s62(1)(e): the
    register's records combined into figures), naming every query asked."""
    found = [figures(block) for block in blocks(today, division)]
    record(
        Action.COMBINATION,
        record_type=RECORD_TYPE,
        record_id=DASHBOARD_ID,
        purpose=PURPOSE,
        detail={"asks": [query_of(figure.block.ask) for figure in found], "exact": False},
    )
    return found
