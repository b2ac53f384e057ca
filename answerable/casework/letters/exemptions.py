"""Which exemptions are absolute, and which may support neither confirming nor denying.

A qualified exemption applies only where the public interest in maintaining it outweighs
that in disclosure (FOISA s2(1)(b)), so its refusal notice must give the public interest
reasons (s16(2)); an absolute one has no public interest test. Sections are written as the
Act numbers them, e.g. "38(1)(b)"; a leading "s" or "section" is ignored.
"""

import re

_LEADING = re.compile(r"^\s*(?:s(?:ection)?\.?|reg(?:ulation)?\.?)\s*", re.IGNORECASE)


def normalise(section: str) -> str:
    """ "Section 38(1) (b)" -> "38(1)(b)"."""
    return re.sub(r"\s+", "", _LEADING.sub("", section)).lower()


def _number(section: str) -> int | None:
    match = re.match(r"\d+", normalise(section))
    return int(match.group()) if match else None


def _under(section: str, *prefixes: str) -> bool:
    """Whether a section is one of the prefixes or a subdivision of one ("38(1)" covers
    "38(1)(b)"), never a different section that starts with the same digits ("3" vs "38")."""
    text = normalise(section)
    return any(text == prefix or text.startswith(prefix + "(") for prefix in prefixes)


def is_absolute(section: str, condition: str = "") -> bool:
    """FOISA s2(2): ss25, 26, 36(2), 37, 38(1)(a), (c) and (d) are absolute, and 38(1)(b)
    where its first condition is met by virtue of s38(2A)(a) or (b) (s2(2)(e)(ii)).

    The condition is read only for s38(1)(b): without it, the safer reading is taken and the
    exemption is treated as qualified, so the notice gives a public interest test that an
    absolute exemption does not need rather than omitting one a qualified exemption does.
    """
    if _number(section) in (25, 26, 37):
        return True
    if _under(section, "36(2)", "38(1)(a)", "38(1)(c)", "38(1)(d)"):
        return True
    if _under(section, "38(1)(b)"):
        return _under(condition, "38(2a)(a)", "38(2a)(b)")
    return False


def _is_absolute_foia(section: str, condition: str) -> bool:
    """FOIA s2(3): ss21, 23, 32, 34, 40(1), 41 and 44 are absolute, and 40(2) where its
    first condition is met by virtue of s40(3A)(a). Section 36 is absolute only for the
    Houses of Parliament, never a police force, so it is treated as qualified here."""
    if _number(section) in (21, 23, 32, 34, 41, 44) or _under(section, "40(1)"):
        return True
    if _under(section, "40(2)"):
        return _under(condition, "40(3a)(a)")
    return False


def needs_public_interest(regime: str, section: str, condition: str = "") -> bool:
    """Whether a refusal under this provision must give the public interest reasons."""
    if regime == "foisa":
        return not is_absolute(section, condition)
    if regime == "foia":
        return not _is_absolute_foia(section, condition)
    # The EIRs: every exception is subject to the public interest (EIR(S) reg 10(1)(b),
    # EIR reg 12(1)(b)); personal data (EIR(S) reg 11, EIR reg 13) is not, where the
    # condition that makes disclosure unlawful is stated.
    personal_data = 11 if regime == "eir-s" else 13
    return not (_number(section) == personal_data and bool(condition.strip()))


def may_neither_confirm_nor_deny(regime: str, section: str) -> bool:
    """Whether this exemption can support a refusal to confirm or deny that information is
    held: FOISA s18(1) allows only ss28 to 35, 38, 39(1) and 41; EIR(S) reg 10(8) and EIR
    reg 12(6) only the international relations, defence, national security and public
    safety exception (reg 10(5)(a) / 12(5)(a)). Under FOIA each exemption has its own
    exclusion of the duty to confirm or deny."""
    number = _number(section)
    if regime == "foisa":
        return number is not None and (
            28 <= number <= 35 or number in (38, 41) or _under(section, "39(1)")
        )
    if regime == "eir-s":
        return _under(section, "10(5)(a)")
    if regime == "eir":
        return _under(section, "12(5)(a)")
    return number is not None


