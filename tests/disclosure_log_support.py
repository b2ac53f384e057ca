"""Shared by the disclosure log's tests: a response issued into the log (its letter as a PDF),
and a moment to stand at."""

import functools
from datetime import UTC, date, datetime
from typing import Any

import time_machine
import weasyprint

from answerable.disclosure_log.models import Publication
from answerable.disclosure_log.publish import anonymised_letter, schedule

PERSONAL = ["Jane Smith", "jane@example.org"]


@functools.cache
def pdf_of(html: str) -> bytes:
    return weasyprint.HTML(string=html).write_pdf()


def issue(reference: str, issued_on: date, **changes: Any) -> Publication:
    body = changes.pop(
        "body_html",
        f"<h1>Response {reference}</h1><p>Dear Jane Smith (jane@example.org),</p>"
        "<p>Custody figures by station.</p>",
    )
    values: dict[str, Any] = {
        "reference": reference,
        "title": f"Response {reference}",
        "summary": "Immigration-related custody.",
        "regime": "foisa",
        "outcome": "full",
        "topics": ["Custody"],
        "exemptions_cited": "",
        "received_on": issued_on,
        "issued_on": issued_on,
        "body_html": body,
        "pdf": pdf_of(anonymised_letter(body, PERSONAL)),
        "personal": PERSONAL,
    }
    values.update(changes)
    return schedule(**values)


def at(moment: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(moment).astimezone(UTC), tick=False)
