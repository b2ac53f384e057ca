"""Staff accounts in the admin, within the roles (answerable/roles/grants.py).

Django's own user admin lets anyone who may change users set superuser status, any group
and any permission, on any account (their own included), and any account's password: an
administrator could become anyone. Here an account manager changes names, e-mail, active
state and the roles they may grant; superuser status and single permissions are refused
(they are set on the server's command line: `answerable createsuperuser`,
`answerable roles grant`); and only one's own password is set here.

What is refused is logged in the s62 audit trail as well as what is done (the changes
themselves are logged by answerable/audit/accounts.py, whoever makes them).
"""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest

from answerable.audit.actions import Action
from answerable.audit.trail import record
from answerable.roles.grants import COMMAND_LINE_ONLY, refused_roles, role_of_group, within_reach
from answerable.roles.roles import ROLES

User = get_user_model()

REFUSED = "refused"


def held_permissions(user: Any) -> frozenset[str]:
    """Every permission the account holds through its roles and its own, active or not
    (Django's get_all_permissions() is empty for an inactive account, which would put a
    deactivated officer within anyone's reach)."""
    if user.is_superuser:
        rows = Permission.objects.values_list("content_type__app_label", "codename")
    else:
        rows = (
            Permission.objects.filter(Q(group__user=user) | Q(user=user))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
    return frozenset(f"{app}.{codename}" for app, codename in rows)


def refuse(request: HttpRequest, target: Any, what: str, detail: dict[str, Any]) -> None:
    """Log an attempt the rules refused, against the account it was made on."""
    record(
        Action.ALTERATION,
        record_type="auth.user",
        record_id=target.pk if target is not None and target.pk else "",
        purpose=f"{REFUSED}: {what}",
        detail={REFUSED: True, **detail},
    )


def refuse_command_line_only(form: Any) -> None:
    """Refuse (and log) a form posting superuser status or single permissions."""
    posted = [
        name
        for name in COMMAND_LINE_ONLY
        if any(value not in ("", "off", "false", "0") for value in form.data.getlist(name))
    ]
    if posted:
        refuse(form.request, form.instance, "superuser status or permissions", {"fields": posted})
        raise forms.ValidationError(
            "Superuser status and single permissions are not set here: every permission "
            "comes from a role, and a superuser is made on the server "
            "(answerable createsuperuser)."
        )


class StaffCreationForm(AdminUserCreationForm):
    request: HttpRequest  # set for each request by StaffAdmin.get_form

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        refuse_command_line_only(self)
        return cleaned


class StaffChangeForm(UserChangeForm):
    """An account's details and roles, checked against what its editor holds."""

    request: HttpRequest  # set for each request by StaffAdmin.get_form

    class Meta:
        model = User
        fields = (
            "username",
            "password",
            "first_name",
            "last_name",
            "email",
            "is_active",
            "groups",
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None and self.instance.pk != self.request.user.pk:
            password.help_text = (
                "Only the account's own user sets its password (on the server: "
                "answerable changepassword USER)."
            )
        if "groups" in self.fields:
            groups_field = self.fields["groups"]
            assert isinstance(groups_field, forms.ModelMultipleChoiceField)
            groups_field.queryset = Group.objects.filter(
                name__in=[spec.name for spec in ROLES.values()]
            ).order_by("name")
            self.fields["groups"].label = "Roles"
            self.fields["groups"].help_text = (
                "You may give or take away only a role whose permissions you hold yourself, "
                "and never change your own. Other roles are given on the server: "
                "answerable roles grant USER ROLE."
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        editor = self.request.user
        refuse_command_line_only(self)
        if "groups" in cleaned:
            before = (
                list(self.instance.groups.values_list("name", flat=True))
                if self.instance.pk
                else []
            )
            after = [group.name for group in cleaned["groups"]]
            own = self.instance.pk is not None and self.instance.pk == editor.pk
            refused = refused_roles(held_permissions(editor), before, after, own)
            if refused:
                refuse(self.request, self.instance, "change of roles", {"roles": refused})
                reason = (
                    "You cannot change your own roles"
                    if own
                    else "You may give or take away only roles whose permissions you hold"
                )
                self.add_error("groups", f"{reason}: refused {', '.join(refused)}.")
        return cleaned


class StaffAdmin(UserAdmin):
    form = StaffChangeForm
    add_form = StaffCreationForm
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "groups")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    list_display = ("username", "email", "first_name", "last_name", "is_active")
    list_filter = ("is_active", "groups")
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and not self._within_reach(request, obj):
            # Out of reach: only shut out (or let back in), never re-addressed, so that
            # nobody takes over an account that holds more than they do.
            fields += ("username", "first_name", "last_name", "email")
            if obj.is_superuser:
                fields += ("is_active", "groups")
        return fields

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form: Any = super().get_form(request, obj, change=change, **kwargs)
        form.request = request  # the form's own checks ask who is changing the account
        return form

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        roles = [role_of_group(name) for name in user.groups.values_list("name", flat=True)]
        uses_admin = any(role is not None and ROLES[role].uses_admin for role in roles)
        if uses_admin and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        target = self.get_object(request, id)
        if target is not None and target.pk != request.user.pk:
            refuse(request, target, "setting another account's password", {"password": True})
            raise PermissionDenied(
                "Only the account's own user sets its password (or, on the server, "
                "answerable changepassword)."
            )
        return super().user_change_password(request, id, form_url)

    def _within_reach(self, request: HttpRequest, obj: Any) -> bool:
        return within_reach(held_permissions(request.user), held_permissions(obj), obj.is_superuser)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffAdmin)
