from django.apps import AppConfig


class StatisticsReleasesConfig(AppConfig):
    name = "answerable.statistics_releases"
    label = "statistics_releases"
    verbose_name = "Published statistics"
    default_auto_field = "django.db.models.BigAutoField"
