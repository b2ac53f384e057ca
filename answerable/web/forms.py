"""Django forms drawn as GOV.UK Frontend form components (labels, hints, error messages).

Set as FORM_RENDERER, so `{{ form }}` on any staff page gives the design system's markup;
the admin keeps its own widgets and templates.
"""

from django.forms.renderers import DjangoTemplates


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
