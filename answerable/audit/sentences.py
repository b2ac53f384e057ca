"""An audit entry as a sentence the data protection officer reads (pure functions).

The trail stores what was done in the terms a program checks: an action (DPA 2018 s62(1)),
a record type and id, a purpose and a detail of JSON (audit/trail.py). The search page
shows each entry as one sentence instead: "Consulted custody episode DEMO-NCS-009829
through the register pages". The stored entry is unchanged (its hash covers it), and the
CSV export keeps every stored column for anyone who needs them.
"""

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from answerable.web.wording import govuk_date, period, sentence_case, titled

# Record types no model of the register is: what they are, in words.
RECORD_TYPE_LABELS = {
    "answers.question": "catalogue question",
    "audit.auditentry": "audit trail",
    "register.importbatch": "import",
}

# How a record was consulted, by the purpose its entry names.
CHANNELS = {
    "record page": "through the register pages",
    "register list": "in a register list",
    "correction form": "on a correction form",
    "administration change page": "through the administration pages",
    "read through the systems API": "through the systems API",
    "outcome reports read through the systems API": (
        "(its Home Office outcome reports) through the systems API"
    ),
    "the systems API's answer to a retried request": (
        "again, in the systems API's answer to a retried request"
    ),
}

# Where figures were combined, by the purpose of a combination entry.
PLACES = {
    "dashboard": "the dashboard",
    "answer page": "the answer page",
    "answer download": "a download from the answer page",
    "answer attached to a case": "an answer attached to a case",
}


@dataclass(frozen=True)
class Sentence:
    """The sentence in three parts, so that a page can link the record's name."""

    before: str
    name: str = ""  # the record, e.g. "custody episode DEMO-NCS-009829"
    after: str = ""

    def __str__(self) -> str:
        return " ".join(part for part in (self.before, self.name, self.after) if part) + "."


def _words(name: str) -> str:
    return name.replace("_", " ")


def _listed(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(period(str(item)) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_words(str(k))} {_value(v)}" for k, v in value.items())
    return period(str(value))


def _day(text: Any) -> str:
    try:
        return govuk_date(date.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def ask_words(query: Mapping[str, Any]) -> str:
    """A catalogue question as asked, in words: "custody count by month, 1 March 2017 to
    28 February 2018, only where division G"."""
    text = _words(str(query.get("question", "figures"))).replace("-", " ")
    if query.get("by"):
        text += " by " + _listed([_words(str(b)) for b in query["by"]])
    first, last = query.get("from"), query.get("to")
    if first or last:
        start = _day(first) if first else "the first record"
        end = _day(last) if last else "the latest record"
        text += f", {start} to {end}"
    for name, values in (query.get("where") or {}).items():
        text += f", only where {_words(name)} is {_listed([str(v) for v in values])}"
    return text


def _filters(detail: Mapping[str, Any], leave_out: tuple[str, ...]) -> str:
    shown = [
        f"{_words(name)} {_value(value)}"
        for name, value in detail.items()
        if name not in leave_out and value not in ("", None, [], {})
    ]
    return f"(filters: {'; '.join(shown)})" if shown else ""


def _combination(purpose: str, detail: Mapping[str, Any]) -> Sentence:
    exact = detail.get("exact")
    control = (
        " as exact figures, without disclosure control"
        if exact
        else " under disclosure control"
        if exact is False
        else ""
    )
    place = PLACES.get(purpose, purpose)
    asks = detail.get("asks")
    if isinstance(asks, list):
        tables = "; ".join(ask_words(ask) for ask in asks)
        count = f"{len(asks)} table{'s' if len(asks) != 1 else ''}"
        return Sentence(
            f"Combined the register's records into {place}'s {count}{control}: {tables}"
        )
    if "question" in detail and isinstance(detail.get("question"), str) and "by" in detail:
        return Sentence(
            f"Combined the register's records into figures for {place}{control}: "
            f"{ask_words(detail)}"
        )
    if place:
        return Sentence(f"Combined the register's records into figures for {place}{control}")
    return Sentence(f"Combined the register's records into figures{control}")


def describe(
    action: str,
    *,
    kind: str,
    name: str,
    purpose: str = "",
    recipient: str = "",
    detail_text: str = "{}",
    field_label: Callable[[str], str] = _words,
    kind_label: Callable[[str], str] | None = None,
) -> Sentence:
    """The entry as a sentence. `kind` is the record type in words ("custody episode"),
    `name` the record's reference as the register shows it (or its number, once erased),
    `field_label` a field's name in words, `kind_label` a record type ("register.person")
    in words."""
    try:
        detail = json.loads(detail_text or "{}")
    except ValueError:
        detail = {}
    if not isinstance(detail, dict):
        detail = {}
    record = titled(kind, name) if kind else name
    through = CHANNELS.get(purpose, f"for {purpose}" if purpose else "")

    if kind == "audit trail":
        if "entries" in detail:
            entries = detail["entries"]
            return Sentence(
                f"Exported {entries} entr{'y' if entries == 1 else 'ies'} of the audit trail, "
                f"up to entry {detail.get('up_to_entry', '')}",
                after=_filters(detail, ("entries", "up_to_entry")),
            )
        return Sentence(
            f"Searched the audit trail (page {detail.get('page', 1)}, entries up to "
            f"{detail.get('up_to_entry', '')})",
            after=_filters(detail, ("page", "up_to_entry", "upto")),
        )
    if action == "combination":
        return _combination(purpose, detail)
    if action == "consultation":
        records = detail.get("records")
        if isinstance(records, list):
            plural = kind if kind.endswith("s") else f"{kind}s" if len(records) != 1 else kind
            page = f" (page {detail['page']})" if detail.get("page") else ""
            return Sentence(
                f"Consulted {len(records)} {plural} {through}{page}".strip(),
                after=_filters(detail, ("records", "page")),
            )
        return Sentence("Consulted", record, through)
    if action == "collection":
        if "rows_read" in detail:
            records_of = str(detail.get("records", "records"))
            what = kind_label(records_of) if kind_label else records_of.split(".")[-1]
            return Sentence(
                f"Imported {what}"
                f" records: {detail['rows_read']} rows read, {detail.get('created', 0)} created, "
                f"{detail.get('updated', 0)} updated, {detail.get('unchanged', 0)} unchanged"
                + (f" ({purpose})" if purpose else "")
            )
        if "count" in detail:
            return Sentence(
                f"Created {detail['count']} {kind}{'s' if detail['count'] != 1 else ''}"
                + (f" ({purpose})" if purpose else "")
            )
        return Sentence("Recorded", record, through)
    if action == "alteration":
        fields = [field_label(str(f)) for f in detail.get("fields") or []]
        if "unlinked_from" in detail:
            return Sentence(
                "Unlinked", record, f"from a record being erased ({_listed(fields)})".strip()
            )
        if detail.get("linked_by"):
            return Sentence("Linked", record, f"by {detail['linked_by']} ({_listed(fields)})")
        if fields:
            return Sentence(f"Changed the {_listed(fields)} of", record, through)
        return Sentence("Changed", record, through)
    if action == "disclosure":
        to = f"to {recipient}" if recipient else ""
        why = f"for {purpose[:1].lower() + purpose[1:]}" if purpose else ""
        return Sentence("Disclosed", record, " ".join(part for part in (to, why) if part))
    if action == "erasure":
        return Sentence("Erased", record, through)
    return Sentence(sentence_case(action), record, through)
