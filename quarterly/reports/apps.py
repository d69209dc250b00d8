from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "quarterly.reports"
    label = "reports"
    verbose_name = "Reports"
