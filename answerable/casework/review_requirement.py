"""Is a requirement for review valid? FOISA s20(3) (EIR(S) reg 16 likewise).

A requirement for review must (a) be in writing or in another form which, by reason of its
having some permanence, is capable of being used for subsequent reference; (b) state the
name of the applicant and an address for correspondence; and (c) specify (i) the request
for information to which it relates and (ii) the matter which gives rise to the applicant's
dissatisfaction. A requirement lacking any of these is not valid, and the authority should
tell the applicant what is missing (s15 advice and assistance) rather than ignore it.
"""

# A reason of a word or two ("unhappy") does not specify a matter; OSIC accepts brief
# reasons, so only an empty or near-empty one is flagged.
MINIMUM_REASON_CHARACTERS = 3


def review_requirement_problems(
    *,
    permanent_form: bool,
    name_given: bool,
    address_given: bool,
    request_specified: bool,
    dissatisfaction: str,
) -> list[str]:
    """What a requirement for review lacks under s20(3); empty when it is valid."""
    problems = []
    if not permanent_form:
        problems.append(
            "s20(3)(a): not in writing or another permanent form (e.g. an unrecorded call)"
        )
    if not name_given:
        problems.append("s20(3)(b): the applicant's name is not stated")
    if not address_given:
        problems.append("s20(3)(b): no address for correspondence (postal or e-mail)")
    if not request_specified:
        problems.append("s20(3)(c)(i): the request it relates to is not specified")
    if len(dissatisfaction.strip()) < MINIMUM_REASON_CHARACTERS:
        problems.append("s20(3)(c)(ii): the matter giving rise to dissatisfaction is not stated")
    return problems
