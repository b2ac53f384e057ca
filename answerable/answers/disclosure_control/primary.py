"""Primary suppression: small counts, and responses whose grand total is itself small."""

from typing import Literal

from answerable.answers.disclosure_control.layout import Layout

Status = Literal["shown", "primary", "secondary", "total_below_threshold"]
WITHHELD_STATUSES: frozenset[str] = frozenset({"primary", "secondary", "total_below_threshold"})


def primary_statuses(layout: Layout) -> list[Status]:
    """Each figure's status after primary suppression.

    A count from 1 to T-1 is withheld (ICO anonymisation guidance; T per table from the
    policy, the strictest where a figure is in several tables). A true zero is shown as 0
    (Ofqual's practice, register_notes.md): it identifies no one, and showing zeros is what
    lets the audit assume every withheld figure is at least 1.

    If the grand total is from 1 to T-1, every figure of every table is withheld, zeros
    included: the total is shared by all the tables of a response, and with a total that small
    even the pattern of zeros says where the few people were.
    """
    total = layout.figures[layout.total]
    if 1 <= total.count < total.threshold:
        return ["total_below_threshold"] * len(layout.figures)
    return [
        "primary" if 1 <= figure.count < figure.threshold else "shown" for figure in layout.figures
    ]
