"""What a process loads when Django starts (answerable/cli.py sets it, before django.setup()).

Discovering the admin imports every app's admin module, and with them casework, letters,
PDF and spreadsheet code: a third of a command's start-up (issue 16). A command that needs
neither the admin site nor the system checks (`answerable ask`, `answerable --help`) starts
without it; the admin is still discovered whenever URLs are loaded (answerable/urls.py), so
a page, a test and every other command see the whole admin site, as before.
"""

# Set by answerable/cli.py for a light command, read by the admin's AppConfig.ready().
defer_admin_discovery = False
