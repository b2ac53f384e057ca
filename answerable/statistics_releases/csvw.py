"""CSV on the Web metadata of a published table (W3C Recommendation, "Metadata Vocabulary
for Tabular Data", 2015): what each column is, and that `[c]` and `not held` are no numbers
(a pure function of the stored table)."""

import re
from collections.abc import Sequence
from typing import Any

from answerable.statistics_releases.models import EditionTable

CONTEXT = "http://www.w3.org/ns/csvw"
# A figure's text when it is not a number: withheld under disclosure control, or for a period
# the register does not hold. CSVW reads a cell equal to one of these as null.
NULLS = ["[c]", "not held"]


def _name(title: str, taken: set[str]) -> str:
    """A column name as CSVW wants one (letters, digits, underscores), unique in the table."""
    base = re.sub(r"[^A-Za-z0-9]+", "_", title).strip("_").lower() or "column"
    if base[0].isdigit():
        base = f"c_{base}"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def metadata(
    table: EditionTable, header: Sequence[Any], *, url: str, publisher: str, page: str
) -> dict[str, Any]:
    document = table.document
    by = document["by"]
    # A two-way table's first column holds the rows' labels; every other column holds
    # figures. Otherwise one label column per breakdown (one for a bare total), then Count.
    labels = 1 if len(by) == 2 or not by else len(by)
    taken: set[str] = set()
    columns: list[dict[str, Any]] = []
    for index, title in enumerate(header):
        column: dict[str, Any] = {"name": _name(str(title), taken), "titles": str(title)}
        if index < labels:
            column["datatype"] = "string"
            column["dc:description"] = "A category of the breakdown, or Total."
        else:
            column["datatype"] = {"base": "integer", "minimum": 0}
            column["null"] = NULLS
            column["dc:description"] = (
                f"{document['unit']}: a count; [c] where withheld under disclosure control, "
                "not held where the register does not hold the period"
            )
        columns.append(column)
    edition = table.edition
    return {
        "@context": CONTEXT,
        "url": url,
        "dc:title": table.title,
        "dc:description": document.get("counted", ""),
        "dc:publisher": publisher,
        "dc:issued": edition.published_at.date().isoformat() if edition.published_at else None,
        "dc:temporal": f"{document['period']['from']}/{document['period']['to']}",
        "dc:source": page,
        "dialect": {"header": True, "encoding": "utf-8"},
        "tableSchema": {"columns": columns, "primaryKey": [c["name"] for c in columns[:labels]]},
        "notes": [{"type": "footnote", "body": note} for note in document.get("footnotes", [])],
    }
