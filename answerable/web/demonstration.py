"""Whether synthetic demonstration data is loaded, for the warning on every page and in the
admin: staff must never mistake demonstration records for real ones, nor enter real records
into a demonstration installation.

The web layer cannot know where records are kept (it sits below the apps that keep them), so
an app that holds demonstration data says how to tell, from its AppConfig.ready():
`register_check(callable)`. The register does (register/apps.py).
"""

from collections.abc import Callable

_checks: list[Callable[[], bool]] = []


def register_check(check: Callable[[], bool]) -> None:
    """Add `check`, a callable answering "is demonstration data loaded here?"."""
    if check not in _checks:
        _checks.append(check)


def synthetic_data_loaded() -> bool:
    """True when any app that registered a check holds demonstration data."""
    return any(check() for check in _checks)
