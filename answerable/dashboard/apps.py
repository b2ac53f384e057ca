from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "answerable.dashboard"
    verbose_name = "Staff dashboard"
