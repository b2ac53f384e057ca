from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "answerable.backup"
    verbose_name = "Backup and restore"
