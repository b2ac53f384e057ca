"""Which law a new request is probably made under: FOISA, or EIR(S) for environmental
information. A guess for the officer to confirm, never a decision.

EIR(S) reg 2(1) defines environmental information as information on (a) the state of the
elements of the environment (air, atmosphere, water, soil, land, landscape, natural sites,
biological diversity), (b) factors affecting them (substances, energy, noise, radiation,
waste, emissions, discharges), (c) measures (policies, legislation, plans, programmes,
environmental agreements) affecting or designed to protect them, (d) reports on the
implementation of environmental legislation, (e) cost-benefit and economic analyses used in
those measures, and (f) the state of human health and safety, the food chain, conditions of
human life, cultural sites and built structures inasmuch as they are affected by (a)-(c).
A request for such information is handled under the EIRs (FOISA s39(2) makes it exempt
under the Act), whoever asks and whatever words they use: so where the text plainly asks
about one of those matters, EIR(S) is proposed; otherwise FOISA.
"""

import re

from answerable.casework.models.choices import Regime

# Words that, in a police force's requests, point to reg 2(1)(a)-(c): pollution, emissions,
# the elements, energy use, waste, land and planning. Whole words, case-insensitive.
ENVIRONMENTAL_TERMS = (
    "environment",
    "environmental",
    "pollution",
    "polluted",
    "emissions",
    "emission",
    "carbon",
    "co2",
    "greenhouse",
    "air quality",
    "noise",
    "contamination",
    "contaminated",
    "waste",
    "landfill",
    "fly-tipping",
    "fly tipping",
    "flooding",
    "flood",
    "wildlife",
    "biodiversity",
    "radiation",
    "radioactive",
    "energy consumption",
    "energy use",
    "fuel consumption",
    "electric vehicles",
    "solar panels",
    "planning application",
    "land use",
    "water quality",
    "pesticide",
    "pesticides",
    "net zero",
)
_TERMS = re.compile(
    r"\b(" + "|".join(re.escape(term) for term in ENVIRONMENTAL_TERMS) + r")\b", re.IGNORECASE
)
# The EIR regime that goes with each FOI regime (Scotland's, or England and Wales's).
EIR_OF = {Regime.FOISA: Regime.EIRS, Regime.FOIA: Regime.EIR}


def environmental_terms(text: str) -> list[str]:
    """The environmental words the text uses, lower case, each once, in order."""
    return list(dict.fromkeys(match.group(1).lower() for match in _TERMS.finditer(text)))


def guess_regime(text: str, foi_regime: str = Regime.FOISA) -> Regime:
    """EIR(S) (or EIR) where the request asks about environmental information (reg 2(1)),
    else the FOI regime (FOISA by default)."""
    foi = Regime(foi_regime)
    if foi in EIR_OF and environmental_terms(text):
        return EIR_OF[foi]
    return foi
