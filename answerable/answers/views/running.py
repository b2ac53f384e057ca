"""Running a catalogue question for a page: the answer, its size checked, its audit entry.

Each run that combines the register's records into figures writes one audit entry (DPA 2018
s62(1)(e), "combination"), naming the query and whether the figures were exact, never the
figures or anyone in them.
"""

from math import prod
from typing import Any

from answerable.answers.answer import Answer, ReleaseRefused, ThresholdError, answer
from answerable.answers.budget import counted
from answerable.answers.disclosure_control import SuppressionFailed
from answerable.answers.engine import EPISODES, Ask, AskError, NothingToBreakDown
from answerable.answers.filters import WHERE_PREFIX
from answerable.answers.forms import DEFAULT_AGES, DEFAULT_BANDS
from answerable.answers.ledger.release import explore
from answerable.audit.actions import Action
from answerable.audit.trail import record

# A table larger than this is no answer a requester can read, and its disclosure control (an
# optimisation over every cell) would hold the page for minutes (as the API: api/questions.py).
MAX_CELLS = 2000
RECORD_TYPE = "answers.question"


class RunError(Exception):
    """The question could not be answered as put; `field` is the form field at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def query_of(ask: Ask) -> dict[str, Any]:
    """The ask as the JSON a case keeps (RequestQuestion.ask; answers/stored.py KEYS),
    with only what differs from `answerable ask`'s defaults."""
    query: dict[str, Any] = {"question": ask.question}
    if ask.first_day:
        query["from"] = ask.first_day.isoformat()
    if ask.last_day:
        query["to"] = ask.last_day.isoformat()
    if ask.where:
        query["where"] = {name: list(values) for name, values in ask.where.items()}
    if ask.by:
        query["by"] = list(ask.by)
    used = {*ask.by, *ask.where}
    if "duration" in used and tuple(ask.duration_bounds) != DEFAULT_BANDS:
        query["bands"] = list(ask.duration_bounds)
    if "age_band" in used and tuple(ask.age_bounds) != DEFAULT_AGES:
        query["ages"] = list(ask.age_bounds)
    if ask.count != EPISODES:
        query["count"] = ask.count
    if ask.groups:
        query["groups"] = {
            name: {label: list(members) for label, members in grouping.items()}
            for name, grouping in ask.groups.items()
        }
    return query


def field_of(error: AskError) -> tuple[str | None, str]:
    """The form field an engine error is about, and its message without the command's
    option names (the page has a field for each filter, `where_DIM`)."""
    text = str(error)
    if text.startswith("--where"):
        text = text.removeprefix("--where ").strip()
        return WHERE_PREFIX + text.partition(":")[0].strip(), text
    if text.startswith("--count") or "cannot count people" in text:
        return "count", text.removeprefix("--count ").strip()
    if text.startswith("--by") or "has no dimension" in text:
        return "by", text.removeprefix("--by ").strip()
    if text.startswith("unknown question"):
        return "question", text
    return None, text


def log_run(ask: Ask, *, exact: bool, purpose: str, **detail: Any) -> None:
    record(
        Action.COMBINATION,
        record_type=RECORD_TYPE,
        record_id=ask.question,
        purpose=purpose,
        detail={**query_of(ask), "exact": exact, **detail},
    )


def run(
    ask: Ask, *, exact: bool, purpose: str, threshold: int | None = None, **detail: Any
) -> Answer:
    """The answer to `ask`, disclosure-controlled unless `exact` (with `threshold` for the
    policy's, as `answerable ask --threshold`); RunError saying why not, QuestionTooCostly
    (answers/budget.py) when counting it takes longer than the answer budget.

    The register is counted once, within the budget; the table's size is checked, and the
    answer made, from those counts."""
    try:
        counts = counted(ask)
    except NothingToBreakDown:
        # A time breakdown of an open period with no records has no years or months to list.
        raise RunError(
            "There are no records in this period to break down by time: give the period's "
            "dates, so that every year or month is listed",
            "by",
        ) from None
    except AskError as error:
        field, message = field_of(error)
        raise RunError(message, field) from None
    if threshold is not None:
        detail = {"threshold": threshold, **detail}
    log_run(ask, exact=exact, purpose=purpose, **detail)
    cells = prod(len(values) for values in counts.table.values)
    if cells > MAX_CELLS:
        raise RunError(
            f"The table would have {cells:,} cells (at most {MAX_CELLS:,}): break it down by "
            "fewer or coarser dimensions, or narrow the period",
            "by",
        )
    try:
        # Staff exploration: what could be released today, checked against the release
        # ledger and not recorded (exact figures are the disclosure manager's, and logged).
        if exact:
            return answer(ask, suppress=False, counts=counts)
        return explore(ask, threshold, counts=counts)
    except ThresholdError as error:
        raise RunError(str(error), "threshold") from None
    except (ReleaseRefused, SuppressionFailed) as error:
        raise RunError(
            f"The figures could not be released under disclosure control ({error}): ask for "
            "a coarser breakdown or a longer period"
        ) from None
