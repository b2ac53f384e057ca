"""The admin application and its site, for every app's admin: the register's header, and the
warning shown on every page while synthetic demonstration data is loaded (staff must never
mistake demonstration records for real ones, nor enter real records into a demonstration
installation; web/demonstration.py).

Kept apart from apps.py because a module may declare only one default AppConfig, and apart
from the admin package because resolving the default site must not import the modules that
register with it.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.apps import AdminConfig, SimpleAdminConfig
from django.http import HttpRequest

from answerable.web.demonstration import synthetic_data_loaded

# What a list filter or the date hierarchy adds to a field's path in the query string. Any
# other lookup (__regex, __contains, __startswith, ...) is refused: it would let a query
# string probe values no filter offers, and a bad regular expression was a 500.
FILTER_LOOKUPS = frozenset(
    {"exact", "isnull", "in", "gte", "gt", "lte", "lt", "year", "month", "day", "id", "pk"}
)


class FilterLookupsOnly:
    """A list page filters only as its list filters, date hierarchy and search do; any other
    lookup in the query string is a 400 (Django's DisallowedModelAdminLookup)."""

    model: Any

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        for path in self._filter_paths(request):
            if lookup == path:
                return True
            if lookup.startswith(path + "__"):
                rest = lookup[len(path) + 2 :].split("__")
                if all(part in FILTER_LOOKUPS for part in rest):
                    return True
        # The records of one related record, as the admin's own links ask for them (a
        # person's custody episodes: person__id__exact=N): an identifier, nothing to probe.
        parts = lookup.split("__")
        if len(parts) == 3 and parts[1:] in (["id", "exact"], ["pk", "exact"]):
            field = next((f for f in self.model._meta.get_fields() if f.name == parts[0]), None)
            if field is not None and field.is_relation:
                return True
        # A related-object popup's limit_choices_to (Django's own rule).
        for fk_lookup in self.model._meta.related_fkey_lookups:
            fk_lookup = fk_lookup() if callable(fk_lookup) else fk_lookup
            if (lookup, value) in widgets.url_params_from_lookup_dict(fk_lookup).items():
                return True
        return False

    def _filter_paths(self, request: HttpRequest | None) -> list[str]:
        paths = []
        # A ModelAdmin mixin: get_list_filter is the admin's own.
        list_filter = self.get_list_filter(request) if request is not None else []  # type: ignore[attr-defined]
        for entry in list_filter:
            if isinstance(entry, (tuple, list)):
                entry = entry[0]
            if isinstance(entry, str):
                paths.append(entry)
            elif getattr(entry, "parameter_name", None):  # a SimpleListFilter
                paths.append(entry.parameter_name)
        hierarchy = getattr(self, "date_hierarchy", None)
        if hierarchy:
            paths.append(hierarchy)
        return paths


class AnswerableAdminConfig(AdminConfig):
    default_site = "answerable.web.admin_app.AnswerableAdminSite"

    def ready(self) -> None:
        from answerable import startup

        if startup.defer_admin_discovery:
            # A light command (answerable/startup.py): the admin's checks, not its modules;
            # answerable/urls.py discovers them if URLs are ever loaded.
            SimpleAdminConfig.ready(self)
            return
        super().ready()


class AnswerableAdminSite(admin.AdminSite):
    site_header = "Answerable register"
    site_title = "Answerable register"
    index_title = "Register records"
    # Not "admin/index.html": django.contrib.admin comes first in INSTALLED_APPS, so its own
    # template would shadow an override of that name.
    index_template = "admin/answerable_index.html"

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        # Every model's admin, ours and Django's (users, groups), filters as its list
        # filters only.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, FilterLookupsOnly):
            admin_class = type(
                admin_class.__name__,
                (FilterLookupsOnly, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        context = super().each_context(request)
        context["synthetic_data"] = synthetic_data_loaded()
        return context
