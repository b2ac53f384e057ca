"""Links between register records on admin pages."""

from django.db.models import Model
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString


def change_url(obj: Model) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def change_link(obj: Model | None) -> SafeString | None:
    """A link to the record's admin page; None (shown as "Not recorded") when absent."""
    if obj is None:
        return None
    return format_html('<a href="{}">{}</a>', change_url(obj), obj)


def changelist_url(model: type[Model], **filters: object) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    return f"{url}?{query}" if query else url
