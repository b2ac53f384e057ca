"""Disclosure control of published count tables (register_notes.md, "Disclosure control").

Small counts are withheld (primary suppression, threshold from the Policy), further figures are
withheld so that none can be worked out from the margins and totals (secondary suppression),
and every response is audited before release by minimising and maximising each withheld
figure over what a reader can see (tau-ARGUS style; LP and MILP with HiGHS). Withheld
figures display as the GSS marker [c]; true zeros are shown as 0.

Pure Python: no Django, no database. Typical use:

    base = Table(("station", "band"), (stations, bands), counts)
    by_station, by_band = protect_all(base, [("station",), ("band",)], Policy())
"""

from answerable.answers.disclosure_control.audit import (
    WITHHELD_MARKER,
    AuditReport,
    CellBounds,
    Problem,
    PublishedSum,
    WithheldSum,
    audit,
    audit_raw,
)
from answerable.answers.disclosure_control.policy import DEFAULT_REASON, Policy
from answerable.answers.disclosure_control.primary import Status
from answerable.answers.disclosure_control.protect import protect, protect_all
from answerable.answers.disclosure_control.published import ProtectedTable, PublishedCell
from answerable.answers.disclosure_control.secondary import SuppressionFailed
from answerable.answers.disclosure_control.table import FigureKey, Table, figure_key

__all__ = [
    "DEFAULT_REASON",
    "WITHHELD_MARKER",
    "AuditReport",
    "CellBounds",
    "FigureKey",
    "Policy",
    "Problem",
    "ProtectedTable",
    "PublishedCell",
    "PublishedSum",
    "Status",
    "SuppressionFailed",
    "Table",
    "WithheldSum",
    "audit",
    "audit_raw",
    "figure_key",
    "protect",
    "protect_all",
]
