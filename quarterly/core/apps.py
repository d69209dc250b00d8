from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quarterly.core"
    label = "core"
    verbose_name = "Core"
