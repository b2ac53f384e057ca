from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demonstration data: the generator, the calibrated demo, its cases and users."""

    name = "answerable.demo"
    verbose_name = "Demonstration data"
