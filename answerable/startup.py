"""What a process loads when Django starts (answerable/cli.py sets it, before django.setup()).

Discovering the admin imports every app's admin module, and with them casework, letters,
PDF and spreadsheet code: a third of a command's start-up (issue 16). A command that needs
neither the admin site nor the system checks (`answerable ask`, `answerable --help`) starts
without it; the admin is still discovered whenever URLs are loaded (answerable/urls.py), so
a page, a test and every other command see the whole admin site, as before.

The list of commands (`answerable`, `answerable help`, `--help`, `-h`) needs still less: the
installed apps' names and folders, not their models. `main_help_text()` gives Django's own
text from the apps' configurations alone, without importing the 91 models (and the 26
historical models django-simple-history builds from them) that `django.setup()` would:
about half of that command's start-up.
"""

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.checks import Tags
from django.core.exceptions import ImproperlyConfigured
from django.core.management import ManagementUtility, get_commands

# Set by answerable/cli.py for a light command, read by the admin's AppConfig.ready().
defer_admin_discovery = False

# The system checks each of answerable's own commands runs before it starts (its
# `requires_system_checks`): the models', the database's, the static files', the caches',
# security settings and the rest, not those of the pages. Checking the URLs imports every
# view, the systems API and Django REST framework; checking the admin and the templates
# discovers every admin module and loads every template tag library: 0.65 of the 1.5 CPU
# seconds `answerable coverage` took to start (issue 16), for pages no command shows. The
# pages' checks still run in `answerable check` (and `check --deploy`), `migrate` and
# `runserver`, Django's own commands, which keep them all; `backup`, `restore` and `ask`
# run none (a backup must run even when a page is broken; `ask` only reads).
COMMAND_CHECKS: list[str] = [
    Tags.async_support,
    Tags.caches,
    Tags.commands,
    Tags.compatibility,
    Tags.database,
    Tags.files,
    Tags.models,
    Tags.security,
    Tags.signals,
    Tags.sites,
    Tags.staticfiles,
    Tags.translation,
]
# Left to the commands that serve or check pages: what the list above leaves out.
PAGE_CHECKS = (Tags.admin, Tags.templates, Tags.urls)


def main_help_text(prog_name: str) -> str | None:
    """Django's list of commands, as `ManagementUtility.main_help_text()` gives it after
    `django.setup()`, read from the installed apps' configurations only (no model imported).

    None when Django's own way must be taken: settings that cannot be read (Django then lists
    its core commands with a note saying why), or an app registry already being populated.
    The registry is left as it was found, unpopulated, whatever happens.
    """
    if apps.ready or apps.loading or apps.app_configs:
        return None
    try:
        installed = list(settings.INSTALLED_APPS)
    except (ImproperlyConfigured, ImportError):
        return None
    # What the registry's first phase (Apps.populate) does: each app's configuration, whose
    # `name` and `path` are all that get_commands() reads.
    try:
        for entry in installed:
            config = AppConfig.create(entry)
            config.apps = apps
            apps.app_configs[config.label] = config
        apps.apps_ready = True
        return ManagementUtility([prog_name, "help"]).main_help_text()
    finally:
        apps.app_configs.clear()
        apps.apps_ready = False
        # functools.cache, which django-stubs types as a plain function.
        get_commands.cache_clear()  # type: ignore[attr-defined]
