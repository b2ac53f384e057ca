"""Published statistics in the staff admin: the authority edits its release definitions
(the tables of each series), and the disclosure manager checks a prepared edition. Editions
are counted by `answerable release prepare` and are read-only here."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from answerable.statistics_releases import services
from answerable.statistics_releases.models import DefinedTable, Edition, ReleaseDefinition


class DefinedTableInline(admin.StackedInline):
    model = DefinedTable
    extra = 0
    fields = ("position", "title", "question", "by", "where", "bands", "ages", "count", "period")


@admin.register(ReleaseDefinition)
class ReleaseDefinitionAdmin(SimpleHistoryAdmin):
    list_display = ("title", "slug", "publication_lag_days")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [DefinedTableInline]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("slug", "period", "number", "status", "publish_on", "prepared_by", "checked_by")
    list_filter = ("status", "definition")
    actions = ["check_editions"]
    readonly_fields = [field.name for field in Edition._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Edition | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Edition | None = None) -> bool:
        return False

    def has_check_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(services.CHECK_PERMISSION)

    @admin.action(description="Check the selected editions for publication", permissions=["check"])
    def check_editions(self, request: HttpRequest, queryset: QuerySet[Edition]) -> None:
        for edition in queryset:
            try:
                services.check(edition, request.user)
            except services.ReleaseError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request, f"Checked {edition.slug}: published on {edition.publish_on}."
                )
