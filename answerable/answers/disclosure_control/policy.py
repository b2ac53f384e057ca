"""The disclosure-control policy: which small counts are withheld, and why.

register_notes.md, "Disclosure control of published tables": there is no fixed legal
threshold. The ICO's anonymisation guidance allows suppressing small values such as 1 to 5,
and the Upper Tribunal in ICO v Miller [2018] UKUT 229 (AAC) rejected a blanket rule in
favour of a case-by-case "motivated intruder" test. So the threshold is a setting, and the
reason for it is recorded with every answer that applies it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_REASON = (
    "Counts from 1 to the threshold less one are withheld, and further figures are withheld so "
    "that no withheld count can be worked out from the published totals, or by combining them "
    "with anything released before. The ICO's "
    "anonymisation guidance allows small values such as 1 to 5 to be suppressed; there is no "
    "fixed legal threshold, because the Upper Tribunal in ICO v Miller [2018] UKUT 229 (AAC) "
    "requires a case-by-case 'motivated intruder' assessment. The threshold is therefore a "
    "recorded setting: 5 by default, and 10 where a table's records are broken down or chosen by "
    "child or disability, because those people are easier to identify and more harmed if they "
    "are."
)


@dataclass(frozen=True)
class Policy:
    """Thresholds for primary suppression and the recorded reason for them.

    A count n with 1 <= n < threshold is withheld ("primary" suppression). True zeros are
    shown: Ofqual's practice in register_notes.md, and a zero identifies nobody.
    """

    threshold: int = 5
    sensitive_threshold: int = 10
    sensitive_dimensions: frozenset[str] = frozenset({"child", "disability"})
    reason: str = DEFAULT_REASON

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError(f"threshold must be at least 1, not {self.threshold}")
        # A "sensitive" threshold lower than the ordinary one would protect children and
        # disabled people less than everyone else: almost certainly a settings mistake.
        if self.sensitive_threshold < self.threshold:
            raise ValueError(
                f"sensitive_threshold ({self.sensitive_threshold}) is below "
                f"threshold ({self.threshold})"
            )
        if not self.reason.strip():
            raise ValueError("the policy must record its reason (ICO v Miller: case by case)")
        # Accept any iterable of names but store a frozenset so the policy stays hashable.
        object.__setattr__(self, "sensitive_dimensions", frozenset(self.sensitive_dimensions))

    def threshold_for(self, dimensions: Sequence[str]) -> int:
        """The threshold for a table broken down by these dimensions."""
        if any(dimension in self.sensitive_dimensions for dimension in dimensions):
            return self.sensitive_threshold
        return self.threshold

    def for_population(self, filtered_by: Sequence[str]) -> "Policy":
        """The policy for a table whose records are chosen by these dimensions (`--where`).

        A population defined by child or disability is as sensitive as a breakdown by them:
        `--where child=yes` counts children just as `--by child` does, so every figure of
        such a table takes the sensitive threshold.
        """
        if not any(dimension in self.sensitive_dimensions for dimension in filtered_by):
            return self
        return Policy(
            threshold=self.sensitive_threshold,
            sensitive_threshold=self.sensitive_threshold,
            sensitive_dimensions=self.sensitive_dimensions,
            reason=self.reason,
        )

    def raised_to(self, threshold: int | None) -> "Policy":
        """This policy with its thresholds raised to at least `threshold` for one answer.

        A threshold can be raised for one answer (a motivated-intruder assessment may call
        for more protection), never lowered below the policy in settings: ICO v Miller asks
        for a case-by-case assessment, and the recorded policy is the authority's floor.
        """
        if threshold is None or threshold <= self.threshold:
            return self
        return Policy(
            threshold=threshold,
            sensitive_threshold=max(threshold, self.sensitive_threshold),
            sensitive_dimensions=self.sensitive_dimensions,
            reason=f"{self.reason} For this answer the threshold was raised to {threshold}.",
        )
