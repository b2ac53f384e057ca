from django.apps import AppConfig


class ClockConfig(AppConfig):
    name = "answerable.clock"
    label = "clock"
    verbose_name = "Statutory clock"
