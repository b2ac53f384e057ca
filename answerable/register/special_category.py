"""The register's special-category fields and the condition each is processed under.

The register is law-enforcement processing (DPA 2018 Part 3). Processing data concerning
health, or revealing racial or ethnic origin, is "sensitive processing" (s35(8)), lawful only
when strictly necessary for the law enforcement purpose, with a condition in Schedule 8 met
and an appropriate policy document in place (s35(5), s42; docs/appropriate-policy-document.md).
One definition, shown on the record pages and in the docs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SpecialCategory:
    field: str  # the field's name on the register's records
    category: str  # what makes it sensitive processing (s35(8))
    condition: str  # the Schedule 8 condition relied on
    why: str  # why it is strictly necessary


POLICY = "docs/appropriate-policy-document.md"

SPECIAL_CATEGORIES = (
    SpecialCategory(
        field="disability",
        category="data concerning health (DPA 2018 s35(8)(b))",
        condition=(
            "Schedule 8 paragraph 4 (safeguarding of children and of individuals at risk), "
            "and paragraph 1 (statutory purposes: the force's duties to victims and people in "
            "custody, in the substantial public interest)"
        ),
        why=(
            "A disabled victim or detainee may need safeguarding and adjustments, and the "
            "force must be able to answer how it treats disabled victims who are migrants; "
            "recorded as yes / no / not recorded only, never the condition itself."
        ),
    ),
    SpecialCategory(
        field="nationality",
        category=(
            "may reveal racial or ethnic origin (DPA 2018 s35(8)(a)); self-declared, not inferred"
        ),
        condition=(
            "Schedule 8 paragraph 1 (statutory purposes: the exercise of the force's functions "
            "with the Home Office under the Immigration Act 1971 and the Police and Fire Reform "
            "(Scotland) Act 2012 s20 (constables' duties), in the substantial public interest)"
        ),
        why=(
            "Immigration powers, ICCE checks and referrals to the Home Office turn on it; the "
            "force is asked, and must be able to show, whether it treats people of some "
            "nationalities differently."
        ),
    ),
)


def special_categories_of(field_names: set[str]) -> list[SpecialCategory]:
    """The special-category fields among a record's fields, in the order above."""
    return [category for category in SPECIAL_CATEGORIES if category.field in field_names]
