"""Each view names the scope each method needs; a token without it is refused (403)."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from answerable.api.models import ApiClient
from answerable.api.scopes import DESCRIPTIONS


class HasScope(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.user
        if not isinstance(client, ApiClient):
            return False  # no credentials: DRF answers 401 with WWW-Authenticate
        scope = view.scope_for(request.method)
        if scope is None:
            # A method the view does not have answers 405; one it has must name its scope.
            method = request.method.lower()
            return not (method in view.http_method_names and hasattr(view, method))
        if not client.may(scope):
            self.message = (
                f"This system's token may not {DESCRIPTIONS[scope]}: it needs the scope "
                f"{scope.value}."
            )
            return False
        return True
