from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "quarterly.register"
    label = "register"
    verbose_name = "KPI Register"
