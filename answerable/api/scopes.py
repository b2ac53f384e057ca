"""What each system calling the API may do: its token's scopes (least privilege, UK GDPR
art. 5(1)(f) and art. 32; DPA 2018 s40 and s66 for law-enforcement processing).

A custody system writes custody episodes and nothing else; the Home Office's reply channel
reports outcomes and cannot read a record; a dashboard reads published figures only. A
write scope lets its system read back the records it writes (it needs their ETag to update
them), never the others.
"""

from enum import StrEnum


class Scope(StrEnum):
    CUSTODY_READ = "custody:read"
    CUSTODY_WRITE = "custody:write"
    DISCLOSURES_READ = "disclosures:read"
    DISCLOSURES_WRITE = "disclosures:write"
    NCCU_READ = "nccu:read"
    NCCU_WRITE = "nccu:write"
    ICCE_READ = "icce:read"
    ICCE_WRITE = "icce:write"
    OUTCOMES_WRITE = "outcomes:write"
    ANSWERS_READ = "answers:read"


DESCRIPTIONS = {
    Scope.CUSTODY_READ: "read custody episodes",
    Scope.CUSTODY_WRITE: "create and update custody episodes (and read them back)",
    Scope.DISCLOSURES_READ: "read disclosures and their outcome reports",
    Scope.DISCLOSURES_WRITE: "create and update disclosures (and read them back)",
    Scope.NCCU_READ: "read NCCU contacts",
    Scope.NCCU_WRITE: "create and update NCCU contacts (and read them back)",
    Scope.ICCE_READ: "read ICCE requests",
    Scope.ICCE_WRITE: "create and update ICCE requests (and read them back)",
    Scope.OUTCOMES_WRITE: "report a Home Office outcome against a disclosure",
    Scope.ANSWERS_READ: "run catalogue questions (figures under disclosure control only)",
}

# A write scope includes reading what it writes.
IMPLIED = {
    Scope.CUSTODY_WRITE: {Scope.CUSTODY_READ},
    Scope.DISCLOSURES_WRITE: {Scope.DISCLOSURES_READ},
    Scope.NCCU_WRITE: {Scope.NCCU_READ},
    Scope.ICCE_WRITE: {Scope.ICCE_READ},
}


def parse_scopes(names: list[str] | str) -> list[Scope]:
    """Scopes from their names (a list, or one string separated by spaces or commas);
    raises ValueError naming any unknown one."""
    if isinstance(names, str):
        names = names.replace(",", " ").split()
    unknown = [name for name in names if name not in Scope._value2member_map_]
    if unknown:
        raise ValueError(
            f"unknown scope {', '.join(map(repr, unknown))}; the scopes are: "
            + ", ".join(scope.value for scope in Scope)
        )
    return sorted({Scope(name) for name in names})


def effective(granted: list[str]) -> set[Scope]:
    """The granted scopes and those they imply."""
    scopes = {Scope(name) for name in granted if name in Scope._value2member_map_}
    for scope in list(scopes):
        scopes |= IMPLIED.get(scope, set())
    return scopes
