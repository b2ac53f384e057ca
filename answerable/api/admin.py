"""API clients in the admin: see them, and revoke a token at once.

A token is never issued here: it reads and writes people's records across a force's
divisions, so it is created (or replaced) on the server's command line only,
`answerable apitoken create NAME --scope ... --force ...`, by someone who can already read
the register there. Its scopes and force are not widened here either. Every creation,
change and revocation is logged in the s62 audit trail (api/audit_clients.py).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from answerable.api.models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    fields = (
        "name",
        "description",
        "scope_list",
        "force",
        "active",
        "token_hint",
        "created_at",
        "revoked_at",
        "last_used_at",
    )
    list_display = ("name", "description", "scope_list", "force", "active", "last_used_at")
    list_filter = ("active",)
    search_fields = ("name",)
    readonly_fields = (
        "name",
        "scope_list",
        "force",
        "token_hint",
        "created_at",
        "revoked_at",
        "last_used_at",
    )
    actions = ("revoke",)

    @admin.display(description="scopes")
    def scope_list(self, client: ApiClient) -> str:
        return ", ".join(client.scopes)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # answerable apitoken create, on the server

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked, and kept: the audit trail names it

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        if "active" in form.changed_data:
            if obj.active:
                # A revoked token stays revoked; a new one is issued on the server.
                obj.active = False
                self.message_user(
                    request,
                    "A revoked token is not brought back here: issue a new one on the "
                    "server (answerable apitoken create NAME --new-token ...).",
                    level="warning",
                )
            else:
                obj.revoke()
        super().save_model(request, obj, form, change)

    @admin.action(description="Revoke the selected clients' tokens")
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for client in queryset:
            client.revoke()
            client.save(update_fields=["active", "revoked_at"])
        self.message_user(request, f"Revoked {queryset.count()} token(s).")
