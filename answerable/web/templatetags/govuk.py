"""Template helpers for GOV.UK Frontend markup."""

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.safestring import SafeString

from answerable.web.dates import GovukDateInput

register = template.Library()

# The design system's class for each kind of widget.
WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.Select, "govuk-select"),
    (forms.Textarea, "govuk-textarea"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.widgets.Input, "govuk-input"),
)


def widget_class(widget: forms.Widget, has_error: bool) -> str:
    name = next((name for kind, name in WIDGET_CLASSES if isinstance(widget, kind)), "govuk-input")
    if has_error and name in ("govuk-input", "govuk-select", "govuk-textarea"):
        name += f" {name}--error"
    return name


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    attrs: dict[str, str | bool] = {"class": widget_class(field.field.widget, bool(field.errors))}
    if field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}-hint"
    if field.errors:
        described = attrs.get("aria-describedby", "")
        attrs["aria-describedby"] = f"{described} {field.auto_id}-error".strip()
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def is_choice_list(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_optional(field: BoundField) -> bool:
    """Whether to label the field "(optional)": not required, and not required only in
    some cases (a field given `needed_when`, which its form's clean() enforces then)."""
    return not field.field.required and not getattr(field.field, "needed_when", "")


@register.filter
def is_date_input(field: BoundField) -> bool:
    return isinstance(field.field.widget, GovukDateInput)


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id an error summary links to for the field: the field itself, or for radios and
    checkboxes its first option, which is what the design system's error summary asks for
    (a list of options has no element of the field's own id to move to); for a date, its
    day box."""
    if is_date_input(field):
        return f"{field.auto_id}_day"
    return f"{field.auto_id}_0" if is_choice_list(field) else field.auto_id


@register.filter
def govuk_choices(field: BoundField) -> list[BoundWidget]:
    """A radio or checkbox list's options, each input with the design system's class."""
    widget = field.field.widget
    kind = "checkboxes" if isinstance(widget, forms.CheckboxSelectMultiple) else "radios"
    attrs = {"id": field.auto_id, "class": f"govuk-{kind}__input"}
    options = widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    return [BoundWidget(widget, option, field.form.renderer) for option in options]


@register.filter
def choice_kind(field: BoundField) -> str:
    return (
        "checkboxes" if isinstance(field.field.widget, forms.CheckboxSelectMultiple) else "radios"
    )
