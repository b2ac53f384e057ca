"""The `answerable` console script: Django's management entry point under our name.

Every Django command (`answerable migrate`, `answerable runserver`) and every command of
ours (`answerable import custody FILE`, `answerable generate`, `answerable demo`) runs
through here, so the settings module never has to be set by hand.
"""

import os
import sys

# Commands that need neither the admin site nor its system checks: they start without
# discovering the admin (answerable/startup.py). `ask`, `backup` and `restore` run no checks,
# answerable's other commands the data's only (startup.COMMAND_CHECKS); `help` with no
# command lists the commands. A command that loads the URLs still discovers the admin then.
OWN_COMMANDS = frozenset(
    {
        "apitoken",
        "ask",
        "audit",
        "backup",
        "coverage",
        "deadline",
        "demo",
        "demousers",
        "generate",
        "import",
        "mail",
        "release",
        "remind",
        "restore",
        "retention",
        "roles",
        "statistics",
    }
)
LIGHT_COMMANDS = OWN_COMMANDS | {"help", "--help", "-h", "version", "--version"}

# The ways of asking Django for its list of commands: printed from the apps' configurations,
# without setting Django up (answerable/startup.py: main_help_text).
MAIN_HELP: tuple[list[str], ...] = ([], ["help"], ["--help"], ["-h"])


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "answerable.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "answerable"
    # Shell completion (DJANGO_AUTO_COMPLETE) is Django's to answer, as before.
    if argv[1:] in MAIN_HELP and "DJANGO_AUTO_COMPLETE" not in os.environ:
        from answerable import startup

        text = startup.main_help_text(argv[0])
        if text is not None:
            sys.stdout.write(text + "\n")
            return

    from django.core.management import execute_from_command_line

    from answerable.audit.actor import acting_as, command_actor

    subcommand = argv[1] if len(argv) > 1 else "help"
    if subcommand in LIGHT_COMMANDS:
        from answerable import startup

        startup.defer_admin_discovery = True
    # DPA 2018 s62(1)-(2): what a command does to personal data is logged as done by the
    # command and the account that ran it (a web request names its signed-in user instead).
    with acting_as(command_actor(subcommand)):
        execute_from_command_line(argv)
