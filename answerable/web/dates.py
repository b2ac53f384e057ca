"""The GOV.UK date input: a date asked for as three boxes, day, month and year.

GOV.UK Design System, "Date input": no calendar picker (a browser's native one differs in
every browser, reads badly to screen readers and is slow for a date a person already
knows), three text boxes with the numeric keyboard, in a fieldset whose legend names the
date. Every staff form that asks for a date uses it (`GovukDateField`), so dates are typed
the same way everywhere.

The three boxes are sent as `<name>_day`, `<name>_month` and `<name>_year`; a link or a
bookmark that gives the date as one value, `<name>=2026-12-04` or `04/12/2026`, is still
read, so that addresses made before stay good.
"""

from datetime import date, datetime
from typing import Any

from django import forms

from answerable.core.dates import SINGLE_VALUE_DATE_FORMATS

PARTS = ("day", "month", "year")


class GovukDateInput(forms.MultiWidget):
    template_name = "web/forms/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
            for part in PARTS
        }
        super().__init__(boxes, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("/") == 2:
            return [part or None for part in value.split("/")]  # as typed, right or wrong
        if isinstance(value, str) and value:
            for pattern in SINGLE_VALUE_DATE_FORMATS:
                try:
                    day = datetime.strptime(value, pattern).date()
                except ValueError:
                    continue
                return [day.day, day.month, day.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = [str(data.get(f"{name}_{part}", "")).strip() for part in PARTS]
        if not any(parts):
            return data.get(name, "")  # one value (an older link), or nothing
        day, month, year = parts
        if not all(parts):
            return "/".join(parts)  # incomplete: not a date, so the field says which part
        return f"{day}/{month}/{year}"

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and all(f"{name}_{part}" not in data for part in PARTS)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        error = "govuk-input--error" in str((attrs or {}).get("class", ""))
        base = (attrs or {}).get("id") or f"id_{name}"
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            subwidget["attrs"]["id"] = f"{base}_{part}"
            width = 4 if part == "year" else 2
            classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            if error:
                classes += " govuk-input--error"
            subwidget["attrs"]["class"] = classes
            subwidget["attrs"].pop("aria-describedby", None)
            subwidget["part"] = part.capitalize()
        return context


class GovukDateField(forms.DateField):
    """A date typed as day, month and year; errors in the GOV.UK pattern's words."""

    widget = GovukDateInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", SINGLE_VALUE_DATE_FORMATS)
        label = str(kwargs.get("label") or "The date")
        messages = {"invalid": f"{label} must be a real date, for example 27 3 2026"}
        messages.update(kwargs.pop("error_messages", None) or {})
        super().__init__(*args, error_messages=messages, **kwargs)

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, str) and value.count("/") == 2 and "" in value.split("/"):
            day, month, year = value.split("/")
            missing = [n for n, v in zip(PARTS, (day, month, year), strict=True) if not v]
            raise forms.ValidationError(
                f"{self.label or 'The date'} must include a {' and a '.join(missing)}",
                code="incomplete",
            )
        return super().to_python(value)
