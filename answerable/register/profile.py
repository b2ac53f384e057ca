"""A person's profile: the latest recorded value of each attribute across their records."""

from datetime import datetime
from typing import Any

PROFILE_FIELDS = ("sex", "age", "nationality", "disability", "asylum_claimed")


def merge_profile(
    current: dict[str, Any],
    current_at: datetime | None,
    observed: dict[str, Any],
    observed_at: datetime,
) -> tuple[dict[str, Any], datetime]:
    """Fold one record's attributes, observed at `observed_at`, into a profile.

    A newer record's recorded values win. "Not recorded" never erases a recorded value
    (register notes: not recorded is never the same as no). An older record only fills gaps,
    except age, which is only meaningful as of the latest record.
    """
    newer = current_at is None or observed_at >= current_at
    merged = dict(current)
    for name in PROFILE_FIELDS:
        value = observed.get(name)
        if value is None:
            continue
        if newer or (merged.get(name) is None and name != "age"):
            merged[name] = value
    latest = observed_at if current_at is None else max(current_at, observed_at)
    return merged, latest
