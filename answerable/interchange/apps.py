from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    """The interchange formats and their importer: no models of its own (it writes the
    register's), and the `answerable import` command."""

    name = "answerable.interchange"
    verbose_name = "Interchange formats"
