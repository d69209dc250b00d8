from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """Every import and export: read safely, parse, validate, apply, report. No models."""

    name = "quarterly.exchange"
    label = "exchange"
    verbose_name = "Imports and exports"