# The headings the Acts give their exemptions, for the notice (s16(1)(c): "specifies the
# exemption in question"). FOISA Part 2 and s12/s14; FOIA Part II and s12/s14; the EIRs'
# exceptions are regulation 10 under both.
FOISA_TITLES = {
    12: "Excessive cost of compliance",
    14: "Vexatious or repeated requests",
    25: "Information otherwise accessible",
    26: "Prohibitions on disclosure",
    27: "Information intended for future publication",
    28: "Relations within the United Kingdom",
    29: "Formulation of Scottish Administration policy etc.",
    30: "Prejudice to effective conduct of public affairs",
    31: "National security and defence",
    32: "International relations",
    33: "Commercial interests and the economy",
    34: "Investigations by Scottish public authorities and proceedings arising out of such "
    "investigations",
    35: "Law enforcement",
    36: "Confidentiality",
    37: "Court records, etc.",
    38: "Personal information",
    39: "Health, safety and the environment",
    41: "Communications with His Majesty etc. and honours",
}
FOIA_TITLES = {
    12: "Exemption where cost of compliance exceeds appropriate limit",
    14: "Vexatious or repeated requests",
    21: "Information accessible to applicant by other means",
    22: "Information intended for future publication",
    23: "Information supplied by, or relating to, bodies dealing with security matters",
    24: "National security",
    30: "Investigations and proceedings conducted by public authorities",
    31: "Law enforcement",
    38: "Health and safety",
    40: "Personal information",
    41: "Information provided in confidence",
    43: "Commercial interests",
    44: "Prohibitions on disclosure",
}


def title_of(regime: str, section: str) -> str:
    """The Act's heading for a cited section; the EIRs' exceptions are all regulation 10."""
    if regime in ("eir-s", "eir"):
        return "Exceptions from the duty to make environmental information available"
    titles = FOIA_TITLES if regime == "foia" else FOISA_TITLES
    return titles.get(_number(section) or 0, "Exemption")


def cited(section: str) -> str:
    """A section as the Act prints it: "38(2a)(a)" -> "38(2A)(a)" (normalise lower-cases)."""
    return re.sub(r"(\d)([a-z])(?=\)|$)", lambda m: m.group(1) + m.group(2).upper(), section)


# The prejudice-based exemptions whose harm test the notice must show: FOISA s35 (law
# enforcement: "would, or would be likely to, prejudice substantially") and s39 (health,
# safety and the environment: "would, or would be likely to, endanger"); FOIA s31 and s38.
_HARM_TESTED = {"foisa": (35, 39), "foia": (31, 38)}
LIKELIHOODS = {"would": "would", "would_be_likely": "would be likely to"}


def needs_harm_test(regime: str, section: str) -> bool:
    """Whether the exemption applies only if disclosure would (or would be likely to) cause
    a harm, which the notice must then show: who or what, how likely, and how."""
    return _number(section) in _HARM_TESTED.get(regime, ())


def harm_test_problems(
    regime: str, section: str, *, harm_to: str, likelihood: str, how: str
) -> list[tuple[str, str]]:
    """What a harm-tested exemption lacks, as (field, problem); empty if complete or not
    harm-tested. Field names are CitedExemption's."""
    if not needs_harm_test(regime, section):
        return []
    number = _number(section)
    verb = "prejudice substantially" if number in (35, 31) else "endanger"
    found = []
    if not harm_to.strip():
        found.append(("harm_to", f"Section {number}: say who or what disclosure would {verb}."))
    if likelihood not in LIKELIHOODS:
        found.append(
            (
                "harm_likelihood",
                f'Section {number}: say whether disclosure "would" or "would be likely to" {verb}.',
            )
        )
    if not how.strip():
        found.append(("harm_how", f"Section {number}: say how disclosure would cause the harm."))
    return found
