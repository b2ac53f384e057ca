"""Forces, divisions and custody centres: reference data administrators keep up to date."""

from django.contrib import admin

from answerable.register.admin.base import RegisterAdmin
from answerable.register.models import Division, Force, Station


@admin.register(Force)
class ForceAdmin(RegisterAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Division)
class DivisionAdmin(RegisterAdmin):
    list_display = ("code", "name", "force")
    list_filter = ("force",)
    list_select_related = ("force",)
    search_fields = ("code", "name")


@admin.register(Station)
class StationAdmin(RegisterAdmin):
    list_display = ("name", "division", "force", "active")
    list_filter = ("active", "force", "division")
    list_select_related = ("force", "division")
    search_fields = ("name",)
