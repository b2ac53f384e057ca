"""Disclosure control: the policy, tables, primary rules, display and the seed table.

register_notes.md, "Disclosure control of published tables": thresholds are a recorded
setting (ICO anonymisation guidance; ICO v Miller [2018] UKUT 229 (AAC)); true zeros are
shown (Ofqual); withheld figures are marked [c] (Government Statistical Service).
"""

import numpy as np
import pytest
from seed_001 import STATION_COUNTS

from answerable.answers.disclosure_control import (
    WITHHELD_MARKER,
    Policy,
    ProtectedTable,
    Table,
    protect,
    protect_all,
)

SEED_STATIONS = STATION_COUNTS  # seed 001 (IM-FOI-2018-1421), tests/seed_001.py
SEED_BANDS = {"Up to 24 hours": 384, "25 to 48 hours": 126, "Over 48 hours": 27}


def station_table() -> Table:
    names = tuple(SEED_STATIONS)
    return Table(("station",), (names,), {(name,): n for name, n in SEED_STATIONS.items()})


def station_band_table(seed: int = 1) -> Table:
    """A 31 x 3 table with the seed's station and band totals' proportions (synthetic split)."""
    rng = np.random.default_rng(seed)
    shares = [n / 537 for n in SEED_BANDS.values()]
    counts = {}
    for station, n in SEED_STATIONS.items():
        for band, k in zip(SEED_BANDS, rng.multinomial(n, shares), strict=True):
            counts[(station, band)] = int(k)
    return Table(("station", "band"), (tuple(SEED_STATIONS), tuple(SEED_BANDS)), counts)


def three_way_table(seed: int = 2) -> Table:
    """Station x band x sex: the 31 x 3 table split by a synthetic share of women."""
    rng = np.random.default_rng(seed)
    two_way = station_band_table()
    counts = {}
    for (station, band), n in two_way.counts.items():
        women = int(rng.binomial(n, 0.2))
        counts[(station, band, "F")] = women
        counts[(station, band, "M")] = n - women
    return Table(("station", "band", "sex"), (*two_way.values, ("F", "M")), counts)


def displayed(table: ProtectedTable) -> dict[tuple[str, ...], str]:
    return {cell.labels: cell.display for cell in table.cells}


# -- policy and tables --------------------------------------------------------------------------


def test_policy_threshold_depends_on_the_dimensions() -> None:
    policy = Policy()
    assert policy.threshold_for(("station", "band")) == 5
    assert policy.threshold_for(("station", "child")) == 10
    assert policy.threshold_for(("disability",)) == 10
    assert policy.threshold_for(()) == 5
    assert "ICO v Miller [2018] UKUT 229 (AAC)" in policy.reason
    assert "anonymisation" in policy.reason


def test_policy_refuses_settings_that_protect_less() -> None:
    with pytest.raises(ValueError, match="sensitive_threshold"):
        Policy(threshold=5, sensitive_threshold=3)
    with pytest.raises(ValueError):
        Policy(threshold=0)
    with pytest.raises(ValueError, match="reason"):
        Policy(reason=" ")


def test_table_validates_its_keys_and_counts() -> None:
    with pytest.raises(ValueError, match="not a value"):
        Table(("a",), (("x",),), {("y",): 1})
    with pytest.raises(ValueError, match="negative"):
        Table(("a",), (("x",),), {("x",): -1})
    with pytest.raises(ValueError, match="repeat"):
        Table(("a", "a"), (("x",), ("y",)), {})
    with pytest.raises(TypeError):
        Table(("a",), (("x",),), {("x",): 1.5})
    table = Table(("a", "b"), (("x", "y"), ("p",)), {("x", "p"): np.int64(3)})
    assert table.count(("y", "p")) == 0
    assert table.total == 3
    assert table.marginal(("b",)).counts == {("p",): 3}


# -- primary suppression and display -------------------------------------------------------------


def test_small_counts_are_withheld_and_true_zeros_shown() -> None:
    table = Table(("a",), (("x", "y", "z", "w"),), {("x",): 3, ("y",): 20, ("w",): 30})
    result = protect(table)
    shown = displayed(result)
    assert shown[("x",)] == WITHHELD_MARKER
    assert shown[("z",)] == "0"  # a true zero identifies nobody: shown, never withheld
    assert result.total.display == "53"
    statuses = {cell.labels: cell.status for cell in result.cells}
    assert statuses[("x",)] == "primary"
    # One withheld cell could be worked out from the total: a second (non-zero) one is withheld.
    assert statuses[("y",)] == "secondary"
    assert statuses[("w",)] == "shown"
    assert result.withheld == 2
    assert result.audit_report is not None and result.audit_report.passed


def test_withheld_cells_display_the_gss_marker_and_visible_ones_their_count() -> None:
    table = Table(("a",), (("x", "y", "z"),), {("x",): 2, ("y",): 40, ("z",): 41})
    result = protect(table)
    for cell in result.cells:
        if cell.withheld:
            assert (cell.display, cell.count) == ("[c]", None)
        else:
            assert cell.display == str(cell.count)
    # The footnote gives both reasons but never says which figure is which: a "fewer than 5"
    # label would tell a reader the figure is 1 to 4 (register_notes.md).
    note = result.footnotes[0]
    assert note.startswith("[c]")
    assert "fewer than 5" in note
    assert "withheld so that another withheld figure cannot be worked out" in note
    assert any("ICO v Miller" in footnote for footnote in result.footnotes)
    assert "primary threshold 5" in result.method and "MILP (HiGHS)" in result.method


