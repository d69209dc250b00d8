from django.apps import AppConfig


class BenchmarkingConfig(AppConfig):
    name = "quarterly.benchmarking"
    label = "benchmarking"
    verbose_name = "Benchmarking"
