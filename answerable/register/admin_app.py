"""The admin application and its site: the register's header, and the warning shown on every
page while synthetic demonstration data is loaded (staff must never mistake demonstration
records for real ones, nor enter real records into a demonstration installation).

Kept apart from apps.py because a module may declare only one default AppConfig, and apart
from the admin package because resolving the default site must not import the modules that
register with it.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class RegisterAdminConfig(AdminConfig):
    default_site = "answerable.register.admin_app.RegisterAdminSite"


class RegisterAdminSite(admin.AdminSite):
    site_header = "Answerable register"
    site_title = "Answerable register"
    index_title = "Register records"
    # Not "admin/index.html": django.contrib.admin comes first in INSTALLED_APPS, so its own
    # template would shadow an override of that name.
    index_template = "admin/answerable_index.html"

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        from answerable.register.models import ImportBatch

        context = super().each_context(request)
        context["synthetic_data"] = ImportBatch.objects.filter(synthetic=True).exists()
        return context
