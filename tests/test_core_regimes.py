"""The one table of regimes (answerable/core/regimes.py) and the apps that read it.

Each regime's facts are checked against the statute, and every module that used to define
them itself (the clock, the letters, the fees, the answer engine's estimate, the casework
and disclosure log choices, the acknowledgement) is checked against what it returned before
the table: tests/data/regimes_before.json was written from those modules before they were
made to read the table.
"""

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from answerable.answers import cost
from answerable.casework import fees, issue
from answerable.casework.letters import elements
from answerable.casework.models import choices
from answerable.clock import regimes as clock
from answerable.clock.errors import ClockError
from answerable.core import regimes
from answerable.core.regimes import Activity, Regime
from answerable.disclosure_log import models as disclosure_log
from answerable.mail import acknowledge

BEFORE = json.loads((Path(__file__).parent / "data" / "regimes_before.json").read_text())


def plain(value: Any) -> Any:
    """A value as the snapshot stored it: dataclasses as dicts, sets sorted, the rest str."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset | set):
        return sorted(str(item) for item in value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)


def contains(before: Any, now: Any) -> bool:
    """`now` says everything `before` said (the table may add fields, never change one)."""
    if isinstance(before, dict):
        return isinstance(now, dict) and all(
            key in now and contains(item, now[key]) for key, item in before.items()
        )
    return before == now


# --- the table's facts --------------------------------------------------------------------


def test_the_table_has_the_four_regimes_under_their_stored_codes():
    assert regimes.CODES == ("foisa", "foia", "eir-s", "eir")
    assert [row.regime.value for row in regimes.TABLE.values()] == ["foisa", "eir-s", "foia", "eir"]
    assert all(regimes.TABLE[regime].regime is regime for regime in Regime)


@pytest.mark.parametrize(
    ("code", "short", "title", "scottish", "environmental", "family"),
    [
        ("foisa", "FOISA", "Freedom of Information (Scotland) Act 2002", True, False, "FOI"),
        (
            "eir-s",
            "EIR(S)",
            "Environmental Information (Scotland) Regulations 2004",
            True,
            True,
            "EIR",
        ),
        ("foia", "FOIA", "Freedom of Information Act 2000", False, False, "FOI"),
        ("eir", "EIR", "Environmental Information Regulations 2004", False, True, "EIR"),
    ],
)
def test_each_regime_is_named_and_placed(code, short, title, scottish, environmental, family):
    row = regimes.facts(code)
    assert (row.short, row.title, row.scottish, row.environmental) == (
        short,
        title,
        scottish,
        environmental,
    )
    assert row.family == family == regimes.family(code)
    assert row.citations.act == title and row.citations.short == short
    assert row.citations.scottish == scottish and row.citations.environmental == environmental
    assert row.time.calendar == (regimes.SCOTLAND if scottish else regimes.UNITED_KINGDOM)


def test_the_periods():
    # 20 working days to respond: FOISA s10(1), FOIA s10(1), EIR(S) reg 5(2)(a), EIR reg 5(2).
    assert regimes.RESPONSE_DAYS == 20
    # 40 with notice under the EIRs only (reg 7); FOIA's s10(3) extension has no fixed period.
    assert regimes.EXTENDED_RESPONSE_DAYS == 40
    assert {code: regimes.facts(code).time.extension for code in regimes.CODES} == {
        "foisa": None,
        "foia": None,
        "eir-s": "EIR(S) reg 7",
        "eir": "EIR reg 7",
    }
    # A review is due in 20 working days, except under the EIR (40: reg 11(4)); the FOIA
    # code of practice allows 40 in complex cases.
    assert {code: regimes.facts(code).time.review_response_days for code in regimes.CODES} == {
        "foisa": 20,
        "foia": 20,
        "eir-s": 20,
        "eir": 40,
    }
    assert regimes.FOIA.time.review_response_outer_days == 40
    assert not regimes.FOIA.time.review_request_statutory
    assert regimes.FOISA.time.review_request == "FOISA s20(5)"
    assert regimes.REVIEW_REQUEST_DAYS == 40 and regimes.COMMISSIONER_MONTHS == 6


def test_foisa_cost_rules_are_the_2004_fees_regulations():
    # FOISA s12; SSI 2004/467: GBP 600 limit (reg 5), staff time capped at GBP 15 (reg 3).
    rules = regimes.FOISA.cost
    assert rules.limit_gbp == Decimal(600) and rules.hourly_rate_gbp == Decimal(15)
    assert rules.rate_is_cap and rules.limit_section == "FOISA s12(1)"
    assert rules.counted == {Activity.LOCATING, Activity.RETRIEVING, Activity.PROVIDING}
    # reg 4(4): nil on the first GBP 100, 10% of the rest, GBP 50 at most.
    assert (rules.fee_free_gbp, rules.fee_share, rules.fee_max_gbp) == (
        Decimal(100),
        Decimal("0.10"),
        Decimal(50),
    )


def test_foia_cost_rules_are_the_2004_appropriate_limit_regulations():
    # FOIA s12; SI 2004/3244: GBP 450 (GBP 600 for central government, reg 3), GBP 25 an
    # hour flat (reg 4(4)); below the limit staff time is not charged (reg 6).
    rules = regimes.FOIA.cost
    assert rules.limit_gbp == Decimal(450) and rules.central_limit_gbp == Decimal(600)
    assert rules.hourly_rate_gbp == Decimal(25) and not rules.rate_is_cap
    assert not rules.staff_time_charged
    assert regimes.cost_limit_gbp("foia") == Decimal(450)
    assert regimes.cost_limit_gbp("foia", central_government=True) == Decimal(600)
    assert regimes.cost_limit_gbp("foisa", central_government=True) == Decimal(600)


def test_the_eirs_have_no_cost_limit_but_manifestly_unreasonable():
    assert regimes.cost_limit_gbp("eir-s") is None and regimes.cost_limit_gbp("eir") is None
    assert regimes.EIRS.cost.manifestly_unreasonable == "EIR(S) reg 10(4)(b)"
    assert regimes.EIR.cost.manifestly_unreasonable == "EIR reg 12(4)(b)"
    assert regimes.EIRS.citations.vexatious == "regulation 10(4)(b)"
    assert regimes.EIR.citations.vexatious == "regulation 12(4)(b)"
    assert regimes.FOISA.cost.manifestly_unreasonable is None


def test_an_unknown_code_is_refused_with_the_four_named():
    with pytest.raises(regimes.RegimeError, match="foisa, foia, eir-s, eir"):
        regimes.facts("gdpr")
    assert regimes.family("gdpr") == "FOI"  # as the quarterly return always counted it


# --- the former definitions now read the table and say what they said before -------------


def test_the_clock_rules_are_unchanged():
    assert contains(BEFORE["clock"], plain(clock.RULES))
    assert clock.RULES[Regime.EIR] is regimes.EIR.time
    with pytest.raises(ClockError, match="unknown regime 'x': use one of") as error:
        clock.regime_of("x")
    assert error.value.field == "regime"


def test_the_letters_citations_are_unchanged():
    assert contains(BEFORE["letters"], plain(regimes.CITATIONS))
    assert BEFORE["deadline"] == elements.DEADLINE
    assert BEFORE["clarify"] == elements.CLARIFY
    assert BEFORE["otherwise"] == elements.OTHERWISE_ACCESSIBLE
    assert BEFORE["pd_condition"] == issue.PERSONAL_DATA_CONDITION


@pytest.mark.parametrize("code", ["foisa", "foia", "eir-s", "eir"])
def test_the_fees_rules_are_unchanged(code):
    assert BEFORE["fees"][code] == plain(fees.rules_for(code))
    assert BEFORE["fees_central"][code] == plain(fees.rules_for(code, central_government=True))


def test_the_fees_are_unchanged():
    foisa, foia, eir = (fees.rules_for(code) for code in ("foisa", "foia", "eir"))
    assert fees.fee(foisa, Decimal(100)) == Decimal("0.00")
    assert fees.fee(foisa, Decimal("350.99")) == Decimal("25.09")
    assert fees.fee(foisa, Decimal(600)) == Decimal(50)
    assert fees.fee(foia, Decimal(400)) == Decimal("0.00")
    assert fees.fee(eir, Decimal(400)) is None
    assert fees.fee_above_limit(Decimal(700)) == Decimal(150)
    with pytest.raises(fees.FeeError, match="unknown regime"):
        fees.rules_for("gdpr")


def test_the_answer_estimate_uses_foisas_rate_and_limit():
    now = {"rate": str(cost.HOURLY_RATE_CAP_GBP), "limit": str(cost.COST_LIMIT_GBP)}
    assert now == BEFORE["cost"] == {"rate": "15", "limit": "600"}
    assert regimes.FOISA.cost.hourly_rate_gbp == cost.HOURLY_RATE_CAP_GBP
    assert regimes.FOISA.cost.limit_gbp == cost.COST_LIMIT_GBP


def test_the_model_choices_are_unchanged():
    assert BEFORE["casework_choices"] == [[m.name, m.value, str(m.label)] for m in choices.Regime]
    assert BEFORE["dl_choices"] == [[m.name, m.value, str(m.label)] for m in disclosure_log.Regime]
    assert BEFORE["family"] == {code: choices.family(code) for code in regimes.CODES}
    assert choices.FOI_REGIMES == (choices.Regime.FOISA, choices.Regime.FOIA)
    assert choices.EIR_REGIMES == (choices.Regime.EIRS, choices.Regime.EIR)


def test_the_acknowledgement_names_the_law_as_before():
    assert BEFORE["laws"] == acknowledge.LAWS
