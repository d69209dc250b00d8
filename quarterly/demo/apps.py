from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo council: data and the `quarterly demo` command. No models; production code
    never imports it."""

    name = "quarterly.demo"
    label = "demo"
    verbose_name = "Demo council"
