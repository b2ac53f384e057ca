"""A backup's manifest (manifest.json): what the file holds and how to check it.

    {
      "format": "answerable-backup", "version": 1, "created_at": "...Z",
      "database": "sqlite" | "postgresql",
      "migrations": {"register": ["0001_initial", ...], ...},
      "tables": [{"label": "register.custodyepisode", "table": "register_custodyepisode",
                  "member": "tables/register.custodyepisode.jsonl",
                  "columns": ["id", ...], "rows": 1000000, "sha256": "..."}, ...],
      "files": [{"name": "documents/2024/isa.pdf", "member": "files/000001", "size": 1234,
                 "sha256": "..."}],
      "missing_files": ["documents/2019/gone.pdf"],
      "audit": {"entries": 123, "head_sequence": 123, "head": "..."}
    }

Each table member is JSON lines, one row a line, a JSON array in `columns` order
(values.py says how each type is written). Checking the manifest is pure: manifest_problems()
takes the parsed JSON and returns what is wrong with it, if anything.
"""

from typing import Any

FORMAT = "answerable-backup"
VERSION = 1
MANIFEST = "manifest.json"
# HMAC-SHA256 of manifest.json's bytes under a key derived from ANSWERABLE_BACKUP_KEY
# (sealed.py): a manifest recomputed for altered rows is refused without the key.
MANIFEST_MAC = "manifest.mac"


class BackupError(Exception):
    """A backup that cannot be made or restored, with what is wrong and where."""


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_digest(value: Any) -> bool:
    hexadecimal = "0123456789abcdef"
    return isinstance(value, str) and len(value) == 64 and all(c in hexadecimal for c in value)


def _entry_problems(kind: str, index: int, entry: Any, required: dict[str, type]) -> list[str]:
    if not isinstance(entry, dict):
        return [f"{kind}[{index}] is not an object"]
    problems = []
    for name, kind_of in required.items():
        if not isinstance(entry.get(name), kind_of) or isinstance(entry.get(name), bool):
            problems.append(f"{kind}[{index}].{name} is missing or not a {kind_of.__name__}")
    if "sha256" in required and not problems and not _is_digest(entry["sha256"]):
        problems.append(f"{kind}[{index}].sha256 is not a SHA-256 in hexadecimal")
    for count in ("rows", "size"):
        if count in required and not problems and not _is_count(entry[count]):
            problems.append(f"{kind}[{index}].{count} is not a count")
    return problems


TABLE_FIELDS = {
    "label": str,
    "table": str,
    "member": str,
    "columns": list,
    "rows": int,
    "sha256": str,
}
FILE_FIELDS = {"name": str, "member": str, "size": int, "sha256": str}


def manifest_problems(manifest: Any) -> list[str]:
    """What is wrong with a parsed manifest (empty when nothing is)."""
    if not isinstance(manifest, dict):
        return ["the manifest is not a JSON object"]
    if manifest.get("format") != FORMAT:
        return [f"not an Answerable backup (format {manifest.get('format')!r}, not {FORMAT!r})"]
    if manifest.get("version") != VERSION:
        return [
            f"backup format version {manifest.get('version')!r}; this Answerable reads "
            f"version {VERSION} only"
        ]
    problems: list[str] = []
    migrations = manifest.get("migrations")
    if not isinstance(migrations, dict) or not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names)
        for names in migrations.values()
    ):
        problems.append("migrations is not an object of app -> list of migration names")
    for kind, required in (("tables", TABLE_FIELDS), ("files", FILE_FIELDS)):
        entries = manifest.get(kind)
        if not isinstance(entries, list):
            problems.append(f"{kind} is not a list")
            continue
        for index, entry in enumerate(entries):
            problems.extend(_entry_problems(kind, index, entry, required))
    if not problems:
        members = [entry["member"] for entry in [*manifest["tables"], *manifest["files"]]]
        if len(set(members)) != len(members) or MANIFEST in members:
            problems.append("two entries name the same member")
        labels = [entry["label"] for entry in manifest["tables"]]
        if len(set(labels)) != len(labels):
            problems.append("a table is listed twice")
    return problems


def migration_differences(
    backup: dict[str, list[str]], database: dict[str, list[str]]
) -> list[str]:
    """How the database's applied migrations differ from the backup's, app by app."""
    differences = []
    for app in sorted(set(backup) | set(database)):
        in_backup, in_database = set(backup.get(app, [])), set(database.get(app, []))
        only_backup = sorted(in_backup - in_database)
        only_database = sorted(in_database - in_backup)
        if only_backup:
            differences.append(f"{app}: the backup has {', '.join(only_backup)}, not applied here")
        if only_database:
            differences.append(
                f"{app}: applied here but not in the backup: {', '.join(only_database)}"
            )
    return differences
