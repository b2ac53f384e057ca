"""Settings helpers that read environment variables and refuse bad values.

A mistyped setting in production must stop the process at start-up with a message naming
the variable, not run with a silently substituted default.
"""

import os
import re
import secrets
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- the checkout's `.env` file (written by `make run`) --------------------------------------
#
# `make run` keeps its development settings in a `.env` file in the checkout, so that every
# command run afterwards (`answerable ask ...`) has them too. The file is read before the
# settings: a variable set in the environment wins over the file. ANSWERABLE_ENV_FILE names
# another file, or none when it is empty (the test settings read none). Production has no
# `.env`, so without its secrets it still refuses to start.

ENV_FILE_VARIABLE = "ANSWERABLE_ENV_FILE"
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def read_env_file(path: Path) -> dict[str, str]:
    """The `NAME=value` lines of a `.env` file, as a shell would read them without expansion.

    Blank lines and `#` comments are skipped, a leading `export ` is allowed, and a value may
    be quoted with '...' or "..." (the quotes are removed). Any other line is refused, naming
    the file and line.
    """
    variables: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line.removeprefix("export ").lstrip()
        name, equals, value = line.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not _NAME.fullmatch(name):
            raise ImproperlyConfigured(f"{path}, line {number}: expected NAME=value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        variables[name] = value
    return variables


def env_file(default: Path) -> Path | None:
    """The `.env` file to read: ANSWERABLE_ENV_FILE's, none when it is empty, else `default`
    if it exists. A file named by ANSWERABLE_ENV_FILE that is missing is an error."""
    named = os.environ.get(ENV_FILE_VARIABLE)
    if named is None:
        return default if default.is_file() else None
    if not named:
        return None
    path = Path(named)
    if not path.is_file():
        raise ImproperlyConfigured(f"{ENV_FILE_VARIABLE} names {named!r}, which is not a file")
    return path


def load_env_file(default: Path) -> Path | None:
    """Put the `.env` file's variables in the environment, under those already set; returns
    the file read, if any."""
    path = env_file(default)
    if path is not None:
        for name, value in read_env_file(path).items():
            os.environ.setdefault(name, value)
    return path


def development_env() -> str:
    """The text of the `.env` file `make run` writes: development mode and a secret key of
    this checkout's own (so sessions survive a restart). The pseudonym and backup keys are
    DEBUG's development ones (settings.py), so that records imported and backups made before
    the file existed stay linked and readable."""
    return (
        "# Development settings of this checkout, written by `make run` (never in production).\n"
        "# Every `answerable` command run here reads them; the environment wins over them.\n"
        "DEBUG=1\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    )


def write_development_env(path: Path) -> bool:
    """Write the development `.env` at `path` (owner-only) unless a file is there already;
    True if written."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(development_env())
    return True


def main(argv: list[str] | None = None) -> int:
    """`python -m answerable.env [PATH]`: write the development `.env` if it is missing."""
    arguments = sys.argv[1:] if argv is None else argv
    path = Path(arguments[0]) if arguments else Path(".env")
    if write_development_env(path):
        print(f"wrote {path}: development settings (DEBUG=1, a new SECRET_KEY) for this checkout")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
