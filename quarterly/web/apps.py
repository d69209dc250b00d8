from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "quarterly.web"
    label = "web"
    verbose_name = "Web"
