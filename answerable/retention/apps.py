from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "answerable.retention"
    verbose_name = "Retention schedule"
