"""API clients in the admin: register a system, choose its scopes, see its token once."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from answerable.api.models import ApiClient
from answerable.api.scopes import DESCRIPTIONS, Scope, parse_scopes


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=[(scope.value, f"{scope.value}: {DESCRIPTIONS[scope]}") for scope in Scope],
        widget=forms.CheckboxSelectMultiple,
        help_text="Only what the system needs (least privilege).",
    )

    class Meta:
        model = ApiClient
        fields = ("name", "description", "scopes", "force", "active")

    def clean_scopes(self) -> list[str]:
        return [scope.value for scope in parse_scopes(self.cleaned_data["scopes"])]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ("name", "description", "scope_list", "force", "active", "last_used_at")
    list_filter = ("active",)
    search_fields = ("name",)
    readonly_fields = ("token_hint", "created_at", "revoked_at", "last_used_at")
    actions = ("revoke", "issue_new_token")

    @admin.display(description="scopes")
    def scope_list(self, client: ApiClient) -> str:
        return ", ".join(client.scopes)

    def save_model(self, request: HttpRequest, obj: ApiClient, form: Any, change: bool) -> None:
        token = obj.issue_token() if not change else None
        if change and "active" in form.changed_data and not obj.active:
            obj.revoke()
        super().save_model(request, obj, form, change)
        if token is not None:
            _show_once(request, obj, token)

    @admin.action(description="Revoke the selected clients' tokens")
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for client in queryset:
            client.revoke()
            client.save(update_fields=["active", "revoked_at"])
        self.message_user(request, f"Revoked {queryset.count()} token(s).")

    @admin.action(description="Issue a new token (the old one stops working)")
    def issue_new_token(self, request: HttpRequest, queryset: Any) -> None:
        for client in queryset:
            token = client.issue_token()
            client.active, client.revoked_at = True, None
            client.save(update_fields=["token_hash", "token_hint", "active", "revoked_at"])
            _show_once(request, client, token)


def _show_once(request: HttpRequest, client: ApiClient, token: str) -> None:
    messages.warning(
        request,
        f"The token of {client.name} is {token} . It is shown only this once: give it to "
        "the system's administrator now; only its SHA-256 is stored.",
    )
