from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages' frame: GOV.UK Frontend layout, navigation by role, sign-in, errors, charts."""

    name = "answerable.web"
    verbose_name = "Web pages"