def test_counts_at_or_above_the_threshold_are_shown_when_nothing_needs_protecting() -> None:
    table = Table(
        ("a", "b"), (("x", "y"), ("p", "q")), {("x", "p"): 5, ("x", "q"): 9, ("y", "p"): 7}
    )
    result = protect(table)
    assert result.withheld == 0
    assert displayed(result) == {("x", "p"): "5", ("x", "q"): "9", ("y", "p"): "7", ("y", "q"): "0"}
    assert [cell.display for cell in result.margins["a"]] == ["14", "7"]
    assert [cell.display for cell in result.margins["b"]] == ["12", "9"]
    assert result.total.display == "21"


def test_a_total_below_the_threshold_withholds_the_whole_breakdown() -> None:
    table = Table(("a", "b"), (("x", "y"), ("p", "q")), {("x", "p"): 3, ("y", "q"): 1})
    result = protect(table)
    every = [*result.cells, *(cell for row in result.margins.values() for cell in row)]
    assert all(cell.display == WITHHELD_MARKER for cell in [*every, result.total])
    assert {cell.status for cell in [*every, result.total]} == {"total_below_threshold"}
    assert result.withheld == len(every)
    assert "whole breakdown" in result.method


def test_a_bare_total() -> None:
    small = protect(Table((), (), {(): 3}))
    assert small.cells == [] and small.margins == {}
    assert small.total.display == WITHHELD_MARKER
    assert protect(Table((), (), {(): 537})).total.display == "537"
    assert protect(Table((), (), {})).total.display == "0"


def test_the_sensitive_threshold_applies_to_tables_by_child_or_disability() -> None:
    counts = {("yes",): 7, ("no",): 40}
    by_child = protect(Table(("child",), (("yes", "no"),), counts))
    assert by_child.threshold == 10
    assert displayed(by_child)[("yes",)] == WITHHELD_MARKER
    assert "fewer than 10" in by_child.footnotes[0]
    by_sex = protect(Table(("sex",), (("yes", "no"),), counts))
    assert by_sex.threshold == 5 and by_sex.withheld == 0
    by_disability = protect(
        Table(("disability", "band"), (("yes", "no"), ("short", "long")), {("yes", "long"): 9})
    )
    assert by_disability.total.display == WITHHELD_MARKER  # total 9 < 10


def test_a_figure_shared_with_a_sensitive_table_meets_its_threshold_everywhere() -> None:
    # Station s1's 7 custodies are a margin of the station x child table (threshold 10), so
    # the station table must not show it either: one number, one decision.
    base = Table(
        ("station", "child"),
        (("s1", "s2", "s3"), ("yes", "no")),
        {("s1", "yes"): 3, ("s1", "no"): 4, ("s2", "yes"): 12, ("s2", "no"): 20, ("s3", "no"): 30},
    )
    by_station, by_station_child = protect_all(base, [("station",), ("station", "child")])
    assert displayed(by_station)[("s1",)] == WITHHELD_MARKER
    margin = {cell.labels: cell.display for cell in by_station_child.margins["station"]}
    assert margin == displayed(by_station)
    assert "fewer than 10 for a figure also published" in by_station.footnotes[0]
    assert by_station.audit_report is not None and by_station.audit_report.passed


# -- the seed table -------------------------------------------------------------------------------


def test_seed_station_table_withholds_small_stations_so_none_can_be_derived() -> None:
    result = protect(station_table())
    shown = displayed(result)
    for small in ("Dundee", "Saltcoats", "Greenock", "Wick", "Stornoway", "Ayr", "Lanark"):
        assert shown[(small,)] == WITHHELD_MARKER
    assert shown[("Govan",)] == "76" and shown[("Kittybrewster",)] == "50"
    assert result.total.display == "537"  # the true total, never one recomputed from visible cells
    # Independent check for a one-way table: the withheld cells share what the visible ones
    # leave of the total, and each is at least 1, so each lies in [1, rest - (k - 1)].
    withheld = [cell for cell in result.cells if cell.withheld]
    rest = 537 - sum(cell.count for cell in result.cells if not cell.withheld)
    assert len(withheld) >= 2
    assert rest - (len(withheld) - 1) >= 5  # every withheld station could be 5 or more
    report = result.audit_report
    assert report is not None and report.passed
    for bounds in report.bounds:
        assert (bounds.lower, bounds.upper) == (1, rest - (len(withheld) - 1))


def test_seed_station_and_band_tables_together() -> None:
    base = station_band_table()
    tables = protect_all(base, [("station", "band"), ("station",), ("band",)])
    by_station_band, by_station, by_band = tables
    assert by_station_band.cells[0].labels == ("Ayr", "Up to 24 hours")
    assert len(by_station_band.cells) == 93
    # A figure published twice is the same figure, withheld in both or shown in both.
    assert {c.labels: c.display for c in by_station_band.margins["station"]} == displayed(
        by_station
    )
    assert {c.labels: c.display for c in by_station_band.margins["band"]} == displayed(by_band)
    assert by_band.total.display == "537"
    report = by_station.audit_report
    assert report is not None and report.passed
    assert report is by_band.audit_report  # one joint audit


def test_a_three_way_table_of_186_cells_is_protected_and_passes_the_audit() -> None:
    base = three_way_table()
    result = protect(base)
    assert len(result.cells) == 186
    assert result.audit_report is not None and result.audit_report.passed
